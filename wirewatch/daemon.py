"""Long-running mode (`run`) and cron mode (`once`) over the same Pipeline.

`run`: APScheduler's AsyncIOScheduler runs one job per source on its interval (jitter, max_instances=1,
coalesce) plus an outbox-draining job. SIGINT/SIGTERM pause the scheduler, let in-flight polls finish and be
saved, drain deliveries once more, then exit. (AsyncIOScheduler.shutdown cancels running coroutines, hence
the explicit drain.)
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import random
import signal
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from collectors.http_fetch import Fetcher
from store.base import Store
from wirewatch.config import Config, SourceConfig
from wirewatch.delivery import DeliveryStats, deliver_due
from wirewatch.pipeline import Pipeline, PollReport
from wirewatch.wiring import build_engine, build_notifiers, fetch_limits

log = logging.getLogger("wirewatch.daemon")
SHUTDOWN_GRACE = 30.0


class Runtime:
    """The parts a running Wirewatch holds, plus single-flight delivery."""

    def __init__(self, config: Config, store: Store, deliver_after_poll: bool = True):
        self.config = config
        self.deliver_after_poll = deliver_after_poll
        self.store = store
        self.notifiers = build_notifiers(config)
        self.fetcher = Fetcher(fetch_limits(config))
        self.pipeline = Pipeline(store, build_engine(config.rules), self.notifiers, self.fetcher)
        self._deliver_lock = asyncio.Lock()
        self._poll_slots = asyncio.Semaphore(config.fetch.max_concurrency)
        self.inflight: set[asyncio.Task[object]] = set()

    async def poll(self, source: SourceConfig) -> PollReport:
        async with self._poll_slots:
            report = await self.pipeline.poll(source)
        if report.alerts and self.deliver_after_poll:
            self.spawn(self.deliver())
        return report

    async def deliver(self) -> DeliveryStats:
        async with self._deliver_lock:
            total = DeliveryStats()
            while True:  # keep draining while whole batches go out
                d = self.config.delivery
                stats = await asyncio.to_thread(
                    deliver_due, self.store, self.notifiers, retry_base=d.retry_base, retry_cap=d.retry_cap
                )
                total.sent += stats.sent
                total.retried += stats.retried
                total.failed += stats.failed
                if stats.sent < 100:
                    return total

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

    async def aclose(self) -> None:
        await self.fetcher.aclose()
        for n in self.notifiers.values():
            n.close()


async def run_once(config: Config, store: Store) -> list[PollReport]:
    rt = Runtime(config, store, deliver_after_poll=False)
    try:
        sources = [s for s in config.sources if s.enabled]
        reports = await asyncio.gather(*(rt.poll(s) for s in sources))
        stats = await rt.deliver()
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


async def run_daemon(config: Config, store: Store, stop: asyncio.Event | None = None) -> None:
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
    for s in sources:
        scheduler.add_job(
            rt.tracked(functools.partial(rt.poll, s)),
            IntervalTrigger(seconds=s.interval, jitter=s.interval * config.jitter or None),
            id=f"poll:{s.id}",
            name=f"poll {s.id}",
            # first polls spread over a couple of seconds instead of all at once
            next_run_time=now + timedelta(seconds=random.uniform(0, min(2.0, s.interval))),
            misfire_grace_time=max(1, int(s.interval)),
        )
    scheduler.add_job(
        rt.tracked(rt.deliver),
        IntervalTrigger(seconds=config.delivery.interval),
        id="deliver",
        next_run_time=now,
        misfire_grace_time=max(1, int(config.delivery.interval)),
    )
    scheduler.start()
    log.info(
        "wirewatch running: %d sources, %d rules, store %s, notifiers %s",
        len(sources),
        len(rt.pipeline.engine.rules),
        store.url.split("@")[-1],
        ", ".join(rt.notifiers) or "none",
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
        await rt.aclose()
        log.info("stopped")
