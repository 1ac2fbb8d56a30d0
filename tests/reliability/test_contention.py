"""Six processes on one workspace for a bounded time: 4 writers, 2 readers. Every write a writer saw
acknowledged is in the file afterwards, nothing failed, and a time-out names the process holding it.
No timing is asserted (the machine may be loaded): the waits are printed for the record."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import foa
from foa.errors import WorkspaceError

ROOT = Path(__file__).resolve().parents[2]
RUN_SECONDS = 6.0

WORKER = textwrap.dedent("""
    import json, os, sys, time
    import pandas as pd
    import foa
    path, role, n, seconds, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
    ws = foa.Workspace(path, lock_timeout=120)
    acked, waits, errors = [], [], []
    ws.prices.symbols()  # imports done before the clock starts
    if role == "writer":
        from foa.data.frames import to_long
        to_long(pd.DataFrame({"Close": [1.0]}, index=pd.DatetimeIndex(["2000-01-03"])), "X")
    open(f"{out}.ready", "w").close()
    while not os.path.exists(path + ".start"):  # all six begin together
        time.sleep(0.01)
    time.sleep(max(0.0, float(open(path + ".start").read()) - time.time()))
    ws.access_log.clear()  # the file's uses from here on: how long each waited and held it
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
                ws.prices.symbols()
                ws.audit_log(5)
        except foa.FoaError as err:
            errors.append(str(err))
        waits.append(time.monotonic() - t0)
        i += 1
    access = [(a.mode, a.queued, a.held) for a in ws.access_log]
    json.dump({"acked": acked, "waits": waits, "errors": errors, "access": access}, open(out, "w"))
""")


def test_six_processes_every_acknowledged_write_is_stored(tmp_path):
    path = tmp_path / "busy.duckdb"
    foa.Workspace(path).prices.load_bundled(["^VIX"])
    roles = ["writer"] * 4 + ["reader"] * 2
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, str(path), role, str(n), str(RUN_SECONDS),
                               str(tmp_path / f"{role}{n}.json")], cwd=ROOT, stderr=subprocess.PIPE, text=True)
             for n, role in enumerate(roles)]
    ready = [tmp_path / f"{r}{n}.json.ready" for n, r in enumerate(roles)]
    while not all(f.exists() for f in ready) and all(p.poll() is None for p in procs):
        time.sleep(0.05)
    start = tmp_path / "start.tmp"
    start.write_text(str(time.time() + 0.5))
    start.replace(Path(str(path) + ".start"))  # appears whole
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    results = {f"{r}{n}": json.loads((tmp_path / f"{r}{n}.json").read_text()) for n, r in enumerate(roles)}
    assert all(not r["errors"] for r in results.values()), {k: r["errors"][:2] for k, r in results.items()}
    ws = foa.Workspace(path)
    for n in range(4):
        acked = results[f"writer{n}"]["acked"]
        assert acked, f"writer {n} never got a write in"
        stored = ws.prices.close(f"W{n}")[f"W{n}"]
        assert [str(d.date()) for d in stored.index] == acked  # every acknowledged write, nothing else
        assert list(stored) == [100.0 + i for i in range(len(acked))]
    assert all(results[f"reader{n}"]["waits"] for n in (4, 5))
    waits = {k: f"max {max(r['waits']):.2f} s over {len(r['waits'])} ops" for k, r in results.items()}
    access = [a for r in results.values() for a in r["access"]]
    assert sorted(m for m, _, _ in access).count("write") == sum(len(results[f"writer{n}"]["acked"]) for n in range(4))
    read_wait = max((q for m, q, _ in access if m == "read"), default=0.0)
    write_held = max((h for m, _, h in access if m == "write"), default=0.0)
    print("contention:", waits, f"longest reader wait {read_wait:.2f} s, longest write {write_held:.2f} s")


def test_time_out_names_the_holding_process(tmp_path):
    path = tmp_path / "held.duckdb"
    foa.Workspace(path)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sys, foa
        ws = foa.Workspace(sys.argv[1])
        with ws.transaction():
            print("holding", flush=True)
            sys.stdin.readline()
    """), str(path)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(WorkspaceError) as info:
            foa.Workspace(path, lock_timeout=0.3).audit_log()
        msg = str(info.value)
        assert f"process {holder.pid}" in msg and "user " in msg and "stayed locked" in msg
    finally:
        holder.communicate("\n", timeout=60)
