"""The bundled sample documents: present, loadable, and saying what the extraction rooms rely on."""

from __future__ import annotations

import hashlib

import pytest

import foa
from foa.errors import DocumentError
from foa.samples import documents as samples


def test_every_sample_loads():
    names = foa.samples.sample_documents()
    assert names == ["broker_note", "market_commentary", "rsi_research_note", "trend_forum_post"]
    mimes = {n: foa.samples.load_sample(n).mime for n in names}
    assert mimes == {
        "broker_note": "application/pdf",
        "market_commentary": "text/plain",
        "rsi_research_note": "text/markdown",
        "trend_forum_post": "text/plain",
    }


def test_broker_note_rules_sit_on_their_pages():
    doc = foa.samples.load_sample("broker_note")
    assert len(doc.pages) == 2 and doc.metadata["author"].startswith("Harbourline")
    p1 = " ".join(doc.page(1).text.split())
    p2 = " ".join(doc.page(2).text.split())
    assert "buy SPY at the next day's open when the 50-day simple moving average" in p1
    assert "crosses above the 200-day simple moving average" in p1
    assert "crosses below the 200-day simple moving average" in p1
    assert "stop loss 8% below the entry price" in p2 and "stop loss" not in p1
    assert "10 basis points (0.10%) per side" in p2


def test_broker_note_markdown_has_its_parameter_table():
    doc = foa.load_document(foa.samples.sample_path("broker_note"), mode="markdown", progress=False)
    md = doc.page(1).markdown.replace("**", "")
    assert "|Fast SMA|50 days|" in md and "|Slow SMA|200 days|" in md


def test_broker_note_is_rebuilt_byte_for_byte(tmp_path):
    shipped = samples.sample_path("broker_note").read_bytes()
    rebuilt = samples.build_broker_note(tmp_path / "bn.pdf").read_bytes()
    assert hashlib.sha256(rebuilt).hexdigest() == hashlib.sha256(shipped).hexdigest()


def test_missing_shipped_pdf_is_regenerated_into_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(samples, "HERE", tmp_path / "empty")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = samples.sample_path("broker_note")
    assert path == tmp_path / "cache" / "foa" / "samples" / "broker_note.pdf" and path.exists()
    assert foa.load_document(path).id == foa.samples.load_sample("broker_note").id


def test_text_samples_state_their_rules():
    rsi = " ".join(foa.samples.load_sample("rsi_research_note").text.split())
    assert "`^IXIC`" in rsi and "buy when the 2-day RSI of the close falls below 10" in rsi
    assert "sell when the close rises above its 5-day simple moving average" in rsi
    post = " ".join(foa.samples.load_sample("trend_forum_post").text.split())
    assert "(^GSPC)" in post and "10-month simple moving average" in post
    commentary = foa.samples.load_sample("market_commentary").text.lower()
    for rule_word in ("moving average", "rsi(", " rsi ", "stop loss", "crosses", "buy when"):
        assert rule_word not in commentary


def test_unknown_sample_names_the_choices():
    with pytest.raises(DocumentError, match="broker_note"):
        foa.samples.sample_path("nope")
    assert foa.samples.sample_path("broker_note.pdf").name == "broker_note.pdf"
