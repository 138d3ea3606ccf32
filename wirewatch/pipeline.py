"""One poll of one source, end to end: fetch → parse → decide → match → record alerts → mark seen.

Order matters for "never lost, never twice": alerts are recorded (idempotently, by deterministic id) before
entries are marked seen, and the source state is saved last. A crash anywhere re-does the poll next time;
re-recording an alert is a no-op.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass

from collectors.encoding import to_utf8
from collectors.feed_parse import parse_feed
from collectors.http_fetch import Fetcher, FetchResult
from collectors.schedule import PollPolicy
from collectors.update import (
    UpdatePlan,
    body_digest,
    fetch_url,
    finish,
    initial_state,
    is_unchanged,
    plan_failure,
    plan_gone,
    plan_not_modified,
    plan_update,
    reconcile,
)
from domain.alert import Alert, alert_id
from domain.item import Item
from domain.severity import SEVERITY_ORDER
from domain.source_state import SourceState
from domain.text import fold
from notifier.base import Notifier
from rules.durations import parse_duration
from rules.engine import Match, RuleEngine
from store.base import Store, StoreUnavailable
from wirewatch.config import SeriesSourceConfig, SourceConfig
from wirewatch.series_pipeline import poll_series

log = logging.getLogger("wirewatch.poll")


@dataclass(frozen=True, slots=True)
class PollReport:
    source: str
    outcome: str
    new: int = 0
    alerts: int = 0
    message: str | None = None
    state: SourceState | None = None  # as saved after this poll; None when the store could not be reached


def _agree(a: Mapping[str, object], b: Mapping[str, object]) -> bool:
    return all(a[k] == b[k] for k in a.keys() & b.keys())


def _events(matches: list[Match]) -> list[tuple[str, list[Match]]]:
    """Group matches into events: same event type and agreeing fields. An article that reports two deals
    gives two events (keys `bd_deal`, `bd_deal#2`); several rules flagging one deal give one."""
    by_type: dict[str, list[list[Match]]] = {}
    for m in matches:
        clusters = by_type.setdefault(m.rule.event or f"rule:{m.rule.id}", [])
        home = next((c for c in clusters if _agree(c[0].fields, m.fields)), None)
        if home is None:
            clusters.append([m])
        else:
            home.append(m)
    return [
        (key if i == 0 else f"{key}#{i + 1}", c) for key, clusters in by_type.items() for i, c in enumerate(clusters)
    ]


def alerts_for(item: Item, matches: list[Match], now: float) -> list[Alert]:
    """One alert per event in the item: several rules flagging the same deal make one card, led by the
    most severe rule. Keyword rules without an event each make their own alert."""
    out = []
    for key, group in _events(matches):
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
                channel=lead.rule.notify.channel,
                digest=lead.rule.notify.digest,
            )
        )
    return out


class Pipeline:
    def __init__(
        self,
        store: Store,
        engine: RuleEngine,
        notifiers: Mapping[str, Notifier],
        fetcher: Fetcher,
        policy: PollPolicy | None = None,
    ):
        self.store = store
        self.engine = engine  # swapped whole on rule reload; readers take one reference per poll
        self.notifiers = notifiers
        self.fetcher = fetcher
        self.policy = policy or PollPolicy()
        self.archive_retention = 30 * 86400.0  # seconds new items are kept for `wirewatch replay`; 0: none

    async def poll(self, source: SourceConfig) -> PollReport:
        if isinstance(source, SeriesSourceConfig):  # data feeds: observations, not entries
            return await poll_series(self, source)
        try:
            prev = await asyncio.to_thread(self.store.get_source_state, source.id)
        except StoreUnavailable as exc:
            log.error("source %s: skipped, store unavailable: %s", source.id, exc)
            return PollReport(source.id, "failed", message=str(exc))
        prev = reconcile(prev or initial_state(source.id), source.url)
        if prev.disabled:  # a gone feed stays visible and named in the log, but is not fetched again
            report = PollReport(source.id, "disabled", message=prev.disabled, state=prev)
            self._log(source, report)
            return report
        fetch = await self.fetcher.fetch(fetch_url(prev, source.url), prev.etag, prev.last_modified)
        try:
            report = await asyncio.to_thread(self.process, source, prev, fetch)
        except StoreUnavailable as exc:
            log.error("source %s: store unavailable, poll will be redone: %s", source.id, exc)
            return PollReport(source.id, "failed", message=str(exc))
        self._log(source, report)
        return report

    def process(self, source: SourceConfig, prev: SourceState, fetch: FetchResult) -> PollReport:
        now = time.time()
        new_items: list[Item] = []
        if fetch.gone:
            plan = plan_gone(prev, fetch, now)
        elif not fetch.ok:
            plan = plan_failure(prev, fetch.error or "unknown error", now)
        elif fetch.not_modified:
            plan = plan_not_modified(prev, fetch, now)
        else:
            body = fetch.body or b""
            digest = body_digest(body)
            if is_unchanged(prev, fetch, digest):  # a 200 repeating what we have: no parse, no news
                plan = plan_not_modified(prev, fetch, now, body_hash=digest)
            else:
                decoded = to_utf8(body, fetch.content_type)
                parsed = parse_feed(decoded.body, source.id, decoded.content_type)
                ids = [i.id for i in parsed.items]
                unseen = self.store.unseen(source.id, ids) if ids else []
                plan = plan_update(prev, fetch, parsed, unseen, source.on_first_fetch, now, body_hash=digest)
                fresh = set(plan.to_mark_seen)
                new_items = [i for i in parsed.items if i.id in fresh]
                if decoded.note and plan.outcome != "failed":
                    log.info("source %s: %s", source.id, decoded.note)
        plan, adopted = finish(plan, fetch, source.interval, self.policy, now, random.random())
        if adopted:
            log.warning(
                "source %s: permanent redirect persisted for %d polls; now polling %s (update the config's url)",
                source.id,
                self.policy.redirect_persist,
                adopted,
            )
        alerts = self._record_alerts(plan, now)
        if new_items and self.archive_retention > 0:  # before marking seen: a crash re-archives, harmlessly
            self.store.archive_items(new_items, now)
        if plan.to_mark_seen:
            self.store.mark_seen(source.id, plan.to_mark_seen, now)
        self.store.save_source_state(plan.state)
        return PollReport(source.id, plan.outcome, len(plan.to_mark_seen), alerts, plan.message, plan.state)

    def _record_alerts(self, plan: UpdatePlan, now: float) -> int:
        """Each alert is prepared by the outbox before it is recorded: the same event from another outlet
        becomes a reply in the first alert's thread; first reports get history context and their targets."""
        from wirewatch.delivery import Outbox

        engine = self.engine
        outbox = Outbox(self.store, self.notifiers, getattr(self, "delivery_settings", None))
        created = 0
        for item in plan.to_match:
            for alert in alerts_for(item, engine.match(item), now):
                if self._repeat(alert, engine, now):
                    continue
                alert, targets = outbox.prepare(alert, now)
                if self.store.add_alert(alert, targets):
                    created += 1
        return created

    def _repeat(self, alert: Alert, engine: RuleEngine, now: float) -> bool:
        """`realert:` — the rule already alerted for the same key (e.g. company + broker) within its window."""
        rule = engine.rule(alert.rule)
        if rule is None or not rule.realert:
            return False
        values = [alert.fields.get(k) for k in rule.key] if rule.key else [alert.event or rule.id]
        key = "realert:" + rule.id + ":" + json.dumps([fold(str(v)) if isinstance(v, str) else v for v in values])
        owner = self.store.claim_keys([key], alert.id, now, parse_duration(rule.realert)).get(key, alert.id)
        if owner != alert.id:
            log.info("alert %s suppressed by realert %s of rule %s (key %s)", alert.id, rule.realert, rule.id, values)
            return True
        return False

    @staticmethod
    def _log(source: SourceConfig, r: PollReport) -> None:
        extra = {"source": source.id}  # bound for JSON logs
        if r.outcome == "failed":
            st = r.state
            if st is not None and st.next_poll is not None:
                wait = max(0.0, st.next_poll - time.time())
                log.warning(
                    "source %s: fetch failed: %s; failure %d in a row, next try at %s (in %.0fs)",
                    source.id,
                    r.message,
                    st.consecutive_failures,
                    time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime(st.next_poll)),
                    wait,
                    extra=extra,
                )
            else:
                log.warning("source %s: fetch failed: %s", source.id, r.message, extra=extra)
        elif r.outcome == "disabled":
            log.error(
                "source %s: disabled: %s; not polled again until its url is changed in the config",
                source.id,
                r.message,
                extra=extra,
            )
        elif r.outcome == "baseline":
            msg = "source %s: baseline recorded (%d entries, no alerts on first fetch)"
            log.info(msg, source.id, r.new, extra=extra)
        elif r.outcome == "updated":
            log.info("source %s: %d new entries, %d alerts", source.id, r.new, r.alerts, extra=extra)
            if r.message:
                log.debug("source %s: parser warning: %s", source.id, r.message, extra=extra)
        else:
            log.debug("source %s: not modified", source.id, extra=extra)
