"""`where:` conditions on extracted fields — `total >= 1e9`, `currency in [USD, EUR]`,
`broker in $lists.top_brokers`, `upside_pct exists`. Parsed once at load time; evaluated purely."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from domain.text import fold

_COND = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(>=|<=|==|!=|=|>|<|not\s+in\b|in\b|exists\b|missing\b)\s*(.*?)\s*$")
OPS = (">=", "<=", "==", "!=", ">", "<", "in", "not in", "exists", "missing")


@dataclass(frozen=True, slots=True)
class ListRef:
    name: str


@dataclass(frozen=True, slots=True)
class Condition:
    field: str
    op: str
    value: Any = None
    text: str = ""

    def __str__(self) -> str:
        return self.text


def parse_condition(text: str) -> Condition:
    m = _COND.match(text)
    if not m:
        raise ValueError(
            f"cannot read condition {text!r}: expected `<field> <op> <value>` with op one of {', '.join(OPS)}"
        )
    name, op, raw = m.group(1), re.sub(r"\s+", " ", m.group(2)), m.group(3)
    op = "==" if op == "=" else op
    if op in ("exists", "missing"):
        if raw:
            raise ValueError(f"`{op}` takes no value in {text!r}")
        return Condition(name, op, None, text)
    if not raw:
        raise ValueError(f"missing value after `{op}` in {text!r}")
    if raw.startswith("$lists."):
        if op not in ("in", "not in"):
            raise ValueError(f"a list reference needs `in` or `not in` in {text!r}")
        return Condition(name, op, ListRef(raw[len("$lists.") :]), text)
    value: Any
    try:
        value = float(raw.replace("_", ""))  # YAML 1.1 reads `1e9` as a string; authors mean a number
    except ValueError:
        try:
            value = yaml.safe_load(raw)
        except yaml.YAMLError:
            value = raw
    if op in ("in", "not in"):
        if not isinstance(value, list):
            raise ValueError(f"`{op}` needs a list like [USD, EUR] or $lists.name in {text!r}")
    elif op in (">=", "<=", ">", "<") and not isinstance(value, int | float):
        raise ValueError(f"`{op}` needs a number in {text!r}")
    return Condition(name, op, value, text)


def _norm(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    return fold(str(value)).strip()


def holds(cond: Condition, fields: Mapping[str, Any], lists: Mapping[str, Sequence[str]] | None = None) -> bool:
    present = cond.field in fields and fields[cond.field] is not None
    if cond.op == "exists":
        return present
    if cond.op == "missing":
        return not present
    if not present:
        return False
    actual = _norm(fields[cond.field])
    if cond.op in ("in", "not in"):
        options = (lists or {}).get(cond.value.name, ()) if isinstance(cond.value, ListRef) else cond.value
        inside = actual in {_norm(o) for o in options}
        return inside if cond.op == "in" else not inside
    expected = _norm(cond.value)
    if cond.op == "==":
        return bool(actual == expected)
    if cond.op == "!=":
        return bool(actual != expected)
    if not isinstance(actual, float) or not isinstance(expected, float):
        return False
    return {">=": actual >= expected, "<=": actual <= expected, ">": actual > expected, "<": actual < expected}[cond.op]
