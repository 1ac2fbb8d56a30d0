"""Settings stated on a label line or a table row ("Stochastic: 14, 3, 3") override the indicator's defaults."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, params", [
    ("Setup for ^IXIC\n\n| Parameter | Value\n| Stochastic | 14, 3, 3\n| Entry | %K crosses above %D below 20\n"
     "| Exit | %K above 80\n", (14, 3, 3)),
    ("Stochastic: 10, 5, 5\nBuy QQQ when %K crosses above %D under 25. Sell when %K rises over 75.", (10, 5, 5)),
    ("Settings\n- Slow stochastic = 21/3/3\nRules\n- Buy IWM when %K crosses above %D.\n- Sell when %K crosses below %D.",
     (21, 3, 3)),
    ("Inputs\nStochastic | 9, 3, 3\nGo long DIA once %K moves above 20. Exit once %K drops below 80.", (9, 3, 3)),
    ("Buy SPY when %K crosses above %D while %K is under 30; sell when %K is over 70.\nStochastic: 5, 3, 3", (5, 3, 3)),
])
def test_stated_stochastic_settings_are_used(spec_of, text, params):
    spec = spec_of(text)
    stoch = spec.entry.left if hasattr(spec.entry, "left") else spec.entry.of[0].left
    p = stoch.params
    assert (p.get("fastk_period"), p.get("slowk_period"), p.get("slowd_period")) == params
    assert not any("STOCH parameters not stated" in a for a in spec.assumptions)


@pytest.mark.parametrize("text", [
    # near texts: one number after a label is no settings list, a level stays a level
    "| ADX | 25\nBuy SPY when the 14-day ADX is above 25 and +DI crosses above -DI.",
    "Buy SPY when the stochastic %K crosses above %D below 20. Sell when %K is above 80.",
    "CCI: 20\nBuy QQQ when the CCI(20) crosses above -100; sell when it crosses below 100.",
])
def test_single_numbers_and_levels_stay(spec_of, text):
    spec = spec_of(text)
    assert spec.entry is not None
