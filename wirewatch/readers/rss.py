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
    def read(
        self, source: RssSourceConfig, prev: SourceState, got: Fetched, rules: RuleSet, store: StoreReads, now: float
    ) -> Reading:
        decoded = to_utf8(got.body, got.fetch.content_type)
        parsed = parse_feed(decoded.body, source.id, decoded.content_type)
        ids = [i.id for i in parsed.items]
        unseen = store.unseen(source.id, ids) if ids else []
        plan = plan_update(prev, got.fetch, parsed, unseen, source.on_first_fetch, now, body_hash=got.digest)
        if decoded.note and plan.outcome != "failed":
            log.info("source %s: %s", source.id, decoded.note, extra={"source": source.id})
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
