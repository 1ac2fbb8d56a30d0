"""Checks that a valid spec makes sense, without data: ``check_spec(spec) -> CheckReport``.

Validation (a SpecError) refuses what cannot mean anything; these checks flag what means something a
researcher almost never wants: a price compared with a 0-100 oscillator, an RSI above 120, a condition
and its negation in one rule, an exit that fires on every bar, a take-profit below its costs. Both
extractors run them before returning a spec; ``foa.check(spec, prices)`` adds the checks that need
prices (foa/engine/checks.py). Scales come from the indicator table (foa/spec/indicators.py). The
report is computed, never stored on the spec. Every code is listed in docs/checks.md.

    >>> from foa.spec.builders import atr, close, rsi
    >>> from foa.spec.model import StrategySpec, Universe
    >>> spec = StrategySpec(name="x", universe=Universe(symbols=["SPY"]), entry=close() > rsi(14), exit=atr(14) < close())
    >>> [f.code for f in check_spec(spec).findings]
    ['scale_mismatch', 'scale_mismatch']
    >>> check_spec(spec).ok
    False
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from foa.spec import indicators as table

__all__ = ["CLOSE_ONLY", "CODES", "CheckReport", "Finding", "check_spec", "expr_scale", "looks_like_ticker"]

# Bundled symbols whose data hold a close only (foa.samples.market): High/Low/Open/Volume are missing, so
# an indicator reading them is computed from closes.
CLOSE_ONLY = frozenset({"CL=F", "^VIX", "MOODYS:AAA", "MOODYS:BAA"})

# code -> (severity, what it means); docs/checks.md lists the same
CODES: dict[str, tuple[str, str]] = {
    "no_entry": ("error", "the spec has no entry rule (nor a ranking) for its direction: it never trades"),
    "short_side_missing": ("warning", "a long_short spec states rules for one side only"),
    "scale_mismatch": ("error", "a comparison across scales: a price against a 0-100 oscillator, ATR or a return"),
    "out_of_range": ("error", "a constant outside a bounded indicator's range: the comparison is always or never true"),
    "return_as_percent": ("warning", "a return (a fraction) compared with a number >= 1, which reads like a percent"),
    "nan_constant": ("error", "a constant that is NaN or infinite"),
    "division_by_zero": ("error", "a division by the constant 0"),
    "contradiction": ("error", "an 'all' holding a condition and its negation: it never fires"),
    "always_true": ("error", "a condition true on every bar by construction"),
    "never_true": ("error", "a condition that can never be true by construction"),
    "same_entry_exit": ("error", "the exit rule is the entry rule"),
    "same_long_short_entry": ("warning", "the short entry is the same condition as the long entry: both fire on the same bars"),
    "exit_always": ("error", "the exit is 'always': every position is closed on the next bar"),
    "exit_ignored": ("warning", "an exit on a ranking or rebalance schedule: target weights never read it (the entry is the filter)"),
    "take_profit_below_costs": ("error", "a take-profit no larger than the round-trip costs: every target hit loses"),
    "costs_look_like_percent": ("warning", "fees or slippage of 2% or more per side: usually a percent or basis points given as a fraction's digits"),
    "wide_stop": ("warning", "a stop of 50% or more: usually a level ('90% of the high') read as a distance"),
    "window_spans_decade": ("warning", "an indicator window longer than ten years of the spec's bars: a handful of signals at most"),
    "not_a_ticker": ("warning", "a symbol that does not look like a Yahoo-style ticker"),
    "no_symbols": ("info", "the universe is empty: the spec runs on whatever one price frame it is given"),
    "close_only_symbol": ("warning", "an indicator or price field needs High/Low/Open/Volume on a close-only symbol"),
    "engine_refuses": ("error", "a combination the engine refuses to run"),
    # with prices (foa/engine/checks.py)
    "entry_never_fires": ("warning", "on the prices given the entry never fires: 0 trades"),
    "exit_most_bars": ("warning", "on the prices given the exit is true on at least 90% of bars"),
    "low_exposure": ("warning", "on the prices given a position is open on fewer than 1% of bars"),
    "one_bar_holds": ("warning", "on the prices given most trades close one bar after they open"),
    "warmup_exceeds_data": ("error", "an indicator's warm-up is longer than the data: it never has a value"),
    "symbols_missing": ("error", "symbols the spec needs are not in the prices or workspace"),
}

_TICKER = re.compile(r"^\^?[A-Z0-9][A-Z0-9&]{0,11}(?:[.\-=:/][A-Z0-9]{1,10}){0,2}=?$")


@dataclass(frozen=True)
class Finding:
    """One thing a check found. ``severity`` is "error", "warning" or "info"; ``field`` a spec path."""

    severity: str
    code: str
    message: str
    field: str = ""
    fix: str = ""

    def __str__(self) -> str:
        where = f" {self.field}:" if self.field else ""
        fix = f" Fix: {self.fix}" if self.fix else ""
        return f"{self.severity} [{self.code}]{where} {self.message}.{fix}"


_MARK = {"error": "✗", "warning": "!", "info": "i"}
_ORDER = {"error": 0, "warning": 1, "info": 2}


class CheckReport:
    """The findings of ``check_spec`` / ``foa.check``: ``.ok`` is True when there is no error.

    >>> CheckReport([Finding("warning", "not_a_ticker", "'spy' is lower case", "universe.symbols[0]")]).ok
    True
    """

    def __init__(self, findings: Iterable[Finding] = ()):
        seen: dict[tuple[str, str, str], Finding] = {}
        for f in findings:
            seen.setdefault((f.code, f.field, f.message), f)
        self.findings: list[Finding] = sorted(seen.values(), key=lambda f: _ORDER.get(f.severity, 3))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def infos(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "info"]

    @property
    def ok(self) -> bool:
        """No error (warnings and infos allowed)."""
        return not self.errors

    @property
    def codes(self) -> list[str]:
        return [f.code for f in self.findings]

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def __add__(self, other: "CheckReport") -> "CheckReport":
        return CheckReport([*self.findings, *other.findings])

    def describe(self) -> str:
        """One line per finding (errors first), or 'no findings'."""
        if not self.findings:
            return "no findings"
        return "\n".join(f"{_MARK.get(f.severity, '?')} {f}" for f in self.findings)

    def __repr__(self) -> str:
        return (f"<CheckReport ok={self.ok} errors={len(self.errors)} warnings={len(self.warnings)} "
                f"infos={len(self.infos)}>")

    def __str__(self) -> str:
        return self.describe()

    def _repr_html_(self) -> str:
        if not self.findings:
            return "<div><b>Checks</b>: no findings</div>"
        colour = {"error": "#b00020", "warning": "#a15c00", "info": "#555"}
        rows = "".join(
            f"<tr><td style='color:{colour.get(f.severity, '#000')}'>{_MARK.get(f.severity, '?')} {html.escape(f.severity)}</td>"
            f"<td><code>{html.escape(f.code)}</code></td><td><code>{html.escape(f.field)}</code></td>"
            f"<td style='text-align:left'>{html.escape(f.message)}</td><td style='text-align:left'>{html.escape(f.fix)}</td></tr>"
            for f in self.findings
        )
        return (f"<div><b>Checks</b>: {len(self.errors)} error(s), {len(self.warnings)} warning(s), "
                f"{len(self.infos)} info<table><tr><th></th><th>code</th><th>field</th><th>finding</th><th>fix</th></tr>"
                f"{rows}</table></div>")


def _f(code: str, message: str, field: str, fix: str = "", severity: str | None = None) -> Finding:
    return Finding(severity or CODES[code][0], code, message, field, fix)


# ------------------------------------------------------------------------------------------- scales


def expr_scale(e: Any) -> str | None:
    """The scale of an expression's values ("price", "range(0,100)", "return", ...); None for a constant
    or when it cannot be told (a ratio of prices).

    >>> from foa.spec.builders import atr, close, rsi, sma
    >>> expr_scale(close()), expr_scale(rsi(14)), expr_scale(sma(10, input=rsi(14))), expr_scale(close() - sma(50))
    ('price', 'range(0,100)', 'range(0,100)', 'price_delta')
    """
    kind = getattr(e, "kind", None)
    if kind == "price":
        return "volume" if e.field == "volume" else "price"
    if kind == "const":
        return None
    if kind == "indicator":
        try:
            rec = table.get(e.name)
        except Exception:  # an unknown name is validation's business
            return "unbounded"
        if rec.follows_input:
            return expr_scale(e.input) if e.input is not None else rec.scale
        return rec.scale
    if kind == "arith":
        a, b = expr_scale(e.left), expr_scale(e.right)
        if a is None or b is None:  # scaling by a constant keeps the scale (a shifted band of a price is a price)
            other = a if b is None else b
            if e.op in ("+", "-") and other is not None and table.scale_range(other) is not None:
                return "unbounded"  # RSI + 10 may leave 0-100
            if other == "price" and e.op in ("*", "/"):
                const = e.right if b is None else e.left
                factor = getattr(const, "value", 1.0)
                factor = 1 / factor if (e.op == "/" and b is None and factor) else factor
                if not 0.5 <= abs(factor) <= 2:  # 2% of the close is a price difference, not a level
                    return "unbounded"
            return other
        if e.op in ("+", "-"):
            if a == b:
                return "price_delta" if (a == "price" and e.op == "-") else a
            if {a, b} == {"price", "price_delta"}:
                return "price"
            return "unbounded"
        if e.op == "/" and a == "price_delta" and b == "price":
            return "return"
        return "unbounded"
    return None


def _compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None or "unbounded" in (a, b):
        return True
    return a == b


_SCALE_WORDS = {"price": "a price level", "return": "a return (a fraction)", "price_delta": "a price difference (ATR, standard deviation, MACD)",
                "volume": "a volume"}


def _scale_word(s: str) -> str:
    r = table.scale_range(s)
    if r is not None:
        return f"an oscillator on {r[0]:g}..{r[1]:g}"
    return _SCALE_WORDS.get(s, s)


# --------------------------------------------------------------------------------------- structure


def _key(e: Any) -> Any:
    """A hashable key of an expression or condition, ignoring ids (equal indicators compare equal)."""
    def strip(x: Any) -> Any:
        if isinstance(x, dict):
            return tuple(sorted((k, strip(v)) for k, v in x.items() if k != "id"))
        if isinstance(x, list):
            return tuple(strip(v) for v in x)
        return x

    return strip(e.model_dump()) if e is not None else None


def _label(e: Any) -> str:
    kind = getattr(e, "kind", None)
    if kind == "price":
        return e.field + (f"[{e.symbol}]" if e.symbol else "") + (f" {e.shift} bars ago" if e.shift else "")
    if kind == "const":
        return f"{e.value:g}"
    if kind == "indicator":
        ps = ",".join(f"{v:g}" for v in e.params.values())
        return f"{e.name}({ps})" + (f".{e.output}" if e.output else "")
    if kind == "arith":
        return f"({_label(e.left)} {e.op} {_label(e.right)})"
    return str(kind)


_FLIP = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "crosses_above": "crosses_below", "crosses_below": "crosses_above"}


def _walk_conditions(c: Any, path: str) -> Iterator[tuple[Any, str]]:
    if c is None:
        return
    yield c, path
    if c.kind in ("all", "any"):
        for i, x in enumerate(c.of):
            yield from _walk_conditions(x, f"{path}.of[{i}]")
    elif c.kind == "not":
        yield from _walk_conditions(c.of, f"{path}.of")


def _walk_exprs(e: Any, path: str) -> Iterator[tuple[Any, str]]:
    if e is None:
        return
    yield e, path
    if e.kind == "arith":
        yield from _walk_exprs(e.left, path + ".left")
        yield from _walk_exprs(e.right, path + ".right")
    elif e.kind == "indicator" and e.input is not None:
        yield from _walk_exprs(e.input, path + ".input")


def _rules(spec: Any) -> list[tuple[str, Any]]:
    return [(n, getattr(spec, n)) for n in ("entry", "exit", "short_entry", "short_exit") if getattr(spec, n) is not None]


def _meaning(c: Any) -> Any:
    """A key of a condition that is the same however it is written: ``a crosses_above b`` and ``b crosses_below a``,
    ``a > b`` and ``b < a``, the parts of an 'all' or 'any' in any order."""
    if c.kind == "compare":
        return min((_key(c.left), c.op, _key(c.right)), (_key(c.right), _FLIP[c.op], _key(c.left)), key=repr)
    if c.kind in ("all", "any"):
        return c.kind, frozenset(_meaning(x) for x in c.of)
    if c.kind == "not":
        return "not", _meaning(c.of)
    return _key(c)


def _flatten_all(c: Any) -> list[Any]:
    if c.kind == "all":
        return [y for x in c.of for y in _flatten_all(x)]
    return [c]


def _const_bound(c: Any) -> tuple[Any, str, float] | None:
    """(key of the non-constant side, op with it on the left, constant) of ``x op const`` / ``const op x``."""
    if c.kind != "compare" or c.op not in (">", ">=", "<", "<="):
        return None
    if c.right.kind == "const" and c.left.kind != "const":
        return _key(c.left), c.op, c.right.value
    if c.left.kind == "const" and c.right.kind != "const":
        return _key(c.right), _FLIP[c.op], c.left.value
    return None


def _contradicts(a: Any, b: Any) -> bool:
    if a.kind == "not" and _key(a.of) == _key(b) or b.kind == "not" and _key(b.of) == _key(a):
        return True
    if a.kind != "compare" or b.kind != "compare":
        return False
    la, ra, lb, rb = _key(a.left), _key(a.right), _key(b.left), _key(b.right)
    ob = b.op if (la, ra) == (lb, rb) else (_FLIP[b.op] if (la, ra) == (rb, lb) else None)
    if ob is not None:
        if {a.op, ob} == {"crosses_above", "crosses_below"}:
            return True
        up, down = {">", ">="}, {"<", "<="}
        if (a.op in up and ob in down) or (a.op in down and ob in up):
            return not (">=" in (a.op, ob) and "<=" in (a.op, ob))  # x >= y and x <= y holds when equal
        return False
    ba, bb = _const_bound(a), _const_bound(b)
    if ba and bb and ba[0] == bb[0]:
        (_, o1, c1), (_, o2, c2) = ba, bb
        if o1 in (">", ">=") and o2 in ("<", "<="):
            lo, lo_op, hi, hi_op = c1, o1, c2, o2
        elif o2 in (">", ">=") and o1 in ("<", "<="):
            lo, lo_op, hi, hi_op = c2, o2, c1, o1
        else:
            return False
        return lo > hi or (lo == hi and not (lo_op == ">=" and hi_op == "<="))
    return False


def _by_construction(c: Any) -> str | None:
    """"always" / "never" for a comparison whose truth does not depend on the data, else None."""
    if c.kind == "always":
        return "always"
    if c.kind != "compare":
        return None
    if _key(c.left) == _key(c.right):
        return "always" if c.op in (">=", "<=") else "never"
    left, right, op = c.left, c.right, c.op
    if left.kind == right.kind == "indicator" and {left.name, right.name} == {"highest", "lowest"} and \
            left.input is None and right.input is None and (left.symbol, left.shift) == (right.symbol, right.shift) and \
            left.params == right.params:
        # the highest high of n bars is never below the lowest low of the same bars (equal only on flat prices)
        o = op if left.name == "highest" else _FLIP[op]
        return {">=": "always", ">": "always", "<": "never", "<=": "never"}.get(o)
    if left.kind == "price" and right.kind == "price" and (left.symbol, left.shift) == (right.symbol, right.shift):
        for hi_side, lo_side, o in ((left, right, op), (right, left, _FLIP[op])):
            if hi_side.field == "high" and lo_side.field in ("low", "open", "close"):
                return {">=": "always", "<": "never"}.get(o)
            if hi_side.field == "low" and lo_side.field in ("high", "open", "close"):
                return {"<=": "always", ">": "never"}.get(o)
    return None


# ------------------------------------------------------------------------------------------ checks


def _check_rules(spec: Any) -> Iterator[Finding]:
    for name, rule in _rules(spec):
        for c, path in _walk_conditions(rule, name):
            if c.kind == "compare":
                yield from _check_compare(c, path)
            if c.kind == "all":
                parts = _flatten_all(c)
                done = False
                for i, a in enumerate(parts):
                    for b in parts[i + 1:]:
                        if not done and _contradicts(a, b):
                            done = True
                            yield _f("contradiction", f"'{_cond_label(a)}' and '{_cond_label(b)}' cannot both hold, so "
                                     f"this rule never fires", path,
                                     "drop one of the two conditions, or join them with 'any' if either should do")
            if c.kind == "any":
                parts = list(c.of)
                if any(a.kind == "not" and any(_key(a.of) == _key(b) for b in parts) for a in parts):
                    yield _f("always_true", "a condition 'or' its negation is true on every bar", path,
                             "drop the negated part")
            if c.kind == "not" and c.of.kind == "always":
                yield _f("never_true", "'not always' is never true", path, "state the rule, or drop it")
            verdict = _by_construction(c) if c.kind == "compare" else None
            if verdict == "always":
                yield _f("always_true", f"'{_cond_label(c)}' is true on every bar whatever the prices", path,
                         "compare two different series, or use the rule 'always' if that is meant")
            elif verdict == "never":
                yield _f("never_true", f"'{_cond_label(c)}' can never be true", path, "compare two different series")
        for e, path in _exprs_of(rule, name):
            if e.kind == "const" and not math.isfinite(e.value):
                yield _f("nan_constant", f"the constant {e.value} is not a number", path, "give a finite number")
            if e.kind == "arith" and e.op == "/" and e.right.kind == "const" and e.right.value == 0:
                yield _f("division_by_zero", f"'{_label(e)}' divides by 0: its value is undefined on every bar", path,
                         "divide by a non-zero number or drop the division")


def _exprs_of(rule: Any, name: str) -> Iterator[tuple[Any, str]]:
    for c, path in _walk_conditions(rule, name):
        if c.kind == "compare":
            yield from _walk_exprs(c.left, path + ".left")
            yield from _walk_exprs(c.right, path + ".right")


def _cond_label(c: Any) -> str:
    if c.kind == "compare":
        return f"{_label(c.left)} {c.op.replace('_', ' ')} {_label(c.right)}"
    if c.kind == "not":
        return f"not ({_cond_label(c.of)})"
    if c.kind in ("all", "any"):
        return f" {'and' if c.kind == 'all' else 'or'} ".join(_cond_label(x) for x in c.of)
    return c.kind


def _check_compare(c: Any, path: str) -> Iterator[Finding]:
    a, b = expr_scale(c.left), expr_scale(c.right)
    if not _compatible(a, b):
        yield _f("scale_mismatch", f"'{_cond_label(c)}' compares {_scale_word(a)} with {_scale_word(b)}: the "  # type: ignore[arg-type]
                 "two never meet in a meaningful way", path,
                 "compare like with like (close with a moving average, an oscillator with a level such as 30)")
        return
    for side, other, op in ((c.left, c.right, c.op), (c.right, c.left, _FLIP[c.op])):
        if other.kind != "const":
            continue
        s = expr_scale(side)
        bounds = table.scale_range(s) if s else None
        v = other.value
        if bounds is not None and math.isfinite(v):
            lo, hi = bounds
            never = (op in (">", "crosses_above") and v >= hi) or (op == ">=" and v > hi) or \
                    (op in ("<", "crosses_below") and v <= lo) or (op == "<=" and v < lo)
            always = (op == ">" and v < lo) or (op == ">=" and v <= lo) or (op == "<" and v > hi) or (op == "<=" and v >= hi)
            if never or always:
                yield _f("out_of_range", f"'{_cond_label(c)}': {_label(side)} stays within {lo:g}..{hi:g}, so this is "
                         f"{'never' if never else 'always'} true", path, f"use a level between {lo:g} and {hi:g}")
        if s == "return" and math.isfinite(v) and abs(v) >= 1:
            yield _f("return_as_percent", f"'{_cond_label(c)}': {_label(side)} is a fraction (0.05 = 5%), compared "
                     f"with {v:g}", path, f"write {v / 100:g} for {v:g}%")


def _check_entry(spec: Any) -> Iterator[Finding]:
    long_ok = spec.direction in ("long_only", "long_short")
    short_ok = spec.direction in ("short_only", "long_short")
    has_long = spec.entry is not None or spec.ranking is not None
    has_short = spec.short_entry is not None
    if not ((long_ok and has_long) or (short_ok and has_short)):
        rule = "entry" if long_ok else "short_entry"
        yield _f("no_entry", f"no {rule} rule{' (nor a ranking)' if long_ok else ''} for direction {spec.direction!r}: the "
                 "spec never opens a position", rule,
                 "state when to enter (entry for longs, short_entry for shorts), or 'always' for buy and hold")
    elif spec.direction == "long_short" and (spec.entry is None) != (spec.short_entry is None):
        missing = "entry" if spec.entry is None else "short_entry"
        yield _f("short_side_missing", f"direction 'long_short' but no {missing} rule: that side never trades", missing,
                 f"state {missing}, or set direction to {'short_only' if missing == 'entry' else 'long_only'}")
    if spec.direction == "long_short" and spec.entry is not None and spec.short_entry is not None \
            and spec.entry.kind != "always" and _meaning(spec.entry) == _meaning(spec.short_entry):
        yield _f("same_long_short_entry", f"short_entry '{_cond_label(spec.short_entry)}' is the same condition as entry "
                 f"'{_cond_label(spec.entry)}': both sides fire on the same bars, so one of them never trades", "short_entry",
                 "state the short side's own condition (often the opposite cross), or set direction to 'long_only'")
    for side, entry, exit_ in (("", spec.entry, spec.exit), ("short_", spec.short_entry, spec.short_exit)):
        if exit_ is not None and entry is not None and _key(entry) == _key(exit_):
            yield _f("same_entry_exit", f"{side}exit is the same rule as {side}entry: a position opened on it is closed "
                     "on the next bar it is read", f"{side}exit", "state the exit's own condition (often the opposite cross)")
        if exit_ is not None and exit_.kind == "always":
            yield _f("exit_always", f"{side}exit is 'always': every position is closed at the first bar it is read", f"{side}exit",
                     "drop the exit (hold until a stop) or state its condition")
    if spec.ranking is not None or spec.rebalance is not None:
        what = "a ranking" if spec.ranking is not None else "a rebalance schedule"
        for side, entry, exit_ in (("", spec.entry, spec.exit), ("short_", spec.short_entry, spec.short_exit)):
            if exit_ is not None and not _complement(entry, exit_):
                # target weights hold what the entry (the filter) admits at each rebalance; an exit is never read
                yield _f("exit_ignored", f"{side}exit is ignored with {what}: the backtest holds what the entry rule "
                         "(the filter) admits at each rebalance and never reads an exit", f"{side}exit",
                         "state the condition for holding as the entry rule (e.g. an exit 'roc < 0' is the entry "
                         "'roc >= 0'), and drop the exit")


_OPPOSITE = {">": ("<", "<="), ">=": ("<",), "<": (">", ">="), "<=": (">",)}


def _complement(entry: Any, exit_: Any) -> bool:
    """Whether an exit only says "the entry no longer holds" (``close < sma`` beside ``close > sma``): what
    target weights do anyway, so ignoring it changes nothing."""
    return (entry is not None and entry.kind == "compare" and exit_.kind == "compare"
            and _key(entry.left) == _key(exit_.left) and _key(entry.right) == _key(exit_.right)
            and exit_.op in _OPPOSITE.get(entry.op, ()))


# per side; 2% is far above any exchange or broker charge a backtest should assume
COSTS_CEILING = 0.02


def _check_costs(spec: Any) -> Iterator[Finding]:
    for name in ("fees", "slippage"):
        value = getattr(spec.costs, name)
        if value >= COSTS_CEILING:
            yield _f("costs_look_like_percent", f"costs.{name} {value:g} is {value:.1%} of the traded notional on "
                     "every fill: at that level the costs, not the rules, decide the result", f"costs.{name}",
                     f"give a fraction per side: 10 bp is 0.001, 0.05% is 0.0005 (did you mean {value / 100:g}?)")
    tp = spec.risk.take_profit
    round_trip = 2 * (spec.costs.fees + spec.costs.slippage)
    if tp is not None and round_trip > 0 and tp <= round_trip:
        yield _f("take_profit_below_costs", f"take_profit {tp:.4g} is no larger than the round-trip costs {round_trip:.4g} "
                 "(2 x (fees + slippage)): every trade closed at the target loses money", "risk.take_profit",
                 "check the take-profit level (0.05 = 5%) and the costs (fees per side, 0.001 = 10 bp)")


def looks_like_ticker(symbol: str) -> bool:
    """Whether ``symbol`` reads like a Yahoo-style ticker: ``SPY``, ``^GSPC``, ``CL=F``, ``BRK-B``, ``EURUSD=X``.

    >>> looks_like_ticker("^GSPC"), looks_like_ticker("S&P 500"), looks_like_ticker("spy")
    (True, False, False)
    """
    return bool(_TICKER.match(symbol))


def _symbols(spec: Any) -> Iterator[tuple[str, str]]:
    for i, s in enumerate(spec.universe.symbols):
        yield s, f"universe.symbols[{i}]"
    if spec.universe.benchmark:
        yield spec.universe.benchmark, "universe.benchmark"
    for name, rule in _rules(spec):
        for e, path in _exprs_of(rule, name):
            if getattr(e, "symbol", None):
                yield e.symbol, path + ".symbol"
    if spec.ranking is not None:
        for e, path in _walk_exprs(spec.ranking.by, "ranking.by"):
            if getattr(e, "symbol", None):
                yield e.symbol, path + ".symbol"


def _check_symbols(spec: Any) -> Iterator[Finding]:
    if not spec.universe.symbols:
        yield _f("no_symbols", "the universe names no symbol: the spec runs on the single price frame it is given",
                 "universe.symbols", "set universe.symbols (e.g. ['SPY']) to read prices from a workspace")
    for s, path in _symbols(spec):
        if not looks_like_ticker(s):
            hint = f"write {s.upper()!r}" if looks_like_ticker(s.upper()) else "use the Yahoo ticker (e.g. '^GSPC' for the S&P 500)"
            yield _f("not_a_ticker", f"{s!r} does not look like a ticker", path, hint)
    yield from _check_close_only(spec)


def _reads(e: Any) -> set[str]:
    """Price fields an expression reads from its own symbol (not through an input)."""
    if e.kind == "price":
        return {e.field}
    if e.kind == "indicator":
        try:
            rec = table.get(e.name)
        except Exception:
            return set()
        if e.input is not None and rec.takes_input:
            return set()
        return set(rec.inputs) if rec.default_input is None else {rec.default_input}
    return set()


def _check_close_only(spec: Any) -> Iterator[Finding]:
    traded = list(spec.universe.symbols)
    places: list[tuple[Any, str]] = []
    for name, rule in _rules(spec):
        places.extend(_exprs_of(rule, name))
    if spec.ranking is not None:
        places.extend(_walk_exprs(spec.ranking.by, "ranking.by"))
    for e, path in places:
        need = _reads(e) - {"close"}
        if not need:
            continue
        for s in ([e.symbol] if getattr(e, "symbol", None) else traded):
            if s in CLOSE_ONLY:
                yield _f("close_only_symbol", f"{_label(e)} reads {'/'.join(sorted(need))} but the bundled {s} data hold "
                         "closes only: it is computed from the close", path,
                         "use a close-based indicator (stdev, roc, sma of the close) or prices with full OHLC")
    if spec.risk.atr_stop is not None:
        for s in traded:
            if s in CLOSE_ONLY:
                yield _f("close_only_symbol", f"the ATR stop needs high/low but the bundled {s} data hold closes only",
                         "risk.atr_stop", "use risk.stop_loss (a fraction) or prices with full OHLC")


def refusals(spec: Any) -> list[Finding]:
    """What the engine refuses to run (foa/engine/backtest.py raises a SpecError for each), as findings."""
    out: list[Finding] = []
    sz = spec.sizing
    weights = spec.ranking is not None or spec.rebalance is not None
    what = "a ranking" if spec.ranking is not None else "a rebalance schedule"
    if sz.method == "fixed_fraction" and sz.fraction is None:
        out.append(_f("engine_refuses", "sizing.method 'fixed_fraction' without sizing.fraction", "sizing.fraction",
                      "set sizing.fraction (e.g. 0.25) or use method 'all_in'"))
    if weights and spec.direction != "long_only":
        out.append(_f("engine_refuses", f"{what} runs long-only target weights; direction {spec.direction!r} is not "
                      "supported there", "direction", "set direction 'long_only', or drop ranking/rebalance and state short rules"))
    if weights and sz.method == "volatility_target":
        out.append(_f("engine_refuses", f"sizing 'volatility_target' is not supported with {what}", "sizing.method",
                      "use all_in/equal_weight or fixed_fraction, or drop ranking/rebalance"))
    r = spec.risk
    if weights and any(x is not None for x in (r.stop_loss, r.take_profit, r.trailing_stop, r.atr_stop, r.max_holding_bars)):
        out.append(_f("engine_refuses", f"stops are not supported with {what}", "risk",
                      "drop risk.* or use entry/exit rules"))
    if spec.ranking is not None and len(set(spec.universe.symbols)) == 1:
        out.append(_f("engine_refuses", "a ranking needs a universe of at least 2 symbols", "universe.symbols",
                      "add symbols to rank, or state entry/exit rules"))
    return out


# a stop this far from the fill is almost never meant: "a stop at 90% of the high" is a 10% trailing stop
WIDE_STOP = 0.5
# bars in ten years of each frequency: a window longer than this leaves a few signals in any price history
DECADE_BARS = {"daily": 2520, "weekly": 520, "monthly": 120}


def _check_risk(spec: Any) -> Iterator[Finding]:
    r = spec.risk
    for name in ("stop_loss", "trailing_stop"):
        value = getattr(r, name)
        if value is not None and value >= WIDE_STOP:
            yield _f("wide_stop", f"risk.{name} {value:g} closes a position only after a {value:.0%} move against it: "
                     "such a stop almost never fires", f"risk.{name}",
                     f"if the text says 'at {value:.0%} of the price' or 'of the high', the distance is "
                     f"{1 - value:.0%}: set {name}={1 - value:g}")


def _check_windows(spec: Any) -> Iterator[Finding]:
    from foa.spec.indicators import get
    from foa.spec.validate import iter_indicators

    limit = DECADE_BARS.get(spec.frequency)
    if limit is None:
        return
    seen: set[str] = set()
    for ind in iter_indicators(spec):
        for param in get(ind.name).windows:
            n = ind.params.get(param)
            label = f"{ind.name}({n})"
            if isinstance(n, (int, float)) and n > limit and label not in seen:
                seen.add(label)
                years = n / (limit / 10)
                yield _f("window_spans_decade", f"{label} on {spec.frequency} bars spans {years:.0f} years: most price "
                         "histories give it a handful of signals, if any", "frequency",
                         f"check the bar frequency: if the text means {n} days ({n / 21:.0f} months), the "
                         "frequency is 'daily'" if spec.frequency != "daily" else "check the window's unit")


def check_spec(spec: Any) -> CheckReport:
    """Every static check on a valid StrategySpec (no data needed); see docs/checks.md for the codes.

    >>> from foa.spec.library import get
    >>> check_spec(get("sma_crossover")).findings
    []
    """
    findings: list[Finding] = []
    findings.extend(_check_entry(spec))
    findings.extend(_check_rules(spec))
    findings.extend(_check_costs(spec))
    findings.extend(_check_risk(spec))
    findings.extend(_check_windows(spec))
    findings.extend(_check_symbols(spec))
    findings.extend(refusals(spec))
    return CheckReport(findings)
