"""One rule grammar: text such as ``sma(50) crosses_above sma(200) and rsi(14) < 70`` <-> Condition objects.

    >>> from foa.spec.rule import rule
    >>> c = rule("sma(50, id=fast) crosses_above sma(200, id=slow) and rsi(14) < 70")
    >>> str(c)
    'sma(50, id=fast) crosses_above sma(200, id=slow) and rsi(14) < 70'
    >>> rule(str(c)) == c
    True

``rule`` parses into the same objects the builders make (``foa.spec.builders``); ``str()`` of any
condition or expression prints this syntax, and parsing that text gives the object back. The forms:

    conditions   a > b   a >= b   a < b   a <= b   a crosses_above b   a crosses_below b
                 c and d   c or d   not c   ( ... )   all(c, d)   any(c, d)   always
    expressions  12   0.05   -1   const(10, id=oversold)        numbers
                 close  open  high  low  volume  close(symbol=SPY)     prices
                 sma(50)  ema(20, id=fast)  bbands(20, 2).upper  macd(12, 26, 9).signal
                 sma(20, input=volume)  rsi(14, symbol="^GSPC")  sma(window=50)
                 close[1]  rsi(2)[1]                                 n bars back
                 a + b   a - b   a * 1.02   a / b   ( ... )            arithmetic

Indicator names, positional parameter order and outputs come from the indicator table
(``foa.spec.indicators``), so every indicator in it has a rule form. Errors are
SpecErrors naming the token, its position, what was expected there and the known indicator names; the
exception carries ``position``, ``token`` and ``expected`` for a caller that shows them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from foa.errors import SpecError
from foa.spec import indicators
from foa.spec import model as m

__all__ = ["RULE_OPS", "format_expr", "format_rule", "indicator_signature", "parse_expr", "rule"]

RULE_OPS = (">=", "<=", ">", "<", "crosses_above", "crosses_below")
# "a crosses above b" (two words) reads as crosses_above; printing always writes the one-word form
_CROSS_WORDS = {"above": "crosses_above", "over": "crosses_above", "below": "crosses_below", "under": "crosses_below"}
PRICE_FIELDS = ("open", "high", "low", "close", "volume")
_KEYWORDS = {"and", "or", "not", "all", "any", "always", "const", *PRICE_FIELDS, "crosses_above", "crosses_below"}
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_TOKEN = re.compile(
    r"\s*(?:(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<str>\"(?:[^\"\\]|\\.)*\"|'[^']*')"
    r"|(?P<op>>=|<=|[<>()\[\],.=+\-*/]))"
)


def indicator_signature(name: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(parameters in positional order, outputs) of an indicator in the table; None if unknown.

    >>> indicator_signature("bbands")
    (('window', 'std'), ('middle', 'upper', 'lower'))
    """
    if name not in indicators.names():
        return None
    rec = indicators.get(name)
    return rec.param_names, rec.outputs


def _known() -> str:
    # foa's own and custom names; the ~200 TA-Lib names are pointed to, not listed
    own = sorted(r.name for r in (*indicators.table(), *indicators.custom()) if r.source != "talib")
    return ", ".join(own) + " and every TA-Lib function by its lowercase name such as adx, sar, stoch (foa.indicators() lists them)"


# ------------------------------------------------------------------------------------------ printing


def _num(v: float | int) -> str:
    if isinstance(v, bool):
        return str(int(v))
    if isinstance(v, int):
        return str(v)
    v = float(v)
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def _word(s: str) -> str:
    """An id or symbol: bare when it is a plain name, else a quoted string."""
    return s if _IDENT.match(s) and s not in _KEYWORDS else json.dumps(s)


_PREC = {"+": 1, "-": 1, "*": 2, "/": 2}


def _prec(e: Any) -> int:
    return _PREC[e.op] if getattr(e, "kind", None) == "arith" else 3


def format_expr(e: Any) -> str:
    """An expression in the rule syntax (what ``str(expr)`` prints).

    >>> from foa.spec.builders import bbands
    >>> format_expr(bbands(20, 2.0, "upper", shift=1))
    'bbands(20, 2).upper[1]'
    """
    kind = e.kind
    if kind == "const":
        return f"const({_num(e.value)}, id={_word(e.id)})" if e.id is not None else _num(e.value)
    if kind == "price":
        text = f"{e.field}(symbol={_word(e.symbol)})" if e.symbol is not None else e.field
        return text + (f"[{e.shift}]" if e.shift else "")
    if kind == "arith":
        left, right = format_expr(e.left), format_expr(e.right)
        if _prec(e.left) < _PREC[e.op]:
            left = f"({left})"
        if _prec(e.right) <= _PREC[e.op]:
            right = f"({right})"
        return f"{left} {e.op} {right}"
    # indicator: parameters positional in the table's order while they run unbroken, then by name
    sig = indicator_signature(e.name)
    order = sig[0] if sig else ()
    args: list[str] = []
    positional = True
    for p in order:
        if p in e.params and positional:
            args.append(_num(e.params[p]))
        elif p in e.params:
            args.append(f"{p}={_num(e.params[p])}")
        else:
            positional = False
    args += [f"{k}={_num(v)}" for k, v in e.params.items() if k not in order]
    if e.input is not None:
        args.append(f"input={format_expr(e.input)}")
    if e.symbol is not None:
        args.append(f"symbol={_word(e.symbol)}")
    if e.id is not None:
        args.append(f"id={_word(e.id)}")
    text = f"{e.name}({', '.join(args)})"
    if e.output is not None:
        text += f".{e.output}"
    return text + (f"[{e.shift}]" if e.shift else "")


def _infix(c: Any) -> bool:
    return c.kind in ("all", "any") and len(c.of) > 1


def format_rule(c: Any) -> str:
    """A condition in the rule syntax (what ``str(condition)`` prints); ``rule()`` parses it back.

    >>> from foa.spec.builders import close, rsi, sma
    >>> format_rule((rsi(2) < 10) & (close() > sma(200)))
    'rsi(2) < 10 and close > sma(200)'
    """
    kind = c.kind
    if kind == "always":
        return "always"
    if kind == "compare":
        return f"{format_expr(c.left)} {c.op} {format_expr(c.right)}"
    if kind == "not":
        inner = format_rule(c.of)
        return f"not ({inner})" if _infix(c.of) or c.of.kind == "compare" else f"not {inner}"
    if len(c.of) == 1:
        return f"{kind}({format_rule(c.of[0])})"
    joiner = " and " if kind == "all" else " or "
    return joiner.join(f"({format_rule(x)})" if _infix(x) else format_rule(x) for x in c.of)


# ------------------------------------------------------------------------------------------- parsing


@dataclass
class _Tok:
    kind: str  # num, name, str, op, end
    text: str
    pos: int


class _Fail(Exception):
    def __init__(self, tok: _Tok, expected: list[str], note: str = ""):
        super().__init__(tok.text)
        self.tok, self.expected, self.note = tok, expected, note


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    pos = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            out.append(_Tok("end", "end of rule", pos))
            return out
        mt = _TOKEN.match(text, pos)
        if mt is None or mt.end() == pos:
            ch = text[pos]
            hint = " (quote a ticker such as \"^GSPC\" or \"CL=F\")" if ch in "^$#@&|!~" else ""
            raise _Fail(_Tok("bad", ch, pos), ["a number, a name, an operator or a parenthesis"], f"unknown character{hint}")
        kind = mt.lastgroup or "op"
        out.append(_Tok(kind, mt.group(kind), mt.start(kind)))
        pos = mt.end()


_EXPR_START = ["a number", "a price (close, open, high, low, volume)", "an indicator such as sma(50)", "const(...)", "'('"]


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.toks = _tokens(text)
        self.i = 0
        self.furthest: _Fail | None = None

    # -- helpers
    @property
    def tok(self) -> _Tok:
        return self.toks[self.i]

    def fail(self, expected: list[str], note: str = "", tok: _Tok | None = None) -> _Fail:
        return _Fail(tok or self.tok, expected, note)

    def take(self, text: str, expected: list[str] | None = None) -> _Tok:
        t = self.tok
        if t.kind not in ("op", "name") or t.text != text:
            raise self.fail(expected or [repr(text)])
        self.i += 1
        return t

    def at(self, *texts: str) -> bool:
        return self.tok.kind in ("op", "name") and self.tok.text in texts

    def end(self, expected: list[str]) -> None:
        if self.tok.kind != "end":
            raise self.fail(expected)

    # -- conditions
    def cond(self) -> Any:
        parts = [self.and_cond()]
        while self.at("or"):
            self.i += 1
            parts.append(self.and_cond())
        return parts[0] if len(parts) == 1 else m.AnyCondition(of=parts)

    def and_cond(self) -> Any:
        parts = [self.not_cond()]
        while self.at("and"):
            self.i += 1
            parts.append(self.not_cond())
        return parts[0] if len(parts) == 1 else m.AllCondition(of=parts)

    def not_cond(self) -> Any:
        if self.at("not"):
            self.i += 1
            return m.NotCondition(of=self.not_cond())
        return self.atom_cond()

    def atom_cond(self) -> Any:
        t = self.tok
        if t.kind == "name" and t.text == "always":
            self.i += 1
            return m.AlwaysCondition()
        if t.kind == "name" and t.text in ("all", "any") and self.toks[self.i + 1].text == "(":
            self.i += 2
            parts = [self.cond()]
            while self.at(","):
                self.i += 1
                parts.append(self.cond())
            self.take(")", ["',' and another condition", "')'"])
            return (m.AllCondition if t.text == "all" else m.AnyCondition)(of=parts)
        if self.at("("):
            # '(' opens either a parenthesised condition or an expression ((close - sma(20)) / atr(14) > 1):
            # try the comparison first, then the condition, and report whichever got further
            start = self.i
            try:
                return self.compare()
            except _Fail as first:
                self.i = start + 1
                try:
                    inner = self.cond()
                    self.take(")", ["'and'", "'or'", "')'"])
                    return inner
                except _Fail as second:
                    raise first if first.tok.pos > second.tok.pos else second from None
        return self.compare()

    def compare(self) -> Any:
        left = self.expr()
        t = self.tok
        nxt = self.toks[self.i + 1] if self.i + 1 < len(self.toks) else None
        if t.kind == "name" and t.text == "crosses" and nxt is not None and nxt.text in _CROSS_WORDS:
            # "crosses above" as people write it is the operator crosses_above
            self.i += 2
            right = self.expr()
            return m.CompareCondition(left=left, op=_CROSS_WORDS[nxt.text], right=right)
        if not (t.kind in ("op", "name") and t.text in RULE_OPS):
            ops = ["a comparison (" + " ".join(RULE_OPS) + ")"]
            note = ""
            if t.text in ("=", "!") or (t.text == "crosses" or t.text.startswith("cross")):
                note = "write '>', '<', '>=', '<=', 'crosses_above' or 'crosses_below'"
            if t.kind == "op" and t.text in "+-*/":
                ops.append("an arithmetic operator")
            raise self.fail(ops + (["'.' and an output", "'[' and bars back"] if t.text in ".[" else []), note)
        self.i += 1
        right = self.expr()
        return m.CompareCondition(left=left, op=t.text, right=right)

    # -- expressions
    def expr(self) -> Any:
        left = self.term()
        while self.at("+", "-"):
            op = self.tok.text
            self.i += 1
            left = m.ArithExpr(op=op, left=left, right=self.term())
        return left

    def term(self) -> Any:
        left = self.factor()
        while self.at("*", "/"):
            op = self.tok.text
            self.i += 1
            left = m.ArithExpr(op=op, left=left, right=self.factor())
        return left

    def number(self, expected: str = "a number") -> float | int:
        neg = False
        if self.at("-"):
            neg = True
            self.i += 1
        t = self.tok
        if t.kind != "num":
            raise self.fail([expected])
        self.i += 1
        v: float | int = float(t.text) if any(ch in t.text for ch in ".eE") else int(t.text)
        return -v if neg else v

    def factor(self) -> Any:
        t = self.tok
        if t.kind == "num" or (t.text == "-" and self.toks[self.i + 1].kind == "num"):
            return m.ConstExpr(value=float(self.number()))
        if self.at("("):
            self.i += 1
            inner = self.expr()
            self.take(")", ["an arithmetic operator", "')'"])
            return self.postfix(inner)
        if t.kind != "name":
            raise self.fail(_EXPR_START)
        if t.text == "const":
            return self.const()
        if t.text in PRICE_FIELDS:
            return self.postfix(self.price())
        if indicator_signature(t.text) is not None:
            return self.postfix(self.indicator())
        if t.text in _KEYWORDS:
            raise self.fail(_EXPR_START, f"'{t.text}' cannot start an expression")
        if t.text.lower() != t.text and (t.text.lower() in PRICE_FIELDS or indicator_signature(t.text.lower()) is not None):
            raise self.fail(_EXPR_START, f"unknown name '{t.text}'; did you mean '{t.text.lower()}'? (names are lower case)")
        raise self.fail(_EXPR_START, f"unknown name '{t.text}'")

    def value_word(self, what: str) -> str:
        t = self.tok
        if t.kind == "name":
            self.i += 1
            return t.text
        if t.kind == "str":
            self.i += 1
            return json.loads(t.text) if t.text.startswith('"') else t.text[1:-1]
        raise self.fail([f"{what}: a name or a quoted string"])

    def const(self) -> Any:
        self.i += 1
        self.take("(", ["'(' after const"])
        value = self.number()
        ident = None
        if self.at(","):
            self.i += 1
            self.take("id", ["id=..."])
            self.take("=", ["'='"])
            ident = self.value_word("an id")
        self.take(")", ["', id=...'", "')'"])
        return m.ConstExpr(value=float(value), id=ident)

    def price(self) -> Any:
        field = self.tok.text
        self.i += 1
        symbol, shift = None, 0
        if self.at("("):
            self.i += 1
            while not self.at(")"):
                key = self.tok
                if key.kind != "name" or key.text not in ("symbol", "shift"):
                    raise self.fail(["symbol=...", "shift=...", "')'"])
                self.i += 1
                self.take("=", ["'='"])
                if key.text == "symbol":
                    symbol = self.value_word("a ticker")
                else:
                    shift = self.bars()
                if not self.at(")"):
                    self.take(",", ["','", "')'"])
            self.i += 1
        return m.PriceExpr(field=field, symbol=symbol, shift=shift)

    def bars(self) -> int:
        t = self.tok
        v = self.number("a whole number of bars")
        if not isinstance(v, int) or v < 0:
            raise self.fail(["a whole number of bars >= 0"], tok=t)
        return v

    def indicator(self) -> Any:
        name_tok = self.tok
        name = name_tok.text
        order, outputs = indicator_signature(name) or ((), ())
        self.i += 1
        self.take("(", [f"'(' after {name}"])
        params: dict[str, Any] = {}
        kw: dict[str, Any] = {"input": None, "symbol": None, "id": None, "output": None, "shift": 0}
        names = [*order, "input", "symbol", "id", "output", "shift"]
        # foa's own indicators also take TA-Lib's parameter names (sma(timeperiod=50)); the model maps them
        talib_names = dict(indicators.get(name).param_aliases) if order else {}
        n_pos = 0
        keyword_seen = False
        while not self.at(")"):
            t = self.tok
            if t.kind == "name" and self.toks[self.i + 1].text == "=":
                keyword_seen = True
                self.i += 2
                if t.text in order:
                    params[t.text] = self.param(t.text)
                elif t.text in talib_names or (t.text == "matype" and name == "bbands"):
                    params[t.text] = self.param(talib_names.get(t.text, t.text))
                elif t.text == "input":
                    kw["input"] = self.expr()
                elif t.text in ("symbol", "id"):
                    kw[t.text] = self.value_word("a ticker" if t.text == "symbol" else "an id")
                elif t.text == "output":
                    kw["output"] = self.output(name, outputs)
                elif t.text == "shift":
                    kw["shift"] = self.bars()
                else:
                    raise self.fail([f"one of {', '.join(names)}"], f"{name} has no argument '{t.text}'", tok=t)
            else:
                if keyword_seen:
                    raise self.fail(["name=value (positional arguments come first)"])
                if n_pos >= len(order):
                    raise self.fail(["')'"], f"{name} takes {len(order)} positional parameter(s): {', '.join(order)}")
                params[order[n_pos]] = self.param(order[n_pos])
                n_pos += 1
            if not self.at(")"):
                self.take(",", ["','", "')'"])
        self.i += 1
        return m.IndicatorExpr(name=name, params=params, **kw)

    def param(self, key: str) -> float | int:
        v = self.number(f"a number for {key}")
        if key in indicators.window_params():
            return int(v) if float(v).is_integer() else v
        return float(v)

    def output(self, name: str, outputs: tuple[str, ...]) -> str:
        t = self.tok
        if t.kind != "name" or t.text not in outputs:
            raise self.fail([f"an output of {name}: {', '.join(outputs)}"] if outputs else [],
                            f"{name} has {'outputs ' + ', '.join(outputs) if len(outputs) > 1 else 'one output'}")
        self.i += 1
        return t.text

    def postfix(self, e: Any) -> Any:
        while self.at(".", "["):
            if self.tok.text == ".":
                self.i += 1
                if getattr(e, "kind", None) != "indicator":
                    raise self.fail([], "only an indicator has outputs (bbands(20, 2).upper)", tok=self.toks[self.i - 1])
                e = e.model_copy(update={"output": self.output(e.name, (indicator_signature(e.name) or ((), ()))[1])})
            else:
                self.i += 1
                if getattr(e, "kind", None) not in ("indicator", "price"):
                    raise self.fail([], "only a price or an indicator can look back ('close[1]', 'rsi(2)[1]')",
                                    tok=self.toks[self.i - 1])
                n = self.bars()
                self.take("]", ["']'"])
                e = e.model_copy(update={"shift": e.shift + n})
        return e


def _error(text: str, err: _Fail, what: str) -> SpecError:
    tok = err.tok
    shown = "the end of the rule" if tok.kind == "end" else f"'{tok.text}'"
    alts = list(err.expected)
    expected = ", ".join(alts[:-1]) + " or " + alts[-1] if len(alts) > 1 else "".join(alts)
    msg = f"{what} {text!r}: unexpected {shown} at position {tok.pos}"
    if err.note:
        msg += f" ({err.note})"
    if expected:
        msg += f"; expected {expected}"
    msg += f"\n    {text}\n    {' ' * tok.pos}^\nIndicators: {_known()}. Example: sma(50) crosses_above sma(200) and rsi(14) < 70"
    out = SpecError(msg)
    out.position, out.token, out.expected = tok.pos, tok.text, list(err.expected)  # type: ignore[attr-defined]
    return out


def _run(text: Any, what: str, top: str) -> Any:
    from pydantic import ValidationError

    if not isinstance(text, str):
        raise SpecError(f"a {what} is text such as 'sma(50) crosses_above sma(200)', got {type(text).__name__}")
    try:
        p = _Parser(text)
        if p.tok.kind == "end":
            raise p.fail(["a condition such as sma(50) crosses_above sma(200)" if top == "cond" else _EXPR_START[0]],
                         f"the {what} is empty")
        result = p.cond() if top == "cond" else p.expr()
        p.end(["'and'", "'or'", "a comparison"] if top == "cond" else ["an arithmetic operator", "the end"])
        return result
    except _Fail as err:
        raise _error(text, err, what) from None
    except ValidationError as err:  # a value the model rejects (e.g. a negative shift)
        first = err.errors()[0]
        raise SpecError(f"{what} {text!r}: {first.get('msg')} at {'.'.join(map(str, first.get('loc', ())))}") from err


def rule(text: str) -> Any:
    """Parse a rule (a condition) into Condition objects; raises SpecError pointing at the bad token.

    >>> from foa.spec.builders import close, highest
    >>> rule("close > highest(20)") == (close() > highest(20))
    True
    >>> str(rule("rsi(2) < 10 and close > sma(200)"))
    'rsi(2) < 10 and close > sma(200)'
    """
    return _run(text, "rule", "cond")


def parse_expr(text: str) -> Any:
    """Parse an expression (a ranking's ``by``, a side of a comparison): ``parse_expr("roc(12)")``.

    >>> parse_expr("roc(12, id=lookback)").params
    {'window': 12}
    """
    return _run(text, "expression", "expr")
