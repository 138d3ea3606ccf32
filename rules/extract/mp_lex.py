"""One Aho-Corasick pass per candidate item finds every word `mortgage_print` looks for — indicator names,
source contexts, forecast words, period words — and each pattern is then tried only where its literal
beginning occurs. (Python's regex engine tries a rich alternation at every position; this keeps the work
proportional to the few places that matter.)

A pattern is registered under a tag; its literal beginning (the characters before the first regex operator,
in every script form) is the automaton key. `Lexicon.find(t)` returns, per tag, the matches in text order,
non-overlapping, earlier-registered patterns winning at the same start (as in a regex alternation).
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from typing import Any, Final

import ahocorasick

from rules.extract.mp_text import _forms, _is_han, zh

_META: Final = frozenset(".^$*+?{}[]\\|()")
_QUANT: Final = frozenset("*?{")


def literal_prefix(pattern: str) -> str:
    """The characters every match of `pattern` begins with (a quantified last character is left out)."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        step = 1
        if ch == "\\" and i + 1 < len(pattern) and not pattern[i + 1].isalnum():
            ch, step = pattern[i + 1], 2  # an escaped literal: \. \$
        elif ch in _META:
            break
        out.append(ch)
        i += step
        if i < len(pattern) and pattern[i] in _QUANT:
            out.pop()
            break
    return "".join(out)


def _unescape(pattern: str) -> str:
    return re.sub(r"\\(.)", r"\1", pattern)


def script_variants(word: str, limit: int = 32) -> list[str]:
    pools = [_forms(ch) if _is_han(ch) else ch for ch in word]
    out = []
    for combo in itertools.product(*pools):
        out.append("".join(combo))
        if len(out) >= limit:
            break
    return out


class Hit:
    """One match of a registered pattern (a plain slotted class: built per match, so kept cheap)."""

    __slots__ = ("end", "start", "tag")

    def __init__(self, tag: str, start: int, end: int) -> None:
        self.tag = tag
        self.start = start
        self.end = end

    def __repr__(self) -> str:
        return f"Hit({self.tag!r}, {self.start}, {self.end})"


class Lexicon:
    def __init__(self) -> None:
        # per literal beginning: (registration order, tag, its exclusive group or None, pattern or None if literal)
        self._keys: dict[str, list[tuple[int, str, str | None, re.Pattern[str] | None]]] = defaultdict(list)
        self._order = 0
        self._ac: Any = None

    def add(self, tag: str, *patterns: str, prefix: str | None = None) -> None:
        """Register regex alternatives under `tag` (Simplified Chinese is widened to all script forms)."""
        for pattern in patterns:
            head = prefix if prefix is not None else literal_prefix(pattern)
            if len(head) < 2 and not (head and not head[0].isascii()):
                raise ValueError(f"pattern {pattern!r} needs a literal beginning of two characters or one Han")
            literal = head == _unescape(pattern)
            compiled = None if literal else re.compile(zh(pattern))
            self._order += 1
            group = tag.split(":", 1)[0]
            exclusive = group if (group.startswith("a.") or group in EXCLUSIVE) else None
            for variant in script_variants(head):
                self._keys[variant].append((self._order, tag, exclusive, compiled))

    def build(self) -> None:
        ac = ahocorasick.Automaton()
        for key, entries in self._keys.items():
            ac.add_word(key, (len(key), tuple(entries)))
        ac.make_automaton()
        self._ac = ac

    def find(self, t: str) -> tuple[dict[str, list[Hit]], dict[str, list[int]]]:
        """(hits of the exclusive groups — indicator names —, start positions of every other tag): context and
        cue words are only ever asked where they stand, so no object is built for them."""
        if self._ac is None:
            self.build()
        cands: list[tuple[int, int, int, str, str | None]] = []
        append = cands.append
        for end, (size, entries) in self._ac.iter(t):
            start = end - size + 1
            for order, tag, exclusive, rx in entries:
                if rx is None:
                    append((start, order, -end - 1, tag, exclusive))
                    continue
                m = rx.match(t, start)
                if m is not None and m.end() > start:
                    append((start, order, -m.end(), tag, exclusive))
        cands.sort()
        out: dict[str, list[Hit]] = defaultdict(list)
        starts: dict[str, list[int]] = defaultdict(list)
        taken_until: dict[str, int] = {}
        for start, _, neg_end, tag, exclusive in cands:
            if exclusive is None:
                starts[tag].append(start)
                continue
            if start < taken_until.get(exclusive, -1):  # names do not overlap: leftmost, then first registered
                continue
            taken_until[exclusive] = -neg_end
            out[tag].append(Hit(tag, start, -neg_end))
        return out, starts


EXCLUSIVE: Final = frozenset({"period"})
