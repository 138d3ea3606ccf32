"""A print read from a data feed (`type: series`): one sentence ("US 30-year fixed mortgage rate 6.06% (−3 bp) for
2026-01-22, lowest since 2024-03"), then prior, same period last year and the change (basis points for rates,
the configured unit otherwise, with a USD equivalent for money such as 亿元), the rules that fired and why, a
sparkline on the console, and a chart of the recent history where the target can show one (Slack, in the
alert's thread). A revision of a known period has its own sentence ("… for 2025-11 revised: 6.10% → 6.12%").

Everything is read defensively from `alert.fields`: alerts are stored records, and an old or odd one must
still render rather than stop the outbox.
"""

from __future__ import annotations

import math
from typing import Any

from domain.alert import Alert
from domain.formats import bp, is_number, number, with_unit
from notifier.blocks import Block, assemble, context, esc, section
from notifier.cards.common import Card, Chart, Facts, compose, console_text, fallback
from notifier.cards.values import unit_usd

FIELDS = (
    "indicator",
    "series",
    "value",
    "unit",
    "period",
    "prior",
    "prior_period",
    "change",
    "same_period_last_year",
    "year_ago_period",
    "change_year",
    "record",
    "fired",
    "link",
    "history",
)
REVISION_FIELDS = ("indicator", "series", "period", "value", "previous", "revision", "unit", "link")
LABEL = "Data print"
REVISION_LABEL = "Revision"
SPARK = "▁▂▃▄▅▆▇█"
SPARK_POINTS = 26


def history_of(alert: Alert) -> tuple[list[str], list[float]]:
    """The recent (period, value) pairs the print carries; pairs that are not a date and a number are skipped."""
    h = alert.fields.get("history")
    if not isinstance(h, dict):
        return [], []
    periods, values = h.get("periods"), h.get("values")
    if not isinstance(periods, list) or not isinstance(values, list):
        return [], []
    pairs = [
        (str(p), float(v))
        for p, v in zip(periods, values, strict=False)
        if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
    ]
    return [p for p, _ in pairs], [v for _, v in pairs]


def sparkline(values: list[float], width: int = SPARK_POINTS) -> str:
    """▁▂▃▅▇ for the last `width` values, scaled between their own low and high."""
    tail = values[-width:]
    if not tail:
        return ""
    lo, hi = min(tail), max(tail)
    if hi == lo:
        return SPARK[3] * len(tail)
    top = len(SPARK) - 1
    return "".join(SPARK[min(top, int((v - lo) / (hi - lo) * top + 0.5))] for v in tail)


def _unit(alert: Alert) -> str:
    return str(alert.fields.get("unit") or "")


def _show(x: Any, unit: str = "") -> str:
    return with_unit(x, unit) if is_number(x) else str(x)


def _value(x: Any, unit: str) -> str:
    """`4,417亿元 (≈ $61.7bn)`, `6.06%`."""
    text = _show(x, unit)
    usd = unit_usd(x, unit) if is_number(x) else None
    return f"{text} ({usd})" if usd else text


def change(x: Any, unit: str) -> str:
    """A signed change: basis points for a rate in %, else the number in the series' unit."""
    if not is_number(x):
        return str(x)
    if unit == "%":
        return bp(x) if abs(x) < 10 else ("+" if x > 0 else "−" if x < 0 else "±") + number(abs(x)) + " pp"
    sign = "+" if x > 0 else "−" if x < 0 else "±"
    return sign + with_unit(abs(x), unit)


def name(alert: Alert) -> str:
    return str(alert.fields.get("indicator") or alert.fields.get("series") or "Series")


def _revision(alert: Alert) -> bool:
    f = alert.fields
    return alert.kind == "series_revision" or (f.get("previous") is not None and f.get("revision") is not None)


def sentence(alert: Alert) -> str:
    f, unit = alert.fields, _unit(alert)
    if _revision(alert):
        text = f"{name(alert)} for {f.get('period', '?')} revised: {_show(f.get('previous'), unit)} → "
        text += _show(f.get("value"), unit)
        return text + (f" ({change(f['revision'], unit)})" if f.get("revision") is not None else "")
    text = f"{name(alert)} {_show(f.get('value'), unit)}"
    if f.get("change") is not None:
        text += f" ({change(f['change'], unit)})"
    if f.get("period"):
        text += f" for {f['period']}"
    if f.get("record"):
        text += f", {f['record']}"
    return text


def pairs(alert: Alert) -> list[tuple[str, str]]:
    """Value (with a USD equivalent for money), prior, change, same period last year — each only when known."""
    f, unit = alert.fields, _unit(alert)
    out = [("Value", _value(f.get("value"), unit) if f.get("value") is not None else "")]
    if _revision(alert):
        out += [("Was", _show(f.get("previous"), unit)), ("Period", str(f.get("period") or ""))]
        return out
    if f.get("prior") is not None:
        out.append(("Prior", _show(f["prior"], unit) + (f" ({f['prior_period']})" if f.get("prior_period") else "")))
    if f.get("change") is not None:
        out.append(("Change", change(f["change"], unit)))
    if f.get("same_period_last_year") is not None:
        year = _show(f["same_period_last_year"], unit)
        if f.get("year_ago_period"):
            year += f" ({f['year_ago_period']})"
        if f.get("change_year") is not None:
            year += f", {change(f['change_year'], unit)}"
        out.append(("Same period last year", year))
    return out


def fired(alert: Alert) -> list[str]:
    raw = alert.fields.get("fired")
    return [str(x) for x in raw] if isinstance(raw, list) else list(alert.rules)


def spark_line(alert: Alert) -> str:
    _, values = history_of(alert)
    tail = values[-SPARK_POINTS:]
    if len(tail) < 2:
        return ""
    return f"{sparkline(tail)}  last {len(tail)} prints, {_show(min(tail))} to {_show(max(tail))}"


def summary(alert: Alert) -> str:
    return sentence(alert)


def chart(alert: Alert) -> Chart | None:
    periods, values = history_of(alert)
    if len(values) < 2:
        return None
    f = alert.fields
    return Chart(
        series=str(f.get("series") or "series"),
        name=str(f.get("indicator") or ""),
        unit=str(f.get("unit") or ""),
        period=str(f.get("period") or ""),
        periods=tuple(periods),
        values=tuple(values),
    )


def facts(alert: Alert) -> Facts:
    return Facts(
        sentence(alert),
        REVISION_LABEL if _revision(alert) else LABEL,
        tuple(pairs(alert)),
        known=FIELDS + REVISION_FIELDS,
        emphasis=("Value",),
        article=False,
    )


def blocks(alert: Alert) -> list[Block]:
    more: list[Block | None] = []
    if rules := fired(alert):
        more.append(section("*Fired*\n" + "\n".join(f"• {esc(r)}" for r in rules)))
    if spark := spark_line(alert):
        more.append(context([esc(spark)]))
    return assemble(compose(alert, facts(alert), *more))


def console(alert: Alert) -> str:
    more = [f"fired: {r}" for r in fired(alert)]
    if spark := spark_line(alert):
        more.append(spark)
    return console_text(alert, facts(alert), more)


def text(alert: Alert) -> str:
    return fallback(alert, sentence(alert), article=False)


def card(alert: Alert) -> Card:
    return Card(text(alert), blocks(alert), console(alert), chart(alert))
