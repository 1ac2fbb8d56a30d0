"""Literal pre-checks for the grammar's regexes: skip a search that cannot match.

``needs(pattern)`` reads a compiled pattern's structure and returns strings of which every match contains at
least one (``None`` when it cannot tell: a pattern that may match without any fixed text, a case-insensitive
part). ``may_match(need, text)`` is then a plain substring test, far cheaper than a search over a long
alternation at every position of a clause; when it is False the search would return None, so skipping it
changes no result.

>>> import re
>>> sorted(needs(re.compile(r"\\b(?:trailing|chandelier)\\s+stops?\\b")))
['chandelier', 'trailing']
>>> needs(re.compile(r"\\d+\\s*%")), needs(re.compile(r"\\w+"))
(frozenset({'%'}), None)
>>> need = needs(re.compile(r"\\brsi\\s*\\(\\s*\\d+"))
>>> may_match(need, "buy when rsi(2) < 10"), may_match(need, "markets were mixed")
(True, False)
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["may_match", "needs"]

try:  # the regex parser of the standard library; without it every search simply runs
    from re import _constants as _sc  # noqa: PLC2701 - the stdlib's own parse tree, read only
    from re import _parser as _sp  # noqa: PLC2701
except ImportError:  # pragma: no cover - Python builds without the module
    _sp = _sc = None

_MAX_STRINGS = 48  # more alternatives than this: the substring tests would cost about what the search does


def _best(options: list[frozenset[str]]) -> frozenset[str] | None:
    if not options:
        return None
    return max(options, key=lambda s: (min(len(x) for x in s), -len(s)))


def _seq(items: Any) -> frozenset[str] | None:
    """Strings one of which every match of the sequence ``items`` contains (None: no such set known)."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _sc.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        need: frozenset[str] | None = None
        if op is _sc.BRANCH:
            parts = [_seq(b) for b in av[1]]
            if parts and all(p is not None for p in parts):
                need = frozenset().union(*parts)  # type: ignore[arg-type]
        elif op is _sc.SUBPATTERN:
            add_flags = av[1]
            if not add_flags & re.IGNORECASE:
                need = _seq(av[3])
        elif op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT, getattr(_sc, "POSSESSIVE_REPEAT", None), getattr(_sc, "ATOMIC_GROUP", None)):
            if op is getattr(_sc, "ATOMIC_GROUP", None):
                need = _seq(av)
            elif av[0] >= 1:
                need = _seq(av[2])
        elif op is _sc.IN:
            if av and all(o is _sc.LITERAL for o, _ in av):
                need = frozenset(chr(c) for _, c in av)
        if need is not None and need and "" not in need:
            options.append(need)
    if run:
        options.append(frozenset({"".join(run)}))
    return _best(options)


def needs(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings of which every match of ``pattern`` contains at least one, or None when unknown."""
    if _sp is None or pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        need = _seq(_sp.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - an unread structure: no pre-check, the search runs
        return None
    if need is None or len(need) > _MAX_STRINGS:
        return None
    return need


def may_match(need: frozenset[str] | None, text: str) -> bool:
    """False only when ``text`` holds none of ``need`` (so the pattern cannot match it)."""
    if need is None:
        return True
    for s in need:  # a loop, not any(): this runs for every pattern on every clause
        if s in text:
            return True
    return False
