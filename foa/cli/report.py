"""``foa report NOTEBOOK [-p name value ...] [--out FILE.html] [--show-code]``.

    foa report notebooks/05_strategy_report.ipynb -p symbol ^IXIC -p fast 20 --out reports/ixic.html

Values are read the way a person types them: ``20`` is an int, ``0.5`` a float, ``true``/``false``/
``none`` the Python constants, ``[10, 20]`` JSON; anything else stays a string.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

__all__ = ["parse_value", "register"]


def parse_value(text: str) -> Any:
    """A command-line parameter value -> int, float, bool, None, JSON list/dict, or the string itself.

    >>> parse_value("20"), parse_value("0.5"), parse_value("true"), parse_value("^GSPC")
    (20, 0.5, True, '^GSPC')
    """
    low = text.strip().lower()
    if low in ("true", "false"):
        return low == "true"
    if low in ("none", "null"):
        return None
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    if text.strip()[:1] in ("[", "{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            pass
    return text


def _run(args: argparse.Namespace) -> int:
    from foa.report import execute_notebook

    params = {name: parse_value(value) for name, value in (args.parameter or [])}
    # the notebook runs in its own folder: a file named on the command line is the shell's, so pass it absolute
    params = {k: str(Path(v).resolve()) if isinstance(v, str) and v and Path(v).is_file() else v for k, v in params.items()}
    out = Path(args.out) if args.out else Path("reports") / f"{Path(args.notebook).stem}.html"
    path = execute_notebook(args.notebook, params, out, show_code=args.show_code)
    print(path.resolve())
    return 0


def register(sub: Any) -> None:
    """Add ``foa report`` to the ``foa`` command."""
    p = sub.add_parser("report", help="execute a notebook with parameters and render one offline HTML file",
                       description="Execute NOTEBOOK (papermill) with parameters and render it to one "
                                   "self-contained HTML file that opens offline.")
    p.add_argument("notebook", metavar="NOTEBOOK", help="an .ipynb file, e.g. notebooks/05_strategy_report.ipynb")
    p.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                   help="override a variable of the cell tagged 'parameters' (repeatable)")
    p.add_argument("--out", metavar="FILE.html", help="where to write the report (default reports/<notebook>.html)")
    p.add_argument("--show-code", action="store_true",
                   help="keep the code cells in the report (by default it shows only text and results)")
    p.set_defaults(func=_run)
