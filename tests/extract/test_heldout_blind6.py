"""Floor on the sixth blind held-out set (tests/extract/heldout_blind6.py, committed before the offline
extractor, its tests, its docs or the earlier held-out sets were opened).

Round 6 imitates what a web search for common strategies returns: SEO posts with headings and FAQs,
GitHub READMEs with install and licence sections, Medium tutorials with pandas / backtrader / vectorbt /
Pine code, forum threads, video descriptions, newsletters and paper abstracts. Measured before any change:
27/40 exact (67.5%), 8/10 no-strategy texts refused (two invented: an FAQ question "Is a golden cross
bullish?" read as an entry, ConnorsRSI's "percent rank of the one-day return over 100 days" read as a
ranking), one strategy text refused (a two-fund "buy ... and hold them"). After the general grammar work:
40/40, 10/10 refused. Inventing a strategy for a no-strategy text is never allowed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from foa.documents.model import Document
from foa.errors import NoStrategyFound
from foa.extract.evaluate import FIELDS, score_case
from foa.extract.offline import extract_offline

sys.path.insert(0, str(Path(__file__).parent))
from heldout_blind6 import CASES  # noqa: E402

FLOOR = 0.9  # 36 of 40; measured 40/40 when this test was written (27/40 blind)


def _run(case: dict):
    try:
        return extract_offline(Document.from_text(case["text"], name=case["id"]))
    except NoStrategyFound:
        return None


def test_blind6_set_is_well_formed():
    assert len(CASES) == 40 and len({c["id"] for c in CASES}) == 40
    assert sum(bool(c["gold"].get("no_strategy")) for c in CASES) == 10
    for c in CASES:
        assert set(FIELDS) <= set(c["gold"]) and c["text"].strip() and c["style"]


def test_no_strategy_is_invented_for_texts_without_a_rule():
    invented = [c["id"] for c in CASES if c["gold"].get("no_strategy") and _run(c) is not None]
    assert invented == []


def test_every_strategy_text_but_one_gives_a_spec():
    refused = [c["id"] for c in CASES if not c["gold"].get("no_strategy") and _run(c) is None]
    assert len(refused) <= 1, refused


def test_blind6_exact_match_rate_stays_above_the_floor():
    scores = {c["id"]: score_case(_run(c), c["gold"]) for c in CASES}
    exact = sum(s["exact"] for s in scores.values())
    misses = {k: [f for f, v in s.items() if v == "wrong"] for k, s in scores.items() if not s["exact"]}
    assert exact / len(CASES) >= FLOOR, misses
