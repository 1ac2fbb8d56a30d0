"""The probability of backtest overfitting (CSCV) on return matrices whose answer is known, against a plain
CSCV written here from the full returns, and on a real sweep."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

import foa
from foa.engine.pbo import block_stats, cscv, pbo_from_returns
from foa.engine.sweep import apply_params
from foa.errors import SpecError
from tests.engine.helpers import gspc


def plain_cscv(returns: np.ndarray, n_splits: int) -> tuple[float, list[float]]:
    """Bailey et al. (2015) as written: split rows into S groups, every half as IS, Sharpe on the raw rows."""
    t, n = returns.shape
    edges = np.linspace(0, t, n_splits + 1).round().astype(int)
    groups = [returns[edges[i]:edges[i + 1]] for i in range(n_splits)]
    logits = []
    for chosen in itertools.combinations(range(n_splits), n_splits // 2):
        is_rows = np.vstack([groups[i] for i in chosen])
        oos_rows = np.vstack([groups[i] for i in range(n_splits) if i not in chosen])
        sr_is = is_rows.mean(axis=0) / is_rows.std(axis=0, ddof=1)
        sr_oos = oos_rows.mean(axis=0) / oos_rows.std(axis=0, ddof=1)
        best = int(np.argmax(sr_is))
        rank = 1 + sum(sr_oos[j] < sr_oos[best] for j in range(n))
        w = rank / (n + 1)
        logits.append(math.log(w / (1 - w)))
    return float(np.mean(np.array(logits) <= 0)), logits


@pytest.fixture(scope="module")
def noise() -> np.ndarray:
    return np.random.default_rng(7).normal(0.0, 0.01, size=(2520, 30))


def test_noise_strategies_give_a_pbo_near_one_half(noise):
    res = pbo_from_returns(noise, 16)
    assert len(res.logits) == math.comb(16, 8)
    assert 0.3 <= res.pbo <= 0.7


def test_one_real_edge_among_noise_gives_a_pbo_near_zero(noise):
    r = noise.copy()
    r[:, 11] += 0.002  # about 3 annualised Sharpe on 1% daily noise
    res = pbo_from_returns(r, 16)
    assert res.pbo < 0.02
    assert res.n_combinations == 30


@pytest.mark.parametrize("n_splits", [4, 8, 10])
def test_block_sums_equal_a_plain_cscv_from_the_full_returns(noise, n_splits):
    r = noise[:, :12] + np.linspace(-0.0005, 0.0005, 12)  # distinct means so the ranks are not all ties
    expected_pbo, expected_logits = plain_cscv(r, n_splits)
    got = pbo_from_returns(r, n_splits)
    assert got.pbo == expected_pbo
    np.testing.assert_allclose(got.logits, expected_logits, rtol=0, atol=1e-12)
    # finer blocks grouped into the same splits give the same answer
    assert cscv(block_stats(r, n_splits * 2), n_splits).pbo == expected_pbo


def test_bad_splits_are_spec_errors(noise):
    stats = block_stats(noise, 16)
    with pytest.raises(SpecError, match="divides the sweep's pbo_blocks \\(16\\).*try 2, 4, 8, 16"):
        cscv(stats, 6)
    with pytest.raises(SpecError, match="at least 2 combinations"):
        cscv(block_stats(noise[:, :1], 16), 16)


def test_a_sweep_keeps_block_sums_equal_to_its_single_backtests():
    px = gspc()
    spec = foa.spec.library.get("sma_crossover")
    grid = {"fast.window": [10, 20, 40], "slow.window": [100, 200]}
    sw = foa.sweep(spec, px, grid, start="2008-01-01", progress=False)
    rets = []
    for _, row in sw.table.iterrows():
        one = foa.backtest(apply_params(spec, {k: int(row[k]) for k in grid}),
                           px, start="2008-01-01")
        rets.append(one.returns.to_numpy())
    expected = pbo_from_returns(np.column_stack(rets), 8)
    got = sw.pbo(8)
    assert got.pbo == expected.pbo
    np.testing.assert_allclose(got.logits, expected.logits, atol=1e-9)
    assert "bottom half out of sample" in got.reading and got.plot().data
    with pytest.raises(SpecError, match="Sharpe"):
        sw.pbo(metric="cagr")
