"""Block Kit pieces every card is built from, within Slack's limits, and the escaping user text needs. Pure.

Limits enforced here, whatever the input: 50 blocks, 3,000 characters a section, 2,000 a section field, 150 a
header, 10 fields and 10 context elements; long text is cut on a character boundary. Slack treats & < > as
control characters in mrkdwn and plain_text alike, so every piece of user text goes through `esc`: a title
like "Stocks <fall> as yields rise" stays text, never a tag or a mention. Only http(s) links reach a card
(`safe_link`): `javascript:`, `data:` and links with spaces or control characters are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

Block = dict[str, Any]

MAX_BLOCKS = 50
SECTION_CHARS = 3000
FIELD_CHARS = 2000
HEADER_CHARS = 150
MAX_FIELDS = 10
MAX_CONTEXT = 10
TEXT_CHARS = 3000  # the fallback shows in notifications: keep it short (Slack allows 40,000)
TITLE_CHARS = 300
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
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc(value: Any) -> str:
    return mrkdwn_escape(str(value))


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


_SAFE_LINK = re.compile(r"^https?://[^\s\x00-\x1f\x7f]+$", re.IGNORECASE)


def safe_link(url: Any) -> str:
    """The link if it is an http(s) URL without spaces or control characters, else "" (never clickable)."""
    text = str(url or "").strip()
    return text if _SAFE_LINK.match(text) else ""


def link_target(url: str) -> str:
    """A URL inside `<url|label>`: the characters that would end the link are percent-encoded."""
    return url.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C")


def linked(label: str, url: str, room: int = SECTION_CHARS) -> str:
    """`<url|label>` (label escaped and bounded), or just the label when there is no safe URL or the link
    would not fit in `room` characters (a very long URL must never push the label out of its block)."""
    text = mrkdwn_escape(truncate(label, TITLE_CHARS))
    link = safe_link(url)
    if not link or len(link_target(link)) + len(text) + 3 > room:
        return text
    return f"<{link_target(link)}|{text}>"


def link_block(url: str, label: str = "Open the article") -> Block | None:
    """The link alone, for when it was too long to sit on the title: None when it cannot fit a block at all."""
    link = safe_link(url)
    if not link or len(link_target(link)) + len(label) + 3 > SECTION_CHARS:
        return None
    return section(f"<{link_target(link)}|{esc(label)}>")


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": truncate(text, SECTION_CHARS) or " "}}


def field_section(pairs: Iterable[tuple[str, str]]) -> Block | None:
    items = [
        {"type": "mrkdwn", "text": truncate(f"*{esc(label)}*\n{value}", FIELD_CHARS)}
        for label, value in list(pairs)[:MAX_FIELDS]
    ]
    return {"type": "section", "fields": items} if items else None


def context(texts: Iterable[str]) -> Block | None:
    els = [{"type": "mrkdwn", "text": truncate(t, SECTION_CHARS)} for t in texts if t][:MAX_CONTEXT]
    return {"type": "context", "elements": els} if els else None


def assemble(blocks: Iterable[Block | None]) -> list[Block]:
    return [b for b in blocks if b is not None][:MAX_BLOCKS]
