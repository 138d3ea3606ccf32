"""What every command shares: exit codes, user errors, durations, finding and loading the config, opening the
store, loading rules."""

from __future__ import annotations

import argparse
import difflib
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from domain.item import Item
from rules.files import BUNDLED_PACKS
from wirewatch.logs import setup_logging

if TYPE_CHECKING:
    from rules.ruleset import LoadedRuleSet
    from store.base import Store
    from wirewatch.config import Config

log = logging.getLogger("wirewatch")

# The exit codes, one table for every command (docs/operators-guide.md prints it; tests/test_cli_exits.py
# checks each row against a real run).
EXIT_OK = 0  # done, nothing wrong
EXIT_PROBLEMS = 1  # the command ran and found problems: a source failed, examples failed, …
EXIT_USAGE = 2  # bad flag or argument, unknown id, bad duration, invalid config or rules, no config
EXIT_CONFIG = EXIT_USAGE
EXIT_STORE = 3  # the store cannot be reached or read
EXIT_BUSY = 4  # another `wirewatch once`/`run` holds the SQLite store's lock
EXIT_INTERRUPTED = 130  # Ctrl-C (SIGINT) before the command finished

EXIT_CODES: tuple[tuple[int, str], ...] = (
    (EXIT_OK, "ok"),
    (
        EXIT_PROBLEMS,
        "problems found: a source failed in `once`, examples failed in `test`, problems in `validate`, "
        "items that could not be read in `match`, a feed `sources add` could not read, outlines `sources import` "
        "could not take",
    ),
    (
        EXIT_USAGE,
        "usage, config or rule error: a bad flag or argument, an unknown id, a duration without a unit, an invalid "
        "config or rule file, no config file where one is needed",
    ),
    (EXIT_STORE, "store unavailable: Redis unreachable, the SQLite file unreadable"),
    (EXIT_BUSY, "store busy: another `wirewatch once` or `run` holds the SQLite store's lock"),
    (EXIT_INTERRUPTED, "interrupted (Ctrl-C) before the command finished"),
)


class UsageError(Exception):
    """A mistake in what the user asked for: one line on stderr, exit 2."""


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`; did you mean `x`?` for the closest known names, else a short list of what there is."""
    choices = sorted(set(known))
    close = difflib.get_close_matches(name, choices, n=3, cutoff=0.5)
    if close:
        names = [f"`{c}`" for c in close]
        return "; did you mean " + (", ".join(names[:-1]) + " or " if len(names) > 1 else "") + names[-1] + "?"
    if not choices:
        return " (there are none)"
    shown = ", ".join(f"`{c}`" for c in choices[:8])
    return f"; known: {shown}" + (f" and {len(choices) - 8} more" if len(choices) > 8 else "")


DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def cli_duration(text: str) -> float:
    """Seconds from a duration given on the command line. A unit is required (`30` could be seconds or days),
    so a bare number is refused with the forms that would work."""
    import re

    value = text.strip().lower()
    parts = re.findall(r"(\d+(?:\.\d+)?)([a-z]+)", value)
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        n = value
        raise argparse.ArgumentTypeError(f"`{text}` has no unit: write {n}s, {n}m, {n}h or {n}d")
    if not parts or "".join(a + b for a, b in parts) != value:
        raise argparse.ArgumentTypeError(f"`{text}` is not a duration: write e.g. 90s, 30m, 12h, 7d, 2w or 1h30m")
    for _, unit in parts:
        if unit not in DURATION_UNITS:
            raise argparse.ArgumentTypeError(f"`{text}`: unknown unit `{unit}`; use s, m, h, d or w (a year is 365d)")
    return sum(float(n) * DURATION_UNITS[u] for n, u in parts)


def with_config(p: argparse.ArgumentParser, *, suppress: bool = False) -> argparse.ArgumentParser:
    """`--config FILE`. `suppress` for a sub-subcommand, so its absent flag does not erase the parent's."""
    p.add_argument(
        "--config",
        "-c",
        default=argparse.SUPPRESS if suppress else None,
        help="config file (default: $WIREWATCH_CONFIG or ./wirewatch.yaml)",
    )
    return p


def no_config_message() -> str:
    return (
        "no config file: looked for --config, $WIREWATCH_CONFIG, ./wirewatch.yaml and ./wirewatch.yml; "
        "run this in the folder that holds wirewatch.yaml, or pass --config FILE"
    )


def config_path(args: argparse.Namespace) -> Path:
    """The config file this command must use; a UsageError (exit 2, nothing created) when there is none."""
    from wirewatch.config_file import find_config

    path = find_config(getattr(args, "config", None))
    if path is None:
        raise UsageError(no_config_message())
    return path


def load(args: argparse.Namespace) -> Config:
    """The validated config of a command that needs one (the store, the sources): none found is an error."""
    from wirewatch.config import load_config

    path = config_path(args)
    config, warnings = load_config(path)
    setup_logging(config.log_level if not getattr(args, "verbose", False) else "DEBUG", config.log_format)
    for w in warnings:
        log.warning("%s", w)
    return config


def open_store(config: Config) -> Store:
    from store.factory import open_store

    return open_store(config.store, prefix=config.store_prefix)


def read_items(stream: TextIO, errors: list[str]) -> Iterator[Item]:
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict):
                raise ValueError("expected a JSON object")
            yield Item.from_dict(data)
        except (ValueError, TypeError) as exc:
            errors.append(f"{getattr(stream, 'name', '<stdin>')}:{n}: {exc}")


def rule_paths(args: argparse.Namespace) -> list[Path]:
    if getattr(args, "rules", None):
        return [Path(p) for p in args.rules]
    from wirewatch.config_file import find_config

    path = find_config(args.config)
    if path is not None:
        from wirewatch.config import load_config

        config, _ = load_config(path)
        return config.rule_paths()
    return [BUNDLED_PACKS]


def load_rules(paths: Sequence[Path], strict: bool = True) -> LoadedRuleSet:
    """The one rule loader the daemon uses too: keyword and series rules, every problem reported."""
    from rules.ruleset import load_ruleset

    return load_ruleset(paths, strict=strict)
