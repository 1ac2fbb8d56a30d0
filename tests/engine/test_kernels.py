"""The compiled kernels behind a sweep's speed give the same numbers as the plain numpy formulas.

``metrics.stats_table`` and ``simulate._output`` use one-pass numba kernels (``foa.engine._nb``) instead of
numpy over bars x combinations arrays; these tests pin them to the numpy definitions, NaN cases included,
and check that the stop path's simulation is cached on disk (numba refuses to cache a function that
receives a jitted function as a value, which used to cost 4-6 s in every new process).
"""

from __future__ import annotations

import numpy as np
import pytest

from foa.engine import metrics


def _numpy_stats(equity: np.ndarray, init_cash: float, rf: float, rb: np.ndarray):
    r = metrics.returns_of(equity, init_cash)
    ex = r - rf
    dd = metrics.drawdown(equity)
    cov = ((r - r.mean(axis=0)) * (rb - rb.mean())[:, None]).sum(axis=0) / (len(r) - 1)
    return (r.mean(axis=0), r.std(axis=0, ddof=1), ex.mean(axis=0),
            np.sqrt(np.mean(np.minimum(ex, 0.0) ** 2, axis=0)), cov, dd.min(axis=0), metrics._max_dd_duration(dd))


@pytest.mark.parametrize("order", ["C", "F"])
def test_equity_stats_kernel_equals_numpy(order):
    from foa.engine import _nb

    rng = np.random.default_rng(3)
    equity = 100_000 * np.cumprod(1 + rng.normal(0.0003, 0.01, (700, 6)), axis=0)
    equity[:, 1] = 100_000.0  # flat: zero volatility, no drawdown
    equity[300:, 2] = equity[299, 2] * 0.5  # a drop never recovered: the duration runs to the end
    equity[400, 3] = np.nan  # a NaN poisons the peak and the sums, as in numpy
    equity = np.asarray(equity, order=order)
    rb = rng.normal(0.0002, 0.01, 700)
    rb[0] = 0.0
    got = _nb.equity_stats_nb(np.ascontiguousarray(equity.T), 100_000.0, 0.0001, rb)  # combinations x bars
    want = _numpy_stats(equity, 100_000.0, 0.0001, rb)
    for g, w in zip(got, want):
        np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-18, equal_nan=True)
    assert got[6][2] >= 400  # under water from bar 300 to the end
    assert np.isnan(got[5][3]) and np.isnan(got[1][3])


def test_portfolio_value_kernel_equals_numpy_rebuild():
    from foa.engine import _nb

    rng = np.random.default_rng(5)
    bars, k, n = 60, 3, 2
    close = 100 + np.cumsum(rng.normal(0, 1, (bars, k * n)), axis=0)
    rec = []
    for col in range(k * n):  # records in vectorbt's order for unshared cash: column by column, bar by bar
        for i, side in ((5 + col, 0), (30 + col, 1), (40, 0)):
            rec.append((i, col, 10.0 + col, close[i, col], 0.5, side))
    idx, col, size, price, fees, side = (np.array(x) for x in zip(*rec))
    order = np.lexsort((idx, col // n))
    value, cash, exposure = _nb.portfolio_value_nb(idx, col, size, price, fees, side, order, close, n, k, 1000.0, 1e-9,
                                                   True)
    sign = np.where(side == 0, 1.0, -1.0)
    flow = np.bincount(idx * k + col // n, weights=-sign * size * price - fees, minlength=bars * k).reshape(bars, k)
    units = np.bincount(idx * k * n + col, weights=sign * size, minlength=bars * k * n).reshape(bars, k * n)
    assets = np.cumsum(units, axis=0)
    want_cash = 1000.0 + np.cumsum(flow, axis=0)
    want_value = want_cash + (assets * close).reshape(bars, k, n).sum(axis=2)
    np.testing.assert_allclose(value, want_value, rtol=1e-13)
    np.testing.assert_allclose(cash, want_cash, rtol=1e-13)
    held = (np.abs(assets) > 1e-9).reshape(bars, k, n).any(axis=2)
    np.testing.assert_array_equal(exposure, held.mean(axis=0))  # equal, not close: the same division
    assert 0 < exposure.min() and exposure.max() < 1
    # without cash: the same value and exposure, no cash columns written
    value2, cash2, exposure2 = _nb.portfolio_value_nb(idx, col, size, price, fees, side, order, close, n, k, 1000.0,
                                                      1e-9, False)
    np.testing.assert_array_equal(value2, value)
    np.testing.assert_array_equal(exposure2, exposure)
    assert cash2.shape == (bars, 0)


def test_stop_simulation_is_cacheable(gspc_small):
    from foa.engine import _nb, stops_nb
    from foa.engine.backtest import prepare
    from foa.engine.compile import compile_signals
    from foa.engine.simulate import simulate_signals
    from foa.spec.library import get

    spec = get("sma_crossover")
    spec = spec.model_copy(update={"risk": spec.risk.model_copy(update={"stop_loss": 0.05})})
    p = prepare(spec, gspc_small)
    sig, _ = compile_signals(spec, p.data, p.traded)
    for stops in ("resolved", "vectorbt"):  # the default, and vectorbt's stop simulation (reference, fallback)
        simulate_signals([spec], [sig], p.data, p.traded, p.i0, p.i1, init_cash=p.init_cash, fill=p.fill,
                         prices=p.price_matrices(), stops=stops)
    assert _nb.simulate_stops_nb.overloads and stops_nb.resolve_stops_nb.overloads
    # numba saves a compiled function only without "dynamic globals" (pointers to live Python objects,
    # e.g. a jitted function passed as a value); freshly compiled or loaded from the cache, none here
    for fn in (_nb.simulate_stops_nb, stops_nb.resolve_stops_nb):
        for cres in fn.overloads.values():
            assert not cres.library.has_dynamic_globals


@pytest.fixture
def gspc_small():
    import foa

    return foa.samples.market_data("^GSPC").iloc[:400]


def test_row_major_resolve_equals_the_column_major_kernel():
    """resolve_events_nb (a sweep's row-major batch) takes the very decisions resolve_nb takes column by
    column, packed to each column's fill bars."""
    from foa.engine import _nb

    rng = np.random.default_rng(11)
    for trial in range(24):
        n, m = int(rng.integers(2, 300)), int(rng.integers(1, 20))
        le, lx, se, sx = (rng.random((n, m)) < rng.uniform(0.02, 0.3) for _ in range(4))
        if trial % 3 == 0:
            se[:], sx[:] = False, False
        sig_bar = rng.random(n) < (1.0 if trial % 2 else 0.3)  # daily, or sparse (weekly/monthly) signal bars
        max_hold = rng.integers(0, 5, m).astype(np.int64) if trial % 4 == 0 else np.zeros(m, np.int64)
        for lag in (0, 1):
            want = _nb.resolve_nb(*(np.asfortranarray(x) for x in (le, lx, se, sx)), sig_bar, lag, max_hold)
            # the same orders packed to each column's fill bars, straight from the row-major rules
            *packed, total = _nb.resolve_events_nb(le, lx, se, sx, sig_bar, lag, max_hold)
            for g, w in zip(packed, _nb.order_events_nb(*want)):
                assert np.array_equal(g, w)
            assert total == sum(int(w.sum()) for w in want)
            assert sum(int(w.sum()) for w in want) > 0 or not le.any()


@pytest.mark.parametrize("shape,blocks", [((5031, 40), 16), ((17, 3), 16), ((100, 5), 7), ((20_000, 2), 2)])
@pytest.mark.parametrize("order", ["C", "F"])
def test_block_sums_kernel_equals_block_stats_of_the_returns(shape, blocks, order):
    """The PBO's block sums from the statistics' pass over the equity are the numbers np.add.reduceat gives on the returns
    (equal, not close: numpy's pairwise summation is reproduced), including blocks over 128 and 8192 bars."""
    from foa.engine import _nb
    from foa.engine.pbo import block_edges, block_stats

    rng = np.random.default_rng(5)
    equity = np.asarray(100_000 * np.cumprod(1 + rng.normal(0.0003, 0.01, shape), axis=0), order=order)
    returns = metrics.returns_of(equity, 100_000.0)
    want = block_stats(returns, blocks)
    edges = block_edges(shape[0], blocks).astype(np.int64)
    rb = np.zeros(shape[0])
    per_combination = np.ascontiguousarray(equity.T)  # combinations x bars, as the kernels take it
    *stats, total, squares = _nb.equity_stats_blocks_nb(per_combination, 100_000.0, 0.0, rb, edges[:-1], edges[1:])
    assert np.array_equal(total, want.total)
    assert np.array_equal(squares, want.squares)
    for g, w in zip(stats, _nb.equity_stats_nb(per_combination, 100_000.0, 0.0, rb)):  # the statistics are unchanged
        assert np.array_equal(g, w, equal_nan=True)


@pytest.mark.parametrize("op", [">", ">=", "<", "<=", "crosses_above", "crosses_below"])
def test_compare_kernel_equals_numpy(op):
    """compare_nb's gathered comparison is numpy's elementwise one, NaN (warm-up) cases included."""
    from foa.engine import _nb

    code = {">": 0, ">=": 1, "<": 2, "<=": 3, "crosses_above": 4, "crosses_below": 5}[op]  # compare_nb's numbering
    rng = np.random.default_rng(8)
    ua = np.round(rng.normal(size=(300, 4)), 1)  # rounded: ties make >= and <= differ from > and <
    ub = np.round(rng.normal(size=(300, 3)), 1)
    ua[:20, 1] = np.nan
    ub[50:55, 2] = np.nan
    ta = np.array([0, 1, 2, 3, 1, 0], dtype=np.int64)
    tb = np.array([2, 0, 1, 2, 2, 1], dtype=np.int64)
    a, b = ua[:, ta], ub[:, tb]
    pa, pb = np.vstack([np.full((1, 6), np.nan), a[:-1]]), np.vstack([np.full((1, 6), np.nan), b[:-1]])
    with np.errstate(invalid="ignore"):
        want = {">": a > b, ">=": a >= b, "<": a < b, "<=": a <= b,
                "crosses_above": (a > b) & (pa <= pb), "crosses_below": (a < b) & (pa >= pb)}[op]
    ok = ~(np.isnan(a) | np.isnan(b))
    if op.startswith("crosses"):
        ok &= ~(np.isnan(pa) | np.isnan(pb))
    for need_valid in (True, False):
        v, valid = _nb.compare_nb(ua, ta, ub, tb, code, need_valid)
        assert np.array_equal(v, want) and want.any()
        assert np.array_equal(valid, ok) if need_valid else valid.shape == (0, 6)
    empty = _nb.compare_nb(ua[:0], ta, ub[:0], tb, code, True)
    assert empty[0].shape == (0, 6)


@pytest.mark.parametrize("engine", ["rust", "numba"])
def test_static_simulation_over_each_columns_signal_bars_equals_every_bar(engine, monkeypatch):
    """vectorbt's static run over each column's own signal bars (prices gathered from the untiled symbols)
    gives the records of the run over every bar with tiled prices: fees, fixed fees, slippage, fractions,
    per-bar sizes, shorts and reversals."""
    from foa.engine import _nb, simulate
    from foa.engine import vectorbt_adapter as vba

    if engine == "rust" and vba.engine_name() != "rust":
        pytest.skip("vectorbt-rust is not installed")
    monkeypatch.setattr(simulate, "engine_name", lambda: engine)
    rng = np.random.default_rng(21)
    bars, n, reps = 400, 3, 4
    m = n * reps
    close = 100 * np.cumprod(1 + rng.normal(0, 0.02, (bars, n)), axis=0)
    open_ = close * (1 + rng.normal(0, 0.005, (bars, n)))
    levels = [rng.random((bars, m)) < 0.05 for _ in range(4)]
    levels[2][:, : m // 2] = False  # half the columns long only
    LE, LX, SE, SX = _nb.resolve_nb(*(np.asfortranarray(x) for x in levels), np.ones(bars, bool), 1,
                                    np.zeros(m, np.int64))
    sizes = {"all in": 1.0, "fraction": np.where(np.arange(m) % 3 == 0, 0.5, 1.0)[None, :],
             "per bar": rng.uniform(0.2, 1.0, (bars, m))}
    costs = dict(size_type="percent", fees=np.linspace(0, 0.002, m)[None, :], slippage=0.0005, fixed_fees=1.0)
    for label, size in sizes.items():
        cash = np.full(m, 10_000.0)
        n_orders = int(LE.sum() + LX.sum() + SE.sum() + SX.sum())
        packed = simulate._sim_args(dict(close=close, price=open_, size=size, **costs))
        got, _ = simulate._records_static((bars, m), cash, LE, LX, SE, SX, n_orders, packed, n)
        full = simulate._sim_args(dict(close=np.tile(close, (1, reps)), price=np.tile(open_, (1, reps)), size=size,
                                       **costs))
        want, _ = simulate._run_static((bars, m), cash, LE, LX, SE, SX, n_orders, full,
                                       simulate._settings_defaults(), engine)
        assert len(want) > 5 * m  # several orders in every column
        for name in want.dtype.names:
            assert np.array_equal(got[name], want[name]), (label, name)


def test_one_compiled_simulation_and_stats_pass_serve_backtests_and_sweeps():
    """One column or many, one Signals or one per combination: the stop kernel and the stats pass get one
    array type each, so numba compiles each once (and a backtest's statistics none). Run in a fresh process: other tests of this session call
    the kernels directly with other array types."""
    import subprocess
    import sys
    import textwrap

    code = textwrap.dedent("""
        import warnings

        import foa
        from foa.engine import _nb, stops_nb
        from foa.engine.warm import _frame
        from foa.spec.library import get

        sma = get("sma_crossover")
        stop = sma.model_copy(update={"risk": sma.risk.model_copy(update={"stop_loss": 0.05})})
        px = _frame(0)
        two = {"A": px, "B": _frame(1)}
        stop2 = type(stop).model_validate({**stop.model_dump(), "universe": {
            **stop.model_dump()["universe"], "symbols": ["A", "B"], "benchmark": None}})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            foa.backtest(stop, px)
            foa.sweep(stop, px, {"fast.window": [5, 10], "slow.window": [30]}, progress=False)
            foa.sweep(stop, px, {"risk.stop_loss": [0.03, 0.05]}, progress=False)
            foa.backtest(stop2, two)
            foa.sweep(sma, px, {"fast.window": [5, 10], "slow.window": [30]}, progress=False)
        print(len(stops_nb.resolve_stops_nb.signatures), len(_nb.equity_stats_nb.signatures),
              len(_nb.equity_stats_blocks_nb.signatures))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stderr[-2000:]
    stops, stats, blocks = (int(x) for x in out.stdout.split()[-3:])
    assert stops == 1
    assert stats == 0  # a one-group backtest's statistics are numpy's (metrics.equity_stats_one): no kernel
    assert blocks == 1  # a sweep's, with the PBO block sums


def test_drawdown_at_new_lows_equals_the_bar_by_bar_drawdown():
    """equity_stats_nb takes e / peak - 1 only at a new low since the peak; the max drawdown and its longest
    run equal numpy's bar-by-bar drawdown exactly, for finite curves and for those the bar-by-bar reference
    (``_drawdown_column``) takes over: a first value of 0 or below, a NaN, an infinity."""
    from foa.engine import _nb

    rng = np.random.default_rng(11)
    curves = [100_000 * np.cumprod(1 + rng.normal(0.0002, 0.02, 900)) for _ in range(6)]
    curves.append(np.concatenate([np.full(100, 5.0), np.full(100, 4.0), np.full(100, 5.0), np.full(600, 3.0)]))  # ties
    curves.append(np.linspace(-50.0, 50.0, 900))  # starts below zero
    curves.append(np.concatenate([[0.0], 100 + np.cumsum(rng.normal(0, 1, 899))]))  # starts at zero
    inf = 100 + np.cumsum(rng.normal(0, 1, 900))
    inf[500] = np.inf
    curves.append(inf)
    equity = np.ascontiguousarray(np.stack(curves))  # combinations x bars
    rb = np.zeros(900)
    got = _nb.equity_stats_nb(equity, 100_000.0, 0.0, rb)
    with np.errstate(divide="ignore", invalid="ignore"):
        dd = metrics.drawdown(equity.T)
    want_mdd = np.where(np.isnan(dd).any(axis=0), np.nan, np.nanmin(dd, axis=0))
    np.testing.assert_array_equal(got[5], want_mdd)
    np.testing.assert_array_equal(got[6], metrics._max_dd_duration(dd))
    for c in range(len(curves)):
        assert (got[5][c], got[6][c]) == pytest.approx(_nb._drawdown_column(equity, c), nan_ok=True)


@pytest.mark.parametrize("tiled", [False, True])
def test_portfolio_value_of_one_symbol_groups_equals_numpy_rebuild(tiled):
    """Groups of one column take the run-by-run path (value = cash + holding x close between orders)."""
    from foa.engine import _nb

    rng = np.random.default_rng(8)
    bars, k = 80, 4
    close = 100 + np.cumsum(rng.normal(0, 1, (bars, k if tiled else 1)), axis=0)
    rec = []
    for col in range(k):  # several orders on one bar (col 2 at bar 40), a position open at the end (col 3)
        events = [(3 + col, 0), (20 + col, 1), (40, 0), (40, 1), (60, 0)] if col != 3 else [(0, 0), (50, 1), (79, 0)]
        for i, side in events:
            rec.append((i, col, 5.0 + col, close[i, col if tiled else 0], 0.25, side))
    idx, col, size, price, fees, side = (np.array(x) for x in zip(*rec))
    order = np.lexsort((idx, col))
    value, cash, exposure = _nb.portfolio_value_nb(idx, col, size, price, fees, side, order, close, 1, k, 1000.0, 1e-9,
                                                   True)
    sign = np.where(side == 0, 1.0, -1.0)
    flow = np.bincount(idx * k + col, weights=-sign * size * price - fees, minlength=bars * k).reshape(bars, k)
    units = np.cumsum(np.bincount(idx * k + col, weights=sign * size, minlength=bars * k).reshape(bars, k), axis=0)
    want_cash = 1000.0 + np.cumsum(flow, axis=0)
    np.testing.assert_allclose(cash, want_cash, rtol=1e-13)
    np.testing.assert_allclose(value, want_cash + units * np.broadcast_to(close, (bars, k)), rtol=1e-13)
    np.testing.assert_array_equal(exposure, (np.abs(units) > 1e-9).mean(axis=0))
    _, no_cash, again = _nb.portfolio_value_nb(idx, col, size, price, fees, side, order, close, 1, k, 1000.0, 1e-9, False)
    assert no_cash.shape == (bars, 0) and np.array_equal(again, exposure)


def test_one_column_value_in_numpy_equals_the_kernel_bit_for_bit():
    """A single backtest rebuilds its value in numpy (``simulate.value_one_column``: nothing to compile on an
    empty numba cache); a sweep's one-symbol columns in ``portfolio_value_one_nb``. The same numbers, exactly:
    several orders on a bar, a close that is NaN, no orders at all, cash asked for or not."""
    from foa.engine import _nb
    from foa.engine.simulate import value_one_column

    rng = np.random.default_rng(21)
    for trial in range(400):
        bars = int(rng.integers(1, 200))
        close = 100 + np.cumsum(rng.normal(0, 1, bars))
        if trial % 5 == 0:
            close[rng.integers(0, bars)] = np.nan
        nrec = int(rng.integers(0, 12))
        idx = np.sort(rng.integers(0, bars, nrec)).astype(np.int64)
        size = rng.uniform(0.1, 1000, nrec) * 10.0 ** rng.integers(-3, 4, nrec)
        price, fees = rng.uniform(1, 500, nrec), rng.choice([0.0, 0.37, 1.0], nrec) * rng.random(nrec)
        side = rng.integers(0, 2, nrec).astype(np.int8)
        recs = (idx, np.zeros(nrec, np.int64), size, price, fees, side, np.arange(nrec), close[:, None])
        tol, want = 1e-9 * (np.abs(size).max() if nrec else 1.0), trial % 2 == 0
        got = value_one_column(*recs, 12345.678, tol, want)
        for g, w in zip(got, _nb.portfolio_value_one_nb(*recs, 1, 12345.678, tol, want)):
            assert g.shape == w.shape
            np.testing.assert_array_equal(g, w)


def test_one_curve_statistics_in_numpy_equal_the_kernel_bit_for_bit():
    """A single backtest's statistics come from numpy (``metrics.equity_stats_one``: nothing to compile on an
    empty numba cache), a sweep's from the kernels: the same seven numbers exactly, for ordinary curves and
    for those the kernel hands to its bar-by-bar drawdown (a first value of 0 or below, a NaN, an infinity)."""
    from foa.engine import _nb
    from foa.engine.metrics import equity_stats_one

    rng = np.random.default_rng(12)
    curves = [100_000 * np.cumprod(1 + rng.normal(0.0003, 0.02, int(rng.integers(2, 900)))) for _ in range(60)]
    curves += [np.concatenate([np.full(100, 5.0), np.full(100, 4.0), np.full(100, 5.0), np.full(600, 3.0)]),
               np.linspace(-50.0, 50.0, 900), np.concatenate([[0.0], 100 + np.cumsum(rng.normal(0, 1, 899))])]
    for bad in (np.inf, np.nan):
        c = 100 + np.cumsum(rng.normal(0, 1, 300))
        c[150] = bad
        curves.append(c)
    for i, curve in enumerate(curves):
        rb = rng.normal(0, 0.01, len(curve))
        rb[0] = 0.0
        rf = 0.0001 if i % 2 else 0.0
        got = equity_stats_one(curve, 100_000.0, rf, rb)
        want = _nb.equity_stats_nb(np.ascontiguousarray(curve[None, :]), 100_000.0, rf, rb)
        for g, w in zip(got, want):
            assert g.dtype == w.dtype
            np.testing.assert_array_equal(g, w, err_msg=f"curve {i}")
