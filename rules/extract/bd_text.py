"""Text helpers for the bd_deal extractor: one cheap folding, sentences, and both Chinese scripts for word lists.

The extractor reads Simplified, Traditional and English news. Its patterns are written once, in Simplified and
lower case, against `fold_zh(text)`: lower case plus OpenCC t2s, which keeps one character for one character, so
a span found in the folded text is the same span in the original (the original gives the names shown to a
reader). Word lists that scan the *unfolded* text (the cheap gate every item goes through) are expanded to the
Traditional spellings with `both_scripts`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import opencc

from rules.extract.zh_forms import convert

_CJK = re.compile(r"[\u3400-\u9fff]")


@cache
def _cc(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def has_cjk(text: str) -> bool:
    return not text.isascii() and _CJK.search(text) is not None


def fold_zh(text: str) -> str:
    """Lower case and Simplified script, same length as `text` (else lower case only)."""
    low = text.lower()
    if len(low) != len(text):  # a few Unicode letters change length when lowered
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    if "\ufe52" in low:  # 經濟通 writes decimals with a small full stop: 3﹒7億美元
        low = low.replace("\ufe52", ".")
    if not has_cjk(low):
        return low
    simp: str = _cc("t2s").convert(low)
    if len(simp) != len(low):
        return low
    return simp.replace("哩程", "里程") if "哩" in simp else simp  # 哩程金 (Taiwan) is 里程金


def both_scripts(words: Iterable[str]) -> list[str]:
    """Each word with its Traditional spellings (mainland, Taiwan and Hong Kong usage), lower case, deduplicated."""
    out: dict[str, None] = {}
    for w in words:
        w = w.lower()
        out[w] = None
        if has_cjk(w):
            for config in ("s2t", "s2tw", "s2hk", "s2twp", "t2s"):
                v = convert(config, w)
                if len(v) == len(w):
                    out[v] = None
    return list(out)


# Sentence ends: CJK and Latin full stops, question and exclamation marks, semicolons, line breaks. A Latin
# full stop ends a sentence only before a space and a capital or a CJK character, and not after a legal or
# title abbreviation (Co., Inc., Ltd., U.S., Dr.).
_END = re.compile(r"[。！？!?；;\n]|\.(?=\s+[\"“‘(]?[A-Z\u3400-\u9fff])")
_ABBREV = re.compile(
    r"(?:\b(?:co|inc|ltd|corp|plc|jr|sr|dr|mr|mrs|ms|st|no|vs|approx|est|dept|e\.g|i\.e|jan|feb|mar|apr|jun|jul"
    r"|aug|sep|sept|oct|nov|dec|mt|ft|pte|bhd|n\.v|s\.a|a\.g|u\.s|u\.k)|\b[a-z])$",
    re.IGNORECASE,
)


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of text[start:end]."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    s = start
    for m in _END.finditer(text, start, end):
        if m.group() == "." and _ABBREV.search(text, max(s, m.start() - 6), m.start()):
            continue
        if m.group() in (";", "；") and text.count("(", s, m.start()) > text.count(")", s, m.start()):
            continue  # "Biotie Therapies (Nasdaq-OMX; BTH1V) says …": inside brackets, no sentence ends
        e = m.end()
        if text[s:e].strip():
            spans.append((s, e))
        s = e
    if text[s:end].strip():
        spans.append((s, end))
    return spans


# An English price as written after a paying verb: "about $430 million", "$4.9 billion in cash"
PRICE_EN = (
    r"(?:about\s|around\s|roughly\s|nearly\s|some\s)?(?:\$|€|£|us\$)\s?\d[\d.,]*\s?(?:m|mn|b|bn|million|billion)?\b"
    r"(?:\sin\scash)?"
)
