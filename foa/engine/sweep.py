"""``foa.sweep``: one vectorised run over a parameter grid, with robustness figures.

    res = foa.sweep(get("sma_crossover"), foa.samples.market_data("^GSPC"),
                    grid={"fast.window": range(5, 55, 5), "slow.window": range(20, 210, 10)},
                    constraint=lambda p: p["fast.window"] < p["slow.window"])
    res.best("sharpe", n=5); res.heatmap("fast.window", "slow.window", "sharpe")
    res.share_beating_benchmark, res.deflated_sharpe, res.warning

Grid keys are ``<id>.<param>``: the id of an indicator (``"fast.window"``, ``"bb.std"``) or constant
(``"oversold.value"``), or a risk/costs/sizing field (``"risk.stop_loss"``). Each distinct indicator is
computed once for the whole grid; combinations run in chunks (columns of one vectorbt call) sized to
``max_memory`` (``plan_chunks``). When one combination over the whole universe does not fit, a signal spec
runs its symbols in blocks (each with its own indicators) whose order records are added, in symbol order,
into the same outputs; rankings chunk by combination only. Every row equals the single ``backtest()`` of that
combination, whatever the budget.
"""

from __future__ import annotations

import html
import itertools
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import numpy as np
import pandas as pd

from foa.engine import robust
from foa.engine.backtest import INIT_CASH, as_spec, measure, prepare, run_combos
from foa.engine.metrics import STAT_KEYS
from foa.engine.pbo import DEFAULT_BLOCKS, BlockStats, PBOResult, block_edges, cscv
from foa.engine.plots import escape_title
from foa.errors import SpecError
from foa.spec.model import StrategySpec

__all__ = ["ChunkPlan", "ChunkStats", "SweepResult", "apply_params", "memory_bytes", "plan_chunks", "run_chunk", "sweep"]

# The memory model of a sweep, in bytes per bar (foa.sweep(max_memory=...) bounds their sum), calibrated
# on the peak RSS of signal sweeps (benchmarks/bench_scale.py; tests/engine/test_sweep_memory.py checks it):
_TILED_PER_CELL = 44  # per symbol and combination of a chunk over several symbols: open/high/low/close tiled
#                       per column (32), the signals, the order records and the outputs' share (measured 39)
_ONE_PER_CELL = 8  # the same over one symbol: vectorbt broadcasts its one price column, nothing is tiled
_PACKED_PER_CELL = 12  # per symbol and combination of a chunk over several symbols without stops: nothing is
#                        tiled (each column's signal bars are packed, prices gathered from the untiled
#                        matrices): the signals, their one-byte order codes, the outputs' share (measured ~12)
_WEIGHTS_PER_CELL = 160  # per symbol and combination of a ranking/rebalance chunk (target weights, tiled
#                          prices, orders): not calibrated, kept on the safe side
_CLOSE_STOPS = 2  # with stops and fill="close" vectorbt runs twice the rows
_FIXED_PER_CELL = 80  # per traded symbol for the whole sweep: the normalised price data and price matrices
_CACHE_PER_CELL = 16  # per symbol and distinct indicator: the cached values and their lagged copy (measured 10-12)
_KEPT_PER_CELL = 8  # per symbol and combination kept while a chunk runs symbol block by block with a borrow
#                    rate: its order records (without one, only each trade's statistics fields: _TRADES_PER_CELL)
_TRADES_PER_CELL = 1  # the trades' col, pnl and return (24 bytes a trade: one every 24 bars; the 174-pair SMA
#                       grid trades every ~140 bars on average)
_SUMS_PER_COMBO = 40  # per combination while a chunk runs symbol block by block: its flow, position and held
#                       sums (simulate.BlockSums), then its value and cash
_PER_COMBO = 16  # per combination: value, cash, returns and block sums (measured 12 with the cell over one symbol)
_PER_COMBINATION = 4096  # per combination of the grid, whatever the bars: its parameters, overrides and row
MAX_MEMORY = 512 * 2**20
MAX_MEMORY_MB = MAX_MEMORY // 2**20
_UNITS = {"": 1, "b": 1, "k": 2**10, "kb": 2**10, "kib": 2**10, "m": 2**20, "mb": 2**20, "mib": 2**20,
          "g": 2**30, "gb": 2**30, "gib": 2**30, "t": 2**40, "tb": 2**40, "tib": 2**40}
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
            field = next((f"{top}.{key}" for top in TOP_LEVEL if key in d.get(top, {})), None)
            raise SpecError(f"sweep key {key!r} must look like '<id>.<param>', e.g. 'fast.window'"
                            + (f"; did you mean {field!r}?" if field else ""))
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


def _check_id_values(tree: dict[str, Any], paths: dict[str, list[tuple]], ident: str, params: dict[str, Any]) -> None:
    """SpecError unless ``params`` ({"window": 20}) are valid on every node carrying id ``ident``.

    The same checks ``apply_params`` makes through a whole StrategySpec, on the swept nodes alone: their
    pydantic model and ``validate_indicator`` (the rest of the spec does not depend on these values and
    was validated once), so a sweep checks each distinct value once at a fraction of a spec's cost.
    """
    from foa.spec.model import ConstExpr, IndicatorExpr
    from foa.spec.validate import iter_indicators, validate_indicator

    for path in paths[ident]:
        node = dict(_at(tree, path))
        if node["kind"] == "const":
            bad = [k for k in params if k != "value"]
            if bad:
                raise SpecError(f"{ident!r} is a constant: sweep '{ident}.value', not '{ident}.{bad[0]}'")
            node["value"] = params["value"]
            ConstExpr.model_validate(node)
            continue
        node["params"] = {**node["params"], **params}
        for ind in iter_indicators(IndicatorExpr.model_validate(node)):
            validate_indicator(ind)


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

    def __repr__(self) -> str:
        best = self.best_params() if len(self.table) else {}
        return (f"<SweepResult {self.spec.name!r} {len(self.table)} combinations, best by {self.metric}: {best}, "
                f"deflated Sharpe {self.deflated_sharpe:.2f}>")

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
    max_memory: "int | float | str | None" = None,
    max_memory_mb: float | None = None,
    max_combinations: int = MAX_COMBINATIONS,
    pbo_blocks: int = DEFAULT_BLOCKS,
    client: Any = None,
    progress: bool = True,
    fetch: bool = False,
    proxies: bool | dict[str, str] | None = False,
    symbols: "str | Iterable[str] | None" = None,
) -> SweepResult:
    """Backtest every combination of ``grid`` in one vectorised run per memory-bounded chunk.

    ``max_memory``: what the sweep may hold, in bytes or as ``"2GB"``/``"512MB"`` (512 MB by default;
    ``max_memory_mb=`` is the same in megabytes). Combinations run in chunks sized to it and, when even one
    combination over the whole universe does not fit, a signal spec's symbols run in blocks (``plan_chunks``);
    a ranking or rebalance spec chunks by combination only. The numbers do not depend on the budget.

    ``fetch``/``proxies`` resolve symbols missing from ``prices`` as in ``foa.backtest``; substitutions are
    listed in ``result.assumptions``. ``symbols`` trades the spec on these symbols, as in ``foa.backtest``
    (``spec.with_symbols``).

    ``prices``: frames, a Workspace, or the folder or URL of a Parquet dataset (``ws.prices.export_parquet``).

    ``client``: a ``distributed.Client`` (or ``True`` for a LocalCluster started and closed here) runs the
    chunks on a Dask cluster's workers (foa.engine.cluster); the result equals the local run. The budget
    then holds per chunk on each worker (a worker also holds its copy of the prices). Given a Parquet
    dataset, each worker reads its prices from it instead of receiving them from this process.

    >>> res = sweep(get("sma_crossover"), df, {"fast.window": [10, 20], "slow.window": [50, 100]})  # doctest: +SKIP
    """
    if not grid:
        raise SpecError("give a grid such as {'fast.window': range(5, 55, 5)}")
    if symbols is not None:
        spec = as_spec(spec).with_symbols(symbols)
    if max_memory is not None and max_memory_mb is not None:
        raise SpecError("give max_memory (e.g. '2GB') or max_memory_mb, not both")
    budget = memory_bytes(MAX_MEMORY if max_memory is None and max_memory_mb is None
                          else max_memory if max_memory is not None else max_memory_mb * 2**20)
    if metric not in STAT_KEYS and metric not in grid:  # before the runs, not after minutes of them
        raise SpecError(f"unknown metric {metric!r}: use one of {list(STAT_KEYS)}")
    options = dict(init_cash=init_cash, fill=fill, start=start, end=end, cash_rate=cash_rate, benchmark=benchmark,
                   proxies=proxies)
    if isinstance(prices, (str, os.PathLike)) and client is not None and client is not False:
        from foa.data.parquet import is_remote

        # the workers read the same dataset: a local folder by its absolute path (theirs share this machine's
        # files, or the same mount), a URL as given
        prices = str(prices) if is_remote(prices) else str(Path(prices).expanduser().resolve())
        from foa.engine.cluster import cancel, prefetch

        early = prefetch(client, prices, spec, options)  # the workers read while this process does
        try:
            p = prepare(spec, prices, fetch=fetch, progress=progress, **options)
        except BaseException:
            cancel(early)
            raise
    else:
        early = None
        p = prepare(spec, prices, fetch=fetch, progress=progress, **options)
    combos = _combos(grid, constraint, max_combinations)
    specs, kept, overrides, skipped = [], [], None, 0
    first_err: SpecError | None = None  # why combinations were skipped, for the all-invalid message
    dumped = p.spec.model_dump_json()  # parsed once per combination: faster than a deep copy
    tree = json.loads(dumped)
    paths = _id_paths(tree)
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
                        _check_id_values(tree, paths, ident, {k.partition(".")[2]: c[k] for k in keys})
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
                        f"{str(first_err).rstrip('.')}. Fix the grid values") from first_err
    ev = p.evaluator()
    plan = plan_chunks(budget, bars=len(p.data.index), symbols=len(p.traded), combos=len(specs),
                       indicators=_count_indicators(json.loads(dumped), kept, grid),
                       cross_sectional=p.spec.ranking is not None or p.spec.rebalance is not None,
                       stops=_has_stops(p.spec, grid), fill=p.fill,
                       borrow=p.spec.costs.borrow_rate > 0 or "costs.borrow_rate" in grid)
    chunk = plan.combos
    blocks = plan.symbols if plan.symbols < len(p.traded) else None
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
                done.append(run_chunk(p, sp, ov, metric=metric, pbo_blocks=pbo_blocks, evaluator=ev, symbols=blocks))
                bar.update(len(sp))
            computations = ev.computations
        else:
            from foa.engine.cluster import run_chunks

            from foa.engine.cluster import ParquetSource

            source = early or (ParquetSource(prices, p.spec, options) if isinstance(prices, str) else None)
            done = run_chunks(client, p, parts, metric=metric, pbo_blocks=pbo_blocks, progress=bar, symbols=blocks,
                              source=source, keys=[tuple(c.values()) for c in kept])
            computations = sum(c.computations for c in done)
    finally:
        bar.close()
    rows = [c.table for c in done]
    engine = done[-1].engine
    best_val, best_ret = -np.inf, None  # the best combination's daily returns, for the deflated Sharpe
    kept_blocks: BlockStats | None = None
    for c in done:
        # the first best over all chunks, as one chunk's argmax picks it (a chunk of NaNs only is no best)
        if best_ret is None or (np.isfinite(c.best_value) and (c.best_value > best_val or not np.isfinite(best_val))):
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
    if not plan.fits:
        notes.append(f"max_memory {budget / 2**20:,.3g} MB is below what this sweep needs at the least "
                     f"(~{plan.estimate / 2**20:,.0f} MB for {plan.combos} combination(s) over {plan.symbols} "
                     "symbol(s) a chunk): it ran in the smallest chunks; raise max_memory or shorten the range")
    if skipped:  # the grid asked for them: say which rule refused them rather than drop them silently
        notes.append(f"{skipped} of {skipped + len(table)} combinations were left out as invalid specs (the first "
                     f"fails with: {str(first_err).rstrip('.')})")
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
              pbo_blocks: int = DEFAULT_BLOCKS, evaluator: Any = None, symbols: int | None = None) -> ChunkStats:
    """Run one chunk of a sweep: the combinations ``specs`` (with per-id ``overrides``) in one vectorised run.

    Local sweeps pass one shared ``evaluator`` (indicators cached across chunks); on a worker the chunks
    of one sweep share ``p.shared_evaluator()``, the worker's copy of the prices holding it.
    ``symbols``: run a signal spec that many traded symbols at a time (``plan_chunks``), each block with its
    own indicators, when the whole universe does not fit the sweep's memory; the numbers are the same.
    """
    ev = evaluator if evaluator is not None else p.shared_evaluator()
    before = ev.computations
    if symbols is not None and symbols < len(p.traded) and p.spec.ranking is None and p.spec.rebalance is None:
        out = _run_blocked(p, specs, overrides, ev, symbols)
    else:
        out = run_combos(p, specs, ev, overrides)
    bars = len(out.index)
    # the PBO's block sums come from the statistics' own pass over the equity (no returns matrix)
    sums = {"edges": block_edges(bars, pbo_blocks)} if bars >= pbo_blocks else None
    table, equity, _, _ = measure(p, out, block_sums=sums)
    blocks = None if sums is None else BlockStats(np.diff(sums["edges"]).astype(np.float64), sums["total"], sums["squares"])
    vals = table[metric].to_numpy(dtype=float) if metric in table else np.zeros(len(table))
    j = int(np.nan_to_num(vals, nan=-np.inf).argmax())
    best = equity[:, j]
    prev = np.empty(bars)
    prev[0] = p.init_cash
    prev[1:] = best[:-1]
    return ChunkStats(table, float(vals[j]), best / prev - 1.0, blocks, out.engine, ev.computations - before)


def memory_bytes(value: "int | float | str") -> int:
    """A memory size in bytes: a number of bytes, or a string such as ``"2GB"``, ``"512MB"``, ``"1.5 GiB"``
    (KB/MB/GB/TB count in powers of 1024, like KiB/MiB/GiB/TiB).

    >>> memory_bytes("512MB"), memory_bytes("2GB"), memory_bytes(1_000_000)
    (536870912, 2147483648, 1000000)
    """
    if isinstance(value, bool):
        raise SpecError(f"max_memory must be a number of bytes or a size such as '2GB', got {value!r}")
    if isinstance(value, (int, float)):
        n = float(value)
    elif isinstance(value, str):
        text = value.strip().lower().replace(" ", "")
        num = text.rstrip("abcdefghijklmnopqrstuvwxyz")
        unit = text[len(num):]
        try:
            n = float(num) * _UNITS[unit]
        except (ValueError, KeyError):
            raise SpecError(f"max_memory {value!r} is not a size: write e.g. '2GB', '512MB' or a number of bytes") from None
    else:
        raise SpecError(f"max_memory must be a number of bytes or a size such as '2GB', got {type(value).__name__}")
    if not math.isfinite(n) or n <= 0:
        raise SpecError(f"max_memory must be a positive size such as '2GB', got {value!r}")
    return int(n)


@dataclass(frozen=True)
class ChunkPlan:
    """How a sweep splits its work to stay within ``max_memory``: ``combos`` combinations per chunk and,
    within a chunk, ``symbols`` traded symbols per block (all of them unless the universe does not fit;
    cross-sectional specs always take every symbol). ``estimate``: the bytes the plan expects to hold."""

    combos: int
    symbols: int
    budget: int
    estimate: int
    fits: bool


def plan_chunks(budget: int, *, bars: int, symbols: int, combos: int, indicators: int,
                cross_sectional: bool, stops: bool = True, fill: str = "next_open", borrow: bool = False) -> ChunkPlan:
    """Chunk sizes for a sweep under ``budget`` bytes (the memory model at the top of this module).

    >>> plan_chunks(512 * 2**20, bars=5031, symbols=500, combos=190, indicators=25, cross_sectional=False)  # doctest: +SKIP
    ChunkPlan(combos=..., symbols=..., ...)
    """
    fixed = _FIXED_PER_CELL * bars * symbols + _PER_COMBINATION * combos
    cache = _CACHE_PER_CELL * bars * max(indicators, 1)  # per symbol
    cell = (_WEIGHTS_PER_CELL if cross_sectional else _ONE_PER_CELL if symbols == 1
            else _TILED_PER_CELL if stops else _PACKED_PER_CELL)
    per_cell = cell * (_CLOSE_STOPS if stops and fill == "close" else 1) * bars
    per_combo = _PER_COMBO * bars
    avail = budget - fixed
    # every symbol at once (the evaluator caches each indicator over the whole universe)
    whole = (avail - cache * symbols) // (per_cell * symbols + per_combo) if avail > cache * symbols else 0
    if whole >= 1 or cross_sectional or symbols == 1:
        c = int(max(1, min(combos, whole)))
        est = fixed + cache * symbols + c * (per_cell * symbols + per_combo)
        return ChunkPlan(c, symbols, budget, int(est), est <= budget)
    # symbol blocks: half of what is left holds the chunk's sums and trades across its blocks (with a borrow
    # rate, its order records: the outputs are then built one combination at a time, over prices already
    # counted), the rest one block's run
    kept = ((_KEPT_PER_CELL * bars * symbols + per_combo) if borrow
            else _TRADES_PER_CELL * bars * symbols + per_combo + _SUMS_PER_COMBO * bars)
    c = int(max(1, min(combos, (max(avail, 0) // 2) // kept)))
    s = int(max(1, min(symbols, (max(avail, 0) - c * kept) // (cache + c * per_cell))))
    est = fixed + c * kept + s * (cache + c * per_cell)
    return ChunkPlan(c, s, budget, int(est), est <= budget)


def _has_stops(spec: StrategySpec, grid: dict[str, Any]) -> bool:
    """Whether some combination runs vectorbt's stop path (a stop set in the spec or swept)."""
    r = spec.risk
    return any(x is not None for x in (r.stop_loss, r.take_profit, r.trailing_stop, r.atr_stop, r.max_holding_bars)) \
        or any(k.startswith("risk.") for k in grid)


def _count_indicators(dumped: dict[str, Any], combos: list[dict[str, Any]], grid: dict[str, Any]) -> int:
    """Distinct indicator computations a sweep needs (an estimate for the memory plan): each indicator node
    once, a swept id once per distinct value of its keys."""
    nodes: list[dict] = []

    def walk(x: Any) -> None:
        if isinstance(x, dict):
            if x.get("kind") == "indicator":
                nodes.append(x)
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(dumped)
    by_id: dict[str, list[str]] = {}
    for k in grid:
        by_id.setdefault(k.partition(".")[0], []).append(k)
    seen: set[str] = set()
    total = 0
    for node in nodes:  # an indicator read twice (entry and exit, or shifted) is computed once
        sig = json.dumps({k: v for k, v in node.items() if k not in ("shift", "output")}, sort_keys=True)
        if sig in seen:
            continue
        seen.add(sig)
        keys = by_id.get(node.get("id") or "")
        total += len({tuple(c[k] for k in keys) for c in combos}) if keys else 1
    return total


def _run_blocked(p: Any, specs: list[StrategySpec], overrides: list[dict] | None, ev: Any, symbols: int) -> Any:
    """``run_combos`` of a signal spec, ``symbols`` traded symbols at a time: each block compiles and simulates
    on its own evaluator (its indicators over its symbols only) and its order records are added, in symbol
    order, into per-combination sums (``simulate.BlockSums``) that give the outputs over the whole universe.
    Each column runs on the same inputs as in one call and every sum is continued in the same order, so the
    result equals run_combos'. With a borrow rate (charged on each short from its position per bar) the
    records are gathered and the outputs built one combination at a time instead."""
    from foa.engine.backtest import check_runnable
    from foa.engine.compile import Evaluator, compile_rules_batch, compile_signals, compile_signals_batch
    from foa.engine.simulate import BlockSums, SimOutput, output_from_orders, simulate_signals

    n = len(p.traded)
    k = len(specs)
    ovs = overrides if overrides is not None else [{}] * k
    for s in specs if overrides is None else specs[:1]:
        check_runnable(s)
    full = p.price_matrices()
    col_cash = p.init_cash / n
    index = p.data.index[p.i0:p.i1]
    borrow_rate = any(sp.costs.borrow_rate > 0 for sp in (specs if overrides is None else specs[:1]))
    sums = None if borrow_rate else BlockSums(index, n, k, p.init_cash)
    gathered, computations, engine = [], 0, "numba"
    buffer: list[np.ndarray] = []  # the rule operands' memory, reused block after block
    for s0 in range(0, n, symbols):
        block = p.traded[s0:s0 + symbols]
        width = len(block)
        evb = Evaluator(ev.bars, block)
        if overrides is not None and k > 1:
            rb = compile_rules_batch(specs[0], p.data, block, evb, overrides, buffer=buffer)
            sigs = [rb if rb is not None else compile_signals_batch(specs[0], p.data, block, evb, overrides)]
        else:
            sigs = []
            for s, o in zip(specs, ovs):
                evb.overrides = o
                sigs.append(compile_signals(s, p.data, block, evaluator=evb)[0])
        prices = {f: np.ascontiguousarray(m[:, s0:s0 + width]) for f, m in full.items()}
        out = simulate_signals(specs, sigs, p.data, block, p.i0, p.i1, init_cash=p.init_cash, fill=p.fill,
                               prices=prices, col_cash=col_cash, outputs=False)
        rec = out.orders
        if len(rec) > 1 and (np.diff(rec["col"]) < 0).any():  # column by column, keeping each column's order
            rec = rec[np.argsort(rec["col"], kind="stable")]
        if sums is not None:
            sums.add(rec, prices["close"], s0)
        else:
            bounds = np.searchsorted(rec["col"], np.arange(k + 1) * width)
            gathered.append((s0, width, rec, bounds))
        computations += evb.computations
        engine = out.engine
        del out, sigs, evb, prices, rec
    ev.computations += computations
    if sums is not None:
        return sums.output(engine, want_cash=bool(p.cash_rate))
    close = full["close"]
    values, cashes, exposures, trades, borrows = [], [], [], [], []
    for g in range(k):  # one combination over the whole universe at a time, its blocks in symbol order
        mine = np.concatenate([rec[bounds[g]:bounds[g + 1]] for _, _, rec, bounds in gathered])
        mine["col"] = np.concatenate([rec["col"][bounds[g]:bounds[g + 1]] - g * width + s0
                                      for s0, width, rec, bounds in gathered])
        o = output_from_orders(mine, close, index, n, p.init_cash, engine, specs[g:g + 1])
        values.append(o.value)
        cashes.append(o.cash)
        exposures.append(o.exposure)
        t = o.trades.copy()
        t["col"] += g * n
        trades.append(t)
        borrows.append(o.borrow)
        del o, mine
    del gathered
    borrow = None
    if any(b is not None for b in borrows):
        borrow = np.column_stack([b if b is not None else np.zeros((len(index), 1)) for b in borrows])
    return SimOutput(index, np.column_stack(values), np.column_stack(cashes), np.concatenate(exposures),
                     np.concatenate(trades), n, p.init_cash, engine, borrow=borrow)
