"""Hot reload of sources from the config file, the way rules reload: notice a change, load and validate the
whole config, and apply only what concerns sources (added, removed or switched off, changed). Anything else
that changed (store, notify, fetch, rules paths …) is named as needing a restart; an invalid config is
rejected as a whole and the running sources keep running.

The file's fingerprint (size, mtime, then a hash of its bytes) is polled once a second like the rule files:
it works with every editor's save style and with `wirewatch sources add`, which writes by rename.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from domain.formats import span
from rules.yaml_source import Problem
from wirewatch.config import Config, ConfigError, SourceConfig, load_config
from wirewatch.logs import scrub

# Config keys applied by a reload; every other top-level key needs a restart.
RELOADED_KEYS = frozenset({"sources"})


@dataclass(frozen=True, slots=True)
class SourceChanges:
    """What a new config changes about the sources being polled (enabled ones), and what it cannot apply."""

    added: tuple[SourceConfig, ...] = ()
    removed: tuple[str, ...] = ()  # gone from the config, or `enabled: false`
    changed: tuple[tuple[SourceConfig, SourceConfig], ...] = ()  # (old, new)
    restart_keys: tuple[str, ...] = ()  # other top-level keys that changed: they apply on the next start

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.restart_keys)

    def describe(self) -> str:
        parts: list[str] = []
        if self.added:
            parts.append("added " + ", ".join(s.id for s in self.added))
        if self.removed:
            parts.append("stopped " + ", ".join(self.removed))
        if self.changed:
            parts.append("changed " + ", ".join(f"{new.id} ({_what_changed(old, new)})" for old, new in self.changed))
        return "; ".join(parts) or "no source changes"


def _what_changed(old: SourceConfig, new: SourceConfig) -> str:
    a, b = old.model_dump(), new.model_dump()
    keys = [k for k in b if a.get(k) != b.get(k)]
    if keys == ["interval"]:
        return f"interval {span(old.interval)} → {span(new.interval)}"
    return ", ".join(keys)


def diff_config(old: Config, new: Config) -> SourceChanges:
    """Pure: which enabled sources a new config adds, stops and changes; which other keys it changes."""
    before = {s.id: s for s in old.sources if s.enabled}
    after = {s.id: s for s in new.sources if s.enabled}
    restart = tuple(
        key for key in type(new).model_fields if key not in RELOADED_KEYS and getattr(old, key) != getattr(new, key)
    )
    return SourceChanges(
        added=tuple(s for i, s in after.items() if i not in before),
        removed=tuple(i for i in before if i not in after),
        changed=tuple((before[i], s) for i, s in after.items() if i in before and before[i] != s),
        restart_keys=restart,
    )


@dataclass(frozen=True, slots=True)
class ConfigReload:
    config: Config | None  # the new config when it is valid
    changes: SourceChanges = SourceChanges()
    problems: tuple[Problem, ...] = ()  # why it was rejected (the messages `wirewatch validate` prints)
    first_report: bool = False  # True the first time these problems are seen: tell the operator once
    change: str = ""  # identifies the rejected change: the same on every replica


def _fingerprint(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


class ConfigWatcher:
    """Watches one config file; `check()` says what a change means against the config last applied."""

    def __init__(self, path: Path, current: Config):
        self.path = path
        self.current = current
        self._stat = _fingerprint(path)
        self._digest = _digest(path)
        self._reported: tuple[str, ...] = ()

    def check(self) -> ConfigReload | None:
        """None when the file did not change (or changed back); else the new config and its changes, or why
        it was rejected."""
        stat = _fingerprint(self.path)
        if stat is None or stat == self._stat:  # missing: mid-save, or deleted; the running config stays
            return None
        self._stat = stat
        digest = _digest(self.path)
        if digest == self._digest:  # touched, or saved unchanged
            return None
        self._digest = digest
        try:
            new, _ = load_config(self.path)
        except Exception as exc:  # whatever goes wrong loading it, the change is rejected, never a crash
            problems = (
                exc.problems
                if isinstance(exc, ConfigError)
                else [Problem(str(self.path), 1, 1, scrub(f"cannot load the config: {type(exc).__name__}: {exc}"))]
            )
            key = tuple(str(p) for p in problems)
            first = key != self._reported
            self._reported = key
            change = hashlib.sha256(repr((digest, key)).encode()).hexdigest()[:20]
            return ConfigReload(None, problems=tuple(problems), first_report=first, change=change)
        self._reported = ()
        changes = diff_config(self.current, new)
        self.current = self.current.model_copy(update={"sources": new.sources})  # what is running now
        return ConfigReload(new, changes)
