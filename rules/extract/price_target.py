"""`price_target`: a sell-side action — initiation, upgrade, downgrade, reiteration, target raised / cut / set.

Recognition: a broker from the lexicon must be named, and a rating action or a target price must be stated
about a company — not an index, a commodity, a credit rating, or a company's own targets. A note that acts
on several companies ("upgraded Vertex …; downgraded Incyte …") gives one event per company.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from rules.extract import Document, Fields, register
from rules.extract.common import original, round_value
from rules.extract.numbers import find_amounts, find_percents
from rules.lexicon import Hit, load

HEAD = 900

# --- vocabulary (folded: lower case, Simplified) ----------------------------------------------------------
_R = r"[“\"「『'‘]?"  # an optional opening quote around a rating word
_ACTIONS: list[tuple[str, re.Pattern[str]]] = [
    (
        "initiate",
        re.compile(
            r"initiat\w*(?:\s+\w+){0,3}\s+coverage|initiat\w* (?:at|with|on)\b|(?:starts?|started|launch\w*|resum\w*|assum\w*|"
            r"begins?|began|picks? up|opens?)\s+(?:\w+\s+){0,2}coverage|coverage (?:initiated|started|launched)|\binitiat\w*\b"
            r"|首次覆盖|首予|首次给予|首度覆盖|首度给予|首度将|开始覆盖|首次评级|纳入(?:研究|覆盖)范围|首评|首次纳入|新纳入"
        ),
    ),
    (
        "upgrade",
        re.compile(
            r"upgrad\w*|rais\w* (?:its |the )?rating|rais\w* \S+(?: \S+){0,3} to "
            + _R
            + r"(?:buy|overweight|outperform|strong buy)"
            r"|上调[^\s\d,，。]{0,10}评(?:级|等)|评(?:级|等)[^\s\d,，。]{0,12}(?:上调|调升|升至|升级|上修)|调升[^\s\d,，。]{0,8}评(?:级|等)|(?:^|[^目标])升[^\s\d,，。]{0,8}评(?:级|等)至"
            r"|翻多|升级至|上调至" + _R + r"(?:买入|买进|增持|跑赢|优于|强烈推荐|推荐)"
        ),
    ),
    (
        "downgrade",
        re.compile(
            r"downgrad\w*|cut\w* (?:its |the )?rating|lower\w* (?:its |the )?rating|cuts? \S+(?: \S+){0,3} to "
            + _R
            + r"(?:hold|neutral|sell|underweight|underperform|equal)"
            r"|下调[^\s\d,，。]{0,10}评(?:级|等)|评(?:级|等)[^\s\d,，。]{0,12}(?:下调|调降|降至|降级|下修)|调降[^\s\d,，。]{0,8}评(?:级|等)|(?:^|[^目标])降[^\s\d,，。]{0,8}评(?:级|等)至"
            r"|翻空|降级至|下调至" + _R + r"(?:中性|中立|持有|减持|卖出|跑输|逊于|沽售)"
        ),
    ),
    (
        "raise_target",
        re.compile(
            r"(?:rais|lift|boost|increas|hik|bump|up)\w*\s+(?:\S+\s+){0,4}?(?:price\s+)?(?:target|pt)\b"
            r"|(?:price )?target\S*\s+(?:\S+\s+){0,2}(?:raised|lifted|increased|boosted|hiked|up)\b"
            r"|(?:上调|调升|调高|上修|提高|提升)\S{0,12}目标价|目标价\S{0,16}(?:上调|调升|调高|上修|升至|提高至|大升|升)"
        ),
    ),
    (
        "cut_target",
        re.compile(
            r"(?:cut|lower|trim|reduc|slash|chop)\w*\s+(?:\S+\s+){0,4}?(?:price\s+)?(?:target|pt)\b"
            r"|(?:price )?target\S*\s+(?:\S+\s+){0,2}(?:cut|lowered|reduced|trimmed|slashed)\b"
            r"|(?:下调|调降|调低|下修|削|降低)\S{0,12}目标价|目标价\S{0,16}(?:下调|调降|调低|下修|降至|削至|削|降)"
        ),
    ),
    (
        "reiterate",
        re.compile(
            r"reiterat\w*|maintain\w*|\bkeeps?\b|\bkept\b|affirm\w*|reaffirm\w*|retain\w*|\bsets?\b|维持|重申|保持|继续给予|给予|予"
        ),
    ),
]
_ACTION_ORDER = [a for a, _ in _ACTIONS]
_TARGET_WORD = re.compile(
    r"price targets?|target prices?|price objective|\bpt\b|12-month target|\btargets?\b|目标价格?|目标股价|合理价值|目标价位"
)
_UPSIDE = re.compile(r"upside|上涨空间|上行空间|潜在升幅|升幅空间|潜在涨幅|涨幅空间|上升空间|potential return")
_DOWNSIDE = re.compile(r"downside|下行空间|潜在跌幅|下跌空间")
# Things that have "targets" or "ratings" but are not a broker's view of a listed company.
_NOT_EQUITY = re.compile(
    r"s&p ?500|标普500|nasdaq[- ]?100|dow jones|hang seng|恒生|\bindex\b|道指|恒指|恒生指数|沪深300|上证指数|nikkei|日经|stoxx|msci|kospi|台股加权|加权指数|大盘目标"
    r"|\bgold\b|金价|黄金价格|\boil\b|brent|原油|油价|bitcoin|比特币|copper|铜价|treasury yield|国债收益率|汇率目标|\busd/|\beur/"
    r"|credit rating|sovereign rating|moody|fitch|s&p global ratings|穆迪|惠誉|信用评级|主体评级|债项评级|评级展望|主权评级"
    r"|revenue target|sales target|earnings target|营收目标|销售目标|业绩目标|出货目标|经营目标|年度目标"
)
_SPLIT = re.compile(r"同时|此外|另外|；|;|in the same note|separately|elsewhere|while (?:it|the firm)|并将|另将")
_SENTENCE_END = re.compile(r"[。；;\n]|(?<!\bco)(?<!inc)(?<!corp)(?<!ltd)(?<!\bst)\.\s")
_FROM_ZH_BEFORE = re.compile(r"[由从]\s*$")
_BARE_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])\d+(?:\.\d+)?")
_CURRENCY_WORDS = {
    "danish crown": "DKK",
    "dkk": "DKK",
    "kroner": "DKK",
    "swiss franc": "CHF",
    "chf": "CHF",
    "swedish crown": "SEK",
    "sek": "SEK",
    "yen": "JPY",
    "円": "JPY",
    "日元": "JPY",
    "euro": "EUR",
    "eur": "EUR",
    "pence": "GBP",
    "gbp": "GBP",
    "港元": "HKD",
    "港币": "HKD",
    "hk$": "HKD",
    "美元": "USD",
    "usd": "USD",
    "新台币": "TWD",
    "台币": "TWD",
    "人民币": "CNY",
    "rmb": "CNY",
    "won": "KRW",
    "韩元": "KRW",
    "rupee": "INR",
    "a$": "AUD",
    "aud": "AUD",
}
_ISO = {"USD", "EUR", "GBP", "CHF", "DKK", "SEK", "NOK", "JPY", "HKD", "CNY", "TWD", "KRW", "AUD", "CAD", "SGD", "INR"}
_TAIWAN = re.compile(r"\.tw\b|台股|台积电|新台币|台湾|评等|优于大盘|买进|中立|元大|凯基|群益|永丰")
# Tickers written in text: "(LLY)", "(NYSE: LLY)", "(02382.HK)", "（2330）", "(06160)", "(688506.SH)".
_TICKER_PAREN = re.compile(
    r"[（(]\s*(?:(?P<ex>nasdaq|nyse|amex|hkex|sehk|tse|lse|lon|asx|tsx|otc|sgx|krx)\s*[:：]\s*)?"
    r"(?P<sym>[A-Za-z]{1,5}(?:\.[A-Za-z]{1,2})?|\d{4,6}(?:\s?\.?(?:hk|sh|sz|ss|tw|two|t|bj)\b)?)\s*[)）]",
    re.IGNORECASE,
)
_EXCHANGE_SUFFIX = {
    "LON": ".L",
    "LSE": ".L",
    "ASX": ".AX",
    "TSX": ".TO",
    "SGX": ".SI",
    "KRX": ".KS",
    "TSE": ".T",
    "HKEX": ".HK",
    "SEHK": ".HK",
}
_NOT_TICKERS = {
    "AI",
    "CEO",
    "ADC",
    "GLP",
    "FDA",
    "US",
    "HK",
    "PT",
    "EPS",
    "IPO",
    "LOI",
    "ODM",
    "IP",
    "EV",
    "PE",
    "BD",
    "CDMO",
    "CRO",
    "API",
    "Q",
    "H",
    "A",
    "ADR",
    "ETF",
    "GDP",
    "AIDC",
    "DRAM",
    "NAND",
    "CAGR",
    "ASP",
    "ROE",
}
_NAME_BEFORE_EN = re.compile(r"((?:[A-Z][\w&'.\-]*|of|and|&)(?:\s+(?:[A-Z][\w&'.\-]*|of|and|&)){0,5})\s*$")
_NAME_BEFORE_ZH = re.compile(r"([\u4e00-\u9fffA-Za-z]{2,12})\s*$")
# Words that end the lead-in before a company name ("…发表报告，将药明康德(02359)…", "同时将泰格医药(03347)")
_ZH_MARKERS = re.compile(
    r"首次覆盖|首度覆盖|首度将|覆盖|维持|重申|给予|看好|纳入|同时|发表(?:研究)?报告|研报|研究|报告|证券|指出|表示|认为|称|将|把|对|予"
)
_ZH_VERB_PREFIX = re.compile(
    r"^(?:.*?(?:发表(?:研究)?报告|研报|报告|称|指出|表示|认为|最新))?(?:[，,、：:]?)"
    r"(?:首次覆盖|首度覆盖|首度将|首度|首次|维持|重申|给予|予|对|将|把|升|降|上调|下调|调升|调降|覆盖|纳入|于|为)*"
)
_EN_NAME_STOP = re.compile(r"\b(?:to|from|at|with|on|as|after|amid|ahead|for|by|price|pt|shares?|stock|target)\b.*$")
_COMPANY_SUFFIX = re.compile(
    r"[\s,]+(?:inc|corp|corporation|co|company|ltd|limited|plc|ag|sa|nv|se|holdings?|group)\.?$", re.IGNORECASE
)
_EN_COMPANY_AFTER_VERB = re.compile(
    r"(?:upgrad\w*|downgrad\w*|initiat\w*(?: coverage)?(?: on| of)?|coverage (?:on|of)|reiterat\w*(?: \w+ on)?|"
    r"maintain\w*(?: \w+ on)?|(?:raises|lifts|cuts|lowers|trims|boosts) (?:its )?(?:price )?(?:target|pt) (?:on|for)|"
    r"(?:raises|raised|lifts|lifted|cuts|cut|lowers|lowered|trims|trimmed|boosts|boosted)|\bon|\bof)\s+([a-z0-9][\w.&'\- ]{1,40})"
)
_ZH_COMPANY_AFTER_VERB = re.compile(
    r"(?:首次覆盖|首予|首度覆盖|首评|覆盖|给予|维持|重申|上调|下调|调升|调降|翻多|翻空|[升降]|对)([\u4e00-\u9fff]{2,8}?)"
    r"(?:评级|评等|目标价|的|h股|a股|\(|（|“|\"|「|至|为|[a-z])"
)


@dataclass(frozen=True, slots=True)
class _Num:
    value: float
    currency: str | None
    start: int
    end: int


def _action(*scopes: str) -> str | None:
    for scope in scopes:
        found = [name for name, rx in _ACTIONS if rx.search(scope)]
        if found:
            return min(found, key=_ACTION_ORDER.index)
    return None


def _numbers(text: str, folded: str) -> list[_Num]:
    """Money amounts, plus bare numbers (targets are often written without a currency: "to 480 from 300")."""
    out = [_Num(a.value, a.currency, a.start, a.end) for a in find_amounts(text)]
    taken = [(n.start, n.end) for n in out]
    percent_spans = [(s, e) for _, s, e in find_percents(text)]
    for m in _BARE_NUMBER.finditer(folded):
        s, e = m.start(), m.end()
        if any(s < te and ts < e for ts, te in taken + percent_spans):
            continue
        if folded[e : e + 1] in ("%", "年", "月", "日", "倍", "x", "个") or folded[e : e + 2] in (".h", ".s", ".t"):
            continue
        if re.match(r"-?(?:month|year|week|day)", folded[e : e + 6]):
            continue
        value = float(m.group().replace(",", ""))
        after = folded[e : e + 16]
        currency = next((c for w, c in _CURRENCY_WORDS.items() if after.lstrip().startswith(w)), None)
        code = re.search(r"\b([a-z]{3})\s?$", folded[max(0, s - 4) : s])
        if currency is None and code and code.group(1).upper() in _ISO:
            currency = code.group(1).upper()
        out.append(_Num(value, currency, s, e))
    return sorted(out, key=lambda n: n.start)


def _target(text: str, folded: str) -> tuple[_Num | None, _Num | None]:
    """(new target, old target): the target phrase that states the most ("to $60 from $38" beats "to $60")."""
    nums = [n for n in _numbers(text, folded) if n.value > 0]
    best: tuple[_Num | None, _Num | None] = (None, None)
    for m in _TARGET_WORD.finditer(folded):
        stop = _SENTENCE_END.search(folded, m.end())
        limit = min(m.end() + 90, stop.start() if stop else len(folded))
        after = [n for n in nums if m.end() - 1 <= n.start < limit and not _is_ticker_number(folded, n)]
        before = [n for n in nums if m.start() - 18 <= n.end <= m.start() + 1 and not _is_ticker_number(folded, n)]
        adjacent = [n for n in before if m.start() - n.end <= 2]  # "$180 price target, cut from $205"
        found: tuple[_Num | None, _Num | None] = (None, None)
        if (
            adjacent
            and after
            and re.search(r"(?:cut|down|up|raised|lowered|trimmed)?\s*from\s*\S?$", folded[m.end() : after[0].start])
        ):
            found = (adjacent[-1], after[0])
        elif adjacent and not (after and after[0].start - m.end() < 12):
            found = (adjacent[-1], None)
        elif after:
            first = after[0]
            head = folded[m.end() : first.start]
            second = after[1] if len(after) > 1 else None
            if second is not None:
                between = folded[first.end : second.start]
                if re.search(r"\bfrom\b|由|从", head[-12:]) or _FROM_ZH_BEFORE.search(
                    head
                ):  # from 28 to 35, 由28上调至35
                    found = (second, first)
                elif re.search(r"\bfrom\b", between) or re.search(r"(?:down|up) from|cut from|raised from", between):
                    found = (first, second)  # to 35 from 28
                elif re.search(r"至|to\b", between) and re.search(r"由|从|from", head):
                    found = (second, first)
                else:
                    found = (first, None)
            else:
                found = (first, None)
        elif before:
            target = before[-1]
            tail = folded[m.end() : m.end() + 30]
            olds = [n for n in nums if m.end() <= n.start < m.end() + 30 and re.search(r"from", tail)]
            found = (target, olds[0] if olds else None)
        if found[0] is not None and (best[0] is None or (best[1] is None and found[1] is not None)):
            best = found
    return best


def _is_ticker_number(folded: str, n: _Num) -> bool:
    """Numbers in "(02382.HK)" or "（2330）" are codes, not prices."""
    return folded[max(0, n.start - 1) : n.start] in ("(", "（") or folded[n.end : n.end + 3] in (
        ".hk",
        ".sh",
        ".sz",
        ".tw",
    )


def _currency(target: _Num | None, old: _Num | None, folded: str, ticker: str | None) -> str | None:
    currency = (target.currency if target else None) or (old.currency if old else None)
    explicit_rmb = re.search(r"人民币|rmb|cny", folded)
    if currency in (None, "CNY") and not explicit_rmb:
        if (ticker and ticker.endswith(".TW")) or _TAIWAN.search(folded):
            return "TWD"
        if ticker and ticker.endswith(".HK"):
            return "HKD"
    if currency is None and ticker:
        if ticker.endswith((".SH", ".SZ")):
            return "CNY"
        if ticker.endswith(".T"):
            return "JPY"
        if ":" in ticker or ticker.isalpha():
            return "USD" if "$" in folded else None
    return currency


def _ratings(folded: str) -> tuple[Hit | None, Hit | None]:
    """(new rating, old rating): "to Buy from Neutral", "from Neutral to Buy", "由「中性」升至「增持」"."""
    hits = load("ratings").find(folded)
    if not hits:
        return None, None
    for i, h in enumerate(hits[:-1]):
        nxt = hits[i + 1]
        between = folded[h.end : nxt.start]
        if len(between) > 30:
            continue
        before = folded[max(0, h.start - 6) : h.start]
        if re.search(r"(?:from|由|从)\W{0,2}$", before) and re.search(r"\bto\b|至|为", between):
            return nxt, h  # from Neutral to Buy / 由「中性」上调至「买入」
        if re.search(r"\bfrom\b", between) and not re.search(r"\bfrom\W{0,2}$", before):
            return h, nxt  # to Buy from Neutral
    return hits[0], None


def _ticker(text: str, folded: str) -> tuple[str | None, int]:
    taiwan = bool(_TAIWAN.search(folded))
    for m in _TICKER_PAREN.finditer(text):
        sym, ex = m.group("sym"), m.group("ex")
        upper = re.sub(r"\s+", "", sym.upper())
        if ex:
            ex = ex.upper()
            if ex in _EXCHANGE_SUFFIX and upper.isalpha():
                return upper + _EXCHANGE_SUFFIX[ex], m.start()
            if ex in ("HKEX", "SEHK") and upper.isdigit():
                return f"{int(upper):04d}.HK", m.start()
            return f"{ex}:{upper}", m.start()
        if upper[0].isalpha():
            if upper in _NOT_TICKERS or not sym.isupper():
                continue
            return upper, m.start()
        digits, suffix = re.match(r"(\d+)\.?([A-Z]*)", upper).groups()  # type: ignore[union-attr]
        if suffix in ("HK",) or (len(digits) == 5 and not suffix):
            return f"{int(digits):04d}.HK", m.start()
        if suffix in ("SH", "SS", "SZ", "BJ") or len(digits) == 6:
            exch = suffix if suffix in ("SZ", "BJ") else "SH" if suffix else ("SH" if digits[0] in "69" else "SZ")
            return f"{digits}.{exch.replace('SS', 'SH')}", m.start()
        if suffix in ("TW", "TWO") or (len(digits) == 4 and taiwan):
            return f"{digits}.{suffix or 'TW'}", m.start()
        if suffix == "T":
            return f"{digits}.T", m.start()
        if len(digits) == 4:
            return f"{digits}.HK", m.start()
    bare = re.search(r"\b(?:nasdaq|nyse)\s*[:：]\s*([a-z]{1,5})\b", folded)
    if bare:
        return bare.group(1).upper(), bare.start()
    # "Moderna Inc. MRNA", "UnitedHealth Group Inc. UNH": a bare symbol right after a corporate suffix
    after_suffix = re.search(
        r"\b(?:Inc|Corp|Co|Ltd|plc|AG|SA|NV)\.?\s+([A-Z]{2,5})\b(?=\s+(?:to|from|on|at|with|shares|stock|as|after))",
        text,
    )
    if after_suffix:
        return after_suffix.group(1), after_suffix.start()
    return None, -1


def _company(doc: Document, text: str, folded: str, ticker_pos: int, broker: Hit) -> str | None:
    if ticker_pos > 0:
        before = text[:ticker_pos]
        fbefore = folded[:ticker_pos]
        m = _NAME_BEFORE_ZH.search(fbefore) if re.search(r"[\u4e00-\u9fff]\s*$", fbefore) else None
        if m:
            start = m.start(1)
            brokers_in = load("brokers").find(fbefore[start:])
            if brokers_in:
                start += brokers_in[-1].end
            candidate = fbefore[start : m.end(1)]
            cut = max((mk.end() for mk in _ZH_MARKERS.finditer(candidate) if len(candidate) - mk.end() >= 2), default=0)
            start += cut
            lead = re.match(r"(?:上调|下调|调升|调降|上修|下修|升|降|削)", fbefore[start : m.end(1)])
            if lead and m.end(1) - start - lead.end() >= 2:
                start += lead.end()
            name = original(before, fbefore, start, m.end(1))
            if len(name) >= 2 and not load("brokers").find(name.lower()):
                return name
        m = _NAME_BEFORE_EN.search(before)
        if m:
            name = _COMPANY_SUFFIX.sub("", m.group(1).strip(" ,")).strip()
            words = name.split()
            # drop leading verbs / broker words: "Citi Raises Eli Lilly" → "Eli Lilly"
            while words and (
                words[0].lower()
                in (
                    "raises",
                    "lifts",
                    "cuts",
                    "lowers",
                    "upgrades",
                    "downgrades",
                    "initiates",
                    "maintains",
                    "reiterates",
                    "the",
                    "on",
                    "of",
                    "and",
                )
                or load("brokers").find(words[0].lower())
            ):
                words = words[1:]
            if words and len(" ".join(words)) >= 2:
                return " ".join(words)
    title = doc.folded_title
    for scope, orig in ((title, doc.title), (folded, text)):
        m = _EN_COMPANY_AFTER_VERB.search(scope)
        if m:
            raw = _EN_COMPANY_AFTER_VERB_STOP(m.group(1))
            if (
                raw
                and raw not in ("its", "the", "coverage", "price", "target", "rating", "shares")
                and not load("brokers").find(raw)
            ):
                start = m.start(1)
                name = original(orig, scope, start, start + len(raw))
                return _COMPANY_SUFFIX.sub("", name).strip()
        m = _ZH_COMPANY_AFTER_VERB.search(scope)
        if m and not load("brokers").find(m.group(1)):
            return original(orig, scope, m.start(1), m.end(1))
    companies = [h for h in load("pharma_companies").find(folded) if h.canonical != broker.canonical]
    return companies[0].canonical if companies else None


def _EN_COMPANY_AFTER_VERB_STOP(raw: str) -> str:
    name = _EN_NAME_STOP.sub("", raw).strip(" '’,.")
    name = re.sub(r"(?:'s|’s)$", "", name).strip()
    # "nvidia rival broadcom" → "broadcom": keep the last capitalised run when a descriptor precedes it
    m = re.search(r"\b(?:rival|peer|maker|supplier|giant|firm)\s+(.+)$", name)
    return m.group(1) if m else name


def _upside(text: str, folded: str) -> float | None:
    percents = find_percents(text)
    for rx, sign in ((_UPSIDE, 1.0), (_DOWNSIDE, -1.0)):
        for m in rx.finditer(folded):
            near = [p for p in percents if abs(p[1] - m.end()) <= 40 or abs(m.start() - p[2]) <= 40]
            if near:
                best = min(near, key=lambda p: min(abs(p[1] - m.end()), abs(m.start() - p[2])))
                if re.search(r"调幅|涨幅高达|change", folded[max(0, best[1] - 8) : best[1]]):
                    continue
                return round(sign * abs(best[0]), 4)
    return None


def _event(doc: Document, text: str, folded: str, broker: Hit, title_scope: str) -> Fields | None:
    action = _action(title_scope, folded) if title_scope else _action(folded)
    new, old = _ratings(folded)
    target, old_target = _target(text, folded)
    if action is None and not (target and new):
        return None
    if action in (None, "reiterate") and target is None and new is None:
        return None
    action = action or "reiterate"
    if action == "reiterate" and old_target is not None and target is not None:
        action = "raise_target" if target.value > old_target.value else "cut_target"
    if action in ("raise_target", "cut_target", "reiterate") and new is not None and old is not None:
        scale = ["buy", "outperform", "hold", "underperform", "sell"]
        if new.canonical != old.canonical and new.canonical in scale and old.canonical in scale:
            action = "upgrade" if scale.index(new.canonical) < scale.index(old.canonical) else "downgrade"
    fields: dict[str, Any] = {"broker": broker.canonical, "action": action}
    ticker, ticker_pos = _ticker(text, folded)
    company = _company(doc, text, folded, ticker_pos, broker)
    if company:
        fields["company"] = company
    if ticker:
        fields["ticker"] = ticker
    if new is not None:
        fields["rating"] = new.canonical
        if old is not None and old.canonical != new.canonical:
            fields["old_rating"] = old.canonical
    if target is not None:
        fields["target"] = round_value(abs(target.value))
        if old_target is not None and old_target.value != target.value:
            fields["old_target"] = round_value(abs(old_target.value))
        if currency := _currency(target, old_target, folded, ticker):
            fields["currency"] = currency
    upside = _upside(text, folded)
    if upside is not None:
        fields["upside_pct"] = upside
    return fields


@register("price_target")
def extract_price_target(doc: Document) -> Fields | list[Fields] | None:
    folded_all = doc.folded_text
    head = folded_all[: len(doc.folded_title) + 1 + HEAD]
    text = doc.text[: len(head)]
    brokers = load("brokers").find(head)
    if not brokers:
        return None
    title = doc.folded_title
    if _NOT_EQUITY.search(title) or (not title and _NOT_EQUITY.search(head[:300])):
        return None
    broker = min(brokers, key=lambda h: (h.start >= len(title), h.start))
    # One event per company when the note acts on several ("…；同时将泰格医药…", "In the same note …").
    body_start = len(title) + 1 if len(head) > len(title) else 0
    cuts = [m.start() for m in _SPLIT.finditer(head, body_start)]
    if cuts:
        bounds = [body_start, *cuts, len(head)]
        events = []
        for a, b in itertools.pairwise(bounds):
            clause, clause_text = head[a:b], text[a:b]
            if _action(clause) in ("upgrade", "downgrade", "initiate") or _TICKER_PAREN.search(clause_text):
                ev = _event(doc, clause_text, clause, broker, "")
                if ev and ev.get("company"):
                    events.append(ev)
        companies = {e["company"] for e in events}
        if len(events) >= 2 and len(companies) == len(events):
            return events
    return _event(doc, text, head, broker, title)
