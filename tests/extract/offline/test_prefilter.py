"""The literal pre-checks that let the grammar skip searches which cannot match (``prefilter``).

Sentences and patterns are written for these tests.
"""

from __future__ import annotations

import re

import pytest

from foa.extract.offline import unsupported
from foa.extract.offline.prefilter import may_match, needs

SENTENCES = [
    "Buy SPY when the 50-day SMA crosses above the 200-day SMA; sell when it crosses back below.",
    "Markets were mixed this week as investors weighed central bank comments.",
    "Only trade during the London session on the 15-minute chart, between 9:30 and 11.",
    "Move the stop to breakeven once price reaches 1R; take half off at the first target.",
    "stop_loss_pips = 30; take_profit_points: 60",
    "input int StopLoss = 200;",
    "sl = close - atr * 2; tp = entry + (entry - stop) * 2",
    "Close below the open on a red candle, with the IBS under 0.2 and volume rising.",
    "Risk 1% per trade; position size based on ATR. Add to winning positions on new highs.",
    "Exit on the last trading day of the month, or on the first Friday of the quarter.",
    "the p/e ratio is below 15 and revenue growth is above 10%",
    "on the weekly chart the trend is up, and we trade the daily breakout",
    "",
]


@pytest.mark.parametrize("pattern, want", [
    (r"\b(?:trailing|chandelier)\s+stops?\b", {"trailing", "chandelier"}),
    (r"\d+\s*%", {"%"}),
    (r"(?:long|short)?\s*entry", {"entry"}),  # the optional group holds nothing every match needs
    (r"\b[ab]\d*", {"a", "b"}),  # a class of plain characters: one of them
    (r"abc(?:d|ef)+", {"abc"}),  # the longest required text wins
])
def test_needs(pattern: str, want: set[str]) -> None:
    assert needs(re.compile(pattern)) == want


@pytest.mark.parametrize("pattern", [r"\w+", r"(?:stop)?\d*", r"(?i)stop", r"(?i:stop)s?", r"[^x]y?", r"(?:a|\d)"])
def test_needs_unknown(pattern: str) -> None:
    # no fixed text, or case-insensitive text: no pre-check, the search always runs
    assert needs(re.compile(pattern)) is None
    assert may_match(None, "anything")


@pytest.mark.parametrize("gap", unsupported.EXTRA, ids=lambda g: g.what)
def test_precheck_never_skips_a_match(gap) -> None:
    rx = re.compile(gap.pattern)
    need = needs(rx)
    for s in SENTENCES:
        norm = s.lower()
        if rx.search(norm) is not None:
            assert may_match(need, norm), (gap.what, s, need)


def test_gaps_found_with_prechecks() -> None:
    # the prechecked gap search still finds what the sentences state, and nothing in commentary
    found = {g.what for g, _, _ in unsupported.gap_spans("only trade during the london session on the 15-minute chart.")}
    assert {"intraday bars", "trading hours filter"} <= found
    assert unsupported.gap_spans("markets were mixed this week as investors weighed central bank comments.") == []
