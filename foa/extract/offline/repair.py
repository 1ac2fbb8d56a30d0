"""The last stage of the offline extractor: no spec leaves it with an error finding of the static checks.

``repair(spec)`` runs ``foa.spec.check.check_spec`` and mends what a reading can get wrong: a condition
that contradicts another one of the same rule ("roc > 0 and roc < 0", "rsi < 30 and rsi > 70") or that makes an "or" true on every
bar is dropped; an always/never-true comparison, a cross-scale comparison or an out-of-range level is
dropped from its rule; an exit equal to its entry is dropped; stops the engine does not run with a
ranking are moved to ``spec.unsupported``; a short side the engine cannot run with a ranking is dropped.
Each repair is written to ``spec.assumptions``. When no entry survives, ``NoStrategyFound`` says why.

>>> from foa.spec.builders import close, roc, sma
>>> from foa.spec.model import StrategySpec
>>> bad = StrategySpec(name="x", entry=(roc(20) > 0) & (roc(20) < 0) & (close() > sma(50)))
>>> str(repair(bad).entry)
'roc(20) > 0 and close > sma(50)'
"""

from __future__ import annotations

import re
from typing import Any

from foa.errors import NoStrategyFound
from foa.spec import model as M

__all__ = ["repair"]

_STEP = re.compile(r"\.of\[(\d+)\]|\.of\b")
_RULES = ("entry", "exit", "short_entry", "short_exit")


def _steps(path: str) -> tuple[str, list[int | None]]:
    """'entry.of[1].of[0]' -> ('entry', [1, 0]); a 'not' is the step None."""
    head = path.split(".", 1)[0]
    return head, [int(m.group(1)) if m.group(1) else None for m in _STEP.finditer(path[len(head):])]


def _get(cond: Any, steps: list[int | None]) -> Any:
    for k in steps:
        cond = cond.of if k is None else cond.of[k]
    return cond


def _without(cond: Any, steps: list[int | None]) -> Any:
    """The condition with the node at ``steps`` removed (None when nothing is left)."""
    if not steps:
        return None
    k, rest = steps[0], steps[1:]
    if k is None:  # inside a "not": removing its operand removes the "not"
        inner = _without(cond.of, rest)
        return None if inner is None else cond.model_copy(update={"of": inner})
    parts = list(cond.of)
    inner = _without(parts[k], rest)
    parts = parts[:k] + ([inner] if inner is not None else []) + parts[k + 1:]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else cond.model_copy(update={"of": parts})


_UP, _DOWN = {">", ">=", "crosses_above"}, {"<", "<=", "crosses_below"}
_FLIP = {">": "<", "<": ">", ">=": "<=", "<=": ">=", "crosses_above": "crosses_below", "crosses_below": "crosses_above"}


def _opposite(a: Any, b: Any) -> bool:
    """Two comparisons of the same pair in opposite directions ("x > y" and "x < y", or "y > x" and "x > y")."""
    if a.kind != "compare" or b.kind != "compare":
        return False
    la, ra, lb, rb = str(a.left), str(a.right), str(b.left), str(b.right)
    if (la, ra) == (rb, lb):
        ob = _FLIP[b.op]
    elif (la, ra) == (lb, rb):
        ob = b.op
    else:
        return False
    return (a.op in _UP and ob in _DOWN) or (a.op in _DOWN and ob in _UP)


def _disjoint(a: Any, b: Any) -> bool:
    """Two levels of one series that no bar meets together ("rsi(14) < 30" and "rsi(14) > 70"): a buy and a sell
    threshold read into one rule.

    >>> from foa.spec.builders import rsi
    >>> _disjoint(rsi(14) < 30, rsi(14) > 70), _disjoint(rsi(14) > 30, rsi(14) < 70)
    (True, False)
    """
    if a.kind != "compare" or b.kind != "compare" or a.right.kind != "const" or b.right.kind != "const":
        return False
    if str(a.left) != str(b.left):
        return False
    for lo, hi in ((a, b), (b, a)):  # lo: "x below v1", hi: "x above v2" with v2 >= v1
        if lo.op in _DOWN and hi.op in _UP and hi.right.value >= lo.right.value:
            return True
    return False


def _price_subject(c: Any, siblings: list) -> Any:
    """``osc > sma(200)`` -> ``close > sma(200)`` when one side is an average of the price, the other an
    oscillator, a return or a spread (never a price), and that other side is also a side of another
    comparison of the same "all": "RSI(2) under 5 and above the 200-day SMA" carried the RSI over from the
    clause before as the subject of the average, whose elided subject is the price. An oscillator that
    stands alone against a price average (code ``rsi < sma(close, 20)``) is what the rule says: not mended here."""
    from foa.spec.check import expr_scale

    if c.kind != "compare":
        return None
    carried = {_key(x) for s in siblings if s.kind == "compare" for x in (s.left, s.right)}
    sl, sr = expr_scale(c.left), expr_scale(c.right)
    if sr == "price" and c.right.kind == "indicator" and sl not in (None, "price") and c.left.kind == "indicator" \
            and _key(c.left) in carried:
        return c.model_copy(update={"left": M.PriceExpr(field="close")})
    if sl == "price" and c.left.kind == "indicator" and sr not in (None, "price") and c.right.kind == "indicator" \
            and _key(c.right) in carried:
        return c.model_copy(update={"right": M.PriceExpr(field="close")})
    return None


def _key(e: Any) -> str:
    """An expression as comparable data (its id left out); the MACD's lines are one subject."""
    d = _plain(e)
    if isinstance(d, dict) and d.get("name") == "macd":
        d = {**d, "output": None}
    return repr(d)


def _siblings(rule: Any, steps: list[int | None]) -> list:
    """The other members of the "all" that holds the node at ``steps`` (none when its parent is no "all")."""
    if not steps or steps[-1] is None:
        return []
    parent = _get(rule, steps[:-1])
    if parent.kind != "all":
        return []
    return [x for k, x in enumerate(parent.of) if k != steps[-1]]


def _replace(cond: Any, steps: list[int | None], new: Any) -> Any:
    if not steps:
        return new
    k, rest = steps[0], steps[1:]
    if k is None:
        return cond.model_copy(update={"of": _replace(cond.of, rest, new)})
    parts = list(cond.of)
    parts[k] = _replace(parts[k], rest, new)
    return cond.model_copy(update={"of": parts})


def _pair_to_drop(cond: Any) -> list[int] | None:
    """In an all/any, the later member of the first pair of opposite comparisons: in an "all" they never
    hold together, in an "any" one of them holds on (nearly) every bar."""
    parts = list(cond.of)
    for i, a in enumerate(parts):
        for j in range(i + 1, len(parts)):
            # in an "all", two levels no bar meets together too (an "or" of them is a plain band test)
            if _opposite(a, parts[j]) or (cond.kind == "all" and _disjoint(a, parts[j])):
                return [j]
    return None


def _opposites(spec: M.StrategySpec) -> M.StrategySpec:
    """Drop the later of two opposite comparisons inside any all/any of the rules (the checks flag the
    "all" case; an "or" of opposites is caught here)."""
    for field in _RULES:
        for _ in range(8):
            rule = getattr(spec, field)
            hit = _find_pair(rule, [])
            if hit is None:
                break
            steps, kind = hit
            crossing = _as_crossing(spec, field, steps) if kind == "all" else None
            if crossing is not None:
                spec = crossing
                continue
            why = "it contradicts another condition" if kind == "all" else "with its opposite it holds on every bar"
            spec = _drop(spec, field, steps, why)
    return spec


def _as_crossing(spec: M.StrategySpec, field: str, steps: list[int | None]) -> M.StrategySpec | None:
    """``a < b and a > b`` between two series (code that tests the previous bar, then this one) is the
    crossing into the later state: ``a crosses_above b``. Against a constant it stays a contradiction."""
    parent_steps, j = steps[:-1], steps[-1]
    parent = _get(getattr(spec, field), parent_steps)
    later = parent.of[j]
    earlier = next((x for x in parent.of[:j] if _opposite(x, later)), None)
    if earlier is None:  # two levels no bar meets together: the later one is dropped
        return None
    if later.op not in (">", ">=", "<", "<=") or earlier.op not in (">", ">=", "<", "<="):
        return None
    if "const" in (later.left.kind, later.right.kind):
        return None
    op = "crosses_above" if later.op in (">", ">=") else "crosses_below"
    cross = later.model_copy(update={"op": op})
    i = list(parent.of).index(earlier)
    parts = [cross if k == i else x for k, x in enumerate(parent.of) if k != j]
    new_parent = parts[0] if len(parts) == 1 else parent.model_copy(update={"of": parts})
    rule = _replace(getattr(spec, field), parent_steps, new_parent)
    return spec.model_copy(update={field: rule, "assumptions": [
        *spec.assumptions, f"{field}: '{earlier}' then '{later}' read as '{cross}' (the two states on consecutive bars)"]})


def _find_pair(cond: Any, steps: list[int | None]) -> tuple[list[int | None], str] | None:
    if cond is None:
        return None
    if cond.kind in ("all", "any"):
        j = _pair_to_drop(cond)
        if j is not None:
            return steps + j, cond.kind
        for k, x in enumerate(cond.of):
            hit = _find_pair(x, steps + [k])
            if hit is not None:
                return hit
    if cond.kind == "not":
        return _find_pair(cond.of, steps + [None])
    return None


def _label(c: Any) -> str:
    return str(c)


def _drop(spec: M.StrategySpec, field: str, steps: list[int | None], why: str) -> M.StrategySpec:
    rule = getattr(spec, field)
    node = _get(rule, steps)
    new = _without(rule, steps)
    update: dict[str, Any] = {field: new, "assumptions": [*spec.assumptions, f"{field}: dropped '{_label(node)}' ({why})"]}
    if new is None:
        update["evidence"] = [e for e in spec.evidence if e.field != field]
        side = {"exit": "entry", "short_exit": "short_entry"}.get(field)
        opened = getattr(spec, side) if side else None
        if opened is not None and opened.kind == "compare" and spec.ranking is None:
            # the exit the text states cannot run: the entry rule reversed, as when no exit is stated
            update[field] = opened.model_copy(update={"op": _FLIP[opened.op]})
            update["assumptions"].append(f"{field}: the {side} rule reversed")
    return spec.model_copy(update=update)


def _fix(spec: M.StrategySpec, f: Any) -> M.StrategySpec | None:
    """One repair for one error finding, or None when there is none."""
    field, steps = _steps(f.field) if f.field else ("", [])
    if f.code in ("contradiction", "always_true") and field in _RULES:
        node = _get(getattr(spec, field), steps)
        if node.kind in ("all", "any"):
            j = _pair_to_drop(node)
            if j is not None:
                what = "it contradicts another condition" if node.kind == "all" else "with its opposite it holds on every bar"
                return _drop(spec, field, steps + j, what)
    if f.code == "scale_mismatch" and field in _RULES:
        mended = _price_subject(_get(getattr(spec, field), steps), _siblings(getattr(spec, field), steps))
        if mended is not None:
            # "RSI(2) under 5 and above the 200-day SMA": the elided subject of a price average is the price
            rule = _replace(getattr(spec, field), steps, mended)
            return spec.model_copy(update={field: rule, "assumptions": [
                *spec.assumptions, f"{field}: '{_get(getattr(spec, field), steps)}' read as '{mended}' (a price average compares with the price)"]})
    if f.code in ("always_true", "never_true") and field in _RULES:
        node = _get(getattr(spec, field), steps)
        if node.kind == "compare" and node.left.kind == "indicator" and node.right.kind == "indicator" \
                and node.left.name in ("highest", "lowest") and node.right.name in ("highest", "lowest"):
            # "a buy stop above the 20-day high and a sell stop below the 20-day low": the subject is the price
            mended = node.model_copy(update={"left": M.PriceExpr(field="close")})
            rule = _replace(getattr(spec, field), steps, mended)
            return spec.model_copy(update={field: rule, "assumptions": [
                *spec.assumptions, f"{field}: '{node}' read as '{mended}' (a channel line compares with the price)"]})
    if f.code in ("always_true", "never_true", "scale_mismatch", "out_of_range", "nan_constant", "division_by_zero") \
            and field in _RULES:
        return _drop(spec, field, steps, f.message)
    if f.code in ("same_entry_exit", "exit_always") and field in ("exit", "short_exit"):
        return _drop(spec, field, [], f.message)
    if f.code == "take_profit_below_costs":
        risk = spec.risk.model_copy(update={"take_profit": None})
        return spec.model_copy(update={"risk": risk, "assumptions": [*spec.assumptions, f"take-profit dropped ({f.message})"]})
    if f.code == "engine_refuses" and field in ("risk", "direction") and spec.ranking is None and spec.rebalance is not None:
        # rules with a rebalance schedule: the rules read on every bar of the spec's frequency keep the
        # stops and the short side, which the engine does not run with a schedule
        quotes = [e for e in spec.evidence if e.field == "rebalance"]
        r = spec.risk
        stops = any(x is not None for x in (r.stop_loss, r.trailing_stop, r.take_profit, r.atr_stop))
        shorts = spec.short_entry is not None or spec.direction != "long_only"
        parts = " and ".join(p for p, on in (("short rules", shorts), ("stops", stops)) if on) or "short rules or stops"
        gap = M.Unsupported(what=f"a {spec.rebalance} rebalance schedule with {parts} (the rules are read on "
                                 f"every {spec.frequency} bar instead)",
                            quote=quotes[0].quote if quotes else "", page=quotes[0].page if quotes else None)
        return spec.model_copy(update={"rebalance": None, "unsupported": [*spec.unsupported, gap],
                                       "evidence": [e for e in spec.evidence if e.field != "rebalance"]})
    if f.code == "engine_refuses" and field == "risk":
        quotes = [e for e in spec.evidence if e.field.startswith("risk.")]
        gap = M.Unsupported(what="stops with a ranking or rebalance schedule (the engine runs none there)",
                            quote=quotes[0].quote if quotes else "", page=quotes[0].page if quotes else None)
        return spec.model_copy(update={"risk": M.Risk(), "unsupported": [*spec.unsupported, gap],
                                       "evidence": [e for e in spec.evidence if not e.field.startswith("risk.")]})
    if f.code == "engine_refuses" and field == "direction" and spec.direction != "long_only":
        quotes = [e for e in spec.evidence if e.field in ("short_entry", "ranking")]
        gap = M.Unsupported(what="the short leg of a ranking (the engine runs long-only target weights)",
                            quote=quotes[0].quote if quotes else "", page=quotes[0].page if quotes else None)
        return spec.model_copy(update={
            "direction": "long_only", "short_entry": None, "short_exit": None, "unsupported": [*spec.unsupported, gap]})
    if f.code == "engine_refuses" and field == "universe" and spec.ranking is not None:
        # one symbol named beside a ranking is not what is ranked: the ranking runs over the prices given
        return spec.model_copy(update={
            "universe": spec.universe.model_copy(update={"symbols": []}),
            "evidence": [e for e in spec.evidence if e.field != "universe.symbols"],
            "assumptions": [*spec.assumptions, f"{spec.universe.symbols[0]} is not a universe to rank: the ranking runs "
                            "over the symbols of the prices given"]})
    return None


def _plain(e: Any) -> Any:
    """An expression as plain data without ids (two equal indicators compare equal)."""
    def strip(x: Any) -> Any:
        if isinstance(x, dict):
            return {k: strip(v) for k, v in x.items() if k != "id"}
        if isinstance(x, list):
            return [strip(v) for v in x]
        return x

    return strip(e.model_dump())


def _mirrored_exit(spec: M.StrategySpec) -> M.StrategySpec:
    """An exit that is its entry written the other way round ("sma(50) < close" after "close > sma(50)") is the
    entry rule: read as the checks read an exit equal to its entry (the entry reversed)."""
    for side, field in (("entry", "exit"), ("short_entry", "short_exit")):
        entry, exit_ = getattr(spec, side), getattr(spec, field)
        if entry is None or exit_ is None or entry.kind != "compare" or exit_.kind != "compare":
            continue
        if exit_.op == _FLIP[entry.op] and _plain(exit_.left) == _plain(entry.right) and _plain(exit_.right) == _plain(entry.left):
            spec = _drop(spec, field, [], f"'{_label(exit_)}' is the {side} rule written the other way round")
    return spec


def repair(spec: M.StrategySpec) -> M.StrategySpec:
    """The spec with every error finding of ``check_spec`` mended, or NoStrategyFound saying why it cannot be."""
    from foa.spec.check import check_spec

    spec = _mirrored_exit(_opposites(spec))
    for _ in range(12):
        errors = check_spec(spec).errors
        if not errors:
            return spec
        fixed = None
        for f in errors:
            fixed = _fix(spec, f)
            if fixed is not None:
                break
        if fixed is None:
            dropped = [a for a in spec.assumptions if any(a.startswith(f"{r}: dropped ") for r in _RULES)]
            if {f.code for f in errors} == {"no_entry"}:
                # only exits were read: say which, in plain words, and that the entry is what was missed
                read = [f"{name} {_label(c)}" for name, c in (("exit", spec.exit), ("short exit", spec.short_exit)) if c is not None]
                quote = next((e.quote for e in spec.evidence if e.field in ("exit", "short_exit")), None)
                raise NoStrategyFound(
                    "the offline reader found when to exit (" + ("; ".join(read) or "a stop or target")
                    + (f', from "{quote[:120]}"' if quote else "") + ") but did not understand when to enter, so there is "
                    "no strategy to run" + ("" if not dropped else " (" + "; ".join(dropped) + ")")
                    + ". Restate the entry as a comparison (e.g. 'buy when RSI(2) drops below 10') or extract with "
                    "provider='claude'.")
            raise NoStrategyFound(
                "the rules read from the document do not make a strategy foa can run: "
                + "; ".join(str(f) for f in errors)
                + ("" if not dropped else " (" + "; ".join(dropped) + ")")
                + ". Check the document's wording or extract with provider='claude'.")
        spec = fixed
    raise NoStrategyFound("the rules read from the document could not be made consistent; extract with provider='claude'")
