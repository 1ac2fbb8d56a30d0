"""A line break inside a sentence (a narrow PDF column, text copied from a web page) reads as a space,
while real structure (list items, headings, code, settings lines, paragraphs) keeps its lines."""

from __future__ import annotations

import pytest

from foa.documents.model import Document
from foa.extract.evidence import verify_evidence
from foa.extract.offline import extract_offline
from foa.extract.offline.text import clauses_of

# sentences of the same classes, varying the verb, preposition, indicator, number format and sentence order
SENTENCES = {
    "rsi_levels": "Buy QQQ when the 10-day RSI is below 22. Sell when the 10-day RSI is above 68.",
    "cross": "Go long when the 20-day EMA crosses over the 100-day EMA, and exit when it crosses under it.",
    "order_first": "Whenever the 5-period RSI drops under 15 we buy IWM, and we sell once the 5-period RSI rises over 85.",
    "spelled": "We purchase shares of DIA if the closing price moves above its fifty-day simple moving average "
               "and we sell them when the close falls back below that average.",
    "stop": "Buy XLK when the 30-day SMA crosses above the 90-day SMA; sell when it crosses below. "
            "Use a stop loss of 7.5% on every trade.",
    "cci": "Enter a long trade in GLD as soon as the 20-bar CCI is less than -150 and leave it when the CCI "
           "climbs back above 0.",
}


def _key(spec) -> tuple:
    d = spec.model_dump(mode="json")
    return tuple(repr(d.get(k)) for k in ("universe", "entry", "exit", "direction", "risk", "unsupported", "frequency"))


def _spec(text: str):
    return extract_offline(Document.from_text(text))


@pytest.mark.parametrize("name", sorted(SENTENCES))
def test_a_sentence_wrapped_at_any_word_boundary_gives_the_unwrapped_spec(name):
    text = SENTENCES[name]
    want = _key(_spec(text))
    words = text.split(" ")
    for k in range(1, len(words)):
        wrapped = " ".join(words[:k]) + "\n" + " ".join(words[k:])
        assert _key(_spec(wrapped)) == want, wrapped


@pytest.mark.parametrize("name", ["rsi_levels", "cross", "order_first"])
def test_a_sentence_wrapped_into_a_narrow_column_gives_the_unwrapped_spec(name):
    text = SENTENCES[name]
    want = _key(_spec(text))
    for width in (12, 18, 25, 35, 45):
        lines, line = [], ""
        for w in text.split(" "):
            if line and len(line) + 1 + len(w) > width:
                lines.append(line)
                line = w
            else:
                line = f"{line} {w}".strip()
        lines.append(line)
        assert _key(_spec("\n".join(lines))) == want, (width, lines)


def test_a_quote_spanning_the_wrap_verifies_as_evidence():
    doc = Document.from_text("Buy SPY when the 14-day RSI is\nbelow 25. Sell when the 14-day RSI\nis above 75.")
    spec = verify_evidence(extract_offline(doc), doc)
    assert spec.entry.right.value == 25.0 and spec.exit.right.value == 75.0
    assert spec.evidence and all(e.verified for e in spec.evidence)
    assert any("\n" in e.quote for e in spec.evidence)


def _lines(text: str) -> list[str]:
    return [c.orig for c in clauses_of(text, page=1)]


@pytest.mark.parametrize("text, want", [
    # list items, with or without markers
    ("- Buy when RSI is below 30\n- Sell when RSI is above 70", ["Buy when RSI is below 30", "Sell when RSI is above 70"]),
    ("1. buy the open\n2. sell the close", ["buy the open", "sell the close"]),
    ("10 week MA\n30 week MA\nRisk per trade: 1%", ["10 week MA", "30 week MA", "Risk per trade: 1%"]),
    ("A crossover signals a buy\nA crossunder signals a sell", ["A crossover signals a buy", "A crossunder signals a sell"]),
    ("crossover signals a buy\n10/20 crossunder signals a sell", ["crossover signals a buy", "10/20 crossunder signals a sell"]),
    ("buy when the close is above the band\nsell when it is below the band",
     ["buy when the close is above the band", "sell when it is below the band"]),
    # headings
    ("Entry rules:\nthe close is above the 50-day SMA", ["Entry rules:", "the close is above the 50-day SMA"]),
    ("## Exit\nwhen the RSI is above 70", ["## Exit", "when the RSI is above 70"]),
    # settings lines
    ("fast_period: 10\nslow_period: 30", ["fast_period: 10", "slow_period: 30"]),
    ("RSI length: 14\nOversold level: 25", ["RSI length: 14", "Oversold level: 25"]),
    # code
    ("def on_bar(self, bar):\n    if self.rsi < 30:\n        self.buy()",
     ["def on_bar(self, bar):", "if self.rsi < 30:", "self.buy()"]),
    ("if (close > sma(close, 50) and\n    rsi < 30) {\n  buy();\n}",
     ["if (close > sma(close, 50) and", "rsi < 30) {", "buy();", "}"]),
    ("fast = ta.sma(close, 10)\nslow = ta.sma(close, 30)", ["fast = ta.sma(close, 10)", "slow = ta.sma(close, 30)"]),
    # paragraphs and table rows
    ("We buy the index when the\n\nmarket opens the next day.", ["We buy the index when the", "market opens the next day."]),
    ("| RSI period | 14 |\n| Threshold | 25 |", ["| RSI period | 14 |", "| Threshold | 25 |"]),
    ("----\nthe rules below apply to all trades", ["----", "the rules below apply to all trades"]),
])
def test_structure_keeps_its_lines(text, want):
    got = _lines(text)
    assert not any("\n" in c for c in got), got  # no clause spans two of the lines
    assert all(any(w in c or c in w for c in got) for w in want if w.strip("-")), got


@pytest.mark.parametrize("text", [
    "Buy SPY when the 14-day RSI is\nbelow 25.",
    "Buy when the\n50-day SMA crosses above the 200-day SMA.",
    "Buy when the 50-day SMA crosses\nabove the 200-day SMA.",
    "Buy SPY when\nthe 50-day SMA rises over the 200-day SMA.",
    "We go long the S&P\n500 index whenever the RSI is low.",
    "Sell the fund (TLT)\nwhen its 3-day RSI exceeds 80.",
    "- Buy when the RSI is\n  below 25 and the close is above the band",
])
def test_a_wrapped_sentence_is_one_clause(text):
    got = _lines(text)
    assert len(got) == 1 and got[0] == text, got


def _pdf(text: str, width: float):
    import pymupdf

    from foa.documents.load import load_document

    pdf = pymupdf.open()
    page = pdf.new_page()
    assert page.insert_textbox(pymupdf.Rect(36, 36, 36 + width, 700), text, fontsize=11, fontname="helv") >= 0
    data = pdf.tobytes()
    pdf.close()
    return load_document(data, name="note.pdf", progress=False)


PDF_TEXTS = [
    "Our plan: we buy the Nasdaq 100 fund (QQQ) whenever the 10-day RSI is below 22, and we sell it again "
    "when the 10-day RSI is above 68.",
    "The portfolio goes long the small-cap fund IWM as soon as its 20-day EMA crosses over the 100-day EMA "
    "and closes the position when the 20-day EMA crosses under the 100-day EMA.",
]


@pytest.mark.parametrize("text", PDF_TEXTS)
def test_a_pdf_sentence_in_a_narrow_box_gives_the_one_line_spec(text):
    want = _key(_spec(text))  # the sentence on one line
    for width in (150, 200, 230, 260, 300, 400, 520):
        doc = _pdf(text, width)
        assert doc.page(1).text.strip().count("\n") >= 1  # the box really wraps the sentence
        spec = verify_evidence(extract_offline(doc), doc)
        assert _key(spec) == want, (width, doc.page(1).text)
        assert all(e.verified for e in spec.evidence)


# --- a numbered sub-list starting again is a new item, never the number a line broke off at ------------------------


@pytest.mark.parametrize("text, level", [
    ("Rules:\n1. a long position when the close crosses above the 40-day SMA\n2. a short position when the close "
     "crosses below the 40-day SMA and stays below\n1. longs need RSI(14) above 50\n2. shorts need RSI(14) below 50", 1),
    ("1. Go long when the close rises above the 40-day EMA\n2. Go short when the close drops under\n1. the 40-day EMA "
     "on a closing basis", 1),
    ("Entry:\n1. buy when the close is above the 40-day SMA\n2. sell short when the close falls below\n2. the 40-day SMA "
     "is checked at the close", 2),
])
def test_a_list_starting_again_is_no_level(spec_of, text, level):
    spec = spec_of(text)
    assert f"< {level}" not in str(spec.short_entry) and f"> {level}" not in str(spec.short_entry)


@pytest.mark.parametrize("text, want", [
    ("1. Buy when the 10-day RSI is below\n25. Sell when it is above 70.", "rsi(10) < 25"),
    ("1. Enter long once RSI(5) drops under\n15 and the close is above the 200-day SMA.", "rsi(5) crosses_below 15"),
])
def test_a_number_after_the_break_still_ends_the_sentence(spec_of, text, want):
    assert want in str(spec_of(text).entry)
