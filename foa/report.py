"""Notebooks -> one self-contained HTML report that a reader opens offline.

    from foa.report import execute_notebook, strategy_report
    execute_notebook("notebooks/05_strategy_report.ipynb", {"symbol": "^GSPC"}, "reports/spy.html")
    strategy_report(spec, result, out="reports/sma.html")       # no notebook of your own needed

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
    "execute_notebook",
    "render_html",
    "scrub_secrets",
    "setup_notebook",
    "strategy_report",
]

# Tags on the injected setup cell: nbconvert hides its source, keeps its output (the plotly.js script).
SETUP_TAG = "foa-report-setup"
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
    return cls(
        f"{path.name}: {where} raised {ename}: {evalue.rstrip('.')}. Open the notebook in JupyterLab and run it top "
        "to bottom to see the whole error; fix the cell or the parameters, then run the report again."
    )


def _strip_widgets_and_secrets(nb: Any) -> None:
    """Drop widget state/views (they need a CDN and carry megabytes) and blank secrets in place."""
    nb.metadata.pop("widgets", None)
    pm = nb.metadata.get("papermill")
    if isinstance(pm, dict):
        # papermill records input/output paths and the environment it saw: not for a reader.
        for k in ("input_path", "output_path", "environment_variables"):
            pm.pop(k, None)
    for cell in nb.cells:
        cell.source = scrub_secrets(cell.source)
        if SETUP_TAG in cell.get("metadata", {}).get("tags", []):
            continue  # its output is plotly.js itself: a library, scanning 5 MB of it finds nothing
        for out in cell.get("outputs", []):
            data = out.get("data")
            if data is not None:
                data.pop(WIDGET_VIEW, None)
                for mime, value in list(data.items()):
                    if isinstance(value, str):
                        data[mime] = scrub_secrets(value)
                    elif isinstance(value, list):
                        data[mime] = [scrub_secrets(v) if isinstance(v, str) else v for v in value]
            if "text" in out:
                out["text"] = scrub_secrets(out["text"])
            if "traceback" in out:
                out["traceback"] = [scrub_secrets(t) for t in out["traceback"]]
            if "evalue" in out:
                out["evalue"] = scrub_secrets(out["evalue"])
    # data entries left empty (a widget with no fallback) would render as blank boxes
    for cell in nb.cells:
        if "outputs" in cell:
            cell.outputs = [o for o in cell.outputs if o.get("output_type") not in ("display_data", "execute_result") or o.get("data")]


def render_html(nb: Any, *, no_input: bool = False, title: str | None = None) -> str:
    """An executed notebook node -> one HTML page with no external scripts.

    >>> html = render_html(nbformat.read("executed.ipynb", as_version=4))  # doctest: +SKIP
    """
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    _strip_widgets_and_secrets(nb)
    exporter = HTMLExporter(template_name="lab", exclude_input=no_input, exclude_input_prompt=no_input,
                            exclude_output_prompt=no_input, embed_images=True,
                            require_js_url=_NO_SCRIPT, mathjax_url=_NO_SCRIPT)
    hide = TagRemovePreprocessor(remove_input_tags={SETUP_TAG, "remove_input", "remove-input"},
                                 remove_cell_tags={"remove_cell", "remove-cell"})
    exporter.register_preprocessor(hide, enabled=True)
    resources = {"metadata": {"name": title or "foa report"}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return _scrub_around_plotlyjs(body)


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
    no_input: bool = False,
    cwd: str | os.PathLike[str] | None = None,
    kernel_name: str = "python3",
    timeout: int = EXECUTION_TIMEOUT,
    keep_ipynb: str | os.PathLike[str] | None = None,
) -> Path:
    """Execute a notebook with parameters (papermill) and write one self-contained HTML file.

    ``parameters`` override the cell tagged ``parameters``; ``out_html`` defaults to
    ``reports/<notebook name>.html``; ``no_input`` hides the code; ``cwd`` defaults to the notebook's
    folder. Returns the HTML path. A failing cell raises the FoaError it raised (or FoaError), and
    nothing is written.

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
        page = render_html(result, no_input=no_input, title=src.stem)
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


def _write_atomic(out: Path, text: str) -> Path:
    """Write next to the target, then rename: a reader never sees half a report."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
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
    ("md", "## The strategy in plain English\n\nWhat was backtested, rule by rule, as foa understood it."),
    ("code", "print(spec.describe())"),
    ("md", "## Evidence and assumptions\n\nEach rule should be backed by a quote from the source document; "
           "anything the document did not say is listed as an assumption."),
    ("code", "if spec.evidence:\n    display(evidence_frame(spec))\nelse:\n"
             "    print('No quotes: this spec was written by hand, not extracted from a document.')\n"
             "for a in spec.assumptions:\n    print('assumed:', a)"),
    ("md", "## Performance\n\nStatistics of the backtest (annualised with 252 trading days for daily bars)."),
    ("code", "stats = pd.Series(json.loads((bundle / 'stats.json').read_text()))\nstats_frame(stats)"),
    ("md", "## Charts"),
    ("code", "for f in sorted(bundle.glob('fig_*.json')):\n    pio.from_json(f.read_text()).show()"),
    ("md", "## Trades\n\nThe most recent closed and open trades."),
    ("code", "trades = pd.read_parquet(bundle / 'trades.parquet') if (bundle / 'trades.parquet').exists() else pd.DataFrame()\n"
             "print(f'{len(trades)} trades')\ntrades.tail(20)"),
]
_SWEEP_CELLS = [
    ("md", "## Robustness: parameter sweep\n\nHow the result depends on the parameters; the deflated Sharpe ratio "
           "corrects the best Sharpe for the number of combinations tried."),
    ("code", "sweep_info = json.loads((bundle / 'sweep.json').read_text())\n"
             "for k, v in sweep_info.items():\n    print(f'{k}: {v}')\n"
             "pd.read_parquet(bundle / 'sweep.parquet').head(10)"),
]


def strategy_report(
    spec: Any,
    result: Any,
    out: str | os.PathLike[str] = "reports/strategy.html",
    *,
    sweep: Any = None,
    title: str | None = None,
    no_input: bool = True,
) -> Path:
    """One call: a spec and its BacktestResult (and optionally a SweepResult) -> a self-contained HTML report.

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
        cells = list(_REPORT_CELLS)
        if sweep is not None:
            info = {"combinations": len(sweep.table), "deflated Sharpe": getattr(sweep, "deflated_sharpe", None),
                    "share beating buy & hold": getattr(sweep, "share_beating_benchmark", None),
                    "warning": getattr(sweep, "warning", None)}
            (bundle / "sweep.json").write_text(json.dumps(info, default=str), encoding="utf-8")
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
            nb.cells.append(nbformat.v4.new_markdown_cell(text) if kind == "md" else nbformat.v4.new_code_cell(text))
        path = bundle / "strategy_report.ipynb"
        nbformat.write(nb, path)
        return execute_notebook(path, None, Path(out).resolve(), no_input=no_input, cwd=tmp)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")


def _markdown_text(text: str) -> str:
    r"""Text shown literally inside a markdown cell: HTML-escaped, markdown punctuation backslashed, one line.

    >>> _markdown_text("[x](javascript:alert(1)) <b>")
    '\\[x\\]\\(javascript:alert\\(1\\)\\) &lt;b&gt;'
    """
    flat = " ".join(str(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))
