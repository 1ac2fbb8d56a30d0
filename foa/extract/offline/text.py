"""Text preparation for the offline extractor: clauses over the page text, and a normalised form to parse.

A ``Clause`` is a span of one page's text (so its ``orig`` is always a verbatim quote) plus ``norm``:
lower-cased, unicode-folded, numbers spelled out turned into digits ("fifty-day" -> "50-day"),
glued notations split ("EMA21" -> "ema 21", "200MA" -> "200 ma", "20days" -> "20 days").

>>> [c.norm for c in clauses_of("Buy when the fifty-day EMA21 rises.", page=1)]
['buy when the 50-day ema 21 rises.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Clause", "clauses_of", "normalize", "relative_levels", "repeated_lines", "words_to_numbers"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_RE = "|".join(_TENS)
_SMALL = rf"(?:(?:{_TENS_RE})(?:[- ](?:{_UNIT_RE}))?|{_UNIT_RE})"
# "two hundred", "two-hundred-day", "two hundred and fifty", "fifty-five", "twelve"
_NUMBER_WORDS = re.compile(
    rf"\b(?:(?P<h>{_SMALL})[\s-]+hundred(?:[\s-]+(?:and[\s-]+)?(?P<hr>{_SMALL}))?|(?P<s>{_SMALL}))\b(?!-(?:of|off|and|time)\b)",
    re.I,
)
# "one" as a pronoun ("a slower one", "the 200-day one", "which one"), not the number 1
_PRONOUN_ONE = re.compile(
    r"\b(?:a|an|the|this|that|which|each|every|any|no|other|another|same|new|old|right|wrong|next|previous|current|"
    r"slower|faster|longer|shorter|bigger|smaller|larger|stronger|weaker|better|worse)\s+$|(?:-day|-week|-month|-bar|-period)\s+$"
    # "the bearish one", "a downward one": an article and an adjective before it
    r"|\b(?:the|this|that|a|an)\s+(?!(?:last|first|only|past|next|top|bottom|about|over|under|at|of)\b)[a-z]+(?:ish|ward|ic|al|ive|ous|er|ed|ing)\s+$",
    re.I,
)
# "one and a half ATRs", "2 and a half percent", "1½": a half added to a whole number
_AND_A_HALF = re.compile(r"\b(\d+)\s+and\s+a\s+half\b|(\d+)\s*\u00bd")


def _small(text: str) -> int:
    parts = re.split(r"[- ]", text.lower())
    return sum(_TENS.get(p, _UNITS.get(p, 0)) for p in parts)


def words_to_numbers(text: str) -> str:
    """Replace spelled-out numbers with digits: ``"two hundred day"`` -> ``"200 day"``."""

    def repl(m: re.Match[str]) -> str:
        if m.group(0).lower() == "one" and _PRONOUN_ONE.search(text[max(0, m.start() - 20):m.start()]):
            return m.group(0)
        if m.group("h"):
            return str(_small(m.group("h")) * 100 + (_small(m.group("hr")) if m.group("hr") else 0))
        return str(_small(m.group("s")))

    out = _NUMBER_WORDS.sub(repl, text)
    return _AND_A_HALF.sub(lambda m: f"{m.group(1) or m.group(2)}.5", out)


_FOLD = str.maketrans({  # type: ignore[arg-type]
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00d7": "x", "\u2265": ">=", "\u2264": "<=", "\u00a0": " ", "\u2192": "->", "\u2009": " ", "\u202f": " ",
    "\u3008": "(", "\u3009": ")",
})
_MARKUP = re.compile(r"\*\*|__|`|\\(?=[_$])")
_PERCENT = re.compile(r"\s*(?:percent|per cent|pct)\b", re.I)
# glued notations: "EMA21", "MA10", "RSI2" / "200MA", "100EMA", "20days", "20d" / "12M return"
_GLUE_NAME_NUM = re.compile(r"\b(sma|ema|ma|wma|dma|rsi|roc|atr|macd|mom|adx|cci|mfi|wpr|willr|cmo|kama|tema|dema|hma|trix|natr)(\d+)\b")
# "% K", "cross% D": the stochastic's lines written with a space after the sign (never "20 % k", a percentage)
_STOCH_LINE = re.compile(r"(?<![\d.%])(?<!\d\s)\s*%\s+([kd])\b")
# "...the moving average3. A trade can...", "...slope2) no trade...": a list item's number glued to the end of the
# item before it (a lost line break), never a window or a level of that word
_GLUED_MARKER = re.compile(r"\b(?!(?:periods?|days?|bars?|weeks?|months?|years?|hours?|minutes?|candles?|sessions?|length|window|lookback"
                           r"|level|top|bottom|macd|willr|natr|kama|tema|dema|trix)\d)([a-z]{4,})\d{1,2}([.)])(?=\s+[a-z(]|\s*$)")
# "below or close to 20", "near or above 80": a side of a level with "close to" beside it, never the close price
_NEAR_SIDE = re.compile(r"\b(below|under|above|over)\s+or\s+(?:close|near|next)(?:\s+to)?\b|\b(?:close|near)(?:\s+to)?\s+or\s+(below|under|above|over)\b")
# "%Kline", "the Kline is above the Dline": the stochastic's lines glued to "line"
_PCT_KD_LINE = re.compile(r"%([kd])-?line\b")
_BARE_KD_LINE = re.compile(r"(?<![\w%])([kd])-?line\b")
# "2 ATR (Average True Range)", "the RSI (relative strength index)": a short form with its name spelled out after it
_SPELLED_OUT = re.compile(r"\b([a-z]{2,6})\s*\(\s*((?:[a-z]+[\s-]+){1,5}[a-z]+)\s*\)")


def _short_form(m: re.Match[str]) -> str:
    """The short form alone when the words in brackets spell it ("atr (average true range)" -> "atr")."""
    initials = "".join(w[0] for w in re.split(r"[\s-]+", m.group(2)) if w)
    return m.group(1) if initials == m.group(1) else m.group(0)


_GLUE_NUM_NAME = re.compile(r"\b(\d+)(sma|ema|ma|wma|dma|days?|d|weeks?|wk|w|months?|mo|m|bars?|periods?)\b")
# forum typos of the grammar's own words ("bolinger", "abve", "bellow"): read as meant, never a new word
_TYPOS = {"bolinger": "bollinger", "bollinguer": "bollinger", "bolliger": "bollinger", "abve": "above",
          "abov": "above", "bellow": "below", "belo": "below", "crosover": "crossover", "corsses": "crosses",
          "movng": "moving", "simpel": "simple", "exponetial": "exponential", "crossess": "crosses", "croses": "crosses",
          "crosss": "crosses", "crossove": "crossover", "corssover": "crossover", "abouve": "above",
          "abowe": "above", "bellows": "below", "beneth": "beneath", "avarage": "average", "averge": "average",
          "avergae": "average", "signel": "signal", "singal": "signal", "histogramm": "histogram", "relatve": "relative",
          "stochastik": "stochastic", "stocastic": "stochastic", "stohastic": "stochastic", "momemtum": "momentum",
          "momentun": "momentum", "crosess": "crosses", "crosees": "crosses", "crossses": "crosses", "corsses": "crosses",
          "crosed": "crossed", "crosing": "crossing", "crossin": "crossing", "crses": "crosses"}
_TYPO = re.compile(r"\b(" + "|".join(_TYPOS) + r")\b")
# "its 10-month average", "the 200-day avg": an N-period average of price is a moving average (not the
# average true range, an average gain/loss/volume, or "the 20-day average of ...", which names what it averages)
_BARE_AVG = re.compile(r"\b(\d+\s*-?\s*(?:day|week|month|bar|period|session)s?)\s+(?:average|avg)\b"
                       r"(?!\s+(?:true|daily|weekly|monthly|volume|return|gain|loss|range|price|volatility|of|in|dollar|turnover|spread))")
# "more than 2 standard deviations below the 20-day average": beyond a Bollinger band by its definition
_SIGMA_BAND = re.compile(r"(?:\b(?:more\s+than|at\s+least|over)\s+)?\b(\d+(?:\.\d+)?)\s*(?:standard\s+deviations?|std\.?(?:\s*devs?)?|sd|sigmas?)\s+"
                         r"(below|under|beneath|above|over)\s+(?:the|its|a)\s+(\d+)\s*-?\s*(?:day|bar|period|week|session)s?\s+"
                         r"(?:simple\s+)?(?:moving\s+)?(?:average|mean|sma|ma)\b")
# "when the IBS (or stochastic oscillator) falls below 10": an alternative name in brackets names nothing else
_OR_ALIAS = re.compile(r"\s*\(\s*or\s+(?:the\s+|a\s+|an\s+)?[a-z][a-z %-]{1,40}\)")
# "the MACD line must crossover the signal line": the noun written for the verb after a modal or "to"
_CROSS_NOUN_VERB = re.compile(r"\b(must|should|to|will|would|can|could|may|might|does|did|has\s+to|needs?\s+to)\s+cross(over|under)\b")
# formulas of one line against another, written with arithmetic: "(EMA(10) - EMA(30)) / EMA(30) > 0.05",
# "EMA(10) / EMA(30) > 1.05", "close < sma(20) * 0.97" read as the words the comparison grammar holds ("ema(10) is
# more than 5% above ema(30)")
_OPND = r"(?:[a-z_][\w.]*\s*\([^()]*\)|close|c|price)"
_REL_DIFF = re.compile(rf"\(\s*({_OPND})\s*-\s*({_OPND})\s*\)\s*/\s*({_OPND})\s*(>=|<=|>|<)\s*(-?\d*\.?\d+)(?!\d|\.\d)")
_RATIO = re.compile(rf"(?<![\w)])({_OPND})\s*/\s*({_OPND})\s*(>=|<=|>|<)\s*(\d*\.?\d+)(?!\d|\.\d)")
_TIMES = re.compile(rf"(?<![\w)])({_OPND})\s*(>=|<=|>|<)\s*({_OPND})\s*\*\s*(\d*\.?\d+)(?!\d|\.\d|\s*[-+*/(])")


def _beyond(a: str, op: str, b: str, k: float) -> str | None:
    """``a op b * k`` in words, or None where the words would say something else."""
    pct = f"{abs(k - 1) * 100:.6g}"
    if op in (">", ">=") and k > 1:
        return f"{a} is {'at least' if op == '>=' else 'more than'} {pct}% above {b}"
    if op in ("<", "<=") and 0 < k < 1:
        return f"{a} is {'at least' if op == '<=' else 'more than'} {pct}% below {b}"
    return None


def relative_levels(s: str) -> str:
    """A line against another written as arithmetic, in words (a normalised clause in, a normalised clause out).

    >>> relative_levels("(ema(10) - ema(30)) / ema(30) > 0.05")
    'ema(10) is more than 5% above ema(30)'
    >>> relative_levels("close < sma(20) * 0.97"), relative_levels("ema(5) / ema(20) >= 1.1")
    ('close is more than 3% below sma(20)', 'ema(5) is at least 10% above ema(20)')
    """
    if "/" not in s and "*" not in s:
        return s

    def rel(m: re.Match) -> str:
        if re.sub(r"\s", "", m.group(2)) != re.sub(r"\s", "", m.group(3)):
            return m.group(0)
        return _beyond(m.group(1), m.group(4), m.group(2), 1 + float(m.group(5))) or m.group(0)

    s = _REL_DIFF.sub(rel, s)
    s = _RATIO.sub(lambda m: _beyond(m.group(1), m.group(3), m.group(2), float(m.group(4))) or m.group(0), s)
    return _TIMES.sub(lambda m: _beyond(m.group(1), m.group(2), m.group(3), float(m.group(4))) or m.group(0), s)


# a web address: its path's words ("/8-month-sma-strategy-2/") are no window, indicator or rule of the text
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]\"']+")
# "an 8-monthly moving average", "the 20-daily EMA", "a 10-weekly SMA": the adjective form of a window's unit
_PERIOD_LY = re.compile(r"\b(\d+)\s*-?\s*(dai|week|month|quarter|year)ly(?=\s+(?:\(?(?:simple|exponential|smoothed|weighted)\s+)?"
                        r"(?:moving\s+average|average|avg|mean|sma|ema|wma|ma|rsi|roc|rate\s+of\s+change|high|low|channel|momentum)\b)")
_SPACES = re.compile(r"[ \t]+|[ \t]*\n[ \t]*")  # a hard-wrapped line is one line of prose
# config and code spell comparisons and lines as identifiers: "crosses_above", "macd_line", "signal_line"
_SNAKE = re.compile(r"\b(cross(?:es|ed)?|crossover|crossunder|is|closes?|moves?)_(above|below|over|under|up|down)\b"
                    r"|\b(macd|signal|zero)_(line)\b")


# a two-cell table row holding a setting: "| RSI period | 3 |" reads as "RSI period: 3"
_SETTING_ROW = re.compile(r"^\s*\|\s*([A-Za-z%][^|\n]{0,40}?)\s*\|\s*([-+]?\d+(?:\.\d+)?(?:\s*(?:%|bars?|days?|periods?))?)\s*\|\s*$")


def normalize(text: str) -> str:
    """Lower-case, fold unicode punctuation, spell numbers as digits, split glued notations; a two-cell
    settings row reads as a label and its value.

    >>> normalize("| RSI Period | 3 |")
    'rsi period: 3'
    """
    text = _SETTING_ROW.sub(r"\1: \2", text)
    text = _URL.sub("(link)", text)
    s = text.translate(_FOLD)
    s = _MARKUP.sub("", s)
    s = words_to_numbers(s)
    s = _PERCENT.sub("%", s)
    s = s.lower()
    s = _TYPO.sub(lambda m: _TYPOS[m.group(1)], s)
    s = _SPELLED_OUT.sub(_short_form, s)
    s = _STOCH_LINE.sub(r" %\1", s)
    s = _PCT_KD_LINE.sub(r"%\1 line", s)
    if _BARE_KD_LINE.search(s) and len({m.group(1) for m in _BARE_KD_LINE.finditer(s)}) == 2:
        s = _BARE_KD_LINE.sub(r"%\1 line", s)  # "the Kline is above the Dline": both lines named, never a crypto "kline" (a candle)
    s = _GLUED_MARKER.sub(r"\1\2", s)
    s = _NEAR_SIDE.sub(lambda m: m.group(1) or m.group(2), s)
    # "sma1", "ma2" are code variable names (a 1- or 2-bar average is no average); "ema21", "rsi2" are notation
    s = _GLUE_NAME_NUM.sub(lambda m: m.group(0) if m.group(1).endswith("ma") and m.group(2) in ("1", "2") else f"{m.group(1)} {m.group(2)}", s)
    s = _GLUE_NUM_NAME.sub(r"\1 \2", s)
    s = _SIGMA_BAND.sub(lambda m: f"{'below the lower' if m.group(2) in ('below', 'under', 'beneath') else 'above the upper'} "
                                  f"bollinger band ({m.group(3)}, {m.group(1)})", s)
    s = _OR_ALIAS.sub("", s)
    s = _CROSS_NOUN_VERB.sub(lambda m: f"{m.group(1)} cross {m.group(2)}", s)
    s = _PERIOD_LY.sub(lambda m: f"{m.group(1)}-{'day' if m.group(2) == 'dai' else m.group(2)}", s)
    s = _BARE_AVG.sub(r"\1 moving average", s)
    s = _SNAKE.sub(lambda m: " ".join(g for g in m.groups() if g), s)
    s = relative_levels(s)
    return _SPACES.sub(" ", s)


@dataclass
class Clause:
    """One sentence (or bullet, heading, table row) of a page: a verbatim span and its parse form."""

    page: int
    start: int
    end: int
    orig: str
    norm: str
    heading: bool
    block: int
    marker: str = ""  # a numbered list item's "3. ", kept apart so the quote starts at the item's words


# (a dash before a digit is a minus sign, "-150"; "7.5%" is a decimal: neither marks a list item)
_BULLET = re.compile(r"^\s*(?:[-+](?!\d)|[*\u2022\u25cf\u25aa>]|\d+[.)](?!\d)|#+|\|)\s*")
_HEADING = re.compile(r"^\s*(?:#+\s|\*\*[^*]+\*\*:?\s*$)|:\s*$|^\s*\{[^{}]*:\s*\}\s*$|\b(?:when|if|once|conditions?)\s*[-:\u2013\u2014]+\s*$"
                      # a manual's section title on its own line: "Inputs", "Logic", "Parameters"
                      r"|^\s*(?i:inputs?|parameters?|settings?|logic|rules?|notes?|description|overview|remarks|properties|exits?|entry|entries)\s*$"
                      # "Entry criteria", "Long exit conditions", "Sell signal": a rule section's title on its own line
                      r"|^\s*(?i:(?:long|short)\s+)?(?i:entry|entries|exits?|buy|sell|long|short|cover)\s+(?i:criteria|conditions?|rules?|signals?|setups?|triggers?|logic)\s*$"
                      # "LONG ENTRY", "Short position", "Setup for shorts": a side's section title on its own line
                      r"|^\s*(?i:long|short|buy|sell)\s+(?i:entry|entries|exits?|positions?|trades?|side|setups?)\s*$"
                      r"|^\s*(?i:setups?|rules?|conditions?|criteria|signals?)\s+(?i:for)\s+(?i:longs?|shorts?|buying|selling|(?:long|short)\s+(?:trades|positions|entries))\s*$"
                      # "Bullish setup", "Bearish entries", "When to buy", "How to go short": a side's title in other words
                      r"|^\s*(?i:bullish|bearish)\s+(?i:setups?|entry|entries|trades?|signals?|conditions?|rules?)\s*$"
                      r"|^\s*(?i:when|how)\s+(?i:to)\s+(?i:buy|sell|enter|exit|short|cover|go\s+long|go\s+short|get\s+in|get\s+out)"
                      r"(?:\s+(?i:the\s+)?(?i:trade|position|market))?\s*$")
# a JSON/YAML line ("fast_period": 8, / "entry": {...} / }): one setting a line, never joined as prose
_CONFIG_LINE = re.compile(r"""^\s*(?:["'][\w .-]+["']\s*:|[{}\[\]]|[a-z_][\w.]*\s*:\s*\S+\s*$)""")
_FORMULA = re.compile(r"->|=|[<>]")
_ENDS_SENTENCE = re.compile(r"[.!?:;)\]|}]\s*$")  # (a "{...}" comment line of platform code ends too)
# a sentence ends at . ! ? followed by space and an upper-case letter, digit or bracket; not after e.g./vs./U.S.
_SENT_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[\"'$])")
_MARKER = re.compile(r"\d{1,2}\.\s+(?=\S)")
# (a list's "1." at the start of a line is its marker, not a sentence)
_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|vs|etc|inc|co|corp|ltd|mr|mrs|dr|no|fig|approx|u\.s|u\.k|jr|sr|st)\.|\b[A-Za-z]\.|^\s*\d{1,2}\.)$", re.I)


# a running header or footer: "ISSUER  |  Desk  |  Note type  |  14 March 2024" (fields split by pipes,
# not a table row, which starts with one)
_RUNNING = re.compile(r"^\s*[^|\s][^|]*(?:\s\|\s[^|]+){2,}$")


def repeated_lines(pages: list[str]) -> frozenset[str]:
    """Lines that appear on two or more pages: running headers and footers, never part of a sentence.

    >>> sorted(repeated_lines(["ACME | Note\\nBuy SPY.", "ACME | Note\\nSell SPY."]))
    ['ACME | Note']
    """
    seen: dict[str, int] = {}
    for text in pages:
        for line in {ln.strip() for ln in text.split("\n") if len(ln.strip()) >= 8}:
            seen[line] = seen.get(line, 0) + 1
    return frozenset(line for line, n in seen.items() if n >= 2)


# a line broken inside a clause: it ends on a word that needs more after it ("the", "is", "crosses",
# "below", "and", "when", a comma), or the next line goes on in lower case without opening a new rule
_MID_CLAUSE = re.compile(
    r"(?:,|&|(?<![-\u2013\u2014])[-\u2013\u2014]|\b(?i:the|a|an|its|their|this|that|of|to|by|with|from|for|in|on|at|into|above|below|than|and|or"
    r"|under|over|beneath|through|but|nor|when|whenever|if|once|while|until|unless|is|are|was|were|be|been|has|have|had|will|would|should|must|can|could"
    r"|crosses|reaches|exceeds|hits|touches|we|you|they|our|your|both|either|each|every|at least|at most|last|past|prior"
    r"|previous|next|first|top|s&p)|\d+\s*-?\s*(?i:day|week|month|year|bar|period|session|minute|hour))\s*$")
# a line ending on a comparison or preposition wants its number next: "... is below" / "22." (no list item)
_WANTS_NUMBER = re.compile(r"\b(?i:below|above|under|over|than|of|to|at|by|from|beneath|exceeds|reaches|hits|touches|is|equals"
                           r"|near|around|between|and)\s*$")
# a trading verb ending the line takes its object on the next one: "we buy" / "IWM, and ..."
_VERB_END = re.compile(r"\b(?i:buy|sell|purchase|short|hold|own|trade|go)\s*$")
_TICKER_START = re.compile(r"\s*\^?[A-Z][A-Z0-9.=^-]{1,8}\b(?=\s*[,.;:)]|\s+[a-z(])")
# the rest of a clause in a word that cannot open a rule: a conjunction, preposition or comparison
_CONNECTIVE_START = re.compile(r"\s*(?:when|whenever|if|once|while|until|unless|and|or|but|than|below|above|under|over|to|of|at"
                               r"|by|with|in|on|for|from|is|are|crosses|rises|falls|drops|closes|moves|exceeds|reaches)\b")
# a line opening a new rule or item ("sell when ...", "exit: ...", "note ..."), not the rest of the sentence above
_NEW_RULE = re.compile(r"\s*(?i:buy|sell|short|cover|go|enter|exit|long|short|close\s+(?:the|all|out)|note|stop|take|risk)\b"
                       r"(?!\s+(?:signal|entry|exit|condition|rule|position|below|above|under|over|the\s+\d))")
# the rest of a sentence: lower case, or a bracket that is no list enumerator ("(^GSPC) whenever", not "(b) sell")
_LOWER_START = re.compile(r"\s*(?:[a-z%$]|\((?![a-z0-9]{1,3}\)))")
_CODE_WRAP = re.compile(r"[{}]|^\s*(?:def|class|var|let|const|inputs?|vars|plot|return)\b")
_INDENTED = re.compile(r"(?: {2,}|\t)")
_NAME_END = re.compile(r"(?:^|\s)[A-Z][A-Za-z&]*\s*$")
_DIGIT_START = re.compile(r"\s*\d")
_NUMBERED = re.compile(r"\s*\d+(?:\.\d+)?[.)%]?(?:\s|$)")
_CLOSE_BRACKET = re.compile(r"[)\]]\s*$")


def _wrapped(prev: str, line: str) -> bool:
    """Whether ``line`` carries on the sentence ``prev`` broke off (a short line before the break).

    >>> _wrapped("Buy SPY when the 14-day RSI is", "Below 25.")
    True
    >>> _wrapped("Entry signal", "sell when it closes lower")
    False
    """
    if "|" in prev or "|" in line or _CODE_WRAP.search(prev) or _CODE_WRAP.search(line) or (_INDENTED.match(line) and not _BULLET.match(prev)):
        return False  # tables and code keep their lines (an indented line continues only a list item)
    if _MID_CLAUSE.search(prev) or _CONNECTIVE_START.match(line):
        return True
    if _NAME_END.search(prev) and _DIGIT_START.match(line) and not _DIGIT_START.match(prev):
        return True  # "the Nasdaq" / "100 fund": a name and its number (lines both opening on a number are a list)
    if _TICKER_START.match(line) and re.search(r"\b[a-z][a-z-]*\s*$", prev) and len(prev.split()) >= 3:
        return True  # "the small-cap fund" / "IWM as soon as ...": a symbol carrying the clause on
    if _VERB_END.search(prev):
        return bool(_TICKER_START.match(line) or (_LOWER_START.match(line) and not _NEW_RULE.match(line)))
    return bool(_LOWER_START.match(line)) and not _NEW_RULE.match(line) and len(prev.split()) >= 3


def _next_item(prev: str, line: str) -> bool:
    """Whether ``line`` opens the next item of the numbered list ``prev`` is an item of: its number at most one more
    than the item's ("2. ... closes below" / "1. a long position ...": a sub-list starts again), never a level.

    >>> _next_item("2. the close falls below", "1. a long position needs a rising average"), _next_item("1. RSI is below", "25. Sell")
    (True, False)
    """
    p, n = re.match(r"\s*(\d{1,2})[.)]\s", prev), re.match(r"\s*(\d{1,2})[.)]\s", line)
    return bool(p and n and int(n.group(1)) <= int(p.group(1)) + 1)


def _logical_lines(text: str, standalone: frozenset[str] = frozenset()) -> list[tuple[int, int, int]]:
    """(start, end, block) of lines, joining hard-wrapped prose lines of one paragraph.

    A running header or footer (``standalone`` lines, or a pipe-separated title line) is a line of its
    own: a rule's quote never starts with the page header above it.
    """
    out: list[tuple[int, int, int]] = []
    block = 0
    pos = 0
    cur: list[int] | None = None
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        stripped = raw.strip()
        if not stripped:
            if cur:
                out.append((cur[0], cur[1], block))
                cur = None
            block += 1
            continue
        running = stripped in standalone or bool(_RUNNING.match(raw))
        if running:
            if cur:
                out.append((cur[0], cur[1], block))
            out.append((start, end, block))
            cur = None
            continue
        structural = bool(_BULLET.match(raw)) or bool(_HEADING.search(raw)) or bool(_CONFIG_LINE.match(raw))
        if structural and not _BULLET.match(raw) and re.match(r"\s*[a-z]", raw) and not _CONFIG_LINE.match(raw):
            structural = False  # "settings:" starting lower-case continues the wrapped sentence above
        if structural and cur and _NUMBERED.match(raw) and _WANTS_NUMBER.search(text[cur[0]:cur[1]]) \
                and not _next_item(text[cur[0]:cur[1]], raw):
            structural = False  # "... RSI is below" / "22. Sell when ...": the number ends the sentence, no list item
        # hard-wrapped prose has long lines; short lines (formulas, rules one per line) stand alone unless
        # the break falls inside a clause (a narrow column: "... RSI is" / "below 25.")
        if cur and not structural and not cur[2] and not _FORMULA.search(text[cur[0]:cur[1]]):
            prev = text[cur[0]:cur[1]]
            ends = bool(_ENDS_SENTENCE.search(prev)) and not (_CLOSE_BRACKET.search(prev) and _LOWER_START.match(raw))
            if not ends and (cur[1] - cur[0] >= 50 or _wrapped(prev, raw)):
                cur[1] = end  # continuation of a wrapped line
                continue
        if cur:
            out.append((cur[0], cur[1], block))
        cur = [start, end, int(structural and bool(_HEADING.search(raw)))]
    if cur:
        out.append((cur[0], cur[1], block))
    return out


def clauses_of(text: str, *, page: int, standalone: frozenset[str] = frozenset()) -> list[Clause]:
    """Split a page into clauses (sentences, bullets, headings, table rows), each a verbatim span.

    ``standalone``: lines that stand alone whatever follows them (``repeated_lines`` of the document).
    """
    out: list[Clause] = []
    for start, end, block in _logical_lines(text, standalone):
        line = text[start:end]
        cuts = [0]
        for m in _SENT_END.finditer(line):
            if not _ABBREV.search(line[max(0, m.start() - 12): m.start()]):
                cuts.append(m.end())
        cuts.append(len(line))
        for a, b in zip(cuts, cuts[1:]):
            seg = line[a:b]
            lead = len(seg) - len(seg.lstrip())
            seg = seg.strip()
            if not seg:
                continue
            s0 = start + a + lead
            mk = _MARKER.match(seg) if a == 0 else None
            marker = mk.group(0) if mk and len(seg) > mk.end() else ""
            seg, s0 = seg[len(marker):], s0 + len(marker)
            heading = bool(_HEADING.search(seg)) and len(seg) < 90
            out.append(Clause(page, s0, s0 + len(seg), seg, normalize(seg), heading, block, marker))
    return out
