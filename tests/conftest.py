"""Shared fixtures. DuckDB is real in every test; nothing touches the network."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    """A fresh workspace file path in a temporary directory."""
    return tmp_path / "ws.duckdb"


@pytest.fixture
def ws(workspace_path: Path):
    """A fresh, real DuckDB workspace."""
    import foa

    return foa.Workspace(workspace_path)


@pytest.fixture(autouse=True)
def _no_real_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never reach Claude: an API key in the developer's shell must not leak into a test."""
    if not os.environ.get("FOA_LIVE_TESTS"):
        monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
        monkeypatch.delenv("ANTHROPIC_AUTH_TOKEN", raising=False)
        monkeypatch.delenv("ANTHROPIC_PROFILE", raising=False)  # claude_available() counts it too


@pytest.fixture
def shared_eval() -> Path:
    """../shared/eval/dev.jsonl when present (skip otherwise)."""
    p = SHARED / "eval" / "dev.jsonl"
    if not p.exists():
        pytest.skip("../shared/eval/dev.jsonl is not present")
    return p
