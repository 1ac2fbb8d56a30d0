"""Bundled samples: real market data (from the ``arch`` package) and short strategy documents written for
foa, usable without a workspace.

    foa.samples.market_data("^GSPC")          # OHLCV frame, 1999-2018
    foa.samples.load_sample("broker_note")    # a Document
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "market_data": "foa.samples.market",
    "market_symbols": "foa.samples.market",
    "load_sample": "foa.samples.documents",
    "sample_documents": "foa.samples.documents",
    "sample_path": "foa.samples.documents",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'foa.samples' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
