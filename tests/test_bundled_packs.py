"""The bundled packs against a small labelled corpus (tests/corpus/spine_themes.jsonl): English, Simplified
and Traditional Chinese items for the three themes, and unrelated items that must stay quiet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from collectors.item import Item
from rules.loader import BUNDLED_PACKS, load_rules

CORPUS = Path(__file__).parent / "corpus" / "spine_themes.jsonl"
ROWS = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
ENGINE = load_rules([BUNDLED_PACKS]).engine()


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_labelled_item_flags_exactly_its_events(row: dict[str, object]) -> None:
    got = {m.rule.event for m in ENGINE.match(Item.from_dict(row))}
    assert got == set(row["events"])  # type: ignore[arg-type]


def test_corpus_covers_each_theme_in_each_script() -> None:
    for prefix in ("en-", "zh-hans-", "zh-hant-"):
        events = {e for r in ROWS if r["id"].startswith(prefix) for e in r["events"]}  # type: ignore[union-attr, attr-defined]
        assert len(events) >= 2, prefix
