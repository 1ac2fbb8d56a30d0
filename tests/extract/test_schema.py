"""The wire schema sent to Claude, and replies (flat wire or StrategySpec's JSON form) back to StrategySpecs or errors."""

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
            assert set(node.get("required", [])) == set(node.get("properties", {}))  # nothing optional
        for bad in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "discriminator", "oneOf"):
            assert bad not in node
    props = s["properties"]
    assert "provenance" not in props and "verified" not in s["$defs"]["Evidence"]["properties"]
    assert {"entry", "exit", "short_entry", "short_exit", "rank_by", "unsupported"} <= set(props)
    from foa.spec import indicators

    from foa.extract.prompts import system_prompt

    for rec in indicators.table():  # every indicator of the table is named where the grammar is taught
        if rec.source == "foa":
            assert f"{rec.name}(" in props["entry"]["description"]
        assert f"{rec.name}(" in system_prompt()  # TA-Lib's forms are listed once, in the instructions


def test_every_ready_made_spec_round_trips_through_the_wire():
    from foa.extract.schema import spec_to_wire
    from foa.spec.library import library

    for name, spec in library().items():
        wire = spec_to_wire(spec)
        assert set(wire) == set(wire_schema()["properties"]), name
        assert isinstance(wire["entry"], str)
        parsed = parse_reply(json.dumps(wire))
        assert parsed.spec == spec and not parsed.errors and not parsed.findings, name


def test_flat_reply_problems_name_the_wire_fields():
    from foa.extract.schema import no_strategy_wire, spec_to_wire
    from foa.spec.library import get

    wire = spec_to_wire(get("rsi_reversion"))
    p = parse_reply(json.dumps({**wire, "stop_loss": 1.5, "entry": "rsi(2) < 10 andd close > sma(200)"}))
    assert p.spec is None and any(e.startswith("entry: rule") and "position 12" in e for e in p.errors), p.errors
    p = parse_reply(json.dumps({**wire, "stop_loss": 1.5}))
    assert any(e.startswith("stop_loss:") for e in p.errors), p.errors
    p = parse_reply(json.dumps({**wire, "run_this": "__import__('os')"}))
    assert any("run_this" in e for e in p.errors)
    p = parse_reply(json.dumps({**wire, "rank_by": "roc(12", "symbols": ["A", "B"]}))
    assert any(e.startswith("rank_by: expression") for e in p.errors), p.errors
    assert parse_reply(json.dumps(no_strategy_wire("commentary"))).no_strategy == "commentary"


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
            for e in [*parsed.spec.evidence, *parsed.spec.unsupported]:
                assert e.quote in doc
            assert isinstance(reply["entry"], str) and isinstance(reply["rank_by"], str)  # rules as text
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
    ('{"status": "strategy", "strategy": null}', "needs the strategy's fields"),
    ('{"status": "maybe"}', "status must be"),
    ("nope", "not valid JSON"),
])
def test_bad_replies_give_errors(text, fragment):
    p = parse_reply(text)
    assert p.spec is None and p.no_strategy is None
    assert any(fragment in e for e in p.errors)


def test_wire_fields_wrapped_under_strategy_are_read_as_the_wire():
    """A bare-JSON reply that nests the flat fields under "strategy" is still understood."""
    from foa.extract.schema import spec_to_wire
    from foa.spec.library import get

    spec = get("donchian_breakout")
    wire = spec_to_wire(spec)
    p = parse_reply(json.dumps({"status": "strategy", "reason": "r", "strategy": wire}))
    assert p.spec == spec
