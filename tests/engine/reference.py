"""An independent reference backtester: plain pandas/numpy loops written from the documented semantics
(issue 3, "Semantics"), never from foa's engine code. The correctness tests compare foa.backtest with it.

Documented semantics implemented here:
- prices: when Adj Close is present, Open/High/Low/Close are multiplied by Adj Close / Close.
- indicators: sma simple mean; ema alpha 2/(n+1), no bias adjustment (seeded with the first value, the
  first n-1 values are warm-up); rsi Wilder (alpha 1/n on gains and losses); macd = ema(fast) - ema(slow),
  signal = ema(macd, signal), hist = macd - signal; atr Wilder average of the true range; bbands sma +/- std
  x population stdev; roc x[t]/x[t-n] - 1; stdev population; highest/lowest over the n bars before t.
- adx and sar (TA-Lib rows of the indicator table): TA-Lib's ADX/SAR called directly on the bars.
- crosses_above: a[t] > b[t] and a[t-1] <= b[t-1] (crosses_below mirrored). Warm-up bars give no signal.
- a signal on bar t's close fills at bar t+1's open (or at t's close with fill="close"); a signal on the
  last bar does not trade; all_in sizing = all the (sub-)account's cash, fractional shares, no leverage;
  N symbols split the cash 1/N; fees per side on traded notional; slippage an adverse price fraction.
- stops are measured from the entry fill price, checked from the bar after the fill; a gap through the
  stop fills at that bar's open, else at the stop price; atr_stop distance = multiple x ATR(window) at the
  signal bar, fixed; after a stop exit the next entry needs a fresh entry signal.
- weekly/monthly: period-end bars (first open, max high, min low, last close, summed volume) stamped on
  the period's last trading day; signals there fill on the next trading day's open; equity is daily.
- ranking: at each rebalance date (last trading day of the period) hold the top_n by ``ranking.by``
  (NaN = not eligible, ``entry`` a filter when set) in equal weights of the whole portfolio, shared cash,
  filled at the next open; sells before buys. fixed_fraction caps each weight at `fraction`.

Choices the issue leaves open (stated so a mismatch can be judged):
- rules act by state: flat -> only ``entry`` is read; long -> only ``exit`` is read.
- Wilder smoothing (rsi, atr) is the recursive average seeded with the first value (pandas
  ``ewm(alpha=1/n, adjust=False)``), valid after n values. Like the price change behind rsi, the true
  range needs the previous close, so it starts on the second bar (as in TA-Lib): both rsi and atr are
  first defined on bar n.
- a trailing stop trails the highest high seen after the fill (the fill price to start); the current
  bar's high raises the trail only after the bar has been checked. Stop loss beats take profit when
  both are inside one bar. Slippage also applies to stop fills (they are market orders once hit).
- "fresh" entry after a stop: the entry rule must have been false on some signal bar from the one
  before the stop up to the one before the new entry.
- trade records follow "exit trades": each sale closes a record; additions average the entry price.
  Open trades keep exit_time = last bar, exit_price = last close, no exit fee.

Shorts, time exits and sizing (docs/semantics.md row 7 and the spec's field descriptions; where those are
silent, what the engine's docstrings say, marked "engine doc"):
- short_only reads short_entry/short_exit; long_short reads all four. In a long the exit rule or a short
  entry closes it; in a short the short exit or a long entry covers it; the opposite position opens only
  on a later signal bar if its rule still holds (engine doc, foa/engine/_nb.py: flips go through flat).
  Flat with both entry rules true: long first (silent everywhere; the tests avoid the case).
- a short sells at open x (1 - slippage) and covers at x (1 + slippage); all_in shorts 100% of the
  cash: shares = cash / (fill x (1 + fees)) (mirrors the documented long formula; silent for shorts);
  equity = cash - shares x close; pnl = shares x (entry - exit) - fees.
- short stops mirror long ones from the short fill: stop_loss above (fill x (1 + stop)), take_profit
  below (fill x (1 - tp)), atr_stop fill + distance, trailing stop above the lowest low since the fill
  (Risk/AtrStop field descriptions); a gap through the stop or target fills at the open.
- max_holding_bars = N: the exit is decided on the N-th signal bar after the one that decided the entry
  ("exit after this many bars of the spec's frequency"), filled like a rule exit. It is not a stop:
  re-entry does not need a fresh signal (silent in the docs; the engine agrees, and
  test_correctness_more pins it).
- costs.fixed_fee (per order, each side; vectorbt's fixed_fees): a long commits share x cash and pays
  the fixed fee out of it: shares = (share x cash - fixed) / (fill x (1 + fees)); a short sizes on the
  cash left after the fee: shares = share x (cash - fixed) / (fill x (1 + fees)); every exit pays
  notional x fees + fixed.
- costs.borrow_rate: every bar a short was held at the previous close pays rate / 252 x shares x that
  close; the sum so far comes off the equity (trade sizes and trade pnl are as without it).
- sizing: fixed_fraction commits `fraction` of the (sub-)account's cash with fees inside it, so
  fraction 1 is all_in (silent on fees); equal_weight on signal specs is all_in's 1/N per symbol;
  volatility_target weight = min(1, target / (sample stdev of the last vol_window bar returns x
  sqrt(bars per year))) on the signal bar (engine doc, compile.vol_target_weight; ddof silent); a weight
  still in warm-up places no order. Missing fraction/target/window: ValueError (no documented default).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

INIT_CASH = 100_000.0
TRADE_COLUMNS = ["symbol", "direction", "entry_time", "entry_price", "exit_time", "exit_price", "size",
                 "pnl", "return", "status"]

# ------------------------------------------------------------------------------------------- prices


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    """Lower-case open/high/low/close/volume, back-adjusted by Adj Close / Close when present."""
    cols = {str(c).lower().replace("_", " "): c for c in frame.columns}
    out = pd.DataFrame(index=frame.index)
    for f in ("open", "high", "low", "close", "volume"):
        out[f] = frame[cols[f]].astype(float) if f in cols else np.nan
    if "adj close" in cols:
        factor = frame[cols["adj close"]].astype(float) / out["close"]
        for f in ("open", "high", "low", "close"):
            out[f] = out[f] * factor
    return out


def period_keys(index: pd.DatetimeIndex, freq: str) -> np.ndarray:
    """A label per daily bar naming its period (weekly Mon-Sun, monthly, quarterly)."""
    code = {"weekly": "W", "monthly": "M", "quarterly": "Q"}[freq]
    return np.asarray(index.to_period(code).astype(str))


def period_end_positions(index: pd.DatetimeIndex, freq: str) -> np.ndarray:
    """Integer positions of the last trading day of each period (daily: every bar)."""
    if freq == "daily":
        return np.arange(len(index))
    keys = period_keys(index, freq)
    last = np.r_[keys[1:] != keys[:-1], True]
    return np.flatnonzero(last)


def resample(daily: pd.DataFrame, freq: str) -> pd.DataFrame:
    """Period-end bars stamped on each period's last trading day."""
    if freq == "daily":
        return daily
    keys = period_keys(daily.index, freq)
    rows = []
    for key in pd.unique(keys):
        block = daily[keys == key]
        rows.append({"date": block.index[-1], "open": block["open"].iloc[0], "high": block["high"].max(),
                     "low": block["low"].min(), "close": block["close"].iloc[-1], "volume": block["volume"].sum()})
    return pd.DataFrame(rows).set_index("date")


# ---------------------------------------------------------------------------------------- indicators


def _recursive_mean(x: pd.Series, alpha: float, warmup: int) -> pd.Series:
    """y = alpha x + (1 - alpha) y[-1], seeded with the first valid x; NaN until `warmup` valid values."""
    vals = x.to_numpy(dtype=float)
    out = np.full(len(vals), np.nan)
    y = math.nan
    seen = 0
    for i, v in enumerate(vals):
        if math.isnan(v):
            if seen:
                out[i] = y if seen >= warmup else np.nan
            continue
        y = v if seen == 0 else alpha * v + (1 - alpha) * y
        seen += 1
        if seen >= warmup:
            out[i] = y
    return pd.Series(out, index=x.index)


def sma(x: pd.Series, n: int) -> pd.Series:
    return x.rolling(n, min_periods=n).mean()


def ema(x: pd.Series, n: int) -> pd.Series:
    return _recursive_mean(x, 2.0 / (n + 1), n)


def wilder(x: pd.Series, n: int) -> pd.Series:
    return _recursive_mean(x, 1.0 / n, n)


def rsi(x: pd.Series, n: int) -> pd.Series:
    d = x.diff()
    gain = wilder(d.clip(lower=0), n)
    loss = wilder((-d).clip(lower=0), n)
    out = 100 - 100 / (1 + gain / loss)
    # no losses in the window: RSI is 100 (gain/0); no movement at all: undefined -> leave NaN
    out[(loss == 0) & (gain > 0)] = 100.0
    out[(loss == 0) & (gain == 0)] = np.nan
    return out


def true_range(frame: pd.DataFrame) -> pd.Series:
    prev = frame["close"].shift(1)
    tr = pd.concat([frame["high"] - frame["low"], (frame["high"] - prev).abs(), (frame["low"] - prev).abs()],
                   axis=1).max(axis=1)
    tr.iloc[0] = np.nan  # no previous close yet
    return tr


def atr(frame: pd.DataFrame, n: int) -> pd.Series:
    return wilder(true_range(frame), n)


def stdev(x: pd.Series, n: int) -> pd.Series:
    return x.rolling(n, min_periods=n).std(ddof=0)


def bbands(x: pd.Series, n: int, k: float) -> dict[str, pd.Series]:
    mid = sma(x, n)
    sd = stdev(x, n)
    return {"middle": mid, "upper": mid + k * sd, "lower": mid - k * sd}


def macd(x: pd.Series, fast: int, slow: int, signal: int) -> dict[str, pd.Series]:
    line = ema(x, fast) - ema(x, slow)
    sig = ema(line, signal)
    return {"macd": line, "signal": sig, "hist": line - sig}


def roc(x: pd.Series, n: int) -> pd.Series:
    return x / x.shift(n) - 1


def highest(x: pd.Series, n: int) -> pd.Series:
    return x.shift(1).rolling(n, min_periods=n).max()


def lowest(x: pd.Series, n: int) -> pd.Series:
    return x.shift(1).rolling(n, min_periods=n).min()


def talib_adx(frame: pd.DataFrame, p: dict) -> pd.Series:
    """TA-Lib's ADX called directly on the bars (its values are the documented semantics of ``adx``)."""
    import talib

    h, lo, c = (frame[f].to_numpy(dtype=float) for f in ("high", "low", "close"))
    return pd.Series(talib.ADX(h, lo, c, timeperiod=int(p.get("timeperiod", 14))), index=frame.index)


def talib_sar(frame: pd.DataFrame, p: dict) -> pd.Series:
    """TA-Lib's SAR called directly on the bars."""
    import talib

    h, lo = (frame[f].to_numpy(dtype=float) for f in ("high", "low"))
    return pd.Series(talib.SAR(h, lo, acceleration=float(p.get("acceleration", 0.02)),
                               maximum=float(p.get("maximum", 0.2))), index=frame.index)


# TA-Lib indicators are TA-Lib's own values: the reference calls TA-Lib directly (not foa's adapter)
TALIB_CALLS = {"adx": talib_adx, "sar": talib_sar}

# ------------------------------------------------------------------------------------ spec evaluation


class Evaluator:
    """Evaluates Expr / Condition nodes of a StrategySpec on period bars of every symbol."""

    def __init__(self, bars: dict[str, pd.DataFrame]):
        self.bars = bars

    def expr(self, e, sym: str) -> pd.Series:
        kind = e.kind
        if kind == "const":
            return pd.Series(e.value, index=self.bars[sym].index, dtype=float)
        if kind == "price":
            s = self.bars[e.symbol or sym][e.field].astype(float)
            return s.shift(e.shift) if e.shift else s
        if kind == "arith":
            a, b = self.expr(e.left, sym), self.expr(e.right, sym)
            return {"+": a + b, "-": a - b, "*": a * b, "/": a / b}[e.op]
        if kind == "indicator":
            target = e.symbol or sym
            frame = self.bars[target]
            p = e.params
            default_input = {"highest": "high", "lowest": "low"}.get(e.name, "close")
            x = self.expr(e.input, target) if e.input is not None else frame[default_input].astype(float)
            name = e.name
            if name == "sma":
                out = sma(x, p["window"])
            elif name == "ema":
                out = ema(x, p["window"])
            elif name == "rsi":
                out = rsi(x, p["window"])
            elif name == "roc":
                out = roc(x, p["window"])
            elif name == "atr":
                out = atr(frame, p["window"])
            elif name == "highest":
                out = highest(x, p["window"])
            elif name == "lowest":
                out = lowest(x, p["window"])
            elif name == "stdev":
                out = stdev(x, p["window"])
            elif name == "bbands":
                out = bbands(x, p["window"], p.get("std", 2.0))[e.output or "middle"]
            elif name == "macd":
                out = macd(x, p.get("fast", 12), p.get("slow", 26), p.get("signal", 9))[e.output or "macd"]
            elif name in TALIB_CALLS:
                out = TALIB_CALLS[name](frame, p)
            else:  # pragma: no cover - the spec validator rejects unknown names
                raise ValueError(name)
            out = out.reindex(self.bars[sym].index)
            return out.shift(e.shift) if e.shift else out
        raise ValueError(kind)

    def cond(self, c, sym: str) -> tuple[pd.Series, pd.Series]:
        """(value, valid): valid is False on warm-up bars of any expression in the rule."""
        idx = self.bars[sym].index
        kind = c.kind
        if kind == "always":
            t = pd.Series(True, index=idx)
            return t, t
        if kind == "compare":
            a, b = self.expr(c.left, sym), self.expr(c.right, sym)
            valid = a.notna() & b.notna()
            op = c.op
            if op in ("crosses_above", "crosses_below"):
                a1, b1 = a.shift(1), b.shift(1)
                valid = valid & a1.notna() & b1.notna()
                val = (a > b) & (a1 <= b1) if op == "crosses_above" else (a < b) & (a1 >= b1)
            else:
                val = {">": a > b, ">=": a >= b, "<": a < b, "<=": a <= b}[op]
            return val.fillna(False).astype(bool), valid
        if kind in ("all", "any"):
            parts = [self.cond(x, sym) for x in c.of]
            vals = pd.concat([p[0] for p in parts], axis=1)
            valid = pd.concat([p[1] for p in parts], axis=1).all(axis=1)
            return (vals.all(axis=1) if kind == "all" else vals.any(axis=1)), valid
        if kind == "not":
            v, valid = self.cond(c.of, sym)
            return ~v, valid
        raise ValueError(kind)

    def signal(self, c, sym: str) -> np.ndarray:
        if c is None:
            return np.zeros(len(self.bars[sym]), dtype=bool)
        v, valid = self.cond(c, sym)
        return (v & valid).to_numpy(dtype=bool)


# ------------------------------------------------------------------------------------------ results


@dataclass
class RefResult:
    trades: pd.DataFrame
    equity: pd.Series


def _trade(sym, entry_time, entry_price, exit_time, exit_price, size, entry_fees, exit_fees, status,
           direction: str = "long"):
    move = exit_price - entry_price if direction == "long" else entry_price - exit_price
    pnl = size * move - entry_fees - exit_fees
    return {"symbol": sym, "direction": direction, "entry_time": entry_time, "entry_price": entry_price,
            "exit_time": exit_time, "exit_price": exit_price, "size": size, "pnl": pnl,
            "return": pnl / (size * entry_price), "status": status}


def _frame(records: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(records, columns=TRADE_COLUMNS)
    return df.sort_values(["entry_time", "symbol", "exit_time"], kind="stable").reset_index(drop=True)


# ------------------------------------------------------------------------------------------- sizing

BARS_PER_YEAR = {"daily": 252, "weekly": 52, "monthly": 12}


def vol_target_weights(closes: np.ndarray, target: float, window: int, bars_per_year: int) -> np.ndarray:
    """min(1, target / annualised stdev of the last `window` bar returns), per period bar; NaN in warm-up.

    The stdev is the sample one (ddof 1): the docs do not say, and this is the usual volatility estimate.
    """
    out = np.full(len(closes), np.nan)
    rets = np.full(len(closes), np.nan)
    rets[1:] = closes[1:] / closes[:-1] - 1
    for k in range(window, len(closes)):
        r = rets[k - window + 1: k + 1]
        if np.isnan(r).any():
            continue
        vol = float(np.std(r, ddof=1)) * math.sqrt(bars_per_year)
        out[k] = min(1.0, target / vol) if vol > 0 else 1.0
    return out


def sizing_weights(spec, ev: Evaluator, sym: str) -> np.ndarray | None:
    """Share of the (sub-)account's cash committed at each entry decided on a period bar (None: 100%)."""
    sz = spec.sizing
    if sz.method in ("all_in", "equal_weight"):
        # equal_weight on a signal spec: each of the N symbols already trades 1/N of the cash
        return None
    if sz.method == "fixed_fraction":
        if sz.fraction is None:
            raise ValueError("fixed_fraction sizing needs a fraction")
        return np.full(len(ev.bars[sym]), float(sz.fraction))
    if sz.method == "volatility_target":
        if sz.target_volatility is None or sz.vol_window is None:
            raise ValueError("volatility_target sizing needs target_volatility and vol_window")
        closes = ev.bars[sym]["close"].to_numpy(dtype=float)
        return vol_target_weights(closes, sz.target_volatility, sz.vol_window, BARS_PER_YEAR[spec.frequency])
    raise ValueError(sz.method)


# -------------------------------------------------------------------------------- signal strategies


def _run_symbol(spec, sym: str, daily: pd.DataFrame, ev: Evaluator, cash: float, fill: str, i0: int = 0):
    """Simulate one symbol's sub-account. Returns (trade records, daily equity array).

    Positions carry a side: +1 long, -1 short. Everything for shorts mirrors longs: the short sale fills
    at open x (1 - slippage), the cover at x (1 + slippage); the stop sits above the fill, the target below.
    """
    n = len(daily)
    o, h, l, c = (daily[f].to_numpy(dtype=float) for f in ("open", "high", "low", "close"))
    idx = daily.index
    sig_pos = period_end_positions(idx, spec.frequency)
    none = np.zeros(len(sig_pos), dtype=bool)
    long_ok = spec.direction in ("long_only", "long_short")
    short_ok = spec.direction in ("short_only", "long_short")
    entry = ev.signal(spec.entry, sym) if long_ok else none
    exit_ = ev.signal(spec.exit, sym) if long_ok else none
    s_entry = ev.signal(spec.short_entry, sym) if short_ok else none
    s_exit = ev.signal(spec.short_exit, sym) if short_ok else none
    opens_rule = {1: entry, -1: s_entry}
    weights = sizing_weights(spec, ev, sym)
    risk, fees, slip = spec.risk, spec.costs.fees, spec.costs.slippage
    fixed, borrow_daily = spec.costs.fixed_fee, spec.costs.borrow_rate / 252.0
    borrowed = 0.0  # borrow cost of shorts paid so far (taken from equity, not from the cash that sizes trades)
    max_hold = risk.max_holding_bars
    atr_at = atr(ev.bars[sym], risk.atr_stop.window).to_numpy() if risk.atr_stop else None
    k_of_day = {int(p): k for k, p in enumerate(sig_pos)}
    trades: list[dict] = []
    equity = np.empty(n)
    pos: dict | None = None
    pending: tuple[str, int, int] | None = None  # (open|close, signal index k, side) for the next open
    armed = {1: True, -1: True}
    held_short: float | None = None  # shares short at the previous bar's close

    def open_(i: int, raw: float, k: int, side: int) -> None:
        nonlocal cash, pos
        price = raw * (1 + slip) if side > 0 else raw * (1 - slip)
        share = 1.0 if weights is None else weights[k]
        # a fixed fee comes out of the committed cash: a long commits share x cash and pays the fee from
        # it; a short's size is share x the cash left after the fee
        if side > 0:
            size = (share * cash - fixed) / (price * (1 + fees))
        else:
            size = share * (cash - fixed) / (price * (1 + fees))
        if not size > 0:  # e.g. a volatility weight still in warm-up: no order, still flat
            return
        efees = size * price * fees + fixed
        if side > 0:
            cash -= size * price + efees
        else:
            cash += size * price - efees
        levels = []
        if risk.stop_loss:
            levels.append(price * (1 - side * risk.stop_loss))
        if risk.atr_stop:
            dist = risk.atr_stop.multiple * atr_at[k]
            if not math.isnan(dist):
                levels.append(price - side * dist)
        # "peak": the best price since the fill (highest high long, lowest low short) for the trailing stop
        pos = {"side": side, "i": i, "k": k, "price": price, "size": size, "fees": efees, "levels": levels,
               "peak": price}

    def close_(i: int, raw: float) -> None:
        nonlocal cash, pos
        side = pos["side"]
        price = raw * (1 - slip) if side > 0 else raw * (1 + slip)
        proceeds = pos["size"] * price
        xfees = proceeds * fees + fixed
        if side > 0:
            cash += proceeds - xfees
        else:
            cash -= proceeds + xfees
        trades.append(_trade(sym, idx[pos["i"]], pos["price"], idx[i], price, pos["size"], pos["fees"], xfees,
                             "closed", "long" if side > 0 else "short"))
        pos = None

    def stop_hit(i: int) -> float | None:
        """The fill price if a stop/target is hit on bar i (stop beats target unless the open gaps past it)."""
        side, p = pos["side"], pos["price"]
        if side > 0:
            stop = max(pos["levels"], default=-math.inf)
            if risk.trailing_stop:
                stop = max(stop, pos["peak"] * (1 - risk.trailing_stop))
            target = p * (1 + risk.take_profit) if risk.take_profit else math.inf
            if o[i] <= stop or o[i] >= target:
                return o[i]
            if l[i] <= stop:
                return stop
            if h[i] >= target:
                return target
            return None
        stop = min(pos["levels"], default=math.inf)
        if risk.trailing_stop:
            stop = min(stop, pos["peak"] * (1 + risk.trailing_stop))
        target = p * (1 - risk.take_profit) if risk.take_profit else -math.inf
        if o[i] >= stop or o[i] <= target:
            return o[i]
        if h[i] >= stop:
            return stop
        if l[i] <= target:
            return target
        return None

    def extend_peak(i: int) -> None:
        pos["peak"] = max(pos["peak"], h[i]) if pos["side"] > 0 else min(pos["peak"], l[i])

    for i in range(i0, n):
        if pending is not None:
            what, k, side = pending
            pending = None
            if what == "open" and pos is None:
                open_(i, o[i], k, side)
            elif what == "close" and pos is not None:
                close_(i, o[i])
        if pos is not None and pos["i"] < i:
            side = pos["side"]
            hit = stop_hit(i)
            if hit is not None:
                close_(i, hit)
                # freshness: the entry rule must be false on a signal bar from the one before the stop on
                k_s = int(np.searchsorted(sig_pos, i))  # first signal bar at or after the stop day
                armed[side] = k_s - 1 >= 0 and not opens_rule[side][k_s - 1]
            else:
                extend_peak(i)
        elif pos is not None and fill == "next_open":
            # filled at this bar's open: the rest of the bar happened after the fill
            extend_peak(i)
        k = k_of_day.get(i)
        if k is not None:
            if i < n - 1:
                if pos is None:
                    # flat: the entry rules are read (long first when both fire: the docs are silent)
                    side = 1 if (entry[k] and armed[1]) else (-1 if (s_entry[k] and armed[-1]) else 0)
                    if side:
                        if fill == "close":
                            open_(i, c[i], k, side)
                        else:
                            pending = ("open", k, side)
                elif pos["i"] <= i:
                    # in a position: its exit rule, or the opposite entry (which only closes it), or the time exit
                    if pos["side"] > 0:
                        leave = exit_[k] or s_entry[k]
                    else:
                        leave = s_exit[k] or entry[k]
                    if max_hold is not None and k - pos["k"] >= max_hold:
                        leave = True
                    if leave:
                        if fill == "close":
                            close_(i, c[i])
                        else:
                            pending = ("close", k, 0)
            if not entry[k]:
                armed[1] = True
            if not s_entry[k]:
                armed[-1] = True
        if i > 0 and held_short is not None:
            borrowed += borrow_daily * held_short * c[i - 1]
        equity[i] = cash + (pos["side"] * pos["size"] * c[i] if pos is not None else 0.0) - borrowed
        held_short = pos["size"] if (pos is not None and pos["side"] < 0) else None
    if pos is not None:
        trades.append(_trade(sym, idx[pos["i"]], pos["price"], idx[n - 1], c[n - 1], pos["size"], pos["fees"], 0.0,
                             "open", "long" if pos["side"] > 0 else "short"))
    return trades, equity[i0:]


# ------------------------------------------------------------------------------- ranking strategies


def _run_ranking(spec, syms: list[str], daily: dict[str, pd.DataFrame], ev: Evaluator, init_cash: float,
                 fill: str, i0: int = 0) -> RefResult:
    idx = daily[syms[0]].index
    n = len(idx)
    fees, slip = spec.costs.fees, spec.costs.slippage
    rk = spec.ranking
    # ranking values and filters on the spec's bars, read on the daily bar where each was computed
    values, allowed = {}, {}
    for s in syms:
        v = ev.expr(rk.by, s).reindex(idx)
        values[s] = v.to_numpy(dtype=float)
        if spec.entry is not None:
            allowed[s] = pd.Series(ev.signal(spec.entry, s), index=ev.bars[s].index).reindex(idx).fillna(False)
            allowed[s] = allowed[s].to_numpy(dtype=bool)
    reb = set(period_end_positions(idx, spec.rebalance or spec.frequency).tolist())
    if spec.frequency != "daily":
        reb &= set(period_end_positions(idx, spec.frequency).tolist())
    px = {s: {f: daily[s][f].to_numpy(dtype=float) for f in ("open", "close")} for s in syms}
    cash = init_cash
    shares = {s: 0.0 for s in syms}
    book = {s: None for s in syms}  # open position: entry time, avg price, size, entry fees
    trades: list[dict] = []
    equity = np.empty(n)
    pending = None

    def rebalance(i: int, weights: dict[str, float], field: str) -> None:
        nonlocal cash
        raw = {s: px[s][field][i] for s in syms}
        value = cash + sum(shares[s] * raw[s] for s in syms)
        target = {s: weights.get(s, 0.0) * value / raw[s] for s in syms}
        # sells first so their cash pays for the buys
        for s in syms:
            d = target[s] - shares[s]
            if d < 0 and abs(d) * raw[s] > 1e-9 * value:
                price = raw[s] * (1 - slip)
                q = -d if target[s] > 0 else shares[s]
                xfees = q * price * fees
                cash += q * price - xfees
                b = book[s]
                efees = b["fees"] * q / b["size"]
                trades.append(_trade(s, b["time"], b["price"], idx[i], price, q, efees, xfees, "closed"))
                b["fees"] -= efees
                b["size"] -= q
                shares[s] -= q
                if target[s] <= 0 or b["size"] <= 0:
                    shares[s] = 0.0
                    book[s] = None
        for s in syms:
            d = target[s] - shares[s]
            if d > 0 and d * raw[s] > 1e-9 * value:
                price = raw[s] * (1 + slip)
                q = min(d, cash / (price * (1 + fees)))
                if q <= 0:
                    continue
                efees = q * price * fees
                cash -= q * price + efees
                b = book[s]
                if b is None:
                    book[s] = {"time": idx[i], "price": price, "size": q, "fees": efees}
                else:
                    b["price"] = (b["price"] * b["size"] + price * q) / (b["size"] + q)
                    b["size"] += q
                    b["fees"] += efees
                shares[s] += q

    for i in range(i0, n):
        if pending is not None:
            rebalance(i, pending, "open")
            pending = None
        if i in reb and i < n - 1:
            ok = [s for s in syms if not math.isnan(values[s][i]) and (not allowed or allowed[s][i])]
            # stable sort: ties keep the universe order
            ok.sort(key=lambda s: values[s][i] if rk.ascending else -values[s][i])
            if rk.top_n is not None:
                chosen = ok[: rk.top_n]
            elif rk.top_pct is not None:
                chosen = ok[: max(1, math.ceil(rk.top_pct * len(ok)))] if ok else []
            else:
                chosen = ok
            weights = {s: 1.0 / len(chosen) for s in chosen}
            if spec.sizing.method == "fixed_fraction":
                # "share of equity per position", never more than the equal weight (no leverage)
                weights = {s: min(w, spec.sizing.fraction) for s, w in weights.items()}
            if fill == "close":
                rebalance(i, weights, "close")
            else:
                pending = weights
        equity[i] = cash + sum(shares[s] * px[s]["close"][i] for s in syms)
    for s in syms:
        b = book[s]
        if b is not None:
            trades.append(_trade(s, b["time"], b["price"], idx[n - 1], px[s]["close"][n - 1], b["size"], b["fees"],
                                 0.0, "open"))
    return RefResult(_frame(trades), pd.Series(equity[i0:], index=idx[i0:], name="equity"))


# ---------------------------------------------------------------------------------------- entry point


def backtest(spec, prices, *, init_cash: float = INIT_CASH, fill: str = "next_open", start=None) -> RefResult:
    """Reference run of ``spec`` on ``prices`` (one frame for a one-symbol spec, or a dict symbol -> frame).

    ``start``: indicators still warm up on the bars before it, but trading and equity begin there.
    """
    if spec.ranking is not None and (spec.direction != "long_only" or spec.risk.max_holding_bars is not None
                                     or spec.sizing.method == "volatility_target"
                                     or (spec.sizing.method == "fixed_fraction" and spec.sizing.fraction is None)):
        raise NotImplementedError("the reference ranks long-only without max_holding_bars or volatility targets")
    syms = list(spec.universe.symbols)
    if isinstance(prices, pd.DataFrame):
        prices = {syms[0]: prices}
    daily = {s: prepare(f) for s, f in prices.items()}
    first = daily[syms[0]].index
    for s, f in daily.items():
        if not f.index.equals(first):
            raise ValueError(f"reference needs identical dates for every symbol ({s} differs)")
    bars = {s: resample(f, spec.frequency) for s, f in daily.items()}
    ev = Evaluator(bars)
    i0 = 0 if start is None else int(first.searchsorted(pd.Timestamp(start)))
    if spec.ranking is not None:
        return _run_ranking(spec, syms, daily, ev, init_cash, fill, i0)
    records: list[dict] = []
    total = np.zeros(len(first) - i0)
    for s in syms:
        t, eq = _run_symbol(spec, s, daily[s], ev, init_cash / len(syms), fill, i0)
        records += t
        total += eq
    return RefResult(_frame(records), pd.Series(total, index=first[i0:], name="equity"))
