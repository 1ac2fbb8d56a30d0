"""The ``backtests`` table: enough to reproduce a result (spec, data range, hash of the prices, foa
version, engine) plus its stats and daily equity.

    bid = result.save(ws)            # -> id
    ws.backtests()                   # list_backtests(ws): newest first
    load_backtest(ws, bid)           # dict with spec (StrategySpec), stats (Series), equity (Series),
                                     # assumptions (list of text: "SPY traded as ^GSPC: ...")
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pandas as pd

from foa.errors import DataError

__all__ = ["MIGRATIONS", "list_backtests", "load_backtest", "save_backtest"]

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE IF NOT EXISTS backtests (
            id VARCHAR PRIMARY KEY,
            created_at TIMESTAMP NOT NULL DEFAULT (now()::TIMESTAMP),
            name VARCHAR NOT NULL,
            spec JSON NOT NULL,
            symbols VARCHAR NOT NULL,
            start_date DATE NOT NULL,
            end_date DATE NOT NULL,
            bars INTEGER NOT NULL,
            data_hash VARCHAR NOT NULL,
            price_note VARCHAR,
            fill VARCHAR NOT NULL,
            init_cash DOUBLE NOT NULL,
            cash_rate DOUBLE NOT NULL,
            foa_version VARCHAR NOT NULL,
            engine VARCHAR NOT NULL,
            total_return DOUBLE,
            sharpe DOUBLE,
            max_drawdown DOUBLE,
            stats JSON NOT NULL,
            equity JSON NOT NULL
        );
        """,
    ),
    (
        2,
        # what the run assumed that the spec does not say (symbols traded on stand-ins), a JSON list of text
        "ALTER TABLE backtests ADD COLUMN IF NOT EXISTS assumptions JSON;",
    ),
]


def save_backtest(ws: Any, result: Any) -> str:
    """Insert one row (one transaction, with an audit entry); returns the new id."""
    from foa._version import __version__

    if not (hasattr(ws, "transaction") and hasattr(ws, "audit")):
        from foa.errors import WorkspaceError

        raise WorkspaceError(f"save() needs a foa.Workspace, got {type(ws).__name__} {ws!r:.60}: open one with "
                             "ws = foa.Workspace('research.duckdb') and call result.save(ws)")
    sj = result.stats_json()
    bid = uuid.uuid4().hex[:16]
    equity = {"dates": [d.strftime("%Y-%m-%d") for d in result.equity.index], "values": result.equity.round(10).tolist()}
    row = [
        bid, result.spec.name, result.spec.model_dump_json(), ",".join(result.prices.columns),
        result.equity.index[0].date(), result.equity.index[-1].date(), len(result.equity), result.data_hash,
        result.price_note, result.fill, result.init_cash, result.cash_rate, __version__, result.engine,
        sj.get("total_return"), sj.get("sharpe"), sj.get("max_drawdown"), json.dumps(sj, allow_nan=False),
        json.dumps(equity, allow_nan=False), json.dumps(list(getattr(result, "assumptions", []))),
    ]
    with ws.transaction() as con:
        con.execute(
            "INSERT INTO backtests (id, name, spec, symbols, start_date, end_date, bars, data_hash, price_note, fill, "
            "init_cash, cash_rate, foa_version, engine, total_return, sharpe, max_drawdown, stats, equity, assumptions) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            row,
        )
        ws.audit("backtest.save", {"id": bid, "name": result.spec.name, "data_hash": result.data_hash}, con=con)
    return bid


def list_backtests(ws: Any) -> pd.DataFrame:
    """Saved backtests, newest first (no equity column: load one with load_backtest)."""
    with ws.read() as con:
        return con.execute(
            "SELECT id, created_at, name, symbols, start_date, end_date, bars, total_return, sharpe, max_drawdown, "
            "engine, foa_version, data_hash, assumptions FROM backtests ORDER BY created_at DESC, id"
        ).df()


def load_backtest(ws: Any, backtest_id: str) -> dict[str, Any]:
    """One saved backtest: spec (StrategySpec), stats (Series), equity (Series) and the reproducibility keys."""
    from foa.spec.validate import parse_spec

    with ws.read() as con:
        cur = con.execute("SELECT * FROM backtests WHERE id = ?", [backtest_id])
        cols = [d[0] for d in cur.description]
        row = cur.fetchone()
    if row is None:
        raise DataError(f"no saved backtest {backtest_id!r} in {ws.path}: list them with ws.backtests()")
    d = dict(zip(cols, row))
    eq = json.loads(d.pop("equity"))
    d["equity"] = pd.Series(eq["values"], index=pd.DatetimeIndex(eq["dates"]), name="equity")
    d["stats"] = pd.Series(json.loads(d["stats"]))
    d["spec"] = parse_spec(d["spec"])
    d["assumptions"] = json.loads(d["assumptions"]) if d.get("assumptions") else []
    return d
