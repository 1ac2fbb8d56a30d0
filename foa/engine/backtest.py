"""``foa.backtest(spec, prices)``: compile the spec, run it through vectorbt, measure it.

    import foa
    spec = foa.spec.library.get("sma_crossover")
    r = foa.backtest(spec, foa.samples.market_data("^GSPC"), start="2005-01-01")
    r.stats[["total_return", "sharpe", "max_drawdown"]]

Semantics (docs/semantics.md): a signal on bar t's close fills at bar t+1's open; stops measured from the
fill price; weekly/monthly rules run on period-end bars; stats annualised with 252 daily bars.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from foa.engine.compile import Evaluator, bars_for, compile_rules_batch, compile_signals, compile_signals_batch
from foa.engine.metrics import stats_table
from foa.engine.prices import PriceData, load_prices
from foa.engine.result import TRADE_COLUMNS, BacktestResult
from foa.errors import DataError, SpecError
from foa.spec.model import StrategySpec

__all__ = ["FILLS", "Prepared", "as_spec", "backtest", "prepare", "run_backtest", "run_combos"]

FILLS = ("next_open", "close")
INIT_CASH = 100_000.0


def as_spec(spec: "StrategySpec | str | bytes | dict[str, Any]") -> StrategySpec:
    """A StrategySpec as it is, or parsed from its JSON (str, bytes or dict); anything else is a SpecError."""
    from foa.spec.model import StrategySpec
    from foa.spec.validate import parse_spec

    if isinstance(spec, StrategySpec):
        return spec
    if isinstance(spec, (str, bytes, dict)):
        return parse_spec(spec)
    raise SpecError(f"expected a StrategySpec (or its JSON), got {type(spec).__name__}")


@dataclass
class Prepared:
    """Prices bound to a spec, the backtest range and the traded symbols: shared by backtest and sweep."""

    spec: StrategySpec
    data: PriceData
    traded: list[str]
    i0: int
    i1: int
    fill: str
    init_cash: float
    cash_rate: float
    benchmark: Any = None
    # price matrices and the benchmark curve, built once and shared by every chunk of a sweep
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def assumptions(self) -> list[str]:
        """What the run assumed that the spec does not say (symbols traded on stand-ins)."""
        return self.data.assumptions

    def evaluator(self, spec: StrategySpec | None = None) -> Evaluator:
        return Evaluator(bars_for(self.data, (spec or self.spec).frequency), self.traded)

    def shared_evaluator(self) -> Evaluator:
        """One evaluator per thread for every sweep chunk run on these prices: a cluster worker's chunks
        share its indicator cache as a local sweep's chunks do (an Evaluator is not shared across threads).

        >>> p.shared_evaluator() is p.shared_evaluator()  # doctest: +SKIP
        True
        """
        import threading

        key = ("evaluator", threading.get_ident())
        ev = self._memo.get(key)
        if ev is None:
            ev = self._memo[key] = self.evaluator()
        return ev

    def price_matrices(self) -> dict[str, np.ndarray]:
        """open/high/low/close of the traded symbols over the backtest range (bars x traded), built once.

        >>> prepare(get("sma_crossover"), df).price_matrices()["close"].shape  # doctest: +SKIP
        (5031, 1)
        """
        got = self._memo.get("prices")
        if got is None:
            full = self.data.matrices()
            pos = [list(self.data.frames).index(s) for s in self.traded] if self.traded != list(self.data.frames) \
                else None
            # rows i0:i1 of the data's matrices (a view when every symbol is traded, in order)
            got = self._memo["prices"] = {
                f: full[f][self.i0:self.i1] if pos is None else np.ascontiguousarray(full[f][self.i0:self.i1][:, pos])
                for f in ("open", "high", "low", "close")}
        return got


def prepare(spec: StrategySpec, prices: Any, *, init_cash: float = INIT_CASH, fill: str = "next_open", start: Any = None,
            end: Any = None, cash_rate: float = 0.0, benchmark: Any = None, fetch: bool = False,
            proxies: bool | dict[str, str] | None = False, progress: bool = True) -> Prepared:
    """Resolve the spec's symbols in ``prices`` (see foa.engine.prices.load_prices) and check the range."""
    spec = as_spec(spec)
    if fill not in FILLS:
        raise SpecError(f"fill must be one of {FILLS}, got {fill!r}")
    if not (isinstance(init_cash, (int, float)) and init_cash > 0):
        raise SpecError(f"init_cash must be a positive number, got {init_cash!r}")
    if isinstance(cash_rate, bool) or not isinstance(cash_rate, numbers.Real) or not -1.0 < cash_rate <= 1.0:
        # 5.0 meant as 5% compounds to a return ~470,000 times too large
        raise SpecError(f"cash_rate is an annual rate as a fraction (0.05 for 5%) between -1 and 1, got {cash_rate!r}")
    try:
        start_ts = pd.Timestamp(start) if start is not None else None
        end_ts = pd.Timestamp(end) if end is not None else None
    except (ValueError, TypeError) as err:
        raise DataError(f"start/end must be dates such as '2005-01-31', got {start!r}/{end!r}") from err
    if start_ts is not None and end_ts is not None and start_ts > end_ts:
        raise DataError(f"start {start_ts:%Y-%m-%d} is after end {end_ts:%Y-%m-%d}: swap them")
    data = load_prices(spec, prices, end=end_ts, fetch=fetch, proxies=proxies, progress=progress)
    traded = list(dict.fromkeys(spec.universe.symbols)) or [data.symbols[0]]
    check_runnable(spec)
    if spec.ranking is not None and len(traded) < 2:
        raise SpecError(f"a ranking needs a universe of at least 2 symbols, got {traded}: add symbols to universe.symbols")
    _check_tradable(data, traded)
    idx = data.index
    i0 = int(idx.searchsorted(start_ts)) if start_ts is not None else 0
    i1 = len(idx)
    if i1 - i0 < 2:
        raise DataError(
            f"fewer than 2 bars between {pd.Timestamp(start or idx[0]):%Y-%m-%d} and {pd.Timestamp(end or idx[-1]):%Y-%m-%d}: "
            f"the data run {idx[0]:%Y-%m-%d}..{idx[-1]:%Y-%m-%d}; widen start/end"
        )
    return Prepared(spec, data, traded, i0, i1, fill, float(init_cash), float(cash_rate), benchmark)


def _check_tradable(data: PriceData, traded: list[str]) -> None:
    """Traded prices must be positive and finite (vectorbt refuses an order at any other price).

    Only traded symbols: a reference series (a spread, a yield) read by a rule may be negative.
    """
    cols = ["open", "high", "low", "close"]
    full = data.matrices()
    where = {s: j for j, s in enumerate(data.frames)}
    flagged = np.zeros(len(where), dtype=bool)
    with np.errstate(invalid="ignore"):
        for c in cols:  # NaN is neither (a missing bar is not refused here)
            flagged |= ((full[c] <= 0) | np.isinf(full[c])).any(axis=0)
    for sym in traded:
        if not flagged[where[sym]]:
            continue
        frame = data.frames[sym]
        a = np.column_stack([frame[c].to_numpy(dtype="float64") for c in cols])
        with np.errstate(invalid="ignore"):
            bad = (a <= 0) | np.isinf(a)
        if bad.any():
            f = frame[cols]
            row, col = np.argwhere(bad)[0]
            raise DataError(
                f"prices for {sym!r} have {int(bad.sum())} non-positive or infinite values (first: "
                f"{f.index[row]:%Y-%m-%d} {f.columns[col]} = {f.iat[row, col]}): a traded price must be positive; "
                "pass price levels (not returns or spreads), or drop/repair those rows")


def _uses_weights(spec: StrategySpec) -> bool:
    return spec.ranking is not None or spec.rebalance is not None


def check_runnable(spec: StrategySpec) -> None:
    """SpecErrors for specs that validate but that the engine would otherwise run as something else."""
    sz = spec.sizing
    if sz.method == "fixed_fraction" and sz.fraction is None:
        # no documented default: sizing 100% silently would be all_in under another name
        raise SpecError("sizing.method 'fixed_fraction' needs sizing.fraction (the share of equity per position, "
                        "e.g. Sizing(method='fixed_fraction', fraction=0.25)); or use method='all_in'")
    if _uses_weights(spec):
        what = "a ranking" if spec.ranking is not None else "a rebalance schedule"
        if spec.direction != "long_only":
            raise SpecError(f"{what} runs long-only target weights; direction {spec.direction!r} is not supported "
                            "there: set direction='long_only' (ascending=True ranks the weakest first), or drop "
                            "ranking/rebalance and state short_entry/short_exit rules")
        if sz.method == "volatility_target":
            raise SpecError(f"sizing 'volatility_target' is not supported with {what} (it holds equal weights): "
                            "use sizing all_in/equal_weight, fixed_fraction to cap each weight, or drop ranking/rebalance")


def run_combos(p: Prepared, specs: list[StrategySpec], ev: Evaluator, overrides: list[dict] | None = None) -> Any:
    """One vectorbt run over several specs that differ only in parameters (a sweep chunk).

    With ``overrides`` (one id -> {param: value} map per combination), ``specs`` repeat one spec and the
    parameters are applied while compiling (no StrategySpec built per combination).
    """
    from foa.engine.simulate import simulate_signals, simulate_weights

    ovs = overrides if overrides is not None else [{}] * len(specs)
    for s in specs if overrides is None else specs[:1]:  # a sweep may set sizing.* per combination
        check_runnable(s)
    if _uses_weights(specs[0]):
        from foa.engine.ranking import target_weights

        for s in specs:
            r = s.risk
            if any(x is not None for x in (r.stop_loss, r.take_profit, r.trailing_stop, r.atr_stop, r.max_holding_bars)):
                raise SpecError("stops are not supported with ranking/rebalance specs: drop risk.* or use entry/exit rules")
        ws = []
        for s, o in zip(specs, ovs):
            ev.overrides = o
            ws.append(target_weights(s, ev, p.data.index))
        ev.overrides = {}
        return simulate_weights(specs, ws, p.data, p.traded, p.i0, p.i1, init_cash=p.init_cash, fill=p.fill,
                                prices=p.price_matrices(), want_cash=bool(p.cash_rate))
    if overrides is not None:
        # one spec under per-combination parameters: every rule evaluated once over all combinations, by a
        # kernel that reads the bar before in place (no shifted copy of each operand kept for the sweep)
        # (without stops, as programs the rule state machine evaluates: no bars x columns signal arrays)
        rb = compile_rules_batch(specs[0], p.data, p.traded, ev, overrides)
        sigs = [rb if rb is not None else compile_signals_batch(specs[0], p.data, p.traded, ev, overrides)]
    else:
        sigs = []
        for s, o in zip(specs, ovs):
            ev.overrides = o
            sigs.append(compile_signals(s, p.data, p.traded, evaluator=ev)[0])
        ev.overrides = {}
    return simulate_signals(specs, sigs, p.data, p.traded, p.i0, p.i1, init_cash=p.init_cash, fill=p.fill,
                            prices=p.price_matrices(), want_cash=bool(p.cash_rate))


def with_interest(value: np.ndarray, cash: np.ndarray | None, init_cash: float, cash_rate: float) -> np.ndarray:
    """Accrue cash_rate (annual, daily compounding over 252 bars) on the cash share of equity."""
    if not cash_rate:
        return value
    rd = (1.0 + cash_rate) ** (1.0 / 252) - 1.0
    prev_v = np.vstack([np.full((1, value.shape[1]), init_cash), value[:-1]])
    prev_c = np.vstack([np.full((1, value.shape[1]), init_cash), cash[:-1]])
    r = value / prev_v - 1.0 + np.clip(prev_c / prev_v, 0, None) * rd
    return init_cash * np.cumprod(1.0 + r, axis=0)


def benchmark_equity(p: Prepared) -> tuple[np.ndarray, str]:
    """Buy & hold of the universe (1/N each, bought at the first bar's close) or of universe.benchmark
    (computed once per ``Prepared``: a sweep's chunks share it)."""
    got = p._memo.get("benchmark")
    if got is None:
        got = p._memo["benchmark"] = _benchmark_equity(p)
    return got


def _benchmark_equity(p: Prepared) -> tuple[np.ndarray, str]:
    sym = p.benchmark if isinstance(p.benchmark, str) else p.spec.universe.benchmark
    if isinstance(p.benchmark, pd.Series):
        s = p.benchmark.reindex(p.data.index[p.i0:p.i1]).ffill().to_numpy(dtype="float64")
        return p.init_cash * s / s[0], str(p.benchmark.name or "benchmark")
    if sym:
        if sym not in p.data.frames:
            raise SpecError(f"benchmark {sym!r} is not in the price data: add its prices or set universe.benchmark to null")
        c = p.data.frames[sym]["close"].to_numpy()[p.i0:p.i1]
        return p.init_cash * c / c[0], sym
    c = p.price_matrices()["close"]
    return p.init_cash * (c / c[0]).mean(axis=1), "buy & hold of " + ", ".join(p.traded)


def split_trades(out: Any, p: Prepared, groups: list[int] | None = None) -> list[pd.DataFrame]:
    """vectorbt trade records -> a trades frame per combination (fees included in pnl)."""
    rec = out.trades
    n = out.n_symbols
    idx = out.index
    of = rec["col"] // n
    frames = []
    for g in (range(out.value.shape[1]) if groups is None else groups):
        r = rec[of == g]
        frames.append(pd.DataFrame({
            "symbol": [p.traded[c % n] for c in r["col"]],
            "direction": np.where(r["direction"] == 0, "long", "short"),
            "entry_time": idx[r["entry_idx"]], "entry_price": r["entry_price"],
            "exit_time": idx[r["exit_idx"]], "exit_price": r["exit_price"],
            "size": r["size"], "pnl": r["pnl"], "return": r["return"],
            "status": np.where(r["status"] == 0, "open", "closed"),
        }, columns=TRADE_COLUMNS))
    return frames


def measure(p: Prepared, out: Any, *, block_sums: dict[str, np.ndarray] | None = None,
            ) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, str]:
    """Stats per combination, equity (with cash interest), benchmark equity and its name.
    ``block_sums``: as in ``foa.engine.metrics.stats_table`` (a sweep's PBO block sums, same pass)."""
    bench, bench_name = benchmark_equity(p)
    equity = with_interest(out.value, out.cash, p.init_cash, p.cash_rate)
    if out.borrow is not None:
        equity = equity - out.borrow
    rec = out.trades
    table = stats_table(out.index, equity, p.init_cash, out.exposure, rec["col"] // out.n_symbols,
                        rec["pnl"], rec["return"], bench, p.cash_rate, block_sums=block_sums)
    return table, equity, bench, bench_name


def backtest(
    spec: "StrategySpec | str | bytes | dict[str, Any]",
    prices: Any,
    *,
    init_cash: float = INIT_CASH,
    fill: str = "next_open",
    start: Any = None,
    end: Any = None,
    cash_rate: float = 0.0,
    benchmark: Any = None,
    fetch: bool = False,
    proxies: bool | dict[str, str] | None = False,
    progress: bool = True,
    symbols: "str | Sequence[str] | None" = None,
) -> BacktestResult:
    """Backtest a StrategySpec on one OHLCV frame, a dict symbol -> frame, or a Workspace.

    ``symbols`` trades the spec on these symbols ("^GSPC", "SPY, QQQ" or a list): for a document that names
    no ticker, or to try another market (``spec.with_symbols``; a replacement is noted in the assumptions).

    ``start``/``end`` bound the backtest; indicators warm up on the data before ``start``. ``benchmark``
    overrides ``spec.universe.benchmark`` (a symbol in the data, or a price Series). A symbol missing from
    ``prices`` is an error unless ``fetch=True`` (download it from Yahoo into the workspace, with a
    progress bar) or ``proxies=True`` (trade a bundled stand-in such as ^GSPC for SPY, or pass your own
    ``{"SPY": "^GSPC"}``); a substitution is listed in ``result.assumptions``.

    >>> r = backtest(foa.spec.library.get("buy_and_hold"), foa.samples.market_data("^GSPC"))  # doctest: +SKIP
    """
    if symbols is not None:
        spec = as_spec(spec).with_symbols(symbols)
    p = prepare(spec, prices, init_cash=init_cash, fill=fill, start=start, end=end, cash_rate=cash_rate,
                benchmark=benchmark, fetch=fetch, proxies=proxies, progress=progress)
    result = run_backtest(p)
    from foa.engine.checks import warn

    warn(result.warnings, stacklevel=3)  # points at the caller's foa.backtest line
    return result


#: static warnings that mean the backtest does something other than the spec reads (a rule never read, a
#: side that never trades, high/low computed from closes): kept in ``result.warnings`` beside the errors
RESULT_WARNINGS = frozenset({"exit_ignored", "short_side_missing", "same_long_short_entry", "close_only_symbol"})


def run_backtest(p: Prepared, *, check: bool = True) -> BacktestResult:
    """Run a prepared spec once. With ``check``, ``result.warnings`` holds the static error findings, the
    warnings of ``RESULT_WARNINGS`` and the 0-trade and one-bar-holds findings (foa/engine/checks.py); nothing is
    emitted here."""
    return result_of(p, run_combos(p, [p.spec], p.evaluator()), check=check)


def result_of(p: Prepared, out: Any, *, check: bool = True) -> BacktestResult:
    """The BacktestResult of one simulated column (``out`` from run_combos, or a walk-forward's stitched
    run): stats, equity, benchmark, trades, notes, and with ``check`` the warnings of run_backtest."""
    table, equity, bench, bench_name = measure(p, out)
    trades = split_trades(out, p, [0])
    idx = out.index
    notes = []
    if p.spec.risk.trailing_stop is not None and p.spec.risk.stop_loss is not None:
        notes.append("stop_loss and trailing_stop both set: vectorbt keeps one stop-loss per position, the trailing stop is used")
    if p.cash_rate:
        notes.append("cash_rate accrues on idle cash in the equity curve; trade sizes are as simulated without it")
    notes.append(f"benchmark: {bench_name}")
    closes = pd.DataFrame({s: p.data.frames[s]["close"].to_numpy()[p.i0:p.i1] for s in p.traded}, index=idx)
    result = BacktestResult(
        spec=p.spec, stats=table.iloc[0].rename(p.spec.name), equity=pd.Series(equity[:, 0], idx, name="equity"),
        benchmark_equity=pd.Series(bench, idx, name="benchmark"), trades=trades[0], prices=closes,
        price_note=p.data.note_of(p.traded), engine=out.engine, data_hash=p.data.data_hash(), init_cash=p.init_cash,
        fill=p.fill, cash_rate=p.cash_rate, notes=notes, assumptions=p.assumptions,
    )
    if check:
        from foa.engine.checks import result_findings
        from foa.spec.check import check_spec

        traded = [f for f in result_findings(result) if f.code in ("entry_never_fires", "one_bar_holds")]
        static = check_spec(p.spec)
        changed = [f for f in static.warnings if f.code in RESULT_WARNINGS]
        result.warnings = [*static.errors, *changed, *traded]
    return result
