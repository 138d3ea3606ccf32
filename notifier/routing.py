"""Where an alert goes and how: channel and delivery mode per rule and severity, budgets, digest timing,
per-channel pacing. Pure decisions (the pacer keeps time it is given, and sleeps only through its caller).

Every rule that fired is routed on its own, and the alert goes to the union of their targets, each once: a
custom rule's `#hengrui-desk` is honoured when a bundled rule flags the same deal for `#market-signals`.
Precedence for one rule's channel: its own `notify.channel`, then the first `notify.routes` entry matching that
rule (its id against `rules:` globs; the alert's event and severity), then the notifier's default channel.
A target goes to the digest when every rule sending there says so (its `notify.digest`, or its route's
`delivery: digest`), or when its channel is over budget; critical alerts never wait.
"""

from __future__ import annotations

import fnmatch
import math
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from domain.alert import Alert, RuleNotify
from domain.formats import period
from domain.kinds import DIGEST as DIGEST_KIND
from domain.severity import SEVERITY_ORDER

IMMEDIATE, DIGEST = "immediate", "digest"


@dataclass(frozen=True, slots=True)
class Route:
    """A routing entry: every condition given must hold (globs for rules, exact names for events)."""

    rules: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()
    min_severity: str | None = None
    channel: str | None = None
    delivery: str = IMMEDIATE

    def matches(self, alert: Alert, rule: str | None = None) -> bool:
        """Whether the entry applies to `alert` as flagged by `rule` (None: by any of its rules)."""
        ids = (rule,) if rule is not None else alert.rules or (alert.rule,)
        if self.rules and not any(fnmatch.fnmatchcase(r, g) for r in ids for g in self.rules):
            return False
        if self.events and (alert.event or "") not in self.events:
            return False
        if self.severities and alert.severity not in self.severities:
            return False
        return not (
            self.min_severity and SEVERITY_ORDER.get(alert.severity, 0) < SEVERITY_ORDER.get(self.min_severity, 0)
        )


@dataclass(frozen=True, slots=True)
class Decision:
    channel: str | None  # None: the notifier's default
    mode: str


class Targets(Protocol):
    """What the router needs of a notifier: the targets it wants for an alert sent to `channel`."""

    def targets_for(self, alert: Alert, channel: str | None = None) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class Router:
    routes: tuple[Route, ...] = ()

    def decide_rule(self, alert: Alert, rule: RuleNotify) -> Decision:
        """Where one rule that fired sends the alert, and how."""
        route = next((r for r in self.routes if r.matches(alert, rule.rule)), None)
        channel = rule.channel or (route.channel if route else None)
        digest = rule.digest or (route is not None and route.delivery == DIGEST)
        if alert.severity == "critical" or alert.kind == DIGEST_KIND:
            digest = False
        return Decision(channel, DIGEST if digest else IMMEDIATE)

    def decisions(self, alert: Alert) -> list[Decision]:
        """One decision per rule that fired (lead first), without repeats."""
        return list(dict.fromkeys(self.decide_rule(alert, r) for r in alert.rule_notify()))

    def decide(self, alert: Alert) -> Decision:
        """The lead rule's decision (what an alert with one rule gets)."""
        return self.decide_rule(alert, alert.rule_notify()[0])

    def plan(self, alert: Alert, notifiers: Mapping[str, Targets] | Iterable[Targets]) -> dict[str, str]:
        """target → delivery mode for every target any rule that fired asks for, each once, in order. A target
        several rules send to goes out at once if any of them says so."""
        found = notifiers.values() if isinstance(notifiers, Mapping) else notifiers
        chosen = list(found)
        out: dict[str, str] = {}
        for d in self.decisions(alert):
            for target in (t for n in chosen for t in n.targets_for(alert, d.channel)):
                out[target] = IMMEDIATE if IMMEDIATE in (out.get(target), d.mode) else DIGEST
        return out

    def mode_for(self, alert: Alert, target: str, notifiers: Mapping[str, Targets]) -> str:
        """How a recorded target of `alert` is delivered (immediate when no rule asks for it any more)."""
        return self.plan(alert, notifiers).get(target, IMMEDIATE)


def is_critical(alert: Alert) -> bool:
    return alert.severity == "critical"


# --- budgets and digests ----------------------------------------------------------------------------------


def window_start(now: float, period: float) -> float:
    """The fixed window (of `period` seconds, aligned to the epoch) that `now` falls in."""
    return math.floor(now / period) * period


def digest_due(oldest_held: float, now: float, period: float) -> bool:
    """A channel's digest goes out once the period in which its oldest held alert arrived is over."""
    return now >= window_start(oldest_held, period) + period


@dataclass(frozen=True, slots=True)
class Budget:
    per_channel: int | None  # None: no budget
    period: float = 3600.0

    def applies(self, alert: Alert, target: str, first_attempt: bool) -> bool:
        """Critical alerts, digests, thread replies and retries never spend budget; the console has none."""
        return (
            self.per_channel is not None
            and first_attempt
            and not is_critical(alert)
            and alert.kind != DIGEST_KIND
            and alert.thread_of is None
            and target != "console"
        )

    def reason(self) -> str:
        return f"over budget ({self.per_channel} per {period(self.period)})"


# --- pacing -----------------------------------------------------------------------------------------------


@dataclass
class _Bucket:
    tokens: float
    stamp: float


@dataclass
class Pacer:
    """A token bucket per target (Slack allows about one message a second per channel, with short bursts):
    `wait(target)` blocks until the target may take another post. Rate 0 disables pacing."""

    rate: float = 1.0
    burst: int = 4
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _buckets: dict[str, _Bucket] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def delay(self, target: str) -> float:
        """Take a token if one is there (0.0), else say how long until one is (and take nothing)."""
        if self.rate <= 0 or target == "console":
            return 0.0
        with self._lock:
            now = self.clock()
            b = self._buckets.setdefault(target, _Bucket(float(self.burst), now))
            b.tokens = min(float(self.burst), b.tokens + (now - b.stamp) * self.rate)
            b.stamp = now
            if b.tokens >= 1.0:
                b.tokens -= 1.0
                return 0.0
            return (1.0 - b.tokens) / self.rate

    def wait(self, target: str) -> None:
        while (d := self.delay(target)) > 0:
            self.sleep(d)

    def done(self, target: str) -> None:
        """The post was answered: count the next interval from now, not from when it was sent. Slack measures
        the gap between posts as it receives them, and a request's time on the way varies."""
        if self.rate <= 0 or target == "console":
            return
        with self._lock:
            b = self._buckets.get(target)
            if b is not None:
                b.stamp = max(b.stamp, self.clock())
