"""Generate docs/spec.md from StrategySpec's JSON schema (the schema is the contract; this page follows it).

    .venv/bin/python docs/gen_spec_reference.py          # rewrites docs/spec.md
    .venv/bin/python docs/gen_spec_reference.py --check  # exit 1 if docs/spec.md is stale
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "spec.md"

INTRO = '''# The spec DSL: `StrategySpec`

A `StrategySpec` is the contract between a document and a backtest: Claude fills it, the offline extractor
fills it, the engine compiles it, the workspace stores it. Names below are the JSON names (stable: fields
are added, never renamed). Percentages are fractions (a 5% stop is `0.05`); windows count bars of the
spec's `frequency`. Rules are evaluated on each bar's close and fill at the next trading day's open (see
[Backtest semantics](semantics.md)).

Build one in Python with builders that read like the rule, or from JSON:

```python
from foa.spec import StrategySpec, Universe, close, rsi, sma

spec = StrategySpec(
    name="rsi2 in an uptrend",
    universe=Universe(symbols=["^GSPC"]),
    entry=(rsi(2) < 10) & (close() > sma(200)),
    exit=close() > sma(5, id="exit"),
    risk={"stop_loss": 0.05},
)
print(spec.describe())
assert StrategySpec.from_json(spec.to_json()) == spec
schema = StrategySpec.json_schema()   # what a model fills
```

Ready-made specs for the classic families, with ids a sweep can address (`"fast.window"`):

```python
from foa.spec.library import get, library

sorted(library())
get("sma_crossover").describe()
```

Invalid specs raise `foa.SpecError` saying what to fix: an unknown indicator, a window < 1, short rules in a
long-only spec, a malformed field. Checks that need data run when the spec is backtested: a window longer
than the data, a symbol that is not in the data, a ranking without at least 2 symbols.

This page is generated from the schema by `docs/gen_spec_reference.py`; do not edit it by hand.
'''


def _type(p: dict[str, Any]) -> str:
    if "$ref" in p:
        name = p["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "enum" in p:
        return " \\| ".join(f"`{v}`" for v in p["enum"])
    if "const" in p:
        return f"`{p['const']}`"
    if "anyOf" in p:
        return " \\| ".join(_type(x) for x in p["anyOf"])
    if "oneOf" in p:
        return " \\| ".join(_type(x) for x in p["oneOf"])
    t = p.get("type", "any")
    if t == "array":
        return f"list of {_type(p.get('items', {}))}"
    if t == "object" and "additionalProperties" in p and isinstance(p["additionalProperties"], dict):
        return f"map of {_type(p['additionalProperties'])}"
    return {"null": "null", "integer": "int", "number": "number", "string": "str", "boolean": "bool"}.get(t, t)


def _default(p: dict[str, Any], required: bool) -> str:
    if required:
        return "required"
    if "default" in p:
        return f"`{p['default']!r}`".replace("'", '"') if p["default"] is not None else "`null`"
    return ""


def _section(name: str, d: dict[str, Any]) -> str:
    lines = [f"## {name}", ""]
    doc = (d.get("description") or "").strip()
    if doc:
        lines += [" ".join(doc.split()), ""]
    props = d.get("properties", {})
    if props:
        req = set(d.get("required", []))
        lines += ["| field | type | default | meaning |", "|---|---|---|---|"]
        for k, p in props.items():
            desc = " ".join((p.get("description") or "").split()).replace("|", "\\|")
            lines.append(f"| `{k}` | {_type(p)} | {_default(p, k in req)} | {desc} |")
        lines.append("")
    return "\n".join(lines)


def render() -> str:
    from foa.spec.model import StrategySpec

    schema = StrategySpec.json_schema()
    defs = schema.get("$defs", {})
    parts = [INTRO, _section("StrategySpec", schema)]
    for name in sorted(defs):
        parts.append(_section(name, defs[name]))
    return "\n".join(parts).rstrip() + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is stale: run python docs/gen_spec_reference.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
