"""foa.portfolio: combined equity recomputed from the members' returns and weights with rebalancing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import foa
from foa.errors import SpecError
from tests.engine.helpers import gspc


@pytest.fixture(scope="module")
def members():
    px = gspc()
    lib = foa.spec.library
    a = foa.backtest(lib.get("sma_crossover"), px, start="2010-01-01")
    b = foa.backtest(lib.get("rsi_reversion"), px, start="2012-06-01")  # a later start: inner calendar
    return a, b


def _independent(members, w, rebalance_period):
    """The same portfolio from first principles: sleeves of w x equity, rebalanced after each period's last bar."""
    idx = members[0].equity.index.intersection(members[1].equity.index)
    eqs = [m.equity for m in members]
    hold = np.array(w, dtype=float) * 100_000.0
    out = []
    for t, day in enumerate(idx):
        for i, e in enumerate(eqs):
            pos = e.index.get_loc(day)
            prev = e.iloc[pos - 1] if pos > 0 else members[i].init_cash
            hold[i] *= e.iloc[pos] / prev
        out.append(hold.sum())
        nxt = idx[t + 1] if t + 1 < len(idx) else None
        if rebalance_period and nxt is not None and pd.Period(day, rebalance_period) != pd.Period(nxt, rebalance_period):
            hold = np.array(w, dtype=float) * hold.sum()
    return pd.Series(out, idx)


@pytest.mark.parametrize("rebalance, period", [("monthly", "M"), ("quarterly", "Q"), ("none", None)])
def test_equity_equals_a_first_principles_recomputation(members, rebalance, period):
    pf = foa.portfolio(members, weights=[0.7, 0.3], rebalance=rebalance)
    expected = _independent(members, [0.7, 0.3], period)
    np.testing.assert_allclose(pf.equity.to_numpy(), expected.to_numpy(), rtol=1e-12, atol=0)
    assert pf.equity.index[0] == pd.Timestamp(members[1].equity.index[0])  # the later member's start
    assert pf.contribution.sum() == pytest.approx(pf.stats["total_return"], abs=1e-12)


def test_stats_correlation_plot_tearsheet_and_reprs(members):
    pf = foa.portfolio(members)  # equal weights, monthly
    assert pf.weights.tolist() == [0.5, 0.5]
    c = pf.correlation
    assert c.shape == (2, 2) and c.iloc[0, 0] == pytest.approx(1.0) and -1 <= c.iloc[0, 1] <= 1
    r = pf.returns
    assert pf.stats["sharpe"] == pytest.approx(r.mean() / r.std(ddof=1) * np.sqrt(252), rel=1e-12)
    assert pf.stats["max_drawdown"] == pytest.approx((pf.equity / pf.equity.cummax() - 1).min())
    fig = pf.plot()
    assert len(fig.data) == 4  # portfolio, two sleeves, correlation heatmap
    ts = pf.tearsheet()
    assert ts.monthly_returns.notna().sum().sum() > 12 and "var_95" in ts.metrics
    assert "contribution" in pf._repr_html_() and "PortfolioResult" in repr(pf)


def test_weights_are_checked_with_fixes(members):
    with pytest.raises(SpecError, match="add up to 1 .*0.6 and 0.4, not 60 and 40"):
        foa.portfolio(members, weights=[60, 40])
    with pytest.raises(SpecError, match="one weight per strategy"):
        foa.portfolio(members, weights=[1.0])
    with pytest.raises(SpecError, match="not in the portfolio"):
        foa.portfolio(members, weights={"nope": 1.0})
    with pytest.raises(SpecError, match="at least 2"):
        foa.portfolio(members[:1])
    with pytest.raises(SpecError, match="rebalance must be one of"):
        foa.portfolio(members, rebalance="hourly")
    by_name = foa.portfolio(members, weights={members[0].spec.name: 0.25, members[1].spec.name: 0.75})
    assert by_name.weights.tolist() == [0.25, 0.75]


def test_saved_in_the_workspace_with_an_audit_row(members, tmp_path):
    from foa.engine.portfolio import list_portfolios

    ws = foa.Workspace(tmp_path / "w.duckdb")
    pid = foa.portfolio(members, weights=[0.6, 0.4]).save(ws)
    rows = list_portfolios(ws)
    assert rows["id"].tolist() == [pid]
    assert ws.audit_log()["action"].iloc[0] == "portfolio.save"
    with ws.read() as con:
        members_json = con.execute("SELECT members FROM portfolios WHERE id = ?", [pid]).fetchone()[0]
    assert '"weight": 0.6' in members_json and members[0].data_hash in members_json
