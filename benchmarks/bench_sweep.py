"""Sweep benchmark: the 174-combination SMA-crossover grid on bundled S&P 500 daily data (1999-2018).

    NUMBA_CACHE_DIR=~/.cache/foa/numba .venv/bin/python benchmarks/bench_sweep.py [--quick]

Runs, in one process and on the same data: (a) foa.sweep, (b) backtesting.py ``Backtest.optimize``
(AGPL, a dev-only dependency: used here, never by foa), (c) a plain vectorbt script as a researcher
writes it (pandas in, one MA column per combination) and (c') a lean one (numpy in, each distinct window
once); every side is timed best-of-N in this process (foa and vectorbt interleaved, the machine is
shared); prints times and ratios and checks that the best combination (by total return, fills aligned
at the next open) agrees. Then: a warm single foa.backtest(); the cold start of the first backtest with
and without a stop in fresh subprocesses (vectorbt imported before the clock starts, so the figure is
compile/cache-load time); and time + peak memory for 10,000 combinations x 1 asset and 100 combinations
x 100 assets (each in a fresh subprocess so its peak RSS is its own).
Speed is measured and printed here, never asserted in tests.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import subprocess
import sys
import time
import warnings

import numpy as np
import pandas as pd

FAST = list(range(5, 55, 5))
SLOW = list(range(20, 210, 10))
PAIRS = [(f, s) for f in FAST for s in SLOW if f < s]


def load() -> pd.DataFrame:
    try:
        from foa.samples import market_data

        return market_data("^GSPC")
    except Exception:  # the samples module not landed yet: the same data straight from arch
        from arch.data import sp500

        return sp500.load()


def best_of(fn, repeat: int = 3) -> tuple[float, object]:
    out, times = None, []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def run_foa(df: pd.DataFrame):
    import foa
    from foa.spec.library import get

    return foa.sweep(get("sma_crossover"), df, grid={"fast.window": FAST, "slow.window": SLOW},
                     constraint=lambda p: p["fast.window"] < p["slow.window"], progress=False)


def run_vectorbt(df: pd.DataFrame):
    from foa.engine.vectorbt_adapter import vbt

    v = vbt()
    close, open_ = df["Close"], df["Open"]
    fast = v.MA.run(close, [f for f, _ in PAIRS], short_name="fast")
    slow = v.MA.run(close, [s for _, s in PAIRS], short_name="slow")
    entries = fast.ma_crossed_above(slow).shift(1, fill_value=False)
    exits = fast.ma_crossed_below(slow).shift(1, fill_value=False)
    pf = v.Portfolio.from_signals(close, entries, exits, price=open_, freq="1D", init_cash=100_000)
    return pf.total_return()


def run_vectorbt_lean(df: pd.DataFrame):
    """Plain vectorbt written for speed: numpy arrays in, each distinct window computed once."""
    from foa.engine.vectorbt_adapter import vbt

    v = vbt()
    close, open_ = df["Close"].to_numpy(), df["Open"].to_numpy()
    windows = sorted({w for pair in PAIRS for w in pair})
    ma = v.MA.run(close, windows).ma.to_numpy()
    col = {w: i for i, w in enumerate(windows)}
    fast = ma[:, [col[f] for f, _ in PAIRS]]
    slow = ma[:, [col[s] for _, s in PAIRS]]
    with np.errstate(invalid="ignore"):
        above = fast > slow
        below = fast < slow
        valid = ~np.isnan(fast) & ~np.isnan(slow)
    prev_valid = np.vstack([np.zeros((1, len(PAIRS)), bool), valid[:-1]])
    up = above & np.vstack([np.zeros((1, len(PAIRS)), bool), ~above[:-1]]) & valid & prev_valid
    down = below & np.vstack([np.zeros((1, len(PAIRS)), bool), ~below[:-1]]) & valid & prev_valid
    entries = np.vstack([np.zeros((1, len(PAIRS)), bool), up[:-1]])  # next-open fills
    exits = np.vstack([np.zeros((1, len(PAIRS)), bool), down[:-1]])
    pf = v.Portfolio.from_signals(close[:, None], entries, exits, price=open_[:, None], freq="1D", init_cash=100_000)
    return pd.Series(pf.total_return().to_numpy(), index=pd.MultiIndex.from_tuples(PAIRS))


def cold_case(which: str) -> None:
    """First and second foa.backtest() in a fresh process (vectorbt already imported): JSON seconds."""
    import foa
    from foa.engine.vectorbt_adapter import vbt
    from foa.spec.library import get

    vbt()  # the import itself (~2-4 s) is the same for every path: keep it off the clock
    df = load()
    spec = get("sma_crossover")
    if which == "stop":
        spec = spec.model_copy(update={"risk": spec.risk.model_copy(update={"stop_loss": 0.05})})
    t = time.perf_counter()
    foa.backtest(spec, df)
    first = time.perf_counter() - t
    t = time.perf_counter()
    foa.backtest(spec, df)
    print(json.dumps({"case": which, "first": first, "second": time.perf_counter() - t}))


def _sma(x, n):
    return pd.Series(x).rolling(n).mean().to_numpy()


def _bt_constraint(p) -> bool:
    return p.fast < p.slow


def _make_strategy():
    # defined once at module level (below) so backtesting.py's worker processes can pickle it
    from backtesting import Strategy
    from backtesting.lib import crossover

    class SmaCross(Strategy):
        fast = 10
        slow = 50

        def init(self):
            self.a = self.I(_sma, self.data.Close, self.fast)
            self.b = self.I(_sma, self.data.Close, self.slow)

        def next(self):
            if crossover(self.a, self.b):
                self.buy()
            elif crossover(self.b, self.a):
                self.position.close()

    SmaCross.__qualname__ = "SmaCross"
    return SmaCross


SmaCross = _make_strategy()


def run_backtesting(df: pd.DataFrame):
    from backtesting import Backtest

    # a large cash balance so whole-share rounding does not move the ranking
    bt = Backtest(df[["Open", "High", "Low", "Close", "Volume"]], SmaCross, cash=1e10, commission=0.0,
                  finalize_trades=True)
    # backtesting.py draws a progress bar per run on stderr: keep the benchmark's output readable
    with warnings.catch_warnings(), open(os.devnull, "w") as null, contextlib.redirect_stderr(null):
        warnings.simplefilter("ignore")
        stats = bt.optimize(fast=FAST, slow=SLOW, constraint=_bt_constraint, maximize="Return [%]")
    return stats


def big_case(which: str) -> None:
    """Run one large sweep and print JSON with its time and this process's peak RSS."""
    import foa
    from foa.spec.library import get

    df = load()
    foa.backtest(get("sma_crossover"), df)  # warm the JIT caches before measuring
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if which == "10k":
        grid = {"fast.window": list(range(1, 101)), "slow.window": list(range(2, 202, 2))}
        spec, prices = get("sma_crossover"), df
    else:
        rng = np.random.default_rng(7)
        prices = {}
        for k in range(100):
            # 100 synthetic assets: S&P 500 bars times a seeded random walk (bundled data has few symbols)
            walk = np.exp(np.cumsum(rng.normal(0, 0.01, len(df))))
            f = df[["Open", "High", "Low", "Close", "Volume"]].copy()
            for c in ("Open", "High", "Low", "Close"):
                f[c] = f[c] * walk
            prices[f"A{k:03d}"] = f
        spec = get("sma_crossover").model_copy(update={"universe": {"symbols": list(prices)}})
        spec = type(spec).model_validate(spec.model_dump())
        grid = {"fast.window": [5, 10, 15, 20, 25, 30, 35, 40, 45, 50], "slow.window": list(range(60, 260, 20))}
    t = time.perf_counter()
    res = foa.sweep(spec, prices, grid=grid, progress=False)
    dt = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"case": which, "combos": len(res.table), "seconds": dt, "peak_rss_mb": peak / 1024,
                      "rss_before_mb": base_rss / 1024, "indicators": res.indicator_computations}))


def main() -> None:
    quick = "--quick" in sys.argv
    import foa
    from foa.spec.library import get

    df = load()
    print(f"data: ^GSPC {df.index[0]:%Y-%m-%d}..{df.index[-1]:%Y-%m-%d}, {len(df)} bars; grid {len(PAIRS)} combinations")
    run_foa(df)  # warm-up: JIT caches, imports
    run_vectorbt(df)
    run_vectorbt_lean(df)
    # interleaved, best of N each: the machine is shared, so alternate to see the same load
    n_runs = 7
    t_foa, t_vbt, t_lean = float("inf"), float("inf"), float("inf")
    for _ in range(n_runs):
        t, res = best_of(lambda: run_foa(df), repeat=1)
        t_foa = min(t_foa, t)
        t, vbt_ret = best_of(lambda: run_vectorbt(df), repeat=1)
        t_vbt = min(t_vbt, t)
        t, lean_ret = best_of(lambda: run_vectorbt_lean(df), repeat=1)
        t_lean = min(t_lean, t)
    print(f"(a) foa.sweep          {t_foa * 1000:9.1f} ms   best of {n_runs}; engine={res.engine}, "
          f"indicators computed={res.indicator_computations}")
    print(f"(c) plain vectorbt     {t_vbt * 1000:9.1f} ms   best of {n_runs}; pandas in, MA per combination")
    print(f"(c') lean vectorbt     {t_lean * 1000:9.1f} ms   best of {n_runs}; numpy in, each window once")
    if not quick:
        n_bt = 3
        t_bt, bt_stats = best_of(lambda: run_backtesting(df), repeat=n_bt)
        # backtesting.py spreads the grid over a multiprocessing pool (all cores); foa.sweep runs on one
        print(f"(b) backtesting.py     {t_bt * 1000:9.1f} ms   best of {n_bt} (Backtest.optimize, "
              f"{os.cpu_count()} worker processes)")
        print(f"ratio backtesting.py / foa.sweep = {t_bt / t_foa:7.1f}x   (target >= 100x)")
    print(f"ratio plain vectorbt / foa.sweep = {t_vbt / t_foa:7.2f}x   (target >= 1.0x: foa no slower)")
    print(f"ratio lean vectorbt  / foa.sweep = {t_lean / t_foa:7.2f}x")
    # best combination by total return, fills aligned at the next open
    foa_best = [int(x) for x in res.best("total_return", 1)[["fast.window", "slow.window"]].iloc[0].tolist()]
    vbt_best = [int(x) for x in vbt_ret.idxmax()]
    lean_best = [int(x) for x in lean_ret.idxmax()]
    print(f"best (total return): foa {foa_best}  vectorbt {vbt_best}  lean vectorbt {lean_best}  "
          f"agree={foa_best == vbt_best == lean_best}")
    if not quick:
        bt_best = [int(bt_stats._strategy.fast), int(bt_stats._strategy.slow)]
        print(f"best (total return): backtesting.py {bt_best}  agree={bt_best == foa_best}")
    spec = get("sma_crossover")
    t_one, _ = best_of(lambda: foa.backtest(spec, df), repeat=10)
    print(f"warm single foa.backtest(): {t_one * 1000:.1f} ms   (target < 50 ms)")
    if quick:
        return
    env = dict(os.environ)
    cold = {}
    for case in ("plain", "stop"):
        out = subprocess.run([sys.executable, __file__, "--cold", case], capture_output=True, text=True, env=env)
        line = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr.strip()[-400:]
        try:
            cold[case] = json.loads(line)
        except json.JSONDecodeError:
            print(f"cold {case}: failed: {line}")
    for case, d in cold.items():
        label = "with a 5% stop" if case == "stop" else "no stop      "
        print(f"fresh process, first backtest {label}: {d['first'] * 1000:7.0f} ms, second {d['second'] * 1000:5.1f} ms "
              f"-> cold/warm {d['first'] / d['second']:5.0f}x")
    if len(cold) == 2:
        print(f"extra cold cost of the stop path: {(cold['stop']['first'] - cold['plain']['first']) * 1000:+.0f} ms")
    for case in ("10k", "100x100"):
        out = subprocess.run([sys.executable, __file__, "--case", case], capture_output=True, text=True, env=env)
        line = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr.strip()[-400:]
        try:
            d = json.loads(line)
            label = "10,000 combinations x 1 asset" if case == "10k" else "100 combinations x 100 assets"
            print(f"{label}: {d['seconds']:.2f} s, peak RSS {d['peak_rss_mb']:.0f} MB "
                  f"(after warm-up {d['rss_before_mb']:.0f} MB), {d['indicators']} indicators computed")
        except (json.JSONDecodeError, KeyError):
            print(f"{case}: failed: {line}")


if __name__ == "__main__":
    if "--case" in sys.argv:
        big_case(sys.argv[sys.argv.index("--case") + 1])
    elif "--cold" in sys.argv:
        cold_case(sys.argv[sys.argv.index("--cold") + 1])
    else:
        main()
