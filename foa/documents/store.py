"""Documents in the workspace: the ``documents`` and ``pages`` tables.

    ws = foa.Workspace()
    doc_id = ws.add_document(foa.load_document("note.pdf"))   # same content twice -> stored once
    ws.documents()                                             # a DataFrame, newest first
    ws.document(doc_id[:8])                                    # back as a Document (id or unique prefix)

The id is the sha256 of the content, so it is the dedupe key: loading and saving the same file twice
stores it once. Saving a markdown-mode load of a document stored in text mode fills in the markdown.

The original file's bytes are kept too (``document_files``, one row per content hash), so a PDF page can
be drawn again from the workspace alone (``ws.document(id).render_page(1)``). Files above
``MAX_STORED_BYTES`` keep their text and pages but not their bytes, and saying so is part of the save.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from foa.documents.model import Document, Page
from foa.errors import DocumentError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from foa.workspace import Workspace

__all__ = ["MAX_STORED_BYTES", "MIGRATIONS", "get_document", "list_documents", "save_document"]

# The largest original file kept in the workspace (bytes). A 500-page research PDF is ~10-20 MB.
MAX_STORED_BYTES = 50 * 1024 * 1024

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE IF NOT EXISTS documents (
            id VARCHAR PRIMARY KEY,          -- sha256 hex of the content
            name VARCHAR NOT NULL,
            mime VARCHAR NOT NULL,
            title VARCHAR,
            author VARCHAR,
            created VARCHAR,                 -- as the file states it (ISO 8601 when parseable)
            page_count INTEGER NOT NULL,
            source VARCHAR,                  -- the path it was loaded from, if any
            metadata JSON,
            loaded_at TIMESTAMP NOT NULL DEFAULT (now()::TIMESTAMP)
        );
        CREATE TABLE IF NOT EXISTS pages (
            document_id VARCHAR NOT NULL,
            number INTEGER NOT NULL,         -- 1-based
            text VARCHAR NOT NULL,
            markdown VARCHAR,
            PRIMARY KEY (document_id, number)
        );
        """,
    ),
    (
        2,
        """
        CREATE TABLE IF NOT EXISTS document_files (
            document_id VARCHAR PRIMARY KEY, -- sha256 of content: the same file is kept once
            size_bytes BIGINT NOT NULL,
            content BLOB NOT NULL
        );
        """,
    ),
]

_HEX = re.compile(r"^[0-9a-f]{1,64}$")
log = logging.getLogger(__name__)


def save_document(ws: "Workspace", doc: Document) -> str:
    """Store ``doc`` with its pages in one transaction (a no-op when its id is already stored); returns the id.

    >>> save_document(ws, foa.load_document("note.pdf"))
    '3f5a...'
    """
    if not isinstance(doc, Document):
        raise DocumentError(
            f"save_document needs a foa Document, got {type(doc).__name__}. Load it first with "
            "foa.load_document(path)."
        )
    data = _original(doc)
    pages = _pages_table(doc)  # built before the file is opened: the write holds it only to insert
    with ws.transaction() as con:
        row = con.execute("SELECT id FROM documents WHERE id = ?", [doc.id]).fetchone()
        if row is not None:
            _fill_markdown(ws, con, doc)
            _keep_bytes(con, doc, data)  # a document stored before the workspace kept files gets them now
            return doc.id
        meta = doc.metadata
        con.execute(
            "INSERT INTO documents (id, name, mime, title, author, created, page_count, source, metadata) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                doc.id,
                doc.name,
                doc.mime,
                meta.get("title"),
                meta.get("author"),
                None if meta.get("created") is None else str(meta.get("created")),
                len(doc.pages),
                meta.get("source"),
                json.dumps(meta, default=str),
            ],
        )
        if doc.pages:  # one statement for all pages (row by row, 500 pages take ~40x longer)
            con.register("foa_pages", pages)
            try:
                con.execute("INSERT INTO pages (document_id, number, text, markdown) "
                            "SELECT document_id, number, text, markdown FROM foa_pages")
            finally:
                with contextlib.suppress(Exception):  # on an aborted transaction: keep the real error
                    con.unregister("foa_pages")
        kept = _keep_bytes(con, doc, data)
        ws.audit("document.add", {"id": doc.id, "name": doc.name, "pages": len(doc.pages), "bytes_kept": kept}, con=con)
    return doc.id


def _pages_table(doc: Document) -> "pa.Table":
    import pyarrow as pa

    return pa.table({
        "document_id": pa.array([doc.id] * len(doc.pages), pa.string()),
        "number": pa.array([p.number for p in doc.pages], pa.int32()),
        "text": pa.array([p.text for p in doc.pages], pa.string()),
        "markdown": pa.array([p.markdown for p in doc.pages], pa.string()),
    })


def _original(doc: Document) -> bytes | None:
    """The document's original bytes when they are at hand and within the cap (None otherwise, logged).

    The size is known before anything is read, so a file above the cap is never read into memory.
    """
    size = len(doc.content) if doc.content is not None else _file_size(doc.metadata.get("source"))
    if size is None:
        return None
    if size > MAX_STORED_BYTES:
        log.warning(
            "%s is %.0f MB, above the %.0f MB the workspace keeps: its text and pages are stored, its original "
            "file is not, so its pages are drawn from the file itself (keep it at %s) or after loading it again.",
            doc.name, size / 2**20, MAX_STORED_BYTES / 2**20, doc.metadata.get("source") or "its path")
        return None
    try:
        return doc.original_bytes()
    except DocumentError:  # the file changed since it was loaded: its text is stored, its bytes are not
        return None


def _file_size(source: object) -> int | None:
    if not source:
        return None
    try:
        path = Path(str(source))
        return path.stat().st_size if path.is_file() else None
    except OSError:
        return None


def _keep_bytes(con, doc: Document, data: bytes | None) -> bool:
    if data is None:
        return False
    con.execute("INSERT INTO document_files (document_id, size_bytes, content) VALUES (?, ?, ?) "
                "ON CONFLICT (document_id) DO NOTHING", [doc.id, len(data), data])
    return True


def _fill_markdown(ws: "Workspace", con, doc: Document) -> None:
    # The text is identical for the same content; only markdown can be new (a markdown-mode load).
    missing = {
        n
        for (n,) in con.execute(
            "SELECT number FROM pages WHERE document_id = ? AND markdown IS NULL", [doc.id]
        ).fetchall()
    }
    updates = [[p.markdown, doc.id, p.number] for p in doc.pages if p.markdown is not None and p.number in missing]
    if updates:
        con.executemany("UPDATE pages SET markdown = ? WHERE document_id = ? AND number = ?", updates)
        ws.audit("document.markdown", {"id": doc.id, "pages": len(updates)}, con=con)


def _resolve(con, document_id: str) -> str:
    key = str(document_id).strip().lower()
    if not _HEX.match(key):
        raise DocumentError(
            f"{document_id!r} is not a document id: ids are sha256 hex strings (see ws.documents()); a unique "
            "prefix such as the first 8 characters is enough."
        )
    rows = con.execute(
        "SELECT id, name FROM documents WHERE starts_with(id, ?) ORDER BY id LIMIT 6", [key]
    ).fetchall()
    if not rows:
        raise DocumentError(
            f"no stored document has id {document_id!r}. List them with ws.documents(); store one with "
            "ws.add_document(foa.load_document(path))."
        )
    if len(rows) > 1 and rows[0][0] != key:
        names = ", ".join(f"{i[:12]} ({n})" for i, n in rows[:5])
        raise DocumentError(f"id prefix {document_id!r} matches several documents: {names}. Give more characters.")
    return rows[0][0]


def get_document(ws: "Workspace", document_id: str) -> Document:
    """The stored Document with this id (or unique id prefix); DocumentError when there is none.

    >>> get_document(ws, "3f5a9c01").name
    'note.pdf'
    """
    with ws.read() as con:
        full = _resolve(con, document_id)
        name, mime, metadata = con.execute(
            "SELECT name, mime, metadata FROM documents WHERE id = ?", [full]
        ).fetchone()
        rows = con.execute(
            "SELECT number, text, markdown FROM pages WHERE document_id = ? ORDER BY number", [full]
        ).fetchall()
        blob = con.execute("SELECT content FROM document_files WHERE document_id = ?", [full]).fetchone()
    meta = json.loads(metadata) if metadata else {}
    content = bytes(blob[0]) if blob is not None else None
    return Document(id=full, name=name, mime=mime, pages=[Page(n, t, m) for n, t, m in rows], metadata=meta,
                    content=content)


def list_documents(ws: "Workspace") -> "pd.DataFrame":
    """Stored documents, newest first: id, name, mime, pages, title, author, created, source, loaded_at.

    >>> list_documents(ws)[["name", "pages"]]
    """
    with ws.read() as con:
        return con.execute(
            "SELECT id, name, mime, page_count AS pages, title, author, created, source, loaded_at "
            "FROM documents ORDER BY loaded_at DESC, name"
        ).df()
