"""`type: series`: a data feed (CSV or JSON) of observations. Each series is compared with what the store holds:
a period past the last stored one is a new print, judged by the series rules; a changed value for a known
period is a revision; an unknown earlier period is backfill, stored quietly. The first fetch loads history and
alerts nothing. The parser (pandas) is imported on the first read, so a config without series sources never
loads it.
"""

from __future__ import annotations

import logging

from collectors.series_layout import SeriesParseError
from collectors.series_update import SeriesChanges, diff_series, merged_history, record_success
from collectors.update import UpdatePlan, plan_failure, plan_not_modified
from domain.alert import Alert
from domain.formats import iso_utc, number
from domain.source_state import SourceState
from rules.ruleset import RuleSet
from wirewatch.config import SeriesSourceConfig
from wirewatch.readers.base import AlertIntent, Commit, Fetched, Reading, StoreReads
from wirewatch.readers.series_alerts import layout_of, plan_alerts

log = logging.getLogger("wirewatch.poll")


class SeriesReader:
    def read(
        self,
        source: SeriesSourceConfig,
        prev: SourceState,
        got: Fetched,
        rules: RuleSet,
        store: StoreReads,
        now: float,
    ) -> Reading:
        from collectors.series_parse import parse_series

        try:
            fetched = parse_series(got.body, layout_of(source), got.fetch.content_type)
        except SeriesParseError as exc:
            return Reading(plan_failure(prev, f"not data: {exc}", now))
        vintage = iso_utc(now)
        all_changes: list[SeriesChanges] = []
        alerts: list[Alert] = []
        for series in source.series:
            stored = store.observations(series.id)
            changes = diff_series(series.id, stored, fetched.get(series.id, []), vintage, source.on_first_fetch)
            all_changes.append(changes)
            alerts += plan_alerts(source, rules.series, changes, merged_history(stored, changes), now)
            _log_changes(source, changes)
        succeeded = plan_not_modified(prev, got.fetch, now, body_hash=got.digest).state
        state = record_success(succeeded, got.fetch, all_changes, now)
        baseline = all(c.baseline for c in all_changes)
        new = sum(len(c.backfill) if c.baseline else len(c.new_prints) for c in all_changes)
        revised = sum(len(c.revisions) for c in all_changes)
        message = f"{revised} revision(s)" if revised else None
        if baseline:
            detail = f"history loaded ({new} observations of {len(source.series)} series; no alerts on first fetch)"
        else:
            detail = f"{new} new prints" + (f", {message}" if message else "")
        return Reading(
            UpdatePlan(state=state, outcome="baseline" if baseline else "updated", message=message),
            tuple(AlertIntent(a) for a in alerts),
            Commit(observations=tuple(o for c in all_changes for o in c.to_save)),
            new,
            detail,
        )


def _log_changes(source: SeriesSourceConfig, c: SeriesChanges) -> None:
    extra = {"source": source.id}
    for o in c.new_prints:
        log.info("source %s: new print %s %s = %s", source.id, c.series, o.period, number(o.value), extra=extra)
    for r in c.revisions:
        o = r.observation
        log.info(
            "source %s: revision %s %s: %s → %s (%s)",
            source.id,
            c.series,
            o.period,
            number(r.previous),
            number(o.value),
            "reported" if source.revisions == "alert" else "logged only",
            extra=extra,
        )
    if c.backfill and not c.baseline and not c.new_prints:
        log.info(
            "source %s: %s: %d earlier periods filled in (not alerted)",
            source.id,
            c.series,
            len(c.backfill),
            extra=extra,
        )
