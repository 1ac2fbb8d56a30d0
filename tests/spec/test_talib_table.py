"""The TA-Lib rows of the indicator table: generated from the installed TA-Lib (and equal to it), readable
without TA-Lib, reachable by prose alias and by the rule syntax, listed by foa.indicators()."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import foa
from foa.errors import SpecError
from foa.spec import indicators as table
from foa.spec.model import IndicatorExpr, StrategySpec

ROOT = Path(__file__).resolve().parents[2]


def test_generated_module_equals_what_the_installed_talib_reports():
    pytest.importorskip("talib")
    from foa.spec import gen_talib_table

    assert gen_talib_table.TARGET.read_text(encoding="utf-8") == gen_talib_table.render(), (
        "TA-Lib differs from foa/spec/talib_table.py: run python -m foa.spec.gen_talib_table")


def test_table_loads_and_validates_without_talib():
    code = textwrap.dedent("""
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == "talib" or name.startswith("talib."):
                    raise ImportError("TA-Lib blocked for this test")
        sys.meta_path.insert(0, Block())
        import foa
        from foa.spec import indicators
        df = foa.indicators()
        spec = foa.StrategySpec(name="x", entry=foa.rule("adx(14) > 25 and stoch().slowk < 20"))
        print(len(df), indicators.get("sar").params[0].name, spec.entry.of[1].left.output, "talib" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    n, first_param, output, loaded = out.stdout.split()
    assert int(n) > 200 and first_param == "acceleration" and output == "slowk" and loaded == "False"


def test_indicators_frame():
    df = foa.indicators()
    assert list(df.columns[:7]) == ["name", "params", "outputs", "inputs", "scale", "description", "source"]
    assert df["name"].is_unique and set(df["source"]) == {"foa", "talib"}
    assert df["name"].tolist()[:10] == ["sma", "ema", "rsi", "bbands", "macd", "roc", "atr", "highest", "lowest", "stdev"]
    row = df.set_index("name").loc["stoch"]
    assert list(row["params"].items()) == [("fastk_period", 5), ("slowk_period", 3), ("slowk_matype", 0),
                                           ("slowd_period", 3), ("slowd_matype", 0)]  # positional order
    assert row["outputs"] == ("slowk", "slowd") and row["inputs"] == ("high", "low", "close")
    assert row["scale"] == "range(0,100)" and row["source"] == "talib" and row["windows"] == ("fastk_period", "slowk_period", "slowd_period")
    assert df.set_index("name").loc["sma", "params"] == {"window": None}  # None = required
    assert len(foa.indicators("foa")) == 10
    with pytest.raises(SpecError, match="source must be"):
        foa.indicators("ta-lib")


@pytest.mark.parametrize("text,name", [
    ("Parabolic SAR", "sar"), ("stochastic", "stoch"), ("Williams %R", "willr"), ("commodity channel index", "cci"),
    ("average directional index", "adx"), ("on-balance volume", "obv"), ("money flow index", "mfi"),
    ("Kaufman", "kama"), ("Keltner channels", "kc"), ("14-day ADX", "adx"), ("20-day CCI", "cci"),
    ("Hull moving average", "hma"), ("ultimate oscillator", "ultosc"), ("doji", "cdldoji"),
    # foa's own names keep their aliases
    ("MA", "sma"), ("moving average", "sma"), ("Donchian channel", "highest"), ("momentum", "roc"),
])
def test_prose_aliases(text, name):
    assert table.by_alias(text).name == name


def test_talib_names_that_are_not_prose_stay_out_of_prose():
    assert table.by_alias("add") is None and table.by_alias("min") is None
    assert table.mentioned("add to the position at the min of the range") == []
    assert table.mentioned("enter when the ADX is above 25 and the Parabolic SAR is below price") == ["adx", "sar"]


def test_rule_forms_for_talib_indicators():
    c = foa.rule("adx(14) > 25 and stoch().slowk < 20")
    adx, stoch = c.of[0].left, c.of[1].left
    assert (adx.name, adx.params) == ("adx", {"timeperiod": 14})
    assert (stoch.name, stoch.params, stoch.output) == ("stoch", {}, "slowk")
    assert str(c) == "adx(14) > 25 and stoch().slowk < 20"
    s = foa.rule("close crosses_above sar(0.02, 0.2, id=psar) and willr(timeperiod=10) < -80")
    assert s.of[0].right.params == {"acceleration": 0.02, "maximum": 0.2} and s.of[0].right.id == "psar"
    assert s.of[1].left.params == {"timeperiod": 10}
    assert foa.rule(str(s)) == s  # printing and parsing round-trip
    k = foa.rule("kama(10, input=rsi(14)) > 50").left
    assert k.input.name == "rsi" and k.params == {"timeperiod": 10}
    assert str(foa.rule("stoch(14, 3, 0, 3).slowd < 20")) == "stoch(14, 3, 0, 3).slowd < 20"
    with pytest.raises(SpecError, match="an output of stoch: slowk, slowd"):
        foa.rule("stoch().k < 20")
    with pytest.raises(SpecError, match="adx takes 1 positional parameter"):
        foa.rule("adx(14, 3) > 25")


def test_foa_rows_take_talib_param_names_in_rules_and_json():
    assert foa.rule("close > sma(timeperiod=200)") == foa.rule("close > sma(200)")
    assert foa.rule("bbands(timeperiod=20, nbdevup=2.5, nbdevdn=2.5).upper > close").left.params == {"window": 20, "std": 2.5}
    spec = StrategySpec.model_validate({"name": "x", "entry": {"kind": "compare", "op": ">", "left": {"kind": "price"},
                                        "right": {"kind": "indicator", "name": "ema", "params": {"timeperiod": 30}}}})
    assert spec.entry.right.params == {"window": 30}
    assert table.normalize_params("adx", {"timeperiod": 14}) == {"timeperiod": 14}  # TA-Lib rows as they are


def test_scales_windows_and_inputs_of_talib_rows():
    assert table.get("willr").bounds() == (-100.0, 0.0)
    assert table.get("obv").scale == "volume" and table.get("obv").inputs == ("close", "volume")
    assert table.get("kama").follows_input and table.get("kama").takes_input
    assert not table.get("adx").takes_input and table.get("adx").default_input is None
    assert table.get("macdext").windows == ("fastperiod", "slowperiod", "signalperiod")
    assert table.get("ultosc").windows == ("timeperiod1", "timeperiod2", "timeperiod3")
    assert table.is_window("fractal", "leftbars") and not table.is_window("stoch", "slowk_matype")
    assert IndicatorExpr(name="adx", params={"timeperiod": 14.0}).params == {"timeperiod": 14}
    assert all(r.scale in table.SCALES or r.bounds() is not None for r in table.table())


def test_indicator_builder_by_name():
    from foa.spec import indicator

    assert indicator("adx", 14) == IndicatorExpr(name="adx", params={"timeperiod": 14})
    assert indicator("stoch", 14, slowd_period=5, output="slowd").params == {"fastk_period": 14, "slowd_period": 5}
    assert str(indicator("kama", 10, input=indicator("rsi", 14)) > 50) == "kama(10, input=rsi(14)) > 50"
    assert indicator("sma", timeperiod=50) == IndicatorExpr(name="sma", params={"window": 50})
    with pytest.raises(SpecError, match="adx takes 1 positional parameter"):
        indicator("adx", 14, 3)
    with pytest.raises(SpecError, match="given both by position and by name"):
        indicator("adx", 14, timeperiod=20)
    with pytest.raises(SpecError, match="unknown indicator 'adxx'"):
        indicator("adxx", 14)


def test_unknown_names_suggest_the_table_name():
    with pytest.raises(SpecError, match="unknown indicator 'Stochastic' \\(did you mean 'stoch'\\?\\)"):
        table.get("Stochastic")
    with pytest.raises(SpecError, match="unknown indicator 'Parabolic SAR' \\(did you mean 'sar'\\?\\)"):
        table.get("Parabolic SAR")
    with pytest.raises(SpecError, match="'adxx' \\(did you mean 'adx'"):
        StrategySpec(name="x", entry={"kind": "compare", "op": ">", "left": {"kind": "indicator", "name": "adxx"},
                                      "right": {"kind": "const", "value": 25}})
