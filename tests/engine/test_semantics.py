"""One test per row of docs/semantics.md: fills, stops, frequencies, annualisation, look-ahead."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import foa
from foa.engine.backtest import prepare
from foa.engine.compile import compile_signals, period_end_positions
from foa.spec import always, atr, close, highest, sma
from foa.spec.library import get
from foa.spec.model import Ranking, Risk, StrategySpec, Universe
from tests.engine.helpers import frame, gspc, ixic


def spec(**kw) -> StrategySpec:
    return StrategySpec(name="t", universe=Universe(symbols=["X"]), **kw)


def test_crosses_above_needs_strictly_above_after_at_or_below():
    # close vs constant 10: 9 -> 10 (tie: no cross) -> 11 (cross: previous was <= 10) -> 12 (no)
    f = frame([9, 10, 11, 12, 12])
    s = spec(entry=close().crosses_above(10))
    sig, _ = compile_signals(s, prepare(s, f).data, ["X"])
    assert sig.entries[:, 0].tolist() == [False, False, True, False, False]


def test_signal_fills_at_next_open():
    f = frame([10, 10, 20, 30, 40], closes=[10, 15, 25, 35, 45])
    r = foa.backtest(spec(entry=close() > 12), f)
    t = r.trades.iloc[0]
    assert t["entry_time"] == f.index[2] and t["entry_price"] == 20.0  # signal on bar 1's close -> bar 2 open
    assert t["size"] == pytest.approx(100_000 / 20)


def test_fill_close_is_explicit():
    f = frame([10, 10, 20, 30, 40], closes=[10, 15, 25, 35, 45])
    t = foa.backtest(spec(entry=close() > 12), f, fill="close").trades.iloc[0]
    assert t["entry_time"] == f.index[1] and t["entry_price"] == 15.0


def test_signal_on_last_bar_does_not_trade():
    f = frame([10, 10, 10, 10, 20], closes=[10, 10, 10, 10, 20])
    r = foa.backtest(spec(entry=close() > 15), f)
    assert len(r.trades) == 0 and r.stats["trades"] == 0


def test_all_in_buys_fractional_shares_with_all_cash_and_fees():
    f = frame([10, 13, 13, 13], closes=[10, 13, 13, 13])
    s = spec(entry=always(), costs={"fees": 0.01, "slippage": 0.0})
    t = foa.backtest(s, f).trades.iloc[0]
    assert t["size"] == pytest.approx(100_000 / (13 * 1.01))  # not a whole number: fractional shares
    assert t["pnl"] == pytest.approx(-t["size"] * 13 * 0.01)  # fees are in the pnl


def test_several_symbols_split_cash():
    f = frame([10, 10, 10, 10])
    s = StrategySpec(name="t", universe=Universe(symbols=["A", "B"]), entry=always())
    r = foa.backtest(s, {"A": f, "B": f * 2})
    assert r.trades["size"].tolist() == pytest.approx([50_000 / 10, 50_000 / 20])


def test_cash_rate_accrues_on_idle_cash():
    f = frame([10] * 253)
    r = foa.backtest(spec(entry=close() > 100), f, cash_rate=0.05)  # never invested
    assert r.equity.iloc[-1] == pytest.approx(100_000 * 1.05 ** (253 / 252))


def test_stop_measured_from_fill_price_checked_after_fill_bar():
    # signal close 10 -> fill at open 20; fill bar trades down to 18.5 (not checked); 10% stop = 18
    f = frame([10, 10, 20, 19, 19], lows=[10, 10, 18.5, 17.5, 19], highs=[10, 11, 20, 19, 19],
              closes=[10, 11, 19, 19, 19])
    t = foa.backtest(spec(entry=close() > 10.5, risk=Risk(stop_loss=0.10)), f).trades.iloc[0]
    assert t["entry_price"] == 20 and t["exit_time"] == f.index[3] and t["exit_price"] == pytest.approx(18.0)


def test_gap_through_stop_fills_at_open():
    f = frame([10, 10, 20, 15, 15], lows=[10, 10, 19, 14, 15], highs=[10, 11, 20, 15, 15], closes=[10, 11, 19, 15, 15])
    t = foa.backtest(spec(entry=close() > 10.5, risk=Risk(stop_loss=0.10)), f).trades.iloc[0]
    assert t["exit_time"] == f.index[3] and t["exit_price"] == 15.0


def test_atr_stop_distance_fixed_at_signal_bar():
    n = 40
    o = np.full(n, 100.0)
    h, lo = o + 1, o - 1  # true range 2 -> ATR(5) = 2 after warm-up
    c = o.copy()
    c[20] = 101  # entry signal at bar 20 (close > 100.5)
    h[25:], lo[25:] = 110, 90  # the ATR widens later: the stop must not move
    lo[30] = 95.0  # 2 x ATR(at signal) = 4 below the fill at 100 -> stop 96
    f = frame(o, highs=h, lows=lo, closes=c)
    s = spec(entry=close() > 100.5, risk=Risk(atr_stop={"window": 5, "multiple": 2.0}))
    t = foa.backtest(s, f).trades.iloc[0]
    assert t["entry_time"] == f.index[21]
    assert t["exit_time"] == f.index[25] and t["exit_price"] == pytest.approx(96.0)
    assert atr(5).params == {"window": 5}


def test_no_reentry_after_stop_without_fresh_signal():
    # the entry rule (close > 10.5) stays true; a stop on bar 3 must not re-enter until the rule resets
    closes = [10, 11, 12, 12, 12, 12, 10, 11, 11]
    opens = [10, 10, 11, 12, 12, 12, 12, 10, 11]
    lows = [10, 10, 11, 9, 12, 12, 10, 10, 11]
    f = frame(opens, lows=lows, closes=closes, highs=np.maximum(opens, closes))
    r = foa.backtest(spec(entry=close() > 10.5, risk=Risk(stop_loss=0.10)), f)
    assert r.trades["entry_time"].tolist() == [f.index[2], f.index[8]]  # re-entry only after bar 6 reset it


def test_exit_at_open_beats_stop_in_the_bar():
    f = frame([100, 102, 101, 98, 96], highs=[102, 103, 101, 98, 96], lows=[100, 101, 99, 95, 96],
              closes=[102, 102, 99, 96, 96])
    s = spec(entry=close() > 101, exit=close() < 100, risk=Risk(stop_loss=0.05))
    t = foa.backtest(s, f).trades.iloc[0]
    assert t["exit_time"] == f.index[3] and t["exit_price"] == 98.0


def test_monthly_sma_uses_month_end_bars():
    df = gspc()
    s = get("ts_momentum").model_copy(update={"entry": close() > sma(10), "exit": close() < sma(10)})
    p = prepare(s, df)
    ev = p.evaluator()
    m = ev.indicator(sma(10))[:, 0]
    month_close = df["Close"].groupby(df.index.to_period("M")).last()
    assert m[9] == pytest.approx(month_close.iloc[:10].mean())  # 10 monthly bars, not 210 days
    assert ev.bars.index[0] == df.index[df.index.to_period("M") == df.index[0].to_period("M")][-1]


def test_incomplete_final_period_gives_no_signal():
    idx = pd.bdate_range("2021-01-01", "2021-03-17")  # March is incomplete
    ends = period_end_positions(idx, "monthly")
    assert [idx[i].strftime("%Y-%m-%d") for i in ends] == ["2021-01-29", "2021-02-26"]
    full = pd.bdate_range("2021-01-01", "2021-03-31")
    assert len(period_end_positions(full, "monthly")) == 3


def test_monthly_signal_fills_next_trading_day_open_and_equity_is_daily():
    df = gspc()
    r = foa.backtest(get("ts_momentum"), df)
    assert len(r.equity) == len(df)
    month_end = set(df.index[period_end_positions(df.index, "monthly")])
    for t in r.trades.itertuples():
        pos = df.index.get_loc(t.entry_time)
        assert df.index[pos - 1] in month_end
        assert t.entry_price == pytest.approx(df["Open"].iloc[pos])


def test_stats_are_fractions_annualised_with_252():
    r = foa.backtest(get("buy_and_hold"), gspc())
    ret = r.returns
    assert r.stats["volatility"] == pytest.approx(ret.std(ddof=1) * np.sqrt(252))
    assert r.stats["sharpe"] == pytest.approx(ret.mean() / ret.std(ddof=1) * np.sqrt(252))
    assert r.stats["total_return"] == pytest.approx(r.equity.iloc[-1] / 100_000 - 1)
    assert r.stats["cagr"] == pytest.approx((1 + r.stats["total_return"]) ** (252 / len(r.equity)) - 1)
    assert -1 < r.stats["max_drawdown"] < 0


@pytest.mark.parametrize("name", ["sma_crossover", "rsi_reversion", "donchian_breakout", "ts_momentum", "macd"])
def test_no_look_ahead_changing_future_bars(name):
    df = gspc()
    s = get(name)
    t = 3000
    base, _ = compile_signals(s, prepare(s, df).data, ["^GSPC"])
    changed = df.copy()
    rng = np.random.default_rng(0)
    changed.iloc[t + 1:, :4] = changed.iloc[t + 1:, :4].to_numpy() * rng.uniform(0.5, 1.5, (len(df) - t - 1, 1))
    other, _ = compile_signals(s, prepare(s, changed).data, ["^GSPC"])
    for a, b in ((base.entries, other.entries), (base.exits, other.exits)):
        assert (a[: t + 1] == b[: t + 1]).all()


def test_warmup_bars_produce_no_signals():
    df = gspc()
    s = spec(entry=~(close() > sma(200)) | (close() > highest(50)))  # 'not' must not fire on NaN either
    sig, _ = compile_signals(s, prepare(s, df).data, ["X"])
    assert not sig.entries[:199].any() and sig.entries[199:].any()


def test_indicators_warm_up_before_start():
    df = gspc()
    r = foa.backtest(get("trend_filter"), df, start="2000-01-03")
    assert r.equity.index[0] == pd.Timestamp("2000-01-03")
    assert r.trades["entry_time"].iloc[0] <= pd.Timestamp("2000-01-31")  # the 200-day SMA existed at the start


def test_static_and_stop_paths_agree():
    df = gspc()
    s = get("rsi_reversion")
    a = foa.backtest(s, df)
    b = foa.backtest(s.model_copy(update={"risk": Risk(stop_loss=0.95)}), df)  # a stop that never triggers
    assert b.engine == a.engine  # stops resolved up front: the same static simulation
    pd.testing.assert_frame_equal(a.trades, b.trades)
    assert a.equity.iloc[-1] == pytest.approx(b.equity.iloc[-1], rel=1e-12)


def test_ranking_holds_top_n_in_equal_weight_with_shared_cash():
    prices = {"^GSPC": gspc(), "^IXIC": ixic()}
    r = foa.backtest(get("dual_momentum"), prices)
    assert set(r.trades["symbol"]) == {"^GSPC", "^IXIC"}
    assert 0 < r.stats["exposure"] < 1  # some months in cash: no index had a positive 12-month return
    s = StrategySpec(name="ew", universe=Universe(symbols=["^GSPC", "^IXIC"]), frequency="monthly",
                     ranking=Ranking(by=close(), top_n=2), rebalance="monthly")
    first = foa.backtest(s, prices).trades.groupby("symbol")["entry_time"].min()
    assert first.nunique() == 1


def test_semantics_table_names_real_tests():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    table = (root / "docs" / "semantics.md").read_text(encoding="utf-8")
    refs = re.findall(r"`(test_\w+\.py)::(test_\w+)`", table)
    assert len(refs) >= 28
    for fname, func in refs:
        assert f"def {func}(" in (root / "tests" / "engine" / fname).read_text(encoding="utf-8"), (fname, func)
