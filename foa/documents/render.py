"""A document's page as a picture or as HTML, with evidence quotes highlighted.

    png = doc.render_page(1, highlight=spec.evidence)          # PNG bytes, quotes marked on the page
    html = doc.page_html(1, highlight=["50-day simple moving average"])   # the page text with <mark>
    placed = locate_quotes(doc, 1, spec.evidence)              # where each quote is (or that it is not)

PDF pages are drawn by PyMuPDF from the document's original bytes, and each quote is found with
``Page.search_for`` (which follows a quote across line breaks); a quote that differs from the page only in
what the evidence verifier normalises away (spacing, curly quotes, dashes, case) is found word by word
instead. Text, markdown and HTML pages are first set as a PDF page (their text, wrapped) and then drawn
the same way, so every document gives the same kind of picture.

Highlights are coloured by evidence state: ``supports`` (the quote holds the number it backs) green,
``found`` (on the page) amber, ``not_found`` red. An Evidence without a ``state`` is coloured by
``verified``; a plain string is amber. A quote that is not on the page is reported by
:func:`locate_quotes` and never drawn.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from foa.errors import DocumentError

if TYPE_CHECKING:
    from foa.documents.model import Document

__all__ = ["COLOURS", "PlacedQuote", "evidence_state", "locate_quotes", "page_html", "png_data_uri", "render_page"]

# state -> RGB (0..1); drawn at HIGHLIGHT_OPACITY over the page so the text stays readable
COLOURS: dict[str, tuple[float, float, float]] = {
    "supports": (0.20, 0.70, 0.30),
    "found": (1.00, 0.75, 0.00),
    "not_found": (0.90, 0.20, 0.20),
}
CSS_COLOURS = {"supports": "#b7e4c0", "found": "#ffe08a", "not_found": "#f5b5b5"}
HIGHLIGHT_OPACITY = 0.35
MAX_ZOOM = 6.0
# A text page is set on an A4-wide page (points) with these margins and font size.
_TEXT_WIDTH, _TEXT_MARGIN, _TEXT_FONT = 595, 40, 10
_MAX_PDF_HEIGHT = 14_400  # the PDF format's largest page side, in points

_QUOTE_CHARS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                              "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
                              "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                              "\u2212": "-", "\u00a0": " "})


@dataclass
class PlacedQuote:
    """One highlight request and where it landed: ``rects`` in PDF points (empty when not on the page)."""

    quote: str
    state: str
    field: str = ""
    rects: list[tuple[float, float, float, float]] = dataclasses.field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.rects)


def evidence_state(item: Any) -> str:
    """``supports`` / ``found`` / ``not_found`` for an Evidence (its ``state``, else its ``verified``).

    >>> evidence_state("any text")
    'found'
    """
    state = getattr(item, "state", None)
    if state in COLOURS:
        return str(state)
    verified = getattr(item, "verified", None)
    if verified is False:
        return "not_found"
    return "found"


def _requests(highlight: Any, page: int) -> list[PlacedQuote]:
    """Strings and Evidence objects -> PlacedQuote requests; Evidence citing another page is skipped."""
    if isinstance(highlight, str) or not isinstance(highlight, Iterable):
        highlight = [highlight]
    out: list[PlacedQuote] = []
    for item in highlight:
        if item is None:
            continue
        if isinstance(item, str):
            quote, fld = item, ""
        else:
            quote, fld = getattr(item, "quote", None), getattr(item, "field", "")
            cited = getattr(item, "page", None)
            if quote is None:
                raise DocumentError(f"highlight takes strings or Evidence objects, got {type(item).__name__}")
            if cited is not None and cited != page:
                continue
        if str(quote).strip():
            out.append(PlacedQuote(str(quote), evidence_state(item), str(fld or "")))
    return out


# ---------------------------------------------------------------------------------------- normalising
def _norm_char(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).translate(_QUOTE_CHARS).casefold()


def _normalised_with_map(text: str) -> tuple[str, list[int]]:
    """``text`` normalised as the evidence verifier does (spaces collapsed, quotes/dashes straight, case
    folded) and, for each normalised character, the index of the original character it came from."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            space = bool(out)
            continue
        if ch in "*`\u00ad\u200b":  # markdown emphasis and invisible characters the verifier ignores
            continue
        if space:
            out.append(" ")
            where.append(i)
            space = False
        for c in _norm_char(ch):
            out.append(c)
            where.append(i)
    return "".join(out), where


def _norm(text: str) -> str:
    return _normalised_with_map(text)[0]


def _find_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """(start, end) character spans of ``quote`` in ``text``, compared after normalisation."""
    hay, where = _normalised_with_map(text)
    needle = _norm(quote)
    spans: list[tuple[int, int]] = []
    if not needle:
        return spans
    start = hay.find(needle)
    while start >= 0:
        end = start + len(needle) - 1
        spans.append((where[start], where[end] + 1))
        start = hay.find(needle, start + len(needle))
    return spans


# ---------------------------------------------------------------------------------------- PDF pages
def _check_page(doc: "Document", page: int) -> None:
    if not isinstance(page, int) or isinstance(page, bool):
        raise DocumentError(f"page must be a page number (int), got {page!r}: pages start at 1")
    doc.page(page)  # DocumentError naming the valid range


def _open_pdf(doc: "Document", page: int) -> Any:
    """(pymupdf document, 0-based page index) for ``page``: the original PDF, or the page text set as a PDF."""
    import pymupdf

    if doc.mime == "application/pdf":
        data = doc.original_bytes()
        try:
            pdf = pymupdf.open(stream=data, filetype="pdf")
        except Exception as err:  # pymupdf raises several types for a damaged stream
            raise DocumentError(f"{doc.name}: its stored PDF bytes do not open ({err}); load the file again") from err
        if pdf.needs_pass:  # foa never keeps a password, so an encrypted PDF's pages cannot be drawn
            pdf.close()
            raise DocumentError(f"{doc.name} is password-protected: its pages cannot be drawn. Save an unprotected "
                                "copy (print it to PDF) and load that to review it page by page.")
        return pdf, page - 1
    return _text_pdf(doc.page(page).text), 0


def _text_html(text: str) -> str:
    # one <p> per line keeps the document's line breaks; a blank line keeps its space
    lines = text.replace("\r\n", "\n").split("\n")
    paras = "".join(f"<p>{html.escape(ln) if ln.strip() else '&#160;'}</p>" for ln in lines)
    return (f"<div style='font-family: sans-serif; font-size: {_TEXT_FONT}pt; line-height: 1.35'>{paras}</div>"
            .replace("<p>", "<p style='margin: 0'>"))


def _text_pdf(text: str) -> Any:
    """A one-page PDF (A4 wide, as tall as the text needs) showing ``text`` wrapped at word boundaries."""
    import pymupdf

    body = _text_html(text)
    probe = pymupdf.open()
    page = probe.new_page(width=_TEXT_WIDTH, height=_MAX_PDF_HEIGHT)
    box = pymupdf.Rect(_TEXT_MARGIN, _TEXT_MARGIN, _TEXT_WIDTH - _TEXT_MARGIN, _MAX_PDF_HEIGHT - _TEXT_MARGIN)
    spare, scale = page.insert_htmlbox(box, body, scale_low=0)
    probe.close()
    used = (box.height - spare) if spare >= 0 else box.height
    height = min(_MAX_PDF_HEIGHT, used + 2 * _TEXT_MARGIN)
    pdf = pymupdf.open()
    page = pdf.new_page(width=_TEXT_WIDTH, height=height)
    page.insert_htmlbox(pymupdf.Rect(_TEXT_MARGIN, _TEXT_MARGIN, _TEXT_WIDTH - _TEXT_MARGIN, height), body,
                        scale_low=0)
    return pdf


def _word_rects(pdf_page: Any, quote: str) -> list[tuple[float, float, float, float]]:
    """Line rectangles of ``quote`` matched word by word after normalisation (search_for's fallback)."""
    words = pdf_page.get_text("words")  # (x0, y0, x1, y1, word, block, line, word_no)
    if not words:
        return []
    texts = [_norm(w[4]) for w in words]
    joined, starts = "", []
    for t in texts:
        starts.append(len(joined) + (1 if joined else 0))
        joined = f"{joined} {t}" if joined else t
    needle = _norm(quote)
    at = joined.find(needle)
    if at < 0:
        return []
    end = at + len(needle)
    hit = [i for i, s in enumerate(starts) if s < end and s + len(texts[i]) > at]
    lines: dict[tuple[int, int], list[float]] = {}
    for i in hit:
        x0, y0, x1, y1, _w, block, line, _n = words[i]
        r = lines.setdefault((block, line), [x0, y0, x1, y1])
        r[0], r[1], r[2], r[3] = min(r[0], x0), min(r[1], y0), max(r[2], x1), max(r[3], y1)
    return [tuple(r) for r in lines.values()]  # type: ignore[misc]


def _place(pdf_page: Any, requests: list[PlacedQuote]) -> list[PlacedQuote]:
    for req in requests:
        rects = [tuple(r) for r in pdf_page.search_for(req.quote)]
        if not rects:
            flat = " ".join(req.quote.translate(_QUOTE_CHARS).split())
            rects = [tuple(r) for r in pdf_page.search_for(flat)] if flat != req.quote else []
        if not rects:
            rects = _word_rects(pdf_page, req.quote)
        req.rects = [(float(a), float(b), float(c), float(d)) for a, b, c, d in rects]
    return requests


def locate_quotes(doc: "Document", page: int, highlight: Any = ()) -> list[PlacedQuote]:
    """Where each quote of ``highlight`` (strings or Evidence) is on ``page``, in PDF points.

    Evidence citing another page is left out; a quote not on the page comes back with no ``rects``.

    >>> [q.found for q in locate_quotes(doc, 1, ["50-day", "not in the text"])]  # doctest: +SKIP
    [True, False]
    """
    _check_page(doc, page)
    pdf, index = _open_pdf(doc, page)
    try:
        return _place(pdf[index], _requests(highlight, page))
    finally:
        pdf.close()


def render_page(doc: "Document", page: int, *, highlight: Any = (), zoom: float = 1.5) -> bytes:
    """Page ``page`` (1-based) of ``doc`` as PNG bytes, each quote in ``highlight`` marked in its state's colour.

    ``zoom`` 1.0 is 72 dpi (one pixel per PDF point); 1.5 is 108 dpi.

    >>> png = render_page(doc, 1, highlight=spec.evidence)  # doctest: +SKIP
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"  # doctest: +SKIP
    True
    """
    import pymupdf

    if not isinstance(zoom, (int, float)) or not 0 < zoom <= MAX_ZOOM:
        raise DocumentError(f"zoom must be a number above 0 and at most {MAX_ZOOM:g} (1.0 = 72 dpi), got {zoom!r}")
    _check_page(doc, page)
    pdf, index = _open_pdf(doc, page)
    try:
        pdf_page = pdf[index]
        placed = _place(pdf_page, _requests(highlight, page))
        for q in placed:
            for r in q.rects:
                # drawn into this in-memory copy only; the stored document is never changed
                pdf_page.draw_rect(pymupdf.Rect(r), color=None, fill=COLOURS[q.state],
                                   fill_opacity=HIGHLIGHT_OPACITY, overlay=True)
        pix = pdf_page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
        return pix.tobytes("png")
    finally:
        pdf.close()


def page_html(doc: "Document", page: int, *, highlight: Any = ()) -> str:
    """Page ``page``'s text as HTML (escaped, line breaks kept) with each quote found in a ``<mark>``.

    >>> "<mark" in page_html(doc, 1, highlight=["golden cross"])  # doctest: +SKIP
    True
    """
    _check_page(doc, page)
    text = doc.page(page).text
    marks: list[tuple[int, int, PlacedQuote]] = []
    for req in _requests(highlight, page):
        for start, end in _find_spans(text, req.quote):
            marks.append((start, end, req))
    marks.sort(key=lambda m: (m[0], -m[1]))
    parts: list[str] = []
    pos = 0
    for start, end, req in marks:
        if start < pos:  # overlaps a quote already marked: the first one wins
            continue
        parts.append(html.escape(text[pos:start]))
        title = html.escape(f"{req.field}: {req.state}" if req.field else req.state, quote=True)
        parts.append(f"<mark class='foa-quote foa-{req.state}' style='background:{CSS_COLOURS[req.state]}' "
                     f"title='{title}'>{html.escape(text[start:end])}</mark>")
        pos = end
    parts.append(html.escape(text[pos:]))
    return (f"<div class='foa-page' data-page='{page}' style='white-space:pre-wrap;font-family:sans-serif;"
            f"border:1px solid #ddd;padding:8px 12px'>{''.join(parts)}</div>")


def png_data_uri(png: bytes) -> str:
    """PNG bytes as a ``data:`` URI for an ``<img src>`` (reports embed page images this way)."""
    import base64

    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")

