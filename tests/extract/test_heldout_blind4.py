"""Floor on the fourth blind held-out set (tests/extract/heldout_blind4.py, committed before the offline
extractor, its tests, its docs or the earlier held-out sets were opened).

Measured before any change: 20/40 exact (50%), 8/10 no-strategy texts refused (two invented: a fund's
monthly commentary "added to long positions as 12-month momentum turned positive", and a rant "stop telling
newbies to just buy the golden cross"), 7 strategy texts refused. After the general grammar work: 40/40,
10/10 refused. The floor leaves a margin for grammar changes elsewhere; inventing a strategy for a
no-strategy text is never allowed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from foa.documents.model import Document
from foa.errors import NoStrategyFound
from foa.extract.evaluate import FIELDS, score_case
from foa.extract.offline import extract_offline

sys.path.insert(0, str(Path(__file__).parent))
from heldout_blind4 import CASES  # noqa: E402

FLOOR = 0.9  # 36 of 40; measured 40/40 when this test was written (20/40 blind)


def _run(case: dict):
    try:
        return extract_offline(Document.from_text(case["text"], name=case["id"]))
    except NoStrategyFound:
        return None


def test_blind4_set_is_well_formed():
    assert len(CASES) == 40 and len({c["id"] for c in CASES}) == 40
    assert sum(bool(c["gold"].get("no_strategy")) for c in CASES) == 10
    for c in CASES:
        assert set(FIELDS) <= set(c["gold"]) and c["text"].strip() and c["style"]


def test_no_strategy_is_invented_for_texts_without_a_rule():
    invented = [c["id"] for c in CASES if c["gold"].get("no_strategy") and _run(c) is not None]
    assert invented == []


def test_every_strategy_text_gives_a_spec():
    refused = [c["id"] for c in CASES if not c["gold"].get("no_strategy") and _run(c) is None]
    assert len(refused) <= 1, refused


def test_blind4_exact_match_rate_stays_above_the_floor():
    scores = {c["id"]: score_case(_run(c), c["gold"]) for c in CASES}
    exact = sum(s["exact"] for s in scores.values())
    misses = {k: [f for f, v in s.items() if v == "wrong"] for k, s in scores.items() if not s["exact"]}
    assert exact / len(CASES) >= FLOOR, misses
