"""Expressions of strategy code as a small tree: a tokenizer and a recursive-descent parser.

The code reader (``code_read``) reads platform code (Pine Script, EasyLanguage, AFL, thinkScript, MQL,
Python frameworks, R quantstrat) as text: this module turns one expression into nested tuples and never
runs anything. Nodes:

    ("num", 14.0)  ("str", "long")  ("name", "self.p.fast")  ("call", name, [args], {kwargs})
    ("index", node, node)  ("bin", "+", a, b)  ("neg", a)  ("cmp", "<", a, b)
    ("cross", "above" | "below", a, b)  ("cmp", "in" | "not in", a, b)  ("and", [..])  ("or", [..])  ("not", a)  ("seq", [..])  ("lambda", body)

A subscript with a string key names a column (``dataframe['rsi']`` is ``("name", "dataframe.rsi")``);
``crosses over`` / ``crosses below`` written between two operands (EasyLanguage, thinkScript) is a cross;
Python's conditional expression ``a if cond else b`` is the call ``ifexp(cond, a, b)``.

>>> parse("ta.crossover(fast, slow) and rsi[1] < 30")[0]
'and'
>>> parse("dataframe['rsi'] < 30")
('cmp', '<', ('name', 'dataframe.rsi'), ('num', 30.0))
>>> parse("Average(Close, 10) crosses over Average(Close, 30)")[:2]
('cross', 'above')
>>> parse("1 if fast > slow else -1")[1:3]
(('name', 'ifexp'), [('cmp', '>', ('name', 'fast'), ('name', 'slow')), ('num', 1.0), ('num', -1.0)])
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["Node", "parse", "tokens"]

Node = Any  # nested tuples, see the module docstring

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+\.\d*|\.\d+|\d+)(?:e[-+]?\d+)?(?:[mfdMFD](?![\w]))?(?![\w])|(?P<str>(?<![\w$])[rRfFbBuU]{0,2}(?:\"[^\"]*\"|'[^']*'))"
    r"|(?P<name>[A-Za-z_$@][\w$]*)|(?P<op>===|!==|<=|>=|==|!=|<>|:=|&&|\|\||\*\*|->|=>|[-+*/%<>=!&|^~()\[\]{},.:;?]))"
)
_CMP = {"<": "<", ">": ">", "<=": "<=", ">=": ">=", "==": "==", "=": "==", "!=": "!=", "<>": "!=", "===": "==", "!==": "!="}
_CROSS_WORDS = {"over": "above", "above": "above", "up": "above", "under": "below", "below": "below", "down": "below"}


def tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) tokens of an expression; names keep their case, numbers are strings (a C# literal's type
    suffix, ``30m``, ``0.5f``, is dropped).

    >>> tokens("rsi(14) <= 30")
    [('name', 'rsi'), ('op', '('), ('num', '14'), ('op', ')'), ('op', '<='), ('num', '30')]
    >>> tokens("x < 0.5m")
    [('name', 'x'), ('op', '<'), ('num', '0.5')]
    """
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            if text[pos:].strip() == "":
                break
            pos += 1  # an unknown character (a unicode symbol, a backslash) is skipped
            continue
        kind = m.lastgroup or "op"
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, toks: list[tuple[str, str]]) -> None:
        self.t = toks
        self.i = 0

    def peek(self, k: int = 0) -> tuple[str, str]:
        j = self.i + k
        return self.t[j] if j < len(self.t) else ("end", "")

    def word(self, k: int = 0) -> str:
        kind, val = self.peek(k)
        return val.lower() if kind == "name" else ""

    def take(self, val: str) -> bool:
        kind, v = self.peek()
        if kind in ("op", "name") and v.lower() == val:
            self.i += 1
            return True
        return False

    def expect(self, val: str) -> None:
        if not self.take(val):
            raise ValueError(f"expected {val!r} at token {self.i}")

    # conditional < or < and < not < comparison/cross < additive < multiplicative < unary < postfix < atom
    def expr(self) -> Node:
        node = self.or_()
        if self.word() == "if" and self.i > 0:
            # Python's conditional expression "a if cond else b": read as the call ifexp(cond, a, b)
            self.i += 1
            cond = self.or_()
            self.expect("else")
            return ("call", ("name", "ifexp"), [cond, node, self.expr()], {})
        return node

    def or_(self) -> Node:
        items = [self.and_()]
        while self.take("or") or self.take("||") or self.take("|"):
            items.append(self.and_())
        return items[0] if len(items) == 1 else ("or", items)

    def and_(self) -> Node:
        items = [self.not_()]
        while self.take("and") or self.take("&&") or self.take("&"):
            items.append(self.not_())
        return items[0] if len(items) == 1 else ("and", items)

    def not_(self) -> Node:
        if self.take("not") or self.take("!") or self.take("~"):
            return ("not", self.not_())
        return self.compare()

    def compare(self) -> Node:
        left = self.additive()
        while True:
            kind, v = self.peek()
            if kind == "op" and v in _CMP:
                self.i += 1
                left = ("cmp", _CMP[v], left, self.additive())
                continue
            w = self.word()
            if w == "in" or w == "not" and self.word(1) == "in":
                # Python's membership test: "stock in context.portfolio.positions", "s not in open_orders"
                self.i += 1 if w == "in" else 2
                left = ("cmp", "in" if w == "in" else "not in", left, self.additive())
                continue
            if w in ("crosses", "cross", "crossed") and self.word(1) in _CROSS_WORDS:
                side = _CROSS_WORDS[self.word(1)]
                self.i += 2
                left = ("cross", side, left, self.additive())
                continue
            if w == "is" and self.word(1) not in ("above", "below", "greater", "less"):
                # Python: x is None, x is not None
                self.i += 1
                op = "!=" if self.take("not") else "=="
                left = ("cmp", op, left, self.additive())
                continue
            if w == "is" and self.word(1) in ("above", "below", "greater", "less"):
                op = ">" if self.word(1) in ("above", "greater") else "<"
                self.i += 2
                self.take("than")
                left = ("cmp", op, left, self.additive())
                continue
            return left

    def additive(self) -> Node:
        left = self.term()
        while True:
            kind, v = self.peek()
            if kind == "op" and v in ("+", "-"):
                self.i += 1
                left = ("bin", v, left, self.term())
            else:
                return left

    def term(self) -> Node:
        left = self.unary()
        while True:
            kind, v = self.peek()
            if kind == "op" and v in ("*", "/", "%", "**", "^"):
                self.i += 1
                left = ("bin", v, left, self.unary())
            else:
                return left

    def unary(self) -> Node:
        if self.take("-"):
            inner = self.unary()
            return ("num", -inner[1]) if inner[0] == "num" else ("neg", inner)
        if self.take("+"):
            return self.unary()
        return self.postfix()

    def postfix(self) -> Node:
        node = self.atom()
        while True:
            if self.take("("):
                args, kwargs = self.arguments(")")
                node = ("call", node, args, kwargs)
            elif self.take("["):
                if self.take("]"):
                    continue
                inner = self.slice_()
                self.expect("]")
                node = ("name", f"{node[1]}.{inner[1].lower()}") if inner[0] == "str" and node[0] == "name" else ("index", node, inner)
            elif self.peek() == ("op", ".") and self.peek(1)[0] == "name":
                self.i += 2
                attr = self.peek(-1)[1]
                if node[0] == "name":
                    node = ("name", f"{node[1]}.{attr}")
                elif attr.lower() in ("iloc", "iat", "values", "array") and self.peek() != ("op", "("):
                    continue  # close.rolling(50).mean().iloc[-1]: the same series, indexed next
                elif self.take("("):  # a method of a computed value: x.rolling(20).mean()
                    args, kwargs = self.arguments(")")
                    node = ("call", ("name", "." + attr), [node, *args], kwargs)
                else:
                    node = ("attr", node, attr.lower())
            else:
                return node

    def slice_(self) -> Node:
        # "x[-50:]", "x[:, 0]", "df.loc[cond, 'col']": the first element; a slice keeps its bounds
        start = None if self.peek() == ("op", ":") else self.expr()
        if self.take(":"):
            stop = None if self.peek() in (("op", "]"), ("op", ",")) else self.expr()
            while self.take(","):  # numpy rows then columns: candles[-3:, 4] keeps the row slice
                if not self.take(":"):
                    self.expr()
            return ("slice", start, stop)
        if self.take(","):
            rest = [start, self.expr()]
            while self.take(","):
                rest.append(self.expr())
            return ("seq", rest)
        return start

    def arguments(self, close: str) -> tuple[list[Node], dict[str, Node]]:
        args: list[Node] = []
        kwargs: dict[str, Node] = {}
        while not self.take(close):
            if self.peek()[0] == "end":
                raise ValueError("unclosed call")
            if self.peek()[0] == "name" and self.peek(1) in (("op", "="), ("op", ":=")) and self.peek(2) != ("op", "="):
                key = self.peek()[1].lower()
                self.i += 2
                kwargs[key] = self.expr()
            else:
                args.append(self.expr())
            if not self.take(","):
                self.expect(close)
                break
        return args, kwargs

    def atom(self) -> Node:
        kind, v = self.peek()
        self.i += 1
        if kind == "num":
            return ("num", float(v))
        if kind == "str":
            return ("str", v[v.index(v[-1]) + 1:-1])  # f'ema{n}', r"x": the text inside the quotes
        if kind == "name":
            if v.lower() == "lambda":
                # Python's lambda x, y: x & y (freqtrade's reduce over a list of conditions): its body
                while self.peek() != ("op", ":"):
                    if self.peek()[0] == "end":
                        raise ValueError("unfinished lambda")
                    self.i += 1
                self.i += 1
                return ("lambda", self.expr())
            if v.lower() in ("true", "false"):
                return ("num", 1.0 if v.lower() == "true" else 0.0)
            return ("name", v)
        if kind == "op" and v in ("(", "["):
            items, _ = self.arguments(")" if v == "(" else "]")
            return items[0] if len(items) == 1 and v == "(" else ("seq", items)
        if kind == "op" and v == "{":
            # a dict literal {"fast": 10, "slow": 30}: read as dict(fast=10, slow=30)
            pairs: dict[str, Node] = {}
            while not self.take("}"):
                key = self.expr()
                self.expect(":")
                val = self.expr()
                if key[0] in ("str", "name"):
                    pairs[str(key[1]).lower()] = val
                if not self.take(","):
                    self.expect("}")
                    break
            return ("call", ("name", "dict"), [], pairs)
        raise ValueError(f"unexpected {v!r}")


# a C-style cast before an operand ("(string) x", "(int)MathFloor(v)"): the value itself
_CAST = re.compile(r"\(\s*(?:string|int|double|float|bool|long|ulong|uint|datetime|char|short)\s*\)\s*(?=[\w(\"'])")


def parse(text: str) -> Node | None:
    """The tree of one expression, or None when the text is not one (a statement, a fragment).

    >>> parse("bt.ind.SMA(period=self.p.fast)")
    ('call', ('name', 'bt.ind.SMA'), [], {'period': ('name', 'self.p.fast')})
    >>> parse("if x then") is None
    True
    """
    toks = tokens(_CAST.sub("", text))
    if not toks:
        return None
    p = _Parser(toks)
    try:
        node = p.expr()
    except (ValueError, IndexError, TypeError, RecursionError):
        return None
    if p.i != len(toks):
        return None
    return node
