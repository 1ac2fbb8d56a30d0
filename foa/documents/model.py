"""The Document and Page values every other part of foa reads.

    doc = foa.load_document("note.pdf")
    doc.page(1).text          # page numbers start at 1, as printed on the page
    doc.text                  # all pages, each preceded by a "[page N]" marker line
    doc.chunks(chunk_size=256)  # page-tagged chunks to narrow a long document before a model sees it

A Document is a plain value: it holds text, never an open file, so it pickles, compares and stores.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from foa.errors import DocumentError

if TYPE_CHECKING:
    import llama_index.core

__all__ = ["Chunk", "Document", "Page", "first_line", "page_marker"]

# Marker line put before each page in Document.text. A model and a person can read it, and evidence
# checks can map a quote back to its page.
PAGE_MARKER = "[page {n}]"
_MARKER_RE = re.compile(r"^\[page (\d+)\]$", re.M)

# How many characters of the first page the notebook preview shows.
PREVIEW_CHARS = 600


def page_marker(n: int) -> str:
    """The marker line that precedes page ``n`` in ``Document.text``: ``page_marker(2) == "[page 2]"``."""
    return PAGE_MARKER.format(n=n)


@dataclass(frozen=True)
class Page:
    """One page of a document. ``number`` starts at 1; ``markdown`` is set in markdown mode (else None).

    >>> Page(1, "Buy SPY when the 50-day SMA crosses above the 200-day.").number
    1
    """

    number: int
    text: str
    markdown: str | None = None


@dataclass(frozen=True)
class Chunk:
    """A piece of one page, small enough for a model's context: ``page`` says where it came from."""

    page: int
    index: int
    text: str


@dataclass
class Document:
    """A loaded document: ``id`` (sha256 of its content), ``name``, ``mime``, ``pages``, ``metadata``.

    ``metadata`` holds what the loader knew: title, author, created, page_count, source (a path or None)
    and for text files the detected encoding. ``content`` holds the original bytes when the loader was
    given bytes or the workspace kept them (a PDF loaded from a path reads them back from that path when
    a page is drawn); it takes no part in comparisons or the repr.

    >>> doc = Document.from_text("Buy when RSI(2) < 10.\\fSell above the 5-day SMA.", name="rules.txt")
    >>> [p.number for p in doc.pages]
    [1, 2]
    """

    id: str
    name: str
    mime: str
    pages: list[Page]
    metadata: dict[str, Any] = field(default_factory=dict)
    content: bytes | None = field(default=None, repr=False, compare=False)

    # --------------------------------------------------------------------------------- building
    @classmethod
    def from_text(cls, text: str, *, name: str = "text", mime: str = "text/plain") -> "Document":
        """A Document from a string: one page per form feed (``\\f``), else a single page.

        >>> Document.from_text("Buy SPY on the golden cross.").page(1).text
        'Buy SPY on the golden cross.'
        """
        if not isinstance(text, str):
            raise DocumentError(
                f"Document.from_text needs a str, got {type(text).__name__}. For bytes or files use "
                "foa.load_document(source)."
            )
        parts = text.split("\f")
        pages = [Page(i, part, part if mime == "text/markdown" else None) for i, part in enumerate(parts, 1)]
        meta = {"title": first_line(text), "page_count": len(pages), "source": None}
        return cls(id=content_id(text.encode("utf-8")), name=name, mime=mime, pages=pages, metadata=meta)

    # ---------------------------------------------------------------------------------- reading
    @property
    def text(self) -> str:
        """All pages joined, each preceded by its ``[page N]`` marker line."""
        return "\n\n".join(f"{page_marker(p.number)}\n{p.text}" for p in self.pages)

    @property
    def title(self) -> str:
        """The title from metadata, else the file name."""
        return str(self.metadata.get("title") or self.name)

    def page(self, n: int) -> Page:
        """Page ``n`` (1-based, as printed on the page)."""
        for p in self.pages:
            if p.number == n:
                return p
        raise DocumentError(
            f"{self.name} has no page {n}: pages are numbered 1..{len(self.pages)} (page numbers start at 1)."
        )

    def __len__(self) -> int:
        return len(self.pages)

    # ---------------------------------------------------------------------------------- pictures
    def original_bytes(self) -> bytes:
        """The file's original bytes: ``content``, else the file at ``metadata["source"]`` if it is unchanged.

        DocumentError when neither is available (a PDF must be drawn from its own bytes).
        """
        if self.content is not None:
            return self.content
        source = self.metadata.get("source")
        if source:
            from pathlib import Path

            path = Path(str(source))
            try:
                data = path.read_bytes() if path.is_file() else None
            except OSError:
                data = None
            if data is not None and content_id(data) == self.id:
                return data
        raise DocumentError(
            f"{self.name}: its original file is not available (not kept in memory, and "
            f"{source or 'no source path'} is gone or changed). Load the file again with foa.load_document(path), "
            "or store it with ws.add_document(doc) so the workspace keeps its bytes."
        )

    def render_page(self, page: int, *, highlight: Any = (), zoom: float = 1.5) -> bytes:
        """Page ``page`` (1-based) as PNG bytes, each quote of ``highlight`` (strings or Evidence) marked.

        See :mod:`foa.documents.render` for colours and how quotes are found.

        >>> png = doc.render_page(1, highlight=spec.evidence)  # doctest: +SKIP
        """
        from foa.documents.render import render_page

        return render_page(self, page, highlight=highlight, zoom=zoom)

    def page_html(self, page: int, *, highlight: Any = ()) -> str:
        """Page ``page``'s text as HTML with each quote of ``highlight`` in a ``<mark>``.

        >>> Document.from_text("Buy on the golden cross.").page_html(1, highlight=["golden cross"])[-60:]  # doctest: +ELLIPSIS
        '...>golden cross</mark>.</div>'
        """
        from foa.documents.render import page_html

        return page_html(self, page, highlight=highlight)

    # --------------------------------------------------------------------------- llama-index
    def to_llama_index(self, *, markdown: bool = False) -> list["llama_index.core.Document"]:
        """One ``llama_index.core.Document`` per page, with page number and document metadata.

        ``markdown=True`` uses the page's markdown where the loader produced it.

        >>> nodes = doc.to_llama_index(); nodes[0].metadata["page"]
        1
        """
        from llama_index.core import Document as LlamaDocument

        return [
            LlamaDocument(
                text=(p.markdown if markdown and p.markdown is not None else p.text),
                metadata=self._page_metadata(p.number),
                # ids derived from content so the same document gives the same nodes every time
                id_=f"{self.id}:{p.number}",
            )
            for p in self.pages
        ]

    def chunks(self, chunk_size: int = 512, overlap: int = 64) -> list[Chunk]:
        """Split every page with llama-index's ``SentenceSplitter``; each chunk keeps its page number.

        Sizes count words (an offline tokenizer: nothing is downloaded), not model tokens.

        >>> [c.page for c in doc.chunks(chunk_size=64, overlap=8)][:3]
        [1, 1, 2]
        """
        from foa.documents.chunking import split_pages

        return split_pages(self, chunk_size=chunk_size, overlap=overlap)

    def _page_metadata(self, number: int) -> dict[str, Any]:
        return {
            "page": number,
            "document_id": self.id,
            "name": self.name,
            "title": self.title,
            "page_count": len(self.pages),
        }

    # ---------------------------------------------------------------------------------- display
    def __repr__(self) -> str:
        return f"Document(name={self.name!r}, mime={self.mime!r}, pages={len(self.pages)}, id={self.id[:12]!r})"

    def _repr_html_(self) -> str:
        meta = self.metadata
        rows = [
            ("name", self.name),
            ("type", self.mime),
            ("pages", len(self.pages)),
            ("author", meta.get("author")),
            ("created", meta.get("created")),
            ("id", self.id[:12]),
        ]
        cells = "".join(
            f"<tr><th style='text-align:left;padding-right:1em'>{k}</th><td>{html.escape(str(v))}</td></tr>"
            for k, v in rows
            if v not in (None, "")
        )
        first = next((p.text for p in self.pages if p.text.strip()), "")
        preview = first.strip()[:PREVIEW_CHARS]
        more = "…" if len(first.strip()) > PREVIEW_CHARS or len(self.pages) > 1 else ""
        return (
            f"<div><strong>{html.escape(self.title)}</strong>"
            f"<table style='margin:4px 0'>{cells}</table>"
            f"<pre style='white-space:pre-wrap;max-height:14em;overflow:auto;border-left:3px solid #ccc;"
            f"padding-left:8px'>{html.escape(preview)}{more}</pre></div>"
        )


def content_id(data: bytes) -> str:
    """The document id: sha256 hex of the raw content."""
    return hashlib.sha256(data).hexdigest()


def first_line(text: str, limit: int = 120) -> str | None:
    """The first non-empty line of ``text`` without markdown heading marks, cut to ``limit`` characters."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:limit]
    return None


def split_marked_text(text: str) -> dict[int, str]:
    """Inverse of ``Document.text``: page number -> page text (for text that carries ``[page N]`` markers)."""
    out: dict[int, str] = {}
    matches = list(_MARKER_RE.finditer(text))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        out[int(m.group(1))] = text[m.end() + 1 : end].rstrip("\n")
    return out
