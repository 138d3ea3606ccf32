"""`bd_deal`: a new pharma/biotech transaction — license-out/in, option, co-development, NewCo, acquisition.

Recognition reads the headline first (it states the event) and falls back to the opening of the summary.
Not deals, though they look alike: round-ups totalling many deals, milestone payments under an existing deal,
approvals and read-outs that mention old deal terms, IPOs and funding rounds, terminations, and deals outside
pharma. Roles come from what each company does in the text: the one that pays, gains rights or acquires is
the licensee (buyer); the one that receives payments, grants rights or is acquired is the licensor (seller).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from rules.extract import Document, Fields, register
from rules.extract.common import original, round_value
from rules.extract.numbers import Money, find_amounts
from rules.lexicon import load

HEAD = 900  # characters of summary that carry the deal terms in news and press releases

_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("newco", re.compile(r"\bnew ?co\b|新公司|newco")),
    (
        "option",
        re.compile(
            r"option to (?:in-?)?licen[cs]e|option to acquire|exclusive option|option agreement|option deal|options? on\b|选择权|期权协议|独家期权|优先购买权|选择权许可"
        ),
    ),
    (
        "co_development",
        re.compile(
            r"co-?develop\w*|co-?commerciali[sz]\w*|jointly develop\w*|co-co\b|share (?:profits|costs)|共同开发|联合开发|共同商业化|合作开发|共同推进|共担|分摊"
        ),
    ),
    (
        "acquisition",
        re.compile(
            r"\bacquir\w*|\bacquisition\b|takeover|buyout|\bto buy\b|agreed to buy|\bbuys\b|\bbought\b|\bmerge\w*|tender offer|收购|并购|要约|买下|全资收购|私有化|买断|拿下.{0,40}(?:剩余|全部)权益"
        ),
    ),
    (
        "license",
        re.compile(
            r"licen[cs]\w*|\brights? to\b|\brights? (?:outside|in|for)\b|授权|许可|引进|转让.{0,6}权益|获得.{0,12}权益|权益.{0,4}转让|license-?out"
        ),
    ),
]
_GENERIC_DEAL = re.compile(
    r"抢|争夺|押注|拿下|豪掷|\bbets? on\b|\bsnaps? up\b|\bpays?\b.{0,40}\bupfront|\bupfront\b|首付款?|预付款?|签约金|\bdeals?\b|\bpacts?\b|agreement|collaborat\w*|partnership|tie-?up|alliance|\btrade\b|交易|协议|合作|牵手|联手|bd\b"
)
_ROUNDUP = re.compile(
    r"round-?up|\btop \d+|\btop ten\b|\btally\b|\d+\s+(?:\S+\s+){0,3}(?:deals|pacts|agreements|transactions|tie-ups|acquisitions)\b|biggest|largest \w+ deals|deals of the (?:month|week|year|quarter)|deals? of 20\d\d"
    r"|deals? (?:of the|in) (?:year|quarter|q\d|h\d|20\d\d)|(?:in|during) (?:q[1-4]|the (?:first|second) half|first half|the quarter|the year|20\d\d)\b"
    r"|\brecord\b.{0,30}\b(?:deal|licens)|(?:deal|licensing|licens\w*) (?:value|volume)s?\b.{0,20}\b(?:hit|reach|top|total|soar|jump)"
    r"|\b(?:hit|hits|top|tops|topped|reach|reached|total|totalled|totaled)\s+\$\d"
    r"|十大|十单|前十|盘点|榜单|年度.{0,6}交易|(?<![a-z\-\d])\d+\s*[起笔宗件].{0,8}(?:交易|bd|授权|许可)|(?:授权|交易|bd).{0,8}(?<![a-z\-\d])\d+\s*[起笔宗件]|清单|回顾|复盘|汇总|最贵"
    r"|20\d\d年.{0,24}(?:交易|授权|bd|出海).{0,8}总额|总额达|半年报|上半年|下半年|前三季|季度.{0,6}(?:交易|授权)|去年|今年以来|全年|(?:总额|金额|总金额).{0,8}(?:创|新高|历史)|创.{0,4}(?:新高|纪录)|统计"
    r"|weekly|this week in|week in review|周报|月报|一周"
)
_MILESTONE_EVENT = re.compile(
    r"milestone payment|achieves? .{0,30}milestone|receives? .{0,40}milestone|\bto receive\b.{0,40}\bafter\b|triggers?\b.{0,30}(?:milestone|payment)"
    r"|earns? .{0,30}milestone|banks? .{0,20}milestone|collects? .{0,30}milestone|first milestone|milestone (?:from|under)"
    r"|里程碑付款.{0,8}(?:到账|触发)|触发.{0,12}(?:里程碑|付款)|获得.{0,12}里程碑|收到.{0,16}里程碑|达成.{0,12}里程碑|里程碑.{0,6}到账"
)
_NOT_DEAL = re.compile(
    r"fda (?:approv|clear|accept|grant)|\bapprov(?:al|es|ed)\b|\bclears?\b|获批|批准上市|批准|nmpa|\bema\b|chmp|topline|top-line"
    r"|phase (?:i|ii|iii|1|2|3|1/2|2/3)\w* (?:data|results|trial|study)|\bin phase\b|\bdata\b|readout|read-out|\bshows?\b|临床数据|ii期数据|顶线|主要终点|primary endpoint|缓解率"
    r"|\bipo\b|initial public offering|series [a-f]\b|financing|funding round|\braises? \$|\braised\b|融资|募资|上市首日|招股|递表"
    r"|[abc]\+?轮|天使轮|pre-ipo|private placement|定增|配售|terminat\w*|终止|退回|return(?:s|ed)? (?:of )?rights|ends? (?:pact|deal|collaboration)"
    r"|lawsuit|诉讼|layoff|裁员|earnings|财报|业绩|revenue|营收|sales of|销售额|guidance"
)
_PHARMA = re.compile(
    r"pharma|biotech|therapeut|biopharm|\bdrugs?\b|drugmaker|oncology|antibod|\badc\b|molecule|inhibitor|vaccine|\bbio\b|biolog|medicin"
    r"|clinical|\bglp-1\b|obesity|\bcar-t\b|sirna|agonist|peptide|生物|医药|药业|制药|疗法|抗体|药物|新药|分子|抑制剂|疫苗|临床|双抗|药"
)
_UPFRONT = re.compile(
    r"upfront|up-front|up front|initial payment|cash at closing|option fee|首付款?|预付款?|签约金|签约款|首期款"
)
_BUNDLE = re.compile(
    r"^\S{0,4}(?:及|和|与|and|plus|&)\s?(?:\S+\s)?(?:near-term|研发|开发|development|regulatory|里程碑|milestone)"
)
_MILESTONE = re.compile(r"milestone|里程碑")
_TOTAL = re.compile(
    r"worth|valued at|total (?:deal )?value|total (?:potential )?(?:payments|consideration)|in total|deal of up to|deal valued|biobucks"
    r"|total of up to|aggregate|equity value|总额|总金额|总交易额|交易总额|总价值|交易额|合计|总计|总代价|总值|总价"
)
_PER_SHARE = re.compile(r"^\s*(?:per|a) share|^\s*/股|^\s*每股")
_EQUITY = re.compile(r"equity investment|subscri\w*|stake|股权投资|认购|入股|认股权证|warrant")

_COMPANY_SUFFIX = re.compile(
    r"(?<![A-Za-z])((?:[A-Z][\w.&\-]*\s+){0,3}(?:[A-Z][\w.&\-]*\s+)?(?:Therapeutics|Pharmaceuticals?|Pharma|Biosciences?|Biotherapeutics"
    r"|Biotech(?:nology)?|Bio|Biologics|Biopharma(?:ceuticals?)?|Oncology|Medicines|Sciences|Ingelheim|Laboratories|Labs))(?![A-Za-z])"
)
_ZH_COMPANY = re.compile(
    r"([\u4e00-\u9fff]{2,6}?(?:生物医药|生物科技|生物制药|生物|医药|药业|制药|製藥|集团|药品|科技))"
)
_ZH_LEAD = re.compile(r"^(?:.*?(?:附属公司|子公司|公司|与|和|及|向|将|获|由|对|就|为|从|同|跟|其))")
_NEWCO_NAME = re.compile(r"newco,?\s+(?:called\s+|named\s+)?([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,3})")
_EN_COMPANY_WORD = re.compile(r"(?<![A-Za-z])([A-Z][a-zA-Z0-9&\-]{2,}(?:\s+[A-Z][a-zA-Z0-9&\-]+){0,2})(?![A-Za-z])")

_LICENSEE_AFTER = re.compile(
    r"^[\s,'’s]{0,4}(?:\([^)]{0,25}\)\s*)?(?:will pay|pays|paid|to pay|(?:has )?agreed to (?:pay|acquire|buy)|is paying|gains?|obtains?|acquires?|to acquire|will acquire"
    r"|in-?licens\w*|licens\w* (?:in|rights|global|worldwide|ex-)|licens\w* [\w\-]+['’]s\b|secures?|wins?|takes?|nabs?|bets?|snaps? up|buys?|to buy|will get (?:exclusive|global|the) rights"
    r"|将(?:向[^，。]{0,16})?支付|向[^，。]{0,16}支付|支付|(?:将)?获得[^，。]{0,30}(?:权利|权益|许可|授权|选择权)|取得[^，。]{0,20}(?:权利|权益|许可)|引进|收购|买下|拿下|斥资|豪掷|以[^，。]{0,24}收购)"
)
_LICENSOR_AFTER = re.compile(
    r"^[\s,'’s]{0,4}(?:\([^)]{0,25}\)\s*)?(?:will receive|to receive|receives?|is eligible|will be eligible|eligible to receive|could receive|stands to receive|will get \$|gets? \$"
    r"|grants?|granted|out-?licens\w*|licens\w* [^.]{0,60}(?<!up )\bto\b|将[^，。]{0,30}(?:授权|许可|转让)给|授予|授权|有偿许可|许可给"
    r"|(?:将)?(?:获得|收取)[^，。]{0,12}(?:首付|预付|付款|款项|美元|元)|收取|有权(?:获得|收取)|有资格获得|出售|转让)"
)
_LICENSOR_BEFORE = re.compile(
    r"(?:\bpay|\bpaying|\bfrom|\bacquire|\bacquiring|\bbuy|\bbuying|向|从|收购|买下)\s*(?:china's\s+|chinese\s+|its\s+)?$"
)
_LICENSEE_BEFORE = re.compile(r"(?:licen[cs]ed? [^.]{0,40}\bto|授权给|许可给|授予|\bto)\s*$")


@dataclass(frozen=True, slots=True)
class _Co:
    name: str
    start: int
    end: int


def _companies(text: str, folded: str) -> list[_Co]:
    found: list[_Co] = [_Co(h.canonical, h.start, h.end) for h in load("pharma_companies").find(folded)]

    def free(s: int, e: int) -> bool:
        return not any(s < c.end and c.start < e for c in found)

    src = text if len(text) == len(folded) else folded
    for m in _COMPANY_SUFFIX.finditer(src):
        s, e = m.start(1), m.end(1)
        words = m.group(1).split()
        while words and words[0].lower() in ("the", "china's", "chinese", "with", "and", "to", "from", "us", "u.s."):
            s += len(words[0]) + 1
            words = words[1:]
        if len(words) >= 1 and free(s, e):
            found.append(_Co(" ".join(words), s, e))
    for m in _ZH_COMPANY.finditer(folded):
        s, e = m.start(1), m.end(1)
        lead = _ZH_LEAD.match(folded[s:e])
        if lead and e - (s + lead.end()) >= 3:
            s += lead.end()
        if free(s, e) and e - s >= 3:
            found.append(_Co(original(text, folded, s, e), s, e))
    return sorted(found, key=lambda c: c.start)


def _roles(text: str, folded: str, deal_type: str) -> tuple[str | None, str | None]:
    cos = _companies(text, folded)
    if not cos:
        return None, None
    score: dict[str, list[float]] = {}
    first: dict[str, int] = {}
    for c in cos:
        first.setdefault(c.name, c.start)
        s = score.setdefault(c.name, [0.0, 0.0])  # [licensor, licensee]
        after, before = folded[c.end : c.end + 70], folded[max(0, c.start - 40) : c.start]
        weight = 2.0 if c.start < len(folded.split("\n", 1)[0]) else 1.0  # the headline counts double
        if _LICENSEE_AFTER.search(after):
            s[1] += weight
        if _LICENSOR_AFTER.search(after):
            s[0] += weight
        if _LICENSOR_BEFORE.search(before):
            s[0] += weight
        elif _LICENSEE_BEFORE.search(before) and deal_type != "acquisition":
            s[1] += weight * 0.5
    names = sorted(score, key=lambda n: first[n])
    licensor = max(names, key=lambda n: (score[n][0] - score[n][1], -first[n]))
    licensee = max(
        (n for n in names if n != licensor), key=lambda n: (score[n][1] - score[n][0], -first[n]), default=None
    )
    if score[licensor][0] <= 0 and licensee is not None and score[licensee][1] <= 0:
        # no cue at all: in "A and B enter into …" the first named is usually the buyer for acquisitions,
        # and Chinese out-licensing news names the licensor first
        a, b = names[0], names[1] if len(names) > 1 else None
        return (b, a) if deal_type == "acquisition" else (a, b)
    if score[licensor][0] <= 0 and (licensee is None or score[licensee][1] > 0):
        return (licensor if licensee else None), licensee
    return licensor, licensee


def _money(text: str, folded: str, deal_type: str) -> dict[str, Any]:
    amounts = [
        a
        for a in find_amounts(text)
        if a.value > 0
        and a.currency is not None
        and not _PER_SHARE.search(folded[a.end : a.end + 12])
        and not re.search(r"每股\s*$", folded[max(0, a.start - 3) : a.start])
    ]
    if not amounts:
        return {}

    def near(a: Money, rx: re.Pattern[str], before: int, after: int) -> bool:
        return bool(rx.search(folded[max(0, a.start - before) : a.start]) or rx.search(folded[a.end : a.end + after]))

    upfront = None
    for a in amounts:
        pre, post = folded[max(0, a.start - 30) : a.start], folded[a.end : a.end + 24]
        pre = re.split(r"[,;，；。]|\band\b|及", pre)[-1]  # the phrase this amount belongs to
        if (
            (_UPFRONT.search(pre) or _UPFRONT.search(post[:14]))
            and not _BUNDLE.search(post)
            and not _EQUITY.search(post[:20])
            and not _TOTAL.search(pre)
        ):
            upfront = a
            break
    explicit = [
        a
        for a in amounts
        if a is not upfront
        and not re.search(
            r"(?:两|二|三|\d)\s*[笔起宗]|\b(?:two|three|\d+) deals", folded[max(0, a.start - 16) : a.start]
        )
        and (
            _TOTAL.search(folded[max(0, a.start - 24) : a.start])
            or re.search(r"^\s*(?:deal|agreement|in total|in all|交易|协议)", folded[a.end : a.end + 12])
        )
    ]

    def own_clause_after(a: Money) -> str:
        nxt = min((b.start for b in amounts if b.start > a.end), default=len(folded))
        return re.split(
            r"[;；。]|,\s*(?:plus|and)?\s*(?:double|tiered|royalt)|，", folded[a.end : min(nxt, a.end + 70)]
        )[0]

    milestones = [
        a
        for a in amounts
        if a is not upfront
        and a not in explicit
        and not (upfront is not None and a.value == upfront.value)
        and (_MILESTONE.search(own_clause_after(a)) or _MILESTONE.search(folded[max(0, a.start - 30) : a.start]))
        and not _EQUITY.search(folded[max(0, a.start - 20) : a.end + 20])
    ]
    out: dict[str, Any] = {}
    if upfront is not None:
        out["upfront"] = round_value(upfront.value)
    total: float | None = None
    currency = upfront.currency if upfront else None
    if explicit:
        best = max(explicit, key=lambda a: a.value)
        total, currency = best.value, best.currency
    elif milestones:
        unique = {(a.value, a.currency) for a in milestones}
        total = (upfront.value if upfront else 0.0) + sum(v for v, c in unique if c == milestones[0].currency)
        currency = currency or milestones[0].currency
    elif deal_type == "acquisition" or upfront is None:
        buy = [
            a
            for a in amounts
            if re.search(
                r"(?:\bfor|以|作价|对价|斥资|豪掷|pay|paying)\s*(?:about|approximately|约|up to)?\s*$",
                folded[max(0, a.start - 20) : a.start],
            )
        ]
        chosen = buy[0] if buy else (max(amounts, key=lambda a: a.value) if upfront is None else None)
        if chosen is not None:
            total, currency = chosen.value, chosen.currency
    if total is not None and (upfront is None or total >= upfront.value):
        out["total"] = round_value(total)
    if currency:
        out["currency"] = currency
    return out


_CODE = re.compile(r"(?<![A-Za-z0-9\-])((?:[A-Z]{1,6}|\d[A-Z]{1,4})-?[A-Z]?\d{2,6}[A-Za-z]?(?:-\d+)?)(?![A-Za-z0-9])")
_NOT_CODE = re.compile(
    r"(?:19|20)\d\d|Q\d|FY\d+|H\d|COVID-19|PD-L?1|HER\d|GLP-1|IL-\d+\w*|CD\d+|TYK\d|JAK\d?|KRAS\w*|EGFR|B7-H\d|PDE\d+|GPC\d|TROP\d"
    r"|CLDN\d+|FGF\d+|MRK|[A-Z]+\d+\.(?:HK|SH|SZ)|HKEX|NYSE|NASDAQ|GPRC\d\w*|\d+[A-Z]?|[A-Z]{1,2}\d"
)
_INN = re.compile(
    r"(?<![A-Za-z])([a-z]{4,}(?:mab|nib|tinib|ciclib|parib|lisib|cel|tide|glutide|stat|vir|zumab|ximab|tug|kin|cept|tecan|vedotin|tansine|sermin))(?![A-Za-z])",
    re.IGNORECASE,
)


def _asset(text: str) -> str | None:
    """A drug code (JYB1904, SSGJ-707, IBI363, HRS-9531, C-CAR031, AZD5851, 9MW1911) or an INN (…mab, …tide)."""
    for m in _CODE.finditer(text):
        code = m.group(1)
        if not _NOT_CODE.fullmatch(code) and re.search(r"\d{2,}", code) and re.search(r"[A-Z]", code):
            return code
    inn = _INN.search(text)
    return inn.group(1) if inn else None


def _deal_type(opening: str, head: str) -> str | None:
    for scope in (opening, head):
        found = [(name, m.start()) for name, rx in _TYPES if (m := rx.search(scope))]
        if found:
            names = [n for n, _ in found]
            if scope is opening:
                for preferred in ("newco", "option", "co_development"):
                    if preferred in names:
                        return preferred
            return min(found, key=lambda f: f[1])[0]
        if scope is opening and not _GENERIC_DEAL.search(opening):
            return None  # the headline does not announce a deal at all
    return "license"  # a deal with an upfront but no type word: a licence or platform collaboration


_TITLE_BUY = re.compile(
    r"^(?:exclusive:\s*)?(?P<buyer>[A-Z][\w&.'\- ]{1,40}?)\s+(?:to acquire|acquires|agrees? to (?:buy|acquire)|will acquire|to buy|buys"
    r"|snaps up|nabs|bags|scoops up)\s+(?P<target>[\w&.'\- ]{2,40}?)(?:['’]s\b.*)?\s+(?:for|in|at|with)\b"
)


def _one(doc: Document, text: str, folded: str, opening: str, deal_type: str) -> Fields:
    fields: dict[str, Any] = {"deal_type": deal_type}
    licensor, licensee = _roles(text, folded, deal_type)
    if deal_type == "acquisition" and not (licensor and licensee) and (m := _TITLE_BUY.match(doc.title)):
        # "Bristol Myers Squibb to acquire 2seventy bio for $286 million": the headline's grammar names both
        licensee, licensor = licensee or m.group("buyer").strip(), licensor or m.group("target").strip()
    if deal_type == "newco" and (m := _NEWCO_NAME.search(text)):
        licensee = m.group(1)
    if licensor:
        fields["licensor"] = licensor
    if licensee:
        fields["licensee"] = licensee
    asset = _asset(text[: len(opening)]) or _asset(text)
    if asset and not (deal_type == "acquisition" and not re.search(r"asset|rights|权益|资产|产品", folded)):
        fields["asset"] = asset
    fields.update(_money(text, folded, deal_type))
    return fields


@register("bd_deal")
def extract_bd_deal(doc: Document) -> Fields | list[Fields] | None:
    title = doc.folded_title
    head = doc.folded_text[: len(title) + 1 + HEAD]
    text = doc.text[: len(head)]
    opening = title or head[:200]
    if _ROUNDUP.search(opening):
        return None
    if _MILESTONE_EVENT.search(opening) and not re.search(
        r"\bsign|\benter|\bstrike|签署|签订|达成.{0,6}(?:协议|合作)", opening
    ):
        return None
    has_deal = any(rx.search(opening) for _, rx in _TYPES) or _GENERIC_DEAL.search(opening)
    if not has_deal:
        return None
    if _NOT_DEAL.search(opening) and not re.search(
        r"\bsign|\benter|\bstrike|\binks?|\bagree|\bpays?\b|to acquire|签署|签订|达成|收购|授权|许可", opening
    ):
        return None
    if not (_PHARMA.search(head) or load("pharma_companies").find(head)):
        return None
    deal_type = _deal_type(opening, head)
    if deal_type is None:
        return None
    # Several deals in one report ("Novartis will pay Argo …  Separately, Eli Lilly agreed to pay Laekna …")
    body = len(title) + 1
    cuts = [
        m.start()
        for m in re.finditer(r"\bseparately\b|\bin a separate deal\b|\bmeanwhile\b|另外|此外|同日|次日", head)
        if m.start() > body
    ]
    if cuts:
        bounds = [body, *cuts, len(head)]
        events = []
        for a, b in itertools.pairwise(bounds):
            clause = head[a:b]
            if (_GENERIC_DEAL.search(clause) or any(rx.search(clause) for _, rx in _TYPES)) and find_amounts(text[a:b]):
                ev = _one(doc, text[a:b], clause, clause[:200], _deal_type(clause, clause) or deal_type)
                if ev.get("licensor") or ev.get("licensee"):
                    events.append(ev)
        if len(events) >= 2:
            return events
    return _one(doc, text, head, opening, deal_type)
