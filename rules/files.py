"""Where rule files are: the bundled packs, and every YAML file under the paths a config lists."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rules.yaml_source import Problem

BUNDLED_PACKS = Path(__file__).resolve().parent / "packs"
RULE_SUFFIXES = (".yaml", ".yml")


def rule_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Every rule file under `paths`, each once: a file reached twice (a folder and a file in it, a relative
    and an absolute path, a symlink) is one file, or its rules would be reported as duplicates of themselves."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in RULE_SUFFIXES and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(str(path), 1, 1, "no such rule file or folder"))
    unique: dict[Path, Path] = {}
    for f in files:
        unique.setdefault(f.resolve(), f)
    return list(unique.values()), problems
