"""`wirewatch` command line: run, once, match, test, replay, schema, validate, sources, alerts.

Each command imports what it uses when it runs, so `wirewatch --help` and `wirewatch match` start without the
daemon's parts (scheduler, HTTP client, store backends, pandas, matplotlib, MinHash).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from domain.formats import utc_stamp
from domain.item import Item
from rules.files import BUNDLED_PACKS
from wirewatch import __version__
from wirewatch.logs import setup_logging

if TYPE_CHECKING:
    from domain.alert import Alert
    from domain.delivery import Delivery
    from domain.source_state import SourceState
    from rules.ruleset import LoadedRuleSet
    from rules.yaml_source import Problem
    from store.base import Store
    from wirewatch.config import Config, SourceConfig

log = logging.getLogger("wirewatch")
EXIT_OK, EXIT_PROBLEMS, EXIT_CONFIG, EXIT_STORE = 0, 1, 2, 3


def _load(args: argparse.Namespace) -> Config:
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


def _open_store(config: Config) -> Store:
    from store.factory import open_store

    return open_store(config.store, prefix=config.store_prefix)


def cmd_run(args: argparse.Namespace) -> int:
    import asyncio

    from wirewatch.daemon import run_daemon

    config = _load(args)
    with _open_store(config) as store:
        asyncio.run(run_daemon(config, store))
    return EXIT_OK


def cmd_once(args: argparse.Namespace) -> int:
    import asyncio

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
    if getattr(args, "rules", None):
        return [Path(p) for p in args.rules]
    from wirewatch.config_file import find_config

    path = find_config(args.config)
    if path is not None:
        from wirewatch.config import load_config

        config, _ = load_config(path)
        return config.rule_paths()
    return [BUNDLED_PACKS]


def _load_rules(paths: Sequence[Path], strict: bool = True) -> LoadedRuleSet:
    """The one rule loader the daemon uses too: keyword and series rules, every problem reported."""
    from rules.ruleset import load_ruleset

    return load_ruleset(paths, strict=strict)


def cmd_match(args: argparse.Namespace) -> int:
    setup_logging("WARNING")
    engine = _load_rules(_rule_paths(args)).ruleset().keyword
    errors: list[str] = []
    stream = sys.stdin if args.file in (None, "-") else open(args.file, encoding="utf-8")  # noqa: SIM115
    out = sys.stdout
    if args.why_not and not args.rule:
        print("--why-not needs --rule ID", file=sys.stderr)
        return EXIT_CONFIG
    try:
        for item in _read_items(stream, errors):
            if args.why_not:
                reason = engine.why_not(item, args.rule)
                row = {"item": item.id, "rule": args.rule, "fired": reason is None, "why_not": reason}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                continue
            for m in engine.match(item, explain=args.explain):
                if args.rule and m.rule.id != args.rule:
                    continue
                row = {"item": item.id, "rule": m.rule.id, "event": m.rule.event, "fields": m.fields}
                if args.explain:
                    row["explain"] = {
                        "terms": list(m.terms),
                        "spans": [
                            {"term": s.term, "in": s.field, "start": s.start, "end": s.end, "text": s.text}
                            for s in m.spans
                        ],
                    }
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if stream is not sys.stdin:
            stream.close()
    for e in errors:
        print(e, file=sys.stderr)
    return EXIT_PROBLEMS if errors else EXIT_OK


def cmd_test(args: argparse.Namespace) -> int:
    from rules.examples import run_examples

    setup_logging("WARNING")
    paths = [Path(p) for p in args.paths] if args.paths else _rule_paths(args)
    loaded = _load_rules(paths)
    report = run_examples(loaded.rules, loaded.lists)
    for line in report.lines:
        print(line)
    print(report.summary())
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def cmd_replay(args: argparse.Namespace) -> int:
    """Backtest: run rules over the items the store archived and report what would have alerted."""
    from tqdm import tqdm

    from rules.alerts import alerts_for
    from rules.durations import parse_duration

    config = _load(args)
    since = time.time() - parse_duration(args.since)
    engine = _load_rules(_rule_paths(args)).ruleset().keyword
    with _open_store(config) as store:
        items = store.archived_items(since)
    per_rule: dict[str, list[str]] = {}
    alerts = 0
    for item in tqdm(items, desc="replay", unit="item", file=sys.stderr, disable=args.quiet or None):
        matches = engine.match(item)
        if args.json:
            for m in matches:
                row = {
                    "item": item.id,
                    "rule": m.rule.id,
                    "event": m.rule.event,
                    "fields": m.fields,
                    "source": item.source,
                }
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        for alert in alerts_for(item, matches, 0.0):
            alerts += 1
            per_rule.setdefault(alert.rule, []).append(item.title)
    if not args.json:
        print(f"{len(items)} archived items since {utc_stamp(since)}: {alerts} alerts would have been raised")
        for rule_id, titles in sorted(per_rule.items(), key=lambda kv: -len(kv[1])):
            print(f"  {rule_id:<32} {len(titles):>5}   e.g. {titles[0][:70]}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from rules.schema import rule_schema_json

    text = rule_schema_json()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


CONFIG_KEYS = frozenset({"store", "sources", "notify", "fetch", "delivery", "log_level", "log_format", "jitter"})


def _is_config_file(path: Path) -> bool:
    """A config has config keys, or a `rules:` list of paths; a rule file has a `rules:` list of mappings."""
    from rules.yaml_source import load_yaml_file

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
    from wirewatch.config import ConfigError, find_config, load_config

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
    loaded = _load_rules(list(dict.fromkeys(rule_paths)), strict=False)  # keyword and series rules alike
    problems.extend(loaded.problems)
    errors = [p for p in problems if not str(p).endswith("(warning)")]
    for problem in problems:
        print(problem)
    if not errors:
        what = f"{len(loaded.rules)} rules in {len(loaded.files)} files"
        what += f", {len(loaded.series_rules)} series rules" if loaded.series_rules else ""
        if configs:
            what += ", config " + ", ".join(str(c) for c in configs)
        print(f"OK: {what}")
        return EXIT_OK
    print(f"{len(errors)} problem(s)", file=sys.stderr)
    return EXIT_PROBLEMS


def source_row(source: SourceConfig, st: SourceState | None, now: float) -> tuple[str, ...]:
    """One line of `wirewatch sources`: what an operator needs to see why a feed is quiet."""
    from domain.formats import span
    from wirewatch.health import assess

    if st is None:
        return (source.id, "never polled" if source.enabled else "off", "-", "0", "-", "0", "-", "-")
    if not source.enabled:
        status = "off"
    elif st.disabled:
        status = "disabled"
    elif st.consecutive_failures:
        status = "failing"
    else:
        status = "quiet" if assess(st, source, now).status == "quiet" else "ok"
    if st.disabled:
        error = f"{utc_stamp(st.disabled_at)}  {st.disabled}"
    elif st.last_error:
        error = f"{utc_stamp(st.last_error_at)}  {st.last_error}"
    elif st.last_error_at:
        error = f"{utc_stamp(st.last_error_at)}  (recovered)"
    else:
        error = "-"
    if st.adopted_url:
        error += f"  [moved to {st.adopted_url}]"
    if st.disabled or not source.enabled or st.next_poll is None:
        next_poll = "-"
    else:
        next_poll = f"{utc_stamp(st.next_poll)} (in {span(st.next_poll - now)})" if st.next_poll > now else "due"
    return (
        source.id,
        status,
        utc_stamp(st.last_success),
        str(st.consecutive_failures),
        next_poll,
        str(st.entries_seen),
        utc_stamp(st.last_new_entry),
        error,
    )


def cmd_sources(args: argparse.Namespace) -> int:
    config = _load(args)
    with _open_store(config) as store:
        states = {s.source_id: s for s in store.list_source_states()}
    now = time.time()
    header = ("ID", "STATUS", "LAST SUCCESS", "FAILS", "NEXT POLL", "SEEN", "LAST NEW ENTRY", "LAST ERROR")
    rows = [header] + [source_row(s, states.get(s.id), now) for s in config.sources]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1])
    return EXIT_OK


ALERT_COLUMNS = (
    "time",
    "alert_id",
    "rule",
    "event",
    "severity",
    "channel",
    "status",
    "attempts",
    "ref",
    "error",
    "thread_of",
    "source",
    "title",
    "link",
)


def _alert_rows(store: Store, limit: int, failed_only: bool) -> list[dict[str, str]]:
    """One row per alert and target, newest first; dead letters only with `failed_only`."""
    if failed_only:
        found = [(store.get_alert(d.alert_id), d) for d in reversed(store.deliveries_in("failed", limit))]
        pairs: list[tuple[Alert, Delivery | None]] = [(a, d) for a, d in found if a is not None]
    else:
        pairs = []
        for a in store.recent_alerts(limit):
            targets: list[Delivery | None] = list(store.deliveries(a.id)) or [None]
            pairs.extend((a, d) for d in targets)
    rows = []
    for a, d in pairs:
        rows.append(
            {
                "time": utc_stamp(a.created_at),
                "alert_id": a.id,
                "rule": a.rule,
                "event": a.event or "",
                "severity": a.severity,
                "channel": d.target if d else "",
                "status": d.status if d else "no target",
                "attempts": str(d.attempts) if d else "0",
                "ref": (d.ref or "") if d else "",
                "error": (d.last_error or "") if d and d.status != "sent" else "",
                "thread_of": a.thread_of or "",
                "source": a.item.source,
                "title": a.item.title,
                "link": a.item.link,
            }
        )
    return rows


def cmd_alerts(args: argparse.Namespace) -> int:
    """Recent alerts and where each went; dead letters (`--failed`) and their retry (`--retry ID|all`)."""
    import csv

    config = _load(args)
    with _open_store(config) as store:
        if args.retry:
            now = time.time()
            if args.retry == "all":
                count = store.requeue_failed(None, now)
            else:
                dead = store.deliveries_in("failed", 1_000_000)
                ids = {d.alert_id for d in dead if d.alert_id.startswith(args.retry)}
                if not ids:
                    print(f"no dead letter has an alert id starting with {args.retry!r}", file=sys.stderr)
                    return EXIT_PROBLEMS
                count = sum(store.requeue_failed(i, now) for i in sorted(ids))
            print(f"{count} deliveries queued again; `wirewatch run` (or the next `wirewatch once`) sends them")
            return EXIT_OK
        rows = _alert_rows(store, args.limit, args.failed)
    if args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=ALERT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return EXIT_OK
    if not rows:
        print("no dead letters" if args.failed else "no alerts yet")
        return EXIT_OK
    print(f"{'TIME':<20}  {'ID':<10}  {'RULE':<24}  {'EVENT':<14}  {'CHANNEL':<22}  STATE  TITLE")
    for r in rows:
        state = r["status"] + (f" ({r['error']})" if r["error"] else "")
        title = ("↳ " if r["thread_of"] else "") + r["title"][:60]
        print(
            f"{r['time']:<20}  {r['alert_id'][:10]:<10}  {r['rule'][:24]:<24}  {(r['event'] or '-')[:14]:<14}  "
            f"{r['channel'][:22]:<22}  {state}  {title}"
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
    p.add_argument("--explain", action="store_true", help="add the terms and spans that fired to each match")
    p.add_argument("--rule", metavar="ID", help="only this rule")
    p.add_argument("--why-not", action="store_true", help="with --rule: say for each item which condition failed")
    p.set_defaults(func=cmd_match)
    p = with_config(sub.add_parser("test", help="run the examples written in rules (match / no_match)"))
    p.add_argument("paths", nargs="*", help="rule files or folders (default: the config's rules)")
    p.set_defaults(func=cmd_test)
    p = with_config(sub.add_parser("replay", help="backtest rules on archived items: what would have alerted"))
    p.add_argument("--since", default="30d", help="how far back, e.g. 7d, 30d, 12h (default 30d)")
    p.add_argument("--rules", nargs="+", metavar="PATH", help="rule files or folders (default: the config's)")
    p.add_argument("--json", action="store_true", help="one JSON line per match instead of the summary")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_replay)
    p = sub.add_parser("schema", help="print the JSON Schema for rule files (editors use it to autocomplete)")
    p.add_argument("--output", "-o", help="write to this file instead of stdout")
    p.set_defaults(func=cmd_schema)
    p = with_config(sub.add_parser("validate", help="check rule files and config; file:line:col: message"))
    p.add_argument("paths", nargs="*", help="rule files/folders or config files")
    p.set_defaults(func=cmd_validate)
    p = with_config(sub.add_parser("sources", help="feed health table"))
    p.set_defaults(func=cmd_sources)
    p = with_config(sub.add_parser("alerts", help="recent alerts and their delivery status"))
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--failed", action="store_true", help="only dead-lettered deliveries")
    p.add_argument("--retry", metavar="ID|all", help="queue dead letters again: one alert's (id or prefix) or all")
    p.add_argument("--csv", action="store_true", help="CSV on stdout (every column, full ids)")
    p.set_defaults(func=cmd_alerts)
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
