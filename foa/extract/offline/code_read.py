"""Reading strategy code: bindings, conditions and the actions they lead to, as sentences the grammar reads.

Platform code states a rule across several statements: inputs and parameters (``fastLen = input.int(9)``,
``params = dict(period=14)``, ``Inputs: Len(14);``), indicator bindings (``fast = ta.ema(close, fastLen)``,
``self.rsi = bt.ind.RSI(period=14)``, ``dataframe['rsi'] = ta.RSI(dataframe, timeperiod=14)``,
``add.indicator(... n=50, label="SMA50")``), a condition (``ta.crossover(fast, slow)``, ``Cross(a, b)``,
``a[1] < b[1] and a > b``, ``self.xover > 0``) and an action (``strategy.entry("L", strategy.long)``,
``self.buy()``, ``Buy next bar at market``, ``Buy = ...;``, ``'enter_long'] = 1``, ``OrderSend(..., OP_BUY,
...)``). ``read_code(text)`` parses the statements of a page (``code_expr``: a tokenizer and a parser, the
code is never run), follows names through their bindings and writes each rule as one plain sentence
("buy when ema(close, 9) crosses above ema(close, 21).") keyed by the offset of the line holding the
action; the lines of the ``if`` heads it used read as empty. ``analyze.read`` parses those sentences with
the ordinary grammar, so indicator names, gaps (``adx(14)``) and checks are the grammar's own, while the
quote stays the verbatim line.

Indicator names resolve through the indicator table (``foa.spec.indicators``: foa's ten plus every TA-Lib
function) after the platform spellings (``Average``, ``XAverage``, ``MA``, ``iMA``, ``SimpleMovingAvg``,
``rolling(n).mean()``) are mapped to it.

>>> r = read_code("fast = ta.ema(close, input.int(9))\\nslow = ta.ema(close, 21)\\n"
...               "if ta.crossover(fast, slow)\\n    strategy.entry('L', strategy.long)\\n")
>>> sorted(r.rewrites.items())
[(60, ''), (92, 'buy when ema(close, 9) crosses above ema(close, 21).')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from foa.extract.offline import lexicon
from foa.extract.offline.code_expr import Node, parse
from foa.spec import indicators

__all__ = ["CodeReading", "looks_like_code", "read_code"]

# ---------------------------------------------------------------- statements


@dataclass
class _Stmt:
    offset: int  # page offset of the first non-blank character of its first line
    lines: list[int]  # offsets of every line it spans
    indent: int
    text: str  # without comments, lines joined


_DIRECTIVE = re.compile(r"^\s*#\s*(?:include|property|define|import|region|endregion|pragma)\b")


def _strip_comment(line: str, hash_comments: bool) -> str:
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "/" and line[i + 1:i + 2] == "/":
            return line[:i]
        elif ch == "#" and hash_comments and not re.match(r"[0-9a-fA-F]{6}\b", line[i + 1:i + 7]):
            return line[:i]
    return line


def _depth(text: str) -> int:
    """Open round and square brackets, and braces that open a data literal (``= {``, ``({``)."""
    depth = 0
    quote = ""
    prev = ""
    for ch in text:
        if quote:
            if ch == quote:
                quote = ""
            continue
        if ch in "\"'":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "{" and prev and prev in "=(:,[":
            depth += 1
        elif ch == "}" and depth > 0:
            depth -= 1
        if not ch.isspace():
            prev = ch
    return depth


def _split_top(text: str, sep: str) -> list[str]:
    out, depth, quote, cur = [], 0, "", []
    for ch in text:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == sep and depth == 0:
            out.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    out.append("".join(cur))
    return out


def _block_depths(lines: list[str], hash_comments: bool) -> list[int] | None:
    """How many blocks each line sits in, from the text's own delimiters (C-like braces, EasyLanguage
    begin/end, ProRealTime THEN/ENDIF), or None when it has none. Code copied from a web page often loses its
    indentation, and a block's extent is then all that says which lines an ``if`` governs."""
    text = "\n".join(lines)
    if re.search(r"^\s*endif\b", text, re.I | re.M):
        mode = "endif"
    elif re.search(r"\bbegin\s*;?\s*$", text, re.I | re.M) and re.search(r"^\s*end\b", text, re.I | re.M):
        mode = "begin"
    elif re.search(r"\)\s*\{\s*$|^\s*\{\s*$", text, re.M):
        mode = "brace"
    else:
        return None
    out, depth = [], 0
    for raw in lines:
        code = re.sub(r"\"[^\"]*\"|'[^']*'", "", _strip_comment(raw, hash_comments)).strip()
        low = code.lower()
        if mode == "brace":
            lead = len(code) - len(code.lstrip("}"))
            depth = max(0, depth - lead)
            out.append(depth)
            depth = max(0, depth + code.count("{") - (code.count("}") - lead))
            continue
        closes = re.match(r"^(?:end\b|endif\b|end\s+if\b|else\b)", low) is not None
        depth = max(0, depth - closes)
        out.append(depth)
        opens = re.search(r"\bbegin\s*;?$", low) if mode == "begin" else re.search(r"\bthen$|^else$", low)
        depth += bool(opens)
    return out


def _statements(text: str) -> list[_Stmt]:
    hash_comments = not re.search(r"#\s*(?:include|property)\b", text)
    out: list[_Stmt] = []
    pos = 0
    cur: _Stmt | None = None
    in_doc = ""
    raws = text.split("\n")
    depths = _block_depths(raws, hash_comments)
    for i, raw in enumerate(raws):
        start = pos
        pos += len(raw) + 1
        stripped = raw.strip()
        if in_doc:
            if in_doc in stripped:
                in_doc = ""
            continue
        m = re.match(r'^\s*[rbuf]?("""|\'\'\')', raw)
        if m and raw.count(m.group(1)) == 1:
            in_doc = m.group(1)  # a docstring: prose for the ordinary grammar
            continue
        if not stripped or _DIRECTIVE.match(raw) or re.match(r"^\s*(?:\{[^}]*\}|\(\*.*\*\))\s*$", raw):
            continue
        code = _strip_comment(raw, hash_comments).rstrip()
        if not code.strip():
            continue
        off = start + len(raw) - len(raw.lstrip())
        if cur is not None:
            cur.text = cur.text.rstrip("\\ ") + " " + code.strip()
            cur.lines.append(off)
        else:
            # nesting by the text's blocks first, its indentation within a block after
            indent = len(raw) - len(raw.lstrip()) + (depths[i] * 1000 if depths else 0)
            cur = _Stmt(off, [off], indent, code.strip())
        if _depth(cur.text) <= 0 and not _TRAILING_OP.search(cur.text):
            for part in _split_top(cur.text, ";"):
                if part.strip():
                    out.append(_Stmt(cur.offset, cur.lines, cur.indent, part.strip()))
            cur = None
        elif len(cur.lines) > 40:
            cur = None  # an unbalanced bracket: give up on this statement
    return out


# an average taken of another indicator in one call: ta.sma(ta.stoch(...), 3), XAverage(MACD(...), 9)
_NESTED = re.compile(r"\b(?:ta\.)?(?:sma|ema|wma|rma|average|xaverage|ma)\s*\(\s*(?:ta\.)?(?:stoch|rsi|macd|cci|mfi|adx|willr|wpr|roc|mom)\w*\s*\(", re.I)
# names that hold whether (or since when) a hand-written loop backtest is in a position
_STATE_NAME = re.compile(r"in_?position|in_?trade|in_?market|is_?invested|holding|is_?long|long_?position|has_?position|"
                         r"bought|in_?long|entry_?(?:price|date|time|index|bar)|buy_?(?:price|date)|open_?position|pos|position|current_?position|in_?pos|shares|shares_?held|(?:long|short)_?pos(?:ition)?")
# the values a loop's position state takes, by what they hold: a side, or nothing (a "sell" state leaves the long)
# names of the bar object a callback or loop is handed, and of the one before it
_THIS_BAR = frozenset({"bar", "candle", "currbar", "currentbar", "curbar", "currcandle", "currentcandle", "curcandle", "kline",
                       "today", "thisbar", "latest", "latestbar", "latestcandle"})
_PREV_BAR = frozenset({"pre", "prev", "previous", "prevbar", "previousbar", "prebar", "prevcandle", "previouscandle",
                       "precandle", "prevkline", "yesterday", "prior", "priorbar", "priorcandle", "prevday"})
# a loop's or a callback's bar counter, and a look-back it is compared with in a warm-up guard
_BAR_COUNTER = re.compile(r"i|idx|index|curr_?index|current_?index|bar_?index|bar_?count|bars_?count|current_?bar|bar_?num(?:ber)?|"
                          r"candle_?count|n_?bars|num_?bars|day_?count")
_WINDOW_NAME = re.compile(r"period|length|len$|window|lookback|warm_?up|_n$|^n_|bars$|size$")
# an assignment with a type annotation: "window: int = 30", "const period: number = 14", "fast: float = 0.5"
_TYPED = re.compile(r"^(?:(?:const|let|var|readonly|private|public|protected|static)\s+)*([A-Za-z_][\w.]*)\s*:\s*[\w.\[\]<>, |]+?\s*=(?!=)\s*")
# a call that loads or wraps price data: a name bound to it is a frame whose columns are prices
_LOADER = re.compile(r"read_csv|read_parquet|download|get_data\w*|datareader|\.history$|retype|dataframe|get_klines|get_bars|fetch_ohlcv|ohlcv")
_STATE_WORDS = {**dict.fromkeys(("buy", "long", "bought", "in", "bull", "bullish"), "buy"),
                **dict.fromkeys(("short", "sellshort", "sell_short", "shorted", "bear", "bearish"), "short"),
                **dict.fromkeys(("", "none", "flat", "neutral", "out", "cash", "exit", "close", "closed", "sell", "sold"), "exit")}
_COMMENT_ROLE = re.compile(r"\b(?:buy|sell|long|short|exit|enter|entry|cover|liquidate|close (?:the|a|our|all|position))")
# comments that state what the code may not show: stops, targets, sizing, times
_COMMENT_KEEP = re.compile(r"stop|target|profit|loss|trail|size|risk|hour|session|time|%|percent")
# a line ending in an operator continues on the next: "crossover(f, s) and" / "a +"
_TRAILING_OP = re.compile(r"(?:\b(?:and|or|AND|OR)|&&|\|\||[&|+*/,(\\]|[^-]-|[^=!<>]=(?!=)|=>)\s*$")
_SIGNAL_FN = re.compile(r"buy|sell|long|short|entry|enter|exit|signal|cross|find|scan|screen|check|should|golden|death|trade")
_COMPARES = re.compile(r"[<>]|\bcross", re.I)
_CODE_LINE = re.compile(r"[=;{}]|\w\(|^\s*(?:if|def|class|return|for|while|else|elif|begin|end)\b"
                        r"|(?i:^\s*end\s?if\s*$|^\s*if\b.*\bthen\s*$)")  # ProRealTime: IF ... THEN / ENDIF


# an AmiBroker-style rule line: a role name assigned a call or comparison, ended by ";"
_ROLE_ASSIGN = re.compile(r"^\s*(?:buy|sell|short|cover|entries|exits)\s*=\s*[\w(].*[)\w]\s*;\s*(?://.*)?$", re.I)
# a prose semicolon ("sectors lagged; credit spreads were flat"): two plain words follow it
_PROSE_SEMI = re.compile(r";(?=[ \t]+[a-z]+[ \t]+[a-z]+\b)")


def looks_like_code(text: str) -> bool:
    """Whether a page holds code: at least two lines with code punctuation (a semicolon between two
    prose clauses is not code punctuation).

    >>> looks_like_code("Buy when the RSI is low.\\nSell when it is high.")
    False
    >>> looks_like_code("Stocks rose; bonds were flat over the week.\\nOil fell; gold held its gains.")
    False
    >>> looks_like_code("int a; double b;\\nx = 1;")
    True
    """
    lines = text.split("\n")
    if any(_ROLE_ASSIGN.match(ln) for ln in lines):
        return True  # "Buy = Cross(RSI(14), 30);" on a line of its own is code even alone
    return sum(1 for ln in lines if _CODE_LINE.search(_PROSE_SEMI.sub(",", ln) if ";" in ln else ln)) >= 2


# ---------------------------------------------------------------- names and values

_PARAM_PREFIXES = ("self.params.", "self.p.", "params.", "p.")
_PREFIXES = ("self.params.", "self.p.", "self.", "context.", "params.", "p.", "this.", "strategy.params.", "s.")
_PRICES = {"close": "close", "c": "close", "open": "open", "o": "open", "high": "high", "h": "high", "low": "low",
           "l": "low", "volume": "volume", "v": "volume", "vol": "volume", "price": "close", "prices": "close",
           "adj_close": "close", "adjclose": "close", "adj close": "close", "close_price": "close", "closes": "close",
           "hl2": "close", "hlc3": "close", "ohlc4": "close", "src": None, "source": None, "data": "close",
           "data0": "close", "datas": "close", "bars": "close", "last": "close", "mid": None, "ask": "close", "bid": "close"}
_FRAMES = {"dataframe", "df", "data", "bars", "self.data", "self.data0", "self.datas", "prices", "ohlc", "candles", "history", "mktdata"}

_R_PRICES = {"cl": "close", "ad": "close", "op": "open", "hi": "high", "lo": "low", "vo": "volume",
             "iclose": "close", "iopen": "open", "ihigh": "high", "ilow": "low"}
_CONTAINERS = frozenset({"data", "df", "dataframe", "data0", "bars", "candles", "ohlc", "mktdata", "datas"})
# platform spellings of the table's indicators (lowercase, after the namespace: ta.sma -> sma)
_PLATFORM = {
    "average": "sma", "sma": "sma", "ma": "sma", "simplemovingavg": "sma", "simplemovingaverage": "sma",
    "movingaverage": "sma", "mov": "sma", "avg": "sma", "movingaveragesimple": "sma", "smma": "smma",
    "xaverage": "ema", "ema": "ema", "expaverage": "ema", "expmovingavg": "ema", "movavgexponential": "ema",
    "exponentialmovingaverage": "ema", "movingaverageexponential": "ema", "ewma": "ema",
    "waverage": "wma", "wma": "wma", "lwma": "wma", "weightedmovingaverage": "wma",
    "rsi": "rsi", "rsiwilder": "rsi", "relativestrengthindex": "rsi",
    "atr": "atr", "averagetruerange": "atr", "avgtruerange": "atr",
    "roc": "roc", "rateofchange": "roc", "momentum": "mom", "mom": "mom", "rocp": "roc", "rocr": "roc",
    "highest": "highest", "hhv": "highest", "highestvalue": "highest", "highesthigh": "highest", "max": "highest",
    "lowest": "lowest", "llv": "lowest", "lowestvalue": "lowest", "lowestlow": "lowest", "min": "lowest",
    "stddev": "stdev", "stdev": "stdev", "std": "stdev", "standarddeviation": "stdev",
    "bb": "bbands", "bbands": "bbands", "bollingerbands": "bbands", "bollinger_bands": "bbands", "bollinger": "bbands",
    "bands": "bbands", "boll": "bbands",
    "macd": "macd", "stochastic": "stoch", "stoch": "stoch", "sar": "sar", "psar": "sar", "parabolicsar": "sar",
    "williamsr": "willr", "wpr": "willr", "willr": "willr", "cci": "cci", "adx": "adx", "mfi": "mfi", "obv": "obv",
    "dmi": "adx", "rvi": "rvi", "supertrend": "supertrend", "vwap": "vwap", "hma": "wma", "kama": "kama",
    "rsi_sma": "rsi", "rsi_ema": "rsi", "rsi_safe": "rsi", "rsisma": "rsi", "stochasticslow": "stoch",
    "stochasticfull": "stoch", "stochasticfast": "stochf", "williamsr": "willr",
    # QuantConnect's short names: self.MOMP(symbol, 126) is the momentum in percent, self.STO(...) the stochastic
    "momp": "roc", "momentumpercent": "roc", "sto": "stoch", "wilr": "willr",
}
# AmiBroker's functions for one output of an indicator: name -> (kind, output, positional parameter names)
_AFL_OUTPUTS = {"bbandtop": ("bbands", "upper", ()), "bbandbot": ("bbands", "lower", ()),
                "signal": ("macd", "signal", ("fast", "slow", "signal")),
                "stochk": ("stoch", "slowk", ("fastk_period", "slowk_period")),
                "stochd": ("stoch", "slowd", ("fastk_period", "slowk_period", "slowd_period"))}
# MetaTrader handles: iMA, iRSI, iMACD, iBands, iStochastic, ...
_MQL = {"ima": "ma", "irsi": "rsi", "iatr": "atr", "imomentum": "roc", "imacd": "macd", "ibands": "bbands",
        "istochastic": "stoch", "icci": "cci", "iadx": "adx", "isar": "sar", "iwpr": "willr", "irvi": "rvi",
        "imfi": "mfi", "iobv": "obv", "istddev": "stdev"}
_FOA_NAMES = frozenset(i.name for i in indicators.table() if i.source == "foa")
_TALIB_NAMES = frozenset(i.name for i in indicators.table() if i.source == "talib")
# the table's prose names run together, as class and function names spell them: CommodityChannelIndex,
# money_flow_index, AverageDirectionalMovementIndex (names of one or two words are left to the table's own names)
_RUN_TOGETHER = {re.sub(r"[^a-z0-9]", "", a.lower()): i.name for i in indicators.table() for a in i.aliases
                 if " " in a.strip() and "n day" not in a and len(re.sub(r"[^a-z]", "", a)) >= 8
                 and not re.search(r"\b(?:upper|lower|middle)\b|(?:line|histogram|level|change|return)$|^true range$", a.lower())}


def _code_name(fn: str) -> str | None:
    """The table name of an indicator function or class in any platform's spelling, or None.

    >>> [_code_name(x) for x in ("XAverage", "RSIIndicator", "commodity_channel_index", "StochasticOscillator", "plot")]
    ['ema', 'rsi', 'cci', 'stoch', None]
    >>> [_code_name(x) for x in ("calculate_rsi", "compute_sma", "get_macd", "getprice", "calc")]
    ['rsi', 'sma', 'macd', None, None]
    """
    low = fn.lower()
    if low in _PLATFORM:
        return _PLATFORM[low]
    if low in _TALIB_NAMES:
        return low
    key = low.replace("_", "")
    # a script's own helper named for what it computes: calculate_rsi(prices), compute_sma(c, 20), get_macd(df)
    own = re.sub(r"(?<=[a-z]{2})(?:closes|close|prices|values|series)$", "", re.sub(r"^(?:calculate|calc|compute|get|make|my)(?=[a-z]{2,})", "", key))
    for k in dict.fromkeys((key, re.sub(r"(?:indicator|ind)$", "", key), own)):
        if not k:
            continue
        if k in _PLATFORM:
            return _PLATFORM[k]
        if k in _TALIB_NAMES and len(k) >= 3:
            return k
        if k in _RUN_TOGETHER:
            return _RUN_TOGETHER[k]
    return None


# an output method of an indicator object (the ``ta`` library: BollingerBands(c).bollinger_lband(),
# MACD(c).macd_signal(), ADXIndicator(h, l, c).adx_pos()): which output it returns
_METHOD_OUT = ((r"lband|lower|_low\b|bot", "lower"), (r"hband|upper|_high\b|top", "upper"), (r"mavg|mid|basis", "middle"),
               (r"signal", "signal"), (r"diff|hist", "hist"), (r"_pos\b|plus", "plus_di"), (r"_neg\b|minus", "minus_di"))
# an indicator named by its column, as pandas_ta and habit name them: RSI_14, SMA_200, ema20, BBL_20_2.0, MACDs_12_26_9
_COL_NAMED = re.compile(r"([a-z]+?)_?(\d+(?:\.\d+)?)(?:_(\d+(?:\.\d+)?))?(?:_(\d+(?:\.\d+)?))?")
_PANDAS_TA = {"bbl": ("bbands", "lower"), "bbm": ("bbands", "middle"), "bbu": ("bbands", "upper"), "macd": ("macd", "line"),
              "macds": ("macd", "signal"), "macdh": ("macd", "hist"), "atrr": ("atr", None), "stochk": ("stoch", "slowk"),
              "stochd": ("stoch", "slowd"), "dmp": ("plus_di", None), "dmn": ("minus_di", None), "willr": ("willr", None),
              "ma": ("sma", None), "dcl": ("lowest", None), "dcu": ("highest", None)}
# MQL4 argument counts (with the trailing bar shift); MQL5 handles take fewer
_MQL4_ARITY = {"ma": 7, "rsi": 5, "atr": 4, "roc": 5, "macd": 8, "bbands": 8, "stoch": 9, "cci": 5, "adx": 6, "sar": 5,
               "willr": 4, "rvi": 5, "mfi": 4, "obv": 4, "stdev": 7}
_MQL_MODES = {"mode_upper": {"bbands": "upper"}, "mode_lower": {"bbands": "lower"}, "mode_main": {"bbands": "middle", "macd": "line"},
              "mode_signal": {"macd": "signal"}, "mode_plusdi": {}, "mode_minusdi": {}, "mode_base": {"bbands": "middle"}}
_WINDOW_KW = ("period", "length", "timeperiod", "window", "n", "len", "lookback", "span", "periods", "nperiod", "window_length",
              "time_period", "ma_period", "rsi_period", "window_size", "bars", "days", "com", "interval", "optintimeperiod")
_STD_KW = ("nbdevup", "nbdev", "devfactor", "mult", "std", "dev", "stddev", "num_std", "k", "multiplier", "deviation", "stdev",
           "window_dev", "stds", "alpha", "std_dev", "num_std_dev", "devs", "numdevs", "nbdevdn", "width")
_MACD_KW = (("fastperiod", "nfast", "fast", "fast_period", "period_me1", "fastlength", "fastlen", "fast_length", "shortperiod", "short_window", "fastma",
             "window_fast", "short"),
            ("slowperiod", "nslow", "slow", "slow_period", "period_me2", "slowlength", "slowlen", "slow_length", "longperiod", "long_window", "slowma",
             "window_slow", "long"),
            ("signalperiod", "nsig", "signal", "signal_period", "period_signal", "signallength", "siglen", "signal_length", "signalma", "smooth",
             "window_sign", "signal_window"))
_COMPONENTS = {
    "macd": {"macd": "line", "macdline": "line", "line": "line", "dif": "line", "diff": "line", "signal": "signal",
             "signalline": "signal", "dea": "signal", "macdsignal": "signal", "hist": "hist", "histogram": "hist",
             "macdhist": "hist", "histo": "hist", "value": "line", "avg": "signal"},
    "stoch": {"perck": "slowk", "percd": "slowd", "k": "slowk", "d": "slowd", "slowk": "slowk", "slowd": "slowd",
              "stoch_k": "slowk", "stoch_d": "slowd", "main": "slowk", "signal": "slowd"},
    "bbands": {"top": "upper", "upper": "upper", "upperband": "upper", "ub": "upper", "up": "upper", "bot": "lower",
               "lower": "lower", "lowerband": "lower", "lb": "lower", "lo": "lower", "dn": "lower", "down": "lower",
               "mid": "middle", "middle": "middle", "basis": "middle", "middleband": "middle", "mb": "middle", "ma": "middle"},
}
# outputs in positional order of a tuple unpack ("[mid, up, lo] = ta.bb(...)"; TA-Lib's BBANDS: upper first)
_ORDER = {"pine_bb": ("middle", "upper", "lower"), "bbands": ("upper", "middle", "lower"), "macd": ("line", "signal", "hist")}
_PLUMB_NAME = re.compile(r"position|can_?trade|is_?tradable|has_?data|is_?ready|exitactive|entryactive|orderstotal|positionstotal|marketposition|invested|portfolio|getposition|holdings|"
                         r"\bbarssince|bar_index|barstate|time|hour|minute|dayofweek|session|date|\bna\b|isnan|printlog|strategy\.opentrades")
_TIME_NAME = re.compile(r"(?:^|[._])(?:hour|minute|time|timecurrent|session|dayofweek|tradinghours|rth|iswithinrth|"
                        r"time_in_session|in_session|tradesession|timecontrol)(?:$|[._(])|hour\(|minute\(")
_SIDE_FLAG = re.compile(r"(?:long|short)_?pos(?:ition)?|pos(?:ition)?_(?:long|short)|(?:is|in)_(?:long|short)")
_POS_WORD = re.compile(r"position|marketposition|invested|opentrades|holdings")


@dataclass
class _Ind:
    """An indicator read from code: its table name, window-like parameters and an output."""

    name: str
    params: dict
    source: str = "close"
    output: str | None = None

    def text(self) -> str | None:
        n, p = self.name, self.params
        w = p.get("window")
        if n in ("sma", "ema", "wma") and w:
            return f"{n}({self.source}, {_fmt(w)})"
        if n in ("highest", "lowest") and w:
            return f"{n}({self.source if self.source != 'close' or n == 'highest' and False else self.source}, {_fmt(w)})"
        if n in ("rsi", "atr", "roc", "stdev") and w:
            return f"{n}({_fmt(w)})"
        if n == "macd":
            f, s, g = (p.get(k) for k in ("fast", "slow", "signal"))
            args = ", ".join(_fmt(x) for x in (f, s, g) if x is not None) if f and s else ""
            head = f"macd({args})" if args else "macd"
            return {"signal": f"{head} signal line", "hist": f"{head} histogram"}.get(self.output or "", f"{head} line")
        if n == "bbands" and w:
            std = p.get("std", 2.0)
            return f"the {self.output or 'middle'} bollinger band({_fmt(w)}, {_fmt(std)})"
        if n in ("rsi", "atr"):
            return n  # "ta.rsi(self.candles)": the library's default window, which the grammar fills in and states
        if n == "bbands":
            return f"the {self.output or 'middle'} bollinger band"
        if n in ("sma", "ema", "roc", "stdev", "highest", "lowest"):
            return None  # an average or a range without its window: no default to trade on
        args = ", ".join(_fmt(v) for v in p.values())
        if n == "stoch" and self.output:
            return f"the stochastic {self.output}({args})" if args else f"the stochastic {self.output}"
        return f"{n}({args})" if args else n


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def _short(name: str) -> str:
    low = name.lower()
    for pre in _PREFIXES:
        if low.startswith(pre):
            low = low[len(pre):]
            break
    return low


# ---------------------------------------------------------------- the reader


@dataclass
class CodeReading:
    """What ``read_code`` found: rule sentences and emptied lines by line offset."""

    rewrites: dict[int, str] = field(default_factory=dict)
    rules: list[tuple[str, str]] = field(default_factory=list)  # (role, condition sentence)
    gaps: dict[int, list[lexicon.Gap]] = field(default_factory=dict)  # rule parts foa cannot hold, by line

    def gap(self, offset: int, what: str) -> None:
        """Record a rule part of the code the DSL cannot hold (a time filter, a sizing formula, an order type)."""
        have = self.gaps.setdefault(offset, [])
        if all(g.what != what for g in have):
            have.append(lexicon.Gap(what, "", "rule"))

    def add(self, offset: int, sentence: str) -> None:
        old = self.rewrites.get(offset, "")
        self.rewrites[offset] = f"{old} {sentence}".strip() if sentence not in old else old


_PLUMB = ("plumb",)
_DEEP = 14  # how deep names and calls are followed (a guard against self-reference)
# how each role is said: "sell" in code closes the long ("sell short" opens a short); a bare self.sell() of a
# framework whose sell may open a short stays "sell"
_ROLE_WORDS = {"buy": "buy", "sell": "close the long", "short": "sell short", "cover": "cover", "exit": "exit",
               "sell?": "sell"}
_IF = re.compile(r"^(?:\}\s*)?(?:if|elif|else\s*if|elseif|when|unless)\b\s*(.*)$", re.I)
_ELSE = re.compile(r"^(?:\}\s*)?else\s*(?::|\{|begin)?\s*(.*)$", re.I)
_DEF = re.compile(r"^(?:(?:local|static|private|public|protected|override|virtual|async|inline)\s+)*"
                  r"(?:def|function|void|bool|boolean|func|int|double|float)\s+([A-Za-z_]\w*)\s*\(", re.I)
# a JavaScript/TypeScript class method: "async period(p: IndicatorPeriod): Promise<Signal | undefined> {"
_METHOD = re.compile(r"^(?:(?:public|private|protected|static|async|override)\s+)*([A-Za-z_]\w*)\s*\([^()]*\)\s*(:\s*[^{};=()]+)?\{?\s*$")
_NOT_METHODS = frozenset({"if", "for", "while", "switch", "catch", "with", "foreach", "function", "return", "else", "do", "try", "lock", "using"})
# a numeric default in a parameter list: "(self, period=14, lo: int = 25)"
_PARAM_DEFAULT = re.compile(r"[(,]\s*([A-Za-z_]\w*)\s*(?::\s*[\w.\[\]]+\s*)?=\s*(-?\d+(?:\.\d+)?)\s*(?=[,)])")
_PINE_FN = re.compile(r"^([A-Za-z_]\w*)\s*\([^()]*\)\s*=>\s*(.*)$")
_RETURN = re.compile(r"^return(?:\s+|(?=\())(.+?)\s*;?$", re.I)  # "return x", MQL's "return(1)"
_DECL = r"(?:(?:var|varip|let|const|float|int|series|input|double|bool|string|extern|static|auto|def|local|simple|private|public|protected)\s+)*"
_ASSIGN = re.compile(rf"^{_DECL}([\w.\[\]'\" ,$@]+?)\s*(:=|=|<-|\+=)(?!=)\s*(.+)$", re.I)
_FT_STOP = re.compile(r"^stoploss\s*(?::\s*float\s*)?=\s*(-\s*\d*\.?\d+)\s*$")
_FT_ROI = re.compile(r"^minimal_roi\s*(?::[^=]*)?=\s*\{\s*[\"']0[\"']\s*:\s*(\d*\.?\d+)\s*,?\s*\}$")
_LOC_ASSIGN = re.compile(r"^([\w.]+\s*\[.+\])\s*(=)(?!=)\s*(.+)$", re.I)
_EL_DECL = re.compile(r"^(inputs?|vars?|variables?|parameters?|params)\s*:\s*(.+)$", re.I)
_EL_ITEM = re.compile(r"([A-Za-z_]\w*)\s*\(\s*([-+]?\d+(?:\.\d+)?)")
_EL_ACTION = re.compile(r"^(buy\s*to\s*cover|buytocover|sell\s*short|sellshort|exitlong|exitshort|enterlong|entershort|buy|sell)\b"
                        r"(?!\s*[=.])\s*(?:\(\s*\"[^\"]*\"\s*\))?\s*(?:\d+\s+(?:shares?|contracts?|lots?)\s*)?"
                        r"(?:next\s+bar|this\s+bar|at\s+market|on\s+close|at\b|from\s+entry|all\b|;|$)", re.I)
_EL_ROLE = {"buy": "buy", "sell": "sell", "sellshort": "short", "sell short": "short", "buytocover": "cover",
            "buy to cover": "cover", "exitlong": "sell", "exitshort": "cover", "enterlong": "buy", "entershort": "short"}
_CALL_ROLE = {"buy": "buy", "enterlong": "buy", "entershort": "short", "exitlong": "sell", "exitshort": "cover",
              "sellshort": "short", "buytocover": "cover", "liquidate": "exit", "close": "exit", "close_position": "exit",
              "positionclose": "exit", "orderclose": "exit", "closeposition": "exit", "close_all": "exit",
              "sell": "sell", "go_long": "buy", "go_short": "short", "enter_long": "buy", "enter_short": "short",
              "exit_long": "sell", "exit_short": "cover", "open_long": "buy", "open_short": "short",
              "exitmarket": "exit"}  # PyAlgoTrade: position.exitMarket()
_COLUMN_ROLE = {"enter_long": "buy", "buy": "buy", "entry": "buy", "long": "buy", "enter": "buy", "entries": "buy",
                "exit_long": "sell", "sell": "sell", "exit": "sell", "exits": "sell", "enter_short": "short",
                "short": "short", "exit_short": "cover", "cover": "cover"}
# a flag or condition variable named for its side ("buy_signal", "goLong", "shortCondition", "exitLongSetup",
# "signal_sell"): read as a rule only where the text places no order of its own (a signal function whose
# orders live elsewhere); plain "buy"/"long" flags are left alone (often position state)
_FLAG_ROLE = re.compile(r"(?:(?:go|enter|open|do|should|can|is|new)_?(?P<a>buy|long|sell|short|exit|cover)(?:_?(?:signal|sig|cond(?:ition)?|setup|trigger|entry|flag))?"
                        r"|(?P<b>buy|long|sell|short|exit|cover)_?(?:entry_?)?(?:signal|sig|cond(?:ition)?|setup|trigger|flag|entry)"
                        r"|(?:exit_?)(?P<c>long|short)_?(?:signal|sig|cond(?:ition)?|setup|trigger|flag)?"
                        r"|(?:signal|sig|entry|cond(?:ition)?)_?(?P<d>buy|long|sell|short|exit))s?")
_FLAG_ROLES = {"buy": "buy", "long": "buy", "sell": "sell", "short": "short", "exit": "exit", "cover": "cover"}
_SIGNAL_NAMES = {"signal", "signals", "position", "positions", "pos", "trade_signal", "trading_signal", "sig", "target", "stance", "regime"}
_AFL_ROLES = {"buy": "buy", "sell": "sell", "short": "short", "cover": "cover"}
_VAR_ROLES = {"buy": "buy", "sell": "sell", "long": "buy", "short": "short", "go_long": "buy", "go_short": "short",
              "entries": "buy", "entry": "buy", "long_entries": "buy", "buy_signal": "buy", "buy_signals": "buy",
              "long_entry": "buy", "buys": "buy", "exits": "sell", "long_exits": "sell", "sell_signal": "sell",
              "sell_signals": "sell", "long_exit": "sell", "sells": "sell", "short_entries": "short",
              "short_entry": "short", "short_exits": "cover", "short_exit": "cover"}
# a signal column (df['exit'] = ...): a variable of these names is often a condition an order call uses later
_COL_ROLES = {**_VAR_ROLES, "exit": "sell", "enter_long": "buy", "exit_long": "sell", "enter_short": "short", "exit_short": "cover"}
_FUNC_ROLES = {"filters": "", "should_long": "buy", "should_short": "short", "should_exit": "exit", "buy_signal": "buy",
               "sell_signal": "sell", "should_buy": "buy", "should_sell": "sell", "long_signal": "buy",
               "short_signal": "short", "entry_signal": "buy", "exit_signal": "exit", "should_exit_long": "sell",
               "should_exit_short": "cover", "is_buy": "buy", "is_sell": "sell", "check_buy": "buy", "check_sell": "sell"}


class _Reader:
    def __init__(self) -> None:
        self.b: dict[str, Node] = {}  # bindings by short name
        self.lists: dict[str, list[Node]] = {}  # conditions.append(...)
        self.labels: dict[str, tuple[str, Node]] = {}  # quantstrat signal label -> (role-free) condition
        self.fn_name = ""  # the function being read
        self.fn_conds: dict[str, Node] = {}  # functions that return a condition, by name
        self.fn_where: dict[str, _Stmt] = {}  # the "return True" statement of each
        self.dropped: list[Node] = []  # comparisons of an "and" the last condition could not say
        self.counts: dict[str, int] = {}  # how often each name is assigned (a state variable is no parameter)
        self.if_lines: list[int] = []  # offsets of every if/elif head
        self.fn_actions: dict[str, str] = {}  # user functions that place one order: name -> role
        self.state: set[str] = set()  # names assigned more than once: state, never a constant
        self.exclusive = False  # backtesting.py's Backtest(..., exclusive_orders=True)
        self.filters: list[str] = []  # jesse's filters(): condition functions every entry needs
        self.fn_values: dict[str, dict[float, Node]] = {}  # functions returning constants: value -> its condition
        self.short_ids: set[str] = set()
        self.fn_sides: dict[str, dict[str, tuple[Node, _Stmt]]] = {}
        self.columns: dict[str, Node] = {}  # Quantopian pipeline columns by name
        self.fn_arg_actions: dict[str, dict[float, str]] = {}  # functions whose order side is their argument
        self.signal: tuple[Node, _Stmt] | None = None  # backtrader's signal line: the first pass's, for an add_signal above it  # signal functions taking the side: name -> role -> condition
        self.calls: dict[str, _Ind] = {}  # the first indicator of each kind bound to any name
        self.assets: dict[str, str] = {}  # "first": the instrument of the first constant-target buy order
        self.long_ids: set[str] = set()
        self.params: dict[str, Node] = {}  # a framework's parameter block (backtrader params), apart from locals
        self.never = False  # the last condition read holds a switched-off toggle ("allowShorts and ...")
        self.allow = ""  # Pine's strategy.risk.allow_entry_in: the one side entries may open
        self.shorts_off = False  # freqtrade's can_short = False: short signals never trade
        self.state_rules: list[tuple[str, list, _Stmt]] = []  # position-state assignments under an if: (role, frames, stmt)
        self.stoch_d: dict[tuple, float] = {}  # (%K period, %K smoothing) -> the %D smoothing an SMA of %K states
        self.ticker_cols: set[str] = set()  # frame columns named by a code in capitals (data['SPY']), lower case
        self.scored = False  # the last condition read counts votes foa cannot hold (2 of 3 conditions)
        self.closed_at: tuple[int, int] = (-1, -1)  # (indent, block) of the last position close read
        self.flag_where: dict[str, _Stmt] = {}  # side-named flags and condition variables: name -> where first set
        self.metatrader = False  # MetaTrader code, where a sell opens a short
        self.flag_sets: dict[str, dict[int, Node]] = {}  # flags set true under a condition: name -> offset -> condition
        self.flag_frames: dict[tuple, int] = {}  # (flag, value) -> the if block that set it
        self.order_frames: set[int] = set()  # if blocks that place an order (a flag set there records the order)
        self.uncond: list[_Stmt] = []  # buy orders under no condition but guards (a holding, not a rule)
        self.dropped_any = False  # an order under a condition the reader could not say
        self.uncond_out = False  # an exit or short order under no condition
        self.text = ""  # the code read
        self._flat: dict[str, str] = {}  # bound names without underscores -> the name
        self._flat_size = -1
        self.out = CodeReading()

    # ---- bindings
    def bind(self, target: str, rhs: Node) -> None:
        t = target.strip()
        if t.startswith("[") or "," in t:
            names = [x.strip(" []()") for x in t.split(",") if x.strip(" []()")]
            if rhs is not None and rhs[0] == "seq" and len(rhs[1]) == len(names):
                for name, value in zip(names, rhs[1]):  # "fast, slow, sig = 12, 26, 9"
                    self.bind(name, value)
                return
            call = rhs if rhs and rhs[0] == "call" else None
            ind = self.indicator(call, 0) if call else None
            fname = call[1][1].lower() if call and call[1][0] == "name" else ""
            if ind and fname.endswith("dmi") and len(names) == 3:
                # Pine: [diplus, diminus, adx] = ta.dmi(diLength, adxSmoothing)
                nums = [v for v in (self.const(a) for a in call[2]) if v is not None]
                if nums:
                    for name, kind, n in zip(names, ("plus_di", "minus_di", "adx"), (nums[0], nums[0], nums[-1])):
                        self.b[_short(name)] = ("ind", _Ind(kind, {"timeperiod": n}))
                return
            if ind and ind.name in ("macd", "bbands"):
                fname = call[1][1].lower() if call[1][0] == "name" else ""
                order = _ORDER["pine_bb"] if ind.name == "bbands" and fname.startswith("ta.") else _ORDER[ind.name]
                # (prev_lower, prev_middle, prev_upper = ...: the bar the names also say is no part of the output's name)
                said = [_COMPONENTS[ind.name].get(re.sub(r"^(?:(?:prev|previous|last|curr?|current|old|new)_?)?(?:bb_?|macd_?)?|_?band$|_(?:prev|previous|last|curr?|current|\d)$",
                                                         "", _short(n))) for n in names]
                if all(said) and len(set(said)) == len(said):
                    order = tuple(said)  # "lower, middle, upper = bollinger_bands(...)": the names say which is which
                for name, out in zip(names, order):
                    self.b[_short(name)] = ("ind", _Ind(ind.name, ind.params, ind.source, out))
            return
        key = _short(t.replace("'", "").replace('"', "").replace("[", ".").replace("]", ""))
        if key.startswith(("lines.", "l.")):
            key = key.split(".", 1)[1]
        for frame in _FRAMES:
            if key.startswith(frame + "."):
                key = key[len(frame) + 1:]
                break
        if key in _CONTAINERS and not (rhs is not None and rhs[0] == "index" and self.price(rhs) == "close"):
            # "data = bt.feeds.PandasData(...)": the price data itself, its columns are prices ("df =
            # yf.download(tickers)['Close']" is bound: the frame holds closes only)
            return
        if rhs is not None and rhs[0] == "name" and _short(rhs[1].lower()) == key and key in self.b:
            return  # "self.short_window = short_window" in __init__: the parameter's own default stands
        if rhs is not None and rhs[0] == "name" and re.split(r"[.$]", _short(rhs[1].lower()))[0] == key:
            out = self.component_ind(rhs[1].lower(), 0)
            if out is not None:
                rhs = ("ind", out)  # dataframe['macd'] = macd['macd']: the output, read before the name is rebound
        if rhs is not None and rhs[0] == "call" and rhs[1][0] == "name" and rhs[1][1].lower().startswith(t.lower() + ".") \
                and key in self.b:
            return  # "x = x.dropna()": the same series
        if rhs is not None and rhs[0] == "call" and rhs[1][0] == "name" and len(rhs[2]) == 1 and rhs[2][0] == ("name", t) \
                and rhs[1][1].lower() in ("np.array", "numpy.array", "np.asarray", "list", "pd.series", "pandas.series", "array"):
            return  # "closes = np.array(closes)": the same series in another container
        old = self.b.get(key)
        if rhs is not None and old is not None and old[0] in ("num", "neg") and rhs[0] == "call" \
                and any(_short(n).rsplit(".", 1)[-1] == key for n in _names(rhs)):
            # FAST = 10, then fast = close.rolling(FAST).mean(): names differ only in case, and the constant is
            # read where the series is bound
            rhs = _subst(rhs, key, old)
        ind = self.indicator(rhs, 0) if rhs is not None and rhs[0] == "call" else None
        if ind is not None:
            self.calls.setdefault(ind.name, ind)
        if key and not (key in _PRICES and rhs is not None and rhs[0] == "name" and self.price(rhs) == _PRICES[key]):
            if (key not in self.b or (self.b[key] != rhs and not self.same_series(self.b[key], rhs))) \
                    and not _placeholder(rhs) and not (key in self.b and _placeholder(self.b[key])):
                # the same value bound again is no state, nor is "context.macd = None" before its value
                self.counts[key] = self.counts.get(key, 0) + 1
            self.b[key] = rhs
            self.b.setdefault(key.rsplit(".", 1)[-1], rhs)

    def same_series(self, a: Node, b: Node) -> bool:
        """Two spellings of one indicator (a factor, then the pipeline column holding it)."""
        if a is None or b is None or a[0] == "num" or b[0] == "num":
            return False
        oa, ob = self.operand(a), self.operand(b)
        return oa is not None and oa == ob and not _is_num(oa[0])

    def fill(self, low: str) -> str:
        """A name built by an f-string with its fields filled in where they are constants:
        ``dataframe.sma_{self.lookback.value}`` with ``lookback = IntParameter(10, 90, default=30)`` is
        ``dataframe.sma_30``."""
        if "{" not in low:
            return low

        def one(m: re.Match) -> str:
            node = parse(m.group(1))
            v = self.const(node, 1) if node is not None else None
            return _fmt(v) if v is not None else m.group(0)

        return re.sub(r"\{([^{}]+)\}", one, low)

    def lookup(self, name: str) -> Node | None:
        low = self.fill(name.lower())
        if low.startswith(_PARAM_PREFIXES):
            # self.p.fast is the parameter even where a local "fast = bt.ind.EMA(period=self.p.fast)" reuses its name
            got = self.params.get(low.split(".", 2 if low.startswith("self.") else 1)[-1])
            if got is not None:
                return got
        for suffix in (".current.value", ".current", ".value", ".values", ".iat", ".iloc", ".to_numpy", ".lines.0",
                       ".result.lastvalue", ".lastvalue", ".result"):  # cTrader's _rsi.Result.LastValue, gekko's .result
            if low.endswith(suffix) and low != suffix:
                low = low[: -len(suffix)]
        key = _short(low)
        for frame in _FRAMES:
            if key.startswith(frame + "."):
                key = key[len(frame) + 1:]
                break
        head, _, last = key.rpartition(".")
        if head and last in self.columns:
            out = self.b.get(head)
            if out is not None and out[0] == "call" and out[1][0] == "name" and out[1][1].lower().endswith("pipeline_output"):
                return self.columns[last]  # context.output['sma_fast']: the pipeline's column
        for k in (key, key.rsplit(".", 1)[-1]):
            if k in self.b:
                return self.b[k]
        flat = key.rsplit(".", 1)[-1].replace("_", "")
        if len(flat) >= 6:
            # stoch_kperiod declared, stochKperiod used: one name in two spellings
            if self._flat_size != len(self.b):
                self._flat = {}
                for k in self.b:
                    self._flat.setdefault(k.replace("_", ""), k)
                self._flat_size = len(self.b)
            k = self._flat.get(flat)
            if k is not None and k != key:
                return self.b[k]
        parts = low.split(".")
        for i in range(len(parts) - 1, 0, -1):
            # config['rsi']['period'] with config = {'rsi': {'period': 7}}: the value the nested literal holds
            node = self.b.get(_short(".".join(parts[:i])))
            for part in parts[i:]:
                node = next((v for k2, v in node[3].items() if k2.lower() == part), None) \
                    if node is not None and node[0] == "call" and node[1] == ("name", "dict") else None
            if node is not None:
                return node
        return None

    # ---- values
    def const(self, node: Node | None, depth: int = 0) -> float | None:
        if node is None or depth > _DEEP:
            return None
        kind = node[0]
        if kind == "num":
            return node[1]
        if kind == "neg":
            v = self.const(node[1], depth + 1)
            return -v if v is not None else None
        if kind == "name":
            if _short(node[1].lower()) in self.state:
                return None  # self.stop_price = 0 then reassigned: a state variable, not a number
            b = self.lookup(node[1])
            return self.const(b, depth + 1) if b is not None and b is not node else None
        if kind == "bin":
            a, b = self.const(node[2], depth + 1), self.const(node[3], depth + 1)
            if a is None or b is None:
                return None
            op = node[1]
            return a + b if op == "+" else a - b if op == "-" else a * b if op == "*" else a / b if op == "/" and b else None
        if kind == "call" and node[1][0] == "name":
            fn = node[1][1].lower().rsplit(".", 1)[-1]
            full = node[1][1].lower()
            if fn in ("get_setting", "setting", "getsetting", "get_param", "getparam") and node[2]:
                nums = [self.const(a, depth + 1) for a in node[2][1:]]
                nums = [x for x in nums if x is not None]
                return nums[-1] if nums else None
            if re.match(r"(?:input|param|optimi[sz]e|intparameter|decimalparameter|realparameter|parameter|int|float|double|round|abs)", fn) \
                    or full.startswith("input"):
                for k in ("defval", "default", "value"):
                    if k in node[3]:
                        return self.const(node[3][k], depth + 1)
                nums = [self.const(a, depth + 1) for a in node[2]]
                nums = [x for x in nums if x is not None]
                if fn in ("intparameter", "decimalparameter", "realparameter"):
                    return None  # a range without a default
                if full.startswith("param") and len(nums) >= 2:
                    return nums[0]
                return nums[0] if nums else None
        if kind == "seq" and len(node[1]) == 1:
            return self.const(node[1][0], depth + 1)
        return None

    def price(self, node: Node | None, depth: int = 0) -> str | None:
        """The price series a node names (close, high, ...), or None."""
        if node is None or depth > _DEEP:
            return None
        if node[0] == "index" and node[1][0] == "call" and node[2][0] == "str" \
                and _PRICES.get(re.sub(r"[\s_]+", "_", node[2][1].strip().lower())) and len(node[2][1].strip()) > 1:
            # yf.download(tickers, start, end)['Close'], pdr.get_data_yahoo(...)['Adj Close']: that price column
            return _PRICES[re.sub(r"[\s_]+", "_", node[2][1].strip().lower())]
        if node[0] == "index":
            return self.price(node[1], depth + 1)
        if node[0] == "attr" and _PRICES.get(node[2]) and " ".join(_names(node[1])) in _FRAMES:
            return _PRICES[node[2]]  # self.datas[0].low: that price of the first feed
        if node[0] == "call" and node[1][0] == "name" and node[1][1].lower() in (".last", ".mean", ".agg", ".first") and node[2] \
                and node[2][0][0] == "call" and node[2][0][1][0] == "name" and node[2][0][1][1].lower().endswith(".resample"):
            # daily.resample('W').last(): the same prices on longer bars (the frequency is read where it is stated)
            return self.price(("name", node[2][0][1][1].rsplit(".", 1)[0]), depth + 1)
        if node[0] == "call" and node[1][0] == "name" and node[1][1].lower().endswith("history"):
            return "close"  # zipline's data.history(asset, 'price', bar_count=n): a price series
        if node[0] == "call" and node[1][0] == "name" and node[1][1].lower().endswith(".current") \
                and any(a[0] == "str" and a[1].lower() in ("price", "close") for a in node[2]):
            return "close"  # zipline's data.current(asset, 'price')
        if node[0] == "call" and node[1][0] == "name" and _GETTER.search(node[1][1].lower()) \
                and (not node[2] or node[1][1].startswith(".") and len(node[2]) == 1):
            # PyAlgoTrade: bar.getPrice(), bar.getAdjClose(), feed[inst].getPriceDataSeries(), getHighDataSeries()
            got = _GETTER.search(node[1][1].lower()).group(1)
            return {"price": "close", "adjclose": "close"}.get(got, got)
        if node[0] == "call" and node[1][0] == "name" and node[1][1].lower() in _R_PRICES:
            return _R_PRICES[node[1][1].lower()]  # quantmod: Cl(x), Ad(x), Hi(x)
        if node[0] == "call" and node[1][0] == "name" and node[1][1].lower().startswith(("input", "param")):
            return self.price(node[2][0] if node[2] else node[3].get("defval"), depth + 1)
        if node[0] != "name":
            return None
        low = node[1].lower()
        for suffix in (".current.value", ".value", ".iat", ".iloc", ".values", ".to_numpy"):
            if low.endswith(suffix):
                low = low[: -len(suffix)]
        parts = low.split(".")
        last = parts[-1]
        b = self.lookup(low)
        if b is not None and depth < _DEEP and b[0] in ("name", "index", "call"):
            return self.price(b, depth + 1)  # a bound name is what it is bound to ("low = 30" is no price)
        if b is not None:
            return None
        head = ".".join(parts[:-1])
        alias = self.b.get(head) if head and "." not in head else None
        if alias is not None and alias[0] == "name" and alias[1].lower() in ("self.data", "self.data0", "self.datas", "data", "df", "dataframe"):
            head = "self.data"  # d = self.data; d.close[0]
            if last in _PRICES and _PRICES[last]:
                return _PRICES[last]
        if "$" in low:  # R: df$Close, stk$NVDA.Close, CMG$CMG.Close
            col = low.rsplit("$", 1)[-1].rsplit(".", 1)[-1]
            if col in _PRICES and _PRICES[col]:
                return _PRICES[col]
        if last in _PRICES and _PRICES[last] and (len(parts) == 1 or ".".join(parts[:-1]) in _FRAMES | {"self", "self.data", "data", "self.data0", "self.datas", "context", "bars"}
                                                   or parts[0] in _FRAMES or parts[0] in ("self", "row", "bar", "candle")):
            return _PRICES[last]
        loader = self.b.get(parts[0]) if len(parts) == 2 else None
        if loader is not None and loader[0] == "call" and last in _PRICES and _PRICES[last] and len(last) > 1 \
                and _LOADER.search(" ".join(_names(loader[1]))):
            return _PRICES[last]  # stock = StockDataFrame.retype(df); stock['close'], px = pd.read_csv(f); px['Close']
        if len(parts) == 2 and parts[0] in _FRAMES and last in self.ticker_cols:
            return "close"  # data['SPY'] > data['ma']: a frame column named for an instrument is its price
        if len(parts) >= 3 and parts[-3] == "securities" and last in ("price", "close", "open", "high", "low"):
            return _PRICES[last]  # QuantConnect: Securities["SPY"].Price, self.Securities["QQQ"].Close
        if low in _FRAMES and low not in ("history", "candles", "ohlc", "mktdata", "dataframe", "df", "bars"):
            return "close"
        if low in ("self.data", "self.data0", "self.datas", "price_close", "price_typical", "price_median", "price"):
            return "close"
        return None

    # ---- indicators
    def indicator(self, node: Node | None, depth: int) -> _Ind | None:
        if node is None or depth > _DEEP or node[0] != "call":
            return None
        fn_node, args, kw = node[1], node[2], node[3]
        if fn_node[0] == "index" and fn_node[1][0] == "name":
            # ProRealTime: RSI[14](close), AverageTrueRange[10](close) - the period in brackets
            return self.indicator(("call", fn_node[1], [fn_node[2], *args], kw), depth + 1)
        if fn_node[0] != "name":
            return None
        full = fn_node[1].lower()
        fn = full.rsplit(".", 1)[-1]
        if fn == "i" and args and args[0][0] == "name":  # backtesting.py self.I(SMA, close, n)
            return self.indicator(("call", args[0], args[1:], kw), depth + 1)
        if fn == "i" and args and args[0][0] == "lambda":
            # backtesting.py self.I(lambda x: talib.MACD(x, 12, 26, 9)[1], close): what the lambda's body computes
            body = args[0][1]
            return self.output_of(body, depth + 1) if body[0] == "index" else self.indicator(body, depth + 1)
        if fn == "bollingerband" and len(args) >= 3:  # EasyLanguage BollingerBand(price, length, +/-devs)
            w, k = self.const(args[1], depth + 1), self.const(args[2], depth + 1)
            if w and k:
                return _Ind("bbands", {"window": w, "std": abs(k)}, output="upper" if k > 0 else "lower")
            return None
        if fn in _AFL_OUTPUTS and "." not in full:
            # AmiBroker: BBandTop(C, 20, 2), BBandBot(...), Signal(12, 26, 9), StochK(14, 3), StochD(14, 3, 3)
            kind, out, keys = _AFL_OUTPUTS[fn]
            nums = [v for v in (self.const(a, depth + 1) for a in args) if v is not None]
            if kind != "bbands" and (len(nums) != len(args) or len(args) > len(keys)):
                return None  # a function of the text's own called signal(data, ...): not AmiBroker's
            if kind == "bbands" and len(nums) >= 1:
                return _Ind("bbands", {"window": nums[0], "std": nums[1] if len(nums) > 1 else 2.0}, output=out)
            if kind != "bbands" and (nums or not args):
                params = dict(zip(keys, nums))
                if kind == "stoch":
                    params = {"fastk_period": 14, "slowk_period": 3, "slowd_period": 3, **params}
                return _Ind(kind, params, output=out)
            return None
        if fn in ("indicator", "get_indicator", "ind") and args and args[0][0] == "str":  # indicator("rsi", 14, ...)
            return self.indicator(("call", ("name", args[0][1]), args[1:], kw), depth + 1)
        if fn in ("mean", "max", "min", "std", "sum") and (full.startswith(".") or full in (
                "np." + fn, "numpy." + fn, "statistics." + fn, fn)) and args:
            return self.rolling(fn, args[0], depth)
        if fn in ("mean", "max", "min", "std") and not args and "." in full:
            return self.rolling(fn, ("name", full.rsplit(".", 1)[0]), depth)
        if fn in ("rolling_mean", "rolling_std", "rolling_max", "rolling_min", "ewma") and full.startswith(("pd.", "pandas.")) and args:
            n = self.const(args[1], depth + 1) if len(args) > 1 else None
            n = n or next((self.const(kw[k], depth + 1) for k in ("window", "span") if k in kw), None)
            name = {"rolling_mean": "sma", "rolling_std": "stdev", "rolling_max": "highest", "rolling_min": "lowest", "ewma": "ema"}[fn]
            src = self.price(args[0], depth + 1) or ("close" if re.search(r"\.(?:adj_?)?close$", " ".join(_names(args[0]))) else None)
            return _Ind(name, {"window": n}, src) if n and src else None
        if fn in ("mavg", "stddev") and full == "." + fn and len(args) == 2 and self.const(args[1], depth + 1):
            # Quantopian: data[stock].mavg(50), data[stock].stddev(20)
            return _Ind("sma" if fn == "mavg" else "stdev", {"window": self.const(args[1], depth + 1)})
        if fn in ("pct_change",) and full.startswith(".") and args:
            n = self.const(args[1], depth + 1) if len(args) > 1 else self.const(kw.get("periods"), depth + 1)
            return _Ind("roc", {"window": n}) if n else None
        if fn == "pct_change" and "." in full and self.price(("name", full.rsplit(".", 1)[0]), depth + 1) == "close":
            # df['Close'].pct_change(20): the 20-bar rate of change (a 1-bar change is the day's return, no indicator)
            n = self.const(args[0], depth + 1) if args else self.const(kw.get("periods"), depth + 1)
            return _Ind("roc", {"window": n}) if n and n > 1 else None
        if fn in ("calculate", "nextvalue") and "." in full and args and args[0][0] == "call" and args[0][1] == ("name", "dict"):
            # technicalindicators (JavaScript): RSI.calculate({ values: closes, period: 14 })
            return self.indicator(("call", ("name", full.rsplit(".", 2)[-2]), [], args[0][3]), depth + 1)
        if fn == "run" and "." in full:  # vectorbt: vbt.MA.run(close, 10), vbt.RSI.run(close, window=14)
            fn = full.rsplit(".", 2)[-2]
        if fn.startswith("add") and fn[3:] in _PLATFORM and "." in full and full.startswith(("self", "algorithm")):
            fn = fn[3:]
        if full.startswith(".") and len(args) == 1 and not kw and args[0][0] in ("call", "ind_call"):
            inner = args[0][1] if args[0][0] == "ind_call" else self.indicator(args[0], depth + 1)
            if inner is not None:
                # ta.momentum.RSIIndicator(close, window=14).rsi(): the object's output its method names
                out = next((o for rx, o in _METHOD_OUT if re.search(rx, fn)), None)
                if inner.name == "adx" and out in ("plus_di", "minus_di"):
                    return _Ind(out, inner.params, inner.source)
                if inner.name == "stoch" and out == "signal":
                    out = "slowd"
                comps = set(_COMPONENTS.get(inner.name, {}).values()) | ({"slowd"} if inner.name == "stoch" else set())
                return _Ind(inner.name, inner.params, inner.source, out if out in comps else inner.output)
        if "." in full and not args and not kw and not full.startswith("."):
            inner = self.as_ind(("name", full.rsplit(".", 1)[0]), depth + 1)
            if inner is not None and inner.name in ("bbands", "macd", "stoch", "adx"):
                # bb = BollingerBands(...); bb.bollinger_lband(): the output the method names
                return self.indicator(("call", ("name", "." + fn), [("ind_call", inner)], {}), depth + 1)
        name = _code_name(fn)
        spelled = name is not None and fn not in _PLATFORM and fn not in _TALIB_NAMES
        mql = _MQL.get(fn)
        if mql:
            return self.mql(mql, args, depth)
        if name is None:
            return None
        if name in ("sma", "stoch") and args:
            st = self.stoch_smooth(name, fn, full, args, kw, depth)
            if st is not None:
                return st
        if name == "ema" and len(args) == 2:
            line = self.macd_line(args[0], depth + 1) or (
                self.as_ind(args[0], depth + 1) if args[0][0] == "name" else self.indicator(args[0], depth + 1))
            n = self.const(args[1], depth + 1)
            if line is not None and line.name == "macd" and line.output in (None, "line") and n:
                # EasyLanguage: MACDAvg = XAverage(MyMACD, 9) - the MACD's signal line
                return _Ind("macd", {**line.params, "signal": n}, line.source, "signal")
        if name == "sma" and fn == "movingaverage" and args and args[0][0] == "name" and "exponential" in args[0][1].lower():
            name, args = "ema", args[1:]
        elif fn == "movingaverage" and args and args[0][0] == "name" and "averagetype" in args[0][1].lower():
            name, args = ("wma" if "weighted" in args[0][1].lower() else "sma"), args[1:]
        if fn == "mov" and len(args) >= 3 and args[2][0] == "name" and args[2][1].lower().startswith("e"):
            name = "ema"
        source = "close"
        nums: list[float] = []
        for a in args:
            if a[0] in ("name", "index", "call") and self.const(a, depth + 1) is None:
                p = self.price(a, depth + 1)
                if p:
                    source = p
                    continue
                if self.indicator(a, depth + 1) or (a[0] == "name" and self.as_ind(a, depth + 1)):
                    if name in ("sma", "ema", "wma", "highest", "lowest", "stdev", "roc"):
                        return None  # an average of another indicator: not a price average
                    continue
                if a[0] == "name" and (self.lookup(a[1]) or ("",))[0] in ("bin", "neg") and self.operand(a, depth + 1) is None:
                    # ci = (ap - esa) / (0.015 * d); ta.ema(ci, 21): an average of a series the code computes, never
                    # of the close
                    return None
                continue
            v = self.const(a, depth + 1)
            if v is not None:
                nums.append(v)
        params: dict = {}
        if name == "macd":
            for k, keys in zip(("fast", "slow", "signal"), _MACD_KW):
                v = next((self.const(kw[x], depth + 1) for x in keys if x in kw), None)
                if v is not None:
                    params[k] = v
            for k, v in zip(("fast", "slow", "signal"), nums):
                params.setdefault(k, v)
            return _Ind("macd", params)
        if name not in _FOA_NAMES:
            rec = indicators.get(name) if name in _TALIB_NAMES else None
            if rec is not None and name == "stoch":
                # backtrader Stochastic(period=14, period_dfast=3, period_dslow=3), pandas_ta stoch(k=14, d=3, smooth_k=3)
                said = {}
                for keys, prm in ((("period", "k", "k_period", "fastk", "length", "window", "lookback"), "fastk_period"),
                                  (("period_dfast", "smooth_k", "k_smoothing", "smoothk", "smooth_window"), "slowk_period"),
                                  (("period_dslow", "d", "d_period", "smoothd", "d_smoothing"), "slowd_period")):
                    v = next((self.const(kw[x], depth + 1) for x in keys if x in kw), None)
                    if v is not None:
                        said[prm] = v
                if "fastk_period" in said:  # the look-back named; smoothings alone say too little
                    params.update(said)
            if rec is not None:
                # TA-Lib's own parameter names and order: STOCH(h, l, c, fastk_period=5, ...), ta.cci(close, 20)
                for prm in rec.params:
                    if prm.name in kw:
                        v = self.const(kw[prm.name], depth + 1)
                        if v is not None:
                            params[prm.name] = v
                if not params:
                    w = next((self.const(kw[x], depth + 1) for x in _WINDOW_KW if x in kw), None)
                    # a function the text names in words (stochastic_oscillator(data, 14, 1, 2)) is the text's own:
                    # its first number is the look-back, the others may be anything (column numbers)
                    vals = [w] if w is not None else nums[:1] if spelled else nums
                    # SAR(0.02, 0.2): a row without window parameters takes its numbers in parameter order
                    order = [q for q in rec.params if q.window] or list(rec.params)
                    if not spelled and len(vals) == len(rec.params) > len(order):
                        order = list(rec.params)  # STOCH(h, l, c, 14, 3, 0, 3, 0): every parameter by position, types too
                    for prm, v in zip(order, vals):
                        if prm.window or not prm.name.endswith("matype"):  # an average's type is no number foa holds
                            params[prm.name] = v
                return _Ind(name, params, source)
        w = next((self.const(kw[x], depth + 1) for x in _WINDOW_KW if x in kw), None)
        if w is None and nums:
            w = nums[0]
        if w is not None:
            params["window"] = w
        if name == "bbands":
            s = next((self.const(kw[x], depth + 1) for x in _STD_KW if x in kw), None)
            if s is None and len(nums) >= 2:
                s = nums[1]
                if w == nums[0] and nums[0] <= 4 < 8 <= nums[1]:
                    w, s = nums[1], nums[0]  # NinjaScript Bollinger(numStdDev, period): the deviations come first
                    params["window"] = w
            if s is not None:
                params["std"] = s
        if name in ("highest", "lowest"):
            if source == "close" and not any(self.price(a, depth + 1) for a in args):
                source = "high" if name == "highest" else "low"
        if name in ("sma", "ema", "wma") and source == "volume":
            return None
        return _Ind(name, params, source)

    def stoch_smooth(self, name: str, fn: str, full: str, args: list[Node], kw: dict, depth: int) -> _Ind | None:
        """Pine's stochastic as written by hand: ta.stoch(close, high, low, n) is the raw %K, an SMA of it the
        slow %K (TA-Lib's slowk) and an SMA of that the %D (slowd)."""
        nums = [v for v in (self.const(a, depth + 1) for a in args) if v is not None]
        if name == "stoch":
            if full.endswith("ta.stoch") or (fn == "stoch" and len(nums) == 1 and len(args) == 4):
                return _Ind("stoch", {"fastk_period": nums[0], "slowk_period": 1, "slowd_period": 3}, output="slowk") if nums else None
            return None
        if len(nums) != 1:
            return None
        inner = next((i for i in (self.as_ind(a, depth + 1) if a[0] == "name" else self.indicator(a, depth + 1) for a in args)
                      if i is not None), None)
        if inner is None or inner.name != "stoch" or inner.output not in ("slowk", None):
            return None
        p = dict(inner.params)
        if p.get("slowk_period") == 1:
            p["slowk_period"] = nums[0]
            # the %D smoothing a later line states (learnt in the first pass), so %K and %D are one stochastic
            p["slowd_period"] = self.stoch_d.get((p["fastk_period"], nums[0]), p.get("slowd_period", 3))
            return _Ind("stoch", p, output="slowk")
        if inner.output == "slowk":
            self.stoch_d.setdefault((p.get("fastk_period"), p.get("slowk_period")), nums[0])
            return _Ind("stoch", {**p, "slowd_period": nums[0]}, output="slowd")
        return None

    def rolling(self, fn: str, base: Node, depth: int) -> _Ind | None:
        """pandas: close.rolling(50).mean(), close.ewm(span=20).mean(), prices[-50:].mean()."""
        bound = self.lookup(base[1]) if base[0] == "name" else None
        if bound is not None and bound[0] == "call" and bound[1][0] == "name" \
                and bound[1][1].lower().rsplit(".", 1)[-1] in ("rolling", "ewm"):
            base = bound  # w = close.rolling(20); w.mean(): the window object bound to a name
        if base[0] == "call" and base[1][0] == "name":
            full = base[1][1].lower()
            head, _, meth = full.rpartition(".")
            src = self.price(("name", head), depth + 1) if head else None
            col = head.rsplit(".", 1)[-1]
            if src is None and "." in head and col in ("close", "adj_close", "adjclose", "adj close") and self.lookup(head) is None:
                src = "close"  # aapl['Close'].rolling(40).mean(): the close column of a downloaded frame
            if src is None and head.count(".") == 1 and head.split(".")[0] in _FRAMES and col in self.ticker_cols \
                    and self.lookup(head) is None:
                src = "close"  # data['SPY'].rolling(200).mean(): the column of an instrument is its price
            n = self.const(base[2][0], depth + 1) if base[2] else None
            if n is None:
                n = next((self.const(base[3][k], depth + 1) for k in ("window", "span", "com", "periods") if k in base[3]), None)
            if meth == "rolling" and n and src:
                name = {"mean": "sma", "max": "highest", "min": "lowest", "std": "stdev"}.get(fn)
                return _Ind(name, {"window": n}, src) if name else None
            if meth == "ewm" and n and fn == "mean" and src is None and head:
                line = self.macd_line(("name", head), depth + 1)
                if line is not None:  # df['MACD'].ewm(span=9).mean(): the MACD's signal line
                    return _Ind("macd", {**line.params, "signal": n}, output="signal")
            if meth == "ewm" and n and src and fn == "mean":
                return _Ind("ema", {"window": n}, src)
            if meth == "history" and fn in ("mean", "std", "max", "min"):
                # zipline: data.history(asset, 'price', bar_count=n, frequency='1d').mean()
                n = self.const(base[3].get("bar_count"), depth + 1) or next((self.const(a, depth + 1) for a in base[2][2:3]), None)
                name = {"mean": "sma", "std": "stdev", "max": "highest", "min": "lowest"}[fn]
                return _Ind(name, {"window": n}, "close") if n else None
        if base[0] == "index" and base[2][0] == "slice" and fn == "mean":
            lo = self.const(base[2][1], depth + 1) if base[2][1] else None
            if lo and lo < 0 and self.price(base[1], depth + 1):
                return _Ind("sma", {"window": -lo})
        name = {"mean": "sma", "std": "stdev", "max": "highest", "min": "lowest"}.get(fn)
        if base[0] == "name" and name and base[1].lower().rsplit(".", 1)[-1] in ("close", "price", "adjclose", "adj_close") \
                and "." in base[1]:
            b = self.lookup(base[1].rsplit(".", 1)[0])
            if b is not None and b[0] == "call" and b[1][0] == "name" and b[1][1].lower().endswith("history"):
                # QuantConnect: hist = self.History(sym, 120, Resolution.Daily); hist['close'].mean()
                n = next((v for v in (self.const(a, depth + 1) for a in b[2][1:3]) if v), None)
                if n:
                    return _Ind(name, {"window": n}, "close")
        if base[0] == "name" and name:
            b = self.lookup(base[1])
            if b is not None and b[0] == "call" and b[1][0] == "name" and b[1][1].lower().endswith("history"):
                n = self.const(b[3].get("bar_count"), depth + 1) or next((self.const(a, depth + 1) for a in b[2][2:3]), None)
                if n:
                    return _Ind(name, {"window": n}, "close")
        return None

    def mql(self, kind: str, args: list[Node], depth: int) -> _Ind | None:
        """MetaTrader's iMA/iRSI/iBands/...: MQL4 calls end with a mode and a bar shift, MQL5 handles do not."""
        vals = [self.const(a, depth + 1) for a in args[2:]]
        names = [a[1].lower() for a in args if a[0] == "name"]
        mql4 = len(args) >= _MQL4_ARITY.get(kind, 99)
        mode = next((n for n in names if n in _MQL_MODES), None)
        if kind == "ma":
            if not vals or vals[0] is None:
                return None
            method = next((n for n in names if n.startswith("mode_") and n not in _MQL_MODES), "mode_sma")
            name = {"mode_ema": "ema", "mode_smma": "smma", "mode_lwma": "wma"}.get(method, "sma")
            if not any(n.startswith("mode_") for n in names) and len(vals) >= 3 and vals[2] is not None:
                name = {1: "ema", 2: "smma", 3: "wma"}.get(int(vals[2]), "sma")
            return _Ind(name, {"window": vals[0]})
        if kind == "macd":
            nums = [v for v in vals[:3] if v is not None]
            return _Ind("macd", dict(zip(("fast", "slow", "signal"), nums)), output=_MQL_MODES.get(mode or "", {}).get("macd"))
        if kind == "bbands":
            w = vals[0] if vals else None
            dev = (vals[1] if mql4 else vals[2]) if len(vals) > 2 else None
            out = _MQL_MODES.get(mode or "", {}).get("bbands", "middle")
            return _Ind("bbands", {"window": w, "std": dev if dev is not None else 2.0}, output=out) if w else None
        if kind == "adx" and mode in ("mode_plusdi", "mode_minusdi"):
            kind = "plus_di" if mode == "mode_plusdi" else "minus_di"
        if kind == "stoch":
            k, d, slow = (vals + [None, None, None])[:3]
            out = {"mode_main": "slowk", "mode_signal": "slowd"}.get(mode or "")
            if None in (k, d, slow):
                return _Ind("stoch", {}, output=out)
            return _Ind("stoch", {"fastk_period": k, "slowk_period": slow, "slowd_period": d}, output=out)
        n = vals[0] if vals else None
        return _Ind(kind, {"window": n} if n is not None else {})

    def mql_shift(self, node: Node, depth: int) -> float:
        """The bar shift an MQL4 indicator call ends with (0 = this bar)."""
        fn = node[1][1].lower().rsplit(".", 1)[-1] if node[1][0] == "name" else ""
        kind = _MQL.get(fn)
        if kind and len(node[2]) >= _MQL4_ARITY.get(kind, 99):
            return self.const(node[2][-1], depth + 1) or 0
        return 0

    # ---- operands and conditions
    def operand(self, node: Node | None, depth: int = 0) -> tuple[str, float] | None:
        """(prose text, bar shift) of a value, or None when it cannot be said."""
        if node is None or depth > _DEEP:
            return None
        kind = node[0]
        if kind == "num":
            return _fmt(node[1]), 0
        if kind == "ind":
            t = node[1].text()
            return (t, 0) if t else None
        if kind == "neg" and node[1][0] == "num":
            return _fmt(-node[1][1]), 0
        if kind == "index":
            col = self.column(node, depth)
            if col:
                return col
            out = self.output_of(node, depth)
            if out is not None:
                t = out.text()
                return (t, 0) if t else None
            cell = self.cell(node)
            if cell is not None:
                inner = self.operand(cell[0], depth + 1)
                return (inner[0], cell[1]) if inner else None
            if node[2][0] == "seq" and self.bar_offset(node[2][1][0]) is not None:
                return None  # data[i, some_column]: a column the reader cannot name, never the frame's close
            base = self.operand(node[1], depth + 1)
            k = self.const(node[2], depth + 1)
            if base is None:
                return None
            return base[0], (k if k is not None else 0)
        if kind == "call" and node[1][0] == "name" and len(node[2]) == 1 and not node[3]:
            k = self.const(node[2][0], depth + 1)
            b = self.lookup(node[1][1])
            if k is not None and k <= 0 and b is not None and self.as_ind(("name", node[1][1]), depth + 1) is not None:
                # backtrader: self.sma(-10) is the bound line 10 bars ago
                inner = self.operand(("name", node[1][1]), depth + 1)
                return (inner[0], -k) if inner else None
        if kind == "call" and node[1][0] == "name":
            fn = node[1][1].lower().rsplit(".", 1)[-1]
            if fn == "last" and "." in node[1][1] and len(node[2]) == 1 and not node[1][1].startswith("."):
                # cTrader: fastMa.Result.Last(1) - the series one bar back
                inner = self.operand(("name", node[1][1].rsplit(".", 1)[0]), depth + 1)
                k = self.const(node[2][0], depth + 1)
                if inner and k is not None:
                    return inner[0], k
            if fn in ("ref", "shift") and node[2]:  # AFL Ref(x, -1), x.shift(1)
                inner = self.operand(node[2][0] if fn == "ref" else None, depth + 1)
                k = self.const(node[2][1], depth + 1) if fn == "ref" and len(node[2]) > 1 else None
                if inner and k is not None:
                    return inner[0], k
            if fn in ("normalizedouble", "float", "double", "nz", "round", "abs", "mathabs", "fixnan", "np.float64") and node[2]:
                return self.operand(node[2][0], depth + 1)
            if fn == "shift" and "." in node[1][1] and not node[1][1].startswith("."):
                # df['x'].shift(1): the column on an earlier bar
                inner = self.operand(("name", node[1][1].rsplit(".", 1)[0]), depth + 1)
                k = self.const(node[2][0], depth + 1) if node[2] else 1
                return (inner[0], k or 1) if inner else None
            if node[1][1].lower().startswith(".shift") or fn == "shift" and node[1][1].startswith("."):
                inner = self.operand(node[2][0], depth + 1)
                k = self.const(node[2][1], depth + 1) if len(node[2]) > 1 else 1
                return (inner[0], k or 1) if inner else None
        if kind == "attr":
            if node[2] in ("close", "open", "high", "low", "price") and node[1][0] == "index" and node[1][1][0] == "name" \
                    and self.lookup(node[1][1][1]) is None:
                # MQL5 rates: rates[1].close - that price on that bar; QuantConnect: self.Securities[sym].Price, data[sym].Close
                k = self.const(node[1][2], depth + 1)
                return ("close" if node[2] == "price" else node[2]), k or 0
            return self.component(node, depth)
        if kind == "bin":
            band = self.band(node, depth)
            if band:
                return band, 0
            hist = self.macd_diff(node, depth)
            if hist:
                return hist, 0
            line = self.macd_line(node, depth)
            if line is not None:
                return line.text(), 0
            return None
        bar = self.bar_price(node, depth) or self.bar_field(node)
        if bar:
            return bar
        p = self.price(node, depth + 1)
        if p:
            return p, 0
        if kind == "name":
            low = self.fill(node[1].lower())
            if _short(low) in self.state and self.indicator(self.lookup(low), depth + 1) is None:
                # a state variable the code keeps updating: no fixed series or level (a name whose binding where it
                # is read is an indicator call, "rsi = calculate_rsi(prices)" after a helper's own "rsi = ...", is that)
                return None
            b = self.lookup(low)
            comp = self.named_component(low, depth)
            if comp:
                return comp, 0
            if b is not None and b is not node:
                mid = self.middle_band(low, b, depth)
                if mid:
                    return mid, 0
                r = self.operand(b, depth + 1)
                if r:
                    return r
                if b[0] == "bin":
                    named = self.named_by_column(low)
                    if named:
                        return named, 0
            if b is None:
                named = self.named_by_input(low) or self.named_by_label(low) or self.named_bare(low)
                if named:
                    return named, 0
            v = self.const(node, depth + 1)
            return (_fmt(v), 0) if v is not None else None
        ind = self.indicator(node, depth + 1)
        if ind:
            t = ind.text()
            return (t, self.mql_shift(node, depth)) if t else None
        v = self.const(node, depth + 1)
        return (_fmt(v), 0) if v is not None else None

    def output_of(self, node: Node, depth: int) -> _Ind | None:
        """One output of an indicator call that returns several: ``talib.MACD(c)[1]`` (TA-Lib's order: line,
        signal, histogram; upper, middle, lower; %K, %D) or ``macd(df)['signal']`` (the column it names)."""
        if node[0] != "index" or node[1][0] != "call" or node[2][0] not in ("num", "str"):
            return None
        ind = self.indicator(node[1], depth + 1)
        if ind is None or ind.name not in ("macd", "bbands", "stoch"):
            return None
        if node[2][0] == "str":
            out = _COMPONENTS[ind.name].get(re.sub(r"[^a-z]", "", node[2][1].lower()))
        else:
            order = _ORDER.get(ind.name, ("slowk", "slowd"))
            k = int(node[2][1])
            out = order[k] if 0 <= k < len(order) and k == node[2][1] else None
        return _Ind(ind.name, ind.params, ind.source, out) if out else None

    def cell(self, node: Node) -> tuple[Node, float] | None:
        """A pandas cell read by label or position: ``df.loc[df.index[i], 'rsi']``, ``df.at[i - 1, 'sma']``,
        ``df.iloc[i]['rsi']``, ``frame.loc[day, ticker]`` (a frame filled column by column in a loop over
        tickers) - the column as a name (``df.rsi``, ``frame.ticker``) and the bar it reads (``i - 1``: one back)."""
        if node[0] != "index":
            return None
        if node[1][0] == "name" and re.search(r"\.(?:loc|at|iloc|iat|ix)$", node[1][1].lower()) and node[2][0] == "seq" \
                and len(node[2][1]) == 2:
            frame, (row, col) = node[1][1].rsplit(".", 1)[0], node[2][1]
        elif node[1][0] == "index" and node[1][1][0] == "name" and re.search(r"\.(?:loc|iloc|ix)$", node[1][1][1].lower()) \
                and node[2][0] == "str":
            frame, row, col = node[1][1][1].rsplit(".", 1)[0], node[1][2], node[2]
        else:
            return None
        if row[0] == "index" and row[1][0] == "name" and row[1][1].lower().endswith(".index"):
            row = row[2]  # df.index[i]: the label of row i
        k = self.bar_offset(row) if row[0] in ("name", "bin") else (0 if row[0] == "neg" or self.const(row) == 0 else None)
        if k is None or k < 0:
            return None
        if col[0] == "str":
            label = col[1]
        elif col[0] == "name" and "." not in col[1]:
            label = col[1]
        elif col[0] == "bin" and col[1] == "+" and all(x[0] in ("str", "name") for x in col[2:4]):
            # frame['m' + ticker]: the column stored under that expression (spelled with or without spaces)
            label = next((j.join(x[1] for x in col[2:4]) for j in ("+", " + ")
                          if self.lookup(f"{frame}.{j.join(x[1] for x in col[2:4])}") is not None), "+".join(x[1] for x in col[2:4]))
        else:
            return None
        return ("name", f"{frame}.{label}"), k

    def scaled(self, node: Node, depth: int) -> tuple[str | None, float] | None:
        """(series text, factor) of ``x * k`` / ``k * x`` with ``k`` a constant (``slow * (1 + tolerance)``,
        ``1.02 * sma``); None otherwise."""
        if node[0] != "bin" or node[1] != "*":
            return None
        for x, f in ((node[2], node[3]), (node[3], node[2])):
            k = self.const(f, depth + 1)
            if k is not None and self.const(x, depth + 1) is None:
                ox = self.operand(x, depth + 1)
                return (ox[0] if ox and not _is_num(ox[0]) else None), k
        return None

    def plain_price(self, node: Node) -> bool:
        """A price read as itself (``close[1]``, ``Close[2]``, ``bar.close``, ``df['high'].iloc[i - 1]``), never through a
        name the code binds (``minPrice[1]``, a running extreme it keeps updating)."""
        for _ in range(4):
            if node[0] == "index":
                node = node[1]
            elif node[0] == "call" and not node[2] and not node[3]:
                node = node[1]  # candle.close()
            else:
                break
        return node[0] == "name" and (self.lookup(node[1]) is None or self.bar_field(node) is not None)

    def bar_field(self, node: Node) -> tuple[str, float] | None:
        """A price field of a bar object a loop or callback is handed: ``bar.close``, ``candle.close()``,
        ``self.curr_candle.close()`` on this bar, ``pre.close``, ``prev_candle.close``, ``self.previous_bar.high`` one
        bar back."""
        if node[0] == "call" and not node[2] and not node[3]:
            node = node[1]  # candle.close(): a getter
        if node[0] != "name" or self.lookup(node[1]) is not None:
            return None
        parts = node[1].lower().split(".")
        if parts[0] in ("self", "this") and len(parts) == 3:
            parts = parts[1:]
        if len(parts) != 2 or not _PRICES.get(parts[1]) or len(parts[1]) == 1:
            return None
        row = self.b.get(parts[0])
        if row is not None and row[0] == "index" and row[1][0] == "name" and re.search(r"\.(?:iloc|loc)$", row[1][1].lower()):
            # last = df.iloc[-1]; prev = df.iloc[-2]; row = df.iloc[i - 1]: a row of the frame, by its bar
            k = self.const(row[2])
            back = (-k - 1 if k < 0 else None) if k is not None else self.bar_offset(row[2]) if row[2][0] in ("name", "bin") else None
            return (_PRICES[parts[1]], back) if back is not None and back >= 0 else None
        head = parts[0].replace("_", "")
        if head in _PREV_BAR:
            return _PRICES[parts[1]], 1
        if head in _THIS_BAR:
            return _PRICES[parts[1]], 0
        return None

    def bar_offset(self, node: Node) -> float | None:
        """The bar a row index names relative to the loop's bar: i -> 0, i - 1 -> 1 (one back), i + 1 -> -1."""
        if node[0] == "name" and re.fullmatch(r"[a-z]\w{0,3}", node[1]) and self.const(node) is None:
            return 0
        if node[0] == "bin" and node[1] in ("+", "-") and node[2][0] == "name" and self.bar_offset(node[2]) == 0:
            k = self.const(node[3])
            return None if k is None else (k if node[1] == "-" else -k)
        return None

    def column(self, node: Node, depth: int) -> tuple[str, float] | None:
        """A numpy array read by row and named column: data[i, rsi_column], data[i - 1, lower_band] - the column's
        indicator (or price) on that bar. The indicator is the one the code computed under that name."""
        if node[2][0] != "seq" or len(node[2][1]) != 2 or node[2][1][1][0] != "name":
            return None
        row, col = node[2][1]
        k = self.bar_offset(row)
        if k is None or k < 0:
            return None
        name = re.sub(r"_?(?:column|col|idx|index)$", "", _short(col[1].lower()))
        if name in _PRICES and _PRICES[name]:
            return _PRICES[name], k
        words = name.split("_")
        for i, w in enumerate(words):
            kind = _PLATFORM.get(w) or ("bbands" if w == "band" else None)
            if kind and kind in self.calls:
                ind = self.calls[kind]
                rest = [x for j, x in enumerate(words) if j != i]
                out = next((_COMPONENTS.get(kind, {}).get(x) for x in rest if _COMPONENTS.get(kind, {}).get(x)), ind.output)
                t = _Ind(ind.name, ind.params, ind.source, out).text()
                return (t, k) if t else None
        return None

    def bar_price(self, node: Node, depth: int) -> tuple[str, float] | None:
        """MetaTrader's iClose/iHigh/iLow/iOpen(symbol, timeframe, shift), or a name bound to one: that price
        on that bar."""
        if node[0] == "name":
            node = self.lookup(node[1])
        if node is not None and node[0] == "call" and node[1][0] == "name" and len(node[2]) >= 3 \
                and node[1][1].lower() in ("iclose", "ihigh", "ilow", "iopen"):
            return _R_PRICES[node[1][1].lower()], self.const(node[2][2], depth + 1) or 0
        return None

    def named_by_column(self, low: str) -> str | None:
        """A series computed by a formula under an indicator's own name ("data['rsi'] = 100 - 100 / (1 + rs)"):
        that indicator, with the window a parameter named for it states ("rsi_period=14")."""
        name = re.split(r"[.$]", _short(low))[-1]
        if _PLATFORM.get(name) != name or name not in ("rsi", "atr", "sma", "ema", "wma", "roc", "stdev"):
            return None
        w = next((self.const(self.b[k]) for k in (f"{name}_period", f"{name}_window", f"{name}_length", f"{name}_len",
                                                    f"{name}_n", f"period_{name}", f"{name}period", f"{name}length")
                  if k in self.b), None)
        return _Ind(name, {"window": w} if w else {}).text()

    def pipeline(self, node: Node) -> None:
        """Quantopian: Pipeline(columns={'sma_fast': fast, ...}) - each column holds its factor, so
        ``context.output['sma_fast'][0]`` reads as that indicator."""
        cols = node[3].get("columns")
        if cols is None or cols[0] != "call":
            return
        for key, value in cols[3].items():
            ind = self.as_ind(value, 0)
            if ind is not None:
                self.columns[key.lower()] = ("ind", ind)

    def extreme_at(self, a: Node, b: Node, op: str, depth: int) -> str | None:
        """MetaTrader: iLowest(sym, tf, MODE_LOW, n, 0) == 0 - this bar holds the n-bar low, i.e. the low is at or
        below the lowest low of n bars (iHighest: the high at or above the highest high)."""
        if op != "==" or a[0] != "call" or a[1][0] != "name" or len(a[2]) < 4:
            return None
        fn = a[1][1].lower()
        if fn not in ("ilowest", "ihighest"):
            return None
        n = self.const(a[2][3], depth + 1)
        start = self.const(a[2][4], depth + 1) if len(a[2]) > 4 else 0
        mode = " ".join(_names(a[2][2]))
        field = next((f for f in ("low", "high", "close", "open") if f"mode_{f}" in mode), None)
        if not n or field is None or start is None or self.const(b, depth + 1) != start:
            return None
        if fn == "ilowest":
            return f"the {field} <= lowest({field}, {_fmt(n)})"
        return f"the {field} >= highest({field}, {_fmt(n)})"

    def middle_band(self, low: str, b: Node, depth: int) -> str | None:
        """An SMA named as a band's middle ("mid", "basis") beside bands the code builds on it: the middle band."""
        if _COMPONENTS["bbands"].get(re.sub(r"^bb_?|_?band$", "", re.split(r"[.$]", _short(low))[-1])) != "middle":
            return None
        ind = self.as_ind(b, depth + 1) if b[0] in ("call", "name") else None
        if ind is None or ind.name != "sma":
            return None
        for other in list(self.b.values()):
            if other is not None and other[0] == "bin" and other[1] in ("+", "-") and depth < _DEEP:
                band = self.band(other, depth + 1)
                m = re.fullmatch(r"the (?:upper|lower) bollinger band\((\S+), (\S+)\)", band or "")
                if m and float(m.group(1)) == ind.params.get("window"):
                    return f"the middle bollinger band({m.group(1)}, {m.group(2)})"
        return None

    def named_bare(self, low: str) -> str | None:
        """A column named just "RSI" or "ATR" that the text never computes: that indicator at its usual window."""
        low = _no_accessor(low)
        last = re.split(r"[.$]", _short(low))[-1]
        return last if last in ("rsi", "atr") and "." in low else None

    def named_by_label(self, low: str) -> str | None:
        """A series the text uses but never computes, named for its indicator and settings: pandas_ta's columns
        (``df.ta.rsi(length=10, append=True)`` adds ``RSI_10``; ``BBL_20_2.0``, ``MACDs_12_26_9``), stockstats'
        (``close_50_sma``, ``high_20_max``) and the usual habit (``df['ema_50']``, ``sma200``). An average named with a number below 3 is an ordinal (``ma1``, ``ema2``)."""
        parts = re.split(r"[.$]", _short(_no_accessor(low)))
        ss = re.fullmatch(r"(close|open|high|low)_(\d+)_(sma|ema|wma|mstd|max|min)", parts[-1])
        if ss:
            # stockstats: stock['close_50_sma'], 'high_20_max' - the column, the window, the statistic
            name = {"mstd": "stdev", "max": "highest", "min": "lowest"}.get(ss.group(3), ss.group(3))
            n = float(ss.group(2))
            if n < 2 or name in ("sma", "ema", "wma") and n < 3:
                return None
            return _Ind(name, {"window": n}, ss.group(1)).text()
        m = _COL_NAMED.fullmatch(parts[-1]) if len(parts) < 2 or not parts[-1].isdigit() else None
        if m is None and len(parts) > 1:
            m = _COL_NAMED.fullmatch(".".join(parts[-2:]))  # BBL_20_2.0: a column name holding a decimal point
        if m is None:
            return None
        head = m.group(1)
        nums = [float(x) for x in m.groups()[1:] if x is not None]
        name, out = _PANDAS_TA.get(head) or (_code_name(head), None)
        if name is None or name not in _FOA_NAMES | {"adx", "cci", "mfi", "willr", "plus_di", "minus_di", "stoch"}:
            return None
        if name in ("sma", "ema", "wma") and nums[0] < 3 or nums[0] < 2 or not all(x > 0 for x in nums):
            return None
        if name == "macd":
            return _Ind("macd", dict(zip(("fast", "slow", "signal"), nums)), output=out).text() if len(nums) == 3 else None
        if name == "bbands":
            return _Ind("bbands", {"window": nums[0], "std": nums[1] if len(nums) > 1 else 2.0}, output=out).text()
        if name == "stoch":
            keys = ("fastk_period", "slowk_period", "slowd_period")
            return _Ind("stoch", dict(zip(keys, nums)), output=out).text()
        if len(nums) > 1:
            return None
        if name in _TALIB_NAMES:
            return _Ind(name, {indicators.get(name).windows[0]: nums[0]}).text()
        return _Ind(name, {"window": nums[0]}).text()

    def named_by_input(self, low: str) -> str | None:
        """A name the code uses but whose computation the text leaves out ("RSI1 < RSILongEntry", "close > longSma1"),
        read as the indicator it spells when an input states that indicator's period under the same stem
        ("input int RSIPeriods = 2", "input int longSmaPeriods = 200")."""
        stem = re.sub(r"(?:_?(?:value|val|now|curr|current|\d+))+$", "", _short(low))
        m = re.search(r"(sma|ema|wma|rsi|atr|ma)$", stem)
        if m is None:
            return None
        kind = _PLATFORM[m.group(1)]
        for base in dict.fromkeys((stem, m.group(1), kind)):
            for suffix in ("periods", "period", "length", "len", "window", "_period", "_periods", "_length", "_len", "_window"):
                if base + suffix in self.b:
                    w = self.const(self.b[base + suffix])
                    if w:
                        return _Ind(kind, {"window": w}).text()
        return None

    def named_component(self, low: str, depth: int) -> str | None:
        """self.macd.signal, bb.lines.top, macd.macd: an output of a bound indicator."""
        ind = self.component_ind(low, depth)
        return ind.text() if ind is not None else None

    def component_ind(self, low: str, depth: int) -> _Ind | None:
        parts = [p for p in re.split(r"[.$]", _short(low)) if p not in ("lines", "l")]
        for i in range(len(parts) - 1):
            b = self.b.get(parts[i])
            if b is None:
                continue
            ind = b[1] if b[0] == "ind" else self.as_ind(b, depth + 1) if b[0] == "name" and depth < _DEEP \
                else self.indicator(b, depth + 1)
            if ind and ind.name in _COMPONENTS and parts[i + 1] in _COMPONENTS[ind.name]:
                return _Ind(ind.name, ind.params, ind.source, _COMPONENTS[ind.name][parts[i + 1]])
        return None

    def component(self, node: Node, depth: int) -> tuple[str, float] | None:
        base = node[1]
        ind = self.indicator(base, depth + 1)
        if ind and ind.name in _COMPONENTS and node[2] in _COMPONENTS[ind.name]:
            t = _Ind(ind.name, ind.params, ind.source, _COMPONENTS[ind.name][node[2]]).text()
            return (t, 0) if t else None
        return None

    def band(self, node: Node, depth: int) -> str | None:
        """basis + mult * dev: a Bollinger band when basis is an SMA and dev a standard deviation of one window."""
        op, a, b = node[1], _this_bar(node[2]), _this_bar(node[3])
        if op not in ("+", "-"):
            return None
        mid = self.as_ind(a, depth)
        k, dev = 1.0, b
        if b[0] == "bin" and b[1] == "*":
            b = ("bin", "*", _this_bar(b[2]), _this_bar(b[3]))  # ma[-1] - k * sd[-1]: this bar's band
        if b[0] == "bin" and b[1] == "*":
            ka, kb = self.const(b[2], depth + 1), self.const(b[3], depth + 1)
            k, dev = (ka, b[3]) if ka is not None else (kb, b[2]) if kb is not None else (None, b)
        elif b[0] == "name" and self.lookup(b[1]) is not None and self.lookup(b[1])[0] == "bin":
            inner = self.lookup(b[1])
            if inner[1] == "*":
                ka, kb = self.const(inner[2], depth + 1), self.const(inner[3], depth + 1)
                k, dev = (ka, inner[3]) if ka is not None else (kb, inner[2]) if kb is not None else (None, b)
        sd = self.as_ind(dev, depth)
        if k is None or not mid or not sd or mid.name != "sma" or sd.name != "stdev" or mid.params.get("window") != sd.params.get("window"):
            return None
        return _Ind("bbands", {"window": mid.params["window"], "std": k}, output="upper" if op == "+" else "lower").text()

    def macd_line(self, node: Node, depth: int) -> _Ind | None:
        """ema(close, f) - ema(close, s), written out or bound to a name: the MACD line of (f, s)."""
        if node[0] == "name" and depth < _DEEP:
            b = self.lookup(node[1])
            return self.macd_line(b, depth + 1) if b is not None and b is not node else None
        if node[0] != "bin" or node[1] != "-":
            return None
        fa, sa = self.as_ind(node[2], depth + 1), self.as_ind(node[3], depth + 1)
        if fa and sa and fa.name == sa.name == "ema" and fa.source == sa.source == "close" \
                and fa.params.get("window") and sa.params.get("window") and fa.params["window"] < sa.params["window"]:
            return _Ind("macd", {"fast": fa.params["window"], "slow": sa.params["window"]}, output="line")
        return None

    def macd_diff(self, node: Node, depth: int) -> str | None:
        """macd - signal: the MACD histogram."""
        if node[1] != "-":
            return None
        a, b = self.operand(node[2], depth + 1), self.operand(node[3], depth + 1)
        if a and b and a[0].endswith(" line") and b[0].endswith(" signal line") and a[0].startswith("macd"):
            return a[0][: -len(" line")] + " histogram"
        return None

    def as_ind(self, node: Node, depth: int) -> _Ind | None:
        for _ in range(4):
            if node is not None and node[0] == "name":
                b = self.lookup(node[1])
                if b is None:
                    return None
                if b[0] == "ind":
                    return b[1]
                node = b
            else:
                break
        return self.indicator(node, depth + 1) if node is not None else None

    def cross_of(self, node: Node, depth: int) -> tuple[Node, Node, str] | None:
        """(a, b, 'above'|'below') when a node is a cross: crossover(a, b), Cross(a, b), a crosses over b."""
        if node[0] == "cross":
            return node[2], node[3], node[1]
        if node[0] == "index" and self.const(node[2]) in (0, -1) and depth < _DEEP:
            return self.cross_of(node[1], depth + 1)  # self.mcross[0] > 0: the crossover's current value
        if node[0] == "name" and depth < _DEEP:
            b = self.lookup(node[1])
            return self.cross_of(b, depth + 1) if b is not None and b is not node else None
        if node[0] != "call" or node[1][0] != "name" or not node[2]:
            return None
        fn = node[1][1].lower().rsplit(".", 1)[-1]
        base = node[1][1].rsplit(".", 1)[0] if "." in node[1][1] else ""
        if fn in ("hascrossedabove", "hascrossedbelow") and base:
            # cTrader: _fast.Result.HasCrossedAbove(_slow.Result, 0) - crossed within the last n bars (0: this bar)
            return ("name", base), node[2][0], "above" if fn.endswith("above") else "below"
        if re.fullmatch(r"\w+_crossed_(?:above|below)", fn) and base and len(node[2]) == 1:
            # vectorbt: fast_ma.ma_crossed_above(slow_ma), rsi.rsi_crossed_below(30)
            return ("name", base), node[2][0], "above" if fn.endswith("above") else "below"
        if len(node[2]) < 2:
            return None
        if fn == "crossed" and "direction" in node[3] and node[3]["direction"][0] == "str":
            # jesse: utils.crossed(fast, slow, direction="above")
            side = node[3]["direction"][1].lower()
            return (node[2][0], node[2][1], side) if side in ("above", "below") else None
        if fn in ("crossover", "cross", "crossed_above", "crossabove", "crossesabove", "crosses_above", "crossup", "cross_above", "crossed_over"):
            return node[2][0], node[2][1], "above"
        if fn in ("crossunder", "crossed_below", "crossbelow", "crossesbelow", "crosses_below", "crossdown", "cross_below", "crossed_under"):
            return node[2][0], node[2][1], "below"
        return None

    def votes(self, node: Node, depth: int) -> list[Node] | None:
        """The conditions a count adds up (``sum([a > b, rsi < 30])``, bound to a name or written in place)."""
        if node[0] == "name" and depth < _DEEP:
            b = self.lookup(node[1])
            return self.votes(b, depth + 1) if b is not None and b is not node else None
        if node[0] != "call" or node[1][0] != "name" or node[1][1].lower() not in ("sum", "np.sum", "count_nonzero", "np.count_nonzero") \
                or len(node[2]) != 1 or node[2][0][0] != "seq":
            return None
        items = node[2][0][1]
        return items if len(items) >= 2 and all(i[0] in ("cmp", "cross", "and", "or") for i in items) else None

    def plumbing(self, node: Node) -> bool:
        """Position state, data checks and guards: code plumbing, not part of the rule."""
        names = _names(_unkeyed(node))
        if not names:
            return node[0] == "num"
        if node[0] in ("name", "not") and all(_HELD_FLAG.search(n.rsplit(".", 1)[-1]) for n in names):
            return True  # "if not context.has_ordered:", "if self.entered": what the code has done, not the market
        if node[0] == "cmp" and node[1] in ("==", "!=") and any(_placeholder(x) for x in node[2:4]):
            return True  # "if context.macd == None: return", "x is not None": a value not computed yet
        if node[0] == "cmp" and node[1] in ("in", "not in"):
            # "stock not in context.portfolio.positions", "sym in open_orders", "stock in data": position, order and
            # data checks; any other membership ("x in watchlist") is no part of a rule foa can say
            where = " ".join(self.names_deep(node[3]))  # "pos = context.portfolio.positions" then "x in pos"
            return bool(_PLUMB_NAME.search(where) or re.search(r"order|\bdata\b|^data$|bars|prices|universe", where))
        if all(_STATE_NAME.fullmatch(n.rsplit(".", 1)[-1]) for n in names if n not in ("none", "null", "nan")) \
                and node[0] in ("cmp", "name", "not"):
            return True  # "holding == 0", "not in_position", "entry_price is None": the loop's position state
        if all(_PLUMB_NAME.search(n) or n in ("_symbol", "symbol", "_period", "none", "null", "nil") for n in names) \
                and any(_PLUMB_NAME.search(n) for n in names):  # "PositionSelect(_Symbol) == true"
            return True
        if node[0] == "cmp" and any(n.endswith("volume") for n in names) and node[3][0] == "num" and node[3][1] == 0:
            return True  # "volume > 0": a data guard
        if node[0] == "cmp" and node[1] in (">", ">=", "<", "<=") and len(names) == 2 and _BAR_COUNTER.fullmatch(_short(names[0])) \
                and (self.const(node[3]) is not None or _WINDOW_NAME.search(_short(names[1]))):
            return True  # "self.curr_index > slow_sma_length", "bar_count >= 50": a warm-up guard, not the market
        return False

    def side_of(self, node: Node) -> str | None:
        """The side a position check asks about: 'long', 'short' or 'flat'."""
        text = " ".join(_names(node)).lower()
        if node[0] == "name":
            flag = _SIDE_FLAG.fullmatch(_short(text))
            if flag:
                return "long" if "long" in flag.group(0) else "short"  # "if long_pos and ...": the side held
        if not _POS_WORD.search(text) and "position_type" not in text and "op_sell" not in text and "op_buy" not in text:
            return None
        if "position_type_sell" in text or "op_sell" in text or "is_short" in text:
            return "short"
        if "position_type_buy" in text or "op_buy" in text or "is_long" in text:
            return "long"
        if node[0] == "not":
            return "flat"
        if node[0] == "cmp" and node[1] in ("in", "not in"):
            # "stock not in context.portfolio.positions": flat; "stock in ...positions": a position is held
            return "flat" if node[1] == "not in" else "open"
        if node[0] == "cmp":
            v = node[3][1] if node[3][0] == "num" else None
            if v is None:
                return None
            if node[1] in ("==",) and v == 0:
                return "flat"
            if (node[1] in (">", ">=") and v >= 0) or (node[1] == "==" and v > 0):
                return "long"
            if node[1] in ("<", "<=") or (node[1] == "==" and v < 0):
                return "short"
            if node[1] == "!=" and v == 0:
                return "open"
        if node[0] == "name":
            return "open"
        return None

    def cond(self, node: Node | None, depth: int = 0) -> str | None:
        """The prose of a condition, '' when it is plumbing only, None when it cannot be said."""
        if node is None or depth > _DEEP:
            return None
        kind = node[0]
        if kind in ("and", "or"):
            items = list(node[1])
            if kind == "and" and any(it == ("num", 0.0) or it[0] == "name" and _short(it[1].lower()) not in self.state
                                     and self.lookup(it[1]) in (("num", 0.0),) or it[0] == "name" and self.const(it) == 0
                                     and re.search(r"allow|enable|use|trade|show|on$", it[1].lower())
                                     for it in items):
                self.never = True
                return None  # "False and ...", "allowShorts and ..." with allowShorts = false: never holds
            if kind == "and":
                items = self.pair_crosses(items, depth)
            parts = [p if isinstance(p, str) else self.cond(p, depth + 1) for p in items]
            if kind == "or" and any(p is None for p in parts):
                return None
            # a comparison, or a name bound to a condition, that cannot be said is listed, never silently dropped
            self.dropped += [it for it, p in zip(items, parts) if p is None and not isinstance(it, str)
                             and (it[0] in ("cmp", "cross") or it[0] == "name" and self.lookup(it[1]) is not None
                                  and (self.lookup(it[1])[0] in ("cmp", "cross", "and", "or")
                                       or self.cross_of(self.lookup(it[1]), depth + 1) is not None)
                                  or it[0] == "call" and self.cross_of(it, depth + 1) is not None)]
            said = [p for p in parts if p]
            if not said:
                return "" if all(p == "" for p in parts) else None
            return f" {kind} ".join(said)
        if self.plumbing(node):
            return ""
        x = self.cross_of(node, depth)
        if x:
            return self.cross_text(x[0], x[1], x[2], depth)
        if kind == "cmp":
            op, a, b = node[1], node[2], node[3]
            votes = self.votes(a, depth)
            k = self.const(b, depth + 1)
            if votes and k is not None:
                # votes = sum([fast > slow, rsi < 35]); "votes >= 1" is any of them, "votes >= 2" (all) every one;
                # a count between the two is a score foa cannot hold
                n = len(votes)
                need = {">=": k, ">": k + 1, "==": k}.get(op)
                if need is not None and need <= 1 and op != "==":
                    return self.cond(("or", votes), depth + 1)
                if need is not None and need == n:
                    return self.cond(("and", votes), depth + 1)
                self.scored = True
                return None
            xa = self.cross_of(a, depth)
            v = self.const(b, depth + 1)
            if xa and v is not None and v == 0 and op in (">", "<", ">=", "<="):
                # backtrader's CrossOver(a, b) > 0 is the cross up, < 0 the cross down; PyAlgoTrade's
                # cross.cross_below(a, b) > 0 counts crosses down
                side = "below" if xa[2] == "below" else "above" if op in (">", ">=") else "below"
                return self.cross_text(xa[0], xa[1], side, depth)
            if xa and v is not None and op == "==" and v in (1, -1):
                return self.cross_text(xa[0], xa[1], "above" if v == 1 else "below", depth)
            if xa and v is not None and op == "==" and v == 1:
                return self.cross_text(xa[0], xa[1], xa[2], depth)
            fv = self.fn_values.get(_short(a[1].lower())) if a[0] == "name" else None
            bound = self.lookup(a[1]) if a[0] == "name" and not fv else a if a[0] == "call" else None
            if not fv and bound is not None and bound[0] == "call" and bound[1][0] == "name" and not bound[2]:
                # int s = GetSignal(); if (s == -1) ...: the function returns -1 under its condition
                fv = self.fn_values.get(_short(bound[1][1].lower()))
            if fv and v is not None and op == "==" and v in fv:
                return self.cond(fv[v], depth + 1)  # "self.trend == 1" with trend returning 1 when ...
            if fv and b[0] == "str" and op in ("==", "!=") and _flag_key(b) in fv:
                # trend = "up" when ..., then "trend == 'up'": the condition under which the flag took that value
                # (a value set where an order is placed, side = 'long' after the buy, records the position: plumbing)
                if self.flag_frames.get((_short(a[1].lower()), _flag_key(b))) in self.order_frames:
                    return ""
                c = fv[_flag_key(b)]
                return self.cond(c if op == "==" else _negate(c), depth + 1)
            ext = self.extreme_at(a, b, op, depth)
            if ext:
                return ext
            sig = self.signal_diff(a, depth)
            if sig and v == 0 and op in (">", "<"):
                return _cmp_words(sig[0], op, sig[1])
            if op in ("==", "!=", "in", "not in"):
                return None
            scaled = self.scaled(b, depth)
            if scaled is not None and op in (">", ">=", "<", "<="):
                # fast > slow * (1 + tolerance), close < 0.97 * sma: more than a percentage above (below) the line
                la, (lx, k) = self.operand(a, depth + 1), scaled
                up = op in (">", ">=") and k > 1
                if la and lx and not _is_num(la[0]) and (up or op in ("<", "<=") and k < 1) and 0 < abs(k - 1) < 1:
                    return f"{la[0]} is more than {_fmt(round(abs(k - 1) * 100, 6))}% {'above' if up else 'below'} {lx}"
            la, lb = self.operand(a, depth + 1), self.operand(b, depth + 1)
            # an indicator foa cannot read from code ("ta.ichimoku_cloud(...).span_a") is named in words, so the
            # grammar lists it as unsupported instead of the rule silently losing it
            la = la or self.describe(a, depth + 1)
            lb = lb or self.describe(b, depth + 1)
            lag = _lagged_price(la, lb) if la and lb and op in _FLIP and self.plain_price(a) and self.plain_price(b) else None
            if lag:
                return _cmp_words(lag[0], op, lag[1])  # bar.close > pre.close, Close[0] > High[1]: the bar before's price
            if not la or not lb or (_is_num(la[0]) and _is_num(lb[0])) or la[0] == lb[0]:
                return None  # "rsi[0] < rsi[1]", "adx1 > adx2": an indicator's change over bars, not a level
            if any(x[1] >= 2 or x[1] <= -3 for x in (la, lb) if not _is_num(x[0])):
                return None  # "low[3] < lowerBand[3]", "rsi[i - 2] < 20": a condition on an earlier bar, which the sentence cannot date
            return _cmp_words(la[0], op, lb[0])
        if kind == "name":
            b = self.lookup(node[1])
            sets = self.flag_sets.get(_short(node[1].lower()), {})
            if len(sets) == 1 and (b is None or b[0] == "num") \
                    and self.flag_frames.get((_short(node[1].lower()), 1.0)) not in self.order_frames:
                # "if (a > b) rising = true;" then "if (rising) OrderSend(...)": a flag set true in one place stands
                # for the condition it was set under (set in several places, it stands for none of them alone)
                return self.cond(next(iter(sets.values())), depth + 1)
            if b is not None and b is not node:
                if b[0] == "name" and b[1].lower() == node[1].lower() or _placeholder(b):
                    return None  # "signal = None" then "if signal:": a signal the code leaves to be written
                return self.cond(b, depth + 1)
            lst = self.lists.get(_short(node[1].lower()))
            if lst:
                return self.cond(("and", lst), depth + 1)
            return None
        if kind == "call" and node[1][0] == "name":
            fn = node[1][1].lower().rsplit(".", 1)[-1]
            if fn in self.fn_conds and node[1][1].lower() in (fn, "self." + fn, "this." + fn):
                return self.cond(self.fn_conds[fn], depth + 1)
            if fn == "reduce" and len(node[2]) >= 2:
                inner = node[2][1]
                if inner[0] == "name" and _short(inner[1].lower()) in self.lists:
                    return self.cond(("and", self.lists[_short(inner[1].lower())]), depth + 1)
            if fn in ("all", "any") and node[2]:
                return self.cond(node[2][0], depth + 1)
            if fn in ("iif", "ifexp", "where") and len(node[2]) == 3:
                # "up = True if close > sma else False", np.where(c, True, False): the condition, or its reverse
                a, b = self.const(node[2][1], depth + 1), self.const(node[2][2], depth + 1)
                if a is not None and b is not None and bool(a) != bool(b) and (a, b) in ((1, 0), (0, 1)):
                    return self.cond(node[2][0] if a else _negate(node[2][0]), depth + 1)
            m = re.fullmatch(r"\w+_(above|below)", fn)
            if m and "." in node[1][1] and len(node[2]) == 1:  # vectorbt: rsi.rsi_below(30), fast.ma_above(slow)
                return self.cond(("cmp", ">" if m.group(1) == "above" else "<", ("name", node[1][1].rsplit(".", 1)[0]), node[2][0]), depth + 1)
            if fn.endswith(("_below", "_above")) and fn.startswith(("rsi_", "ma_", "close_", "macd_")) and node[2]:
                return None
        if kind == "seq" and len(node[1]) == 1:
            return self.cond(node[1][0], depth + 1)
        if kind == "not":
            # "else" under "if bullish:", "if not uptrend": the reverse of the condition the name is bound to
            inner = node[1]
            for _ in range(4):
                if inner[0] != "name":
                    break
                b = self.lookup(inner[1])
                if b is None or b is inner:
                    return None
                inner = b
            if inner[0] == "call" and inner[1] == ("name", "ifexp") and len(inner[2]) == 3:
                a, b = self.const(inner[2][1], depth + 1), self.const(inner[2][2], depth + 1)
                if (a, b) in ((1, 0), (0, 1)):
                    return self.cond(_negate(inner[2][0]) if a else inner[2][0], depth + 1)
                return None
            if inner[0] in ("cmp", "cross") and not self.plumbing(inner):
                return self.cond(_negate(inner), depth + 1)
            return None
        return None

    def names_deep(self, node: Node, depth: int = 0) -> list[str]:
        """The names a node uses, following bindings a few levels."""
        out = _names(node)
        if depth < 3:
            for n in list(out):
                b = self.lookup(n)
                if b is not None and b is not node:
                    out += self.names_deep(b, depth + 1)
        return out

    def describe(self, node: Node, depth: int) -> tuple[str, float] | None:
        """Words for an indicator call foa cannot read, when they name a known gap ("ichimoku cloud span a")."""
        attrs: list[str] = []
        for _ in range(6):
            if node is None or node[0] != "name":
                break
            parts = _short(node[1].lower()).split(".")
            found = None
            for i in range(len(parts), 0, -1):
                b = self.lookup(".".join(parts[:i]))
                if b is not None:
                    found = (b, parts[i:])
                    break
            if found is None:
                break
            node, more = found
            attrs = more + attrs
        while node is not None and node[0] in ("attr", "index"):
            if node[0] == "attr":
                attrs.insert(0, node[2])
            node = node[1]
        if node is None or node[0] != "call" or node[1][0] != "name":
            return None
        fn = node[1][1].rsplit(".", 1)[-1]
        words = re.sub(r"(?<=[a-z])(?=[A-Z])|_", " ", " ".join([fn, *attrs])).lower()
        return (words, 0) if lexicon.gap_spans(words) else None

    def signal_diff(self, node: Node, depth: int) -> tuple[str, str] | None:
        """"self.data - bt.ind.SMA(...)" compared with 0: the two sides compared."""
        if node[0] == "name":
            b = self.lookup(node[1])
            node = b if b is not None else node
        if node[0] == "bin" and node[1] == "-":
            a, b = self.operand(node[2], depth + 1), self.operand(node[3], depth + 1)
            if a and b and a[0] != b[0]:  # "sma - sma(-10)" is a change over bars, not two series
                return a[0], b[0]
        return None

    def cross_text(self, a: Node, b: Node, side: str, depth: int) -> str | None:
        la, lb = self.operand(a, depth + 1), self.operand(b, depth + 1)
        if not la or not lb:
            return None
        if _is_num(la[0]) and not _is_num(lb[0]):
            # crossover(30, rsi): the level is crossed from above, so the series crosses below it
            return _cross_words(lb[0], la[0], "below" if side == "above" else "above")
        return _cross_words(la[0], lb[0], side)

    def pair_crosses(self, items: list[Node], depth: int) -> list:
        """a[1] < b[1] and a > b: the two comparisons of one pair on two bars are a cross."""
        read = []
        for it in items:
            if it[0] == "cmp" and it[1] in ("<", ">", "<=", ">="):
                la, lb = self.operand(it[2], depth + 1), self.operand(it[3], depth + 1)
                read.append((la, lb) if la and lb else None)
            else:
                read.append(None)
        used: set[int] = set()
        out: list = []
        for i, it in enumerate(items):
            if i in used:
                continue
            done = False
            for j in range(i + 1, len(items)):
                if j in used or read[i] is None or read[j] is None:
                    continue
                (a1, b1), (a2, b2) = read[i], read[j]
                if (a1[0], b1[0]) != (a2[0], b2[0]):
                    continue
                s1, s2 = max(a1[1], b1[1], key=abs), max(a2[1], b2[1], key=abs)
                if abs(s1 - s2) != 1:
                    continue  # a cross is between two neighbouring bars ("Close[3] < Open[3] ... Close[1] > Open[1]" is none)
                gt1, gt2 = items[i][1].startswith(">"), items[j][1].startswith(">")
                if gt1 == gt2:
                    continue
                older_first = (s1 > s2) if max(s1, s2) > 0 else (s1 < s2)
                now_gt = gt2 if older_first else gt1
                out.append(_cross_words(a1[0], b1[0], "above" if now_gt else "below"))
                used |= {i, j}
                done = True
                break
            if not done:
                out.append(it)
        return out

    # ---- risk
    def risk(self, kw: dict[str, Node], side: str, depth: int = 0) -> list[str]:
        out = []
        for key, what in (("stop", "stop loss"), ("limit", "take profit"), ("sl", "stop loss"), ("tp", "take profit"),
                          ("stopprice", "stop loss"), ("limitprice", "take profit"), ("stop_loss", "stop loss"), ("take_profit", "take profit")):
            if key in kw:
                f = self.fraction(kw[key], depth)
                if f is not None and 0 < f < 1:
                    out.append(f"{what} of {_fmt(round(f * 100, 6))}%.")
                    continue
                atr = self.atr_distance(kw[key], depth)
                if atr and what == "stop loss":
                    out.append(f"stop loss at {_fmt(atr[0])} x atr({_fmt(atr[1])}) below the entry.")
        for key, what in (("loss", "stop loss"), ("profit", "take profit")):
            if key in kw:
                node = kw[key]
                if node[0] == "bin" and node[1] == "/" and "mintick" in " ".join(_names(node[3])):
                    # loss = close * pct / syminfo.mintick, close * sl / 100 / syminfo.mintick: ticks worth a
                    # fraction of the price
                    f = self.price_share(node[2], depth)
                    if f is not None and 0 < f <= 1:
                        out.append(f"{what} of {_fmt(round(f * 100, 6))}%.")
                        continue
                v = self.const(node, depth + 1)
                if v is not None:
                    out.append(f"{what} at {_fmt(v)} ticks.")
        return out

    def price_share(self, node: Node, depth: int) -> float | None:
        """k where a node is price * k: close * 0.02, close * sl / 100, close * (sl / 100)."""
        if node[0] == "seq" and len(node[1]) == 1:
            return self.price_share(node[1][0], depth)
        if node[0] != "bin":
            return None
        if node[1] == "*":
            for x, y in ((node[2], node[3]), (node[3], node[2])):
                if self.price_like(x):
                    return self.ratio(y, depth)
        if node[1] == "/":
            k, d = self.price_share(node[2], depth), self.const(node[3], depth + 1)
            return k / d if k is not None and d else None
        return None

    def fraction(self, node: Node, depth: int, whole: bool = False) -> float | None:
        """price * (1 - x), price * 0.95, price - price * x: the distance x as a fraction of the price."""
        if node[0] == "name":
            b = self.lookup(node[1])
            return self.fraction(b, depth + 1, whole) if b is not None and depth < _DEEP else None
        if node[0] != "bin":
            return None
        op, a, b = node[1], node[2], node[3]
        if op == "*":
            for x, y in ((a, b), (b, a)):
                if whole and x[0] == "num":
                    inner = y
                    if inner[0] == "bin" and inner[1] == "-" and inner[2] == ("num", 1.0):
                        return self.ratio(inner[3], depth)
                k = self.const(x, depth + 1)
                if k is not None and self.price_like(y):
                    return abs(1 - k)
                if self.price_like(x) and y[0] in ("bin", "seq", "name"):
                    inner = y[1][0] if y[0] == "seq" else y
                    if inner[0] == "name":
                        v = self.const(inner, depth + 1)
                        return abs(1 - v) if v is not None else None
                    if inner[0] == "bin" and inner[1] in ("+", "-") and self.const(inner[2], depth + 1) == 1:
                        return self.ratio(inner[3], depth)
        if op in ("+", "-") and self.price_like(a):
            if b[0] == "bin" and b[1] == "*":
                for x, y in ((b[2], b[3]), (b[3], b[2])):
                    if self.price_like(x):
                        return self.ratio(y, depth)
        return None

    def atr_distance(self, node: Node, depth: int) -> tuple[float, float] | None:
        """price - k * atr(n) (or + for a short): an ATR stop of k ATRs."""
        if node[0] == "name":
            b = self.lookup(node[1])
            return self.atr_distance(b, depth + 1) if b is not None and depth < _DEEP else None
        if node[0] != "bin" or node[1] not in ("+", "-") or not self.price_like(node[2]):
            return None
        dist = node[3]
        k, a = 1.0, dist
        if dist[0] == "name" and self.lookup(dist[1]) is not None and self.lookup(dist[1])[0] == "bin":
            dist = self.lookup(dist[1])
        if dist[0] == "bin" and dist[1] == "*":
            ka, kb = self.const(dist[2], depth + 1), self.const(dist[3], depth + 1)
            k, a = (ka, dist[3]) if ka is not None else (kb, dist[2]) if kb is not None else (None, dist)
        ind = self.as_ind(a, depth) if k is not None else None
        if ind and ind.name == "atr" and ind.params.get("window") and k and k > 0:
            return k, ind.params["window"]
        return None

    def ratio(self, node: Node, depth: int) -> float | None:
        v = self.const(node, depth + 1)
        if v is None and node[0] == "seq" and node[1]:
            v = self.const(node[1][0], depth + 1)
        return v

    def price_like(self, node: Node) -> bool:
        names = " ".join(_names(node)).lower()
        return bool(re.search(r"close|price|avg_price|entry|open|ask|bid|position_avg|fill", names)) and self.const(node) is None


def _no_accessor(low: str) -> str:
    """A pandas column name without its accessor: df.rsi_14.iloc -> df.rsi_14."""
    for suffix in (".iloc", ".iat", ".loc", ".values", ".value", ".at"):
        if low.endswith(suffix):
            return low[: -len(suffix)]
    return low


def _contains(tree: Node, node: Node) -> bool:
    if tree is node or tree == node:
        return True
    return isinstance(tree, tuple) and any(
        _contains(p, node) if isinstance(p, tuple) else any(_contains(q, node) for q in p) if isinstance(p, list) else False
        for p in tree[1:])


def _cross_words(a: str, b: str, side: str) -> str:
    """ "a crosses above b"; the MACD line and its own signal line as the grammar says them."""
    a, b = _macd_pair(a, b)
    b, a = _macd_pair(b, a)
    if a.endswith(" line") and b == a[: -len(" line")] + " signal line":
        return f"{a[: -len(' line')]} crosses {side} its signal line"
    if b.endswith(" line") and a == b[: -len(" line")] + " signal line":
        return f"{b[: -len(' line')]} crosses {'below' if side == 'above' else 'above'} its signal line"
    return f"{a} crosses {side} {b}"


_FLIP = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}


def _macd_pair(a: str, b: str) -> tuple[str, str]:
    """A MACD line written without its signal period beside that MACD's signal line: one MACD."""
    ma = re.fullmatch(r"macd\((\d+(?:\.\d+)?), (\d+(?:\.\d+)?)\) line", a)
    mb = re.fullmatch(r"(macd\((\d+(?:\.\d+)?), (\d+(?:\.\d+)?), \d+(?:\.\d+)?\)) signal line", b)
    if ma and mb and ma.groups() == mb.groups()[1:]:
        return f"{mb.group(1)} line", b
    return a, b


_BAR_PRICES = ("close", "open", "high", "low")


def _lagged_price(a: tuple[str, float], b: tuple[str, float]) -> tuple[str, str] | None:
    """Two prices of this bar and the one before (``close[0] > close[1]``, ``bar.close < prev.low``) in words the
    grammar reads ("close", "the previous bar's close"); None for anything else.

    >>> _lagged_price(("close", 0), ("high", 1))
    ('close', "the previous bar's high")
    """
    # (MetaTrader's Close[1] > Close[2] reads the last closed bar against the one before it, as rsi[1] is "rsi")
    if a[0] not in _BAR_PRICES or b[0] not in _BAR_PRICES or abs(a[1] - b[1]) != 1 or max(a[1], b[1]) > 2 or min(a[1], b[1]) < 0:
        return None

    def say(x: tuple[str, float]) -> str:
        return f"the previous bar's {x[0]}" if x[1] == max(a[1], b[1]) else x[0]
    return say(a), say(b)


def _cmp_words(a: str, op: str, b: str) -> str:
    """ "a > b"; the MACD line against its own signal line as the grammar says it ("... line > its signal line").

    >>> _cmp_words("macd(12, 26, 9) signal line", "<", "macd(12, 26, 9) line")
    'macd(12, 26, 9) line > its signal line'
    """
    a, b = _macd_pair(a, b)
    b, a = _macd_pair(b, a)
    if a.endswith(" line") and b == a[: -len(" line")] + " signal line":
        return f"{a} {op} its signal line"
    if b.endswith(" line") and a == b[: -len(" line")] + " signal line" and op in _FLIP:
        return f"{b} {_FLIP[op]} its signal line"
    return f"{a} {op} {b}"


def _placeholder(node: Node | None) -> bool:
    """An empty start value (None, null, na, an empty list or tuple) that a later assignment fills in."""
    return node is not None and (node[0] == "name" and node[1].lower() in ("none", "null", "na", "nan", "undefined")
                                 or node[0] == "seq" and not node[1])


def _unkeyed(node: Node) -> Node:
    """A node without the keys of its position lookups: ``portfolio.positions[stock].amount`` asks about the
    position whatever the key (the stock variable is no part of a rule)."""
    if not isinstance(node, tuple):
        return node
    if node[0] in ("index", "call") and node[1][0] == "name" and _PLUMB_NAME.search(node[1][1].lower()):
        return node[1]  # (data.can_trade(stock): the asset it asks about is no part of a rule either)
    if node[0] == "attr":
        return ("attr", _unkeyed(node[1]), node[2])
    if node[0] in ("cmp", "bin"):
        return (node[0], node[1], _unkeyed(node[2]), _unkeyed(node[3]))
    if node[0] in ("and", "or"):
        return (node[0], [_unkeyed(n) for n in node[1]])
    if node[0] == "not":
        return ("not", _unkeyed(node[1]))
    return node


def _this_bar(node: Node) -> Node:
    """A series read on the current bar (``ma[-1]``, ``sd.iloc[-1]``, ``x[0]``) as the series itself."""
    if node[0] == "index" and node[2] in (("num", 0.0), ("num", -1.0), ("neg", ("num", 1.0))):
        base = node[1]
        if base[0] == "name" and base[1].lower().endswith((".iloc", ".iat")):
            base = ("name", base[1].rsplit(".", 1)[0])
        return base
    return node


def _subst(node: Node, key: str, value: Node) -> Node:
    """``node`` with every name whose short form is ``key`` replaced by ``value``."""
    if not isinstance(node, tuple):
        return node
    if node[0] == "name":
        return value if _short(node[1].lower()).rsplit(".", 1)[-1] == key else node
    out: list = [node[0]]
    for part in node[1:]:
        if isinstance(part, tuple):
            out.append(_subst(part, key, value))
        elif isinstance(part, list):
            out.append([_subst(p, key, value) for p in part])
        elif isinstance(part, dict):
            out.append({k: _subst(p, key, value) for k, p in part.items()})
        else:
            out.append(part)
    return tuple(out)


def _names(node: Node) -> list[str]:
    if not isinstance(node, tuple):
        return []
    if node[0] == "name":
        return [node[1].lower()]
    out: list[str] = []
    for part in node[1:]:
        if isinstance(part, tuple):
            out += _names(part)
        elif isinstance(part, list):
            for p in part:
                out += _names(p)
        elif isinstance(part, dict):
            for p in part.values():
                out += _names(p)
    return out


def _is_num(text: str) -> bool:
    return bool(re.fullmatch(r"-?\d+(?:\.\d+)?", text))


_SIDE_NAMES = {"buy": "buy", "long": "buy", "op_buy": "buy", "order_type_buy": "buy", "sell": "short", "short": "short",
               "op_sell": "short", "order_type_sell": "short"}


def _side_param(conds: list[Node]) -> tuple[str, list[Node]] | None:
    """A test of the side a signal function was asked about ("signal == BUY"), and the other conditions."""
    parts = [p for c in conds for p in (c[1] if c[0] == "and" else [c])]
    for p in parts:
        if p[0] == "cmp" and p[1] == "==" and p[3][0] == "name":
            role = _SIDE_NAMES.get(p[3][1].lower().rsplit(".", 1)[-1])
            if role and p[2][0] == "name":
                return role, [q for q in parts if q is not p]
    return None


def _without_bar_guards(node: Node) -> Node:
    """A condition without its once-per-bar guards ("lastBar != Time[0]" compares bar open times: no session)."""
    if node[0] in ("and", "or"):
        return (node[0], [_without_bar_guards(n) for n in node[1]])
    if node[0] == "cmp" and node[1] in ("!=", "==") and any(
            x[0] == "index" and x[1] == ("name", "Time") for x in (node[2], node[3])):
        return ("num", 1.0)
    return node


# the bars a data download asks for: yf.download(t, interval='1wk'), exchange.fetch_ohlcv(sym, timeframe='1d')
_DOWNLOAD_BARS = re.compile(r"(?i)\b(?:download|history|get_data_yahoo|get_data|ticker|get_bars|fetch_ohlcv|get_historical\w*)\s*\("
                            r"[^()]*(?:\([^()]*\)[^()]*)*\b(?:interval|timeframe)\s*=\s*['\"](1d|1wk|1w|1mo|1day|1week|1month|daily|weekly|monthly)['\"]")
_BAR_WORDS = {"1d": "daily", "1day": "daily", "daily": "daily", "1wk": "weekly", "1w": "weekly", "1week": "weekly", "weekly": "weekly",
              "1mo": "monthly", "1month": "monthly", "monthly": "monthly"}
# pandas resampling of a price series to weekly or monthly bars: .resample('W'), .resample("1W-FRI"), .resample('M')
_RESAMPLE = re.compile(r"\.resample\(\s*['\"]1?(W(?:-\w+)?|M|ME|BM|BME|MS)['\"]")


def _own_timeframe(r: "_Reader", node: Node) -> Node:
    """Pine's ``request.security(syminfo.tickerid, tf, expr)`` on the chart's own or the daily timeframe is ``expr``
    itself (foa trades daily bars); another timeframe stays a call, listed as a multi-timeframe filter."""
    if node[0] != "call" or node[1][0] != "name" or node[1][1].lower() not in ("request.security", "security") \
            or len(node[2]) < 3:
        return node
    sym, tf = node[2][0], node[2][1]
    if not (sym[0] == "name" and sym[1].lower() in ("syminfo.tickerid", "tickerid", "syminfo.ticker")):
        return node  # another instrument's series
    if tf[0] == "name" and tf[1].lower() in ("timeframe.period", "period"):
        return node[2][2]
    if tf[0] == "name":
        b = r.lookup(tf[1])
        if b is not None and b[0] == "call" and b[1][0] == "name" and b[1][1].lower().startswith("input"):
            tf = b[3].get("defval") or (b[2][0] if b[2] else ("name", ""))
        elif b is not None:
            tf = b
    if tf[0] == "str" and tf[1].strip().upper() in ("D", "1D", ""):
        return node[2][2]
    return node


def _flag_key(node: Node, r: "_Reader | None" = None) -> float | str | None:
    """The value a flag variable is set to or compared with: a number, or a string in lower case ("long")."""
    if node[0] == "str":
        return node[1].strip().lower() or None
    if node[0] == "num":
        return node[1]
    return r.const(node) if r is not None else None


def _negate(node: Node) -> Node:
    flip = {"<": ">=", ">": "<=", "<=": ">", ">=": "<", "==": "!=", "!=": "==", "in": "not in", "not in": "in"}
    if node[0] == "cmp":
        return ("cmp", flip[node[1]], node[2], node[3])
    if node[0] == "cross":
        return ("cross", "below" if node[1] == "above" else "above", node[2], node[3])
    if node[0] == "not":
        return node[1]
    return ("not", node)


@dataclass
class _Frame:
    indent: int
    cond: Node | None
    stmt: _Stmt
    used: bool = False
    single: bool = False  # an if without a block: it governs the one statement after it, however indented
    done: bool = False


_ROLE_COLS = frozenset("buy sell long short entry exit enter cover close open high low price adj date time".split())
# frame columns that hold something other than a price (a column named for an instrument is its price)
_NOT_PRICE_COL = re.compile(r"vol|ret|sig|pos|pnl|equity|spread|open|high|low|diff|chg|change|gain|loss|ratio|score|"
                            r"rank|weight|target|pred|label|flag|count|size|qty|trade|^z|^y$|^x$|mean|std|ma|rsi|atr|roc")
# a calendar the trading function is scheduled on (zipline, QuantConnect in both spellings)
_SCHEDULE = re.compile(r"(?:schedule_function\s*\(.*\bdate_rules|schedule\.on\s*\(.*\bdate_?rules)\s*\.\s*"
                       r"(month_?start|month_?end|week_?start|week_?end|every_?day)\b")
# PyAlgoTrade's price getters: bar.getPrice(), bar.getClose(), ds.getCloseDataSeries()
_GETTER = re.compile(r"(?:^|\.)get(price|adjclose|close|open|high|low|volume)(?:dataseries)?$")
# a function's parameters, and the class whose constructor takes them: def run(sma_period), class S(...): def __init__(self, ...)
_DEF_PARAMS = re.compile(r"^[ \t]*def\s+(\w+)\s*\(([^)]*)\)", re.M)
_CLASS_INIT = re.compile(r"^[ \t]*class\s+(\w+)\b[^\n]*:\s*\n(?:[ \t]*(?:#[^\n]*|[^\n]*=[^\n]*)?\n)*?[ \t]*def\s+__init__\s*\(([^)]*)\)", re.M)
_CALL_ARGS = re.compile(r"(?<![\w.])(\w+)\s*\(([^()]*)\)")
_CT_PARAM = re.compile(r"\[\s*Parameter\s*\([^)\]]*?\bDefaultValue\s*=\s*(-?\d+(?:\.\d+)?)[^)\]]*\)\s*\]\s*"
                       r"(?:public\s+)?\w+\s+(\w+)\s*\{", re.I)


def _call_site_values(text: str) -> dict[str, float]:
    """Numbers a script passes to its own functions and strategy classes by position or keyword
    (``run_strategy(15)`` with ``def run_strategy(smaPeriod)``, ``MyStrategy(feed, "orcl", 20, 50)``): the
    parameter's value where the code gives it no default.

    >>> _call_site_values("def run(feed, smaPeriod):\\n    pass\\nrun(f, 15)\\n")
    {'smaperiod': 15.0}
    """
    sigs: dict[str, list[str]] = {}
    for m in _DEF_PARAMS.finditer(text):
        sigs.setdefault(m.group(1), [p.split("=")[0].split(":")[0].strip().lstrip("*") for p in m.group(2).split(",")])
    for m in _CLASS_INIT.finditer(text):
        sigs[m.group(1)] = [p.split("=")[0].split(":")[0].strip().lstrip("*") for p in m.group(2).split(",")][1:]
    out: dict[str, float] = {}
    for m in _CALL_ARGS.finditer(text):
        params = sigs.get(m.group(1))
        if not params or text[max(0, m.start() - 4):m.start()].strip().endswith(("def", "class")):
            continue
        params = [p for p in params if p not in ("self", "cls")]
        for i, arg in enumerate(a.strip() for a in m.group(2).split(",")):
            key, _, val = arg.rpartition("=") if re.match(r"^\w+\s*=[^=]", arg) else ("", "", arg)
            name = key.strip() or (params[i] if i < len(params) else "")
            if name and re.fullmatch(r"-?\d+(?:\.\d+)?", val.strip()) and name in params:
                out.setdefault(name.lower(), float(val))
    return out


# an order placed anywhere in the text (any platform's order call), which makes a flag fallback unnecessary
_PLACES_ORDER = re.compile(r"(?i)\b(?:ordersend|positionopen|order_target\w*|setholdings|set_holdings|strategy\.(?:entry|order|close)|"
                           r"enterlong|entershort|exitlong|exitshort|buytocover|sellshort|executemarketorder|"
                           r"(?:self|this|trade|m_trade|ctrade|exchange|client|api)\.(?:buy|sell|submit_order|order\w*|create_\w*order))\s*\(")


# a flag that records what the code did (an order placed, a position held), never a market condition
_HELD_FLAG = re.compile(r"position|opened|entered|placed|filled|bought|sold|sent|done|active|ordered|invested|traded"
                        r"|^in_?(?:trade|market|long|short)|^has_?")
# target weights written as a list or dict: context.weights = [0.6, 0.4], weights = {'a1': 0.5, 'a2': 0.5}
_WEIGHTS = re.compile(r"(?i)\b([\w.]*(?:weight|alloc|percent|pct)\w*)\s*=\s*[\[{(]([^\]})]*)[\]})]")
# a platform callback that trades on every bar or on a schedule (zipline, QuantConnect, backtrader)
_SCHEDULED = re.compile(r"\bschedule_function\s*\(|\bdef\s+(?:handle_data|OnData|next|rebalance|on_bar|on_data)\s*\(|Schedule\.On\s*\(")
# a Pine study: indicator("...") or study("...") draws signals, it trades nothing
_RECORDS = re.compile(r"^\s*[\w.\[\]'\"]+\.(?:append|extend|push|insert|record|log|debug|info|plot|add_?point)\s*\(", re.I)
_STUDY = re.compile(r"^\s*(?:indicator|study)\s*\(", re.M)
# MetaTrader code, where a sell order or signal opens a short
_MQL_TEXT = re.compile(r"\b(?:OnTick|OnInit)\s*\(|\b_Symbol\b|\bPERIOD_(?:CURRENT|[MHDW]\d+|MN1)\b|\bOP_SELL\b|\bORDER_TYPE_SELL\b")


def read_code(text: str) -> CodeReading:
    """Rule sentences for the code of one page (see the module docstring).

    Two passes: the first learns every binding (freqtrade defines its indicators after the rules that
    use them), the second reads the rules.
    """
    stmts = _statements(text)
    first = _Reader()
    allow = re.search(r"allow_entry_in\s*\(\s*strategy\.direction\.(long|short)\b", text)
    first.allow = allow.group(1) if allow else ""
    # freqtrade's can_short = False: the strategy's short columns never trade (a spot market)
    first.shorts_off = bool(re.search(r"\bcan_short\s*(?::\s*bool\s*)?=\s*false\b", text, re.I))
    # columns written as an instrument's code (data['SPY'], prices["QQQ"]) that the code never assigns
    first.ticker_cols = {c.lower() for c in re.findall(r"\[\s*['\"]([A-Z][A-Z0-9^-]{1,9})['\"]\s*\]", text)
                         if not _NOT_PRICE_COL.search(c.lower()) and c.lower() not in _ROLE_COLS
                         and not re.search(rf"\[\s*['\"]{re.escape(c)}['\"]\s*\]\s*=[^=]", text)}
    for name, value in _call_site_values(text).items():
        first.b.setdefault(name, ("num", value))
    for m in _CT_PARAM.finditer(text):
        # cTrader: [Parameter("Periods", DefaultValue = 14)] public int Periods { get; set; }
        first.b.setdefault(m.group(2).lower(), ("num", float(m.group(1))))
    _read(first, stmts)
    r = _Reader()
    r.b = dict(first.b)
    r.params = dict(first.params)
    r.stoch_d = dict(first.stoch_d)
    r.lists = {k: [] for k in first.lists}
    r.fn_conds = dict(first.fn_conds)
    r.fn_values = dict(first.fn_values)
    r.filters = list(first.filters)
    r.allow = first.allow
    r.shorts_off = first.shorts_off
    r.exclusive = "exclusive_orders=true" in re.sub(r"\s", "", text.lower())
    r.fn_actions = dict(first.fn_actions)
    r.fn_arg_actions = dict(first.fn_arg_actions)
    r.assets = dict(first.assets)
    r.calls = dict(first.calls)
    r.fn_sides = {}
    r.columns = dict(first.columns)
    r.ticker_cols = first.ticker_cols
    r.signal = first.signal
    r.state = {k for k, n in first.counts.items() if n > 1}
    r.metatrader = bool(_MQL_TEXT.search(text))
    r.text = first.text = text
    r.flag_sets = {k: dict(v) for k, v in first.flag_sets.items()}
    r.flag_frames = dict(first.flag_frames)
    r.order_frames = set(first.order_frames)
    _read(r, stmts)
    for m in re.finditer(r"^[ \t]*(def\s+custom_(stoploss|exit|sell)\s*\()", text, re.M):
        # freqtrade: def custom_stoploss(self, pair, trade, ...) moves the stop by code foa cannot hold
        r.out.gap(m.start(1), "custom stoploss function" if m.group(2) == "stoploss" else "custom exit function")
    if not r.out.rules and any(role in ("buy", "short") for role, _, _ in r.state_rules):
        for role, frames, st in r.state_rules:
            _emit(r, role, None, st, frames)
    if r.out.rules:
        for off in r.if_lines:  # the reader has the rules: an if head is never a rule of its own
            r.out.rewrites.setdefault(off, "")
        for st in stmts:  # nor is any other statement that compares or crosses (a plot, a table, a debug print)
            if st.offset not in r.out.rewrites and (_COMPARES.search(re.sub(r"\"[^\"]*\"|'[^']*'", "", st.text))
                                                   or _RECORDS.match(st.text)):
                # (nor one that only stores, logs or draws a value: "self.lower_band.append(lower)" says no "lower")
                for off in st.lines:
                    r.out.rewrites.setdefault(off, "")
            am = _ASSIGN.match(st.text)
            nested = am is not None and _NESTED.search(am.group(3)) is not None
            rhs = parse(am.group(3)) if am is not None and re.match(r"[\w.]+\s*\(", am.group(3).strip()) else None
            unsaid = rhs is not None and rhs[0] == "call" and rhs[1][0] == "name" \
                and _code_name(rhs[1][1].rsplit(".", 1)[-1]) in ("sma", "ema", "wma") and r.indicator(rhs, 0) is None
            if am and (nested or unsaid or re.fullmatch(r"(?:s|e|w)?ma_?[12]", _short(am.group(1).strip().lower()))):
                # "wt2 = ta.sma(wt1, 4)": an average of a series the code computes, never a 4-bar SMA of the price
                # "ema2 = ema2_res[-1]": the second average by number, never a 2-bar EMA in the prose reading;
                # "k = ta.sma(ta.stoch(...), 3)": the stochastic's smoothing, never a 3-bar SMA of the price
                for off in st.lines:
                    r.out.rewrites.setdefault(off, "")
        pos = 0
        raws = text.split("\n")
        starts = []
        for raw in raws:
            starts.append(pos + len(raw) - len(raw.lstrip()))
            pos += len(raw) + 1
        for i, raw in enumerate(raws):
            # a comment heading a code line the reader has read (and emptied) goes with it: read alone, it would
            # carry the line into the prose reading ("// the stochastic" over "k = ta.sma(ta.stoch(...), 3)")
            if re.match(r"\s*(?://|#(?!\s*(?:include|property|define)\b))", raw):
                nxt = next((j for j in range(i + 1, len(raws)) if raws[j].strip()), None)
                if nxt is not None and r.out.rewrites.get(starts[nxt]) == "" and not raws[nxt].lstrip().startswith(("//", "#")):
                    r.out.rewrites.setdefault(starts[i], "")
        pos = 0
        for raw in text.split("\n"):
            # a comment line saying what the code beside it does ("# RSI overbought: place a sell order"): the
            # reader has the code's own rule, which the comment's looser words would only blur
            ls = raw.lstrip()
            if re.match(r"(?://|#(?!\s*(?:include|property|define|import|region|endregion|pragma)\b))", ls) \
                    and _COMMENT_ROLE.search(ls.lower()) and not _COMMENT_KEEP.search(ls.lower()):
                r.out.rewrites.setdefault(pos + len(raw) - len(ls), "")
            pos += len(raw) + 1
        for off, new in r.out.rewrites.items():
            if new == "":  # what an emptied line names that foa cannot express stays listed ("if (adx1 > adx2)")
                line = text[off:text.find("\n", off) if "\n" in text[off:] else len(text)]
                for g, _, _ in lexicon.gap_spans(re.sub(r"[_\W]+", " ", line.lower())):
                    r.out.gap(off, g.what) if g.kind != "indicator" else r.out.gaps.setdefault(off, []).append(g)
    if not r.out.rules and r.uncond and not r.uncond_out and not r.flag_where and _SCHEDULED.search(text) and not r.dropped_any:
        # zipline/QuantConnect code whose only orders buy under no condition ("order_target_percent(sym, w)" in
        # a scheduled or per-bar function): the assets are bought and held (the weights, when stated, are listed)
        r.out.add(r.uncond[0].offset, "buy and hold the assets.")
        r.out.rules.append(("hold", ""))
        for wm in _WEIGHTS.finditer(text):
            ws = {float(x) for x in re.findall(r"(?<![\w.])\d*\.?\d+(?![\w.])", wm.group(2))}
            if len(ws) > 1:
                # context.weights = [0.6, 0.3, 0.1]: the spec holds its assets in equal weight, so the weights are listed
                r.out.gap(r.uncond[0].offset, "fixed-weight allocation")
                break
    if not r.out.rules and r.flag_where and not _PLACES_ORDER.search(text) and not _STUDY.search(text):
        # "if (rsi[1] < LevelLow) buy_signal = true;", "long_signal = fast > slow": a signal function whose orders
        # the text does not hold; the flag's name gives the side, the condition it is set under the rule (a Pine
        # indicator() that only plots its buySignal is a study, not a strategy)
        for name, st in r.flag_where.items():
            fm = _FLAG_ROLE.fullmatch(name)
            role = _FLAG_ROLES[next(g for g in fm.groups() if g)]
            set_when = r.fn_values.get(name, {})
            node = next((set_when[k] for k in (1.0, "true") if k in set_when), None)
            if node is None:
                b = r.b.get(name)
                node = b if b is not None and (b[0] in ("cmp", "cross", "and", "or") or b[1:2] == (("name", "ifexp"),)
                                               or r.cross_of(b, 0)) else None
            text_ = r.cond(node) if node is not None else None
            if text_:
                if role == "sell" and _MQL_TEXT.search(text):
                    role = "short"  # MetaTrader: a sell signal opens a short
                r.out.add(st.offset, f"{_ROLE_WORDS[role]} when {text_}.")
                r.out.rules.append((role, text_))
    if not r.out.rules and r.fn_where:
        # a signal function and no order code in the text ("def find(self): if <cross>: return True"): the
        # condition it returns True on is the entry; a name saying sell/short/exit gives that side
        for name, st in r.fn_where.items():
            if not _SIGNAL_FN.search(name):
                continue  # "def is_oversold(...)": a helper of an indicator tutorial, not a trading signal
            for role, (node, where) in r.fn_sides.get(name, {}).items():
                text_ = r.cond(node)
                if text_:
                    r.out.add(where.offset, f"{_ROLE_WORDS[role]} when {text_}.")
                    r.out.rules.append((role, text_))
            if name not in r.fn_conds:
                continue
            text_ = r.cond(r.fn_conds[name])
            if text_:
                role = ("short" if "short" in name else "sell" if re.search(r"sell|exit|close", name) else "buy")
                r.out.add(st.offset, f"{_ROLE_WORDS[role]} when {text_}.")
                r.out.rules.append((role, text_))
    if not r.out.rules and r.labels and not any(s.text.lower().startswith("add.rule") for s in stmts):
        # quantstrat signals without rules in the text: the upward signal is the entry, the downward one the exit
        for st in stmts:
            low = st.text.lower()
            if low.startswith("add.signal"):
                lab = re.search(r"label\s*=\s*[\"']([^\"']+)", st.text)
                text_ = r.labels.get(lab.group(1).lower()) if lab else None
                if text_:
                    role = "buy" if " crosses above " in text_ or " > " in text_ else "sell"
                    r.out.add(st.offset, f"{_ROLE_WORDS[role]} when {text_}.")
                    r.out.rules.append((role, text_))
    return r.out


def _read(r: "_Reader", stmts: list[_Stmt]) -> None:
    stack: list[_Frame] = []
    last_if: dict[int, list[Node]] = {}  # indent -> conditions of the if/elif chain at that indent
    func: tuple[int, str] | None = None  # (indent, role) of a function whose return value is a condition
    signal_cond: tuple[Node, _Stmt] | None = r.signal  # backtrader: self.lines.signal = a - b (found in either pass)
    pending_quant: list[tuple[str, dict, _Stmt]] = []
    endif = any(re.match(r"end\s*if\b", x.text.strip(), re.I) for x in stmts)  # ProRealTime: IF ... THEN ... ENDIF blocks

    for st in stmts:
        s = st.text.strip().rstrip("{").strip()
        if s:
            while stack and stack[-1].done:
                stack.pop()  # the one statement of a block-less if has been read
        if "copybuffer" in s.lower() and not s.lower().startswith("copybuffer"):
            # "if (CopyBuffer(h, 0, 0, 3, arr) < 3) return;": the call binds its array wherever it stands
            for cb in re.finditer(r"\bcopybuffer\s*\(", s, re.I):
                node = parse(s[cb.start():cb.start() + _call_end(s[cb.start():])])
                if node is not None and node[0] == "call" and len(node[2]) >= 5 and node[2][0][0] == "name" \
                        and node[2][-1][0] == "name":
                    _copy_buffer(r, node[2])
        if s.startswith("}"):
            s = s.lstrip("} ").strip()
        if not s or s.lower() in ("begin", "end", "end;", "else", "pass"):
            if s.lower() == "else":
                while stack and stack[-1].indent >= st.indent:
                    stack.pop()
                _push_else(stack, last_if, st)
            continue
        while stack and stack[-1].indent >= st.indent and not _ELSE.match(s) and not re.match(r"^(?:elif|else\s*if)\b", s, re.I):
            if stack[-1].single and stack[-1].indent == st.indent and not _IF.match(s):
                stack[-1].done = True  # "if (x)\nEnterLong();" with the indentation lost: this is its statement
                break
            stack.pop()
        if func and st.indent <= func[0] and not _RETURN.match(s):
            func = None
            r.fn_name = ""
        low = s.lower()
        # --- if / elif / else
        m = _IF.match(s)
        if m and not re.match(r"^if\s*\(\s*$", low):
            is_elif = not low.startswith(("if", "when", "unless"))
            cond_text, action = _split_if(m.group(1))
            node = parse(cond_text) if cond_text else None
            if low.startswith("unless") and node is not None:
                node = _negate(node)
            while stack and stack[-1].indent >= st.indent:
                stack.pop()
            if is_elif:
                prev = last_if.get(st.indent, [])
                last_if[st.indent] = prev + [node] if node is not None else prev
            else:
                last_if[st.indent] = [node] if node is not None else []
            frame = _Frame(st.indent, node, st, single=not action and not re.search(
                r"(?:\{|\bbegin|:)\s*$" if not endif else r"(?:\{|\bbegin|\bthen|:)\s*$", st.text, re.I))
            r.if_lines += st.lines
            if action:
                stack.append(frame)
                for one in _inline(action):
                    if not _return(r, one, st, stack, func):
                        _statement(r, one, st, stack, func)
                stack.pop()
            else:
                stack.append(frame)
            continue
        m = _ELSE.match(s)
        if m and low.startswith(("else", "}")):
            while stack and stack[-1].indent > st.indent:
                stack.pop()
            if stack and stack[-1].indent == st.indent:
                stack.pop()
            _push_else(stack, last_if, st)
            if m.group(1):
                _statement(r, m.group(1), st, stack, func)
                stack.pop()
            continue
        pf = _PINE_FN.match(s)
        if pf:
            # Pine: enterLong() => crossover(f, s) and ..., or the body on the indented lines below
            name = pf.group(1).lower()
            func = (st.indent, "")
            r.fn_name = name
            body = parse(pf.group(2)) if pf.group(2).strip() else None
            if body is not None and body[0] != "num" and r.cond(body):
                r.fn_conds[name] = body
            continue
        if func and r.fn_name and not func[1] and st.indent > func[0] and not _ASSIGN.match(s):
            body = parse(s)  # (an assignment in the body, "flag = true;", is a statement, never the value)
            if body is not None and body[0] in ("cmp", "cross", "and", "or", "call", "name") and r.cond(body):
                r.fn_conds[r.fn_name] = body  # the last expression of a Pine function body is its value
                continue
        d = _DEF.match(s)
        if d is None:
            d = _METHOD.match(s)
            line = r.text[st.offset:].split("\n", 1)[0]
            if d and (d.group(1).lower() in _NOT_METHODS or not d.group(2) and not line.rstrip().endswith("{")):
                d = None  # a call statement "run(x)", not a method head "run(x) {" / "run(x): Signal {"
        if d:
            name = d.group(1).lower()
            func = (st.indent, _FUNC_ROLES.get(name, ""))
            r.fn_name = name
            for pm in _PARAM_DEFAULT.finditer(s[d.end() - 1:]):
                # def __init__(self, window=9, entry_level=20): the defaults are the strategy's parameters
                r.b.setdefault(pm.group(1).lower(), ("num", float(pm.group(2))))
            body = re.match(r"^[^{]*\)[^{]*\{(.*)\}\s*$", s)
            if body:
                # int OnInit() { h = iRSI(...); return(INIT_SUCCEEDED); }: a body on the head's line
                for one in _split_top(body.group(1), ";"):
                    if one.strip() and not _return(r, one.strip(), st, stack, func):
                        _statement(r, one.strip(), st, stack, func)
            continue
        if _return(r, s, st, stack, func):
            continue
        if low.startswith("add.indicator") or low.startswith("add.signal") or low.startswith("add.rule"):
            node = parse(s)
            if node is not None and node[0] == "call":
                _quantstrat(r, node, st, pending_quant)
            continue
        if re.match(r"^(?:self\.)?lines\.signal\s*=", low) or re.match(r"^self\.l\.signal\s*=", low):
            node = parse(s.split("=", 1)[1])
            if node is not None:
                signal_cond = r.signal = (node, st)
            continue
        if signal_cond and "add_signal" in low and "signal_" in low:
            node, sst = signal_cond
            side = sig.group(1) if (sig := re.search(r"signal_(longshort|long|short|longexit|shortexit)\b", low)) else ""
            sd = r.signal_diff(node, 0)
            if sd:
                if side in ("long", "longshort"):
                    r.out.add(sst.offset, f"buy when {sd[0]} > {sd[1]}.")
                    r.out.rules.append(("buy", f"{sd[0]} > {sd[1]}"))
                if side in ("short", "longshort"):
                    r.out.add(sst.offset, f"sell short when {sd[0]} < {sd[1]}.")
                    r.out.rules.append(("short", f"{sd[0]} < {sd[1]}"))
            continue
        _statement(r, s, st, stack, func)
    for role, kw, st in pending_quant:
        label = kw.get("sigcol")
        if label and label[0] == "str" and label[1].lower() in r.labels:
            cond_text = r.labels[label[1].lower()]
            r.out.add(st.offset, f"{_ROLE_WORDS[role]} when {cond_text}.")
            r.out.rules.append((role, cond_text))


def _call_end(text: str) -> int:
    """The length of the call that starts ``text`` (through its closing bracket), or of the whole text."""
    depth = 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if ch == ")" and depth == 0:
            return i + 1
    return len(text)


def _return(r: _Reader, s: str, st: _Stmt, stack: list[_Frame], func: tuple[int, str] | None) -> bool:
    """A return statement of a function the reader follows (a rule, a condition, a value); False when ``s`` is none."""
    ret = _RETURN.match(s)
    if ret and re.match(r"(?:\w+\.)*pipeline\s*\(", ret.group(1), re.I):
        node = parse(ret.group(1))
        if node is not None and node[0] == "call":
            r.pipeline(node)
        return True
    if ret and func and func[1]:
        node = parse(ret.group(1))
        if node is not None and node[0] == "num":
            if node[1] and any(f.cond is not None for f in stack):
                _emit(r, func[1], None, st, stack)  # "if cond: return True": the condition is the rule
            return True  # "def should_short(self): return False": no rule
        if node is not None and func[1] in ("buy", "short") and r.filters:
            # jesse: the functions listed by filters() must also hold for an entry
            node = ("and", [node, *(("call", ("name", f), [], {}) for f in r.filters)])
        if node is not None:
            _emit(r, func[1], node, st, stack)
        return True
    if ret and r.fn_name == "hyperparameters":
        # jesse: return [{'name': 'rsi_period', 'type': int, 'min': 2, 'max': 30, 'default': 9}, ...] - read as self.hp['rsi_period']
        node = parse(ret.group(1))
        for item in (node[1] if node is not None and node[0] == "seq" else []):
            if item[0] == "call" and item[1] == ("name", "dict") and item[3].get("name", ("",))[0] == "str" \
                    and r.const(item[3].get("default")) is not None:
                r.b.setdefault("hp." + item[3]["name"][1].lower(), ("num", r.const(item[3]["default"])))
        return True
    if ret and r.fn_name == "filters":
        node = parse(ret.group(1))
        if node is not None and node[0] == "seq":
            r.filters = [_short(n[1].lower()) for n in node[1] if n[0] == "name"]
        return True
    if ret and func and r.fn_name:
        # bool isBuySignal() { if (cond) return true; }: a call of the function is its condition
        value = re.sub(r"^new\s+(?=[A-Za-z_])", "", ret.group(1))  # return new Signal('buy'): the object built
        node = parse(value.strip("() ") if value.startswith("(") else value)
        conds = [f.cond for f in stack if f.cond is not None]
        if node is not None and node[0] == "call" and conds and node[1][0] == "name" and node[2] and node[2][0][0] == "str" \
                and node[2][0][1].strip().lower() in _SIGNAL_SIDES and _SIGNAL_CALL.search(node[1][1]):
            # return SignalResult.createSignal('short', debug), return Signal("buy"): the side the condition signals
            _emit(r, _SIGNAL_SIDES[node[2][0][1].strip().lower()], None, st, stack)
            return True
        if node is not None and node[0] == "call":
            _action_call(r, node, st, stack)  # "return OrderSend(...)": the order is placed
        if node is not None and node[0] == "str" and conds and node[1].strip().lower() in _SIDE_WORDS:
            # def signal(df): if fast > slow: return 'long' ... return 'short': the side the condition opens
            _emit(r, _SIDE_WORDS[node[1].strip().lower()], None, st, stack)
            return True
        if node is not None and node[0] == "num" and conds:
            # def trend(self): if a > b: return 1 else: return -1 - "trend == 1" is the first condition
            r.fn_values.setdefault(r.fn_name, {}).setdefault(node[1], ("and", conds) if len(conds) > 1 else conds[0])
        if node is not None and node[0] == "num" and node[1] == 1 and conds:
            side = _side_param(conds)
            if side:
                # bool rsi_ok(Side s) { if (s == BUY && rsi < 30) return true; ... }: one condition per side
                role, rest = side
                if rest:
                    r.fn_sides.setdefault(r.fn_name, {}).setdefault(role, (("and", rest) if len(rest) > 1 else rest[0], st))
                    r.fn_where.setdefault(r.fn_name, st)
                return True
            r.fn_conds.setdefault(r.fn_name, ("and", conds) if len(conds) > 1 else conds[0])
            r.fn_where.setdefault(r.fn_name, st)
        elif node is not None and not conds and node[0] in ("call", "name", "index", "bin") and not r.cond(node) \
                and (r.operand(node) is not None or node[0] == "call"):
            r.b.setdefault(r.fn_name, node)  # a property returning a value: "def ema20(self): return ta.ema(c, 20)"
        elif node is not None and (node[0] in ("cmp", "cross", "and", "or") or node[0] in ("call", "name") and r.cond(node)):
            # a comparison is kept even where the first pass cannot say it yet (PyAlgoTrade's enterLongSignal()
            # above the __init__ that binds its indicators): the second pass reads it where the function is called
            r.fn_conds.setdefault(r.fn_name, ("and", [*conds, node]) if conds else node)
        return True
    return False


def _ternary(r: _Reader, text: str) -> Node | None:
    """The branch a Pine ternary takes on its inputs' defaults: ``maType == "EMA" ? ta.ema(close, n) : ta.sma(close, n)``
    with ``maType = input.string("EMA", ...)`` is the EMA; None when the choice is not on a stated default."""
    flag = re.fullmatch(r"\s*(not\s+|!\s*)?([\w.]+)\s*\?(.+?):(.+)", text)
    if flag and _depth(flag.group(3)) == 0:
        # useFilter ? close > trend : true, with useFilter = input.bool(true, ...): the branch its default takes
        v = r.const(("name", flag.group(2)))
        if v not in (0.0, 1.0):
            return None
        return parse((flag.group(3) if bool(v) != bool(flag.group(1)) else flag.group(4)).strip())
    m = re.fullmatch(r"\s*([\w.]+)\s*(==|!=)\s*([\"'])([^\"']*)\3\s*\?(.+?):(.+)", text)
    if not m or _depth(m.group(5)) != 0:
        return None
    b = r.lookup(m.group(1))
    default = (b[2][0][1] if b is not None and b[0] == "call" and b[2] and b[2][0][0] == "str"
               else b[3]["defval"][1] if b is not None and b[0] == "call" and b[3].get("defval", ("",))[0] == "str"
               else b[1] if b is not None and b[0] == "str" else None)
    if default is None:
        return None
    same = default.strip().lower() == m.group(4).strip().lower()
    return parse((m.group(5) if same == (m.group(2) == "==") else m.group(6)).strip())


def _push_else(stack: list[_Frame], last_if: dict[int, list[Node]], st: _Stmt) -> None:
    prev = [c for c in last_if.get(st.indent, []) if c is not None]
    node = _negate(prev[0]) if len(prev) == 1 else None
    stack.append(_Frame(st.indent, node, st))


def _inline(action: str) -> list[str]:
    """The statements of an if's inline body: "{ sig = 1; done = 0; }" is two statements."""
    body = action.strip()
    if body.startswith("{"):
        body = body[1:]
    body = body.strip().rstrip("}").strip()
    return [part.strip() for part in _split_top(body, ";") if part.strip()] or [action]


def _split_if(rest: str) -> tuple[str, str]:
    """The condition and the inline action of an if statement in any platform's layout."""
    rest = rest.strip()
    then = re.search(r"\s+then\b\s*(.*)$", rest, re.I)
    if then and _depth(rest[: then.start()]) == 0:
        action = then.group(1).strip()
        return rest[: then.start()].strip(), "" if action.lower() in ("begin", "") else action
    parts = _split_top(rest, ":")
    if len(parts) >= 2 and "?" not in rest:
        return parts[0].strip(), ":".join(parts[1:]).strip()
    if rest.startswith("("):
        depth = 0
        for i, ch in enumerate(rest):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0:
                tail = rest[i + 1:].strip()
                if tail and not re.match(r"^(?:(?:and|or|crosses|cross)\b|&&|\|\||[-+*/<>=!&|])", tail, re.I):
                    return rest[: i + 1], tail.lstrip("{").strip()
                break
    return rest.rstrip(":").strip(), ""


def _conditions(stack: list[_Frame]) -> tuple[list[Node], str | None, list[_Frame]]:
    """The conditions of the enclosing if blocks and the position side they require."""
    conds: list[Node] = []
    side = None
    frames = []
    for f in stack:
        if f.cond is None:
            continue
        frames.append(f)
        conds.append(f.cond)
    return conds, side, frames


def _emit(r: _Reader, role: str, inline: Node | None, st: _Stmt, stack: list[_Frame], risk: list[str] | None = None) -> None:
    conds, _, frames = _conditions(stack)
    r.order_frames.update(f.stmt.offset for f in frames)
    nodes = conds + ([inline] if inline is not None else [])
    if r.fn_name and role != "exit" and (not nodes or not r.cond(("and", nodes))):
        # int sell() { OrderSend(..., OP_SELL, ...) }: sell() opens a short (its guards, such as a margin check, say no
        # rule); void entry(int dir) { if (dir == 0) OrderSend(..., OP_BUY, ...) ... }: entry(0) buys, entry(1) sells
        picks = [p for n in nodes for p in (n[1] if n[0] == "and" else [n])
                 if p[0] == "cmp" and p[1] == "==" and p[2][0] == "name" and p[3][0] == "num"]
        if picks:
            r.fn_arg_actions.setdefault(r.fn_name, {}).setdefault(picks[0][3][1], role)
        else:
            r.fn_actions.setdefault(r.fn_name, role)
    side = None
    for n in nodes:
        for part in (n[1] if n[0] == "and" else [n]):
            s = r.side_of(part)
            side = s or side
    if role == "exit":
        role = "cover" if side == "short" else "sell"
    elif role == "sell" and side == "flat":
        role = "short"
    if r.shorts_off and role in ("short", "cover"):
        return
    if r.allow == "long" and role == "short":
        role = "sell"  # strategy.risk.allow_entry_in(strategy.direction.long): a short entry only closes the long
    elif r.allow == "short" and role == "buy":
        role = "cover"
    if risk:
        for sentence in risk:
            r.out.add(st.offset, sentence)
    if role in ("sell", "cover", "exit"):
        nodes = [_entry_risk(r, n, st, role) for n in nodes]
    held = next((n for n in (_bars_held(r, x) for x in nodes) if n), None)
    if held and role in ("sell", "cover", "exit"):
        # BarsSinceEntry >= 5, len(self) >= self.bar_executed + 5: a time exit after that many bars
        r.out.add(st.offset, f"exit after {_fmt(held)} bars.")
        r.out.rules.append((role, f"after {_fmt(held)} bars"))
    if not nodes:
        if role == "buy":
            r.uncond.append(st)
        else:
            r.uncond_out = True  # an exit or a short under no condition: a calendar or a switch, never a holding
        return
    r.dropped = []
    r.never = False
    r.scored = False
    text = r.cond(("and", nodes) if len(nodes) > 1 else nodes[0])
    if r.scored:
        where = next((f.stmt.offset for f in frames), st.offset)
        r.out.gap(where, "a vote of some of several conditions (indicator scoring)")
    if not text and text is not None and role == "buy" and not r.never and not r.dropped:
        r.uncond.append(st)  # a buy whose enclosing ifs are all guards (an open-order or position check)
    if text is None and not r.never:
        r.dropped_any = True
    if not text:
        if r.never:  # an order switched off by its toggle is no rule, and its line says none either
            for off in [*st.lines, *(o for f in frames for o in f.stmt.lines)]:
                r.out.rewrites.setdefault(off, "")
        return
    for part in r.dropped:
        # "(rsi(50) - rsi(10)) > 10", "close > close[1]": a part of the rule foa cannot read is listed, not lost,
        # quoting the if head that states it
        where = next((f.stmt.offset for f in frames if _contains(f.cond, part)), st.offset)
        deep = [n.rsplit(".", 1)[-1] for n in r.names_deep(part)]
        # MetaTrader's iCustom(...) reads a compiled indicator the text does not contain; Pine's
        # request.security(sym, "W", ...) reads another timeframe
        r.out.gap(where, "a custom indicator (iCustom)" if "icustom" in deep else "multi-timeframe filter" if "security" in deep
                  else "a condition in the code foa cannot read")
    used = [n for node in nodes for n in r.names_deep(_without_bar_guards(node))]
    if any(_TIME_NAME.search(n) for n in used) and not any("timestamp" in n or "date" in n for n in used):
        r.out.gap(st.offset, "time-of-day or session filter")
    r.out.add(st.offset, f"{_ROLE_WORDS[role]} when {text}.")
    r.out.rules.append((role, text))
    for f in frames:
        f.used = True
        for off in f.stmt.lines:
            if off != st.offset:
                r.out.rewrites.setdefault(off, "")
    for off in st.lines[1:]:
        r.out.rewrites.setdefault(off, "")


def _statement(r: _Reader, s: str, st: _Stmt, stack: list[_Frame], func: tuple[int, str] | None) -> None:
    s = re.sub(r"^await\s+", "", s)  # JavaScript/Python: await exchange.createMarketBuyOrder(...)
    s = _TYPED.sub(r"\1 = ", s)  # a dataclass field "window: int = 30", TypeScript "const n: number = 14"
    low = s.lower()
    inner = _IF.match(s)
    if inner and low.startswith("if"):
        # an if inside an if's line: "if (a > b) { if (OrderSend(..., OP_BUY, ...)) Print("Buy"); }"
        cond_text, action = _split_if(inner.group(1))
        node = parse(cond_text) if cond_text else None
        if node is not None and node[0] == "call" and r.cond(node) is None:
            _action_call(r, node, st, stack)  # the order placed in the condition itself
            return
        if node is not None and action:
            stack.append(_Frame(st.indent + 1, node, st))
            for one in _inline(action):
                _statement(r, one, st, stack, func)
            stack.pop()
        return
    el = _EL_ACTION.match(s)
    if el:
        _emit(r, _EL_ROLE[re.sub(r"\s+", " ", el.group(1).lower()).replace("buy to cover", "buy to cover")], None, st, stack)
        return
    el_decl = _EL_DECL.match(s)
    if el_decl:
        for item in _EL_ITEM.finditer(el_decl.group(2)):
            r.b.setdefault(item.group(1).lower(), ("num", float(item.group(2)))) if el_decl.group(1).lower().startswith("var") \
                else r.b.__setitem__(item.group(1).lower(), ("num", float(item.group(2))))
        return
    prt = re.match(r"^set\s+(stop|target)\s+(%|p|\$)?\s*(loss|profit|trailing)\s+(\d+(?:\.\d+)?)\s*$", low)
    if prt:
        # ProRealTime: SET STOP %LOSS 3, SET TARGET %PROFIT 6 (percent); pLOSS/$LOSS in points or money; %TRAILING
        unit, kind, v = prt.group(2) or "", prt.group(3), float(prt.group(4))
        if kind == "trailing":
            r.out.gap(st.offset, "trailing stop")
        elif unit == "%" and 0 < v < 100:
            r.out.add(st.offset, f"{'stop loss' if kind == 'loss' else 'take profit'} of {_fmt(v)}%.")
        else:
            r.out.gap(st.offset, "stop or target in points or pips" if unit != "$" else "stop or target in currency units")
        return
    nt = re.match(r"^(setstoploss|setprofittarget|settrailstop)\s*\(.*\bcalculationmode\.percent\s*,\s*(\d*\.?\d+)", low)
    if nt and 0 < float(nt.group(2)) < 1:
        # NinjaTrader: SetStopLoss(CalculationMode.Percent, 0.02) - a fraction of the entry price
        what = {"setstoploss": "stop loss", "setprofittarget": "take profit"}.get(nt.group(1), "trailing stop")
        r.out.add(st.offset, f"{what} of {_fmt(round(float(nt.group(2)) * 100, 6))}%.")
        return
    ntu = re.match(r"^(setstoploss|setprofittarget|settrailstop)\s*\(.*\bcalculationmode\.(ticks|pips|currency|price)\b", low)
    if ntu:
        # NinjaTrader: SetStopLoss(CalculationMode.Ticks, 20), SetProfitTarget(CalculationMode.Currency, 500)
        r.out.gap(st.offset, "trailing stop" if ntu.group(1) == "settrailstop" else "stop or target in currency units"
                  if ntu.group(2) == "currency" else "stop or target in points or pips")
    if re.match(r"^(?:setstoploss|setprofittarget|setdollartrailing|setstopposition|setstopshare)\s*\((?!\s*calculationmode)", low):
        r.out.gap(st.offset, "stop or target in currency units")  # EasyLanguage: dollars per position or share
    if re.match(r"^(?:setpercenttrailing|setdollartrailing|settrailingstop|trailing_stop\s*=\s*true)", low):
        r.out.gap(st.offset, "trailing stop")
    if re.match(r"^(?:buy|sell|sellshort|buytocover|sell short|buy to cover)\b.*\bnext\s+bar\b.*\bat\b(?!\s+market).*\b(?:stop|limit)\s*;?$", low):
        r.out.gap(st.offset, "stop or limit entry order")
    sw = re.search(r"\bselectwhere\s*\(", low)
    if sw:
        node = parse(s[sw.start():sw.start() + _call_end(s[sw.start():])])
        if node is not None and node[0] == "call":
            _action_call(r, node, st, stack)  # bt.Strategy('x', [bt.algos.SelectWhere(data > sma), ...])
            return
    nbar = re.match(r"^applystop\s*\(\s*stoptypenbar\s*,\s*stopmodebars\s*,\s*(\d+)\b", low)
    if nbar and int(nbar.group(1)) > 0:
        r.out.add(st.offset, f"exit after {nbar.group(1)} bars.")  # AmiBroker's N-bar stop
        return
    jr = re.match(r"^self\.(stop_loss|take_profit)\s*=\s*(.+)$", low)
    if jr and (node := parse("(" + s.split("=", 1)[1].strip().rstrip(";") + ")")) is not None and node[0] == "seq" and len(node[1]) == 2:
        # jesse: self.stop_loss = qty, self.price * 0.95 (or - 2 * atr); self.take_profit = qty, self.price * 1.1
        what = jr.group(1).replace("_", " ")
        f = r.fraction(node[1][1], 0)
        atr = r.atr_distance(node[1][1], 0) if f is None and what == "stop loss" else None
        if f is not None and 0 < f < 1:
            r.out.add(st.offset, f"{what} of {_fmt(round(f * 100, 6))}%.")
        elif atr:
            r.out.add(st.offset, f"stop loss at {_fmt(atr[0])} x atr({_fmt(atr[1])}) below the entry.")
        return
    sched = _SCHEDULE.search(low)
    if sched:
        # zipline schedule_function(f, date_rules.month_start()), QuantConnect Schedule.On(DateRules.MonthStart(...), ...):
        # the scheduled trading runs on that calendar
        every = re.sub(r"[_\s]", "", sched.group(1))
        r.out.add(st.offset, "rebalance " + ("monthly." if every.startswith("month") else "weekly." if every.startswith("week") else "daily."))
        return
    gk = re.match(r"^(?:this|self|strat|method)\.addindicator\s*\(", low)
    node = parse(s.rstrip(";")) if gk else None
    if node is not None and node[0] == "call" and len(node[2]) >= 2 and node[2][0][0] == "str" and node[2][1][0] == "str":
        # gekko: this.addIndicator('fast', 'SMA', 10), this.addIndicator('rsi', 'RSI', { interval: 14 }); read later as
        # this.indicators.fast.result (a MACD's .diff line and .signal.result line)
        name, kind = node[2][0][1].lower(), node[2][1][1]
        conf = node[2][2] if len(node[2]) > 2 else None
        if conf is not None and conf[0] == "name":
            conf = r.lookup(conf[1]) or conf
        call = ("call", ("name", kind), [], conf[3]) if conf is not None and conf[1] == ("name", "dict") \
            else ("call", ("name", kind), [conf] if conf is not None else [], {})
        ind = r.indicator(call, 0)
        if ind is not None:
            r.bind(f"this.indicators.{name}", call)
            if ind.name == "macd":
                r.bind(f"this.indicators.{name}.diff", ("ind", _Ind("macd", ind.params, ind.source, "line")))
                r.bind(f"this.indicators.{name}.signal", ("ind", _Ind("macd", ind.params, ind.source, "signal")))
                r.bind(f"this.indicators.{name}", ("ind", _Ind("macd", ind.params, ind.source, "hist")))
        return
    ft = _FT_STOP.match(low)
    if ft and 0 < abs(float(ft.group(1))) < 1:
        r.out.add(st.offset, f"stop loss of {_fmt(round(abs(float(ft.group(1))) * 100, 6))}%.")  # freqtrade: stoploss = -0.05
        return
    if re.match(r"^minimal_roi\s*(?::[^=]*)?=\s*\{.*,\s*[\"']\d+[\"']\s*:", low):
        # freqtrade: minimal_roi = {"0": 0.1, "40": 0.05, "120": 0}: a target that steps down with the minutes held
        r.out.gap(st.offset, "take profit that changes with time held (ROI table)")
    roi = _FT_ROI.match(low)
    if roi and 0 < float(roi.group(1)) < 1:
        r.out.add(st.offset, f"take profit of {_fmt(round(float(roi.group(1)) * 100, 6))}%.")  # one ROI step from the start
        return
    m = _ASSIGN.match(s) or _LOC_ASSIGN.match(s)
    if m and m.group(2) != "+=":
        target, rhs_text = m.group(1).strip(), m.group(3).strip().rstrip(";")
        rhs = parse(rhs_text)
        if rhs is None and "?" in rhs_text:
            rhs = _ternary(r, rhs_text)
        if rhs is None and "," in target and "," in rhs_text:
            rhs = parse(f"({rhs_text})")  # "fast, slow = 10, 30": a tuple of values
        if rhs is not None:
            rhs = _own_timeframe(r, rhs)
        rs = _RESAMPLE.search(rhs_text)
        if rs and rhs is not None:
            base = parse(rhs_text[: rs.start()])
            if base is not None and (r.price(base) or base[0] == "name" and r.price(r.lookup(base[1]))):
                # C_w = C.resample('1W').last(): the prices the rule reads are weekly (monthly) bars
                r.out.add(st.offset, f"on {'weekly' if rs.group(1).upper().startswith('W') else 'monthly'} bars.")
        dl = _DOWNLOAD_BARS.search(rhs_text)
        if dl:
            # yf.download(t, start, end, interval='1d'), data.history(period='5y', interval='1wk'): the bars the rule reads
            r.out.add(st.offset, f"on {_BAR_WORDS[dl.group(1).lower()]} bars.")
        tnode = parse(target)
        # freqtrade / pandas: dataframe.loc[cond, 'enter_long'] = 1
        loc_cols = tnode[2][1][1] if tnode is not None and tnode[0] == "index" and tnode[2][0] == "seq" \
            and len(tnode[2][1]) == 2 else None
        if loc_cols is not None and loc_cols[0] == "seq" and loc_cols[1] and all(c[0] == "str" for c in loc_cols[1]):
            # dataframe.loc[cond, ['enter_long', 'enter_tag']] = (1, 'dip'): the signal column and its value
            loc_cols = loc_cols[1][0]
            if rhs is not None and rhs[0] == "seq" and rhs[1]:
                rhs = rhs[1][0]
        if tnode is not None and tnode[0] == "index" and tnode[1][0] == "name" and tnode[1][1].lower().endswith(".loc") \
                and loc_cols is not None and loc_cols[0] == "str":
            col = loc_cols[1].lower()
            v = r.const(rhs) if rhs is not None else None
            role = _COLUMN_ROLE.get(col)
            if role is None and col in _SIGNAL_NAMES and v is not None:
                role = "buy" if v > 0 else "short" if v < 0 else "exit"
            if role and (v is None or v != 0 or col in _SIGNAL_NAMES):
                _emit(r, role, tnode[2][1][0], st, stack)
            return
        if rhs is None:
            return
        if tnode is not None and tnode[0] == "index" and tnode[2][0] == "seq" and len(tnode[2][1]) == 2 \
                and tnode[2][1][1][0] == "name" and r.bar_offset(tnode[2][1][0]) is not None and r.const(rhs) in (1.0, -1.0):
            col = _short(tnode[2][1][1][1].lower())
            role = _COLUMN_ROLE.get(col)
            if role:
                # data[i + 1, buy] = 1, data[i + 1, sell] = -1: the signal columns of an array walked bar by bar
                _emit(r, "short" if role == "sell" and r.const(rhs) == -1.0 else role, None, st, stack)
                return
        if tnode is not None and tnode[0] == "index" and tnode[1][0] == "name" and r.const(rhs) in (1.0, -1.0) \
                and tnode[1][1].lower().rsplit(".", 1)[-1] in _SIGNAL_NAMES and tnode[2][0] in ("cmp", "cross", "and", "or"):
            _emit(r, "buy" if r.const(rhs) == 1 else "short", tnode[2], st, stack)  # signals[rsi < 30] = 1
            return
        short = _short(target.lower().replace("'", "").replace('"', "").replace("[", ".").replace("]", ""))
        last = short.rsplit(".", 1)[-1]
        if short in _AFL_ROLES and "." not in target and not stack and r.cond(rhs) is None and rhs[0] == "name" \
                and rhs[1].lower() in _AFL_ROLES:
            # AFL "Short = Sell;": the short side enters where the long side exits
            src = rhs[1].lower()
            for role, text in list(r.out.rules):
                if role == _AFL_ROLES[src]:
                    r.out.add(st.offset, f"{_ROLE_WORDS[_AFL_ROLES[short]]} when {text}.")
                    r.out.rules.append((_AFL_ROLES[short], text))
            return
        if short in _AFL_ROLES and "." not in target and r.cond(rhs) and rhs[0] != "num":
            _emit(r, _AFL_ROLES[short], rhs, st, stack)
            return
        roles = _COL_ROLES if "[" in target else _VAR_ROLES
        if last in roles and r.cond(rhs):
            _emit(r, roles[last], rhs, st, stack)
            r.bind(target, rhs)
            return
        where = rhs
        while where[0] == "call" and where[1][0] == "name" and where[1][1].lower().rsplit(".", 1)[-1] in ("lag", "shift", "fillna", "astype") \
                and where[2]:
            where = where[2][0]  # Lag(ifelse(...)), np.where(...).shift(1): the signal a bar later
        wfn = where[1][1].lower().rsplit(".", 1)[-1] if where[0] == "call" and where[1][0] == "name" else ""
        if wfn in ("where", "ifelse") and len(where[2]) == 3 and last in roles and last not in _SIGNAL_NAMES \
                and r.const(where[2][1]) == 1 and r.const(where[2][2]) == 0:
            # data['Sell_Signal'] = np.where(rsi > 70, 1, 0): the column's name says the side
            _emit(r, roles[last], where[2][0], st, stack)
            return
        if where is not rhs and last in _SIGNAL_NAMES and where[0] in ("cmp", "cross", "and", "or") and r.cond(where):
            # df['signal'] = (df['ret20'] > 0).astype(int): a 1/0 signal column, held while the condition is true
            _emit(r, "buy", where, st, stack)
            return
        sign = _sign_of(r, rhs)
        if sign is not None and (last in _SIGNAL_NAMES or re.search(r"pos|signal|weight|stance|side", last)):
            # positions = np.sign(close - ema), (df - ema).apply(np.sign): long above the line, short below it
            _emit(r, "buy", ("cmp", ">", *sign), st, stack)
            _emit(r, "short", ("cmp", "<", *sign), st, stack)
            return
        chain = _signal_chain(r, where)
        if chain and len(chain) > 1:
            # ifelse(rsi < 30, 1, ifelse(rsi > 70, -1, 0)), np.select([up, down], [1, -1], 0): one signal value per condition
            for c, v in chain:
                _emit(r, "buy" if v > 0 else "short", c, st, stack)
            return
        if where[0] == "call" and where[1][0] == "name" and where[1][1].lower().rsplit(".", 1)[-1] in ("where", "ifelse") \
                and len(where[2]) == 3 and {r.const(where[2][1]), r.const(where[2][2])} <= {1.0, 0.0, -1.0} \
                and r.const(where[2][1]) != r.const(where[2][2]):
            c, a, b = where[2]
            va, vb = r.const(a), r.const(b)
            if va is not None and va != 0:
                _emit(r, "buy" if va > 0 else "short", c, st, stack)
            if vb is not None and vb < 0 and va is not None and va > 0:
                _emit(r, "short", _negate(c), st, stack)
            if vb is not None and vb > 0 and va is not None and va < 0:
                _emit(r, "buy", _negate(c), st, stack)
            return
        if rhs[0] == "call" and rhs[1][0] == "name" and rhs[1][1].lower() in ("dict", "params", "odict") or rhs[0] == "seq":
            _bind_params(r, rhs)  # params = dict(fast=10), params = (('period', 14),)
        if rhs[0] == "call" and rhs[1][0] == "name" and re.search(r"(?i)strategy|algo(?:rithm)?$|system$", rhs[1][1].rsplit(".", 1)[-1]) \
                and rhs[1][1].rsplit(".", 1)[-1][:1].isupper():
            # mac = MovingAverageCrossStrategy(sym, bars, short_window=100, long_window=400): the run's parameters
            for k, v in rhs[3].items():
                if r.const(v) is not None:
                    r.b.setdefault(k, v)
        conds = [f.cond for f in stack if f.cond is not None]
        fm = _FLAG_ROLE.fullmatch(last) if re.fullmatch(r"[\w.]+", target) else None
        if fm and (conds and _flag_key(rhs, r) or rhs[0] in ("cmp", "cross", "and", "or") or rhs[1:2] == (("name", "ifexp"),)
                   or r.cross_of(rhs, 0)):
            r.flag_where.setdefault(last, st)
        if conds and re.fullmatch(r"[\w.]+", target) and rhs[0] in ("num", "str"):
            r.flag_frames.setdefault((_short(target.lower()), _flag_key(rhs, r)),
                                     next(f.stmt.offset for f in reversed(stack) if f.cond is not None))
        if rhs[0] == "num" and rhs[1] == 1 and conds and re.fullmatch(r"[\w.]+", target) \
                and not _STATE_NAME.fullmatch(last) and not _HELD_FLAG.search(last):
            r.flag_sets.setdefault(last, {})[st.offset] = ("and", conds) if len(conds) > 1 else conds[0]
        if rhs[0] in ("num", "neg", "str") and conds and re.fullmatch(r"[\w.]+", target) and _flag_key(rhs, r) is not None:
            # "if (fast > slow) { signal = 1; }" then "if (signal == 1) OrderSend(..., OP_BUY, ...)", or
            # "trend = 'up'" then "if trend == 'up'": the flag's value stands for the condition under which it was set
            r.fn_values.setdefault(_short(target.lower()), {}).setdefault(_flag_key(rhs, r), ("and", conds) if len(conds) > 1 else conds[0])
        if rhs[0] == "call" and rhs[1] == ("name", "ifexp") and re.fullmatch(r"[\w.]+", target):
            # "signal = 1 if fast > slow else -1", "trend = 'up' if close > ema else 'down'", "s = 1 if a else -1 if b
            # else 0": each value under its branch (a later branch also under the earlier ones not holding)
            flags = r.fn_values.setdefault(_short(target.lower()), {})
            before = list(conds)
            node = rhs
            for _ in range(6):
                c, a, b = node[2]
                ka = _flag_key(a, r)
                if ka is not None:
                    flags.setdefault(ka, ("and", [*before, c]) if before else c)
                before = [*before, _negate(c)]
                if b[0] == "call" and b[1] == ("name", "ifexp") and len(b[2]) == 3:
                    node = b
                    continue
                kb = _flag_key(b, r)
                if kb is not None and kb != ka:
                    flags.setdefault(kb, ("and", before) if len(before) > 1 else before[0])
                break
        if conds and re.fullmatch(r"[\w.]+", target) and _STATE_NAME.fullmatch(_short(target.lower()).rsplit(".", 1)[-1]):
            # a loop backtest without order calls: "if rsi < 30 and not in_position: in_position = True" enters,
            # "entry_date = None" leaves; read only when the text places no order at all
            v = r.const(rhs)
            off = rhs[0] == "name" and rhs[1].lower() in ("none", "null", "nan", "na")
            word = _STATE_WORDS.get(rhs[1].strip().lower()) if rhs[0] == "str" else None
            if word:  # position = 'buy' / 'short' / '' / 'flat': the side the loop holds, by its name
                role = word
            elif off or v == 0:
                role = "exit"
            elif v is not None:
                role = "short" if v < 0 else "buy"
            else:  # entry_price = close, entry_date = df['Date'][i]: the entry is recorded
                role = "buy" if re.search(r"price|date|time|index|bar", target.lower()) else None
            if role:
                r.state_rules.append((role, [f for f in stack if f.cond is not None], st))
        if re.fullmatch(r"[\w.'\"\[\], $@]+", re.sub(r"\[\s*['\"]\w*['\"]\s*\+\s*\w+\s*\]", "[k]", target)):
            # (frame['m' + ticker] = ...: a column named by an expression, bound under that expression)
            if rhs == ("seq", []):
                r.lists[_short(target.lower())] = []  # "conditions = []" starts a new list of conditions (one per function)
            r.bind(target, rhs)
            if rhs[0] in ("cmp", "cross", "and", "or", "not") or r.cross_of(rhs, 0):
                for off in st.lines:  # "exit = crossover(a, b)": a condition the actions name, not a rule itself
                    r.out.rewrites.setdefault(off, "")
        # an assignment may still hold an action: x = self.buy()
        if rhs[0] == "call":
            _action_call(r, rhs, st, stack)
        return
    app = re.match(r"^([\w.]+)\.append\((.+)\)$", s)
    if app:
        node = parse(app.group(2))
        if node is not None:
            r.lists.setdefault(_short(app.group(1).lower()), []).append(node)
        return
    node = parse(s)
    if node is not None and node[0] == "call":
        _action_call(r, node, st, stack)
    del low


def _sign_of(r: _Reader, node: Node, depth: int = 0) -> tuple[Node, Node] | None:
    """The two sides (a, b) of np.sign(a - b), (a - b).apply(np.sign), either scaled or shifted; None otherwise."""
    if node is None or depth > 4:
        return None
    if node[0] == "bin" and node[1] in ("/", "*") and r.const(node[3]) not in (None, 0.0):
        return _sign_of(r, node[2], depth + 1)  # np.sign(x) / 3: equal weights, the same sides
    if node[0] != "call" or node[1][0] != "name":
        return None
    fn = node[1][1].lower()
    args = node[2]
    if fn.rsplit(".", 1)[-1] in ("shift", "fillna", "lag") and args:
        return _sign_of(r, args[0], depth + 1)
    if fn in ("np.sign", "numpy.sign", "sign") and len(args) == 1:
        inner = args[0]
    elif fn.endswith(".apply") and len(args) == 1 and args[0][0] == "name" and args[0][1].lower() in ("np.sign", "numpy.sign"):
        inner = ("name", node[1][1][: -len(".apply")])
    elif fn == ".apply" and len(args) == 2 and args[1][0] == "name" and args[1][1].lower() in ("np.sign", "numpy.sign"):
        inner = args[0]  # (df - ma).apply(np.sign): the receiver in brackets comes first
    else:
        return None
    if inner[0] == "name":
        inner = r.lookup(inner[1]) or inner
    if inner[0] == "bin" and inner[1] == "-" and r.cond(("cmp", ">", inner[2], inner[3])):
        return inner[2], inner[3]
    if inner[0] != "bin" and r.cond(("cmp", ">", inner, ("num", 0.0))):
        return inner, ("num", 0.0)  # np.sign(momentum): long while it is positive, short while negative
    return None


def _signal_chain(r: _Reader, node: Node) -> list[tuple[Node, float]] | None:
    """The (condition, +1/-1) pairs of a nested where/ifelse or an np.select whose default is 0, else None."""
    if node[0] != "call" or node[1][0] != "name":
        return None
    fn = node[1][1].lower().rsplit(".", 1)[-1]
    args = node[2]
    if fn == "select" and len(args) >= 2 and args[0][0] == "seq" and args[1][0] == "seq" and len(args[0][1]) == len(args[1][1]):
        default = r.const(args[2]) if len(args) > 2 else r.const(node[3].get("default", ("num", 0.0)))
        vals = [r.const(v) for v in args[1][1]]
        if default == 0 and all(v in (1.0, -1.0) for v in vals):
            return list(zip(args[0][1], vals))
        return None
    if fn not in ("where", "ifelse", "iif") or len(args) != 3:
        return None
    v = r.const(args[1])
    if v not in (1.0, -1.0):
        return None
    if r.const(args[2]) == 0:
        return [(args[0], v)]
    rest = _signal_chain(r, args[2])
    return [(args[0], v), *rest] if rest else None


def _entry_risk(r: _Reader, node: Node, st: _Stmt, role: str) -> Node:
    """An exit on the price against the entry price ("Close < EntryPrice * (1 - StopPct / 100)", "close >=
    entry_price * 1.1") is a stop loss or a take profit: said as one, and left out of the condition."""
    if node[0] in ("and", "or"):
        return (node[0], [_entry_risk(r, x, st, role) for x in node[1]])
    named = r.lookup(node[1]) if node[0] == "name" else None
    if named is not None and named[0] == "cmp":
        out = _entry_risk(r, named, st, role)  # risk_sig = low <= buyprice * (1 - loss_stop); elif risk_sig: close()
        return node if out is named else out
    if node[0] != "cmp" or node[1] not in ("<", "<=", ">", ">="):
        return node
    a, b = node[2], node[3]
    if not r.price(a) or not re.search(r"entry|avg_?price|buy_?price|bought|cost|open_?price|position_avg|stop|target|take_?profit|"
                                       r"(?:sl|tp)_?price", " ".join(_names(b))):
        return node
    f = r.fraction(b, 0)
    if f is None or not 0 < f < 1:
        return node
    if b[0] == "name" and (bound := r.lookup(b[1])) is not None:
        b = bound  # self.stop_price = self.data.close[0] * 0.9 set at the entry, then close < self.stop_price
    k = r.const(b[3] if b[0] == "bin" and b[1] == "*" and r.const(b[3]) is not None else b[2] if b[0] == "bin" else ("num", 1.0))
    below = node[1] in ("<", "<=")
    if k is not None and (k < 1) != below:
        return node  # "close < entry * 1.05" is no stop
    long_side = role != "cover"
    what = "stop loss" if below == long_side else "take profit"
    r.out.add(st.offset, f"{what} of {_fmt(round(f * 100, 6))}%.")
    return ("num", 1.0)


_BAR_NOW = re.compile(r"^(?:len|bar_index|currentbar|barnumber|bars|barcount|self\.bar_count|i)$")
_BAR_ENTRY = re.compile(r"bar_?executed|entry_?bar|bar_?entry|entry_?index|entrybarindex|entry_bar_index|barsinceentry|bars_?since_?entry|bars_?held|barsheld|holding_?bars")


def _bars_held(r: _Reader, node: Node) -> float | None:
    """The bar count of a time exit in a condition: BarsSinceEntry >= 5, BarsSinceEntryExecution() > 4,
    len(self) >= self.bar_executed + 5, bar_index - entryBar >= 10 (a part of an "and"/"or" too)."""
    if node[0] in ("and", "or"):
        return next((n for n in (_bars_held(r, x) for x in node[1]) if n), None)
    if node[0] != "cmp" or node[1] not in (">=", ">", "=="):
        return None
    names = [n.rsplit(".", 1)[-1] for n in _names(node)]
    if not any(_BAR_ENTRY.search(n) for n in names):
        return None
    since = any(re.search(r"since|held|holding", n) for n in names)
    if not since and not any(_BAR_NOW.match(n) for n in _names(node)):
        return None
    nums = [x for x in _nums(node) if x > 0]
    if len(nums) != 1:
        return None
    return nums[0] + 1 if node[1] == ">" else nums[0]


def _nums(node: Node) -> list[float]:
    if not isinstance(node, tuple):
        return []
    if node[0] == "num":
        return [node[1]]
    out: list[float] = []
    for part in node[1:]:
        if isinstance(part, tuple):
            out += _nums(part)
        elif isinstance(part, list):
            for p in part:
                out += _nums(p)
    return out


# MQL5 buffer numbers of the handles with several outputs
_BUFFERS = {"macd": {1: "signal"}, "bbands": {0: "middle", 1: "upper", 2: "lower"}, "stoch": {0: "slowk", 1: "slowd"}}


def _copy_buffer(r: _Reader, args: list[Node]) -> None:
    """MQL5 CopyBuffer(handle, buffer, start, count, array): the array holds that buffer of the handle's indicator."""
    target = _short(args[-1][1].lower())
    buf = r.const(args[1])
    ind = r.as_ind(args[0], 0)
    if ind is not None and buf is not None:
        if buf == 0 and ind.name == "macd":
            r.b[target] = ("ind", _Ind("macd", ind.params, ind.source, "line"))
            return
        if ind.name == "adx" and buf in (1, 2):
            r.b[target] = ("ind", _Ind("plus_di" if buf == 1 else "minus_di", ind.params, ind.source))
            return
        out = _BUFFERS.get(ind.name, {}).get(int(buf))
        if out:
            r.b[target] = ("ind", _Ind(ind.name, ind.params, ind.source, out))
            return
    r.b[target] = args[0]


def _bind_params(r: _Reader, node: Node) -> None:
    if node[0] == "call":
        for k, v in node[3].items():
            r.b[k] = r.params[k] = v
        return
    if len(node[1]) == 2 and node[1][0][0] == "str":  # params = (('period', 14),): one pair
        r.b[node[1][0][1].lower()] = r.params[node[1][0][1].lower()] = node[1][1]
        return
    for item in node[1]:
        if item[0] == "seq" and len(item[1]) == 2 and item[1][0][0] == "str":
            r.b[item[1][0][1].lower()] = r.params[item[1][0][1].lower()] = item[1][1]
        elif item[0] == "seq":
            _bind_params(r, item)


def _action_call(r: _Reader, node: Node, st: _Stmt, stack: list[_Frame]) -> None:
    if node[1][0] != "name":
        return
    full = node[1][1].lower()
    fn = full.rsplit(".", 1)[-1]
    args, kw = node[2], node[3]
    inner = next((a for a in args if a[0] == "call" and a[1][0] == "name"
                  and re.search(r"order$", a[1][1].lower())), None) if re.fullmatch(r"place_?order|submit_?order", fn) else None
    if inner is not None:
        # ib_insync: ib.placeOrder(contract, MarketOrder('BUY', 100)) - the order object says the side
        _action_call(r, inner, st, stack)
        return
    if full in ("strategy.entry", "strategy.order", "strategy.exit") or fn in ("buy", "sell", "enterlong", "entershort", "ordersend"):
        _order_gaps(r, full, fn, args, kw, st)
    if fn == "copybuffer" and len(args) >= 5 and args[0][0] == "name" and args[-1][0] == "name":
        _copy_buffer(r, args)
        return
    when = kw.get("when")
    if full in ("strategy.entry", "strategy.order"):
        direction = kw.get("direction") or kw.get("long") or (args[1] if len(args) > 1 else None)
        dname = direction[1].lower() if direction is not None and direction[0] == "name" else ""
        is_long = "long" in dname or (direction is not None and direction[0] == "num" and direction[1] == 1)
        is_short = "short" in dname or (direction is not None and direction[0] == "num" and direction[1] == 0)
        ident = args[0][1].lower() if args and args[0][0] == "str" else kw["id"][1].lower() if "id" in kw and kw["id"][0] == "str" else ""
        if is_short:
            r.short_ids.add(ident)
        elif is_long:
            r.long_ids.add(ident)
        if is_long or is_short:
            _emit(r, "buy" if is_long else "short", when, st, stack)
        return
    if full in ("strategy.close", "strategy.close_all"):
        ident = args[0][1].lower() if args and args[0][0] == "str" else kw["id"][1].lower() if "id" in kw and kw["id"][0] == "str" else ""
        role = "cover" if ident in r.short_ids else "sell" if ident in r.long_ids else "exit"
        _emit(r, role, when, st, stack)
        return
    if full == "strategy.exit":
        ident = (args[1][1].lower() if len(args) > 1 and args[1][0] == "str" else
                 kw["from_entry"][1].lower() if "from_entry" in kw and kw["from_entry"][0] == "str" else "")
        side = "short" if ident in r.short_ids and ident not in r.long_ids else "long"
        risk = r.risk(kw, side)
        for sentence in risk:
            r.out.add(st.offset, sentence)
        if not risk:
            for off in st.lines:  # an exit the reader cannot size is no rule of its own in the prose reading
                r.out.rewrites.setdefault(off, "")
        return
    if fn in ("from_signals", "from_orders") and "portfolio" in full:
        # vectorbt: Portfolio.from_signals(close, entries, exits, sl_stop=0.05, tp_stop=0.1, sl_trail=True)
        trail = kw.get("sl_trail") == ("num", 1.0) or "tsl_stop" in kw
        for key, what in (("sl_stop", "stop loss"), ("tp_stop", "take profit")):
            v = r.const(kw[key]) if key in kw else None
            if v is not None and 0 < v < 1 and not (trail and key == "sl_stop"):
                r.out.add(st.offset, f"{what} of {_fmt(round(v * 100, 6))}%.")
        if trail:
            r.out.gap(st.offset, "trailing stop")
        # the short side: short_entries=/short_exits= signals, or direction="both", where an exit signal opens the
        # short and an entry signal covers it
        dirn = kw["direction"][1].lower() if kw.get("direction") and kw["direction"][0] == "str" else ""
        entries = kw.get("entries") or (args[1] if len(args) > 1 else None)
        exits = kw.get("exits") or (args[2] if len(args) > 2 else None)
        sides = [(kw.get("short_entries"), "short", None), (kw.get("short_exits"), "cover", None)]
        if dirn == "both" and kw.get("short_entries") is None:
            sides = [(exits, "short", "sell"), (entries, "cover", "buy")]
        if sides[0][0] is not None:
            # the long side's signals held in names of no side ("up", "down") are its entries and exits here
            sides += [(node, role, None) for node, role in ((entries, "buy"), (exits, "sell"))
                      if node is not None and node[0] == "name" and _short(node[1].lower()) not in _VAR_ROLES]
        for node, role, twin in sides:
            if node is not None and r.cond(node) is not None:
                _emit(r, role, node, st, stack)
            elif node is not None and twin is not None:
                # buy = ...; sell = ...: the named signals were read as the long side's; the same ones open the short
                for have, text in list(r.out.rules):
                    if have == twin:
                        r.out.add(st.offset, f"{_ROLE_WORDS[role]} when {text}.")
                        r.out.rules.append((role, text))
        return
    if fn == "selectwhere" and args:
        # pmorissette bt: Strategy(..., [bt.algos.SelectWhere(data > sma), WeighEqually(), Rebalance()]): held while true
        _emit(r, "buy", args[0], st, stack)
        return
    if fn == "addorder" and args:
        kind = args[0][1].lower() if args[0][0] == "name" else ""
        role = ("buy" if "buy_to_open" in kind or "buy_auto" in kind else "cover" if "buy_to_close" in kind
                else "sell" if "sell_to_close" in kind else "short" if "sell_to_open" in kind or "sell_auto" in kind else None)
        cond = args[1] if len(args) > 1 else kw.get("condition")
        if role:
            _emit(r, role, cond, st, stack)
        return
    if fn in ("ordersend", "positionopen") and len(args) >= 2:
        # MQL4 OrderSend(sym, OP_BUY, ...), MQL5 CTrade.PositionOpen(sym, ORDER_TYPE_BUY, ...)
        kind = " ".join(_names(args[1]))
        # a pending order (OP_BUYLIMIT, ORDER_TYPE_SELL_STOP) still opens that side; _order_gaps lists its order type
        role = ("buy" if re.search(r"\b(?:op|order_type)_buy(?:_?(?:limit|stop))?\b", kind)
                else "short" if re.search(r"\b(?:op|order_type)_sell(?:_?(?:limit|stop))?\b", kind) else None)
        if role:
            _emit(r, role, None, st, stack)
        return
    if fn in ("order_target_percent", "order_target", "setholdings", "set_holdings", "order_percent", "order_target_value", "order",
              "order_target_size"):
        target = kw.get("target") or kw.get("percent") or (args[1] if len(args) > 1 else args[0] if args and fn == "order_target_percent" and full.startswith("self.") else None)
        v = r.const(target) if target is not None else None
        chosen = r.fn_values.get(_short(target[1].lower())) if v is None and target is not None and target[0] == "name" else None
        if chosen and not any(f.cond is not None for f in stack):
            # weight = 1.0 if the close is above its average, else 0.0; then order_target_percent(stock, weight):
            # each weight the code sets is an order under the condition that set it
            asset = " ".join(_names(args[0])) if args and target is not args[0] else ""
            for w, cond in chosen.items():
                role = "buy" if w > 0 else "short" if w < 0 else "exit"
                if asset and role == "buy":
                    r.assets.setdefault("first", asset)
                _emit(r, role, cond, st, stack)
            return
        if v is None and target is not None and not chosen and target[0] in ("name", "index", "bin", "neg", "call", "attr") \
                and fn in ("order_target_percent", "setholdings", "set_holdings", "order_percent"):
            # order_target_percent(sym, weight) with weight = 1.0 / len(assets), weights[key]: a computed share of
            # the portfolio, held long; -weight is the short side
            neg = target[0] == "neg" or target[0] == "bin" and target[1] == "*" and any(
                (r.const(x) or 0) < 0 for x in target[2:])
            v = -1.0 if neg else 1.0
            base = target[1] if target[0] in ("neg", "index") else target
            if base[0] == "name" and re.search(
                    rf"(?m)^\s*{re.escape(base[1])}\s*(?:\[[^\]]*\])?\s*=\s*(?![^\n]*\blen\()[^\n]*[\w)\]]\s*[*/]\s*[A-Za-z_(]",
                    r.text):
                # weights['a1'] = vol2 * vol3 / denominator: a weighting the code computes (volatility, score), listed
                r.out.gap(st.offset, "weights computed by the code (volatility or score weighting)")
        if v is None and fn in ("order", "order_value") and target is not None and target[0] in ("name", "call", "bin", "neg"):
            # zipline: order(asset, number_of_shares), order(asset, -qty): a quantity named without a sign buys
            v = -1.0 if target[0] == "neg" or target[0] == "bin" and target[1] == "*" and any(
                (r.const(x) or 0) < 0 for x in target[2:]) else 1.0
        if v is None:
            return
        role = "buy" if v > 0 else "short" if v < 0 else "exit"
        asset = " ".join(_names(args[0])) if args and target is not args[0] else ""
        if asset and role == "buy":
            r.assets.setdefault("first", asset)
        if asset and r.assets.get("first", asset) != asset:
            # "order_target_percent(context.hedge, 1)" beside the traded stock: a switch into another
            # instrument, which a one-symbol spec cannot hold
            r.out.gap(st.offset, "switching into a second instrument")
            return
        _emit(r, role, None, st, stack)
        return
    if fn in ("marketorder", "market_order", "limitorder", "stoporder") and len(args) >= 2 and args[0][0] == "str" \
            and args[0][1].strip().lower() in ("buy", "sell"):
        # ib_insync: MarketOrder('BUY', 100), LimitOrder('SELL', 100, price) - the side is the action word
        if fn != "marketorder" and args[0][1].strip().lower() == "buy":
            r.out.gap(st.offset, "stop or limit entry order")
        _emit(r, "buy" if args[0][1].strip().lower() == "buy" else "sell", None, st, stack)
        return
    if fn in ("marketorder", "market_order") and len(args) >= 2:
        q = args[1]
        v = r.const(q)
        if v is None and (q[0] == "neg" or q[0] == "bin" and q[1] == "*" and any(r.const(x) == -1 for x in q[2:])):
            v = -1.0  # PyAlgoTrade/QuantConnect: marketOrder(inst, -1 * shares), MarketOrder(sym, -qty) sells
        elif v is None and q[0] == "name":
            v = 1.0  # marketOrder(inst, sharesToBuy): a quantity named without a sign buys
        if v is not None and v != 0:
            _emit(r, "buy" if v > 0 else "sell", None, st, stack)
        return
    if full.endswith("trade.buy") or full.endswith("trade.sell"):
        _emit(r, "buy" if fn == "buy" else "short", None, st, stack)
        return
    if re.fullmatch(r"(?:buy|sell)(?:limit|stop)", fn) and "." in full:
        # MQL5 CTrade.BuyLimit(...), SellStop(...): a pending entry order of that side
        r.out.gap(st.offset, "stop or limit entry order")
        _emit(r, "buy" if fn.startswith("buy") else "short", None, st, stack)
        return
    ex = " ".join(_names(kw["exectype"])) if "exectype" in kw else ""
    if fn in ("buy", "sell") and "trail" in ex:
        # backtrader: sell(exectype=bt.Order.StopTrail, trailpercent=0.06) trails the long, it opens no short
        f = r.const(kw.get("trailpercent")) if "trailpercent" in kw else None
        if f is not None and 0 < f < 1:
            r.out.add(st.offset, f"trailing stop of {_fmt(round(f * 100, 6))}%.")
        else:
            r.out.gap(st.offset, "trailing stop")
        return
    if fn in ("buy", "sell") and ("stop" in ex or "limit" in ex) and "price" in kw:
        # backtrader: sell(exectype=Order.Stop, price=close * 0.95) protects the long, it opens no short
        f = r.fraction(kw["price"], 0)
        if f is not None and 0 < f < 1:
            r.out.add(st.offset, f"{'stop loss' if 'stop' in ex else 'take profit'} of {_fmt(round(f * 100, 6))}%.")
        return
    if fn in ("buy_bracket", "sell_bracket"):
        for sentence in r.risk(kw, "long" if fn == "buy_bracket" else "short"):
            r.out.add(st.offset, sentence)
        _emit(r, "buy" if fn == "buy_bracket" else "short", None, st, stack)
        return
    side = _order_side(fn, args, kw)
    if side:
        if side[1]:
            r.out.gap(st.offset, "stop or limit entry order")
        role = side[0]
        if role == "sell" and (r.metatrader or fn.replace("_", "").startswith("open")) and fn not in _CALL_ROLE:
            role = "short"  # OpenSell(), open_sell_position(), a MetaTrader helper's sell: a short is opened
        _emit(r, role, None, st, stack)
        return
    marks = [v[1].strip().lower() for v in [*args, *kw.values()] if v[0] == "str"
             and v[1].strip().lower() in ("buy", "sell", "long", "short")]
    if marks and re.fullmatch(r"plot\w*|\w*text|alert\w*|label\.new|drawtext|\w*arrow\w*", fn):
        # a signal drawn on the chart, "plotText('Buy', ...)" under its condition, "plotshape(cond, text='Sell')":
        # the study's buy or sell signal
        inline = args[0] if fn.startswith(("plotshape", "plotchar", "plotarrow", "alertcondition")) and args \
            and args[0][0] != "str" else None
        _emit(r, {"buy": "buy", "long": "buy", "sell": "sell", "short": "short"}[marks[0]], inline, st, stack)
        return
    if "." not in full and fn in r.fn_arg_actions and fn != r.fn_name:
        v = r.const(args[0]) if len(args) == 1 else None
        if v is not None and v in r.fn_arg_actions[fn]:
            _emit(r, r.fn_arg_actions[fn][v], None, st, stack)
        return
    if "." not in full and fn in r.fn_actions and fn != r.fn_name:
        _emit(r, r.fn_actions[fn], None, st, stack)
        return
    role = _CALL_ROLE.get(fn)
    if role is None and _CLOSE_CALL.fullmatch(fn.replace("_", "")):
        role = "exit"  # auto_close(), CloseAllPositions(), exit_trade(): a helper that closes what is held
    if role and (full.startswith(("self.", "self.position.", "algo.", "context.", "this.", "trade.", "broker.", "api.", "client.",
                                  "exchange.", "bot.", "trader.", "account.")) or "." not in full
                 or fn in ("positionclose", "closeposition", "exitmarket")):  # an MQL5 CTrade object, a PyAlgoTrade position
        if fn == "sell" and full.startswith("self.") and not any(r.side_of(p) for f in stack if f.cond is not None
                                                                 for p in (f.cond[1] if f.cond[0] == "and" else [f.cond])):
            # backtrader/backtesting.py: a sell with no position check may open a short; with backtesting.py's
            # exclusive_orders=True it closes the long and opens the short
            # a sell right after closing the position in the same block reverses into a short
            # ("self.position.close(); self.sell()", backtesting.py's own example)
            closed = r.closed_at == (st.indent, stack[-1].stmt.offset if stack else -1)
            role = "short" if r.exclusive or closed else "sell?"
        if role == "exit" and fn == "close" and (full.endswith("position.close") or full == "self.close"):
            r.closed_at = (st.indent, stack[-1].stmt.offset if stack else -1)
        risk = r.risk(kw, "long" if role == "buy" else "short")
        _emit(r, role, None, st, stack, risk)


# an order call named for its side: ccxt create_market_buy_order, python-binance order_market_sell, a bot's
# place_buy_order, createMarketBuyOrder (underscores dropped, lower case)
_SIDE_CALL = re.compile(r"(?:create|place|submit|send|new|open|execute|auto|do|make|take|fire|request|trigger|go|enter)?"
                        r"(market|limit|stop)?(buy|sell)(market|limit|stop)?"
                        r"(?:orders?|position|trade|now|confirmation|request|percent|pct|max|all|amount|shares|qty|allopenpositions|allpositions)?"
                        r"|(?:create|place|submit|send|new)?order(market|limit|stop)(buy|sell)")
# a helper that closes the open position, named for it (auto_close, closeAllPositions, exit_trade, do_exit)
_CLOSE_CALL = re.compile(r"(?:auto|do|make|take)?(?:close|exit)(?:all)?(?:positions?|trades?|orders?|now)?")
# a function that places an order given its side: submit_order(side='buy'), ExecuteMarketOrder(TradeType.Buy, ...),
# create_order(symbol, 'market', 'sell', qty), gekko's this.advice('long'), a bot's createSignal('short')
_ORDER_FN = re.compile(r"order|trade|execute|place|submit|market|position|advice|advise|signal")
_SIDE_WORDS = {"buy": "buy", "long": "buy", "sell": "sell", "short": "short"}
# a signal object a function returns, named by its side: createSignal('long'), Signal("close"), new Advice('short')
_SIGNAL_SIDES = {**_SIDE_WORDS, "close": "exit", "exit": "exit", "flat": "exit"}
_SIGNAL_CALL = re.compile(r"(?i)signal|advice|advise|decision")


def _order_side(fn: str, args: list[Node], kw: dict[str, Node]) -> tuple[str, bool] | None:
    """(role, is a stop/limit entry) of an order call that names its side, or None.

    >>> _order_side("create_market_buy_order", [("str", "ETH/USDT")], {})
    ('buy', False)
    >>> _order_side("submit_order", [], {"side": ("str", "sell"), "qty": ("num", 1.0)})
    ('sell', False)
    >>> _order_side("executemarketorder", [("name", "TradeType.Sell")], {})
    ('short', False)
    >>> _order_side("advice", [("str", "short")], {})
    ('sell', False)
    >>> _order_side("futures_create_order", [], {"side": ("str", "SELL"), "positionSide": ("str", "SHORT")})
    ('short', False)
    >>> _order_side("auto_buy", [], {}), _order_side("OpenSellPosition".lower(), [], {})
    (('buy', False), ('sell', False))
    """
    key = fn.replace("_", "")
    m = _SIDE_CALL.fullmatch(key)
    if m and key not in ("buy", "sell", "buystop", "sellstop", "buylimit", "selllimit"):
        kind = m.group(1) or m.group(3) or m.group(4) or ""
        word = m.group(2) or m.group(5)
        return word, kind in ("limit", "stop") and word == "buy"
    if not _ORDER_FN.search(fn):
        return None
    for v in [*args, *kw.values()]:
        if v[0] == "str":
            word = v[1].strip().lower()
        elif v[0] == "name":
            word = re.split(r"[._]", v[1].lower())[-1]
        else:
            continue
        if word not in _SIDE_WORDS:
            continue
        role = _SIDE_WORDS[word]
        if fn == "advice":
            role = "buy" if role == "buy" else "sell"  # gekko trades spot: advice('short') sells what it holds
        elif v[0] == "name" and "tradetype" in v[1].lower() and role == "sell":
            role = "short"  # cTrader: a sell market order opens a short position
        held = next((x for k, x in kw.items() if k.lower().replace("_", "") == "positionside" and x[0] == "str"), None)
        if held is not None and held[1].strip().lower() == "short" and role in ("buy", "sell"):
            # a futures order in hedge mode: side='SELL', positionSide='SHORT' opens the short; a buy on it covers
            role = "short" if role == "sell" else "cover"
        return role, False
    return None


def _order_gaps(r: _Reader, full: str, fn: str, args: list[Node], kw: dict[str, Node], st: _Stmt) -> None:
    """Sizing formulas, stop/limit entry orders and trailing stops stated in an order call."""
    size = next((kw[k] for k in ("qty", "size", "quantity", "amount", "lots", "volume") if k in kw), None)
    if fn == "ordersend" and len(args) >= 3:
        size = args[2]
    if size is not None and r.const(size) is None and size[0] in ("call", "bin"):
        r.out.gap(st.offset, "position sizing rule")
    if full in ("strategy.entry", "strategy.order") and ("stop" in kw or "limit" in kw):
        r.out.gap(st.offset, "stop or limit entry order")
    if fn == "ordersend" and len(args) >= 2 and re.search(r"op_(?:buy|sell)(?:stop|limit)", " ".join(_names(args[1]))):
        r.out.gap(st.offset, "stop or limit entry order")
    if full == "strategy.exit" and any(k.startswith("trail") for k in kw):
        r.out.gap(st.offset, "trailing stop")


def _quantstrat(r: _Reader, node: Node, st: _Stmt, pending: list) -> None:
    fn = node[1][1].lower()
    kw = dict(node[3])
    args = kw.get("arguments")
    akw = dict(args[3]) if args is not None and args[0] == "call" else {}
    label = kw.get("label")
    label_s = label[1].lower() if label is not None and label[0] == "str" else ""
    name = kw.get("name")
    name_s = name[1].lower() if name is not None and name[0] == "str" else ""
    if fn == "add.indicator" and label_s:
        call = ("call", ("name", name_s), [akw.pop("x")] if "x" in akw else [], akw)
        r.b[label_s] = call
        return
    if fn == "add.signal" and label_s:
        cols = akw.get("columns")
        rel = akw.get("relationship")
        rel_s = rel[1].lower() if rel is not None and rel[0] == "str" else ""
        col = akw.get("column")
        if col is not None and col[0] == "str":
            names = [col[1]]
        elif cols is not None and cols[0] == "call" and cols[2]:
            names = [c[1] for c in cols[2] if c[0] == "str"]
        else:
            return
        ops = {"gt": ">", "lt": "<", "gte": ">=", "lte": "<=", "eq": "=="}
        if name_s == "sigcrossover" and len(names) == 2 and rel_s in ops:
            a, b = r.operand(("name", names[0])), r.operand(("name", names[1]))
            if a and b:
                r.labels[label_s] = f"{a[0]} crosses {'above' if rel_s in ('gt', 'gte') else 'below'} {b[0]}"
        elif name_s == "sigcomparison" and len(names) == 2 and rel_s in ops:
            a, b = r.operand(("name", names[0])), r.operand(("name", names[1]))
            if a and b:
                r.labels[label_s] = f"{a[0]} {ops[rel_s]} {b[0]}"
        elif name_s == "sigthreshold" and names:
            a = r.operand(("name", names[0]))
            t = r.const(akw.get("threshold"))
            cross = akw.get("cross")
            if a and t is not None and rel_s in ops:
                r.labels[label_s] = (f"{a[0]} crosses {'above' if rel_s in ('gt', 'gte') else 'below'} {_fmt(t)}"
                                     if cross == ("num", 1.0) else f"{a[0]} {ops[rel_s]} {_fmt(t)}")
        return
    if fn == "add.rule":
        typ = kw.get("type")
        typ_s = typ[1].lower() if typ is not None and typ[0] == "str" else ""
        side = akw.get("orderside")
        side_s = side[1].lower() if side is not None and side[0] == "str" else "long"
        if typ_s in ("enter", "exit"):
            role = {("enter", "long"): "buy", ("exit", "long"): "sell", ("enter", "short"): "short", ("exit", "short"): "cover"}[(typ_s, "short" if "short" in side_s else "long")]
            pending.append((role, akw, st))
