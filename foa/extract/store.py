"""The ``strategies`` table: every extraction, with what it cost, and a cache so a re-run does not pay twice.

    ws.strategies()                       # list_strategies(ws): one row per extraction or review, newest first
    get_strategy(ws, 3)                   # the StrategySpec stored as row 3
    save_review(ws, spec, changed=["entry"], raw_id=3)   # an analyst's reviewed spec, audited

A review is a spec an analyst checked and perhaps edited (the review desk's "Accept"). It goes in its own
``reviews`` table, numbered from the same sequence as extractions, so an id names either; it never
answers the extraction cache. ``ws.strategies()`` shows both, ``review`` saying "raw" or "reviewed".

A row is keyed for the cache by (document hash, provider, model, prompt version): the same document
asked of the same model with the same prompt gets the stored answer, including a stored "no strategy"
answer (a negative answer cost money too). Rows are never updated: a forced re-run adds a row, and the
newest row wins. No unique index, because DuckDB checks unique constraints eagerly inside a transaction.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from foa.errors import ExtractionError, NoStrategyFound, SpecError
from foa.secrets import scrub

if TYPE_CHECKING:
    import pandas as pd

    from foa.documents.model import Document
    from foa.spec.model import StrategySpec
    from foa.workspace import Workspace

__all__ = ["MIGRATIONS", "cached_strategy", "get_strategy", "list_strategies", "save_review", "save_strategy"]

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE SEQUENCE IF NOT EXISTS strategies_seq;
        CREATE TABLE IF NOT EXISTS strategies (
            id BIGINT PRIMARY KEY DEFAULT nextval('strategies_seq'),
            document_id VARCHAR NOT NULL,
            document_name VARCHAR,
            provider VARCHAR NOT NULL,
            model VARCHAR NOT NULL,
            prompt_version VARCHAR NOT NULL,
            status VARCHAR NOT NULL,            -- 'ok' | 'no_strategy'
            name VARCHAR,
            spec JSON,                          -- NULL when status = 'no_strategy'
            reason VARCHAR,                     -- why there is no strategy
            input_tokens BIGINT,
            output_tokens BIGINT,
            cache_read_tokens BIGINT,
            cost_usd DOUBLE,
            pages_sent JSON,
            evidence_verified INTEGER,
            evidence_total INTEGER,
            created_at TIMESTAMP NOT NULL,
            os_user VARCHAR NOT NULL
        );
        CREATE INDEX IF NOT EXISTS strategies_cache_key ON strategies (document_id, provider, model, prompt_version);
        """,
    ),
    (
        2,
        """
        CREATE TABLE IF NOT EXISTS reviews (
            id BIGINT PRIMARY KEY DEFAULT nextval('strategies_seq'),   -- shares the extraction ids' sequence
            raw_id BIGINT,                      -- the extraction reviewed (NULL: not stored as one)
            document_id VARCHAR,
            document_name VARCHAR,
            name VARCHAR NOT NULL,
            spec JSON NOT NULL,
            changed_fields JSON NOT NULL,       -- spec fields the reviewer changed by hand
            reviewed_by VARCHAR NOT NULL,       -- OS user
            reviewed_at TIMESTAMP NOT NULL
        );
        """,
    ),
]

_COLUMNS = (
    "id, created_at, document_name, name, status, provider, model, prompt_version, input_tokens, "
    "output_tokens, cache_read_tokens, cost_usd, evidence_verified, evidence_total, os_user, document_id"
)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def save_strategy(
    ws: "Workspace",
    doc: "Document",
    spec: "StrategySpec | None",
    *,
    provider: str,
    model: str,
    prompt_version: str,
    reason: str | None = None,
    provenance: Any = None,
) -> int:
    """Store one extraction (a spec, or ``spec=None`` with the ``reason`` there is none); returns the row id.

    >>> save_strategy(ws, doc, spec, provider="claude", model="claude-sonnet-5-5", prompt_version="v1")
    1
    """
    from foa.workspace import os_user

    prov = provenance if provenance is not None else (spec.provenance if spec is not None else None)
    ev = spec.evidence if spec is not None else []
    row = [
        doc.id,
        doc.name,
        provider,
        model,
        prompt_version,
        "ok" if spec is not None else "no_strategy",
        scrub(spec.name) if spec is not None else None,
        scrub(spec.to_json()) if spec is not None else None,  # a reply may quote a key: never stored
        scrub(reason) if reason is not None else None,
        getattr(prov, "input_tokens", None),
        getattr(prov, "output_tokens", None),
        getattr(prov, "cache_read_tokens", None),
        getattr(prov, "cost_usd", None),
        json.dumps(getattr(prov, "pages_sent", None)),
        sum(1 for e in ev if e.verified),
        len(ev),
        _now(),
        os_user(),
    ]
    with ws.transaction() as con:
        new_id = con.execute(
            "INSERT INTO strategies (document_id, document_name, provider, model, prompt_version, status, name, "
            "spec, reason, input_tokens, output_tokens, cache_read_tokens, cost_usd, pages_sent, "
            "evidence_verified, evidence_total, created_at, os_user) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            row,
        ).fetchone()[0]
        ws.audit(
            "extract_strategy",
            {"strategy_id": new_id, "document_id": doc.id, "provider": provider, "model": model,
             "status": row[5], "cost_usd": row[12]},
            con=con,
        )
    return int(new_id)


def cached_strategy(
    ws: "Workspace", document_id: str, *, provider: str, model: str, prompt_version: str
) -> "StrategySpec | None":
    """The newest stored answer for this cache key: a StrategySpec, None when there is none, and
    NoStrategyFound raised when the stored answer was "no strategy"."""
    from foa.spec.model import StrategySpec

    with ws.read() as con:
        hit = con.execute(
            "SELECT status, spec, reason, document_name FROM strategies WHERE document_id = ? AND provider = ? "
            "AND model = ? AND prompt_version = ? ORDER BY id DESC LIMIT 1",
            [document_id, provider, model, prompt_version],
        ).fetchone()
    if hit is None:
        return None
    status, spec_json, reason, name = hit
    if status == "no_strategy":
        raise NoStrategyFound(
            f"{name}: no concrete, tradable rule ({reason}) - the stored answer from an earlier run; pass "
            "cache=False to ask again."
        )
    return _load(spec_json, StrategySpec)


def _load(spec_json: str, cls: Any) -> "StrategySpec":
    try:
        return cls.model_validate_json(spec_json)
    except SpecError:
        raise
    except ValueError as err:  # a spec stored by an older foa that this version no longer accepts
        raise ExtractionError(
            f"a stored strategy no longer validates ({str(err).splitlines()[0]}): extract it again with cache=False."
        ) from err


def get_strategy(ws: "Workspace", strategy_id: int) -> "StrategySpec":
    """The StrategySpec stored as row ``strategy_id`` (an extraction or a review; see ``ws.strategies()``)."""
    from foa.spec.model import StrategySpec

    with ws.read() as con:
        hit = con.execute("SELECT status, spec FROM strategies WHERE id = ? UNION ALL "
                          "SELECT 'ok', spec FROM reviews WHERE id = ?", [int(strategy_id)] * 2).fetchone()
    if hit is None:
        raise ExtractionError(f"no stored strategy with id {strategy_id}: see ws.strategies() for the ids.")
    if hit[0] != "ok":
        raise NoStrategyFound(f"stored extraction {strategy_id} found no strategy in its document.")
    return _load(hit[1], StrategySpec)


def list_strategies(ws: "Workspace") -> "pd.DataFrame":
    """Every stored extraction, newest first: name, provider, model, prompt version, tokens, cost, evidence.

    >>> ws.strategies()[["name", "model", "cost_usd"]]
    """
    with ws.read() as con:
        # _COLUMNS and _REVIEW_COLUMNS are fixed text: nothing of the caller's goes into this SQL
        return con.execute(f"SELECT {_COLUMNS}, 'raw' AS review, NULL::BIGINT AS reviewed_from, NULL AS changed_fields "
                           f"FROM strategies UNION ALL SELECT {_REVIEW_COLUMNS} FROM reviews ORDER BY id DESC").df()


# the reviews table in list_strategies' columns (tokens and cost belong to the extraction it came from)
_REVIEW_COLUMNS = (
    "id, reviewed_at, document_name, name, 'ok', 'review', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
    "reviewed_by, document_id, 'reviewed', raw_id, changed_fields::VARCHAR"
)


def save_review(
    ws: "Workspace",
    spec: "StrategySpec",
    *,
    changed: list[str],
    raw_id: int | None = None,
    document: "Document | None" = None,
    reviewer: str | None = None,
) -> int:
    """Store a reviewed spec with who reviewed it, when, and which fields were changed by hand; returns its id.

    The reviewer defaults to the OS user. The review row and its audit row are written in one transaction.

    >>> save_review(ws, edited_spec, changed=["entry"], raw_id=3)  # doctest: +SKIP
    4
    """
    import getpass

    from foa.spec.model import StrategySpec

    if not isinstance(spec, StrategySpec):
        raise SpecError(f"save_review needs a StrategySpec, got {type(spec).__name__}")
    who = reviewer or getpass.getuser()
    doc_id = document.id if document is not None else (spec.provenance.document_id if spec.provenance else None)
    with ws.transaction() as con:
        new_id = con.execute(
            "INSERT INTO reviews (raw_id, document_id, document_name, name, spec, changed_fields, reviewed_by, "
            "reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [raw_id, doc_id, getattr(document, "name", None), spec.name, spec.model_dump_json(),
             json.dumps(list(changed)), who, _now()],
        ).fetchone()[0]
        ws.audit("strategy.review", {"review_id": int(new_id), "raw_id": raw_id, "document_id": doc_id,
                                     "reviewed_by": who, "changed_fields": list(changed)}, con=con)
    return int(new_id)
