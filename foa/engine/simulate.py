"""Run compiled signals (or target weights) through vectorbt for one or many parameter combinations.

Columns are (combination x traded symbol); each combination is one group. Signal specs give each symbol
1/N of the cash (no sharing, all_in = 100% of its share); ranking/rebalance specs trade target weights
with cash shared across the group.

Signal specs call vectorbt's simulation functions directly (``dispatch.simulate_from_signals``, Rust when
available, on orders resolved up front: the rule state machine by ``_nb``, stops by ``stops_nb``; vectorbt's
``simulate_from_signal_func_nb`` compiled with foa's kernels as ``_nb.simulate_stops_nb`` is the stop path's
reference and fallback) with the arguments ``Portfolio.from_signals`` would pass, its defaults read from
``vectorbt.settings.portfolio``, every argument by name through the adapter ``foa.engine.vectorbt_adapter``.
Skipping the Portfolio object saves broadcasting a full-width close, wrapping and config copies: on the
174-combination sweep that was more than the simulation itself. Trades come from vectorbt's own
``get_exit_trades``; value and exposure from the order records (``_nb.portfolio_value_nb``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from foa.engine import vectorbt_adapter as vba
from foa.engine.compile import RuleBatch, Signals
from foa.engine.vectorbt_adapter import as_flex, engine_name, vbt
from foa.errors import FoaError
from foa.spec.model import StrategySpec


__all__ = ["STOP_PATHS", "BlockSums", "SimOutput", "output_from_orders", "simulate_signals", "simulate_weights", "value_one_column"]


@dataclass
class SimOutput:
    index: pd.DatetimeIndex
    value: np.ndarray  # bars x groups, before cash interest
    cash: np.ndarray | None  # bars x groups (None when not asked for: no cash_rate)
    exposure: np.ndarray  # groups: the share of bars with any position open at the bar's close
    trades: np.ndarray  # vectorbt trade records (col = column index)
    n_symbols: int
    init_cash: float
    engine: str
    borrow: np.ndarray | None = None  # bars x groups: borrow cost of shorts paid so far (None: no borrow rate)
    orders: np.ndarray | None = None  # vectorbt order records the outputs were built from (col = column index)


def _fill_shift(x: np.ndarray, fill: str, fill_value: Any) -> np.ndarray:
    """Signals at bar t act at t+1 (next_open) or at t (close); a signal on the last bar does not trade."""
    if fill == "close":
        return x
    out = np.full_like(x, fill_value)
    out[1:] = x[:-1]
    return out


def _run(kind: str, **kw: Any) -> tuple[Any, str]:
    """``Portfolio.from_orders`` (ranking/rebalance specs) on the Rust engine when it takes the call."""
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


# resolve_rules_nb's first pass has room for this many orders over all columns (9 bytes each; at most one
# per bar and column): a column placing more than its share costs a second pass with room for the most
_FIRST_ROOM = 2 * 2**20


class _Tiled(dict):
    """Price matrices per column (combination-major), each tiled from the bars x traded ``base`` on first
    use only: the static path reads close and the fill price, never high/low (a tiled field is as wide as
    the run)."""

    def __init__(self, base: dict[str, np.ndarray], reps: int):
        super().__init__()
        self.base = base
        self.reps = reps

    def __missing__(self, f: str) -> np.ndarray:
        a = self.base[f]
        out = self[f] = np.tile(a, (1, self.reps)) if (self.reps > 1 and a.shape[1] > 1) else a
        return out


def _prices(data: Any, traded: list[str], i0: int, i1: int, reps: int,
            base: dict[str, np.ndarray] | None = None) -> _Tiled:
    """Price arrays per column; one symbol stays one column (vectorbt broadcasts it without copies).
    ``base``: the bars x traded matrices already built (``Prepared.price_matrices``), shared by chunks;
    ``_prices(...).base["close"]`` is the untiled close."""
    if base is None:
        base = {f: np.column_stack([data.frames[s][f].to_numpy()[i0:i1] for s in traded])
                for f in ("open", "high", "low", "close")}
    return _Tiled(base, reps)


def _compact(x: np.ndarray) -> Any:
    """A scalar when every element is equal (vectorbt then skips broadcasting a full array)."""
    flat = np.asarray(x).ravel()
    return flat[0].item() if flat.size and (flat == flat[0]).all() else x


# The per-element ("flexible") simulation arguments and the dtype vectorbt's kernels read them as.
_FLOAT = ("size", "price", "fees", "fixed_fees", "slippage", "min_size", "max_size", "size_granularity",
          "reject_prob", "val_price", "open", "high", "low", "close", "sl_stop", "tp_stop")
_INT = ("size_type", "accumulate", "upon_long_conflict", "upon_short_conflict", "upon_dir_conflict",
        "upon_opposite_entry", "stop_entry_price", "stop_exit_price", "upon_stop_exit", "upon_stop_update")
_BOOL = ("lock_cash", "allow_partial", "raise_reject", "log", "sl_trail")
_ENUMS = {"size_type": "SizeType", "accumulate": "AccumulationMode", "upon_long_conflict": "ConflictMode",
          "upon_short_conflict": "ConflictMode", "upon_dir_conflict": "DirectionConflictMode",
          "upon_opposite_entry": "OppositeEntryMode", "stop_entry_price": "StopEntryPrice",
          "stop_exit_price": "StopExitPrice", "upon_stop_exit": "StopExitMode", "upon_stop_update": "StopUpdateMode"}


@functools.lru_cache(maxsize=1)
def _settings_defaults() -> dict[str, Any]:
    """What ``Portfolio.from_signals`` uses for an argument not given: vectorbt's portfolio settings, enum
    names mapped to their codes (``accumulate`` may be a bool, False = disabled: kept as is, like from_signals)."""
    cfg = vba.portfolio_defaults()
    out: dict[str, Any] = {"open": np.nan, "high": np.nan, "low": np.nan, "price": np.inf}
    for name in _FLOAT + _INT + _BOOL:
        if name in out or name == "close":
            continue
        val = cfg[name]
        if name in _ENUMS:
            val = vba.map_enum(val, _ENUMS[name], ignore_type=(int, bool))
        out[name] = val
    for name in ("ffill_val_price", "update_value", "init_temp_records"):
        out[name] = bool(cfg[name])
    return out


def _sim_args(given: dict[str, Any]) -> dict[str, np.ndarray]:
    """Every flexible argument as a typed 2-D array: given values, else from_signals' defaults."""
    d = {**_settings_defaults(), **given}
    out = {name: as_flex(d[name], np.float64) for name in _FLOAT}
    out.update({name: as_flex(_map_enum(name, d[name]), np.int64) for name in _INT})
    out.update({name: as_flex(d[name], np.bool_) for name in _BOOL})
    return out


def _map_enum(name: str, value: Any) -> Any:
    """'percent' -> SizeType.Percent etc. (ints pass through)."""
    return vba.map_enum(value, _ENUMS[name]) if isinstance(value, str) else value


def _records_static(shape: tuple[int, int], init_cash: np.ndarray, le: np.ndarray, lx: np.ndarray,
                    se: np.ndarray, sx: np.ndarray, max_orders: int, flex: dict[str, np.ndarray],
                    n_symbols: int = 0) -> tuple[np.ndarray, str]:
    """Order records of vectorbt's static signal simulation (Rust when available), as from_signals runs it.

    Each column runs over its own signal bars only (``_nb.order_events_nb``; the records' ``idx`` mapped
    back to bars): without stops a bar with no signal places no order and leaves the column's cash and
    position as they are, and the order sizes (percent of cash or position) and the valuation price (the
    bar's own order price) read nothing from the bars between orders, so the records are those of the run
    over every bar. Per-bar arguments (prices, sizes) are gathered at those bars: bars x columns, bars x 1,
    or bars x ``n_symbols`` (column c reads symbol c % n_symbols: no price tiled per combination).
    """
    from foa.engine import _nb

    rows, le, lx, se, sx = _nb.order_events_nb(le, lx, se, sx)
    return _records_packed(shape[0], rows, init_cash, le, lx, se, sx, max_orders, flex, n_symbols)


def _records_packed(bars: int, rows: np.ndarray, init_cash: np.ndarray, le: np.ndarray, lx: np.ndarray,
                    se: np.ndarray, sx: np.ndarray, max_orders: int, flex: dict[str, np.ndarray],
                    n_symbols: int) -> tuple[np.ndarray, str]:
    """``_records_static`` of rules already packed to each column's signal bars (``rows``, K x columns)."""
    from foa.engine import _nb

    d = _settings_defaults()
    eng = engine_name()
    m = rows.shape[1]
    cols = np.arange(m)
    gathered = {}
    for name, v in flex.items():
        if v.ndim == 2 and v.shape[0] == bars and bars > 1:
            w = v.shape[1]
            if v.dtype == np.float64 and w in (1, m, n_symbols):  # compiled: numpy's fancy indexing costs more
                v = _nb.gather_rows_nb(np.ascontiguousarray(v), rows, 0 if w == 1 else (m if w == m else n_symbols))
            else:
                v = v[rows, 0] if w == 1 else v[rows, cols if w == m else cols % n_symbols]
        gathered[name] = v
    rec, eng = _run_static(rows.shape, init_cash, le, lx, se, sx, max_orders, gathered, d, eng)
    rec["idx"] = rows[rec["idx"], rec["col"]]
    return rec, eng


def _run_static(shape: tuple[int, int], init_cash: np.ndarray, le: np.ndarray, lx: np.ndarray, se: np.ndarray,
                sx: np.ndarray, max_orders: int, flex: dict[str, np.ndarray], d: dict[str, Any],
                eng: str) -> tuple[np.ndarray, str]:
    # A rule with no order anywhere goes in as one flexible False (1 x 1: the same array type as a full
    # one, so the numba path compiles once): the simulation then reads no bars x columns array for it.
    off = np.zeros((1, 1), dtype=np.bool_)
    le, lx, se, sx = (x if x.any() else off for x in (le, lx, se, sx))
    # no cash sharing: every column is its own group, and the default call sequence is all zeros
    args: dict[str, Any] = dict(
        target_shape=shape, group_lens=np.ones(shape[1], dtype=np.int64), init_cash=init_cash,
        call_seq=np.zeros(shape, dtype=np.int64), entries=off, exits=off,
        direction=np.full((1, 1), vba.enums().Direction.LongOnly, dtype=np.int64),
        long_entries=le, long_exits=lx, short_entries=se, short_exits=sx, **flex,
        use_stops=False, auto_call_seq=False, ffill_val_price=d["ffill_val_price"],
        update_value=d["update_value"], max_orders=max_orders, max_logs=1,
        init_temp_records=d["init_temp_records"], flex_2d=True,
    )
    if eng == "rust":
        try:
            return vba.call("vectorbt.portfolio.dispatch.simulate_from_signals", **args, seed=None,
                             engine="rust")[0], "rust"
        except (ValueError, ImportError, NotImplementedError):
            pass  # a call the Rust engine does not support (vectorbt says so): numba runs everything
    from foa.engine import _nb

    static = {k: v for k, v in args.items() if k not in _nb.simulate_static_nb.foa_fixed}
    return vba.call_specialized(_nb.simulate_static_nb, **static)[0], "numba"


RUST_TRADES_MAX = 2000  # order records up to which a run's trades come from vectorbt's Rust engine (_exit_trades)


def _exit_trades(rec: np.ndarray, close: np.ndarray, cols: int) -> np.ndarray:
    """vectorbt's exit-trade records (open trades valued at the last close) from order records.

    vectorbt reads only the last bar's close (an open trade's exit price) and the number of bars (its
    exit index). Up to ``RUST_TRADES_MAX`` order records (a backtest's) and with the Rust engine, vectorbt's
    ``get_exit_trades_rs`` (nothing for numba to compile on a first backtest) gets the last bar alone, one
    row x columns, and the open trades' exit index is set to the last bar after; otherwise (a sweep's
    records, where the compiled numba version is about twice as fast) numba's, with the last bar broadcast
    to every bar as a zero-copy view. Both give the same records.
    """
    last = np.asarray(close[-1:], dtype=np.float64)
    if last.shape[1] not in (1, cols):  # the untiled close of n symbols: repeat it for each combination
        last = np.tile(last, (1, cols // last.shape[1]))
    col_arr = np.ascontiguousarray(rec["col"])
    if len(rec) <= RUST_TRADES_MAX and engine_name() == "rust":
        try:
            row = np.ascontiguousarray(np.broadcast_to(last, (1, cols)))
            col_map = vba.call("vectorbt.records.dispatch.col_map", col_arr=col_arr, n_cols=cols, engine="rust")
            trades = vba.call("vectorbt.portfolio.dispatch.get_exit_trades", order_records=rec, close=row,
                              col_map=col_map, engine="rust")
        except (ValueError, ImportError, NotImplementedError):
            pass  # records the Rust engine does not take (vectorbt says so): numba below
        else:
            trades["exit_idx"][trades["status"] == vba.enums().TradeStatus.Open] = close.shape[0] - 1
            return trades
    full = np.broadcast_to(last, (close.shape[0], cols))
    col_map = vba.call("vectorbt.records.nb.col_map_nb", col_arr=col_arr, n_cols=cols)
    return vba.call("vectorbt.portfolio.nb.get_exit_trades_nb", order_records=rec, close=full, col_map=col_map)


STOP_PATHS = ("resolved", "vectorbt")  # simulate_signals(stops=...): see its docstring


def simulate_signals(
    specs: list[StrategySpec], sigs: list[Signals] | list[RuleBatch], data: Any, traded: list[str], i0: int, i1: int,
    *, init_cash: float, fill: str, prices: dict[str, np.ndarray] | None = None, col_cash: float | None = None,
    want_cash: bool = True, stops: str = "resolved", outputs: bool = True,
) -> SimOutput:
    """One vectorbt run over every combination's signals (columns combination-major).

    ``col_cash``: each column's starting cash when ``traded`` is a block of a wider universe (a sweep run
    symbol block by symbol block); by default ``init_cash / len(traded)``. ``outputs=False``: only the order
    records (``SimOutput.orders``; value, exposure and trades None).

    Without stops the rule state machine is resolved up front (``_nb.resolve_nb``; a sweep's ``RuleBatch``
    by ``_nb.resolve_rules_nb``, evaluating its rules as it goes) and vectorbt runs its static path (Rust when
    available). With stops, ``stops="resolved"`` resolves the stops too
    (``stops_nb.resolve_stops``) and runs the same static path at the orders' prices, falling back to
    vectorbt's stop simulation for a run whose fills differ from what the stops assumed;
    ``stops="vectorbt"`` runs vectorbt's stop simulation (numba, foa's kernels inside) directly: the same
    order records, at the cost of compiling that simulation once per numba cache.

    >>> out = simulate_signals([spec], [sig], data, ["^GSPC"], 0, len(data.index), init_cash=1e5,
    ...                        fill="next_open", stops="vectorbt")  # doctest: +SKIP
    """
    from foa.engine import _nb

    if stops not in STOP_PATHS:
        raise FoaError(f"stops={stops!r} is not a stop path: use one of {', '.join(map(repr, STOP_PATHS))}")

    n = len(traded)
    reps = len(specs)
    lag = 1 if fill == "next_open" else 0
    px = _prices(data, traded, i0, i1, reps, prices)
    fill_field = "open" if fill == "next_open" else "close"

    def cat(xs: list[np.ndarray]) -> np.ndarray:
        return np.ascontiguousarray(np.concatenate(xs, axis=1) if len(xs) > 1 else xs[0])

    same = all(sp is specs[0] for sp in specs)  # a sweep's batch repeats one spec: read each field once

    def per_col(f: Any) -> np.ndarray:
        if same:
            return np.full(n * reps, f(specs[0]), dtype="float64")
        return np.repeat(np.array([f(sp) for sp in specs], dtype="float64"), n)

    # Rules stacked from several Signals are columns x bars (C order): resolve_nb (reading their transpose,
    # bars x columns in Fortran order) and the stop simulation walk one column at a time, so its bars are
    # contiguous; the stop kernels take them as they are, one array type for one column or many (numba
    # types a one-column Fortran array as C order: a second compilation of the whole simulation).
    # A single Signals (one spec, or a sweep's batch) is resolved row by row as it is laid out
    # (resolve_events_nb, straight into each column's packed orders): no copy at all.
    def rule(name: str) -> np.ndarray:
        parts = [getattr(s, name)[i0:i1] for s in sigs]
        if not any(x.any() for x in parts):
            return np.zeros((n * reps, i1 - i0), dtype=bool)
        out = np.empty((n * reps, i1 - i0), dtype=bool)
        j = 0
        for x in parts:
            out[j:j + x.shape[1]] = x.T
            j += x.shape[1]
        return out

    sig_bar = np.ascontiguousarray(sigs[0].signal_bar[i0:i1])
    sl = per_col(lambda sp: sp.risk.stop_loss or 0.0)
    trail = per_col(lambda sp: sp.risk.trailing_stop or 0.0)
    tp = per_col(lambda sp: sp.risk.take_profit or 0.0)
    max_hold = per_col(lambda sp: sp.risk.max_holding_bars or 0).astype("int64")
    # one Signals per spec, or one for all (compile_signals_batch: the specs are one spec, its columns
    # combination-major)
    pairs = list(zip(specs, sigs)) if len(sigs) == len(specs) else [(specs[0], sigs[0])]
    if any(s.atr is not None and sp.risk.atr_stop for sp, s in pairs):
        atr_dist = cat([
            _fill_shift(s.atr[i0:i1] * sp.risk.atr_stop.multiple, fill, np.nan)
            if (s.atr is not None and sp.risk.atr_stop) else np.full((i1 - i0, s.entries.shape[1]), np.nan)
            for sp, s in pairs
        ])
    else:
        atr_dist = np.full((1, n * reps), np.nan)  # read at the entry row only when finite: none here
    fracs = [sp.sizing.fraction if (sp.sizing.method == "fixed_fraction" and sp.sizing.fraction) else 1.0 for sp in specs]
    if any(s.sizing is not None for s in sigs):
        size: Any = cat([
            np.nan_to_num(_fill_shift(s.sizing[i0:i1], fill, np.nan), nan=0.0) * f if s.sizing is not None
            else np.full((i1 - i0, s.entries.shape[1]), f) for s, f in zip(sigs, fracs)
        ])
    else:
        size = fracs[0] if len(set(fracs)) == 1 else np.repeat(np.array(fracs), n)[None, :]
    has_atr = bool(np.isfinite(atr_dist).any())
    has_sl = bool((sl > 0).any() or (trail > 0).any() or has_atr)
    has_tp = bool((tp > 0).any())
    m = n * reps
    shape = (i1 - i0, m)
    cash0 = np.full(m, init_cash / n if col_cash is None else col_cash)
    given: dict[str, Any] = dict(
        size=size, size_type="percent",
        fees=_compact(per_col(lambda sp: sp.costs.fees)[None, :]),
        slippage=_compact(per_col(lambda sp: sp.costs.slippage)[None, :]),
        fixed_fees=_compact(per_col(lambda sp: sp.costs.fixed_fee)[None, :]),
    )
    index = data.index[i0:i1]
    names = ("entries", "exits", "short_entries", "short_exits")
    if not (has_sl or has_tp):
        # the untiled bars x traded prices: each column's order bars are gathered from its symbol's
        given.update(close=px.base["close"], price=px.base[fill_field])
        # every order comes from a resolved signal: sizing the record buffer to them (instead of one record
        # per cell) saves allocating and zeroing tens of MB on wide sweeps
        if isinstance(sigs[0], RuleBatch):  # a sweep's rules, evaluated by the state machine where it reads them
            rb = sigs[0]
            cap = int(min(shape[0] + 1, max(16, _FIRST_ROOM // max(m, 1))))
            while True:  # a column with more orders than room: once more with room for the most
                if rb.single is not None:  # every rule one comparison: the kernel without a rule program
                    at, LE, LX, SE, SX, n_orders, most = _nb.resolve_compares_nb(
                        rb.values, rb.take_a, rb.take_b, rb.symbols, rb.ops, rb.single, rb.bar_pos - i0, i1 - i0, lag,
                        max_hold, cap)
                else:
                    at, LE, LX, SE, SX, n_orders, most = _nb.resolve_rules_nb(
                        rb.values, rb.take_a, rb.take_b, rb.symbols, rb.ops, rb.program, rb.starts, rb.bar_pos - i0, i1 - i0,
                        lag, max_hold, cap)
                if most <= cap:
                    break
                cap = int(most)
            rec, eng = _records_packed(shape[0], at, cash0, LE, LX, SE, SX, max(int(n_orders), 1), _sim_args(given), n)
        elif len(sigs) == 1:  # one Signals for every column (one spec, or a sweep's batch): resolved as laid out
            rows = [np.ascontiguousarray(getattr(sigs[0], name)[i0:i1]) for name in names]
            at, LE, LX, SE, SX, n_orders = _nb.resolve_events_nb(*rows, sig_bar, lag, max_hold)
            rec, eng = _records_packed(shape[0], at, cash0, LE, LX, SE, SX, max(int(n_orders), 1), _sim_args(given), n)
        else:
            LE, LX, SE, SX = _nb.resolve_nb(*(rule(name).T for name in names), sig_bar, lag, max_hold)
            n_orders = int(LE.sum() + LX.sum() + SE.sum() + SX.sum())  # a total over all columns
            rec, eng = _records_static(shape, cash0, LE, LX, SE, SX, max(n_orders, 1), _sim_args(given), n)
        if not outputs:
            return SimOutput(index, None, None, None, None, n, init_cash, eng, orders=rec)
        close = px.base["close"]  # the outputs read the untiled close (column j of each combination)
        return _with_borrow(_output(rec, close, index, n, init_cash, eng, m, want_cash), rec, close, specs)
    le, lx, se, sx = (rule(name) for name in names)
    close = px.base["close"]
    rules = (le, lx, se, sx, sig_bar, lag, max_hold)
    stop_args = (sl, trail, tp, atr_dist)
    rec = None
    if stops == "resolved":
        rec, eng = _records_stops_resolved(rules, fill, px.base, size, given, stop_args, cash0)
    if rec is None:  # asked for, or a fill the resolved orders assumed did not happen (see _records_stops_resolved)
        rec, eng = _records_stops_vectorbt(rules, fill, px, size, given, stop_args, cash0), "numba"
    if not outputs:
        return SimOutput(index, None, None, None, None, n, init_cash, eng, orders=rec)
    return _with_borrow(_output(rec, close, index, n, init_cash, eng, m, want_cash), rec, close, specs)


def _records_stops_resolved(rules: tuple[Any, ...], fill: str, base: dict[str, np.ndarray], size: Any,
                            given: dict[str, Any], stop_args: tuple[np.ndarray, ...],
                            cash0: np.ndarray) -> tuple[np.ndarray | None, str]:
    """Order records of a run with stops, from orders resolved up front (``stops_nb.resolve_stops``:
    the rule state machine and the stops replayed as vectorbt's stop simulation runs them) and simulated on
    vectorbt's static path (Rust when available) at the orders' own prices.

    The replay assumes every entry it places fills, at ``price x (1 +/- slippage)``, and every exit closes
    the whole position; the records are checked against that, order for order (bar, column, side, fill
    price, exit size = entry size). ``(None, "")`` when one does not hold (an entry rejected for want of
    cash, a short covered in part): the caller then runs vectorbt's stop simulation, which decides the
    stops from the fills it made.
    """
    from foa.engine.stops_nb import resolve_stops

    le, lx, se, sx, sig_bar, lag, max_hold = rules
    sl, trail, tp, atr_dist = stop_args
    m = le.shape[0]
    o, h, lo, c = (np.ascontiguousarray(base[f], dtype=np.float64) for f in ("open", "high", "low", "close"))
    flex_size = as_flex(size, np.float64)
    # a writable copy (a read-only array is another numba type: a second compilation)
    slip = np.array(np.broadcast_to(as_flex(given["slippage"], np.float64), (1, m))[0])
    rows, codes, price, total = resolve_stops(
        le, lx, se, sx, sig_bar, lag, max_hold, 1 if fill == "close" else 0, o, h, lo, c, flex_size, slip,
        sl, trail, np.ascontiguousarray(atr_dist, dtype=np.float64), tp)
    LE, LX, SE, SX = (codes == k for k in (1, 2, 3, 4))
    cols = np.arange(m)
    w = c.shape[1]
    at = (rows, cols % w)
    # vectorbt values a position at the bar's fill price (a stop row too); a fill is price x (1 +/- slippage)
    val = (o if fill == "next_open" else c)[at]
    fill_px = np.where(LE | SX, price * (1 + slip), price * (1 - slip))
    packed = dict(given, close=c[at], price=price, val_price=val)
    if flex_size.shape[0] > 1:
        packed["size"] = flex_size[rows, cols if flex_size.shape[1] == m else 0]
    rec, eng = _run_static(rows.shape, cash0, LE, LX, SE, SX, max(int(total), 1), _sim_args(packed),
                           _settings_defaults(), engine_name())
    if not _fills_as_resolved(rec, LE, LX, SE, SX, fill_px):
        return None, ""
    rec["idx"] = rows[rec["idx"], rec["col"]]
    return rec, eng


def _fills_as_resolved(rec: np.ndarray, LE: np.ndarray, LX: np.ndarray, SE: np.ndarray, SX: np.ndarray,
                       fill_px: np.ndarray) -> bool:
    """Whether vectorbt filled every resolved order as the stops assumed: one record per order, in order,
    on its side at the fill price the stops were measured from, each exit closing its entry's size."""
    c, r = np.nonzero((LE | LX | SE | SX).T)  # column by column, row by row: vectorbt's record order
    if len(rec) != len(c) or not (np.array_equal(rec["col"], c) and np.array_equal(rec["idx"], r)):
        return False
    if not np.array_equal(rec["side"], np.where((LE | SX)[r, c], 0, 1)):  # OrderSide: 0 buy, 1 sell
        return False
    if not np.array_equal(rec["price"], fill_px[r, c]):
        return False
    exits = np.nonzero((LX | SX)[r, c])[0]  # each follows its entry (the replay exits only a position it opened)
    return bool(np.array_equal(rec["size"][exits], rec["size"][exits - 1]))


def _records_stops_vectorbt(rules: tuple[Any, ...], fill: str, px: _Tiled, size: Any, given: dict[str, Any],
                            stop_args: tuple[np.ndarray, ...], cash0: np.ndarray) -> np.ndarray:
    """Order records of vectorbt's stop simulation (``simulate_from_signal_func_nb`` compiled with foa's
    kernels as ``_nb.simulate_stops_nb``, numba): the rule state machine and the stops run inside it, every
    fill decided as it goes. The reference the resolved path is checked against, and its fallback."""
    from foa.engine import _nb

    le, lx, se, sx, sig_bar, lag, max_hold = rules
    sl, trail, tp, atr_dist = stop_args
    m = le.shape[0]
    shape = (le.shape[1], m)
    enums = vba.enums()
    held = np.zeros(m, dtype="int64")
    # vectorbt places one order per bar and column: with fill="close" a stop exit inside bar t and an entry
    # at t's close would collide (the entry slipped to t + 1). Each bar then runs as two rows, its trading
    # (stops) and its close (rules, fills); records map back to bars afterwards.
    dbl = 1 if fill == "close" else 0
    o, h, lo, c = px["open"], px["high"], px["low"], px["close"]
    given = dict(given, close=c, price=px["open" if fill == "next_open" else "close"])
    if dbl:
        o, h, lo = (np.stack([x, c], axis=1).reshape(2 * x.shape[0], x.shape[1]) for x in (o, h, lo))
        c = np.repeat(c, 2, axis=0)
        atr_dist = np.repeat(atr_dist, 2, axis=0) if atr_dist.shape[0] > 1 else atr_dist
        if np.ndim(size) == 2 and np.shape(size)[0] > 1:
            size = np.repeat(size, 2, axis=0)
        shape = (2 * shape[0], m)
        given.update(close=c, price=c, size=size)
    common = (le, lx, se, sx, sig_bar, lag, max_hold, dbl)
    has_atr = bool(np.isfinite(atr_dist).any())
    given.update(
        open=o, high=h, low=lo,
        # a placeholder stop so vectorbt tracks stops for the position; adjust_sl_nb sets the real level
        sl_stop=np.where((sl > 0) | (trail > 0) | (np.isfinite(atr_dist).any(axis=0) if has_atr else False), 1.0, np.nan)[None, :],
        tp_stop=np.where(tp > 0, tp, np.nan)[None, :],
        stop_entry_price=enums.StopEntryPrice.FillPrice,  # stops measured from the fill, not the signal close
        stop_exit_price=enums.StopExitPrice.StopMarket,  # stop price (the open when gapped through) + slippage
    )
    f = _sim_args(given)
    d = _settings_defaults()

    def per_column(x: np.ndarray) -> np.ndarray:
        # the kernels index prices by column: one symbol's prices (bars x 1) broadcast to every column
        return np.ascontiguousarray(np.broadcast_to(x, (x.shape[0], m)))

    rec = vba.call_specialized(
        _nb.simulate_stops_nb,
        target_shape=shape, group_lens=np.ones(m, dtype=np.int64), init_cash=cash0,
        call_seq=np.zeros(shape, dtype=np.int64),
        signal_args=common + (np.zeros(m, dtype="int64"), held, np.ones(m, np.bool_), np.ones(m, np.bool_)),
        adjust_sl_args=common + (held, per_column(o), per_column(h), per_column(lo), sl, trail, atr_dist, tp,
                                 np.zeros(m), np.full(m, -2, dtype="int64"), np.zeros(m, dtype="int64")),
        adjust_tp_args=common + (held,),
        **f, ffill_val_price=d["ffill_val_price"], update_value=d["update_value"],
        max_orders=shape[0] * shape[1], max_logs=1, init_temp_records=d["init_temp_records"],
    )[0]
    if dbl:
        rec = rec.copy()
        rec["idx"] //= 2  # rows back to bars (a bar's trading row precedes its close row in record order)
    return rec


def simulate_weights(
    specs: list[StrategySpec], weights: list[np.ndarray], data: Any, traded: list[str], i0: int, i1: int,
    *, init_cash: float, fill: str, prices: dict[str, np.ndarray] | None = None, want_cash: bool = True,
) -> SimOutput:
    """Target-weight orders at rebalance bars (NaN = no order), cash shared within each combination."""
    n = len(traded)
    reps = len(weights)
    px = _prices(data, traded, i0, i1, reps, prices)
    fill_px = px["open"] if fill == "next_open" else px["close"]
    size = np.concatenate([_fill_shift(w[i0:i1], fill, np.nan) for w in weights], axis=1) if reps > 1 else _fill_shift(weights[0][i0:i1], fill, np.nan)
    kw = dict(
        close=px["close"], size=size, size_type="targetpercent", price=fill_px,
        fees=np.array([[sp.costs.fees for sp in specs for _ in range(n)]]),
        slippage=np.array([[sp.costs.slippage for sp in specs for _ in range(n)]]),
        fixed_fees=np.array([[sp.costs.fixed_fee for sp in specs for _ in range(n)]]),
        direction="longonly", init_cash=np.full(reps, init_cash), cash_sharing=True,
        group_by=np.repeat(np.arange(reps), n), call_seq="auto", freq="1D",
    )
    pf, eng = _run("orders", **kw)
    out = _output(pf.order_records, px.base["close"], data.index[i0:i1], n, init_cash, eng, n * reps, want_cash)
    return _with_borrow(out, pf.order_records, px.base["close"], specs)


def _output(rec: np.ndarray, close: np.ndarray, index: pd.DatetimeIndex, n: int, init_cash: float, eng: str, cols: int,
            want_cash: bool = True) -> SimOutput:
    """Group value, cash and exposure rebuilt from the order records in one compiled pass (vectorbt's
    pandas-wrapped accessors cost more than the simulation on wide sweeps); trades from vectorbt."""
    from foa.engine import _nb

    # positions are closed with exact sizes; clear float dust so exposure is not overstated
    tol = 1e-9 * (np.abs(rec["size"]).max() if len(rec) else 1.0)
    idx, col = rec["idx"], rec["col"]
    order = _group_bar_order(idx, col, n, close.shape[0])
    # several symbols reading their own closes: only the held ones are summed each bar
    recs = (np.ascontiguousarray(idx), np.ascontiguousarray(col), np.ascontiguousarray(rec["size"]),
            np.ascontiguousarray(rec["price"]), np.ascontiguousarray(rec["fees"]), np.ascontiguousarray(rec["side"]),
            order, np.ascontiguousarray(close, dtype=np.float64))
    if cols == 1:  # a single backtest of one symbol: numpy, nothing to compile on an empty numba cache
        value, cash, exposure = value_one_column(*recs, float(init_cash), float(tol), want_cash)
    elif n == 1:  # one symbol, many combinations: the run-by-run kernel
        value, cash, exposure = _nb.portfolio_value_one_nb(*recs, cols, float(init_cash), float(tol), want_cash)
    else:
        kernel = _nb.portfolio_value_held_nb if close.shape[1] != cols else _nb.portfolio_value_nb
        value, cash, exposure = kernel(*recs, n, cols // n, float(init_cash), float(tol), want_cash)
    trades = _exit_trades(rec, close, cols)
    return SimOutput(index, value, cash if want_cash else None, exposure, trades, n, init_cash, eng, orders=rec)


def value_one_column(rec_idx: np.ndarray, rec_col: np.ndarray, rec_size: np.ndarray, rec_price: np.ndarray,
                     rec_fees: np.ndarray, rec_side: np.ndarray, order: np.ndarray, close: np.ndarray,
                     init_cash: float, tol: float, want_cash: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``_nb.portfolio_value_one_nb`` for one column (a single backtest of one symbol) in numpy, bit for bit:
    the same additions in the same order (a bar's flows summed in record order by ``bincount``, the running
    cash and holding as sequential ``cumsum``; a bar without orders adds an exact 0.0), so a first backtest
    compiles no value kernel on an empty numba cache. ``close``: bars x 1; ``rec_col`` is all 0.

    >>> import numpy as np
    >>> close = np.array([[10.0], [11.0], [12.0]])
    >>> one = np.array([1]); side = np.array([0], dtype=np.int8)  # buy 2 at 11 on bar 1, fee 1
    >>> value, cash, exposure = value_one_column(one, 0 * one, np.array([2.0]), np.array([11.0]), np.array([1.0]),
    ...                                          side, np.arange(1), close, 100.0, 1e-9, True)
    >>> value[:, 0].tolist(), cash[:, 0].tolist(), exposure.tolist()
    ([100.0, 99.0, 101.0], [100.0, 77.0, 77.0], [0.6666666666666666])
    """
    bars = close.shape[0]
    idx = rec_idx[order]
    s = np.where(rec_side[order] == 0, 1.0, -1.0)
    size = rec_size[order]
    flow = np.bincount(idx, weights=-s * size * rec_price[order] - rec_fees[order], minlength=bars)
    cash = init_cash + np.cumsum(flow)
    held = np.concatenate([[0.0], np.cumsum(s * size)])[np.searchsorted(idx, np.arange(bars), side="right")]
    value = cash + held * close[:, 0]
    exposure = np.array([np.count_nonzero(np.abs(held) > tol) / bars])
    return value[:, None], (cash[:, None] if want_cash else np.empty((bars, 0))), exposure


def _group_bar_order(idx: np.ndarray, col: np.ndarray, n: int, bars: int) -> np.ndarray:
    """The records by (group, bar), stable (same-bar flows keep record order): ``np.lexsort((idx, col // n))``,
    as one stable sort of one key, or no sort at all when the records already are in that order (one symbol:
    vectorbt writes them column by column, bar by bar)."""
    key = (col // n) * bars + idx
    if len(key) < 2 or (key[1:] >= key[:-1]).all():
        return np.arange(len(key))
    return np.argsort(key, kind="stable")


def output_from_orders(rec: np.ndarray, close: np.ndarray, index: pd.DatetimeIndex, n: int, init_cash: float,
                       engine: str, specs: list[StrategySpec]) -> SimOutput:
    """What ``simulate_signals`` returns, built from order records gathered elsewhere (a sweep's symbol
    blocks): ``rec`` columns combination-major over ``n`` symbols, ``close`` bars x (len(specs) x n), bars x n
    (each symbol's close) or bars x 1. Records must come column by column, bar by bar within a column, as vectorbt writes them.

    >>> out = output_from_orders(run.orders, close, index, 2, 100_000.0, "numba", specs)  # doctest: +SKIP
    """
    return _with_borrow(_output(rec, close, index, n, init_cash, engine, n * len(specs)), rec, close, specs)


class BlockSums:
    """The outputs of a run over a universe too wide for one simulation, built symbol block by symbol block
    (in symbol order) from each block's order records: ``add`` a block's records, then ``output()`` is what
    ``output_from_orders`` gives over the gathered records (``_nb.accumulate_block_nb`` continues every sum
    in the same order), while only per-combination sums and the trades' statistics fields are kept.

    >>> sums = BlockSums(index, n_symbols=500, combos=174, init_cash=1e5)  # doctest: +SKIP
    >>> sums.add(out.orders, close_block, first_symbol=0); sums.output("rust").value.shape  # doctest: +SKIP
    """

    def __init__(self, index: pd.DatetimeIndex, n_symbols: int, combos: int, init_cash: float):
        self.index, self.n, self.k, self.init_cash = index, n_symbols, combos, float(init_cash)
        bars = len(index)
        self.flow = np.zeros((combos, bars))
        self.pos = np.zeros((combos, bars))
        self.held = np.zeros((combos, bars), dtype=np.bool_)
        self.trades: list[np.ndarray] = []

    def add(self, rec: np.ndarray, close: np.ndarray, first_symbol: int) -> None:
        """Add the order records of symbols ``first_symbol ..`` (``close``: their bars x width closes;
        record column ``g * width + j``, column by column in vectorbt's order)."""
        from foa.engine import _nb

        width = close.shape[1]
        group = rec["col"] // width
        # the float-dust tolerance of portfolio_value_nb, per combination over its records (here: this block's)
        tol = np.zeros(self.k)
        np.maximum.at(tol, group, np.abs(rec["size"]))
        tol = 1e-9 * np.where(np.bincount(group, minlength=self.k) > 0, tol, 1.0)
        _nb.accumulate_block_nb(
            np.ascontiguousarray(rec["idx"]), np.ascontiguousarray(rec["col"]), np.ascontiguousarray(rec["size"]),
            np.ascontiguousarray(rec["price"]), np.ascontiguousarray(rec["fees"]), np.ascontiguousarray(rec["side"]),
            np.ascontiguousarray(close, dtype=np.float64), width, tol, self.flow, self.pos, self.held)
        t = _exit_trades(rec, close, self.k * width)
        kept = np.empty(len(t), dtype=_TRADE_FIELDS)  # what the statistics read of a trade
        kept["col"] = (t["col"] // width) * self.n + first_symbol + t["col"] % width
        kept["pnl"], kept["return"] = t["pnl"], t["return"]
        self.trades.append(kept)

    def output(self, engine: str, want_cash: bool = True) -> SimOutput:
        """The SimOutput of every block added (trades: their col, pnl and return fields)."""
        from foa.engine import _nb

        value, cash, exposure = _nb.finish_blocks_nb(self.flow, self.pos, self.held, self.init_cash, want_cash)
        trades = np.concatenate(self.trades) if self.trades else np.empty(0, dtype=_TRADE_FIELDS)
        return SimOutput(self.index, value, cash if want_cash else None, exposure, trades, self.n, self.init_cash, engine)


_TRADE_FIELDS = np.dtype([("col", np.int64), ("pnl", np.float64), ("return", np.float64)])


def _with_borrow(out: SimOutput, rec: np.ndarray, close: np.ndarray, specs: list[StrategySpec]) -> SimOutput:
    """Borrow cost of short positions: every bar, rate / 252 of each short's value at the previous close,
    summed per combination and accumulated (taken from the equity; trade sizes are as simulated)."""
    rates = np.array([sp.costs.borrow_rate for sp in specs], dtype=np.float64)
    if not (rates > 0).any() or not len(rec):
        return out
    bars, n = out.value.shape[0], out.n_symbols
    cols = n * len(specs)
    flow = np.zeros((bars, cols))
    np.add.at(flow, (rec["idx"], rec["col"]), np.where(rec["side"] == 0, rec["size"], -rec["size"]))
    position = np.cumsum(flow, axis=0)  # shares held at each bar's close
    close = np.asarray(close, dtype=np.float64)
    if close.shape[1] not in (1, cols):  # the untiled close of n symbols
        close = np.tile(close, (1, cols // close.shape[1]))
    full = np.broadcast_to(close, (bars, cols))
    short_value = np.where(position < 0, -position, 0.0) * full
    charge = np.zeros((bars, cols))
    charge[1:] = short_value[:-1] * np.repeat(rates / 252.0, n)[None, :]
    out.borrow = np.cumsum(charge.reshape(bars, len(specs), n).sum(axis=2), axis=0)
    return out
