"""BacktestResult output: stats keys, plot, strict JSON, saving to the workspace, the CLI."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

import foa
from foa.cli import main
from foa.engine.metrics import STAT_KEYS
from foa.engine.store import list_backtests, load_backtest
from foa.spec import close
from foa.spec.library import get
from tests.engine.helpers import gspc


@pytest.fixture(scope="module")
def result():
    return foa.backtest(get("sma_crossover"), gspc(), start="2004-01-01")


def test_stats_keys_and_result_parts(result):
    assert tuple(result.stats.index) == STAT_KEYS
    assert result.stats["start"] == pd.Timestamp("2004-01-02")
    assert len(result.equity) == result.stats["bars"] == len(result.returns) == len(result.benchmark_equity)
    assert list(result.trades.columns) == ["symbol", "direction", "entry_time", "entry_price", "exit_time",
                                           "exit_price", "size", "pnl", "return", "status"]
    assert set(result.trades["status"]) <= {"open", "closed"}
    assert result.drawdowns["depth"].iloc[0] == pytest.approx(result.stats["max_drawdown"])
    assert result.price_note == "price returns: ^GSPC is a price index"
    assert result.engine in ("rust", "numba")
    html = result._repr_html_()
    assert "sharpe" in html and "price index" in html


def test_plot_is_a_plain_figure(result):
    import plotly.graph_objects as go

    fig = result.plot()
    assert type(fig) is go.Figure
    names = {t.name for t in fig.data}
    assert {"strategy", "benchmark", "drawdown", "^GSPC close", "^GSPC entry"} <= names


def test_json_is_strict_with_nan_as_null():
    never = get("trend_filter").model_copy(update={"entry": close() > 1e9})
    r = foa.backtest(never, gspc())  # no trade: trade stats are NaN
    d = json.loads(r.to_json())
    assert d["win_rate"] is None and d["trades"] == 0
    assert d["start"] == "1999-01-04"


def test_save_list_and_load_reproducible(ws, result):
    bid = result.save(ws)
    listed = list_backtests(ws)
    assert listed["id"].tolist() == [bid]
    assert ws.backtests()["name"].tolist() == ["sma_crossover"]
    row = load_backtest(ws, bid)
    assert row["spec"] == result.spec
    assert row["data_hash"] == result.data_hash and row["engine"] == result.engine
    assert row["foa_version"] == foa.__version__
    pd.testing.assert_series_equal(row["equity"], result.equity.round(10), check_freq=False, check_index_type=False,
                                   check_names=False)
    again = foa.backtest(row["spec"], gspc(), start=row["start_date"], end=row["end_date"])
    assert again.data_hash == row["data_hash"]
    assert again.stats["total_return"] == result.stats["total_return"]  # bit for bit
    assert ws.audit_log()["action"].iloc[0] == "backtest.save"


def test_cli_backtest_json_and_html(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    spec_path = tmp_path / "spec.json"
    spec_path.write_text(get("trend_filter").to_json())
    out_html = tmp_path / "chart.html"
    assert main(["backtest", str(spec_path), "--start", "2010-01-01", "--json", "--html", str(out_html), "--cdn"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["stats"]["start"] == "2010-01-04" and d["engine"] in ("rust", "numba")
    assert out_html.read_text().count("plotly") > 0
    assert main(["backtest", "sma_crossover", "--symbol", "^IXIC"]) == 0
    assert "^IXIC" not in capsys.readouterr().err


def test_cli_sweep_and_errors(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc = main(["sweep", "sma_crossover", "--grid", "fast.window=5:50:5", "--grid", "slow.window=20:200:10",
               "--where", "fast.window<slow.window", "--json"])
    assert rc == 0
    d = json.loads(capsys.readouterr().out)
    assert d["combinations"] == 174 and len(d["best"]) == 5
    assert 0 <= d["deflated_sharpe"] <= 1 and d["warning"]
    assert main(["backtest", str(tmp_path / "missing.json")]) == 1
    assert "no such spec file" in capsys.readouterr().err
    assert main(["sweep", "sma_crossover", "--grid", "fast.window=a:b"]) == 1
    assert "values must be numbers" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "frequency": "hourly"}')
    assert main(["backtest", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "invalid StrategySpec" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as e:
        main(["sweep", "sma_crossover"])  # --grid is required: a usage error
    assert e.value.code == 64


def test_cli_reads_workspace_prices(tmp_path, capsys):
    ws = foa.Workspace(tmp_path / "w.duckdb")
    ws.prices.load_bundled(["^GSPC"])
    assert main(["backtest", "buy_and_hold", "--workspace", str(ws.path), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert not math.isnan(d["stats"]["total_return"])


def test_cli_workspace_failure_is_reported_not_replaced_by_samples(tmp_path, capsys, monkeypatch):
    from foa.data.store import PriceStore
    from foa.errors import WorkspaceError

    ws = foa.Workspace(tmp_path / "w.duckdb")

    def locked(self, *args, **kwargs):
        raise WorkspaceError("workspace is locked by another process: close it, then retry")

    monkeypatch.setattr(PriceStore, "symbols", locked)
    assert main(["backtest", "buy_and_hold", "--workspace", str(ws.path), "--json"]) == 1
    captured = capsys.readouterr()
    assert "locked by another process" in captured.err and captured.out == ""
