"""``foa extract PATH [--offline] [--json] [--model M]``.

Prints the strategy in plain English with its evidence, or with ``--json`` exactly the StrategySpec JSON
on stdout (nothing else); the spec's check findings (foa.spec.check) go to stderr. Exit status: 0 ok, 1 extraction failed, 2 unreadable input, 3 no strategy
found (stdout empty), 64 usage. Messages go to stderr; ``foa.cli.main`` maps the errors to the codes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from foa.errors import DocumentError

__all__ = ["register"]


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add ``foa extract`` to the ``foa`` command."""
    from foa.extract.pricing import DEFAULT_MODEL

    p = sub.add_parser(
        "extract",
        help="extract the trading strategy from a document (PDF, markdown, text, HTML)",
        description=(
            "Extract the trading strategy a document states. Uses Claude when ANTHROPIC_API_KEY is set "
            "(ANTHROPIC_BASE_URL is honoured), else the offline extractor; --offline never calls a model."
        ),
    )
    p.add_argument("path", help="the document; '-' reads text from stdin")
    p.add_argument("--offline", action="store_true", help="use the offline extractor (no network, no model)")
    p.add_argument("--json", action="store_true", help="print exactly the StrategySpec JSON")
    p.add_argument("--model", default=DEFAULT_MODEL, help=f"Claude model (default {DEFAULT_MODEL})")
    p.add_argument("--workspace", default=None, metavar="FILE",
                   help="record the result in this workspace and reuse its cached Claude answers")
    p.add_argument("--max-retries", type=int, default=None, metavar="N", help="SDK retries on 429/5xx (default 2)")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS", help="per request (default 300)")
    p.add_argument("--password", default=None, help="password of an encrypted PDF")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from foa.extract.api import extract_strategy

    if args.path == "-":
        source: object = sys.stdin.read()
        if not str(source).strip():
            raise DocumentError("nothing on stdin: pipe a document's text in, or give a file path.")
    else:
        path = Path(args.path).expanduser()
        if not path.exists():
            raise DocumentError(f"{args.path}: no such file. Check the path.")
        if path.is_dir():
            raise DocumentError(f"{args.path} is a directory: give one document file.")
        source = path
    spec = extract_strategy(
        source,
        provider="offline" if args.offline else "auto",
        model=args.model,
        workspace=args.workspace,
        max_retries=args.max_retries,
        timeout=args.timeout,
        password=args.password,
    )
    if args.json:
        sys.stdout.write(spec.to_json() + "\n")
    else:
        sys.stdout.write(render(spec) + "\n")
    from foa.spec.check import check_spec

    report = check_spec(spec)
    if report.findings:  # on stderr: with --json, stdout stays the spec JSON only
        sys.stderr.write("Checks (foa.check):\n" + report.describe() + "\n")
    return 0


def render(spec: object) -> str:
    """Plain English: the description, the evidence with its checks, assumptions and provenance."""
    lines = [spec.describe()]  # type: ignore[attr-defined]
    if spec.evidence:  # type: ignore[attr-defined]
        lines.append("")
        lines.append("Evidence:")
        from foa.extract.evidence import MARKS

        for e in spec.evidence:  # type: ignore[attr-defined]
            mark = MARKS.get(e.state or "", " ") + " "
            page = f"p.{e.page} " if e.page else ""
            lines.append(f"  {mark}{e.field}: {page}\"{' '.join(e.quote.split())}\"")
        if any(e.state in ("found", "not_found") for e in spec.evidence):  # type: ignore[attr-defined]
            lines.append(f"  ({MARKS['supports']} supports its field, {MARKS['found']} found but without the value or "
                         f"the field's kind, {MARKS['not_found']} not found in the document: check those rules by hand)")
    if spec.assumptions:  # type: ignore[attr-defined]
        lines.append("")
        lines.append("Assumptions:")
        lines.extend(f"  - {a}" for a in spec.assumptions)  # type: ignore[attr-defined]
    if getattr(spec, "unsupported", None):
        lines.append("")
        lines.append("Not expressible (left out of the backtest):")
        for u in spec.unsupported:  # type: ignore[attr-defined]
            page = f"p.{u.page} " if u.page else ""
            lines.append(f"  - {u.what}: {page}\"{' '.join(u.quote.split())}\"")
    prov = spec.provenance  # type: ignore[attr-defined]
    if prov is not None:
        cost = f", ~${prov.cost_usd:.4f}" if prov.cost_usd else ""
        model = f" {prov.model}" if prov.model else ""
        lines.append("")
        verb = "read" if prov.provider == "offline" else "sent"  # the offline reader sends nothing anywhere
        lines.append(f"Extracted by {prov.provider}{model} ({prov.prompt_version}){cost}; pages {verb}: "
                     f"{', '.join(map(str, prov.pages_sent or []))}")
    return "\n".join(lines)
