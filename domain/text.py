"""One folding for text and terms alike, so rule authors never think about width, case or script.

NFKC folds full-width forms (ＡＢＣ１２３ → ABC123, ％ → %); OpenCC `t2s` folds Traditional to Simplified
(授權 → 授权); lower() folds case. The original text is kept elsewhere for display.
"""

from __future__ import annotations

import re
import threading
import unicodedata

import opencc

_local = threading.local()


def _converter() -> opencc.OpenCC:
    conv: opencc.OpenCC | None = getattr(_local, "t2s", None)
    if conv is None:
        conv = opencc.OpenCC("t2s")
        _local.t2s = conv
    return conv


_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def fold_script(text: str) -> str:
    """NFKC + Traditional→Simplified, case kept (used for regex patterns, which carry their own flags)."""
    if text.isascii():  # NFKC keeps ASCII as it is, and there is no Chinese to fold
        return text
    text = unicodedata.normalize("NFKC", text)
    if has_cjk(text):
        text = _converter().convert(text)
    return text


def fold(text: str) -> str:
    """The matching form of `text`: width-, script- and case-folded."""
    return fold_script(text).lower()


def is_word_char(ch: str) -> bool:
    """Latin letters and digits form words; CJK characters do not need boundaries around terms."""
    return ch.isascii() and (ch.isalnum() or ch == "_")


def is_traditional(text: str) -> bool:
    """Whether Chinese text is written in Traditional characters: folding it to Simplified changes more of its
    characters than a Simplified text's stray variants would (one in fifty)."""
    chinese = _CJK.findall(text)
    if not chinese:
        return False
    sample = "".join(chinese[:400])
    changed = sum(1 for a, b in zip(sample, _converter().convert(sample), strict=False) if a != b)
    return changed * 50 > len(sample)
