"""assign_ids / sweep_keys (foa/spec/ids.py): deterministic sweepable ids, the ready-made families' own."""

from __future__ import annotations

import pytest

from foa.spec import atr, close, const, ema, highest, lowest, rsi, sma
from foa.spec.ids import assign_ids, sweep_keys
from foa.spec.library import library
from foa.spec.model import AllCondition, Risk, StrategySpec, Universe


def _strip(x):
    if isinstance(x, dict):
        return {k: _strip(v) for k, v in x.items() if k != "id"}
    if isinstance(x, list):
        return [_strip(v) for v in x]
    return x


@pytest.mark.parametrize("name", sorted(library()))
def test_ready_made_families_get_their_own_ids_back(name):
    spec = library()[name]
    bare = StrategySpec.model_validate(_strip(spec.model_dump()))
    assert assign_ids(bare) == spec


def test_deterministic_idempotent_and_shared_between_equal_indicators():
    spec = StrategySpec(name="x", universe=Universe(symbols=["SPY"]),
                        entry=ema(12).crosses_above(ema(26)) & (rsi(14) < 30), exit=ema(12).crosses_below(ema(26)) | (rsi(14) > 70),
                        risk=Risk(stop_loss=0.05))
    a, b = assign_ids(spec), assign_ids(spec)
    assert a == b and assign_ids(a) == a
    assert a.entry.of[0].left.id == a.exit.of[0].left.id == "fast" and a.exit.of[0].right.id == "slow"
    assert sweep_keys(a) == {"fast.window": 12, "slow.window": 26, "rsi.window": 14, "oversold.value": 30.0,
                             "overbought.value": 70.0, "risk.stop_loss": 0.05}


def test_ids_already_set_are_kept_and_others_follow_name_window():
    spec = StrategySpec(name="x", entry=AllCondition(of=[close() > sma(100, id="mine"), atr(14) < const(2.5), atr(20) > 1]),
                        exit=close() < lowest(10))
    got = assign_ids(spec)
    ids = {e.id for e in [got.entry.of[0].right, got.entry.of[1].left, got.entry.of[2].left, got.exit.right]}
    assert ids == {"mine", "atr_14", "atr_20", "exit"}
    assert {"mine.window", "atr_14.window", "atr_20.window", "atr_14_level.value", "atr_20_level.value", "exit.window"} == set(sweep_keys(got))


def test_zero_lines_are_not_parameters_and_taken_names_are_numbered():
    spec = StrategySpec(name="x", entry=AllCondition(of=[sma(5) > sma(20), sma(50) > sma(200)]), exit=highest(20) < close())
    got = assign_ids(spec)
    names = [got.entry.of[0].left.id, got.entry.of[0].right.id, got.entry.of[1].left.id, got.entry.of[1].right.id]
    assert names[:2] == ["fast", "slow"] and len(set(names)) == 4
    ts = assign_ids(StrategySpec(name="m", frequency="monthly", entry=sma(10, input=rsi(14)) > 0, exit=rsi(14) < 0))
    assert all(not k.endswith(".value") for k in sweep_keys(ts))


def test_extractors_assign_ids(tmp_path):
    import foa

    spec = foa.extract_strategy(foa.samples.load_sample("broker_note"), provider="offline")
    keys = sweep_keys(spec)
    assert {"fast.window", "slow.window", "risk.stop_loss"} <= set(keys)
