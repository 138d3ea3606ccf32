"""What the news-event cards (deal, rating, print) share in a terminal: the card's one-line summary and the
history lines where a keyword match shows its raw fields."""

from __future__ import annotations

from domain.alert import Alert
from notifier.cards.common import article_console
from notifier.excerpt import excerpt


def news_console(alert: Alert, summary: str) -> str:
    """The summary (parties → asset, amounts with USD equivalents, rating old → new …) and the history
    context; an event reported without fields shows them as a keyword match would (there are none)."""
    facts = [summary, *alert.context] if alert.fields else []
    return article_console(alert, facts, excerpt(alert))
