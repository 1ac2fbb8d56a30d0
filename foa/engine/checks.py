"""``foa.check(spec, prices=None) -> CheckReport``: the static checks plus those that need prices.

With prices (whatever ``foa.backtest`` accepts: a frame, a dict of frames, a Workspace) it also runs the
spec once and says when the entry never fires (0 trades), the exit is true on at least 90% of bars, a
position is open on fewer than 1% of bars, an indicator's warm-up is longer than the data, or symbols
are missing. ``foa.backtest`` keeps the error findings and a 0-trade finding on ``result.warnings`` and
emits each as a ``CheckWarning``.

    >>> import foa
    >>> spec = foa.spec.library.get("sma_crossover")
    >>> foa.check(spec, foa.samples.market_data("^GSPC")).ok
    True
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from foa.errors import DataError, SpecError, SymbolNotFound
from foa.spec.check import CODES, CheckReport, Finding, check_spec
from foa.spec.model import StrategySpec


__all__ = ["CheckWarning", "EXIT_MOST", "LOW_EXPOSURE", "ONE_BAR_SHARE", "check", "result_findings", "warn"]

EXIT_MOST = 0.9  # an exit true on at least this share of bars closes nearly every position at once
LOW_EXPOSURE = 0.01  # a position open on fewer than this share of bars
ONE_BAR_SHARE = 0.8  # a daily spec whose trades close one bar after they open at least this often...
ONE_BAR_MIN_TRADES = 20  # ...over at least this many closed trades


class CheckWarning(UserWarning):
    """A finding of ``foa.check`` raised as a Python warning by ``foa.backtest`` (filter it by this class)."""


def _f(code: str, message: str, field: str, fix: str) -> Finding:
    return Finding(CODES[code][0], code, message, field, fix)


def _missing_symbols(spec: StrategySpec, prices: Any) -> list[str]:
    from foa.engine.prices import symbols_needed
    from foa.workspace import Workspace

    needed = symbols_needed(spec)
    if isinstance(prices, Workspace):
        stored = set(prices.prices.symbols()["symbol"].tolist())
        return [s for s in needed if s not in stored]
    if isinstance(prices, dict):
        return [s for s in needed if s not in prices]
    return []


def _warmups(spec: StrategySpec, p: Any, ev: Any) -> list[Finding]:
    """An indicator with no value on any bar of the backtest range never lets its rule fire."""
    from foa.spec.validate import iter_indicators

    out: list[Finding] = []
    rows = ev.bars.daily_pos
    in_range = (rows >= p.i0) & (rows < p.i1)
    seen: set[Any] = set()
    for e in iter_indicators(spec):
        label = f"{e.name}({', '.join(f'{k}={v}' for k, v in e.params.items())})"
        if label in seen:
            continue
        seen.add(label)
        try:
            values = ev.indicator(e)
        except SpecError as err:
            out.append(_f("warmup_exceeds_data", str(err), "", "use a shorter window or give more history"))
            continue
        if not np.isfinite(values[in_range]).any():
            n = int(in_range.sum())
            out.append(_f("warmup_exceeds_data", f"{label} has no value on any of the {n} {spec.frequency} bars of the "
                          "backtest: its warm-up is longer than the data", "",
                          "use a shorter window or give more history (an earlier start of the price data)"))
    return out


def _exit_share(spec: StrategySpec, p: Any, ev: Any) -> list[Finding]:
    out: list[Finding] = []
    rows = ev.bars.daily_pos
    in_range = (rows >= p.i0) & (rows < p.i1)
    long_ok = spec.direction in ("long_only", "long_short")
    short_ok = spec.direction in ("short_only", "long_short")
    for name, ok in (("exit", long_ok), ("short_exit", short_ok)):
        rule = getattr(spec, name)
        if rule is None or not ok or rule.kind == "always":  # 'always' is a static finding already
            continue
        value, valid = ev.condition_valid(rule)
        live = valid[in_range]
        if not live.any():
            continue
        share = float(value[in_range][live].mean())
        if share >= EXIT_MOST:
            out.append(_f("exit_most_bars", f"{name} is true on {share:.0%} of the bars: a position is closed about as "
                          "soon as it opens", name, "check the exit's comparison (direction, scale, level)"))
    return out


def result_findings(result: Any) -> list[Finding]:
    """Findings read from a backtest result: 0 trades, a position open on fewer than 1% of bars, trades that
    close one bar after they open."""
    s = result.stats
    trades = int(s["trades"])
    if trades == 0:
        return [_f("entry_never_fires", f"no trade between {s['start']:%Y-%m-%d} and {s['end']:%Y-%m-%d}: the entry "
                   "never fires on these prices, so every trade statistic is n/a", "entry",
                   "check the entry's levels and comparisons (foa.check(spec) lists other findings), or the date range")]
    if float(s["exposure"]) < LOW_EXPOSURE:
        return [_f("low_exposure", f"a position is open on {float(s['exposure']):.2%} of the bars ({trades} trade(s))",
                   "entry", "check the entry's levels; a rule this rare says little about the strategy")]
    return _one_bar_holds(result)


def _one_bar_holds(result: Any) -> list[Finding]:
    """Most trades of a daily spec close on the bar after they open: the exit fires as soon as the entry does."""
    t = getattr(result, "trades", None)
    if result.spec.frequency != "daily" or t is None or len(t) == 0 or "exit_time" not in t:
        return []
    closed = t[t["status"] == "closed"] if "status" in t else t
    if len(closed) < ONE_BAR_MIN_TRADES:
        return []
    idx = result.equity.index
    held = idx.get_indexer(closed["exit_time"]) - idx.get_indexer(closed["entry_time"])
    share = float(np.mean(held <= 1))
    if share < ONE_BAR_SHARE:
        return []
    return [_f("one_bar_holds", f"{share:.0%} of the {len(closed)} trades close one bar after they open: the exit "
               "fires about as soon as the entry does", "exit",
               "check that the exit is the one the document states (not the entry reversed, nor a leg it never states)")]


def check(spec: "StrategySpec | str | bytes | dict[str, Any]", prices: Any = None, *, start: Any = None, end: Any = None,
          fetch: bool = False, proxies: bool | dict[str, str] | None = False,
          symbols: "str | Sequence[str] | None" = None) -> CheckReport:
    """Static findings, plus price findings when ``prices`` are given (a frame, a dict of frames, a Workspace).

    ``start``/``end`` bound the run as in ``foa.backtest`` and ``symbols`` trades the spec on other symbols
    as there (a document that names no ticker); ``fetch``/``proxies`` resolve symbols missing
    from ``prices`` as ``foa.backtest`` does, so a spec that backtests with ``proxies=True`` (the broker
    note's SPY traded as ^GSPC) is not reported as ``symbols_missing``. Never raises for a spec that
    validates: what stops a backtest (missing symbols, an engine refusal, too little data, a failed
    download) is reported as an error finding.

    >>> spy = spec.model_copy(update={"universe": Universe(symbols=["SPY"])})  # doctest: +SKIP
    >>> foa.check(spy, {"^GSPC": gspc}, proxies=True).codes  # doctest: +SKIP
    []
    """
    from foa.engine.backtest import as_spec

    spec = as_spec(spec)
    if symbols is not None:
        spec = spec.with_symbols(symbols)
    report = check_spec(spec)
    if prices is None or any(f.code == "engine_refuses" for f in report.errors):  # nothing to run
        return report
    # with fetch/proxies the resolver in prepare() decides what is missing, as it does for foa.backtest
    missing = [] if (fetch or proxies) else _missing_symbols(spec, prices)
    if missing:
        return report + CheckReport([_f("symbols_missing", f"symbol(s) {missing} are not in the prices given", "universe.symbols",
                                        "add their prices (ws.prices.load_bundled / fetch / import_file, or a dict entry) "
                                        "or change the spec")])
    from foa.engine.backtest import prepare, run_backtest

    try:
        p = prepare(spec, prices, start=start, end=end, fetch=fetch, proxies=proxies)
    except (SpecError, DataError) as err:
        code = "symbols_missing" if isinstance(err, SymbolNotFound) or "not in the price data" in str(err) \
            or "unknown symbol" in str(err) else "engine_refuses"
        return report + CheckReport([_f(code, str(err), "", _fix_of(str(err)))])
    ev = p.evaluator()
    found = _warmups(spec, p, ev)
    if found:
        return report + CheckReport(found)
    found += _exit_share(spec, p, ev)
    try:
        result = run_backtest(p, check=False)
    except (SpecError, DataError) as err:
        return report + CheckReport([*found, _f("engine_refuses", str(err), "", _fix_of(str(err)))])
    late = result_findings(result)
    if any(f.code == "exit_most_bars" for f in found):  # the same cause, said once
        late = [f for f in late if f.code != "one_bar_holds"]
    return report + CheckReport([*found, *late])


def _fix_of(message: str) -> str:
    """The way out an error message names: what follows its first '; ' or else its first ': ' ("... no symbols ...: name
    the symbols to trade: foa.backtest(..., symbols='^GSPC') ..." -> that advice), else the message itself."""
    for sep in ("; ", ": "):
        head, found, tail = message.partition(sep)
        if found and len(tail) > 12:
            return tail
    return message


def warn(findings: list[Finding], *, stacklevel: int = 3) -> None:
    """Emit each finding as a CheckWarning."""
    for f in findings:
        warnings.warn(str(f), CheckWarning, stacklevel=stacklevel)
