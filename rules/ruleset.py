"""The rule set: every rule the app runs with — keyword rules (with their named lists) and series rules — as one
value, built by one loader from the paths the config lists.

Start-up, hot reload, `validate`, `test`, `match` and `replay` all load through `load_ruleset`, so they agree
on what is valid: a series rule with a problem is reported with `file:line:col` like a keyword rule, and a
reload that finds any problem in either kind keeps the whole last good set running.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rules.engine import RuleEngine
from rules.files import rule_files
from rules.lists import ListEntry
from rules.loader import LoadedRules, collect_rules, gather_problems
from rules.model import Rule
from rules.series_engine import SeriesEngine
from rules.series_loader import LoadedSeriesRules, collect_series_rules
from rules.series_model import SeriesRule
from rules.yaml_source import Problem, RuleLoadError, load_yaml_file


@dataclass(frozen=True)
class RuleSet:
    """What one poll matches with. Immutable: a reload builds a new one and swaps it whole."""

    keyword: RuleEngine
    series: SeriesEngine

    @property
    def rules(self) -> list[Rule]:
        return self.keyword.rules

    @property
    def series_rules(self) -> list[SeriesRule]:
        return self.series.rules

    @property
    def lists(self) -> Mapping[str, Sequence[ListEntry]]:
        return self.keyword.lists

    @classmethod
    def empty(cls) -> RuleSet:
        return cls(RuleEngine([]), SeriesEngine([]))

    def describe(self) -> str:
        """`12 rules, 8 series rules`, for the log."""
        return f"{len(self.rules)} rules, {len(self.series_rules)} series rules"


@dataclass
class LoadedRuleSet:
    """Everything one load found: the rules of both kinds, the files read, and every problem."""

    rules: list[Rule] = field(default_factory=list)
    lists: dict[str, list[ListEntry]] = field(default_factory=dict)
    series_rules: list[SeriesRule] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    series_files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def ruleset(self) -> RuleSet:
        return RuleSet(RuleEngine(self.rules, self.lists), SeriesEngine(self.series_rules))


def load_ruleset(paths: Sequence[str | Path], *, strict: bool = True) -> LoadedRuleSet:
    """Read each rule file once and validate both kinds of rule in it. With strict=True any problem raises
    RuleLoadError listing them all; otherwise the problems are returned for the caller to report."""
    roots = [Path(p) for p in dict.fromkeys(str(p) for p in paths)]
    files, problems = rule_files(roots)
    docs = [load_yaml_file(path) for path in files]
    # Series first: it skips documents that did not read as YAML, which the keyword pass then reports.
    series = LoadedSeriesRules()
    collect_series_rules([doc for doc in docs if not doc.problems], series)
    keyword = LoadedRules(files=files)
    collect_rules(docs, keyword)
    if files or not problems:
        problems = [*problems, *gather_problems(roots, files, docs)]
    out = LoadedRuleSet(
        rules=keyword.rules,
        lists=keyword.lists,
        series_rules=series.rules,
        files=files,
        series_files=series.files,
        problems=problems,
    )
    if strict and out.problems:
        raise RuleLoadError(out.problems)
    return out
