"""Page-aware chunks through llama-index's SentenceSplitter, fully offline.

SentenceSplitter's defaults fetch data at first use: its token counter is tiktoken (downloads an encoding
file from the internet) and its sentence splitter is NLTK punkt. Both are replaced here by small regex
functions, so chunking works on a machine with no network and gives the same chunks everywhere.
Sizes therefore count words, not model tokens (a word is ~1.3 tokens for English prose).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from foa.documents.model import Chunk
from foa.errors import DocumentError

if TYPE_CHECKING:
    from foa.documents.model import Document

__all__ = ["count_words", "split_pages", "split_sentences"]

_WORD = re.compile(r"\S+")
# A sentence ends at . ! or ? followed by white space; the white space stays with the sentence so the
# pieces join back to the original text (SentenceSplitter relies on that).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def count_words(text: str) -> list[str]:
    """The offline "tokenizer": white-space separated words. ``count_words("buy SPY now") == ['buy', 'SPY', 'now']``."""
    return _WORD.findall(text)


def split_sentences(text: str) -> list[str]:
    """Sentences that concatenate back to ``text``: ``split_sentences("A b. C d.") == ['A b. ', 'C d.']``."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        out.append(text[start : m.end()])
        start = m.end()
    if start < len(text):
        out.append(text[start:])
    return out


def split_pages(doc: "Document", *, chunk_size: int = 512, overlap: int = 64) -> list[Chunk]:
    """Chunks of every page of ``doc`` (a chunk never spans two pages, so each has one page number)."""
    if chunk_size < 1 or overlap < 0 or overlap >= chunk_size:
        raise DocumentError(
            f"chunk_size must be >= 1 and 0 <= overlap < chunk_size (got chunk_size={chunk_size}, "
            f"overlap={overlap}). Try chunk_size=512, overlap=64."
        )
    from llama_index.core.node_parser import SentenceSplitter

    splitter = SentenceSplitter(
        chunk_size=chunk_size,
        chunk_overlap=overlap,
        tokenizer=count_words,
        chunking_tokenizer_fn=split_sentences,
    )
    chunks: list[Chunk] = []
    for page in doc.pages:
        if not page.text.strip():
            continue
        for piece in splitter.split_text(page.text):
            chunks.append(Chunk(page=page.number, index=len(chunks), text=piece))
    return chunks
