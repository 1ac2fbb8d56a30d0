"""Write ``foa/spec/talib_table.py``: what the installed TA-Lib reports about each of its functions.

The indicator table (``foa.spec.indicators``) must load without TA-Lib, so TA-Lib's own description of
its functions (parameters in positional order with defaults, inputs, outputs, group, display name) is
kept as a generated data module. Run this after upgrading TA-Lib; a test regenerates the text and
compares it with the committed file, so the two cannot drift apart.

    python -m foa.spec.gen_talib_table          # rewrites foa/spec/talib_table.py

    >>> "ROWS = (" in render()  # doctest: +SKIP
    True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["TARGET", "render", "rows", "write"]

TARGET = Path(__file__).with_name("talib_table.py")


def _inputs(input_names: dict[str, Any]) -> tuple[str, ...]:
    out: list[str] = []
    for v in input_names.values():
        out.extend(v if isinstance(v, (list, tuple)) else [v])
    return tuple(out)


def rows() -> list[tuple[Any, ...]]:
    """(name, group, display name, inputs, ((param, default), ...), outputs) per TA-Lib function, by name."""
    import talib
    from talib import abstract

    out = []
    for fn in sorted(talib.get_functions()):
        info = abstract.Function(fn).info
        params = tuple((k, v) for k, v in info["parameters"].items())
        out.append((fn.lower(), info["group"], info["display_name"], _inputs(info["input_names"]), params,
                    tuple(info["output_names"])))
    return out


def render() -> str:
    """The text of ``talib_table.py`` for the installed TA-Lib."""
    import talib

    lines = [
        f'"""TA-Lib {talib.__version__}: every function as TA-Lib reports it (generated; do not edit).',
        "",
        "Written by ``python -m foa.spec.gen_talib_table``. One row per function:",
        "(lowercase name, group, display name, inputs, ((parameter, default), ...) in positional order, outputs).",
        '"""',
        "",
        f"TALIB_VERSION = {talib.__version__!r}",
        "",
        "ROWS = (",
    ]
    lines += [f"    {r!r}," for r in rows()]
    lines += [")", ""]
    return "\n".join(lines)


def write(path: Path = TARGET) -> Path:
    """Regenerate the data module (TA-Lib must be installed)."""
    path.write_text(render(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write())
