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
from foa.errors import SpecError

__all__ = ["SimOutput", "edges", "simulate_signals", "simulate_weights"]


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


def edges(level: np.ndarray, signal_bar: np.ndarray, i0: int) -> np.ndarray:
    """Fresh signals: true on a signal bar when false on the previous signal bar (or at the range start).

    Entries are edges so that after any exit (rule or stop) the next entry needs a fresh signal.
    """
    rows = np.flatnonzero(signal_bar)
    out = np.zeros_like(level)
    lv = level[rows]
    prev = np.zeros_like(lv)
    prev[1:] = lv[:-1]
    prev[rows < i0] = False  # irrelevant rows (before the range) are sliced off below
    first_in_range = np.searchsorted(rows, i0)
    if first_in_range < len(rows):
        prev[first_in_range] = False  # the backtest starts flat: a rule true at the start is a fresh signal
    out[rows] = lv & ~prev
    return out


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
    out = {}
    for f in ("open", "high", "low", "close"):
        a = np.column_stack([data.frames[s][f].to_numpy()[i0:i1] for s in traded])
        out[f] = np.tile(a, (1, reps)) if reps > 1 else a
    return out


def simulate_signals(
    specs: list[Any], sigs: list[Signals], data: Any, traded: list[str], i0: int, i1: int,
    *, init_cash: float, fill: str,
) -> SimOutput:
    """One vectorbt run over every combination's signals (columns combination-major)."""
    n = len(traded)
    reps = len(sigs)
    px = _prices(data, traded, i0, i1, reps)
    fill_px = px["open"] if fill == "next_open" else px["close"]
    ents, exs, sents, sexs, size, sl, tp, trail = [], [], [], [], [], [], [], []
    for spec, s in zip(specs, sigs):
        if spec.risk.max_holding_bars is not None:
            raise SpecError("risk.max_holding_bars is not supported by this engine yet: drop it or express it as an exit rule")
        e = _fill_shift(edges(s.entries, s.signal_bar, i0)[i0:i1], fill, False)
        se = _fill_shift(edges(s.short_entries, s.signal_bar, i0)[i0:i1], fill, False)
        ents.append(e)
        sents.append(se)
        exs.append(_fill_shift(s.exits[i0:i1], fill, False))
        sexs.append(_fill_shift(s.short_exits[i0:i1], fill, False))
        m = spec.sizing.method
        frac = spec.sizing.fraction if (m == "fixed_fraction" and spec.sizing.fraction) else 1.0
        if s.sizing is not None:
            size.append(np.nan_to_num(_fill_shift(s.sizing[i0:i1], fill, np.nan), nan=0.0) * frac)
        else:
            size.append(np.full(e.shape, frac))
        sl.append(_stop_array(spec, s, e, se, fill_px[:, :n], i0, i1, fill))
        tp.append(np.full(e.shape, spec.risk.take_profit if spec.risk.take_profit else np.nan))
        trail.append(np.full(e.shape, spec.risk.trailing_stop is not None))
    cat = lambda xs: np.concatenate(xs, axis=1) if len(xs) > 1 else xs[0]  # noqa: E731
    costs = specs[0].costs
    sl_a, tp_a = cat(sl), cat(tp)
    use_stops = bool(np.isfinite(sl_a).any() or np.isfinite(tp_a).any())
    vbt_mod = vbt()
    enums = vbt_mod.portfolio.enums
    kw: dict[str, Any] = dict(
        close=px["close"], entries=cat(ents), exits=cat(exs), short_entries=cat(sents), short_exits=cat(sexs),
        price=fill_px, size=cat(size), size_type="percent",
        fees=np.array([[sp.costs.fees for sp in specs for _ in range(n)]]) if reps > 1 else costs.fees,
        slippage=np.array([[sp.costs.slippage for sp in specs for _ in range(n)]]) if reps > 1 else costs.slippage,
        init_cash=np.full(n * reps, init_cash / n), cash_sharing=False, freq="1D",
        group_by=np.repeat(np.arange(reps), n),
        upon_opposite_entry="reverse",
    )
    if use_stops:
        kw.update(
            open=px["open"], high=px["high"], low=px["low"], sl_stop=sl_a, tp_stop=tp_a, sl_trail=cat(trail),
            stop_entry_price=enums.StopEntryPrice.FillPrice,  # stops measured from the fill, not the signal close
            stop_exit_price=enums.StopExitPrice.StopMarket,  # stop price (open when gapped through) plus slippage
        )
    else:
        kw["use_stops"] = False
    pf, eng = _run("signals", **kw)
    return _output(pf, data.index[i0:i1], n, init_cash, eng)


def _stop_array(spec: Any, s: Signals, e: np.ndarray, se: np.ndarray, fill_px: np.ndarray, i0: int, i1: int, fill: str) -> np.ndarray:
    """Stop-loss fraction per fill bar: stop_loss, trailing_stop, or multiple x ATR(signal bar) / fill price."""
    r = spec.risk
    base = r.trailing_stop if r.trailing_stop is not None else r.stop_loss
    out = np.full(e.shape, base if base is not None else np.nan, dtype="float64")
    if r.atr_stop is not None and s.atr is not None:
        dist = _fill_shift(s.atr[i0:i1] * r.atr_stop.multiple, fill, np.nan)
        slip = spec.costs.slippage
        with np.errstate(divide="ignore", invalid="ignore"):
            long_frac = dist / (fill_px * (1 + slip))
            short_frac = dist / (fill_px * (1 - slip))
        frac = np.where(se, short_frac, long_frac)
        # Both set: the tighter stop wins.
        out = np.where(np.isnan(out), frac, np.fmin(out, frac))
    return out


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
    return _output(pf, data.index[i0:i1], n, init_cash, eng)


def _output(pf: Any, index: pd.DatetimeIndex, n: int, init_cash: float, eng: str) -> SimOutput:
    value = np.asarray(pf.value().to_numpy() if hasattr(pf.value(), "to_numpy") else pf.value(), dtype="float64")
    cash = np.asarray(pf.cash().to_numpy(), dtype="float64")
    assets = np.asarray(pf.assets().to_numpy(), dtype="float64")
    if value.ndim == 1:
        value, cash = value[:, None], cash[:, None]
    if assets.ndim == 1:
        assets = assets[:, None]
    held = (assets != 0).reshape(len(index), -1, n).any(axis=2)
    trades = pf.exit_trades.values
    return SimOutput(index, value, cash, held, trades, n, init_cash, eng)
