"""foa.report: a trivial notebook of the test's own, executed for real and rendered to offline HTML."""

from __future__ import annotations

import html
import os
import re
import stat
from pathlib import Path

import pytest

from foa.errors import DocumentError, FoaError, NoStrategyFound, SpecError
from foa.report import REDACTED, execute_notebook, scrub_secrets
from foa.cli.report import parse_value

FAKE_KEY = "sk-ant-api03-FAKEtestKEY0123456789abcdef"


def _notebook(path: Path, cells: list[str], params: str = "n = 3", summary: str | None = None) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    p = nbformat.v4.new_code_cell(params)
    p.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# A trivial report"), p] + [nbformat.v4.new_code_cell(c) for c in cells]
    if summary is not None:
        last = nbformat.v4.new_code_cell(summary)
        last.metadata["tags"] = ["report-summary"]
        nb.cells.append(last)
    nbformat.write(nb, path)
    return path


def _visible_text(page: str) -> str:
    """What a reader sees: no scripts, styles or tags."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.fixture(scope="module")
def rendered_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One execution shared by the checks below (a kernel start costs seconds), under umask 022."""
    tmp = tmp_path_factory.mktemp("report")
    nb = _notebook(tmp / "trivial.ipynb", [
        "import os\nprint('key is', os.environ.get('ANTHROPIC_API_KEY'))\nprint('n is', n)",
        "print('data file:', data)\nprint('working in', os.getcwd())\nprint('home is', os.path.expanduser('~'))",
        "import plotly.graph_objects as go\nfig = go.Figure(go.Scatter(x=list(range(n)), y=[i * i for i in range(n)], name='squares-trace'))\nfig",
        "import ipywidgets\nipywidgets.IntSlider(value=7)",
        "go.FigureWidget(go.Figure(go.Bar(x=['a', 'b'], y=[1, 2], name='bars-from-a-widget')))",
        "import pandas as pd\npd.DataFrame({'sharpe': [1.23]})",
    ], params="n = 3\ndata = 'prices.csv'", summary="print('SUMMARY-BLOCK')")
    mp = pytest.MonkeyPatch()
    mp.setenv("ANTHROPIC_API_KEY", FAKE_KEY)  # the kernel inherits it; the report must not show it
    old = os.umask(0o022)
    try:
        out = execute_notebook(nb, {"n": 5, "data": str(tmp / "in" / "prices.csv")}, tmp / "out" / "trivial.html")
    finally:
        os.umask(old)
        mp.undo()
    return out, tmp


@pytest.fixture(scope="module")
def rendered(rendered_file: tuple[Path, Path]) -> str:
    return rendered_file[0].read_text(encoding="utf-8")


def test_report_reads_as_a_report(rendered: str, rendered_file: tuple[Path, Path]) -> None:
    text = _visible_text(rendered)
    assert "print(" not in text and "In [" not in text and "Out[" not in text  # no code, no prompts
    assert "n = 3" not in text and "# Parameters" not in text  # papermill's parameter cells are dropped
    tmp = rendered_file[1]
    for path in {str(tmp), str(tmp.resolve()), str(Path.home()), str(Path.cwd())} - {"/"}:
        assert path not in rendered, f"absolute path {path} in the report"
    assert "data file: prices.csv" in text and "working in ." in text and "home is ~" in text
    # the summary cell, last in the notebook, opens the report under the title
    assert text.index("A trivial report") < text.index("SUMMARY-BLOCK") < text.index("n is 5")
    assert "@media print" in rendered and "pre-wrap" in rendered


def test_report_mode_follows_umask_022(rendered_file: tuple[Path, Path]) -> None:
    assert stat.S_IMODE(rendered_file[0].stat().st_mode) == 0o644


def test_report_mode_follows_umask_077(tmp_path: Path) -> None:
    nb = _notebook(tmp_path / "private.ipynb", ["print('n is', n)"])
    old = os.umask(0o077)
    try:
        out = execute_notebook(nb, None, tmp_path / "private.html")
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "n is 3" in out.read_text(encoding="utf-8")


def test_parameters_are_injected(rendered: str) -> None:
    assert "n is 5" in rendered


def test_figures_are_embedded_with_plotlyjs_once(rendered: str) -> None:
    assert "squares-trace" in rendered
    assert "bars-from-a-widget" in rendered  # a FigureWidget is exported as its plain figure
    assert rendered.count("Plotly.newPlot(") == 2
    # plotly.js carries its version banner once: embedded exactly once
    assert len(re.findall(r"plotly\.js v\d+\.\d+\.\d+", rendered)) == 1


def test_no_external_scripts_or_widget_state(rendered: str) -> None:
    srcs = re.findall(r"<script[^>]*\bsrc=[\"']([^\"']*)", rendered)
    assert all(not s.startswith(("http:", "https:", "//")) for s in srcs), srcs
    assert not re.search(r"<script[^>]*src=[\"'][^\"']*(cdn\.plot\.ly|unpkg)", rendered)
    assert "application/vnd.jupyter.widget-state+json" not in rendered
    assert "IntSlider(value=7)" in rendered  # the widget's text fallback stays


def test_no_secrets(rendered: str) -> None:
    assert FAKE_KEY not in rendered
    assert "key is " + REDACTED in rendered


def test_tables_render(rendered: str) -> None:
    assert "1.23" in rendered and "<table" in rendered


def test_failing_cell_raises_its_foa_error_and_writes_nothing(tmp_path: Path) -> None:
    nb = _notebook(tmp_path / "bad.ipynb", ["from foa.errors import SpecError\nraise SpecError('window must be >= 1')"])
    out = tmp_path / "bad.html"
    with pytest.raises(SpecError, match="window must be >= 1.*run it top to bottom"):
        execute_notebook(nb, None, out)
    assert not out.exists()


def test_a_document_without_strategy_is_not_called_a_broken_cell(tmp_path: Path) -> None:
    nb = _notebook(tmp_path / "none.ipynb", ["from foa.errors import NoStrategyFound\n"
                                              "raise NoStrategyFound('no concrete, tradable rule found. Write the rule "
                                              "with foa.rule')"])
    out = tmp_path / "none.html"
    with pytest.raises(NoStrategyFound) as info:
        execute_notebook(nb, None, out)
    msg = str(info.value)
    assert "found no strategy in the document: no concrete, tradable rule found" in msg and "foa.rule" in msg
    assert "fix the cell" not in msg
    assert not out.exists()


def test_missing_notebook_is_a_document_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="does not exist"):
        execute_notebook(tmp_path / "nope.ipynb", None, tmp_path / "x.html")
    (tmp_path / "broken.ipynb").write_text("{not json")
    with pytest.raises(DocumentError, match="not a readable Jupyter notebook"):
        execute_notebook(tmp_path / "broken.ipynb", None, tmp_path / "x.html")


def test_bad_parameter_name(tmp_path: Path) -> None:
    nb = _notebook(tmp_path / "p.ipynb", [])
    with pytest.raises(FoaError, match="not a Python identifier"):
        execute_notebook(nb, {"not a name": 1}, tmp_path / "x.html")


def test_cli_report_show_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from foa.cli import main

    nb = _notebook(tmp_path / "cli.ipynb", ["print('title:', title, 'n:', n)"], params="n = 1\ntitle = 'x'")
    out = tmp_path / "cli.html"
    code = main(["report", str(nb), "-p", "n", "4", "-p", "title", "^GSPC", "--out", str(out), "--show-code"])
    assert code == 0
    assert str(out.resolve()) in capsys.readouterr().out
    page = out.read_text(encoding="utf-8")
    assert "title: ^GSPC n: 4" in page
    assert "print" in _visible_text(page)  # the code is kept
    assert "title = &#39;x&#39;" not in page and "title = 'x'" not in page  # parameter cells still dropped


def test_cli_report_failure_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from foa.cli import main

    assert main(["report", str(tmp_path / "missing.ipynb")]) == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.parametrize(("text", "value"), [
    ("20", 20), ("-3", -3), ("0.5", 0.5), ("true", True), ("False", False), ("none", None),
    ("[10, 20]", [10, 20]), ('{"a": 1}', {"a": 1}), ("^GSPC", "^GSPC"), ("[not json", "[not json"),
])
def test_parse_value(text: str, value: object) -> None:
    assert parse_value(text) == value


def test_scrub_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MY_SERVICE_TOKEN", "tok-1234567890")
    text = ("a sk-ant-api03-abcdefghijklmnop b; OPENAI_API_KEY=sk-abcdefghijklmnopqrstuvwx; "
            "AKIAABCDEFGHIJKLMNOP; Authorization: Bearer abc.def.ghijklmnop; tok-1234567890; "
            "DB_PASSWORD: hunter22; accessToken:e.accessToken")
    out = scrub_secrets(text)
    for secret in ("sk-ant-api03", "sk-abcdefghij", "AKIAABCD", "abc.def.ghij", "tok-1234567890", "hunter22"):
        assert secret not in out, secret
    assert "OPENAI_API_KEY=" in out and "DB_PASSWORD: " in out  # the name stays, the value goes
    assert "accessToken:e.accessToken" in out  # ordinary code (plotly.js has this) is left alone


def test_strategy_report_one_call(tmp_path: Path) -> None:
    import foa
    from foa.report import strategy_report
    from foa.spec.library import get
    from foa.widgets.logic import format_stat

    data = {"^GSPC": foa.samples.market_data("^GSPC")}
    spec = get("sma_crossover").model_copy(update={"summary": "<script>alert('from a document')</script> golden cross"})
    result = foa.backtest(spec, data, start="2008-01-02", end="2016-12-30")
    sw = foa.sweep(spec, data, {"fast.window": [20, 50], "slow.window": [150, 200]}, start="2008-01-02",
                   end="2016-12-30", progress=False)
    out = strategy_report(spec, result, out=tmp_path / "r" / "sma.html", sweep=sw)
    html = out.read_text(encoding="utf-8")
    assert "Sharpe ratio" in html and f">{format_stat('sharpe', result.stats['sharpe'])}<" in html
    assert "Plotly.newPlot(" in html and "Equity vs benchmark" in html
    assert "4 combinations" in html and "probability the best Sharpe beats chance: " in html
    assert "beat buy &amp; hold on total return" in html
    assert sw.pbo_or_none() is not None and sw.pbo_or_none().reading in html  # how to read the PBO, beside it
    # the tear sheet: monthly returns equal to the equity curve's, risk measures, heatmap and rolling Sharpe
    from foa.widgets.logic import monthly_table

    assert "Tear sheet" in html and "monthly returns" in html and "rolling Sharpe ratio" in html
    months = monthly_table(result.tearsheet())
    assert f">{months.loc[2010, 'Year']}<" in html and ">var 95<" in html
    text = _visible_text(html)
    assert text.index("Summary: ") < text.index("The strategy in plain English")  # the summary opens it
    assert "Key statistics" in text and "Check findings" in text and "Substituted or assumed" in text
    assert "alert(&#x27;from a document&#x27;)" in html or "&lt;script&gt;alert" in html
    assert "<script>alert(" not in html  # a summary from a document never becomes a script
    assert not [s for s in re.findall(r"<script[^>]*\bsrc=[\"']([^\"']*)", html) if s.startswith(("http", "//"))]
    assert "stats_frame(stats)" not in html  # code hidden by default


def test_document_text_in_report_markdown_stays_text():
    """A spec name from a document cannot become a link, HTML or a heading in the report's markdown."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from foa.report import _markdown_text

    hostile = "[click](javascript:alert(1)) <img src=x onerror=alert(2)>\n# not a heading"
    rendered = markdown2html_mistune("# " + _markdown_text(hostile))
    assert 'href="javascript' not in rendered and "<img" not in rendered  # (nbconvert adds a #anchor link)
    assert "javascript:alert(1)" in rendered  # still shown, as text
    assert rendered.count("<h1") == 1


def test_summary_block_has_units_findings_and_substitutions() -> None:
    import foa
    from foa.report import summary
    from foa.spec.library import get
    from foa.widgets.logic import prepare_spec

    doc = foa.samples.load_sample("broker_note")
    spec = foa.extract_strategy(doc, provider="offline")
    traded = prepare_spec(spec, ["^GSPC"])
    result = foa.backtest(traded, {"^GSPC": foa.samples.market_data("^GSPC")}, start="2005-01-03", end="2012-12-31")
    block = summary(traded, result, document=doc)
    text = repr(block)
    assert "Source: broker_note.pdf, pages 1, 2; extracted by offline" in text
    assert "Traded: ^GSPC; 2005-01-03 to 2012-12-31" in text and "daily bars" in text
    assert re.search(r"Total return -?\d+\.\d\d%", text) and re.search(r"Sharpe ratio -?\d\.\d\d", text)
    assert "quotes back their field on the page cited" in text
    assert "price index" in text  # the price note: returns on ^GSPC exclude dividends
    page = block._repr_html_()
    assert page.startswith("<div class='foa-summary'>") and "data-stat='max_drawdown'" in page
    hostile = get("sma_crossover").model_copy(update={"summary": "<script>x()</script>"})
    assert "<script>" not in summary(hostile)._repr_html_()
    assert "written by hand" in repr(summary(hostile))


def test_summary_tells_a_quote_without_its_value_from_a_missing_quote() -> None:
    """A quote on its page that lacks an assumed value is not reported as missing from the page."""
    from foa.report import summary
    from foa.spec.library import get
    from foa.spec.model import Evidence

    base = get("sma_crossover")
    evidence = [
        Evidence(field="entry", quote="buy when the close is below the lower band", page=1, verified=False,
                 state="found"),
        Evidence(field="exit", quote="a sentence the page does not hold", page=2, verified=False, state="not_found"),
        Evidence(field="risk.stop_loss", quote="a 5% stop", page=1, verified=True, state="supports"),
    ]
    text = repr(summary(base.model_copy(update={"evidence": evidence})))
    assert "1 of 3 quotes back their field on the page cited" in text
    assert "entry: quote found on page 1 but it does not state every value" in text
    assert "entry: quote not found" not in text
    assert "exit: quote not found on page 2, read this rule with suspicion" in text


def test_summary_counts_price_bars_for_a_weekly_spec() -> None:
    """A weekly rule on daily prices: the count is of price bars, not of weeks."""
    import foa
    from foa.report import summary
    from foa.spec.library import get

    spec = get("sma_crossover").model_copy(update={"frequency": "weekly"})
    result = foa.backtest(spec, {"^GSPC": foa.samples.market_data("^GSPC")}, start="2005-01-03", end="2012-12-31")
    text = repr(summary(spec, result))
    bars = result.stats["bars"]
    assert bars > 1000  # daily prices: ~2,000 bars over eight years, not ~417 weeks
    assert f"{bars:,} price bars, rules read on weekly bars" in text
    assert "weekly bars;" not in text.replace("rules read on weekly bars;", "")


def test_provenance_shows_as_a_table() -> None:
    import foa

    spec = foa.extract_strategy(foa.samples.load_sample("broker_note"), provider="offline")
    page = spec.provenance._repr_html_()
    assert "<table class='foa-provenance'>" in page and "provider" in page and "offline" in page
    assert "datetime.datetime" not in page and "None" not in page
