"""A LocalCluster started from a plain script without the ``__main__`` guard: a FoaError saying so, not Dask's own
"Nanny failed to start" as the program's last word."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]


def test_a_script_without_the_main_guard_gets_a_foa_error(tmp_path):
    script = tmp_path / "noguard.py"
    script.write_text("import foa.cluster\nclient = foa.cluster.local_client(1)\nprint('started')\nclient.close()\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode != 0 and "started" not in run.stdout
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("foa.errors.FoaError: the Dask workers could not start")
    assert 'if __name__ == "__main__":' in last
