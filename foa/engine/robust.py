"""Robustness figures for a parameter sweep: the deflated Sharpe ratio (Bailey & Lopez de Prado, 2014).

When a researcher tries N parameter combinations and keeps the best, the best Sharpe ratio is the maximum
of N noisy estimates: high even when no combination has an edge. The deflated Sharpe ratio (DSR) is the
probabilistic Sharpe ratio (PSR) of the chosen combination measured against the Sharpe that luck alone is
expected to deliver from N independent trials, corrected for the sample length and for skewed, fat-tailed
returns.

Units (read this before passing numbers in):

* Every Sharpe ratio here is **per period** (per bar: daily bars give a daily Sharpe = mean / std of daily
  returns), NOT annualised, unless you pass ``periods_per_year``: then ``observed_sharpe`` and the trial
  Sharpes (or their standard deviation) are taken as annualised and divided by sqrt(periods_per_year)
  first. An annualised Sharpe passed as per-period drives the DSR to ~1 and hides overfitting.
* ``kurtosis`` is the plain (non-excess) kurtosis: 3 for normal returns.
* ``n_obs`` is the number of return observations (bars) behind the observed Sharpe.

    >>> from foa.engine.robust import deflated_sharpe_ratio
    >>> # the paper's example: best of 100 trials, annualised SR 2.5, 5 years of daily data
    >>> round(deflated_sharpe_ratio(2.5, 0.5 ** 0.5, 100, 1250, -3, 10, periods_per_year=250), 4)
    0.9004
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from foa.errors import DataError

__all__ = [
    "EULER_GAMMA",
    "deflated_sharpe_ratio",
    "dsr_warning",
    "expected_max_sharpe",
    "probabilistic_sharpe_ratio",
    "return_moments",
]

EULER_GAMMA = 0.5772156649015329  # Euler-Mascheroni constant, in the expected-maximum approximation
# At or above this DSR the best combination counts as significant (the usual 95% confidence).
DEFAULT_CONFIDENCE = 0.95


def expected_max_sharpe(n_trials: float, variance: float, *, mean: float = 0.0) -> float:
    """Expected maximum Sharpe ratio of ``n_trials`` independent trials whose Sharpes have ``variance``.

    E[max SR] ~ mean + sqrt(variance) * ((1 - g) * Z^-1(1 - 1/N) + g * Z^-1(1 - 1/(N e))), g the
    Euler-Mascheroni constant (Bailey & Lopez de Prado 2014, eq. for SR_0). Units follow ``variance``: a
    per-period variance gives a per-period Sharpe. One trial has no selection: the result is ``mean``.

    >>> round(expected_max_sharpe(100, 0.5 / 250), 4)   # the paper's SR_0, per day
    0.1132
    """
    # scipy's standard normal quantile itself (norm.ppf computes it through ~100 us of dispatch)
    from scipy.special import ndtri

    if not (isinstance(n_trials, (int, float, np.integer, np.floating)) and math.isfinite(n_trials)) or n_trials < 1:
        raise DataError(f"n_trials must be a number >= 1 (the combinations tried), got {n_trials!r}")
    if not math.isfinite(variance) or variance < 0:
        raise DataError(f"variance of the trial Sharpe ratios must be finite and >= 0, got {variance!r}")
    if n_trials == 1:
        return float(mean)
    z = (1 - EULER_GAMMA) * float(ndtri(1 - 1 / n_trials)) + EULER_GAMMA * float(ndtri(1 - 1 / (n_trials * math.e)))
    return float(mean + math.sqrt(variance) * z)


def probabilistic_sharpe_ratio(
    observed_sharpe: float,
    benchmark_sharpe: float,
    n_obs: int,
    skew: float = 0.0,
    kurtosis: float = 3.0,
) -> float:
    """Probability that the true per-period Sharpe exceeds ``benchmark_sharpe`` (Bailey & Lopez de Prado 2012).

    PSR = Z[(SR - SR*) sqrt(T - 1) / sqrt(1 - skew SR + (kurtosis - 1)/4 SR^2)], both Sharpes per period,
    ``kurtosis`` non-excess (3 = normal).

    >>> round(probabilistic_sharpe_ratio(0.1, 0.0, 252), 3)
    0.943
    """
    from scipy.special import ndtr  # norm.cdf's own function, without its dispatch

    _check_obs(n_obs)
    for name, v in (("observed_sharpe", observed_sharpe), ("benchmark_sharpe", benchmark_sharpe),
                    ("skew", skew), ("kurtosis", kurtosis)):
        if not math.isfinite(v):
            raise DataError(f"{name} must be a finite number, got {v!r}")
    if kurtosis < 1 + skew**2:
        # Every distribution has kurtosis >= 1 + skew^2; a smaller value is almost always an excess
        # kurtosis (normal = 0) passed where the plain one (normal = 3) belongs.
        raise DataError(
            f"kurtosis {kurtosis} is impossible with skew {skew} (kurtosis >= 1 + skew^2): pass the plain "
            "(non-excess) kurtosis of the returns, 3 for normal returns"
        )
    var = 1 - skew * observed_sharpe + (kurtosis - 1) / 4 * observed_sharpe**2
    z = (observed_sharpe - benchmark_sharpe) * math.sqrt(n_obs - 1) / math.sqrt(var)
    return float(ndtr(z))


def deflated_sharpe_ratio(
    observed_sharpe: float,
    trials: float | Sequence[float] | np.ndarray,
    n_trials: int | None = None,
    n_obs: int | None = None,
    skew: float = 0.0,
    kurtosis: float = 3.0,
    *,
    periods_per_year: float | None = None,
) -> float:
    """Deflated Sharpe ratio: the PSR of the best combination against the expected maximum of ``n_trials``.

    ``trials`` is either the standard deviation of the Sharpe ratios across the trials (a number) or the
    trial Sharpe ratios themselves (then ``n_trials`` defaults to their count and their sample variance
    is used). Sharpes are per period unless ``periods_per_year`` is given (then all Sharpes, and the
    standard deviation, are annualised and converted here). Returns a probability in [0, 1]; below 0.95
    the best result is not significant once the search is accounted for.

    >>> round(deflated_sharpe_ratio(2.5, 0.5 ** 0.5, 100, 1250, -3, 10, periods_per_year=250), 4)
    0.9004
    """
    if n_obs is None:
        raise DataError("n_obs is required: the number of return observations behind observed_sharpe")
    if np.ndim(trials) == 0:
        std = float(trials)  # type: ignore[arg-type]
        if n_trials is None:
            raise DataError("n_trials is required when trials is a standard deviation; or pass the trial Sharpes")
    else:
        values = np.asarray(trials, dtype=float)
        values = values[np.isfinite(values)]
        if values.size < 2:
            raise DataError("need the Sharpe ratios of at least 2 trials to measure their spread")
        std = float(values.std(ddof=1))
        n_trials = int(values.size) if n_trials is None else n_trials
    if not math.isfinite(std) or std < 0:
        raise DataError(f"the standard deviation of the trial Sharpes must be finite and >= 0, got {std!r}")
    sr = float(observed_sharpe)
    if periods_per_year is not None:
        if not periods_per_year > 0:
            raise DataError(f"periods_per_year must be positive (252 for daily bars), got {periods_per_year!r}")
        root = math.sqrt(periods_per_year)
        sr, std = sr / root, std / root  # annualised -> per period: Sharpe scales with sqrt(time)
    sr0 = expected_max_sharpe(n_trials, std**2)
    return probabilistic_sharpe_ratio(sr, sr0, n_obs, skew, kurtosis)


def return_moments(returns: Sequence[float] | np.ndarray) -> tuple[float, float, float, int]:
    """(per-period Sharpe, skew, non-excess kurtosis, n) of a return series, NaNs dropped.

    >>> sr, skew, kurt, n = return_moments([0.01, -0.005, 0.002, 0.004])
    >>> n
    4
    """
    r = np.asarray(returns, dtype=float)
    r = r[np.isfinite(r)]
    _check_obs(r.size)
    sd = r.std(ddof=1)
    if sd == 0:
        raise DataError("the returns do not vary (zero volatility): a Sharpe ratio is undefined")
    c = r - r.mean()
    c2 = c * c  # products, not c**3 / c**4: numpy's general power costs ~60 ns an element
    m2 = np.mean(c2)
    return float(r.mean() / sd), float(np.mean(c2 * c) / m2**1.5), float(np.mean(c2 * c2) / m2**2), int(r.size)


def dsr_warning(dsr: float, n_trials: int, *, confidence: float = DEFAULT_CONFIDENCE) -> str | None:
    """A plain-English warning when the best of ``n_trials`` combinations is likely luck; None when it passes.

    >>> dsr_warning(0.41, 174)[:72]
    'The best of 174 combinations has a deflated Sharpe ratio of 0.41: it is '
    """
    if not math.isfinite(dsr):
        return f"The deflated Sharpe ratio of the best of {n_trials} combinations could not be computed."
    if dsr >= confidence:
        return None
    head = f"The best of {n_trials} combinations has a deflated Sharpe ratio of {dsr:.2f}"
    if dsr < 0.5:
        return (
            f"{head}: it is likely luck. Trying {n_trials} combinations makes a Sharpe this high likely even "
            "with no edge at all; test the chosen parameters on data the sweep did not see before trusting them."
        )
    return (
        f"{head}: below the {confidence:.2f} confidence bar, so the edge may be luck from trying {n_trials} "
        "combinations; check it out of sample and prefer parameters whose neighbours also do well."
    )


def _check_obs(n_obs: int) -> None:
    if not isinstance(n_obs, (int, np.integer)) or n_obs < 2:
        raise DataError(f"need at least 2 return observations (n_obs) for a Sharpe ratio, got {n_obs!r}")
