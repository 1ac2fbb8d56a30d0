"""Dashboards built and driven programmatically: set values, click buttons, read state. No browser."""

from __future__ import annotations

import datetime as dt

import pytest

from foa.spec.library import get
from foa.spec.model import Costs
from foa.widgets import logic


@pytest.fixture
def gspc_ws(ws):
    ws.prices.load_bundled(["^GSPC", "^IXIC"])
    return ws


def _outputs(out) -> list[dict]:
    return list(out.outputs)


def test_backtest_dashboard_runs_and_shows_stats_and_charts(gspc_ws) -> None:
    from foa.widgets import BacktestDashboard

    dash = BacktestDashboard(ws=gspc_ws)
    assert dash.spec_picker.value == "sma_crossover" and dash.source.value == "workspace"
    dash.symbols.value = "^IXIC"
    dash.start.value, dash.end.value = "2003-01-02", "2010-12-31"
    dash.fees.value = 5  # bp
    dash.run_button.click()
    assert dash.last_error is None, dash.error.value
    assert dash.result is not None and dash.spec.universe.symbols == ["^IXIC"] and dash.spec.costs.fees == 0.0005
    sharpe = logic.format_stat("sharpe", dash.result.stats["sharpe"])
    assert f"data-stat='sharpe' style='text-align:right'>{sharpe}<" in dash.stats.value
    figs = [o for o in _outputs(dash.charts) if "application/vnd.plotly.v1+json" in o.get("data", {}) or "text/html" in o.get("data", {})]
    assert len(figs) == 1  # equity, drawdown and trades panels in one figure
    panels = str(figs[0]["data"])
    assert "Equity vs benchmark" in panels and "Drawdown" in panels and "Trades on price" in panels
    assert dash.progress.bar_style == "success" and "Sharpe" in dash.status.value
    # the tear sheet tab: monthly returns and risk tables, the monthly heatmap and the rolling Sharpe
    assert [dash.tabs.get_title(i) for i in range(2)] == ["Backtest", "Tear sheet"]
    assert "Monthly returns" in dash.tearsheet_tables.value and "var 95" in dash.tearsheet_tables.value
    ts_figs = [str(o["data"]) for o in _outputs(dash.tearsheet_charts)]
    assert len(ts_figs) == 2 and "monthly returns" in ts_figs[0] and "rolling Sharpe" in ts_figs[1]
    # save lands in the workspace
    assert not dash.save_button.disabled
    dash.save_button.click()
    assert dash.last_error is None, dash.error.value
    assert len(gspc_ws.backtests()) == 1


def test_backtest_dashboard_shows_errors_instead_of_raising(gspc_ws) -> None:
    from foa.errors import DataError
    from foa.widgets import BacktestDashboard

    dash = BacktestDashboard(ws=gspc_ws)
    dash.symbols.value = "NOPE"
    dash.run_button.click()  # must not raise
    assert isinstance(dash.last_error, DataError)
    # the dashboard runs with proxies on: the advice is a map of the user's own, never proxies=True again
    assert "SymbolNotFound" in dash.error.value and "proxies is on" in dash.error.value
    assert "proxies=True" not in dash.error.value
    assert dash.result is None
    assert dash.progress.bar_style == "danger"
    dash.symbols.value = "^GSPC"
    dash.start.value = "not a date"
    dash.run_button.click()
    assert "not a date" in dash.error.value
    dash.start.value = ""
    dash.run_button.click()
    assert dash.last_error is None and dash.error.value == ""  # cleared by the next good run


def test_failed_run_clears_the_previous_result(gspc_ws) -> None:
    from foa.widgets import BacktestDashboard

    dash = BacktestDashboard(ws=gspc_ws)
    dash.start.value, dash.end.value = "2005-01-03", "2010-12-31"
    dash.run_button.click()
    assert dash.result is not None and "data-stat='sharpe'" in dash.stats.value and _outputs(dash.charts)
    dash.symbols.value = "NOPE"
    dash.run_button.click()
    assert "SymbolNotFound" in dash.error.value  # a DataError: the resolver names the ways to get the symbol
    assert dash.result is None and dash.stats.value == "" and _outputs(dash.charts) == []
    assert dash.tearsheet_tables.value == "" and _outputs(dash.tearsheet_charts) == []
    assert dash.save_button.disabled


def test_description_follows_the_inputs() -> None:
    from foa.widgets import BacktestDashboard

    dash = BacktestDashboard()
    assert "^GSPC" in dash.spec_view.value or "SPY" in dash.spec_view.value
    dash.symbols.value = "^IXIC"
    assert "^IXIC" in dash.spec_view.value
    dash.fees.value = 25  # bp
    assert "0.25% fees" in dash.spec_view.value
    dash.symbols.value = ""  # half-typed: still describes something, no error shown
    assert dash.spec_view.value and dash.error.value == ""


def test_backtest_dashboard_picks_library_and_given_specs() -> None:
    from foa.widgets import BacktestDashboard

    dash = BacktestDashboard()  # no workspace: bundled prices
    assert dash.source.value == "bundled" and dash.save_button.disabled
    dash.spec_picker.value = "rsi_reversion"
    assert dash.spec.name == get("rsi_reversion").name
    assert "rsi" in dash.spec_view.value.lower()
    mine = get("ema_crossover").model_copy(update={"name": "my ema"})
    dash.set_spec(mine)
    assert dash.spec_picker.value.startswith("(") and dash.spec.name == "my ema"
    dash.save_button.click()  # nothing to save: an error in the dashboard, not an exception
    assert "run the backtest first" in dash.error.value


def test_sweep_dashboard(gspc_ws) -> None:
    from foa.widgets import SweepDashboard

    dash = SweepDashboard(get("sma_crossover"), ws=gspc_ws, start="2005-01-03", end="2014-12-31")
    assert {dash.x.value, dash.y.value} == {"fast.window", "slow.window"}
    dash.x.value, dash.y.value = "fast.window", "slow.window"
    dash.x_range.value, dash.y_range.value = "10:30:10", "100, 200"
    dash.run_button.click()
    assert dash.last_error is None, dash.error.value
    assert len(dash.result.table) == 6
    assert "probability the best Sharpe beats chance: " in dash.summary.value and "Best by sharpe" in dash.summary.value
    assert "beat buy &amp; hold on total return" in dash.summary.value
    # the PBO beside the deflated Sharpe, with how to read it
    assert "probability of backtest overfitting: " in dash.summary.value
    assert dash.result.pbo_or_none().reading in dash.summary.value
    assert "this kernel" in dash.cluster_info.value and not dash.cluster.value
    assert dash.spec is not None and logic.sweep_parameters(dash.spec)["fast.window"] in (10, 20, 30)
    assert any("Heatmap" in str(o.get("data", {})) or "heatmap" in str(o.get("data", {})) for o in _outputs(dash.heatmap))
    dash.x_range.value = "30:10:1"
    dash.run_button.click()
    assert "start:stop:step" in dash.error.value
    # the failed sweep took the previous one with it: nothing on screen belongs to other inputs
    assert dash.result is None and dash.summary.value == "" and _outputs(dash.heatmap) == []


def test_sweep_dashboard_walk_forward_tab(gspc_ws) -> None:
    """The Walk-forward tab runs foa.walk_forward over the grid in the controls and shows its windows,
    efficiency and chart; bad spans are shown in the dashboard and clear the previous run."""
    import foa
    from foa.widgets import SweepDashboard

    dash = SweepDashboard(get("sma_crossover"), ws=gspc_ws, start="2004-01-02", train="6Y", test="4Y")
    assert [dash.tabs.get_title(i) for i in range(2)] == ["Sweep", "Walk-forward"]
    dash.x_range.value, dash.y_range.value = "20, 50", "150, 200"
    dash.wf_button.click()
    assert dash.last_error is None, dash.error.value
    want = foa.walk_forward(get("sma_crossover"), gspc_ws, {"fast.window": [20, 50], "slow.window": [150, 200]},
                            train="6Y", test="4Y", start="2004-01-02", progress=False)
    wf = dash.walk_forward_result
    assert list(wf.windows["fast.window"]) == list(want.windows["fast.window"])
    assert f"{len(want.windows)} windows (rolling)" in dash.wf_summary.value and "efficiency" in dash.wf_summary.value
    assert f"{want.windows['test_start'].iloc[0]:%Y-%m-%d}" in dash.wf_summary.value
    assert "walk-forward" in str(_outputs(dash.wf_chart)[0]["data"])
    dash.train.value = "five years"
    dash.wf_button.click()  # shown, not raised
    assert "train must be like" in dash.error.value
    assert dash.walk_forward_result is None and dash.wf_summary.value == "" and _outputs(dash.wf_chart) == []


def test_sweep_dashboard_on_a_dask_client_shows_its_link_and_equals_the_local_sweep(gspc_ws) -> None:
    """With a distributed.Client the cluster toggle starts on, the line shows the client's dashboard link,
    and the sweep run on it equals the local one."""
    import pandas as pd

    distributed = pytest.importorskip("distributed")
    from foa.widgets import SweepDashboard

    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as client:
        dash = SweepDashboard(get("sma_crossover"), ws=gspc_ws, start="2008-01-02", client=client)
        assert dash.cluster.value and client.dashboard_link in dash.cluster_info.value
        dash.x_range.value, dash.y_range.value = "20, 40", "150"
        dash.run_button.click()
        assert dash.last_error is None, dash.error.value
        remote = dash.result
        dash.cluster.value = False
        assert "this kernel" in dash.cluster_info.value
        dash.run_button.click()
        assert dash.last_error is None, dash.error.value
    pd.testing.assert_frame_equal(remote.table, dash.result.table, check_exact=True)


def test_sweep_dashboard_cluster_toggle_starts_a_local_cluster_and_shows_its_link() -> None:
    """Switched on without a client, the toggle starts a LocalCluster whose dashboard is on a free local
    port (not a fixed :8787), shows that link, and closes the cluster when switched off."""
    pytest.importorskip("distributed")
    from foa.widgets import SweepDashboard

    dash = SweepDashboard(get("sma_crossover"), source="bundled")
    assert not dash.cluster.value and dash.client is None
    dash.cluster.value = True
    assert dash.last_error is None, dash.error.value
    client = dash.client
    try:
        link = client.dashboard_link
        assert link.startswith("http://127.0.0.1:") and ":8787/" not in link
        assert link in dash.cluster_info.value
        cluster = client.cluster
    finally:
        dash.cluster.value = False
    assert dash.client is None and "this kernel" in dash.cluster_info.value
    assert client.status == "closed" and cluster.status.name == "closed"


def test_sweep_dashboard_without_two_parameters_says_so() -> None:
    from foa.widgets import SweepDashboard

    dash = SweepDashboard(get("buy_and_hold"))
    assert dash.run_button.disabled and dash.wf_button.disabled and "give two indicators an id" in dash.error.value


def test_extract_dashboard_sample_upload_edit_and_send(ws) -> None:
    from foa.widgets import BacktestDashboard, ExtractDashboard

    bt = BacktestDashboard()
    dash = ExtractDashboard(ws=ws, backtest=bt, provider="offline")
    keys = [k for _, k in dash.picker.options]
    assert any(k.startswith("sample:") for k in keys)
    # an uploaded markdown note
    body = (b"# Short-term reversion on the S&P 500\n\nTrade ^GSPC. Buy when the 2-day RSI closes below 10. "
            b"Sell when the close is above the 5-day simple moving average.\n")
    dash.upload.value = ({"name": "idea.md", "type": "text/markdown", "size": len(body), "content": memoryview(body),
                          "last_modified": dt.datetime.now(dt.timezone.utc)},)
    assert dash.document is not None and dash.document.name == "idea.md", dash.error.value
    dash.extract_button.click()
    assert dash.last_error is None, dash.error.value
    assert dash.spec is not None and "rsi" in dash.spec.model_dump_json().lower()
    assert dash.json.value.startswith("{") and "Evidence" in dash.view.value
    # edit the JSON: an invalid edit is reported, a valid one applied
    good = dash.json.value
    dash.json.value = good.replace('"name"', '"nmae"', 1)
    dash.apply_button.click()
    assert "SpecError" in dash.error.value and dash.spec is not None
    dash.json.value = good.replace(dash.spec.name, "edited name", 1)
    dash.apply_button.click()
    assert dash.last_error is None and dash.spec.name == "edited name"
    dash.send_button.click()
    assert bt.spec.name == "edited name"


def test_extract_dashboard_no_strategy_is_shown(ws) -> None:
    from foa.widgets import ExtractDashboard

    dash = ExtractDashboard(ws=ws, provider="offline")
    samples = [k for _, k in dash.picker.options if k.startswith("sample:")]
    commentary = next(k for k in samples if "commentary" in k)
    dash.picker.value = commentary
    dash.extract_button.click()
    assert "NoStrategyFound" in dash.error.value and dash.spec is None
    dash.send_button.click()  # disabled in the front end; clicked anyway it explains
    assert "no spec yet" in dash.error.value


def test_backtest_dashboard_shows_what_ran_and_each_override() -> None:
    """After a run the spec panel describes the spec as run and lists each control that overrode the
    document beside the document's value."""
    from foa.widgets import BacktestDashboard

    doc_spec = get("sma_crossover").model_copy(update={"costs": Costs(fees=0.001)})
    bt = BacktestDashboard(spec=doc_spec, source="bundled", start="2015-01-01")
    assert bt.fees.value == 10
    bt.fees.value = 5
    bt.symbols.value = "^IXIC"
    bt.run()
    assert bt.last_error is None, bt.error.value
    view = bt.spec_view.value
    assert "Trades ^IXIC" in view and "Trades ^GSPC" not in view
    assert "override: fees per side — document: 10 bp, used: 5 bp" in view
    assert "override: symbols — document: ^GSPC, used: ^IXIC" in view


def test_backtest_dashboard_trades_a_documents_spy_as_gspc_and_says_so(gspc_ws) -> None:
    """The dashboards resolve symbols like foa.backtest(..., proxies=True): the broker note's SPY runs on
    the stored ^GSPC and the substitution is shown beside the result."""
    from foa.widgets import BacktestDashboard

    dash = BacktestDashboard(ws=gspc_ws, start="2010-01-04")
    dash.symbols.value = "SPY"
    dash.run()
    assert dash.last_error is None, dash.error.value
    assert dash.result.spec.universe.symbols == ["SPY"]
    assert "assumed: SPY traded as ^GSPC" in dash.spec_view.value
