"""A list of bare conditions closed by one action line ("If all three rules hold, buy ...", "All of the above ->
buy ...") enters on every listed condition; settings stated beside an indicator's name ("Stoch settings: 14, 3, 3",
"MACD: 8, 17, 9", "Bollinger | 20, 2.5") win over its defaults."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.spec import model as M

from tests.extract.offline.helpers import inds


def _names(cond) -> list[set[str]]:
    """The indicator names (and 'price') each part of an entry condition compares."""
    conds = cond.of if isinstance(cond, M.AllCondition) else [cond]

    def names(e) -> set[str]:
        if isinstance(e, M.IndicatorExpr):
            return {e.name}
        if isinstance(e, M.PriceExpr):
            return {"price"}
        return set()

    return [names(c.left) | names(c.right) for c in conds]


@pytest.mark.parametrize("text, expected", [
    ("1. ADX(20) is above 30.\n2. +DI is above -DI.\n3. The close is above the 100-day EMA.\n"
     "If all three rules hold, buy QQQ at the close.",
     [{"adx"}, {"plus_di", "minus_di"}, {"price", "ema"}]),
    ("Trend setup\n\nThe rules:\n1. ADX(14) is above 25.\n2. +DI is above -DI.\n3. The close is above the 50-day EMA.\n\n"
     "If all three rules hold, buy ^IXIC at the close. Sell when the close drops below the 50-day EMA.",
     [{"adx"}, {"plus_di", "minus_di"}, {"price", "ema"}]),
    ("1) RSI(14) is below 30.\n2) The close is above the 200-day SMA.\n"
     "When these are true, we buy SPY on the next open.",
     [{"rsi"}, {"price", "sma"}]),
    ("a) The MACD line is above its signal line.\nb) The 20-day EMA is above the 50-day EMA.\nc) CCI(20) is above 100.\n"
     "d) The close is above the upper Bollinger band.\nAll of the above \u2192 buy DIA.",
     [{"macd"}, {"ema"}, {"cci"}, {"price", "bbands"}]),
    ("- Williams %R(14) is below -80.\n- The close is above the 100-day SMA.\n"
     "If both conditions apply, go long IWM at the close of the day.",
     [{"willr"}, {"price", "sma"}]),
    ("1. The 10-day ROC is above 0\n2. MFI(14) is below 20\n3. ATR(14) is above 1.5\n"
     "Once all three conditions line up, we purchase GLD at the next day's open.",
     [{"roc"}, {"mfi"}, {"atr"}]),
    ("1. ADX(10) is above 20.\n2. -DI is above +DI.\nSell short TLT when all the rules above hold.",
     [{"adx"}, {"minus_di", "plus_di"}]),
    ("1. CCI(14) is below -100.\n2. The 5-day RSI is below 25.\nAll of these: go long XLE at the open.",
     [{"cci"}, {"rsi"}]),
])
def test_every_listed_condition_enters(spec_of, text, expected):
    spec = spec_of(text)
    side = spec.short_entry if "Sell short" in text else spec.entry
    assert side is not None
    assert sorted(map(sorted, _names(side))) == sorted(map(sorted, expected))
    assert not any("not stated beyond" in a for a in spec.assumptions)


@pytest.mark.parametrize("text", [
    # tips with no action line, and an action line that is no trade, stay refused
    "1. Cut your losses short.\n2. Let your winners run.\n3. Never average down.\n"
    "If all three habits hold, you will do better than most traders.",
    "1. Read the 50-day SMA every morning.\n2. Look at the RSI before you open the chart.\n3. Keep a journal of your trades.",
    "Tips for beginners:\n1. The RSI is above 70 in strong markets.\n2. The MACD line often lags the price.",
    "All of the above: read the chapter on the ADX again.\n1. The ADX measures trend strength.\n2. +DI and -DI show its side.",
])
def test_lists_without_a_trade_stay_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("settings, rule, name, params", [
    ("Stoch settings: 14, 3, 3.", "Buy SPY when %K crosses above 20.", "stoch",
     {"fastk_period": 14, "slowk_period": 3, "slowd_period": 3}),
    ("Stochastic oscillator parameters: 21, 5, 5", "Go long QQQ once %K rises above 25.", "stoch",
     {"fastk_period": 21, "slowk_period": 5, "slowd_period": 5}),
    ("Stochastic inputs (10, 3, 3)", "Buy IWM when the stochastic %K crosses above %D.", "stoch",
     {"fastk_period": 10, "slowk_period": 3, "slowd_period": 3}),
    ("MACD: 8, 17, 9", "Buy SPY when the MACD crosses above its signal line.", "macd",
     {"fast": 8, "slow": 17, "signal": 9}),
    ("| Indicator | Settings |\n| MACD | 5, 35, 5 |", "Buy DIA when the MACD line crosses over the signal line.", "macd",
     {"fast": 5, "slow": 35, "signal": 5}),
    ("MACD settings = 6/19/9", "Enter TLT long when MACD crosses above its signal.", "macd",
     {"fast": 6, "slow": 19, "signal": 9}),
    ("Bollinger Bands: 20, 2.5", "Buy SPY when the close is below the lower Bollinger band.", "bbands",
     {"window": 20, "std": 2.5}),
    ("Bollinger | 10, 1.5", "Buy GLD when price closes under the lower band of the Bollinger Bands.", "bbands",
     {"window": 10, "std": 1.5}),
    ("Bollinger Band settings: 30, 3", "Buy XLF when the close drops below the lower Bollinger band.", "bbands",
     {"window": 30, "std": 3}),
])
def test_settings_beside_the_name_win(spec_of, settings, rule, name, params):
    for text in (settings + "\n" + rule, rule + "\n" + settings):
        spec = spec_of(text)
        assert {(name, tuple(sorted(params.items())))} == {i for i in inds(spec) if i[0] == name}, text
        assert not any(f"{name.upper()} parameters not" in a for a in spec.assumptions), text


@pytest.mark.parametrize("settings, rule, name", [
    # levels and single numbers beside a name are no settings list
    ("Stochastic levels: 20, 80", "Buy SPY when the stochastic %K crosses above 20.", "stoch"),
    ("MACD histogram threshold: 0", "Buy SPY when the MACD crosses above its signal line.", "macd"),
    ("Bollinger width: 4%", "Buy SPY when the close is below the lower Bollinger band.", "bbands"),
])
def test_levels_beside_the_name_are_no_settings(spec_of, settings, rule, name):
    spec = spec_of(settings + "\n" + rule)
    defaults = {"stoch": (), "macd": (), "bbands": (("std", 2.0), ("window", 20))}
    assert {i for i in inds(spec) if i[0] == name} == {(name, defaults[name])}
