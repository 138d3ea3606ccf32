"""`type: rss`: an RSS or Atom feed. New entries are matched by the keyword rules; the first fetch is a
baseline (everything seen, nothing alerted) unless the source asks for `on_first_fetch: alert`."""

from __future__ import annotations

import logging

from collectors.encoding import to_utf8
from collectors.feed_parse import parse_feed
from collectors.update import plan_update
from domain.source_state import SourceState
from rules.alerts import alerts_for, realert
from rules.ruleset import RuleSet
from wirewatch.config import RssSourceConfig
from wirewatch.readers.base import AlertIntent, Commit, Fetched, Reading, StoreReads

log = logging.getLogger("wirewatch.poll")


class FeedReader:
    def __init__(self) -> None:
        # the charset correction last logged per source: a feed that always mislabels itself is logged once
        self._corrections: dict[str, tuple[str, str] | None] = {}

    def read(
        self, source: RssSourceConfig, prev: SourceState, got: Fetched, rules: RuleSet, store: StoreReads, now: float
    ) -> Reading:
        decoded = to_utf8(got.body, got.fetch.content_type)
        unseen: list[str] = []

        def select(ids: list[str]) -> list[str]:
            """Only entries the store has not seen are turned into text (most polls bring one new entry)."""
            unseen[:] = store.unseen(source.id, ids) if ids else []
            return unseen

        parsed = parse_feed(decoded.body, source.id, decoded.content_type, select=select, base_url=got.fetch.url)
        plan = plan_update(prev, got.fetch, parsed, unseen, source.on_first_fetch, now, body_hash=got.digest)
        if plan.outcome != "failed":
            self._log_decoding(source.id, decoded.note, decoded.mismatch)
        fresh = set(plan.to_mark_seen)
        engine = rules.keyword
        intents = tuple(
            AlertIntent(alert, realert(alert, engine.rule(alert.rule)))
            for item in plan.to_match
            for alert in alerts_for(item, engine.match(item), now)
        )
        new = len(plan.to_mark_seen)
        if plan.outcome == "baseline":
            detail = f"baseline recorded ({new} entries, no alerts on first fetch)"
        else:
            detail = f"{new} new entries"
        commit = Commit(archive=tuple(i for i in parsed.items if i.id in fresh), seen=tuple(plan.to_mark_seen))
        return Reading(plan, intents, commit, new, detail)

    def _log_decoding(self, source_id: str, note: str | None, mismatch: tuple[str, str] | None) -> None:
        extra = {"source": source_id}
        if mismatch is not None:
            if self._corrections.get(source_id) != mismatch:
                log.warning("source %s: %s", source_id, note, extra=extra)
            self._corrections[source_id] = mismatch
            return
        self._corrections.pop(source_id, None)
        if note:
            log.info("source %s: %s", source_id, note, extra=extra)
