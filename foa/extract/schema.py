"""The wire format Claude fills, and the way back from its reply to a StrategySpec.

StrategySpec stays the contract after parsing; only what the model fills is different. Claude's
structured outputs compile the schema in ``output_config.format`` into a decoding grammar, and the
documented limits per request are small (``API_MAX_OPTIONAL`` optional and ``API_MAX_UNION``
union-typed parameters; past them the API answers 400 "The compiled grammar is too large", and big
schemas with nested arrays of objects have failed with a 500 after long compilations). StrategySpec's
own schema, with its recursive conditions unrolled, has dozens of each. So the wire is:

- **a flat envelope**: one object, every property required; nothing is optional. "Not stated" is a
  sentinel the description names (``""`` for a rule or a benchmark, ``0`` for a stop, ``"none"`` for a
  rebalance), so the only nullable fields are the two ``page`` numbers (a quote's page can be unknown);
- **rules as strings in the rule grammar** (``foa.spec.rule``): ``"sma(50) crosses_above sma(200) and
  rsi(14) < 70"``. Conditions nest inside a string, not inside the schema, so the schema does not grow
  with the indicator catalogue or with how deep a rule nests;
- ``provenance`` and ``evidence[].verified`` / ``.state`` are left out: foa fills them.

``WIRE_MAX_OPTIONAL`` and ``WIRE_MAX_UNION`` hold ours below the API's limits, with headroom for new
fields. A reply is read back by ``parse_reply``: rule strings go through ``foa.rule``; a reply in
StrategySpec's JSON form (``{"status", "reason", "strategy": {...}}`` with condition objects, as an
endpoint that ignores the schema may send) is validated as such; either way StrategySpec decides.

    >>> schema = wire_schema(); schema["required"][:3]
    ['status', 'reason', 'name']
"""

from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from foa.spec.model import StrategySpec

__all__ = [
    "API_MAX_OPTIONAL", "API_MAX_UNION", "LIMITS_REFERENCE", "ParsedReply", "RULE_FIELDS", "WIRE_MAX_OPTIONAL",
    "WIRE_MAX_UNION", "no_strategy_wire", "parse_reply", "rule_help", "spec_to_wire", "wire_fields", "wire_schema", "wire_to_spec",
]

# Claude's structured outputs: schema complexity limits per request (optional parameters: properties not
# in `required`; union-typed parameters: anyOf or a list of types, nullable fields included).
LIMITS_REFERENCE = "https://platform.claude.com/docs/en/build-with-claude/structured-outputs (schema limitations)"
API_MAX_OPTIONAL = 24
API_MAX_UNION = 16
# foa's own ceiling, below the API's so new fields fit without crossing it
WIRE_MAX_OPTIONAL = 20
WIRE_MAX_UNION = 12

RULE_FIELDS = ("entry", "exit", "short_entry", "short_exit")
_STR = {"type": "string"}
_NUM = {"type": "number"}
_INT = {"type": "integer"}
_PAGE = {"anyOf": [{"type": "integer"}, {"type": "null"}], "description": "Page number (1-based); null if unknown."}


def rule_help() -> str:
    """One paragraph on the rule grammar, with every indicator's form from the indicator table."""
    from foa.spec import indicators

    forms = []
    for rec in indicators.table():
        if rec.source != "foa":  # TA-Lib's ~200 forms are in the system prompt; the schema stays small
            continue
        args = ", ".join(rec.param_names)
        outs = f" .{'|.'.join(rec.outputs)}" if len(rec.outputs) > 1 else ""
        forms.append(f"{rec.name}({args}){outs}")
    forms.append("and every TA-Lib function by its lowercase name with TA-Lib's parameters, as listed in the "
                 "instructions (adx(timeperiod), sar(acceleration, maximum), stoch(...) .slowk|.slowd)")
    return (
        "A rule in foa's rule grammar, e.g. 'sma(50, id=fast) crosses_above sma(200, id=slow)', "
        "'rsi(2) < 10 and close > sma(200)', 'close > highest(20)', 'roc(12) > 0'. Operators: > >= < <= "
        "crosses_above crosses_below; and, or, not, parentheses; arithmetic + - * /; prices close open high "
        "low volume; x[1] = one bar back; name=value for id, symbol, input. Indicators: " + "; ".join(forms)
        + ". Empty string = no such rule."
    )


@functools.lru_cache(maxsize=1)
def wire_fields() -> dict[str, tuple[dict[str, Any], str]]:
    """The flat envelope's properties, in order: name -> (JSON schema, description)."""
    return {
        "status": ({"type": "string", "enum": ["strategy", "no_strategy"]},
                   "'strategy' when the document states a concrete, tradable rule; else 'no_strategy'."),
        "reason": (_STR, "One sentence: why this is (or is not) a concrete, tradable strategy."),
        "name": (_STR, "A short name, e.g. 'SMA 50/200 crossover on SPY' ('' for no_strategy)."),
        "summary": (_STR, "One or two sentences saying what the strategy does."),
        "symbols": ({"type": "array", "items": _STR}, "Yahoo-style tickers traded, e.g. ['SPY'] or ['^GSPC', '^IXIC']."),
        "asset_class": ({"type": "string", "enum": ["equity", "fixed_income", "commodity", "fx", "crypto", "multi_asset",
                                                    "unspecified"]}, "The asset class traded; 'unspecified' if unclear."),
        "benchmark": (_STR, "Benchmark ticker; '' = buy & hold of the symbols."),
        "frequency": ({"type": "string", "enum": ["daily", "weekly", "monthly"]},
                      "Bar frequency: every window counts bars of it (a 10-month SMA is monthly with window 10)."),
        "direction": ({"type": "string", "enum": ["long_only", "short_only", "long_short"]},
                      "long_only uses entry/exit; short_only short_entry/short_exit; long_short all four."),
        "entry": (_STR, "When to buy (go long), read while flat; 'always' = buy and hold; '' = no long entry."),
        "exit": (_STR, "When to sell a long position; '' = hold until a stop or the end. Same grammar as entry."),
        "short_entry": (_STR, "When to sell short; '' if none. Same grammar as entry."),
        "short_exit": (_STR, "When to cover a short; '' if none. Same grammar as entry."),
        "rank_by": (_STR, "Ranking strategies: the expression to rank the symbols by, e.g. 'roc(6, id=lookback)'; '' = no ranking."),
        "top_n": (_INT, "Ranking: hold the top n; 0 = not stated (use top_pct)."),
        "top_pct": (_NUM, "Ranking: hold this fraction of the universe (0.2 = top 20%); 0 = not stated."),
        "ascending": ({"type": "boolean"}, "Ranking: true ranks the lowest values first; false (usual) the highest."),
        "rebalance": ({"type": "string", "enum": ["daily", "weekly", "monthly", "quarterly", "none"]},
                      "Rebalance schedule of a ranking or fixed weights; 'none' for rule-based strategies."),
        "stop_loss": (_NUM, "Exit at this fraction against the fill (0.05 = 5%); 0 = none."),
        "take_profit": (_NUM, "Exit at this fraction in favour of the fill; 0 = none."),
        "trailing_stop": (_NUM, "Exit this fraction below the highest high since the fill; 0 = none."),
        "atr_stop_window": (_INT, "ATR stop: ATR window in bars; 0 = no ATR stop."),
        "atr_stop_multiple": (_NUM, "ATR stop: the stop sits this many ATRs from the fill; 0 = no ATR stop."),
        "max_holding_bars": (_INT, "Exit after this many bars; 0 = none."),
        "sizing": ({"type": "string", "enum": ["all_in", "fixed_fraction", "equal_weight", "volatility_target"]},
                   "Position sizing; all_in (100% of equity, 1/N per symbol) unless the document says otherwise."),
        "fraction": (_NUM, "fixed_fraction: share of equity per position; 0 otherwise."),
        "target_volatility": (_NUM, "volatility_target: annualised target, e.g. 0.10; 0 otherwise."),
        "vol_window": (_INT, "volatility_target: look-back in bars; 0 otherwise."),
        "fees": (_NUM, "Fees per side as a fraction of notional (10 bp = 0.001); 0 if not stated."),
        "slippage": (_NUM, "Adverse price fraction per fill; 0 if not stated."),
        "evidence": ({"type": "array", "items": {"$ref": "#/$defs/Evidence"}},
                     "Verbatim quotes backing each rule and number, with pages."),
        "assumptions": ({"type": "array", "items": _STR}, "Everything filled in that the document does not say."),
        "unsupported": ({"type": "array", "items": {"$ref": "#/$defs/Unsupported"}},
                        "Rule-like parts the grammar cannot express (another indicator, a time-of-day exit, "
                        "options, fundamentals): listed, never dropped or approximated."),
    }


def _object(props: dict[str, tuple[dict[str, Any], str]], description: str) -> dict[str, Any]:
    properties = {}
    for name, (schema, desc) in props.items():
        node = copy.deepcopy(schema)
        node.setdefault("description", desc)
        properties[name] = node
    return {"type": "object", "description": description, "properties": properties,
            "required": list(props), "additionalProperties": False}


@functools.lru_cache(maxsize=1)
def _wire_schema() -> str:
    fields = dict(wire_fields())
    schema, desc = fields["entry"]
    fields["entry"] = (schema, f"{desc} {rule_help()}")  # the grammar, once, where the first rule is written
    root = _object(fields, "A trading strategy stated by the document (status 'strategy'), or 'no_strategy' "
                                  "with the reason and empty/zero fields.")
    root["$defs"] = {
        "Evidence": _object({
            "field": (_STR, "The field the quote supports: 'entry', 'exit', 'stop_loss', 'symbols', 'rank_by', ..."),
            "quote": (_STR, "Verbatim text from the document (<= 300 characters) containing the number it supports."),
            "page": (_PAGE, "Page number (1-based); null if unknown."),
        }, "A verbatim quote backing a field."),
        "Unsupported": _object({
            "what": (_STR, "What the document asks for that the grammar cannot express, e.g. 'Parabolic SAR stop'."),
            "quote": (_STR, "Verbatim text stating it."),
            "page": (_PAGE, "Page number (1-based); null if unknown."),
        }, "A rule-like part foa cannot express."),
    }
    return json.dumps(root, sort_keys=True)


def wire_schema() -> dict[str, Any]:
    """The JSON schema sent as ``output_config.format.schema`` (a fresh copy each call)."""
    return json.loads(_wire_schema())


# ------------------------------------------------------------------------------------ spec <-> wire

# StrategySpec paths -> the wire's names, so a validation error names the field the model filled
_WIRE_NAMES = {
    "universe.symbols": "symbols", "universe.asset_class": "asset_class", "universe.benchmark": "benchmark",
    "ranking.by": "rank_by", "ranking.top_n": "top_n", "ranking.top_pct": "top_pct", "ranking.ascending": "ascending",
    "risk.stop_loss": "stop_loss", "risk.take_profit": "take_profit", "risk.trailing_stop": "trailing_stop",
    "risk.max_holding_bars": "max_holding_bars", "risk.atr_stop.window": "atr_stop_window",
    "risk.atr_stop.multiple": "atr_stop_multiple", "sizing.method": "sizing", "sizing.fraction": "fraction",
    "sizing.target_volatility": "target_volatility", "sizing.vol_window": "vol_window", "costs.fees": "fees",
    "costs.slippage": "slippage",
}


_SPEC_PATHS = {wire: path for path, wire in _WIRE_NAMES.items()}


def _field_to_wire(name: str) -> str:
    return _WIRE_NAMES.get(name, name)



def spec_to_wire(spec: "StrategySpec", *, status: str = "strategy", reason: str = "") -> dict[str, Any]:
    """A StrategySpec as the flat reply the model sends (the prompt's worked examples, test stand-ins).

    >>> from foa.spec.library import get
    >>> spec_to_wire(get("sma_crossover"))["entry"]
    'sma(50, id=fast) crosses_above sma(200, id=slow)'
    """
    r, k, z, c = spec.risk, spec.ranking, spec.sizing, spec.costs
    return {
        "status": status, "reason": reason or "The document states the rules.",
        "name": spec.name, "summary": spec.summary, "symbols": list(spec.universe.symbols),
        "asset_class": spec.universe.asset_class or "unspecified", "benchmark": spec.universe.benchmark or "",
        "frequency": spec.frequency, "direction": spec.direction,
        **{f: str(getattr(spec, f)) if getattr(spec, f) is not None else "" for f in RULE_FIELDS},
        "rank_by": str(k.by) if k else "", "top_n": (k.top_n or 0) if k else 0, "top_pct": (k.top_pct or 0) if k else 0,
        "ascending": bool(k.ascending) if k else False, "rebalance": spec.rebalance or "none",
        "stop_loss": r.stop_loss or 0, "take_profit": r.take_profit or 0, "trailing_stop": r.trailing_stop or 0,
        "atr_stop_window": r.atr_stop.window if r.atr_stop else 0,
        "atr_stop_multiple": r.atr_stop.multiple if r.atr_stop else 0, "max_holding_bars": r.max_holding_bars or 0,
        "sizing": z.method, "fraction": z.fraction or 0, "target_volatility": z.target_volatility or 0,
        "vol_window": z.vol_window or 0, "fees": c.fees, "slippage": c.slippage,
        "evidence": [{"field": _field_to_wire(e.field), "quote": e.quote, "page": e.page} for e in spec.evidence],
        "assumptions": list(spec.assumptions),
        "unsupported": [{"what": u.what, "quote": u.quote, "page": u.page} for u in spec.unsupported],
    }


def no_strategy_wire(reason: str) -> dict[str, Any]:
    """The flat reply saying the document states no strategy: the reason, every other field empty.

    >>> no_strategy_wire("market commentary")["entry"]
    ''
    """
    empty: dict[str, Any] = {"string": "", "integer": 0, "number": 0, "boolean": False, "array": []}
    out = {}
    for name, (schema, _) in wire_fields().items():
        enum = schema.get("enum")
        out[name] = ("none" if "none" in enum else "unspecified" if "unspecified" in enum else enum[0]) if enum \
            else empty[schema.get("type", "array")]
    return {**out, "status": "no_strategy", "reason": reason}


def _nz(v: Any) -> Any:
    """The wire's "not stated" sentinels (0, "", "none", "unspecified", null) -> None."""
    if v is None or (isinstance(v, str) and v.strip() in ("", "none", "unspecified")):
        return None
    if isinstance(v, (int, float)) and not isinstance(v, bool) and v == 0:
        return None
    return v


def wire_to_spec(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A flat reply -> (StrategySpec's JSON form, problems). Rule strings are parsed with ``foa.rule``;
    a rule given as a condition object is passed on for StrategySpec to validate.

    >>> spec, problems = wire_to_spec({"name": "x", "entry": "close > sma(200", "symbols": ["SPY"]})
    >>> problems[0].split(":")[0], problems[0].count("position 15")
    ('entry', 1)
    """
    from foa.errors import SpecError
    from foa.spec.rule import parse_expr, rule

    problems = [f"{k}: not a field of the reply (remove it)" for k in data if k not in wire_fields()]

    def text_rule(key: str, parse: Any) -> Any:
        v = data.get(key)
        if isinstance(v, str):
            if not v.strip():
                return None
            try:
                return parse(v)
            except SpecError as err:
                problems.append(f"{key}: {err}")
                return None
        return v  # a condition object (StrategySpec's JSON form) or null: StrategySpec validates it

    rules = {f: text_rule(f, rule) for f in RULE_FIELDS}
    by = text_rule("rank_by", parse_expr)
    ranking = None
    if by is not None:
        ranking = {"by": by, "top_n": _nz(data.get("top_n")), "top_pct": _nz(data.get("top_pct")),
                   "ascending": bool(data.get("ascending", False))}
    atr_w, atr_m = _nz(data.get("atr_stop_window")), _nz(data.get("atr_stop_multiple"))
    spec = {
        "name": data.get("name") or "", "summary": data.get("summary") or "",
        "universe": {"symbols": data.get("symbols") or [], "asset_class": _nz(data.get("asset_class")),
                     "benchmark": _nz(data.get("benchmark"))},
        "frequency": data.get("frequency") or "daily", "direction": data.get("direction") or "long_only",
        **rules, "ranking": ranking, "rebalance": _nz(data.get("rebalance")),
        "risk": {"stop_loss": _nz(data.get("stop_loss")), "take_profit": _nz(data.get("take_profit")),
                 "trailing_stop": _nz(data.get("trailing_stop")), "max_holding_bars": _nz(data.get("max_holding_bars")),
                 "atr_stop": {"window": atr_w or 14, "multiple": atr_m or 2.0} if (atr_w or atr_m) else None},
        "sizing": {"method": data.get("sizing") or "all_in", "fraction": _nz(data.get("fraction")),
                   "target_volatility": _nz(data.get("target_volatility")), "vol_window": _nz(data.get("vol_window"))},
        "costs": {"fees": data.get("fees") or 0.0, "slippage": data.get("slippage") or 0.0},
        "evidence": [{**ev, "field": _SPEC_PATHS.get(ev.get("field"), ev.get("field"))} if isinstance(ev, dict) else ev
                     for ev in data.get("evidence") or []],
        "assumptions": data.get("assumptions") or [],
        "unsupported": data.get("unsupported") or [],
    }
    return spec, problems


# ------------------------------------------------------------------------------------------ replies

# top-level names StrategySpec's JSON form shares with the wire (the others tell the two apart)
_SPEC_KEYS = {"name", "summary", "frequency", "direction", "entry", "exit", "short_entry", "short_exit", "rebalance",
              "evidence", "assumptions", "unsupported", "status", "reason"}


@dataclass
class ParsedReply:
    """What a model reply turned out to be: a spec, a reasoned "no strategy", or a list of problems.

    ``findings`` holds the error findings of ``foa.spec.check.check_spec`` on a spec that validated (a
    comparison across scales, a contradiction): worth one re-ask, not a failure.
    """

    spec: "StrategySpec | None" = None
    no_strategy: str | None = None
    errors: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)


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


def _drop_null_params(node: Any) -> Any:
    # StrategySpec's JSON form from an older wire may carry every parameter key with null
    if isinstance(node, list):
        return [_drop_null_params(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {k: _drop_null_params(v) for k, v in node.items()}
    if out.get("kind") == "indicator" and isinstance(out.get("params"), dict):
        out["params"] = {k: v for k, v in out["params"].items() if v is not None}
    return out


def _path(loc: tuple[Any, ...], flat: bool) -> str:
    parts = [str(p) for p in loc if p not in ("compare", "all", "any", "not", "always", "price", "const", "indicator", "arith")]
    dotted = ".".join(parts)
    if not flat:
        return f"strategy.{'.'.join(str(p) for p in loc)}"
    for prefix, name in _WIRE_NAMES.items():
        if dotted == prefix or dotted.startswith(prefix + "."):
            return name + dotted[len(prefix):]
    return dotted or "(reply)"


def parse_reply(text: str) -> ParsedReply:
    """Validate a reply into a StrategySpec. Nothing in it is executed: it is JSON, read as data.

    >>> parse_reply('{"status": "no_strategy", "reason": "market commentary"}').no_strategy
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
        return ParsedReply(errors=["the reply must be one JSON object with status, reason and the strategy's fields"])
    status = data.get("status")
    if status == "no_strategy":
        return ParsedReply(no_strategy=str(data.get("reason") or "the document states no concrete, tradable rule"))
    if status != "strategy":
        return ParsedReply(errors=["status must be 'strategy' (with the strategy's fields) or 'no_strategy'"])
    nested = data.get("strategy")
    if isinstance(nested, dict) and set(nested) & (set(wire_fields()) - _SPEC_KEYS):
        data = {**nested, "status": status, "reason": data.get("reason", "")}  # the wire's fields under "strategy"
    flat = "strategy" not in data
    if flat:
        strategy, problems = wire_to_spec(data)
    else:  # StrategySpec's JSON form under "strategy"
        strategy, problems = data.get("strategy"), []
        if not isinstance(strategy, dict):
            return ParsedReply(errors=["status 'strategy' needs the strategy's fields"])
        strategy = _drop_null_params(strategy)
        strategy.pop("provenance", None)  # foa fills provenance; a model never does
    for ev in strategy.get("evidence") or []:
        if isinstance(ev, dict):
            ev.pop("verified", None)  # and foa decides what is verified
            ev.pop("state", None)
    if problems:
        return ParsedReply(errors=problems)
    try:
        spec = StrategySpec.model_validate(strategy)
    except ValidationError as err:
        return ParsedReply(errors=[f"{_path(tuple(e['loc']), flat)}: {e['msg']}" for e in err.errors()[:20]])
    except SpecError as err:  # raised by StrategySpec's own validators (a rule's text, the meaning)
        return ParsedReply(errors=[f"strategy: {err}"])
    custom = _custom_names(spec)
    if custom:  # registered in this process by its user: never something a document's extraction may name
        return ParsedReply(errors=[f"strategy: {', '.join(custom)} is not an indicator of the instructions' list: use "
                                   "foa's or TA-Lib's indicators, or list the part under unsupported"])
    return ParsedReply(spec=spec, findings=_check_findings(spec))


def _custom_names(spec: "StrategySpec") -> list[str]:
    """Custom indicators (foa.register_indicator) a spec names: an extraction never may."""
    from foa.spec import indicators
    from foa.spec.validate import iter_indicators

    static = {r.name for r in indicators.table()}
    return sorted({e.name for e in iter_indicators(spec) if e.name not in static})


def _check_findings(spec: "StrategySpec") -> list[str]:
    """The error findings of the static checks, each naming its field and the fix."""
    from foa.spec.check import check_spec

    return [str(f) for f in check_spec(spec).errors]
