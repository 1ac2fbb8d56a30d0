"""Bundled samples: real market data (from the ``arch`` package) and short strategy documents written for
foa, usable without a workspace.

    foa.samples.market_data("^GSPC")          # OHLCV frame, 1999-2018
    foa.samples.load_sample("broker_note")    # a Document
"""

from __future__ import annotations

from foa.lazy import lazy_getattr

_LAZY = {
    "market_data": "foa.samples.market",
    "market_symbols": "foa.samples.market",
    "load_sample": "foa.samples.documents",
    "sample_documents": "foa.samples.documents",
    "sample_path": "foa.samples.documents",
}

__all__ = sorted(_LAZY)

__getattr__ = lazy_getattr("foa.samples", _LAZY, globals())


def __dir__() -> list[str]:
    return __all__
