"""One poll of one `type: series` source: fetch → parse (pandas) → compare with the stored observations → judge
each new print with the series rules → record alerts → store observations → save the source state.

The order is the feed pipeline's, for the same guarantees: alerts go to the outbox (idempotent, by an id made
of source, series, period and event) before the observations that made them are stored, and the source state
is saved last. A crash anywhere redoes the poll; a print already alerted is not alerted again, and a restart
changes nothing. Polling itself (validators, backoff, redirects, next poll) uses the feed pipeline's pure
decisions from collectors/update.py, so a series source fails, backs off and recovers like a feed.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
import weakref
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from collectors.http_fetch import FetchResult
from collectors.schedule import PollPolicy
from collectors.series_parse import Layout, SeriesColumn, SeriesParseError, parse_series
from collectors.series_update import Revision, SeriesChanges, diff_series, merged_history, record_success
from collectors.update import (
    UpdatePlan,
    body_digest,
    fetch_url,
    finish,
    initial_state,
    is_unchanged,
    plan_failure,
    plan_gone,
    plan_not_modified,
    reconcile,
)
from domain.alert import Alert, alert_id
from domain.item import Item
from domain.observation import Observation
from domain.severity import SEVERITY_ORDER
from domain.source_state import SourceState
from notifier.base import Notifier
from notifier.print_render import change_text, with_unit
from rules.engine import RuleEngine
from rules.series_context import PrintContext, print_context
from rules.series_engine import History, SeriesEngine, SeriesMatch, fmt
from rules.series_loader import load_series_rules
from store.base import Store, StoreUnavailable
from wirewatch.config import SeriesConfig, SeriesSourceConfig

if TYPE_CHECKING:
    from wirewatch.pipeline import Pipeline, PollReport

log = logging.getLogger("wirewatch.series")
REVISION_EVENT = "series_revision"

# The series rules ride along with the keyword engine they were loaded with (wiring.build_engine), so a rule
# reload that swaps the engine swaps both. Weak: an engine that is dropped takes its series rules with it.
_SERIES_RULES: weakref.WeakKeyDictionary[RuleEngine, SeriesEngine] = weakref.WeakKeyDictionary()


def with_series_rules(engine: RuleEngine, paths: Iterable[str | Path]) -> RuleEngine:
    """Load the `series_rules:` under `paths` (RuleLoadError on any problem) and attach them to `engine`."""
    _SERIES_RULES[engine] = SeriesEngine(load_series_rules([Path(p) for p in paths]).rules)
    return engine


def series_engine_of(engine: RuleEngine) -> SeriesEngine:
    return _SERIES_RULES.get(engine) or SeriesEngine([])


def layout_of(source: SeriesSourceConfig) -> Layout:
    return Layout(
        format=source.format,
        columns=tuple(SeriesColumn(s.id, source.column_of(s)) for s in source.series),
        date_column=source.date_column,
        date_format=source.date_format,
        records=source.records,
    )


# --- alerts (pure) ---------------------------------------------------------------------------------------------


def _num(x: float | None) -> float | None:
    """Ten significant digits: 6.85 − 6.89 is −0.04, not −0.03999999999999959."""
    return None if x is None else float(f"{x:.10g}")


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
        "change": _num(ctx.change),
        "same_period_last_year": ctx.year_ago,
        "year_ago_period": ctx.label(ctx.year_ago_period) if ctx.year_ago_period else None,
        "change_year": _num(ctx.change_year),
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
        parts.append(f"({change_text(ctx.change, series.unit)} from {fmt(ctx.prior)})")
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
        "revision": _num(obs.value - revision.previous),
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


# --- the poll (I/O) --------------------------------------------------------------------------------------------


def _vintage(now: float) -> str:
    return datetime.fromtimestamp(now, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class SeriesPoll:
    """What one poll of a series source needs from the running pipeline."""

    def __init__(
        self,
        store: Store,
        engine: SeriesEngine,
        notifiers: Mapping[str, Notifier],
        policy: PollPolicy,
        delivery_settings: Any = None,
    ):
        self.store = store
        self.engine = engine
        self.notifiers = notifiers
        self.policy = policy
        self.delivery_settings = delivery_settings

    def process(self, source: SeriesSourceConfig, prev: SourceState, fetch: FetchResult) -> tuple[UpdatePlan, int, int]:
        """Decide and record. Returns the plan (its state saved), how many observations were new prints (on a
        baseline: loaded), and how many alerts were created."""
        now = time.time()
        new = created = 0
        if fetch.gone:
            plan = plan_gone(prev, fetch, now)
        elif not fetch.ok:
            plan = plan_failure(prev, fetch.error or "unknown error", now)
        elif fetch.not_modified:
            plan = plan_not_modified(prev, fetch, now)
        else:
            body = fetch.body or b""
            digest = body_digest(body)
            if is_unchanged(prev, fetch, digest):  # the same bytes again: nothing to read
                plan = plan_not_modified(prev, fetch, now, body_hash=digest)
            else:
                plan, new, created = self._read(source, prev, fetch, body, digest, now)
        plan, adopted = finish(plan, fetch, source.interval, self.policy, now, random.random())
        if adopted:
            log.warning(
                "source %s: permanent redirect persisted; now polling %s (update the config's url)", source.id, adopted
            )
        self.store.save_source_state(plan.state)
        return plan, new, created

    def _read(
        self, source: SeriesSourceConfig, prev: SourceState, fetch: FetchResult, body: bytes, digest: str, now: float
    ) -> tuple[UpdatePlan, int, int]:
        try:
            fetched = parse_series(body, layout_of(source), fetch.content_type)
        except SeriesParseError as exc:
            return plan_failure(prev, f"not data: {exc}", now), 0, 0
        vintage = _vintage(now)
        all_changes: list[SeriesChanges] = []
        alerts: list[Alert] = []
        for series in source.series:
            stored = self.store.observations(series.id)
            changes = diff_series(series.id, stored, fetched.get(series.id, []), vintage, source.on_first_fetch)
            all_changes.append(changes)
            alerts += plan_alerts(source, self.engine, changes, merged_history(stored, changes), now)
            self._log_changes(source, changes)
        from wirewatch.delivery import Outbox

        outbox = Outbox(self.store, self.notifiers, self.delivery_settings)
        created = 0
        for alert in alerts:  # outbox first: a crash after this redoes the poll without duplicates
            # the same routing, event key (series + period) and history context as news alerts
            prepared, targets = outbox.prepare(alert, now)
            if self.store.add_alert(prepared, targets):
                created += 1
        self.store.save_observations([o for c in all_changes for o in c.to_save])
        succeeded = plan_not_modified(prev, fetch, now, body_hash=digest).state
        state = record_success(succeeded, fetch, all_changes, now)
        baseline = all(c.baseline for c in all_changes)
        new = sum(len(c.backfill) if c.baseline else len(c.new_prints) for c in all_changes)
        revised = sum(len(c.revisions) for c in all_changes)
        message = f"{revised} revision(s)" if revised else None
        outcome = "baseline" if baseline else "updated"
        return UpdatePlan(state=state, outcome=outcome, message=message), new, created

    @staticmethod
    def _log_changes(source: SeriesSourceConfig, c: SeriesChanges) -> None:
        for o in c.new_prints:
            log.info("source %s: new print %s %s = %s", source.id, c.series, o.period, fmt(o.value))
        for r in c.revisions:
            o = r.observation
            log.info(
                "source %s: revision %s %s: %s → %s (%s)",
                source.id,
                c.series,
                o.period,
                fmt(r.previous),
                fmt(o.value),
                "reported" if source.revisions == "alert" else "logged only",
            )
        if c.backfill and not c.baseline and not c.new_prints:
            log.info("source %s: %s: %d earlier periods filled in (not alerted)", source.id, c.series, len(c.backfill))


async def poll_series(pipeline: Pipeline, source: SeriesSourceConfig) -> PollReport:
    """The series half of Pipeline.poll: same store, notifiers, fetcher and polling policy."""
    from wirewatch.pipeline import PollReport

    poll = SeriesPoll(
        pipeline.store,
        series_engine_of(pipeline.engine),
        pipeline.notifiers,
        pipeline.policy,
        getattr(pipeline, "delivery_settings", None),
    )
    try:
        prev = await asyncio.to_thread(pipeline.store.get_source_state, source.id)
    except StoreUnavailable as exc:
        log.error("source %s: skipped, store unavailable: %s", source.id, exc)
        return PollReport(source.id, "failed", message=str(exc))
    prev = reconcile(prev or initial_state(source.id), source.url)
    if prev.disabled:
        report = PollReport(source.id, "disabled", message=prev.disabled, state=prev)
        log.error(
            "source %s: disabled, not polled: %s; change its url in the config to poll it again",
            source.id,
            prev.disabled,
        )
        return report
    fetch = await pipeline.fetcher.fetch(fetch_url(prev, source.url), prev.etag, prev.last_modified)
    try:
        plan, new, created = await asyncio.to_thread(poll.process, source, prev, fetch)
    except StoreUnavailable as exc:
        log.error("source %s: store unavailable, poll will be redone: %s", source.id, exc)
        return PollReport(source.id, "failed", message=str(exc))
    report = PollReport(source.id, plan.outcome, new, created, plan.message, plan.state)
    _log_report(source, report)
    return report


def _log_report(source: SeriesSourceConfig, r: PollReport) -> None:
    if r.outcome == "failed":
        st = r.state
        if st is not None and st.next_poll is not None:
            log.warning(
                "source %s: fetch failed: %s; failure %d in a row, next try at %s",
                source.id,
                r.message,
                st.consecutive_failures,
                time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime(st.next_poll)),
            )
        else:
            log.warning("source %s: fetch failed: %s", source.id, r.message)
    elif r.outcome == "disabled":
        log.error("source %s: disabled: %s", source.id, r.message)
    elif r.outcome == "baseline":
        log.info(
            "source %s: history loaded (%d observations of %d series; no alerts on first fetch)",
            source.id,
            r.new,
            len(source.series),
        )
    elif r.outcome == "updated":
        extra = f", {r.message}" if r.message else ""
        log.info("source %s: %d new prints%s, %d alerts", source.id, r.new, extra, r.alerts)
    else:
        log.debug("source %s: not modified", source.id)
