"""Extractors never produce a custom indicator (foa.register_indicator): a model reply naming one is
re-asked, the offline extractor does not know the name, even while it is registered in the process."""

from __future__ import annotations

import json

import numpy as np
import pytest

import foa
from foa.spec.model import StrategySpec


@pytest.fixture
def midrange():
    foa.register_indicator("midrange", lambda high, low, window=10: (high + low) / 2 + 0 * np.arange(len(high)),
                           params={"window": 10}, inputs=("high", "low"), scale="price")
    yield
    foa.unregister_indicator("midrange")


def test_a_model_reply_naming_a_custom_indicator_is_refused(midrange):
    from foa.extract.schema import parse_reply, spec_to_wire

    spec = StrategySpec(name="mid", entry=foa.rule("close > midrange(20)"))
    got = parse_reply(json.dumps(spec_to_wire(spec)))
    assert got.spec is None and "midrange is not an indicator of the instructions' list" in got.errors[0]
    ok = parse_reply(json.dumps(spec_to_wire(StrategySpec(name="adx", entry=foa.rule("adx(14) > 25")))))
    assert ok.spec is not None and ok.spec.entry.left.name == "adx"  # TA-Lib's names are the table's


def test_offline_extraction_never_names_a_custom_indicator(midrange, tmp_path):
    from foa.spec.validate import iter_indicators

    note = tmp_path / "note.md"
    note.write_text("# Midrange breakout\n\nBuy SPY when the close rises above the 20-day midrange. "
                    "Sell when the close falls below the 50-day simple moving average.\n", encoding="utf-8")
    spec = foa.extract_strategy(foa.load_document(note), provider="offline")
    names = {e.name for e in iter_indicators(spec)}
    assert names and "midrange" not in names and names <= {r.name for r in foa.spec.indicators.table()}
