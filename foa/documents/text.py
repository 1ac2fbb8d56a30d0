"""Plain text and markdown: decode the bytes (utf-8, utf-8 with BOM, utf-16 with BOM, cp1252, latin-1).

Binary content (an image or archive renamed .txt) is refused with a clear error instead of being decoded
into mojibake that a model would then read as a "document".
"""

from __future__ import annotations

import codecs
import unicodedata

from foa.documents.model import Document, Page, first_line, content_id
from foa.errors import DocumentError

__all__ = ["binary_kind", "decode_text", "load_text"]

# Share of control characters (other than tab, newlines, form feed) above which bytes are not text.
BINARY_CONTROL_SHARE = 0.05
# Only the start of the file is sniffed for binary content: enough to catch headers of images/archives.
SNIFF_BYTES = 8192

_TEXT_CONTROLS = {9, 10, 11, 12, 13, 27}
# Share of characters that are not readable text (controls, U+FFFD, unassigned) above which decoded
# "text" is noise; and, for a file that is not UTF-8, the share of ASCII it needs to be a legacy text file.
NOISE_SHARE = 0.10
LEGACY_ASCII_SHARE = 0.5

# file signatures -> what the file is, for a message that names it
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"), (b"BM", "a BMP image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel/PowerPoint file)"), (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc/.xls)"), (b"{\\rtf", "an RTF document"),
    (b"7z\xbc\xaf", "a 7-Zip archive"), (b"Rar!", "a RAR archive"), (b"\x7fELF", "a program (ELF)"),
)


def binary_kind(head: bytes) -> str | None:
    """What a file's first bytes say it is (``'a PNG image'``), or None when no known signature matches.

    >>> binary_kind(b"\\x89PNG\\r\\n\\x1a\\n...")
    'a PNG image'
    """
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "a WebP image"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


def _noise_share(text: str) -> float:
    sample = text[:SNIFF_BYTES * 4]
    bad = sum(1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Cn", "Co")
                                                     and ch not in "\t\n\r\f\v\x1b"))
    return bad / max(len(sample), 1)


def _refuse_noise(text: str, name: str, encoding: str) -> tuple[str, str]:
    """Decoded text that is mostly not text (high bytes only, random data) is refused, not read as mojibake."""
    sample = text[:SNIFF_BYTES * 4]
    legacy = encoding in ("cp1252", "latin-1")
    ascii_share = sum(1 for ch in sample if ch < "\x80") / max(len(sample), 1)
    if _noise_share(text) > NOISE_SHARE or (legacy and ascii_share < LEGACY_ASCII_SHARE):
        raise DocumentError(
            f"{name} does not decode to readable text in any encoding foa reads (UTF-8, UTF-16, Windows-1252): "
            "most of it is control, unassigned or non-Latin bytes, e.g. a binary or a file in another "
            "encoding. Re-save it as UTF-8 text, or export the document as .pdf or .html."
        )
    return text, encoding


def _looks_binary(data: bytes) -> bool:
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    return controls > BINARY_CONTROL_SHARE * max(len(head), 1)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes to text; returns ``(text, encoding)``. Raises DocumentError for binary content.

    >>> decode_text("café".encode("cp1252"), "a.txt")
    ('café', 'cp1252')
    """
    # A BOM is the file telling us its encoding: believe it before any guessing.
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), "utf-16"
            except UnicodeDecodeError as err:
                raise DocumentError(
                    f"{name}: starts with a UTF-16 byte-order mark but is not valid UTF-16. Re-save it as "
                    "UTF-8 text."
                ) from err
    if _looks_binary(data):
        kind = binary_kind(data[:64])
        raise DocumentError(
            f"{name} is not a text file: it contains binary data "
            + (f"(it is {kind})" if kind else "(NUL or control bytes), e.g. an image or archive renamed")
            + ". Export the document as .pdf, .txt, .md or .html and load that file."
        )
    try:
        return _refuse_noise(data.decode("utf-8"), name, "utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1252 is what most non-UTF-8 "text" files in the wild are (smart quotes, euro sign);
    # latin-1 decodes any byte, so it is the last resort for the few bytes cp1252 leaves undefined.
    try:
        return _refuse_noise(data.decode("cp1252"), name, "cp1252")
    except UnicodeDecodeError:
        return _refuse_noise(data.decode("latin-1"), name, "latin-1")


def load_text(data: bytes, *, name: str, mime: str, source: str | None, text: str | None = None,
              encoding: str | None = None) -> Document:
    """A Document from text bytes: one page per form feed, else one page. Markdown keeps its markup."""
    if text is None:
        text, encoding = decode_text(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(
            f"{name} holds no text (only whitespace). Check that it is the right file, or that it was saved "
            "before exporting."
        )
    is_md = mime == "text/markdown"
    pages = [Page(i, part, part if is_md else None) for i, part in enumerate(text.split("\f"), 1)]
    meta = {
        "title": _markdown_title(text) if is_md else first_line(text),
        "author": None,
        "created": None,
        "page_count": len(pages),
        "source": source,
        "encoding": encoding,
        "size_bytes": len(data),
    }
    return Document(id=content_id(data), name=name, mime=mime, pages=pages, metadata=meta)


def _markdown_title(text: str) -> str | None:
    # The first level-1 heading is the title a reader sees; fall back to the first line.
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()[:120] or None
    return first_line(text)
