"""PDF factories for the document tests: every PDF is a real file written by PyMuPDF in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

PARA = (
    "The strategy buys the index when the fast moving average crosses above the slow one and exits on "
    "the reverse cross. Risk is limited with a stop loss. "
)


def write_pdf(path: Path, pages: list[str], *, table: bool = False, **save_kw) -> Path:
    """A text PDF with one page per string (optionally with a ruled 2x3 table on each page)."""
    import pymupdf

    doc = pymupdf.open()
    for text in pages:
        page = doc.new_page()
        page.insert_textbox(pymupdf.Rect(72, 72, 540, 400), text, fontsize=10)
        if table:
            rows = [["Parameter", "Value"], ["Fast SMA", "50 days"], ["Stop loss", "8%"]]
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    rect = pymupdf.Rect(72 + c * 150, 420 + r * 20, 72 + (c + 1) * 150, 440 + r * 20)
                    page.draw_rect(rect, color=(0, 0, 0), width=0.5)
                    page.insert_text((rect.x0 + 4, rect.y1 - 6), cell, fontsize=9)
    doc.set_metadata({"title": "Test note", "author": "Tester", "creationDate": "D:20240102030405Z"})
    doc.save(path, **save_kw)
    doc.close()
    return path


@pytest.fixture
def make_pdf(tmp_path: Path):
    def _make(name: str = "note.pdf", pages: list[str] | None = None, **kw) -> Path:
        return write_pdf(tmp_path / name, pages or ["Page one: buy SPY. " + PARA, "Page two: sell SPY. " + PARA], **kw)

    return _make


@pytest.fixture
def image_only_pdf(tmp_path: Path) -> Path:
    """A scan-like PDF: each page is a picture of text, with no text layer."""
    import pymupdf

    src = pymupdf.open(write_pdf(tmp_path / "src.pdf", ["Buy SPY when the 50-day SMA crosses the 200-day."]))
    pix = src[0].get_pixmap(dpi=72)
    src.close()
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_image(page.rect, pixmap=pix)
    path = tmp_path / "scan.pdf"
    doc.save(path)
    doc.close()
    return path
