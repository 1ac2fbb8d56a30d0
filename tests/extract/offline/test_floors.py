"""Floors on the offline extractor's held-out sets (``floors/*.jsonl``), one parametrised test per guarantee.

Each set is a JSONL corpus in the format ``foa eval`` reads. The texts were written for the project (``own``)
or written blind before the extractor was read (``blind1`` ... ``blind9``); the real-text corpus in
``tests/extract/corpus`` is where accuracy is measured (docs/extraction-accuracy.md). A case whose label
needs what foa cannot run (``gold.unsupported``: the short leg of a ranking, stops with a ranking, a
rebalance schedule on short rules) is scored apart: its spec must list the part in ``spec.unsupported``.

Guarantees per set: well formed (size, unique ids, the no-strategy count, every gold field present); no
strategy invented for a no-strategy text; at most ``max_refused`` strategy texts refused; the exact-match
rate over the expressible cases at or above ``floor``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from foa.documents.model import Document
from foa.errors import NoStrategyFound
from foa.extract.evaluate import FIELDS, needs_unsupported, score_case
from foa.extract.offline import extract_offline

FLOORS = Path(__file__).parent / "floors"


@dataclass(frozen=True)
class Floor:
    name: str
    size: int
    no_strategy: int  # exact count of texts without a rule
    max_refused: int  # strategy texts allowed to come back as "no strategy"
    floor: float  # exact-match rate over the expressible cases never to fall under
    full_labels: bool = True  # every gold states every field (blind1 labels no-rule texts {"no_strategy": true})


SETS = [
    Floor("own", 26, 4, 1, 0.9),
    Floor("blind1", 40, 9, 1, 0.85, full_labels=False),
    Floor("blind2", 40, 10, 1, 0.9),
    Floor("blind3", 40, 10, 1, 0.9),
    Floor("blind4", 40, 10, 1, 0.9),
    Floor("blind5", 50, 30, 1, 0.9),
    Floor("blind6", 40, 10, 1, 0.9),
    Floor("blind7", 40, 10, 1, 0.9),
    Floor("blind8", 30, 8, 1, 0.9),
    Floor("blind9", 24, 6, 1, 0.9),
]
_IDS = [s.name for s in SETS]


@cache
def _cases(name: str) -> tuple[dict, ...]:
    lines = (FLOORS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(x) for x in lines if x.strip())


@cache
def _specs(name: str) -> dict:
    """Each case's spec (None = "no strategy"), extracted once per set for all the checks below."""
    out = {}
    for c in _cases(name):
        try:
            out[c["id"]] = extract_offline(Document.from_text(c["text"], name=c["id"]))
        except NoStrategyFound:
            out[c["id"]] = None
    return out


@pytest.mark.parametrize("fs", SETS, ids=_IDS)
def test_set_is_well_formed(fs: Floor):
    cases = _cases(fs.name)
    assert len(cases) == fs.size and len({c["id"] for c in cases}) == fs.size
    assert sum(bool(c["gold"].get("no_strategy")) for c in cases) == fs.no_strategy
    for c in cases:
        assert c["text"].strip() and set(c["gold"]) <= set(FIELDS) | {"family", "unsupported"}, c["id"]
        if fs.full_labels or not c["gold"].get("no_strategy"):
            assert set(FIELDS) <= set(c["gold"]), c["id"]


@pytest.mark.parametrize("fs", SETS, ids=_IDS)
def test_no_strategy_is_invented_for_texts_without_a_rule(fs: Floor):
    specs = _specs(fs.name)
    assert [c["id"] for c in _cases(fs.name) if c["gold"].get("no_strategy") and specs[c["id"]] is not None] == []


@pytest.mark.parametrize("fs", SETS, ids=_IDS)
def test_strategy_texts_give_a_spec(fs: Floor):
    specs = _specs(fs.name)
    refused = [c["id"] for c in _cases(fs.name) if not c["gold"].get("no_strategy") and specs[c["id"]] is None]
    assert len(refused) <= fs.max_refused, refused


@pytest.mark.parametrize("fs", SETS, ids=_IDS)
def test_exact_match_rate_stays_above_the_floor(fs: Floor):
    specs = _specs(fs.name)
    cases = [c for c in _cases(fs.name) if not needs_unsupported(c["gold"])]
    scores = {c["id"]: score_case(specs[c["id"]], c["gold"]) for c in cases}
    exact = sum(s["exact"] for s in scores.values())
    misses = {k: [f for f, v in s.items() if v == "wrong"] for k, s in scores.items() if not s["exact"]}
    assert exact / len(scores) >= fs.floor, misses


@pytest.mark.parametrize("fs", SETS, ids=_IDS)
def test_what_foa_cannot_run_is_listed(fs: Floor):
    specs = _specs(fs.name)
    apart = [c for c in _cases(fs.name) if needs_unsupported(c["gold"]) and not c["gold"].get("no_strategy")]
    silent = [c["id"] for c in apart if specs[c["id"]] is not None and not specs[c["id"]].unsupported]
    assert silent == []


def test_every_floor_file_is_covered():
    """A new set cannot be added without a floor here."""
    assert {p.stem for p in FLOORS.glob("*.jsonl")} == set(_IDS)
