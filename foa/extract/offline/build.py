"""Assembling a StrategySpec from a reading: rules, direction, ranking, risk, universe, evidence.

Every rule the spec holds comes with the clause it was read from (a verbatim quote and its page);
whatever the text did not say and foa filled in is written to ``assumptions``.
"""

from __future__ import annotations

import math
import re
from typing import Any

from foa.errors import NoStrategyFound, SpecError
from foa.extract.offline.analyze import ClauseInfo, Reading, RoleComp
from foa.extract.offline.compare import Operand
from foa.extract.offline.conditions import PRICE_BLENDS, price_blend
from foa.extract.offline.conditions import FLIP as _FLIP, combine as _combine, contains as _contains, describe as _describe
from foa.extract.offline.conditions import compares as _walk_compares, implies as _implies
from foa.extract.offline.conditions import mirror as _mirror, number_in as _number_in, quote as _quote, walk as _walk
from foa.extract.offline.conditions import is_table, table_expr
from foa.extract.offline.lexicon import volume_multiple
from foa.extract.offline import bars, lexicon
from foa.extract.offline.cues import is_question, is_tool_menu, switch_target, switches_out
from foa.extract.offline.locate import (commentary_only, indicator_script, indicator_tutorial, is_marketing, orders_commented_out, research_abstract,
                                       secondhand_only)
from foa.extract.offline.sizing import fixed_fraction
from foa.extract.offline.holdings import buy_and_hold, read_on, read_universe, signal_of, stated_weights
from foa.extract.offline.leftovers import add_leftovers, confirmations, filters_of_short_side, requirements, side_filters
from foa.extract.offline.mentions import Mention
from foa.extract.offline.repair import repair
from foa.extract.offline.resolve import Resolved, bars_of
from foa.extract.offline.risk import costs_stated, for_short
from foa.extract.offline.unsupported import found_indicators, mentions_note, part_phrase, parts_phrase
from foa.spec import model as M

__all__ = ["build_spec"]

# "Universe: SPY, TLT, GLD", "Tickers traded - XLK, XLF": an explicit list counts wherever it stands
_UNIVERSE_LIST = re.compile(r"^\W*(?:universe|tickers?|symbols?|instruments?|assets?|markets?\s+traded|etfs?\s+traded)\b[^:=|]{0,30}[:=|]")
_RANK_EXTREME = re.compile(r"\b(?:highest|lowest|strongest|weakest)\s+(?:\w+\s+){0,3}?(?:reading|value|score|rsi|readings|values|scores)\b")
_LOW_VOL = re.compile(r"\b(?:lowest|least|smallest|low)\s+(?:\w+\s+)?(?:volatility|standard\s+deviation|stdev|risk)\b")
# a count of the ranked assets short of the number held: "if fewer than 3 ...", "when only two ...", "not enough"
# an order line of platform code that closes by its own stop or target: Pine's strategy.exit(..., loss=, profit=),
# MQL's trade.Buy(lot, sym, price, sl, tp) and OrderSend(sym, OP_BUY, lot, price, slip, sl, tp), a backtrader bracket order
_CODE_STOP_EXIT = re.compile(r"\bstrategy\.exit\s*\([^)]*\b(?:loss|profit|stop|limit|trail_points|trail_offset)\s*="
                             r"|\btrade\.(?:buy|sell)\s*\((?:[^,()]*(?:\([^()]*\))?[^,()]*,){3}(?!\s*0\s*[,)])[^,()]+,(?!\s*0\s*[,)])[^,()]+"
                             r"|\bordersend\s*\((?:[^,()]*(?:\([^()]*\))?[^,()]*,){5}(?!\s*0\s*[,)])[^,()]+,(?!\s*0\s*[,)])[^,()]+"
                             r"|\bbuy_bracket\s*\(|\bsell_bracket\s*\(", re.I)
_WEIGHED_ACTION = re.compile(r"\b(?:why|how|whether)\s+(?:you|i|we)\s+(?:\w+\s+){0,2}?(?:entered|exited|bought|sold|shorted|took)\b"
                             r"|\b(?:contemplating|considering|thinking\s+(?:about|of)|afraid\s+of|tempted\s+to)\s+(?:re-?)?"
                             r"(?:enter|buy|sell|short|add|go)\w*"
                             # "I bought the dip and sold it an hour later": a trade told, with no condition
                             r"|\b(?:i|we)\s+(?:\w+\s+)?(?:bought|sold|entered|exited|shorted)\b")
_SHORTFALL = re.compile(r"\b(?:fewer|less)\s+than\s+(?:\d+|all)\b|\b(?:if|when|where)\s+only\s+\d+\b|\bnot\s+enough\b"
                        r"|\bno\s+more\s+than\s+\d+\s+(?:of\s+(?:the|them)\s+)?(?:\w+\s+)?(?:have|has|show|shows|are|post)\b")
# "each week, buy the 5 ...": the period of the clause that chooses a ranking's holdings is its rebalance
_EVERY_PERIOD = re.compile(r"\b(?:each|every|once\s+a|once\s+per)\s+(week|month|quarter)\b|\b(weekly|monthly|quarterly)\b")
# "positions are reviewed every Friday": when the rules are checked, no rebalance of a rule strategy
_REVIEW = re.compile(r"\b(?:review\w*|re-?evaluat\w*|check\w*|monitor\w*|look\w*\s+at|assess\w*)\b")
_DEFAULT_WINDOW = {"sma": 50, "ema": 20, "rsi": 14, "atr": 14, "highest": 20, "lowest": 20, "stdev": 20, "roc": 10}
_NAMED_ROC = re.compile(r"roc|rate\s+of\s+change")


class _Ctx:
    def __init__(self, reading: Reading, res: Resolved) -> None:
        self.reading = reading
        self.res = res
        self.assumptions = list(res.assumptions)
        self.evidence: list[M.Evidence] = []
        self.used: set[int] = set()  # id() of mentions used by a rule
        self.active_ids = {id(m) for m, _ in res.mentions}

    def assume(self, text: str) -> None:
        if text not in self.assumptions:
            self.assumptions.append(text)

    def cite(self, field: str, info: ClauseInfo | None, needle: str | None = None) -> None:
        if info is None or any(e.field == field for e in self.evidence):
            return
        self.evidence.append(M.Evidence(field=field, quote=_quote(info.clause.orig, needle), page=info.clause.page))

    # --- expressions -------------------------------------------------------------------------------
    def ind(self, m: Mention) -> M.IndicatorExpr | None:
        if m.name == "macd" and self.res.macd is not None:
            return self.macd("signal" if m.role == "signal" else "macd")
        if id(m) not in self.active_ids:
            # a mention the resolver dropped (definition, example) is never a rule operand
            twin = next((a for a, _ in self.res.mentions if m.role in ("fast", "mid", "slow") and a.role == m.role), None) or next(
                (a for a, _ in self.res.mentions if a.name == m.name and a.params == m.params), None)
            if twin is None:
                return None
            m = twin
        self.used.add(id(m))
        name = m.name
        params = dict(m.params)
        if name == "macd":
            return self.macd("signal" if m.role == "signal" else "macd")
        if name == "bbands":  # the line named before it ("the lower Bollinger band"), else the middle one
            return self.band(m.role if m.role in ("upper", "lower", "middle") else "middle")
        if is_table(name):  # ADX, stochastics, SAR...: TA-Lib's defaults where the text states no number
            e = table_expr(name, params, m.output)
            from foa.spec import indicators

            unstated = {k: v for k, v in indicators.get(name).optional.items() if k not in e.params}
            if unstated and not e.params:
                shown = ", ".join(f"{k} {v:g}" for k, v in unstated.items() if not k.endswith("matype"))
                self.assume(f"{name.upper()} parameters not stated: TA-Lib's defaults ({shown})")
            return e
        if "window" not in params:
            params["window"] = _DEFAULT_WINDOW.get(name, 12 if self.res.frequency == "monthly" else 20)
            self.assume(f"{name.upper()} window not stated: {params['window']} bars assumed")
        inp = M.PriceExpr(field=m.source) if m.source in ("volume", "close") else price_blend(m.source) if m.source in PRICE_BLENDS else None
        if m.of is not None and m.of is not m:  # "its 9-day EMA" of the RSI: the average runs on the RSI
            inp = self.ind(m.of) or inp
        return M.IndicatorExpr(name=name, params=params, input=inp)

    def macd(self, output: str) -> M.IndicatorExpr:
        for m, _ in self.res.mentions:
            if m.name == "macd":
                self.used.add(id(m))
        return M.IndicatorExpr(name="macd", params=dict(self.res.macd or {}), output=output)

    def band(self, output: str) -> M.IndicatorExpr:
        p = dict(self.res.bollinger or {})
        if "window" not in p or "std" not in p:
            self.assume("Bollinger parameters not fully stated: 20 bars, 2 standard deviations assumed where missing")
            p = {"window": 20, "std": 2.0, **p}
        for m, _ in self.res.mentions:
            if m.name == "bbands":
                self.used.add(id(m))
        return M.IndicatorExpr(name="bbands", params=p, output=output)

    def keltner(self, output: str) -> Any:
        from foa.extract.offline.keltner import keltner_lines

        k = self.res.keltner
        center = self.ind(k["center"]) if k["center"] is not None else None
        atr = self.ind(k["atr"]) if k["atr"] is not None else None
        if center is None:
            center = M.IndicatorExpr(name="ema", params={"window": 20})
            self.assume("Keltner centre line not stated: 20-bar EMA assumed")
        if atr is None:
            atr = M.IndicatorExpr(name="atr", params={"window": 10})
            self.assume("Keltner ATR window not stated: 10 bars assumed")
        return keltner_lines(center, atr, k["multiple"], output)

    def mas(self) -> list[Mention]:
        return [m for m, _ in self.res.mentions if m.name in ("sma", "ema")]

    def expr(self, o: Operand, info: ClauseInfo) -> Any:
        e = self._expr(o, info)
        if e is not None and o.shift and hasattr(e, "shift"):
            e = e.model_copy(update={"shift": e.shift + o.shift})
        if e is not None and o.scale != 1.0:  # "5% above the SMA": the SMA times 1.05
            e = M.ArithExpr(op="*", left=e, right=M.ConstExpr(value=o.scale))
        return e

    def _expr(self, o: Operand, info: ClauseInfo) -> Any:
        if o.kind == "ind":
            return self.ind(o.mention)
        if o.kind == "price":
            # "yesterday's high": a field of the bar before (shifted in expr); "the typical price": (H + L + C) / 3
            if o.name in PRICE_BLENDS:
                return price_blend(o.name)
            return M.PriceExpr(field=o.name if o.name in ("open", "high", "low") else "close")
        if o.kind == "volume":
            return M.PriceExpr(field="volume")
        if o.kind == "expr":  # a price-bar rule's ready expression (``bars``)
            return o.expr
        if o.kind == "const":
            return M.ConstExpr(value=o.value)
        if o.kind == "band":
            name = {"mid": "middle"}.get(o.name.rstrip("~"), o.name.rstrip("~"))
            if self.res.keltner is not None:
                return self.keltner(name)
            if o.name.endswith("~") and self.res.bollinger is None:
                return None  # "the upper line" of no band the document defines
            return self.band(name)
        if o.kind in ("signal", "hist", "macdline"):
            return self.macd({"macdline": "macd"}.get(o.kind, o.kind))
        if o.kind == "role":
            m = next((x for x in self.mas() if x.role == o.name), None)
            return self.ind(m) if m else None
        if o.kind == "ma_ref":
            if "macd" in info.norm and self.res.macd is not None:
                return self.macd("signal")
            if self.res.bollinger is not None:
                return self.band("middle")
            mas = self.mas()
            return self.ind(mas[0]) if mas else None
        return None

    def compare(self, rc: RoleComp) -> M.CompareCondition | None:
        c = rc.comp
        if c.assumed:
            self.assume(c.assumed)
        if c.left.kind in ("golden", "death"):
            mas = sorted(self.mas(), key=lambda m: m.params.get("window", 0))
            if len(mas) < 2 and re.match(r"(?:bullish|bearish|upward|downward)\s+cross|(?:the\s+|both\s+|two\s+|our\s+|these\s+)*(?:moving\s+)?"
                                         r"(?:averages|mas|emas|smas|ma\s+lines|average\s+lines)\b", rc.info.norm[c.left.start:c.left.end]):
                # "the MACD line crosses the signal line upward", "a bullish crossover": a cross of what the text names,
                # never the 50/200 SMAs only the words golden and death cross imply
                return None
            if len(mas) < 2:
                fast, slow = M.IndicatorExpr(name="sma", params={"window": 50}), M.IndicatorExpr(name="sma", params={"window": 200})
                self.assume("golden/death cross without windows: 50- and 200-bar SMAs assumed")
            else:
                fast, slow = self.ind(mas[0]), self.ind(mas[-1])
            op = "crosses_above" if c.left.kind == "golden" else "crosses_below"
            return M.CompareCondition(left=fast, op=op, right=slow)
        if c.left.kind == "volume" and c.right.kind in ("ma_ref", "ind"):
            # "volume above its SMA": the average of volume, not of price
            vol = next((m for m, _ in self.res.mentions if m.source == "volume"), None)
            right = self.ind(vol) if vol is not None else M.IndicatorExpr(name="sma", params={"window": 20}, input=M.PriceExpr(field="volume"))
            if vol is None:
                self.assume("volume average window not stated: 20 bars assumed")
            k = volume_multiple(rc.info.norm)
            if k is not None and k != 1:
                # "volume at least 2x its 20-day average": volume >= sma(volume) * 2
                right = M.ArithExpr(op="*", left=right, right=M.ConstExpr(value=k))
            return M.CompareCondition(left=M.PriceExpr(field="volume"), op=c.op, right=right)
        left, right = self.expr(c.left, rc.info), self.expr(c.right, rc.info)
        if left is None or right is None:
            return None
        op = c.op
        if isinstance(left, M.ConstExpr):
            left, right, op = right, left, _FLIP[op]
        if isinstance(left, M.ConstExpr) or (isinstance(left, M.PriceExpr) and isinstance(right, (M.PriceExpr, M.ConstExpr))
                                             and left.field != "volume" and not (isinstance(right, M.PriceExpr) and right.shift != left.shift)
                                             and not bars.states_a_rule(M.CompareCondition(left=left, op=op, right=right))):
            return None
        if left == right:
            return None
        if isinstance(right, M.ConstExpr) and right.value <= 0 and _price_scale(left):
            # "ema(close, 1) crosses above stop" with the stop's seed 0.0, "if sma > 0": a price never crosses zero;
            # a guard or a misread operand, no rule
            return None
        return M.CompareCondition(left=left, op=op, right=right)


def _price_scale(e: Any) -> bool:
    """Whether ``e`` is in a price's units: the price itself or an indicator of the price on the price scale (a moving
    average, a band, the highest high), never of volume."""
    if isinstance(e, M.PriceExpr):
        return e.field != "volume"
    if not isinstance(e, M.IndicatorExpr):
        return False
    from foa.spec import indicators

    try:
        scale = indicators.get(e.name).scale
    except SpecError:  # a name outside the table: no scale known
        return False
    return scale == "price" and (e.input is None or (isinstance(e.input, M.PriceExpr) and e.input.field != "volume"))


# what a ranking does with its order: buys, holds or rotates into what comes first ("the weights assigned to the
# factors" and "the overall rank is calculated" describe a score, they choose nothing)
_CHOOSES = re.compile(r"\b(?:buy|buys|buying|hold|holds|holding|own|owns|owning|invest(?:s|ed|ing)?|select\w*|pick\w*|choos\w*|chose"
                      r"|allocat\w*|rotat\w*|switch\w*|go(?:es|ing)?\s+(?:long|into)|overweight\w*|enter(?:s|ed|ing)?|purchas\w*|move\s+into"
                      r"|(?:long|short)\s+the)\b")


def build_spec(reading: Reading, res: Resolved) -> M.StrategySpec:
    """A StrategySpec, or NoStrategyFound when the reading holds no concrete tradable rule."""
    if any(rc.info.located for rc in reading.rule_comps) or (
            any(not i.located for i in reading.infos)
            and any(i.located and i.rule_bearing and (i.roles or i.ranking.get("select")) and not i.example for i in reading.infos)):
        # rules read on commentary pages ("desks bought as it held above its average") are not the strategy,
        # nor are the averages such a page quotes, when the part that states the strategy names a rule of its own
        reading.rule_comps = [rc for rc in reading.rule_comps if rc.info.located]
        reading.loose_comps = [rc for rc in reading.loose_comps if rc.info.located]
        res.mentions = [(m, i) for m, i in res.mentions if i.located]
    ctx = _Ctx(reading, res)
    if reading.long_implied:  # "the MACD line must cross over its signal line; the price must be above ...": no action named
        ctx.assume("no action stated: the conditions the text requires read as a long entry")
    infos = reading.infos
    roc_mentions = [m for m, _ in res.mentions if m.name == "roc"]

    # ---- ranking -------------------------------------------------------------------------------
    # a ranking is read in the strategy's part only ("stocks are ranked by analysts" in a disclaimer is not one)
    # a question ("how do I combine the two factors to rank my stocks") asks how to rank, it does not rank
    rank_infos = [i for i in infos if i.rule_bearing and i.located and (i.ranking.get("top_n") or i.ranking.get("top_pct") or i.ranking.get("cue"))
                  and not is_question(i.norm)]
    # a ranking chooses what to hold: a top N or share, a buy, or a holding word besides the ranking's own ("the
    # percentile the day's return takes in a ranking of the last 100" inside an indicator's formula chooses nothing)
    rank_infos = rank_infos if any((i.ranking.get("select") or i.roles & {"buy"}) and (
        i.ranking.get("top_n") or i.ranking.get("top_pct") or i.roles & {"buy"} or _CHOOSES.search(i.norm))
        for i in rank_infos) else []
    explicit_top = next((i for i in rank_infos if i.ranking.get("top_n") or i.ranking.get("top_pct")), None)
    per_asset = any(re.search(r"\b(?:buys?|hold|own)\s+(?:each|every|all|any)\s+(?:asset|etf|stock|security|fund)s?\s+(?:whose|that|with)\b", i.norm) for i in infos)
    # "rank by the standard deviation of past returns and buy the quintile with the lowest volatility"
    low_vol = [m for m, _ in res.mentions if m.name == "stdev" and "window" in m.params] if not roc_mentions and any(
        _LOW_VOL.search(i.norm) for i in rank_infos) else []
    # "hold the three with the highest RSI reading": a ranking on another indicator, named in the clause that
    # chooses the top N and compared with nothing there
    rank_osc = [m for m in explicit_top.active if m.name in ("rsi", "stdev", "atr") and "window" in m.params] if (
        explicit_top is not None and not roc_mentions and not low_vol and not explicit_top.comps
        and _RANK_EXTREME.search(explicit_top.norm)) else []
    # one indicator, maybe named twice ("the 10-day RSI ... the lowest RSI reading")
    rank_osc = rank_osc[:1] if len({(m.name, m.params.get("window")) for m in rank_osc}) == 1 else []
    is_ranking = bool(rank_infos) and bool(roc_mentions or low_vol or rank_osc) and not (per_asset and explicit_top is None)
    if not is_ranking:
        # a bare "momentum"/"relative strength" with no window is a name, not a rule, outside a ranking
        # (the indicator's own name, "ROC" or "rate of change", compared in a rule keeps TA-Lib's 10 bars)
        res.mentions = [(m, i) for m, i in res.mentions if not (m.name == "roc" and "window" not in m.params
                                                                   and not _NAMED_ROC.fullmatch(i.norm, m.start, m.end))]
        ctx.active_ids = {id(m) for m, _ in res.mentions}
        roc_mentions = [m for m, _ in res.mentions if m.name == "roc"]

    # the universe, risk, costs and schedule come from the part that states the strategy (and from an
    # explicit universe list anywhere): tickers in commentary, news or disclaimers pages never enter
    tickers, ticker_info, signal_on = read_universe([i for i in infos if i.located or _UNIVERSE_LIST.match(i.norm)])
    signal_codes, signals_read = [c for c, _ in signal_on], set()

    # ---- rule comparisons by role ----------------------------------------------------------------
    by_role: dict[str, list[tuple[M.CompareCondition, ClauseInfo]]] = {}
    spans: list[tuple[str | None, M.CompareCondition, ClauseInfo, int, int]] = []  # where each rule sits in its clause
    for rc in reading.rule_comps:
        # a return compared with its own moving average is the total-return series, not a rate of change
        c = rc.comp
        if c.left.kind == "ind" and c.left.mention.name == "roc" and c.right.kind == "ind" and c.right.mention.name in ("sma", "ema", "ma"):
            res.mentions = [(m, i) for m, i in res.mentions if m is not c.left.mention]
            ctx.active_ids.discard(id(c.left.mention))
            c.left = Operand("price", c.left.start, c.left.end, name="close")
        if c.left.kind == "roc_ref":
            for m, _ in res.mentions:
                if m.name == "roc" and "window" in m.params:
                    by_role.setdefault(rc.role, []).append(
                        (M.CompareCondition(left=ctx.ind(m), op=c.op, right=M.ConstExpr(value=c.right.value)), rc.info))
            continue
        cond = ctx.compare(rc)
        if cond is not None and all(isinstance(e, M.IndicatorExpr) and e.name == "bbands" for e in (cond.left, cond.right)):
            # "price tags lower band -> buy, tags upper band -> short": one band against the other is never a rule;
            # the subject left out is the price
            cond = M.CompareCondition(left=M.PriceExpr(field="close"), op=cond.op, right=cond.right)
        on = signal_of(rc.info.clause.orig, signal_codes, tickers) if cond is not None and signal_codes else None
        if on is not None and not _read_on_ticker(rc.info.norm, on, max(c.left.end, c.right.end)):
            on = None  # "RSI(2) < 10 and TLT closes above ...": the ticker named after a comparison is the next one's
        if on is None and cond is not None and signal_codes:
            # "go long MSFT if IWM is over its 150-day SMA and MSFT's RSI(3) is under 15": each comparison reads the
            # ticker named last before its comparator
            on = _nearest_signal(rc.info.norm, signal_codes, tickers, c.start)
        if on is not None:  # "when SOXX closes above its 100-day SMA, hold SOXL": the rule reads SOXX's prices
            cond = read_on(cond, on)
            signals_read.add(on)
            if c.left.kind == "ind" and _named_between(rc.info.norm, on, c.left.end, c.start):
                # "the 5-day EMA is over the 30-day EMA and IWM closes under its 100-day SMA": the ticker named after
                # the carried indicator is the subject, never that indicator read on it
                cond = cond.model_copy(update={"left": M.PriceExpr(field="close", symbol=on)})
        if cond is not None:
            by_role.setdefault(rc.role, []).append((cond, rc.info))
            spans.append((rc.role, cond, rc.info, min(c.start, c.left.start, c.right.start), max(c.left.end, c.right.end)))
    roc_mentions = [m for m, _ in res.mentions if m.name == "roc"]
    filters_of_short_side(by_role)

    # ---- direction ----------------------------------------------------------------------------------
    # "Buy when ... The RSI(14) must be below 40.": a requirement stated beside a read entry is part of it
    for role, cond, i in requirements(ctx, reading):
        by_role.setdefault(role, []).append((cond, i))
    short_explicit = any(i.short_cue or i.alt_short for i in infos) or bool(by_role.get("short")) or any(
        i.ranking.get("bottom") and _says_short(i.norm) for i in infos)
    sells = by_role.get("sell", [])
    buys = by_role.get("buy", [])
    # conditions per clause, a phrase once: "above the cloud" (two spans) or "three down days" (a comparison a
    # bar) is one condition of its clause
    sell_clauses: dict[int, int] = {}
    buy_clauses: dict[int, int] = {}
    for role, per in (("sell", sell_clauses), ("buy", buy_clauses)):
        phrases = {(id(i), a) for r, _, i, a, _ in spans if r == role}
        for key, _ in phrases:
            per[key] = per.get(key, 0) + 1
    from foa.extract.offline.cues import has_bearish, rules_out_shorts, two_way_market

    # "stocks only, no shorting", "long only": a sell never opens a short; in forex ("EUR/USD", pips, lots) a sell
    # with a condition of its own opens the short side
    no_shorts = any(rules_out_shorts(i.norm) for i in infos if not i.example)
    two_way = not no_shorts and any(two_way_market(i.norm) for i in infos if not i.example)
    # "sell NIFTY when ...; cover the position 5 days later": a sell the text covers (and no short named) is a short
    sold_and_covered = not short_explicit and any("cover" in i.roles for i in infos if not i.example)
    sell_opens = bool(sells) and not no_shorts and (
        # (a forex sell glossed as a close, "sell (close the position)", stays the long's exit)
        (two_way and any(not i.roles & {"exit", "exit_long"} for _, i in sells)) or sold_and_covered or
        any(has_bearish(i.norm) or any(has_bearish(j.norm) for j in infos if j.section & {"sell"} and j.clause.block == i.clause.block) for _, i in sells)
        or (max(sell_clauses.values(), default=0) >= 2 and max(buy_clauses.values(), default=0) >= 2
            and not all(_SELLS_HELD.search(i.norm) for _, i in sells))
        # "a buy signal when ... and a sell signal when ...": a system's two signals, each opening its side
        or (any(_SIGNAL_OF["sell"].search(i.norm) for _, i in sells) and any(_SIGNAL_OF["buy"].search(i.norm) for _, i in buys))
    )
    long_side = bool(buys) or is_ranking or any(i.roles & {"buy"} and i.active for i in infos)
    if short_explicit or sell_opens:
        direction = "long_short" if long_side else "short_only"
    else:
        direction = "long_only"
    # a "sell" opens the short only where nothing else says when to get out of a long: beside an explicit short
    # rule ("Sell when ... Short when ... cover when ...") or an exit it closes the long
    short_sells = direction != "long_only" and (sell_opens or not (by_role.get("exit") or by_role.get("exit_long") or by_role.get("short")))

    entry_c = [c for c, _ in buys]
    # "we enter our short position ... and exit when the price hits the 20-SMA": the exit of a sentence that opens
    # the short (and no long) is the short's cover
    short_exits = [(c, i) for c, i in by_role.get("exit", []) if direction != "long_only" and "short" in i.roles
                   and not i.roles & {"buy", "exit_long"}] if by_role.get("short") else []
    exit_c = [c for c, i in by_role.get("exit", []) + by_role.get("exit_long", []) if not any(c is x for x, _ in short_exits)]
    short_c = [c for c, _ in by_role.get("short", [])]
    cover_c = [c for c, _ in by_role.get("cover", [])] + [c for c, _ in short_exits]
    if direction == "long_only":
        exit_c += [c for c, _ in sells]
        # "I cover when RSI goes back above 50" in a text that never shorts: the long's exit
        exit_c += cover_c
        cover_c = []
    elif short_sells:
        short_c += [c for c, _ in sells]
    else:
        exit_c += [c for c, _ in sells]

    # "Sell when the 10-day EMA crosses below the 30-day EMA, and vice versa", "Go short when ...; vice versa for
    # longs": the long entry is the mirror of the short (else the sell) rule the text states
    if reading.long_mirror is not None and not entry_c and not is_ranking:
        src = short_c or exit_c
        if src and all(isinstance(c, M.CompareCondition) for c in src):
            entry_c = [_mirror(c) for c in src]
            by_role.setdefault("buy", []).extend((c, reading.long_mirror) for c in entry_c)
            ctx.assume("long entry stated as the mirror of the " + ("short" if short_c else "sell") + " rule: "
                       + " and ".join(str(c) for c in entry_c))
            if direction == "short_only":
                direction = "long_short"

    # "the rule switches from SPY to TLT when SPY closes below its 200-day SMA": a rotation names its holding and
    # when to leave it for the safe side; the holding is kept (entered) while that condition does not hold
    switch = next((i for _, i in by_role.get("exit", []) if not i.example and switches_out(i.norm)), None)
    if switch is not None and not entry_c and not short_c and not is_ranking \
            and exit_c and all(isinstance(c, M.CompareCondition) for c in exit_c):
        entry_c = [M.CompareCondition(left=c.left, op=_FLIP[c.op], right=c.right) for c in exit_c]
        by_role.setdefault("buy", []).extend((c, switch) for c in entry_c)
        ctx.assume("entry stated as the switch out of the holding reversed: held while "
                   + " and ".join(str(c) for c in entry_c))

    # ---- buy and hold -------------------------------------------------------------------------------
    inside = [i for i in infos if i.located]
    rule_pages = [i for i in infos if i.rule_page]
    buy_hold_info = None
    if not entry_c and not short_c and not is_ranking and tickers:
        buy_hold_info = buy_and_hold(inside, tickers)  # a holding stated in the strategy's part

    # ---- the gate: nothing concrete, nothing invented ---------------------------------------------------
    # a rule on an indicator; an exit alone counts only where the text also says when to get in (an entry
    # word the grammar could not bind): "sell when the price tags the middle band" under test results is no strategy
    # "long positions are exited when ...", "short positions are closed when ...": a side named as what an exit
    # closes is no entry (a clause whose conditions all went to exits says nothing of getting in)
    read_roles: dict[int, set] = {}
    for rc in reading.rule_comps:
        read_roles.setdefault(id(rc.info), set()).add(rc.role)
    # (an action a journal records or weighs, "record why you entered a trade", "I am contemplating re-entering", with
    # no condition of its own, tells no rule: a refusal never says such a text states one)
    says_entry = any(i.roles & {"buy", "short"} and (id(i) not in read_roles or read_roles[id(i)] & {"buy", "short"})
                     and (i.comps or not _WEIGHED_ACTION.search(i.norm))
                     for i in infos if i.located and not i.example)
    # the bar before's price ("the close is above yesterday's high") is a rule's operand as an indicator is
    indicator_rule = any(
        any(isinstance(e, M.IndicatorExpr) or (isinstance(e, M.PriceExpr) and e.shift > 0) for e in _walk(c))
        or any(bars.states_a_rule(x) for x in _walk_compares(c))  # a candle's direction, IBS, the VIX's level
        for c in entry_c + short_c + ((exit_c + cover_c) if says_entry else [])
    )
    unsupported = unsupported_parts([i for i in infos if i.rule_page])
    target = switch_target(switch.norm) if switch is not None and any(c is switch for _, c in by_role.get("buy", [])) else None
    if target is not None and not re.match(_FLAT_SIDE, target) and not any(u.what == "fallback asset" for u in unsupported):
        # "switches from SPY to TLT": out of the holding the money sits in a second asset, which the spec cannot hold
        # (out of SPY it is flat); cash or T-bills are the flat side itself
        unsupported.append(M.Unsupported(what="fallback asset", quote=_quote(switch.clause.orig, None), page=switch.clause.page))
    weights = stated_weights(inside, tickers) if buy_hold_info is not None else {}
    if len(set(weights.values())) > 1:
        # "60% SPY, 40% TLT": the spec holds its tickers in equal weight, so the stated weights are listed
        unsupported.append(M.Unsupported(what="fixed-weight allocation", quote=_quote(buy_hold_info.clause.orig, None),
                                         page=buy_hold_info.clause.page))
        ctx.assume("target weights stated (" + ", ".join(f"{k} {v:.0%}" for k, v in weights.items()) + "): held in equal weight")
    # "buy when a green candle prints; the stochastic should be oversold": an entry read only on the price bars
    # takes the requirement stated beside it too (never dropped)
    bar_entry = bool(entry_c or short_c) and not is_ranking and all(
        bars.states_a_rule(x) for c in entry_c + short_c for x in _walk_compares(c))
    if (not (indicator_rule or is_ranking or buy_hold_info is not None) or bar_entry) and says_entry:
        # "go long when a green candle prints; the stochastic should be oversold": the action's own condition is
        # listed as unsupported, the requirement stated beside it on an indicator foa computes is the entry
        for role, cond, i in confirmations(ctx, reading, unsupported, bar_rules=bar_entry):
            if role == "short" and direction == "long_only":
                continue
            by_role.setdefault(role, []).append((cond, i))
            (entry_c if role == "buy" else short_c).append(cond)
        indicator_rule = bool(entry_c or short_c)
    exits_read = [i for r in ("exit", "exit_long", "sell", "cover") for _, i in by_role.get(r, [])]
    if not (indicator_rule or is_ranking or buy_hold_info is not None) and exits_read and not says_entry and not unsupported:
        i = exits_read[0]
        raise NoStrategyFound(
            f"the document states when to exit (p. {i.clause.page}: \"{_quote(i.clause.orig, None, 120)}\") but never when to "
            f"enter: an exit rule alone is no strategy to backtest{mentions_note(infos)}. State the entry too (e.g. 'buy when "
            "RSI(2) drops below 10; sell when the close rises above the 5-day SMA') or extract with provider='claude'.")
    if not (indicator_rule or is_ranking or buy_hold_info is not None):
        unread = [u for u in unsupported if lexicon.gap_names(u.what)]
        if unread and len(unread) == len(unsupported):
            # a table indicator foa computes, in a rule whose condition the grammar did not read
            found = parts_phrase(unread, limit=len(unread))
            raise NoStrategyFound(
                f"the document states a rule on {found}, which foa can compute, but the offline reader did not "
                "understand its condition. Restate it as a comparison (e.g. 'ADX(14) above 25', '%K crosses above "
                "%D', 'close crosses above the Parabolic SAR') or extract with provider='claude'."
            )
        if unsupported:
            # what foa cannot express first; a table indicator beside it is one foa computes, read without its condition
            # each part by the name a researcher gives it, with the label it was found under and its quote
            found = parts_phrase([u for u in unsupported if u not in unread], limit=len(unsupported))
            # table indicators foa computes, named in a rule clause or beside a trading word, whose condition was not read
            also = list(dict.fromkeys([u.what for u in unread] + [w for w, _ in _named_gaps([i for i in infos if i.rule_page])
                                                                  if lexicon.gap_names(w) and not any(u.what == w for u in unsupported)]))
            if also:
                found += "; it also names " + ", ".join(also) + ", which foa can compute, in a condition " \
                    "the offline reader did not understand"
            # foa's own indicators named in the rules: the reader missed their condition, so something may remain
            own = found_indicators([m for i in infos if i.located and not i.example for m in i.active if not is_table(m.name)])
            rest = (f"It also names {own}, which foa can compute, but states no condition on them the offline reader "
                    "understood; restate that condition plainly (e.g. 'buy when RSI(14) crosses above 30'), restate the "
                    "rest with foa's indicators (SMA, EMA, RSI, Bollinger bands, MACD, "
                    if own else "Nothing expressible remains to backtest; restate the rule with foa's indicators (SMA, EMA, RSI, "
                    "Bollinger bands, MACD, ")
            raise NoStrategyFound(
                (f"the document states a rule, but it uses what foa cannot express yet: {found}. " if says_entry else
                 # no action word anywhere: the parts are named, never said to be a rule the document states
                 f"no rule foa can read; the document names what foa cannot express yet: {found}. ") + rest
                + "rate of change, ATR, highest/lowest, standard deviation, or a TA-Lib indicator such as ADX, CCI or "
                "the stochastic) or extract with provider='claude'."
            )
        named = _named_gaps([i for i in infos if i.rule_page])
        if named and all(lexicon.gap_names(w) for w, _ in named):
            found = "; ".join(part_phrase(w, "", p) for w, p in named)
            raise NoStrategyFound(
                f"no rule foa can read: the document describes {found}, which foa can compute, but states no "
                f"entry/exit condition on it the offline reader understood{mentions_note(infos)}. Restate the rule as a "
                "comparison (e.g. 'buy when ADX(14) is above 25') or extract with provider='claude'.")
        if named:
            found = "; ".join(part_phrase(w, "", p) for w, p in named)
            raise NoStrategyFound(
                f"no rule foa can express: the document describes {found}, which foa cannot express yet, and no "
                "entry/exit condition on foa's indicators, ranking or buy-and-hold allocation. Restate the rule with "
                "foa's indicators or extract with provider='claude'.")
        seen = found_indicators([m for i in infos if i.located and not i.example for m in i.mentions])
        raise NoStrategyFound(
            "no concrete, tradable rule found (no entry/exit condition on an indicator, no ranking, no buy-and-hold "
            "allocation)" + (f"; the text names {seen} but states no condition on them the offline reader understood" if seen else "")
            + mentions_note(infos) + ". If the document does hold a strategy, state its rule plainly, e.g. 'buy when the 50-day SMA "
            "crosses above the 200-day SMA', or extract with provider='claude'."
        )

    stated_param = any(m.params for rc in reading.rule_comps for m in rc.info.active) or any(
        o.kind == "const" for rc in reading.rule_comps for o in (rc.comp.left, rc.comp.right))
    if not is_ranking and buy_hold_info is None and not stated_param and any(is_tool_menu(i.norm) for i in infos):
        # "this tool lets you test timing models ... the model is invested when the close is above the moving
        # average": a tool's option described without one parameter of its own is no strategy to backtest
        raise NoStrategyFound(
            "the document is a tool's manual describing the models it offers (no window, level or other parameter "
            "of a strategy stated). Describe one strategy with its parameters, e.g. 'buy SPY when the close is above "
            "its 10-month SMA', or extract with provider='claude'.")
    located_pages: dict[int, list[str]] = {}
    for i in inside:
        located_pages.setdefault(i.clause.page, []).append(i.clause.orig)
    if not is_ranking and buy_hold_info is None and commentary_only(["\n".join(v) for v in located_pages.values()]):
        # "we would buy NVDA on a pullback to its 50-day average", "XLE rose 3%": advice and market reports only
        raise NoStrategyFound(
            "the document is market commentary, advice or a disclaimer (what moved, what someone would buy) and "
            f"states no rule of its own{mentions_note(infos)}. If it holds a strategy, state its rule plainly, e.g. 'buy NVDA when it "
            "closes above its 50-day SMA', or extract with provider='claude'.")
    if not is_ranking and buy_hold_info is None and indicator_tutorial("\n".join(i.clause.orig for i in inside)):
        # "Williams %R is an oscillator ... a cross of -80 from below is a buy signal": a lesson on an indicator
        raise NoStrategyFound(
            "the document teaches an indicator (what it is and which signals it gives) but trades nothing: no "
            f"strategy, trade, stop or back-test of its own{mentions_note(infos)}. If a strategy trades those signals, state it, e.g. 'buy "
            "SPY when Williams %R crosses above -80, sell when it crosses below -20', or extract with provider='claude'.")

    rule_sentences = list(dict.fromkeys(rc.info.clause.orig for rc in reading.rule_comps if rc.info.located))
    if not is_ranking and buy_hold_info is None and secondhand_only(rule_sentences, "\n".join(i.clause.orig for i in inside)):
        # "a popular approach is to go long when ...", "suppose you had bought SPY every time ...": a rule reported,
        # put as a case or warned against, which the author never adopts
        raise NoStrategyFound(
            "the document reports a rule without adopting it (what others do or say, a hypothetical case, a warning "
            f"against it or a forecast: \"{_quote(rule_sentences[0], None, 120)}\") and states no rule, trade, stop or "
            f"back-test of its own{mentions_note(infos)}. If it holds a strategy, state its rule plainly, e.g. 'buy SPY when the 9-day EMA "
            "crosses above the 21-day EMA', or extract with provider='claude'.")

    if (not is_ranking and buy_hold_info is None and not any(re.search(r"\d", r) for r in rule_sentences)
            and is_marketing("\n".join(i.clause.orig for i in inside))):
        # "our bot buys the dip when the RSI is oversold ... start your free trial": a product's pitch, no parameter stated
        raise NoStrategyFound(
            "the document is a sales page: it says what a product does (\"" + _quote(rule_sentences[0] if rule_sentences else "", None, 120)
            + "\") but states no window, level or other parameter of a rule. If it holds a strategy, state its rule with its "
            "parameters, e.g. 'buy BTC-USD when RSI(14) drops below 30, sell when it rises above 70', or extract with provider='claude'.")

    if not is_ranking and buy_hold_info is None and orders_commented_out("\n".join(i.clause.orig for i in infos)):
        # "if rsi < 30: print('BUY')  # order_target_percent(...)": the code's orders are switched off
        raise NoStrategyFound(
            "the code places no order: every order call in it is commented out (or sits in a docstring), so its "
            "conditions trade nothing. Uncomment the orders the strategy places, or state its rule plainly, e.g. 'buy when "
            "RSI(14) drops below 30, sell when it rises above 70', or extract with provider='claude'.")

    if not is_ranking and buy_hold_info is None and indicator_script("\n".join(i.clause.orig for i in infos)):
        # "AddChartBubble(IsEngulfing, ...)", "if (r < 30) UpArrow[i] = Low[i]": a chart study's signals draw, they place no order
        raise NoStrategyFound(
            "the code is a chart study (a MetaTrader, thinkScript, NinjaScript or EasyLanguage indicator): its buy and sell "
            "conditions draw arrows, bubbles, colours or alerts and place no order. Trade them in a strategy (OrderSend, "
            "AddOrder, EnterLong, 'buy next bar'), or state the rule plainly, e.g. 'buy when RSI(14) crosses above 30, sell when it crosses "
            "below 70', or extract with provider='claude'.")

    if buy_hold_info is None and research_abstract("\n".join(i.clause.orig for i in inside)):
        # "Abstract: ... we find that past winners outperform losers": a paper's findings, a ranking included, with no
        # method that trades
        raise NoStrategyFound(
            "the document is a research paper's abstract or findings (what the authors found about a kind of rule) and "
            "states no method that trades: no 'we buy ...', holding period or rebalance. If the paper's method section "
            "states the rule, extract from that section, e.g. 'each month, buy the top decile by 12-month return', or "
            "extract with provider='claude'.")

    # ---- leftovers: declared indicators the parsed rules do not use; filters of a short-only side -------
    if direction == "short_only" and short_c and not entry_c:
        short_c += [c for c in side_filters(ctx, reading.loose_comps, short_side=True) if not any(_contains(s, c) for s in short_c)]
    add_leftovers(ctx, res, {"entry": entry_c, "exit": exit_c, "short": short_c, "cover": cover_c}, is_ranking=is_ranking,
                  unsupported=unsupported)

    # ---- templates when a side has indicators but no parsed rule ----------------------------------------
    if direction != "short_only" and not entry_c and not is_ranking and buy_hold_info is None and not reading.hedged:
        entry_c, tmpl_exit = _template(ctx)
        exit_c = exit_c or tmpl_exit
    if direction == "short_only" and not short_c:
        short_c, cover_c = entry_c, exit_c
        entry_c, exit_c = [], []
    elif direction == "short_only" and exit_c and not cover_c:
        # a short-only text's "exit" closes its shorts
        cover_c, exit_c = exit_c, []

    # "a stop at 1.5~2.5 ATR" read as an ATR of 2.5 bars: a condition no engine can compute is listed, and the rest
    # of the rules stay (one unreadable number never refuses the strategy)
    invalid = [c for c in entry_c + exit_c + short_c + cover_c if _invalid(c)]
    exit_dropped = any(c is x for c in invalid for x in exit_c)
    if invalid:
        entry_c, exit_c, short_c, cover_c = ([c for c in cs if all(c is not x for x in invalid)] for cs in (entry_c, exit_c, short_c, cover_c))
        for c in invalid:
            i = next((i for pairs in by_role.values() for x, i in pairs if x is c), None)
            what = f"indicator setting foa cannot compute ({_invalid(c)})"
            if i is not None and not any(u.what == what for u in unsupported):
                unsupported.append(M.Unsupported(what=what, quote=_quote(i.clause.orig, None), page=i.clause.page))
        ctx.assume("a rule whose indicator settings cannot be computed was dropped (listed as unsupported): "
                   + "; ".join(_invalid(c) for c in invalid))
    # the text's own connectives: "buy when A or B" is either; "sell when A and B" needs both
    entry = _joined(entry_c, any_of=False, groups=_connected(spans, "or"))
    exit_ = _joined(exit_c, any_of=True, groups=_connected(spans, "and"))
    short_entry = _joined(short_c, any_of=False, groups=_connected(spans, "or"))
    short_exit = _joined(cover_c, any_of=True, groups=_connected(spans, "and"))
    if entry is None and buy_hold_info is not None:
        entry = M.AlwaysCondition()
    if is_ranking and (isinstance(exit_, M.CompareCondition) or (
            isinstance(exit_, M.AnyCondition) and all(isinstance(c, M.CompareCondition) for c in exit_.of))):
        # a ranking holds what its entry (the filter) admits at each rebalance and never reads an exit: "if its return
        # is negative, hold cash instead" is the filter "return >= 0"
        exit_infos = [i for _, i in by_role.get("exit", []) + by_role.get("exit_long", []) + sells]
        # "if fewer than three have a positive return, the rest goes to cash": the comparison names what is held,
        # the shortfall goes to cash; it is the filter as stated, never its negation
        held = exit_ if exit_infos and all(_SHORTFALL.search(i.norm) for i in exit_infos) else _negated(exit_)
        ctx.assume(f"a ranking's exit is read as its filter: a symbol is held only while {held} "
                   "(checked at each rebalance)")
        entry = held if entry is None else M.AllCondition(of=[entry, held])
        for c, i in by_role.get("exit", []) + by_role.get("exit_long", []) + sells:
            ctx.cite("entry", i, None)
            break
        exit_ = None
    if exit_ is None and direction != "short_only" and not is_ranking:
        # "close trades at the 50 level of the RSI", "exit when the RSI reaches 60": a level of the entry's oscillator
        # the position is closed at, on the side away from the entry's level
        exit_ = _level_exit(entry, [i for i in rule_pages if not i.example], ctx)
    timed = any("max_holding_bars" in i.risk or "max_holding" in i.risk for i in infos)  # "sell 5 days later": the exit is the clock
    # platform code whose orders close by their own stop or target states its exits: none is invented from the entry
    stop_exits = any(_CODE_STOP_EXIT.search(i.clause.orig) for i in rule_pages)
    order = next((i for i in rule_pages if _CODE_STOP_EXIT.search(i.clause.orig)), None)
    if order is not None and not any(i.risk for i in rule_pages) \
            and not any(re.search(r"\bstop|\btarget|\bprofit", u.what) for u in unsupported):
        # "trade.Buy(lot, sym, ask, ask - stopLoss, ask + takeProfit)": a stop and target in the price's own units
        unsupported.append(M.Unsupported(what="stop or target in price units (the code's order line)",
                                         quote=_quote(order.clause.orig, None), page=order.clause.page))
    if exit_ is None and isinstance(entry, M.CompareCondition) and direction != "short_only" and not is_ranking and not timed \
            and not stop_exits:
        exit_ = M.CompareCondition(left=entry.left, op=_FLIP[entry.op], right=entry.right)
        # "sell when it crosses back below", "exit on the opposite cross": the reversal is what the text states
        opposite = next((i for i in rule_pages if not i.example and _states_opposite(i)), None)
        if opposite is not None:
            ctx.assume("exit stated as the opposite of the entry: the entry rule reversed")
            ctx.cite("exit", opposite, None)
            if two_way and direction == "long_only" and "sell" in opposite.roles and not opposite.roles & {"exit", "exit_long"}:
                # "buy when ..., sell when it crosses back" on a currency pair: the sell opens the short side
                direction = "long_short"
        elif exit_dropped or any(i.gaps and i.roles & {"sell", "exit", "exit_long"} for i in rule_pages if not i.example):
            # "exit when the price closes above the previous day's high": stated, but listed as unsupported
            ctx.assume("exit stated only with what the offline reader cannot turn into a rule (listed as unsupported): "
                       "the entry rule reversed")
        else:
            ctx.assume("exit not stated: the entry rule reversed")
    elif exit_ is None and isinstance(entry, M.AllCondition) and direction != "short_only" and not is_ranking \
            and len([c for c in entry.of if isinstance(c, M.CompareCondition) and c.op.startswith("crosses")]) == 1 \
            and any(not i.example and _states_opposite(i) for i in rule_pages):
        # "buy on the cross while the VIX is below 20; sell on the reverse cross": the cross reversed, the filter kept
        # for entries only
        cross = next(c for c in entry.of if isinstance(c, M.CompareCondition) and c.op.startswith("crosses"))
        exit_ = M.CompareCondition(left=cross.left, op=_FLIP[cross.op], right=cross.right)
        ctx.assume("exit stated as the opposite cross: the entry's cross reversed")
        ctx.cite("exit", next(i for i in rule_pages if not i.example and _states_opposite(i)), None)
    elif exit_ is None and entry is not None and not isinstance(entry, M.AlwaysCondition) and direction != "short_only" \
            and not is_ranking and not timed:
        # several conditions have no single reversal: say so rather than hold silently to the end of the data
        ctx.assume("exit not stated: a position is closed only by a stop or target if the text gives one, or at the "
                   "end of the data" if not stop_exits else
                   "the code exits only by the stop or target of its orders: no exit rule (a position closes by the "
                   "stop or target where foa can hold it, by the opposite entry, or at the end of the data)")
    if direction == "long_short" and short_exit is None and short_entry is not None and exit_ is not None \
            and by_role.get("exit") and not by_role.get("exit_long") and not (sells and not short_sells) \
            and not _holds_mirror(exit_):
        # one "Exit:" line beside stated long and short entries closes both sides: a cross or a level mirrored
        # for the short ("RSI crosses above 50" covers on "crosses below 50"), a rule with no mirror kept as it is
        short_exit = _mirror_nested(exit_) if _mirrorable(exit_) else exit_
        ctx.assume("one exit stated for both sides: the short exit is "
                   + ("the exit mirrored" if _mirrorable(exit_) else "the same condition"))
        ctx.cite("short_exit", by_role["exit"][0][1], None)
    if direction != "long_only":
        if short_entry is None and isinstance(entry, M.CompareCondition):
            short_entry = _mirror(entry)
            ctx.assume("short rules not stated apart: the mirror of the long rules")
        elif short_entry is None and isinstance(entry, (M.AllCondition, M.AnyCondition)) and all(
                isinstance(c, M.CompareCondition) or (isinstance(c, M.AnyCondition) and all(isinstance(x, M.CompareCondition) for x in c.of))
                for c in entry.of):
            short_entry = _mirror_nested(entry)
            ctx.assume("short rules not stated apart: the mirror of the long rules")
        if short_exit is None and short_entry is not None and not is_ranking:
            # "short when the RSI crosses below 70; cover when it reaches 30": a level of the short entry's oscillator
            short_exit = _level_exit(short_entry, [i for i in rule_pages if not i.example], ctx, short=True)
        if short_exit is None and isinstance(short_entry, M.CompareCondition) and not stop_exits:
            short_exit = M.CompareCondition(left=short_entry.left, op=_FLIP[short_entry.op], right=short_entry.right)
            ctx.assume("short exit not stated: the short entry reversed")
    if direction == "long_short" and short_entry is None and not is_ranking:
        direction = "long_only"

    # ---- ranking ------------------------------------------------------------------------------------
    ranking = None
    # the last statement wins: texts describe a base rule, then their own variant ("hold it for a week instead")
    rebalance_info = next((i for i in reversed(inside) if i.rebalance), None)
    rebalance = rebalance_info.rebalance if rebalance_info else None
    if is_ranking:
        roc = next((m for m in roc_mentions if "window" in m.params), None) or next(iter(low_vol), None) or next(iter(rank_osc), None)
        by = ctx.ind(roc) if roc else None
        if by is None:
            w = {"monthly": 12, "weekly": 52, "daily": 252}[res.frequency]
            by = M.IndicatorExpr(name="roc", params={"window": w})
            for m in roc_mentions:
                ctx.used.add(id(m))
            ctx.assume(f"momentum lookback not stated: 12 months ({w} {res.frequency} bars) assumed")
        top = explicit_top.ranking if explicit_top else {}
        top_n, top_pct = top.get("top_n"), top.get("top_pct")
        if top_n is None and top_pct is None:
            top_n = 1
            ctx.assume("number of holdings not stated: the single top-ranked asset assumed")
        ascending = (bool(low_vol) and roc in low_vol) or (bool(rank_osc) and bool(re.search(r"\blowest\b", explicit_top.norm)))
        # "buy the 5 stocks with the lowest 1-month return", "hold the three weakest sectors": the low end, lowest first
        ascending = ascending or (roc in roc_mentions and explicit_top is not None and bool(explicit_top.ranking.get("lowest")))
        ranking = M.Ranking(by=by, top_n=top_n, top_pct=top_pct, ascending=ascending)
        ctx.cite("ranking", explicit_top or rank_infos[0], str(top_n or "") or None)
        every = _EVERY_PERIOD.search(explicit_top.norm) if explicit_top is not None and rebalance is None else None
        if every is not None:
            w = every.group(1) or every.group(2)
            w = {"week": "weekly", "month": "monthly", "quarter": "quarterly"}.get(w, w)
            order = ("daily", "weekly", "monthly", "quarterly")
            if order.index(w) >= order.index(res.frequency):
                rebalance, rebalance_info = w, explicit_top
            else:
                rebalance = res.frequency
                ctx.assume(f"rebalance stated {w}, shorter than the {res.frequency} bars the ranking is read on: "
                           f"{res.frequency} used")
        if rebalance is None:
            rebalance = "monthly"
            ctx.assume("rebalance not stated: monthly assumed")
    elif rebalance is not None and buy_hold_info is None and _REVIEW.search(rebalance_info.norm) \
            and not re.search(r"\brebalanc", rebalance_info.norm) and any(
                x.op in ("crosses_above", "crosses_below") for c in (entry, short_entry) if c is not None
                for x in _walk_compares(c)):
        # a crossing rule "reviewed every Friday" checks its rules then; a rebalance would hold each position one
        # period only (a cross is true on one bar), which the text does not say
        ctx.assume(f"positions reviewed {rebalance}: read as when the rules are checked, not a rebalance "
                   f"(the rules are read on every {res.frequency} bar)")
        rebalance, rebalance_info = None, None

    # ---- risk and costs --------------------------------------------------------------------------------
    risk: dict = {}
    for i in rule_pages:
        # a move measured from the entry ("rises 3% above the entry") is a short's stop, a long's target
        short_side = direction == "short_only" or (bool(i.roles) and i.roles <= {"short", "cover"})
        for k, v in (for_short(i.risk) if short_side else {k: v for k, v in i.risk.items() if k != "moved"}).items():
            if k == "max_holding" and is_ranking:
                continue  # "buy the top 2 and hold them for 1 month": the rebalance period of a ranking
            if k == "max_holding":  # "sell a month later": weeks and months in the document's bars
                k, v = "max_holding_bars", bars_of(v[0], v[1], res.frequency)
                if k not in risk and v != i.risk["max_holding"][0]:
                    ctx.assume(f"time exit converted to {res.frequency} bars (21 trading days a month, 5 a week): {v}")
            if k not in risk and k != "atr_trailing":  # an ATR trailing stop is listed as unsupported
                risk[k] = v
                ctx.cite(f"risk.{'atr_stop' if k == 'atr_multiple' else k}", i, None)
    atr_stop = None
    if "atr_multiple" in risk:
        # "N is the 20-day ATR. The stop is placed 2N from entry": the window may sit in a definition
        atr_m = next((m for m, _ in res.mentions if m.name == "atr" and "window" in m.params), None) or next(
            (m for i in infos if not i.example for m in i.donors if m.name == "atr" and "window" in m.params), None)
        atr_stop = M.AtrStop(window=int(atr_m.params["window"]) if atr_m else 14, multiple=risk["atr_multiple"])
        if atr_m is None:
            ctx.assume("ATR window not stated: 14 bars assumed")
    risk_model = M.Risk(stop_loss=risk.get("stop_loss"), take_profit=risk.get("take_profit"),
                        trailing_stop=risk.get("trailing_stop"), atr_stop=atr_stop, max_holding_bars=risk.get("max_holding_bars"))
    costs: dict = {}
    for i in rule_pages:
        for k, v in i.costs.items():
            costs.setdefault(k, v)
            ctx.cite("costs", i, None)
    if not costs:
        # a cost the grammar cannot read ("1 cent a share") is listed, never reported as not stated
        unread = next((i for i in rule_pages if not i.example and costs_stated(i.norm)), None)
        if unread is None:
            ctx.assume("no costs stated: assumed 0")
        else:
            ctx.assume("costs stated but not read: assumed 0 (listed as unsupported)")
            unsupported.append(M.Unsupported(what="costs as stated", quote=_quote(unread.clause.orig, None), page=unread.clause.page))

    # ---- evidence for rules ------------------------------------------------------------------------------
    for field, role_names in (("entry", ("buy",)), ("exit", ("exit", "exit_long", "sell")),
                              ("short_entry", ("short", "sell")), ("short_exit", ("cover",))):
        cond = {"entry": entry, "exit": exit_, "short_entry": short_entry, "short_exit": short_exit}[field]
        if cond is None:
            continue
        # the sentence that states the rule rather than a summary table row restating it
        stated = sorted(((c, i) for r in role_names for c, i in by_role.get(r, [])), key=lambda ci: "|" in ci[1].clause.orig)
        for c, i in stated:
            if _contains(cond, c) or any(_implies(c, x) or _implies(x, c) for x in _walk_compares(cond)):
                ctx.cite(field, i, _number_in(c))
                break
    if buy_hold_info is not None:
        ctx.cite("entry", buy_hold_info, None)
    if tickers:
        ctx.cite("universe.symbols", ticker_info, tickers[0])
    for code, info in signal_on:
        if code in signals_read:
            continue
        # "if SOXX falls 12% from its peak, add": a signal on a market not held, in a rule the reader did not turn into a condition
        unsupported.append(M.Unsupported(what=f"signal read on another instrument ({code})",
                                         quote=_quote(info.clause.orig, None), page=info.clause.page))
    if res.frequency_stated:
        freq_info = res.frequency_info
        if freq_info is not None and not freq_info.located:
            # the frequency's quote comes from the strategy's part when it states one there
            freq_info = next((i for i in inside if i.freq or any("window" in m.params for m in i.active)), freq_info)
        ctx.cite("frequency", freq_info, None)
    if rebalance_info is not None and rebalance is not None:
        ctx.cite("rebalance", rebalance_info, None)
    for m, i in res.mentions:
        if id(m) in ctx.used and m.params:
            ctx.cite(f"indicator.{m.name}", i, None)

    name, summary = _describe(direction, entry, ranking, buy_hold_info is not None, tickers, res.frequency, risk_model)
    if any(u.what in ("intraday bars", "intraday timeframe") for u in unsupported) \
            and "frequency not stated: daily assumed" in ctx.assumptions:
        # the text states its bars: they are shorter than foa's, not missing
        ctx.assumptions[ctx.assumptions.index("frequency not stated: daily assumed")] = (
            "intraday bars stated (listed as unsupported): the rules run on daily bars")
    # an average the rules never use (a title's "moving average crossing" in code that trades an RSI): no note on its type
    if "moving-average type not stated: simple assumed" in ctx.assumptions and not any(
            isinstance(e, M.IndicatorExpr) and e.name == "sma"
            for c in (entry, exit_, short_entry, short_exit) if c is not None for e in _walk(c)) \
            and not (ranking is not None and getattr(ranking.by, "name", None) == "sma"):
        ctx.assumptions.remove("moving-average type not stated: simple assumed")
    # "position size: 10% of equity per trade": a fixed share of equity per position (``sizing.py``)
    sizing = M.Sizing()
    for i in rule_pages:
        frac = None if i.example else fixed_fraction(i.norm)
        if frac is not None:
            sizing = M.Sizing(method="fixed_fraction", fraction=frac)
            ctx.cite("sizing", i, None)
            break
    try:
        spec = M.StrategySpec(
            name=name, summary=summary, universe=M.Universe(symbols=tickers), frequency=res.frequency,
            direction=direction, entry=entry, exit=exit_, short_entry=short_entry, short_exit=short_exit,
            ranking=ranking, rebalance=rebalance, risk=risk_model, costs=M.Costs(**costs), sizing=sizing,
            evidence=ctx.evidence, assumptions=ctx.assumptions,
            unsupported=[u for u in unsupported if not _expressed(u, entry, (entry, exit_, short_entry, short_exit), risk_model)],
        )
    except (ValueError, SpecError) as err:  # the reading could not make a valid spec: never a half-read strategy
        raise NoStrategyFound(
            f"the rules read from the document do not form a valid strategy ({err}); check the document's "
            "wording or extract with provider='claude'"
        ) from err
    # no contradiction, no cross-scale comparison, nothing the engine refuses: mended or refused with why
    fixed = repair(spec)
    if (fixed.direction, fixed.entry, fixed.ranking, fixed.universe.symbols) != (
            spec.direction, spec.entry, spec.ranking, spec.universe.symbols):
        # a repair dropped a short side, a rule or the universe: the headline says what is left
        name, summary = _describe(fixed.direction, fixed.entry, fixed.ranking, buy_hold_info is not None,
                                  list(fixed.universe.symbols), fixed.frequency, fixed.risk)
        fixed = fixed.model_copy(update={"name": name, "summary": summary})
    return fixed


def _code_rx(code: str) -> re.Pattern:
    return re.compile(rf"(?<![\w^$/]){re.escape(code.lower())}(?![\w/])")


def _nearest_signal(norm: str, signals: list[str], traded: list[str], at: int) -> str | None:
    """The signal ticker (of ``signals``) named last before position ``at`` of the clause, if no traded ticker is
    named after it.

    >>> _nearest_signal("go long msft if iwm is over its 150-day sma and msft's rsi(3) is under 15", ["IWM"], ["MSFT"], 19)
    'IWM'
    >>> _nearest_signal("go long msft if iwm is over its 150-day sma and msft's rsi(3) is under 15", ["IWM"], ["MSFT"], 62)
    """
    last = max(((m.start(), code) for code in signals + traded for m in _code_rx(code).finditer(norm, 0, at)), default=None)
    return last[1] if last is not None and last[1] in signals else None


def _named_between(norm: str, code: str, a: int, b: int) -> bool:
    """Whether ``code`` is named in ``norm[a:b]`` (the words between a comparison's subject and its comparator)."""
    return a < b and _code_rx(code).search(norm, a, b) is not None


def _read_on_ticker(norm: str, code: str, end: int) -> bool:
    """Whether a comparison ending at ``end`` of the clause ``norm`` is read on the signal ticker ``code``: the
    ticker is named before the comparison ends ("when DIA closes above its SMA") or right after it as its
    instrument ("above the 200-day SMA of DIA"); a ticker named later starts another comparison.

    >>> _read_on_ticker("buy spy when rsi(2) < 10 and tlt closes above its 50-day sma", "TLT", 24)
    False
    >>> _read_on_ticker("when dia closes above its 150-day sma, buy udow", "DIA", 37)
    True
    >>> _read_on_ticker("buy when the close is above the 200-day sma of dia", "DIA", 43)
    True
    """
    m = re.search(rf"(?<![\w^$/]){re.escape(code.lower())}(?![\w/])", norm.lower())
    if m is None or m.start() < end:
        return True
    return re.fullmatch(r"\s*(?:of|on|for|in)\s+(?:the\s+)?", norm[end:m.start()].lower()) is not None


# an exit stated only as the entry's opposite: "the opposite cross", "when it crosses back under", "crosses below."
_OPPOSITE = re.compile(r"\b(?:opposite|reverse|reversed|contrary|inverse)\s+(?:cross(?:over|ing)?|signal|condition|crossing)\b"
                       r"|\bcross(?:es|ing)?\s+(?:back\s+)?(?:below|under|beneath|down|above|over|up)\s*(?:again\s*)?(?:[.;,!]|$)"
                       r"|\bcross(?:es|ing)?\s+back\b(?!\s+(?:below|under|above|over|through)\s+\S)")


_EXIT_WORD = re.compile(lexicon.alternation(lexicon.ACTIONS["sell"] + lexicon.ACTIONS["exit"] + ("close the position", "close the trade", "get out")))


# what may stand between two comparisons of one rule besides its connective ("A, and if B", "either A or B")
_FILLER = frozenset({"if", "when", "whenever", "the", "its", "it", "also", "both", "either", "then", "as", "long"})
# words that qualify a comparison by another one: both must hold ("A while B", "A unless B", "A provided B")
_BOTH = frozenset({"and", "while", "unless", "provided", "providing", "that", "with", "but", "only"})


def _connective(norm: str, end: int, start: int) -> str | None:
    """How two comparisons of one clause are joined: "or", "and" (also a qualifier: "while", "unless", one
    comparison inside the other's words, "crosses below %D above 80"), or None (other words between them)."""
    if end > start:
        return "and"
    words = re.findall(r"[a-z/]+|[^\sa-z/,]", norm[end:start])
    if any(w not in _FILLER and w not in _BOTH and w not in ("or", "and/or") for w in words):
        return None
    if "or" in words or "and/or" in words:
        return None if any(w in _BOTH for w in words) else "or"
    return "and" if any(w in _BOTH for w in words) else None


def _connected(spans: list, word: str) -> list[list[M.CompareCondition]]:
    """Runs of neighbouring comparisons of one role in one clause joined by ``word`` ("or" / "and")."""
    groups: list[list[M.CompareCondition]] = []
    by_clause: dict[tuple, list] = {}
    for role, cond, info, start, end in spans:
        by_clause.setdefault((role, id(info)), []).append((start, end, cond, info))
    for items in by_clause.values():
        items.sort(key=lambda x: x[0])
        run = [items[0][2]]
        for (s0, e0, _, info), (s1, _, c1, _) in zip(items, items[1:]):
            if _connective(info.norm, e0, s1) == word:
                run.append(c1)
                continue
            if len(run) > 1:
                groups.append(run)
            run = [c1]
        if len(run) > 1:
            groups.append(run)
    return groups


def _joined(conds: list, *, any_of: bool, groups: list[list[M.CompareCondition]]) -> Any:
    """``conds`` combined by the role's default (all of an entry, any of an exit), except the runs the text joins
    the other way: "buy when A or B, and C" is (A or B) and C; "sell when A and B" is A and B."""
    inner: list[Any] = []
    rest = list(conds)
    for g in groups:
        members: list[Any] = []
        for c in g:
            if isinstance(c, M.CompareCondition) and c not in members:
                members.append(c)
        if len(members) > 1 and all(m in rest for m in members):
            rest = [c for c in rest if c not in members]
            node = _combine(members, any_of=not any_of)
            if node is not None:
                inner.append(node)
    base = _combine(rest, any_of=any_of)
    parts = ([base] if base is not None else []) + inner
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    if any_of:
        return M.AnyCondition(of=[x for p in parts for x in (p.of if isinstance(p, M.AnyCondition) else [p])])
    return M.AllCondition(of=[x for p in parts for x in (p.of if isinstance(p, M.AllCondition) else [p])])


_NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "crosses_below": ">=", "crosses_above": "<="}


# where money waits flat: a switch to it is foa's exit itself, no second asset
_FLAT_SIDE = r"(?:cash|the\s+sidelines|safety|money[- ]market|(?:the\s+)?(?:cash|money[- ]market)\s+fund|t-?bills?|bil|sgov|shv)\b"


def _negated(cond: Any) -> Any:
    """What holding requires while an exit does not fire: each comparison negated (a cross below a line is
    "at or above" it), and/or swapped. Takes comparisons joined by and/or."""
    if isinstance(cond, M.CompareCondition):
        return M.CompareCondition(left=cond.left, op=_NEGATE[cond.op], right=cond.right)
    kind = M.AnyCondition if isinstance(cond, M.AllCondition) else M.AllCondition
    return kind(of=[_negated(c) for c in cond.of])


_LEVEL_EXIT_VERB = (r"\b(?:close|closes|closed|closing|exit|exits|exiting|sell|sells|get\s+out|liquidate|flatten|take\s+profits?"
                    r"|book\s+profits?)\b")
_LEVEL_COVER_VERB = r"\b(?:cover|covers|covering|covered|buy\s+back|buys\s+back|close\s+(?:the\s+)?shorts?|exit\s+(?:the\s+)?shorts?)\b"
_LEVEL_AT = re.compile(r"\b(?:at|to|reaches|reach|hits|hit|touches|touch|returns\s+to|gets\s+to|is\s+back\s+(?:at|to))\s+(?:the\s+|its\s+)?"
                       r"(-?\d+(?:\.\d+)?)(?!\.\d)(?![\d%-])(?!\s*(?:%|days?|bars?|sessions?|weeks?|months?|periods?|percent)\b)(?:\s+(?:level|line|mark))?")
# the subject that names the entry's oscillator without its name: "exit when it reaches 70", "once the reading hits 30"
_IT_REACHES = re.compile(r"\b(?:it|its\s+(?:reading|value|line)|the\s+(?:reading|oscillator|indicator|value|line))\s+(?:\w+\s+)?$")
# an exit verb alone before its level: "Exit at 70.", "and sell at 80", "then close the trade at 65"
_BARE_EXIT_AT = re.compile(r"\s*(?:[-*\u2022]\s*)?(?:(?:and|then|,)\s+)*(?:we\s+|you\s+)?(?:" + _LEVEL_EXIT_VERB + "|" + _LEVEL_COVER_VERB
                           + r")(?:\s+(?:the\s+)?(?:trade|position|long|longs|short|shorts))?\s*")
# nothing after the level but the clause's end: never "exit at 2 times the risk", "sell at 70 dollars"
_CLAUSE_END = re.compile(r"\s*(?:level|line|mark)?\s*[.;,!]?\s*")


def _level_exit(entry: Any, infos: list[ClauseInfo], ctx: _Ctx, *, short: bool = False) -> M.CompareCondition | None:
    """An exit at a level of the oscillator the entry compares with a constant: ``>=`` the level when the entry
    opens below it, ``<=`` when it opens above it; None when no clause states one. ``short``: the cover of a short
    entry ("short when the RSI crosses below 70; cover when it reaches 30")."""
    from foa.extract.offline.compare import levelled
    from foa.spec import indicators

    leaves = [c for c in (_walk_compares(entry) if entry is not None else [])
              if isinstance(c.left, M.IndicatorExpr) and isinstance(c.right, M.ConstExpr)]
    for c in leaves:
        try:
            row = indicators.get(c.left.name)
        except Exception:  # an indicator the table does not hold has no bounds
            continue
        # an open oscillator read against levels (the CCI) has no bounds to check the level against
        bounds = row.bounds() or ((-math.inf, math.inf) if levelled(row.name) and row.scale == "unbounded" else None)
        if bounds is None:
            continue
        names = lexicon.alternation(tuple(w.lower() for w in (row.name, *row.aliases) if w))
        for i in infos:
            if not re.search(_LEVEL_COVER_VERB if short else _LEVEL_EXIT_VERB, i.norm):
                continue
            m = _LEVEL_AT.search(i.norm)
            # "sell at the 70 level": a level line named alone in its clause is the entry oscillator's; so is the level
            # "it" reaches ("exit when it hits 70") and a bare one ("Exit at 70.") in a clause naming no indicator
            if m is None or not (re.search(names, i.norm) or (not i.mentions and (
                    re.search(r"(?:level|line|mark)$", m.group(0)) or _IT_REACHES.search(i.norm, 0, m.start())
                    or (_BARE_EXIT_AT.fullmatch(i.norm, 0, m.start()) and _CLAUSE_END.fullmatch(i.norm, m.end()))))):
                continue
            level = float(m.group(1))
            if not bounds[0] < level < bounds[1] or level == c.right.value:
                continue
            op = ">=" if level > c.right.value else "<="
            ctx.assume(f"{'short exit' if short else 'exit'} stated as a level of {c.left.name.upper()}: closed when it reaches "
                       f"{level:g} ({op} {level:g})")
            ctx.cite("short_exit" if short else "exit", i, m.group(1))
            return M.CompareCondition(left=c.left, op=op, right=M.ConstExpr(value=level))
    return None


# "sells all holdings when ...", "sells the position", "sells its shares": a sell of what the long holds closes it
_SELLS_HELD = re.compile(r"\bsell(?:s|ing)?\s+(?:(?:all|the|its|their|our|my|your|any|every|entire|whole)\s+)*"
                         r"(?:holdings?|positions?|shares|stake|everything|longs?)\b|\bsell(?:s|ing)?\s+(?:everything|out)\b")


def _holds_mirror(cond: Any) -> bool:
    """Whether a rule already holds a comparison and its short-side mirror ("exit when it crosses above 100 ... or
    crosses below -100"): the exits of both sides read as one, with nothing left to mirror."""
    leaves = list(_walk_compares(cond))
    return any(_mirror(c) in leaves for c in leaves if _mirror(c) != c)


def _mirrorable(cond: Any) -> bool:
    """Whether every part of a rule is a comparison joined by and/or (what ``_mirror_nested`` can turn around)."""
    if isinstance(cond, M.CompareCondition):
        return True
    return isinstance(cond, (M.AllCondition, M.AnyCondition)) and all(_mirrorable(c) for c in cond.of)


def _mirror_nested(cond: Any) -> Any:
    """The short side's rule: every comparison mirrored, the and/or structure kept."""
    if isinstance(cond, M.CompareCondition):
        return _mirror(cond)
    return type(cond)(of=[_mirror_nested(c) for c in cond.of])


# a signal named as such ("a sell signal", "signals a sell", "sell signal:"), not an instruction to sell a holding
# (a "Sell signal:" label is no such sentence: it may only close the long)
_SIGNAL_OF = {side: re.compile(rf"\bsignal(?:s|ed|led)?\s+an?\s+{side}\b|\b(?:generates?|gives?|issues?|triggers?|produces?|fires?)\s+an?\s+{side}\s+signal\b"
                               rf"|\ban?\s+{side}\s+signal\s+(?:(?:is\s+|will\s+be\s+)?(?:generated|triggered|issued|given)|occurs|when)\b")
              for side in ("buy", "sell")}


def _states_opposite(info: ClauseInfo) -> bool:
    """An exit word, then the entry's opposite with no comparison of its own after the exit word
    ("...; sell when it crosses below.")."""
    m = _OPPOSITE.search(info.norm)
    if m is None or not info.roles & {"sell", "exit", "exit_long"}:
        return False
    words = [w.start() for w in _EXIT_WORD.finditer(info.norm, 0, m.start())]
    return bool(words) and not any(k.start > words[-1] for k in info.comps)


def unsupported_parts(infos: list[ClauseInfo]) -> list[M.Unsupported]:
    """Every rule-like part the DSL cannot hold, once per kind, with the first clause that states it."""
    out: dict[str, M.Unsupported] = {}
    for i in infos:
        for g in i.gaps:
            if g.what not in out:
                out[g.what] = M.Unsupported(what=g.what, quote=_quote(i.clause.orig, None), page=i.clause.page)
    return list(out.values())


def _named_gaps(infos: list[ClauseInfo]) -> list[tuple[str, int]]:
    """What foa cannot express named anywhere in the strategy's pages (a refusal says it), once each."""
    out: dict[str, int] = {}
    for i in infos:
        for g in i.named_gaps:
            out.setdefault(g.what, i.clause.page)
    return list(out.items())


def _expressed(u: M.Unsupported, entry: Any, rules: tuple = (), risk: Any = None) -> bool:
    """A volume multiple the rules did express (volume >= sma(volume) * k) is not a gap, nor is a table
    indicator (ADX, stochastics...) some rule uses, nor a time exit the risk model holds in bars."""
    if u.what == "time-based exit":
        return getattr(risk, "max_holding_bars", None) is not None
    if u.what == "trailing stop":
        return getattr(risk, "trailing_stop", None) is not None
    names = lexicon.gap_names(u.what)
    if names:
        used = {e.name for r in rules if r is not None for e in _walk(r) if isinstance(e, M.IndicatorExpr)}
        return bool(names & used)
    if u.what == "indicator on a price other than the close":  # an average of the typical price the rules do hold
        return any(isinstance(e, M.IndicatorExpr) and isinstance(e.input, M.ArithExpr) for r in rules if r is not None for e in _walk(r))
    if u.what == "volume filter":  # "on above-average volume" where a rule does compare the volume
        return any(isinstance(e, M.PriceExpr) and e.field == "volume" for r in rules if r is not None for e in _walk(r))
    return u.what == "volume multiple" and entry is not None and any(
        isinstance(e, M.ArithExpr) and any(isinstance(x, M.PriceExpr) and x.field == "volume" for x in _walk(e.left))
        for e in _walk(entry))


def _invalid(cond: Any) -> str:
    """What makes a condition uncomputable ("atr window must be a whole number of bars >= 1, got 2.5"), or ''.

    >>> _invalid(M.CompareCondition(left=M.PriceExpr(), op=">", right=M.IndicatorExpr.model_construct(name="atr", params={"window": 2.5})))
    'atr window must be a whole number of bars >= 1, got 2.5'
    """
    from foa.spec.validate import validate_indicator

    for e in _walk(cond):
        if isinstance(e, M.IndicatorExpr):
            try:
                validate_indicator(e)
            except SpecError as err:
                return str(err).split(":")[0]
    return ""


def _says_short(norm: str) -> bool:
    """A "short" that is not negated ("we do not take short positions in the bottom quintile")."""
    from foa.extract.offline.cues import excluded_ranges

    ex = excluded_ranges(norm)
    return any(not any(a <= m.start() < b for a, b in ex) for m in re.finditer(r"\bshort\b", norm))


def _template(ctx: _Ctx) -> tuple[list, list]:
    """Rules for indicators the text names as its signal without a parsed comparison."""
    ms = ctx.res.mentions
    names = {m.name for m, _ in ms}
    mas: list[Mention] = []
    for m, _ in sorted(ms, key=lambda x: x[0].params.get("window", 0)):
        if m.name in ("sma", "ema") and not any(x.name == m.name and x.params == m.params for x in mas):
            mas.append(m)
    close = M.PriceExpr()
    if len(mas) >= 2:
        fast, slow = ctx.ind(mas[0]), ctx.ind(mas[-1])
        ctx.assume("crossover direction not stated: enter when the faster average crosses above the slower")
        return [M.CompareCondition(left=fast, op="crosses_above", right=slow)], [M.CompareCondition(left=fast, op="crosses_below", right=slow)]
    if "bbands" in names or ctx.res.bollinger is not None:
        ctx.assume("band rule not stated: enter below the lower band, exit at the middle band")
        return [M.CompareCondition(left=close, op="<", right=ctx.band("lower"))], [M.CompareCondition(left=close, op=">", right=ctx.band("middle"))]
    if "macd" in names:
        ctx.assume("MACD rule not stated: enter when MACD crosses above its signal line")
        return [M.CompareCondition(left=ctx.macd("macd"), op="crosses_above", right=ctx.macd("signal"))], [
            M.CompareCondition(left=ctx.macd("macd"), op="crosses_below", right=ctx.macd("signal"))]
    if len(mas) == 1:
        e = ctx.ind(mas[0])
        ctx.assume("rule not stated beyond the average: long above it, out below it")
        return [M.CompareCondition(left=close, op=">", right=e)], [M.CompareCondition(left=close, op="<", right=e)]
    rocs = [m for m, _ in ms if m.name == "roc" and "window" in m.params]
    if rocs:
        conds = [M.CompareCondition(left=ctx.ind(m), op=">", right=M.ConstExpr(value=0)) for m in rocs]
        ctx.assume("time-series momentum: long while the return over the lookback is positive")
        return conds, []
    rsis = [m for m, _ in ms if m.name == "rsi"]
    if rsis:
        e = ctx.ind(rsis[0])
        ctx.assume("RSI thresholds not stated: 30/70 assumed")
        return [M.CompareCondition(left=e, op="<", right=M.ConstExpr(value=30))], [M.CompareCondition(left=e, op=">", right=M.ConstExpr(value=70))]
    return [], []


