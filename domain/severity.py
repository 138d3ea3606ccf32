"""How urgent an alert is: five levels, ordered, shared by rules (which set it) and routing (which reads it)."""

from __future__ import annotations

from typing import Literal

Severity = Literal["info", "low", "medium", "high", "critical"]
SEVERITIES: tuple[str, ...] = ("info", "low", "medium", "high", "critical")
SEVERITY_ORDER: dict[str, int] = {name: rank for rank, name in enumerate(SEVERITIES)}


def most_severe(severities: list[str]) -> int:
    """Index of the most severe entry (the first one on ties), for picking the lead of a group."""
    return max(range(len(severities)), key=lambda i: SEVERITY_ORDER.get(severities[i], 0))
