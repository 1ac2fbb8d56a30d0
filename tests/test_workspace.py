"""The workspace file: paths, migrations, audit, nested use, two real processes, crash safety."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import foa
from foa.errors import WorkspaceError

ROOT = Path(__file__).resolve().parents[1]


def run_py(code: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def test_path_explicit_env_and_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FOA_WORKSPACE", raising=False)
    assert foa.Workspace().path == tmp_path / "foa.duckdb"
    monkeypatch.setenv("FOA_WORKSPACE", str(tmp_path / "env.duckdb"))
    assert foa.Workspace().path == tmp_path / "env.duckdb"
    assert foa.Workspace(tmp_path / "x" / "explicit.duckdb").path == tmp_path / "x" / "explicit.duckdb"
    assert (tmp_path / "x" / "explicit.duckdb").exists()  # missing folders are created


def test_directory_path_is_refused(tmp_path):
    with pytest.raises(WorkspaceError, match="is a directory"):
        foa.Workspace(tmp_path)


def test_migrations_recorded_and_idempotent(ws):
    versions = ws.schema_versions()
    assert versions["core"] >= 1 and versions["prices"] >= 1
    ws.audit("note", {"k": 1})
    again = foa.Workspace(ws.path)  # re-opening runs no migration twice and keeps the data
    assert again.schema_versions() == versions
    log = again.audit_log()
    assert list(log["action"]) == ["note"]
    assert log["os_user"].iloc[0]


def test_transaction_rolls_back_everything(ws):
    with pytest.raises(RuntimeError):
        with ws.transaction() as con:
            ws.audit("first", con=con)
            with ws.transaction() as inner:  # joins the outer transaction
                ws.audit("second", con=inner)
            raise RuntimeError("boom")
    assert ws.audit_log().empty


def test_read_inside_transaction_sees_it_and_write_inside_read_is_refused(ws):
    with ws.transaction() as con:
        ws.audit("x", con=con)
        with ws.read() as r:
            assert r.execute("SELECT count(*) FROM audit").fetchone()[0] == 1
    with ws.read():
        with pytest.raises(WorkspaceError, match="inside `ws.read\\(\\)`"):
            with ws.transaction():
                pass
    assert len(ws.audit_log()) == 1


def test_threads_of_one_process_share_the_file(ws):
    ws.prices.load_bundled(["^VIX"])
    started, errors, seen = threading.Event(), [], []

    def writer():
        try:
            with ws.transaction() as con:
                started.set()
                time.sleep(0.3)
                ws.audit("slow write", con=con)
        except Exception as err:  # pragma: no cover - reported below
            errors.append(err)

    t = threading.Thread(target=writer)
    t.start()
    started.wait(5)
    try:
        seen.append(ws.prices.close("^VIX").shape)  # a read while another thread holds a writer
    finally:
        t.join(10)
    assert not errors
    assert seen == [(1259, 1)]
    assert ws.audit_log()["action"].iloc[0] == "slow write"


WORKER = """
import sys, foa
ws = foa.Workspace(sys.argv[1], lock_timeout=60)
for i in range(int(sys.argv[3])):
    with ws.transaction() as con:
        ws.audit("worker", {"who": sys.argv[2], "i": i}, con=con)
    with ws.read() as con:
        con.execute("SELECT count(*) FROM audit").fetchone()
print("done")
"""


def test_two_processes_on_one_file_both_succeed(workspace_path):
    foa.Workspace(workspace_path)
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, str(workspace_path), name, "25"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1][-500:] for o in outs]
    with foa.Workspace(workspace_path).read() as con:
        counts = dict(con.execute(
            "SELECT detail->>'who', count(*) FROM audit WHERE action = 'worker' GROUP BY ALL").fetchall())
    assert counts == {"a": 25, "b": 25}


CRASH_IN_TRANSACTION = """
import sys, pathlib, foa, pandas as pd, numpy as np
ws = foa.Workspace(sys.argv[1])
ws.prices.load_bundled(["^GSPC"])                      # committed before the crash
days = pd.bdate_range("1990-01-01", periods=4000)
big = pd.DataFrame({"symbol": np.repeat([f"P{i:03d}" for i in range(100)], len(days)),
                    "date": np.tile(days.to_numpy(), 100), "Close": 1.0 + np.arange(100 * len(days)) % 7})
with ws.transaction() as con:
    ws.prices.write(big, source="partial")           # 400,000 rows inside the open transaction
    pathlib.Path(sys.argv[2]).write_text("written")
    import time; time.sleep(120)                      # killed here, before COMMIT
"""


def _kill_when(marker: Path, proc: subprocess.Popen, delay: float = 0.0) -> None:
    deadline = time.monotonic() + 120
    while not marker.exists():
        if proc.poll() is not None:
            raise AssertionError(f"child ended early: {proc.stderr.read()[-800:]}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("child never reached the write")
        time.sleep(0.05)
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)


def test_sigkill_inside_a_large_transaction_leaves_earlier_data_and_no_partial_batch(tmp_path):
    path, marker = tmp_path / "crash.duckdb", tmp_path / "marker"
    proc = subprocess.Popen([sys.executable, "-c", CRASH_IN_TRANSACTION, str(path), str(marker)], cwd=ROOT,
                            stderr=subprocess.PIPE, text=True)
    _kill_when(marker, proc)
    assert proc.returncode == -signal.SIGKILL
    ws = foa.Workspace(path)  # opens fine after the crash (DuckDB replays or discards its WAL)
    syms = ws.prices.symbols()
    assert list(syms["symbol"]) == ["^GSPC"]
    assert int(syms["rows"].iloc[0]) == 5031
    with ws.read() as con:
        assert con.execute("SELECT count(*) FROM prices WHERE source = 'partial'").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM price_coverage WHERE source = 'partial'").fetchone()[0] == 0


CRASH_DURING_INSERT = """
import sys, pathlib, foa, pandas as pd, numpy as np
ws = foa.Workspace(sys.argv[1])
ws.prices.load_bundled(["^IXIC"])
days = pd.bdate_range("1990-01-01", periods=5000)
big = pd.DataFrame({"symbol": np.repeat([f"Q{i:03d}" for i in range(300)], len(days)),
                    "date": np.tile(days.to_numpy(), 300), "Close": 1.0 + np.arange(300 * len(days)) % 11})
pathlib.Path(sys.argv[2]).write_text("starting")
ws.prices.write(big, source="batch")                  # 1.5 M rows: killed somewhere in here
pathlib.Path(sys.argv[2] + ".done").write_text("done")
import time; time.sleep(120)
"""


def test_sigkill_during_a_large_write_is_all_or_nothing(tmp_path):
    path, marker = tmp_path / "crash2.duckdb", tmp_path / "marker"
    proc = subprocess.Popen([sys.executable, "-c", CRASH_DURING_INSERT, str(path), str(marker)], cwd=ROOT,
                            stderr=subprocess.PIPE, text=True)
    _kill_when(marker, proc, delay=0.4)
    ws = foa.Workspace(path)
    with ws.read() as con:
        n = con.execute("SELECT count(*) FROM prices WHERE source = 'batch'").fetchone()[0]
        earlier = con.execute("SELECT count(*) FROM prices WHERE symbol = '^IXIC'").fetchone()[0]
    assert earlier == 5031
    assert n in (0, 1_500_000)  # either the whole batch committed or none of it is visible
