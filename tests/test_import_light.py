"""`import foa` (and foa's light modules) must not import the heavy dependencies: a fresh interpreter each."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("vectorbt", "numba", "anthropic", "llama_index", "duckdb", "pymupdf", "fitz", "ipywidgets", "plotly", "yfinance",
         "dask", "distributed")
ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "statement",
    [
        "import foa",
        "import foa.spec",
        "import foa.workspace",
        "import foa.cli",
        "import foa.errors, foa.samples, foa.samples.market",
        "import foa.data.store, foa.data.frames, foa.data.sources, foa.data.importer, foa.cli.data",
        "import foa.cli.doctor, foa.numba_cache",
        "import foa; foa.Workspace; foa.samples.market_data",
    ],
)
def test_no_heavy_imports(statement):
    code = f"{statement}\nimport sys, json\nprint(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-1000:]
    loaded = json.loads(proc.stdout.strip().splitlines()[-1])
    assert loaded == [], f"{statement!r} imported {loaded}"


def test_numba_cache_dir_is_set_before_numba_loads(tmp_path):
    code = (
        "import os; os.environ.pop('NUMBA_CACHE_DIR', None); os.environ['XDG_CACHE_HOME'] = %r\n"
        "from foa.numba_cache import ensure_numba_cache; d = ensure_numba_cache()\n"
        "import numba.core.config as c; print(d); print(c.CACHE_DIR)" % str(tmp_path)
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-1000:]
    chosen, numba_sees = proc.stdout.split()
    # one directory per vectorbt+numba version pair: an upgrade never reuses stale compiled code
    assert chosen == numba_sees
    assert Path(chosen).parent == tmp_path / "foa" / "numba"
    assert Path(chosen).name.startswith("vectorbt-") and "_numba-" in Path(chosen).name
    assert Path(chosen).is_dir()
