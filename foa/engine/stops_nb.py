"""Stop exits resolved up front: the rule state machine and the stops walked bar by bar in one small kernel,
so that a backtest with a stop runs vectorbt's static simulation (Rust when available) instead of its
signal-function simulation compiled with foa's callbacks (imported lazily: numba never loads with ``import foa``).

Whether a stop or a target is hit, and where, depends on the fill price of the entry and on the bars, never
on cash or order size: ``resolve_stops_nb`` replays, per column, what vectorbt's
``simulate_from_signal_func_nb`` does with foa's kernels ``_nb.signal_nb``/``adjust_sl_nb``/``adjust_tp_nb``
(use_stops, StopEntryPrice.FillPrice, StopExitPrice.StopMarket, StopExitMode.Close, fill="close" as two rows
per bar), operation for operation, and emits each column's orders packed to its own rows with their prices.
vectorbt's static simulation then does the accounting (sizes, cash, fees) at those prices.

The replay assumes what a fill decides: an entry with a non-zero size and a price fills (the position then
has the entry's sign and its fill price is ``price x (1 + slippage)`` for a buy, ``x (1 - slippage)`` for a
sell), and an exit closes the whole position. ``simulate.simulate_signals`` checks each of these against the
order records vectorbt wrote (record for record: bar, side, fill price, exit size = entry size) and, where
one does not hold (an entry rejected for want of cash, a short covered in part), runs vectorbt's stop
simulation itself.

    >>> from foa.engine.stops_nb import resolve_stops  # see its docstring for an example
"""

from __future__ import annotations

import numpy as np

from foa.engine.vectorbt_adapter import prepare_numba

prepare_numba()  # numba reads its cache location when first imported: set it before the import below

from numba import njit  # noqa: E402

__all__ = ["resolve_stops", "resolve_stops_nb"]

_ROOM = 1 << 21  # orders resolve_stops makes room for at first, at most (48 MB)


@njit(cache=True)
def resolve_stops_nb(le, lx, se, sx, sig_bar, lag, max_hold, dbl, open_, high, low, close, size, slip,
                     sl, trail, atr_dist, tp, buf, counts):
    """Each column's orders with stops, column by column, written to ``buf`` and ``counts``; returns the
    number of orders. Row j of ``buf`` (room for K x 3) is an order's (bar, code, price), column c's
    ``counts[c]`` orders after those of the columns before it (``resolve_stops`` packs them per column).
    Orders past row K are counted, not written (the caller runs again with room for them). The kernel
    allocates nothing: each allocation form is one more compilation on an empty numba cache. It is one
    function on purpose: split into ``njit`` steps taking the rule and price arrays, it compiled only ~5%
    faster and ran 3-4x slower (every call of a step counts references to its array arguments).

    Rules ``le``/``lx``/``se``/``sx`` are columns x bars (C order); ``sig_bar`` the signal bars; an order
    decided on signal bar s fills on bar s + ``lag`` (1: next open, 0: the close). ``dbl`` 1 runs each bar
    as two rows (fill="close": a trading row, where stops are checked, then a close row, where rules fill).
    Prices are bars x W (column c reads column c % W); ``size`` is vectorbt's flexible size (1 x 1, 1 x
    columns or bars x columns), ``atr_dist`` the fill-shifted ATR distance (bars x columns, or 1 x columns of
    NaN: none); ``slip``, ``sl``, ``trail``, ``tp`` and ``max_hold`` are per column (0: none).
    """
    m, bars = le.shape
    w = open_.shape[1]
    n_rows = bars << dbl
    full_size = size.shape[0] > 1
    size_cols = size.shape[1] > 1
    has_atr = atr_dist.shape[0] > 1
    # one order per row of buf, column by column: bar, code (1 long entry, 2 long exit, 3 short entry,
    # 4 short exit), price
    room = buf.shape[0]
    n = 0
    for col in range(m):
        counts[col] = 0
        wc = col % w
        oc = open_[:, wc]
        hc = high[:, wc]
        lc = low[:, wc]
        cc = close[:, wc]
        lec = le[col]
        lxc = lx[col]
        sec = se[col]
        sxc = sx[col]
        mh = max_hold[col]
        sl_c = sl[col]
        trail_c = trail[col]
        tp_c = tp[col]
        sp = slip[col]
        # vectorbt's position and stop state
        pos = 0
        sl_init_i = -1
        sl_init_price = np.nan
        sl_curr_price = np.nan
        sl_curr_stop = np.nan
        sl_curr_trail = False
        tp_init_price = np.nan
        tp_curr_stop = np.nan
        # foa's rule state (signal_nb) and trailing peak (adjust_sl_nb)
        expect = 0
        held = 0
        armed_l = True
        armed_s = True
        peak = 0.0
        peak_i = -2
        peak_last = 0
        for i in range(n_rows):
            t = i >> dbl
            close_row = dbl == 1 and (i & 1) == 1
            c_t = cc[t]
            price_i = oc[t] if (dbl == 0 and lag == 1) else c_t
            o_raw = c_t if close_row else oc[t]
            h_raw = c_t if close_row else hc[t]
            l_raw = c_t if close_row else lc[t]
            # an exit decided at the previous close fills at this open, before any intrabar stop (_exit_pending)
            pending = False
            if pos != 0 and lag != 0:
                s = i - lag
                if s >= 0 and sig_bar[s]:
                    if pos > 0:
                        pending = lxc[s] or sec[s] or (mh > 0 and held + 1 >= mh)
                    else:
                        pending = sxc[s] or lec[s] or (mh > 0 and held + 1 >= mh)
            # adjust_sl_nb
            if pos != 0 and sl_init_i >= 0:
                if close_row or pending:
                    sl_curr_stop = np.nan
                    sl_curr_trail = False
                else:
                    init = sl_init_price
                    long = pos > 0
                    level = -np.inf if long else np.inf
                    if sl_c > 0:
                        level = max(level, init * (1 - sl_c)) if long else min(level, init * (1 + sl_c))
                    d = atr_dist[sl_init_i >> dbl, col] if has_atr else np.nan
                    if not np.isnan(d):
                        level = max(level, init - d) if long else min(level, init + d)
                    if trail_c > 0:
                        if peak_i != sl_init_i:
                            peak_i = sl_init_i
                            peak = init
                            peak_last = sl_init_i - 1 if lag == 1 else sl_init_i
                        for b in range(peak_last + 1, i):
                            tb = b >> dbl
                            odd = dbl == 1 and (b & 1) == 1
                            if long:
                                peak = max(peak, cc[tb] if odd else hc[tb])
                            else:
                                peak = min(peak, cc[tb] if odd else lc[tb])
                        peak_last = i - 1
                        level = max(level, peak * (1 - trail_c)) if long else min(level, peak * (1 + trail_c))
                    if np.isinf(level):
                        sl_curr_stop = np.nan
                        sl_curr_trail = False
                    elif tp_c > 0 and ((long and o_raw >= init * (1 + tp_c) and o_raw > level)
                                       or (not long and o_raw <= init * (1 - tp_c) and o_raw < level)):
                        sl_curr_stop = np.nan
                        sl_curr_trail = False
                    elif trail_c > 0:
                        base = sl_curr_price
                        frac = 1 - level / base if long else level / base - 1
                        sl_curr_stop = max(frac, 0.0)
                        sl_curr_trail = True
                    else:
                        frac = 1 - level / init if long else level / init - 1
                        sl_curr_stop = max(frac, 0.0)
                        sl_curr_trail = False
            # adjust_tp_nb
            if pending:
                tp_curr_stop = np.nan
            # vectorbt: the stop price of this row, then the trailing extreme
            stop_price = np.nan
            # (flat, vectorbt finds no stop price and trails nothing)
            if pos != 0 and (not np.isnan(sl_curr_stop) or not np.isnan(tp_curr_stop)):
                o = o_raw
                if np.isnan(o):
                    o = c_t
                lo = l_raw
                if np.isnan(lo):
                    lo = min(o, c_t)
                hi = h_raw
                if np.isnan(hi):
                    hi = max(o, c_t)
                # vectorbt's get_stop_price_nb: the stop below a long (above a short), the target above
                # (below); the open when gapped through, NaN when not hit
                if not np.isnan(sl_curr_stop):
                    down = pos > 0
                    p = sl_curr_price * (1 - sl_curr_stop) if down else sl_curr_price * (1 + sl_curr_stop)
                    if (o <= p) if down else (p <= o):
                        stop_price = o
                    elif lo <= p <= hi:
                        stop_price = p
                if np.isnan(stop_price) and not np.isnan(tp_curr_stop):
                    down = pos < 0
                    p = tp_init_price * (1 - tp_curr_stop) if down else tp_init_price * (1 + tp_curr_stop)
                    if (o <= p) if down else (p <= o):
                        stop_price = o
                    elif lo <= p <= hi:
                        stop_price = p
                if not np.isnan(sl_curr_stop) and sl_curr_trail:
                    if pos > 0:
                        if hi > sl_curr_price:
                            sl_curr_price = hi
                    elif pos < 0:
                        if lo < sl_curr_price:
                            sl_curr_price = lo
            code = 0
            order_price = price_i
            if not np.isnan(stop_price):
                code = 2 if pos > 0 else 4  # a stop exit closes the position (StopExitMode.Close)
                order_price = stop_price
            else:
                # signal_nb
                if expect != 0 and pos == 0:
                    # a stop closed the position on the previous row, or the entry placed no order: re-arm
                    # only if the entry rule was false on the last signal bar before that row's bar
                    k = ((i - 1) >> dbl) - 1
                    while k >= 0 and not sig_bar[k]:
                        k -= 1
                    if expect > 0:
                        armed_l = k >= 0 and not lec[k]
                    else:
                        armed_s = k >= 0 and not sec[k]
                    expect = 0
                s = -1
                if dbl == 1:
                    if close_row:
                        s = i >> 1
                else:
                    s = i - lag
                if s >= 0 and sig_bar[s]:
                    # _nb._decide
                    go_l = False
                    go_s = False
                    out = False
                    if pos == 0:
                        if lec[s] and armed_l:
                            go_l = True
                            held = 0
                        elif sec[s] and armed_s:
                            go_s = True
                            held = 0
                    elif pos > 0:
                        held += 1
                        out = lxc[s] or sec[s] or (mh > 0 and held >= mh)
                    else:
                        held += 1
                        out = sxc[s] or lec[s] or (mh > 0 and held >= mh)
                    if not lec[s]:
                        armed_l = True
                    if not sec[s]:
                        armed_s = True
                    if go_l:
                        expect = 1
                    elif go_s:
                        expect = -1
                    elif out:
                        expect = 0
                    if go_l or go_s:
                        sz = size[t if full_size else 0, col if size_cols else 0]
                        # vectorbt places no order for a zero size, and ignores one with a NaN size or price
                        if sz != 0 and not np.isnan(sz) and not np.isnan(price_i):
                            code = 1 if go_l else 3
                    elif out:
                        code = 2 if pos > 0 else 4
            if code == 0:
                continue
            buy = code == 1 or code == 4
            fill = order_price * (1 + sp) if buy else order_price * (1 - sp)
            if n < room:
                buf[n, 0] = t
                buf[n, 1] = code
                buf[n, 2] = order_price
            n += 1
            counts[col] += 1
            if code == 1 or code == 3:
                pos = 1 if code == 1 else -1
                sl_init_i = i
                sl_init_price = fill
                sl_curr_price = fill
                sl_curr_stop = np.nan  # set by the next row's adjust_sl (vectorbt's placeholder is never read)
                sl_curr_trail = False
                tp_init_price = fill
                tp_curr_stop = tp_c if tp_c > 0 else np.nan
            else:
                pos = 0
                sl_init_i = -1
                sl_init_price = np.nan
                sl_curr_price = np.nan
                sl_curr_stop = np.nan
                sl_curr_trail = False
                tp_init_price = np.nan
                tp_curr_stop = np.nan
    return n


def resolve_stops(le: np.ndarray, lx: np.ndarray, se: np.ndarray, sx: np.ndarray, sig_bar: np.ndarray, lag: int,
                  max_hold: np.ndarray, dbl: int, open_: np.ndarray, high: np.ndarray, low: np.ndarray,
                  close: np.ndarray, size: np.ndarray, slip: np.ndarray, sl: np.ndarray, trail: np.ndarray,
                  atr_dist: np.ndarray, tp: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """``resolve_stops_nb``'s orders packed to each column's own rows: (rows, codes, price, total), K x columns
    (K the most orders any column has; packed by numpy, which costs less than compiling it).

    Column c's r-th order fills on bar ``rows[r, c]`` at ``price[r, c]`` (before slippage: the bar's fill
    price, or the stop price for a stop exit); ``codes[r, c]`` is 1 long entry, 2 long exit, 3 short entry,
    4 short exit. Rows past a column's last order repeat its bar and price with code 0 (a column without
    orders: bar 0 at its first close). ``total``: the number of orders.

    >>> import numpy as np
    >>> bars = 4
    >>> le = np.array([[True, False, False, False]]); off = np.zeros((1, bars), dtype=np.bool_)
    >>> px = np.array([[100.0], [100.0], [90.0], [95.0]])
    >>> rows, codes, price, total = resolve_stops(
    ...     le, off, off, off, np.ones(bars, np.bool_), 1, np.zeros(1, np.int64), 0, px, px + 1, px - 1, px,
    ...     np.ones((1, 1)), np.zeros(1), np.full(1, 0.05), np.zeros(1), np.full((1, 1), np.nan), np.zeros(1))
    >>> rows[:, 0].tolist(), codes[:, 0].tolist(), price[:, 0].tolist(), total  # in at bar 1, stopped at 2's open
    ([1, 2], [1, 2], [100.0, 90.0], 2)
    """
    m = le.shape[0]
    # every order is an entry (on a signal bar where an entry rule holds) or the exit of one: at most twice
    # the entries, room enough unless that bound is very large (then a guess, and a second run if short)
    bound = 2 * int(np.count_nonzero((le | se) & sig_bar[None, :le.shape[1]])) if m else 0
    room = max(min(bound, _ROOM), 1)
    counts = np.empty(m, dtype=np.int64)
    while True:
        buf = np.empty((room, 3))
        n = int(resolve_stops_nb(le, lx, se, sx, sig_bar, lag, max_hold, dbl, open_, high, low, close, size, slip,
                                 sl, trail, atr_dist, tp, buf, counts))
        if n <= room:
            break
        room = n
    buf = buf[:n]
    k = max(int(counts.max()) if m else 1, 1)
    col = np.repeat(np.arange(m), counts)
    r = np.arange(len(buf)) - np.repeat(np.cumsum(counts) - counts, counts)
    rows = np.zeros((k, m), dtype=np.int64)
    codes = np.zeros((k, m), dtype=np.int8)
    price = np.zeros((k, m))
    rows[r, col] = buf[:, 0]
    codes[r, col] = buf[:, 1]
    price[r, col] = buf[:, 2]
    last = np.maximum(counts - 1, 0)
    cols = np.arange(m)
    some = counts > 0
    last_row = np.where(some, rows[last, cols], 0)
    last_px = np.where(some, price[last, cols], close[0, cols % close.shape[1]])
    past = np.arange(k)[:, None] >= counts[None, :]
    return np.where(past, last_row, rows), codes, np.where(past, last_px, price), int(n)
