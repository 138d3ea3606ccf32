"""Pure update decisions for one poll of one source: what is new, what to match, what state to keep.

Nothing here touches the network, the store or the clock (time comes in as `now`), in the spirit of
separating "what should happen" from "doing it".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from collectors.feed_parse import ParsedFeed
from collectors.http_fetch import FetchResult
from collectors.item import Item
from store.records import SourceState


@dataclass(frozen=True, slots=True)
class UpdatePlan:
    state: SourceState
    outcome: str  # not_modified | baseline | updated | failed
    to_match: list[Item] = field(default_factory=list)
    to_mark_seen: list[str] = field(default_factory=list)
    message: str | None = None


def initial_state(source_id: str) -> SourceState:
    return SourceState(source_id=source_id)


def plan_failure(prev: SourceState, error: str, now: float) -> UpdatePlan:
    state = prev.evolve(last_poll=now, last_error=error, consecutive_failures=prev.consecutive_failures + 1)
    return UpdatePlan(state=state, outcome="failed", message=error)


def plan_not_modified(prev: SourceState, fetch: FetchResult, now: float) -> UpdatePlan:
    state = prev.evolve(
        last_poll=now,
        last_success=now,
        last_error=None,
        consecutive_failures=0,
        etag=fetch.etag or prev.etag,
        last_modified=fetch.last_modified or prev.last_modified,
    )
    return UpdatePlan(state=state, outcome="not_modified")


def plan_update(
    prev: SourceState,
    fetch: FetchResult,
    parsed: ParsedFeed,
    unseen_ids: list[str],
    on_first_fetch: str,
    now: float,
) -> UpdatePlan:
    """Decide on a successfully fetched and parsed feed.

    The first successful fetch records a baseline (everything seen, nothing alerted) unless the source asks
    for `on_first_fetch: alert`. Items stay in feed order so alerts follow the publisher's order.
    """
    if parsed.error:
        return plan_failure(prev, parsed.error, now)
    unseen = set(unseen_ids)
    new_items = [i for i in parsed.items if i.id in unseen]
    baseline = not prev.baseline_done and on_first_fetch == "baseline"
    state = prev.evolve(
        etag=fetch.etag,
        last_modified=fetch.last_modified,
        baseline_done=True,
        last_poll=now,
        last_success=now,
        last_error=None,
        consecutive_failures=0,
        entries_seen=prev.entries_seen + len(new_items),
        last_new_entry=now if new_items else prev.last_new_entry,
    )
    return UpdatePlan(
        state=state,
        outcome="baseline" if baseline else "updated",
        to_match=[] if baseline else new_items,
        to_mark_seen=[i.id for i in new_items],
        message=parsed.warning,
    )
