"""The wire schema within Claude's structured-output limits, through the real SDK and a mock transport
that enforces them (400 "compiled grammar is too large" past them), and the fallbacks when an endpoint
rejects the schema (400) or fails on it (500).

The counter here is the test's own, not foa's: it reads the schema the SDK actually sent.
"""

from __future__ import annotations

import json
import logging

import pytest

try:
    from . import mock_claude as mc
    from .test_claude import TEXT
except ImportError:  # tests/extract is not a package
    import mock_claude as mc
    from test_claude import TEXT

from foa.errors import ExtractionError

# Claude's documented per-request limits for structured outputs, as the mock endpoint enforces them
API_OPTIONAL, API_UNION = 24, 16
TOO_LARGE = "output_config.format.schema: Invalid schema: The compiled grammar is too large"


def count_schema(schema: dict) -> tuple[int, int]:
    """(optional properties, union-typed nodes) of a JSON schema; each $defs entry is counted once.

    optional: a property not listed in its object's `required`; union-typed: a node with anyOf/oneOf or a
    list `type` (a nullable field counts).
    """
    optional = union = 0

    def walk(node):
        nonlocal optional, union
        if isinstance(node, list):
            for x in node:
                walk(x)
            return
        if not isinstance(node, dict):
            return
        if "anyOf" in node or "oneOf" in node or isinstance(node.get("type"), list):
            union += 1
        props = node.get("properties")
        if isinstance(props, dict):
            required = set(node.get("required", []))
            optional += sum(1 for name in props if name not in required)
            for sub in props.values():
                walk(sub)
        for key, value in node.items():
            if key not in ("properties", "$defs"):
                walk(value)

    walk({k: v for k, v in schema.items() if k != "$defs"})
    for definition in schema.get("$defs", {}).values():
        walk(definition)
    return optional, union


def good_wire(**over) -> dict:
    """The flat reply for TEXT, rules as text in the rule grammar."""
    reply = {
        "status": "strategy", "reason": "States a crossover with a stop.",
        "name": "SPY 50/200 SMA crossover", "summary": "Golden cross on SPY with a 5% stop.",
        "symbols": ["SPY"], "asset_class": "equity", "benchmark": "", "frequency": "daily", "direction": "long_only",
        "entry": "sma(50, id=fast) crosses_above sma(200, id=slow)",
        "exit": "sma(50, id=fast) crosses_below sma(200, id=slow)", "short_entry": "", "short_exit": "",
        "rank_by": "", "top_n": 0, "top_pct": 0, "ascending": False, "rebalance": "none",
        "stop_loss": 0.05, "take_profit": 0, "trailing_stop": 0, "atr_stop_window": 0, "atr_stop_multiple": 0,
        "max_holding_bars": 0, "sizing": "all_in", "fraction": 0, "target_volatility": 0, "vol_window": 0,
        "fees": 0, "slippage": 0,
        "evidence": [
            {"field": "entry", "quote": "Buy SPY when the 50-day SMA crosses above the 200-day SMA.", "page": 1},
            {"field": "exit", "quote": "Sell when the 50-day SMA crosses below the 200-day SMA.", "page": 1},
            {"field": "stop_loss", "quote": "Use a 5% stop loss on every position.", "page": 1},
        ],
        "assumptions": ["no costs stated: assumed 0"], "unsupported": [],
    }
    reply.update(over)
    return reply


class LimitedEndpoint:
    """A Messages endpoint that compiles (counts) the output schema like the API: past the limits it
    answers 400 "compiled grammar is too large"; otherwise it serves the scripted replies in order."""

    def __init__(self, *replies):
        self.replies = list(replies)
        self.requests: list[dict] = []
        self.counts: list[tuple[int, int]] = []

    def __call__(self, request):
        import httpx2

        body = json.loads(request.content)
        self.requests.append(body)
        fmt = (body.get("output_config") or {}).get("format")
        if fmt is not None:
            optional, union = count_schema(fmt["schema"])
            self.counts.append((optional, union))
            if optional > API_OPTIONAL or union > API_UNION:
                return mc.error_response(400, "invalid_request_error", TOO_LARGE)
        step = self.replies.pop(0)
        return step if isinstance(step, httpx2.Response) else httpx2.Response(200, json=step)


@pytest.fixture
def doc():
    from foa.documents.model import Document

    return Document.from_text(TEXT, name="trend.txt")


@pytest.fixture(autouse=True)
def fresh_fallback_memory(monkeypatch):
    from foa.extract import claude

    monkeypatch.setattr(claude, "_SCHEMA_REJECTED", set())


def extract(doc, endpoint, *, max_retries=0, **kw):
    import anthropic
    import httpx2

    from foa.extract.claude import extract_claude

    client = anthropic.Anthropic(api_key=mc.FAKE_KEY, max_retries=max_retries,
                                 http_client=httpx2.Client(transport=httpx2.MockTransport(endpoint)))
    return extract_claude(doc, client=client, **kw)


# ---------------------------------------------------------------------------------- the limits


def test_the_mock_endpoint_has_teeth():
    """StrategySpec's own schema, as the SDK would send it, is past the limits: the endpoint refuses it."""
    from anthropic.lib._parse._transform import transform_schema

    from foa.spec.model import StrategySpec

    optional, union = count_schema(transform_schema(StrategySpec.model_json_schema()))
    assert optional > API_OPTIONAL or union > API_UNION
    assert count_schema({"type": "object", "properties": {"a": {"type": ["string", "null"]}, "b": {"anyOf": []}},
                         "required": ["a"]}) == (1, 2)


def test_limits_are_named_constants_with_headroom():
    from foa.extract import schema

    assert (schema.API_MAX_OPTIONAL, schema.API_MAX_UNION) == (API_OPTIONAL, API_UNION)
    assert schema.WIRE_MAX_OPTIONAL <= 20 and schema.WIRE_MAX_UNION <= 12
    assert "structured-outputs" in schema.LIMITS_REFERENCE


def test_first_constrained_request_is_accepted_and_the_spec_comes_back(doc, caplog):
    from foa.extract import claude, schema

    endpoint = LimitedEndpoint(mc.message(json.dumps(good_wire())))
    with caplog.at_level(logging.WARNING, logger="foa.extract"):
        spec = extract(doc, endpoint)
    assert len(endpoint.requests) == 1  # no rejected first call, no fallback
    assert "output_config" in endpoint.requests[0]
    optional, union = endpoint.counts[0]
    assert optional <= schema.WIRE_MAX_OPTIONAL and union <= schema.WIRE_MAX_UNION
    assert claude._SCHEMA_REJECTED == set() and not caplog.records
    assert spec.entry.op == "crosses_above" and spec.entry.left.params == {"window": 50}
    assert spec.entry.left.id == "fast" and spec.risk.stop_loss == 0.05
    assert spec.universe.asset_class == "equity" and spec.universe.benchmark is None
    assert spec.ranking is None and spec.rebalance is None and spec.risk.take_profit is None
    assert [e.field for e in spec.evidence] == ["entry", "exit", "risk.stop_loss"]
    assert all(e.verified for e in spec.evidence)


def test_the_sent_schema_is_flat_and_fully_required(doc):
    endpoint = LimitedEndpoint(mc.message(json.dumps(good_wire())))
    extract(doc, endpoint)
    sent = endpoint.requests[0]["output_config"]["format"]["schema"]
    for node in [sent, *sent["$defs"].values()]:
        assert node["additionalProperties"] is False
        assert set(node["required"]) == set(node["properties"])
    for name in ("entry", "exit", "short_entry", "short_exit", "rank_by"):
        assert sent["properties"][name]["type"] == "string"  # rules are text, not nested objects
    assert "unsupported" in sent["properties"] and "provenance" not in sent["properties"]
    assert len(json.dumps(sent)) < 10_000


def test_cli_extract_json_prints_exactly_the_strategyspec(monkeypatch, tmp_path, capsys):
    import anthropic
    import httpx2

    from foa.cli import main
    from foa.extract import claude as claude_mod
    from foa.spec.model import StrategySpec

    endpoint = LimitedEndpoint(mc.message(json.dumps(good_wire())))
    monkeypatch.setenv("ANTHROPIC_API_KEY", mc.FAKE_KEY)
    monkeypatch.setattr(claude_mod, "make_client", lambda **kw: anthropic.Anthropic(
        max_retries=0, http_client=httpx2.Client(transport=httpx2.MockTransport(endpoint))))
    note = tmp_path / "trend.txt"
    note.write_text(TEXT, encoding="utf-8")
    assert main(["extract", str(note), "--json"]) == 0
    out = capsys.readouterr().out
    spec = StrategySpec.model_validate_json(out)
    assert out == spec.to_json() + "\n"
    assert json.loads(out)["entry"]["kind"] == "compare"  # the JSON form is the condition objects
    assert len(endpoint.requests) == 1 and "output_config" in endpoint.requests[0]


# ------------------------------------------------------------------------------- the re-ask


def test_a_rule_parse_error_goes_back_with_its_position(doc):
    bad = json.dumps(good_wire(entry="sma(50) crosses sma(200)"))
    endpoint = LimitedEndpoint(mc.message(bad), mc.message(json.dumps(good_wire())))
    spec = extract(doc, endpoint)
    assert len(endpoint.requests) == 2
    reask = endpoint.requests[1]["messages"][-1]["content"]
    assert "entry:" in reask and "position 8" in reask and "'crosses'" in reask and "crosses_above" in reask
    assert spec.entry.op == "crosses_above"


def test_a_check_error_finding_goes_back_once(doc):
    from foa.spec.model import PriceExpr

    wrong = json.dumps(good_wire(entry="close > rsi(14)"))  # a price against a 0-100 oscillator
    endpoint = LimitedEndpoint(mc.message(wrong), mc.message(json.dumps(good_wire())))
    spec = extract(doc, endpoint)
    assert "scale_mismatch" in endpoint.requests[1]["messages"][-1]["content"]
    assert spec.entry.op == "crosses_above"
    # still wrong after the re-ask: the valid spec is returned, not an error
    endpoint = LimitedEndpoint(mc.message(wrong), mc.message(wrong))
    spec = extract(doc, endpoint)
    assert len(endpoint.requests) == 2 and isinstance(spec.entry.left, PriceExpr)


def test_condition_objects_in_strategyspec_form_still_validate(doc):
    """An endpoint that ignores the schema may answer with StrategySpec's JSON form: validated as such."""
    cond = {"kind": "compare", "left": {"kind": "price", "field": "close"}, "op": ">",
            "right": {"kind": "indicator", "name": "sma", "params": {"window": 200}}}
    endpoint = LimitedEndpoint(mc.message(json.dumps(good_wire(entry=cond, exit=""))))
    spec = extract(doc, endpoint)
    assert str(spec.entry) == "close > sma(200, id=trend)" and spec.exit is None  # ids from foa.spec.ids


# ------------------------------------------------------------------------------- fallbacks


def test_schema_rejected_400_falls_back_once_per_model_and_logs_once(doc, caplog):
    import httpx2

    too_big = lambda: mc.error_response(400, "invalid_request_error", TOO_LARGE)  # noqa: E731
    endpoint = LimitedEndpoint(too_big(), mc.message(json.dumps(good_wire())), mc.message(json.dumps(good_wire())))
    with caplog.at_level(logging.WARNING, logger="foa.extract"):
        spec = extract(doc, endpoint)
        again = extract(doc, endpoint)  # the same model: straight to bare JSON
    assert isinstance(too_big(), httpx2.Response)
    assert ["output_config" in r for r in endpoint.requests] == [True, False, False]
    assert "JSON object only" in endpoint.requests[1]["messages"][0]["content"][1]["text"]
    assert spec.entry.op == "crosses_above" and again == spec.model_copy(update={"provenance": again.provenance})
    warnings = [r for r in caplog.records if "bare JSON" in r.getMessage()]
    assert len(warnings) == 1 and "compiled grammar is too large" in warnings[0].getMessage()


def test_500_on_the_constrained_request_falls_back_without_retrying_the_schema(doc):
    from foa.extract import claude

    endpoint = LimitedEndpoint(mc.error_response(500, "api_error", "Internal server error"),
                               mc.message(json.dumps(good_wire())))
    spec = extract(doc, endpoint, max_retries=2)
    assert ["output_config" in r for r in endpoint.requests] == [True, False]  # not retried with the schema
    assert spec.entry.op == "crosses_above"
    assert "claude-sonnet-5-5" in claude._SCHEMA_REJECTED


@pytest.mark.parametrize("status,kind", [(429, "rate_limit_error"), (529, "overloaded_error")])
def test_429_and_529_are_still_retried_by_the_sdk_with_the_schema(doc, status, kind):
    from foa.extract import claude

    endpoint = LimitedEndpoint(mc.error_response(status, kind), mc.error_response(status, kind),
                               mc.message(json.dumps(good_wire())))
    spec = extract(doc, endpoint, max_retries=2)
    assert ["output_config" in r for r in endpoint.requests] == [True, True, True]
    assert spec.entry.op == "crosses_above" and claude._SCHEMA_REJECTED == set()


def test_structured_true_never_falls_back(doc):
    endpoint = LimitedEndpoint(mc.error_response(500, "api_error"), mc.error_response(500, "api_error"))
    with pytest.raises(ExtractionError, match="500"):
        extract(doc, endpoint, max_retries=1, structured=True)
    assert ["output_config" in r for r in endpoint.requests] == [True, True]  # the SDK's retry, no fallback


def test_vertex_client_takes_the_same_path(doc):
    """AnthropicVertex through the same middleware and fallback (a 500 on the schema -> bare JSON)."""
    import anthropic
    import httpx2

    from foa.extract.claude import extract_claude

    paths = []

    def handler(request):
        paths.append(request.url.path)
        return endpoint(request)

    endpoint = LimitedEndpoint(mc.error_response(500, "api_error"), mc.message(json.dumps(good_wire())))
    client = anthropic.AnthropicVertex(access_token="fake-token", region="us-east5", project_id="proj",
                                       max_retries=2, http_client=httpx2.Client(transport=httpx2.MockTransport(handler)))
    spec = extract_claude(doc, client=client, model="claude-sonnet-5-5@20260101")
    assert all(p.endswith("claude-sonnet-5-5@20260101:rawPredict") for p in paths) and len(paths) == 2
    assert ["output_config" in r for r in endpoint.requests] == [True, False]
    assert spec.provenance.model == "claude-sonnet-5-5@20260101"
