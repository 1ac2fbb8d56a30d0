"""Text, markdown and HTML loaders on real files: encodings, binary content, visible text only."""

from __future__ import annotations

import codecs

import pytest

import foa
from foa.documents.html import html_to_text
from foa.errors import DocumentError


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        ("Stop loss 8% – buy “SPY”".encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + "Stop loss 8% – buy “SPY”".encode("utf-8"), "utf-8-sig"),
        ("Stop loss 8% – buy “SPY”".encode("cp1252"), "cp1252"),
        (codecs.BOM_UTF16_LE + "Stop loss 8% – buy “SPY”".encode("utf-16-le"), "utf-16"),
    ],
)
def test_txt_encodings_decode_to_the_same_text(tmp_path, raw, encoding):
    path = tmp_path / "post.txt"
    path.write_bytes(raw)
    doc = foa.load_document(path)
    assert doc.page(1).text == "Stop loss 8% – buy “SPY”"
    assert doc.metadata["encoding"] == encoding
    assert doc.mime == "text/plain" and doc.name == "post.txt"


def test_latin1_bytes_undefined_in_cp1252_still_decode(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"caf\xe9 \x81 note")  # 0x81 is undefined in cp1252
    doc = foa.load_document(path)
    assert doc.metadata["encoding"] == "latin-1"
    assert doc.page(1).text == "caf\xe9 \x81 note"


def test_binary_txt_is_refused_with_hint(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    with pytest.raises(DocumentError, match=r"photo\.txt is not a text file.*\.pdf"):
        foa.load_document(path)


def test_whitespace_only_txt_is_refused(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n\t ")
    with pytest.raises(DocumentError, match="blank.txt holds no text"):
        foa.load_document(path)


def test_txt_form_feeds_make_pages_and_crlf_normalised(tmp_path):
    path = tmp_path / "two.txt"
    path.write_bytes(b"Entry: buy.\r\nMore.\fExit: sell.")
    doc = foa.load_document(path)
    assert [p.text for p in doc.pages] == ["Entry: buy.\nMore.", "Exit: sell."]
    assert doc.metadata["title"] == "Entry: buy."


def test_markdown_keeps_markup_and_title(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("Intro line\n\n# RSI note\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", encoding="utf-8")
    doc = foa.load_document(path)
    assert doc.mime == "text/markdown"
    assert doc.title == "RSI note"
    assert doc.page(1).markdown == doc.page(1).text
    assert "| 1 | 2 |" in doc.page(1).text


def test_html_visible_text_only(tmp_path):
    path = tmp_path / "post.html"
    path.write_text(
        "<!doctype html><html><head><title>Golden cross</title><style>p{color:red}</style>"
        "<script>var secret = 'buy everything';</script></head><body>"
        "<nav>Home</nav><h1>Golden cross</h1><p>Buy <b>SPY</b> when SMA(50) &gt; SMA(200).</p>"
        "<div style='display:none'>hidden text</div><p hidden>also hidden</p>"
        "<ul><li>Stop: 8%</li><li>Costs: 10 bp</li></ul><noscript>enable js</noscript>"
        "<pre>  code   block</pre></body></html>",
        encoding="utf-8",
    )
    doc = foa.load_document(path)
    text = doc.page(1).text
    assert doc.mime == "text/html" and doc.title == "Golden cross"
    assert "Buy SPY when SMA(50) > SMA(200)." in text
    assert "- Stop: 8%\n- Costs: 10 bp" in text
    assert "code   block" in text  # white space inside <pre> is kept
    for gone in ("secret", "color:red", "hidden text", "also hidden", "enable js"):
        assert gone not in text


def test_html_without_visible_text_is_refused(tmp_path):
    path = tmp_path / "app.html"
    path.write_text("<html><head><script>render()</script></head><body><div id=root></div></body></html>")
    with pytest.raises(DocumentError, match="no visible text.*JavaScript"):
        foa.load_document(path)


def test_html_to_text_tolerates_broken_markup():
    text, title = html_to_text("<p>Buy <i>QQQ<p>when RSI(2) < 10</div></span>")
    assert "Buy QQQ" in text and "when RSI(2) < 10" in text
    assert title is None
