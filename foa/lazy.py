"""Lazy loading: public names (PEP 562), and third-party modules whose import a dependency forces early.

``lazy_getattr``: a package lists ``name -> module`` and the module loads on first use, so ``import foa``
stays light (vectorbt, duckdb, ipywidgets load only inside what needs them). ``defer_module``: a module
another library imports at its own import time but uses only later (vectorbt -> plotly's FigureWidget ->
plotly's renderers -> nbformat -> jsonschema, which builds rfc3987_syntax's grammar) is registered
unexecuted and runs on first attribute access."""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from collections.abc import Callable
from typing import Any

__all__ = ["defer_module", "lazy_getattr"]


def lazy_getattr(package: str, names: dict[str, str], namespace: dict[str, Any]) -> Callable[[str], Any]:
    """A module ``__getattr__`` resolving ``names`` (public name -> defining module) on first access.

    A name whose module is ``<package>.<name>`` resolves to that sub-module itself (``foa.spec``);
    otherwise to the attribute of that name in the module (``foa.backtest`` is a function). The value is
    cached in ``namespace`` so later lookups are plain attribute reads.

    >>> getattr_ = lazy_getattr("foa", {"Workspace": "foa.workspace"}, {})
    >>> getattr_("Workspace").__name__
    'Workspace'
    """

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}{_did_you_mean(package, name, names)}")
        mod = importlib.import_module(module)
        value = mod if module == f"{package}.{name}" else getattr(mod, name)
        namespace[name] = value
        return value

    return __getattr__


def _did_you_mean(package: str, name: str, names: dict[str, str]) -> str:
    """'; did you mean foa.load_document?' for a public name that starts with, or reads like, ``name``.

    >>> _did_you_mean("foa", "load", {"load_document": "m", "load_documents": "m", "sweep": "m"})
    '; did you mean foa.load_document or foa.load_documents?'
    >>> _did_you_mean("foa", "__wrapped__", {"sweep": "m"})
    ''
    """
    import difflib

    if name.startswith("_"):  # probes by inspect, pickle and IPython: no advice
        return ""
    public = sorted(n for n in names if not n.startswith("_"))
    found = [n for n in public if n.lower().startswith(name.lower() + "_")]
    found += [n for n in difflib.get_close_matches(name, public, n=3, cutoff=0.6) if n not in found]
    if not found:
        return ""
    return "; did you mean " + " or ".join(f"{package}.{n}" for n in found[:3]) + "?"


# held while a deferred module runs: another thread touching it waits for the whole module (re-entrant: the
# module's own code, running in the loading thread, reads its package attributes as it imports)
_DEFER_LOCK = threading.RLock()
_LOADING = "__foa_deferred_loading__"
# what the import machinery reads to find an already imported module (``import name`` stays free)
_PASS = frozenset({"__spec__", "__name__", "__dict__", "__class__"})


class _DeferredModule(types.ModuleType):
    """A registered module whose code has not run yet: the first attribute read (other than the import
    machinery's ``__spec__``/``__name__``) runs it in place, and the object becomes a plain module."""

    def __getattribute__(self, attr: str) -> Any:
        if attr in _PASS:
            return types.ModuleType.__getattribute__(self, attr)
        with _DEFER_LOCK:
            if type(self) is _DeferredModule:
                ns = types.ModuleType.__getattribute__(self, "__dict__")
                if not ns.get(_LOADING):
                    ns[_LOADING] = True
                    try:
                        ns["__spec__"].loader.exec_module(self)
                    finally:
                        ns.pop(_LOADING, None)
                    self.__class__ = types.ModuleType
        return types.ModuleType.__getattribute__(self, attr)


def defer_module(name: str) -> bool:
    """Register the top-level module ``name`` in ``sys.modules`` without running it: its code runs on the
    first attribute access (as ``importlib.util.LazyLoader`` does, except that ``import name`` itself,
    which reads ``__spec__``, does not run it).

    Every importer shares that one module object, so nothing changes for them but when the import cost is
    paid: ``import name`` elsewhere returns it and ``name.anything`` runs it. Returns False (and does
    nothing) when the module is already imported, not installed, or has no loader that can be deferred.

    >>> defer_module("foa_no_such_module")
    False
    """
    with _DEFER_LOCK:
        if name in sys.modules or "." in name:
            return False
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            return False
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return False
        module = importlib.util.module_from_spec(spec)
        module.__class__ = _DeferredModule
        sys.modules[name] = module
        return True
