"""One card layout per kind of alert (keyword, deal, rating, news print, series print and revision, digest,
notice, reply), each saying what it knows as `common.Facts`; `common.compose` renders every card the same way
(severity and headline first) as Slack blocks, the plain-text fallback and the console text. Chosen by
`notifier.card.card_for`; golden files in tests/golden/cards/."""
