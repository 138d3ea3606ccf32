"""The bundled rule packs as one engine, built once per test process: the grammar tests that check a phrasing also
reaches its extractor through the shipped rules drive items through it."""

from __future__ import annotations

from functools import cache

from rules.engine import RuleEngine
from rules.loader import BUNDLED_PACKS, load_rules


@cache
def bundled_engine() -> RuleEngine:
    loaded = load_rules([BUNDLED_PACKS])
    return RuleEngine(loaded.rules, loaded.lists)
