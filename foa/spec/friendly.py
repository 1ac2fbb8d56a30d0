"""Friendly errors for the common slips: percent for a fraction, a near-miss name, pydantic's raw error.

    closest("^GSCP", ["^GSPC", "^IXIC"])                  # ['^GSPC']  (a swap, a case slip, a missing ^)
    percent_hint("risk.stop_loss", 8)                     # "... did you mean 0.08 (8%)? ..."
    StrategySpec.model_validate_json("{...bad...}")       # raises SpecValidationError: a SpecError (so a
                                                          # FoaError) that is also pydantic's ValidationError

Everything here is plain text and plain data: the engine, the data layer and the widgets reuse it so one
slip gets one wording wherever it happens.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic_core import ValidationError

from foa.errors import SpecError

__all__ = [
    "SpecValidationError", "closest", "did_you_mean", "edit_distance", "not_percent", "percent_hint",
    "spec_validation_error",
]

# Fields given as fractions where a reader writes percent (8 for 8%). take_profit may exceed 1 (a +150%
# target is 1.5; "sell at 3x" is 2.0), so only values of 5 (+500%) or more read as percent there.
FRACTION_FIELDS: dict[str, float] = {
    "stop_loss": 1.0,
    "trailing_stop": 1.0,
    "take_profit": 5.0,
    "fraction": 1.0,
}
# Costs are fractions of notional where documents write basis points or percent.
COST_FIELDS = ("fees", "slippage")


def edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) turning ``a`` into ``b``.

    >>> edit_distance("^GSCP", "^GSPC")
    1
    """
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _squash(name: str) -> str:
    return name.strip().upper().lstrip("^").replace(" ", "").replace("_", "").replace("-", "")


def closest(name: str, choices: Iterable[str], *, n: int = 3, max_edits: int = 2) -> list[str]:
    """The ``choices`` a reader most likely meant by ``name``: same letters in another case or without
    the ``^``/``_``, then one or two edits away (one for short names, at most ``max_edits``). Best first,
    at most ``n``. Symbols pass ``max_edits=1``: tickers two letters apart are other instruments
    (VFINX is not the VIX).

    >>> closest("^gspc", ["^GSPC", "^IXIC"]), closest("GSPC", ["^GSPC"]), closest("sharpe_ratio", ["sharpe", "sortino"])
    (['^GSPC'], ['^GSPC'], ['sharpe'])
    """
    if not isinstance(name, str) or not name.strip():
        return []
    want = _squash(name)
    scored: list[tuple[int, int, str]] = []
    for i, c in enumerate(dict.fromkeys(choices)):
        if not isinstance(c, str) or c == name:
            continue
        have = _squash(c)
        if have == want:
            scored.append((0, i, c))
            continue
        d = edit_distance(want, have)
        limit = min(max_edits, 1 if max(len(want), len(have)) <= 4 else 2)
        if d <= limit:
            scored.append((d, i, c))
        elif max_edits > 1 and len(want) >= 4 and len(have) >= 4 and (have.startswith(want) or want.startswith(have)):
            scored.append((3, i, c))  # 'sharpe_ratio' -> 'sharpe': a word added to the name
    return [c for _, _, c in sorted(scored)[:n]]


def did_you_mean(name: str, choices: Iterable[str], *, max_edits: int = 2) -> str:
    """' Did you mean '^GSPC'?' (with a leading space), or '' when nothing is close.

    >>> did_you_mean("^GSCP", ["^GSPC"])
    " Did you mean '^GSPC'?"
    """
    near = closest(name, choices, max_edits=max_edits)
    if not near:
        return ""
    return " Did you mean " + " or ".join(repr(c) for c in near) + "?"


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _fmt(x: float) -> str:
    return f"{x:.6f}".rstrip("0").rstrip(".")


def percent_hint(field: str, value: Any) -> str:
    """A hint when ``value`` for ``field`` looks like percent or basis points, else ''.

    >>> percent_hint("risk.stop_loss", 8)
    'stop_loss is a fraction of the fill price: 8 would be 800%; did you mean 0.08 (8%)?'
    >>> percent_hint("costs.fees", 10)
    'fees are a fraction of traded notional: did you mean 0.001 (10 bp) or 0.1 (10%)?'
    """
    x = _number(value)
    if x is None or x <= 0:
        return ""
    name = field.rsplit(".", 1)[-1]
    if name in FRACTION_FIELDS and x >= FRACTION_FIELDS[name] and x < 100:
        what = "of equity" if name == "fraction" else "of the fill price"
        return f"{name} is a fraction {what}: {_fmt(x)} would be {_fmt(x * 100)}%; did you mean {_fmt(x / 100)} ({_fmt(x)}%)?"
    if name in COST_FIELDS and x >= 1 and x < 10_000:
        return (f"{name} are a fraction of traded notional: did you mean {_fmt(x / 10_000)} ({_fmt(x)} bp) "
                f"or {_fmt(x / 100)} ({_fmt(x)}%)?")
    return ""


def _loc(err: Mapping[str, Any]) -> str:
    return ".".join(str(p) for p in err.get("loc", ()))


class SpecValidationError(SpecError, ValidationError):
    """A StrategySpec (or one of its parts) failed pydantic validation.

    It is a SpecError, so ``except FoaError`` catches it, and it is still pydantic's ValidationError:
    ``err.errors()`` lists every problem with its location and input. ``str(err)`` starts with one line
    per problem (with foa's hints, e.g. percent given for a fraction) and ends with pydantic's report.
    """

    def __str__(self) -> str:
        lines = [f"{_loc(e) or '(spec)'}: {e['msg']}" for e in self.errors()[:5]]
        more = f" (and {self.error_count() - 5} more)" if self.error_count() > 5 else ""
        text = "; ".join(lines) + more
        end = " " if text.endswith("?") else ". "
        return (f"invalid {self.title}: {text}{end}Fix the values (see StrategySpec.json_schema() for every field).\n"
                + ValidationError.__str__(self))


def spec_validation_error(err: ValidationError) -> SpecValidationError:
    """pydantic's ValidationError -> a SpecValidationError with the same details.

    Used as ``raise spec_validation_error(err) from err``.
    """
    if isinstance(err, SpecValidationError):
        return err
    details = []
    for e in err.errors():
        d: dict[str, Any] = {"type": e["type"], "loc": tuple(e.get("loc", ())), "input": e.get("input")}
        if "ctx" in e:
            d["ctx"] = e["ctx"]
        details.append(d)
    try:
        return SpecValidationError.from_exception_data(err.title, details)
    except (TypeError, ValueError, KeyError):  # an error type pydantic-core cannot rebuild: keep its message
        return SpecValidationError.from_exception_data(
            err.title, [{"type": "value_error", "loc": tuple(e.get("loc", ())), "input": e.get("input"),
                         "ctx": {"error": e.get("msg", "invalid")}} for e in err.errors()])


def not_percent(value: Any, field: str) -> Any:
    """``value`` unchanged, or ValueError with :func:`percent_hint` (a field validator's body).

    >>> not_percent(0.08, "stop_loss")
    0.08
    """
    hint = percent_hint(field, value)
    if hint:
        raise ValueError(hint)
    return value
