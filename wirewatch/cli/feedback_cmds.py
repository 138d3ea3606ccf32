"""`feedback export | stats`: readers' verdicts as labelled corpus lines and as the precision readers see;
and `replay --judged` (registered by `replay`): how rules treat the items readers judged."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from wirewatch.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    cli_duration,
    load,
    load_rules,
    open_store,
    rule_paths,
    with_config,
)


def window(args: argparse.Namespace) -> float:
    """The start of the period: `--since` is parsed by `cli_duration` (a unit required, else exit 2)."""
    return time.time() - float(args.since)


def cmd_export(args: argparse.Namespace) -> int:
    from notifier.feedback import corpus_rows, to_jsonl

    since = window(args)
    config = load(args)
    with open_store(config) as store:
        verdicts = store.verdicts(since)
    rows = corpus_rows(verdicts, latest_wins=args.disputed)
    text = to_jsonl(rows)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"wirewatch feedback export: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
            return EXIT_PROBLEMS
    else:
        sys.stdout.write(text)
    labels = [r["label"] for r in rows]
    events = sum(label != "none" for label in labels)
    where = f" to {args.output}" if args.output else ""
    print(
        f"{len(rows)} corpus lines{where} ({events} events, {len(rows) - events} none) from {len(verdicts)} verdicts",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from domain.formats import utc_stamp
    from notifier.feedback import format_stats, stats

    since = window(args)
    config = load(args)
    with open_store(config) as store:
        verdicts = store.verdicts(since)
    tallies = stats(verdicts, by=args.by, since=since)
    if args.json:
        for t in tallies:
            row = {args.by: t.key, "useful": t.useful, "not_relevant": t.not_relevant}
            row.update({"disputed": t.disputed, "muted": t.muted, "precision": t.precision})
            print(json.dumps(row, ensure_ascii=False))
        return EXIT_OK
    if not tallies:
        print(f"no feedback since {utc_stamp(since)}")
        return EXIT_OK
    sys.stdout.write(format_stats(tallies, args.by))
    return EXIT_OK


def replay_judged(args: argparse.Namespace) -> int:
    """`wirewatch replay --judged`: the rules (the config's, or `--rules PATH`) on the items readers judged."""
    from domain.formats import utc_stamp
    from wirewatch.feedback_replay import rerun, summary

    since = window(args)
    config = load(args)
    engine = load_rules(rule_paths(args)).ruleset().keyword
    with open_store(config) as store:
        verdicts = store.verdicts(since)
    reruns = rerun(verdicts, engine)
    if args.json:
        for r in reruns:
            print(json.dumps(r.to_dict(), ensure_ascii=False))
        return EXIT_OK
    which = " ".join(args.rules) if args.rules else "the config's rules"
    print(f"{len(reruns)} alerts judged by readers since {utc_stamp(since)}, against {which}:")
    for line in summary(reruns):
        print(line)
    return EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    feedback = sub.add_parser("feedback", help="readers' verdicts: export as corpus lines, precision per rule")
    verbs = feedback.add_subparsers(dest="verb", required=True)
    p = with_config(verbs.add_parser("export", help="labelled JSON Lines in the real-news corpus format"))
    p.add_argument(
        "--since", default="30d", type=cli_duration, help="verdicts given this recently: 7d, 12h (default 30d)"
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--disputed", action="store_true", help="include alerts readers disagree on (latest verdict kept)")
    p.set_defaults(func=cmd_export)
    p = with_config(verbs.add_parser("stats", help="useful / not relevant per rule or event type: reader precision"))
    p.add_argument(
        "--since", default="30d", type=cli_duration, help="verdicts given this recently: 7d, 12h (default 30d)"
    )
    p.add_argument("--by", choices=("rule", "event"), default="rule")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_stats)
