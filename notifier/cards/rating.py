"""`price_target`: one sentence in the call's own words ("Morgan Stanley upgrades Moderna to Overweight (from
Equal-weight); target $38 → $60 (+58%)"), then the broker and company as written with their English names, the
broker's rating words with the common five-level scale beside them, the target move and the upside."""

from __future__ import annotations

from typing import Any

from domain.alert import Alert
from domain.formats import pct_change, percent, price, short_percent
from notifier.blocks import assemble
from notifier.cards.common import Card, Facts, compose, console_text, fallback, present
from notifier.cards.values import name_field, name_inline, named, rating_inline, rating_move

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
LABEL = "Rating change"
ACTION_LABEL = {
    "initiate": "Initiation",
    "upgrade": "Upgrade",
    "downgrade": "Downgrade",
    "reiterate": "Reiterated",
    "raise_target": "Target raised",
    "cut_target": "Target cut",
}


def _target_move(alert: Alert) -> str:
    """`$38 → $60 (+58%)`, `$60 (unchanged)` when the broker kept it, or `$60` without an old target."""
    f = alert.fields
    currency = f.get("currency")
    if not present(f, "target"):
        return ""
    new = price(f["target"], currency)
    if not present(f, "old_target"):
        return new
    if f["old_target"] == f["target"]:
        return f"{new} (unchanged)"
    move = f"{price(f['old_target'], currency)} → {new}"
    change = pct_change(f["target"], f["old_target"])
    return move + (f" ({short_percent(change)})" if change is not None else "")


def _rating(alert: Alert, prefix: str = "") -> str:
    return rating_inline(alert.fields.get(f"{prefix}rating"), alert.derived.get(f"{prefix}rating_level"))


def _company(alert: Alert) -> str:
    f = alert.fields
    if present(f, "company"):
        return name_inline(*named(alert, "company"))
    return str(f.get("ticker") or "a stock")


def sentence(alert: Alert) -> str:
    """The headline: broker, verb, company, rating (from), target move."""
    f = alert.fields
    action = str(f.get("action") or "")
    broker = name_inline(*named(alert, "broker")) if present(f, "broker") else "A broker"
    company = _company(alert)
    rating = _rating(alert) if present(f, "rating") else ""
    was = _rating(alert, "old_") if present(f, "old_rating") else ""
    target = _target_move(alert)
    upside = f" ({short_percent(f['upside_pct'])} upside)" if present(f, "upside_pct") else ""
    if action in ("upgrade", "downgrade"):
        verb = "upgrades" if action == "upgrade" else "downgrades"
        text = f"{broker} {verb} {company}" + (f" to {rating}" if rating else "") + (f" (from {was})" if was else "")
        return text + (f"; target {target}" if target else "")
    if action == "initiate":
        text = f"{broker} initiates {company}" + (f" at {rating}" if rating else "")
        return text + (f"; target {target}{upside}" if target else "")
    if action in ("raise_target", "cut_target"):
        verb = "raises" if action == "raise_target" else "cuts"
        text = f"{broker} {verb} target on {company}" + (f": {target}" if target else "")
        return text + (f"; {rating}" if rating else "")
    if action == "reiterate":
        text = f"{broker} reiterates {rating or 'its rating'} on {company}"
        return text + (f"; target {target}" if target else "")
    text = f"{broker} on {company}" + (f": {rating}" if rating else "")
    return text + (f"; target {target}" if target else "")


def summary(alert: Alert) -> str:
    return sentence(alert)


def _upside(value: Any) -> str:
    return percent(value, signed=True) if value is not None else ""


def facts(alert: Alert) -> Facts:
    f = alert.fields
    words, scale = rating_move(alert)
    action = str(f.get("action") or "")
    pairs = [
        ("Broker", name_field(*named(alert, "broker")) if present(f, "broker") else ""),
        ("Company", name_field(*named(alert, "company")) if present(f, "company") else ""),
        ("Ticker", str(f.get("ticker") or "")),
        ("Call", ACTION_LABEL.get(action, action.replace("_", " ").capitalize())),
        ("Rating", f"{words} ({scale})" if words and scale else words),
        ("Target", _target_move(alert)),
        ("Upside", _upside(f.get("upside_pct")) if present(f, "upside_pct") else ""),
    ]
    return Facts(sentence(alert), LABEL, tuple(pairs), known=FIELDS, emphasis=("Target",))


def card(alert: Alert) -> Card:
    what = facts(alert)
    return Card(fallback(alert, what.headline), assemble(compose(alert, what)), console_text(alert, what))
