"""Reading a document: clauses with their mentions, roles, comparisons, risk and ranking phrasing, and
which mentions are rules (not examples, negations, advice or definitions).

>>> from foa.documents.model import Document
>>> r = read(Document.from_text("Buy SPY when the 50-day SMA crosses above the 200-day SMA."))
>>> [(c.role, c.comp.op) for c in r.rule_comps]
[('buy', 'crosses_above')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from foa.extract.offline import bars, cues, foreign, lexicon, unsupported
from foa.extract.offline.code import CodeVars, ConfigNames
from foa.extract.offline.code_read import looks_like_code, read_code
from foa.extract.offline.locate import locate_strategy
from foa.extract.offline.conditions import FLIP
from foa.extract.offline.compare import Comparison, Operand, compared_pair, comparisons, levelled, side_answer
from foa.extract.offline.mentions import UNIT, Mention, attach_loose_params, find_mentions
from foa.extract.offline.settings import SettingNames
from foa.extract.offline.risk import costs_of, risk_of
from foa.extract.offline.signals import LINES as SIGNAL_LINES, signal_comparisons
from foa.extract.offline.text import Clause, clauses_of, relative_levels, repeated_lines
from foa.extract.offline.universe import frequency_cues, ranking_of, rebalance_of

__all__ = ["ClauseInfo", "Reading", "RoleComp", "read"]

_CALC_STEP = re.compile(r"^\W*(?:\d+[.)]\s*)?(?:(?:once|every|each|at|on|in)\s+[\w -]{0,40}?(?:,\s*|\s+))?(?:calculate|compute|compare|measure|track|look\s+at|use|using|apply|check|determine|rank|sort|select|pick|find|momentum\s+score)\b"
                        r"|^\W*(?:the\s+)?(?:ranking\s+|momentum\s+)?score\s*(?:=|:|is)"  # "# score = 6-month return": what a ranking sorts on
                        # a slide's "- Signal: 6-month total return", "Ranked by: 12-month return": the ranking's measure
                        r"|^\W*(?:(?:ranking|selection)\s+)?(?:signal|ranking|ranked\s+by|sorted\s+by|rank\s+by|selection)\s*[:=]")
# a heading that only names a side: "SHORT:", "Long side", "Short trades:", "Shorts"
_BARE_SIDE = re.compile(r"^\W*(long|short)s?(?:\s+(?:side|trades?|setups?|positions?|rules|signals?))?\s*:?\W*$")
_RULE_SECTION = re.compile(r"\b(?:rules?|strateg\w*|signals?|entry|entries|exit|logic|how\s+it\s+works|setup|conditions?|system|plan|selection|explanation|config\w*|parameters?|settings?|indicators?|inputs?)\b")
_DECLARE = re.compile(r"\bindicators?\b")
# "The rules are simple:", "Trading rules:", "Entry conditions are as follows:": a rules list follows
_RULES_WORD = re.compile(r"\b(?:rules?|conditions)\b")
_RULES_INTRO = re.compile(r"\b(?:rules?|conditions)\b[^.:;]{0,30}:\s*$|\b(?:rules?|conditions)\s+(?:are|is)\s+(?:as\s+follows|simple|these)\b")
_RULE_TALK = re.compile(r"\b(?:strateg\w*|rules?|setups?|trading\s+system|signals?|entry|entries|exits?|longs|shorts)\b")
# "buys (sells)", "positive (negative)": a paired alternative that makes the rule long/short
_ALT = re.compile(r"\s*\((?:sell|sells|selling|short|shorts|shorting|negative|below|under|lower|bearish|down)\)")
# "Entry (short): ...", "| Exit (long) | ...": a label naming its side, read by cues.label_role
_SIDE_LABEL = re.compile(r"^[\W_]*(?:entry|entries|enter|exit|exits|close|signal|rule|rules)\s*\((?:long|short|buy|sell)\)\s*[:=|]")
_SIGN = re.compile(r"^\W*(?:position|signal|weight|w|pos)\w*\s*=\s*sign\s*\(")
# "score s_i = p_i,t / p_i,t-126 - 1": a formula that defines what the rules use
_SUB_DEF = re.compile(r"\b[a-z]\w*_\{?[a-z0-9,]+\}?\s*=(?!=)")
# a bullet or numbered list item, or a numbered rule ("Rule 1: ...", "Condition #2 -")
_ITEM_LINE = re.compile(r"^\s*(?:[-*+\u2022]|\d+[.)])\s|^\W*(?:rule|condition|criterion|filter|step|stage|phase)\s*#?\d+\s*[:.)-]", re.I)
# a gate on every trade: "only trade when ...", "we take trades only if ...", "entries are only taken when ..."
_ENTRY_GATE = re.compile(r"\bonly\s+(?:trade|take\s+(?:trades|positions|signals|entries)|enter)\s+(?:when|if|while|whenever)\b"
                         r"|\b(?:trade|take\s+(?:trades|positions|signals|entries)|enter)\s+only\s+(?:when|if|while|whenever)\b"
                         r"|\b(?:trades|positions|signals|entries)\s+(?:are|will\s+be)\s+only\s+(?:taken|allowed|placed|opened)\b")
_SYSTEM_TITLE = re.compile(r"^\W*(?:trading\s+)?(?:system|strategy|model)\s*#?\s*(?:\d+|[ab]|one|two|three|i{1,3})\s*(?:[:.)\u2013\u2014-]|$)")
# a sentence cut by a page break: no full stop, a word that needs more after it
_CUT = re.compile(r"\b(?:and|or|the|a|an|its|while|when|if|with|but|than|of|above|below|is|are|plus)\s*$", re.I)
_COMPARES = re.compile(r"\bcompar(?:e|es|ed|ing)\b")
# a count of assets, not a level of an indicator: "fewer than 3 sectors", "less than 2 of the funds", "only 1 ETF"
_COUNT = re.compile(r"\b(?:fewer|less|more)\s+than\s+\d+\s+(?:of\s+(?:the|them|these)\s+)?(?:[\w-]+\s+)?"
                    r"(?:funds?|sectors?|etfs?|stocks?|assets?|names|markets?|securities|holdings|positions|candidates|of\s+them)\b")
# a list line or clause that goes on with the one above it ("- and the RSI is above 85", "or, when ...")
_CONTINUATION = re.compile(r"^\W*(?:and|or|but|plus|also|&|as\s+well\s+as|together\s+with)\b")
_ITEM = re.compile(r"^\s*(?:\d+[.)]|[a-z][.)])\s")
# a stop order that protects a position: "open a short position and then place a buy-stop above the 10-day SMA",
# "after buying, put a sell stop under the 50-day EMA", "a buy stop above it could be part of an exit strategy"
_STOP_ORDER = re.compile(r"\b(buy|sell)(?:[- ]to[- ]cover)?[- ]stops?(?:[- ]orders?)?\b(?!\s+(?:entry|entries)\b)")
_PROTECTS = re.compile(r"\b(?:exit\s+(?:strategy|plan|order)|protect\w*|close\s+out|to\s+exit|to\s+cover|covers?|stop\s+(?:out|the\s+loss)|limit\s+(?:the\s+)?loss\w*)\b")
_STOP_PHRASE_END = re.compile(r"[,;.:]|\b(?:and|if|when|so|which|because|but)\b")
_CLOSING_ROLES = {"short": {"cover"}, "buy": {"sell", "exit", "exit_long"}}  # the rules before closed that side's position
# "pending buy stop and sell stop orders", "a buy stop to enter": stop orders that open the trade
_OPENING_ORDER = re.compile(r"\bpending\b|\bentry\s+orders?\b|\bto\s+(?:enter|open|get\s+in)\b")
_PROTECTIVE_GAP = lexicon.Gap("protective stop order at a price or indicator level (a buy-stop over a short, a sell-stop under a long)", "", "rule")
# "If it is trading above, stay invested; if the market is trading below, sell": a side with its object left out after
# a sentence that named one average is a side of that average (the reader adds the "it" the prior-line rule resolves)
_SIDE_NO_OBJECT = re.compile(r"\b(?:it|the\s+(?:market|price|index|stock|close|fund|etf|share\s+price))\s+(?:is\s+|stays\s+|remains\s+)?"
                        r"(?:trading|trades|closes|closed|is|moves|moved|falls|fell|drops|dropped|rises|rose|goes|went)\s+"
                        r"(?:above|below|under|over|beneath)(?=\s*(?:[,;.]|then\b|$))")
# "we watch whether the market trades above or below this SMA": both sides named at once state no condition
_EITHER_SIDE = re.compile(r"\b(?:above|over)\s+or\s+(?:below|under|beneath)\b|\b(?:below|under|beneath)\s+or\s+(?:above|over)\b")
_OTHER_IND = re.compile(r"\b(?:rsi|sma|ema|wma|ma|macd|cci|adx|roc|atr|mfi|willr|stoch\w*|bollinger|average|band|momentum|%[kdr])\b")
_NOT_INTRADAY = re.compile(r"\b(?:cannot|can't|can\s+not|don't|do\s+not|won't|no\s+need\s+to|instead\s+of|rather\s+than|not)\s+"
                           r"(?:\w+\s+){0,3}?(?:the\s+|a\s+)?(?:\d+\s*-?\s*(?:minutes?|mins?|hours?|hr)|intraday|hourly)\b"
                           r"|\b(?:daily|end[- ]of[- ]day)\s+(?:chart|bars?|candles?|timeframe)\s+(?:is|are)\s+(?:the\s+)?(?:natural|better|best|right|preferred)\b")
_IBS_WORD = re.compile(r"\b(?:ibs|internal\s+bar\s+strength)\b")
_IT_READS = re.compile(r"\bit(?:'s|\s+(?=(?:is|was|reads|closes|rises|climbs|falls|drops|moves|goes|gets|crosses|exceeds|tops|hits|reaches)\s))\s*")
# a sentence of prose on a page of code: a capital, words, no code punctuation, a full stop
_PROSE_SENTENCE = re.compile(r"^[A-Z][^;{}=<>\[\]]*\s[^;{}=<>\[\]]*\s[^;{}=<>\[\]]*[.!?]$")
# a thematic break after a blank line ("---", "***", "___"): a forum reply or a new part of the page starts, and a
# rules heading above it no longer gives its side to the lines below (under a title line it is the title's underline)
_BREAK = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$")
# "let $F_t$ be the 20-day average of closes": a formula variable that later rules compare
_BIND = re.compile(r"\blet\s+\$?\\?([a-z])(?:_\{?[a-z0-9+-]+\}?)?\$?\s+(?:denote|be|represent|equal)")
# "RSI under 25 = buy", "RSI(5) above 80 -> sell short": the action written after its condition
_POSTFIX = re.compile(r"\s*\)?\s*(?:=>?|->|:|,?\s*then|\s(?:triggers?|generates?|gives?|produces?|fires?)\s+(?:a|an|the|our|my)\s+(?:new\s+)?"
                      r"|\s(?:means?|meaning)\s+(?:(?:we\s+)?(?:go|are|be|being|stay)\s+)?)\s*(?:go\s+)?"
                      # (never the action of the next rule: ", then sell when it goes above 70")
                      r"(buy|sell\s+short|short|sell|long|exit|cover|(?:close|flat|flatten)(?=\s*(?:[.;,!]|$)))\b(?!\s+signals?\b)(?!\s+(?:\w+\s+)?(?:when|whenever|if|once|as\s+soon\s+as|after)\b)")
_POSTFIX_ROLE = {"buy": "buy", "long": "buy", "sell short": "short", "short": "short", "sell": "sell", "exit": "exit", "cover": "cover",
                 "close": "exit", "flat": "exit", "flatten": "exit"}
# a config naming its strategy: "strategy: ema_cross", "name: sma_crossover", "type": "macd_cross"
_CFG_CROSS = re.compile(r"^\W*(?:strategy|name|type|strategy_name|signal|entry)[\"']?\s*[:=]\s*[\"']?(sma|ema|ma|moving_average|macd)[_ -]?cross(?:over)?s?\b")
# the answer to a question that states a condition: "If yes, we are fully invested", "If so, buy"
# "check whether SPY closed above its 40-week average": a question put indirectly, answered by "If it did, ..."
_WHETHER = re.compile(r"\b(?:whether|check\s+if|see\s+if|ask\s+if)\b")
_IF_YES = re.compile(r"^\W*(?:if|when)\s+(?:yes|so|it\s+(?:does|is|did|was|has)|they\s+(?:do|are|did|were)|true|the\s+answer\s+is\s+yes)\b")
# "Is a golden cross bullish? It is often described as bullish": a question asks, it states no rule; its
# comparisons wait for an answer that makes them one ("If yes, we are in")
# the action of a sentence put as a question after its condition: ", is it time to buy?", ", should you sell?"
_ASKED_ACTION = re.compile(r"[,;:]\s*(?:then\s+)?(?:is|are|should|would|could|can|do|does|shall|will|must)\s+(?:it|this|that|i|we|you|one|they|traders?)\b[^,;.!?]*\?\s*$")
_ASKS = re.compile(r"(?:^|(?<=[.!?:]\s))[\W_]*(?:is|are|does|do|did|can|could|should|will|would|what|how|why|which|who)\b(?:[^?.!;]|\.(?=\d))*\?")
_INLINE_DECL = re.compile(r"^\W*(?:inputs?|parameters?|params|settings?)\s*[:=]")  # "Inputs: Length (default 30), ..."
_DEFAULT_ONLY = re.compile(r"^\W*default(?:\s+value)?\s*(?:is|:|=)?\s*(\d+(?:\.\d+)?)\W*$")
_IF_LINE = re.compile(r"^\W*(?:if|elif|else\s+if|when)\b.*(?:[):]|\bthen)\s*$")
# a line of code: a comment, or a line with code punctuation ("tp = close * 1.003", "{", "f(x);")
_CODE_LINE = re.compile(r"^\s*(?://|#|/\*|\*)|[=;{}()]")
# "All of the above -> buy", "All three conditions: go long": the listed conditions named as one, then the action
_ALL_ABOVE = (r"all\s+(?:of\s+)?(?:the\s+)?(?:\d+\s+|two\s+|three\s+|four\s+|five\s+|six\s+)?(?:above|these|those|them|listed|"
              r"(?:above\s+|listed\s+)?(?:rules?|conditions?|criteria|filters?|checks?)(?:\s+above)?)\s*(?:->|=>|=|:|,)\s*(?:then\s+)?")
# the line that acts on conditions stated before it says what to do: "Buy on the close.", "- Then we go long",
# "Enter at the next open" (not "momentum buy signals are failing", which names a signal)
_ACTS = re.compile(r"^[\W_]*(?:(?:action|actions|then|trade|execution|(?:step|stage|phase)\s*#?\s*\d+)\s*[:.)=\u2013\u2014-]\s*)?"
                   # "If 1-4 are true, then buy", "When all three are met, go long": the conditions referred back to
                   r"(?:(?:if|when|once|as\s+soon\s+as|after)\s+[^,;]{0,40}?\b(?:true|met|satisfied|fulfilled|occurs?|occurred|happens?|happened|took\s+place|the\s+case|aligned|present|in\s+place|hold|holds|apply|applies|agree|line\s+up)\b,?\s+)?"
                   r"(?:" + _ALL_ABOVE + r")?"
                   r"(?:(?:and\s+|then\s+|so\s+|if\s+(?:so|yes),?\s+)*(?:(?:we|i|you|they|the\s+(?:system|strategy|model|algorithm|bot|ea))\s+"
                   r"(?:will\s+|would\s+|then\s+|can\s+|should\s+|simply\s+)*)?)"
                   r"(?:buy|buys|sell|sells|short|shorts|go|goes|enter|enters|exit|exits|cover|covers|close|closes|take|takes|open|opens|"
                   r"get|gets|hold|holds|own|owns|accumulate|purchase|purchases|place|places|initiate|initiates|long|flat|stay|stays|"
                   r"move|moves|switch|switches|liquidate|liquidates|invest|invests|allocate|allocates|re-?enter|rotate|rotates)\b|^[\W_]*(?:buy|sell|long|short|entry|exit)\b")
# "once every listed condition is true, we purchase": an action line that names the conditions above it as met
_MET = (r"(?:if|when|once|as\s+soon\s+as)\s+(?:all|both|each|every|these|those|the|all\s+(?:of\s+)?(?:the\s+)?)\s*(?:\d+\s+)?"
        r"(?:of\s+)?(?:the\s+|these\s+)?(?:above\s+)?(?:rules?|conditions?|criteria|criterion|requirements?|filters?|steps?)?\s*"
        r"(?:(?:above|listed|mentioned|stated)\s+)?(?:(?:are|is|have\s+been|get)\s+(?:all\s+)?(?:true|met|satisfied|fulfilled|present|in\s+place)"
        # "if all three rules hold", "when the four filters agree", "once these conditions line up"
        r"|(?:all\s+)?(?:hold|holds|apply|applies|agree|line\s+up|align|are\s+aligned))\b")
# "Once that has happened, we buy", "When this occurs, go long": the condition before referred back to as an event
_HAPPENED = (r"(?:if|when|once|as\s+soon\s+as|after)\s+(?:that|this|it|so)\s+(?:has\s+|have\s+|finally\s+)?"
             r"(?:happens?|happened|occurs?|occurred|is\s+the\s+case|takes\s+place|took\s+place|is\s+true|holds)\b")
_BACKREF = re.compile(r"^[\W_]*(?:" + _MET + "|" + _HAPPENED + "|" + _ALL_ABOVE + r"(?=(?:we\s+|i\s+|you\s+)?(?:buy|sell|short|go|enter|exit|cover|purchase|long)\b))")
# "enter long at the close when both are true", "we buy at the open once all of these conditions are met": the
# same reference standing after the action
_BACKREF_AFTER = re.compile(r"[\s,]" + _MET)
# "Long trades require two conditions.", "To go short, the following conditions must be met:": a side announcing the
# conditions that follow it
_ANNOUNCE = re.compile(r"\b(?:requires?|required|needs?|must\s+(?:meet|satisfy|fulfil\w*)|has\s+to\s+meet|(?:only\s+)?(?:when|if|once))\s+"
                       r"(?:(?:all\s+)?(?:the\s+following|these|all|both|two|three|four|five|\d)\s+)(?:\w+\s+)?(?:conditions?|criteria|things|requirements|rules|filters)\b"
                       r"|\b(?:the\s+following|these|two|three|four|five|\d)\s+(?:conditions|criteria|requirements|rules)\s+(?:must|have\s+to|need\s+to|should)\s+(?:be\s+)?(?:met|true|hold|satisfied|fulfilled)\b")
# the role named as a noun: "entry", "long trigger", "sell signal", "short entry" (the side first, then the kind)
_ROLE_NOUN = (r"(?:(?P<side>long|short|buy|sell)\s+)?(?P<noun>entry|entries|exit|exits|buy|sell|short|long|trigger)"
              r"(?:\s+(?:signal|signals|trigger|rule|rules|condition|conditions|setup|criteria|point))?")
# "The entry signal:", "My exit rule:", "Our long setup -": a label led by an article or a possessive
_OWN_LABEL = re.compile(rf"^[\W_]*(?:the|my|our|your)\s+{_ROLE_NOUN}"
                        # "The buy rule is simple: ...", "My exit rules are as follows -"
                        r"(?:\s+(?:is|are)\s+(?:(?:very|quite|pretty|really)\s+)?(?:simple|easy|straightforward|as\s+follows|this|these|the\s+following))?"
                        r"(?:\s*[:=]|\s+[-\u2013\u2014]\s)")
# "The entry trigger is RSI(2) below 10", "Our exit rule is the close dropping under the 10-day SMA": the label as the
# subject of "is", the condition after it
_OWN_IS = re.compile(rf"^[\W_]*(?:the|my|our|your)\s+{_ROLE_NOUN}\s+(?:is|are|will\s+be|becomes)\s+(?!(?:made|taken|placed|done|executed|"
                     r"entered|filled|simple|easy|similar|the\s+(?:same|opposite|reverse|mirror)|(?:not|never|less|more|much)\b))")
# "My trigger for a long is ...", "The signal for going short is ...": the label's side named after "for"
_OWN_FOR_IS = re.compile(r"^[\W_]*(?:the|my|our|your)\s+(?:trigger|signal|setup|condition|rule|criterion|cue)\s+(?:for|to)\s+"
                         r"(?:an?\s+|the\s+)?(?P<w>going\s+long|going\s+short|go\s+long|go\s+short|entering|entries|entry|enter|exiting|exits?"
                         r"|buying|buy|selling|sell|shorting|longs?|shorts?)(?:\s+(?:trades?|positions?|entries|signals?))?\s+"
                         r"(?:is|are|will\s+be|becomes)\s+(?!(?:explained|described|shown|given|discussed|covered|below|above|not|never|simple|easy|"
                         r"similar|the\s+(?:same|opposite|reverse|mirror))\b)")
_FOR_IS_ROLES = {"going long": "buy", "go long": "buy", "entering": "buy", "entries": "buy", "entry": "buy", "enter": "buy",
                 "buying": "buy", "buy": "buy", "long": "buy", "longs": "buy", "going short": "short", "go short": "short",
                 "shorting": "short", "short": "short", "shorts": "short", "exiting": "exit", "exit": "exit", "exits": "exit",
                 "selling": "sell", "sell": "sell"}
# "... is the entry", "... is our long trigger", "... as my sell signal" (a signal is "a buy signal" in a tutorial,
# never the author's)
_IS_ROLE = re.compile(rf"\b(?:is|are|as|becomes?|marks?)\s+(?:(?:my|our)\s+{_ROLE_NOUN}|the\s+(?:(?P<side2>long|short)\s+)?(?P<noun2>entry|exit))"
                      r"\b(?!\s+(?:price|level|point|of\s+the|of\s+an?|for\s+(?:many|most|some)))")
# "The 8 EMA crosses above the 21 EMA. That is my entry.": the stated condition's role in the next sentence
# "For short positions, the exit signal is ...", "For longs: sell when ...": the side named first gives the roles after
# it their side (never "for shorts, the reverse", a mirror the short cues read)
_FOR_SIDE = re.compile(r"^\W*for\s+(?:the\s+|a\s+|any\s+|all\s+|open\s+)?(long|short)s?(?:\s+(?:positions?|trades?|side|entries|setups?|sales?))?"
                       r"\s*[,:;-](?!\s*(?:\w+\s+){0,4}?(?:the\s+|its\s+)?(?:reverse|opposite|inverse|mirror|converse)\b)")
_ON_SIDE = {"short": {"buy": "short", "sell": "short", "exit": "cover", "exit_long": "cover"}, "long": {"sell": "exit", "cover": "exit"}}
_THAT_ROLE = re.compile(rf"^[\W_]*(?:that|this|which)\s*(?:'s|\s+is|\s+will\s+be|\s+becomes|\s+gives\s+(?:us|me)|\s+triggers)\s+"
                        rf"(?:my|our|the|your|a|an)\s+{_ROLE_NOUN}\s*[.!]?\s*$")
# "The 10-day ROC has turned positive. This is our signal to buy.": the stated condition's role named as what it signals
_THAT_TO = re.compile(r"^[\W_]*(?:that|this|which)\s*(?:'s|\s+is|\s+will\s+be|\s+becomes|\s+gives\s+(?:us|me))\s+(?:my|our|the|your|a|an)\s+"
                      r"(?:signal|cue|trigger|sign|moment|time|green\s+light)\s+to\s+(?P<act>buy|go\s+long|get\s+in|enter|sell\s+short|go\s+short|short"
                      r"|sell|exit|get\s+out|cover)\b[^.;,]{0,25}[.!]?\s*$")
_TO_ROLES = {"buy": "buy", "go long": "buy", "get in": "buy", "enter": "buy", "sell short": "short", "go short": "short", "short": "short",
             "sell": "sell", "exit": "exit", "get out": "exit", "cover": "cover"}


def _that_to_role(norm: str) -> str | None:
    """The role a sentence gives the condition before it by naming what it signals ("this is our signal to buy").

    >>> _that_to_role("this is our signal to buy."), _that_to_role("that's the cue to get out"), _that_to_role("this is a buy")
    ('buy', 'exit', None)
    """
    m = _THAT_TO.match(norm)
    return _TO_ROLES[re.sub(r"\s+", " ", m.group("act"))] if m else None


_NOUN_ROLES = {"buy": "buy", "long": "buy", "entry": "buy", "entries": "buy", "sell": "sell", "exit": "exit", "exits": "exit",
               "short": "short"}


def _noun_role(m: re.Match | None) -> str | None:
    """The role a noun phrase matched by ``_ROLE_NOUN`` names ("short entry": short; "long exit": exit; "trigger": buy)."""
    if m is None:
        return None
    g = m.groupdict()
    side, noun = g.get("side") or g.get("side2"), g.get("noun") or g.get("noun2")
    if noun in ("exit", "exits"):
        return "cover" if side == "short" else "exit"
    if side in ("short", "sell"):
        return "short" if noun in ("entry", "entries", "trigger", "short") else "sell"
    if noun == "trigger" and side is None:
        return None  # "our trigger" names no side
    return _NOUN_ROLES.get(noun, "buy" if noun == "trigger" else None)


# the long side stated as the mirror of the short (or sell) side: "and vice versa" after a sell or short rule, "vice
# versa for longs", "buy in the opposite case", "the reverse for long trades"
_MIRROR = re.compile(r"(?P<bare>\b(?:and|,)\s+vice\s+versa\s*(?:[.;!]|$))"
                     r"|\b(?:vice\s+versa|(?:the\s+)?(?:opposite|reverse|inverse|converse|mirror(?:\s+image)?)|the\s+other\s+way\s+(?:round|around))"
                     r"\s+(?:applies\s+)?(?:for|to|on)\s+(?:the\s+)?(?P<longs>longs|buys|buying|long\s+(?:side|trades?|entries|positions?|signals?))\b"
                     r"|\b(?:in|on)\s+the\s+(?:opposite|reverse|inverse|converse)\s+(?:case|situation|signal|condition|setup)\b"
                     r"|\b(?:and\s+|if\s+(?:it\s+is\s+)?)?vice\s+versa\b|\bconversely\b")
# "Buy-and-hold investors ignore it", "Sell-side analysts agree": an action word that names a kind of investor
_ACTION_NOUN = re.compile(r"^[\W_]*(?:buy|sell)(?:[- ]+and[- ]+hold|[- ]side)\b(?!\s*(?:[.;:!]|$))")
# "is greater (higher) than", "closes above (over) the": a comparator glossed by a synonym in brackets reads as the
# comparator alone
_CMP_WORD = r"(?:greater|higher|larger|bigger|above|over|more|less|lower|smaller|below|under|beneath)"
_GLOSS = re.compile(rf"\b({_CMP_WORD})\s*\(\s*(?:or\s+)?{_CMP_WORD}\s*\)")
# "crosses above the OverSold (Input) level": a platform's note that a word names one of its inputs
_INPUT_NOTE = re.compile(r"\s*\((?:user\s+)?(?:input|inputs|parameter|param|setting)\)")
# a part of a clause that opens with its condition ("; else, if ...", "; when ..."): its action may follow it
_COND_PART = re.compile(r"[\W_]*(?:(?:else|otherwise|and|but|or|then|and\s+then)\W+)?(?:if|when|whenever|once|as\s+soon\s+as)\b")
# "close it", "exit the position": an exit of the position the clause opened
_IT_CLOSED = re.compile(r"\b(?:close|closes|exit|exits|liquidate|liquidates|flatten|flattens)\s+(?:it|them|the\s+(?:position|trade)|that\s+(?:position|trade))\b")
_MINUS_ONE = re.compile(r"(?:else|otherwise|or|signal\s+of|position\s+of|weight\s+of)\s*-\s*1\b|\b1\s*(?:/|or)\s*-\s*1\b"
                        # "+1 when the 50-day SMA is above the 200-day SMA, -1 when below": the short position's value
                        r"|(?:[,;]|\band)\s*-\s*1\s+(?:when|if|whenever|while|below|under|otherwise|else)\b")


@dataclass
class ClauseInfo:
    clause: Clause
    norm: str
    mentions: list[Mention]
    active: list[Mention]
    roles: set[str]
    section: set[str]
    rule_bearing: bool
    example: bool
    comps: list[Comparison]
    risk: dict
    costs: dict
    ranking: dict
    rebalance: str | None
    freq: list[str]
    short_cue: bool
    alt_short: bool
    declared: bool
    donors: list[Mention] = field(default_factory=list)  # non-excluded mentions: parameter donors
    gaps: list[lexicon.Gap] = field(default_factory=list)  # what a rule here asks for that foa cannot express
    named_gaps: list[lexicon.Gap] = field(default_factory=list)  # gaps named outside a rule (the refusal says so)
    located: bool = True  # inside the part of the document that states the strategy (locate_strategy)
    rule_page: bool = True  # on a page with any rule-like sentence (stops and costs may sit apart from the rules)


@dataclass
class RoleComp:
    role: str | None
    comp: Comparison
    info: ClauseInfo


@dataclass
class Reading:
    infos: list[ClauseInfo] = field(default_factory=list)
    rule_comps: list[RoleComp] = field(default_factory=list)
    loose_comps: list[RoleComp] = field(default_factory=list)
    hedged: bool = False  # some clause only says what a signal may mean (a tutorial): no template from it
    # "Sell when ... and vice versa", "Go short when ...; vice versa for longs": the clause that makes the long
    # entry the mirror of the short (or sell) rule
    long_mirror: ClauseInfo | None = None
    # the rules are conditions the text requires with no action named: read as the long entry (``_required_only``)
    long_implied: bool = False

    def active_mentions(self) -> list[tuple[Mention, ClauseInfo]]:
        return [(m, i) for i in self.infos for m in i.active]


def _blank(norm: str, spans: list[tuple[int, int]]) -> str:
    """``norm`` with the text of ``spans`` (and the phrase running on to the clause's next comma) blanked."""
    out = list(norm)
    for a, b in spans:
        stop = min([norm.find(c, b) for c in ",;" if norm.find(c, b) != -1] or [len(norm)])
        out[a:stop] = " " * (stop - a)
    return "".join(out)


def _in(ranges: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(x <= a and b <= y or x <= a < y for x, y in ranges)


def _role_marks(norm: str) -> list[tuple[int, str]]:
    marks = []
    for a, b in cues.split_subclauses(norm):
        for r in sorted(cues.roles_of(norm[a:b])):
            # the role sits at its first cue word inside the sub-clause
            # the role sits where its cue matched ("we accumulate", "take profits"), else at its first cue word
            pos = cues.cue_position(r, norm[a:b])
            pos = lexicon.role_position(r, norm, a, b) if pos is None else a + pos
            marks.append((a if pos is None else pos, r))
    return sorted(marks)


_BARE_REF = re.compile(rf"\bthe\s+(\d+)(?![\d.%]|\s*-?\s*(?:{UNIT}|times|x|level|line|mark|percent)\b)")
# "the 10/30 crossover" after "10 week MA" and "30 week MA": the two averages declared earlier, by window
_PAIR_REF = re.compile(r"(?<![\w./$])(\d{1,3})\s*/\s*(\d{1,3})(?=\s+(?:cross\w*|moving\s+average\s+cross\w*)\b)")


def _window_refs(norm: str, mentions: list[Mention], ma_windows: set, declared: dict | None = None) -> list[Mention]:
    """ "When the 20 crosses above the 50": bare numbers that name averages declared earlier by window.

    Only in a clause that names no other kind of indicator, so "RSI crosses the 50" stays a level.
    """
    if not ma_windows or any(m.name not in ("ma", "sma", "ema") for m in mentions):
        return []
    out = []
    for m in _PAIR_REF.finditer(norm):
        a, b = int(m.group(1)), int(m.group(2))
        if a != b and {a, b} <= ma_windows and not any(x.start <= m.start() < x.end for x in mentions):
            # each average as it was declared (its type and unit)
            decl = [(declared or {}).get(n) for n in (a, b)]
            out += [Mention(d.name if d else "ma", dict(d.params) if d else {"window": n}, d.unit if d else None, m.start(), m.end(),
                            role="ellipsis") for n, d in zip((a, b), decl)]
    for m in _BARE_REF.finditer(norm):
        n = int(m.group(1))
        if n in ma_windows and not any(x.start <= m.start(1) < x.end for x in mentions + out):
            out.append(Mention("ma", {"window": n}, None, m.start(), m.end(), role="ellipsis"))
    return out


_SIGNAL_AFTER = re.compile(r"\s*(?:'s\s+|\.|_|-)?\s*(?:signal|sig|trigger)\b")


def _macd_signal(norm: str, k: Comparison) -> Comparison:
    """A comparison of two MACD mentions whose second is named by its signal line: the MACD line against its signal."""
    ops = (k.left, k.right)
    if all(o.kind == "ind" and o.mention is not None and o.mention.name == "macd" for o in ops) \
            and _SIGNAL_AFTER.match(norm, k.right.mention.end) and not _SIGNAL_AFTER.match(norm, k.left.mention.end):
        return replace(k, left=Operand("macdline", k.left.start, k.left.end), right=Operand("signal", k.right.start, k.right.end))
    return k


def _pick_role(marks: list[tuple[int, str]], pos: int, sub: tuple[int, int] | None, nxt: tuple[int, int] | None = None) -> str | None:
    chosen = None
    if sub:
        inside = [(p, r) for p, r in marks if sub[0] <= p < sub[1]]
        before = [(p, r) for p, r in inside if p <= pos]
        chosen = before[-1] if before else inside[0] if inside else None
        if chosen is None and nxt is not None:
            # "...; else, if price < the MA, go to cash": a condition whose part names no action takes the action
            # that opens the part right after it
            chosen = next(((p, r) for p, r in marks if nxt[0] <= p <= nxt[0] + 12), None)
    if chosen is None:
        before = [(p, r) for p, r in marks if p <= pos]
        chosen = before[-1] if before else marks[0] if marks else None
    if chosen is None:
        return None
    at, role = chosen
    for entry, close in (("buy", "cover"), ("short", "exit_long")):
        if role == close and any(r == entry and abs(p - at) <= 40 for p, r in marks):
            # "long and close the previous short when ...", "..., close any short and go long": a stop and
            # reverse; the condition is the entry's (the short's exit follows from the long entry)
            return entry
    return role


def _pair_crosses(norm: str, active: list[Mention], comps: list[Comparison], marks: list[tuple[int, str]]) -> list[Comparison]:
    """The crosses of the two averages an "N/M" notation names ("buy when the 9/21 EMA crosses up and sell when it
    crosses down"): the shorter against the longer, in place of a cross of one of them with the price the
    comparison reader supplied ("the 13/48 SMA crosses above" names no price); the clause's comparisons returned."""
    pairs = [(a, b) for a, b in zip(active, active[1:]) if (a.start, a.end) == (b.start, b.end) and a.name == b.name
             and a.name in ("sma", "ema", "ma", "wma") and {"window"} <= a.params.keys() & b.params.keys()
             and a.params["window"] != b.params["window"]]
    if not pairs or len({(x.name, x.params["window"], y.params["window"]) for x, y in pairs}) != 1:
        return comps  # no pair, or two different pairs
    members = [m for pair in pairs for m in pair]
    own = [k for k in comps if k.left.mention in members or k.right.mention in members]
    if any(k.op not in ("crosses_above", "crosses_below") or k.left.mention not in members or k.right.kind != "price" for k in own):
        return comps  # "the 5/20 EMA is above the 100-day SMA", "the close crosses the 10/30 SMA": comparisons of their own
    comps = [k for k in comps if k not in own]
    out = []
    subs = cues.split_subclauses(norm)
    for pair in pairs:  # the pair named again ("sell when the 10/40 SMA crosses down"): each naming's crosses
        fast, slow = sorted(pair, key=lambda m: m.params["window"])
        nxt = next((p[0].start for p in pairs if p[0].start > fast.start), len(norm))  # the pair named again
        for m in _PAIR_CROSS.finditer(norm, fast.end, nxt):
            sub = max(next((a for a, b in subs if a <= m.start() < b), 0), fast.end)
            if _PRICE_SUBJECT.search(norm, sub, m.start()) or any(
                    sub <= x.start < m.start() for x in active if x not in members):
                continue  # "... and the close crosses above", "... the RSI crosses 50": another subject's cross
            if m.lastgroup in ("above", "below"):
                op = ">" if m.lastgroup == "above" else "<"
            elif m.lastgroup == "any":
                role = _pick_role(marks, m.start(), None)
                op = "crosses_below" if role in ("sell", "short", "exit") else "crosses_above"
            else:
                op = "crosses_below" if m.lastgroup == "down" else "crosses_above"
            out.append(Comparison(Operand("ind", fast.start, fast.end, mention=fast), op,
                                  Operand("ind", slow.start, slow.end, mention=slow), m.start()))
    return sorted(comps + out, key=lambda k: k.start) if out else comps + own


# a channel named as the event a rule waits for: "on a 55-day breakout", "20-day high breakout", "a breakdown of the
# 10-day low", "after a breakout to a new 50-day high"
_BRK_WORD = r"(?:break\s*-?\s*outs?|break\s*-?\s*downs?|breaks?)"
_BRK_AFTER = re.compile(rf"\s*-?\s*(?:(?:price|channel|range|level)\s+)?(?P<w>{_BRK_WORD})\b(?!\s+(?:above|below|over|under|through|out|down|of|the|a|its)\b)")
_BRK_BEFORE = re.compile(rf"(?P<w>{_BRK_WORD})\s+(?:out\s+)?(?:of|to|at|beyond|past)\s+(?:the\s+|a\s+|its\s+)?(?:new\s+|fresh\s+)?$")
# ... where a rule waits for it: after "on", "at", "after", "when", ... (never "traders like breakouts")
_BRK_LEAD = re.compile(r"\b(?:on|at|after|upon|following|with|via|when|once|if|as\s+soon\s+as)\s+(?:the\s+|a\s+|an\s+|any\s+|its\s+|each\s+)?"
                       r"(?:new\s+|fresh\s+|first\s+|confirmed\s+|upside\s+|downside\s+|daily\s+|weekly\s+)?$")
# "stop loss at the 10-day low", "target at the 20-day high": a stop's or target's line, never a rule's
_STOP_AT = re.compile(r"\b(?:stops?|stop[- ]loss(?:es)?|stoploss|trail\w*|targets?|take[- ]profits?|profit[- ]target)\b[^.;,]{0,25}$")
_AT_LINE = re.compile(r"\b(?:at|on)\s+(?:the\s+|a\s+|its\s+)?(?:new\s+|fresh\s+)?$")
# "Exit: 10-day low.", "Entry rule: 20-day high breakout.": a labelled line that is nothing but the channel
_LABEL_ONLY = re.compile(r"^[\W_]*(?:long|short|buy|sell|entry|exit|enter|cover)(?:\s+(?:entry|exit|rule|signal|trigger|long|short))*\s*[:=-]\s*(?:an?\s+|the\s+|on\s+(?:an?\s+|the\s+)?)?(?:new\s+)?$")


def _breakouts(norm: str, active: list[Mention], comps: list[Comparison],
               marks: list[tuple[int, str]]) -> tuple[list[Comparison], list[Mention]]:
    """The close against each channel line the clause names as a breakout it waits for ("go long on a 55-day
    breakout": the close above the highest high; "a 20-day breakdown", "Exit: 10-day low": below the lowest
    low), for lines no comparison of the clause uses; the clause's comparisons returned, with the other line of
    each channel the action did not take (no rule's, never a leftover level)."""
    used = {id(o.mention) for k in comps for o in (k.left, k.right) if o.mention is not None}
    out = []
    unused: list[Mention] = []
    for m in active:
        if m.name not in ("highest", "lowest") or id(m) in used or m.output is not None:
            continue
        after = _BRK_AFTER.match(norm, m.end)
        before = _BRK_BEFORE.search(norm, max(0, m.start - 40), m.start)
        inside = re.search(_BRK_WORD, norm[m.start:m.end])
        lead_at = before.start() if before else m.start
        labelled = _LABEL_ONLY.match(norm[:m.start]) and not norm[m.end:].strip(" .;,")
        word = (after or before or inside)
        # "enter them at the 20-day high", "exit longs at the 10-day low": the line an action is taken at
        reached = word is None and _AT_LINE.search(norm, max(0, m.start - 20), m.start) is not None \
            and any(p < m.start for p, _ in marks) and not _STOP_AT.search(norm, max(0, m.start - 40), m.start)
        if not labelled and not reached and not (word and (_BRK_LEAD.search(norm, max(0, lead_at - 40), lead_at)
                                                           or _LABEL_ONLY.match(norm[:lead_at]))):
            continue
        down = bool(word and "down" in word.group(0))
        twin = next((x for x in active if x is not m and (x.start, x.end) == (m.start, m.end)), None)
        if twin is not None:
            # "on a 20-day channel breakout": the side the clause's action takes picks the line
            role = _pick_role(marks, m.start, None)
            want = "lowest" if down or role in ("sell", "short", "exit") else "highest"
            if m.name != want:
                unused.append(m)
                continue
        elif down and m.name == "highest":
            continue
        op = "crosses_above" if m.name == "highest" else "crosses_below"
        out.append(Comparison(Operand("price", m.start, m.start, name="close"), op, Operand("ind", m.start, m.end, mention=m), m.start))
    if not out:
        return comps, []
    taken = {(m.start, m.end) for k in out for m in (k.right.mention,)}
    return sorted(comps + out, key=lambda k: k.start), [m for m in unused if (m.start, m.end) in taken]


_LINE_NAMES = frozenset({"ma", "sma", "ema", "wma"})
_TRIGGER_LABEL = re.compile(r"^[\W_]*(?:(?:entry\s+)?trigger|confirmation|confirm)\s*(?:[:=]|[-\u2013\u2014]\s)")
# "Setup: an RSI above 70 is considered overbought": what a reading is taken to mean, never a rule a label gives
_EXPLAINS = re.compile(r"(?<!which\s)(?<!that\s)(?<![,(]\s)(?<![,(])\b(?:is|are)\s+(?:\w+ly\s+)?(?:considered|deemed|regarded\s+as|seen\s+as|viewed\s+as|thought\s+of\s+as|called|known\s+as)"
                       r"\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:overbought|oversold|bullish|bearish|strong|weak|neutral|signal|sign|zone|territory|area)\b")
# "The setup: ...", "Our trigger: ...", "My filter -": a label led by an article or a possessive reads as the label
_ARTICLE_LABEL = re.compile(r"^([\W_]*)(?:the|my|our|your)\s+(?=(?:entry\s+)?(?:setup|filter|trigger|condition)\s*(?:[:=]|[-\u2013\u2014]\s))")
# "For entries, ...", "To exit: ...", "For the short entry -", "For entries I wait until ...": the role named as
# the topic the line opens with (the side first, if any)
_TOPIC_ROLE = re.compile(
    r"^[\W_]*(?:for|to)\s+(?:the\s+|an?\s+|my\s+|our\s+|your\s+)?(?:(?P<side>long|short)\s+)?"
    r"(?P<w>entry|entries|entering|enter|exit|exits|exiting|buying|buys|buy|purchases?|purchasing|selling|sells|sell)"
    r"(?:\s+(?:a\s+|the\s+|an\s+)?(?:signals?|rules?|conditions?|criteria|points?|trades?|positions?|side|long|short))?"
    r"\s*(?:[,:;]|[-\u2013\u2014]\s|(?=\s+(?:i|we|you|the\s+system|the\s+strategy)\s))")
_TOPIC_ROLES = {"entry": "buy", "entries": "buy", "entering": "buy", "enter": "buy", "buying": "buy", "buys": "buy", "buy": "buy",
                "purchase": "buy", "purchases": "buy", "purchasing": "buy", "exit": "exit", "exits": "exit", "exiting": "exit",
                "selling": "sell", "sells": "sell", "sell": "sell"}


def _topic_role(norm: str) -> str | None:
    """The role a line's opening topic names: "For entries, ..." -> buy, "To exit: ..." -> exit, "For short
    exits, ..." -> cover, "For the short entry -" -> short.

    >>> _topic_role("for entries, the 10-day ema must cross above the 30-day ema."), _topic_role("to exit: rsi(2) > 70")
    ('buy', 'exit')
    >>> _topic_role("for short exits, the close must rise above the 10-day sma."), _topic_role("for example, buy")
    ('cover', None)
    """
    m = _TOPIC_ROLE.match(norm)
    if m is None:
        return None
    role = _TOPIC_ROLES[m.group("w")]
    if m.group("side") == "short":
        return {"buy": "short", "exit": "cover", "sell": "short"}[role]
    return role


# "... is above the 20-bar average, and that was not so on the prior bar": a state that has just become true, a
# crossing (platform manuals describe their crossover strategies this way)
_BAR_BEFORE = (r"(?:(?:on|for|at|in|during)\s+(?:the\s+)?(?:previous|prior|preceding|last)\s+(?:bar|candle|day|session|period|week|month)"
               r"|(?:one|1|a)\s+(?:bar|candle|day|session|period)\s+(?:ago|earlier|before)|on\s+the\s+(?:bar|candle|day|session)\s+before)\b")
_FRESH = re.compile(
    r"[,;]?\s*(?:and|but)\s+(?:(?:this|that|it|which|the\s+condition)\s+)?(?:was|were|did|had)\s*(?:not|n't|never)\s+"
    r"(?:hold|(?:been\s+)?(?:the\s+case|true|so|met|(?:above|below|over|under|greater|less|higher|lower)\b[^,;.]{0,40}?))\s+" + _BAR_BEFORE
    + r"|[,;]?\s*(?:for\s+the\s+first\s+time)\b(?!\s+(?:since|in|this|ever))")
# "When do we buy?", "So when should you exit?", "When to sell?", "Question: when do you go long?": a question asking
# when to act; the answer is the next clause when it opens with its condition ("When ...", "Answer: once ...")
_ASKED_WHEN = re.compile(r"^[\W_]*(?:(?:so|and|but|then|question|q)\s*[:,]?\s+)?(?:when|at\s+what\s+point)\s+"
                         r"(?:(?:do|does|should|would|will|can|shall|must)\s+(?:we|i|you|one|they|the\s+(?:system|strategy|model|bot))\s+|to\s+)"
                         r"(?:then\s+|actually\s+)?(?P<act>[^?.;]{1,30}?)\s*\?\s*$")
_ANSWER = re.compile(r"^[\W_]*(?:(?:answer|a|simple|easy|easy\s+answer|simple\s+answer|the\s+answer)\s*[:,-]\s*)?"
                     r"(?:only\s+)?(?:when|whenever|once|as\s+soon\s+as|if|after|on\s+(?:a|the)\s+(?:cross|close|break)\w*)\b")


def _asked_role(norm: str) -> str | None:
    """The role a question asks the time of ("when do we sell?" -> sell), or None.

    >>> _asked_role("when do we buy?"), _asked_role("so when should you exit the trade?"), _asked_role("when did it fall?")
    ('buy', 'exit', None)
    """
    m = _ASKED_WHEN.match(norm)
    if m is None:
        return None
    roles = cues.roles_of(m.group("act"))
    return next(iter(roles)) if len(roles) == 1 else None


_CROSS_OF_STATE = {">": "crosses_above", ">=": "crosses_above", "<": "crosses_below", "<=": "crosses_below"}
# "closes above middle line reading of 30", "under the centre line level of -100": a level named as a line's reading
# is that level (never the oscillator's centre line)
_LINE_READING = re.compile(r"\b(?:the\s+|its\s+)?(?:middle|centre|center|mid)[- ]?line\s+(?:reading|level|value)\s+(?:of\s+|at\s+|@\s*)?(?=[-\u2212]?\d)")
# "Being invested when the index was above its SMA would have avoided the crash": what a rule would have done, told
# as a result (a clause that opens with its action still states the rule)
_COUNTERFACTUAL = re.compile(r"\b(?:would|could|might)(?:\s+not)?\s+have\s+(?:been|avoided|made|returned|beaten|doubled|tripled|saved|worked|kept"
                             r"|protected|earned|produced|given|lost|cut|reduced|missed|outperformed|underperformed|generated|delivered|sidestepped)\b")
# "... trigger a buy signal in many textbooks": what an indicator is taught to mean, not the author's rule
_TAUGHT = re.compile(r"\b(?:text\s*books?|books|according\s+to|(?:is|are)\s+said\s+to|conventional(?:ly)?|traditional(?:ly)?|classic(?:al|ally)?"
                     r"|(?:many|most|some)\s+(?:traders|investors|analysts|chartists|technicians))\b")
_READINGS = re.compile(r"(?:^|[\s,;:(])(?:the\s+|a\s+|an\s+|any\s+|its\s+)?(?:readings?|values?|prints?)\s*$")


def _in_range(name: str, value: float | None) -> bool:
    """Whether a level lies inside an oscillator's bounds (an open one takes any level)."""
    from foa.spec import indicators

    try:
        bounds = indicators.get(name).bounds()
    except Exception:  # an indicator the table does not hold
        return False
    return value is not None and (bounds is None or bounds[0] < value < bounds[1])


_AND_CLOSES = re.compile(r"\s*(?:and|&|\+)\s+(?:then\s+)?(?:closes?|settles?|stays?|finishes?)\s*$")


_WAY_AFTER = re.compile(r"(?:\s+(?:level|line|mark|threshold|barrier))?\s*,?\s*(?:(?P<down>from\s+(?:the\s+)?top\s+to\s+(?:the\s+)?bottom|from\s+above\s+to\s+below|downwards?|to\s+the\s+downside)"
                        r"|(?P<up>from\s+(?:the\s+)?bottom\s+to\s+(?:the\s+)?top|from\s+below\s+to\s+above|upwards?|to\s+the\s+upside))\b")
# ("breaks the 70 level downward": a break names no way of its own when the words after its line give one)
_UNDIRECTED = re.compile(r"(?:cross(?:es|ed|ing)?|cuts?|cutting|intersects?|break(?:s|ing)?|pierc(?:es|e|ing)|penetrat(?:es|e|ing))\b"
                         r"(?!\s+(?:above|below|over|under|up|down|back|out|through)\b)")


def _cross_and_close(norm: str, comps: list[Comparison]) -> list[Comparison]:
    """ "crosses and closes below 45", "crosses & closes above 30": one crossing in the direction of the close
    (never a crossing up beside a state below); "crosses the 70-period MA from top to bottom", "cuts it upwards":
    an undirected crossing takes the way the words after its line give."""
    out = list(comps)
    for n, k in enumerate(out):
        way = _WAY_AFTER.match(norm, k.right.end) if k.op in ("crosses_above", "crosses_below") and _UNDIRECTED.match(norm, k.start) else None
        if way:
            out[n] = replace(k, op="crosses_below" if way.group("down") else "crosses_above")
    for k in comps:
        if k.op not in ("crosses_above", "crosses_below") or k not in out:
            continue
        state = next((x for x in out if x is not k and x.op in ("<", ">") and x.start > k.start
                      and _AND_CLOSES.search(norm, k.start, x.start) and x.right.kind == k.right.kind
                      and x.right.value == k.right.value and x.left.mention is k.left.mention), None)
        if state is not None:
            out[out.index(k)] = replace(k, op="crosses_above" if state.op == ">" else "crosses_below")
            out.remove(state)
    return out


_SIDE_HEAD = {"long": "long", "longs": "long", "long side": "long", "long trades": "long", "buy": "long", "buys": "long",
              "short": "short", "shorts": "short", "short side": "short", "short trades": "short", "sell short": "short"}
_ROW_KIND = re.compile(r"^(?:(?P<entry>entry|entries|enter|open|opening|setup|trigger|signal)|(?P<exit>exit|exits|close|closing))\b")


def _cells(norm: str) -> list[tuple[int, int]]:
    """The spans of a table row's cells (between its bars)."""
    bounds = [-1] + [m.start() for m in re.finditer(r"\|", norm)] + [len(norm)]
    cells = [(bounds[i] + 1, bounds[i + 1]) for i in range(len(bounds) - 1)]
    if cells and not norm[cells[0][0]:cells[0][1]].strip():
        cells = cells[1:]  # before the row's first bar
    if cells and not norm[cells[-1][0]:cells[-1][1]].strip():
        cells = cells[:-1]  # after its last bar
    return cells


def _table_sides(norm: str) -> list[str | None] | None:
    """ "| | Long | Short |": each cell's side, when the row names both sides and nothing else."""
    cells = _cells(norm)
    heads = [_SIDE_HEAD.get(re.sub(r"[^a-z ]", "", norm[a:b]).strip()) for a, b in cells]
    # every cell after the first (the row labels' column) names a side
    return heads if len(heads) >= 3 and {"long", "short"} <= set(heads[1:]) and all(heads[1:]) else None


def _cell_roles(norm: str, comps: list[Comparison], heads: list[str | None]) -> dict[int, str]:
    """ "| Entry | RSI(2) < 10 | RSI(2) > 90 |" under "| | Long | Short |": each comparison's role by its column's side
    and its row's kind (entry or exit)."""
    cells = _cells(norm)
    if not cells or len(cells) != len(heads):
        return {}
    kind = _ROW_KIND.match(re.sub(r"^[^a-z]+", "", norm[cells[0][0]:cells[0][1]].strip()))
    if kind is None:
        return {}
    out = {}
    for k in comps:
        col = next((n for n, (a, b) in enumerate(cells) if a <= k.start < b), None)
        side = heads[col] if col is not None else None
        if side:
            out[id(k)] = ({"long": "buy", "short": "short"} if kind.group("entry") else {"long": "exit", "short": "cover"})[side]
    return out


def _is_title(c: Clause, cls: list[Clause], k: int) -> bool:
    """A heading, or a short line standing alone in its paragraph without a full stop ("Results since 2005")."""
    if c.heading:
        return True
    alone = (k == 0 or cls[k - 1].block != c.block) and (k + 1 == len(cls) or cls[k + 1].block != c.block)
    return alone and len(c.orig) < 70 and not c.orig.rstrip().endswith((".", "?", "!", ";", ","))


# "none of them", "none of the three funds", "no asset": what follows holds for none of them
# "the 20/100 EMA crossover turns up", "a 10/30 SMA cross down", "sell when it crosses down": the cross of the
# two averages one "N/M" names (the fast, shorter one against the slow one); a bare "cross" takes its side
# from the action it serves
_PAIR_CROSS = re.compile(
    r"(?P<down>crossunder|cross(?:es|ed|ing)?\s+(?:back\s+)?(?:down(?:ward)?|below|under|lower)|cross(?:over)?\s+(?:turns?|goes)\s+(?:down|bearish|negative)"
    r"|bearish\s+cross\w*|death\s+cross|(?:turns?|goes)\s+(?:down|bearish|negative))"
    r"|(?P<up>cross(?:es|ed|ing)?\s+(?:back\s+)?(?:up(?:ward)?|above|over|higher)|cross(?:over)?\s+(?:turns?|goes)\s+(?:up|bullish|positive)"
    r"|bullish\s+cross\w*|golden\s+cross|(?:turns?|goes)\s+(?:up|bullish|positive))"
    r"|(?P<any>\bcross(?:es|ed|ing|over|overs)?\b)"
    # "the 9/21 EMA is bullish": the fast average above the slow one (a state, not a cross)
    r"|(?P<above>\b(?:is|are|stays?|remains?)\s+(?:still\s+)?(?:bullish|positive|pointing\s+up)\b)"
    r"|(?P<below>\b(?:is|are|stays?|remains?)\s+(?:still\s+)?(?:bearish|negative|pointing\s+down)\b)")
_PRICE_SUBJECT = re.compile(r"\b(?:close|closing\s+price|price|market|stock|candle)\b")
# the actions a signal pointing up (a buy signal) or down cannot serve
_AGAINST_UP = frozenset({"sell", "short", "exit", "exit_long"})
_AGAINST_DOWN = frozenset({"buy", "cover"})
# an entry line that places its order under a low ("Entry: a tick under the setup bar's low"): a short's
_SHORT_ORDER = re.compile(r"^[\W_]*(?:entry|entries|enter)\s*[:=-]?\s*(?:(?:just|one\s+tick|a\s+tick|\d+\s+ticks?)\s+)?(?:below|under)\s+(?:the\s+)?(?:\w+\s+){0,3}?low\b")
_NEGATE = {">": "<=", "<": ">=", ">=": "<", "<=": ">"}  # a state that must not hold
_NONE_OF = re.compile(r"\bnone\s+of\s+(?:them|these|those|the\s+(?:\w+\s+)?\w+)\b|\bno\s+(?:asset|etf|fund|one|market)\s+(?=has|is|shows)")


# "take half off when RSI(2) closes above 70; sell the rest at the 5-day SMA": the part after "the rest" closes the position
_REST = re.compile(r"\b(?:the\s+)?(?:rest|remainder|remaining\s+(?:half|part|shares|position|\d+\s*%))\b")
_PART_END = re.compile(r"[;]|\.\s|\bthen\b")


def _beside_partial_exit(norm: str, comps: list, spans: list, excluded: list[tuple[int, int]]) -> list:
    """The comparisons of a clause less those that time a partial exit ("scale out 50% when RSI(2) closes above 70"):
    a part of the position taken off is listed as unsupported, never read as the exit of the whole position. The
    part of the clause after "the rest" ("..., the rest when the close is above the 5-day SMA") keeps its comparisons."""
    parts = [a for g, a, b in spans if g.what in ("partial exit", "partial profit taking") and not _in(excluded, a, b)]
    if not parts or not comps:
        return comps
    a = parts[0]
    start = max((m.end() for m in _PART_END.finditer(norm, 0, a)), default=0)
    end_m = _PART_END.search(norm, a)
    rest = _REST.search(norm, a)
    end = min(x for x in (end_m.start() if end_m else len(norm), rest.start() if rest else len(norm)))
    return [k for k in comps if not start <= k.start < end]


def _rule_gaps(norm: str, spans: list, excluded: list[tuple[int, int]], has_role: bool, aside: bool) -> list[lexicon.Gap]:
    """The gaps of a clause that are part of a rule: under a role (its own cue, a heading's or a label's),
    conditional (or a rule kind of its own, such as a time-of-day exit), not an example, advice, a question
    or a negation ("we do not use the ADX")."""
    if not spans or aside or _ASKS.search(norm):
        return []
    # a rule kind of its own ("close all positions at 3:55 pm") needs only an action word nearby
    acts = has_role or any(lexicon.role_position(r, norm) is not None for r in lexicon.ROLE_MARKS)
    out = []
    for g, a, b in spans:
        if _in(excluded, a, b):
            continue
        if g.kind == "setting" or (g.kind == "rule" and acts) or (has_role and lexicon.CONDITION.search(norm)):
            out.append(g)
    return out


def read(doc: Any) -> Reading:
    """Analyse every clause of a document (``doc.pages[i].number`` / ``.text``)."""
    out = Reading()
    bindings: dict[str, Mention] = {}
    code_vars = CodeVars()  # Pine/AFL/Python variables, substituted into the lines that use them
    cfg_names = ConfigNames([(p.text or "").lower() for p in doc.pages])  # "the entry lookback" -> entry_lookback: 55
    # "below the buy level" -> "Buy level: 25" on a settings line; "the lookback period" -> "Lookback: 55"
    setting_names = SettingNames([ln for p in doc.pages for ln in (p.text or "").split("\n")])
    pending: list[RoleComp] = []  # conditions of a code "if" line waiting for the action line of its block
    waited = 0  # lines the pending conditions have waited
    # "The 2-period RSI closes under 10. Buy on the close.": a bare condition whose action is the next sentence
    stated: list[RoleComp] = []
    # "Long trades require two conditions." then "First, ... Second, ...": the side the conditions that follow open
    announced: str | None = None
    # "| | Long | Short |": a table whose columns are the sides, each cell of a rule row read on its column's side
    side_cols: tuple[list[str | None], int] | None = None
    ma_windows: set = set()  # windows of the moving averages named so far: "the 20" may refer back to one
    ma_declared: dict[Any, Mention] = {}  # ... and each one's mention: "the 10/30 crossover" names two of them
    question: list[RoleComp] = []  # "is VOO above its 10-month SMA?" waiting for "If yes, we are in"
    compared: tuple | None = None  # "compare the close with its 12-month SMA" waiting for "Above: ..." / "Below: ..."
    prior_osc: Mention | None = None  # the last oscillator read against a level: a later "it" may name it
    prior_ibs = False  # the clause before named the internal bar strength: a later "it is above 0.8" is its reading
    prior_line: Mention | None = None  # the one average a sentence named: a later "above it" may name it
    running = repeated_lines([p.text or "" for p in doc.pages]) if len(doc.pages) > 1 else frozenset()
    part = locate_strategy(doc)
    carried: set[str] = set()  # the sides of a sentence a page break cut ("... and the" / "14-day RSI is above 50.")
    located_before = False  # the page before states the strategy
    systems = 0  # titles naming a numbered strategy ("## System 2: Bond trend"): the second and later are another one
    other_system: Clause | None = None
    for page in doc.pages:
        first = len(out.infos)
        section: set[str] = set()
        side_block: str | None = None  # the side a bare "SHORT:" / "Long side" heading opens for the role headings below
        item: set[str] = set()
        declared = False
        rule_section = False
        cls = clauses_of(page.text or "", page=page.number, standalone=running)
        lang = foreign.language(page.text or "")  # prose in another language is read through English words
        # platform code: its rules read as sentences on the action lines (code_read), the if heads they used empty
        code = read_code(page.text or "") if looks_like_code(page.text or "") else None
        rewrites = code.rewrites if code is not None and code.rules else {}
        code_gaps = code.gaps if code is not None and code.rules else {}  # rule parts of the code foa cannot hold
        tried_section = False
        prev_roles: set[str] = set()  # the sides of the last clause naming one, in the current section
        prior_line = None
        last_label: str | None = None  # the role of the page's last labelled line ("Setup: ...")
        asked_role: str | None = None  # "When do we sell?" waiting for its answer "When the RSI(2) closes above 70."
        rules_listed = False  # a line announcing the rules ("The rules are simple:") came before on this page
        rule_talk = False  # the page speaks of rules or a strategy: a gap named here is one the refusal names
        # "I tested that rule ... It failed. I do not recommend it": what a paragraph disowns is not the strategy
        disowned = {c.block: k for k, c in enumerate(cls) if not c.heading and cues.disowns(c.norm, c.orig)}
        for k, c in enumerate(cls):
            nxt = cls[k + 1] if k + 1 < len(cls) and cls[k + 1].block == c.block else None
            rule_talk = rule_talk or bool(_RULE_TALK.search(c.norm))
            if _BREAK.match(c.orig) and (c.start == 0 or re.search(r"\n[ \t]*\n[ \t]*$", (page.text or "")[:c.start])):
                section, item, side_block, prev_roles, rule_section, declared = set(), set(), None, set(), False, False
            rules_listed = rules_listed or bool(_RULES_INTRO.search(c.norm)) or (_is_title(c, cls, k) and bool(_RULES_WORD.search(c.norm)))
            if _is_title(c, cls, k):
                tried_section = cues.is_tried_title(c.norm)
            if _SYSTEM_TITLE.match(c.norm):  # a title or a clause opening with the label ("Model 2: short EEM ...")
                systems += 1
                if systems == 2:
                    other_system = c
            # "System 1: ... System 2: ...": a newsletter's second strategy is not a part of the first one; the
            # first is read and the others are listed
            tried_section = tried_section or other_system is not None
            # what the author tried and dropped is not the strategy: read like an example
            tried = tried_section or cues.is_tried(c.norm, nxt.norm if nxt else "") or cues.is_report(c.norm) \
                or k < disowned.get(c.block, -1) or cues.is_asked(c.norm)
            norm = _GLOSS.sub(r"\1", foreign.english(setting_names.sub(cfg_names.sub(relative_levels(code_vars.read(c.norm)))), lang))
            norm = _INPUT_NOTE.sub("", _LINE_READING.sub("", norm))
            inner = [o for o in rewrites if c.start < o < c.end and rewrites[o]] if rewrites else []
            joined = " ".join(x for x in [rewrites.get(c.start, "")] + [rewrites[o] for o in sorted(inner)] if x) if rewrites else ""
            if (c.start in rewrites or inner) and (joined or not _PROSE_SENTENCE.match(c.orig)):
                # the reader's sentences for every code line the clause spans ("if cond" joined with its action line);
                # a sentence of prose beside the code that the code reader found nothing in keeps its words
                norm = joined
                code_vars.defined = False
            # "When do we buy? When the RSI(2) closes under 10.": the question names the role of the answer after it
            answer_role, asked_role = (asked_role if _ANSWER.match(norm) else None), _asked_role(norm)
            fresh = [m.start() for m in _FRESH.finditer(norm)]
            for m in _FRESH.finditer(norm):
                # the qualifier says when the state began, not a negated rule: blanked, the state read as a crossing
                norm = norm[:m.start()] + " " * (m.end() - m.start()) + norm[m.end():]
            if _SIDE_LABEL.match(norm):
                alt_short = bool(_MINUS_ONE.search(norm))  # "Entry (short): ...": the line's side, not an alternative
            else:
                # "closes the position (sells)": a gloss of an exit is no short side
                alt = _ALT.search(norm)
                alt_short = bool(alt and not cues.roles_of(norm[:alt.start()]) & {"exit", "exit_long", "cover"}) or bool(_MINUS_ONE.search(norm))
                norm = _ALT.sub("", norm)
            if c.heading:
                section = cues.section_roles(norm)
                bare = _BARE_SIDE.match(norm)
                if bare:
                    side_block = bare.group(1)
                elif side_block == "short" and section <= {"buy", "exit", "sell", "exit_long"}:
                    # "SHORT: / Our entry is defined by: / Our exit is defined by:": the short's entry and its cover
                    section = {"short" if r == "buy" else "cover" for r in section}
                item = set()
                declared = bool(_DECLARE.search(norm)) and not section
                rule_section = bool(_RULE_SECTION.search(norm))
            elif _ITEM.match(c.marker + c.orig):
                # "1. Price touches the lower band (buy):" hands its role to the bullets below it
                item = cues.section_roles(norm)
            if code_vars.defined:
                # "fast = ta.ema(close, 9)": a definition the rules use by name, not a rule; its numbers stay donors
                mentions = find_mentions(norm)
                out.infos.append(ClauseInfo(c, norm, mentions, [], set(), set(), False, False, [], {}, {}, {}, None,
                                            [], False, False, False, mentions))
                # "basis = ta.sma(hlc3, 20)": a setting the definition states (its input, its bars) is still the strategy's
                out.infos[-1].gaps = [g for g, _, _ in unsupported.gap_spans(norm) if g.kind == "setting"] if not tried else []
                continue
            if prior_line is not None and not c.heading:
                norm = _SIDE_NO_OBJECT.sub(r"\g<0> it", norm)
            named_ibs = _IBS_WORD.search(norm)
            if (prior_ibs or named_ibs) and not c.heading:
                # "buy when the IBS is below 0.2; sell when it is above 0.8": "it" is the internal bar strength
                at = named_ibs.end() if named_ibs else 0
                it = _IT_READS.search(norm, at)
                if it and not _OTHER_IND.search(norm, at, it.start()):  # never past another indicator ("... and the RSI")
                    norm = norm[:it.start()] + "ibs " + norm[it.end():]
            prior_ibs = (bool(_IBS_WORD.search(norm)) and not _OTHER_IND.search(norm)) \
                or (prior_ibs and not c.heading and not _IT_READS.search(norm) and not lexicon.TRIGGER.search(norm))
            spans = unsupported.gap_spans(norm) if not tried else []
            if spans and _NOT_INTRADAY.search(norm):
                # "you cannot watch the 5 minute chart, so the daily chart is the natural choice": intraday bars turned down
                spans = [(g, a, b) for g, a, b in spans if g.what not in ("intraday bars", "intraday timeframe")]
            if not c.heading and not lexicon.TRIGGER.search(norm) and not _CFG_CROSS.match(norm) and not spans \
                    and not _COMPARES.search(norm):  # "we compare the close with its 10-month SMA" opens a rule
                # plain prose with no rule vocabulary: recorded (tickers, frequency) without the full parse
                out.infos.append(ClauseInfo(c, norm, [], [], set(), set(), False, False, [], {}, {}, {}, None,
                                            frequency_cues(norm), False, False, False, []))
                continue
            mentions = find_mentions(norm)
            attach_loose_params(norm, mentions)
            dflt = _DEFAULT_ONLY.match(norm)
            if dflt and out.infos and out.infos[-1].clause.block == c.block:
                # "FastLength: bars of the fast average. Default: 9." - the default belongs to the line's input
                bare = [m for m in out.infos[-1].mentions if "window" not in m.params and m.name not in ("macd", "bbands")]
                if bare:
                    bare[-1].params["window"] = int(float(dflt.group(1))) if float(dflt.group(1)).is_integer() else float(dflt.group(1))
            mentions += _window_refs(norm, mentions, ma_windows, ma_declared)
            ma_windows |= {m.params["window"] for m in mentions if m.name in ("ma", "sma", "ema") and "window" in m.params}
            ma_declared.update({m.params["window"]: m for m in mentions if m.name in ("ma", "sma", "ema") and "window" in m.params
                                and m.role != "ellipsis"})
            bind = _BIND.search(norm)
            if bind and mentions:
                bindings[bind.group(1)] = next((m for m in mentions if m.start >= bind.end() - 1), mentions[0])
                declared_here = True
            else:
                declared_here = False
            excluded = cues.excluded_ranges(norm) + ([(0, len(norm))] if tried else [])
            example = cues.is_example_start(norm) or tried or bool(_COUNTERFACTUAL.search(norm) and not _ACTS.match(norm))
            hedged = cues.is_hedged(norm, in_rules=rule_section or rules_listed)
            out.hedged = out.hedged or hedged
            advisory = cues.is_advisory(norm) or hedged
            definition = cues.is_definition(norm)
            active = []
            for m in mentions:
                if _in(excluded, m.start, m.end) or advisory:
                    continue
                if definition and m.name in ("ma", "sma", "ema"):
                    continue
                active.append(m)
            marks = [(p, r) for p, r in _role_marks(norm) if not _in(excluded, p, p + 1)]
            # "don't buy if ...": the negated action is no entry of its own; its condition joins the entry stated beside
            # it (``leftovers.requirements``), never opens one
            gated = cues.gate_ranges(norm)
            marks = [(p, r) for p, r in marks if not any(p < a for a, _ in gated)]
            for_side = _FOR_SIDE.match(norm)
            if for_side and marks:
                on = _ON_SIDE[for_side.group(1)]
                marks = [(p, on.get(r, r)) for p, r in marks if p >= for_side.end()] \
                    or [(for_side.end(), "short" if for_side.group(1) == "short" else "buy")]
            # (only on a line with no action word of its own: "The setup: short TLT when ..." is the short's)
            label_norm = _ARTICLE_LABEL.sub(lambda m: m.group(1), norm, count=1) if not marks else norm
            label = cues.label_role(label_norm) or _noun_role(_OWN_LABEL.match(norm)) or _noun_role(_OWN_IS.match(norm)) \
                or (_topic_role(norm) if not for_side else None) \
                or (_FOR_IS_ROLES[re.sub(r"\s+", " ", m.group("w"))] if (m := _OWN_FOR_IS.match(norm)) else None)
            if not label and not marks and answer_role:
                label = answer_role
            explains = any(norm.rfind("(", 0, m.start()) <= norm.rfind(")", 0, m.start()) for m in _EXPLAINS.finditer(norm))
            if explains:
                label = None  # (a label over a sentence that explains a reading gives it no role)
            if not label and not explains and _TRIGGER_LABEL.match(label_norm):
                # "Setup: ... / Trigger: ...": the trigger opens the side its setup (or section) named
                label = last_label if last_label in ("buy", "short") else "short" if "short" in section else "buy"
            last_label = label or last_label
            if label:
                marks.insert(0, (0, label))  # "Entry: ..." covers the line; a cue inside it still wins after it
            # "a close above the 20-day high is the entry", "... is our long trigger": the role named as a noun
            for m in _IS_ROLE.finditer(norm):
                r = _noun_role(m)
                if r and not _in(excluded, m.start(), m.start() + 1) and all(r != x for _, x in marks):
                    marks = sorted(marks + [(m.start(), r)])
            # a buy-stop over a short (a sell-stop under a long) is the position's protective stop: no entry of the
            # other side, and its level is no rule (listed: a stop inside the bar is no close-to-close rule)
            guards: list[tuple[int, int]] = []
            for so in _STOP_ORDER.finditer(norm):
                other = "short" if so.group(1) == "buy" else "buy"
                if (any(r == other and p < so.start() for p, r in marks) or (prev_roles and prev_roles <= _CLOSING_ROLES[other])
                        or _PROTECTS.search(norm)) and not _OPENING_ORDER.search(norm):
                    stop_end = _STOP_PHRASE_END.search(norm, so.end())
                    guards.append((so.start(), stop_end.start() if stop_end else len(norm)))
            slopes_at = [a for g, a, _ in spans if g.what == "indicator slope"]
            if slopes_at:
                # "both stochastic lines are heading up": the oscillator named right before its direction is the
                # slope's subject, not an oscillator whose condition went unread
                spans = [(g, a, b) for g, a, b in spans if not (g.kind == "table" and any(0 <= x - b <= 2 for x in slopes_at))]
            if guards:
                marks = [(p, r) for p, r in marks if not any(a <= p < b for a, b in guards)]
                spans = [(g, a, b) for g, a, b in spans if not (g.what.startswith("stop ") and any(a < y and x < b for x, y in guards))]
                spans = spans + [(_PROTECTIVE_GAP, a, b) for a, b in guards]
            roles = {r for _, r in marks}
            inherited = item if (item and not c.heading and not _ITEM.match(c.marker + c.orig)) else section
            if announced and not roles and not c.heading:
                inherited = {announced}
            if k == 0 and carried and not roles and not c.heading:
                inherited = set(carried)  # the rest of the sentence the previous page ended in
            if not roles and not c.heading and prev_roles and _CONTINUATION.match(norm):
                # "- Short when ..." / "- and the RSI is above 85": a line opening with a connective goes on with
                # the rule above it, never the heading's side
                inherited = set(prev_roles)
            if c.heading:
                prev_roles = set()
            elif roles:
                prev_roles = roles
            counted = [m.span() for m in _COUNT.finditer(norm)]  # "fewer than 3 sectors have ...": a count, no level
            comps = [k for k in comparisons(norm, active, bindings, prior_osc) if not _in(excluded + counted, k.start, k.start + 1)
                     and not (k.right.kind == "const" and _in(counted, k.right.start, k.right.end))] if not (example or hedged) else []
            comps = _beside_partial_exit(norm, comps, spans, excluded)
            for f in fresh:
                # the one state of the qualifier's part of the sentence (up to the ";" or the qualifier before it);
                # several states that became true together stay states (an entry that holds while they all hold)
                start = max([norm.rfind(";", 0, f)] + [g for g in fresh if g < f])
                own = [k for k in comps if start < k.start < f]
                if len(own) == 1 and own[0].op in _CROSS_OF_STATE:
                    comps = [replace(k, op=_CROSS_OF_STATE[k.op]) if k is own[0] else k for k in comps]
            comps = [k for k in comps if not _in(guards + [e.span() for e in _EITHER_SIDE.finditer(norm)], k.start, k.start + 1)]
            comps = _same_subject(norm, comps)
            if prior_osc is not None and prior_osc not in active and any(k.left.mention is prior_osc for k in comps) \
                    and not any(prior_osc is m for i in out.infos for m in i.active):
                active.append(prior_osc)  # the oscillator "it" names was only declared before: this rule uses it
            # "We use the 200-day SMA. Buy when the price closes above it": the price against "it" in a clause that
            # names no average of its own is against the one average named before (the price is never against itself)
            lines_here = [m for m in active if m.name in _LINE_NAMES]
            if prior_line is not None and not lines_here and comps:
                swapped = [replace(k, right=Operand("ind", k.right.start, k.right.end, mention=prior_line))
                           if k.left.kind == k.right.kind == "price" and k.right.name is None and norm[k.right.start:k.right.end] == "it"
                           else k for k in comps]
                if any(a is not b for a, b in zip(swapped, comps)):
                    comps = swapped
                    if all(prior_line is not m for m in active):
                        active.append(prior_line)
            prior_line = lines_here[0] if len(lines_here) == 1 and len(active) == 1 else prior_line if not active else None
            comps = _cross_and_close(norm, comps)
            # "Signals are taken from the 14-day RSI. Readings under 30 trigger a buy": an oscillator's readings named
            # without it, in a clause naming no indicator, are the oscillator's of the sentence before
            if prior_osc is not None and not active and comps and not _TAUGHT.search(norm):
                # ... and so is a level after an action word alone ("Exit above 60."), inside the oscillator's range
                read = [replace(k, left=Operand("ind", k.left.start, k.left.end, mention=prior_osc))
                        if k.left.kind == "price" and k.left.start == k.left.end and k.right.kind == "const"
                        and (_READINGS.search(norm, max(0, k.left.start - 30), k.left.start)
                             or (cues.action_only(norm, k.left.start) and _in_range(prior_osc.name, k.right.value))) else k for k in comps]
                if any(a is not b for a, b in zip(read, comps)):
                    comps = read
                    active.append(prior_osc)
            # the oscillator a later sentence's "it" may refer to ("... CCI below -100. Sell when it rises above 100.")
            # (a clause naming one oscillator and nothing else, "we use an RSI(2) with levels of 10 and 90", names it too)
            prior_osc = next((k.left.mention for k in reversed(comps) if k.left.kind == "ind" and k.right.kind == "const"
                              and levelled(k.left.mention.name)),
                             active[0] if len(active) == 1 and levelled(active[0].name) and not norm.rstrip().endswith("?")
                             else prior_osc if not active else None)
            # "RSI(2) is below 10 and the VIX is above 20": an indicator foa lacks between the subject and the
            # comparator is the comparison's real subject, so the comparison is not the subject's
            comps = [k for k in comps if not any((g.kind == "indicator" or g.what in unsupported.QUANTITIES)
                                                 and k.left.end <= a and b <= k.start for g, a, b in spans)]
            # "breaks above the pivot point and the 20 EMA ...": one right after the comparator is its real object
            comps = [k for k in comps if not any(g.kind == "indicator" and k.start <= a and b <= k.right.start
                                                 and not norm[k.start:a].strip(" ,").count(" and ") for g, a, b in spans)]
            # "the VIX's weekly low sits over its 20-day SMA": a subject the reader only implied (no words of
            # its own) right after such an indicator is that indicator's, never the traded price
            comps = [k for k in comps if not (k.left.kind == "price" and k.left.start == k.left.end and any(
                g.kind == "indicator" and b <= k.start and k.start - b <= 12 and not any(b <= m.start < k.start for m in mentions)
                for g, a, b in spans))]
            # "the slope of the 200-day SMA is positive": a subject inside such a quantity's phrase is the quantity's,
            # and its indicator is no rule's (never a leftover trend filter)
            owned = [k for k in comps if k.left.kind in ("ind", "price") and any(g.kind == "indicator" and a <= k.left.start < k.left.end <= b <= k.start
                                                                    for g, a, b in spans)]
            gone: list = []
            if owned:
                comps = [k for k in comps if k not in owned]
                gone = [o.mention for k in owned for o in (k.left, k.right) if o.mention is not None]
                active = [m for m in active if all(m is not x for x in gone)]
            # "crosses above the SMA on above-average volume", "a stop 10 pips below the entry candle's low": a
            # comparator inside such a part's phrase is the part's (listed as unsupported), not a rule's
            absorbed = unsupported.absorbing_spans(norm) if spans else []
            comps = [k for k in comps if k.left.kind == "volume" or not any(a <= k.start < b for a, b in absorbed)]
            # "the 30-day SMA has a negative direction": the indicator right before a slope phrase is the slope's
            slopes = [a for g, a, b in spans if g.what in ("indicator slope", "moving-average slope")]
            sloped = [m for m in active if any(m.start <= a < m.end or (m.end <= a and not norm[m.end:a].strip()) for a in slopes)
                      and not any(o.mention is m for k in comps for o in (k.left, k.right))]
            if sloped:
                active = [m for m in active if all(m is not x for x in sloped)]
            if definition:  # "the crossing is known as a golden cross": the event named, not a rule on it
                comps = [k for k in comps if k.left.kind not in ("golden", "death")]
            none = _NONE_OF.search(norm)
            if none:  # "if none of them has a positive return, go to cash": the cash rule is the opposite state
                comps = [replace(k, op=FLIP.get(k.op, k.op)) if k.start > none.end() else k for k in comps]
            # "the MACD crosses above the MACD signal line", "macd.macd crosses macd.signal": the second MACD named
            # by its signal line is that line, not the MACD again
            comps = [_macd_signal(norm, k) for k in comps]
            # "a bullish MACD cross; ... a bearish MACD cross": one indicator against itself compares nothing (its
            # named signal is read below)
            comps = [k for k in comps if not (k.left.kind == k.right.kind == "ind" and k.left.mention is not None and k.right.mention is not None
                                               and (k.left.mention.name, k.left.mention.params, k.left.mention.output, k.left.mention.role)
                                               == (k.right.mention.name, k.right.mention.params, k.right.mention.output, k.right.mention.role)
                                               and k.left.mention.name in SIGNAL_LINES)]
            sig: list = []
            if not (example or hedged):
                # "go long when the MACD issues a buy signal": the indicator's conventional crossing; the words
                # naming the signal are no action ("buy signal"), so the role must come from another word
                in_comps = {id(o.mention) for k in comps for o in (k.left, k.right) if o.mention is not None}
                if any(o.kind in ("macdline", "signal", "hist") for k in comps for o in (k.left, k.right)):
                    in_comps |= {id(m) for m in active if m.name == "macd"}
                sig += [(k, s) for k, s in signal_comparisons(norm, [m for m in active if id(m) not in in_comps])
                       if not _in(excluded, k.start, k.start + 1)]
                if sig:
                    marks = [(p, r) for p, r in marks if not any(a <= p < b for _, (a, b) in sig)]
                    roles = {r for _, r in marks}
                if sig and (roles or inherited & {"buy", "sell", "short", "cover", "exit"}):
                    comps = sorted(comps + [k for k, _ in sig], key=lambda k: k.start)
                    active += [o.mention for k, _ in sig for o in (k.left, k.right)
                               if o.mention is not None and all(o.mention is not m for m in active)]
                comps = _pair_crosses(norm, active, comps, marks)
                comps, untaken = _breakouts(norm, active, comps, marks)
                active = [m for m in active if all(m is not x for x in untaken)]
                # price-bar rules (a candle's direction, the bar before's high, IBS, NR7, the VIX's level)
                if not (example or hedged):  # "investors typically buy after an outside bar": a habit, no rule
                    comps, spans, active = bars.read_into(norm, comps, spans, active, excluded, page.text or "", sloped + gone)
            # ... and "don't buy if the RSI(14) is above 70": the condition of a negated entry must not hold either
            unless = cues.unless_ranges(norm) + cues.gate_ranges(norm)
            if unless:
                # "buy when the close is above the SMA unless the RSI is above 80": the condition after "unless"
                # must not hold (its state's opposite); a crossing that must not happen is no state foa holds
                negated = [k for k in comps if _in(unless, k.start, k.start + 1)]
                comps = [replace(k, op=_NEGATE[k.op]) if k in negated else k for k in comps if not (k in negated and k.op not in _NEGATE)]
                if any(k.op not in _NEGATE for k in negated):
                    # its indicators are no rule's (never a leftover trend filter); the part is listed
                    active = [m for m in active if not _in(unless, m.start, m.end)]
                    spans = spans + [(lexicon.Gap("a crossing that must not happen ('unless ... crosses')", r"\bunless\b", "rule"), a, b)
                                     for a, b in unless]
            rank = ranking_of(norm) if not example else {}
            # "with a limit order 1% below the close": an entry order's distance, never a stop or target
            orders = [(a, b) for g, a, b in spans if g.what == "stop or limit entry order"]
            risk = risk_of(_blank(norm, orders) if orders else norm, moves=True) if not example else {}
            if not risk and not example and not roles and inherited & {"sell", "exit", "exit_long", "cover"} \
                    and _CONTINUATION.match(norm):
                # "- Cover when ..." / "- or after 4 days": the time limit of the exit above it
                risk = risk_of("exit " + norm.lstrip("-*+• \t"), moves=True)
            if not roles & {"buy", "short"}:
                # "when the market drops 5% in a day, people panic and sell": a one-day move is only ever an entry
                comps = [k for k in comps if not (k.left.kind == "ind" and k.left.mention.role == "day_move")]
            if "atr_multiple" in risk or "atr_trailing" in risk:
                # "a trailing stop 3 times the 14-day ATR below the highest close": the stop, not a comparison
                comps = [k for k in comps if not any(o.kind == "ind" and o.mention.name == "atr" for o in (k.left, k.right))]
            # "should we buy the breakout or fade it by short-selling?": a question names a short it does not take
            short_cue = (any(not _in(excluded, m.start(), m.end()) for m in cues.short_cues(norm)) or cues.opens_sell(norm)) \
                and not example and not norm.rstrip().endswith("?")
            # "| Fast EMA | 21 days |": a parameter table row declares the indicator the rules use
            table_decl = ("|" in norm or bool(_INLINE_DECL.match(norm))) and any(m.loose for m in active)
            # "position_t = sign(p_t / p_{t-252} - 1)": long when the return is positive, short when negative
            sign = _SIGN.search(norm) if not (example or comps) else None
            sign_roc = [m for m in active if m.name == "roc" and sign and m.start >= sign.end()]
            rule_bearing = bool(roles or comps or rank.get("cue") or risk or _CALC_STEP.search(norm) or table_decl or sign_roc
                                or (active and _SUB_DEF.search(norm))
                                or (declared and active) or ((inherited or rule_section) and active)
                                or (active and _COMPARES.search(norm) and compared_pair(norm, active) is not None))
            info = ClauseInfo(
                c, norm, mentions, active if rule_bearing or declared or declared_here else [], roles, set(inherited), rule_bearing, example,
                comps, risk, costs_of(norm), rank, rebalance_of(norm) if not example else None,
                frequency_cues(norm) if not example else [], short_cue, alt_short and not example, declared, active,
            )
            info.gaps = _rule_gaps(norm, spans, excluded, bool(roles or inherited or rule_section), example or advisory)
            # named beside a trading word ("buy on a bullish engulfing candle"): the refusal names it
            info.named_gaps = [g for g, a, b in spans if not _in(excluded, a, b) and not example and (
                g.kind == "setting" or rule_talk or any(lexicon.role_position(r, norm) is not None for r in lexicon.ACTIONS))]
            if c is other_system:
                info.gaps = info.gaps + [lexicon.Gap("another strategy in the same document (the first one is read)", "", "rule")]
            out.infos.append(info)
            if sign_roc:
                r = sign_roc[0]
                for role, op in (("buy", ">"), ("short", "<")):
                    k = Comparison(Operand("ind", r.start, r.end, mention=r), op, Operand("const", r.end, r.end, value=0.0), r.start)
                    out.rule_comps.append(RoleComp(role, k, info))
            if pending and roles and not comps:
                # "if crossover(fast, slow)" then "strategy.entry(...)": the action line gives the role
                role = _pick_role(marks, 0, None)
                out.rule_comps += [RoleComp(role, rc.comp, rc.info) for rc in pending]
                out.loose_comps = [rc for rc in out.loose_comps if rc not in pending]
                pending = []
            elif not (pending and not roles and not comps and _CODE_LINE.search(c.orig) and waited < 8):
                pending = []  # an "if" block's comments and assignments keep it waiting for its action line
            waited = waited + 1 if pending else 0
            item_line = bool(_ITEM_LINE.match(c.marker + c.orig))
            backref = bool(_BACKREF.match(norm) or (_ACTS.match(norm) and _BACKREF_AFTER.search(norm)))
            # "If both rules hold, buy SPY on the close; sell when the RSI rises above 70": the action on the listed
            # conditions comes first, a rule of its own after it (its conditions keep their own role)
            back_ref = _BACKREF.match(norm) if stated else None
            if back_ref and any(back_ref.start() <= k.start < back_ref.end() for k in comps):
                # "if all the rules above apply": the list referred back to, never a comparison of its own
                comps = info.comps = [k for k in comps if not back_ref.start() <= k.start < back_ref.end()]
            cond_at = min([k.start for k in comps] + [m.start for m in active], default=len(norm))
            lead_text = norm[:cond_at]
            lead_back = bool(stated and (comps or active) and (_BACKREF.match(lead_text) or (_ACTS.match(lead_text) and _BACKREF_AFTER.search(lead_text)))
                             and bool(marks) and marks[0][1] in ("buy", "short") and marks[0][0] < cond_at)
            backref = backref or lead_back
            # "Sell after 3 days." is a time exit complete by itself: the conditions stated before it are not its
            that = (_noun_role(_THAT_ROLE.match(norm)) or _that_to_role(norm)) if stated and not comps and not active else None
            if stated and (roles or that) and ((not comps and not active) or lead_back) \
                    and not (risk.get("max_holding_bars") or risk.get("max_holding")) \
                    and (len(norm) <= 40 or item_line or backref) and (_ACTS.match(norm) or that) and not _ACTION_NOUN.match(norm) \
                    and (stated[0].info.clause.block == c.block or backref) and not stated[0].info.roles:
                role = that or _pick_role(marks, 0, None)
                if role == "buy" and _SHORT_ORDER.match(norm) and not re.search(r"\blong\b", norm):
                    role = "short"  # an entry order under a low opens a short
                # "Only trade when the VIX is below 20. Sell on the reverse cross.": a gate on the entries never
                # becomes the exit after it (it stays loose for the entry's requirements)
                taken = [rc for rc in stated if role in ("buy", "short") or not _ENTRY_GATE.search(rc.info.norm)]
                out.rule_comps += [RoleComp(role, rc.comp, rc.info) for rc in taken]
                out.loose_comps = [rc for rc in out.loose_comps if rc not in taken]
                stated = []
            elif not (item_line and not roles) and not (
                    # "The 5-day RSI is below 20. The close is above the 200-day SMA. Buy at the close.": bare
                    # conditions in consecutive sentences of a paragraph wait together like a list's items
                    comps and not roles and not example and stated and len(out.infos) > 1 and stated[-1].info is out.infos[-2]
                    and stated[-1].info.clause.block == c.block):
                stated = []  # a list's condition items wait together for the item that says what to do
            if roles and not comps and not active and len(roles) == 1 and not example and _ANNOUNCE.search(norm):
                announced = next(iter(roles))
            elif announced and not (comps and not roles):
                announced = None  # the conditions end at the first sentence that is not a bare condition
            mirror = _MIRROR.search(norm) if not (example or hedged) and out.long_mirror is None else None
            # (the long side named with the mirror, or a buy after the clause's last condition, or a bare "and vice
            # versa" closing a sell or short rule)
            if mirror and not any(k.start > mirror.start() for k in comps) and (
                    mirror.group("longs") or any(r == "buy" and p > max((k.start for k in comps), default=-1) for p, r in marks)
                    or (mirror.group("bare") and roles and roles <= {"sell", "short", "exit"} and comps)):
                out.long_mirror = info
            if question and _IF_YES.match(norm):
                out.rule_comps += [RoleComp("buy", rc.comp, rc.info) for rc in question]
                out.loose_comps = [rc for rc in out.loose_comps if rc not in question]
            question = []
            side = side_answer(norm) if compared and not comps and roles else None
            if side:
                left, right, c_info = compared
                out.rule_comps.append(RoleComp(_pick_role(marks, 0, None), Comparison(left, side, right, 0), c_info))
            pair = compared_pair(norm, active) if not example else None
            compared = (*pair, info) if pair else compared if side else None
            cfg = _CFG_CROSS.match(norm)
            if cfg and not comps:
                # the named cross of a config is its entry: fast over slow (MACD over its signal line)
                a, b = cfg.span(1)
                if cfg.group(1) == "macd":
                    k = Comparison(Operand("macdline", a, b), "crosses_above", Operand("signal", a, b), a)
                else:
                    k = Comparison(Operand("golden", a, b), "crosses_above", Operand("golden", a, b), a)
                out.rule_comps.append(RoleComp("buy", k, info))
            subs = cues.split_subclauses(norm)
            asks = [m.span() for m in _ASKS.finditer(norm)]
            tail = _ASKED_ACTION.search(norm)
            if tail and comps and all(k.start < tail.start() for k in comps):
                # "When the RSI hits 30, is it time to buy?": the action is asked about, so its conditions are too
                asks.append((0, len(norm)))
            heads = _table_sides(norm) if "|" in norm else None
            if heads is not None and not comps:
                side_cols = (heads, c.block)
            elif "|" not in norm or (side_cols is not None and side_cols[1] != c.block):
                side_cols = None
            cell_roles = _cell_roles(norm, comps, side_cols[0]) if side_cols is not None and comps else {}
            for k in comps:
                sub = next((s for s in subs if s[0] <= k.start < s[1]), None)
                post = _POSTFIX.match(norm, k.right.end)
                nxt = next((s for s in subs if s[0] == sub[1]), None) if sub is not None and _COND_PART.match(norm, sub[0]) else None
                role = cell_roles.get(id(k)) or (_POSTFIX_ROLE[post.group(1)] if post else None) or _pick_role(marks, k.start, sub, nxt) or (
                    sorted(inherited)[0] if len(inherited) == 1 else None)
                if role == "exit" and _IT_CLOSED.search(norm, 0, k.start):
                    # "open a short position when ...; close it when ...": the position closed is the short opened before
                    opened = [r for p, r in marks if p < k.start and r in ("buy", "short")]
                    if opened and opened[-1] == "short":
                        role = "cover"
                if _in(asks, k.start, k.start + 1):
                    role = None  # asked, not stated
                if role in (_AGAINST_UP if k.op in ("crosses_above", ">") else _AGAINST_DOWN) and any(k is x for x, _ in sig):
                    continue  # "sell when the MACD gives a buy signal": the signal and its action disagree, no rule read
                (out.rule_comps if role else out.loose_comps).append(RoleComp(role, k, info))
                if not role and _IF_LINE.match(norm):
                    pending.append(out.loose_comps[-1])
                elif not role and not example:
                    stated.append(out.loose_comps[-1])
                if not role and (norm.rstrip().endswith("?") or _in(asks, k.start, k.start + 1) or _WHETHER.search(norm, 0, k.start)):
                    question.append(out.loose_comps[-1])
        # a page that ends mid-sentence hands the sentence's sides to the first line of the next page; the page a
        # located page's sentence runs on to is part of the strategy too
        continued = bool(carried) and located_before
        last = out.infos[-1] if len(out.infos) > first else None
        carried = set(last.roles or last.section) if last is not None and _CUT.search(last.clause.orig) else set()
        located_before = page.number in part
        for info in out.infos[first:]:
            info.located = page.number in part or continued
            info.rule_page = info.located or part.scores.get(page.number, 0) > 0
            # a gap on any line of the clause (code lines without punctuation, ProRealTime's "SET STOP %TRAILING 4",
            # join the clause above them)
            if _PROSE_SENTENCE.match(info.clause.orig) and not rewrites.get(info.clause.start):
                continue  # a sentence of prose the code reader read nothing from has no code gaps
            for off in [o for o in code_gaps if info.clause.start <= o < max(info.clause.end, info.clause.start + 1)]:
                info.gaps += [g for g in code_gaps[off] if g not in info.gaps]
    if other_system is not None:
        # the second strategy's part: its rules, markets and stops stay out; its title carries the listed gap
        for info in out.infos[next(k for k, i in enumerate(out.infos) if i.clause is other_system):]:
            info.located = False
            info.rule_page = info.clause is other_system
    _required_only(out)
    _short_only(out)
    return out


# "1. The MACD line must cross over its signal line. 2. The price must be above the 200-day EMA.": conditions a
# strategy requires ("must", "should", "has to"), stated as its rules with no action anywhere
_REQUIRES = re.compile(r"\b(?:must|should|has\s+to|have\s+to|needs?\s+to)\s+(?:also\s+|first\s+|then\s+)?(?:be|cross\w*|close|trade|rise|fall|move|break|stay|remain|turn|sit)\b")
_STRATEGY_WORD = re.compile(r"\b(?:strateg(?:y|ies)|trading\s+system|rules?|setup|conditions?)\b")


def _required_only(out: Reading) -> None:
    """A document whose only rules are conditions it requires, with no action or side named anywhere (no buy, sell,
    short, exit, no heading's side), reads them as the long entry; ``long_implied`` tells the builder to say so."""
    if out.rule_comps or out.hedged or not any(_STRATEGY_WORD.search(i.norm) for i in out.infos if i.located):
        return
    # (a title line naming the long side, "Our setup:", "Long entry:", with no condition of its own, agrees)
    if any((i.roles and not (i.roles == {"buy"} and not i.comps and i.clause.orig.rstrip().endswith(":")))
           or i.section - {"buy"} or i.short_cue for i in out.infos if i.located and not i.example):
        return
    required = [rc for rc in out.loose_comps if rc.info.located and not rc.info.example and _REQUIRES.search(rc.info.norm)
                and not rc.info.norm.rstrip().endswith("?")]
    if len({id(rc.info) for rc in required}) < 2:
        return  # one requirement alone is a remark, not a list of rules
    out.rule_comps += [RoleComp("buy", rc.comp, rc.info) for rc in required]
    out.loose_comps = [rc for rc in out.loose_comps if all(rc is not x for x in required)]
    out.long_implied = True


# "the MACD line crosses over its signal line and is below zero": the verb after "and" has the crossing's subject
_SUBJECT_GOES_ON = re.compile(r"\s*(?:line\s*)?(?:from\s+(?:below|above|under|over)\s*)?,?\s*and\s+(?:(?:is|be|are|stays?|remains?|sits?|trades?)\s+)?(?:still\s+|well\s+|also\s+)?"
                              r"(?:(?:below|under|beneath|above|over)\s*)?$")


def _same_subject(norm: str, comps: list[Comparison]) -> list[Comparison]:
    """A level comparison right after a crossing, joined by "and (is|be) ...", whose subject the reader took from the
    crossing's object ("... crosses over the signal line and is below 0" read as the signal line) is the crossing's
    subject.

    >>> from foa.extract.offline.compare import comparisons
    >>> from foa.extract.offline.mentions import find_mentions
    >>> n = "enter once macd crosses over its signal and is under 0"
    >>> [(k.left.kind, k.right.kind, k.op) for k in comparisons(n, find_mentions(n))][1]
    ('signal', 'const', '<')
    >>> [(k.left.kind, k.op) for k in _same_subject(n, comparisons(n, find_mentions(n)))]
    [('ind', 'crosses_above'), ('ind', '<')]
    """
    out = list(comps)
    for j, k in enumerate(out):
        if not k.op.startswith("crosses") or j + 1 >= len(out):
            continue
        nxt = out[j + 1]
        if nxt.right.kind != "const" or nxt.left.start != k.right.start or nxt.left.kind != k.right.kind:
            continue
        if _SUBJECT_GOES_ON.match(norm[k.right.end:nxt.start]) and k.left.kind != "const":
            out[j + 1] = replace(nxt, left=k.left)
    return out


_BUY_BACK = re.compile(r"\bbuy(?:s|ing)?\s+(?:it\s+|them\s+|the\s+\w+\s+)?back\b")


def _short_only(out: Reading) -> None:
    # "Short trades only. Enter when RSI(3) rises above 90": where the text trades the short side only and
    # never names a long, its neutral entries open shorts; "sell short when ...; buy back when ...": a buy-back
    # in a text that shorts and never names a long closes the short
    if any(cues.names_long(i.norm) for i in out.infos if i.rule_bearing and not i.example):
        return
    declared = any(cues.short_only(i.norm) for i in out.infos if not i.example)
    shorts = declared or any(rc.role == "short" for rc in out.rule_comps)
    if not shorts:
        return
    moved = {id(rc.info): ("cover" if _BUY_BACK.search(rc.info.norm) else "short")
             for rc in out.rule_comps if rc.role == "buy" and (declared or _BUY_BACK.search(rc.info.norm))}
    if not moved:
        return
    out.rule_comps = [RoleComp(moved[id(rc.info)], rc.comp, rc.info) if rc.role == "buy" and id(rc.info) in moved else rc
                      for rc in out.rule_comps]
    for i in out.infos:
        if id(i) in moved and "buy" in i.roles:
            i.roles = (i.roles - {"buy"}) | {moved[id(i)]}
