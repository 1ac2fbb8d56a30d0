"""``foa.extract_strategy``: a document in, a validated, evidence-checked StrategySpec out.

    import foa
    spec = foa.extract_strategy("broker_note.pdf")                 # Claude if a key is set, else offline
    spec = foa.extract_strategy(doc, provider="offline")           # no network, no model
    spec = foa.extract_strategy(doc, workspace=ws)                 # cached and recorded in ws.strategies()
    specs = foa.extract_strategies(["a.pdf", "b.md"], max_workers=4)

``provider="auto"`` uses Claude when a client is passed or the environment holds Anthropic credentials
(``ANTHROPIC_API_KEY``), else the offline extractor, and says which once per process on stderr.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from foa.errors import DocumentError, ExtractionError, NoStrategyFound
from foa.extract.claude import DEFAULT_MAX_TOKENS, claude_available
from foa.extract.narrow import NARROW_MAX_TOKENS
from foa.extract.pricing import DEFAULT_MODEL
from foa.extract.record import OFFLINE_MODEL, cache_key, cached_hit, offline_version, open_workspace, record

if TYPE_CHECKING:
    from foa.documents.model import Document
    from foa.spec.model import StrategySpec
    from foa.workspace import Workspace

__all__ = ["DEFAULT_MODEL", "OFFLINE_MAX_CHARS", "OFFLINE_SCAN_CHARS", "PROVIDERS", "bound_for_offline", "extract_strategy",
           "load_source", "resolve_provider"]

log = logging.getLogger("foa.extract")

PROVIDERS = ("auto", "claude", "offline")
_DOC_SUFFIXES = (".pdf", ".txt", ".md", ".markdown", ".html", ".htm", ".text")
_announced: str | None = None  # which provider "auto" last announced (once per process, again if it changes)


def load_source(source: Any, *, name: str | None = None, password: str | None = None) -> "Document":
    """A Document from a Document, a path, or a str (a path when such a file exists, else the text itself).

    >>> load_source("Buy SPY when the 50-day SMA crosses above the 200-day.").page(1).text[:7]
    'Buy SPY'
    """
    from foa.documents.model import Document

    if isinstance(source, Document):
        return source
    if isinstance(source, str):
        looks_like_path = "\n" not in source and len(source) < 1024
        if len(source) < 4096 and _is_file(source):  # a file name may hold a newline
            return _load(Path(source).expanduser(), name=name, password=password)
        if looks_like_path and _FILE_NAME.fullmatch(source.strip()):
            # "note.pdf" (or the typo "note.pfd") that does not exist is a missing file, not a strategy text
            hint = _suffix_hint(source.strip())
            raise DocumentError(f"{source}: no such file{hint}. Check the path (relative to {os.getcwd()}); "
                                "to extract from a text, pass the text itself (it has spaces) or a Document.")
        return Document.from_text(source, name=name or "text")
    if isinstance(source, os.PathLike):
        return _load(source, name=name, password=password)
    # bytes, file objects and upload widgets: the loader knows them all
    return _load(source, name=name, password=password)


# one word with a file extension: a path, never a strategy text (those have spaces)
_FILE_NAME = re.compile(r"[^\s]+\.[A-Za-z][A-Za-z0-9]{1,7}")


def _suffix_hint(text: str) -> str:
    """" (did you mean note.pdf?)" when the extension is a near miss of a supported one."""
    import difflib

    stem, _, ext = text.rpartition(".")
    if "." + ext.lower() in _DOC_SUFFIXES:
        return ""
    close = difflib.get_close_matches("." + ext.lower(), _DOC_SUFFIXES, n=1, cutoff=0.7)
    return f" (did you mean {stem}{close[0]}? foa reads {', '.join(_DOC_SUFFIXES)})" if close else (
        f" (foa reads {', '.join(_DOC_SUFFIXES)})")


def _is_file(text: str) -> bool:
    try:
        return Path(text).expanduser().is_file()
    except (OSError, ValueError):
        return False


def _load(source: Any, *, name: str | None, password: str | None) -> "Document":
    from foa.documents.load import load_document

    return load_document(source, name=name, password=password)


def _in_notebook_kernel() -> bool:
    """True inside a Jupyter kernel (IPython's ZMQ shell is running), never importing IPython itself."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    return type(shell).__name__ == "ZMQInteractiveShell"


def resolve_provider(provider: str, client: Any = None, *, announce: bool = True) -> str:
    """"claude" or "offline" for ``provider`` ("auto" looks for a client or credentials)."""
    global _announced
    if provider not in PROVIDERS:
        raise ExtractionError(f"provider must be one of {', '.join(PROVIDERS)}, got {provider!r}.")
    if provider != "auto":
        return provider
    chosen = "claude" if claude_available(client) else "offline"
    if announce and chosen != _announced:
        _announced = chosen
        if chosen == "claude":
            why = "the client passed" if client is not None else "Anthropic credentials in the environment"
            msg = f"foa: extracting with Claude ({why}); provider='offline' keeps documents on this machine."
        else:
            msg = "foa: extracting offline (no ANTHROPIC_API_KEY and no client); set ANTHROPIC_API_KEY to use Claude."
        log.info(msg)
        # A notebook shows stderr as a pink error box: there the note is a plain line of output. A
        # terminal keeps stdout for results (foa extract prints JSON), so the note goes to stderr.
        print(msg, file=sys.stdout if _in_notebook_kernel() else sys.stderr)
    return chosen


# The offline grammar's time grows with the text read (about 18 s per MB of prose): a longer document is
# narrowed to its most rule-like pages (foa.extract.narrow's BM25 scoring), and only its first
# OFFLINE_SCAN_CHARS characters are scored at all. What was skipped is logged and noted in the spec.
OFFLINE_MAX_CHARS = 200_000
OFFLINE_SCAN_CHARS = 2_000_000


def bound_for_offline(doc: "Document") -> tuple["Document", str | None]:
    """``doc`` itself when it is short enough for the offline extractor, else its most rule-like pages
    within ``OFFLINE_MAX_CHARS`` and a note saying what was skipped.

    >>> bound_for_offline(Document.from_text("Buy SPY when the 50-day SMA crosses above the 200-day."))[1] is None
    True
    """
    import re

    from foa.documents.model import Document, Page
    from foa.extract.narrow import CHARS_PER_TOKEN, narrow

    total = sum(len(p.text) for p in doc.pages)
    if total <= OFFLINE_MAX_CHARS:
        return doc, None
    head: list[Page] = []
    used = 0
    for page in doc.pages:
        if used >= OFFLINE_SCAN_CHARS:
            break
        text = page.text[: OFFLINE_SCAN_CHARS - used]
        head.append(Page(page.number, text))
        used += len(text)
    scanned = Document(id=doc.id, name=doc.name, mime=doc.mime, pages=head, metadata=doc.metadata)
    narrowed = narrow(scanned, max_tokens=OFFLINE_MAX_CHARS // CHARS_PER_TOKEN)
    parts = re.split(r"(?m)^\[page (\d+)\]\n", narrowed.text)
    pages = [Page(int(n), text.strip("\n")) for n, text in zip(parts[1::2], parts[2::2])]
    kept = sum(len(p.text) for p in pages)
    note = (f"{doc.name} holds {total:,} characters, more than the offline extractor reads "
            f"({OFFLINE_MAX_CHARS:,}): it read the {kept:,} most rule-like characters, on page(s) "
            f"{_page_ranges([p.number for p in pages])}"
            + (f", chosen from the first {OFFLINE_SCAN_CHARS:,} characters" if total > OFFLINE_SCAN_CHARS else "")
            + ", and skipped the rest. Split the document, or pass the section that states the rules.")
    return Document(id=doc.id, name=doc.name, mime=doc.mime, pages=pages, metadata=doc.metadata), note


def _page_ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 7, 9, 10] -> '1-3, 7, 9-10'."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _extract_offline(doc: "Document") -> "StrategySpec":
    from foa.extract.evidence import verify_evidence
    from foa.spec.model import Provenance

    from foa.extract.offline import extract_offline
    from foa.spec.ids import assign_ids

    full = doc
    doc, note = bound_for_offline(doc)
    if note:
        log.warning("%s", note)
    try:
        spec = assign_ids(extract_offline(doc))  # sweepable ids (foa/spec/ids.py), as on the Claude path
    except NoStrategyFound as err:
        if note:
            raise NoStrategyFound(f"{err} ({note})") from err
        raise
    if note:
        spec = spec.model_copy(update={"assumptions": [*spec.assumptions, note]})
    prov = Provenance(
        document_id=doc.id,
        provider="offline",
        model=None,
        prompt_version=offline_version(),
        input_tokens=0,
        output_tokens=0,
        cache_read_tokens=0,
        cost_usd=0.0,
        pages_sent=[p.number for p in doc.pages],
        created_at=datetime.now(timezone.utc),
    )
    return verify_evidence(spec.model_copy(update={"provenance": prov}), full)


def extract_strategy(
    source: Any,
    *,
    provider: str = "auto",
    model: str = DEFAULT_MODEL,
    client: Any = None,
    workspace: "Workspace | str | os.PathLike[str] | None" = None,
    cache: bool = True,
    max_retries: int | None = None,
    timeout: float | None = None,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    max_input_tokens: int = NARROW_MAX_TOKENS,
    pdf: bool | None = None,
    structured: bool | None = None,
    name: str | None = None,
    password: str | None = None,
) -> "StrategySpec":
    """Extract the trading strategy a document states, every rule backed by a checked quote.

    ``source``: a ``foa.Document``, a path, or a str (a path when such a file exists, else the text).
    ``provider``: "auto" (Claude when a ``client`` or credentials are available, else offline), "claude"
    or "offline". ``client``: any Anthropic SDK client (``Anthropic``, ``AnthropicBedrock``,
    ``AnthropicVertex``). ``workspace``: record the result in its ``strategies`` table and, with
    ``cache=True``, answer a repeated Claude request (same document, model and prompt version) from it.
    ``max_retries``/``timeout`` apply to the SDK client; ``max_tokens`` bounds the reply,
    ``max_input_tokens`` the document sent (long ones are narrowed to their rule-like pages); ``pdf`` and
    ``structured`` are explained in ``foa.extract.claude.extract_claude``.

    Raises NoStrategyFound when the document holds no concrete, tradable rule (nothing is invented),
    ExtractionError when extraction fails, DocumentError when the source cannot be read.

    >>> spec = foa.extract_strategy("Buy SPY when the 50-day SMA crosses above the 200-day SMA.", provider="offline")
    >>> all(e.verified for e in spec.evidence)
    True
    """
    doc = load_source(source, name=name, password=password)
    chosen = resolve_provider(provider, client)
    ws = open_workspace(workspace)
    key_model, version = cache_key(chosen, model)

    # Offline answers are free and follow the code: they are recorded but never served from the cache.
    if ws is not None and cache and chosen == "claude":
        hit = cached_hit(ws, doc, model=key_model, version=version)
        if hit is not None:
            return hit
    try:
        if chosen == "claude":
            from foa.extract.claude import extract_claude

            spec = extract_claude(
                doc, model=model, client=client, max_retries=max_retries, timeout=timeout,
                max_tokens=max_tokens, max_input_tokens=max_input_tokens, pdf=pdf, structured=structured,
            )
        else:
            spec = _extract_offline(doc)
    except NoStrategyFound as err:
        if ws is not None:
            record(ws, doc, None, chosen, key_model, version, reason=str(err), provenance=getattr(err, "provenance", None))
        raise
    if ws is not None:
        record(ws, doc, spec, chosen, key_model, version)
    return spec

