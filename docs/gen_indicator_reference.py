"""Generate docs/indicators.md from ``foa.indicators()`` (the indicator table is the source; this page follows it).

    .venv/bin/python docs/gen_indicator_reference.py          # rewrites docs/indicators.md
    .venv/bin/python docs/gen_indicator_reference.py --check  # exit 1 if docs/indicators.md is stale
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "indicators.md"

INTRO = '''# Indicators

A spec can name foa's ten indicators, every function of TA-Lib (by its lowercase name, with TA-Lib's
parameter names and defaults) and indicators you register yourself. This page is generated from
`foa.indicators()` (`docs/gen_indicator_reference.py`; a test keeps it in step with the table).

```python
import foa

df = foa.indicators()                         # one row per indicator
df[df.source == "talib"].head()[["name", "params", "outputs", "scale"]]

spec = foa.StrategySpec(
    name="ADX trend with a Parabolic SAR exit",
    universe={"symbols": ["^GSPC"]},
    entry=foa.rule("adx(14) > 25 and close > sar(0.02, 0.2)"),
    exit=foa.rule("close < sar(0.02, 0.2) or stoch().slowk > 80"),
)
print(spec.describe())
result = foa.backtest(spec, foa.samples.market_data("^GSPC"))
result.stats[["total_return", "sharpe", "trades"]]
```

In JSON a TA-Lib indicator is `{"kind": "indicator", "name": "adx", "params": {"timeperiod": 14}}`;
a function with several outputs picks one with `output` (`stoch` -> `slowk` or `slowd`; none = the first).
Parameters left out take TA-Lib's defaults. From Python, `foa.spec.indicator("adx", 14) > 25` builds the
same expression (parameters in the table's order or by name). The values are exactly TA-Lib's (`ta-lib==0.8.2`, whose wheel
bundles the C library; a test compares every function with a direct TA-Lib call on the bundled S&P 500 and,
for close-only functions, crude oil). TA-Lib is loaded the first time a TA-Lib indicator is computed,
never by `import foa`; the table itself (`foa/spec/talib_table.py`, written by
`python -m foa.spec.gen_talib_table`) needs no TA-Lib.

How TA-Lib indicators are fed:

- **Inputs** come from the price frame of the traded symbol (or of `symbol=`): `adx` reads high, low and
  close; `obv` close and volume. A one-input function (`kama`, `t3`, `linearreg`...) reads `input=` in
  place of the close when given: `kama(10, input=rsi(14))`.
- **Frequencies**: on a weekly or monthly spec TA-Lib receives the period-end bars (open first, high max,
  low min, close last, volume summed), so `adx(14)` is 14 weeks on a weekly spec.
- **Warm-up**: TA-Lib's leading NaNs are warm-up bars, which give no signal. A parameter marked as a window
  below (`timeperiod`, `fastk_period`...) longer than the data is a `SpecError` before anything runs.
- **Sweeps** address TA-Lib parameters by id like any other (`{"trend.timeperiod": [10, 14, 20]}` for
  `adx(14, id=trend)`) and compute each distinct indicator once.
- `mavp` (a moving average of variable period) reads its periods series from `input=`.
- foa's own ten keep foa's formulas where TA-Lib has the same name (`sma`, `ema`, `rsi`, `bbands`, `macd`,
  `roc`, `atr`) and accept TA-Lib's parameter names too (`sma(timeperiod=50)` is `sma(50)`); the
  differences (foa's `roc` is a fraction, TA-Lib's a percent; the seeds of `ema`, `rsi`, `atr`) are in
  [Backtest semantics](semantics.md), row 5b.

## Your own indicators

`foa.register_indicator(name, fn, params=..., outputs=..., inputs=...)` makes a Python function an
indicator for this process: specs, rules, sweeps and `describe()` use it by name. The function receives
one 1-D float array per input (per symbol) and the parameters by keyword, and returns an array per output.

```python
import numpy as np
import pandas as pd

def zscore(close, window=20):
    s = pd.Series(close)
    return ((s - s.rolling(window).mean()) / s.rolling(window).std()).to_numpy()

foa.register_indicator("zscore", zscore, params={"window": 20}, scale="unbounded",
                       description="How many standard deviations the close is from its mean.")
spec = foa.StrategySpec(name="z", entry=foa.rule("zscore(20, id=z) < -2"), exit=foa.rule("zscore(20, id=z) > 0"))
sweep = foa.sweep(spec, foa.samples.market_data("^GSPC"), {"z.window": [10, 20, 40]})
foa.unregister_indicator("zscore")
```

A spec that names a custom indicator not registered in the running process is a `SpecError` saying so.
Custom names are never in the extractors' vocabulary (the Claude prompt, the offline lexicon): an
extracted spec only names foa's and TA-Lib's indicators, and nothing written in a document is executed.

## Scales

`scale` says what an indicator's values measure, for the spec checks (an RSI threshold of 150 is flagged):
`price` (the input's units), `range(lo,hi)` (a bounded oscillator), `return` (a fraction), `price_delta`
(a difference of prices), `volume`, `unbounded`. Parameters marked `*` below are windows: they count bars
of the spec's frequency.
'''


def _params(row: Any) -> str:
    wins = set(row["windows"])
    parts = []
    for k, v in row["params"].items():
        name = f"{k}*" if k in wins else k
        parts.append(name if v is None else f"{name}={v:g}")
    return ", ".join(parts) or "-"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|")


def _table(df: Any) -> list[str]:
    lines = ["| name | parameters (* = window) | outputs | inputs | scale | description | prose names |",
             "|---|---|---|---|---|---|---|"]
    for _, r in df.iterrows():
        aliases = ", ".join(a for a in r["aliases"] if a != r["name"])
        lines.append(
            f"| `{r['name']}` | {_cell(_params(r))} | {', '.join(r['outputs'])} | {', '.join(r['inputs'])} | "
            f"{r['scale']} | {_cell(r['description'])} | {_cell(aliases)} |"
        )
    return lines


def render() -> str:
    import foa

    df = foa.indicators()
    df = df[df["source"] != "custom"]
    out = [INTRO, f"## foa's indicators ({(df.source == 'foa').sum()})", ""]
    out += _table(df[df.source == "foa"])
    talib = df[df.source == "talib"]
    out += ["", f"## TA-Lib's functions ({len(talib)}, besides the seven that foa's rows above cover)", ""]
    for group in sorted(set(talib["group"])):
        part = talib[talib["group"] == group]
        out += [f"### {group} ({len(part)})", ""]
        out += _table(part)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is stale: run python docs/gen_indicator_reference.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
