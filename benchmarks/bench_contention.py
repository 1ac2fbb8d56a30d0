"""Readers and writers on one workspace from separate processes: how long does a reader wait?

    .venv/bin/python benchmarks/bench_contention.py [--seconds 10] [--writers 4] [--readers 2]

``--writers`` processes each append one price row per write (``ws.prices.write``: validate, one
transaction with its audit row, close) and ``--readers`` processes each open ``ws.read()`` and run two
small queries, all in a loop for ``--seconds`` on a workspace holding the bundled ^VIX. Each process
times, around every operation, the moment it asked for the file and the moment it had it
(``ws.access_log``: ``queued`` is request -> connection open, ``held`` is the span from the successful
open to the close, the time this process kept the others out).

Printed: the longest and 95th-percentile reader wait, the longest and median write (its ``held``), and
the ratio longest reader wait / longest write: "a reader never waits longer than one write" is a ratio
<= 1 (the figures in seconds depend on the machine's load, printed alongside; the ratio much less so).
Every write a writer saw acknowledged is checked present afterwards. Nothing is asserted about time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def worker(path: str, role: str, n: int, seconds: float, out: str) -> None:
    """One process: loop writes or reads until the shared start time + ``seconds``; dump the timings."""
    import pandas as pd

    import foa

    ws = foa.Workspace(path, lock_timeout=120)
    ws.prices.symbols()  # imports and a first open done before the clock starts
    if role == "writer":
        ws.prices.write(pd.DataFrame({"Close": [1.0]}, index=pd.DatetimeIndex(["1999-12-31"])), f"W{n}")
    Path(out + ".ready").touch()
    start = Path(path + ".start")
    while not start.exists():
        time.sleep(0.01)
    time.sleep(max(0.0, float(start.read_text()) - time.time()))
    log = getattr(ws, "access_log", None)
    if log is not None:
        log.clear()
    acked, ops, opens, errors = [], [], [], []
    stop = time.monotonic() + seconds
    i = 0
    while time.monotonic() < stop:
        t0 = time.monotonic()
        try:
            if role == "writer":
                day = pd.Timestamp("2000-01-03") + pd.offsets.BDay(i)
                ws.prices.write(pd.DataFrame({"Close": [100.0 + i]}, index=pd.DatetimeIndex([day])), f"W{n}")
                acked.append(str(day.date()))
            else:
                with ws.read() as con:
                    opens.append(time.monotonic() - t0)
                    con.execute("SELECT count(*) FROM prices").fetchone()
                    con.execute("SELECT action FROM audit ORDER BY id DESC LIMIT 5").fetchall()
        except foa.FoaError as err:
            errors.append(str(err)[:300])
        ops.append(time.monotonic() - t0)
        i += 1
    access = [(a.mode, a.queued, a.held) for a in log] if log is not None else []
    Path(out).write_text(json.dumps({"acked": acked, "ops": ops, "opens": opens, "errors": errors,
                                      "access": access}))


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--writers", type=int, default=4)
    ap.add_argument("--readers", type=int, default=2)
    ap.add_argument("--worker", nargs=5, metavar=("PATH", "ROLE", "N", "SECONDS", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        path, role, n, seconds, out = args.worker
        worker(path, role, int(n), float(seconds), out)
        return

    import foa

    tmp = Path(tempfile.mkdtemp(prefix="foa-contention-"))
    path = tmp / "busy.duckdb"
    foa.Workspace(path).prices.load_bundled(["^VIX"])
    roles = ["writer"] * args.writers + ["reader"] * args.readers
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    procs = [subprocess.Popen([sys.executable, __file__, "--worker", str(path), role, str(n), str(args.seconds),
                               str(tmp / f"{role}{n}.json")], env=env) for n, role in enumerate(roles)]
    while not all((tmp / f"{r}{n}.json.ready").exists() for n, r in enumerate(roles)):
        if any(p.poll() not in (None, 0) for p in procs):
            sys.exit("a worker failed to start")
        time.sleep(0.05)
    start = tmp / "start.tmp"
    start.write_text(str(time.time() + 0.5))
    start.replace(Path(str(path) + ".start"))
    load_before = os.getloadavg()[0]
    for p in procs:
        p.wait()
    load_after = os.getloadavg()[0]
    results = {f"{r}{n}": json.loads((tmp / f"{r}{n}.json").read_text()) for n, r in enumerate(roles)}

    ws = foa.Workspace(path)
    lost = 0
    for n in range(args.writers):
        acked = results[f"writer{n}"]["acked"]
        stored = {str(d.date()) for d in ws.prices.close(f"W{n}").index}
        lost += len(set(acked) - stored)
    errors = [e for r in results.values() for e in r["errors"]]

    reader_ops = [x for n, r in enumerate(roles) if r == "reader" for x in results[f"reader{n}"]["ops"]]
    reader_opens = [x for n, r in enumerate(roles) if r == "reader" for x in results[f"reader{n}"]["opens"]]
    writer_ops = [x for n, r in enumerate(roles) if r == "writer" for x in results[f"writer{n}"]["ops"]]
    access = [a for r in results.values() for a in r["access"]]
    print(f"{args.writers} writers + {args.readers} readers for {args.seconds:g} s on {os.cpu_count()} cores, "
          f"load average {load_before:.1f} -> {load_after:.1f}")
    print(f"writes acknowledged {sum(len(r['acked']) for r in results.values())}, missing afterwards {lost}, "
          f"errors {len(errors)}{': ' + errors[0] if errors else ''}")
    print(f"reader operations {len(reader_ops)}: longest {max(reader_ops):.3f} s, p95 {_pct(reader_ops, 0.95):.3f} s "
          f"(open + 2 queries + close); ws.read() entered after: longest {max(reader_opens):.3f} s, "
          f"p95 {_pct(reader_opens, 0.95):.3f} s")
    print(f"writer operations {len(writer_ops)}: longest {max(writer_ops):.3f} s, p95 {_pct(writer_ops, 0.95):.3f} s")
    if access:
        waits = [q for m, q, _ in access if m == "read"]
        holds = [h for m, _, h in access if m == "write"]
        longest_write = max(holds)
        print(f"reader wait (request -> open) : longest {max(waits):.3f} s, p95 {_pct(waits, 0.95):.3f} s, "
              f"median {_pct(waits, 0.5):.3f} s over {len(waits)}")
        print(f"write held (open -> closed)   : longest {longest_write:.3f} s, median {_pct(holds, 0.5):.3f} s "
              f"over {len(holds)}")
        print(f"longest reader wait / longest write = {max(waits) / longest_write:.2f}   "
              f"p95 reader wait / median write = {_pct(waits, 0.95) / _pct(holds, 0.5):.2f}")
    else:
        print("(this foa records no ws.access_log: only whole-operation times above)")


if __name__ == "__main__":
    main()
