"""Run compiled signals (or target weights) through vectorbt for one or many parameter combinations.

Columns are (combination x traded symbol); each combination is one group. Signal specs give each symbol
1/N of the cash (no sharing, all_in = 100% of its share); ranking/rebalance specs trade target weights
with cash shared across the group. The daily arrays go in as numpy (no DataFrame wrapping: faster).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from foa.engine._vbt import engine_name, vbt
from foa.engine.compile import Signals

__all__ = ["SimOutput", "simulate_signals", "simulate_weights"]


@dataclass
class SimOutput:
    index: pd.DatetimeIndex
    value: np.ndarray  # bars x groups, before cash interest
    cash: np.ndarray  # bars x groups
    in_market: np.ndarray  # bars x groups: any position open at the bar's close
    trades: np.ndarray  # vectorbt trade records (col = column index)
    n_symbols: int
    init_cash: float
    engine: str


def _fill_shift(x: np.ndarray, fill: str, fill_value: Any) -> np.ndarray:
    """Signals at bar t act at t+1 (next_open) or at t (close); a signal on the last bar does not trade."""
    if fill == "close":
        return x
    out = np.full_like(x, fill_value)
    out[1:] = x[:-1]
    return out


def _run(kind: str, **kw: Any) -> tuple[Any, str]:
    v = vbt()
    eng = engine_name()
    fn = v.Portfolio.from_signals if kind == "signals" else v.Portfolio.from_orders
    try:
        return fn(engine=eng, **kw), eng
    except (ValueError, ImportError, NotImplementedError):
        if eng != "rust":
            raise
        # A call the Rust engine does not support (vectorbt says so): numba runs everything.
        return fn(engine="numba", **kw), "numba"


def _prices(data: Any, traded: list[str], i0: int, i1: int, reps: int) -> dict[str, np.ndarray]:
    """Price arrays per column; one symbol stays one column (vectorbt broadcasts it without copies)."""
    out = {}
    for f in ("open", "high", "low", "close"):
        a = np.column_stack([data.frames[s][f].to_numpy()[i0:i1] for s in traded])
        out[f] = np.tile(a, (1, reps)) if (reps > 1 and len(traded) > 1) else a
    return out


def _compact(x: np.ndarray) -> Any:
    """A scalar when every element is equal (vectorbt then skips broadcasting a full array)."""
    flat = np.asarray(x).ravel()
    return flat[0].item() if flat.size and (flat == flat[0]).all() else x


def simulate_signals(
    specs: list[Any], sigs: list[Signals], data: Any, traded: list[str], i0: int, i1: int,
    *, init_cash: float, fill: str,
) -> SimOutput:
    """One vectorbt run over every combination's signals (columns combination-major).

    Without stops the rule state machine is resolved up front (``_nb.resolve_nb``) and vectorbt runs its
    static path (Rust when available); with stops the state machine runs inside the simulation (numba).
    """
    from foa.engine import _nb

    n = len(traded)
    reps = len(sigs)
    lag = 1 if fill == "next_open" else 0
    px = _prices(data, traded, i0, i1, reps)
    fill_px = px["open"] if fill == "next_open" else px["close"]

    def cat(xs: list[np.ndarray]) -> np.ndarray:
        return np.ascontiguousarray(np.concatenate(xs, axis=1) if len(xs) > 1 else xs[0])

    def per_col(f: Any) -> np.ndarray:
        return np.repeat(np.array([f(sp) for sp in specs], dtype="float64"), n)

    zeros = np.zeros((i1 - i0, n * reps), dtype=bool)

    def rule(name: str) -> np.ndarray:
        parts = [getattr(s, name)[i0:i1] for s in sigs]
        return zeros if not any(x.any() for x in parts) else cat(parts)

    le, lx, se, sx = rule("entries"), rule("exits"), rule("short_entries"), rule("short_exits")
    sig_bar = np.ascontiguousarray(sigs[0].signal_bar[i0:i1])
    sl = per_col(lambda sp: sp.risk.stop_loss or 0.0)
    trail = per_col(lambda sp: sp.risk.trailing_stop or 0.0)
    tp = per_col(lambda sp: sp.risk.take_profit or 0.0)
    max_hold = per_col(lambda sp: sp.risk.max_holding_bars or 0).astype("int64")
    if any(s.atr is not None and sp.risk.atr_stop for sp, s in zip(specs, sigs)):
        atr_dist = cat([
            _fill_shift(s.atr[i0:i1] * sp.risk.atr_stop.multiple, fill, np.nan)
            if (s.atr is not None and sp.risk.atr_stop) else np.full((i1 - i0, n), np.nan)
            for sp, s in zip(specs, sigs)
        ])
    else:
        atr_dist = np.full((1, n * reps), np.nan)  # read at the entry row only when finite: none here
    fracs = [sp.sizing.fraction if (sp.sizing.method == "fixed_fraction" and sp.sizing.fraction) else 1.0 for sp in specs]
    if any(s.sizing is not None for s in sigs):
        size: Any = cat([
            np.nan_to_num(_fill_shift(s.sizing[i0:i1], fill, np.nan), nan=0.0) * f if s.sizing is not None
            else np.full((i1 - i0, n), f) for s, f in zip(sigs, fracs)
        ])
    else:
        size = fracs[0] if len(set(fracs)) == 1 else np.repeat(np.array(fracs), n)[None, :]
    has_atr = bool(np.isfinite(atr_dist).any())
    has_sl = bool((sl > 0).any() or (trail > 0).any() or has_atr)
    has_tp = bool((tp > 0).any())
    kw: dict[str, Any] = dict(
        close=px["close"], price=fill_px, size=size, size_type="percent",
        fees=_compact(per_col(lambda sp: sp.costs.fees)[None, :]),
        slippage=_compact(per_col(lambda sp: sp.costs.slippage)[None, :]),
        init_cash=np.full(n * reps, init_cash / n), cash_sharing=False, freq="1D",
        # one symbol: a column is a combination, no grouping to build (value is summed by _output anyway)
        group_by=np.repeat(np.arange(reps), n) if n > 1 else None,
    )
    if not (has_sl or has_tp):
        LE, LX, SE, SX = _nb.resolve_nb(le, lx, se, sx, sig_bar, lag, max_hold)
        # every order comes from one of these signals: sizing the record buffer to them (instead of one
        # record per cell) saves allocating and zeroing tens of MB on wide sweeps
        n_orders = int(LE.sum() + LX.sum() + SE.sum() + SX.sum())  # a total over all columns
        kw.update(entries=LE, exits=LX, short_entries=SE, short_exits=SX, use_stops=False, max_orders=max(n_orders, 1))
        pf, eng = _run("signals", **kw)
        return _output(pf, px["close"], data.index[i0:i1], n, init_cash, eng, n * reps)
    m = n * reps
    enums = vbt().portfolio.enums
    held = np.zeros(m, dtype="int64")
    common = (le, lx, se, sx, sig_bar, lag, max_hold)
    kw.update(
        signal_func_nb=_nb.signal_nb,
        signal_args=common + (np.zeros(m, dtype="int64"), held, np.ones(m, np.bool_), np.ones(m, np.bool_)),
        adjust_sl_func_nb=_nb.adjust_sl_nb,
        adjust_sl_args=common + (held, np.ascontiguousarray(px["open"]), np.ascontiguousarray(px["high"]),
                                 np.ascontiguousarray(px["low"]), sl, trail, atr_dist, tp,
                                 np.zeros(m), np.full(m, -2, dtype="int64"), np.zeros(m, dtype="int64")),
        adjust_tp_func_nb=_nb.adjust_tp_nb, adjust_tp_args=common + (held,),
        open=px["open"], high=px["high"], low=px["low"],
        # a placeholder stop so vectorbt tracks stops for the position; adjust_sl_nb sets the real level
        sl_stop=np.where((sl > 0) | (trail > 0) | (np.isfinite(atr_dist).any(axis=0) if has_atr else False), 1.0, np.nan)[None, :],
        tp_stop=np.where(tp > 0, tp, np.nan)[None, :],
        stop_entry_price=enums.StopEntryPrice.FillPrice,  # stops measured from the fill, not the signal close
        stop_exit_price=enums.StopExitPrice.StopMarket,  # stop price (the open when gapped through) + slippage
    )
    pf = vbt().Portfolio.from_signals(engine="numba", **kw)
    return _output(pf, px["close"], data.index[i0:i1], n, init_cash, "numba", n * reps)


def simulate_weights(
    specs: list[Any], weights: list[np.ndarray], data: Any, traded: list[str], i0: int, i1: int,
    *, init_cash: float, fill: str,
) -> SimOutput:
    """Target-weight orders at rebalance bars (NaN = no order), cash shared within each combination."""
    n = len(traded)
    reps = len(weights)
    px = _prices(data, traded, i0, i1, reps)
    fill_px = px["open"] if fill == "next_open" else px["close"]
    size = np.concatenate([_fill_shift(w[i0:i1], fill, np.nan) for w in weights], axis=1) if reps > 1 else _fill_shift(weights[0][i0:i1], fill, np.nan)
    kw = dict(
        close=px["close"], size=size, size_type="targetpercent", price=fill_px,
        fees=np.array([[sp.costs.fees for sp in specs for _ in range(n)]]),
        slippage=np.array([[sp.costs.slippage for sp in specs for _ in range(n)]]),
        direction="longonly", init_cash=np.full(reps, init_cash), cash_sharing=True,
        group_by=np.repeat(np.arange(reps), n), call_seq="auto", freq="1D",
    )
    pf, eng = _run("orders", **kw)
    return _output(pf, px["close"], data.index[i0:i1], n, init_cash, eng, n * reps)


def _output(pf: Any, close: np.ndarray, index: pd.DatetimeIndex, n: int, init_cash: float, eng: str, cols: int) -> SimOutput:
    """Group value, cash and exposure rebuilt from the order records with numpy (vectorbt's pandas-wrapped
    accessors cost more than the simulation on wide sweeps)."""
    rec = pf.order_records
    bars = close.shape[0]
    k = cols // n
    sign = np.where(rec["side"] == 0, 1.0, -1.0)
    # cash flows summed per group: one cumsum over groups, not columns
    flow = np.bincount(rec["idx"] * k + rec["col"] // n, weights=-sign * rec["size"] * rec["price"] - rec["fees"],
                       minlength=bars * k).reshape(bars, k)
    units = np.bincount(rec["idx"] * cols + rec["col"], weights=sign * rec["size"], minlength=bars * cols)
    assets = np.cumsum(units.reshape(bars, cols), axis=0)
    cash = init_cash + np.cumsum(flow, axis=0)
    pos_value = assets * close if close.shape[1] == cols else assets * close[:, :1]
    value = cash + (pos_value.reshape(bars, k, n).sum(axis=2) if n > 1 else pos_value)
    # positions are closed with exact sizes; clear float dust so exposure is not overstated
    tol = 1e-9 * (np.abs(rec["size"]).max() if len(rec) else 1.0)
    held = np.abs(assets) > tol
    if n > 1:
        held = held.reshape(bars, k, n).any(axis=2)
    trades = pf.exit_trades.values
    return SimOutput(index, value, cash, held, trades, n, init_cash, eng)
