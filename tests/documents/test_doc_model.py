"""Document/Page model: from_text, page markers, page lookup, notebook display, llama-index, chunks."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from foa.documents.model import Document, Page, page_marker, split_marked_text
from foa.errors import DocumentError


def test_from_text_splits_pages_on_form_feed_and_marks_them():
    doc = Document.from_text("Buy SPY.\fSell SPY.", name="rules.txt")
    assert [p.number for p in doc.pages] == [1, 2]
    assert doc.page(2).text == "Sell SPY."
    assert doc.text == "[page 1]\nBuy SPY.\n\n[page 2]\nSell SPY."
    assert split_marked_text(doc.text) == {1: "Buy SPY.", 2: "Sell SPY."}
    assert page_marker(7) == "[page 7]"


def test_from_text_single_page_id_is_content_hash():
    a = Document.from_text("Buy QQQ on RSI(2) < 10.")
    b = Document.from_text("Buy QQQ on RSI(2) < 10.", name="other")
    assert len(a.pages) == 1 and a.pages[0].markdown is None
    assert a.id == b.id and len(a.id) == 64
    assert Document.from_text("different").id != a.id


def test_from_text_markdown_keeps_markup_as_markdown():
    doc = Document.from_text("# Title\n\n| a | b |", name="n.md", mime="text/markdown")
    assert doc.page(1).markdown == "# Title\n\n| a | b |"
    assert doc.title == "Title"


def test_from_text_rejects_bytes_with_a_hint():
    with pytest.raises(DocumentError, match="load_document"):
        Document.from_text(b"bytes")  # type: ignore[arg-type]


def test_page_out_of_range_says_numbering_starts_at_one():
    doc = Document.from_text("only page")
    with pytest.raises(DocumentError, match="start at 1"):
        doc.page(0)


def test_repr_html_shows_title_pages_and_first_lines_escaped():
    doc = Document.from_text("<b>Momentum</b> note\nBuy the top 3 ETFs monthly.\fPage two", name="m.txt")
    out = doc._repr_html_()
    assert "&lt;b&gt;Momentum&lt;/b&gt;" in out and "<b>Momentum" not in out
    assert "Buy the top 3 ETFs monthly." in out
    assert "<td>2</td>" in out  # page count


def test_to_llama_index_one_document_per_page_with_metadata():
    doc = Document.from_text("Entry rule.\fExit rule.", name="r.txt")
    nodes = doc.to_llama_index()
    assert [n.text for n in nodes] == ["Entry rule.", "Exit rule."]
    assert [n.metadata["page"] for n in nodes] == [1, 2]
    assert nodes[0].metadata["document_id"] == doc.id and nodes[0].metadata["name"] == "r.txt"
    assert nodes[1].id_ == f"{doc.id}:2"


def test_chunks_carry_page_numbers_and_respect_size():
    page1 = " ".join(f"Sentence {i} says buy the index." for i in range(60))
    page2 = " ".join(f"Sentence {i} says sell." for i in range(30))
    doc = Document.from_text(page1 + "\f" + page2)
    chunks = doc.chunks(chunk_size=40, overlap=5)
    assert {c.page for c in chunks} == {1, 2}
    assert [c.index for c in chunks] == list(range(len(chunks)))
    assert all(len(c.text.split()) <= 40 for c in chunks)
    assert all("sell" in c.text for c in chunks if c.page == 2)
    assert chunks[0].text.startswith("Sentence 0 says buy the index.")
    assert sum(c.page == 1 for c in chunks) >= 6  # 360 words at 40 per chunk


def test_chunks_bad_sizes_raise_document_error():
    doc = Document.from_text("x")
    with pytest.raises(DocumentError, match="overlap"):
        doc.chunks(chunk_size=10, overlap=10)


def test_chunks_need_no_download(tmp_path):
    """SentenceSplitter's defaults (tiktoken, NLTK) would fetch files; ours must not touch the network."""
    cache = tmp_path / "tiktoken"
    cache.mkdir()
    code = textwrap.dedent(
        """
        import socket, sys
        def refuse(*a, **k):
            raise OSError("network used")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        from foa.documents.model import Document
        doc = Document.from_text(" ".join(f"Rule {i} is simple." for i in range(200)))
        chunks = doc.chunks(chunk_size=50, overlap=5)
        assert len(chunks) >= 4, len(chunks)
        print(len(chunks), "tiktoken" in sys.modules)
        """
    )
    env = {**os.environ, "TIKTOKEN_CACHE_DIR": str(cache), "NLTK_DATA": str(tmp_path / "nltk")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    n, used_tiktoken = out.stdout.split()
    assert int(n) >= 4 and used_tiktoken == "False"
    assert list(cache.iterdir()) == []
    assert not (tmp_path / "nltk").exists()


def test_page_is_a_plain_value():
    assert Page(1, "a") == Page(1, "a", None)
