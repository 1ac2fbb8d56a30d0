"""``foa eval CORPUS [--offline | --provider P [--model M]] [--pdf] [--multipage [--split S]] [--json] [--usage FILE]``:
score an extractor on a labelled corpus.

``CORPUS`` is a JSONL file or a directory of them (``tests/extract/corpus/test``). Prints per-field
accuracy, the exact-match rate, no-strategy texts refused and strategies invented for them, strategy
texts refused, the cases whose label needs what foa cannot express (apart), and the misses (``--json``:
the same as one JSON object). ``--pdf`` renders each text to a real PDF and loads it through
``foa.load_document`` first, to measure the PDF path. ``--multipage`` reads a ``multipage.jsonl``
(documents whose strategy page sits among commentary pages) and adds, per corpus split, whether the
universe and the evidence pages came out right. Without ``--offline`` the provider is ``auto`` (Claude
when a key is configured, otherwise the offline extractor); ``--provider claude`` insists on Claude
(``--model`` picks the model). ``--usage FILE`` writes one JSON file with the accuracy and, per document,
the score, input/output tokens and estimated cost (what the live test records and the docs quote).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

__all__ = ["register", "run", "write_usage"]


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
    p.add_argument("--provider", choices=("auto", "claude", "offline"), default=None,
                   help="the extractor: auto (default), claude or offline (--offline is the same as --provider offline)")
    p.add_argument("--model", default=None, help="with --provider claude: the model (default foa's DEFAULT_MODEL)")
    p.add_argument("--usage", metavar="FILE", default=None,
                   help="write accuracy and per-document score, tokens and cost to FILE (JSON)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the evaluation; exit 0 when it ran (scores are reported, not judged)."""
    from foa.extract.evaluate import evaluate, evaluate_multipage

    provider = "offline" if args.offline else (getattr(args, "provider", None) or "auto")
    model = getattr(args, "model", None)
    usage: dict[str, Any] = {}  # document name -> the provenance of its extraction (tokens, cost)
    if provider == "offline":
        from foa.extract.offline import extract_offline as extractor
    else:
        def extractor(doc: Any) -> Any:
            import foa

            kwargs = {"model": model} if model else {}
            try:
                spec = foa.extract_strategy(doc, provider=provider, **kwargs)
            except foa.NoStrategyFound as err:
                usage[doc.name] = getattr(err, "provenance", None)
                raise
            usage[doc.name] = spec.provenance
            return spec

    progress = sys.stderr.isatty()
    if args.multipage:
        report = evaluate_multipage(args.corpus, extractor, split=args.split, progress=progress)
    else:
        report = evaluate(args.corpus, extractor, pdf=args.pdf, progress=progress)
    if getattr(args, "usage", None):
        write_usage(args.usage, report, usage, provider=provider)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(report.to_text())
    return 0


def write_usage(path: str, report: Any, usage: dict[str, Any], *, provider: str) -> dict[str, Any]:
    """Write the run's accuracy and, per document, its score, tokens and cost as JSON; returns what it wrote."""
    from pathlib import Path

    from foa.errors import FoaError

    docs = []
    for case in report.cases:
        prov = usage.get(str(case["id"]))
        docs.append({
            "id": case["id"], "exact": bool(case["score"]["exact"]),
            "wrong": [f for f, v in case["score"].items() if v == "wrong"],
            "no_strategy": case["spec"] is None, "error": case.get("error"),
            "model": getattr(prov, "model", None), "prompt_version": getattr(prov, "prompt_version", None),
            "input_tokens": getattr(prov, "input_tokens", None), "output_tokens": getattr(prov, "output_tokens", None),
            "cost_usd": getattr(prov, "cost_usd", None),
        })
    costs = [d["cost_usd"] for d in docs if d["cost_usd"] is not None]
    out = {
        "provider": provider, "corpus": report.corpus, "n": report.n, "exact": report.exact,
        "exact_rate": report.exact_rate, "accuracy": report.accuracy,
        "input_tokens": sum(d["input_tokens"] or 0 for d in docs), "output_tokens": sum(d["output_tokens"] or 0 for d in docs),
        "cost_usd": round(sum(costs), 6) if costs else None, "documents": docs,
    }
    try:
        Path(path).write_text(json.dumps(out, indent=2, default=str) + "\n", encoding="utf-8")
    except OSError as err:
        raise FoaError(f"cannot write the usage file {path}: {err.strerror}. Choose a writable path.") from err
    return out
