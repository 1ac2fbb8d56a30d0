"""Condition helpers for building a spec: combining, mirroring and reversing rules, evidence quotes, the
spec's name and summary.

>>> from foa.spec import model as M
>>> c = M.CompareCondition(left=M.IndicatorExpr(name="rsi", params={"window": 2}), op="<", right=M.ConstExpr(value=10))
>>> mirror(c).right.value
90.0
"""

from __future__ import annotations

from typing import Any

from foa.spec import model as M

__all__ = ["FLIP", "NON_DIRECTIONAL", "PRICE_BLENDS", "price_blend", "combine", "compares", "contains", "describe", "implies", "is_table", "mirror", "number_in", "quote",
           "table_expr", "walk"]

# prices blended from a bar's fields, named in prose as such: field -> weight
PRICE_BLENDS: dict[str, dict[str, float]] = {
    "typical": {"high": 1, "low": 1, "close": 1}, "median": {"high": 1, "low": 1}, "weighted": {"high": 1, "low": 1, "close": 2}}


def price_blend(name: str) -> M.ArithExpr:
    """The expression of a blended price: "the typical price" is (high + low + close) / 3.

    >>> str(price_blend("typical"))
    '(high + low + close) / 3'
    """
    parts = [M.PriceExpr(field=f) for f, w in PRICE_BLENDS[name].items() for _ in range(int(w))]
    total: Any = parts[0]
    for p in parts[1:]:
        total = M.ArithExpr(op="+", left=total, right=p)
    return M.ArithExpr(op="/", left=total, right=M.ConstExpr(value=float(len(parts))))


FLIP = {"crosses_above": "crosses_below", "crosses_below": "crosses_above", ">": "<", "<": ">", ">=": "<=", "<=": ">="}


def is_table(name: str) -> bool:
    """Whether ``name`` is a TA-Lib row of the indicator table (read from prose beyond foa's own ten)."""
    from foa.spec import indicators

    try:
        return indicators.get(name).source == "talib"
    except Exception:  # an unknown name (SpecError) is no table row
        return False


def table_expr(name: str, params: dict, output: str | None = None) -> M.IndicatorExpr:
    """The expression of a table indicator read from prose: a window read as ``"window"`` becomes the row's
    first bar-count parameter (ADX's ``timeperiod``); unstated parameters keep TA-Lib's defaults.

    >>> str(table_expr("adx", {"window": 14})), str(table_expr("stoch", {}, "slowk"))
    ('adx(14)', 'stoch().slowk')
    """
    from foa.spec import indicators

    rec = indicators.get(name)
    p = dict(params)
    if "window" in p and "window" not in rec.param_names:
        w = p.pop("window")
        if rec.windows:
            p.setdefault(rec.windows[0], w)
    p = {k: v for k, v in p.items() if k in rec.param_names}
    out = output if output in rec.outputs and len(rec.outputs) > 1 else None
    return M.IndicatorExpr(name=name, params=p, output=out)


def quote(orig: str, needle: str | None, limit: int = 300) -> str:
    text = orig.strip()
    if len(text) <= limit:
        return text
    pos = text.find(needle) if needle else -1
    pos = max(0, pos)
    start = max(0, min(pos - limit // 3, len(text) - limit))
    return text[start:start + limit].strip()


def number_in(cond: Any) -> str | None:
    for e in walk(cond):
        if isinstance(e, M.IndicatorExpr) and e.params:
            return str(next(iter(e.params.values())))
        if isinstance(e, M.ConstExpr):
            v = e.value
            return str(int(v)) if float(v).is_integer() else str(v)
    return None


def walk(node: Any):
    from foa.spec.validate import iter_exprs

    return iter_exprs(node)


def mirror(cond: M.CompareCondition) -> M.CompareCondition:
    def flip(e: Any) -> Any:
        if (isinstance(e, M.ArithExpr) and e.op == "*" and isinstance(e.right, M.ConstExpr) and 0.5 < e.right.value < 1.5
                and not any(isinstance(x, M.PriceExpr) and x.field == "volume" for x in walk(e.left))):
            # a line moved by a percentage ("5% above the SMA") mirrors to the other side ("5% below")
            return M.ArithExpr(op="*", left=flip(e.left), right=M.ConstExpr(value=round(2 - e.right.value, 10)))
        if isinstance(e, M.IndicatorExpr):
            if e.name == "bbands" and e.output in ("upper", "lower"):
                return e.model_copy(update={"output": "lower" if e.output == "upper" else "upper"})
            if e.name in ("highest", "lowest"):
                return e.model_copy(update={"name": "lowest" if e.name == "highest" else "highest"})
        return e

    right = cond.right
    if isinstance(right, M.ConstExpr) and isinstance(cond.left, M.IndicatorExpr):
        name = cond.left.name
        if name in NON_DIRECTIONAL:
            return cond  # "ADX above 25" asks for a strong trend on either side
        level = _mirror_level(name, right.value)
        if level is not None:
            right = M.ConstExpr(value=level)
    return M.CompareCondition(left=flip(cond.left), op=FLIP[cond.op], right=flip(right))


# oscillators that measure strength or volatility, not direction: the short side reads them as the long does
NON_DIRECTIONAL = frozenset({"adx", "adxr", "dx", "atr", "natr", "stdev", "massi", "vhf", "er", "rvi", "cvi"})


def _mirror_level(name: str, value: float) -> float | None:
    """The other side's level: a bounded oscillator is symmetric around its middle (RSI 30 <-> 70, Williams %R
    -90 <-> -10), a table oscillator centred on zero around zero (CCI -100 <-> 100, a candlestick reading)."""
    from foa.spec import indicators

    try:
        rec = indicators.get(name)
    except Exception:  # an unknown name (SpecError): keep the level
        return None
    bounds = rec.bounds()
    if bounds is not None:
        return bounds[0] + bounds[1] - value
    if rec.source == "talib" and rec.scale in ("unbounded", "price_delta") and rec.group == "Momentum Indicators":
        return -value
    return None


_STATE_OF = {"crosses_above": (">", ">="), "crosses_below": ("<", "<=")}


def implies(cross: M.CompareCondition, state: M.CompareCondition) -> bool:
    """Whether a crossing implies a state on the same lines ("crosses above" implies "is above")."""
    return (cross.op in _STATE_OF and state.op in _STATE_OF[cross.op]
            and cross.left == state.left and cross.right == state.right)


def compares(cond: Any) -> list[M.CompareCondition]:
    """The comparisons inside a (possibly nested) condition."""
    if isinstance(cond, M.CompareCondition):
        return [cond]
    if isinstance(cond, (M.AllCondition, M.AnyCondition)):
        return [c for x in cond.of for c in compares(x)]
    return compares(cond.of) if isinstance(cond, M.NotCondition) else []


def combine(conds: list[M.CompareCondition], *, any_of: bool) -> Any:
    uniq: list[M.CompareCondition] = []
    for c in conds:
        if c not in uniq:
            uniq.append(c)
    # one rule stated twice, as an event in prose and as a state in a table ("falls below 10" / "RSI below
    # 10"): "cross AND state" is the cross, "cross OR state" is the state; keep the one that means it
    if any_of:
        uniq = [c for c in uniq if not any(implies(c, d) for d in uniq)]
    else:
        uniq = [c for c in uniq if not any(implies(d, c) for d in uniq)]
    if not uniq:
        return None
    if any_of:
        return uniq[0] if len(uniq) == 1 else M.AnyCondition(of=uniq)
    # thresholds on the same line in the same direction are alternatives ("add a unit below 5")
    groups: dict[str, list] = {}
    for c in uniq:
        key = c.left.model_dump_json() + c.op + (c.right.kind if isinstance(c.right, M.ConstExpr) else c.right.model_dump_json())
        groups.setdefault(key, []).append(c)
    parts = [g[0] if len(g) == 1 else M.AnyCondition(of=g) for g in groups.values()]
    return parts[0] if len(parts) == 1 else M.AllCondition(of=parts)


def contains(cond: Any, c: M.CompareCondition) -> bool:
    """Whether a comparison is part of a (possibly nested) condition."""
    if cond == c:
        return True
    if isinstance(cond, (M.AllCondition, M.AnyCondition)):
        return any(contains(x, c) for x in cond.of)
    return isinstance(cond, M.NotCondition) and contains(cond.of, c)


def _label(e: Any) -> str:
    return e.name.upper() + ("(" + ",".join(str(v) for v in e.params.values()) + ")" if e.params else "")


def _rule_name(entry: Any) -> str | None:
    """What a researcher calls the rule: "SMA 50/200 crossover", "SMA(10) trend filter", "MACD(12,26,9)
    signal-line crossover", "SMA(50) slope", from the entry's first comparison (None when it is none of those)."""
    first = entry.of[0] if isinstance(entry, (M.AllCondition, M.AnyCondition)) and entry.of else entry
    if not isinstance(first, M.CompareCondition):
        return None
    left, right = first.left, first.right
    if isinstance(left, M.IndicatorExpr) and isinstance(right, M.IndicatorExpr) and left.model_copy(update={"shift": 0}) == right.model_copy(update={"shift": 0}):
        return f"{_label(left)} slope"  # "the 50-day SMA is rising": sma(50) > sma(50)[1], no crossover
    if isinstance(left, M.IndicatorExpr) and isinstance(right, M.IndicatorExpr):
        if left.name in ("sma", "ema") and right.name in ("sma", "ema") and left.input is None and right.input is None:
            a, b = sorted((left, right), key=lambda e: e.params.get("window", 0))
            wa, wb = a.params.get("window"), b.params.get("window")
            if a.name == b.name:
                return f"{a.name.upper()} {wa}/{wb} crossover"
            return f"{a.name.upper()} {wa} / {b.name.upper()} {wb} crossover"
        if left.name == right.name == "macd":
            return f"{_label(left)} signal-line crossover"
    if isinstance(left, M.PriceExpr) and isinstance(right, M.IndicatorExpr) and right.input is None:
        if right.name in ("sma", "ema"):
            return f"{_label(right)} trend filter"
        if right.name in ("highest", "lowest"):
            return f"{right.params.get('window')}-bar channel breakout"
    return None


def describe(direction: str, entry: Any, ranking: Any, buy_hold: bool, tickers: list[str], freq: str, risk: M.Risk) -> tuple[str, str]:
    inds: list[str] = []
    for e in walk(entry) if entry is not None else []:
        if isinstance(e, M.IndicatorExpr):
            label = e.name.upper() + ("(" + ",".join(str(v) for v in e.params.values()) + ")" if e.params else "")
            if label not in inds:
                inds.append(label)
    on = ", ".join(tickers[:6]) if tickers else "the traded asset"
    if len(tickers) > 6:  # a headline names six: the rest counted, never silently cut
        on += f" and {len(tickers) - 6} more"
    if buy_hold:
        name = "Buy and hold"
    elif ranking is not None:
        r = ranking.by
        name = (f"Low-volatility ranking by {r.params.get('window')}-bar standard deviation" if r.name == "stdev"
                else f"Momentum ranking by {r.params.get('window')}-bar return")
    else:
        name = _rule_name(entry) or (" + ".join(inds[:3]) + " rule" if inds else "Rule-based strategy")
    shown = name[0].lower() + name[1:] if name[1:2].islower() else name  # "buy and hold", but "SMA 50/200"
    parts = [f"{direction.replace('_', '-')} {shown} on {on}, {freq} bars"]
    if ranking is not None:
        parts.append(f"holding the {'lowest' if ranking.ascending else 'top'} {ranking.top_n or f'{ranking.top_pct:.0%}'}")
    if risk.stop_loss:
        parts.append(f"{risk.stop_loss:.0%} stop loss")
    if risk.take_profit:
        parts.append(f"{risk.take_profit:.0%} profit target")
    return name, "; ".join(parts) + " (read by foa's offline extractor)."
