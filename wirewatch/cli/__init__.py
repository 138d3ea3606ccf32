"""`wirewatch` command line: run, once, match, test, replay, schema, validate, sources, alerts, silence, feedback.

One module per group of commands (each registers its own subcommands). Each command imports what it uses when
it runs, so `wirewatch --help` and `wirewatch match` start without the daemon's parts (scheduler, HTTP client,
store backends, pandas, matplotlib).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from wirewatch import __version__
from wirewatch.cli import alerts_cmd, daemon_cmds, feedback_cmds, rules_cmds, silence_cmds, sources_cmd
from wirewatch.cli.common import EXIT_CONFIG, EXIT_STORE

COMMAND_MODULES = (daemon_cmds, rules_cmds, sources_cmd, alerts_cmd, silence_cmds, feedback_cmds)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wirewatch", description=__doc__)
    parser.add_argument("--version", action="version", version=f"wirewatch {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from rules.yaml_source import RuleLoadError
    from store.base import StoreUnavailable
    from wirewatch.config import ConfigError

    try:
        return int(args.func(args))
    except ConfigError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        return EXIT_CONFIG
    except RuleLoadError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        return EXIT_CONFIG
    except StoreUnavailable as exc:
        print(f"store unavailable: {exc}", file=sys.stderr)
        return EXIT_STORE
    except KeyboardInterrupt:
        return 130
