"""Text machinery for `mortgage_print`: both Chinese scripts in one pattern, numbers with their kind, clauses,
and the cue words around a number (change, prior, year-ago, forecast, average…).

Works on the raw item text lowered (same length as the original), never on `Document.folded_text`: folding
through OpenCC costs more than this extractor's whole budget. Patterns are written in Simplified Chinese and
`zh()` widens every Han character to the class of its Traditional / Hong Kong / Taiwan forms at import time,
so `贷款` also reads `貸款` at no cost per item.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Final

import opencc

# ------------------------------------------------------------------------------------------ both scripts

_EXTRA_FORMS: Final = {"周": "週", "台": "臺", "于": "於", "余": "餘", "范": "範", "占": "佔", "里": "裡裏"}


@cache
def _converters() -> tuple[opencc.OpenCC, ...]:
    return tuple(opencc.OpenCC(config) for config in ("s2t", "s2hk", "s2tw"))


@cache
def _forms(ch: str) -> str:
    out = ch
    for conv in _converters():
        for variant in conv.convert(ch):
            if variant not in out:
                out += variant
    for variant in _EXTRA_FORMS.get(ch, ""):
        if variant not in out:
            out += variant
    return out


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def zh(pattern: str) -> str:
    """Widen each Han character of a regex to all its script forms (`贷` → `[贷貸]`); inside a character class
    the forms are appended. Escapes and everything else are kept as written."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        if _is_han(ch):
            forms = _forms(ch)
            out.append(forms if in_class else (f"[{forms}]" if len(forms) > 1 else ch))
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def zre(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(zh(pattern), flags)


# ------------------------------------------------------------------------------------------ preparing text

HEAD: Final = 2400  # characters of title + summary an extractor reads
_FW_DIGITS: Final = re.compile("[\uff10-\uff19\uff05\uff0e]")
_FW_TABLE: Final = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}


def prepare(text: str) -> str:
    """Lowered, capped, full-width digits folded; always the same length as `text[:HEAD]`."""
    text = text[:HEAD]
    if not text.isascii() and _FW_DIGITS.search(text):
        text = text.translate(_FW_TABLE)
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer (İ): keep length
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


# ------------------------------------------------------------------------------------------ numbers


@dataclass(slots=True)
class Num:
    """A number in the text: `value` is the plain number (scale applied), `kind` says what it measures."""

    value: float
    kind: str  # pct | bp | pp | amount | count | plain | date | tenor
    currency: str | None
    start: int
    end: int
    sign: int  # -1 when written with a minus sign (or 负)
    scaled: bool = False  # written with a scale word (亿, billion, k)
    approx: bool = False  # 3萬多, 5000余: an approximate figure, never a print


_CUR_PREFIX: Final = {
    "hk$": "HKD", "us$": "USD", "nt$": "TWD", "£": "GBP", "$": "USD", "€": "EUR", "¥": "CNY", "rmb": "CNY",
    "cny": "CNY", "gbp": "GBP", "usd": "USD", "hkd": "HKD", "twd": "TWD",
}  # fmt: skip
_SCALE: Final = {
    "万亿": 1e12, "萬億": 1e12, "亿": 1e8, "億": 1e8, "万": 1e4, "萬": 1e4, "兆": 1e12, "trillion": 1e12,
    "tn": 1e12, "trn": 1e12, "billion": 1e9, "bn": 1e9, "bln": 1e9, "million": 1e6, "mn": 1e6, "mln": 1e6,
    "m": 1e6, "thousand": 1e3, "k": 1e3,
}  # fmt: skip
_CUR_SUFFIX: Final = {
    "元": None, "港元": "HKD", "港币": "HKD", "港幣": "HKD", "英镑": "GBP", "英鎊": "GBP", "镑": "GBP", "鎊": "GBP",
    "美元": "USD", "人民币": "CNY", "人民幣": "CNY", "新台币": "TWD", "新台幣": "TWD", "台币": "TWD", "台幣": "TWD",
    "yuan": "CNY", "renminbi": "CNY", "pounds": "GBP", "pound": "GBP", "sterling": "GBP", "dollars": "USD",
    "dollar": "USD", "us dollars": "USD", "hong kong dollars": "HKD",
}  # fmt: skip
_NUM: Final = re.compile(
    r"(?P<cur>hk\$|us\$|nt\$|£|\$|€|¥|(?<![a-z])(?:rmb|cny|gbp|usd|hkd|twd) ?)?"
    r"(?P<n>\d{1,3}(?:,\d{3}){1,4}(?![\d,])(?:\.\d{1,6})?|\d{1,3}(?: \d{3})(?![\d.,])|\d{1,12}(?:\.\d{1,6})?)"
    r"(?P<sc> ?(?:万亿|萬億|亿|億|万|萬|兆(?![瓦赫])|trillion|billion|million|thousand|trn|tn|bln|bn|mln|mn|m|k)"
    r"(?![a-z]))?"
    r"(?P<u>\.? ?(?:%|％|percent(?:age points?)?|per ?cent|pct|ppts?|pp|个百分点|個百分點|百分点|百分點"
    r"|basis points?|bps?|个基点|個基點|基点|基點)(?![a-z]))?"
    r"(?P<cs> ?(?:元人民币|元人民幣|港元|港币|港幣|英镑|英鎊|镑|鎊|美元|人民币|人民幣|新台币|新台幣|台币|台幣|元"
    r"|yuan|renminbi|pounds?|sterling|us dollars|hong kong dollars|dollars?)(?![a-z]))?"
    r"(?P<cu> ?(?:宗|件|个(?![月百基])|個(?![月百基])|份(?!额)|点|點)(?![a-z]))?"
)
_DATE_AFTER: Final = zre(
    r"\s?(?:年期|年|月|日|号|周|个月|季|期|天|-year|-yr|-month|-week| years?| months?| weeks?| days?)"
)
_SIGN_BEFORE: Final = zre(r"(?:^|[\s(（:：,，])[-−]$|负$")
_COUNT_WORD_AFTER: Final = re.compile(r" ?(?:[a-z-]+ ){0,2}(?:approvals|applications|mortgages)\b")


def scan_numbers(t: str) -> list[Num]:
    """Every number of `t` (lowered text) with its kind: pct, bp, pp, amount (with a currency or a big
    scale), count (thousands separators, 宗/件, k), date or tenor (2025年, 30-year), or plain."""
    out: list[Num] = []
    for m in _NUM.finditer(t):
        s = m.start("n")
        cur = m.group("cur")
        if s > 0 and not cur and t[s - 1].isascii() and (t[s - 1].isalpha() or t[s - 1] == "_"):
            continue  # q3, abc123: part of a code
        if s > 1 and t[s - 1] == "." and t[s - 2].isdigit():
            continue  # 1.2.3
        raw = m.group("n").replace(",", "").replace(" ", "")
        value = float(raw)
        sc, unit, cs, cu = m.group("sc"), m.group("u"), m.group("cs"), m.group("cu")
        currency: str | None = _CUR_PREFIX.get(cur.strip()) if cur else None
        if cs:
            word = cs.strip()
            word = "人民币" if word.startswith("元人民") else word
            suffix = _CUR_SUFFIX.get(word)
            currency = suffix if suffix is not None else (currency if currency is not None else "")
        scale_word = sc.strip() if sc else ""
        if unit:
            u = unit.strip(" .")
            if "百分" in u or u.startswith(("percentage", "pp")):
                kind = "pp"
            elif "基" in u or u.startswith("b"):
                kind = "bp"
            else:
                kind = "pct"
        else:
            scale = _SCALE.get(scale_word) if scale_word else None
            if scale_word == "m" and currency is None:
                scale = None  # "5m" alone is metres or months
            if scale:
                value = float(Decimal(raw) * Decimal(int(scale)))
            cword = cu.strip() if cu else ""
            if currency is not None:
                kind = "amount"
            elif cword in ("宗", "件", "个", "個", "份") or scale_word == "k":
                kind = "count"
            elif scale and scale >= 1e6:
                kind = "amount"
            elif cword in ("点", "點"):
                kind = "plain"
            elif "," in m.group("n") or " " in m.group("n") or _COUNT_WORD_AFTER.match(t, m.end()):
                kind = "count"
            elif scale_word:
                kind = "plain"
            else:
                after = _DATE_AFTER.match(t, m.end("n"))
                if after:
                    kind = "tenor" if ("year" in after.group() or "期" in after.group()) else "date"
                elif "." not in raw and 1900 <= value <= 2100:
                    kind = "date"
                else:
                    kind = "plain"
        start, sign = m.start(), 1
        if _SIGN_BEFORE.search(t, max(0, start - 2), start):
            sign, start = -1, start - 1
        elif start > 0 and t[start - 1] == "+":
            start -= 1
        approx = t.startswith(("多", "余", "餘"), m.end()) if not cu else False
        out.append(Num(value, kind, currency, start, m.end(), sign, bool(scale_word), approx))
    return out


# ------------------------------------------------------------------------------------------ sentences

_SENT_END: Final = re.compile(r"[。！？!?；;\n]|\.(?=\s)|\.$")
_ABBREV: Final = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "corp",
        "inc",
        "co",
        "ltd",
        "no",
        "st",
        "mr",
        "ms",
        "dr",
        "vs",
        "est",
        "approx",
        "e.g",
        "i.e",
        "w.e",
    ]
)
_WORD_BEFORE: Final = re.compile(r"([a-z.]{1,6})$")


def sentence_ends(t: str) -> list[int]:
    """Offsets just after each sentence end (abbreviations and decimals are not ends)."""
    ends: list[int] = []
    for m in _SENT_END.finditer(t):
        if m.group() == ".":
            w = _WORD_BEFORE.search(t, max(0, m.start() - 6), m.start())
            if w and (w.group(1).lstrip(".") in _ABBREV or len(w.group(1).strip(".")) == 1):
                continue
        ends.append(m.end())
    if not ends or ends[-1] != len(t):
        ends.append(len(t))
    return ends


def sentence_span(ends: list[int], pos: int) -> tuple[int, int]:
    i = bisect_right(ends, pos)
    start = ends[i - 1] if i > 0 else 0
    end = ends[i] if i < len(ends) else ends[-1]
    return start, end


# ------------------------------------------------------------------------------------------ cues

_DOWN = (
    r"(?<![a-z])(?:fell|falls?|falling|dropped|drops?|dropping|declined|declines?|declining|decreased|decreases?|decreasing"
    r"|down|slipped|slips?|slid|slides?|eased|eases|easing|dipped|dips?|plunged?|plunges|plunging|tumbled?"
    r"|tumbles|sank|sinks?|shrank|shrinks?|shrunk|contracted|contracts?|lost|retreated|slumped|slumps?|dove"
    r"|lower|a (?:decrease|drop|fall|decline|contraction) of|net repayments? of|repaid|minus)"
    r"|减少|下降|下跌|下滑|回落|暴跌|大跌|急跌|跌|降|减|收缩|缩减|下挫|下调"
)
_UP = (
    r"(?<![a-z])(?:rose|rises?|rising|increased|increases?|increasing|up|jumped|jumps?|jumping|gained?|gains|climbed|climbs?"
    r"|climbing|surged?|surges|surging|soared|soars?|grew|grows?|growing|added|advanced|edged up|edged higher"
    r"|higher|picked up|rebounded|a (?:rise|gain|increase|jump) of)"
    r"|增加|上升|上涨|上扬|回升|暴涨|大涨|急升|飙升|攀升|升|涨|扬|增|新增"
)
_FILL = r"(?:\s?(?:by|of))?(?:\s?(?:about|around|nearly|roughly|some|just|only|a scant|a further|another|an? (?:seasonally )?adjusted|约|近|逾|超过|了|达|達))*"
# A change written right before the number (no "to"/"至" between): "fell 2.3%", "按月減少2.2%".
CHANGE_BEFORE: Final = zre(
    rf"(?:{_DOWN}|{_UP})(?:\s?(?:week[- ]over[- ]week|month[- ]on[- ]month|on the week|w/w))?{_FILL}\s?$"
)
DOWN_BEFORE: Final = zre(rf"(?:{_DOWN}){_FILL}\s?$")
UP_BEFORE: Final = zre(rf"(?:{_UP}){_FILL}\s?$")
CHANGE_AFTER: Final = zre(
    r"^\s?(?:more|less|fewer|higher|lower|above|below) than|^\s?(?:increase|decrease|rise|fall|drop|gain)"
    r"|^\s?(?:up|down)\b|^\s?(?:from|compared with) (?:the )?(?:previous|prior|last|a) (?:week|month)"
)
# Comparison with the same period a year earlier (not a prior for weekly and monthly series).
YEAR_AGO_LEAD: Final = zre(
    r"\s?(?:(?:a|one) year (?:ago|earlier)|(?:at )?this time last year|去年同期|一年前|上年同期)"
)
YEAR_AGO: Final = zre(
    r"year[- ]ago|a year (?:ago|earlier|before)|one year (?:ago|earlier)|last year|previous year|prior year"
    r"|same (?:week|month|period|quarter|time)|year[- ]on[- ]year|year[- ]over[- ]year|\by/y\b|\byoy\b|annual"
    r"|a year earlier|twelve-month|12-month|同比|按年|去年同期|上年同期|一年前|年增|年减|年率|按年率"
)
DIFF_BEFORE: Final = zre(r"(?:多增|少增|多减|少减|同比多|同比少|(?:比|较)[^，,。；\d]{0,10}(?:多|少))\s?$")
AVERAGE: Final = zre(
    r"(?:month|monthly|months'?|weekly|six-month|three-month|12-month|pre-pandemic|past \w+ months?|previous \w+ months?)"
    r" average|average (?:seen|since|over)|on average|平均水平|月均"
)
FORECAST: Final = zre(
    r"forecast|expect|predict|project(?:ed|ion)|estimate|\bpoll|consensus|outlook|\bsees?\b|\bwill\b|\bwould\b"
    r"|\bcould\b|\bmight\b|\blikely\b|\btarget|\bhopes?\b"
    r"|预计|预测|预期|预估|(?<![资材原饮燃颜史香布涂肥草笑照])料(?!理)|或将|有望|估计|展望|目标|前瞻|或(?=[升降增减录达为])"
)
FORECAST_AFTER: Final = zre(r"^\s?(?:expected|forecast|estimate|consensus|f'cast|exp\b|预期|预估|预测)")
UNADJUSTED: Final = zre(r"unadjusted|not seasonally adjusted|未经季节调整|未经季调|未季调|non-seasonally")
REVISED_FROM: Final = zre(r"revised (?:down|up|lower|higher)?\s?from\s?$|修正")
# Words naming the previous observation itself: "prior", "前值", "前一周为", "after a £1.2bn gain in May".
PRIOR_STRONG: Final = zre(
    r"\bprior\b|\bprevious(?:ly)?\b|\bafter an?\b|\bfollowing an?\b|having (?:increased|risen|grown|fallen|decreased|dropped"
    r"|declined|climbed|jumped|slipped)|last week'?s|a week (?:ago|earlier)|when it (?:averaged|stood|was)"
    r"|前值|前一[周月期](?:为|的|是)|前[周月](?:为|的|是)|上一?[周月期](?:为|的|是)|此前|继"
)
# Comparisons: the number after them is the base, unless a change verb follows ("较前一周上升0.6%").
PRIOR_COMPARE: Final = zre(
    r"\bfrom\b|\bversus\b|\bvs\.?|compared (?:with|to)|\bagainst\b"
    r"|由\s?(?=前|上|去年|此前|\d|[一二三四五六七八九十])"
    r"|(?:相?较于?|相?比于?|低于|高于|少于|多于|不及)\s?(?:前一?|上一?)\s?[周月期年]?度?"
    r"|(?:较|比|低于|高于|少于|多于|不及|由)\s?(?:\d{4}\s?年\s?)?\d{1,2}\s?月(?:份)?(?:的|末)?"
    r"|(?:较|比)\s?\d{4}\s?年(?:的)?"
)
PRIOR_AFTER: Final = zre(
    r"^\s?(?:[,，]\s?)?(?:(?:in|for|during|at) )?(?:the )?(?:previous|prior|preceding) (?:week|month|quarter|reading|period)"
    r"|^\s?(?:[,，]\s?)?(?:a|one) (?:week|month) (?:ago|earlier|before)|^\s?(?:[,，]\s?)?(?:in )?(?:the )?(?:week|month) before"
    r"|^\s?\)?\s?prior\b|^\s?(?:[,，]\s?)?the week prior"
)
UNCHANGED: Final = zre(
    r"unchanged|held steady at|(?<!roughly )steady at|remained at|remain(?:ed)? at|was flat|flat at|kept|维持|持平|不变|按兵不动|未变|保持在"
)
PREVIOUS_REF: Final = zre(
    r"(?:from|as) (?:the )?(?:previous|prior|last|a) (?:week|month|quarter|reading|period)|from last week|previous reading"
    r"|与上[月期周]|较上[月期周]|和上[月期周]|上[月期]持平|与前[一]?[周月期]|same as (?:the )?(?:previous|last)"
)
