"""Rating words for the price_target extractor: the five-level scale and which words need a rating cue."""

from __future__ import annotations

from functools import cache

from rules.lexicon import load
from rules.normalize import fold

SCALE = ("buy", "outperform", "hold", "underperform", "sell")

# Rating words that are also ordinary words ("stocks to buy", "remains positive", 看好, "中性看法"): accepted
# only quoted, before "rating"/评级, or after a rating verb or "to"/"from"/由/至 (see price_target._rating_ok).
WEAK = frozenset(
    fold(w)
    for w in (
        "buy",
        "sell",
        "hold",
        "add",
        "positive",
        "negative",
        "neutral",
        "perform",
        "reduce",
        "accumulate",
        "top pick",
        "in line",
        "in-line",
        "market weight",
        "看好",
        "推荐",
        "回避",
        "中性",
        "持有",
        "中立",
        "标配",
        "超配",
        "低配",
        "加码",
        "减码",
        "卖出",
        "买进",
        "买入",
        "增持",
        "减持",
    )
)


@cache
def rating_level(word: str | None) -> str | None:
    """`buy` … `sell` for a rating word in any script ("買入", "Overweight", "strong-buy"), else None."""
    if not word:
        return None
    folded = fold(word).strip(" \"'“”‘’「」『』【】").replace("-", " ")
    hits = load("ratings").find(folded)
    if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(folded):
        return hits[0].canonical
    return None
