"""Error advice in the shell's words: the library's messages name Python calls, the CLI prints commands.

``foa``'s errors are written for a notebook ("add data with ws.prices.load_bundled()"); printed by the
CLI they would send a shell user to Python. :func:`for_shell` rewrites the known calls into the
matching commands at the one place the CLI prints an error.

    >>> for_shell("See ws.prices.symbols(); add data with ws.prices.load_bundled()")
    'See foa data list; add data with foa data import --bundled'
"""

from __future__ import annotations

import re

__all__ = ["SHELL_FORMS", "for_shell"]

#: (Python form as a regular expression, the command that does the same from a shell)
SHELL_FORMS: tuple[tuple[str, str], ...] = (
    (r"foa\.backtest\(spec, ws, fetch=True\)", "foa data fetch SYMBOL"),
    (r"ws\.prices\.symbols\(\)", "foa data list"),
    (r"ws\.prices\.load_bundled\(\)", "foa data import --bundled"),
    (r"ws\.prices\.fetch\([^)]*\)", "foa data fetch SYMBOL"),
    (r"ws\.prices\.import_file\([^)]*\)", "foa data import FILE --symbol SYMBOL"),
    (r"\bimport_file\(\.\.\.\)", "foa data import FILE --symbol SYMBOL"),
    (r"\bfoa\.sweep\b(?!\()", "foa sweep"),
    (r"\bfoa\.walk_forward\b(?!\()", "foa walk-forward"),
    (r"extract with provider='claude'", "extract with Claude (set ANTHROPIC_API_KEY; --model picks the model)"),
    (r"proxies is on, but foa has no stand-in for (it|them): pass your own map, proxies=\{[^}]*\}",
     r"--proxies has no stand-in for \1 (its stand-ins: foa.engine.prices.PROXIES)"),
    (r" or your own map, proxies=\{[^}]*\}", ""),  # a map of stand-ins is a Python-only option
    (r"\bproxies=True\b", "--proxies"),
)
_COMPILED = tuple((re.compile(p), r) for p, r in SHELL_FORMS)


def for_shell(message: str) -> str:
    """``message`` with the Python calls foa's errors suggest replaced by the matching ``foa`` commands."""
    for pattern, command in _COMPILED:
        message = pattern.sub(command, message)
    return message
