"""Readers and writers from separate processes are served in a fair order (checked by order, not time).

Each worker process opens the workspace, then waits for a "go" line; the test lets one process at a time
take its place in the queue (it waits until the queue shows it), so arrival order is known. Inside, each
process appends its name to an order file; a writer also stores an audit row, checked present at the end.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import foa
from foa.turnstile import Turnstile

ROOT = Path(__file__).resolve().parents[2]

WORKER = textwrap.dedent("""
    import sys, foa
    path, name, role, order, hold = sys.argv[1:6]
    ws = foa.Workspace(path, lock_timeout=300)
    ws.audit_log(1)                                   # imports done before the test starts timing nothing
    print("ready", flush=True)
    sys.stdin.readline()
    with (ws.transaction() if role == "write" else ws.read()) as con:
        with open(order, "a") as f:
            f.write(name + "\\n")
        if role == "write":
            ws.audit("fairness", {"who": name}, con=con)
        else:
            con.execute("SELECT count(*) FROM audit").fetchone()
        if hold == "hold":
            print("inside", flush=True)
            sys.stdin.readline()
    print("done", flush=True)
""")

pytestmark = pytest.mark.skipif(Turnstile.open(Path.cwd() / "probe.duckdb") is None,
                                reason="the workspace queue needs Linux open-file-description locks")


class Worker:
    def __init__(self, path: Path, name: str, role: str, order: Path, hold: bool = False):
        self.name = name
        self.proc = subprocess.Popen([sys.executable, "-c", WORKER, str(path), name, role, str(order),
                                      "hold" if hold else "-"], cwd=ROOT, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def expect(self, line: str) -> None:
        got = self.proc.stdout.readline().strip()
        assert got == line, f"{self.name}: expected {line!r}, got {got!r}: {self.proc.stderr.read()[-800:]}"

    def send(self) -> None:
        self.proc.stdin.write("\n")
        self.proc.stdin.flush()

    def finish(self) -> None:
        out, err = self.proc.communicate(timeout=300)
        assert self.proc.returncode == 0 and out.strip().endswith("done"), f"{self.name}: {err[-800:]}"


def _queued(queue: Turnstile, worker: Worker) -> None:
    """Wait until ``worker`` holds a ticket (queued or inside); fail if it dies or never gets one."""
    deadline = time.monotonic() + 120
    while worker.proc.pid not in {w.pid for w in queue.waiters()}:
        assert worker.proc.poll() is None, f"{worker.name} ended: {worker.proc.stderr.read()[-800:]}"
        assert time.monotonic() < deadline, f"{worker.name} never joined the queue"
        time.sleep(0.02)


def _arrive(queue: Turnstile, *workers: Worker) -> None:
    for w in workers:
        w.send()
        _queued(queue, w)


def _start(path: Path, order: Path, *specs: tuple[str, str]) -> dict[str, Worker]:
    workers = {name: Worker(path, name, role, order, hold=name.endswith("hold")) for name, role in specs}
    for w in workers.values():
        w.expect("ready")
    return workers


def test_a_reader_waits_for_one_write_and_writers_keep_their_order(tmp_path):
    path, order = tmp_path / "fair.duckdb", tmp_path / "order.txt"
    foa.Workspace(path)
    queue = Turnstile.open(path)
    w = _start(path, order, ("Whold", "write"), ("W1", "write"), ("W2", "write"), ("R1", "read"),
               ("W3", "write"), ("R2", "read"))
    _arrive(queue, w["Whold"])
    w["Whold"].expect("inside")
    _arrive(queue, w["W1"], w["W2"], w["R1"], w["W3"], w["R2"])  # all queue behind the write inside
    assert [x.pid for x in queue.waiters()] == [w[n].proc.pid for n in ("Whold", "W1", "W2", "R1", "W3", "R2")]
    assert [x.inside for x in queue.waiters()] == [True] + [False] * 5
    w["Whold"].send()
    for x in w.values():
        x.finish()
    served = order.read_text().split()
    # the readers wait for the one write inside when they came, not for the writes queued before them;
    # the writes keep their arrival order
    assert served[0] == "Whold" and set(served[1:3]) == {"R1", "R2"} and served[3:] == ["W1", "W2", "W3"]
    stored = set(foa.Workspace(path).audit_log()["detail"].str.extract(r'"who": "(\w+)"')[0].dropna())
    assert stored == {"Whold", "W1", "W2", "W3"}  # every acknowledged write is in the file


def test_a_stream_of_readers_cannot_keep_a_writer_out(tmp_path):
    path, order = tmp_path / "fair.duckdb", tmp_path / "order.txt"
    foa.Workspace(path)
    queue = Turnstile.open(path)
    w = _start(path, order, ("Rhold", "read"), ("W1", "write"), ("R1", "read"), ("R2", "read"))
    _arrive(queue, w["Rhold"])
    w["Rhold"].expect("inside")
    _arrive(queue, w["W1"], w["R1"], w["R2"])  # readers arriving after a waiting writer do not join Rhold
    assert [x.inside for x in queue.waiters()] == [True, False, False, False]
    w["Rhold"].send()
    for x in w.values():
        x.finish()
    served = order.read_text().split()
    assert served[:2] == ["Rhold", "W1"] and set(served[2:]) == {"R1", "R2"}
    assert "W1" in foa.Workspace(path).audit_log()["detail"].str.cat()


def test_a_killed_process_never_blocks_the_queue(tmp_path):
    path, order = tmp_path / "fair.duckdb", tmp_path / "order.txt"
    foa.Workspace(path)
    queue = Turnstile.open(path)
    w = _start(path, order, ("Whold", "write"), ("R1", "read"), ("W1", "write"))
    _arrive(queue, w["Whold"])
    w["Whold"].expect("inside")
    _arrive(queue, w["R1"], w["W1"])
    os.kill(w["Whold"].proc.pid, signal.SIGKILL)  # inside, mid-transaction: never commits, never leaves
    w["Whold"].proc.wait(60)
    for name in ("R1", "W1"):
        w[name].finish()
    assert order.read_text().split() == ["Whold", "R1", "W1"]
    log = foa.Workspace(path).audit_log()["detail"].str.cat()
    assert "W1" in log and "Whold" not in log  # the killed write left nothing; the next one is stored
    assert queue.waiters() == []


def test_a_time_out_names_the_holder_and_counts_the_queue(tmp_path):
    path, order = tmp_path / "fair.duckdb", tmp_path / "order.txt"
    foa.Workspace(path)
    queue = Turnstile.open(path)
    w = _start(path, order, ("Whold", "write"), ("W1", "write"))
    _arrive(queue, w["Whold"])
    w["Whold"].expect("inside")
    _arrive(queue, w["W1"])
    with pytest.raises(foa.FoaError) as info:
        foa.Workspace(path, lock_timeout=0.3)
    msg = str(info.value)
    assert f"process {w['Whold'].proc.pid}" in msg and "stayed locked for 0.3 s" in msg
    assert "1 more process(es) were queued ahead of this one" in msg
    assert queue.waiters()[-1].pid == w["W1"].proc.pid  # the one that gave up left the queue
    w["Whold"].send()
    for x in w.values():
        x.finish()
    assert order.read_text().split() == ["Whold", "W1"]
