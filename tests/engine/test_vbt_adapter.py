"""The vectorbt adapter: vectorbt is imported by foa/engine/vectorbt_adapter.py alone, every internal is checked by
parameter name, and foa's compiled wrappers pass their arguments in the checked order."""

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


def _positional_call(fn_name: str, callee: str) -> list[str]:
    """The argument names foa's wrapper ``fn_name`` in _nb.py passes to ``callee``, in order."""
    tree = ast.parse((FOA / "engine" / "_nb.py").read_text(encoding="utf-8"))
    fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == fn_name)
    call = next(n for n in ast.walk(fn) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == callee)
    assert not call.keywords
    return [a.id if isinstance(a, ast.Name) else repr(a.value) for a in call.args]


@pytest.mark.parametrize("wrapper, callee, fixed", [
    ("simulate_static_nb", "simulate_from_signals_nb", {"use_stops": "False", "auto_call_seq": "False", "flex_2d": "True"}),
    ("simulate_stops_nb", "simulate_from_signal_func_nb", {
        "signal_func_nb": "signal_nb", "adjust_sl_func_nb": "adjust_sl_nb", "adjust_tp_func_nb": "adjust_tp_nb",
        "use_stops": "True", "auto_call_seq": "False", "flex_2d": "True"}),
])
def test_compiled_wrappers_pass_arguments_in_vectorbts_order(wrapper, callee, fixed):
    passed = _positional_call(wrapper, callee)
    expected = [fixed.get(p, "open_" if p == "open" else p) for p in vba.INTERNALS[f"vectorbt.portfolio.nb.{callee}"]]
    assert passed == expected


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


def test_wrapper_arguments_missing_a_name_are_refused():
    from foa.engine import _nb

    with pytest.raises(FoaError, match="missing"):
        vba.call_positional(_nb.simulate_static_nb, {"target_shape": (1, 1)})
