"""Rule parts foa cannot express, recognised by word class: stop placements, partial exits, sessions, filters.

A strategy text often states a rule foa can run (an average crossing, an RSI level) together with a part
the DSL has no field for: a stop under the signal candle's low, half the position taken off at a target,
trading only in a session, a volume or higher-timeframe filter, a stop or limit entry order. Each such part
is a ``lexicon.Gap``; ``gap_spans`` adds these to the lexicon's own (indicators foa lacks, options, pairs,
fundamentals...) so a clause that states one keeps its expressible comparisons and the part is listed in
``spec.unsupported`` with its quote and page, never approximated into a rule.

The patterns are built from word classes (stop words, bar references, sides, levels), so a new word in a
class works in every pattern that uses it.

>>> [g.what for g, _, _ in gap_spans("place the stop below the low of the signal candle.")]
['stop at a candle low or high']
>>> [g.what for g, _, _ in gap_spans("buy when the close crosses above the 50-day sma on above-average volume.")]
['volume filter']
"""

from __future__ import annotations

import re

from foa.extract.offline import lexicon
from foa.extract.offline.lexicon import Gap, alternation
from foa.extract.offline.prefilter import may_match, needs

__all__ = ["ABSORBING", "ACTING", "EXTRA", "QUANTITIES", "absorbing_spans", "found_indicators", "gap_spans", "named_gaps"]

# ------------------------------------------------------------------------------------------ word classes
_STOP = alternation(("stop", "stops", "stop loss", "stop-loss", "stoploss", "sl", "protective stop", "initial stop"))
# "a buy stop above the high", "enter on a stop above the signal bar": an entry order, never a protective stop
_ENTRY_STOP = r"(?<!\bbuy\s)(?<!\bsell\s)(?<!\bbuy-)(?<!\bsell-)(?<!\bon\sa\s)(?<!\busing\sa\s)"
_PROTECTIVE = rf"{_ENTRY_STOP}{_STOP}(?!\s+(?:orders?|entry)\b)"
# a line a band or channel indicator draws: "the upper Bollinger band", "the middle line", "the opposite band"
_LINE = (r"(?:upper|lower|middle|mid|centre|center|opposite|other|outer)\s+(?:bollinger\s+|keltner\s+|donchian\s+|envelope\s+)?"
         r"(?:bands?|channel(?:\s+line)?|line|envelope)\b(?!\s+(?:is|was|crosses|breaks))")
_TRAIL = r"\btrail(?:s|ed|ing)?\b"
_BAR = alternation(("candle", "candles", "bar", "bars", "candlestick", "day", "session"))
_BAR_REF = alternation(("signal", "entry", "setup", "breakout", "trigger", "previous", "prior", "last", "preceding",
                        "current", "first", "inside", "reversal", "pattern", "yesterday's", "today's", "that"))
_EXTREME = alternation(("low", "high", "lows", "highs", "low point", "high point"))
_SIDE = alternation(lexicon.UP_PREPS + lexicon.DOWN_PREPS + ("at", "to", "just below", "just above", "a few ticks below",
                                                              "a few ticks above", "beneath", "under"))
_SWING = alternation(("swing low", "swing high", "swing lows", "swing highs", "pivot low", "pivot high", "support",
                      "resistance", "support level", "resistance level", "recent low", "recent high", "structure"))
_SESSION = alternation(("new york", "london", "tokyo", "asian", "asia", "european", "europe", "us", "u.s.", "american",
                        "sydney", "regular", "morning", "afternoon", "overnight", "pre-market", "premarket"))
_TIMEFRAME_UNIT = r"(?:\d+\s*-?\s*(?:minutes?|mins?|min|hours?|hrs?|h|m)|hourly|intraday)"
_HALF = alternation(("half", "a half", "part", "a part", "a portion", "a third", "one third", "two thirds", "a quarter",
                     "some", "50%", "25%", "33%", "75%", "a fraction"))
_POSITION = alternation(("position", "positions", "the position", "shares", "contracts", "lots", "the trade", "profits",
                         "profit", "it"))
_VOLUME_ADJ = alternation(("above-average", "above average", "higher-than-average", "higher than average", "heavy",
                           "high", "higher", "rising", "increasing", "expanding", "strong", "large", "big", "huge",
                           "below-average", "below average", "low", "light", "declining", "decreasing", "shrinking",
                           "relative", "unusual", "surging", "massive"))
# a platform input that names a stop or target: "StopLoss", "take_profit", "loss_point", "SL", "tp_long"
_STOP_NAME = r"(?:\w*?(?:stop_?loss|stop|take_?profit|profit_?target|loss_?point|profit_?point)\w*?|(?:[a-z]+_)?(?:sl|tp)(?:_[a-z]+)*?)"
_CLOCK = r"\d{1,2}:\d\d|\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)"
# a bar length under a day as a setting's value: "1m", "M15", "h4", "15min", "5 mins", "1 hour"
_BAR_LENGTH = (r"(?:(?:m|h)(?:1|2|3|4|5|6|8|10|12|15|20|30|45)|\d{1,3}\s*(?:m|h|min|mins|minutes?|hours?|hr|hrs)"
               r"|(?:1|2|3|4|5|10|15|30|45)minutes?|\d{1,2}hours?)")
# a month-end or weekday that times a ranking's review or a rebalance is its schedule, not a calendar rule
# "the histogram prints green bars": an indicator's bars, not the price candle
_BAR_READING = re.compile(r"\bhistogram\b|\bmacd\b|\bvolume\s+bars?\b")
_SCHEDULE = re.compile(r"\brebalanc\w*|\bevaluat\w*|\brank\w*|\breview\w*|\bmomentum\b|\breadings?\b|\brotat\w*"
                       # "at the last trading day of each month we compare the close with its 10-month SMA": when the rule is read
                       r"|\bcompar\w*|\bcheck\w*|\bmeasur\w*")
# where the money goes out of the holding, when it is an asset rather than cash or T-bills
_FALLBACK = (r"(?:(?:long[- ]term\s+|intermediate\s+|government\s+|aggregate\s+)?(?:bonds?|treasur(?:y|ies)(?!\s+bills?))(?:\s+(?:fund|etf|index))?|tlt|ief|agg|bnd|vglt|edv|zroz|gld|iau|gold)\b")
# a market other than the traded one, named by a word rather than a ticker
_OTHER_ASSET = (r"(?:\d+[- ]year\s+)?(?:treasury\s+|bond\s+|us\s+)?(?:bonds?|gold|silver|oil|crude(?:\s+oil)?|copper|dollar(?:\s+index)?|dxy|yields?"
                r"|treasur(?:y|ies)|interest\s+rates?|rates|credit\s+spreads?|high[- ]yield\s+bonds|junk\s+bonds|yield\s+curve|bitcoin"
                r"|breadth|advance[- ]decline\s+line|put[/-]call\s+ratio)\b")
_PERCENT_NEAR = re.compile(r"\d\s*%|\bpercent\b|\bpct\b|=\s*0?\.\d")
_SIZE = alternation(("position size", "position sizing", "size the position", "size positions", "size each position",
                     "position sizes", "sizing", "number of shares", "lot size", "units"))

# ------------------------------------------------------------------------------------------- the gaps
# "rule": a part of the strategy left out and listed when an action word is near; "setting": stated
# anywhere in the strategy's part; "indicator": a quantity whose comparison foa cannot hold
EXTRA: tuple[Gap, ...] = (
    Gap("stop at a candle low or high",
        rf"{_PROTECTIVE}[^.;]{{0,40}}?{_SIDE}\s+(?:the\s+)?(?:{_BAR_REF}\s+)?(?:{_BAR}'s\s+|{_BAR}\s+)?{_EXTREME}\s+of\s+(?:the\s+)?"
        rf"(?:{_BAR_REF}\s+)?(?:\w+\s+)?{_BAR}"
        rf"|{_PROTECTIVE}[^.;]{{0,40}}?{_SIDE}\s+(?:the\s+)?{_BAR_REF}\s+(?:{_BAR}'s|{_BAR})\s+{_EXTREME}"
        rf"|{_PROTECTIVE}[^.;]{{0,40}}?{_SIDE}\s+(?:the\s+)?{_BAR_REF}\s+{_EXTREME}\b", "setting"),
    Gap("stop at a swing low/high or support",
        rf"{_STOP}[^.;]{{0,40}}?{_SIDE}\s+(?:the\s+)?(?:most\s+)?(?:recent\s+|last\s+|previous\s+|prior\s+|nearest\s+|nearby\s+)?{_SWING}"
        rf"|{_TRAIL}[^.;]{{0,40}}?{_SIDE}\s+(?:the\s+|each\s+)?(?:most\s+)?(?:recent\s+|last\s+|previous\s+|prior\s+|new\s+)?{_SWING}", "setting"),
    # "the stop should be below the 20-day low", "stop under the lowest low of 10 bars": a stop at a channel's line,
    # never an entry condition on that line
    Gap("stop at a channel low or high",
        rf"{_STOP}[^.;]{{0,40}}?{_SIDE}\s+(?:the\s+)?(?:(?:lowest\s+low|highest\s+high)\b|(?:\d+\s*-?\s*(?:day|bar|period|week|session)s?\s+(?:low|high)s?)\b)",
        "setting"),
    Gap("trailing stop at a price level",
        rf"{_TRAIL}\s+(?:the\s+|a\s+|your\s+)?{_STOP}[^.;]{{0,30}}?{_SIDE}\s+(?:the\s+|each\s+)?(?:\d+\s*-?\s*(?:day|bar|period|week)\s+)?"
        r"(?:low|lows|high|highs|moving\s+average|average|sma|ema|ma|band|line|channel)\b"
        rf"|{_TRAIL}\s+(?:the\s+|a\s+|your\s+)?{_STOP}\s+(?:using|with|along|by)\s+(?:the\s+)?(?:\d+\s*-?\s*(?:day|bar|period)\s+)?"
        r"(?:moving\s+average|sma|ema|ma|lows?|highs?)\b"
        # "with the Supertrend as trailing stop loss", "use the SAR as a trailing stop": a line trailed by the stop
        rf"|\b(?:as|for)\s+(?:a\s+|the\s+|its\s+|our\s+)?trailing\s+{_STOP}", "setting"),
    Gap("breakeven stop", r"\bbreak[- ]?even\s+stop\b|\b(?:move|moves|moved|moving|raise|raises|raising|adjust|adjusting|shift|set)\s+"
                          rf"(?:the\s+|your\s+|my\s+)?{_STOP}\s+(?:loss\s+)?to\s+(?:the\s+)?(?:break[- ]?even|entry(?:\s+price)?|cost)\b"
                          r"|\bstop\s+(?:to|at)\s+break[- ]?even\b|\bbreak[- ]?even\b[^.;]{0,15}\bstop\b"
                          r"|\bbreak[- _]?even(?:_?(?:at|pct|percent|trigger|level|slide|points?|pips))?\s*[:=]", "setting"),
    Gap("risk-multiple target", r"\b\d+(?:\.\d+)?\s*(?::|to|-to-)\s*1\s+(?:risk[- ]?(?:to[- ])?reward|reward[- ]?(?:to[- ])?risk|r:?r|rr|ratio)\b"
                                # "a 1:2 risk reward ratio", "stop loss and take profit at a ratio of 1:1.5"
                                r"|\b1\s*(?::|to|-to-)\s*\d+(?:\.\d+)?\s+(?:risk[- ]?(?:to[- ])?reward|reward[- ]?(?:to[- ])?risk|r:?r|rr)\b"
                                r"|\bstop(?:[- ]?loss)?\b[^.;]{0,40}?\b(?:profit|target)\b[^.;]{0,25}?\bratio\s+(?:of\s+)?\d+(?:\.\d+)?\s*:\s*\d+(?:\.\d+)?"
                                r"|\b(?:risk[- ]?(?:to[- ])?reward|reward[- ]?(?:to[- ])?risk)\s+(?:ratio\s+)?(?:of\s+)?\d+(?:\.\d+)?\s*(?::|to)\s*\d+\b"
                                r"|\b(?:target|take[- ]?profit|tp|profit\s+target|exit)\b[^.;]{0,25}?\b\d+(?:\.\d+)?\s*r\b(?!\w)"
                                r"|\b(?:\d+|two|three)\s*(?:x|times)\s+(?:the\s+)?(?:initial\s+)?risk\b", "setting"),
    Gap("partial profit taking", rf"\b(?:take|takes|taking|book|books|booking|sell|sells|selling|close|closes|closing|exit|exits|exiting|bank|lock\s+in)\s+"
                                 rf"(?:off\s+)?{_HALF}\s+(?:of\s+)?(?:the\s+|your\s+|my\s+)?(?:{_POSITION}\s+)?(?:off\b)?"
                                 r"|\bpartial\s+(?:profits?|exits?|close|take[- ]profits?|profit[- ]taking)\b|\bscal(?:e|es|ing)\s+out\b"
                                 r"|\b(?:take|takes|taking|sell|sells|close|closes|book|books)\s+(?:off\s+)?\d+\s*%\s+(?:of\s+(?:the\s+|your\s+)?(?:position|shares|trade)\s+)?off\b", "setting"),
    Gap("pyramiding", r"\bpyramid(?:ing|s)?\b|\badd(?:s|ing)?\s+(?:to\s+(?:the|a|winning|your|my)\s+(?:\w+\s+)?positions?"
                      r"|(?:a\s+|another\s+|one\s+|more\s+)?(?:units?|shares|contracts|lots|positions?)\s+(?:each|every|when|as|if|on)\b)"
                      r"|\bscal(?:e|es|ing)\s+in(?:to)?\b|\b(?:average|averaging)\s+down\b"
                      # "buy more on pullbacks", "add on dips", "enter half now and half on confirmation"
                      r"|\b(?:buy|buys|buying)\s+more\b(?!\s+than)|\badd(?:s|ing)?\s+(?:more\s+)?(?:on|to|into)\s+(?:the\s+)?(?:dips|pullbacks|weakness|strength|winners|losers)\b"
                      r"|\b(?:enter|buy|open)\s+(?:with\s+)?half\b[^.;]{0,40}?\b(?:the\s+other|the\s+rest|the\s+second|and)\s+half\b", "setting"),
    # "enter a second long if ...", "add a third unit when ...": a further entry into an open position; the
    # condition after it is the added entry's, never the strategy's entry
    Gap("pyramiding", r"\b(?:enter|enters|add|adds|buy|buys|open|opens|take|takes|place|places)\s+(?:a|an|one)\s+"
                      r"(?:second|third|fourth|additional|extra|further|another)\s+(?:long|short|position|unit|entry|trade|lot|order)s?\b[^.;]*", "setting"),
    # "the 30-day SMA has a negative direction", "MFI increasing from the preceding bars", "below its value 10 bars
    # ago": an indicator's slope; the indicator before the phrase is its subject, never a rule's operand
    Gap("indicator slope", r"\b(?:has|have|had|with|shows?|showing)\s+(?:a\s+)?(?:negative|positive|downward|upward|falling|rising|down|up)\s+"
                           r"(?:(?:direction|slope|trend)\b|(?:[\w-]+\s+){1,3}?(?:direction|slope)s?\b)(?:\s+(?:over|in|during|for)\s+(?:the\s+)?(?:last|past|previous|prior)\s+\w+\s+\w+)?"
                           r"|\b(?:increasing|decreasing|rising|falling)\s+(?:from|over|versus|vs\.?|compared\s+(?:to|with))\s+(?:the\s+)?(?:preceding|previous|prior|last)\b"
                           r"|\b(?:below|above|under|over|lower\s+than|higher\s+than)\s+(?:its\s+)?(?:own\s+)?value\s+(?:of\s+)?\w+\s+(?:periods?|bars?|days?|candles?)\s+(?:ago|before|earlier)\b", "rule"),
    # "both stochastic lines are heading up", "the %K line is pointing down", "the histogram is turning higher": the
    # direction of an oscillator's line (the oscillator itself foa computes; the name before the phrase is its subject)
    Gap("indicator slope", r"\b(?:lines?|%k|%d|histogram|oscillators?)\s+(?:are\s+|is\s+)(?:both\s+|all\s+|now\s+)?"
                           r"(?:heading|pointing|turning|moving|sloping|trending)\s+(?:up|down|higher|lower)(?:wards?)?\b", "rule"),
    # "exit either 4 days later", "sell 3 bars later": a time exit (expressed when the risk model holds it in bars)
    Gap("time-based exit", r"\b(?:exit|exits|exiting|sell|sells|close|closes|cover|covers|get\s+out)\b[^.;]{0,20}?\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                           r"(?:trading\s+)?(?:days?|bars?|sessions?|candles?|weeks?)\s+later\b", "rule"),
    Gap("martingale sizing", r"\bmartingale\b|\b(?:increase|increases|raise|raises|double|doubles|reduce|reduces|cut|cuts|halve|halves)\s+(?:the\s+)?(?:position|lot|bet|trade|stake)\s+size\s+after\s+(?:a\s+|each\s+|every\s+)?(?:wins?|loss(?:es)?|winning|losing)\b|\bdoubl(?:e|es|ing)\s+(?:the\s+)?(?:position|lot|size|stake|bet)s?\s+(?:size\s+)?after\s+(?:a\s+|each\s+|every\s+)?loss", "setting"),
    Gap("volume filter", rf"\b(?:on|with|in|by|of)\s+(?:{_VOLUME_ADJ})\s+volume\b|\bvolume\s+(?:spike|spikes|surge|surges|confirmation|filter|breakout|expansion)\b"
                         r"|\bvolume\s+(?:is\s+|must\s+be\s+|should\s+be\s+)?(?:increasing|rising|expanding|declining|higher|lower)\b(?!\s+than\s+(?:its|the)\s+\d)"
                         # "volume is above its average": a volume condition (expressed when a rule compares the volume)
                         r"|\bvolume\s+(?:is\s+|was\s+|must\s+be\s+|should\s+be\s+)?(?:above|over|higher\s+than|greater\s+than|exceeds|below|under|lower\s+than)\s+"
                         r"(?:its\s+|the\s+)?(?:average|normal|usual|mean)\b", "rule"),
    Gap("trading hours filter", rf"\b(?:during|in|within|at|before|after)\s+(?:the\s+)?{_SESSION}\s+(?:trading\s+)?session\b"
                                # "only trade the London session", "trade the New York session only"
                                rf"|\btrad(?:e|es|ing)\s+(?:only\s+)?(?:during\s+)?(?:the\s+)?{_SESSION}\s+(?:trading\s+)?session\b"
                                rf"|\btrading\s+(?:hours|window|times?)\b|\bbetween\s+(?:{_CLOCK})\s*(?:and|-|to)\s*\d{{1,2}}(?::\d\d)?"
                                r"|\b(?:first|last|opening|closing)\s+(?:\d+\s+|half\s+|half-)?(?:minutes?|hours?)\s+of\s+(?:the\s+)?(?:trading\s+)?(?:session|day)\b"
                                r"|\bopening\s+range\b|\bkill\s*zones?\b|tradinghours\b|\btrading_hours\b"
                                r"|\b\w*?(?:start|end|stop|begin|open|close)_?hour(?:_?gmt)?\s*[:=]|\b\w*?hour_?(?:start|end|stop|begin)(?:_?gmt)?\s*[:=]"
                                # "trade only from 8:00 to 16:00 GMT", "from 9:30am until 11am"
                                rf"|\bfrom\s+(?:{_CLOCK})(?:\s*(?:am|pm))?\s*(?:gmt|utc|est|et|cet|server\s+time)?\s*(?:to|until|till|-)\s*\d{{1,2}}(?::\d\d)?"
                                # code that tests the hour: "if (Hour() > 10", "TimeHour(Time[0]) >= 8", "exchange_time.hour < 15"
                                r"|(?:\bhour\s*\(\s*\)|\btimehour\s*\([^()]*(?:\([^()]*\))?[^()]*\)|\.hour\b)\s*(?:<=?|>=?|==)\s*\w", "setting"),
    Gap("intraday timeframe", rf"\b{_TIMEFRAME_UNIT}\s+(?:time\s*frames?|tf|interval|resolution|charts?|bars?|candles?|candlesticks?)\b"
                              # "lower timeframes (5min, 15min)", "on the 5m and 15m": bar lengths under a day listed
                              # ... but not one the author dismisses ("lower timeframes are just noise")
                              r"|\b(?:lower|intraday|smaller|short(?:er)?)\s+time\s*-?\s*frames?\b(?!\s+(?:are|is)\s+(?:just\s+|only\s+|mostly\s+|pure\s+|all\s+)?(?:noise|noisy|useless|worthless|a\s+waste|not\s+worth))"
                              r"|\btime\s*-?\s*frames?\s*\(?\s*(?:of\s+|like\s+|such\s+as\s+)?\d+\s*(?:min|mins|m|h|hr)\b"
                              r"|\b(?:time\s*frame|tf|interval|resolution)\s*[:=]?\s*(?:m|h)(?:1|5|15|30|4)\b"
                              r"|\b(?:m|h)(?:1|5|15|30|4)\s+(?:time\s*frame|chart|bars?|candles?)\b"
                              r"|\b(?:time\s*frame|tf|interval|resolution|bar\s+size)\s*[:=]\s*\d+\s*(?:m|h|min|mins|minutes?|hours?)\b"
                              r"|\b\w*time_?frame\w*\s*[:=]\s*[\"']?(?:(?:m|h)(?:1|2|3|5|10|15|30|4|6|8|12)|\d+\s*(?:m|h|min|mins))[\"']?(?!\w)"
                              r"|^\W*(?:hourly|intraday)\W*$|\b(?:sma|ema|ma|moving\s+average)\s+hourly\b"
                              # a setting named for the bars' length: interval = "1m", horizon = 'H1', get_setting("interval", "string", "5m")
                              rf"|\b\w*(?:interval|horizon|resolution|granularity|bar_?size|candle_?size|time_?frame)\w*[\"']?\s*[:=,]\s*"
                              rf"(?:[\"']\w+[\"']\s*,\s*)?[\"']?{_BAR_LENGTH}[\"']?(?!\w)"
                              # platform constants: Binance KLINE_INTERVAL_5MINUTE, QuantConnect Resolution.Minute, TimeFrame.Minute
                              r"|\bkline_interval_\d+(?:minute|hour)s?\b|\b\w*interval_\d+_?(?:min|mins|minutes?|hours?|hour)\b|\b(?:resolution|timeframe|interval|barsize)\.(?:minute|minutes|hour|hourly|second|tick)\b"
                              # "the chart period is 15-minute", "a time frame of 15 minutes", "bars of 30 seconds"
                              r"|\b(?:period|time\s*-?\s*frame|interval|resolution|chart|bars|candles)\s+(?:is|was|of|:)\s+(?:a\s+|the\s+)?\d+\s*-?\s*(?:minutes?|mins?|hours?|hrs?|seconds?|secs?)\b"
                              r"|\b\d+\s*-?\s*(?:seconds?|secs?)\s+(?:time\s*frame|tf|interval|charts?|bars?|candles?)\b"
                              # "an intraday reversal strategy", "my intraday scalping system"
                              r"|\bintraday\s+(?:[\w-]+\s+)?(?:system|strategy|breakout|scalp\w*|setup|trading\s+(?:system|strategy))\b"
                              # a quoted bar length under a period key or a pine timeframe input: "period": "15m", input.timeframe("60")
                              rf"|[\"']?\bperiod[\"']?\s*[:=]\s*[\"']{_BAR_LENGTH}[\"']"
                              r"|\binput\.timeframe\s*\(\s*(?:defval\s*=\s*)?[\"']\d{1,3}[\"']|\brequest\.security\s*\([^,()]+,\s*[\"']\d{1,3}[\"']"
                              # a forex or crypto pair with its bars: "gbpjpy 4 hour", "ethusdt 5m", "gbp/jpy m15"
                              r"|\b(?:one|two|three|four|five|ten|fifteen|thirty)[- ](?:minutes?|hours?)\s+(?:time\s*frame|charts?|bars?|candles?|candlesticks?)\b"
                              r"|\b\d+\s*-?\s*(?:minutes?|mins?|min|hours?|hr|h|m)\s+(?:for|to\s+time)\s+(?:the\s+)?(?:entry|entries|timing|trigger|triggers)\b"
                              r"|\b[a-z]{3}/?(?:usdt?|eur|jpy|gbp|chf|aud|cad|nzd|btc)\s+(?:\d{1,2}\s*(?:m|h|min|mins|minutes?|hours?)|(?:m|h)(?:1|5|15|30|4))\b", "setting"),
    Gap("multi-timeframe filter", r"\b(?:higher|larger|bigger|longer)\s+time\s*-?\s*frames?\b|\bmulti(?:ple)?[- ]?time\s*-?\s*frames?\b"
                                  r"|\b(?:weekly|monthly)\s+(?:chart|timeframe|time\s+frame)\s+(?:to\s+|for\s+)?(?:the\s+)?(?:confirm\w*|filter\w*|trend|bias|direction)\b"
                                  # "on the daily and weekly charts", "the 1-hour and 4-hour timeframes": two bar lengths in one rule
                                  r"|\b(?:daily|weekly|monthly|hourly|\d+\s*-?\s*(?:minutes?|hours?|min|h|m))\s+(?:and|&|\+|/)\s+(?:the\s+)?"
                                  r"(?:daily|weekly|monthly|hourly|\d+\s*-?\s*(?:minutes?|hours?|min|h|m))\s+(?:charts?|time\s*-?\s*frames?|candles?)\b"
                                  # "your weekly chart indicates an uptrend", "the higher timeframe is trending down"
                                  r"|\b(?:weekly|monthly|higher)\s+(?:chart|time\s*-?\s*frame)\s+(?:\w+\s+){0,3}?(?:up|down)?trend(?:s|ing)?\b", "setting"),
    Gap("multi-timeframe filter", r"\b(?:on|of|in)\s+the\s+(?:weekly|monthly)\s+(?:chart|trend|timeframe|time\s+frame)\b(?=[^.;]*\b(?:daily|hourly|intraday|\d+\s*-?\s*(?:minute|hour))\b)"
                                  r"|\b(?:daily|hourly|intraday|\d+\s*-?\s*(?:minute|hour))\b[^.;]*\b(?:on|of|in)\s+the\s+(?:weekly|monthly)\s+(?:chart|trend|timeframe|time\s+frame)\b"
                                  r"|\b(?:the\s+)?(?:weekly|monthly)\s+trend\s+(?:is|must|should|has\s+to)\b", "rule"),
    Gap("stop or limit entry order", r"\b(?:buy|sell)[- ](?:stop|limit)\s+(?:order\s+)?(?:(?:just|one|a|two|three|\d+)\s+(?:ticks?|pips?|points?|cents?)\s+)"
                                     r"(?:above|below|over|under|beyond)\b"
                                     # "then buy on a stop above the signal candle's high", "entry is with a sell stop 2 ticks below"
                                     r"|\b(?:buy|buys|sell|sells|short|shorts|enter|enters|entry|go\s+long|go\s+short)\s+(?:is\s+|are\s+)?(?:on|with|via|using)\s+"
                                     r"a\s+(?:buy\s+|sell\s+)?stop\s+(?:order\s+)?(?:(?:just|one|a|two|three|\d+)\s+(?:ticks?|pips?|points?|cents?)\s+)?"
                                     r"(?:at|above|below|over|under|beyond)\b"
                                     r"|\b(?:buy|sell)[- ](?:stop|limit)\s+(?:orders?|entry|at|above|below)\b|\b(?:place|places|placing|enter|use|using|set)\s+(?:a\s+|an\s+)?"
                                     r"(?:buy\s+|sell\s+)?(?:stop|limit)[- ](?:entry\s+)?orders?\b|\b(?:stop|limit)\s+entry\s+orders?\b|\bentry\s+(?:stop|limit)\s+orders?\b"
                                     # "buy ... with a limit order 1% below the close", "enter on a limit at the prior close"
                                     r"|\b(?:with|on|via|through|using|by)\s+(?:a|an)\s+(?:buy\s+|sell\s+)?limit(?:\s+order)?\s+(?:\d+(?:\.\d+)?\s*%\s+)?(?:at|below|under|above|of)\b"
                                     r"|\blimit\s+(?:buy|sell)\s+(?:order\s+)?(?:at|below|under|above)\b"
                                     rf"|\b(?:buy|enter\s+long|go\s+long)\s+(?:just\s+)?(?:above|over)\s+(?:the\s+)?high\s+of\s+(?:the\s+)?(?:{_BAR_REF}\s+|\w+\s+)?{_BAR}"
                                     rf"|\b(?:sell|short|enter\s+short|go\s+short)\s+(?:just\s+)?(?:below|under)\s+(?:the\s+)?low\s+of\s+(?:the\s+)?(?:{_BAR_REF}\s+|\w+\s+)?{_BAR}"
                                     # "Entry: one tick over the trigger bar's high", "entries a tick below the setup bar's low"
                                     rf"|\b(?:entry|entries|enter)\s*[:=-]?\s*(?:(?:just|one\s+tick|a\s+tick|\d+\s+ticks?)\s+)?(?:above|over|below|under|beyond)\s+(?:the\s+)?"
                                     rf"(?:(?:high|low)\s+of\s+(?:the\s+)?(?:{_BAR_REF}\s+|\w+\s+)?{_BAR}|(?:{_BAR_REF}\s+)?{_BAR}(?:'s)?\s+(?:high|low))\b", "rule"),
    Gap("calendar rule", r"\b(?:first|last|second|third|fourth|final)\s+(?:\d+\s+)?(?:trading\s+)?(?:days?|weeks?|monday|tuesday|wednesday|thursday|friday)\s+of\s+"
                         r"(?:the\s+|each\s+|every\s+)?(?:month|week|year|quarter)\b"
                         r"|\b(?:on\s+|every\s+|each\s+)(?:mondays|tuesdays|wednesdays|thursdays|fridays)\b|\b(?:every|each)\s+(?:monday|tuesday|wednesday|thursday|friday)\b"
                         r"|\b(?:options?\s+expiration|opex|fomc|earnings\s+(?:date|announcement|release)s?)\b"
                         r"|\b\d+\s+(?:trading\s+)?days?\s+(?:before|after|prior\s+to|into)\s+(?:the\s+)?(?:end|start|beginning|close|turn)\s+of\s+(?:the\s+|a\s+)?(?:month|quarter|year)\b"
                         r"|\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|last)\s+trading\s+day\s+of\s+(?:the\s+|a\s+)?(?:new\s+|next\s+|following\s+)?(?:month|quarter|year)\b", "rule"),
    Gap("risk-based position sizing", rf"\b(?:risk|risking)\s+(?:per\s+trade\s*)?[:=]?\s*\.?\d+(?:\.\d+)?\s*%|\brisk\s*%\s*per\s+trade\b|\b\.?\d+(?:\.\d+)?\s*%\s+risk\s+per\s+trade\b"
                                      rf"|{_SIZE}\s+(?:is\s+)?(?:based\s+on|according\s+to|by|from|scaled\s+by|set\s+by|inversely\s+(?:to|proportional))\s+(?:the\s+)?(?:atr|volatility|risk|stop|distance)"
                                      r"|\bvolatility[- ](?:adjusted|based|targeted|parity|scaled)\s+(?:position\s+)?(?:siz\w+|weights?|allocation)\b|\bfixed[- ]fractional\b"
                                      r"|\brisk\s+parity\b"
                                      # "the size of a position is determined by the account and the market's volatility, measured
                                      # by ATR", "Position Size = (1% of Account) / (ATR * Dollars per Point)"
                                      r"|\b(?:size\s+of\s+(?:a|the|each|every)\s+(?:position|trade|unit)|position\s+siz(?:e|ing)|unit\s+size|number\s+of\s+(?:shares|contracts|units))\b"
                                      r"[^.;]{0,80}?\b(?:atr|average\s+true\s+range|volatility|n\s+value)\b"
                                      # settings: risk_per_trade = 1, EQUITY_RISK_PC = 0.01, RiskPercent = 2, MaximumRisk = 0.02
                                      r"|\b\w*?risk_?(?:per_?trade|pc|pct|percent(?:age)?|perc|fraction)\w*\s*[:=]\s*\d"
                                      r"|\b\w*?(?:equity|account|capital|balance)_?risk\w*\s*[:=]\s*\d|\bmax(?:imum)?_?risk\w*\s*[:=]\s*\d", "setting"),
    # "a bigger than average upper wick", "no lower shadow", "a candle body at least twice the range": the candle's
    # shape, which foa's rules do not read (its direction they do: ``bars``)
    Gap("candle wick or body filter", r"\b(?:upper|lower|no|long|short|small|big|bigger|large|larger|tiny)\s+(?:\w+\s+)?(?:wicks?|shadows?|tails?)\b"
                                      r"|\b(?:candle|bar|real|candle's|bar's)\s+bod(?:y|ies)\b", "setting"),
    Gap("candle direction", r"\b(?:the\s+)?(?:close|closing\s+price)\s+(?:is\s+|was\s+|must\s+be\s+)?(?:below|above|under|over|lower\s+than|higher\s+than|<|>)\s+"
                            r"(?:the\s+|its\s+|today's\s+|the\s+day's\s+)?open(?:ing\s+price)?\b"
                            rf"|\b(?:green|red|white|black|bullish|bearish)\s+(?:{_BAR})\b(?!\s+(?:patterns?|formations?))|\b(?:closes?|closed|closing)\s+(?:green|red)\b"
                            rf"|{_BAR}\s+(?:is|was|must\s+be|should\s+be|has\s+to\s+be|closed|closes|closing|prints|printed|turns|turned)\s+(?:green|red|bullish|bearish|up|down|white|black)\b(?!\s+(?:than|from))", "indicator"),
    Gap("prior-bar high/low rule", r"\b(?:previous|prior|preceding|last|yesterday's|yesterdays)\s+(?:day's\s+|days\s+|day\s+|bar's\s+|bar\s+|candle's\s+|candle\s+|session's\s+)?(?:high|low)\b(?!\s+of\s+the\s+\d)"
                                   r"|\b(?:high|low)\s+of\s+(?:the\s+)?(?:previous|prior|preceding|last)\s+(?:day|bar|candle|session)\b(?!s)", "indicator"),
    Gap("IBS (internal bar strength)", r"\binternal\s+bar\s+strength\b|\bibs\b", "indicator"),
    # "a perceptron filters the MACD signal", "only when the neural network predicts a rise": a learned model's output,
    # which no rule of foa's computes
    Gap("machine-learning model filter", r"\b(?:perceptrons?|neural[- ]net(?:work)?s?|machine[- ]learning|deep[- ]learning|lstm|random[- ]forests?"
                                         r"|xgboost|lightgbm|gradient[- ]boost\w*|support[- ]vector|logistic[- ]regression|(?:ml|ai)[- ](?:model|filter|signal)s?"
                                         r"|classifier)\b", "indicator"),
    # "rank by the average of the 3-, 6- and 12-month returns", "a blend of 1/3/6/12-month momentum", "6-minus-1 momentum":
    # one score from several lookbacks, which a ranking of one indicator does not hold
    Gap("blended momentum score (several lookbacks in one score)",
        r"\b(?:average|mean|blend|combination|composite|sum)\s+of\s+(?:the\s+|their\s+)?(?:(?:past|last|trailing)\s+)?"
        r"\d+\s*-?\s*(?:(?:months?|weeks?|days?|m)\s*)?(?:[-,/]\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*)"
        r"(?:\d+\s*-?\s*(?:(?:months?|weeks?|days?|m)\s*)?(?:[-,/]\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*))*\d+\s*-?\s*(?:months?|weeks?|days?|m)\b"
        r"|\b\d+\s*/\s*\d+(?:\s*/\s*\d+)+\s*-?\s*(?:months?|weeks?|m)\s+(?:average|blend|composite|momentum|returns?)\b"
        r"|\b\d+\s*-?\s*minus\s*-?\s*\d+\s*(?:-?\s*months?\s+)?momentum\b", "setting"),
    # "Bollinger bands on the typical price", "ta.sma(hlc3, 20)", "source = ohlc4": an indicator fed a price other than the close
    # MetaStock's PREV: "If(PREV <= 0, ...)", "Close >= PREV*(1+x)": a value the formula carries from bar to bar (the
    # entry price a target or stop is measured from)
    Gap("value carried from bar to bar (MetaStock PREV, e.g. a target from the entry price)",
        r"\bif\s*\(\s*prev\b|\bprev\s*\*\s*\(|[<>]=?\s*prev\b|\bprev\s*[<>]=?", "rule"),
    Gap("indicator on a price other than the close",
        r"\b[\w.]*\(\s*(?:[\w.]+\.)?(?:typical_price|typprice|hlc3|ohlc4|hl2|median_price|medprice|wclprice|price_typical|price_median|price_weighted)\b"
        r"|\b(?:source|src|price_?input|applied_?price|input_?source)\w*\s*[:=]\s*(?:input\w*\s*\(\s*)?(?:[\w.]+\.)?(?:hlc3|ohlc4|hl2|typical\w*|median\w*|price_typical|price_median|price_weighted)\b"
        r"|\b(?:on|of|using|from|over|based\s+on|applied\s+to|calculated\s+(?:on|from)|computed\s+(?:on|from))\s+(?:the\s+)?(?:typical|median)\s+price\b(?!\s+(?:is|crosses|closes|rises|falls))"
        r"|\b(?:on|of|using|from|over|based\s+on|applied\s+to)\s+(?:the\s+)?(?:hlc3|ohlc4|hl2)\b", "setting"),
    # "Stop: 1 ATR below the entry day's low, or 5% maximum", "an ATR stop capped at 6%", "whichever is closer": two stops,
    # the nearer one taken, which one stop field does not hold
    Gap("stop capped at a maximum loss (the nearer of two stops)",
        r"\bor\s+(?:a\s+)?\d+(?:\.\d+)?\s*%\s+(?:max(?:imum)?|at\s+most)\b(?!\s+(?:position|size|weight|allocation|exposure|of\s+(?:the\s+)?(?:equity|capital|portfolio|account)))"
        r"|\b(?:capped|limited)\s+at\s+(?:a\s+)?(?:max(?:imum)?\s+(?:loss\s+)?(?:of\s+)?)?\d+(?:\.\d+)?\s*%(?!\s+(?:of\s+)?(?:equity|capital|portfolio|account|position|weight))"
        r"|\bwhichever\s+is\s+(?:closer|nearer|tighter)\b|\b(?:or|with\s+a|and\s+a)\s+max(?:imum)?\s+loss\s+(?:of\s+)?\d+(?:\.\d+)?\s*%", "setting"),
    Gap("stop or target in points or pips", r"\b\w*(?:stop|loss|sl|profit|target|tp)\w*\s*\*\s*_?(?:point|points|pips?|ticksize|tick_size)\b"
                                            r"|\b(?:_?point|pips?)\s*\*\s*\w*(?:stop|loss|sl|profit|target|tp)\w*\b", "setting"),
    Gap("stop or target in points or pips", rf"\b{_STOP_NAME}_?(?:in_?)?(?:pips?|points?|ticks?)\b\s*[:=]"
                                            r"|\bset(?:stoploss|profittarget|trailstop)\s*\([^)]*\bcalculationmode\.(?:ticks|pips)\b"
                                            rf"|\b(?:extern|input)\s+(?:int|double|float|u?short|uint|u?long)\s+{_STOP_NAME}(?<!money)(?<!usd)(?<!currency)(?<!dollars)(?<!pct)(?<!percent)\s*=\s*\d{{2,}}(?:\.0+)?\s*;", "setting"),
    # "a 120-point stop loss", "35 pips stop-loss", "Target (in pips)", "SL: 40", "sl=30, tgt=90": a distance in the
    # instrument's price units (a percentage is a fraction foa holds, and is never read here)
    Gap("stop or target in points or pips", r"\b\d+(?:\.\d+)?\s*-?\s*(?:pips?|points?|ticks?)\s+(?:trailing\s+)?(?:stop(?:[- ]?loss(?:es)?)?s?|sl|take[- ]?profits?|tp|profit\s+targets?|targets?)\b"
                                            r"|\b(?:stop(?:[- ]?loss)?|sl|take[- ]?profit|tp|profit\s+target|target|trailing\s+(?:stop|step))\b(?:\s+(?:level|distance|size))?\s*(?:,\s*|\(\s*)?(?:in|size\s+in)\s+(?:pips?|points?|ticks?)\b"
                                            r"|\b(?:pips?|points?)\s+(?:sl|tp)\b"
                                            r"|(?<![\w.$])(?:sl|tp|tsl|tgt|stop_?loss|stoploss|take_?profit|takeprofit|profit_?target|target)\s*[:=]\s*[1-9]\d+(?:\.0+)?(?![\d.%\w])(?!\s*(?:%|[*/x]|percent))", "setting"),
    Gap("stop at a swing low/high or support", r"\b\w*stop\w*\s*=\s*[^;\n]{0,30}\b(?:lowest|highest|min|max)\s*\(\s*(?:low|high)\b", "setting"),
    Gap("risk-multiple target", r"\b\w*(?:target|tp|profit)\w*\s*=\s*[^;\n]{0,30}\(\s*(?:close|entry\w*|price)\s*-\s*\w*stop\w*\s*\)\s*\*\s*\d", "setting"),
    # "a $500 stop", "stop loss: $2 per share", "profit target of $1,000": a distance in money, not a fraction
    Gap("stop or target in dollars", rf"(?<![\w$])\$\s?\d[\d,]*(?:\.\d+)?\s+(?:(?:per\s+(?:share|contract|lot)\s+)?(?:trailing\s+)?)?"
                                     rf"(?:{_STOP}|take[- ]?profit|profit\s+target|target|tp)\b"
                                     rf"|\b(?:{_STOP}|take[- ]?profit|profit\s+target|target|tp)\b\s*(?:loss\s+)?(?:is\s+|of\s+|at\s+|=\s*|:\s*)?"
                                     r"(?:set\s+(?:at|to)\s+)?(?:a\s+|an\s+)?\$\s?\d[\d,]*(?:\.\d+)?(?!\s*%)(?!\d)"
                                     r"|\b\d[\d,]*(?:\.\d+)?\s+(?:dollars?|usd)\s+(?:below|above|under|from|away|of)\b", "setting"),
    # "use a trailing stop", "Trailing stop: on", "trail your stop", "TrailingStop = 25": a stop that follows the price by
    # an amount the text does not give as a percentage (one it does is ``risk.trailing_stop``, and then expressed)
    Gap("trailing stop", r"\btrailing[- _]?stop(?:[- _]?loss)?s?\b|\btrail(?:s|ed|ing)?\s+(?:the\s+|a\s+|your\s+|my\s+|its\s+|our\s+)?stop(?:[- ]?loss)?s?\b"
                         r"|\btrail(?:ing)?_?(?:stop|sl|step|start|trigger|offset|distance)\w*\s*[:=]", "setting"),
    # "sell X days later", "hold the position for N trading days", "kept for a set number of sessions",
    # "a time stop", "exit after 10 minutes": an exit timed by bars or time (held as max_holding_bars when the risk reader reads it)
    Gap("time-based exit", r"\b(?:exit|exits|exiting|sell|sells|close|closes|cover|covers|get\s+out)\b[^.;]{0,25}?\b(?:in\s+)?[\"']?(?:x|n|y)[\"']?\s+"
                           r"(?:trading\s+)?(?:days?|bars?|sessions?|candles?|weeks?)\s+(?:later|after)\b"
                           r"|\b(?:hold|holds|holding|held|keep|keeps|kept)\s+(?:the\s+|a\s+|each\s+|every\s+|our\s+)?(?:positions?|trades?|stocks?)?\s*for\s+"
                           r"(?:[\"']?(?:x|n)[\"']?|a\s+(?:fixed|set|configurable|given|predefined)\s+number\s+of)\s+(?:trading\s+)?(?:days?|bars?|sessions?|candles?|weeks?)\b"
                           r"|\btime[- ](?:based\s+)?(?:exit|stop)s?\b|\bexit\s+is\s+(?:purely\s+)?time[- ]based\b"
                           r"|\b(?:exit|exits|sell|sells|close|closes|cover|covers|sold|covered|closed)\s+(?:\w+\s+){0,3}?after\s+\d+\s*(?:minutes?|mins?|hours?|seconds?)\b"
                           r"|\bbars_?since_?entry\b|\bbarssinceentry(?:bar)?\s*\(|\bentry_bar_index\s*\(\s*\d*\s*\)\s*(?:>=?|==)\s*\d|\bbar_executed\s*\+\s*\d"
                           r"|\b\w*(?:hold(?:ing)?_?(?:period|days|bars)|max_?bars_?in_?trade|bars_?held|exit_?after_?(?:bars|days))\w*\s*[:=]\s*\d|\b(?:timecurrent|time_current)\s*\(\s*\)\s*-\s*(?:orderopentime|positiongetinteger)\b", "setting"),
    Gap("indicator slope", r"\b(?:ma|sma|ema|wma|average|moving\s+average)s?\s+(?:\w+\s+){0,2}?(?:is|are|be|starts?|begins?|keeps?|also)\s+"
                           r"(?:also\s+)?(?:rising|falling|turning\s+(?:up|down)|sloping\s+(?:up|down)\w*|slanting|pointing\s+(?:up|down)\w*|angled\s+(?:up|down)\w*)"
                           r"|\b(?:ma|sma|ema|average|line)s?\s+(?:starts?\s+|begins?\s+)?turning\s+(?:up|down)\b|\bslant(?:s|ing)?\s+(?:up|down)\b"
                           r"|\bangle\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:line|curve|average|ma|ema|sma)\b", "setting"),
    # "TimeOfDay >= new TimeSpan(14, 30, 0)", "open_time = datetime.time(10, 15)": a clock time in code
    Gap("trading hours filter", r"\btimeofday\b|\bnew\s+timespan\s*\(\s*\d|\bdatetime\.time\s*\(\s*\d|\b(?:start|end|stop|session)_?time\s*=\s*(?:dt\.|datetime\.)?time\s*\(\s*\d", "setting"),
    # "at most two trades per day", "one trade a day", "max_trades_per_day = 3": a cap on the number of trades
    Gap("max trades per day", r"\b(?:max(?:imum)?(?:\s+of)?|at\s+most|no\s+more\s+than|only|up\s+to|limit\s+of)\s+(?:\d+|one|two|three|four|five)\s+"
                              r"(?:new\s+)?(?:trades?|entries|entry|positions?|orders?|signals?)\s+(?:per|a|each)\s+(?:day|session|week)\b"
                              r"|\bone\s+(?:trade|entry|position)\s+(?:per|a|each)\s+(?:day|session)\b"
                              r"|\bmax_?(?:trades|entries|orders|positions)_?per_?(?:day|session)\w*\s*[:=]|\b(?:trades|orders)_?per_?day\s*[:=]", "setting"),
    # "buy $500 of SPY every month (dollar-cost averaging)", "a DCA bot": buying a fixed amount on a schedule
    Gap("dollar-cost averaging", r"\bdollar[- ]cost[- ]averag\w*|\bdca\s+(?:bot|strategy|plan|orders?|buys?|into|every|each|weekly|monthly)\b"
                                 r"|\b(?:buy|invest|add)\s+(?:a\s+fixed\s+)?(?:\$\s?\d[\d,]*|\d[\d,]*\s+(?:dollars|usd|euros?))\s+(?:worth\s+)?(?:of\s+\S+\s+)?(?:every|each)\s+(?:day|week|month|quarter)\b", "setting"),
    # "buy the breakout of the first 30 minutes' range", "an opening range breakout": the session's first bars as the level
    Gap("opening range breakout", r"\bopening[- ]range(?:\s+break(?:out|down)s?)?\b|\borb\s+(?:strategy|breakout|setup|system)\b"
                                  r"|\b(?:high|low|range)\s+of\s+the\s+first\s+(?:(?:\d+|five|fifteen|thirty|sixty)\s*-?\s*(?:minutes?|mins?|hours?|bars?|candles?)|hour|half[- ]hour)\b", "setting"),
    # "a bullish reversal candle", "a rejection candlestick", "a pinbar", "any candlestick pattern": a candle's shape named as
    # a signal (the patterns TA-Lib has are read from the indicator table)
    Gap("candlestick pattern", r"\bcandle(?:stick)?\s+(?:patterns?|formations?|signals?)\b|\b(?:bullish|bearish)\s+(?:reversal\s+)?(?:candle(?:stick)?\s+)?patterns?\b"
                               r"|\b(?:reversal|rejection)\s+(?:candle|candlestick|bar)s?\b|\bpin[- ]?bars?\b|\bfakey\b"
                               r"|\brailroad\s+tracks?\b|\bkey\s+reversal\s+(?:bar|day)s?\b|\boutside\s+(?:reversal\s+)?days?\b|\binside\s+days?\b", "rule"),
    # "a target at twice the stop distance", "take profit at 1.5 times the risk", "target = 2 x stop"
    Gap("risk-multiple target", r"\b(?:target|take[- ]?profit|tp|profit\s+target|exit)\b[^.;]{0,30}?\b(?:twice|double|triple|\d+(?:\.\d+)?\s*(?:x|times))\s+"
                                r"(?:the\s+|your\s+|our\s+|its\s+)?(?:initial\s+)?(?:stop(?:[- ]?loss)?(?:\s+distance)?|risk|distance\s+to\s+the\s+stop|risk\s+amount)\b"
                                r"|\br[- ]multiples?\b", "setting"),
    # "closes above the 10-day EMA for 3 days", "two weekly closes below", "three straight days": a condition held over
    # several bars, which one comparison of the rules does not hold
    Gap("consecutive closes", r"\b(?:close|closes|closed|closing|stays?|stayed|remains?|remained)\s+(?:above|below|over|under)\b[^.;]{0,40}?\bfor\s+"
                              r"(?:a\s+total\s+of\s+|at\s+least\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:consecutive\s+|straight\s+)?"
                              r"(?:trading\s+)?(?:days|bars|sessions|weeks|candles|closes|periods)\b"
                              r"|\b(?:\d+|two|three|four|five)\s+(?:consecutive|straight)\s+(?:daily\s+|weekly\s+|monthly\s+|hourly\s+)(?:closes|bars|candles)\b"
                              r"|\b(?:\d+|two|three|four|five)\s+straight\s+(?:days|bars|sessions|closes|weeks|candles)\b", "setting"),
    # "close everything by the end of the day", "square off at 3:15", "exit_time = '15:50'": an exit at a time of day
    Gap("time-of-day exit", r"\b(?:exit|exits|close|closes|closing|flatten|flattens|liquidate|sell|sells|cover|covers|get\s+out|square)\b[^.;]{0,30}?"
                            r"\b(?:by|before)\s+(?:the\s+)?end\s+of\s+(?:the\s+|each\s+|every\s+)?(?:trading\s+)?(?:day|session)\b"
                            r"|\bsquare[- ]?off\b|\beod\s+(?:exit|close|flat)\b|\bflat\s+(?:by|before|at)\s+(?:the\s+)?(?:close|end\s+of\s+(?:the\s+)?day)\b"
                            r"|\b(?:exit|close|flatten|square_?off|eod)_?(?:time|hour|minute)\w*\s*[:=]", "setting"),
    # "if bonds are rising", "when the 10-year yield falls below 4%", "while the dollar index is above its average": a
    # condition on another market that no ticker names (one a ticker or index names is read on that symbol)
    Gap("signal from another instrument", rf"\b(?:when|if|while|once|whenever|unless|as\s+long\s+as)\s+(?:the\s+)?{_OTHER_ASSET}"
                                          r"(?=[^.;]{0,40}?\b(?:rises?|rising|rose|falls?|falling|fell|above|below|over|under|closes?|closed|crosses?|crossed|"
                                          r"is\s+up|is\s+down|goes|drops?|dropped|spikes?|spiked|inverts?|inverted|widens?|narrows?|outperforms?|underperforms?|trends?)\b)", "rule"),
    # "move your stop up as the price rises", "ratchet the stop higher each bar": a stop that follows the price
    Gap("trailing stop", r"\b(?:move|moves|moving|raise|raises|raising|ratchet\w*|step\w*|tighten\w*|lift\w*|inch\w*)\s+(?:the\s+|your\s+|my\s+|our\s+|its\s+)?"
                         r"stop(?:[- ]?loss)?s?\s+(?:up|higher|down|lower)\b(?!\s+to\s+(?:the\s+)?(?:break[- ]?even|entry|cost))", "setting"),
    # "a 3% daily loss limit", "stop trading after two losses in a day", "max_daily_loss = 500": a cap on the day's losses
    Gap("daily loss limit", r"\b(?:daily|day's|weekly)\s+(?:loss|drawdown)\s+(?:limit|cap|stop|cutoff)\b|\bmax(?:imum)?\s+(?:daily|day)\s+(?:loss|drawdown)\b"
                            r"|\bstop\s+trading\s+(?:for\s+the\s+day\s+)?(?:after|once)\s+(?:\d+|one|two|three)\s+(?:consecutive\s+)?(?:loss(?:es)?|losing\s+trades)\b"
                            r"|\bmax_?(?:daily|day)_?(?:loss|drawdown)\w*\s*[:=]|\bdaily_?loss_?limit\w*\s*[:=]", "setting"),
    # "no more than 3 open positions", "max_open_positions = 5": a cap on positions held at once
    Gap("maximum open positions", r"\b(?:no\s+more\s+than|at\s+most|max(?:imum)?(?:\s+of)?|up\s+to|limit\s+of)\s+(?:\d+|one|two|three|four|five|ten)\s+"
                                  r"(?:open|concurrent|simultaneous)\s+(?:positions|trades)\b|\bmax_?open_?(?:positions|trades)\w*\s*[:=]", "setting"),
    # "no new trades after 3 pm", "trade only the New York open": the hours trades are taken in
    Gap("trading hours filter", rf"\b(?:no|don't|do\s+not|never|stop)\s+(?:take\s+|taking\s+|open\s+|opening\s+)?(?:new\s+)?(?:trades?|trading|entries|positions)\s+(?:after|before)\s+(?:{_CLOCK}|noon|\d{{1,2}}\s*(?:am|pm))"
                                rf"|\b(?:during|only|trade|trades|trading|in)\s+(?:the\s+)?{_SESSION}\s+(?:open|opening|hours|session\s+hours)\b", "setting"),
    # "long the spread between KO and PEP", "when the two stocks diverge": two instruments traded against each other
    Gap("pairs trade (spread of two assets)", r"\b(?:long|short|buy|sell|trade)\s+the\s+spread\b(?!\s+(?:of|on)\s+(?:the\s+)?(?:option|call|put))"
                                              r"|\bspread\s+between\s+\$?[a-z][\w.]{0,5}\s+and\s+\$?[a-z][\w.]{0,5}\b"
                                              r"|\btwo\s+(?:stocks|assets|instruments|etfs|shares|securities|coins)\s+(?:diverge|deviate|drift\s+apart)\b", "rule"),
    # "exit after 5 bars", "close the trade after ten days", "get out on the 7th day": a bar count (the risk reader holds
    # one it reads as max_holding_bars, and then it is expressed)
    Gap("time-based exit", r"\b(?:exit|exits|exiting|sell|sells|cover|covers|get\s+out|liquidate|(?:close|closes|closing)\s+(?:the\s+|a\s+|all\s+|each\s+|every\s+|our\s+|your\s+|my\s+)?"
                           r"(?:trades?|positions?|it))\b[^.;]{0,25}?\b(?:after|on)\s+(?:the\s+)?"
                           r"(?:holding\s+for\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty)(?:st|nd|rd|th)?\s+(?:trading\s+)?"
                           r"(?:days?|bars?|sessions?|candles?|weeks?)\b", "setting"),
    # "exit on Friday's close", "sell at Monday's open": an exit timed by the weekday
    Gap("time-based exit", r"\b(?:exit|exits|sell|sells|close|closes|cover|covers|get\s+out|liquidate)\b[^.;]{0,25}?\b(?:on|at|by)\s+(?:the\s+)?"
                           r"(?:monday|tuesday|wednesday|thursday|friday)(?:'s)?\s+(?:close|open|closing|opening)\b", "rule"),
    # "buy at 10:00 am", "enter short at 14:30": an entry at a time of day
    Gap("time-of-day entry", rf"\b(?:buy|buys|short|shorts|enter|enters|entry|go\s+long|go\s+short|opens?\s+(?:a\s+|the\s+)?(?:long|short|position|trade))\b[^.;]{{0,25}}?\bat\s+(?:{_CLOCK})(?!\w)", "rule"),
    # "otherwise hold bonds", "switch the money into TLT", "rotate to gold when ...": out of the holding the money sits in a
    # second asset, which the spec cannot hold (out of the holding it is flat; cash and T-bills are the flat side itself)
    Gap("fallback asset", rf"\b(?:otherwise|else|if\s+not|when\s+not)\b[^.;]{{0,20}}?\b(?:hold|holds|buy|buys|own|switch(?:es)?\s+to|move(?:s)?\s+to|rotate(?:s)?\s+(?:in)?to|go(?:es)?\s+(?:in)?to|in)\s+(?:the\s+)?{_FALLBACK}"
                          rf"|\b(?:switch|switches|switched|switching|move|moves|moved|moving|rotate|rotates|rotated|rotating|shift|shifts|shifted|park|parks)\s+"
                          rf"(?:(?:all|the|our|your|its|money|capital|funds|assets|portfolio|holdings?|position|everything|out)\s+){{0,3}}(?:in)?to\s+(?:the\s+)?{_FALLBACK}", "rule"),
    # "exit at the close of the fifth day", "sell on the open of the next bar", "close the trade at the end of the day":
    # an exit timed by bars or the session; one the risk reader holds (max_holding_bars) is expressed
    Gap("time-based exit", r"\b(?:exit|exits|exiting|sell|sells|selling|close|closes|closing|cover|covers|get\s+out|liquidate|flatten)\b"
                           r"[^.;]{0,40}?\b(?:at|on|by)\s+the\s+(?:close|open|end)\s+of\s+(?:the\s+)?"
                           r"(?:next|following|\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|same|trading)?\s*"
                           r"(?:trading\s+)?(?:day|bar|session|candle|week)\b(?!\s+(?:of\s+the\s+)?(?:month|year|quarter))", "rule"),
    # "stop above the upper Bollinger band", "take profit at the middle band", "target the opposite channel line": a
    # stop or target placed at a line that moves, which the risk model (fractions of the fill) cannot hold
    Gap("stop at a band or channel line", rf"{_PROTECTIVE}\s+(?:\w+\s+){{0,3}}?(?:at|below|above|beyond|outside|under|over|on)\s+(?:the\s+)?(?:{_LINE})", "setting"),
    Gap("target at a band or channel line", r"\b(?:take[- ]?profits?|profit\s+targets?|targets?|tp)\b\s*[:=]?\s*(?:\w+\s+){0,3}?(?:(?:at|is|on)\s+)?(?:the\s+)?"
                                            rf"(?:{_LINE})", "setting"),
    # "close all positions before the weekend", "exit every Friday at the close": an exit timed by the calendar
    Gap("time-based exit", r"\b(?:exit|exits|close|closes|closing|flatten|flattens|liquidate|liquidates|sell|sells|get\s+out)\b[^.;]{0,30}?"
                           r"\b(?:before|by|ahead\s+of|over|into)\s+(?:the\s+|each\s+|every\s+)?weekends?\b"
                           r"|\b(?:exit|exits|close|closes|flatten|liquidate|sell|sells)\b[^.;]{0,30}?\b(?:at|on|by)\s+(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+|each\s+|every\s+)?week\b", "rule"),
    # "with leverage of 3x", "use 2:1 margin", "leverage: 5": a position larger than the equity (foa sizes up to 100%)
    Gap("leveraged position", r"\b(?:with|using|use|uses|at|apply|applying|trade|trades|on)\s+(?:a\s+|an\s+)?(?:leverage|margin)\s+(?:of\s+)?(?:up\s+to\s+)?\d+(?:\.\d+)?\s*(?:x|:1|times|to\s+1)(?!\w)"
                              r"|\b\d+(?:\.\d+)?\s*(?:x|times|:1|to\s+1)\s+(?:leverage|margin)\b(?!d)|\bleverage\s*[:=]\s*\d", "setting"),
    Gap("fundamental data", r"\b(?:p/e|pe\s+ratio|price/earnings|market\s+cap(?:italization|italisation)?|revenue\s+growth|sales\s+growth|profit\s+margins?"
                            r"|earnings\s+yield|book\s+value|price/book|p/b|ev/ebitda|dividend\s+(?:growth|payout)|net\s+income|operating\s+margin)\b", "indicator"),
    # "the price touches the 61.8% Fibonacci retracement", "a 38.2% retracement level": a level foa has no line for
    Gap("Fibonacci levels", r"\bfib(?:onacci)?\s+(?:\d+(?:\.\d+)?\s*%\s+)?(?:retracements?|levels?|extensions?|ratios?|zones?)\b"
                            r"|\b(?:23\.6|38\.2|50|61\.8|78\.6|127\.2|161\.8)\s*%\s+(?:fib(?:onacci)?\s+)?(?:retracements?|extensions?)\b", "indicator"),
    # "a bullish divergence between price and the RSI", "hidden divergence on the MACD": two swings compared, no line
    Gap("divergence filter", r"\b(?:bullish|bearish|positive|negative|hidden|regular|classic)\s+(?:rsi\s+|macd\s+|price\s+)?divergences?\b"
                             r"|(?<!convergence\s)(?<!convergence-)\bdivergences?\s+(?:between|with|on|in|from)\s+(?:the\s+)?"
                             r"(?:price|rsi|macd|stoch\w*|cci|momentum|oscillator|indicator|histogram)\b", "rule"),
    # "the daily range is less than 50 pips", "a candle range of at least 20 points": a range in the instrument's price
    # units; a comparison across it is the range's, never the indicator's named before it
    Gap("range filter in pips or points", r"\b(?:average\s+daily|daily|day's|candle's|candle|bar's|bar|previous\s+day's|yesterday's|the\s+day's)\s+range\b"
                                          r"(?=[^.;]{0,30}?\b\d+(?:\.\d+)?\s*(?:pips?|points?|ticks?)\b)", "indicator"),
)
_EXTRA_RES = [(g, re.compile(g.pattern)) for g in EXTRA]
_EXTRA_NEEDS = [needs(rx) for _, rx in _EXTRA_RES]  # text one of which each pattern's match holds

# lexicon gaps that are actions by themselves ("take half off at the target", "scale into the position"):
# listed wherever the strategy's part states them, like a setting
ACTING = frozenset({"partial exit", "scaling in or pyramiding", "grid trading", "position sizing rule"})
# gaps that name a quantity a comparison can be made on ("its P/E ratio is below 15"): a comparison whose
# subject is separated from its comparator by one is that quantity's, never the indicator's before it
QUANTITIES = frozenset({"fundamental data", "volume filter"})
# parts whose phrase holds a comparator of its own ("a stop 10 pips below the entry candle's low", "on
# above-average volume"): a comparison read inside such a phrase is the part's, never a rule
ABSORBING = frozenset({"indicator slope", "stop or target in dollars", "stop at a candle low or high", "stop at a swing low/high or support",
                       "stop at a channel low or high", "trailing stop at a price level",
                       "breakeven stop", "stop or target in points or pips", "ATR trailing stop", "risk-multiple target",
                       "stop or limit entry order", "volume filter", "fundamental data"})
# the same part listed once: a lexicon gap covers these of ours
_SAME = {"partial exit": "partial profit taking", "scaling in or pyramiding": "pyramiding", "intraday bars": "intraday timeframe",
         "position sizing rule": "risk-based position sizing", "fundamental data": "fundamental data",
         "volume multiple": "volume filter", "ATR trailing stop": "trailing stop at a price level", "calendar rule": "calendar rule",
         "moving-average slope": "indicator slope"}


# the funds and futures that trade a market named by a word
_ASSET_TICKERS = {"gold": ("gld", "iau", "gc", "xauusd"), "silver": ("slv", "si", "xagusd"), "oil": ("uso", "cl", "bno"),
                  "crude": ("uso", "cl", "bno"), "bond": ("tlt", "ief", "agg", "bnd", "shy", "zb", "zn"),
                  "treasury": ("tlt", "ief", "shy", "zb", "zn"), "treasurie": ("tlt", "ief", "shy", "zb", "zn"),
                  "dollar": ("uup", "dx"), "bitcoin": ("btc", "btc-usd", "btcusd", "btcusdt", "ibit", "gbtc"), "copper": ("cper", "hg")}


def _trades_it(norm: str, phrase: str) -> bool:
    """Whether the market a condition names is the one the clause trades ("..., buy gold", "hold bonds when bonds ...").

    >>> _trades_it("if gold closes above its 50-day average, buy gold.", "if gold")
    True
    >>> _trades_it("if bonds are rising, hold equities.", "if bonds")
    False
    """
    word = re.sub(r"^\W*(?:when|if|while|once|whenever|unless|as\s+long\s+as)\s+(?:the\s+)?", "", phrase).split()[-1]
    stem = word[:-1] if word.endswith("s") else word
    if any(re.search(rf"(?<![\w^$]){t}(?![\w-])", norm) for t in _ASSET_TICKERS.get(stem, ())):
        return True  # "buy GLD when gold closes above ...": the fund of that market
    return bool(re.search(rf"\b(?:buy|buys|sell|sells|short|shorts|hold|holds|own|owns|trade|trades|long|go\s+long)\s+(?:the\s+|more\s+)?(?:(?!(?:when|if|while|once|as|unless|whenever)\b)[\w-]+\s+)?{re.escape(stem)}s?\b", norm))


def gap_spans(norm: str) -> list[tuple[Gap, int, int]]:
    """The lexicon's gaps of a normalised clause (``lexicon.gap_spans``) and the rule parts of this module's
    word classes, each part once: (gap, start, end).

    >>> [g.what for g, _, _ in gap_spans("take half the position off at the first target and trail the rest.")]
    ['partial exit']
    >>> [g.what for g, _, _ in gap_spans("only trade during the london session on the 15-minute chart.")]
    ['intraday bars', 'trading hours filter']
    """
    base = lexicon.gap_spans(norm)
    out = [((Gap(g.what, g.pattern, "setting") if g.what in ACTING else g), a, b) for g, a, b in base]
    found = [rx.search(norm) if may_match(need, norm) else None for (_, rx), need in zip(_EXTRA_RES, _EXTRA_NEEDS)]
    if ("oscillator" in norm or "indicator" in norm or "index" in norm) and not any(h.kind == "indicator" for h, _, _ in out):
        out += [(g, a, b) for g, a, b in named_gaps(norm) if not any(a < y and x < b for _, x, y in out)]
    if not any(m is not None for m in found):
        return out
    order = next((m for (g, _), m in zip(_EXTRA_RES, found) if m is not None and g.what == "stop or limit entry order"), None)
    if order is not None:
        # "a sell stop 2 ticks below the low": the distance of an entry order, never a stop in ticks
        out = [(g, a, b) for g, a, b in out if not (g.what == "stop or target in points or pips" and order.start() <= a < order.end()
                                                    and re.search(r"\b(?:buy|sell)[- ]$", norm[:a]))]
        base = [(g, a, b) for g, a, b in base if any(g is h for h, _, _ in out)]
    covered = {_SAME.get(g.what, g.what) for g, _, _ in base}
    for (g, _), m in zip(_EXTRA_RES, found):
        if m is not None and any(h.what == g.what for h, _, _ in out):
            continue  # a second spelling of a part already found in the clause
        if g.what == "calendar rule" and m is not None and _SCHEDULE.search(norm):
            continue
        if g.what == "candle direction" and m is not None and _BAR_READING.search(norm):
            continue
        if g.what == "signal from another instrument" and m is not None and _trades_it(norm, m.group(0)):
            continue  # "if gold closes above its 50-day average, buy gold": the traded market itself
        if g.what == "trailing stop" and m is not None and _PERCENT_NEAR.search(norm, max(0, m.start() - 40), m.end() + 40):
            continue  # "a 10% trailing stop": a fraction the risk model holds
        # an indicator named inside the part's phrase ("add a second unit if the ADX is above 30") does not hide it
        # two bar lengths in one rule are both a shorter bar and a second timeframe ("the 1-hour and 4-hour charts")
        if m is None or g.what in covered or any(a < m.end() and m.start() < b for h, a, b in out if h.kind != "table"
                                                 and not (g.what == "multi-timeframe filter" and h.what in ("intraday bars", "intraday timeframe"))):
            continue
        out.append((g, m.start(), m.end()))
    return out


# "the choppiness index is below 38", "the know sure thing indicator crosses above zero": a named indicator the table
# does not know, stated in a comparison; the words before the noun name it (market indices and generic words never)
_NAMED = re.compile(r"\b(?P<kind>oscillator|indicator|index)\b(?:\s*\(\s*\d[\d,.\s]*\))?(?=\s*(?:,\s*)?(?:(?:is|was|reads|stays|remains|must\s+be|should\s+be|has\s+to\s+be|"
                    r"crosses|crossed|rises|falls|drops|moves|goes|turns|climbs|dips|gets|comes\s+in)\b|above\b|below\b|over\b|under\b|>|<))")
# words that end a name going back from the noun ("buy when the ..."), words that make it a market index
# ("the nasdaq composite index") and words too general to name an indicator alone ("the trend indicator")
_STOPS = frozenset((
    "the a an its their our my your this that these those same any each every no one which when if while and or but then to of on in at by "
    "for with from as is are be was buy sell short long enter exit go only once until unless whenever").split())
_MARKETS = frozenset((
    "s&p sp nasdaq dow jones nikkei dax ftse hang seng russell msci stoxx cac nifty sensex kospi asx tsx ibovespa euro dollar bond "
    "bonds equity equities stock stocks market sector composite benchmark consumer producer price prices volatility world global "
    "breadth sentiment fear greed economic confidence manufacturing pmi inflation currency commodity").split())
_GENERIC = frozenset((
    "custom technical main first second other following above below leading lagging trend momentum strength new own simple "
    "favourite favorite chosen selected given signal signals good best total return overall volume whole entire").split())


def named_gaps(norm: str) -> list[tuple[Gap, int, int]]:
    """Indicators a clause names and compares that foa's table does not know, each as a gap of its own.

    >>> [g.what for g, _, _ in named_gaps("buy when the choppiness index is below 38.")]
    ['choppiness index (an indicator foa lacks)']
    >>> named_gaps("buy when the relative strength index is below 30."), named_gaps("while the nasdaq composite index trades over 15000")
    ([], [])
    """
    from foa.spec.indicators import mentioned

    out: list[tuple[Gap, int, int]] = []
    for m in _NAMED.finditer(norm):
        words = list(re.finditer(r"[a-z][a-z'&-]*|\S+", norm[max(0, m.start() - 60):m.start()]))
        name: list[str] = []
        before = ""
        for w in reversed(words):
            if w.group(0) in _STOPS or not re.fullmatch(r"[a-z][a-z'-]*", w.group(0)) or len(name) == 3:
                before = w.group(0)
                break
            name.insert(0, w.group(0))
        if not name or any(w in _MARKETS for w in name) or all(w in _GENERIC for w in name):
            continue
        if before in ("the", "a", "an") and re.search(r"\b(?:for|of|on|in|at|from|with|to|across|over)\s+(?:the|a|an)\s+" + re.escape(" ".join(name)) + r"\s*$",
                                                      norm[max(0, m.start() - 80):m.start()].rstrip() + " "):
            continue  # "the RSI(4) for the whole index": the market an indicator is read on
        phrase = " ".join(name) + " " + m.group("kind")
        if mentioned(phrase) or mentioned(" ".join(name)):
            continue
        a = m.start() - len(" ".join(name)) - 1
        out.append((Gap(f"{phrase} (an indicator foa lacks)", re.escape(phrase), "indicator"), max(a, 0), m.end("kind")))
    return out


def found_indicators(mentions: list) -> str:
    """The indicators a refusal names as found, once each in reading order: "RSI(14), SMA(200)".

    >>> from types import SimpleNamespace as N
    >>> found_indicators([N(name="rsi", params={"window": 14}), N(name="sma", params={"window": 200}), N(name="rsi", params={"window": 14})])
    'RSI(14), SMA(200)'
    """
    out: list[str] = []
    for m in mentions:
        w = m.params.get("window") if isinstance(getattr(m, "params", None), dict) else None
        label = f"{m.name.upper()}({w:g})" if isinstance(w, (int, float)) else m.name.upper()
        if label not in out:
            out.append(label)
    return ", ".join(out[:6])


def absorbing_spans(norm: str) -> list[tuple[int, int]]:
    """Where the clause states a part of ``ABSORBING`` (every spelling, also those ``gap_spans`` lists under
    another part): a comparator inside one of these spans belongs to that part.

    >>> norm = "enter long when the 5-day ema crosses above the 20-day ema, with a stop 10 pips below the entry candle's low."
    >>> [norm[a:b] for a, b in absorbing_spans(norm)]
    ['stop 10 pips', "stop 10 pips below the entry candle's low"]
    """
    out = [(a, b) for g, a, b in lexicon.gap_spans(norm) if g.what in ABSORBING]
    out += [m.span() for (g, rx), need in zip(_EXTRA_RES, _EXTRA_NEEDS)
            if g.what in ABSORBING and may_match(need, norm) for m in rx.finditer(norm)]
    return out


# ------------------------------------------------------------------------------------------ common names
# The name a researcher gives a part, which a refusal leads with: a part is recognised under a label that
# says how it is written ("stop or target in points or pips"), and named by what it is ("fixed-point stop").
_COMMON = {
    "intraday bars": "intraday timeframe",
    "condition on the VIX (another market's level)": "signal from another instrument",
    "switching into a second instrument": "fallback asset",
    "position sizing rule": "risk-based position sizing",
    "partial exit": "partial profit taking",
    "scaling in or pyramiding": "pyramiding (scaling in)",
    "pyramiding": "pyramiding (scaling in)",
    "time-of-day or session filter": "trading hours filter",
    "same-day (intraday) exit": "time-based exit",
    "volume multiple": "volume filter",
    "opening gap": "opening gap condition",
    "stop at a swing low/high or support": "swing-low stop",
    "stop at a band or channel line": "band-level stop",
    "target at a band or channel line": "band-level target",
    "moving-average slope": "indicator slope",
    "take profit that changes with time held (ROI table)": "time-decaying ROI table",
    "Fibonacci levels": "Fibonacci retracement",
    "pairs trade (spread of two assets)": "pairs trade",
    "blended momentum score (several lookbacks in one score)": "composite momentum score",
}
_TARGET_WORDS = re.compile(r"(?i)target|\btp|take[\s_-]?profit|profit")
_STOP_WORDS = re.compile(r"(?i)stop|\bsl\b|\bsl_|_sl\b|loss")


def common_name(what: str, quote: str = "") -> str:
    """The name a researcher gives a part foa cannot express; ``quote`` tells a stop from a target or an entry
    order's kind where one label covers both.

    >>> common_name("intraday bars"), common_name("stop or target in points or pips", "Stop loss: 30 pips")
    ('intraday timeframe', 'fixed-point stop')
    >>> common_name("stop or limit entry order", "enter with a buy limit order at the prior close")
    'limit entry order'
    >>> common_name("Hammer (cdlhammer)")
    'candlestick pattern'
    """
    if what in ("stop or target in points or pips", "stop or target in dollars", "stop or target in currency units"):
        kind = "fixed-point" if "points" in what else "dollar"
        stop, target = bool(_STOP_WORDS.search(quote)), bool(_TARGET_WORDS.search(quote))
        if target and not stop:
            return f"{kind} target"
        return f"{kind} stop and {kind} target" if target else f"{kind} stop"
    if what == "stop or limit entry order":
        q = quote.lower()
        limit, stop = "limit" in q, bool(re.search(r"\bstop|\bhigh\b|\blow\b|\btick", q))
        return "limit entry order" if limit and not stop else "stop entry order" if stop and not limit else "stop or limit entry order"
    if what == "time-based exit" and re.search(r"(?i)\bbars?\b|bar_|_bar|barssince|bars_", quote):
        return "time-based exit (a bar-count exit)"
    if what == "consecutive bars condition" and re.search(r"(?i)\bclos", quote):
        return "consecutive closes"
    if what == "trading hours filter" and re.search(r"(?i)opening[- ]range", quote):
        return "opening range breakout"
    if what.endswith(")") and "(cdl" in what:
        return "candlestick pattern"
    return _COMMON.get(what, what)


def part_phrase(what: str, quote: str = "", page: int | None = None) -> str:
    """How a refusal names one part: its common name, the label it was found under when that differs, and where.

    >>> part_phrase("intraday bars", "Timeframe: M15", 1)
    'intraday timeframe: intraday bars (p. 1: "Timeframe: M15")'
    >>> part_phrase("trailing stop", "", 2)
    'trailing stop (p. 2)'
    """
    name = common_name(what, quote)
    head = what if name == what or what.startswith(name) else f"{name}: {what}"
    where = f"p. {page}" if page is not None else ""
    if quote:
        short = quote.strip()[:120].strip()  # the evidence quote's first 120 characters, as every refusal cites
        where = f"{where}: \"{short}\"" if where else f"\"{short}\""
    return f"{head} ({where})" if where else head


def parts_phrase(parts: list, limit: int = 5) -> str:
    """The parts a refusal names (``Unsupported`` items, or anything with ``what``, ``quote`` and ``page``), joined.

    >>> from foa.spec.model import Unsupported as U
    >>> parts_phrase([U(what="intraday bars", quote="Use the 15-minute chart.", page=1)])
    'intraday timeframe: intraday bars (p. 1: "Use the 15-minute chart.")'
    """
    return "; ".join(part_phrase(u.what, u.quote or "", u.page) for u in parts[:limit])


def mentioned_parts(infos: list, skip: frozenset[str] | set[str] = frozenset()) -> list:
    """What the text names anywhere that foa cannot express (not in an example), once each in reading order, as
    ``Unsupported`` items; a table indicator foa computes and the parts in ``skip`` are left out. A refusal says
    these were mentioned, never that the text's rule uses them.

    >>> from types import SimpleNamespace as N
    >>> c = N(orig="I trade the 5-minute chart and trail my stop under each swing low.", page=1)
    >>> [u.what for u in mentioned_parts([N(norm=c.orig.lower(), clause=c, example=False)])]
    ['intraday bars', 'stop at a swing low/high or support']
    """
    from foa.spec import model as M

    out: dict[str, object] = {}
    for i in infos:
        if getattr(i, "example", False):
            continue
        for g, _, _ in gap_spans(i.norm):
            if g.what in out or g.what in skip or lexicon.gap_names(g.what) or g.kind == "table":
                continue
            out[g.what] = M.Unsupported(what=g.what, quote=i.clause.orig.strip()[:300], page=i.clause.page)
    return list(out.values())


def mentions_note(infos: list, skip: frozenset[str] | set[str] = frozenset()) -> str:
    """A refusal's closing note on what the text names that foa cannot express ('' when nothing):
    "; the text also mentions a trailing stop ..., which foa cannot express yet"."""
    parts = mentioned_parts(infos, skip)
    if not parts:
        return ""
    return f"; the text also mentions {parts_phrase(parts, 4)}, which foa cannot express yet"
