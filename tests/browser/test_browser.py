"""What a person sees: the dashboards notebook in a real JupyterLab, and a report opened from disk offline."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.browser.conftest import REPO, Lab, artifact, local_only

pytestmark = pytest.mark.browser

NOTEBOOK = REPO / "notebooks" / "03_dashboards.ipynb"
WAIT = 120_000  # ms; a cold kernel imports vectorbt and compiles in ~10 s, CI machines can be slower


def _run_all_cells(page: object) -> None:
    # By command id: labels change between JupyterLab versions and locales.
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands.hasCommand('notebook:run-all-cells')", timeout=WAIT)  # type: ignore[attr-defined]
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")  # type: ignore[attr-defined]


def test_backtest_dashboard_in_jupyterlab(lab: Lab, page: object) -> None:
    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    start = re.search(r'start = "([^"]+)"', params.source).group(1)
    end = re.search(r'end = "([^"]+)"', params.source).group(1)
    shutil.copy(NOTEBOOK, lab.root / NOTEBOOK.name)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))  # type: ignore[attr-defined]
    blocked = local_only(page)  # the chart must draw with nothing but the local server

    page.goto(lab.notebook_url(NOTEBOOK.name))  # type: ignore[attr-defined]
    # The toolbar says idle before the kernel exists; the status bar's "| Idle" means it is up.
    page.get_by_text(re.compile(r"\| Idle")).first.wait_for(timeout=WAIT)  # type: ignore[attr-defined]
    _run_all_cells(page)
    button = page.locator(".widget-button", has_text="Run backtest")  # type: ignore[attr-defined]
    button.wait_for(timeout=WAIT)
    button.click()
    chart = page.locator(".widget-output .js-plotly-plot .main-svg").first  # type: ignore[attr-defined]
    chart.wait_for(timeout=WAIT)
    sharpe_cell = page.locator("td.foa-stat[data-stat='sharpe']").first  # type: ignore[attr-defined]
    sharpe_cell.wait_for(timeout=WAIT)
    shown = sharpe_cell.inner_text().strip()
    status = page.locator(".foa-status").first.inner_text()  # type: ignore[attr-defined]

    page.evaluate("() => window.jupyterapp.commands.execute('application:toggle-left-area')")  # type: ignore[attr-defined]
    page.locator(".widget-button", has_text="Run backtest").scroll_into_view_if_needed()  # type: ignore[attr-defined]
    page.mouse.wheel(0, 250)  # type: ignore[attr-defined]  # controls' last row at the top, stats and chart below
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    page.screenshot(path=str(artifact("dashboard_backtest.png")))  # type: ignore[attr-defined]

    # The same backtest, computed here without the browser: the dashboard must show its Sharpe.
    from foa.spec.library import get
    from foa.widgets.logic import format_stat, run_backtest

    want = run_backtest(get("sma_crossover"), ["^GSPC"], start=start, end=end, source="bundled")
    assert shown == format_stat("sharpe", want.stats["sharpe"]), (shown, want.stats["sharpe"])
    assert f"Sharpe {shown}" in status
    assert not page.locator(".foa-error").count(), page.locator(".foa-error").first.inner_text()  # type: ignore[attr-defined]
    assert not [e for e in errors if "plotly" in e.lower() or "widget" in e.lower()], errors
    assert blocked == [], f"JupyterLab or the dashboard tried to reach {blocked}"


@pytest.fixture(scope="module")
def quickstart_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """reports/quickstart.html as `foa demo` writes it, rendered here into a temp workspace."""
    from foa.demo import run_demo

    tmp = tmp_path_factory.mktemp("demo")
    path = run_demo(tmp / "demo.duckdb", out_dir=tmp)
    shutil.copy(path, artifact("quickstart.html"))
    return path


def test_report_renders_offline_from_disk(quickstart_report: Path, page: object) -> None:
    blocked = local_only(page)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))  # type: ignore[attr-defined]
    page.goto(quickstart_report.as_uri())  # type: ignore[attr-defined]
    plot = page.locator(".js-plotly-plot .main-svg").first  # type: ignore[attr-defined]
    plot.wait_for(timeout=30_000)
    # drawn, not just a div: traces exist inside the plot
    assert page.locator(".js-plotly-plot .scatterlayer .trace").count() >= 2  # type: ignore[attr-defined]
    assert page.get_by_text("Sharpe ratio").count() >= 1  # type: ignore[attr-defined]
    plot.scroll_into_view_if_needed()
    page.screenshot(path=str(artifact("quickstart_report.png")))  # type: ignore[attr-defined]
    assert blocked == [], f"the report tried to load {blocked}"
    assert errors == [], errors
