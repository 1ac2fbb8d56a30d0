"""``foa.indicators()``: the indicator table as a DataFrame, one row per indicator a spec may name.

    >>> import foa
    >>> df = foa.indicators()
    >>> df.set_index("name").loc["adx", ["params", "scale", "source"]].tolist()
    [{'timeperiod': 14}, 'range(0,100)', 'talib']

Columns: ``name``, ``params`` (a dict in positional order, with defaults; None = required), ``outputs``,
``inputs``, ``scale``, ``description``, ``source`` ("foa", "talib" or "custom"), then ``windows`` (the
parameters that count bars), ``aliases`` (prose names) and ``group`` (TA-Lib's function group).
Custom indicators registered in this process (``foa.register_indicator``) are the last rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from foa.spec import indicators as table

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "indicators"]

COLUMNS = ("name", "params", "outputs", "inputs", "scale", "description", "source", "windows", "aliases", "group")


def indicators(source: str | None = None) -> "pd.DataFrame":
    """Every indicator (foa's ten, TA-Lib's functions, then custom ones); ``source`` keeps one kind.

    >>> indicators("foa")["name"].tolist()[:3]
    ['sma', 'ema', 'rsi']
    """
    import pandas as pd

    if source not in (None, "foa", "talib", "custom"):
        from foa.errors import SpecError

        raise SpecError(f"source must be 'foa', 'talib', 'custom' or None (all), not {source!r}")
    rows = []
    for rec in (*table.table(), *table.custom()):
        if source is not None and rec.source != source:
            continue
        rows.append({
            "name": rec.name, "params": {p.name: p.default for p in rec.params}, "outputs": rec.outputs,
            "inputs": rec.inputs, "scale": rec.scale, "description": rec.description, "source": rec.source,
            "windows": rec.windows, "aliases": rec.aliases, "group": rec.group,
        })
    return pd.DataFrame(rows, columns=list(COLUMNS))
