"""Hot reload of rule files: notice a change, load the whole rule set (keyword and series rules), and hand
it over only when every rule of both kinds is valid.

Polling file fingerprints (path, size, mtime) once a second works on every filesystem, container mount and
editor save style (rename-over, in-place); a change applies within the poll interval plus the load time.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rules.files import RULE_SUFFIXES
from rules.ruleset import RuleSet, load_ruleset
from rules.yaml_source import Problem

log = logging.getLogger("wirewatch.rules")
Fingerprint = tuple[tuple[str, int, int], ...]


def fingerprint(paths: Sequence[Path]) -> Fingerprint:
    entries: list[tuple[str, int, int]] = []
    for root in paths:
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for f in files:
            if f.suffix in RULE_SUFFIXES:
                try:
                    st = f.stat()
                except OSError:
                    continue
                entries.append((str(f), st.st_size, st.st_mtime_ns))
    return tuple(entries)


@dataclass(frozen=True, slots=True)
class Reload:
    ruleset: RuleSet | None  # the new rule set when the change was valid
    problems: tuple[Problem, ...] = ()  # why it was rejected (same messages as `wirewatch validate`)
    first_report: bool = False  # True the first time these problems are seen: tell the operator once
    change: str = ""  # identifies the rejected change (files, sizes, times, problems): the same on every replica


class RuleWatcher:
    def __init__(self, paths: Sequence[Path], current: Fingerprint | None = None):
        self.paths = list(paths)
        self._seen = current if current is not None else fingerprint(self.paths)
        self._reported: tuple[str, ...] = ()

    def check(self) -> Reload | None:
        """None when nothing changed; else the outcome of loading the changed files."""
        now = fingerprint(self.paths)
        if now == self._seen:
            return None
        self._seen = now
        loaded = load_ruleset(self.paths, strict=False)
        if loaded.problems:
            key = tuple(str(p) for p in loaded.problems)
            first = key != self._reported
            self._reported = key
            change = hashlib.sha256(repr((now, key)).encode()).hexdigest()[:20]
            return Reload(None, tuple(loaded.problems), first, change)
        self._reported = ()
        return Reload(loaded.ruleset())
