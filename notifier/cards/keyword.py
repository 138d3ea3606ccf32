"""The card for a keyword match (and for any event nobody gave a layout): title, severity and rule, the
fields as given, an excerpt with the matched terms in bold, and the terms themselves."""

from __future__ import annotations

from domain.alert import Alert
from notifier.blocks import Block, assemble, context, esc, escape_within, mrkdwn_escape, section
from notifier.cards.common import (
    Card,
    article_console,
    headline,
    history_block,
    meta_block,
    title_block,
)
from notifier.excerpt import excerpt, highlight

MAX_FIELD_LINES = 10


def summary(alert: Alert) -> str:
    return alert.event or alert.rule


def blocks(alert: Alert) -> list[Block]:
    """Title, meta, fields, excerpt, matched terms (no history line: see `card`)."""
    out: list[Block | None] = [
        title_block(alert),
        meta_block(alert, f"`{alert.event}`" if alert.event else "keyword match"),
    ]
    if alert.fields:
        pairs = list(alert.fields.items())[:MAX_FIELD_LINES]
        out.append(section("\n".join(f"*{esc(k)}*: {esc(v)}" for k, v in pairs)))
    if snippet := excerpt(alert):
        out.append(section(highlight(snippet, alert.matched)))
    if alert.matched:
        out.append(context(["matched: " + ", ".join(f"*{mrkdwn_escape(t)}*" for t in alert.matched)]))
    return assemble(out)


def text(alert: Alert) -> str:
    """`[HIGH] bd_deal — <title> (<link>)`: the fallback names the event, or the rule when there is none."""
    parts = [f"[{alert.severity.upper()}]", summary(alert), "—", headline(alert)]
    if alert.item.link:
        parts.append(f"({alert.item.link})")
    return escape_within(" ".join(parts), 3000)


def console(alert: Alert) -> str:
    return article_console(alert, [f"{key}: {value}" for key, value in alert.fields.items()], excerpt(alert))


def card(alert: Alert) -> Card:
    parts = blocks(alert)
    if line := history_block(alert):
        parts.insert(2, line)
    return Card(text(alert), assemble(parts), console(alert))
