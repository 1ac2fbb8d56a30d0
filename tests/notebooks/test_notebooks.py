"""The ready-made notebooks: committed clean, each runs top to bottom offline, reports render offline."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

from foa.numba_cache import default_cache_dir

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
NAMES = ["01_quickstart", "02_document_to_backtest", "03_dashboards", "04_parameter_sweep", "05_strategy_report",
         "06_research", "07_portfolio"]
CELL_TIMEOUT = 600


def _read(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)


@pytest.fixture
def offline_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh workspace for the kernel (it inherits this environment); keys are already removed by conftest."""
    monkeypatch.setenv("FOA_WORKSPACE", str(tmp_path / "nb.duckdb"))
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(default_cache_dir()))
    return tmp_path


@pytest.mark.parametrize("name", NAMES)
def test_committed_clean_and_reviewable(name: str) -> None:
    nb = _read(name)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"  # or JupyterLab asks for a kernel
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code), "commit notebooks without outputs"
    assert sum("parameters" in c.metadata.get("tags", []) for c in code) == 1
    # markdown between the steps says why each is there
    md = [c for c in nb.cells if c.cell_type == "markdown"]
    assert len(md) * 2 >= len(code) and nb.cells[0].cell_type == "markdown"


@pytest.mark.parametrize("name", NAMES)
def test_papermill_reads_every_parameter(name: str) -> None:
    """A parameter papermill cannot parse is silently not overridable from `foa report -p`."""
    import papermill

    cell = next(c for c in _read(name).cells if "parameters" in c.metadata.get("tags", []))
    assigned = {line.split("=", 1)[0].strip() for line in cell.source.splitlines() if "=" in line.split("#", 1)[0]}
    found = papermill.inspect_notebook(str(NOTEBOOKS / f"{name}.ipynb"))
    assert assigned == set(found), f"papermill reads {sorted(found)}, the cell assigns {sorted(assigned)}"


def test_notebooks_match_their_builder() -> None:
    spec = importlib.util.spec_from_file_location("build_notebooks", NOTEBOOKS / "build_notebooks.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for name, cells in mod.NOTEBOOKS.items():
        built = mod.build(cells)
        committed = nbformat.read(NOTEBOOKS / name, as_version=4)
        assert [c.source for c in built.cells] == [c.source for c in committed.cells], f"{name}: run notebooks/build_notebooks.py"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["02_document_to_backtest", "03_dashboards", "04_parameter_sweep"])
def test_notebook_runs_offline(name: str, offline_env: Path) -> None:
    from nbclient import NotebookClient

    nb = _read(name)
    NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(offline_env)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    text = "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for c in nb.cells
                     if c.cell_type == "code" for o in c.outputs)
    if name == "02_document_to_backtest":
        assert "broker_note" in text and "buy & hold" in text
        # the document's symbol and costs: SPY through its stand-in, said visibly, and no silent override
        assert "assumed: SPY traded as ^GSPC: the S&P 500 price index, dividends excluded" in text
        assert not re.search(r"override: (symbols|fees|slippage)", text) and "Costs: 0.1% fees per side" in text
        # provider="auto" says which extractor it chose as a plain line, not in a stderr (error-looking) box
        assert "extracting offline" in text
        stderr = [o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
                  if o.output_type == "stream" and o.get("name") == "stderr"]
        assert not [t for t in stderr if "extracting" in t], stderr
        html = "".join(str(o.get("data", {}).get("text/html", "")) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
        assert "<table class='foa-provenance'>" in html  # provenance as a table, not a raw repr
    if name == "03_dashboards":
        assert "BacktestDashboard" not in text or "Run backtest" in text  # dashboards render, not a repr error
        assert 'click "Run backtest"' in text
    if name == "04_parameter_sweep":
        assert "probability the best Sharpe beats chance:" in text and "out-of-sample" in text


def _scripts(html: str) -> list[str]:
    return re.findall(r"<script[^>]*\bsrc=[\"']([^\"']*)", html)


@pytest.mark.slow
def test_quickstart_report_is_self_contained(offline_env: Path) -> None:
    from foa.report import execute_notebook

    out = execute_notebook(NOTEBOOKS / "01_quickstart.ipynb", {}, offline_env / "quickstart.html", cwd=offline_env)
    html = out.read_text(encoding="utf-8")
    assert "Plotly.newPlot(" in html and "Equity" in html  # the figure's data, drawn by embedded plotly.js
    assert len(re.findall(r"plotly\.js v\d+\.\d+\.\d+", html)) == 1
    assert "Sharpe ratio" in html and "Total return" in html  # the stats table
    assert not [s for s in _scripts(html) if s.startswith(("http", "//"))]
    assert not re.search(r"<script[^>]*src=[\"'][^\"']*(cdn\.plot\.ly|unpkg)", html)
    assert "widget-state+json" not in html


@pytest.mark.slow
def test_strategy_template_with_parameters(offline_env: Path) -> None:
    from foa.report import execute_notebook

    out = execute_notebook(NOTEBOOKS / "05_strategy_report.ipynb", {"document": "rsi_research_note", "symbol": "^IXIC"},
                           offline_env / "rsi.html", cwd=offline_env)
    html = out.read_text(encoding="utf-8")
    assert "rsi_research_note" in html and "^IXIC" in html
    assert "Sharpe ratio" in html and "Plotly.newPlot(" in html
    assert "foa.extract_strategy" not in html  # code is hidden by default
    assert "foa report notebooks" not in html  # the template's usage line sits in the dropped parameters cell


@pytest.mark.slow
def test_strategy_report_shows_the_documents_costs_or_a_visible_override(offline_env: Path) -> None:
    from foa.report import execute_notebook

    plain = execute_notebook(NOTEBOOKS / "05_strategy_report.ipynb", {"sweep": False}, offline_env / "note.html",
                             cwd=offline_env).read_text(encoding="utf-8")
    assert "Trades SPY on daily bars" in plain and "Costs: 0.1% fees per side" in plain  # the broker note's values
    assert "assumed: SPY traded as ^GSPC: the S&amp;P 500 price index, dividends excluded" in plain
    assert not re.search(r"override: (symbols|fees|slippage)", plain)
    cheap = execute_notebook(NOTEBOOKS / "05_strategy_report.ipynb", {"sweep": False, "fees": 0.0005},
                             offline_env / "cheap.html", cwd=offline_env).read_text(encoding="utf-8")
    assert "override: fees per side — document: 10 bp, used: 5 bp" in cheap


@pytest.mark.slow
@pytest.mark.parametrize("name, expected", [
    ("06_research", ("walk-forward over", "efficiency", "bottom half out of sample")),
    ("07_portfolio", ("Monthly returns", "var_95", "contribution")),
])
def test_research_notebooks_run_offline_and_render(name: str, expected: tuple[str, ...], offline_env: Path) -> None:
    from foa.report import execute_notebook

    out = execute_notebook(NOTEBOOKS / f"{name}.ipynb", {}, offline_env / f"{name}.html", cwd=offline_env)
    html = out.read_text(encoding="utf-8")
    assert "Plotly.newPlot(" in html
    for text in expected:
        assert text in html, text
    assert "Traceback" not in html
