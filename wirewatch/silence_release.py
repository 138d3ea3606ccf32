"""Releasing what a silence held when it is expired early: `wirewatch silence expire ID`, a reader's *Undo*,
and the daemon's start-up sweep all call `release`.

The rule (pure, `notifier.silences.releasable`): a silenced delivery is posted when the silence that holds it
was expired early and no other silence holds its alert now. One that another silence still holds is kept
silenced under that one's name (so it is released if that one is expired early too, and stays quiet if that
one simply runs out). A silence that ends on its own releases nothing: its alerts were meant to stay quiet.

Once, whoever runs it: each delivery moves from `silenced` to `pending` in one conditional store write, so two
replicas (or a re-run after a crash) release it once; the outbox worker then posts it under its usual
guarantees. Running it again is harmless, which makes an interrupted release safe to redo.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Collection
from dataclasses import dataclass, field

from domain.alert import Alert
from domain.judgements import Silence
from notifier.silences import held_by, held_reason, releasable, silence_for
from store.base import Store, StoreUnavailable

log = logging.getLogger("wirewatch.silences")
SCAN_LIMIT = 1_000_000


@dataclass
class Released:
    released: list[tuple[str, str]] = field(default_factory=list)  # (alert id, target) queued for posting
    kept: list[tuple[str, str]] = field(default_factory=list)  # (alert id, the silence id that holds it now)

    def __bool__(self) -> bool:
        return bool(self.released or self.kept)


def release(store: Store, now: float, silence_id: str | Collection[str] | None = None) -> Released:
    """Release what early-expired silences hold: one silence's (`silence_id`), some, or every one's."""
    out = Released()
    ids = {silence_id} if isinstance(silence_id, str) else None if silence_id is None else set(silence_id)
    held = [d for d in store.deliveries_in("silenced", SCAN_LIMIT) if ids is None or held_by(d.last_error) in ids]
    if not held:
        return out
    active = store.silences(now)
    known: dict[str, Silence | None] = {s.id: s for s in active}
    alerts: dict[str, Alert | None] = {}
    for d in held:
        sid = held_by(d.last_error)
        if sid is None:
            continue
        if sid not in known:
            known[sid] = store.get_silence(sid)
        silence = known[sid]
        if silence is None or silence.expired_at is None or silence.is_active(now):
            continue  # still in force, or ran out on its own: stays silenced
        if d.alert_id not in alerts:
            alerts[d.alert_id] = store.get_alert(d.alert_id)
        alert = alerts[d.alert_id]
        if alert is None:
            continue
        if releasable([(alert, sid)], [silence, *active], now):
            if store.release_silenced(d.alert_id, d.target, now):
                out.released.append((d.alert_id, d.target))
                log.info("alert %s to %s released: silence %s was expired early", d.alert_id, d.target, sid)
            continue
        other = silence_for(alert, active, now)
        if other is not None and store.reassign_silenced(d.alert_id, d.target, held_reason(other), now):
            out.kept.append((d.alert_id, other.id))
            log.info("alert %s to %s stays silenced: %s", d.alert_id, d.target, held_reason(other))
    return out


def sweep(store: Store, now: float, lookback: float | None = None) -> Released:
    """The daemon's safety net: release what silences expired early still hold — after a crash between an
    expiry and its release (`lookback=None`, at start-up: every such silence), or an alert recorded by a
    replica that read the silences a moment before another expired one (`lookback`: only silences that ended
    that recently, one indexed read when there are none, so it can run every minute)."""
    if lookback is None:
        found = release(store, now)
    else:
        recent = [s.id for s in store.silences(now - lookback) if s.expired_at is not None and not s.is_active(now)]
        found = release(store, now, recent) if recent else Released()
    if found.released:
        log.info("released %d silenced deliveries whose silence was expired early", len(found.released))
    return found


def sweep_silences(store: Store, lookback: float | None = None) -> None:
    """`sweep` now, for the daemon: a store outage is logged and left to the next run."""
    try:
        sweep(store, time.time(), lookback)
    except StoreUnavailable as exc:
        log.warning("silence release sweep put off: %s", exc)
