"""Records the store keeps. Frozen, JSON-serialisable, identical across backends."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from collectors.item import Item


@dataclass(frozen=True, slots=True)
class SourceState:
    """What we remember about one source between polls (and across restarts)."""

    source_id: str
    etag: str | None = None
    last_modified: str | None = None
    baseline_done: bool = False
    last_poll: float | None = None
    last_success: float | None = None
    last_error: str | None = None
    consecutive_failures: int = 0
    entries_seen: int = 0
    last_new_entry: float | None = None
    next_poll: float | None = None
    # polling (issue 5); every field has a default so older records still load
    url: str | None = None  # the configured URL this state was built against; a config edit resets what depends on it
    adopted_url: str | None = None  # a 301/308 target adopted after it persisted
    redirect_candidate: str | None = None  # a permanent redirect seen but not yet adopted
    redirect_count: int = 0  # consecutive polls that redirected permanently to the candidate
    body_hash: str | None = None  # of the last 200 body: an identical re-send counts as unchanged
    last_error_at: float | None = None
    failing_since: float | None = None  # first failure of the current streak
    disabled: str | None = None  # why polling stopped (HTTP 410); None while active
    disabled_at: float | None = None
    gap_mean: float | None = None  # usual time between polls that brought new entries (moving average)
    gap_count: int = 0
    health_alert: str | None = None  # the ops condition currently alerted: failing | quiet | disabled
    health_key: str | None = None  # identifies that episode, so its alert and recovery are sent once

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, raw: str | bytes) -> SourceState:
        data = json.loads(raw)
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def evolve(self, **changes: Any) -> SourceState:
        return replace(self, **changes)


def alert_id(source: str, item_id: str, key: str) -> str:
    """Deterministic: the same item flagged for the same event (or keyword rule) always gets the same id."""
    raw = "\x1f".join((source, item_id, key)).encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Alert:
    id: str
    rule: str
    item: Item
    event: str | None = None
    severity: str = "info"
    description: str = ""
    matched: tuple[str, ...] = ()
    fields: dict[str, Any] = field(default_factory=dict)
    created_at: float = 0.0
    rules: tuple[str, ...] = ()  # every rule that fired for this item and event; `rule` is the primary one
    # one event, one alert (issue 6): later reports of an event reply in the thread of its first alert
    event_key: str | None = None  # e.g. `bd_deal|gsk|rapt|rpt904`; None for keyword matches
    thread_of: str | None = None  # the id of the event's first alert, when this one is a later report of it
    context: tuple[str, ...] = ()  # history lines worked out when recorded ("largest upfront since 2025-10")
    channel: str | None = None  # the lead rule's `notify.channel`, if it names one
    digest: bool = False  # the lead rule's `notify.digest`: collect into the channel's periodic digest

    def to_json(self) -> str:
        data = asdict(self)
        data["item"] = self.item.to_dict()
        data["matched"] = list(self.matched)
        data["rules"] = list(self.rules)
        data["context"] = list(self.context)
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str | bytes) -> Alert:
        data = json.loads(raw)
        data["item"] = Item.from_dict(data["item"])
        data["matched"] = tuple(data.get("matched") or ())
        data["rules"] = tuple(data.get("rules") or ())
        data["context"] = tuple(data.get("context") or ())
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass(frozen=True, slots=True)
class Delivery:
    """One alert bound for one target (e.g. `console`, `slack:#market-signals`)."""

    alert_id: str
    target: str
    status: str = "pending"  # pending | sent | failed | held (for the next digest) | digested (ref: digest id)
    attempts: int = 0
    next_attempt: float = 0.0
    last_error: str | None = None
    ref: str | None = None  # the target's id for the message (Slack ts)
    updated_at: float = 0.0
    # Set when a send began and may have reached the target (no answer, 5xx, timeout): before sending again,
    # the target's recent messages are checked for this alert, so a post that landed is never repeated.
    in_doubt_since: float | None = None


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
