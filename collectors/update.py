"""Pure update decisions for one poll of one source: what is new, what to match, what state to keep, and
when to poll next.

Nothing here touches the network, the store or the clock (time comes in as `now`, randomness as `u`), in the
spirit of separating "what should happen" from "doing it".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, replace

from collectors.feed_parse import ParsedFeed
from collectors.http_fetch import FetchResult
from collectors.schedule import PollPolicy, next_delay
from domain.item import Item
from domain.source_state import SourceState

GAP_WEIGHT = 0.3  # moving-average weight of the newest gap between polls that brought new entries


@dataclass(frozen=True, slots=True)
class UpdatePlan:
    state: SourceState
    outcome: str  # not_modified | baseline | updated | failed | disabled
    to_match: list[Item] = field(default_factory=list)
    to_mark_seen: list[str] = field(default_factory=list)
    message: str | None = None


def initial_state(source_id: str) -> SourceState:
    return SourceState(source_id=source_id)


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()[:32]


def reconcile(prev: SourceState, configured_url: str) -> SourceState:
    """Forget what belonged to the old URL when the config's URL changed (and so re-enable a gone source).

    Seen entries and the baseline stay: the source id is the same, so its entries must not alert again.
    """
    if prev.url == configured_url:
        return prev
    if prev.url is None and not prev.disabled:  # a record from before URLs were kept
        return prev.evolve(url=configured_url)
    return prev.evolve(
        url=configured_url,
        adopted_url=None,
        redirect_candidate=None,
        redirect_count=0,
        etag=None,
        last_modified=None,
        body_hash=None,
        disabled=None,
        disabled_at=None,
    )


def fetch_url(state: SourceState, configured_url: str) -> str:
    """The URL to poll: an adopted permanent redirect, else the configured one."""
    return state.adopted_url or configured_url


def is_unchanged(prev: SourceState, fetch: FetchResult, digest: str) -> bool:
    """A 200 that repeats the stored validators or the stored body is no news (servers that ignore
    conditional requests, or send fresh validators with every response)."""
    if not prev.baseline_done:
        return False
    if prev.body_hash is not None and prev.body_hash == digest:
        return True
    if fetch.etag and prev.etag:
        return fetch.etag == prev.etag
    return bool(fetch.last_modified and prev.last_modified and fetch.last_modified == prev.last_modified)


def plan_failure(prev: SourceState, error: str, now: float) -> UpdatePlan:
    state = prev.evolve(
        last_poll=now,
        last_error=error,
        last_error_at=now,
        consecutive_failures=prev.consecutive_failures + 1,
        failing_since=prev.failing_since if prev.consecutive_failures else now,
    )
    return UpdatePlan(state=state, outcome="failed", message=error)


def plan_gone(prev: SourceState, fetch: FetchResult, now: float) -> UpdatePlan:
    """HTTP 410: stop polling this URL; the source stays visible as disabled until its URL is changed."""
    reason = f"HTTP 410 Gone: the publisher removed {fetch.url}"
    plan = plan_failure(prev, reason, now)
    state = plan.state.evolve(disabled=reason, disabled_at=now)
    return UpdatePlan(state=state, outcome="disabled", message=reason)


def _succeeded(prev: SourceState, now: float, **changes: object) -> SourceState:
    return prev.evolve(
        last_poll=now,
        last_success=now,
        last_error=None,
        consecutive_failures=0,
        failing_since=None,
        **changes,
    )


# What every successful poll moves forward. A state that differs from the stored one in these alone may be saved
# late, with others (a crash then costs only an early poll after restart); any other change is saved at once.
TIMING_FIELDS = frozenset({"last_poll", "last_success", "next_poll"})
_KEPT_FIELDS = tuple(f.name for f in fields(SourceState) if f.name not in TIMING_FIELDS)


def only_timing_changed(stored: SourceState, new: SourceState) -> bool:
    """Whether `new` is `stored` polled again and rescheduled, with nothing else learned."""
    return all(getattr(stored, name) == getattr(new, name) for name in _KEPT_FIELDS)


def plan_not_modified(prev: SourceState, fetch: FetchResult, now: float, body_hash: str | None = None) -> UpdatePlan:
    state = _succeeded(
        prev,
        now,
        etag=fetch.etag or prev.etag,
        last_modified=fetch.last_modified or prev.last_modified,
        body_hash=body_hash or prev.body_hash,
    )
    return UpdatePlan(state=state, outcome="not_modified")


def _gap_stats(prev: SourceState, now: float) -> dict[str, object]:
    """Fold the time since the last new entry into the usual cadence."""
    if prev.last_new_entry is None or now <= prev.last_new_entry:
        return {}
    gap = now - prev.last_new_entry
    mean = gap if prev.gap_mean is None else prev.gap_mean + GAP_WEIGHT * (gap - prev.gap_mean)
    return {"gap_mean": mean, "gap_count": prev.gap_count + 1}


def plan_update(
    prev: SourceState,
    fetch: FetchResult,
    parsed: ParsedFeed,
    unseen_ids: list[str],
    on_first_fetch: str,
    now: float,
    body_hash: str | None = None,
) -> UpdatePlan:
    """Decide on a successfully fetched and parsed feed.

    The first successful fetch records a baseline (everything seen, nothing alerted) unless the source asks
    for `on_first_fetch: alert`. Items stay in feed order so alerts follow the publisher's order. An edited
    entry keeps its id, so it is not new. Only a feed where nothing parses fails; a `bozo` feed whose entries
    parse is read, with the parser's complaint passed on as a warning.
    """
    if parsed.error:
        return plan_failure(prev, parsed.error, now)
    unseen = set(unseen_ids)
    new_items = [i for i in parsed.items if i.id in unseen]
    baseline = not prev.baseline_done and on_first_fetch == "baseline"
    cadence = _gap_stats(prev, now) if new_items and prev.baseline_done else {}
    state = _succeeded(
        prev,
        now,
        etag=fetch.etag,
        last_modified=fetch.last_modified,
        body_hash=body_hash,
        baseline_done=True,
        entries_seen=prev.entries_seen + len(new_items),
        last_new_entry=now if new_items else prev.last_new_entry,
        **cadence,
    )
    return UpdatePlan(
        state=state,
        outcome="baseline" if baseline else "updated",
        to_match=[] if baseline else new_items,
        to_mark_seen=[i.id for i in new_items],
        message=parsed.warning,
    )


def track_redirect(state: SourceState, fetch: FetchResult, persist: int) -> tuple[SourceState, str | None]:
    """Count consecutive polls that were permanently redirected to one place; adopt it once it persists.

    Returns the new state and the adopted URL (None unless adopted on this poll). A 302/307 is never
    counted, a failed fetch neither counts nor resets, and any poll without the redirect starts over.
    """
    if not fetch.ok:
        return state, None
    target = fetch.permanent_redirect
    if target is None:
        return state.evolve(redirect_candidate=None, redirect_count=0), None
    count = state.redirect_count + 1 if target == state.redirect_candidate else 1
    if count >= persist:
        return state.evolve(adopted_url=target, redirect_candidate=None, redirect_count=0), target
    return state.evolve(redirect_candidate=target, redirect_count=count), None


def schedule(
    state: SourceState, fetch: FetchResult | None, interval: float, policy: PollPolicy, now: float, u: float
) -> SourceState:
    """Set `next_poll`: the interval when healthy, backed off when failing, later if the server asked.

    Retry-After counts on 429 and 503 only; Cache-Control max-age on a successful response. A disabled
    source gets no next poll.
    """
    if state.disabled:
        return state.evolve(next_poll=None)
    retry_after = fetch.retry_after if fetch is not None and fetch.status in (429, 503) else None
    max_age = fetch.max_age if fetch is not None and fetch.ok else None
    delay = next_delay(
        interval,
        failures=state.consecutive_failures,
        retry_after=retry_after,
        max_age=max_age,
        policy=policy,
        u=u,
    )
    return state.evolve(next_poll=now + delay)


def finish(
    plan: UpdatePlan, fetch: FetchResult, interval: float, policy: PollPolicy, now: float, u: float
) -> tuple[UpdatePlan, str | None]:
    """Apply redirect tracking and scheduling to a plan; returns it with the URL adopted on this poll.

    Only a poll that succeeded end to end counts towards adopting a redirect: a target serving an error page
    is not one to move to."""
    adopted = None
    state = plan.state
    if plan.outcome not in ("failed", "disabled"):
        state, adopted = track_redirect(state, fetch, policy.redirect_persist)
    state = schedule(state, fetch, interval, policy, now, u)
    return replace(plan, state=state), adopted
