"""Compile all rules into one Aho-Corasick automaton over their folded terms, scan each text once, and
evaluate only the rules whose terms occurred (plus the few rules with no literal terms). Cost grows with
matches, not with the number of rules. Pure: no I/O, no clock.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import functools
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import ahocorasick

from domain.item import Item
from domain.text import fold, has_cjk
from rules.derived import derive, field_names
from rules.extract import Document
from rules.lazy_extractors import known_extractors
from rules.lists import ListEntry
from rules.model import Rule
from rules.regex import compile_pattern
from rules.terms import Term
from rules.where import Condition, holds, parse_condition

_WORD = re.compile(r"[a-z0-9]+")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")  # domain.text.is_word_char
_CJK_CHAR = re.compile("[\u3400-\u9fff]")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Span:
    """Where a term fired: the author's term, the field, offsets in the folded text, and the text found."""

    term: str
    field: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Match:
    rule: Rule
    terms: tuple[str, ...]  # the author's terms (as written) that fired
    fields: dict[str, Any] = field(default_factory=dict)
    spans: tuple[Span, ...] = ()

    @property
    def event(self) -> str | None:
        return self.rule.event


Group = tuple[int, ...]  # the term ids one written term stands for (a `$lists.x` reference stands for many)


@dataclass(frozen=True, slots=True)
class _Compiled:
    rule: Rule
    any: tuple[tuple[str, Group], ...]
    all: tuple[tuple[str, Group], ...]
    none: tuple[tuple[str, Group], ...]
    near: tuple[tuple[tuple[tuple[str, Group], ...], int], ...]
    regex: tuple[Any, ...]
    where: tuple[Condition, ...]
    # the same conditions as id sets, so the common checks are set operations in C
    any_ids: frozenset[int] = frozenset()
    all_sets: tuple[frozenset[int], ...] = ()
    none_ids: frozenset[int] = frozenset()
    derived: bool = False  # a `where` condition tests a derived field: compute them for its events


Hits = dict[int, list[tuple[str, int, int]]]  # term id → (field, start, end) occurrences


@dataclass
class _Context:
    item: Item
    doc: Document
    texts: dict[str, str]
    hits: Hits

    @cached_property
    def lang(self) -> str:
        return detect_lang(self.item.title + " " + self.item.summary[:500])

    def scoped(self, scope: str) -> Hits:
        if scope == "any":
            return self.hits
        return {t: [o for o in occ if o[0] == scope] for t, occ in self.hits.items() if any(o[0] == scope for o in occ)}


def _distance(origin: int, span: tuple[int, int]) -> int:
    return abs(span[0] - origin)


def detect_lang(text: str) -> str:
    """`zh` when Chinese characters make up a fifth or more of the letters, else `en`."""
    cjk = len(_CJK_CHAR.findall(text))
    letters = len(_LETTER.findall(text))
    return "zh" if letters and cjk / letters >= 0.2 else "en"


class RuleEngine:
    def __init__(self, rules: Sequence[Rule], lists: Mapping[str, Sequence[ListEntry]] | None = None):
        self.rules = [r for r in rules if r.enabled]
        self.lists = dict(lists or {})
        self.list_names = {
            name: [n for e in entries for n in (e.name, *e.aliases)] for name, entries in self.lists.items()
        }
        self._terms: list[Term] = []
        self._raw: list[str] = []
        self._by_term: dict[int, list[int]] = defaultdict(list)
        self._always: list[int] = []
        self._compiled: list[_Compiled] = []
        index: dict[tuple[str, bool, bool], int] = {}
        variants: dict[str, list[int]] = defaultdict(list)

        def intern(raw: str) -> int:
            term = Term.parse(raw)
            key = (term.text, term.left_boundary, term.right_boundary)
            if key not in index:
                index[key] = len(self._terms)
                self._terms.append(term)
                self._raw.append(raw)
                variants[term.text].append(index[key])
            return index[key]

        def group(raw: str) -> tuple[str, Group]:
            if raw.startswith("$lists."):
                name = raw[len("$lists.") :]
                return raw, tuple(intern(a) for a in self.list_names.get(name, ()) if Term.parse(a).text)
            return raw, (intern(raw),)

        for ri, rule in enumerate(self.rules):
            c = _Compiled(
                rule=rule,
                any=tuple(group(t) for t in rule.any),
                all=tuple(group(t) for t in rule.all),
                none=tuple(group(t) for t in rule.none),
                near=tuple((tuple(group(t) for t in n.terms), n.within) for n in rule.near),
                regex=tuple(compile_pattern(p) for p in rule.regex),
                where=tuple(parse_condition(w) for w in rule.where),
            )
            c = dataclasses.replace(
                c,
                any_ids=frozenset(t for _, g in c.any for t in g),
                all_sets=tuple(frozenset(g) for _, g in c.all),
                none_ids=frozenset(t for _, g in c.none for t in g),
                derived=any(cond.field in field_names(rule.extract) for cond in c.where),
            )
            self._compiled.append(c)
            # A rule can only fire when one of its `all` terms (or else one of its `any` terms, or the first term
            # of its first `near`) occurs: index it under those, so other items never look at it.
            trigger = c.all[:1] or c.any or (c.near[0][0][:1] if c.near else ())
            trigger_ids = {t for _, g in trigger for t in g}
            if trigger_ids:
                for t in trigger_ids:
                    self._by_term[t].append(ri)
            else:
                self._always.append(ri)
        self._automaton: Any = ahocorasick.Automaton()
        for text, ids in variants.items():
            # per id: (id, length, Latin left end, Latin right end), so the scan checks boundaries inline
            entry = tuple((i, len(text), self._terms[i].left_boundary, self._terms[i].right_boundary) for i in ids)
            self._automaton.add_word(text, entry)
        if variants:
            self._automaton.make_automaton()
        self._by_id = {c.rule.id: c for c in self._compiled}
        # per rule, the terms `_terms_fired` reports in order (all, any, near), and where each term id stands in it
        self._fired_order: list[tuple[tuple[str, Group], ...]] = []
        self._fired_pos: list[dict[int, tuple[int, ...]]] = []
        for c in self._compiled:
            order = (*c.all, *c.any, *(x for n, _ in c.near for x in n))
            pos: dict[int, list[int]] = defaultdict(list)
            for k, (_, g) in enumerate(order):
                for t in g:
                    if not pos[t] or pos[t][-1] != k:
                        pos[t].append(k)
            self._fired_order.append(order)
            self._fired_pos.append({t: tuple(ks) for t, ks in pos.items()})

    # --- scanning ------------------------------------------------------------------------------------
    def _scan(self, text: str, field_name: str, hits: Hits) -> None:
        """Every term occurrence in `text` (Latin ends on word boundaries, as `Term.fits` says)."""
        if not text or not self._terms:
            return
        n = len(text)
        word = _WORD_CHARS
        for end, entries in self._automaton.iter(text):
            stop = end + 1
            for tid, size, left, right in entries:
                start = stop - size
                if left and start > 0 and text[start - 1] in word:
                    continue
                if right and stop < n and text[stop] in word:
                    continue
                occ = hits.get(tid)
                if occ is None:
                    hits[tid] = [(field_name, start, stop)]
                else:
                    occ.append((field_name, start, stop))

    def _context(self, item: Item) -> _Context:
        doc = Document(item)
        title = fold(doc.title)
        doc.__dict__["folded_title"] = title
        texts = {"title": title, "summary": fold(doc.summary)}
        # extractors read the same folded text (lines a wire wrapped joined again): fold once per item
        doc.__dict__["folded_text"] = f"{texts['title']}\n{texts['summary']}" if item.summary else texts["title"]
        hits: Hits = {}
        for name, text in texts.items():
            self._scan(text, name, hits)
        return _Context(item, doc, texts, hits)

    # --- evaluation ----------------------------------------------------------------------------------
    @staticmethod
    def _hit(group: Group, hits: Hits) -> bool:
        return any(t in hits for t in group)

    def _near_ok(self, groups: tuple[tuple[str, Group], ...], within: int, ctx: _Context, scope: str) -> bool:
        cjk = all(has_cjk(raw) for raw, _ in groups)
        for field_name, text in ctx.texts.items():
            if scope != "any" and field_name != scope:
                continue
            occ = [[(s, e) for t in g for f, s, e in ctx.hits.get(t, ()) if f == field_name] for _, g in groups]
            if any(not o for o in occ):
                continue
            for s0, e0 in occ[0]:
                chosen = [(s0, e0)]
                for others in occ[1:]:
                    chosen.append(min(others, key=functools.partial(_distance, s0)))
                first_end = min(e for _, e in chosen)
                last_start = max(s for s, _ in chosen)
                gap = text[first_end:last_start] if last_start > first_end else ""
                distance = len(gap.strip()) if cjk else len(_WORD.findall(gap))
                if distance <= within:
                    return True
        return False

    def _check(self, c: _Compiled, ctx: _Context) -> tuple[str | None, list[dict[str, Any]]]:
        """None when the rule fires (with one fields dict per event found), else the first condition that failed."""
        rule = c.rule
        if rule.sources and not any(fnmatch.fnmatchcase(ctx.item.source, s) for s in rule.sources):
            return f"source `{ctx.item.source}` is not in sources {rule.sources}", []
        if rule.lang and ctx.lang not in rule.lang:
            return f"language `{ctx.lang}` is not in lang {rule.lang}", []
        hits = ctx.scoped(rule.in_)
        where = f" in {rule.in_}" if rule.in_ != "any" else ""
        keys = hits.keys()
        if c.any and c.any_ids.isdisjoint(keys):
            return f"none of `any` {[r for r, _ in c.any]} occurs{where}", []
        if c.all_sets and not all(not s.isdisjoint(keys) for s in c.all_sets):
            missing = [r for r, g in c.all if not self._hit(g, hits)]
            return f"`all` term(s) {missing} do not occur{where}", []
        if c.none and not c.none_ids.isdisjoint(keys):
            present = [r for r, g in c.none if self._hit(g, hits)]
            return f"`none` term(s) {present} occur{where}", []
        for groups, within in c.near:
            if not self._near_ok(groups, within, ctx, rule.in_):
                return f"`near` {[r for r, _ in groups]} not within {within}", []
        if c.regex:
            texts = [t for f, t in ctx.texts.items() if rule.in_ in ("any", f)]
            if not any(rx.search(t) for rx in c.regex for t in texts):
                return f"no `regex` {list(rule.regex)} matches{where}", []
        if not rule.extract:
            return None, [{}]
        known_extractors()  # the bundled extractors imported once, whichever thread gets here first
        extracted = ctx.doc.extract(rule.extract)
        if not extracted:  # the extractor says this is not the event (round-up, forecast, …)
            return f"extractor `{rule.extract}` does not recognise a {rule.extract} event", []
        events = [dict(e) for e in (extracted if isinstance(extracted, list) else [extracted])]
        if not c.where:
            return None, events
        # derived fields (rules/derived.py) beside the extracted ones; an extracted field of the same name wins
        views = [
            e | {k: v for k, v in derive(rule.extract, e).items() if k not in e} if c.derived else e for e in events
        ]
        kept = [
            e for e, v in zip(events, views, strict=True) if all(holds(cond, v, self.list_names) for cond in c.where)
        ]
        if not kept:
            failing = next(cond for cond in c.where if not holds(cond, views[0], self.list_names))
            return f"`where` {failing} is false (fields: {views[0]})", []
        return None, kept

    def _terms_fired(self, ri: int, ctx: _Context) -> tuple[str, ...]:
        """The rule's terms that occur, in the order the rule lists them (all, any, near); a list reference as
        the text found. Walks only the written terms that the item's hits stand for."""
        hits = ctx.scoped(self._compiled[ri].rule.in_)
        order, pos = self._fired_order[ri], self._fired_pos[ri]
        fired = sorted({k for tid in hits for k in pos.get(tid, ())})
        out: list[str] = []
        for k in fired:
            raw, g = order[k]
            for t in g:
                if t in hits:
                    f, s, e = hits[t][0]
                    out.append(raw if not raw.startswith("$lists.") else ctx.texts[f][s:e])
                    break
        return tuple(dict.fromkeys(out))

    def _spans(self, c: _Compiled, ctx: _Context) -> tuple[tuple[str, ...], tuple[Span, ...]]:
        hits = ctx.scoped(c.rule.in_)
        spans: list[Span] = []
        for raw, g in (*c.all, *c.any, *(x for n, _ in c.near for x in n)):
            for t in g:
                for f, s, e in hits.get(t, ()):
                    spans.append(Span(raw, f, s, e, ctx.texts[f][s:e]))
        terms = tuple(dict.fromkeys(s.term if not s.term.startswith("$lists.") else s.text for s in spans))
        spans.sort(key=lambda s: (s.field != "title", s.start))
        return terms, tuple(dict.fromkeys(spans))

    def match(self, item: Item, explain: bool = False) -> list[Match]:
        """Matches in rule order. `explain=True` also records every span that fired (for `match --explain`)."""
        ctx = self._context(item)
        candidates = set(self._always)
        for tid in ctx.hits:
            candidates.update(self._by_term.get(tid, ()))
        out: list[Match] = []
        for ri in sorted(candidates):
            c = self._compiled[ri]
            failed, events = self._check(c, ctx)
            if failed is None:
                terms, spans = self._spans(c, ctx) if explain else (self._terms_fired(ri, ctx), ())
                out.extend(Match(rule=c.rule, terms=terms, fields=fields, spans=spans) for fields in events)
        return out

    def rule(self, rule_id: str) -> Rule | None:
        c = self._by_id.get(rule_id)
        return c.rule if c else None

    def why_not(self, item: Item, rule_id: str) -> str | None:
        """None when the rule fires on the item, else the first condition that failed, in words."""
        c = self._by_id.get(rule_id)
        if c is None:
            return f"no enabled rule `{rule_id}`"
        return self._check(c, self._context(item))[0]
