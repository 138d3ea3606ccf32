"""`mortgage_print`: released figures on mortgages or household credit — one event per figure.

Indicators (a closed vocabulary, shared with tests/corpus/README.md):
  us_30y_mortgage_rate, us_15y_mortgage_rate       Freddie Mac PMMS and similar weekly surveys (percent)
  mba_applications_index, mba_purchase_index, mba_refinance_index   MBA weekly survey (weekly % change)
  mba_30y_contract_rate                            MBA average 30-year contract rate (percent)
  pboc_household_loans, pboc_household_mlt_loans, pboc_household_short_loans   PBOC household loans (CNY)
  cn_mortgage_balance, cn_new_mortgage_rate        PBOC mortgage balance (CNY) and new home-loan rate (percent)
  tw_new_home_loans, tw_new_mortgage_rate          Taiwan's big-five banks, central-bank data
  hk_new_mortgage_loans                            HKMA residential mortgage survey (HKD)
  uk_mortgage_approvals                            Bank of England mortgage approvals (count)
Not prints: forecasts, policy-rate decisions, a bank changing its own product rates, house-price commentary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rules.extract import Document, Fields, register
from rules.extract.common import round_value
from rules.extract.numbers import find_amounts, find_percents

HEAD = 2500


@dataclass(frozen=True, slots=True)
class _Indicator:
    name: str
    anchor: re.Pattern[str]
    kind: str  # rate | change | amount | count
    frequency: str  # week | month | year (how the period is written)
    context: re.Pattern[str] | None = None  # must also appear somewhere in the item


_TW = re.compile(r"taiwan|nt\$|新台币|台湾|五大银行|五大行庫|五大行库|央行")
_HK = re.compile(r"hong kong|hkma|金管局|香港|hk\$|港元")
_UK = re.compile(r"bank of england|英国央行|英伦银行")
_INDICATORS = [
    _Indicator(
        "mba_30y_contract_rate",
        re.compile(r"contract (?:interest )?rate (?:on|for) (?:a |the )?30-year|30-year\S* (?:\S+ ){0,3}contract rate"),
        "rate",
        "week",
    ),
    _Indicator(
        "us_30y_mortgage_rate",
        re.compile(
            r"30-year fixed(?:-rate)?|30-year (?:mortgage|rate|home loan|frm)|30 year fixed|thirty-year|30年期(?:固定)?(?:房贷|抵押贷款|按揭)?(?:利率)?"
        ),
        "rate",
        "week",
    ),
    _Indicator(
        "us_15y_mortgage_rate",
        re.compile(r"15-year fixed(?:-rate)?|15-year (?:mortgage|rate|frm)|15年期(?:固定)?(?:房贷|抵押贷款)?(?:利率)?"),
        "rate",
        "week",
    ),
    _Indicator(
        "mba_refinance_index",
        re.compile(r"refinanc\w* (?:index|applications|demand|activity)|refi index|再融资(?:指数|申请)"),
        "change",
        "week",
    ),
    _Indicator(
        "mba_purchase_index",
        re.compile(r"purchase (?:index|applications)|购房(?:贷款)?申请|购房指数|购买指数"),
        "change",
        "week",
    ),
    _Indicator(
        "mba_applications_index",
        re.compile(
            r"mortgage applications|market composite index|composite index|overall applications|(?:抵押贷款|房贷|按揭)申请(?:活动)?(?:指数)?|申请活动指数"
        ),
        "change",
        "week",
        re.compile(r"\bmba\b|mortgage bankers|抵押贷款银行家"),
    ),
    _Indicator(
        "pboc_household_mlt_loans",
        re.compile(
            r"住户中长期贷款|居民中长期贷款|中长期贷款|medium[- ]and long-term (?:household )?loans|medium[- ]and long-term loans to households|long-term household loans|mid- to long-term household loans"
        ),
        "amount",
        "month",
    ),
    _Indicator(
        "pboc_household_short_loans",
        re.compile(r"住户短期贷款|居民短期贷款|短期贷款|short-term (?:household )?loans"),
        "amount",
        "month",
    ),
    _Indicator(
        "pboc_household_loans",
        re.compile(r"住户贷款|住户部门贷款|居民贷款|居民部门贷款|(?<!term )household loans|household borrowing"),
        "amount",
        "month",
    ),
    _Indicator(
        "cn_mortgage_balance",
        re.compile(
            r"个人住房贷款余额|房贷余额|outstanding (?:personal )?(?:housing|mortgage|home) loans|outstanding mortgages|personal housing loans (?:stood|totaled|were)"
        ),
        "amount",
        "month",
    ),
    _Indicator(
        "cn_new_mortgage_rate",
        re.compile(
            r"新发放(?:的)?个人住房贷款(?:加权)?(?:平均)?利率|新发放房贷利率|newly (?:issued|extended) (?:personal )?(?:housing|home) loans|rate on new (?:chinese )?home loans"
        ),
        "rate",
        "month",
    ),
    _Indicator(
        "tw_new_mortgage_rate",
        re.compile(
            r"(?:新承做|new)\S{0,4}\s?(?:\S+ ){0,3}(?:房贷|购屋贷款|mortgages?|home loans)\S{0,6}\s?(?:\S+ ){0,2}(?:利率|rate)|average rate on the new mortgages"
        ),
        "rate",
        "month",
        _TW,
    ),
    _Indicator(
        "tw_new_home_loans", re.compile(r"新承做(?:的)?(?:房贷|购屋贷款)|new home loans"), "amount", "month", _TW
    ),
    _Indicator(
        "hk_new_mortgage_loans",
        re.compile(
            r"mortgage loans (?:newly )?(?:approved|drawn)|new mortgage loans|新批(?:出)?(?:的)?(?:住宅)?按揭贷款|新批按揭"
        ),
        "amount",
        "month",
        _HK,
    ),
    _Indicator(
        "uk_mortgage_approvals",
        re.compile(r"mortgages? approved|mortgage approvals|按揭批核|房贷批准"),
        "count",
        "month",
        _UK,
    ),
]
_NOT_PRINT = re.compile(
    r"forecast|\bexpect\w*|predict\w*|outlook|projection|\bcould\b|\bmight\b|will (?:likely )?(?:fall|rise|drop|ease)|\bsees?\b"
    r"|预计|预测|预估|展望|或将|有望|料将|将降至|可能|预期|前瞻|恐再|恐将|where .{0,30} headed|according to experts"
)
_BANK_PRODUCT = re.compile(
    r"(?:wells fargo|chase|bank of america|citibank|hsbc|rocket|lenders?|银行|农商行|工行|建行|中行|农行|招行|交行|邮储)\S{0,20}?"
    r"(?:cuts?|lowers?|lowered|trims?|trimmed|raises?|raised|offers?|launch\w*|advertis\w*|推出|下调|上调|调整|优惠|执行|下限)"
)
_POLICY = re.compile(
    r"\blpr\b|贷款市场报价利率|fed funds|federal funds|policy rate|基准利率|公积金|rate decision|holds rates"
)
_DECREASE = re.compile(
    r"(?:decreas\w*|fell|fall(?:s|ing)?|dropped|drops?|declin\w*|slump\w*|slid|slip\w*|shr[ai]nk\w*|contract\w*|down|lower|plung\w*|tumbl\w*|减少|下降|回落|下滑|收缩|负增长)"
)
_PRIOR_BEFORE = re.compile(
    r"(?:from|versus|vs\.?|compared with|up from|down from|last week(?: when it averaged)?|(?:the )?prior week'?s?|a week earlier)\s*\S{0,3}$"
    r"|(?:上周|前一周|上年同期|去年同期|上一年度|上年|去年|此前|前值|上月|前月|较)[^，。,;；\d]{0,16}$"
)
_CLAUSE_END = re.compile(
    r"[。；;\n]|(?<!\b[a-z])(?<!\bno)(?<!\bst)(?<!\bjan)(?<!\bfeb)(?<!\bmar)(?<!\bapr)(?<!\bjun)(?<!\bjul)(?<!\baug)(?<!\bsep)(?<!\bsept)(?<!\boct)(?<!\bnov)(?<!\bdec)\.\s"
)
_MONTHS = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}
_DAY = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(20\d\d)"
)
_DAY_NOYEAR = re.compile(
    r"(?:week (?:ending|ended)|as of|for the week of)\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b"
)
_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(20\d\d)")
_ZH_MONTH = re.compile(r"(20\d\d)年(?:末|底)?(\d{1,2})月(?:份|末|底)?(?!\d)")


def _clause_end(folded: str, start: int) -> int:
    m = _CLAUSE_END.search(folded, start)
    return m.start() if m else len(folded)


@dataclass(frozen=True, slots=True)
class _Val:
    value: float
    currency: str | None
    start: int
    end: int


def _values(kind: str, text: str, folded: str) -> list[_Val]:
    if kind in ("rate", "change"):
        return [_Val(v, None, s, e) for v, s, e in find_percents(text)]
    if kind == "amount":
        return [
            _Val(a.value, a.currency, a.start, a.end)
            for a in find_amounts(text, default_currency=None)
            if a.currency is not None or re.search(r"万亿|亿|兆|billion|trillion|million", a.raw.lower())
        ]
    return [
        _Val(float(m.group().replace(",", "")), None, m.start(), m.end())
        for m in re.finditer(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])", folded)
    ]


def _period(folded: str, frequency: str, published: str | None) -> str | None:
    year = None
    if published:
        try:
            year = datetime.fromisoformat(published.replace("Z", "+00:00")).year
        except ValueError:
            year = None
    if frequency == "week":
        zh = re.search(r"(?:(20\d\d)年)?(\d{1,2})月(\d{1,2})日", folded)
        if zh:
            years = re.findall(r"(20\d\d)年", folded)
            yy = int(zh.group(1)) if zh.group(1) else (int(years[0]) if years else year)
            if yy:
                return f"{yy:04d}-{int(zh.group(2)):02d}-{int(zh.group(3)):02d}"
        m = _DAY_NOYEAR.search(folded)
        if m:
            y = _DAY.search(folded[m.start() :])
            if y and y.start() == m.start(1) - m.start():
                return f"{int(y.group(3)):04d}-{_MONTHS[y.group(1)]:02d}-{int(y.group(2)):02d}"
            years = re.findall(r"\b(20\d\d)\b", folded)
            yy = int(years[0]) if years else year
            if yy:
                return f"{yy:04d}-{_MONTHS[m.group(1)]:02d}-{int(m.group(2)):02d}"
        m = _DAY.search(folded)
        if m:
            return f"{int(m.group(3)):04d}-{_MONTHS[m.group(1)]:02d}-{int(m.group(2)):02d}"
    m = _ZH_MONTH.search(folded)
    if m and "前" not in folded[m.start() : m.end() + 1]:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    m = _MONTH.search(folded)
    if m:
        return f"{int(m.group(2)):04d}-{_MONTHS[m.group(1)]:02d}"
    m = re.search(r"(?<!\d)(\d{1,2})月份?(?!\d)", folded)
    years = re.findall(r"(20\d\d)年", folded)
    if m and (years or year):
        return f"{int(years[0]) if years else year:04d}-{int(m.group(1)):02d}"
    if years:
        return str(years[0])
    m = re.search(r"\bin (20\d\d)\b|\b(20\d\d) (?:full[- ]year|as a whole)", folded)
    if m:
        return m.group(1) or m.group(2)
    return None


def _prior(vals: list[_Val], folded: str, value: _Val, kind: str) -> _Val | None:
    """The comparison figure: "from 6.06%", "down from 6.26%", "相较于上一年度…2.25兆元" (often at a later mention)."""
    mentions = [v for v in vals if v.value == value.value and v.start >= value.start]
    for m in mentions:
        for v in vals:
            if (
                0 < v.start - m.end < 90
                and v.value != value.value
                and _PRIOR_BEFORE.search(folded[max(m.end, v.start - 40) : v.start])
            ):
                return v
    return None


@register("mortgage_print")
def extract_mortgage_print(doc: Document) -> Fields | list[Fields] | None:
    title = doc.folded_title
    head = doc.folded_text[: len(title) + 1 + HEAD]
    text = doc.text[: len(head)]
    opening = title or head[:200]
    lead = head[len(title) : len(title) + 1 + _clause_end(head, len(title) + 1) - len(title)]
    for scope in (opening, lead):
        if _NOT_PRINT.search(scope) and not re.search(r"averag\w*|\bfell\b|\brose\b|增加|减少|录得|data show", scope):
            return None
        if _BANK_PRODUCT.search(scope) or _POLICY.search(opening):
            return None
    claimed: list[tuple[int, int]] = []
    events: list[dict[str, Any]] = []
    cache: dict[str, list[_Val]] = {}
    for ind in _INDICATORS:
        if ind.context is not None and not ind.context.search(head):
            continue
        anchors = list(ind.anchor.finditer(head))
        if not anchors:
            continue
        if ind.kind not in cache:  # parse numbers once per kind, and only when an indicator is named
            cache[ind.kind] = _values(ind.kind, text, head)
        vals = cache[ind.kind]
        for a in anchors:
            if any(s <= a.start() < e for s, e in claimed):
                continue
            end = _clause_end(head, a.end())
            window_end = min(end, a.end() + 90)
            near = [
                v
                for v in vals
                if a.start() - 2 <= v.start < window_end and not any(v.start < e and s < v.end for s, e in claimed)
            ]
            if not near:
                continue
            value = near[0]
            number = value.value
            if ind.kind in ("change", "amount") and number > 0 and _DECREASE.search(head[a.end() : value.start]):
                number = -number
            fields: dict[str, Any] = {"indicator": ind.name, "value": round_value(number)}
            currency = value.currency or "CNY"
            if currency == "CNY" and not re.search(r"人民币|yuan|rmb", head):
                currency = "TWD" if ind.name.startswith("tw_") else "HKD" if ind.name.startswith("hk_") else currency
            fields["unit"] = {"rate": "percent", "change": "pct_change", "count": "count"}.get(ind.kind) or currency
            prior = _prior(vals, head, value, ind.kind)
            if prior is not None:
                fields["prior"] = round_value(prior.value)
            if period := _period(head, ind.frequency, doc.item.published):
                fields["period"] = period
            claimed.append((a.start(), a.end()))
            claimed.append((value.start, value.end))
            events.append(fields)
            break
    if not events:
        return None
    return events if len(events) > 1 else events[0]
