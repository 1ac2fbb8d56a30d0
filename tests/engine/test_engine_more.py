"""Sizing methods, shorts, time exits and data-dependent spec errors."""

from __future__ import annotations

import numpy as np
import pytest

import foa
from foa.errors import DataError, SpecError
from foa.spec import always, close, sma
from foa.spec.model import Risk, Sizing, StrategySpec, Universe
from tests.engine.helpers import frame, gspc


def spec(**kw) -> StrategySpec:
    return StrategySpec(name="t", universe=Universe(symbols=["X"]), **kw)


def test_max_holding_bars_exits_after_n_bars():
    f = frame(np.arange(10, 30, dtype=float))
    r = foa.backtest(spec(entry=always(), risk=Risk(max_holding_bars=3)), f)
    t = r.trades.iloc[0]
    # signal bar 0, fill bar 1; exit decided 3 bars after the entry signal (bar 3), filled at bar 4's open
    assert t["entry_time"] == f.index[1] and t["exit_time"] == f.index[4] and t["exit_price"] == 14.0


def test_fixed_fraction_and_volatility_target_size_below_all_in():
    df = gspc()
    full = foa.backtest(spec(entry=always()), df).trades.iloc[0]
    half = foa.backtest(spec(entry=always(), sizing=Sizing(method="fixed_fraction", fraction=0.5)), df)
    assert half.trades.iloc[0]["size"] == pytest.approx(full["size"] * 0.5)
    assert half.stats["volatility"] == pytest.approx(0.5 * foa.backtest(spec(entry=always()), df).stats["volatility"], rel=0.05)
    vt = foa.backtest(spec(entry=close() > sma(50), exit=close() < sma(50),
                           sizing=Sizing(method="volatility_target", target_volatility=0.05, vol_window=20)), df)
    assert 0 < vt.stats["volatility"] < 0.08


def test_short_only_profits_when_prices_fall():
    f = frame(np.linspace(100, 50, 30))
    s = StrategySpec(name="s", universe=Universe(symbols=["X"]), direction="short_only", short_entry=always())
    r = foa.backtest(s, f)
    assert r.trades.iloc[0]["direction"] == "short" and r.stats["total_return"] > 0.4


def test_long_short_flips_through_flat():
    df = gspc().iloc[:800]
    s = StrategySpec(name="ls", universe=Universe(symbols=["^GSPC"]), direction="long_short",
                     entry=close() > sma(50), short_entry=close() < sma(50))
    r = foa.backtest(s, df)
    assert set(r.trades["direction"]) == {"long", "short"}
    t = r.trades.sort_values("entry_time")
    # one position at a time: each trade starts at or after the previous one's exit
    assert (t["entry_time"].iloc[1:].to_numpy() >= t["exit_time"].iloc[:-1].to_numpy()).all()


def test_data_dependent_errors():
    s = StrategySpec(name="o", universe=Universe(symbols=["X"]), entry=close(symbol="SPY") > sma(20, symbol="SPY"))
    with pytest.raises(SpecError, match=r"SPY.*not in the price data"):
        foa.backtest(s, {"X": frame(np.arange(1, 40))})
    with pytest.raises(SpecError, match="needs"):
        foa.backtest(s, frame(np.arange(1, 40)))  # a lone frame cannot hold the regime symbol
    with pytest.raises(DataError, match="widen start/end"):
        foa.backtest(spec(entry=always()), frame(np.arange(1, 40)), start="2030-01-01")
    with pytest.raises(SpecError, match="fill must be one of"):
        foa.backtest(spec(entry=always()), frame(np.arange(1, 40)), fill="vwap")


def test_regime_filter_on_another_symbol():
    df = gspc()
    s = StrategySpec(name="qqq-if-spx", universe=Universe(symbols=["^IXIC"]),
                     entry=close(symbol="^GSPC") > sma(200, symbol="^GSPC"),
                     exit=close(symbol="^GSPC") < sma(200, symbol="^GSPC"))
    from foa.samples import market_data

    r = foa.backtest(s, {"^IXIC": market_data("^IXIC"), "^GSPC": df})
    assert set(r.trades["symbol"]) == {"^IXIC"} and r.stats["trades"] > 5


@pytest.mark.parametrize("bad", [0.0, -5.0, np.inf])
def test_a_non_positive_or_infinite_traded_price_is_refused_with_its_date(bad):
    f = frame(np.arange(10, 40, dtype=float))
    f.iloc[7, f.columns.get_loc("Low")] = bad
    with pytest.raises(DataError, match=r"1 non-positive or infinite values \(first: 2020-01-15 low"):
        foa.backtest(spec(entry=close() > sma(3)), f)
    f.iloc[7, f.columns.get_loc("Low")] = np.nan  # a missing value is not a non-positive one
    try:
        foa.backtest(spec(entry=close() > sma(3)), f)
    except DataError as err:
        assert "non-positive" not in str(err)
