"""The shape of the house, checked from the source: rooms import down, never sideways or up, and no module
imports itself back through others. Every import counts, including ones inside functions and under
TYPE_CHECKING: a cycle hidden in a function is still a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("domain", "collectors", "rules", "store", "notifier", "wirewatch")
# Who may import whom (besides itself). The bottom imports nothing of ours; the four rooms import only the
# bottom; the app wires them together.
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "collectors": {"domain"},
    "rules": {"domain"},
    "store": {"domain"},
    "notifier": {"domain"},
    "wirewatch": {"domain", "collectors", "rules", "store", "notifier"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """Project modules `name` imports, resolved to modules where `from package import module` names one."""
    out: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t != name:
                out.add(t)
    return out


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imports_of(name, path, known) for name, path in mods.items()}


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(g.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return found


def test_rooms_import_down_never_sideways_or_up() -> None:
    wrong = sorted(
        f"{src} imports {dst}"
        for src, dsts in graph().items()
        for dst in dsts
        if (a := src.split(".")[0]) != (b := dst.split(".")[0]) and b not in ALLOWED[a]
    )
    assert wrong == []


def test_no_import_cycles_between_or_inside_packages() -> None:
    assert cycles(graph()) == []


def test_the_checker_sees_a_cycle_and_a_function_level_import(tmp_path: Path) -> None:
    a = tmp_path / "a.py"
    a.write_text("def f():\n    from notifier import slack\n")
    assert imports_of("notifier.slack_chart", a, {"notifier", "notifier.slack"}) == {"notifier.slack"}
    assert cycles({"x": {"y"}, "y": {"z"}, "z": {"x"}, "w": {"x"}}) == [["x", "y", "z"]]
