"""The bottom of the house: the records and vocabulary every room shares, and nothing else.

Items, alerts, deliveries, source state, observations, severities, alert kinds, text folding and the
formatting of numbers and dates. Pure and frozen; this package imports nothing from the project, so
`collectors/`, `rules/`, `store/` and `notifier/` can all import it without importing each other.
"""
