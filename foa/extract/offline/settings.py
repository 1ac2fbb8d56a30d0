"""Settings lists and parameter tables: numbers a document states apart from its rules, under a label that
names their role ("Fast length: 12", "| Slow MA | 40 |", "Inputs: FastLen(10), SlowLen(50)"), for the rules
that name them only by role ("the fast average crosses above the slow average").

A setting is a label and a number: on a line of its own or in a comma-separated list ("Fast MA: 5, Slow
MA: 35"), a table row (``| Slow MA | 40 |``) or a platform's input list (``FastLen(10)``); a pair of
lengths stated for two averages ("two EMAs with periods of 8 and 21") gives the fast and the slow one. Only labels
built from a role word (fast, slow, short, long, mid) and a length word (length, period, window, lookback,
MA, average...) give a role's window; a label that names another indicator ("RSI length: 14") is that
indicator's, read where its mention is.

>>> role_windows(["Settings:", "Fast length: 12", "Slow length: 40"])
{'fast': (12, 1), 'slow': (40, 2)}
"""

from __future__ import annotations

import re

__all__ = ["SettingNames", "bare_window", "role_windows", "settings_of"]

_ROLE = {"fast": "fast", "faster": "fast", "quick": "fast", "short": "fast", "shorter": "fast", "slow": "slow",
         "slower": "slow", "long": "slow", "longer": "slow", "mid": "mid", "middle": "mid", "medium": "mid", "med": "mid"}
_LENGTH = r"(?:length|len|period|periods|window|lookback|look-back|bars|ma|sma|ema|moving\s+average|average|avg)"
_ROLE_WORD = "|".join(sorted(_ROLE, key=len, reverse=True))
# "fast length", "slow ma period", "fastlen", "fast_length", "short-term ma" (a label, not prose: kept short)
_LABEL = rf"(?P<role>{_ROLE_WORD})(?:[-_ ]?term)?[-_ ]?(?:(?:{_LENGTH})[-_ ]?){{1,2}}"
# a label and its number: "fast length: 12", "slow ma = 40", "| slow ma | 40 |", "fastlen(10)"
# ... also a code variable's name written length first: "ma_fast = 12", "ema_slow: 26"
_LABEL_AFTER = rf"(?:sma|ema|ma|wma|len|length|period|avg)[-_](?P<role2>{_ROLE_WORD})(?:[-_](?:{_LENGTH}))?"
# ... also a platform's input table with a type column: "FastLen Numeric 7", "| SlowLen | Integer | 18 |"
_TYPE_COLUMN = r"(?:\|\s*)?(?:numeric|numericsimple|numericseries|integer|int|float|double|decimal)\s*\|?"
_SETTING = re.compile(rf"(?:^[-*\u2022\s]*(?:\d+[.)]\s*)?|[|,;(]|\binputs?\s*:)\s*(?:{_LABEL}|{_LABEL_AFTER})\s*(?:[:=|]|\(|\bis\b|\bof\b|{_TYPE_COLUMN})\s*(?P<value>\d+(?:\.\d+)?)\b(?!\s*%)")


# "two EMAs with periods of 8 and 21", "moving averages (default lengths 10 and 30)": the pair of a crossover
_PAIR = re.compile(r"\b(?:lengths|periods|windows|look-?backs)\s+(?:of\s+|are\s+|:\s*|=\s*)?(\d+)\s*(?:and|/|,|&)\s*(\d+)\b(?!\s*%)")
_AVERAGES = re.compile(r"\b(?:moving\s+averages|averages|mas|emas|smas|wmas)\b")
# ... or two lengths in bars with their unit: "two SMAs (10 and 30 days)", "2 EMAs, a 10-period and a 30-period one",
# "a 15-day and a 45-day EMA" (week and month lengths are not bars of the daily chart: left to the mentions)
_BAR_UNIT = r"(?:days?|periods?|bars?|sessions?|candles?)"
_UNIT_PAIR = re.compile(rf"\b(?<![\d.])(\d+)\s*-?\s*(?:{_BAR_UNIT}\s+)?(?:and|&|/|,)\s+(?:an?\s+|the\s+)?(\d+)\s*-?\s*{_BAR_UNIT}\b(?!\s*(?:%|later|ago|after|before|of\s+(?:data|history)))"
                        rf"(?P<one>\s+(?:one|ones)\b)?(?P<avg>\s+(?:simple\s+|exponential\s+)?(?:moving\s+averages?|averages?|smas?|emas?|mas?|wmas?)\b)?")
# a line naming another indicator gives its numbers to that indicator, never to a pair of averages
_OTHER_INDICATOR = re.compile(r"\b(?:rsi|macd|bollinger|stoch\w*|atr|adx|cci|roc|momentum|returns?|highs?|lows?|channels?|donchian|volume)\b")


def settings_of(norm: str) -> list[tuple[str, float]]:
    """(role, value) for every role-labelled setting in one normalised line.

    >>> settings_of("inputs: fastlen(10), slowlen(50)")
    [('fast', 10.0), ('slow', 50.0)]
    >>> settings_of("| medlength | numeric | 9 | bars of the medium average |")
    [('mid', 9.0)]
    >>> settings_of("two emas with periods of 21 and 8.")
    [('fast', 8.0), ('slow', 21.0)]
    >>> settings_of("we plot two simple moving averages (10 and 30 days).")
    [('fast', 10.0), ('slow', 30.0)]
    """
    out = [(_ROLE[m.group("role") or m.group("role2")], float(m.group("value"))) for m in _SETTING.finditer(norm)]
    pair = _PAIR.search(norm) if _AVERAGES.search(norm) else None
    if pair is None and not _OTHER_INDICATOR.search(norm):
        pair = next((m for m in _UNIT_PAIR.finditer(norm) if m.group("avg") or _AVERAGES.search(norm)), None)
    if pair and not out and float(pair.group(1)) != float(pair.group(2)):
        a, b = sorted((float(pair.group(1)), float(pair.group(2))))
        out = [("fast", a), ("slow", b)]
    return out


def role_windows(norms: list[str]) -> dict[str, tuple[int, int]]:
    """The window each role is given by a settings list, with the index of the line stating it; empty when
    the roles' windows contradict themselves (a fast window no shorter than the slow one) or a role is given
    two different windows.
    """
    out: dict[str, tuple[int, int]] = {}
    for k, norm in enumerate(norms):
        for role, value in settings_of(norm.lower()):
            if not value.is_integer() or value < 1:
                continue
            if role in out and out[role][0] != int(value):
                return {}
            out.setdefault(role, (int(value), k))
    wins = [out[r][0] for r in ("fast", "mid", "slow") if r in out]
    if wins != sorted(set(wins)):
        return {}
    return out


# a named setting on a line of its own or a table row: "Buy level: 25", "| Exit threshold | 70 |", "Lookback: 55"
_NAMED = re.compile(r"^[\s|*-]*(?P<name>(?:[a-z]+[ _-]){0,2}?)(?P<kind>level|threshold|line|lookback(?:\s+period)?|look-back(?:\s+period)?)"
                    r"\s*(?:\(\w+\))?\s*[:=|]\s*(?P<value>-?\d+(?:\.\d+)?)\s*(?:bars?|days?|periods?)?\s*\|?\s*$"
                    # "Oversold: 15", "| Overbought zone | 85 |": a zone's level named by the zone alone
                    r"|^[\s|*-]*(?P<zone>oversold|overbought)(?:[ _-](?:level|threshold|line|zone))?\s*[:=|]\s*(?P<zvalue>-?\d+(?:\.\d+)?)\s*\|?\s*$")
_LEVELS = ("level", "threshold", "line")


class SettingNames:
    """Rules that name a setting stated on a line of its own: "below the buy level" with "Buy level: 25"
    reads "below 25"; "the highest high of the lookback period" with "Lookback: 55" reads "of the 55-bar
    lookback period". A level needs its name ("the level" alone names nothing); an indicator's own setting
    ("RSI level: 30") is left to the indicator's grammar.

    >>> names = SettingNames(["Settings", "Buy level: 25", "| Exit threshold | 70 |", "Lookback: 55"])
    >>> names.sub("buy when the rsi is below the buy level; exit above the exit threshold.")
    'buy when the rsi is below 25; exit above 70.'
    >>> names.sub("buy when the close breaks above the highest high of the lookback period.")
    'buy when the close breaks above the highest high of the 55-bar lookback period.'
    """

    def __init__(self, lines: list[str]) -> None:
        from foa.extract.offline import lexicon

        self.values: dict[tuple[str, str], str] = {}
        for line in lines:
            m = _NAMED.match(line.lower().replace("`", "").replace("*", ""))
            if m is None:
                continue
            if m.group("zone"):
                for kind in _LEVELS:  # "below the oversold level / threshold / line"
                    self.values.setdefault((m.group("zone"), kind), m.group("zvalue"))
                continue
            name = m.group("name").replace("_", " ").replace("-", " ").strip()
            kind = "lookback" if m.group("kind").startswith("look") else m.group("kind")
            if (kind in _LEVELS and not name) or any(w in lexicon.INDICATOR_WORDS for w in name.split()):
                continue
            self.values.setdefault((name, kind), m.group("value"))
        alts = "|".join(sorted({re.escape(f"{n} {k}".strip()) for n, k in self.values}, key=len, reverse=True))
        self._rx = re.compile(rf"\bthe\s+({alts})(\s+period)?\b(?!\s*[:=|])") if self.values else None

    def sub(self, norm: str) -> str:
        """``norm`` with each named setting the rules refer to written as its value."""
        if self._rx is None:
            return norm

        def repl(m: re.Match[str]) -> str:
            words = m.group(1).split()
            name, kind = " ".join(words[:-1]), words[-1]
            value = self.values.get((name, kind))
            if value is None:
                return m.group(0)
            if kind in _LEVELS:
                return value
            return f"the {value}-bar lookback" + (m.group(2) or "")

        return self._rx.sub(repl, norm)


# "Length: 9", "| Period | 9 |", "Inputs: Length(9)": a window with no indicator or role named
_BARE = re.compile(r"^[\s|*-]*(?:length|period|window|len|lookback\s+period)\s*[:=|]\s*(\d+)\s*(?:bars?|days?|periods?)?\s*\|?\s*$"
                   r"|\binputs?\s*:.*?\b(?:length|period|len)\s*\(\s*(\d+)\s*\)", re.I)


def bare_window(lines: list[str]) -> int | None:
    """The window a settings list states without naming an indicator or a role ("Length: 9"), when it
    states exactly one; ``None`` otherwise.

    >>> bare_window(["Settings", "Length: 9", "Source: close"]), bare_window(["Length: 9", "Period: 20"])
    (9, None)
    """
    found = {int(m.group(1) or m.group(2)) for line in lines for m in [_BARE.search(line)] if m}
    return found.pop() if len(found) == 1 else None
