"""The installed ``foa`` command in a real subprocess: bad arguments and files end with the contract's exit
status (0 ok, 1 FoaError, 2 unreadable input, 3 no strategy, 64 usage), a message on stderr, and no
traceback. Kept to a handful of processes (each costs a Python start-up)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FOA = Path(sys.executable).with_name("foa")


def _run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANTHROPIC_")}
    env["FOA_WORKSPACE"] = str(tmp_path / "ws.duckdb")
    return subprocess.run([str(FOA), *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module", autouse=True)
def _installed():
    if not FOA.exists():
        pytest.skip(f"{FOA} is not installed (make install)")


def _files(tmp_path: Path) -> None:
    (tmp_path / "syntax.json").write_text('{"name": "x",,}')
    (tmp_path / "bad.csv").write_text("Date,Close\n2020-01-02,1\n2020-01-03,abc\n")
    (tmp_path / "note.txt").write_text("Markets were choppy this week; we remain cautious on duration.\n" * 3)


@pytest.mark.parametrize("args, code, needle", [
    (["backtest", "missing.json"], 1, "no such spec file"),
    (["backtest", "syntax.json"], 1, "Invalid JSON"),
    (["sweep", "sma_crossover", "--grid", "nonsense"], 1, "KEY=START:STOP:STEP"),
    (["extract", "/dev/null"], 2, "not a regular file"),
    (["extract", "note.txt", "--offline"], 3, "no strategy found"),
    (["data", "show", "NOPE"], 1, "unknown symbol"),
    (["data", "import", "bad.csv"], 1, "is not a number"),
    (["report", "missing.ipynb"], 2, "does not exist"),
    (["eval", "missing.jsonl"], 2, "cannot read the corpus"),
    (["frobnicate"], 64, "invalid choice"),
])
def test_cli_subprocess_bad_input(args, code, needle, tmp_path):
    _files(tmp_path)
    r = _run(args, tmp_path)
    assert r.returncode == code, (r.returncode, r.stderr)
    assert needle in r.stderr
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout


def test_cli_subprocess_failed_import_leaves_workspace_clean(tmp_path):
    _files(tmp_path)
    assert _run(["data", "import", "bad.csv"], tmp_path).returncode == 1
    r = _run(["data", "list"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert "BAD" not in r.stdout
