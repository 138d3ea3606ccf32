"""The part of an article that says why a rule fired: a window of the summary around the most specific matched
term, and the matched terms in bold (folded comparison, so `授权` finds `授權`). Pure."""

from __future__ import annotations

from domain.alert import Alert
from domain.text import fold
from notifier.blocks import mrkdwn_escape, truncate

EXCERPT_CHARS = 280


def _text_offset(text: str, folded_pos: int) -> int:
    """The offset in `text` whose folded prefix reaches `folded_pos` (binary search over prefixes)."""
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi) // 2
        if len(fold(text[:mid])) < folded_pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def excerpt(alert: Alert, limit: int = EXCERPT_CHARS) -> str:
    """A window of the summary around the first matched term, so the reader sees why it fired."""
    text = alert.item.summary or ""
    if len(text) <= limit:
        return text
    folded = fold(text)
    start = 0
    # Centre on the most specific (longest) matched term: it says most about why the rule fired.
    for term in sorted(alert.matched, key=len, reverse=True):
        pos = folded.find(fold(term.rstrip("*")))
        if pos >= 0:
            if len(folded) != len(text):  # NFKC changed the length (…→..., ℃→°C): map back to `text`
                pos = _text_offset(text, pos)
            start = max(0, pos - limit // 3)
            break
    window = text[start : start + limit]
    return ("…" if start else "") + truncate(window, limit) + ("…" if start + limit < len(text) else "")


ZWSP = "\u200b"  # lets Slack see `*bold*` inside CJK text, which has no spaces around words
MAX_HIGHLIGHTS = 20


def highlight(text: str, terms: tuple[str, ...]) -> str:
    """Escape `text` for mrkdwn with every occurrence of the matched terms in bold (folded comparison, so
    `授权` finds `授權`). Terms are tried longest first and never overlap."""
    folded = fold(text)
    spans: list[tuple[int, int]] = []
    for term in sorted({t.rstrip("*").strip() for t in terms if t.rstrip("*").strip()}, key=len, reverse=True):
        needle = fold(term)
        pos = folded.find(needle)
        while pos >= 0 and len(spans) < MAX_HIGHLIGHTS:
            start, end = pos, pos + len(needle)
            if len(folded) != len(text):
                start, end = _text_offset(text, start), _text_offset(text, end)
            if end > start and not any(start < b and a < end for a, b in spans):
                spans.append((start, end))
            pos = folded.find(needle, pos + max(1, len(needle)))
    out, at = [], 0
    for start, end in sorted(spans):
        out.append(mrkdwn_escape(text[at:start]))
        out.append(f"{ZWSP}*{mrkdwn_escape(text[start:end]).strip()}*{ZWSP}")
        at = end
    out.append(mrkdwn_escape(text[at:]))
    return "".join(out)
