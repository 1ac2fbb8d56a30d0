"""Files foa must not write: someone else's DuckDB database, and a workspace written by a newer foa.

Both are refused with a WorkspaceError that names what the file is and what to do, before anything is
written (the file's bytes are compared before and after); `foa doctor` reports them as problems.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

import foa
from foa.cli import main
from foa.errors import WorkspaceError
from foa.workspace import code_versions


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def foreign(tmp_path: Path) -> Path:
    """Someone's own DuckDB file with a `prices` table (the attack run's case)."""
    path = tmp_path / "theirs.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE prices (day DATE, symbol VARCHAR, px DOUBLE)")
        con.execute("INSERT INTO prices VALUES ('2024-01-02', 'SPY', 470.1), ('2024-01-03', 'SPY', 468.8)")
        con.execute("CREATE VIEW spy AS SELECT * FROM prices WHERE symbol = 'SPY'")
    return path


def tables(path: Path) -> list[str]:
    with duckdb.connect(str(path), read_only=True) as con:
        return sorted(r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT internal").fetchall())


def test_foreign_database_is_refused_and_left_byte_identical(foreign):
    before = digest(foreign)
    with pytest.raises(WorkspaceError) as info:
        foa.Workspace(foreign)
    msg = str(info.value)
    assert "not a foa workspace" in msg and "prices" in msg and "spy" in msg
    assert "new file" in msg  # what to do
    assert digest(foreign) == before
    assert tables(foreign) == ["prices"]  # no foa table was added


def test_foreign_schema_version_table_is_not_mistaken_for_foa(tmp_path):
    path = tmp_path / "migrations.duckdb"
    with duckdb.connect(str(path)) as con:  # another tool's own schema_version (flyway-like)
        con.execute("CREATE TABLE schema_version (installed_rank INTEGER, version VARCHAR)")
        con.execute("INSERT INTO schema_version VALUES (1, '1.0')")
    before = digest(path)
    with pytest.raises(WorkspaceError, match="not a foa workspace"):
        foa.Workspace(path)
    assert digest(path) == before


def test_newer_schema_is_refused_and_left_unchanged(ws):
    newer = code_versions()["prices"] + 1
    with ws.transaction() as con:
        con.execute("UPDATE schema_version SET version = ? WHERE component = 'prices'", [newer])
    before = digest(ws.path)
    with pytest.raises(WorkspaceError) as info:
        foa.Workspace(ws.path)
    msg = str(info.value)
    assert "newer foa" in msg and f"prices {newer}" in msg and "Upgrade foa" in msg
    assert digest(ws.path) == before


def test_component_unknown_to_this_foa_means_a_newer_foa(ws):
    with ws.transaction() as con:
        con.execute("INSERT INTO schema_version (component, version) VALUES ('options_desk', 1)")
    with pytest.raises(WorkspaceError, match=r"newer foa.*options_desk 1.*no 'options_desk' component"):
        foa.Workspace(ws.path)


def test_empty_duckdb_file_becomes_a_workspace(tmp_path):
    path = tmp_path / "empty.duckdb"
    duckdb.connect(str(path)).close()
    assert foa.Workspace(path).schema_versions() == code_versions()


def test_older_workspace_is_upgraded(ws):
    # a workspace from a foa without the backtests room: the missing component is migrated in
    with ws.transaction() as con:
        con.execute("DROP TABLE backtests")
        con.execute("DELETE FROM schema_version WHERE component = 'backtests'")
    ws.audit("kept", {"n": 1})
    again = foa.Workspace(ws.path)
    assert again.schema_versions() == code_versions()
    assert list(again.audit_log()["action"]) == ["kept"]
    assert again.backtests().empty


def test_up_to_date_workspace_opens_without_writing(ws):
    ws.audit("x")
    before = digest(ws.path)
    foa.Workspace(ws.path)
    assert digest(ws.path) == before


def test_doctor_reports_foreign_and_newer_files_as_problems(foreign, ws, capsys):
    assert main(["doctor", "--workspace", str(foreign)]) == 1
    out = capsys.readouterr().out
    assert "cannot be used" in out and "not a foa workspace" in out
    with ws.transaction() as con:
        con.execute("UPDATE schema_version SET version = 99 WHERE component = 'core'")
    assert main(["doctor", "--workspace", str(ws.path)]) == 1
    assert "newer foa" in capsys.readouterr().out


def test_cli_refuses_foreign_file_with_exit_1(foreign, capsys):
    before = digest(foreign)
    assert main(["data", "list", "--workspace", str(foreign)]) == 1
    err = capsys.readouterr().err
    assert "not a foa workspace" in err and "Traceback" not in err
    assert digest(foreign) == before
