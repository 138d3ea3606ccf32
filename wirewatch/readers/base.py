"""What a source reader is and what it hands back to the poll shell.

The shell (wirewatch/poll.py) does everything every kind of source shares: the stored state, the fetch, the
ladder of unchanged / failed / gone answers, redirects and the next poll, recording alerts, saving. A reader
is asked only when a fetch brought a body that changed, and says what it means: the plan (next state and
outcome), the alerts to record, and the commit — what the store is to remember once those alerts are safe.
Readers read the store (seen entries, stored observations) but never write to it, and never import the shell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from collectors.http_fetch import FetchResult
from collectors.update import UpdatePlan
from domain.alert import Alert
from domain.item import Item
from domain.observation import Observation
from domain.source_state import SourceState
from rules.alerts import Realert
from rules.ruleset import RuleSet


@dataclass(frozen=True, slots=True)
class AlertIntent:
    """An alert to record, unless its rule's `realert` claim says it repeats a recent one."""

    alert: Alert
    realert: Realert | None = None


@dataclass(frozen=True, slots=True)
class Commit:
    """What the store remembers after the alerts are recorded (so a crash before it redoes the poll, and
    re-recording an alert is a no-op): items for `replay`, entries seen, observations."""

    archive: tuple[Item, ...] = ()
    seen: tuple[str, ...] = ()
    observations: tuple[Observation, ...] = ()


@dataclass(frozen=True, slots=True)
class Reading:
    plan: UpdatePlan  # the next state (before redirects and scheduling, which the shell adds) and the outcome
    alerts: tuple[AlertIntent, ...] = ()
    commit: Commit = field(default_factory=Commit)
    new: int = 0  # new entries / prints (on a baseline: what was loaded)
    detail: str | None = None  # the reader's words for what it read: "3 new entries", "history loaded (…)"


class StoreReads(Protocol):
    """The reads a reader may make."""

    def unseen(self, source_id: str, entry_ids: Sequence[str]) -> list[str]: ...

    def observations(self, series: str) -> list[Observation]: ...


@dataclass(frozen=True, slots=True)
class Fetched:
    """A changed body and what it came with."""

    fetch: FetchResult
    body: bytes
    digest: str  # of the body: stored so the same bytes again count as unchanged


Source = TypeVar("Source", contravariant=True)


class SourceReader(Protocol[Source]):
    """One per source `type` (wirewatch/readers/__init__.py), reading that type's config model."""

    def read(
        self, source: Source, prev: SourceState, got: Fetched, rules: RuleSet, store: StoreReads, now: float
    ) -> Reading: ...
