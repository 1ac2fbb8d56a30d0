"""What a backtest imports: nbformat (and through it jsonschema's rfc3987 grammar) stays unexecuted until a
figure is shown or a notebook written; ``foa.lazy.defer_module`` keeps one module object for every importer."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from foa.lazy import defer_module

ROOT = Path(__file__).resolve().parents[2]

BACKTEST_THEN_NOTEBOOK = """
import json, sys, warnings
import foa
from foa.samples import market_data
from foa.spec.library import get

df = market_data("^GSPC").iloc[-800:]
spec = get("sma_crossover")
stop = spec.model_copy(update={"risk": spec.risk.model_copy(update={"stop_loss": 0.05})})
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    foa.backtest(spec, df)
    foa.backtest(stop, df)
    foa.sweep(spec, df, {"fast.window": [5, 10], "slow.window": [30]}, progress=False)
after_backtest = {m: m in sys.modules for m in ("vectorbt", "nbformat.v4", "nbformat.validator", "jsonschema",
                                                  "rfc3987_syntax")}
nbformat_attrs = sorted(vars(sys.modules["nbformat"])) if "nbformat" in sys.modules else None

# the deferred module is the one plotly's renderers hold, and it works when first used
import nbformat
import plotly.io._renderers as renderers
from packaging.version import Version

same = renderers.nbformat is nbformat
version_ok = Version(nbformat.__version__) >= Version("4.2.0")  # plotly's check before a notebook render
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
nbformat.validate(nb)
print(json.dumps({"after_backtest": after_backtest, "nbformat_attrs": nbformat_attrs, "same": same,
                  "version_ok": version_ok, "jsonschema_after_use": "jsonschema" in sys.modules,
                  "cells": len(nbformat.reads(nbformat.writes(nb), as_version=4).cells)}))
"""


def test_backtest_and_sweep_leave_nbformat_and_jsonschema_unloaded():
    proc = subprocess.run([sys.executable, "-c", BACKTEST_THEN_NOTEBOOK], capture_output=True, text=True,
                          timeout=900, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["after_backtest"] == {"vectorbt": True, "nbformat.v4": False, "nbformat.validator": False,
                                     "jsonschema": False, "rfc3987_syntax": False}
    # registered (plotly imported it through vectorbt) but not run: only the import system's attributes
    assert out["nbformat_attrs"] is not None and "v4" not in out["nbformat_attrs"]
    assert "__version__" not in out["nbformat_attrs"]
    assert out["same"] and out["version_ok"] and out["jsonschema_after_use"] and out["cells"] == 1


def _package(root: Path, name: str) -> Path:
    """A package that logs each run of its __init__ (slowly, so two threads can meet inside it)."""
    pkg = root / name
    pkg.mkdir()
    (pkg / "__init__.py").write_text(
        "import time\nfrom pathlib import Path\n"
        "_log = Path(__file__).with_name('runs.log')\n"
        "_log.write_text(_log.read_text() + 'run\\n' if _log.exists() else 'run\\n')\n"
        "time.sleep(0.2)\n"
        "from . import sub\n"
        "VALUE = sub.HALF * 2\n"
    )
    (pkg / "sub.py").write_text("HALF = 21\n")
    return pkg


@pytest.fixture
def fresh_package(tmp_path, monkeypatch):
    name = f"foa_deferred_{tmp_path.name.replace('-', '_')}"
    pkg = _package(tmp_path, name)
    monkeypatch.syspath_prepend(str(tmp_path))
    yield name, pkg / "runs.log"
    for mod in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[mod]


def test_a_deferred_module_runs_once_on_first_attribute_and_import_does_not_run_it(fresh_package):
    import importlib

    name, log = fresh_package
    assert defer_module(name) is True
    assert defer_module(name) is False  # already registered
    mod = importlib.import_module(name)  # what plotly's optional import does
    assert mod is sys.modules[name] and not log.exists()
    assert mod.VALUE == 42  # first attribute: runs, package-relative imports included
    assert log.read_text() == "run\n"
    assert type(mod).__name__ == "module"
    from importlib import import_module

    assert import_module(f"{name}.sub").HALF == 21 and log.read_text() == "run\n"


def test_threads_meeting_a_deferred_module_see_it_whole_and_run_it_once(fresh_package):
    import importlib

    name, log = fresh_package
    defer_module(name)
    mod = importlib.import_module(name)
    seen: list[int] = []
    threads = [threading.Thread(target=lambda: seen.append(mod.VALUE)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [42, 42, 42, 42]
    assert log.read_text() == "run\n"


def test_defer_module_leaves_imported_missing_and_dotted_names_alone():
    assert defer_module("json") is False  # already imported: the running module is kept
    assert defer_module("foa_no_such_module_anywhere") is False
    assert "foa_no_such_module_anywhere" not in sys.modules
    assert defer_module("os.path") is False
