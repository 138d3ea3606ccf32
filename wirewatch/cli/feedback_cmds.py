"""`feedback export | stats`: readers' verdicts as labelled corpus lines and as the precision readers see;
and `replay --judged` (registered by `replay`): how rules treat the items readers judged."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from wirewatch.cli.common import EXIT_OK, EXIT_PROBLEMS, load, load_rules, open_store, rule_paths, with_config


class SinceError(ValueError):
    pass


def parse_since(text: str) -> float:
    """`30d`, `12h`, `2w`: how far back. A bare number is refused (seconds or days?)."""
    from domain.durations import parse_duration

    raw = text.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", raw):
        raise SinceError(f"--since {text!r} has no unit: write {raw}d, {raw}h or {raw}m")
    try:
        seconds = parse_duration(raw)
    except ValueError:
        raise SinceError(f"--since {text!r}: expected a form like 30d, 12h or 2w") from None
    if seconds <= 0:
        raise SinceError(f"--since {text!r} must be longer than zero")
    return seconds


def window(args: argparse.Namespace, command: str) -> float | None:
    """The start of the period, or None after saying what is wrong."""
    try:
        return time.time() - parse_since(args.since)
    except SinceError as exc:
        print(f"wirewatch {command}: {exc}", file=sys.stderr)
        return None


def cmd_export(args: argparse.Namespace) -> int:
    from notifier.feedback import corpus_rows, to_jsonl

    since = window(args, "feedback export")
    if since is None:
        return EXIT_PROBLEMS
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
    from notifier.feedback import format_stats, stats

    since = window(args, "feedback stats")
    if since is None:
        return EXIT_PROBLEMS
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
        print(f"no feedback since {args.since} ago")
        return EXIT_OK
    sys.stdout.write(format_stats(tallies, args.by))
    return EXIT_OK


def replay_judged(args: argparse.Namespace) -> int:
    """`wirewatch replay --judged`: the rules (the config's, or `--rules PATH`) on the items readers judged."""
    from domain.formats import utc_stamp
    from wirewatch.feedback_replay import rerun, summary

    since = window(args, "replay --judged")
    if since is None:
        return EXIT_PROBLEMS
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
    p.add_argument("--since", default="30d", help="verdicts given this recently (default 30d)")
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--disputed", action="store_true", help="include alerts readers disagree on (latest verdict kept)")
    p.set_defaults(func=cmd_export)
    p = with_config(verbs.add_parser("stats", help="useful / not relevant per rule or event type: reader precision"))
    p.add_argument("--since", default="30d", help="verdicts given this recently (default 30d)")
    p.add_argument("--by", choices=("rule", "event"), default="rule")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_stats)
