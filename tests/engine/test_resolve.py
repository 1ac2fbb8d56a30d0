"""The price resolver: symbols found as named, downloaded with fetch=True, traded on stand-ins with
proxies=True (recorded, shown and saved), or a clear error with both ways and "did you mean"."""

from __future__ import annotations

import html
import logging

import numpy as np
import pandas as pd
import pytest

import foa
from foa.engine.prices import PROXIES, load_prices, resolve_symbols
from foa.errors import DataError, FoaError, SpecError, SymbolNotFound
from foa.spec.library import get


def _on(symbols: list[str], name: str = "sma_crossover"):
    spec = get(name)
    return spec.model_copy(update={"universe": spec.universe.model_copy(update={"symbols": symbols})})


@pytest.fixture
def gspc_ws(ws):
    ws.prices.load_bundled(["^GSPC"])
    return ws


def test_missing_symbol_names_both_ways_and_stores_nothing(gspc_ws):
    before = gspc_ws.prices.symbols()
    with pytest.raises(SymbolNotFound) as info:
        foa.backtest(_on(["SPY"]), gspc_ws)
    msg = str(info.value)
    assert isinstance(info.value, DataError) and isinstance(info.value, SpecError)
    assert info.value.missing == ["SPY"]
    assert "fetch=True" in msg and "proxies=True (SPY -> ^GSPC)" in msg
    assert "Did you mean" not in msg  # SPY is not a typo of anything stored
    pd.testing.assert_frame_equal(gspc_ws.prices.symbols(), before)


@pytest.mark.parametrize("typo", ["^GSCP", "^gspc", "GSPC"])
def test_did_you_mean_on_typos(gspc_ws, typo):
    with pytest.raises(SymbolNotFound, match=r"Did you mean '\^GSPC'\?"):
        foa.backtest(_on([typo]), gspc_ws)


def test_no_did_you_mean_two_letters_away_and_index_funds_have_a_stand_in(gspc_ws):
    with pytest.raises(SymbolNotFound) as info:
        foa.backtest(_on(["VFINX"]), gspc_ws)
    assert "Did you mean" not in str(info.value)  # not '^VIX': a fund two letters from an index is no typo of it
    assert "proxies=True (VFINX -> ^GSPC)" in str(info.value)
    r = foa.backtest(_on(["VFINX"]), gspc_ws, proxies=True)
    assert "VFINX traded as ^GSPC" in " ".join(r.assumptions)


def test_did_you_mean_also_offers_bundled_symbols_not_yet_loaded(gspc_ws):
    with pytest.raises(SymbolNotFound, match=r"Did you mean '\^IXIC'\?"):
        foa.backtest(_on(["^ixic"]), gspc_ws)


def test_proxies_true_trades_the_bundled_series_and_says_so(gspc_ws):
    spec = _on(["SPY"])
    r = foa.backtest(spec, gspc_ws, proxies=True)
    ref = foa.backtest(_on(["^GSPC"]), gspc_ws)
    expected = "SPY traded as ^GSPC: the S&P 500 price index, dividends excluded"
    assert r.assumptions == [expected]
    assert ref.assumptions == []
    # the same numbers as trading ^GSPC itself; the trades keep the document's symbol
    np.testing.assert_array_equal(r.equity.to_numpy(), ref.equity.to_numpy())
    assert set(r.trades["symbol"]) == {"SPY"} and list(r.prices.columns) == ["SPY"]
    assert expected in r.describe() and expected in repr(r) and html.escape(expected) in r._repr_html_()
    assert "SPY (traded as ^GSPC), a price index" in r.price_note
    bid = r.save(gspc_ws)
    from foa.engine.store import load_backtest

    assert load_backtest(gspc_ws, bid)["assumptions"] == [expected]


def test_proxies_come_from_the_bundled_samples_when_the_workspace_lacks_them(ws):
    # an empty workspace: the stand-in is read from the bundled data, nothing is written
    r = foa.backtest(_on(["QQQ"]), ws, proxies=True, start="2010-01-01")
    assert r.assumptions == [f"QQQ traded as ^IXIC: {PROXIES['QQQ'][1]}"]
    assert ws.prices.symbols().empty


def test_proxies_dict_and_dict_prices(gspc_ws):
    frames = {"^GSPC": foa.samples.market_data("^GSPC")}
    r = foa.backtest(_on(["MYFUND"]), frames, proxies={"MYFUND": "^GSPC"})
    assert r.assumptions == ["MYFUND traded as ^GSPC: your proxies= map"]
    r2 = foa.backtest(_on(["SPY"]), frames, proxies={"SPY": "^GSPC"})
    assert r2.assumptions == [f"SPY traded as ^GSPC: {PROXIES['SPY'][1]}"]  # the documented reason when it matches
    with pytest.raises(SpecError, match="proxies must map symbol -> symbol"):
        foa.backtest(_on(["SPY"]), frames, proxies={"SPY": 3})
    with pytest.raises(SymbolNotFound, match="not in the price data"):
        foa.backtest(_on(["SPY"]), frames, proxies={"SPY": "NOPE"})


def test_sweep_uses_the_same_resolver(gspc_ws):
    res = foa.sweep(_on(["SPY"]), gspc_ws, {"fast.window": [20, 50]}, proxies=True, progress=False)
    assert res.assumptions == [f"SPY traded as ^GSPC: {PROXIES['SPY'][1]}"]
    assert html.escape(res.assumptions[0]) in res._repr_html_()
    with pytest.raises(SymbolNotFound):
        foa.sweep(_on(["SPY"]), gspc_ws, {"fast.window": [20, 50]}, progress=False)


def test_load_prices_reports_substitutions_for_other_callers(gspc_ws):
    data = load_prices(_on(["VOO"]), gspc_ws, proxies=True)
    assert [(s.symbol, s.used) for s in data.substitutions] == [("VOO", "^GSPC")]
    assert data.assumptions[0].startswith("VOO traded as ^GSPC")


def test_resolve_symbols_unit():
    mapping, subs = resolve_symbols(["SPY", "^VIX"], ["^VIX"], proxies=True)
    assert mapping == {"SPY": "^GSPC", "^VIX": "^VIX"} and [str(s) for s in subs] == [f"SPY traded as ^GSPC: {PROXIES['SPY'][1]}"]
    with pytest.raises(SymbolNotFound):
        resolve_symbols(["SPY"], ["^VIX"])


def _offline(tickers, **kwargs):
    logging.getLogger("yfinance").error(f"['{tickers}']: DNSError('Could not resolve host: query2.finance.yahoo.com')")
    idx = pd.DatetimeIndex([], name="Date")
    return pd.DataFrame(columns=pd.MultiIndex.from_product([["Close"], [tickers]]), index=idx)


def test_fetch_true_offline_is_a_clear_data_error_and_stores_nothing(gspc_ws, monkeypatch):
    import yfinance

    monkeypatch.setattr(yfinance, "download", _offline)
    before = gspc_ws.prices.symbols()
    with pytest.raises(DataError) as info:
        foa.backtest(_on(["SPY"]), gspc_ws, fetch=True, progress=False)
    msg = str(info.value)
    assert "fetch=True could not download ['SPY']" in msg and "no network?" in msg
    assert "proxies=True (SPY -> ^GSPC)" in msg
    assert isinstance(info.value, FoaError) and not isinstance(info.value, SymbolNotFound)
    pd.testing.assert_frame_equal(gspc_ws.prices.symbols(), before)
    assert gspc_ws.prices.coverage("SPY") == []


def test_fetch_true_downloads_the_missing_symbol_into_the_workspace(gspc_ws, monkeypatch):
    import yfinance

    calls = []

    def download(tickers, start=None, end=None, **kwargs):
        calls.append(tickers)
        days = pd.bdate_range("2015-01-01", "2016-12-30", name="Date")
        close = 100 + np.sin(np.arange(len(days)) / 20.0) * 10 + np.arange(len(days)) * 0.01
        return pd.DataFrame({"Open": close, "High": close + 1, "Low": close - 1, "Close": close,
                             "Adj Close": close, "Volume": 1e6}, index=days)

    monkeypatch.setattr(yfinance, "download", download)
    r = foa.backtest(_on(["SPY"]), gspc_ws, fetch=True, progress=False)
    assert calls == ["SPY"] and r.assumptions == []
    assert "SPY" in set(gspc_ws.prices.symbols()["symbol"])
    foa.backtest(_on(["SPY"]), gspc_ws, fetch=True, progress=False)  # cached: no second download of the range
    assert calls.count("SPY") <= 2  # at most today's moving bar again


def test_fetch_needs_a_workspace():
    with pytest.raises(SpecError, match="fetch=True downloads into a workspace"):
        foa.backtest(_on(["^GSPC"]), {"^GSPC": foa.samples.market_data("^GSPC")}, fetch=True)


def test_cli_backtest_proxies_and_did_you_mean(tmp_path, capsys, monkeypatch):
    import json

    from foa.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FOA_WORKSPACE", raising=False)
    assert main(["backtest", "sma_crossover", "--symbol", "SPY", "--start", "2015-01-01"]) == 1
    err = capsys.readouterr().err
    assert "no prices for 'SPY'" in err and "--proxies (SPY -> ^GSPC)" in err and "foa data fetch SPY" in err
    assert main(["backtest", "sma_crossover", "--symbol", "^GSCP"]) == 1
    assert "Did you mean '^GSPC'?" in capsys.readouterr().err
    assert main(["backtest", "sma_crossover", "--symbol", "SPY", "--proxies", "--start", "2015-01-01", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["assumptions"] == [f"SPY traded as ^GSPC: {PROXIES['SPY'][1]}"]
    assert main(["backtest", "sma_crossover", "--symbol", "SPY", "--proxies", "--start", "2015-01-01"]) == 0
    assert "assumed: SPY traded as ^GSPC" in capsys.readouterr().out


def test_many_missing_symbols_are_counted_with_a_few_suggestions():
    # a wide universe missing most of its symbols: the message names ten, counts the rest and offers at
    # most three "Did you mean", each saying which symbol it is for
    have = [f"AAA{i}" for i in range(60)]
    with pytest.raises(SymbolNotFound) as info:
        resolve_symbols([f"AAB{i}" for i in range(60)], have)
    msg = str(info.value)
    assert len(info.value.missing) == 60
    assert "and 50 more (60 in all)" in msg and "'AAB9'" in msg and "'AAB10'" not in msg
    assert msg.count("Did you mean") == 3 and "For 'AAB0': Did you mean 'AAA0'" in msg
    assert "57 more of the first 50" not in msg and "47 more of the first 50 have close matches" in msg
    # one missing symbol keeps the plain sentence
    with pytest.raises(SymbolNotFound, match=r"symbol \['AAB1'\] not in .* Did you mean 'AAA1'"):
        resolve_symbols(["AAB1"], have)


def test_proxies_already_on_asks_for_a_map_not_for_proxies_again(gspc_ws):
    with pytest.raises(SymbolNotFound) as info:
        foa.backtest(_on(["XLK"]), gspc_ws, proxies=True)
    msg = str(info.value)
    assert "proxies is on, but foa has no stand-in for it: pass your own map, proxies={'XLK': '^GSPC'}" in msg
    assert "proxies=True" not in msg
    # XLK is not in the bundled samples: load_bundled() is not offered for it
    assert "load_bundled" not in msg and "import_file" in msg
    # a bundled symbol that is not loaded yet: load_bundled() is offered, naming it
    with pytest.raises(SymbolNotFound, match=r"ws\.prices\.load_bundled\(\) \(it holds \['\^IXIC'\]\)"):
        foa.backtest(_on(["^IXIC"]), gspc_ws)


def test_cli_proxies_already_passed_is_not_suggested_again(tmp_path, capsys, monkeypatch):
    from foa.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FOA_WORKSPACE", raising=False)
    assert main(["backtest", "sma_crossover", "--symbol", "XLK", "--proxies"]) == 1
    err = capsys.readouterr().err
    assert "no prices for 'XLK'" in err and "--proxies has no stand-in for XLK" in err
    assert "with --proxies" not in err
    assert main(["backtest", "sma_crossover", "--symbol", "XLK"]) == 1
    err = capsys.readouterr().err
    assert "no prices for 'XLK'" in err and "--proxies" not in err


def test_shell_advice_for_proxies_already_on():
    from foa.cli.advice import for_shell

    msg = "To add them, proxies is on, but foa has no stand-in for them: pass your own map, proxies={'XLK': '^GSPC'}"
    assert for_shell(msg) == "To add them, --proxies has no stand-in for them (its stand-ins: foa.engine.prices.PROXIES)"


def test_a_spec_without_symbols_says_how_to_name_them_and_symbols_kw_trades_it(gspc_ws):
    spec = _on([])
    with pytest.raises(SpecError) as info:
        foa.backtest(spec, gspc_ws)
    assert "symbols='^GSPC'" in str(info.value) and "with_symbols" in str(info.value)
    r = foa.backtest(spec, gspc_ws, symbols="^GSPC", start="2010-01-04")
    assert list(r.spec.universe.symbols) == ["^GSPC"]
    assert not any("in place of" in a for a in r.spec.assumptions)  # nothing was replaced: the spec named none
    assert r.stats["trades"] >= 1
    # the same run through the spec's own method gives the same statistics
    r2 = foa.backtest(spec.with_symbols(["^GSPC"]), gspc_ws, start="2010-01-04")
    assert r2.stats["total_return"] == r.stats["total_return"]


def test_with_symbols_notes_a_replacement_and_refuses_nothing():
    spec = _on(["SPY"])
    moved = spec.with_symbols("^GSPC, ^IXIC")
    assert list(moved.universe.symbols) == ["^GSPC", "^IXIC"] and list(spec.universe.symbols) == ["SPY"]
    assert any("traded ^GSPC, ^IXIC in place of SPY" in a for a in moved.assumptions)
    assert spec.with_symbols("SPY").assumptions == spec.assumptions  # the same symbols: nothing to note
    with pytest.raises(SpecError, match="at least one symbol"):
        spec.with_symbols(" , ")


def test_sweep_and_walk_forward_take_symbols_like_backtest(gspc_ws):
    spec = _on([])
    grid = {"fast.window": [10, 20], "slow.window": [50, 100]}
    with pytest.raises(SpecError) as info:
        foa.sweep(spec, gspc_ws, grid, progress=False)
    assert "symbols=" in str(info.value)
    sw = foa.sweep(spec, gspc_ws, grid, symbols="^GSPC", start="2010-01-04", progress=False)
    same = foa.sweep(spec.with_symbols("^GSPC"), gspc_ws, grid, start="2010-01-04", progress=False)
    assert len(sw.table) == 4
    assert sw.table["total_return"].tolist() == same.table["total_return"].tolist()
    wf = foa.walk_forward(spec, gspc_ws, grid, train="5Y", test="2Y", symbols=["^GSPC"], progress=False)
    assert list(wf.oos_result.spec.universe.symbols) == ["^GSPC"]
    assert len(wf.windows) >= 2
