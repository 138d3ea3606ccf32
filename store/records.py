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

    def to_json(self) -> str:
        data = asdict(self)
        data["item"] = self.item.to_dict()
        data["matched"] = list(self.matched)
        data["rules"] = list(self.rules)
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str | bytes) -> Alert:
        data = json.loads(raw)
        data["item"] = Item.from_dict(data["item"])
        data["matched"] = tuple(data.get("matched") or ())
        data["rules"] = tuple(data.get("rules") or ())
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass(frozen=True, slots=True)
class Delivery:
    """One alert bound for one target (e.g. `console`, `slack:#market-signals`)."""

    alert_id: str
    target: str
    status: str = "pending"  # pending | sent | failed
    attempts: int = 0
    next_attempt: float = 0.0
    last_error: str | None = None
    ref: str | None = None  # the target's id for the message (Slack ts)
    updated_at: float = 0.0
