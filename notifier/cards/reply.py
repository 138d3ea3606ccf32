"""A later report of an event already posted, as a reply in the first alert's thread: who else reports it, what
it adds (facts the first report lacked) and what it says otherwise (another target, another amount) — other
spellings of the same names are not news."""

from __future__ import annotations

from typing import Any

from domain.alert import Alert
from domain.formats import as_number, label, money, percent, plain, price
from domain.text import fold
from notifier.blocks import TEXT_CHARS, assemble, esc, escape_within, linked, safe_link, section
from notifier.cards.common import MAX_EXTRA, Card, headline, meta_block, present
from notifier.cards.values import name_field

NAMES = ("licensor", "licensee", "company", "broker")
MONEY = ("upfront", "total")
PRICES = ("target", "old_target")
LABELS = {"deal_type": "Deal type", "old_target": "Old target", "old_rating": "Old rating", "upside_pct": "Upside"}
COMPARED = ("upfront", "total", "target", "rating", "value", "prior", "deal_type", "action")
SKIP = ("currency", "unit", "history", "fired", "link", "series")


def _text(alert: Alert, key: str) -> str:
    f = alert.fields
    value = f.get(key)
    if key in NAMES:
        return name_field(value, alert.derived.get(f"{key}_en"))
    if key in MONEY:
        return money(value, f.get("currency"))
    if key in PRICES:
        return price(value, f.get("currency"))
    if key == "upside_pct":
        return percent(value, signed=True)
    return plain(value)


def _label(key: str) -> str:
    return LABELS.get(key, label(key).capitalize())


def _differs(a: Any, b: Any) -> bool:
    x, y = as_number(a), as_number(b)
    if x is not None and y is not None:
        return abs(x - y) > 0.01 * max(abs(x), abs(y))
    return fold(str(a)).strip() != fold(str(b)).strip()


def new_facts(alert: Alert, parent: Alert | None) -> tuple[list[str], list[str]]:
    """(what the later report adds, what it says otherwise), as plain `Label: value` texts."""
    if parent is None:
        return [], []
    adds, otherwise = [], []
    for key, value in alert.fields.items():
        if key in SKIP or value in (None, "", []) or isinstance(value, dict):
            continue
        if not present(parent.fields, key):
            adds.append(f"{_label(key)}: {_text(alert, key)}")
        elif key in COMPARED and _differs(value, parent.fields[key]):
            otherwise.append(f"{_label(key)}: {_text(alert, key)} (first report: {_text(parent, key)})")
    return adds[:MAX_EXTRA], otherwise[:MAX_EXTRA]


def card(alert: Alert, parent: Alert | None) -> Card:
    story = linked(headline(alert), alert.item.link)
    lines = [f":heavy_plus_sign: Also reported by *{esc(alert.item.source)}*: {story}"]
    adds, otherwise = new_facts(alert, parent)
    if adds:
        lines.append("Adds " + " · ".join(esc(a) for a in adds))
    if otherwise:
        lines.append("Says otherwise: " + " · ".join(esc(o) for o in otherwise))
    blocks = assemble([section("\n".join(lines)), meta_block(alert, "Later report")])
    text = escape_within(f"also reported by {alert.item.source}: {headline(alert)}", TEXT_CHARS)
    link = f" ({safe_link(alert.item.link)})" if safe_link(alert.item.link) else ""
    console = "\n".join(
        [f"  ↳ also reported by {alert.item.source}: {headline(alert)}{link}"]
        + [f"    adds {a}" for a in adds]
        + [f"    says otherwise: {o}" for o in otherwise]
    )
    return Card(text, blocks, console)
