"""The rule grammar (foa.spec.rule): text <-> Condition objects, round trips, and errors that point."""

from __future__ import annotations

import json

import pytest

from foa.errors import SpecError
from foa.spec import always, atr, bbands, close, const, ema, high, highest, low, macd, price, roc, rsi, sma, volume
from foa.spec.library import library
from foa.spec import indicators
from foa.spec.model import AllCondition, AnyCondition, IndicatorExpr, NotCondition, StrategySpec
from foa.spec.rule import format_rule, parse_expr, rule


def round_trips(c) -> None:
    text = str(c)
    back = rule(text)
    assert back == c, (text, back)
    assert back.model_dump() == c.model_dump()
    assert str(back) == text  # printing is stable


@pytest.mark.parametrize("family", sorted(library()))
def test_every_ready_made_family_round_trips(family):
    spec = library()[family]
    rules = [c for c in (spec.entry, spec.exit, spec.short_entry, spec.short_exit) if c is not None]
    for c in rules:
        round_trips(c)
    if spec.ranking is not None:
        assert parse_expr(str(spec.ranking.by)) == spec.ranking.by
    assert rules or spec.ranking is not None


CASES = {
    "crossover": (sma(50).crosses_above(sma(200)), "sma(50) crosses_above sma(200)"),
    "cross below with ids": (ema(12, id="fast").crosses_below(ema(26, id="slow")),
                             "ema(12, id=fast) crosses_below ema(26, id=slow)"),
    "price vs highest": (close() > highest(20), "close > highest(20)"),
    "roc zero": (roc(12) > 0, "roc(12) > 0"),
    "all ops": (AllCondition(of=[rsi(2) >= 10, rsi(2) <= 90, low() < 5, high() > 1.5]),
                "rsi(2) >= 10 and rsi(2) <= 90 and low < 5 and high > 1.5"),
    "output": (close() < bbands(20, 2.5, "lower"), "close < bbands(20, 2.5).lower"),
    "output and shift": (close() > bbands(20, 2, "upper", shift=1), "close > bbands(20, 2).upper[1]"),
    "macd outputs": (macd(output="macd").crosses_above(macd(output="signal")),
                     "macd(12, 26, 9).macd crosses_above macd(12, 26, 9).signal"),
    "params by name": (IndicatorExpr(name="macd", params={"fast": 8, "signal": 5}, output="hist") > 0,
                       "macd(8, signal=5).hist > 0"),
    "only a later param": (IndicatorExpr(name="macd", params={"slow": 30}) > 0, "macd(slow=30) > 0"),
    "no output": (IndicatorExpr(name="bbands", params={"window": 20, "std": 2.0}) < close(), "bbands(20, 2) < close"),
    "input": (volume() > sma(20, input=volume()) * 2, "volume > sma(20, input=volume) * 2"),
    "indicator of indicator": (ema(9, input=rsi(14), id="smooth") > 50, "ema(9, input=rsi(14), id=smooth) > 50"),
    "symbol plain": (close(symbol="SPY") > sma(200, symbol="SPY"), "close(symbol=SPY) > sma(200, symbol=SPY)"),
    "symbol quoted": (price("close", symbol="^GSPC") > sma(10, symbol="CL=F"),
                      'close(symbol="^GSPC") > sma(10, symbol="CL=F")'),
    "shift": (close() > high(shift=1), "close > high[1]"),
    "shifted indicator": (rsi(2).ago(2) < rsi(2), "rsi(2)[2] < rsi(2)"),
    "shifted symbol price": (close(symbol="TLT", shift=3) < close(symbol="TLT"), "close(symbol=TLT)[3] < close(symbol=TLT)"),
    "const id": (rsi(2) < const(10, id="oversold"), "rsi(2) < const(10, id=oversold)"),
    "quoted id": (rsi(2) < const(10, id="over sold"), 'rsi(2) < const(10, id="over sold")'),
    "negative and small": (roc(5) > -0.05, "roc(5) > -0.05"),
    "exponent": (roc(5) > 1e-05, "roc(5) > 1e-05"),
    "arith precedence": (close() > (sma(20) - atr(14)) * 1.02, "close > (sma(20) - atr(14)) * 1.02"),
    "arith right nesting": (close() > sma(20) - (atr(14) - 1), "close > sma(20) - (atr(14) - 1)"),
    "arith left chain": ((close() - sma(20)) / atr(14) > 1, "(close - sma(20)) / atr(14) > 1"),
    "arith mixed": (close() > sma(20) + atr(14) * 2, "close > sma(20) + atr(14) * 2"),
    "negative operand": (close() > sma(20) - -1, "close > sma(20) - -1"),
    "or": ((rsi(2) < 10) | (close() < low(shift=1)), "rsi(2) < 10 or close < low[1]"),
    "and inside or": (((rsi(2) < 10) & (close() > sma(200))) | (roc(3) < -0.1),
                      "(rsi(2) < 10 and close > sma(200)) or roc(3) < -0.1"),
    "or inside and": (((rsi(2) < 10) | (roc(3) < 0)) & (close() > sma(200)),
                      "(rsi(2) < 10 or roc(3) < 0) and close > sma(200)"),
    "nested and (builder shape)": (((rsi(2) < 10) & (close() > sma(200))) & (roc(3) < 0),
                                   "(rsi(2) < 10 and close > sma(200)) and roc(3) < 0"),
    "not compare": (~(close() > sma(200)), "not (close > sma(200))"),
    "not of and": (~((rsi(2) < 10) & (close() > sma(200))), "not (rsi(2) < 10 and close > sma(200))"),
    "not not": (NotCondition(of=NotCondition(of=roc(3) > 0)), "not not (roc(3) > 0)"),
    "and with not": ((roc(3) > 0) & ~(rsi(2) > 90), "roc(3) > 0 and not (rsi(2) > 90)"),
    "single all": (AllCondition(of=[roc(3) > 0]), "all(roc(3) > 0)"),
    "single any": (AnyCondition(of=[always()]), "any(always)"),
    "always": (always(), "always"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_every_form_prints_and_parses_back(case):
    c, text = CASES[case]
    assert str(c) == text
    assert rule(text) == c
    round_trips(c)


def test_every_indicator_in_the_table_has_a_rule_form():
    for rec in indicators.table():
        params = {p.name: 3 + i * 10 for i, p in enumerate(rec.params)}  # every parameter, positional
        outputs = rec.outputs
        for out in outputs:
            c = IndicatorExpr(name=rec.name, params=params, output=out if len(outputs) > 1 else None) > 0
            round_trips(c)


def test_spellings_that_parse_to_the_same_objects():
    assert rule("sma(window=50) crosses_above sma(200)") == sma(50).crosses_above(sma(200))
    assert rule("close() > sma(200)") == (close() > sma(200))
    assert rule("bbands(20, 2, output=upper) < close") == (bbands(20, 2.0, "upper") < close())
    assert rule("close(shift=1) > 0") == (close(shift=1) > 0)
    assert rule("all(roc(3) > 0, rsi(2) < 10)") == AllCondition(of=[roc(3) > 0, rsi(2) < 10])
    assert rule("  ( rsi(2)<10 ) ") == (rsi(2) < 10)
    assert rule("rsi(2) < const(10)") == (rsi(2) < 10)
    assert rule("close > sma(200, symbol='SPY')") == (close() > sma(200, symbol="SPY"))
    assert rule("rsi(2) < 10 and close > sma(200) or roc(1) > 0") == AnyCondition(
        of=[AllCondition(of=[rsi(2) < 10, close() > sma(200)]), roc(1) > 0])  # and binds tighter than or


def test_strategyspec_takes_rule_strings_and_keeps_the_json_form():
    spec = StrategySpec(name="x", universe={"symbols": ["SPY", "QQQ"]},
                        entry="sma(50) crosses_above sma(200) and rsi(14) < 70", exit="close < sma(200)",
                        ranking={"by": "roc(12, id=lookback)", "top_n": 1}, rebalance="monthly")
    assert spec.entry == sma(50).crosses_above(sma(200)) & (rsi(14) < 70)
    assert spec.ranking.by == roc(12, id="lookback")
    dumped = spec.model_dump(mode="json")
    assert dumped["entry"]["kind"] == "all" and dumped["exit"]["kind"] == "compare"
    assert StrategySpec.from_json(spec.to_json()) == spec
    with pytest.raises(SpecError, match="position 8"):
        StrategySpec(name="x", entry="sma(50) crosses sma(200)")


def test_describe_shows_each_rules_text():
    from foa.spec.library import get

    text = get("rsi_reversion").describe()
    assert "Buy when the 2-day RSI is below 10" in text
    assert "rule: rsi(2, id=rsi) < const(10, id=oversold) and close > sma(200, id=trend)" in text
    assert "rule: close > sma(5, id=exit)" in text
    assert "by: roc(12, id=lookback)" in get("xs_momentum").describe()


ERRORS = {
    "sma(50) crosses sma(200)": (8, "crosses", "crosses_above"),
    "smaa(50) > 1": (0, "smaa", "bbands, ema, highest"),
    "close > sma(50": (14, "end of the rule", "')'"),
    "close > ^GSPC": (8, "^", "quote a ticker"),
    "bbands(20, 2).top > 1": (14, "top", "middle, upper, lower"),
    "rsi(14) < 70 and": (16, "end of the rule", "an indicator such as sma(50)"),
    "rsi(14) = 70": (8, "=", "crosses_below"),
    "sma(50, 2) > 1": (8, "2", "window"),
    "sma(50, length=3) > 1": (8, "length", "input, symbol, id"),
    "close[1.5] > 1": (6, "1.5", "whole number of bars"),
    "close[-1] > 1": (6, "-", "whole number of bars"),
    "close.upper > 1": (5, ".", "only an indicator has outputs"),
    "rsi(14) < 70 rsi(2) > 1": (13, "rsi", "'and'"),
    "": (0, "end of the rule", "empty"),
    "(rsi(2) < 10": (12, "end of the rule", "')'"),
    "const > 1": (6, ">", "'(' after const"),
    "sma(id=fast, 50) > 1": (13, "50", "positional arguments come first"),
}


@pytest.mark.parametrize("text", list(ERRORS))
def test_malformed_rules_name_the_token_and_position(text):
    pos, token, words = ERRORS[text]
    with pytest.raises(SpecError) as info:
        rule(text)
    err = info.value
    msg = str(err)
    assert err.position == pos, msg
    assert f"at position {pos}" in msg
    assert token in msg and words in msg, msg
    assert "Indicators: atr, bbands" in msg  # the known names, from the indicator table
    caret = msg.splitlines()[2]
    assert caret.index("^") - 4 == pos  # the caret sits under the token


def test_not_text_is_refused():
    with pytest.raises(SpecError, match="text such as"):
        rule(42)  # type: ignore[arg-type]


def test_corpus_extractions_round_trip(shared_eval):
    from foa.documents.model import Document
    from foa.errors import NoStrategyFound
    from foa.extract.offline import extract_offline

    from pathlib import Path

    corpus = Path(__file__).resolve().parents[1] / "extract" / "corpus"
    lines = shared_eval.read_text().splitlines()
    for path in sorted(corpus.glob("*/*.jsonl")):  # the real-text corpus, both splits
        lines += path.read_text(encoding="utf-8").splitlines()
    seen = 0
    for line in filter(str.strip, lines):
        row = json.loads(line)
        try:
            spec = extract_offline(Document.from_text(row["text"], name=row["id"]))
        except NoStrategyFound:
            continue
        except Exception:  # noqa: BLE001 an extractor failure is the corpus tests' finding; here the subject is the grammar
            continue
        for c in (spec.entry, spec.exit, spec.short_entry, spec.short_exit):
            if c is not None:
                round_trips(c)
                seen += 1
        if spec.ranking is not None:
            assert parse_expr(str(spec.ranking.by)) == spec.ranking.by
        # the spec rebuilt from its rules' text is the same spec
        text_form = {f: format_rule(getattr(spec, f)) for f in ("entry", "exit", "short_entry", "short_exit")
                     if getattr(spec, f) is not None}
        assert spec.model_copy(update={}) == StrategySpec(**{**spec.model_dump(exclude={"provenance"}), **text_form,
                                                             "provenance": spec.provenance})
    assert seen >= 30


def test_html_shows_rule_text_in_code_type():
    from foa.spec.library import get

    html = get("bollinger_breakout")._repr_html_()
    assert "<code>close &gt; bbands(20, 2, id=bb).upper</code>" in html


def test_words_people_type_read_or_point_at_the_fix():
    from foa.errors import SpecError

    assert str(rule("sma(50) crosses above sma(200)")) == "sma(50) crosses_above sma(200)"
    assert str(rule("close crosses under sma(20)")) == "close crosses_below sma(20)"
    with pytest.raises(SpecError, match="did you mean 'sma'\\? \\(names are lower case\\)"):
        rule("SMA(50) > SMA(200)")
    with pytest.raises(SpecError) as info:
        rule("sma(50) > foo(3)")
    assert str(info.value).count("Indicators:") == 1 and "known indicators" not in str(info.value)
