"""An alert: one event (or keyword match) in one item, as recorded in the outbox and rendered as one card."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from domain.item import Item
from domain.kinds import KEYWORD, SERIES_PRINT


def alert_id(source: str, item_id: str, key: str) -> str:
    """Deterministic: the same item flagged for the same event (or keyword rule) always gets the same id."""
    raw = "\x1f".join((source, item_id, key)).encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class RuleNotify:
    """Where one rule that fired asks its alerts to go: its `notify.channel` (None: the routes decide) and
    `notify.digest`. An alert flagged by several rules goes to the union of their targets."""

    rule: str
    channel: str | None = None
    digest: bool = False


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
    rules: tuple[str, ...] = ()  # every rule that fired for this item and event; `rule` is the lead one
    # one event, one alert (issue 6): later reports of an event reply in the thread of its first alert
    event_key: str | None = None  # e.g. `bd_deal|gsk|rapt|rpt904`; None for keyword matches
    thread_of: str | None = None  # the id of the event's first alert, when this one is a later report of it
    context: tuple[str, ...] = ()  # history lines worked out when recorded ("largest upfront since 2025-10")
    channel: str | None = None  # the lead rule's `notify.channel`, if it names one
    digest: bool = False  # the lead rule's `notify.digest`: collect into the channel's periodic digest
    # What the alert is (domain/kinds.py); by default its event name, else `keyword`. Producers whose alerts
    # are not named by their event (series prints, revisions, notices) say so.
    kind: str = ""
    # Each rule's own routing (empty in records written before alerts carried it: the lead's `channel`/`digest`)
    notify: tuple[RuleNotify, ...] = ()
    # Fields computed from `fields` by the rule language (rules/derived.py): USD equivalents, changes in % and
    # bp, the rating's level on the common scale, English names the lexicons know. Cards and event keys read
    # them; `fields` stay as the extractor reported them.
    derived: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.kind:
            object.__setattr__(self, "kind", self.event or KEYWORD)

    def rule_notify(self) -> tuple[RuleNotify, ...]:
        """Each rule's routing; for a record without it, the lead rule's (all that was kept then)."""
        return self.notify or (RuleNotify(self.rule, self.channel, self.digest),)

    def to_json(self) -> str:
        data = asdict(self)
        data["item"] = self.item.to_dict()
        data["matched"] = list(self.matched)
        data["rules"] = list(self.rules)
        data["context"] = list(self.context)
        data["notify"] = [asdict(n) for n in self.notify]
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str | bytes) -> Alert:
        data = json.loads(raw)
        data["item"] = Item.from_dict(data["item"])
        data["matched"] = tuple(data.get("matched") or ())
        data["rules"] = tuple(data.get("rules") or ())
        data["context"] = tuple(data.get("context") or ())
        data["notify"] = tuple(
            RuleNotify(str(n.get("rule") or ""), n.get("channel"), bool(n.get("digest")))
            for n in data.get("notify") or ()
            if isinstance(n, dict)
        )
        data["derived"] = data.get("derived") if isinstance(data.get("derived"), dict) else {}
        if not data.get("kind"):
            data["kind"] = _stored_kind(data)
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def _stored_kind(data: dict[str, Any]) -> str:
    """The kind of a record written before alerts carried one: series prints were the alerts holding their
    recent history; everything else was named by its event."""
    fields = data.get("fields") or {}
    if isinstance(fields.get("history"), dict) and "indicator" in fields:
        return SERIES_PRINT
    return str(data.get("event") or KEYWORD)
