"""The schema sent to Claude is one the API accepts, and replies come back as StrategySpecs or errors."""

from __future__ import annotations

import json

import pytest

from foa.extract.schema import parse_reply, wire_schema


def _refs(node, out):
    if isinstance(node, dict):
        if "$ref" in node:
            out.add(node["$ref"].rsplit("/", 1)[-1])
        for k, v in node.items():
            if k != "$defs":
                _refs(v, out)
    elif isinstance(node, list):
        for v in node:
            _refs(v, out)
    return out


def _walk(node):
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def test_strategyspec_schema_as_is_would_not_work():
    """Why foa sends its own schema: the SDK transform empties params, and the schema is recursive."""
    from anthropic.lib._parse._transform import transform_schema

    from foa.spec.model import StrategySpec

    t = transform_schema(StrategySpec.model_json_schema())
    assert t["$defs"]["IndicatorExpr"]["properties"]["params"]["properties"] == {}
    assert "IndicatorExpr" in _refs(t["$defs"]["IndicatorExpr"], set())  # refers to itself


def test_wire_schema_has_no_recursion_and_resolves():
    s = wire_schema()
    defs = s["$defs"]
    graph = {name: _refs(d, set()) for name, d in defs.items()}
    assert all(r in defs for refs in graph.values() for r in refs)
    # depth-first search for a cycle
    state: dict[str, int] = {}

    def visit(n):
        state[n] = 1
        for m in graph[n]:
            assert state.get(m) != 1, f"cycle through {n} -> {m}"
            if m not in state:
                visit(m)
        state[n] = 2

    for n in graph:
        if n not in state:
            visit(n)


def test_wire_schema_uses_only_supported_keywords():
    s = wire_schema()
    for node in _walk(s):
        if node.get("type") == "object":
            assert node.get("additionalProperties") is False
        for bad in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "discriminator", "oneOf"):
            assert bad not in node
    params = s["$defs"]["IndicatorExpr0"]["properties"]["params"]["properties"]
    assert set(params) == {"window", "std", "fast", "slow", "signal"}
    assert "provenance" not in s["$defs"]["StrategySpec"]["properties"]
    assert "verified" not in s["$defs"]["Evidence"]["properties"]
    for name, d in s["$defs"].items():
        if "kind" in d.get("properties", {}):
            assert d["required"][0] == "kind", name


def test_worked_examples_validate_as_replies():
    from foa.extract.prompts import _examples, system_prompt

    examples = _examples()
    assert len(examples) >= 4
    kinds = set()
    for doc, reply in examples:
        parsed = parse_reply(json.dumps(reply))
        assert not parsed.errors
        kinds.add("none" if parsed.no_strategy else "spec")
        if parsed.spec is not None:
            assert parsed.spec.evidence
            # each example quote is really in its example document
            for e in parsed.spec.evidence:
                assert e.quote in doc
    assert kinds == {"none", "spec"}
    assert system_prompt().count("### Example") == len(examples)


def test_reply_with_null_params_and_verified_claims():
    reply = {
        "status": "strategy",
        "reason": "x",
        "strategy": {
            "name": "t",
            "entry": {"kind": "compare", "op": ">", "left": {"kind": "price", "field": "close"},
                      "right": {"kind": "indicator", "name": "sma", "params": {"window": 20, "std": None, "fast": None}}},
            "evidence": [{"field": "entry", "quote": "close above the 20-day", "page": 1, "verified": True}],
            "provenance": {"cost_usd": 0.0, "provider": "me"},
        },
    }
    p = parse_reply(json.dumps(reply))
    assert p.spec is not None and p.spec.entry.right.params == {"window": 20}
    assert p.spec.evidence[0].verified is None  # foa decides, not the model
    assert p.spec.provenance is None  # foa fills provenance


@pytest.mark.parametrize("text,fragment", [
    ("[]", "JSON object"),
    ('{"status": "strategy", "strategy": null}', "status must be"),
    ('{"status": "maybe"}', "status must be"),
    ("nope", "not valid JSON"),
])
def test_bad_replies_give_errors(text, fragment):
    p = parse_reply(text)
    assert p.spec is None and p.no_strategy is None
    assert any(fragment in e for e in p.errors)
