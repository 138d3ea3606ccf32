"""One message for a channel's held alerts of one period: a line per alert — its severity and its card's headline
sentence, linked to the article — in as few sections as fit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.alert import Alert
from domain.formats import as_number, utc_minute
from notifier.blocks import (
    MAX_BLOCKS,
    SECTION_CHARS,
    SEVERITY_EMOJI,
    TEXT_CHARS,
    Block,
    assemble,
    context,
    esc,
    escape_within,
    linked,
    section,
    truncate,
)
from notifier.cards.common import Card, frame

FIELDS = ("channel", "period_start", "period_end", "items", "more")


def _items(alert: Alert) -> list[Mapping[str, Any]]:
    return [i for i in alert.fields.get("items") or [] if isinstance(i, Mapping)]


def summary(alert: Alert) -> str:
    f = alert.fields
    count = len(_items(alert)) + int(as_number(f.get("more")) or 0)
    where = f" for {f.get('channel')}" if f.get("channel") else ""
    return f"Digest{where}: {count} alerts"


def card(alert: Alert) -> Card:
    f = alert.fields
    items = _items(alert)
    more = int(as_number(f.get("more")) or 0)
    where = esc(f.get("channel") or "")
    top = f":newspaper: *Digest{' for ' + where if where else ''}* · {len(items) + more} alerts · "
    top += f"{utc_minute(f.get('period_start'))}–{utc_minute(f.get('period_end'))[-5:]} UTC"
    lines = []
    for i in items:
        words = str(i.get("headline") or i.get("title") or i.get("id") or "")
        story = linked(truncate(words, 200), str(i.get("link") or ""))
        emoji = SEVERITY_EMOJI.get(str(i.get("severity")), "")
        also = " (also reported)" if i.get("thread_of") else ""
        lines.append(f"{emoji} {story} · {esc(i.get('source') or '')} · `{esc(i.get('rule') or '')}`{also}")
    sections: list[Block | None] = [section(top)]
    chunk: list[str] = []
    size = 0
    for line in lines:
        line = truncate(line, SECTION_CHARS)
        if chunk and size + len(line) + 1 > SECTION_CHARS:
            sections.append(section("\n".join(chunk)))
            chunk, size = [], 0
        chunk.append(line)
        size += len(line) + 1
    if chunk:
        sections.append(section("\n".join(chunk)))
    shown = sections[: MAX_BLOCKS - 2]
    hidden = len(sections) - len(shown)
    tail = []
    if hidden or more:
        tail.append(f"…and more: {more} alerts wait for the next digest" if more else "…and more in `wirewatch alerts`")
    reasons = sorted({str(i.get("reason")) for i in items if i.get("reason")})
    if reasons:
        tail.append("held: " + "; ".join(esc(r) for r in reasons[:3]))
    blocks = assemble([*shown, context(tail)])
    console = frame(
        summary(alert),
        [
            f"[{str(i.get('severity') or '').upper()}] {i.get('headline') or i.get('title') or i.get('id') or ''}"
            for i in items
        ],
    )
    return Card(escape_within(summary(alert), TEXT_CHARS), blocks, console)
