"""A workspace with the bundled market data, built once per module (loading takes ~0.5 s)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    import foa

    ws = foa.Workspace(tmp_path_factory.mktemp("bundled") / "ws.duckdb")
    ws.prices.load_bundled()
    return ws
