"""From matches to alerts: one alert per event in an item, and the `realert` claim a rule asks for. Pure.

Several rules flagging one deal make one alert, led by the most severe rule and keeping every rule that fired
(`rules`, lead first) with each one's `notify` (the router sends the alert to the union of their targets); an
article reporting two deals makes two (keys `bd_deal`, `bd_deal#2`); keyword rules without an event each make
their own alert. The alert carries its derived fields (rules/derived.py) for its card and its event key.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from domain.alert import Alert, RuleNotify, alert_id
from domain.item import Item
from domain.severity import SEVERITY_ORDER
from domain.text import fold
from rules.derived import derive
from rules.durations import parse_duration
from rules.engine import Match
from rules.model import Rule


@dataclass(frozen=True, slots=True)
class Realert:
    """`realert:` on a rule: this alert is a repeat unless it can claim `key` for `window` seconds."""

    key: str
    window: float  # seconds
    rule: str
    written: str  # the window as the rule wrote it, e.g. `24h`
    values: tuple[object, ...]  # what the key was made of, for the log line that explains a suppression


def _agree(a: Mapping[str, object], b: Mapping[str, object]) -> bool:
    return all(a[k] == b[k] for k in a.keys() & b.keys())


def events(matches: list[Match]) -> list[tuple[str, list[Match]]]:
    """Group matches into events: same event type and agreeing fields."""
    by_type: dict[str, list[list[Match]]] = {}
    for m in matches:
        clusters = by_type.setdefault(m.rule.event or f"rule:{m.rule.id}", [])
        home = next((c for c in clusters if _agree(c[0].fields, m.fields)), None)
        if home is None:
            clusters.append([m])
        else:
            home.append(m)
    return [
        (key if i == 0 else f"{key}#{i + 1}", c) for key, clusters in by_type.items() for i, c in enumerate(clusters)
    ]


def alerts_for(item: Item, matches: list[Match], now: float) -> list[Alert]:
    """One alert per event in the item, led by its most severe rule; fields merged, first writer wins."""
    out = []
    for key, group in events(matches):
        lead = max(group, key=lambda m: SEVERITY_ORDER[m.rule.severity])
        fields: dict[str, object] = {}
        for m in group:
            fields.update({k: v for k, v in m.fields.items() if k not in fields})
        fired = list({m.rule.id: m.rule for m in (lead, *group)}.values())
        out.append(
            Alert(
                id=alert_id(item.source, item.id, key),
                rule=lead.rule.id,
                item=item,
                event=lead.rule.event,
                severity=lead.rule.severity,
                description=lead.rule.description,
                matched=tuple(dict.fromkeys(t for m in group for t in m.terms)),
                fields=fields,
                created_at=now,
                rules=tuple(r.id for r in fired),
                channel=lead.rule.notify.channel,
                digest=lead.rule.notify.digest,
                notify=tuple(RuleNotify(r.id, r.notify.channel, r.notify.digest) for r in fired),
                derived=derive(lead.rule.extract or lead.rule.event, fields),
            )
        )
    return out


def realert(alert: Alert, rule: Rule | None) -> Realert | None:
    """The claim that decides whether `alert` repeats one its rule made within `realert:` (by `key:` fields,
    else by event), or None when the rule has no `realert:`."""
    if rule is None or not rule.realert:
        return None
    values = [alert.fields.get(k) for k in rule.key] if rule.key else [alert.event or rule.id]
    key = "realert:" + rule.id + ":" + json.dumps([fold(str(v)) if isinstance(v, str) else v for v in values])
    return Realert(key, parse_duration(rule.realert), rule.id, rule.realert, tuple(values))
