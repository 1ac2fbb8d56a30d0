"""A workspace the user may read but not write (chmod 444 for a non-root user, a read-only mount) opens
for reading: `data list`, `data show`, price reads. A workspace that needs a schema upgrade it cannot get
says so. The non-root user is real: a subprocess drops to uid 65534 with os.setuid (root only)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

import foa
from foa.errors import WorkspaceError
from foa.workspace import code_versions

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534

# Everything foa loads lazily is imported (by doing the same reads on a scratch copy) while still root:
# after setuid the interpreter's own files may be unreadable (e.g. a Python under /root).
AS_NOBODY = textwrap.dedent("""
    import contextlib, io, os, shutil, sys
    import foa
    from foa.cli import main
    path, scratch, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
    shutil.copy(path, scratch)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        main([*argv, "--workspace", scratch])
        foa.Workspace(scratch).prices.close("^GSPC")
    os.setgroups([]); os.setgid(%(uid)d); os.setuid(%(uid)d)
    assert not os.access(path, os.W_OK)
    try:
        print("rows", len(foa.Workspace(path).prices.close("^GSPC")))
    except foa.FoaError as err:
        print("refused:", err)
    sys.stdout.flush()
    sys.exit(main([*argv, "--workspace", path]))
""" % {"uid": NOBODY})


def as_nobody(path: Path, *argv: str) -> subprocess.CompletedProcess:
    if os.geteuid() != 0:
        pytest.skip("dropping to a non-root user needs root (os.setuid)")
    scratch = Path(tempfile.mkdtemp()) / "scratch.duckdb"
    try:
        return subprocess.run([sys.executable, "-c", AS_NOBODY, str(path), str(scratch), *argv],
                              capture_output=True, text=True, timeout=300, cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    finally:
        shutil.rmtree(scratch.parent, ignore_errors=True)


@pytest.fixture
def readonly_dir():
    """A folder other users can enter (pytest's tmp_path is 0700, root's own)."""
    d = Path(tempfile.mkdtemp(prefix="foa-ro-"))
    d.chmod(0o755)
    yield d
    d.chmod(0o755)
    shutil.rmtree(d, ignore_errors=True)


def make_readonly(path: Path) -> None:
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # 444
    path.parent.chmod(0o555)


def test_chmod_444_workspace_is_readable_by_another_user(readonly_dir):
    path = readonly_dir / "ws.duckdb"
    ws = foa.Workspace(path)
    ws.prices.load_bundled(["^GSPC", "^VIX"])
    n = len(ws.prices.close("^GSPC"))
    make_readonly(path)
    before = path.read_bytes()
    done = as_nobody(path, "data", "list")
    assert done.returncode == 0, done.stderr
    assert f"rows {n}" in done.stdout and "^VIX" in done.stdout
    done = as_nobody(path, "data", "show", "^GSPC", "--rows", "2")
    assert done.returncode == 0, done.stderr
    assert path.read_bytes() == before


def test_read_only_file_needing_an_upgrade_says_so(readonly_dir):
    path = readonly_dir / "old.duckdb"
    ws = foa.Workspace(path)
    ws.prices.load_bundled(["^GSPC"])
    with ws.transaction() as con:  # as written by a foa without the backtests room
        con.execute("DROP TABLE backtests")
        con.execute("DELETE FROM schema_version WHERE component = 'backtests'")
    make_readonly(path)
    done = as_nobody(path, "data", "list")
    assert done.returncode == 1
    for text in (done.stdout, done.stderr):
        want = f"backtests 0 -> {code_versions()['backtests']}"  # whatever version this foa's backtests table is at
        assert "needs a schema upgrade" in text and want in text and "read-only" in text


def test_workspace_on_a_read_only_mount_opens_for_reading(small_disk):
    path = small_disk / "ws.duckdb"
    foa.Workspace(path).prices.load_bundled(["^VIX"])
    done = subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot remount the tmpfs read-only: {done.stderr.strip()}")
    ws = foa.Workspace(path)
    assert len(ws.prices.close("^VIX")) > 0
    with pytest.raises(WorkspaceError, match="read-only|writable"):
        ws.audit("x")
