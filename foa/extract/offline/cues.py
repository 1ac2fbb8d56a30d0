"""Cue words: what a clause does (buy, sell, short, exit), and which parts of it are not rules
(examples, negations, advice, definitions).

>>> sorted(roles_of("enter long when the fast ma crosses above the slow ma"))
['buy']
>>> sorted(roles_of("go short when it falls below the 20-day low"))
['short']
"""

from __future__ import annotations

import re

from foa.extract.offline import lexicon

__all__ = [
    "cue_position", "excluded_ranges", "names_long", "short_only", "has_bearish", "opens_sell", "rules_out_shorts", "two_way_market", "is_report", "is_tried", "is_tried_title", "reentry_ranges", "is_advisory", "is_definition", "is_hedged", "is_example_start", "is_question", "is_tool_menu", "label_role", "roles_of",
    "section_roles", "short_cues", "split_subclauses", "unless_ranges", "action_only", "gate_ranges",
]

_SHORT = re.compile(
    # "sell shortly after", "enter a short-term trade": the word short inside another word or a span of time
    r"\b(?:(?:go(?:es|ing)?\s+short|went\s+short|sell(?:s|ing)?\s+short|enter(?:s|ing)?\s+(?:a\s+|the\s+)?short)(?!\w|[- ]term)|short[- ]sell(?!ers?\b)\w*"
    # "if RSI(10) > 80 buy short": a short bought (never "buy short-term bonds", "buy short-dated calls")
    r"|buy(?:s|ing)?\s+(?:a\s+)?short(?![\w-]|\s+(?:term|dated|duration|maturit\w*|bonds?|treasur\w*|calls?|puts?|options?|straddles?|etfs?)\b)"
    # "for shorts, take the reverse", "for sell trades the opposite applies": the side named first, then its mirror
    r"|for\s+(?:the\s+)?(?:shorts|short\s+(?:trades?|positions?|entries|entry|side|signals?|setups?)|sells|selling|sell\s+(?:trades?|signals?|entries|entry|setups?|positions?|orders?|side)|going\s+short)"
    r"\s*[,:]?\s+(?:\w+\s+){0,4}?(?:the\s+|its\s+|their\s+)?(?:reverse|opposite|inverse|mirror|converse)\b(?!\s+(?:signal|cross\w*)\b)"
    # "(for sell)", "(for shorts: below)", "(short: above 90)": the short side in brackets beside the long one's words
    r"|(?<=\w)\s*\((?:for\s+(?:a\s+|the\s+)?)?(?:sells?|selling|shorts?|short\s+(?:trades?|positions?|entries|entry|side))\s*(?:[:=][^)]{0,40})?\)"
    # "the system trades both long and short", "long and short positions": both sides open
    r"|both\s+(?:the\s+)?long\s+and\s+(?:the\s+)?short\b(?![- ]term|\s+(?:term|run|periods?|windows?|lookbacks?|moving|averages?|emas?|smas?|mas?|lines?|trends?)\b)"
    r"|long\s+and\s+short\s+(?:positions|trades|sides|entries)\b"
    # "a close below the 20-day low is a short", "... counts as a short signal": the event named as the short
    r"|\b(?:is|are|counts?\s+as|serves?\s+as)\s+(?:an?|the)\s+short(?:\s+(?:signal|entry|trade|setup))?(?=\s*(?:[.;,)]|$))"
    # "trades BTC futures, long and short", "the bot trades long and short": the sides it trades
    r"|\btrad(?:es?|ing)\s+(?:[\w/&$.-]+\s+){0,4}?(?:[\w/&$.-]+,\s*)?long\s+and\s+short\b(?![- ]term|\s+(?:term|run|periods?|windows?|lookbacks?|moving|averages?|emas?|smas?|mas?|lines?|trends?)\b)"
    r"|,\s*(?:both\s+)?long\s+and\s+short\s*(?=[.;)]|$)"
    # "shorts are opened when ...", "short positions get entered on ...": the passive short entry
    r"|shorts?\s+(?:positions?\s+|trades?\s+|entries\s+|signals?\s+)?(?:are|is|gets?|will\s+be)\s+(?:opened|entered|initiated|taken|placed|established|triggered|executed|fired|activated)\b"
    # "the opposite signal opens a short", "opening new shorts": the short side's entry
    r"|open(?:s|ing|ed)?\s+(?:a\s+|the\s+|new\s+|fresh\s+)?shorts?\b(?![- ]term|\s+(?:term|periods?|windows?|time|while|spell|span|lookback|holding)\b)"
    # "flip short", "flips to a short": the position turned over
    r"|flip(?:s|ping|ped)?\s+(?:over\s+)?(?:to\s+|into\s+)?(?:a\s+)?short\b(?![- ]term)"
    r"|short\s+(?:position|positions|entry|entries|signal|signals|setup|setups|trade|trades|side|leg|portfolio|sale|when|if|on)\b"
    r"|short\s+(?:the|it|them|those)\s+(?!term|run|time|end)|shorting|bet(?:s|ting)?\s+against|long\s*/\s*short|long[- ]short"
    r"|(?:(?<=^)|(?<=[,;:(]\s)|(?<=[,;:(])|(?<=\band\s)|(?<=\bor\s)|(?<=\bthen\s))short\s+(?=(?:above|over|below|under|beneath|while|whenever|once)\b)"
    # "If it is below, short.", "when the RSI(2) is over 90, short": a bare short as the action of a condition part
    r"|(?:^|(?<=[;:])|(?<=[;:]\s))\W*(?:(?:and|but|or)\s+)?(?:if|when|whenever|once)\b[^.;:]{0,80},\s*short\s*[.;!]?\s*$|(?:(?<=^)|(?<=^,)|(?<=^,\s))short(?=\s*[.;!]?\s*$)"
    # "long above the 200-day SMA, otherwise short": the opposite state is a short
    r"|\b(?:otherwise|else)\s*,?\s+(?:go\s+|be\s+|stay\s+|we\s+(?:go\s+|are\s+)?)?short\b(?=\s*(?:[.;,)]|$))"
    r"|\bl/s\b|short\s+the\s+(?:bottom|worst|laggards|losers|weakest)|strategy\.entry\s*\([^)]*\bshort\b"
    r"|^(?:\W|\d+[.)])*short\s+(?:and|&)\s(?!long\b|medium\b|mid\b)"  # "1) Short and close the long when ...\"
    # "short-only", "we short XLE", "I also short when...": short as a verb after its subject
    # "Short $NFLX when it closes below...": the imperative with a ticker and its condition
    # "Short QQQ at the close when ...", "buy TLT when ..., short TLT when ...": an imperative with its ticker
    r"|(?:(?<=^)|(?<=^- )|(?<=^\* )|(?<=^\d\. )|(?<=, )|(?<=; )|(?<=: )|(?<=, and )|(?<=, then ))short\s+\$?[a-z^][a-z.]{0,5}\s+(?:(?:at|on)\s+(?:the\s+)?(?:close|open|next\s+(?:bar'?s\s+)?open|market)\s+)?"
    r"(?:when|if|on|once|after|as\s+soon\s+as|whenever)\b"
    # "be short", "stays short", "we are short while ...": a state of the position (never "short-term", "short of")
    r"|\b(?:be|stay|stays|remain|remains|(?:we|i|you|they)\s*(?:'re|'m|\s+are|\s+am))\s+short\b(?![- ]?term|\s+(?:term|of|on|enough|run|time|period|while\s+\w+\s+term)\b)"
    # "longs when ..., shorts when ...": the side named by its plural at the head of a clause
    r"|(?:(?<=^)|(?<=[,;:(]\s)|(?<=[,;:(])|(?<=\band\s)|(?<=\bor\s))shorts\s+(?=(?:when|whenever|if|while|once|on|at)\b)"
    # "the strategy shorts the market when ...", "the system shorts QQQ when ...": a system's short as its verb
    r"|\b(?:strategy|system|model|portfolio|algorithm|algo|bot|ea|fund|robot)\s+(?:also\s+|then\s+|will\s+|only\s+|instead\s+)?short(?:s|ed)?\b(?![- ]?term|\s+(?:term|run|time|period|list)\b)"
    # "long when ..., and short otherwise": the opposite state after the side
    r"|(?:(?<=\band\s)|(?<=[,;]\s))short\s+(?:otherwise|else)\b"
    # "the system trades in both directions", "rules (both directions)", "works either way": both sides open
    r"|\b(?:trad\w*|works?|applies|apply|applied|rules?|signals?|positions?|entries|system|strategy|model|operates?|taken)\b[^.;]{0,25}?"
    r"\b(?:in\s+)?(?:both|either)\s+(?:directions?|sides)\b(?!\s+of\b)|\(\s*(?:both|either)\s+(?:directions?|sides)\s*\)"
    r"|^\W*(?:(?:trade|trading|in)\s+)?(?:both|either)\s+(?:directions?|sides)\s*[:,]"
    r"|take(?:s|ing)?\s+(?:only\s+)?shorts\b|enter(?:s|ing)?\s+shorts\b|(?:initiat|establish)\w*\s+(?:new\s+|a\s+)?shorts?(?:\s+positions?)?\b(?![- ]term)|\bshorts?\s+(?:are|is|use|follow|run)\s+(?:\w+\s+){0,2}?(?:the\s+)?(?:mirror|reverse|opposite|inverse)\b|(?:in\s+reverse|mirrored|reversed|the\s+other\s+way\s+round|vice\s+versa|(?:do\s+)?the\s+(?:opposite|reverse|inverse|mirror(?:\s+image)?))\s+for\s+(?:the\s+|an?\s+)?(?:shorts?|sells|selling|sell\s+(?:trades?|signals?|entries|setups?|positions?|orders?|side))\b|position\s*(?:=|:=|:|is\s+set\s+to)\s*(?:short|-\s*1)\b|^\W*short\s*=\s*sell\b|short[- ]only(?!\s+(?:funds?|managers?|etfs?|investors?|hedge\s+funds?|vehicles?|products?|firms?)\b)|\b(?:we|i|you|they|to|will|then|also)\s+(?:also\s+|then\s+|will\s+)?short(?:s)?\b(?![- ]term|\s+(?:term|run|time|end|period|window|list))"
    r")"
)
# "shorts exit on a 20-day high", "short positions are closed when ...": the short side's exit
_COVER = re.compile(r"\b(?:shorts?\s+(?:positions?\s+|trades?\s+|ones\s+)?(?:are\s+|is\s+|gets?\s+)?(?:exit(?:s|ed)?|closed?|covered)\b|cover(?:s|ing)?\s+(?:(?:the|a|your|my|our|any|all|open|existing|remaining)\s+)*shorts?(?:\s+(?:positions?|trades?|sales?))?\b|cover(?:s|ing)?(?=\s+(?:the\s+|a\s+|your\s+|my\s+|our\s+)?(?:shorts?|positions?|when|if|on|at|once|after|as|and|it|them)\b|\s*[,.;:)]|\s*$)|buy(?:s)?\s+to\s+cover|exit(?:s)?\s+(?:the\s+|a\s+|from\s+)?short|close(?:s)?\s+(?:the\s+|a\s+|any\s+|all\s+)?(?:previous\s+|prior\s+|open\s+|existing\s+)?short)")
_EXIT_LONG = re.compile(r"\b(?:exit(?:s)?\s+(?:the\s+|a\s+|from\s+)?long|close(?:s)?\s+(?:the\s+|a\s+|any\s+|all\s+)?(?:previous\s+|prior\s+|open\s+|existing\s+)?long|sell\s+(?:the\s+)?long"
                        # "long positions should be closed when ...": the passive exit of a long
                        r"|longs?\s+(?:positions?\s+|trades?\s+)?(?:(?:should|must|will|are\s+to|have\s+to)\s+be|are|is|gets?|get)\s+(?:closed|exited|sold|liquidated))")
# "short positions should be closed when ...": the passive cover of a short
_COVER_PASSIVE = re.compile(r"\bshorts?\s+(?:positions?\s+|trades?\s+)?(?:should|must|will|are\s+to|have\s+to)\s+be\s+(?:closed|exited|covered)")
_BUY = re.compile(
    r"\b(?:" + lexicon.alternation(lexicon.ACTIONS["buy"], bound=False) + r"|order_type_buy|op_buy|go(?:es|ing)?\s+long|(?<!short\s)(?<!exit\s)entry(?:\s+signal)?\s+(?:is|occurs|happens|comes|takes\s+place|is\s+taken|is\s+triggered|is\s+generated|fires|triggers)\b|(?<!short\s)(?<!exit\s)entries\s+(?:happen|occur|come|take\s+place|are\s+(?:taken|triggered|generated|made|opened))\b|went\s+long|invest(?:s|ed|ing)?(?=\s+(?:only\s+)?(?:when|whenever|if|once|while|as\s+soon\s+as)\b)|(?:be|get|gets|become|becomes)\s+(?:fully\s+)?invested|(?:pick|picks|picking|scoop|scoops|scooping|load|loads|loading)\s+up\b(?!\s+(?:speed|momentum|steam|volatility|the\s+pace))|take(?:s|ing)?\s+(?:a|an)\s+(?:new\s+)?(?:long\s+)?(?:position|trade|stake)\b|(?:initiat|establish)\w*\s+(?:a\s+|the\s+|new\s+)?(?:position|trade|stake)s?|get(?:s|ting)?\s+into\s+(?:the\s+)?(?:market|trade|position|stock)|(?:step|steps|jump|jumps|wade|wades)\s+(?:back\s+)?in(?=\s+(?:when|whenever|if|once|as\s+soon\s+as|on|at)\b)|(?:(?<=^)|(?<=^\W)|(?<=[,;:(]\s)|(?<=\band\s)|(?<=\bthen\s))(?:an?\s+)?entry\s+(?=(?:when|whenever|if|once|as\s+soon\s+as)\b)|(?:(?<=^)|(?<=[,;:(]\s)|(?<=[,;:(])|(?<=\band\s)|(?<=\bor\s))longs\s+(?=(?:when|whenever|if|while|once|on|at)\b)|\blongs?\s+(?:positions?\s+|trades?\s+)?(?:are|is|gets?|will\s+be)\s+(?:opened|entered|initiated|taken|placed|established|triggered)|enter(?:s|ing|ed)?(?!\s+(?:a\s+|the\s+)?short(?![- ]term)|\s+(?:an?\s+|the\s+|its\s+)?(?:deeply\s+|extremely\s+)?(?:oversold|overbought)\b)|long\s+(?:entry|entries(?!\s+(?:are|get|will\s+be)\s+(?:closed|exited|sold|liquidated))|positions?(?!\s+(?:are|is|gets?|will\s+be)\s+(?:closed|exited|sold|liquidated))|signal|setup|trade|(?:signals|setups|trades)(?!\s+(?:are|get|will\s+be)\s+(?:closed|exited|sold|liquidated))|when|if|while|the|assets?|stocks?|on\s+(?:a|an|the)\s+(?:\w+\s+)?(?:cross|break|close|signal|move|turn)\w*)|^\W*long\s+\$?[a-z^][a-z.]{0,5}\s+(?:when|if|while|whenever|once|as\s+long\s+as)\b|^(?:\W|\d+[.)])*long\s+(?:and|&)(?=\s)(?!\s+(?:short|medium|mid)\b)|^\W*(?:hold|own)\s+\$?(?!cash\b|bonds?\b|t-?bills?\b|it\b|them\b)[a-z^][a-z.]{0,5}?(?=\s*[,.]?\s*$)|(?:is|are|be|stays?|remains?|i'?m|i\s+am)\s+long(?!\s*-?\s*term|\s+enough)"
    # "if price > 12-month MA, maintain position; else ... move to cash": keeping the holding while a state lasts
    r"|(?:maintain|keep|retain)(?:s|ed|ing)?\s+(?:the\s+|your\s+|our\s+|its\s+|a\s+)?(?:long\s+)?(?:positions?|holdings?|exposure|investments?)(?!\s+(?:until|till|unchanged)\b)"
    r"|hold\s+long|invest(?:s|ed)?\s+in|remain\s+invested|stay\s+invested|re-?enter\w*|allocate\w*"
    # "..., stay in; if it is below, move to cash", "when the fund trades above it, hold it; ...": the holding kept
    # "we add the stock", "add to the position": a holding opened or increased
    r"|add(?:s|ing)?\s+(?:the\s+|more\s+|a\s+)?(?:stocks?|shares|etfs?|funds?)\b|add(?:s|ing)?\s+to\s+(?:the\s+|our\s+|a\s+)?(?:positions?|holdings?)\b"
    r"|(?:stay|stays|remain|remains)\s+in(?=\s*(?:[;,.]|$))|(?:we|i)\s*(?:'re|'m|\s+are|\s+am)\s+in(?=\s*(?:[;,.]|$))|(?:hold|keep|own)\s+(?:it|them|the\s+(?:fund|stock|etf|position|asset|index))(?=\s*(?:[;,.]|$))"
    # "the strategy was long whenever ...": a back-test's description of its own rule
    r"|(?:strategy|system|model|portfolio|algorithm)\s+(?:was|were)\s+(?:(?:fully\s+)?invested|long)\b(?!\s*-?\s*term)"
    # "the rule is to be invested when ...", "we are in the market while ...": the state of holding (the trader's
    # own or the strategy's, never what most investors are)
    r"|(?:(?:we|i|you)\s+(?:are|am)|we'?re|i'?m|you'?re|(?:the\s+|our\s+|my\s+)?(?:portfolio|strategy|system|model|account|fund)\s+is|be|gets?|becomes?)"
    r"\s+(?:(?:fully|100%)\s+)?(?:invested\b(?!\s+in\s+(?:cash|bonds?|t-?bills?|treasur))|in\s+the\s+market\b)"
    r"|(?:stay|stays|remain|remains)\s+in\s+the\s+market\b"
    r"|(?:hold|own)(?:s|ing)?\s+(?:[\w&$^.()-]+\s+){0,5}?(?:only\s+)?(?:while|whenever|when|if|as\s+long\s+as)|(?:stay|stays|remain|remains)\s+in\s+\$?[a-z^][a-z.]{0,5}\s+(?:only\s+)?(?:while|whenever|when|if|as\s+long\s+as)|(?:is|are)\s+held\s+(?:only\s+)?(?:while|whenever|when|if|as\s+long\s+as)|take(?:s|ing)?\s+(?:only\s+)?longs\b|(?:initiat|establish|open)\w*\s+(?:new\s+|a\s+)?longs?(?:\s+positions?)?\b|(?:^|[,;:(])\s*long[- ]only\s*(?=[,;.)]|$)|position\s*(?:=|:=|:|is\s+set\s+to)\s*(?:long|\+?1)\b|(?:->|then|:)\s*hold(?!\s+(?:cash|t-?bills?|bonds?|nothing)\b)|,\s*(?:hold|own)\s+\$?(?!cash\b|bonds?\b|t-?bills?\b|it\b|them\b|nothing\b|off\b|on\b)[a-z^][a-z.]{1,5}\s*(?:[;.,]|$)|hold(?:s)?\s+(?:the\s+)?(?:long|position|stock|asset|etf|fund|index|bond)s?"
    r"|(?:we|i|you|they|(?:the\s+)?(?:portfolio|strategy|system|model))\s+(?:then\s+|will\s+|would\s+|only\s+)?(?:owns?|holds?(?!\s+(?:cash|t-?bills?|nothing|off|on|back|through)\b))|strategy\.entry\s*\([^)]*\blong\b|buy\s*open|buy\s+to\s+open|new\s+advance|get(?:s|ting)?\s+(?:back\s+)?in(?=\s*(?:[,.;]|$|and\b|when\b|if\b|once\b|on\b|at\b))|(?:we|i)\s*(?:'re|'m|\s+are|\s+am)\s+(?:a\s+)?buyers?|accumulat\w*|open(?:s|ing)?\s+(?:a\s+|the\s+)?(?:long\s+)?(?:position|trade)|(?:positions?|trades?|entries)\s+(?:are|is|get|gets|will\s+be)\s+(?:opened|entered|initiated|taken|established|made)|(?<!many\s)(?<!some\s)(?<!most\s)(?<!large\s)(?<!big\s)(?:positions?|trades?|entries)\s+(?:were|was)\s+(?:opened|entered|initiated|taken|established|made)(?!\s+by\b)(?![^.;]*\b(?:according\s+to|last\s+(?:year|month|week)|yesterday|survey)\b)|upside\s+(?:band\s+)?break|add(?:s)?\s+(?:a\s+)?(?:\w+\s+)?units?|scale\s+in|pyramid\w*)\b"
)
_SELL = re.compile(r"\b(?:" + lexicon.alternation(lexicon.ACTIONS["sell"], bound=False) + r"|sell\s*open|new\s+decline|downside\s+(?:band\s+)?break"
                   # "once it turns negative, we are sellers"
                   r"|(?:we|i)\s*(?:'re|'m|\s+are|\s+am)\s+(?:a\s+)?sellers?)\b")
_EXIT = re.compile(
    r"\b(?:exit(?:s|ing|ed)?(?!\s+(?:the\s+|an?\s+)?(?:oversold|overbought)\b)|(?<=and\s)(?:(?:are|is|gets?|will\s+be|was|were)\s+)?(?:closed|exited|liquidated)(?=\s+(?:on|when|if|at|once|after)\b)|(?:it|they)\s+(?:is|are|was|were|gets?|will\s+be)\s+(?:closed|exited|liquidated|sold)(?=\s+(?:on|when|if|at|once|after|as\s+soon\s+as)\b)|move(?:s)?\s+(?:\w+\s+){0,3}?(?:to|into)\s+cash|go(?:es)?\s+(?:in)?to\s+cash|into\s+cash|step(?:s)?\s+aside"
    r"|(?:sits?|stays?|remains?|parks?|goes|go)\s+(?:\w+\s+)?(?:in|to)\s+cash|hold(?:s|ing)?\s+cash|(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:in|to)\s+cash|move(?:s)?\s+(?:in)?to|switch(?:es)?\s+to|bail(?:s)?\s+out"
    # "take the position off", "unwind the trade", "leave the market", "square the position", "cash out", "stand
    # aside", "move to the sidelines", "dump the shares", "bank the gain", "profits are taken when ...": closing words
    r"|take(?:s|n)?\s+(?:the\s+|your\s+|our\s+|a\s+)?(?:position|trade|it|them|longs?)\s+off|unwind\w*|(?:leave|leaves|leaving)\s+the\s+(?:market|trade|position)"
    r"|square(?:s|d)?\s+(?:up|off)?\s*(?:the\s+|your\s+|our\s+)?(?:position|trade)s?|cash(?:es)?\s+out|stand(?:s)?\s+aside"
    r"|(?:go|goes|move|moves|step|steps|stay|stays|sit|sits|remain|remains)\s+(?:to|on)\s+the\s+sidelines?|dump(?:s|ed)?\s+(?:the\s+|your\s+|our\s+)?(?:shares|stock|position|holding)s?"
    r"|bank(?:s|ed)?\s+(?:the\s+|your\s+|our\s+)?(?:gain|profit)s?|profits?\s+(?:is|are|gets?|will\s+be)\s+(?:taken|booked|banked)"
    r"|out\s+of\s+the\s+market|(?:we|i)\s*(?:'re|'m|\s+are|\s+am)\s+out\b(?!\s+of\s+(?:luck|time|ideas))|take(?:s|ing)?\s+(?:the\s+)?profits?(?!\s+(?:at|of|target|level|is|=|:|\d))|close(?:s|d)?\s+(?:it|them)(?=\s+(?:when|if|once|as|on|at)\b)|close(?:s)?\s+(?:the\s+|a\s+|your\s+|our\s+)?(?:position|trade|(?:buy\s+)?orders?\b)|(?:position|trade)s?\s+(?:is|are|gets?|will\s+be|was|were)\s+(?:closed|exited|liquidated|sold)|liquidate\w*|(?:go(?:es)?|going|went|stay(?:s|ed)?|remain(?:s|ed)?|get(?:s)?|move\w*\s+to|we\s+are|we're|i'm|i\s+am|be|is\s+set\s+to)\s+flat|(?:(?<=^)|(?<=[,;:]\s)|(?<=\band\s)|(?<=\bthen\s))flat(?=\s+(?:when|if|once|on|after|whenever|below|under|beneath|above|over)\b|\s*$)|flatten\w*|get\s+out|(?:(?<=^)|(?<=[,;:]\s)|(?<=\band\s)|(?<=\bthen\s))close(?=\s+(?:when|whenever|if|once|as\s+soon\s+as|out|it|them|all|longs?)\b)|(?:strategy|self|position|order)\.(?:close\w*|exit|liquidate))\b"
)
# "opens a BUY when ... and a SELL when ...": a manual's sell that opens a position (a short)
_OPENS_SELL = re.compile(r"\b(?:opens?|opening|places?)\s+a\s+(?:buy\b[^.;]{0,80}?\band\s+a\s+)?sell\b(?!\s+stop)"
                         # MetaTrader: trade.Sell(...), ORDER_TYPE_SELL, OP_SELL open a short
                         r"|\btrade\.sell\s*\(|\border_type_sell\b|\bop_sell\b"
                         # Seer's "SellOpen if ...", "sell to open"; a stop-and-reverse system is always in, long or short
                         r"|\bsell\s*open\b|\bsell\s+to\s+open\b|\bstop[\s-]+and[\s-]+reverse\b"
                         # "exit the position and reverse", "close the trade and reverse on the opposite signal"
                         r"|\b(?:exit|close|liquidate|get\s+out\s+of)(?:s|ing)?(?:\s+(?:the\s+|a\s+|your\s+|our\s+|its\s+|any\s+|current\s+|open\s+|existing\s+)*(?:positions?|trades?|longs?))?\s*,?\s+and\s+reverse\b(?!\s+(?:the\s+)?(?:rules?|logic|conditions?)\b)|\breverses?\s+(?:the\s+|its\s+|our\s+)?(?:position|trade)s?\b"
                         r"|\balways\s+in\s+the\s+market\b"
                         # "the position is flipped on the opposite signal", "flip the position": a long turned into a short
                         r"|\b(?:positions?|trades?)\s+(?:is|are|gets?|will\s+be)\s+(?:always\s+|then\s+|simply\s+)?(?:flipped|reversed)\b"
                         r"|\bflip(?:s|ping|ped)?\s+(?:the\s+|its\s+|our\s+|your\s+)?(?:position|trade)s?\b"
                         # "sell orders are placed when ...", "the EA holds either a buy or a sell", "close the buy on a sell
                         # signal and vice versa": a forex system's sells are positions of their own
                         r"|\bsell\s+(?:orders?|trades?|positions?|deals?)\s+(?:are|is|get|gets|will\s+be)\s+(?:placed|opened|entered|taken|sent|executed|triggered)\b"
                         r"|\b(?:holds?|has|have|keeps?|is\s+in)\s+(?:either\s+)?a\s+buy\s+or\s+a\s+sell\b"
                         r"|\bclose\s+(?:the\s+|a\s+|any\s+)?buy\b[^.;]{0,60}?\bvice\s+versa\b"
                         # "enter a sell trade when ...": a forex manual's sell that opens a position
                         r"|\b(?:enter|open|place|take)(?:s|ing)?\s+(?:into\s+)?(?:a\s+|the\s+)?sell\s+(?:trade|position|deal)s?\b"
                         # "place a 1-lot SELL order", "opens a 0.1 lot sell", "execute a 2-contract sell": an order sized in
                         # lots or contracts opens the sell side (a stock's "place a sell order" may only close the long)
                         r"|\b(?:open|place|enter|take|execute|send|submit)(?:s|es|ed|ing)?\s+(?:an?\s+|the\s+|one\s+)?"
                         r"(?:\d+(?:\.\d+)?[- ]?(?:lots?|contracts?|units?)|(?:mini|micro)[- ]lots?)[- ]\s*(?:market\s+)?sell\b(?!\s+(?:stop|limit)\b)"
                         # "we buy or sell depending on the side the cross comes from": both sides open
                         r"|\b(?:either\s+)?buy\s+or\s+sell\b,?\s+(?:\w+\s+){0,2}?depending\s+on\b"
                         # "opening of the deal to sell", "open a position to sell"
                         r"|\b(?:open|enter)(?:s|ing)?\s+(?:of\s+|into\s+)?(?:a|the)\s+(?:deal|trade|position)\s+to\s+sell\b")
# a candle's colour ("the candle closes bearish", "a bearish bar") says how a bar closed, not which side opens; a
# "bearish crossover" or "bearish signal" names the sell's event, which may only close the long
_BEARISH = re.compile(r"\b(?:(?<!closes\s)(?<!closed\s)(?<!close\s)(?<!is\s)(?<!turns\s)bearish(?!\s+(?:candles?|bars?|candlesticks?|days?)\b)(?!\s+(?:[\w%()/-]+\s+){0,3}?(?:cross\w*|close|closes|signal|reversal|divergence)\b)|new\s+decline|downside\s+(?:band\s+)?break|downtrend|sl\s+above|stop\s+(?:loss\s+)?above|stop\s+at\s+the\s+upper)\b")


# "while in a long position", "if position is short": the state a rule applies in, not an action
_STATE = re.compile(r"\b(?:if|when|while|whilst|once)\s+you\s+are\s+(?:long|short)\b|\b(?:while|when|if|whilst)?\s*(?:in|holding|have|with)\s+(?:a|an\s+open)\s+(?:long|short)\s+position\b|\bposition\s+is\s+(?:long|short)\b(?!\s+(?:if|when|whenever|while|as\s+long\s+as)\b)")


_LABEL = re.compile(
    r"^\W*(?:(longs|long|buy|entry|entries|enter|opening|filter|setup|condition|shorts|short|exit|exits|sell|cover|flat|closing|close)"
    r"(?:\s+(?:entry|rule|rules|signal|signals|condition|conditions|trigger|filter|setup|long|short))?)[\"']?"
    r"(?:\s*\((?:long|short|buy|sell)\))?\s*(?:[:=]|\|(?=\s*\S)"  # "| Entry (long) | ... |"
    # "BUY - Enter longs when ...", "SHORT - ...": a label set off by a spaced dash
    r"|\s+[-\u2013\u2014]\s+(?!term\b|and\s+hold\b|or\s+)(?=\S))"
)
_LABEL_ROLE = {"long": "buy", "longs": "buy", "shorts": "short", "buy": "buy", "entry": "buy", "entries": "buy", "enter": "buy", "opening": "buy", "filter": "buy",
               "setup": "buy", "condition": "buy", "short": "short", "exit": "exit", "exits": "exit", "sell": "sell",
               "cover": "cover", "flat": "exit", "close": "exit", "closing": "exit"}
# "hold the stronger, but only if its return is positive": a condition that gates the holding
_GATE = re.compile(r"\b(?:only\s+(?:if|when|while)|provided(?:\s+that)?|as\s+long\s+as)\b")


# "Criteria for entry:", "Conditions for going short:", "Rules for exiting longs:": a label naming its side after "for"
_FOR_LABEL = re.compile(r"^\W*(?:criteria|criterion|conditions?|rules?|signals?|requirements?|triggers?)\s+(?:for|to)\s+(?:an?\s+|the\s+)?"
                        r"(?:(going\s+long|going\s+short|entering\s+short|exiting\s+shorts?|covering|exiting|exit|entries|entry|entering|enter"
                        r"|longs?|shorts?|buying|buy|selling|sell)(?:\s+(?:trades?|positions?|longs?|shorts?))?)\s*[:=]")
_FOR_ROLE = {"going long": "buy", "going short": "short", "entering short": "short", "exiting short": "cover", "exiting shorts": "cover",
             "covering": "cover", "exiting": "exit", "exit": "exit", "entries": "buy", "entry": "buy", "entering": "buy", "enter": "buy",
             "long": "buy", "longs": "buy", "short": "short", "shorts": "short", "buying": "buy", "buy": "buy", "selling": "sell", "sell": "sell"}


_SIDE_LABEL = re.compile(r"^\W*(bullish|bearish)\s+(?:entry|entries|setup|setups|trade|trades|signal|signals|position|positions|rules?|conditions?)\s*[:=|]")


def label_role(norm: str) -> str | None:
    """The role a leading label gives its line: "- Entry: RSI(2) < 5" -> buy, "Short rule: ..." -> short,
    "Criteria for going short: ..." -> short."""
    m = _LABEL.match(norm)
    side = _SIDE_LABEL.match(norm) if not m else None
    if side:  # "Bullish entry: ...", "Bearish setup: ...": the side a label names by its bias
        return "buy" if side.group(1) == "bullish" else "short"
    if not m:
        f = _FOR_LABEL.match(norm)
        if f is None:
            return None
        words = re.sub(r"\s+", " ", f.group(1))
        key = next((k for k in sorted(_FOR_ROLE, key=len, reverse=True) if words.startswith(k)), None)
        role = _FOR_ROLE.get(key) if key else None
        if role in ("exit", "buy") and re.search(r"\bshorts?\b", words):
            role = "cover" if role == "exit" else "short"
        return role
    if re.match(r"\W*short\s+(?:exit|cover)", norm) or re.match(r"\W*(?:exit|close)\s+\(?short", norm):
        return "cover"
    if re.match(r"\W*(?:entry|enter)\s+\(?short", norm):
        return "short"  # a table row "| Entry short | ... |"
    if re.match(r"\W*(?:exit|close)\s+\(?long", norm):
        return "exit"
    return _LABEL_ROLE[m.group(1)]


def is_filter_label(norm: str) -> bool:
    """A line labelled as a filter or set-up ("Setup: ...", "Filter: ..."): a condition, on no side of its own."""
    m = _LABEL.match(norm)
    return bool(m) and m.group(1) in ("filter", "setup", "condition")


# "close > ma(200) -> hold SPY", "long above the upper channel": a holding written after an arrow, and a side
# named right before where the price must be
_ARROW_BUY = re.compile(r"(?:->|=>)\s*(?:go\s+)?(?:hold|own|buy|long)\b(?!\s+(?:cash|t-?bills?|nothing)\b)"
                        r"|(?:^|[,;:(]\s*|\band\s+|\bthen\s+)long\s+(?=(?:above|over|below|under|beneath|while|whenever|once)\b)")
# "trade ETH when ...", "get into SPY once ...": an instrument taken right before its condition (``lexicon.ENTRY_TAKE``)
_TAKE = re.compile(lexicon.ENTRY_TAKE)


# Money moved between holdings (``lexicon.MONEY_MOVE``): the target decides: a safe asset (cash, bonds, T-bills)
# or a move away from the holding the rule names ("from that fund") is an exit, an asset (stocks, the market, that
# fund, the index fund, a ticker) an entry.
_MOVE = re.compile(lexicon.MONEY_MOVE)
_MOVE_OUT = re.compile(lexicon.MONEY_MOVE_OUT)
_SAFE = lexicon.SAFE_ASSETS
_FROM_HELD = re.compile(r"\bfrom\s+(?:that|this|it|them|those|these|the\s+same)\b")


def _moves(norm: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The spans of money moved into a holding (an entry) and out of it (an exit)."""
    into: list[tuple[int, int]] = []
    out: list[tuple[int, int]] = []
    for m in _MOVE.finditer(norm):
        safe = re.match(_SAFE, m.group("to")) is not None
        away = m.group("frm") is not None and _FROM_HELD.match(m.group("frm")) is not None \
            and not re.match(r"(?:that|this|the\s+same)\b", m.group("to"))
        # "switch from TLT to SPY when ...", "move from cash into stocks": leaving the safe side is an entry
        from_safe = m.group("frm") is not None and re.match(rf"from\s+(?:the\s+)?{_SAFE}", m.group("frm")) is not None
        (out if (safe or away) and not from_safe else into).append(m.span())
    out += [m.span() for m in _MOVE_OUT.finditer(norm)]
    return into, out


def switch_target(norm: str) -> str | None:
    """The safe side a clause switches a named holding to ("switches from SPY to TLT when ...", "moves from stocks
    into bonds when ..."): a rotation whose holding is kept while its condition does not hold. None when the clause
    names no such switch.

    >>> switch_target("the rule switches from spy to tlt when spy closes below its 200-day sma.")
    'tlt'
    >>> switch_target("move to cash when spy closes below its 200-day sma.") is None
    True
    """
    for m in _MOVE.finditer(norm):
        frm = m.group("frm")
        held = frm is None and _HELD_BEFORE.search(norm, 0, m.start()) is not None
        if not held and (frm is None or _FROM_HELD.match(frm) or re.match(rf"from\s+(?:the\s+)?{_SAFE}", frm)):
            continue
        if re.match(_SAFE, m.group("to")):
            return m.group("to")
    return None


# "hold SPY, but switch to TLT when ...": the holding named before the move in its clause
_HELD_BEFORE = re.compile(r"(?:^\W*|[,;:]\s*|\b(?:i|we|you|then|and)\s+)(?:hold|own|stay\s+in|stay\s+invested\s+in|be\s+invested\s+in)\s+"
                          rf"(?!{_SAFE}|it\b|them\b|positions?\b|the\s+position\b)\$?[a-z^][a-z0-9.]{{1,5}}\b\s*(?:,\s*|;\s*)?(?:but|and|then)?\s*$")


def switches_out(norm: str) -> bool:
    """Whether a clause switches from a named holding to the safe side (``switch_target``).

    >>> switches_out("we rotate from iwm to shy whenever iwm closes under its 10-month sma.")
    True
    """
    return switch_target(norm) is not None


def _blank_spans(norm: str, spans: list[tuple[int, int]]) -> str:
    for a, b in spans:
        norm = norm[:a] + " " * (b - a) + norm[b:]
    return norm


# "close the order and stop buying", "no more buying after that": a buy that ends, never an entry
_STOP_BUYING = re.compile(r"\b(?:stop(?:s|ped)?|quit(?:s)?|cease(?:s)?|no\s+more|no\s+longer)\s+(?:buying|adding|entering|going\s+long)\b")


def roles_of(norm: str) -> set[str]:
    """What a (sub)clause tells you to do: buy, sell, short, cover, exit, exit_long."""
    roles: set[str] = set()
    norm = _STOP_BUYING.sub(" ", _STATE.sub(" ", norm))
    # "close short positions", "short positions should be closed": a cover, not a short
    if short_cues(_COVER_PASSIVE.sub(" ", _COVER.sub(" ", norm))):
        roles.add("short")
    if _COVER.search(norm) or _COVER_PASSIVE.search(norm):
        roles.add("cover")
    if _EXIT_LONG.search(norm):
        roles.add("exit_long")
    rest = _SHORT.sub(" ", _COVER.sub(" ", _EXIT_LONG.sub(" ", norm)))
    into, out = _moves(rest)
    if into:
        roles.add("buy")
    if out:
        roles.add("exit")
    rest = _blank_spans(rest, into + out)
    if _BUY.search(rest) or _ARROW_BUY.search(rest) or _TAKE.search(rest):
        roles.add("buy")
    if _SELL.search(rest):
        roles.add("sell")
    if _EXIT.search(rest):
        roles.add("exit")
    if not roles and _GATE.search(norm):
        roles.add("buy")
    return roles


def cue_position(role: str, norm: str) -> int | None:
    """Where the first cue of ``role`` starts in ``norm`` (None when none matches).

    >>> cue_position("exit", "accumulate below the average and take profits above it")
    33
    """
    rx = {"buy": (_BUY, _ARROW_BUY, _TAKE), "sell": (_SELL,), "short": (_SHORT,), "cover": (_COVER,), "exit": (_EXIT,),
          "exit_long": (_EXIT_LONG,)}.get(role, ())
    into, out = _moves(norm) if role in ("buy", "exit") else ([], [])
    moved = into if role == "buy" else out
    rest = _blank_spans(norm, into + out) if into or out else norm
    starts = [m.start() for r in rx for m in [r.search(rest)] if m] + [a for a, _ in moved]
    return min(starts) if starts else None


# a short the text does not take: one it could be adapted to ("it can be reversed to trade short positions",
# "could be changed to short the market"), or one it rules out ("shorting is not allowed", "we never short")
_NO_SHORT = re.compile(
    r"\b(?:can|could|may|might|would)\s+(?:however\s+|also\s+|easily\s+|even\s+)?(?:be\s+)?(?:changed|altered|modified|reversed|adapted"
    r"|adjusted|extended|converted|flipped|used|applied)\b[^.;]{0,40}?\bshort\w*(?:\s+(?:positions?|trades?|side|the\s+market))?"
    r"|\b(?:no|not|never|nor|without|don'?t|doesn'?t|cannot|can'?t|won'?t)\s+(?:\w+\s+){0,2}?short(?:ing|s|[- ]?sell\w*)?\b(?!-term)"
    r"(?:\s+(?:positions?|trades?|side|sales?))?"
    r"|\b(?:the\s+)?short(?:ing|s|[- ]?sell\w*|\s+(?:trades?|positions?|sales?|side|entries|signals?))?\s+(?:(?:is|are|gets?|will\s+be)\s+(?:not|never)|will\s+(?:not|never)\s+be|won'?t\s+be)\s+"
    # ... but "short trades are not taken while the trend is up" takes them at other times
    r"(?:allowed|permitted|taken|used|possible|an\s+option|traded|opened|entered|initiated|placed|held|considered|included|part\s+of)\b"
    r"(?!\s+(?:when|whenever|if|while|unless|during|above|below|until|in\s+an?\s+up|on\s+days?)\b)"
    # "stop shorting until ...", "avoid short selling": a short the author gives up
    r"|\b(?:stop|quit|avoid|avoids|avoiding|give\s+up|refrain\s+from)\s+(?:\w+\s+)?short(?:ing|s|[- ]?sell\w*)?\b"
    # "a failed rally may offer a shorting chance", "might be a good short setup": a possibility, not a rule
    r"|\b(?:could|may|might|would|can)\s+(?:also\s+|instead\s+|well\s+|even\s+)?(?:be|mean|present|offer|signal|represent|indicate|become|provide)"
    r"\s+(?:a\s+|an\s+)?(?:\w+\s+){0,2}?(?:short(?:[- ]?sell\w*|ing)?|sell(?:ing)?)\s+(?:opportunit\w*|chances?|candidates?|setups?|signals?|trades?)\b")


# a line of code commented out ("// OrderSend(..., OP_SELL, ...);", "/* strategy.entry("S", strategy.short) */"):
# its order is switched off; a comment in words ("// go short when RSI > 70") still states a rule
_COMMENTED = re.compile(r"^\s*(?://|#|/\*|--)|\*/\s*$")
_CODE_ORDER = re.compile(r"strategy\.(?:entry|order)\s*\(|\btrade\.sell\s*\(|\border_type_sell\b|\bop_sell\b")


def _commented_order(norm: str, m: re.Match[str]) -> bool:
    return bool(_COMMENTED.search(norm)) and bool(_CODE_ORDER.search(m.group(0)))


def short_cues(norm: str) -> list[re.Match[str]]:
    """Every cue for a short position ("go short", "sell short", "short the laggards", "long/short"), except
    a short the text only could take or rules out ("can be reversed to trade short", "shorting is not allowed")
    and a short order in code that is commented out.

    >>> len(short_cues("buy on the cross; go short on the cross down")), len(short_cues("it can be reversed to trade short positions"))
    (1, 0)
    >>> len(short_cues('// strategy.entry("s", strategy.short)')), len(short_cues("// go short when rsi(14) > 70"))
    (0, 1)
    """
    off = [m.span() for m in _NO_SHORT.finditer(norm)]
    return [m for m in _SHORT.finditer(norm) if not any(a <= m.start() < b for a, b in off) and not _commented_order(norm, m)]


# "short trades only", "we only take short positions", "a short-only system", "no long trades": the text's
# entries are all shorts, so a neutral "enter"/"exit" opens and closes a short
_SHORT_ONLY = re.compile(
    r"\bshort[- ]only\b(?!\s+(?:funds?|managers?|etfs?|investors?|hedge\s+funds?|vehicles?|products?|firms?)\b)|\bshort\s+(?:trades|positions|side|setups|signals|entries)\s+only\b"
    r"|\bonly\s+(?:(?:takes?|trades?|opens?|enters?|goes?|go)\s+)?(?:the\s+)?short\s+(?:trades|positions|side|setups|entries)\b"
    r"|\b(?:we|i|it|system|strategy|model)\s+(?:\w+\s+)?only\s+(?:takes?|trades?|opens?|enters?|goes?|go)\s+(?:the\s+)?short(?:s|\b)"
    r"|\b(?:no|never(?:\s+any)?)\s+long\s+(?:trades|positions|entries|side)\b")
# words that open a long by themselves (a neutral "enter" or "entry" does not)
# ("long-term", "a long time", "buy & hold" as the benchmark name no side of the strategy)
_LONG_WORD = re.compile(r"\b(?:buy|buys|buying|bought|purchase\w*|long|longs|go(?:es)?\s+long)\b(?!\s+(?:to\s+cover|(?:it\s+|them\s+|the\s+\w+\s+)?back)\b)"
                        r"(?![- ]?term\b|\s+(?:time|run|while|ago|periods?|lookbacks?|windows?|averages?|mas?|emas?|smas?|moving)\b|\s*(?:&|and|-|n)\s*hold\b)")


def short_only(norm: str) -> bool:
    """Whether a clause says the text trades the short side only ("short trades only", "we only take shorts").

    >>> short_only("short trades only."), short_only("we only take short positions"), short_only("short and long trades")
    (True, True, False)
    """
    return bool(_SHORT_ONLY.search(norm)) and not any(_NO_SHORT.search(norm, m.start()) for m in _SHORT_ONLY.finditer(norm)) \
        and not re.search(r"\b(?:no|not|never)\b[^.;]{0,20}$", norm[:_SHORT_ONLY.search(norm).start()])


def names_long(norm: str) -> bool:
    """Whether a clause names the long side by a word of its own ("buy", "long"), not a neutral "enter"."""
    return bool(_LONG_WORD.search(norm))


def opens_sell(norm: str) -> bool:
    """A trading robot's manual opening a SELL ("the EA opens a BUY when ... and a SELL when ..."): a short.

    >>> opens_sell("the ea opens a buy when the fast ma crosses above the slow ma and a sell when it crosses below.")
    True
    """
    return any(not _commented_order(norm, m) for m in _OPENS_SELL.finditer(norm))


def has_bearish(norm: str) -> bool:
    """A sell-side cue that opens a position rather than closing one (bearish break, stop above)."""
    return bool(_BEARISH.search(norm))


# a text that rules the short side out: "no shorting", "we never go short", "long only", "only long trades"
_LONG_ONLY = re.compile(r"(?:^|[\s(,;:])long[- ]only\b(?!\s+(?:funds?|managers?|investors?|benchmarks?|indexes|indices|portfolios\s+of\s+others)\b)"
                        r"|\bonly\s+(?:(?:takes?|trades?|opens?|enters?|goes?|go|buys?)\s+)?(?:the\s+)?long\s+(?:trades|positions|side|setups|entries)\b"
                        r"|\blong\s+(?:trades|positions|side|entries)\s+only\b|\blongs\s+only\b")


def rules_out_shorts(norm: str) -> bool:
    """Whether a clause says the text takes no short positions ("no shorting", "long only", "we never short").

    A "sell" in such a text only ever closes the long.

    >>> rules_out_shorts("stocks only, no shorting."), rules_out_shorts("long-only."), rules_out_shorts("sell short when ...")
    (True, True, False)
    """
    if _LONG_ONLY.search(norm):
        return True
    return any(re.search(r"\bshort", m.group(0)) and not re.match(r"\s*\b(?:can|could|may|might|would)\b", m.group(0))
               for m in _NO_SHORT.finditer(norm))


# a market where a sell opens a position of its own: a currency pair ("EUR/USD", "GBPJPY"), forex, pips, lots,
# an expert advisor on MetaTrader (never "a lot of", "lots of"), a perpetual swap, a CFD
_CCY = r"(?:eur|usd|gbp|jpy|chf|aud|nzd|cad|sek|nok|cnh|sgd|hkd|zar|mxn)"
_TWO_WAY_MARKET = re.compile(rf"\b{_CCY}(?:\s*/\s*)?{_CCY}\b|\bforex\b|\bcurrency\s+pairs?\b|\bpips?\b(?!\s+install)|\bmetatrader\b|\bmt[45]\b"
                             r"|\bexpert\s+advisors?\b|\b\d+(?:\.\d+)?[- ]?lots?\b|\blot\s+size\b"
                             # crypto perpetual swaps and CFDs: a sell opens a short as readily as a buy opens a long
                             r"|\bperpetual\s+(?:swaps?|futures|contracts?)\b|\bperps?\b|\bcfds?\b")


def two_way_market(norm: str) -> bool:
    """Whether a clause places the strategy in a market where a sell opens a short (forex: a pair, pips, lots).

    >>> two_way_market("trade eur/usd on the 1-hour chart"), two_way_market("a lot of traders buy spy")
    (True, False)
    >>> two_way_market("stop 30 pips below the entry"), two_way_market("pip install pandas")  # Python's installer
    (True, False)
    """
    return bool(_TWO_WAY_MARKET.search(norm))


_HEAD_BUY = re.compile(r"\b(?:buy|long|longs|entry|enter|bullish)\b")
_HEAD_SELL = re.compile(r"\b(?:sell|exit|bearish)\b")
_HEAD_SHORT = re.compile(r"\bshorts?\b(?!-term)")


def section_roles(norm: str) -> set[str]:
    """Roles a heading hands to the lines below it ("Buy Signal:", "Exit Conditions", "Short Position (Sell)")."""
    r = roles_of(norm)
    if _HEAD_SHORT.search(norm) and re.search(r"\b(?:exit|close|cover)\b", norm):
        return {"cover"}
    if _HEAD_SHORT.search(norm):
        return {"short"}
    if re.search(r"\bexit\b", norm) and re.search(r"\blong\b", norm):
        return {"exit_long"}
    if not r:
        if _HEAD_BUY.search(norm):
            r.add("buy")
        if _HEAD_SELL.search(norm):
            r.add("sell" if "sell" in norm or "bearish" in norm else "exit")
    return r


_SPLIT = re.compile(r";|,?\s+(?:while|whereas|but|otherwise|however)\b|,\s+(?:and\s+)?(?=(?:go|sell|buy|exit|short)\b)|\s+and\s+(?=(?:go|goes|sell|sells|exit|exits|short|step|steps|move|moves)\b)"
                    # "when X buy the stock, and when Y, sell it": a second condition with its own action after it
                    r"|,\s+(?:and|then|and\s+then)\s+(?=(?:when|whenever|if|once|as\s+soon\s+as)\b)")


# ("long while RSI > 50, short while RSI < 50": the side named right before "while" is held while it lasts)
_HOLD_WHILE = re.compile(r"(?:\bonly|\b(?:hold|own|keep|stay)\w*(?:\s+\S+){0,3}|\b(?:long|short|longs|shorts|invested|flat))\s*$")


def split_subclauses(norm: str) -> list[tuple[int, int]]:
    """Spans of the parts of a clause that may carry different roles ("buy when X, otherwise cash")."""
    cuts = [0]
    for m in _SPLIT.finditer(norm):
        if m.group(0).strip().startswith("while") and _HOLD_WHILE.search(norm[max(0, m.start() - 40):m.start()]):
            continue  # "own IWM only while it is above the 200-DMA": the while is the holding's condition
        cuts.append(m.start())
    cuts.append(len(norm))
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


_EXAMPLE = re.compile(r"\b(?:for example|for instance|e\.g\.?|say,|as an example|an example of)"
                      # "Example with rule 'buy when ...'": a manual's illustration (a card's "Example:" bullet may be its rule)
                      r"|^[\W_]*examples?\s+(?:\d+\s+)?(?:with|of|for|rule)\b")
_NEGATION = re.compile(
    r"\b(?:does not|do not|did not|doesn't|don't|didn't|is not|isn't|are not|aren't|was not|wasn't|'m not|am not|"
    r"not|never|without|rather than|instead of|no longer|excluding|ignore[sd]?|unlike)\b|\bno\s+(?=\w)"
    # "stop telling newbies to buy the golden cross": what the author argues against
    r"|\bstop\s+(?:telling|saying|recommending|advising|suggesting)\b"
)
_NEG_END = re.compile(r"[;.]|\bbut\b|\bhowever\b|\binstead\b|\bwhile\b")


# "we stay flat until the next golden cross", "sit in cash until the close is back above the average",
# "do not re-enter until ...": when to come back in after an exit or a stop (the entry rule already says
# that; the engine waits for a fresh entry signal), not a rule of its own
_REENTRY = re.compile(
    r"\b(?:stay|stays|stayed|remain|remains|sit|sits|wait|waits|keep|kept|be|are|is|go|goes|move|moves|stand|stands)\s+"
    r"(?:\w+\s+){0,2}?(?:flat|out(?:\s+of\s+the\s+market)?|aside|in\s+cash|(?:in|on)\s+the\s+sidelines|uninvested|in\s+t-?bills)\b"
    r"[^.;]{0,40}?\b(?:until|till|until\s+after)\b"
    r"|\b(?:before|until)\s+(?:we\s+|you\s+|i\s+)?re-?enter(?:ing)?\b|\bre-?entry\s+(?:only\s+)?(?:after|on|when|once|requires)\b"
)


def reentry_ranges(norm: str) -> list[tuple[int, int]]:
    """Spans that say when to come back in after an exit ("stay flat until the next golden cross").

    >>> n = "sell when it closes below the 10-month sma and stay in cash until it is back above."
    >>> [n[a:b] for a, b in reentry_ranges(n)]
    ['until it is back above.']
    """
    out = []
    for m in _REENTRY.finditer(norm):
        at = re.search(r"\b(?:until|till)\b", m.group(0))
        a = m.start() + at.start() if at and m.group(0).rstrip().endswith(("until", "till", "after")) else m.start()
        end = re.compile(r";|\.(?:\s|$)|,\s+(?:and\s+|then\s+)?(?=(?:buy|sell|go|exit|short)\b)").search(norm, m.end())
        out.append((a, end.start() + 1 if end and norm[end.start()] == "." else end.start() if end else len(norm)))
    return out


# what the author tried and dropped: a section titled so ("What I tried first", "Tested and rejected"),
# or a clause that says it tried something and, in it or the next sentence, that it did not help
_TRIED_TITLE = re.compile(
    r"\b(?:what\s+(?:i|we)\s+(?:(?:also\s+)?tried|tested|dropped|rejected|discarded)|(?:tried|tested)\s+(?:and|but)\s+(?:dropped|rejected|discarded|abandoned)"
    r"|what\s+(?:did\s+not|didn't|doesn't|does\s+not)\s+work|things\s+that\s+(?:did\s+not|didn't)\s+work|(?:rejected|discarded|abandoned|failed)\s+"
    r"(?:ideas|variants|versions|approaches|alternatives|attempts|filters)|(?:earlier|previous|first|old)\s+(?:versions?|attempts?))\b")
_TRIED = re.compile(r"\b(?:tried|tested|experimented\s+with|looked\s+at|examined|(?:my|our|the)\s+first\s+version|initially|originally|at\s+first)\b")
_REJECTED = re.compile(
    r"\b(?:did(?:n't|\s+not)\s+(?:help|work|add|improve|pay)|did\s+nothing|no\s+(?:real\s+)?(?:improvement|benefit|value|edge)|added\s+nothing"
    r"|neither\s+(?:improved|helped|added|worked)|dropped|abandoned|gave\s+up|discarded|rejected|went\s+back\s+to|settled\s+on"
    r"|not\s+part\s+of|(?:is|was)\s+not\s+in\s+the|(?:too|painfully|far\s+too)\s+(?:slow|fast|jumpy|noisy|concentrated|late|often)"
    r"|basically\s+noise|false\s+signals|made\s+(?:it|things)\s+worse|hurt\s+(?:results|returns|performance))\b")


# a rule the next sentence disowns ("Don't do this.", "It doesn't work.") or one others push that the
# author then warns against ("the rule every YouTuber pushes ... I stopped trading it")
_DISAVOW = re.compile(
    r"\W*(?:so\s+|please\s+|just\s+|but\s+)?(?:(?:don't|do\s+not|never)\s+(?:do|trade|use|follow|try|fall\s+for)\s+(?:this|that|it)\b"
    r"|(?:this|that|it)\s+(?:doesn't|does\s+not|did\s+not|didn't|won't|will\s+not)\s+work\b|avoid\s+(?:this|that|it)\b)")
_HEARSAY = re.compile(r"\b(?:everyone|every\s+(?:guru|youtuber)|gurus?|youtube\w*|influencers?|people\s+(?:push|recommend|swear)|"
                      r"the\s+(?:popular|classic|usual)\s+(?:advice|rule|setup)|goes\s+like\s+this|(?:they|people)\s+(?:say|tell\s+you))\b")


# "our trend sleeve added to long positions as 12-month momentum turned positive": a fund reporting what
# it did last month, not a rule (rules say when/if/whenever, a report says "as")
_REPORT = re.compile(r"\b(?:added\s+to|trimmed|reduced|increased|initiated|exited|cut\s+back|took\s+profits?\s+(?:in|on))\s+"
                     r"(?:\w+\s+){0,3}?(?:positions?|exposures?|holdings?|stakes?|weights?|allocations?)\b")
_RULE_WORD = re.compile(r"\b(?:when|whenever|if|once|each|every|only\s+while|as\s+long\s+as)\b")
_CONDITIONAL = re.compile(r"\b(?:when|whenever|if|once|only\s+while|as\s+long\s+as|as\s+soon\s+as|each\s+time|every\s+time)\b")


# what the market did on a day: a past-tense move or trade ("fell below", "rallied above", "bought") ...
_PAST_MOVE = re.compile(
    r"\b(?:fell|rose|rallied|dropped|slid|sank|slipped|tumbled|plunged|climbed|jumped|surged|soared|spiked|crossed|broke|closed|"
    r"went|moved|switched|rotated|re-?entered|entered|exited|"
    r"finished|ended|bounced|rebounded|dipped|traded|held|bought|sold|shorted|triggered|triggering|pushing|sending|dragging|"
    r"has\s+been\s+(?:trading|holding|sitting|rising|falling))\b")
# ... at a time the text names (yesterday, on Tuesday, last week, in March, for months) ...
_WHEN_SAID = re.compile(
    r"\b(?:yesterday|overnight|this\s+(?:morning|afternoon|week|month|quarter|year|session)|last\s+(?:night|week|month|quarter|year|session|"
    r"monday|tuesday|wednesday|thursday|friday)|earlier\s+(?:this|today)|on\s+(?:monday|tuesday|wednesday|thursday|friday)|"
    r"in\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)|"
    r"for\s+(?:days|weeks|months|years)|(?:this|last)\s+(?:spring|summer|autumn|fall|winter))\b")
_RATING = re.compile(r"\b(?:buy|sell|hold|overweight|underweight|outperform|underperform|neutral)\s+rating\b|\bprice\s+target\b"
                     r"|\b(?:upgraded|downgraded|upgrades|downgrades)\b")
# a day or month the text names as when something happened (a rule says when, a report says on which day)
_ON_A_DAY = re.compile(
    r"\b(?:yesterday|this\s+(?:morning|afternoon|week|month)|last\s+(?:night|week|month|session|monday|tuesday|wednesday|thursday|friday)|"
    r"on\s+(?:monday|tuesday|wednesday|thursday|friday)|(?:in|on|of|since)\s+(?:early\s+|mid-?|late\s+)?(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december)(?:\s+\d{1,2})?(?:,?\s+(?:19|20)\d\d)?)\b")
# ... or done by the market's other participants ("traders sold heavily", "bulls bought every dip")
_CROWD_PAST = re.compile(r"\b(?:traders|investors|bulls|bears|buyers|sellers|funds|desks|participants|speculators|shorts|longs)\s+"
                         r"(?:\w+\s+){0,2}?(?:bought|sold|shorted|piled|dumped|covered|rushed|stepped|took|added|trimmed|exited|moved|shifted|switched|rotated|poured)\b"
                         r"|\b(?:wave|bout|round|flood)\s+of\s+(?:buying|selling|short[- ]covering)\b")


def is_report(norm: str) -> bool:
    """A past-tense report, not a rule: portfolio changes ("the sleeve added to long positions as momentum
    turned") and market commentary (a move on a day the text names, or trades by the market's other
    participants: "bitcoin fell below its 50-day average yesterday and traders sold"). A rule says
    when/if/whenever; a report does not.

    >>> is_report("our trend sleeve added to long positions in futures as 12-month momentum turned positive.")
    True
    >>> is_report("the strategy added to positions whenever the 20-day high was broken.")
    False
    >>> is_report("the index slid below its 100-day average on tuesday as funds sold.")
    True
    """
    if _REPORT.search(norm) and not _RULE_WORD.search(norm):
        return True
    if _RATING.search(norm) and not _CONDITIONAL.search(norm):
        return True  # "the bank has a buy rating on the stock after it rose above its average": an analyst's view
    if _PAST_MOVE.search(norm) and _ON_A_DAY.search(norm):
        return True  # "the model went to cash in march 2020 when the index fell below ...": one dated event
    # "bulls bought every dip" is what happened, not "each"/"every" of a rule
    return not _CONDITIONAL.search(norm) and bool(_PAST_MOVE.search(norm)) and bool(_WHEN_SAID.search(norm) or _CROWD_PAST.search(norm))


def is_tried_title(norm: str) -> bool:
    """A section title for what the author tried and dropped: "What I tried first", "Tested and rejected"."""
    return bool(_TRIED_TITLE.search(norm))


def is_tried(norm: str, following: str = "") -> bool:
    """A sentence about something tried and dropped ("We tried RSI but it didn't help"), judged with the
    sentence after it ("I tried 12-month returns." "It was too slow.").

    >>> is_tried("we looked at macd(8,17,9) too, but it doubled the false signals.")
    True
    >>> is_tried("we tested the rule below on twenty years of spy.")
    False
    >>> is_tried("the rule everyone pushes: buy when rsi(2) is under 10.", "don't do this.")
    True
    """
    if _DISAVOW.match(following) or (_HEARSAY.search(norm) and _DISAVOW.search(following[:160])):
        return True  # "... buy when the 2-day RSI drops under 10." "Don't do this."
    return bool(_TRIED.search(norm)) and bool(_REJECTED.search(norm) or _REJECTED.search(following[:160]))


def is_example_start(norm: str) -> bool:
    """A clause that opens with "for example"/"for instance"/"e.g.": its rules are illustrations (an "e.g."
    inside a parenthesis only gives an example of one word)."""
    m = _EXAMPLE.search(norm)
    return bool(m) and m.start() < 15 and not norm.rfind("(", 0, m.start()) > norm.rfind(")", 0, m.start())


def excluded_ranges(norm: str) -> list[tuple[int, int]]:
    """Character ranges of a clause that are examples or negated, so mentions there are not rules."""
    out: list[tuple[int, int]] = []
    for m in _EXAMPLE.finditer(norm):
        open_paren = norm.rfind("(", 0, m.start())
        close_before = norm.rfind(")", 0, m.start())
        if m.start() < 15 and not open_paren > close_before:
            out.append((0, len(norm)))
            continue
        if open_paren > close_before:  # "the asset (e.g., SPY) is above ...": only the parenthesis
            close = norm.find(")", m.end())
            out.append((open_paren, close if close != -1 else len(norm)))
        else:
            out.append((m.start(), len(norm)))
    gates = gate_ranges(norm)
    for m in _NEGATION.finditer(norm):
        if re.match(r"not only|no matter|not just", norm[m.start():]):
            continue
        if any(m.start() < a for a, _ in gates) and _NEG_GATE.match(norm, m.start()):
            continue  # "don't buy if the RSI is above 70": a gate whose condition must not hold (``gate_ranges``)
        end = _NEG_END.search(norm, m.end())
        out.append((m.start(), end.start() if end else len(norm)))
    return out + reentry_ranges(norm)


_ADVICE = re.compile(
    r"\b(?:combine\s+(?:it\s+|this\s+)?with|consider\s+(?:adding|using)|you\s+(?:could|might|may|can)\s+(?:also\s+)?(?:add|use|combine|try)"
    r"|advisable|for\s+better\s+(?:entries|results|signals|confirmation)|additional\s+indicators|can\s+be\s+changed|to\s+suit)\b"
)
_DEFINITION = re.compile(
    r"\bwhat\s+is\b|\b(?:is|are)\s+(?:the|an?)\s+(?:average|difference|mean|sum|ratio|smoothing|exponential\s+smoothing)\b"
    r"|\b(?:is|are)\s+(?:defined|calculated|computed)\s+as\b|\bstands\s+for\b"
    # "the crossing is known as a golden cross": what the event is called, not when to trade it
    r"|\b(?:is|are)\s+(?:known|referred\s+to)\s+as\b|\b(?:is|are)\s+(?:often\s+|commonly\s+)?called\b|\bstart\s+with\s+the\b|\bwould\s+be\s+the\s+average\b"
)


# what a signal is said to mean in a tutorial ("could be read as a buy signal", "is a bullish signal",
# "might be a good time to sell"), not a rule someone trades
_HEDGED = re.compile(
    r"\b(?:may|might|could|can)\s+(?:also\s+)?(?:be\s+)?(?:interpreted|seen|considered|viewed|read|taken|regarded)\s+as\b"
    r"|\b(?:may|might|could)\s+be\s+a\s+good\s+time\b|\bis\s+(?:a|an)\s+(?:common\s+|classic\s+|typical\s+)?(?:technical\s+)?(?:bullish|bearish)\s+signal\b"
    # "indicates a bullish trend", "suggests a rebound": what the market may be doing, not what to do
    r"|\b(?:indicates?|suggests?|implies|signals)\s+(?:a|an|the)\s+(?:\w+\s+){0,2}?(?:trend|rebound|reversal|momentum|strength|weakness|uptrend|downtrend|bounce)\b"
    # "it is a buy signal", "signaling a sell": what a reading of an indicator is said to mean
    r"|\b(?:it|this|that)\s+is\s+(?:a|an)\s+(?:bullish|bearish)\s+signal\b"
    r"|\bcommon\s+(?:technical\s+)?(?:buy|sell)\s+sign(?:al)?\b|\bis\s+(?:generally|often|usually|typically|commonly)\s+(?:considered|seen|viewed|interpreted|read)\b"
    # "some traders may think of short selling", "might look for an opportunity to buy", "where we would look
    # to buy": a possibility, not a rule
    r"|\b(?:may|might|could|would)\s+(?:\w+\s+){0,2}?(?:think\s+(?:of|about)|look\s+(?:for|out\s+for|to)|consider|want\s+to|be\s+tempted\s+to|decide\s+to|choose\s+to)\b"
    # "you might restrict purchases when ...", "one might buy when ...": a possibility put to the reader
    r"|\b(?:you|one|1)\s+might\s+(?!not\b)\w+"
    # "MACD strategies suggest to buy ... when": what others advise, reported
    r"|\b(?:strategies|traders|experts|analysts|books|guides|textbooks|some|many|most)\s+(?:\w+\s+)?(?:suggest|recommend|advise)\w*\s+(?:to\s+|that\s+)?(?:you\s+|one\s+)?(?:should\s+)?(?:buy|sell|go|enter|short|close|exit)\w*"
    # what a group of other people habitually does or says ("investors typically buy after ...", "traders often
    # say you should sell ...", "according to the book, chartists go long ..."): a report of a habit, not a rule
    r"|\b(?:investors|traders|chartists|technicians|practitioners|people|speculators|analysts)\s+(?:\w+\s+)?"
    r"(?:typically|usually|often|generally|commonly|normally|tend\s+to|like\s+to|say|claim|believe|argue)\b"
    r"|^\W*according\s+to\s+(?:the|a|this|that|some|many|most|their|his|her)\b(?!\s+(?:rules?|strategy|system)\b)"
    # "many investors pick up shares when ...", "retail traders load up when ...", "the market tends to step in
    # when ...", "analysts said investors should ...": what a crowd does or is told, not the author's rule
    r"|\b(?:many|most|some|retail|institutional|professional|other|smart)\s+(?:investors|traders|chartists|technicians|funds|speculators|buyers|sellers|money)\b"
    r"|\b(?:hedge\s+funds|the\s+crowd|the\s+market|markets|prices?|stocks)\s+(?:\w+\s+)?tends?\s+to\b"
    r"|\b(?:said|says|say|told|tell|argued?)\s+(?:that\s+)?(?:investors|traders|people|clients|readers)\s+(?:should|must|ought\s+to)\b"
)


# "it is a buy signal", "signaling a sell": what a reading is said to mean; under a rules list ("The rules are
# simple:", "Trading rules") the same words state the rule
_MEANS_SIGNAL = re.compile(r"\b(?:it|this|that)\s+is\s+(?:a|an)\s+(?:buy|sell)\s+signal\b|\bsignal(?:s|ing|led|ed)?\s+a\s+(?:buy|sell)\b")


def is_hedged(norm: str, in_rules: bool = False) -> bool:
    """What a signal is said to mean ("could be read as a sign to sell"), not a rule; ``in_rules``: the clause
    stands under a rules list, where "crossing above 30 signals a buy" is the rule.

    >>> is_hedged("a close over the upper band could be seen as a sign of strength.")
    True
    >>> is_hedged("buy when the close rises over the upper band.")
    False
    >>> is_hedged("the 5/20 crossover signals a buy."), is_hedged("the 5/20 crossover signals a buy.", in_rules=True)
    (True, False)
    """
    return bool(_HEDGED.search(norm)) or (not in_rules and bool(_MEANS_SIGNAL.search(norm)))


def is_advisory(norm: str) -> bool:
    """Advice around the rules ("combine with RSI for better entries"), not a rule."""
    return bool(_ADVICE.search(norm))


def is_definition(norm: str) -> bool:
    """A definition of an indicator (the EMAs inside MACD, the SMA inside Bollinger bands)."""
    return bool(_DEFINITION.search(norm))


# "how do I combine these factors ... to rank my stocks.": a question, even when it ends with a full stop
_ASKS_HOW = re.compile(r"^\W*(?:so\s+)?(?:how|what|which|why|where)\s+(?:do|does|can|could|should|would|will|is|are)\s+"
                       r"(?:i|we|you|one|the\s+best\s+way)\b|^\W*(?:can|could|should|would|does|do)\s+(?:i|we|you|anyone|someone|somebody)\b")


# the author disowns a rule described before it in the paragraph: "it failed", "I do not recommend it", "I no
# longer trade it", "we stopped using this rule", "this system does not work"
_IT = r"(?:it|this|that|them|these|those|the\s+(?:rule|rules|strategy|system|setup|signal|approach|idea)|this\s+(?:rule|strategy|system|setup|approach)|that\s+(?:rule|strategy|system|setup|approach))"
_DISOWN = re.compile(
    rf"^\W*(?:but\s+|so\s+|and\s+)?{_IT}\s+(?:(?:simply|just|clearly|eventually|ultimately)\s+)?(?:failed|flopped|broke\s+down|stopped\s+working|(?:does|did)\s*(?:n't|\s+not)\s+work|lost\s+money)\b"
    r"(?!\s+(?:on|in|for|with|during|when|if|unless|to|outside|below|above)\b)"
    rf"|\b(?:i|we)\s+(?:do|would|can|could)\s*(?:n't|\s+not)\s+recommend\s+{_IT}\b(?!\s+(?:for|to|with|without|unless|in|on|if)\b)"
    rf"|\b(?:i|we)\s+(?:no\s+longer|don't|do\s+not|never)\s+(?:trade|use|run|follow|apply)\s+{_IT}\s*(?:[.;,!]|and\b|any\s*more\b|$)"
    rf"|\b(?:i|we)\s+(?:stopped|quit|gave\s+up|abandoned)\s+(?:trading|using|running|following)\s+{_IT}\b")
# a question someone put to the author ("a reader asked whether buying ... is a good idea"): asked, not stated
_ASKED = re.compile(r"\b(?:asked|asks|asking|wondered|wonders|wondering|emailed\s+to\s+ask)\s+(?:me\s+|us\s+)?(?:whether|if)\b")


# a code in capitals in the words before the pronoun ("many people also like IWM, but I don't trade it"): the
# pronoun is that instrument, an aside about what the author does not trade, not the rule
_CAPS_CODE = re.compile(r"(?<![\w$])\$?([A-Z][A-Z0-9]{1,5})(?![\w(])")
_BARE_IT = re.compile(r"\b(?:it|them|that|those|these)\s*(?:[.;,!]|and\b|any\s*more\b|$)")


def _names_other_instrument(orig: str, norm: str, at: int) -> bool:
    """Whether the words before ``norm[at:]`` name an instrument in capitals and state no condition."""
    head = norm[:at]
    if lexicon.CONDITION.search(head):
        return False
    cut = orig.lower().rfind(head.strip()[-12:]) if head.strip() else -1
    before = orig[:cut + len(head.strip()[-12:])] if cut >= 0 else ""
    return any(m.group(1) not in lexicon.NOT_TICKER_WORDS for m in _CAPS_CODE.finditer(before))


def disowns(norm: str, orig: str = "") -> bool:
    """Whether a sentence disowns the rule described before it ("It failed", "I do not recommend it").

    ``orig`` (the sentence as written) tells an instrument the pronoun points to: "Others like IWM, but I don't
    trade it" disowns no rule.

    >>> disowns("i do not recommend it and i no longer trade it.")
    True
    >>> disowns("i do not recommend it for accounts under $10,000.")
    False
    >>> disowns("it failed to close above the band on friday.")
    False
    >>> disowns("many people also like iwm but i don't trade it.", "Many people also like IWM but I don't trade it.")
    False
    """
    m = _DISOWN.search(norm)
    if m is None or re.match(r"\s+to\b", norm[m.end():]):
        return False
    if orig and _BARE_IT.search(norm, m.start(), m.end() + 1) and _names_other_instrument(orig, norm, m.start()):
        return False
    return True


def is_question(norm: str) -> bool:
    """A clause that asks (how to do something, whether to do it) states no rule of its own.

    >>> is_question("how do i combine the two factors into one score to rank my stocks.")
    True
    >>> is_question("should i rank by 6-month or 12-month return?")
    True
    >>> is_question("rank the etfs by 6-month return and hold the top 2.")
    False
    """
    return norm.rstrip().endswith("?") or bool(_ASKS_HOW.search(norm))


def is_asked(norm: str) -> bool:
    """A question someone put to the author ("a reader asked whether buying SPY ... is a good idea").

    >>> is_asked("a reader asked whether buying spy when the rsi is below 30 works.")
    True
    """
    return bool(_ASKED.search(norm))


# a tool's manual listing the models it lets its user test ("this tool allows you to test ... the supported
# models include ..."): its rules describe options of the tool, not one strategy someone trades
_TOOL_MENU = re.compile(
    r"\b(?:this|the|our)\s+(?:tool|calculator|screener|backtester|back-tester|app|application|software|platform|site|website|service|"
    r"program)\s+(?:allows|lets|enables|helps)\s+(?:you|users?|investors|traders)\b"
    r"|\bsupported\s+(?:\w+\s+)?(?:models|strategies|indicators|signals)\s+(?:include|are)\b"
    r"|\b(?:the\s+)?(?:tool|model|software|platform)\s+also\s+supports\b")


def is_tool_menu(norm: str) -> bool:
    """A sentence of a tool's manual offering models to test, not a strategy.

    >>> is_tool_menu("this tool lets you test timing models based on moving averages and momentum.")
    True
    >>> is_tool_menu("the supported timing models include:")
    True
    >>> is_tool_menu("the strategy buys spy when the close is above the 200-day sma.")
    False
    """
    return bool(_TOOL_MENU.search(norm))


_UNLESS = re.compile(r"\bunless\b")
# where an "unless" clause ends: a comma before the action or the next rule, a semicolon, the sentence's end
_UNLESS_END = re.compile(r"[;.]\s|;|,\s*(?:and\s+|then\s+|but\s+|otherwise\s+)?(?:we\s+|i\s+|you\s+)?"
                         r"(?:buy|sell|go|exit|short|cover|enter|hold|stay|close|get|move|switch|take|otherwise)\b"
                         r"|,?\s+(?:and|but)\s+(?:we\s+|i\s+|you\s+)?(?:sell|exit|short|cover|close|buy|go)\b")


# a negated entry with its condition: "don't buy if ...", "never go long when ...", "avoid entries while ...", "skip the
# trade if ...", "do not short when ..." (the condition after it must not hold for the entry)
_NEG_GATE = re.compile(
    r"(?:don'?t|do\s+not|never|avoid|skip|no)\s+(?:(?:new|any|the|a|taking|entering|opening|ever)\s+){0,2}"
    r"(?:buy(?:ing)?|go(?:ing)?\s+(?:long|short)|enter(?:ing)?(?:\s+(?:a\s+)?(?:long|short))?|entr(?:y|ies)|longs?|shorts?|short(?:ing)?"
    r"|(?:long|short)\s+(?:trades?|positions?|entries)|trades?|trading|take\s+(?:a\s+|the\s+|any\s+)?(?:trades?|positions?|entries|longs?|shorts?))\b"
    r"(?:\s+(?:the\s+)?(?:stock|market|trade|signal|position|it|[a-z]{1,5}))?\s*,?\s*(?:if|when|whenever|while|as\s+long\s+as)\b")


def gate_ranges(norm: str) -> list[tuple[int, int]]:
    """Character ranges of the condition of a negated entry ("don't buy if the RSI(14) is above 70"): it must NOT hold.

    >>> n = "don't buy if the 14-day rsi is above 70."
    >>> [n[a:b] for a, b in gate_ranges(n)]
    [' the 14-day rsi is above 70']
    """
    out = []
    for m in _NEG_GATE.finditer(norm):
        if m.start() > 0 and not re.fullmatch(r"[\W_]*(?:(?:but|and|also|however|then)[\W_]+)*(?:we\s+|you\s+|i\s+)?", norm[:m.start()]):
            continue  # only a gate that opens its clause: "we bought it, but never when ..." is a story
        end = _UNLESS_END.search(norm, m.end())
        out.append((m.end(), end.start() if end else len(norm)))
    return out


def unless_ranges(norm: str) -> list[tuple[int, int]]:
    """Character ranges of a clause stated after "unless": the condition that must NOT hold.

    >>> n = "buy spy when the close is above the 200-day sma unless the 14-day rsi is above 80, and sell below it."
    >>> [n[a:b] for a, b in unless_ranges(n)]
    [' the 14-day rsi is above 80']
    """
    out = []
    for m in _UNLESS.finditer(norm):
        end = _UNLESS_END.search(norm, m.end())
        out.append((m.end(), end.start() if end else len(norm)))
    return out


# an action word alone before a comparator: "Exit above 60.", "and sell over 75", "cover under 30", "take profits above 70"
_ACTION_ONLY = re.compile(
    r"\W*(?:(?:and|then|or)\s+)*(?:we\s+|you\s+)?(?:exit|exits|sell|sells|close|closes|cover|covers|take\s+profits?|get\s+out"
    r"|buy|buys|go\s+long|short|shorts|go\s+short)(?:\s+(?:the\s+|all\s+|any\s+)?(?:trades?|positions?|longs?|shorts?))?"
    r"\s+(?:(?:when|if|once)\s+)?(?:it\s+is\s+|it\s+goes\s+)?$")


def action_only(norm: str, end: int) -> bool:
    """Whether ``norm`` up to ``end`` (where a comparator starts) is an action word and nothing else: the level after
    it is a reading of the oscillator the sentences before read against levels ("Buy when the RSI(7) is below 30.
    Exit above 60.").

    >>> action_only("exit above 60.", 5), action_only("sell the stock above 60.", 15)
    (True, False)
    """
    return _ACTION_ONLY.fullmatch(norm, 0, end) is not None
