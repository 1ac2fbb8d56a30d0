"""The workspace: one DuckDB file holding prices, documents, strategies, backtests and an audit trail.

    ws = foa.Workspace()                     # FOA_WORKSPACE, else ./foa.duckdb
    ws.prices.load_bundled()                 # real market data shipped offline
    ws.prices.close(["^GSPC", "^IXIC"])      # a wide frame, dates x symbols

DuckDB lets one process write a file at a time. Two notebooks on one workspace both work because every
operation opens a short-lived connection (read-only for reads), retries with backoff while another
process holds the lock, and gives up with a WorkspaceError that says so: never a hang. Writes run in
one transaction each, so a crash leaves the earlier data intact and no partial batch visible.

Opening a file inspects it read-only first: a DuckDB database foa did not create, or a workspace written
by a newer foa, is refused with a WorkspaceError before anything is written (``read_schema``).
"""

from __future__ import annotations

import collections
import contextlib
import getpass
import importlib
import json
import os
import random
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from foa.errors import WorkspaceError

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

    from foa.data.store import PriceStore

__all__ = ["Access", "DEFAULT_PATH", "LOCK_TIMEOUT", "Workspace", "code_versions", "component_migrations", "os_user", "read_schema"]

DEFAULT_PATH = "foa.duckdb"
ENV_VAR = "FOA_WORKSPACE"
# How long an operation waits for another process to release the file before giving up.
LOCK_TIMEOUT = 10.0

# Each part of foa that keeps tables owns them: component name -> module with MIGRATIONS, an ordered list of
# (version, sql) pairs. Applied in this order; a component's versions only ever grow.
COMPONENTS: dict[str, str] = {
    "core": "foa.workspace",
    "prices": "foa.data.store",
    "documents": "foa.documents.store",
    "strategies": "foa.extract.store",
    "backtests": "foa.engine.store",
    "portfolios": "foa.engine.portfolio",
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


def os_user() -> str:
    """The operating-system user name recorded in audit rows (never fails: "unknown" when there is none)."""
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return os.environ.get("USER", "unknown")


def _is_lock_error(err: BaseException) -> bool:
    """Another process holds the file (DuckDB: 'Could not set lock on file ...: Conflicting lock ...')."""
    msg = str(err).lower()
    return "lock" in msg and ("conflicting" in msg or "could not set lock" in msg)


def _is_config_clash(err: BaseException) -> bool:
    """This process already has the file open in the other mode (read-only vs read-write), in another thread."""
    return "different configuration" in str(err).lower()


def _holder(err: BaseException) -> str:
    """' (process 1234: python analysis.py, user alice)' from DuckDB's lock error and /proc, as far as known."""
    from foa.turnstile import describe_process

    text = str(err)
    m = re.search(r"PID (\d+)", text)
    if not m:
        return ""
    pid = int(m.group(1))
    if not Path(f"/proc/{pid}").exists():  # another machine's process, or gone: what DuckDB says
        program = re.search(r"held in (\S+) \(PID", text)
        return f" (process {pid}{': ' + os.path.basename(program.group(1)) if program else ''})"
    return f" (process {describe_process(pid)})"


def component_migrations() -> dict[str, list[tuple[int, str]]]:
    """component -> its ordered (version, sql) migrations, for every part of this foa that keeps tables.

    Example::

        component_migrations()["core"][0][0]   # 1
    """
    out: dict[str, list[tuple[int, str]]] = {}
    for component, module in COMPONENTS.items():
        out[component] = list(importlib.import_module(module).MIGRATIONS)
    return out


def code_versions() -> dict[str, int]:
    """component -> the newest schema version this foa knows.

    Example::

        code_versions()["core"] >= 1   # True
    """
    return {c: max(v for v, _ in m) for c, m in component_migrations().items() if m}


def _versions_text(versions: dict[str, int], reference: dict[str, int]) -> str:
    return ", ".join(f"{c} {reference.get(c, 0)} -> {v}" for c, v in sorted(versions.items()))


def read_schema(con: "duckdb.DuckDBPyConnection", path: str | os.PathLike[str]) -> dict[str, int]:
    """The foa schema versions recorded in an open DuckDB file; {} for an empty file (a new workspace).

    Raises WorkspaceError, naming what the file is and what to do, when the file holds tables but is not
    a foa workspace (no foa ``schema_version`` table with a ``core`` row), or when it was written by a
    newer foa (a component at a version this foa does not know, or a component it does not have).
    Reads only.

    Example::

        with duckdb.connect("research.duckdb", read_only=True) as con:
            read_schema(con, "research.duckdb")   # {'core': 1, 'prices': 1, ...}
    """
    rows = con.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database() "
        "AND NOT internal UNION ALL SELECT schema_name, view_name FROM duckdb_views() "
        "WHERE database_name = current_database() AND NOT internal"
    ).fetchall()
    if not rows:
        return {}
    names = sorted(t if s == "main" else f"{s}.{t}" for s, t in rows)
    versions: dict[str, int] | None = None
    if "schema_version" in names:
        cols = {r[0] for r in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
            "AND schema_name = 'main' AND table_name = 'schema_version'").fetchall()}
        if {"component", "version"} <= cols:
            try:
                found = {str(c): int(v) for c, v in con.execute(
                    "SELECT component, version FROM schema_version").fetchall()}
            except (TypeError, ValueError):
                found = {}
            if "core" in found:
                versions = found
    if versions is None:
        shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
        raise WorkspaceError(
            f"{Path(path)} is a DuckDB database but not a foa workspace: it holds {len(names)} table(s) "
            f"foa did not create ({shown}) and no foa schema_version. foa leaves other databases "
            "untouched and wrote nothing. Point Workspace(path) or FOA_WORKSPACE at a new file (e.g. "
            "research.duckdb); to use this database's prices, export them to CSV or Parquet and run "
            "`foa data import`."
        )
    code = code_versions()
    ahead = {c: v for c, v in versions.items() if v > code.get(c, 0)}
    if ahead:
        from foa._version import __version__

        raise WorkspaceError(
            f"the workspace {Path(path)} was written by a newer foa: schema "
            + ", ".join(f"{c} {v}" for c, v in sorted(ahead.items()))
            + f", while this foa {__version__} knows "
            + ", ".join(f"{c} {code[c]}" if c in code else f"no '{c}' component" for c in sorted(ahead))
            + ". Nothing was changed. Upgrade foa (pip install -U foa) to open it, or point "
            "Workspace(path) or FOA_WORKSPACE at a fresh file."
        )
    return versions


class _Held:
    """A connection this thread has open on one workspace file, so nested use reuses it."""

    __slots__ = ("con", "read_only", "in_transaction")

    def __init__(self, con: "duckdb.DuckDBPyConnection", read_only: bool):
        self.con = con
        self.read_only = read_only
        self.in_transaction = False


# DuckDB refuses, inside one process, to open a file read-only while it is open read-write (or the other
# way round). So: a thread reuses the connection it already holds (a read inside a transaction sees that
# transaction), and a read opens read-write while another thread of this process holds a writer.
_LOCAL = threading.local()
_PROCESS_LOCK = threading.Lock()
_WRITERS: dict[str, int] = {}  # path -> read-write connections open in this process
_READERS: dict[str, int] = {}  # path -> read-only connections open in this process


class Access(NamedTuple):
    """One use of the workspace file: "read" or "write", seconds queued before the open, seconds held."""

    mode: str
    queued: float
    held: float


def _first(ahead: list[Any]) -> str:
    """' (process 1234: ...)' for the first process inside (else first in line) of a queue, or ''."""
    from foa.turnstile import describe_process

    inside = [w for w in ahead if w.inside] or ahead
    return f" (process {describe_process(inside[0].pid)})" if inside else ""


def _held() -> dict[str, _Held]:
    if not hasattr(_LOCAL, "held"):
        _LOCAL.held = {}
    return _LOCAL.held


class Workspace:
    """One DuckDB file: prices, documents, strategies, backtests and the audit trail.

    ``path``: explicit argument, else the ``FOA_WORKSPACE`` environment variable, else ``./foa.duckdb``.
    ``lock_timeout``: seconds to keep retrying while another process writes the file.

    Example::

        ws = Workspace("research.duckdb")
        with ws.read() as con:
            con.execute("SELECT count(*) FROM audit").fetchone()
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, lock_timeout: float = LOCK_TIMEOUT):
        raw = path if path is not None else os.environ.get(ENV_VAR) or DEFAULT_PATH
        if not isinstance(raw, (str, os.PathLike)):
            raise WorkspaceError(f"the workspace path must be a str or pathlib.Path, got {type(raw).__name__}: "
                                 "e.g. foa.Workspace('research.duckdb')")
        self.path = Path(raw).expanduser().resolve()
        self.lock_timeout = float(lock_timeout)
        if self.path.is_dir():
            raise WorkspaceError(
                f"workspace path {self.path} is a directory: give a file name such as {self.path / DEFAULT_PATH}"
            )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise WorkspaceError(
                f"cannot create the workspace folder {self.path.parent}: {err.strerror or err}. Choose a "
                "writable location with Workspace(path) or the FOA_WORKSPACE environment variable."
            ) from err
        self._migrate()

    # ----------------------------------------------------------------------------- connections
    @property
    def access_log(self) -> "collections.deque[Access]":
        """This object's last 1,000 uses of the file, oldest first: ``Access(mode, queued, held)``.

        ``queued``: seconds from asking for the file to the open that succeeded (waiting for the turn
        and for other holders); ``held``: seconds from that open to the close (the time this process
        kept writers, or for a write everyone, out).

        Example::

            ws.audit_log(5)
            ws.access_log[-1].mode   # 'read'
        """
        log = self.__dict__.get("_access")
        if log is None:
            log = self.__dict__["_access"] = collections.deque(maxlen=1000)
        return log

    def _connect(self, read_only: bool, deadline: float, ahead: list[Any]) -> tuple["duckdb.DuckDBPyConnection", float]:
        """Open a new connection, retrying while a process outside the queue (or a thread) holds the file.

        Returns the connection and the moment the successful attempt began.
        """
        import duckdb

        delay = 0.005
        while True:
            started = time.monotonic()
            try:
                con = duckdb.connect(str(self.path), read_only=read_only)
                con.execute("SET enable_progress_bar = false")  # a terminal bar would land in notebook cells
                return con, started
            except duckdb.Error as err:
                clash = _is_config_clash(err)
                if not (clash or _is_lock_error(err)):
                    raise self._translate(err) from err
                if time.monotonic() < deadline:
                    time.sleep(delay + random.uniform(0, delay))
                    delay = min(delay * 1.5, 0.05)  # capped low: noticed within ~50 ms of the holder closing
                    continue
                who = "another thread of this process" if clash else f"another process{_holder(err) or _first(ahead)}"
                queued = sum(1 for w in ahead if not w.inside)
                line = f"; {queued} more process(es) were queued ahead of this one" if queued else ""
                raise WorkspaceError(
                    f"the workspace {self.path} is locked: {who} holds it (another notebook kernel or "
                    f"script writing to it) and it stayed locked for {self.lock_timeout:g} s{line}. Wait for "
                    "it to finish, shut down that kernel, or use another workspace file (FOA_WORKSPACE)."
                ) from err

    @contextlib.contextmanager
    def _use(self, read_only: bool) -> Iterator[_Held]:
        """This thread's connection to the file: reused when already open, else opened and closed here.

        A new connection waits for its turn in the workspace's queue (``foa.turnstile``) and keeps it
        until the connection is closed, so the next process in line finds the file free.
        """
        from foa.turnstile import Turnstile, TurnstileTimeout

        key = str(self.path)
        held = _held().get(key)
        if held is not None:
            if held.read_only and not read_only:
                raise WorkspaceError(
                    f"a write to {self.path} was started inside `ws.read()`. Finish the read first (keep "
                    "the rows you need in a DataFrame), then write."
                )
            yield held
            return
        with _PROCESS_LOCK:
            writer_open = _WRITERS.get(key, 0) > 0
            reading = _READERS.get(key, 0) > 0
        # A read while another thread writes must use the writer's configuration (same DuckDB instance).
        mode = read_only and not writer_open
        asked = time.monotonic()
        deadline = asked + self.lock_timeout
        ahead: list[Any] = []
        with contextlib.ExitStack() as turn:
            # A thread joins a connection its process already has in the file (a read beside a write or
            # beside reads: one DuckDB instance) rather than queue behind its own process.
            queue = None if writer_open or (mode and reading) else Turnstile.open(self.path)
            if queue is not None:
                try:
                    turn.enter_context(queue.turn(write=not mode, timeout=self.lock_timeout))
                except TurnstileTimeout as err:
                    ahead = err.ahead  # one last open below: it succeeds, or names who holds the file
                except OSError:  # the queue file failed (removed, a full /tmp): DuckDB's lock still decides
                    pass
            con, opened = self._connect(mode, deadline, ahead)
            held = _Held(con, mode)
            _held()[key] = held
            counts = _READERS if mode else _WRITERS
            with _PROCESS_LOCK:
                counts[key] = counts.get(key, 0) + 1
            try:
                yield held
            finally:
                del _held()[key]
                with _PROCESS_LOCK:
                    counts[key] -= 1
                con.close()  # before the turn ends: the next in line finds the file free
                self.access_log.append(Access("read" if read_only else "write", opened - asked,
                                              time.monotonic() - opened))

    def _translate(self, err: BaseException) -> WorkspaceError:
        msg = str(err)
        low = msg.lower()
        first = msg.splitlines()[0] if msg else type(err).__name__
        if "not a valid duckdb database" in low:
            return WorkspaceError(
                f"{self.path} exists but is not a DuckDB workspace file. Point FOA_WORKSPACE (or "
                "Workspace(path)) at another file, or move this one away."
            )
        if any(s in low for s in ("permission denied", "read-only file system", "not a directory", "no such file")):
            return WorkspaceError(
                f"cannot open the workspace {self.path} for writing: {first}. Choose a writable location "
                "with Workspace(path) or the FOA_WORKSPACE environment variable."
            )
        if "no space left on device" in low or "disk quota exceeded" in low:
            return WorkspaceError(
                f"the disk holding the workspace {self.path} is full ({first}). Nothing of this operation was "
                "stored; earlier data is intact. Free some space, or move the workspace to a larger disk."
            )
        if any(s in low for s in ("could not read enough bytes", "corrupt", "checksum")):
            return WorkspaceError(
                f"the workspace {self.path} is damaged ({first}), e.g. truncated by a copy made while it was in "
                "use. Restore it from a backup, or point FOA_WORKSPACE (or Workspace(path)) at a new file."
            )
        return WorkspaceError(f"workspace {self.path}: {first}")

    @contextlib.contextmanager
    def read(self) -> Iterator["duckdb.DuckDBPyConnection"]:
        """A short-lived connection for reading (read-only, so other kernels may read at the same time).

        Inside ``ws.transaction()`` on the same thread it is that transaction's connection.

        Example::

            with ws.read() as con:
                n = con.execute("SELECT count(*) FROM audit").fetchone()[0]
        """
        import duckdb

        with self._use(read_only=True) as held:
            try:
                yield held.con
            except duckdb.Error as err:
                raise self._translate(err) from err

    @contextlib.contextmanager
    def transaction(self) -> Iterator["duckdb.DuckDBPyConnection"]:
        """A short-lived read-write connection inside one transaction: all of it commits or none of it.

        Nested calls on the same thread join the outer transaction (DuckDB has no savepoints).

        Example::

            with ws.transaction() as con:
                con.execute("INSERT INTO ...", [...])
                ws.audit("import", {"rows": 10}, con=con)
        """
        import duckdb

        with self._use(read_only=False) as held:
            if held.in_transaction:  # join the outer one; it commits or rolls back everything
                try:
                    yield held.con
                except duckdb.Error as err:
                    raise self._translate(err) from err
                return
            con = held.con
            try:
                con.execute("BEGIN TRANSACTION")
                held.in_transaction = True
                try:
                    yield con
                except BaseException:
                    with contextlib.suppress(Exception):  # the connection may already be unusable
                        con.execute("ROLLBACK")
                    raise
                con.execute("COMMIT")
            except duckdb.Error as err:
                raise self._translate(err) from err
            finally:
                held.in_transaction = False

    # ------------------------------------------------------------------------------ migrations
    def _migrate(self) -> None:
        """Bring the file's tables up to this foa's schema; refuse files foa must not write.

        An existing file is inspected read-only first: a foreign database or one written by a newer foa
        is refused before anything is written, and an up-to-date workspace is never opened read-write
        here (so a read-only file, or one another process is writing, opens for reading).
        """
        code = code_versions()
        if self.path.exists() and self.path.stat().st_size > 0:
            with self.read() as con:
                have = read_schema(con, self.path)
            behind = {c: v for c, v in code.items() if have.get(c, 0) < v}
            if not behind:
                return
            if not os.access(self.path, os.W_OK):
                raise WorkspaceError(
                    f"the workspace {self.path} needs a schema upgrade ({_versions_text(behind, have)}) but the "
                    "file is read-only for this user. Open it once with write access (or ask its owner to), "
                    "or copy it to a writable location and point Workspace(path) or FOA_WORKSPACE at the copy."
                )
        with self.transaction() as con:
            have = read_schema(con, self.path)  # again: another process may have changed it meanwhile
            con.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (component VARCHAR PRIMARY KEY, "
                "version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT (now()::TIMESTAMP))"
            )
            for component, migrations in component_migrations().items():
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

    def schema_versions(self) -> dict[str, int]:
        """component -> applied migration version."""
        with self.read() as con:
            return dict(con.execute("SELECT component, version FROM schema_version ORDER BY component").fetchall())

    # ------------------------------------------------------------------------------------ audit
    def audit(self, action: str, detail: dict[str, Any] | None = None, *, con: "duckdb.DuckDBPyConnection | None" = None) -> None:
        """Record who (OS user), when and what. Pass ``con`` to record inside a running transaction."""
        args = [os_user(), action, json.dumps(detail or {}, default=str)]
        sql = "INSERT INTO audit (os_user, action, detail) VALUES (?, ?, ?)"
        if con is not None:
            con.execute(sql, args)
        else:
            with self.transaction() as c:
                c.execute(sql, args)

    def audit_log(self, limit: int = 100) -> "pd.DataFrame":
        """The most recent audit entries, newest first."""
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise WorkspaceError(f"limit must be a whole number >= 0, got {limit!r}")
        with self.read() as con:
            return con.execute(
                "SELECT id, at_time, os_user, action, detail FROM audit ORDER BY id DESC LIMIT ?", [limit]
            ).df()

    # ------------------------------------------------------------------- the tables each part keeps
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
