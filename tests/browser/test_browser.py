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

    # --- layout at 1280 px: no label or field overlaps another, no label or button text is cut off
    problems = page.evaluate(_LAYOUT_CHECK)  # type: ignore[attr-defined]
    assert problems["checked"] >= 20, problems
    assert problems["overlaps"] == [], problems["overlaps"]
    assert problems["cut"] == [], problems["cut"]

    # --- the Tear sheet tab: monthly returns and the two figures drawn, nothing from the network
    page.locator(".lm-TabBar-tab", has_text="Tear sheet").first.click()  # type: ignore[attr-defined]
    tables = page.locator(".foa-tearsheet").first  # type: ignore[attr-defined]
    tables.wait_for(timeout=WAIT)
    assert "Monthly returns" in tables.inner_text() and "var 95" in tables.inner_text()
    sheet = page.locator(".foa-tearsheet-tab").first  # type: ignore[attr-defined]
    sheet.locator(".js-plotly-plot").nth(1).wait_for(timeout=WAIT)  # the heatmap and the rolling Sharpe
    assert sheet.locator(".js-plotly-plot").count() == 2 and "rolling Sharpe" in sheet.inner_text()
    tables.scroll_into_view_if_needed()
    page.screenshot(path=str(artifact("dashboard_tearsheet.png")))  # type: ignore[attr-defined]
    assert blocked == [], f"the tear sheet tried to reach {blocked}"
    page.locator(".lm-TabBar-tab", has_text="Backtest").first.click()  # type: ignore[attr-defined]

    # --- a failed run clears the previous result
    symbols = page.locator(".widget-text", has=page.locator(".widget-label", has_text="Symbols")).locator("input").first  # type: ignore[attr-defined]
    symbols.fill("NOPE")
    symbols.press("Enter")
    button.click()
    err = page.locator(".foa-error").first  # type: ignore[attr-defined]
    err.wait_for(timeout=WAIT)
    assert "SymbolNotFound" in err.inner_text() and "NOPE" in err.inner_text()  # a DataError naming the ways to get it
    page.wait_for_function("() => document.querySelectorAll(\"td.foa-stat[data-stat='sharpe']\").length === 0", timeout=WAIT)  # type: ignore[attr-defined]
    dash = page.locator(".jp-OutputArea-output", has=page.locator(".widget-button", has_text="Run backtest")).first  # type: ignore[attr-defined]
    assert dash.locator(".js-plotly-plot").count() == 0  # the old chart is gone too
    err.scroll_into_view_if_needed()
    page.screenshot(path=str(artifact("dashboard_backtest_failed_run.png")))  # type: ignore[attr-defined]


# Every visible label, text field, dropdown and button inside the dashboards: pairs whose boxes intersect,
# and labels/buttons whose text is wider than their box (cut off or shown with an ellipsis).
_LAYOUT_CHECK = """() => {
  const sel = '.jp-OutputArea-output .widget-label, .jp-OutputArea-output .widget-inline-hbox input, '
            + '.jp-OutputArea-output .widget-inline-hbox select, .jp-OutputArea-output .widget-button, '
            + '.jp-OutputArea-output .widget-toggle-button, .jp-OutputArea-output .widget-inline-hbox textarea';
  const els = [...document.querySelectorAll(sel)].filter(e => {
    const r = e.getBoundingClientRect(); const st = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && e.offsetParent !== null;
  });
  const name = e => (e.tagName + '.' + (e.className || '') + ':' + (e.innerText || e.value || '')).slice(0, 60);
  const boxes = els.map(e => e.getBoundingClientRect());
  const overlaps = [];
  for (let i = 0; i < els.length; i++) for (let j = i + 1; j < els.length; j++) {
    if (els[i].contains(els[j]) || els[j].contains(els[i])) continue;
    const a = boxes[i], b = boxes[j];
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (w > 1 && h > 1) overlaps.push([name(els[i]), name(els[j])]);
  }
  const cut = els.filter(e => (e.classList.contains('widget-label') || e.tagName === 'BUTTON') && e.scrollWidth > e.clientWidth + 1)
                 .map(e => [name(e), e.scrollWidth, e.clientWidth]);
  return {checked: els.length, overlaps, cut};
}"""


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
    page.screenshot(path=str(artifact("quickstart_report_full.png")), full_page=True)  # type: ignore[attr-defined]
    assert blocked == [], f"the report tried to load {blocked}"
    assert errors == [], errors

    # what a reader sees: results only, the summary first, nothing of this machine, no "nan"
    visible = page.locator("body").inner_text()  # type: ignore[attr-defined]
    assert page.locator(".jp-CodeCell .jp-InputArea-editor").count() == 0  # type: ignore[attr-defined]  # no input cell
    assert "In [" not in visible and "Out[" not in visible
    assert not re.search(r"\bnan\b", visible, re.I), re.findall(r".{40}\bnan\b.{40}", visible, re.I)
    for path in {str(quickstart_report.parent), str(quickstart_report.parent.resolve()), str(Path.home()), str(REPO)} - {"/"}:
        assert path not in page.content(), f"absolute path {path} in the report"  # type: ignore[attr-defined]
    assert visible.index("Summary: ") < visible.index("1. A workspace with prices")
    assert "Key statistics" in visible and "Check findings" in visible
    # quotes wrap inside the page: no table sticks out of the notebook's width
    wide = page.evaluate("() => [...document.querySelectorAll('table')].filter(t => t.getBoundingClientRect().right > "  # type: ignore[attr-defined]
                         "document.documentElement.clientWidth + 1).length")
    assert wide == 0


def test_review_tab_in_jupyterlab(lab: Lab, page: object) -> None:
    """Extract, open the Review tab, select a rule, edit a window, accept: the page image and the stored row."""
    import json

    import foa

    shutil.copy(NOTEBOOK, lab.root / NOTEBOOK.name)
    blocked = local_only(page)
    page.goto(lab.notebook_url(NOTEBOOK.name))  # type: ignore[attr-defined]
    page.get_by_text(re.compile(r"\| Idle")).first.wait_for(timeout=WAIT)  # type: ignore[attr-defined]
    _run_all_cells(page)
    extract = page.locator(".widget-button", has_text="Extract").first  # type: ignore[attr-defined]
    extract.wait_for(timeout=WAIT)
    extract.click()
    page.get_by_text(re.compile(r"extracted 'SMA 50/200")).first.wait_for(timeout=WAIT)  # type: ignore[attr-defined]
    page.locator(".lm-TabBar-tab", has_text="Review").first.click()  # type: ignore[attr-defined]
    rules = page.locator(".widget-select select").first  # type: ignore[attr-defined]
    rules.wait_for(timeout=WAIT)
    exit_label = next(o for o in rules.locator("option").all_inner_texts() if o.startswith("exit"))
    rules.select_option(label=exit_label)
    page.locator(".foa-rule[data-rule='exit']").first.wait_for(timeout=WAIT)  # type: ignore[attr-defined]
    image = page.locator(".widget-image").first  # type: ignore[attr-defined]
    page.wait_for_function("() => { const i = document.querySelector('.widget-image'); return i && i.naturalWidth > 0; }", timeout=WAIT)  # type: ignore[attr-defined]
    # the page drawn with the quote highlighted: the evidence colour is there in the image's own pixels
    highlighted = page.evaluate("""() => {
        const img = document.querySelector('.widget-image');
        const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;
        const g = c.getContext('2d'); g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 0; i < d.length; i += 4) { if (d[i + 1] - d[i] > 25 && d[i + 1] - d[i + 2] > 15) n++; }
        return {n, w: img.naturalWidth};
    }""")
    assert highlighted["w"] == round(595 * 1.2) and highlighted["n"] > 500, highlighted
    window = page.locator(".widget-text", has=page.locator(".widget-label", has_text="sma(50) window")).locator("input").first  # type: ignore[attr-defined]
    window.fill("40")
    window.press("Tab")
    page.locator(".widget-button", has_text="Apply parameters").first.click()  # type: ignore[attr-defined]
    page.get_by_text("applied 1 parameter(s)").first.wait_for(timeout=WAIT)  # type: ignore[attr-defined]
    page.locator(".widget-button", has_text="Accept").first.click()  # type: ignore[attr-defined]
    note = page.locator(".foa-review-note[data-review-id]").first  # type: ignore[attr-defined]
    note.wait_for(timeout=WAIT)
    review_id = int(note.get_attribute("data-review-id"))
    page.evaluate("() => window.jupyterapp.commands.execute('application:toggle-left-area')")  # type: ignore[attr-defined]
    image.scroll_into_view_if_needed()
    page.screenshot(path=str(artifact("review_tab.png")))  # type: ignore[attr-defined]
    assert not page.locator(".foa-error").count(), page.locator(".foa-error").first.inner_text()  # type: ignore[attr-defined]
    problems = page.evaluate(_LAYOUT_CHECK)  # type: ignore[attr-defined]  # the Review tab's fields at 1280 px too
    assert problems["overlaps"] == [] and problems["cut"] == [], problems

    ws = foa.Workspace(lab.root.parent / "lab.duckdb")
    rows = ws.strategies()
    row = rows[rows["id"] == review_id].iloc[0]
    assert row["review"] == "reviewed" and json.loads(row["changed_fields"]) == ["entry", "exit"]
    spec = foa.extract.store.get_strategy(ws, review_id)
    assert str(spec.entry) == "sma(40, id=fast) crosses_above sma(200, id=slow)" and str(spec.exit) == "sma(40, id=fast) crosses_below sma(200, id=slow)"
    assert blocked == [], f"JupyterLab or the dashboard tried to reach {blocked}"
