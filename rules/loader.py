"""Find rule files, validate them all, and report every problem at once as `file:line:col: message`."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from rules.engine import RuleEngine
from rules.files import BUNDLED_PACKS, RULE_SUFFIXES, rule_files
from rules.lists import ListEntry
from rules.model import Rule, RuleFile
from rules.series_model import SERIES_RULES_KEY
from rules.where import ListRef, parse_condition
from rules.yaml_source import Problem, RuleLoadError, YamlDoc, load_yaml_file, validation_problems

__all__ = ["BUNDLED_PACKS", "RULE_SUFFIXES", "LoadedRules", "RuleLoadError", "load_rules", "rule_files"]


@dataclass
class LoadedRules:
    rules: list[Rule] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    lists: dict[str, list[ListEntry]] = field(default_factory=dict)

    def engine(self) -> RuleEngine:
        return RuleEngine(self.rules, self.lists)


def list_refs(rule: Rule) -> list[tuple[tuple[str | int, ...], str]]:
    """Every `$lists.<name>` a rule uses, with the path to where it is written."""
    refs: list[tuple[tuple[str | int, ...], str]] = []
    for key in ("any", "all", "none"):
        for i, term in enumerate(getattr(rule, key)):
            if term.startswith("$lists."):
                refs.append(((key, i), term[len("$lists.") :]))
    for n, near in enumerate(rule.near):
        for i, term in enumerate(near.terms):
            if term.startswith("$lists."):
                refs.append((("near", n, "terms", i), term[len("$lists.") :]))
    for i, cond in enumerate(rule.where):
        value = parse_condition(cond).value
        if isinstance(value, ListRef):
            refs.append((("where", i), value.name))
    return refs


@dataclass
class ParsedFile:
    rules: list[tuple[int, Rule]] = field(default_factory=list)  # (index in the file's `rules:`, rule)
    lists: dict[str, list[ListEntry]] = field(default_factory=dict)


def parse_rule_doc(doc: YamlDoc) -> ParsedFile:
    """Validate one file's rules individually, so one bad rule does not hide the problems of the others."""
    data = doc.data
    out = ParsedFile()
    if data is None:
        if not doc.problems:
            doc.problems.append(doc.problem((), "empty rule file: expected a `rules:` list"))
        return out
    if isinstance(data, dict) and SERIES_RULES_KEY in data and not ({"rules", "lists"} & set(data)):
        return out  # only series rules: rules/series_loader.py reads those
    if not isinstance(data, dict) or not ({"rules", "lists"} & set(data)):
        doc.problems.append(doc.problem((), "expected a mapping with a `rules:` list (or named `lists:`) at the top"))
        return out
    extra = [k for k in data if k not in ("rules", SERIES_RULES_KEY)]
    try:
        out.lists.update(RuleFile.model_validate({k: v for k, v in data.items() if k in extra}).lists)
    except ValidationError as exc:
        doc.problems.extend(validation_problems(doc, exc, RuleFile))
    items = data.get("rules") or []
    if not isinstance(items, list):
        doc.problems.append(doc.problem(("rules",), "`rules` must be a list of rules"))
        return out
    for i, raw in enumerate(items):
        if not isinstance(raw, dict):
            doc.problems.append(doc.problem(("rules", i), "each rule must be a mapping with at least `id`"))
            continue
        try:
            out.rules.append((i, Rule.model_validate(raw)))
        except ValidationError as exc:
            doc.problems.extend(validation_problems(doc, exc, Rule, base=("rules", i)))
    return out


def collect_rules(docs: Sequence[YamlDoc], out: LoadedRules) -> None:
    """The keyword rules and named lists of documents already read; problems go to each document."""
    first_seen: dict[str, str] = {}
    list_seen: dict[str, str] = {}
    placed: list[tuple[YamlDoc, int, Rule]] = []
    for doc in docs:
        parsed = parse_rule_doc(doc)
        for name, entries in parsed.lists.items():
            line, _ = doc.position(("lists", name))
            if name in list_seen:
                doc.problems.append(
                    doc.problem(("lists", name), f"duplicate list `{name}` (first in {list_seen[name]})")
                )
                continue
            list_seen[name] = f"{doc.file}:{line}"
            out.lists[name] = entries
        for index, rule in parsed.rules:
            if rule.id in first_seen:
                doc.problems.append(
                    doc.problem(
                        ("rules", index, "id"), f"duplicate rule id `{rule.id}` (first in {first_seen[rule.id]})"
                    )
                )
                continue
            line, _ = doc.position(("rules", index, "id"))
            first_seen[rule.id] = f"{doc.file}:{line}"
            out.rules.append(rule)
            placed.append((doc, index, rule))
    for doc, index, rule in placed:
        for where, name in list_refs(rule):
            if name not in out.lists:
                close = difflib.get_close_matches(name, list(out.lists), n=1)
                hint = f"; did you mean `$lists.{close[0]}`?" if close else ""
                doc.problems.append(doc.problem(("rules", index, *where), f"unknown list `$lists.{name}`{hint}"))


def gather_problems(paths: Sequence[Path], files: Sequence[Path], docs: Sequence[YamlDoc]) -> list[Problem]:
    """Each document's problems in line order, then "no rule files" when the paths held none."""
    problems = [p for doc in docs for p in sorted(doc.problems, key=lambda p: (p.line, p.col))]
    if not files:
        problems.append(Problem(", ".join(str(p) for p in paths) or "<none>", 1, 1, "no rule files found"))
    return problems


def load_rules(paths: Sequence[Path], *, strict: bool = True) -> LoadedRules:
    """Load every keyword rule under `paths`. With strict=True any problem raises RuleLoadError listing them
    all. (The app loads keyword and series rules together: rules/ruleset.py.)"""
    files, problems = rule_files(paths)
    docs = [load_yaml_file(path) for path in files]
    out = LoadedRules(files=files, problems=problems)
    collect_rules(docs, out)
    out.problems.extend(gather_problems(paths, files, docs) if files or not problems else [])
    if strict and out.problems:
        raise RuleLoadError(out.problems)
    return out
