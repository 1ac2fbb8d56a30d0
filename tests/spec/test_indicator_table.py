"""The indicator table (foa/spec/indicators.py) against the engine that computes the indicators: every
record's parameters, outputs, inputs and scale are what foa/engine/indicators.py produces."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from foa.errors import SpecError
from foa.spec import indicators as table
from foa.spec.model import INDICATORS, IndicatorExpr, StrategySpec

FOA_TEN = ["sma", "ema", "rsi", "bbands", "macd", "roc", "atr", "highest", "lowest", "stdev"]


@pytest.fixture(scope="module")
def gspc() -> pd.DataFrame:
    from foa.samples import market_data

    # without Adj Close, so the frame is used as it is (no back-adjustment by Adj Close / Close)
    return market_data("^GSPC").loc["2015":"2018"].drop(columns=["Adj Close"])


def _compute(rec: table.Indicator, frame: pd.DataFrame, **params) -> dict[str, np.ndarray]:
    """Every output of ``rec`` computed by the engine's Evaluator on ``frame`` (one symbol)."""
    from foa.engine.compile import Evaluator, bars_for
    from foa.engine.prices import PriceData, normalise_frame

    f, _ = normalise_frame(frame, "X")
    ev = Evaluator(bars_for(PriceData({"X": f}), "daily"), ["X"])
    full = {p.name: p.default if p.default is not None else 10 for p in rec.params}
    full.update(params)
    return {o: ev.indicator(IndicatorExpr(name=rec.name, params=full, output=o))[:, 0] for o in rec.outputs}


def test_foa_ten_are_the_table_and_source_foa():
    assert sorted(r.name for r in table.table() if r.source == "foa") == sorted(FOA_TEN)
    assert table.names()[:10] == FOA_TEN
    assert {r.source for r in table.table()} == {"foa", "talib"}
    assert set(INDICATORS) == set(table.names())


@pytest.mark.parametrize("name", FOA_TEN)
def test_every_output_is_computed_with_the_table_params(name, gspc):
    rec = table.get(name)
    outs = _compute(rec, gspc)
    for o, arr in outs.items():
        assert arr.shape == (len(gspc),), o
        assert np.isfinite(arr[-100:]).all(), f"{name}.{o} is not computed after warm-up"
    if len(rec.outputs) > 1:  # distinct outputs really are distinct series
        assert len({arr[-1] for arr in outs.values()}) == len(rec.outputs)


@pytest.mark.parametrize("name", FOA_TEN)
def test_inputs_are_the_fields_read(name, gspc):
    """Scrambling a field the record lists changes the result; scrambling any other field does not."""
    rec = table.get(name)
    base = _compute(rec, gspc)
    col = {"open": "Open", "high": "High", "low": "Low", "close": "Close", "volume": "Volume"}
    for fld in table.FIELDS:
        f = gspc.copy()
        f[col[fld]] = f[col[fld]] * (1 + 0.01 * np.sin(np.arange(len(f))))
        if fld != "close":  # keep high >= close >= low plausible so the frame normalises
            f["High"] = np.maximum(f["High"], f["Close"])
            f["Low"] = np.minimum(f["Low"], f["Close"])
        got = _compute(rec, f)
        changed = any(not np.allclose(got[o], base[o], equal_nan=True) for o in rec.outputs)
        assert changed == (fld in rec.inputs), f"{name}: field {fld} {'changes' if changed else 'leaves'} the result"


@pytest.mark.parametrize("name", FOA_TEN)
def test_scale_matches_the_values(name, gspc):
    rec = table.get(name)
    out = _compute(rec, gspc)
    close = gspc["Close"].to_numpy()
    for arr in out.values():
        ok = ~np.isnan(arr)
        v, c = arr[ok], close[ok]
        if rec.scale == "price":
            assert np.all(np.abs(v / c - 1) < 0.25), name  # near the price level
        elif rec.bounds() is not None:
            lo, hi = rec.bounds()
            assert v.min() >= lo and v.max() <= hi and v.max() - v.min() > (hi - lo) / 4, name
        elif rec.scale == "return":
            assert np.all(np.abs(v) < 0.5), name
        elif rec.scale == "price_delta":
            assert np.all(np.abs(v) < 0.1 * c) and np.abs(v).max() > 0, name
        else:  # pragma: no cover - a new scale needs its check here
            pytest.fail(f"no check for scale {rec.scale!r}")


@pytest.mark.parametrize("name", [r.name for r in table.table() if r.follows_input])
def test_follows_input_takes_the_scale_of_its_input(name, gspc):
    """An SMA (or band, or channel) of the RSI stays on the RSI's 0-100 scale."""
    from foa.engine.compile import Evaluator, bars_for
    from foa.engine.prices import PriceData, normalise_frame

    rec = table.get(name)
    f, _ = normalise_frame(gspc, "X")
    ev = Evaluator(bars_for(PriceData({"X": f}), "daily"), ["X"])
    params = {p.name: p.default if p.default is not None else 10 for p in rec.params}
    rsi = IndicatorExpr(name="rsi", params={"window": 14})
    v = ev.indicator(IndicatorExpr(name=name, params=params, input=rsi))[:, 0]
    v = v[~np.isnan(v)]
    assert rec.takes_input and len(v) and v.min() >= -50 and v.max() <= 150


def test_params_are_positional_with_defaults():
    assert table.get("bbands").param_names == ("window", "std")
    assert table.get("bbands").optional == {"std": 2.0}
    assert table.get("macd").optional == {"fast": 12, "slow": 26, "signal": 9}
    assert table.get("macd").windows == ("fast", "slow", "signal")
    assert table.get("bbands").windows == ("window",)
    assert table.is_window("sma", "window") and not table.is_window("bbands", "std")
    assert table.get("rsi").bounds() == (0.0, 100.0) and table.get("sma").bounds() is None


def test_validation_reads_the_table():
    with pytest.raises(SpecError, match="unknown indicator 'adxx'.*sma"):
        StrategySpec(name="x", entry={"kind": "compare", "op": ">", "left": {"kind": "indicator", "name": "adxx", "params": {"window": 14}}, "right": {"kind": "const", "value": 25}})
    with pytest.raises(SpecError, match="indicator 'adx' has unknown parameter.*timeperiod"):
        StrategySpec(name="x", entry={"kind": "compare", "op": ">", "left": {"kind": "indicator", "name": "adx", "params": {"window": 14}}, "right": {"kind": "const", "value": 25}})
    with pytest.raises(SpecError, match="needs the parameter 'window'"):
        StrategySpec(name="x", entry={"kind": "compare", "op": ">", "left": {"kind": "price"}, "right": {"kind": "indicator", "name": "sma", "params": {}}})
    with pytest.raises(SpecError, match="takes \\['window', 'std'\\]"):
        StrategySpec(name="x", entry={"kind": "compare", "op": ">", "left": {"kind": "price"}, "right": {"kind": "indicator", "name": "bbands", "params": {"window": 20, "k": 2}}})
    with pytest.raises(SpecError, match="whole number of bars"):
        StrategySpec(name="x", entry={"kind": "compare", "op": ">", "left": {"kind": "price"}, "right": {"kind": "indicator", "name": "macd", "params": {"fast": 2.5}}})


@pytest.mark.parametrize(
    "text,name",
    [
        ("simple moving average", "sma"), ("200-day SMA", "sma"), ("200 DMA", "sma"), ("50-day moving average", "sma"),
        ("exponential moving average", "ema"), ("relative strength index", "rsi"), ("RSI(2)", "rsi"),
        ("Bollinger", "bbands"), ("Bollinger Bands", "bbands"), ("MACD", "macd"), ("rate of change", "roc"),
        ("12-month return", "roc"), ("average true range", "atr"), ("N-day high", "highest"),
        ("20-day high", "highest"), ("10-day low", "lowest"), ("standard deviation", "stdev"),
        ("Donchian channel", "highest"),
    ],
)
def test_by_alias(text, name):
    assert table.by_alias(text).name == name


def test_by_alias_unknown_and_get_unknown():
    assert table.by_alias("parabolic sar").name == "sar"
    assert table.by_alias("ichimoku cloud") is None
    with pytest.raises(SpecError, match="unknown indicator 'ichimoku'.*register_indicator"):
        table.get("ichimoku")


def test_mentioned_prefers_the_longest_alias():
    assert table.mentioned("the 12-day exponential moving average crosses above the 26-day one") == ["ema"]
    assert table.mentioned("RSI(2) below 10 while above the 200-day moving average") == ["rsi", "sma"]
    assert table.mentioned("a stop at 2 x ATR") == ["atr"]
    assert table.mentioned("buy the index at the open") == []
