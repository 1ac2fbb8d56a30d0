"""Document level: where the strategy is stated, and what is read from there only."""

from __future__ import annotations

from foa.extract.offline import locate_strategy

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
