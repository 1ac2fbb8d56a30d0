"""The workspace queue on its own: tickets, who is inside, the time-out, and foa without a queue.

Orders between processes are tested with real processes in tests/reliability/test_fairness.py; here
the turns are taken by threads (each turn has its own open file, so threads queue like processes).
"""

from __future__ import annotations

import os
import threading

import pytest

import foa
import foa.turnstile as turnstile
from foa.turnstile import Turnstile, TurnstileTimeout

needs_queue = pytest.mark.skipif(Turnstile.open(os.path.abspath("probe.duckdb")) is None,
                                 reason="the workspace queue needs Linux open-file-description locks")


@needs_queue
def test_a_write_inside_blocks_and_names_itself_then_lets_the_next_in(tmp_path):
    queue = Turnstile.open(tmp_path / "q.duckdb")
    assert queue is not None and queue.waiters() == []
    with queue.turn(write=True, timeout=5) as first:
        [me] = queue.waiters()
        assert (me.ticket, me.pid, me.role, me.inside) == (first, os.getpid(), "write", True)
        for write in (False, True):  # a read and a write both wait for the write inside
            with pytest.raises(TurnstileTimeout) as info:
                with queue.turn(write=write, timeout=0.2):
                    pass
            assert [(w.pid, w.role, w.inside) for w in info.value.ahead] == [(os.getpid(), "write", True)]
    assert queue.waiters() == []  # a timed-out turn leaves the queue too
    with queue.turn(write=False, timeout=5), queue.turn(write=False, timeout=5):  # readers share
        assert [(w.role, w.inside) for w in queue.waiters()] == [("read", True), ("read", True)]


@needs_queue
def test_a_queued_reader_is_served_before_a_later_writer(tmp_path):
    queue = Turnstile.open(tmp_path / "q.duckdb")
    served, lock = [], threading.Lock()

    def take(name: str, write: bool) -> None:
        with queue.turn(write=write, timeout=60):
            with lock:
                served.append(name)

    with queue.turn(write=True, timeout=5):
        threads = []
        for name, write in (("W1", True), ("R1", False), ("W2", True)):
            t = threading.Thread(target=take, args=(name, write))
            t.start()
            threads.append(t)
            while len(queue.waiters()) < len(threads) + 1:  # wait until it holds its ticket
                t.join(0.01)
    for t in threads:
        t.join(60)
    assert served == ["R1", "W1", "W2"]


def test_without_a_queue_the_workspace_still_works(tmp_path, monkeypatch):
    planted = tmp_path / "not-a-folder"
    planted.write_text("a file where the queue folder should be")
    monkeypatch.setattr(turnstile, "QUEUE_DIR", planted)
    assert Turnstile.open(tmp_path / "ws.duckdb") is None
    ws = foa.Workspace(tmp_path / "ws.duckdb")
    ws.audit("no queue", {"n": 1})
    assert ws.audit_log()["action"].tolist() == ["no queue"]
    assert [a.mode for a in ws.access_log][-2:] == ["write", "read"]


AS_NOBODY = """
import fcntl, os, pwd, sys  # loaded while root: the interpreter's own files may be unreadable after setuid
from foa.turnstile import Turnstile, TurnstileTimeout
os.setgroups([]); os.setgid(65534); os.setuid(65534)
queue = Turnstile.open(sys.argv[1])
print("inside", [(w.pid, w.role) for w in queue.waiters() if w.inside])
try:
    with queue.turn(write=False, timeout=0.3):
        print("got a turn")
except TurnstileTimeout as err:
    print("waited behind", [w.pid for w in err.ahead])
"""


@needs_queue
def test_another_user_queues_in_the_same_queue(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("running as another user needs root (os.setuid)")
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp(prefix="foa-shared-"))  # pytest's tmp_path is 0700, root's own
    folder.chmod(0o755)
    path = folder / "shared.duckdb"
    queue = Turnstile.open(path)
    root = Path(__file__).resolve().parents[1]
    run = [sys.executable, "-c", AS_NOBODY, str(path)]
    with queue.turn(write=True, timeout=5):
        out = subprocess.run(run, capture_output=True, text=True, timeout=120, cwd=root).stdout
    assert out.splitlines() == [f"inside [({os.getpid()}, 'write')]", f"waited behind [{os.getpid()}]"], out
    out = subprocess.run(run, capture_output=True, text=True, timeout=120, cwd=root).stdout
    assert out.splitlines() == ["inside []", "got a turn"], out
    folder.rmdir()
