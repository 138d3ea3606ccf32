"""What readers decide about alerts: silences (who muted what, until when) and feedback verdicts.

Frozen and JSON-serialisable like the other domain records, identical across backends. They sit beside the other
records so the store can keep them without importing the logic that makes or matches them
(`notifier/silences.py`, `notifier/feedback.py`); they live at the bottom with the other records.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

MatchOp = Literal["=", "!=", "=~", "!~"]
OPS: tuple[MatchOp, ...] = ("=", "!=", "=~", "!~")
# What a reader said about an alert. `withdrawn` undoes the same reader's earlier verdict on that alert.
VERDICTS = ("useful", "not_relevant", "muted", "withdrawn")


@dataclass(frozen=True, slots=True)
class Matcher:
    """One condition on an alert's labels, as in Alertmanager: `name op value`, e.g. `broker=~"Goldman.*"`."""

    name: str
    op: MatchOp
    value: str

    def __str__(self) -> str:
        return f"{self.name}{self.op}{json.dumps(self.value, ensure_ascii=False)}"

    @property
    def positive(self) -> bool:
        return self.op in ("=", "=~")


@dataclass(frozen=True, slots=True)
class Silence:
    """Alerts matching every matcher between `starts_at` and `ends_at` are recorded as silenced, not posted.

    An early expiry sets `expired_at`/`expired_by` and keeps the record: silences are never deleted, so
    `silence list --expired` answers "who muted this, and when" for as long as the store lives.
    """

    id: str
    matchers: tuple[Matcher, ...]
    starts_at: float
    ends_at: float
    author: str
    comment: str
    created_at: float
    author_id: str | None = None  # the Slack user id when made from a button
    origin: str | None = None  # the alert id a button press made it from
    expired_at: float | None = None
    expired_by: str | None = None

    @property
    def ended_at(self) -> float:
        """When it stops (or stopped) applying: its end, or its early expiry if that came first."""
        return self.ends_at if self.expired_at is None else min(self.ends_at, self.expired_at)

    def is_active(self, now: float) -> bool:
        return self.starts_at <= now < self.ended_at

    def state(self, now: float) -> Literal["pending", "active", "expired"]:
        if now >= self.ended_at:
            return "expired"
        return "active" if now >= self.starts_at else "pending"

    def to_json(self) -> str:
        data = asdict(self)
        data["matchers"] = [asdict(m) for m in self.matchers]
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str | bytes) -> Silence:
        data = json.loads(raw)
        data["matchers"] = tuple(Matcher(str(m["name"]), m["op"], str(m["value"])) for m in data["matchers"])
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def evolve(self, **changes: Any) -> Silence:
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Verdict:
    """A reader's judgement of one alert, with a snapshot of what they judged (the alert may be pruned later,
    the rules may change): the item's text, the event and its fields. Labelled data for evaluation."""

    id: str  # deterministic from the action that made it, so a redelivered action is stored once
    alert_id: str
    verdict: str  # one of VERDICTS
    user_id: str
    at: float
    user_name: str = ""
    reason: str = ""
    rule: str = ""
    event: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    item_id: str = ""
    title: str = ""
    summary: str = ""
    link: str = ""
    published: str | None = None
    silence_id: str | None = None  # the silence a `muted` verdict made
    channel: str | None = None  # where the card was (Slack channel id) and which message
    message_ts: str | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str | bytes) -> Verdict:
        data = json.loads(raw)
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)
