"""`wirewatch` command line: run, once, match, test, replay, schema, validate, sources, alerts, silence, feedback.

One module per group of commands (each registers its own subcommands). Each command imports what it uses when
it runs, so `wirewatch --help` and `wirewatch match` start without the daemon's parts (scheduler, HTTP client,
store backends, pandas, matplotlib). Exit codes are one table (`cli/common.py: EXIT_CODES`, printed in the
operator's guide); every error a user can cause is one line on stderr, secrets scrubbed, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from wirewatch import __version__
from wirewatch.cli import alerts_cmd, daemon_cmds, feedback_cmds, rules_cmds, silence_cmds, sources_cmd
from wirewatch.cli.common import (
    EXIT_BUSY,
    EXIT_CONFIG,
    EXIT_INTERRUPTED,
    EXIT_PROBLEMS,
    EXIT_STORE,
    EXIT_USAGE,
    UsageError,
)
from wirewatch.logs import scrub

COMMAND_MODULES = (daemon_cmds, rules_cmds, sources_cmd, alerts_cmd, silence_cmds, feedback_cmds)


class Parser(argparse.ArgumentParser):
    """argparse, with a usage error in one line (which command, what is wrong, where to look) and exit 2."""

    def error(self, message: str) -> NoReturn:
        say(f"{self.prog}: {message} (see `{self.prog} --help`)")
        sys.exit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="wirewatch", description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", action="version", version=f"wirewatch {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def say(text: str) -> None:
    """One line (or a few, for several problems) on stderr, secrets scrubbed."""
    print(scrub(text), file=sys.stderr)


def _quiet_closed_pipe() -> int:
    """The reader went away (`wirewatch … | head`): stop quietly. Anything still buffered for stdout goes to
    /dev/null, so the interpreter's last flush cannot raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 0


def _store_busy() -> type[BaseException] | None:
    """The store's exception for 'another process holds the lock', when the store defines one."""
    import store.base

    busy = getattr(store.base, "StoreBusy", None)
    return busy if isinstance(busy, type) and issubclass(busy, BaseException) else None


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return run(args)
    except BrokenPipeError:
        return _quiet_closed_pipe()
    except KeyboardInterrupt:
        say("interrupted")
        return EXIT_INTERRUPTED


def run(args: argparse.Namespace) -> int:
    """Run the chosen command; every exception a user can cause becomes one scrubbed line and its exit code."""
    import sqlite3

    from rules.yaml_source import RuleLoadError
    from store.base import StoreUnavailable
    from wirewatch.config import ConfigError

    busy = _store_busy()
    try:
        return int(args.func(args))
    except (BrokenPipeError, KeyboardInterrupt):
        raise
    except UsageError as exc:
        say(f"{command_name(args)}: {exc}")
        return EXIT_USAGE
    except (ConfigError, RuleLoadError) as exc:
        for p in exc.problems:
            say(str(p))
        return EXIT_CONFIG
    except Exception as exc:
        if busy is not None and isinstance(exc, busy):
            say(f"store busy: {exc}")
            return EXIT_BUSY
        if isinstance(exc, StoreUnavailable | sqlite3.DatabaseError) or _is_redis_error(exc):
            say(f"store unavailable: {exc}")
            return EXIT_STORE
        if isinstance(exc, OSError) and exc.filename is not None:
            say(f"{command_name(args)}: cannot use {exc.filename}: {exc.strerror or exc}")
            return EXIT_USAGE
        return _internal_error(exc)


def command_name(args: argparse.Namespace) -> str:
    """`wirewatch sources add`: the words the user typed to pick the command."""
    words = ["wirewatch", args.command]
    if getattr(args, "action", None):
        words.append(args.action)
    return " ".join(words)


def _is_redis_error(exc: BaseException) -> bool:
    errors = sys.modules.get("redis.exceptions")  # only when Redis was in use: no import for the check
    return errors is not None and isinstance(exc, errors.RedisError)


def _internal_error(exc: BaseException) -> int:
    """A bug, not a user's mistake: still one line by default, the (scrubbed) traceback on request."""
    if os.environ.get("WIREWATCH_DEBUG"):
        import traceback

        say("".join(traceback.format_exception(exc)).rstrip())
    say(
        f"wirewatch: unexpected error: {type(exc).__name__}: {exc} "
        "(a bug: set WIREWATCH_DEBUG=1 to see where, and please report it)"
    )
    return EXIT_PROBLEMS
