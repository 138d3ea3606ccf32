"""The money of a deal: upfront and total, from the amounts in its sentences and the words around each one.

Deal amounts are written with a scale (million, bn, M, 亿, 萬) and usually a currency; per-share prices ($188.24,
每股50美元) have no scale and are never totals. Each amount gets a kind from its own clause:
  upfront    $85M upfront · upfront payment of · 首付款 / 预付款 / 首期 / 签约金 · 不可退还的… · (licence) paying $X cash
  milestone  in milestones · CVR · contingent · additional / eligible to receive / could hit · 里程碑 / 里程金 · …后收取
  total      worth / valued at / deal of / in a $X deal / total consideration / (acquisition) for $X / 以…收购 /
             总额 / 總額 / 合计 / 交易金额 / 斥资 / 最高…的…协议 · upfront and milestones together (…的预付款及里程碑付款)
  other      revenue, sales, market size or value, a financing or IPO, an equity investment, a premium
A conversion in brackets after an amount ("$500 million (about 3.6 billion yuan)", "120億美元（約新台幣3722億元）")
is dropped: the stated currency wins. An amount with no currency is dropped when another amount has one (Taiwan
headlines restate deals in NT dollars without saying so). The total is the headline's stated total, else the first
stated total in the text, else upfront plus every milestone amount (label contract), else, for an acquisition, the
upfront; the currency is the total's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rules.extract import bd_cues as C
from rules.extract.bd_cues import Cues
from rules.extract.common import round_value

_SCALE = {
    "trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "million": 1e6, "mn": 1e6,
    "mln": 1e6, "m": 1e6, "mm": 1e6, "thousand": 1e3, "k": 1e3, "crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5,
    "万亿": 1e12, "萬億": 1e12, "千亿": 1e11, "千億": 1e11, "百亿": 1e10, "百億": 1e10, "十亿": 1e9, "十億": 1e9,
    "亿": 1e8, "億": 1e8, "千万": 1e7, "千萬": 1e7, "百万": 1e6, "百萬": 1e6, "十万": 1e5, "十萬": 1e5, "万": 1e4,
    "萬": 1e4,
}  # fmt: skip
_AMOUNT = re.compile(
    r"(\d(?:[\d,]*\d)?(?:\.\d+)?)(?:\s|-(?=[mbt]))?"  # (the Globe and Mail's "$236-million")
    r"((?i:trillion|billion|million|thousand|bn|bln|mn|mln|tn|crores?|lakhs?)(?![A-Za-z])|(?:mm|[mbkMBK])(?![A-Za-z])|"
    r"万亿|萬億|千亿|千億|百亿|百億|十亿|十億|千万|千萬|百万|百萬|十万|十萬|[亿億万萬])"
)
_CODE_BEFORE = re.compile(
    r"(?<![a-z])(?:usd|hkd|rmb|cny|eur|gbp|chf|jpy|twd|sgd|aud|cad|sek|dkk|nok|e)$"
)  # USD1.1 billion, E310 million (the wires' euro)
_CN_AMOUNT = re.compile(
    r"([一二两三四五六七八九十百千壹贰叁参肆伍陆柒捌玖拾佰仟零]{1,8})(万亿|千亿|百亿|十亿|亿|千万|百万|十万|万)"
    r"(美元|美金|港元|欧元|英镑|日元|元人民币|人民币|元)"
)
_CN_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_DIGIT |= {"壹": 1, "贰": 2, "叁": 3, "参": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}  # in contracts
_CN_UNIT = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}


def _cn_number(text: str) -> float:
    """一百 → 100, 百 → 100, 三千五 → 3500, 十二 → 12, 贰仟叁佰叁拾 → 2330 (the Chinese numerals before 亿 / 万)."""
    total, cur = 0, 0
    for ch in text:
        if ch in _CN_DIGIT:
            cur = _CN_DIGIT[ch]
        elif ch in _CN_UNIT:
            total += (cur or 1) * _CN_UNIT[ch]
            cur = 0
    return float(total + cur)


_WORD_AMOUNT = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)\s"
    r"(million|billion)\s(?:(?:us|u\.s\.)\s)?(dollars|euros|pounds|yuan)\b"
)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}  # fmt: skip
_PREFIX = re.compile(
    r"(us\$|u\.s\.\$|hk\$|nt\$|a\$|c\$|s\$|\$|€|£|¥|₹|₩|(?<![a-z])rs\.?|inr|krw|rmb|usd|eur|gbp|chf|cny|hkd|jpy|twd|sek|dkk|nok|aud|cad|sgd|人民币|美金|美元|港币|港元|新台币|台币|"
    r"欧元|英镑|日元)\s?~?$"
)
_EURO_E = re.compile(r"(?<![a-z0-9.])(e)$")  # E310 million: an older wire notation for euros
_PLAIN = re.compile(
    r"(?<![\w$])(us\$|hk\$|\$|€|£)\s?(\d{1,3}(?:,\d{3}){1,3})(?!\d|[,.]\d|\s?(?:[kmb]|mm|bn|mn|thousand|million|billion)\b)"
)
_PLAIN_ZH = re.compile(r"(人民币|港币|港元|美元)?\s?(\d{1,3}(?:,\d{3}){2,4})(?:\.\d+)?\s?(美元|港元|港币|元)")
_SUFFIX = re.compile(
    r"\s?(?:的)?(美元|美金|元人民币|人民币|港元|港币|欧元|英镑|日元|日圆|瑞士法郎|新台币|台币|韩元|元|圆|"
    r"(?:us\s|u\.s\.\s)?dollars?|euros?|pounds?|yuan|renminbi|yen|swiss francs?|(?:south\s)?korean\swon|japanese\syen|won|rupees?|(?:swedish\s)?kronor|danish\skroner|norwegian\skroner|usd|eur|gbp|chf|cny|rmb|hkd|jpy|krw|inr|sek|dkk|nok)"
)
_CURRENCY = {
    "us$": "USD", "u.s.$": "USD", "$": "USD", "usd": "USD", "美金": "USD", "美元": "USD", "hk$": "HKD", "hkd": "HKD",
    "港币": "HKD", "港元": "HKD", "nt$": "TWD", "twd": "TWD", "新台币": "TWD", "台币": "TWD", "a$": "AUD", "c$": "CAD",
    "s$": "SGD", "€": "EUR", "eur": "EUR", "欧元": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP",
    "英镑": "GBP", "pound": "GBP", "pounds": "GBP", "¥": "CNY", "rmb": "CNY", "cny": "CNY", "人民币": "CNY",
    "元人民币": "CNY", "元": "CNY", "圆": "CNY", "yuan": "CNY", "renminbi": "CNY", "jpy": "JPY", "日元": "JPY",
    "日圆": "JPY", "yen": "JPY", "chf": "CHF", "瑞士法郎": "CHF", "swiss franc": "CHF", "swiss francs": "CHF",
    "韩元": "KRW", "dollar": "USD", "dollars": "USD", "us dollar": "USD", "us dollars": "USD",
    "u.s. dollars": "USD", "u.s. dollar": "USD", "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "rupee": "INR",
    "rupees": "INR", "₩": "KRW", "won": "KRW", "krw": "KRW", "sek": "SEK", "kronor": "SEK",
    "swedish kronor": "SEK", "korean won": "KRW", "south korean won": "KRW", "japanese yen": "JPY", "dkk": "DKK", "danish kroner": "DKK", "nok": "NOK", "norwegian kroner": "NOK",
    "aud": "AUD", "cad": "CAD", "sgd": "SGD", "e": "EUR",
}  # fmt: skip


@dataclass(slots=True)
class Amount:
    value: float
    currency: str | None
    start: int
    end: int
    kind: str = "?"
    in_title: bool = False
    approx: bool = False
    tail: int = 0  # where the words that describe it end (the next amount's clause starts after them)
    floor: int = 0  # where its sentence (without background clauses) starts
    open_ended: bool = False  # paid now, with milestones the text does not count ("$500M plus milestones")
    firm: bool = False  # a total named as such (总金额, total value of), over one that is only "worth" something
    alt: Amount | None = None  # its conversion in brackets: "400 million euros ($434 million)"


_CHINA_PLACE = re.compile(
    r"\b(?:china|chinese|beijing|shanghai|jiangsu|zhejiang|guangdong|shenzhen|hangzhou|suzhou|chengdu|wuhan|yuan|rmb)\b"
)


_COUNTED_AFTER = re.compile(
    r"\s(?:new\s|common\s|ordinary\s|of\sits\s|of\sthe\s)?(?:shares|units|doses|patients|people|tablets|users|"
    r"subscribers|ads|adss|warrants)\b"
)


def find(f: str, spans: list[tuple[int, int]]) -> list[Amount]:
    """Scaled amounts inside `spans` of the folded text, with their currency; conversions in brackets dropped."""
    out: list[Amount] = []
    for s0, e0 in spans:
        for m in _AMOUNT.finditer(f, s0, e0):
            before = f[m.start() - 1] if m.start() else " "
            if (
                before.isascii()
                and (before.isalnum() or before in "_.")
                and not _CODE_BEFORE.search(f, max(0, m.start() - 4), m.start())
            ):
                continue  # CD19, v1.2, 01276.HK: part of a code or a number (not USD1.1 billion)
            try:
                value = float(m.group(1).replace(",", "")) * _SCALE[m.group(2).lower()]
            except (KeyError, ValueError):
                continue
            start, end = m.start(), m.end()
            currency = None
            pre = _PREFIX.search(f, max(s0, start - 8), start) or _EURO_E.search(f, max(s0, start - 2), start)
            if pre:
                currency = _CURRENCY.get(pre.group(1))
                if (
                    pre.group(1) == "¥"
                    and not re.search(r"[\u4e00-\u9fff]", f[max(s0, start - 30) : end + 30])
                    and not _CHINA_PLACE.search(f, max(0, start - 400), end + 200)
                ):
                    currency = "JPY"  # English wires write ¥ for yen (not between Chinese companies: yuan)
                start = pre.start()
            if (
                len(m.group(2)) <= 2
                and m.group(2).isascii()
                and m.group(2).lower() not in ("bn", "mn", "tn")
                and not pre
            ):
                continue  # 2b, 5m, 4k without a currency: a phase (Phase 2b), a distance, a count
            if not pre and _COUNTED_AFTER.match(f, end):
                continue  # "7.1 million shares", "2 million doses": a count, not money
            suf = _SUFFIX.match(f, end, min(e0, end + 22))
            if suf:
                word = suf.group(1).replace("u.s. ", "us ")
                if currency is None or word not in ("元", "圆", "dollars", "dollar"):
                    currency = _CURRENCY.get(word, currency)
                end = suf.end()
            out.append(Amount(value, currency, start, end, floor=s0))
        for m in _CN_AMOUNT.finditer(f, s0, e0) if "亿" in f[s0:e0] or "万" in f[s0:e0] else ():
            if m.start() and f[m.start() - 1] in "0123456789数几上一二三四五六七八九十百千两.":
                continue
            value = _cn_number(m.group(1)) * _SCALE[m.group(2)]
            cur = _CURRENCY.get(m.group(3))
            if value and cur:
                out.append(Amount(value, cur, m.start(), m.end(), floor=s0))
        if "," in f[s0:e0]:  # US$250,000, €1,500,000: written out in full, with its currency sign
            for m in _PLAIN.finditer(f, s0, e0):
                out.append(
                    Amount(float(m.group(2).replace(",", "")), _CURRENCY[m.group(1)], m.start(), m.end(), floor=s0)
                )
        if "," in f[s0:e0] and "元" in f[s0:e0]:  # 人民币1,200,000,000元, 227,773,087港元: filings write amounts out
            for m in _PLAIN_ZH.finditer(f, s0, e0):
                cur = _CURRENCY.get(m.group(1) or "") or _CURRENCY.get(m.group(3), "CNY")
                out.append(Amount(float(m.group(2).replace(",", "")), cur, m.start(), m.end(), floor=s0))
        if "illion" in f[s0:e0]:
            for m in _WORD_AMOUNT.finditer(f, s0, e0):
                value = _WORDS[m.group(1)] * (1e9 if m.group(2) == "billion" else 1e6)
                out.append(Amount(value, _CURRENCY.get(m.group(3)), m.start(), m.end(), floor=s0))
    out.sort(key=lambda a: a.start)
    kept: list[Amount] = []
    converted: list[tuple[Amount, Amount]] = []  # (the stated amount, its conversion in brackets)
    for a in out:
        if kept and _conversion(f, kept[-1], a):
            converted.append((kept[-1], a))
            kept[-1].alt = a
            continue
        kept.append(a)
    # "美时砸16亿元收购…" over "以5000万美元(约新台币16亿元)收购": the headline's amount is the lead's conversion
    for k, a in enumerate(kept):
        near = 0.05 if _round(a.value) else 0.011  # "$1bn" in the headline for the lead's "($1.04 billion)"
        twin = next(
            (st for st, cv in converted if cv.start > a.start and abs(cv.value - a.value) <= near * a.value), None
        )
        if twin is not None:
            kept[k] = Amount(twin.value, twin.currency, a.start, a.end, floor=a.floor)
    if any(a.currency for a in kept):
        kept = [a for a in kept if a.currency]
    return kept


def _round(value: float) -> bool:
    """Two significant digits at most (1bn, 2.5bn, 660m): a figure a headline rounded."""
    return value > 0 and float(f"{value:.2g}") == value


def _conversion(f: str, prev: Amount, a: Amount) -> bool:
    """A bracketed amount right after another in another currency: "$500 million (about 3.6 billion yuan)" (in the
    same currency it is a breakdown: "$5.3 billion ($1.65 billion upfront and …)")."""
    if prev.currency is not None and prev.currency == a.currency:
        return False
    gap = f[prev.end : a.start]
    return len(gap) <= 24 and ("(" in gap or "（" in gap) and ")" not in gap and "）" not in gap


# ------------------------------------------------------------------------------------------------ kinds

_CLAUSE_END = re.compile(r"[;；。，]|,\s?(?:plus|and|while|which|as well as|along with|with)\s|\splus\s|\.\s")
_PER_SHARE = re.compile(r"^\s?(?:per|a|/|each|for each|for every)\s?(?:share|ads|adr|unit)")
_OTHER_POST = re.compile(
    r"^\s?(?:in (?:annual )?(?:revenue|sales)(?! milestone)|of (?:revenue|sales)(?! milestone)|in (?:an )?ipo|in (?:a )?(?:series|seed|venture|financing)|"
    r"market|premium|的?(?:营收|收入|销售额|市值|融资|市场|估值|营业额|成交额))"
)
_EQUITY = re.compile(
    r"^\s?to (?:purchase|buy) (?:[\d,]+ )?(?:new(?:ly issued)? )?(?:shares|common shares)"  # "$625M to purchase 11,501,153 shares"
    r"|^\s?(?:\(|（)?(?:in )?(?:an? )?(?:equity investment|in equity|of equity|equity stake|in (?:newly issued )?shares|"
    r"of (?:common )?stock|的?股权投资|的?股权认购|认购|的(?:(?:(?!现金|加|及|和|与)[a-z\u4e00-\u9fff ]){1,12}的?)?(?:股份|股票|认股权证))"
)
_UPFRONT_POST = re.compile(
    r"^\s?(?:in\s|as\s|as an\s|of\s|of it\s|of that\s|will be\s|is\s|are\s|would be\s)?(?:paid\s)?(?:an?\s)?(?:non-refundable\s)?"
    r"(?:upfront|up-front|up front|initial(?! public)|cash upfront|option (?:fee|payment)|lump[- ]sum|down[- ]payments?)|"
    r"^\s?for (?:the|an|its|this) (?:exclusive )?option\b|^\s?to [^,;.]{1,40}? up[- ]?front\b|"
    r"^\s?,?\s?(?:payable\s|paid\s)?(?:in cash\s)?(?:at|upon|on) (?:the )?closing|"
    r"^\s?,?\s?(?:to be\s)?(?:payable\s|paid\s)?(?:at|upon|on) (?:the )?signing|"
    r"^\s?(?:in cash\s)?(?:now|immediately|right away|straight away)\b|"  # "pays $15 million now"
    r"^\s?(?:的)?(?:不可退还(?:且不可抵扣)?的?|一次性(?:、|,)?(?:不可退还的)?)?(?:现金)?(?:首付款?|预付款?|首期款?|签约金|签约款|一次性|选择权(?:付款|费)|期权费)"
)
_MILESTONE = re.compile(
    r"^\s?(?:(?:more|additional|further)\s)?(?:in|of|as|for|if|when|once|should|on|upon|worth of|tied to|linked to|payable (?:on|upon)|"
    r"contingent (?:on|upon)|based on|in the form of)\s(?:[\w\-&,]+\s){0,5}?"
    r"(?:milestones?|contingent|cvrs?|earn-?outs?|biobucks|sweetener|opt-in)\b"
    r"|^\s?(?:(?!and\s|plus\s|or\s|with\s)[\w\-]+\s)?(?:milestones?|biobucks(?!\s(?:deal|pact|agreement|licens))|contingent)\b"
    r"|^\s?in\s(?:additional|further|future|contingent)\s(?:[\w\-]+\s){0,2}?payments?\b"
    r"|^\s?more\s(?:to\s[^.;]{0,50}?\s)?(?:if|when|once|upon|should)\b"  # "$1.3 billion more to Y if the drug succeeds"
    r"|^\s?(?![及和与、加]|以及|另加|外加)(?:的)?[^\s，,；;。]{0,22}?(?:里程碑|里程金|或有|履约款|履约付款)"  # (履约款: on performance)
    r"|^\s?的?额外(?:潜在)?(?:付款|款项|收入)"  # 达成里程碑后,收取最多11.25亿美元的额外潜在付款
    r"|^\s?in\s(?:an?\s)?(?:product\s)?(?:sales|regulatory|development)-(?:related|based)\s(?:milestone\s)?payments?\b"
)
_MILESTONE_PRE = re.compile(
    r"(?:contingent value rights?|\bcvrs?\b)[^.;]{0,60}$|(?:milestones?|里程碑(?:付款|款项|款)?|里程金|additional|further|another|eligible to receive|eligible for|could "
    r"(?:earn|receive|get|reach|hit)|contingent|(?:后|後|时|時|upon|after|once)\s?(?:收取|收到|获得|获|receiv\w*))[^.;。；]{0,30}$"
)
_CASH_AND_CONTINGENT = re.compile(
    r"\s?in\s(?:cash|upfront(?:\scash)?)\s(?:and|plus)\s(?:potential\s|future\s|contingent\s)?(?:milestone|cvr|contingent)"
)
_CASH_THEN_CONTINGENT = re.compile(
    r"\s?in\s(?:upfront\s)?cash,?\s(?:and|plus)\s(?:up to|as much as|an additional|another|a further)\s"
    r"(?:us\$|\$|€|£)?\s?[\d.,]+\s?(?:million|billion|bn|mn|m|b)?\s(?:\w+\s){0,2}?"
    r"(?:in|of|as)\s(?:potential\s|future\s|contingent\s|development\s|regulatory\s|commercial\s|sales\s)*"
    r"(?:milestone|cvr|contingent|earn-?out)"
)
_BUNDLE_POST = re.compile(
    r"^\s?(?:的|in\s|in an?\s)?(?:non-refundable\s|不可退还[^、，,。]{0,8}?的)?(?:首付款?|预付款?|签约金?|upfront|up-front|up front)(?:(?![金款]?外|另)[^。；;]){0,6}"
    r"(?:、|及|和|与|以及|加|\+|and)(?!\s?(?:additional|further|future|potential|额外|其他|后续))[^。；;]{0,16}"
    r"(?:里程碑|里程金|milestone)"
    r"|^\s?in\s(?:up-front|up front|upfront) payments?,\s(?:[\w\-]+\s){0,3}(?:and\s)?(?:[\w\-]+\s){0,2}milestone"
    r"|^[^.;。；]{0,30}(?:including|includes|which includes|其中包括|包括|含)[^.;。；]{0,30}(?:upfront|首付|预付)"
)
_UPFRONT_IN_A_LIST = re.compile(
    r"^\s?(?:首付款?|预付款?|upfront(?: payments?)?)[、,，]\s?[^。；;]{0,12}?(?:里程碑|milestone)[^。；;]{0,12}?"
    r"(?:及|和|以及|与|and)\s?[^。；;]{0,8}?(?:特许权使用费|提成|分成|royalt)"
)
# "4.92亿美元总里程碑付款,其中包含1500万美元首付款": the figure includes the upfront stated after it
_INCLUDES_UPFRONT = re.compile(
    r"[^.;。；]{0,30}(?:其中包括|其中包含|其中含|including|which includes|inclusive of|comprised of|comprising|consisting of|made up of)"
    r"(?:[^.;。；]|\.\d){0,110}?(?:upfront|up-front|up front|首付|预付)"
)
_BUNDLE_PRE = re.compile(
    r"(?:upfront|首付|预付)[^.;。；]{0,20}(?:and|及|和|、|plus)[^.;。；]{0,20}(?:milestone|里程碑)[^.;。；]{0,20}$"
)
_TOTAL_PRE = re.compile(
    r"(?:share,?\s(?:or|for a total of|totaling|totalling)|pay(?:s|ing)?\s(?:up to|as much as)|(?:pay(?:s|ing)?|offers?|offering)\s(?:[a-z][\w\-]*\s){1,3}?(?:up to|as much as)|receiv(?:e|es|ing)\s(?:up to|as much as)|worth|valued at|valued(?= up to)|valuing[^.;]{0,30} at|total(?:ing|ling|s|ed|led)?|total (?:deal |transaction |potential |equity |cash |contract )?"
    r"(?:value|consideration|payments?)(?: of| is| was| will be)?|for a total(?: consideration)? of|in total|total of|aggregate(?: value)?(?: of)?|"
    r"deal (?:value )?of|(?:combined )?potential(?:ly)?(?: worth| value(?: of)?)?|combined value(?: of)?|as much as|could (?:be worth|reach|total|approach)|offer of|price of|priced at|"
    r"price (?:will )?(?:come|comes|amount|amounts) to|could (?:eventually )?exceed|"
    r"(?<!milestone )(?<!royalty )payments? (?:of )?up to|add up to|adds up to|"
    r"equity value of|enterprise value of|(?:transaction|deal) (?:size|value) of|price tag (?:of|at)|"
    r"总额|总金额|总交易额|交易总额|交易金额|交易额|总价值|总代价|总对价|对价|代价|作价|总价|总值|总计|合计|共计|价值|金额|"
    r"以|(?<!募集资金)使用|斥资|(?<![排指驳训])斥|豪掷|砸|出资|耗资|收购价码|收购价|价码)"
    r"\s?(?:将|可|预计)?(?:an? )?(?:about|approximately|approx\.?|around|roughly|nearly|almost|some|more than|over|up to|"
    r"as much as|~|an estimated|a potential|a total of|达到|达|约为|定为|为|约|高达|最高达|最高可达|可达|至多|最多|不超过|超过|逾|近|超|约合|"
    r"最高|最高约|合计|总计|大约|提高到|提高至|提升至|增至|上调至)*(?:\s?(?:about|approximately|around|roughly|nearly|almost|some|more than|over|up to|约|近|逾|超过))*\s?$"
)
_FOR_LICENCE = re.compile(
    r"(?:\bfor(?: a whopping| some)?|\bbets?|\bbetting|\bwagers?|\bcommits?|\bspends?|\bspending|\bshells? out|"
    r"\bdoles? out|\bputs? up)\s?(?:about|approximately|around|roughly|nearly|up to|as much as|~)?\s?$"
)
_FOR = re.compile(
    r"(?:\bfor|\bpay(?:s|ing)?|\bpaid|\bspend(?:s|ing)?|\bbets?|\bwagers?|\bcommits?|\bat|\bfor a whopping|\bfor some|"
    r"\bshell(?:s|ing)? out|\bfork(?:s|ing)? over|"
    r"\bfor about|\bfor roughly)"
    r"\s?(?:about|approximately|around|roughly|nearly|some|more than|over|up to|~|an estimated)?\s?$"
)
_TOTAL_POST = re.compile(
    r"^\s?(?:dollar\s|in cash\s|cash\s|\(\S+\)\s)?(?:[a-z][\w\-]*\s){0,2}?(?:deal|transaction|acquisition|buyout|takeover|bid|offer|agreement|pact|"
    r"licensing|license|licence|collaboration|partnership|merger|in total|in all|total|enterprise|equity value|"
    r"on an enterprise|including debt|in cash and stock|in stock and cash|all-cash|all-stock|in value|in total value)"
    r"|^\s?to (?:acquire|buy|purchase|take over|snap up)\b"  # "plopping down $11.7 billion to acquire Y" (not "in cash")
    r"|^\s?(?:的)?(?:现金|股票|现金加股票)?(?:的形式)?(?:收购|并购|买下|购入|购买|购(?!股)|併|并|交易|对价|代价|协议|合作|授权|许可|bd|总额|总价|作价"
    r"|出售|转让|出让|受让)"
    r"|^\s?的[^，。,；;]{0,10}(?:协议|合作|交易|合约)"
)


# "可收取最高12亿美元", "将获得最高达12亿美元的款项": what the licensor may receive in all (no component named)
_RECEIVE_UP_TO = re.compile(
    r"(?:收取|获得|获取|收到)(?:合计|总计|总额)?(?:最高|高达|最高达|最高可达|至多|最多|不超过)约?\s?$"
)
_MORE_WORD = re.compile(r"\b(?:additional|further)\b|额外")
_COMPONENT = re.compile(r"首付|预付|首期|签约金|里程碑|里程金|milestone|upfront|up front|up-front|选择权费|option fee")
_STRONG_TOTAL = re.compile(
    r"(?:总额|总金额|总价值|交易总额|总交易额|交易金额|交易额|总代价|总对价|总值|总计|合计|共计|潜在总额|"
    r"total (?:deal |transaction |potential |equity |cash )?(?:value|consideration|payments?)|total of|in total|"
    r"worth|valued at|valuing[^.;]{0,30} at|deal (?:value )?of|equity value of|enterprise value of)"
)
_APPROX = re.compile(
    r"(?:超|逾|近|约|超过|more than|over|about|nearly|approximately|approx\.?|~|roughly|around|some)\s?$"
)
_POTENTIAL_MILESTONES_ZH = re.compile(r"\s?的?潜在(?:付款|款项)\s?[,，]?\s?(?:包括|包含|含)[^。；;]{0,30}里程碑")
_PAID_NOW = re.compile(
    r"\b(?:will|to|shall)\s(?:front|receive|get|collect)\s?(?:an?\s)?(?:usd|us\$|\$|€|£|eur|chf|jpy|cny|rmb)?\s?$|\bfronts?\s$"
)
_PAYING = re.compile(r"\b(?:is|are|will be)\spaying\s(?:[\w\-&.’']+\s){0,4}$")
_CONSIDERATION_POST = re.compile(
    r"^\s?(?:in cash|cash|的?现金|的?现金及股票|的?现金加股票|in cash and stock|in stock|(?:in cash )?(?:at|upon) (?:the )?closing)"
)


def classify(f: str, amounts: list[Amount], acquisition: bool, cues: Cues) -> None:
    """Give each amount its kind from the words of its own clause: what it is called right after it (的首付款,
    in milestones) decides first, then what introduces it in its clause (总额, worth, 首付款为, eligible for)."""
    breakdown_end = -1  # where a breakdown of the sum before it ("…, including …") ends
    for i, a in enumerate(amounts):
        prev_end = max(amounts[i - 1].end, amounts[i - 1].tail) if i else 0
        nxt = amounts[i + 1].start if i + 1 < len(amounts) else len(f)
        lo = max(prev_end, a.floor, a.start - 70)
        zh = "\u4e00" <= f[a.end : a.end + 1] <= "\u9fff" or "\u4e00" <= f[max(0, a.start - 1) : a.start] <= "\u9fff"
        cut = _PRE_BREAK_ZH if zh else _PRE_BREAK
        pre = f[lo : a.start]
        brk = cut.search(pre[::-1])
        clause_start = a.start - brk.start() if brk else lo
        pre = f[clause_start : a.start]
        tail = a.end
        if f.startswith((" (", "(", "（", " （"), a.end):  # "$500 million (about 3.6 billion yuan) upfront"
            close = min(
                (x for x in (f.find(")", a.end, a.end + 45), f.find("）", a.end, a.end + 45)) if x != -1), default=-1
            )
            if close != -1:
                tail = close + 1
        post_full = f[tail : min(max(nxt, tail), tail + 90)]
        post = _CLAUSE_END.split(post_full, maxsplit=1)[0]
        if zh:
            post = post.split(",", 1)[0].split("，", 1)[0]
        a.approx = bool(_APPROX.search(pre[-12:]))
        total_word = cues.last_ending(C.TOTAL_WORD, clause_start, a.start)
        component_before = (
            total_word is not None
            and not total_word.word.startswith(_SUM_VERBS)
            and (
                cues.has(C.UPFRONT, max(clause_start, total_word.start - 8), total_word.start)
                or cues.has(C.MILESTONE, max(clause_start, total_word.start - 8), total_word.start)
                # "contingent milestone payments to its holders could be worth up to $1.6 billion": the payments'
                or (
                    total_word.word == "worth"
                    and cues.has(C.MILESTONE, max(clause_start, total_word.start - 60), total_word.start)
                )
            )
        )
        described = None
        if i and _part_of_previous(f, amounts[i - 1], a) and not (_UPFRONT_POST.match(post) or _MILESTONE.match(post)):
            a.kind = "part"  # "$65 million, including $32.5 million in cash and $32.5 million in shares": its parts
        elif _PER_SHARE.match(post) or pre.endswith(("每股", "每股 ")):
            a.kind = "share"
        elif (plus := _PLUS_MILESTONES.match(f, tail, tail + 60)) is not None:
            a.kind = (
                "consideration" if acquisition else "upfront"
            )  # 以145亿美元另加高达15亿美元里程碑付款: the cash part
            if acquisition and not _AMOUNT_NEAR.search(f, tail, min(len(f), plus.end() + 30)):
                a.kind = "upfront"  # "Merck acquires Afferent for $500M plus milestones": the price paid now, and
                a.open_ended = True  # milestones that are not counted: no total
        elif acquisition and _PRICE_IS.search(pre[-40:]):
            a.kind = "consideration"  # "The purchase price is 190 million dollars"; contingent payments may follow
        elif acquisition and _VALUES_TARGET.search(pre[-16:]):
            a.kind = "consideration"  # 以每股54美元现金收购…,对该公司估值为47亿美元: the price for the whole target
        elif (_other(cues, clause_start, a) and not _UPFRONT_POST.match(post)) or (
            _OTHER_POST.match(post) and not _MILESTONE.match(post)
        ):  # (not 潜在收入包括2亿美元首付款: the upfront, whatever the clause opened with)
            a.kind = "other"
        elif (
            (described := _EQUITY.match(post))
            or cues.has(C.EQUITY, a.start - 12, a.start)
            or _EQUITY_BEFORE.search(pre[-30:])  # "will also obtain shares worth $150 million in Y"
        ):
            a.kind = "equity"
        elif zh and i and amounts[i - 1].kind == "upfront" and _POTENTIAL_MILESTONES_ZH.match(post_full):
            a.kind = (
                "milestone"  # 首付款12.5亿美元,并可获得总额最多48亿美元的潜在付款,包括…里程碑付款: what comes after it
            )
        elif acquisition and _CLOSING_POST.match(post_full):
            a.kind = (
                "upfront"  # "$22.50 per share in cash or a total of $880m, which is payable at closing", then a CVR
            )
        elif (
            total_word is not None
            and not component_before
            and a.start - total_word.end <= 12
            and not _MORE_WORD.search(f, total_word.end, a.start)  # "a potential additional $646m": contingent
            and not post.startswith((" more ", "more "))  # "as much as $1.3 billion more … if": contingent
            and not (zh and _MILESTONE.match(post) and not _UPFRONT_NAMED.search(post[:16]))
            # (合计最高达102亿美元的…里程碑付款: the milestones' sum; 总金额…的首付款及里程碑付款: the whole)
        ):
            a.kind = "total"  # 总金额不超过人民币5.6亿元的首付款及里程碑付款: the total of them
        elif _CASH_AND_CONTINGENT.match(post_full):
            a.kind = "total"  # "for up to $1.075 billion in cash and potential milestone payments": both in one sum
        elif _CASH_THEN_CONTINGENT.match(f, tail, tail + 120):
            a.kind = "consideration" if acquisition else "upfront"  # "for $30 million in cash and up to $95 million
            # in milestones": the cash paid now, then the contingent part
        elif _UPFRONT_IN_A_LIST.match(post_full[:60]):
            a.kind = (
                "upfront"  # 5000万美元首付款、里程碑付款及销售提成: the kinds of payment listed, the sum is the first's
            )
        elif (
            _BUNDLE_POST.search(post_full[:60])
            or _INCLUDES_UPFRONT.match(f[tail : tail + 160])
            or _bundle_before(cues, clause_start, a.start)
        ):
            a.kind = "bundle"
        elif described := _UPFRONT_POST.match(post):
            a.kind = "upfront"
        elif described := _MILESTONE.match(post):
            a.kind = "milestone"
        elif total_word is not None and not component_before:
            a.kind = "total"
        elif _upfront_before(f, cues, clause_start, a.start):
            a.kind = "upfront"
        elif component_before or _milestone_before(f, cues, clause_start, a.start):
            a.kind = "milestone"
        elif not acquisition and re.match(r"\s?(?:in\s)?cash\b", post) and not re.search(r"\bfor\s?(?:about\s)?$", pre):
            a.kind = "upfront"  # a licence "paying $370M cash" (not "sell Y to Z for $159 million in cash": the price)
        elif not acquisition and _PAYING.search(pre[-40:]) and not _TOTAL_POST.match(post):
            a.kind = "upfront"  # a licence: "is paying Arcellx $225 million … for rights to"
        elif not acquisition and _PAID_NOW.search(pre[-30:]) and not _TOTAL_POST.match(post):
            a.kind = "upfront"  # "AbbVie will front $350 million", "is set to receive USD 100 million from Takeda"
        elif acquisition and _PAYING.search(pre[-40:]) and re.match(r"\s?for\b", post):
            a.kind = "consideration"  # "is paying $805 million for Plexxikon, and will pay another $130 million when …"
        elif _TOTAL_POST.match(post):
            a.kind = "total"
        elif acquisition and _CONSIDERATION_POST.match(post):
            a.kind = "consideration"
        elif (
            _TOTAL_PRE.search(pre[-30:])
            or (_FOR if acquisition else _FOR_LICENCE).search(pre[-30:])
            or _RECEIVE_UP_TO.search(pre[-16:])
        ):
            a.kind = "total"
        if a.kind == "?" and (agg := _AGGREGATE_OF.search(f, max(a.floor, a.start - 60), a.start)) is not None:
            # "a potential additional payment of $6 per share in cash or aggregated value of $0.5 billion": the
            # per-share figure's total, of its kind
            contingent = _CONTINGENT_BEFORE.search(f, max(a.floor, agg.start() - 80), agg.start())
            a.kind = "milestone" if contingent else "total"
        if a.kind == "?" and (subject := _TOTAL_SUBJECT.search(f, a.floor, a.start)) is not None:
            a.kind = "whole" if "includ" in f[subject.end() : a.start] else "total"  # "Total consideration including
            # the CVR, if the milestone is achieved, would be approximately $1.7 billion"
        if a.kind in ("total", "?", "milestone") and _BRINGS_DEAL_TO.search(pre[-50:]):
            a.kind = "whole"  # "plus milestone payments that could bring the deal to $2.5 billion": all of it
        elif a.kind in ("total", "?") and _WHOLE_BEFORE.search(pre[-40:]):
            a.kind = "whole"  # "使合并交易价值达到约24亿美元", "with the CVR it climbs to $2.4 billion": all of it
        if a.kind == "?" and _PAID_UPON.match(post):
            a.kind = "milestone"  # "a $7.5M payment upon regulatory approval in China": due on an event to come
        if (
            a.kind == "?"
            and i
            and amounts[i - 1].kind == "milestone"
            and amounts[i - 1].currency == a.currency
            and a.start - amounts[i - 1].end <= 160
            and _AND_MORE.search(f, max(prev_end, a.start - 30), a.start)
            and _FOR_APPROVALS.match(post)
        ):
            a.kind = "milestone"  # "a milestone of up to $40 million for … and up to $70 million for further approvals"
        a.firm = a.kind == "total" and _FIRM_TOTAL.search(pre[-16:]) is not None
        if a.start < breakdown_end and a.kind in ("milestone", "total", "bundle", "?"):
            # "…, including $25 million to be paid at signing, up to $90 million in … milestones": its parts, of which
            # the one paid now is the upfront
            a.kind = "upfront" if (described := _UPFRONT_POST.match(post)) else "part"
        elif a.kind in ("bundle", "total", "whole") and (inc := _INCLUDING_AFTER.match(f, tail)) is not None:
            stop = _SENTENCE_STOP.search(f, inc.end())
            breakdown_end = stop.start() if stop else len(f)
        a.tail = tail + described.end() if described else tail


_FIRM_TOTAL = re.compile(
    r"(?:总金额|总额|交易总额|总交易额|总价值|总代价|总对价|总计|合计|共计|total (?:deal |transaction |potential )?value"
    r"(?: of)?|total of|in total)\s?(?:为|达|约|高达|最高达|达到|is|of|about|approximately|up to)*\s?$"
)
_INCLUDING_AFTER = re.compile(r"[^.;。；]{0,45}?,\s(?:including|which includes|comprising|consisting of)\s")
_SENTENCE_STOP = re.compile(r"[;；。]|\.(?:\s|$)")
_CLOSING_POST = re.compile(
    r"\s?,?\s?which (?:is|will be)\s(?:payable|paid)\s(?:in cash\s)?(?:at|upon) (?:the )?closing"
)
_AND_MORE = re.compile(r"\b(?:and|plus)\s(?:up to\s|an additional\s|another\s|a further\s)?$")
_FOR_APPROVALS = re.compile(
    r"\s(?:for|upon|on|tied to|linked to)\s(?:[\w\-]+\s){0,3}?(?:approvals?|indications?|sales|launch\w*|filings?|"
    r"development|regulatory|commercial)"
)
_PAID_UPON = re.compile(
    r"^\s?(?:cash\s)?payments?\s(?:upon|on|following|after)\s(?:the\s)?(?:[\w\-]+\s){0,3}?"
    r"(?:approvals?|launch\w*|filings?|acceptance|first commercial sale)\b"
)
_AMOUNT_NEAR = re.compile(r"\d")
_PLUS_MILESTONES = re.compile(
    r"\s?(?:的?现金)?(?:另加|外加|加上|再加|,?\s?plus)\s?(?:最高|高达|最多|up to\s)?[^,，。;；]{0,28}?(?:里程碑|milestone)"
)
_EQUITY_BEFORE = re.compile(r"\b(?:shares|stake|equity|stock)\s(?:worth|valued at)\s(?:about\s|around\s)?(?:us)?\$?$")
_PRICE_IS = re.compile(
    r"\b(?:purchase|acquisition|transaction) price (?:is|was|will be|of)\s(?:about\s|approximately\s)?$"
)
_VALUES_TARGET = re.compile(
    r"对(?:该公司|其|目标公司)的?估值(?:为|达|约为|约)?\s?(?:约)?$|(?:包括债务的|含债务的|连同债务的)估值(?:为|达|约为|约)?\s?(?:约)?$"
)
_PARTS = re.compile(
    r",?\s?(?:including|includes|of which|comprising|consisting of|comprised of|其中包括|其中|包括|含)\s?"
    r"(?:about\s|approximately\s|约)?$"
)
_AND_PART = re.compile(r"\s?(?:in cash|in stock|in shares|in cash upfront|现金)?\s?(?:and|plus|及|和|、)\s?")


def _part_of_previous(f: str, prev: Amount, a: Amount) -> bool:
    """The amount breaks down the one before it (including …), or continues such a breakdown (… and …)."""
    if prev.end > a.start or a.start - prev.end > 40:
        return False
    gap = f[prev.end : a.start]
    return bool(_PARTS.match(gap)) or (prev.kind == "part" and bool(_AND_PART.fullmatch(gap)))


_PRE_BREAK = re.compile(r"[;；。]|\s\.")  # searched in the reversed text: the clause starts after it
_PRE_BREAK_ZH = re.compile(r"[;；。，,]|\s\.")


def _other(cues: Cues, clause_start: int, a: Amount) -> bool:
    """Revenue, sales, a market size, a financing or a premium just before it."""
    for h in cues.of(C.OTHER_MONEY, max(clause_start, a.start - 45), a.start):
        if h.end <= a.start and a.start - h.end <= 25 and not cues.has(C.MILESTONE, h.end, h.end + 12):
            return True
    return False


def _bundle_before(cues: Cues, lo: int, at: int) -> bool:
    up = cues.first(C.UPFRONT, max(lo, at - 60), at)
    return up is not None and cues.has(C.MILESTONE, up.end, at) and at - up.start <= 60


def _upfront_before(f: str, cues: Cues, lo: int, at: int) -> bool:
    h = cues.last_ending(C.UPFRONT, lo, at)
    if h is None or cues.has(C.MILESTONE, h.end, at) or cues.has(C.TOTAL_WORD, h.end, at):
        return False
    if _UNTOLD_BEFORE.search(f, max(lo, h.start - 16), h.start):
        return False  # "paying out an unspecified upfront in a $358 million deal": the sum is the whole deal's
    gap = at - h.end
    if "closing" in h.word:
        return gap <= 60  # "At the closing of the transaction, Hyperion will pay $12.5 million"
    if gap <= 40 and _PAYMENT_OF.match(f, h.end, at):
        return True  # "an up-front payment to Lilly of US$250,000"
    if gap <= 60 and _PRICE_COMES_TO.match(f, h.end, at):
        return True  # "the upfront price of the offer for Fusion comes to $2 billion"
    return gap <= 18 and not re.search(r"\band\b|及|和|以及|里程", f[h.end : at])


_UNTOLD_BEFORE = re.compile(r"\b(?:unspecified|undisclosed|unnamed|unknown)\s$")
_UPFRONT_NAMED = re.compile(r"首付|预付|首期|签约|upfront")
_TOTAL_SUBJECT = re.compile(
    r"\btotal (?:consideration|deal value|transaction value|value|equity value)\b(?=[^.;。；]{0,80}"
    r"(?:would be|will be|is|comes to|amounts to|of)\s(?:about\s|approximately\s|around\s|roughly\s|some\s|up to\s)?"
    r"(?:us\$|\$|€|£|usd\s?|eur\s?)?$)"
)
_AGGREGATE_OF = re.compile(
    r"\bper share\b[^.;$]{0,24}?\bor (?:(?:an? )?(?:aggregated?|total|combined) (?:value|consideration) of\s?)?"
    r"(?:about\s|approximately\s|around\s|roughly\s|some\s|nearly\s|almost\s)?(?:us\$|\$|€|£|usd\s?)?$"
)
_CONTINGENT_BEFORE = re.compile(r"\b(?:additional|contingent|cvrs?|potential|milestones?)\b")
_BRINGS_DEAL_TO = re.compile(
    r"\b(?:bring|brings|bringing|take|takes|taking|lift|lifts|lifting|push|pushes|pushing|raise|raises|raising)\s"
    r"(?:the|its)\s(?:total\s|potential\s|overall\s)?(?:deal|deal's value|deal value|value|total|transaction|price|"
    r"consideration)\s(?:value\s)?to\s(?:about\s|around\s|roughly\s|some\s|more than\s|over\s|as much as\s)?$"
    # "in a deal that could reach $1.9 billion": the deal's whole value, not a milestone the licensor could reach
    r"|\b(?:deal|pact|agreement|collaboration|partnership|transaction|tie-up|alliance)\s(?:that\s|which\s)?"
    r"(?:could|may|might|would)\s(?:eventually\s|ultimately\s)?(?:reach|be worth|total|top|exceed|climb to|rise to|hit)\s"
    r"(?:about\s|around\s|roughly\s|more than\s|over\s|as much as\s|up to\s)?$"
)
_WHOLE_BEFORE = re.compile(
    r"(?:使|令)[^，。,;；]{0,12}(?:达到|达至|升至|增至|提高至)[^，。,;；]{0,4}$"
    r"|(?:交易规模|交易总额|交易价值|交易总值|收购价|收购价格|总对价)[^，。,;；]{0,4}(?:增加到|增加至|增至|提高到|提高至|升至)[^，。,;；]{0,4}$"
    r"|[-–—,]\s?and (?:potentially |possibly )?(?:up to|as much as)\s?$"
    r"|\b(?:climbs|rises|brings|bringing|takes|taking)\s(?:\w+\s){0,4}?to\s(?:about\s|around\s|roughly\s|some\s)?$"
)
_SUM_VERBS = ("climbs", "brings", "bringing", "takes")  # "with the CVR it climbs to $2.4 billion": the whole
_PRICE_COMES_TO = re.compile(
    r"\s(?:cash\s)?(?:price|value|consideration|portion|component|part)\b[^,;]{0,60}\b(?:comes to|amounts to|totals|is)\s?$"
)
_PAYMENT_OF = re.compile(
    r"\s(?:and\snear[- ]term\s)?(?:cash\s)?(?:payment|fee)s?\b[^,;]{0,25}\b(?:of|totaling|totalling)\s?$"
)  # ("upfront and near-term payments of EUR 45 million": paid now)
_MS_GAP = re.compile(r"[^,;，；。]*")


def _milestone_before(f: str, cues: Cues, lo: int, at: int) -> bool:
    h = cues.last_ending(C.MILESTONE, lo, at)
    if h is not None and (at - h.end <= 30 or (h.word.startswith(("contingent", "cvr")) and at - h.end <= 60)):
        return True
    if h is not None and at - h.end <= 45 and _MS_GAP.fullmatch(f, h.end, at):
        return True  # "milestone payments potentially exceeding $2 billion"
    p = cues.last_ending(C.MS_PRE, lo, at)
    return p is not None and at - p.end <= 30


def settle(amounts: list[Amount], acquisition: bool, contingent: bool = False) -> dict[str, object]:
    """upfront, total and currency of the deal from classified amounts (title amounts flagged `in_title`);
    `contingent`: the text tells of contingent value rights, so a smaller cash sum beside the total is paid now."""
    out: dict[str, object] = {}
    body = [a for a in amounts if not a.in_title]
    title = [a for a in amounts if a.in_title]

    def kind(k: str) -> list[Amount]:
        return [a for a in body if a.kind == k] or [a for a in title if a.kind == k]

    title_totals = [a for a in title if a.kind == "total"]
    body_totals = sorted((a for a in body if a.kind == "total"), key=lambda a: not a.firm)  # 总金额 over 价值
    explicit: Amount | None = (title_totals or body_totals)[0] if (title_totals or body_totals) else None
    if explicit is not None:  # "worth up to 1.2 trillion won" … "The total contract value is 1.272 trillion won": the
        # rounded figure and the exact one; the exact one is the deal's
        near = [
            a
            for a in (*title_totals, *body_totals)
            if a.currency == explicit.currency
            and abs(a.value - explicit.value) <= 0.07 * explicit.value
            and (a is explicit or not a.approx or explicit.approx)  # "about $1.92 billion" is not finer than $2 billion
        ]
        explicit = max(near, key=lambda a: len(f"{a.value:.0f}".rstrip("0")))
    upfronts = kind("upfront")
    wholes = [a for a in amounts if a.kind == "whole"]
    # 将以约4.87亿美元现金收购 … 有可能将交易规模增加到6.1亿美元: the headline's price, then the whole it can grow to
    grown = bool(
        wholes
        and acquisition
        and title_totals
        and not upfronts
        and wholes[0].currency == title_totals[0].currency
        and wholes[0].value > title_totals[0].value
    )
    if wholes and (not title_totals or grown) and (explicit is None or explicit.currency == wholes[0].currency):
        if explicit is not None and acquisition and not upfronts and explicit.value < wholes[0].value:
            upfronts = [explicit]  # the cash price before the contingent part that completes it
        explicit = wholes[0]
    considerations = kind("consideration")
    currency = (explicit.currency if explicit else None) or (upfronts[0].currency if upfronts else None)
    upfront: float | None = None
    if upfronts and currency and upfronts[0].currency != currency:
        # "$4.2 bln" in all, "400 million euros ($434 million)" up front: the upfront in the total's currency
        upfronts = [a.alt for a in upfronts if a.alt is not None and a.alt.currency == currency]
    if upfronts:
        cur = upfronts[0].currency
        seen: list[float] = []
        for a in upfronts:
            if a.currency == cur and not any(abs(a.value - v) <= 0.011 * v for v in seen):
                seen.append(a.value)
        upfront = sum(seen)
    cur = currency or next((a.currency for a in amounts if a.kind in ("milestone", "bundle", "consideration")), None)
    milestones: list[Amount] = []
    for a in kind("milestone"):  # (the same "about $107 million" restated in a later sentence is counted once;
        # equal tranches, "600萬元 … 600萬元", are not approximate)
        if a.currency == cur and not any(
            m.floor != a.floor and m.approx and a.approx and abs(m.value - a.value) <= 1e-9 for m in milestones
        ):
            milestones.append(a)
    bundles = [a for a in kind("bundle") if a.currency == cur]
    if acquisition and upfront is None and considerations and milestones:
        upfront = considerations[0].value  # cash at closing, then contingent payments
    component: float | None = None
    if milestones or bundles:
        base = 0.0 if bundles else (upfront or 0.0)
        component = base + sum(a.value for a in bundles) + sum(a.value for a in milestones)
        if bundles and milestones and all(a.in_title for a in bundles) and not any(a.in_title for a in milestones):
            # a headline's 签约金及相关里程金达2000万美元 over a lead that lists the payments it is made of: one sum
            component = max(sum(a.value for a in bundles), (upfront or 0.0) + sum(a.value for a in milestones))
    if (
        explicit is not None
        and explicit.in_title
        and upfront is not None
        and milestones
        and component is not None
        and abs(explicit.value - upfront) <= 0.011 * upfront
        and explicit.currency == cur
    ):
        explicit = None  # "Roche's $2.7B buyout of Carmot" over "$2.7 billion up front … another $400 million": the
        # headline's figure is the upfront, and the deal is worth it plus the milestones
    if (
        explicit is not None
        and explicit.in_title
        and upfront is not None
        and abs(explicit.value - upfront) <= 0.011 * upfront
        and (larger := [a for a in body_totals if a.currency == explicit.currency and a.value > 1.05 * upfront])
    ):
        explicit = larger[0]  # "… option on Y's antibody for $15M" over "pays $15 million now …, with deal value up
        # to $750 million": the headline's figure is the upfront, the lead states the whole
    if explicit is None and component is not None:
        bare = [a for a in title if a.kind == "?"]
        if len(bare) == 1 and not bare[0].approx and bare[0].currency == cur and bare[0].value > component * 1.05:
            # "WuXi Bio licenses … to Arcus; $816M" over a lead that states only the first terms (not a headline's
            # rounding of the lead's own figure: 5亿 over 4.92亿)
            explicit = bare[0]
    total: float | None = None
    if explicit is not None:
        total = explicit.value
        if explicit.in_title and explicit.approx:
            # "总额超6亿美元" over a lead that states the terms exactly: the exact figure
            # the lead's own figure, even if capped or rounded (不超过126,137万美元), is finer than the headline's
            exact = next((a.value for a in body_totals if not a.approx), None)
            if exact is None:
                exact = body_totals[0].value if body_totals else component
            if exact is not None and abs(exact - total) <= 0.12 * total:
                total = exact
    elif component is not None and not (acquisition and upfront is None and not bundles):
        total = component  # (an acquisition's contingent payments alone are not its price)
    elif acquisition and not any(a.open_ended for a in upfronts):
        total = upfront if upfront is not None else (considerations[0].value if considerations else None)
    if total is not None and not currency:
        currency = cur
    if acquisition and contingent and upfront is None and total is not None:
        # "$8.5 per share in cash, totalling $561m" and a CVR, "worth up to $795m" in all: the cash at closing
        cash = [
            a.value
            for a in body
            if a.kind in ("total", "consideration") and a.currency == currency and a.value < 0.975 * total
        ]
        upfront = cash[0] if cash else None
    if upfront is not None:
        out["upfront"] = round_value(upfront)
    if total is not None and (upfront is None or total >= upfront * 0.999):
        out["total"] = round_value(total)
    if currency:
        out["currency"] = currency
    return out
