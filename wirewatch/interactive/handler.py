"""One place that turns a decoded interaction into store writes; both receivers (Socket Mode, HTTP) call it.

decode (pure) → access check → the alert from the store → plan (pure) → writes, each idempotent by id →
an `Outcome` per action, handed to `on_outcome` (the card update and the reader's reply hang there).
An *Undo* that ends a silence early also releases what the silence held (`wirewatch/silence_release.py`).
A failure to decode raises `ActionError` before anything is written; a store that cannot be reached raises
`StoreUnavailable` and the receiver does not acknowledge, so the reader sees the press fail and can retry.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

from domain.alert import Alert
from domain.judgements import Silence
from notifier.interactive.access import AccessPolicy
from notifier.interactive.actions import Action, OpenLink, Undo, decode
from notifier.interactive.effects import Effects, derived_id, plan
from notifier.interactive.outcome import Outcome, Status
from notifier.silences import SilenceError
from store.base import Store
from wirewatch.silence_release import release

log = logging.getLogger("wirewatch.interactive")

TWIN_SLACK = 3600.0  # a second press ending at most this much later than the first is the same mute


class ActionHandler:
    def __init__(
        self,
        store: Store,
        policy: AccessPolicy,
        *,
        clock: Callable[[], float] = time.time,
        on_outcome: Callable[[Outcome], None] | None = None,
    ):
        self.store = store
        self.policy = policy
        self.clock = clock
        self.on_outcome = on_outcome

    def handle(self, payload: Mapping[str, Any]) -> list[Outcome]:
        """Act on one interaction payload. Raises ActionError (nothing written) for payloads we do not take."""
        outcomes = [self._one(action) for action in decode(payload)]
        for outcome in outcomes:
            self._log(outcome)
            if self.on_outcome is not None and outcome.status != "ignored":
                try:
                    self.on_outcome(outcome)
                except Exception:  # the writes stand; a failed card update must not undo or repeat them
                    a = outcome.action
                    log.exception("after %s on alert %s: follow-up failed", a.verb, a.alert_id)
        return outcomes

    def _one(self, action: Action) -> Outcome:
        if isinstance(action.intent, OpenLink):
            return Outcome(action, "ignored", "link opened")
        refusal = self.policy.refusal(action.actor)
        if refusal is not None:
            return Outcome(action, "refused", refusal)
        alert = self.store.get_alert(action.alert_id)
        if alert is None:
            return Outcome(action, "failed", f"alert {action.alert_id} is not in the store")
        now = self.clock()
        try:
            effects = plan(action, alert, now)
        except SilenceError as exc:
            return Outcome(action, "failed", str(exc), alert=alert)
        if effects.expire is not None:
            problem = self._undo_problem(effects.expire, alert)
            if problem is not None:
                return Outcome(action, "failed", problem, alert=alert)
        elif isinstance(action.intent, Undo) and not self._has_feedback(action, alert):
            return Outcome(action, "failed", "you have given no feedback on this alert to undo", alert=alert)
        return self._apply(action, alert, effects, now)

    def _has_feedback(self, action: Action, alert: Alert) -> bool:
        """Whether the presser's latest verdict on the alert stands (so *Undo my feedback* has something to
        withdraw); a redelivery of the undo itself finds its own `withdrawn` verdict and is a duplicate."""
        mine = [v for v in self.store.verdicts(alert_id=alert.id) if v.user_id == action.actor.user_id]
        if not mine:
            return False
        last = max(mine, key=lambda v: (v.at, v.id))
        return last.verdict != "withdrawn" or last.id == derived_id(action.key, "verdict", 32)

    def _undo_problem(self, silence_id: str, alert: Alert) -> str | None:
        silence = self.store.get_silence(silence_id)
        if silence is None:
            return f"silence {silence_id} does not exist"
        if silence.origin != alert.id:
            return f"silence {silence_id} was not made from alert {alert.id}"
        return None

    def _apply(self, action: Action, alert: Alert, effects: Effects, now: float) -> Outcome:
        wrote = False
        silence = effects.silence
        if silence is not None:
            twin = self._twin(silence, now)
            if twin is not None:  # pressed again while the same reader's mute from this card holds: keep one
                return Outcome(action, "duplicate", effects.summary, alert, twin)
            if self.store.add_silence(silence):
                wrote = True
            else:
                silence = self.store.get_silence(silence.id) or silence
        expired = None
        if effects.expire is not None:
            if self.store.expire_silence(effects.expire, action.actor.name, now):
                wrote, expired = True, effects.expire
            release(self.store, now, effects.expire)  # again on a redelivery: it releases each delivery once
        if effects.verdict is not None and self.store.add_verdict(effects.verdict):
            wrote = True
        if effects.empty:  # `why`: nothing to write, the answer is the reply
            return Outcome(action, "done", effects.summary, alert=alert)
        status: Status = "done" if wrote else "duplicate"
        return Outcome(action, status, effects.summary, alert, silence, effects.verdict, expired)

    def _twin(self, silence: Silence, now: float) -> Silence | None:
        """An active silence that an earlier press of the same reader made from the same card, with the same
        matchers and lasting about as long or longer (a double click); a press asking for longer is a new
        silence, and a redelivery of this very press is not a twin (its own id is handled by the store)."""
        for s in self.store.silences(now):
            same = (s.matchers, s.origin, s.author_id) == (silence.matchers, silence.origin, silence.author_id)
            if same and s.id != silence.id and s.is_active(now) and s.ended_at >= silence.ends_at - TWIN_SLACK:
                return s
        return None

    @staticmethod
    def _log(outcome: Outcome) -> None:
        a = outcome.action
        level = logging.WARNING if outcome.status in ("refused", "failed") else logging.INFO
        extra = f" (silence {outcome.silence.id})" if outcome.silence is not None else ""
        log.log(
            level,
            "%s by %s on alert %s: %s — %s%s",
            a.action_id,
            a.actor.user_id,
            a.alert_id or "-",
            outcome.status,
            outcome.message,
            extra,
        )
