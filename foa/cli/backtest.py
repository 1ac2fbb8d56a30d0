"""``foa backtest``, ``foa sweep`` and ``foa walk-forward``.

    foa backtest SPEC.json [--symbol S ...] [--start D] [--end D] [--proxies] [--json] [--html OUT]
    foa sweep SPEC.json --grid fast.window=5:50:5 --grid slow.window=20:200:10 [--where fast.window<slow.window] [--json]
    foa walk-forward SPEC.json --grid fast.window=10:50:10 --grid slow.window=100:200:50 --train 5Y --test 1Y [--anchored]

SPEC.json is a StrategySpec file (or the name of a ready-made spec, e.g. ``sma_crossover``). Prices come
from the workspace (``--workspace``, else $FOA_WORKSPACE or ./foa.duckdb when it exists) for symbols stored
there, else from foa's bundled market data. ``--json`` prints strict JSON (NaN -> null).
"""

from __future__ import annotations

import argparse
import json
import math
import operator
import os
import re
import sys
from pathlib import Path
from typing import Any

from foa.errors import DataError, SpecError

__all__ = ["load_spec_arg", "parse_grid", "register"]

_CMP = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "!=": operator.ne, "==": operator.eq}


def _spec_of(args: argparse.Namespace) -> Any:
    """The SPEC.json argument, trading ``--symbol`` instead of its universe when given (``with_symbols``)."""
    spec = load_spec_arg(args.spec)
    if args.symbol:
        spec = spec.with_symbols(args.symbol)
    return spec


_DOCUMENT_SUFFIXES = frozenset({".pdf", ".md", ".markdown", ".txt", ".html", ".htm", ".docx", ".rst"})


def load_spec_arg(arg: str) -> Any:
    from foa.spec import library
    from foa.spec.validate import parse_spec

    path = Path(arg)
    if path.is_file():
        try:
            data = path.read_bytes()
        except OSError as err:
            raise SpecError(f"cannot read {path}: {err}") from err
        head = data.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
        if path.suffix.lower() in _DOCUMENT_SUFFIXES or (path.suffix.lower() != ".json" and head not in (b"{", b"")):
            # a strategy document, not a spec: extraction comes first
            raise SpecError(
                f"{path} is a document, not a StrategySpec (a JSON file): extract its strategy first, e.g. "
                f"`foa extract {path} --json > spec.json`, then `foa backtest spec.json`")
        return parse_spec(data)
    if arg in library.names():
        return library.get(arg)
    raise SpecError(f"{arg}: no such spec file (and not a ready-made spec: {', '.join(library.names())})")


def _num(text: str) -> float | int:
    x = float(text)
    return int(x) if x.is_integer() and re.fullmatch(r"-?\d+", text.strip()) else x


def parse_grid(items: list[str]) -> dict[str, list[Any]]:
    """``["fast.window=5:50:5", "bb.std=1.5,2,2.5"]`` -> {"fast.window": [5, 10, ..., 50], "bb.std": [1.5, 2, 2.5]}.

    ``a:b:step`` includes b; ``a,b,c`` lists values.
    """
    grid: dict[str, list[Any]] = {}
    for item in items:
        key, sep, spec = item.partition("=")
        if not sep or not key.strip():
            raise SpecError(f"--grid {item!r}: write KEY=START:STOP:STEP or KEY=V1,V2 (e.g. fast.window=5:50:5)")
        try:
            if ":" in spec:
                parts = [p.strip() for p in spec.split(":")]
                if len(parts) != 3:
                    raise ValueError
                a, b, st = (_num(p) for p in parts)
                if st <= 0:
                    raise ValueError
                n = int(math.floor((b - a) / st + 1e-9)) + 1
                vals = [a + i * st for i in range(max(n, 0))]
                vals = [round(v, 10) if isinstance(v, float) else v for v in vals]
            else:
                vals = [_num(p) for p in spec.split(",") if p.strip()]
        except ValueError as err:
            raise SpecError(f"--grid {item!r}: values must be numbers, START:STOP:STEP with STEP > 0, or a comma list") from err
        if not vals:
            raise SpecError(f"--grid {item!r} gives no values")
        grid[key.strip()] = vals
    return grid


def _constraint(where: list[str] | None) -> Any:
    if not where:
        return None
    rules = []
    for w in where:
        m = re.fullmatch(r"\s*([\w.]+)\s*(<=|>=|!=|==|<|>)\s*([\w.\-]+)\s*", w)
        if not m:
            raise SpecError(f"--where {w!r}: write KEY OP KEY-or-NUMBER, e.g. 'fast.window<slow.window'")
        rules.append(m.groups())

    def ok(p: dict[str, Any]) -> bool:
        for a, op, b in rules:
            right = p[b] if b in p else _num(b)
            if a not in p:
                raise SpecError(f"--where names {a!r}, which is not a --grid key")
            if not _CMP[op](p[a], right):
                return False
        return True

    return ok


def _prices(spec: Any, workspace: str | None, proxies: bool = False) -> Any:
    """Workspace prices for symbols stored there, bundled samples for the rest; with ``proxies`` a symbol
    in neither is left to the engine's resolver, which trades its stand-in and records it."""
    from foa.engine.prices import symbols_needed

    needed = symbols_needed(spec)
    if not needed:
        raise SpecError("the spec names no symbols: pass --symbol (e.g. --symbol ^GSPC)")
    out: dict[str, Any] = {}
    from foa.workspace import DEFAULT_PATH, ENV_VAR, Workspace

    path = workspace or os.environ.get(ENV_VAR) or (DEFAULT_PATH if Path(DEFAULT_PATH).exists() else None)
    if path:
        ws = Workspace(path)
        # no fallback on failure: a locked or broken workspace must not quietly become the bundled samples
        stored = set(ws.prices.symbols()["symbol"])
        have = [s for s in needed if s in stored]
        if have:
            out.update(ws.prices.frames(have))
    missing = [s for s in needed if s not in out]
    if missing:
        from foa.engine.prices import PROXIES
        from foa.samples.market import BUNDLED, market_data
        from foa.spec.friendly import did_you_mean

        for s in missing:
            if s in BUNDLED:
                out[s] = market_data(s)
            elif not (proxies and s in PROXIES):
                if s in PROXIES:
                    standin = f", or trade a bundled stand-in with --proxies ({s} -> {PROXIES[s][0]})"
                elif proxies:
                    standin = f"; --proxies has no stand-in for {s} (its stand-ins: foa.engine.prices.PROXIES)"
                else:
                    standin = ""
                raise DataError(
                    f"no prices for {s!r}: not in the workspace and not bundled.{did_you_mean(s, [*out, *BUNDLED], max_edits=1)} "
                    f"Fetch it (foa data fetch {s}) or import a file (foa data import PATH --symbol ...){standin}"
                )
    return out


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, allow_nan=False, indent=2, default=str))


def _cmd_backtest(args: argparse.Namespace) -> int:
    from foa.engine.backtest import backtest

    spec = _spec_of(args)
    res = backtest(spec, _prices(spec, args.workspace, args.proxies), start=args.start, end=args.end, fill=args.fill,
                   proxies=args.proxies)
    if args.html:
        try:
            res.plot().write_html(args.html, include_plotlyjs="cdn" if args.cdn else True)
        except OSError as err:
            raise DataError(f"cannot write {args.html}: {err.strerror or err}; give --html a path in a writable "
                            "location whose folder exists (e.g. --html chart.html)") from err
    if args.json:
        _print_json({"name": spec.name, "engine": res.engine, "price_note": res.price_note,
                     "assumptions": res.assumptions, "stats": res.stats_json()})
    else:
        print(f"{spec.name}  ({res.price_note}; engine {res.engine})")
        for a in res.assumptions:
            print(f"  assumed: {a}")
        from foa.engine.tearsheet import format_metric

        for k, v in res.stats.items():  # fractions as percent, durations in bars (--json keeps raw numbers)
            unit = " (cash per trade)" if k == "expectancy" else ""
            print(f"  {k:<24}{format_metric(k, v)}{unit}")
        if args.html:
            print(f"chart written to {args.html}")
    return 0


def _cmd_sweep(args: argparse.Namespace) -> int:
    from foa.engine.result import stats_to_json
    from foa.engine.sweep import sweep

    spec = _spec_of(args)
    grid = parse_grid(args.grid)
    res = sweep(spec, _prices(spec, args.workspace, args.proxies), grid, constraint=_constraint(args.where),
                metric=args.metric, proxies=args.proxies,
                start=args.start, end=args.end, progress=not args.json)
    best = res.best(args.metric, args.top)
    rows = [stats_to_json(r) for _, r in best.iterrows()]
    dsr = res.deflated_sharpe if math.isfinite(res.deflated_sharpe) else None
    pbo = res.pbo_or_none()
    if args.json:
        _print_json({"name": spec.name, "combinations": len(res.table), "metric": args.metric, "best": rows,
                     "share_beating_benchmark": res.share_beating_benchmark, "deflated_sharpe": dsr,
                     "pbo": None if pbo is None else pbo.pbo,
                     "warning": res.warning, "engine": res.engine, "assumptions": res.assumptions})
        return 0
    cols = res.params + ["total_return", "sharpe", "max_drawdown", "trades"]
    print(f"{spec.name}: {len(res.table)} combinations, best by {args.metric}:")
    for a in res.assumptions:
        print(f"  assumed: {a}")
    print(best[cols].to_string(index=False, float_format=lambda v: f"{v:.4g}"))
    print(f"share beating the benchmark: {res.share_beating_benchmark:.1%}")
    print(f"deflated Sharpe of the best: {'n/a' if dsr is None else f'{dsr:.3f}'}")
    if pbo is not None:
        print(f"probability of backtest overfitting: {pbo.pbo:.0%} ({pbo.reading})")
    if res.warning:
        print(f"warning: {res.warning}")
    return 0


def _cmd_walk_forward(args: argparse.Namespace) -> int:
    from foa.engine.result import stats_to_json
    from foa.engine.walkforward import walk_forward

    spec = _spec_of(args)
    step = int(args.step) if args.step and args.step.isdigit() else args.step
    span = {k: int(v) if v.isdigit() else v for k, v in (("train", args.train), ("test", args.test))}
    wf = walk_forward(spec, _prices(spec, args.workspace), parse_grid(args.grid), **span, step=step,
                      anchored=args.anchored, metric=args.metric, start=args.start, end=args.end,
                      constraint=_constraint(args.where), progress=not args.json)
    oos = wf.oos_result.stats
    if args.json:
        w = wf.windows.copy()
        for c in ("train_start", "train_end", "test_start", "test_end"):
            w[c] = w[c].dt.strftime("%Y-%m-%d")
        eff = wf.efficiency if math.isfinite(wf.efficiency) else None
        _print_json({"name": spec.name, "metric": wf.metric, "windows": json.loads(w.to_json(orient="records")),
                     "efficiency": eff, "oos": stats_to_json(oos)})
        return 0
    print(f"{spec.name}: walk-forward over {len(wf.windows)} windows ({'anchored' if args.anchored else 'rolling'}), "
          f"train {args.train}, test {args.test}")
    print(wf.windows.to_string(index=False, float_format=lambda v: f"{v:.4g}"))
    print(f"out-of-sample: total return {oos['total_return']:.2%}, {wf.metric} {oos[wf.metric]:.3f}; "
          f"efficiency (mean OOS / mean IS {wf.metric}) {wf.efficiency:.2f}")
    return 0


def register(sub: Any) -> None:
    """Add ``backtest``, ``sweep`` and ``walk-forward`` to the ``foa`` command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("spec", metavar="SPEC.json", help="a StrategySpec JSON file or a ready-made spec name")
    common.add_argument("--symbol", action="append", metavar="S", help="trade these symbols instead (repeatable)")
    common.add_argument("--start", metavar="D", help="first date of the backtest (indicators warm up before it)")
    common.add_argument("--end", metavar="D", help="last date")
    common.add_argument("--json", action="store_true", help="strict JSON output (NaN -> null)")
    common.add_argument("--workspace", metavar="PATH", help="workspace file for prices (default: $FOA_WORKSPACE, ./foa.duckdb)")
    common.add_argument("--proxies", action="store_true",
                        help="trade a bundled stand-in for a symbol foa has no prices for (SPY as ^GSPC, ...), said in the output")

    b = sub.add_parser("backtest", parents=[common], help="backtest a spec and print its stats")
    b.add_argument("--html", metavar="OUT", help="write the chart (equity, drawdown, trades) as HTML")
    b.add_argument("--cdn", action="store_true", help="with --html: load plotly.js from a CDN (smaller file)")
    b.add_argument("--fill", choices=("next_open", "close"), default="next_open")
    b.set_defaults(func=_cmd_backtest)

    s = sub.add_parser("sweep", parents=[common], help="backtest a parameter grid; best combinations and robustness")
    s.add_argument("--grid", action="append", required=True, metavar="KEY=A:B:STEP",
                   help="a parameter range, e.g. fast.window=5:50:5 (repeatable)")
    s.add_argument("--where", action="append", metavar="EXPR", help="keep combinations where e.g. fast.window<slow.window")
    s.add_argument("--metric", default="sharpe", help="rank by this stat (default sharpe)")
    s.add_argument("--top", type=int, default=5, help="how many best combinations to print")
    s.set_defaults(func=_cmd_sweep)

    w = sub.add_parser("walk-forward", parents=[common],
                       help="choose parameters on a training window, trade them on the next, roll forward")
    w.add_argument("--grid", action="append", required=True, metavar="KEY=A:B:STEP",
                   help="a parameter range, e.g. fast.window=5:50:5 (repeatable)")
    w.add_argument("--where", action="append", metavar="EXPR", help="keep combinations where e.g. fast.window<slow.window")
    w.add_argument("--train", required=True, help="training window: 5Y, 18M, 26W, 90D or a number of bars")
    w.add_argument("--test", required=True, help="test window, same units")
    w.add_argument("--step", default=None, help="how far windows move (default: --test)")
    w.add_argument("--anchored", action="store_true", help="every training window starts at the first bar")
    w.add_argument("--metric", default="sharpe", help="choose and judge by this stat (default sharpe)")
    w.set_defaults(func=_cmd_walk_forward)

