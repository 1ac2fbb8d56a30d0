"""Report rendering: foa.report.execute_notebook against plain nbclient + nbconvert on the same notebook.

    .venv/bin/python benchmarks/bench_report.py

Prints wall time and file size as ratios to the baseline run in the same process. The baseline's file is
not self-contained (plotly output is a mimetype nbconvert drops, so its chart is missing), which is why
foa's file is bigger: it carries plotly.js once.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import nbformat

CELLS = [
    "import numpy as np, pandas as pd, plotly.graph_objects as go",
    "x = np.arange(2000); y = np.cumsum(np.random.default_rng(0).normal(size=2000))\npd.Series(y).describe()",
    "go.Figure(go.Scatter(x=x, y=y, name='walk'))",
    "go.Figure(go.Histogram(x=np.diff(y)))",
]


def _notebook(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(c) for c in CELLS]
    nbformat.write(nb, path)
    return path


def baseline(src: Path, out: Path) -> Path:
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    nb = nbformat.read(src, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3").execute()
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    out.write_text(body, encoding="utf-8")
    return out


def main(repeat: int = 3) -> None:
    from foa.report import execute_notebook

    with tempfile.TemporaryDirectory() as tmp:
        src = _notebook(Path(tmp) / "bench.ipynb")
        runs: dict[str, list[float]] = {"nbclient+nbconvert": [], "foa execute_notebook": []}
        sizes: dict[str, int] = {}
        for _ in range(repeat):
            t = time.perf_counter()
            p = baseline(src, Path(tmp) / "base.html")
            runs["nbclient+nbconvert"].append(time.perf_counter() - t)
            sizes["nbclient+nbconvert"] = p.stat().st_size
            t = time.perf_counter()
            p = execute_notebook(src, None, Path(tmp) / "foa.html")
            runs["foa execute_notebook"].append(time.perf_counter() - t)
            sizes["foa execute_notebook"] = p.stat().st_size
        base_t = min(runs["nbclient+nbconvert"])
        base_s = sizes["nbclient+nbconvert"]
        for name, ts in runs.items():
            print(f"{name:22s} best of {repeat}: {min(ts):6.2f} s  ratio {min(ts) / base_t:5.2f}x   "
                  f"file {sizes[name] / 1e6:6.2f} MB  ratio {sizes[name] / base_s:6.1f}x")


if __name__ == "__main__":
    main()
