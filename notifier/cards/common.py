"""What a card is, and the frame every card shares, so each kind reads the same way at a glance:

    :red_circle: *HIGH* · *GSK to acquire RAPT Therapeutics for $2.2bn*      ← severity and the headline sentence
    <link|the article's title>                                                ← what it is based on
    [facts as label/value fields]   [history lines]   [anything else the event carries]
    BD deal · rules `bd-deal`, `bd-mega-deal` · source *fierce* · 2026-01-20 08:00 UTC

The plain-text fallback and the console say the same in the same order. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from domain.alert import Alert
from domain.formats import label, plain, published
from notifier.blocks import (
    FIELD_CHARS,
    SECTION_CHARS,
    SEVERITY_EMOJI,
    TEXT_CHARS,
    TITLE_CHARS,
    Block,
    context,
    esc,
    escape_within,
    field_section,
    link_block,
    linked,
    safe_link,
    section,
    truncate,
)

MAX_EXTRA = 10
MAX_RULES = 8


@dataclass(frozen=True, slots=True)
class Chart:
    """A line chart of a print's recent history, drawn (notifier/chart.py) only where it can be shown."""

    series: str
    name: str  # the indicator as people call it
    unit: str
    period: str  # the print's period label, for the file name and title
    periods: tuple[str, ...]
    values: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Card:
    text: str  # the plain-text fallback, escaped for mrkdwn (notifications, screen readers, clients without blocks)
    blocks: list[Block]
    console: str = ""  # the same card for a terminal
    chart: Chart | None = field(default=None)


@dataclass(frozen=True, slots=True)
class Facts:
    """What a layout says about its event, rendered by `compose` into blocks, fallback and console alike."""

    headline: str  # one plain sentence in the event's own words; "" for a keyword match (its title leads)
    label: str  # what kind of alert this is, for people: "BD deal", "Rating change", "Print"
    pairs: tuple[tuple[str, str], ...] = ()  # (label, plain value) facts, in reading order
    lines: tuple[str, ...] = ()  # further plain lines (a print's prior and year-ago values …)
    known: tuple[str, ...] = ()  # fields the layout shows; the rest are listed as extras
    emphasis: tuple[str, ...] = ()  # labels of pairs whose value is the news (shown in bold)
    article: bool = True  # based on an article whose title is shown under the headline (not a data feed's print)


def present(fields: Mapping[str, Any], key: str) -> bool:
    value = fields.get(key)
    return value is not None and value != "" and value != []


def headline(alert: Alert) -> str:
    """The article's title (or its link, or its id): what the alert is based on."""
    return alert.item.title or safe_link(alert.item.link) or alert.item.id


def severity_mark(alert: Alert) -> str:
    return f"{SEVERITY_EMOJI.get(alert.severity, '')} *{esc(alert.severity.upper())}*".strip()


def rules_text(alert: Alert) -> str:
    ids = list(dict.fromkeys(alert.rules or (alert.rule,)))
    shown = ", ".join(ids[:MAX_RULES]) + (f" +{len(ids) - MAX_RULES}" if len(ids) > MAX_RULES else "")
    return ("rules " if len(ids) > 1 else "rule ") + shown


def lead_block(alert: Alert, sentence: str, article: bool = True) -> list[Block]:
    """Severity and the headline sentence, then the linked title of the article it is based on, in the first
    block (a print from a data feed links the sentence itself; a keyword match leads with its title). A link
    too long to sit on its text leaves the text as it is and goes in a block of its own (or nowhere, if it
    cannot fit in one): the headline is never pushed out of the first block."""
    mark = severity_mark(alert)
    link = safe_link(alert.item.link)
    if sentence and article:
        first = f"{mark} · *{esc(truncate(sentence, TITLE_CHARS))}*\n"
        source = linked(headline(alert), link, SECTION_CHARS - len(first))
    else:
        first = f"{mark} · "
        source = "*" + linked(sentence or headline(alert), link, SECTION_CHARS - len(first) - 2) + "*"
    blocks: list[Block] = [section(first + source)]
    if link and not source.lstrip("*").startswith("<") and (extra := link_block(link)) is not None:
        blocks.append(extra)
    return blocks


def meta_block(alert: Alert, kind: str) -> Block:
    """`BD deal · rules `a`, `b` · source *fierce* · 2026-01-20 08:00 UTC`."""
    ids = list(dict.fromkeys(alert.rules or (alert.rule,)))
    rules = ", ".join(f"`{esc(r)}`" for r in ids[:MAX_RULES])
    if len(ids) > MAX_RULES:
        rules += f" +{len(ids) - MAX_RULES}"
    meta = [esc(kind), ("rules " if len(ids) > 1 else "rule ") + rules, f"source *{esc(alert.item.source)}*"]
    if when := published(alert.item.published):
        meta.append(esc(when))
    block = context([" · ".join(meta)])
    assert block is not None
    return block


def history_block(alert: Alert) -> Block | None:
    return context(f":bar_chart: {esc(line)}" for line in alert.context[:5])


def extra_pairs(alert: Alert, known: Iterable[str]) -> list[tuple[str, str]]:
    """Fields the layout has no place for, as they come (names made readable)."""
    skip = set(known)
    pairs = [
        (label(k), plain(v))
        for k, v in alert.fields.items()
        if k not in skip and v is not None and v != "" and not isinstance(v, dict)
    ]
    return pairs[:MAX_EXTRA]


def extras_block(alert: Alert, known: Iterable[str]) -> Block | None:
    pairs = extra_pairs(alert, known)
    if not pairs:
        return None
    return section("\n".join(f"*{esc(k)}*: {esc(v)}" for k, v in pairs))


def fact_fields(facts: Facts) -> Block | None:
    """The facts as label/value fields (two columns in Slack); values escaped and cut to fit, never mid-entity."""
    pairs = []
    for name, value in facts.pairs:
        if not value:
            continue
        text = escape_within(value, FIELD_CHARS - len(esc(name)) - 8)
        pairs.append((name, f"*{text}*" if name in facts.emphasis else text))
    return field_section(pairs)


def compose(alert: Alert, facts: Facts, *more: Block | None) -> list[Block | None]:
    """The blocks of a card: lead, facts, lines, history, extras, what the layout adds, meta."""
    lines = section(escape_within("\n".join(facts.lines), SECTION_CHARS)) if facts.lines else None
    return [
        *lead_block(alert, facts.headline, facts.article),
        fact_fields(facts),
        lines,
        history_block(alert),
        extras_block(alert, facts.known),
        *more,
        meta_block(alert, facts.label),
    ]


def fallback(alert: Alert, sentence: str, article: bool = True) -> str:
    """`[HIGH] GSK to acquire RAPT Therapeutics for $2.2bn — <title> (<link>)`, escaped and bounded; a print
    from a data feed has no article title to add."""
    title = headline(alert)
    parts = [f"[{alert.severity.upper()}]"]
    if sentence and (sentence == title or not article):
        parts.append(sentence)
    else:
        parts += [sentence, "—", title] if sentence else [title]
    if link := safe_link(alert.item.link):
        parts.append(f"({link})")
    return escape_within(" ".join(p for p in parts if p), TEXT_CHARS)


# --- console ---------------------------------------------------------------------------------------------------


def frame(header: str, lines: Iterable[str]) -> str:
    """`┌─ header`, one `│ ` line each, `└─`: one block per alert in a terminal."""
    return "\n".join([f"┌─ {header}", *(f"│ {line}" for line in lines), "└─"])


def meta_line(alert: Alert, kind: str) -> str:
    meta = [kind, rules_text(alert), f"source {alert.item.source}"]
    if when := published(alert.item.published):
        meta.append(when)
    return " · ".join(meta)


def console_text(alert: Alert, facts: Facts, more: Iterable[str] = ()) -> str:
    """The card in a terminal: `[HIGH] <headline>`, the title and link, the facts, history, extras, meta."""
    head = f"[{alert.severity.upper()}] {facts.headline or headline(alert)}"
    title = facts.article and facts.headline and facts.headline != headline(alert)
    lines = [headline(alert)] if title else []
    if link := safe_link(alert.item.link):
        lines.append(link)
    shown = [(n, v) for n, v in facts.pairs if v]
    if shown:
        lines.append(" | ".join(f"{n}: {v}" for n, v in shown))
    lines += [*facts.lines, *alert.context[:5]]
    lines += [f"{k}: {v}" for k, v in extra_pairs(alert, facts.known)]
    lines += list(more)
    lines.append(meta_line(alert, facts.label))
    return frame(head, lines)
