"""Walk-forward optimisation: choices recomputed independently, no look-ahead, and the stitched OOS run
against the reference loop with parameters switched at the same dates."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

import foa
from foa.engine.sweep import apply_params
from foa.engine.walkforward import parse_span, walk_forward, window_bounds
from foa.errors import SpecError
from tests.engine import reference as ref
from tests.engine.helpers import gspc
from tests.engine.test_correctness import assert_same

GRID = {"fast.window": [10, 30], "slow.window": [100, 200]}
KW = dict(train="4Y", test="2Y", start="2003-01-01", progress=False)


@pytest.fixture(scope="module")
def px() -> pd.DataFrame:
    return gspc().loc[:"2014-12-31"]


@pytest.fixture(scope="module")
def spec():
    return foa.spec.library.get("sma_crossover")


@pytest.fixture(scope="module")
def wf(spec, px):
    return walk_forward(spec, px, GRID, **KW)


def test_windows_roll_and_anchor():
    idx = pd.bdate_range("2010-01-01", "2015-12-31")
    rolling = window_bounds(idx, "2Y", "1Y")
    assert [idx[w[2]].year for w in rolling] == [2012, 2013, 2014, 2015]
    assert all(idx[w[0]] >= idx[0] + pd.DateOffset(years=k) for k, w in enumerate(rolling))
    assert all(w[1] + 1 == w[2] for w in rolling)  # the test follows its training window
    anchored = window_bounds(idx, "2Y", "1Y", anchored=True)
    assert {w[0] for w in anchored} == {0} and [w[2] for w in anchored] == [w[2] for w in rolling]
    bars = window_bounds(idx, 500, 250, step=125)
    assert [w[2] - w[0] for w in bars] == [500] * len(bars) and bars[1][2] - bars[0][2] == 125
    assert parse_span("18m") == pd.DateOffset(months=18)
    for bad in ("5X", "0Y", 0, "Y5"):
        with pytest.raises(SpecError, match="train must be like|at least 1 bar"):
            parse_span(bad, "train")
    with pytest.raises(SpecError, match="no walk-forward window fits"):
        window_bounds(idx, "10Y", "1Y")


def test_choices_equal_backtests_of_every_combination_on_each_training_slice(wf, spec, px):
    assert len(wf.windows) == 4  # tests start 2007, 2009, 2011, 2013
    for row in wf.windows.itertuples():
        scores = {}
        for combo in itertools.product(*GRID.values()):
            params = dict(zip(GRID, combo))
            r = foa.backtest(apply_params(spec, params), px, start=row.train_start, end=row.train_end)
            scores[combo] = r.stats["sharpe"]
        best = max(scores, key=lambda k: scores[k])
        assert (getattr(row, "_5"), getattr(row, "_6")) == best  # fast.window, slow.window columns
        assert row.is_sharpe == pytest.approx(scores[best], rel=1e-12)


def test_prices_after_a_training_window_never_change_its_choice(wf, spec, px):
    k = 2
    cut = wf.windows["train_end"].iloc[k]
    noisy = px.copy()
    after = noisy.index > cut
    shock = np.random.default_rng(3).normal(1.0, 0.03, after.sum())
    for col in ("Open", "High", "Low", "Close"):
        noisy.loc[after, col] = noisy.loc[after, col] * shock
    noisy["High"] = noisy[["Open", "High", "Low", "Close"]].max(axis=1)
    noisy["Low"] = noisy[["Open", "High", "Low", "Close"]].min(axis=1)
    again = walk_forward(spec, noisy, GRID, **KW)
    cols = ["train_start", "train_end", "fast.window", "slow.window", "is_sharpe"]
    pd.testing.assert_frame_equal(again.windows[cols].iloc[: k + 1], wf.windows[cols].iloc[: k + 1])


class _Switching:
    """The reference evaluator with each window's rules on its own test dates (the base spec's conditions
    are the keys: _run_symbol asks for spec.entry / spec.exit of the base spec)."""

    def __init__(self, bars, base, chosen, windows):
        self.bars = bars
        inner = ref.Evaluator(bars)
        self.by_role = {}
        for role in ("entry", "exit", "short_entry", "short_exit"):
            out = {}
            for sym, frame in bars.items():
                arr = np.zeros(len(frame), dtype=bool)
                for s, w in zip(chosen, windows.itertuples()):
                    mask = (frame.index >= w.test_start) & (frame.index <= w.test_end)
                    arr[mask] = inner.signal(getattr(s, role), sym)[mask]
                out[sym] = arr
            self.by_role[id(getattr(base, role))] = out

    def signal(self, c, sym):
        if c is None:
            return np.zeros(len(self.bars[sym]), dtype=bool)
        return self.by_role[id(c)][sym]


def test_the_stitched_oos_run_equals_the_reference_with_switched_parameters(wf, spec, px):
    chosen = [apply_params(spec, {k: int(v) for k, v in row.items()}) for row in wf.windows[list(GRID)].to_dict("records")]
    daily = {"^GSPC": ref.prepare(px)}
    bars = {"^GSPC": ref.resample(daily["^GSPC"], spec.frequency)}
    ev = _Switching(bars, spec, chosen, wf.windows)
    first = daily["^GSPC"].index
    i0 = int(first.searchsorted(wf.windows["test_start"].iloc[0]))
    trades, eq = ref._run_symbol(spec, "^GSPC", daily["^GSPC"], ev, ref.INIT_CASH, "next_open", i0)
    expected = ref.RefResult(ref._frame(trades), pd.Series(eq, index=first[i0:], name="equity"))
    assert_same(wf.oos_result, expected, label="walk-forward OOS")
    # a position opened in one window is carried into the next: the run is one simulation, not six
    assert wf.oos_result.stats["trades"] >= 1


def test_oos_metrics_efficiency_plot_and_refusals(wf, spec, px):
    eq = wf.oos_result.equity
    for row in wf.windows.itertuples():
        seg = eq.loc[row.test_start:row.test_end]
        prev = eq.loc[:row.test_start].iloc[-2] if row.test_start != eq.index[0] else wf.oos_result.init_cash
        r = seg / pd.concat([pd.Series([prev]), seg.iloc[:-1]]).to_numpy() - 1
        assert row.oos_sharpe == pytest.approx(r.mean() / r.std(ddof=1) * np.sqrt(252), rel=1e-9)
    assert wf.efficiency == pytest.approx(wf.windows["oos_sharpe"].mean() / wf.windows["is_sharpe"].mean())
    assert len(wf.plot().data) == 3 and "walk-forward" in wf._repr_html_()
    with pytest.raises(SpecError, match="risk.stop_loss would change an open position"):
        walk_forward(spec, px, {"risk.stop_loss": [0.05, 0.1]}, train="4Y", test="2Y", progress=False)
    with pytest.raises(SpecError, match="judges windows on one of"):
        walk_forward(spec, px, GRID, train="4Y", test="2Y", metric="trades", progress=False)


def test_cli_walk_forward_prints_windows_and_json(capsys):
    import json

    from foa.cli import main

    code = main(["walk-forward", "sma_crossover", "--grid", "fast.window=10:30:20", "--grid", "slow.window=100:200:100",
                 "--train", "6Y", "--test", "3Y", "--start", "2004-01-01", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["metric"] == "sharpe" and len(out["windows"]) == 3
    assert out["windows"][0]["test_start"] == "2010-01-04" and "oos" in out and "total_return" in out["oos"]
    assert main(["walk-forward", "sma_crossover", "--grid", "fast.window=10,20", "--train", "6X", "--test", "1Y"]) == 1
    assert "train must be like" in capsys.readouterr().err
