"""Notebooks -> one self-contained HTML report that a reader opens offline.

    from foa.report import execute_notebook, strategy_report
    execute_notebook("notebooks/05_strategy_report.ipynb", {"symbol": "^GSPC"}, "reports/spy.html")
    strategy_report(spec, result, out="reports/sma.html")       # no notebook of your own needed
    summary(spec, result, document=doc)                         # the block that opens every report

A report is for a reader, not a programmer: code is hidden unless ``show_code=True``, papermill's
parameter cells are dropped, absolute paths of this machine are shown relative (``~``, ``.`` or the file
name), and a cell tagged ``report-summary`` (one that displays :func:`summary`) is moved to the top, so the
report opens with what was tested, on what, with which result and what to doubt.

How it works: papermill executes a copy of the notebook with the parameters injected after the cell
tagged ``parameters``; a first, hidden cell calls :func:`setup_notebook`, which embeds plotly.js once
and makes every figure render as plain HTML (the kernel's default plotly output is a mimetype that
nbconvert drops). nbconvert then renders the executed notebook with no CDN scripts: no require.js, no
MathJax, no widget manager, no widget state. Secrets (API keys from the environment, anything that
looks like ``FOO_API_KEY=...``) are blanked before anything is written.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from foa import errors as _errors
from foa.errors import DocumentError, FoaError
from foa.secrets import REDACTED
from foa.secrets import scrub as scrub_secrets  # the one scrubber: reports use it under this name

__all__ = [
    "REDACTED",
    "SUMMARY_TAG",
    "Summary",
    "execute_notebook",
    "path_cleaner",
    "pbo_reading",
    "render_html",
    "scrub_secrets",
    "setup_notebook",
    "strategy_report",
    "summary",
    "sweep_sentence",
]

# Tags on the injected setup cell: nbconvert hides its source, keeps its output (the plotly.js script).
SETUP_TAG = "foa-report-setup"
# A cell with this tag is moved to the top of the rendered report (under the title).
SUMMARY_TAG = "report-summary"
# papermill's parameter cells: the template's defaults and the injected values (often absolute paths).
PARAMETER_TAGS = ("parameters", "injected-parameters")
# An empty script instead of require.js/MathJax from a CDN: the report must not call out to anywhere.
_NO_SCRIPT = "data:text/javascript,"
EXECUTION_TIMEOUT = 600  # seconds per cell; a backtest sweep on 20 years of daily bars stays well below
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


# ------------------------------------------------------------------------------------ inside the kernel
class _HTMLFigureRenderer:
    """Marker base; the real class is built lazily so importing foa.report never imports plotly."""


def _make_renderer() -> Any:
    from plotly.io import to_html
    from plotly.io._base_renderers import MimetypeRenderer

    class HTMLFigureRenderer(MimetypeRenderer):
        """A figure as a <div> + Plotly.newPlot script; plotly.js itself is embedded once by setup."""

        def to_mimebundle(self, fig_dict: dict) -> dict:
            html = to_html(fig_dict, include_plotlyjs=False, include_mathjax=False, full_html=False,
                           validate=False, config={"responsive": True})
            return {"text/html": html}

    return HTMLFigureRenderer()


def setup_notebook() -> None:
    """Make plotly figures survive nbconvert: embed plotly.js once and render figures as HTML.

    Called by :func:`execute_notebook` in a hidden first cell; call it yourself in a notebook you
    render some other way. In a live JupyterLab you do not need it.

    >>> import foa.report; foa.report.setup_notebook()  # doctest: +SKIP
    """
    import plotly.graph_objects as go
    import plotly.io as pio
    from IPython import get_ipython
    from IPython.display import HTML, display
    from plotly.offline import get_plotlyjs

    renderer = _make_renderer()
    pio.renderers["foa_html"] = renderer
    pio.renderers.default = "foa_html"
    # window.PlotlyConfig first, as plotly's own notebook renderer does; then the library, once.
    display(HTML("<script>window.PlotlyConfig = {MathJaxConfig: 'local'};</script>"
                 f"<script type=\"text/javascript\">{get_plotlyjs()}</script>"))
    ip = get_ipython()
    if ip is not None:
        # A FigureWidget (vectorbt returns them) would become ~5 MB of widget state that needs a CDN:
        # show it as the plain figure it wraps instead.
        ip.display_formatter.mimebundle_formatter.for_type(
            go.FigureWidget, lambda w, include=None, exclude=None: renderer.to_mimebundle(w.to_dict()))


# ------------------------------------------------------------------------------------ outside the kernel
def _setup_cell() -> Any:
    import nbformat

    cell = nbformat.v4.new_code_cell("import foa.report\nfoa.report.setup_notebook()")
    cell.metadata["tags"] = [SETUP_TAG]
    return cell


def _error_from_papermill(err: Any, path: Path) -> FoaError:
    """The notebook's own FoaError class when a foa call failed inside it, else FoaError."""
    ename = getattr(err, "ename", "") or type(err).__name__
    evalue = scrub_secrets(str(getattr(err, "evalue", "") or err).strip())
    cls = getattr(_errors, ename, None)
    if not (isinstance(cls, type) and issubclass(cls, FoaError)):
        cls = FoaError
    # the execution count would include foa's setup cell (and papermill's parameters cell), so it would not
    # match the user's own numbering: name the cell by its first line instead
    first = next((ln.strip() for ln in str(getattr(err, "source", "") or "").splitlines() if ln.strip()), "")
    where = f"the cell starting {scrub_secrets(first)[:80]!r}" if first else "a cell"
    if issubclass(cls, _errors.NoStrategyFound):
        # the notebook is fine: the document holds no rule foa can run, and the message says what to do
        return cls(f"{path.name}: {where} found no strategy in the document: {evalue}")
    return cls(
        f"{path.name}: {where} raised {ename}: {evalue.rstrip('.')}. Open the notebook in JupyterLab and run it top "
        "to bottom to see the whole error; fix the cell or the parameters, then run the report again."
    )


def _strip_widgets_and_secrets(nb: Any, clean: Any = None) -> None:
    """Drop widget state/views (they need a CDN and carry megabytes) and blank secrets in place.

    ``clean`` (text -> text) runs after the secret scrub on every source and output text: the report
    uses it to show this machine's absolute paths relative.
    """
    def fix(text: str) -> str:
        text = scrub_secrets(text)
        return clean(text) if clean is not None else text

    nb.metadata.pop("widgets", None)
    pm = nb.metadata.get("papermill")
    if isinstance(pm, dict):
        # papermill records input/output paths, the parameters and the environment it saw: not for a reader.
        for k in ("input_path", "output_path", "environment_variables", "parameters"):
            pm.pop(k, None)
    for cell in nb.cells:
        cell.source = fix(cell.source)
        if SETUP_TAG in cell.get("metadata", {}).get("tags", []):
            continue  # its output is plotly.js itself: a library, scanning 5 MB of it finds nothing
        for out in cell.get("outputs", []):
            data = out.get("data")
            if data is not None:
                data.pop(WIDGET_VIEW, None)
                for mime, value in list(data.items()):
                    if isinstance(value, str):
                        data[mime] = fix(value)
                    elif isinstance(value, list):
                        data[mime] = [fix(v) if isinstance(v, str) else v for v in value]
            if "text" in out:
                out["text"] = fix(out["text"])
            if "traceback" in out:
                out["traceback"] = [fix(t) for t in out["traceback"]]
            if "evalue" in out:
                out["evalue"] = fix(out["evalue"])
    # data entries left empty (a widget with no fallback) would render as blank boxes
    for cell in nb.cells:
        if "outputs" in cell:
            cell.outputs = [o for o in cell.outputs if o.get("output_type") not in ("display_data", "execute_result") or o.get("data")]


def path_cleaner(paths: Mapping[str, str]) -> Any:
    """A text -> text function replacing each absolute path in ``paths`` by what a reader may see.

    Longest paths first, so ``/home/ana/work`` -> ``.`` wins over ``/home/ana`` -> ``~``. A path is only
    replaced where it ends (at a separator, quote, space or the end), never inside a longer name.

    >>> path_cleaner({"/home/ana": "~"})("saved in /home/ana/ws.duckdb, not /home/anab")
    'saved in ~/ws.duckdb, not /home/anab'
    """
    items = sorted(((k, v) for k, v in paths.items() if k and len(k) > 1), key=lambda kv: len(kv[0]), reverse=True)
    if not items:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(k) + r"(?![\w.\-])" for k, _ in items))
    table = dict(items)
    return lambda text: pattern.sub(lambda m: table[m.group(0)], text)


def _local_paths(params: Mapping[str, Any], roots: list[Path]) -> dict[str, str]:
    """This machine's absolute paths a report may print -> how the reader sees them."""
    out: dict[str, str] = {}

    def add(path: Path, shown: str) -> None:
        for variant in {str(path), str(path.resolve())}:
            out.setdefault(variant, shown)

    for value in params.values():  # a parameter that is a file path: its name only
        if isinstance(value, str) and os.path.isabs(value):
            add(Path(value), Path(value).name)
    for root in roots:
        add(root, ".")
    home = Path.home()
    if str(home) not in ("/", ""):
        add(home, "~")
    return out


_REPORT_CSS = """
<style>
/* foa report: a page for a reader. Text wraps at word boundaries, tables fit the page, print is clean. */
.jp-OutputArea-output pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.jp-RenderedHTMLCommon table { max-width: 100%; table-layout: auto; }
/* JupyterLab right-aligns every cell; text (quotes, names, notes) reads left-aligned, numbers stay right */
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th {
  white-space: normal; overflow-wrap: anywhere; word-break: normal; text-align: left !important; vertical-align: top;
}
.jp-RenderedHTMLCommon td.foa-num, .jp-RenderedHTMLCommon .foa-stats td { text-align: right !important; white-space: nowrap; }
.foa-summary ul { margin: 0; padding-left: 1.2em; text-align: left; }
.jp-OutputArea-output { overflow-x: auto; }
.foa-summary { border: 1px solid #c9d3df; border-radius: 4px; padding: 8px 14px; margin: 8px 0 16px; background: #f7f9fc; }
.foa-summary h2 { margin-top: 4px; }
.foa-summary table { margin: 0; }
.foa-summary th { text-align: left; padding-right: 1em; white-space: nowrap; }
img.foa-page { max-width: 100%; height: auto; border: 1px solid #ddd; }
@media print {
  body { font-size: 10pt; }
  .jp-Cell { break-inside: avoid; page-break-inside: avoid; }
  .jp-RenderedHTMLCommon table { font-size: 8pt; width: 100%; table-layout: fixed; }
  .jp-OutputArea-output { overflow: visible; }
  .js-plotly-plot, .plotly-graph-div { max-width: 100% !important; }
  a[href]::after { content: ""; }
}
</style>
"""


def render_html(nb: Any, *, show_code: bool = False, title: str | None = None,
                paths: Mapping[str, str] | None = None) -> str:
    """An executed notebook node -> one HTML page with no external scripts.

    ``show_code=False`` (the default) shows text and results only. Parameter cells are dropped; cells
    tagged ``report-summary`` move under the title; ``paths`` maps absolute paths to what is shown
    instead (see :func:`path_cleaner`).

    >>> html = render_html(nbformat.read("executed.ipynb", as_version=4))  # doctest: +SKIP
    """
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    _strip_widgets_and_secrets(nb, path_cleaner(paths or {}))
    _summary_first(nb)
    exporter = HTMLExporter(template_name="lab", exclude_input=not show_code, exclude_input_prompt=not show_code,
                            exclude_output_prompt=not show_code, embed_images=True,
                            require_js_url=_NO_SCRIPT, mathjax_url=_NO_SCRIPT)
    hide = TagRemovePreprocessor(remove_input_tags={SETUP_TAG, "remove_input", "remove-input"},
                                 remove_cell_tags={"remove_cell", "remove-cell", *PARAMETER_TAGS})
    exporter.register_preprocessor(hide, enabled=True)
    resources = {"metadata": {"name": title or "foa report"}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    body = body.replace("</head>", _REPORT_CSS + "</head>", 1)
    return _scrub_around_plotlyjs(body)


def _summary_first(nb: Any) -> None:
    """Move cells tagged ``report-summary`` right under the first markdown cell (the title)."""
    tagged = [c for c in nb.cells if SUMMARY_TAG in c.get("metadata", {}).get("tags", [])]
    if not tagged:
        return
    rest = [c for c in nb.cells if c not in tagged]
    title = next((i for i, c in enumerate(rest) if c.cell_type == "markdown"), -1)
    nb.cells = rest[: title + 1] + tagged + rest[title + 1:]


def _scrub_around_plotlyjs(body: str) -> str:
    """scrub_secrets on everything except the embedded plotly.js (a known library: ~0.7 s saved per report)."""
    from plotly.offline import get_plotlyjs

    js = get_plotlyjs()
    return js.join(scrub_secrets(part) for part in body.split(js))


def _coerce_parameters(parameters: Mapping[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in (parameters or {}).items():
        if not str(k).isidentifier():
            raise FoaError(f"report parameter name {k!r} is not a Python identifier: use names like 'symbol' or 'fast_window'")
        out[str(k)] = str(v) if isinstance(v, Path) else v
    return out


def execute_notebook(
    path: str | os.PathLike[str],
    parameters: Mapping[str, Any] | None = None,
    out_html: str | os.PathLike[str] | None = None,
    *,
    show_code: bool = False,
    cwd: str | os.PathLike[str] | None = None,
    kernel_name: str = "python3",
    timeout: int = EXECUTION_TIMEOUT,
    keep_ipynb: str | os.PathLike[str] | None = None,
) -> Path:
    """Execute a notebook with parameters (papermill) and write one self-contained HTML file.

    ``parameters`` override the cell tagged ``parameters``; ``out_html`` defaults to
    ``reports/<notebook name>.html``; code is hidden unless ``show_code=True``; ``cwd`` defaults to the
    notebook's folder. Returns the HTML path; the file's mode follows the umask, like any file you
    create. A failing cell raises the FoaError it raised (or FoaError), and nothing is written.

    >>> execute_notebook("notebooks/01_quickstart.ipynb", {"symbol": "^IXIC"}, "reports/q.html")  # doctest: +SKIP
    PosixPath('reports/q.html')
    """
    import nbformat

    src = Path(path).expanduser()
    if not src.is_file():
        raise DocumentError(f"notebook {src} does not exist: give the path to an .ipynb file (e.g. notebooks/01_quickstart.ipynb)")
    try:
        nb = nbformat.read(src, as_version=4)
    except Exception as err:  # nbformat raises several types for broken JSON
        raise DocumentError(f"{src} is not a readable Jupyter notebook ({type(err).__name__}: {err}); open it in JupyterLab and save it again") from err
    params = _coerce_parameters(parameters)
    out = Path(out_html) if out_html is not None else Path("reports") / f"{src.stem}.html"
    run_dir = Path(cwd) if cwd is not None else src.resolve().parent
    if not nb.metadata.get("kernelspec"):
        nb.metadata["kernelspec"] = {"name": kernel_name, "display_name": "Python 3", "language": "python"}
    nb.cells.insert(0, _setup_cell())

    with tempfile.TemporaryDirectory(prefix="foa-report-") as tmp:
        staged = Path(tmp) / src.name
        executed = Path(tmp) / f"executed-{src.name}"
        nbformat.write(nb, staged)
        result = _run_papermill(staged, executed, params, run_dir, kernel_name, timeout, src, Path(tmp))
        roots = [run_dir, Path.cwd(), Path(tmp), src.resolve().parent, out.resolve().parent]
        page = render_html(result, show_code=show_code, title=src.stem, paths=_local_paths(params, roots))
        if keep_ipynb is not None:
            nbformat.write(result, Path(keep_ipynb))
    return _write_atomic(out, page)


def _kernel_manager(socket_dir: Path) -> type:
    """A KernelManager talking to its kernel over unix sockets in ``socket_dir`` instead of TCP ports.

    No port is opened on the machine while a report runs, and ipykernel does not print its "running over
    TCP without encryption" warning into `foa demo`'s output. Windows has no unix sockets: TCP there.
    """
    from jupyter_client.manager import KernelManager

    class LocalKernelManager(KernelManager):
        def __init__(self, **kwargs: Any) -> None:
            if os.name != "nt":
                kwargs.setdefault("transport", "ipc")
                kwargs.setdefault("ip", str(socket_dir / "kernel"))
            super().__init__(**kwargs)

    return LocalKernelManager


def _run_papermill(staged: Path, executed: Path, params: dict, run_dir: Path, kernel_name: str, timeout: int,
                   src: Path, socket_dir: Path) -> Any:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    try:
        return papermill.execute_notebook(
            str(staged), str(executed), parameters=params, kernel_name=kernel_name, cwd=str(run_dir),
            progress_bar=False, log_output=False, execution_timeout=timeout,
            kernel_manager_class=_kernel_manager(socket_dir),
        )
    except PapermillExecutionError as err:
        raise _error_from_papermill(err, src) from err
    except FoaError:
        raise
    except Exception as err:  # kernel died, timed out, could not start
        raise FoaError(
            f"could not execute {src.name}: {type(err).__name__}: {scrub_secrets(str(err))[:500]}. Check that the "
            f"'{kernel_name}' kernel starts (jupyter kernelspec list) and that the notebook runs in JupyterLab."
        ) from err


def _umask() -> int:
    """The process umask (read by setting it and putting it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_atomic(out: Path, text: str) -> Path:
    """Write next to the target, then rename: a reader never sees half a report."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        # mkstemp creates 0600; a report is an ordinary file, so it gets the mode open() would give it
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, out)
    except OSError as err:
        raise FoaError(f"cannot write the report {out}: {err.strerror or err}. Choose a writable path with --out / out_html.") from err
    return out


# ------------------------------------------------------------------------------------ one-call report
_REPORT_CELLS = [
    ("md", "# @TITLE@\n\n@SUMMARY@"),
    ("code", "import json, pathlib\nimport pandas as pd\nimport plotly.io as pio\nfrom IPython.display import HTML, Markdown, display\n"
             "import foa\nfrom foa.widgets.logic import evidence_frame, stats_frame\n"
             "pd.set_option('display.max_colwidth', 160)  # evidence quotes in full\n"
             "bundle = pathlib.Path(@BUNDLE@)\n"
             "spec = foa.StrategySpec.from_json((bundle / 'spec.json').read_text())"),
    ("summary", "display(HTML((bundle / 'summary.html').read_text()))"),
    ("md", "## The strategy in plain English\n\nWhat was backtested, rule by rule, as foa understood it."),
    ("code", "print(spec.describe())"),
    ("md", "## Evidence and assumptions\n\nEach rule should be backed by a quote from the source document; "
           "anything the document did not say is listed as an assumption."),
    ("code", "if (bundle / 'evidence.html').exists():\n    display(HTML((bundle / 'evidence.html').read_text()))\n"
             "elif spec.evidence:\n    display(evidence_frame(spec))\nelse:\n"
             "    print('No quotes: this spec was written by hand, not extracted from a document.')\n"
             "for a in spec.assumptions:\n    print('assumed:', a)"),
    ("md", "## Performance\n\nStatistics of the backtest (annualised with 252 trading days for daily bars)."),
    ("code", "stats = pd.Series(json.loads((bundle / 'stats.json').read_text()))\nstats_frame(stats)"),
    ("md", "## Charts"),
    ("code", "for f in sorted(bundle.glob('fig_*.json')):\n    pio.from_json(f.read_text()).show()"),
    ("md", "## Tear sheet\n\nReturns month by month (the last column compounds the year), the risk measures "
           "a desk reads (historical VaR and CVaR at 95% on daily returns, skew, best and worst periods, the "
           "longest drawdown), the monthly heatmap and the rolling 6- and 12-month Sharpe ratio."),
    ("code", "if (bundle / 'monthly.parquet').exists():\n"
             "    display(pd.read_parquet(bundle / 'monthly.parquet'))\n"
             "    display(pd.read_parquet(bundle / 'tearsheet.parquet'))\n"
             "    for f in sorted(bundle.glob('tearsheet_*.json')):\n        pio.from_json(f.read_text()).show()\n"
             "else:\n    print('No tear sheet: this result has none.')"),
    ("md", "## Trades\n\nThe most recent closed and open trades."),
    ("code", "trades = pd.read_parquet(bundle / 'trades.parquet') if (bundle / 'trades.parquet').exists() else pd.DataFrame()\n"
             "print(f'{len(trades)} trades')\ntrades.tail(20)"),
]
_SWEEP_CELLS = [
    ("md", "## Robustness: parameter sweep\n\nHow the result depends on the parameters; the deflated Sharpe ratio "
           "corrects the best Sharpe for the number of combinations tried, and the probability of backtest "
           "overfitting (CSCV) says how often the in-sample best falls to the bottom half out of sample."),
    ("code", "print((bundle / 'sweep.txt').read_text())\n"
             "pd.read_parquet(bundle / 'sweep.parquet').head(10)"),
]


def strategy_report(
    spec: Any,
    result: Any,
    out: str | os.PathLike[str] = "reports/strategy.html",
    *,
    sweep: Any = None,
    title: str | None = None,
    document: Any = None,
    show_code: bool = False,
) -> Path:
    """One call: a spec and its BacktestResult (and optionally a SweepResult) -> a self-contained HTML report.

    The report opens with :func:`summary` (pass the source ``document`` to name it and show its pages),
    then the rules, evidence, statistics, charts, the tear sheet (``result.tearsheet()``: monthly returns,
    risk measures, monthly heatmap, rolling Sharpe), trades and the sweep.

    >>> strategy_report(spec, foa.backtest(spec, ws), out="reports/sma.html")  # doctest: +SKIP
    PosixPath('reports/sma.html')
    """
    import nbformat

    with tempfile.TemporaryDirectory(prefix="foa-strategy-report-") as tmp:
        bundle = Path(tmp)
        # Plain files, not pickles: the report kernel reads data, it never unpickles objects.
        (bundle / "spec.json").write_text(spec.to_json(), encoding="utf-8")
        stats = {k: (v.isoformat() if hasattr(v, "isoformat") else v.item() if hasattr(v, "item") else v)
                 for k, v in result.stats.items()}
        (bundle / "stats.json").write_text(json.dumps(stats, default=str), encoding="utf-8")
        trades = getattr(result, "trades", None)
        if trades is not None and len(trades):
            trades.to_parquet(bundle / "trades.parquet")
        (bundle / "fig_0.json").write_text(result.plot().to_json(), encoding="utf-8")
        if hasattr(result, "tearsheet"):
            from foa.widgets.logic import tearsheet_view

            view = tearsheet_view(result)
            view["monthly"].to_parquet(bundle / "monthly.parquet")
            view["metrics"].to_parquet(bundle / "tearsheet.parquet")
            for i, fig in enumerate(view["figures"]):
                (bundle / f"tearsheet_{i}.json").write_text(fig.to_json(), encoding="utf-8")
        (bundle / "summary.html").write_text(summary(spec, result, document=document, sweep=sweep)._repr_html_(),
                                             encoding="utf-8")
        if document is not None and spec.evidence:
            from foa.widgets.review import evidence_view

            # each rule beside its page image, the quote highlighted (PNG data URIs: the file stays whole)
            (bundle / "evidence.html").write_text(evidence_view(document, spec)._repr_html_(), encoding="utf-8")
        cells = list(_REPORT_CELLS)
        if sweep is not None:
            first, *rest = sweep_sentence(sweep).split("\n")
            (bundle / "sweep.txt").write_text("\n".join(t for t in (first, pbo_reading(sweep), *rest) if t), encoding="utf-8")
            sweep.best(n=10).to_parquet(bundle / "sweep.parquet")
            cells += _SWEEP_CELLS
        # Names and summaries come from documents: escaped, so markdown cannot smuggle in HTML, script or
        # links (a "[x](javascript:...)" in a spec name stays text).
        fill = {"@TITLE@": _markdown_text(title or spec.name), "@SUMMARY@": _markdown_text(spec.summary or ""),
                "@BUNDLE@": repr(str(bundle))}
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        for kind, text in cells:
            for key, value in fill.items():
                text = text.replace(key, value)
            cell = nbformat.v4.new_markdown_cell(text) if kind == "md" else nbformat.v4.new_code_cell(text)
            if kind == "summary":
                cell.metadata["tags"] = [SUMMARY_TAG]
            nb.cells.append(cell)
        path = bundle / "strategy_report.ipynb"
        nbformat.write(nb, path)
        return execute_notebook(path, None, Path(out).resolve(), show_code=show_code, cwd=tmp)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")


def _markdown_text(text: str) -> str:
    r"""Text shown literally inside a markdown cell: HTML-escaped, markdown punctuation backslashed, one line.

    >>> _markdown_text("[x](javascript:alert(1)) <b>")
    '\\[x\\]\\(javascript:alert\\(1\\)\\) &lt;b&gt;'
    """
    flat = " ".join(str(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


# ------------------------------------------------------------------------------------ the summary block
def sweep_sentence(sweep: Any) -> str:
    """A sweep's robustness in one sentence that names what each number is.

    The deflated Sharpe ratio is a probability (that the best combination's Sharpe beats what chance
    gives after this many tries), so it is shown as a percentage; "beat buy & hold" is counted on total
    return, and says so.

    >>> sweep_sentence(sw)  # doctest: +SKIP
    '12 combinations; 25% beat buy & hold on total return; probability the best Sharpe beats chance: 96%'
    """
    n = len(sweep.table)
    parts = [f"{n} combination{'s' if n != 1 else ''}"]
    share = getattr(sweep, "share_beating_benchmark", None)
    if share is not None and not (isinstance(share, float) and math.isnan(share)):
        parts.append(f"{share:.0%} beat buy & hold on total return")
    dsr = getattr(sweep, "deflated_sharpe", None)
    if dsr is not None and not (isinstance(dsr, float) and math.isnan(dsr)):
        parts.append(f"probability the best Sharpe beats chance: {dsr:.0%}")
    pbo = sweep.pbo_or_none() if hasattr(sweep, "pbo_or_none") else None
    if pbo is not None and not math.isnan(pbo.pbo):
        parts.append(f"probability of backtest overfitting: {pbo.pbo:.0%} (CSCV)")
    text = "; ".join(parts)
    warning = getattr(sweep, "warning", None)
    return f"{text}\nwarning: {warning}" if warning else text


def pbo_reading(sweep: Any) -> str:
    """How to read the sweep's probability of backtest overfitting (``sweep.pbo_or_none().reading``), or ""
    when the sweep cannot give one (too few bars or combinations).

    >>> pbo_reading(sw)  # doctest: +SKIP
    'In 48% of 12,870 in/out-of-sample splits the in-sample best of 12 combinations ranked in the bottom half ...'
    """
    pbo = sweep.pbo_or_none() if hasattr(sweep, "pbo_or_none") else None
    return pbo.reading if pbo is not None and not math.isnan(pbo.pbo) else ""


# key stats of the summary, in reading order (labels and units come from foa.widgets.logic.STATS)
SUMMARY_STATS = ("total_return", "cagr", "benchmark_return", "sharpe", "max_drawdown", "volatility", "trades",
                 "win_rate", "avg_trade", "exposure")


class Summary:
    """The block that opens a report: ``rows`` is a list of (heading, HTML) pairs, shown as a table.

    Build it with :func:`summary`; it displays itself in a notebook (``_repr_html_``) and prints as text.
    """

    def __init__(self, title: str, rows: list[tuple[str, str]], text: list[tuple[str, str]]) -> None:
        self.title = title
        self.rows = rows
        self._text = text

    def _repr_html_(self) -> str:
        body = "".join(f"<tr><th>{html.escape(k)}</th><td>{v}</td></tr>" for k, v in self.rows)
        return (f"<div class='foa-summary'><h2>Summary: {html.escape(self.title)}</h2>"
                f"<table class='foa-summary-table'>{body}</table></div>")

    def __repr__(self) -> str:
        return "\n".join([f"Summary: {self.title}", *(f"{k}: {v}" for k, v in self._text)])


def _items(values: list[str]) -> str:
    return "<ul style='margin:0;padding-left:1.2em'>" + "".join(f"<li>{html.escape(v)}</li>" for v in values) + "</ul>"


def summary(spec: Any, result: Any = None, *, document: Any = None, sweep: Any = None) -> Summary:
    """What a head of desk reads first: the strategy in words, its source (document and pages), the
    period, key stats with units, check findings, and what was substituted or assumed.

    Reads ``result.warnings`` and ``result.assumptions`` when the result has them, the spec checks
    (``foa.spec.check_spec``), the evidence's verification, the spec's assumptions and the backtest's
    price notes. Everything is escaped.

    >>> summary(spec, result, document=doc)  # doctest: +SKIP
    """
    from foa.widgets.logic import STATS, format_stat

    rows: list[tuple[str, str]] = []
    text: list[tuple[str, str]] = []

    def add(key: str, plain: str, markup: str | None = None) -> None:
        rows.append((key, markup if markup is not None else html.escape(plain)))
        text.append((key, plain))

    words = (spec.summary or "").strip()
    rules = [ln.strip() for ln in spec.describe().splitlines() if ln.strip()]
    if words and rules and words[:40] in rules[0]:  # describe() opens with the summary: say it once
        rules = rules[1:]
    add("Strategy", words or spec.name, (f"<p style='margin:0 0 4px'>{html.escape(words)}</p>" if words else "") + _items(rules))
    add("Source", *_source(spec, document))
    if result is not None:
        stats = result.stats
        # the statistics count the prices' bars; a weekly or monthly spec reads its rules on its own bars
        nbars = format_stat('bars', stats.get('bars'))
        bars = (f"{nbars} daily bars" if spec.frequency == "daily"
                else f"{nbars} price bars, rules read on {spec.frequency} bars")
        period = f"{format_stat('start', stats.get('start'))} to {format_stat('end', stats.get('end'))}, {bars}"
        symbols = ", ".join(getattr(result.spec, "universe", spec.universe).symbols) or "(none)"
        add("Traded", f"{symbols}; {period}; fill {result.fill}; fees {spec.costs.fees:.2%}, slippage {spec.costs.slippage:.2%} per side")
        keys = [k for k in SUMMARY_STATS if k in stats.index]
        plain = "; ".join(f"{STATS[k][0]} {format_stat(k, stats[k])}" for k in keys)
        cells = "".join(f"<tr><th>{html.escape(STATS[k][0])}</th><td class='foa-num' data-stat='{k}'>"
                        f"{html.escape(format_stat(k, stats[k]))}</td></tr>" for k in keys)
        add("Key statistics", plain, f"<table class='foa-stats'>{cells}</table>")
    if sweep is not None:
        first, *rest = sweep_sentence(sweep).split("\n")  # the reading right after the number it explains
        add("Robustness", " ".join(t for t in (first, pbo_reading(sweep), *rest) if t))
    findings = _findings(spec, result)
    add("Check findings", "; ".join(findings) or "none", _items(findings) if findings else "none")
    assumed = _assumed(spec, result)
    add("Substituted or assumed", "; ".join(assumed) or "nothing", _items(assumed) if assumed else "nothing")
    return Summary(spec.name, rows, text)


def _source(spec: Any, document: Any) -> tuple[str, str]:
    pages = sorted({e.page for e in spec.evidence if getattr(e, "page", None)})
    prov = getattr(spec, "provenance", None)
    name = getattr(document, "name", None)
    if name is None and prov is not None and prov.document_id:
        name = f"document {prov.document_id[:12]}"
    if name is None:
        none = "written by hand (no source document)"
        return none, none
    where = f"{name}, page{'s' if len(pages) > 1 else ''} {', '.join(map(str, pages))}" if pages else name
    how = ""
    if prov is not None and prov.provider:
        how = f"; extracted by {prov.provider}" + (f" ({prov.model})" if prov.model else "")
    return where + how, html.escape(where + how)


def _findings(spec: Any, result: Any) -> list[str]:
    out: list[str] = []
    verdicts = [getattr(e, "verified", None) for e in spec.evidence]
    if verdicts:
        found = sum(v is True for v in verdicts)
        out.append(f"{found} of {len(verdicts)} quotes back their field on the page cited")
        for e in spec.evidence:
            if getattr(e, "verified", None) is not False:
                continue
            if getattr(e, "state", None) == "found":  # on the page, without the value or the field's kind
                out.append(f"{e.field}: quote found on page {e.page} but it does not state every value the "
                           "field uses (an assumed default?); check that value")
            else:
                out.append(f"{e.field}: quote not found on page {e.page}, read this rule with suspicion")
    from foa.spec.check import check_spec

    out += [f"{f.severity}: {f.field + ': ' if f.field else ''}{f.message}" for f in check_spec(spec).findings
            if f.severity in ("error", "warning")]
    out += [str(w) for w in (getattr(result, "warnings", None) or [])]
    return out


def _assumed(spec: Any, result: Any) -> list[str]:
    out = [f"assumed: {a}" for a in spec.assumptions]
    out += [str(a) for a in (getattr(result, "assumptions", None) or [])]
    if result is not None:
        out += [n for n in [getattr(result, "price_note", ""), *getattr(result, "notes", [])] if n]
    return out
