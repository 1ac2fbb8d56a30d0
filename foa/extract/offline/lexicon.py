"""The offline extractor's lexicon: the word classes of strategy prose, in one table.

Patterns elsewhere are generated from these classes, so a word added here works in every construction
at once: a falling verb added to ``FALLING`` makes "<verb> below", "<verb> beneath", "<verb> under" all
crossings; an action word added to ``ACTIONS["buy"]`` marks a buy in every clause. The pre-filter that
skips clauses without rule vocabulary (``TRIGGER``) is built from the same table, so it can never fall
out of step with the patterns.

Indicator names and their prose aliases come from the indicator table in ``foa.spec.indicators``;
``UNSUPPORTED`` lists what foa cannot express yet; ``TABLE_WORDS`` holds the prose names of the table's
TA-Lib rows (ADX, stochastics, SAR, candlestick patterns...) with short forms such as "%K" or "+DI".

>>> import re
>>> bool(re.fullmatch(CROSS_DOWN, "dips beneath")), bool(re.fullmatch(CROSS_UP, "rises past"))
(True, True)
>>> bool(TRIGGER.search("purchase the fund when its average turns up"))
True
>>> [u.what for u in unsupported_in("enter when the ichimoku cloud is green and the adx is above 25")]
['Ichimoku cloud', 'ADX (adx)']

The table indicators (ADX above) are listed only while no rule was read from them (``TABLE_WORDS``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from foa.spec import indicators as _indicators

__all__ = [
    "ACTIONS", "ENTRY_TAKE", "ENTRY_TAKE_VERBS", "MONEY_MOVE", "MONEY_MOVE_OUT", "SAFE_ASSETS", "SAFE_TICKERS", "CONDITION", "CONDITION_WORDS", "CROSS_DOWN", "CROSS_UP", "DOWN_PREPS", "FALLING", "FREQUENCY_WORDS", "HOLDING_WORDS", "INDICATOR_WORDS", "MOTION",
    "NOT_TICKER_WORDS", "RISING", "RISK_WORDS", "ROLE_MARKS", "STATE_DOWN", "STATE_UP", "STATE_VERBS", "TOUCH_BAND", "TOUCH_VERBS", "TICKER_CONTEXT", "TOPIC_STEMS",
    "MULTIPLE_WORDS", "TRIGGER", "UNITS", "UNSUPPORTED", "UP_PREPS", "volume_multiple", "Gap", "alternation", "gap_spans", "role_position", "unsupported_in",
    "CALL_NAMES", "SHORT_FORMS", "TABLE_FAMILIES", "TABLE_WORDS", "TABLE_WORD_RE", "gap_names", "table_gap_spans", "table_label", "table_word",
]


def alternation(words: tuple[str, ...] | list[str] | frozenset[str], *, bound: bool = True) -> str:
    """One regex alternation of literal phrases, longest first; spaces match any run of whitespace."""
    parts = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts)
    return rf"\b(?:{body})\b" if bound else f"(?:{body})"


# --------------------------------------------------------------------------------- actions by role
# What a clause tells the trader to do: words that are a cue by themselves. Inflections are listed, not
# guessed, so "sold" and "bought" count.
ACTIONS: dict[str, tuple[str, ...]] = {
    "buy": ("buy", "buys", "buying", "bought", "purchase", "purchases", "purchasing", "purchased", "acquire",
            "acquires", "acquiring", "allocating", "achat", "acheter", "compra", "kaufen"),
    "sell": ("sell", "sells", "selling", "sold", "vente", "vendre", "venta", "verkaufen"),
    "short": ("short", "shorts", "shorting", "sell short", "bet against"),
    "cover": ("cover", "covers", "covering", "buy to cover"),
    "exit": ("exit", "exits", "exiting", "liquidate", "liquidates", "liquidated", "liquidating"),
}
# holding a position rather than trading it: "hold XLK while ...", "own it only when ...", "move to cash"
HOLDING_WORDS = ("hold", "holds", "own", "owns", "invest", "invests", "allocate", "allocates", "rotate", "rotates",
                 "switch", "switches", "move to cash", "go to cash", "stay invested", "rebalance", "rebalances")
# money moved between holdings: "move into stocks", "switch our capital into equities", "we move money from the
# bond fund to that fund" open a holding; "move money from that fund to bonds", "rotate out of stocks" close it
# (``cues`` reads which by the target; the locator counts them as actions)
_MOVE_VERB = r"(?:move[sd]?|moving|shift(?:s|ed|ing)?|switch(?:es|ed|ing)?|rotat(?:e|es|ed|ing)|transfer(?:s|red|ring)?|put(?:s|ting)?|swap(?:s|ped)?)"
_MOVE_OBJ = (r"(?:(?:all\s+(?:of\s+)?)?(?:our|the|your|my|its|their|all|this|that)\s+)?"
             r"(?:money|capital|funds|assets|portfolio|allocation|exposure|investments?|holdings?|savings|everything)")
# bond and T-bill funds by their codes: "switch from SPY to TLT" leaves the holding for its safe side
SAFE_TICKERS = ("tlt", "ief", "iei", "shy", "shv", "bil", "sgov", "agg", "bnd", "govt", "edv", "zroz", "tlh", "vglt", "vgit",
                "vgsh", "bsv", "biv", "blv", "schr", "scho", "spts", "sptl", "tmf", "vustx")
SAFE_ASSETS = r"(?:" + "|".join(SAFE_TICKERS) + r"|cash|bonds?|(?:the\s+)?(?:bond|treasury|money[- ]market|cash)\s+fund|t-?bills?|treasur\w*|money[- ]market|the\s+sidelines|safety|safe\s+(?:assets?|havens?))\b"
_ASSET = (r"(?:stocks?|equit(?:y|ies)|shares|risk\s+assets|the\s+(?:stock\s+)?market|(?:the\s+)?(?:s&p\s*500|nasdaq(?:\s+100)?)"
          r"|(?:the\s+|an?\s+|our\s+)?(?:index|stock|equity|growth)\s+(?:funds?|etfs?|portfolio)"
          r"|(?:that|this|the\s+same|each|the)\s+(?:stock\s+|equity\s+)?(?:funds?|etfs?|stocks?|assets?|index|securit(?:y|ies)|positions?|markets?))\b")
# a ticker moved into where the sentence goes on to its condition: "move the portfolio into spy when ..." ("move to
# shy" names no side by itself: often the fallback)
_INTO_TICKER = (r"(?!(?:it|them|place|play|gear|effect|action|force|focus|view|line|cash|bonds?)\b)\$?[a-z^][a-z.]{1,5}"
                r"(?=\s*(?:[,;.]|$|\s(?:when|whenever|if|once|while|as\s+long|at|on|and)\b))")
MONEY_MOVE = (rf"\b{_MOVE_VERB}\s+(?:back\s+)?(?:{_MOVE_OBJ}\s+)?(?:back\s+)?(?P<frm>from\s+(?:[\w&$.'-]+\s+){{1,4}}?)?(?:back\s+)?"
              rf"(?:(?:into|to|in)\s+(?={SAFE_ASSETS}|{_ASSET})|(?(frm)(?:into|to)|into)\s+(?={_INTO_TICKER}))(?P<to>{SAFE_ASSETS}|{_ASSET}|{_INTO_TICKER})")
# an instrument taken as the entry: "trade ETH when ...", "play QQQ if ...", "get into SPY once ...", "we take AAPL
# whenever ...": the verb with an instrument right before its condition is a buy (short only where the text says
# so). The trader says it (the clause start, "I", "we", "you", "then", "and"): "traders trade ETH when ..." is
# hearsay; "take profits when", "trade higher when" name no instrument.
ENTRY_TAKE_VERBS = ("trade", "trades", "play", "plays", "take", "takes", "enter", "enters", "get into", "gets into",
                    "go into", "goes into", "get in", "jump into", "jumps into", "step into", "steps into")
_TAKE_SUBJECT = (r"(?:^(?:\W|\d+[.)])*|(?<=[,;:(]\s)|(?<=[,;:(])|(?<=\bi\s)|(?<=\bwe\s)|(?<=\byou\s)|(?<=\bthen\s)"
                 r"|(?<=\band\s)|(?<=\bonly\s)|(?<=\bjust\s)|(?<=\bsimply\s)|(?<=\bwill\s)|(?<=\bshould\s)|(?<=\bi'll\s)"
                 r"|(?<=\bwe'll\s)|(?<=\balso\s))")
_NOT_TAKEN = ("it", "its", "them", "this", "that", "these", "those", "the", "a", "an", "all", "any", "some", "half", "one",
              "each", "every", "profit", "profits", "gain", "gains", "loss", "losses", "partial", "partials", "action",
              "care", "cover", "note", "place", "part", "effect", "shape", "hold", "charge", "control", "turns", "less",
              "more", "only", "long", "short", "both", "nothing", "trade", "trades", "position", "positions", "signal",
              "signals", "entry", "entries", "over", "off", "out", "aim", "advantage", "shelter", "time", "risk", "size",
              "higher", "lower", "better", "worse", "up", "down", "sideways", "flat", "well", "near", "around", "above",
              "below", "again", "back", "there", "here", "money", "cash", "bonds", "bond", "safe", "along",
              "when", "whenever", "if", "once", "while", "not", "no", "never", "in", "on", "at", "to", "into", "with")
_TAKEN = (rf"\s+(?!(?:{'|'.join(sorted(set(_NOT_TAKEN)))})\b)(?![a-z]+ly\b)\$?[a-z^][a-z0-9]{{1,5}}(?:[./-][a-z]{{2,4}})?(?:\s+long)?")
# ... or after its condition: "when RSI(14) is below 30, trade ETH."
ENTRY_TAKE = (rf"{_TAKE_SUBJECT}{alternation(ENTRY_TAKE_VERBS)}{_TAKEN}"
              r"(?=\s+(?:only\s+)?(?:when|whenever|if|once|while|as\s+soon\s+as|as\s+long\s+as)\b)"
              rf"|(?<=,\s)(?:then\s+)?{alternation(ENTRY_TAKE_VERBS)}{_TAKEN}(?=\s*(?:[;.!]|$))")
# ("the RSI moves out of oversold territory" is an oscillator leaving its zone, no money moved)
MONEY_MOVE_OUT = (rf"\b{_MOVE_VERB}\s+(?:{_MOVE_OBJ}\s+)?out\b(?!\s+of\s+(?:an?\s+|the\s+|its\s+)?(?:deeply\s+|extremely\s+)?(?:oversold|overbought)\b)(?:\s+of\s+{_ASSET})?")
# Where a role sits in a clause: its action words and the words around a position ("enter", "in cash",
# "flat"), matched anywhere in a word ("invest" in "invested")
ROLE_MARKS: dict[str, tuple[str, ...]] = {
    "buy": ACTIONS["buy"] + ("long", "enter", "invest", "advance", "upside", "allocat", "remain", "stay", "re-enter", "reenter"),
    "sell": ACTIONS["sell"] + ("decline", "downside"),
    "short": ACTIONS["short"] + ("bet",),
    "cover": ACTIONS["cover"] + ("exit", "close"),
    "exit": ACTIONS["exit"] + ("cash", "close", "aside", "liquidat", "out", "flat"),
    "exit_long": ("exit", "close", "sell"),
}


def role_position(role: str, norm: str, start: int = 0, end: int | None = None) -> int | None:
    """Where a role sits in ``norm[start:end]``: its action words first (the leftmost), then the other
    position words in table order (the first one found), else None.

    >>> role_position("cover", "short when it closes below; cover when it closes above")
    28
    >>> role_position("buy", "if it holds, purchase more")
    13
    """
    end = len(norm) if end is None else end
    m = _ACTION_RE[role].search(norm, start, end) if role in _ACTION_RE else None
    if m:
        return m.start()
    for rx in _MARK_RES[role]:
        m = rx.search(norm, start, end)
        if m:
            return m.start()
    return None


_ACTION_RE = {r: re.compile(alternation(ws, bound=False)) for r, ws in ACTIONS.items()}
_MARK_RES = {r: [re.compile(re.escape(w)) for w in ws] for r, ws in ROLE_MARKS.items()}

# ----------------------------------------------------------------------------------- comparators
# Motion verbs: a rising verb with an upward preposition is a crossing above, a falling verb with a
# downward one a crossing below; neutral motion verbs take their direction from the preposition.
RISING = ("rise", "rises", "rising", "rose", "climb", "climbs", "climbing", "climbed", "jump", "jumps", "jumped",
          "pop", "pops", "popped", "surge", "surges", "surged", "rally", "rallies", "rallied", "spike", "spikes",
          "spiked", "push", "pushes", "pushed", "advance", "advances", "advanced", "recover", "recovers", "recovered",
          "move up", "moves up", "go up", "goes up", "trade up", "trades up", "close up", "closes up", "get back", "gets back")
FALLING = ("fall", "falls", "falling", "fell", "drop", "drops", "dropping", "dropped", "dip", "dips", "dipping", "dipped",
           "slip", "slips", "slipping", "slipped", "sink", "sinks", "sinking", "sank", "plunge", "plunges", "plunged",
           "decline", "declines", "declined", "slide", "slides", "slid", "tumble", "tumbles", "tumbled", "dive", "dives",
           "dived", "retreat", "retreats", "retreated", "slump", "slumps", "slumped", "move down", "moves down",
           "go down", "goes down", "trade down", "trades down", "close down", "closes down")
MOTION = ("cross", "crosses", "crossed", "crossing", "move", "moves", "moved", "go", "goes", "went", "break", "breaks",
          "broke", "breaking", "pass", "passes", "passed", "get", "gets", "got", "come", "comes", "came")
UP_PREPS = ("above", "over", "past", "beyond", "through", "up through")
DOWN_PREPS = ("below", "under", "beneath", "underneath", "through", "down through")
_BACK = r"(?:\s+back)?(?:\s+up)?"
CROSS_UP = (rf"(?:{alternation(RISING)}{_BACK}\s+{alternation(UP_PREPS)}"
            rf"|{alternation(MOTION)}{_BACK}\s+{alternation(tuple(p for p in UP_PREPS if p != 'through'))})")
CROSS_DOWN = (rf"(?:{alternation(FALLING)}(?:\s+back)?\s+{alternation(DOWN_PREPS)}"
              rf"|{alternation(MOTION)}(?:\s+back)?\s+{alternation(tuple(p for p in DOWN_PREPS if p != 'through'))})")
# verbs that reach a line without a direction of their own: "penetrates the upper band" takes it from the band
TOUCH_VERBS = ("tag", "tags", "tagged", "pierce", "pierces", "pierced", "penetrate", "penetrates", "penetrated",
               "hit", "hits", "reach", "reaches", "reached", "pokes through", "poke through",
               # a line the price comes back to: "returns to the middle band", "sell at the upper band"
               "return to", "returns to", "returned to", "get back to", "gets back to", "come back to", "comes back to",
               "go back to", "goes back to", "revert to", "reverts to", "reverted to", "at")
TOUCH_BAND = rf"{alternation(TOUCH_VERBS)}(?=\s+(?:the\s+|its\s+)?(?:upper|lower|middle|mid)\b)"
# state verbs: "closes beneath", "sits underneath", "stays past" are states, not crossings
STATE_VERBS = ("is", "are", "stays", "stay", "remains", "remain", "sits", "sit", "trades", "trade", "closes", "close",
               "holds", "hold", "ends", "end", "finishes", "finish", "settles", "settle", "prints", "print")
STATE_UP = (rf"{alternation(STATE_VERBS)}(?:\s+still)?\s+{alternation(('beyond',))}")
STATE_DOWN = (rf"{alternation(STATE_VERBS)}(?:\s+still)?\s+{alternation(('beneath', 'underneath'))}")

# multiples: "2x", "2 times", "twice", "1.5-times", "double"
MULTIPLE_WORDS = {"twice": 2.0, "double": 2.0, "doubled": 2.0, "triple": 3.0, "tripled": 3.0, "thrice": 3.0}
_MULTIPLE = re.compile(rf"\b(\d+(?:\.\d+)?)\s*-?\s*(?:x|times)(?!\w)|{alternation(tuple(MULTIPLE_WORDS))}")


def volume_multiple(norm: str) -> float | None:
    """The multiple of average volume a clause asks for ("volume at least 2x its 20-day average"), else None.

    >>> volume_multiple("and volume is more than twice the 50-day average volume")
    2.0
    >>> volume_multiple("volume above its 20-day average") is None
    True
    """
    v = re.search(r"\bvolume\b", norm)
    if not v:
        return None
    for m in _MULTIPLE.finditer(norm):
        if abs(m.start() - v.start()) <= 60:
            return float(m.group(1)) if m.group(1) else MULTIPLE_WORDS[m.group(0)]
    return None


# --------------------------------------------------------------------------------------- units
UNITS = ("trading day", "trading days", "business day", "business days", "minute", "minutes", "min", "mins", "hour",
         "hours", "hr", "hrs", "day", "days", "week", "weeks", "wk", "wks", "month", "months", "mo", "mos", "year",
         "years", "yr", "yrs", "bar", "bars", "period", "periods", "candle", "candles", "session", "sessions")
FREQUENCY_WORDS = ("daily", "weekly", "monthly", "quarterly", "annually", "intraday", "hourly")
# verbs that close a position at a gain or at a loss: "book profits at 8%", "lock in gains at 10%", "cap losses at 4%"
PROFIT_VERBS = ("take", "takes", "taking", "book", "books", "booking", "bank", "banks", "banking", "lock in", "locks in",
                "locking in", "realize", "realizes", "realizing", "realise", "realises", "realising", "secure", "secures",
                "harvest", "harvests", "cash in", "cashes in", "collect", "collects", "pocket", "pockets")
LOSS_VERBS = ("cut", "cuts", "cutting", "cap", "caps", "capping", "limit", "limits", "limiting", "take", "takes", "taking",
              "book", "books", "accept", "accepts", "stop", "stops", "keep", "keeps")
RISK_WORDS = ("stop", "stops", "stop-loss", "stoploss", "trailing", "trail", "profit", "target", "loss", "risk", "cut",
              "bail", "bank", "size", "sizing", "position size", "fee", "fees", "commission", "slippage")

# ----------------------------------------------------------------------------------- indicators
# every name and prose alias of foa's indicators, from the indicator table
# (a TA-Lib name that is no word of prose, such as "add" or "min", is left out: ``Indicator.prose_name``)
INDICATOR_WORDS: frozenset[str] = frozenset(
    w for rec in _indicators.table() for a in ((rec.name,) if rec.prose_name else ()) + rec.aliases
    for w in [a.replace("n day ", "").strip()] if w)


@dataclass(frozen=True)
class Gap:
    """Something a strategy text can ask for that foa cannot express: its label and how it is written."""

    what: str
    pattern: str
    # "indicator" gaps make a rule that uses them unexpressible; "rule" gaps (a time-of-day exit, sizing)
    # are separate parts of the strategy that are left out and listed; "setting" gaps (intraday bars, stops
    # in points) count wherever the strategy part states them
    kind: str = "indicator"


# Indicators foa lacks and rule kinds the DSL has no field for. The indicators of foa's table (ADX, SAR,
# stochastics, CCI, Williams %R, candlestick patterns...) are not here: they are read as mentions
# (``TABLE_WORDS``) and only listed, as ``TABLE_GAPS``, when no rule was read from them.
UNSUPPORTED: tuple[Gap, ...] = (
    Gap("Ichimoku cloud", r"\b(?:ichimoku|kumo|tenkan(?:[- ]sen)?|kijun(?:[- ]sen)?|senkou|chikou|lagging\s+span|leading\s+span|(?:above|below|under|over|into|the)\s+(?:the\s+)?(?:front\s+|leading\s+)?cloud)\b"),
    Gap("RVI (relative vigor index)", r"\b(?:i?rvi|relative\s+vigou?r(?:\s+index)?)\b"),
    Gap("Fibonacci levels", r"\bfib(?:onacci)?\s+(?:retracements?|levels?|extensions?)\b"),
    Gap("pivot points", r"\bpivot\s+points?\b"),
    # the patterns TA-Lib has (engulfing, hammer, doji...) are table indicators; these it has not
    Gap("candlestick pattern", r"\b(?:inside\s+bar|outside\s+bar|pin\s+bar|tweezer\s+(?:top|bottom)s?)\b"),
    Gap("volume multiple", r"\bvolume\b[^.;]{0,40}?\b(?:\d+(?:\.\d+)?\s*(?:x|times)|(?:twice|double|triple))\b|\b(?:\d+(?:\.\d+)?\s*(?:x|times)|twice|double|triple)\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:average\s+)?volume\b", "rule"),
    Gap("time-of-day exit", r"\b(?:exit|exits|close|closes|flatten|flattens|sell|sells|cover|covers|liquidate|get\s+out|i'm\s+out)\b[^.;]{0,40}?"
                            r"\b(?:at|by|before)\s+(?:the\s+)?(?:\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d\d|noon)(?!\w)", "rule"),
    Gap("options", r"\b(?:call|put)\s+options?\b|\b(?:covered\s+call|cash[- ]secured\s+put|iron\s+condor|straddle|strangle|credit\s+spread|debit\s+spread)\b|\b(?:buy|sell|write)\s+(?:\w+\s+){0,2}?(?:calls|puts)\b"
                   r"|\bleaps\b|\b(?:bull|bear)\s+(?:call|put)\s+spreads?\b|\b(?:calendar|diagonal|butterfly)\s+spreads?\b|\biron\s+butterfly\b"
                   r"|\bprotective\s+puts?\b|\b0\s?dte\b|\b\d+[- ]delta\s+(?:calls?|puts?|options?)\b", "rule"),
    Gap("pairs trade (spread of two assets)", r"\bpairs[- ]trad\w*|\bpair[- ]trading\b|\bcointegrat\w*|\bz[- ]?score\s+of\s+the\s+spread\b|\bspread\s+between\s+(?:the\s+)?two\b", "rule"),
    Gap("fundamental data", r"\b(?:p/?e\s+ratio|(?<=\()p/[ebs](?=\))|p/[ebs]\s+(?:below|under|above|of|less|lower|higher)|price[- ]to[- ](?:earnings|book|sales)|earnings\s+yield|earnings\s+(?:growth|surprise|per\s+share)|eps\s+growth|dividend\s+yield|book[- ]to[- ]market|return\s+on\s+equity|roe\b|debt[- ]to[- ]equity|free\s+cash\s+flow)\b"
                            # "companies with positive earnings", "an earnings beat", "insider buying", "short interest above 20%"
                            r"|\b(?:positive|negative|rising|falling|growing|declining)\s+(?:earnings|eps|revenues?|sales|profits|margins|cash\s+flows?)\b"
                            r"|\beps\s+(?:growth|above|below|of|over|under|rising|positive|[<>])|\bpiotroski\b|\bf-?score\b|\bearnings\s+(?:beats?|miss(?:es)?)\b"
                            r"|\binsider\s+(?:buying|selling|purchases?|transactions?)\b|\bshort\s+interest\b|\banalyst\s+(?:upgrades?|downgrades?|ratings?|estimates?|revisions?)\b", "rule"),
    Gap("moving-average slope", r"\bslope\s+of\s+(?:the\s+)?(?:\d+\s*-?\s*\w+\s+)?(?:sma|ema|ma|moving\s+average|average)\b"
                                r"|\b(?:sma|ema|ma|moving\s+average|average)\s+(?:is\s+|itself\s+)?(?:rising|falling|sloping\s+(?:up|down)\w*|turning\s+(?:up|down))\b"),
    Gap("consecutive bars condition", r"\b(?:\d+|two|three|four|five)\s+consecutive\s+(?:candles?|bars?|days?|sessions?|closes?|weeks?)\b"
                                      r"|\b\w+\s+(?:day|bar|session|close|week)s?\s+in\s+a\s+row\b"
                                      # "for each of the last 5 days", "on every one of the past 3 sessions", "4 days running"
                                      r"|\b(?:each|every|all)\s+(?:one\s+)?of\s+the\s+(?:last|past|previous|prior|preceding)\s+\d+\s+(?:days?|bars?|sessions?|weeks?|months?|candles?|closes?)\b"
                                      r"|\b\d+\s+(?:straight|successive)\s+(?:days?|bars?|sessions?|weeks?|months?|candles?|closes?)\b"
                                      r"|\b\d+\s+(?:days?|bars?|sessions?|weeks?)\s+(?:running|straight)\b"),
    Gap("scaling in or pyramiding", r"\b(?:scal(?:e|es|ing)\s+in(?:to)?|pyramid(?:ing|s)?|add(?:s|ing)?\s+(?:to\s+(?:the|a|winning)\s+positions?|(?:a\s+|another\s+|one\s+)?units?))\b", "rule"),
    Gap("partial exit", r"\b(?:partial(?:ly)?\s+(?:profits?|exits?|close|take)|(?:take|book|sell|close|exit)\s+(?:half|part|a\s+third|some)\s+(?:of\s+)?(?:the\s+)?(?:profits?|positions?)?|scal(?:e|ing)\s+out)\b", "rule"),
    Gap("distance from an all-time high", r"\b(?:from|off|below)\s+(?:its|the)\s+all[- ]time\s+high\b|\bdrawdown\s+from\s+(?:the\s+|its\s+)?(?:peak|high)\b", "rule"),
    Gap("calendar rule", r"\bturn\s+of\s+the\s+month\b|\bsell\s+in\s+may\b|\bhalloween\b|\bsanta\s+claus\s+rally\b|\bseasonal(?:ity)?\s+(?:rule|strategy|pattern|window)\b|\bpre-?holiday\b|\bday\s+of\s+the\s+week\b", "rule"),
    Gap("condition on the VIX (another market's level)", r"\b(?:\^?vix|volatility\s+index)\b(?!\s+(?:etf|etn|futures))"),
    Gap("opening gap", r"\bgap(?:s|ped|ping)?\s+(?:down|up|lower|higher)\b|\bgap[- ](?:down|up)\b|\bopening\s+gap\b"),
    Gap("same-day (intraday) exit", r"\b(?:at|on|by)\s+the\s+(?:close|end)\s+(?:of\s+)?(?:the\s+)?same\s+(?:day|session)\b|\bsame[- ]day\s+(?:exit|close)\b"
                                    r"|\b(?:exit|sell|close|cover)\w*\s+(?:\w+\s+){0,3}?(?:the\s+)?same\s+(?:day|session)\b"
                                    # "do not hold positions overnight", "never carry a trade overnight"
                                    r"|\b(?:do\s+not|don't|never|no)\s+(?:hold|holding|keep|keeping|carry|carrying)\s+(?:\w+\s+){0,2}?overnight\b", "rule"),
    Gap("grid trading", r"\bgrid\s+(?:trading|bot|levels?|strategy|orders?)\b", "rule"),
    # settings a strategy runs on that foa does not: they count wherever the strategy part states them
    Gap("intraday bars", r"\bperiod_(?:m\d+|h\d+)\b|\b\d+\s*-?\s*(?:minutes?|mins?|hours?|hr)\s+(?:chart|bars?|candles?|timeframe)\b"
                         r"|\b(?:1|4|5|15|30)\s*(?:m|h)\s+(?:chart|bars?|candles?|timeframe)\b|\bintraday\s+(?:chart|bars?|timeframe|system|strategy)\b", "setting"),
    Gap("stop or target in points or pips", r"\b(?:sl|stop(?:[- ]?loss)?|tp|take[- ]?profit|target)\b[^.;\n]{0,25}?\b\d+(?:\.\d+)?\s*(?:pips?|points?|ticks?)\b"
                                            r"|\b\d+\s*\*\s*_?point\b", "setting"),
    Gap("ATR trailing stop", r"\btrail\w*\b(?:[^.;]|\.(?=\d)){0,40}?\b(?:atrs?|average\s+true\s+ranges?)\b|\b(?:atrs?|average\s+true\s+range)\b(?:[^.;]|\.(?=\d)){0,25}?\btrailing\b"
                             r"|\bchandelier\s+(?:exit|stop)", "setting"),
    Gap("position sizing rule", r"\b(?:risk|risking)\s+(?:\d+(?:\.\d+)?\s*(?:%|percent)|one\s+percent|half\s+(?:a|one)\s+percent)\s+(?:of\s+)?(?:the\s+|your\s+|my\s+|our\s+)?(?:account|equity|capital|portfolio)\b|\bkelly\b"
                                # "position size = account risk / stop distance", "so that a stop-out costs 0.5% of equity"
                                r"|\bposition\s*size\s*[:=][^;\n]{0,40}?\brisk\b|\bstop[- ]?out\s+(?:costs?|loses?)\s+\d", "rule"),
)
# Named indicators neither foa nor TA-Lib has: short name, long name, how it is written. Listed as
# "<short> (<long>, an indicator foa lacks)" so a refusal names it the way a researcher would.
LACKING: tuple[tuple[str, str, str], ...] = (
    ("kst", "Know Sure Thing", r"\bknow\s+sure\s+thing\b|\bkst\b(?=\s*(?:\(|indicator|oscillator|line|crosses|is|above|below|signal|>|<))"),
    ("stc", "Schaff Trend Cycle", r"\bschaff(?:\s+trend(?:\s+cycle)?)?\b"),
    ("wavetrend", "WaveTrend oscillator", r"\bwave\s?trend\b"),
    ("squeeze", "TTM / squeeze momentum", r"\bttm\s+squeeze\b|\bsqueeze\s+momentum\b|\bsqueeze\s+(?:fires?|releases?|is\s+(?:on|off))\b"),
    ("qqe", "Quantitative Qualitative Estimation", r"\bqqe\b"),
    ("ssl", "SSL channel", r"\bssl\s+(?:channel|hybrid|line)s?\b"),
    ("zigzag", "ZigZag", r"\bzig\s?-?zag\b"),
    ("alligator", "Williams Alligator", r"\balligator(?:'s)?\s+(?:jaw|teeth|lips|lines?|indicator)|\bwilliams\s+alligator\b|\bthe\s+alligator\b"),
    ("alma", "Arnaud Legoux moving average", r"\barnaud\s+legoux\b|\bthe\s+alma\b|\balma\s*(?:\(|\d|moving|ma\b|lines?\b|cross|changes|turns|trend|rises|falls|slope|direction)"),
    ("vidya", "Variable Index Dynamic Average", r"\bvidya\b"),
    ("frama", "Fractal Adaptive Moving Average", r"\bframa\b|\bfractal\s+adaptive\b"),
    ("mcginley", "McGinley Dynamic", r"\bmcginley(?:\s+dynamic)?\b"),
    ("fisher", "Fisher Transform", r"\bfisher\s+transform\b|\behlers\s+fisher\b"),
    ("kvo", "Klinger volume oscillator", r"\bklinger\b"),
    ("connors rsi", "Connors RSI", r"\bconnors\s+rsi\b|\bcrsi\b"),
    ("laguerre rsi", "Laguerre RSI", r"\blaguerre\b"),
    ("chande kroll stop", "Chande Kroll stop", r"\bchande\s+kroll\b"),
    ("half trend", "HalfTrend", r"\bhalf\s?trend\b(?!\s+(?:of|is\s+over))"),
    ("ut bot", "UT Bot alerts", r"\but\s+bot\b"),
    ("volume profile", "volume or market profile", r"\b(?:volume|market)\s+profile\b|\bpoint\s+of\s+control\b|\bvalue\s+area\s+(?:high|low)\b"),
    ("open interest", "futures open interest", r"\bopen\s+interest\b"),
    ("funding rate", "perpetual funding rate", r"\bfunding\s+rates?\b"),
    ("trin", "Arms index (TRIN)", r"\btrin\b"),
    ("hurst exponent", "Hurst exponent", r"\bhurst\s+exponent\b"),
    ("elliott wave", "Elliott wave count", r"\belliott\s+waves?\b"),
    ("gann", "Gann angles or levels", r"\bgann\s+(?:fans?|angles?|square|levels?|lines?|grid)\b"),
    ("renko", "Renko or point-and-figure bricks", r"\brenko\b|\bpoint[- ]and[- ]figure\b"),
)
UNSUPPORTED = UNSUPPORTED + tuple(Gap(f"{short} ({name}, an indicator foa lacks)", pattern) for short, name, pattern in LACKING)
# ------------------------------------------------------------------------------- table indicators
# The TA-Lib rows of foa's indicator table, read from prose by their aliases. Short forms and output names
# the table's aliases do not hold: alias -> (indicator, output or None). "%K" is the stochastic's slow %K
# line (a "fast stochastic" document reads it as stochf's, see ``resolve``).
SHORT_FORMS: dict[str, tuple[str, str | None]] = {
    **{f: ("stoch", "slowk") for f in ("%k", "slow %k", "slowk", "stoch %k", "stochastic %k", "stochastics %k", "%k line", "k line")},
    **{f: ("stoch", "slowd") for f in ("%d", "slow %d", "slowd", "stoch %d", "stochastic %d", "stochastics %d", "%d line", "d line")},
    **{f: ("stochf", "fastk") for f in ("fast %k", "fastk")},
    **{f: ("stochf", "fastd") for f in ("fast %d", "fastd")},
    **{f: ("plus_di", None) for f in ("+di", "di+", "+dmi", "dmi+", "pdi", "positive directional movement",
                                      "positive directional index", "plus directional movement")},
    **{f: ("minus_di", None) for f in ("-di", "di-", "-dmi", "dmi-", "mdi", "negative directional movement",
                                       "negative directional index", "minus directional movement")},
    "dmi": ("dx", None),
    **{f: ("willr", None) for f in ("%r", "w%r", "wpr", "williams%r", "williams percent r")},
    "aroon up": ("aroon", "aroonup"), "aroon down": ("aroon", "aroondown"),
    "stochastic oscillators": ("stoch", None), "parabolic sar indicator": ("sar", None),
    # the code reader's spelling of an output ("the stochastic slowk(5, 3, 3)")
    **{f"{w} {o}": (n, o) for w in ("stoch", "stochastic") for n, o in (("stoch", "slowk"), ("stoch", "slowd"))},
    **{f"{w} {o}": ("stochf", o) for w in ("stoch", "stochastic") for o in ("fastk", "fastd")},
}
# TA-Lib names that are words of code only: read when called ("plus_di(14)", "cdlengulfing()"); the math
# functions ("max(", "add(", "ln(") are no indicators, and "Donchian(20)" is read as its highest/lowest lines
CALL_NAMES: frozenset[str] = frozenset(
    r.name for r in _indicators.table()
    if r.source == "talib" and r.group not in ("Math Operators", "Math Transform") and len(r.name) > 2 and r.name != "donchian")
# rows never read from prose by alias: price transforms and statistics name everyday things ("the median
# price"), Keltner channels are read as an EMA and ATR lines (``keltner.py``), "kaufman" is a person
_NOT_PROSE_ROWS = frozenset({"kc", "donchian", "medprice", "typprice", "wclprice", "correl", "percentrank", "linearreg", "tsf"})
_NOT_PROSE_ALIASES = frozenset({"kaufman", "fractals"})


def _table_words() -> dict[str, tuple[str, str | None]]:
    out: dict[str, tuple[str, str | None]] = {}
    for rec in _indicators.table():
        if rec.source != "talib" or rec.name in _NOT_PROSE_ROWS:
            continue
        for a in ((rec.name,) if rec.prose_name else ()) + rec.aliases:
            a = a.replace("n day ", "").strip()
            if a and a not in _NOT_PROSE_ALIASES:
                out.setdefault(a, (rec.name, None))
                # clauses are read with numbers as digits ("three white soldiers" -> "3 white soldiers")
                digits = re.sub(r"\b(one|two|three|four|five)\b", lambda m: str(("one", "two", "three", "four", "five").index(m.group(1)) + 1), a)
                out.setdefault(digits, (rec.name, None))
    out.update(SHORT_FORMS)
    return out


# every prose name of a table indicator foa reads beyond its own ten: alias -> (indicator, output)
TABLE_WORDS: dict[str, tuple[str, str | None]] = _table_words()
# the short forms that are words ("dmi", "wpr", "slowk") are indicator words too: never tickers, in the pre-filter
INDICATOR_WORDS = INDICATOR_WORDS | frozenset(w for w in SHORT_FORMS if re.fullmatch(r"[a-z]+", w))


def _word_re(word: str) -> str:
    # "on balance volume" = "on-balance volume"; "williams %r" = "williams%r"; "williams' %r"
    parts = [re.escape(p) for p in word.split(" ")]
    body = parts[0]
    for p in parts[1:]:
        body += (r"[\s'-]*" if p.startswith(("%", "\\%")) else r"[\s-]+") + p
    return body


# one alternation of every table word, longest first, bounded so "+di" and "%k" stand alone
TABLE_WORD_RE = (r"(?<![\w%+])(?:" + "|".join(_word_re(w) for w in sorted(TABLE_WORDS, key=lambda w: (-len(w), w)))
                 + r")(?![\w%]|[+-]\w)")


def table_word(text: str) -> tuple[str, str | None] | None:
    """The (indicator, output) a matched table word names, else None.

    >>> table_word("DI+"), table_word("Williams' %R"), table_word("on-balance volume")
    (('plus_di', None), ('willr', None), ('obv', None))
    """
    t = re.sub(r"\s+", " ", text.lower()).strip()
    spaced = re.sub(r"(?<=\w)-(?=\w)", " ", t)  # "on-balance volume"
    for key in (t, spaced, re.sub(r"'\s*", " ", spaced), re.sub(r"\s*'\s*|\s+(?=%)", "", spaced)):
        key = re.sub(r"\s+", " ", key).strip()
        if key in TABLE_WORDS:
            return TABLE_WORDS[key]
    return None


def table_label(name: str) -> str:
    """How a table indicator is listed when no rule was read from it: "ADX (adx)", "Parabolic SAR (sar)"."""
    short = {"adx": "ADX", "sar": "Parabolic SAR", "stoch": "stochastic oscillator", "cci": "CCI", "willr": "Williams %R",
             "obv": "OBV", "mfi": "MFI", "wma": "WMA", "vwap": "VWAP", "supertrend": "Supertrend", "aroon": "Aroon",
             "trix": "TRIX", "plus_di": "+DI", "minus_di": "-DI", "dx": "DMI"}
    if name in short:
        return f"{short[name]} ({name})"
    desc = _indicators.get(name).description
    return f"{desc.split(' (TA-Lib')[0]} ({name})"


_TABLE_WORD = re.compile(TABLE_WORD_RE)


def table_gap_spans(norm: str) -> list[tuple[Gap, int, int]]:
    """The table indicators a clause names, as gaps of kind "table": listed in ``spec.unsupported`` only when
    the spec holds no rule on them (``build``)."""
    out = []
    for m in _TABLE_WORD.finditer(norm):
        hit = table_word(m.group(0))
        if hit is not None:
            out.append((Gap(table_label(hit[0]), re.escape(m.group(0)), "table"), m.start(), m.end()))
    return out


# foa's own oscillators, read against levels: a level condition on one that the reader does not place is listed
# like a table indicator's ("RSI (rsi)"), and dropped from the list when a rule uses the indicator (``build``)
OWN_LEVELLED: dict[str, tuple[str, str]] = {
    "rsi": ("RSI", r"rsi|relative\s+strength\s+index"), "roc": ("rate of change", r"roc|rate[\s-]+of[\s-]+change"),
    "macd": ("MACD", r"macd(?:\s+(?:line|histogram))?")}
# the oscillator, its settings, then a level word and a number in the same sentence: "RSI(14) reads no more than 65",
# "the 12-day ROC is higher than 4 percent", "with RSI(14) in the 40-60 range", "MACD between -0.5 and 0.5"
_LEVEL_AFTER = (r"(?:\s*\(\s*\d+(?:\s*,\s*\d+)*\s*\))?[^.;:!?]{0,40}?(?:[<>]=?|\b(?:above|below|over|under|beneath|between|exceeds?|reads?|"
                r"greater|less|higher|lower|more|larger|bigger|smaller|at\s+least|at\s+most|near|around|within|in\s+the|reaches|hits|touches|equals?)\b)"
                r"[^.;:!?\d]{0,20}?(?<![\w.])-?\d+(?:\.\d+)?(?![\d.]\d|\d)(?!\s*-?\s*(?:days?|weeks?|months?|bars?|periods?|sessions?|years?)\b)")
_OWN_LEVEL = [(name, label, re.compile(rf"(?<![\w%+])(?P<word>{words})\b{_LEVEL_AFTER}")) for name, (label, words) in OWN_LEVELLED.items()]


def own_level_spans(norm: str) -> list[tuple[Gap, int, int]]:
    """foa's own oscillators a clause states a level condition on, as gaps of kind "table" ("RSI (rsi)") spanning
    the oscillator's name: listed only when the spec holds no rule on them, so a stated level rule the reader
    drops is never silently lost.

    >>> [(g.what, g.kind) for g, _, _ in own_level_spans("only buy while the rsi(14) reads no more than 65")]
    [('RSI (rsi)', 'table')]
    >>> own_level_spans("the rsi(14) is computed over 14 days")
    []
    """
    return [(Gap(f"{label} ({name})", rx.pattern, "table"), m.start(), m.end("word")) for name, label, rx in _OWN_LEVEL
            for m in [rx.search(norm)] if m]


# table indicators read as one system: a text's "DMI" is expressed by +DI/-DI, its "%K" may be the fast
# stochastic's; they also share the parameters a text states once ("ADX and DMI window of 14 periods")
TABLE_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"adx", "adxr", "dx", "plus_di", "minus_di"}), frozenset({"stoch", "stochf"}), frozenset({"aroon", "aroonosc"}))


def gap_names(what: str) -> frozenset[str]:
    """The table indicators that express a gap's indicator (itself and its family), empty for other gaps.

    >>> sorted(gap_names("stochastic oscillator (stoch)")), gap_names("options")
    (['stoch', 'stochf'], frozenset())
    """
    m = re.search(r"\(([a-z0-9_]+)\)$", what)
    if not m or m.group(1) not in _indicators.names():
        return frozenset()
    return next((f for f in TABLE_FAMILIES if m.group(1) in f), frozenset({m.group(1)}))


# "stochastic-free", "no-ADX": a name the text says it does without
_GAPS = [(g, re.compile(rf"(?:{g.pattern})(?![- ]?free\b)")) for g in UNSUPPORTED]


# words that make a clause conditional: a gap named in such a clause under a role is part of a rule
CONDITION_WORDS = ("when", "whenever", "if", "once", "while", "as soon as", "only if", "provided", "above", "below",
                   "under", "over", "cross", "crosses", "crossed", "crossover", "flips", "flip", "turns", "turn")
CONDITION = re.compile(alternation(CONDITION_WORDS) + r"|[<>]=?|" + CROSS_UP + "|" + CROSS_DOWN)


_ANY_GAP = re.compile("|".join(f"(?:{g.pattern})" for g in UNSUPPORTED))  # one scan before the per-gap ones


def gap_spans(norm: str) -> list[tuple[Gap, int, int]]:
    """Every gap a normalised clause names, with where it is (table order, then position); table
    indicators (kind "table") after the others, once per indicator."""
    out = [(g, m.start(), m.end()) for g, rx in _GAPS for m in [rx.search(norm)] if m] if _ANY_GAP.search(norm) else []
    seen: set[str] = set()
    for g, a, b in table_gap_spans(norm) + own_level_spans(norm):
        if g.what not in seen and not re.match(r"[- ]?free\b", norm[b:]):
            seen.add(g.what)
            out.append((g, a, b))
    return out


def unsupported_in(norm: str) -> list[Gap]:
    """The gaps a normalised clause names, in table order (never foa's own oscillators, which it expresses).

    >>> [g.what for g in unsupported_in("exit at 3:55 pm on the same day")]
    ['time-of-day exit']
    """
    own = {f"{label} ({name})" for name, (label, _) in OWN_LEVELLED.items()}  # foa expresses those
    return [g for g, _, _ in gap_spans(norm) if g.what not in own]


# --------------------------------------------------------------------------------- ticker words
# words a ticker pattern must never take: model, platform, indicator and method names, desk jargon
NOT_TICKER_WORDS = frozenset(
    """GARCH ARIMA ARMA VAR LSTM GRU CNN RNN XGBOOST PCA OLS SVM KNN HMM MACD RSI SMA EMA WMA DMA ATR ROC ADX CCI OBV MFI
    DATA INTRODUCTION INSTRUCTIONS RESULTS SUMMARY STRATEGY RULES SETUP DISCLAIMER
    SAR PSAR VWAP TWAP DMI BB TRIX AROON STOCH TA TALIB PINE MQL MQL4 MQL5 AFL EA EAS API CSV JSON YAML HTML PDF URL SQL
    MT4 MT5 GPT AI ML NN TV IBKR OHLC OHLCV PNL CAGR MDD DD ETF ETFS ETN FX CFD CFDS OTC IPO ESG REIT
    CEO CFO CTO CIO PM VP USA US UK EU FAQ TLDR TL DR IMO IMHO FYI NB PS AM PM UTC GMT Q1 Q2 Q3 Q4 YTD MTD QTD
    IBS NR4 NR7 WR7""".split())
# phrases right before a symbol that make it one: "ticker: X", "the X ETF", "shares of X"
TICKER_CONTEXT = ("ticker", "tickers", "symbol", "symbols", "universe", "instrument", "instruments", "shares of",
                  "units of", "etf", "fund", "stock", "futures", "contract", "trade", "trades", "buy", "sell", "short",
                  "hold", "long", "own", "on", "for")

# ----------------------------------------------------------------------------------- pre-filter
# topic stems: a clause without one of these (or an action, a rising or falling verb, a preposition of a
# comparison, a frequency, a risk word, an indicator name, a number or a symbol) holds no rule;
# a neutral motion verb ("goes", "moves") only compares with a preposition, which is in the filter.
# Left out, so that market prose skips the full parse: a unit dated by this/last/next ("this week": a rule's
# period is "each week", "the last trading day of the month"), "investors" (the actions are invest/invests/
# invested/investing) and "bank" without a profit or a number ("the central bank")
TOPIC_STEMS = ("averag", "band", "high", "low", "return", "momentum", "perform", "outperform", "strength", "hold",
               "rank", "top", "best", "strong", "winn", "rebalanc", "allocat", "signal", "breakout", "channel",
               "donchian", "lookback", "period", "rotat", "decile", "quintile", "quartile", "positi", "negati",
               "volume", "fast", "slow", "let", "exceed", "entr", "enter", "macd", "bollinger", "profit", "position",
               "long", "cross", "cash", "cut", r"invest(?:s|ed|ing)?\b", "mom", "trail", "stop", "loss", "target")
_SINGLE = sorted({w for ws in ACTIONS.values() for w in ws} | set(RISING) | set(FALLING) | set(UP_PREPS)
                 | set(DOWN_PREPS) | set(FREQUENCY_WORDS) | (set(RISK_WORDS) - {"bank"}) | INDICATOR_WORDS)
TRIGGER = re.compile(
    rf"{alternation(_SINGLE)}|(?<!\bthis )(?<!\blast )(?<!\bnext )(?:{alternation(sorted(UNITS))})"
    rf"|\b(?:{'|'.join(TOPIC_STEMS)})|\b(?:s|e|w|d)?ma\b|[<>=%$]|\d"
    r"|\.(?:close|exit|entry|liquidate)\w*\s*\("
    # "the system is always in the market": a stop-and-reverse system, long or short (no other rule word needed)
    r"|\balways\s+in\s+the\s+market\b"
)
