"""How rules treat the items readers judged (`wirewatch replay --judged`): for each judged alert, does its rule
still fire on the item as readers saw it? Pure given a rule engine.

Readers' verdicts keep a snapshot of the item (title, summary, link, source), so this works after the alert
and the archive are pruned, and for rule files that were never deployed (`--rules PATH`). A rule change is
better when the items judged *useful* still fire and those judged *not relevant* no longer do.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from domain.item import Item
from domain.judgements import Verdict
from notifier.feedback import judged
from rules.engine import RuleEngine

VERDICT_ORDER = ("useful", "not_relevant", "disputed", "muted")


@dataclass(frozen=True, slots=True)
class Rerun:
    """One judged alert against the rules given."""

    alert_id: str
    verdict: str  # useful | not_relevant | disputed | muted (notifier.feedback.judged)
    rule: str  # the rule that led the alert when readers saw it
    event: str | None
    title: str
    fired: bool  # that rule fires on the item now, for the same event
    rules: tuple[str, ...]  # every rule that fires on it now
    why_not: str | None  # when it does not fire: the condition that fails

    def to_dict(self) -> dict[str, object]:
        return {
            "alert": self.alert_id,
            "verdict": self.verdict,
            "rule": self.rule,
            "event": self.event,
            "fired": self.fired,
            "rules": list(self.rules),
            "why_not": self.why_not,
            "title": self.title,
        }


def item_of(v: Verdict) -> Item:
    return Item(
        id=v.item_id or v.alert_id,
        source=v.source,
        title=v.title,
        summary=v.summary,
        link=v.link,
        published=v.published,
    )


def rerun(verdicts: Iterable[Verdict], engine: RuleEngine) -> list[Rerun]:
    """Each judged alert (readers' latest verdicts) matched again, in the order readers judged them."""
    out = []
    for j in judged(verdicts):
        v = j.latest
        matches = engine.match(item_of(v))
        fired = any(m.rule.id == v.rule and (v.event is None or m.rule.event == v.event) for m in matches)
        why_not = None
        if not fired:
            why_not = engine.why_not(item_of(v), v.rule) or f"fires, but not as {v.event}"
        rules = tuple(dict.fromkeys(m.rule.id for m in matches))
        out.append(Rerun(j.alert_id, j.outcome, v.rule, v.event, v.title, fired, rules, why_not))
    return out


def summary(reruns: Sequence[Rerun]) -> list[str]:
    """Lines per verdict: how many still fire, then the ones worth a look (useful ones lost, wrong ones kept)."""
    lines = []
    for verdict in VERDICT_ORDER:
        group = [r for r in reruns if r.verdict == verdict]
        if not group:
            continue
        fire = sum(r.fired for r in group)
        name = verdict.replace("_", " ")
        lines.append(f"  {name:<13} {len(group):>4} alerts: {fire} still fire, {len(group) - fire} no longer fire")
    lost = [r for r in reruns if r.verdict == "useful" and not r.fired]
    kept = [r for r in reruns if r.verdict == "not_relevant" and r.fired]
    if lost:
        lines.append("judged useful, no longer fire:")
        lines += [f"  {r.rule:<24} {r.title[:70]}  — {r.why_not}" for r in lost]
    if kept:
        lines.append("judged not relevant, still fire:")
        lines += [f"  {r.rule:<24} {r.title[:70]}" for r in kept]
    return lines
