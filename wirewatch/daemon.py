"""Long-running mode (`run`) and cron mode (`once`) over the same Runtime: the poll shell, the recorder, the
outbox worker, feed health and (with Redis) the fleet, built once from the config.

`run`: APScheduler's AsyncIOScheduler runs one job per source (max_instances=1, coalesce) plus an
outbox-draining job. After each poll the source's job is moved to the `next_poll` the pure schedule decided
(interval with jitter, Retry-After, max-age, backoff); its interval trigger is only a safety net.
A poll that fails on the store is rescheduled by the store's episode (wirewatch/store_health.py: 2 s,
doubling, never past the interval), and a poll that crashes is rescheduled one interval on: no path leaves a
source on the safety net. SIGINT/SIGTERM pause the scheduler, let in-flight polls finish and be saved (for
`shutdown_grace`), cancel what is left quietly (it is redone on the next start), drain deliveries once more,
then exit. (AsyncIOScheduler.shutdown cancels running coroutines and logs each as an error, hence the drain.)

With SQLite, `run` and `once` first claim the store's writer lock (store/writer_lock.py), waiting up to
`store_lock_wait`: two writers on one file would deliver the same alerts. With Redis (or `fleet.coordinate`)
the fleet's leases keep writers apart instead.
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
from domain.formats import span
from domain.source_state import SourceState
from notifier.base import notifier_for
from rules.reload import RuleWatcher
from store.base import Store, StoreReset, StoreUnavailable
from wirewatch.config import Config, SourceConfig
from wirewatch.delivery import DeliverySettings, DeliveryStats, Outbox
from wirewatch.fleet import Fleet
from wirewatch.health import HealthMonitor, ops_notice, ops_targets
from wirewatch.heartbeat import Round, round_period
from wirewatch.metrics import Metrics, MetricsServer, fetch_error_reason
from wirewatch.poll import Poller, PollReport
from wirewatch.recorder import AlertRecorder, RecordSettings
from wirewatch.silence_release import sweep_silences
from wirewatch.source_reload import ConfigReload, ConfigWatcher
from wirewatch.store_health import StoreCondition, StoreIdentity, StoreWatch, store_retry_at
from wirewatch.wiring import build_notifiers, build_router, fetch_limits, load_rules, poll_policy

log = logging.getLogger("wirewatch.daemon")
FIRST_BEAT = 10.0  # the first heartbeat line comes this soon after start, then one per round
# An unchanged poll's new poll times wait this long to be saved with others in one write (see Poller).
WRITE_BEHIND = 1.0


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
        self.deliver_after_poll = deliver_after_poll  # the daemon; `once` delivers at its end
        self.store = store
        self.metrics = Metrics()
        self.watch = StoreWatch()
        self.identity = StoreIdentity(store)
        self.fleet = Fleet(store, config.fleet.lease_timeout, self.metrics) if coordinates(config) else None
        self.notifiers = build_notifiers(config)
        ops = ops_targets(config, self.notifiers)
        router = build_router(config)  # one router: channels at record time, delivery modes at send time
        self.recorder = AlertRecorder(store, self.notifiers, RecordSettings(router, config.notify.dedupe_window))
        settings = DeliverySettings.from_config(config, router)
        self.outbox = Outbox(store, self.notifiers, settings, fleet=self.fleet, ops=ops)
        self.fetcher = Fetcher(fetch_limits(config))
        self.policy = poll_policy(config)
        self.poller = Poller(
            store,
            self.fetcher,
            self.recorder,
            load_rules(config),
            self.policy,
            config.archive.retention,
            identity=self.identity,
            write_behind=WRITE_BEHIND,
        )
        self.health = HealthMonitor(store, ops)
        self._deliver_lock = asyncio.Lock()
        self._poll_slots = asyncio.Semaphore(config.fetch.max_concurrency)
        self.inflight: set[asyncio.Task[object]] = set()
        self.round = Round()  # what the polls since the last heartbeat came to

    async def poll(self, source: SourceConfig) -> PollReport:
        async with self._poll_slots:
            report = await self.poller.poll(source)
        self._count(report)
        if report.fault is not None:
            await self.store_failed(report.fault)
            return report
        if report.outcome != "disabled":  # a disabled source's poll reads its state and writes nothing
            await self.store_ok()
        told = None
        if report.state is not None and self.health.changed(source, report.state, time.time()):
            try:
                told = await asyncio.to_thread(self.health.review, source, report.state, time.time())
            except StoreUnavailable as exc:  # the condition is still there next poll: it is told then
                log.warning("source %s: health not recorded, store unavailable: %s", source.id, exc)
                await self.store_failed(exc)
        if (report.alerts or told) and self.deliver_after_poll:
            self.spawn(self.deliver())
        return report

    def next_poll_at(self, report: PollReport, source: SourceConfig, now: float) -> float:
        """After a store fault: by the episode (never past one interval); else as the poll decided."""
        if report.fault is not None:
            since = self.watch.condition.since or now
            when = store_retry_at(since, now, source.interval, random.random())
            log.warning(
                "source %s: not polled, store unavailable; next try in %.0fs",
                source.id,
                when - now,
                extra={"source": source.id},
            )
            return when
        return next_run(report, source, self.policy, now)

    # --- the store's condition: faults at the poll and delivery boundaries -----------------------------------
    async def store_failed(self, exc: StoreUnavailable) -> None:
        """A store call failed. An episode's start is logged and told to ops once (straight to the ops channel:
        the outbox is in the store); a store that lost its data gets its own notice through the outbox."""
        if exc.kind == "lease":  # a lease that ran out (LeaseLost): the store answered
            return
        if isinstance(exc, StoreReset):
            await self.store_reset(exc)
            return
        was_ok = self.watch.condition.ok
        condition = self.watch.failed(exc, time.time())
        self.metrics.store(condition)
        if was_ok:
            self.metrics.store_faults.labels(condition.status).inc()
            then = "polls and deliveries are put off and retried" if self.deliver_after_poll else "this run stops short"
            log.error("store %s: %s; %s", condition.status, exc, then)
        if not condition.told and self.deliver_after_poll:
            self.watch.mark_told(True)  # before the send: concurrent failures must not tell twice
            if not await self._tell_directly(condition):
                self.watch.mark_told(False)  # try again at the next failure

    async def store_ok(self) -> None:
        """A store write worked (reads may work while writes fail: a full disk, a read-only file): an episode
        going on is over; say so once (through the outbox, now that it works)."""
        ended = self.watch.succeeded(time.time())
        if ended is None:
            return
        self.metrics.store(self.watch.condition)
        lasted = span(time.time() - (ended.since or time.time()))
        log.info("store available again after %s (was %s: %s)", lasted, ended.status, ended.reason)
        if ended.told:
            await self.tell_ops(
                f"Wirewatch store available again after {lasted}; polling and delivery resumed",
                key=f"store-back:{self.fleet.owner if self.fleet else ''}:{ended.since}",
            )

    async def store_reset(self, exc: StoreReset) -> None:
        """The store lost its data (or its file was created again): re-baseline, and tell ops once per loss."""
        self.metrics.store_faults.labels("reset").inc()
        log.error("store reset: %s (%s)", exc.message, exc.advice)
        try:  # adopt the store's new identity (and note the loss, so sources without state re-baseline)
            lost = await asyncio.to_thread(self.identity.verify, time.time())
        except StoreUnavailable as again:
            await self.store_failed(again)
            return
        what = "lost its data" if lost is not None or self.identity.lost_at is not None else "was reopened"
        await self.tell_ops(
            f"Wirewatch store {what}: {exc.message}",
            key=f"store-reset:{self.identity.token}",  # one notice per loss, fleet-wide
            summary=f"{exc.message}. {exc.advice}." if exc.advice else exc.message,
        )

    async def _tell_directly(self, condition: StoreCondition) -> bool:
        """Post the start of a store episode straight to the ops targets (not through the outbox, which is in
        the unavailable store). Once per episode and replica; False when no target took it."""
        owner = self.fleet.owner if self.fleet else ""
        notice = ops_notice(
            f"Wirewatch store {condition.status}: {condition.reason}",
            f"store-down:{owner}:{condition.since}",
            time.time(),
            summary=f"Polls and deliveries are put off and retried until the store works again; "
            f"nothing it accepted is lost. {condition.reason}",
        )
        told = False
        for target in self.health.targets:
            notifier = notifier_for(target, self.notifiers)
            if notifier is None:
                continue
            try:
                outcome = await asyncio.to_thread(notifier.send, notice, target)
            except Exception as exc:  # a notifier bug must not stop the daemon
                log.warning("ops not told of the store fault on %s: %s", target, exc)
                continue
            told = told or outcome.ok
            if not outcome.ok:
                log.warning("ops not told of the store fault on %s: %s", target, outcome.error)
        return told

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
                if stats.fault is not None:
                    await self.store_failed(stats.fault)
                    return total
                if stats:  # a pass that recorded something wrote to the store (one with nothing due only read)
                    await self.store_ok()
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
            when = min(fleet.backoff(now), now + source.interval)
            log.warning(
                "source %s: not polled, store unavailable (%s); retry in %.0fs",
                source.id,
                exc,
                when - now,
                extra={"source": source.id},
            )
            await self.store_failed(exc)
            return when
        async with fleet.renewing(name):
            report = await self.poll(source)
        when = self.next_poll_at(report, source, time.time())
        keep = when - time.time() if report.fault is None else 0.0  # store down: let another replica try
        await asyncio.to_thread(fleet.release, name, keep)
        return when

    def _count(self, report: PollReport) -> None:
        m = self.metrics
        m.poll_done(report.outcome, report.new, report.alerts)
        if report.fault is not None:
            m.fetch_errors.labels("store").inc()
        elif report.outcome == "failed":
            m.fetch_errors.labels(fetch_error_reason(report.message)).inc()
        m.source_state(report.state)
        self.round.add(report.source, report.outcome, report.new, report.alerts)

    def _measure_lag(self) -> None:
        """Queue lag: how long the oldest due delivery has waited past its due time."""
        now = time.time()
        try:
            oldest = self.store.due_deliveries(now, limit=1)
        except StoreUnavailable:  # the next pass meets it too, and reports it
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
        except StoreUnavailable as exc:
            log.warning("digests put off: %s", exc)
            await self.store_failed(exc)
            return
        finally:
            if fleet is not None:
                await asyncio.to_thread(fleet.release, "digests")
        if made:
            await self.deliver()

    def spawn(self, coro: Awaitable[object]) -> None:
        task: asyncio.Task[object] = asyncio.ensure_future(coro)
        self.inflight.add(task)
        task.add_done_callback(self.inflight.discard)

    def tracked(self, fn: Callable[..., Awaitable[object]], name: str = "job") -> Callable[..., Awaitable[object]]:
        """`fn` as a scheduler job: counted in flight, its crash logged. The job's arguments go to `fn` and fill the
        `{}` of `name` ("poll of {}"), so one job function serves every source (a closure per source costs memory)."""

        async def job(*args: object) -> object:
            task = asyncio.current_task()
            if task is not None:
                self.inflight.add(task)
            label = name.format(*args) if args else name
            try:
                return await fn(*args)
            except asyncio.CancelledError:  # only at shutdown, after the grace: the work is redone next start
                log.warning("%s interrupted by shutdown; it is redone on the next start", label)
                return None
            except Exception:
                log.exception("%s crashed; it will run again on schedule", label)
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

    async def tell_ops(self, text: str, key: str | None = None, summary: str = "") -> None:
        """An operator notice through the outbox (ops channel on Slack, else the console): retried, never lost
        once recorded; one per `key`."""
        now = time.time()
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        notice = ops_notice(text.splitlines()[0], key or f"{digest}:{int(now)}", now, summary=summary or text)
        try:
            await asyncio.to_thread(self.store.add_alert, notice, self.health.targets)
        except StoreUnavailable as exc:
            log.warning("ops notice not recorded (store unavailable: %s): %s", exc, text.splitlines()[0])
            return
        if self.deliver_after_poll:
            self.spawn(self.deliver())

    async def aclose(self) -> None:
        self.poller.flush()
        await self.fetcher.aclose()
        for n in self.notifiers.values():
            n.close()


async def claim_store(config: Config, store: Store) -> None:
    """One writer per SQLite file (StoreBusy when another keeps it past `store_lock_wait`); with leases
    (Redis, or `fleet.coordinate: true`) several writers are safe and nothing is claimed."""
    if not coordinates(config):
        await asyncio.to_thread(store.claim_writer, config.store_lock_wait)


async def run_once(config: Config, store: Store) -> list[PollReport]:
    """Every source once, then deliver. Raises the store's fault (StoreUnavailable, or its kinds StoreBusy and
    StoreCorrupt) when it kept a source from being polled or an alert from being sent: cron must be able to
    tell a store outage (exit 3, busy 4) from a feed that failed (exit 1)."""
    await claim_store(config, store)
    rt = Runtime(config, store, deliver_after_poll=False)
    try:
        await asyncio.to_thread(rt.identity.establish)
        await asyncio.to_thread(sweep_silences, store)  # what silences expired early still hold goes out now
        await asyncio.to_thread(rt.outbox.reconcile_pending)  # posts a killed run left in doubt
        sources = [s for s in config.sources if s.enabled]
        reports = await asyncio.gather(*(rt.poll(s) for s in sources))
        faults = [r.fault for r in reports if r.fault is not None]
        try:
            await asyncio.to_thread(rt.outbox.build_digests)
        except StoreUnavailable as exc:
            faults.append(exc)
        stats = await rt.deliver()
        if stats.fault is not None:
            faults.append(stats.fault)
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
        if faults:
            raise faults[0]
        return list(reports)
    finally:
        await rt.aclose()


class PollJobs:
    """The scheduler's poll jobs: one job function for every source (by id, reading the live config, so a reload
    needs no new closure) and one safety-net trigger per interval, shared by the sources that have it. Each poll
    moves its own next run to the time the poll decided; the trigger only catches a poll that never reported."""

    def __init__(self, rt: Runtime, scheduler: AsyncIOScheduler, sources: list[SourceConfig]) -> None:
        self.rt, self.scheduler = rt, scheduler
        self.live = {s.id: s for s in sources}  # the sources being polled, as last configured (reloads change it)
        self.job = rt.tracked(self.poll_source, "poll of {}")
        self.safety_nets: dict[float, IntervalTrigger] = {}

    async def poll_source(self, source_id: str) -> None:
        s = self.live.get(source_id)  # the source as configured now (a reload replaces it in `live`)
        if s is not None:
            await self._poll_and_reschedule(s)

    async def _poll_and_reschedule(self, s: SourceConfig) -> None:
        rt = self.rt
        when = time.time() + s.interval  # whatever happens below, the next poll is within one interval
        try:
            if rt.fleet is not None:
                when = await rt.poll_leased(s)
            else:
                when = rt.next_poll_at(await rt.poll(s), s, time.time())
        except Exception:
            log.exception("source %s: poll crashed; next try in %.0fs", s.id, s.interval, extra={"source": s.id})
        finally:
            current = self.live.get(s.id)
            if current is not None and current is not s:  # reconfigured while polling: a shorter interval applies
                when = min(when, time.time() + current.interval)
            with contextlib.suppress(JobLookupError):  # gone during shutdown, or the source was removed
                self.scheduler.modify_job(f"poll:{s.id}", next_run_time=datetime.fromtimestamp(when).astimezone())

    def schedule(self, s: SourceConfig, start: float) -> None:
        every = max(s.interval, self.rt.policy.backoff_cap) * 2
        self.scheduler.add_job(
            self.job,
            self.safety_nets.setdefault(every, IntervalTrigger(seconds=every)),
            args=(s.id,),
            id=f"poll:{s.id}",
            name=f"poll {s.id}",
            next_run_time=datetime.fromtimestamp(start).astimezone(),
            misfire_grace_time=None,  # a late poll still runs (late is better than hours later)
            replace_existing=True,
        )


async def run_daemon(
    config: Config, store: Store, stop: asyncio.Event | None = None, config_path: Path | None = None
) -> None:
    """Until SIGINT/SIGTERM (or `stop`). Raises StoreBusy when another process writes to the SQLite file.
    `config_path`: the file `config` came from, watched for source changes (None: no source reload)."""
    await claim_store(config, store)
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
    if warning := await asyncio.to_thread(store.durability_warning):
        log.warning("store: %s", warning)
    try:
        await asyncio.to_thread(rt.identity.establish)
        states = {st.source_id: st for st in await asyncio.to_thread(store.list_source_states)}
    except StoreUnavailable as exc:
        log.warning("cannot read source states (%s); polling every source now", exc)
        await rt.store_failed(exc)
        states = {}
    for st in states.values():
        rt.metrics.source_state(st)

    polls = PollJobs(rt, scheduler, sources)
    live, schedule = polls.live, polls.schedule

    for s in sources:
        schedule(s, first_run(states.get(s.id), s, rt.policy, now.timestamp()))
    scheduler.add_job(
        rt.tracked(rt.deliver, "delivery"),
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
        rt.tracked(reload_rules, "rule reload"),
        IntervalTrigger(seconds=1),
        id="rules-reload",
        misfire_grace_time=5,
        coalesce=True,
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
        rt.tracked(functools.partial(asyncio.to_thread, rt.prune_archive), "archive pruning"),
        IntervalTrigger(hours=6),
        id="archive-prune",
        next_run_time=datetime.now().astimezone(),
        misfire_grace_time=3600,
    )
    scheduler.add_job(
        rt.tracked(rt.digest, "digests"),
        IntervalTrigger(seconds=min(60.0, config.notify.digest.period / 4)),
        id="digest",
        misfire_grace_time=60,
    )

    async def beat() -> None:  # on the loop itself (not a worker thread): it proves the loop is alive
        rt.metrics.beat()

    scheduler.add_job(rt.tracked(beat, "heartbeat"), IntervalTrigger(seconds=5), id="heartbeat", misfire_grace_time=5)
    scheduler.add_job(  # releases a silence's alerts once it is expired early, should a release be missed
        rt.tracked(functools.partial(asyncio.to_thread, sweep_silences, store, 3600.0), "silences"),
        IntervalTrigger(seconds=60),
        id="silences",
        misfire_grace_time=60,
    )
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
    interactive = None  # readers' buttons: Slack's SDK and the handlers load only when they are on
    if config.notify.interactive.enabled:
        from wirewatch.interactive.service import start_interactive

        interactive = start_interactive(config, store, lambda: rt.poller.rules)
    await asyncio.to_thread(sweep_silences, store)
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
        await drain(scheduler, rt, config.shutdown_grace)
        if server is not None:
            server.stop()
        if interactive is not None:
            interactive.stop()
        await rt.aclose()
        log.info("stopped")


async def drain(scheduler: AsyncIOScheduler, rt: Runtime, grace: float) -> None:
    """A clean stop: nothing new starts; what runs gets `grace` seconds; what is still running then is
    cancelled quietly (a poll not saved is redone on the next start, a send in doubt is checked then); one last
    delivery pass. Only then is the scheduler shut down, with nothing left for it to cancel (it would log each
    cancelled job as an error)."""
    log.info("stopping: finishing in-flight polls and deliveries")
    scheduler.pause()
    for _ in range(3):  # jobs handed to the loop just before the pause start now, and so are tracked
        await asyncio.sleep(0)
    pending = list(rt.inflight)
    if pending:
        _, late = await asyncio.wait(pending, timeout=grace)
        if late:
            log.warning("%d tasks did not finish within %.0fs; their polls will be redone", len(late), grace)
            for task in late:
                task.cancel()
            await asyncio.wait(late, timeout=5.0)
    try:
        await asyncio.wait_for(rt.deliver(), timeout=grace)
    except TimeoutError:
        log.warning("final delivery pass timed out; pending alerts stay queued for next start")
    scheduler.shutdown(wait=False)
