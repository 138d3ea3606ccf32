"""`price_target`: broker, company and ticker, rating old → new, target old → new with % change, upside."""

from __future__ import annotations

from typing import Any

from domain.alert import Alert
from domain.formats import label, pct_change, percent, price
from domain.kinds import PRICE_TARGET
from notifier.blocks import assemble, esc, field_section, section
from notifier.cards.common import Card, extras_block, fallback, history_block, meta_block, present, title_block
from notifier.cards.news import news_console

FIELDS = (
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
)
ACTION_LABEL = {
    "initiate": ("Initiation", ":new:"),
    "upgrade": ("Upgrade", ":arrow_up:"),
    "downgrade": ("Downgrade", ":arrow_down:"),
    "reiterate": ("Reiterated", ":repeat:"),
    "raise_target": ("Target raised", ":chart_with_upwards_trend:"),
    "cut_target": ("Target cut", ":chart_with_downwards_trend:"),
}


def _action(alert: Alert) -> tuple[str, str]:
    action = str(alert.fields.get("action") or "")
    return ACTION_LABEL.get(action, (label(action).capitalize() or "Rating / target", ":mag:"))


def _ticker(value: Any) -> str:
    return f"(`{esc(value)}`)" if value else ""


def summary(alert: Alert) -> str:
    f = alert.fields
    currency = f.get("currency")
    facts = [_action(alert)[0], str(f.get("broker") or ""), str(f.get("company") or ""), str(f.get("ticker") or "")]
    if present(f, "rating"):
        was = f"{f['old_rating']} → " if present(f, "old_rating") else ""
        facts.append(f"rating {was}{f['rating']}")
    if present(f, "target"):
        old = f"{price(f['old_target'], currency)} → " if present(f, "old_target") else ""
        facts.append(f"target {old}{price(f['target'], currency)}")
    return " · ".join(x for x in facts if x)


def card(alert: Alert) -> Card:
    f = alert.fields
    name, emoji = _action(alert)
    who = [f"*{esc(f['broker'])}*"] if present(f, "broker") else []
    subject = " ".join(
        x for x in (f"*{esc(f['company'])}*" if present(f, "company") else "", _ticker(f.get("ticker"))) if x
    )
    line = f"{emoji} *{esc(name)}*" + (
        " · " + " on ".join([*who, subject] if subject else who) if who or subject else ""
    )
    currency = f.get("currency")
    pairs = []
    if present(f, "rating") or present(f, "old_rating"):
        old, new = f.get("old_rating"), f.get("rating")
        text = f"{esc(old)} → *{esc(new)}*" if old and new and old != new else f"*{esc(new or old)}*"
        pairs.append(("Rating", text))
    if present(f, "target"):
        text = f"*{esc(price(f['target'], currency))}*"
        if present(f, "old_target"):
            change = pct_change(f["target"], f["old_target"])
            text = f"{esc(price(f['old_target'], currency))} → {text}"
            if change is not None:
                text += f" ({percent(change, signed=True)})"
        pairs.append(("Target", text))
    if present(f, "upside_pct"):
        pairs.append(("Upside", esc(percent(f["upside_pct"], signed=True))))
    blocks = assemble(
        [
            title_block(alert),
            section(line),
            field_section(pairs),
            history_block(alert),
            extras_block(alert, FIELDS),
            meta_block(alert, f"`{PRICE_TARGET}`"),
        ]
    )
    one_line = summary(alert)
    return Card(fallback(alert, one_line), blocks, news_console(alert, one_line))
