"""Offline extraction of a 20-page PDF, against the plain load of the same PDF (the baseline).

    .venv/bin/python benchmarks/bench_offline_extract.py

Builds a real 20-page PDF (strategy rules spread over commentary pages), then times, in this process:
``foa.load_document(pdf)`` (baseline) and ``load_document`` + ``extract_offline``. Prints the time per
document and the ratio. Speed is reported, never asserted.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FILLER = (
    "Markets were mixed this week as investors weighed central bank comments against firmer earnings. "
    "Breadth improved in small caps while defensive sectors lagged; credit spreads were little changed. "
)
RULES = [
    "Signal: we go long SPY when the 50-day SMA crosses above the 200-day SMA.",
    "Exit when the 50-day SMA crosses back below the 200-day SMA, or on a 7% stop loss.",
    "A 2x ATR stop applies to every position; no costs are modelled in this note.",
]


def make_pdf(path: Path, pages: int = 20) -> Path:
    import pymupdf

    pdf = pymupdf.open()
    for n in range(pages):
        page = pdf.new_page()
        text = f"Strategy note, page {n + 1}\n\n" + FILLER * 14
        if n in (4, 11, 17):
            text += "\n" + RULES[[4, 11, 17].index(n)]
        page.insert_textbox(pymupdf.Rect(40, 40, page.rect.width - 40, page.rect.height - 40), text, fontsize=9)
    pdf.save(path)
    pdf.close()
    return path


def timed(fn, repeat: int = 7) -> float:
    fn()  # warm-up: imports and regex compilation happen once per process
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main() -> None:
    from foa.documents.load import load_document
    from foa.extract.offline import extract_offline

    with tempfile.TemporaryDirectory() as tmp:
        pdf = make_pdf(Path(tmp) / "note20.pdf")
        doc = load_document(pdf, progress=False)
        spec = extract_offline(doc)
        base = timed(lambda: load_document(pdf, progress=False))
        both = timed(lambda: extract_offline(load_document(pdf, progress=False)))
        extract_only = timed(lambda: extract_offline(doc))
    chars = sum(len(p.text) for p in doc.pages)
    print(f"20-page PDF ({chars} characters), spec: {spec.name}, {len(spec.evidence)} evidence quotes")
    print(f"load_document (baseline)           {base * 1000:8.1f} ms/doc")
    print(f"extract_offline on the Document    {extract_only * 1000:8.1f} ms/doc")
    print(f"load_document + extract_offline    {both * 1000:8.1f} ms/doc   ratio to baseline: {both / base:.2f}x")


if __name__ == "__main__":
    main()
