"""Strategy code: variables, platform calls and the action line of an ``if`` block."""

from __future__ import annotations

from foa.extract.offline.code import CodeVars


def test_an_if_block_waits_for_its_action_line(spec_of):
    spec = spec_of("//@version=5\nstrategy(\"x\")\nfastLine = ta.sma(close, 15)\nslowLine = ta.sma(close, 60)\n"
                   "goLong = ta.crossover(fastLine, slowLine)\nif (goLong)\n    // size and levels\n"
                   "    tp = close * 1.05\n    sl = close * 0.97\n    strategy.entry(\"L\", strategy.long)\n"
                   "    strategy.exit(\"X\", \"L\", limit=tp, stop=sl)\n")
    assert str(spec.entry) == "sma(15) crosses_above sma(60)"
    assert spec.risk.take_profit == 0.05 and spec.risk.stop_loss == 0.03


def test_metatrader_handles_and_buffers_are_followed():
    v = CodeVars()
    v.read("int hnd = ima(_symbol, period_d1, 40, 0, mode_ema, price_close);")
    v.read("copybuffer(hnd, 0, 0, 3, buf);")
    v.read("double val = normalizedouble(buf[0], 5);")
    assert v.read("if(close > val)") == "if(close > ema(close, 40))"


def test_a_metatrader_sell_opens_a_short(spec_of):
    spec = spec_of("int r = irsi(_Symbol, _Period, 7, PRICE_CLOSE);\ncopybuffer(r, 0, 0, 3, arr);\n"
                   "double rv = NormalizeDouble(arr[0], 2);\nif (rv > 80)\n{\n   trade.Sell(0.1, NULL, Bid, 0, 0);\n}\n")
    assert spec.direction == "short_only" and str(spec.short_entry) == "rsi(7) > 80"
