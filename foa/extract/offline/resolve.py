"""Document-level resolution of indicator mentions: which are rules, their types, parameters and
windows in bars of the chosen frequency.

- the SMA inside Bollinger bands and the EMAs inside MACD's definition are absorbed, not rules;
- a moving average of unstated type takes the type the document declares for that window, else simple;
- a mention without numbers borrows them from a declaration elsewhere ("Indicators: RSI (14)");
- windows in days/weeks/months become bars of the frequency ("12-month" on daily bars -> 252).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from foa.extract.offline.analyze import ClauseInfo, Reading
from foa.extract.offline.conditions import is_table
from foa.extract.offline.lexicon import INDICATOR_WORDS, TABLE_FAMILIES, alternation
from foa.extract.offline.keltner import is_keltner_doc, keltner_multiple, keltner_window, multiple_not_window
from foa.extract.offline.mentions import Mention, unit_of
from foa.extract.offline.settings import bare_window, role_windows

__all__ = ["Resolved", "bars_of", "declared_zones", "resolve"]

_PER_BAR = {  # bars of a unit per frequency
    "daily": {"d": 1, "w": 5, "m": 21, "y": 252, "h": 1 / 7},
    "weekly": {"d": 1 / 5, "w": 1, "m": 52 / 12, "y": 52, "h": 1 / 35},
    "monthly": {"d": 1 / 21, "w": 12 / 52, "m": 1, "y": 12, "h": 1 / 147},
}
_FINER = {"monthly": "weekly", "weekly": "daily", "daily": "daily"}
_UNIT_FREQ = {"d": "daily", "w": "weekly", "m": "monthly", "y": "monthly"}
_SMOOTH = ("sma", "ema", "rsi", "highest", "lowest", "bbands", "atr")
_DEFAULT_ROLE = {"sma": {"fast": 50, "mid": 100, "slow": 200}, "ema": {"fast": 12, "mid": 26, "slow": 50}}
_BB_WIN = re.compile(r"(\d+)\s*-?\s*(?:period|day|bar)s?\b|\blength\s+of\s+(\d+)|\bat\s+(\d+)\s+periods|\(\s*(\d+)\s*,\s*\d")
_BB_STD = re.compile(r"(\d+(?:\.\d+)?)\s*(?:standard\s+deviations?|std\.?\b|sd\b|sigma|deviations?)|\(\s*\d+\s*,\s*(\d+(?:\.\d+)?)\s*\)"
                     # a settings list's label first: "bollinger length: 20, deviations: 2.5", "std dev = 1.5"
                     r"|\b(?:std\.?\s*dev(?:iation)?s?|standard\s+deviations?|deviations?|multiplier)\s*[:=]\s*(\d+(?:\.\d+)?)\b")
# ... also as a script's config keys: "bb_period = 20", "bollinger_std: 2.5", "standard_deviations = 3.5  # comment",
# "num_std_dev = 3", TA-Lib's "nbdevup = 2"
_BB_PREFIX = r"(?:(?:bb|bollinger|bands?)[\s_]*)?"
_TAIL = r"\W*(?:(?:#|//).*)?$"
_SET_LEN = re.compile(rf"^\W*{_BB_PREFIX}(?:length|period|lookback|window|timeperiod)\s*[:=]\s*(\d+){_TAIL}")
_SET_STD = re.compile(rf"^\W*{_BB_PREFIX}(?:num[\s_]*)?(?:std[\s_]*-?[\s_]*dev(?:iation)?s?|std|standard[\s_]+deviations?|deviations?|devs?"
                      rf"|nbdev(?:up|dn)?|mult(?:iplier)?|k)(?:[\s_]+(?:multiplier|mult|factor))?\s*[:=]\s*(\d+(?:\.\d+)?){_TAIL}")
# a manual's input naming the type of every average: "MAMethod=Exponential", "MA type: EMA"
_MA_METHOD = re.compile(r"\b(?:ma_?method|ma_?type|ma_?mode|average\s+type|moving\s+average\s+(?:type|method)|type\s+of\s+(?:moving\s+)?average)\s*[:=|]\s*(?:mode_)?(exponential|ema|simple|sma)\b")
_CUT_CONTRAST = re.compile(r"\b(?:rather than|instead of|unlike|as opposed to)\b.*$")


@dataclass
class Resolved:
    mentions: list[tuple[Mention, ClauseInfo]] = field(default_factory=list)
    frequency: str = "daily"
    frequency_stated: bool = False
    frequency_info: ClauseInfo | None = None
    bollinger: dict | None = None  # params when the document trades Bollinger bands
    bollinger_info: ClauseInfo | None = None
    macd: dict | None = None
    keltner: dict | None = None  # {"center": Mention, "atr": Mention, "multiple": float} for Keltner channels
    assumptions: list[str] = field(default_factory=list)


def _is_ma(m: Mention) -> bool:
    return m.name in ("ma", "sma", "ema")


def resolve(reading: Reading) -> Resolved:
    """Resolve the reading's active mentions into indicators with windows in bars of one frequency."""
    res = Resolved()
    infos = reading.infos
    donors = [(m, i) for i in infos for m in i.donors]
    band_ops = any((k.comp.left.kind == "band" and "~" not in (k.comp.left.name or "")) or
                   (k.comp.right.kind == "band" and "~" not in (k.comp.right.name or "")) for k in reading.rule_comps)
    keltner_doc = is_keltner_doc([i.norm for i in infos])
    bb_doc = not keltner_doc and (any(m.name == "bbands" for m, _ in donors) or (band_ops and any("band" in i.norm for i in infos)))
    active: list[tuple[Mention, ClauseInfo]] = []
    if bb_doc:
        res.bollinger = _bollinger_params(infos)
    for m, info in reading.active_mentions():
        if bb_doc and _is_ma(m) and re.search(r"\bbands?\b|bollinger", info.norm):
            if res.bollinger is not None and "window" not in res.bollinger and "window" in m.params:
                res.bollinger["window"] = m.params["window"]
            continue  # the middle band, not a rule of its own
        if _is_ma(m) and "macd" in info.norm and re.search(r"(?:differen|subtract|minus|of\s+(?:the\s+)?macd|smoothing|\(\s*macd)", info.norm):
            continue  # the averages inside MACD's definition
        active.append((m, info))
    # the indicator an average runs on ("MA(RSI(14), 9)") is resolved with it (windows in bars, parameters)
    inner = [(m.of, i) for m, i in active if m.of is not None and all(m.of is not x for x, _ in active)]
    active += inner
    if bb_doc and res.bollinger is not None and not any(m.name == "bbands" for m, _ in active):
        if band_ops:
            bb_info = next(i for i in infos if "band" in i.norm)
            active.append((Mention("bbands", dict(res.bollinger)), bb_info))
    # MACD: one set of parameters for the document, signal period possibly stated apart
    macds = [m for m, _ in donors if m.name == "macd"]
    if macds or any(k.comp.left.kind in ("signal", "hist", "macdline") or k.comp.right.kind in ("signal", "hist", "macdline") for k in reading.rule_comps):
        p: dict = {}
        for m in macds:
            for k, v in m.params.items():
                p.setdefault(k, v)
        if p.get("fast", 0) >= p.get("slow", 10**9) or ("fast" in p) != ("slow" in p):
            p.pop("fast", None), p.pop("slow", None)
        if "fast" not in p:
            p.update(_settings_triple(infos) or _macd_defined(infos) or {})
        res.macd = p
        if not p:
            res.assumptions.append("MACD parameters not stated: 12/26/9 assumed")
        active = [(m, i) for m, i in active if m.name != "macd"]
        macd_info = next((i for m, i in reading.active_mentions() if m.name == "macd"), None)
        if macd_info is not None:
            active.append((Mention("macd", dict(p)), macd_info))
    # elliptic windows ("the 50-day crosses the 200-day") only count beside moving-average talk
    has_ma = any(_is_ma(m) and m.role != "ellipsis" for m, _ in active)
    named = {m.params.get("window") for m, _ in donors if _is_ma(m) and m.role != "ellipsis"}
    active = [(m, i) for m, i in active if m.role != "ellipsis" or has_ma or m.params.get("window") in named]
    # intraday look-backs ("swing low over the past 15 minutes") cannot run on daily bars
    if any(m.unit == "h" for m, _ in active):
        res.assumptions.append("intraday look-backs (minutes/hours) are not modelled on daily bars: left out")
        active = [(m, i) for m, i in active if m.unit != "h"]
    if not any(m.name == "macd" for m, _ in active):
        # "Fast length: 12" in a settings list: the window of "the fast average" of the rules
        # ... of the type the settings line names ("two exponential moving averages: 8 and 21 periods")
        donors += [(Mention(_line_ma_type(infos[k].norm), {"window": w}, role=r), infos[k])
                   for r, (w, k) in role_windows([i.norm for i in infos]).items()]
    _bind_roles(active)
    _roles_from_donors(active, donors, reading)
    _borrow_params(active, donors)
    _table_params(active, donors)
    _lend_lookback(active, infos, res)
    _lend_bare_window(active, infos, res)
    # a windowless name beside numbered ones of the same kind is a heading, not another indicator
    windowed = {("ma" if _is_ma(m) else m.name) for m, _ in active if "window" in m.params}
    active = [(m, i) for m, i in active if "window" in m.params or m.role in ("fast", "mid", "slow", "signal")
              or m.name in ("macd", "bbands") or is_table(m.name) or ("ma" if _is_ma(m) else m.name) not in windowed]
    _resolve_ma_types(active, donors, res, infos)
    if keltner_doc:
        _keltner(active, infos, res)
    _apply_zones(reading, res)
    _choose_frequency(active, infos, res)
    _to_bars(active, res)
    res.mentions = active
    return res


_ZONE_WORD = r"(?:level|threshold|line|zone|limit|mark|boundary|area|territory|region|value)s?"
_LEVEL = r"(-?\d+(?:\.\d+)?)(?!\.?\d)(?!\s*(?:-\s*)?(?:days?|bars?|periods?|weeks?|months?|times|x|consecutive)\b)"
# "overbought level of 80", "oversold: 25", "the oversold threshold is set to 20", "oversold (below 10)"
_ZONE_DECL = re.compile(rf"\b(oversold|overbought)(?:\s+{_ZONE_WORD})?\s*(?:(?:is|are|was|of)\s+)?(?:(?:set|defined|fixed|placed)\s+)?"
                        rf"(?:of|at|to|=|:|as|equals?|equal\s+to)?\s*\(?\s*(?:[<>]=?\s*|(?:below|under|above|over)\s+)?{_LEVEL}"
                        # "oversold is defined as an RSI(14) reading below 25", "overbought means the %R is above -20"
                        rf"|\b(oversold|overbought)\s+(?:is\s+|=\s*)?(?:defined\s+as|means|is\s+when)\b[^.;]{{0,50}}?(?:below|under|above|over|[<>]=?)\s*{_LEVEL}"
                        # "25 as the oversold level", "80 marks overbought"
                        rf"|(?<![\w.(]){_LEVEL}\s+(?:as|for|is|marks)\s+(?:the\s+|an?\s+)?(oversold|overbought)\b")
# "thresholds of 10 and 90", "levels at 20/80", "the 30/70 levels": an oscillator's two zones at once
# "levels 25 and 75", "levels: 20/80", "levels are 15 and 85", "set the levels to 10 and 90"
_ZONE_PAIR = re.compile(rf"\b(?:levels|thresholds|bands|lines|zones|boundaries)\s*(?:(?:of|at|to|are|is|=|:|set\s+(?:at|to)|(?:are\s+)?(?:set|fixed|placed)\s+(?:at|to))\s*)?"
                        rf"\(?\s*(-?\d+(?:\.\d+)?)\s*(?:and|/|&|,)\s*(-?\d+(?:\.\d+)?)\b(?![\d%]|\.\d|\s*-?\s*(?:days?|bars?|periods?|weeks?|months?)\b)"
                        # ... also "25 and 75 as thresholds", "20 and 80 as its levels"
                        rf"|(?<![\w.])(-?\d+(?:\.\d+)?)\s*(?:/|and|&)\s*(-?\d+(?:\.\d+)?)\s+(?:(?:as|for)\s+(?:the\s+|its\s+|our\s+|their\s+)?(?:\w+\s+)?)?"
                        rf"(?:levels|thresholds|lines|zones|boundaries)\b")


def declared_zones(norms: list[str], named: list[list[str]]) -> dict[str | None, dict[str, float]]:
    """The oversold/overbought levels a document declares apart from its rules, per oscillator (the one its
    clause names, else ``None`` for any): "an overbought level of 80 ... sell when it is overbought".

    >>> declared_zones(["rsi settings: length 14, overbought 75, oversold 25."], [["rsi"]])
    {'rsi': {'overbought': 75.0, 'oversold': 25.0}}
    >>> declared_zones(["we use thresholds of 10 and 90."], [[]])
    {None: {'oversold': 10.0, 'overbought': 90.0}}
    """
    from foa.extract.offline.compare import ZONE_LEVELS

    out: dict[str | None, dict[str, float]] = {}
    for norm, names in zip(norms, named):
        oscs = list(dict.fromkeys(n for n in names if n in ZONE_LEVELS))
        key = oscs[0] if len(oscs) == 1 else None
        found: dict[str, float] = {}
        for m in _ZONE_DECL.finditer(norm):
            g = [x for x in m.groups() if x is not None]
            zone, level = (g[0], g[1]) if g[0] in ("oversold", "overbought") else (g[1], g[0])
            found.setdefault(zone, float(level))
        if not found:
            for m in _ZONE_PAIR.finditer(norm):
                a, b = sorted(float(x) for x in m.groups() if x is not None)
                if a < b:
                    found = {"oversold": a, "overbought": b}
                    break
        if "oversold" in found and "overbought" in found and found["oversold"] >= found["overbought"]:
            continue  # not two zones of one oscillator
        for zone, level in found.items():
            out.setdefault(key, {}).setdefault(zone, level)
    return out


# a level named by its use and declared with its number: "an ADX threshold of 25", "the entry level for the RSI(3) is 15"
_NAMED_LEVEL = re.compile(r"\b(?:(entry|exit|buy|sell|long|short|trigger)\s+)?(?:level|threshold)s?\s+(?:for\s+(?:the\s+)?[\w%()+-]+(?:\s+[\w%()+-]+)?\s+)?"
                          r"(?:of|is|=|:|at|set\s+(?:at|to)|equals?)\s*(-?\d+(?:\.\d+)?)(?![\d%])")


def _named_levels(norms: list[str]) -> dict[str, float]:
    """Levels a document names by their use: {"entry": 15.0, "threshold": 25.0}; "threshold" holds an unqualified one."""
    out: dict[str, float] = {}
    for norm in norms:
        for m in _NAMED_LEVEL.finditer(norm):
            out.setdefault(m.group(1) or "threshold", float(m.group(2)))
    return out


def _window(mention: Any) -> Any:
    return (mention.params or {}).get("window") if mention is not None else None


def _stated_zone_levels(comps: list) -> dict[tuple, float]:
    """The one level a document's rules state in numbers for an oscillator's side, keyed (name, window, zone):
    "RSI(2) < 10" states the oversold level of the 2-period RSI, "RSI(2) > 70" its overbought one."""
    from foa.extract.offline.compare import ZONE_LEVELS

    found: dict[tuple, set[float]] = {}
    for k in comps:
        if k.zone or k.assumed or k.left.kind != "ind" or k.right.kind != "const" or k.right.value is None:
            continue
        name = k.left.mention.name if k.left.mention is not None else None
        if name not in ZONE_LEVELS:
            continue
        zone = {"<": "oversold", "<=": "oversold", "crosses_below": "oversold",
                ">": "overbought", ">=": "overbought", "crosses_above": "overbought"}.get(k.op)
        if zone is None:
            continue
        lo, hi = sorted(ZONE_LEVELS[name])
        mid = (lo + hi) / 2
        if (zone == "oversold") != (k.right.value < mid):
            continue  # "RSI > 50": a midline, not a zone's edge
        found.setdefault((name, _window(k.left.mention), zone), set()).add(float(k.right.value))
    return {key: next(iter(v)) for key, v in found.items() if len(v) == 1}


def _apply_zones(reading: Reading, res: Resolved) -> None:
    """Comparisons read from a zone word ("is oversold", "the upper threshold") take the level the document
    declares for that oscillator, rather than the conventional one; a level named by its use ("above the entry
    level", "above the threshold") is the one the document declares, and without one there is no comparison."""
    from foa.extract.offline.compare import ZONE_LEVELS

    comps = [k for i in reading.infos for k in i.comps] + [rc.comp for rc in reading.rule_comps]
    zoned = [k for k in comps if k.zone and k.left.kind == "ind"]
    if not zoned:
        return
    zones = declared_zones([i.norm for i in reading.infos], [[m.name for m in i.mentions] for i in reading.infos])
    named = _named_levels([i.norm for i in reading.infos]) if any(k.zone not in ("oversold", "overbought") for k in zoned) else {}
    stated = _stated_zone_levels(comps)
    seen: set[int] = set()
    for k in zoned:
        if id(k) in seen:
            continue
        seen.add(id(k))
        if k.zone not in ("oversold", "overbought"):
            level = named.get(k.zone, named.get("threshold") if len(named) == 1 else None)
            if level is not None:
                k.right.value = level
            continue
        name = k.left.mention.name
        level = zones.get(name, {}).get(k.zone, zones.get(None, {}).get(k.zone))
        if level is None:
            # "RSI(2) < 10 ... a deeply oversold 2-period RSI": the level the rule itself states is the zone's
            level = stated.get((name, _window(k.left.mention), k.zone))
        if level is None:
            continue
        lo, hi = ZONE_LEVELS[name]
        bounds = (min(lo, hi) - abs(hi - lo), max(lo, hi) + abs(hi - lo))  # a level of this oscillator's scale
        if not bounds[0] <= level <= bounds[1]:
            continue
        k.right.value = level
        k.assumed = None
        res.assumptions.append(f"'{k.zone}' on {name.upper()} read as the level the document declares ({level:g})")
    # a named level the document never states: no comparison (never a level made up)
    unread = {id(k) for k in zoned if k.right.value != k.right.value}
    if unread:
        for i in reading.infos:
            i.comps = [k for k in i.comps if id(k) not in unread]
        reading.rule_comps = [rc for rc in reading.rule_comps if id(rc.comp) not in unread]
        reading.loose_comps = [rc for rc in reading.loose_comps if id(rc.comp) not in unread]


def _keltner(active, infos: list[ClauseInfo], res: Resolved) -> None:
    """The channel's centre average, its ATR and the multiple, from the indicators the document names."""
    center = next((m for m, _ in active if m.name in ("ema", "sma") and "window" in m.params), None)
    mult = keltner_multiple([i.norm for i in infos if not i.example])
    # "(20, 2 ATR)": the channel's multiple, never a 2-bar ATR
    atr = next((m for m, i in active if m.name == "atr" and "window" in m.params
                and not (mult is not None and multiple_not_window(i.norm[m.start:m.end], mult))), None)
    if mult is None:
        mult = 2.0
        res.assumptions.append("Keltner channel width not stated: 2 ATRs assumed")
    if center is None:
        # "Keltner channel (30, 1.5)": its centre is the 30-bar EMA
        stated = next(((w, i) for i in infos if not i.example for w in [keltner_window([i.norm])] if w is not None), None)
        if stated is not None:
            center = Mention("ema", {"window": stated[0]})
            active.append((center, stated[1]))
    res.keltner = {"center": center, "atr": atr, "multiple": mult}


# "Settings: 12, 26, 9", "inputs = 8/17/9": MACD's three periods stated apart from its name
_TRIPLE = re.compile(r"\b(?:settings?|parameters?|params|inputs?|periods?|lengths?)\s*(?:[:=|]|\s(?:are|is|of)\b)?\s*(?:the\s+)?(?:default|standard|classic|usual)?\s*"
                     # "settings: 12/26/9", "MACD settings are the default 12, 26 and 9"
                     r"\(?\s*(\d+)\s*[,/]\s*(\d+)\s*(?:[,/]|,?\s+and\b)\s*(\d+)\b"
                     # "the standard 12, 26, 9 settings", "8/17/9 parameters"
                     r"|\b(\d+)\s*[,/]\s*(\d+)\s*[,/]\s*(\d+)\s+(?:macd\s+)?(?:settings?|parameters?|params|inputs?|periods?|lengths?|configuration)\b")


# config keys: "fast_period": 8, "slow_period": 21, "signal_period": 5 (fast_ema/slow_ma are averages, not MACD's)
# "fast=12", "signal_period: 9", a Python tuple of pairs ('("fast", 12)'), backtrader's "period_me1=12"
# ... also prefixed by the indicator ("macd_fast: 12") and a platform's inputs ("FastLength(12), SlowLength(26),
# MACDLength(9)": MACDLength is the signal line's)
_CFG_KEY = re.compile(r"(?:\b|(?<=period_)|(?<=macd_))(fast|slow|signal|me1|me2|macd(?=[_ ]?(?:length|len)\b))"
                      r"(?:[_ ]?(?:period|length|len|window|smoothing))?[\"']?\s*(?:[:=]|\((?=\s*\d+\s*\)))\s*(\d+)\b"
                      r"|[\"'](fast|slow|signal)(?:[_ ]?(?:period|length|len|window))?[\"']\s*,\s*(\d+)\s*\)")
_CFG_NAME = {"me1": "fast", "me2": "slow", "macd": "signal"}


def _settings_triple(infos: list[ClauseInfo]) -> dict | None:
    keyed: dict = {}
    for i in infos:
        for m in _CFG_KEY.finditer(i.norm):
            if not i.example:
                name, value = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
                keyed.setdefault(_CFG_NAME.get(name, name), int(value))
    if keyed.get("fast", 10**9) < keyed.get("slow", 0):
        return keyed
    for i in infos:
        m = _TRIPLE.search(i.norm)
        if m and not i.example:
            fast, slow, signal = (int(g) for g in m.groups() if g)
            if fast < slow:
                return {"fast": fast, "slow": slow, "signal": signal}
    return None


_DIFF = re.compile(r"\b(?:differen\w*|minus|subtract\w*|less)\b")
_OF_MACD = re.compile(r"\bof\s+(?:the\s+)?macd\b|\bsignal\s+line\b")


def _macd_defined(infos: list[ClauseInfo]) -> dict | None:
    """MACD's periods from its definition ("the 12-day and 26-day EMAs and their difference (the MACD line);
    a 9-day EMA of the MACD line (the signal line)")."""
    p: dict = {}
    for i in infos:
        if i.example or "macd" not in i.norm:
            continue
        w = [m.params["window"] for m in i.donors if _is_ma(m) and "window" in m.params]
        if len(w) >= 2 and _DIFF.search(i.norm) and "fast" not in p:
            p["fast"], p["slow"] = min(w[:2]), max(w[:2])
        elif len(w) == 1 and _OF_MACD.search(i.norm) and "signal" not in p:
            p["signal"] = w[0]
    return p if "fast" in p and p["fast"] < p["slow"] else None


def _bollinger_params(infos: list[ClauseInfo]) -> dict:
    p: dict = {}
    for i in infos:
        if i.example or not re.search(r"bollinger|\bbands?\b|standard\s+deviation", i.norm):
            continue
        text = _CUT_CONTRAST.sub("", i.norm)
        if "window" not in p:
            bb = next((m for m in i.donors if m.name == "bbands" and m.params), None)
            if bb:
                p.update(bb.params)
            w = _BB_WIN.search(text)
            if w and "window" not in p:
                p["window"] = int(next(g for g in w.groups() if g))
        if "std" not in p:
            s = _BB_STD.search(text)
            if s:
                p["std"] = float(next(g for g in s.groups() if g))
    for i in infos:
        # a script's settings list: "Length: 20", "StdDev multiplier: 2.5" (lines of their own, no other indicator)
        if i.example:
            continue
        if "window" not in p and (w := _SET_LEN.match(i.norm)):
            p["window"] = int(w.group(1))
        if "std" not in p and (d := _SET_STD.match(i.norm)):
            p["std"] = float(d.group(1))
    return p


def _line_ma_type(norm: str) -> str:
    """The one moving-average type a line names ("ema", "sma"), else "ma" (unstated or both).

    >>> _line_ma_type("two exponential moving averages: 8 and 21 periods"), _line_ma_type("fast length: 9")
    ('ema', 'ma')
    """
    ema = re.search(r"\b(?:exponential|exp\.?\s+moving|emas?)\b", norm) is not None
    sma = re.search(r"\b(?:simple|smas?)\b", norm) is not None
    return "ema" if ema and not sma else "sma" if sma and not ema else "ma"


def _bind_roles(active: list[tuple[Mention, ClauseInfo]]) -> None:
    """ "EMA(5) - fast exponential moving average": the role names the numbered average."""
    for m, info in list(active):
        if m.role not in ("fast", "mid", "slow") or "window" in m.params:
            continue
        twin = next((x for x, i in active if i is info and _is_ma(x) and "window" in x.params and x.role is None), None)
        if twin is not None:
            twin.role = m.role
            if twin.name == "ma" and m.name != "ma":
                twin.name = m.name
            active.remove((m, info))
    _bind_roles_to_windows(active)
    # a role named again later ("fast > slow") refers to the bound average
    bound = {m.role: m for m, _ in active if m.role in ("fast", "mid", "slow") and "window" in m.params}
    for m, info in list(active):
        if m.role in bound and "window" not in m.params and m is not bound[m.role]:
            active.remove((m, info))


def _roles_from_donors(active: list[tuple[Mention, ClauseInfo]], donors: list[tuple[Mention, ClauseInfo]], reading: Reading) -> None:
    """ "Fast SMA = 10 days, slow SMA = 40 days." then "buy when the fast SMA crosses the slow": the declared windows.

    A bare "fast crosses above slow" names the declared averages themselves, which then join the rules.
    """
    bare = {o.name for k in reading.rule_comps for o in (k.comp.left, k.comp.right) if o.kind == "role"}
    for r in sorted(bare - {m.role for m, _ in active if _is_ma(m)}):
        d = next(((x, i) for x, i in donors if x.role == r and _is_ma(x) and "window" in x.params), None)
        if d is not None:
            active.append(d)
    for m, _ in active:
        if m.role not in ("fast", "mid", "slow") or "window" in m.params or not _is_ma(m):
            continue
        d = next((x for x, _ in donors if x.role == m.role and _is_ma(x) and "window" in x.params
                  and (m.name == "ma" or x.name in ("ma", m.name))), None)
        if d is None:
            # "two averages: a 20-day one and a 100-day one. When the shorter ... the longer": by length
            same = sorted({id(x): x for x, i in donors if _is_ma(x) and "window" in x.params and x.role in (None, "ellipsis")
                           and (m.name == "ma" or x.name in ("ma", m.name)) and not re.search(r"macd|bollinger|\bbands?\b", i.norm)}.values(),
                          key=lambda x: x.params["window"] * _DAYS.get(x.unit, 1))
            if len({x.params["window"] * _DAYS.get(x.unit, 1) for x in same}) >= 2 and m.role in ("fast", "slow"):
                d = same[0] if m.role == "fast" else same[-1]
        if d is not None:
            m.params["window"] = d.params["window"]
            m.unit = m.unit or d.unit
            if m.name == "ma" and d.name != "ma":
                m.name = d.name


_DAYS = {"d": 1, "w": 5, "m": 21, "y": 252, None: 1}


def _bind_roles_to_windows(active: list[tuple[Mention, ClauseInfo]]) -> None:
    """ "Fast SMA" in a document whose averages are the 50-day and the 200-day: the fast one is the 50-day.

    A role left without a window (a parameter table's label cell, "the fast average crosses the slow")
    names the shortest (fast), the longest (slow) or the middle (mid) of the numbered averages of its type,
    rather than a default length.
    """
    for m, _ in active:
        if m.role not in ("fast", "mid", "slow") or "window" in m.params or not _is_ma(m):
            continue
        same = [x for x, _ in active if _is_ma(x) and "window" in x.params and x.role in (None, "ellipsis", m.role)
                and (m.name == "ma" or x.name in ("ma", m.name))]
        wins = sorted({(x.params["window"] * _DAYS.get(x.unit, 1), id(x)) for x in same})
        by_len = sorted(same, key=lambda x: x.params["window"] * _DAYS.get(x.unit, 1))
        if len({w for w, _ in wins}) < 2:
            continue
        pick = {"fast": by_len[0], "slow": by_len[-1], "mid": by_len[len(by_len) // 2]}[m.role]
        if pick.role in (None, "ellipsis"):
            pick.role = m.role
        if pick.name == "ma" and m.name != "ma":
            pick.name = m.name


def _borrow_params(active: list[tuple[Mention, ClauseInfo]], donors: list[tuple[Mention, ClauseInfo]]) -> None:
    for m, _ in active:
        if m.params.get("window") is not None or m.name in ("macd", "bbands") or m.role in ("fast", "slow", "mid"):
            continue
        same = [d for d, _ in donors if d.params.get("window") is not None and d.source == m.source
                and (d.name == m.name or (_is_ma(m) and _is_ma(d)))]
        wins = {(d.params["window"], d.unit) for d in same}
        if m.name in ("rsi", "atr", "roc") and same or (_is_ma(m) and len(wins) == 1):
            m.params["window"] = same[0].params["window"]
            m.unit = same[0].unit
            if _is_ma(m) and m.name == "ma":
                m.name = same[0].name


def _table_params(active: list[tuple[Mention, ClauseInfo]], donors: list[tuple[Mention, ClauseInfo]]) -> None:
    """Table indicators named without numbers borrow them from a mention of the same indicator (or of its
    family) that states them; a "fast stochastic" document reads %K and %D as stochf's lines."""
    if any(d.name == "stochf" for d, _ in donors):
        for m, _ in active:
            if m.name == "stoch" and m.output in ("slowk", "slowd"):
                m.name, m.output = "stochf", {"slowk": "fastk", "slowd": "fastd"}[m.output]
    for m, _ in active:
        if not is_table(m.name) or m.params:
            continue
        # the indicator's family (``lexicon.TABLE_FAMILIES``) lends a single window: "ADX and DMI window of 14"
        family = next((f for f in TABLE_FAMILIES if m.name in f), {m.name})
        same = [d for d, _ in donors if d.params and d.name == m.name] or [
            d for d, _ in donors if d.params and d.name in family and set(d.params) <= {"window"}]
        if same:
            m.params = dict(same[0].params)
            m.unit = same[0].unit


# a look-back stated in a sentence of its own: "we used a 2-day lookback period", "a lookback of 10 bars"
_DOC_LOOKBACK = re.compile(r"\blook-?\s?back(?:\s+period|\s+window)?\s+(?:of|=|:|is|set\s+to)\s+(\d+)\s*-?\s*(days?|bars?|periods?|weeks?|sessions?)?\b"
                           r"|\b(\d+)\s*-?\s*(day|bar|period|week|session)s?\s+look-?\s?back\b")


def _lend_lookback(active: list[tuple[Mention, ClauseInfo]], infos: list[ClauseInfo], res: Resolved) -> None:
    """One table indicator named without numbers in a document that states a look-back apart, in a sentence
    naming no indicator: the last look-back stated is its window (texts give a base, then the one they use)."""
    bare = [m for m, _ in active if is_table(m.name) and not m.params and len(_win(m.name)) == 1]
    if len({m.name for m in bare}) != 1 or any(is_table(m.name) and m.params for m, _ in active):
        return
    stated = [(mm, i) for i in infos if not i.example and not i.mentions for mm in _DOC_LOOKBACK.finditer(i.norm)]
    if not stated:
        return
    mm, info = stated[-1]
    n, unit = (mm.group(1), mm.group(2)) if mm.group(1) else (mm.group(3), mm.group(4))
    for m in bare:
        m.params["window"] = int(n)
        m.unit = unit_of(unit)
    res.assumptions.append(f"{bare[0].name.upper()} window read from the look-back stated apart: "
                           f"'{info.clause.orig.strip()[:80]}'")


_BARE_KINDS = ("rsi", "sma", "ema", "ma", "atr", "roc", "stdev", "highest", "lowest")


def _lend_bare_window(active: list[tuple[Mention, ClauseInfo]], infos: list[ClauseInfo], res: Resolved) -> None:
    """ "Length: 9" on a settings line, in a document whose rules name one kind of indicator without its window
    and none with one: that indicator's window."""
    if any(m.name in _BARE_KINDS and "window" in m.params for m, _ in active):
        return
    bare = [m for m, _ in active if m.name in _BARE_KINDS and "window" not in m.params and m.role is None]
    if len({m.name for m in bare}) != 1:
        return
    n = bare_window([ln for i in infos if not i.example for ln in i.clause.orig.split("\n")])
    if n is None:
        return
    for m in bare:
        m.params["window"] = n
    res.assumptions.append(f"{bare[0].name.upper()} window read from the settings list: {n}")


def _win(name: str) -> tuple[str, ...]:
    from foa.spec import indicators

    return indicators.get(name).windows


def _resolve_ma_types(active, donors, res: Resolved, infos: list[ClauseInfo] = ()) -> None:
    method = next((m.group(1) for i in infos if not i.example for m in [_MA_METHOD.search(i.norm)] if m), None)
    method = {"exponential": "ema", "simple": "sma"}.get(method, method)
    declared: dict[tuple, str] = {}
    for d, _ in donors:
        if d.name in ("sma", "ema") and "window" in d.params:
            declared.setdefault((d.params["window"], d.unit), d.name)
    types = {d.name for d, _ in donors if d.name in ("sma", "ema")}
    defaulted = False
    for m, info in active:
        if m.name != "ma":
            continue
        if m.role == "ellipsis":
            # "the 50-day exponential average crosses the 200-day one": the elided noun is the named average
            named = [x for x, i in active if i is info and x.name in ("sma", "ema") and x.start < m.start]
            if named:
                m.name = named[-1].name
                continue
        key = (m.params.get("window"), m.unit)
        if key in declared:
            m.name = declared[key]
        elif method:
            m.name = method
        elif types == {"ema"} and m.role is None:
            m.name = "ema"
        else:
            m.name = "sma"
            defaulted = True
    if defaulted:
        res.assumptions.append("moving-average type not stated: simple assumed")


# an indicator named with its bars' frequency: "the weekly RSI(14)", "a monthly MACD cross", "the weekly 10 EMA"
_GENERIC_WORDS = frozenset({"high", "low", "mean", "std", "sigma", "return", "returns", "total return", "price change",
                            "trailing return", "highest close", "lowest close", "highest price", "lowest price"})
_FREQ_IND = re.compile(r"\b(daily|weekly|monthly)\s+(?:\d+\s*-?\s*(?:period\s+|bar\s+)?)?"
                       + alternation(tuple(w for w in INDICATOR_WORDS if w not in _GENERIC_WORDS) + ("moving average", "moving averages")))


_TIMING = re.compile(r"\b(?:close|end|last\s+(?:trading\s+)?day)\s+of\s+(?:the|each|every)\s+(?:entry\s+)?(?:week|month)\b|\b(?:month|week)[- ]?end\b")
_BAR_WORDS = re.compile(r"\b(?:weekly|monthly)\s+(?:bars?|candles?|charts?|data|closes?|closing\s+prices?|prices?|time\s*frame|timeframe|basis|series)\b"
                        r"|\bon\s+(?:a|the)\s+(?:weekly|monthly)\b|\b(?:time\s*frame|interval|bars?)\s*[:|=]")


def _choose_frequency(active, infos: list[ClauseInfo], res: Resolved) -> None:
    # the bar frequency is stated in the part that states the strategy ("the weekly chart" in a market wrap
    # on another page is not it); an indicator named with its frequency ("the weekly RSI") states it too
    stated = [(f, i) for i in infos if i.located for f in i.freq]
    day_windows = any(m.unit == "d" for m, i in active if i.located) and not any(m.unit in ("w", "m", "y") for m, i in active if i.located)
    if day_windows:
        # "buy at month-end when the price sits over its 50-day line": the day a daily rule is read (a calendar
        # timing), not monthly bars that would turn its 50 days into 2 bars
        stated = [(f, i) for f, i in stated if f == "daily" or not (_TIMING.search(i.norm) and not _BAR_WORDS.search(i.norm))]
    if not stated:
        # (an indicator a rule compares: "a 3x weekly ATR stop" on a daily rule states no bars)
        stated = [(m.group(1), i) for i in infos if i.located and i.active for m in _FREQ_IND.finditer(i.norm)
                  if any(o.mention is not None and o.mention.start < m.end() and m.start() < o.mention.end
                         for k in i.comps for o in (k.left, k.right))]
    if stated:
        order = ["daily", "weekly", "monthly"]
        res.frequency, res.frequency_info = min(stated, key=lambda x: order.index(x[0]))
        res.frequency_stated = True
    else:
        active = [(m, i) for m, i in active if i.located] or active
        units = [m.unit for m, _ in active if m.unit in _UNIT_FREQ]
        if units:
            counts: dict[str, int] = {}
            for u in units:
                counts[_UNIT_FREQ[u]] = counts.get(_UNIT_FREQ[u], 0) + 1
            order = ["daily", "weekly", "monthly"]
            res.frequency = max(counts, key=lambda f: (counts[f], -order.index(f)))
            res.frequency_info = next(i for m, i in active if m.unit in _UNIT_FREQ and _UNIT_FREQ[m.unit] == res.frequency)
            res.frequency_stated = True
        else:
            res.frequency = "daily"
            res.assumptions.append("frequency not stated: daily assumed")
    # a 1-bar average is no average: step to finer bars ("moving average over the past week")
    for _ in range(2):
        small = [m for m, _ in active if m.name in _SMOOTH and m.unit in _PER_BAR["daily"]
                 and m.params.get("window", 99) * _PER_BAR[res.frequency][m.unit] < 2]
        if not small or res.frequency == "daily":
            break
        res.frequency = _FINER[res.frequency]


def _to_bars(active, res: Resolved) -> None:
    per = _PER_BAR[res.frequency]
    converted = False
    for m, _ in active:
        w = m.params.get("window")
        if w is None or m.unit not in per:
            continue
        if m.unit == "w" and w % 26 == 0:
            # "the 52-week high", "26-week return": whole years and half-years, 252 trading days a year (not 5 x 52)
            bars = max(1, int(round(w / 52 * per["y"])))
        else:
            bars = max(1, int(round(w * per[m.unit])))
        if bars != w:
            converted = True
        m.params["window"] = bars
        m.unit = None
    if converted:
        res.assumptions.append(f"windows stated in other units converted to {res.frequency} bars (21 trading days a month, 5 a week, 252 a year)")
    for m, _ in active:
        if "window" not in m.params and m.name in _DEFAULT_ROLE and m.role in ("fast", "mid", "slow"):
            m.params["window"] = _DEFAULT_ROLE[m.name][m.role]
            res.assumptions.append(f"{m.role} {m.name.upper()} window not stated: {m.params['window']} bars assumed")


def bars_of(n: int, unit: str, frequency: str) -> int:
    """``n`` days ('d'), weeks ('w') or months ('m') in bars of ``frequency`` (21 trading days a month, 5 a week).

    >>> bars_of(2, "w", "daily"), bars_of(3, "m", "monthly")
    (10, 3)
    """
    return max(1, int(round(n * _PER_BAR.get(frequency, _PER_BAR["daily"])[unit])))
