"""`mortgage_print` reported in the news: value, prior and change (percentage points for rates); further
fields as given. (A print read from a data feed has its own card: notifier/cards/series_print.py.)"""

from __future__ import annotations

from domain.alert import Alert
from domain.formats import amount, amount_change
from domain.kinds import MORTGAGE_PRINT
from notifier.blocks import assemble, esc, field_section, section
from notifier.cards.common import Card, extras_block, fallback, history_block, meta_block, present, title_block
from notifier.cards.news import news_console

FIELDS = ("indicator", "value", "unit", "period", "prior", "currency", "benchmark")


def summary(alert: Alert) -> str:
    f = alert.fields
    unit = f.get("unit")
    facts = [str(f.get("indicator") or ""), str(f.get("period") or "")]
    if present(f, "value"):
        facts.append(amount(f["value"], unit))
    if present(f, "prior"):
        facts.append("prior " + amount(f["prior"], unit))
    return "Print: " + " · ".join(x for x in facts if x)


def card(alert: Alert) -> Card:
    f = alert.fields
    unit = f.get("unit")
    top = ":house: *" + esc(f.get("indicator") or "Print") + "*"
    if present(f, "period"):
        top += f" · {esc(f['period'])}"
    pairs = []
    if present(f, "value"):
        pairs.append(("Value", f"*{esc(amount(f['value'], unit))}*"))
    if present(f, "prior"):
        pairs.append(("Prior", esc(amount(f["prior"], unit))))
    both = present(f, "value") and present(f, "prior")
    if both and (change := amount_change(f.get("value"), f.get("prior"), unit)):
        pairs.append(("Change", esc(change)))
    blocks = assemble(
        [
            title_block(alert),
            section(top),
            field_section(pairs),
            history_block(alert),
            extras_block(alert, FIELDS),
            meta_block(alert, f"`{MORTGAGE_PRINT}`"),
        ]
    )
    line = summary(alert)
    return Card(fallback(alert, line), blocks, news_console(alert, line))
