"""What ``extract_strategy`` and ``extract_strategies`` share with the workspace: the cache key, the
cache lookup and the recording of an answer (a spec, or the reason none was found).

    key = cache_key("claude", "claude-sonnet-4-5")     # (model, prompt version) a stored answer is keyed on
    hit = cached_hit(ws, doc, model=key[0], version=key[1])
    record(ws, doc, spec, "claude", *key)
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any

from foa.extract.prompts import PROMPT_VERSION

if TYPE_CHECKING:
    from foa.documents.model import Document
    from foa.spec.model import StrategySpec
    from foa.workspace import Workspace

__all__ = ["OFFLINE_MODEL", "cache_key", "cached_hit", "offline_version", "open_workspace", "record"]

log = logging.getLogger("foa.extract")

OFFLINE_MODEL = "offline"  # the model column for offline rows: there is no model


def offline_version() -> str:
    """The offline extractor's version string (its prompt_version in provenance and the cache)."""
    from foa.extract.offline import VERSION

    return f"offline-{VERSION}"


def cache_key(provider: str, model: str) -> tuple[str, str]:
    """``(model, prompt_version)`` that an answer of ``provider`` is stored and looked up under."""
    return (model, PROMPT_VERSION) if provider == "claude" else (OFFLINE_MODEL, offline_version())


def open_workspace(workspace: "Workspace | str | os.PathLike[str] | None") -> "Workspace | None":
    """A Workspace from a Workspace, a path, or None (no recording)."""
    if workspace is None:
        return None
    from foa.workspace import Workspace

    return workspace if isinstance(workspace, Workspace) else Workspace(workspace)


def cached_hit(ws: "Workspace", doc: "Document", *, model: str, version: str) -> "StrategySpec | None":
    """The stored Claude answer for ``doc`` (NoStrategyFound re-raised from a stored negative answer)."""
    from foa.extract.store import cached_strategy

    hit = cached_strategy(ws, doc.id, provider="claude", model=model, prompt_version=version)
    if hit is not None:
        log.info("%s: answered from the workspace cache (%s, %s)", doc.name, model, version)
    return hit


def record(ws: "Workspace", doc: "Document", spec: "StrategySpec | None", provider: str, model: str,
           version: str, *, reason: str | None = None, provenance: Any = None) -> None:
    """Store ``doc`` and its answer (``spec``, or None with the ``reason`` no strategy was found)."""
    from foa.extract.store import save_strategy

    ws.add_document(doc)
    save_strategy(ws, doc, spec, provider=provider, model=model, prompt_version=version, reason=reason,
                  provenance=provenance)
