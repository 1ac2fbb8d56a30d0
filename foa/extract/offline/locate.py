"""Where a document states its strategy: the pages dense with rule-like sentences.

``locate_strategy(doc)`` scores every page by its rule-like sentences (an action word of the lexicon in
the same sentence as a condition word and an indicator name or a comparator; stops and targets) and by
the headings that announce rules ("Entry rules", "Strategy", "Exit"), then keeps the best page and the pages that come near it. Market
commentary, news, disclaimers and result tables around the strategy score low and fall outside: the
offline extractor reads the universe, frequency, costs and risk only inside the located part (tickers
named elsewhere never enter the universe), and a caller can bound the work on a huge text to the pages
it returns. It reads each page once with a handful of regular expressions, without the full parse.

>>> from foa.documents.model import Document
>>> doc = Document.from_text("Stocks rallied; AAPL and MSFT led.\\fBuy SPY when the 50-day SMA crosses above the "
...                          "200-day SMA.\\fPast performance is no guarantee of future results.")
>>> locate_strategy(doc).pages
[2]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from foa.extract.offline import lexicon

__all__ = ["StrategyPart", "commentary_only", "indicator_script", "indicator_tutorial", "is_hearsay", "is_marketing", "locate_strategy", "orders_commented_out", "research_abstract", "secondhand", "secondhand_only"]

_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n\s*\n|\n(?=\s*(?:[-*\u2022]|\d+[.)])\s)")
_ACTION = re.compile(lexicon.alternation(tuple(w for ws in lexicon.ACTIONS.values() for w in ws)
                                         + lexicon.HOLDING_WORDS + ("long", "enter", "entry", "exit", "go long", "go short")),
                     re.I)
# "we move our money into stocks when ...": money moved into or out of a holding is an action too
_MONEY_MOVE = re.compile(lexicon.MONEY_MOVE + "|" + lexicon.MONEY_MOVE_OUT, re.I)
_INDICATOR = re.compile(lexicon.alternation(tuple(w for w in lexicon.INDICATOR_WORDS if len(w) > 1)
                                            + ("moving average", "crossover", "breakout", "channel", "band")), re.I)
_COMPARE = re.compile(rf"{lexicon.CROSS_UP}|{lexicon.CROSS_DOWN}|\b(?:above|below|under|over|exceeds?|cross\w*)\b|[<>]",
                      re.I)
_RISK = re.compile(r"\b(?:stop[- ]?loss|trailing\s+stop|take[- ]?profit|profit\s+target)\b"
                   # "a hard stop sits 6% under the purchase price", "the target is 10% above the entry"
                   r"|\b(?:stops?|targets?)\b[^.;\n]{0,40}?\d+(?:\.\d+)?\s*%", re.I)
_RULE_HEADING = re.compile(r"^\s*(?:#+\s*|\*\*)?(?![^\n]*\|)[^\n]{0,40}\b(?:rules?|strategy|entry|entries|exit|signals?|setup|system|"
                           r"method(?:ology)?|logic|parameters|settings|inputs)\b[^\n]{0,40}$", re.I | re.M)
_CONDITION = re.compile(r"\b(?:when|whenever|if|once|while|as\s+soon\s+as|only\s+if)\b", re.I)
# a ranking that chooses: "hold the top 3 performers", "rank by 6-month return", "the strongest sectors"
# "hold whichever has the higher 12-week return"
_RANKING = re.compile(r"\b(?:rank(?:s|ed|ing)?|top\s+(?:\d+|decile|quintile|quartile|tercile|third|half)|best[- ]performing|whichever|"
                      r"(?:higher|stronger|better|greater)\s+(?:\d+[- ]\w+\s+)?(?:momentum|returns?|performance)|"
                      r"(?:strongest|weakest|highest|lowest)\s+(?:\d+[- ]\w+\s+)?(?:momentum|returns?|performers?|performance|sectors?|assets?|etfs?))\b",
                      re.I)


@dataclass(frozen=True)
class StrategyPart:
    """The pages that state the strategy (``pages``, in document order) and each page's rule score."""

    pages: list[int]
    scores: dict[int, float] = field(default_factory=dict)

    def __contains__(self, page: int) -> bool:
        return page in self.pages


_PAST = re.compile(r"\b(?:bought|sold|went\s+(?:long|short)|shorted|added|trimmed|exited|entered|rose|fell|rallied|dropped|"
                   r"climbed|slid|jumped|surged|tumbled|plunged|gained|closed|traded|broke|moved|shifted|switched|rotated|poured)\b", re.I)
# an analyst's rating or target: commentary about a stock, not a rule
_RATING = re.compile(r"\b(?:buy|sell|hold|overweight|underweight|outperform|underperform|neutral)\s+rating\b|\bprice\s+target\b"
                     r"|\b(?:upgraded|downgraded|upgrades|downgrades)\b", re.I)


# "short-term momentum", "long-duration bonds", "a long-term trend": a horizon, not a position taken
_HORIZON = re.compile(r"\b(?:long|short)[- ](?:term|duration|dated|run|lived|maturity|end)\b", re.I)


# advice and hearsay rather than a rule: "we would add on weakness", "some traders sell premium",
# "investors who buy the dip have been rewarded historically"
_HEDGE = re.compile(r"\b(?:we|i|you|they|one)\s+(?:would|could|might)\b|\b(?:some|many|most|few)\s+(?:traders|investors|analysts|clients|funds)\b"
                    r"|\b(?:investors|traders|clients|buyers)\s+who\b|\bhistorically\b|\b(?:have|has)\s+been\s+(?:rewarded|profitable|successful)\b"
                    r"|\bwe\s+(?:like|prefer|favou?r|remain|stay)\b"
                    # "we stay long while ...", "we remain invested as long as ...": a position the rule keeps, not a view
                    r"(?!\s+(?:long|short|invested|in\s+cash|flat|out|in\s+the\s+market|in\s+(?:the|a|our)\s+position))", re.I)


def is_hearsay(text: str) -> bool:
    """Whether a sentence is advice or hearsay rather than a rule ("investors who buy the dip have been rewarded").

    >>> is_hearsay("Some traders buy when the VIX spikes."), is_hearsay("Buy when the VIX is above 30.")
    (True, False)
    """
    return bool(_HEDGE.search(text))


_WARNING = re.compile(r"\b(?:may|might|could|cannot|can't|do(?:es)?\s+not|don't|doesn't|no\s+guarantee|not\s+guaranteed)\b", re.I)
# a market report: a move in the past tense with its size ("NVDA rose 7.2%", "yields climbed 14 basis points")
_REPORT = re.compile(_PAST.pattern + r"[^.;\n]{0,40}?(?:\d+(?:\.\d+)?\s*%|\bbasis\s+points\b|\bbps\b|\$\d)", re.I)


# a disclaimer's stock phrases: two on a page make it a disclaimer
_DISCLAIMER = re.compile(r"\bnot\s+(?:an?\s+)?(?:offer|solicitation|investment\s+advice|financial\s+advice|recommendation)\b|\bpast\s+performance\b"
                         r"|\bfor\s+information(?:al)?\s+(?:purposes\s+)?only\b|\bconsult\s+(?:your|a)\s+(?:financial|investment|tax)\b"
                         r"|\brisk\s+warning\b|\bdisclosures?\b|\bnot\s+(?:be\s+)?suitable\s+for\s+all\s+investors\b|\bhigh\s+level\s+of\s+risk\b"
                         r"|\bloss\s+of\s+(?:the\s+)?principal\b|\bno\s+position\s+in\b|\bnothing\s+(?:here|herein|in\s+this)\b", re.I)


# an indicator tutorial: it says what an indicator is and which signals it gives, and trades nothing itself
_DEFINES = re.compile(r"\b(?:is|are)\s+(?:an?|the)\s+(?:[\w%'-]+\s+){0,3}?(?:oscillator|indicator|technical\s+indicator|tool|measure)s?\b"
                      rf"|\b(?:is|are)\s+(?:an?|the)\s+(?:[\w%'-]+\s+){{0,3}}?{_INDICATOR.pattern}"
                      r"|\b(?:introduced|developed|created|invented|devised|populari[sz]ed|designed)\s+by\b"  # "the CCI was developed by Lambert"
                      # "this indicator combines two tools", "the study plots ...", a section "How to interpret it"
                      r"|\b(?:this|the|our|my)\s+(?:[\w-]+\s+){0,2}?(?:indicator|oscillator|study|overlay|script)\s+(?:combines|uses|plots|shows|displays"
                      r"|draws|measures|helps|identifies|highlights|consists|colou?rs|paints|marks|is\s+designed|is\s+built|is\s+based)\b"
                      r"|\bhow\s+to\s+(?:interpret|read)\s+(?:it|this|the)\b"
                      r"|\bthe\s+(?:[\w%'-]+\s+){0,3}?(?:oscillator|indicator)\s+(?:measures|shows|compares|helps|moves|oscillates|fluctuates|ranges"
                      r"|is\s+calculated|plots|consists|tracks)\b|\busing\s+this\s+(?:indicator|oscillator)\b", re.I)
_SIGNAL_SAID = re.compile(r"\b(?:is|as|gives?|generates?|produces?|triggers?|creates?|considered)\s+(?:an?\s+)?(?:potential\s+|possible\s+)?"
                          r"(?:buy|sell|bullish|bearish|long|short|entry|exit)\s+signals?\b"
                          r"|\b(?:buy|sell|bullish|bearish)\s+signals?\s+(?:is|are)\s+(?:generated|given|produced|triggered)\b"
                          r"|\bsignals?\s+(?:a|an)\s+(?:buy|sell|bullish|bearish)\b"
                          # "a buy signal occurs when ...", "is seen as a buying opportunity"
                          r"|\b(?:buy|sell|bullish|bearish|long|short)\s+signals?\s+(?:occurs?|appears?|happens?|arises?|forms?|emerges?|comes?)\b"
                          r"|\b(?:buying|selling|shorting)\s+opportunit(?:y|ies)\b|\bchance\s+to\s+(?:buy|sell)\b"
                          # a list titled "Bullish signals:" / "Bearish signals" under the indicator's description
                          r"|^[\W_]*(?:bullish|bearish)\s+signals?\s*:?[\W_]*$", re.I | re.M)
# what a signal means, told beside it ("..., which indicates that the asset leaves the oversold zone", "this suggests the
# trend may turn"): a lesson's gloss, in place of a definition of the indicator
_INTERPRETS = re.compile(r"\b(?:which|this|that|it)\s+(?:typically\s+|usually\s+|often\s+|generally\s+)?(?:indicates|suggests|means|signals"
                         r"|shows|implies|reflects|points\s+to|hints)\b", re.I)
# what a tutorial never has: a trade command or a trader trading, a stop or a target, orders, a back-test, a strategy
_TRADES = re.compile(r"(?:^|[.;:!?\n]\s*|\b(?:then|and)\s+)(?:[-*\u2022]\s*|\d+[.)]\s*)?(?:buy|sell|enter|exit|go\s+long|go\s+short|short|cover|trade"
                     r"|close\s+the\s+position|open\s+a\s+(?:long|short))\b"
                     r"|\b(?:we|i)\s+(?:will\s+|would\s+|then\s+)?(?:buy|sell|enter|exit|go\s+long|go\s+short|short|bought|sold|entered|exited"
                     r"|take|took|open|opened|close|closed|trade|traded|hold|held)\b"
                     r"|\bstop[- ]?loss|\btake[- ]?profit|\bprofit\s+target|\bstrategy\.|\border|\bposition\s+siz|\bback-?test"
                     r"|\b(?:strateg\w*|system|setup|trading\s+rules?|my\s+rules?|our\s+rules?)\b", re.I)


# A rule sentence the author reports rather than states: what others do or say (hearsay), a case put to the
# reader (a hypothetical), a verdict against trading it (a warning), a forecast of what a level would mean,
# or a rule quoted as an example of what a tool accepts. Each class names its words once; the verbs of the
# rule itself come from the lexicon, so every action and indicator of the grammar is covered.
# a trade of any role (the lexicon's action words) and the entries a hedged offer names ("a chance to add", "time to go long")
_ACT = ("(?:" + "|".join(sorted({re.escape(w) for ws in lexicon.ACTIONS.values() for w in ws if " " not in w}, key=len, reverse=True))
        + r"|go(?:ing)?\s+(?:long|short)|enter(?:ing)?|add(?:ing)?|get(?:ting)?\s+(?:in|out)|tak(?:e|ing)\s+(?:a\s+)?(?:long|short|position|profits?))\b")
_OTHERS = r"(?:traders|investors|chartists|technicians|analysts|people|folks|users|members|funds|speculators|pros|professionals|gurus)"
_SECONDHAND = re.compile(
    # hearsay: a rule that is popular, classic or conventional ("a popular approach is to go long when ...",
    # "the textbook rule tells you to buy ...", "conventional wisdom says ...")
    r"\b(?:a|an|the|one)\s+(?:\w+\s+)?(?:popular|common|classic|classical|standard|textbook|traditional|conventional|well[- ]known|widely[- ]used"
    r"|typical|usual|favou?rite|familiar|frequent|often[- ]quoted|oft[- ]cited)\s+(?:\w+\s+){0,2}?(?:approach|rule|method|technique|way|strategy"
    r"|interpretation|use|usage|reading|advice|wisdom|setup|tactic|trick|play|idea|recipe)s?\s+(?:is|are|says?|tells?|holds?|goes|suggests?|calls?)\b"
    r"|\b(?:conventional|common|popular|street|received)\s+wisdom\b|\b(?:an?|the)\s+old\s+(?:adage|saying|rule\s+of\s+thumb)\b"
    r"|\b(?:it\s+is|it's)\s+(?:very\s+|quite\s+|fairly\s+)?(?:common|popular|customary|usual|typical|standard\s+practice)\s+(?:for|to|among|practice)\b"
    r"|\b(?:is|are)\s+(?:very\s+|quite\s+)?(?:popular|common|widely\s+used|well\s+known)\s+(?:among|with)\b"
    # what someone else swears by, says, or was read or heard ("my friend swears by buying ...", "I've read that ...")
    r"|\b(?:my|a|one|our)\s+(?:friend|colleague|mentor|brother|sister|uncle|dad|father|coworker|co-worker|buddy|neighbou?r|cousin|boss)\b"
    rf"|\b(?:some|many|most|plenty\s+of|a\s+lot\s+of|lots\s+of|numerous|countless|certain)\s+(?:\w+\s+)?{_OTHERS}\b|\b(?:famously|reportedly)\b"
    r"|\bswears?\s+by\b|\b(?:i've|i\s+have|we've|we\s+have)\s+(?:read|heard|seen\s+(?:it\s+)?(?:said|claimed|written))\b"
    r"|\b(?:i|we)\s+(?:read|heard)\s+(?:that|somewhere|about|online|on)\b|\bsupposedly\b|\ballegedly\b|\brumou?r\s+(?:has\s+it|is)\b"
    r"|\bsome\s+(?:\w+\s+)?(?:take|treat|use|see|read|view|consider|interpret)\s+(?:it|this|that|them|these|as)\b|\bwhich\s+some\s+"
    rf"|\b{_OTHERS}\s+(?:on|in|at)\s+(?:the\s+|this\s+|our\s+|a\s+)?(?:forums?|reddit|twitter|youtube|discord|chat|boards?|subreddit|group)\b"
    rf"|\b{_OTHERS}\s+(?:\w+\s+){{0,2}}?(?:say|claim|swear|insist|recommend|suggest|advise)\b"
    # reported speech: "the manager explained that he buys when ...", "she said they sell once ..."
    r"|\b(?:said|says|explained|explains|told\s+\w+|noted|notes|argued|argues|claimed|claims|described|describes|mentioned|recalled|admitted)\s+"
    r"(?:\w+\s+){0,2}?(?:that\s+)?(?:he|she|they|his\s+(?:fund|team|desk)|her\s+(?:fund|team|desk))\s+(?:\w+\s+)?(?:buys?|sells?|shorts?|goes|go|trims?|exits?|enters?|holds?|adds?)\b"
    # how a reading is taken ("this is seen as a potential buying opportunity", "is regarded as a sell signal")
    r"|\b(?:is|are)\s+(?:\w+ly\s+)?(?:seen|viewed|regarded|interpreted|taken|treated|read)\s+as\b|\b(?:is|are)\s+(?:\w+ly\s+)?considered\s+(?:to\s+be\s+)?(?:a|an)\b"
    # news and reports: a firm's announcement ("launches an ETF that will hold ... , the firm announced"), a signal that
    # fired ("XLE triggered a buy when ..."), a desk's call ("remains a buy on dips ..., according to the chartist"),
    # a study question ("Exercise 2: a trader buys when ...")
    r"|\b(?:the\s+)?(?:firm|company|fund|manager|issuer|bank|exchange|spokes(?:person|man|woman)|analyst|strategist|chartist|desk)\s+"
    r"(?:said|says|announced|stated|noted|added|wrote|reported)\b|\b(?:launches|launched|unveils|unveiled|debuts|debuted|files\s+for|filed\s+for)\b"
    r"|\b(?:triggered|gave|flashed|generated|fired|printed|issued)\s+(?:a|an|its|the)\s+(?:\w+\s+)?(?:buy|sell|long|short|entry|exit)\b"
    r"|\b(?:remains|stays)\s+a\s+(?:buy|sell)\b|\baccording\s+to\s+(?!(?:the|our|my|these|this|its|their)\s+(?:\w+\s+)?(?:rules?|strategy|system|model|signals?|plan|method)\b)"
    r"|^\W*(?:study\s+)?(?:question|exercise|quiz|problem|task|homework)\s*\d*\s*[:.)]"
    # a case put to the reader ("suppose you had bought SPY every time ...", "imagine a trader who buys when ...")
    r"|\b(?:suppose|supposing|imagine|hypothetically|pretend|picture\s+(?:a|an|yourself))\b|\blet(?:'s|\s+us)\s+say\b"
    r"|\b(?:had\s+you|if\s+you\s+had|if\s+(?:one|someone|somebody|an?\s+\w+)\s+had)\s+(?:\w+\s+){0,2}?(?:bought|sold|shorted|followed|used|traded|held)\b"
    r"|\bwould\s+have\s+(?:been|made|lost|earned|returned|avoided|missed|gained|beaten|captured|doubled|underperformed|outperformed"
    r"|given|delivered|produced|yielded|generated|performed)\b"
    # a rule someone else's, quoted for what it says now ("the 10-month rule says we should sell", "his system told
    # him to buy"), or put as a question ("should we now sell equities?")
    r"|\b(?:the|this|that|a|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:rule|system|model|signal)\s+(?:says|said|tells\s+\w+|told\s+\w+"
    r"|suggests|suggested|implies|implied|dictates|dictated|calls\s+for|called\s+for)\b|\?[\s\"')\]\u201d]*$"
    r"|\b(?:a|an|the|any)\s+(?:trader|investor|person|someone|speculator|novice|beginner)\s+who\s+(?:\w+\s+)?(?:buys|sells|goes|shorts|trades|enters|exits|holds)\b"
    # a question put as a statement, or an idea weighed ("I want to know whether buying when ... works",
    # "thinking about a rule: go long when ...")
    r"|\b(?:wonder(?:s|ed|ing)?|curious|want\s+to\s+(?:know|find\s+out|see)|like\s+to\s+(?:know|find\s+out)|not\s+sure|unsure|ask(?:s|ed|ing)?"
    r"|no\s+idea)\s+(?:\w+\s+){0,2}?(?:whether|if)\b|\b(?:thinking|thought)\s+(?:about|of)\s+(?:\w+\s+)?(?:rule|strategy|system|idea|approach|setup|trying)\b"
    r"|\b(?:toying|playing|tinkering|flirting)\s+with\b"
    r"|\bstill\s+(?:exploring|testing|researching|investigating|thinking\s+(?:about|through)|working\s+(?:on|through))\b"
    # options offered rather than one rule ("one approach could be to purchase ...", "you can go long when ... or wait for
    # a pullback", "a cross above +100 can be used as a buy trigger")
    r"|\b(?:one|an?|another)\s+(?:\w+\s+)?(?:approach|option|way|idea|possibility|alternative|choice)\s+(?:could|would|might|may|is)\s+(?:be\s+)?to\b"
    r"|\b(?:you|one|traders?|investors?)\s+(?:can|could|may)\s+(?:\w+\s+)?(?:buy|sell|go|enter|exit|short|purchase)\b[^.;]*?\bor\s+(?:you\s+(?:can|could)\s+)?"
    r"(?:wait|use|look|simply|just|stay)\b"
    r"|\b(?:can|could|may|might)\s+(?:also\s+)?be\s+used\s+(?:as|for)\s+(?:an?\s+)?(?:\w+\s+)?(?:trigger|signal|entry|exit|confirmation)s?\b"
    # what a trader "could" do, and what an order "could be part of" ("a trader looking to make a bearish trade could open a
    # short position", "setting a buy-stop above it could be part of an exit strategy")
    r"|\b(?:a|an|the|any)\s+(?:\w+\s+)?(?:trader|investor|speculator|buyer|seller)\b[^.;]{0,50}?\b(?:could|might|may)\s+(?:\w+\s+)?"
    r"(?:open|buy|sell|short|enter|go|place|put|set|consider|take|initiate)\b"
    r"|\b(?:could|might|may)\s+(?:potentially\s+|possibly\s+)?(?:be\s+part\s+of|form\s+part\s+of|serve\s+as|act\s+as)\s+(?:an?\s+|the\s+|your\s+)?"
    r"(?:\w+\s+)?(?:exit|entry|stop|strategy|plan|signal|ceiling|floor|support|resistance)\b"
    r"|\b(?:could|might|may|would)\s+be\s+(?:a\s+)?(?:good|great|reasonable|useful|nice|sensible)\s+(?:place|way|idea|point|candidates?|start)\b"
    # what a chart shows happened ("the stock actually rebounded quickly after breaking support", "the 10-day SMA ended
    # up becoming resistance"): an example told, not a rule
    r"|\b(?:the\s+)?(?:stock|index|market|price|shares?|etf|fund|pair|coin)\s+(?:then\s+|actually\s+|quickly\s+|also\s+|later\s+|eventually\s+)*"
    r"(?:rebounded|bounced|broke|fell|rose|dropped|rallied|climbed|sank|slid|jumped|surged|tumbled|recovered|reversed|came\s+back)\b"
    r"|\bended\s+up\s+(?:becoming|being|acting\s+as|as)\b"
    # what a display shows, by its colour legend ("Signal displays traffic lights for the MA ... (green = bullish, red = bearish)")
    r"|\b(?:displays?|shows?|plots?|paints?|colou?rs?)\b[^.;]{0,100}?\b(?:green|red|yellow|blue|gr[ae]y|orange|white|black)\s*=\s*(?:bullish|bearish|neutral|up|down|buy|sell|uptick|downtick|long|short)\b[^.\n]*"
    # a screener's menu of scans ("Oversold RSI - shares whose RSI sits under 30"): what a scan lists, no rule
    r"|(?:^|\n)[^\n.;]{0,60}?\s[-:\u2013\u2014]\s*(?:stocks|securities|symbols|tickers|coins|shares|etfs|equities)\s+(?:where|which|that|whose|with)\b"
    # a caution ("be careful about buying when ...", "think twice before selling ...")
    r"|\bbe\s+(?:very\s+)?(?:careful|cautious|wary)\b|\bcareful\s+(?:about|with)\b|\bbeware\b|\bthink\s+twice\b"
    # a result told with the rule it measured ("buying when the RSI(2) was under 10 produced positive returns")
    r"|^\W*(?:\w+,?\s+){0,3}?(?:" + "|".join(sorted({w for ws in lexicon.ACTIONS.values() for w in ws if w.endswith("ing") and " " not in w}))
    + r"|holding|owning|going\s+long|going\s+short|entering|investing|trading)\b[^.;]{0,160}?\b(?:produced|returned|earned"
    r"|yielded|made|generated|delivered|lost|beat|outperformed|underperformed|worked|failed|did\s+(?:well|poorly|better|worse))\b"
    # a chance offered, not a rule taken ("it may be a good time to buy", "this could be the right moment to enter", "you
    # might consider selling", "many see that as an opportunity to add"): the action is hedged by its own modal
    rf"|\b(?:may|might|could|can|would)\s+(?:also\s+|well\s+|now\s+|then\s+|often\s+)?(?:be|signal|indicate|mark|suggest|present|offer|represent|provide)\s+"
    rf"(?:a|an|the)?\s*(?:\w+\s+){{0,2}}?(?:time|moment|opportunity|chance|point|spot|place|occasion|window)\s+to\s+(?:consider\s+)?{_ACT}"
    r"|\b(?:may|might|could)\s+be\s+time\s+to\b"
    # "it may be worth buying when ...", "a long entry may be justified": an action weighed, not taken
    rf"|\b(?:may|might|could|would)\s+(?:also\s+|well\s+)?be\s+worth\s+(?:considering\s+|trying\s+)?{_ACT}"
    r"|\b(?:may|might|could|would)\s+(?:then\s+|also\s+)?be\s+(?:justified|warranted|appropriate|in\s+order|worth\s+considering)\b"
    # a generic subject: traders as a kind, doing what they do ("traders buy when ...", "swing traders often sell when
    # ..."), or a rule shown "in this example"
    r"|(?:^|[.!?:;]\s+|,\s+)(?:(?:technical|swing|day|trend|momentum|short-term|long-term|active|professional|seasoned|experienced"
    rf"|retail|contrarian)\s+)?(?:traders|investors|chartists|technicians|speculators)\s+(?:\w+ly\s+|tend\s+to\s+|will\s+)?{_ACT}"
    r"|\bin\s+(?:this|that|the|our|the\s+following)\s+example\b"
    # a glossary's entry for a signal ("Buy signal: a condition, such as ..., that suggests prices may rise")
    r"|^\W*(?:buy|sell|bullish|bearish|entry|exit|long|short)\s+(?:signals?|crossovers?|cross)\s*[:\-\u2013\u2014]\s*(?:a|an)\s+"
    r"(?:\w+\s+){0,2}?(?:condition|event|situation|pattern|sign|indication|reading|moment|occurrence|case|term)\b"
    # what others would argue ("some would argue that you should go long only when ...")
    r"|\b(?:some|many|others|critics|proponents|advocates|fans|skeptics|sceptics)\s+(?:would\s+|might\s+|will\s+|may\s+)?"
    r"(?:argue|say|claim|suggest|insist|contend|recommend|advise)\b"
    # a rule quoted as an example of what a tool accepts ("the tester lets you try rules like 'buy when ...'")
    r"""|\b(?:rules?|conditions?|strateg(?:y|ies)|criteria|signals?|formulas?)\s+(?:like|such\s+as)\s*["'\u2018\u201c]"""
    rf"|\b(?:may|might|could|can)\s+(?:also\s+)?(?:want\s+to\s+)?consider\s+{_ACT}"
    r"|(?<!\bwe\s)(?<!\bi\s)\b(?:consider|considers|see|sees|view|views|regard|regards)\s+(?:it|this|that|these|such\s+\w+)\s+(?:as\s+)?(?:a|an)\s+"
    r"(?:\w+\s+){0,2}?(?:chance|opportunity|invitation|cue|reason)\s+to\b"
    # a signal described as what usually happens ("typically, a buy signal appears when ..."): a textbook's generality
    r"|\b(?:typically|usually|generally|commonly|traditionally|normally|conventionally|classically)\b,?\s+(?:a|an|the)?\s*"
    r"(?:buy|sell|bullish|bearish|long|short|entry|exit)\s+(?:signals?|triggers?|setups?)\b"
    # an idea untried ("perhaps buying when ... would work", "I have not tested it")
    r"|\b(?:perhaps|maybe|possibly)\b[^.;]{0,120}?\bwould\s+(?:work|help|pay\s+off|be\s+(?:profitable|better|worth\s+it))\b"
    r"|\b(?:haven't|have\s+not|never|not\s+yet)\s+(?:yet\s+|actually\s+|really\s+)?(?:tried|tested|back-?tested|traded|verified)\s+"
    r"(?:it|this|that|them|the\s+(?:idea|rule|approach|method))\b"
    # a rule given up ("I used to go long when ...", "... did not hold up, so we dropped it", "which is why I avoid it")
    rf"|\b(?:i|we)\s+used\s+to\s+{_ACT}|\b(?:abandoned|dropped|ditched|scrapped|discarded|gave\s+up\s+on|stopped\s+using"
    r"|no\s+longer\s+(?:use|trade|follow))\s+(?:that|this|the|it|them)\b|\b(?:did\s+not|didn't|failed\s+to)\s+(?:hold\s+up|pay\s+off|survive)\b"
    r"|\bwhy\s+(?:i|we)\s+(?:avoid|never\s+use|don't\s+use|do\s+not\s+use)\b|\b(?:i|we)\s+(?:avoid|rejected)\s+(?:it|this|that|them)\b"
    # a verdict against trading the rule ("buying every touch of the lower band is a recipe for disaster")
    r"|\b(?:is|are|was|would\s+be)\s+(?:a\s+|an\s+)?(?:sure\s+|good\s+|great\s+|quick\s+|fast\s+)?(?:recipe|way|road|path|ticket)\s+(?:for|to)\s+"
    r"(?:disaster|ruin|losses|losing|lose|blow)\b|\b(?:is|are)\s+(?:a\s+|an\s+)?(?:big\s+|common\s+|costly\s+|classic\s+|rookie\s+|beginner'?s?\s+)?"
    r"(?:mistake|trap|bad\s+idea|losing\s+(?:strategy|proposition|game|battle)|gamble)\b|\b(?:rarely|seldom|never)\s+works?\b"
    r"|\b(?:will|would|can)\s+(?:lose|cost)\s+you\b|\bwill\s+(?:get\s+you\s+)?(?:whipsawed|chopped\s+up|burned|wrecked)\b"
    # a forecast of what a level would mean ("as long as GLD holds above its 20-day EMA, the uptrend is intact")
    r"|\b(?:up|down)?trend\s+(?:is|remains|stays|would\s+(?:be|remain|stay))\s+(?:intact|in\s+place|alive|valid|healthy|broken)\b"
    r"|\b(?:picture|outlook|bias|view|tone|setup|chart)\s+(?:is|remains|stays|turns|would\s+(?:turn|be|become|remain))\s+(?:\w+\s+)?"
    r"(?:bullish|bearish|positive|negative|constructive|neutral|intact)\b|\b(?:we|i)\s+(?:expect|anticipate|see)\s+(?:\w+\s+){0,3}?(?:support|resistance|a\s+(?:move|retest|bounce|rally|pullback))\b"
    r"|\b(?:next|first|initial)\s+(?:target|resistance|support|hurdle)\s+(?:is|sits|lies|comes|would\s+be|at)\b"
    r"|\bwould\s+(?:open\s+(?:the\s+)?(?:way|path|door)|confirm|negate|invalidate)\b"
    # a rule quoted as what a tool accepts ("a rule like 'buy when ...' is entered in the Entry tab")
    r"""|\b(?:rule|condition|formula|expression|criteria|criterion)\s+(?:like|such\s+as|as)?\s*[:=]?\s*["'\u2018\u201c][^"'\u2019\u201d]{3,120}["'\u2019\u201d]\s+"""
    r"(?:is|are|can|could|would|gets?|will)\s+(?:be\s+)?(?:entered|typed|written|added|set\s+up|configured|created|defined|selected|chosen)\b",
    re.I)


def secondhand(text: str) -> bool:
    """Whether a sentence reports a rule rather than states it: hearsay ("a popular approach is to go long when ..."),
    a hypothetical ("suppose you had bought SPY every time ..."), a verdict against it ("... is a recipe for
    disaster"), a forecast ("as long as it holds above the 20-day EMA the uptrend is intact") or a rule quoted as
    what a tool accepts.

    >>> secondhand("A popular approach is to go long when the 9-day EMA crosses above the 21-day EMA.")
    True
    >>> secondhand("Go long when the 9-day EMA crosses above the 21-day EMA.")
    False
    """
    return bool(_SECONDHAND.search(text))


# what shows the author adopts a rule: a trade command, a trader's own trading, a stated rules section, a stop or
# target, a back-test or its figures, a strategy or system of the author's that acts
_ADOPTS = re.compile(
    r"(?:^|[.;:!?\n]\s*|\b(?:then|and)\s+)(?:[-*\u2022]\s*|\d+[.)]\s*)?(?:buy|sell|enter|exit|go\s+long|go\s+short|short|cover"
    r"|close\s+the\s+position|open\s+a\s+(?:long|short)|hold|stay\s+(?:long|in|invested)|move\s+to\s+cash)\b"
    r"(?!\s+signals?\b)"  # "Sell signal: the opposite condition" names a signal, it commands nothing
    r"|\b(?:we|i)\s+(?:will\s+|then\s+|only\s+|always\s+|simply\s+|just\s+)?(?:buy|sell|enter|exit|go\s+long|go\s+short|short|trade|use|follow"
    r"|hold|own|tested|test|backtested|back-tested|ran|run|apply|applied)\b"
    r"|\b(?:my|our)\s+(?:\w+\s+)?(?:rules?|strategy|system|model|entry|entries|exits?|setup|approach|method|signals?)\b"
    r"|\bthe\s+(?:strategy|system|model|algorithm|algo|bot|robot|ea|expert\s+advisor|script)\s+(?:\w+\s+)?(?:buys|sells|goes|enters|exits|shorts|holds|trades|opens|closes)\b"
    r"|\b(?:entry|exit|trading|buy|sell)\s+(?:rules?|conditions?|criteria)\s*[:\n]|^\s*(?:#+\s*)?rules?\s*[:\n]"
    r"|\bstop[- ]?loss\b[^.;\n]{0,30}\d|\btake[- ]?profit\b[^.;\n]{0,30}\d|\bprofit\s+target\b[^.;\n]{0,30}\d"
    r"|\bback-?test|\bcagr\b|\bsharpe\b|\bmax(?:imum)?\s+drawdown\b|\bstrategy\.(?:entry|close|exit|order)\b|\border\w*\s*\(",
    re.I | re.M)


# a trade of the author's own, told in the past ("I had bought it when the RSI crossed back above 30", "Sold TSLA when ...") ...
_OWN_PAST = re.compile(r"(?:\b(?:i|we)\s+(?:had\s+|have\s+|then\s+|also\s+|just\s+|finally\s+)?|^\W*|[:;]\s*)(?:bought|sold|shorted|covered|entered|exited|closed|"
                       r"went\s+(?:long|short)|got\s+(?:in|out)|added|trimmed|took\s+profits?)\b", re.I)
# ... in a text dated like a journal ("today", "yesterday", "this week", "on Monday")
_DATED = re.compile(r"\b(?:today|yesterday|tonight|this\s+(?:morning|afternoon|week|month)|last\s+(?:night|week|month|friday|monday|tuesday|"
                    r"wednesday|thursday)|on\s+(?:monday|tuesday|wednesday|thursday|friday)|(?:trade|trading)\s+(?:log|journal|diary|recap|review)"
                    r"|(?:\d+|a|one|two|three|four|five|few|several)\s+(?:days?|weeks?|sessions?|bars?)\s+later|my\s+last\s+(?:\d+|two|three|four|five|few)\s+trades)\b", re.I)


# a text that disowns its rule: "This is NOT a system", "not a strategy I trade", "I don't trade it"
# or withholds its exact rules ("he declined to share exact rules", "the rules are available to members only")
_DISOWNS = re.compile(r"\bnot\s+(?:a|an|my|our)\s+(?:\w+\s+)?(?:system|strategy)\b(?!\s+(?:for|on|in|to|that|which)\b)"
                      r"|\b(?:declined|refused|won't|will\s+not|can't|cannot|does\s+not|doesn't|do\s+not|don't)\s+(?:to\s+)?(?:share|disclose|reveal|publish|give\s+away)\b"
                      r"|\b(?:rules?|details?|parameters?|settings?|signals?)\s+(?:are|is)\s+(?:only\s+)?(?:available|reserved|shared|sent)\s+(?:only\s+)?(?:to|for)\s+(?:our\s+)?(?:premium\s+|paying\s+|paid\s+)?(?:members|subscribers|clients)\b"
                      r"|\b(?:i|we)\s+(?:don't|do\s+not|won't|will\s+not|never|am\s+not|are\s+not|wouldn't|would\s+not)\s+(?:\w+\s+)?trad(?:e|ing)\s+(?:it|this|that|them)\b",
                      re.I)


_DENIES = re.compile(r"\b(?:haven't|have\s+not|hasn't|has\s+not|never|not\s+yet|didn't|did\s+not|don't|do\s+not|won't|will\s+not|wouldn't|nobody|no\s+one)\b",
                     re.I)


def secondhand_only(rules: list[str], text: str) -> bool:
    """Whether every rule sentence in ``rules`` is reported rather than stated (``secondhand``; any rule of a text that
    disowns it, "this is NOT a system", "I don't trade it"; the author's own past trades in a dated journal) and no
    other sentence of ``text`` shows the author adopting a rule: no trade command, no trading of their own, no rules
    section, stop, target or back-test.

    >>> rule = "Many traders say to buy when the RSI(2) is under 10."
    >>> secondhand_only([rule], rule + " I never tried it.")
    True
    >>> secondhand_only(["A popular rule is to buy when RSI(2) < 10."], "A popular rule is to buy when RSI(2) < 10. We backtested it on SPY.")
    False
    """
    dated, disowned = bool(_DATED.search(text)), bool(_DISOWNS.search(text))
    if not rules or not all(disowned or secondhand(r) or (dated and _OWN_PAST.search(r)) for r in rules):
        return False
    # the reported part blanked, a rule sentence may still adopt a rule: "as long as the trend is intact we stay long: hold
    # SPY while ..." ("thinking about a rule: go long when ..." stays reported: the colon after the report goes with it)
    told = [_SECONDHAND.sub(lambda m: " " * len(m.group(0)), r) for r in rules]
    told = [re.sub(r"^(\s*)([:,\u2013\u2014-])", r"\1 ", t) for t in told]
    # a question or a denial adopts nothing: "has anyone backtested this?", "I never tested it and don't use a stop"
    rest = [s for s in _SENTENCE.split(text) if s.strip() and not secondhand(s) and not any(s.strip() in r for r in rules)
            and not s.rstrip().endswith("?") and not _DENIES.search(s)]
    return not any(_ADOPTS.search(s.strip()) for s in rest) and not any(_adopts_told(r, t) for r, t in zip(rules, told))


def _adopts_told(rule: str, told: str) -> bool:
    """Whether a reported rule sentence, its reported part blanked (``told``), still adopts a rule: a verb joined by
    "and"/"then" after the report shares its subject ("a trader might go long when ... and exit when ..." stays the
    trader's), unless a clause break or the author comes between ("some buy at 30; we do too, and sell at 70")."""
    ends = [m.end() for m in _SECONDHAND.finditer(rule)]

    def shared(m: re.Match) -> bool:
        before = [e for e in ends if e <= m.start()]
        return bool(before) and re.match(r"(?:then|and)\b", m.group(0), re.I) is not None and not re.search(
            r"[;:.!?]|\b(?:we|i)\b", rule[max(before):m.start()], re.I)

    return any(not shared(m) for m in _ADOPTS.finditer(told))


# a sales page's stock phrases: two different ones make a page marketing
_MARKETING = re.compile(
    r"\bfree\s+trial\b|\bsign\s+up\b|\bsubscribe\s+(?:now|today|here)\b|\bjoin\s+(?:over\s+|more\s+than\s+)?[\d,.]+k?\+?\s+(?:\w+\s+)?(?:traders|users|investors|members|subscribers)\b"
    r"|\bno\s+(?:coding|code|programming)\s+(?:needed|required|skills)\b|\blifetime\s+(?:licen[cs]e|access|membership)\b|\bmoney[- ]back\b"
    r"|\bstart\s+(?:your\s+free|trading\s+(?:now|today)|now|today)\b|\bget\s+(?:started|notified|instant\s+access)\b|\b(?:download|buy|order)\s+now\b"
    r"|\blimited[- ](?:time|offer)\b|\bonly\s+\$\d|\$\d+(?:\.\d+)?\s*(?:/|per\s+)(?:month|mo|year|yr)\b|\bconnect\s+your\s+(?:exchange|broker|account|wallet)\b"
    r"|\bnever\s+miss\s+(?:a|an|another)\b|\bdiscount\s+code\b|\bcoupon\b|\btestimonials?\b|\b(?:proprietary|secret)\s+(?:algorithm|formula|indicator)\b"
    r"|\bwin\s+rate\s+(?:of\s+)?\d+%|\bin\s+(?:\d+|two|three|five)\s+minutes\b|\bmembers?\s+only\b|\bsubscribers?\s+(?:gained|made|earned|got)\b",
    re.I)


def is_marketing(text: str) -> bool:
    """Whether ``text`` is a sales page: two or more different stock phrases of one ("free trial", "no coding needed",
    "join 50,000 traders").

    >>> is_marketing("Our bot buys the dip for you. No coding needed! Start your free trial."), is_marketing("Buy SPY when RSI(2) < 10.")
    (True, False)
    """
    return len({m.group(0).lower() for m in _MARKETING.finditer(text)}) >= 2


# code's comments and docstrings: what is switched off or only described
_CODE_COMMENTS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|/\*[\s\S]*?\*/|//[^\n]*|(?<![\w"\'])#(?!\s*(?:include|property|define)\b)[^\n]*')
# an order in any platform's code: a call that trades, a role assignment (AmiBroker, vectorbt's entries, a signal or
# position column), EasyLanguage's "buy next bar", freqtrade's enter_long column, MetaTrader's order types
_ORDER_CODE = re.compile(
    r"\border\w*\s*\(|\.(?:buy|sell|short|cover|close|submit_?order|place_?order|create_?order|market_?order|limit_?order|entry|exit|enter\w*|exit\w*"
    r"|open_?position|close_?position|liquidate|set_?holdings|target\w*)\s*\("
    r"|\b(?:OrderSend|OrderClose|PositionOpen|PositionClose|SellShort|BuyToCover|EnterLong\w*|EnterShort\w*|ExitLong\w*|ExitShort\w*|SetHoldings"
    r"|Liquidate|set_holdings|order_target\w*|buy|sell|short|cover)\s*\("
    r"|\b(?:buy|sell|short|cover|sellshort|buytocover|entries|exits|long_?entry|short_?entry|enter_long|enter_short|exit_long|exit_short|signals?"
    r"|positions?)\s*(?:\[[^\]]*\]\s*)?=(?!=)"
    r"|['\"](?:enter_long|enter_short|exit_long|exit_short|buy|sell|signal|position|entry|exit)['\"]\s*\]\s*=(?!=)"
    r"|\b(?:buy|sell|sell\s*short|buy\s*to\s*cover)\b[^\n;]{0,40}\b(?:next|this)\s+bar\b|\bfrom_signals\b|\bstrategy\.(?:entry|exit|close|order)\b"
    r"|\b(?:ORDER_TYPE|OP)_(?:BUY|SELL)\b|\btrade\.(?:Buy|Sell)\b", re.I)


def orders_commented_out(text: str) -> bool:
    """Whether ``text`` is code whose every order sits in a comment or a docstring: the conditions around them
    trade nothing (a signal printer, a template with its orders switched off).

    >>> orders_commented_out("if rsi < 30:\\n    print('BUY')\\n    # order_target_percent(asset, 1.0)")
    True
    >>> orders_commented_out("if rsi < 30:\\n    order_target_percent(asset, 1.0)  # all in")
    False
    """
    from foa.extract.offline.code_read import looks_like_code

    if not looks_like_code(text) or not _ORDER_CODE.search(text):
        return False
    return not _ORDER_CODE.search(_CODE_COMMENTS.sub(" ", text))


# a chart study: code declared as an indicator, or drawing on the chart, on a platform where a strategy places orders
# with calls of its own; its "buy"/"sell" are arrows, bubbles, colours and alerts. Per platform: (declares, orders).
# A Pine indicator() that names its buy and sell conditions is left to the reader: such a script is read as the
# strategy its signals state (a combined-signal script is labelled a strategy as often as a display).
_CHART_STUDY = [
    # MetaTrader: indicator properties; orders by OrderSend, the trade class, or a helper named for buying or selling
    (re.compile(r"^\s*#property\s+indicator_(?:chart_window|separate_window|buffers)\b", re.M),
     re.compile(r"\b(?:OrderSend|OrderClose|OrderModify|PositionOpen|PositionClose)\b|\btrade\.\w+\s*\(|\b\w*(?:buy|sell)\w*\s*\(", re.I)),
    # thinkScript: def lines beside chart bubbles, labels, price colours or plots; a strategy has AddOrder
    ((re.compile(r"^\s*def\s+\w+\s*=", re.M | re.I),
      re.compile(r"\b(?:AddChartBubble|AddLabel|AssignPriceColor|AddCloud|AddVerticalLine)\s*\(|^\s*plot\s+\w+\s*=", re.M | re.I)),
     re.compile(r"\bAddOrder\s*\(", re.I)),
    # NinjaScript: a class deriving from Indicator; a strategy enters and exits
    (re.compile(r"\bclass\s+\w+\s*:\s*Indicator\b"),
     re.compile(r"\b(?:Enter|Exit)(?:Long|Short)\w*\s*\(|\bSubmitOrder\w*\s*\(")),
    # EasyLanguage: Plot1(...) and no "buy/sell ... next bar" order
    (re.compile(r"^\s*Plot\d+\s*\(", re.M | re.I),
     re.compile(r"\b(?:buy|sell|sell\s*short|buy\s*to\s*cover)\b[^\n;]{0,60}\b(?:next|this)\s+bar\b", re.I)),
]


def indicator_script(text: str) -> bool:
    """Whether ``text`` is a chart study's code that places no order: a MetaTrader indicator with no order call, a
    thinkScript study (bubbles, labels, plots) with no ``AddOrder``, a NinjaScript ``Indicator`` that never enters, or
    an EasyLanguage ``Plot1`` with no order. Its buy and sell conditions draw arrows or raise alerts; they trade nothing.

    >>> indicator_script("def up = close > open;\\nAddChartBubble(up and close > high[1], close, 'BE', Color.GREEN);")
    True
    >>> indicator_script("def up = close > open;\\nAddOrder(OrderType.BUY_TO_OPEN, up and close > high[1]);")
    False
    """
    code = _CODE_COMMENTS.sub(" ", text)
    for declares, orders in _CHART_STUDY:
        if all(d.search(code) for d in (declares if isinstance(declares, tuple) else (declares,))):
            return not orders.search(code)
    return False


# a research paper's genre marks ("Abstract:", "this paper", "Keywords:", "JEL classification") and its findings' words
_PAPER = re.compile(r"^\W*abstract\b|\babstract\s*[:\-\u2013\u2014]|\bthis\s+(?:paper|thesis|dissertation|study)\b|\bin\s+this\s+(?:paper|study|thesis)\b"
                    r"|\bkeywords?\s*:|\bjel\s+(?:classification|codes?)\b|\bet\s+al\b|\bworking\s+paper\b|\bjournal\s+of\b", re.I | re.M)
_FINDINGS = re.compile(
    r"\bwe\s+(?:find|show|document|examine|investigate|propose|present|study|provide|test|analy[sz]e|explore|report|demonstrate|argue|evaluate|compare)\b"
    r"|\bour\s+(?:results|findings|empirical|evidence|analysis|sample|study)\b|\b(?:empirical(?:ly)?|statistically\s+significant|data[- ]snooping"
    r"|null\s+hypothes[ie]s|p-values?|t-stat\w*|bootstrap\w*|abnormal\s+returns?|excess\s+returns?|risk[- ]adjusted|predictive\s+power|market\s+efficiency"
    r"|sample\s+period|anomal(?:y|ies))\b", re.I)
# what a paper's method section says it trades: "we buy the top decile", "we take a long position when ...", "the
# strategy is long the contract when ...", "positions are rebalanced monthly", a "Method" or "Trading rules" heading,
# or a rule given as a command
_METHOD = re.compile(
    r"\b(?:we|i)\s+(?:then\s+)?(?:buy|sell|short|go\s+long|go\s+short|take\s+(?:a\s+)?(?:long|short)|hold|rebalance|rank|sort|enter|exit|invest|allocate)\b"
    r"|\b(?:is|are|goes|go)\s+long\b[^.]{0,120}\b(?:when|if|whenever)\b|\bpositions?\s+(?:are|is)\s+(?:rebalanced|held|taken|opened|closed|scaled)\b"
    r"|^\W*(?:\d+\.\s*)?(?:method(?:ology)?|data\s+and\s+method|trading\s+rules?|the\s+strategy)\b"
    r"|(?:^|[.;:!?\n]\s*)(?:[-*\u2022]\s*|\d+[.)]\s*)?(?:buy|sell|enter|exit|go\s+long|go\s+short|short|cover|hold|rank|rebalance)\b"
    r"|\b(?:entry|exit|trading|buy|sell)\s+(?:rules?|conditions?|criteria)\s*[:\n]"
    r"|\bthe\s+(?:strategy|system|model|algorithm|rule)\s+(?:\w+\s+)?(?:buys|sells|goes|enters|exits|shorts|holds|trades|invests)\b", re.I | re.M)


def research_abstract(text: str) -> bool:
    """Whether ``text`` is a paper's abstract or summary of findings: a research paper's genre mark and another of
    its marks or findings' words, and no method that trades (no "we buy the top decile", "positions are rebalanced",
    "Method" section or rule given as a command).

    >>> research_abstract("Abstract: We find that past winners outperform past losers over 3 to 12 months.")
    True
    >>> research_abstract("Abstract: We find momentum pays. Method: each month we buy the top decile by 12-month return.")
    False
    """
    marks = {m.group(0).lower() for m in _PAPER.finditer(text)}
    found = {m.group(0).lower() for m in _FINDINGS.finditer(text)}
    return bool(marks) and len(marks) + len(found) >= 2 and not _METHOD.search(text)


def indicator_tutorial(text: str) -> bool:
    """Whether ``text`` only teaches an indicator: it says what the indicator is (or what a signal means) and which buy
    or sell signals it gives, and names no strategy, trade command, trader's own trade, stop, target, order or back-test.

    >>> indicator_tutorial("Williams %R is an oscillator from 0 to -100. A cross above -80 is a buy signal.")
    True
    >>> indicator_tutorial("Williams %R is an oscillator. A cross above -80 is a buy signal; we buy SPY then.")
    False
    """
    return bool((_DEFINES.search(text) or _INTERPRETS.search(text)) and _SIGNAL_SAID.search(text) and not _TRADES.search(text))


@dataclass(frozen=True)
class _PageScore:
    score: float
    rules: int  # rule sentences: conditional ones, rankings that choose, an action beside an indicator and a comparator
    risk: int  # stop or target sentences
    reports: int  # sentences reporting a market move (commentary)
    disclaimer: bool = False  # two or more of a disclaimer's stock phrases
    hedged: int = 0  # rule-like sentences that are advice or hearsay ("we would add", "some traders sell")

    @property
    def other(self) -> bool:
        """A page of commentary, advice or a disclaimer that states no rule."""
        return not self.rules and (self.disclaimer or self.reports > 0 or self.hedged > 0)


# platform code: a condition line ("if rsi < 30:", "Buy = Cross(...)", "if (crossover(fast, slow))") with an
# order a few lines on ("self.buy()", "strategy.entry(", "order_target_percent(", "Buy next bar")
_CODE_COND = re.compile(r"^\s*(?:if|elif|else\s+if|when|where|while)\b|\bif\s*\(|\biff?\s*\(|\bcross\w*\s*\(|\bcross(?:es|ed)\s+(?:above|below|over|under)\b"
                        r"|\b(?:buy|sell|short|cover|long|entry|exit)\w*\s*=\s*\S", re.I)
_CODE_TEST = re.compile(r"[<>]|\bcross\w*|\b(?:above|below|over|under)\b", re.I)
_CODE_ACT = re.compile(r"\b(?:buy|sell|short|cover|sellshort|buytocover|entry|exit|enter_?\w*|exit_?\w*|order\w*|close_?position|liquidate"
                       r"|set_?holdings|OrderSend|Enter(?:Long|Short)\w*|Exit(?:Long|Short)\w*)\b\s*(?:\(|=|\[|\s+(?:next|this)\s+bar)"
                       r"|\b(?:ORDER_TYPE|OP)_(?:BUY|SELL)\b|\.close\s*\("
                       # freqtrade's signal columns: dataframe.loc[(...), 'enter_long'] = 1, the older 'buy'] = 1
                       r"|['\"](?:enter|exit)_(?:long|short)['\"]|['\"](?:buy|sell)['\"]\s*\]\s*=", re.I)


def _code_rules(text: str) -> int:
    """Condition lines of platform code with an order on them or within the next four lines."""
    from foa.extract.offline.code_read import looks_like_code

    if not looks_like_code(text):
        return 0
    lines = text.split("\n")
    return sum(1 for k, ln in enumerate(lines) if _CODE_COND.search(ln) and _CODE_TEST.search(ln)
               and any(_CODE_ACT.search(x) for x in lines[k:k + 5]))


def _page_score(text: str) -> _PageScore:
    score, rules, risks, reports, hedged = 0.0, 0, 0, 0, 0
    coded = _code_rules(text)
    score, rules = 3.0 * coded, coded
    for s in _SENTENCE.split(text):
        if len(s) > 1500:  # a wall of text without sentence ends is not a rule
            continue
        s = _HORIZON.sub(" ", s)
        # "stop-loss orders do not guarantee an exit", "a stop may fill far lower": a warning, not a stop
        risk = _RISK.search(s) if not _WARNING.search(s) else None
        risks += bool(risk)
        reports += bool(_REPORT.search(s))
        act = (_ACTION.search(s) or _MONEY_MOVE.search(s)) if not _RATING.search(s) else None
        if not act:
            score += 1.0 if risk else 0.0
            continue
        ind, cmp_, cond = _INDICATOR.search(s), _COMPARE.search(s), _CONDITION.search(s)
        if ((cond and (ind or cmp_)) or (_RANKING.search(s) and not _PAST.search(s))) and not _HEDGE.search(s):
            score += 3.0
            rules += 1
        elif _HEDGE.search(s) and (ind or cmp_):
            score += 1.0
            hedged += 1
        elif ind and cmp_:
            past = bool(_PAST.search(s))
            score += 0.5 if past else 1.0
            rules += not past and not _HEDGE.search(s)  # "Entry: RSI(2) < 10": a rule without a condition word
        elif risk:
            score += 1.0
    # a table row naming a "Strategy" is no heading
    return _PageScore(score + 0.5 * len(_RULE_HEADING.findall(text)), rules, risks, reports,
                      len(_DISCLAIMER.findall(text)) >= 2, hedged)


def commentary_only(pages: list[str]) -> bool:
    """Whether every one of ``pages`` is commentary, advice or a disclaimer that states no rule: market reports
    ("NVDA rose 7%"), advice and hearsay ("we would buy NVDA on a pullback to its 50-day average"), a
    disclaimer's stock phrases, and no rule sentence, ranking that chooses, or stop beside them.

    >>> commentary_only(["We would buy NVDA on a pullback to its 50-day average; XLE rose 3% this week."])
    True
    >>> commentary_only(["Buy NVDA when it closes above its 50-day average."])
    False
    """
    return bool(pages) and all(_page_score(p).other for p in pages)


def _score(text: str) -> float:
    """A conditional rule sentence (an action, a condition word and an indicator or comparator) or an action
    that chooses by a ranking weighs 3;
    an action beside an indicator and a comparator without a condition 1 (a past-tense report 0.5); a stop
    or target 1; a heading announcing rules 0.5."""
    return _page_score(text).score


def locate_strategy(doc: Any, *, keep: float = 0.25) -> StrategyPart:
    """The part of ``doc`` (a Document, or text) that states the strategy.

    A page is kept when its score reaches ``keep`` times the best page's score and, where such pages state
    a rule (a conditional rule sentence or a ranking that chooses), when it states one too or carries a stop
    or target beside a page that does (a page of market reports with a rule-like aside is left out beside a
    page that states rules plainly); a one-page document is kept whole, and one whose pages all score 0
    keeps all but its commentary and disclaimer pages (all of them when nothing else is left).

    >>> locate_strategy("Buy QQQ when RSI(2) < 10.").pages
    [1]
    """
    pages = getattr(doc, "pages", None)
    if pages is None:
        from foa.documents.model import Document

        pages = Document.from_text(str(doc)).pages
    parts = {p.number: _page_score(p.text or "") for p in pages}
    scores = {n: ps.score for n, ps in parts.items()}
    best = max(scores.values(), default=0.0)
    if len(pages) <= 1:
        return StrategyPart([p.number for p in pages], scores)
    if best <= 0:
        # no page reads as a rule: all but the commentary and disclaimer pages (all pages when nothing else is left)
        rest = [p.number for p in pages if not parts[p.number].other]
        return StrategyPart(rest or [p.number for p in pages], scores)
    near = [n for n, s in scores.items() if s >= keep * best and s > 0]
    if not any(parts[n].rules for n in near):
        rest = [n for n in near if not parts[n].other]
        return StrategyPart(rest or near, scores)
    # a page that states a rule stays; a page without one (commentary quoting an average, a heading, a
    # sentence that buys nothing) only when it carries a stop or target right beside a rule page
    ruled = [n for n in near if parts[n].rules]
    # beside a page that states rules plainly, a page of market reports with a rule-like aside is commentary
    plain = [n for n in ruled if parts[n].reports <= parts[n].rules]
    if plain:
        ruled = [n for n in ruled if n in plain or not (parts[n].reports >= 3 and parts[n].reports > 2 * parts[n].rules)]
    return StrategyPart([n for n in near if n in ruled or (parts[n].risk and (n - 1 in ruled or n + 1 in ruled))], scores)
