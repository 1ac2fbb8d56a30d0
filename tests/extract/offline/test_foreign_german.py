"""German rules in the polite imperative ("Kaufen Sie ..., wenn der RSI unter 30 fällt")."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, entry, exit_", [
    ("Kaufen Sie SPY, wenn der RSI(14) unter 30 fällt; verkaufen Sie, wenn der RSI(14) über 70 steigt.",
     ("rsi", "<", 30), ("rsi", ">", 70)),
    ("Kaufen Sie QQQ, wenn der RSI(2) unter 10 sinkt. Verkaufen Sie, wenn der RSI(2) über 60 steigt.",
     ("rsi", "<", 10), ("rsi", ">", 60)),
    ("Wenn der RSI(5) unter 20 fällt, kaufen Sie IWM. Wenn der RSI(5) über 80 steigt, verkaufen Sie.",
     ("rsi", "<", 20), ("rsi", ">", 80)),
    ("Kaufen Sie DIA, wenn der RSI(3) unter 15 sinkt, und verkaufen Sie, wenn der RSI(3) über 65 steigt.",
     ("rsi", "<", 15), ("rsi", ">", 65)),
    ("Kaufen Sie GLD, sobald der RSI(10) unter 25 fällt; verkaufen Sie, sobald der RSI(10) über 75 steigt.",
     ("rsi", "<", 25), ("rsi", ">", 75)),
])
def test_a_german_rule_is_read(spec_of, text, entry, exit_):
    spec = spec_of(text)
    for cond, (name, op, level) in ((spec.entry, entry), (spec.exit, exit_)):
        assert cond.left.name == name
        assert cond.op in {"<": ("<", "<=", "crosses_below"), ">": (">", ">=", "crosses_above")}[op]
        assert cond.right.value == level


@pytest.mark.parametrize("text", [
    # near texts: "unter" as "among", and a German market report
    "Unter den Aktien im DAX war SAP gestern der stärkste Wert.",
    "Der RSI(14) des DAX fiel gestern unter 30; viele Anleger kauften.",
    "Der Kurs stieg über die 200-Tage-Linie, sagen die Analysten.",
])
def test_german_commentary_stays_refused(spec_of, text):
    from foa.errors import NoStrategyFound

    with pytest.raises(NoStrategyFound):
        spec_of(text)
