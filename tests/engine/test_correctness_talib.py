"""TA-Lib rules (ADX, Parabolic SAR) against the independent reference loop: next-open fills, warm-up,
weekly bars and stops behave as for foa's own indicators (tests/engine/reference.py calls TA-Lib directly)."""

from __future__ import annotations

import pytest

pytest.importorskip("talib")

import foa  # noqa: E402
from foa.spec.model import Risk, StrategySpec, Universe  # noqa: E402
from tests.engine.test_correctness import check  # noqa: E402


@pytest.fixture(scope="module")
def gspc():
    from foa.samples import market_data

    return market_data("^GSPC")


def _spec(name, entry, exit_, **kw):
    return StrategySpec(name=name, universe=Universe(symbols=["^GSPC"]), entry=foa.rule(entry), exit=foa.rule(exit_), **kw)


def test_adx_trend_filter_matches_reference(gspc):
    spec = _spec("adx_trend", "adx(14) > 25 and close > sma(50)", "adx(14) < 20 or close < sma(50)")
    _, expected = check(spec, gspc)
    assert len(expected.trades) > 20


def test_sar_flip_matches_reference(gspc):
    spec = _spec("sar_flip", "close crosses_above sar(0.02, 0.2)", "close crosses_below sar(0.02, 0.2)")
    _, expected = check(spec, gspc)
    assert len(expected.trades) > 50


def test_adx_and_sar_with_a_stop_and_close_fills(gspc):
    spec = _spec("adx_sar", "adx(10) > 20 and close > sar()", "close < sar()", risk=Risk(stop_loss=0.03))
    _, expected = check(spec, gspc)
    assert len(expected.trades) > 20
    check(spec, gspc, fill="close")


@pytest.mark.parametrize("frequency", ["weekly", "monthly"])
def test_adx_sar_on_period_bars(frequency, gspc):
    spec = _spec(f"{frequency}_sar", "close > sar() and adx(7) > 15", "close < sar()", frequency=frequency)
    _, expected = check(spec, gspc)
    assert len(expected.trades) > 5
