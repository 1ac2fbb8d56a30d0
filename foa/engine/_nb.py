"""Numba kernels for rule state (imported lazily: numba never loads with ``import foa``).

Rules act by state: flat -> only the entry rules are read; long -> only the long exit (or a short entry,
which closes the long; the short opens on a later signal bar if its rule still holds); after a stop exit
the entry must be re-armed by the entry rule being false on a signal bar (a fresh signal). Signals are
decided on signal bar s and fill on day s + lag (lag 1: next open, 0: the close).

``resolve_nb`` turns level rules into the exact transitions when no stop can interfere, so the run can
use vectorbt's static (Rust-capable) path. With stops, ``stops_nb.resolve_stops_nb`` replays what follows
for that same path; ``signal_nb`` and ``adjust_sl_nb``/``adjust_tp_nb`` run inside vectorbt's own
simulation (the replay's reference and fallback): stops measured from the fill, the trailing peak including the fill
bar's high after a next-open fill, a pending exit at the open beating an intrabar stop, and a gap
through the take-profit beating a later intrabar stop.

``simulate_stops_nb`` is vectorbt's ``simulate_from_signal_func_nb`` compiled with these kernels as
compile-time constants (``vectorbt_adapter.specialize``): vectorbt compiles that function without an
on-disk cache (it takes functions as arguments), so through ``Portfolio.from_signals`` it recompiled in
every new process; specialised here it is compiled once, as the entry point, and loaded from numba's
cache afterwards. The three callbacks are ``register_jitable`` functions, not ``njit`` dispatchers: a
dispatcher as a value is lowered as a pointer to a live Python object, which numba refuses to cache.
Their rules are columns x bars (C order), so one compiled simulation serves one column and many. Every
other kernel is ``cache=True`` and module-level (no closures or per-call ``njit``: those defeat the
cache). numba keys these caches on this file (the specialisations included); the cache directory carries
the vectorbt and numba versions.
"""

from __future__ import annotations

import numpy as np

from foa.engine.vectorbt_adapter import prepare_numba, specialize

prepare_numba()  # numba reads its cache location when first imported: set it before the import below

from numba import njit  # noqa: E402
from numba.extending import register_jitable  # noqa: E402

__all__ = ["accumulate_block_nb", "adjust_sl_nb", "adjust_tp_nb", "compare_nb", "equity_stats_blocks_nb", "equity_stats_nb", "finish_blocks_nb", "gather_rows_nb", "order_events_nb", "portfolio_value_held_nb", "portfolio_value_nb", "portfolio_value_one_nb", "resolve_compares_nb", "resolve_events_nb", "resolve_nb", "resolve_rules_nb", "signal_nb", "simulate_static_nb", "simulate_stops_nb"]


@njit(cache=True)
def _decide(s, col, pos, le, lx, se, sx, max_hold, held, armed_l, armed_s):
    """(long_entry, long_exit, short_entry, short_exit) decided at signal bar s; updates held/armed.

    The rules are columns x bars (C order: a column's bars contiguous, and one array type whatever the
    number of columns, so the stop simulation compiles once for a single backtest and a sweep)."""
    out_le = False
    out_lx = False
    out_se = False
    out_sx = False
    if pos == 0:
        if le[col, s] and armed_l[col]:
            out_le = True
            held[col] = 0
        elif se[col, s] and armed_s[col]:
            out_se = True
            held[col] = 0
    elif pos > 0:
        held[col] += 1
        if lx[col, s] or se[col, s] or (max_hold[col] > 0 and held[col] >= max_hold[col]):
            out_lx = True
    else:
        held[col] += 1
        if sx[col, s] or le[col, s] or (max_hold[col] > 0 and held[col] >= max_hold[col]):
            out_sx = True
    if not le[col, s]:
        armed_l[col] = True
    if not se[col, s]:
        armed_s[col] = True
    return out_le, out_lx, out_se, out_sx


@njit(cache=True)
def resolve_nb(le, lx, se, sx, sig_bar, lag, max_hold):
    """Exact entry/exit orders (at fill rows) of the rule state machine when no stop is set.

    Same decisions as ``_decide`` (kept inline: this loop runs over every bar of every combination).
    """
    n, m = le.shape
    # inputs are best column-major (read column by column); outputs row-major, which vectorbt's Rust
    # simulation reads fastest (only the few order cells are written here, so the stride costs nothing)
    LE = np.zeros((n, m), dtype=np.bool_)
    LX = np.zeros((n, m), dtype=np.bool_)
    SE = np.zeros((n, m), dtype=np.bool_)
    SX = np.zeros((n, m), dtype=np.bool_)
    for col in range(m):
        pos = 0
        held = 0
        mh = max_hold[col]
        for s in range(n - lag):  # a signal on the last bar does not trade
            if not sig_bar[s]:
                continue
            f = s + lag
            if pos == 0:
                if le[s, col]:
                    LE[f, col] = True
                    pos = 1
                    held = 0
                elif se[s, col]:
                    SE[f, col] = True
                    pos = -1
                    held = 0
            elif pos > 0:
                held += 1
                if lx[s, col] or se[s, col] or (mh > 0 and held >= mh):
                    LX[f, col] = True
                    pos = 0
            else:
                held += 1
                if sx[s, col] or le[s, col] or (mh > 0 and held >= mh):
                    SX[f, col] = True
                    pos = 0
    return LE, LX, SE, SX


@njit(cache=True)
def resolve_events_nb(le, lx, se, sx, sig_bar, lag, max_hold):
    """``order_events_nb(*resolve_nb(...))`` for row-major rules (bars x columns, C order, as a sweep's batch
    compilation makes them), without the four bars x columns order arrays: (rows, LE,
    LX, SE, SX, number of orders), each column's orders packed to its own fill bars. One pass runs the
    state machine (the decisions of ``resolve_nb``) and notes each order as a one-byte code, a second
    packs the codes.
    """
    n, m = le.shape
    pos = np.zeros(m, dtype=np.int64)
    held = np.zeros(m, dtype=np.int64)
    counts = np.zeros(m, dtype=np.int64)
    codes = np.zeros((n, m), dtype=np.int8)  # 1 long entry, 2 long exit, 3 short entry, 4 short exit
    for s in range(n - lag):  # a signal on the last bar does not trade
        if not sig_bar[s]:
            continue
        f = s + lag
        for col in range(m):
            p = pos[col]
            if p == 0:
                if le[s, col]:
                    codes[f, col] = 1
                    counts[col] += 1
                    pos[col] = 1
                    held[col] = 0
                elif se[s, col]:
                    codes[f, col] = 3
                    counts[col] += 1
                    pos[col] = -1
                    held[col] = 0
            elif p > 0:
                held[col] += 1
                mh = max_hold[col]
                if lx[s, col] or se[s, col] or (mh > 0 and held[col] >= mh):
                    codes[f, col] = 2
                    counts[col] += 1
                    pos[col] = 0
            else:
                held[col] += 1
                mh = max_hold[col]
                if sx[s, col] or le[s, col] or (mh > 0 and held[col] >= mh):
                    codes[f, col] = 4
                    counts[col] += 1
                    pos[col] = 0
    k = 1
    total = 0
    for col in range(m):
        k = max(k, counts[col])
        total += counts[col]
    rows = np.zeros((k, m), dtype=np.int64)
    LE = np.zeros((k, m), dtype=np.bool_)
    LX = np.zeros((k, m), dtype=np.bool_)
    SE = np.zeros((k, m), dtype=np.bool_)
    SX = np.zeros((k, m), dtype=np.bool_)
    at = np.zeros(m, dtype=np.int64)
    for t in range(n):
        for col in range(m):
            code = codes[t, col]
            if code == 0:
                continue
            r = at[col]
            rows[r, col] = t
            if code == 1:
                LE[r, col] = True
            elif code == 2:
                LX[r, col] = True
            elif code == 3:
                SE[r, col] = True
            else:
                SX[r, col] = True
            at[col] = r + 1
    for col in range(m):
        last = rows[at[col] - 1, col] if at[col] > 0 else 0
        for r in range(at[col], k):
            rows[r, col] = last
    return rows, LE, LX, SE, SX, total


@njit(cache=True)
def order_events_nb(le, lx, se, sx):
    """Each column's order signals packed to its own bars: (rows, LE, LX, SE, SX), K x columns where K is
    the most signal bars any column has. Column c's r-th signal bar is ``rows[r, c]`` and the packed
    rules hold its four signals; rows past a column's last signal repeat that bar with no signal.
    Without stops a bar with no signal changes nothing in vectorbt's static run, so the packed run places
    the same orders (``rows`` maps their ``idx`` back to bars).
    """
    n, m = le.shape
    counts = np.zeros(m, dtype=np.int64)
    for t in range(n):
        for c in range(m):
            if le[t, c] or lx[t, c] or se[t, c] or sx[t, c]:
                counts[c] += 1
    k = 1
    for c in range(m):
        k = max(k, counts[c])
    rows = np.zeros((k, m), dtype=np.int64)
    LE = np.zeros((k, m), dtype=np.bool_)
    LX = np.zeros((k, m), dtype=np.bool_)
    SE = np.zeros((k, m), dtype=np.bool_)
    SX = np.zeros((k, m), dtype=np.bool_)
    at = np.zeros(m, dtype=np.int64)
    for t in range(n):
        for c in range(m):
            if le[t, c] or lx[t, c] or se[t, c] or sx[t, c]:
                r = at[c]
                rows[r, c] = t
                LE[r, c] = le[t, c]
                LX[r, c] = lx[t, c]
                SE[r, c] = se[t, c]
                SX[r, c] = sx[t, c]
                at[c] = r + 1
    for c in range(m):
        last = rows[at[c] - 1, c] if at[c] > 0 else 0
        for r in range(at[c], k):
            rows[r, c] = last
    return rows, LE, LX, SE, SX


@njit(cache=True)
def _last_signal_before(sig_bar, d):
    k = d - 1
    while k >= 0 and not sig_bar[k]:
        k -= 1
    return k


@register_jitable  # passed to vectorbt as a function argument: see the module docstring
def signal_nb(c, le, lx, se, sx, sig_bar, lag, max_hold, dbl, expect, held, armed_l, armed_s):
    i = c.i
    col = c.col
    pos = c.position_now
    if expect[col] != 0 and pos == 0:
        # A stop closed the position on the previous row (this function is skipped on a stop row):
        # re-arm only if the entry rule was false on the last signal bar before the stop's day.
        k = _last_signal_before(sig_bar, (i - 1) >> dbl)
        if expect[col] > 0:
            armed_l[col] = k >= 0 and not le[col, k]
        else:
            armed_s[col] = k >= 0 and not se[col, k]
        expect[col] = 0
    if dbl:
        # doubled rows (fill="close" with stops): row 2t is bar t's trading (stops), row 2t + 1 its close,
        # where rules are read and filled, so an entry can follow a stop exit on the same bar
        if (i & 1) == 0:
            return False, False, False, False
        s = i >> 1
    else:
        s = i - lag
    if s < 0 or not sig_bar[s]:
        return False, False, False, False
    p = 1 if pos > 0 else (-1 if pos < 0 else 0)
    a, b, cc, d = _decide(s, col, p, le, lx, se, sx, max_hold, held, armed_l, armed_s)
    if a:
        expect[col] = 1
    elif cc:
        expect[col] = -1
    elif b or d:
        expect[col] = 0
    return a, b, cc, d


@njit(cache=True)
def _exit_pending(i, col, pos, le, lx, se, sx, sig_bar, lag, max_hold, held):
    """An exit decided at the previous close fills at this open, before any intrabar stop."""
    if lag == 0:
        return False
    s = i - lag
    if s < 0 or not sig_bar[s]:
        return False
    if pos > 0:
        return lx[col, s] or se[col, s] or (max_hold[col] > 0 and held[col] + 1 >= max_hold[col])
    if pos < 0:
        return sx[col, s] or le[col, s] or (max_hold[col] > 0 and held[col] + 1 >= max_hold[col])
    return False


@register_jitable  # passed to vectorbt as a function argument: see the module docstring
def adjust_sl_nb(c, le, lx, se, sx, sig_bar, lag, max_hold, dbl, held, open_, high, low,
                 sl, trail, atr_dist, tp, peak, peak_i, peak_last):
    i = c.i
    col = c.col
    pos = c.position_now
    if pos == 0 or c.init_i < 0:
        return c.curr_stop, c.curr_trail
    if dbl and (i & 1) == 1:
        # a close row is no new trading: the bar's stops were checked on its trading row (a trail raised by
        # that bar's high must not stop it out at its own close)
        return np.nan, False
    if _exit_pending(i, col, pos, le, lx, se, sx, sig_bar, lag, max_hold, held):
        return np.nan, False
    init = c.init_price
    long = pos > 0
    sl_c = sl[col]
    trail_c = trail[col]
    tp_c = tp[col]
    level = -np.inf if long else np.inf
    if sl_c > 0:
        level = max(level, init * (1 - sl_c)) if long else min(level, init * (1 + sl_c))
    d = atr_dist[c.init_i, col] if atr_dist.shape[0] > 1 else np.nan  # (1, m) placeholder: no ATR stop
    if not np.isnan(d):
        level = max(level, init - d) if long else min(level, init + d)
    if trail_c > 0:
        if peak_i[col] != c.init_i:
            peak_i[col] = c.init_i
            peak[col] = init
            peak_last[col] = c.init_i - 1 if lag == 1 else c.init_i
        for b in range(peak_last[col] + 1, i):
            peak[col] = max(peak[col], high[b, col]) if long else min(peak[col], low[b, col])
        peak_last[col] = i - 1
        level = max(level, peak[col] * (1 - trail_c)) if long else min(level, peak[col] * (1 + trail_c))
    if np.isinf(level):
        return np.nan, False
    o = open_[i, col]
    if tp_c > 0:
        if long and o >= init * (1 + tp_c) and o > level:
            return np.nan, False
        if not long and o <= init * (1 - tp_c) and o < level:
            return np.nan, False
    if trail_c > 0:
        # vectorbt measures a trailing stop from its own running extreme (curr_price): express the level
        # against it (clamped at 0 in the rare case our peak, which includes the fill bar, is higher).
        base = c.curr_price
        frac = 1 - level / base if long else level / base - 1
        return max(frac, 0.0), True
    frac = 1 - level / init if long else level / init - 1
    return max(frac, 0.0), False


@register_jitable  # passed to vectorbt as a function argument: see the module docstring
def adjust_tp_nb(c, le, lx, se, sx, sig_bar, lag, max_hold, dbl, held):
    if c.position_now != 0 and _exit_pending(c.i, c.col, c.position_now, le, lx, se, sx, sig_bar, lag, max_hold, held):
        return np.nan
    return c.curr_stop


# vectorbt's simulations compiled with foa's kernels as compile-time constants and the flags foa always sets
# (see foa.engine.vectorbt_adapter.specialize); called by name through vectorbt_adapter.call_specialized
simulate_stops_nb = specialize(
    "vectorbt.portfolio.nb.simulate_from_signal_func_nb", "simulate_stops_nb", __name__, __file__,
    signal_func_nb=signal_nb, adjust_sl_func_nb=adjust_sl_nb, adjust_tp_func_nb=adjust_tp_nb,
    use_stops=True, auto_call_seq=False, flex_2d=True,
)
# the static simulation on the numba engine (no Rust wheel): vectorbt compiles it without a cache
simulate_static_nb = specialize(
    "vectorbt.portfolio.nb.simulate_from_signals_nb", "simulate_static_nb", __name__, __file__,
    use_stops=False, auto_call_seq=False, flex_2d=True,
)


@njit(cache=True)
def _value_one_nb(rec_idx, rec_col, rec_size, rec_price, rec_fees, rec_side, order, close, k, init_cash, tol,
                  want_cash, value, cash, exposure):
    """``portfolio_value_nb`` for groups of one column: between two orders the holding and the cash stay
    as they are, so each run of bars is one tight loop (value = cash + holding x close) and the order bars
    alone read the records. The same operations per bar, so the same numbers."""
    bars = close.shape[0]
    shared = close.shape[1] == 1
    m = order.shape[0]
    p = 0
    for g in range(k):
        run_cash = 0.0
        a = 0.0
        n_held = 0
        cc = close[:, 0] if shared else close[:, g]
        vg = value[g]
        t = 0
        while True:
            nxt = rec_idx[order[p]] if (p < m and rec_col[order[p]] == g) else bars
            c_t = init_cash + run_cash
            for u in range(t, nxt):
                vg[u] = c_t + a * cc[u]
            if want_cash:
                for u in range(t, nxt):
                    cash[g, u] = c_t
            if abs(a) > tol:
                n_held += nxt - t
            if nxt == bars:
                break
            t = nxt
            flow = 0.0  # the bar's flows summed in record order, then added to the running cash
            while p < m and rec_col[order[p]] == g and rec_idx[order[p]] == t:
                r = order[p]
                s = 1.0 if rec_side[r] == 0 else -1.0
                flow += -s * rec_size[r] * rec_price[r] - rec_fees[r]
                a += s * rec_size[r]
                p += 1
            run_cash += flow
            c_t = init_cash + run_cash
            if want_cash:
                cash[g, t] = c_t
            vg[t] = c_t + a * cc[t]
            if abs(a) > tol:
                n_held += 1
            t += 1
        exposure[g] = n_held / bars  # the mean of the bars' booleans, as numpy computes it


@njit(cache=True)
def portfolio_value_one_nb(rec_idx, rec_col, rec_size, rec_price, rec_fees, rec_side, order, close, k, init_cash, tol,
                           want_cash):
    """``portfolio_value_nb`` for groups of one column (``n`` = 1): a single backtest calls this entry point
    directly, so a first backtest on an empty numba cache does not also compile the several-symbol loop."""
    bars = close.shape[0]
    value = np.empty((k, bars))
    cash = np.empty((k if want_cash else 0, bars))
    exposure = np.empty(k)
    _value_one_nb(rec_idx, rec_col, rec_size, rec_price, rec_fees, rec_side, order, close, k, init_cash, tol,
                  want_cash, value, cash, exposure)
    return value.T, cash.T, exposure


@njit(cache=True)
def portfolio_value_nb(rec_idx, rec_col, rec_size, rec_price, rec_fees, rec_side, order, close, n, k, init_cash, tol,
                       want_cash):
    """Group value and cash (bars x k groups of n columns) and exposure (per group, the share of bars with
    any position open at the close) from vectorbt's order records; cash only ``want_cash`` (else 0 columns).

    ``order`` visits the records by (group, bar), stable (``np.lexsort((idx, col // n))``); columns are
    group-major (group g holds columns g*n .. g*n+n-1); ``close`` has one column per column, one per
    symbol (column g*n + j reads column j) or a shared one. Flows on one bar are summed in record order before the running sums (so the sums are the same
    whatever the bar's order count). Outputs are Fortran-ordered (a group's bars contiguous): no wide temporaries, and the
    stats that follow reduce along contiguous memory.
    """
    bars = close.shape[0]
    shared = close.shape[1] == 1
    tiled = close.shape[1] == n * k  # one close column per column; else the n symbols' closes (or one shared)
    if n == 1:
        return portfolio_value_one_nb(rec_idx, rec_col, rec_size, rec_price, rec_fees, rec_side, order, close, k,
                                      init_cash, tol, want_cash)
    value = np.empty((k, bars))
    cash = np.empty((k if want_cash else 0, bars))
    exposure = np.empty(k)
    assets = np.zeros(n)
    m = order.shape[0]
    p = 0
    for g in range(k):
        run_cash = 0.0
        assets[:] = 0.0
        n_held = 0
        # the bar of this group's next record (bars when none is left): one comparison per bar
        nxt = rec_idx[order[p]] if (p < m and rec_col[order[p]] // n == g) else bars
        for t in range(bars):
            if t == nxt:
                flow = 0.0
                while p < m and rec_col[order[p]] // n == g and rec_idx[order[p]] == t:
                    r = order[p]
                    s = 1.0 if rec_side[r] == 0 else -1.0
                    flow += -s * rec_size[r] * rec_price[r] - rec_fees[r]
                    assets[rec_col[r] - g * n] += s * rec_size[r]
                    p += 1
                run_cash += flow
                nxt = rec_idx[order[p]] if (p < m and rec_col[order[p]] // n == g) else bars
            pos = 0.0
            any_held = False
            for j in range(n):
                pos += assets[j] * close[t, 0 if shared else (g * n + j if tiled else j)]
                if abs(assets[j]) > tol:
                    any_held = True
            c_t = init_cash + run_cash
            if want_cash:
                cash[g, t] = c_t
            value[g, t] = c_t + pos
            if any_held:
                n_held += 1
        exposure[g] = n_held / bars  # the mean of the bars' booleans, as numpy computes it
    return value.T, cash.T, exposure


@njit(cache=True)
def portfolio_value_held_nb(rec_idx, rec_col, rec_size, rec_price, rec_fees, rec_side, order, close, n, k, init_cash,
                            tol, want_cash):
    """``portfolio_value_nb`` for groups of n > 1 symbols reading the n symbols' closes (bars x n, or one
    shared column): the position's value sums only the symbols held. A zero holding adds an exact +0.0, so
    the sum is the same, unless a bar's close is not finite somewhere (0 x NaN is NaN): that bar sums every
    symbol. Which symbols are held changes only on a bar with orders, so they are listed there."""
    bars = close.shape[0]
    shared = close.shape[1] == 1
    value = np.empty((k, bars))
    cash = np.empty((k if want_cash else 0, bars))
    exposure = np.empty(k)
    assets = np.zeros(n)
    nonzero = np.empty(n, dtype=np.int64)
    every = np.zeros(bars, dtype=np.bool_)
    for t in range(bars):
        for j in range(close.shape[1]):
            if not np.isfinite(close[t, j]):
                every[t] = True
    m = order.shape[0]
    p = 0
    for g in range(k):
        run_cash = 0.0
        assets[:] = 0.0
        n_held = 0
        n_nonzero = 0
        any_held = False
        nxt = rec_idx[order[p]] if (p < m and rec_col[order[p]] // n == g) else bars
        for t in range(bars):
            if t == nxt:
                flow = 0.0
                while p < m and rec_col[order[p]] // n == g and rec_idx[order[p]] == t:
                    r = order[p]
                    s = 1.0 if rec_side[r] == 0 else -1.0
                    flow += -s * rec_size[r] * rec_price[r] - rec_fees[r]
                    assets[rec_col[r] - g * n] += s * rec_size[r]
                    p += 1
                run_cash += flow
                nxt = rec_idx[order[p]] if (p < m and rec_col[order[p]] // n == g) else bars
                n_nonzero = 0
                any_held = False
                for j in range(n):
                    if assets[j] != 0.0:
                        nonzero[n_nonzero] = j
                        n_nonzero += 1
                        if abs(assets[j]) > tol:
                            any_held = True
            pos = 0.0
            if every[t]:
                for j in range(n):
                    pos += assets[j] * close[t, 0 if shared else j]
            else:
                for q in range(n_nonzero):
                    j = nonzero[q]
                    pos += assets[j] * close[t, 0 if shared else j]
            c_t = init_cash + run_cash
            if want_cash:
                cash[g, t] = c_t
            value[g, t] = c_t + pos
            if any_held:
                n_held += 1
        exposure[g] = n_held / bars  # the mean of the bars' booleans, as numpy computes it
    return value.T, cash.T, exposure


@njit(cache=True, error_model="numpy")
def _drawdown_column(equity, c):
    """(max drawdown, longest run below a previous peak) of combination ``c``, bar by bar as numpy's
    ``equity / running peak - 1`` gives them, NaN included (a NaN poisons the running peak and the max
    drawdown): ``_equity_column``'s reference, run for a column holding a value that is not finite."""
    bars = equity.shape[1]
    peak = equity[c, 0]
    worst = 0.0
    nan_seen = False
    last_peak = -1
    longest = 0
    for t in range(bars):
        e = equity[c, t]
        if t > 0:
            if np.isnan(peak) or np.isnan(e):
                peak = np.nan
            elif e > peak:
                peak = e
        dd = e / peak - 1.0
        if np.isnan(dd):
            nan_seen = True
        elif dd < worst:
            worst = dd
        if not dd < 0:
            last_peak = t
        if t - last_peak > longest:
            longest = t - last_peak
    return np.nan if nan_seen else worst, longest


@njit(cache=True, error_model="numpy")
def _equity_column(equity, c, init_cash, rf, rb, mb, r, r2):
    """``equity_stats_nb``'s pass over combination ``c``: its daily returns into ``r`` (and their squares
    into ``r2`` unless it is empty), and its seven statistics as a tuple.

    The returns first, in a loop of their own (no bar waits for the one before: the divisions run side by
    side), then the sums and the drawdown. While the values are finite and the first positive, e / peak - 1
    is below 0 exactly when e < peak, and for one peak it is deepest at the lowest value since that peak
    (rounding is monotonic), so the quotient is taken only at a new low; a column with a value that is not
    finite gets ``_drawdown_column``'s bar-by-bar figures. The same numbers either way."""
    bars = equity.shape[1]
    squares = r2.shape[0] > 0
    eq = equity[c]
    prev = init_cash
    for t in range(bars):
        e = eq[t]
        r[t] = e / prev - 1.0
        prev = e
    if squares:
        for t in range(bars):
            r2[t] = r[t] * r[t]
    s = 0.0
    s_ex = 0.0
    s_dn = 0.0
    peak = eq[0]
    low = peak
    worst = 0.0
    last_peak = -1
    longest = 0
    finite = peak > 1e-300  # positive and normal
    for t in range(bars):
        x = r[t]
        s += x
        xe = x - rf
        s_ex += xe
        m = xe if not (xe >= 0.0) else 0.0  # a NaN stays NaN, as np.minimum(x, 0) does
        s_dn += m * m
        e = eq[t]
        finite &= abs(e) < np.inf
        if e >= peak:
            peak = e
            low = e
            last_peak = t
        elif e < low:
            low = e
            dd = e / peak - 1.0
            if dd < worst:
                worst = dd
        if t - last_peak > longest:
            longest = t - last_peak
    if not finite:
        worst, longest = _drawdown_column(equity, c)
    mr = s / bars
    s_sq = 0.0
    s_cv = 0.0
    for t in range(bars):
        d = r[t] - mr
        s_sq += d * d
        s_cv += d * (rb[t] - mb)
    return (mr, np.sqrt(s_sq / (bars - 1)), s_ex / bars, np.sqrt(s_dn / bars), s_cv / (bars - 1), worst, longest)


@njit(cache=True, error_model="numpy")
def equity_stats_nb(equity, init_cash, rf, rb):
    """Per combination of ``equity`` (combinations x bars, C order: a combination's bars contiguous, and one
    array type for one combination or many, so numba compiles this once), reading each once:

    mean daily return, its sample std (ddof=1), mean excess return over ``rf``, downside deviation (root
    mean square of negative excess returns), covariance (ddof=1) with the benchmark returns ``rb``, max
    drawdown and the longest run of bars below a previous peak. Two passes over the returns like numpy's
    mean/std; NaN propagates as with numpy (a NaN poisons the running peak, the max drawdown and the
    sums). Replaces about ten bars x combinations numpy temporaries, each costing more than its arithmetic.

    A backtest's statistics; a sweep's come from ``equity_stats_blocks_nb`` (the same numbers, with its
    PBO block sums), so a first backtest does not compile the block sums' pairwise summation.
    """
    k, bars = equity.shape
    mean_r = np.empty(k)
    sd = np.empty(k)
    mean_ex = np.empty(k)
    down = np.empty(k)
    cov = np.empty(k)
    mdd = np.empty(k)
    dur = np.empty(k, dtype=np.int64)
    r = np.empty(bars)
    none = np.empty(0)
    mb = 0.0
    for t in range(bars):
        mb += rb[t]
    mb /= bars
    for c in range(k):
        mean_r[c], sd[c], mean_ex[c], down[c], cov[c], mdd[c], dur[c] = _equity_column(
            equity, c, init_cash, rf, rb, mb, r, none)
    return mean_r, sd, mean_ex, down, cov, mdd, dur


@njit(cache=True, error_model="numpy")
def equity_stats_blocks_nb(equity, init_cash, rf, rb, starts, ends):
    """``equity_stats_nb``'s seven statistics per combination and, with time blocks [starts[b], ends[b])
    (empty arrays: none), the PBO's per-block sums of the daily returns and of their squares (blocks x
    combinations), from the returns of the same pass, each block summed as ``np.add.reduceat`` sums it
    (so they equal ``foa.engine.pbo.block_stats`` of the returns).
    """
    k, bars = equity.shape
    nb = starts.shape[0]
    total = np.empty((nb, k))
    squares = np.empty((nb, k))
    r2 = np.empty(bars if nb else 0)
    mean_r = np.empty(k)
    sd = np.empty(k)
    mean_ex = np.empty(k)
    down = np.empty(k)
    cov = np.empty(k)
    mdd = np.empty(k)
    dur = np.empty(k, dtype=np.int64)
    r = np.empty(bars)
    mb = 0.0
    for t in range(bars):
        mb += rb[t]
    mb /= bars
    for c in range(k):
        mean_r[c], sd[c], mean_ex[c], down[c], cov[c], mdd[c], dur[c] = _equity_column(
            equity, c, init_cash, rf, rb, mb, r, r2)
        for b in range(nb):
            s0 = starts[b]
            n = ends[b] - s0
            total[b, c] = r[s0] + _pairwise_sum(r, s0 + 1, n - 1)
            squares[b, c] = r2[s0] + _pairwise_sum(r2, s0 + 1, n - 1)
    return mean_r, sd, mean_ex, down, cov, mdd, dur, total, squares


@njit(cache=True)
def compare_nb(ua, ta, ub, tb, op, need_valid):
    """A rule comparison for many columns at once: output column j compares column ``ta[j]`` of ``ua``
    with column ``tb[j]`` of ``ub`` (bars x columns, C order). ``op``: 0 >, 1 >=, 2 <, 3 <=, 4 crosses
    above (a > b now and a <= b the bar before), 5 crosses below. Returns (value, valid), bars x columns;
    valid: no operand NaN (for a cross, on this bar and the one before; the first bar has no bar before).
    The same double comparisons numpy makes, so the booleans are identical.
    """
    k = ta.shape[0]
    bars = ua.shape[0]
    v = np.empty((bars, k), dtype=np.bool_)
    valid = np.empty((bars if need_valid else 0, k), dtype=np.bool_)
    # one loop per operator (the operator and need_valid are fixed for the call: no branch per cell)
    if op >= 4:
        above = op == 4
        for j in range(k if bars else 0):
            v[0, j] = False  # no bar before the first: a cross needs one
            if need_valid:
                valid[0, j] = False
        for t in range(1, bars):
            ra = ua[t]
            rb = ub[t]
            qa = ua[t - 1]
            qb = ub[t - 1]
            for j in range(k):
                a = ra[ta[j]]
                b = rb[tb[j]]
                pa = qa[ta[j]]
                pb = qb[tb[j]]
                if above:
                    v[t, j] = (a > b) and (pa <= pb)
                else:
                    v[t, j] = (a < b) and (pa >= pb)
                if need_valid:
                    valid[t, j] = not (np.isnan(a) or np.isnan(b) or np.isnan(pa) or np.isnan(pb))
        return v, valid
    for t in range(bars):
        ra = ua[t]
        rb = ub[t]
        for j in range(k):
            a = ra[ta[j]]
            b = rb[tb[j]]
            if op == 0:
                v[t, j] = a > b
            elif op == 1:
                v[t, j] = a >= b
            elif op == 2:
                v[t, j] = a < b
            else:
                v[t, j] = a <= b
            if need_valid:
                valid[t, j] = not (np.isnan(a) or np.isnan(b))
    return v, valid


@njit(cache=True)
def _pairwise_sum(a, lo, n):
    """numpy's pairwise summation of a[lo:lo + n] (``pairwise_sum`` in its loops: eight running sums
    over blocks of up to 128 values, halves above that), operation for operation."""
    if n < 8:
        res = 0.0
        for i in range(lo, lo + n):
            res += a[i]
        return res
    if n <= 128:
        r0 = a[lo]
        r1 = a[lo + 1]
        r2 = a[lo + 2]
        r3 = a[lo + 3]
        r4 = a[lo + 4]
        r5 = a[lo + 5]
        r6 = a[lo + 6]
        r7 = a[lo + 7]
        i = 8
        while i < n - (n % 8):
            r0 += a[lo + i]
            r1 += a[lo + i + 1]
            r2 += a[lo + i + 2]
            r3 += a[lo + i + 3]
            r4 += a[lo + i + 4]
            r5 += a[lo + i + 5]
            r6 += a[lo + i + 6]
            r7 += a[lo + i + 7]
            i += 8
        res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        while i < n:
            res += a[lo + i]
            i += 1
        return res
    n2 = n // 2
    n2 -= n2 % 8
    return _pairwise_sum(a, lo, n2) + _pairwise_sum(a, lo + n2, n - n2)


@njit(cache=True)
def _compare_scalar_nb(op, a, x, pa, px, first):
    """(value, valid) of ``compare_nb``'s operator ``op`` on a and x (pa, px: the bar before; ``first``: no
    bar before, a cross is then False and invalid). Scalars only: a helper taking arrays would pay
    reference counting on every call of the hot loop."""
    if op >= 4:
        if first:
            return False, False
        valid = not (np.isnan(a) or np.isnan(x) or np.isnan(pa) or np.isnan(px))
        if op == 4:
            return (a > x) and (pa <= px), valid
        return (a < x) and (pa >= px), valid
    valid = not (np.isnan(a) or np.isnan(x))
    if op == 0:
        return a > x, valid
    if op == 1:
        return a >= x, valid
    if op == 2:
        return a < x, valid
    return a <= x, valid


@njit(cache=True)
def _pack_orders_nb(at_rows, codes, counts, cap):
    """The packed arrays of ``resolve_events_nb`` from each column's orders (``at_rows``/``codes``, room for
    ``cap`` a column): (rows, LE, LX, SE, SX, number of orders, most orders of a column), the arrays empty
    when a column placed more than ``cap``."""
    m = counts.shape[0]
    k = 1
    total = 0
    for j in range(m):
        k = max(k, counts[j])
        total += counts[j]
    if k > cap:
        empty = np.zeros((0, m), dtype=np.bool_)
        return np.zeros((0, m), dtype=np.int64), empty, empty, empty, empty, total, k
    rows = np.empty((k, m), dtype=np.int64)  # every cell written below
    LE = np.zeros((k, m), dtype=np.bool_)
    LX = np.zeros((k, m), dtype=np.bool_)
    SE = np.zeros((k, m), dtype=np.bool_)
    SX = np.zeros((k, m), dtype=np.bool_)
    last = np.zeros(m, dtype=np.int64)
    for j in range(m):
        if counts[j] > 0:
            last[j] = at_rows[counts[j] - 1, j]
    for r in range(k):  # row by row (the packed arrays are row-major)
        for j in range(m):
            if r < counts[j]:
                rows[r, j] = at_rows[r, j]
                code = codes[r, j]
                if code == 1:
                    LE[r, j] = True
                elif code == 2:
                    LX[r, j] = True
                elif code == 3:
                    SE[r, j] = True
                else:
                    SX[r, j] = True
            else:
                rows[r, j] = last[j]
    return rows, LE, LX, SE, SX, total, k


@njit(cache=True)
def _bar_range(bar_rows, n, lag):
    """The spec bars the state machine reads: from the first in the traded range (``bar_rows`` >= 0) to
    before the first whose fill would fall after the last bar (a signal on the last bar does not trade)."""
    nb = bar_rows.shape[0]
    lo = 0
    while lo < nb and bar_rows[lo] < 0:
        lo += 1
    hi = lo
    while hi < nb and bar_rows[hi] < n - lag:
        hi += 1
    return lo, hi


@njit(cache=True)
def resolve_rules_nb(u, ta, tb, width, ops, prog, starts, bar_rows, n, lag, max_hold, cap):
    """``resolve_events_nb`` straight from the rules' operands, without any bars x columns array.

    ``u``: the distinct operand values one above the other (W x spec bars, C order: each operand column's
    bars contiguous), each over ``width`` symbols; compare term ``k`` reads row ``ta[k, g] + s`` against
    ``tb[k, g] + s`` for output column ``g * width + s`` (combination g, symbol s: a combination's symbols
    are adjacent rows) with operator ``ops[k]`` (``compare_nb``'s numbering). ``prog[starts[r]:starts[r + 1]]``:
    rule r (long entry, long exit, short entry, short exit) in postfix, rows (code, argument): 0 compare
    term ``argument``, 1 all of the last ``argument`` results, 2 any of them, 3 not, 4 always; an empty
    program is no rule. A result is (value, valid) combined as ``Evaluator.condition`` combines them: a rule
    is False wherever a value it reads is still warming up, except where any/not decide otherwise.
    ``bar_rows[b]``: the row of spec bar b in the traded range (negative before it); ``n`` rows. Each output
    column runs on its own (its state depends on its own past only), bar by bar, and each rule is evaluated
    only where the state machine reads it (flat: the long entry, then the short entry; long: the long exit,
    then the short entry; short: the short exit, then the long entry) with the comparisons ``compare_nb``
    makes, so the orders are those of ``resolve_events_nb`` over the compiled signals.

    Returns (rows, LE, LX, SE, SX, number of orders, most orders of a column); ``cap``: room for that many
    orders per column. When a column places more, the packed arrays come back empty and the caller runs
    again with the returned count as ``cap`` (a fixed room keeps the hot loop free of reallocation).
    """
    n_comb = ta.shape[1]
    m = n_comb * width
    counts = np.zeros(m, dtype=np.int64)
    cap = max(cap, 1)
    at_rows = np.empty((cap, m), dtype=np.int64)
    codes = np.empty((cap, m), dtype=np.int8)
    depth = prog.shape[0] + 1
    sv = np.empty(depth, dtype=np.bool_)
    sd = np.empty(depth, dtype=np.bool_)
    single = np.full(4, -2, dtype=np.int64)  # per rule: its one comparison term, -1 no rule, -2 a program
    for r in range(4):
        if starts[r] == starts[r + 1]:
            single[r] = -1
        elif starts[r + 1] - starts[r] == 1 and prog[starts[r], 0] == 0:
            single[r] = prog[starts[r], 1]
    b_lo, b_hi = _bar_range(bar_rows, n, lag)
    for j in range(m):  # column j: combination g, symbol sym
        g = j // width
        sym = j - g * width
        mh = max_hold[j]
        p = 0
        held = 0
        c = 0
        for b in range(b_lo, b_hi):
            first = b == 0
            bp = b - 1 if b > 0 else 0
            if p == 0:
                r1, r2 = 0, 2
            elif p > 0:
                held += 1
                r1, r2 = 1, 2
            else:
                held += 1
                r1, r2 = 3, 0
            hit = 0  # 1: the first rule read holds, 2: the second
            for q in range(2):
                r = r1 if q == 0 else r2
                t = single[r]
                if t == -1:
                    continue
                if t >= 0:  # one comparison (the common rule): no stack
                    ca = ta[t, g] + sym
                    cb = tb[t, g] + sym
                    v, d = _compare_scalar_nb(ops[t], u[ca, b], u[cb, b], u[ca, bp], u[cb, bp], first)
                    if v and d:
                        hit = q + 1
                        break
                    continue
                lo = starts[r]
                hi = starts[r + 1]
                top = 0
                for i in range(lo, hi):
                    kind = prog[i, 0]
                    arg = prog[i, 1]
                    if kind == 0:
                        ca = ta[arg, g] + sym
                        cb = tb[arg, g] + sym
                        v, d = _compare_scalar_nb(ops[arg], u[ca, b], u[cb, b], u[ca, bp], u[cb, bp], first)
                        sv[top] = v
                        sd[top] = d
                        top += 1
                    elif kind == 1 or kind == 2:
                        v = kind == 1
                        d = True
                        for w in range(top - arg, top):
                            v = (v and sv[w]) if kind == 1 else (v or sv[w])
                            d = d and sd[w]
                        top -= arg
                        sv[top] = v
                        sd[top] = d
                        top += 1
                    elif kind == 3:
                        sv[top - 1] = not sv[top - 1]
                    else:
                        sv[top] = True
                        sd[top] = True
                        top += 1
                if sv[0] and sd[0]:
                    hit = q + 1
                    break
            code = 0
            if p == 0:
                code = 1 if hit == 1 else (3 if hit == 2 else 0)
            elif hit or (mh > 0 and held >= mh):
                code = 2 if p > 0 else 4
            if code == 0:
                continue
            if c < cap:
                at_rows[c, j] = bar_rows[b] + lag
                codes[c, j] = code
            c += 1
            if code == 1:
                p = 1
                held = 0
            elif code == 3:
                p = -1
                held = 0
            else:
                p = 0
        counts[j] = c
    return _pack_orders_nb(at_rows, codes, counts, cap)


@njit(cache=True)
def _scan_nb(op, ua, ub, lo, hi):
    """The first spec bar b in [lo, hi) where ``ua[b] op ub[b]`` holds (``compare_nb``'s operators; a cross
    reads bar b - 1 too and never holds on bar 0), or ``hi``. Any comparison with a NaN is False, so a
    comparison that holds read no NaN: the validity ``compare_nb`` keeps beside each value is implied."""
    if op >= 4:
        if lo == 0:
            lo = 1
        if lo >= hi:
            return hi
        pa = ua[lo - 1]
        pb = ub[lo - 1]
        if op == 4:
            for b in range(lo, hi):
                a = ua[b]
                x = ub[b]
                if a > x and pa <= pb:
                    return b
                pa = a
                pb = x
        else:
            for b in range(lo, hi):
                a = ua[b]
                x = ub[b]
                if a < x and pa >= pb:
                    return b
                pa = a
                pb = x
        return hi
    if op == 0:
        for b in range(lo, hi):
            if ua[b] > ub[b]:
                return b
    elif op == 1:
        for b in range(lo, hi):
            if ua[b] >= ub[b]:
                return b
    elif op == 2:
        for b in range(lo, hi):
            if ua[b] < ub[b]:
                return b
    else:
        for b in range(lo, hi):
            if ua[b] <= ub[b]:
                return b
    return hi


@njit(cache=True)
def resolve_compares_nb(u, ta, tb, width, ops, single, bar_rows, n, lag, max_hold, cap):
    """``resolve_rules_nb`` when every rule is one comparison (or none): ``single[r]`` is rule r's term
    (-1: no rule). The same decisions, found as each state's next event: from a column's current bar, the
    first bar where a rule the state reads holds (``_scan_nb`` over the two operand rows; the first rule
    wins a tie) or, in a position with ``max_hold``, the bar it has been held that many bars."""
    n_comb = ta.shape[1]
    m = n_comb * width
    counts = np.zeros(m, dtype=np.int64)
    cap = max(cap, 1)
    at_rows = np.empty((cap, m), dtype=np.int64)
    codes = np.empty((cap, m), dtype=np.int8)
    # per state (flat, long, short): the rules read, in order
    first = np.array([single[0], single[1], single[3]])
    second = np.array([single[2], single[2], single[0]])
    b_lo, b_hi = _bar_range(bar_rows, n, lag)
    for j in range(m):  # column j: combination g, symbol sym
        g = j // width
        sym = j - g * width
        mh = max_hold[j]
        state = 0  # flat, long, short
        c = 0
        b = b_lo
        while b < b_hi:
            end = b_hi
            if state != 0 and mh > 0:  # b is the bar after the entry: held for mh bars at entry + mh
                end = min(b_hi, b + mh - 1)
            t1 = first[state]
            t2 = second[state]
            h1 = end if t1 < 0 else _scan_nb(ops[t1], u[ta[t1, g] + sym], u[tb[t1, g] + sym], b, end)
            h2 = h1 if t2 < 0 else _scan_nb(ops[t2], u[ta[t2, g] + sym], u[tb[t2, g] + sym], b, h1)
            if h2 < h1:
                at, which = h2, 2
            elif h1 < end:
                at, which = h1, 1
            elif state != 0 and mh > 0 and end < b_hi:
                at, which = end, 0  # held max_hold bars: the exit
            else:
                break
            if state == 0:
                code = 1 if which == 1 else 3
            else:
                code = 2 if state == 1 else 4
            if c < cap:
                at_rows[c, j] = bar_rows[at] + lag
                codes[c, j] = code
            c += 1
            state = 1 if code == 1 else (2 if code == 3 else 0)
            b = at + 1
        counts[j] = c
    return _pack_orders_nb(at_rows, codes, counts, cap)


@njit(cache=True)
def _add_holding_nb(pg, hg, close, close_t, j, a, held, every_at, e0, e1, t0, t1):
    """``accumulate_block_nb``: symbol j's holding ``a`` over bars t0 .. t1 - 1 added to the combination's
    position values ``pg`` (and ``hg`` set where ``held``). A zero holding adds nothing, except on the bars
    with a close that is not finite (``every_at[e0:e1]``), where every symbol is summed (0 x NaN is NaN)."""
    if a != 0.0:
        # views from bar t0 indexed from 0: numba then drops the negative-index checks and LLVM vectorises
        pv = pg[t0:t1]
        cv = close_t[j, t0:t1]
        for u in range(t1 - t0):
            pv[u] += a * cv[u]
        if held:
            hg[t0:t1] = True
    else:
        for q in range(e0, e1):
            u = every_at[q]
            pg[u] += a * close[u, j]


@njit(cache=True)
def accumulate_block_nb(rec_idx, rec_col, rec_size, rec_price, rec_fees, rec_side, close, width, tol,
                        flow, pos, held):
    """One symbol block's share of ``portfolio_value_nb``'s sums, added in place: a sweep too wide for one
    run simulates its symbols block by block, in symbol order, and adds each block into per-combination
    accumulators (combinations x bars): ``flow`` (the bar's cash flows), ``pos`` (the value of the positions
    at the close) and ``held`` (any position open). Records are the block's (column ``g * width + j``:
    combination g, the block's symbol j), column by column and bar by bar within a column, as vectorbt
    writes them; ``close``: the block's closes (bars x width); ``tol[g]``: combination g's float-dust tolerance.

    Each sum continues from the blocks before it with the same additions in the same order as
    ``portfolio_value_nb`` makes over the whole universe (the flows of a bar in record order, symbol by
    symbol; the positions symbol by symbol), so ``finish_blocks_nb`` gives the same numbers. The symbols
    are added one after the other, each holding over its whole run of bars between two of its own orders
    (reading that symbol's closes in a row): every bar still receives its symbols in symbol order.
    """
    bars = close.shape[0]
    k = flow.shape[0]
    close_t = np.empty((width, bars))  # each symbol's closes contiguous
    every = np.zeros(bars, dtype=np.bool_)  # a bar with a close not finite sums every symbol (0 x NaN is NaN)
    for t in range(bars):
        for j in range(width):
            x = close[t, j]
            close_t[j, t] = x
            if not np.isfinite(x):
                every[t] = True
    n_every = np.zeros(bars + 1, dtype=np.int64)  # such bars before each bar
    for t in range(bars):
        n_every[t + 1] = n_every[t] + (1 if every[t] else 0)
    every_at = np.empty(n_every[bars], dtype=np.int64)
    q = 0
    for t in range(bars):
        if every[t]:
            every_at[q] = t
            q += 1
    m = rec_idx.shape[0]
    p = 0
    for g in range(k):
        pg = pos[g]
        hg = held[g]
        tg = tol[g]
        for j in range(width):
            col = g * width + j
            a = 0.0
            t = 0
            while p < m and rec_col[p] == col:
                b = rec_idx[p]
                if b > t:
                    _add_holding_nb(pg, hg, close, close_t, j, a, abs(a) > tg, every_at, n_every[t], n_every[b], t, b)
                    t = b
                s = 1.0 if rec_side[p] == 0 else -1.0
                flow[g, b] += -s * rec_size[p] * rec_price[p] - rec_fees[p]
                a += s * rec_size[p]
                p += 1
            _add_holding_nb(pg, hg, close, close_t, j, a, abs(a) > tg, every_at, n_every[t], n_every[bars], t, bars)


@njit(cache=True)
def finish_blocks_nb(flow, pos, held, init_cash, want_cash):
    """Value, cash (bars x combinations, Fortran order) and exposure from ``accumulate_block_nb``'s sums:
    what ``portfolio_value_nb`` returns for the whole universe."""
    k, bars = flow.shape
    value = np.empty((k, bars))
    cash = np.empty((k if want_cash else 0, bars))
    exposure = np.empty(k)
    for g in range(k):
        run_cash = 0.0
        n_held = 0
        for t in range(bars):
            run_cash += flow[g, t]  # + 0.0 on a bar without orders: the same sum
            c_t = init_cash + run_cash
            if want_cash:
                cash[g, t] = c_t
            value[g, t] = c_t + pos[g, t]
            if held[g, t]:
                n_held += 1
        exposure[g] = n_held / bars
    return value.T, cash.T, exposure


@njit(cache=True)
def gather_rows_nb(v, rows, width):
    """``v`` at each packed row: ``out[r, j] = v[rows[r, j], c]`` with c = 0 (``width`` 0: one column for all),
    j (``width`` = columns) or j % width (the untiled bars x symbols prices of combination-major columns)."""
    k, m = rows.shape
    out = np.empty((k, m))
    for r in range(k):
        c = -1
        for j in range(m):
            c += 1
            if c == width:
                c = 0
            out[r, j] = v[rows[r, j], 0 if width == 0 else c]
    return out
