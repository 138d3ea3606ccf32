"""The poll shell: one poll of one source, whatever its type — state, fetch, decide, record, save.

    stored state ─→ fetch (conditional) ─→ gone? failed? not modified? same bytes?  (collectors/update.py)
                                        └→ otherwise the source's reader says what the body means
                                           (wirewatch/readers/: plan, alerts, commit)
    ─→ redirects and the next poll ─→ record alerts (wirewatch/recorder.py) ─→ commit ─→ save state

Order matters for "never lost, never twice": alerts are recorded (idempotently, by deterministic id) before
the store remembers what made them (entries seen, observations), and the source state is saved last. A crash
anywhere redoes the poll; re-recording an alert is a no-op. Every log line of a poll names the source.

A store fault anywhere in a poll ends it with the fault in `PollReport.fault` (the caller reschedules and
reports it); nothing of that poll is half-remembered. Before recording, the store's identity is checked: one
that lost its data (wirewatch/store_health.py) fails the poll with StoreReset, and from then on a source whose
state is gone re-baselines rather than alerting on everything its feed lists. Polls run side by side: when
another poll found the loss after this one had read its state (the marker adopted meanwhile), this poll's
reading belongs to the lost store, so it is dropped and the poll made again (then it re-baselines).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from dataclasses import dataclass, field

from collectors.http_fetch import Fetcher, FetchResult
from collectors.schedule import PollPolicy
from collectors.update import (
    body_digest,
    fetch_url,
    finish,
    initial_state,
    is_unchanged,
    only_timing_changed,
    plan_failure,
    plan_gone,
    plan_not_modified,
    reconcile,
)
from domain.formats import utc_stamp
from domain.source_state import SourceState
from rules.ruleset import RuleSet
from store.base import Store, StoreUnavailable
from wirewatch.config import SourceConfig
from wirewatch.readers import reader_for
from wirewatch.readers.base import Commit, Fetched, Reading
from wirewatch.recorder import AlertRecorder
from wirewatch.store_health import StoreIdentity

log = logging.getLogger("wirewatch.poll")


@dataclass(frozen=True, slots=True)
class PollReport:
    source: str
    outcome: str  # not_modified | baseline | updated | failed | disabled
    new: int = 0
    alerts: int = 0
    message: str | None = None
    state: SourceState | None = None  # as saved after this poll; None when the store could not be used
    detail: str | None = None  # the reader's words for what it read
    fault: StoreUnavailable | None = field(default=None, compare=False)  # the store fault that ended the poll


class _ReadBeforeLoss(Exception):
    """This poll read the store before a loss that another poll found first: what it read is not to be used."""


class Poller:
    def __init__(
        self,
        store: Store,
        fetcher: Fetcher,
        recorder: AlertRecorder,
        rules: RuleSet,
        policy: PollPolicy | None = None,
        archive_retention: float = 30 * 86400.0,
        identity: StoreIdentity | None = None,
        write_behind: float = 0.0,
    ):
        self.store = store
        self.identity = identity  # checked before recording: a store that lost its data is not written blindly
        self.fetcher = fetcher
        self.recorder = recorder
        self.rules = rules  # swapped whole on a rule reload; each poll takes one reference
        self.policy = policy or PollPolicy()
        self.archive_retention = archive_retention  # seconds new items are kept for `wirewatch replay`; 0: none
        # Seconds an unchanged poll's state may wait to be saved with others in one write (0: each at once).
        # Only with a local store, whose calls are made on the event loop; only a state that learned nothing
        # but its poll times (`only_timing_changed`), so a crash meanwhile costs an early poll, never an alert.
        self.write_behind = write_behind if store.local_calls else 0.0
        self._behind: dict[str, SourceState] = {}
        self._behind_epoch: str | None = None  # the identity marker of the store those states were read from
        self._verified_at = 0.0  # when the store's identity was last checked
        self._flush_at: asyncio.TimerHandle | None = None

    async def poll(self, source: SourceConfig) -> PollReport:
        for _ in range(3):
            try:
                return await self._poll(source)
            except _ReadBeforeLoss:
                log.info("source %s: the store lost its data during this poll; polling again", source.id)
        message = "the store kept losing its data while this source was polled"
        return PollReport(source.id, "failed", message=message, fault=StoreUnavailable(message))

    async def _poll(self, source: SourceConfig) -> PollReport:
        inline = self.store.local_calls  # a local store: its calls and the poll's CPU work stay on the loop
        epoch = self.identity.token if self.identity is not None else None  # the store this poll reads
        if self._behind and self._behind_epoch != epoch:
            self._behind.clear()  # read from a store since found lost (by this poll shell or by the daemon)
        try:
            if inline:
                stored = self._behind.get(source.id) or self.store.get_source_state(source.id)
            else:
                stored = await asyncio.to_thread(self.store.get_source_state, source.id)
        except StoreUnavailable as exc:
            return PollReport(source.id, "failed", message=f"store unavailable: {exc}", fault=exc)
        if self.identity is not None and self.identity.rebaseline(has_state=stored is not None):
            source = source.model_copy(update={"on_first_fetch": "baseline"})
        prev = reconcile(stored or initial_state(source.id), source.url)
        if prev.disabled:  # a gone feed stays visible and named in the log, but is not fetched again
            report = PollReport(source.id, "disabled", message=prev.disabled, state=prev)
            log_report(report)
            return report
        fetch = await self.fetcher.fetch(fetch_url(prev, source.url), prev.etag, prev.last_modified)
        try:
            if inline:
                report = self.settle(source, prev, fetch, stored, epoch)
            else:
                report = await asyncio.to_thread(self.settle, source, prev, fetch, None, epoch)
        except StoreUnavailable as exc:
            return PollReport(source.id, "failed", message=f"store unavailable: {exc}", fault=exc)
        log_report(report)
        return report

    def settle(
        self,
        source: SourceConfig,
        prev: SourceState,
        fetch: FetchResult,
        stored: SourceState | None = None,
        epoch: str | None = None,
    ) -> PollReport:
        """Decide, record, commit, save. On the event loop with a local store (the work holds the GIL anyway;
        a thread would only add switching), else in a worker thread (a networked store's calls block).
        `stored`: the state as the store holds it, when known (a save that changes only poll times may wait);
        `epoch`: the identity marker adopted when the poll read its state."""
        now = time.time()
        reading = self.read(source, prev, fetch, now)  # reads the store at most: nothing is written before the check
        plan, adopted = finish(reading.plan, fetch, source.interval, self.policy, now, random.random())
        c = reading.commit
        # A poll that learned only its poll times writes nothing now; the flush checks the store's identity itself.
        later = (
            self.write_behind > 0
            and stored is not None
            and not reading.alerts
            and not (c.archive or c.seen or c.observations)
            and only_timing_changed(stored, plan.state)
        )
        # (and a poll that writes nothing still checks once per write-behind delay, so a loss is found as soon)
        due = not later or now - self._verified_at >= self.write_behind
        if due and self.identity is not None:
            self._verified_at = now
            if (lost := self.identity.verify(now)) is not None:
                self._behind.clear()  # states of the store that was lost: not to be written into its successor
                raise lost
        if self.identity is not None and epoch is not None and self.identity.token != epoch:
            raise _ReadBeforeLoss  # another poll found the loss after this one read the lost store (checked even
            # when the save may wait: that state, saved into the new store, would hide its loss from the next poll)
        if adopted:
            log.warning(
                "source %s: permanent redirect persisted for %d polls; now polling %s (update the config's url)",
                source.id,
                self.policy.redirect_persist,
                adopted,
                extra={"source": source.id},
            )
        created = self.recorder.record(reading.alerts, now)
        self.commit(source.id, c, now)
        if later:
            self._save_later(plan.state)
        else:
            self._behind.pop(source.id, None)
            self.store.save_source_state(plan.state)
        return PollReport(source.id, plan.outcome, reading.new, created, plan.message, plan.state, reading.detail)

    def read(self, source: SourceConfig, prev: SourceState, fetch: FetchResult, now: float) -> Reading:
        """What this fetch means. Every kind of source fails, backs off and goes unchanged alike; only a body
        that changed goes to the source's reader."""
        if fetch.gone:
            return Reading(plan_gone(prev, fetch, now))
        if not fetch.ok:
            return Reading(plan_failure(prev, fetch.error or "unknown error", now))
        if fetch.not_modified:
            return Reading(plan_not_modified(prev, fetch, now))
        body = fetch.body or b""
        digest = body_digest(body)
        if is_unchanged(prev, fetch, digest):  # a 200 repeating what we have: nothing to read
            return Reading(plan_not_modified(prev, fetch, now, body_hash=digest))
        got = Fetched(fetch, body, digest)
        return reader_for(source.type).read(source, prev, got, self.rules, self.store, now)

    def _save_later(self, state: SourceState) -> None:
        self._behind[state.source_id] = state
        self._behind_epoch = self.identity.token if self.identity is not None else None
        if self._flush_at is None:
            self._flush_at = asyncio.get_running_loop().call_later(self.write_behind, self.flush)

    def flush(self) -> None:
        """Save the states waiting in the write-behind, in one write. A store fault keeps them waiting for the
        next flush (a newer state of a source replaces its older one meanwhile); a store that lost its data
        gets none of them (the next poll of each source finds it out, as any poll does)."""
        if self._flush_at is not None:
            self._flush_at.cancel()
            self._flush_at = None
        if not self._behind:
            return
        try:
            if self.identity is not None and (
                self._behind_epoch != self.identity.token or not self.identity.unchanged()
            ):
                self._behind.clear()  # the next poll's check reports the loss (or the daemon adopted it already)
                return
            self.store.save_source_states(list(self._behind.values()))
        except StoreUnavailable as exc:
            log.warning("poll times of %d sources not saved yet (store unavailable: %s)", len(self._behind), exc)
            with contextlib.suppress(RuntimeError):  # no running loop (closing): they are lost, harmlessly
                self._flush_at = asyncio.get_running_loop().call_later(self.write_behind, self.flush)
            return
        self._behind.clear()

    def commit(self, source_id: str, commit: Commit, now: float) -> None:
        """What the store remembers once the alerts are safe."""
        if commit.archive and self.archive_retention > 0:  # before marking seen: a crash re-archives, harmlessly
            self.store.archive_items(commit.archive, now)
        if commit.seen:
            self.store.mark_seen(source_id, commit.seen, now)
        if commit.observations:
            self.store.save_observations(commit.observations)


def log_report(r: PollReport) -> None:
    """One line per poll, the same shape for every kind of source, always naming it."""
    extra = {"source": r.source}  # bound for JSON logs
    if r.outcome == "failed":
        st = r.state
        if st is not None and st.next_poll is not None:
            wait = max(0.0, st.next_poll - time.time())
            log.warning(
                "source %s: fetch failed: %s; failure %d in a row, next try at %s (in %.0fs)",
                r.source,
                r.message,
                st.consecutive_failures,
                utc_stamp(st.next_poll),
                wait,
                extra=extra,
            )
        else:
            log.warning("source %s: fetch failed: %s", r.source, r.message, extra=extra)
    elif r.outcome == "disabled":
        log.error(
            "source %s: disabled: %s; not polled again until its url is changed in the config",
            r.source,
            r.message,
            extra=extra,
        )
    elif r.outcome == "baseline":
        log.info("source %s: %s", r.source, r.detail or "baseline recorded", extra=extra)
    elif r.outcome == "updated":
        log.info("source %s: %s, %d alerts", r.source, r.detail or f"{r.new} new", r.alerts, extra=extra)
        if r.message:
            log.debug("source %s: note: %s", r.source, r.message, extra=extra)
    else:
        log.debug("source %s: not modified", r.source, extra=extra)
