"""Event types: what each kind of alert is, in one entry each — its fields, its event key, its history context,
its one-line summary and its card. The recorder (wirewatch/recorder.py) reads the key and the history when an
alert is recorded; `notifier.card.card_for` reads the card when it is sent. An alert's `kind` (domain/kinds.py)
picks its entry; a kind nobody registered is shown as a keyword match.

Adding an event type: an extractor that fills its fields (rules/extract/, with its `FIELD_NAMES` entry), a card
module under notifier/cards/ (blocks, summary, console), one `register(EventType(...))` here, and tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from domain.alert import Alert
from domain.kinds import (
    BD_DEAL,
    DIGEST,
    KEYWORD,
    MORTGAGE_PRINT,
    NOTICE,
    PRICE_TARGET,
    SERIES_PRINT,
    SERIES_REVISION,
)
from notifier import history
from notifier.cards import deal, digest, keyword, news_print, notice, rating, series_print
from notifier.cards.common import Card

History = Callable[[Alert, Sequence[Alert]], tuple[str, ...]]


def no_key(alert: Alert) -> str | None:
    return None


def event_key(name: str) -> Callable[[Alert], str | None]:
    """The key that names an event of type `name` across outlets (notifier/dedupe.py folds the names in it)."""

    def key(alert: Alert) -> str | None:
        from notifier import dedupe

        return dedupe.event_key(name, alert.fields, alert.derived)

    return key


def distinct_event(alert: Alert, owner: Alert) -> str | None:
    from notifier import dedupe

    return dedupe.distinct(alert, owner)


def key_by_event(alert: Alert) -> str | None:
    """Prints from data feeds are keyed like the event their rule names (series + period for `mortgage_print`),
    so a feed's print and an article reporting the same print thread together."""
    from notifier import dedupe

    return dedupe.event_key(alert.event, alert.fields, alert.derived)


@dataclass(frozen=True)
class EventType:
    kind: str
    fields: tuple[str, ...]  # the fields its alerts carry (for news events, its extractor's FIELD_NAMES)
    card: Callable[[Alert], Card]
    summary: Callable[[Alert], str]  # the headline sentence, plain: cards, fallbacks and digests lead with it
    key: Callable[[Alert], str | None] = no_key  # names the event across outlets; None: cannot be named
    history: History | None = None  # context lines from earlier alerts, for a first report
    clustered: bool = False  # without a key, compared with other alerts by text (near-duplicate articles)
    # Given a report sharing its key with the key's first report: what to add to the key when the two report
    # different events (another asset, another target); None when they may be the same event.
    distinct: Callable[[Alert, Alert], str | None] | None = None


EVENT_TYPES: dict[str, EventType] = {}


def register(event_type: EventType) -> EventType:
    EVENT_TYPES[event_type.kind] = event_type
    return event_type


KEYWORD_TYPE = register(EventType(KEYWORD, (), keyword.card, keyword.summary, clustered=True))
# An event name nobody registered (a rule's own `event: zh_news`): a keyword card, never clustered by text.
OTHER_TYPE = EventType("other", (), keyword.card, keyword.summary)

register(
    EventType(
        BD_DEAL,
        deal.FIELDS,
        deal.card,
        deal.summary,
        event_key(BD_DEAL),
        history.deal_lines,
        clustered=True,
        distinct=distinct_event,
    )
)
register(
    EventType(
        PRICE_TARGET,
        rating.FIELDS,
        rating.card,
        rating.summary,
        event_key(PRICE_TARGET),
        history.rating_lines,
        clustered=True,
        distinct=distinct_event,
    )
)
register(
    EventType(
        MORTGAGE_PRINT,
        news_print.FIELDS,
        news_print.card,
        news_print.summary,
        event_key(MORTGAGE_PRINT),
        history.print_lines,
        clustered=True,
    )
)
register(
    EventType(
        SERIES_PRINT,
        series_print.FIELDS,
        series_print.card,
        series_print.summary,
        key_by_event,
        history.print_lines,
    )
)
register(
    EventType(SERIES_REVISION, series_print.REVISION_FIELDS, series_print.card, series_print.summary, key_by_event)
)
register(EventType(DIGEST, digest.FIELDS, digest.card, digest.summary))
register(EventType(NOTICE, (), notice.card, notice.summary))


def event_type(alert: Alert) -> EventType:
    return EVENT_TYPES.get(alert.kind, OTHER_TYPE)


def context_lines(alert: Alert, earlier: Sequence[Alert]) -> tuple[str, ...]:
    """The history lines for a first report of an event (none for keyword matches or thread replies)."""
    kind = event_type(alert)
    if alert.thread_of is not None or alert.event is None or kind.history is None:
        return ()
    return kind.history(alert, earlier)
