"""`wirewatch` command line: run, once, match, validate, sources, alerts."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from collectors.item import Item
from rules.engine import RuleEngine
from rules.loader import BUNDLED_PACKS, RuleLoadError, load_rules
from rules.yaml_source import Problem, load_yaml_file
from store.base import StoreUnavailable
from wirewatch import __version__
from wirewatch.config import Config, ConfigError, find_config, load_config
from wirewatch.logs import setup_logging

log = logging.getLogger("wirewatch")
EXIT_OK, EXIT_PROBLEMS, EXIT_CONFIG, EXIT_STORE = 0, 1, 2, 3


def _load(args: argparse.Namespace) -> Config:
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


def _open_store(config: Config):  # type: ignore[no-untyped-def]
    from store import open_store

    return open_store(config.store, prefix=config.store_prefix)


def cmd_run(args: argparse.Namespace) -> int:
    from wirewatch.daemon import run_daemon

    config = _load(args)
    with _open_store(config) as store:
        asyncio.run(run_daemon(config, store))
    return EXIT_OK


def cmd_once(args: argparse.Namespace) -> int:
    from wirewatch.daemon import run_once

    config = _load(args)
    with _open_store(config) as store:
        reports = asyncio.run(run_once(config, store))
    failed = [r for r in reports if r.outcome == "failed"]
    return EXIT_PROBLEMS if failed else EXIT_OK


def _read_items(stream: TextIO, errors: list[str]) -> Iterator[Item]:
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


def _rule_paths(args: argparse.Namespace) -> list[Path]:
    if args.rules:
        return [Path(p) for p in args.rules]
    path = find_config(args.config)
    if path is not None:
        config, _ = load_config(path)
        return config.rule_paths()
    return [BUNDLED_PACKS]


def cmd_match(args: argparse.Namespace) -> int:
    setup_logging("WARNING")
    engine = RuleEngine(load_rules(_rule_paths(args)).rules)
    errors: list[str] = []
    stream = sys.stdin if args.file in (None, "-") else open(args.file, encoding="utf-8")  # noqa: SIM115
    out = sys.stdout
    try:
        for item in _read_items(stream, errors):
            for m in engine.match(item):
                out.write(
                    json.dumps(
                        {"item": item.id, "rule": m.rule.id, "event": m.rule.event, "fields": m.fields},
                        ensure_ascii=False,
                    )
                    + "\n"
                )
    finally:
        if stream is not sys.stdin:
            stream.close()
    for e in errors:
        print(e, file=sys.stderr)
    return EXIT_PROBLEMS if errors else EXIT_OK


CONFIG_KEYS = frozenset({"store", "sources", "notify", "fetch", "delivery", "log_level", "log_format", "jitter"})


def _is_config_file(path: Path) -> bool:
    """A config has config keys, or a `rules:` list of paths; a rule file has a `rules:` list of mappings."""
    if path.suffix not in (".yaml", ".yml") or not path.is_file():
        return False
    data = load_yaml_file(path).data
    if not isinstance(data, dict):
        return False
    if CONFIG_KEYS & set(data):
        return True
    rules = data.get("rules")
    return isinstance(rules, str) or (
        isinstance(rules, list) and all(isinstance(r, str) for r in rules) and rules != []
    )


def cmd_validate(args: argparse.Namespace) -> int:
    problems: list[Problem | str] = []
    rule_paths: list[Path] = []
    configs: list[Path] = []
    for raw in args.paths:
        p = Path(raw)
        (configs if _is_config_file(p) else rule_paths).append(p)
    if args.config or not args.paths:
        found = find_config(args.config)
        if found is not None:
            configs.append(found)
        elif not args.paths:
            rule_paths.append(BUNDLED_PACKS)
    for cpath in configs:
        try:
            config, warnings = load_config(cpath)
            problems.extend(str(w) + " (warning)" for w in warnings)
            rule_paths.extend(config.rule_paths())
        except ConfigError as exc:
            problems.extend(exc.problems)
    loaded = load_rules(list(dict.fromkeys(rule_paths)), strict=False)
    problems.extend(loaded.problems)
    errors = [p for p in problems if not str(p).endswith("(warning)")]
    for problem in problems:
        print(problem)
    if not errors:
        what = f"{len(loaded.rules)} rules in {len(loaded.files)} files"
        if configs:
            what += ", config " + ", ".join(str(c) for c in configs)
        print(f"OK: {what}")
        return EXIT_OK
    print(f"{len(errors)} problem(s)", file=sys.stderr)
    return EXIT_PROBLEMS


def _when(ts: float | None) -> str:
    if not ts:
        return "-"
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M:%SZ")


def cmd_sources(args: argparse.Namespace) -> int:
    config = _load(args)
    with _open_store(config) as store:
        states = {s.source_id: s for s in store.list_source_states()}
    rows = [("ID", "STATUS", "LAST SUCCESS", "FAILS", "SEEN", "LAST ERROR")]
    for s in config.sources:
        st = states.get(s.id)
        if st is None:
            rows.append((s.id, "never polled" if s.enabled else "disabled", "-", "0", "0", "-"))
            continue
        status = "disabled" if not s.enabled else ("failing" if st.consecutive_failures else "ok")
        rows.append(
            (
                s.id,
                status,
                _when(st.last_success),
                str(st.consecutive_failures),
                str(st.entries_seen),
                st.last_error or "-",
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1])
    return EXIT_OK


def cmd_alerts(args: argparse.Namespace) -> int:
    config = _load(args)
    with _open_store(config) as store:
        alerts = store.recent_alerts(args.limit)
        for a in alerts:
            for d in store.deliveries(a.id):
                if args.failed and d.status != "failed":
                    continue
                err = f"  ({d.last_error})" if d.last_error and d.status != "sent" else ""
                print(
                    f"{_when(a.created_at)}  {a.rule:<28} {a.event or '-':<14} {d.target:<24} {d.status}{err}"
                    f"  {a.item.title[:60]}"
                )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wirewatch", description=__doc__)
    parser.add_argument("--version", action="version", version=f"wirewatch {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_config(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--config", "-c", help="config file (default: $WIREWATCH_CONFIG or ./wirewatch.yaml)")
        return p

    p = with_config(sub.add_parser("run", help="run the daemon"))
    p.add_argument("-v", "--verbose", action="store_true")
    p.set_defaults(func=cmd_run)
    p = with_config(sub.add_parser("once", help="poll every source once, deliver, exit (for cron)"))
    p.add_argument("-v", "--verbose", action="store_true")
    p.set_defaults(func=cmd_once)
    p = with_config(sub.add_parser("match", help="dry run: JSON Lines items in, one JSON line per match out"))
    p.add_argument("--rules", nargs="+", metavar="PATH", help="rule files or folders (default: the config's)")
    p.add_argument("file", nargs="?", help="JSON Lines file, or - for stdin (default)")
    p.set_defaults(func=cmd_match)
    p = with_config(sub.add_parser("validate", help="check rule files and config; file:line:col: message"))
    p.add_argument("paths", nargs="*", help="rule files/folders or config files")
    p.set_defaults(func=cmd_validate)
    p = with_config(sub.add_parser("sources", help="feed health table"))
    p.set_defaults(func=cmd_sources)
    p = with_config(sub.add_parser("alerts", help="recent alerts and their delivery status"))
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--failed", action="store_true", help="only dead-lettered deliveries")
    p.set_defaults(func=cmd_alerts)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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
