"""The one way to turn an alert into what a target shows: `card_for(alert)` picks the alert's event type
(notifier/events.py) and returns its card — Slack blocks, the plain-text fallback, the console text and, for
prints, the chart. Slack, incoming webhooks and the console all send what this returns, so the same alert
reads the same everywhere. `reply_card` is the short form for a later report in the first one's thread.

`actions=True` (the Slack bot with `notify.interactive` on) adds the readers' buttons through the one hook
`with_reader_actions`; webhooks and the console have no way to receive a press and never ask for them."""

from __future__ import annotations

from dataclasses import replace

from domain.alert import Alert
from domain.kinds import DIGEST, NOTICE
from notifier.blocks import MAX_BLOCKS
from notifier.cards import reply
from notifier.cards.common import Card, Chart
from notifier.events import event_type
from notifier.interactive.blocks import actions_block

__all__ = ["Card", "Chart", "card_for", "reply_card", "takes_actions", "with_reader_actions"]


def card_for(alert: Alert, *, actions: bool = False) -> Card:
    card = event_type(alert).card(alert)
    return with_reader_actions(card, alert) if actions else card


def reply_card(alert: Alert, parent: Alert | None) -> Card:
    return reply.card(alert, parent)


def takes_actions(alert: Alert) -> bool:
    """Every alert's own card carries the buttons; a digest (many alerts in one message) and an operator
    notice (not a signal) do not, nor do later reports in a thread (the first report's card mutes the event)."""
    return alert.kind not in (DIGEST, NOTICE)


def with_reader_actions(card: Card, alert: Alert) -> Card:
    """Issue 12: the card with the readers' buttons (Useful, Not relevant, Mute…, Why?) as its last block,
    within Slack's 50 blocks."""
    if not takes_actions(alert):
        return card
    return replace(card, blocks=[*card.blocks[: MAX_BLOCKS - 1], actions_block(alert)])
