"""The ``foa`` command.

    foa --version | doctor | demo | data {list,fetch,import,show} | backtest | sweep | extract | eval | report

Exit status: 0 ok, 1 a FoaError, 2 unreadable input (a DocumentError), 3 no strategy found,
64 usage. Messages go to stderr, never a traceback.

Each room adds its own sub-commands through a ``register(subparsers)`` function in its ``cli`` module,
so this file stays a dispatcher.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from foa.errors import DocumentError, FoaError, NoStrategyFound

__all__ = ["EXIT_FOA_ERROR", "EXIT_NO_STRATEGY", "EXIT_OK", "EXIT_UNREADABLE", "EXIT_USAGE", "main"]

EXIT_OK = 0
EXIT_FOA_ERROR = 1
EXIT_UNREADABLE = 2
EXIT_NO_STRATEGY = 3
EXIT_USAGE = 64

# modules with register(subparsers); a module that does not exist yet is skipped
_ROOMS = (
    "foa.cli_core",
    "foa.data.cli",
    "foa.engine.cli",
    "foa.extract.cli",
    "foa.extract.eval_cli",
    "foa.report_cli",
)


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on usage errors; foa reserves 2 for unreadable input and uses 64 (EX_USAGE)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"foa: error: {message}\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    from foa import __version__

    parser = _Parser(prog="foa", description="front office analytics: documents -> strategies -> backtests")
    parser.add_argument("--version", action="version", version=f"foa {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in _ROOMS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name == name:
                continue
            raise
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
        print(f"foa: no strategy found: {err}", file=sys.stderr)
        return EXIT_NO_STRATEGY
    except DocumentError as err:
        print(f"foa: {err}", file=sys.stderr)
        return EXIT_UNREADABLE
    except FoaError as err:
        print(f"foa: {err}", file=sys.stderr)
        return EXIT_FOA_ERROR
    except KeyboardInterrupt:
        print("foa: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `foa ... | head`
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
