"""Pages drawn with their evidence highlighted, checked pixel by pixel against PyMuPDF's own search_for."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import foa
from foa.documents.render import COLOURS, locate_quotes
from foa.errors import DocumentError
from tests.documents.conftest import write_pdf

ZOOM = 2.0
MARGIN_PX = 4

# Three pages: commentary, the rules (the entry sentence wraps across two lines), the risk and costs.
PAGES = [
    "Weekly market letter. Equities rallied on strong earnings; bond yields eased and the dollar was flat. "
    "Nothing on this page is a trading rule.",
    "Trading rule for SPY. Entry: buy SPY at the next day's open when the 50-day simple moving average of the "
    "daily close crosses above the 200-day simple moving average. Exit: sell SPY when the 50-day simple moving "
    "average crosses below the 200-day simple moving average.",
    "Risk: every position carries a stop loss 8% below the entry price. Costs: assume 10 basis points per side.",
]


def _pixels(png: bytes) -> np.ndarray:
    import pymupdf

    pix = pymupdf.Pixmap(png)
    return np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, pix.n)[:, :, :3].astype(int)


@pytest.fixture(scope="module")
def note(tmp_path_factory: pytest.TempPathFactory) -> tuple[foa.Document, foa.StrategySpec, Path]:
    path = write_pdf(tmp_path_factory.mktemp("render") / "note.pdf", PAGES)
    doc = foa.load_document(path)
    spec = foa.extract_strategy(doc, provider="offline")
    return doc, spec, path


def test_highlights_cover_every_quote_and_nothing_else(note) -> None:
    import pymupdf

    doc, spec, path = note
    assert len(spec.evidence) >= 3
    pdf = pymupdf.open(path)
    wrapped = 0
    for number in range(1, len(doc.pages) + 1):
        quotes = [e for e in spec.evidence if e.page == number]
        # the rectangles PyMuPDF itself gives for each quote, in pixels of this zoom
        rects = []
        for e in quotes:
            found = pdf[number - 1].search_for(e.quote)
            assert found, f"{e.field}: {e.quote!r} is not on page {number}"
            wrapped += len({round(r.y0) for r in found}) > 1
            rects += [(r.x0 * ZOOM, r.y0 * ZOOM, r.x1 * ZOOM, r.y1 * ZOOM) for r in found]
        plain = _pixels(doc.render_page(number, zoom=ZOOM))
        marked = _pixels(doc.render_page(number, highlight=spec.evidence, zoom=ZOOM))
        assert plain.shape == marked.shape
        changed = np.abs(marked - plain).max(axis=2) > 8
        allowed = np.zeros_like(changed)
        for x0, y0, x1, y1 in rects:
            allowed[max(0, int(y0) - MARGIN_PX): int(y1) + MARGIN_PX + 1, max(0, int(x0) - MARGIN_PX): int(x1) + MARGIN_PX + 1] = True
            # covered: every background pixel well inside the rectangle took the highlight's colour
            inner = (slice(int(y0) + 2, int(y1) - 1), slice(int(x0) + 2, int(x1) - 1))
            background = plain[inner].min(axis=2) >= 250
            assert background.any()
            assert changed[inner][background].all(), f"page {number}: part of a quote's rectangle is not highlighted"
        assert not (changed & ~allowed).any(), f"page {number}: highlight pixels outside the quotes' rectangles"
        if not quotes:
            assert not changed.any()
    assert wrapped >= 1, "no quote wrapped across two lines: the test lost its hardest case"
    pdf.close()


def test_quotes_not_on_the_page_are_listed_not_drawn(note) -> None:
    doc, spec, _ = note
    page = spec.evidence[0].page
    placed = locate_quotes(doc, page, [spec.evidence[0], "a sentence that is nowhere in the note"])
    assert placed[0].found and not placed[1].found
    assert (_pixels(doc.render_page(page, highlight=["a sentence that is nowhere in the note"], zoom=1.0))
            == _pixels(doc.render_page(page, zoom=1.0))).all()


def test_colour_follows_evidence_state(note) -> None:
    doc, spec, _ = note
    ev = next(e for e in spec.evidence if e.field == "entry")
    x0, y0, x1, y1 = locate_quotes(doc, ev.page, [ev])[0].rects[0]
    cy, cx = int((y0 + y1) / 2), int(x0) + 1

    def hue(**update: object) -> str:
        r, g, b = _pixels(doc.render_page(ev.page, highlight=[ev.model_copy(update=update)], zoom=1.0))[cy, cx]
        return "red" if r > g + 40 else "amber" if r >= g > b + 40 else "green" if g > r else "other"

    assert hue(state="supports") == "green" and hue(state="found") == "amber" and hue(state="not_found") == "red"
    # an Evidence without a state (from before states existed) is coloured by verified
    assert hue(state=None, verified=True) == "amber" and hue(state=None, verified=False) == "red"
    assert set(COLOURS) == {"supports", "found", "not_found"}


def test_quote_differing_only_in_normalisation_is_found(note) -> None:
    doc, _, _ = note
    fancy = "Risk:  every position carries a STOP LOSS 8%\nbelow the entry price."
    placed = locate_quotes(doc, 3, [fancy])
    assert placed[0].found
    assert "<mark" in doc.page_html(3, highlight=[fancy])


def test_text_and_markdown_pages_render_the_same_way() -> None:
    doc = foa.Document.from_text("Intro line.\fBuy SPY when the 2-day RSI closes below 10. Sell above the 5-day SMA.",
                                 name="rules.txt")
    png = doc.render_page(2, highlight=["2-day RSI closes below 10"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert locate_quotes(doc, 2, ["2-day RSI closes below 10"])[0].found
    md = foa.samples.load_sample("rsi_research_note")
    assert md.render_page(1, zoom=1.0)[:4] == b"\x89PNG"
    page = doc.page_html(2, highlight=["2-day RSI"])
    assert "<mark" in page and ">2-day RSI</mark>" in page


def test_page_html_escapes_document_text() -> None:
    doc = foa.Document.from_text("<script>alert(1)</script> buy when <b>RSI</b> < 10")
    out = doc.page_html(1, highlight=["<b>RSI</b>"])
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<mark" in out and "&lt;b&gt;RSI&lt;/b&gt;</mark>" in out


def test_bad_page_and_zoom_are_document_errors(note) -> None:
    doc, _, _ = note
    with pytest.raises(DocumentError, match="pages are numbered 1..3"):
        doc.render_page(4)
    with pytest.raises(DocumentError, match="pages are numbered"):
        doc.render_page(0)
    with pytest.raises(DocumentError, match="zoom"):
        doc.render_page(1, zoom=0)


def test_pdf_without_its_bytes_says_how_to_fix(note, tmp_path: Path) -> None:
    import dataclasses

    doc, _, _ = note
    moved = dataclasses.replace(doc, metadata={**doc.metadata, "source": str(tmp_path / "gone.pdf")}, content=None)
    with pytest.raises(DocumentError, match="original file is not available"):
        moved.render_page(1)
    kept = dataclasses.replace(moved, content=Path(doc.metadata["source"]).read_bytes())
    assert kept.render_page(1, zoom=0.5)[:4] == b"\x89PNG"


def test_workspace_keeps_the_original_pdf_once(note, tmp_path: Path) -> None:
    import dataclasses

    doc, spec, path = note
    ws_path = tmp_path / "ws.duckdb"
    ws = foa.Workspace(ws_path)
    ws.add_document(doc)
    ws.add_document(doc)  # the same content again: stored once
    with ws.read() as con:
        assert con.execute("SELECT count(*), max(size_bytes) FROM document_files").fetchone() == (1, path.stat().st_size)
    want = doc.render_page(2, highlight=spec.evidence)
    path.rename(tmp_path / "moved-away.pdf")  # the file is gone: the workspace alone must be enough
    try:
        again = foa.Workspace(ws_path).document(doc.id[:10])
        assert again.content == (tmp_path / "moved-away.pdf").read_bytes()
        with pytest.raises(DocumentError, match="original file is not available"):
            dataclasses.replace(doc, content=None).render_page(2)
        assert again.render_page(2, highlight=spec.evidence) == want
    finally:
        (tmp_path / "moved-away.pdf").rename(path)


def test_file_above_the_cap_keeps_text_not_bytes(note, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    from foa.documents import store

    doc, _, _ = note
    monkeypatch.setattr(store, "MAX_STORED_BYTES", 100)
    ws = foa.Workspace(tmp_path / "capped.duckdb")
    with caplog.at_level("WARNING", logger="foa.documents.store"):
        ws.add_document(doc)
    assert "above the 0 MB the workspace keeps" in caplog.text and "its text and pages are stored" in caplog.text
    with ws.read() as con:
        assert con.execute("SELECT count(*) FROM document_files").fetchone() == (0,)
    assert ws.document(doc.id).page(2).text == doc.page(2).text
