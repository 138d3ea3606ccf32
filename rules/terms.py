"""A rule term as matched: folded text plus whether each Latin end must sit on a word boundary."""

from __future__ import annotations

from dataclasses import dataclass

from domain.text import fold, is_word_char


@dataclass(frozen=True, slots=True)
class Term:
    """A folded term; Latin ends must sit on word boundaries unless the author wrote a trailing `*`."""

    text: str
    left_boundary: bool
    right_boundary: bool

    @classmethod
    def parse(cls, raw: str) -> Term:
        prefix = raw.endswith("*")
        text = fold(raw.rstrip("*").strip())
        if not text:
            return cls("", False, False)
        return cls(
            text=text,
            left_boundary=is_word_char(text[0]),
            right_boundary=is_word_char(text[-1]) and not prefix,
        )

    def fits(self, haystack: str, start: int, end: int) -> bool:
        if self.left_boundary and start > 0 and is_word_char(haystack[start - 1]):
            return False
        return not (self.right_boundary and end < len(haystack) and is_word_char(haystack[end]))
