"""Custom indicators: a researcher's own function, usable by name in specs, sweeps and describe().

    >>> import numpy as np, foa
    >>> def midrange(high, low, window=10):
    ...     h = np.array([np.nan] * (window - 1) + [high[i - window + 1:i + 1].max() for i in range(window - 1, len(high))])
    ...     l = np.array([np.nan] * (window - 1) + [low[i - window + 1:i + 1].min() for i in range(window - 1, len(low))])
    ...     return (h + l) / 2
    >>> foa.register_indicator("midrange", midrange, params={"window": 10}, inputs=("high", "low"), scale="price")
    >>> print(foa.rule("close > midrange(20)"))
    close > midrange(20)
    >>> foa.unregister_indicator("midrange")

The function is called once per symbol with 1-D float arrays (the ``inputs`` in order, or the rule's
``input=`` series for a one-input indicator) and the parameters by keyword; it returns one array of the
same length (one output) or a tuple/dict of arrays (several ``outputs``). Registration lasts for this
process. A spec naming a custom indicator that is not registered is a SpecError saying so; the
extractors never produce custom names (they read only foa's and TA-Lib's table), and nothing a document
says is ever executed: only functions registered in code run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from foa.errors import SpecError
from foa.spec import indicators as table

__all__ = ["adopt", "compute", "register_indicator", "registrations", "unregister_indicator"]

_FUNCS: dict[str, Callable[..., Any]] = {}


def _is_window(name: str) -> bool:
    return name == "window" or "period" in name or name.endswith("window")


def register_indicator(
    name: str,
    fn: Callable[..., Any],
    *,
    params: Mapping[str, float | int | None] | None = None,
    outputs: Sequence[str] = ("value",),
    inputs: Sequence[str] = ("close",),
    windows: Sequence[str] | None = None,
    scale: str = "unbounded",
    description: str = "",
) -> None:
    """Make ``fn`` the indicator ``name`` in this process (registering a name again replaces it).

    ``params``: name -> default (None = required), in positional order (``adx``-style rule forms take
    them positionally); ``windows``: those that count bars (default: ``window`` and names with "period");
    ``inputs``: price fields from open/high/low/close/volume; ``scale``: one of the table's scales
    (``"price"``, ``"range(0,100)"``, ``"unbounded"``...), read by the spec checks.
    """
    if not isinstance(name, str) or not name.isidentifier() or name != name.lower():
        raise SpecError(f"a custom indicator name is a lowercase identifier such as 'my_osc', not {name!r}")
    if not callable(fn):
        raise SpecError(f"register_indicator({name!r}, fn): fn must be a function taking price arrays, got {type(fn).__name__}")
    params = dict(params or {})
    outputs, inputs = tuple(outputs), tuple(inputs)
    bad = [f for f in inputs if f not in table.FIELDS]
    if not inputs or bad:
        raise SpecError(f"custom indicator {name!r}: inputs must be price fields from {', '.join(table.FIELDS)}, got {list(inputs)}")
    if not outputs or len(set(outputs)) != len(outputs) or not all(isinstance(o, str) and o.isidentifier() for o in outputs):
        raise SpecError(f"custom indicator {name!r}: outputs must be distinct names such as ('value',) or ('upper', 'lower')")
    if scale not in table.SCALES and table.scale_range(scale) is None:
        raise SpecError(f"custom indicator {name!r}: scale must be one of {', '.join(table.SCALES)} or 'range(lo,hi)', not {scale!r}")
    for k, v in params.items():
        if not k.isidentifier() or not (v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))):
            raise SpecError(f"custom indicator {name!r}: params maps names to numeric defaults (None = required), got {k}={v!r}")
    wins = tuple(windows) if windows is not None else tuple(k for k in params if _is_window(k))
    unknown = set(wins) - set(params)
    if unknown:
        raise SpecError(f"custom indicator {name!r}: windows {sorted(unknown)} are not among its params {list(params)}")
    single = len(inputs) == 1
    rec = table.Indicator(
        name, tuple(table.Param(k, v, window=k in wins) for k, v in params.items()), outputs, inputs, scale,
        description or f"Custom indicator {name} ({getattr(fn, '__name__', 'function')}).",
        source="custom", follows_input=single and scale == "price", takes_input=single,
        default_input=inputs[0] if single else None, prose_name=False,
    )
    table.register(rec)  # SpecError when the name is foa's or TA-Lib's
    _FUNCS[name] = fn


def unregister_indicator(name: str) -> None:
    """Forget a custom indicator registered in this process."""
    _FUNCS.pop(name, None)
    table.unregister(name)


def registrations() -> tuple[tuple[table.Indicator, Callable[..., Any]], ...]:
    """The custom indicators registered in this process, each with its function: what another process (a
    Dask worker) needs to run specs that name them (see :func:`adopt`)."""
    return tuple((rec, _FUNCS[rec.name]) for rec in table.custom() if rec.name in _FUNCS)


def adopt(regs: Sequence[tuple[table.Indicator, Callable[..., Any]]]) -> None:
    """Register in this process the custom indicators another process registered (``registrations()``)."""
    for rec, fn in regs:
        if _FUNCS.get(rec.name) is not fn or table.get(rec.name) != rec:
            table.register(rec)
            _FUNCS[rec.name] = fn


def compute(name: str, series: dict[str, np.ndarray], params: dict[str, Any]) -> np.ndarray | dict[str, np.ndarray]:
    """The registered function on each column of the 2-D ``series`` (bars x symbols), keyed by its inputs."""
    fn = _FUNCS.get(name)
    rec = table.get(name)
    if fn is None:
        raise SpecError(f"custom indicator {name!r} is not registered in this process: call "
                        f"foa.register_indicator({name!r}, fn, ...) before backtesting the spec")
    kwargs = {p.name: params.get(p.name, p.default) for p in rec.params}
    arrays = [np.asarray(series[i], dtype="float64") for i in rec.inputs]
    n_bars, n_cols = arrays[0].shape
    outs = {o: np.full((n_bars, n_cols), np.nan) for o in rec.outputs}
    for c in range(n_cols):
        try:
            got = fn(*[a[:, c].copy() for a in arrays], **kwargs)
        except Exception as err:
            raise SpecError(f"custom indicator {name!r} raised {type(err).__name__}: {err}") from err
        if isinstance(got, dict):
            got = tuple(got[o] for o in rec.outputs) if set(rec.outputs) <= set(got) else None
        elif not isinstance(got, tuple):
            got = (got,)
        if got is None or len(got) != len(rec.outputs):
            raise SpecError(f"custom indicator {name!r} must return {len(rec.outputs)} array(s) "
                            f"({', '.join(rec.outputs)}), one value per bar")
        for o, v in zip(rec.outputs, got):
            v = np.asarray(v, dtype="float64").reshape(-1)
            if len(v) != n_bars:
                raise SpecError(f"custom indicator {name!r} returned {len(v)} values for {n_bars} bars: "
                                "return one value per bar (NaN while warming up)")
            outs[o][:, c] = v
    if len(rec.outputs) == 1:
        return outs[rec.outputs[0]]
    return outs
