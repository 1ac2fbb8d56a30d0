"""foa.check end to end: the extractors' output on real texts (the dev corpus in ../shared/eval) and the
`foa extract` command printing findings on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foa.cli import main

DEV = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "dev.jsonl"


def test_cli_extract_prints_findings_on_stderr_and_json_stays_clean(tmp_path, capsys):
    note = tmp_path / "note.md"
    # no ticker in the text: the spec trades whatever frame it is given (an info finding)
    note.write_text("Buy when the 50-day simple moving average crosses above the 200-day simple moving average; "
                    "sell when it crosses below.\n")
    assert main(["extract", str(note), "--offline", "--json"]) == 0
    out, err = capsys.readouterr()
    spec = json.loads(out)  # stdout is the spec JSON only
    assert spec["universe"]["symbols"] == []
    assert "Checks (foa.check):" in err and "[no_symbols]" in err
    assert main(["extract", str(note), "--offline"]) == 0
    out, err = capsys.readouterr()
    assert "[no_symbols]" in err and "[no_symbols]" not in out
