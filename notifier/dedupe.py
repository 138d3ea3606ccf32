"""One event, one alert: event keys per event type and near-duplicate text signatures. Pure, no I/O.

An event key names the event, not the article: parties + asset for a deal, ticker + broker + action for a
rating or target change, series + period for a print. Names are folded (width, script, case) and stripped of
corporate suffixes so outlets that spell them differently still agree. Articles without a key are compared
by MinHash (datasketch) over character 5-grams of their folded text; LSH bands become lookup keys, so the
store finds candidates by key and the caller confirms them with the estimated Jaccard similarity.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from datasketch import MinHash

from domain.alert import Alert
from domain.text import fold

KEYED_EVENTS = ("bd_deal", "price_target", "mortgage_print")
NUM_PERM = 128
BANDS, ROWS = 32, 4  # candidates from Jaccard ≈ 0.4 up (P ≥ 0.55 at 0.5, ≥ 0.99 at 0.7)
SIMILAR = 0.5  # estimated Jaccard over 5-grams at which two articles are the same story
SHINGLE = 5
_SEED = 20251125
_PART_MAX = 80

_SUFFIXES = re.compile(
    r"\b(?:inc|incorporated|ltd|limited|plc|corp|corporation|co|company|llc|ag|sa|se|nv|gmbh|kk|"
    r"holdings?|group|pharmaceuticals?|pharma|therapeutics|biotherapeutics|biosciences?|biotech(?:nology)?|"
    r"biopharma(?:ceuticals?)?|biologics|medicines|bio)\b\.?"
)
_ZH_SUFFIXES = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|公司|集团|控股|医药|制药|药业|生物科技|生物)$")
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)


def norm_name(value: Any) -> str:
    """Folded, punctuation-free, suffix-free name or code: `RAPT Therapeutics, Inc.` → `rapt`."""
    if value is None:
        return ""
    text = fold(str(value))
    text = _SUFFIXES.sub(" ", text)
    text = _NOT_WORD.sub(" ", text).strip()
    words = text.split()
    if words:
        words[-1] = _ZH_SUFFIXES.sub("", words[-1]) or words[-1]
    return "".join(words)[:_PART_MAX] if all(_is_cjk_or_code(w) for w in words) else " ".join(words)[:_PART_MAX]


def _is_cjk_or_code(word: str) -> bool:
    return not word.isalpha() or not word.isascii()


def norm_code(value: Any) -> str:
    """Drug codes and tickers: `HRS-9531` = `hrs9531`, `01276.HK` = `1276.hk`, `NASDAQ:BIIB` = `biib`."""
    if value is None:
        return ""
    text = fold(str(value)).strip()
    text = re.sub(r"^(?:nasdaq|nyse|hkex|sse|szse|tse|otc|amex)\s*[:：]\s*", "", text)
    text = re.sub(r"[\s\-_/]+", "", text)
    text = re.sub(r"^0+(?=\d)", "", text)
    return text[:_PART_MAX]


def event_key(event: str | None, fields: Mapping[str, Any]) -> str | None:
    """The key that names this event across outlets, or None when too little is known to name it."""
    if event == "bd_deal":
        parties = sorted(p for p in (norm_name(fields.get("licensor")), norm_name(fields.get("licensee"))) if p)
        asset = norm_code(fields.get("asset"))
        if len(parties) + bool(asset) < 2:
            return None
        return "|".join(("bd_deal", *parties, asset))
    if event == "price_target":
        what = norm_code(fields.get("ticker")) or norm_name(fields.get("company"))
        broker = norm_name(fields.get("broker"))
        if not what or not broker:
            return None
        return "|".join(("price_target", what, broker, norm_name(fields.get("action"))))
    if event == "mortgage_print":
        series = norm_name(fields.get("indicator"))
        period = str(fields.get("period") or "").strip()[:_PART_MAX]
        if not series or not period:
            return None
        return "|".join(("mortgage_print", series, period))
    return None


def alert_key(alert: Alert) -> str | None:
    return event_key(alert.event, alert.fields)


def comparable(alert: Alert) -> bool:
    """Which alerts are clustered by text: keyword matches, and theme events too thin to have a key."""
    return alert.event is None or alert.event in KEYED_EVENTS


def normalised_text(alert: Alert) -> str:
    """Title and summary, folded, with punctuation and runs of space reduced to one space."""
    text = fold(f"{alert.item.title}\n{alert.item.summary}")
    return " ".join(_NOT_WORD.sub(" ", text).split())


def signature(text: str) -> MinHash | None:
    """MinHash over character 5-grams; None for text too short to say anything."""
    if len(text) < SHINGLE * 4:
        return None
    grams = {text[i : i + SHINGLE].encode("utf-8") for i in range(len(text) - SHINGLE + 1)}
    mh = MinHash(num_perm=NUM_PERM, seed=_SEED)
    mh.update_batch(list(grams))
    return mh


def band_keys(mh: MinHash) -> list[str]:
    """LSH bands as store keys: two signatures sharing any band are candidates."""
    values = mh.hashvalues
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        keys.append(f"sim|{band}|{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return keys


def similarity(a: MinHash, b: MinHash) -> float:
    return float(a.jaccard(b))
