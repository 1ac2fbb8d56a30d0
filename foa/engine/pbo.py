"""The probability of backtest overfitting (PBO) by combinatorially symmetric cross-validation (CSCV;
Bailey, Borwein, Lopez de Prado & Zhu, 2015).

A sweep's daily returns (bars x combinations) are cut into ``n_splits`` groups of consecutive bars. For
every way of choosing half the groups as in-sample (IS) and the rest as out-of-sample (OOS), the
combination with the best IS Sharpe is found and its OOS Sharpe ranked among all combinations' OOS
Sharpes: rank r of N gives the relative rank w = r / (N + 1) and the logit log(w / (1 - w)). The PBO is the
share of splits whose logit is <= 0: how often the in-sample winner lands in the bottom half out of sample.
Around 0.5 means the choice of the best combination carried no information; near 0 it generalised.

A sweep does not keep every equity curve: it keeps, per combination, the count, sum and sum of squares of
its daily returns over ``blocks`` time blocks (``BlockStats``); a Sharpe over any union of blocks follows
exactly from those sums, so ``n_splits`` must divide the number of blocks.

    pbo = sweep_result.pbo()            # PBOResult: .pbo, .logits, .degradation_slope, .plot()
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from foa.errors import SpecError

__all__ = ["DEFAULT_BLOCKS", "BlockStats", "PBOResult", "block_edges", "block_stats", "cscv", "pbo_from_returns"]

DEFAULT_BLOCKS = 16
MAX_SPLITS = 20  # C(20, 10) = 184,756 IS/OOS splits: beyond that the count explodes


@dataclass
class BlockStats:
    """Per time block (rows) and combination (columns): how many daily returns, their sum, their sum of squares."""

    count: np.ndarray  # blocks
    total: np.ndarray  # blocks x combinations
    squares: np.ndarray  # blocks x combinations

    def extend(self, other: "BlockStats") -> "BlockStats":
        """The same blocks with more combinations (another sweep chunk's columns)."""
        return BlockStats(self.count, np.hstack([self.total, other.total]), np.hstack([self.squares, other.squares]))


def block_edges(bars: int, blocks: int = DEFAULT_BLOCKS) -> np.ndarray:
    """Where the ``blocks`` runs of consecutive bars start (and the last one ends): ``blocks + 1`` row numbers.

    >>> block_edges(10, 4).tolist()
    [0, 2, 5, 8, 10]
    """
    return np.linspace(0, bars, blocks + 1).round().astype(int)


def block_stats(returns: np.ndarray, blocks: int = DEFAULT_BLOCKS) -> BlockStats:
    """Cut ``returns`` (bars x combinations) into ``blocks`` runs of consecutive bars (as equal as possible)."""
    r = np.asarray(returns, dtype=np.float64)
    if r.ndim == 1:
        r = r[:, None]
    if blocks < 2 or blocks > r.shape[0]:
        raise SpecError(f"pbo_blocks must be between 2 and the number of bars ({r.shape[0]}), got {blocks}")
    edges = block_edges(r.shape[0], blocks)
    count = np.diff(edges).astype(np.float64)
    total = np.add.reduceat(r, edges[:-1], axis=0)
    squares = np.add.reduceat(r * r, edges[:-1], axis=0)
    return BlockStats(count, total, squares)


def _sharpe(count: float, total: np.ndarray, squares: np.ndarray) -> np.ndarray:
    mean = total / count
    var = (squares - count * mean * mean) / (count - 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(var > 0, mean / np.sqrt(np.maximum(var, 0.0)), np.nan)


@dataclass
class PBOResult:
    """``pbo`` (share of splits whose IS-best combination ranks in the OOS bottom half), ``logits`` (one per
    split), ``is_sharpe``/``oos_sharpe`` of the IS-best combination per split (per bar, not annualised),
    ``degradation_slope`` (OOS Sharpe regressed on IS Sharpe across splits: below 0 means a better IS
    score goes with a worse OOS one) and ``n_splits``."""

    pbo: float
    logits: np.ndarray
    is_sharpe: np.ndarray
    oos_sharpe: np.ndarray
    degradation_slope: float
    n_splits: int
    n_combinations: int

    @property
    def reading(self) -> str:
        """One sentence on how to read the number."""
        return (f"In {self.pbo:.0%} of {len(self.logits):,} in/out-of-sample splits the in-sample best of "
                f"{self.n_combinations} combinations ranked in the bottom half out of sample "
                "(about 50%: the choice is luck; near 0%: it generalised).")

    def plot(self) -> Any:
        """plotly Figure: the histogram of logits, and OOS vs IS Sharpe of the chosen combination."""
        import plotly.graph_objects as go
        from plotly.subplots import make_subplots

        fig = make_subplots(rows=1, cols=2, subplot_titles=("Logit of the OOS rank of the IS best",
                                                            "OOS vs IS Sharpe (per bar) of the IS best"))
        fig.add_trace(go.Histogram(x=self.logits, nbinsx=40, name="logit"), row=1, col=1)
        fig.add_vline(x=0.0, line_dash="dash", row=1, col=1)
        fig.add_trace(go.Scatter(x=self.is_sharpe, y=self.oos_sharpe, mode="markers", name="splits",
                                 marker={"size": 4, "opacity": 0.5}), row=1, col=2)
        fig.update_layout(title=f"Probability of backtest overfitting: {self.pbo:.0%}", template="plotly_white",
                          height=380, showlegend=False)
        return fig

    def __repr__(self) -> str:
        return (f"<PBOResult pbo={self.pbo:.3f} splits={len(self.logits)} combinations={self.n_combinations} "
                f"degradation_slope={self.degradation_slope:.3f}>")

    def _repr_html_(self) -> str:
        import html

        return f"<div><b>PBO {self.pbo:.1%}</b>: {html.escape(self.reading)}</div>"


def cscv(stats: BlockStats, n_splits: int = DEFAULT_BLOCKS) -> PBOResult:
    """CSCV on block sums: ``n_splits`` groups of consecutive blocks (it must divide the block count)."""
    blocks, n = stats.total.shape
    if n < 2:
        raise SpecError("the probability of backtest overfitting needs at least 2 combinations")
    if n_splits < 2 or n_splits % 2 or blocks % n_splits:
        raise SpecError(f"n_splits must be an even number that divides the sweep's pbo_blocks ({blocks}), "
                        f"got {n_splits}: try {', '.join(str(k) for k in range(2, blocks + 1, 2) if blocks % k == 0)}")
    if n_splits > MAX_SPLITS:
        raise SpecError(f"n_splits {n_splits} gives {math.comb(n_splits, n_splits // 2):,} splits; use at most {MAX_SPLITS}")
    per = blocks // n_splits
    count = stats.count.reshape(n_splits, per).sum(axis=1)
    total = stats.total.reshape(n_splits, per, n).sum(axis=1)
    squares = stats.squares.reshape(n_splits, per, n).sum(axis=1)
    all_c, all_t, all_s = count.sum(), total.sum(axis=0), squares.sum(axis=0)
    chosen = np.array(list(itertools.combinations(range(n_splits), n_splits // 2)))
    member = np.zeros((len(chosen), n_splits))
    member[np.arange(len(chosen))[:, None], chosen] = 1.0
    logits, is_best, oos_best = [], [], []
    step = max(1, 2_000_000 // max(n, 1))  # splits per batch: a few tens of MB whatever the grid
    for s0 in range(0, len(member), step):
        m = member[s0:s0 + step]
        c_is = (m @ count)[:, None]
        t_is, s_is = m @ total, m @ squares
        sr_is = _sharpe(c_is, t_is, s_is)
        sr_oos = _sharpe(all_c - c_is, all_t - t_is, all_s - s_is)
        usable = np.isfinite(sr_is).any(axis=1)
        sr_is, sr_oos = sr_is[usable], sr_oos[usable]
        rows = np.arange(len(sr_is))
        best = np.nanargmax(sr_is, axis=1)
        oos = np.nan_to_num(sr_oos, nan=-np.inf)
        mine = oos[rows, best][:, None]
        rank = (oos < mine).sum(axis=1) + 1 + 0.5 * ((oos == mine).sum(axis=1) - 1)  # ties: mid-rank
        w = rank / (n + 1)
        logits.append(np.log(w / (1 - w)))
        is_best.append(sr_is[rows, best])
        oos_best.append(sr_oos[rows, best])
    lg, xi, yo = np.concatenate(logits), np.concatenate(is_best), np.concatenate(oos_best)
    ok = np.isfinite(xi) & np.isfinite(yo)
    slope = float(np.polyfit(xi[ok], yo[ok], 1)[0]) if ok.sum() >= 2 and np.ptp(xi[ok]) > 0 else math.nan
    return PBOResult(float((lg <= 0).mean()) if len(lg) else math.nan, lg, xi, yo, slope, n_splits, n)


def pbo_from_returns(returns: np.ndarray, n_splits: int = DEFAULT_BLOCKS) -> PBOResult:
    """CSCV straight from a returns matrix (bars x combinations), one block per split."""
    return cscv(block_stats(returns, n_splits), n_splits)
