"""TA-Lib behind the spec: every TA-Lib function, named in a spec, gives exactly what a direct TA-Lib call
gives on the bundled data; foa's own rows keep foa's formulas (their documented differences hold)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

talib = pytest.importorskip("talib")
import talib.abstract  # noqa: E402

import foa  # noqa: E402
from foa.errors import SpecError  # noqa: E402
from foa.spec import indicators as table  # noqa: E402
from foa.spec.model import ConstExpr, IndicatorExpr, StrategySpec  # noqa: E402

FOA_OVERLAP = {"sma", "ema", "rsi", "bbands", "macd", "roc", "atr"}  # TA-Lib names foa's own rows keep
ALL = sorted(f.lower() for f in talib.get_functions())
TALIB_ROWS = [n for n in ALL if n not in FOA_OVERLAP]
CLOSE_ONLY = [n for n in TALIB_ROWS if table.get(n).inputs == ("close",)]


def _frame(symbol: str) -> pd.DataFrame:
    from foa.engine.prices import normalise_frame
    from foa.samples import market_data

    f, _ = normalise_frame(market_data(symbol).drop(columns=["Adj Close"], errors="ignore"), symbol)
    return f


@pytest.fixture(scope="module")
def gspc():
    return _frame("^GSPC")


@pytest.fixture(scope="module")
def clf():
    return _frame("CL=F")


def _evaluator(frame: pd.DataFrame, frequency: str = "daily"):
    from foa.engine.compile import Evaluator, bars_for
    from foa.engine.prices import PriceData

    return Evaluator(bars_for(PriceData({"X": frame}), frequency), ["X"])


def _direct(name: str, frame: pd.DataFrame) -> tuple:
    """TA-Lib's own call with its defaults, inputs by TA-Lib's names (MAVP: periods of 10 bars)."""
    fn = getattr(talib, name.upper())
    rec = table.get(name)
    args = [np.full(len(frame), 10.0) if f == "periods" else frame[f].to_numpy(dtype="float64") for f in rec.inputs]
    got = fn(*args)
    return got if isinstance(got, tuple) else (got,)


def _via_spec(name: str, frame: pd.DataFrame) -> list[np.ndarray]:
    ev = _evaluator(frame)
    rec = table.get(name)
    extra = {"input": ConstExpr(value=10.0)} if name == "mavp" else {}
    return [ev.indicator(IndicatorExpr(name=name, output=o, **extra))[:, 0] for o in rec.outputs]


def test_every_talib_function_is_a_row():
    names = set(table.names())
    assert set(ALL) <= names
    for n in TALIB_ROWS:
        rec = table.get(n)
        info = talib.abstract.Function(n.upper()).info
        assert rec.source == "talib"
        assert rec.param_names == tuple(info["parameters"]) and rec.optional == dict(info["parameters"])
        assert len(rec.outputs) == len(info["output_names"])
    assert {table.get(n).source for n in FOA_OVERLAP} == {"foa"}


@pytest.mark.parametrize("name", TALIB_ROWS)
def test_equal_to_a_direct_talib_call_on_gspc(name, gspc):
    got, want = _via_spec(name, gspc), _direct(name, gspc)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        w = np.asarray(w, dtype="float64")
        assert np.array_equal(g, w, equal_nan=True), name
    if name not in ("acos", "asin"):  # defined on [-1, 1] only: test_input_replaces... covers them
        assert any(np.isfinite(g).any() for g in got), f"{name} computed nothing: the check is vacuous"


@pytest.mark.parametrize("name", CLOSE_ONLY)
def test_close_only_functions_equal_on_crude_oil(name, clf):
    # CL=F closed below zero in April 2020: logs, roots and ratios meet a negative price here
    got, want = _via_spec(name, clf), _direct(name, clf)
    for g, w in zip(got, want):
        assert np.array_equal(g, np.asarray(w, dtype="float64"), equal_nan=True), name


def test_multi_output_by_name_and_params_by_keyword(gspc):
    ev = _evaluator(gspc)
    h, lo, c = (gspc[f].to_numpy(dtype="float64") for f in ("high", "low", "close"))
    k, d = talib.STOCH(h, lo, c, fastk_period=14, slowk_period=3, slowd_period=3)
    spec_k = ev.indicator(IndicatorExpr(name="stoch", params={"fastk_period": 14}, output="slowk"))[:, 0]
    spec_d = ev.indicator(IndicatorExpr(name="stoch", params={"fastk_period": 14}, output="slowd"))[:, 0]
    assert np.array_equal(spec_k, k, equal_nan=True) and np.array_equal(spec_d, d, equal_nan=True)
    assert ev.computations == 1  # one STOCH call serves both outputs
    first = ev.indicator(IndicatorExpr(name="stoch", params={"fastk_period": 14}))[:, 0]
    assert np.array_equal(first, k, equal_nan=True)  # no output: the first one


def test_input_replaces_the_close_of_a_one_input_function(gspc):
    ev = _evaluator(gspc)
    rsi = IndicatorExpr(name="rsi", params={"window": 14})
    got = ev.indicator(IndicatorExpr(name="kama", params={"timeperiod": 10}, input=rsi))[:, 0]
    want = talib.KAMA(ev.indicator(rsi)[:, 0], timeperiod=10)
    assert np.array_equal(got, want, equal_nan=True) and np.isfinite(got).sum() > 4000
    h, lo = gspc["high"].to_numpy(dtype="float64"), gspc["low"].to_numpy(dtype="float64")
    for fn in ("acos", "asin"):  # on a series inside their domain: the correlation of high and low
        got = ev.indicator(IndicatorExpr(name=fn, input=IndicatorExpr(name="correl")))[:, 0]
        want = getattr(talib, fn.upper())(talib.CORREL(h, lo))
        assert np.array_equal(got, want, equal_nan=True) and np.isfinite(got).sum() > 4000


def test_weekly_bars_feed_talib_the_resampled_bars(gspc):
    from foa.engine.compile import bars_for
    from foa.engine.prices import PriceData

    ev = _evaluator(gspc, "weekly")
    wk = bars_for(PriceData({"X": gspc}), "weekly")
    got = ev.indicator(IndicatorExpr(name="adx", params={"timeperiod": 10}))[:, 0]
    want = talib.ADX(wk.fields["high"][:, 0], wk.fields["low"][:, 0], wk.fields["close"][:, 0], timeperiod=10)
    assert len(got) == len(wk.index) < len(gspc) / 4
    assert np.array_equal(got, want, equal_nan=True)


def test_window_longer_than_the_data_and_bad_params_are_spec_errors(gspc):
    ev = _evaluator(gspc.iloc[:40])
    with pytest.raises(SpecError, match="adx timeperiod=50 is longer than the data"):
        ev.indicator(IndicatorExpr(name="adx", params={"timeperiod": 50}))
    with pytest.raises(SpecError, match="TA-Lib ADX.*failed"):
        ev.indicator(IndicatorExpr(name="adx", params={"timeperiod": 1}))
    with pytest.raises(SpecError, match="mavp needs its periods series"):
        ev.indicator(IndicatorExpr(name="mavp"))


def test_validation_knows_talib_params():
    with pytest.raises(SpecError, match="indicator 'sar' has unknown parameter.*acceleration"):
        StrategySpec(name="x", entry={"kind": "compare", "op": ">", "left": {"kind": "price"},
                      "right": {"kind": "indicator", "name": "sar", "params": {"af": 0.02}}})
    with pytest.raises(SpecError, match="sar has no argument 'af'"):
        foa.rule("close > sar(af=0.02)")
    with pytest.raises(SpecError, match="stoch has outputs"):
        StrategySpec(name="x", entry=IndicatorExpr(name="stoch", output="k") < 20)
    with pytest.raises(SpecError, match="whole number of bars"):
        StrategySpec(name="x", entry=IndicatorExpr(name="adx", params={"timeperiod": 2.5}) > 25)


# ---------------------------------------------------------------------- foa's own rows vs TA-Lib's


def test_foa_rows_accept_talib_param_names():
    assert IndicatorExpr(name="sma", params={"timeperiod": 50}).params == {"window": 50}
    assert IndicatorExpr(name="macd", params={"fastperiod": 5, "slowperiod": 35, "signalperiod": 5}).params == {
        "fast": 5, "slow": 35, "signal": 5}
    assert IndicatorExpr(name="bbands", params={"timeperiod": 20, "nbdevup": 2.5, "nbdevdn": 2.5, "matype": 0}).params == {
        "window": 20, "std": 2.5}
    assert str(foa.rule("close > sma(timeperiod=200)")) == "close > sma(200)"
    with pytest.raises(SpecError, match="nbdevdn=1.5 disagrees with std=2.5"):
        IndicatorExpr(name="bbands", params={"timeperiod": 20, "nbdevup": 2.5, "nbdevdn": 1.5})
    with pytest.raises(SpecError, match="matype 0"):
        IndicatorExpr(name="bbands", params={"timeperiod": 20, "matype": 1})


def test_foa_rows_differ_from_talib_as_documented(gspc):
    """docs/semantics.md: sma/bbands equal, roc a fraction (TA-Lib a percent), ema/rsi/atr/macd seeded
    differently (equal once the seed has washed out)."""
    ev = _evaluator(gspc)
    c, h, lo = (gspc[f].to_numpy(dtype="float64") for f in ("close", "high", "low"))

    def g(name, output=None, **p):
        return ev.indicator(IndicatorExpr(name=name, params=p, output=output))[:, 0]

    assert np.allclose(g("sma", window=30), talib.SMA(c, 30), rtol=1e-12, equal_nan=True)
    assert np.allclose(g("bbands", "upper", window=20), talib.BBANDS(c, 20)[0], rtol=1e-12, equal_nan=True)
    assert np.allclose(g("roc", window=10) * 100, talib.ROC(c, 10), rtol=1e-9, equal_nan=True)
    assert np.allclose(g("stdev", window=5), talib.STDDEV(c, 5), rtol=1e-9, equal_nan=True)
    assert np.allclose(g("highest", window=5)[1:], talib.MAX(h, 5)[:-1], equal_nan=True)  # the bars before t
    for ours, theirs in [(g("ema", window=14), talib.EMA(c, 14)), (g("rsi", window=14), talib.RSI(c, 14)),
                         (g("atr", window=14), talib.ATR(h, lo, c, 14)), (g("macd", "signal"), talib.MACD(c)[1])]:
        assert np.array_equal(np.isnan(ours), np.isnan(theirs))  # the same warm-up
        rel = np.abs(ours - theirs) / np.abs(theirs)
        assert np.nanmax(rel[500:]) < 1e-8  # the seed has washed out
    assert np.nanmax(np.abs(g("rsi", window=14) - talib.RSI(c, 14))[:60]) > 0.1  # ...but differs early


# --------------------------------------------------------------------------------- sweeps, backtest


def test_sweep_over_a_talib_grid_computes_each_indicator_once(gspc):
    spec = StrategySpec(name="adx_sar", entry=foa.rule("adx(14, id=trend) > 25 and close > sar(0.02, id=ps)"),
                        exit=foa.rule("close < sar(0.02, id=ps)"))
    grid = {"trend.timeperiod": [10, 14, 20, 28], "ps.acceleration": [0.01, 0.02, 0.03]}
    res = foa.sweep(spec, gspc, grid)
    assert len(res.table) == 12
    assert res.indicator_computations == 4 + 3  # 4 ADX and 3 SAR, not 12 of each
    one = foa.backtest(spec, gspc)  # the grid's own point agrees
    row = res.table[(res.table["trend.timeperiod"] == 14) & (res.table["ps.acceleration"] == 0.02)].iloc[0]
    assert row["sharpe"] == pytest.approx(one.stats["sharpe"], rel=1e-9)


@pytest.mark.parametrize("name", [n for n in TALIB_ROWS if table.get(n).bounds() is not None])
def test_bounded_scales_hold_on_gspc(name, gspc):
    """The table's range(lo,hi) scales (read by the spec checks) hold on 20 years of the S&P 500."""
    lo, hi = table.get(name).bounds()
    for v in _via_spec(name, gspc) if name not in ("acos", "asin") else []:
        v = v[~np.isnan(v)]
        assert v.min() >= lo - 1e-9 and v.max() <= hi + 1e-9, (name, v.min(), v.max())


@pytest.mark.parametrize("name", [n for n in TALIB_ROWS if table.get(n).scale == "price" and n != "mavp"])
def test_price_scales_are_near_the_price(name, gspc):
    c = gspc["close"].to_numpy(dtype="float64")
    v = _via_spec(name, gspc)[0]  # the first output carries the scale (supertrend: the line, not the +/-1 trend)
    ok = np.isfinite(v)
    assert ok.sum() > 1000 and np.median(np.abs(v[ok] / c[ok] - 1)) < 0.25, name
