"""Editing the config file's `sources:` in place, for `wirewatch sources add/remove/import`.

The config file stays the single source of truth, and it stays the user's file: ruamel.yaml (a round-trip
parser) finds where each source entry is, and the edit touches only those lines — a new entry goes right after
the last one, a removed entry's lines go — so every comment, blank line, key order and quoting style elsewhere
is kept byte for byte. The whole resulting config is validated (the same `load_config` the daemon uses) before
anything is written, and it is written atomically (a temporary file in the same folder, then a rename), so a
running daemon, which watches the file, never reads half a file.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from wirewatch.config import Config, ConfigError, load_config


class EditError(ValueError):
    """The edit cannot be made (no such source, a file we cannot edit safely); the message says why."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One source entry as written in the file."""

    id: str
    url: str
    start: int  # first line (0-based) of the entry, its `- ` line
    end: int  # last line (0-based) holding the entry's own content


def _yaml() -> YAML:
    y = YAML()  # round trip
    y.preserve_quotes = True
    y.width = 4096
    return y


def _load(text: str, name: str) -> Any:
    try:
        return _yaml().load(text)
    except YAMLError as exc:
        raise EditError(f"{name}: not YAML this edit can work on: {' '.join(str(exc).split())}") from None


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _entry_end(lines: Sequence[str], start: int, dash_col: int) -> int:
    """The last line of the entry that starts at `start`: its content is indented past its dash; blank and
    comment lines after its last content line belong to what follows."""
    end = start
    for n in range(start + 1, len(lines)):
        line = lines[n]
        if not _is_content(line):
            continue
        if _indent(line) <= dash_col:
            break
        end = n
    return end


def _dash(lines: Sequence[str], line: int, col: int) -> tuple[int, int]:
    """Where the `-` of a sequence item is, from where ruamel says its content starts."""
    before = lines[line][:col].rstrip()
    if before.endswith("-"):
        return line, len(before) - 1
    for n in range(line - 1, -1, -1):  # `-` alone on a line, the content below it
        if lines[n].strip() == "-":
            return n, _indent(lines[n])
        if _is_content(lines[n]):
            break
    raise EditError(f"line {line + 1}: cannot find where this source entry starts")


def _sources(doc: Any) -> CommentedSeq | None:
    if doc is None:
        return None
    if not isinstance(doc, CommentedMap):
        raise EditError("the config must be a mapping (store:, rules:, sources:, notify:)")
    seq = doc.get("sources")
    if seq is None:
        return None
    if not isinstance(seq, CommentedSeq):
        raise EditError("`sources:` must be a list")
    return seq


def entries(text: str, name: str = "config") -> list[Entry]:
    """The source entries of a config text, with where each is written."""
    doc = _load(text, name)
    seq = _sources(doc)
    if seq is None:
        return []
    lines = text.splitlines()
    out = []
    for n, item in enumerate(seq):
        sid = str(item.get("id", "")) if isinstance(item, Mapping) else ""
        url = str(item.get("url", "")) if isinstance(item, Mapping) else ""
        if seq.fa.flow_style():
            line = seq.lc.item(n)[0]
            out.append(Entry(sid, url, line, line))
            continue
        start, dash_col = _dash(lines, *seq.lc.item(n))
        out.append(Entry(sid, url, start, _entry_end(lines, start, dash_col)))
    return out


def _render_item(item: Mapping[str, Any], dash_col: int, key_offset: int, seq_offset: int) -> str:
    """One `- key: value` block with its dash at `dash_col`, in the file's own style (keys `key_offset` past
    the dash, lists nested inside it `seq_offset` past their key), quoted where YAML needs it."""
    y = _yaml()
    y.indent(mapping=key_offset, sequence=seq_offset + key_offset, offset=seq_offset)
    out = io.StringIO()
    y.dump([CommentedMap(item)], out)
    shift = dash_col - seq_offset
    return "".join(
        (" " * shift + line if shift >= 0 else line[-shift:]) if line.strip() else line
        for line in out.getvalue().splitlines(True)
    )


def add_sources(text: str, items: Sequence[Mapping[str, Any]], name: str = "config") -> str:
    """The config text with `items` appended to `sources:`, the rest of the file unchanged."""
    if not items:
        return text
    doc = _load(text, name)
    seq = _sources(doc)
    lines = text.splitlines(True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    if seq is not None and len(seq) and not seq.fa.flow_style():
        bare = [line.rstrip("\n") for line in lines]
        line, key_col = seq.lc.item(len(seq) - 1)
        start, dash_col = _dash(bare, line, key_col)
        end = _entry_end(bare, start, dash_col)
        seq_offset = max(0, dash_col - doc.lc.key("sources")[1])
        block = "".join(_render_item(item, dash_col, max(2, key_col - dash_col), seq_offset) for item in items)
        return "".join([*lines[: end + 1], block, *lines[end + 1 :]])
    if seq is None and (doc is None or "sources" not in doc):
        block = "".join(_render_item(item, 2, 2, 2) for item in items)
        return "".join(lines) + ("\n" if lines and lines[-1].strip() else "") + "sources:\n" + block
    # `sources:` empty, `[]` or a flow list [..]: that key's lines become a block list
    line, col = doc.lc.key("sources")
    current = [dict(i) for i in seq] if seq is not None else []
    rendered = "".join(_render_item(i, col + 2, 2, 2) for i in [*current, *items])
    end = _entry_end([x.rstrip("\n") for x in lines], line, col)
    return "".join([*lines[:line], " " * col + "sources:\n", rendered, *lines[end + 1 :]])


def remove_source(text: str, source_id: str, name: str = "config") -> str:
    """The config text without the entry of `source_id` (its lines only; comments around it stay)."""
    found = [e for e in entries(text, name) if e.id == source_id]
    if not found:
        raise EditError(f"no source `{source_id}`")
    entry = found[0]
    lines = text.splitlines(True)
    if entry.start == entry.end and re.search(r"^\s*sources\s*:\s*\[", lines[entry.start]):
        raise EditError("`sources:` is written as a flow list [..]; remove the entry by hand")
    return "".join(lines[: entry.start] + lines[entry.end + 1 :])


def validate_text(path: Path, text: str) -> Config:
    """The config `text` would give if written to `path` (relative paths resolved as there); ConfigError
    with every problem, positions named against `path`, when it is not valid."""
    folder = path.resolve().parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".check", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        try:
            config, _ = load_config(Path(tmp))
        except ConfigError as exc:
            named = [dataclasses.replace(p, file=str(path)) if p.file == tmp else p for p in exc.problems]
            raise ConfigError(named) from None
        return config
    finally:
        Path(tmp).unlink(missing_ok=True)


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` by `text` in one rename (a symlinked config is written through its link), keeping the
    file's permissions."""
    target = path.resolve()
    mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".new", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
