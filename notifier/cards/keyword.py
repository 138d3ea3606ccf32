"""The card for a keyword match (and for any event nobody gave a layout): severity and the linked title first,
an excerpt with the matched terms in bold, the fields as given, the terms themselves, and what fired."""

from __future__ import annotations

from domain.alert import Alert
from domain.formats import label, plain
from notifier.blocks import Block, assemble, context, mrkdwn_escape, section
from notifier.cards.common import Card, Facts, compose, console_text, fallback
from notifier.excerpt import excerpt, highlight

MAX_FIELD_LINES = 10


def kind_label(alert: Alert) -> str:
    """A rule's own event name made readable (`zh_news` → `zh news`), else "Keyword match"."""
    return label(alert.event) if alert.event else "Keyword match"


def summary(alert: Alert) -> str:
    """The one line a keyword match is: its title."""
    return alert.item.title or alert.item.id


def facts(alert: Alert) -> Facts:
    pairs = tuple((label(k), plain(v)) for k, v in list(alert.fields.items())[:MAX_FIELD_LINES])
    return Facts("", kind_label(alert), pairs, known=tuple(alert.fields))


def blocks(alert: Alert) -> list[Block]:
    """Severity and title, fields, excerpt, matched terms, history, meta."""
    what = facts(alert)
    snippet = excerpt(alert)
    terms = ", ".join(f"*{mrkdwn_escape(t)}*" for t in alert.matched)
    more: list[Block | None] = [
        section(highlight(snippet, alert.matched)) if snippet else None,
        context(["matched: " + terms]) if alert.matched else None,
    ]
    return assemble(compose(alert, what, *more))


def text(alert: Alert) -> str:
    """`[HIGH] <title> (<link>)`."""
    return fallback(alert, "")


def console(alert: Alert) -> str:
    more = [f"matched: {', '.join(alert.matched)}"] if alert.matched else []
    if snippet := excerpt(alert):
        more.append(snippet)
    return console_text(alert, facts(alert), more)


def card(alert: Alert) -> Card:
    return Card(text(alert), blocks(alert), console(alert))
