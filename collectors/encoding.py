"""Declared versus actual character encodings: turn any feed body into UTF-8 before feedparser sees it.

Publishers declare the wrong charset often enough (GBK served as UTF-8, Big5 with Hong Kong characters that
plain Big5 cannot decode) that trusting the declaration garbles Chinese titles. Order of trust:
a byte-order mark, then each declared charset (HTTP header, then XML declaration) widened to its superset
(GB2312/GBK → GB18030, Big5 → Big5-HKSCS) and decoded strictly, then UTF-8, then charset-normalizer's guess.
Never a blind GB18030: it "decodes" Big5 bytes into garbage without an error, and Big5-HKSCS decodes most
GB2312 text just as quietly. So a Chinese reading is doubted whenever the bytes are also valid in the other
family (GB ↔ Big5): the reading made mostly of common characters wins (`common_share`), and the correction
is returned (`Decoded.mismatch`) for the caller to log once per feed. Pure: bytes in, bytes out.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache

from collectors.common_hanzi import COMMON_HANZI

# Supersets that decode everything the declared charset can, plus what publishers actually send.
WIDER = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "ascii": "utf-8",  # "us-ascii" feeds with UTF-8 punctuation are common; UTF-8 is a strict superset
    "iso8859-1": "cp1252",  # browsers read ISO-8859-1 as windows-1252 for the same reason
}
ALIASES = {"x-gbk": "gbk", "x-big5": "big5", "gb_2312-80": "gb2312", "x-euc-cn": "gb2312"}
# Single-byte charsets decode any bytes; valid multi-byte UTF-8 in such a body is UTF-8 mislabelled.
SINGLE_BYTE = frozenset({"cp1252", "iso8859-1", "iso8859-15", "ascii"})
# UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:\-]+)[\"']", re.IGNORECASE)
_CHARSET = re.compile(r";\s*charset\s*=\s*\"?([^\";\s]+)\"?", re.IGNORECASE)
SNIFF_BYTES = 1024
GUESS_BYTES = 64 * 1024  # charset-normalizer is slow on megabytes; a prefix decides as well
# The two Chinese families, each read through its widest codec: the other one is the rival reading.
RIVAL = {"gb18030": "big5hkscs", "big5hkscs": "gb18030"}
SCORE_LETTERS = 1_000  # non-ASCII letters sampled: enough to tell the readings apart
MIN_SHARE = 0.5  # the rival reading must be mostly common characters...
MIN_LEAD = 0.25  # ...and clearly more so than the declared one
# Runs of letters and symbols beyond ASCII: punctuation, spaces and full-width forms are left out of the count
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f\s\u00a0-\u00bf\u2000-\u206f\u3000-\u303f\uff00-\uffef]+")


@dataclass(frozen=True, slots=True)
class Decoded:
    body: bytes  # UTF-8, XML declaration (if any) saying so
    content_type: str | None  # the original media type with `charset=utf-8`
    encoding: str  # the codec that decoded the original bytes
    note: str | None = None  # set when the declaration was wrong or a guess was needed
    # (declared charset, codec used) when the declaration was overruled: the same pair poll after poll, so a
    # caller can log it once per feed
    mismatch: tuple[str, str] | None = None


def canonical(name: str | None) -> str | None:
    """Python's codec name for a charset label, or None for an unknown label."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    try:
        return codecs.lookup(ALIASES.get(label, label)).name
    except LookupError:
        return None


def widen(codec: str) -> str:
    return WIDER.get(codec, codec)


def declared_charsets(body: bytes, content_type: str | None) -> list[str]:
    """Charset labels as declared: the HTTP header first, then the XML declaration."""
    out = []
    if content_type and (m := _CHARSET.search(content_type)):
        out.append(m.group(1))
    if m2 := _XML_DECL.match(body[:SNIFF_BYTES]):
        out.append(m2.group(1).decode("ascii"))
    return out


def _strict(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def common_share(text: str) -> float:
    """The share of common Chinese characters among the first non-ASCII letters and symbols of `text`."""
    runs: list[str] = []
    size = 0
    for m in _NON_ASCII_RUN.finditer(text):
        runs.append(m.group())
        size += m.end() - m.start()
        if size >= SCORE_LETTERS:
            break
    sample = "".join(runs)[:SCORE_LETTERS]
    return sum(map(_common().__contains__, sample)) / len(sample) if sample else 0.0


@cache
def _common() -> frozenset[str]:
    """Built when a Chinese body is first weighed (~250 KiB a process without Chinese feeds never holds)."""
    return frozenset(COMMON_HANZI)


def rival_reading(body: bytes, text: str, codec: str) -> tuple[str, str] | None:
    """(text, codec) of the other Chinese family when it reads `body` clearly better than `codec` did."""
    rival = RIVAL.get(codec)
    if rival is None or body.isascii():
        return None
    mine = common_share(text)
    if mine > 1.0 - MIN_LEAD:  # already mostly common characters: no rival can lead by enough
        return None
    other = _strict(body, rival)
    if other is None:
        return None
    theirs = common_share(other)
    if theirs >= MIN_SHARE and theirs - mine >= MIN_LEAD:
        return other, rival
    return None


def decode(body: bytes, content_type: str | None = None) -> tuple[str, str, str | None]:
    """(text, codec used, note): the first reading in the order of trust that decodes without error."""
    text, codec, note, _ = read(body, content_type)
    return text, codec, note


def read(body: bytes, content_type: str | None = None) -> tuple[str, str, str | None, tuple[str, str] | None]:
    """`decode`, plus (declared, used) when a declared charset was overruled."""
    for bom, codec in BOMS:
        if body.startswith(bom) and (text := _strict(body, codec)) is not None:
            return text.lstrip("\ufeff"), codec, None, None
    labels = declared_charsets(body, content_type)
    tried: list[str] = []
    for label in labels:
        known = canonical(label)
        if known is None:
            continue
        wide = widen(known)
        if wide in tried:
            continue
        tried.append(wide)
        if wide in SINGLE_BYTE and not body.isascii() and (text := _strict(body, "utf-8")) is not None:
            return text, "utf-8", f"declared {label} but the body is UTF-8", (label, "utf-8")
        if (text := _strict(body, wide)) is not None:
            if better := rival_reading(body, text, wide):
                return better[0], better[1], f"declared {label} but the body is {better[1]}", (label, better[1])
            return text, wide, None, None
    declared = ", ".join(dict.fromkeys(labels))
    note = f"declared {declared} does not decode" if labels else None
    if "utf-8" not in tried and (text := _strict(body, "utf-8")) is not None:
        return text, "utf-8", note and note + "; read as UTF-8", (declared, "utf-8") if labels else None
    for rival in dict.fromkeys(RIVAL[c] for c in tried if c in RIVAL):  # Big5 declared, GBK sent (or reverse)
        if rival not in tried and (text := _strict(body, rival)) is not None and common_share(text) >= MIN_SHARE:
            return text, rival, f"{note}; read as {rival}", (declared, rival)
    from charset_normalizer import from_bytes  # ~30 ms to import: paid only by feeds that need a guess

    best = from_bytes(body[:GUESS_BYTES]).best()
    guess = widen(canonical(best.encoding) or best.encoding) if best is not None else None
    if guess is not None and (text := _strict(body, guess)) is not None:
        if better := rival_reading(body, text, guess):
            text, guess = better
        why = note or "no charset declared and not UTF-8"
        return text, guess, f"{why}; guessed {guess}", (declared, guess) if labels else None
    why = note or "undecodable bytes"
    replaced = body.decode("utf-8", errors="replace")
    return replaced, "utf-8", f"{why}; undecodable bytes replaced", (declared, "utf-8") if labels else None


def _utf8_declaration(body: bytes) -> bytes:
    m = _XML_DECL.match(body[:SNIFF_BYTES])
    if not m:
        return body
    return body[: m.start(1)] + b"utf-8" + body[m.end(1) :]


def _with_utf8_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    media = content_type.split(";", 1)[0].strip()
    return f"{media}; charset=utf-8" if media else None


def to_utf8(body: bytes, content_type: str | None = None) -> Decoded:
    """The body re-encoded as UTF-8 with its declarations to match; unchanged bytes when already UTF-8."""
    text, codec, note, mismatch = read(body, content_type)
    lossless_utf8 = codec == "utf-8" and not (note and note.endswith("replaced"))
    out = body if lossless_utf8 else text.encode("utf-8")
    return Decoded(
        body=_utf8_declaration(out),
        content_type=_with_utf8_charset(content_type),
        encoding=codec,
        note=note,
        mismatch=mismatch,
    )
