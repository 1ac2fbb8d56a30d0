"""``foa.sweep``: one vectorised run over a parameter grid, with robustness figures.

    res = foa.sweep(get("sma_crossover"), foa.samples.market_data("^GSPC"),
                    grid={"fast.window": range(5, 55, 5), "slow.window": range(20, 210, 10)},
                    constraint=lambda p: p["fast.window"] < p["slow.window"])
    res.best("sharpe", n=5); res.heatmap("fast.window", "slow.window", "sharpe")
    res.share_beating_benchmark, res.deflated_sharpe, res.warning

Grid keys are ``<id>.<param>``: the id of an indicator (``"fast.window"``, ``"bb.std"``) or constant
(``"oversold.value"``), or a risk/costs/sizing field (``"risk.stop_loss"``). Each distinct indicator is
computed once for the whole grid; combinations run in chunks (columns of one vectorbt call) sized to a
memory bound. Every row equals the single ``backtest()`` of that combination.
"""

from __future__ import annotations

import html
import itertools
import json
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import numpy as np
import pandas as pd

from foa.engine import robust
from foa.engine.backtest import INIT_CASH, measure, prepare, run_combos
from foa.engine.metrics import STAT_KEYS
from foa.engine.pbo import DEFAULT_BLOCKS, BlockStats, PBOResult, block_stats, cscv
from foa.engine.plots import escape_title
from foa.errors import SpecError
from foa.spec.model import StrategySpec

__all__ = ["ChunkStats", "SweepResult", "apply_params", "run_chunk", "sweep"]

# Bytes a combination column costs in one vectorbt call, per bar and symbol (signals, prices, outputs).
_BYTES_PER_CELL = 160
MAX_MEMORY_MB = 512
# A grid is refused above this many combinations before any is built (9 million dicts exhaust memory
# before the chunked run could bound it); max_combinations= raises it.
MAX_COMBINATIONS = 250_000
# grid keys under these heads build a StrategySpec per combination (no per-id overrides)
TOP_LEVEL = ("risk", "costs", "sizing")


def _id_paths(node: Any, path: tuple = (), out: dict[str, list[tuple]] | None = None) -> dict[str, list[tuple]]:
    """id -> paths (keys/indices) of the indicator/constant nodes carrying it in a dumped spec."""
    out = {} if out is None else out
    if isinstance(node, dict):
        if node.get("id") and node.get("kind") in ("indicator", "const"):
            out.setdefault(node["id"], []).append(path)
        for k, v in node.items():
            _id_paths(v, path + (k,), out)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            _id_paths(v, path + (i,), out)
    return out


def _at(d: Any, path: tuple) -> Any:
    for k in path:
        d = d[k]
    return d


def apply_params(spec: StrategySpec, params: dict[str, Any], *, _dumped: str | None = None, _paths: dict | None = None) -> StrategySpec:
    """A copy of ``spec`` with ``{"fast.window": 20, "risk.stop_loss": 0.05}`` applied (SpecError if no such id)."""
    from foa.spec.validate import parse_spec

    d = json.loads(_dumped) if _dumped is not None else spec.model_dump(mode="json")
    paths = _paths if _paths is not None else _id_paths(d)
    for key, value in params.items():
        head, _, param = key.partition(".")
        if not param:
            raise SpecError(f"sweep key {key!r} must look like '<id>.<param>', e.g. 'fast.window'")
        if head in TOP_LEVEL:
            d[head][param] = value
            continue
        if head not in paths:
            raise SpecError(
                f"sweep key {key!r} names no id in the spec: ids are {sorted(paths) or 'none'} "
                f"(set id= on an indicator or constant), or use risk./costs./sizing. fields"
            )
        for path in paths[head]:
            node = _at(d, path)
            if node["kind"] == "const":
                if param != "value":
                    raise SpecError(f"{head!r} is a constant: sweep '{head}.value', not {key!r}")
                node["value"] = value
            else:
                node["params"][param] = value
    # parse_spec turns pydantic's ValidationError (a string window, say) into a SpecError naming the field
    return parse_spec(d)


@dataclass
class SweepResult:
    """Stats per combination (``table``) plus the figures that say whether the best one is luck."""

    spec: StrategySpec
    table: pd.DataFrame
    params: list[str]
    metric: str
    deflated_sharpe: float
    warning: str | None
    n_trials: int
    indicator_computations: int
    engine: str
    skipped: int = 0
    notes: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)  # symbols traded on stand-ins ("SPY traded as ^GSPC: ...")
    blocks: BlockStats | None = None  # daily-return sums per time block and combination, for pbo()
    _cache: dict[Any, Any] = field(default_factory=dict, repr=False)

    def pbo(self, n_splits: int = DEFAULT_BLOCKS, metric: str = "sharpe") -> PBOResult:
        """The probability of backtest overfitting by CSCV (foa.engine.pbo): how often the combination
        that is best in one half of the time blocks ranks in the bottom half in the other.

        ``n_splits`` must divide the sweep's ``pbo_blocks`` (16 by default); ``metric``: "sharpe".
        """
        if metric != "sharpe":
            raise SpecError(f"pbo is computed on the Sharpe ratio (metric='sharpe'), got {metric!r}")
        if self.blocks is None:
            raise SpecError("this sweep kept no block sums (fewer bars than pbo_blocks): sweep a longer range")
        key = ("pbo", n_splits)
        if key not in self._cache:
            self._cache[key] = cscv(self.blocks, n_splits)
        return self._cache[key]

    def pbo_or_none(self) -> PBOResult | None:
        """``pbo()`` with the default splits, or None when it cannot be computed (too few bars or combinations)."""
        try:
            return self.pbo(min(DEFAULT_BLOCKS, self.blocks.count.size) if self.blocks is not None else DEFAULT_BLOCKS)
        except SpecError:
            return None

    @property
    def share_beating_benchmark(self) -> float:
        """Share of combinations whose total return beats the benchmark (buy & hold by default)."""
        t = self.table
        return float((t["total_return"] > t["benchmark_return"]).mean()) if len(t) else math.nan

    def best(self, metric: str | None = None, n: int = 5) -> pd.DataFrame:
        """The n best combinations by ``metric`` (max_drawdown: the shallowest)."""
        m = metric or self.metric
        if m not in self.table.columns:
            raise SpecError(f"unknown metric {m!r}: use one of {[c for c in self.table.columns if c not in self.params]}")
        return self.table.sort_values(m, ascending=False, na_position="last").head(n)

    def best_params(self, metric: str | None = None) -> dict[str, Any]:
        """The best combination as plain values: ``sweep.best_params()`` -> ``{"fast.window": 20, "slow.window": 120}``."""
        row = self.best(metric, 1).iloc[0]
        return {p: (row[p].item() if hasattr(row[p], "item") else row[p]) for p in self.params}

    def best_spec(self, metric: str | None = None) -> StrategySpec:
        """The spec with the best combination's parameters applied."""
        return apply_params(self.spec, self.best_params(metric))

    def heatmap(self, x: str, y: str, metric: str | None = None) -> Any:
        """plotly heatmap of ``metric`` over two parameters (others: their best value per cell)."""
        import plotly.graph_objects as go

        m = metric or self.metric
        for axis in (x, y):
            if axis not in self.params:
                raise SpecError(f"heatmap axis {axis!r} is not a swept parameter: use two of {self.params}")
        if x == y:
            raise SpecError(f"heatmap needs two different parameters, got {x!r} twice: use two of {self.params}")
        if m not in self.table.columns:
            raise SpecError(f"unknown metric {m!r}: use one of {[c for c in self.table.columns if c not in self.params]}")
        pv = self.table.pivot_table(index=y, columns=x, values=m, aggfunc="max")
        fig = go.Figure(go.Heatmap(z=pv.to_numpy(), x=[escape_title(c) for c in pv.columns],
                                   y=[escape_title(i) for i in pv.index],
                                   colorscale="RdYlGn", colorbar={"title": escape_title(m)}, hoverongaps=False))
        fig.update_layout(title=f"{escape_title(self.spec.name)}: {escape_title(m)}", xaxis_title=escape_title(x),
                          yaxis_title=escape_title(y), template="plotly_white")
        return fig

    def _repr_html_(self) -> str:
        top = self.best(n=5)[self.params + ["total_return", "sharpe", "max_drawdown", "trades"]]
        warn = "".join(f"<p style='color:#9a6700'>&#9888; {html.escape(w)}</p>" for w in [self.warning, *self.notes] if w)
        assumed = "".join(f"<p style='color:#9a6700'>Assumed: {html.escape(a)}</p>" for a in self.assumptions)
        res = self.pbo_or_none()
        pbo = f"; probability of backtest overfitting {res.pbo:.0%}<br><small>{html.escape(res.reading)}</small>" if res else ""
        return (f"<div><b>{html.escape(self.spec.name)}</b>: {len(self.table)} combinations, "
                f"{self.share_beating_benchmark:.0%} beat the benchmark on total return; probability the best Sharpe "
                f"beats chance: {self.deflated_sharpe:.0%} (deflated Sharpe ratio){pbo}{warn}{assumed}"
                f"{top.to_html(float_format=lambda v: f'{v:.4g}')}</div>")


def _combos(grid: dict[str, Iterable[Any]], constraint: Callable[[dict], bool] | None,
            max_combinations: int = MAX_COMBINATIONS) -> list[dict[str, Any]]:
    keys = list(grid)
    values = []
    for k in keys:
        raw = grid[k]
        if isinstance(raw, (str, bytes)) or not isinstance(raw, Iterable):
            raise SpecError(f"sweep grid {k!r} must be a list or range of values, got {raw!r}: "
                            f"write {{{k!r}: [{raw!r}]}} for one value or e.g. range(5, 55, 5)")
        v = list(raw)
        if not v:
            raise SpecError(f"sweep grid {k!r} has no values")
        values.append([x.item() if hasattr(x, "item") else x for x in v])
    total = math.prod(len(v) for v in values)
    if total > max_combinations:
        sizes = " x ".join(f"{len(v):,} {k}" for k, v in zip(keys, values))
        raise SpecError(f"the sweep grid has {total:,} combinations ({sizes}), more than the {max_combinations:,} "
                        "foa.sweep runs at once: use coarser steps (e.g. range(5, 55, 5)) or fewer keys, or pass "
                        "max_combinations= if you mean it")
    out = [dict(zip(keys, c)) for c in itertools.product(*values)]
    if constraint is not None:
        out = [c for c in out if constraint(c)]
    if not out:
        raise SpecError("the sweep grid (after the constraint) has no combinations")
    return out


def _deflated(best_returns: pd.Series, sharpes: np.ndarray, n_trials: int) -> tuple[float, str | None]:
    try:
        sr, skew, kurt, n_obs = robust.return_moments(best_returns.to_numpy())
        finite = sharpes[np.isfinite(sharpes)]
        if n_trials < 2 or finite.size < 2:
            return math.nan, "a single combination: no search to deflate"
        dsr = robust.deflated_sharpe_ratio(sr * math.sqrt(252), finite, n_trials, n_obs, skew, kurt, periods_per_year=252)
        return float(dsr), robust.dsr_warning(dsr, n_trials)
    except Exception as err:  # a degenerate best (no trades, zero volatility): say so rather than fail the sweep
        return math.nan, f"deflated Sharpe not computed: {err}"


def sweep(
    spec: "StrategySpec | str | bytes | dict[str, Any]",
    prices: Any,
    grid: dict[str, Iterable[Any]],
    *,
    constraint: Callable[[dict[str, Any]], bool] | None = None,
    metric: str = "sharpe",
    init_cash: float = INIT_CASH,
    fill: str = "next_open",
    start: Any = None,
    end: Any = None,
    cash_rate: float = 0.0,
    benchmark: Any = None,
    max_memory_mb: float = MAX_MEMORY_MB,
    max_combinations: int = MAX_COMBINATIONS,
    pbo_blocks: int = DEFAULT_BLOCKS,
    client: Any = None,
    progress: bool = True,
    fetch: bool = False,
    proxies: bool | dict[str, str] | None = False,
) -> SweepResult:
    """Backtest every combination of ``grid`` in one vectorised run per memory-bounded chunk.

    ``fetch``/``proxies`` resolve symbols missing from ``prices`` as in ``foa.backtest``; substitutions are
    listed in ``result.assumptions``.
    ``client``: a ``distributed.Client`` (or ``True`` for a LocalCluster started and closed here) runs the
    chunks on a Dask cluster's workers (foa.engine.cluster); the result equals the local run.

    >>> res = sweep(get("sma_crossover"), df, {"fast.window": [10, 20], "slow.window": [50, 100]})  # doctest: +SKIP
    """
    if not grid:
        raise SpecError("give a grid such as {'fast.window': range(5, 55, 5)}")
    if metric not in STAT_KEYS and metric not in grid:  # before the runs, not after minutes of them
        raise SpecError(f"unknown metric {metric!r}: use one of {list(STAT_KEYS)}")
    p = prepare(spec, prices, init_cash=init_cash, fill=fill, start=start, end=end, cash_rate=cash_rate,
                benchmark=benchmark, fetch=fetch, proxies=proxies, progress=progress)
    combos = _combos(grid, constraint, max_combinations)
    specs, kept, overrides, skipped = [], [], None, 0
    first_err: SpecError | None = None  # why combinations were skipped, for the all-invalid message
    dumped = p.spec.model_dump_json()  # parsed once per combination: faster than a deep copy
    paths = _id_paths(json.loads(dumped))
    for key in grid:  # unknown keys fail before any work
        head, _, param = key.partition(".")
        if not param or (head not in TOP_LEVEL and head not in paths):
            apply_params(p.spec, {key: next(iter(_combos({key: grid[key]}, None)))[key]}, _dumped=dumped, _paths=paths)
    if all(k.partition(".")[0] not in TOP_LEVEL for k in grid):
        # Only indicator/constant parameters vary: validate each distinct value per id once, then compile the
        # one spec with per-combination overrides (no StrategySpec per combination).
        bad: set[tuple] = set()
        checked: set[tuple] = set()
        by_id: dict[str, list[str]] = {}
        for k in grid:
            by_id.setdefault(k.partition(".")[0], []).append(k)
        overrides = []
        for c in combos:
            ov: dict[str, dict[str, Any]] = {}
            ok = True
            for ident, keys in by_id.items():
                sig = (ident,) + tuple(c[k] for k in keys)
                if sig not in checked:
                    checked.add(sig)
                    try:
                        apply_params(p.spec, {k: c[k] for k in keys}, _dumped=dumped, _paths=paths)
                    except SpecError as err:
                        bad.add(sig)
                        first_err = first_err or err
                if sig in bad:
                    ok = False
                    break
                ov[ident] = {k.partition(".")[2]: c[k] for k in keys}
            if ok:
                kept.append(c)
                overrides.append(ov)
            else:
                skipped += 1
        specs = [p.spec] * len(kept)
    else:
        for c in combos:
            try:
                specs.append(apply_params(p.spec, c, _dumped=dumped, _paths=paths))
                kept.append(c)
            except SpecError as err:
                skipped += 1  # an impossible combination (e.g. macd fast >= slow)
                first_err = first_err or err
    if not specs:
        raise SpecError(f"none of the {len(combos):,} sweep combinations is a valid spec; the first fails with: "
                        f"{first_err}. Fix the grid values (windows are whole numbers >= 1, params the indicator "
                        "takes)") from first_err
    ev = p.evaluator()
    bars = p.i1 - p.i0
    chunk = int(max(1, min(len(specs), max_memory_mb * 2**20 // (bars * len(p.traded) * _BYTES_PER_CELL))))
    if not 2 <= pbo_blocks:
        raise SpecError(f"pbo_blocks must be at least 2, got {pbo_blocks}")
    from tqdm.auto import tqdm

    starts = range(0, len(specs), chunk)
    parts = [(specs[s0:s0 + chunk], None if overrides is None else overrides[s0:s0 + chunk]) for s0 in starts]
    bar = tqdm(total=len(specs), desc=f"sweep {p.spec.name}", unit="combo",
               disable=not progress or (len(specs) <= chunk and client is None))
    try:
        if client is None or client is False:
            done = []
            for sp, ov in parts:  # one evaluator for every chunk: each distinct indicator once per sweep
                done.append(run_chunk(p, sp, ov, metric=metric, pbo_blocks=pbo_blocks, evaluator=ev))
                bar.update(len(sp))
            computations = ev.computations
        else:
            from foa.engine.cluster import run_chunks

            done = run_chunks(client, p, parts, metric=metric, pbo_blocks=pbo_blocks, progress=bar)
            computations = sum(c.computations for c in done)
    finally:
        bar.close()
    rows = [c.table for c in done]
    engine = done[-1].engine
    best_val, best_ret = -np.inf, None  # the best combination's daily returns, for the deflated Sharpe
    kept_blocks: BlockStats | None = None
    for c in done:
        if best_ret is None or (np.isfinite(c.best_value) and c.best_value > best_val):
            best_val, best_ret = c.best_value, pd.Series(c.best_returns)
        if c.blocks is not None:
            kept_blocks = c.blocks if kept_blocks is None else kept_blocks.extend(c.blocks)
    stats = pd.concat(rows, ignore_index=True)
    params = list(grid)
    table = pd.concat([pd.DataFrame(kept, columns=params), stats], axis=1)
    if metric not in table.columns:
        raise SpecError(f"unknown metric {metric!r}: use one of {list(stats.columns)}")
    dsr, warning = _deflated(best_ret, table["sharpe"].to_numpy(dtype=float), len(table))
    notes = []
    idle = int((table["trades"] == 0).sum())
    if idle:  # foa.backtest warns for each such spec; a sweep says how many of its combinations are idle
        notes.append(f"{idle} of {len(table)} combinations made no trade (entry never fired): their trade "
                     "statistics are n/a")
    return SweepResult(p.spec, table, params, metric, dsr, warning, len(table), computations, engine, skipped,
                       notes=notes, blocks=kept_blocks, assumptions=p.assumptions)


@dataclass
class ChunkStats:
    """What one chunk of a sweep sends back (from this process or a cluster's worker): its stats table,
    its best combination by the metric (value and daily returns), its per-block return sums for the PBO,
    the engine that ran it and how many indicators it computed."""

    table: pd.DataFrame
    best_value: float
    best_returns: np.ndarray
    blocks: BlockStats | None
    engine: str
    computations: int


def run_chunk(p: Any, specs: list[StrategySpec], overrides: list[dict] | None, *, metric: str,
              pbo_blocks: int = DEFAULT_BLOCKS, evaluator: Any = None) -> ChunkStats:
    """Run one chunk of a sweep: the combinations ``specs`` (with per-id ``overrides``) in one vectorised run.

    Local sweeps pass one shared ``evaluator`` (indicators cached across chunks); a worker makes its own.
    """
    ev = evaluator if evaluator is not None else p.evaluator()
    before = ev.computations
    out = run_combos(p, specs, ev, overrides)
    table, equity, _, _ = measure(p, out)
    blocks = None
    rets = equity / np.vstack([np.full((1, equity.shape[1]), p.init_cash), equity[:-1]]) - 1.0
    if equity.shape[0] >= pbo_blocks:
        blocks = block_stats(rets, pbo_blocks)
    vals = table[metric].to_numpy(dtype=float) if metric in table else np.zeros(len(table))
    j = int(np.nan_to_num(vals, nan=-np.inf).argmax())
    return ChunkStats(table, float(vals[j]), rets[:, j].copy(), blocks, out.engine, ev.computations - before)
