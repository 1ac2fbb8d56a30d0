"""Which pages the code reader runs on, and the table names it accepts for a call (``code_read``).

The sentences and snippets are written for these tests.
"""

from __future__ import annotations

import pytest

from foa.extract.offline.code_read import looks_like_code, read_code


@pytest.mark.parametrize("text, code", [
    # prose whose clauses are joined by semicolons: commentary, never code
    ("Equities drifted higher; bond yields were steady all week.\nEnergy lagged; utilities held up well today.", False),
    ("Equities drifted higher;\nbond yields were steady; the dollar slipped against the yen.", False),
    # code keeps counting: a statement end, declarations, a for header, assignments
    ("int fast; double slow;\nfast = 10;", True),
    ("for (i = 0; i < n; i++) total += x[i];\nreturn total;", True),
    ("Inputs: Len(14);\nValue1 = RSI(Close, Len);", True),
    ("fast = ta.ema(close, 9)\nslow = ta.ema(close, 21)", True),
])
def test_looks_like_code(text: str, code: bool) -> None:
    assert looks_like_code(text) is code


@pytest.mark.parametrize("fn, expected", [
    ("talib.WILLR(high, low, close, timeperiod=10)", "willr(10)"),  # a TA-Lib name without a platform spelling
    ("talib.CCI(high, low, close, timeperiod=20)", "cci(20)"),
])
def test_table_names_in_calls(fn: str, expected: str) -> None:
    r = read_code(f"x = {fn}\nif x[-1] < -80:\n    buy()\n")
    assert r.rules and r.rules[0][0] == "buy"
    assert r.rules[0][1].replace(" ", "").startswith(expected.replace(" ", "")), r.rules


def test_unknown_call_names_are_no_indicator() -> None:
    # a call that is neither a platform spelling nor a table name ("myhelper", a near-miss "rsii") reads as nothing
    for fn in ("myhelper", "rsii"):
        r = read_code(f"x = {fn}(close, 14)\nif x[-1] < 30:\n    buy()\n")
        assert not any(fn in text for _, text in r.rules), r.rules
        assert not any("rsi(14)" in text for _, text in r.rules), r.rules
