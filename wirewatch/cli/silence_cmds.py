"""`silence add | list | expire`: mute alerts by matchers for a while, in the spirit of Alertmanager's amtool.

A silenced alert is recorded, never dropped: `wirewatch alerts` shows it `silenced by <id> until <end>`.
`silence expire ID` ends a silence early and releases what it held (queued once; the daemon, or the next
`wirewatch once`, posts it). A silence that runs out on its own releases nothing. Bad input — an unknown label,
an invalid regex, an end before its start, a duration without a unit, an unknown or ambiguous id — is one line
on stderr and exit 1, and nothing changes.
"""

from __future__ import annotations

import argparse
import difflib
import getpass
import json
import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from wirewatch.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, load, open_store, with_config

if TYPE_CHECKING:
    from domain.judgements import Matcher, Silence
    from store.base import Store


def known_labels() -> frozenset[str]:
    """Every label an alert can carry: rule, event, source, severity, party, and each event type's fields."""
    from notifier.events import EVENT_TYPES
    from notifier.silences import RESERVED
    from rules.extract import FIELD_NAMES

    names = {*RESERVED, "party"}
    for kind in EVENT_TYPES.values():
        names.update(kind.fields)
    for fields in FIELD_NAMES.values():
        names.update(fields)
    return frozenset(names)


def check_labels(matchers: Sequence[Matcher]) -> None:
    """A label no alert carries matches nothing: a typo, said at once (with a likely meant name)."""
    from notifier.silences import SilenceError

    known = known_labels()
    for m in matchers:
        if m.name not in known:
            close = difflib.get_close_matches(m.name, sorted(known), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "labels: " + ", ".join(sorted(known))
            raise SilenceError(f"matcher {str(m)!r}: no alert has a label {m.name!r}; {hint}")


def default_author() -> str:
    """$USER, else the login name the system knows (getpass), else empty (build_silence then says so)."""
    if user := os.environ.get("USER"):
        return user
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def fail(message: str, code: int = EXIT_USAGE) -> int:
    """One line; exit 2 for what the operator typed (a bad matcher or duration, an unknown id), as every
    command does, and 1 for a request the store's state refuses (a silence that already ran out)."""
    print(f"wirewatch silence: {message}", file=sys.stderr)
    return code


def cmd_add(args: argparse.Namespace) -> int:
    from notifier.silences import SilenceError, build_silence, describe, parse_matchers, parse_span, parse_time, when

    now = time.time()
    try:
        matchers = parse_matchers(args.match or [])
        check_labels(matchers)
        silence = build_silence(
            matchers,
            author=args.author if args.author is not None else default_author(),
            comment=args.comment or "",
            now=now,
            starts_at=parse_time(args.start, now) if args.start else None,
            ends_at=parse_time(args.end, now) if args.end else None,
            duration=parse_span(args.duration) if args.duration else None,
        )
    except SilenceError as exc:
        return fail(str(exc))
    config = load(args)
    with open_store(config) as store:
        store.add_silence(silence)
    print(silence.id)
    span = f"from {when(silence.starts_at)} " if silence.starts_at > now else ""
    print(f"silenced {describe(silence)} {span}until {when(silence.ends_at)}: {silence.comment}", file=sys.stderr)
    return EXIT_OK


def silence_rows(silences: Sequence[Silence], now: float) -> list[dict[str, object]]:
    """`silence list --json`: one object per silence; times are Unix seconds, as in the store."""
    return [
        {
            "id": s.id,
            "state": s.state(now),
            "matchers": [{"name": m.name, "op": m.op, "value": m.value} for m in s.matchers],
            "starts_at": s.starts_at,
            "ends_at": s.ends_at,
            "expired_at": s.expired_at,
            "expired_by": s.expired_by,
            "author": s.author,
            "comment": s.comment,
            "created_at": s.created_at,
            "origin": s.origin,
        }
        for s in silences
    ]


def cmd_list(args: argparse.Namespace) -> int:
    from notifier.silences import describe, when

    config = load(args)
    now = time.time()
    with open_store(config) as store:
        every = store.silences() if (args.expired or args.all) else store.silences(now)
    if args.expired:
        chosen = [s for s in every if s.state(now) == "expired"]
    else:
        chosen = every if args.all else [s for s in every if s.state(now) != "expired"]
    rows = silence_rows(chosen, now)
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return EXIT_OK
    if not rows:
        print("no expired silences" if args.expired else "no silences" if args.all else "no active silences")
        return EXIT_OK
    print(f"{'ID':<16}  {'STATE':<8}  {'ENDS':<20}  {'AUTHOR':<12}  MATCHERS — COMMENT")
    for s in chosen:
        ended = s.ended_at if s.state(now) == "expired" else s.ends_at
        by = f" (expired by {s.expired_by})" if s.expired_at is not None and s.expired_by else ""
        print(f"{s.id:<16}  {s.state(now):<8}  {when(ended):<20}  {s.author[:12]:<12}  {describe(s)} — {s.comment}{by}")
    return EXIT_OK


def find_silence(store: Store, prefix: str) -> Silence:
    """By id or a unique prefix of one."""
    from notifier.silences import SilenceError

    text = prefix.strip()
    if not text:
        raise SilenceError("give a silence id (or the start of one); `wirewatch silence list` shows them")
    exact = store.get_silence(text)
    if exact is not None:
        return exact
    found = [s for s in store.silences() if s.id.startswith(text)]
    if not found:
        raise SilenceError(f"no silence has an id starting with {text!r}; `wirewatch silence list --all` shows them")
    if len(found) > 1:
        some = ", ".join(s.id for s in found[:5])
        raise SilenceError(f"{text!r} is the start of {len(found)} silences ({some}): give more of the id")
    return found[0]


def cmd_expire(args: argparse.Namespace) -> int:
    from notifier.silences import SilenceError, when
    from wirewatch.silence_release import release

    config = load(args)
    author = args.author if args.author is not None else default_author()
    with open_store(config) as store:
        now = time.time()
        try:
            silence = find_silence(store, args.id)
        except SilenceError as exc:
            return fail(str(exc))
        if store.expire_silence(silence.id, author or "?", now):
            done = release(store, now, silence.id)
            line = f"silence {silence.id} expired"
        elif silence.expired_at is not None:  # expired early before: release what it may still hold (a redo)
            done = release(store, now, silence.id)
            line = f"silence {silence.id} was already expired at {when(silence.expired_at)} by {silence.expired_by}"
        else:
            return fail(
                f"silence {silence.id} already ended at {when(silence.ended_at)}; "
                "the alerts it held stay silenced (a silence that runs out releases nothing)",
                EXIT_PROBLEMS,
            )
    alerts = len({a for a, _ in done.released})
    line += f"; {alerts} alert{'s' if alerts != 1 else ''} it held released"
    if done.released:
        line += " (`wirewatch run`, or the next `wirewatch once`, posts them)"
    if done.kept:
        line += f"; {len(done.kept)} still held by other silences"
    print(line)
    return EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    silence = sub.add_parser("silence", help="mute alerts matching labels for a while (add, list, expire)")
    verbs = silence.add_subparsers(dest="verb", required=True)
    p = with_config(verbs.add_parser("add", help="add a silence; prints its id"))
    p.add_argument(
        "--match",
        "-m",
        action="append",
        metavar="MATCHER",
        required=True,
        help='label=value, label!=value, label=~regex (or ~), label!~regex; e.g. licensee=Pfizer, broker~"Goldman.*"',
    )
    p.add_argument("--for", dest="duration", metavar="DURATION", help="how long, e.g. 12h, 7d, 1d12h")
    p.add_argument("--start", metavar="TIME", help="ISO 8601 time it starts (default now)")
    p.add_argument("--end", metavar="TIME", help="ISO 8601 time it ends (instead of --for)")
    p.add_argument("--comment", required=True, help="why (shown in `silence list`)")
    p.add_argument("--author", "-a", help="who (default $USER)")
    p.set_defaults(func=cmd_add)
    p = with_config(verbs.add_parser("list", help="active silences (and those yet to start)"))
    which = p.add_mutually_exclusive_group()
    which.add_argument("--expired", action="store_true", help="only ended ones (expired early or run out)")
    which.add_argument("--all", action="store_true", help="every silence ever made")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_list)
    p = with_config(verbs.add_parser("expire", help="end a silence now and release what it held"))
    p.add_argument("id", help="a silence id or the start of one")
    p.add_argument("--author", "-a", help="who (default $USER)")
    p.set_defaults(func=cmd_expire)
