"""foa.documents: load PDF, text, markdown and HTML into page-aware Documents and store them.

    from foa.documents import load_document, Document
    doc = load_document("note.pdf")

Submodules: ``model`` (Document, Page, Chunk), ``load`` (load_document, load_documents), ``pdf``,
``text``, ``html`` (one per format), ``chunking`` (offline SentenceSplitter) and ``store`` (workspace
tables). Nothing heavy is imported here.
"""

from __future__ import annotations

from foa.documents.load import LoadResult, load_document, load_documents
from foa.documents.model import Chunk, Document, Page

__all__ = ["Chunk", "Document", "LoadResult", "Page", "load_document", "load_documents"]
