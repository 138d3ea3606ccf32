"""`mortgage_print`: released figures on mortgages, household and consumer credit, and home-loan pricing — one
event per released figure, the headline figure first.

The vocabulary of indicators and where each is named live in `mp_families.py`; reading a named indicator's
value, prior and period is `mp_core.py`; numbers, cue words and both Chinese scripts are `mp_text.py`.

Not prints: previews, forecasts and polls, commentary without the released figure, a bank's own product
rates, house prices and home sales (none of them names an indicator next to a released number).
Speed: one cheap substring gate over the lowered text rejects most items; the families each run only when
their own words occur.
"""

from __future__ import annotations

import re
from typing import Any, Final

import ahocorasick

from rules.extract import Document, Fields, register
from rules.extract.mp_core import Ctx, Event, Mention, read
from rules.extract.mp_families import FAMILIES, LPR_1Y, LPR_5Y, Found, lpr
from rules.extract.mp_text import FORECAST, HEAD, zalt, zre

_GATE_EN: Final = (
    "mortgage", "loan", "lending", "borrowing", "consumer credit", "credit to consumers", "social financ", "aggregate financ", "tsf", "lpr",
    "mba", "freddie", "delinquen", "house purchase", "monthly total", "banks lent", "banks extended", "household debt",
)  # fmt: skip
_GATE_ZH: Final = (
    "家庭债务",
    "家庭債務",
    "家庭总负债",
    "家庭總負債",
    "贷",
    "貸",
    "按揭",
    "社会融资",
    "社會融資",
    "社融",
    "房地美",
    "拖欠",
    "借贷",
    "借貸",
    "信贷",
    "信貸",
    "批核",
    "借款",
)
_PREVIEW: Final = re.compile(zalt("preview", "week ahead", "what to watch", "what to expect", "前瞻", "预告", "展望"))
_RELEASE_COMPARE: Final = zre(
    r"as (?:widely |had been |was |largely )?(?:expected|forecast|anticipated|predicted)|matching (?:market )?expectations"
    r"|(?:in line with|defying|defied) (?:market )?(?:expectations|forecasts)|如市场预期|如预期|一如预期|符预期|符合市场预期"
    r"|unexpected\w*|than (?:expected|forecast)|(?:beat|beats|beating|exceed\w*|top\w*|above|below|miss\w*)\s(?:\S+\s){0,2}"
    r"(?:expectations|forecasts|estimates|consensus)|expectations in \w+|超预期|不及预期|好于预期|高于预期|低于预期|符合预期|逊于预期"
)
# A clause giving the market's motive ("Perhaps reflecting anticipation that the Fed would raise rates,"): its
# forecast words are the reason for a move, not a preview of the release.
_MOTIVE_CLAUSE: Final = zre(
    r"(?:perhaps )?(?:reflecting|amid|on|with|after) (?:growing |rising )?(?:anticipation|expectations?|bets|hopes|fears"
    r"|worries|speculation|concerns?) (?:that|of) [^,;]{0,80},"
)
_DIGIT: Final = zre(r"(?<![a-z\d])\d")  # (not "C50": an index's name)
# "财联社4月7日讯(记者 …)": a wire's dateline, whose date is no released figure
_ZH_DATELINE: Final = zre(r"^[^,，。]{0,12}?\d{1,2}\s?月\s?\d{1,2}\s?日(?:电|讯)\s?(?:[(（][^)）]{0,24}[)）])?")
# Headline futures and "seen" forms: "Individual mortgages to drop below 30%", "New loans seen dipping in July".
_TITLE_FUTURE: Final = zre(
    r"(?<!continue )(?<!continues )(?<!continued )t(?<![a-z]t)o (?:drop|fall|rise|climb|slow|ease|increase|decrease|decline|grow|hit|top|reach|stay|remain|hold"
    r"|keep|cut|lower|raise|jump|slump|rebound|pick up|edge|dip|halve|double|surge|slide|soften|recover)(?![a-z])"
    r"|s(?<![a-z]s)een (?:as |at |near |around |above |below |\w{2,12}ing(?![a-z]))"
)
# A released action stated before the forecast words of a headline: "China cuts rates, market sees more easing".
_RELEASE_VERB: Final = zre(
    r"(?<![a-z])(?<!to )(?:cuts?|kept|keeps|leaves|left|holds|held|lowers|lowered|raises|raised|rose|rises|fell|falls"
    r"|jumped|jumps|dropped|drops|slipped|slips|climbed|climbs|surged|surges|plunged|plunges|eased|eases|declined"
    r"|declines|increased|increases|decreased|decreases|unchanged|steady)(?![a-z])"
    r"|下调|上调|维持|不变|按兵不动|下降|上升|增加|减少|回落|回升|降至|升至"
)
# Headlines about another release (house prices, home sales, housing starts): a mortgage figure quoted in passing
# is background, unless the headline itself names a mortgage indicator.
_OTHER_RELEASE_TITLE: Final = zre(
    r"(?:house|home|property) (?:price|sale|value)|house price index|existing[- ]home|pending[- ]home|new[- ]home sales"
    r"|housing starts|building permits|homebuilder|房价|楼价|樓價|房價|二手房成交|新房销售|商品房销售"
)


def _build_gate() -> Any:
    ac = ahocorasick.Automaton()
    for word in (*_GATE_EN, *_GATE_ZH):
        ac.add_word(word, word)
    ac.make_automaton()
    return ac


_GATE: Final = _build_gate()  # every gate word in one automaton: one C-level pass over the lowered text


def _gate(text: str) -> bool:
    for _ in _GATE.iter(text.lower()):
        return True
    return False


_PERIOD_WORDS = re.compile(r"\d{4}\s?年(?:\s?\d{1,2}\s?月份?)?|\d{1,2}\s?月份")


def _preview_title(ctx: Ctx) -> bool:
    """A headline announcing a forecast or preview ("Fannie Mae sees…", "机构预计…", "Week ahead") before any
    released number."""
    title = ctx.t[: ctx.title_end]
    if not (FORECAST.search(title) or _PREVIEW.search(title) or _TITLE_FUTURE.search(title)):
        return False
    title = _RELEASE_COMPARE.sub(" ", title)
    title = _MOTIVE_CLAUSE.sub(lambda m: " " * len(m.group()), title)  # "Reflecting bets that the Fed would …, X rose"
    title = _PERIOD_WORDS.sub(lambda m: " " * len(m.group()), title)  # 2025年11月社融预测: a month, not a print
    cues = [m.start() for rx in (FORECAST, _PREVIEW, _TITLE_FUTURE) for m in (rx.search(title),) if m is not None]
    if not cues:
        return False
    first = min(cues)
    dateline = _ZH_DATELINE.match(title)
    start = dateline.end() if dateline and dateline.end() <= first else 0
    return not _DIGIT.search(title, start, first) and not _RELEASE_VERB.search(title, 0, first)


def _limits(ctx: Ctx, found: Found, mentions: list[Mention], stop: str | None) -> None:
    """A mention's value lies before a stop word of its family or the end of its sentence."""
    for m in mentions:
        _, s1 = ctx.sentence(m.start)
        limit = m.limit or s1
        if stop is not None:
            hit = found.first(stop, m.end, limit)
            if hit is not None:
                limit = hit
        m.limit = limit


def _cap_by_next_indicator(mentions: list[Mention]) -> None:
    """… and before the next mention of another indicator (of any family)."""
    starts = sorted((m.start, m.ind.id) for m in mentions)
    for m in mentions:
        for start, ind_id in starts:
            if start >= m.end and ind_id != m.ind.id:
                m.limit = min(m.limit, start)
                break


def _split_lpr_pairs(ctx: Ctx, mentions: list[Mention]) -> list[Mention]:
    """ "the one-year and five-year LPRs at 3.1% and 3.6%", "1年期和5年期以上LPR分别为3%和3.5%": two mentions."""
    out: list[Mention] = []
    for m in mentions:
        if not (m.ind is LPR_1Y and m.outstanding):
            out.append(m)
            continue
        _, s1 = ctx.sentence(m.start)
        pcts = [n for n in ctx.nums if m.end <= n.start < s1 and n.kind == "pct"]
        if len(pcts) < 2:
            continue
        out.append(Mention(LPR_1Y, m.start, m.end, limit=pcts[1].start))
        out.append(Mention(LPR_5Y, pcts[0].end, pcts[0].end, limit=s1))
    return out


_TITLE_RATES: Final = zre(r"(?:mortgage|home loan|housing loan|interest) rates?|房贷利率|按揭利率|抵押贷款利率|按息")
_TITLE_APPLICATIONS: Final = zre(r"applications|申请")


def _order(ctx: Ctx, events: list[Event], title_inds: list[str]) -> list[Event]:
    """The headline first: an indicator named in the title (in title order; the title's period first), then the
    kind of figure the title speaks of ("Mortgage rates rise…": a rate), then the figure a release is known by
    (the 5-year LPR, the mortgage benchmark; MBA's composite index; HKMA's new loans approved…), flows before
    balances, then text order."""
    if len(events) < 2:
        return events
    title_months = {mk.m for mk in ctx.marks if mk.end <= ctx.title_end and mk.m and mk.kind in ("month", "day")}
    topic = None
    if _TITLE_RATES.search(ctx.t, 0, ctx.title_end):
        topic = "rate"
    elif _TITLE_APPLICATIONS.search(ctx.t, 0, ctx.title_end):
        topic = "change"

    titled = [e for e in events if e.pos < ctx.title_end]

    def key(ev: Event) -> tuple[int, int, int, int, int, int, int]:
        rank = title_inds.index(ev.ind.id) if ev.ind.id in title_inds else len(title_inds)
        in_title = ev.pos < ctx.title_end
        if in_title:
            rank = min(rank, 0)
        month_hit = 0 if (ev.period and "/" not in ev.period and _period_month(ev.period) in title_months) else 1
        on_topic = 0 if topic is None or ev.ind.kind == topic else 1
        headline = 0 if ev.ind.headline else 1
        # two figures in the headline: the one it states first ("房贷金额为505.04亿元…房贷利率降至2.294%")
        first_stated = ev.pos if in_title and len(titled) > 1 and not any(e.ind.headline for e in titled) else 0
        stock = 1 if ev.ind.balance else 0  # a release's news is its flows; the balance it also states comes after
        return (rank, first_stated, on_topic, stock, month_hit, headline, ev.pos)

    return sorted(events, key=key)


def _period_month(period: str) -> int | None:
    parts = period.split("-")
    return int(parts[1]) if len(parts) >= 2 and parts[1].isdigit() else None


@register("mortgage_print")
def extract_mortgage_print(doc: Document) -> Fields | list[Fields] | None:
    text = doc.text[:HEAD]
    if not _gate(text):
        return None
    ctx = Ctx(doc.title, text, doc.item.published)
    if _preview_title(ctx):
        return None
    found = Found(ctx)
    mentions: list[Mention] = []
    for name, family, stop in FAMILIES:
        if name not in found.families:
            continue
        got = family(ctx, found)
        if family is lpr:
            got = _split_lpr_pairs(ctx, got)
        _limits(ctx, found, got, stop)
        mentions.extend(got)
    if not mentions:
        return None
    mentions.sort(key=lambda m: m.start)
    title_inds: list[str] = []
    for m in mentions:
        if m.start < ctx.title_end and m.ind.id not in title_inds:
            title_inds.append(m.ind.id)
    if not title_inds and _OTHER_RELEASE_TITLE.search(ctx.t, 0, ctx.title_end):
        return None
    _cap_by_next_indicator(mentions)
    events = read(ctx, mentions)
    if not events:
        return None
    seen: set[tuple[str, str | None]] = set()
    out: list[dict[str, Any]] = []
    for ev in _order(ctx, events, title_inds):
        if (ev.ind.id, ev.period) in seen:
            continue
        seen.add((ev.ind.id, ev.period))
        if ev.ind is LPR_5Y:
            ev.extra["benchmark"] = "mortgage"
        out.append(ev.fields())
    return out if len(out) > 1 else out[0]
