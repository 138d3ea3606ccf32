"""Several replicas on one Redis: leases in the store decide who polls a source and who sends to a target.

- `poll:<source id>`: taken (SET NX PX `lease_timeout`) before a poll, renewed while it runs, then kept idle
  until the source's next poll time. The fleet-wide schedule lives in that expiry: other replicas find the
  lease held, look again when it runs out, and one of them (often the same) takes the next poll.
- `deliver:<target>`: one replica drains a target's lane at a time; it renews the lease between sends and
  re-reads each delivery before sending it (another replica may have settled it since the pass began).
- `digests`: one replica builds digests at a time.

A replica that dies stops renewing: its leases run out within `lease_timeout` and the others take over;
its deliveries are in the store's outbox, in doubt if it died mid-send, and the outbox's reconciliation
settles them. No leader, no membership list: the store is the only thing replicas share.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import secrets
import socket
import threading
import time
from collections.abc import AsyncIterator

from store.base import Store, StoreUnavailable
from wirewatch.metrics import Metrics

log = logging.getLogger("wirewatch.fleet")
OUTAGE_BACKOFF_CAP = 30.0


class LeaseLost(StoreUnavailable):
    """Our lease ran out (we stalled) and may be another replica's now: stop the leased work here. The store
    itself is fine: this is no store fault."""

    kind = "lease"


def replica_id() -> str:
    """Unique per process: a restarted replica never mistakes its predecessor's leases for its own."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def kind_of(name: str) -> str:
    return name.partition(":")[0]


class Fleet:
    def __init__(self, store: Store, lease_timeout: float, metrics: Metrics, owner: str | None = None):
        self.store = store
        self.ttl = lease_timeout
        self.metrics = metrics
        self.owner = owner or replica_id()
        self._renewed: dict[str, float] = {}  # leases held now → when last taken or renewed (monotonic)
        self._outages = 0
        self._lock = threading.Lock()  # delivery lanes run in several threads

    # --- sync: called from worker threads ------------------------------------------------------------------
    def acquire(self, name: str) -> bool:
        got = self._ok(self.store.acquire_lease(name, self.owner, self.ttl))
        if got:
            with self._lock:
                self._renewed[name] = time.monotonic()
            self.metrics.leases_taken.labels(kind_of(name)).inc()
            self._gauge(name)
        return got

    def keep(self, name: str) -> None:
        """Renew if a third of the lease has passed; raise LeaseLost if it is no longer ours."""
        last = self._renewed.get(name)
        if last is not None and time.monotonic() - last < self.ttl / 3:
            return
        if not self._ok(self.store.renew_lease(name, self.owner, self.ttl)):
            self._forget(name)
            raise LeaseLost(f"lease {name} lost (expired or taken over)")
        with self._lock:
            self._renewed[name] = time.monotonic()

    def release(self, name: str, keep: float = 0.0) -> None:
        """Give the lease up (or keep it idle for `keep` s). An outage just lets it run out by itself."""
        self._forget(name)
        try:
            if not self._ok(self.store.release_lease(name, self.owner, keep)):
                log.warning("lease %s had run out before release: another replica may have done the same work", name)
        except StoreUnavailable as exc:
            log.warning("lease %s not released (%s); it expires within %.0fs", name, exc, self.ttl)

    def next_look(self, name: str, now: float) -> float:
        """When to try a lease someone else holds: as it runs out, spread a little so replicas do not stampede."""
        held = self.store.lease(name)
        left = held[1] if held is not None else 0.0
        return now + left + random.uniform(0.05, 0.5)

    def backoff(self, now: float) -> float:
        """After a store outage: 1, 2, 4 … 30 s with jitter, so replicas reconnect without a thundering herd."""
        self._outages += 1
        delay = min(OUTAGE_BACKOFF_CAP, 2.0 ** min(self._outages - 1, 10))
        return now + delay / 2 + random.random() * delay / 2

    def _ok(self, value: bool) -> bool:
        if self._outages:
            log.info("store reachable again after %d failed lease calls", self._outages)
            self._outages = 0
        return value

    def _forget(self, name: str) -> None:
        with self._lock:
            self._renewed.pop(name, None)
        self._gauge(name)

    def _gauge(self, name: str) -> None:
        kind = kind_of(name)
        with self._lock:
            held = sum(1 for n in self._renewed if kind_of(n) == kind)
        self.metrics.leases.labels(kind).set(held)

    # --- async: around a coroutine -------------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def renewing(self, name: str) -> AsyncIterator[None]:
        """Renew the lease every third of its timeout while the body runs."""

        async def renew() -> None:
            while True:
                await asyncio.sleep(self.ttl / 3)
                try:
                    await asyncio.to_thread(self.keep, name)
                except LeaseLost as exc:
                    log.warning("%s; the poll goes on (recording is idempotent)", exc)
                    return
                except StoreUnavailable as exc:
                    log.warning("lease %s not renewed: %s", name, exc)

        task = asyncio.create_task(renew())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
