"""One event, one alert: event keys per event type and near-duplicate text signatures. Pure, no I/O.

An event key names the event, not the article, by what every report of it states: the two parties of a deal
(the asset only when one party is named), the company (else the ticker) and the broker of a rating or target
call, the series and period of a print. An optional detail one outlet adds — the asset, the ticker, the action
word — never splits an event: a later report that adds the asset joins the first alert's thread. Names are
folded (width, script, case), stripped of corporate suffixes and, where the lexicons know the English name
(the alert's derived `licensee_en`, `broker_en` … or "大摩 (Morgan Stanley)"), keyed by it: 阿斯利康 and
AstraZeneca, 大摩 and Morgan Stanley agree. A broker's second call on one company within the dedupe window
replies in the first call's thread — unless the two disagree on what a report of the same event would repeat:
two different assets named for one pair of parties, or another target or rating from one broker on one company,
are two events (`distinct` gives the second its own key).

Articles without a key are compared as text, in two steps:

1. Lookup. A MinHash of the character 5-grams of the folded title and summary (`dedupe_minhash`: one
   BLAKE2b hash per shingle, 128 bins, no numpy) is cut into 32 bands of 4 bins; each band is a store key,
   so the store finds earlier reports sharing any band. Candidates come from a Jaccard similarity of about
   0.4 up (found with probability ≈ 0.87 at 0.5, > 0.99 at 0.7).
2. Confirmation: two reports are the same story when
   - the exact Jaccard similarity of their 5-gram sets is at least `SIMILAR` = 0.5, and
   - their entities do not conflict (`domain/entities.py`; found in text by `rules/entities.py`): each
     headline naming a ticker, a company, an amount or a period that the other report never mentions
     vetoes the merge. "Pfizer shares rise 3% after quarterly earnings beat estimates" and the same
     sentence about Merck (similarity 0.83) stay two stories; the same story from two outlets, one
     adding "shares rose 4%" or the ticker, still merges.
     Amounts agree within rounding (3% ~ 3.1%, $1.2bn ~ $1.17bn); periods by sort (Q3 vs Q2 conflict, Q3 vs
     2025 do not). Company names come from the bundled company and broker lexicons (English and Chinese),
     the rule's extracted fields, and capitalised words of English headlines outside a list of common and
     headline words; in a Title Case headline a word counts only when it opens the headline, is possessive,
     is an acronym or is capitalised mid-sentence in the summary too (so "Apple Shares Rise" vs "Microsoft
     Shares Rise" conflict, while a reworded Title Case headline of the same story does not).

The veto needs the alerts' entities: pass `entities=` (from `rules.entities.alert_entities`) to `signature`;
without them a signature confirms by similarity alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from domain.alert import Alert
from domain.entities import Entities, conflict
from domain.names import PART_MAX, identity_name, norm_code, norm_name
from domain.text import fold
from notifier.dedupe_minhash import MinHash

__all__ = [
    "BANDS",
    "KEYED_EVENTS",
    "NUM_PERM",
    "ROWS",
    "SHINGLE",
    "SIMILAR",
    "MinHash",
    "Signature",
    "alert_key",
    "band_keys",
    "comparable",
    "event_key",
    "norm_code",
    "norm_name",
    "normalised_text",
    "signature",
    "similarity",
]

KEYED_EVENTS = ("bd_deal", "price_target", "mortgage_print")
NUM_PERM = 128
BANDS, ROWS = 32, 4  # candidates from Jaccard ≈ 0.4 up (P ≈ 0.87 at 0.5, > 0.99 at 0.7)
SIMILAR = 0.5  # Jaccard over 5-grams at which two articles are the same story (if their entities agree)
SHINGLE = 5
_SEED = 20251125

_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)


def event_key(event: str | None, fields: Mapping[str, Any], derived: Mapping[str, Any] | None = None) -> str | None:
    """The key that names this event across outlets, or None when too little is known to name it."""
    english = derived or {}
    if event == "bd_deal":
        parties = sorted(
            p for role in ("licensor", "licensee") if (p := identity_name(fields.get(role), english.get(f"{role}_en")))
        )
        if len(parties) == 2:
            return "|".join(("bd_deal", *parties))
        asset = norm_code(fields.get("asset"))
        if not parties or not asset:
            return None
        return "|".join(("bd_deal", parties[0], asset))
    if event == "price_target":
        what = identity_name(fields.get("company"), english.get("company_en")) or norm_code(fields.get("ticker"))
        broker = identity_name(fields.get("broker"), english.get("broker_en"))
        if not what or not broker:
            return None
        return "|".join(("price_target", what, broker))
    if event == "mortgage_print":
        series = norm_name(fields.get("indicator"))
        period = str(fields.get("period") or "").strip()[:PART_MAX]
        if not series or not period:
            return None
        return "|".join(("mortgage_print", series, period))
    return None


def distinct(alert: Alert, owner: Alert) -> str | None:
    """When `alert` shares its event key with `owner` (the key's first report) but reports another event — the
    same parties' deal for another asset, the same broker's call on the same company with another target or
    rating — the part to add to the key; None when it may well be the same event (a detail missing is not a
    difference)."""
    if alert.event == "bd_deal":
        mine, theirs = norm_code(alert.fields.get("asset")), norm_code(owner.fields.get("asset"))
        return mine if mine and theirs and mine != theirs else None
    if alert.event == "price_target":
        a, b = alert.fields, owner.fields
        t1, t2 = _number(a.get("target")), _number(b.get("target"))
        l1 = alert.derived.get("rating_level") or norm_name(a.get("rating"))
        l2 = owner.derived.get("rating_level") or norm_name(b.get("rating"))
        other_target = t1 is not None and t2 is not None and abs(t1 - t2) > 0.01 * max(abs(t1), abs(t2))
        if other_target or (l1 and l2 and l1 != l2):
            return "|".join((f"{t1:g}" if t1 is not None else "", str(l1 or "")))
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        return float(value)
    except ValueError:
        return None


def alert_key(alert: Alert) -> str | None:
    return event_key(alert.event, alert.fields, alert.derived)


def comparable(alert: Alert) -> bool:
    """Which alerts are clustered by text: keyword matches, and theme events too thin to have a key."""
    return alert.event is None or alert.event in KEYED_EVENTS


def normalised_text(alert: Alert) -> str:
    """Title and summary, folded, with punctuation and runs of space reduced to one space."""
    text = fold(f"{alert.item.title}\n{alert.item.summary}")
    return " ".join(_NOT_WORD.sub(" ", text).split())


class Signature(MinHash):
    """A MinHash that may carry the entities of the alert it was made from (see `rules.entities.alert_entities`)."""

    __slots__ = ("entities",)

    def __init__(self, grams: frozenset[str], seed: int, entities: Entities | None = None):
        super().__init__(grams, seed)
        self.entities = entities


def signature(text: str, *, entities: Entities | None = None) -> Signature | None:
    """MinHash over character 5-grams; None for text too short to say anything."""
    if len(text) < SHINGLE * 4:
        return None
    grams = frozenset(text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1))
    return Signature(grams, _SEED, entities)


def band_keys(mh: MinHash) -> list[str]:
    """LSH bands as store keys: two signatures sharing any band are candidates."""
    return [f"sim2|{band}|{digest.hex()}" for band, digest in enumerate(mh.band_digests(BANDS, ROWS))]


def similarity(a: MinHash, b: MinHash) -> float:
    """Jaccard similarity of the two 5-gram sets; 0.0 when both carry entities and these conflict."""
    ea, eb = getattr(a, "entities", None), getattr(b, "entities", None)
    if ea is not None and eb is not None and conflict(ea, eb) is not None:
        return 0.0
    return a.jaccard(b)
