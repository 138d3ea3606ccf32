"""What an action changes, worked out before anything is written. Pure.

Ids come from the action's idempotency key, so the same press delivered twice (a Socket Mode redelivery,
a reconnect, an HTTP retry, two replicas) plans the same silence and verdict ids and the store keeps one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from domain.alert import Alert
from domain.judgements import Silence, Verdict
from notifier.interactive.actions import (
    MUTE_SPANS,
    Action,
    MuteEntity,
    MuteRule,
    NotRelevant,
    OpenLink,
    Undo,
    Useful,
    Why,
)
from notifier.mute_targets import MuteTarget, mute_target, rule_target
from notifier.silences import build_silence


@dataclass(frozen=True, slots=True)
class Effects:
    silence: Silence | None = None  # to add
    verdict: Verdict | None = None  # to add
    expire: str | None = None  # silence id to end early
    summary: str = ""  # what it does, in a line a card or a log can show

    @property
    def empty(self) -> bool:
        return self.silence is None and self.verdict is None and self.expire is None


def derived_id(key: str, kind: str, length: int) -> str:
    return hashlib.sha256(f"{kind}\x1f{key}".encode()).hexdigest()[:length]


def span_text(span: str) -> str:
    return span.replace("d", " d") if span.endswith("d") else span


def verdict_for(
    action: Action, alert: Alert, verdict: str, now: float, *, reason: str = "", silence_id: str | None = None
) -> Verdict:
    """The reader's verdict with a snapshot of what they judged."""
    return Verdict(
        id=derived_id(action.key, "verdict", 32),
        alert_id=alert.id,
        verdict=verdict,
        user_id=action.actor.user_id,
        user_name=action.actor.name,
        at=now,
        reason=reason,
        rule=alert.rule,
        event=alert.event,
        fields=dict(alert.fields),
        source=alert.item.source,
        item_id=alert.item.id,
        title=alert.item.title,
        summary=alert.item.summary,
        link=alert.item.link,
        published=alert.item.published,
        channel=action.where.channel_id,
        message_ts=action.where.message_ts,
        silence_id=silence_id,
    )


def _mute(action: Action, alert: Alert, target: MuteTarget, span: str, now: float) -> Effects:
    silence = build_silence(
        target.matchers,
        author=action.actor.name,
        author_id=action.actor.user_id,
        comment=f"Muted {target.title} from Slack (alert {alert.id})",
        now=now,
        duration=MUTE_SPANS[span],
        origin=alert.id,
        silence_id=derived_id(action.key, "silence", 16),
    )
    verdict = verdict_for(action, alert, "muted", now, silence_id=silence.id)
    return Effects(silence=silence, verdict=verdict, summary=f"Muted {target.title} for {span_text(span)}")


def plan(action: Action, alert: Alert, now: float) -> Effects:
    """The writes an action makes. Raises `SilenceError` when the alert offers nothing to mute as asked."""
    intent = action.intent
    if isinstance(intent, MuteEntity):
        return _mute(action, alert, mute_target(alert, intent.choice), intent.span, now)
    if isinstance(intent, MuteRule):
        return _mute(action, alert, rule_target(alert), intent.span, now)
    if isinstance(intent, NotRelevant):
        verdict = verdict_for(action, alert, "not_relevant", now, reason=intent.reason)
        return Effects(verdict=verdict, summary="Marked not relevant" + (f": {intent.reason}" if intent.reason else ""))
    if isinstance(intent, Useful):
        return Effects(verdict=verdict_for(action, alert, "useful", now), summary="Marked useful")
    if isinstance(intent, Undo):
        verdict = verdict_for(action, alert, "withdrawn", now, silence_id=intent.silence_id)
        summary = "Unmuted" if intent.silence_id else "Feedback withdrawn"
        return Effects(verdict=verdict, expire=intent.silence_id, summary=summary)
    if isinstance(intent, Why):
        return Effects(summary="Why this alert fired")
    assert isinstance(intent, OpenLink)
    return Effects()
