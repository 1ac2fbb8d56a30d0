"""``foa eval CORPUS [--offline] [--pdf] [--multipage [--split S]] [--json]``: score an extractor on a labelled corpus.

``CORPUS`` is a JSONL file or a directory of them (``tests/extract/corpus/test``). Prints per-field
accuracy, the exact-match rate, no-strategy texts refused and strategies invented for them, strategy
texts refused, the cases whose label needs what foa cannot express (apart), and the misses (``--json``:
the same as one JSON object). ``--pdf`` renders each text to a real PDF and loads it through
``foa.load_document`` first, to measure the PDF path. ``--multipage`` reads a ``multipage.jsonl``
(documents whose strategy page sits among commentary pages) and adds, per corpus split, whether the
universe and the evidence pages came out right. Without ``--offline`` the provider is ``auto`` (Claude
when a key is configured, otherwise the offline extractor).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    """Add ``foa eval`` to the ``foa`` command's sub-parsers."""
    p = sub.add_parser("eval", help="score an extractor on a labelled corpus (JSONL: text + gold)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("corpus", metavar="CORPUS", help="a .jsonl file (one JSON object a line with 'text' and 'gold') "
                   "or a directory of them; with --multipage, a multipage.jsonl")
    p.add_argument("--offline", action="store_true", help="use the offline extractor (no network)")
    p.add_argument("--pdf", action="store_true", help="render each text to a PDF and load it first")
    p.add_argument("--multipage", action="store_true", help="score multi-page PDF documents (multipage.jsonl)")
    p.add_argument("--split", default=None, help="with --multipage: only documents whose strategy text is in this split")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the evaluation; exit 0 when it ran (scores are reported, not judged)."""
    from foa.extract.evaluate import evaluate, evaluate_multipage

    if args.offline:
        from foa.extract.offline import extract_offline as extractor
    else:
        def extractor(doc: Any) -> Any:
            import foa

            return foa.extract_strategy(doc, provider="auto")

    progress = sys.stderr.isatty()
    if args.multipage:
        report = evaluate_multipage(args.corpus, extractor, split=args.split, progress=progress)
    else:
        report = evaluate(args.corpus, extractor, pdf=args.pdf, progress=progress)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(report.to_text())
    return 0
