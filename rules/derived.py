"""Derived fields: what readers and rule authors ask of an event that its extractor does not state outright —
the deal in US dollars, the target move in %, a print's change in basis points, the rating on the common scale,
the English name of a party written in Chinese. Pure, and the one place they are computed: `where:` tests them
(rules/engine.py), the alert carries them (`Alert.derived`, rules/alerts.py) for its card and its event key.

Each derived field is present only when what it comes from is known: no FX rate, no `upfront_usd`; no prior,
no `change`. Extractor fields keep their names and values; a derived field never overwrites one.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import yaml

from domain.formats import as_number, pct_change, significant, unit_amount
from domain.fx import to_usd
from domain.names import norm_name, split_written
from rules.extract.pt_words import SCALE, rating_level
from rules.lexicon import LEXICON_DIR, load

# The derived fields each extractor's events carry (a contract, like rules/extract FIELD_NAMES: documented in
# docs/rule-authors-guide.md, usable in `where:`).
DERIVED_FIELDS: dict[str, tuple[str, ...]] = {
    "bd_deal": ("upfront_usd", "total_usd", "licensor_en", "licensee_en"),
    "price_target": (
        "target_change_pct",
        "rating_level",
        "old_rating_level",
        "rating_rank",
        "old_rating_rank",
        "broker_en",
        "company_en",
    ),
    "mortgage_print": ("change", "change_bp", "change_pct", "value_usd", "indicator_name", "unit_label"),
}
RATE_UNITS = frozenset({"percent", "%"})  # a rate: its changes are in percentage points, shown in bp
CHANGE_UNITS = frozenset({"pct_change"})  # the figure is itself a % change: no % change of a % change


def derive(extractor: str | None, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The derived fields of one event reported by `extractor` (empty for a rule without one)."""
    if extractor == "bd_deal":
        return _deal(fields)
    if extractor == "price_target":
        return _rating(fields)
    if extractor == "mortgage_print":
        return _print(fields)
    return {}


def field_names(extractor: str | None) -> tuple[str, ...]:
    return DERIVED_FIELDS.get(extractor or "", ())


def _put(out: dict[str, Any], name: str, value: Any) -> None:
    if value is not None and value != "":
        out[name] = value


def _deal(f: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    currency = f.get("currency") or "USD"
    for name in ("upfront", "total"):
        usd = to_usd(f.get(name), currency)
        _put(out, f"{name}_usd", None if usd is None else round(usd, 2))
    for role in ("licensor", "licensee"):
        _put(out, f"{role}_en", english_name(f.get(role), "pharma_companies"))
    return out


def rank(level: str | None) -> int | None:
    """5 for `buy` … 1 for `sell`: `rating_rank >= 4` is buy or outperform."""
    return len(SCALE) - SCALE.index(level) if level in SCALE else None


def _rating(f: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    change = pct_change(f.get("target"), f.get("old_target"))
    _put(out, "target_change_pct", None if change is None else round(change, 2))
    for prefix in ("", "old_"):
        word = f.get(f"{prefix}rating")
        level = rating_level(str(word)) if isinstance(word, str) else None
        _put(out, f"{prefix}rating_level", level)
        _put(out, f"{prefix}rating_rank", rank(level))
    _put(out, "broker_en", english_name(f.get("broker"), "brokers"))
    _put(out, "company_en", english_name(f.get("company"), "pharma_companies"))
    return out


def _print(f: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    unit = str(f.get("unit") or "")
    value, prior = as_number(f.get("value")), as_number(f.get("prior"))
    if value is not None and prior is not None:
        change = significant(value - prior)
        out["change"] = change
        if unit in RATE_UNITS and change is not None:
            out["change_bp"] = round(change * 100, 2)
        if unit not in CHANGE_UNITS and (rel := pct_change(value, prior)) is not None:
            out["change_pct"] = round(rel, 2)
    if unit not in RATE_UNITS | CHANGE_UNITS | {"count"} and value is not None:
        money_unit = unit_amount(unit, f.get("currency"))  # 1.28 兆元 → 1.28e12 CNY
        usd = to_usd(value * money_unit[0], money_unit[1]) if money_unit else None
        _put(out, "value_usd", None if usd is None else round(usd, 2))
    known = indicators().get(str(f.get("indicator") or ""))
    if known is not None:
        out["indicator_name"] = known[0]
        out["unit_label"] = known[1] if known[1] != "money" else unit
    return out


# --- names and vocabularies from the lexicons ------------------------------------------------------------------


@cache
def _names(lexicon: str) -> dict[str, str]:
    """Every alias, folded as event keys fold names, → its canonical English name."""
    out: dict[str, str] = {}
    for canonical, aliases in load(lexicon).entries.items():
        for alias in (canonical, *aliases):
            out.setdefault(norm_name(alias), canonical)
    out.pop("", None)
    return out


def english_name(value: Any, lexicon: str) -> str | None:
    """The English (canonical) name of a company or broker: the one given in "as written (canonical)", else the
    lexicon's for the name as written (恒瑞医药 → Jiangsu Hengrui), else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    written, canonical = split_written(value)
    return canonical or _names(lexicon).get(norm_name(written))


@cache
def indicators() -> dict[str, tuple[str, str]]:
    """mortgage_print indicator id → (name as people call it, unit: `%`, `% w/w`, `count` or `money`)."""
    raw = yaml.safe_load((LEXICON_DIR / "indicators.yaml").read_text(encoding="utf-8")) or {}
    return {str(k): (str(v["name"]), str(v.get("unit") or "")) for k, v in (raw.get("indicators") or {}).items()}
