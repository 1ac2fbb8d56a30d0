"""Importing the dashboards, the report module and the demo loads nothing heavy (the design's rule)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("vectorbt", "numba", "anthropic", "llama_index", "duckdb", "pymupdf", "fitz", "ipywidgets", "plotly",
         "yfinance", "papermill", "nbconvert", "nbclient")


def test_my_modules_import_light() -> None:
    code = (
        "import sys, json\n"
        "import foa.widgets, foa.widgets.logic, foa.widgets.backtest, foa.widgets.extract, foa.widgets.sweep\n"
        "import foa.report, foa.cli.report, foa.demo\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
