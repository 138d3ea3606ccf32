"""Cards: one Block Kit layout per event type, each with a plain-text fallback, within Slack's limits. Pure.

Every card opens with the article's title linked to it, then the facts an analyst reads first:

- `bd_deal`: parties (licensor → licensee), asset, deal type, upfront and total with a USD equivalent;
- `price_target`: broker, company and ticker, rating old → new, target old → new with % change, upside;
- `mortgage_print`: value, prior, change; extra fields (series context) are shown as they come;
- anything else: the generic keyword card (`render.render_blocks`): title, excerpt with the matched terms in
  bold, source, rule.

Fields may be missing (render what is there) and may be text where numbers were expected (shown as given).
History lines worked out when the alert was recorded (`Alert.context`) sit under the facts. Limits enforced
here, whatever the input: 50 blocks, 3,000 characters a section, 2,000 a section field, 150 a header, 10
fields and 10 context elements, long text cut on a character boundary.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from domain.alert import Alert
from notifier.money import as_number, money, money_with_usd, pct_change, percent
from notifier.render import (
    SEVERITY_EMOJI,
    _published,
    escape_within,
    headline,
    mrkdwn_escape,
    render_blocks,
    truncate,
)
from rules.extract import FIELD_NAMES

MAX_BLOCKS = 50
SECTION_CHARS = 3000
FIELD_CHARS = 2000
HEADER_CHARS = 150
MAX_FIELDS = 10
TEXT_CHARS = 3000  # the fallback shows in notifications: keep it short (Slack allows 40,000)
MAX_EXTRA = 10

Block = dict[str, Any]

DEAL_FIELDS = FIELD_NAMES["bd_deal"]
RATING_FIELDS = FIELD_NAMES["price_target"]
PRINT_FIELDS = FIELD_NAMES["mortgage_print"]
ACTION_LABEL = {
    "initiate": ("Initiation", ":new:"),
    "upgrade": ("Upgrade", ":arrow_up:"),
    "downgrade": ("Downgrade", ":arrow_down:"),
    "reiterate": ("Reiterated", ":repeat:"),
    "raise_target": ("Target raised", ":chart_with_upwards_trend:"),
    "cut_target": ("Target cut", ":chart_with_downwards_trend:"),
}


@dataclass(frozen=True, slots=True)
class Card:
    text: str  # the plain-text fallback (notifications, screen readers, clients without blocks)
    blocks: list[Block]


# --- building blocks --------------------------------------------------------------------------------------


def esc(value: Any) -> str:
    return mrkdwn_escape(str(value))


def present(fields: Mapping[str, Any], key: str) -> bool:
    value = fields.get(key)
    return value is not None and value != "" and value != []


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": truncate(text, SECTION_CHARS) or " "}}


def field_section(pairs: Iterable[tuple[str, str]]) -> Block | None:
    items = [
        {"type": "mrkdwn", "text": truncate(f"*{esc(label)}*\n{value}", FIELD_CHARS)}
        for label, value in list(pairs)[:MAX_FIELDS]
    ]
    return {"type": "section", "fields": items} if items else None


def context(texts: Iterable[str]) -> Block | None:
    els = [{"type": "mrkdwn", "text": truncate(t, SECTION_CHARS)} for t in texts if t][:10]
    return {"type": "context", "elements": els} if els else None


def title_block(alert: Alert) -> Block:
    """The article's title, linked: the same first block for every card (readers and tests rely on it)."""
    return render_blocks(alert)[0]


def meta_block(alert: Alert, label: str) -> Block:
    meta = [
        f"{SEVERITY_EMOJI.get(alert.severity, '')} *{esc(alert.severity.upper())}*",
        label,
        f"rule `{esc(alert.rule)}`",
        f"source *{esc(alert.item.source)}*",
    ]
    if published := _published(alert):
        meta.append(published)
    block = context([" · ".join(meta)])
    assert block is not None
    return block


def history_block(alert: Alert) -> Block | None:
    return context(f":bar_chart: {esc(line)}" for line in alert.context[:5])


def extras_block(alert: Alert, known: tuple[str, ...]) -> Block | None:
    """Fields the card has no place for (e.g. series context from data feeds): shown as they come."""
    pairs = [(k, v) for k, v in alert.fields.items() if k not in known and v is not None and v != ""][:MAX_EXTRA]
    if not pairs:
        return None
    lines = [f"*{esc(k)}*: {esc(_plain(v))}" for k, v in pairs]
    return section("\n".join(lines))


def _plain(value: Any) -> str:
    number = as_number(value) if not isinstance(value, str) else None
    if number is not None:
        return f"{number:,.4f}".rstrip("0").rstrip(".")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def assemble(blocks: Iterable[Block | None]) -> list[Block]:
    out = [b for b in blocks if b is not None]
    return out[:MAX_BLOCKS]


def fallback(alert: Alert, summary: str) -> str:
    """`[HIGH] BD deal: RAPT → GSK · RPT904 — <title> (<link>)`, escaped and bounded."""
    parts = [f"[{alert.severity.upper()}]", summary, "—", headline(alert)]
    if alert.item.link:
        parts.append(f"({alert.item.link})")
    return escape_within(" ".join(p for p in parts if p), TEXT_CHARS)


def price(value: Any, currency: Any) -> str:
    """Share prices in full (`HKD 1,234.5`, `$60`): a price target is not a deal size."""
    number = as_number(value)
    if number is None:
        return str(value)
    text = f"{abs(number):,.2f}".rstrip("0").rstrip(".")
    code = str(currency or "").upper().strip()
    sign = "−" if number < 0 else ""
    return f"{sign}${text}" if code == "USD" else f"{code} {sign}{text}".strip()


def label(value: Any) -> str:
    return str(value).replace("_", " ")


# --- BD deal ----------------------------------------------------------------------------------------------


def deal_card(alert: Alert) -> Card:
    f = alert.fields
    licensor, licensee = f.get("licensor"), f.get("licensee")
    if licensor and licensee:
        parties = f"*{esc(licensor)}* → *{esc(licensee)}*"
        parties_text = f"{licensor} → {licensee}"
    elif licensor or licensee:
        who = licensor or licensee
        role = "licensor" if licensor else "licensee"
        parties, parties_text = f"*{esc(who)}* ({role})", f"{who} ({role})"
    else:
        parties, parties_text = "", ""
    head = [p for p in (parties, f"`{esc(f['asset'])}`" if present(f, "asset") else "") if p]
    top = ":handshake: *BD deal*" + (f" · {esc(label(f['deal_type']))}" if present(f, "deal_type") else "")
    currency = f.get("currency")
    pairs = []
    if present(f, "upfront"):
        pairs.append(("Upfront", esc(money_with_usd(f["upfront"], currency))))
    if present(f, "total"):
        pairs.append(("Total (up to)", esc(money_with_usd(f["total"], currency))))
    if present(f, "deal_type"):
        pairs.append(("Deal type", esc(label(f["deal_type"]))))
    if present(f, "asset"):
        pairs.append(("Asset", esc(f["asset"])))
    blocks = assemble(
        [
            title_block(alert),
            section(top + ("\n" + " · ".join(head) if head else "")),
            field_section(pairs),
            history_block(alert),
            extras_block(alert, DEAL_FIELDS),
            meta_block(alert, "`bd_deal`"),
        ]
    )
    facts = [parties_text, str(f.get("asset") or ""), label(f.get("deal_type") or "")]
    if present(f, "upfront"):
        facts.append("upfront " + money(f["upfront"], currency))
    if present(f, "total"):
        facts.append("total " + money(f["total"], currency))
    return Card(fallback(alert, "BD deal: " + " · ".join(x for x in facts if x)), blocks)


# --- rating / price target --------------------------------------------------------------------------------


def rating_card(alert: Alert) -> Card:
    f = alert.fields
    action = str(f.get("action") or "")
    name, emoji = ACTION_LABEL.get(action, (label(action).capitalize() or "Rating / target", ":mag:"))
    who = []
    if present(f, "broker"):
        who.append(f"*{esc(f['broker'])}*")
    subject = " ".join(
        x for x in (f"*{esc(f['company'])}*" if present(f, "company") else "", _ticker(f.get("ticker"))) if x
    )
    line = f"{emoji} *{esc(name)}*" + (
        " · " + " on ".join([*who, subject] if subject else who) if who or subject else ""
    )
    currency = f.get("currency")
    pairs = []
    if present(f, "rating") or present(f, "old_rating"):
        old, new = f.get("old_rating"), f.get("rating")
        text = f"{esc(old)} → *{esc(new)}*" if old and new and old != new else f"*{esc(new or old)}*"
        pairs.append(("Rating", text))
    if present(f, "target"):
        text = f"*{esc(price(f['target'], currency))}*"
        if present(f, "old_target"):
            change = pct_change(f["target"], f["old_target"])
            text = f"{esc(price(f['old_target'], currency))} → {text}"
            if change is not None:
                text += f" ({percent(change, signed=True)})"
        pairs.append(("Target", text))
    if present(f, "upside_pct"):
        pairs.append(("Upside", esc(percent(f["upside_pct"], signed=True))))
    blocks = assemble(
        [
            title_block(alert),
            section(line),
            field_section(pairs),
            history_block(alert),
            extras_block(alert, RATING_FIELDS),
            meta_block(alert, "`price_target`"),
        ]
    )
    facts = [name, str(f.get("broker") or ""), str(f.get("company") or ""), str(f.get("ticker") or "")]
    if present(f, "rating"):
        was = f"{f['old_rating']} → " if present(f, "old_rating") else ""
        facts.append(f"rating {was}{f['rating']}")
    if present(f, "target"):
        old = f"{price(f['old_target'], currency)} → " if present(f, "old_target") else ""
        facts.append(f"target {old}{price(f['target'], currency)}")
    return Card(fallback(alert, " · ".join(x for x in facts if x)), blocks)


def _ticker(value: Any) -> str:
    return f"(`{esc(value)}`)" if value else ""


# --- print ------------------------------------------------------------------------------------------------


def _amount(value: Any, unit: Any) -> str:
    """`6.85%`, `CNY 1.28tn`, `215.3 index`: by the print's unit."""
    number = as_number(value)
    u = str(unit or "").strip()
    if number is None:
        return f"{value} {u}".strip()
    if u == "%":
        return f"{number:.2f}".rstrip("0").rstrip(".") + "%"
    if len(u) == 3 and u.isalpha() and u.isupper():
        return money(number, u)
    return f"{number:,.4f}".rstrip("0").rstrip(".") + (f" {u}" if u else "")


def _change(value: Any, prior: Any, unit: Any) -> str | None:
    a, b = as_number(value), as_number(prior)
    if a is None or b is None:
        return None
    diff = a - b
    u = str(unit or "").strip()
    if u == "%":
        pp = f"{abs(diff):.2f}".rstrip("0").rstrip(".")
        return ("+" if diff > 0 else "−" if diff < 0 else "±") + pp + " pp"
    text = ("+" if diff > 0 else "") + _amount(diff, unit)
    rel = pct_change(a, b)
    return text + (f" ({percent(rel, signed=True)})" if rel is not None else "")


def print_card(alert: Alert) -> Card:
    f = alert.fields
    unit = f.get("unit")
    top = ":house: *" + esc(f.get("indicator") or "Print") + "*"
    if present(f, "period"):
        top += f" · {esc(f['period'])}"
    pairs = []
    if present(f, "value"):
        pairs.append(("Value", f"*{esc(_amount(f['value'], unit))}*"))
    if present(f, "prior"):
        pairs.append(("Prior", esc(_amount(f["prior"], unit))))
    change = _change(f.get("value"), f.get("prior"), unit) if present(f, "value") and present(f, "prior") else None
    if change:
        pairs.append(("Change", esc(change)))
    blocks = assemble(
        [
            title_block(alert),
            section(top),
            field_section(pairs),
            history_block(alert),
            extras_block(alert, PRINT_FIELDS),
            meta_block(alert, "`mortgage_print`"),
        ]
    )
    facts = [str(f.get("indicator") or ""), str(f.get("period") or "")]
    if present(f, "value"):
        facts.append(_amount(f["value"], unit))
    if present(f, "prior"):
        facts.append("prior " + _amount(f["prior"], unit))
    return Card(fallback(alert, "Print: " + " · ".join(x for x in facts if x)), blocks)


# --- generic, replies, digests ----------------------------------------------------------------------------


def generic_card(alert: Alert) -> Card:
    from notifier.render import render_text

    blocks = render_blocks(alert)
    if line := history_block(alert):
        blocks.insert(2, line)
    return Card(render_text(alert), assemble(blocks))


def render_card(alert: Alert) -> Card:
    """The card for an alert's first report (digests have their own)."""
    if alert.event == "digest":
        return digest_card(alert)
    if alert.event == "bd_deal":
        return deal_card(alert)
    if alert.event == "price_target":
        return rating_card(alert)
    if alert.event == "mortgage_print":
        return print_card(alert)
    return generic_card(alert)


def _new_facts(alert: Alert, parent: Alert | None) -> list[str]:
    """Facts this report has that the first one lacked (e.g. a total); other spellings of names are not news."""
    if parent is None:
        return []
    out = []
    for k, v in alert.fields.items():
        if v in (None, "", []) or present(parent.fields, k):
            continue
        out.append(f"*{esc(k)}*: {esc(_plain(v))}")
    return out[:MAX_EXTRA]


def render_reply(alert: Alert, parent: Alert | None) -> Card:
    """A later report of an event, posted in the first alert's thread: who else reports it, and what's new."""
    title = mrkdwn_escape(truncate(headline(alert), 300))
    link = alert.item.link.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C")
    story = f"<{link}|{title}>" if link else title
    lines = [f":heavy_plus_sign: also reported by *{esc(alert.item.source)}*: {story}"]
    if facts := _new_facts(alert, parent):
        lines.append("adds " + " · ".join(facts))
    blocks = assemble([section("\n".join(lines)), meta_block(alert, f"`{esc(alert.event or 'match')}`")])
    text = escape_within(f"also reported by {alert.item.source}: {headline(alert)}", TEXT_CHARS)
    return Card(text, blocks)


def _hhmm(ts: Any) -> str:
    number = as_number(ts)
    return datetime.fromtimestamp(number, UTC).strftime("%Y-%m-%d %H:%M") if number is not None else "?"


def digest_card(alert: Alert) -> Card:
    """One message for a channel's held alerts of one period: a line per alert, in as few sections as fit."""
    f = alert.fields
    items: list[Mapping[str, Any]] = [i for i in f.get("items") or [] if isinstance(i, Mapping)]
    more = int(as_number(f.get("more")) or 0)
    where = esc(f.get("channel") or "")
    top = f":newspaper: *Digest{' for ' + where if where else ''}* · {len(items) + more} alerts · "
    top += f"{_hhmm(f.get('period_start'))}–{_hhmm(f.get('period_end'))[-5:]} UTC"
    lines = []
    for i in items:
        title = mrkdwn_escape(truncate(str(i.get("title") or i.get("id") or ""), 200))
        link = str(i.get("link") or "").replace("|", "%7C").replace(">", "%3E").replace("<", "%3C")
        story = f"<{link}|{title}>" if link else title
        what = esc(i.get("event") or i.get("rule") or "")
        emoji = SEVERITY_EMOJI.get(str(i.get("severity")), "")
        also = " (also reported)" if i.get("thread_of") else ""
        lines.append(f"{emoji} {story} — `{what}` · {esc(i.get('source') or '')}{also}")
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
    where_text = f" for {f.get('channel')}" if f.get("channel") else ""
    text = escape_within(f"Digest{where_text}: {len(items) + more} alerts", TEXT_CHARS)
    return Card(text, blocks)
