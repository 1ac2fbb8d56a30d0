"""Floors on every held-out set of the offline extractor (one parametrized module for all rounds).

Each blind set (``tests/extract/heldout_blind*.py``) was committed before the offline extractor, its tests,
its docs or the earlier held-out sets were opened, then scored BEFORE any change for it; the "before"
column is the only figure that says how the grammar generalises. ``heldout_own.py`` was written for foa
with the grammar in view (its first score is the "before"); ``test_eval.py`` also scores it through
``evaluate()`` on a written corpus file.

| set | texts (no rule) | authors imitated | before: exact | before: invented / refused | after |
|---|---|---|---|---|---|
| own | 26 (4) | texts written for foa | 20/26 (76.9%) | 0 / - | 26/26 |
| blind 1 | 40 (9) | first blind set | 16/40 (40%) | - / - | 37/40; 40/40 after round 2 |
| blind 2 | 40 (10) | configs, tables, manuals | 20/40 (50%) | 1 / 7 | 40/40, 10/10 refused |
| blind 3 | 40 (10) | long texts, rejected variants, academic sorts, non-native English | 27/40 (67.5%) | 1 / 3 | 40/40, 10/10 refused |
| blind 4 | 40 (10) | crypto chat, CTA explainers, newsletters, AFL, EA manuals, fund commentary | 20/40 (50%) | 2 / 7 | 40/40, 10/10 refused |
| blind 5 | 50 (30) | no-rule texts dense with trading words and numbers | 40/50 (80%) | 3 / 2 | 48/50, 30/30 refused |
| blind 6 | 40 (10) | web search results: SEO posts, READMEs, code tutorials, forums | 27/40 (67.5%) | 2 / 1 | 40/40, 10/10 refused |
| blind 7 | 40 (10) | quants' formulas, forum typos, non-native, replication notes, books, EA listings, robo explainers | 21/40 (52.5%) | 0 / 12 | 30/40 (75%), 8 strategy texts still refused; 39/40 after round 8, none refused |
| blind 8 | 30 (8) | blogs, forums, READMEs, manuals, paper summaries, broker notes, newsletters | 21/30 (70%) | 0 / 3 | 30/30, 8/8 refused |
| blind 9 | 24 (6) | podcasts, client e-mails, Q&A, slides, spreadsheet/Pine formulas, German/Japanese English | 12/24 (50%) | 0 / 8 | 23/24, 6/6 refused, 1 refused |

Blind round 7 per field before any change (right/judged): no_strategy 28/40, direction 18/30, indicators
16/29, constants 5/8, symbols 10/20, frequency 11/21, rebalance 4/10, stop_loss 4/9, take_profit 2/4,
top_n 2/3, top_pct 1/3. After: no_strategy 32/40, direction 22/30, indicators 21/29, constants 7/8, symbols
14/20, frequency 15/21, rebalance 6/10, stop_loss 6/9, take_profit 4/4, top_n 2/3, top_pct 1/3.

Blind round 8 per field before any change: no_strategy 27/30, direction 18/22, indicators 17/21, constants
4/4, symbols 11/14, frequency 12/16, rebalance 4/6, stop_loss 4/5, take_profit 2/3, top_n 1/2, top_pct 0/1.
After: every field right on every judged case (30/30). Blind 7 after round 8: 39/40 (the one miss is a hurdle
ticker its label counts in the universe and the extractor, by design, does not).

Blind round 9 per field before any change: no_strategy 16/24, direction 10/18, indicators 9/18, constants
5/5, symbols 2/6, frequency 3/6, rebalance 1/4, stop_loss 3/4, take_profit 0/2, top_n 0/2, top_pct 1/1. After:
23/24 (the spreadsheet-formula text is still refused).

Guarantees per set: well formed (size, unique ids, the no-strategy count, every gold field present);
no strategy invented for any no-strategy text (never traded for matches); at most ``max_refused``
strategy texts refused; the exact-match rate at or above ``floor`` (a margin under the measured figure
for grammar changes elsewhere).
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from foa.documents.model import Document
from foa.errors import NoStrategyFound
from foa.extract.evaluate import FIELDS, score_case
from foa.extract.offline import extract_offline

sys.path.insert(0, str(Path(__file__).parent))


@dataclass(frozen=True)
class HeldOut:
    module: str
    size: int
    no_strategy: int  # exact count of texts without a rule
    max_refused: int  # strategy texts allowed to come back as "no strategy"
    floor: float  # exact-match rate never to fall under
    measured: str  # what the floor was set against
    full_labels: bool = True  # every gold states every field (round 1 labels no-rule texts {"no_strategy": true})


SETS = [
    HeldOut("heldout_own", 26, 4, 1, 0.9, "26/26"),
    HeldOut("heldout_blind", 40, 9, 1, 0.85, "37/40 when set, 40/40 since round 2", full_labels=False),
    HeldOut("heldout_blind2", 40, 10, 1, 0.9, "40/40"),
    HeldOut("heldout_blind3", 40, 10, 1, 0.9, "40/40"),
    HeldOut("heldout_blind4", 40, 10, 1, 0.9, "40/40"),
    HeldOut("heldout_blind5", 50, 30, 1, 0.9, "48/50"),
    HeldOut("heldout_blind6", 40, 10, 1, 0.9, "40/40"),
    HeldOut("heldout_blind7", 40, 10, 1, 0.9, "39/40, none refused after round 8 (21/40, 12 refused blind)"),
    HeldOut("heldout_blind8", 30, 8, 1, 0.9, "30/30 (21/30, 3 refused blind)"),
    HeldOut("heldout_blind9", 24, 6, 1, 0.9, "23/24, 1 refused (12/24, 8 refused blind)"),
]
_IDS = [s.module for s in SETS]


def _cases(module: str) -> list[dict]:
    return importlib.import_module(module).CASES


@cache
def _specs(module: str) -> dict:
    """Each case's spec (None = "no strategy"), extracted once per set for all the checks below."""
    out = {}
    for c in _cases(module):
        try:
            out[c["id"]] = extract_offline(Document.from_text(c["text"], name=c["id"]))
        except NoStrategyFound:
            out[c["id"]] = None
    return out


@pytest.mark.parametrize("hs", SETS, ids=_IDS)
def test_set_is_well_formed(hs: HeldOut):
    cases = _cases(hs.module)
    assert len(cases) == hs.size and len({c["id"] for c in cases}) == hs.size
    assert sum(bool(c["gold"].get("no_strategy")) for c in cases) == hs.no_strategy
    for c in cases:
        assert c["text"].strip() and set(c["gold"]) <= set(FIELDS) | {"family"}, c["id"]
        if hs.full_labels or not c["gold"].get("no_strategy"):
            assert set(FIELDS) <= set(c["gold"]), c["id"]


@pytest.mark.parametrize("hs", SETS, ids=_IDS)
def test_no_strategy_is_invented_for_texts_without_a_rule(hs: HeldOut):
    specs = _specs(hs.module)
    invented = [c["id"] for c in _cases(hs.module) if c["gold"].get("no_strategy") and specs[c["id"]] is not None]
    assert invented == []


@pytest.mark.parametrize("hs", SETS, ids=_IDS)
def test_strategy_texts_give_a_spec(hs: HeldOut):
    specs = _specs(hs.module)
    refused = [c["id"] for c in _cases(hs.module) if not c["gold"].get("no_strategy") and specs[c["id"]] is None]
    assert len(refused) <= hs.max_refused, refused


@pytest.mark.parametrize("hs", SETS, ids=_IDS)
def test_exact_match_rate_stays_above_the_floor(hs: HeldOut):
    specs = _specs(hs.module)
    scores = {c["id"]: score_case(specs[c["id"]], c["gold"]) for c in _cases(hs.module)}
    exact = sum(s["exact"] for s in scores.values())
    misses = {k: [f for f, v in s.items() if v == "wrong"] for k, s in scores.items() if not s["exact"]}
    assert exact / len(scores) >= hs.floor, (hs.measured, misses)


def test_every_heldout_module_is_covered():
    """A new round's set cannot be added without a floor here."""
    on_disk = {p.stem for p in Path(__file__).parent.glob("heldout_*.py")}
    assert on_disk == set(_IDS)
