"""Costs a desk charges: a fixed fee per order and a borrow rate on shorts, against the reference loop
(tests/engine/reference.py) long and short, and on a tiny frame whose answer is written in the test."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import foa
from foa.errors import SpecError
from foa.spec.builders import close, rsi, sma
from foa.spec.model import Costs, Risk, Sizing, StrategySpec, Universe
from tests.engine.test_correctness import _market, bars, check

GSPC = Universe(symbols=["^GSPC"])
DESK = dict(fees=0.0005, slippage=0.0002, fixed_fee=7.5)


@pytest.fixture(scope="module")
def gspc() -> pd.DataFrame:
    return _market("^GSPC")


CASES = {
    "long_fixed": dict(entry=sma(20) > sma(100), exit=sma(20) < sma(100), costs=Costs(**DESK)),
    "long_fixed_fraction": dict(entry=sma(20) > sma(100), exit=sma(20) < sma(100), costs=Costs(**DESK),
                                sizing=Sizing(method="fixed_fraction", fraction=0.5)),
    "short_fixed_borrow": dict(direction="short_only", short_entry=close() < sma(200), short_exit=close() > sma(200),
                               costs=Costs(**DESK, borrow_rate=0.04)),
    "long_short_borrow_stops": dict(direction="long_short", entry=sma(20) > sma(100), short_entry=sma(20) < sma(100),
                                    costs=Costs(**DESK, borrow_rate=0.08), risk=Risk(stop_loss=0.05)),
    "short_rsi_borrow_close_fill": dict(direction="short_only", short_entry=(rsi(2) > 90) & (close() < sma(200)),
                                        short_exit=close() < sma(5), costs=Costs(fixed_fee=3.0, borrow_rate=0.25)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_engine_equals_the_reference_loop(name, gspc):
    kw = dict(CASES[name])
    spec = StrategySpec(name=name, universe=GSPC, **kw)
    fill = "close" if name.endswith("close_fill") else "next_open"
    result, expected = check(spec, {"^GSPC": gspc}, fill=fill, start="2000-01-03")
    assert result.stats["trades"] > 5


def test_borrow_and_fixed_fee_cost_what_the_definition_says():
    # opens at 100; the close dips to 99 on bar 0 (short on bar 1's open) and pops to 101 on bar 4 (cover
    # on bar 5's open): the trade makes nothing, so what is left is the fees and the borrow
    px = bars([100.0] * 7, closes=[99.0, 100.0, 100.0, 100.0, 101.0, 100.0, 100.0])
    spec = StrategySpec(name="costs", universe=Universe(symbols=["X"]), direction="short_only",
                        short_entry=close() < 99.5, short_exit=close() > 100.5,
                        costs=Costs(fixed_fee=10.0, borrow_rate=0.252))
    r = foa.backtest(spec, {"X": px})
    shares = (100_000 - 10.0) / 100.0
    assert r.trades["status"].tolist() == ["closed"]
    assert r.trades["size"].iloc[0] == pytest.approx(shares)
    assert r.trades["pnl"].iloc[0] == pytest.approx(-20.0)  # trade pnl carries both fixed fees, not the borrow
    # 0.1% a bar on shares x the previous close, for the closes of bars 1-4 spent short (100, 100, 100, 101)
    borrow = 0.001 * shares * (100.0 + 100.0 + 100.0 + 101.0)
    assert r.equity.iloc[-1] == pytest.approx(100_000 - 20.0 - borrow, rel=1e-12)
    assert r.equity.iloc[1] == pytest.approx(100_000 - 10.0 + shares * (100.0 - 100.0), rel=1e-12)  # no charge yet


def test_costs_validate_and_sweep():
    with pytest.raises(Exception, match="borrow_rate"):
        Costs(borrow_rate=3.0)  # an annual fraction: 3.0 would be 300%
    spec = StrategySpec(name="c", universe=GSPC, direction="short_only", short_entry=close() < sma(200),
                        short_exit=close() > sma(200), costs=Costs(borrow_rate=0.02))
    sw = foa.sweep(spec, {"^GSPC": _market("^GSPC")}, grid={"costs.borrow_rate": [0.0, 0.1], "costs.fixed_fee": [0.0, 50.0]})
    t = sw.table.set_index(["costs.borrow_rate", "costs.fixed_fee"])["total_return"]
    assert t[(0.1, 50.0)] < t[(0.1, 0.0)] < t[(0.0, 0.0)]
    assert t[(0.0, 50.0)] < t[(0.0, 0.0)]
    single = foa.backtest(spec.model_copy(update={"costs": Costs(borrow_rate=0.1, fixed_fee=50.0)}), {"^GSPC": _market("^GSPC")})
    assert single.stats["total_return"] == pytest.approx(t[(0.1, 50.0)], rel=1e-12)
    assert np.isfinite(t).all()
