"""The deflated Sharpe ratio against the paper's worked example, and the properties it must have."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foa.engine.robust import (
    deflated_sharpe_ratio,
    dsr_warning,
    expected_max_sharpe,
    probabilistic_sharpe_ratio,
    return_moments,
)
from foa.errors import DataError, FoaError

# The worked numerical example of Bailey & Lopez de Prado, "The Deflated Sharpe Ratio: Correcting for
# Selection Bias, Backtest Overfitting and Non-Normality", J. Portfolio Management 40(5), 2014 (SSRN
# 2460551, section "A numerical example"): a strategist runs N = 100 independent trials whose annualised
# Sharpe ratios have variance V = 1/2; the best has an annualised SR of 2.5 over T = 1250 daily
# observations (5 years of 250 days), skewness -3 and (non-excess) kurtosis 10. The paper reports the
# expected maximum SR_0 = 0.1132 (per day, non-annualised) and DSR = 0.9004. The same inputs and
# conventions (annualised inputs divided by sqrt(periods), variance by periods) appear in quantstrat's
# R implementation `.deflatedSharpe` (braverock/quantstrat, R/deflated.Sharpe.R), which this mirrors.
PAPER = dict(n_trials=100, variance_annual=0.5, sr_annual=2.5, n_obs=1250, skew=-3.0, kurtosis=10.0, periods=250)


def test_expected_max_sharpe_matches_paper_sr0():
    sr0 = expected_max_sharpe(PAPER["n_trials"], PAPER["variance_annual"] / PAPER["periods"])
    assert round(sr0, 4) == 0.1132


def test_dsr_matches_paper_example_with_annualised_inputs():
    dsr = deflated_sharpe_ratio(
        PAPER["sr_annual"], math.sqrt(PAPER["variance_annual"]), PAPER["n_trials"], PAPER["n_obs"],
        PAPER["skew"], PAPER["kurtosis"], periods_per_year=PAPER["periods"],
    )
    assert round(dsr, 4) == 0.9004


def test_dsr_matches_paper_example_with_per_period_inputs():
    root = math.sqrt(PAPER["periods"])
    dsr = deflated_sharpe_ratio(
        PAPER["sr_annual"] / root, math.sqrt(PAPER["variance_annual"]) / root, PAPER["n_trials"],
        PAPER["n_obs"], PAPER["skew"], PAPER["kurtosis"],
    )
    assert dsr == pytest.approx(0.9004, abs=5e-5)


def test_dsr_is_psr_against_expected_max():
    # The definition, written out: DSR = PSR(SR_0 = E[max of N]).
    sr, std, n, t = 0.08, 0.03, 40, 1000
    assert deflated_sharpe_ratio(sr, std, n, t, 0.5, 6.0) == pytest.approx(
        probabilistic_sharpe_ratio(sr, expected_max_sharpe(n, std**2), t, 0.5, 6.0), rel=1e-12
    )


def test_psr_closed_form_for_normal_returns():
    # Normal returns: PSR = Phi(SR sqrt(T-1) / sqrt(1 + SR^2/2)).
    from scipy.stats import norm

    sr, t = 0.05, 500
    expected = norm.cdf(sr * math.sqrt(t - 1) / math.sqrt(1 + sr**2 / 2))
    assert probabilistic_sharpe_ratio(sr, 0.0, t) == pytest.approx(expected, rel=1e-12)


def test_more_trials_lower_dsr():
    values = [deflated_sharpe_ratio(0.1, 0.04, n, 1250) for n in (2, 10, 100, 1000, 10_000)]
    assert all(a > b for a, b in zip(values, values[1:]))


def test_expected_max_grows_with_trials_and_spread():
    assert expected_max_sharpe(1, 0.01) == 0.0
    assert expected_max_sharpe(10, 0.01) < expected_max_sharpe(100, 0.01) < expected_max_sharpe(1000, 0.01)
    assert expected_max_sharpe(100, 0.01) < expected_max_sharpe(100, 0.04)
    # sqrt scaling in the standard deviation
    assert expected_max_sharpe(100, 0.04) == pytest.approx(2 * expected_max_sharpe(100, 0.01), rel=1e-12)


def test_expected_max_close_to_simulated_maximum():
    # The approximation vs a Monte Carlo of the max of N standard normals: the closed form is an
    # approximation (about +1% at N = 100), close enough to set the bar.
    rng = np.random.default_rng(7)
    sim = rng.standard_normal((20_000, 100)).max(axis=1).mean()
    assert expected_max_sharpe(100, 1.0) == pytest.approx(sim, rel=0.03)


def test_longer_sample_higher_dsr_and_higher_sharpe_higher_dsr():
    short, long = (deflated_sharpe_ratio(0.12, 0.03, 50, t) for t in (250, 2500))
    assert long > short
    low, high = (deflated_sharpe_ratio(sr, 0.03, 50, 1000) for sr in (0.08, 0.15))
    assert high > low


def test_negative_skew_and_fat_tails_lower_dsr():
    base = deflated_sharpe_ratio(0.12, 0.03, 50, 1000, 0.0, 3.0)
    assert deflated_sharpe_ratio(0.12, 0.03, 50, 1000, -1.0, 3.0) < base
    assert deflated_sharpe_ratio(0.12, 0.03, 50, 1000, 0.0, 12.0) < base


def test_trial_sharpes_sequence_equals_their_std():
    trials = np.array([0.01, 0.03, -0.02, 0.05, 0.04, 0.0, 0.02])
    by_list = deflated_sharpe_ratio(0.05, trials, n_obs=800)
    by_std = deflated_sharpe_ratio(0.05, float(trials.std(ddof=1)), len(trials), 800)
    assert by_list == pytest.approx(by_std, rel=1e-12)
    assert 0.0 <= by_list <= 1.0


def test_return_moments_of_known_series():
    r = np.array([0.01, -0.02, 0.03, 0.0, 0.015])
    sr, skew, kurt, n = return_moments(r)
    assert n == 5
    assert sr == pytest.approx(r.mean() / r.std(ddof=1))
    from scipy.stats import kurtosis as sk_kurt, skew as sk_skew

    assert skew == pytest.approx(sk_skew(r))
    assert kurt == pytest.approx(sk_kurt(r, fisher=False))


def test_warning_text_says_luck_and_count():
    text = dsr_warning(0.41, 174)
    assert text is not None and "174 combinations" in text and "0.41" in text and "likely luck" in text
    middle = dsr_warning(0.80, 174)
    assert middle is not None and "0.80" in middle and "likely luck" not in middle
    assert dsr_warning(0.97, 174) is None


@pytest.mark.parametrize(
    "call",
    [
        lambda: expected_max_sharpe(0, 0.1),
        lambda: expected_max_sharpe(10, -1.0),
        lambda: deflated_sharpe_ratio(0.1, 0.02, 10, 1),
        lambda: deflated_sharpe_ratio(0.1, 0.02, None, 100),
        lambda: deflated_sharpe_ratio(0.1, [0.1], n_obs=100),
        lambda: deflated_sharpe_ratio(0.1, 0.02, 10, 100, 0.0, 0.0),
        lambda: deflated_sharpe_ratio(0.1, 0.02, 10, 100, -2.0, 3.0),
        lambda: deflated_sharpe_ratio(0.1, 0.02, 10, 100, periods_per_year=0),
        lambda: return_moments([0.01, 0.01, 0.01]),
    ],
)
def test_bad_input_is_a_clear_foa_error(call):
    with pytest.raises(DataError) as info:
        call()
    assert isinstance(info.value, FoaError) and len(str(info.value)) > 20
