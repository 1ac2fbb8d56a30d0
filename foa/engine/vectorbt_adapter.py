"""The one adapter between foa and vectorbt: vectorbt is imported here on first use (never at import time),
its engine chosen (Rust when available, else numba), and every internal function foa calls is looked up,
checked by parameter name against the installed vectorbt and called by name.

vectorbt's simulation functions take ~50 arguments. A call by position would put a value into the wrong
slot, silently, the day an upgrade inserts or renames one; here a renamed, missing or reordered parameter
is a FoaError at first use that names it. The simulations foa compiles with its own kernels
(``specialize``: vectorbt's function with some parameters fixed at compile time) are called by keyword
too (``call_specialized``), every argument checked against ``INTERNALS``.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import sys
from collections.abc import Callable
from typing import Any

import numpy as np

from foa.errors import FoaError
from foa.lazy import defer_module
from foa.numba_cache import ensure_numba_cache

__all__ = [
    "INTERNALS", "as_flex", "call", "call_specialized", "check_signature", "engine_name", "enums",
    "internal", "map_enum", "portfolio_defaults", "prepare_numba", "specialize", "vbt",
]

_ENGINE: str | None = None
_NUMBA_READY = False  # numba loaded after its cache directory was set (prepare_numba)

_SIM = (
    "size", "price", "size_type", "fees", "fixed_fees", "slippage", "min_size", "max_size", "size_granularity",
    "reject_prob", "lock_cash", "allow_partial", "raise_reject", "log", "accumulate", "upon_long_conflict",
    "upon_short_conflict", "upon_dir_conflict", "upon_opposite_entry", "val_price", "open", "high", "low", "close",
    "sl_stop", "sl_trail", "tp_stop", "stop_entry_price", "stop_exit_price", "upon_stop_exit", "upon_stop_update",
)
_HEAD = ("target_shape", "group_lens", "init_cash", "call_seq")
_TAIL = ("use_stops", "auto_call_seq", "ffill_val_price", "update_value", "max_orders", "max_logs",
         "init_temp_records", "flex_2d")
_SIGNALS = ("entries", "exits", "direction", "long_entries", "long_exits", "short_entries", "short_exits")

# vectorbt internal -> its parameters foa relies on, in vectorbt's order (the installed function must match)
INTERNALS: dict[str, tuple[str, ...]] = {
    "vectorbt.portfolio.nb.simulate_from_signals_nb": _HEAD + _SIGNALS + _SIM + _TAIL,
    "vectorbt.portfolio.nb.simulate_from_signal_func_nb": (
        _HEAD + ("signal_func_nb", "signal_args") + _SIM
        + ("adjust_sl_func_nb", "adjust_sl_args", "adjust_tp_func_nb", "adjust_tp_args") + _TAIL),
    "vectorbt.portfolio.dispatch.simulate_from_signals": _HEAD + _SIGNALS + _SIM + _TAIL + ("seed", "engine"),
    "vectorbt.portfolio.nb.get_exit_trades_nb": ("order_records", "close", "col_map"),
    "vectorbt.records.nb.col_map_nb": ("col_arr", "n_cols"),
    "vectorbt.portfolio.dispatch.get_exit_trades": ("order_records", "close", "col_map", "engine"),
    "vectorbt.records.dispatch.col_map": ("col_arr", "n_cols", "engine"),
}

_FIX = ("foa is tested with the vectorbt pinned in constraints.txt: reinstall it "
        "(pip install -c constraints.txt -e .) or use a foa release made for this vectorbt.")


# Imported by vectorbt's own import (vectorbt subclasses plotly's FigureWidget, whose module imports
# plotly's renderers, which import nbformat -> jsonschema -> rfc3987_syntax, a grammar built in ~0.8 s) but
# used only to show a figure in a notebook or to write one: left unexecuted until then.
DEFERRED = ("nbformat",)


def prepare_numba() -> None:
    """Before numba or vectorbt loads: point numba's on-disk cache at a writable per-user directory, and
    defer the modules in ``DEFERRED`` (they run on first use, see ``foa.lazy.defer_module``).

    Once numba is loaded it has read the directory, so later calls (every adapter call of a sweep) return
    at once instead of probing the directory with a file write each time.
    """
    global _NUMBA_READY
    if _NUMBA_READY:
        return
    ensure_numba_cache()
    for name in DEFERRED:
        defer_module(name)
    _NUMBA_READY = "numba" in sys.modules  # loaded after a call here: it has read the directory set


def vbt() -> Any:
    """The vectorbt module, with numba's on-disk cache set up first."""
    prepare_numba()
    import vectorbt

    return vectorbt


def engine_name() -> str:
    """'rust' when vectorbt-rust is installed and matches vectorbt's version, else 'numba'."""
    global _ENGINE
    if _ENGINE is None:
        vbt()
        from vectorbt._engine import is_rust_available

        _ENGINE = "rust" if is_rust_available() else "numba"
    return _ENGINE


def check_signature(fn: Callable[..., Any], expected: tuple[str, ...], name: str) -> None:
    """Raise FoaError unless ``fn``'s parameters are exactly ``expected``, in order (numba dispatchers are
    read through their Python function)."""
    have = tuple(inspect.signature(getattr(fn, "py_func", fn)).parameters)
    if have == expected:
        return
    missing = [p for p in expected if p not in have]
    extra = [p for p in have if p not in expected]
    if missing or extra:
        what = (f"missing {', '.join(missing)}" if missing else "") + (
            f"{'; ' if missing else ''}new {', '.join(extra)}" if extra else "")
    else:
        what = "the same names in another order"
    raise FoaError(f"the installed vectorbt changed {name}: {what}. {_FIX}")


@functools.cache
def internal(name: str) -> Callable[..., Any]:
    """The vectorbt internal ``name`` (a key of INTERNALS), its parameters checked once per process."""
    if name not in INTERNALS:
        raise FoaError(f"{name} is not a vectorbt internal foa knows; add it to foa.engine.vectorbt_adapter.INTERNALS")
    prepare_numba()
    module, _, attr = name.rpartition(".")
    try:
        fn = getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError) as err:
        raise FoaError(f"the installed vectorbt has no {name}. {_FIX}") from err
    check_signature(fn, INTERNALS[name], name)
    return fn


def call(name: str, **kwargs: Any) -> Any:
    """Call the vectorbt internal ``name`` with every argument by name (an unknown name is a FoaError)."""
    fn = internal(name)
    unknown = sorted(set(kwargs) - set(INTERNALS[name]))
    if unknown:
        raise FoaError(f"{name} takes no argument {', '.join(unknown)}. {_FIX}")
    return fn(**kwargs)


def specialize(name: str, as_name: str, module: str, source_file: str, **fixed: Any) -> Any:
    """vectorbt's compiled internal ``name`` with the parameters ``fixed`` decided at compile time, as a
    numba dispatcher cached on disk; call it with ``call_specialized``.

    A fixed value becomes the parameter's default, and an omitted argument is typed by its default's value:
    a function (a ``register_jitable`` kernel) is then a compile-time constant, as a global is, so numba can
    cache the result (a function passed as a value is a pointer to a live Python object, which it cannot),
    and vectorbt's function is compiled once, as the entry point, rather than once as the callee of a
    cached wrapper and again inlined into it (a second optimisation and code generation of the whole
    simulation: ~20% of an empty-cache stop backtest).

    The copy runs vectorbt's own code and globals; numba keys its cache on ``source_file`` (foa's module
    holding the fixed kernels: editing them recompiles) and on the function name ``as_name``; the cache
    directory carries the vectorbt and numba versions (``foa.numba_cache``). ``module`` is the module
    that exposes it.

    >>> sim = specialize("vectorbt.portfolio.nb.simulate_from_signal_func_nb", "simulate_stops_nb",
    ...                  "foa.engine._nb", _nb.__file__, signal_func_nb=signal_nb)  # doctest: +SKIP
    """
    import types

    from numba import njit

    fn = internal(name)
    py = getattr(fn, "py_func", fn)
    params = inspect.signature(py).parameters
    unknown = sorted(set(fixed) - set(params))
    if unknown:
        raise FoaError(f"{name} has no parameter {', '.join(unknown)} to fix. {_FIX}")
    names = list(params)
    first = next((i for i, p in enumerate(params.values()) if p.default is not inspect.Parameter.empty), len(names))
    early = [p for p in fixed if names.index(p) < first]
    if early or any(p.kind is not inspect.Parameter.POSITIONAL_OR_KEYWORD for p in params.values()):
        raise FoaError(f"{name}: only parameters with a default can be fixed ({', '.join(early) or 'keyword-only'}). {_FIX}")
    defaults = tuple(fixed.get(p, params[p].default) for p in names[first:])
    code = py.__code__.replace(co_filename=str(source_file), co_name=as_name, co_qualname=as_name)
    copy = types.FunctionType(code, py.__globals__, as_name, defaults, py.__closure__)
    copy.__qualname__ = as_name
    copy.__module__ = module
    copy.__doc__ = f"vectorbt's {name} with {', '.join(fixed)} fixed at compile time (foa.engine.vectorbt_adapter.specialize)."
    dispatcher = njit(cache=True)(copy)
    dispatcher.foa_internal = name
    dispatcher.foa_fixed = tuple(fixed)
    return dispatcher


def call_specialized(fn: Any, **kwargs: Any) -> Any:
    """Call a ``specialize`` result with every argument by name: a name vectorbt's function does not take,
    or one fixed at compile time, is a FoaError (numba would otherwise compile another specialisation)."""
    allowed = [p for p in INTERNALS[fn.foa_internal] if p not in fn.foa_fixed]
    unknown = sorted(set(kwargs) - set(allowed))
    missing = [p for p in allowed if p not in kwargs]
    if unknown or missing:
        raise FoaError(f"{fn.foa_internal} (foa's {fn.py_func.__name__}): arguments missing {missing}, not taken "
                       f"here {unknown} (a foa bug, please report it)")
    return fn(**kwargs)


def enums() -> Any:
    """vectorbt's portfolio enums (SizeType, StopEntryPrice, ...)."""
    prepare_numba()
    from vectorbt.portfolio import enums as e

    return e


def map_enum(value: Any, enum_name: str, *, ignore_type: Any = int) -> Any:
    """``"percent"`` -> SizeType.Percent etc. through vectorbt's own mapping (ints pass through)."""
    prepare_numba()
    from vectorbt.utils.enum_ import map_enum_fields

    return map_enum_fields(value, getattr(enums(), enum_name), ignore_type=ignore_type)


@functools.lru_cache(maxsize=1)
def portfolio_defaults() -> dict[str, Any]:
    """vectorbt's portfolio settings (what ``Portfolio.from_signals`` uses for an argument not given),
    read once per process: a later change to vectorbt's global settings does not alter foa's runs."""
    cfg = vbt().settings.portfolio
    return {name: cfg[name] for name in cfg}


def as_flex(x: Any, dtype: Any) -> np.ndarray:
    """A 2-D C-contiguous array vectorbt indexes flexibly: (1, 1) a scalar, (1, m) per column, (bars, m) full."""
    a = np.asarray(x, dtype=dtype)
    if a.ndim < 2:
        a = a.reshape(1, -1)
    return np.ascontiguousarray(a)
