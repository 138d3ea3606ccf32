"""The one interface both backends implement; the shared contract tests in tests/ hold them to it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from domain.alert import Alert
from domain.delivery import Delivery
from domain.item import Item
from domain.judgements import Silence, Verdict
from domain.observation import Observation
from domain.source_state import SourceState


class StoreUnavailable(Exception):
    """The backend cannot be used right now (unreachable, unwritable, full, locked, damaged); callers put the
    work off and retry later, losing nothing the store had accepted. `advice` says what an operator can do."""

    kind = "unavailable"

    def __init__(self, message: str, advice: str = ""):
        super().__init__(message)
        self.message = message
        self.advice = advice

    def __str__(self) -> str:
        return f"{self.message} ({self.advice})" if self.advice else self.message


class StoreBusy(StoreUnavailable):
    """Another process holds the store's writer lock (SQLite: one `run` or `once` per file at a time)."""

    kind = "busy"


class StoreCorrupt(StoreUnavailable):
    """The database is damaged (not a database, malformed pages): retrying cannot help, an operator must act."""

    kind = "corrupt"


class StoreReset(StoreUnavailable):
    """The store lost what it held (its file was deleted and created again, or it came back empty): the
    operation in progress was not applied; what comes next starts from an empty store."""

    kind = "reset"


class Store(ABC):
    url: str
    # True when a call does no network I/O and returns in well under a millisecond (SQLite on a local disk):
    # a poll then makes its store calls on the event loop, as it does its parsing, rather than paying two
    # thread hops per poll that buy no parallelism under the GIL. A networked store (Redis) keeps them off
    # the loop, where a slow or unreachable server would stall every poll.
    local_calls: bool = False

    # --- sources -------------------------------------------------------------------------------------
    @abstractmethod
    def get_source_state(self, source_id: str) -> SourceState | None: ...

    @abstractmethod
    def save_source_state(self, state: SourceState) -> None: ...

    @abstractmethod
    def save_source_states(self, states: Sequence[SourceState]) -> None:
        """Several at once, in one write: a poll round's unchanged sources (see `Poller`'s write-behind)."""

    @abstractmethod
    def list_source_states(self) -> list[SourceState]: ...

    # --- seen entries --------------------------------------------------------------------------------
    @abstractmethod
    def unseen(self, source_id: str, entry_ids: Sequence[str]) -> list[str]:
        """The ids not yet recorded for this source, in the order given."""

    @abstractmethod
    def mark_seen(self, source_id: str, entry_ids: Sequence[str], at: float) -> None: ...

    # --- alerts and their outbox ---------------------------------------------------------------------
    @abstractmethod
    def add_alert(self, alert: Alert, targets: Sequence[str], *, silenced: str | None = None) -> bool:
        """Record the alert and queue one delivery per target, atomically. False if the id already exists.
        `silenced` (the reason, "silenced by <id> until <end>"): the deliveries are recorded `silenced`, not
        pending — kept and listed, never sent unless released (issue 12)."""

    @abstractmethod
    def get_alert(self, alert_id: str) -> Alert | None: ...

    @abstractmethod
    def due_deliveries(self, now: float, limit: int = 100) -> list[Delivery]:
        """Pending deliveries whose next attempt is due, oldest first."""

    @abstractmethod
    def mark_sent(self, alert_id: str, target: str, ref: str | None, now: float) -> None: ...

    @abstractmethod
    def mark_retry(
        self, alert_id: str, target: str, error: str, next_attempt: float, now: float, *, in_doubt: bool = False
    ) -> None:
        """Only a pending delivery is retried. `in_doubt`: this attempt may have landed (keep `in_doubt_since`);
        otherwise the doubt is cleared (the caller reconciled before this attempt, and it did not land)."""

    @abstractmethod
    def mark_failed(self, alert_id: str, target: str, error: str, now: float) -> None:
        """Dead-letter: a permanent error; kept with its reason until retried by hand."""

    @abstractmethod
    def deliveries(self, alert_id: str) -> list[Delivery]: ...

    @abstractmethod
    def recent_alerts(self, limit: int = 50) -> list[Alert]:
        """Newest first."""

    # --- delivery guarantees (issue 6): in-doubt sends, digests, budgets, event keys -------------------
    @abstractmethod
    def begin_attempt(self, alert_id: str, target: str, now: float) -> None:
        """Record, before a send, that it may land: a pending delivery gets `in_doubt_since = now`."""

    @abstractmethod
    def hold(self, alert_id: str, target: str, reason: str, now: float) -> None:
        """Park a pending delivery for the next digest (status `held`, the reason in `last_error`)."""

    @abstractmethod
    def deliveries_in(self, status: str, limit: int = 1000) -> list[Delivery]:
        """Deliveries in status `pending` (by next attempt), `held`, `failed` or `silenced` (by last update),
        oldest first."""

    @abstractmethod
    def add_digest(self, digest: Alert, target: str, members: Sequence[str]) -> bool:
        """Atomically record the digest alert with one pending delivery to `target`, and mark each member
        alert's held delivery to `target` as `digested` (ref: the digest id). False if the digest exists."""

    @abstractmethod
    def requeue_failed(self, alert_id: str | None, now: float) -> int:
        """Dead letters back to pending, due now, attempts reset (one alert's, or all when None). Count."""

    @abstractmethod
    def take_budget(self, key: str, window: float, limit: int) -> bool:
        """Use one unit of `key`'s budget in the window starting at `window`; False when `limit` is used up."""

    @abstractmethod
    def claim_keys(self, keys: Sequence[str], alert_id: str, now: float, window: float) -> dict[str, str]:
        """For each key, its owner: the alert that claimed it within `window` seconds before `now`, else
        `alert_id`, which claims it now. Claiming again with the same alert id is harmless (crash redo)."""

    # --- fleet leases (issue 7): one replica per source poll, per delivery lane ---------------------------
    @abstractmethod
    def acquire_lease(self, name: str, owner: str, ttl: float) -> bool:
        """Take lease `name` for `ttl` seconds if nobody holds it (Redis: SET NX PX). Not re-entrant: a lease
        the same owner still holds is not taken again, so a kept-idle lease blocks its owner too."""

    @abstractmethod
    def renew_lease(self, name: str, owner: str, ttl: float) -> bool:
        """Extend our lease to `ttl` seconds from now. False when it expired or another owner holds it."""

    @abstractmethod
    def release_lease(self, name: str, owner: str, keep: float = 0.0) -> bool:
        """Give up our lease now, or keep it idle for `keep` more seconds ("done until then": nobody takes
        it before). False when it was not ours (expired, or taken over)."""

    @abstractmethod
    def lease(self, name: str) -> tuple[str, float] | None:
        """The lease's owner and its seconds left, or None when free."""

    # --- item archive (for `wirewatch replay`) ---------------------------------------------------------
    @abstractmethod
    def archive_items(self, items: Sequence[Item], at: float) -> None:
        """Keep new items for backtests; an item already archived keeps its first time."""

    @abstractmethod
    def archived_items(self, since: float, limit: int | None = None) -> list[Item]:
        """Items archived at or after `since`, oldest first."""

    @abstractmethod
    def prune_archive(self, before: float) -> int:
        """Drop items archived before `before` (retention); returns how many went."""

    # --- series observations ------------------------------------------------------------------------
    @abstractmethod
    def observations(self, series: str) -> list[Observation]:
        """Every stored observation of one series, oldest period first."""

    @abstractmethod
    def save_observations(self, observations: Sequence[Observation]) -> None:
        """Insert or replace by (series, period), atomically: a revision overwrites value and vintage."""

    @abstractmethod
    def close(self) -> None: ...

    # --- the store's own notes (issue 14): its identity marker, channel ids learnt from Slack's answers ------
    @abstractmethod
    def get_meta(self, key: str) -> str | None: ...

    @abstractmethod
    def set_meta(self, key: str, value: str, *, if_missing: bool = False) -> bool:
        """Write a note; with `if_missing`, only when the key has none (False, nothing written, otherwise)."""

    def durability_warning(self) -> str | None:
        """Why what this store acknowledges might not survive a restart, if it is so configured (checked at
        start: a Redis without an append-only file loses every seen mark and queued alert when it restarts)."""
        return None

    @abstractmethod
    def claim_writer(self, wait: float) -> None:
        """Become the only process writing to this store, for as long as it stays open; wait up to `wait`
        seconds for another to finish, else raise StoreBusy. A store shared by design (Redis, whose fleet
        leases make writers safe side by side) claims nothing."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- readers' silences and verdicts (issue 12) -------------------------------------------------------
    @abstractmethod
    def add_silence(self, silence: Silence) -> bool:
        """Record a silence; False (and nothing changes) if its id exists: a redelivered action is harmless."""

    @abstractmethod
    def get_silence(self, silence_id: str) -> Silence | None: ...

    @abstractmethod
    def silences(self, now: float | None = None) -> list[Silence]:
        """Every silence ever made, newest first (audit); with `now`, only those not ended by then (active or
        still to start), which is what matching needs."""

    @abstractmethod
    def expire_silence(self, silence_id: str, by: str, at: float) -> bool:
        """End a silence early at `at`, noting who. False when unknown or already ended; the record stays."""

    @abstractmethod
    def add_verdict(self, verdict: Verdict) -> bool:
        """Record a reader's verdict; False (and nothing changes) if its id exists."""

    @abstractmethod
    def release_silenced(self, alert_id: str, target: str, now: float) -> bool:
        """A silenced delivery back to pending, due now, atomically and once: False (nothing changes) when it is
        not silenced (released already, by this or another replica)."""

    @abstractmethod
    def reassign_silenced(self, alert_id: str, target: str, reason: str, now: float) -> bool:
        """A silenced delivery stays silenced under a new reason (another silence holds it). False when it is
        not silenced."""

    @abstractmethod
    def verdicts(self, since: float = 0.0, until: float | None = None, alert_id: str | None = None) -> list[Verdict]:
        """Verdicts given in [since, until), optionally on one alert, oldest first."""
