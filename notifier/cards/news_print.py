"""`mortgage_print` reported in the news: one sentence ("US 30-year mortgage rate 6.06% (−3 bp) for 2026-01-22,
lowest since 2024-03 in our records"), then value, prior and change — basis points for rates, the source's own
units for money (1.28萬億元 ≈ $179bn) — under the series' human name, never its internal id. (A print read from a
data feed has its own card: notifier/cards/series_print.py.)"""

from __future__ import annotations

import re
from typing import Any

from domain.alert import Alert
from domain.formats import as_number, bp, label, money, number, pct_change, percent, short_percent, unit_amount
from domain.fx import to_usd
from notifier.blocks import assemble
from notifier.cards.common import Card, Facts, compose, console_text, fallback, present
from notifier.cards.values import Script, amount, script_of

FIELDS = ("indicator", "value", "unit", "period", "prior", "currency", "benchmark")
LABEL = "Print"
RATE_UNITS = ("percent", "%")
_CJK_UNIT = re.compile("[\u3400-\u9fff]")  # 亿元, 萬億元: written against the number
CHANGE_UNITS = ("pct_change", "% w/w")
RECORD_WORDS = ("highest", "lowest", "record")


def name(alert: Alert) -> str:
    """The series as people call it: the derived name, else the id made readable."""
    return str(alert.derived.get("indicator_name") or label(alert.fields.get("indicator") or "Print"))


def _unit(alert: Alert) -> str:
    return str(alert.fields.get("unit") or "")


def value_text(alert: Alert, value: Any, script: Script, usd: bool = True) -> str:
    """A figure by what its unit means: `6.06%`, `+14.1% w/w`, `1.28萬億元 (≈ $179bn)`, `12,300`."""
    unit = _unit(alert)
    n = as_number(value)
    if n is None:
        return f"{value} {unit}".strip()
    if unit in RATE_UNITS:
        return f"{n:.2f}".rstrip("0").rstrip(".") + "%"
    if unit in CHANGE_UNITS:
        return percent(n, signed=True) + " w/w"
    if unit in ("count", ""):
        return number(n)
    if len(unit) == 3 and unit.isalpha() and unit.isupper():
        return amount(n, unit, script, usd)
    figure = ("−" if n < 0 else "") + number(abs(n))
    text = f"{figure}{unit}" if _CJK_UNIT.match(unit) else f"{figure} {unit}"
    money_unit = unit_amount(unit, alert.fields.get("currency"))
    if usd and money_unit is not None and money_unit[1] != "USD":
        equivalent = to_usd(n * money_unit[0], money_unit[1])
        text += f" (≈ {money(equivalent, 'USD')})" if equivalent is not None else ""
    return text


def change_text(alert: Alert, script: Script) -> str:
    """The move from the prior figure: `−3 bp` for rates, `−1.2 pp` for weekly % changes, else the amount and %."""
    f = alert.fields
    value, prior = as_number(f.get("value")), as_number(f.get("prior"))
    if value is None or prior is None:
        return ""
    unit = _unit(alert)
    diff = value - prior
    if unit in RATE_UNITS:
        return bp(diff)
    if unit in CHANGE_UNITS:
        pp = f"{abs(diff):.1f}".rstrip("0").rstrip(".")
        return ("+" if diff > 0 else "−" if diff < 0 else "±") + pp + " pp"
    moved = ("+" if diff > 0 else "" if diff < 0 else "±") + value_text(alert, diff, script, usd=False)
    rel = pct_change(value, prior)
    return moved + (f" ({short_percent(rel)})" if rel is not None else "")


def record_line(alert: Alert) -> str:
    return next((c for c in alert.context if any(w in c for w in RECORD_WORDS)), "")


def sentence(alert: Alert, script: Script | None = None) -> str:
    f = alert.fields
    script = script or script_of(alert)
    text = name(alert)
    if present(f, "value"):
        text += " " + value_text(alert, f["value"], script)
    unit = _unit(alert)
    if present(f, "prior") and (move := change_text(alert, script)):
        if unit in RATE_UNITS:
            text += f" ({move})"
        else:
            text += f", prior {value_text(alert, f['prior'], script, usd=False)}"
    if present(f, "period"):
        text += f" for {f['period']}"
    if record := record_line(alert):
        text += f", {record}"
    return text


def summary(alert: Alert) -> str:
    return sentence(alert)


def facts(alert: Alert) -> Facts:
    f = alert.fields
    script = script_of(alert)
    pairs = [
        ("Series", name(alert)),
        ("Period", str(f.get("period") or "")),
        ("Value", value_text(alert, f["value"], script) if present(f, "value") else ""),
        ("Prior", value_text(alert, f["prior"], script) if present(f, "prior") else ""),
        ("Change", change_text(alert, script)),
    ]
    return Facts(sentence(alert, script), LABEL, tuple(pairs), known=FIELDS, emphasis=("Value",))


def card(alert: Alert) -> Card:
    what = facts(alert)
    return Card(fallback(alert, what.headline), assemble(compose(alert, what)), console_text(alert, what))
