"""Declared indicators the parsed rules do not use, and filters stated without a side.

A text often names an indicator in a setup line ("QQQ must be trading below its 200-day SMA") and then
states its rules with buy/short words elsewhere. Such an indicator is read as a filter of the side the
strategy trades (close above it for longs, below it for shorts) and the reading is written to the
assumptions, so nothing the text did not say goes unmarked.

>>> from foa.extract.offline.leftovers import MA_FILTER
>>> bool(MA_FILTER.search("qqq must be trading below its 200-day simple moving average."))
True
"""

from __future__ import annotations

import re
from typing import Any

from foa.extract.offline import lexicon
from foa.extract.offline.cues import gate_ranges
from foa.extract.offline.conditions import quote as _quote, walk as _walk
from foa.spec import model as M

__all__ = ["MA_FILTER", "REQUIRED", "add_leftovers", "confirmations", "filters_of_short_side", "side_filters"]

# "must be trading below", "has to be under", "only while ... is below": a setup condition, not an action
MA_FILTER = re.compile(r"\b(?:must|has\s+to|have\s+to|needs?\s+to|should)\s+(?:be\s+)?(?:trading|trade|close|closing|sit|be)?\s*(?:above|below|under|over)\b"
                       r"|\b(?:trend\s+)?filter\b|\bonly\s+(?:if|when|while)\b")


def side_filters(ctx: Any, loose: list, *, short_side: bool) -> list[M.CompareCondition]:
    """Unroled price-versus-average comparisons stated as a setup condition ("must be trading below its
    200-day SMA"): the filter of the one side the strategy trades. Used only for a short-only strategy,
    whose rules would otherwise silently drop the filter (the long side has its own template)."""
    out = []
    for rc in loose:
        c = rc.comp
        if not short_side or rc.info.example or not MA_FILTER.search(rc.info.norm):
            continue
        if c.left.kind != "price" or c.right.kind != "ind" or c.right.mention.name not in ("sma", "ema", "ma"):
            continue
        cond = ctx.compare(rc)
        if cond is not None:
            out.append(cond)
            ctx.assume(f"'{rc.info.clause.orig.strip()[:80]}' read as a filter of the short entries")
    return out


def filters_of_short_side(by_role: dict[str, list]) -> None:
    """"Setup: IWM has to be below its 100-day SMA" then "Short IWM when ...": a labelled filter reads as a
    buy rule only because of its label; when the text's only actions are shorts, it filters the shorts."""
    from foa.extract.offline.cues import is_filter_label

    buys = by_role.get("buy", [])
    if by_role.get("short") and buys and all(is_filter_label(i.norm) for _, i in buys):
        by_role["short"] = by_role["short"] + buys
        by_role["buy"] = []
        for _, i in buys:
            i.roles.discard("buy")  # the label's role, not a long side


# an average named for a stop, the position size or its own slope: never a price filter
_NOT_A_FILTER = re.compile(r"\bstop|\btrail|\bsiz(?:e|ing)\b|\bposition\s+size|\brisk\s+per\b|\bslop(?:e|ing)\b"
                           r"|\b(?:is|are|be|turns?|starts?)\s+(?:rising|falling|declining|pointing|sloping|flat)\b"
                           r"|\bdirection\b|\bangle\b")
# the moving averages inside another indicator of the rules (a MACD's or PPO's fast and slow EMAs)
_BUILT_FROM = {"macd": ("fast", "slow"), "ppo": ("fastperiod", "slowperiod"), "apo": ("fastperiod", "slowperiod")}


def _filter_like(e: M.IndicatorExpr, norm: str, in_rules: list) -> bool:
    """Whether a declared but unused average may be read as a trend filter: not a 1-bar average (the price
    itself), not a component of an oscillator of the rules ("EMA 12 and EMA 26" of a MACD(12, 26)), not an
    average the text names for a stop, the position size or a slope test.

    >>> from foa.spec.builders import ema, macd
    >>> _filter_like(ema(26), "fast and slow emas of the macd", [macd(12, 26, 9)])
    False
    >>> _filter_like(ema(200), "trade only above the 200 ema", [macd(12, 26, 9)])
    True
    >>> _filter_like(ema(50), "the trailing stop follows the 50 ema", [])
    False
    """
    window = e.params.get("window")
    if window is not None and window <= 1:
        return False
    for x in in_rules:
        keys = _BUILT_FROM.get(x.name, ())
        if window is not None and any(x.params.get(k) == window for k in keys):
            return False
    return not _NOT_A_FILTER.search(norm)


_SLOPE = re.compile(r"\b(?:negative|positive|downward|upward|down|up|falling|rising|declining|lower|higher)\s+(?:direction|slope)\b"
                    r"|\bslop(?:es|ing)\s+(?:up|down)|\b(?:is|are|turns?)\s+(?:rising|falling|declining|pointing\s+(?:up|down))\b")


def _slope(norm: str) -> bool:
    """Whether a clause names an average by its direction ("the SMA has had a negative direction", "the 50-day
    EMA is rising"): a slope test, which foa's rules do not read.

    >>> _slope("the 40-day ema shows a downward slope")
    True
    >>> _slope("the stop follows the sma")
    False
    """
    return bool(_SLOPE.search(norm))


def _kept(m: Any, e: Any, info: Any, entry_c: list, in_rules: list, is_ranking: bool) -> bool:
    """Whether ``add_leftovers`` makes a rule of mention ``m`` (read as ``e``): the tests below, in their order."""
    if e is None or e in in_rules or e in [x.model_copy(update={"symbol": None}) for x in in_rules if x.symbol]:
        return False
    if m.name in ("sma", "ema"):
        return bool(entry_c or is_ranking) and ("window" in m.params or m.role is not None) and _filter_like(e, info.norm, in_rules)
    return m.name in ("lowest", "highest")


def add_leftovers(ctx: Any, res: Any, conds: dict[str, list], *, is_ranking: bool, unsupported: list | None = None) -> None:
    """Indicators declared but used by no parsed rule: MAs become trend filters (close above), a lowest
    becomes a stop level, a highest a breakout level; each reading goes to the assumptions. An average named
    for a stop, the size, a MACD's or PPO's own averages, or a slope is no filter; a slope is added to
    ``unsupported`` (when given) as "indicator slope"."""
    entry_c, exit_c = conds["entry"], conds["exit"]
    in_rules = [e for c in entry_c + exit_c + conds["short"] + conds["cover"] for e in _walk(c) if isinstance(e, M.IndicatorExpr)]
    for m, _info in res.mentions:
        if id(m) in ctx.used or m.name in ("roc", "atr", "macd", "rsi", "bbands"):
            continue
        # what reading the mention assumed ("SMA window not stated") stands only if it becomes a rule
        noted, used = list(ctx.assumptions), set(ctx.used)
        e = ctx.ind(m)
        if not _kept(m, e, _info, entry_c, in_rules, is_ranking):
            ctx.assumptions[:], ctx.used = noted, used
        if e is None or e in in_rules or e in [x.model_copy(update={"symbol": None}) for x in in_rules if x.symbol]:
            # the same indicator named twice is one indicator, already in a rule (also one a rule reads on a
            # signal instrument: "the VIX is still above its MA50" names the VIX's average again)
            continue
        if m.name in ("sma", "ema") and not entry_c and not is_ranking:
            continue
        if m.name in ("sma", "ema") and "window" not in m.params and m.role is None:
            continue  # an average the text never gives a length (a glossary line on EMAs): no filter of its own
        if m.name in ("sma", "ema") and not _filter_like(e, _info.norm, in_rules):
            if _slope(_info.norm) and unsupported is not None and not any(u.what == "indicator slope" for u in unsupported):
                # "the SMA has had a negative direction over the last x bars": a slope test, listed, never a filter
                unsupported.append(M.Unsupported(what="indicator slope", quote=_quote(_info.clause.orig, None), page=_info.clause.page))
            continue
        if m.name in ("sma", "ema"):
            entry_c.append(M.CompareCondition(left=M.PriceExpr(), op=">", right=e))
            ctx.assume(f"{m.name.upper()}({e.params['window']}) is named as a rule indicator but its rule was not parsed: used as a trend filter (close above it)")
        elif m.name == "lowest":
            exit_c.append(M.CompareCondition(left=M.PriceExpr(), op="<", right=e))
            ctx.assume(f"lowest({e.params['window']}) read as a stop level: exit when the close falls below it")
        elif m.name == "highest":
            entry_c.append(M.CompareCondition(left=M.PriceExpr(), op=">", right=e))
            ctx.assume(f"highest({e.params['window']}) read as a breakout level: enter when the close rises above it")


# "the stochastic should be oversold", "the 50-day SMA must be above the 200-day SMA": a condition the text
# requires of a trade, stated beside the action rather than in its sentence
REQUIRED = re.compile(r"\b(?:should|must|has\s+to|have\s+to|needs?\s+to|is\s+required\s+to|ought\s+to)\b(?!\s+(?:not|never)\b)"
                      # "we also require the RSI(14) to be under 70", "we want the ADX to be above 25": the object to be so
                      r"|\b(?:require|requires|need|needs|want|wants|expect|expects)\s+(?:the\s+|an?\s+|its\s+)?(?:[\w()%,./-]+\s+){1,5}?to\s+(?:be|stay|remain|trade|read|sit)\b"
                      # "make sure the RSI(14) is above 50", "check that the CCI is over 0": a check before the trade
                      r"|^\W*(?:(?:also|then|and)\s+)?(?:make\s+sure|ensure|check|verify|confirm)\s+(?:that\s+|whether\s+)?(?:the\s+|an?\s+|its\s+)"
                      # "only trade when the ADX is above 25", "trades are only taken if ...": a gate on every trade
                      r"|\bonly\s+(?:trade|take\s+(?:trades|positions|signals|entries))\s+(?:when|if|while|whenever)\b"
                      r"|\b(?:trades|positions|signals|entries)\s+(?:are|will\s+be)\s+only\s+(?:taken|allowed|placed|opened)\s+(?:when|if|while|whenever)\b")
# "traders often go long after an inside bar", "many traders buy ...": what people tend to do, told in a tutorial
_HABIT = re.compile(r"\b(?:traders|investors|people|buyers|sellers)\s+(?:\w+\s+)?(?:often|usually|typically|generally|commonly|tend\s+to)\b"
                    r"|\b(?:many|some|most|other)\s+(?:\w+\s+)?(?:traders|investors|people)\b")
_NEAR = 6  # clauses between an action and a requirement stated after or before it in its paragraph or list


def confirmations(ctx: Any, reading: Any, unsupported: list, *, bar_rules: bool = False) -> list[tuple[str, M.CompareCondition, Any]]:
    """The conditions a text requires of an entry whose own wording the reader could not turn into a rule.

    "Go long when a green candle prints. The stochastic should be in oversold territory.": the candle is
    listed in ``unsupported`` and the requirement on the stochastic, an indicator foa computes, is the
    entry (a partial spec rather than a refusal). Only in the part that states the strategy; only beside an
    action sentence (a buy or short cue) that holds a part foa cannot express; only a requirement stated
    as one ("should", "must", "has to") on an indicator; never an example, a stop, a trail or a size.
    Returns ``(role, condition, clause info)`` for each, the role of the action it stands beside.
    With ``bar_rules`` (the spec's entries read only on the price bars: "buy when a green candle prints"),
    an action whose conditions are all such bar rules takes the requirements beside it as well.
    """
    infos = reading.infos
    # an action the reader could not bind to a condition, beside a part foa cannot express
    open_roles = [k for k, i in enumerate(infos) if i.located and not i.example and i.roles & {"buy", "short"}
                  and not i.comps and not _HABIT.search(i.norm) and (i.gaps or i.named_gaps or any(j.gaps for j in infos if j.located and j.clause.block == i.clause.block))]
    bar_roles = [k for k, i in enumerate(infos) if bar_rules and i.located and not i.example and i.roles & {"buy", "short"}
                 and i.comps and all(k_.left.kind == "expr" for k_ in i.comps) and not _HABIT.search(i.norm)]
    # "enter long on an inside bar breakout": what the action waits for, named in its own sentence
    named = [(g, infos[k]) for k in open_roles for g in infos[k].named_gaps if not _gap_named(g.what)]
    if bar_roles:
        open_roles = sorted(set(open_roles) | set(bar_roles))
    elif not open_roles or not (named or any(not _gap_named(u.what) for u in unsupported)):
        return []
    index = {id(i): k for k, i in enumerate(infos)}
    out: list[tuple[str, M.CompareCondition, Any]] = []
    for rc in reading.loose_comps:
        i = rc.info
        if not i.located or i.example or i.roles or i.clause.heading or not REQUIRED.search(i.norm) \
                or _NOT_A_FILTER.search(i.norm) or i.norm.rstrip().endswith("?"):
            continue
        k = index.get(id(i))
        near = [a for a in open_roles if k is not None and (infos[a].clause.block == i.clause.block or abs(a - k) <= _NEAR)]
        if not near:
            continue
        cond = ctx.compare(rc)
        if cond is None or not any(isinstance(e, M.IndicatorExpr) for e in _walk(cond)):
            continue
        act = infos[min(near, key=lambda a: abs(a - k))]
        role = "buy" if "buy" in act.roles else "short"
        out.append((role, cond, i))
        ctx.assume(f"'{i.clause.orig.strip()[:80]}' read as a condition of the {'long' if role == 'buy' else 'short'} "
                   + ("entry stated beside it" if infos.index(act) in bar_roles else
                      "entry: the entry's own wording holds what foa cannot express (listed as unsupported)"))
    if out:
        for g, i in named:
            if not any(u.what == g.what for u in unsupported):
                unsupported.append(M.Unsupported(what=g.what, quote=_quote(i.clause.orig, None), page=i.clause.page))
    return out


def requirements(ctx: Any, reading: Any) -> list[tuple[str, M.CompareCondition, Any]]:
    """Requirements stated in their own sentence beside an entry the reader did read ("Buy when the 10-day SMA is
    above the 50-day SMA. The RSI(14) must be below 40."): each is a further condition of that entry.

    Only a requirement stated as one ("must", "should", "has to", "needs to") on an indicator, in the part that
    states the strategy, in the paragraph or list of the nearest action clause, when that action is a buy or a
    short the reader bound to a condition; never an example, a question, a habit, a stop, a trail or a size.
    Returns ``(role, condition, clause info)`` for each.
    """
    infos = reading.infos
    index = {id(i): k for k, i in enumerate(infos)}
    bound: dict[int, set] = {}
    for rc in reading.rule_comps:
        bound.setdefault(id(rc.info), set()).add(rc.role)
    out: list[tuple[str, M.CompareCondition, Any]] = []
    for rc in reading.loose_comps:
        i = rc.info
        if not i.located or i.example or i.roles or i.clause.heading or not (REQUIRED.search(i.norm) or gate_ranges(i.norm)) \
                or _NOT_A_FILTER.search(i.norm) or _HABIT.search(i.norm) or i.norm.rstrip().endswith("?"):
            continue
        k = index.get(id(i))
        acts = [a for a, j in enumerate(infos) if k is not None and a != k and j.roles and j.located and not j.example
                and j.clause.block == i.clause.block and abs(a - k) <= 2]
        if not acts:
            continue
        act = infos[min(acts, key=lambda a: (abs(a - k), a > k))]
        roles = bound.get(id(act), set()) & {"buy", "short"}
        if len(roles) != 1:
            continue
        cond = ctx.compare(rc)
        # on an indicator, or on another market's level ("only trade when the VIX is below 20")
        if cond is None or not any(isinstance(e, M.IndicatorExpr) or (isinstance(e, M.PriceExpr) and e.symbol)
                                   for e in _walk(cond)):
            continue
        role = roles.pop()
        out.append((role, cond, i))
        ctx.assume(f"'{i.clause.orig.strip()[:80]}' read as a condition of the {'long' if role == 'buy' else 'short'} entry stated beside it")
    return out


def _gap_named(what: str) -> bool:
    """A table indicator named in a rule the reader did not read (foa computes it): not a part it cannot express."""
    return bool(lexicon.gap_names(what))
