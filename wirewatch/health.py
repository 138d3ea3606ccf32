"""Feed health for operators: one ops message when a source goes bad, one when it recovers.

A source is *failing* after `alert_after_failures` failed polls in a row, *quiet* when no new entry arrived
for `quiet_factor` times its usual gap between new entries, *disabled* after an HTTP 410. Each condition is
an episode with a stable key (when it started), kept in the source state with the alert sent for it, so a
flapping poll, a crash or a restart never repeats a message. Messages go through the ordinary outbox (an
`Alert` addressed to the ops target), so they are retried and never lost like any other alert.

`assess` and `transition` are pure; `HealthMonitor` does the store I/O.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from domain.alert import Alert, alert_id
from domain.formats import span, utc_stamp
from domain.item import Item
from domain.kinds import NOTICE
from domain.source_state import SourceState
from notifier.base import Notifier
from store.base import Store
from wirewatch.config import Config, SourceConfig

log = logging.getLogger("wirewatch.health")
MIN_GAPS = 3  # new-entry gaps seen before a source's usual cadence is trusted
OVERDUE_AFTER = 300.0  # seconds past a source's next poll (at least; else twice its interval) before `overdue`
RULE = "source-health"
SEVERITY = {"failing": "high", "disabled": "high", "quiet": "medium", "recovered": "info"}


@dataclass(frozen=True, slots=True)
class Verdict:
    status: str  # ok | failing | quiet | disabled
    reason: str = ""
    key: str | None = None  # the episode: stable for as long as the condition lasts


@dataclass(frozen=True, slots=True)
class OpsMessage:
    kind: str  # failing | quiet | disabled | recovered
    title: str
    reason: str
    key: str
    fields: dict[str, str]


def usual_gap(state: SourceState, interval: float) -> float | None:
    if state.gap_mean is None or state.gap_count < MIN_GAPS:
        return None
    return max(state.gap_mean, interval)


def assess(state: SourceState, source: SourceConfig, now: float) -> Verdict:
    """The source's condition now. Fewer failures than the threshold still count as ok: feeds hiccup."""
    if state.disabled:
        return Verdict("disabled", state.disabled, f"disabled:{state.disabled_at}")
    if state.consecutive_failures >= source.alert_after_failures:
        reason = f"{state.consecutive_failures} failed polls in a row: {state.last_error}"
        return Verdict("failing", reason, f"failing:{state.failing_since}")
    gap = usual_gap(state, source.interval)
    if gap is not None and source.quiet_factor > 0 and state.last_new_entry is not None:
        silent = now - state.last_new_entry
        if silent > source.quiet_factor * gap:
            reason = f"no new entry for {span(silent)} (usually one every {span(gap)})"
            return Verdict("quiet", reason, f"quiet:{state.last_new_entry}")
    return Verdict("ok")


def transition(state: SourceState, verdict: Verdict, source_id: str) -> tuple[SourceState, OpsMessage | None]:
    """What to tell ops, if anything, and the state that remembers it was told."""
    if verdict.status == "ok":
        if state.health_alert is None:
            return state, None
        was = state.health_alert
        msg = OpsMessage(
            kind="recovered",
            title=f"Feed {source_id} recovered (was {was})",
            reason=f"{source_id} is healthy again after being {was}",
            key=f"recovered:{state.health_key}",
            fields={"was": was},
        )
        return state.evolve(health_alert=None, health_key=None), msg
    if state.health_alert == verdict.status:
        return state, None
    key = verdict.key or f"{verdict.status}:?"
    fields = {"reason": verdict.reason}
    if verdict.status == "failing":
        fields["failing since"] = utc_stamp(state.failing_since)
        fields["next retry"] = utc_stamp(state.next_poll)
    elif verdict.status == "disabled":
        fields["to poll it again"] = "change its url in the config"
    elif verdict.status == "quiet":
        fields["last new entry"] = utc_stamp(state.last_new_entry)
    msg = OpsMessage(
        kind=verdict.status,
        title=f"Feed {source_id} {verdict.status}: {verdict.reason}",
        reason=verdict.reason,
        key=key,
        fields=fields,
    )
    return state.evolve(health_alert=verdict.status, health_key=key), msg


def ops_alert(source: SourceConfig, msg: OpsMessage, now: float) -> Alert:
    """The message as an outbox record: its id comes from the episode, so re-recording it is a no-op."""
    item_id = f"health:{msg.key}"
    link = source.url if source.url.startswith(("http://", "https://")) else ""
    item = Item(id=item_id, source=source.id, title=msg.title, summary="", link=link)
    return Alert(
        id=alert_id(source.id, item_id, "ops"),
        rule=RULE,
        item=item,
        event=f"source_{msg.kind}",
        severity=SEVERITY[msg.kind],
        description="feed health",
        fields=dict(msg.fields),
        created_at=now,
        rules=(RULE,),
        kind=NOTICE,
    )


def ops_notice(
    title: str, key: str, now: float, *, summary: str = "", fields: Mapping[str, str] | None = None
) -> Alert:
    """An operator notice about Wirewatch itself (rules rejected, the store, unconfirmed posts) as an outbox
    record; its id comes from `key`, so recording it again is a no-op: one notice per key, fleet-wide."""
    item = Item(id=f"notice:{key}", source="wirewatch", title=title, summary=summary or title)
    return Alert(
        id=alert_id("wirewatch", item.id, "ops"),
        rule="wirewatch-ops",
        item=item,
        severity="high",
        description="operator notice",
        fields=dict(fields or {}),
        created_at=now,
        kind=NOTICE,
    )


def source_status(source: SourceConfig, state: SourceState | None, now: float) -> str:
    """A source's one-word status for `wirewatch sources`. `overdue`: its next poll is long past and nothing
    was saved since — no daemon is running, or it cannot write its store."""
    if not source.enabled:
        return "off"
    if state is None:
        return "never polled"
    if state.disabled:
        return "disabled"
    if state.consecutive_failures:
        return "failing"
    if state.next_poll is not None and now - state.next_poll > max(2 * source.interval, OVERDUE_AFTER):
        return "overdue"
    return "quiet" if assess(state, source, now).status == "quiet" else "ok"


def ops_targets(config: Config, notifiers: Mapping[str, Notifier]) -> list[str]:
    """`notify.ops_channel` on Slack (else the alerts channel); the console when there is no Slack."""
    if "slack" in notifiers:
        return [f"slack:{config.notify.ops_channel or config.notify.slack.channel}"]
    if "console" in notifiers:
        return ["console"]
    return []


class HealthMonitor:
    def __init__(self, store: Store, targets: Sequence[str]):
        self.store = store
        self.targets = list(targets)

    @staticmethod
    def changed(source: SourceConfig, state: SourceState, now: float) -> bool:
        """Cheap and pure: is there anything to tell? (Lets the caller skip a worker thread otherwise.)"""
        return transition(state, assess(state, source, now), source.id)[1] is not None

    def review(self, source: SourceConfig, state: SourceState, now: float) -> OpsMessage | None:
        """After a poll: record an ops message if the source's condition changed, then remember it."""
        if not self.changed(source, state, now):
            return None
        new_state, msg = transition(state, assess(state, source, now), source.id)
        if msg is None:
            return None
        if msg.kind == "recovered":
            log.info("ops: %s", msg.title)
        else:
            log.warning("ops: %s", msg.title)
        if self.targets:
            self.store.add_alert(ops_alert(source, msg, now), self.targets)
        self.store.save_source_state(new_state)
        return msg
