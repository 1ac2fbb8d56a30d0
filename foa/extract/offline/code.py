"""Variables in strategy code: Pine Script, AmiBroker AFL, backtrader/Quantopian Python, config files.

Code names a value once and uses the name afterwards (``fastLen = input.int(9)``, ``fast = ta.ema(close,
fastLen)``, ``if ta.crossover(fast, slow)``). ``CodeVars`` learns such assignments clause by clause and
writes the values back into later clauses, so the ordinary grammar reads ``ta.crossover(ema(close, 9),
ema(close, 21))``. Only numbers and indicator calls are learned: a variable holding a condition
(``Buy = Cross(...)``) is the rule itself and stays as written.

>>> v = CodeVars()
>>> v.read("fastlen = input.int(9, \\"fast\\")")
'fastlen = input.int(9, "fast")'
>>> v.read("fast = ta.ema(close, fastlen)")
'fast = ta.ema(close, 9)'
>>> v.read("if ta.crossover(fast, close)")
'if ta.crossover(ema(close, 9), close)'
"""

from __future__ import annotations

import re

__all__ = ["CodeVars", "ConfigNames"]

_NUM = r"(\d+(?:\.\d+)?)"
# name = value, with an optional declaration keyword; not ==, <=, >=
_ASSIGN = re.compile(r"^\W*(?:(?:var|let|const|float|int|series|input|double|bool|string|extern|static|auto)\s+)*((?:[a-z_]\w*\.)*[a-z_]\w*)\s*:?=(?!=)\s*(.+?)\s*;?\s*(?://.*|#.*)?$")
# keyword arguments and dict entries: dict(fast=10, slow=30), params = (('period', 20),)
# (not a setting named by its role in prose: "fast EMA = 12, slow EMA = 26" names two averages, no variable "ema")
_KWARG = re.compile(rf"(?<![\w.])(?<!fast )(?<!slow )(?<!short )(?<!long )(?<!signal )([a-z_]\w*)\s*=\s*{_NUM}(?![\w.]|\s*[-+*/])|\(\s*['\"]([a-z_]\w*)['\"]\s*,\s*{_NUM}\s*\)")
# a literal or an input/param call whose first number is the default: input.int(9, "fast"), Param("n", 20, 1, 50)
# (a default written as arithmetic of numbers, "Param("n", 21-20, 2, 200)", "len = 10*2", is its value; one
# that goes on with a name, "n = 2 * atr", has no number of its own)
_NUMERIC = re.compile(rf"^(?:[a-z_.]*(?:input|param|optimi[sz]e)[\w.]*\s*\(\s*(?:['\"][^'\"]*['\"]\s*,\s*)?(?:defval\s*=\s*)?)?"
                      rf"({_NUM[1:-1]}(?:\s*[-+*/]\s*{_NUM[1:-1]})*)(?![\w.]|\s*[-+*/]\s*[a-z_(])")
_ARITH_TERM = re.compile(r"\s*([-+*/]?)\s*(\d+(?:\.\d+)?)")
# a price source input: src = input(close), input.source(hl2, "Source"): the name is the price
_SOURCE = re.compile(r"^[a-z_.]*input[\w.]*\s*\(\s*(?:defval\s*=\s*)?(close|open|high|low|hl2|hlc3|ohlc4)\b")
# an input's own settings are not variables of the strategy
_INPUT_KWARGS = frozenset("minval maxval step defval title group tooltip inline confirm options type".split())
# an indicator call in any platform's spelling: ta.ema(close, 9), bt.ind.SMA(period=10), MA(C, 20), talib.RSI(c, 14)
_CALL = re.compile(
    r"\b(sma|ema|wma|ma|mov|rsi|atr|roc|mom|highest|lowest|hhv|llv|simplemovingaverage|exponentialmovingaverage)\s*\(\s*(?:[a-z_][\w.\[\]]*\s*,\s*)?"
    rf"(?:(?:period|length|timeperiod|window|n|len|lookback)\s*=\s*)?{_NUM}\s*(?:,\s*[a-z]\w*\s*)?\)"
)
_CANON = {"sma": "sma(close, {n})", "ema": "ema(close, {n})", "wma": "wma({n})", "ma": "ma(close, {n})",
          "mov": "ma(close, {n})", "rsi": "rsi({n})", "atr": "atr({n})", "roc": "roc({n})", "mom": "roc({n})",
          "highest": "highest({n})", "lowest": "lowest({n})", "hhv": "highest({n})", "llv": "lowest({n})",
          "simplemovingaverage": "sma(close, {n})", "exponentialmovingaverage": "ema(close, {n})"}
# MetaTrader handles: iMA(sym, PERIOD_D1, 20, 0, MODE_EMA, PRICE_CLOSE), iRSI(sym, tf, 9, PRICE_CLOSE)
_MQL_CALL = re.compile(rf"\bi(ma|rsi|atr|momentum)\s*\(\s*[\w.]+\s*,\s*[\w.]+\s*,\s*{_NUM}(?:\s*,\s*\d+\s*,\s*mode_(sma|ema|smma|lwma))?")
_MQL_CANON = {"sma": "sma(close, {n})", "ema": "ema(close, {n})", "rsi": "rsi({n})", "atr": "atr({n})", "momentum": "roc({n})"}
# MetaTrader handles of the indicator table's TA-Lib rows, written back in words the mention grammar reads
# ("%k(5, 3, 3)", "+di(14)", "cci(20)"): iStochastic(sym, tf, k, d, slowing, method, price, mode, shift),
# iADX(sym, tf, period, price, mode, shift), iCCI/iMFI/iWPR(sym, tf, period, ...), iSAR(sym, tf, step, max, shift)
_MQL_TABLE = re.compile(r"\bi(stochastic|adx|cci|mfi|wpr|sar|obv)\s*\(\s*[\w.()]+\s*,\s*[\w.]+\s*,\s*([^;]*)\)")
_MQL_MODE = {"mode_main": "", "mode_signal": "signal", "mode_plusdi": "plus", "mode_minusdi": "minus"}


def _mql_table(fn: str, args: str) -> str | None:
    nums = re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])", args)
    mode = next((_MQL_MODE[m] for m in re.findall(r"\bmode_(?:main|signal|plusdi|minusdi)\b", args)), "")
    if fn == "stochastic" and len(nums) >= 3:
        return f"{'%d' if mode == 'signal' else '%k'}({nums[0]}, {nums[1]}, {nums[2]})"
    if fn == "adx" and nums:
        return f"{ {'plus': '+di', 'minus': '-di'}.get(mode, 'adx') }({nums[0]})"
    if fn == "sar" and len(nums) >= 2:
        return f"sar({nums[0]}, {nums[1]})"
    if fn == "obv":
        return "obv"
    if fn in ("cci", "mfi", "wpr") and nums:
        return f"{ {'wpr': 'w%r'}.get(fn, fn) }({nums[0]})"
    return None


# CopyBuffer(handle, 0, 0, 3, array): the array holds the handle's values; NormalizeDouble(array[0], 2) one of them
_COPY = re.compile(r"\bcopybuffer\s*\(\s*([a-z_]\w*)\s*,\s*\d+\s*,\s*\d+\s*,\s*\d+\s*,\s*([a-z_]\w*)\s*\)")
_WRAPPED = re.compile(r"^(?:normalizedouble|mathabs|double)\s*\(\s*")
# crossover indicators hold their two operands (backtrader's CrossOver(a, b) > 0 is the cross up)
_CROSS_IND = re.compile(r"\bcross(?:over|under)?\s*\(")
_CMP_CODE = re.compile(r"\bcross(?:over|under)?\s*\(|[<>]")
# a line's relative distance from another: "(ema(10) - ema(30)) / ema(30)", "ema(10) / ema(30)"
_CALL_OPND = r"(?:[a-z_][\w.]*\s*\([^()]*\)|close|c)"
_REL_EXPR = re.compile(rf"\(\s*{_CALL_OPND}\s*-\s*({_CALL_OPND})\s*\)\s*/\s*\1|{_CALL_OPND}\s*/\s*{_CALL_OPND}")
_CODE_LIKE = re.compile(r"[(){};=<>]|\w\.\w")
# "if longCond", "if (goLong):", "when buySignal then": a bare condition variable tested on a line of its own
_IF_NAME = re.compile(r"^\W*(?:if|when|while|elif|else\s+if)\s*\(?\s*[a-z_]\w*\s*\)?\s*:?\s*(?:then|\{)?\s*$")
# names that are actions or prices, never stored as values
_SETTING = re.compile(r"stop|profit|target|loss|trail|fee|commission|slippage|cash|capital|size")
_RESERVED = frozenset("buy sell short cover exit entry long close open high low price signal c o h l v".split())


def _arith(text: str) -> str | None:
    """The value of numbers joined by + - * / ("21-20" -> "1", "10*2" -> "20", "14" -> "14"); None on a division by zero.

    >>> _arith("21-20"), _arith("10 * 2 + 1"), _arith("0.5")
    ('1', '21', '0.5')
    """
    terms = [(op or "+", float(n)) for op, n in _ARITH_TERM.findall(text)]
    if len(terms) == 1:
        return text.strip()
    sums: list[float] = []
    for op, v in terms:  # products first, then the sum
        if op in "*/" and sums:
            if op == "/" and v == 0:
                return None
            sums[-1] = sums[-1] * v if op == "*" else sums[-1] / v
        else:
            sums.append(-v if op == "-" else v)
    total = sum(sums)
    return str(int(total)) if float(total).is_integer() else f"{total:g}"


class CodeVars:
    """Learns numeric and indicator variables and substitutes them into later clauses."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.defined = False  # whether the last clause read assigned an indicator or a cross to a name

    def read(self, norm: str) -> str:
        """Substitute known variables into a normalised clause, then learn what it assigns."""
        m = _ASSIGN.match(norm)
        self.defined = False
        if m:
            head, rhs = norm[: m.start(2)], norm[m.start(2):]
            out = head + self._sub(rhs)
            self._learn(m.group(1), self._sub(m.group(2)))
        else:
            out = self._sub(norm)
        for cb in _COPY.finditer(norm):
            if cb.group(1) in self.values:
                self.values[cb.group(2)] = self.values[cb.group(1)]
        for k in _KWARG.finditer(norm):
            name, val = (k.group(1), k.group(2)) if k.group(1) else (k.group(3), k.group(4))
            if name not in _INPUT_KWARGS:
                self._store(name, val)
        return out

    def _store(self, name: str, value: str, *, single_ok: bool = False) -> bool:
        short = name.rsplit(".", 1)[-1]
        # risk and cost settings (stop_loss=0.02) are read by the risk grammar where they stand;
        # one-letter names only for indicators ("f = ta.ema(close, 12)"), never for plain numbers
        if short not in _RESERVED and (len(short) > 1 or single_ok) and not _SETTING.search(short):
            self.values[short] = value
            return True
        return False

    def _learn(self, name: str, rhs: str) -> None:
        table = _MQL_TABLE.match(rhs)
        if table and (text := _mql_table(table.group(1), table.group(2))):
            self.defined = self._store(name, text, single_ok=True)
            return
        mql = _MQL_CALL.match(rhs)
        if mql:
            kind = mql.group(1) if mql.group(1) != "ma" else {"ema": "ema"}.get(mql.group(3) or "", "sma")
            self.defined = self._store(name, _MQL_CANON[kind].format(n=mql.group(2)), single_ok=True)
            return
        rhs = _WRAPPED.sub("", rhs)  # "normalizedouble(rsi(14)[0], 2)": the value inside
        src = _SOURCE.match(rhs)
        if src:
            self._store(name, "close" if src.group(1) not in ("open", "high", "low") else src.group(1))
            return
        if _REL_EXPR.fullmatch(rhs):
            # "trig := (mov(c,10,e) - mov(c,30,e)) / mov(c,30,e)": a line's distance from another, compared later
            self._store(name, rhs)
            return
        num = _NUMERIC.match(rhs)
        if num:
            value = _arith(num.group(1))
            if value is not None:
                self._store(name, value)
            return
        call = _CALL.search(rhs)
        if call and re.sub(r"^(?:[a-z_]\w*\.)+", "", rhs[: call.start()]) == "":  # bt.indicators.SimpleMovingAverage(...)
            call_at = 0
        else:
            call_at = call.start() if call else 99
        if call and call_at < 12:
            n = call.group(2)
            self.defined = self._store(name, _CANON[call.group(1)].format(n=n), single_ok=True)
            return
        if _CROSS_IND.match(re.sub(r"^(?:[a-z_]\w*\.)+", "", rhs)):
            self.defined = self._store(name, rhs)  # "Buy = Cross(...)" is the rule itself

    def _sub(self, text: str) -> str:
        if not self.values or not (_CODE_LIKE.search(text) or _IF_NAME.match(text)):
            return text  # prose keeps its words: "the lookback window" is not a variable
        # a one-letter name is read only as an argument of a cross or beside a comparison: "ta.crossover(f, s)"
        known = [v for v in self.values if len(v) > 1 or _CMP_CODE.search(text)]
        if not known:
            return text
        names = "|".join(sorted(map(re.escape, known), key=len, reverse=True))
        # self.p.fast, context.lookback, fastLen: dotted prefixes name the same variable
        rx = re.compile(rf"(?<![\w.\"'])(?:[a-z_]\w*\.)*({names})\b(?!\s*\()(?![\"'])")

        def value(m: re.Match) -> str:
            # never a keyword argument's own name: "f(x, timeperiod=40)" after "timeperiod=17" was learnt
            if re.match(r"\s*=(?!=)", text[m.end():]) and re.search(r"[(,]\s*$", text[:m.start()]):
                return m.group(0)
            return self.values[m.group(1)]

        return rx.sub(value, text)


# a config key naming a look-back: "entry_lookback: 55", "exit-period = 20", "\"slow_window\": 100"
_CFG_LEN = re.compile(r"^\W*([a-z]+)[_-](lookback|period|length|window)[\"']?\s*[:=]\s*(\d+)\b", re.M)


class ConfigNames:
    """Prose that refers to a config key by name: "the highest high of the entry lookback" with
    ``entry_lookback: 55`` elsewhere in the document reads as "the highest high of the 55-bar lookback".

    >>> ConfigNames(["entry_lookback: 55"]).sub("breaks above the highest high of the entry lookback")
    'breaks above the highest high of the 55-bar lookback'
    """

    def __init__(self, norms: list[str]) -> None:
        self.values: dict[tuple[str, str], str] = {}
        for n in norms:
            for m in _CFG_LEN.finditer(n):
                self.values.setdefault((m.group(1), m.group(2)), m.group(3))
        names = "|".join(sorted({re.escape(a) for a, _ in self.values}, key=len, reverse=True))
        self._rx = re.compile(rf"\bthe\s+({names})\s+(lookback|period|length|window)\b") if self.values else None

    def sub(self, norm: str) -> str:
        if self._rx is None:
            return norm
        return self._rx.sub(lambda m: f"the {self.values[(m.group(1), m.group(2))]}-bar {m.group(2)}"
                            if (m.group(1), m.group(2)) in self.values else m.group(0), norm)
