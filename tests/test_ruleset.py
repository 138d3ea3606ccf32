"""The rule set: keyword and series rules loaded together by one loader, and swapped together on a reload —
whole or not at all. A reload keeps the series rules and validates them like keyword rules."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from rules.files import BUNDLED_PACKS
from rules.reload import RuleWatcher
from rules.ruleset import load_ruleset
from tests.conftest import run_cli

BUNDLED_SERIES_RULES = 8


def touch(path: Path, step: int) -> None:
    """A new mtime the watcher's fingerprint sees, however coarse the filesystem's clock."""
    now = time.time_ns()
    os.utime(path, ns=(now, now + step * 1_000_000))


def test_one_load_reads_both_kinds_of_rule() -> None:
    loaded = load_ruleset([BUNDLED_PACKS])
    assert loaded.problems == []
    rules = loaded.ruleset()
    assert len(rules.series_rules) == BUNDLED_SERIES_RULES
    assert rules.rules and rules.series.rules_for("MORTGAGE30US")
    assert {p.name for p in loaded.series_files} == {"us_mortgage_rate.yaml", "pboc_household_loans.yaml"}


def test_a_reload_keeps_the_series_rules_and_rejects_a_bad_one_with_its_place(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    shutil.copytree(BUNDLED_PACKS, packs)
    watcher = RuleWatcher([packs])
    assert watcher.check() is None

    touch(packs / "bd_deals.yaml", 1)  # any rule file: here a keyword one
    reload = watcher.check()
    assert reload is not None and reload.ruleset is not None
    assert len(reload.ruleset.series_rules) == BUNDLED_SERIES_RULES, "series rules survive a reload"
    assert len(reload.ruleset.rules) == len(load_ruleset([BUNDLED_PACKS]).rules)
    assert [r.id for r in reload.ruleset.series.rules_for("MORTGAGE30US")]

    series_file = packs / "series" / "us_mortgage_rate.yaml"
    text = series_file.read_text(encoding="utf-8")
    good = "extreme: {kind: low, window: 52}"
    line = text[: text.index(good)].count("\n") + 1
    series_file.write_text(text.replace(good, "extreme: {kind: lowest, window: 52}"))
    touch(series_file, 2)
    rejected = watcher.check()
    assert rejected is not None and rejected.ruleset is None, "the whole set stays as it was"
    assert rejected.first_report
    problems = [str(p) for p in rejected.problems]
    assert len(problems) == 1 and problems[0].startswith(f"{series_file}:{line}:"), problems
    assert "`extreme.kind`: Input should be 'low' or 'high'" in problems[0]

    series_file.write_text(text)
    touch(series_file, 3)
    fixed = watcher.check()
    assert fixed is not None and fixed.ruleset is not None
    assert len(fixed.ruleset.series_rules) == BUNDLED_SERIES_RULES


@pytest.mark.system
def test_match_and_validate_see_the_same_problems_as_a_reload(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(
        "rules:\n  - id: ok\n    any: [deal]\nseries_rules:\n  - id: bad\n    series: X\n    threshhold: {above: 1}\n"
    )
    expected = f"{tmp_path / 'r.yaml'}:7:5: unknown key `threshhold`"
    watcher = RuleWatcher([tmp_path], current=())
    reload = watcher.check()
    assert reload is not None and reload.ruleset is None
    assert any(str(p).startswith(expected) for p in reload.problems)
    validate = run_cli("validate", str(tmp_path), cwd=tmp_path)
    assert validate.returncode == 1 and expected in validate.stdout
    match = run_cli("match", "--rules", str(tmp_path), "-", cwd=tmp_path, input='{"id": "1", "title": "deal"}\n')
    assert match.returncode == 2 and expected in match.stderr
