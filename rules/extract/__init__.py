"""Extractors: recognise an event in an item and pull out the facts a reader needs first.

Each extractor is a pure function `Document -> dict | None`, registered by name so YAML rules can say
`extract: bd_deal`. `None` means "this is not that event" (a round-up, a forecast, an index target…),
which makes the rule not fire; a dict (possibly with few fields) means it is, with those fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from domain.item import Item
from rules.normalize import fold

# a line of 20 characters or more broken between two Chinese characters (a heading is shorter, a paragraph ends
# with punctuation or a blank line)
_CJK_WRAP = re.compile(r"(?m)^([^\n]{19,}[\u4e00-\u9fff“”（(])[ \t]*\r?\n[ \t]*(?=[\u4e00-\u9fff“”）)])")
_LATIN_WRAP = re.compile(r"(?m)^([^\n]{40,}[A-Za-z0-9,])\n(?=[a-z0-9(])")  # "… for Alibaba\n(09988) to HKD212.7"

if TYPE_CHECKING:
    from rules.extract.numbers import Money

Fields = dict[str, Any]
# One event (a dict), several events of the same type in one article (a list), or not the event (None).
Extracted = Fields | list[Fields] | None
Extractor = Callable[["Document"], Extracted]

EXTRACTORS: dict[str, Extractor] = {}

# The field names each bundled extractor may fill (a contract: `wirewatch match` emits them as `fields`).
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "bd_deal": ("licensor", "licensee", "asset", "deal_type", "upfront", "total", "currency"),
    "price_target": (
        "broker",
        "company",
        "ticker",
        "rating",
        "old_rating",
        "target",
        "old_target",
        "currency",
        "upside_pct",
        "action",
    ),
    # amounts in the unit the source states (value 1.28, unit 万亿元, currency CNY); `benchmark: mortgage` on the
    # 5-year LPR, the mortgage reference rate
    "mortgage_print": ("indicator", "value", "unit", "period", "prior", "currency", "benchmark"),
}


def register(name: str) -> Callable[[Extractor], Extractor]:
    def deco(fn: Extractor) -> Extractor:
        EXTRACTORS[name] = fn
        return fn

    return deco


@dataclass
class Document:
    """One item as extractors see it: original text for values, folded text for finding them.

    Built once per item; results of each extractor are memoised so several rules sharing one extractor
    pay for it once.
    """

    item: Item
    _results: dict[str, Extracted] = field(default_factory=dict, repr=False)

    @cached_property
    def title(self) -> str:
        """The headline on one line: a wire that wraps it ("… for Alibaba\n(09988) to HKD212.7") breaks no clause
        (same length: offsets into `text` hold)."""
        t = self.item.title
        return t.replace("\n", " ") if "\n" in t else t

    @cached_property
    def summary(self) -> str:
        """The lead, with the hard line breaks of text copied out of a PDF filing taken out where they split a
        Chinese word (中\n美华东 is 中美华东): Chinese has no spaces, so such a break is never a word boundary; a
        wire's wrapped English line mid-sentence is a space."""
        s = self.item.summary
        return _LATIN_WRAP.sub(r"\1 ", _CJK_WRAP.sub(r"\1", s)) if "\n" in s else s

    @cached_property
    def text(self) -> str:
        """Title and summary as one text (title first: it states the event)."""
        return f"{self.title}\n{self.summary}" if self.item.summary else self.title

    @cached_property
    def folded_title(self) -> str:
        return fold(self.title)

    @cached_property
    def folded_text(self) -> str:
        return fold(self.text)

    @cached_property
    def amounts(self) -> list[Money]:
        """Every amount in `text`, scanned once per item and shared by all extractors (offsets into `text`)."""
        from rules.extract.numbers import find_amounts

        return find_amounts(self.text)

    @cached_property
    def percents(self) -> list[tuple[float, int, int]]:
        """Every percentage in `text` as (value, start, end), scanned once per item."""
        from rules.extract.numbers import find_percents

        return find_percents(self.text)

    def extract(self, name: str) -> Extracted:
        if name not in self._results:
            self._results[name] = get_extractor(name)(self)
        return self._results[name]


def get_extractor(name: str) -> Extractor:
    _load_builtin()
    try:
        return EXTRACTORS[name]
    except KeyError:
        raise KeyError(f"unknown extractor `{name}`") from None


def extractor_names() -> list[str]:
    _load_builtin()
    return sorted(EXTRACTORS)


_loaded = False


def _load_builtin() -> None:
    """Import the bundled extractors on first use (they register themselves)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    import importlib

    for module in ("bd_deal", "price_target", "mortgage_print"):
        importlib.import_module(f"rules.extract.{module}")
