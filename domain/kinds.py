"""The kinds of alert, by name. An alert's `kind` picks its event type (notifier/events.py): its card, event
key, history context and one-line summary. For news events the kind is the event name itself (`bd_deal`,
`price_target`, `mortgage_print`); a print from a data feed is a kind of its own even when its rule calls
the event `mortgage_print`, so nothing downstream has to guess from the fields what an alert is.
"""

from __future__ import annotations

KEYWORD = "keyword"  # a rule fired; no event type of its own (also any event name nobody registered)
BD_DEAL = "bd_deal"
PRICE_TARGET = "price_target"
MORTGAGE_PRINT = "mortgage_print"  # a print reported in the news (extracted from an article)
SERIES_PRINT = "series_print"  # a new print read from a `type: series` source, judged by series rules
SERIES_REVISION = "series_revision"  # a known period's value changed in a series source
DIGEST = "digest"  # one message standing for a channel's held alerts of one period
NOTICE = "notice"  # operator notices: feed health, rejected rule changes

NEWS_EVENTS: tuple[str, ...] = (BD_DEAL, PRICE_TARGET, MORTGAGE_PRINT)
