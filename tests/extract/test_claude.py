"""The Claude path through the real anthropic SDK, its HTTP served by httpx2.MockTransport."""

from __future__ import annotations

import base64
import json

import pytest

try:
    from . import mock_claude as mc
except ImportError:  # tests/extract is not a package
    import mock_claude as mc

from foa.errors import ExtractionError, NoStrategyFound

TEXT = (
    "Trend note\n"
    "Buy SPY when the 50-day SMA crosses above the 200-day SMA. Sell when the 50-day SMA crosses below "
    "the 200-day SMA. Use a 5% stop loss on every position."
)


def ind(name: str, **params: float) -> dict:
    full = {"window": None, "std": None, "fast": None, "slow": None, "signal": None, **params}
    return {"kind": "indicator", "name": name, "params": full, "output": None, "input": None, "id": None}


def good_strategy(**over) -> dict:
    s = {
        "name": "SPY 50/200 SMA crossover",
        "summary": "Golden cross on SPY with a 5% stop.",
        "universe": {"symbols": ["SPY"]},
        "entry": {"kind": "compare", "left": ind("sma", window=50), "op": "crosses_above", "right": ind("sma", window=200)},
        "exit": {"kind": "compare", "left": ind("sma", window=50), "op": "crosses_below", "right": ind("sma", window=200)},
        "risk": {"stop_loss": 0.05},
        "evidence": [
            {"field": "entry", "quote": "Buy SPY when the 50-day SMA crosses above the 200-day SMA.", "page": 1},
            {"field": "exit", "quote": "Sell when the 50-day SMA crosses below the 200-day SMA.", "page": 1},
            {"field": "risk.stop_loss", "quote": "Use a 5% stop loss on every position.", "page": 1},
        ],
        "assumptions": ["no costs stated: assumed 0"],
    }
    s.update(over)
    return s


@pytest.fixture
def doc():
    from foa.documents.model import Document

    return Document.from_text(TEXT, name="trend.txt")


def run(doc, *steps, max_retries=0, **kw):
    from foa.extract.claude import extract_claude

    script = mc.Script(*steps)
    spec = extract_claude(doc, client=mc.client(script, max_retries=max_retries), **kw)
    return spec, script


# ------------------------------------------------------------------------------------- success


def test_valid_reply_gives_verified_spec_with_provenance(doc):
    from foa.extract.pricing import estimate_cost
    from foa.extract.prompts import PROMPT_VERSION
    from foa.spec.model import StrategySpec

    spec, script = run(doc, mc.message(mc.reply(good_strategy())))
    assert isinstance(spec, StrategySpec)
    assert spec.universe.symbols == ["SPY"]
    assert spec.entry.op == "crosses_above" and spec.entry.left.params == {"window": 50}
    assert spec.risk.stop_loss == 0.05
    assert [e.verified for e in spec.evidence] == [True, True, True]
    p = spec.provenance
    assert (p.provider, p.model, p.prompt_version, p.document_id) == ("claude", "claude-sonnet-5-5", PROMPT_VERSION, doc.id)
    assert p.input_tokens == 120 + 3000 and p.output_tokens == 400 and p.cache_read_tokens == 0
    assert p.cost_usd == pytest.approx(estimate_cost("claude-sonnet-5-5", input_tokens=120, output_tokens=400, cache_write_tokens=3000))
    assert p.pages_sent == [1] and p.created_at is not None
    assert len(script.requests) == 1


def test_request_carries_model_schema_cache_control_and_document_block(doc):
    from foa.extract.schema import wire_schema

    _, script = run(doc, mc.message(mc.reply(good_strategy())), max_tokens=5000)
    req = script.requests[0]
    assert req["method"] == "POST" and req["path"] == "/v1/messages"
    assert req["headers"]["authorization"] == f"Bearer {mc.FAKE_KEY}"  # the SDK sends the key, foa never sees it
    body = req["json"]
    assert body["model"] == "claude-sonnet-5-5" and body["max_tokens"] == 5000
    assert body["output_config"]["format"] == {"type": "json_schema", "schema": wire_schema()}
    assert "tools" not in body and "tool_choice" not in body  # Sonnet 5.5 rejects forced tool use
    assert "StrategySpec" in body["system"][0]["text"]
    block, instruction = body["messages"][0]["content"]
    assert block["type"] == "document" and block["cache_control"] == {"type": "ephemeral"}
    assert block["source"] == {"type": "text", "media_type": "text/plain", "data": doc.text}
    assert block["source"]["data"].startswith("[page 1]\n")
    assert instruction["type"] == "text"
    # the document is sent once, and only in the user turn
    assert TEXT not in body["system"][0]["text"]
    assert json.dumps(body).count("Use a 5% stop loss on every position.") == 1


def test_pdf_is_sent_as_a_pdf_document_block(tmp_path):
    import pymupdf

    from foa.documents.load import load_document

    path = tmp_path / "note.pdf"
    pdf = pymupdf.open()
    for line in ("Trend note", TEXT.split("\n", 1)[1]):
        page = pdf.new_page()
        page.insert_textbox(pymupdf.Rect(50, 50, 550, 800), line, fontsize=11)
    pdf.save(path)
    pdf.close()
    doc = load_document(path)
    strategy = good_strategy()
    for e in strategy["evidence"]:
        e["page"] = 2
    spec, script = run(doc, mc.message(mc.reply(strategy)))
    block = script.bodies[0]["messages"][0]["content"][0]
    assert block["source"]["type"] == "base64" and block["source"]["media_type"] == "application/pdf"
    assert base64.b64decode(block["source"]["data"]) == path.read_bytes()
    assert block["cache_control"] == {"type": "ephemeral"}
    assert spec.provenance.pages_sent == [1, 2]
    assert all(e.verified for e in spec.evidence)


def test_long_document_is_narrowed_and_pages_recorded():
    from foa.documents.model import Document

    filler = "The committee reviewed the quarterly outlook and discussed staffing and office moves. " * 60
    pages = [filler] * 9
    pages[6] = "Rules. " + TEXT
    doc = Document.from_text("\f".join(pages), name="long.txt")
    strategy = good_strategy()
    for e in strategy["evidence"]:
        e["page"] = 7
    spec, script = run(doc, mc.message(mc.reply(strategy)), max_input_tokens=2000)
    sent = script.bodies[0]["messages"][0]["content"][0]["source"]["data"]
    assert "[page 7]" in sent and len(sent) < len(doc.text) / 3
    assert 7 in spec.provenance.pages_sent and len(spec.provenance.pages_sent) < 9
    assert all(e.verified for e in spec.evidence)


def test_no_strategy_reply_raises_no_strategy_found_with_costs(doc):
    with pytest.raises(NoStrategyFound) as info:
        run(doc, mc.message(mc.reply(None, status="no_strategy", reason="only market commentary")))
    assert "only market commentary" in str(info.value)
    assert info.value.provenance.cost_usd > 0


def test_any_client_with_messages_is_accepted(doc):
    """Bedrock and Vertex clients are used through the same `.messages` interface."""
    from foa.extract.claude import extract_claude

    script = mc.Script(mc.message(mc.reply(good_strategy())))

    class PlatformClient:  # like AnthropicBedrock/AnthropicVertex: only `.messages` is used
        def __init__(self, inner):
            self.messages = inner.messages

    spec = extract_claude(doc, client=PlatformClient(mc.client(script)), model="anthropic.claude-sonnet-5-5-v1:0")
    assert spec.provenance.model == "anthropic.claude-sonnet-5-5-v1:0"
    assert spec.provenance.cost_usd is not None  # priced as the model it names
    assert script.bodies[0]["model"] == "anthropic.claude-sonnet-5-5-v1:0"


# --------------------------------------------------------------------------------------- re-ask

INVALID = {
    "unknown indicator (SpecError)": mc.reply(good_strategy(entry={
        "kind": "compare", "left": ind("ichimoku", window=10), "op": ">", "right": {"kind": "const", "value": 0}})),
    "bad operator (ValidationError)": mc.reply(good_strategy(exit={
        "kind": "compare", "left": ind("sma", window=50), "op": "cross", "right": ind("sma", window=200)})),
    "not JSON": '{"status": "strategy", "strategy": {"name": ',
    "extra field": mc.reply(good_strategy(run_this="__import__('os').system('echo hi')")),
}
EXPECTED_IN_REASK = {
    "unknown indicator (SpecError)": "unknown indicator 'ichimoku'",
    "bad operator (ValidationError)": "strategy.exit.compare.op",
    "not JSON": "not valid JSON",
    "extra field": "run_this",
}


@pytest.mark.parametrize("case", list(INVALID))
def test_invalid_then_valid_reasks_once_with_the_errors(doc, case):
    bad = INVALID[case]
    spec, script = run(doc, mc.message(bad), mc.message(mc.reply(good_strategy()), cache_write=0, cache_read=3000))
    assert spec.name == "SPY 50/200 SMA crossover"
    assert len(script.requests) == 2
    first, second = script.bodies
    assert second["messages"][:1] == first["messages"]  # same cached prefix
    assert second["messages"][1] == {"role": "assistant", "content": bad.strip()}
    reask = second["messages"][2]
    assert reask["role"] == "user" and EXPECTED_IN_REASK[case] in reask["content"]
    assert spec.provenance.cache_read_tokens == 3000  # the re-ask read the document from the cache
    assert spec.provenance.input_tokens == 120 + 3000 + 120 + 3000


def test_invalid_twice_raises_extraction_error_with_attempts(doc):
    bad1 = INVALID["unknown indicator (SpecError)"]
    bad2 = INVALID["bad operator (ValidationError)"]
    with pytest.raises(ExtractionError) as info:
        run(doc, mc.message(bad1), mc.message(bad2))
    err = info.value
    assert not isinstance(err, NoStrategyFound)
    assert err.attempts == [bad1, bad2] and err.last_reply == bad2
    assert "failed validation twice" in str(err)


# ------------------------------------------------------------------------------ API failures


@pytest.mark.parametrize("status,kind", [(429, "rate_limit_error"), (529, "overloaded_error")])
def test_retryable_errors_then_success(doc, status, kind):
    # a 500 on the constrained request falls back to bare JSON instead (tests/extract/test_wire_limits.py)
    spec, script = run(doc, mc.error_response(status, kind), mc.error_response(status, kind),
                       mc.message(mc.reply(good_strategy())), max_retries=2)
    assert spec.universe.symbols == ["SPY"]
    assert len(script.requests) == 3
    assert script.requests[2]["headers"]["x-stainless-retry-count"] == "2"


@pytest.mark.parametrize("status,kind,cls,words", [
    (429, "rate_limit_error", "RateLimitError", "rate limited"),
    (529, "overloaded_error", "OverloadedError", "overloaded"),
])
def test_retries_exhausted_raise_extraction_error_with_cause(doc, status, kind, cls, words):
    import anthropic

    with pytest.raises(ExtractionError) as info:
        run(doc, mc.error_response(status, kind), mc.error_response(status, kind), max_retries=1)
    assert words in str(info.value) and "max_retries" in str(info.value)
    assert isinstance(info.value.__cause__, getattr(anthropic, cls))


def test_unexpected_status_says_what_to_do(doc):
    import anthropic

    with pytest.raises(ExtractionError) as info:  # 413: no specific branch, the generic one still gives a fix
        run(doc, mc.error_response(413, "request_too_large", "request exceeds the maximum size"))
    msg = str(info.value)
    assert "413" in msg and "request exceeds the maximum size" in msg and "provider='offline'" in msg
    assert isinstance(info.value.__cause__, anthropic.APIStatusError)


def test_max_retries_option_sets_the_sdk_retry_count(doc):
    from foa.extract.claude import extract_claude

    script = mc.Script(*[mc.error_response(529, "overloaded_error")] * 4)
    with pytest.raises(ExtractionError):
        extract_claude(doc, client=mc.client(script, max_retries=0), max_retries=3)
    assert len(script.requests) == 4


def test_timeout(doc):
    import anthropic
    import httpx2

    with pytest.raises(ExtractionError) as info:
        run(doc, httpx2.ReadTimeout("slow"))
    assert "timed out" in str(info.value) and "timeout=" in str(info.value)
    assert isinstance(info.value.__cause__, anthropic.APITimeoutError)


def test_refusal(doc):
    with pytest.raises(ExtractionError) as info:
        run(doc, mc.message("", stop_reason="refusal"))
    assert "declined" in str(info.value) and "provider='offline'" in str(info.value)


def test_truncated_reply(doc):
    partial = mc.reply(good_strategy())[:200]
    with pytest.raises(ExtractionError) as info:
        run(doc, mc.message(partial, stop_reason="max_tokens"), max_tokens=1000)
    assert "max_tokens=2000" in str(info.value)
    assert info.value.last_reply == partial


def test_bad_key_401(doc):
    import anthropic

    with pytest.raises(ExtractionError) as info:
        run(doc, mc.error_response(401, "authentication_error", "invalid x-api-key"))
    assert "401" in str(info.value) and "ANTHROPIC_API_KEY" in str(info.value)
    assert mc.FAKE_KEY not in str(info.value)
    assert isinstance(info.value.__cause__, anthropic.AuthenticationError)


def test_no_key_in_environment(doc, monkeypatch, tmp_path):
    from foa.extract.claude import extract_claude

    # no credentials profile on disk either
    for var in ("ANTHROPIC_CONFIG_DIR", "ANTHROPIC_PROFILE", "ANTHROPIC_IDENTITY_TOKEN", "ANTHROPIC_IDENTITY_TOKEN_FILE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    with pytest.raises(ExtractionError) as info:
        extract_claude(doc)  # the SDK's own client, from the (empty) environment
    assert "ANTHROPIC_API_KEY" in str(info.value) and "provider='offline'" in str(info.value)
    assert isinstance(info.value.__cause__, TypeError)  # the SDK's bare "Could not resolve authentication method"
    assert "Could not resolve authentication method" in str(info.value.__cause__)
    # the same with a client built without a key
    script = mc.Script()
    with pytest.raises(ExtractionError):
        extract_claude(doc, client=mc.client(script, api_key=None))
    assert script.requests == []  # nothing was sent


def test_unreadable_credentials_profile(doc, monkeypatch, tmp_path):
    """ANTHROPIC_CONFIG_DIR pointing at nothing: the SDK's CredentialsError becomes an ExtractionError."""
    import anthropic

    from foa.extract.claude import extract_claude

    monkeypatch.setenv("ANTHROPIC_CONFIG_DIR", str(tmp_path))
    with pytest.raises(ExtractionError) as info:
        extract_claude(doc)
    assert "ANTHROPIC_API_KEY" in str(info.value)
    assert isinstance(info.value.__cause__, anthropic.AnthropicError)


def test_estimate_request_counts_tokens_before_paying(doc):
    from foa.extract.claude import estimate_request
    from foa.extract.pricing import estimate_cost

    script = mc.Script({"input_tokens": 4180})
    est = estimate_request(doc, client=mc.client(script), max_tokens=4000)
    req = script.requests[0]
    assert req["path"] == "/v1/messages/count_tokens"
    assert req["json"]["output_config"]["format"]["type"] == "json_schema" and "max_tokens" not in req["json"]
    assert est["input_tokens"] == 4180 and est["pages_sent"] == [1]
    assert est["cost_usd_low"] == pytest.approx(estimate_cost("claude-sonnet-5-5", cache_write_tokens=4180, output_tokens=2000))
    assert est["cost_usd_high"] == pytest.approx(estimate_cost("claude-sonnet-5-5", cache_write_tokens=4180, output_tokens=4000))


def test_schema_rejected_falls_back_to_bare_json_once_per_model(doc, monkeypatch):
    from foa.extract import claude

    monkeypatch.setattr(claude, "_SCHEMA_REJECTED", set())
    rejected = mc.error_response(400, "invalid_request_error", "output_config.format.schema: schema is too complex")
    fenced = "Here it is:\n```json\n" + mc.reply(good_strategy()) + "\n```"
    spec, script = run(doc, rejected, mc.message(fenced))
    assert spec.universe.symbols == ["SPY"]
    first, second = script.bodies
    assert "output_config" in first and "output_config" not in second
    assert "JSON object only" in second["messages"][0]["content"][1]["text"]
    # the next extraction with that model goes straight to bare JSON
    _, script2 = run(doc, mc.message(mc.reply(good_strategy())))
    assert len(script2.requests) == 1 and "output_config" not in script2.bodies[0]


def test_other_bad_requests_do_not_fall_back(doc, monkeypatch):
    from foa.extract import claude

    monkeypatch.setattr(claude, "_SCHEMA_REJECTED", set())
    with pytest.raises(ExtractionError, match="prompt is too long"):
        run(doc, mc.error_response(400, "invalid_request_error", "prompt is too long: 250000 tokens"))
    with pytest.raises(ExtractionError, match="too complex"):  # structured=True: no fallback
        run(doc, mc.error_response(400, "invalid_request_error", "schema is too complex"), structured=True)
