"""One value of a data series for one period."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Observation:
    """One value of a data series for one period, with its vintage: when we first saw this value.

    `period` is the ISO date the period starts on (`2025-06-05` for a weekly print, `2025-06-01` for June), so
    periods sort as text. A revision replaces the value and the vintage of a known period.
    """

    series: str
    period: str
    value: float
    vintage: str  # ISO 8601 UTC, e.g. 2025-06-05T16:00:00Z
