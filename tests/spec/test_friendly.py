"""Friendly errors on the common slips: percent for a fraction, near-miss names, pydantic's raw errors."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

import foa
from foa.errors import FoaError, SpecError
from foa.spec.friendly import SpecValidationError, closest, did_you_mean, edit_distance, percent_hint
from foa.spec.library import get
from foa.spec.model import Costs, Risk, StrategySpec


def test_edit_distance_counts_a_swap_as_one():
    assert edit_distance("^GSCP", "^GSPC") == 1
    assert edit_distance("abc", "abc") == 0
    assert edit_distance("", "abc") == 3
    assert edit_distance("kitten", "sitting") == 3


@pytest.mark.parametrize("typo", ["^GSCP", "^gspc", "GSPC", "gspc"])
def test_closest_symbol(typo):
    assert closest(typo, ["^IXIC", "^GSPC", "CL=F", "^VIX"])[0] == "^GSPC"


def test_closest_finds_nothing_for_a_different_name():
    assert closest("SPY", ["^GSPC", "^IXIC"]) == [] and closest("", ["x"]) == []


def test_symbols_take_one_edit_at_most():
    """Two edits apart is another instrument for a ticker: VFINX is not the VIX, AAPLX not AAPL... but a swap is a typo."""
    pool = ["^GSPC", "^IXIC", "CL=F", "^VIX"]
    assert closest("VFINX", pool) == ["^VIX"]  # names in general allow two edits
    assert closest("VFINX", pool, max_edits=1) == []
    assert closest("^GSCP", pool, max_edits=1) == ["^GSPC"] and closest("VIXX", pool, max_edits=1) == ["^VIX"]
    assert did_you_mean("VFINX", pool, max_edits=1) == ""


@pytest.mark.parametrize("field,value,meant", [
    ("stop_loss", 8, "0.08"), ("trailing_stop", 5, "0.05"), ("take_profit", 15, "0.15"), ("fraction", 25, "0.25"),
])
def test_percent_stops_and_targets(field, value, meant):
    assert f"did you mean {meant} ({value}%)?" in percent_hint(field, value)


def test_fractions_and_large_targets_pass():
    assert percent_hint("stop_loss", 0.08) == "" and percent_hint("take_profit", 1.5) == ""
    assert percent_hint("take_profit", 2.0) == ""  # "sell at 3x the entry" is a +200% target
    assert Risk(take_profit=2.0).take_profit == 2.0


def test_risk_in_percent_is_a_spec_error_with_the_fraction():
    with pytest.raises(SpecError, match=r"did you mean 0\.08 \(8%\)\?") as info:
        StrategySpec(name="x", entry={"kind": "always"}, risk={"stop_loss": 8})
    err = info.value
    assert isinstance(err, FoaError) and isinstance(err, ValidationError) and isinstance(err, SpecValidationError)
    assert err.errors()[0]["loc"] == ("risk", "stop_loss") and err.errors()[0]["input"] == 8
    with pytest.raises(SpecError, match=r"take_profit .*did you mean 0\.2 \(20%\)"):
        Risk(take_profit=20)


def test_costs_in_basis_points():
    with pytest.raises(SpecError, match=r"did you mean 0\.001 \(10 bp\) or 0\.1 \(10%\)\?"):
        Costs(fees=10)


def test_model_validate_json_raises_a_foa_error_with_pydantic_details():
    bad = json.loads(get("sma_crossover").model_dump_json())
    bad["frequency"] = "hourly"
    bad["risk"]["stop_loss"] = 8
    with pytest.raises(FoaError) as info:
        StrategySpec.model_validate_json(json.dumps(bad))
    err = info.value
    assert isinstance(err, SpecError) and isinstance(err, ValidationError)
    locs = {e["loc"] for e in err.errors()}
    assert locs == {("frequency",), ("risk", "stop_loss")}
    text = str(err)
    assert text.startswith("invalid StrategySpec: ") and "frequency" in text and "did you mean 0.08" in text
    assert err.__cause__ is not None  # pydantic's own error stays attached
    with pytest.raises(SpecError):
        StrategySpec.model_validate(bad)
    with pytest.raises(SpecError):
        StrategySpec.model_validate_json("not json")


def test_code_that_catches_pydantic_still_works():
    with pytest.raises(ValidationError):
        StrategySpec.model_validate({"name": 3})


def test_parse_spec_and_builders_keep_their_messages():
    from foa.spec.validate import parse_spec

    with pytest.raises(SpecError, match="invalid StrategySpec: risk.stop_loss"):
        parse_spec({"name": "x", "risk": {"stop_loss": 8}})


def test_stats_key_error_lists_keys_and_maps_display_labels():
    r = foa.backtest(get("buy_and_hold"), foa.samples.market_data("^GSPC"), start="2018-01-01")
    for key in ("sharpe_ratio", "Sharpe ratio", "Sharpe"):
        with pytest.raises(KeyError) as info:
            r.stats[key]
        assert isinstance(info.value, FoaError)
        msg = str(info.value)
        assert "Did you mean 'sharpe'?" in msg and "total_return" in msg and "max_drawdown" in msg, msg
    with pytest.raises(SpecError, match="Did you mean 'max_drawdown'"):
        r.stats[["total_return", "Max drawdown"]]
    with pytest.raises(SpecError, match="no stat 'zzz'. The stats are: start"):
        r.stats["zzz"]
    assert r.stats["sharpe"] == r.stats.sharpe  # the real keys still work, as a Series
    assert list(r.stats[["total_return", "cagr"]].index) == ["total_return", "cagr"]
