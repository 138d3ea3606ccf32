"""Small shared helpers for extractors: tickers, sentences, windows, folded → original offsets."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Exchange-prefixed (NASDAQ:BIIB, NYSE: PFE), HK (01276.HK, 1276.HK), mainland (688506.SH, 300760.SZ),
# Taiwan (2330.TW), Tokyo (4502.T). Word boundaries keep years and prices out.
_TICKER = re.compile(
    r"(?P<ex>nasdaq|nyse(?:\s?american)?|amex|hkex|sehk|otc|lse|tsx|asx)\s*[:：]\s*(?P<sym>[a-z][a-z.\-]{0,6})\b"
    r"|(?<![\d.])(?P<hk>\d{4,5})\.hk\b"
    r"|(?<![\d.])(?P<cn>\d{6})\.(?P<cnx>sh|sz|ss|bj)\b"
    r"|(?<![\d.])(?P<tw>\d{4})\.(?P<twx>tw|two)\b"
    r"|(?<![\d.])(?P<jp>\d{4})\.t\b",
)
_SENTENCE_END = re.compile(r"[。！？!?；;]|\.(?=\s|$)|\n")


def find_tickers(folded: str) -> list[tuple[str, int, int]]:
    """Normalised tickers: `NASDAQ:BIIB`, `01276.HK`, `688506.SH`, `2330.TW`, `4502.T`."""
    out = []
    for m in _TICKER.finditer(folded):
        if m.group("ex"):
            ex = m.group("ex").upper().replace(" ", "")
            ex = "NYSE" if ex.startswith("NYSE") and ex != "NYSEAMERICAN" else ex
            out.append((f"{ex}:{m.group('sym').upper()}", m.start(), m.end()))
        elif m.group("hk"):
            out.append((f"{int(m.group('hk')):05d}.HK", m.start(), m.end()))
        elif m.group("cn"):
            suffix = "SH" if m.group("cnx") in ("sh", "ss") else m.group("cnx").upper()
            out.append((f"{m.group('cn')}.{suffix}", m.start(), m.end()))
        elif m.group("tw"):
            out.append((f"{m.group('tw')}.{m.group('twx').upper()}", m.start(), m.end()))
        elif m.group("jp"):
            out.append((f"{m.group('jp')}.T", m.start(), m.end()))
    return out


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def sentences(text: str) -> list[Span]:
    """Sentence spans (CJK and Latin punctuation)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() - start > 1:
            spans.append(Span(start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append(Span(start, len(text)))
    return spans


def sentence_at(text: str, pos: int) -> Span:
    for s in sentences(text):
        if s.start <= pos < s.end:
            return s
    return Span(0, len(text))


def original(original_text: str, folded_text: str, start: int, end: int) -> str:
    """The original-script substring for a span found in the folded text (folding keeps length for CJK and
    Latin; NFKC expansions are rare, and then we fall back to the folded form)."""
    if len(original_text) == len(folded_text):
        return original_text[start:end].strip()
    return folded_text[start:end].strip()


def first_match(patterns: Iterable[re.Pattern[str]], text: str) -> re.Match[str] | None:
    best: re.Match[str] | None = None
    for p in patterns:
        m = p.search(text)
        if m and (best is None or m.start() < best.start()):
            best = m
    return best


def round_value(value: float) -> float | int:
    """Plain numbers for JSON: integral floats become ints (1.25e9 → 1250000000)."""
    rounded = round(value, 6)
    return int(rounded) if float(rounded).is_integer() else rounded
