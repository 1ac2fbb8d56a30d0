"""Live Claude extraction: needs network and a real key. Skipped unless FOA_LIVE_TESTS=1 and
ANTHROPIC_API_KEY are set (the shared conftest removes keys from every other test run).

    FOA_LIVE_TESTS=1 ANTHROPIC_API_KEY=... .venv/bin/python -m pytest tests/live -m live
"""

from __future__ import annotations

import os

import pytest

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(
        not (os.environ.get("FOA_LIVE_TESTS") and os.environ.get("ANTHROPIC_API_KEY")),
        reason="live test: set FOA_LIVE_TESTS=1 and ANTHROPIC_API_KEY",
    ),
]


def test_broker_note_pdf_extracts_with_verified_evidence():
    import foa
    from foa.samples import load_sample

    spec = foa.extract_strategy(load_sample("broker_note"), provider="claude", max_retries=4)
    assert spec.entry is not None and spec.universe.symbols
    assert spec.evidence and sum(bool(e.verified) for e in spec.evidence) >= len(spec.evidence) - 1
    p = spec.provenance
    assert p.provider == "claude" and p.input_tokens > 0 and p.cost_usd is not None


def test_commentary_is_no_strategy():
    import foa
    from foa.samples import load_sample

    with pytest.raises(foa.NoStrategyFound):
        foa.extract_strategy(load_sample("market_commentary"), provider="claude", max_retries=4)
