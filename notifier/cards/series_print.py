"""A print read from a data feed (`type: series`): latest, prior and change (basis points for rates), same period
last year, record, the rules that fired, a sparkline on the console, and a chart of the recent history where
the target can show one (Slack, in the alert's thread).

Everything is read defensively from `alert.fields`: alerts are stored records, and an old or odd one must
still render rather than stop the outbox.
"""

from __future__ import annotations

import math
from typing import Any

from domain.alert import Alert
from domain.formats import change_text, is_number, number, with_unit
from notifier.blocks import SEVERITY_EMOJI, Block, assemble, context, esc, escape_within, linked, section
from notifier.cards.common import Card, Chart, frame

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


def _show(x: Any) -> str:
    return number(float(x)) if is_number(x) else str(x)


def context_lines(alert: Alert) -> list[str]:
    """Latest, prior and change, same period last year, record — each only when known."""
    f, unit = alert.fields, str(alert.fields.get("unit") or "")
    lines = [f"latest {with_unit(f.get('value'), unit)} ({f.get('period', '?')})"]
    if f.get("prior") is not None:
        prior = f"prior {with_unit(f['prior'], unit)}"
        if f.get("prior_period"):
            prior += f" ({f['prior_period']})"
        if f.get("change") is not None:
            prior += f", change {change_text(f['change'], unit)}"
        lines.append(prior)
    if f.get("same_period_last_year") is not None:
        line = f"same period last year {with_unit(f['same_period_last_year'], unit)}"
        if f.get("year_ago_period"):
            line += f" ({f['year_ago_period']})"
        if f.get("change_year") is not None:
            line += f", {change_text(f['change_year'], unit)}"
        lines.append(line)
    if f.get("record"):
        lines.append(str(f["record"]))
    return lines


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
    return alert.event or alert.rule


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


def blocks(alert: Alert) -> list[Block]:
    title = alert.item.title or alert.item.id
    meta = [
        f"{SEVERITY_EMOJI.get(alert.severity, '')} *{alert.severity.upper()}*",
        f"`{esc(alert.event or 'print')}`",
        f"rule `{esc(alert.rule)}`",
        f"source *{esc(alert.item.source)}*",
    ]
    out: list[Block | None] = [
        section(f"*{linked(title, alert.item.link)}*"),
        context([" · ".join(meta)]),
        section(esc("\n".join(context_lines(alert)))),
    ]
    if rules := fired(alert):
        out.append(section("*fired*\n" + "\n".join(f"• {esc(r)}" for r in rules)))
    if spark := spark_line(alert):
        out.append(context([esc(spark)]))
    return assemble(out)


def console(alert: Alert) -> str:
    lines = [alert.item.title, *context_lines(alert), *(f"fired: {r}" for r in fired(alert))]
    if spark := spark_line(alert):
        lines.append(spark)
    if alert.item.link:
        lines.append(alert.item.link)
    header = f"[{alert.severity.upper()}] {alert.event or 'print'} · rule {alert.rule} · source {alert.item.source}"
    return frame(header, lines)


def text(alert: Alert) -> str:
    parts = [f"[{alert.severity.upper()}]", summary(alert), "—", alert.item.title or alert.item.link or alert.item.id]
    if alert.item.link:
        parts.append(f"({alert.item.link})")
    return escape_within(" ".join(parts), 3000)


def card(alert: Alert) -> Card:
    return Card(text(alert), blocks(alert), console(alert), chart(alert))
