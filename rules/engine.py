"""Compile all rules into one Aho-Corasick automaton over their folded terms, scan each text once, and
evaluate only the rules whose terms occurred (plus regex-only rules). Cost grows with matches, not rules.
Pure: no I/O, no clock.
"""

from __future__ import annotations

import fnmatch
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import ahocorasick

from collectors.item import Item
from rules.model import Rule
from rules.normalize import fold, is_word_char
from rules.regex import compile_pattern


@dataclass(frozen=True, slots=True)
class Term:
    """A folded term; Latin ends must sit on word boundaries unless the author wrote a trailing `*`."""

    text: str
    left_boundary: bool
    right_boundary: bool

    @classmethod
    def parse(cls, raw: str) -> Term:
        prefix = raw.endswith("*")
        text = fold(raw.rstrip("*").strip())
        return cls(
            text=text,
            left_boundary=is_word_char(text[0]),
            right_boundary=is_word_char(text[-1]) and not prefix,
        )

    def fits(self, haystack: str, start: int, end: int) -> bool:
        if self.left_boundary and start > 0 and is_word_char(haystack[start - 1]):
            return False
        return not (self.right_boundary and end < len(haystack) and is_word_char(haystack[end]))


@dataclass(frozen=True, slots=True)
class Match:
    rule: Rule
    terms: tuple[str, ...]  # the author's terms (as written) that fired
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def event(self) -> str | None:
        return self.rule.event


@dataclass(frozen=True, slots=True)
class _Compiled:
    rule: Rule
    any: tuple[int, ...]
    all: tuple[int, ...]
    none: tuple[int, ...]
    regex: tuple[Any, ...]


class RuleEngine:
    def __init__(self, rules: Sequence[Rule]):
        self.rules = [r for r in rules if r.enabled]
        self._terms: list[Term] = []
        self._raw: list[str] = []
        term_index: dict[tuple[str, bool, bool], int] = {}
        self._by_term: dict[int, list[int]] = defaultdict(list)
        self._always: list[int] = []
        self._compiled: list[_Compiled] = []
        automaton = ahocorasick.Automaton()
        variants: dict[str, list[int]] = defaultdict(list)

        def intern(raw: str) -> int:
            term = Term.parse(raw)
            key = (term.text, term.left_boundary, term.right_boundary)
            if key not in term_index:
                term_index[key] = len(self._terms)
                self._terms.append(term)
                self._raw.append(raw)
                variants[term.text].append(term_index[key])
            return term_index[key]

        for ri, rule in enumerate(self.rules):
            c = _Compiled(
                rule=rule,
                any=tuple(intern(t) for t in rule.any),
                all=tuple(intern(t) for t in rule.all),
                none=tuple(intern(t) for t in rule.none),
                regex=tuple(compile_pattern(p) for p in rule.regex),
            )
            self._compiled.append(c)
            positive = set(c.any) | set(c.all)
            if positive:
                # A rule can only fire when one of its `all` terms (or else an `any` term) occurs.
                trigger = c.all[:1] if c.all else c.any
                for t in trigger:
                    self._by_term[t].append(ri)
            else:
                self._always.append(ri)
        for text, ids in variants.items():
            automaton.add_word(text, tuple(ids))
        self._automaton: Any = automaton
        if variants:
            automaton.make_automaton()

    def _hits(self, text: str) -> set[int]:
        hits: set[int] = set()
        if not text or not self._terms:
            return hits
        for end, ids in self._automaton.iter(text):
            for tid in ids:
                term = self._terms[tid]
                start = end - len(term.text) + 1
                if tid not in hits and term.fits(text, start, end + 1):
                    hits.add(tid)
        return hits

    def match(self, item: Item) -> list[Match]:
        title, summary = fold(item.title), fold(item.summary)
        hits_title, hits_summary = self._hits(title), self._hits(summary)
        hits_any = hits_title | hits_summary
        candidates = set(self._always)
        for tid in hits_any:
            candidates.update(self._by_term.get(tid, ()))
        out: list[Match] = []
        for ri in sorted(candidates):
            c = self._compiled[ri]
            rule = c.rule
            if rule.sources and not any(fnmatch.fnmatchcase(item.source, s) for s in rule.sources):
                continue
            hits = hits_title if rule.in_ == "title" else hits_summary if rule.in_ == "summary" else hits_any
            if c.any and not any(t in hits for t in c.any):
                continue
            if c.all and not all(t in hits for t in c.all):
                continue
            if c.none and any(t in hits for t in c.none):
                continue
            if c.regex:
                texts = [title] if rule.in_ == "title" else [summary] if rule.in_ == "summary" else [title, summary]
                if not any(rx.search(t) for rx in c.regex for t in texts):
                    continue
            fired = tuple(dict.fromkeys(self._raw[t] for t in (*c.all, *c.any) if t in hits))
            out.append(Match(rule=rule, terms=fired))
        return out
