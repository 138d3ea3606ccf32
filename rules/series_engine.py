"""Evaluate series rules on one print. Pure: a series' history (oldest first, the print last) in, matches with
human-readable reasons out; no I/O, no clock.

Windows count observations, not wall-clock time, because these series are sparse (weekly, monthly). The one
calendar notion is "same period last year": the observation nearest to one year before, within half the
series' usual spacing, so a missing week or a Thursday-dated weekly series still finds its partner.
"""

from __future__ import annotations

import bisect
import fnmatch
import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rules.series_model import Change, Condition, Cross, Extreme, SeriesRule, Sign, Streak, Threshold, ZScore

PERIODS_PER_YEAR = {"daily": 260, "weekly": 52, "monthly": 12, "quarterly": 4, "annual": 1}


@dataclass(frozen=True, slots=True)
class History:
    """One series up to and including the print being judged (the last element)."""

    periods: Sequence[str]
    values: Sequence[float]

    def __post_init__(self) -> None:
        if len(self.periods) != len(self.values) or not self.values:
            raise ValueError("history needs as many periods as values, and at least one")

    @property
    def value(self) -> float:
        return self.values[-1]

    def __len__(self) -> int:
        return len(self.values)


@dataclass(frozen=True, slots=True)
class SeriesMatch:
    rule: SeriesRule
    reasons: tuple[str, ...]


# --- calendar helpers ----------------------------------------------------------------------------------------


def _day(period: str) -> date:
    return date.fromisoformat(period)


def spacing_days(periods: Sequence[str]) -> float:
    """Median gap between the last few periods: the series' usual spacing."""
    tail = [_day(p) for p in periods[-25:]]
    gaps = [(b - a).days for a, b in itertools.pairwise(tail)]
    return float(statistics.median(gaps)) if gaps else 0.0


def frequency(periods: Sequence[str]) -> str:
    gap = spacing_days(periods)
    if gap == 0 or gap <= 3:
        return "daily"
    if gap <= 10:
        return "weekly"
    if gap <= 45:
        return "monthly"
    if gap <= 135:
        return "quarterly"
    return "annual"


def period_label(period: str, freq: str) -> str:
    """How people write a period: 2025-06-05 for weekly data, 2025-06 for a month, 2025Q2, 2025."""
    if freq == "monthly":
        return period[:7]
    if freq == "quarterly":
        return f"{period[:4]}Q{(int(period[5:7]) - 1) // 3 + 1}"
    if freq == "annual":
        return period[:4]
    return period


def since_label(period: str, freq: str) -> str:
    """Coarser, for record context: "lowest since 2022-03" reads better than a weekday date."""
    return period[:7] if freq in ("daily", "weekly") else period_label(period, freq)


def year_ago_index(periods: Sequence[str], i: int) -> int | None:
    """The observation for the same period one year before `periods[i]`, if the series has it."""
    d = _day(periods[i])
    try:
        target = d.replace(year=d.year - 1)
    except ValueError:  # 29 February
        target = d.replace(year=d.year - 1, day=28)
    tolerance = max(1.0, spacing_days(periods[: i + 1]) / 2)
    j = bisect.bisect_left(periods, target.isoformat(), 0, i)
    candidates = [k for k in (j - 1, j) if 0 <= k < i]
    if not candidates:
        return None
    best = min(candidates, key=lambda k: abs((_day(periods[k]) - target).days))
    return best if abs((_day(periods[best]) - target).days) <= tolerance else None


def fmt(x: float) -> str:
    """Compact and exact enough for a message: 6.85, -0.06, 12,800, 1.2e-05."""
    if x != 0 and abs(x) < 1e-4:
        return f"{x:.2g}"
    text = f"{x:,.2f}" if abs(x) >= 1000 else f"{x:.4f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# --- conditions ------------------------------------------------------------------------------------------------


def _bounds_text(bounds: list[tuple[str, float]]) -> str:
    return ", ".join(f"{op} {fmt(v)}" for op, v in bounds)


def _threshold(c: Threshold, h: History) -> str | None:
    return f"{fmt(h.value)} {_bounds_text(c.bounds())}" if c.holds(h.value) else None


def _cross(c: Cross, h: History) -> str | None:
    """Walk the history so a level that was crossed and never recovered from does not fire again."""
    up = c.direction == "up"
    recover = c.level if c.recover is None else c.recover

    def beyond(v: float) -> bool:
        return v >= c.level if up else v <= c.level

    def recovered(v: float) -> bool:
        return v < recover if up else v > recover

    armed = True
    for v in h.values[:-1]:
        if armed and beyond(v):
            armed = False
        elif not armed and recovered(v):
            armed = True
    if not (armed and beyond(h.value)):
        return None
    side = "above" if up else "below"
    prior = f" from {fmt(h.values[-2])}" if len(h) > 1 else ""
    return f"crossed {side} {fmt(c.level)}{prior}"


def reference_index(h: History, vs: str | int) -> int | None:
    last = len(h) - 1
    if vs == "previous":
        return last - 1 if last >= 1 else None
    if vs == "year_ago":
        return year_ago_index(h.periods, last)
    assert isinstance(vs, int)
    return last - vs if last - vs >= 0 else None


def change_between(old: float, new: float, measure: str) -> float | None:
    """Rounded to ten significant digits, so 6.84 − 6.89 is the −0.05 (−5 bp) an author compares against,
    not −0.04999999999999982."""
    if measure == "pct":
        delta = None if old == 0 else (new - old) / abs(old) * 100
    else:
        delta = (new - old) * (100 if measure == "bp" else 1)
    return None if delta is None else float(f"{delta:.10g}")


def _change(c: Change, h: History) -> str | None:
    ref = reference_index(h, c.vs)
    if ref is None:
        return None
    delta = change_between(h.values[ref], h.value, c.measure)
    if delta is None or not c.holds(delta):
        return None
    if c.magnitude_at_least is not None and abs(delta) < c.magnitude_at_least:
        return None
    unit = {"abs": "", "pct": "%", "bp": " bp"}[c.measure]
    against = {"previous": "previous", "year_ago": "same period last year"}.get(str(c.vs), f"{c.vs} observations ago")
    when = period_label(h.periods[ref], frequency(h.periods))
    return f"change vs {against} ({when}, {fmt(h.values[ref])}): {'+' if delta > 0 else ''}{fmt(delta)}{unit}"


def _extreme(c: Extreme, h: History) -> str | None:
    if c.window == "all":
        before = h.values[:-1]
        if not before:
            return None
    else:
        if len(h) < c.window:
            return None  # not enough history to call it a low or a high
        before = h.values[-c.window : -1]
    low = c.kind == "low"
    if not (h.value <= min(before) if low else h.value >= max(before)):
        return None
    word = "lowest" if low else "highest"
    tie = " (tie)" if h.value in before else ""
    if c.window == "all":
        return f"{word} on record (since {period_label(h.periods[0], frequency(h.periods))}){tie}"
    return f"{word} in {c.window} observations{tie}"


def _sign(c: Sign, h: History) -> str | None:
    v = h.value
    if c == "flipped":
        if len(h) < 2:
            return None
        old = h.values[-2]
        if (v > 0) - (v < 0) == (old > 0) - (old < 0):
            return None
        return f"sign flipped: {fmt(old)} → {fmt(v)}"
    holds = {"negative": v < 0, "positive": v > 0, "zero": v == 0}[c]
    return f"{c} ({fmt(v)})" if holds else None


def _zscore(c: ZScore, h: History) -> str | None:
    values = list(h.values)
    if c.of == "change":
        values = [b - a for a, b in itertools.pairwise(values)]
    if len(values) < c.window + 1:
        return None
    sample, current = values[-c.window - 1 : -1], values[-1]
    sd = statistics.stdev(sample)
    if sd == 0:
        return None
    z = (current - statistics.fmean(sample)) / sd
    if not c.holds(z) or (c.beyond is not None and abs(z) < c.beyond):
        return None
    what = "level" if c.of == "level" else "change"
    return f"z-score of the {what} {z:+.2f} vs the previous {c.window} observations"


def _streak(c: Streak, h: History) -> str | None:
    v = h.values
    run = 0
    if c.direction is not None:
        up = c.direction == "up"
        for a, b in zip(reversed(v[:-1]), reversed(v[1:]), strict=False):
            if (b > a) if up else (b < a):
                run += 1
            else:
                break
        if run < c.length:
            return None
        return f"{_ordinal(run)} {'rise' if up else 'fall'} in a row"
    for x in reversed(v):
        if (c.above is not None and x > c.above) or (c.below is not None and x < c.below):
            run += 1
        else:
            break
    if run < c.length:
        return None
    side = f"above {fmt(c.above)}" if c.above is not None else f"below {fmt(c.below or 0)}"
    return f"{_ordinal(run)} print in a row {side}"


def check(cond: Condition, h: History) -> list[str] | None:
    """The reasons the condition holds for the last observation, or None when it does not."""
    found: list[str | None] = []
    if cond.threshold is not None:
        found.append(_threshold(cond.threshold, h))
    if cond.cross is not None:
        found.append(_cross(cond.cross, h))
    if cond.change is not None:
        found.append(_change(cond.change, h))
    if cond.extreme is not None:
        found.append(_extreme(cond.extreme, h))
    if cond.sign is not None:
        found.append(_sign(cond.sign, h))
    if cond.zscore is not None:
        found.append(_zscore(cond.zscore, h))
    if cond.streak is not None:
        found.append(_streak(cond.streak, h))
    reasons = [r for r in found if r is not None]
    if len(reasons) != len(found):
        return None
    for sub in cond.all or ():
        got = check(sub, h)
        if got is None:
            return None
        reasons += got
    if cond.any is not None:
        hits = [r for sub in cond.any if (r := check(sub, h)) is not None]
        if not hits:
            return None
        reasons += [reason for hit in hits for reason in hit]
    return reasons


class SeriesEngine:
    def __init__(self, rules: Sequence[SeriesRule]):
        self.rules = [r for r in rules if r.enabled]

    def rules_for(self, series: str) -> list[SeriesRule]:
        return [r for r in self.rules if any(fnmatch.fnmatchcase(series, pattern) for pattern in r.series)]

    def evaluate(self, series: str, history: History, *, revision: bool = False) -> list[SeriesMatch]:
        """Rules for `series` that fire on the last observation of `history` (on a revision: only the rules
        that ask for it with `on_revision: true`)."""
        out = []
        for rule in self.rules_for(series):
            if revision and not rule.on_revision:
                continue
            reasons = check(rule, history)
            if reasons is not None:
                out.append(SeriesMatch(rule, tuple(reasons)))
        return out
