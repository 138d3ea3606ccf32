"""The folding the rule language matches with, defined in `domain/text.py` because the notifier shares it."""

from domain.text import fold, fold_script, has_cjk, is_word_char

__all__ = ["fold", "fold_script", "has_cjk", "is_word_char"]
