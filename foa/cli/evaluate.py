"""``foa eval CORPUS.jsonl [--offline] [--pdf] [--json]``: score an extractor on a labelled corpus.

Prints per-field accuracy, the exact-match rate, the no-strategy texts refused and the misses
(``--json``: the same as one JSON object). ``--pdf`` renders each text to a real PDF and loads it
through ``foa.load_document`` first, to measure the PDF path. Without ``--offline`` the provider is
``auto`` (Claude when a key is configured, otherwise the offline extractor).
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
    p.add_argument("corpus", metavar="CORPUS.jsonl", help="one JSON object a line with 'text' and 'gold'")
    p.add_argument("--offline", action="store_true", help="use the offline extractor (no network)")
    p.add_argument("--pdf", action="store_true", help="render each text to a PDF and load it first")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the evaluation; exit 0 when it ran (scores are reported, not judged)."""
    from foa.extract.evaluate import evaluate

    if args.offline:
        from foa.extract.offline import extract_offline as extractor
    else:
        def extractor(doc: Any) -> Any:
            import foa

            return foa.extract_strategy(doc, provider="auto")

    report = evaluate(args.corpus, extractor, pdf=args.pdf, progress=sys.stderr.isatty())
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(report.to_text())
    return 0
