"""The tear sheet against an independent computation from the equity curve (textbook definitions)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import foa
from foa.engine.tearsheet import format_metric, monthly_returns, period_returns
from tests.engine.helpers import gspc, ixic


@pytest.fixture(scope="module")
def result():
    spec = foa.spec.library.get("sma_crossover")
    return foa.backtest(spec, gspc(), start="2005-01-01")


@pytest.fixture(scope="module")
def ts(result):
    return result.tearsheet()


def _by_loop(equity: pd.Series, init_cash: float, key) -> dict:
    """Period returns by a plain loop: last equity of each period over the previous period's last."""
    out, prev_val, cur, last_val = {}, init_cash, None, None
    for t, v in equity.items():
        k = key(t)
        if cur is not None and k != cur:
            out[cur] = last_val / prev_val - 1.0
            prev_val = last_val
        cur, last_val = k, v
    out[cur] = last_val / prev_val - 1.0
    return out


def test_monthly_and_yearly_returns_equal_a_plain_loop(result, ts):
    months = _by_loop(result.equity, result.init_cash, lambda t: (t.year, t.month))
    for (y, m), r in months.items():
        assert ts.monthly_returns.loc[y, m] == pytest.approx(r, abs=1e-12)
    assert ts.monthly_returns.notna().sum().sum() == len(months)
    years = _by_loop(result.equity, result.init_cash, lambda t: t.year)
    assert list(ts.yearly_returns.index.year) == list(years)
    np.testing.assert_allclose(ts.yearly_returns.to_numpy(), list(years.values()), rtol=0, atol=1e-12)
    # compounding the months gives the year, and all years the total return
    assert math.prod(1 + v for v in years.values()) - 1 == pytest.approx(result.stats["total_return"], abs=1e-10)


def test_var_cvar_ir_te_by_their_definitions(result, ts):
    r = result.equity.to_numpy()
    r = r / np.concatenate([[result.init_cash], r[:-1]]) - 1
    q = np.quantile(r, 0.05)
    assert ts.metrics["var_95"] == pytest.approx(q, abs=1e-15)
    assert ts.metrics["cvar_95"] == pytest.approx(r[r <= q].mean(), abs=1e-15)
    assert ts.metrics["cvar_95"] <= ts.metrics["var_95"] < 0
    b = result.benchmark_equity.to_numpy()
    rb = np.concatenate([[0.0], b[1:] / b[:-1] - 1])
    a = r - rb
    te = a.std(ddof=1) * math.sqrt(252)
    assert ts.metrics["tracking_error"] == pytest.approx(te, rel=1e-12)
    assert ts.metrics["information_ratio"] == pytest.approx(a.mean() / a.std(ddof=1) * math.sqrt(252), rel=1e-12)
    n = len(r)
    m2, m3 = ((r - r.mean()) ** 2).mean(), ((r - r.mean()) ** 3).mean()
    g1 = m3 / m2 ** 1.5
    assert ts.metrics["skew"] == pytest.approx(g1 * math.sqrt(n * (n - 1)) / (n - 2), rel=1e-9)
    assert ts.metrics["tail_ratio"] == pytest.approx(abs(np.quantile(r, 0.95)) / abs(q), rel=1e-12)
    assert ts.metrics["best_day"] == pytest.approx(r.max()) and ts.metrics["worst_day"] == pytest.approx(r.min())


def test_drawdowns_durations_and_stats_carried(result, ts):
    assert list(ts.drawdowns.columns) == ["start", "trough", "end", "depth", "length"]
    assert len(ts.drawdowns) == 5
    assert ts.drawdowns["depth"].iloc[0] == pytest.approx(result.stats["max_drawdown"], abs=1e-12)
    assert ts.metrics["longest_drawdown_bars"] == result.stats["max_drawdown_duration"]
    for key in result.stats.index:
        assert ts.metrics[key] is result.stats[key] or ts.metrics[key] == result.stats[key] or pd.isna(result.stats[key])
    idx = result.equity.index
    t = result.trades
    bars = idx.searchsorted(pd.DatetimeIndex(t["exit_time"]).fillna(idx[-1])) - idx.searchsorted(pd.DatetimeIndex(t["entry_time"]))
    assert ts.metrics["avg_trade_bars"] == pytest.approx(bars.mean())
    assert ts.metrics["longest_trade_bars"] == bars.max() > 0


def test_a_given_benchmark_changes_relative_measures_only(result, ts):
    other = result.tearsheet(benchmark=ixic()["Close"])
    assert other.metrics["tracking_error"] != pytest.approx(ts.metrics["tracking_error"])
    assert other.metrics["var_95"] == ts.metrics["var_95"]
    assert other.benchmark_name == "given benchmark"


def test_period_returns_on_a_small_curve():
    eq = pd.Series([110.0, 121.0, 108.9, 130.68], index=pd.to_datetime(["2020-01-15", "2020-01-31", "2020-03-02", "2021-01-04"]))
    m = period_returns(eq, 100.0, "ME")
    assert m.round(12).tolist() == [0.21, -0.1, 0.2]
    table = monthly_returns(eq, 100.0)
    assert list(table.columns) == list(range(1, 13)) and list(table.index) == [2020, 2021]
    assert math.isnan(table.loc[2020, 2]) and table.loc[2021, 1] == pytest.approx(0.2)


def test_figures_html_and_units(ts):
    figs = ts.figures
    assert set(figs) == {"monthly_heatmap", "yearly_returns", "rolling_sharpe", "rolling_volatility", "underwater",
                         "return_distribution"}
    assert len(figs["yearly_returns"].data[0].x) == len(ts.yearly_returns)
    page = ts._repr_html_()
    assert "var_95" in page and "Monthly returns" in page and "Top drawdowns" in page and "nan" not in page
    assert format_metric("var_95", -0.0213) == "-2.13%"
    assert format_metric("longest_trade_bars", 40) == "40 bars"
    assert format_metric("sharpe", float("nan")) == "n/a"


def test_title_markup_is_escaped():
    spec = foa.spec.library.get("sma_crossover").model_copy(update={"name": '<a href="https://x.example">x</a>'})
    ts = foa.backtest(spec, gspc(), start="2015-01-01").tearsheet()
    title = ts.figures["yearly_returns"].layout.title.text
    assert "<a" not in title and "&lt;a" in title


def test_agrees_with_quantstats_where_the_definitions_match(result, ts):
    """quantstats (a dev-only dependency) on the same daily returns. Matching definitions: skew, excess
    kurtosis, tail ratio, best/worst day, compounded monthly returns, and the information ratio once
    annualised (quantstats reports it per day). Its VaR/CVaR are parametric (normal), foa's historical:
    those are compared with the textbook computation above instead."""
    qs = pytest.importorskip("quantstats")
    r = result.returns
    assert ts.metrics["skew"] == pytest.approx(qs.stats.skew(r), rel=1e-12)
    assert ts.metrics["kurtosis"] == pytest.approx(qs.stats.kurtosis(r), rel=1e-12)
    assert ts.metrics["tail_ratio"] == pytest.approx(qs.stats.tail_ratio(r), rel=1e-9)
    assert ts.metrics["best_day"] == pytest.approx(qs.stats.best(r), rel=1e-12)
    assert ts.metrics["worst_day"] == pytest.approx(qs.stats.worst(r), rel=1e-12)
    rb = result.benchmark_equity.pct_change().fillna(0.0)
    assert ts.metrics["information_ratio"] == pytest.approx(qs.stats.information_ratio(r, rb) * math.sqrt(252), rel=1e-9)
    theirs = qs.stats.monthly_returns(r)
    ours = ts.monthly_returns
    for year in ours.index:
        for month in range(1, 13):
            if not math.isnan(ours.loc[year, month]):
                assert ours.loc[year, month] == pytest.approx(theirs.loc[str(year)].iloc[month - 1], abs=1e-12)
