"""The ``foa`` command.

    foa --version | doctor | demo | data {list,fetch,import,show} | backtest | sweep | extract | eval | report

Exit status: 0 ok, 1 a FoaError, 2 unreadable input (a DocumentError), 3 no strategy found,
64 usage. Messages go to stderr, never a traceback.

One module per command group in this package (``doctor`` holds doctor and demo, ``data``, ``backtest``
holds backtest and sweep, ``extract``, ``evaluate`` (foa eval), ``report``), each with a ``register(subparsers)``
function; shared options and exit codes live in ``foa.cli.common``, so this file stays a dispatcher.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from foa.cli import backtest, data, doctor, evaluate, extract, report
from foa.cli.advice import for_shell
from foa.cli.common import (
    EXIT_FOA_ERROR,
    EXIT_NO_STRATEGY,
    EXIT_OK,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    Parser,
)
from foa.errors import DocumentError, FoaError, NoStrategyFound

__all__ = ["EXIT_FOA_ERROR", "EXIT_NO_STRATEGY", "EXIT_OK", "EXIT_UNREADABLE", "EXIT_USAGE", "main"]

# the order of `foa --help`
_COMMANDS = (doctor, data, backtest, extract, evaluate, report)


def build_parser() -> argparse.ArgumentParser:
    from foa._version import __version__

    parser = Parser(prog="foa", description="front office analytics: documents -> strategies -> backtests")
    parser.add_argument("--version", action="version", version=f"foa {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in _COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args) or 0)
    except NoStrategyFound as err:
        print(f"foa: no strategy found: {for_shell(str(err))}", file=sys.stderr)
        return EXIT_NO_STRATEGY
    except DocumentError as err:
        print(f"foa: {for_shell(str(err))}", file=sys.stderr)
        return EXIT_UNREADABLE
    except FoaError as err:
        print(f"foa: {for_shell(str(err))}", file=sys.stderr)
        return EXIT_FOA_ERROR
    except KeyboardInterrupt:
        print("foa: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `foa ... | head`
        return EXIT_OK

