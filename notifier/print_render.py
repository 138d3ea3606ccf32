"""Pure rendering of a data print (an alert made by wirewatch/series_pipeline.py): the console block with a
sparkline, and Slack blocks with the context a reader asks for first — latest, prior, change, same period
last year, record, the rules that fired, a link. The chart for the Slack thread is in notifier/chart.py.

Everything is read defensively from `alert.fields`: alerts are stored records, and an old or odd one must
still render rather than stop the outbox.
"""

from __future__ import annotations

import math
from typing import Any

from domain.alert import Alert
from notifier.render import SEVERITY_EMOJI, mrkdwn_escape, truncate
from rules.series_engine import fmt

SPARK = "▁▂▃▄▅▆▇█"
SPARK_POINTS = 26
SECTION_LIMIT = 3000


def is_print(alert: Alert) -> bool:
    """A print alert carries its recent history (for the sparkline and the chart)."""
    return isinstance(alert.fields.get("history"), dict) and "indicator" in alert.fields


def history_of(alert: Alert) -> tuple[list[str], list[float]]:
    """The recent (period, value) pairs of a print alert; pairs that are not a date and a number are skipped."""
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


def _number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def _fmt(x: Any) -> str:
    return fmt(float(x)) if _number(x) else str(x)


def _unit(alert: Alert) -> str:
    return str(alert.fields.get("unit") or "")


def with_unit(x: Any, unit: str) -> str:
    """6.85%, -300.5 100 million yuan."""
    return f"{_fmt(x)}{unit}" if unit in ("%", "") else f"{_fmt(x)} {unit}"


def change_text(x: Any, unit: str) -> str:
    """A signed change; a rate quoted in % moves in basis points (or percentage points when large)."""
    if not _number(x):
        return str(x)

    def signed(v: float) -> str:
        return ("+" if v > 0 else "") + fmt(v)

    if unit == "%":
        return f"{signed(round(x * 100, 2))} bp" if abs(x) < 10 else f"{signed(x)} pp"
    return signed(x) + (f" {unit}" if unit else "")


def context_lines(alert: Alert) -> list[str]:
    """Latest, prior and change, same period last year, record — each only when known."""
    f, unit = alert.fields, _unit(alert)
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
    return f"{sparkline(tail)}  last {len(tail)} prints, {_fmt(min(tail))} to {_fmt(max(tail))}"


def render_print_console(alert: Alert) -> str:
    lines = [
        f"┌─ [{alert.severity.upper()}] {alert.event or 'print'} · rule {alert.rule} · source {alert.item.source}",
        f"│ {alert.item.title}",
    ]
    lines += [f"│ {line}" for line in context_lines(alert)]
    lines += [f"│ fired: {r}" for r in fired(alert)]
    if spark := spark_line(alert):
        lines.append(f"│ {spark}")
    if alert.item.link:
        lines.append(f"│ {alert.item.link}")
    lines.append("└─")
    return "\n".join(lines)


def render_print_blocks(alert: Alert) -> list[dict[str, Any]]:
    escape = mrkdwn_escape
    title = escape(truncate(alert.item.title or alert.item.id, 300))
    link = alert.item.link.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C")
    title_md = f"*<{link}|{title}>*" if link else f"*{title}*"
    meta = [
        f"{SEVERITY_EMOJI.get(alert.severity, '')} *{alert.severity.upper()}*",
        f"`{escape(alert.event or 'print')}`",
        f"rule `{escape(alert.rule)}`",
        f"source *{escape(alert.item.source)}*",
    ]
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": truncate(title_md, SECTION_LIMIT)}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": truncate(" · ".join(meta), SECTION_LIMIT)}]},
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": truncate(escape("\n".join(context_lines(alert))), SECTION_LIMIT)},
        },
    ]
    if rules := fired(alert):
        text = "*fired*\n" + "\n".join(f"• {escape(r)}" for r in rules)
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": truncate(text, SECTION_LIMIT)}})
    if spark := spark_line(alert):
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": escape(spark)}]})
    return blocks
