"""`mortgage_print`: a released figure on mortgages or household credit.

Indicators (a closed vocabulary):
  us_30y_mortgage_rate, us_15y_mortgage_rate   Freddie Mac PMMS and similar weekly surveys (percent)
  mba_applications, mba_purchase_index, mba_refinance_index   MBA weekly survey (weekly % change, or index level)
  pboc_household_loans, pboc_household_mlt_loans, pboc_household_short_loans   PBOC household (住户) loans (CNY)
  new_home_loans                                 new personal housing loans (CNY)
  mortgage_rate                                  a central bank's mortgage-rate print, e.g. new home-loan rate (percent)
Not prints: forecasts, a bank changing its own product rates, house-price commentary without a released figure.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from rules.extract import Document, Fields, register
from rules.extract.common import round_value
from rules.extract.numbers import Money, find_amounts, find_percents

HEAD = 2500

_US30 = re.compile(r"30-year|30 year|thirty-year|30yr|30年期|三十年期|30年固定")
_US15 = re.compile(r"15-year|15 year|fifteen-year|15年期")
_MORTGAGE = re.compile(r"mortgage|home loan|房贷|抵押贷款|按揭|住房贷款|房屋贷款")
_MBA = re.compile(r"mortgage applications|mortgage bankers association|\bmba\b|抵押贷款申请|房贷申请|按揭申请")
_MBA_PURCHASE = re.compile(r"purchase index|purchase applications|购房申请|购买指数")
_MBA_REFI = re.compile(r"refinanc\w* index|refinanc\w* applications|refi index|再融资")
_HH = re.compile(r"住户贷款|住户部门贷款|居民贷款|住户部门|居民部门贷款|household loans|household borrowing")
_MLT = re.compile(r"中长期贷款|medium- and long-term|medium and long-term|mid- to long-term|long-term loans")
_SHORT = re.compile(r"短期贷款|short-term loans")
_NEW_HOME = re.compile(r"个人住房贷款|新发放.{0,4}房贷|new home loans|新增房贷")
_CB_RATE = re.compile(r"新发放.{0,8}(?:个人住房|房)贷款?.{0,4}利率|加权平均利率|lpr|贷款市场报价利率|首套.{0,4}利率")
_PRINT_VERB = re.compile(
    r"averag\w*|\bfell\b|\brose\b|\bdropped\b|\bclimbed\b|\bedged\b|\bslipped\b|\bjumped\b|\bdeclined\b|\bincreased\b"
    r"|\bdecreased\b|\bwas\b|\bstood\b|\bheld\b|\bhits?\b|\bat\b|\bto\b|\bunchanged\b|\brecord\b"
    r"|增加|减少|新增|下降|上升|降至|升至|为|报|录得|持平|创|多增|少增|同比"
)
_FORECAST = re.compile(
    r"forecast|\bexpect\w*|predict\w*|outlook|projection|\bcould\b|\bmay\b|\bmight\b|will (?:likely )?(?:fall|rise|drop)"
    r"|\bsee[sn]? rates\b|预计|预测|展望|或将|有望|料将|将降至|可能"
)
_BANK_PRODUCT = re.compile(
    r"(?:wells fargo|chase|bank of america|citi\w*|rocket|银行|农商行|工行|建行|中行|农行|招行|交行)\S{0,20}?"
    r"(?:cuts?|lowers?|raises?|offers?|launch\w*|推出|下调|上调|调整|优惠|执行)"
)
# A prior value is introduced right before it: "down from 6.09%", "previous week's 6.2%", "上周为6.2%".
_PRIOR_BEFORE = re.compile(
    r"(?:from|previous(?: week)?(?:'s)?|prior(?: week)?(?:'s)?|last week(?:'s)?|compared with|versus|vs\.?|against)\s*$"
    r"|(?:上周|前一周|上年同期|去年同期|上一年度|上年|去年|此前|前值|上月|前月)[^，。,;；\d]{0,16}$"
)
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}


def _indicator(title: str, head: str) -> str | None:
    for scope in (title, head):
        if _MBA.search(scope):
            if _MBA_PURCHASE.search(scope) and not _MBA_REFI.search(scope[:80]):
                return "mba_purchase_index" if re.search(r"purchase index", scope) else "mba_applications"
            if _MBA_REFI.search(scope) and re.search(r"refinanc\w* index", scope):
                return "mba_refinance_index"
            return "mba_applications"
        if _US30.search(scope) and _MORTGAGE.search(scope + head[:300]):
            return "us_30y_mortgage_rate"
        if _US15.search(scope) and _MORTGAGE.search(scope + head[:300]):
            return "us_15y_mortgage_rate"
        if _HH.search(scope) or (_MLT.search(scope) and re.search(r"住户|居民|房贷|household", scope + head[:400])):
            if _MLT.search(head) and re.search(r"房贷|中长期|mortgage|long-term", scope):
                return "pboc_household_mlt_loans"
            return "pboc_household_loans"
        if _CB_RATE.search(scope):
            return "mortgage_rate"
        if _NEW_HOME.search(scope):
            return "new_home_loans"
    return None


def _period(text: str, published: str | None) -> str | None:
    year: int | None = None
    if published:
        try:
            year = datetime.fromisoformat(published.replace("Z", "+00:00")).year
        except ValueError:
            year = None
    m = re.search(r"(?:week (?:ending|ended)|as of|for the week of)\s+([a-z]+)\.?\s+(\d{1,2})(?:,\s*(\d{4}))?", text)
    if m and m.group(1)[:3] in {k[:3] for k in _MONTHS}:
        month = next(v for k, v in _MONTHS.items() if k.startswith(m.group(1)[:3]))
        y = int(m.group(3)) if m.group(3) else year
        if y:
            return f"{y:04d}-{month:02d}-{int(m.group(2)):02d}"
    m = re.search(r"(20\d\d)年(?:前)?(\d{1,2})(?:个)?月(?:份)?(?!\d)", text)
    if m and "前" not in text[m.start() : m.end()]:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    m = re.search(r"(?<!\d)(\d{1,2})月份", text)
    years = re.findall(r"(20\d\d)年", text)
    if m and (years or year):
        return f"{int(years[0]) if years else year:04d}-{int(m.group(1)):02d}"
    if years:
        return str(years[0])
    m = re.search(r"\b(january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{1,2}),?\s+(20\d\d)", text)
    if m:
        return f"{int(m.group(3)):04d}-{_MONTHS[m.group(1)]:02d}-{int(m.group(2)):02d}"
    return None


def _rate(text: str, folded: str, anchor: re.Pattern[str]) -> tuple[float | None, float | None]:
    percents = find_percents(text)
    if not percents:
        return None, None
    a = anchor.search(folded)
    start = a.start() if a else 0
    after = [p for p in percents if p[1] >= start] or percents
    value = after[0]
    prior = next((p for p in after[1:6] if _PRIOR_BEFORE.search(folded[max(value[2], p[1] - 30) : p[1]])), None)
    return value[0], (prior[0] if prior else None)


def _amount_after(amounts: list[Money], folded: str, rx: re.Pattern[str]) -> tuple[Money | None, Money | None]:
    for m in rx.finditer(folded):
        near = [a for a in amounts if m.end() <= a.start <= m.end() + 24]
        if near:
            value = near[0]
            # the figure is often repeated with its comparison later on ("…僅增加1.28兆元,相較於上一年度的2.25兆元")
            mentions = [a for a in amounts if a.value == value.value and a.start >= value.start]
            prior = next(
                (a for v in mentions for a in amounts if 0 < a.start - v.end < 80 and a.value != value.value
                 and _PRIOR_BEFORE.search(folded[max(v.end, a.start - 30) : a.start])),
                None,
            )
            return value, prior
    return None, None


@register("mortgage_print")
def extract_mortgage_print(doc: Document) -> Fields | None:
    title = doc.folded_title
    head = doc.folded_text[: len(title) + 1 + HEAD]
    text = doc.text[: len(head)]
    indicator = _indicator(title, head)
    if indicator is None:
        return None
    opening = title or head[:200]
    if _FORECAST.search(opening) and not re.search(r"averag\w*|\bfell\b|\brose\b|增加|减少|录得", opening):
        return None
    if _BANK_PRODUCT.search(opening) and indicator in ("us_30y_mortgage_rate", "mortgage_rate", "us_15y_mortgage_rate"):
        return None
    fields: dict[str, Any] = {"indicator": indicator}
    if indicator in ("us_30y_mortgage_rate", "us_15y_mortgage_rate", "mortgage_rate"):
        anchor = {"us_30y_mortgage_rate": _US30, "us_15y_mortgage_rate": _US15}.get(indicator, _CB_RATE)
        value, prior = _rate(text, head, anchor)
        if value is None:
            return None
        fields.update(value=value, unit="percent")
        if prior is not None:
            fields["prior"] = prior
    elif indicator.startswith("mba_"):
        value, prior = _rate(text, head, _MBA)
        if value is None:
            return None
        sign = -1.0 if re.search(r"\b(?:fell|decreas\w*|declin\w*|dropped|down|slipped|lower)\b|下降|减少|回落",
                                 head[: head.find("%") + 1 if "%" in head else 200]) else 1.0
        fields.update(value=round(sign * abs(value), 4), unit="pct_change")
        if prior is not None:
            fields["prior"] = prior
    else:
        amounts = find_amounts(text, default_currency="CNY")
        anchor = {"pboc_household_mlt_loans": _MLT, "pboc_household_short_loans": _SHORT,
                  "new_home_loans": _NEW_HOME}.get(indicator, _HH)
        value_m, prior_m = _amount_after(amounts, head, anchor)
        if value_m is None and indicator == "pboc_household_mlt_loans":
            indicator = "pboc_household_loans"
            fields["indicator"] = indicator
            value_m, prior_m = _amount_after(amounts, head, _HH)
        if value_m is None:
            return None
        fields.update(value=round_value(value_m.value), unit=value_m.currency or "CNY")
        if prior_m is not None:
            fields["prior"] = round_value(prior_m.value)
    if not _PRINT_VERB.search(head):
        return None
    period = _period(head, doc.item.published)
    if period:
        fields["period"] = period
    return fields
