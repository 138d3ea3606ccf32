"""Find the `series_rules:` in the rule files and folders the config lists, validate each rule on its own,
and report every problem as `file:line:col: message`, exactly like keyword rules.

Paths that do not exist and YAML syntax errors are reported by the keyword loader (`rules.loader`), which reads
the same files; this loader only speaks about `series_rules:` lists, so nothing is reported twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from rules.files import rule_files
from rules.series_model import SERIES_RULES_KEY, SeriesRule
from rules.yaml_source import Problem, RuleLoadError, YamlDoc, load_yaml_file, validation_problems


@dataclass
class LoadedSeriesRules:
    rules: list[SeriesRule] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def parse_series_doc(doc: YamlDoc) -> list[tuple[int, SeriesRule]]:
    """The valid series rules of one file with their index; problems go to `doc.problems`."""
    data = doc.data
    if not isinstance(data, dict) or SERIES_RULES_KEY not in data:
        return []
    items = data[SERIES_RULES_KEY]
    if not isinstance(items, list):
        doc.problems.append(doc.problem((SERIES_RULES_KEY,), f"`{SERIES_RULES_KEY}` must be a list of rules"))
        return []
    out = []
    for i, raw in enumerate(items):
        if not isinstance(raw, dict):
            doc.problems.append(doc.problem((SERIES_RULES_KEY, i), "each series rule must be a mapping with `id`"))
            continue
        try:
            out.append((i, SeriesRule.model_validate(raw)))
        except ValidationError as exc:
            doc.problems.extend(validation_problems(doc, exc, SeriesRule, base=(SERIES_RULES_KEY, i)))
    return out


def collect_series_rules(docs: Sequence[YamlDoc], out: LoadedSeriesRules) -> None:
    """The series rules of documents already read; problems go to each document. Documents that did not
    read as YAML are skipped: the keyword loader reports them."""
    first_seen: dict[str, str] = {}
    for doc in docs:
        if doc.problems:
            continue
        parsed = parse_series_doc(doc)
        if isinstance(doc.data, dict) and SERIES_RULES_KEY in doc.data:
            out.files.append(Path(doc.file))
        for index, rule in parsed:
            if rule.id in first_seen:
                doc.problems.append(
                    doc.problem(
                        (SERIES_RULES_KEY, index, "id"),
                        f"duplicate series rule id `{rule.id}` (first in {first_seen[rule.id]})",
                    )
                )
                continue
            line, _ = doc.position((SERIES_RULES_KEY, index, "id"))
            first_seen[rule.id] = f"{doc.file}:{line}"
            out.rules.append(rule)


def load_series_rules(paths: Sequence[Path], *, strict: bool = True) -> LoadedSeriesRules:
    """Every series rule under `paths`. With strict=True any problem raises RuleLoadError listing them all.
    (The app loads keyword and series rules together: rules/ruleset.py.)"""
    files, _ = rule_files(paths)
    docs = [load_yaml_file(path) for path in files]
    readable = [doc for doc in docs if not doc.problems]
    out = LoadedSeriesRules()
    collect_series_rules(readable, out)
    out.problems.extend(p for doc in readable for p in sorted(doc.problems, key=lambda p: (p.line, p.col)))
    if strict and out.problems:
        raise RuleLoadError(out.problems)
    return out
