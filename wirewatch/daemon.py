"""Long-running mode (`run`) and cron mode (`once`) over the same Runtime: the poll shell, the recorder, the
outbox worker, feed health and (with Redis) the fleet, built once from the config.

`run`: APScheduler's AsyncIOScheduler runs one job per source (max_instances=1, coalesce) plus an
outbox-draining job. After each poll the source's job is moved to the `next_poll` the pure schedule decided
(interval with jitter, Retry-After, max-age, backoff); its interval trigger is only a safety net.
SIGINT/SIGTERM pause the scheduler, let in-flight polls finish and be saved, drain deliveries once more, then
exit. (AsyncIOScheduler.shutdown cancels running coroutines, hence the explicit drain.)
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import logging
import random
import signal
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from collectors.http_fetch import Fetcher
from collectors.schedule import PollPolicy
from domain.alert import Alert, alert_id
from domain.formats import span
from domain.item import Item
from domain.kinds import NOTICE
from domain.source_state import SourceState
from rules.reload import RuleWatcher
from store.base import Store, StoreUnavailable
from wirewatch.config import Config, SourceConfig
from wirewatch.delivery import DeliverySettings, DeliveryStats, Outbox
from wirewatch.fleet import Fleet
from wirewatch.health import HealthMonitor, ops_targets
from wirewatch.heartbeat import Round, round_period
from wirewatch.metrics import Metrics, MetricsServer, fetch_error_reason
from wirewatch.poll import Poller, PollReport
from wirewatch.recorder import AlertRecorder, RecordSettings
from wirewatch.source_reload import ConfigReload, ConfigWatcher
from wirewatch.wiring import build_notifiers, build_router, fetch_limits, load_rules, poll_policy

log = logging.getLogger("wirewatch.daemon")
SHUTDOWN_GRACE = 30.0
FIRST_BEAT = 10.0  # the first heartbeat line comes this soon after start, then one per round


def next_run(report: PollReport, source: SourceConfig, policy: PollPolicy, now: float) -> float:
    """When the scheduler should poll again: the state's `next_poll`, else a safe default."""
    state = report.state
    if state is None:  # the store was unreachable: retry at the normal cadence
        return now + source.interval
    if state.next_poll is None or state.disabled:  # disabled: a reminder in the log now and then
        return now + max(source.interval, policy.backoff_cap)
    return max(state.next_poll, now + 1.0)


def first_run(state: SourceState | None, source: SourceConfig, policy: PollPolicy, now: float) -> float:
    """At start, honour a stored backoff or Retry-After, but never wait past one interval for a healthy
    source (its interval may have been shortened in the config); first polls spread over a few seconds."""
    spread = now + random.uniform(0, min(2.0, source.interval))
    if state is None or state.next_poll is None or state.disabled:
        return spread
    limit = policy.backoff_cap if state.consecutive_failures else source.interval
    return max(spread, min(state.next_poll, now + limit))


def coordinates(config: Config) -> bool:
    """Lease-gated polling and delivery: asked for, or by default whenever the store is shared (Redis)."""
    if config.fleet.coordinate is not None:
        return config.fleet.coordinate
    return config.store.startswith(("redis://", "rediss://", "unix://"))


class Runtime:
    """The parts a running Wirewatch holds, plus single-flight delivery."""

    def __init__(self, config: Config, store: Store, deliver_after_poll: bool = True):
        self.config = config
        self.deliver_after_poll = deliver_after_poll
        self.store = store
        self.metrics = Metrics()
        self.fleet = Fleet(store, config.fleet.lease_timeout, self.metrics) if coordinates(config) else None
        self.notifiers = build_notifiers(config)
        router = build_router(config)  # one router: channels at record time, delivery modes at send time
        self.recorder = AlertRecorder(store, self.notifiers, RecordSettings(router, config.notify.dedupe_window))
        self.outbox = Outbox(store, self.notifiers, DeliverySettings.from_config(config, router), fleet=self.fleet)
        self.fetcher = Fetcher(fetch_limits(config))
        self.policy = poll_policy(config)
        self.poller = Poller(
            store, self.fetcher, self.recorder, load_rules(config), self.policy, config.archive.retention
        )
        self.health = HealthMonitor(store, ops_targets(config, self.notifiers))
        self._deliver_lock = asyncio.Lock()
        self._poll_slots = asyncio.Semaphore(config.fetch.max_concurrency)
        self.inflight: set[asyncio.Task[object]] = set()
        self.round = Round()  # what the polls since the last heartbeat came to

    async def poll(self, source: SourceConfig) -> PollReport:
        async with self._poll_slots:
            report = await self.poller.poll(source)
        self._count(report)
        told = None
        if report.state is not None and self.health.changed(source, report.state, time.time()):
            try:
                told = await asyncio.to_thread(self.health.review, source, report.state, time.time())
            except StoreUnavailable as exc:  # the condition is still there next poll: it is told then
                log.warning("source %s: health not recorded, store unavailable: %s", source.id, exc)
        if (report.alerts or told) and self.deliver_after_poll:
            self.spawn(self.deliver())
        return report

    async def deliver(self) -> DeliveryStats:
        async with self._deliver_lock:
            total = DeliveryStats()
            while True:  # keep draining while whole batches go out
                stats = await asyncio.to_thread(self.outbox.run)
                total.add(stats)
                m = self.metrics
                m.alerts_sent.inc(stats.sent + stats.reconciled)
                m.alerts_failed.inc(stats.failed)
                m.alerts_retried.inc(stats.retried)
                if stats.sent < self.outbox.settings.batch:
                    await asyncio.to_thread(self._measure_lag)
                    return total

    async def poll_leased(self, source: SourceConfig) -> float:
        """With a fleet: poll only under the source's lease, then keep it idle until the next poll time (the
        fleet-wide schedule). Returns when this replica should look at the source again."""
        assert self.fleet is not None
        fleet, name, now = self.fleet, f"poll:{source.id}", time.time()
        try:
            if not await asyncio.to_thread(fleet.acquire, name):
                self.metrics.polls_skipped.inc()
                return await asyncio.to_thread(fleet.next_look, name, now)
        except StoreUnavailable as exc:
            when = fleet.backoff(now)
            log.warning(
                "source %s: not polled, store unavailable (%s); retry in %.0fs",
                source.id,
                exc,
                when - now,
                extra={"source": source.id},
            )
            return when
        async with fleet.renewing(name):
            report = await self.poll(source)
        when = next_run(report, source, self.policy, time.time())
        keep = when - time.time() if report.state is not None else 0.0  # store down: let another replica try
        await asyncio.to_thread(fleet.release, name, keep)
        return when

    def _count(self, report: PollReport) -> None:
        m = self.metrics
        m.polls.labels(report.outcome).inc()
        if report.outcome == "failed":
            m.fetch_errors.labels(fetch_error_reason(report.message)).inc()
        m.items.inc(report.new)
        m.matches.inc(report.alerts)
        m.store(report.state is not None)
        self.round.add(report.source, report.outcome, report.new, report.alerts)

    def _measure_lag(self) -> None:
        """Queue lag: how long the oldest due delivery has waited past its due time."""
        now = time.time()
        try:
            oldest = self.store.due_deliveries(now, limit=1)
        except StoreUnavailable:
            self.metrics.store(False)
            return
        self.metrics.queue_lag.set(max(0.0, now - oldest[0].next_attempt) if oldest else 0.0)

    async def digest(self) -> None:
        """Digests whose period is over are recorded (with their members, atomically), then delivered."""
        fleet = self.fleet
        if fleet is not None:  # one replica builds digests at a time
            try:
                if not await asyncio.to_thread(fleet.acquire, "digests"):
                    return
            except StoreUnavailable as exc:
                log.warning("digests put off: %s", exc)
                return
        try:
            made = await asyncio.to_thread(self.outbox.build_digests)
        finally:
            if fleet is not None:
                await asyncio.to_thread(fleet.release, "digests")
        if made:
            await self.deliver()

    def spawn(self, coro: Awaitable[object]) -> None:
        task: asyncio.Task[object] = asyncio.ensure_future(coro)
        self.inflight.add(task)
        task.add_done_callback(self.inflight.discard)

    def tracked(self, fn: Callable[[], Awaitable[object]]) -> Callable[[], Awaitable[object]]:
        async def job() -> object:
            task = asyncio.current_task()
            if task is not None:
                self.inflight.add(task)
            try:
                return await fn()
            except Exception:
                log.exception("job crashed; it will run again on schedule")
                return None
            finally:
                if task is not None:
                    self.inflight.discard(task)

        return job

    def prune_archive(self) -> None:
        """Retention for the replay archive: items older than `archive.retention` go."""
        retention = self.config.archive.retention
        try:
            gone = self.store.prune_archive(time.time() - retention) if retention > 0 else 0
        except StoreUnavailable as exc:
            log.warning("archive pruning skipped: %s", exc)
            return
        if gone:
            log.info("archive: pruned %d items older than %.0f days", gone, retention / 86400)

    async def tell_ops(self, text: str, key: str | None = None) -> None:
        """An operator notice through the outbox (ops channel on Slack, else the console): retried, never lost."""
        now = time.time()
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        item = Item(id=f"notice:{digest}", source="wirewatch", title=text.splitlines()[0], summary=text)
        alert = Alert(
            id=alert_id("wirewatch", item.id, key or f"notice:{int(now)}"),
            rule="wirewatch-ops",
            item=item,
            severity="high",
            description="operator notice",
            created_at=now,
            kind=NOTICE,
        )
        await asyncio.to_thread(self.store.add_alert, alert, self.health.targets)
        self.spawn(self.deliver())

    async def aclose(self) -> None:
        await self.fetcher.aclose()
        for n in self.notifiers.values():
            n.close()


async def run_once(config: Config, store: Store) -> list[PollReport]:
    rt = Runtime(config, store, deliver_after_poll=False)
    try:
        await asyncio.to_thread(rt.outbox.reconcile_pending)  # posts a killed run left in doubt
        sources = [s for s in config.sources if s.enabled]
        reports = await asyncio.gather(*(rt.poll(s) for s in sources))
        await asyncio.to_thread(rt.outbox.build_digests)
        stats = await rt.deliver()
        await asyncio.to_thread(rt.prune_archive)
        failed = sum(r.outcome == "failed" for r in reports)
        log.info(
            "once: %d sources polled (%d failed), %d new alerts; deliveries: %d sent, %d to retry, %d failed",
            len(reports),
            failed,
            sum(r.alerts for r in reports),
            stats.sent,
            stats.retried,
            stats.failed,
        )
        return list(reports)
    finally:
        await rt.aclose()


async def run_daemon(
    config: Config, store: Store, stop: asyncio.Event | None = None, config_path: Path | None = None
) -> None:
    """`config_path`: the file `config` came from, watched for source changes (None: no source reload)."""
    rt = Runtime(config, store)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        # not possible off the main thread (embedding, tests) or on some platforms
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)

    scheduler = AsyncIOScheduler(job_defaults={"coalesce": True, "max_instances": 1})
    now = datetime.now().astimezone()
    sources = [s for s in config.sources if s.enabled]
    try:
        states = {st.source_id: st for st in await asyncio.to_thread(store.list_source_states)}
    except StoreUnavailable as exc:
        log.warning("cannot read source states (%s); polling every source now", exc)
        states = {}

    live = {s.id: s for s in sources}  # the sources being polled, as last configured (config reloads change it)

    async def poll_and_reschedule(s: SourceConfig) -> None:
        if rt.fleet is not None:
            when = await rt.poll_leased(s)
        else:
            when = next_run(await rt.poll(s), s, rt.policy, time.time())
        current = live.get(s.id)
        if current is not None and current is not s:  # reconfigured while polling: a shorter interval applies now
            when = min(when, time.time() + current.interval)
        with contextlib.suppress(JobLookupError):  # gone during shutdown, or the source was removed
            scheduler.modify_job(f"poll:{s.id}", next_run_time=datetime.fromtimestamp(when).astimezone())

    def schedule(s: SourceConfig, start: float) -> None:
        scheduler.add_job(
            rt.tracked(functools.partial(poll_and_reschedule, s)),
            # only a safety net: each poll moves its own next run to the decided time
            IntervalTrigger(seconds=max(s.interval, rt.policy.backoff_cap) * 2),
            id=f"poll:{s.id}",
            name=f"poll {s.id}",
            next_run_time=datetime.fromtimestamp(start).astimezone(),
            misfire_grace_time=None,  # a late poll still runs (late is better than hours later)
            replace_existing=True,
        )

    for s in sources:
        schedule(s, first_run(states.get(s.id), s, rt.policy, now.timestamp()))
    scheduler.add_job(
        rt.tracked(rt.deliver),
        IntervalTrigger(seconds=config.delivery.interval),
        id="deliver",
        next_run_time=now,
        misfire_grace_time=max(1, int(config.delivery.interval)),
    )
    watcher = RuleWatcher([Path(p) for p in config.rules])

    async def reload_rules() -> None:
        result = await asyncio.to_thread(watcher.check)
        if result is None:
            return
        if result.ruleset is not None:
            rt.poller.rules = result.ruleset  # the whole set, keyword and series rules, or nothing
            log.info("rules reloaded: %s", result.ruleset.describe())
        elif result.first_report:
            log.error(
                "rule change rejected; the last good rules keep running:\n%s",
                "\n".join(str(p) for p in result.problems),
            )
            await rt.tell_ops(
                "Rule change rejected; the last good rules keep running.\n"
                + "\n".join(str(p) for p in result.problems[:20]),
                key=f"rules-rejected:{result.change}",  # one notice fleet-wide: every replica sees the same change
            )

    scheduler.add_job(
        rt.tracked(reload_rules), IntervalTrigger(seconds=1), id="rules-reload", misfire_grace_time=5, coalesce=True
    )

    async def apply_sources(reload: ConfigReload) -> None:
        """A valid config change: start, stop and reschedule polls for the sources it touches."""
        changes = reload.changes
        for sid in changes.removed:
            live.pop(sid, None)
            with contextlib.suppress(JobLookupError):
                scheduler.remove_job(f"poll:{sid}")
        for s in (*changes.added, *(new for _, new in changes.changed)):
            live[s.id] = s
            try:
                state = await asyncio.to_thread(store.get_source_state, s.id)
            except StoreUnavailable:
                state = None
            schedule(s, first_run(state, s, rt.policy, time.time()))
        rt.config = rt.config.model_copy(update={"sources": list(reload.config.sources if reload.config else ())})
        if changes.added or changes.removed or changes.changed:
            log.info("config reloaded: sources %s (%d polled)", changes.describe(), len(live))
        if changes.restart_keys:
            log.warning(
                "config: changes to %s apply on the next restart (sources are applied at once)",
                ", ".join(changes.restart_keys),
            )

    async def reload_config(watcher: ConfigWatcher) -> None:
        result = await asyncio.to_thread(watcher.check)
        if result is None:
            return
        if result.config is not None:
            await apply_sources(result)
        elif result.first_report:
            log.error(
                "config change rejected; the running sources keep running:\n%s",
                "\n".join(str(p) for p in result.problems),
            )
            await rt.tell_ops(
                "Config change rejected; the running sources keep running.\n"
                + "\n".join(str(p) for p in result.problems[:20]),
                key=f"config-rejected:{result.change}",
            )

    if config_path is not None:
        scheduler.add_job(
            rt.tracked(functools.partial(reload_config, ConfigWatcher(config_path, config))),
            IntervalTrigger(seconds=1),
            id="config-reload",
            misfire_grace_time=5,
            coalesce=True,
        )

    def next_poll() -> tuple[str, float] | None:
        jobs = [j for j in scheduler.get_jobs() if j.id.startswith("poll:") and j.next_run_time is not None]
        if not jobs:
            return None
        soonest = min(jobs, key=lambda j: j.next_run_time)
        return soonest.id.removeprefix("poll:"), soonest.next_run_time.timestamp() - time.time()

    def heartbeat() -> None:
        done, rt.round = rt.round, Round()
        log.info("%s", done.line(len(live), next_poll()))

    round_every = round_period(s.interval for s in sources)
    scheduler.add_job(
        heartbeat,
        IntervalTrigger(seconds=round_every),
        id="round",
        next_run_time=datetime.fromtimestamp(time.time() + min(round_every, FIRST_BEAT)).astimezone(),  # early
        misfire_grace_time=int(round_every),
    )
    scheduler.add_job(
        rt.tracked(functools.partial(asyncio.to_thread, rt.prune_archive)),
        IntervalTrigger(hours=6),
        id="archive-prune",
        next_run_time=datetime.now().astimezone(),
        misfire_grace_time=3600,
    )
    scheduler.add_job(
        rt.tracked(rt.digest),
        IntervalTrigger(seconds=min(60.0, config.notify.digest.period / 4)),
        id="digest",
        misfire_grace_time=60,
    )
    scheduler.add_job(rt.metrics.beat, IntervalTrigger(seconds=5), id="heartbeat", misfire_grace_time=5)
    server = None
    if config.metrics.enabled:
        try:
            server = MetricsServer(rt.metrics, config.metrics.host, config.metrics.port).start()
            host, port = server.address
            log.info("metrics on http://%s:%d/metrics, health on /healthz", host, port)
        except OSError as exc:  # a busy port must not stop the alerts
            log.error("metrics server not started on %s:%d: %s", config.metrics.host, config.metrics.port, exc)
    if rt.fleet is not None:
        log.info("fleet: replica %s, lease timeout %.0fs", rt.fleet.owner, rt.fleet.ttl)
    # Before anything is sent: posts a killed run left in doubt are looked up in Slack, never sent twice.
    found = await asyncio.to_thread(rt.outbox.reconcile_pending)
    if found:
        log.info("start-up: %d alerts in doubt had reached Slack before the last stop; marked sent", found)
    scheduler.start()
    soonest = next_poll()
    log.info(
        "wirewatch running: %d sources, %s, store %s, notifiers %s; %s; a summary line every %s",
        len(sources),
        rt.poller.rules.describe(),
        store.url.split("@")[-1],
        ", ".join(rt.notifiers) or "none",
        f"first poll in {span(soonest[1])} ({soonest[0]})" if soonest else "no sources to poll",
        span(round_every),
    )
    try:
        await stop.wait()
    finally:
        log.info("stopping: finishing in-flight polls and deliveries")
        scheduler.pause()
        pending = list(rt.inflight)
        if pending:
            _, late = await asyncio.wait(pending, timeout=SHUTDOWN_GRACE)
            if late:
                log.warning(
                    "%d tasks did not finish within %.0fs; their polls will be redone",
                    len(late),
                    SHUTDOWN_GRACE,
                )
        try:
            await asyncio.wait_for(rt.deliver(), timeout=SHUTDOWN_GRACE)
        except TimeoutError:
            log.warning("final delivery pass timed out; pending alerts stay queued for next start")
        scheduler.shutdown(wait=False)
        if server is not None:
            server.stop()
        await rt.aclose()
        log.info("stopped")
