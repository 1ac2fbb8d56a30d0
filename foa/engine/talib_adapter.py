"""TA-Lib behind the spec: one call per indicator and symbol, by TA-Lib's own names.

A TA-Lib row of the indicator table (``foa.spec.indicators``, ``source="talib"``) is computed here: its
inputs in TA-Lib's order, its parameters by keyword (the defaults filled from the table, ints kept
ints), one symbol (a column of the bars) at a time, outputs named as the table names them ("value" for
TA-Lib's single ``real``/``integer`` output). The values are exactly TA-Lib's: a test compares every
function with a direct call. TA-Lib is imported on first use, never by ``import foa``.

    >>> import numpy as np
    >>> x = np.arange(1.0, 7.0)[:, None]
    >>> compute("midpoint", {"close": x}, {"timeperiod": 3})[:, 0]
    array([nan, nan,  2.,  3.,  4.,  5.])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from foa.errors import SpecError
from foa.spec import indicators as table

__all__ = ["compute", "talib_function"]


def talib_function(name: str) -> Any:
    """TA-Lib's function object for a lowercase name (SpecError when TA-Lib is missing or lacks it)."""
    try:
        import talib
    except ImportError as err:  # pragma: no cover - ta-lib is a pinned dependency
        raise SpecError(f"indicator {name!r} is computed by TA-Lib, which is not installed: "
                        "pip install ta-lib==0.8.2 (see constraints.txt)") from err
    fn = getattr(talib, name.upper(), None)
    if fn is None:
        raise SpecError(f"TA-Lib {talib.__version__} has no function {name.upper()}: foa's table was generated "
                        "from another version; install the pinned ta-lib (constraints.txt)")
    return fn


def _typed(rec: Any, params: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for p in rec.params:
        v = params.get(p.name, p.default)
        out[p.name] = int(v) if isinstance(p.default, int) else float(v)
    return out


def compute(name: str, series: dict[str, np.ndarray], params: dict[str, Any]) -> np.ndarray | dict[str, np.ndarray]:
    """TA-Lib's ``name`` on each column of the 2-D ``series`` (bars x symbols), keyed by the row's inputs.

    Returns one 2-D array for a single-output function, else ``{output: array}`` in TA-Lib's order.
    A column with no valid value stays NaN; TA-Lib's own error (a bad parameter) is a SpecError.
    """
    rec = table.get(name)
    fn = talib_function(name)
    kwargs = _typed(rec, params)
    arrays = [np.asarray(series[i], dtype="float64") for i in rec.inputs]
    n_bars, n_cols = arrays[0].shape
    outs = {o: np.full((n_bars, n_cols), np.nan) for o in rec.outputs}
    for c in range(n_cols):
        cols = [np.ascontiguousarray(a[:, c]) for a in arrays]
        if any(np.isnan(col).all() for col in cols):
            continue  # TA-Lib refuses an all-NaN input: no value, as for any indicator still warming up
        try:
            got = fn(*cols, **kwargs)
        except Exception as err:  # TA-Lib raises plain Exceptions ("TA_BAD_PARAM")
            shown = ", ".join(f"{k}={v}" for k, v in kwargs.items())
            raise SpecError(f"TA-Lib {name.upper()}({shown}) failed: {err}. Check the parameters against "
                            f"foa.indicators() (e.g. most periods must be >= 2)") from err
        got = got if isinstance(got, tuple) else (got,)
        for o, v in zip(rec.outputs, got):
            outs[o][:, c] = v
    if len(rec.outputs) == 1:
        return outs[rec.outputs[0]]
    return outs
