"""*Why?*: the words, conditions and fields that made an alert's rules fire, as `wirewatch match --explain`
shows them — worked out again by matching the alert's item with the rule set running now. Pure given the rule
set (the app's, so it may use `rules/`); the reader gets it as Slack mrkdwn.

When the rules changed since the alert was recorded and a rule no longer fires, the answer says so and names
the condition that now fails (`match --rule ID --why-not`). Series prints are judged by series rules on a data
feed, not words: the answer lists each rule's conditions and the print's figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from domain.alert import Alert
from domain.formats import plain
from domain.kinds import SERIES_PRINT, SERIES_REVISION
from rules.engine import Match
from rules.model import Rule
from rules.ruleset import RuleSet

MAX_CHARS = 2900  # one section's worth (Slack: 3,000)
MAX_SPANS = 8
MAX_FIELDS = 12
_RULE_KEYS = ("id", "description", "event", "severity", "tags", "enabled", "examples", "owner", "notify", "key")
_SERIES_KEYS = {"id", "description", "series", "event", "severity", "tags", "enabled"}


def _clip(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def esc(text: object) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def explain(alert: Alert, rules: RuleSet) -> str:
    """The whole answer, in mrkdwn, at most one section long."""
    lines = _series(alert, rules) if alert.kind in (SERIES_PRINT, SERIES_REVISION) else _keyword(alert, rules)
    text = "\n".join(lines)
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + "…"


def _keyword(alert: Alert, rules: RuleSet) -> list[str]:
    wanted = list(dict.fromkeys((alert.rule, *alert.rules)))
    engine = rules.keyword
    matches: dict[str, Match] = {}
    for m in engine.match(alert.item, explain=True):
        if m.rule.id in wanted and (alert.event is None or m.rule.event == alert.event):
            matches.setdefault(m.rule.id, m)
    lines = [f"*Why this alert fired* — {esc(_clip(alert.item.title or alert.item.id))}"]
    for rule_id in wanted:
        fired = matches.get(rule_id)
        if fired is not None:
            lines += _fired(fired)
            continue
        rule = engine.rule(rule_id)
        if rule is None:
            lines.append(f"• rule `{esc(rule_id)}` is no longer in the rules running now")
        else:
            reason = engine.why_not(alert.item, rule_id) or "it fires, but not for this event"
            lines.append(f"• rule `{esc(rule_id)}` would not fire with the rules running now: {esc(reason)}")
    lead = matches.get(alert.rule)
    if alert.fields and (lead is None or _fields(lead.fields) != _fields(alert.fields)):
        lines.append("*Fields as recorded:* " + _fields(alert.fields))
    return lines


def _fired(m: Match) -> list[str]:
    rule = m.rule
    head = f"• rule `{esc(rule.id)}`" + (f" ({esc(rule.event)})" if rule.event else "")
    if rule.description:
        head += f": {esc(rule.description)}"
    out = [head]
    spans = [f"*{esc(s.text)}* ({esc(s.term)}, in {s.field})" for s in m.spans[:MAX_SPANS]]
    if spans:
        more = f" and {len(m.spans) - MAX_SPANS} more" if len(m.spans) > MAX_SPANS else ""
        out.append("   words: " + ", ".join(spans) + more)
    elif m.terms:
        out.append("   words: " + ", ".join(f"*{esc(t)}*" for t in m.terms))
    if conditions := list(_conditions(rule)):
        out.append("   conditions: " + " · ".join(conditions))
    if m.fields:
        out.append("   fields: " + _fields(m.fields))
    return out


def _conditions(rule: Rule) -> Iterable[str]:
    """The rule's conditions besides its words, each as written."""
    data = rule.model_dump(by_alias=True, exclude_defaults=True, exclude=set(_RULE_KEYS))
    for key in ("all", "any", "none", "regex", "near", "where", "sources", "lang", "in", "extract", "realert"):
        value = data.get(key)
        if value in (None, [], ""):
            continue
        if key in ("all", "any"):
            yield f"{key} of {len(value)} terms"
        elif isinstance(value, list):
            yield f"{key}: " + ", ".join(f"`{esc(_one(v))}`" for v in value)
        else:
            yield f"{key}: `{esc(value)}`"


def _one(value: Any) -> str:
    if isinstance(value, Mapping):
        return " ".join(f"{k}={_one(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "[" + ", ".join(_one(v) for v in value) + "]"
    return str(value)


def _fields(fields: Mapping[str, Any]) -> str:
    shown = [
        f"{esc(k)} *{esc(plain(v))}*"
        for k, v in fields.items()
        if v not in (None, "", [], {}) and not isinstance(v, dict | list)
    ]
    return ", ".join(shown[:MAX_FIELDS]) or "none"


def _series(alert: Alert, rules: RuleSet) -> list[str]:
    lines = [f"*Why this alert fired* — {esc(_clip(alert.item.title))}"]
    by_id = {r.id: r for r in rules.series_rules}
    for rule_id in dict.fromkeys((alert.rule, *alert.rules)):
        rule = by_id.get(rule_id)
        if rule is None:
            lines.append(f"• series rule `{esc(rule_id)}` is no longer in the rules running now")
            continue
        head = f"• series rule `{esc(rule.id)}`" + (f": {esc(rule.description)}" if rule.description else "")
        conditions = rule.model_dump(exclude_defaults=True, exclude=_SERIES_KEYS)
        lines.append(head)
        if conditions:
            lines.append("   conditions: " + " · ".join(f"{esc(k)} `{esc(_one(v))}`" for k, v in conditions.items()))
    if alert.fields:
        lines.append("*The print:* " + _fields(alert.fields))
    return lines
