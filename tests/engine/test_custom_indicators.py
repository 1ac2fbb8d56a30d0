"""Custom indicators (foa.register_indicator): usable by name in a backtest, a sweep, describe() and the
rule syntax within the process; never known to the extractors; unregistered names are SpecErrors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import foa
from foa.errors import SpecError
from foa.spec import indicators as table
from foa.spec.model import StrategySpec

CALLS: list[int] = []


def midrange(high: np.ndarray, low: np.ndarray, window: int = 10) -> np.ndarray:
    """(highest high + lowest low) / 2 over the last ``window`` bars, written with plain pandas."""
    CALLS.append(window)
    h = pd.Series(high).rolling(window, min_periods=window).max()
    lo = pd.Series(low).rolling(window, min_periods=window).min()
    return ((h + lo) / 2).to_numpy()


def zband(close: np.ndarray, window: int = 20, k: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    s = pd.Series(close)
    m, sd = s.rolling(window).mean(), s.rolling(window).std(ddof=0)
    return (m + k * sd).to_numpy(), (m - k * sd).to_numpy()


@pytest.fixture
def registered():
    foa.register_indicator("midrange", midrange, params={"window": 10}, inputs=("high", "low"), scale="price",
                           description="Mid of the n-bar range.")
    foa.register_indicator("zband", zband, params={"window": 20, "k": 1.0}, outputs=("upper", "lower"), scale="price")
    CALLS.clear()
    yield
    foa.unregister_indicator("midrange")
    foa.unregister_indicator("zband")


@pytest.fixture(scope="module")
def gspc() -> pd.DataFrame:
    from foa.samples import market_data

    return market_data("^GSPC").loc["2005":"2012"].drop(columns=["Adj Close"])


def test_custom_indicator_in_a_backtest(registered, gspc):
    spec = StrategySpec(name="mid", entry=foa.rule("close > midrange(20)"), exit=foa.rule("close < midrange(20)"))
    res = foa.backtest(spec, gspc)
    assert len(res.trades) > 10 and CALLS == [20]
    assert "Mid of the n-bar range" not in foa.spec.describe(spec)  # describe() names it by its name
    assert "midrange (MIDRANGE; window=20 days)" in foa.spec.describe(spec)


def test_custom_copy_of_sma_backtests_like_sma(gspc):
    """A custom indicator computing foa's SMA gives the very same trades and equity as sma itself."""
    foa.register_indicator("my_sma", lambda close, window: pd.Series(close).rolling(window).mean().to_numpy(),
                           params={"window": None}, scale="price")
    try:
        mine = foa.backtest(StrategySpec(name="c", entry=foa.rule("close > my_sma(50)"), exit=foa.rule("close < my_sma(50)")), gspc)
    finally:
        foa.unregister_indicator("my_sma")
    theirs = foa.backtest(StrategySpec(name="c", entry=foa.rule("close > sma(50)"), exit=foa.rule("close < sma(50)")), gspc)
    assert len(mine.trades) == len(theirs.trades) > 10
    assert mine.trades["entry_time"].tolist() == theirs.trades["entry_time"].tolist()
    assert np.allclose(mine.equity.to_numpy(), theirs.equity.to_numpy(), rtol=1e-12)


def test_custom_indicator_values_and_outputs(registered, gspc):
    from foa.engine.compile import Evaluator, bars_for
    from foa.engine.prices import PriceData, normalise_frame
    from foa.spec.model import IndicatorExpr

    f, _ = normalise_frame(gspc, "X")
    ev = Evaluator(bars_for(PriceData({"X": f}), "daily"), ["X"])
    lower = ev.indicator(IndicatorExpr(name="zband", params={"window": 10, "k": 2.0}, output="lower"))[:, 0]
    want = zband(f["close"].to_numpy(), 10, 2.0)[1]
    assert np.array_equal(lower, want, equal_nan=True)
    # a one-input custom indicator reads the rule's input instead of the close
    rsi = IndicatorExpr(name="rsi", params={"window": 14})
    up = ev.indicator(IndicatorExpr(name="zband", input=rsi, output="upper"))[:, 0]
    assert np.array_equal(up, zband(ev.indicator(rsi)[:, 0])[0], equal_nan=True)


def test_custom_indicator_in_a_sweep_computed_once_per_window(registered, gspc):
    spec = StrategySpec(name="mid", entry=foa.rule("close > midrange(20, id=m)"), exit=foa.rule("close < midrange(20, id=m)"))
    res = foa.sweep(spec, gspc, {"m.window": [10, 20, 40]})
    assert len(res.table) == 3 and sorted(CALLS) == [10, 20, 40]  # one call per distinct window (one symbol)
    assert res.indicator_computations == 3


def test_unregistered_custom_name_is_a_spec_error(gspc):
    with pytest.raises(SpecError, match="unknown indicator 'midrange'.*register_indicator"):
        StrategySpec(name="x", entry={"kind": "compare", "op": ">", "left": {"kind": "price"},
                                      "right": {"kind": "indicator", "name": "midrange", "params": {"window": 5}}})
    foa.register_indicator("midrange", midrange, params={"window": 10}, inputs=("high", "low"))
    spec = StrategySpec(name="mid", entry=foa.rule("close > midrange(20)"))
    foa.unregister_indicator("midrange")
    with pytest.raises(SpecError, match="unknown indicator 'midrange'"):
        foa.backtest(spec, gspc)  # registered when the spec was built, gone when it runs


def test_registration_errors():
    with pytest.raises(SpecError, match="already an indicator \\(talib\\)"):
        foa.register_indicator("adx", midrange)
    with pytest.raises(SpecError, match="already an indicator \\(foa\\)"):
        foa.register_indicator("sma", midrange)
    with pytest.raises(SpecError, match="lowercase identifier"):
        foa.register_indicator("My Osc", midrange)
    with pytest.raises(SpecError, match="price fields"):
        foa.register_indicator("osc", midrange, inputs=("close", "vwap"))
    with pytest.raises(SpecError, match="scale must be"):
        foa.register_indicator("osc", midrange, scale="percent")
    with pytest.raises(SpecError, match="must be a function"):
        foa.register_indicator("osc", "lambda x: x")
    assert "osc" not in table.names()


def test_bad_custom_function_output_is_a_spec_error(gspc):
    foa.register_indicator("short_one", lambda close, window=5: close[:-1], params={"window": 5})
    foa.register_indicator("boom", lambda close: 1 / 0)
    try:
        with pytest.raises(SpecError, match="returned .* values for .* bars"):
            foa.backtest(StrategySpec(name="x", entry=foa.rule("close > short_one(5)")), gspc)
        with pytest.raises(SpecError, match="custom indicator 'boom' raised ZeroDivisionError"):
            foa.backtest(StrategySpec(name="x", entry=foa.rule("close > boom()")), gspc)
    finally:
        foa.unregister_indicator("short_one")
        foa.unregister_indicator("boom")


def test_extractors_never_see_custom_names(registered):
    from foa.extract.offline import lexicon
    from foa.extract.prompts import system_prompt
    from foa.extract.schema import rule_help

    assert "midrange" in table.names() and table.get("midrange").source == "custom"
    assert "midrange" not in {r.name for r in table.table()}  # what the prompt, schema and lexicon read
    system_prompt.cache_clear()
    assert "midrange" not in system_prompt() and "midrange" not in rule_help()
    assert "midrange" not in lexicon.INDICATOR_WORDS and table.by_alias("midrange") is None
    assert table.mentioned("buy when close is above the midrange") == []
    df = foa.indicators()
    assert df.iloc[-2:]["name"].tolist() == ["midrange", "zband"] and set(df.iloc[-2:]["source"]) == {"custom"}


def test_saved_backtest_with_a_custom_indicator_loads_once_registered(tmp_path, gspc):
    from foa.engine.store import load_backtest

    ws = foa.Workspace(tmp_path / "ws.duckdb")
    foa.register_indicator("midrange", midrange, params={"window": 10}, inputs=("high", "low"), scale="price")
    try:
        spec = StrategySpec(name="mid", entry=foa.rule("close > midrange(20)"), exit=foa.rule("close < midrange(20)"))
        bt_id = foa.backtest(spec, gspc).save(ws)
    finally:
        foa.unregister_indicator("midrange")
    with pytest.raises(SpecError, match="if 'midrange' is your own indicator, register it.*foa.register_indicator"):
        load_backtest(ws, bt_id)  # a new session that has not registered it yet
    foa.register_indicator("midrange", midrange, params={"window": 10}, inputs=("high", "low"), scale="price")
    try:
        assert load_backtest(ws, bt_id)["spec"] == spec
    finally:
        foa.unregister_indicator("midrange")

