"""The digest record: one alert that stands for a channel's held alerts of one period. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from domain.alert import Alert, alert_id
from domain.delivery import Delivery
from domain.item import Item
from notifier.events import event_type
from notifier.routing import window_start

DIGEST_RULE = "digest"


def digest_id(target: str, slot: float) -> str:
    """One digest per target per period slot: building it twice (a crash, two workers) finds the same id."""
    return alert_id("wirewatch", f"digest:{target}", str(int(slot)))


def _headline(alert: Alert) -> str:
    """The alert's one-line sentence (its card's headline); its title if that cannot be worked out."""
    try:
        return event_type(alert).summary(alert)
    except Exception:  # an odd stored record must not stop the digest
        return alert.item.title or alert.item.id


def make_digest(
    target: str,
    members: Sequence[tuple[Alert, Delivery]],
    now: float,
    period: float,
    more: int = 0,
) -> Alert:
    slot = window_start(now, period)
    oldest = min((d.updated_at for _, d in members), default=now)
    channel = target.partition(":")[2] or target
    items = [
        {
            "id": a.id,
            "title": a.item.title or a.item.link or a.item.id,
            "headline": _headline(a),
            "link": a.item.link,
            "source": a.item.source,
            "rule": a.rule,
            "event": a.event,
            "severity": a.severity,
            "reason": d.last_error,
            "thread_of": a.thread_of,
        }
        for a, d in members
    ]
    return Alert(
        id=digest_id(target, slot),
        rule=DIGEST_RULE,
        item=Item(id=f"digest:{target}:{int(slot)}", source="wirewatch", title=f"Digest: {len(items)} alerts"),
        event="digest",
        severity="info",
        description="alerts held for the periodic digest",
        fields={
            "channel": channel,
            "period_start": window_start(oldest, period),
            "period_end": slot,
            "items": items,
            "more": more,
        },
        created_at=now,
        rules=(DIGEST_RULE,),
    )
