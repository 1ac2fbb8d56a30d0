"""The JSON schema Claude fills, and the way back from its reply to a StrategySpec.

StrategySpec's own schema cannot be sent as it is. Claude's structured outputs (``output_config.format``)
reject recursive schemas, and the SDK's ``transform_schema`` turns ``IndicatorExpr.params`` (a free
``dict[str, number]``) into an object with no properties at all, so a model could never state a window.
So the schema sent here is derived from StrategySpec's, with three changes:

- the recursive parts (expressions inside expressions, conditions inside conditions) are unrolled to a
  fixed depth (``DEPTH``), which covers the rules people write (``all(any(a, b), not c)``,
  ``close > sma(200) * 1.02``, an EMA of the RSI); a comparison anywhere gets the full expression depth;
- ``params`` becomes an object with the known keys (window, std, fast, slow, signal), each a number or
  null; nulls are dropped on the way back;
- what foa fills itself (``provenance``, ``evidence[].verified``) is left out.

The reply is wrapped: ``{"status": "strategy"|"no_strategy", "reason": ..., "strategy": {...}|null}``,
so saying "there is no strategy here" is a first-class answer rather than an invented rule.

The reply is still validated by ``StrategySpec`` itself: the schema guides the model, the model class
decides.

    >>> schema = wire_schema(); schema["required"]
    ['status', 'reason', 'strategy']
"""

from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from foa.spec.model import StrategySpec

__all__ = ["DEPTH", "ParsedReply", "parse_reply", "spec_to_wire", "wire_schema"]

# How deep expressions and conditions may nest in a reply (levels below the top one).
DEPTH = {"expr": 2, "cond": 3}

# Definitions that refer to themselves (through the Expr or the Condition union) -> their group.
_RECURSIVE = {
    "IndicatorExpr": "expr",
    "ArithExpr": "expr",
    "AllCondition": "cond",
    "AnyCondition": "cond",
    "NotCondition": "cond",
}
_PARAM_KEYS = {
    "window": "Bars: sma, ema, rsi, roc, atr, highest, lowest, stdev, bbands.",
    "std": "bbands: standard deviations (default 2).",
    "fast": "macd fast EMA (default 12).",
    "slow": "macd slow EMA (default 26).",
    "signal": "macd signal EMA (default 9).",
}
_NOISE_KEYS = ("title", "default", "discriminator")
_REF = "#/$defs/"


def _strip_noise(node: Any) -> Any:
    """Drop keys that would only become text noise in descriptions (pydantic titles, defaults, discriminators)."""
    if isinstance(node, list):
        return [_strip_noise(x) for x in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("properties", "$defs"):  # mappings of names: keep every name, clean the schemas
            out[key] = {name: _strip_noise(sub) for name, sub in value.items()}
        elif key not in _NOISE_KEYS:
            out[key] = _strip_noise(value)
    return out


def _relevel(node: Any, group: str | None, level: int, depth: dict[str, int]) -> Any:
    """Rewrite references inside a definition of ``group`` at ``level``: to the same group one level
    down (dropped at level 0), to any other group its top level."""
    if isinstance(node, list):
        items = [_relevel(x, group, level, depth) for x in node]
        return [x for x in items if x is not None]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    name = ref[len(_REF):] if isinstance(ref, str) and ref.startswith(_REF) else None
    if name in _RECURSIVE:
        target = _RECURSIVE[name]
        if target != group:
            return {"$ref": f"{_REF}{name}{depth[target]}"}
        return None if level == 0 else {"$ref": f"{_REF}{name}{level - 1}"}
    out = {}
    for key, value in node.items():
        if key == "properties":
            out[key] = {k: _relevel(sub, group, level, depth) for k, sub in value.items()}
        else:
            out[key] = _relevel(value, group, level, depth)
    return out


def _reachable(schema: dict[str, Any]) -> set[str]:
    seen: set[str] = set()
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(_REF):
                name = ref[len(_REF):]
                if name not in seen:
                    seen.add(name)
                    stack.append(schema["$defs"][name])
            stack.extend(v for k, v in node.items() if k != "$defs")
        elif isinstance(node, list):
            stack.extend(node)
    return seen


@functools.lru_cache(maxsize=4)
def _wire_schema(expr_depth: int, cond_depth: int) -> str:
    from anthropic.lib._parse._transform import transform_schema

    from foa.spec.model import StrategySpec

    raw = _strip_noise(StrategySpec.model_json_schema())
    defs = raw.pop("$defs")
    raw["properties"].pop("provenance", None)
    defs.pop("Provenance", None)
    defs["Evidence"]["properties"].pop("verified", None)
    defs["Evidence"]["properties"].pop("state", None)
    defs["IndicatorExpr"]["properties"]["params"] = {
        "type": "object",
        "description": "Only the keys the indicator takes (others omitted or null).",
        "properties": {k: {"anyOf": [{"type": "number"}, {"type": "null"}], "description": d} for k, d in _PARAM_KEYS.items()},
    }
    for d in defs.values():  # the union member is told by `kind`: make it required so it is never omitted
        if "kind" in d.get("properties", {}):
            d["required"] = ["kind", *[r for r in d.get("required", []) if r != "kind"]]

    # Unroll: X{n} may contain its own group at level n-1 only; everything else sees the top level.
    depth = {"expr": expr_depth, "cond": cond_depth}
    unrolled: dict[str, Any] = {}
    for name, d in defs.items():
        if name in _RECURSIVE:
            for level in range(depth[_RECURSIVE[name]] + 1):
                unrolled[f"{name}{level}"] = _relevel(copy.deepcopy(d), _RECURSIVE[name], level, depth)
        else:
            unrolled[name] = _relevel(d, None, 0, depth)
    unrolled["StrategySpec"] = _relevel(raw, None, 0, depth)

    root = {
        "type": "object",
        "description": "Either the strategy the document states, or no_strategy with the reason.",
        "properties": {
            "status": {"enum": ["strategy", "no_strategy"]},
            "reason": {"type": "string", "description": "One sentence: why this is (or is not) a concrete, tradable strategy."},
            "strategy": {"anyOf": [{"$ref": f"{_REF}StrategySpec"}, {"type": "null"}]},
        },
        "required": ["status", "reason", "strategy"],
        "$defs": unrolled,
    }
    keep = _reachable(root)
    root["$defs"] = {k: v for k, v in unrolled.items() if k in keep}
    # The SDK's transform adds additionalProperties: false everywhere and moves unsupported keywords
    # (minimum, exclusiveMaximum, ...) into descriptions, as the API requires.
    return json.dumps(transform_schema(root), sort_keys=True)


def wire_schema(expr_depth: int = DEPTH["expr"], cond_depth: int = DEPTH["cond"]) -> dict[str, Any]:
    """The non-recursive JSON schema sent as ``output_config.format.schema`` (a fresh copy each call)."""
    return json.loads(_wire_schema(expr_depth, cond_depth))


def spec_to_wire(spec: "StrategySpec") -> dict[str, Any]:
    """A StrategySpec in the shape the model replies with (used for the prompt's worked examples)."""
    data = spec.model_dump(mode="json", exclude_none=True, exclude={"provenance"})
    for ev in data.get("evidence", []):
        ev.pop("verified", None)
        ev.pop("state", None)
    return data


@dataclass
class ParsedReply:
    """What a model reply turned out to be: a spec, a reasoned "no strategy", or a list of problems."""

    spec: "StrategySpec | None" = None
    no_strategy: str | None = None
    errors: list[str] = field(default_factory=list)


def _drop_null_params(node: Any) -> Any:
    if isinstance(node, list):
        return [_drop_null_params(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {k: _drop_null_params(v) for k, v in node.items()}
    if out.get("kind") == "indicator" and isinstance(out.get("params"), dict):
        out["params"] = {k: v for k, v in out["params"].items() if v is not None}
    return out


def _embedded_object(text: Any) -> Any:
    """The JSON object inside a reply wrapped in prose or code fences (replies without a schema do that)."""
    if not isinstance(text, str):
        return None
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        return None
    try:
        return json.loads(text[start : end + 1])
    except json.JSONDecodeError:
        return None


def parse_reply(text: str) -> ParsedReply:
    """Validate a reply into a StrategySpec. Nothing in it is executed: it is JSON, read as data.

    >>> parse_reply('{"status": "no_strategy", "reason": "market commentary", "strategy": null}').no_strategy
    'market commentary'
    """
    from pydantic import ValidationError

    from foa.errors import SpecError
    from foa.spec.model import StrategySpec

    try:
        data = json.loads(text)
    except (json.JSONDecodeError, TypeError) as err:
        data = _embedded_object(text)
        if data is None:
            return ParsedReply(errors=[f"the reply is not valid JSON: {err}"])
    if not isinstance(data, dict):
        return ParsedReply(errors=["the reply must be a JSON object with status, reason and strategy"])
    status = data.get("status")
    if status == "no_strategy":
        return ParsedReply(no_strategy=str(data.get("reason") or "the document states no concrete, tradable rule"))
    strategy = data.get("strategy")
    if status != "strategy" or not isinstance(strategy, dict):
        return ParsedReply(errors=["status must be 'strategy' with a strategy object, or 'no_strategy' with strategy null"])
    strategy = _drop_null_params(strategy)
    strategy.pop("provenance", None)  # foa fills provenance; a model never does
    for ev in strategy.get("evidence") or []:
        if isinstance(ev, dict):
            ev.pop("verified", None)  # and foa decides what is verified
            ev.pop("state", None)
    try:
        return ParsedReply(spec=StrategySpec.model_validate(strategy))
    except ValidationError as err:
        return ParsedReply(
            errors=[f"strategy.{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in err.errors()[:20]]
        )
    except SpecError as err:  # raised by StrategySpec's own validator (meaning, not shape)
        return ParsedReply(errors=[f"strategy: {err}"])
