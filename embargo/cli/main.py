"""``embargo`` entry point: argparse subcommands; errors become exit codes, never tracebacks."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

#: One module per command, each with NAME, HELP, register(sub) and run(args) -> int.
COMMAND_MODULES = (
    "embargo.cli.check",
    "embargo.cli.when",
    "embargo.cli.status",
    "embargo.cli.report",
    "embargo.cli.calendar",
    "embargo.cli.policy",
    "embargo.cli.abstracts",
    "embargo.cli.feeds",
    "embargo.cli.daemon",
    "embargo.cli.serve",
    "embargo.cli.state",
)


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"embargo: {message} (see `{self.prog} --help`)\n")


def _chosen(argv: Sequence[str] | None) -> str | None:
    """The command named on the command line: its first word that is not an option (the
    top-level parser has only ``-h`` and ``--version``, which take no value)."""
    for word in sys.argv[1:] if argv is None else argv:
        if word == "--":
            return None
        if not word.startswith("-"):
            return word
    return None


def build_parser(argv: Sequence[str] | None = (), *, every: bool = True
                 ) -> tuple[argparse.ArgumentParser, dict[str, ModuleType]]:
    """The parser, and the command modules by name.

    ``every=False``: only the command chosen in ``argv`` registers its options (and imports
    what they need, e.g. the output formats); every other command is listed by its name and
    help line only, enough for ``embargo --help`` and for argparse's errors.
    """
    from embargo import __version__

    chosen = None if every else _chosen(argv)
    parser = _Parser(
        prog="embargo",
        description="Keep news about conference research inside the conference's embargo "
                    "rules.",
    )
    parser.add_argument("--version", action="version", version=f"embargo {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True,
                                parser_class=_Parser)
    modules: dict[str, ModuleType] = {}
    for name in COMMAND_MODULES:
        mod = importlib.import_module(name)
        if every or chosen == mod.NAME:
            mod.register(sub)
        else:
            sub.add_parser(mod.NAME, help=mod.HELP, add_help=False)
        modules[mod.NAME] = mod
    return parser, modules


def main(argv: Sequence[str] | None = None) -> int:
    from embargo.cli.common import starting_up
    from embargo.errors import InputError

    with starting_up():
        parser, modules = build_parser(argv, every=False)
        args = parser.parse_args(argv)
    try:
        return int(modules[args.command].run(args))
    except InputError as e:
        print(f"embargo: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("embargo: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:
        if os.environ.get("EMBARGO_DEBUG"):
            raise
        print(f"embargo: unexpected error: {type(e).__name__}: {' '.join(str(e).split())} "
              "(set EMBARGO_DEBUG=1 for the traceback, and please report it)", file=sys.stderr)
        return 2
