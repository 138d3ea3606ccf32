"""`where:` conditions on extracted and derived fields — `total >= 1e9`, `upfront_usd >= 100M`,
`currency in [USD, EUR]`, `broker in $lists.top_brokers`, `upside_pct exists`. Parsed once at load time;
evaluated purely, by comparison only: a condition is data, never code.

Numbers may carry a scale word (`100M`, `$1.5bn`, `250k`, `2tn`). A name reported "as written (canonical)"
(`大摩 (Morgan Stanley)`) satisfies `==`/`in` when either part does, so lists keep working in English.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from domain.text import fold

_COND = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(>=|<=|==|!=|=|>|<|not\s+in\b|in\b|exists\b|missing\b)\s*(.*?)\s*$")
OPS = (">=", "<=", "==", "!=", ">", "<", "in", "not in", "exists", "missing")
_SCALED = re.compile(r"^([-+]?)\$?\s*(\d+(?:\.\d+)?)\s*(k|m|mn|mm|b|bn|tn|t)?$", re.IGNORECASE)
_SCALE = {"": 1.0, "k": 1e3, "m": 1e6, "mn": 1e6, "mm": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12, "tn": 1e12}
_WRITTEN = re.compile(r"^(.*?\S)\s*[(（]([^()（）]+)[)）]\s*$")


def parse_number(raw: str) -> float | None:
    """`1e9`, `1_000_000`, `100M`, `$1.5bn`, `-20` → a float; None for anything else."""
    text = raw.replace("_", "").replace(",", "").strip()
    try:
        return float(text)
    except ValueError:
        pass
    m = _SCALED.match(text)
    if m is None:
        return None
    value = float(m.group(2)) * _SCALE[(m.group(3) or "").lower()]
    return -value if m.group(1) == "-" else value


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
    value: Any = parse_number(raw)  # YAML 1.1 reads `1e9` as a string; authors mean a number
    if value is None:
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


def _names(raw: Any, actual: Any) -> set[Any]:
    """The values a field stands for: itself, and both parts of "as written (canonical)"."""
    if isinstance(raw, str) and (m := _WRITTEN.match(raw)) is not None:
        return {actual, _norm(m.group(1)), _norm(m.group(2))}
    return {actual}


def holds(cond: Condition, fields: Mapping[str, Any], lists: Mapping[str, Sequence[str]] | None = None) -> bool:
    present = cond.field in fields and fields[cond.field] is not None
    if cond.op == "exists":
        return present
    if cond.op == "missing":
        return not present
    if not present:
        return False
    raw = fields[cond.field]
    actual = _norm(raw)
    names = _names(raw, actual)
    if cond.op in ("in", "not in"):
        options = (lists or {}).get(cond.value.name, ()) if isinstance(cond.value, ListRef) else cond.value
        inside = not names.isdisjoint({_norm(o) for o in options})
        return inside if cond.op == "in" else not inside
    expected = _norm(cond.value)
    if cond.op == "==":
        return expected in names
    if cond.op == "!=":
        return expected not in names
    if not isinstance(actual, float) or not isinstance(expected, float):
        return False
    return {">=": actual >= expected, "<=": actual <= expected, ">": actual > expected, "<": actual < expected}[cond.op]
