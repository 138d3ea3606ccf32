"""The store's condition as this process sees it through its own calls, and what follows from it.

A store fault (SQLite unwritable, full, damaged, locked; Redis unreachable or refusing writes) is an
*episode*: it starts with the first failed call at a poll or delivery boundary and ends with a write that
succeeds once no call has failed for `SETTLE` seconds (a nearly full disk takes some writes and refuses
others: one episode, not a notice for every flap). During it, polls are retried after as long as the episode
has lasted (2 s, then doubling), never later than the source's interval, so polling resumes within one
interval of the store's return and never falls back to the scheduler's safety net. `/healthz`,
`wirewatch_store_up` and the log say so; ops hear once when it starts (sent straight to the ops channel: the
outbox lives in the store) and once when it ends.

A store that *lost its memory* is another matter: a Redis restarted without persistence, a database file
deleted and created again. Its identity marker (a random token written when first used, checked before each
poll records anything) is gone or different. Every source without state then re-baselines on its next poll
(records what its feed lists, alerts nothing) instead of re-posting everything, and ops hear once.

`store_retry_at` and `StoreCondition` are pure; `StoreWatch` and `StoreIdentity` hold the state.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, replace

from store.base import Store, StoreReset, StoreUnavailable

STORE_RETRY_MIN = 2.0  # seconds: the first retry after a store fault
SETTLE = 30.0  # seconds without a failed call before a working write ends an episode
IDENTITY_KEY = "identity"


@dataclass(frozen=True, slots=True)
class StoreCondition:
    status: str = "ok"  # ok | unavailable | busy | corrupt
    reason: str = ""  # the fault's message, advice included
    since: float | None = None  # when the episode began
    last_failure: float | None = None
    told: bool = False  # ops were told this episode began

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def store_retry_at(since: float, now: float, interval: float, jitter: float = 0.0) -> float:
    """When to poll again during a store fault: after as long as the fault has lasted (at least 2 s), never
    later than one `interval`; `jitter` in [0, 1) takes up to a quarter off so sources do not retry in step."""
    wait = min(interval, max(STORE_RETRY_MIN, now - since))
    return now + wait * (1.0 - 0.25 * jitter)


class StoreWatch:
    """The current episode, shared by the event loop and worker threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.condition = StoreCondition()

    def failed(self, exc: StoreUnavailable, now: float) -> StoreCondition:
        """Record a failed call; returns the episode (begun now, or earlier)."""
        with self._lock:
            status = exc.kind if exc.kind in ("busy", "corrupt") else "unavailable"
            was = self.condition
            if was.ok:
                self.condition = StoreCondition(status, str(exc), since=now, last_failure=now)
            else:
                self.condition = replace(was, status=status, reason=str(exc), last_failure=now)
            return self.condition

    def mark_told(self, told: bool) -> None:
        with self._lock:
            if not self.condition.ok:
                self.condition = replace(self.condition, told=told)

    def succeeded(self, now: float) -> StoreCondition | None:
        """Record a write that worked; returns the episode it ended, if one was going on and has settled."""
        with self._lock:
            c = self.condition
            if c.ok or (c.last_failure is not None and now - c.last_failure < SETTLE):
                return None
            self.condition = StoreCondition()
            return c


class StoreIdentity:
    """The marker that tells a store that lost its data from the one this process started with."""

    def __init__(self, store: Store):
        self.store = store
        self.token: str | None = None
        self.lost_at: float | None = None  # when this process first found the store had lost its data
        self._lock = threading.Lock()

    def establish(self) -> str:
        """Write a marker if the store has none (first use, or after a loss), and adopt the one it has: every
        replica of a fleet ends up with the same token."""
        self.store.set_meta(IDENTITY_KEY, secrets.token_hex(8), if_missing=True)
        token = self.store.get_meta(IDENTITY_KEY)
        if token is None:  # written and gone at once: the store is being reset under us
            raise StoreUnavailable("the store did not keep its identity marker")
        self.token = token
        return token

    def verify(self, now: float) -> StoreReset | None:
        """The loss, if the marker is gone or different since we adopted it (then adopt the new one)."""
        with self._lock:
            current = self.store.get_meta(IDENTITY_KEY)
            if self.token is None:  # the store was down when we started
                self.token = current or self.establish()
                return None
            if current == self.token:
                return None
            self.lost_at = self.lost_at or now
            self.establish()
        cause = "came back empty" if current is None else "holds another store's data"
        return StoreReset(
            f"the store {cause}: its identity marker changed since this process started (a Redis restarted "
            "without persistence, a database file deleted or replaced)",
            "sources without state re-baseline on their next poll (no alert for what their feeds list now); "
            "alerts queued but not sent before the loss are gone; run Redis with appendonly yes and "
            "appendfsync always",
        )

    def unchanged(self) -> bool:
        """Whether the store still holds the data adopted (no side effect: `verify` reports a loss)."""
        with self._lock:
            return self.token is not None and self.store.get_meta(IDENTITY_KEY) == self.token

    def rebaseline(self, has_state: bool) -> bool:
        """After a loss, a source that has no state records a baseline whatever its `on_first_fetch` says:
        what its feed lists now was (most likely) alerted before the loss."""
        return self.lost_at is not None and not has_state


def probe(store: Store, now: float) -> StoreUnavailable | None:
    """Can the store be written to right now? (`wirewatch sources`: reads may work while writes fail.) One
    tiny write, a note of when; the fault when it fails."""
    try:
        store.set_meta("probe", repr(now))
    except StoreUnavailable as exc:
        return exc
    return None
