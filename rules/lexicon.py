"""Lexicons as data (rules/lexicons/*.yaml): canonical names with aliases in English and both Chinese scripts,
found in text with one Aho-Corasick scan over folded aliases (Latin aliases on word boundaries)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from rules.normalize import fold
from rules.terms import Term

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"


@dataclass(frozen=True, slots=True)
class Hit:
    canonical: str
    start: int  # offsets in the folded text
    end: int
    alias: str


class Lexicon:
    """canonical → aliases. The canonical name itself is always an alias."""

    def __init__(self, entries: dict[str, list[str]]):
        self.entries = entries
        self._automaton: Any = ahocorasick.Automaton()
        self._terms: dict[str, list[tuple[Term, str]]] = {}
        for canonical, aliases in entries.items():
            for alias in {canonical, *aliases}:
                term = Term.parse(alias)
                if not term.text:
                    continue
                self._terms.setdefault(term.text, []).append((term, canonical))
        for text in self._terms:
            self._automaton.add_word(text, text)
        if self._terms:
            self._automaton.make_automaton()

    def find(self, folded: str) -> list[Hit]:
        """All non-overlapping hits, longest alias first where they overlap, in text order."""
        if not self._terms or not folded:
            return []
        raw: list[Hit] = []
        for end, text in self._automaton.iter(folded):
            start = end - len(text) + 1
            for term, canonical in self._terms[text]:
                if term.fits(folded, start, end + 1):
                    raw.append(Hit(canonical, start, end + 1, text))
                    break
        raw.sort(key=lambda h: (h.start, -(h.end - h.start)))
        out: list[Hit] = []
        for h in raw:
            if out and h.start < out[-1].end:
                if h.end - h.start > out[-1].end - out[-1].start and h.start == out[-1].start:
                    out[-1] = h
                continue
            out.append(h)
        return out

    def first(self, folded: str) -> Hit | None:
        hits = self.find(folded)
        return hits[0] if hits else None


def _entries(data: Any) -> dict[str, list[str]]:
    """Accept `canonical: [aliases]`, `canonical: {aliases: [...]}` or a list of `{name, aliases}`."""
    out: dict[str, list[str]] = {}
    if isinstance(data, dict):
        for key in ("entries", "brokers", "companies", "ratings", "currencies"):
            if key in data and isinstance(data[key], dict | list):
                return _entries(data[key])
        for canonical, value in data.items():
            if isinstance(value, dict):
                value = value.get("aliases", [])
            out[str(canonical)] = [str(v) for v in (value or [])]
    elif isinstance(data, list):
        for row in data:
            if isinstance(row, dict) and "name" in row:
                out[str(row["name"])] = [str(v) for v in row.get("aliases", [])]
    return out


@cache
def load(name: str) -> Lexicon:
    path = LEXICON_DIR / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    return Lexicon(_entries(data))


def folded_aliases(entries: dict[str, list[str]]) -> dict[str, str]:
    return {fold(a): c for c, aliases in entries.items() for a in {c, *aliases}}
