"""The Traditional (and Hong Kong, Taiwan) spellings of the extractors' own words, looked up instead of converted.

The extractors write their word lists and patterns once, in Simplified Chinese, and widen them to every script at
build time (`bd_text.both_scripts`, `mp_text.zh`, `pt_scan._raw_brokers`). Building OpenCC's Simplified →
Traditional converters for that costs ~40 MiB of memory each and ~0.1 s each at start-up, for a few thousand
fixed words; so the conversions are computed once, by `python -m rules.extract.zh_forms_gen`, into the checked-in
table `zh_forms_data.json` (a test keeps it current). It is data, not a Python module: a 5,000-entry dict literal
costs ~10 MiB of peak memory to compile wherever bytecode is not cached, JSON under 1 MiB to read. Input text is
still folded at run time with OpenCC `t2s` alone (`domain.text.fold`), which is small and fast to build.

A word missing from the table (a lexicon edited since the table was generated) is converted with OpenCC as
before, so the output never depends on the table being current; `MISSES` records it for the test.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_PATH = Path(__file__).resolve().parent / "zh_forms_data.json"

MISSES: set[tuple[str, str]] = set()  # (config, text) looked up but not in the table


@cache
def table() -> dict[str, dict[str, str]]:
    """The generated conversions, {config: {word: converted}}, read on first use."""
    pool: dict[str, str] = {}  # one string object per distinct word: half the words convert to themselves

    def shared(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        return {pool.setdefault(k, k): pool.setdefault(v, v) if isinstance(v, str) else v for k, v in pairs}

    data: dict[str, dict[str, str]] = json.loads(DATA_PATH.read_text(encoding="utf-8"), object_pairs_hook=shared)
    return data


@cache
def _opencc(config: str) -> Any:
    import opencc  # only for a word the generated table does not hold

    return opencc.OpenCC(config)


def convert(config: str, text: str) -> str:
    """`text` converted by OpenCC `config` (s2t, s2hk, s2tw, s2twp, t2s), from the generated table."""
    got = table().get(config, {}).get(text)
    if got is None:
        MISSES.add((config, text))
        got = str(_opencc(config).convert(text))
    return got
