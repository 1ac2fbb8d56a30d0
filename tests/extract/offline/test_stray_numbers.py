"""Numbers that are not parameters: a list item's number glued to the item before it (a lost line break), the
stochastic's lines written "% K" / "% D", and the average inside %D's definition. None may become a window or a
level, and none may bring an average the text never uses as a rule. The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline.text import normalize
from foa.spec import model as M
from foa.spec.validate import iter_indicators


def windows(spec) -> set[int]:
    return {int(i.params["window"]) for i in iter_indicators(spec) if "window" in i.params}


def constants(spec) -> set[float]:
    """Every number a rule compares with."""
    out: set[float] = set()

    def walk(x) -> None:
        if isinstance(x, M.ConstExpr):
            out.add(x.value)
        elif isinstance(x, (M.AllCondition, M.AnyCondition)):
            for c in x.of:
                walk(c)
        elif isinstance(x, M.NotCondition):
            walk(x.of)
        elif isinstance(x, M.CompareCondition):
            walk(x.left)
            walk(x.right)
        elif hasattr(x, "left") and hasattr(x, "right"):
            walk(x.left)
            walk(x.right)

    for rule in (spec.entry, spec.exit, spec.short_entry, spec.short_exit):
        if rule is not None:
            walk(rule)
    return out


# --- a list number glued to the word before it is no window ---------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Rules:\n1. Buy when the close crosses above the 40-day moving average2. Sell when it crosses below the average.",
    "1. Go long once price closes over the 40-day EMA line3. The trend filter must agree.\n"
    "2. Close the trade when price closes under the EMA.",
    "Entry: the close rises through the 40-day simple average4) it must also close above it.\n"
    "Exit: the close drops through the average.",
    "1) Buy when RSI(14) falls below 30 in an uptrend5. Sell when RSI(14) rises above 70.",
    "Buy when the close climbs above the 40-week moving average8. Then sell when it slips beneath the average.",
])
def test_glued_list_number_is_no_parameter(spec_of, text):
    spec = spec_of(text)
    assert not windows(spec) & {2, 3, 4, 5, 8}
    assert not constants(spec) & {2, 3, 4, 5, 8}


@pytest.mark.parametrize("raw, kept", [
    ("sell below SMA200. Then", "sma 200"),      # glued indicator notation is a window
    ("RSI period14. next", "period14"),          # a unit word keeps its number
    ("wait for the top10. rank", "top10"),
    ("the EMA21) is the fast line", "ema 21"),
])
def test_glued_notation_and_units_keep_their_number(raw, kept):
    assert kept in normalize(raw)


@pytest.mark.parametrize("text, window", [
    ("Buy when the close crosses above the 30-day moving average. Sell when it crosses below it.", 30),
    ("Step 2. Buy when price closes over the 45-day EMA. Step 3. Sell when price closes under it.", 45),
    ("1. Enter long when the close is above SMA 120.\n2. Exit when the close is below SMA 120.", 120),
])
def test_stated_windows_stay(spec_of, text, window):
    assert window in windows(spec_of(text))


# --- "% K" and "% D" are the stochastic's lines; "%D is the average of %K" is its definition ----------------------


@pytest.mark.parametrize("text", [
    "%D is the moving average of %K. Buy when %K crosses above %D. Sell when %K crosses below %D.",
    "The slow line,% D, is a 3-day moving average of% K. Go long when% K crosses over% D; exit when% K crosses under% D.",
    "% D is a simple moving average of the %K line. Enter long when % K rises above % D, close when % K falls below % D.",
    "Buy when the stochastic % K crosses above % D. Sell when % K crosses below % D. % D is the average of % K.",
    "Read the two lines, % K and % D (the smoothed average of % K): buy as % K climbs through % D, sell as it drops through it.",
])
def test_stochastic_lines_with_a_space_read_as_the_stochastic(spec_of, text):
    spec = spec_of(text)
    names = {i.name for i in iter_indicators(spec)}
    assert "stoch" in names
    assert not names & {"sma", "ema", "ma"}  # %D's definition is no price average


@pytest.mark.parametrize("text, want", [
    ("at 20 % keep half the position", "20 % keep"),  # a percentage before a word stays a percentage
    ("risk 5 % daily", "5 % daily"),
])
def test_a_percentage_is_no_stochastic_line(text, want):
    assert want in normalize(text)


def test_a_lesson_with_no_rule_average_stays_refused(spec_of):
    # the average named only as %D's definition, and no other rule: nothing to trade on an SMA
    with pytest.raises(NoStrategyFound):
        spec_of("The stochastic compares the close with the range of the period. %D is the moving average of %K. "
                "Traders watch both lines.")


# --- "below or close to 20": a side of a level, never the close price ---------------------------------------------


@pytest.mark.parametrize("text, level", [
    ("Buy when RSI(14) drops below or close to 30. Sell when RSI(14) rises above 70.", 30),
    ("Go long once the 14-day RSI is under or near 25; exit once it is over 75.", 25),
    ("Enter when RSI(10) falls near or below 20, and exit when RSI(10) climbs above 80.", 20),
    ("Buy as the RSI(7) dips close to or under 15. Sell as the RSI(7) reaches 60.", 15),
    ("Buy when the 5-day RSI sinks below or next to 10; sell when it is above 50.", 10),
])
def test_near_a_level_is_no_close_price(spec_of, text, level):
    spec = spec_of(text)
    assert level in constants(spec)
    assert "close" not in str(spec.entry)


@pytest.mark.parametrize("text", [
    "Buy when the close is above the 50-day SMA. Sell when the close is below it.",
    "Buy when RSI(2) is below 10 and the close is above the 200-day SMA; sell when the close is above the 5-day SMA.",
    "Go long when the close is above the 20-day EMA and RSI(14) is below 40; exit when the close drops below the EMA.",
])
def test_the_close_price_stays_the_close(spec_of, text):
    assert "close" in str(spec_of(text).entry)


# --- "the Kline is above the Dline", "%Kline": the stochastic's lines glued to "line" ------------------------------


@pytest.mark.parametrize("text", [
    "Use the Stochastic: enter a trade when the Kline is above the Dline, and exit when the Kline is below the Dline.",
    "Buy when the %Kline crosses above the %Dline; sell when the %Kline crosses below the %Dline.",
    "Go long once the K-line rises over the D-line of the stochastic, and close the trade once it drops under it.",
    "Stochastic rule: long when %Kline > %Dline, flat when %Kline < %Dline.",
    "Enter when the stochastic Kline climbs through the Dline and exit when the Kline falls through the Dline.",
])
def test_glued_k_and_d_lines_are_the_stochastic(spec_of, text):
    spec = spec_of(text)
    assert "stoch" in str(spec.entry) and "slowd" in str(spec.entry)


@pytest.mark.parametrize("raw, kept", [
    ("klines = client.get_klines(symbol='BTCUSDT', interval='1d')", "get_klines"),
    ("for kline in klines: close = float(kline[4])", "kline[4]"),
    ("kline = ws.kline", "kline = ws.kline"),
])
def test_a_candle_kline_stays_a_kline(raw, kept):
    assert kept in normalize(raw)
