"""What foa adds around a Claude call, measured: evidence checks and narrowing, against plain baselines.

    .venv/bin/python benchmarks/bench_extract.py [--pages 20] [--repeat 5]

1. Evidence: ``verify_evidence`` on a ``--pages`` page document with 10 quotes (6 verbatim, 2 with
   line-break/typography noise, 2 invented, so the fuzzy search must scan every page) against a baseline
   of exact ``quote in page`` lookups over the same pages.
2. Narrowing: ``narrow`` of a 10x longer document to a 30,000-token budget (llama-index chunks + BM25)
   against a baseline that only joins the pages into one string (``doc.text``).

Both print seconds and the ratio foa / baseline in one process. The model call itself (seconds) dwarfs
both; the point is that checking and narrowing stay small beside it. Not a test: nothing asserts a time.
"""

from __future__ import annotations

import argparse
import time

PARA = (
    "The desk reviewed positioning, funding costs and the calendar of central bank meetings for the quarter. "
    "Liquidity in the futures roll was adequate and no changes to risk limits were proposed this month. "
)
RULES = [
    "Buy SPY when the 50-day SMA crosses above the 200-day SMA.",
    "Sell when the 50-day SMA crosses below the 200-day SMA.",
    "Each position carries a 7% stop loss.",
    "Take profits at a 15% gain.",
    "Hold at most 20 trading days.",
    "Short-term entries wait for RSI(2) below 10.",
]


def build(pages: int):
    from foa.documents.model import Document

    texts = [PARA * 12 for _ in range(pages)]
    for i, rule in enumerate(RULES):
        n = (i * 3 + 2) % pages
        texts[n] = texts[n][:600] + "\n" + rule + "\n" + texts[n][600:]
    return Document.from_text("\f".join(texts), name="bench.txt")


def spec_for(doc):
    from foa.spec.builders import rsi, sma
    from foa.spec.model import Evidence, Risk, StrategySpec

    quotes = [("entry", RULES[0]), ("exit", RULES[1]), ("risk.stop_loss", RULES[2]),
              ("risk.take_profit", RULES[3]), ("risk.max_holding_bars", RULES[4]), ("entry", RULES[5]),
              ("entry", "buy  SPY when the 50-day\nSMA crosses ABOVE the 200-day SMA"),
              ("risk.stop_loss", "Each position carries a 7 % stop loss"),
              ("entry", "Buy QQQ when the 20-day EMA crosses above the 100-day EMA."),
              ("exit", "Exit when the MACD histogram turns negative for 3 days.")]
    return StrategySpec(
        name="bench", entry=sma(50).crosses_above(sma(200)) & (rsi(2) < 10), exit=sma(50).crosses_below(sma(200)),
        risk=Risk(stop_loss=0.07, take_profit=0.15, max_holding_bars=20),
        evidence=[Evidence(field=f, quote=q, page=1) for f, q in quotes],
    )


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    from foa.extract.evidence import verify_evidence
    from foa.extract.narrow import narrow

    doc = build(args.pages)
    spec = spec_for(doc)
    page_texts = [p.text for p in doc.pages]

    def baseline_lookup():
        return [any(e.quote in t for t in page_texts) for e in spec.evidence]

    verified = verify_evidence(spec, doc)
    ok = [e.verified for e in verified.evidence]
    t_base = best_of(baseline_lookup, args.repeat)
    t_foa = best_of(lambda: verify_evidence(spec, doc), args.repeat)
    print(f"evidence, {args.pages} pages, 10 quotes: exact lookup {t_base * 1e3:.2f} ms, verify_evidence "
          f"{t_foa * 1e3:.1f} ms, ratio {t_foa / t_base:.0f}x  (verified {sum(ok)}/10, exact lookup finds "
          f"{sum(baseline_lookup())}/10)")

    long_doc = build(args.pages * 10)
    narrow(long_doc, max_tokens=30_000)  # warm: llama-index import
    t_join = best_of(lambda: long_doc.text, args.repeat)
    t_narrow = best_of(lambda: narrow(long_doc, max_tokens=30_000), args.repeat)
    n = narrow(long_doc, max_tokens=30_000)
    print(f"narrow, {args.pages * 10} pages -> {len(n.pages_sent)} pages ({n.tokens} est. tokens): join "
          f"{t_join * 1e3:.2f} ms, narrow {t_narrow * 1e3:.1f} ms, ratio {t_narrow / t_join:.0f}x")


if __name__ == "__main__":
    main()
