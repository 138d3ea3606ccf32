"""A later report of an event already posted, as a reply in the first alert's thread: who else reports it, and
what it adds (facts the first report lacked; other spellings of the same names are not news)."""

from __future__ import annotations

from domain.alert import Alert
from domain.formats import plain
from notifier.blocks import TEXT_CHARS, assemble, esc, escape_within, linked, section
from notifier.cards.common import MAX_EXTRA, Card, headline, meta_block, present


def _new_facts(alert: Alert, parent: Alert | None) -> list[str]:
    if parent is None:
        return []
    out = []
    for k, v in alert.fields.items():
        if v in (None, "", []) or present(parent.fields, k):
            continue
        out.append(f"*{esc(k)}*: {esc(plain(v))}")
    return out[:MAX_EXTRA]


def card(alert: Alert, parent: Alert | None) -> Card:
    story = linked(headline(alert), alert.item.link)
    lines = [f":heavy_plus_sign: also reported by *{esc(alert.item.source)}*: {story}"]
    if facts := _new_facts(alert, parent):
        lines.append("adds " + " · ".join(facts))
    blocks = assemble([section("\n".join(lines)), meta_block(alert, f"`{esc(alert.event or 'match')}`")])
    text = escape_within(f"also reported by {alert.item.source}: {headline(alert)}", TEXT_CHARS)
    link = f" ({alert.item.link})" if alert.item.link else ""
    console = f"  ↳ also reported by {alert.item.source}: {headline(alert)}{link}"
    return Card(text, blocks, console)
