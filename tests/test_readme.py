"""README.md's python block runs verbatim on a fresh workspace in an empty directory, with no network,
and its output says what it substituted (the note trades SPY; the bundled data hold ^GSPC)."""

from __future__ import annotations

import contextlib
import io
import re
import socket
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_python() -> str:
    blocks = re.findall(r"^```python\n(.*?)^```", README.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
    assert len(blocks) == 1, "README.md should hold exactly one python example"
    return blocks[0]


def test_readme_example_runs_verbatim_offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = readme_python()
    empty = tmp_path / "fresh"
    empty.mkdir()
    monkeypatch.chdir(empty)
    monkeypatch.setenv("FOA_WORKSPACE", str(empty / "foa.duckdb"))

    def no_network(*args: object, **kwargs: object) -> None:
        raise OSError("the README example must run offline")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    out = io.StringIO()
    namespace: dict[str, object] = {"__name__": "readme"}
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(README), "exec"), namespace)  # our own file, run as a reader pastes it
    text = out.getvalue()
    assert "SPY traded as ^GSPC: the S&P 500 price index, dividends excluded" in text, text
    result = namespace["result"]
    assert result.assumptions == ["SPY traded as ^GSPC: the S&P 500 price index, dividends excluded"]
    assert result.spec.universe.symbols == ["SPY"] and result.spec.costs.fees == 0.001  # the document's values
    assert result.stats["trades"] > 0
    assert (empty / "foa.duckdb").exists() and sorted(p.name for p in empty.iterdir()) == ["foa.duckdb"]
