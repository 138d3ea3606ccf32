"""YAML loading is bounded: alias bombs and deep nesting are refused with a position, for rules and config alike."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from rules.loader import load_rules
from rules.reload import RuleWatcher
from rules.yaml_source import MAX_DEPTH, load_yaml
from wirewatch.config import ConfigError, load_config


def alias_bomb(levels: int = 9, top: str = "rules") -> str:
    """Each level repeats the one before nine times: 9**levels strings from a few hundred bytes."""
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]")
    lines.append(f"{top}: [*l{levels - 1}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_a_problem_with_a_position_not_an_allocation() -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    doc = load_yaml(alias_bomb(), "bomb.yaml")
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert doc.data is None
    [problem] = doc.problems
    assert problem.file == "bomb.yaml" and problem.line > 1
    assert "aliases" in problem.message and "expand" in problem.message
    assert grown_kib < 200_000  # 9**9 strings would need tens of GiB; refusing them needs next to nothing


def test_small_aliases_still_work() -> None:
    doc = load_yaml("base: &terms [a, b]\nrules:\n  - {id: x, any: *terms}\n  - {id: y, any: *terms}\n", "ok.yaml")
    assert doc.problems == []
    assert doc.data["rules"][1]["any"] == ["a", "b"]


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    depth = MAX_DEPTH + 5
    doc = load_yaml("rules: " + "[" * depth + "]" * depth + "\n", "deep.yaml")
    assert doc.data is None
    assert "nesting deeper" in doc.problems[0].message


def test_rule_file_bomb_is_reported_by_the_loader(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb(), encoding="utf-8")
    loaded = load_rules([path], strict=False)
    assert loaded.rules == []
    assert any("expand" in p.message and p.file == str(path) for p in loaded.problems)


def test_config_bomb_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "wirewatch.yaml"
    path.write_text(alias_bomb(top="sources"), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert "expand" in str(err.value) and str(path) in str(err.value)


def test_hot_reload_of_a_bomb_is_rejected_not_raised(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - {id: a, any: [alpha]}\n", encoding="utf-8")
    watcher = RuleWatcher([rules])
    time.sleep(0.01)
    rules.write_text(alias_bomb(), encoding="utf-8")
    outcome = watcher.check()
    assert outcome is not None and outcome.ruleset is None and outcome.first_report
    assert any("expand" in p.message for p in outcome.problems)
