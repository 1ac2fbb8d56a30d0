"""Accuracy of the offline extractor on the real-text corpus, per split: text mode and multi-page PDF mode.

    .venv/bin/python benchmarks/eval_corpus.py [--corpus tests/extract/corpus] [--json out.json]

Scores ``foa.extract.offline.extract_offline`` on ``dev/`` and ``test/`` (every ``*.jsonl``) with
``foa.extract.evaluate.evaluate`` and on ``multipage.jsonl`` (real PDFs, one text a page) with
``evaluate_multipage``, and prints the date, the foa tree and corpus commits, the corpus size and, per
split, the per-field accuracy, exact rate, no-strategy texts refused and strategies invented, strategy
texts refused, the cases needing what foa cannot express (apart), and the multi-page universe and
evidence-page results. To score another foa tree, put it first on ``PYTHONPATH``. Figures are reported,
never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("foa") is None:  # run from a checkout without PYTHONPATH
    sys.path.insert(0, str(ROOT))


def _commit(path: Path, *args: str) -> str:
    try:
        out = subprocess.run(["git", "-C", str(path), "log", "-1", "--format=%h", *args], capture_output=True,
                             text=True, check=True).stdout.strip()
        return out or "?"
    except (OSError, subprocess.CalledProcessError):
        return "?"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT / "tests" / "extract" / "corpus"))
    ap.add_argument("--json", default=None, help="also write every figure to this JSON file")
    args = ap.parse_args(argv)

    import foa
    from foa.extract.evaluate import evaluate, evaluate_multipage, load_corpus
    from foa.extract.offline import extract_offline

    corpus = Path(args.corpus).resolve()
    foa_dir = Path(foa.__file__).resolve().parents[1]
    out: dict = {"date": dt.date.today().isoformat(), "foa": str(foa_dir), "foa_commit": _commit(foa_dir),
                 "corpus_commit": _commit(corpus, "--", "."), "splits": {}}
    print(f"date {out['date']}; foa {out['foa']} at {out['foa_commit']}; corpus {corpus} at {out['corpus_commit']}")
    for split in ("dev", "test"):
        cases = load_corpus(corpus / split)
        ns = sum(bool(c["gold"].get("no_strategy")) for c in cases)
        files = {f: sum(c["file"] == f for c in cases) for f in sorted({c["file"] for c in cases})}
        rep = evaluate(corpus / split, extract_offline, progress=False)
        mp = evaluate_multipage(corpus / "multipage.jsonl", extract_offline, corpus=corpus, split=split,
                                progress=False)
        d = rep.to_dict()
        m = mp.to_dict()
        # the multi-page documents' strategy texts, scored in text mode: the figure multi-page mode is compared to
        same = {c["strategy_id"] for c in mp.cases}
        m["text_mode_same_strategies"] = [sum(c["score"]["exact"] for c in rep.cases if c["id"] in same),
                                          sum(c["id"] in same for c in rep.cases)]
        out["splits"][split] = {"size": len(cases), "no_strategy": ns, "files": files, "text": d, "multipage": m}
        print(f"\n== {split}: {len(cases)} texts ({', '.join(f'{f} {n}' for f, n in files.items())}), "
              f"{ns} without a strategy; {mp.n} multi-page documents")
        print("-- text mode")
        print("\n".join(line for line in rep.to_text().splitlines() if not line.startswith("  miss ")))
        print("-- multi-page PDF mode")
        print("\n".join(line for line in mp.to_text().splitlines()
                        if not line.startswith(("  miss ", "  leak "))))
        x, n = m["text_mode_same_strategies"]
        print(f"  the same {n} strategy texts in text mode: {x}/{n} exact")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
