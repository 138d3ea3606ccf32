"""The one way to turn an alert into what a target shows: `card_for(alert)` picks the alert's event type
(notifier/events.py) and returns its card — Slack blocks, the plain-text fallback, the console text and, for
prints, the chart. Slack, incoming webhooks and the console all send what this returns, so the same alert
reads the same everywhere. `reply_card` is the short form for a later report in the first one's thread."""

from __future__ import annotations

from domain.alert import Alert
from notifier.cards import reply
from notifier.cards.common import Card, Chart
from notifier.events import event_type

__all__ = ["Card", "Chart", "card_for", "reply_card"]


def card_for(alert: Alert) -> Card:
    return event_type(alert).card(alert)


def reply_card(alert: Alert, parent: Alert | None) -> Card:
    return reply.card(alert, parent)
