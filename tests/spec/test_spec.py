"""StrategySpec DSL: builders, JSON round trip, schema, errors, library, describe and HTML."""

from __future__ import annotations

import json

import pytest

from foa.errors import SpecError
from foa.spec import close, const, rsi, sma
from foa.spec.library import get, library, names
from foa.spec.model import Evidence, Ranking, StrategySpec, Universe
from foa.spec.validate import parse_spec

FAMILIES = ["sma_crossover", "ema_crossover", "trend_filter", "rsi_reversion", "bollinger_reversion",
            "bollinger_breakout", "macd", "donchian_breakout", "ts_momentum", "xs_momentum", "dual_momentum",
            "buy_and_hold"]


def test_builders_read_like_the_rule():
    c = sma(50).crosses_above(sma(200))
    assert c.kind == "compare" and c.op == "crosses_above" and c.left.params == {"window": 50}
    r = rsi(2) < 10
    assert r.right.kind == "const" and r.right.value == 10.0 and r.op == "<"
    a = close() > sma(200) * 1.02
    assert a.right.kind == "arith" and a.right.op == "*" and a.right.right.value == 1.02
    both = (rsi(2) < 10) & (close() > sma(200))
    assert both.kind == "all" and len(both.of) == 2
    assert rsi(2).ago(1).shift == 1


def test_json_round_trip_is_exact_for_every_library_spec():
    for name, spec in library().items():
        text = spec.to_json()
        back = StrategySpec.from_json(text)
        assert back == spec, name
        assert json.loads(back.to_json()) == json.loads(text)


def test_library_has_every_family_with_sweepable_ids():
    assert names() == FAMILIES
    ids = json.dumps(get("sma_crossover").model_dump())
    assert '"id": "fast"' in ids and '"id": "slow"' in ids
    with pytest.raises(SpecError, match="no ready-made spec"):
        get("nope")
    # fresh copies: editing one does not change the library
    s = get("sma_crossover")
    s.name = "changed"
    assert get("sma_crossover").name == "sma_crossover"


def test_json_schema_names_the_contract_fields():
    schema = StrategySpec.json_schema()
    props = schema["properties"]
    for key in ("name", "summary", "universe", "frequency", "direction", "entry", "exit", "short_entry", "short_exit",
                "ranking", "rebalance", "risk", "sizing", "costs", "evidence", "assumptions", "provenance"):
        assert key in props
    assert schema.get("additionalProperties") is False


@pytest.mark.parametrize(
    "payload, match",
    [
        ({"name": "x", "entry": {"kind": "compare", "left": {"kind": "indicator", "name": "foo", "params": {"window": 3}},
                                 "op": ">", "right": {"kind": "const", "value": 1}}}, "unknown indicator 'foo'"),
        ({"name": "x", "entry": {"kind": "compare", "left": {"kind": "indicator", "name": "sma", "params": {"window": 0}},
                                 "op": ">", "right": {"kind": "const", "value": 1}}}, "window must be a whole number of bars >= 1"),
        ({"name": "x", "direction": "long_only", "short_entry": {"kind": "always"}}, "short rules in a long_only spec"),
        ({"name": "x", "extra_field": 1}, "invalid StrategySpec"),
    ],
)
def test_invalid_specs_raise_spec_error_with_a_fix(payload, match):
    with pytest.raises(SpecError, match=match) as info:
        parse_spec(json.dumps(payload))
    # every message says how to fix it
    assert any(w in str(info.value) for w in ("use ", "set ", "Fix ", "drop ")), str(info.value)


def test_sweepable_constant_id_round_trips():
    s = StrategySpec(name="r", entry=rsi(2) < const(10, id="oversold"))
    assert StrategySpec.from_json(s.to_json()).entry.right.id == "oversold"


def test_describe_is_plain_english():
    text = get("sma_crossover").describe()
    assert "Buy when the 50-day SMA crosses above the 200-day SMA" in text
    assert "next trading day's open" in text
    assert "10% below" not in text
    assert "12-month rate of change" in get("ts_momentum").describe()
    dm = get("dual_momentum").describe()
    assert "top 1" in dm and "above 0" in dm
    spec = StrategySpec(name="t", entry=close() > sma(200) * 1.02, risk={"stop_loss": 0.05, "trailing_stop": 0.1})
    d = spec.describe()
    assert "2% above the 200-day SMA" in d and "a 5% stop loss" in d and "a 10% trailing stop" in d


def test_html_marks_each_evidence_state():
    spec = get("sma_crossover").model_copy(update={
        "evidence": [Evidence(field="entry", quote="50-day crosses the 200-day", page=1, verified=True, state="supports"),
                     Evidence(field="exit", quote="invented <b>quote</b>", page=2, verified=False, state="not_found"),
                     Evidence(field="risk.take_profit", quote="a 3% stop", page=2, verified=False, state="found")],
        "assumptions": ["fills at the next open"],
    })
    html = spec._repr_html_()
    assert "&#10003; supports" in html and "&#10007; not found in the document" in html
    assert "~ found only" in html
    assert "&lt;b&gt;quote&lt;/b&gt;" in html  # escaped, never raw markup from a document
    assert "fills at the next open" in html


def test_ranking_with_one_symbol_is_rejected_at_compile_time():
    import pandas as pd

    from foa.engine.backtest import backtest

    spec = StrategySpec(name="r", universe=Universe(symbols=["A"]), ranking=Ranking(by=sma(5), top_n=1),
                        rebalance="monthly")
    df = pd.DataFrame({"Close": range(1, 40)}, index=pd.bdate_range("2020-01-01", periods=39), dtype=float)
    with pytest.raises(SpecError, match="at least 2 symbols"):
        backtest(spec, df)


def test_spec_reference_page_is_generated_from_the_schema():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "docs" / "gen_spec_reference.py"
    mod_spec = importlib.util.spec_from_file_location("gen_spec_reference", path)
    mod = importlib.util.module_from_spec(mod_spec)
    mod_spec.loader.exec_module(mod)
    assert mod.OUT.read_text(encoding="utf-8") == mod.render(), "run: python docs/gen_spec_reference.py"
