"""Generates `zh_forms_data.json`: every script conversion the extractors ask for while building their word lists,
computed with OpenCC. Run after changing an extractor's Chinese words or a lexicon:

    .venv/bin/python -m rules.extract.zh_forms_gen          # rewrites rules/extract/zh_forms_data.json

The words are collected by building every extractor's word lists, patterns and automata in a fresh process
with an empty table (each lookup then misses and is recorded), so the table holds exactly what is asked for.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rules.extract.zh_forms import DATA_PATH

_COLLECT = """
import json
from rules.extract import zh_forms
zh_forms.table = lambda: {}  # every lookup misses, and is recorded
from rules.extract import bd_cues, bd_deal, extractor_names, mortgage_print, price_target, pt_scan
extractor_names()
bd_deal._gate()
bd_cues._automaton()
pt_scan._raw_brokers()
print(json.dumps(sorted(zh_forms.MISSES), ensure_ascii=False))
"""


def requested() -> list[tuple[str, str]]:
    """(config, text) pairs the extractors convert, collected in a fresh interpreter."""
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", _COLLECT], capture_output=True, text=True, check=True, cwd=root, encoding="utf-8"
    ).stdout
    return [(c, t) for c, t in json.loads(out)]


def generated_source() -> str:
    """The text of `zh_forms_data.json` for what the extractors ask for now: {config: {word: converted}}, one
    word a line and sorted, so a change of word list shows as a small diff."""
    import opencc

    table: dict[str, dict[str, str]] = {}
    converters: dict[str, opencc.OpenCC] = {}
    for config, text in requested():
        if config not in converters:
            converters[config] = opencc.OpenCC(config)
        table.setdefault(config, {})[text] = converters[config].convert(text)
    return json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    DATA_PATH.write_text(generated_source(), encoding="utf-8")
    print(f"wrote {DATA_PATH}")
