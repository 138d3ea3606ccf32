"""User regexes on RE2 live in `domain.patterns` (rules and silences both compile them); re-exported here."""

from domain.patterns import MAX_PATTERN, compile_pattern

__all__ = ["MAX_PATTERN", "compile_pattern"]
