"""One pass over an item for the price_target extractor: the gate on raw text, then one Aho-Corasick scan of the
folded head for every word the extractor looks at (target words, rating words, rating and target verbs,
brokers from the lexicon), so the grammar in `price_target` works on positions instead of re-scanning text."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any, NamedTuple

import ahocorasick

from rules.extract.zh_forms import convert
from rules.lexicon import load
from rules.normalize import fold

CAP = 1500  # characters of title + lead read (an item's call is stated up front)

# --- the gate: a target / rating word AND a broker (lexicon alias or a firm word), on raw lower-case text -----
_GATE_CUES = (
    "price target",
    "price-target",
    "target price",
    "price objective",
    "price tgt",
    " pt ",
    " pt,",
    " pt.",
    "pt to",
    " tp ",
    " tp,",
    "tp to",
    "target to ",
    "target of ",
    "target on ",
    "target for ",
    "target from ",
    "target at ",
    " rating",
    "upgrad",
    "downgrad",
    "coverage",
    "initiat",
    "resumed at",
    "resumed with",
    "reinstated at",
    "reinstated with",
    "assumed at",
    "assumed with",
    " target ",
    " target.",
    " target,",
    "overweight",
    "underweight",
    "outperform",
    "underperform",
    "equal weight",
    "equal-weight",
    "equalweight",
    "market perform",
    "sector perform",
    "peer perform",
    "to buy from",
    "raised to buy",
    "lifted to buy",
    "cut to hold",
    "cut to sell",
    "lowered to hold",
    "lowered to sell",
    "raised to hold",
    "to neutral",
    "to hold from",
    "to sell from",
    "to buy",  # "Jefferies lifts Harlow Retail to buy": the rating after the company
    "to hold",
    "to sell",
    "to 'buy",
    "to 'hold",
    "to 'sell",
    "to ‘buy",
    "to ‘hold",
    "to ‘sell",
    'to "buy',
    'to "hold',
    'to "sell',
    "to “buy",
    "to “hold",
    "to “sell",
    "strong buy",
    "strong-buy",
    "reiterat",
    "目标价",
    "目標價",
    "目标股价",
    "目標股價",
    "评级",
    "評級",
    "评等",
    "評等",
    "首予",
    "合理价值",
    "合理價值",
    "合理股价",
    "合理股價",
    "买入",
    "買入",
    "买进",
    "買進",
    "增持",
    "减持",
    "減持",
    "跑赢",
    "跑贏",
    "跑输",
    "跑輸",
    "优于大",
    "優於大",
    "劣于大",
    "劣於大",
    "超配",
    "加码",
    "加碼",
    "减码",
    "減碼",
    "沽售",
    "上看",
)
_FIRM_WORDS = (
    " securities",
    " equities",
    " capital",
    " research",
    " partners",
    " advisors",
    " advisory",
    " global markets",
)


@cache
def _gate() -> Any:
    a = ahocorasick.Automaton()
    for w in _GATE_CUES:
        a.add_word(w, w)
    a.make_automaton()
    return a


@cache
def _raw_brokers() -> Any:
    """Broker names and firm words as they are written (lower case, Simplified and Traditional forms)."""
    # ("benchmark": a broker only as the subject of an analyst's action, which the extractor checks)
    words = set(_FIRM_WORDS) | {"证券", "證券", "研究", "资本", "資本", "投顾", "投顧", "benchmark"}
    for canonical, aliases in load("brokers").entries.items():
        for alias in (canonical, *aliases):
            low = alias.lower()
            words.add(low)
            if not low.isascii():
                words.update(convert(config, low) for config in ("s2t", "s2hk", "s2tw", "t2s"))
    a = ahocorasick.Automaton()
    for w in words:
        a.add_word(w, w)
    a.make_automaton()
    return a


def passes_gate(text: str) -> bool:
    """A target or rating word, and a broker name or firm word, in the first CAP characters (raw text, lower
    case, either script). Most items fail the first test in one pass; the second spares the folding of
    items that only talk about targets."""
    low = text[:CAP].lower() + " "
    for _ in _gate().iter(low):
        break
    else:
        return False
    n = len(low)
    for end, word in _raw_brokers().iter(low):
        start = end - len(word) + 1
        if word[0].isascii() and word[0].isalnum() and start > 0 and low[start - 1].isalnum():
            continue
        if word[-1].isascii() and word[-1].isalnum() and end + 1 < n and low[end + 1].isalnum():
            continue
        return True
    return False


# --- the scan ----------------------------------------------------------------------------------------------
_CUES: dict[str, tuple[str, ...]] = {
    "anchor": (
        "price target",
        "price-target",
        "price targets",
        "target price",
        "target prices",
        "price objective",
        "price objectives",
        "price prediction",
        "price tgt",
        "pt",
        "pts",
        "tp",
        "target",
        "targets",
        "目标价",
        "目标股价",
        "目标价位",
        "合理价值",
        "合理值",
        "合理股价",
        "上看",
    ),
    "rcue": ("rating", "ratings", "recommendation", "评级", "评等"),
    "up": ("upgrad", "翻多"),
    "down": ("downgrad", "翻空"),
    "init": (
        "initiat",
        "coverage",
        "resum",
        "reinstat",
        "assum",
        "start",
        "starts",
        "started",
        "首次覆盖",
        "首度覆盖",
        "首次涵盖",
        "首度涵盖",
        "首予",
        "首次给予",
        "首度给予",
        "首度将",
        "开始覆盖",
        "首评",
        "初次覆盖",
        "首次评级",
        "重新覆盖",
        "恢复覆盖",
        "纳入研究范围",
        "纳入覆盖范围",
    ),
    "keep": (
        "reiterat",
        "maintain",
        "keep",
        "keeps",
        "kept",
        "reaffirm",
        "affirm",
        "retain",
        "restat",
        "remain",
        "remains",
        "still",
        "set",
        "sets",
        "assign",
        "give",
        "gives",
        "gave",
        "issu",
        "rates",
        "rated",
        "has a",
        "has an",
        "have a",
        "had a",
        "had an",
        "维持",
        "重申",
        "保持",
        "给予",
        "予",
        "建议",
        "喊",
        "上看",
    ),
    "sub": (" while ", "whereas", "同时", "此外", "另外", "另一方面", "当中", "其中"),
    "upside": (
        "upside",
        "downside",
        "potential return",
        "上涨空间",
        "上行空间",
        "潜在升幅",
        "升幅空间",
        "潜在涨幅",
        "涨幅空间",
        "上升空间",
        "下行空间",
        "潜在跌幅",
        "下跌空间",
    ),
    "firm": _FIRM_WORDS,
    "zfirm": ("证券研究所", "证券", "研究所", "研究", "资本", "投顾"),
}
PREFIX_CUES = frozenset(
    (
        "upgrad",
        "downgrad",
        "initiat",
        "resum",
        "reinstat",
        "assum",
        "reiterat",
        "maintain",
        "reaffirm",
        "affirm",
        "retain",
        "restat",
        "assign",
        "issu",
    )
)


class Cue(NamedTuple):
    word: str
    kind: str
    start: int
    end: int


class Hit(NamedTuple):
    """A broker or rating word: `canonical` from its lexicon, `alias` as folded."""

    canonical: str
    start: int
    end: int
    alias: str


@cache
def _scanner() -> Any:
    entries: dict[str, list[tuple[str, str]]] = {}
    for kind, words in _CUES.items():
        for w in words:
            entries.setdefault(w, []).append((kind, w))
    for lexicon, kind in (("brokers", "broker"), ("ratings", "rating")):
        for canonical, aliases in load(lexicon).entries.items():
            for alias in (canonical, *aliases):
                w = fold(alias)
                # rating words are written with a hyphen as often as with a space ("Market-Perform")
                forms = {w, w.replace(" ", "-"), w.replace("-", " ")} if kind == "rating" and w else {w}
                for form in forms:
                    if form and (kind, canonical) not in entries.get(form, ()):
                        entries.setdefault(form, []).append((kind, canonical))
    a = ahocorasick.Automaton()
    for w, values in entries.items():
        latin_left = w[0].isascii() and w[0].isalnum()
        latin_right = w[-1].isascii() and w[-1].isalnum()
        a.add_word(w, (w, tuple(values), latin_left, latin_right))
    a.make_automaton()
    return a


_UNIT_BEFORE_YUAN = frozenset("0123456789港美日欧台韩币万亿千百")
_new = tuple.__new__  # builds a NamedTuple without its Python-level __new__


def _longest(found: list[Any]) -> list[Any]:
    found.sort(key=lambda h: (h.start, h.start - h.end))
    out: list[Any] = []
    last_end = -1
    for h in found:
        if h.start < last_end:
            continue
        out.append(h)
        last_end = h.end
    return out


def scan(f: str) -> tuple[list[Cue], list[Hit], list[Hit]]:
    """(cues, broker hits, rating hits) in the folded head, each kind without overlaps (longest first).
    Latin words sit on word boundaries (a stem in PREFIX_CUES may continue on the right)."""
    cues: list[Cue] = []
    brokers: list[Hit] = []
    ratings: list[Hit] = []
    n = len(f)
    for end, (word, values, latin_left, latin_right) in _scanner().iter(f):
        start = end - len(word) + 1
        stop = end + 1
        # (a Chinese character next to a Latin word is a boundary: 研究机构Aletheia资本)
        if latin_left and start > 0 and f[start - 1].isalnum() and f[start - 1].isascii():
            continue
        right_ok = not (latin_right and stop < n and f[stop].isalnum() and f[stop].isascii())
        for kind, payload in values:
            if kind == "broker":
                if right_ok and not (
                    word[0] == "元" and start and f[start - 1] in _UNIT_BEFORE_YUAN
                ):  # "港元大幅" ≠ 元大
                    brokers.append(_new(Hit, (payload, start, stop, word)))
            elif kind == "rating":
                if right_ok:
                    ratings.append(_new(Hit, (payload, start, stop, word)))
            elif right_ok or word in PREFIX_CUES:
                cues.append(_new(Cue, (word, kind, start, stop)))
    if len(cues) > 1:
        by_kind: dict[str, list[Cue]] = {}
        for c in cues:
            by_kind.setdefault(c.kind, []).append(c)
        cues = [c for group in by_kind.values() for c in (_longest(group) if len(group) > 1 else group)]
        cues.sort(key=lambda c: c.start)
    return cues, _longest(brokers) if len(brokers) > 1 else brokers, _longest(ratings) if len(ratings) > 1 else ratings


# --- folding that keeps one character for one --------------------------------------------------------------
_WIDE_CHAR = re.compile("[…™℠½¼¾]")
_ONE_CHAR = str.maketrans({"…": ".", "™": " ", "℠": " ", "½": " ", "¼": " ", "¾": " "})


def aligned_fold(text: str) -> str:
    """`fold` that keeps one character for one, so offsets in the folded text index the original."""
    folded = fold(text.translate(_ONE_CHAR) if _WIDE_CHAR.search(text) else text)
    if len(folded) == len(text):
        return folded
    safe = "".join(ch if len(unicodedata.normalize("NFKC", ch)) == 1 else " " for ch in text)
    return fold(safe)


# Sentence ends. A period ends a sentence unless it closes an abbreviation ("Inc.", "U.S.", "J.P.").
_BOUNDARY = re.compile(r"[。；;!?！？\n…]|\.(?=\s|$)")
ABBREVIATIONS = _ABBREV = frozenset(
    [
        "inc",
        "corp",
        "co",
        "ltd",
        "plc",
        "llc",
        "lp",
        "u.s",
        "u.k",
        "j.p",
        "l.p",
        "st",
        "mr",
        "ms",
        "mrs",
        "dr",
        "no",
        "vs",
        "jr",
        "sr",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "est",
        "approx",
        "bros",
        "mt",
        "ft",
        "s.a",
        "n.v",
        "a.g",
        "cos",
        "dept",
        "intl",
        "int'l",
    ]
)


# A list item or section rule also ends a clause: "---------- FTSE 100 ----------", "… target - RBC starts …"
# (a single dash only between spaces, before a capital letter, outside brackets: "(TGT - Free Report)" stays).
_GLUED_STOP = re.compile(r"\.(?=[A-Z][a-z])")
_DASHES = re.compile(r"-{3,}| -{1,2}(?= )")


def _ends_price(folded: str, k: int) -> bool:
    """ "… a price target of $340. Previously, …": a price closes the sentence (a list number "1." does not)."""
    return k > 0 and folded[k - 1] in "$£€¥￥"


def clauses(folded: str, text: str | None = None) -> list[tuple[int, int]]:
    """Clause spans of the folded head. With the original `text` (same length), dashes that separate list items and
    full stops glued to the next sentence are boundaries too."""
    extra: list[tuple[int, int, str]] = []
    if text is not None:
        for m in _GLUED_STOP.finditer(text):  # scraped text loses the space: "… its buy recommendation.Antofagasta: …"
            k = m.start()
            while k > 0 and m.start() - k < 20 and "a" <= text[k - 1] <= "z":
                k -= 1
            if m.start() - k >= 3 and text[k : m.start()] not in _ABBREV and not (k and not text[k - 1].isspace()):
                extra.append((m.start(), m.end(), "!"))
        if "--" in folded or " -" in folded:
            for m in _DASHES.finditer(folded):
                if m.group()[0] == " ":
                    nxt = text[m.end() + 1 : m.end() + 2]
                    lo = max(0, m.start() - 40)
                    if not (nxt.isupper() or nxt.isdigit()) or folded.count("(", lo, m.start()) > folded.count(
                        ")", lo, m.start()
                    ):
                        continue
                extra.append((m.start(), m.end(), "-"))
    marks: Any = _BOUNDARY.finditer(folded)
    if extra:
        marks = sorted([(m.start(), m.end(), m.group()) for m in marks] + extra)
    spans: list[tuple[int, int]] = []
    start = 0
    for mark in marks:
        m_start, m_end, group = mark if extra else (mark.start(), mark.end(), mark.group())
        if m_start < start:
            continue
        if group == ".":
            k = m_start
            while k > 0 and k > m_start - 12 and (folded[k - 1].isalnum() or folded[k - 1] in ".'"):
                k -= 1
            token = folded[k:m_start]
            if len(token) <= 1 or token in _ABBREV or (token.replace(".", "").isdigit() and not _ends_price(folded, k)):
                continue
        if m_start - start > 1:
            spans.append((start, m_start))
        start = m_end
    if len(folded) - start > 1:
        spans.append((start, len(folded)))
    return spans
