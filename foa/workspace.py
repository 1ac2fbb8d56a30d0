"""The workspace: one DuckDB file holding prices, documents, strategies, backtests and an audit trail.

    ws = foa.Workspace()                     # FOA_WORKSPACE, else ./foa.duckdb
    ws.prices.load_bundled()                 # real market data shipped offline
    ws.prices.close(["^GSPC", "^IXIC"])      # a wide frame, dates x symbols

DuckDB lets one process write a file at a time. Two notebooks on one workspace both work because every
operation opens a short-lived connection (read-only for reads), retries with backoff while another
process holds the lock, and gives up with a WorkspaceError that says so: never a hang. Writes run in
one transaction each, so a crash leaves the earlier data intact and no partial batch visible.
"""

from __future__ import annotations

import contextlib
import getpass
import importlib
import json
import os
import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from foa.errors import WorkspaceError

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

    from foa.data.store import PriceStore

__all__ = ["DEFAULT_PATH", "LOCK_TIMEOUT", "Workspace"]

DEFAULT_PATH = "foa.duckdb"
ENV_VAR = "FOA_WORKSPACE"
# How long an operation waits for another process to release the file before giving up.
LOCK_TIMEOUT = 10.0

# Each room owns its tables: component name -> module with MIGRATIONS, an ordered list of
# (version, sql) pairs. Applied in this order; a component's versions only ever grow.
COMPONENTS: dict[str, str] = {
    "core": "foa.workspace",
    "prices": "foa.data.store",
    "documents": "foa.documents.store",
    "strategies": "foa.extract.store",
    "backtests": "foa.engine.store",
}

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE SEQUENCE IF NOT EXISTS audit_seq;
        CREATE TABLE IF NOT EXISTS audit (
            id BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'),
            at_time TIMESTAMP NOT NULL DEFAULT (now()::TIMESTAMP),
            os_user VARCHAR NOT NULL,
            action VARCHAR NOT NULL,
            detail JSON
        );
        """,
    ),
]


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return os.environ.get("USER", "unknown")


def _is_lock_error(err: BaseException) -> bool:
    msg = str(err).lower()
    return "lock" in msg and ("conflicting" in msg or "could not set lock" in msg)


class Workspace:
    """One DuckDB file: prices, documents, strategies, backtests and the audit trail.

    ``path``: explicit argument, else the ``FOA_WORKSPACE`` environment variable, else ``./foa.duckdb``.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, lock_timeout: float = LOCK_TIMEOUT):
        raw = path if path is not None else os.environ.get(ENV_VAR) or DEFAULT_PATH
        self.path = Path(raw).expanduser().resolve()
        self.lock_timeout = lock_timeout
        if self.path.is_dir():
            raise WorkspaceError(f"workspace path {self.path} is a directory: give a file name such as {self.path / DEFAULT_PATH}")
        self._migrate()

    # ----------------------------------------------------------------------------- connections
    def _open(self, read_only: bool) -> "duckdb.DuckDBPyConnection":
        import duckdb

        deadline = time.monotonic() + self.lock_timeout
        delay = 0.02
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=read_only)
            except duckdb.Error as err:
                if _is_lock_error(err):
                    if time.monotonic() < deadline:
                        time.sleep(delay + random.uniform(0, delay))
                        delay = min(delay * 2, 0.5)
                        continue
                    raise WorkspaceError(
                        f"the workspace {self.path} is locked by another process (another notebook or "
                        f"script writing to it) and stayed locked for {self.lock_timeout:.0f} s. Wait for it "
                        "to finish, close that kernel, or use another workspace file (FOA_WORKSPACE)."
                    ) from err
                raise self._translate(err) from err

    def _translate(self, err: BaseException) -> WorkspaceError:
        msg = str(err)
        low = msg.lower()
        if "not a valid duckdb database" in low or "unable to open database" in low and "not a" in low:
            return WorkspaceError(
                f"{self.path} exists but is not a DuckDB workspace file. Point FOA_WORKSPACE (or "
                "Workspace(path)) at another file, or move this one away."
            )
        if "permission denied" in low or "read-only file system" in low or "not a directory" in low or "no such file" in low:
            return WorkspaceError(
                f"cannot write the workspace {self.path}: {msg.splitlines()[0]}. Choose a writable location "
                "with Workspace(path) or FOA_WORKSPACE."
            )
        return WorkspaceError(f"workspace {self.path}: {msg.splitlines()[0]}")

    @contextlib.contextmanager
    def read(self) -> Iterator["duckdb.DuckDBPyConnection"]:
        """A short-lived read-only connection (other kernels may read at the same time)."""
        import duckdb

        con = self._open(read_only=True)
        try:
            yield con
        except duckdb.Error as err:
            raise self._translate(err) from err
        finally:
            con.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator["duckdb.DuckDBPyConnection"]:
        """A short-lived read-write connection inside one transaction: all of it commits or none of it."""
        import duckdb

        con = self._open(read_only=False)
        try:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        except duckdb.Error as err:
            raise self._translate(err) from err
        finally:
            con.close()

    # ------------------------------------------------------------------------------ migrations
    def _migrate(self) -> None:
        import duckdb

        try:
            with self.transaction() as con:
                con.execute(
                    "CREATE TABLE IF NOT EXISTS schema_version (component VARCHAR PRIMARY KEY, "
                    "version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT (now()::TIMESTAMP))"
                )
                have = dict(con.execute("SELECT component, version FROM schema_version").fetchall())
                for component, module in COMPONENTS.items():
                    try:
                        migrations = importlib.import_module(module).MIGRATIONS
                    except (ImportError, AttributeError):
                        continue  # that room has no tables yet
                    current = have.get(component, 0)
                    for version, sql in migrations:
                        if version > current:
                            con.execute(sql)
                            current = version
                    if current != have.get(component, 0):
                        con.execute(
                            "INSERT OR REPLACE INTO schema_version (component, version) VALUES (?, ?)",
                            [component, current],
                        )
        except WorkspaceError:
            raise
        except duckdb.Error as err:  # pragma: no cover - translated above in practice
            raise self._translate(err) from err

    def schema_versions(self) -> dict[str, int]:
        """component -> applied migration version."""
        with self.read() as con:
            return dict(con.execute("SELECT component, version FROM schema_version ORDER BY component").fetchall())

    # ------------------------------------------------------------------------------------ audit
    def audit(self, action: str, detail: dict[str, Any] | None = None, *, con: "duckdb.DuckDBPyConnection | None" = None) -> None:
        """Record who (OS user), when and what. Pass ``con`` to record inside a running transaction."""
        args = [_os_user(), action, json.dumps(detail or {}, default=str)]
        sql = "INSERT INTO audit (os_user, action, detail) VALUES (?, ?, ?)"
        if con is not None:
            con.execute(sql, args)
        else:
            with self.transaction() as c:
                c.execute(sql, args)

    def audit_log(self, limit: int = 100) -> "pd.DataFrame":
        """The most recent audit entries, newest first."""
        with self.read() as con:
            return con.execute(
                "SELECT id, at_time, os_user, action, detail FROM audit ORDER BY id DESC LIMIT ?", [limit]
            ).df()

    # ------------------------------------------------------------------------------ rooms
    @property
    def prices(self) -> "PriceStore":
        """The price store (fetch, import, read)."""
        from foa.data.store import PriceStore

        return PriceStore(self)

    def documents(self) -> "pd.DataFrame":
        """Stored documents: id, name, mime, pages, title, loaded at."""
        from foa.documents.store import list_documents

        return list_documents(self)

    def document(self, document_id: str) -> Any:
        """A stored Document by id (or a unique id prefix)."""
        from foa.documents.store import get_document

        return get_document(self, document_id)

    def add_document(self, doc: Any) -> str:
        """Store a Document (deduplicated by content hash); returns its id."""
        from foa.documents.store import save_document

        return save_document(self, doc)

    def strategies(self) -> "pd.DataFrame":
        """Extracted strategies with model, prompt version, tokens and cost."""
        from foa.extract.store import list_strategies

        return list_strategies(self)

    def backtests(self) -> "pd.DataFrame":
        """Saved backtests with their stats and a hash of the prices they ran on."""
        from foa.engine.store import list_backtests

        return list_backtests(self)

    # ---------------------------------------------------------------------------------- display
    def summary(self) -> dict[str, Any]:
        """Counts of what the workspace holds."""
        out: dict[str, Any] = {"path": str(self.path)}
        with self.read() as con:
            tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
            for t in ("prices", "documents", "strategies", "backtests", "audit"):
                if t in tables:
                    out[t] = con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]  # t from a fixed list
        return out

    def __repr__(self) -> str:
        return f"Workspace({str(self.path)!r})"

    def _repr_html_(self) -> str:
        import html

        s = self.summary()
        rows = "".join(f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>" for k, v in s.items())
        return f"<table><caption>foa workspace</caption>{rows}</table>"
