"""``foa doctor`` (what is installed, where things live, what is reachable) and ``foa demo``.

    foa doctor            # versions, workspace, API key set or not, numba cache, network within 2 s
    foa demo              # bundled market data -> workspace, warm numba, quickstart -> reports/quickstart.html
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import threading
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from foa.cli.common import add_workspace_option

__all__ = ["KEY_PACKAGES", "check_reachable", "demo", "doctor", "register"]

KEY_PACKAGES = (
    "vectorbt", "vectorbt-rust", "numba", "pandas", "numpy", "polars", "pyarrow", "duckdb", "pydantic",
    "anthropic", "llama-index-core", "pymupdf", "yfinance", "plotly", "ipywidgets", "jupyterlab",
    "nbconvert", "papermill", "arch", "ta-lib", "tqdm",
)
HOSTS = {"Yahoo Finance": ("query1.finance.yahoo.com", 443), "Anthropic API": ("api.anthropic.com", 443)}
NET_TIMEOUT = 2.0


def check_reachable(host: str, port: int, timeout: float = NET_TIMEOUT) -> str:
    """'reachable' or why not, decided within ``timeout`` seconds (DNS included, so a thread bounds it).

    Example::

        check_reachable("api.anthropic.com", 443)   # 'unreachable (...)' on an offline machine
    """
    result: list[str] = []

    def probe() -> None:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                result.append("reachable")
        except OSError as err:
            result.append(f"unreachable ({err.strerror or type(err).__name__})")

    t = threading.Thread(target=probe, daemon=True)  # getaddrinfo ignores socket timeouts
    t.start()
    t.join(timeout)
    return result[0] if result else f"unreachable (no answer within {timeout:g} s)"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)  # metadata only: nothing heavy gets imported
    except metadata.PackageNotFoundError:
        return "not installed"


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


def _workspace_status(path: Path) -> tuple[str, bool]:
    """(what the workspace file is, whether that is a problem), read-only: doctor never writes it."""
    if not path.exists():
        return "not created yet (foa demo or foa data import --bundled creates it)", False
    import duckdb

    from foa.errors import WorkspaceError
    from foa.workspace import code_versions, read_schema

    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as err:
        text = str(err).lower()
        if "lock" in text:
            return f"{_size(path.stat().st_size)}, in use by another process right now", False
        return f"{_size(path.stat().st_size)}, cannot be opened: {str(err).splitlines()[0]}", True
    try:
        versions = read_schema(con, path)
    except WorkspaceError as err:
        return f"{_size(path.stat().st_size)}, cannot be used: {err}", True
    except duckdb.Error as err:
        return f"{_size(path.stat().st_size)}, cannot be read: {str(err).splitlines()[0]}", True
    finally:
        con.close()
    if not versions:
        return f"{_size(path.stat().st_size)}, empty (foa creates its tables on first use)", False
    behind = sorted(c for c, v in code_versions().items() if versions.get(c, 0) < v)
    note = f"; {', '.join(behind)} will be upgraded on next open" if behind else ""
    return f"{_size(path.stat().st_size)}, schema {versions}{note}", False


def doctor(workspace: str | None = None, *, out: Any = None, warm: bool = False) -> int:
    """Print what foa needs and where it stands; returns 0, or 1 when something needs fixing. With
    ``warm``, compile (or load from the numba cache) every engine kernel first (``foa.engine.warm``).

    Example::

        foa.cli.doctor.doctor()
    """
    from foa._version import __version__
    from foa.numba_cache import ensure_numba_cache
    from foa.workspace import DEFAULT_PATH, ENV_VAR

    out = out or sys.stdout
    problems = 0
    print(f"foa {__version__} on Python {sys.version.split()[0]} ({sys.executable})", file=out)
    print("dependencies:", file=out)
    for name in KEY_PACKAGES:
        print(f"  {name:<18} {_version(name)}", file=out)
    path = Path(workspace or os.environ.get(ENV_VAR) or DEFAULT_PATH).expanduser().resolve()
    status, bad = _workspace_status(path)
    problems += bad
    print(f"workspace: {path} ({status})", file=out)
    # only whether it is set: the value is never printed, logged or stored
    print(f"ANTHROPIC_API_KEY: {'set' if os.environ.get('ANTHROPIC_API_KEY') else 'not set (offline extractor only)'}", file=out)
    cache = ensure_numba_cache()
    writable = os.access(cache, os.W_OK)
    problems += not writable
    print(f"numba cache: {cache} ({'writable' if writable else 'NOT writable: set NUMBA_CACHE_DIR'})", file=out)
    if warm:
        _warm_engine(out)
    results: dict[str, str] = {}
    threads = [threading.Thread(target=lambda k=k, hp=hp: results.__setitem__(k, check_reachable(*hp)), daemon=True)
               for k, hp in HOSTS.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join(NET_TIMEOUT + 0.5)
    for label, (host, _port) in HOSTS.items():
        print(f"{label}: {results.get(label, 'unreachable (no answer)')} [{host}]", file=out)
    return 1 if problems else 0


def _warm_engine(out: Any) -> None:
    """Compile or load every engine kernel (rules, sweep, stops, ranking) and say how long each took."""
    from foa.engine.warm import warm

    times = warm()
    print("engine warm: " + ", ".join(f"{k} {v:.1f} s" for k, v in times.items())
          + " (the first run on an empty numba cache compiles; later runs load the cache)", file=out)


def demo(workspace: str | None = None, *, warm: bool = True, out: Any = None) -> int:
    """Build the workspace from the bundled market data, print what it holds, warm numba's cache.

    Example::

        foa.cli.doctor.demo("demo.duckdb")
    """
    import pandas as pd

    from foa.numba_cache import ensure_numba_cache
    from foa.samples.market import PRICE_INDICES
    from foa.workspace import Workspace

    out = out or sys.stdout
    ws = Workspace(workspace)
    print(f"workspace: {ws.path}", file=out)
    summary = ws.prices.load_bundled()
    table = summary.assign(first=summary["first"].dt.date, last=summary["last"].dt.date)
    with pd.option_context("display.width", 200, "display.max_colwidth", 60):
        print(table[["symbol", "name", "first", "last", "rows", "note"]].to_string(index=False), file=out)
    print(f"{len(summary)} symbols, {int(summary['rows'].sum()):,} rows. "
          f"{', '.join(sorted(PRICE_INDICES))} are price indices: returns on them exclude dividends.", file=out)
    if warm:
        cache = ensure_numba_cache()
        t0 = time.perf_counter()
        from foa.engine.vectorbt_adapter import vbt as load_vectorbt

        vbt = load_vectorbt()
        close = ws.prices.close("^GSPC", start="2018-01-01")["^GSPC"]
        fast, slow = close.rolling(10).mean(), close.rolling(30).mean()
        pf = vbt.Portfolio.from_signals(close, fast > slow, fast < slow, init_cash=100_000, freq="1D")
        print(f"vectorbt ready in {time.perf_counter() - t0:.1f} s (numba cache {cache}); "
              f"sample SMA 10/30 on ^GSPC 2018: total return {pf.total_return():.2%} (price return)", file=out)
        _warm_engine(out)
    return 0


def register(sub: "argparse._SubParsersAction[Any]") -> None:
    """Add ``doctor`` and ``demo`` to the ``foa`` command."""
    p = sub.add_parser("doctor", help="check the installation, workspace, numba cache and network")
    add_workspace_option(p)
    p.add_argument("--warm", action="store_true", help="compile (or load from numba's cache) every engine kernel, "
                   "so the first backtest with a stop in a notebook does not")
    p.set_defaults(func=lambda a: doctor(a.workspace, warm=a.warm))
    p = sub.add_parser("demo", help="build the workspace from bundled data, run the quickstart into reports/quickstart.html")
    add_workspace_option(p)
    p.add_argument("--no-warm", action="store_true", help="skip importing vectorbt (numba cache warm-up)")
    p.add_argument("--no-report", action="store_true", help="skip executing notebooks/01_quickstart into an HTML report")
    p.add_argument("--out-dir", default="reports", help="where the report goes (default: reports/)")
    p.add_argument("--show-code", action="store_true", help="keep the notebook's code cells in the report")
    p.set_defaults(func=_demo_command)


def _demo_command(a: argparse.Namespace) -> int:
    code = demo(a.workspace, warm=not a.no_warm)
    if code or a.no_report:
        return code
    from foa.demo import run_demo  # quickstart notebook -> offline HTML

    run_demo(a.workspace, out_dir=a.out_dir, show_code=a.show_code)
    return 0
