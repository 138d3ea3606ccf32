"""The entities two reports must agree on to be one story, and when they disagree. Pure data and comparison;
finding entities in text is `rules/entities.py`, using them to merge near-duplicates is `notifier/dedupe.py`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.text import fold

MONEY_TOLERANCE = 0.05  # relative: rounding in one outlet's copy ($1.17bn reported as $1.2bn)
PERCENT_TOLERANCE = 0.5  # points: 3.1% reported as 3%

_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True, slots=True)
class Amount:
    value: float
    unit: str  # "%", an ISO currency, or "?" for money without a stated currency

    def comparable(self, other: Amount) -> bool:
        """Both percentages, or both money in one currency (or one of them in an unstated currency)."""
        if (self.unit == "%") != (other.unit == "%"):
            return False
        return self.unit == other.unit or "?" in (self.unit, other.unit)

    def matches(self, other: Amount) -> bool:
        """The same figure, within rounding."""
        if not self.comparable(other):
            return False
        diff = abs(self.value - other.value)
        scale = max(abs(self.value), abs(other.value))
        if self.unit == "%":
            return diff <= max(PERCENT_TOLERANCE, MONEY_TOLERANCE * scale)
        return diff <= MONEY_TOLERANCE * scale


@dataclass(frozen=True, slots=True)
class Entities:
    """Headline entities (what the report is about) and everything the report mentions."""

    tickers: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    amounts: tuple[Amount, ...] = ()
    periods: frozenset[str] = frozenset()
    mentioned_tickers: frozenset[str] = frozenset()
    mentioned_names: frozenset[str] = frozenset()
    mentioned_amounts: tuple[Amount, ...] = ()
    mentioned_periods: frozenset[str] = frozenset()
    words: str = ""  # the whole text, normalised and space-padded: is a name mentioned at all?

    def mentions_name(self, name: str) -> bool:
        if name in self.mentioned_names:
            return True
        return name in self.words if _CJK.search(name) else f" {name} " in self.words  # CJK has no spaces

    def mentions_ticker(self, ticker: str) -> bool:
        return ticker in self.mentioned_tickers or f" {normalise(ticker)} " in self.words


def normalise(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", fold(text)).split())


def _unmatched_periods(mine: frozenset[str], theirs: Entities) -> dict[str, set[str]]:
    """Headline periods the other report never mentions, by sort (q, h, fy, y, m)."""
    out: dict[str, set[str]] = {}
    for p in mine - theirs.mentioned_periods:
        out.setdefault(p.rstrip("0123456789"), set()).add(p)
    return out


def conflict(a: Entities, b: Entities) -> str | None:
    """Why two reports cannot be one story (each headline has an entity the other never mentions), or None."""
    a_t = {t for t in a.tickers if not b.mentions_ticker(t)}
    b_t = {t for t in b.tickers if not a.mentions_ticker(t)}
    if a_t and b_t:
        return f"tickers {', '.join(sorted(a_t))} / {', '.join(sorted(b_t))}"
    a_n = {n for n in a.names if not b.mentions_name(n)}
    b_n = {n for n in b.names if not a.mentions_name(n)}
    if a_n and b_n:
        return f"names {', '.join(sorted(a_n))} / {', '.join(sorted(b_n))}"
    a_m = [x for x in a.amounts if not any(x.matches(y) for y in b.mentioned_amounts)]
    b_m = [y for y in b.amounts if not any(y.matches(x) for x in a.mentioned_amounts)]
    for x in a_m:
        for y in b_m:
            if x.comparable(y):
                return f"amounts {_show(x)} / {_show(y)}"
    a_p, b_p = _unmatched_periods(a.periods, b), _unmatched_periods(b.periods, a)
    for sort in sorted(a_p.keys() & b_p.keys()):
        return f"periods {', '.join(sorted(a_p[sort]))} / {', '.join(sorted(b_p[sort]))}"
    return None


def _show(x: Amount) -> str:
    return f"{x.value:g}%" if x.unit == "%" else f"{x.value:g} {x.unit}"
