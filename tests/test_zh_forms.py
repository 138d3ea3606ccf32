"""The extractors' Traditional / Hong Kong / Taiwan word forms come from a generated table, not from OpenCC's
Simplified → Traditional converters at run time (~40 MiB each): the table must be current, and reading real
text must never need a conversion it lacks."""

from __future__ import annotations

import json
import subprocess
import sys

from rules.extract import zh_forms
from rules.extract.zh_forms_gen import DATA_PATH, generated_source
from tests.conftest import ROOT


def test_committed_table_is_current() -> None:
    assert DATA_PATH.read_text(encoding="utf-8") == generated_source(), (
        "run `.venv/bin/python -m rules.extract.zh_forms_gen` and commit rules/extract/zh_forms_data.json"
    )


def test_extracting_needs_no_conversion_outside_the_table() -> None:
    """In a fresh process: every extractor on the self-written corpus (both scripts) converts nothing at run time
    and builds no Simplified → Traditional converter."""
    code = """
import json, sys
from domain.item import Item
from rules.extract import Document, extractor_names, get_extractor, zh_forms
for line in open("tests/corpus/themes.jsonl", encoding="utf-8"):
    row = json.loads(line)
    doc = Document(Item(id="x", source="t", title=row["title"], summary=row.get("summary") or ""))
    for name in extractor_names():
        get_extractor(name)(doc)
print(json.dumps([sorted(zh_forms.MISSES), zh_forms._opencc.cache_info().currsize]))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    misses, converters = json.loads(out)
    assert misses == [] and converters == 0


def test_a_word_missing_from_the_table_is_still_converted() -> None:
    word = "测试用词甲乙"
    assert ("s2t", word) not in {(c, t) for c, t in zh_forms.MISSES}
    assert zh_forms.convert("s2t", word) == "測試用詞甲乙"
    assert ("s2t", word) in zh_forms.MISSES
    zh_forms.MISSES.discard(("s2t", word))
