"""Record time: an alert becomes an outbox record with everything decided that can be decided now.

For each alert a poll produced, in order:
  - `realert:` — a repeat of what its rule alerted within the window (by the rule's key) is dropped;
  - its event key (notifier/events.py: the parties, company + broker, series + period) is claimed in the
    store; an alert whose key another alert claimed within `dedupe_window` is a later report of that event and
    replies in its thread — unless the two disagree on a detail both state (another asset, another target):
    then it claims the key with that detail added, as an event of its own. Alerts without a key are compared
    by MinHash bands (notifier/dedupe.py), claimed the same way and confirmed by their estimated similarity;
  - a first report gets its history context lines and its targets: the union of what every rule that fired
    asks for (the one router decides each rule's channel; each target once);
  - it is recorded with one delivery per target, atomically; re-recording the same id is a no-op.
    An alert an active silence matches (`notifier/silences.py`) is recorded all the same, its deliveries
    `silenced` with the reason "silenced by <id> until <end>": kept, listed, posted only if the silence is
    expired early (`wirewatch/silence_release.py`).

Silences are read from the store once per `record` call — one poll's alerts — so a silence made on any
replica is obeyed by the next poll that records an alert, at one indexed read per poll with alerts.

Claiming a key and recording the alert that claimed it are one step for every other recorder in this
process (a lock), so a concurrent poll never finds a claim whose alert it cannot read yet. Another replica
may be between those two steps: the owner of an event key is then waited for, briefly. (Near-duplicate text
is not waited for: its candidates are many and usually unrelated, and a replica that died after claiming
would stall every later alert sharing a band with it until its poll is redone.)

Send-time work (reconciliation, holds, budgets, pacing, digests) is the outbox worker's (wirewatch/delivery.py).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from domain.alert import Alert
from notifier import dedupe
from notifier.base import Notifier, notifier_for
from notifier.events import context_lines, event_type
from notifier.routing import Router
from notifier.silences import held_reason, silence_for
from rules.entities import alert_entities
from store.base import Store
from wirewatch.readers.base import AlertIntent

log = logging.getLogger("wirewatch.record")


@dataclass(frozen=True)
class RecordSettings:
    router: Router = field(default_factory=Router)
    dedupe_window: float = 7 * 86400.0  # later reports of an event this recent reply in its thread
    history_limit: int = 5000  # alerts read back for context lines
    owner_wait: float = 2.0  # how long to wait for the record of a key's owner that another replica is writing


class AlertRecorder:
    def __init__(
        self,
        store: Store,
        notifiers: Mapping[str, Notifier],
        settings: RecordSettings | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.store = store
        self.notifiers = notifiers
        self.settings = settings or RecordSettings()
        self._sleep = sleep
        self._lock = threading.Lock()  # polls record from worker threads

    def record(self, intents: Sequence[AlertIntent], now: float) -> int:
        """Record what is not a repeat; returns how many alerts were new."""
        created = 0
        silences = self.store.silences(now) if intents else []  # active and future ones; few, indexed by end
        for intent in intents:
            with self._lock:
                if self._repeats(intent, now):
                    continue
                alert, targets = self._prepare(intent.alert, now)
                held = silence_for(alert, silences, now)
                if held is None:
                    created += self.store.add_alert(alert, targets)
                elif self.store.add_alert(alert, targets, silenced=held_reason(held)):
                    created += 1
                    log.info(
                        "alert %s (rule %s) recorded silenced: %s",
                        alert.id,
                        alert.rule,
                        held_reason(held),
                        extra={"alert": alert.id, "rule": alert.rule, "source": alert.item.source},
                    )
        return created

    def prepare(self, alert: Alert, now: float) -> tuple[Alert, list[str]]:
        """The alert as it is to be recorded (event key, thread, context) and its delivery targets. Whoever
        calls this records the result before preparing another alert."""
        with self._lock:
            return self._prepare(alert, now)

    def _repeats(self, intent: AlertIntent, now: float) -> bool:
        claim = intent.realert
        if claim is None:
            return False
        alert = intent.alert
        owner = self.store.claim_keys([claim.key], alert.id, now, claim.window).get(claim.key, alert.id)
        if owner == alert.id:
            return False
        log.info(
            "alert %s suppressed by realert %s of rule %s (key %s)",
            alert.id,
            claim.written,
            claim.rule,
            list(claim.values),
        )
        return True

    def _prepare(self, alert: Alert, now: float) -> tuple[Alert, list[str]]:
        kind = event_type(alert)
        key = kind.key(alert)
        parent = self._earlier_report(alert, key, kind.clustered, now)
        # the key's first report may be another event (another asset, another target): then this one has its own
        extra = kind.distinct(alert, parent) if parent is not None and key and kind.distinct is not None else None
        if key and extra:
            key = f"{key}|{extra}"[: len(key) + 81]
            parent = self._earlier_report(alert, key, False, now)
        if parent is not None:
            root = parent.thread_of or parent.id
            replying = [
                d.target
                for d in self.store.deliveries(root)
                if (notifier := notifier_for(d.target, self.notifiers)) is not None and notifier.threads
            ]
            return replace(alert, event_key=key, thread_of=root), replying
        context: tuple[str, ...] = ()
        if kind.history is not None and alert.event is not None:
            context = context_lines(alert, self.store.recent_alerts(self.settings.history_limit))
        alert = replace(alert, event_key=key, context=context)
        return alert, list(self.settings.router.plan(alert, self.notifiers))

    def _earlier_report(self, alert: Alert, key: str | None, clustered: bool, now: float) -> Alert | None:
        window = self.settings.dedupe_window
        if key is not None:
            owner = self.store.claim_keys([key], alert.id, now, window)[key]
            return self._owner(owner, wait=True) if owner != alert.id else None
        if not clustered:
            return None

        sig = dedupe.signature(dedupe.normalised_text(alert), entities=alert_entities(alert))
        if sig is None:
            return None
        owners = self.store.claim_keys(dedupe.band_keys(sig), alert.id, now, window)
        for candidate in list(dict.fromkeys(o for o in owners.values() if o != alert.id))[:10]:
            other = self._owner(candidate, wait=False)
            if other is None or (other.item.source, other.item.id) == (alert.item.source, alert.item.id):
                continue  # another rule's alert on the same article is not a second report
            theirs = dedupe.signature(dedupe.normalised_text(other), entities=alert_entities(other))
            if theirs is not None and dedupe.similarity(sig, theirs) >= dedupe.SIMILAR:
                return other
        return None

    def _owner(self, alert_id: str, wait: bool) -> Alert | None:
        """The alert that claimed a key. In this process its record is always there (the lock); another
        replica may still be writing it, so look again for a moment before treating it as lost (a crash
        between claim and record: that poll is redone, and this alert stands on its own)."""
        found = self.store.get_alert(alert_id)
        waited = 0.0
        while found is None and wait and waited < self.settings.owner_wait:
            self._sleep(0.05)
            waited += 0.05
            found = self.store.get_alert(alert_id)
        return found
