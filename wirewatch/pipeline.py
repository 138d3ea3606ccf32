"""One poll of one source, end to end: fetch → parse → decide → match → record alerts → mark seen.

Order matters for "never lost, never twice": alerts are recorded (idempotently, by deterministic id) before
entries are marked seen, and the source state is saved last. A crash anywhere re-does the poll next time;
re-recording an alert is a no-op.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass

from collectors.feed_parse import parse_feed
from collectors.http_fetch import Fetcher, FetchResult
from collectors.item import Item
from collectors.update import UpdatePlan, initial_state, plan_failure, plan_not_modified, plan_update
from notifier.base import Notifier
from rules.engine import Match, RuleEngine
from rules.model import SEVERITY_ORDER
from store.base import Store, StoreUnavailable
from store.records import Alert, SourceState, alert_id
from wirewatch.config import SourceConfig

log = logging.getLogger("wirewatch.poll")


@dataclass(frozen=True, slots=True)
class PollReport:
    source: str
    outcome: str
    new: int = 0
    alerts: int = 0
    message: str | None = None


def alerts_for(item: Item, matches: list[Match], now: float) -> list[Alert]:
    """One alert per item and event type: several rules flagging the same deal make one card, led by the
    most severe rule. Keyword rules without an event each make their own alert."""
    groups: dict[str, list[Match]] = {}
    for m in matches:
        groups.setdefault(m.rule.event or f"rule:{m.rule.id}", []).append(m)
    out = []
    for key, group in groups.items():
        lead = max(group, key=lambda m: SEVERITY_ORDER[m.rule.severity])
        fields: dict[str, object] = {}
        for m in group:
            fields.update({k: v for k, v in m.fields.items() if k not in fields})
        out.append(
            Alert(
                id=alert_id(item.source, item.id, key),
                rule=lead.rule.id,
                item=item,
                event=lead.rule.event,
                severity=lead.rule.severity,
                description=lead.rule.description,
                matched=tuple(dict.fromkeys(t for m in group for t in m.terms)),
                fields=fields,
                created_at=now,
                rules=tuple(m.rule.id for m in group),
            )
        )
    return out


class Pipeline:
    def __init__(self, store: Store, engine: RuleEngine, notifiers: Mapping[str, Notifier], fetcher: Fetcher):
        self.store = store
        self.engine = engine  # swapped whole on rule reload; readers take one reference per poll
        self.notifiers = notifiers
        self.fetcher = fetcher

    async def poll(self, source: SourceConfig) -> PollReport:
        try:
            prev = await asyncio.to_thread(self.store.get_source_state, source.id)
        except StoreUnavailable as exc:
            log.error("source %s: skipped, store unavailable: %s", source.id, exc)
            return PollReport(source.id, "failed", message=str(exc))
        prev = prev or initial_state(source.id)
        fetch = await self.fetcher.fetch(source.url, prev.etag, prev.last_modified)
        try:
            report = await asyncio.to_thread(self.process, source, prev, fetch)
        except StoreUnavailable as exc:
            log.error("source %s: store unavailable, poll will be redone: %s", source.id, exc)
            return PollReport(source.id, "failed", message=str(exc))
        self._log(source, report)
        return report

    def process(self, source: SourceConfig, prev: SourceState, fetch: FetchResult) -> PollReport:
        now = time.time()
        if not fetch.ok:
            plan = plan_failure(prev, fetch.error or "unknown error", now)
        elif fetch.not_modified:
            plan = plan_not_modified(prev, fetch, now)
        else:
            parsed = parse_feed(fetch.body or b"", source.id, fetch.content_type)
            ids = [i.id for i in parsed.items]
            unseen = self.store.unseen(source.id, ids) if ids else []
            plan = plan_update(prev, fetch, parsed, unseen, source.on_first_fetch, now)
        alerts = self._record_alerts(plan, now)
        if plan.to_mark_seen:
            self.store.mark_seen(source.id, plan.to_mark_seen, now)
        self.store.save_source_state(plan.state)
        return PollReport(source.id, plan.outcome, len(plan.to_mark_seen), alerts, plan.message)

    def _record_alerts(self, plan: UpdatePlan, now: float) -> int:
        engine = self.engine
        created = 0
        for item in plan.to_match:
            for alert in alerts_for(item, engine.match(item), now):
                targets = [t for n in self.notifiers.values() for t in n.targets_for(alert)]
                if self.store.add_alert(alert, targets):
                    created += 1
        return created

    @staticmethod
    def _log(source: SourceConfig, r: PollReport) -> None:
        if r.outcome == "failed":
            log.warning("source %s: fetch failed: %s", source.id, r.message)
        elif r.outcome == "baseline":
            log.info("source %s: baseline recorded (%d entries, no alerts on first fetch)", source.id, r.new)
        elif r.outcome == "updated":
            log.info("source %s: %d new entries, %d alerts", source.id, r.new, r.alerts)
            if r.message:
                log.debug("source %s: parser warning: %s", source.id, r.message)
        else:
            log.debug("source %s: not modified", source.id)
