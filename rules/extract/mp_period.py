"""Periods for `mortgage_print`: dates, months, year-to-date spans, quarters and years as written in English and
both Chinese scripts, resolved to the label contract's forms (`YYYY-MM-DD`, `YYYY-MM`, `YYYY-MM/YYYY-MM`,
`YYYY-Qn`, `YYYY`), with the year taken from the text or else from the item's published date."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from rules.extract.mp_text import zre

MONTHS: Final = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_CN_NUM: Final = {
    "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
    "十一": 11, "十二": 12, "〇": 0, "○": 0, "零": 0,
}  # fmt: skip
_EN_NUM: Final = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7, "8": 8, "9": 9, "10": 10, "11": 11,
}  # fmt: skip
_ORD: Final = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}

_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_CNM = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二两三四五六七八九])"


def _yz(name: str) -> str:
    return rf"(?:(?P<{name}>\d{{4}}|[一二三四五六七八九〇○零]{{4}})\s?年\s?)?"


# Period forms, in priority order (longest first); every repetition bounded. Each form is tried only where it
# can start: at a digit (D), a Chinese numeral or period word (Z), or an English word (E).
_FORMS: Final = (
    ("D Z", rf"(?P<ytd>{_yz('y1')}(?:前|首)\s?(?P<ytdn>{_CNM})\s?(?:个)?\s?月(?!\d{{1,2}}\s?[日号]))"),
    ("D Z", rf"(?P<h1>{_yz('y2')}上半年)"),
    ("D Z", rf"(?P<q3ytd>{_yz('y3')}前(?:三|3)(?:个)?季度?)"),
    ("D Z", rf"(?P<range>{_yz('y4')}(?P<ra>{_CNM})\s?(?:-|—|–|~|至|到)\s?(?P<rb>{_CNM})\s?月)"),
    (
        "E",
        r"(?P<enytd>(?:first|past) (?P<enn>two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2}) months"
        r"(?: of (?:the year|(?P<eny>\d{4})))?)",
    ),
    ("E D", r"(?P<enh1>first half(?: of (?:the year|(?P<enhy>\d{4})))?|h1\b|1h\b)"),
    ("E", r"(?P<enq3>first (?:three|3) quarters(?: of (?:the year|(?P<enqy>\d{4})))?)"),
    ("E", rf"(?P<janx>jan(?:uary)?\s?(?:-|–|—|to|through)\s?{_MON.replace('mon', 'mon2')}(?:\s(?P<jy>\d{{4}}))?)"),
    ("D", rf"(?P<zhday>{_yz('y5')}(?P<zm>\d{{1,2}})\s?月\s?(?P<zd>\d{{1,2}})\s?[日号])"),
    ("E", rf"(?P<enday>{_MON}\.?\s{{1,2}}(?P<ed>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s{{1,2}}(?P<edy>\d{{4}}))?)"),
    ("D", rf"(?P<enday2>(?P<ed2>\d{{1,2}})\s{_MON.replace('mon', 'mon3')}\b\.?(?:,?\s(?P<edy2>\d{{4}}))?)"),
    ("E D", r"(?P<enq>(?P<qord>first|second|third|fourth|1st|2nd|3rd|4th) quarter(?: of)?(?: (?P<qy>\d{4}))?)"),
    ("E D", r"(?P<qn>q(?P<qn1>[1-4])\s?(?P<qny>\d{4})?\b|(?P<qny2>\d{4})\s?q(?P<qn2>[1-4])\b)"),
    ("D Z", rf"(?P<zhq>{_yz('y6')}(?:第)?(?P<zq>[一二三四1-4])\s?季度?(?P<zqe>末)?(?!度?\s?(?:报告|货币)))"),
    ("D Z", rf"(?P<zhm>{_yz('y7')}(?P<zmm>{_CNM})\s?月(?:份|末|底)?(?!\s?\d{{1,2}}\s?[日号]))"),
    ("E", rf"(?P<enm>{_MON.replace('mon', 'mon4')}\b\.?(?:\s(?P<emy>\d{{4}}))?)"),
    ("D", r"(?P<zhy>(?P<zy>\d{4})\s?年(?P<zye>末|底|度)?(?!\s?(?:以来|来|前|之前|起)))"),
    ("D", r"(?P<eny2>(?:(?<=in )|(?<=for )|(?<=of )|(?<=during )|(?<=end of )|(?<=end-)|(?<=end ))(?P<ey>\d{4})\b)"),
    ("D", rf"(?P<roc>(?<!\d)(?P<rocy>1[01]\d)\s?年\s?(?P<rocm>{_CNM})\s?月)"),
    ("E Z", r"(?P<last>last month|上个?月)"),
)
_BY_START: Final = {
    kind: zre("|".join(form for kinds, form in _FORMS if kind in kinds.split())) for kind in ("D", "Z", "E")
}

# Where a period can start: a digit, a Chinese numeral or period word, an English month or period word. The
# forms above are only tried at these places (they are too rich to try at every character).
EN_STARTS: Final = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "first", "past", "second",
    "third", "fourth", "q1", "q2", "q3", "q4", "h1", "last month",
)  # fmt: skip
ZH_STARTS: Final = tuple("一二两三四五六七八九十〇○零前首上第")
_YEAR_GROUPS: Final = tuple(f"y{i}" for i in range(1, 8))
_NOT_MONTH_BEFORE: Final = zre(r"(?:个|前|首|近|每|多|几|数|逾|超过)\s?$")
_COMPARED_BEFORE: Final = zre(
    r"(?:\b(?:as|than|from|over|with|versus|vs\.?|since|to)|与|较|比|同|和|环比|相比|对比|低于|高于|持平于)\s?$"
)
_SINCE_BEFORE: Final = zre(r"(?:since|自|从|至今|以来)\s?$")
_SINCE_YEAR_EN: Final = zre(r"\b(?:since|began|begun|started|dating back to|back to)(?:\s(?:in|at))?\s?$")
# "The rates were last lowered in April 2020": when an earlier change happened, not the period of this print
_LAST_CHANGED_BEFORE: Final = zre(
    r"\blast\s(?:lowered|cut|raised|reduced|changed|adjusted|hiked|moved|eased|lifted)\b[^.;]{0,40}?\bin\s?$"
    r"|(?:上次|上一次|最近一次)(?:下调|上调|调整|降息|加息)[^。；;]{0,6}?(?:于|在|是)\s?$"
)


@dataclass(slots=True)
class Mark:
    start: int
    end: int
    kind: str  # day | month | span | year | quarter | qspan | last
    y: int | None = None
    m: int | None = None
    d: int | None = None
    m0: int = 1  # first month of a span
    q: int | None = None
    year_end: bool = False


def _cn_int(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if s in _CN_NUM:
        return _CN_NUM[s]
    if len(s) == 4 and all(c in _CN_NUM for c in s):  # 二〇二五
        return int("".join(str(_CN_NUM[c]) for c in s))
    return None


def _year(s: str | None) -> int | None:
    if not s:
        return None
    y = _cn_int(s)
    return y if y is not None and 1990 <= y <= 2100 else None


_AFTER_DIGITS: Final = zre(r"\s?(?:[年月日号\-—–~至到q]|st\b|nd\b|rd\b|th\b|[a-z])")


def digit_start(t: str, d0: int, d1: int) -> bool:
    """A number that can begin a period: a year, or digits followed by 年/月/日, a range dash, a month name."""
    if d0 > 0 and t[d0 - 1].isascii() and t[d0 - 1].isalnum():
        return False
    if d1 < len(t) and (t[d1] in ".," and d1 + 1 < len(t) and t[d1 + 1].isdigit()):
        return False
    return d1 - d0 == 4 or _AFTER_DIGITS.match(t, d1) is not None


def _matches(t: str, starts: list[int]) -> list[re.Match[str]]:
    out: list[re.Match[str]] = []
    end = 0
    for pos in sorted(set(starts)):
        if pos < end:
            continue
        ch = t[pos]
        if ch.isascii() and ch.isalpha() and pos > 0 and t[pos - 1].isascii() and t[pos - 1].isalpha():
            continue  # inside a word ("decline", "summary")
        m = _BY_START["D" if ch.isdigit() else "E" if ch.isascii() else "Z"].match(t, pos)
        if m and m.end() > m.start():
            out.append(m)
            end = m.end()
    return out


def marks(t: str, original: str, starts: list[int]) -> list[Mark]:
    """The periods written in `t`, tried at `starts` (see EN_STARTS, ZH_STARTS and digit_start)."""
    out: list[Mark] = []
    for m in _matches(t, starts):
        g: defaultdict[str, str] = defaultdict(str, m.groupdict(default=""))
        s, e = m.start(), m.end()
        yv = next((g[k] for k in _YEAR_GROUPS if g[k]), None)
        if g["ytd"]:
            n = _cn_int(g["ytdn"])
            if n:
                out.append(Mark(s, e, "span", _year(yv), n))
        elif g["h1"]:
            out.append(Mark(s, e, "span", _year(yv), 6))
        elif g["q3ytd"]:
            out.append(Mark(s, e, "span", _year(yv), 9))
        elif g["range"]:
            a, b = _cn_int(g["ra"]), _cn_int(g["rb"])
            if a and b and a < b <= 12:
                out.append(Mark(s, e, "span", _year(yv), b, m0=a))
        elif g["enytd"]:
            n = _EN_NUM.get(g["enn"])
            if n:
                out.append(Mark(s, e, "span", _year(g["eny"]), n))
        elif g["enh1"]:
            out.append(Mark(s, e, "span", _year(g["enhy"]), 6))
        elif g["enq3"]:
            out.append(Mark(s, e, "span", _year(g["enqy"]), 9))
        elif g["janx"]:
            out.append(Mark(s, e, "span", _year(g["jy"]), MONTHS[g["mon2"][:3]]))
        elif g["zhday"]:
            mo, d = int(g["zm"]), int(g["zd"])
            if 1 <= mo <= 12 and 1 <= d <= 31:
                out.append(Mark(s, e, "day", _year(yv), mo, d))
        elif g["enday"] or g["enday2"]:
            mon = g["mon"] or g["mon3"]
            if mon.startswith("may") and not _capital(original, m.start("mon") if g["mon"] else m.start("mon3")):
                continue
            d = int(g["ed"] or g["ed2"])
            if 1 <= d <= 31:
                out.append(Mark(s, e, "day", _year(g["edy"] or g["edy2"]), MONTHS[mon[:3]], d))
        elif g["enq"]:
            out.append(Mark(s, e, "quarter", _year(g["qy"]), q=_ORD[g["qord"]]))
        elif g["qn"]:
            out.append(Mark(s, e, "quarter", _year(g["qny"] or g["qny2"]), q=int(g["qn1"] or g["qn2"])))
        elif g["zhq"]:
            if _NOT_MONTH_BEFORE.search(t, max(0, s - 3), s):
                continue
            q = _cn_int(g["zq"])
            out.append(Mark(s, e, "quarter", _year(yv), q=q, year_end=bool(g["zqe"])))
        elif g["zhm"]:
            if (
                _NOT_MONTH_BEFORE.search(t, max(0, s - 3), s)
                or _SINCE_BEFORE.search(t, max(0, s - 3), s)
                or _LAST_CHANGED_BEFORE.search(t, max(0, s - 20), s)
            ):
                continue
            month = _cn_int(g["zmm"])
            if month and 1 <= month <= 12:
                out.append(Mark(s, e, "month", _year(yv), month))
        elif g["enm"]:
            mon = g["mon4"]
            if mon.startswith("may") and not _capital(original, m.start("mon4")):
                continue
            if _SINCE_BEFORE.search(t, max(0, s - 7), s) or _LAST_CHANGED_BEFORE.search(t, max(0, s - 70), s):
                continue
            out.append(Mark(s, e, "month", _year(g["emy"]), MONTHS[mon[:3]]))
        elif g["zhy"]:
            if _SINCE_BEFORE.search(t, max(0, s - 3), s):
                continue
            y = _year(g["zy"])
            if y:
                out.append(Mark(s, e, "year", y, year_end=bool(g["zye"] and g["zye"] != "度")))
        elif g["eny2"]:
            y = _year(g["ey"])
            if y and _SINCE_YEAR_EN.search(t, max(0, m.start("ey") - 20), m.start("ey")):
                continue  # "since records began in 2004": a reference point, not the period
            if y:
                out.append(Mark(m.start("ey"), e, "year", y, year_end="end" in m.group()))
        elif g["roc"]:
            month = _cn_int(g["rocm"])
            if month and 1 <= month <= 12:
                out.append(Mark(s, e, "month", int(g["rocy"]) + 1911, month))
        elif g["last"]:
            if _COMPARED_BEFORE.search(t, max(0, s - 20), s):
                continue  # "the same as last month", 与上月持平, 较上月: the month compared with, not the print's
            out.append(Mark(s, e, "last"))
    return out


def _capital(original: str, pos: int) -> bool:
    return pos < len(original) and original[pos].isupper()


def published_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _infer_year(month: int, day: int | None, pub: date | None, hint: int | None) -> int | None:
    if hint:
        return hint
    if pub is None:
        return None
    if (month, day or 1) > (pub.month, pub.day):
        return pub.year - 1
    return pub.year


def resolve(mark: Mark, frequency: str, pub: date | None, hint: int | None) -> str | None:
    """`frequency`: week | month | quarter (how the series is dated); flows take spans for year-to-date."""
    if mark.kind == "day":
        y = mark.y or _infer_year(mark.m or 1, mark.d, pub, hint)
        if y is None or mark.m is None or mark.d is None:
            return None
        if frequency == "week":
            return f"{y:04d}-{mark.m:02d}-{mark.d:02d}"
        return f"{y:04d}-{mark.m:02d}"
    if mark.kind == "month":
        y = mark.y or _infer_year(mark.m or 1, None, pub, hint)
        return f"{y:04d}-{mark.m:02d}" if y and mark.m else None
    if mark.kind == "span":
        y = mark.y or _infer_year(mark.m or 1, None, pub, hint)
        if not y or not mark.m:
            return None
        if mark.m0 == mark.m:
            return f"{y:04d}-{mark.m:02d}"
        return f"{y:04d}-{mark.m0:02d}/{y:04d}-{mark.m:02d}"
    if mark.kind == "quarter":
        q = mark.q or 1
        y = mark.y or _infer_year(q * 3, None, pub, hint)
        if not y:
            return None
        if frequency == "quarter":
            return f"{y:04d}-Q{q}"
        if frequency == "flow":
            return f"{y:04d}-{q * 3 - 2:02d}/{y:04d}-{q * 3:02d}" if q > 1 or not mark.year_end else f"{y:04d}-03"
        return f"{y:04d}-{q * 3:02d}"  # a balance at the quarter's end
    if mark.kind == "year":
        if not mark.y:
            return None
        return f"{mark.y:04d}-12" if (mark.year_end and frequency == "month") else f"{mark.y:04d}"
    if mark.kind == "last" and pub is not None:
        first = pub.replace(day=1) - timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}"
    return None


def default_period(frequency: str, pub: date | None) -> str | None:
    """When the text states no period: the release the item most likely reports, from its published date.
    week-thu: the Thursday on or before (Freddie Mac PMMS); week-fri: the Friday ending the week before the
    Wednesday release (MBA); month-prev: the previous month; month-same: the published month (LPR);
    quarter-prev: the previous quarter."""
    if pub is None:
        return None
    if frequency == "week-thu":
        d = pub - timedelta(days=(pub.weekday() - 3) % 7)
        return d.isoformat()
    if frequency == "week-fri":
        wed = pub - timedelta(days=(pub.weekday() - 2) % 7)
        return (wed - timedelta(days=5)).isoformat()
    if frequency == "month-same":
        return f"{pub.year:04d}-{pub.month:02d}"
    if frequency == "month-prev":
        d = pub.replace(day=1) - timedelta(days=1)
        return f"{d.year:04d}-{d.month:02d}"
    if frequency == "quarter-prev":
        q = (pub.month - 1) // 3  # previous quarter: 0 means Q4 of last year
        return f"{pub.year - 1:04d}-Q4" if q == 0 else f"{pub.year:04d}-Q{q}"
    return None
