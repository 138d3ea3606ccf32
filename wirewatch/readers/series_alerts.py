"""The alerts a series source's changes call for. Pure: a print and its history in, alerts out.

A new print that fires series rules is one alert per event (several rules on one print make one alert, led by
the most severe), carrying the contract fields (indicator, value, unit, period, prior) and the context a
reader asks for next. A changed value for a known period is a revision notice, reported once: its id names
the old and new values. A revision that fires rules with `on_revision: true` carries the print's context and
is shown as the print it revises.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from collectors.series_layout import Layout, SeriesColumn
from collectors.series_update import Revision, SeriesChanges
from domain.alert import Alert, alert_id
from domain.formats import change_text, number, significant, with_unit
from domain.item import Item
from domain.kinds import SERIES_PRINT, SERIES_REVISION
from domain.observation import Observation
from domain.severity import SEVERITY_ORDER
from rules.series_context import PrintContext, print_context
from rules.series_engine import History, SeriesEngine, SeriesMatch
from wirewatch.config import SeriesConfig, SeriesSourceConfig

REVISION_EVENT = "series_revision"


def layout_of(source: SeriesSourceConfig) -> Layout:
    return Layout(
        format=source.format,
        columns=tuple(SeriesColumn(s.id, source.column_of(s)) for s in source.series),
        date_column=source.date_column,
        date_format=source.date_format,
        records=source.records,
    )


def print_fields(series: SeriesConfig, ctx: PrintContext, matches: Sequence[SeriesMatch], link: str) -> dict[str, Any]:
    """The alert's fields: the contract names (indicator, value, unit, period, prior) first, then context."""
    return {
        "indicator": series.name or series.id,
        "series": series.id,
        "value": ctx.value,
        "unit": series.unit,
        "period": ctx.label(),
        "prior": ctx.prior,
        "prior_period": ctx.label(ctx.prior_period) if ctx.prior_period else None,
        "change": significant(ctx.change),
        "same_period_last_year": ctx.year_ago,
        "year_ago_period": ctx.label(ctx.year_ago_period) if ctx.year_ago_period else None,
        "change_year": significant(ctx.change_year),
        "record": ctx.record,
        "fired": [f"{m.rule.id}: {'; '.join(m.reasons)}" for m in matches],
        "link": link,
        "history": {
            "periods": list(ctx.recent_periods),
            "values": list(ctx.recent_values),
            "frequency": ctx.frequency,
        },
    }


def print_title(series: SeriesConfig, ctx: PrintContext) -> str:
    name = series.name or series.id
    parts = [f"{name}: {with_unit(ctx.value, series.unit)} for {ctx.label()}"]
    if ctx.change is not None and ctx.prior is not None:
        parts.append(f"({change_text(ctx.change, series.unit)} from {number(ctx.prior)})")
    return " ".join(parts)


def print_summary(series: SeriesConfig, ctx: PrintContext) -> str:
    bits = []
    if ctx.year_ago is not None and ctx.change_year is not None:
        bits.append(
            f"same period last year {with_unit(ctx.year_ago, series.unit)} "
            f"({change_text(ctx.change_year, series.unit)})"
        )
    if ctx.record:
        bits.append(ctx.record)
    return "; ".join(bits)


def print_alert(
    source: SeriesSourceConfig,
    series: SeriesConfig,
    history: History,
    matches: Sequence[SeriesMatch],
    now: float,
) -> list[Alert]:
    """One alert per print and event; several rules firing on one print make one alert, led by the most
    severe."""
    ctx = print_context(history)
    groups: dict[str, list[SeriesMatch]] = {}
    for m in matches:
        groups.setdefault(m.rule.event, []).append(m)
    item = Item(
        id=f"{series.id}@{ctx.period}",
        source=source.id,
        title=print_title(series, ctx),
        summary=print_summary(series, ctx),
        link=source.reader_link,
    )
    out = []
    for event, group in groups.items():
        lead = max(group, key=lambda m: SEVERITY_ORDER[m.rule.severity])
        out.append(
            Alert(
                id=alert_id(source.id, item.id, event),
                rule=lead.rule.id,
                item=item,
                event=event,
                severity=lead.rule.severity,
                description=lead.rule.description,
                fields=print_fields(series, ctx, group, source.reader_link),
                created_at=now,
                rules=tuple(m.rule.id for m in group),
                kind=SERIES_PRINT,
            )
        )
    return out


def revision_alert(
    source: SeriesSourceConfig,
    series: SeriesConfig,
    history: History,
    revision: Revision,
    matches: Sequence[SeriesMatch],
    now: float,
) -> Alert:
    """A notice that a known period changed. Not a new print: its id names the old and new values, so the
    same revision is reported once, and the print's own alert is never repeated. Rules with
    `on_revision: true` that fire make it carry their event, severity and the print's context."""
    obs = revision.observation
    ctx = print_context(history)
    name = series.name or series.id
    title = (
        f"{name}: {ctx.label()} revised from {with_unit(revision.previous, series.unit)} "
        f"to {with_unit(obs.value, series.unit)}"
    )
    item = Item(id=f"{series.id}@{obs.period}", source=source.id, title=title, link=source.reader_link)
    key = f"revision:{revision.previous!r}->{obs.value!r}"
    fields: dict[str, Any] = {
        "indicator": name,
        "series": series.id,
        "period": ctx.label(),
        "value": obs.value,
        "previous": revision.previous,
        "revision": significant(obs.value - revision.previous),
        "unit": series.unit,
        "link": source.reader_link,
    }
    if not matches:
        return Alert(
            id=alert_id(source.id, item.id, key),
            rule="revision",
            item=item,
            event=REVISION_EVENT,
            severity="info",
            description="A published value was revised",
            fields=fields,
            created_at=now,
            kind=SERIES_REVISION,
        )
    lead = max(matches, key=lambda m: SEVERITY_ORDER[m.rule.severity])
    return Alert(
        id=alert_id(source.id, item.id, key),
        rule=lead.rule.id,
        item=item,
        event=lead.rule.event,
        severity=lead.rule.severity,
        description=lead.rule.description,
        fields={**print_fields(series, ctx, matches, source.reader_link), **fields},
        created_at=now,
        rules=tuple(m.rule.id for m in matches),
        kind=SERIES_PRINT,
    )


def plan_alerts(
    source: SeriesSourceConfig,
    engine: SeriesEngine,
    changes: SeriesChanges,
    history: Sequence[Observation],
    now: float,
) -> list[Alert]:
    """Every alert one series' changes call for, in period order."""
    series = next(s for s in source.series if s.id == changes.series)
    index = {o.period: i for i, o in enumerate(history)}
    periods = [o.period for o in history]
    values = [o.value for o in history]

    def upto(period: str) -> History:
        end = index[period] + 1
        return History(periods[:end], values[:end])

    alerts: list[Alert] = []
    for obs in changes.new_prints:
        h = upto(obs.period)
        alerts += print_alert(source, series, h, engine.evaluate(series.id, h), now)
    if source.revisions == "alert":
        for rev in changes.revisions:
            h = upto(rev.observation.period)
            alerts.append(revision_alert(source, series, h, rev, engine.evaluate(series.id, h, revision=True), now))
    return alerts
