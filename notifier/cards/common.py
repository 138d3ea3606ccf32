"""What a card is, and the pieces most cards share: the linked title, the severity/rule/source line, history
context, fields the layout has no place for, the plain-text fallback and the console frame. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from domain.alert import Alert
from domain.formats import plain, published
from notifier.blocks import (
    SECTION_CHARS,
    SEVERITY_EMOJI,
    TEXT_CHARS,
    Block,
    context,
    esc,
    escape_within,
    linked,
    section,
    truncate,
)

MAX_EXTRA = 10


@dataclass(frozen=True, slots=True)
class Chart:
    """A line chart of a print's recent history, drawn (notifier/chart.py) only where it can be shown."""

    series: str
    name: str  # the indicator as people call it
    unit: str
    period: str  # the print's period label, for the file name and title
    periods: tuple[str, ...]
    values: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Card:
    text: str  # the plain-text fallback, escaped for mrkdwn (notifications, screen readers, clients without blocks)
    blocks: list[Block]
    console: str = ""  # the same card for a terminal
    chart: Chart | None = field(default=None)


def present(fields: Mapping[str, Any], key: str) -> bool:
    value = fields.get(key)
    return value is not None and value != "" and value != []


def headline(alert: Alert) -> str:
    return alert.item.title or alert.item.link or alert.item.id


def title_block(alert: Alert) -> Block:
    """The article's title, linked: the same first block for every card (readers and tests rely on it)."""
    return {
        "type": "section",
        "text": {"type": "mrkdwn", "text": truncate(f"*{linked(headline(alert), alert.item.link)}*", SECTION_CHARS)},
    }


def meta_block(alert: Alert, label: str) -> Block:
    meta = [
        f"{SEVERITY_EMOJI.get(alert.severity, '')} *{esc(alert.severity.upper())}*",
        label,
        f"rule `{esc(alert.rule)}`",
        f"source *{esc(alert.item.source)}*",
    ]
    if when := published(alert.item.published):
        meta.append(when)
    block = context([" · ".join(meta)])
    assert block is not None
    return block


def history_block(alert: Alert) -> Block | None:
    return context(f":bar_chart: {esc(line)}" for line in alert.context[:5])


def extras_block(alert: Alert, known: tuple[str, ...]) -> Block | None:
    """Fields the card has no place for: shown as they come."""
    pairs = [(k, v) for k, v in alert.fields.items() if k not in known and v is not None and v != ""][:MAX_EXTRA]
    if not pairs:
        return None
    return section("\n".join(f"*{esc(k)}*: {esc(plain(v))}" for k, v in pairs))


def fallback(alert: Alert, summary: str) -> str:
    """`[HIGH] BD deal: RAPT → GSK · RPT904 — <title> (<link>)`, escaped and bounded."""
    parts = [f"[{alert.severity.upper()}]", summary, "—", headline(alert)]
    if alert.item.link:
        parts.append(f"({alert.item.link})")
    return escape_within(" ".join(p for p in parts if p), TEXT_CHARS)


# --- console ---------------------------------------------------------------------------------------------------


def frame(header: str, lines: Iterable[str]) -> str:
    """`┌─ header`, one `│ ` line each, `└─`: one block per alert in a terminal."""
    return "\n".join([f"┌─ {header}", *(f"│ {line}" for line in lines), "└─"])


def console_header(alert: Alert) -> str:
    meta = [f"rule {alert.rule}", f"source {alert.item.source}"]
    if when := published(alert.item.published):
        meta.append(when)
    return f"[{alert.severity.upper()}] {alert.event or 'match'} · " + " · ".join(meta)


def article_console(alert: Alert, facts: Iterable[str], excerpt_text: str) -> str:
    """A news alert in a terminal: title and link, then `facts` (a summary line, or the raw fields), the
    matched terms and the excerpt."""
    lines = [headline(alert)]
    if alert.item.link:
        lines.append(alert.item.link)
    lines.extend(facts)
    if alert.matched:
        lines.append("matched: " + ", ".join(alert.matched))
    if excerpt_text:
        lines.append(excerpt_text)
    return frame(console_header(alert), lines)
