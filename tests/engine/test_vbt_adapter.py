"""The vectorbt adapter: vectorbt is imported by foa/engine/vectorbt_adapter.py alone, every internal is checked by
parameter name, and the simulations foa compiles with its kernels are vectorbt's own, called by name."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

from foa.engine import vectorbt_adapter as vba
from foa.errors import FoaError

FOA = Path(__file__).resolve().parents[2] / "foa"
ADAPTER = FOA / "engine" / "vectorbt_adapter.py"


def _vectorbt_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            hits += [f"{path.name}:{node.lineno} import {a.name}" for a in node.names if a.name.split(".")[0] == "vectorbt"]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "vectorbt":
            hits.append(f"{path.name}:{node.lineno} from {node.module}")
    return hits


def test_only_the_adapter_imports_vectorbt():
    found = [h for path in sorted(FOA.rglob("*.py")) if path != ADAPTER for h in _vectorbt_imports(path)]
    assert found == []
    assert _vectorbt_imports(ADAPTER)  # the scan sees imports where they are


def test_every_internal_matches_the_installed_vectorbt():
    for name in vba.INTERNALS:
        assert callable(vba.internal(name))


@pytest.mark.parametrize("name, callee, fixed", [
    ("simulate_static_nb", "simulate_from_signals_nb", {"use_stops": False, "auto_call_seq": False, "flex_2d": True}),
    ("simulate_stops_nb", "simulate_from_signal_func_nb", {
        "signal_func_nb": "signal_nb", "adjust_sl_func_nb": "adjust_sl_nb", "adjust_tp_func_nb": "adjust_tp_nb",
        "use_stops": True, "auto_call_seq": False, "flex_2d": True}),
])
def test_specialised_simulations_fix_foas_kernels_and_flags_and_cache_on_foas_file(name, callee, fixed):
    import inspect

    from foa.engine import _nb

    disp = getattr(_nb, name)
    params = inspect.signature(disp.py_func).parameters
    assert tuple(params) == vba.INTERNALS[f"vectorbt.portfolio.nb.{callee}"]  # vectorbt's own parameters
    for p, value in fixed.items():
        want = getattr(_nb, value) if isinstance(value, str) else value
        assert params[p].default is want, p
    assert disp.foa_fixed == tuple(fixed)
    # numba keys the on-disk cache on this file: editing foa's kernels must recompile the simulation
    assert disp.py_func.__code__.co_filename == _nb.__file__ and disp.py_func.__qualname__ == name
    vbt_fn = vba.internal(f"vectorbt.portfolio.nb.{callee}").py_func
    assert disp.py_func.__code__.co_code == vbt_fn.__code__.co_code  # vectorbt's code, unchanged


def test_the_stop_simulation_is_saved_in_numbas_cache_under_foas_file(tmp_path):
    """A fresh process with its own cache directory runs vectorbt's stop simulation (the stops' reference
    and fallback) and a stop backtest: the specialised simulation is saved as foa/engine/_nb.py's, the
    resolved-stops kernel as stops_nb.py's, and a second process loads both instead of compiling them."""
    import json
    import os
    import subprocess
    import sys

    code = (
        "import json, warnings\nimport foa\nfrom foa.engine.warm import _frame\nfrom foa.spec.library import get\n"
        "spec = get('sma_crossover')\n"
        "spec = spec.model_copy(update={'risk': spec.risk.model_copy(update={'stop_loss': 0.05})})\n"
        "warnings.simplefilter('ignore')\nfoa.backtest(spec, _frame(0, 300))\n"
        "from foa.engine.backtest import prepare\nfrom foa.engine.compile import compile_signals\n"
        "from foa.engine.simulate import simulate_signals\n"
        "p = prepare(spec, _frame(0, 300))\nsig, _ = compile_signals(spec, p.data, p.traded)\n"
        "simulate_signals([spec], [sig], p.data, p.traded, p.i0, p.i1, init_cash=p.init_cash, fill=p.fill, "
        "prices=p.price_matrices(), stops='vectorbt')\n"
        "from foa.engine import _nb, stops_nb\n"
        "print(json.dumps([{'hits': sum(d.stats.cache_hits.values()), 'misses': sum(d.stats.cache_misses.values())}"
        " for d in (_nb.simulate_stops_nb, stops_nb.resolve_stops_nb)]))"
    )
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path))
    runs = []
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=1200,
                              cwd=Path(__file__).resolve().parents[2])
        assert proc.returncode == 0, proc.stderr[-2000:]
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    assert runs == [[{"hits": 0, "misses": 1}] * 2, [{"hits": 1, "misses": 0}] * 2]
    assert [p.name.split("-")[0] for p in tmp_path.rglob("*simulate_stops_nb*.nbi")] == ["_nb.simulate_stops_nb"]
    assert [p.name.split("-")[0] for p in tmp_path.rglob("*resolve_stops_nb*.nbi")] == ["stops_nb.resolve_stops_nb"]


def test_specialize_refuses_names_vectorbt_does_not_take_or_cannot_default():
    with pytest.raises(FoaError, match="no parameter signal_fn to fix"):
        vba.specialize("vectorbt.portfolio.nb.simulate_from_signal_func_nb", "x", __name__, __file__, signal_fn=None)
    with pytest.raises(FoaError, match="only parameters with a default.*target_shape"):
        vba.specialize("vectorbt.portfolio.nb.simulate_from_signal_func_nb", "x", __name__, __file__,
                       target_shape=(1, 1))


def test_the_static_specialisation_equals_vectorbts_rust_simulation():
    """foa's numba static simulation (the path without the Rust wheel) and vectorbt's Rust one, one call."""
    from foa.engine import _nb

    rng = np.random.default_rng(3)
    bars, cols = 60, 2
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.02, (bars, cols)), axis=0))
    le = np.zeros((bars, cols), dtype=np.bool_)
    lx = np.zeros((bars, cols), dtype=np.bool_)
    le[[3, 30], 0] = True
    lx[[20, 50], 0] = True
    le[10, 1] = True
    lx[40, 1] = True
    f64 = lambda v: vba.as_flex(v, np.float64)  # noqa: E731
    i64 = lambda v: vba.as_flex(v, np.int64)  # noqa: E731
    b = lambda v: vba.as_flex(v, np.bool_)  # noqa: E731
    off = np.zeros((1, 1), dtype=np.bool_)
    args = dict(
        target_shape=(bars, cols), group_lens=np.ones(cols, dtype=np.int64), init_cash=np.full(cols, 1000.0),
        call_seq=np.zeros((bars, cols), dtype=np.int64), entries=off, exits=off, direction=i64(0),
        long_entries=le, long_exits=lx, short_entries=off, short_exits=off,
        size=f64(1.0), price=f64(close), size_type=i64(2), fees=f64(0.001), fixed_fees=f64(0.0),
        slippage=f64(0.0), min_size=f64(0.0), max_size=f64(np.inf), size_granularity=f64(np.nan),
        reject_prob=f64(0.0), lock_cash=b(False), allow_partial=b(True), raise_reject=b(False), log=b(False),
        accumulate=i64(0), upon_long_conflict=i64(0), upon_short_conflict=i64(0), upon_dir_conflict=i64(0),
        upon_opposite_entry=i64(4), val_price=f64(np.inf), open=f64(np.nan), high=f64(np.nan), low=f64(np.nan),
        close=f64(close), sl_stop=f64(np.nan), sl_trail=b(False), tp_stop=f64(np.nan), stop_entry_price=i64(3),
        stop_exit_price=i64(0), upon_stop_exit=i64(0), upon_stop_update=i64(1), ffill_val_price=True,
        update_value=False, max_orders=bars * cols, max_logs=1, init_temp_records=False,
    )
    numba_rec = vba.call_specialized(_nb.simulate_static_nb, **args)[0]
    assert len(numba_rec) == 6
    if vba.engine_name() == "rust":
        rust_rec = vba.call("vectorbt.portfolio.dispatch.simulate_from_signals", **args, use_stops=False,
                            auto_call_seq=False, flex_2d=True, seed=None, engine="rust")[0]
        for field in ("col", "idx", "size", "price", "fees", "side"):
            np.testing.assert_allclose(numba_rec[field], rust_rec[field], rtol=1e-12, err_msg=field)


def test_specialised_calls_are_by_name_and_complete():
    from foa.engine import _nb

    with pytest.raises(FoaError, match="missing"):
        vba.call_specialized(_nb.simulate_static_nb, target_shape=(1, 1))
    with pytest.raises(FoaError, match=r"not taken here \['flex_2d'\]"):
        vba.call_specialized(_nb.simulate_static_nb, flex_2d=True)


def test_a_renamed_or_reordered_parameter_is_a_foa_error():
    def renamed(target_shape, group_lens, cash, call_seq):  # 'init_cash' renamed upstream
        return None

    def reordered(group_lens, target_shape, init_cash, call_seq):
        return None

    expected = ("target_shape", "group_lens", "init_cash", "call_seq")
    with pytest.raises(FoaError, match="missing init_cash; new cash.*constraints.txt"):
        vba.check_signature(renamed, expected, "vectorbt.x.sim")
    with pytest.raises(FoaError, match="another order"):
        vba.check_signature(reordered, expected, "vectorbt.x.sim")


def test_calls_are_by_name_and_refuse_unknown_names():
    col_map = vba.call("vectorbt.records.nb.col_map_nb", col_arr=np.array([0, 1, 1]), n_cols=2)
    assert [list(a) for a in col_map] == [[0, 1, 2], [1, 2]]
    with pytest.raises(FoaError, match="takes no argument n_columns"):
        vba.call("vectorbt.records.nb.col_map_nb", col_arr=np.array([0]), n_columns=1)
    with pytest.raises(FoaError, match="not a vectorbt internal"):
        vba.internal("vectorbt.portfolio.nb.something_else")


@pytest.mark.skipif(vba.engine_name() != "rust", reason="vectorbt-rust is not installed")
def test_exit_trades_from_rust_on_the_last_bar_equal_numbas_on_every_bar(monkeypatch):
    # the Rust engine gets one row of closes and the open trades' exit index is set after: the same records
    from foa.engine import simulate

    rng = np.random.default_rng(3)
    bars, cols = 250, 6
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, (bars, cols)), axis=0))
    pf = vba.vbt().Portfolio.from_signals(close, rng.random((bars, cols)) < 0.05, rng.random((bars, cols)) < 0.05,
                                          short_entries=rng.random((bars, cols)) < 0.02, fees=0.001)
    rec = pf.order_records
    assert 0 < len(rec) <= simulate.RUST_TRADES_MAX  # a backtest's records: the Rust path
    for px in (close, close[:, :2], close[:, :1]):  # per column, n symbols untiled, one shared close
        rust = simulate._exit_trades(rec, px, cols)
        monkeypatch.setattr(vba, "_ENGINE", "numba")
        numba = simulate._exit_trades(rec, px, cols)
        monkeypatch.setattr(vba, "_ENGINE", "rust")
        assert rust.dtype == numba.dtype and len(rust) == len(numba) > 0
        open_ = rust["status"] == vba.enums().TradeStatus.Open
        assert open_.any() and (rust["exit_idx"][open_] == bars - 1).all()
        for field in rust.dtype.names:
            np.testing.assert_array_equal(rust[field], numba[field], err_msg=field)
