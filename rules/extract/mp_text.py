"""Text machinery for `mortgage_print`: both Chinese scripts in one pattern, numbers with their kind, clauses,
and the cue words around a number (change, prior, year-ago, forecast, average…).

Works on the raw item text lowered (same length as the original), never on `Document.folded_text`: folding
through OpenCC costs more than this extractor's whole budget. Patterns are written in Simplified Chinese and
`zh()` widens every Han character to the class of its Traditional / Hong Kong / Taiwan forms at import time,
so `贷款` also reads `貸款` at no cost per item.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from typing import Final

from rules.extract.zh_forms import convert

# ------------------------------------------------------------------------------------------ both scripts

# Spellings OpenCC's Simplified → Traditional tables never write but Hong Kong and Taiwan papers do (凈額 for 淨額)
_EXTRA_FORMS: Final = {"周": "週", "台": "臺", "于": "於", "余": "餘", "范": "範", "占": "佔", "里": "裡裏", "净": "凈"}


@cache
def _forms(ch: str) -> str:
    out = ch
    for config in ("s2t", "s2hk", "s2tw"):
        for variant in convert(config, ch):
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


def zalt(*alts: str) -> str:
    """Alternatives that each begin with a literal character, Han first characters split into one alternative
    per script form (`预计` → `预[计計]|預[计計]`): the regex engine then skips to candidate first characters
    instead of trying every position (a class or an assertion at the start defeats that)."""
    out: list[str] = []
    for alt in alts:
        head, rest = alt[0], zh(alt[1:])
        heads = _forms(head) if _is_han(head) else head
        out.extend(h + rest for h in heads)
    return "|".join(out)


# ------------------------------------------------------------------------------------------ preparing text

HEAD: Final = 2400  # characters of title + summary an extractor reads
_FW_DIGITS: Final = re.compile("[\uff10-\uff19\uff05\uff0e]")
_FW_TABLE: Final = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}


def prepare(text: str) -> str:
    """Lowered, capped, full-width digits folded; always the same length as `text[:HEAD]`."""
    text = text[:HEAD]
    if not text.isascii() and _FW_DIGITS.search(text):
        text = text.translate(_FW_TABLE)
    if "\ufe52" in text:  # 經濟通 writes decimals with a small full stop: 0﹒13%
        text = text.replace("\ufe52", ".")
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer (İ): keep length
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if not low.isascii() and _ZH_NUM_HINT.search(low):
        low = _ZH_NUM_RUN.sub(_zh_digits, low)
    return low


# Figures written in Chinese numerals, as radio and TV newsrooms write them ("一百四十六億元", "百分之零點四"):
# rewritten as digits, right-aligned in the same width so offsets still match the original text. Only runs that
# a scale word or a count unit follows, or that 百分之 leads, are figures (not 一手, 五大銀行, 十月).
_ZH_DIGIT: Final = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "兩": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_UNIT: Final = {"十": 10, "百": 100, "千": 1000}
_ZH_NUM_HINT: Final = re.compile(r"百分之|[一二兩两三四五六七八九十百千][億亿萬万兆宗]")
_ZH_NUM_RUN: Final = re.compile(
    r"百分之(?P<pct>[零〇○一二兩两三四五六七八九十百點点]{1,10})"
    r"|(?<![零〇○一二兩两三四五六七八九十百千點点])(?P<num>[零〇○一二兩两三四五六七八九十百千點点]{1,12})"
    r"(?=[億亿萬万兆](?![零〇一二兩两三四五六七八九十百千])|宗|個案|个案)"
)


def _zh_int(s: str) -> int | None:
    """一百四十六 → 146, 兩千 → 2000, 十二 → 12; digits alone are read one by one as newspapers write them (五六七 →
    567, 二○○九 → 2009)."""
    if len(s) > 1 and all(ch in _ZH_DIGIT for ch in s):
        return int("".join(str(_ZH_DIGIT[ch]) for ch in s))
    total, digit, seen_unit = 0, None, False
    for ch in s:
        if ch in _ZH_DIGIT:
            if digit is not None and not seen_unit:
                return None
            digit = _ZH_DIGIT[ch]
        elif ch in _ZH_UNIT:
            total += (1 if digit is None else digit) * _ZH_UNIT[ch]
            digit, seen_unit = None, True
        else:
            return None
    return total + (digit or 0)


def _zh_value(s: str) -> str | None:
    whole, _, frac = s.replace("点", "點").partition("點")
    n = _zh_int(whole) if whole else 0
    if n is None or (whole and whole[0] in "零〇○" and len(whole) > 1):
        return None
    if not frac:
        return str(n) if whole else None
    if any(ch not in _ZH_DIGIT for ch in frac):
        return None
    return f"{n}." + "".join(str(_ZH_DIGIT[ch]) for ch in frac)


def _zh_digits(m: re.Match[str]) -> str:
    raw = m.group()
    value = _zh_value(m.group("pct") or m.group("num"))
    if value is None:
        return raw
    out = value + ("%" if m.group("pct") else "")
    return out.rjust(len(raw)) if len(out) <= len(raw) else raw


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
    digits: tuple[int, int] = (0, 0)  # where the digits themselves are
    scale: float = 1.0  # the scale word's factor (亿 → 1e8, bn → 1e9): `value / scale` is the number as written
    stated_unit: str = ""  # the amount's unit as the source states it: 亿元, 萬億元, billion GBP
    bare_dollar: bool = False  # written with a bare "$" (Hong Kong and Taiwan outlets write their own dollar so)


_CUR_PREFIX: Final = {
    "hk$": "HKD", "us$": "USD", "nt$": "TWD", "$us": "USD", "nz$": "NZD", "a$": "AUD", "c$": "CAD", "s$": "SGD",
    "£": "GBP", "$": "USD", "€": "EUR", "¥": "CNY", "rmb": "CNY",
    "cny": "CNY", "gbp": "GBP", "usd": "USD", "hkd": "HKD", "twd": "TWD",
}  # fmt: skip
_SCALE: Final = {
    "万亿": 1e12, "萬億": 1e12, "亿": 1e8, "億": 1e8, "万": 1e4, "萬": 1e4, "兆": 1e12, "trillion": 1e12,
    "tn": 1e12, "trn": 1e12, "trln": 1e12, "tln": 1e12, "billion": 1e9, "bn": 1e9, "bln": 1e9, "million": 1e6, "mn": 1e6, "mln": 1e6,
    "m": 1e6, "b": 1e9, "thousand": 1e3, "k": 1e3,
}  # fmt: skip
_SCALE_NAME: Final = {
    "trillion": "trillion", "tn": "trillion", "trn": "trillion", "trln": "trillion", "tln": "trillion", "billion": "billion", "bn": "billion",
    "bln": "billion", "b": "billion", "million": "million", "mn": "million", "mln": "million", "m": "million",
}  # fmt: skip
_CUR_SUFFIX: Final = {
    "元": None, "港元": "HKD", "港币": "HKD", "港幣": "HKD", "英镑": "GBP", "英鎊": "GBP", "镑": "GBP", "鎊": "GBP",
    "美元": "USD", "人民币": "CNY", "人民幣": "CNY", "新台币": "TWD", "新台幣": "TWD", "台币": "TWD", "台幣": "TWD",
    "yuan": "CNY", "renminbi": "CNY", "pounds": "GBP", "pound": "GBP", "sterling": "GBP", "dollars": "USD",
    "dollar": "USD", "us dollars": "USD", "hong kong dollars": "HKD",
}  # fmt: skip
# Digit-led (the first element is `\\d`, so the regex engine skips to digits); the currency written before
# the number is read by `_PREFIX` on the few characters before it.
_NUM: Final = re.compile(
    r"(?P<n>\d(?:\d{0,2}(?:,\d{3}){1,4}(?!\d|,\d)(?:\.\d{1,6})?|\d{0,2} \d{3}(?!\d|[.,]\d)|\d{0,11}(?:\.\d{1,6})?))"
    r"(?P<sc> ?(?:万亿|萬億|亿|億|万|萬|兆(?![瓦赫])|trillion|billion|million|thousand|trln|tln|trn|tn|bln|bn|mln|mn|m|b|k)"
    r"(?![a-z]))?"
    r"(?P<u>\.? ?(?:%|％|percent(?:age points?)?|per ?cent|pct|ppts?|pp|个百分点|個百分點|百分点|百分點"
    r"|basis points?|bps?|个基点|個基點|基点|基點|厘(?!米))(?![a-z]))?"
    r"(?P<cs> ?(?:元人民币|元人民幣|港元|港币|港幣|英镑|英鎊|镑|鎊|美元|人民币|人民幣|新台币|新台幣|台币|台幣|元"
    r"|yuan|renminbi|pounds?|sterling|us dollars|hong kong dollars|dollars?)(?![a-z]))?"
    r"(?P<cu> ?(?:宗|件|个(?![月百基])|個(?![月百基])|份(?!额)|点|點)(?![a-z]))?"
)
_PREFIX: Final = re.compile(
    r"(?:hk\$|us\$|nt\$|\$us|nz\$|(?<![a-z])[acs]\$|£|\$|€|¥|(?<![a-z])(?:rmb|cny|gbp|usd|hkd|twd) ?)$"
)
_DATE_AFTER: Final = zre(
    r"\s?(?:年期|年|月|日|号|周|个月|季|期|天|-year|-yr|-month|-week| years?| months?| weeks?| days?)"
)
_COUNT_WORD_AFTER: Final = re.compile(r" ?(?:[a-z-]+ ){0,2}(?:approvals|applications|mortgages)\b")
_PREFIX_LAST: Final = frozenset("$£€¥ bdpyfs")
_DATE_NEXT: Final = frozenset("年月日号號周週个個季期天-")
_SIGN_SEP: Final = frozenset(" \n(（:：,，")
_COUNT_UNITS: Final = frozenset(("宗", "件", "个", "個", "份"))
_APPROX_NEXT: Final = frozenset("多余餘")
_APPROX_AFTER: Final = zre(r"\s?(?:之上|以上|之下|以下|左右|上下)")  # 600亿元之上: "over 600 billion", a threshold


def scan_numbers(t: str) -> list[Num]:
    """Every number of `t` (lowered text) with its kind: pct, bp, pp, amount (with a currency or a big
    scale), count (thousands separators, 宗/件, k, thousand), date or tenor (2025年, 30-year), or plain."""
    out: list[Num] = []
    size = len(t)
    for m in _NUM.finditer(t):
        s = m.start()
        before = t[s - 1] if s > 0 else " "
        pm = _PREFIX.search(t, max(0, s - 4), s) if before in _PREFIX_LAST else None
        if pm is None and before.isascii() and (before.isalpha() or before == "_"):
            continue  # q3, abc123: part of a code
        if before == "." and s > 1 and t[s - 2].isdigit():
            continue  # 1.2.3
        n, sc, unit, cs, cu = m.groups()
        raw = n.replace(",", "").replace(" ", "")
        value = float(raw)
        e = m.end()
        currency: str | None = _CUR_PREFIX.get(pm.group().strip()) if pm else None
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
            elif scale_word == "b" and currency is None and "," not in n and "." not in n:
                scale = None  # "3b" alone is a label; "1,360B", "1.2b" are billions
            if scale:
                value = float(Decimal(raw) * Decimal(int(scale)))
            cword = cu.strip() if cu else ""
            if currency is not None:
                kind = "amount"
            elif cword in _COUNT_UNITS or scale_word in ("k", "thousand"):
                kind = "count"
            elif scale and scale >= 1e6:
                kind = "amount"
            elif cword or scale_word:
                kind = "plain"
            elif "," in n or " " in n or (e < size and t[e] == " " and _COUNT_WORD_AFTER.match(t, e)):
                kind = "count"
            else:
                kind = "plain"
                ne = m.end("n")
                nxt = t[ne] if ne < size else ""
                if nxt == " " and ne + 1 < size:
                    nxt = t[ne + 1] if t[ne + 1] in _DATE_NEXT else ("-" if t[ne + 1] in "ymwd" else "")
                if nxt in _DATE_NEXT and nxt:
                    after = _DATE_AFTER.match(t, ne)
                    if after:
                        g = after.group()
                        kind = "tenor" if ("year" in g or "期" in g) else "date"
                if kind == "plain" and "." not in raw and 1900 <= value <= 2100:
                    kind = "date"
        start, sign = (pm.start() if pm else s), 1
        c = t[start - 1] if start > 0 else ""
        if (c in ("-", "−") and (start < 2 or t[start - 2] in _SIGN_SEP)) or c in ("负", "負"):
            sign, start = -1, start - 1
        elif c == "+":
            start -= 1
        approx = not cu and e < size and t[e] in _APPROX_NEXT
        if not approx and kind not in ("date", "tenor") and e < size and not t[e].isascii():
            approx = _APPROX_AFTER.match(t, e) is not None
        factor, stated = 1.0, ""
        if kind == "amount":
            factor, stated = _stated(scale_word, cs.strip() if cs else "", currency)
        num = Num(value, kind, currency, start, e, sign, bool(scale_word), approx, m.span("n"), factor, stated)
        if pm is not None and pm.group() == "$":
            num.bare_dollar = True
        out.append(num)
    return _compound(out)


def _compound(nums: list[Num]) -> list[Num]:
    """ "11兆4864.71億元", "12万3456亿元": one amount written in two scales (兆/万亿 then 亿), in the smaller unit."""
    for k in range(len(nums) - 1, 0, -1):
        a, b = nums[k - 1], nums[k]
        if a.end != b.start or b.kind != "amount" or b.scale != 1e8 or a.sign < 0:
            continue
        lead = a.value / 1e12 if a.scale == 1e12 else a.value / 1e4 if a.value % 1e4 == 0 and not a.stated_unit else 0
        if not lead or lead != int(lead):
            continue
        nums[k - 1 : k + 1] = [replace(b, value=lead * 1e12 + b.value, start=a.start)]
    return nums


def _stated(scale_word: str, suffix: str, currency: str | None) -> tuple[float, str]:
    """The factor of an amount's scale word and its unit as written: 亿 + 元 → (1e8, "亿元"); bn + £ →
    (1e9, "billion GBP"). Chinese units keep the source's script (億港元); English ones name the currency."""
    factor = _SCALE.get(scale_word) if scale_word else None
    if not factor or (scale_word == "m" and currency is None):
        return 1.0, suffix or (currency or "")
    if scale_word in _SCALE_NAME:
        return factor, f"{_SCALE_NAME[scale_word]} {currency or suffix}".strip()
    return factor, scale_word + (suffix or (currency or ""))


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
    r" average|average (?:seen|since|over)|on average|过去[^,，。；]{0,12}平均水平|历史平均水平|长期平均水平|月均"
)
FORECAST: Final = re.compile(
    zalt(
        "forecast",
        "f'cast",
        "expect",
        "predict",
        "projected",
        "projection",
        "estimate",
        r"p(?<![a-z]p)oll",
        "consensus",
        "outlook",
        r"s(?<![a-z]s)ees?(?![a-z])(?=(?:\s[\w'-]{1,20}){0,4}?\s(?:at|to|near|around|above|below|falling|rising|ending"
        r"|staying|hitting|dropping|climbing|easing|averaging|more(?! than)|further|another|additional|cuts?|hikes?)"
        r"(?![a-z]))",
        r"w(?<![a-z]w)ill(?![a-z])",
        r"w(?<![a-z]w)ould(?![a-z])",
        r"s(?<![a-z]s)hould(?![a-z])",
        r"c(?<![a-z]c)ould(?![a-z])",
        r"m(?<![a-z]m)ight(?![a-z])",
        r"l(?<![a-z]l)ikely",
        r"t(?<![a-z]t)arget",
        r"h(?<![a-z]h)opes?(?![a-z])",
        r"h(?<![a-z]h)eaded",
        "预计",
        "预测",
        "预期",
        "预估",
        r"料(?<![资材原饮燃颜史香布涂肥草笑照]料)(?!理)",
        "或将",
        "有望",
        "估计",
        "展望",
        "目标",
        "前瞻",
        "预告",
        r"或(?=[升降增减录达为])",
    )
)
# "1.2 trillion (expected)": the number before is the forecast; in "set at 3.1% expected 3.1%" the next one is
FORECAST_AFTER: Final = zre(
    r"^\s?(?:(?:that|which) (?:[a-z]+ ){0,3}?(?:had |have )?(?=expected|forecast|predicted|anticipated))?"
    r"(?:expected|forecast|estimate|consensus|f'cast|exp\b|predicted|anticipated|预期|预估|预测)"
    r"(?!\s?(?:of |at |was |is |:)?\s?[-+]?\d)"
)
UNADJUSTED: Final = re.compile(
    zalt("unadjusted", "not seasonally adjusted", "未经季节调整", "未经季调", "未季调", "non-seasonally")
)
REVISED_FROM: Final = zre(r"revised (?:down|up|lower|higher)?\s?from\s?$|修正")
# Words naming the previous observation itself: "prior", "前值", "前一周为", "after a £1.2bn gain in May".
PRIOR_STRONG: Final = zre(
    r"\bprior\b|\bprevious(?:ly)?\b|\bafter an?\b|\bfollowing an?\b|having (?:increased|risen|grown|fallen|decreased|dropped"
    r"|declined|climbed|jumped|slipped)|last week'?s|a week (?:ago|earlier)|when it (?:averaged|stood|was|rose|fell|increased"
    r"|decreased|gained|dropped|declined|jumped|climbed|slipped)"
    r"|前值|前一[周月期](?:为|的|是)|前[周月](?:为|的|是)|上一?[周月期](?:为|的|是)|此前|继"
)
# Comparisons: the number after them is the base, unless a change verb follows ("较前一周上升0.6%").
PRIOR_COMPARE: Final = zre(
    r"\bfrom\b|\bversus\b|\bvs\.?|compared (?:with|to)|compares? (?:with|to)|\bagainst\b"
    r"|\b(?:well|far) (?:below|above)\b|\b(?:below|above) the\b"
    r"|[由从]\s?(?=前|上|去年|此前|\d|[一二三四五六七八九十])"
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
    r"unchanged|held steady at|(?<!roughly )steady at|remained at|remain(?:ed)? at|was flat|flat at|kept|"
    r"(?:exact |exactly )?(?:the )?same (?:mark|level|rate|reading|figure) as|维持|持平|不变|按兵不动|未变|保持在"
)
PREVIOUS_REF: Final = zre(
    r"(?:from|as) (?:the )?(?:previous|prior|last|a) (?:week|month|quarter|reading|period)|from last week|previous reading"
    r"|与上[月期周]|较上[月期周]|和上[月期周]|上[月期]持平|与前[一]?[周月期]|same as (?:the )?(?:previous|last)"
)

# ------------------------------------------------------------------------------------------ combined cues
# The cues above, combined so that a number's surroundings are read with four regex calls, once per number.


def _body(rx: re.Pattern[str]) -> str:
    """A compiled cue's pattern without its `^` / `$` anchors, to be re-assembled below."""
    return rx.pattern.lstrip("^").removesuffix(r"\s?$").removesuffix("$")


# End of the text before a number: a change verb ("fell 2.3%"), a level introducer ("to 6.18%", "至249億元"),
# a difference (同比多增), a revision ("revised down from").
PRE_TAIL: Final = re.compile(
    rf"(?:(?P<down>{zh(_DOWN)})|(?P<up>{zh(_UP)}))(?:\s?(?:week[- ]over[- ]week|month[- ]on[- ]month|on the week|w/w))?"
    rf"{zh(_FILL)}\s?$"
    r"|(?P<to>(?:\bto|\bat|至|降至|升至|增至|达到|達到|达|達|为|為|(?:下|上)?(?:降|升)到了?)\s?"
    r"(?:an? (?:average|total|level|rate|seasonally adjusted rate) of\s?)?(?:hk\$|us\$|£|\$)?$)"
    rf"|(?P<diff>{_body(DIFF_BEFORE)}\s?$)"
    rf"|(?P<rev>revised (?:down|up|lower|higher)?\s?from\s?$)"
)
# Anywhere in the text before a number.
PRE_ANY: Final = re.compile(
    rf"(?P<ya>{YEAR_AGO.pattern})|(?P<avg>{AVERAGE.pattern})|(?P<strong>{PRIOR_STRONG.pattern})"
    rf"|(?P<cmp>{PRIOR_COMPARE.pattern})"
)
# Right after a number.
POST_HEAD: Final = re.compile(
    rf"(?P<pafter>{PRIOR_AFTER.pattern.replace('^', '')})|(?P<chafter>{CHANGE_AFTER.pattern.replace('^', '')})"
    rf"|(?P<fcafter>{FORECAST_AFTER.pattern.replace('^', '')})"
    r"|(?P<downafter>\s?(?:yuan |pounds |dollars )?(?:decline|drop|fall|decrease|contraction|net repayment|repayment)s?\b)"
)
# Anywhere in the clause after a number.
POST_ANY: Final = re.compile(rf"(?P<ya>{YEAR_AGO.pattern})|(?P<avg>{AVERAGE.pattern})")


# ------------------------------------------------------------------------------------------ cue words as data
# The same cues as literal-led alternatives (registered in the item lexicon, see mp_families), and the verbs
# that end the text before a number, read with str.endswith.

CUE_WORDS: Final = {
    "ya": (
        r"year[- ]ago", r"a year (?:ago|earlier|before)", r"one year (?:ago|earlier)", r"last year", r"previous year",
        r"prior year", r"same (?:week|month|period|quarter|time)", r"year[- ]on[- ]year", r"year[- ]over[- ]year",
        r"annual", r"twelve-month", r"12-month", r"同比", r"按年", r"去年同期", r"上年同期", r"一年前", r"年增", r"年减",
        r"年率",
    ),
    "avg": (
        r"months?'? average", r"monthly average", r"weekly average", r"six-month average", r"three-month average",
        r"12-month average", r"pre-pandemic average", r"year[- ]to[- ]date average", r"ytd average", r"past \w+ months? average", r"previous \w+ months? average",
        # (not 全国平均水平: the national rate itself)
        r"average (?:seen|since|over)", r"on average", r"过去[^,，。；]{0,12}平均水平", r"历史平均水平", r"长期平均水平", r"月均",
    ),
    "strong": (
        r"previous(?:ly)?(?![a-z])", r"following(?: an?(?![a-z])| ?(?=[£$€¥]|us\$|hk\$|\d))",
        # one pattern per literal beginning: "after a", "after £1.1bn", "after climbing by"
        r"after(?: an?(?![a-z])| ?(?=[£$€¥]|us\$|hk\$|\d)| (?:climbing|rising|falling|increasing|decreasing|dropping"
        r"|jumping|gaining|declining|edging|inching|slipping|growing|surging|dipping|sliding|shrinking|contracting))",
        r"having (?:increased|risen|grown|fallen|decreased|dropped|declined|climbed|jumped|slipped)",
        r"last week(?:'?s|,? (?:the (?:\w+ )?rate |it )?(?:averaged|stood at|was))",
        r"a week (?:ago|earlier)",
        r"when it (?:averaged|stood|was|rose|fell|increased|decreased|gained|dropped|declined|jumped|climbed|slipped)",
        r"revised (?:up|down|higher|lower)?\s?to(?: show)?", r"前值", r"前一[周月期](?:为|的|是)",
        r"修[正订]后?为",
        r"前[周月](?:为|的|是)", r"上一?[周月期](?:为|的|是)", r"此前", r"继",
        r"一周前(?:为|的|是)", r"一个?月前(?:为|的|是)",
    ),
    "cmp": (
        r"from(?![a-z])", r"versus(?![a-z])", r"vs(?![a-z])", r"compared (?:with|to)", r"compares? (?:with|to)",
        r"against(?![a-z])",
        r"well below(?![a-z])", r"well above(?![a-z])", r"far below(?![a-z])", r"far above(?![a-z])",
        r"below the(?![a-z])", r"above the(?![a-z])",
        r"fewer than", r"less than", r"lower than", r"higher than", r"more than", r"down on", r"up on",
        r"由\s?(?=前|上|去年|此前|\d|[一二三四五六七八九十])", r"从\s?(?=前|上|去年|此前|\d|[一二三四五六七八九十])",
        r"相较于?\s?(?:前一?|上一?)\s?[周月期年]?度?", r"较于?\s?(?:前一?|上一?)\s?[周月期年]?度?",
        r"相比于?\s?(?:前一?|上一?)\s?[周月期年]?度?", r"比于?\s?(?:前一?|上一?)\s?[周月期年]?度?",
        r"低于\s?(?:前一?|上一?)\s?[周月期年]?度?", r"高于\s?(?:前一?|上一?)\s?[周月期年]?度?",
        r"少于\s?(?:前一?|上一?)\s?[周月期年]?度?", r"多于\s?(?:前一?|上一?)\s?[周月期年]?度?",
        r"不及\s?(?:前一?|上一?)\s?[周月期年]?度?",
        r"较\s?(?:\d{4}\s?年\s?)?\d{1,2}\s?月(?:份)?(?:的|末)?", r"比\s?(?:\d{4}\s?年\s?)?\d{1,2}\s?月(?:份)?(?:的|末)?",
        r"低于\s?(?:\d{4}\s?年\s?)?\d{1,2}\s?月(?:份)?(?:的|末)?", r"高于\s?(?:\d{4}\s?年\s?)?\d{1,2}\s?月(?:份)?(?:的|末)?",
        r"少于\s?(?:\d{4}\s?年\s?)?\d{1,2}\s?月(?:份)?(?:的|末)?", r"多于\s?(?:\d{4}\s?年\s?)?\d{1,2}\s?月(?:份)?(?:的|末)?",
        r"不及\s?(?:\d{4}\s?年\s?)?\d{1,2}\s?月(?:份)?(?:的|末)?", r"由\s?(?:\d{4}\s?年\s?)?\d{1,2}\s?月(?:份)?(?:的|末)?",
        r"较\s?\d{4}\s?年(?:的)?", r"比\s?\d{4}\s?年(?:的)?",
    ),
}  # fmt: skip
# Words that need a boundary before them: registered with a lookbehind after the literal start.
CUE_BOUNDED: Final = {"ya": ("y/y", "yoy"), "strong": ("prior",)}


def _variants(words: tuple[str, ...]) -> tuple[str, ...]:
    """Each word in every script form (減少 for 减少)."""
    out: list[str] = []
    for w in words:
        pools = [_forms(ch) if _is_han(ch) else ch for ch in w]
        out.extend("".join(p) for p in itertools.product(*pools))
    return tuple(dict.fromkeys(out))


_DOWN_VERBS: Final = (
    "fell", "falls", "fall", "falling", "dropped", "drops", "drop", "dropping", "declined", "declines", "decline",
    "declining", "decreased", "decreases", "decrease", "decreasing", "down", "slipped", "slips", "slip", "slid",
    "slides", "slide", "eased", "eases", "easing", "dipped", "dips", "dip", "plunged", "plunges", "plunge", "plunging",
    "tumbled", "tumbles", "tumble", "sank", "sinks", "sink", "shrank", "shrinks", "shrink", "shrunk", "contracted",
    "contracts", "contract", "lost", "retreated", "slumped", "slumps", "slump", "dove", "lower", "a decrease of",
    "a drop of", "a fall of", "a decline of", "a contraction of", "net repayments of", "net repayment of", "repaid",
    "minus",
)  # fmt: skip
_DOWN_ZH: Final = (
    "走低",
    "萎缩",
    "缩小",
    "减少",
    "下降",
    "下跌",
    "下滑",
    "回落",
    "暴跌",
    "大跌",
    "急跌",
    "跌",
    "降",
    "减",
    "收缩",
    "缩减",
    "下挫",
    "下调",
)
_UP_VERBS: Final = (
    "rose", "rises", "rise", "rising", "increased", "increases", "increase", "increasing", "up", "jumped", "jumps",
    "jump", "jumping", "gained", "gains", "gain", "climbed", "climbs", "climb", "climbing", "surged", "surges", "surge",
    "surging", "soared", "soars", "soar", "grew", "grows", "grow", "growing", "added", "advanced", "edged up",
    "edged higher", "higher", "picked up", "rebounded", "a rise of", "a gain of", "an increase of", "a jump of",
)  # fmt: skip
_UP_ZH: Final = (
    "增长",
    "走高",
    "反弹",
    "跳升",
    "扩大",
    "增加",
    "上升",
    "上涨",
    "上扬",
    "回升",
    "暴涨",
    "大涨",
    "急升",
    "飙升",
    "攀升",
    "升",
    "涨",
    "扬",
    "增",
    "新增",
)
_FILL_WORDS: Final = (
    "by", "of", "about", "around", "nearly", "roughly", "some", "just", "only", "a scant", "a further", "another",
    "a seasonally adjusted", "an adjusted", "a adjusted", "week-over-week", "week over week", "month-on-month",
    "on the week", "w/w", "约", "約", "近", "逾", "超过", "超過", "了", "达", "達",
)  # fmt: skip
_TO_ENDS: Final = (
    "to", "at", "至", "降至", "升至", "增至", "达到", "達到", "达", "達", "为", "為", "降到", "降到了", "升到", "升到了",
    "下降到", "上升到", "to an average of", "to a total of",
    "to a level of", "to a rate of", "to a seasonally adjusted rate of", "at an average of", "at a rate of",
    "to a seasonally adjusted", "at a seasonally adjusted rate of",
)  # fmt: skip
_CUR_TAIL: Final = ("hk$", "us$", "£", "$", *_variants(("人民币", "港币", "港元", "新台币", "台币", "英镑", "美元")))
# A change on the previous month written before an amount ("月增36億元", "較上月減少"): not the level itself.
_MONTH_CHANGE_TAIL: Final = zre(
    r"(?:按月|月|(?:比|较)(?:上一?|前)?\s?(?:个)?月份?|(?:比|较)\s?\d{1,2}\s?月份?)(?P<dir>增加|增|减少|减)(?:了|约|近|逾)?\s?$"
)
_MONTH_CHANGE_ENDS: Final = _variants(("增", "增加", "减", "减少", "了", "约", "近", "逾"))
# A threshold crossed or approached ("edge above 3%", "突破600億"): not the figure itself.
_THRESHOLD_ENDS: Final = (
    "above", "below", "over", "under", "beyond", "toward", "towards", "past", "topped", "tops", "exceeded", "exceeds",
    "surpassed", "crossed", "breached", "broke", "breaks", "breaking", "eclipsed", "passed", "near", "peaking at",
    "peaked at", "peak of", "peaking near",
    *_variants(("突破", "跌破", "升穿", "跌穿", "重回", "重返", "站上", "站稳")),
)  # fmt: skip
DOWN_ENDS: Final = tuple(_DOWN_VERBS) + _variants(_DOWN_ZH)
UP_ENDS: Final = tuple(_UP_VERBS) + _variants(_UP_ZH)
_FILL_ENDS: Final = _variants(_FILL_WORDS)
_TO_ENDS_ALL: Final = _variants(_TO_ENDS)
_COMPARED_TO: Final = ("compared to", "compares to", "compare to", "relative to")
_DIFF_TAIL: Final = zre(r"(?:多增|少增|多减|少减|同比多|同比少|(?:比|较)[^，,。；\d]{0,10}(?:多|少))\s?$")
_REV_TAIL: Final = re.compile(r"revised (?:down|up|lower|higher)?\s?from\s?$")
# "to a record high of", "to a 13-year high of", "at a fresh low of": a level follows
_LEVEL_ENDS: Final = ("high", "low", "peak", "record", " of", "level")
_TO_LEVEL_TAIL: Final = re.compile(
    r"(?<![a-z])(?:to|at|hit|hits|reached|reaching) (?:an? |the )?(?:new |fresh |all-time )?(?:record|(?:[\w-]{1,16} )?(?:high|low|peak))"
    r"(?: level)?(?: of)?$"
)


def _ends_word(s: str, words: tuple[str, ...]) -> str | None:
    if not s.endswith(words):
        return None
    for w in words:
        if s.endswith(w) and (
            len(s) == len(w) or not (w[0].isascii() and s[-len(w) - 1].isascii() and s[-len(w) - 1].isalpha())
        ):
            return w
    return None


def classify_tail(pre: str) -> str | None:
    """What the end of the text before a number says: down / up (a change verb: "fell 2.3%", "按月減少2.2%"),
    to (a level follows: "to 6.18%", "至249億元"), diff (同比多增), rev ("revised down from"), cup / cdown (a change
    on the previous month before an amount: "月增36億元"), thr (a threshold: "above 3%"), or None."""
    s = pre.rstrip()
    if s.endswith(_CUR_TAIL):
        for cur in _CUR_TAIL:
            if s.endswith(cur):
                s = s[: -len(cur)].rstrip()
                break
    if (_ends_word(s, _TO_ENDS_ALL) and not s.endswith(_COMPARED_TO)) or (
        s.endswith(_LEVEL_ENDS) and _TO_LEVEL_TAIL.search(s[-40:])
    ):
        return "to"  # (not "compared to 66,043": a comparison, the base)
    if s.endswith("from") and _REV_TAIL.search(pre[-34:]):
        return "rev"
    if s and not s[-1].isascii() and _DIFF_TAIL.search(pre[-16:]):
        return "diff"
    if not s.isascii() and s.endswith(_MONTH_CHANGE_ENDS):
        mc = _MONTH_CHANGE_TAIL.search(s[-14:])
        if mc is not None:
            return "cdown" if mc.group("dir") in ("减少", "减", "減少", "減") else "cup"
    if _ends_word(s, _THRESHOLD_ENDS):
        return "thr"
    for _ in range(5):  # the verb, possibly followed by filler words: "fell by about", "按月減少了约"
        if _ends_word(s, DOWN_ENDS):
            return "down"
        if _ends_word(s, UP_ENDS):
            return "up"
        w = _ends_word(s, _FILL_ENDS)
        if w is None:
            break
        s = s[: -len(w)].rstrip()
    return None
