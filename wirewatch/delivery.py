"""Drain the store's outbox: send each due delivery through its notifier and record the outcome."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass

from notifier.base import Notifier, Outcome
from store.base import Store, StoreUnavailable

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

    def __bool__(self) -> bool:
        return bool(self.sent or self.retried or self.failed)


def notifier_for(target: str, notifiers: Mapping[str, Notifier]) -> Notifier | None:
    return notifiers.get(target.partition(":")[0])


def deliver_due(
    store: Store,
    notifiers: Mapping[str, Notifier],
    *,
    retry_base: float = 10.0,
    retry_cap: float = 1800.0,
    batch: int = 100,
) -> DeliveryStats:
    """One pass over what is due now. Safe to call repeatedly; each delivery is recorded after its send."""
    stats = DeliveryStats()
    try:
        due = store.due_deliveries(time.time(), limit=batch)
    except StoreUnavailable as exc:
        log.warning("delivery paused: %s", exc)
        return stats
    for d in due:
        alert = store.get_alert(d.alert_id)
        notifier = notifier_for(d.target, notifiers)
        if alert is None:
            outcome = Outcome.dead("alert record missing")
        elif notifier is None:
            outcome = Outcome.retry(f"no `{d.target.partition(':')[0]}` notifier configured")
        else:
            try:
                outcome = notifier.send(alert, d.target)
            except Exception as exc:  # a notifier bug must not stop the others
                log.exception("notifier %s crashed on alert %s", d.target, d.alert_id)
                outcome = Outcome.retry(f"{type(exc).__name__}: {exc}")
        now = time.time()
        if outcome.ok:
            store.mark_sent(d.alert_id, d.target, outcome.ref, now)
            stats.sent += 1
        elif outcome.permanent:
            store.mark_failed(d.alert_id, d.target, outcome.error or "failed", now)
            log.error(
                "alert %s to %s failed permanently: %s (see `wirewatch alerts --failed`)",
                d.alert_id,
                d.target,
                outcome.error,
            )
            stats.failed += 1
        else:
            wait = retry_delay(d.attempts, retry_base, retry_cap)
            store.mark_retry(d.alert_id, d.target, outcome.error or "failed", now + wait, now)
            log.warning("alert %s to %s not delivered (%s); retry in %.0fs", d.alert_id, d.target, outcome.error, wait)
            stats.retried += 1
    return stats
