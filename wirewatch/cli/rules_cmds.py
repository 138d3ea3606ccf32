"""Commands for rule authors: `match` (dry run), `test` (examples in rules), `replay` (backtest), `schema`,
`validate`."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from domain.formats import utc_stamp
from rules.files import BUNDLED_PACKS, RULE_SUFFIXES
from wirewatch.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    cli_duration,
    did_you_mean,
    load,
    load_rules,
    open_store,
    read_items,
    rule_paths,
    with_config,
)
from wirewatch.logs import scrub, setup_logging

if TYPE_CHECKING:
    from rules.yaml_source import Problem


def split_rules_and_file(rules: list[str] | None, file: str | None) -> tuple[list[str] | None, str | None]:
    """`match --rules PATH… FILE`: `--rules` takes every argument after it, so the items file may land in the
    rule list. Rule paths are folders or .yaml/.yml files; the first argument that is neither (a .jsonl file,
    `-` for stdin) is the items file, and nothing may follow it."""
    if not rules or file is not None:
        return rules, file
    for n, arg in enumerate(rules):
        if arg == "-" or not (Path(arg).is_dir() or Path(arg).suffix.lower() in RULE_SUFFIXES):
            if n == 0:
                raise UsageError(f"--rules: `{arg}` is not a rule file (.yaml, .yml) or folder")
            if n != len(rules) - 1:
                raise UsageError(f"one items file, then nothing: `{arg}` is followed by {' '.join(rules[n + 1 :])}")
            return rules[:n], arg
    return rules, None


def check_rule_id(rule_id: str, known: list[str]) -> None:
    if rule_id not in known:
        raise UsageError(f"--rule: unknown rule `{rule_id}`{did_you_mean(rule_id, known)}")


def cmd_match(args: argparse.Namespace) -> int:
    setup_logging("WARNING")
    if args.why_not and not args.rule:
        raise UsageError("--why-not needs --rule ID")
    args.rules, args.file = split_rules_and_file(args.rules, args.file)
    loaded = load_rules(rule_paths(args))
    if args.rule:
        check_rule_id(args.rule, [r.id for r in loaded.rules])
    engine = loaded.ruleset().keyword
    errors: list[str] = []
    stream = sys.stdin if args.file in (None, "-") else open(args.file, encoding="utf-8")  # noqa: SIM115
    out = sys.stdout
    try:
        for item in read_items(stream, errors):
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
    paths = [Path(p) for p in args.paths] if args.paths else rule_paths(args)
    loaded = load_rules(paths)
    report = run_examples(loaded.rules, loaded.lists)
    for line in report.lines:
        print(line)
    print(report.summary())
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def cmd_replay(args: argparse.Namespace) -> int:
    """Backtest: run rules over the items the store archived and report what would have alerted."""
    if args.judged:  # issue 12: the items readers judged, not the archive
        from wirewatch.cli.feedback_cmds import replay_judged

        return replay_judged(args)
    from tqdm import tqdm

    from rules.alerts import alerts_for

    config = load(args)
    since = time.time() - args.since
    engine = load_rules(rule_paths(args)).ruleset().keyword
    with open_store(config) as store:
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
    loaded = load_rules(list(dict.fromkeys(rule_paths)), strict=False)  # keyword and series rules alike
    if rule_paths or not problems:  # a config that did not load names no rules: "no rule files" would be noise
        problems.extend(loaded.problems)
    errors = [p for p in problems if not str(p).endswith("(warning)")]
    for problem in problems:
        print(scrub(str(problem)))
    if not errors:
        what = f"{len(loaded.rules)} rules in {len(loaded.files)} files"
        what += f", {len(loaded.series_rules)} series rules" if loaded.series_rules else ""
        if configs:
            what += ", config " + ", ".join(str(c) for c in configs)
        print(f"OK: {what}")
        return EXIT_OK
    print(f"{len(errors)} problem(s)", file=sys.stderr)
    return EXIT_PROBLEMS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = with_config(sub.add_parser("match", help="dry run: JSON Lines items in, one JSON line per match out"))
    p.add_argument(
        "--rules",
        nargs="+",
        metavar="PATH",
        help="rule files (.yaml, .yml) or folders (default: the config's); an items file may follow them",
    )
    p.add_argument("file", nargs="?", help="JSON Lines file, or - for stdin (default)")
    p.add_argument("--explain", action="store_true", help="add the terms and spans that fired to each match")
    p.add_argument("--rule", metavar="ID", help="only this rule")
    p.add_argument("--why-not", action="store_true", help="with --rule: say for each item which condition failed")
    p.set_defaults(func=cmd_match)
    p = with_config(sub.add_parser("test", help="run the examples written in rules (match / no_match)"))
    p.add_argument("paths", nargs="*", help="rule files or folders (default: the config's rules)")
    p.set_defaults(func=cmd_test)
    p = with_config(sub.add_parser("replay", help="backtest rules on archived items: what would have alerted"))
    p.add_argument(
        "--since", default="30d", type=cli_duration, help="how far back, with a unit: 7d, 30d, 12h (default 30d)"
    )
    p.add_argument("--rules", nargs="+", metavar="PATH", help="rule files or folders (default: the config's)")
    p.add_argument("--json", action="store_true", help="one JSON line per match instead of the summary")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.add_argument("--judged", action="store_true", help="the items readers judged: does each still fire?")
    p.set_defaults(func=cmd_replay)
    p = sub.add_parser("schema", help="print the JSON Schema for rule files (editors use it to autocomplete)")
    p.add_argument("--output", "-o", help="write to this file instead of stdout")
    p.set_defaults(func=cmd_schema)
    p = with_config(sub.add_parser("validate", help="check rule files and config; file:line:col: message"))
    p.add_argument("paths", nargs="*", help="rule files/folders or config files")
    p.set_defaults(func=cmd_validate)
