"""`price_target`: a sell-side action — initiation, upgrade, downgrade, reiteration, target raised / cut / set.

Recognition: a broker from the lexicon must be named, and a rating action or a target price must be stated
about a company — not an index, a commodity, a credit rating, or a company's own targets.
"""

from __future__ import annotations

import re
from typing import Any

from rules.extract import Document, Fields, register
from rules.extract.common import find_tickers, original, round_value
from rules.extract.numbers import Money, find_amounts, find_percents
from rules.lexicon import Hit, load

# --- vocabulary (folded: lower case, Simplified) ----------------------------------------------------------
_ACTIONS: list[tuple[str, re.Pattern[str]]] = [
    ("initiate", re.compile(
        r"initiat\w*(?:\s+\w+){0,3}\s+coverage|initiat\w* (?:at|with)\b|(?:starts?|started|launch\w*|resum\w*|assum\w*|"
        r"begins?|began|picks? up)\s+coverage|coverage (?:initiated|started|launched)|\binitiat\w*\b"
        r"|首次覆盖|首予|首次给予|首度覆盖|首度给予|开始覆盖|首次评级|纳入覆盖")),
    ("upgrade", re.compile(
        r"upgrad\w*|rais\w* (?:its |the )?rating|上调\S{0,8}评级|评级\S{0,4}上调|调升\S{0,6}评级|评级调升|升级至|"
        r"上调至[“\"「]?(?:买入|增持|跑赢|优于|强烈推荐|推荐|中性|持有)")),
    ("downgrade", re.compile(
        r"downgrad\w*|cut\w* (?:its |the )?rating|lower\w* (?:its |the )?rating|下调\S{0,8}评级|评级\S{0,4}下调|"
        r"调降\S{0,6}评级|评级调降|降级至|下调至[“\"「]?(?:中性|持有|减持|卖出|跑输|逊于|沽售)")),
    ("raise_target", re.compile(
        r"(?:rais|lift|boost|increas|hik|bump|up)\w*\s+(?:\S+\s+){0,4}?(?:price\s+)?(?:target|pt)\b"
        r"|(?:price )?target\S*\s+(?:\S+\s+){0,2}(?:raised|lifted|increased|boosted|hiked|up)\b"
        r"|上调\S{0,12}目标价|目标价\S{0,16}上调|调高\S{0,8}目标价|目标价\S{0,12}调高|目标价\S{0,12}(?:升至|提高至|上修至)|上修\S{0,8}目标价")),
    ("cut_target", re.compile(
        r"(?:cut|lower|trim|reduc|slash|chop)\w*\s+(?:\S+\s+){0,4}?(?:price\s+)?(?:target|pt)\b"
        r"|(?:price )?target\S*\s+(?:\S+\s+){0,2}(?:cut|lowered|reduced|trimmed|slashed)\b"
        r"|下调\S{0,12}目标价|目标价\S{0,16}下调|调低\S{0,8}目标价|目标价\S{0,12}调低|目标价\S{0,12}(?:降至|下修至)|下修\S{0,8}目标价")),
    ("reiterate", re.compile(
        r"reiterat\w*|maintain\w*|\bkeeps?\b|\bkept\b|affirm\w*|reaffirm\w*|retain\w*|维持|重申|保持|继续给予|给予")),
]
_TARGET_WORD = re.compile(
    r"price targets?|target prices?|price objective|\bpt\b|12-month target|\btarget\b|目标价格?|目标股价|合理价值|目标价位"
)
_UPSIDE = re.compile(r"upside|上涨空间|上行空间|潜在升幅|升幅空间|潜在涨幅|涨幅空间|上升空间|potential return|implying")
_DOWNSIDE = re.compile(r"downside|下行空间|潜在跌幅|下跌空间")
# Things that have "targets" or "ratings" but are not a broker's view of a listed company.
_NOT_EQUITY = re.compile(
    r"s&p ?500|标普500|nasdaq[- ]?100|dow jones|道指|恒指|恒生指数|沪深300|上证指数|nikkei|日经|stoxx|msci|kospi"
    r"|\bgold\b|金价|黄金|\boil\b|brent|原油|油价|bitcoin|比特币|copper|铜价|\byields?\b|国债收益率|汇率|\byuan\b.*target"
    r"|credit rating|sovereign rating|moody|fitch|s&p global ratings|穆迪|惠誉|信用评级|主体评级|债项评级|评级展望"
    r"|revenue target|sales target|earnings target|营收目标|销售目标|业绩目标|出货目标|经营目标"
)
_FROM_TO_EN = re.compile(r"\bfrom\b")
_FROM_ZH = re.compile(r"[由从]")
_NAME_STOP = re.compile(r"\s+(?:to|from|at|with|on|as|and|after|amid|ahead|in|for|by|price|pt|shares?)\b|[,;:(（，、：]")


def _window(text: str, start: int, size: int) -> str:
    return text[start : start + size]


def _rating_hits(folded: str) -> list[Hit]:
    return load("ratings").find(folded)


def _action(folded_title: str, folded: str) -> tuple[str | None, int]:
    for scope in (folded_title, folded):
        found = [(name, m.start()) for name, rx in _ACTIONS if (m := rx.search(scope))]
        if found:
            order = [a for a, _ in _ACTIONS]
            name, pos = min(found, key=lambda f: order.index(f[0]))
            return name, pos
    return None, -1


def _target(text: str, folded: str) -> tuple[Money | None, Money | None]:
    """(new target, old target) from the first target-price phrase that has an amount after it."""
    amounts = [a for a in find_amounts(text) if a.currency is not None or a.value >= 1]
    for m in _TARGET_WORD.finditer(folded):
        window_end = m.end() + 70
        near = [a for a in amounts if m.end() - 2 <= a.start < window_end]
        if not near:
            # "311元目标价" / "$60 price target": an amount right before the keyword
            before = [a for a in amounts if m.start() - 16 <= a.end <= m.start() + 1]
            if before:
                return before[-1], None
            continue
        first = near[0]
        if len(near) >= 2:
            between = folded[first.end : near[1].start]
            head = folded[m.end() : first.start]
            if _FROM_TO_EN.search(between) and not _FROM_TO_EN.search(head):  # "to $60 from $38"
                return first, near[1]
            if _FROM_TO_EN.search(head) or _FROM_ZH.search(head[-6:]):  # "from $38 to $60", "由300港元上调至350港元"
                return near[1], first
        return first, None
    return None, None


def _upside(text: str, folded: str) -> float | None:
    percents = find_percents(text)
    for rx, sign in ((_UPSIDE, 1.0), (_DOWNSIDE, -1.0)):
        for m in rx.finditer(folded):
            near = [p for p in percents if abs(p[1] - m.end()) <= 40 or abs(m.start() - p[2]) <= 40]
            if near:
                best = min(near, key=lambda p: min(abs(p[1] - m.end()), abs(m.start() - p[2])))
                return round(sign * abs(best[0]), 4)
    return None


def _company(doc: Document, broker: Hit, action_pos: int) -> str | None:
    folded, text = doc.folded_text, doc.text
    companies = load("pharma_companies").find(folded)
    others = [h for h in companies if h.canonical != broker.canonical]
    if others:
        return others[0].canonical
    title = doc.folded_title
    # English: "<Broker> upgrades Moderna to Overweight", "initiates coverage of Insulet with Buy",
    # "raises Nvidia price target", "on Apple".
    m = re.search(
        r"(?:upgrad\w*|downgrad\w*|initiat\w*(?: coverage)?(?: on| of)?|coverage (?:on|of)|reiterat\w*(?: \w+ on)?|"
        r"maintain\w*(?: \w+ on)?|(?:raises|lifts|cuts|lowers|trims|boosts) (?:its )?(?:price )?(?:target|pt) (?:on|for)|"
        r"(?:raises|lifts|cuts|lowers|trims|boosts)|\bon)\s+([a-z0-9][\w.&'\- ]{1,40})",
        title,
    )
    if m:
        name = _NAME_STOP.split(m.group(1))[0].strip(" '’")
        name = re.sub(r"'s$|’s$", "", name).strip()
        if name and name not in ("its", "the", "coverage", "price", "target", "rating"):
            return original(doc.title, title, m.start(1), m.start(1) + len(name))
    # Chinese: "首次覆盖影石创新", "给予泡泡玛特", "上调泡泡玛特目标价", "高盛：影石创新目标价"
    m = re.search(r"(?:首次覆盖|首予|首度覆盖|覆盖|给予|维持|上调|下调|对)([\u4e00-\u9fff]{2,8}?)(?:评级|目标价|的|\(|（|“|\"|至|为|[a-z])", title)
    if not m:
        m = re.search(r"(?:首次覆盖|首予|首度覆盖|覆盖|给予|维持|上调|下调|对)([\u4e00-\u9fff]{2,8}?)(?:评级|目标价|的|\(|（|“|\"|至|为)", folded)
        if m:
            return original(text, folded, m.start(1), m.end(1))
        return None
    return original(doc.title, title, m.start(1), m.end(1))


@register("price_target")
def extract_price_target(doc: Document) -> Fields | None:
    folded = doc.folded_text
    head = folded[: len(doc.folded_title) + 600]
    brokers = load("brokers").find(head)
    if not brokers:
        return None
    title = doc.folded_title
    if _NOT_EQUITY.search(title) or (not brokers[0].start < len(title) and _NOT_EQUITY.search(head[:300])):
        return None
    action, action_pos = _action(title, head)
    ratings = _rating_hits(head)
    target, old_target = _target(doc.text[: len(head)], head)
    if action is None and not (target and ratings):
        return None
    if action in (None, "reiterate") and target is None and not ratings:
        return None
    broker = min(brokers, key=lambda h: (h.start >= len(title), h.start))
    fields: dict[str, Any] = {"broker": broker.canonical}
    if action is None:
        action = "reiterate"
    if action == "reiterate" and old_target is not None and target is not None:
        action = "raise_target" if target.value > old_target.value else "cut_target"
    fields["action"] = action
    if company := _company(doc, broker, action_pos):
        fields["company"] = company
    tickers = find_tickers(head)
    if tickers:
        fields["ticker"] = tickers[0][0]
    if ratings:
        new, old = ratings[0], None
        after_from = [r for r in ratings if re.search(r"(?:from|由|从)\s*[“\"「]?$", head[max(0, r.start - 8) : r.start])]
        if after_from:
            old = after_from[0]
            rest = [r for r in ratings if r is not old]
            new = rest[0] if rest else new
        fields["rating"] = new.canonical
        if old is not None and old.canonical != new.canonical:
            fields["old_rating"] = old.canonical
    if target is not None:
        fields["target"] = round_value(abs(target.value))
        currency = target.currency or (old_target.currency if old_target else None)
        if currency:
            fields["currency"] = currency
        if old_target is not None:
            fields["old_target"] = round_value(abs(old_target.value))
    upside = _upside(doc.text[: len(head)], head)
    if upside is not None:
        fields["upside_pct"] = upside
    return fields
