"""`alerts`: recent alerts and where each went; dead letters and their retry."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING

from domain.formats import utc_stamp
from wirewatch.cli.common import EXIT_OK, UsageError, load, open_store, with_config

if TYPE_CHECKING:
    from domain.alert import Alert
    from domain.delivery import Delivery
    from store.base import Store


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
    "rules",  # every rule that fired, lead first (`rule` is the lead), separated by spaces
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
                "rules": " ".join(dict.fromkeys((a.rule, *a.rules))),
            }
        )
    return rows


def cmd_alerts(args: argparse.Namespace) -> int:
    """Recent alerts and where each went; dead letters (`--failed`) and their retry (`--retry ID|all`)."""
    import csv

    config = load(args)
    with open_store(config) as store:
        if args.retry:
            now = time.time()
            if args.retry == "all":
                count = store.requeue_failed(None, now)
            else:
                dead = store.deliveries_in("failed", 1_000_000)
                ids = {d.alert_id for d in dead if d.alert_id.startswith(args.retry)}
                if not ids:
                    raise UsageError(
                        f"--retry: no dead letter has an alert id starting with `{args.retry}` "
                        f"({len(dead)} dead letters; `wirewatch alerts --failed` lists them)"
                    )
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
    # every rule that fired, lead first: the column is as wide as the longest list (within reason)
    width = min(60, max(24, *(len(r["rules"].replace(" ", ", ")) for r in rows)))
    print(f"{'TIME':<20}  {'ID':<10}  {'RULES':<{width}}  {'EVENT':<14}  {'CHANNEL':<22}  STATE  TITLE")
    for r in rows:
        state = r["status"] + (f" ({r['error']})" if r["error"] else "")
        if r["status"] == "silenced" and r["error"]:  # "silenced by <silence id> until <end>"
            state = r["error"]
        title = ("↳ " if r["thread_of"] else "") + r["title"][:60]
        rules = r["rules"].replace(" ", ", ")
        rules = rules if len(rules) <= width else rules[: width - 1] + "…"
        print(
            f"{r['time']:<20}  {r['alert_id'][:10]:<10}  {rules:<{width}}  {(r['event'] or '-')[:14]:<14}  "
            f"{r['channel'][:22]:<22}  {state}  {title}"
        )
    return EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = with_config(sub.add_parser("alerts", help="recent alerts and their delivery status"))
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--failed", action="store_true", help="only dead-lettered deliveries")
    p.add_argument("--retry", metavar="ID|all", help="queue dead letters again: one alert's (id or prefix) or all")
    p.add_argument("--csv", action="store_true", help="CSV on stdout (every column, full ids)")
    p.set_defaults(func=cmd_alerts)
