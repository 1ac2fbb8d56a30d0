"""Walk-forward optimisation: choose parameters on a training window, trade them on the next test window,
roll forward, and judge the strategy on the out-of-sample (OOS) stretches alone.

    wf = foa.walk_forward(spec, ws, {"fast.window": range(10, 60, 10), "slow.window": [100, 150, 200]},
                          train="5Y", test="1Y")
    wf.windows          # train/test dates, the chosen parameters, is_sharpe, oos_sharpe per window
    wf.oos_result       # one continuous OOS backtest whose parameters switch at each test_start
    wf.efficiency       # mean OOS metric / mean IS metric
    wf.plot()

Semantics:

- ``train``/``test``/``step``: ``"<n>Y"``, ``"<n>M"``, ``"<n>W"``, ``"<n>D"`` (calendar offsets) or an int
  (bars). ``step=None`` steps by ``test``. ``anchored=True`` keeps every training window starting at the
  first bar (expanding); otherwise it rolls.
- Each window's choice is ``foa.sweep`` over ``grid`` on the training bars only (prices after ``train_end``
  are never read; indicators warm up on the bars before ``train_start``), best by ``metric``.
- The OOS run is one simulation from the first ``test_start`` to the last ``test_end``. Every window's rules
  are compiled on the full data, so indicators never restart their warm-up; a rule's signal on bar t belongs
  to the window whose test range holds t (the training window's choice never trades: a signal on the last
  training bar is not acted on). An open position is carried across a boundary and handled by the new
  window's rules.
- Grids over ``risk.*``, ``costs.*`` or ``sizing.*`` and ranking specs are not walked forward (a SpecError
  says so): their switch would change an open position's terms mid-trade.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from typing import Any, Iterable

import numpy as np
import pandas as pd

from foa.engine.backtest import INIT_CASH, Prepared, as_spec, prepare, result_of
from foa.engine.compile import Signals, compile_signals
from foa.engine.metrics import stats_table
from foa.engine.result import BacktestResult
from foa.engine.sweep import TOP_LEVEL, apply_params, sweep
from foa.errors import SpecError
from foa.spec.model import StrategySpec

__all__ = ["METRICS", "WalkForwardResult", "parse_span", "walk_forward", "window_bounds"]

# metrics an OOS stretch is judged on: each is defined by the equity curve alone
METRICS = ("sharpe", "sortino", "total_return", "cagr", "volatility", "max_drawdown", "calmar")
_UNITS = {"Y": "years", "M": "months", "W": "weeks", "D": "days"}


def parse_span(span: str | int, name: str = "span") -> pd.DateOffset | int:
    """``"5Y"`` -> DateOffset(years=5) (also M, W, D); an int is a number of bars.

    >>> parse_span("18M")
    <DateOffset: months=18>
    """
    if isinstance(span, (int, np.integer)) and not isinstance(span, bool):
        if span < 1:
            raise SpecError(f"{name} must be at least 1 bar, got {span}")
        return int(span)
    m = re.fullmatch(r"\s*(\d+)\s*([YMWD])\s*", str(span).upper()) if isinstance(span, str) else None
    if not m or int(m.group(1)) < 1:
        raise SpecError(f"{name} must be like '5Y', '18M', '26W', '90D' or a number of bars, got {span!r}")
    return pd.DateOffset(**{_UNITS[m.group(2)]: int(m.group(1))})


def window_bounds(index: pd.DatetimeIndex, train: Any, test: Any, step: Any = None, *,
                  anchored: bool = False) -> list[tuple[int, int, int, int]]:
    """Positions (train_start, train_end, test_start, test_end), ends inclusive, of every window on ``index``.

    Rolling: each training window starts ``step`` after the previous one and spans ``train``; anchored:
    every training window starts at the first bar. The test window follows its training window and spans
    ``test`` (the last one ends with the data). Windows follow one another by ``step`` (default: ``test``).
    """
    tr, te = parse_span(train, "train"), parse_span(test, "test")
    st = te if step is None else parse_span(step, "step")
    n = len(index)

    def advance(pos: int, span: Any) -> int:  # the first position at or after index[pos] + span
        return pos + span if isinstance(span, int) else int(index.searchsorted(index[pos] + span))

    out: list[tuple[int, int, int, int]] = []
    start, test_start = 0, advance(0, tr)
    while 0 < test_start < n:
        test_end = min(advance(test_start, te), n) - 1
        out.append((0 if anchored else start, test_start - 1, test_start, test_end))
        nxt = advance(test_start, st)
        if nxt <= test_start:
            break
        start = min(advance(start, st), n - 1) if not anchored else 0
        test_start = nxt
    if not out:
        raise SpecError(f"no walk-forward window fits {n} bars ({index[0]:%Y-%m-%d}..{index[-1]:%Y-%m-%d}) with "
                        f"train={train!r}, test={test!r}: shorten them or give more data")
    return out


@dataclass
class WalkForwardResult:
    """What ``foa.walk_forward`` returns (see the module docstring)."""

    spec: StrategySpec
    windows: pd.DataFrame
    oos_result: BacktestResult
    metric: str
    params: list[str]
    anchored: bool

    @property
    def efficiency(self) -> float:
        """Mean out-of-sample metric over mean in-sample metric (1: the choice held up; near 0 or below: it did not)."""
        is_, oos = self.windows[f"is_{self.metric}"].mean(), self.windows[f"oos_{self.metric}"].mean()
        return float(oos / is_) if is_ and math.isfinite(is_) else math.nan

    def plot(self) -> Any:
        """plotly Figure: the stitched OOS equity with each test window shaded, and IS vs OOS metric per window."""
        import plotly.graph_objects as go
        from plotly.subplots import make_subplots

        from foa.engine.plots import escape_title

        w = self.windows
        fig = make_subplots(rows=2, cols=1, row_heights=[0.62, 0.38], vertical_spacing=0.12,
                            subplot_titles=("Out-of-sample equity (parameters switch at each test start)",
                                            f"{self.metric}: in-sample vs out-of-sample"))
        eq = self.oos_result.equity
        fig.add_trace(go.Scatter(x=eq.index, y=eq.to_numpy(), name="OOS equity"), row=1, col=1)
        for i, row in w.iterrows():
            fig.add_vrect(x0=row["test_start"], x1=row["test_end"], fillcolor="#1f77b4" if i % 2 else "#ff7f0e",
                          opacity=0.06, line_width=0, row=1, col=1)
        labels = [f"{r.test_start:%Y-%m}" for r in w.itertuples()]
        fig.add_trace(go.Bar(x=labels, y=w[f"is_{self.metric}"], name="in-sample"), row=2, col=1)
        fig.add_trace(go.Bar(x=labels, y=w[f"oos_{self.metric}"], name="out-of-sample"), row=2, col=1)
        fig.update_layout(title=f"{escape_title(self.spec.name)}: walk-forward, efficiency {self.efficiency:.2f}",
                          template="plotly_white", height=640, barmode="group")
        return fig

    def __repr__(self) -> str:
        return (f"<WalkForwardResult {self.spec.name!r} {len(self.windows)} windows "
                f"({'anchored' if self.anchored else 'rolling'}), OOS {self.metric}="
                f"{self.oos_result.stats[self.metric]:.2f}, efficiency={self.efficiency:.2f}>")

    def _repr_html_(self) -> str:
        w = self.windows.copy()
        for c in ("train_start", "train_end", "test_start", "test_end"):
            w[c] = w[c].dt.strftime("%Y-%m-%d")
        return (f"<div><b>{html.escape(self.spec.name)}</b>: walk-forward over {len(w)} windows; out-of-sample "
                f"{html.escape(self.metric)} {self.oos_result.stats[self.metric]:.2f}, efficiency "
                f"{self.efficiency:.2f} (mean OOS / mean IS {html.escape(self.metric)})"
                f"{w.to_html(index=False, float_format=lambda v: f'{v:.4g}')}</div>")


def _stitch(parts: list[Signals], masks: list[np.ndarray]) -> Signals:
    """One Signals whose rows come from ``parts[k]`` where ``masks[k]`` holds (no part: no signal)."""
    first = parts[0]

    def pick(name: str, fill: Any) -> np.ndarray | None:
        arrays = [getattr(s, name) for s in parts]
        if all(a is None for a in arrays):
            return None
        shape = next(a for a in arrays if a is not None).shape
        out = np.full(shape, fill, dtype=next(a for a in arrays if a is not None).dtype)
        for a, m in zip(arrays, masks):
            if a is not None:
                out[m] = a[m]
        return out

    return Signals(pick("entries", False), pick("exits", False), pick("short_entries", False),
                   pick("short_exits", False), first.signal_bar, pick("atr", np.nan), pick("sizing", np.nan))


def _window_metric(result: BacktestResult, lo: int, hi: int, metric: str) -> float:
    """``metric`` of the OOS equity over positions lo..hi (inclusive), from the value before lo."""
    eq = result.equity.to_numpy()
    base = eq[lo - 1] if lo > 0 else result.init_cash
    seg = eq[lo:hi + 1][:, None]
    bench = result.benchmark_equity.to_numpy()[lo:hi + 1]
    empty = np.array([], dtype="int64"), np.array([]), np.array([])
    table = stats_table(result.equity.index[lo:hi + 1], seg, float(base), np.zeros_like(seg, dtype=bool),
                        *empty, bench, result.cash_rate)
    return float(table[metric].iloc[0])


def walk_forward(
    spec: "StrategySpec | str | bytes | dict[str, Any]",
    prices: Any,
    grid: dict[str, Iterable[Any]],
    *,
    train: str | int,
    test: str | int,
    step: str | int | None = None,
    anchored: bool = False,
    metric: str = "sharpe",
    start: Any = None,
    end: Any = None,
    init_cash: float = INIT_CASH,
    fill: str = "next_open",
    constraint: Any = None,
    progress: bool = True,
    fetch: bool = False,
    proxies: bool | dict[str, str] | None = False,
    client: Any = None,
    symbols: "str | Iterable[str] | None" = None,
) -> WalkForwardResult:
    """Walk-forward optimisation of ``spec`` over ``grid`` (see the module docstring for the semantics).

    ``fetch``/``proxies`` resolve symbols missing from ``prices`` as in ``foa.backtest`` (a substitution is
    listed in ``wf.oos_result.assumptions``); ``symbols`` trades the spec on these symbols, as in ``foa.backtest``.
    ``client`` (a ``distributed.Client``, or True for a local cluster) runs
    each window's sweep on a Dask cluster as ``foa.sweep(..., client=)`` does; the choices and the out-of-sample
    result equal the local run's.

    >>> wf = foa.walk_forward(spec, ws, {"fast.window": [10, 20], "slow.window": [100, 200]}, train="5Y", test="1Y")  # doctest: +SKIP
    """
    if symbols is not None:
        spec = as_spec(spec).with_symbols(symbols)
    if metric not in METRICS:
        raise SpecError(f"walk-forward judges windows on one of {', '.join(METRICS)}, got {metric!r}")
    top = sorted({k for k in grid if k.partition(".")[0] in TOP_LEVEL})
    if top:
        raise SpecError(f"walk-forward switches rule parameters only; {', '.join(top)} would change an open "
                        "position's terms mid-trade: sweep them with foa.sweep instead")
    full = prepare(spec, prices, init_cash=init_cash, fill=fill, start=start, end=end, fetch=fetch, proxies=proxies)
    if full.spec.ranking is not None or full.spec.rebalance is not None:
        raise SpecError("walk-forward runs signal specs (entry/exit rules); rankings and rebalance schedules "
                        "are not walked forward yet: use foa.sweep on them")
    index = full.data.index[full.i0:full.i1]
    bounds = window_bounds(index, train, test, step, anchored=anchored)
    from tqdm.auto import tqdm

    rows, chosen = [], []
    for tr0, tr1, te0, te1 in tqdm(bounds, desc=f"walk-forward {full.spec.name}", unit="window",
                                   disable=not progress):
        sw = sweep(full.spec, prices, grid, constraint=constraint, metric=metric, init_cash=init_cash, fill=fill,
                   start=index[tr0], end=index[tr1], progress=False, proxies=proxies, client=client)
        best = sw.best_params(metric)
        is_value = float(sw.best(metric, 1).iloc[0][metric])
        chosen.append(apply_params(full.spec, best))
        rows.append({"train_start": index[tr0], "train_end": index[tr1], "test_start": index[te0],
                     "test_end": index[te1], **best, f"is_{metric}": is_value})
    # one OOS simulation: every window's rules compiled on all the data, each acting on its own test rows
    oos = prepare(full.spec, prices, init_cash=init_cash, fill=fill, start=index[bounds[0][2]], end=end,
                  proxies=proxies)
    ev = oos.evaluator()
    daily = oos.data.index
    parts, masks = [], []
    for s, (_, _, te0, te1) in zip(chosen, bounds):
        parts.append(compile_signals(s, oos.data, oos.traded, evaluator=ev)[0])
        masks.append((daily >= index[te0]) & (daily <= index[te1]))
    stitched = _stitch(parts, masks)
    from foa.engine.simulate import simulate_signals

    out = simulate_signals([full.spec], [stitched], oos.data, oos.traded, oos.i0, oos.i1, init_cash=init_cash,
                           fill=fill)
    result = result_of(Prepared(full.spec.model_copy(update={"name": f"{full.spec.name} (walk-forward OOS)"}),
                                oos.data, oos.traded, oos.i0, oos.i1, fill, float(init_cash), 0.0, None), out,
                       check=False)
    first = bounds[0][2]
    for row, (_, _, te0, te1) in zip(rows, bounds):
        row[f"oos_{metric}"] = _window_metric(result, te0 - first, te1 - first, metric)
    windows = pd.DataFrame(rows, columns=["train_start", "train_end", "test_start", "test_end", *grid,
                                          f"is_{metric}", f"oos_{metric}"])
    return WalkForwardResult(full.spec, windows, result, metric, list(grid), anchored)
