"""One card layout per kind of alert (keyword, deal, rating, news print, series print, digest, reply), each
giving Slack blocks, the plain-text fallback and the console text. Chosen by `notifier.card.card_for`."""
