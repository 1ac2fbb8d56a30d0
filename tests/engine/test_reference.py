"""The reference backtester itself, against tiny examples computed by hand (so a comparison with the engine
means something: the reference is checked independently of the engine)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from foa.spec.builders import always, close, highest, rsi, sma
from foa.spec.model import Costs, Ranking, Risk, StrategySpec, Universe
from tests.engine import reference as ref  # the independent loop written from the docs


def bars(opens, highs=None, lows=None, closes=None, start="2020-01-06") -> pd.DataFrame:
    o = np.asarray(opens, dtype=float)
    c = np.asarray(closes if closes is not None else opens, dtype=float)
    h = np.asarray(highs if highs is not None else np.maximum(o, c), dtype=float)
    lo = np.asarray(lows if lows is not None else np.minimum(o, c), dtype=float)
    idx = pd.bdate_range(start, periods=len(o), name="Date")
    return pd.DataFrame({"Open": o, "High": h, "Low": lo, "Close": c, "Volume": 1.0}, index=idx)


def spec(**kw) -> StrategySpec:
    kw.setdefault("universe", Universe(symbols=["X"]))
    return StrategySpec(name="t", **kw)


# ------------------------------------------------------------------------------------- indicators


def test_sma_ema_no_bias_adjustment():
    x = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0])
    assert ref.sma(x, 3).tolist()[2:] == [2.0, 3.0, 4.0]
    e = ref.ema(x, 3)  # alpha 0.5 seeded with 1: 1, 1.5, 2.25, 3.125, 4.0625; first 2 bars warm-up
    assert np.isnan(e.iloc[:2]).all() and e.iloc[2:].tolist() == [2.25, 3.125, 4.0625]


def test_wilder_rsi_by_hand():
    x = pd.Series([1.0, 2.0, 1.0, 2.0])
    # gains 1,0,1 / losses 0,1,0 smoothed with alpha 1/2 seeded on the first: gains 1,.5,.75; losses 0,.5,.25
    r = ref.rsi(x, 2)
    assert np.isnan(r.iloc[:2]).all()
    assert r.iloc[2] == pytest.approx(50.0) and r.iloc[3] == pytest.approx(75.0)


def test_wilder_atr_by_hand():
    f = ref.prepare(bars([10, 11, 12], highs=[11, 13, 12.5], lows=[9, 10, 11.5], closes=[10, 12, 12]))
    # true range needs the previous close: -, max(3, 3, 0) = 3, max(1, .5, .5) = 1; alpha 1/2 seeded on 3
    tr = ref.true_range(f)
    assert np.isnan(tr.iloc[0]) and tr.iloc[1:].tolist() == [3.0, 1.0]
    a = ref.atr(f, 2)
    assert np.isnan(a.iloc[:2]).all() and a.iloc[2] == 2.0


def test_bbands_population_std_roc_and_highest_before_t():
    x = pd.Series([1.0, 2.0, 3.0])
    b = ref.bbands(x, 3, 2.0)
    sd = np.sqrt(2 / 3)  # population stdev of 1,2,3
    assert b["upper"].iloc[2] == pytest.approx(2 + 2 * sd) and b["lower"].iloc[2] == pytest.approx(2 - 2 * sd)
    assert ref.roc(pd.Series([2.0, 3.0]), 1).iloc[1] == pytest.approx(0.5)
    h = ref.highest(pd.Series([1.0, 3.0, 2.0, 5.0]), 2)
    assert np.isnan(h.iloc[1]) and h.iloc[2:].tolist() == [3.0, 3.0]  # bar 3's own 5 is not included


def test_macd_is_ema_difference():
    x = pd.Series(np.linspace(1, 30, 40) + np.sin(np.arange(40)))
    m = ref.macd(x, 3, 6, 4)
    line = ref.ema(x, 3) - ref.ema(x, 6)
    assert np.allclose(m["macd"].dropna(), line.dropna())
    assert m["signal"].first_valid_index() == 5 + 3  # slow warm-up, then the signal EMA's own
    assert np.allclose((m["macd"] - m["signal"]).dropna(), m["hist"].dropna())


def test_adj_close_back_adjusts_ohlc():
    f = bars([10, 20])
    f["Adj Close"] = [5.0, 20.0]
    p = ref.prepare(f)
    assert p["open"].tolist() == [5.0, 20.0] and p["close"].tolist() == [5.0, 20.0]


# ------------------------------------------------------------------------------------------ fills


def test_next_open_fill_all_in_and_exit():
    # close > highest(2) fires on bar 3 (12 > max(10, 11)); fill at bar 4's open; exit when close < sma(2)
    data = bars([10, 11, 10, 12, 13, 11, 9, 9], closes=[10, 11, 10, 12, 14, 11, 9, 9])
    s = spec(entry=close() > highest(2, input=close()), exit=close() < sma(2))
    r = ref.backtest(s, data)
    t = r.trades.iloc[0]
    assert t.entry_time == data.index[4] and t.entry_price == 13.0
    assert t["size"] == pytest.approx(100_000 / 13)
    # bar 5: close 11 < sma(14, 11) = 12.5 -> exit at bar 6's open 9
    assert t.exit_time == data.index[6] and t.exit_price == 9.0
    assert t.pnl == pytest.approx(100_000 / 13 * (9 - 13))
    assert r.equity.iloc[-1] == pytest.approx(100_000 * 9 / 13)
    assert r.equity.iloc[3] == 100_000  # before the fill nothing moves


def test_fill_close_and_last_bar_signal_does_not_trade():
    data = bars([10, 10, 10, 12], closes=[10, 10, 10, 12])
    s = spec(entry=close() > highest(2, input=close()))
    assert ref.backtest(s, data).trades.empty  # the only signal is on the last bar
    data2 = bars([10, 10, 12, 13], closes=[10, 10, 12, 13])
    r = ref.backtest(s, data2, fill="close")
    t = r.trades.iloc[0]
    assert t.entry_time == data2.index[2] and t.entry_price == 12.0 and t.status == "open"


def test_fees_and_slippage_on_both_sides():
    data = bars([100, 100, 110, 120], closes=[100, 100, 110, 120])
    s = spec(entry=always(), exit=close() > 105, costs=Costs(fees=0.001, slippage=0.01))
    r = ref.backtest(s, data)
    t = r.trades.iloc[0]
    buy = 100 * 1.01
    size = 100_000 / (buy * 1.001)
    sell = 120 * 0.99  # exit signal on bar 2 (110 > 105), filled at bar 3's open
    assert t.entry_price == pytest.approx(buy) and t["size"] == pytest.approx(size)
    assert t.exit_price == pytest.approx(sell)
    assert t.pnl == pytest.approx(size * (sell - buy) - size * buy * 0.001 - size * sell * 0.001)
    assert r.equity.iloc[-1] == pytest.approx(size * sell * 0.999)


def test_two_symbols_split_cash():
    d = bars([10, 10, 20], closes=[10, 10, 20])
    s = spec(universe=Universe(symbols=["A", "B"]), entry=always())
    r = ref.backtest(s, {"A": d, "B": d * 2})
    assert r.trades["size"].tolist() == pytest.approx([50_000 / 10, 50_000 / 20])
    assert r.equity.iloc[-1] == pytest.approx(100_000 * 2)


# ------------------------------------------------------------------------------------------ stops


def test_stop_loss_inside_bar_fills_at_stop_price():
    # fill at bar 1 open 100; bar 1's low 80 is NOT checked (stops start the bar after the fill)
    data = bars([100, 100, 97, 90], highs=[100, 101, 98, 91], lows=[100, 80, 94, 89], closes=[100, 99, 96, 90])
    r = ref.backtest(spec(entry=always(), risk=Risk(stop_loss=0.05)), data)
    t = r.trades.iloc[0]
    assert t.entry_time == data.index[1] and t.exit_time == data.index[2] and t.exit_price == pytest.approx(95.0)


def test_stop_loss_gap_fills_at_open():
    data = bars([100, 100, 90, 90], highs=[100, 101, 91, 91], lows=[100, 99, 88, 89], closes=[100, 99, 90, 90])
    t = ref.backtest(spec(entry=always(), risk=Risk(stop_loss=0.05)), data).trades.iloc[0]
    assert t.exit_time == data.index[2] and t.exit_price == 90.0


def test_take_profit_and_trailing_stop():
    data = bars([100, 100, 104, 109], highs=[100, 103, 111, 112], lows=[100, 99, 103, 100], closes=[100, 102, 108, 101])
    t = ref.backtest(spec(entry=always(), risk=Risk(take_profit=0.1)), data).trades.iloc[0]
    assert t.exit_time == data.index[2] and t.exit_price == pytest.approx(110.0)
    # trailing 5%: peak after bar 1 is 103 (the fill bar's high), after bar 2 is 111 -> bar 3 stop 105.45
    t = ref.backtest(spec(entry=always(), risk=Risk(trailing_stop=0.05)), data).trades.iloc[0]
    assert t.exit_time == data.index[3] and t.exit_price == pytest.approx(111 * 0.95)


def test_atr_stop_fixed_at_signal_bar():
    closes = [100, 102, 101, 103, 104, 104, 90]
    highs = [101, 103, 102, 104, 105, 105, 105]
    lows = [99, 101, 100, 102, 103, 103, 89]
    data = bars([100, 101, 102, 102, 103, 104, 104], highs=highs, lows=lows, closes=closes)
    s = spec(entry=close() > 103.5, risk=Risk(atr_stop={"window": 2, "multiple": 2.0}))
    r = ref.backtest(s, data)
    f = ref.prepare(data)
    dist = 2 * ref.atr(f, 2).iloc[4]  # signal bar 4 (104 > 103.5)
    t = r.trades.iloc[0]
    assert t.entry_time == data.index[5] and t.entry_price == 104
    assert t.exit_time == data.index[6] and t.exit_price == pytest.approx(104 - dist)


def test_no_reentry_after_stop_without_fresh_signal():
    # entry "close > 95" stays true; the stop hits on bar 2; no re-entry until the rule turns false (bar 4)
    o = [100, 100, 100, 96, 94, 97, 98]
    closes = [100, 100, 96, 96, 94, 97, 98]
    lows = [100, 99, 94, 95, 93, 96, 97]
    data = bars(o, highs=np.maximum(o, closes), lows=lows, closes=closes)
    r = ref.backtest(spec(entry=close() > 95, risk=Risk(stop_loss=0.05)), data)
    assert len(r.trades) == 2
    first, second = r.trades.iloc[0], r.trades.iloc[1]
    assert first.exit_time == data.index[2] and first.exit_price == pytest.approx(95.0)
    assert second.entry_time == data.index[6]  # rule false on bar 4, true on bar 5 -> fill at bar 6


# --------------------------------------------------------------------------------- frequencies


def test_monthly_bars_signal_on_last_day_fill_next_open():
    idx = pd.bdate_range("2020-01-01", "2020-04-30", name="Date")
    price = np.where(idx < pd.Timestamp("2020-02-15"), 100.0, 120.0) + np.arange(len(idx)) * 0.01
    data = pd.DataFrame({"Open": price, "High": price, "Low": price, "Close": price, "Volume": 1.0}, index=idx)
    m = ref.resample(ref.prepare(data), "monthly")
    assert list(m.index.strftime("%m-%d")) == ["01-31", "02-28", "03-31", "04-30"]
    s = spec(frequency="monthly", entry=close() > sma(1, input=close(shift=1)))
    t = ref.backtest(s, data).trades.iloc[0]
    # February's close beats January's: signal 2020-02-28 -> fill on the next trading day's open (Mar 2)
    assert t.entry_time == pd.Timestamp("2020-03-02")


def test_weekly_period_end_positions():
    idx = pd.bdate_range("2020-01-06", "2020-01-24", name="Date")  # three Mon-Fri weeks
    assert [idx[p].day for p in ref.period_end_positions(idx, "weekly")] == [10, 17, 24]


# ------------------------------------------------------------------------------------------- ranking


def test_top_one_monthly_rotation_with_cash_asset():
    idx = pd.bdate_range("2020-01-01", "2020-04-30", name="Date")
    n = len(idx)
    a = np.linspace(100, 130, n)  # rising
    b = np.linspace(100, 90, n)   # falling
    frames = {
        "A": pd.DataFrame({"Open": a, "High": a, "Low": a, "Close": a, "Volume": 1.0}, index=idx),
        "B": pd.DataFrame({"Open": b, "High": b, "Low": b, "Close": b, "Volume": 1.0}, index=idx),
        "CASH": pd.DataFrame({"Open": 1.0, "High": 1.0, "Low": 1.0, "Close": 1.0, "Volume": 1.0}, index=idx),
    }
    from foa.spec.builders import roc

    s = spec(universe=Universe(symbols=["A", "B", "CASH"]), ranking=Ranking(by=roc(5), top_n=1),
             rebalance="monthly")
    r = ref.backtest(s, frames)
    # A leads every month: bought on the first open after Jan 31 and held to the end (one open trade)
    assert len(r.trades) == 1
    t = r.trades.iloc[0]
    assert t.symbol == "A" and t.entry_time == pd.Timestamp("2020-02-03") and t.status == "open"
    assert r.equity.iloc[-1] == pytest.approx(100_000 / t.entry_price * a[-1])
    # reversed fortunes: everything falls but cash -> cash is the top asset, nothing risky is held
    frames["A"] = frames["B"].copy()
    r2 = ref.backtest(s, frames)
    assert set(r2.trades.symbol) == {"CASH"} and r2.equity.iloc[-1] == pytest.approx(100_000)


def test_start_uses_earlier_bars_for_warm_up():
    # close > sma(2) on bar 2 needs bars 1-2; with start at bar 2 the rule fires there (warm-up before start)
    data = bars([10, 10, 11, 12, 13], closes=[10, 10, 11, 12, 13])
    r = ref.backtest(spec(entry=close() > sma(2)), data, start=data.index[2])
    assert r.equity.index[0] == data.index[2]
    assert r.trades.iloc[0].entry_time == data.index[3]
