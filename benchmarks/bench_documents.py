"""Document loading speed: foa.load_document (text and markdown modes) against a raw PyMuPDF loop.

    .venv/bin/python benchmarks/bench_documents.py            # 200-page PDF, all four runs
    .venv/bin/python benchmarks/bench_documents.py --pages 50

Everything runs in one process on one generated text PDF; figures are pages per second and ratios to
the raw baseline (ratio = baseline speed / foa speed, so 1.20x means foa is 20% slower). Target: text
mode within 1.5x of raw PyMuPDF. Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

PARA = (
    "The strategy buys the index when the 50-day simple moving average crosses above the 200-day one and "
    "sells on the cross below. Every position carries an 8% stop loss and pays 10 bp per side. "
)


def make_pdf(path: Path, pages: int) -> Path:
    import pymupdf

    doc = pymupdf.open()
    for i in range(pages):
        page = doc.new_page()
        page.insert_text((72, 60), f"Section {i + 1}", fontsize=15)
        page.insert_textbox(pymupdf.Rect(72, 80, 540, 760), PARA * 14, fontsize=10)
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return path


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=5, help="text-mode runs (best is kept)")
    ap.add_argument("--markdown-pages", type=int, default=None,
                    help="time markdown mode on a PDF of this many pages instead (it is ~300x slower)")
    args = ap.parse_args()

    import pymupdf
    import pymupdf4llm

    import foa

    with tempfile.TemporaryDirectory() as tmp:
        path = make_pdf(Path(tmp) / "bench.pdf", args.pages)
        n = args.pages
        n_md = args.markdown_pages or n
        md_path = path if n_md == n else make_pdf(Path(tmp) / "bench_md.pdf", n_md)

        def raw_text() -> None:
            with pymupdf.open(path) as doc:
                for page in doc:
                    page.get_text()

        def foa_text() -> None:
            foa.load_document(path)

        def raw_markdown() -> None:
            with pymupdf.open(md_path) as doc:
                pymupdf4llm.to_markdown(doc, page_chunks=True, use_ocr=False, show_progress=False)

        def foa_markdown() -> None:
            foa.load_document(md_path, mode="markdown", progress=False)

        raw_text(), foa_text()  # warm both paths (imports, font caches)
        t_raw = best_of(raw_text, args.repeat)
        t_foa = best_of(foa_text, args.repeat)
        t_raw_md = best_of(raw_markdown, 1)
        t_foa_md = best_of(foa_markdown, 1)

    print(f"{n}-page text PDF, pymupdf {pymupdf.__version__}, pymupdf4llm {pymupdf4llm.__version__}")
    print(f"  raw pymupdf page.get_text() loop     {n / t_raw:9.1f} pages/s")
    print(f"  foa.load_document(mode='text')       {n / t_foa:9.1f} pages/s   ratio {t_foa / t_raw:5.2f}x (target <= 1.50x)")
    md_note = "" if n_md == n else f"   ({n_md}-page PDF)"
    print(f"  raw pymupdf4llm.to_markdown()        {n_md / t_raw_md:9.1f} pages/s{md_note}")
    print(f"  foa.load_document(mode='markdown')   {n_md / t_foa_md:9.1f} pages/s   ratio {t_foa_md / t_raw_md:5.2f}x "
          f"vs raw pymupdf4llm, {(t_foa_md / n_md) / (t_raw / n):5.0f}x vs raw text")


if __name__ == "__main__":
    main()
