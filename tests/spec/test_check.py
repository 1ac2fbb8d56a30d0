"""Static spec checks (foa/spec/check.py): one spec written for each finding code, the ready-made
families without findings, and the report's shape (ok, errors, warnings, text, HTML)."""

from __future__ import annotations

import dataclasses
import math

import pytest

from foa.spec import always, atr, bbands, close, const, high, low, lowest, macd, roc, rsi, sma, stdev, volume
from foa.spec.check import CODES, CheckReport, Finding, check_spec, expr_scale, looks_like_ticker, refusals
from foa.spec.library import library
from foa.spec.model import AtrStop, ConstExpr, Costs, NotCondition, Ranking, Risk, Sizing, StrategySpec, Universe

SPY = Universe(symbols=["SPY"])


def spec(**kw) -> StrategySpec:
    kw.setdefault("universe", SPY)
    kw.setdefault("name", "t")
    return StrategySpec(**kw)


def codes(s: StrategySpec) -> list[str]:
    return check_spec(s).codes


# (code, spec) — each spec shows that code and is otherwise sensible
CASES = [
    ("no_entry", lambda: spec(exit=close() < sma(50))),
    ("no_entry", lambda: spec(direction="short_only", short_exit=close() > sma(50))),
    ("short_side_missing", lambda: spec(direction="long_short", entry=close() > sma(50), exit=close() < sma(50))),
    ("scale_mismatch", lambda: spec(entry=close().crosses_above(rsi(14)) & (rsi(14) < 30), exit=close() < sma(10))),
    ("scale_mismatch", lambda: spec(entry=close() > sma(50), exit=atr(14) < close())),
    ("scale_mismatch", lambda: spec(entry=roc(12) > sma(50), exit=close() < sma(50))),
    ("scale_mismatch", lambda: spec(entry=volume() > close(), exit=close() < sma(50))),
    ("out_of_range", lambda: spec(entry=rsi(14) > 120, exit=rsi(14) < 50)),
    ("out_of_range", lambda: spec(entry=rsi(14) < 30, exit=rsi(14) > -5)),
    ("return_as_percent", lambda: spec(entry=roc(12) > 5, exit=roc(12) < 0)),
    # validation refuses NaN constants; model_construct builds one as code bypassing validation could
    ("nan_constant", lambda: spec(entry=close() > sma(50) * ConstExpr.model_construct(value=math.nan),
                                  exit=close() < sma(50))),
    ("division_by_zero", lambda: spec(entry=close() > sma(50) / 0, exit=close() < sma(50))),
    ("contradiction", lambda: spec(entry=(roc(10) > 0) & (roc(10) < 0), exit=close() < sma(50))),
    ("contradiction", lambda: spec(entry=(sma(50) > sma(200)) & (sma(200) > sma(50)), exit=close() < sma(50))),
    ("contradiction", lambda: spec(entry=(rsi(2) < 10) & ~(rsi(2) < 10), exit=close() > sma(5))),
    ("contradiction", lambda: spec(entry=(rsi(2) > 70) & (rsi(2) < 30), exit=close() > sma(5))),
    ("contradiction", lambda: spec(entry=sma(5).crosses_above(sma(20)) & sma(5).crosses_below(sma(20)), exit=close() > sma(5))),
    ("always_true", lambda: spec(entry=close() > sma(50), exit=high() >= low())),
    ("always_true", lambda: spec(entry=close() > sma(50), exit=(close() < sma(50)) | ~(close() < sma(50)))),
    ("always_true", lambda: spec(entry=close() > sma(50), exit=sma(10) <= sma(10))),
    ("never_true", lambda: spec(entry=high() < close(), exit=close() < sma(50))),
    ("never_true", lambda: spec(entry=close() > sma(50), exit=close() < sma(50), direction="long_short",
                                short_entry=highest20() < lowest(20), short_exit=close() > sma(50))),
    ("always_true", lambda: spec(entry=close() > sma(50), exit=highest20() > lowest(20))),
    ("never_true", lambda: spec(entry=close() > sma(50), exit=NotCondition(of=always()))),
    ("same_entry_exit", lambda: spec(entry=close() > sma(50), exit=close() > sma(50))),
    ("same_long_short_entry", lambda: spec(direction="long_short", entry=sma(50).crosses_above(sma(200)), exit=close() < sma(50),
                                           short_entry=sma(200).crosses_below(sma(50)), short_exit=close() > sma(50))),
    ("same_long_short_entry", lambda: spec(direction="long_short", entry=(rsi(14) < 30) & (close() > sma(200)),
                                           exit=rsi(14) > 70, short_entry=(sma(200) < close()) & (30 > rsi(14)),
                                           short_exit=rsi(14) < 30)),
    ("exit_always", lambda: spec(entry=close() > sma(50), exit=always())),
    ("exit_ignored", lambda: spec(universe=Universe(symbols=["SPY", "QQQ"]), ranking=Ranking(by=roc(126), top_n=1),
                                  rebalance="monthly", exit=roc(126) < 0)),
    ("exit_ignored", lambda: spec(universe=Universe(symbols=["SPY", "TLT"]), entry=close() > sma(200),
                                  exit=sma(50) < sma(200), rebalance="monthly")),
    ("take_profit_below_costs", lambda: spec(entry=close() > sma(50), exit=close() < sma(50),
                                             risk=Risk(take_profit=0.002), costs=Costs(fees=0.001, slippage=0.0005))),
    ("costs_look_like_percent", lambda: spec(entry=close() > sma(50), exit=close() < sma(50), costs=Costs(fees=0.5))),
    ("costs_look_like_percent", lambda: spec(entry=close() > sma(50), exit=close() < sma(50), costs=Costs(slippage=0.05))),
    ("wide_stop", lambda: spec(entry=close() > sma(50), exit=close() < sma(50), risk=Risk(stop_loss=0.9))),
    ("wide_stop", lambda: spec(entry=close() > sma(50), exit=close() < sma(50), risk=Risk(trailing_stop=0.5))),
    ("window_spans_decade", lambda: spec(frequency="monthly", entry=close() > sma(200), exit=close() < sma(200))),
    ("window_spans_decade", lambda: spec(frequency="weekly", entry=roc(600) > 0, exit=roc(600) < 0)),
    ("not_a_ticker", lambda: spec(universe=Universe(symbols=["S&P 500"]), entry=close() > sma(50), exit=close() < sma(50))),
    ("not_a_ticker", lambda: spec(universe=Universe(symbols=["spy"]), entry=close() > sma(50), exit=close() < sma(50))),
    ("no_symbols", lambda: spec(universe=Universe(), entry=close() > sma(50), exit=close() < sma(50))),
    ("close_only_symbol", lambda: spec(universe=Universe(symbols=["CL=F"]), entry=close() > highest20(), exit=close() < sma(50))),
    ("close_only_symbol", lambda: spec(universe=Universe(symbols=["^VIX"]), entry=atr(14) > 2, exit=close() < sma(50))),
    ("close_only_symbol", lambda: spec(universe=Universe(symbols=["CL=F"]), entry=close() > sma(50), exit=close() < sma(50),
                                       risk=Risk(atr_stop=AtrStop(window=14, multiple=3)))),
    ("engine_refuses", lambda: spec(universe=Universe(symbols=["SPY", "QQQ"]), direction="long_short",
                                    entry=roc(12) > 0, short_entry=roc(12) < 0, rebalance="monthly")),
    ("engine_refuses", lambda: spec(universe=Universe(symbols=["SPY", "QQQ"]), ranking=Ranking(by=roc(12), top_n=1),
                                    rebalance="monthly", risk=Risk(stop_loss=0.1))),
    ("engine_refuses", lambda: spec(entry=close() > sma(50), sizing=Sizing(method="fixed_fraction"))),
    ("engine_refuses", lambda: spec(ranking=Ranking(by=roc(12), top_n=1), rebalance="monthly")),
]


def highest20():
    from foa.spec import highest

    return highest(20)


@pytest.mark.parametrize("code,make", CASES, ids=[f"{c}-{i}" for i, (c, _) in enumerate(CASES)])
def test_each_code_on_a_spec_written_for_it(code, make):
    report = check_spec(make())
    assert code in report.codes, report.describe()
    f = next(f for f in report if f.code == code)
    assert f.severity == CODES[code][0] and f.message and f.fix and f.field
    assert report.ok == (not any(x.severity == "error" for x in report))


def test_stops_and_windows_of_ordinary_size_raise_nothing():
    ok = [spec(entry=close() > sma(50), exit=close() < sma(50), risk=Risk(stop_loss=0.3, trailing_stop=0.25)),
          spec(frequency="monthly", entry=close() > sma(10), exit=close() < sma(10)),
          spec(frequency="monthly", entry=roc(120) > 0, exit=roc(120) < 0),  # ten years: the limit itself
          spec(entry=close() > sma(200), exit=close() < sma(200))]
    for s in ok:
        assert not {"wide_stop", "window_spans_decade"} & set(check_spec(s).codes), check_spec(s).describe()
    f = next(f for f in check_spec(spec(frequency="monthly", entry=close() > sma(200), exit=close() < sma(200)))
             if f.code == "window_spans_decade")
    assert "sma(200) on monthly bars spans 17 years" in f.message and "'daily'" in f.fix
    f = next(f for f in check_spec(spec(entry=close() > sma(50), risk=Risk(stop_loss=0.9))) if f.code == "wide_stop")
    assert "90%" in f.message and "stop_loss=0.1" in f.fix


def test_every_static_code_has_a_case():
    price_codes = {"entry_never_fires", "exit_most_bars", "low_exposure", "one_bar_holds", "warmup_exceeds_data", "symbols_missing"}
    assert {c for c, _ in CASES} == set(CODES) - price_codes


@pytest.mark.parametrize("name", sorted(library()))
def test_ready_made_families_have_no_findings(name):
    assert check_spec(library()[name]).findings == []


@pytest.mark.parametrize(
    "make",
    [
        lambda: spec(entry=close() > sma(200) * 1.02, exit=close() < sma(200) - 2 * atr(14)),
        lambda: spec(entry=(close() - sma(20)) / stdev(20) < -2, exit=close() > sma(20)),
        lambda: spec(entry=sma(10, input=rsi(14)) > 50, exit=rsi(14) < 40),
        lambda: spec(entry=macd(output="hist") > 0, exit=macd(output="macd").crosses_below(macd(output="signal"))),
        lambda: spec(entry=atr(14) / close() < 0.02, exit=close() < bbands(20, 2, "lower")),
        lambda: spec(entry=(atr(14) > close() * 0.02) & (close() > sma(50) * 1.05), exit=stdev(20) < close() / 100),
        lambda: spec(entry=volume() > sma(20, input=volume()) * 2, exit=close() < sma(10)),
        lambda: spec(entry=(rsi(2) < 10) & (rsi(2) >= 5), exit=rsi(2) > 70),
        lambda: spec(entry=(close() >= sma(50)) & (close() <= sma(50) * 1.01), exit=close() < sma(50)),
        lambda: spec(universe=Universe(symbols=["^GSPC", "CL=F", "BRK-B", "EURUSD=X", "MOODYS:AAA", "7203.T"]),
                     entry=close() > sma(50), exit=close() < sma(50)),
        lambda: spec(universe=Universe(symbols=["CL=F"]), entry=close() > highest(20, input=close()), exit=close() < sma(50)),
        lambda: spec(entry=always(), risk=Risk(take_profit=0.05), costs=Costs(fees=0.001)),
        # the short side mirrors the long side: its own condition, not the long one
        lambda: spec(direction="long_short", entry=sma(50).crosses_above(sma(200)), exit=sma(50).crosses_below(sma(200)),
                     short_entry=sma(50).crosses_below(sma(200)), short_exit=sma(50).crosses_above(sma(200))),
        lambda: spec(direction="long_short", entry=(rsi(14) < 30) & (close() > sma(200)), exit=rsi(14) > 50,
                     short_entry=(rsi(14) > 70) & (close() < sma(200)), short_exit=rsi(14) < 50),
        lambda: spec(direction="long_short", entry=close() > sma(100), exit=close() < sma(100),
                     short_entry=sma(100) > close(), short_exit=sma(100) < close()),
    ],
)
def test_sensible_specs_have_no_findings(make):
    assert check_spec(make()).findings == []


def highest(n, **kw):
    from foa.spec import highest as h

    return h(n, **kw)


def test_scales():
    assert expr_scale(close()) == "price" and expr_scale(volume()) == "volume"
    assert expr_scale(rsi(14)) == "range(0,100)" and expr_scale(roc(12)) == "return"
    assert expr_scale(atr(14)) == expr_scale(stdev(20)) == expr_scale(macd()) == "price_delta"
    assert expr_scale(sma(5, input=roc(12))) == "return"
    assert expr_scale(close() / sma(50)) == "unbounded"
    assert expr_scale(rsi(14) + 10) == "unbounded"
    assert expr_scale(close() + 2 * atr(14)) == "price"


def test_tickers():
    for s in ["SPY", "^GSPC", "CL=F", "BRK-B", "EURUSD=X", "BTC-USD", "MOODYS:BAA", "7203.T", "BRK.B"]:
        assert looks_like_ticker(s), s
    for s in ["S&P 500", "spy", "the index", "", "GOLD FUTURES"]:
        assert not looks_like_ticker(s), s


def test_report_shape_text_and_html():
    s = spec(universe=Universe(symbols=["spy"]), entry=close() > rsi(14), exit=close() < sma(50))
    r = check_spec(s)
    assert not r.ok and [f.code for f in r.errors] == ["scale_mismatch"] and [f.code for f in r.warnings] == ["not_a_ticker"]
    assert r.findings[0].severity == "error"  # errors first
    text = r.describe()
    assert "✗ error [scale_mismatch] entry:" in text and "! warning [not_a_ticker] universe.symbols[0]:" in text
    html = r._repr_html_()
    assert "<table>" in html and "scale_mismatch" in html and "not_a_ticker" in html
    assert "ok=False errors=1 warnings=1" in repr(r)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.findings[0].code = "x"  # type: ignore[misc]
    assert CheckReport().ok and CheckReport().describe() == "no findings" and len(CheckReport()) == 0
    both = r + CheckReport([Finding("info", "no_symbols", "m", "universe.symbols")])
    assert len(both) == 3 and both.infos[0].code == "no_symbols"
    assert CheckReport([r.findings[0], r.findings[0]]).findings == [r.findings[0]]  # the same finding once


def test_check_is_computed_not_stored():
    s = spec(entry=close() > rsi(14), exit=close() < sma(50))
    check_spec(s)
    assert "finding" not in s.model_dump_json().lower()


def test_refusals_match_what_the_engine_refuses():
    """Every engine_refuses finding is a spec the engine really refuses with a SpecError."""
    import foa
    from foa.errors import SpecError
    from foa.samples import market_data

    data = {"SPY": market_data("^GSPC").loc["2016":"2018"], "QQQ": market_data("^IXIC").loc["2016":"2018"]}
    for code, make in CASES:
        if code != "engine_refuses":
            continue
        s = make()
        assert refusals(s)
        with pytest.raises(SpecError):
            foa.backtest(s, {k: v for k, v in data.items() if k in s.universe.symbols} or data["SPY"])


def test_docs_list_every_code():
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "docs" / "checks.md").read_text(encoding="utf-8")
    missing = [c for c in CODES if f"| `{c}` |" not in page]
    assert missing == []


def test_a_ranking_filter_written_as_entry_is_not_flagged():
    universe = Universe(symbols=["SPY", "QQQ"])
    as_exit = spec(universe=universe, ranking=Ranking(by=roc(126), top_n=1), rebalance="monthly", exit=roc(126) < 0)
    as_entry = spec(universe=universe, ranking=Ranking(by=roc(126), top_n=1), rebalance="monthly", entry=roc(126) >= 0)
    f = next(f for f in check_spec(as_exit) if f.code == "exit_ignored")
    assert f.severity == "warning" and f.field == "exit" and "entry" in f.fix
    assert check_spec(as_entry).findings == []


def test_an_exit_that_only_reverses_a_rebalanced_entry_is_not_flagged():
    universe = Universe(symbols=["SPY", "TLT"])
    reversed_ = spec(universe=universe, entry=close() > sma(200), exit=close() <= sma(200), rebalance="monthly")
    own_rule = spec(universe=universe, entry=close() > sma(200), exit=rsi(14) > 80, rebalance="monthly")
    assert "exit_ignored" not in check_spec(reversed_).codes
    assert "exit_ignored" in check_spec(own_rule).codes
