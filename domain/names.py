"""Names and codes folded for identity: two outlets' spellings of one company, ticker or drug code compare equal.

`RAPT Therapeutics, Inc.` and `rapt` are one party; `01276.HK` and `1276.hk` one ticker. Used by event keys,
history context and silences alike.
"""

from __future__ import annotations

import re
from typing import Any

from domain.text import fold

PART_MAX = 80
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
    return "".join(words)[:PART_MAX] if all(_is_cjk_or_code(w) for w in words) else " ".join(words)[:PART_MAX]


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
    return text[:PART_MAX]


_WRITTEN_CANONICAL = re.compile(r"^(?P<written>.*?\S)\s*[(（](?P<canonical>[^()（）]+)[)）]\s*$")


def split_written(value: Any) -> tuple[str, str | None]:
    """A name reported "as written (canonical)" — `大摩 (Morgan Stanley)` — as its two parts; a plain name is
    (name, None). Extractors write names this way when the text uses another name for a known firm."""
    text = str(value or "").strip()
    m = _WRITTEN_CANONICAL.match(text)
    if m is None:
        return text, None
    return m.group("written").strip(), m.group("canonical").strip()


def identity_name(value: Any, english: Any = None) -> str:
    """The folded name that decides an event's identity: the English (canonical) name when one is known —
    given, or inside "as written (canonical)" — else the name as written. 阿斯利康 with English `AstraZeneca`,
    `AstraZeneca PLC` and `大摩 (Morgan Stanley)` / `Morgan Stanley` agree."""
    written, canonical = split_written(value)
    return norm_name(english or canonical or written)
