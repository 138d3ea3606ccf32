"""Safe YAML with positions: data from `yaml.safe_load`, plus a map from data paths to file positions
so validation errors can say `file:line:col`. Duplicate mapping keys, which YAML silently collapses, are reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

PathKey = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class RuleLoadError(Exception):
    """Rule files with problems, every one of them as `file:line:col: message`."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class YamlDoc:
    file: str
    data: Any
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def position(self, path: PathKey) -> tuple[int, int]:
        """The closest known position: the path itself, else its nearest ancestor, else the top."""
        p = tuple(path)
        while p:
            if p in self.marks:
                return self.marks[p]
            p = p[:-1]
        return self.marks.get((), (1, 1))

    def problem(self, path: PathKey, message: str) -> Problem:
        line, col = self.position(path)
        return Problem(self.file, line, col, message)


def _walk(node: yaml.Node, path: PathKey, doc: YamlDoc) -> None:
    doc.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                doc.problems.append(
                    Problem(
                        doc.file,
                        line,
                        key_node.start_mark.column + 1,
                        f"duplicate key `{key}` (first at line {seen[key]}); YAML keeps only the last",
                    )
                )
            seen[key] = line
            doc.marks[(*path, key)] = (line, key_node.start_mark.column + 1)
            _walk(value_node, (*path, key), doc)
            # The key's own position wins for the path (errors about a key point at the key).
            doc.marks[(*path, key)] = (line, key_node.start_mark.column + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            _walk(child, (*path, i), doc)


# libyaml composes the node tree (with positions) several times faster than the pure-Python parser; the data is
# then constructed from that same tree, so a file is parsed once. Syntax errors are re-read by the pure-Python
# parser, whose messages are the ones we report.
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str, loader: Any) -> tuple[yaml.Node | None, Any]:
    node = yaml.compose(text, Loader=loader)
    constructor = yaml.SafeLoader("")
    data = constructor.construct_document(node) if node is not None else None
    return node, data


def load_yaml(text: str, file: str) -> YamlDoc:
    """Parse `text`; syntax errors become a Problem (data None) instead of an exception."""
    doc = YamlDoc(file=file, data=None)
    try:
        try:
            node, data = _compose(text, _FAST_LOADER)
        except yaml.YAMLError:
            node, data = _compose(text, yaml.SafeLoader)  # the same error, in the words we report
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        doc.problems.append(Problem(file, line, col, f"YAML syntax error: {what}"))
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(Problem(file, 1, 1, f"YAML error: {exc}"))
        return doc
    doc.data = data
    if node is not None:
        _walk(node, (), doc)
    return doc


def load_yaml_file(path: Path) -> YamlDoc:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return YamlDoc(str(path), None, problems=[Problem(str(path), 1, 1, f"not UTF-8 text: {exc.reason}")])
    except OSError as exc:
        return YamlDoc(str(path), None, problems=[Problem(str(path), 1, 1, f"cannot read: {exc.strerror}")])
    return load_yaml(text, str(path))


def _model_at(model: Any, loc: PathKey) -> Any:
    """Walk a pydantic model class along an error location to the model that owns the last key."""
    import typing

    from pydantic import BaseModel

    current: Any = model
    for part in loc:
        # unwrap Optional / list / dict / Annotated until we reach a model or give up
        for _ in range(4):
            origin = typing.get_origin(current)
            if origin is None:
                break
            args = [a for a in typing.get_args(current) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            current = models[0] if models else (args[-1] if args else None)
        if isinstance(part, int):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            fields = {(f.alias or name): f for name, f in current.model_fields.items()}
            if part in fields:
                current = fields[part].annotation
                continue
        return current
    return current


def known_keys(model: Any, loc: PathKey) -> list[str]:
    from pydantic import BaseModel

    owner = _model_at(model, loc[:-1])
    if isinstance(owner, type) and issubclass(owner, BaseModel):
        return [f.alias or name for name, f in owner.model_fields.items()]
    return []


def validation_problems(doc: YamlDoc, exc: Any, model: Any, base: PathKey = ()) -> list[Problem]:
    """pydantic ValidationError → precise, author-friendly Problems (with did-you-mean hints)."""
    import difflib

    problems = []
    for err in exc.errors():
        loc: PathKey = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        path = (*base, *loc)
        kind = err["type"]
        key = str(loc[-1]) if loc else ""
        if kind == "extra_forbidden":
            options = known_keys(model, loc)
            close = difflib.get_close_matches(key, options, n=1, cutoff=0.6)
            hint = (
                f"; did you mean `{close[0]}`?"
                if close
                else (f"; known keys: {', '.join(sorted(options))}" if options else "")
            )
            message = f"unknown key `{key}`{hint}"
        elif kind == "missing":
            message = f"missing required key `{key}`"
        else:
            msg = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
            where = ".".join(str(p) for p in loc)
            message = f"`{where}`: {msg}" if where else msg
        problems.append(doc.problem(path, message))
    return problems
