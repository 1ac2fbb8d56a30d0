"""Load a document from a path, bytes or an upload: ``load_document`` and the batch ``load_documents``.

    doc = foa.load_document("broker_note.pdf")                  # fast text mode
    doc = foa.load_document("broker_note.pdf", mode="markdown")   # layout-aware markdown, tables kept
    doc = foa.load_document(upload.value[0])                    # an ipywidgets FileUpload entry
    batch = foa.load_documents("notes/*.pdf")                    # loaded + failed, with reasons

The type comes from the file name's suffix (or, for unnamed bytes, from the content). Every failure is a
DocumentError naming the file and saying what to do; nothing else escapes.
"""

from __future__ import annotations

import glob
import html
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal, Union

from foa.documents.model import Document
from foa.errors import DocumentError

__all__ = ["CODE_SUFFIXES", "SUPPORTED", "LoadResult", "expand_sources", "load_document", "load_documents"]

# suffix -> mime type. Anything else is refused with this list in the message.
SUPPORTED: dict[str, str] = {
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
}
# strategy code as text: Pine Script, Python (backtrader, freqtrade, zipline, ...), MQL4/5, AmiBroker AFL,
# NinjaScript/cAlgo C#, eSignal, R, EasyLanguage (.el), thinkScript (.ts) and JavaScript bots (.js)
CODE_SUFFIXES = (".pine", ".py", ".mq4", ".mq5", ".mqh", ".afl", ".cs", ".efs", ".r", ".el", ".ts", ".js")
SUPPORTED.update({s: "text/plain" for s in CODE_SUFFIXES})
MODES = ("text", "markdown")

Source = Union[str, os.PathLike, bytes, bytearray, memoryview, BinaryIO, dict]


def _supported_list() -> str:
    return ", ".join(sorted(SUPPORTED))


def _is_file(raw: str) -> bool:
    """A file of that name exists (a path may hold a newline); an impossible name is simply not one."""
    try:
        return os.path.isfile(raw)
    except (OSError, ValueError):  # name too long, NUL byte
        return False


def _sniff_suffix(data: bytes) -> str:
    head = data[:1024].lstrip()
    if data[:1024].find(b"%PDF-") != -1:
        return ".pdf"
    if head[:15].lower().startswith((b"<!doctype html", b"<html")):
        return ".html"
    return ".txt"


def _read_source(source: Source, name: str | None) -> tuple[bytes | None, Path | None, str]:
    """-> (bytes or None when a path should be opened directly, path or None, display name)."""
    # ipywidgets FileUpload (8.x) gives dicts {"name", "type", "size", "content": memoryview, ...}
    if isinstance(source, dict):
        if "content" not in source:
            raise DocumentError(
                "an upload dict needs a 'content' key (bytes or memoryview), like an ipywidgets FileUpload "
                "entry: pass upload.value[0]."
            )
        return _read_source(source["content"], name or source.get("name"))
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), None, name or "document"
    if isinstance(source, (str, os.PathLike)):
        raw = os.fspath(source)
        if isinstance(raw, str) and ("\n" in raw or len(raw) > 4096) and not _is_file(raw):
            raise DocumentError(
                "load_document got a string that looks like document text, not a path. Use "
                "foa.Document.from_text(text, name=...) for text you already have."
            )
        path = Path(raw).expanduser()
        shown = name or path.name or str(path)
        try:
            path.stat()
        except FileNotFoundError:
            pass  # reported just below, with the cwd hint
        except OSError as err:  # name too long, symlink loop, permission on a parent folder
            raise DocumentError(f"{shown[:80]}: cannot open {str(path)[:200]!r} ({err.strerror}). Check the path "
                                "(a shorter name, no symlink loop, a folder you may read).") from err
        if not path.exists():
            raise DocumentError(f"{shown}: no such file {str(path)!r}. Check the path (relative paths start at {os.getcwd()}).")
        if path.is_dir():
            raise DocumentError(
                f"{shown} is a directory, not a document. Pass one file, or load every file in it with "
                f"foa.load_documents({str(path)!r})."
            )
        if not path.is_file():  # a FIFO or device would block or read as 0 bytes
            raise DocumentError(f"{shown} is not a regular file (a pipe, socket or device). Save the document to "
                                "a file, or pass its bytes: foa.load_document(data, name='note.txt').")
        return None, path, shown
    if hasattr(source, "read"):
        try:
            data = source.read()
        except (OSError, ValueError) as err:
            raise DocumentError(f"could not read the file object {name or ''}: {err}. Pass a path or bytes instead.") from err
        if isinstance(data, str):
            raise DocumentError(
                "the file object was opened in text mode; open it with mode 'rb' (binary) or pass its path."
            )
        fname = getattr(source, "name", None)
        shown = name or (Path(fname).name if isinstance(fname, str) else None) or "document"
        return bytes(data), None, shown
    raise DocumentError(
        f"cannot load a {type(source).__name__}: pass a path, bytes, a binary file object or an ipywidgets "
        "FileUpload entry."
    )


def load_document(
    source: Source,
    *,
    name: str | None = None,
    password: str | None = None,
    mode: Literal["text", "markdown"] = "text",
    progress: bool = True,
) -> Document:
    """Load a PDF, text, markdown or HTML document into a page-aware ``Document``.

    ``source``: a path, bytes, a binary file object or an ipywidgets FileUpload entry. ``name`` overrides
    the file name (and so the type, by suffix). ``password`` opens an encrypted PDF. ``mode="markdown"``
    adds layout-aware markdown (headings, tables) to each PDF page: slower, opt-in, with a progress bar
    on long files unless ``progress=False``.

    >>> doc = load_document("broker_note.pdf"); doc.page(1).text[:40]
    """
    if mode not in MODES:
        raise DocumentError(f"mode must be one of {MODES}, got {mode!r}.")
    if password is not None and not isinstance(password, str):  # pymupdf raises a bare TypeError
        raise DocumentError(f"password must be a str, got {type(password).__name__}: pass password='...' (quoted).")
    data, path, shown = _read_source(source, name)
    suffix = Path(shown).suffix.lower()
    if not suffix and path is not None:
        suffix = path.suffix.lower()
    if path is not None:
        size = path.stat().st_size
    else:
        size = len(data or b"")
    if size == 0:
        raise DocumentError(f"{shown} is empty (0 bytes). Check that the file finished downloading or saving.")
    if not suffix:
        if data is None:
            data = _read_path(path, shown)
        suffix = _sniff_suffix(data)
    mime = SUPPORTED.get(suffix)
    if mime is None:
        raise DocumentError(
            f"{shown}: unsupported file type {suffix!r}. foa reads {_supported_list()}; export or save the "
            "document in one of those formats (print a document to PDF; save code or plain text as .txt)."
        )
    source_str = str(path.resolve()) if path is not None else None
    if mime == "application/pdf":
        from foa.documents.pdf import load_pdf

        return load_pdf(data if data is not None else path, name=shown, password=password, mode=mode, source=source_str,
                        progress=progress)
    if data is None:
        data = _read_path(path, shown)
    if mime == "text/html":
        from foa.documents.html import load_html

        return load_html(data, name=shown, source=source_str)
    from foa.documents.text import load_text

    return load_text(data, name=shown, mime=mime, source=source_str)


def _read_path(path: Path, shown: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise DocumentError(f"{shown}: cannot read {str(path)!r} ({err.strerror}). Check its permissions.") from err


# --------------------------------------------------------------------------------------- batches
@dataclass
class LoadResult:
    """What ``load_documents`` loaded and what failed (path -> reason)."""

    loaded: list[Document] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)

    def __iter__(self):
        return iter(self.loaded)

    def __len__(self) -> int:
        return len(self.loaded)

    def __repr__(self) -> str:
        return f"LoadResult(loaded={len(self.loaded)}, failed={len(self.failed)})"

    def _repr_html_(self) -> str:
        ok = "".join(
            f"<tr><td>✓</td><td>{html.escape(d.name)}</td><td>{len(d.pages)} page(s)</td>"
            f"<td>{html.escape(d.title)}</td></tr>"
            for d in self.loaded
        )
        bad = "".join(
            f"<tr style='color:#b00'><td>✗</td><td>{html.escape(Path(p).name)}</td><td colspan=2>"
            f"{html.escape(reason)}</td></tr>"
            for p, reason in self.failed.items()
        )
        return (
            f"<table><caption>{len(self.loaded)} loaded, {len(self.failed)} failed</caption>"
            f"<tr><th></th><th>file</th><th>pages</th><th>title / reason</th></tr>{ok}{bad}</table>"
        )


def expand_sources(folder_or_glob: str | os.PathLike | list) -> list[Path]:
    """The files a folder, a glob or a list of paths names (sorted; a list is kept as given)."""
    if isinstance(folder_or_glob, (list, tuple)):
        return [Path(p) for p in folder_or_glob]
    raw = os.fspath(folder_or_glob)
    p = Path(raw).expanduser()
    if p.is_dir():
        # every supported file directly in the folder (not hidden ones such as .DS_Store)
        return sorted(f for f in p.iterdir() if f.is_file() and not f.name.startswith("."))
    if glob.has_magic(raw):
        found = sorted(Path(f) for f in glob.glob(os.path.expanduser(raw), recursive=True) if Path(f).is_file())
        if found:
            return found
        # a typo in the pattern must not read as "0 loaded, 0 failed"
        raise DocumentError(f"no file matches {raw!r} (relative patterns start at {os.getcwd()}). Check the folder "
                            "and the pattern, e.g. 'notes/*.pdf' or 'notes/**/*.md'.")
    if p.is_file():
        return [p]
    raise DocumentError(
        f"{raw!r} is neither a folder, a file nor a glob that matches anything. Pass a folder or a pattern "
        "like 'notes/*.pdf'."
    )


def load_documents(
    folder_or_glob: str | os.PathLike | list,
    *,
    mode: Literal["text", "markdown"] = "text",
    password: str | None = None,
    progress: bool = True,
) -> LoadResult:
    """Load every document in a folder (or matching a glob, or in a list of paths) with a progress bar.

    One bad file does not stop the batch: it is listed in ``result.failed`` with the reason.

    >>> batch = load_documents("notes/"); batch.failed
    {}
    """
    from tqdm.auto import tqdm

    paths = expand_sources(folder_or_glob)
    result = LoadResult()
    for path in tqdm(paths, desc="loading documents", unit="doc", disable=not progress or len(paths) < 2):
        try:
            result.loaded.append(load_document(path, mode=mode, password=password, progress=False))
        except DocumentError as err:
            result.failed[str(path)] = str(err)
    return result

