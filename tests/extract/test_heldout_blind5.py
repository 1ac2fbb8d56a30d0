"""Floor on the fifth blind held-out set (tests/extract/heldout_blind5.py, committed before the offline
extractor, its tests, its docs or the earlier held-out sets were opened).

Round 5 is about not inventing strategies: 30 of its 50 texts hold no rule but are dense with trading
vocabulary and numbers. Measured before any change: 40/50 exact (80%), 27/30 no-strategy texts refused
(three invented: an RSI tutorial's "relative strength RS = 1.20 / 0.80" and a sector review's "energy was
the best performing sector" read as rankings, a YouTube rule followed by "Don't do this." read as the
rule), 2 strategy texts refused. After the general grammar work: 48/50, 30/30 refused. Inventing a
strategy for a no-strategy text is never allowed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from foa.documents.model import Document
from foa.errors import NoStrategyFound
from foa.extract.evaluate import FIELDS, score_case
from foa.extract.offline import extract_offline

sys.path.insert(0, str(Path(__file__).parent))
from heldout_blind5 import CASES  # noqa: E402

FLOOR = 0.9  # 45 of 50; measured 48/50 when this test was written (40/50 blind)


def _run(case: dict):
    try:
        return extract_offline(Document.from_text(case["text"], name=case["id"]))
    except NoStrategyFound:
        return None


def test_blind5_set_is_well_formed():
    assert len(CASES) == 50 and len({c["id"] for c in CASES}) == 50
    assert sum(bool(c["gold"].get("no_strategy")) for c in CASES) == 30
    for c in CASES:
        assert set(FIELDS) <= set(c["gold"]) and c["text"].strip() and c["style"]


def test_no_strategy_is_invented_for_texts_without_a_rule():
    invented = [c["id"] for c in CASES if c["gold"].get("no_strategy") and _run(c) is not None]
    assert invented == []


def test_every_strategy_text_but_one_gives_a_spec():
    refused = [c["id"] for c in CASES if not c["gold"].get("no_strategy") and _run(c) is None]
    assert len(refused) <= 1, refused


def test_blind5_exact_match_rate_stays_above_the_floor():
    scores = {c["id"]: score_case(_run(c), c["gold"]) for c in CASES}
    exact = sum(s["exact"] for s in scores.values())
    misses = {k: [f for f, v in s.items() if v == "wrong"] for k, s in scores.items() if not s["exact"]}
    assert exact / len(CASES) >= FLOOR, misses
