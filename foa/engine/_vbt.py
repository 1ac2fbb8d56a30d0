"""Import vectorbt on first use (never at import time) and pick its engine: Rust when available, else numba."""

from __future__ import annotations

from typing import Any

from foa.numba_cache import ensure_numba_cache

__all__ = ["engine_name", "prepare_numba", "vbt"]

_ENGINE: str | None = None


def prepare_numba() -> None:
    """Point numba's on-disk cache at a writable per-user directory before numba loads."""
    ensure_numba_cache()


def vbt() -> Any:
    """The vectorbt module, with numba's on-disk cache set up first."""
    prepare_numba()
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
