"""sweep(): distinct indicators computed once, rows equal single backtests, robustness figures."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import foa
from foa.engine.sweep import apply_params
from foa.errors import SpecError
from foa.spec.library import get
from tests.engine.helpers import gspc, ixic

GRID = {"fast.window": range(5, 55, 5), "slow.window": range(20, 210, 10)}


def fast_lt_slow(p):
    return p["fast.window"] < p["slow.window"]


@pytest.fixture(scope="module")
def sma_sweep():
    return foa.sweep(get("sma_crossover"), gspc(), GRID, constraint=fast_lt_slow, progress=False)


def test_the_174_grid_computes_25_distinct_smas(sma_sweep):
    assert len(sma_sweep.table) == 174
    assert sma_sweep.indicator_computations == 25


def test_every_row_equals_the_single_backtest(sma_sweep):
    df = gspc()
    rows = sma_sweep.table.sample(8, random_state=1)
    for _, row in rows.iterrows():
        params = {"fast.window": int(row["fast.window"]), "slow.window": int(row["slow.window"])}
        single = foa.backtest(apply_params(get("sma_crossover"), params), df)
        for k, v in single.stats.items():
            if isinstance(v, float) and math.isnan(v):
                assert math.isnan(row[k]), k
            elif isinstance(v, pd.Timestamp):
                assert row[k] == v
            else:
                assert row[k] == pytest.approx(v, rel=1e-12), k


def test_sweep_rows_equal_backtests_with_stops_and_many_symbols():
    prices = {"^GSPC": gspc(), "^IXIC": ixic()}
    spec = get("trend_filter").model_copy(update={"universe": get("xs_momentum").universe})
    grid = {"trend.window": [50, 100], "risk.stop_loss": [0.03, 0.08]}
    res = foa.sweep(spec, prices, grid, progress=False, max_memory_mb=1)  # forces one combination per chunk
    from foa.engine.vectorbt_adapter import engine_name

    assert len(res.table) == 4 and res.engine == engine_name()  # stops resolved up front: the static simulation
    for _, row in res.table.iterrows():
        p = {"trend.window": int(row["trend.window"]), "risk.stop_loss": float(row["risk.stop_loss"])}
        single = foa.backtest(apply_params(spec, p), prices)
        assert row["total_return"] == pytest.approx(single.stats["total_return"], rel=1e-12)
        assert row["trades"] == single.stats["trades"]


def test_ranking_sweep_matches_backtest():
    prices = {"^GSPC": gspc(), "^IXIC": ixic()}
    res = foa.sweep(get("dual_momentum"), prices, {"lookback.window": [3, 6, 12]}, progress=False)
    for _, row in res.table.iterrows():
        single = foa.backtest(apply_params(get("dual_momentum"), {"lookback.window": int(row["lookback.window"])}), prices)
        assert row["total_return"] == pytest.approx(single.stats["total_return"], rel=1e-12)


def test_best_heatmap_and_robustness(sma_sweep):
    import plotly.graph_objects as go

    best = sma_sweep.best("sharpe", n=3)
    assert list(best["sharpe"]) == sorted(best["sharpe"], reverse=True)
    assert best["sharpe"].iloc[0] == sma_sweep.table["sharpe"].max()
    spec = sma_sweep.best_spec()
    assert spec.entry.left.params["window"] == int(best["fast.window"].iloc[0])
    fig = sma_sweep.heatmap("fast.window", "slow.window", "sharpe")
    assert type(fig) is go.Figure
    t = sma_sweep.table
    assert sma_sweep.share_beating_benchmark == pytest.approx((t["total_return"] > t["benchmark_return"]).mean())
    assert 0 <= sma_sweep.deflated_sharpe <= 1
    assert sma_sweep.deflated_sharpe < 0.95 and "174 combinations" in sma_sweep.warning
    assert "combinations" in sma_sweep._repr_html_()


def test_bad_grid_keys_are_spec_errors():
    with pytest.raises(SpecError, match="names no id"):
        foa.sweep(get("sma_crossover"), gspc(), {"nope.window": [1, 2]}, progress=False)
    with pytest.raises(SpecError, match="no combinations"):
        foa.sweep(get("sma_crossover"), gspc(), GRID, constraint=lambda p: False, progress=False)
    with pytest.raises(SpecError, match="unknown metric"):
        foa.sweep(get("sma_crossover"), gspc(), {"fast.window": [5]}, metric="nope", progress=False)


def test_unknown_metric_fails_before_any_run(monkeypatch):
    from foa.engine import sweep as sweep_mod

    def no_run(*args, **kwargs):
        raise AssertionError("the combinations ran before the metric was checked")

    monkeypatch.setattr(sweep_mod, "run_combos", no_run)
    with pytest.raises(SpecError, match="unknown metric 'sharp'.*'sharpe'"):
        foa.sweep(get("sma_crossover"), gspc(), {"fast.window": [5, 10]}, metric="sharp", progress=False)


def test_window_longer_than_the_data_is_a_spec_error():
    short = gspc().iloc[:100]
    with pytest.raises(SpecError, match="longer than the data"):
        foa.backtest(get("sma_crossover"), short)


def test_invalid_combinations_are_skipped_not_fatal():
    res = foa.sweep(get("macd"), gspc(), {"macd.fast": [12, 30], "macd.slow": [26]}, progress=False)
    assert len(res.table) == 1 and res.skipped == 1
    assert isinstance(res.table, pd.DataFrame) and np.isfinite(res.table["sharpe"]).all()
    # the result says what it left out and why, in its notes (shown by its repr and the CLI)
    note = next(n for n in res.notes if "left out as invalid" in n)
    assert note.startswith("1 of 2 combinations") and "fast" in note.lower()


def test_swept_values_are_checked_as_a_whole_spec_would_check_them():
    """A sweep checks each distinct value of an id on its nodes alone (not a StrategySpec per value): the
    values apply_params refuses are the values it skips, and the rows it keeps equal their single backtests."""
    spec, df = get("sma_crossover"), gspc().iloc[-800:]
    grid = {"fast.window": [0, 2.5, 10], "slow.window": [50, -3]}
    refused = set()
    for f in grid["fast.window"]:
        for s in grid["slow.window"]:
            try:
                apply_params(spec, {"fast.window": f, "slow.window": s})
            except SpecError:
                refused.add((f, s))
    assert refused == {(0, 50), (0, -3), (2.5, 50), (2.5, -3), (10, -3)}
    res = foa.sweep(spec, df, grid, progress=False)
    assert res.skipped == len(refused) and res.table[["fast.window", "slow.window"]].values.tolist() == [[10, 50]]
    one = foa.backtest(apply_params(spec, {"fast.window": 10, "slow.window": 50}), df)
    assert res.table["total_return"].iloc[0] == one.stats["total_return"]
    with pytest.raises(SpecError, match="none of the 2 sweep combinations.*whole number of bars"):
        foa.sweep(spec, df, {"fast.window": [0, 1.5], "slow.window": [50]}, progress=False)
    with pytest.raises(SpecError, match="'bb' is a constant|names no id"):
        foa.sweep(spec, df, {"bb.window": [5]}, progress=False)


def test_a_bare_field_name_as_sweep_key_suggests_its_section():
    with pytest.raises(SpecError, match=r"did you mean 'risk\.stop_loss'\?"):
        apply_params(get("sma_crossover"), {"stop_loss": 0.05})
    with pytest.raises(SpecError, match=r"did you mean 'costs\.fees'\?"):
        foa.sweep(get("sma_crossover"), gspc(), {"fees": [0.0, 0.001]}, progress=False)
