"""Pure decisions for one poll of a data series: which observations are new prints, which are revisions, and
the next source state. No I/O, no clock: the vintage and `now` come in as arguments.

A **new print** is a period after the stored high-water mark. A **revision** is a known period whose value
changed. An unknown period before the high-water mark is **backfill**: stored quietly, never alerted. A series
with nothing stored is loaded as history (a baseline) and alerts nothing, unless the source asks for
`on_first_fetch: alert`, in which case only its latest observation counts as a print.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from collectors.http_fetch import FetchResult
from collectors.series_layout import Point
from domain.observation import Observation
from domain.source_state import SourceState


@dataclass(frozen=True, slots=True)
class Revision:
    observation: Observation  # the period with its new value and vintage
    previous: float


@dataclass(frozen=True, slots=True)
class SeriesChanges:
    series: str
    baseline: bool = False
    new_prints: tuple[Observation, ...] = ()  # oldest first
    revisions: tuple[Revision, ...] = ()
    backfill: tuple[Observation, ...] = ()
    unchanged: int = 0

    @property
    def to_save(self) -> list[Observation]:
        return [*self.backfill, *(r.observation for r in self.revisions), *self.new_prints]

    @property
    def quiet(self) -> bool:
        return not (self.new_prints or self.revisions or self.backfill)


def same_value(a: float, b: float) -> bool:
    """Values parsed from the same text are identical; the tolerance only absorbs float formatting noise."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def diff_series(
    series: str,
    stored: Sequence[Observation],
    fetched: Sequence[Point],
    vintage: str,
    on_first_fetch: str = "baseline",
) -> SeriesChanges:
    """Compare what a fetch returned with what the store holds for one series."""
    if not stored:
        history = tuple(Observation(series, p.period, p.value, vintage) for p in fetched)
        if on_first_fetch == "alert" and history:
            return SeriesChanges(series, new_prints=history[-1:], backfill=history[:-1])
        return SeriesChanges(series, baseline=True, backfill=history)
    known = {o.period: o for o in stored}
    high_water = max(known)
    new: list[Observation] = []
    revised: list[Revision] = []
    backfill: list[Observation] = []
    unchanged = 0
    for p in fetched:
        old = known.get(p.period)
        if old is None:
            (new if p.period > high_water else backfill).append(Observation(series, p.period, p.value, vintage))
        elif same_value(old.value, p.value):
            unchanged += 1
        else:
            revised.append(Revision(Observation(series, p.period, p.value, vintage), old.value))
    new.sort(key=lambda o: o.period)
    return SeriesChanges(series, False, tuple(new), tuple(revised), tuple(backfill), unchanged)


def merged_history(stored: Sequence[Observation], changes: SeriesChanges) -> list[Observation]:
    """The series as it will be stored once `changes` are saved, oldest first."""
    by_period = {o.period: o for o in stored}
    for o in changes.to_save:
        by_period[o.period] = o
    return [by_period[p] for p in sorted(by_period)]


# --- source state -------------------------------------------------------------------------------------------


def record_success(
    succeeded: SourceState, fetch: FetchResult, changes: Sequence[SeriesChanges], now: float
) -> SourceState:
    """The state after a poll whose observations were read and stored. `succeeded` is the state any successful
    poll leaves (failure counters reset); the validators received are kept as received, and only now, once the
    observations they describe are stored (the caller saves this state last)."""
    stored = sum(len(c.new_prints) + len(c.backfill) for c in changes)
    new_prints = sum(len(c.new_prints) for c in changes)
    return succeeded.evolve(
        etag=fetch.etag,
        last_modified=fetch.last_modified,
        baseline_done=True,
        entries_seen=succeeded.entries_seen + stored,
        last_new_entry=now if new_prints else succeeded.last_new_entry,
    )
