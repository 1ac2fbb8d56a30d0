"""Plain-English rendering of a StrategySpec, and the HTML a notebook shows for it.

    >>> from foa.spec.library import get
    >>> print(get("sma_crossover").describe().splitlines()[2])
    Buy when the 50-day SMA crosses above the 200-day SMA (the order fills at the next trading day's open).
"""

from __future__ import annotations

import html
import re
from typing import Any

__all__ = ["describe", "describe_condition", "describe_expr", "overrides", "spec_html"]

_UNIT = {"daily": "day", "weekly": "week", "monthly": "month"}
_OPS = {">": "is above", ">=": "is at or above", "<": "is below", "<=": "is at or below",
        "crosses_above": "crosses above", "crosses_below": "crosses below"}
_NAMES = {"sma": "SMA", "ema": "EMA", "rsi": "RSI", "roc": "rate of change", "atr": "ATR", "stdev": "standard deviation",
          "highest": "highest", "lowest": "lowest"}


def _num(x: float) -> str:
    return f"{x:g}"


def _pct(x: float) -> str:
    return f"{x * 100:g}%"


def _ago(shift: int, unit: str) -> str:
    if not shift:
        return ""
    return f" {shift} {unit}{'s' if shift > 1 else ''} ago" if shift > 1 else f" one {unit} ago"


def describe_expr(e: Any, unit: str = "day") -> str:
    """'the 50-day SMA', 'the close of SPY', 'the 2-day RSI one day ago'."""
    k = e.kind
    if k == "const":
        return _num(e.value)
    if k == "price":
        of = f" of {e.symbol}" if e.symbol else ""
        return f"the {e.field}{of}{_ago(e.shift, unit)}"
    if k == "arith":
        left, right = describe_expr(e.left, unit), describe_expr(e.right, unit)
        if e.op == "*" and e.right.kind == "const" and e.left.kind != "const":
            v = e.right.value
            # (a scale such as "* 100", a ratio in percent, is no move above the line: "times 100")
            if 1 < v < 2:
                return f"{_pct(v - 1)} above {left}"
            if 0 < v < 1:
                return f"{_pct(1 - v)} below {left}"
        word = {"+": "plus", "-": "minus", "*": "times", "/": "divided by"}[e.op]
        return f"({left} {word} {right})"
    p = e.params
    of = ""
    if e.input is not None:
        of = f" of {describe_expr(e.input, unit)}"
    elif e.name in ("highest", "lowest"):
        of = f" {'high' if e.name == 'highest' else 'low'}"
    if e.symbol:
        of += f" of {e.symbol}"
    ago = _ago(e.shift, unit)
    if e.name == "bbands":
        band = e.output or "middle"
        return f"the {band} {p['window']}-{unit}, {_num(p.get('std', 2.0))}-sigma Bollinger band{of}{ago}"
    if e.name == "macd":
        f, s, g = p.get("fast", 12), p.get("slow", 26), p.get("signal", 9)
        what = {"macd": "MACD line", "signal": "MACD signal line", "hist": "MACD histogram"}[e.output or "macd"]
        return f"the {what} ({f}/{s}/{g}){of}{ago}"
    if e.name in ("highest", "lowest"):
        return f"the {e.name}{of} of the previous {p['window']} {unit}s{ago}"
    if e.name in _NAMES:
        return f"the {p['window']}-{unit} {_NAMES[e.name]}{of}{ago}"
    return f"the {_table_label(e, unit)}{of}{ago}"


def _table_label(e: Any, unit: str) -> str:
    """A TA-Lib or custom indicator: 'Parabolic SAR (SAR; acceleration=0.02, maximum=0.2)', windows in bars."""
    from foa.spec import indicators

    try:
        rec = indicators.get(e.name)
    except Exception:  # an unknown name is validation's business
        return e.name
    label = re.sub(r"\s*\(TA-Lib [A-Z0-9_]+\)\.?$", "", rec.description) if rec.source == "talib" else e.name
    vals = {**rec.optional, **e.params}
    # windows always; other settings (moving-average types, factors) only where they differ from the default
    shown = [f"{k}={_num(v)}" + (f" {unit}s" if k in rec.windows else "") for k, v in vals.items()
             if k in rec.windows or k not in rec.optional or v != rec.optional[k]]
    out = f" {e.output}" if e.output and len(rec.outputs) > 1 else ""
    return f"{label}{out} ({'; '.join([e.name.upper()] + ([', '.join(shown)] if shown else []))})"


def describe_condition(c: Any, unit: str = "day") -> str:
    k = c.kind
    if k == "always":
        return "always"
    if k == "compare":
        right = describe_expr(c.right, unit)
        # "close > sma * 1.05": "is more than 5% above the SMA", never "is above 5% above the SMA"
        moved = re.match(r"\S+% (above|below) ", right)
        if moved and c.op in (">", "<"):
            more = (c.op == ">") == (moved.group(1) == "above")  # "< sma * 1.05": less than 5% above
            return f"{describe_expr(c.left, unit)} is {'more' if more else 'less'} than {right}"
        return f"{describe_expr(c.left, unit)} {_OPS[c.op]} {right}"
    if k == "not":
        return f"it is not the case that {describe_condition(c.of, unit)}"
    joiner = " and " if k == "all" else " or "
    parts = [describe_condition(x, unit) for x in c.of]
    return joiner.join(f"({p})" if (" and " in p or " or " in p) else p for p in parts)


def _rule(verb: str, c: Any, unit: str, when: str) -> str:
    # the English, then the rule's text in the rule syntax (foa.spec.rule) on its own line
    if c.kind == "always":
        return f"{verb} on the first bar and hold.\n    rule: {c}"
    return f"{verb} when {_once(describe_condition(c, unit))} ({when}).\n    rule: {c}"


# a table indicator's settings in brackets: "(STOCH; fastk_period=14 days, ...)"
_SETTINGS = re.compile(r" \([A-Z][A-Z0-9_]*(?:; [^()]*)?\)")


def _once(text: str) -> str:
    """A table indicator's settings said at its first mention in a sentence, not at every one.

    >>> _once("the X (SAR; a=1) crosses above the Y (SAR; a=1)")
    'the X (SAR; a=1) crosses above the Y'
    """
    seen: set[str] = set()

    def keep(m: re.Match) -> str:
        if m.group(0) in seen:
            return ""
        seen.add(m.group(0))
        return m.group(0)

    return _SETTINGS.sub(keep, text)

_SPOKEN_VOWEL = re.compile(r"8|1[18](?!\d)")


def _a(amount: str) -> str:
    """The article read aloud: 'a 5%', but 'an 8%', 'an 80%', 'an 11%', 'an 18.5%' (eight, eleven, eighteen)."""
    article = "an" if _SPOKEN_VOWEL.match(amount) else "a"
    return f"{article} {amount}"


def describe(spec: Any) -> str:
    """A few plain-English lines: universe, bars, rules, ranking, risk, sizing, costs."""
    unit = _UNIT[spec.frequency]
    syms = ", ".join(spec.universe.symbols) or "the given prices"
    lines = [f"{spec.name}: {spec.summary}".rstrip(": ") if spec.summary else spec.name,
             f"Trades {syms} on {spec.frequency} bars ({spec.direction.replace('_', ' ')})."]
    when = "the order fills at the next trading day's open"
    if spec.entry is not None and spec.ranking is None:
        lines.append(_rule("Buy", spec.entry, unit, when))
    if spec.exit is not None:
        lines.append(_rule("Sell", spec.exit, unit, when))
    if spec.short_entry is not None:
        lines.append(_rule("Sell short", spec.short_entry, unit, when))
    if spec.short_exit is not None:
        lines.append(_rule("Cover the short", spec.short_exit, unit, when))
    if spec.ranking is not None:
        r = spec.ranking
        pick = f"the top {r.top_n}" if r.top_n else (f"the top {_pct(r.top_pct)}" if r.top_pct else "all")
        order = "lowest" if r.ascending else "highest"
        filt = f", among those where {describe_condition(spec.entry, unit)}" if spec.entry is not None else ""
        lines.append(f"Every {spec.rebalance or spec.frequency} rebalance, hold {pick} by {describe_expr(r.by, unit)} "
                     f"({order} first){filt}, in equal weights; the rest in cash.\n    by: {r.by}"
                     + (f"\n    filter: {spec.entry}" if spec.entry is not None else ""))
    elif spec.rebalance:
        lines.append(f"Rebalance to equal weights {spec.rebalance}.")
    rk = spec.risk
    risk = []
    if rk.stop_loss:
        risk.append(f"{_a(_pct(rk.stop_loss))} stop loss from the fill price")
    if rk.take_profit:
        risk.append(f"{_a(_pct(rk.take_profit))} take profit from the fill price")
    if rk.trailing_stop:
        risk.append(f"{_a(_pct(rk.trailing_stop))} trailing stop below the best price since the fill")
    if rk.atr_stop:
        risk.append(f"a stop {_num(rk.atr_stop.multiple)} x ATR({rk.atr_stop.window}) from the entry")
    if rk.max_holding_bars:
        risk.append(f"an exit after {rk.max_holding_bars} {unit}s")
    if risk:
        lines.append("Risk: " + ", ".join(risk) + ".")
    sz = spec.sizing
    sizing = {"all_in": "100% of equity (split equally across symbols)", "equal_weight": "equal weights",
              "fixed_fraction": f"{_pct(sz.fraction or 1.0)} of equity per position",
              "volatility_target": f"sized to {_pct(sz.target_volatility or 0.10)} annualised volatility"}[sz.method]
    if spec.ranking is None:
        lines.append(f"Sizing: {sizing}.")
    if spec.costs.fees or spec.costs.slippage:
        lines.append(f"Costs: {_pct(spec.costs.fees)} fees per side, {_pct(spec.costs.slippage)} slippage.")
    for u in getattr(spec, "unsupported", None) or []:
        page = f" (p. {u.page})" if u.page else ""
        lines.append(f"Not expressible, left out of the backtest: {u.what}{page}.")
    return "\n".join(lines)


def spec_html(spec: Any) -> str:
    """Rules, evidence (each quote marked by its state: supports, found, not found) and assumptions."""
    esc = html.escape
    text = describe(spec).splitlines()
    def item(line: str) -> str:
        # a rule's text (the indented "rule:", "by:", "filter:" lines) in code type under its English
        if line.startswith("    "):
            label, _, code = line.strip().partition(": ")
            return f"<li style='list-style:none'><small>{esc(label)}:</small> <code>{esc(code)}</code></li>"
        return f"<li>{esc(line)}</li>"

    rules = "".join(item(line) for line in text[1:] if not line.startswith("Not expressible"))
    ev_rows = []
    for e in spec.evidence:
        state = e.state or ({True: "supports", False: "not_found"}.get(e.verified) if e.verified is not None else None)
        if state == "supports":
            mark = ("<span title='found, with the value and the kind of field it backs' style='color:#1a7f37'>"
                    "&#10003; supports</span>")
        elif state == "found":
            mark = ("<span title='in the document, but it does not show the value or the kind of field' "
                    "style='color:#9a6700'>~ found only</span>")
        elif state == "not_found":
            mark = ("<span title='quote NOT found in the document' style='color:#fff;background:#cf222e;"
                    "padding:0 4px;border-radius:3px'>&#10007; not found in the document</span>")
        else:
            mark = "<span style='color:#9a6700'>&#9888; not checked</span>"
        page = f"p. {e.page}" if e.page else ""
        ev_rows.append(f"<tr><td><code>{esc(e.field)}</code></td><td><q>{esc(e.quote)}</q></td><td>{page}</td><td>{mark}</td></tr>")
    evidence = (f"<table><tr><th>field</th><th>quote</th><th>page</th><th>check</th></tr>{''.join(ev_rows)}</table>"
                if ev_rows else "<p><i>No evidence quotes.</i></p>")
    assumptions = "".join(f"<li>{esc(a)}</li>" for a in spec.assumptions) or "<li><i>none</i></li>"
    unsupported = ""
    if getattr(spec, "unsupported", None):
        rows = "".join(f"<tr><td>{esc(u.what)}</td><td><q>{esc(u.quote)}</q></td><td>{f'p. {u.page}' if u.page else ''}</td></tr>"
                       for u in spec.unsupported)
        unsupported = ("<b style='color:#9a6700'>Not expressible (left out of the backtest)</b>"
                       f"<table><tr><th>what</th><th>quote</th><th>page</th></tr>{rows}</table>")
    return (f"<div class='foa-spec'><h4 style='margin:0'>{esc(text[0])}</h4><ul>{rules}</ul>"
            f"<b>Evidence</b>{evidence}<b>Assumptions</b><ul>{assumptions}</ul>{unsupported}</div>")


def _bp(x: float) -> str:
    return f"{x * 1e4:g} bp"


def overrides(document: Any, used: Any) -> list[str]:
    """What a run changed from the document's spec, one line each: symbols, fees, slippage.

    A notebook or dashboard that trades other symbols or costs than the document states prints these, so
    a reader of the report sees the override next to the document's value.

    >>> from foa.spec.library import get
    >>> from foa.spec.model import Costs
    >>> doc = get("sma_crossover").model_copy(update={"costs": Costs(fees=0.001)})
    >>> overrides(doc, doc.model_copy(update={"costs": Costs(fees=0.0005)}))
    ['fees per side — document: 10 bp, used: 5 bp']
    """
    out = []
    ds, us = list(document.universe.symbols), list(used.universe.symbols)
    if ds != us:
        out.append(f"symbols — document: {', '.join(ds) or 'none'}, used: {', '.join(us) or 'none'}")
    if document.costs.fees != used.costs.fees:
        out.append(f"fees per side — document: {_bp(document.costs.fees)}, used: {_bp(used.costs.fees)}")
    if document.costs.slippage != used.costs.slippage:
        out.append(f"slippage — document: {_bp(document.costs.slippage)}, used: {_bp(used.costs.slippage)}")
    return out
