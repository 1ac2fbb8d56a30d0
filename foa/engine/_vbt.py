"""Import vectorbt on first use (never at import time) and pick its engine: Rust when available, else numba."""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["engine_name", "vbt"]

_ENGINE: str | None = None


def vbt() -> Any:
    """The vectorbt module, with numba's on-disk cache set up first when foa provides it."""
    try:
        numba_helper = importlib.import_module("foa._numba")
    except ModuleNotFoundError:
        numba_helper = None
    if numba_helper is not None and hasattr(numba_helper, "ensure_numba_cache"):
        numba_helper.ensure_numba_cache()
    import vectorbt

    return vectorbt


def engine_name() -> str:
    """'rust' when vectorbt-rust is installed and matches vectorbt's version, else 'numba'."""
    global _ENGINE
    if _ENGINE is None:
        vbt()
        from vectorbt._engine import is_rust_available

        _ENGINE = "rust" if is_rust_available() else "numba"
    return _ENGINE
