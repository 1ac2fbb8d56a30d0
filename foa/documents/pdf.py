"""PDF through PyMuPDF: a fast text mode (the default) and an opt-in layout-aware markdown mode.

Text mode calls ``page.get_text()`` page by page. It keeps MuPDF's content-stream order, which is the
reading order of almost every generated PDF (broker notes, papers). ``get_text(sort=True)`` was measured
~30x slower on a 500-page file and interleaves the lines of two-column pages, so it is not used.

Markdown mode (``mode="markdown"``) adds ``Page.markdown`` from ``pymupdf4llm.to_markdown``: headings,
lists and tables as markdown. With ``pymupdf_layout`` installed (it is, pinned with pymupdf 2.0)
pymupdf4llm uses its local ONNX layout model; that model ships inside the wheel, nothing is downloaded.
foa keeps that engine (better reading order and tables than the legacy heuristics at the same measured
speed) but turns its OCR off (``use_ocr=False``): OCR engines are not installed, OCR would print notices,
and an image-only page is reported as needing OCR instead. pymupdf4llm's prints (progress, OCR notices,
"Successfully imported LlamaIndex") are swallowed at the file-descriptor level, so none reaches a notebook.
``Page.text`` is the same plain text in both modes, so quotes are checked against the same text.

Pages are streamed: one page object is alive at a time and only its text is kept, so a 500-page file
loads in bounded memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import re
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from foa.documents.model import Document, Page
from foa.documents.text import binary_kind
from foa.errors import DocumentError

__all__ = ["load_pdf"]

# Markdown mode shows a progress bar from this many pages on (text mode is fast enough without one).
PROGRESS_PAGES = 5
# A file whose last bytes hold no %%EOF and that MuPDF had to repair was cut short (partial download).
_TAIL_BYTES = 2048
_HASH_BLOCK = 1 << 20
_QUIET_LOGGERS = ("pymupdf", "pymupdf4llm", "RapidOCR", "onnxruntime")


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Swallow everything written to stdout/stderr (Python objects and file descriptors 1 and 2) and
    log records of the PDF libraries, for the duration of the block.

    Notebook kernels forward both ``sys.stdout`` and the process's fd 1/2 to the cell output, so both
    levels are redirected. Used only around pymupdf4llm calls, which print unconditionally.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    saved: list[int] = []
    devnull = os.open(os.devnull, os.O_WRONLY)
    loggers = [logging.getLogger(n) for n in _QUIET_LOGGERS]
    levels = [lg.level for lg in loggers]
    try:
        for fd in (1, 2):
            try:
                saved.append(os.dup(fd))
                os.dup2(devnull, fd)
            except OSError:  # no such descriptor (some embedded interpreters): Python level still applies
                saved.append(-1)
        for lg in loggers:
            lg.setLevel(logging.CRITICAL + 1)
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                yield
    finally:
        for fd, old in zip((1, 2), saved):
            if old >= 0:
                os.dup2(old, fd)
                os.close(old)
        os.close(devnull)
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def _pdf_date(raw: str | None) -> str | None:
    """PDF date 'D:20240115093000+01'00'' -> '2024-01-15T09:30:00+01:00' (None when absent)."""
    if not raw:
        return None
    m = re.match(r"D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+\-])?(\d{2})?'?(\d{2})?", raw.strip())
    if not m:
        return raw
    y, mo, d, h, mi, s, tz, tzh, tzm = m.groups()
    out = f"{y}-{mo or '01'}-{d or '01'}"
    if h:
        out += f"T{h}:{mi or '00'}:{s or '00'}"
        if tz in ("Z", "z"):
            out += "Z"
        elif tz and tzh:
            out += f"{tz}{tzh}:{tzm or '00'}"
    return out


def _hash_and_tail(source: bytes | Path) -> tuple[str, bytes, int]:
    """sha256 of the content, its last bytes and its size, reading a file in blocks (not all at once)."""
    if isinstance(source, bytes):
        return hashlib.sha256(source).hexdigest(), source[-_TAIL_BYTES:], len(source)
    h = hashlib.sha256()
    size = 0
    with open(source, "rb") as f:
        while block := f.read(_HASH_BLOCK):
            h.update(block)
            size += len(block)
        f.seek(max(0, size - _TAIL_BYTES))
        tail = f.read()
    return h.hexdigest(), tail, size


def _open(source: bytes | Path, name: str, head_is_pdf: bool) -> Any:
    import pymupdf

    try:
        if isinstance(source, bytes):
            return pymupdf.open(stream=source, filetype="pdf")
        return pymupdf.open(source, filetype="pdf")
    except (pymupdf.FileDataError, pymupdf.EmptyFileError, RuntimeError, ValueError) as err:
        if head_is_pdf:
            raise DocumentError(
                f"{name} starts like a PDF but is damaged or cut short, and PyMuPDF cannot open it. Download "
                "or export it again; if it opens in a PDF viewer, print it to a new PDF and load that."
            ) from err
        raise DocumentError(
            f"{name} is not a PDF (its content does not start with %PDF-). Check the file: it may be another "
            "format renamed .pdf; open it in its own application and export it as PDF."
        ) from err


def _head(source: bytes | Path) -> bytes:
    if isinstance(source, bytes):
        return source[:1024]
    with open(source, "rb") as f:
        return f.read(1024)


def load_pdf(
    data_or_path: bytes | Path,
    *,
    name: str,
    password: str | None = None,
    mode: str = "text",
    source: str | None = None,
    progress: bool = True,
) -> Document:
    """A Document from PDF bytes or a path (see the module docstring for the two modes).

    >>> load_pdf(Path("note.pdf"), name="note.pdf").page(1).text[:30]
    """
    try:
        doc_id, tail, size = _hash_and_tail(data_or_path)
    except OSError as err:
        raise DocumentError(f"{name}: cannot read the file ({err.strerror}). Check its permissions.") from err
    head = _head(data_or_path)
    head_is_pdf = b"%PDF-" in head
    if not head_is_pdf:
        kind = binary_kind(head)
        if kind:  # PyMuPDF opens images as one-page documents, which would then read as "a scan"
            raise DocumentError(f"{name} is not a PDF (it is {kind}). Load the original document, or export it "
                                "as PDF; an image of text needs OCR first (e.g. `ocrmypdf`).")
    pdf = _open(data_or_path, name, head_is_pdf)
    try:
        if pdf.needs_pass:
            if password is None:
                raise DocumentError(
                    f"{name} is password-protected. Pass the password: "
                    f"foa.load_document(..., password='...')."
                )
            if not pdf.authenticate(password):
                raise DocumentError(f"{name}: the password given does not open it. Check the password= value.")
        if pdf.is_repaired and b"%%EOF" not in tail:
            raise DocumentError(
                f"{name} is truncated: the file ends before the PDF does (an interrupted download or copy). "
                "Download or copy it again."
            )
        if pdf.page_count == 0:
            raise DocumentError(f"{name} has no pages. Check that it is the right file and export it again.")
        pages = _read_pages(pdf, name, mode, progress)
        meta = pdf.metadata or {}
        empty = [p.number for p in pages if not p.text.strip()]
        if len(empty) == len(pages):
            raise DocumentError(
                f"{name}: none of its {len(pages)} page(s) has a text layer (it is a scan or images only), so "
                "there is no text to read. OCR is needed: run it through OCR first (e.g. `ocrmypdf "
                f"{name} ocr.pdf`) and load the result."
            )
        metadata = {
            "title": (meta.get("title") or "").strip() or _first_text_line(pages),
            "author": (meta.get("author") or "").strip() or None,
            "created": _pdf_date(meta.get("creationDate")),
            "page_count": len(pages),
            "source": source,
            "size_bytes": size,
            "pages_without_text": empty,
            "mode": mode,
        }
        if pdf.is_repaired:
            metadata["repaired"] = True
    except DocumentError:
        raise
    except (RuntimeError, ValueError) as err:  # pymupdf's errors derive from these
        raise DocumentError(
            f"{name}: PyMuPDF could not read it ({str(err).splitlines()[0] if str(err) else type(err).__name__}). "
            "The file may be damaged: export or print it to a new PDF and load that."
        ) from err
    finally:
        pdf.close()
    # bytes given are kept (an upload has no file to read back when a page is drawn); a path is read again then
    content = data_or_path if isinstance(data_or_path, bytes) else None
    return Document(id=doc_id, name=name, mime="application/pdf", pages=pages, metadata=metadata, content=content)


def _first_text_line(pages: list[Page]) -> str | None:
    for p in pages:
        for line in p.text.splitlines():
            if line.strip():
                return line.strip()[:120]
    return None


def _read_pages(pdf: Any, name: str, mode: str, progress: bool) -> list[Page]:
    """Stream the pages: one page object alive at a time, only its text kept."""
    if mode == "markdown":
        return _markdown_pages(pdf, name, progress)
    pages: list[Page] = []
    for i in range(pdf.page_count):
        page = pdf.load_page(i)
        pages.append(Page(i + 1, page.get_text()))
        del page  # frees the page's display list before the next one is loaded
    return pages


def _markdown_pages(pdf: Any, name: str, progress: bool) -> list[Page]:
    from tqdm.auto import tqdm

    with quiet():
        import pymupdf4llm  # prints on import in some versions: import it inside quiet()

    pages: list[Page] = []
    bar = tqdm(
        total=pdf.page_count, desc="markdown", unit="page", disable=not progress or pdf.page_count < PROGRESS_PAGES
    )
    try:
        for i in range(pdf.page_count):
            page = pdf.load_page(i)
            text = page.get_text()
            del page
            # One page per call keeps memory bounded; OCR off (see module docstring).
            try:
                with quiet():
                    chunk = pymupdf4llm.to_markdown(
                        pdf, pages=[i], page_chunks=True, use_ocr=False, show_progress=False
                    )
            except Exception as err:  # pymupdf4llm raises assorted types; the text mode still works
                raise DocumentError(
                    f"{name}: markdown conversion failed on page {i + 1} ({type(err).__name__}: {err}). "
                    "Load it with mode='text' (the default) instead."
                ) from err
            md = chunk[0]["text"].rstrip() + "\n" if chunk else ""
            pages.append(Page(i + 1, text, md))
            bar.update(1)
    finally:
        bar.close()
    return pages
