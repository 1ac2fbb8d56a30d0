"""Document level: where the strategy is stated, and what is read from there only."""

from __future__ import annotations

from foa.extract.offline import locate_strategy
from foa.spec.model import ConstExpr
from foa.documents.model import Document
from foa.spec import model as M
from foa.errors import NoStrategyFound
from foa.documents.model import Page
from foa.spec.model import StrategySpec
from foa.extract.evaluate import _spec_indicators
from foa.extract.offline.text import clauses_of
from foa.extract.offline import extract_offline
from foa.spec.validate import iter_exprs
from foa.samples import load_sample
import pytest
from foa.extract.offline.text import repeated_lines
from foa.samples import sample_documents
from foa.extract.evidence import verify_evidence
from tests.extract.offline.helpers import windows

COMMENTARY = ("Weekly market wrap. Chip makers led again: NVDA gained 6% and AMD 4% after strong guidance, while "
              "TSLA slipped on delivery worries. Treasury yields eased and the dollar softened against the yen. "
              "Several desks bought the dip in META as it held above its 50-day moving average.")
RULE = ("Model portfolio rule\n\nWe trade the iShares Russell 2000 ETF (IWM). Enter long when the 20-day EMA crosses "
        "above the 100-day EMA; exit when it crosses back below. A stop loss sits 6% below the entry price.")
DISCLAIMER = ("Important information. This material is for information only and is not a recommendation to buy or "
              "sell SPY, QQQ or any security. Past performance is not a guide to future returns.")


def test_the_rule_page_is_located_among_commentary_and_disclaimers():
    from foa.documents.model import Document

    part = locate_strategy(Document.from_text("\f".join((COMMENTARY, RULE, DISCLAIMER))))
    assert part.pages == [2] and part.scores[2] > part.scores[1]
    assert 2 in part and 1 not in part


def test_tickers_outside_the_strategy_part_never_enter_the_universe(spec_of):
    spec = spec_of(COMMENTARY, RULE, DISCLAIMER)
    assert spec.universe.symbols == ["IWM"]
    assert spec.risk.stop_loss == 0.06
    assert {e.page for e in spec.evidence} == {2}


def test_an_explicit_universe_list_counts_wherever_it_stands(spec_of):
    intro = "About this note.\n\nUniverse: XLK, XLV, XLE\n\nThe sectors are equal weighted."
    rule = "Hold each sector ETF while its close is above its 200-day SMA; move that sleeve to cash when it closes below."
    spec = spec_of(intro, COMMENTARY, rule)
    assert spec.universe.symbols == ["XLK", "XLV", "XLE"]


def test_a_one_page_text_is_read_whole():
    assert locate_strategy("Market notes only, nothing to trade here.").pages == [1]


def test_locating_a_huge_text_stays_linear_and_finds_the_rule():
    from foa.documents.model import Document

    pages = [COMMENTARY] * 200
    pages[137] = RULE
    assert locate_strategy(Document.from_text("\f".join(pages))).pages == [138]


def consts(spec: StrategySpec) -> set[float]:
    return {e.value for e in iter_exprs(spec) if isinstance(e, ConstExpr)}


def scored_inds(spec) -> set[tuple[str, tuple]]:
    return {(n, tuple(sorted(p.items()))) for n, p in _spec_indicators(spec)}


def _two_page_pdf_like() -> Document:
    header = "NORTHWIND CAPITAL  |  Macro Desk  |  Weekly Idea  |  3 June 2024"
    p1 = (f"{header}\nThe idea in one line\nGo long IWM when the 20-day exponential moving average crosses above\n"
          "the 60-day exponential moving average, and sell on the opposite cross.\nFast EMA\n20 days\nSlow EMA\n60 days")
    p2 = (f"{header}\nRisk\nA hard stop sits 6% under the purchase price. Once stopped out we remain in cash\n"
          "until the following bullish crossover.")
    pages = [Page(number=1, text=p1, markdown=None), Page(number=2, text=p2, markdown=None)]
    return Document(id="0" * 64, name="idea.pdf", mime="application/pdf", pages=pages, metadata={})


SMA50 = M.IndicatorExpr(name="sma", params={"window": 50})


SMA200 = M.IndicatorExpr(name="sma", params={"window": 200})


def read_sample(name: str) -> tuple[M.StrategySpec, object]:
    doc = load_sample(name)
    return verify_evidence(extract_offline(doc), doc), doc


def quotes(spec: M.StrategySpec) -> dict[str, str]:
    return {e.field: e.quote for e in spec.evidence}


def test_evidence_quotes_are_verbatim_and_on_their_page():
    page1 = "Desk note on SPY.\nNothing tradable on this page, only background."
    page2 = "Rules: buy when the 20-week EMA rises above the 40-week EMA.\nSell when it crosses back below. Stop loss 6%."
    doc = Document.from_text(page1 + "\f" + page2)
    s = extract_offline(doc)
    assert s.evidence, "every rule needs a quote"
    for ev in s.evidence:
        assert len(ev.quote) <= 300
        assert ev.quote in doc.page(ev.page).text
    entry = next(e for e in s.evidence if e.field == "entry")
    assert entry.page == 2 and "20" in entry.quote
    stop = next(e for e in s.evidence if e.field == "risk.stop_loss")
    assert "6%" in stop.quote
    assert "no costs stated: assumed 0" in s.assumptions
    assert s.frequency == "weekly"


def test_bundled_samples():
    from foa.samples import load_sample

    note = extract_offline(load_sample("broker_note"))  # a real 2-page PDF
    assert note.universe.symbols == ["SPY"] and windows(note, "sma") == {50, 200}
    assert note.entry.op == "crosses_above" and note.risk.stop_loss == pytest.approx(0.08)
    assert note.costs.fees == pytest.approx(0.001)
    assert {e.page for e in note.evidence} == {1, 2}
    rsi_note = extract_offline(load_sample("rsi_research_note"))
    assert rsi_note.universe.symbols == ["^IXIC"] and windows(rsi_note, "rsi") == {2} and 10.0 in consts(rsi_note)
    forum = extract_offline(load_sample("trend_forum_post"))
    assert forum.frequency == "monthly" and windows(forum, "sma") == {10}
    with pytest.raises(NoStrategyFound):
        extract_offline(load_sample("market_commentary"))


def test_json_definition_with_macd_keys_quoted_labels_and_a_stop_object():
    spec = extract_offline(
        '{\n  "ticker": "XLF",\n  "macd": {"fast_period": 6, "slow_period": 19, "signal_period": 4},\n'
        '  "entry": {"condition": "macd_line crosses_above signal_line"},\n'
        '  "exit": {"condition": "macd_line crosses_below signal_line"},\n'
        '  "take_profit": {"type": "percent", "value": 9}\n}\n'
    )
    assert scored_inds(spec) == {("macd", (("fast", 6), ("signal", 4), ("slow", 19)))}
    assert spec.universe.symbols == ["XLF"]
    assert spec.risk.take_profit == 0.09
    assert spec.entry.op == "crosses_above" and spec.exit.op == "crosses_below"


def test_running_header_lines_are_found_and_stand_alone():
    doc = _two_page_pdf_like()
    rep = repeated_lines([p.text for p in doc.pages])
    assert "NORTHWIND CAPITAL  |  Macro Desk  |  Weekly Idea  |  3 June 2024" in rep
    cl = clauses_of(doc.pages[1].text, page=2, standalone=rep)
    assert cl[0].orig.startswith("NORTHWIND") and cl[0].orig.endswith("2024")
    # a pipe-separated title line stands alone even on a one-page document
    one = clauses_of("ACME RESEARCH | Equities | Note\nStop loss: 5% under the entry for every trade.", page=1)
    assert one[-1].orig == "Stop loss: 5% under the entry for every trade."


def test_pdf_like_document_reads_without_header_quotes_or_bogus_exit():
    doc = _two_page_pdf_like()
    spec = verify_evidence(extract_offline(doc), doc)
    ema20, ema60 = M.IndicatorExpr(name="ema", params={"window": 20}), M.IndicatorExpr(name="ema", params={"window": 60})
    assert spec.entry == M.CompareCondition(left=ema20, op="crosses_above", right=ema60)
    # "remain in cash until the following bullish crossover" is when to come back, not an exit
    assert spec.exit == M.CompareCondition(left=ema20, op="crosses_below", right=ema60)
    assert spec.risk.stop_loss == pytest.approx(0.06)
    assert spec.name == "EMA 20/60 crossover"
    assert not any("window not stated" in a for a in spec.assumptions), spec.assumptions
    assert all(e.verified and "NORTHWIND" not in e.quote for e in spec.evidence)


def test_every_sample_is_read_or_refused():
    names = set(sample_documents())
    assert {"broker_note", "rsi_research_note", "trend_forum_post", "market_commentary"} <= names
    for name in names - {"market_commentary"}:
        spec, _ = read_sample(name)
        assert all(e.verified for e in spec.evidence), (name, [e for e in spec.evidence if not e.verified])
        assert spec.evidence and all(len(e.quote) <= 300 for e in spec.evidence)


def test_broker_note_pdf_is_the_golden_cross_with_a_stop():
    spec, doc = read_sample("broker_note")
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


def test_trend_forum_post_is_the_ten_month_filter():
    spec, _ = read_sample("trend_forum_post")
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


def test_the_frequency_comes_from_the_strategy_part(spec_of):
    wrap = COMMENTARY.replace("Weekly market wrap.", "Weekly market wrap: on the weekly chart the index closed higher.")
    spec = spec_of(wrap, RULE, DISCLAIMER)
    assert spec.frequency == "daily"


_COMMENTARY = ("Markets opened mixed. Shares of Contoso (NASDAQ: CTSO) hit a record after an upgrade, and Fabrikam "
               "(NYSE: FBRK) fell 3%. Analysts raised targets across the sector.")
_TABLE = "| Portfolio | Author | Weight |\n|---|---|---|\n| Simple Buy and Hold Strategy | A. Writer | 10% |"
_DISCLAIMER = "Stocks are ranked by our analysts using proprietary scores. Past performance is no guarantee of future results."


def test_a_ranking_page_is_located_and_commentary_tickers_stay_out(spec_of):
    part = locate_strategy(Document.from_text("\f".join(
        [_COMMENTARY, "Each month, rank the sector funds XLB, XLE, XLF, XLK by 6-month return and hold the top 2.", _TABLE])))
    assert part.pages == [2]
    spec = spec_of(_COMMENTARY, "Each month, rank the sector funds XLB, XLE, XLF, XLK by 6-month return and hold the top 2.")
    assert spec.universe.symbols == ["XLB", "XLE", "XLF", "XLK"] and spec.ranking.top_n == 2


def test_rankings_and_holdings_on_other_pages_are_not_the_strategy(spec_of):
    # a disclaimer's "ranked" and a results table's "Buy and Hold Strategy" make no rule for the strategy page
    with pytest.raises(NoStrategyFound):
        spec_of(_TABLE, "We like the fund XLU for its yield and will write more about it soon.", _DISCLAIMER)
    spec = spec_of(_TABLE, "Buy XLU when its 20-day EMA crosses above its 50-day EMA; sell on the opposite cross.",
                   _DISCLAIMER)
    assert spec.ranking is None and spec.universe.symbols == ["XLU"]
    assert {e.page for e in spec.evidence if e.page is not None} == {2}


def test_an_analyst_note_beside_a_short_rule_stays_out(spec_of):
    note = ("Desk notes. The bank has a buy rating on Contoso (NASDAQ: CTSO) after its shares rose above the 50-day "
            "moving average. Fabrikam (NYSE: FBRK) slid 3% as funds sold.")
    part = locate_strategy(Document.from_text(note + "\fBuy XLB when its 20-day EMA crosses above its 100-day EMA."))
    assert part.pages == [2]
    spec = spec_of(note, "Buy XLB when its 20-day EMA crosses above its 100-day EMA.")
    assert spec.universe.symbols == ["XLB"] and {e.page for e in spec.evidence} == {2}
    with pytest.raises(NoStrategyFound):
        spec_of(note)


# --- multi-page PDFs: a strategy page among commentary, advice, disclaimer and table pages -----------------
# Every page below is written for these tests; the PDFs are real files built with PyMuPDF and loaded through
# load_document, as a user's would be.

WRAP = ("Weekly Wrap\n\nStocks closed higher as large technology names led. NVDA rose 7.2% after results, while AAPL "
        "and MSFT added 2% each. Small caps (IWM) slipped 1.1% as yields rose 14 basis points, and long bonds such "
        "as TLT fell 2.8%. Gold (GLD) was flat and XLE gained 3% as crude rallied above its 50-day moving average.\n\n"
        "We remain overweight quality and underweight utilities (XLU). Momentum stays strong: the index is above "
        "its 200-day moving average for a 40th week, and short-term RSI readings on QQQ are above 70.")
ADVICE = ("Technical Picture\n\nThe S&P 500 fund (SPY) closed the month 6% above its 200-day moving average and "
          "breadth improved to 68%. If SPY holds above 510, we would add to equity exposure on weakness. A close "
          "below the 50-day average could open a move toward 480, where we would look to buy.\n\nInvestors who buy "
          "the dip when the VIX spikes above 30 have been rewarded historically. Some traders sell premium when "
          "volatility is this low. Our favourite ideas are LLY, UNH and JPM; we trimmed DIS after it fell 9%.")
NOTICE = ("Important Disclosures\n\nThis material is for information only and is not an offer to buy or sell any "
          "security, including SPY, QQQ, IWM or any fund named. Past performance is not indicative of future results. "
          "The firm may hold positions in AAPL, MSFT and NVDA. Trading futures (ES, NQ) and currencies (EUR/USD) "
          "carries a high level of risk.")
FUNDS = ("Performance Summary\n\nTicker   1M     3M     YTD\nSPY      2.1%   5.4%   11.2%\nQQQ      3.4%   7.9%   14.8%\n"
         "EFA      1.5%   3.3%    6.7%\nAGG     -0.4%   0.2%   -1.1%\n\nTop Holdings\nAAPL  Apple Inc   7.1%\n"
         "MSFT  Microsoft Corp   6.8%\nNVDA  NVIDIA Corp   5.9%")
WARNING = ("Risk Warning\n\nStop-loss orders do not guarantee an exit at the stated price; in fast markets a stop set "
           "5% below the entry may fill far lower. Commissions of $4.95 per trade reduce returns. Leveraged funds such "
           "as TQQQ and SQQQ reset daily and are not suitable for long holding periods.")
FILLERS = {"wrap": WRAP, "advice": ADVICE, "notice": NOTICE, "funds": FUNDS, "warning": WARNING}
STRATEGY_PAGES = {
    "cross": ("Strategy Rules\n\nWe trade one market, the Dow Jones fund DIA, on daily bars.\nEntry: buy when the "
              "50-day SMA crosses above the 150-day SMA.\nExit: sell when the 50-day SMA crosses back below the "
              "150-day SMA.\nRisk: a stop loss 8% below the entry price.", ["DIA"]),
    "rotation": ("Sector Rotation Model\n\nUniverse: XLK, XLV, XLF, XLY, XLI, XLB\nAt the end of each month, rank "
                 "the six sector funds by their 6-month return and hold the top 2 in equal weight.", 
                 ["XLK", "XLV", "XLF", "XLY", "XLI", "XLB"]),
    "reversion": ("The Setup\n\nThis is a short-term mean reversion system. Buy when the 2-period RSI closes below "
                  "10 and the close is above the 200-day moving average. Sell when the 2-period RSI rises above 70. "
                  "We tested it on the Russell 2000 fund (IWM).", ["IWM"]),
    "timing": ("How the model trades\n\nThe model holds the Nasdaq 100 fund QQQ while its close is above the "
               "10-month simple moving average and moves to cash when it closes below.", ["QQQ"]),
    "untickered": ("Trading Plan\n\nGo long when the 20-day EMA crosses above the 50-day EMA; exit when the 20-day "
                   "EMA crosses below the 50-day EMA. Take profit at 15%.", []),
}


def _pdf(texts: list[str]) -> Document:
    """A real PDF, one text a page, loaded as a user's PDF is."""
    import pymupdf

    from foa.documents.load import load_document

    pdf = pymupdf.open()
    for text in texts:
        page = pdf.new_page()
        assert page.insert_textbox(pymupdf.Rect(36, 36, page.rect.width - 36, page.rect.height - 36), text,
                                   fontsize=9, fontname="helv") >= 0
    data = pdf.tobytes()
    pdf.close()
    return load_document(data, name="note.pdf", progress=False)


@pytest.mark.parametrize("strategy", sorted(STRATEGY_PAGES))
@pytest.mark.parametrize("layout", [("wrap", None, "notice"), ("advice", None, "funds"), (None, "advice", "wrap"),
                                    ("funds", "advice", None), ("warning", None, "wrap")])
def test_a_strategy_page_among_other_pages_gives_its_own_universe_and_evidence(strategy, layout):
    text, symbols = STRATEGY_PAGES[strategy]
    doc = _pdf([text if x is None else FILLERS[x] for x in layout])
    page = layout.index(None) + 1
    assert locate_strategy(doc).pages == [page]
    spec = extract_offline(doc)
    assert spec.universe.symbols == symbols
    assert {e.page for e in spec.evidence} == {page}


def test_averages_quoted_by_commentary_never_become_filters_of_a_ranking(spec_of):
    text, symbols = STRATEGY_PAGES["rotation"]
    spec = spec_of(WRAP, text, NOTICE)
    assert spec.ranking is not None and spec.ranking.top_n == 2
    assert spec.entry is None and spec.exit is None  # no "close above its 200-day average" filter
    assert spec.universe.symbols == symbols


def test_advice_and_hearsay_are_not_rules_to_the_locator():
    from foa.extract.offline.locate import _score

    assert _score("If SPY holds above 510, we would add to equity exposure on weakness.") < 3
    assert _score("Investors who buy the dip when the VIX spikes above 30 have been rewarded historically.") < 3
    assert _score("Buy when the 2-period RSI closes below 10.") == 3


def test_a_commentary_page_of_advice_alone_is_no_strategy(spec_of):
    with pytest.raises(NoStrategyFound):
        spec_of(ADVICE)


def test_a_warning_about_stops_is_no_stop_to_the_locator():
    from foa.extract.offline.locate import _score

    assert _score("In fast markets a stop set 5% below the entry may fill far lower.") < 1
    assert _score("Risk: a stop loss 8% below the entry price.") > 0


def test_a_horizon_is_no_position_to_the_locator():
    from foa.extract.offline.locate import _score

    assert _score("Short-term RSI readings on QQQ are above 70, a sign of stretched momentum.") == 0


def test_an_unread_rule_on_the_strategy_page_is_refused_not_replaced_by_commentary(spec_of):
    rule = "Model rules\n\nEach week compare the two funds and hold whichever has the higher 12-week return."
    with pytest.raises(NoStrategyFound):
        spec_of(rule, ADVICE)


def test_a_rule_stated_without_a_condition_word_keeps_its_page():
    doc = Document.from_text("\f".join(("Entry rules\n\nBuy when the 5-day RSI is below 20.",
                                        "Exit rules\n\nExit: RSI(5) > 60", NOTICE)))
    assert locate_strategy(doc).pages == [1, 2]


CODE_PAGE = ("def next(self):\n    if not self.position:\n        if self.rsi[0] < 25:\n            self.buy()\n"
             "    elif self.rsi[0] > 65:\n        self.close()\n")


def test_platform_code_states_rules_to_the_locator():
    from foa.extract.offline.locate import _page_score

    from foa.extract.offline.locate import _code_rules

    assert _code_rules(CODE_PAGE) == 2 and _page_score(CODE_PAGE).rules >= 2
    assert _code_rules("if (crossover(fast, slow))\n    strategy.entry(\"L\", strategy.long)\nplot(fast)\n") == 1
    assert _page_score("x = 1;\ny = compute(x);\nprint(y)\n").rules == 0


def test_a_code_page_among_advice_and_commentary_is_the_strategy():
    doc = _pdf([ADVICE, CODE_PAGE, WRAP])
    assert locate_strategy(doc).pages == [2]
    spec = extract_offline(doc)
    assert spec.universe.symbols == [] and {e.page for e in spec.evidence} == {2}


def test_when_no_page_reads_as_a_rule_commentary_and_disclaimers_stay_out():
    text = "Tactical notes\n\nThe allocation follows the tactical model described in our handbook, reviewed by the desk."
    doc = Document.from_text("\f".join((WRAP, text, NOTICE)))
    assert locate_strategy(doc).pages == [2]
    doc = Document.from_text("\f".join((WRAP, NOTICE)))
    assert locate_strategy(doc).pages == [1, 2]  # nothing else is left: the whole document


# --- an indicator tutorial: what the indicator is and which signals it gives, and no trade of its own -----------
TUTORIALS = [
    "The stochastic oscillator compares a closing price with its range over 14 periods. A buy signal is generated when "
    "%K crosses above %D below 20, and a sell signal when %K crosses below %D above 80.",
    "The Commodity Channel Index is a momentum oscillator. A move above +100 is considered a buy signal, while a drop "
    "below -100 is a sell signal. The default length is 20.",
    "Williams %R is an oscillator that moves between 0 and -100. When it crosses -80 from below, it is a buy signal; a "
    "cross of -20 from above is a sell signal. No indicator guarantees success.",
    "MACD is a trend-following indicator. A bullish signal is given when the MACD line crosses above its 9-period "
    "signal line; a bearish signal when it crosses below.",
    "The Money Flow Index (MFI) is a volume-weighted RSI. Readings under 20 signal a buy, readings over 80 signal a sell.",
    "The RSI indicator measures the speed of price moves. Crossing above 30 generates a buy signal and crossing below "
    "70 generates a sell signal.",
]


@pytest.mark.parametrize("text", TUTORIALS)
def test_an_indicator_tutorial_is_no_strategy(spec_of, text):
    from foa.extract.offline.locate import indicator_tutorial

    assert indicator_tutorial(text)
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("text", [
    "The RSI is an oscillator. A buy signal is generated when RSI(2) drops below 10; we buy SPY at the close and sell "
    "when RSI(2) rises above 70.",
    "Keltner Channels are a volatility indicator. The breakout strategy gives a buy signal when the close crosses above "
    "the upper band (20-day EMA plus 2 ATR) and a sell signal when it crosses below the lower band.",
    "MACD is a trend indicator. A buy signal is given when the MACD line crosses above the signal line. Trade it on QQQ with a 5% "
    "stop loss.",
    "The CCI is a momentum oscillator. Buy when the 20-day CCI crosses above -100 and sell when it crosses below 100.",
    "The stochastic is an oscillator. Our rules: a cross of the 14-day %K above 20 is a buy signal, a cross below 80 a "
    "sell signal.",
])
def test_signals_an_author_trades_are_a_strategy_though_the_indicator_is_explained(spec_of, text):
    assert spec_of(text).entry is not None


def test_the_tutorial_test_reads_definition_signal_and_the_absence_of_a_trade():
    from foa.extract.offline.locate import indicator_tutorial

    lesson = "Williams %R is an oscillator from 0 to -100. A cross above -80 is a buy signal."
    assert indicator_tutorial(lesson)
    assert not indicator_tutorial("A cross above -80 is a buy signal.")  # no indicator defined
    assert not indicator_tutorial("Williams %R is an oscillator from 0 to -100.")  # no signal
    assert not indicator_tutorial(lesson + " I take it on SPY with a stop loss at 5%.")
    assert not indicator_tutorial(lesson + " The backtest covers 2010-2020.")


# --- more multi-page PDFs: news, an earnings calendar, a reader's question, an outlook, a performance page,
# a glossary and an author's note around strategy pages without a heading, in code, on a pair or a coin ---------
OTHER_PAGES = {
    "news": "Apple (AAPL) and Microsoft (MSFT) led the Nasdaq higher as investors bought large technology names ahead "
            "of earnings. Shares of Tesla (TSLA) lagged after a recall. Oil majors XOM and CVX were flat while crude "
            "held near $80.",
    "calendar": "Earnings calendar this week: MSFT and GOOGL report Tuesday, META on Wednesday, AMZN and AAPL on "
                "Thursday. Options imply moves of 4-7%. We have no position in these names.",
    "question": "Reader question: should I sell my VTI when the market drops 10%? Answer: history says staying "
                "invested beats timing for most people. Those who sold SPY in March 2020 missed the rebound.",
    "outlook": "Our outlook for the quarter: we expect XLF and XLE to outperform as rates stay higher. If inflation "
               "cools, TLT could rally 10%. We would buy NVDA on a pullback to its 50-day average and trim AAPL "
               "above $200.",
    "record": "How did the model do? Since inception it returned 11.2% a year versus 9.8% for SPY and 7.1% for a "
              "60/40 mix of VTI and BND. The worst drawdown was 14% in 2022, when QQQ fell 33%.",
    "glossary": "Glossary. SMA: simple moving average, the mean of the last N closes. RSI: relative strength index. "
                "ETF: exchange-traded fund, e.g. SPY or QQQ. Drawdown: the fall from a peak.",
    "author": "About the author. Jane Doe has 20 years of experience at two banks and manages the ABC Growth Fund "
              "(ABCGX). The author may hold positions in NVDA, AMD and META.",
}
RULE_PAGES = {
    "plain": ("We buy DIA when its 10-day EMA crosses above its 50-day EMA and sell when the 10-day EMA crosses back "
              "below the 50-day EMA. A 7% stop loss applies.", ["DIA"]),
    "named": ("The emerging markets fund (EEM) is bought when its close rises above the 100-day SMA and sold when "
              "the close falls below it.", ["EEM"]),
    "code": ("symbol = 'TLT'\nfast = ta.sma(close, 15)\nslow = ta.sma(close, 60)\nif ta.crossover(fast, slow)\n"
             "    strategy.entry('L', strategy.long)\nif ta.crossunder(fast, slow)\n    strategy.close('L')", ["TLT"]),
    "pair": ("Pair: EUR/USD on daily bars. Buy when RSI(14) crosses above 30; sell when RSI(14) crosses below 70.",
             ["EUR/USD"]),
    "coin": ("We trade BTC-USD on daily candles. Buy when the close crosses above the 100-day SMA; sell when it "
             "crosses below.", ["BTC-USD"]),
    "none": ("Go long when the 5-day SMA crosses above the 20-day SMA; exit on the cross back below. Trade on daily "
             "bars.", []),
}


@pytest.mark.parametrize("rule, layout", [
    ("plain", ("news", None, "calendar")), ("plain", (None, "author", "record")), ("named", ("question", "outlook", None)),
    ("named", ("glossary", None, "news")), ("code", ("outlook", None, "author")), ("code", (None, "record", "calendar")),
    ("pair", ("author", "news", None)), ("pair", ("calendar", None, "question")), ("coin", (None, "glossary", "outlook")),
    ("coin", ("record", None, "news")), ("none", ("news", None, "author")), ("none", ("outlook", "record", None)),
])
def test_the_universe_and_evidence_come_from_the_rule_page_of_a_pdf(rule, layout):
    text, symbols = RULE_PAGES[rule]
    doc = _pdf([text if x is None else OTHER_PAGES[x] for x in layout])
    page = layout.index(None) + 1
    spec = extract_offline(doc)
    assert spec.universe.symbols == symbols
    assert {e.page for e in spec.evidence} == {page}


@pytest.mark.parametrize("layout", [("news", "calendar", "author"), ("outlook", "record"), ("question", "glossary", "news")])
def test_a_pdf_of_commentary_pages_alone_is_no_strategy(layout):
    with pytest.raises(NoStrategyFound):
        extract_offline(_pdf([OTHER_PAGES[x] for x in layout]))


# --- a text of commentary and advice alone (what moved, what someone would buy) is no strategy ------------------
@pytest.mark.parametrize("text", [
    OTHER_PAGES["outlook"],
    "We would add to XLK on a dip toward its 100-day moving average; semis rallied 4% on Friday.",
    "You might trim positions when a fund is more than 10% above its 200-day average. Stocks rose 2% this week.",
    "Some traders buy GLD when it holds above the 50-day line. Gold gained 1.5% as the dollar slid.",
    "If the S&P 500 holds 5,000, we could see buyers step in near the 20-day EMA; NVDA jumped 6% after results.",
])
def test_commentary_and_advice_alone_are_no_strategy(spec_of, text):
    from foa.extract.offline.locate import commentary_only

    assert commentary_only([text])
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("text", [
    "Stocks rose 2% this week. Our rule: buy XLK when its 20-day EMA crosses above its 100-day EMA; sell on the reverse cross.",
    "NVDA jumped 6% after results. We buy SMH when RSI(2) is under 10 and sell when it is over 70.",
    "Gold gained 1.5% as the dollar slid. Entry: GLD close > SMA(50). Exit: GLD close < SMA(50).",
    "We would never chase a rally. The system buys DIA when the 10-day SMA crosses above the 40-day SMA.",
    "Semis rallied 4% on Friday. Each month, rank SOXX, XLK and XLV by 3-month return and hold the top 1.",
])
def test_a_rule_beside_commentary_is_still_read(spec_of, text):
    from foa.extract.offline.locate import commentary_only

    assert not commentary_only([text])
    assert spec_of(text).universe.symbols
