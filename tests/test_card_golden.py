"""The rendered cards of every kind, in English and Chinese, against the committed golden files
(tests/golden/cards/, made by `python -m tests.golden_cards`, which its docstring explains). A card that
changes on purpose is regenerated and reviewed as a diff; one that changes by accident fails here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.golden_cards import CASES, GOLDEN, render_all
from tests.servers.slack import block_problems

RENDERED = render_all()
KINDS = ("deal", "rating", "news-print", "series-print", "revision", "digest", "keyword", "notice", "reply")


@pytest.mark.parametrize("name", sorted(RENDERED))
def test_card_matches_its_golden_file(name: str) -> None:
    committed = GOLDEN / name
    assert committed.exists(), f"no golden file {name}: run `.venv/bin/python -m tests.golden_cards`"
    assert RENDERED[name] == committed.read_text(encoding="utf-8"), (
        f"{name} differs from what the code renders: if the change is intended, run "
        "`.venv/bin/python -m tests.golden_cards` and review `git diff tests/golden/cards/`"
    )


def test_no_stale_golden_files_and_every_kind_in_both_languages() -> None:
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(RENDERED)
    for kind in KINDS:
        cases = [c for c in CASES if c.startswith(kind)]
        assert cases, kind
        if kind not in ("revision", "notice", "digest"):  # operator-facing or built from other cards
            assert any(c.endswith("-en") for c in cases) and any("-zh" in c for c in cases), kind


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_golden_card_is_valid_block_kit(name: str) -> None:
    card = CASES[name]()
    assert block_problems(card.blocks) == []
    assert 0 < len(card.text) <= 3000 and card.console


def test_the_documented_regeneration_writes_exactly_the_committed_files(tmp_path: Path) -> None:
    """`python -m tests.golden_cards [FOLDER]`, run as a fresh process, writes what is committed."""
    out = subprocess.run(
        [sys.executable, "-m", "tests.golden_cards", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert f"{len(RENDERED)} golden files written" in out.stdout
    fresh = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    committed = {p.name: p.read_text(encoding="utf-8") for p in GOLDEN.iterdir()}
    assert fresh == committed
