"""Strategy code as platforms and libraries write it, one snippet per idiom, each with the rule it states.

The snippets (``data/code_platforms.jsonl``) are written for these tests in the style each platform's own
documentation teaches: Pine v4/v5, EasyLanguage, AmiBroker AFL, MQL4/MQL5, NinjaScript, thinkScript, cTrader,
ProRealTime, backtrader, backtesting.py, zipline/Quantopian, QuantConnect (Python, C#, snake_case), freqtrade,
jesse, gekko, vectorbt, pandas/numpy signals, R quantmod, exchange and broker clients (ccxt, python-binance,
Alpaca, ib_insync, JavaScript technicalindicators). Code that computes indicators but trades nothing and empty
strategy templates must stay refused.

A record's ``expect`` is ``"refused"`` or the fields of the spec it states (``dir``, ``entry``, ``exit``,
``short_entry``, ``short_exit`` as the spec prints them, ``sl``/``tp``/``trail`` as fractions, ``unsupported``:
what must be listed in ``spec.unsupported``, ``rebalance``); fields it leaves out are not judged.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foa.errors import NoStrategyFound

_DATA = Path(__file__).parent / "data" / "code_platforms.jsonl"
_CASES = [json.loads(line) for line in _DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def _fields(spec) -> dict:
    text = {k: (str(getattr(spec, k)) if getattr(spec, k) is not None else None)
            for k in ("entry", "exit", "short_entry", "short_exit")}
    return {"dir": spec.direction, **text, "sl": spec.risk.stop_loss, "tp": spec.risk.take_profit,
            "trail": spec.risk.trailing_stop, "unsupported": {u.what for u in spec.unsupported},
            "rebalance": spec.rebalance}


def test_the_snippets_cover_the_platforms_and_both_answers():
    ids = [c["id"] for c in _CASES]
    assert len(ids) == len(set(ids)) and len(ids) >= 60
    assert sum(c["expect"] == "refused" for c in _CASES) >= 10


@pytest.mark.parametrize("case", [c for c in _CASES if c["expect"] != "refused"], ids=lambda c: c["id"])
def test_code_states_its_rule(spec_of, case):
    got = _fields(spec_of(case["code"]))
    for key, want in case["expect"].items():
        if key in ("sl", "tp", "trail"):
            assert got[key] == pytest.approx(want), key
        elif key == "unsupported":
            assert set(want) <= got[key], key
        else:
            assert got[key] == want, key


@pytest.mark.parametrize("case", [c for c in _CASES if c["expect"] == "refused"], ids=lambda c: c["id"])
def test_code_that_trades_nothing_is_refused(spec_of, case):
    with pytest.raises(NoStrategyFound):
        spec_of(case["code"])


def test_a_vote_of_some_conditions_is_listed_not_read(spec_of):
    code = ("class V(bt.Strategy):\n    def __init__(self):\n        self.f = bt.ind.EMA(period=10)\n"
            "        self.s = bt.ind.EMA(period=40)\n        self.r = bt.ind.RSI(period=14)\n    def next(self):\n"
            "        score = sum([self.f[0] > self.s[0], self.r[0] < 40, self.data.close[0] > self.s[0]])\n"
            "        if not self.position and score >= 2:\n            self.buy()\n"
            "        elif self.position and self.f[0] < self.s[0]:\n            self.close()\n")
    spec = spec_of(code)
    assert "a vote of some of several conditions (indicator scoring)" in {u.what for u in spec.unsupported}
    assert str(spec.exit) == "ema(10) < ema(40)"


@pytest.mark.parametrize("k, joined", [(1, "or"), (3, "and")])
def test_a_vote_of_any_or_all_conditions_is_their_or_and(spec_of, k, joined):
    code = ("def next(self):\n    n = sum([self.data.close[0] > self.m[0], self.r[0] < 30, self.r[0] > 5])\n"
            f"    if n >= {k}:\n        self.buy()\n    elif self.r[0] > 75:\n        self.close()\n"
            "def __init__(self):\n    self.m = bt.ind.SMA(period=150)\n    self.r = bt.ind.RSI(period=4)\n")
    assert str(spec_of(code).entry) == f" {joined} ".join(["close > sma(150)", "rsi(4) < 30", "rsi(4) > 5"])
