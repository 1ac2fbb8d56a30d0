"""foa's errors: one family, so a caller catches one thing.

    FoaError                      root of everything foa raises on purpose
    ├── DataError                 prices: unknown symbol, empty download, bad CSV/Parquet, workspace lock
    │   ├── WorkspaceError        the workspace file: not DuckDB, read-only directory, held by another process
    │   └── SymbolNotFound        a symbol the spec names is not in the prices (also a SpecError)
    ├── DocumentError             a document cannot be read: missing, corrupt, encrypted, no text, unsupported
    ├── SpecError                 a StrategySpec is invalid or cannot run on the given data
    └── ExtractionError           extraction failed: model errors, invalid replies, rate limits, time-outs
        └── NoStrategyFound       the document holds no concrete, tradable rule

Every message says what happened and how to fix it. A dependency's error is re-raised as one of
these with ``raise ... from err``, so the original stays attached as ``__cause__``. Messages (and an
ExtractionError's replies) pass through ``foa.secrets.scrub``: an API key never shows in one.
"""

from __future__ import annotations

from foa.secrets import scrub

__all__ = [
    "DataError",
    "DocumentError",
    "ExtractionError",
    "FoaError",
    "NoStrategyFound",
    "SpecError",
    "SymbolNotFound",
    "WorkspaceError",
]


class FoaError(Exception):
    """Root of every error foa raises on purpose; its message says how to fix it."""

    def __init__(self, *args: object):
        # an API's error body or a model's reply quoted in a message may echo the key
        super().__init__(*(scrub(a) if isinstance(a, str) else a for a in args))


class DataError(FoaError):
    """Price data is missing, malformed or cannot be fetched or stored."""


class WorkspaceError(DataError):
    """The workspace file cannot be opened, is not a DuckDB file, or is locked by another process."""


class DocumentError(FoaError):
    """A document cannot be read: missing, corrupt, encrypted, empty, image-only or unsupported."""


class SpecError(FoaError):
    """A StrategySpec is invalid or cannot be run on the data given."""


class SymbolNotFound(DataError, SpecError):
    """A symbol the spec needs is not in the prices given; ``missing`` lists them.

    Its message names the ways to get them (``fetch=True``, ``proxies=True``, adding data) and the
    symbols close to each one ("did you mean '^GSPC'?").
    """

    def __init__(self, message: str, *, missing: list[str] | None = None):
        super().__init__(message)
        self.missing = list(missing or [])


class ExtractionError(FoaError):
    """Turning a document into a StrategySpec failed (model error, invalid reply, rate limit, time-out).

    ``attempts`` holds the raw replies tried, ``last_reply`` the final one (may be None).
    """

    def __init__(self, message: str, *, attempts: list | None = None, last_reply: str | None = None):
        super().__init__(message)
        self.attempts = [scrub(a) if isinstance(a, str) else a for a in attempts or []]
        self.last_reply = scrub(last_reply) if isinstance(last_reply, str) else last_reply


class NoStrategyFound(ExtractionError):
    """The document holds no concrete, tradable rule (commentary, philosophy): nothing was invented."""
