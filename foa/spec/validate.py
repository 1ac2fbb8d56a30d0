"""Checks a StrategySpec can make without data; data-dependent checks live in the engine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from foa.errors import SpecError

if TYPE_CHECKING:
    from foa.spec.model import StrategySpec

__all__ = ["iter_exprs", "iter_indicators", "parse_spec", "validate_indicator", "validate_spec"]


def iter_exprs(node: Any) -> Iterator[Any]:
    """Every Expr below a Condition, Expr, Ranking or StrategySpec, depth first."""
    from foa.spec import model as m

    if node is None:
        return
    if isinstance(node, m.StrategySpec):
        for c in (node.entry, node.exit, node.short_entry, node.short_exit):
            yield from iter_exprs(c)
        if node.ranking is not None:
            yield from iter_exprs(node.ranking.by)
        return
    if isinstance(node, m.CompareCondition):
        yield from iter_exprs(node.left)
        yield from iter_exprs(node.right)
    elif isinstance(node, (m.AllCondition, m.AnyCondition)):
        for c in node.of:
            yield from iter_exprs(c)
    elif isinstance(node, m.NotCondition):
        yield from iter_exprs(node.of)
    elif isinstance(node, m.Ranking):
        yield from iter_exprs(node.by)
    elif isinstance(node, m.IndicatorExpr):
        yield node
        yield from iter_exprs(node.input)
    elif isinstance(node, m.ArithExpr):
        yield node
        yield from iter_exprs(node.left)
        yield from iter_exprs(node.right)
    elif isinstance(node, (m.PriceExpr, m.ConstExpr)):
        yield node


def iter_indicators(node: Any) -> Iterator[Any]:
    """Every IndicatorExpr in a spec or condition."""
    from foa.spec.model import IndicatorExpr

    return (e for e in iter_exprs(node) if isinstance(e, IndicatorExpr))


def validate_indicator(ind: Any) -> None:
    """Raise SpecError for an IndicatorExpr whose name, parameters or output cannot mean anything (the
    per-indicator part of ``validate_spec``; a sweep checks each swept indicator's values with it once).

    >>> validate_indicator(IndicatorExpr(name="sma", params={"window": 20}))  # doctest: +SKIP
    """
    from foa.spec import indicators as table

    rec = table.get(ind.name)  # SpecError naming the known indicators
    for p in rec.required:
        if p not in ind.params:
            raise SpecError(f"indicator {ind.name!r} needs the parameter {p!r} (e.g. params={{'{p}': 20}})")
    unknown = set(ind.params) - set(rec.param_names)
    if unknown:
        raise SpecError(
            f"indicator {ind.name!r} has unknown parameter(s) {sorted(unknown)}; "
            f"it takes {list(rec.param_names)}"
        )
    for p in rec.windows:
        if p in ind.params and (ind.params[p] < 1 or float(ind.params[p]) != int(ind.params[p])):
            raise SpecError(
                f"{ind.name} {p} must be a whole number of bars >= 1, got {ind.params[p]}: "
                f"use e.g. {{'{p}': 20}} (windows count bars of the spec's frequency)"
            )
    if ind.name == "macd":
        fast = ind.params.get("fast", 12)
        slow = ind.params.get("slow", 26)
        if fast >= slow:
            raise SpecError(f"macd fast ({fast}) must be shorter than slow ({slow})")
    if ind.output is not None and ind.output not in rec.outputs:
        raise SpecError(f"{ind.name} has outputs {list(rec.outputs)}, not {ind.output!r}")


def validate_spec(spec: "StrategySpec") -> None:
    """Raise SpecError (a ValueError pydantic reports) for specs that cannot mean anything."""
    for ind in iter_indicators(spec):
        validate_indicator(ind)
    if spec.direction == "long_only" and (spec.short_entry is not None or spec.short_exit is not None):
        raise SpecError(
            "short rules in a long_only spec: set direction='long_short' (or 'short_only'), or drop short_entry/short_exit"
        )
    if spec.direction == "short_only" and (spec.entry is not None or spec.exit is not None) and spec.short_entry is None:
        raise SpecError("a short_only spec states its rules in short_entry/short_exit, not entry/exit")
    if spec.ranking is not None and spec.ranking.top_n is not None and spec.ranking.top_pct is not None:
        raise SpecError("ranking: give top_n or top_pct, not both")


def parse_spec(text: str | bytes | dict) -> "StrategySpec":
    """Parse JSON (or a dict) into a StrategySpec; every failure is a SpecError listing the problems."""
    from pydantic import ValidationError

    from foa.spec.model import StrategySpec

    if isinstance(text, bytes) and text.startswith(b"\xef\xbb\xbf"):  # a UTF-8 BOM (Notepad, Excel exports)
        text = text[3:]
    elif isinstance(text, str) and text.startswith("\ufeff"):
        text = text[1:]
    try:
        if isinstance(text, dict):
            return StrategySpec.model_validate(text)
        return StrategySpec.model_validate_json(text)
    except ValidationError as err:  # first: a SpecValidationError is both, and gets the short form here
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(spec)'}: {e['msg']}" for e in err.errors()[:8]
        )
        end = "" if problems.rstrip().endswith((".", "?", "!")) else "."
        raise SpecError(f"invalid StrategySpec: {problems}{end} Fix the spec (its fields: StrategySpec.json_schema()).") from err
