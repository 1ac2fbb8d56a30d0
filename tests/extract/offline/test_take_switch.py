"""Three shapes of real strategy prose: an instrument taken as the entry ("trade ETH when ..."), an aside about an
instrument the author does not trade, and a switch from a holding to its safe side ("switches from SPY to TLT when
..."). Each is checked over sentences written for these tests (verb, ticker, indicator, order varied), with the
near no-strategy sentences of the same shape (hearsay, news) that must stay refused.
"""

from __future__ import annotations

import re

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline import cues, lexicon
from tests.extract.offline.helpers import compact

# ---- "trade X when ...": an entry ------------------------------------------------------------------------------
TAKE = [
    ("Trade ETH when RSI(14) is below 30 and exit when RSI(14) is above 70.", "L[rsi(14) < 30 ; rsi(14) > 70]", "ETH"),
    ("I play XLE only when the 5-day EMA is above the 20-day EMA, and I get out when it falls below.",
     "L[ema(5) > ema(20) ; ema(5) < ema(20)]", "XLE"),
    ("Then take MSFT once the close crosses above the upper Bollinger band (20, 2); sell when it crosses back below the "
     "middle band.", "L[close xa bbands(2,20).upper ; close xb bbands(2,20).middle]", "MSFT"),
    ("We go into GLD as soon as the 10-day SMA crosses above the 40-day SMA, and exit on the reverse cross.",
     "L[sma(10) xa sma(40) ; sma(10) xb sma(40)]", "GLD"),
    ("Get into SPY when the MACD crosses above the signal line; get out when it crosses below.",
     "L[macd().macd xa macd().signal ; macd().macd xb macd().signal]", "SPY"),
    ("When RSI(7) is under 20, trade AMD; exit when RSI(7) is over 65.", "L[rsi(7) < 20 ; rsi(7) > 65]", "AMD"),
    ("If the 50-day SMA crosses above the 200-day SMA, get into QQQ. Sell when it crosses back below.",
     "L[sma(50) xa sma(200) ; sma(50) xb sma(200)]", "QQQ"),
]


@pytest.mark.parametrize("text, want, symbol", TAKE)
def test_an_instrument_taken_on_a_condition_is_an_entry(spec_of, text, want, symbol):
    spec = spec_of(text)
    assert compact(spec) == want
    assert spec.universe.symbols == [symbol]


def test_taken_short_where_the_text_says_short(spec_of):
    spec = spec_of("Trade NVDA short when RSI(14) is above 75 and cover when it is below 40.")
    assert compact(spec) == "S[rsi(14) > 75 ; rsi(14) < 40]"


@pytest.mark.parametrize("text", [
    "Traders trade ETH when RSI(14) is below 30.",
    "Many traders take TSLA when RSI(2) dips under 10.",
    "Retail crowds play GME when the 20-day SMA turns up.",
    "Swing traders often trade QQQ when the 9-day EMA crosses the 21-day EMA.",
    "In 2020, trade volumes rose when the RSI was below 30.",
])
def test_others_taking_an_instrument_stay_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("norm", ["take profits when rsi(14) is above 70", "trade higher when the rsi is above 50",
                                  "take it when the rsi is below 30", "trade carefully when volatility is high"])
def test_no_instrument_taken(norm):
    assert re.search(lexicon.ENTRY_TAKE, norm) is None
    assert "buy" not in cues.roles_of(norm)


# ---- an aside about an instrument the author does not trade -------------------------------------------------------
ASIDE = [
    ("Buy when RSI(14) is below 30 and sell when it is above 70. I run this on SPY. Many people also like IWM but I "
     "don't trade it.", "L[rsi(14) < 30 ; rsi(14) > 70]", ["SPY"]),
    ("Buy SPY when the 50-day SMA crosses above the 200-day SMA. Lots of folks prefer QQQ, but I don't trade it.",
     "L[sma(50) xa sma(200) ; sma(50) xb sma(200)]", ["SPY"]),
    ("Go long GLD when the 10-day EMA is above the 30-day EMA; exit when it falls below. Some traders use SLV too, "
     "although we never trade it.", "L[ema(10) > ema(30) ; ema(10) < ema(30)]", ["GLD"]),
    ("Buy QQQ when RSI(2) drops below 10 and sell when RSI(2) rises above 80. My friends swear by TQQQ and SQQQ, but "
     "I don't trade them.", "L[rsi(2) xb 10 ; rsi(2) xa 80]", ["QQQ"]),
    ("Short IWM when RSI(3) rises above 90, cover when it falls below 50. Others follow DIA as well; we do not trade it.",
     "S[rsi(3) xa 90 ; rsi(3) xb 50]", ["IWM"]),
]


@pytest.mark.parametrize("text, want, symbols", ASIDE)
def test_an_aside_about_another_instrument_disowns_nothing(spec_of, text, want, symbols):
    spec = spec_of(text)
    assert compact(spec) == want
    assert spec.universe.symbols == symbols


@pytest.mark.parametrize("text", [
    "I tested buying QQQ when RSI(2) is under 5 and selling above 60. It failed and I no longer trade it.",
    "Buy SPY when RSI(2) is under 5 and sell when it is above 60. I no longer trade it.",
    "I bought XLF when its 10-day SMA crossed above the 50-day SMA. I do not trade it anymore.",
])
def test_the_rule_itself_disowned_stays_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# ---- a switch from a holding to its safe side -----------------------------------------------------------------------
SWITCH = [
    ("The rule switches from SPY to TLT when SPY closes below its 200-day SMA.", "L[close > sma(200) ; close < sma(200)]",
     {"SPY", "TLT"}),
    ("Switch from VTI to BIL whenever VTI's close drops under the 150-day EMA.", "L[close xa ema(150) ; close xb ema(150)]",
     {"VTI", "BIL"}),
    ("We rotate from IWM to SHY whenever IWM closes under its 10-month SMA.", "L[close > sma(10) ; close < sma(10)]",
     {"IWM", "SHY"}),
    ("Each month the model shifts from stocks into bonds if the S&P 500 is below its 10-month SMA.",
     "L[close > sma(10) ; close < sma(10)]", set()),
    ("The strategy moves from QQQ into IEF when the 50-day SMA crosses below the 200-day SMA.",
     "L[sma(50) xa sma(200) ; sma(50) xb sma(200)]", None),
    ("Once RSI(14) climbs above 75, switch from XLK to IEF.", "L[rsi(14) xb 75 ; rsi(14) xa 75]", None),
]


@pytest.mark.parametrize("text, want, symbols", SWITCH)
def test_a_switch_to_the_safe_side_is_a_rotation(spec_of, text, want, symbols):
    spec = spec_of(text)
    assert compact(spec) == want
    assert spec.direction == "long_only"
    if symbols is not None:
        assert set(spec.universe.symbols) == symbols
    assert any("switch out of the holding reversed" in a for a in spec.assumptions)


def test_a_switch_from_the_safe_side_is_an_entry(spec_of):
    spec = spec_of("The model shifts from TLT into SPY once the 50-day EMA crosses above the 100-day EMA.")
    assert compact(spec) == "L[ema(50) xa ema(100) ; ema(50) xb ema(100)]"


@pytest.mark.parametrize("text", [
    "The fund switched from SPY to TLT last March.",
    "The manager moved from QQQ into IEF after the election.",
    "Many investors switch from SPY to TLT when the market falls.",
    "Last year the fund rotated from SPY into TLT when the 200-day SMA broke.",
])
def test_a_reported_switch_stays_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("text, fallback", [
    ("The rule switches from SPY to TLT when SPY closes below its 200-day SMA.", True),
    ("Each month the model shifts from stocks into bonds if the S&P 500 is below its 10-month SMA.", True),
    ("Once RSI(14) climbs above 75, switch from XLK to IEF.", True),
    ("Switch from VTI to BIL whenever VTI's close drops under the 150-day EMA.", False),
    ("Each month the model shifts from stocks into cash if the S&P 500 is below its 10-month SMA.", False),
])
def test_a_second_asset_out_of_the_holding_is_listed(spec_of, text, fallback):
    spec = spec_of(text)
    assert compact(spec).startswith("L[")
    assert any(u.what == "fallback asset" for u in spec.unsupported) is fallback


@pytest.mark.parametrize("text, want, fallback", [
    ("Hold SPY, but switch to TLT when SPY closes below its 200-day SMA.", "L[close > sma(200) ; close < sma(200)]", True),
    ("Hold SPY; switch to TLT when SPY closes below its 200-day SMA.", "L[close > sma(200) ; close < sma(200)]", True),
    ("Hold QQQ and move to cash whenever QQQ's close is under the 100-day EMA.", "L[close > ema(100) ; close < ema(100)]",
     False),
    ("We own VTI, but rotate into bonds once the 50-day SMA crosses below the 200-day SMA.",
     "L[sma(50) xa sma(200) ; sma(50) xb sma(200)]", True),
    ("I stay in DIA and shift to T-bills if RSI(10) goes over 80.", "L[rsi(10) xb 80 ; rsi(10) xa 80]", False),
])
def test_a_holding_named_before_its_switch_out(spec_of, text, want, fallback):
    spec = spec_of(text)
    assert compact(spec) == want
    assert any(u.what == "fallback asset" for u in spec.unsupported) is fallback


@pytest.mark.parametrize("text", [
    "Many investors hold SPY but move to cash when SPY closes below its 200-day SMA.",
    "Pension funds own bonds and move to cash when rates rise above 5%.",
    "Move to cash when SPY closes below its 200-day SMA.",
])
def test_a_switch_out_without_the_traders_holding_stays_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)
