"""The outbox worker: alerts recorded before any send go out once and only once, each as one card.

Alerts arrive already prepared (wirewatch/recorder.py: event key, thread, history context, targets). Here is
the send-time work, one pass (`Outbox.run`) over what is due:
  - deliveries whose previous attempt may have landed are reconciled first, one history read per target;
    what Slack already holds is marked sent, not posted again;
  - digest routes, and channels over their hourly budget, park deliveries for the next digest (critical
    alerts never wait); replies wait for their thread's first post;
  - each target is a lane, paced to Slack's ~1 message/s/channel; lanes run side by side;
  - before each send the delivery is marked in doubt; the outcome (sent with the Slack ts, retry with
    backoff, dead letter with the reason) is recorded after it.

A send in doubt that cannot be checked (the bot lacks `channels:history`, Slack's history is unreadable) is
never sent again blindly: it stays pending with the reason and the fix (`wirewatch alerts`), and once it has
waited `delivery.unconfirmed_after` ops are told, once. Channel ids come from Slack's answers to our posts and
are kept in the store, so checking needs no `conversations.list` (no `channels:read`), even after a restart.
A store fault stops the pass; it is reported in `DeliveryStats.fault` for the daemon to act on.

`Outbox.build_digests` turns a channel's held deliveries into one digest alert per period, atomically.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from domain.delivery import Delivery
from domain.formats import span
from domain.kinds import DIGEST as DIGEST_KIND
from domain.kinds import NOTICE
from notifier.base import (
    KnowsChannels,
    Notifier,
    Outcome,
    Posted,
    ReconcileError,
    Reconciling,
    Thread,
    Threading,
    notifier_for,
)
from notifier.digests import make_digest
from notifier.routing import DIGEST, Budget, Pacer, Router, digest_due, window_start
from store.base import Store, StoreUnavailable
from wirewatch.health import ops_notice

if TYPE_CHECKING:
    from wirewatch.config import Config
    from wirewatch.fleet import Fleet

log = logging.getLogger("wirewatch.delivery")


def retry_delay(attempts: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Exponential backoff with full jitter in [delay/2, delay]; pure given the rng."""
    # Clamp the exponent: float * 2**1024 overflows, and a delivery retried for weeks gets there.
    delay = min(cap, base * (2.0 ** min(max(0, attempts), 60)))
    r = (rng or random).random()
    return delay / 2 + r * delay / 2


@dataclass
class DeliveryStats:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    held: int = 0  # parked for the next digest
    reconciled: int = 0  # found already posted: marked sent without posting again
    fault: StoreUnavailable | None = None  # the store failed during the pass (the rest waits for the next)

    def __bool__(self) -> bool:
        return bool(self.sent or self.retried or self.failed or self.held or self.reconciled)

    def add(self, other: DeliveryStats) -> None:
        self.sent += other.sent
        self.retried += other.retried
        self.failed += other.failed
        self.held += other.held
        self.reconciled += other.reconciled
        self.fault = self.fault or other.fault


@dataclass(frozen=True)
class DeliverySettings:
    retry_base: float = 10.0
    retry_cap: float = 1800.0
    batch: int = 100
    router: Router = field(default_factory=Router)
    budget: Budget = field(default_factory=lambda: Budget(None))
    digest_period: float = 3600.0
    digest_max_items: int = 200
    channel_rate: float = 0.0  # posts per second per target; 0: unpaced
    channel_burst: int = 4
    workers: int = 1  # targets served side by side
    pass_seconds: float = 20.0  # a lane takes no new send after this long; the rest waits for the next pass
    parent_wait: float = 2.0  # first look-again delay for a reply whose thread's first post is not out yet
    unconfirmed_after: float = 600.0  # a send in doubt that cannot be checked for this long: ops are told

    @classmethod
    def from_config(cls, config: Config, router: Router) -> DeliverySettings:
        n, d = config.notify, config.delivery
        return cls(
            retry_base=d.retry_base,
            retry_cap=d.retry_cap,
            router=router,
            budget=Budget(n.budget.per_channel, n.budget.period),
            digest_period=n.digest.period,
            digest_max_items=n.digest.max_items,
            channel_rate=d.channel_rate,
            channel_burst=d.channel_burst,
            workers=d.workers,
            unconfirmed_after=d.unconfirmed_after,
        )


class Outbox:
    def __init__(
        self,
        store: Store,
        notifiers: Mapping[str, Notifier],
        settings: DeliverySettings | None = None,
        clock: Callable[[], float] = time.time,
        fleet: Fleet | None = None,
        ops: Sequence[str] = (),
    ):
        self.store = store
        self.notifiers = notifiers
        self.settings = settings or DeliverySettings()
        self.clock = clock
        self.pacer = Pacer(self.settings.channel_rate, self.settings.channel_burst)
        self.fleet = fleet  # with several replicas: one lane per target at a time, by lease
        self.ops = list(ops)  # where notices about posts that cannot be confirmed go
        self._channels: dict[str, str] = {}  # target → the channel id Slack named in an answer, as stored

    # --- send time ------------------------------------------------------------------------------------------
    def run(self) -> DeliveryStats:
        """One pass over what is due now. Safe to call repeatedly; each delivery is recorded after its send."""
        stats = DeliveryStats()
        try:
            due = self.store.due_deliveries(self.clock(), limit=self.settings.batch)
            # with a fleet, a lane's doubts are settled by whoever holds its lease (see _lane)
            doubtful = [d for d in due if d.in_doubt_since is not None] if self.fleet is None else []
            settled = self._reconcile(doubtful, stats, on_start=False)
            lanes: dict[str, list[Delivery]] = {}
            for d in due:
                if (d.alert_id, d.target) not in settled:
                    lanes.setdefault(d.target, []).append(d)
            for items in lanes.values():  # first reports before replies: a reply finds its thread in the same pass
                items.sort(key=lambda d: self._is_reply(d.alert_id))
        except StoreUnavailable as exc:
            log.warning("delivery paused: %s", exc)
            stats.fault = exc
            return stats
        if self.settings.workers > 1 and len(lanes) > 1:
            with ThreadPoolExecutor(max_workers=min(self.settings.workers, len(lanes))) as pool:
                for lane_stats in pool.map(lambda kv: self._lane(*kv), lanes.items()):
                    stats.add(lane_stats)
        else:
            for target, items in lanes.items():
                stats.add(self._lane(target, items))
        return stats

    def reconcile_pending(self) -> int:
        """On start-up: every pending delivery whose last attempt may have landed is checked against its
        target's recent history; those found are marked sent. Returns how many were found."""
        stats = DeliveryStats()
        try:
            pending = self.store.deliveries_in("pending", limit=1_000_000)
            self._reconcile([d for d in pending if d.in_doubt_since is not None], stats, on_start=True)
        except StoreUnavailable as exc:
            log.warning("start-up reconciliation put off: %s", exc)
        return stats.reconciled

    def _reconcile(self, doubtful: Sequence[Delivery], stats: DeliveryStats, on_start: bool) -> set[tuple[str, str]]:
        """Settle deliveries in doubt: mark found ones sent; put off the ones we cannot check (not on start,
        where the pass that follows checks them again). Returns the (alert, target) pairs taken care of."""
        settled: set[tuple[str, str]] = set()
        by_target: dict[str, list[Delivery]] = {}
        for d in doubtful:
            by_target.setdefault(d.target, []).append(d)
        for target, items in by_target.items():
            notifier = notifier_for(target, self.notifiers)
            if not isinstance(notifier, Reconciling):
                continue  # console, webhook: cannot read history; sent again (at least once)
            self._recall_channel(target, notifier)
            wanted = [Posted(d.alert_id, d.in_doubt_since or 0.0, self._thread_ref(d)) for d in items]
            try:
                found = notifier.reconcile(target, wanted)
            except ReconcileError as exc:
                log.warning("%d deliveries to %s may have landed; cannot check yet: %s", len(items), target, exc)
                now = self.clock()
                for d in items:
                    self._tell_unconfirmed(d, exc, now)
                    if not on_start:
                        wait = retry_delay(d.attempts, self.settings.retry_base, self.settings.retry_cap)
                        self.store.mark_retry(d.alert_id, target, f"unconfirmed: {exc}", now + wait, now, in_doubt=True)
                        settled.add((d.alert_id, target))
                        stats.retried += 1
                continue
            now = self.clock()
            for d in items:
                if d.alert_id in found:
                    self.store.mark_sent(d.alert_id, target, found[d.alert_id], now)
                    settled.add((d.alert_id, target))
                    stats.reconciled += 1
                    log.info("alert %s to %s had landed (ts %s): marked sent", d.alert_id, target, found[d.alert_id])
        return settled

    def _tell_unconfirmed(self, d: Delivery, exc: ReconcileError, now: float) -> None:
        """Ops hear once (the notice's id comes from the delivery) about a post that has been impossible to
        confirm for `unconfirmed_after`; notices themselves are not reported, or a notice could beget one."""
        waited = now - (d.in_doubt_since or now)
        if not self.ops or waited < self.settings.unconfirmed_after:
            return
        alert = self.store.get_alert(d.alert_id)
        if alert is None or alert.kind == NOTICE:
            return
        notice = ops_notice(
            f"Alert {alert.id[:10]} to {d.target} cannot be confirmed: {exc}",
            f"unconfirmed:{d.alert_id}:{d.target}",
            now,
            summary=(
                f"The post of \u201c{alert.item.title}\u201d may have landed {span(waited)} ago, but Slack's history "
                f"cannot be read to check ({exc}). It is not sent again until it can be checked, so it may be "
                "missing from the channel. Fix: give the bot the scope named above, then it is checked and "
                "settled by itself; `wirewatch alerts` shows it meanwhile."
            ),
            fields={"alert": alert.id, "channel": d.target, "in doubt since": f"{span(waited)} ago"},
        )
        if self.store.add_alert(notice, self.ops):
            log.warning("alert %s to %s unconfirmed for %s (%s); ops told", d.alert_id, d.target, span(waited), exc)

    def _recall_channel(self, target: str, notifier: Notifier) -> None:
        """Tell the notifier the channel id an earlier answer named (kept in the store across restarts)."""
        if target in self._channels or not isinstance(notifier, KnowsChannels):
            return
        channel_id = self.store.get_meta(f"channel-id:{target}")
        if channel_id:
            self._channels[target] = channel_id
            notifier.know_channel(target, channel_id)

    def _note_channel(self, target: str, where: str | None) -> None:
        if where and self._channels.get(target) != where:
            self.store.set_meta(f"channel-id:{target}", where)
            self._channels[target] = where

    def _is_reply(self, alert_id: str) -> bool:
        alert = self.store.get_alert(alert_id)
        return alert is not None and alert.thread_of is not None

    def _thread_ref(self, d: Delivery) -> str | None:
        alert = self.store.get_alert(d.alert_id)
        if alert is None or alert.thread_of is None:
            return None
        parent = self._delivery(alert.thread_of, d.target)
        return parent.ref if parent is not None and parent.status == "sent" else None

    def _delivery(self, alert_id: str, target: str) -> Delivery | None:
        return next((x for x in self.store.deliveries(alert_id) if x.target == target), None)

    def _lane(self, target: str, items: Sequence[Delivery]) -> DeliveryStats:
        if self.fleet is None:
            return self._lane_pass(target, items)
        lease = f"deliver:{target}"
        try:
            if not self.fleet.acquire(lease):
                return DeliveryStats()  # another replica is on this target now
        except StoreUnavailable as exc:
            log.warning("delivery to %s paused: %s", target, exc)
            return DeliveryStats(fault=exc)
        stats = DeliveryStats()
        try:
            items = [d for d in items if self._delivery(d.alert_id, d.target) == d]  # unchanged since listed
            settled = self._reconcile([d for d in items if d.in_doubt_since is not None], stats, on_start=False)
            stats.add(self._lane_pass(target, [d for d in items if (d.alert_id, d.target) not in settled]))
        except StoreUnavailable as exc:
            log.warning("delivery to %s paused: %s", target, exc)
            stats.fault = exc
        finally:
            self.fleet.release(lease)
        return stats

    def _lane_pass(self, target: str, items: Sequence[Delivery]) -> DeliveryStats:
        stats = DeliveryStats()
        started = time.monotonic()
        for d in items:
            if time.monotonic() - started > self.settings.pass_seconds:
                break
            try:
                self._one(d, stats)
            except StoreUnavailable as exc:
                log.warning("delivery to %s paused: %s", target, exc)
                stats.fault = exc
                break
        return stats

    def _one(self, d: Delivery, stats: DeliveryStats) -> None:
        store, s = self.store, self.settings
        if self.fleet is not None:  # under the lane's lease: skip what another replica settled since we read it
            self.fleet.keep(f"deliver:{d.target}")
            if self._delivery(d.alert_id, d.target) != d:
                return
        alert = store.get_alert(d.alert_id)
        notifier = notifier_for(d.target, self.notifiers)
        thread: Thread | None = None
        if alert is None:
            self._record(d, Outcome.dead("alert record missing"), stats)
            return
        if notifier is None:
            self._record(d, Outcome.retry(f"no `{d.target.partition(':')[0]}` notifier configured"), stats)
            return
        now = self.clock()
        if alert.thread_of is not None:
            parent = self._delivery(alert.thread_of, d.target)
            if parent is not None and parent.status == "sent":
                thread = Thread(parent.ref or "", store.get_alert(alert.thread_of))
            elif parent is not None and parent.status in ("held", "digested"):
                store.hold(d.alert_id, d.target, "with the first report of its event", now)
                stats.held += 1
                return
            elif parent is not None and parent.status == "pending":
                wait = retry_delay(d.attempts, s.parent_wait, s.retry_cap)
                store.mark_retry(d.alert_id, d.target, "waiting for its thread's first post", now + wait, now)
                return
            # no first post to reply to (dead-lettered, or never meant for this target): a card of its own
        elif d.target != "console" and alert.kind != DIGEST_KIND:
            if s.router.mode_for(alert, d.target, self.notifiers) == DIGEST:
                store.hold(d.alert_id, d.target, "digest route", now)
                stats.held += 1
                return
            first = d.attempts == 0 and d.in_doubt_since is None
            if s.budget.applies(alert, d.target, first) and not store.take_budget(
                d.target, window_start(now, s.budget.period), s.budget.per_channel or 0
            ):
                store.hold(d.alert_id, d.target, s.budget.reason(), now)
                log.info("alert %s to %s held for the digest: %s", d.alert_id, d.target, s.budget.reason())
                stats.held += 1
                return
        self.pacer.wait(d.target)
        store.begin_attempt(d.alert_id, d.target, self.clock())
        try:
            if thread is not None and isinstance(notifier, Threading):
                outcome = notifier.send_reply(alert, d.target, thread)
            else:
                outcome = notifier.send(alert, d.target)
        except Exception as exc:  # a notifier bug must not stop the others
            log.exception("notifier %s crashed on alert %s", d.target, d.alert_id)
            outcome = Outcome.retry(f"{type(exc).__name__}: {exc}", in_doubt=True)
        self.pacer.done(d.target)
        self._record(d, outcome, stats)
        if outcome.ok:
            bound = {"alert": alert.id, "rule": alert.rule, "source": alert.item.source}
            log.info("alert %s (rule %s) sent to %s", alert.id, alert.rule, d.target, extra=bound)

    def _record(self, d: Delivery, outcome: Outcome, stats: DeliveryStats) -> None:
        now = self.clock()
        if outcome.ok:
            self.store.mark_sent(d.alert_id, d.target, outcome.ref, now)
            stats.sent += 1
            self._note_channel(d.target, outcome.where)
        elif outcome.permanent:
            self.store.mark_failed(d.alert_id, d.target, outcome.error or "failed", now)
            log.error(
                "alert %s to %s failed permanently: %s (see `wirewatch alerts --failed`)",
                d.alert_id,
                d.target,
                outcome.error,
                extra={"alert": d.alert_id},
            )
            stats.failed += 1
        else:
            wait = retry_delay(d.attempts, self.settings.retry_base, self.settings.retry_cap)
            error = outcome.error or "failed"
            self.store.mark_retry(d.alert_id, d.target, error, now + wait, now, in_doubt=outcome.in_doubt)
            doubt = " (may have landed: checked before the retry)" if outcome.in_doubt else ""
            log.warning(
                "alert %s to %s not delivered (%s)%s; retry in %.0fs",
                d.alert_id,
                d.target,
                error,
                doubt,
                wait,
                extra={"alert": d.alert_id},
            )
            stats.retried += 1

    # --- digests --------------------------------------------------------------------------------------------
    def build_digests(self) -> int:
        """For each target whose oldest held delivery's period is over: one digest alert, queued, with its
        members marked `digested` in the same transaction. Returns how many digests were made."""
        s = self.settings
        held = self.store.deliveries_in("held", limit=1_000_000)  # a store fault goes up to the caller
        by_target: dict[str, list[Delivery]] = {}
        for d in held:
            by_target.setdefault(d.target, []).append(d)
        now = self.clock()
        made = 0
        for target, items in by_target.items():
            if not digest_due(min(d.updated_at for d in items), now, s.digest_period):
                continue
            chosen = items[: s.digest_max_items]
            members = [(a, d) for d in chosen if (a := self.store.get_alert(d.alert_id)) is not None]
            digest = make_digest(target, members, now, s.digest_period, more=len(items) - len(chosen))
            if self.store.add_digest(digest, target, [a.id for a, _ in members]):
                made += 1
                log.info("digest %s for %s: %d alerts", digest.id, target, len(members))
        return made


def deliver_due(
    store: Store,
    notifiers: Mapping[str, Notifier],
    *,
    retry_base: float = 10.0,
    retry_cap: float = 1800.0,
    batch: int = 100,
) -> DeliveryStats:
    """One unpaced pass with no routing, budget or digests: the outbox at its plainest."""
    settings = DeliverySettings(retry_base=retry_base, retry_cap=retry_cap, batch=batch)
    return Outbox(store, notifiers, settings).run()
