"""What *Mute this* mutes, per event type: the event's key entity, as data. Pure.

- bd_deal: a party — the licensor or the licensee, each its own choice (two buttons, or a menu). The silence
  is `event=bd_deal, party=<name>`: the company is muted on either side of later deals, since "this company
  is not for our desk" does not depend on which side it signs on. Deals elsewhere still post.
- price_target: the ticker (else the company) with the broker: `event=price_target, ticker=TGT,
  broker="JPMorgan"` — one broker's calls on one stock; other brokers' calls on it still post.
- mortgage_print / series_revision: the series id when the alert came from a data feed, else the indicator.
- a keyword alert (no event), or an event type without an entry here: its lead rule.

Values are copied exactly from the alert's extracted fields; `notifier.silences` compares names as event keys
do, so the mute holds however the next outlet spells the company. *Mute rule* is `rule=<lead rule>`.
The event-type registry (issue 11) is where this table belongs once it exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from domain.alert import Alert
from domain.judgements import Matcher
from notifier.silences import SilenceError, make_matcher


@dataclass(frozen=True, slots=True)
class KeyPart:
    """One matcher of a key entity: its value comes from the first of `fields` the alert has; the matcher's
    label is `label` when set, else the name of the field it came from."""

    fields: tuple[str, ...]
    label: str | None = None


@dataclass(frozen=True, slots=True)
class KeyEntity:
    choice: str  # how an action names it (`ww.mute.7d` value `<alert id>|licensee`)
    parts: tuple[KeyPart, ...]


@dataclass(frozen=True, slots=True)
class MuteTarget:
    """A ready-to-use mute: the matchers of a silence, and how a card names it ("CSPC", "JPMorgan on TGT")."""

    choice: str
    title: str
    matchers: tuple[Matcher, ...]


_PRINT = (KeyEntity("series", (KeyPart(("series", "indicator")),)),)
KEY_ENTITIES: Mapping[str, tuple[KeyEntity, ...]] = {
    "bd_deal": (
        KeyEntity("licensor", (KeyPart(("licensor",), "party"),)),
        KeyEntity("licensee", (KeyPart(("licensee",), "party"),)),
    ),
    "price_target": (KeyEntity("ticker_broker", (KeyPart(("ticker", "company")), KeyPart(("broker",)))),),
    "mortgage_print": _PRINT,
    "series_revision": _PRINT,
}
RULE_CHOICE = "rule"


def _scalar(value: object) -> str | None:
    if value is None or isinstance(value, dict | list | tuple):
        return None
    text = str(value).strip()
    return text or None


def _target(alert: Alert, entity: KeyEntity) -> MuteTarget | None:
    """The entity's mute for this alert, or None when the alert lacks one of its fields."""
    found: list[tuple[str, str]] = []
    for part in entity.parts:
        hit = next(((f, v) for f in part.fields if (v := _scalar(alert.fields.get(f))) is not None), None)
        if hit is None:
            return None
        found.append((part.label or hit[0], hit[1]))
    matchers = (make_matcher("event", "=", alert.event or ""), *(make_matcher(n, "=", v) for n, v in found))
    title = found[0][1] if len(found) == 1 else f"{found[-1][1]} on {found[0][1]}"
    return MuteTarget(entity.choice, title, matchers)


def rule_target(alert: Alert) -> MuteTarget:
    """*Mute rule*: every alert led by this alert's rule."""
    return MuteTarget(RULE_CHOICE, f"rule {alert.rule}", (make_matcher("rule", "=", alert.rule),))


def mute_targets(alert: Alert) -> tuple[MuteTarget, ...]:
    """The *Mute this* choices this alert offers, default first; its rule when its event has no key entity
    (a keyword alert) or the alert lacks the fields to name one."""
    entities = KEY_ENTITIES.get(alert.event or "", ())
    found = tuple(t for e in entities if (t := _target(alert, e)) is not None)
    return found or (rule_target(alert),)


def mute_target(alert: Alert, choice: str | None = None) -> MuteTarget:
    """One choice by name (None: the default; `rule`: always offered); an unknown or unavailable choice is an
    error."""
    targets = mute_targets(alert)
    if choice is None:
        return targets[0]
    if choice == RULE_CHOICE:
        return rule_target(alert)
    for t in targets:
        if t.choice == choice:
            return t
    offered = ", ".join(dict.fromkeys([*(t.choice for t in targets), RULE_CHOICE]))
    raise SilenceError(f"alert {alert.id} has nothing to mute as {choice!r} (it offers: {offered})")
