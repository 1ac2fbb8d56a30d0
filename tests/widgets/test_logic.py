"""The dashboards' logic as plain functions: no widgets, no browser; real engine, real DuckDB."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from foa.errors import DataError, DocumentError, FoaError, SpecError
from foa.spec.library import get
from foa.widgets import logic


@pytest.mark.parametrize(("key", "value", "text"), [
    ("sharpe", 0.8123, "0.81"), ("sharpe", float("nan"), "–"), ("profit_factor", math.inf, "∞"),
    ("total_return", 1.98889, "198.89%"), ("max_drawdown", -0.2020, "-20.20%"), ("trades", 9, "9"),
    ("trades", 12345, "12,345"), ("start", pd.Timestamp("1999-01-04"), "1999-01-04"), ("expectancy", 22099.019, "22,099.02"),
    ("beta", None, "–"), ("unknown_key", 1.5, "1.50"),
])
def test_format_stat(key: str, value: object, text: str) -> None:
    assert logic.format_stat(key, value) == text


def test_stats_frame_and_html_order_labels_and_unknown_keys() -> None:
    stats = pd.Series({"sharpe": 1.234, "start": pd.Timestamp("2001-02-03"), "custom": 2.0, "total_return": 0.5})
    frame = logic.stats_frame(stats)
    assert list(frame.index) == ["Start", "Total return", "Sharpe ratio", "custom"]
    assert frame.loc["Sharpe ratio", "value"] == "1.23"
    html = logic.stats_html(stats)
    assert "data-stat='sharpe'" in html and ">1.23<" in html and ">50.00%<" in html


def test_error_html_escapes_and_marks_unexpected() -> None:
    html = logic.error_html(SpecError("bad <b>window</b>: use 20"))
    assert "SpecError" in html and "&lt;b&gt;window" in html and "<b>window" not in html
    assert "unexpected" in logic.error_html(ValueError("boom"))
    assert "unexpected" not in html


def test_spec_html_escapes_document_text() -> None:
    from foa.spec.model import Evidence

    spec = get("sma_crossover").model_copy(update={
        "summary": "<script>alert(1)</script>",
        "evidence": [Evidence(field="entry", quote="buy when the 50-day <crosses> the 200-day", page=2, verified=True,
                              state="supports")],
        "assumptions": ["fills at the next open"],
    })
    html = logic.spec_html(spec)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;crosses&gt;" in html and "fills at the next open" in html
    ev = logic.evidence_frame(spec)
    assert ev.to_dict("records") == [{"field": "entry", "quote": "buy when the 50-day <crosses> the 200-day", "page": 2, "verified": "yes",
                                           "state": "✓ supports"}]


@pytest.mark.parametrize(("text", "values"), [
    ("10:50:10", [10, 20, 30, 40, 50]), ("10:45:10", [10, 20, 30, 40]), ("5, 8 ,13", [5, 8, 13]),
    ("0.5:1.5:0.5", [0.5, 1, 1.5]), ("7", [7]),
])
def test_parse_grid(text: str, values: list) -> None:
    assert logic.parse_grid(text) == values


@pytest.mark.parametrize("text", ["", "10:5:1", "1:10:0", "a, b", "1:2"])
def test_parse_grid_errors_say_how(text: str) -> None:
    with pytest.raises(SpecError, match="start:stop:step"):
        logic.parse_grid(text)


def test_sweep_parameters_from_ids() -> None:
    params = logic.sweep_parameters(get("sma_crossover"))
    assert set(params) == {"fast.window", "slow.window"}
    assert params["fast.window"] < params["slow.window"]
    assert logic.sweep_parameters(get("buy_and_hold")) == {}


def test_run_sweep_rejects_unknown_or_equal_parameters() -> None:
    spec = get("sma_crossover")
    with pytest.raises(SpecError, match="not a parameter of sma_crossover.*fast.window"):
        logic.run_sweep(spec, {}, "fast.window", [10], "nope.window", [20])
    with pytest.raises(SpecError, match="two different"):
        logic.run_sweep(spec, {}, "fast.window", [10], "fast.window", [20])


def test_prepare_spec_applies_symbols_and_costs_without_touching_the_original() -> None:
    spec = get("sma_crossover")
    out = logic.prepare_spec(spec, [" ^IXIC ", ""], fees=0.001, slippage=0.0005)
    assert out.universe.symbols == ["^IXIC"] and out.costs.fees == 0.001 and out.costs.slippage == 0.0005
    assert spec.costs.fees == 0.0
    with pytest.raises(SpecError, match="fractions"):
        logic.prepare_spec(spec, None, fees=1.5)


def test_document_from_upload(tmp_path) -> None:
    doc = logic.document_from_upload("note.md", b"# Idea\n\nBuy when RSI(2) < 10, sell when close > SMA(5).")
    assert doc.name == "note.md" and "RSI(2) < 10" in doc.text
    with pytest.raises(DocumentError, match="unsupported file type"):
        logic.document_from_upload("sheet.xlsx", b"PK")
    with pytest.raises(DocumentError, match="empty"):
        logic.document_from_upload("empty.txt", b"")


def test_load_prices_sources(ws) -> None:
    bundled = logic.load_prices(["^GSPC"], "bundled")
    assert len(bundled["^GSPC"]) == 5031
    with pytest.raises(DataError, match="no symbols"):
        logic.load_prices([], "bundled")
    with pytest.raises(DataError, match="unknown price source"):
        logic.load_prices(["^GSPC"], "ftp")
    with pytest.raises(DataError):  # not loaded into this fresh workspace
        logic.load_prices(["^GSPC"], "workspace", ws)


def test_extract_rejects_unknown_provider() -> None:
    from foa.documents.model import Document

    with pytest.raises(FoaError, match="unknown provider"):
        logic.extract(Document.from_text("buy"), "gpt")


def test_default_provider_follows_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    assert logic.default_provider() == "offline"  # conftest removes keys
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test")
    assert logic.default_provider() == "claude"


def test_run_backtest_matches_the_engine(ws) -> None:
    import foa

    ws.prices.load_bundled(["^GSPC"])
    spec = get("sma_crossover")
    got = logic.run_backtest(spec, ["^GSPC"], start="2005-01-03", end="2012-12-31", fees=0.001, source="workspace", ws=ws)
    want = foa.backtest(logic.prepare_spec(spec, ["^GSPC"], fees=0.001), ws, start=pd.Timestamp("2005-01-03"),
                        end=pd.Timestamp("2012-12-31"))
    assert got.stats["sharpe"] == want.stats["sharpe"]
    assert got.stats["start"] >= pd.Timestamp("2005-01-03") and got.stats["end"] <= pd.Timestamp("2012-12-31")
    assert got.spec.costs.fees == 0.001


def test_run_backtest_input_errors(ws) -> None:
    spec = get("sma_crossover")
    with pytest.raises(DataError, match="not before end"):
        logic.run_backtest(spec, ["^GSPC"], start="2010-01-01", end="2009-01-01", source="bundled")
    with pytest.raises(DataError, match="not a date"):
        logic.run_backtest(spec, ["^GSPC"], start="last tuesday", source="bundled")
    with pytest.raises(SpecError, match="names no symbols"):
        logic.run_backtest(spec.model_copy(update={"universe": spec.universe.model_copy(update={"symbols": []})}), None, source="bundled")


def test_prepare_spec_records_a_symbol_substitution() -> None:
    from foa.spec.library import get
    from foa.widgets.logic import prepare_spec

    spec = get("sma_crossover").model_copy(update={"universe": get("sma_crossover").universe.model_copy(update={"symbols": ["SPY"]})})
    traded = prepare_spec(spec, ["^GSPC"])
    assert traded.universe.symbols == ["^GSPC"]
    assert traded.assumptions[-1] == "traded ^GSPC in place of SPY (the symbols the spec named)"
    assert prepare_spec(traded, ["^GSPC"]).assumptions == traded.assumptions  # the same symbols: nothing new


def _spy(spec):
    return spec.model_copy(update={"universe": spec.universe.model_copy(update={"symbols": ["SPY"]})})


def test_run_backtest_resolves_symbols_like_foa_backtest(ws) -> None:
    """A document's SPY trades as the bundled ^GSPC (proxies=True, the dashboards' default), from the
    workspace or the bundled samples, equal to foa.backtest(..., proxies=True), and says so."""
    import foa
    from foa.errors import SymbolNotFound

    ws.prices.load_bundled(["^GSPC"])
    spec = _spy(get("sma_crossover"))
    want = foa.backtest(spec, ws, start=pd.Timestamp("2008-01-02"), proxies=True)
    for source in ("workspace", "bundled"):
        got = logic.run_backtest(spec, start="2008-01-02", source=source, ws=ws)
        assert got.spec.universe.symbols == ["SPY"] and got.stats["sharpe"] == want.stats["sharpe"]
        assert any(a.startswith("SPY traded as ^GSPC") for a in got.assumptions), got.assumptions
        assert "SPY traded as ^GSPC" in logic.assumptions_html(got)
    with pytest.raises(SymbolNotFound, match="proxies=True"):
        logic.run_backtest(spec, source="workspace", ws=ws, proxies=False)
    plain = logic.run_backtest(get("sma_crossover"), start="2008-01-02", source="bundled")
    assert plain.assumptions == [] and logic.assumptions_html(plain) == ""


def test_run_sweep_resolves_symbols(ws) -> None:
    ws.prices.load_bundled(["^GSPC"])
    spec = _spy(get("sma_crossover"))
    sw = logic.run_sweep(spec, logic.price_source(["SPY"], "workspace", ws), "fast.window", [20, 40], "slow.window", [150],
                         start="2010-01-04", progress=False)
    assert len(sw.table) == 2 and any(a.startswith("SPY traded as ^GSPC") for a in sw.assumptions)
    assert sorted(logic.price_source(["^GSPC", "SPY"], "bundled")) == ["^GSPC"]
    with pytest.raises(DataError, match="unknown price source"):
        logic.price_source(["^GSPC"], "ftp")


def test_tearsheet_view_monthly_table_equals_the_equity_curve() -> None:
    """Each monthly cell is month-end equity over the previous month-end (the first month over the initial
    cash), the Year column the year's compound return; two figures; the extra metrics with units."""
    result = logic.run_backtest(get("sma_crossover"), start="2012-01-03", end="2015-12-31", source="bundled")
    view = logic.tearsheet_view(result)
    eq = result.equity
    month_end = eq.groupby(eq.index.to_period("M")).last()
    base = pd.concat([pd.Series([result.init_cash]), month_end.iloc[:-1].reset_index(drop=True)])
    want = pd.Series(month_end.to_numpy() / base.to_numpy() - 1.0, index=month_end.index)
    table = view["monthly"]
    assert list(table.columns) == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Year"]
    def pct(r: float) -> str:  # one decimal, and a rounding to zero shown as 0.0%, never -0.0%
        return "0.0%" if abs(r) < 0.0005 else f"{r:.1%}"

    for period, r in want.items():
        assert table.loc[period.year, period.strftime("%b")] == pct(r)
    year_end = eq.groupby(eq.index.year).last()
    assert table.loc[2013, "Year"] == pct(year_end[2013] / year_end[2012] - 1)
    assert table.loc[2012, "Year"] == pct(year_end[2012] / result.init_cash - 1)
    r = result.returns
    q05 = float(r.quantile(0.05))
    assert view["metrics"].loc["var 95", "value"] == f"{q05:.2%}"
    assert view["metrics"].loc["longest drawdown bars", "value"].endswith(" bars")
    titles = [f.layout.title.text for f in view["figures"]]
    assert "monthly returns" in titles[0] and "rolling Sharpe" in titles[1]
    assert "Monthly returns" in view["html"] and "foa-monthly" in view["html"]


def test_tearsheet_view_escapes_the_spec_name() -> None:
    spec = get("sma_crossover").model_copy(update={"name": "<script>alert(1)</script>"})
    view = logic.tearsheet_view(logic.run_backtest(spec, start="2012-01-03", end="2013-12-31", source="bundled"))
    assert all("<script>" not in f.layout.title.text and "&lt;script&gt;" in f.layout.title.text for f in view["figures"])


def test_run_walk_forward_equals_foa_walk_forward_and_resolves_symbols(ws) -> None:
    """The Walk-forward tab's function is foa.walk_forward over the two-parameter grid; a document's SPY
    walks forward on ^GSPC and says so; spans typed as text ("6Y", "750") are read as foa reads them."""
    import foa

    ws.prices.load_bundled(["^GSPC"])
    spec = get("sma_crossover")
    grid = {"fast.window": [20, 50], "slow.window": [150, 200]}
    want = foa.walk_forward(spec, ws, grid, train="6Y", test="4Y", start="2004-01-02", progress=False)
    got = logic.run_walk_forward(spec, logic.price_source(["^GSPC"], "workspace", ws), "fast.window", [20, 50],
                                 "slow.window", [150, 200], train="6Y", test="4Y", start="2004-01-02", progress=False)
    pd.testing.assert_frame_equal(got.windows, want.windows)
    assert got.oos_result.stats["sharpe"] == want.oos_result.stats["sharpe"]
    info = logic.walk_forward_summary(got)
    assert list(info["windows"]["test_start"]) == [f"{t:%Y-%m-%d}" for t in want.windows["test_start"]]
    assert info["efficiency"] == want.efficiency or (math.isnan(info["efficiency"]) and math.isnan(want.efficiency))
    assert f"{len(want.windows)} windows (rolling)" in info["sentence"] and "efficiency" in info["sentence"]
    assert "walk-forward" in info["figure"].layout.title.text
    spy = logic.run_walk_forward(_spy(spec), ws, "fast.window", [20, 50], "slow.window", [150, 200], train="6Y",
                                 test="4Y", start="2004-01-02", progress=False)
    pd.testing.assert_frame_equal(spy.windows, want.windows)
    assert any(a.startswith("SPY traded as ^GSPC") for a in spy.oos_result.assumptions)
    bars = logic.run_walk_forward(spec, ws, "fast.window", [20, 50], "slow.window", [150], train="1500", test="1000",
                                  start="2004-01-02", progress=False)
    assert len(bars.windows) >= 2
    with pytest.raises(SpecError, match="two different"):
        logic.run_walk_forward(spec, ws, "fast.window", [20], "fast.window", [30], train="5Y", test="1Y")
    with pytest.raises(SpecError, match="train must be like"):
        logic.run_walk_forward(spec, ws, "fast.window", [20], "slow.window", [150], train="five years", test="1Y")


def test_sweep_client_and_cluster_line() -> None:
    class FakeClient:  # what cluster_html reads of a distributed.Client: its scheduler address and dashboard link
        dashboard_link = "http://127.0.0.1:8787/status"

        class scheduler:
            address = "tcp://127.0.0.1:8786"

    c = FakeClient()
    assert logic.sweep_client(False, c) is None and logic.sweep_client(True, c) is c and logic.sweep_client(True) is True
    assert "this kernel" in logic.cluster_html(False, c)
    assert "local Dask cluster" in logic.cluster_html(True)
    line = logic.cluster_html(True, c)
    assert "href='http://127.0.0.1:8787/status'" in line and "tcp://127.0.0.1:8786" in line
    c.dashboard_link = "javascript:alert(1)"  # never a link that runs script
    assert "href" not in logic.cluster_html(True, c) and "no dashboard" in logic.cluster_html(True, c)
