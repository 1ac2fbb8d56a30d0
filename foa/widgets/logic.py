"""What the dashboards do, as plain functions: unit-tested without a browser, reusable in any cell.

    from foa.widgets.logic import run_backtest, stats_frame
    result = run_backtest(spec, ["^GSPC"], source="bundled", fees=0.001)
    stats_frame(result.stats)

The dashboards are controls wired to these functions and nothing else.
"""

from __future__ import annotations

import html
import math
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from foa.errors import DataError, DocumentError, FoaError, SpecError

if TYPE_CHECKING:
    from foa.documents.model import Document
    from foa.spec.model import StrategySpec
    from foa.workspace import Workspace

__all__ = [
    "FILLS",
    "METRICS",
    "PROVIDERS",
    "STATS",
    "TEARSHEET_FIGURES",
    "TEARSHEET_METRICS",
    "assumptions_html",
    "cluster_html",
    "default_provider",
    "document_from_upload",
    "error_html",
    "evidence_frame",
    "extract",
    "format_stat",
    "load_prices",
    "monthly_table",
    "parse_grid",
    "prepare_spec",
    "price_source",
    "run_backtest",
    "run_sweep",
    "run_walk_forward",
    "spec_html",
    "stats_frame",
    "stats_html",
    "sweep_client",
    "sweep_parameters",
    "sweep_summary",
    "tearsheet_frame",
    "tearsheet_view",
    "walk_forward_summary",
]

PROVIDERS = ("offline", "claude", "auto")
FILLS = ("next_open", "next_close", "close")
METRICS = ("sharpe", "sortino", "cagr", "total_return", "calmar", "max_drawdown")

# key -> (label, format); the order is the order a reader scans a tear sheet in.
STATS: dict[str, tuple[str, str]] = {
    "start": ("Start", "date"),
    "end": ("End", "date"),
    "bars": ("Bars", "int"),
    "total_return": ("Total return", "pct"),
    "cagr": ("CAGR", "pct"),
    "volatility": ("Volatility (ann.)", "pct"),
    "sharpe": ("Sharpe ratio", "ratio"),
    "sortino": ("Sortino ratio", "ratio"),
    "calmar": ("Calmar ratio", "ratio"),
    "max_drawdown": ("Max drawdown", "pct"),
    "max_drawdown_duration": ("Max drawdown duration (bars)", "int"),
    "exposure": ("Exposure", "pct"),
    "trades": ("Trades", "int"),
    "win_rate": ("Win rate", "pct"),
    "profit_factor": ("Profit factor", "ratio"),
    "expectancy": ("Expectancy (cash per trade)", "money"),
    "best_trade": ("Best trade", "pct"),
    "worst_trade": ("Worst trade", "pct"),
    "avg_trade": ("Average trade", "pct"),
    "benchmark_return": ("Benchmark return", "pct"),
    "alpha": ("Alpha (ann.)", "pct"),
    "beta": ("Beta", "ratio"),
}


# ---------------------------------------------------------------------------------------- formatting
def format_stat(key: str, value: Any) -> str:
    """One statistic as a person reads it: ``format_stat("sharpe", 0.8123) == "0.81"``.

    The dashboard and the reports format through here, so the number on screen is the number in
    ``result.stats`` rounded the same way everywhere.
    """
    kind = STATS.get(key, (key, "ratio"))[1]
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return "–"
    try:
        if kind == "pct":
            return f"{float(value):.2%}"
        if kind == "ratio":
            v = float(value)
            return "∞" if math.isinf(v) else f"{v:.2f}"
        if kind == "int":
            return f"{int(value):,}"
        if kind == "money":
            return f"{float(value):,.2f}"
        if kind == "date":
            return pd.Timestamp(value).strftime("%Y-%m-%d")
    except (TypeError, ValueError):
        pass
    return str(value)


def stats_frame(stats: pd.Series) -> pd.DataFrame:
    """A stats Series -> a two-column table (statistic, value) with readable labels and formats.

    >>> stats_frame(result.stats)  # doctest: +SKIP
    """
    keys = [k for k in STATS if k in stats.index] + [k for k in stats.index if k not in STATS]
    rows = [(STATS.get(k, (k, ""))[0], format_stat(k, stats[k])) for k in keys]
    return pd.DataFrame(rows, columns=["statistic", "value"]).set_index("statistic")


def stats_html(stats: pd.Series) -> str:
    """The stats table as HTML; each value cell carries ``data-stat="<key>"`` so a test can find it."""
    keys = [k for k in STATS if k in stats.index] + [k for k in stats.index if k not in STATS]
    rows = "".join(
        f"<tr><th style='text-align:left;padding-right:1em'>{html.escape(STATS.get(k, (k, ''))[0])}</th>"
        f"<td class='foa-stat' data-stat='{html.escape(str(k))}' style='text-align:right'>{html.escape(format_stat(k, stats[k]))}</td></tr>"
        for k in keys
    )
    return f"<table class='foa-stats'>{rows}</table>"


def error_html(err: BaseException) -> str:
    """An error shown inside a dashboard: what happened and how to fix it (the FoaError's message)."""
    kind = type(err).__name__
    msg = str(err) if isinstance(err, FoaError) else f"{err} (unexpected: please report this with the cell that caused it)"
    return (f"<div class='foa-error' style='color:#a00;border-left:3px solid #a00;padding:4px 8px;white-space:pre-wrap'>"
            f"<b>{html.escape(kind)}</b>: {html.escape(msg)}</div>")


def evidence_frame(spec: "StrategySpec") -> pd.DataFrame:
    """The spec's evidence as a table: field, quote, page, verified, state (✓ supports, ~ found, ✗ not found).

    A quote keeps the document's words; its line breaks become spaces (pandas would show them as a
    literal backslash-n).
    """
    from foa.extract.evidence import MARKS

    verdict = {True: "yes", False: "NO", None: "not checked"}
    rows = [(e.field, " ".join(e.quote.split()), e.page, verdict[e.verified],
             f"{MARKS[e.state]} {e.state.replace('_', ' ')}" if e.state else "not checked") for e in spec.evidence]
    return pd.DataFrame(rows, columns=["field", "quote", "page", "verified", "state"])


def spec_html(spec: "StrategySpec") -> str:
    """Plain-English rules, evidence and assumptions as one HTML block (everything escaped)."""
    parts = [f"<h4>{html.escape(spec.name)}</h4>"]
    if spec.summary and spec.summary not in spec.describe():  # describe() usually opens with the summary
        parts.append(f"<p>{html.escape(spec.summary)}</p>")
    parts.append(f"<pre style='white-space:pre-wrap;word-break:normal;overflow-wrap:break-word'>{html.escape(spec.describe())}</pre>")
    if spec.evidence:
        parts.append("<b>Evidence</b>" + evidence_frame(spec).to_html(index=False, escape=True))
    if spec.assumptions:
        items = "".join(f"<li>{html.escape(a)}</li>" for a in spec.assumptions)
        parts.append(f"<b>Assumptions</b><ul>{items}</ul>")
    return "".join(parts)


# ---------------------------------------------------------------------------------------- extraction
def document_from_upload(name: str, content: bytes) -> "Document":
    """An uploaded file (FileUpload gives a name and bytes) -> Document, via the same loaders as paths."""
    import foa

    suffix = Path(name).suffix.lower()
    if suffix not in (".pdf", ".txt", ".md", ".markdown", ".html", ".htm"):
        raise DocumentError(f"{name}: unsupported file type {suffix or '(none)'!r}; upload a PDF, TXT, MD or HTML file")
    if not content:
        raise DocumentError(f"{name} is empty: upload the file again")
    # The loaders take paths; a private temp dir keeps the user's name (its suffix picks the loader).
    with tempfile.TemporaryDirectory(prefix="foa-upload-") as tmp:
        path = Path(tmp) / Path(name).name
        path.write_bytes(bytes(content))
        doc = foa.load_document(path, name=Path(name).name)
    # the temp file goes away with this block: the document keeps the upload's bytes, so its pages can
    # still be drawn (review desk) and the workspace can keep the original
    doc.content = bytes(content)
    return doc


def extract(doc: "Document", provider: str = "offline", **kwargs: Any) -> "StrategySpec":
    """Extract a spec from a document with the chosen provider; evidence is verified against the pages."""
    import foa

    if provider not in PROVIDERS:
        raise FoaError(f"unknown provider {provider!r}: choose one of {', '.join(PROVIDERS)}")
    return foa.extract_strategy(doc, provider=provider, **kwargs)


# ---------------------------------------------------------------------------------------- backtests
def _as_date(value: Any) -> pd.Timestamp | None:
    if value in (None, ""):
        return None
    try:
        return pd.Timestamp(value)
    except (TypeError, ValueError) as err:
        raise DataError(f"{value!r} is not a date: use YYYY-MM-DD, e.g. 2005-01-03") from err


def prepare_spec(spec: "StrategySpec", symbols: Sequence[str] | None = None, *, fees: float | None = None,
                 slippage: float | None = None) -> "StrategySpec":
    """A copy of ``spec`` trading ``symbols`` with the given costs (validated again).

    When ``symbols`` replace symbols the spec named (a document's SPY traded as the bundled ^GSPC), the
    substitution is added to ``assumptions``, so reports and the summary say what was traded instead.
    """
    from pydantic import ValidationError

    from foa.spec.model import StrategySpec

    if isinstance(symbols, str):  # "SPY" or "SPY, QQQ" as typed, not the letters S, P, Y
        symbols = symbols.replace(";", ",").split(",")
    blank = bool(symbols) and not any(s and s.strip() for s in symbols)
    if symbols and not blank:
        spec = spec.with_symbols(list(symbols))  # notes a replacement in assumptions
    data = spec.model_dump(mode="json")
    if blank:
        data["universe"]["symbols"] = []
    if fees is not None:
        data["costs"]["fees"] = fees
    if slippage is not None:
        data["costs"]["slippage"] = slippage
    try:
        return StrategySpec.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise SpecError(f"{where}: {first.get('msg')}. Fees and slippage are fractions (0.001 = 10 bp) between 0 and 1.") from err


def load_prices(symbols: Sequence[str], source: str = "workspace", ws: "Workspace | None" = None) -> dict[str, pd.DataFrame]:
    """symbol -> OHLCV frame, from the workspace or from the bundled samples (no workspace needed)."""
    symbols = [s for s in symbols if s]
    if not symbols:
        raise DataError("no symbols given: enter at least one ticker, e.g. ^GSPC")
    if source == "bundled":
        from foa.samples import market_data

        return {s: market_data(s) for s in symbols}
    if source == "workspace":
        import foa

        ws = ws if ws is not None else foa.Workspace()
        return ws.prices.frames(list(symbols))
    raise DataError(f"unknown price source {source!r}: use 'workspace' or 'bundled'")


def price_source(symbols: Sequence[str], source: str = "workspace", ws: "Workspace | None" = None) -> Any:
    """What the dashboards hand to ``foa.backtest``/``foa.sweep`` as ``prices``: the Workspace itself, or the
    bundled samples of those ``symbols`` that are bundled (the engine's resolver finds the rest, e.g. SPY
    traded as ^GSPC with ``proxies=True``, and names what is missing otherwise).

    >>> sorted(price_source(["^GSPC", "SPY"], "bundled"))
    ['^GSPC']
    """
    if source == "bundled":
        from foa.samples import market_data
        from foa.samples.market import BUNDLED

        return {s: market_data(s) for s in dict.fromkeys(symbols) if s in BUNDLED}
    if source == "workspace":
        import foa

        return ws if ws is not None else foa.Workspace()
    raise DataError(f"unknown price source {source!r}: use 'workspace' or 'bundled'")


def run_backtest(spec: "StrategySpec", symbols: Sequence[str] | None = None, *, start: Any = None, end: Any = None,
                 fees: float | None = None, slippage: float | None = None, fill: str = "next_open",
                 source: str = "workspace", ws: "Workspace | None" = None, init_cash: float = 100_000,
                 benchmark: str | None = None, proxies: bool | dict[str, str] | None = True,
                 fetch: bool = False) -> Any:
    """Backtest ``spec`` on ``symbols`` (default: the spec's own universe) -> BacktestResult.

    Symbols resolve as in ``foa.backtest``: from the workspace (or the bundled samples), with ``proxies``
    (True by default: a document's SPY trades as the bundled ^GSPC) and ``fetch``; every substitution is
    in ``result.assumptions`` ("SPY traded as ^GSPC: ...").
    """
    import foa

    spec = prepare_spec(spec, symbols, fees=fees, slippage=slippage)
    syms = list(spec.universe.symbols)
    if not syms:
        raise SpecError(f"{spec.name} names no symbols: enter tickers to trade, e.g. ^GSPC")
    start_ts, end_ts = _as_date(start), _as_date(end)
    if start_ts is not None and end_ts is not None and start_ts >= end_ts:
        raise DataError(f"start {start_ts.date()} is not before end {end_ts.date()}: swap them or widen the range")
    from foa.engine.prices import symbols_needed

    wanted = symbols_needed(spec) + [s for s in [benchmark] if s and s not in syms]
    prices = price_source(wanted, source, ws)
    return foa.backtest(spec, prices, init_cash=init_cash, fill=fill, start=start_ts, end=end_ts, benchmark=benchmark,
                        proxies=proxies, fetch=fetch)


def assumptions_html(result: Any) -> str:
    """What a run substituted or assumed (``result.assumptions``: "SPY traded as ^GSPC: ..."), one line each,
    escaped; empty when nothing was."""
    items = list(getattr(result, "assumptions", None) or [])
    return "".join(f"<p class='foa-assumed' style='color:#9a6700;margin:2px 0'><b>Assumed:</b> {html.escape(str(a))}</p>"
                   for a in items)


# ---------------------------------------------------------------------------------------- tear sheet
# the tear-sheet metrics the stats table does not show already, in reading order
TEARSHEET_METRICS = ("var_95", "cvar_95", "skew", "kurtosis", "tail_ratio", "information_ratio", "tracking_error",
                     "best_day", "worst_day", "best_month", "worst_month", "best_year", "worst_year",
                     "longest_drawdown_bars", "longest_drawdown_start", "longest_drawdown_end", "avg_trade_bars",
                     "longest_trade_bars")
# the two tear-sheet figures a dashboard and a report show (all six are in ``ts.figures``)
TEARSHEET_FIGURES = ("monthly_heatmap", "rolling_sharpe")


def monthly_table(ts: Any) -> pd.DataFrame:
    """A tear sheet's monthly returns as a reader scans them: years down, Jan..Dec across, then the year's
    compound return; percent with one decimal, blank where the backtest has no bars.

    >>> monthly_table(result.tearsheet()).loc[2019, "Year"]  # doctest: +SKIP
    '28.9%'
    """
    def pct(v: Any) -> str:
        if pd.isna(v):
            return ""
        return "0.0%" if abs(float(v)) < 0.0005 else f"{float(v):.1%}"  # never "-0.0%"

    m = ts.monthly_returns
    out = m.map(pct)
    out.columns = [pd.Timestamp(2000, int(c), 1).strftime("%b") for c in m.columns]
    by_year = {pd.Timestamp(k).year: v for k, v in ts.yearly_returns.items()}
    out["Year"] = [pct(by_year.get(y)) for y in m.index]
    out.index.name = "year"
    return out


def tearsheet_frame(ts: Any) -> pd.DataFrame:
    """The tear-sheet metrics beyond the stats table (VaR, CVaR, skew, best/worst month, longest drawdown...)
    as a two-column table (metric, value), formatted with their units."""
    from foa.engine.tearsheet import format_metric

    keys = [k for k in TEARSHEET_METRICS if k in ts.metrics.index]
    rows = [(k.replace("_", " "), format_metric(k, ts.metrics[k])) for k in keys]
    return pd.DataFrame(rows, columns=["metric", "value"]).set_index("metric")


def tearsheet_view(result: Any) -> dict[str, Any]:
    """What the Backtest dashboard's "Tear sheet" tab and ``strategy_report`` show of ``result.tearsheet()``:
    ``monthly`` (:func:`monthly_table`), ``metrics`` (:func:`tearsheet_frame`), ``figures`` (the monthly
    heatmap and the rolling Sharpe) and ``html`` (the two tables as one escaped block).

    >>> view = tearsheet_view(result); view["monthly"].columns[-1], len(view["figures"])  # doctest: +SKIP
    ('Year', 2)
    """
    ts = result.tearsheet()
    monthly, metrics = monthly_table(ts), tearsheet_frame(ts)
    block = (f"<div class='foa-tearsheet' style='display:flex;gap:2em;flex-wrap:wrap'>"
             f"<div><b>Monthly returns</b>{monthly.to_html(escape=True, border=0, index_names=False, classes='foa-monthly')}</div>"
             f"<div><b>Risk and periods</b>{metrics.to_html(escape=True, border=0, index_names=False, header=False, classes='foa-tearsheet-metrics')}</div></div>")
    return {"tearsheet": ts, "monthly": monthly, "metrics": metrics,
            "figures": [ts.figures[k] for k in TEARSHEET_FIGURES], "html": block}


# ---------------------------------------------------------------------------------------- sweeps
def sweep_parameters(spec: "StrategySpec") -> dict[str, float]:
    """Addressable parameters -> current value, e.g. ``{"fast.window": 50, "slow.window": 200}``.

    Only indicators with an ``id`` can be swept (``sma(50, id="fast")``).
    """
    from foa.spec.validate import iter_indicators

    out: dict[str, float] = {}
    for ind in iter_indicators(spec):
        if ind.id:
            for p, v in ind.params.items():
                out[f"{ind.id}.{p}"] = v
    return out


def parse_grid(text: str) -> list[float]:
    """A range as typed: ``"10:50:10"`` (start:stop:step, stop included) or ``"10, 20, 30"``.

    >>> parse_grid("10:30:10"), parse_grid("5, 8")
    ([10, 20, 30], [5, 8])
    """
    raw = (text or "").strip()
    try:
        if ":" in raw:
            parts = [float(x) for x in raw.split(":")]
            if len(parts) != 3 or parts[2] <= 0 or parts[1] < parts[0]:
                raise ValueError
            start, stop, step = parts
            n = int(math.floor((stop - start) / step + 1e-9)) + 1
            values = [start + i * step for i in range(n)]
        else:
            values = [float(x) for x in raw.replace(";", ",").split(",") if x.strip()]
    except ValueError as err:
        raise SpecError(f"cannot read the range {text!r}: write start:stop:step (10:50:10) or a list (10, 20, 30)") from err
    if not values:
        raise SpecError("the range is empty: write start:stop:step (10:50:10) or a list (10, 20, 30)")
    return [int(v) if float(v).is_integer() else round(v, 10) for v in values]


def run_sweep(spec: "StrategySpec", prices: Any, x: str, xs: Sequence[float], y: str, ys: Sequence[float], *,
              metric: str = "sharpe", proxies: bool | dict[str, str] | None = True, **kwargs: Any) -> Any:
    """Sweep two parameters over their grids -> SweepResult (combinations that violate the spec skipped).

    ``prices`` as ``foa.sweep`` takes them (a Workspace: :func:`price_source`); symbols resolve with
    ``proxies`` (True by default) as in ``foa.backtest``, substitutions listed in ``result.assumptions``;
    other keywords (``client=``, ``start=``...) go to ``foa.sweep``.
    """
    import foa

    params = sweep_parameters(spec)
    for name in (x, y):
        if name not in params:
            raise SpecError(f"{name!r} is not a parameter of {spec.name}: choose one of {', '.join(params) or '(none: give indicators an id)'}")
    if x == y:
        raise SpecError("pick two different parameters to sweep")
    return foa.sweep(spec, prices, grid={x: list(xs), y: list(ys)}, metric=metric, proxies=proxies, **kwargs)


def sweep_summary(sweep: Any, metric: str = "sharpe", n: int = 5) -> dict[str, Any]:
    """What the sweep dashboard shows besides the heatmap; ``sentence`` names what each number is
    (:func:`foa.report.sweep_sentence`: the deflated Sharpe as the probability the best Sharpe beats chance,
    "beat buy & hold" counted on total return); ``pbo`` is the probability of backtest overfitting (None
    when the sweep cannot give one) and ``pbo_reading`` the sentence on how to read it."""
    from foa.report import pbo_reading, sweep_sentence

    pbo = sweep.pbo_or_none()
    return {
        "sentence": sweep_sentence(sweep).split("\n")[0],
        "best": sweep.best(metric=metric, n=n),
        "share_beating_benchmark": sweep.share_beating_benchmark,
        "deflated_sharpe": sweep.deflated_sharpe,
        "pbo": None if pbo is None else pbo.pbo,
        "pbo_reading": pbo_reading(sweep),
        "warning": sweep.warning,
        "combinations": len(sweep.table),
    }


def run_walk_forward(spec: "StrategySpec", prices: Any, x: str, xs: Sequence[float], y: str, ys: Sequence[float], *,
                     train: str | int = "5Y", test: str | int = "1Y", anchored: bool = False, metric: str = "sharpe",
                     proxies: bool | dict[str, str] | None = True, **kwargs: Any) -> Any:
    """Walk-forward of the same two-parameter grid the sweep uses -> WalkForwardResult
    (``foa.walk_forward``: choose on each training window, trade on the next test window).

    ``train``/``test`` as typed: ``"5Y"``, ``"18M"``, ``"26W"``, ``"90D"`` or a number of bars (``"500"``).

    >>> wf = run_walk_forward(spec, ws, "fast.window", [20, 50], "slow.window", [150, 200], train="6Y", test="3Y")  # doctest: +SKIP
    """
    import foa

    params = sweep_parameters(spec)
    for name in (x, y):
        if name not in params:
            raise SpecError(f"{name!r} is not a parameter of {spec.name}: choose one of {', '.join(params) or '(none: give indicators an id)'}")
    if x == y:
        raise SpecError("pick two different parameters to walk forward")

    def span(value: str | int) -> str | int:
        text = str(value).strip()
        return int(text) if text.isdigit() else text

    return foa.walk_forward(spec, prices, {x: list(xs), y: list(ys)}, train=span(train), test=span(test),
                            anchored=anchored, metric=metric, proxies=proxies, **kwargs)


def walk_forward_summary(wf: Any) -> dict[str, Any]:
    """What the Walk-forward tab shows: ``windows`` (dates as YYYY-MM-DD, metrics to 3 decimals),
    ``efficiency`` (mean OOS / mean IS metric), ``sentence`` (one line naming each number) and ``figure``
    (``wf.plot()``)."""
    w = wf.windows.copy()
    for c in ("train_start", "train_end", "test_start", "test_end"):
        w[c] = w[c].dt.strftime("%Y-%m-%d")
    for c in (f"is_{wf.metric}", f"oos_{wf.metric}"):
        w[c] = w[c].map(lambda v: format_stat(wf.metric, v) if wf.metric in STATS else f"{v:.3f}")
    oos = wf.oos_result.stats[wf.metric]
    eff = wf.efficiency
    sentence = (f"{len(w)} window{'s' if len(w) != 1 else ''} ({'anchored' if wf.anchored else 'rolling'}); "
                f"out-of-sample {STATS.get(wf.metric, (wf.metric,))[0]} {format_stat(wf.metric, oos)} over "
                f"{format_stat('start', wf.oos_result.stats['start'])} to {format_stat('end', wf.oos_result.stats['end'])}; "
                f"efficiency {'–' if math.isnan(eff) else f'{eff:.2f}'} (mean out-of-sample / mean in-sample "
                f"{wf.metric}: near 1 the choice held up, near 0 or below it did not)")
    return {"windows": w, "efficiency": eff, "sentence": sentence, "figure": wf.plot()}


def sweep_client(cluster: bool, client: Any = None) -> Any:
    """What the Sweep dashboard passes to ``foa.sweep(client=)``: None with the cluster toggle off, else the
    ``distributed.Client`` the dashboard was given, or True (a LocalCluster started and closed per sweep)."""
    if not cluster:
        return None
    return client if client is not None else True


def cluster_html(cluster: bool, client: Any = None) -> str:
    """One line on where the sweep runs, with the cluster's dashboard link when there is one
    (``client.dashboard_link``); everything escaped, the link opens in a new tab."""
    if not cluster:
        return "<span class='foa-cluster'>runs in this kernel</span>"
    if client is None:
        return ("<span class='foa-cluster'>runs on a local Dask cluster (processes) started for each sweep and "
                "closed after it; pass client=distributed.Client(...) to keep one and see its dashboard</span>")
    link = getattr(client, "dashboard_link", None)
    where = html.escape(str(getattr(getattr(client, "scheduler", None), "address", "") or "the given Dask client"))
    if link and str(link).startswith(("http://", "https://")):
        return (f"<span class='foa-cluster'>runs on {where}: <a href='{html.escape(str(link), quote=True)}' "
                f"target='_blank' rel='noopener'>Dask dashboard</a></span>")
    return f"<span class='foa-cluster'>runs on {where} (no dashboard)</span>"


def default_provider() -> str:
    """Claude when the environment holds Anthropic credentials, else the offline extractor.

    The same test ``foa.extract_strategy(provider="auto")`` uses, so the dashboard and a cell agree.

        default_provider()   # "offline" without ANTHROPIC_API_KEY
    """
    from foa.extract.claude import claude_available  # light: the SDK itself loads only on a call

    return "claude" if claude_available() else "offline"
