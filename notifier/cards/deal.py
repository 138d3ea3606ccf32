"""`bd_deal`: parties (licensor → licensee), asset, deal type, upfront and total with a USD equivalent."""

from __future__ import annotations

from domain.alert import Alert
from domain.formats import label, money
from domain.kinds import BD_DEAL
from notifier.blocks import assemble, esc, field_section, section
from notifier.cards.common import (
    Card,
    extras_block,
    fallback,
    history_block,
    meta_block,
    present,
    title_block,
)
from notifier.cards.news import news_console
from notifier.money import money_with_usd

FIELDS = ("licensor", "licensee", "asset", "deal_type", "upfront", "total", "currency")


def _parties(alert: Alert) -> tuple[str, str]:
    """The parties in mrkdwn and in plain text."""
    f = alert.fields
    licensor, licensee = f.get("licensor"), f.get("licensee")
    if licensor and licensee:
        return f"*{esc(licensor)}* → *{esc(licensee)}*", f"{licensor} → {licensee}"
    if licensor or licensee:
        who = licensor or licensee
        role = "licensor" if licensor else "licensee"
        return f"*{esc(who)}* ({role})", f"{who} ({role})"
    return "", ""


def summary(alert: Alert) -> str:
    f = alert.fields
    currency = f.get("currency")
    facts = [_parties(alert)[1], str(f.get("asset") or ""), label(f.get("deal_type") or "")]
    if present(f, "upfront"):
        facts.append("upfront " + money(f["upfront"], currency))
    if present(f, "total"):
        facts.append("total " + money(f["total"], currency))
    return "BD deal: " + " · ".join(x for x in facts if x)


def card(alert: Alert) -> Card:
    f = alert.fields
    parties = _parties(alert)[0]
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
            extras_block(alert, FIELDS),
            meta_block(alert, f"`{BD_DEAL}`"),
        ]
    )
    line = summary(alert)
    return Card(fallback(alert, line), blocks, news_console(alert, line))
