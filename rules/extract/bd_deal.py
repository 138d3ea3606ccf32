"""`bd_deal`: a new pharma/biotech transaction — license-out/in, option, co-development, NewCo, acquisition.

Recognition works on the headline first (it states the event) and falls back to the opening of the summary.
Not deals, though they look alike: round-ups totalling many deals, milestone payments under an existing deal,
approvals and read-outs that mention old deal terms, IPOs and funding rounds, terminations.
"""

from __future__ import annotations

import re
from typing import Any

from rules.extract import Document, Fields, register
from rules.extract.common import original, round_value
from rules.extract.numbers import Money, find_amounts
from rules.lexicon import load

HEAD = 900  # characters of summary that carry the deal terms in news and press releases

_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("newco", re.compile(r"\bnew ?co\b|新公司|newco")),
    ("option", re.compile(r"option to (?:in-?)?licen[cs]e|option to acquire|exclusive option|option agreement|option deal"
                          r"|选择权|期权协议|独家期权|优先购买权")),
    ("co_development", re.compile(r"co-?develop\w*|co-?commerciali[sz]\w*|jointly develop\w*|co-co\b|共同开发|联合开发"
                                  r"|共同商业化|合作开发|共同推进")),
    ("acquisition", re.compile(r"\bacquir\w*|\bacquisition\b|takeover|buyout|\bto buy\b|agreed to buy|\bbuys\b|\bmerge\w*"
                               r"|tender offer|收购|并购|要约|买下|全资收购|私有化")),
    ("license", re.compile(r"licen[cs]\w*|\brights? to\b|\bregional rights\b|授权|许可|引进|转让.{0,6}权益|获得.{0,12}权益"
                           r"|权益.{0,4}转让|license-?out|bd交易|合作协议")),
]
_ROUNDUP = re.compile(
    r"round-?up|\btop \d+|\btop ten\b|\d+ (?:bd |licensing |biopharma )?deals\b|deals of (?:the|20\d\d)|十大|十单|前十|盘点|榜单"
    r"|年度.{0,6}交易|\d+\s*[起笔宗项].{0,8}(?:交易|bd|授权)|清单|回顾|复盘|汇总|最贵|半年报|年报|季度.{0,4}交易|交易总额.{0,8}创"
    r"|weekly|this week in|week in review|周报|月报|一周"
)
_MILESTONE_ONLY = re.compile(
    r"milestone payment|achieves? .{0,30}milestone|receives? .{0,40}milestone|triggers?\b.{0,30}milestone|earns? .{0,30}milestone"
    r"|里程碑付款.{0,8}(?:到账|触发)|触发.{0,12}里程碑|获得.{0,12}里程碑|收到.{0,16}里程碑|达成.{0,12}里程碑"
)
_NOT_DEAL = re.compile(
    r"fda (?:approv|clear|accept|grant)|\bapprov(?:al|es|ed)\b|获批|批准上市|批准|nmpa|\bema\b|chmp|topline|top-line"
    r"|phase (?:i|ii|iii|1|2|3|1/2|2/3)\w* (?:data|results|trial|study)|readout|read-out|临床数据|顶线|主要终点|primary endpoint"
    r"|\bipo\b|initial public offering|series [a-f]\b|financing|funding round|raises? \$|\braised\b|融资|募资|上市首日|招股"
    r"|递表|[abc]\+?轮|天使轮|pre-ipo|private placement|定增|配售|terminat\w*|终止|退回|return(?:s|ed)? (?:of )?rights"
    r"|lawsuit|诉讼|layoff|裁员|earnings|财报|业绩|revenue|营收|sales of|销售额|guidance"
)
_DEAL_VERB = re.compile(
    r"\bsign\w*|\benter\w*|\bagree\w*|\bstrike\w*|\bstruck\b|\binks?\b|\binked\b|\bannounce\w*|\bpays?\b|\bpaid\b|\bwins?\b|\bgains?\b"
    r"|\bbets?\b|\bnabs?\b|\bsnaps? up\b|\bbags?\b|\bhands?\b|\bgrants?\b|\blands?\b|\bforms?\b|\bteams? up\b|\bpartners?\b"
    r"|达成|签署|签订|签约|宣布|获得|拿下|斥资|豪掷|牵手|联手|授予|引进|出海|押注|入局|抢"
)

_UPFRONT = re.compile(r"upfront|up-front|up front|initial payment|near-term|首付款?|预付款?|签约款|首期款|首付及近期付款")
_MILESTONE = re.compile(r"milestone|里程碑")
_TOTAL = re.compile(
    r"up to|total(?:ing|ling)?|worth|valued at|deal value|in (?:a|an) .{0,25}deal|aggregate|biobucks|equity value"
    r"|总额|总交易额|总金额|总价|最高达|最高可达|最高|合计|潜在总|高达|共计|总计|交易额|总值|价值|估值"
)
_BUY_FOR = re.compile(r"\bfor\b|以|作价|对价|斥资|豪掷|出资")
_COMPANY_SUFFIX = re.compile(
    r"([A-Z][\w.&\-]*(?:\s+[A-Z][\w.&\-]*){0,3}\s+(?:Therapeutics|Pharmaceuticals?|Pharma|Biosciences?|Biotherapeutics"
    r"|Biotech(?:nology)?|Bio|Biologics|Biopharma(?:ceuticals?)?|Oncology|Medicines|Sciences|Inc\.?|Ltd\.?|AG|plc|SA|Co\.))"
)
_ZH_COMPANY = re.compile(r"([\u4e00-\u9fff]{2,6}(?:生物医药|生物科技|生物制药|生物|医药|药业|制药|製藥|集团|科技|药明\w{0,2}))")


def _amounts_near(amounts: list[Money], folded: str, rx: re.Pattern[str], before: int, after: int) -> list[Money]:
    out = []
    for m in rx.finditer(folded):
        for a in amounts:
            if m.end() - 2 <= a.start <= m.end() + after or m.start() - before <= a.end <= m.start() + 1:
                out.append(a)
    return out


def _deal_type(title: str, head: str) -> str | None:
    for scope in (title, head[: len(title) + 300]):
        found = [(name, m.start()) for name, rx in _TYPES if (m := rx.search(scope))]
        if found:
            names = [n for n, _ in found]
            for preferred in ("newco", "option", "co_development"):
                if preferred in names:
                    return preferred
            # acquisition vs license: whichever the headline states first
            return min(found, key=lambda f: f[1])[0]
    return None


def _money(text: str, folded: str) -> dict[str, Any]:
    amounts = [a for a in find_amounts(text) if a.value > 0 and (a.currency is not None or a.value >= 1e5)]
    if not amounts:
        return {}
    upfront_c = _amounts_near(amounts, folded, _UPFRONT, before=14, after=30)
    milestone_c = _amounts_near(amounts, folded, _MILESTONE, before=40, after=30)
    total_c = _amounts_near(amounts, folded, _TOTAL, before=6, after=30)
    upfront = upfront_c[0] if upfront_c else None
    total = next((a for a in total_c if a is not upfront and (upfront is None or a.value >= upfront.value)), None)
    milestones = next((a for a in milestone_c if a is not upfront and a is not total), None)
    if total is not None and milestones is None and upfront is not None:
        # "up to $1.17 billion in milestones" after an upfront: the "up to" amount is the milestones
        tail = folded[total.end : total.end + 40]
        if _MILESTONE.search(tail) and not re.search(r"total|总", folded[max(0, total.start - 30) : total.start]):
            milestones, total = total, None
    if total is None and upfront is not None and milestones is not None:
        total_value = upfront.value + milestones.value
        currency = upfront.currency or milestones.currency
    elif total is not None:
        total_value, currency = total.value, total.currency
    elif upfront is None:
        buy = _amounts_near(amounts, folded, _BUY_FOR, before=0, after=12)
        chosen = buy[0] if buy else max(amounts, key=lambda a: a.value)
        total_value, currency = chosen.value, chosen.currency
    else:
        total_value, currency = None, upfront.currency
    out: dict[str, Any] = {}
    if upfront is not None:
        out["upfront"] = round_value(upfront.value)
    if total_value is not None:
        out["total"] = round_value(total_value)
    currency = currency or (upfront.currency if upfront else None)
    if currency:
        out["currency"] = currency
    return out


def _asset(text: str) -> str | None:
    """A drug code (JYB1904, SSGJ-707, IBI363, HRS-9531, C-CAR031, AZD5851) or an INN (…mab, …nib, …cel)."""
    for m in re.finditer(r"\b([A-Z]{1,6}[A-Z0-9]*-?[A-Z]?\d{2,6}[A-Za-z]?(?:-\d+)?)\b", text):
        code = m.group(1)
        if re.fullmatch(r"(?:19|20)\d\d|Q\d|[A-Z]{1,3}\d{1}|COVID-19|PD-L?1|HER2|GLP-1|IL-\d+|CD\d+|FY\d+|H\d|TYK2|JAK\d?|"
                        r"KRAS\w*|EGFR|CAR-T|ADC|BCMA|CLDN\w*|TROP\d|B7-H\d|PDE\d+/?\d*|GPC\d|IgE|[A-Z]+\d+\.(?:HK|SH|SZ)", code):
            continue
        if re.search(r"\d{2,}", code) and re.search(r"[A-Z]", code):
            return code
    inn = re.search(r"\b([a-z]{4,}(?:mab|nib|tinib|ciclib|parib|lisib|cel|tide|glutide|stat|vir|zumab|ximab|tug|kin|cept))\b",
                    text, re.IGNORECASE)
    return inn.group(1) if inn else None


def _parties(doc: Document, head: str, deal_type: str) -> tuple[str | None, str | None]:
    """(licensor/seller, licensee/buyer) from the headline's grammar, falling back to the summary."""
    title = doc.folded_title
    for scope, orig in ((title, doc.title), (head, doc.text)):
        names = _company_spans(scope, orig)
        if not names:
            continue
        if len(names) == 1:
            only = names[0]
            pos = only[1]
            before = scope[:pos]
            if deal_type == "acquisition" and re.search(r"acquir\w*|收购|to buy|buys", scope[only[2] : only[2] + 20]):
                return None, only[0]
            if re.search(r"acquir\w*\s*$|收购\s*$|buy\s*$", before):
                return only[0], None
            continue
        (a, _a_start, a_end), (b, b_start, _) = names[0], names[1]
        between = scope[a_end:b_start]
        after_b = scope[b_start:]
        # buyer/licensee first: "A to acquire B", "A in-licenses … from B", "A gains rights … from B", "A以…收购B",
        # "A获得B…授权", "A从B引进"
        if re.search(r"acquir|buy|收购|并购|买下|in-?licen|gains?|wins?|obtains?|secures?|pays?|bets?|snaps? up|nabs?"
                     r"|获得|拿下|引进|斥资|豪掷|押注|从|向", between):
            if re.search(r"licen[cs]es? .{0,60}\bto\b|授权给|授予|许可给|转让给", between + after_b[:80]) and not re.search(
                r"in-?licen|获得|引进", between
            ):
                return a, b
            return b, a
        # licensor first: "A licenses X to B", "A grants B", "A将X授权给B", "A与B达成授权" (licensor usually named first in
        # Chinese out-licensing news)
        if re.search(r"licen[cs]es?|out-?licen|grants?|授权|授予|许可|转让", between):
            return a, b
        if re.search(r"\bfrom\b", between + after_b[:10]):
            return b, a
        if deal_type == "acquisition":
            return b, a
        return a, b
    return None, None


def _company_spans(folded: str, orig: str) -> list[tuple[str, int, int]]:
    hits = [(h.canonical, h.start, h.end) for h in load("pharma_companies").find(folded)]
    taken = [(s, e) for _, s, e in hits]
    text = orig if len(orig) == len(folded) else folded
    for rx in (_COMPANY_SUFFIX, _ZH_COMPANY):
        for m in rx.finditer(text):
            s, e = m.start(1), m.end(1)
            if any(s < te and ts < e for ts, te in taken):
                continue
            hits.append((original(orig, folded, s, e), s, e))
            taken.append((s, e))
    seen: set[str] = set()
    out = []
    for name, s, e in sorted(hits, key=lambda h: h[1]):
        if name not in seen:
            seen.add(name)
            out.append((name, s, e))
    return out


@register("bd_deal")
def extract_bd_deal(doc: Document) -> Fields | None:
    title = doc.folded_title
    head = doc.folded_text[: len(title) + 1 + HEAD]
    opening = title or head[:200]
    if _ROUNDUP.search(opening):
        return None
    deal_type = _deal_type(title, head)
    if deal_type is None:
        return None
    title_verb = _DEAL_VERB.search(opening) or _TYPES[3][1].search(opening)
    if _MILESTONE_ONLY.search(opening) and not re.search(r"\bsign|\benter|签署|签订|达成.{0,6}(?:协议|合作)", opening):
        return None
    if _NOT_DEAL.search(opening) and not title_verb:
        return None
    if _NOT_DEAL.search(opening) and re.search(r"\bipo\b|融资|financing|series [a-f]\b|terminat|终止|approv|获批", opening) and not (
        deal_type == "acquisition" and _TYPES[3][1].search(opening)
    ):
        return None
    fields: dict[str, Any] = {"deal_type": deal_type}
    licensor, licensee = _parties(doc, head, deal_type)
    if licensor:
        fields["licensor"] = licensor
    if licensee:
        fields["licensee"] = licensee
    asset = _asset(doc.title) or _asset(doc.text[: len(head)])
    if asset:
        fields["asset"] = asset
    fields.update(_money(doc.text[: len(head)], head))
    return fields
