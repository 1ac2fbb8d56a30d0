"""``foa eval --provider claude`` on the dev corpus and the real-text test split, against the live API.

Skipped unless FOA_LIVE_TESTS=1 and ANTHROPIC_API_KEY are set. Each run writes accuracy, tokens and
cost per document to ``benchmarks/results/claude-eval-<corpus>.json`` (docs/extraction.md quotes them):

    FOA_LIVE_TESTS=1 ANTHROPIC_API_KEY=... .venv/bin/python -m pytest tests/live/test_claude_eval_live.py -m live
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "benchmarks" / "results"
CORPORA = {
    "dev": ROOT.parent / "shared" / "eval" / "dev.jsonl",
    "test": ROOT / "tests" / "extract" / "corpus" / "test",
}

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(
        not (os.environ.get("FOA_LIVE_TESTS") and os.environ.get("ANTHROPIC_API_KEY")),
        reason="live test: set FOA_LIVE_TESTS=1 and ANTHROPIC_API_KEY",
    ),
]


@pytest.mark.parametrize("name", list(CORPORA))
def test_eval_with_claude_writes_accuracy_tokens_and_cost(name, capsys):
    from foa.cli import main

    corpus = CORPORA[name]
    if not corpus.exists():
        pytest.skip(f"{corpus} is not present")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"claude-eval-{name}.json"
    assert main(["eval", str(corpus), "--provider", "claude", "--usage", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["provider"] == "claude" and data["n"] == len(data["documents"]) > 0
    priced = [d for d in data["documents"] if d["cost_usd"] is not None]
    assert len(priced) >= data["n"] * 0.9  # every answered request is priced
    assert all(d["input_tokens"] > 0 for d in priced)
    print(capsys.readouterr().out)
