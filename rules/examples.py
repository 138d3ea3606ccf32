"""`wirewatch test`: every rule's own `examples` — `match` must fire it, `no_match` must not (like
`promtool test rules`), so authors can check a rule before enabling it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from domain.item import Item
from rules.engine import RuleEngine
from rules.lists import ListEntry
from rules.model import Example, Rule


@dataclass
class ExampleReport:
    lines: list[str] = field(default_factory=list)
    rules: int = 0
    passed: int = 0
    failed: int = 0

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def summary(self) -> str:
        verdict = "OK" if self.ok else "FAILED"
        return f"{verdict}: {self.rules} rules with examples, {self.passed} passed, {self.failed} failed"


def _item(rule: Rule, example: Example, n: int) -> Item:
    source = example.source
    if rule.sources and source == "example":  # satisfy the rule's own source filter unless the example says otherwise
        source = rule.sources[0].replace("*", "x").replace("?", "x")
    return Item(id=f"{rule.id}#{n}", source=source, title=example.title, summary=example.summary)


def run_examples(rules: Sequence[Rule], lists: Mapping[str, Sequence[ListEntry]]) -> ExampleReport:
    report = ExampleReport()
    for rule in rules:
        examples = rule.examples
        if not (examples.match or examples.no_match):
            continue
        report.rules += 1
        engine = RuleEngine([rule.model_copy(update={"enabled": True})], lists)
        cases = [(True, e) for e in examples.match] + [(False, e) for e in examples.no_match]
        for n, (should_fire, example) in enumerate(cases, 1):
            reason = engine.why_not(_item(rule, example, n), rule.id)
            fired = reason is None
            label = (example.title or example.summary)[:70]
            if fired == should_fire:
                report.passed += 1
                continue
            report.failed += 1
            if should_fire:
                report.lines.append(f"FAIL {rule.id}: match example {label!r} did not fire: {reason}")
            else:
                report.lines.append(f"FAIL {rule.id}: no_match example {label!r} fired")
    return report
