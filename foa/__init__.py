"""foa: front office analytics.

    import foa
    doc = foa.load_document("note.pdf")            # page-aware Document
    spec = foa.extract_strategy(doc)               # StrategySpec, every rule backed by a quote
    ws = foa.Workspace()                           # one DuckDB file: prices, documents, results
    result = foa.backtest(spec, ws)                # vectorbt, next-open fills, no look-ahead
    result.stats["sharpe"]; result.plot()

``import foa`` loads pydantic and the standard library only: vectorbt, anthropic, duckdb, pymupdf and
ipywidgets load inside the functions that use them. The public names below resolve on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from foa._version import __version__
from foa.errors import (
    DataError,
    DocumentError,
    ExtractionError,
    FoaError,
    NoStrategyFound,
    SpecError,
    SymbolNotFound,
    WorkspaceError,
)
from foa.lazy import lazy_getattr

# public name -> module that defines it (imported on first attribute access)
_LAZY: dict[str, str] = {
    "BacktestResult": "foa.engine.result",
    "CheckReport": "foa.spec.check",
    "CheckWarning": "foa.engine.checks",
    "Document": "foa.documents.model",
    "Page": "foa.documents.model",
    "PortfolioResult": "foa.engine.portfolio",
    "StrategySpec": "foa.spec.model",
    "SweepResult": "foa.engine.sweep",
    "WalkForwardResult": "foa.engine.walkforward",
    "Workspace": "foa.workspace",
    "backtest": "foa.engine.backtest",
    "check": "foa.engine.checks",
    "evidence_view": "foa.widgets.review",
    "extract_strategies": "foa.extract.batch",
    "extract_strategy": "foa.extract.api",
    "indicators": "foa.spec.catalogue",
    "load_document": "foa.documents.load",
    "load_documents": "foa.documents.load",
    "portfolio": "foa.engine.portfolio",
    "prices_from_parquet": "foa.data.parquet",
    "register_indicator": "foa.engine.custom",
    "report": "foa.report",
    "rule": "foa.spec.rule",
    "samples": "foa.samples",
    "spec": "foa.spec",
    "sweep": "foa.engine.sweep",
    "unregister_indicator": "foa.engine.custom",
    "walk_forward": "foa.engine.walkforward",
    "widgets": "foa.widgets",
}

__all__ = sorted(
    [
        "DataError",
        "DocumentError",
        "ExtractionError",
        "FoaError",
        "NoStrategyFound",
        "SpecError",
        "SymbolNotFound",
        "WorkspaceError",
        "__version__",
        *_LAZY,
    ]
)


__getattr__ = lazy_getattr("foa", _LAZY, globals())


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # explicit imports for type checkers and IDEs
    from foa import report, samples, spec, widgets
    from foa.documents.load import load_document, load_documents
    from foa.documents.model import Document, Page
    from foa.engine.backtest import backtest
    from foa.engine.checks import CheckWarning, check
    from foa.engine.custom import register_indicator, unregister_indicator
    from foa.data.parquet import prices_from_parquet
    from foa.engine.portfolio import PortfolioResult, portfolio
    from foa.engine.result import BacktestResult
    from foa.engine.sweep import SweepResult, sweep
    from foa.engine.walkforward import WalkForwardResult, walk_forward
    from foa.extract.api import extract_strategy
    from foa.extract.batch import extract_strategies
    from foa.spec.catalogue import indicators
    from foa.spec.check import CheckReport
    from foa.spec.model import StrategySpec
    from foa.spec.rule import rule
    from foa.widgets.review import evidence_view
    from foa.workspace import Workspace
