"""`foa doctor`, `foa demo` and `foa data ...` through the real entry point (foa.cli.main)."""

from __future__ import annotations

import textwrap

import pytest

from foa.cli import main
from foa.cli.doctor import check_reachable


def test_doctor_reports_without_leaking_the_key(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-SECRET-value")
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path / "numba"))
    ws = tmp_path / "ws.duckdb"
    assert main(["demo", "--workspace", str(ws), "--no-warm", "--no-report"]) == 0
    capsys.readouterr()
    assert main(["doctor", "--workspace", str(ws)]) == 0
    out = capsys.readouterr().out
    assert "SECRET" not in out and "ANTHROPIC_API_KEY: set" in out
    for line in ("duckdb", "vectorbt", "pandas", "yfinance"):
        assert f"  {line} " in out
    assert f"workspace: {ws}" in out and "MB" in out and "'prices': 1" in out
    assert f"numba cache: {tmp_path / 'numba'} (writable)" in out
    assert "Yahoo Finance: " in out and "Anthropic API: " in out


def test_doctor_without_key_and_without_workspace(tmp_path, capsys):
    assert main(["doctor", "--workspace", str(tmp_path / "none.duckdb")]) == 0
    out = capsys.readouterr().out
    assert "ANTHROPIC_API_KEY: not set" in out and "not created yet" in out
    assert not (tmp_path / "none.duckdb").exists()  # doctor looks, it does not create


def test_reachability_is_an_answer_not_a_hang():
    # the machine may be offline: "unreachable (...)" is a normal answer, decided within the timeout
    answer = check_reachable("localhost", 9, timeout=2)
    assert answer == "reachable" or answer.startswith("unreachable (")


def test_demo_builds_workspace_and_warms_vectorbt(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path / "numba"))
    assert main(["demo", "--workspace", str(tmp_path / "demo.duckdb"), "--no-report"]) == 0
    out = capsys.readouterr().out
    assert "^GSPC" in out and "1999-01-04" in out and "2018-12-31" in out and "5031" in out
    assert "price indices" in out
    assert "vectorbt ready" in out and "total return" in out


def test_data_commands(tmp_path, capsys):
    ws = str(tmp_path / "d.duckdb")
    assert main(["data", "list", "--workspace", ws]) == 0
    assert "no prices yet" in capsys.readouterr().err
    assert main(["data", "import", "--bundled", "--workspace", ws]) == 0
    assert "^IXIC" in capsys.readouterr().out
    p = tmp_path / "xyz.csv"
    p.write_text(textwrap.dedent("""\
        Date,Close
        2020-01-02,10
        2020-01-03,11
    """))
    assert main(["data", "import", str(p), "--workspace", ws]) == 0
    assert main(["data", "list", "--workspace", ws]) == 0
    out = capsys.readouterr().out
    assert "XYZ" in out and "file:xyz.csv" in out
    assert main(["data", "show", "^GSPC", "--workspace", ws, "--rows", "1"]) == 0
    out = capsys.readouterr().out
    assert "1999-01-04" in out and "2018-12-31" in out and "(5031 rows)" in out
    assert main(["data", "show", "^GSPC", "XYZ", "--start", "2018-12-31", "--workspace", ws]) == 0
    assert "(3 rows)" in capsys.readouterr().out  # union of dates, no forward fill
    assert main(["data", "show", "NOPE", "--workspace", ws]) == 1
    assert "unknown symbol 'NOPE'" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Close\n2020-01-02,-3\n")
    assert main(["data", "import", str(bad), "--workspace", ws]) == 1
    assert "bad.csv, row 2, column 'Close'" in capsys.readouterr().err


def test_data_fetch_offline_exit_code(tmp_path, capsys, monkeypatch):
    import yfinance

    monkeypatch.setattr(yfinance, "download", lambda *a, **k: None)
    assert main(["data", "fetch", "SPY", "--start", "2020-01-01", "--end", "2020-02-01",
                 "--workspace", str(tmp_path / "f.duckdb")]) == 1
    assert "could not download SPY" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["data"], ["data", "fetch"]])
def test_usage_errors(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = exit_.code
    assert code == 64


def test_doctor_warm_compiles_every_engine_path(tmp_path, capsys):
    from foa.engine import _nb, stops_nb

    assert main(["doctor", "--workspace", str(tmp_path / "none.duckdb"), "--warm"]) == 0
    out = capsys.readouterr().out
    assert "engine warm: rules" in out and "stops" in out and "sweep" in out and "ranking" in out
    # the kernels a first stop backtest and a first sweep would otherwise compile are compiled now (a single
    # backtest's statistics are numpy; equity_stats_nb serves only sweeps too short for the PBO's blocks)
    for kernel in (stops_nb.resolve_stops_nb, _nb.simulate_stops_nb, _nb.resolve_nb, _nb.compare_nb,
                   _nb.resolve_compares_nb, _nb.resolve_rules_nb, _nb.resolve_events_nb,
                   _nb.portfolio_value_nb, _nb.portfolio_value_one_nb, _nb.equity_stats_blocks_nb):
        assert kernel.signatures, kernel.__name__
