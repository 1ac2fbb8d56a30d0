"""Lazy public names (PEP 562): a package lists ``name -> module`` and the module loads on first use, so
``import foa`` stays light (vectorbt, duckdb, ipywidgets load only inside what needs them)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["lazy_getattr"]


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
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        mod = importlib.import_module(module)
        value = mod if module == f"{package}.{name}" else getattr(mod, name)
        namespace[name] = value
        return value

    return __getattr__
