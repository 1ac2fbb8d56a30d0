"""Stops, profit targets, trailing stops, ATR stops and costs, in the many ways they are written.

Works on normalised clauses ("percent" is already "%"). A negated clause ("no stop loss", "we do
not use a stop") yields nothing.

>>> sorted(risk_of("cut losses at 7% and take profits at +15%").items())
[('stop_loss', 0.07), ('take_profit', 0.15)]
>>> risk_of("exit if price falls 5% below entry")
{'stop_loss': 0.05}
>>> risk_of("risk is capped with a 2x atr stop")
{'atr_multiple': 2.0}
"""

from __future__ import annotations

import re

from foa.extract.offline import lexicon
from foa.extract.offline.lexicon import LOSS_VERBS, PROFIT_VERBS, alternation

__all__ = ["costs_of", "costs_stated", "for_short", "risk_of"]

P = r"[-+]?\s*(\d+(?:\.\d+)?)\s*%"
_STOP_WORD = r"(?:stop[- ]?loss(?:es)?|stop(?:s)?|sl|protective\s+stop|max(?:imum)?\s+loss|loss\s+limit)"
_TP_WORD = r"(?:take[- ]?profits?|profit[- ]?(?:target|taking|objective)s?|tp|target(?:\s+(?:roi|profit|gain|return))?|roi\s+target|limit\s+order)"
_PAID = r"(?:what\s+(?:i|we|you)\s+paid|(?:my|our|your|the)\s+(?:entry|purchase|buy|cost|fill)(?:\s+price)?|(?:the\s+)?(?:entry|purchase)\s+price|cost)\b"
_ADV = r"(?:(?:always|usually|typically|normally|simply|just|only|fixed|kept|a\s+fixed|a\s+flat|a\s+hard)\s+)*"
_NEG = re.compile(r"\b(?:no|not|without|never|don't|doesn't|do not|does not|are excluded|is excluded)\b[^.;]{0,25}\b(?:stop|target|take[- ]profit|profit)")

_TRAIL = [
    re.compile(rf"\btrailing\s+(?:stop(?:[- ]loss)?|sl)\s*(?:of|at|=|:|is|set\s+(?:at|to)|\|)?\s*{P}"),
    re.compile(rf"{P}\s+trailing\s+stop"),
    re.compile(r"\btrailing[_ ]stop(?:_pct|_percent)?\s*[:=]\s*(0?\.\d+)\b"),
    # the verb: "trail the stop 7% below the highest close", "the stop trails the price by 5%", "trail stops at 4%"
    re.compile(rf"\btrail(?:s|ed|ing)?\s+(?:the\s+|your\s+|our\s+|a\s+|its\s+)?stop(?:[- ]?loss)?s?\s+(?:by\s+|at\s+|of\s+)?{P}"),
    re.compile(rf"\bstop(?:[- ]?loss)?\s+(?:is\s+)?trail(?:s|ed|ing)?\s+(?:\w+\s+){{0,3}}?(?:by\s+|at\s+)?{P}"),
    # a fall measured from the best price since the entry: "exit if it falls 8% from its highest close since entry",
    # "drops 10% off the peak reached while in the trade"
    re.compile(rf"\b(?:falls?|fallen|fell|drops?|dropped|declines?|declined|retreats?|retraces?|pulls?\s+back|is\s+down|gives?\s+back)\s+(?:by\s+)?(?:more\s+than\s+)?{P}"
               r"\s+(?:from|below|off|under)\s+(?:the\s+|its\s+|their\s+|a\s+)?(?:highest|peak|high|max(?:imum)?)\w*(?:\s+\w+){0,2}?\s+"
               r"(?:since|while|after|during)\b"),
]
_STOP = [
    re.compile(rf"\b{_STOP_WORD}\s*(?:orders?\s+)?(?:of|at|=|:|is|will\s+be|set\s+(?:at|to)|placed\s+at|\||-)*\s*{_ADV}(?:placed\s+at\s+|set\s+at\s+|at\s+)?{P}"),
    re.compile(rf"{P}\s+(?:\w+\s+){{0,2}}?(?:stop[- ]?loss|stop)\b"),
    # "cut losses at -4%", "cap the loss at 5%", "take a loss of 3%", "limit losses to 6%"
    re.compile(rf"{alternation(LOSS_VERBS)}\s+(?:\w+\s+)?loss(?:es)?\s+(?:at|to|of|when\s+\w+\s+(?:is|are)\s+down)\s+{P}"),
    re.compile(rf"\b(?:exit|sell|close|cover|buy\s+back|get\s+out)\w*\s+(?:\w+\s+){{0,5}}?(?:if|when|once|after)\s+(?:\w+\s+){{0,4}}?(?:falls?|drops?|declines?|loses?|is\s+down|goes\s+down|moves?\s+against\s+(?:you|us|me))\s+(?:by\s+)?(?:more\s+than\s+)?{P}"),
    re.compile(rf"\b(?:price|it|stock|position|trade)\s+(?:\w+\s+){{0,2}}?(?:falls?|drops?|declines?)\s+(?:by\s+)?{P}\s+(?:below|from|under)\s+(?:the\s+|its\s+|our\s+|your\s+)?(?:entry|purchase|buy|cost)"),
    re.compile(rf"\b(?:loss(?:es)?\s+(?:of|exceeds?|reaches?|hits?)\s+|down\s+){P}"),
    re.compile(rf"{P}\s+(?:loss|drawdown\s+from\s+entry)\b"),
    # "a hard stop sits 6% under the purchase price", "the stop is placed 4% beneath our fill"
    re.compile(rf"\b{_STOP_WORD}\s+(?:\w+\s+){{0,3}}?{P}\s+(?:below|under|beneath|from|off)\s+(?:the\s+|our\s+|your\s+|my\s+|its\s+)?(?:entry|fill|purchase|buy|cost)"),
    # "bail out if the trade goes 7% against me": the adverse move in words
    re.compile(rf"\b(?:if|when|once|after)\s+(?:\w+\s+){{0,3}}?(?:goes|moves|runs|is|gets|rises|climbs|falls|drops|travels)\s+(?:more\s+than\s+)?{P}\s+against\s+(?:you|us|me|the\s+position|the\s+trade|it)\b"),
    # "if it falls 10% below what I paid, I'm out": the move measured from the entry, any subject
    re.compile(rf"\b(?:falls?|fallen|fell|drops?|dropped|declines?|declined|slips?|slipped|sinks?|sunk|trades?|goes|gone|gets|is|closes?)\s+(?:down\s+)?(?:by\s+)?(?:to\s+)?{P}\s+(?:below|under|beneath|lower\s+than|from)\s+{_PAID}"),
    # "sell any holding that loses 8%", "stop out of a position once it is down 6%": the loss in a relative clause
    re.compile(rf"\b(?:exit|sell|close|cut|dump|drop|stop\s+out\s+of|get\s+out\s+of)\s+(?:\w+\s+){{0,4}}?(?:that|which|once\s+it|if\s+it|when\s+it)\s+(?:loses|has\s+lost|is\s+down|falls|drops|declines)\s+(?:by\s+)?(?:more\s+than\s+)?{P}"),
    # "stop out at 15%", "get stopped out at 4%"
    re.compile(rf"\bstop(?:ped)?\s+out\s+(?:at|on|after|of)\s+(?:a\s+)?{P}"),
    re.compile(r"\bstop[_ ]?loss(?:_pct|_percent)?\s*[:=]\s*(0?\.\d+)\b"),
]
# a stop placed at a share of a price: "a stop-loss order at 90% of the highest price seen so far" trails 10% under the
# peak; "the stop sits at 95% of the entry price" is 5% under the fill
_AT_SHARE = re.compile(rf"\b(?:{_STOP_WORD}|exit|sell)\s*(?:orders?\s+)?(?:\w+\s+){{0,3}}?(?:at|to|when\s+(?:\w+\s+){{0,2}}?(?:falls?|drops?|reach(?:es)?|hits?)\s+(?:to\s+)?)\s*"
                       rf"{P}\s+of\s+(?:the\s+|its\s+|our\s+|your\s+|my\s+|their\s+)?(?:(highest|peak|max(?:imum)?|high(?:er)?|top|best|running\s+high)\b|{_PAID})")
# config keys in percent: "stop_loss_pct: 4", "takeProfitPercent = 12"; a JSON object {"type": "percent", "value": 3}
_CFG_PCT = re.compile(r"\b(stop[_ ]?loss|sl|take[_ ]?profit|tp|profit[_ ]?target|trailing[_ ]?stop)[_ ]?(?:pct|percent|perc|%)[\"']?\s*[:=]\s*(\d+(?:\.\d+)?)\b(?!\s*%)"
                      r"|\b(stop[_ ]?loss|take[_ ]?profit|profit[_ ]?target|trailing[_ ]?stop)[\"']?\s*[:=]\s*\{[^}]*?%[^}]*?\bvalue[\"']?\s*[:=]\s*(\d+(?:\.\d+)?)")
_BPS = re.compile(r"(\d+(?:\.\d+)?)\s*(?:bps|bp|basis\s+points?)\b")
_TP = [
    # "the profit objective is a 6% gain": an article may stand before the number
    re.compile(rf"\b{_TP_WORD}\s*(?:of|at|=|:|is|set\s+(?:at|to)|\||-)*\s*{_ADV}(?:at\s+|an?\s+)?{P}"),
    re.compile(rf"{P}\s+(?:profit\s+target|take[- ]profit|target|profit)\b"),
    # "take profits at 8%", "book gains at +10%", "lock in profits of 12%", "bank the gain when it is up 9%"
    re.compile(rf"{alternation(PROFIT_VERBS)}\s+(?:\w+\s+)?(?:profits?|gains?)\s+(?:at|of|near|around|when\s+\w+\s+(?:is|are)\s+up)\s+{P}"),
    re.compile(rf"\b(?:exit|sell|close|cover|buy\s+back)\w*\s+(?:\w+\s+){{0,5}}?(?:if|when|once|after)\s+(?:\w+\s+){{0,4}}?(?:gains?|rises?|is\s+up|goes\s+up|climbs?)\s+(?:by\s+)?(?:more\s+than\s+)?{P}"),
    re.compile(rf"\b(?:gain|profit)s?\s+(?:of|reaches?|hits?)\s+{P}"),
    # "our first target sits 9% above entry", "the objective is placed 12% over the fill"
    re.compile(rf"\b(?:target|objective|take[- ]profit)\s+(?:\w+\s+){{0,2}}?{P}\s+(?:above|over|from)\s+(?:the\s+|our\s+|your\s+|my\s+)?(?:entry|fill|purchase|buy|cost)"),
    # "bank the gain once it's up 15%", "lock in profits when the trade is up 20%"
    re.compile(rf"\b(?:bank|lock\s+in|book|realize|realise|take)\s+(?:the\s+|my\s+|our\s+|your\s+|a\s+)?(?:gains?|profits?)\s+(?:once|when|if|after|as\s+soon\s+as)\s+[^.;]{{0,25}}?\bup\s+(?:by\s+)?{P}"),
    # "if it gets to 25% above my entry I sell", "once it trades 12% over what we paid, we exit"
    re.compile(rf"\b(?:rises?|risen|rose|climbs?|climbed|gains?|gained|trades?|goes|gone|gets|is|closes?|runs?|moved?|moves)\s+(?:up\s+)?(?:by\s+)?(?:to\s+)?{P}\s+(?:above|over|higher\s+than)\s+{_PAID}"),
    # "cover once I'm up 12% on the trade", "when we're up 8%": a gain on the position the speaker holds
    re.compile(rf"\b(?:once|when|if|after|as\s+soon\s+as)\s+(?:i'?m|i\s+am|we'?re|we\s+are|you'?re|you\s+are|the\s+(?:trade|position)\s+is)\s+up\s+(?:by\s+)?{P}"),
    # "exit at a 1.5% gain or a 3% loss", "sell once the position has gained 10%" (with an order word in the clause)
    re.compile(rf"\b(?:at|on|after|with|for|upon)\s+(?:an?\s+)?{P}\s+(?:gain|profit|rise|return)\b(?!\s+(?:in|over|during|since|last|this|per|a\s+year|so\s+far))"),
    re.compile(rf"\b(?:has|have|had)\s+(?:gained|risen|climbed|rallied|appreciated|advanced)\s+(?:by\s+)?{P}(?!\s+(?:in|over|during|since|last|this|per|a\s+year|so\s+far|ytd)\b)"),
    # a loss and a gain in one breath: "exit when the position loses 4% or gains 12%", "down 5% from the entry, or up 15%"
    re.compile(rf"\b(?:loses?|lost|is\s+down|down)\s+(?:by\s+)?[-+]?\s*\d+(?:\.\d+)?\s*%(?:\s+(?:from|below|under)\s+{_PAID})?\s*,?\s*"
               rf"(?:or|and)\s+(?:(?:is\s+)?up|gains?)\s+(?:by\s+)?{P}"),
    re.compile(r"\b(?:take[_ ]?profit|profit[_ ]target)(?:_pct|_percent)?\s*[:=]\s*(0?\.\d+)\b"),
]
_ATR = [
    re.compile(r"\b(\d+(?:\.\d+)?)\s*(?:x|times|\*)?\s*(?:the\s+)?(?:\d+\s*-?\s*(?:day|bar|period|week)s?\s+)?(?:atrs?|average\s+true\s+ranges?|n)\b(?:\s*\(\s*(?:n|\d+|\d+\s*-?\s*(?:day|bar|period)s?\s+atr)\s*\))?\s*(?:\w+\s+){0,2}?"
               r"(?:stop|trailing|(?:from|below|under|above)\s+(?:the\s+|my\s+|our\s+|your\s+)?(?:entry|fill))"),
    re.compile(r"\batr\s+stop\s*(?:of|at|=|:)?\s*(\d+(?:\.\d+)?)\b"),
    # "a trailing stop 3 times the 14-day ATR below the highest close"
    re.compile(r"\bstop(?:[- ]loss)?\s*(?:of|at|=|:|is)?\s*(\d+(?:\.\d+)?)\s*(?:x|times|\*)\s*(?:the\s+)?(?:\d+\s*-?\s*(?:day|bar|period|week)s?\s+)?"
               r"(?:atr|average\s+true\s+range)"),
    re.compile(r"\b(?:stop(?:[- ]loss)?|sl)\s*[:=|]\s*(\d+(?:\.\d+)?)\s*(?:x|times|\*)\s*(?:the\s+)?(?:atrs?|n)\b"),
    # "a stop at 2N from entry", "stop 1.5 ATR below the entry": the multiple without "x"
    re.compile(r"\bstop(?:[- ]loss)?\s+(?:at|of|placed\s+at|set\s+at)?\s*(\d+(?:\.\d+)?)\s*(?:x|times|\*)?\s*(?:the\s+)?(?:atrs?|n)\b"
               r"(?:\s*\(\s*(?:\d+|\d+\s*-?\s*(?:day|bar|period)s?\s+atr)\s*\))?\s*(?:from|below|under|above|away)"),    # "Initial stop: 1.5 ATR", "stop loss = 2 ATRs": a stop stated as a number of ATRs and nothing more
    re.compile(r"\b(?:stop(?:[- ]loss)?|sl)\s*(?:[:=]|of|at|is)?\s*(\d+(?:\.\d+)?)\s*(?:x\s*)?(?:atrs?|average\s+true\s+ranges?)\b(?:\s*\(\s*\d+\s*\))?(?=\s*(?:[.;,)]|$))"),
    # "stop at entry minus 2 times the 10-day ATR", "stop = entry - 1.5 x ATR(14)"
    re.compile(r"\bstop(?:[- ]loss)?\s*(?:[:=]|at|is|placed\s+at)?\s*(?:the\s+)?(?:entry|fill|purchase|buy)(?:\s+price)?\s*(?:minus|-|plus|\+)\s*(\d+(?:\.\d+)?)\s*(?:x|times|\*)?\s*(?:the\s+)?"
               r"(?:\d+\s*-?\s*(?:day|bar|period|week)s?\s+)?(?:atrs?|average\s+true\s+ranges?)\b"),
]


def _pct(m: re.Match[str]) -> float:
    v = float(m.group(1))
    return round(v if v < 1 and "%" not in m.group(0) else v / 100, 6)


# "twice the 10-day ATR", "a stop at double the ATR": a multiple in words is the number before the ATR
_ATR_WORD_MULTIPLE = re.compile(rf"\b({'|'.join(lexicon.MULTIPLE_WORDS)})\s+(?=(?:the\s+)?(?:\d+\s*-?\s*(?:day|bar|period|week)s?\s+)?(?:atrs?|average\s+true\s+ranges?)\b)")
_TRAILS = re.compile(r"\btrail(?:s|ed|ing)?\b|\bchandelier\b")
# "trail the stop at 3 ATRs", "an ATR trailing stop": a trailing stop measured in ATRs with no multiple read
_ATR_TRAIL = re.compile(r"\btrail\w*\b(?:[^.;]|\.(?=\d)){0,40}?\b(?:atrs?|average\s+true\s+ranges?)\b|\b(?:atrs?|average\s+true\s+range)\b(?:[^.;]|\.(?=\d)){0,20}?\btrailing\b|\bchandelier\s+(?:exit|stop)")
_R_TARGET = re.compile(rf"\b{_TP_WORD}\s*(?:of|at|=|:|is|\||-)*\s*(\d+(?:\.\d+)?)\s*r\b|\b(\d+(?:\.\d+)?)\s*r\s+(?:profit\s+)?target\b")
# an order word, active or passive ("sell", "is sold", "are closed", "gets stopped out")
_ORDER_WORD = re.compile(r"\b(?:stop|stops|limit|exit|exited|sell|sold|close|closed|cover|covered|liquidated|stopped\s+out|cut|target|take|attain|ensure|risk|bail|bank|lock|book|get\s+out|(?:i'm|i\s+am|we're|we\s+are)\s+out)\b")
_GENERIC = 4  # patterns from this index on (in _STOP and _TP) need an order word in the clause
# patterns that measure a move of the price rather than name a stop or a target: "falls 5% below the entry"
# is a long's stop and a short's target, "rises 8% above what we paid" the other way round
_MOVES = {id(_STOP[3]), id(_STOP[4]), id(_STOP[9]), id(_TP[3]), id(_TP[7])}
# a gain a clause names without the word "target" ("at a 10% gain") is a target only where the whole position is
# closed on it: "take half off at a 10% gain" is a partial exit, "move the stop to breakeven after a 2% gain" a stop
# rule (both listed as unsupported), never a target
_GAIN_ONLY = {id(_TP[9]), id(_TP[10])}
_NOT_A_TARGET = re.compile(r"\b(?:half|part|partial\w*|a\s+third|a\s+quarter|some|portions?|\d+\s*%\s+of\s+(?:the\s+)?(?:position|shares|holding)"
                           r"|break[- ]?even|(?:move|moves|moved|raise|raises|tighten|tightens|adjust|adjusts)\s+(?:the\s+|your\s+|our\s+|my\s+)?stop|trail\w*|scal(?:e|es|ing)\s+out)\b")
_CONFIG = (_STOP[-1], _TP[-1], _STOP[-2])  # config keys (stop_loss_pct: 0.15) are explicit on their own


# platform order calls: AmiBroker ApplyStop(stopTypeLoss, stopModePercent, 8) ("percent" is "%" by now);
# Pine strategy.exit(stop=entry_price * 0.97, limit=entry_price * 1.06)
_APPLYSTOP = re.compile(r"\bapplystop\s*\(\s*stoptype(loss|profit|trailing)\s*,\s*stopmode%\s*,\s*(\d+(?:\.\d+)?)")
_PRICE_X = re.compile(r"\b(stop\w*|loss|sl|limit|profit|take_?profit|tp)\s*=\s*\(?[\w.]*(?:price|close)[\w.]*\)?\s*\*\s*\(?\s*(\d+\.\d+)")
_CALL_KEY = {"loss": "stop_loss", "profit": "take_profit", "trailing": "trailing_stop"}
# a Pine percent input the exit call uses: stopPct = input.float(2.0, "Stop %") / 100 ("pct" is "%" by now)
_INPUT_PCT = re.compile(r"\b(stop[_ ]?loss|stop|sl|take[_ ]?profit|tp|profit[_ ]?target|target|trailing[_ ]?stop|trail)[_ ]?%\s*=\s*input(?:\.float|\.int)?"
                        r"\s*\(\s*(?:defval\s*=\s*)?(\d+(?:\.\d+)?)[^)]*\)\s*(/\s*100\b)?")


def _platform_risk(norm: str) -> dict:
    out: dict = {}
    for m in _INPUT_PCT.finditer(norm):
        v = float(m.group(2))
        v = v / 100 if m.group(3) or v >= 1 else v
        key = "trailing_stop" if m.group(1).startswith("trail") else "stop_loss" if m.group(1).startswith("s") else "take_profit"
        if 0 < v < 1:
            out.setdefault(key, round(v, 6))
    for m in _APPLYSTOP.finditer(norm):
        out.setdefault(_CALL_KEY[m.group(1)], round(float(m.group(2)) / 100, 6))
    for m in _PRICE_X.finditer(norm):
        f = float(m.group(2))
        if f < 1 and m.group(1).startswith(("stop", "loss", "sl")):
            out.setdefault("stop_loss", round(1 - f, 6))
        elif f > 1 and m.group(1).startswith(("limit", "profit", "take", "tp")):
            out.setdefault("take_profit", round(f - 1, 6))
    return out


# a time exit: "sell at the close 5 trading days later", "exit after 10 sessions", "hold it for 3 days"
# "sell when RSI is above 70, or after 10 trading days", "exit any trade after 8 days", "hold for 5 days then
# sell", "a time stop of 12 bars", "maximum holding period: 20 days"
_EXIT_VERB = (r"(?:sell|sells|exit|exits|close|closes|get\s+out|cover|covers|liquidate|flatten"
              # "the position is closed after 10 sessions", "trades are exited 5 bars after the entry"
              r"|(?:is|are|gets|get)\s+(?:closed|sold|exited|liquidated|flattened|covered))")
_BARS = r"(?:trading\s+)?(?:days?|sessions?|bars?|candles?|weeks?|months?)"
_HOLD = r"(?:hold|holds|holding|held|keep|keeps|kept|stay|stays|stayed|remain|remains|remained)"
_TIME_EXIT = re.compile(
    rf"\b{_EXIT_VERB}\b[^.;]{{0,40}}?\b(\d+|an?)\s+{_BARS}\s+(?:later|after\s+(?:the\s+|our\s+)?(?:entry|entering|buying|purchase|the\s+buy|we\s+(?:buy|enter)|(?:it\s+)?(?:was\s+|is\s+)?(?:bought|entered|opened)))\b"
    rf"|\b{_EXIT_VERB}\b[^.;]{{0,60}}?\bafter\s+(?:(?:holding|being\s+held)\s+(?:for\s+)?)?(\d+|an?)\s+{_BARS}(?!\s+(?:of|in\s+a\s+row|below|above|under|over))\b"
    rf"|\bhold(?:s|ing)?\s+(?:(?:it|them|the\s+position|positions?|each\s+(?:trade|position)|the\s+trade|for\s+exactly)\s+)?for\s+(\d+|an?)\s+{_BARS}\b"
    rf"|\b(?:time[- ]?(?:stop|exit|based\s+exit)|max(?:imum)?\s+hold(?:ing)?(?:\s+(?:period|time))?|holding\s+period)\s*(?:of|is|=|:|at)?\s*(\d+)\s+{_BARS}\b"
    # a cap on the time held: "we never hold longer than 10 days", "positions are not kept more than 8 sessions",
    # "stay in a trade no longer than 5 bars", "hold at most 12 days", "a maximum of 20 days per trade"
    rf"|(?:\bnever|\bnot|n't)\s+(?:\w+\s+){{0,3}}?{_HOLD}\s+(?:\w+\s+){{0,4}}?(?:longer|more)\s+than\s+(\d+|an?)\s+{_BARS}\b"
    rf"|\b{_HOLD}\s+(?:\w+\s+){{0,4}}?(?:no|not)\s+(?:longer|more)\s+than\s+(\d+|an?)\s+{_BARS}\b"
    rf"|\b{_HOLD}\s+(?:\w+\s+){{0,4}}?(?:at\s+most|up\s+to|a\s+max(?:imum)?\s+of|max(?:imum)?)\s+(\d+|an?)\s+{_BARS}\b"
    rf"|\b(?:a\s+)?max(?:imum)?\s+(?:of\s+)?(\d+)\s+{_BARS}\s+(?:in\s+(?:a|the|each|any)\s+(?:trade|position)|per\s+(?:trade|position))\b"
    # "exit on the 7th day", "sell at the close of the 5th session": the day counted from the entry
    rf"|\b{_EXIT_VERB}\b[^.;]{{0,30}}?\b(?:on|at|by)\s+(?:the\s+(?:close|open|end)\s+of\s+)?the\s+(\d+)(?:st|nd|rd|th)\s+(?:trading\s+)?(?:day|session|bar|candle)\b(?!\s+(?:of\s+the\s+(?:month|week|year)|after\s+the\s+(?:month|week)))"
    # an exit rule with a time limit OR-ed to it: "take profit at the 20-day SMA, or after 10 days"
    rf"|\b(?:{_EXIT_VERB}|{alternation(PROFIT_VERBS)}\s+(?:\w+\s+)?(?:profits?|gains?))\b[^.;]{{0,100}}?\bor\s+(?:else\s+|otherwise\s+)?"
    rf"(?:at\s+the\s+latest\s+)?after\s+(\d+|an?)\s+{_BARS}(?!\s+(?:of|in\s+a\s+row|below|above|under|over))\b")


def risk_of(norm: str, *, moves: bool = False) -> dict:
    """Risk rules in one clause: stop_loss, take_profit, trailing_stop (fractions), atr_multiple,
    max_holding_bars (a time exit in days/sessions/bars), max_holding ((n, 'w' or 'm'): a time exit in weeks or
    months, for the caller to convert to bars); ``moved`` names the keys read from a price move
    ("falls 5% below the entry") when ``moves`` is set: they swap roles on the short side (``for_short``).

    >>> risk_of("sell at the close 5 trading days later.")
    {'max_holding_bars': 5}
    """
    out = _risk_with_moves(norm)
    return out if moves else {k: v for k, v in out.items() if k != "moved"}


def _risk_with_moves(norm: str) -> dict:
    timed = _TIME_EXIT.search(norm)
    out: dict = _platform_risk(norm)
    if timed and not out:
        g = next(g for g in timed.groups() if g)
        n = 1 if g in ("a", "an") else int(g)
        unit = re.search(r"(week|month)s?\b", norm[timed.start():timed.end()].split(g, 1)[-1])
        if 0 < n <= 1000:
            # days, sessions and bars are bars; weeks and months are converted to the document's bars by the builder
            held = {"max_holding": (n, unit.group(1)[0])} if unit else {"max_holding_bars": n}
            return {**_risk_of(norm[:timed.start()] + norm[timed.end():]), **held}
    if out:
        return out
    return _risk_of(norm)


def _risk_of(norm: str) -> dict:
    out: dict = {}
    for m in _CFG_PCT.finditer(norm):
        key, v = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        k = "trailing_stop" if key.startswith("trail") else "stop_loss" if key.startswith("s") else "take_profit"
        x = float(v)
        if 0 < x < 100:  # "stop_loss_pct: 4" is 4%; "stop_loss_pct: 0.15" is already a fraction
            out.setdefault(k, round(x / 100 if x >= 1 or m.group(3) else x, 6))
    if out:
        return out
    # "hard stop 150 bps", "target 300 basis points": basis points are hundredths of a percent
    norm = _BPS.sub(lambda m: f"{float(m.group(1)) / 100:g}%", norm)
    order_word = bool(_ORDER_WORD.search(norm))
    negated = _NEG.search(norm)
    share = _AT_SHARE.search(norm)
    if share and not (negated and negated.start() < share.start()) and 50 <= float(share.group(1)) < 100:
        out["trailing_stop" if share.group(2) else "stop_loss"] = round(1 - float(share.group(1)) / 100, 6)
        norm = norm[:share.start()] + " " * (share.end() - share.start()) + norm[share.end():]
    for rx in _TRAIL if "trailing_stop" not in out else ():
        m = rx.search(norm)
        if m:
            out["trailing_stop"] = _pct(m)
            break
    rest = norm
    for key, pats in (("take_profit", _TP), ("stop_loss", _STOP)):
        for i, rx in enumerate(pats):
            if i >= _GENERIC and not order_word and rx not in _CONFIG:
                continue
            m = rx.search(rest)
            if m and id(rx) in _GAIN_ONLY and _NOT_A_TARGET.search(rest):
                continue
            if m and "trailing" not in rest[max(0, m.start() - 12):m.start()]:
                if negated and negated.start() < m.start():
                    continue
                v = _pct(m)
                if 0 < v < (5 if key == "take_profit" else 1):
                    out[key] = v
                    if id(rx) in _MOVES:
                        out["moved"] = (*out.get("moved", ()), key)
                    # the words read are spent (the loss of "loses 4% or gains 12%" is still the stop's)
                    a = m.start(1) if rx is _TP[-2] else m.start()
                    rest = rest[:a] + " " * (m.end() - a) + rest[m.end():]
                break
    # "SL 3% / TP 2R": a target in multiples of the risk taken (R) is that multiple of the stated stop
    r_tp = _R_TARGET.search(norm)
    if r_tp and "stop_loss" in out and "take_profit" not in out and not negated:
        out["take_profit"] = round(float(r_tp.group(1) or r_tp.group(2)) * out["stop_loss"], 6)
    if "trailing_stop" in out:
        out.pop("stop_loss", None) if out.get("stop_loss") == out["trailing_stop"] else None
    atr_norm = _ATR_WORD_MULTIPLE.sub(lambda m: f"{lexicon.MULTIPLE_WORDS[m.group(1)]:g} x ", norm)
    for rx in _ATR:
        m = rx.search(atr_norm)
        if m and not (negated and negated.start() < m.start()):
            # an ATR stop that trails the price is not foa's AtrStop (fixed at the entry): it is named apart
            # ("atr_trailing") and listed as unsupported, never approximated by a fixed stop
            trailing = _TRAILS.search(atr_norm[max(0, m.start() - 40):m.end() + 30])
            out["atr_trailing" if trailing else "atr_multiple"] = float(m.group(1))
            break
    if "atr_multiple" not in out and "atr_trailing" not in out and _ATR_TRAIL.search(norm):
        out["atr_trailing"] = 0.0
    return out


def for_short(risk: dict) -> dict:
    """A clause's risk read for a short position: a fall below the entry is its target, a rise its stop.

    >>> for_short(risk_of("cover if the price rises 3% above the entry price.", moves=True))
    {'stop_loss': 0.03}
    """
    moved = risk.get("moved", ())
    out = {k: v for k, v in risk.items() if k != "moved" and k not in moved}
    swap = {"stop_loss": "take_profit", "take_profit": "stop_loss"}
    for k in moved:
        out[swap[k]] = risk[k]
    return out


_FEE_WORD = r"(?:commissions?|fees?|brokerage|(?:transaction|trading|execution)\s+costs?|costs?)"
_SLIP_WORD = r"slippage"
_UNIT = r"(\d+(?:\.\d+)?)\s*(%|bps|bp|basis\s+points?)(?![\w%])"
_GAP = r"(?:(?!slippage|commission|fee)[\w-]+\s+){0,4}?"
# "slippage of 5 bp", "transaction costs are assumed at 2 bp": the word, then its number;
# "0.03% commission", "3 basis points of commission", "6 bp of slippage": the number, then its word
# "commissions at my broker are about 0.05%": a hedge word before the number is no part of the gap
_COST_AFTER = {k: re.compile(rf"\b{w}\s*(?:[:=]\s*)?{_GAP}(?:of|at|=|:|are|is|to)?\s*"
                             rf"(?:(?:about|around|roughly|approximately|approx\.|some|~)\s*)?{_UNIT}")
               for k, w in (("fees", _FEE_WORD), ("slippage", _SLIP_WORD))}
_COST_BEFORE = {k: re.compile(rf"{_UNIT}\s+(?:of\s+|in\s+|for\s+)?(?:the\s+)?{w}\b")
                for k, w in (("fees", _FEE_WORD), ("slippage", _SLIP_WORD))}
_ROUND_TRIP = re.compile(r"^[^.;]{0,25}?\bround[- ]?(?:trip|turn)\b")
_ROUND_TRIP_BEFORE = re.compile(r"\bround[- ]?(?:trip|turn)\s+(?:\w+\s+)?$")
# "commission: $5 per order", "a $7 fee per trade": a fixed amount per order
_FIXED_FEE = re.compile(r"\b(?:commissions?|fees?|brokerage)\s*(?:of|:|=|is|are)?\s*(?:a\s+(?:flat\s+|fixed\s+)?)?\$\s*(\d+(?:\.\d+)?)\s*(?:per|a|an|each|/)\s*(?:order|trade|side|fill|transaction|execution)"
                        r"|\$\s*(\d+(?:\.\d+)?)\s+(?:flat\s+|fixed\s+)?(?:commissions?|fees?)\s+(?:per|a|an|each|/)\s*(?:order|trade|side|fill|transaction|execution)")
# Pine's strategy() header: its commission type (percent, "%" once normalised, or cash per order) and value
_PINE_COMMISSION = re.compile(r"commission_type\s*=\s*strategy\.commission\.(%|cash_per_order)[^)]*?commission_value\s*=\s*(\d+(?:\.\d+)?)"
                              r"|commission_value\s*=\s*(\d+(?:\.\d+)?)[^)]*?commission_type\s*=\s*strategy\.commission\.(%|cash_per_order)")


def costs_of(norm: str) -> dict:
    """Fees and slippage stated as % or basis points (per side: a round trip is halved) and a fixed fee per
    order; a Pine ``strategy()`` commission is read too.

    >>> costs_of("we assume 6 bp of slippage and 0.05% commission per side.")
    {'fees': 0.0005, 'slippage': 0.0006}
    >>> costs_of("fees of 20 bps round trip; commission: $7 per order.")
    {'fees': 0.001, 'fixed_fee': 7.0}
    """
    out: dict = {}
    pine = _PINE_COMMISSION.search(norm)
    if pine:
        kind, v = (pine.group(1), pine.group(2)) if pine.group(1) else (pine.group(4), pine.group(3))
        if kind == "%":
            out["fees"] = round(float(v) / 100, 8)
        else:
            out["fixed_fee"] = float(v)
    for key in ("fees", "slippage"):
        hits = [m for rx in (_COST_AFTER[key], _COST_BEFORE[key]) for m in [rx.search(norm)] if m]
        if not hits or key in out:
            continue
        m = min(hits, key=lambda h: h.start())
        v = float(m.group(1))
        frac = v / 100 if m.group(2) == "%" else v / 10_000
        if key == "fees" and (_ROUND_TRIP.search(norm[m.end():]) or _ROUND_TRIP_BEFORE.search(norm[:m.start()])):
            frac /= 2  # foa's fees are per side
        if 0 < frac < 1:
            out[key] = round(frac, 8)
    fixed = _FIXED_FEE.search(norm)
    if fixed and "fixed_fee" not in out:
        out["fixed_fee"] = float(fixed.group(1) or fixed.group(2))
    return dict(sorted(out.items()))


_COST_STATED = re.compile(r"\b(?:commissions?|fees?|slippage|brokerage|(?:transaction|trading|execution)\s+costs?)\b(?:[^.;]|\.(?=\d)){0,40}?\d"
                          r"|\d(?:[^.;]|\.(?=\d)){0,25}?\b(?:commissions?|fees?|slippage|brokerage)\b")
_NO_COSTS = re.compile(r"\b(?:no|zero|without|free\s+of)\s+(?:\w+\s+)?(?:commissions?|fees?|slippage|costs?)\b|\b(?:commission|fee)[- ]free\b")


def costs_stated(norm: str) -> bool:
    """Whether a clause states a cost with a number (read or not): "commission of 1 cent a share" is stated,
    so "no costs stated" would be false.

    >>> costs_stated("commission is 1 cent per share."), costs_stated("we ignore commissions.")
    (True, False)
    """
    return bool(_COST_STATED.search(norm)) and not _NO_COSTS.search(norm)
