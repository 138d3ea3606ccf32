"""What every command shares: exit codes, finding and loading the config, opening the store, loading rules."""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Iterator, Sequence
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
EXIT_OK, EXIT_PROBLEMS, EXIT_CONFIG, EXIT_STORE = 0, 1, 2, 3


def with_config(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("--config", "-c", help="config file (default: $WIREWATCH_CONFIG or ./wirewatch.yaml)")
    return p


def load(args: argparse.Namespace) -> Config:
    from wirewatch.config import load_config
    from wirewatch.config_file import find_config

    path = find_config(args.config)
    config, warnings = load_config(path)
    setup_logging(config.log_level if not getattr(args, "verbose", False) else "DEBUG", config.log_format)
    for w in warnings:
        log.warning("%s", w)
    if path is None:
        log.warning(
            "no config file (looked for --config, $WIREWATCH_CONFIG, ./wirewatch.yaml); using defaults with no sources"
        )
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
