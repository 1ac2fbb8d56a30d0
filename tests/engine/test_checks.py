"""Price checks (foa/engine/checks.py): foa.check with prices, warnings kept on foa.backtest's result,
0-trade statistics shown as "n/a (no trades)", and the false-alarm bound on the ready-made families."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import foa
from foa.engine.checks import CheckWarning
from foa.spec import atr, close, roc, rsi, sma
from foa.spec.library import library
from foa.spec.model import StrategySpec, Universe


@pytest.fixture(scope="module")
def gspc():
    return foa.samples.market_data("^GSPC")


def spec(**kw) -> StrategySpec:
    kw.setdefault("universe", Universe(symbols=["^GSPC"]))
    return StrategySpec(name=kw.pop("name", "t"), **kw)


@pytest.mark.parametrize("name", sorted(library()))
def test_no_false_alarm_on_ready_made_families(name, ws):
    ws.prices.load_bundled(["^GSPC", "^IXIC"])
    s = library()[name]
    report = foa.check(s, ws)
    assert not report.errors and not report.warnings, report.describe()
    with warnings.catch_warnings():
        warnings.simplefilter("error", CheckWarning)
        r = foa.backtest(s, ws)
    assert r.warnings == [] and r.stats["trades"] > 0


def test_entry_never_fires(gspc):
    s = spec(entry=rsi(14) > 99.9, exit=rsi(14) < 50)
    assert foa.check(s, gspc).codes == ["entry_never_fires"]
    with pytest.warns(CheckWarning, match=r"\[entry_never_fires\]"):
        r = foa.backtest(s, gspc)
    assert [f.code for f in r.warnings] == ["entry_never_fires"]
    assert "nan" not in repr(r) and "sharpe=n/a (no trades)" in repr(r) and "warnings=1" in repr(r)
    html = r._repr_html_()
    assert "n/a (no trades)" in html and ">nan<" not in html and "entry_never_fires" in html
    text = r.describe()  # the plain-text summary carries the warning too, not only result.warnings
    assert "Sharpe n/a (no trades)" in text and "nan" not in text
    assert any(ln.startswith("Warning: ") and "entry_never_fires" in ln for ln in text.splitlines())


def test_exit_most_bars(gspc):
    # "14-day ATR is below the close": always true on an index, so every trade lasts one bar
    s = spec(entry=close() > sma(50), exit=atr(14) < close())
    report = foa.check(s, gspc)
    assert "exit_most_bars" in report.codes and "scale_mismatch" in report.codes
    with pytest.warns(CheckWarning, match="scale_mismatch"):
        r = foa.backtest(s, gspc)
    assert "one_bar_holds" not in report.codes  # the exit true on most bars is the cause, said once
    # static errors travel with the result, and the result says what the trades did
    assert [f.code for f in r.warnings] == ["scale_mismatch", "one_bar_holds"]


def test_low_exposure(gspc):
    s = spec(entry=rsi(2) < 0.5, exit=close() > sma(5))
    report = foa.check(s, gspc)
    assert report.codes == ["low_exposure"], report.describe()
    assert report.ok


def test_warmup_longer_than_the_data(gspc):
    s = spec(entry=close() > sma(6000), exit=close() < sma(50))
    assert sorted(foa.check(s, gspc).codes) == ["warmup_exceeds_data", "window_spans_decade"]  # 24 years of daily bars
    # a monthly 300-bar window on 20 years of data: within the daily length, longer than the monthly bars
    m = spec(frequency="monthly", entry=close() > sma(300), exit=close() < sma(10))
    assert "warmup_exceeds_data" in foa.check(m, gspc).codes
    # start late: an indicator computed on the whole history still has values in the range
    assert foa.check(spec(entry=close() > sma(200), exit=close() < sma(200)), gspc, start="2018-06-01").ok


def test_symbols_missing(ws, gspc):
    ws.prices.load_bundled(["^GSPC"])
    s = spec(universe=Universe(symbols=["^GSPC", "SPY"]), entry=close() > sma(50), exit=close() < sma(50))
    for prices in (ws, {"^GSPC": gspc}):
        report = foa.check(s, prices)
        assert report.codes == ["symbols_missing"] and "SPY" in report.errors[0].message
    other = spec(entry=close() > sma(50, symbol="^IXIC"), exit=close() < sma(50))
    assert foa.check(other, ws).codes == ["symbols_missing"]


def test_a_spec_without_symbols_on_a_workspace_says_how_to_name_them(ws):
    ws.prices.load_bundled(["^GSPC", "^IXIC"])
    s = spec(universe=Universe(), entry=close() > sma(50), exit=close() < sma(50))
    report = foa.check(s, ws)
    err = report.errors[0]
    assert "no symbols" in err.message and "symbols='^GSPC'" in err.fix and err.fix != "see the message"
    # the same spec checked on a symbol named here, as foa.backtest(..., symbols=) runs it
    on = foa.check(s, ws, symbols="^GSPC")
    assert on.ok and "no_symbols" not in on.codes


def test_check_without_prices_is_static_and_accepts_json():
    s = spec(entry=close() > rsi(14), exit=close() < sma(50))
    assert foa.check(s).codes == ["scale_mismatch"]
    assert foa.check(s.to_json()).codes == ["scale_mismatch"]


def test_engine_refusal_is_a_finding_not_an_exception(gspc):
    s = spec(universe=Universe(symbols=["^GSPC"]), ranking=foa.spec.library.get("xs_momentum").ranking, rebalance="monthly")
    report = foa.check(s, gspc)
    assert not report.ok and report.codes == ["engine_refuses"]


def test_sweep_notes_idle_combinations(gspc):
    s = spec(entry=rsi(14, id="rsi") > foa.spec.const(90, id="hi"), exit=rsi(14, id="rsi") < 50)
    res = foa.sweep(s, gspc, {"hi.value": [60, 99.9]}, progress=False)
    assert (res.table["trades"] == 0).sum() == 1
    assert any("1 of 2 combinations made no trade" in n for n in res.notes)
    assert "made no trade" in res._repr_html_()
    assert np.isfinite(res.table.loc[res.table["trades"] > 0, "sharpe"]).all()


def test_symbols_resolved_by_proxies_are_not_missing(ws, gspc):
    """The broker note's SPY: missing without proxies, checked on ^GSPC with proxies=True (as foa.backtest
    runs it), and still missing for a symbol no proxy covers."""
    ws.prices.load_bundled(["^GSPC"])
    s = spec(universe=Universe(symbols=["SPY"]), entry=close() > sma(50), exit=close() < sma(50))
    for prices in (ws, {"^GSPC": gspc}):
        assert foa.check(s, prices).codes == ["symbols_missing"]
        assert foa.check(s, prices, proxies=True).ok
        assert foa.check(s, prices, proxies={"SPY": "^GSPC"}).ok
    odd = spec(universe=Universe(symbols=["NOPE"]), entry=close() > sma(50), exit=close() < sma(50))
    report = foa.check(odd, ws, proxies=True)
    assert report.codes == ["symbols_missing"] and "NOPE" in report.errors[0].message


def test_fetch_offline_is_a_finding(ws, monkeypatch):
    """fetch=True with no network: the failed download is an error finding, nothing raised, nothing stored."""
    from foa.errors import DataError

    def offline(self, symbols, **kw):
        raise DataError("network unreachable")

    monkeypatch.setattr(type(ws.prices), "fetch", offline)
    s = spec(universe=Universe(symbols=["MSFT"]), entry=close() > sma(50), exit=close() < sma(50))
    report = foa.check(s, ws, fetch=True)
    assert not report.ok and "could not download" in report.errors[0].message
    assert "MSFT" not in set(ws.prices.symbols()["symbol"])


def test_warnings_that_change_what_the_backtest_does_travel_with_the_result(gspc):
    # a crossing exit on a weekly rebalance is never read: the result says so, not only foa.check
    s = spec(entry=close() > sma(30), exit=close() < sma(10), rebalance="weekly")
    with pytest.warns(CheckWarning, match=r"\[exit_ignored\]"):
        r = foa.backtest(s, gspc)
    assert "exit_ignored" in [f.code for f in r.warnings]
    assert "exit_ignored" in r._repr_html_()
    # an ATR stop on a close-only series: its high/low come from the close
    vix = {"^VIX": foa.samples.market_data("^VIX")}
    s = spec(universe=Universe(symbols=["^VIX"]), entry=close() < sma(20), exit=close() > sma(20),
             risk={"atr_stop": {"window": 14, "multiple": 2.0}})
    with pytest.warns(CheckWarning, match=r"\[close_only_symbol\]"):
        r = foa.backtest(s, vix)
    assert [f.code for f in r.warnings] == ["close_only_symbol"]
    # a plain spec keeps an empty list (no warning that is only advice)
    with warnings.catch_warnings():
        warnings.simplefilter("error", CheckWarning)
        assert foa.backtest(spec(entry=close() > sma(30), exit=close() < sma(30)), gspc).warnings == []


def test_describe_names_the_rule_frequency_beside_the_bar_count(gspc):
    weekly = foa.backtest(spec(entry=close() > sma(30), exit=close() < sma(30), frequency="weekly"), gspc)
    daily = foa.backtest(spec(entry=close() > sma(30), exit=close() < sma(30)), gspc)
    n = len(gspc.loc[weekly.stats["start"]:weekly.stats["end"]])
    assert f"({n} price bars, rules read on weekly bars)" in weekly.describe().splitlines()[0]
    assert f"({len(daily.equity)} bars)" in daily.describe().splitlines()[0]


def test_a_series_the_rules_only_read_is_not_called_a_traded_price_index(gspc):
    vix = close(symbol="^VIX")
    s = spec(entry=vix < 20, exit=vix > 30)
    r = foa.backtest(s, {"^GSPC": gspc, "^VIX": foa.samples.market_data("^VIX")})
    assert "read by the rules, not traded: ^VIX" in r.price_note
    assert "^VIX is a price index" not in r.price_note and "^GSPC is a price index" in r.price_note


def test_an_exit_that_fires_the_bar_after_the_entry_is_a_warning(gspc):
    # a dip entry whose exit gained an "or ROC(5) < 0" leg: a dip has a falling ROC, so nearly every trade closes at once
    s = spec(entry=rsi(2) < 30, exit=(rsi(2) > 70) | (roc(5) < 0))
    assert "one_bar_holds" in foa.check(s, gspc).codes
    with pytest.warns(CheckWarning, match=r"\[one_bar_holds\]"):
        r = foa.backtest(s, gspc)
    (finding,) = [f for f in r.warnings if f.code == "one_bar_holds"]
    assert "close one bar after they open" in finding.message and finding.field == "exit"
    assert "Warning: " in r.describe() and "one_bar_holds" in r.describe()
    # the same entry with the exit alone holds for days: no finding
    plain = spec(entry=rsi(2) < 30, exit=rsi(2) > 70)
    assert "one_bar_holds" not in foa.check(plain, gspc).codes
    with warnings.catch_warnings():
        warnings.simplefilter("error", CheckWarning)
        assert not foa.backtest(plain, gspc).warnings
