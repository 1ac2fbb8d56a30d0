"""Cold start: the first foa.backtest() in a fresh process, on an empty numba cache and on a warm one.

    .venv/bin/python benchmarks/bench_coldstart.py [--repeat N] [--compiles PATH] [--baseline DIR]

Every measurement is a fresh interpreter (``import foa`` and the bundled ^GSPC bars loaded before the clock;
``import vectorbt``, numba and every compilation or cache load on it, as a researcher's first cell pays
them). Cases: the SMA crossover without a stop, and with a 5% stop loss (stops resolved by
``foa.engine.stops_nb``, then vectorbt's static simulation as without a stop). Caches: ``empty`` (a new ``NUMBA_CACHE_DIR`` per run: a fresh
install, or an upgrade of vectorbt or numba) and ``warm`` (a directory a previous process filled by running
the same backtest). Runs are interleaved (the machine is shared), best of N, wall and CPU seconds of the
child process, with the machine load before and after; the ratio empty / warm is printed for both.

``--compiles PATH`` writes what numba compiled during the empty-cache stop run (numba's event API,
``numba:compile``): every function, its argument types, inclusive and self CPU seconds of the compiling thread, as JSON; the top
entries are printed. ``--baseline DIR`` (a checkout of another foa version, e.g. ``git worktree add``)
runs the same children with that tree's foa, interleaved with this one's, for a before/after under the
same load. Speed is measured and printed here, never asserted in tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time

CASES = ("plain", "stop")
MODULES = ("plotly", "plotly.graph_objs._figurewidget", "nbformat.v4", "jsonschema", "rfc3987_syntax", "quantstats")


def child(case: str, record: str | None) -> None:
    """One first backtest (and a second, warm in-process) in this fresh process: JSON on stdout."""
    import foa
    from foa.samples import market_data
    from foa.spec.library import get

    df = market_data("^GSPC")
    spec = get("sma_crossover")
    if case == "stop":
        spec = spec.model_copy(update={"risk": spec.risk.model_copy(update={"stop_loss": 0.05})})
    if "vectorbt" in sys.modules or "numba" in sys.modules:
        raise SystemExit("vectorbt or numba loaded before the clock: the measurement would be wrong")
    rows: list[dict] = []
    wall, cpu = time.perf_counter(), time.process_time()
    if record:
        # numba itself is imported on the clock here, as foa.backtest would import it (cache dir first)
        from foa.numba_cache import ensure_numba_cache

        ensure_numba_cache()
        from numba.core import event

        stack: list[list[float]] = []

        class Recorder(event.Listener):
            # thread CPU seconds: numba compiles in this thread, and wall time on a shared machine is mostly waiting
            def on_start(self, ev: event.Event) -> None:
                stack.append([time.thread_time(), 0.0])

            def on_end(self, ev: event.Event) -> None:
                start, nested = stack.pop()
                took = time.thread_time() - start
                if stack:
                    stack[-1][1] += took
                fn = ev.data["dispatcher"].py_func
                rows.append({"function": f"{fn.__module__}.{fn.__qualname__}", "args": str(ev.data["args"]),
                             "seconds": took, "self_seconds": took - nested, "depth": len(stack)})

        with event.install_listener("numba:compile", Recorder()):
            foa.backtest(spec, df)
    else:
        foa.backtest(spec, df)
    first_wall, first_cpu = time.perf_counter() - wall, time.process_time() - cpu
    t = time.perf_counter()
    foa.backtest(spec, df)
    out = {"case": case, "wall": first_wall, "cpu": first_cpu, "second": time.perf_counter() - t,
           "modules": {m: m in sys.modules for m in MODULES}, "compiles": len(rows)}
    if record:
        with open(record, "w") as f:
            json.dump({"case": case, "wall": first_wall, "cpu": first_cpu, "compiles": rows}, f, indent=1)
    print(json.dumps(out))


HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_child(case: str, cache_dir: str, record: str | None = None, tree: str = HERE) -> dict:
    """One fresh process running ``child`` with foa imported from ``tree``."""
    env = dict(os.environ, NUMBA_CACHE_DIR=cache_dir, PYTHONPATH=tree)
    cmd = [sys.executable, __file__, "--child", case] + (["--record", record] if record else [])
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"{case} with cache {cache_dir} failed:\n{proc.stderr[-2000:]}")
    return json.loads(lines[-1])


def load_line() -> str:
    one, five, _ = os.getloadavg()
    return f"machine load {one:.1f} (1 min) / {five:.1f} (5 min) on {os.cpu_count()} cores"


def main() -> None:
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 2
    compiles = sys.argv[sys.argv.index("--compiles") + 1] if "--compiles" in sys.argv else None
    trees = {"this tree": HERE}
    if "--baseline" in sys.argv:
        trees = {"baseline": os.path.abspath(sys.argv[sys.argv.index("--baseline") + 1]), **trees}
    print(f"before: {load_line()}")
    results: dict[tuple[str, str, str], list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="foa-warm-numba-") as warm_root:
        warm_dirs = {label: os.path.join(warm_root, str(i)) for i, label in enumerate(trees)}
        for label, tree in trees.items():  # fill the warm caches: a previous process ran the same backtest
            for case in CASES:
                run_child(case, warm_dirs[label], tree=tree)
        for r in range(repeat):
            for case in CASES:
                for cache in ("empty", "warm"):
                    for label, tree in trees.items():
                        if cache == "empty":
                            with tempfile.TemporaryDirectory(prefix="foa-empty-numba-") as empty:
                                rec = compiles if (compiles and case == "stop" and r == 0 and label == "this tree") else None
                                out = run_child(case, empty, rec, tree)
                        else:
                            out = run_child(case, warm_dirs[label], tree=tree)
                        results.setdefault((label, case, cache), []).append(out)
                        print(f"  run {r + 1} {label:9s} {case:5s} {cache:5s}: {out['wall']:6.2f} s wall, "
                              f"{out['cpu']:6.2f} s CPU" + (f", {out['compiles']} numba compilations" if out["compiles"] else ""),
                              flush=True)
    print(f"after:  {load_line()}")
    for label in trees:
        for case in CASES:
            e = {k: min(o[k] for o in results[(label, case, "empty")]) for k in ("wall", "cpu")}
            w = {k: min(o[k] for o in results[(label, case, "warm")]) for k in ("wall", "cpu")}
            what = "with a 5% stop" if case == "stop" else "no stop"
            print(f"{label}: first backtest {what:14s} (best of {repeat}): empty cache {e['wall']:6.2f} s wall "
                  f"{e['cpu']:6.2f} s CPU; warm cache {w['wall']:5.2f} s wall {w['cpu']:5.2f} s CPU -> "
                  f"{e['wall'] / w['wall']:4.1f}x wall, {e['cpu'] / w['cpu']:4.1f}x CPU"
                  + ("  (target <= 2.5x)" if case == "stop" else ""))
        mods = results[(label, "stop", "warm")][-1]["modules"]
        print(f"{label}: loaded by the first backtest: " + ", ".join(f"{m} {'yes' if v else 'no'}" for m, v in mods.items()))
    if compiles:
        with open(compiles) as f:
            rows = json.load(f)["compiles"]
        total = sum(r["self_seconds"] for r in rows)
        print(f"numba compilations on the empty-cache stop run: {len(rows)}, {total:.1f} s (full list: {compiles})")
        for r in sorted(rows, key=lambda r: -r["self_seconds"])[:12]:
            print(f"  {r['self_seconds']:5.2f} s self {r['seconds']:5.2f} s incl CPU  {r['function']}")


if __name__ == "__main__":
    if "--child" in sys.argv:
        child(sys.argv[sys.argv.index("--child") + 1],
              sys.argv[sys.argv.index("--record") + 1] if "--record" in sys.argv else None)
    else:
        main()
