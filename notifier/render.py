"""Pure rendering of an alert: console block, Slack Block Kit, plain-text fallback. No I/O."""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

from domain.alert import Alert
from domain.text import fold

EXCERPT_CHARS = 280
SECTION_LIMIT = 3000
SEVERITY_EMOJI = {
    "critical": ":rotating_light:",
    "high": ":red_circle:",
    "medium": ":large_orange_circle:",
    "low": ":large_blue_circle:",
    "info": ":white_circle:",
}


def truncate(text: str, limit: int) -> str:
    """Cut on a character boundary and say so with an ellipsis."""
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"


def mrkdwn_escape(text: str) -> str:
    """Slack treats & < > as control characters in mrkdwn and plain_text alike."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_within(text: str, limit: int) -> str:
    """Escaped for mrkdwn and at most `limit` long: the raw text is cut (never an entity) until it fits."""
    out = mrkdwn_escape(text)
    if len(out) <= limit:
        return out
    lo, hi = 0, min(len(text), limit)  # the longest raw cut whose escaped form fits
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if len(mrkdwn_escape(truncate(text, mid))) <= limit:
            lo = mid
        else:
            hi = mid - 1
    return mrkdwn_escape(truncate(text, lo))


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


def _published(alert: Alert) -> str:
    if not alert.item.published:
        return ""
    try:
        return datetime.fromisoformat(alert.item.published).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return alert.item.published


def headline(alert: Alert) -> str:
    return alert.item.title or alert.item.link or alert.item.id


def render_text(alert: Alert) -> str:
    """The plain-text fallback Slack shows in notifications and to screen readers."""
    parts = [f"[{alert.severity.upper()}]", alert.event or alert.rule, "—", headline(alert)]
    if alert.item.link:
        parts.append(f"({alert.item.link})")
    return escape_within(" ".join(parts), 3000)  # Slack parses `text` as mrkdwn too


def render_console(alert: Alert) -> str:
    from notifier import print_render  # data prints (series sources) have their own layout

    if print_render.is_print(alert):
        return print_render.render_print_console(alert)
    meta = [f"rule {alert.rule}", f"source {alert.item.source}"]
    if published := _published(alert):
        meta.append(published)
    lines = [
        f"┌─ [{alert.severity.upper()}] {alert.event or 'match'} · " + " · ".join(meta),
        f"│ {headline(alert)}",
    ]
    if alert.item.link:
        lines.append(f"│ {alert.item.link}")
    if alert.event in ("bd_deal", "price_target", "mortgage_print") and alert.fields:
        # the card's one-line summary (parties → asset, amounts with USD equivalents, rating old → new …)
        from notifier.cards import render_card

        summary = html.unescape(render_card(alert).text).split(" — ", 1)[0]
        lines.append("│ " + summary.split("] ", 1)[-1])
        lines.extend(f"│ {line}" for line in getattr(alert, "context", ()) or ())
    else:
        for key, value in alert.fields.items():
            lines.append(f"│ {key}: {value}")
    if alert.matched:
        lines.append("│ matched: " + ", ".join(alert.matched))
    if snippet := excerpt(alert):
        lines.append("│ " + snippet)
    lines.append("└─")
    return "\n".join(lines)


def render_blocks(alert: Alert) -> list[dict[str, Any]]:
    from notifier import print_render  # data prints (series sources) have their own layout

    if print_render.is_print(alert):
        return print_render.render_print_blocks(alert)
    title = mrkdwn_escape(truncate(headline(alert), 300))
    link = alert.item.link.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C")
    title_md = f"*<{link}|{title}>*" if link else f"*{title}*"
    meta = [
        f"{SEVERITY_EMOJI.get(alert.severity, '')} *{alert.severity.upper()}*",
        f"`{alert.event}`" if alert.event else "keyword match",
        f"rule `{mrkdwn_escape(alert.rule)}`",
        f"source *{mrkdwn_escape(alert.item.source)}*",
    ]
    if published := _published(alert):
        meta.append(published)
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": truncate(title_md, SECTION_LIMIT)}},
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": truncate(" · ".join(meta), SECTION_LIMIT)}],
        },
    ]
    if alert.fields:
        pairs = [f"*{mrkdwn_escape(str(k))}*: {mrkdwn_escape(str(v))}" for k, v in list(alert.fields.items())[:10]]
        blocks.append(
            {"type": "section", "text": {"type": "mrkdwn", "text": truncate("\n".join(pairs), SECTION_LIMIT)}}
        )
    if snippet := excerpt(alert):
        blocks.append(
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": truncate(highlight(snippet, alert.matched), SECTION_LIMIT)},
            }
        )
    if alert.matched:
        terms = ", ".join(f"*{mrkdwn_escape(t)}*" for t in alert.matched)
        blocks.append(
            {
                "type": "context",
                "elements": [{"type": "mrkdwn", "text": truncate("matched: " + terms, SECTION_LIMIT)}],
            }
        )
    return blocks
