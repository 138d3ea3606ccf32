"""Where rule files are: the bundled packs, and every YAML file under the paths a config lists."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rules.yaml_source import Problem

BUNDLED_PACKS = Path(__file__).resolve().parent / "packs"
RULE_SUFFIXES = (".yaml", ".yml")


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
