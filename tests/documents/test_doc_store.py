"""documents/pages tables on a real DuckDB workspace: dedupe, retrieval by id prefix, audit, atomicity."""

from __future__ import annotations

import json

import pytest

import foa
from foa.documents.model import Document
from foa.documents.store import get_document, list_documents, save_document
from foa.errors import DocumentError


def _count(ws, table: str) -> int:
    with ws.read() as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # table from a fixed list


def test_save_twice_stores_once_and_round_trips(ws, make_pdf):
    path = make_pdf()
    doc = foa.load_document(path)
    assert ws.add_document(doc) == doc.id
    assert ws.add_document(foa.load_document(path)) == doc.id
    assert _count(ws, "documents") == 1 and _count(ws, "pages") == 2
    back = ws.document(doc.id)
    assert back == doc  # every field, pages and metadata included
    listed = ws.documents()
    assert list(listed.columns[:5]) == ["id", "name", "mime", "pages", "title"]
    assert listed.loc[0, "name"] == "note.pdf" and listed.loc[0, "pages"] == 2 and listed.loc[0, "title"] == "Test note"
    adds = ws.audit_log()
    adds = adds[adds["action"] == "document.add"]
    assert len(adds) == 1 and json.loads(adds.iloc[0]["detail"])["id"] == doc.id


def test_get_by_unique_prefix_and_errors(ws):
    a = Document.from_text("Buy SPY on the golden cross.", name="a.txt")
    b = Document.from_text("Buy QQQ on RSI(2) < 10.", name="b.txt")
    save_document(ws, a)
    save_document(ws, b)
    assert get_document(ws, a.id[:10]).name == "a.txt"
    assert get_document(ws, b.id.upper()).name == "b.txt"
    with pytest.raises(DocumentError, match="no stored document.*ws.documents"):
        get_document(ws, "f" * 64 if not a.id.startswith("f") else "0" * 64)
    with pytest.raises(DocumentError, match="not a document id"):
        get_document(ws, "note.pdf")


def test_ambiguous_prefix(ws):
    # find two texts whose ids share a first hex digit, then ask for that digit
    docs: dict[str, Document] = {}
    i = 0
    while True:
        d = Document.from_text(f"rule {i}")
        if d.id[0] in docs:
            first = docs[d.id[0]]
            break
        docs[d.id[0]] = d
        i += 1
    save_document(ws, first)
    save_document(ws, d)
    with pytest.raises(DocumentError, match="matches several documents.*more characters"):
        get_document(ws, d.id[0])


def test_markdown_load_fills_markdown_of_stored_text_load(ws, make_pdf):
    path = make_pdf(table=True)
    doc_id = ws.add_document(foa.load_document(path))
    assert all(p.markdown is None for p in ws.document(doc_id).pages)
    ws.add_document(foa.load_document(path, mode="markdown", progress=False))
    stored = ws.document(doc_id)
    assert all(p.markdown for p in stored.pages)
    assert _count(ws, "documents") == 1
    assert "document.markdown" in set(ws.audit_log()["action"])


def test_failed_save_leaves_no_half_written_rows(ws, monkeypatch):
    doc = Document.from_text("Page 1\fPage 2", name="x.txt")

    def broken_audit(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ws, "audit", broken_audit)
    with pytest.raises(RuntimeError):
        save_document(ws, doc)
    assert _count(ws, "documents") == 0 and _count(ws, "pages") == 0


def test_save_rejects_non_documents(ws):
    with pytest.raises(DocumentError, match="load_document"):
        save_document(ws, "not a doc")  # type: ignore[arg-type]


def test_tables_come_from_migrations(ws):
    assert ws.schema_versions()["documents"] == 2  # 2: document_files keeps original bytes
    assert list_documents(ws).empty
