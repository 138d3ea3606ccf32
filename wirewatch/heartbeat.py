"""The daemon's heartbeat: one line per polling round, so a quiet daemon is visibly alive.

Sources have their own schedules, so a "round" is a fixed period rather than "every source once": the
shortest source interval, kept between 10 s and 10 min (the first line comes 10 s after start, so a restart
with nothing due yet is visibly alive). At the end of each round one line says what the round did and when
the next poll is due, e.g.

    round: 7 of 8 sources polled (5 unchanged, 1 failed), 3 new entries, 1 alert; next poll in 45s (fierce-biotech)
    round: no polls due (8 sources); next poll in 4m 10s (fierce-biotech)

Pure: the daemon feeds it poll outcomes and asks for the line; the clock and the scheduler stay outside.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from domain.formats import span

ROUND_MIN, ROUND_MAX = 10.0, 600.0


def round_period(intervals: Iterable[float]) -> float:
    """The shortest source interval, between 10 s and 10 min (10 min when there are no sources)."""
    shortest = min(intervals, default=ROUND_MAX)
    return max(ROUND_MIN, min(ROUND_MAX, shortest))


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


@dataclass(slots=True)
class Round:
    """What the polls of one round came to."""

    polled: set[str] = field(default_factory=set)
    outcomes: dict[str, int] = field(default_factory=dict)
    new: int = 0
    alerts: int = 0

    def add(self, source: str, outcome: str, new: int, alerts: int) -> None:
        self.polled.add(source)
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
        self.new += new
        self.alerts += alerts

    def line(self, sources: int, next_poll: tuple[str, float] | None) -> str:
        """The heartbeat line; `next_poll` is (source id, seconds until it is due), None when nothing is due."""
        if next_poll is None:
            after = "no poll scheduled"
        else:
            who, wait = next_poll
            after = f"next poll {'due now' if wait < 1 else 'in ' + span(wait)} ({who})"
        if not self.polled:
            return f"round: no polls due ({_count(sources, 'source')}); {after}"
        notes = [
            f"{self.outcomes[o]} {label}"
            for o, label in (("not_modified", "unchanged"), ("failed", "failed"), ("disabled", "disabled"))
            if self.outcomes.get(o)
        ]
        detail = f" ({', '.join(notes)})" if notes else ""
        return (
            f"round: {len(self.polled)} of {_count(sources, 'source')} polled{detail}, "
            f"{self.new} new {'entry' if self.new == 1 else 'entries'}, {_count(self.alerts, 'alert')}; "
            f"{after}"
        )
