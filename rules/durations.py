"""Durations live in `domain.durations` (config, rules and notifier all read them); re-exported here."""

from domain.durations import parse_duration

__all__ = ["parse_duration"]
