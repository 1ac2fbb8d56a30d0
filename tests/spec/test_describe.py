"""describe(): a table indicator's settings are said once a sentence and only where they are not the defaults."""

from __future__ import annotations

from foa.spec import describe as D
from foa.spec.model import StrategySpec
from foa.spec.rule import rule


def _spec(entry: str, exit_: str) -> StrategySpec:
    return StrategySpec.model_validate({"name": "t", "universe": {"symbols": ["SPY"]},
                                        "entry": rule(entry).model_dump(), "exit": rule(exit_).model_dump()})


def test_settings_said_once_a_sentence() -> None:
    text = _spec("stoch(14, 3).slowk crosses_above stoch(14, 3).slowd and stoch(14, 3).slowk < 20",
                 "stoch(14, 3).slowk > 80").describe()
    buy = next(line for line in text.splitlines() if line.startswith("Buy when"))
    assert buy.count("(STOCH;") == 1 and "crosses above the Stochastic slowd and" in buy
    sell = next(line for line in text.splitlines() if line.startswith("Sell when"))
    assert sell.count("(STOCH;") == 1  # each sentence names it in full once


def test_default_settings_are_not_listed_windows_are() -> None:
    text = _spec("stoch(14, 3).slowk < 20", "stoch(14, 3).slowk > 80").describe()
    assert "matype" not in text and "fastk_period=14 days" in text
