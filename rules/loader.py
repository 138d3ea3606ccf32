"""Find rule files, validate them all, and report every problem at once as `file:line:col: message`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from rules.model import Rule, RuleFile
from rules.yaml_source import Problem, YamlDoc, load_yaml_file, validation_problems

BUNDLED_PACKS = Path(__file__).resolve().parent / "packs"
RULE_SUFFIXES = (".yaml", ".yml")


class RuleLoadError(Exception):
    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class LoadedRules:
    rules: list[Rule] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def rule_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in RULE_SUFFIXES and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(str(path), 1, 1, "no such rule file or folder"))
    return list(dict.fromkeys(files)), problems


def parse_rule_doc(doc: YamlDoc) -> list[Rule]:
    """Validate one file's rules individually, so one bad rule does not hide the problems of the others."""
    data = doc.data
    if data is None:
        if not doc.problems:
            doc.problems.append(doc.problem((), "empty rule file: expected a `rules:` list"))
        return []
    if not isinstance(data, dict) or "rules" not in data:
        doc.problems.append(doc.problem((), "expected a mapping with a `rules:` list at the top"))
        return []
    extra = [k for k in data if k != "rules"]
    try:
        RuleFile.model_validate({k: v for k, v in data.items() if k in extra})
    except ValidationError as exc:
        doc.problems.extend(validation_problems(doc, exc, RuleFile))
    items = data["rules"]
    if not isinstance(items, list):
        doc.problems.append(doc.problem(("rules",), "`rules` must be a list of rules"))
        return []
    rules = []
    for i, raw in enumerate(items):
        if not isinstance(raw, dict):
            doc.problems.append(doc.problem(("rules", i), "each rule must be a mapping with at least `id`"))
            continue
        try:
            rules.append(Rule.model_validate(raw))
        except ValidationError as exc:
            doc.problems.extend(validation_problems(doc, exc, Rule, base=("rules", i)))
    return rules


def load_rules(paths: Sequence[Path], *, strict: bool = True) -> LoadedRules:
    """Load every rule under `paths`. With strict=True any problem raises RuleLoadError listing them all."""
    files, problems = rule_files(paths)
    out = LoadedRules(files=files, problems=problems)
    first_seen: dict[str, str] = {}
    for path in files:
        doc = load_yaml_file(path)
        rules = parse_rule_doc(doc)
        raw_rules = doc.data.get("rules") if isinstance(doc.data, dict) else None
        for rule in rules:
            index = next(
                (i for i, r in enumerate(raw_rules or []) if isinstance(r, dict) and r.get("id") == rule.id),
                0,
            )
            if rule.id in first_seen:
                doc.problems.append(
                    doc.problem(
                        ("rules", index, "id"),
                        f"duplicate rule id `{rule.id}` (first in {first_seen[rule.id]})",
                    )
                )
                continue
            line, _ = doc.position(("rules", index, "id"))
            first_seen[rule.id] = f"{path}:{line}"
            out.rules.append(rule)
        out.problems.extend(sorted(doc.problems, key=lambda p: (p.line, p.col)))
    if not files and not problems:
        out.problems.append(Problem(", ".join(str(p) for p in paths) or "<none>", 1, 1, "no rule files found"))
    if strict and out.problems:
        raise RuleLoadError(out.problems)
    return out
