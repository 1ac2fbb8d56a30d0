"""Sweepable ids for any spec: ``assign_ids(spec)`` names each tunable indicator and threshold.

A sweep addresses a parameter as ``<id>.<param>`` (``"fast.window"``, ``"oversold.value"``) or a risk
level as ``"risk.stop_loss"``; an extracted spec has no ids until this runs. Ids are deterministic and
the same for equal indicators wherever they appear (an SMA(50) in the entry and in the exit is one
``fast``); they follow the ready-made families (foa/spec/library.py) where the spec has their shape:

    fast / slow     the shorter / longer moving average of a crossover pair (sma or ema)
    trend           the one moving average a price is compared with (the longest when there are several)
    exit            a moving average read only by exit rules, next to a trend one
    rsi, bb, macd   the one RSI, Bollinger band, MACD
    lookback        the one rate of change
    entry / exit    the highest in entry rules / the lowest in exit rules (a Donchian channel)
    oversold / overbought   an RSI level below / above 50
    <id>_level      another indicator's level (a zero line is not a parameter and stays unnamed)

anything else is ``<name>_<window>`` (``atr_14``, ``sma_20``), numbered when taken. Ids already set are
kept. Windows, band widths and levels are then sweepable (``sweep_keys``).

    >>> from foa.spec.builders import close, rsi, sma
    >>> from foa.spec.model import StrategySpec
    >>> spec = assign_ids(StrategySpec(name="x", entry=(rsi(2) < 10) & (close() > sma(200)), exit=close() > sma(5)))
    >>> sorted(sweep_keys(spec))
    ['exit.window', 'oversold.value', 'rsi.window', 'trend.window']
"""

from __future__ import annotations

from typing import Any, Iterator

__all__ = ["assign_ids", "sweep_keys"]

_ENTRY_SIDE = ("entry", "short_entry")
_EXIT_SIDE = ("exit", "short_exit")
_FAMILY = {"rsi": "rsi", "bbands": "bb", "macd": "macd", "roc": "lookback"}
_MOVING = ("sma", "ema")


def _key(e: Any) -> Any:
    """Equal indicators share a key: name, params, input and symbol (not id, output or shift)."""
    def strip(x: Any) -> Any:
        if isinstance(x, dict):
            return tuple(sorted((k, strip(v)) for k, v in x.items() if k not in ("id", "shift", "output")))
        if isinstance(x, list):
            return tuple(strip(v) for v in x)
        return x

    return strip(e.model_dump(exclude={"id", "shift", "output"}))


def _walk(node: Any, rule: str) -> Iterator[tuple[Any, str, Any]]:
    """(node, rule name, parent compare or None) for every condition and expression below ``node``."""
    if node is None:
        return
    kind = getattr(node, "kind", None)
    if kind == "compare":
        yield node, rule, None
        for side in (node.left, node.right):
            yield from _walk_expr(side, rule, node)
    elif kind in ("all", "any"):
        for c in node.of:
            yield from _walk(c, rule)
    elif kind == "not":
        yield from _walk(node.of, rule)


def _walk_expr(e: Any, rule: str, parent: Any) -> Iterator[tuple[Any, str, Any]]:
    yield e, rule, parent
    if e.kind == "arith":
        yield from _walk_expr(e.left, rule, None)
        yield from _walk_expr(e.right, rule, None)
    elif e.kind == "indicator" and e.input is not None:
        yield from _walk_expr(e.input, rule, None)


def _nodes(spec: Any) -> list[tuple[Any, str, Any]]:
    out: list[tuple[Any, str, Any]] = []
    for rule in (*_ENTRY_SIDE, *_EXIT_SIDE):
        out.extend(_walk(getattr(spec, rule), rule))
    if spec.ranking is not None:
        out.extend(_walk_expr(spec.ranking.by, "ranking", None))
    return out


def _window(e: Any) -> int:
    p = e.params
    return int(p.get("window", p.get("slow", 0)) or 0)


def _plan(spec: Any) -> tuple[dict[Any, str], dict[Any, str]]:
    """(indicator key -> id, (indicator key, const value, op side) -> id)."""
    nodes = _nodes(spec)
    inds: dict[Any, Any] = {}  # key -> first IndicatorExpr
    rules: dict[Any, set[str]] = {}
    given: dict[Any, str] = {}
    for e, rule, _ in nodes:
        if getattr(e, "kind", None) == "indicator":
            k = _key(e)
            inds.setdefault(k, e)
            rules.setdefault(k, set()).add(rule)
            if e.id:
                given.setdefault(k, e.id)
    ids: dict[Any, str] = dict(given)
    taken = set(given.values())

    def claim(k: Any, name: str) -> None:
        if k in ids:
            return
        if name in taken:
            e = inds[k]
            base = f"{e.name}_{_window(e)}" if _window(e) else e.name
            name, i = base, 2
            while name in taken:
                name, i = f"{base}_{i}", i + 1
        ids[k] = name
        taken.add(name)

    # a crossover pair: two moving averages of one kind compared with each other
    for c, _, _ in nodes:
        if getattr(c, "kind", None) != "compare":
            continue
        a, b = c.left, c.right
        if (a.kind == b.kind == "indicator" and a.name == b.name and a.name in _MOVING
                and _key(a) != _key(b) and _window(a) != _window(b)):
            fast, slow = sorted((a, b), key=_window)
            if _key(fast) not in ids and _key(slow) not in ids and "fast" not in taken and "slow" not in taken:
                claim(_key(fast), "fast")
                claim(_key(slow), "slow")
    by_name: dict[str, list[Any]] = {}
    for k, e in inds.items():
        by_name.setdefault(e.name, []).append(k)
    for name, family in _FAMILY.items():
        if len(by_name.get(name, [])) == 1:
            claim(by_name[name][0], family)
    # moving averages compared with prices: trend, and an exit-only one beside it
    free = sorted((k for n in _MOVING for k in by_name.get(n, []) if k not in ids and inds[k].input is None),
                  key=lambda k: -_window(inds[k]))  # of the close: an average of volume or of the RSI is no trend
    if free:
        exit_only = [k for k in free if rules[k] <= set(_EXIT_SIDE)]
        if len(free) > 1 and len(exit_only) == 1:
            claim(exit_only[0], "exit")
            free = [k for k in free if k != exit_only[0]]
        claim(free[0], "trend")
    # a Donchian channel: the highest in entry rules, the lowest in exit rules
    hi, lo = by_name.get("highest", []), by_name.get("lowest", [])
    if len(hi) == 1 and rules[hi[0]] <= set(_ENTRY_SIDE):
        claim(hi[0], "entry")
    if len(lo) == 1 and rules[lo[0]] <= set(_EXIT_SIDE):
        claim(lo[0], "exit")
    for k in sorted(inds, key=lambda k: (inds[k].name, _window(inds[k]), str(k))):
        e = inds[k]
        claim(k, f"{e.name}_{_window(e)}" if _window(e) else e.name)
    # levels: a constant an indicator is compared with
    consts: dict[Any, str] = {}
    for c, _, _ in nodes:
        if getattr(c, "kind", None) != "compare":
            continue
        for ind, const, op in ((c.left, c.right, c.op), (c.right, c.left, _flip(c.op))):
            if ind.kind != "indicator" or const.kind != "const" or const.value == 0 or const.id:
                continue
            ck = (_key(ind), const.value)
            if ck in consts:
                continue
            if ind.name == "rsi":  # named by the level, not the comparison ("crosses back below 70" is overbought)
                name = "oversold" if const.value < 50 else "overbought" if const.value > 50 else "rsi_mid"
            else:
                name = f"{ids[_key(ind)]}_level"
            base, i = name, 2
            while name in taken:
                name, i = f"{base}_{i}", i + 1
            consts[ck] = name
            taken.add(name)
    return ids, consts


def _flip(op: str) -> str:
    return {">": "<", ">=": "<=", "<": ">", "<=": ">=", "crosses_above": "crosses_below", "crosses_below": "crosses_above"}[op]


def _apply(node: Any, ids: dict[Any, str], consts: dict[Any, str]) -> Any:
    kind = getattr(node, "kind", None)
    if node is None:
        return None
    if kind == "compare":
        left, right = _apply(node.left, ids, consts), _apply(node.right, ids, consts)
        for ind, const, attr in ((node.left, node.right, "right"), (node.right, node.left, "left")):
            if ind.kind == "indicator" and const.kind == "const" and not const.id:
                name = consts.get((_key(ind), const.value))
                if name:
                    named = const.model_copy(update={"id": name})
                    left, right = (left, named) if attr == "right" else (named, right)
        return node.model_copy(update={"left": left, "right": right})
    if kind in ("all", "any"):
        return node.model_copy(update={"of": [_apply(c, ids, consts) for c in node.of]})
    if kind == "not":
        return node.model_copy(update={"of": _apply(node.of, ids, consts)})
    if kind == "arith":
        return node.model_copy(update={"left": _apply(node.left, ids, consts), "right": _apply(node.right, ids, consts)})
    if kind == "indicator":
        upd: dict[str, Any] = {"input": _apply(node.input, ids, consts)}
        if not node.id:
            upd["id"] = ids.get(_key(node))
        return node.model_copy(update=upd)
    return node


def assign_ids(spec: Any) -> Any:
    """A copy of ``spec`` whose tunable indicators and levels carry sweepable ids (kept where set).

    The same spec always gets the same ids; running it twice changes nothing.
    """
    ids, consts = _plan(spec)
    upd: dict[str, Any] = {r: _apply(getattr(spec, r), ids, consts) for r in (*_ENTRY_SIDE, *_EXIT_SIDE)}
    if spec.ranking is not None:
        upd["ranking"] = spec.ranking.model_copy(update={"by": _apply(spec.ranking.by, ids, consts)})
    return spec.model_copy(update=upd)


def sweep_keys(spec: Any) -> dict[str, float | int]:
    """Every sweep key the spec offers, with its current value: ``{"fast.window": 50, "risk.stop_loss": 0.05}``.

    Windows and other numeric params of indicators with an id, ``<id>.value`` of named constants, and the
    risk levels that are set.
    """
    out: dict[str, float | int] = {}
    for e, _, _ in _nodes(spec):
        if getattr(e, "id", None) is None:
            continue
        if e.kind == "indicator":
            for p, v in e.params.items():
                out.setdefault(f"{e.id}.{p}", v)
        elif e.kind == "const":
            out.setdefault(f"{e.id}.value", e.value)
    for name in ("stop_loss", "take_profit", "trailing_stop"):
        v = getattr(spec.risk, name)
        if v is not None:
            out[f"risk.{name}"] = v
    return out
