"""Compile a StrategySpec into boolean signal arrays on the spec's bars, then onto the daily grid.

Rules are evaluated on each bar's close. Indicators are computed once per distinct (indicator, params,
input, symbol) in an ``Evaluator`` cache, so a sweep over 174 SMA pairs computes 25 SMAs, not 348.
Weekly/monthly specs run on period-end bars resampled from daily data (the bar sits on the last trading
day of the period; an incomplete final period is dropped), and their signals land on that day.

    ev = Evaluator(bars_for(data, "daily"), traded=["^GSPC"])
    entries = ev.condition(spec.entry)        # bool array, bars x traded symbols
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from foa.engine import indicators as ind
from foa.engine.prices import FIELDS, PriceData
from foa.errors import SpecError
from foa.spec import indicators as table
from foa.spec.model import StrategySpec

__all__ = ["Bars", "Evaluator", "RuleBatch", "Signals", "bars_for", "compile_rules_batch", "compile_signals", "compile_signals_batch",
           "period_end_positions"]

_PANDAS_FREQ = {"weekly": "W-FRI", "monthly": "M", "quarterly": "Q"}
# indicators of one input series and a window; atr, bbands and macd take more and are handled apart
_FOA_NAMES = frozenset(i.name for i in table.table() if i.source == "foa")
_WINDOWED = {"sma": ind.sma, "ema": ind.ema, "rsi": ind.rsi, "roc": ind.roc, "stdev": ind.stdev,
             "highest": ind.highest, "lowest": ind.lowest}


@dataclass
class Bars:
    """OHLCV of every symbol on one bar frequency: fields[name] is bars x symbols."""

    index: pd.DatetimeIndex
    symbols: list[str]
    fields: dict[str, np.ndarray]
    daily_pos: np.ndarray  # row of each bar in the daily index

    def col(self, symbol: str) -> int:
        return self.symbols.index(symbol)


def period_end_positions(index: pd.DatetimeIndex, frequency: str) -> np.ndarray:
    """Rows of the last trading day of each complete period (weekly W-FRI, monthly, quarterly).

    The final period counts as complete only when its last bar is the last weekday of the period
    (a holiday-shortened end is treated as incomplete: no signal rather than a premature one).
    """
    if frequency == "daily":
        return np.arange(len(index))
    periods = index.to_period(_PANDAS_FREQ[frequency])
    codes = periods.asi8 if hasattr(periods, "asi8") else np.asarray(periods.astype("int64"))
    ends = np.flatnonzero(codes[1:] != codes[:-1])
    last = len(index) - 1
    next_weekday = index[-1] + pd.offsets.BDay(1)
    if next_weekday.to_period(_PANDAS_FREQ[frequency]) != periods[-1]:
        ends = np.append(ends, last)
    return ends


def bars_for(data: PriceData, frequency: str) -> Bars:
    """Daily bars as they are; weekly/monthly bars resampled (open first, high max, low min, close last, volume sum)."""
    idx = data.index
    symbols = list(data.frames)
    daily = data.matrices()  # built once per PriceData (shared with Prepared.price_matrices; read only here)
    if frequency == "daily":
        return Bars(idx, symbols, daily, np.arange(len(idx)))
    ends = period_end_positions(idx, frequency)
    if len(ends) == 0:
        return Bars(idx[:0], symbols, {f: daily[f][:0] for f in FIELDS}, ends)
    starts = np.concatenate([[0], ends[:-1] + 1])
    out = {
        "open": daily["open"][starts],
        "close": daily["close"][ends],
        "high": np.maximum.reduceat(daily["high"], starts, axis=0) if len(starts) else daily["high"][:0],
        "low": np.minimum.reduceat(daily["low"], starts, axis=0) if len(starts) else daily["low"][:0],
        "volume": np.add.reduceat(np.nan_to_num(daily["volume"]), starts, axis=0),
    }
    # reduceat runs from each start to the next start: trim the group after the last complete period.
    if ends[-1] != len(idx) - 1:
        tail = slice(starts[-1], ends[-1] + 1)
        out["high"][-1] = np.nanmax(daily["high"][tail], axis=0)
        out["low"][-1] = np.nanmin(daily["low"][tail], axis=0)
        out["volume"][-1] = np.nansum(daily["volume"][tail], axis=0)
    return Bars(idx[ends], symbols, out, ends)


def _shift(x: np.ndarray, n: int) -> np.ndarray:
    if n == 0:
        return x
    out = np.full_like(x, np.nan, dtype="float64")
    if n < len(x):
        out[n:] = x[:-n]
    return out


def _ids_in(e: Any) -> tuple[str, ...]:
    """The ids of the indicators and constants in expression ``e`` (itself and its inputs), in order."""
    out: list[str] = []
    stack = [e]
    while stack:
        x = stack.pop()
        if x is None:
            continue
        if getattr(x, "id", None):
            out.append(x.id)
        if x.kind == "indicator":
            stack.append(x.input)
        elif x.kind == "arith":
            stack.extend((x.left, x.right))
    return tuple(dict.fromkeys(out))


# operators as ``_nb.compare_nb`` numbers them
_COMPARE_CODES = {">": 0, ">=": 1, "<": 2, "<=": 3, "crosses_above": 4, "crosses_below": 5}


class Evaluator:
    """Evaluates expressions and conditions for the traded symbols at once (arrays: bars x traded).

    ``computations`` counts indicator evaluations (each distinct indicator once); a test counts them.
    """

    def __init__(self, bars: Bars, traded: list[str]):
        self.bars = bars
        self.traded = traded
        self._tcols = [bars.col(s) for s in traded]
        self._cache: dict[Any, Any] = {}
        self.overrides: dict[str, dict[str, Any]] = {}
        self._pairs: dict[Any, Any] = {}  # compare operands within one spec (cleared per spec)
        # (value, not-NaN) of indicator/price/const operands, and of them one bar back, across a sweep's
        # combinations: bounded by the distinct indicators (arith results are not kept: one per combination)
        self._operands: dict[Any, Any] = {}
        self._batch: dict[Any, Any] = {}  # operands gathered by condition_batch (one compile_signals_batch)
        self._values: dict[Any, Any] = {}  # operand values without masks (compile_rules_batch), as _operands
        self._inputs: dict[Any, np.ndarray] = {}  # the traded symbols' fields foa's own indicators read
        self.computations = 0

    def clear_pairs(self) -> None:
        """Drop cached compare operands (indicators stay cached): bounds memory across sweep chunks."""
        self._pairs.clear()

    # -------------------------------------------------------------------------------- expressions
    def _field(self, name: str, symbol: str | None) -> np.ndarray:
        arr = self.bars.fields[name]
        if symbol is None:
            return arr[:, self._tcols]
        if symbol not in self.bars.symbols:
            raise SpecError(f"the rule refers to {symbol!r}, which is not in the price data: add its prices or fix the symbol")
        return np.repeat(arr[:, [self.bars.col(symbol)]], len(self.traded), axis=1)

    def _input(self, name: str, symbol: str | None) -> np.ndarray:
        """``_field`` gathered once per evaluator for foa's own indicators (which never write into their
        input): a sweep's 25 moving averages over a block of symbols read one copy of its closes."""
        key = (name, symbol)
        got = self._inputs.get(key)
        if got is None:
            got = self._inputs[key] = self._field(name, symbol)
        return got

    def expr(self, e: Any) -> np.ndarray:
        kind = e.kind
        if kind == "price":
            return _shift(self._field(e.field, e.symbol), e.shift)
        if kind == "const":
            return np.full((len(self.bars.index), len(self.traded)), float(self.value_of(e)))
        if kind == "arith":
            a, b = self.expr(e.left), self.expr(e.right)
            with np.errstate(divide="ignore", invalid="ignore"):
                out = {"+": a + b, "-": a - b, "*": a * b, "/": a / b}[e.op]
            return np.where(np.isfinite(out), out, np.nan)
        if kind == "indicator":
            return _shift(self.indicator(e), e.shift)
        raise SpecError(f"unknown expression kind {kind!r}")

    def _key(self, e: Any) -> Any:
        # The cache key ignores id and shift (a shifted SMA is the same SMA) and the output (one bbands
        # computation serves upper, middle and lower). Built by hand: model_dump is slow on sweep paths.
        p = self.params_of(e)
        if e.name not in _FOA_NAMES:  # TA-Lib/custom: adx() and adx(14) are one computation
            rec = table.get(e.name)
            p = {**rec.optional, **p}
        return (e.name, tuple(sorted(p.items())), e.symbol, self._ekey(e.input))

    # A sweep compiles one spec many times with ``overrides`` (id -> {param: value}) instead of building
    # a StrategySpec per combination; the result is identical to compiling the spec with those params.
    def params_of(self, e: Any) -> dict[str, Any]:
        o = self.overrides.get(e.id) if e.id else None
        return {**e.params, **o} if o else e.params

    def value_of(self, e: Any) -> float:
        o = self.overrides.get(e.id) if e.id else None
        return o["value"] if o and "value" in o else e.value

    def _ekey(self, e: Any) -> Any:
        if e is None:
            return None
        if e.kind == "indicator":
            return ("i", e.name, tuple(sorted(self.params_of(e).items())), e.output, e.symbol, e.shift, self._ekey(e.input))
        if e.kind == "arith":
            return ("a", e.op, self._ekey(e.left), self._ekey(e.right))
        if e.kind == "price":
            return ("p", e.field, e.symbol, e.shift)
        return ("c", self.value_of(e))

    def indicator(self, e: Any) -> np.ndarray:
        key = self._key(e)
        res = self._cache.get(key)
        if res is None:
            res = self._compute(e)
            self._cache[key] = res
            self.computations += 1
        if isinstance(res, dict):
            return res[e.output or next(iter(res))]
        return res

    def _compute(self, e: Any) -> Any:
        p = self.params_of(e)
        name = e.name
        rec = table.get(name)  # SpecError for an unknown (or unregistered custom) name
        n_bars = len(self.bars.index)
        for k in rec.windows:
            v = p.get(k, rec.optional.get(k))
            if v is not None and v >= n_bars:
                raise SpecError(
                    f"{name} {k}={v} is longer than the data ({n_bars} {self._unit()} bars): use a shorter "
                    "window or give more history (an earlier start of the price data)"
                )
        if rec.source != "foa":
            return self._compute_table(e, rec, p)
        default_field = {"highest": "high", "lowest": "low"}.get(name, "close")
        x = self.expr(e.input) if e.input is not None else self._input(default_field, e.symbol)
        w = int(p.get("window", 0))
        if name in _WINDOWED:
            return _WINDOWED[name](x, w)
        if name == "atr":
            return ind.atr(self._input("high", e.symbol), self._input("low", e.symbol), self._input("close", e.symbol), w)
        if name == "bbands":
            return ind.bbands(x, w, float(p.get("std", 2.0)))
        if name == "macd":
            return ind.macd(x, int(p.get("fast", 12)), int(p.get("slow", 26)), int(p.get("signal", 9)))
        raise SpecError(f"foa has no formula for {name!r}")  # the table and this list are kept in step by tests

    def _compute_table(self, e: Any, rec: Any, p: dict[str, Any]) -> Any:
        """A TA-Lib or custom indicator: its inputs from the bars (one-input ones from ``input`` if given)."""
        series: dict[str, np.ndarray] = {}
        for f in rec.inputs:
            if f == "periods":  # TA-Lib's MAVP: the bar counts of its moving average, per bar
                if e.input is None:
                    raise SpecError(f"{rec.name} needs its periods series as input: e.g. input=const(10) or "
                                    "an expression of bar counts")
                series[f] = self.expr(e.input)
            elif e.input is not None and rec.takes_input:
                series[f] = self.expr(e.input)
            else:
                series[f] = self._field(f, e.symbol)
        if rec.source == "talib":
            from foa.engine import talib_adapter

            return talib_adapter.compute(rec.name, series, p)
        from foa.engine import custom

        return custom.compute(rec.name, series, p)

    def _unit(self) -> str:
        return "period"

    def _operand(self, e: Any, key: Any, lag: int, value: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(values ``lag`` bars back, not-NaN mask) of a compare operand; ``key`` is its ``_ekey``.

        Indicator, price and constant operands are kept for the whole sweep (the same SMA is an operand
        of many combinations); other expressions are computed for this spec only.
        """
        keep = e.kind != "arith"
        got = self._operands.get((key, lag)) if keep else None
        if got is None:
            x = self.expr(e) if value is None else value
            x = _shift(x, lag)
            got = (x, ~np.isnan(x))
            if keep:
                self._operands[(key, lag)] = got
        return got

    # -------------------------------------------------------------------------------- conditions
    def condition(self, c: Any) -> np.ndarray:
        """Boolean array; False wherever any value the rule reads is still warming up (NaN)."""
        value, valid = self._cond(c, False)
        return value if valid is None else value & valid

    def condition_valid(self, c: Any) -> tuple[np.ndarray, np.ndarray]:
        """(value, valid): the rule's value and where every value it reads is past its warm-up."""
        value, valid = self._cond(c, True)
        return value, valid  # type: ignore[return-value]

    # ``need_valid``: whether the caller needs the validity mask itself. A comparison with a NaN operand
    # is already False (so is a cross, which reads the bar before too), and an "all" of such parts is
    # False wherever any part is: their masks only matter under "any" (a part still warming up voids the
    # whole rule) and "not" (the negation of a NaN comparison is True). Otherwise ``None`` is returned
    # for the mask, saving the mask arithmetic on every combination of a sweep.
    def _cond(self, c: Any, need_valid: bool = True) -> tuple[np.ndarray, np.ndarray | None]:
        shape = (len(self.bars.index), len(self.traded))
        kind = c.kind
        if kind == "always":
            return np.ones(shape, bool), (np.ones(shape, bool) if need_valid else None)
        if kind == "compare":
            # entry "crosses_above" and exit "crosses_below" of one pair share the operands: cache them
            ka, kb = self._ekey(c.left), self._ekey(c.right)
            pair = (ka, kb)
            ops = self._pairs.get(pair)
            if ops is None:
                (a, va), (b, vb) = self._operand(c.left, ka, 0), self._operand(c.right, kb, 0)
                ops = self._pairs[pair] = [a, b, va, vb, None, None]
            a, b = ops[0], ops[1]
            with np.errstate(invalid="ignore"):
                if c.op in (">", ">=", "<", "<="):
                    v = {">": a > b, ">=": a >= b, "<": a < b, "<=": a <= b}[c.op]
                    return v, (ops[2] & ops[3] if need_valid else None)
                if ops[4] is None:
                    ops[4] = (self._operand(c.left, ka, 1, a), self._operand(c.right, kb, 1, b))
                (pa, vpa), (pb, vpb) = ops[4]
                if c.op == "crosses_above":
                    v = (a > b) & (pa <= pb)
                else:
                    v = (a < b) & (pa >= pb)
                if not need_valid:
                    return v, None
                if ops[5] is None:
                    ops[5] = ops[2] & ops[3] & vpa & vpb
                return v, ops[5]
        if kind == "all":
            parts = [self._cond(x, need_valid) for x in c.of]
            if need_valid:
                return np.logical_and.reduce([p[0] for p in parts]), np.logical_and.reduce([p[1] for p in parts])
            # a part under "any"/"not" still carries its mask: apply it to that part's value
            return np.logical_and.reduce([p[0] if p[1] is None else p[0] & p[1] for p in parts]), None
        if kind == "any":
            parts = [self._cond(x, True) for x in c.of]
            vals = np.logical_or.reduce([p[0] for p in parts])
            return vals, np.logical_and.reduce([p[1] for p in parts])
        if kind == "not":
            v, valid = self._cond(c.of, True)
            return ~v, valid
        raise SpecError(f"unknown condition kind {kind!r}")

    # -------------------------------------------------------------------------------- many combinations
    # A sweep whose combinations differ only in indicator/constant parameters evaluates each rule once for
    # all of them: every operand is gathered into a bars x (combinations x traded) matrix (each distinct
    # operand computed once, through the same caches as above), and the comparisons run on the matrices.
    # Elementwise, these are the very operations ``_cond`` performs per combination: the booleans are equal.
    def condition_batch(self, c: Any, overrides: list[dict[str, dict[str, Any]]]) -> np.ndarray:
        """``condition(c)`` under each override map at once: bars x (len(overrides) x traded), combination-major.

        >>> ev.condition_batch(spec.entry, [{"fast": {"window": 10}}, {"fast": {"window": 20}}]).shape  # doctest: +SKIP
        (5031, 2)
        """
        try:
            value, valid = self._cond_b(c, overrides, False)
        finally:
            self.overrides = {}
        return value if valid is None else value & valid

    def clear_batch(self) -> None:
        """Drop the operands gathered by ``condition_batch`` (kept so that entry and exit share them)."""
        self._batch = {}

    def _distinct(self, e: Any, overrides: list[dict[str, dict[str, Any]]], masks: bool = True
                  ) -> tuple[Any, list[np.ndarray], np.ndarray]:
        """(keys, distinct values, slot of each combination) of operand ``e`` under every override map:
        combination i reads ``values[slots[i]]`` (bars x traded). ``masks``: keep the operand's not-NaN
        mask beside it (``_operand``), which the compiled rules do not read."""
        # an operand's key depends on the overrides of the ids inside it only: one _ekey per distinct
        # value of those (10 fast windows, not 174 combinations)
        ids = _ids_in(e)
        keys = []
        memo: dict[Any, Any] = {}
        for o in overrides:
            sig = tuple(tuple(o[i].items()) if i in o else None for i in ids)
            k = memo.get(sig)
            if k is None:
                self.overrides = o
                k = memo[sig] = self._ekey(e)
            keys.append(k)
        slot: dict[Any, int] = {}
        rows = []
        for o, key in zip(overrides, keys):
            if key not in slot:
                self.overrides = o
                slot[key] = len(rows)
                rows.append(self._operand(e, key, 0)[0] if masks else self._operand_value(e, key))
        slots = np.fromiter((slot[k] for k in keys), dtype=np.int64, count=len(keys))
        return tuple(keys), rows, slots

    def _operand_value(self, e: Any, key: Any) -> np.ndarray:
        """``_operand(e, key, 0)[0]`` without its mask: kept for the sweep likewise (arith: this spec only)."""
        got = self._operands.get((key, 0))
        if got is not None:
            return got[0]
        if e.kind == "arith":
            return self.expr(e)
        x = self._values.get(key)
        if x is None:
            x = self._values[key] = self.expr(e)
        return x

    def _gather(self, e: Any, overrides: list[dict[str, dict[str, Any]]]) -> tuple[Any, np.ndarray, np.ndarray]:
        """(keys, distinct values as columns, column of each output column) of operand ``e`` under every
        override map: output column j (combination j // traded, symbol j % traded) reads column ``take[j]``."""
        keys_t, rows, slots = self._distinct(e, overrides)
        got = self._batch.get(keys_t)
        if got is None:
            n = len(self.traded)
            # each distinct operand once, side by side (bars x distinct x traded, C order: the kernel walks
            # the bars and reads each bar's row); a single operand is used as it is
            uniq = np.ascontiguousarray(rows[0] if len(rows) == 1 else np.concatenate(rows, axis=1), dtype=np.float64)
            take = (slots[:, None] * n + np.arange(n)[None, :]).ravel()
            got = self._batch[keys_t] = (keys_t, uniq, take)
        return got

    def _cond_b(self, c: Any, overrides: list[dict[str, dict[str, Any]]], need_valid: bool) -> tuple[np.ndarray, np.ndarray | None]:
        """``_cond`` over every combination at once (see ``condition_batch``)."""
        shape = (len(self.bars.index), len(self.traded) * len(overrides))
        kind = c.kind
        if kind == "always":
            return np.ones(shape, bool), (np.ones(shape, bool) if need_valid else None)
        if kind == "compare":
            from foa.engine import _nb  # a compiled comparison per (bar, column), without gathered copies

            _, ua, ta = self._gather(c.left, overrides)
            _, ub, tb = self._gather(c.right, overrides)
            v, valid = _nb.compare_nb(ua, ta, ub, tb, _COMPARE_CODES[c.op], need_valid)
            return v, (valid if need_valid else None)
        if kind == "all":
            parts = [self._cond_b(x, overrides, need_valid) for x in c.of]
            if need_valid:
                return np.logical_and.reduce([p[0] for p in parts]), np.logical_and.reduce([p[1] for p in parts])
            return np.logical_and.reduce([p[0] if p[1] is None else p[0] & p[1] for p in parts]), None
        if kind == "any":
            parts = [self._cond_b(x, overrides, True) for x in c.of]
            return np.logical_or.reduce([p[0] for p in parts]), np.logical_and.reduce([p[1] for p in parts])
        if kind == "not":
            v, valid = self._cond_b(c.of, overrides, True)
            return ~v, valid
        raise SpecError(f"unknown condition kind {kind!r}")


@dataclass
class Signals:
    """Signals on the daily grid (bars x traded symbols), at the bar whose close produced them."""

    entries: np.ndarray
    exits: np.ndarray
    short_entries: np.ndarray
    short_exits: np.ndarray
    signal_bar: np.ndarray  # 1-D bool: the daily rows that are bars of the spec's frequency
    atr: np.ndarray | None  # atr_stop's ATR on the signal bars (NaN elsewhere), bars x traded
    sizing: np.ndarray | None  # volatility_target weight at signal bars


def _to_daily(x: np.ndarray, bars: Bars, n_daily: int, fill: Any = False) -> np.ndarray:
    if len(bars.daily_pos) == n_daily:
        return x  # daily bars already are the daily grid
    out = np.full((n_daily,) + x.shape[1:], fill, dtype=x.dtype)
    out[bars.daily_pos] = x
    return out


def compile_signals(spec: StrategySpec, data: PriceData, traded: list[str], *, evaluator: Evaluator | None = None) -> tuple[Signals, Evaluator]:
    """Level signals on the daily grid (entries are turned into fresh-signal edges by the backtest)."""
    n_daily = len(data.index)
    ev = evaluator or Evaluator(bars_for(data, spec.frequency), traded)
    ev.clear_pairs()  # operands are shared within one spec only: memory stays flat over a sweep
    shape = (len(ev.bars.index), len(traded))
    none = np.zeros(shape, bool)
    long_ok = spec.direction in ("long_only", "long_short")
    short_ok = spec.direction in ("short_only", "long_short")
    entries = ev.condition(spec.entry) if (spec.entry is not None and long_ok) else none
    exits = ev.condition(spec.exit) if (spec.exit is not None and long_ok) else none
    s_entries = ev.condition(spec.short_entry) if (spec.short_entry is not None and short_ok) else none
    s_exits = ev.condition(spec.short_exit) if (spec.short_exit is not None and short_ok) else none
    atr_arr = None
    if spec.risk.atr_stop is not None:
        from foa.spec.builders import atr as atr_b

        a = ev.indicator(atr_b(spec.risk.atr_stop.window))
        atr_arr = _to_daily(a, ev.bars, n_daily, np.nan)
    sizing = None
    if spec.sizing.method == "volatility_target":
        w = vol_target_weight(spec, ev)
        # An entry decided while the weight is still in warm-up places no order, so it is no entry at all:
        # masked here, the position stays flat and the rule is read again on the next bar (otherwise the
        # rule state would believe it is long and ignore the entry rule until an exit fired).
        ready = ~np.isnan(w)
        entries, s_entries = entries & ready, s_entries & ready
        sizing = _to_daily(w, ev.bars, n_daily, np.nan)
    signal_bar = np.zeros(n_daily, bool)
    signal_bar[ev.bars.daily_pos] = True
    sig = Signals(
        _to_daily(entries, ev.bars, n_daily), _to_daily(exits, ev.bars, n_daily),
        _to_daily(s_entries, ev.bars, n_daily), _to_daily(s_exits, ev.bars, n_daily),
        signal_bar, atr_arr, sizing,
    )
    return sig, ev


def compile_signals_batch(spec: Any, data: PriceData, traded: list[str], evaluator: Evaluator,
                          overrides: list[dict[str, dict[str, Any]]]) -> Signals:
    """``compile_signals`` of ``spec`` under each override map (id -> {param: value}) in one pass: every
    array is bars x (len(overrides) x traded), combination-major, equal column for column to compiling
    each combination alone. Risk and sizing do not take overrides, so the ATR and the volatility weight
    are computed once and repeated.

    >>> sig = compile_signals_batch(spec, data, ["^GSPC"], ev, [{"fast": {"window": w}} for w in (10, 20)])  # doctest: +SKIP
    """
    ev = evaluator
    n_daily = len(data.index)
    k = len(overrides)
    ev.clear_pairs()
    ev.clear_batch()
    ev.overrides = {}
    shape = (len(ev.bars.index), len(traded) * k)
    long_ok = spec.direction in ("long_only", "long_short")
    short_ok = spec.direction in ("short_only", "long_short")

    def cond(c: Any, ok: bool) -> np.ndarray:
        return ev.condition_batch(c, overrides) if (c is not None and ok) else np.zeros(shape, bool)

    entries, exits = cond(spec.entry, long_ok), cond(spec.exit, long_ok)
    s_entries, s_exits = cond(spec.short_entry, short_ok), cond(spec.short_exit, short_ok)
    ev.clear_batch()
    atr_arr = None
    if spec.risk.atr_stop is not None:
        from foa.spec.builders import atr as atr_b

        a = ev.indicator(atr_b(spec.risk.atr_stop.window))
        atr_arr = np.tile(_to_daily(a, ev.bars, n_daily, np.nan), (1, k))
    sizing = None
    if spec.sizing.method == "volatility_target":
        w = vol_target_weight(spec, ev)
        ready = np.tile(~np.isnan(w), (1, k))  # as in compile_signals: no entry while the weight warms up
        entries, s_entries = entries & ready, s_entries & ready
        sizing = np.tile(_to_daily(w, ev.bars, n_daily, np.nan), (1, k))
    signal_bar = np.zeros(n_daily, bool)
    signal_bar[ev.bars.daily_pos] = True
    return Signals(
        _to_daily(entries, ev.bars, n_daily), _to_daily(exits, ev.bars, n_daily),
        _to_daily(s_entries, ev.bars, n_daily), _to_daily(s_exits, ev.bars, n_daily),
        signal_bar, atr_arr, sizing,
    )


@dataclass
class RuleBatch:
    """A sweep's four rules over every combination, compiled but not evaluated: the distinct operand values
    one above the other (``values``, W x spec bars, C order: each operand column's bars contiguous, as the
    state machine walks one output column at a time) and each rule as a postfix program over comparison terms.
    ``_nb.resolve_rules_nb`` evaluates them inside the rule state machine, only where it reads a rule, so
    no bars x columns signal array exists; the orders equal those of ``compile_signals_batch``'s signals.

    ``take_a[k, g] + s``/``take_b[k, g] + s``: the rows of ``values`` term k compares for output column
    ``g * symbols + s`` (combination g, symbol s; columns combination-major); ``symbols``: traded symbols;
    ``ops[k]``: its operator (``_COMPARE_CODES``); ``program`` rows (code, argument):
    0 compare term, 1 all of the last ``argument`` results, 2 any of them, 3 not, 4 always;
    ``starts``: where entries, exits, short entries and short exits begin (and the end).
    """

    values: np.ndarray
    take_a: np.ndarray
    take_b: np.ndarray
    ops: np.ndarray
    program: np.ndarray
    starts: np.ndarray
    bar_pos: np.ndarray  # the daily row of each spec bar
    signal_bar: np.ndarray  # 1-D bool: the daily rows that are bars of the spec's frequency
    columns: int
    symbols: int = 1
    single: np.ndarray | None = None  # each rule's one comparison term (-1: no rule), None: some rule is more
    atr: None = None  # no ATR stop and no volatility sizing (those compile to signals)
    sizing: None = None


def _emit(c: Any, operand: Any, terms: list[tuple[int, int, int]], program: list[tuple[int, int]]) -> None:
    """Append condition ``c`` to ``program`` in postfix (``RuleBatch``), its comparisons to ``terms``.
    (A module function: a nested recursive one would be a reference cycle holding the evaluator's arrays
    until the garbage collector ran.)"""
    kind = c.kind
    if kind == "compare":
        terms.append((_COMPARE_CODES[c.op], operand(c.left), operand(c.right)))
        program.append((0, len(terms) - 1))
    elif kind in ("all", "any"):
        for x in c.of:
            _emit(x, operand, terms, program)
        program.append((1 if kind == "all" else 2, len(c.of)))
    elif kind == "not":
        _emit(c.of, operand, terms, program)
        program.append((3, 0))
    elif kind == "always":
        program.append((4, 0))
    else:
        raise SpecError(f"unknown condition kind {kind!r}")


def compile_rules_batch(spec: Any, data: PriceData, traded: list[str], evaluator: Evaluator,
                        overrides: list[dict[str, dict[str, Any]]], *, buffer: list[np.ndarray] | None = None
                        ) -> RuleBatch | None:
    """``compile_signals_batch`` as a ``RuleBatch`` (rules evaluated later, by the state machine), or None
    when the spec needs its signals as arrays: a stop (evaluated inside the simulation) or volatility sizing.

    ``buffer``: a list holding the memory of a previous batch's ``values`` (or empty), reused when it is
    large enough: a sweep run symbol block by symbol block fills one buffer of tens of MB per block instead
    of asking the system for fresh pages each time (the batch is used up before the next one is compiled).

    >>> rb = compile_rules_batch(spec, data, ["^GSPC"], ev, [{"fast": {"window": w}} for w in (10, 20)])  # doctest: +SKIP
    """
    r = spec.risk
    if any(x is not None for x in (r.stop_loss, r.take_profit, r.trailing_stop, r.atr_stop)) \
            or spec.sizing.method == "volatility_target":
        return None
    ev = evaluator
    ev.clear_pairs()
    ev.clear_batch()
    ev.overrides = {}
    long_ok = spec.direction in ("long_only", "long_short")
    short_ok = spec.direction in ("short_only", "long_short")
    rules = (spec.entry if long_ok else None, spec.exit if long_ok else None,
             spec.short_entry if short_ok else None, spec.short_exit if short_ok else None)
    blocks: dict[Any, tuple[int, np.ndarray]] = {}  # operand keys -> (index in parts, slots)
    parts: list[list[np.ndarray]] = []
    terms: list[tuple[int, int, int]] = []  # (operator, block of a, block of b)
    program: list[tuple[int, int]] = []

    def operand(e: Any) -> int:
        keys_t, rows, slots = ev._distinct(e, overrides, masks=False)
        got = blocks.get(keys_t)
        if got is None:
            got = blocks[keys_t] = (len(parts), slots)
            parts.append(rows)
        return got[0]

    starts = [0]
    try:
        for c in rules:
            if c is not None:
                _emit(c, operand, terms, program)
            starts.append(len(program))
    finally:
        ev.overrides = {}
    n = len(traded)
    bars = len(ev.bars.index)
    offsets = np.cumsum([0] + [len(rows) * n for rows in parts])
    shape = (max(int(offsets[-1]), 1), bars)
    if buffer is None:
        values = np.empty(shape, dtype=np.float64)
    else:
        if not buffer or buffer[0].size < shape[0] * shape[1]:
            buffer[:] = [np.empty(shape[0] * shape[1], dtype=np.float64)]
        values = buffer[0][:shape[0] * shape[1]].reshape(shape)
    for rows, off in zip(parts, offsets):
        for i, x in enumerate(rows):
            values[off + i * n:off + (i + 1) * n] = x.T
    slots_of = {index: slots for index, slots in blocks.values()}

    def take(block: int) -> np.ndarray:  # each combination's first column (its symbols follow it)
        return offsets[block] + slots_of[block] * n

    width = n * len(overrides)
    ta = np.zeros((max(len(terms), 1), len(overrides)), dtype=np.int64)
    tb = np.zeros_like(ta)
    for k, (_, a, b) in enumerate(terms):
        ta[k], tb[k] = take(a), take(b)
    n_daily = len(data.index)
    signal_bar = np.zeros(n_daily, bool)
    signal_bar[ev.bars.daily_pos] = True
    single = np.array([-1 if lo == hi else (program[lo][1] if hi - lo == 1 and program[lo][0] == 0 else -2)
                       for lo, hi in zip(starts[:-1], starts[1:])], dtype=np.int64)
    return RuleBatch(values, ta, tb, np.array([t[0] for t in terms] or [0], dtype=np.int64),
                     np.array(program, dtype=np.int64).reshape(-1, 2), np.array(starts, dtype=np.int64),
                     np.asarray(ev.bars.daily_pos, dtype=np.int64), signal_bar, width, n,
                     single=None if (single == -2).any() else single)


_PERIODS_PER_YEAR = {"daily": 252, "weekly": 52, "monthly": 12}


def vol_target_weight(spec: StrategySpec, ev: Evaluator) -> np.ndarray:
    """volatility_target: min(1, target / annualised stdev of bar returns over vol_window bars)."""
    close = ev._field("close", None)
    r = np.full_like(close, np.nan)
    r[1:] = close[1:] / close[:-1] - 1
    n = spec.sizing.vol_window or 20
    vol = pd.DataFrame(r).rolling(n, min_periods=n).std(ddof=1).to_numpy() * np.sqrt(_PERIODS_PER_YEAR[spec.frequency])
    target = spec.sizing.target_volatility or 0.10
    with np.errstate(divide="ignore", invalid="ignore"):
        w = np.minimum(1.0, target / vol)
    return np.where(np.isfinite(w), w, np.nan)
