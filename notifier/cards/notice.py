"""An operator notice (a feed failing, quiet, gone or recovered; rules rejected on reload; …): severity and what
happened first, then the details as label/value pairs and the full text. Ops read these, traders never do."""

from __future__ import annotations

from domain.alert import Alert
from domain.formats import plain
from notifier.blocks import assemble, escape_within, section
from notifier.cards.common import Card, Facts, compose, console_text, fallback

LABEL = "Ops notice"


def summary(alert: Alert) -> str:
    return alert.item.title or alert.item.id


def facts(alert: Alert) -> Facts:
    pairs = tuple((str(k).capitalize(), plain(v)) for k, v in list(alert.fields.items())[:10])
    return Facts("", LABEL, pairs, known=tuple(alert.fields))


def _details(alert: Alert) -> str:
    """The notice's full text when it says more than its first line."""
    body = alert.item.summary.strip()
    return body if body and body != alert.item.title else ""


def card(alert: Alert) -> Card:
    what = facts(alert)
    details = _details(alert)
    body = section(escape_within(details, 2900)) if details else None
    console = console_text(alert, what, details.splitlines()[1:] if details else ())
    return Card(fallback(alert, ""), assemble(compose(alert, what, body)), console)
