"""What a reader wants next to a print: the prior value, the change, the same period last year, whether it is
a record ("lowest since 2022-03"), and the recent path for a chart or sparkline. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from rules.series_engine import PERIODS_PER_YEAR, History, frequency, period_label, since_label, year_ago_index

CHART_POINTS = 104  # two years of a weekly series, eight and a half of a monthly one


@dataclass(frozen=True, slots=True)
class PrintContext:
    period: str
    value: float
    frequency: str
    prior_period: str | None = None
    prior: float | None = None
    year_ago_period: str | None = None
    year_ago: float | None = None
    record: str | None = None
    recent_periods: tuple[str, ...] = ()
    recent_values: tuple[float, ...] = ()

    @property
    def change(self) -> float | None:
        return None if self.prior is None else self.value - self.prior

    @property
    def change_year(self) -> float | None:
        return None if self.year_ago is None else self.value - self.year_ago

    def label(self, period: str | None = None) -> str:
        return period_label(period or self.period, self.frequency)


def record_context(h: History, freq: str) -> str | None:
    """ "lowest since 2022-03" when the print is below every one of at least a quarter's worth of prints
    before it (four for monthly or coarser data); "… on record" when below all of them."""
    before = h.values[:-1]
    if len(before) < 3:
        return None
    least = max(4, PERIODS_PER_YEAR.get(freq, 1) // 4)
    for word, sign in (("lowest", 1), ("highest", -1)):
        run = 0
        for x in reversed(before):
            if sign * (x - h.value) <= 0:  # this earlier print was as low (high) or lower (higher): stop
                break
            run += 1
        if run == len(before):
            return f"{word} on record (data since {since_label(h.periods[0], freq)})"
        if run >= least:
            return f"{word} since {since_label(h.periods[len(before) - 1 - run], freq)}"
    return None


def print_context(h: History, points: int = CHART_POINTS) -> PrintContext:
    freq = frequency(h.periods)
    last = len(h) - 1
    ya = year_ago_index(h.periods, last)
    return PrintContext(
        period=h.periods[-1],
        value=h.value,
        frequency=freq,
        prior_period=h.periods[-2] if last >= 1 else None,
        prior=h.values[-2] if last >= 1 else None,
        year_ago_period=h.periods[ya] if ya is not None else None,
        year_ago=h.values[ya] if ya is not None else None,
        record=record_context(h, freq),
        recent_periods=tuple(h.periods[-points:]),
        recent_values=tuple(h.values[-points:]),
    )
