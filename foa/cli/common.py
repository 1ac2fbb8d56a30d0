"""What every ``foa`` sub-command shares: exit codes, the usage-error parser, the workspace option."""

from __future__ import annotations

import argparse
import sys

__all__ = [
    "EXIT_FOA_ERROR", "EXIT_NO_STRATEGY", "EXIT_OK", "EXIT_UNREADABLE", "EXIT_USAGE", "Parser",
    "add_workspace_option",
]

EXIT_OK = 0
EXIT_FOA_ERROR = 1
EXIT_UNREADABLE = 2
EXIT_NO_STRATEGY = 3
EXIT_USAGE = 64


class Parser(argparse.ArgumentParser):
    """argparse exits 2 on usage errors; foa reserves 2 for unreadable input and uses 64 (EX_USAGE)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"foa: error: {message}\n")
        raise SystemExit(EXIT_USAGE)


def add_workspace_option(parser: argparse.ArgumentParser, help_: str | None = None) -> None:
    """``--workspace PATH`` with the default every command documents."""
    parser.add_argument("--workspace", metavar="PATH",
                        help=help_ or "workspace file (default: $FOA_WORKSPACE or ./foa.duckdb)")
