"""extract_strategies: concurrency, per-document errors collected, cache, and the Message Batches API."""

from __future__ import annotations

import json
import threading

import pytest

try:
    from . import mock_claude as mc
    from .test_claude import TEXT, good_strategy
except ImportError:  # tests/extract is not a package
    import mock_claude as mc
    from test_claude import TEXT, good_strategy

import foa
from foa.errors import DocumentError, ExtractionError, NoStrategyFound

COMMENTARY = "Weekly view: equities look stretched and we remain cautious on duration. NOSTRAT"
REFUSED = "Please REFUSE this one. " + TEXT


def router(request):
    """One reply per document, whatever order the threads send them in."""
    body = json.loads(request.content)
    text = json.dumps(body["messages"][0]["content"][0])
    if "NOSTRAT" in text:
        return mc.message(mc.reply(None, status="no_strategy", reason="commentary"))
    if "REFUSE" in text:
        return mc.message("", stop_reason="refusal")
    return mc.message(mc.reply(good_strategy()))


class Concurrency:
    """Counts how many requests are in flight at once."""

    def __init__(self, inner, parties: int = 2):
        self.inner, self.now, self.peak, self.lock = inner, 0, 0, threading.Lock()
        self.gate = threading.Barrier(parties, timeout=5)

    def __call__(self, request):
        with self.lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
        try:
            try:
                self.gate.wait()  # two requests meet here: proves they overlap
            except threading.BrokenBarrierError:
                pass
            return self.inner(request)
        finally:
            with self.lock:
                self.now -= 1


def test_every_input_gets_a_row_and_errors_are_collected(tmp_path):
    other = "Buy SPY when the 50-day SMA crosses above the 200-day SMA. Sell when the 50-day SMA crosses below the 200-day SMA. Use a 5% stop loss on every position. Second copy."
    script = mc.Script(*[router] * 4)
    res = foa.extract_strategies(
        [TEXT, COMMENTARY, str(tmp_path / "missing.pdf"), REFUSED, other],
        client=mc.client(script), max_workers=2, progress=False,
    )
    assert [i.status for i in res] == ["ok", "no_strategy", "error", "error", "ok"]
    assert isinstance(res[1].error, NoStrategyFound)
    assert isinstance(res[2].error, DocumentError) and res[2].document is None
    assert isinstance(res[3].error, ExtractionError) and "declined" in str(res[3].error)
    assert len(res.specs) == 2 and len(res.errors) == 2
    table = res.table
    assert list(table["status"]) == ["ok", "no_strategy", "error", "error", "ok"]
    assert table["error"].iloc[2] and "unverified" not in res._repr_html_()
    assert res.cost_usd > 0
    assert len(script.requests) == 4  # the missing file never reached the API


def test_concurrency_limit_is_used():
    gate = Concurrency(router)
    script = mc.Script(*[gate] * 4)
    texts = [TEXT + f" Copy {i}." for i in range(4)]
    res = foa.extract_strategies(texts, client=mc.client(script), max_workers=2, progress=False)
    assert all(i.status == "ok" for i in res)
    assert gate.peak == 2
    gate1 = Concurrency(router, parties=1)
    script1 = mc.Script(*[gate1] * 2)
    foa.extract_strategies(texts[:2], client=mc.client(script1), max_workers=1, progress=False)
    assert gate1.peak == 1


def test_batch_results_are_recorded_and_cached(ws):
    script = mc.Script(*[router] * 2)
    client = mc.client(script)
    docs = [TEXT, COMMENTARY]
    first = foa.extract_strategies(docs, client=client, workspace=ws, progress=False)
    again = foa.extract_strategies(docs, client=client, workspace=ws, progress=False)
    assert len(script.requests) == 2  # the second run paid for nothing
    assert [i.cached for i in again] == [True, True]
    assert [i.status for i in again] == [i.status for i in first] == ["ok", "no_strategy"]
    assert again.cost_usd == 0
    assert sorted(ws.strategies()["status"]) == ["no_strategy", "ok"]


def test_bad_worker_count():
    with pytest.raises(ExtractionError, match="max_workers"):
        foa.extract_strategies([TEXT], max_workers=0, provider="claude", client=object())


# ----------------------------------------------------------------------------- Message Batches


def _batch(status: str) -> dict:
    ended = status == "ended"
    return {
        "id": "msgbatch_test",
        "type": "message_batch",
        "processing_status": status,
        "request_counts": {"processing": 0 if ended else 3, "succeeded": 2 if ended else 0,
                           "errored": 1 if ended else 0, "canceled": 0, "expired": 0},
        "created_at": "2026-01-01T00:00:00Z",
        "expires_at": "2026-01-02T00:00:00Z",
        "ended_at": "2026-01-01T00:05:00Z" if ended else None,
        "results_url": "https://api.anthropic.com/v1/messages/batches/msgbatch_test/results" if ended else None,
    }


def test_message_batches_api_at_half_price_with_reask_as_normal_request():
    import httpx2

    invalid = mc.reply(good_strategy(exit={"kind": "compare", "left": {"kind": "price"}, "op": "cross",
                                           "right": {"kind": "const", "value": 1}}))
    lines = [
        {"custom_id": "doc-0", "result": {"type": "succeeded", "message": mc.message(mc.reply(good_strategy()))}},
        {"custom_id": "doc-1", "result": {"type": "errored", "error": {"type": "error", "error": {
            "type": "invalid_request_error", "message": "prompt is too long"}}}},
        {"custom_id": "doc-2", "result": {"type": "succeeded", "message": mc.message(invalid)}},
    ]
    jsonl = httpx2.Response(200, content="\n".join(json.dumps(x) for x in lines).encode(),
                            headers={"content-type": "application/binary"})
    script = mc.Script(
        _batch("in_progress"),              # POST /v1/messages/batches
        _batch("in_progress"),              # GET  poll
        _batch("ended"),                    # GET  poll
        _batch("ended"),                    # GET  (results() looks the batch up first)
        jsonl,                              # GET  results_url
        mc.message(mc.reply(good_strategy())),  # POST /v1/messages: the re-ask for doc-2
    )
    texts = [TEXT, TEXT + " (long)", TEXT + " (third)"]
    res = foa.extract_strategies(texts, client=mc.client(script), use_batch_api=True, poll_interval=0,
                                 progress=False)
    assert [i.status for i in res] == ["ok", "error", "ok"]
    assert "prompt is too long" in str(res[1].error)
    paths = [(r["method"], r["path"]) for r in script.requests]
    assert paths[0] == ("POST", "/v1/messages/batches") and paths[-1] == ("POST", "/v1/messages")
    sent = script.requests[0]["json"]["requests"]
    assert [r["custom_id"] for r in sent] == ["doc-0", "doc-1", "doc-2"]
    assert sent[0]["params"]["output_config"]["format"]["type"] == "json_schema"
    assert sent[0]["params"]["messages"][0]["content"][0]["cache_control"] == {"type": "ephemeral"}
    # doc-0 billed at the batch rate: half of the normal price
    from foa.extract.pricing import estimate_cost

    normal = estimate_cost("claude-sonnet-5-5", input_tokens=120, output_tokens=400, cache_write_tokens=3000)
    assert res[0].spec.provenance.cost_usd == pytest.approx(normal / 2)
    assert res[2].spec.provenance.cost_usd == pytest.approx(normal / 2 + normal)  # batch ask + normal re-ask
    reask = script.requests[-1]["json"]["messages"]
    assert reask[1]["content"] == invalid and "strategy.exit.compare.op" in reask[2]["content"]


def test_message_batches_needs_a_client_that_has_it():
    class BedrockLike:
        class messages:  # noqa: N801 - mimics a client attribute
            pass

    res = None
    with pytest.raises(ExtractionError, match="Message Batches"):
        res = foa.extract_strategies([TEXT], client=BedrockLike(), use_batch_api=True, progress=False)
    assert res is None
