"""Documents the attack run fed foa: bytes that are not text, an image renamed .pdf, a path holding a
newline, megabytes of text on one line, script inside an HTML <title>. Real files on disk."""

from __future__ import annotations

import os

import pytest

import foa
from foa.errors import DocumentError
from foa.extract.api import OFFLINE_MAX_CHARS, OFFLINE_SCAN_CHARS

RULE = "Buy SPY when the 50-day SMA crosses above the 200-day SMA. Sell when it crosses below the 200-day SMA. "
FILLER = "Markets were mixed today as investors weighed the latest economic data and company news. "


@pytest.mark.parametrize("data", [bytes(range(0x80, 0x100)) * 200, os.urandom(20_000).translate(bytes(
    b | 0x80 for b in range(256)))])  # high bytes only: no NUL, no ASCII control
def test_high_bytes_are_refused_not_read_as_cp1252_noise(tmp_path, data):
    p = tmp_path / "noise.txt"
    p.write_bytes(data)
    with pytest.raises(DocumentError, match="does not decode to readable text"):
        foa.load_document(p)


def test_real_cp1252_text_still_loads(tmp_path):
    p = tmp_path / "note.txt"
    p.write_bytes("Acheter SPY quand la moyenne à 50 jours croise celle à 200 jours – coût 5 €.".encode("cp1252"))
    doc = foa.load_document(p)
    assert doc.metadata["encoding"] == "cp1252" and "€" in doc.text


def test_png_renamed_pdf_is_named_as_a_png(tmp_path):
    import pymupdf

    png = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 8, 8), False).tobytes("png")
    p = tmp_path / "scan.pdf"
    p.write_bytes(png)
    with pytest.raises(DocumentError) as info:
        foa.load_document(p)
    assert "not a PDF (it is a PNG image)" in str(info.value) and "scan or images only" not in str(info.value)


def test_zip_renamed_txt_is_named(tmp_path):
    import zipfile

    p = tmp_path / "notes.txt"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("a.bin", bytes(range(256)) * 10)
    with pytest.raises(DocumentError, match=r"binary data \(it is a ZIP archive"):
        foa.load_document(p)


def test_path_with_a_newline_loads(tmp_path):
    p = tmp_path / "trend\nnote.txt"
    p.write_text(RULE, encoding="utf-8")
    assert foa.load_document(str(p)).page(1).text.startswith("Buy SPY")
    assert foa.extract_strategy(str(p), provider="offline").universe.symbols == ["SPY"]
    with pytest.raises(DocumentError, match="looks like document text"):
        foa.load_document(RULE + "\n" + RULE)  # text is still told apart from a path


def test_megabytes_on_one_line_are_bounded_and_say_what_was_skipped(tmp_path, caplog):
    head = FILLER * (1_000_000 // len(FILLER))
    text = head + RULE + FILLER * ((OFFLINE_SCAN_CHARS + 500_000) // len(FILLER))  # one line, ~2.5 MB
    p = tmp_path / "wall.txt"
    p.write_text(text, encoding="utf-8")
    spec = foa.extract_strategy(str(p), provider="offline")
    note = spec.assumptions[-1]
    assert f"{len(text):,} characters" in note and "skipped the rest" in note
    assert f"first {OFFLINE_SCAN_CHARS:,} characters" in note
    assert spec.universe.symbols == ["SPY"] and spec.entry is not None  # the buried rule was found
    assert "skipped the rest" in caplog.text
    assert sum(len(q.quote) for q in spec.evidence) < OFFLINE_MAX_CHARS


def test_short_documents_are_read_whole():
    spec = foa.extract_strategy(RULE, provider="offline")
    assert not any("skipped" in a for a in spec.assumptions)


def test_script_inside_html_title_is_not_the_title(tmp_path):
    p = tmp_path / "note.html"
    p.write_text("<html><head><title>Trend <script>alert('x')</script>note</title></head>"
                 f"<body><p>{RULE}</p></body></html>", encoding="utf-8")
    doc = foa.load_document(p)
    assert doc.metadata["title"] == "Trend note"
    assert "alert" not in doc.text


@pytest.mark.slow
def test_a_long_pdf_is_narrowed_to_its_rule_pages(tmp_path):
    import pymupdf

    pdf = pymupdf.open()
    for n in range(1, 121):  # 120 pages of ~3,500 characters; the rule is on page 100
        page = pdf.new_page()
        lines = [RULE.strip()] if n == 100 else []
        lines += [FILLER.strip()] * (40 - len(lines))
        for k, line in enumerate(lines):
            page.insert_text((36, 40 + k * 18), line, fontsize=8)
    path = tmp_path / "annual.pdf"
    pdf.save(path)
    spec = foa.extract_strategy(str(path), provider="offline")
    assert spec.universe.symbols == ["SPY"]
    assert 100 in spec.provenance.pages_sent and len(spec.provenance.pages_sent) < 120
    assert "skipped the rest" in spec.assumptions[-1]
    assert all(e.page == 100 for e in spec.evidence if e.field in ("entry", "exit"))
