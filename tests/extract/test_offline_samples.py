"""foa's own sample documents read perfectly offline: they are the first thing a user extracts in the
quickstart, so every rule, window, stop, cost, symbol, name and evidence quote is pinned exactly."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.evidence import verify_evidence
from foa.extract.offline import extract_offline
from foa.samples import load_sample, sample_documents
from foa.spec import model as M

SMA50 = M.IndicatorExpr(name="sma", params={"window": 50})
SMA200 = M.IndicatorExpr(name="sma", params={"window": 200})


def read(name: str) -> tuple[M.StrategySpec, object]:
    doc = load_sample(name)
    return verify_evidence(extract_offline(doc), doc), doc


def quotes(spec: M.StrategySpec) -> dict[str, str]:
    return {e.field: e.quote for e in spec.evidence}


def test_every_sample_is_read_or_refused():
    names = set(sample_documents())
    assert {"broker_note", "rsi_research_note", "trend_forum_post", "market_commentary"} <= names
    for name in names - {"market_commentary"}:
        spec, _ = read(name)
        assert all(e.verified for e in spec.evidence), (name, [e for e in spec.evidence if not e.verified])
        assert spec.evidence and all(len(e.quote) <= 300 for e in spec.evidence)


def test_broker_note_pdf_is_the_golden_cross_with_a_stop():
    spec, doc = read("broker_note")
    assert doc.mime == "application/pdf" and len(doc.pages) == 2
    assert spec.name == "SMA 50/200 crossover"
    assert spec.direction == "long_only" and spec.frequency == "daily"
    assert spec.universe.symbols == ["SPY"]  # ^GSPC is the back-test proxy, not the universe
    assert spec.entry == M.CompareCondition(left=SMA50, op="crosses_above", right=SMA200)
    # "After a stop is hit we stay flat until the next golden cross" says when to come back in, not an exit
    assert spec.exit == M.CompareCondition(left=SMA50, op="crosses_below", right=SMA200)
    assert spec.short_entry is None and spec.short_exit is None and spec.ranking is None
    assert spec.risk.stop_loss == pytest.approx(0.08)
    assert spec.risk.take_profit is None and spec.risk.trailing_stop is None and spec.risk.atr_stop is None
    assert spec.costs.fees == pytest.approx(0.001)
    # the windows are stated (in the prose and the parameter table): nothing about them is assumed
    assert spec.assumptions == [], spec.assumptions
    q = quotes(spec)
    assert set(q) >= {"entry", "exit", "risk.stop_loss", "costs", "universe.symbols"}
    assert q["risk.stop_loss"] == "Stop loss: every position carries a stop loss 8% below the entry price."
    assert not any("HARBOURLINE" in v for v in q.values())  # the running page header is never a quote
    assert q["entry"].startswith("Entry: buy SPY") and "200-day" in q["entry"]
    assert q["exit"].startswith("Exit: sell the whole position") and "death cross" in q["exit"]
    pages = {e.field: e.page for e in spec.evidence}
    assert pages["entry"] == 1 and pages["exit"] == 1 and pages["risk.stop_loss"] == 2 and pages["costs"] == 2


def test_rsi_research_note_enters_on_rsi_and_exits_on_the_average():
    spec, _ = read("rsi_research_note")
    rsi2 = M.IndicatorExpr(name="rsi", params={"window": 2})
    sma5 = M.IndicatorExpr(name="sma", params={"window": 5})
    assert spec.name == "RSI(2) rule"
    assert spec.direction == "long_only" and spec.frequency == "daily" and spec.universe.symbols == ["^IXIC"]
    # the prose says "falls below 10" and the table restates "RSI below 10": one entry, on the RSI only
    assert spec.entry == M.CompareCondition(left=rsi2, op="crosses_below", right=M.ConstExpr(value=10))
    # the 5-day SMA is the exit and only the exit
    assert spec.exit == M.CompareCondition(left=M.PriceExpr(), op=">", right=sma5)
    assert spec.risk == M.Risk()  # "There is no stop loss"
    assert spec.costs.fees == 0 and spec.assumptions == ["no costs stated: assumed 0"]
    q = quotes(spec)
    assert q["entry"] == "- **Entry:** buy when the 2-day RSI of the close falls below 10."
    assert q["exit"] == "- **Exit:** sell when the close rises above its 5-day simple moving average."


def test_trend_forum_post_is_the_ten_month_filter():
    spec, _ = read("trend_forum_post")
    sma10 = M.IndicatorExpr(name="sma", params={"window": 10})
    assert spec.name == "SMA(10) trend filter"
    assert spec.direction == "long_only" and spec.frequency == "monthly" and spec.universe.symbols == ["^GSPC"]
    assert spec.entry == M.CompareCondition(left=M.PriceExpr(), op=">", right=sma10)
    # "sit in cash until a month-end close is back above the average" is the re-entry, not a second exit
    assert spec.exit == M.CompareCondition(left=M.PriceExpr(), op="<", right=sma10)
    assert spec.risk == M.Risk() and spec.ranking is None
    assert spec.assumptions == ["no costs stated: assumed 0"]
    q = quotes(spec)
    assert q["entry"].startswith("If the close is above the 10-month SMA")
    assert q["exit"].startswith("If the close is below the 10-month SMA")


def test_market_commentary_is_refused():
    with pytest.raises(NoStrategyFound):
        extract_offline(load_sample("market_commentary"))
