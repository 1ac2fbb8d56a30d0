"""The one adapter between foa and vectorbt: vectorbt is imported here on first use (never at import time),
its engine chosen (Rust when available, else numba), and every internal function foa calls is looked up,
checked by parameter name against the installed vectorbt and called by name.

vectorbt's simulation functions take ~50 arguments. A call by position would put a value into the wrong
slot, silently, the day an upgrade inserts or renames one; here a renamed, missing or reordered parameter
is a FoaError at first use that names it. foa's compiled wrappers in ``_nb`` (numba cannot call by keyword
through a dispatcher it receives as a global) pass their arguments in the order ``INTERNALS`` records,
and a test reads their source to keep it so.
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
    "INTERNALS", "as_flex", "call", "call_positional", "check_signature", "engine_name", "enums", "internal", "map_enum",
    "portfolio_defaults", "prepare_numba", "vbt",
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


def call_positional(fn: Callable[..., Any], args: dict[str, Any]) -> Any:
    """Call one of foa's compiled wrappers (numba dispatchers take positions) with ``args`` by name.

    The tuple is built from the wrapper's own signature, so a value can never land in another's slot; a
    parameter missing from ``args`` (or a name the wrapper does not take) is a FoaError.
    """
    params = tuple(inspect.signature(getattr(fn, "py_func", fn)).parameters)
    missing = [p for p in params if p not in args]
    unknown = sorted(set(args) - set(params))
    if missing or unknown:
        raise FoaError(f"{getattr(fn, '__name__', fn)}: arguments missing {missing}, unknown {unknown} "
                       "(foa's engine and its compiled wrappers disagree: a foa bug, please report it)")
    return fn(*(args[p] for p in params))


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
