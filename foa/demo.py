"""The whole path in one call: bundled data -> workspace -> quickstart notebook -> offline HTML report.

    python -c "from foa.demo import run_demo; run_demo()"     # what `foa demo` / `make demo` run

Offline: the prices are bundled with foa and the quickstart extracts with the offline extractor.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from foa.errors import DocumentError

__all__ = ["QUICKSTART", "notebooks_dir", "run_demo"]

QUICKSTART = "01_quickstart.ipynb"


def notebooks_dir() -> Path:
    """The ready-made notebooks: ``notebooks/`` beside the package in a checkout."""
    here = Path(__file__).resolve().parent.parent / "notebooks"
    if not (here / QUICKSTART).is_file():
        raise DocumentError(
            f"the ready-made notebooks are not at {here}: they ship with the foa source checkout, not the "
            "wheel. Run the demo from a clone of the repository (make demo)."
        )
    return here


def run_demo(workspace: str | os.PathLike[str] | None = None, *, out_dir: str | os.PathLike[str] = "reports",
             out: Any = None, show_code: bool = False) -> Path:
    """Build the workspace from bundled data, execute the quickstart into ``<out_dir>/quickstart.html``.

    The report shows text and results; ``show_code=True`` keeps the code cells.

    Prints progress and the report's path; returns the path.

    >>> run_demo("demo.duckdb")  # doctest: +SKIP
    PosixPath('/.../reports/quickstart.html')
    """
    from foa.numba_cache import ensure_numba_cache
    from foa.report import execute_notebook
    from foa.workspace import Workspace

    out = out or sys.stdout
    t0 = time.perf_counter()
    ws = Workspace(workspace)
    summary = ws.prices.load_bundled()
    print(f"workspace {ws.path}: {len(summary)} bundled symbols, {int(summary['rows'].sum()):,} price rows", file=out)
    # The notebook kernel inherits the environment: point numba's cache somewhere writable and persistent
    # so vectorbt starts in seconds from the second run on.
    ensure_numba_cache()
    nb = notebooks_dir() / QUICKSTART
    target = Path(out_dir).expanduser().resolve() / "quickstart.html"
    print(f"executing {nb.name} (sample document -> spec -> backtest -> chart)…", file=out, flush=True)
    path = execute_notebook(nb, {"workspace": str(ws.path)}, target, show_code=show_code)
    print(f"report written in {time.perf_counter() - t0:.0f} s; open it in a browser (works offline):", file=out)
    print(path, file=out)
    return path
