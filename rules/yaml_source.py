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


# Aliases let a few lines stand for billions of nodes ("billion laughs"): everything downstream (positions,
# validation, the engine) walks the expanded tree, so the expansion is measured before anything walks it.
MAX_DEPTH = 64
MAX_EXPANSION = 10  # expanded nodes may be at most this many times the document's own nodes …
MIN_EXPANDED_BUDGET = 100_000  # … or this many, whichever is larger

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~20× faster


def _expansion_problem(root: yaml.Node, file: str) -> Problem | None:
    """A Problem when aliases blow the document up or nesting is too deep, else None (iterative: no recursion)."""
    order: list[yaml.Node] = []
    state: dict[int, int] = {}  # id → 1 while on the stack, 2 when done
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            mark = node.start_mark
            return Problem(file, mark.line + 1, mark.column + 1, f"nesting deeper than {MAX_DEPTH} levels")
        key = id(node)
        if key in state:
            continue
        state[key] = 1
        order.append(node)
        for child in _children(node):
            stack.append((child, depth + 1))
    unique = len(order)
    budget = max(MIN_EXPANDED_BUDGET, MAX_EXPANSION * unique)
    size: dict[int, int] = {}
    for node in reversed(order):  # children were appended after their parents
        total = 1
        for child in _children(node):
            total += size.get(id(child), 1)
            if total > budget:
                break
        size[id(node)] = total
        if total > budget:
            mark = node.start_mark
            return Problem(
                file,
                mark.line + 1,
                mark.column + 1,
                f"YAML aliases here expand to more than {budget:,} nodes (the file has {unique:,}); "
                "repeat the content instead of nesting aliases",
            )
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _node(text: str, loader_class: Any) -> tuple[yaml.Node | None, Any]:
    loader = loader_class(text)
    try:
        return loader.get_single_node(), loader
    except BaseException:
        loader.dispose()
        raise


def load_yaml(text: str, file: str) -> YamlDoc:
    """Parse `text` once; syntax errors, alias bombs and over-deep nesting become a Problem (data None)."""
    doc = YamlDoc(file=file, data=None)
    loader: Any = None
    try:
        try:
            node, loader = _node(text, _Loader)
        except yaml.YAMLError:
            node, loader = _node(text, yaml.SafeLoader)  # the same error, in the pure-Python parser's words
        if node is not None:
            if (bomb := _expansion_problem(node, file)) is not None:
                doc.problems.append(bomb)
                return doc
            doc.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        doc.problems.append(Problem(file, line, col, f"YAML syntax error: {what}"))
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(Problem(file, 1, 1, f"YAML error: {exc}"))
        return doc
    except (RecursionError, MemoryError):
        doc.problems.append(Problem(file, 1, 1, f"YAML too deeply nested or too large to load (limit {MAX_DEPTH})"))
        return doc
    finally:
        if loader is not None:
            loader.dispose()
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
