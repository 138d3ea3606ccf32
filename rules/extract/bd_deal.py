"""`bd_deal`: a new pharma/biotech transaction — licence in/out, option, co-development, NewCo, acquisition.

One cheap gate first (every item pays for it): a single Aho-Corasick pass over the lower-cased text for a deal word
and a pharma word, in English and both Chinese scripts. Only then the real reading:

1. The headline (or the opening sentence when there is none) states the event. It is not a deal when it is a
   round-up or statistics of many deals, talks / rumours / a bid or offer not agreed, a milestone paid under an old
   deal, an approval or clearance, a completion, a supplement, a termination, an IPO or funding round, a read-out,
   earnings, a lawsuit or an analyst call. A headline about a share-price move, or one with no deal words, sends the
   reader to the first sentence of the lead that states a deal (康寧杰瑞…訂立許可協議; Alexion … is buying Synageva).
2. Background is set aside: "A month after X filed for an IPO, …", 在…之后 / 继…后, sentences about earlier deals
   (此前, 2024年12月, in 2016, previously) and a second deal introduced by "Separately" / 另外 / 次日.
3. Parties come from the grammar of the deal sentences (bd_roles), names from bd_names, money from bd_money.

Several deals in one article give one event each, the headline's first.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import ahocorasick

from rules.extract import Document, Fields, register
from rules.extract import bd_cues as C
from rules.extract import bd_money as money
from rules.extract.bd_cues import scan
from rules.extract.bd_names import LATIN, STRONG, Names, find_names
from rules.extract.bd_roles import Votes, decide, vote
from rules.extract.bd_text import PRICE_EN, both_scripts, fold_zh, has_cjk, sentences

HEAD = 700  # characters of the lead read for the deal: its terms come first in news and filings
ROLE_SPANS = 5  # the headline and the first sentences of the lead name the parties
CAP = 1200  # never read more than this of an item

# ------------------------------------------------------------------------------------------------ gate

DEAL_WORDS = (
    "licens", "licenc", "acquir", "acquisition", "takeover", "take over", "takes over", "taking over", "buyout",
    "merger", "merge ", "to buy", "buys ", "buying ", "bought", "snap up", "snaps up", "scoop", "upfront", "up-front",
    "up front", "milestone", "biobucks", "co-develop", "co-commerc", "co-promot", "co-market", "codevelop", "joint venture", "newco",
    "new company", "option to", "rights to", "rights outside", "rights in ", "global rights", "exclusive rights",
    "collab", "divest", "sells rights", "sold rights", "sell rights", "partner", "pact", "deal", "agreement",
    "tie-up", "alliance", "purchase", "royalt", "to pay ", "pays ", "paying ", "will pay ", "fork over", "forks over",
    "shell out", "shells out", "to sell ", "will sell ", "agreed to sell", "is selling ", "technology transfer",
    "technology-transfer", "transfer of technology", "technology export", "technology-export", "team up", "teams up", "teamed up", "full control of", "recommended cash offer",
    "recommended public offer", "recommended offer",
    "授权", "许可", "引进", "收购", "受让", "并购", "买下", "购入", "合并", "首付", "预付", "首期", "签约金", "里程碑", "里程金",
    "选择权", "权益", "合作", "协议", "协定", "合约", "交易", "offload", "nabs", "nabbed", "拿下", "牵手", "联手", "携手", "合资", "新公司", "斥资", "豪掷", "入股",
    "併", "选择权费", "出售", "转让", "出让", "授予",
)  # fmt: skip
PHARMA_WORDS = (
    "pharma", "biotech", "therap", "disorder", "nucleic acid", "bioscien", "biopharm", "biolog", "drug", "medicine", "oncolog", "antibod",
    "vaccine", "clinical", "molecule", "inhibitor", "gene therap", "cell therap", "car-t", "glp-1", "obesity",
    "cancer", "tumor", "tumour", "disease", "adc", "sirna", "bispecific", "biosimilar", "fda", "pipeline", "bio ",
    "theranostic", "theragnostic", "radiopharm", "radioligand", "agonist", "antagonist", "compound", "receptor",
    "peptide", "enzyme", "kinase", "ophthalm", "dermatolog", "hypertension",
    "生物", "医药", "药", "疗法", "抗体", "临床", "制剂", "单抗", "双抗", "疫苗", "肿瘤", "癌", "靶", "生技", "生医",
    "血液制品", "血浆", "plasma-derived", "blood products",
)  # fmt: skip


def _automaton(words: list[str]) -> Any:
    automaton = ahocorasick.Automaton()
    for w in words:
        key = w.encode("utf-8").decode("latin-1")  # a 256-letter alphabet walks much faster than Unicode's
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


@cache
def _gate() -> tuple[Any, Any]:
    lexicon = [w for w in C.lexicon() if len(w) >= 3 or has_cjk(w)]
    deal = [w for w in both_scripts(DEAL_WORDS) if w != "并"] + ["併"]  # 并 is "and" in Simplified; 併 is "merge"
    return _automaton(deal), _automaton(both_scripts(PHARMA_WORDS) + both_scripts(lexicon))


def _passes_gate(raw: str) -> bool:
    """A deal word and a pharma word (or a pharma company, or a name such as BioSpecifics) anywhere in the text, in
    either script."""
    deal, pharma = _gate()
    text = raw.lower().encode("utf-8").decode("latin-1")
    if next(deal.iter(text), None) is None:
        return False
    return next(pharma.iter(text), None) is not None or _BIO_NAME.search(raw) is not None


_TAIWAN = re.compile(
    r"新台[币幣]|台股|上[櫃柜]|興櫃|兴柜|櫃買|柜买|中央社|台北報導|台北报导|\(\d{4}-TW\)|（\d{4}）|\(\d{4}\)(?!\.)"
)
_BIO_NAME = re.compile(r"\bBio[A-Z][a-z]|\bPharm[a-z]{3,}\b")  # BioSpecifics, Pharming


# ------------------------------------------------------------------------------------------------ asset

_CODE = re.compile(r"[A-Z0-9][A-Za-z0-9\-]{2,14}")
_CODE_SHAPE = re.compile(r"(?:[A-Z]{1,6}|\d[A-Z]{1,4})-?[A-Z]?\d{2,6}[A-Za-z]?(?:-\d+)?")
_NOT_CODE = re.compile(
    r"(?:19|20)\d\d|Q\d|FY\d+|H\d|COVID-19|PD-L?1|HER\d|GLP-1|IL-\d+\w*|CD\d+|TYK\d|JAK\d?|KRAS\w*|EGFR|B7-H\d|PDE\d+|GPC\d|TROP\d"
    r"|CLDN\d+|FGF\d+|MRK|[A-Z]+\d+\.(?:HK|SH|SZ)|HKEX|NYSE|NASDAQ|GPRC\d\w*|\d+[A-Z]?|[A-Z]{1,2}\d|NCT\d+"
    r"|(?:USD|HKD|CNY|RMB|EUR|GBP|JPY|TWD|CHF)\d+(?:\.\d+)?(?:m|mn|bn|b|k)?|(?:SH|SZ|HK|BJ|TW)\d{4,6}"
)
_AMOUNT_AFTER = re.compile(r"\s?(?:million|billion|mln|bln|bn)\b")
_WORD = re.compile(r"[a-z]{7,}")
_TWO_DIGITS = re.compile(r"\d{2,}")
_UPPER = re.compile(r"[A-Z]")
_INN_ENDINGS = (
    "mab", "nib", "tinib", "ciclib", "parib", "lisib", "cel", "tide", "glutide", "stat", "vir", "zumab", "ximab",
    "tug", "kin", "cept", "tecan", "vedotin", "tansine", "sermin", "prazan",
)  # fmt: skip


_NOT_INN = ("peptide", "nucleotide", "statistic", "ecstatic", "thermostat")


def _asset(text: str) -> str | None:
    """A drug code (JYB1904, SSGJ-707, IBI363, HRS-9531, C-CAR031, AZD5851, 9MW1911) or an INN (…mab, …tide)."""
    for m in _CODE.finditer(text):
        code = m.group()
        if m.start() and (
            (text[m.start() - 1].isascii() and text[m.start() - 1].isalnum()) or text[m.start() - 1] == "-"
        ):
            continue
        shape = _CODE_SHAPE.match(code)
        if shape is None or shape.end() != len(code) or _AMOUNT_AFTER.match(text, m.end()):
            continue  # (E310 million: an amount in euros, not a drug code)
        if not _NOT_CODE.fullmatch(code) and _TWO_DIGITS.search(code) and _UPPER.search(code):
            return code
    low = text.lower()
    for w in _WORD.findall(low):
        if w.endswith(_INN_ENDINGS) and not w.endswith(_NOT_INN):
            i = low.find(w)
            return text[i : i + len(w)]
    return None


# ------------------------------------------------------------------------------------------------ reading

_ZH_COUNT = re.compile(
    r"(?<![a-z\-\d])\d+\s*(?:起|笔|宗|件|单(?!抗))[^，。]{0,8}(?:交易|bd|授权|许可|合作|并购|收购)"  # (not PD-1单抗)
    r"|[两三四五六七八九十多数]家公司[^，。]{0,6}(?:合计|共计|总计)"  # 三家公司合计最高里程金为1.35亿美元: several deals
    r"|(?:交易|授权|许可|bd|出海)[^，。]{0,10}(?<![a-z\-\d])\d+\s*(?:起|笔|宗|件|单(?!抗))"
    r"|20\d\d\s?年(?!\s?\d{1,2}\s?月\s?\d)[^，。,]{0,24}(?:交易|授权|bd|出海|许可)[^，。,]{0,8}(?:总额|总金额|金额)"
    r"|(?:总额|金额|总金额)[^，。]{0,8}(?:创|新高|历史)|创[^，。|｜]{0,4}(?:新高|纪录)(?![|｜])|年度[^，。]{0,6}(?:交易|授权|bd)"
    # a list of three companies or more before their deals: 继昱展、合一新药高价授权、中橡、智擎、宝龄的授权案
    r"|(?:[\u4e00-\u9fff]{2,8}、){3,}[\u4e00-\u9fff]{2,6}(?:等|的)(?:授权案|授权|交易|并购案|收购案|合作案)"
    # 三家中国药企相继达成了海外授权交易: several companies' deals, one after another
    r"|(?<![a-z\-\d])(?:[三四五六七八九十几多数]|\d+)\s*家[^，。]{0,10}(?:相继|先后|接连|陆续|纷纷)"
    # 丽珠集团、翰宇药业、金城医药、天士力等药企,纷纷通过…: companies listed, each doing its own
    r"|(?:[\u4e00-\u9fff]{2,8}、){2,}[\u4e00-\u9fff]{2,8}等(?:药企|企业|公司|医药企业|上市公司)[^。]{0,4}(?:纷纷|相继|先后|陆续)"
)
_HALF_YEARS = frozenset(["上半年", "下半年"])
_CLOSING_AFTER = re.compile(r"[^，。,]{0,4}(?:完成|交割)")
# 今年以来第二笔BD交易 / 今年以来最大的一笔交易: one deal counted among the year's, not a list of them
_ONE_OF_THE_YEARS = re.compile(r"[^，。,]{0,4}(?:第[\d一二三四五六七八九十]+|最大的?|首)[笔起宗单个次]")
_FUTURE_BEFORE = re.compile(r"(?:预计|最快|有望|预期|可望|将于|将在|(?<!等)待)[^，。,]{0,10}$")
_COUNTED = re.compile(r"(?<![\w\-.$€£¥])\d+\s(?!(?:million|billion|trillion|bn|mn)\b)(?:[\w\-]+\s){0,3}$")
_PERIOD = re.compile(r"(?:\bin|\bduring)\s(?:q[1-4]|h[12]|the first half|the second half|20\d\d)\b[^.]{0,30}$")
_MS_VERB = re.compile(
    r"\b(?:hits?|achiev\w*|reach(?:es|ed)?|earns?|earned|receiv\w*|banks?|banked|trigger\w*|collect\w*|nets?|netted|"
    r"completed|completes|met|meets|"
    r"pockets?|pocketed|gets?|secures?)\b"
)
_PAYS_ONE = re.compile(
    r"\b(?:pays?|paid|paying|makes?|made|making)\s(?:[^,;.]{0,30}\s)?(?:an?\s)?(?:[$\w.\-]+\s){0,3}$"
)
# "…在绿叶的股东特别大会上,…收购…一事顺利通过投票表决", "shareholders approved the merger": a vote on a deal made before
_VOTE_LEAD = re.compile(
    r"[^。；;]{0,80}?(?:股东(?:特别|临时)?大会上|(?<!提交)(?<!提请)(?<!需经)(?<!须经)(?<!尚需)(?<!经)股东(?:特别|临时)?大?会(?:审议)?(?:通过|批准)(?!后)|通过投票表决|表决通过)|[^.;]{0,80}?\bshareholders?\s(?:have\s)?(?:approved|voted)\b"
)
_PAYMENT_WORD = re.compile(r"\bpayments?\b|付款|款项|到手|入袋|落袋|入账")
_COMPLETED_LEAD = re.compile(
    r"\s*[^.;。；]{0,60}?\b(?:has|have|had)\s(?:now\s|successfully\s|officially\s|formally\s)?"
    r"(?:completed|closed|finali[sz]ed)\s(?:its|the|their)\s"
    r"(?:previously announced\s)?(?:[\w$€£.,\-]+\s){0,3}?(?:acquisition|purchase|merger|buyout|takeover|deal|transaction)\b"
)
_COMPLETION = re.compile(
    r"\b(?:closes|closed|completes|completed|completing|finalizes|finalises|finalized|finalizing|wraps up)\b.{0,25}?"
    r"\b(?:acquisition|purchase|merger|buyout|takeover|deal|transaction|agreement)\b"
    r"|\b(?:closes|closed|completes|completed)\s(?:the|its)\s(?:[\w\-]+\s){0,4}?(?:licen[cs]e|licensing|collaboration|option)"
    r"\s(?:agreement|deal)\b"  # ("has closed the exclusive global license agreement for X")
    r"|\b(?:deal|agreement|acquisition|transaction|merger)\b[^;]{0,100}?\b(?:had|has|have)\s(?:closed|been completed)\b"
)  # ("… after the company said a licensing deal with Y had closed")
# "all conditions to the closing of the tender offer … have been satisfied": a deal of before, closing
_CONDITIONS_MET = re.compile(
    r"\ball (?:of the )?(?:closing )?conditions (?:to|for|of) (?:the )?(?:closing|completion)\b"
)
_ZH_COMPLETION = re.compile(
    r"(?<!将)(?<!预计)(?<!有望)完成(?:了)?对[^，。；,]{1,30}的(?:[^，。；,]{0,6})?(?:收购|并购|合并)"
    r"|(?:已|已经|正式|顺利|宣布)完成(?:了)?(?:以[^，。；,]{1,20})?(?:收购|并购|合并)"  # 诺华宣布已完成以28亿美元收购Y
    r"|(?:已|已经|正式|顺利)完成[^，。；,]{0,48}?交割|交割(?:已|已经)完成|正式接手"  # 已完成…之交割条件, 并在1日正式接手
    r"|已于[^，。；,]{0,16}完成(?:交割|收购)"  # 控股权益已于2017年10月3日完成交割
    r"|(?:已|已经|正式|顺利|宣布)完成(?:了)?与[^，。；,]{1,20}的(?:合并|收购|并购)"  # 正式宣布完成与Y的合并
)
# a headline saying the purchase is nearly done (收购Y接近尾声): the lead tells its closing
_NEAR_THE_END = re.compile(r"接近尾声|进入尾声|步入尾声|画上句号|落下帷幕|落下帷幔")
_TRANSFERRED_BEFORE = re.compile(r"(?:受让|转让|收购|购买|购入|出售|取得|买下)[^，。；,]{0,18}$")
_CVR = re.compile(r"contingent value rights?|\bcvrs?\b|或有价值权")
_ZH_EARLIER = re.compile(
    r"先前|此前|早前|稍早|日前已|(?:今年|去年|\d{4}\s?年)\s?\d{1,2}\s?月[^，。；,]{0,8}?(?:宣布|公告|公布|签署|签订|订立)"
)
_EXTENDS_OLD = re.compile(
    r"\bextend(?:s|ed|ing)?\s(?:the\s|its\s|their\s)?"
    r"(?!(?:rally|gains?|surge|winning|losing|streak|losses|slide|declines?|climb|advance|rise|run)\b)"  # a share move
    r"(?:[\w\-’'&.]+\s){0,4}?"
    r"(?:pact|collaboration|partnership|agreement|alliance|research term|deal)\b"
)
_HOLDERS_BACK = re.compile(
    r"\bshareholders?\s(?:backing|approval|support|vote|nod|green light)\b|\bshareholders\s(?:approve|approved|back|backed|"
    r"vote|voted)\b"
)
_PAID_UNDER = re.compile(r"(?:已|进一步|再次|近期)[^。；]{0,6}收到[^。；]{0,30}(?:款项|付款|首付款|里程碑)")
_RECEIVED_ZH = re.compile(
    r"(?:已收到|(?<![将可会])收到|到账|到帐|依约支付|依据合约)[^，。；]{0,40}$"
)  # (not 将收到: a new deal's terms)
_ADJ_BEFORE = re.compile(r"\b(?:the|an|its|their|only|already|recently|newly|first|two|three|fda|china)\s$")
_ZH_APPROVED_ADJ = re.compile(r"(?:首个|首款|唯一|已获)[a-z\s]{0,5}$")  # 收购首个fda核准的…疗法: which drug, not news
# "the Board of Directors of X, together with the Board of Y, has approved the transfer": the signing, not a regulator
_BOARDS_BEFORE = re.compile(r"\bboards? of directors\b[^;]{0,120}?\b(?:has|have)\s(?:unanimously\s)?$")
# "a CVR for $2 per share if eptinezumab is approved by the EMA": the approval a payment waits on, not news of one
_CONDITION_BEFORE = re.compile(r"\b(?:if|once|upon|subject to|contingent (?:up)?on|conditional (?:up)?on)\s[^.;:]*$")
_INTENT_ONLY = re.compile(
    r"(?:签订|签署|订立|达成)[^，。；]{0,30}(?:意向书|意向协议)|\b(?:signed|signs|entered into) an? "
    r"(?:non-binding )?(?:letter of intent|memorandum of understanding|term sheet)\b"
)
_AGREED_PURCHASE = re.compile(
    r"审议通过|董事会通过|股权转让协议|收购协议|购买协议|买卖协议|合并协议|\bdefinitive agreement|\bmerger agreement"
)
_TERMINATED = re.compile(
    r"终止|重获|收回(?:了)?(?:全部|相关)?(?:权益|权利|授权)|遭抛弃|被抛弃|\bterminat\w*|\bregain\w*|\bhands? back\b|"
    r"\bhanded back\b|\breturns? (?:the |its |global |all )?rights\b|\bopts? out\b|\bwalk(?:s|ed)? away\b"
)
_IN_RELATIVE = re.compile(r",\s(?:which|who)\b[^,;]*$")


def _terminated_in(t: _Text, a: int, b: int) -> bool:
    """The sentence tells of a deal's end (not in an aside about the past: "X, which regained the drug from Y last
    year, has now licensed it to Z")."""
    return any(not _aside_before_news(t, a, m.start(), b) for m in _TERMINATED.finditer(t.f, a, b))


_ENDS_PACT = re.compile(
    r"\b(?:cuts?|ends?|ended|scraps?|scrapped|drops?|dropped|axes|axed|exits?|exited|dissolves?|ditch(?:es|ed)?|"
    r"pulls? out of|pulled out of|walks away from|unwinds?)\s(?:[\w\-]+\s){0,4}?"
    r"(?:collaboration|partnership|pact|deal|alliance|tie-up|licen[cs]e|agreement)\b"
)
# (not "X may terminate the agreement on 90 days' notice": a term of the new deal)
_ENDED_LATER = re.compile(
    r"终止|\b(?:has|have|had|was|were) (?:been )?terminated\b|\bdecided to terminate\b|\bnotified\b[^.;]{0,60}\bterminat"
)
_MOVE_REASON = re.compile(
    r"获得[^，。,]{0,12}批准|获批|\b(?:won|wins|receives?|received|gets|got|secures?|secured) [^.;]{0,30}approval\b|"
    r"\b(?:was|is|has been) approved\b|顶线数据|临床数据|\btopline\b"
)
_PURCHASE_LOOKED_BACK = re.compile(
    r"(?:^|[,:]\s|\n)(?:buying|acquiring|the (?:acquisition|purchase|buyout) of)\s(?:[^.;:]|\.(?=\d)){1,80}?\s"
    r"(?:was|has been|proved|turned out)\b"
)
# "X's latest acquisition of Y, Inc. is good news for …": under a headline that states no deal, a comment on a known one
_LATEST_PURCHASE = re.compile(
    r"\b(?:latest|recent) (?:acquisition|purchase|buyout) of\s(?:[^.;:]|\.(?=\d)|(?<=\binc)\.|(?<=\bltd)\.|(?<=\bcorp)\.|"
    r"(?<=\bco)\.){1,80}?\s(?:is|was)\s(?:good|bad|great|positive|negative|a boost|a blow|a sign)\b"
)
_THAT_DEAL = re.compile(
    r"(?:上述|该|前述|此|双方的?)(?:合作|许可|授权|独家)?(?:和许可)?(?:协议|合作)|\b(?:the|that|this|their) (?:license |licensing |"
    r"collaboration )?(?:agreement|collaboration|deal|partnership)\b"
)
_EXERCISED = re.compile(
    r"\b(?:exercised|exercises|exercising)\s(?:an?|its|the|their)\s(?:[\w\-]+\s)?option\b|行使(?:了)?(?:其)?(?:选择权|期权)"
)


def _conditional(f: str, a: int, at: int) -> bool:
    """What comes at `at` is said on a condition: "if Y exercises its option", 倘Y行使选择权."""
    return bool(_CONDITION_BEFORE.search(f, max(a, at - 70), at) or _ZH_CONDITION_BEFORE.search(f, max(a, at - 20), at))


def _exercised_option(t: _Text, a: int, b: int) -> bool:
    m = _EXERCISED.search(t.f, a, b)
    return m is not None and not _conditional(t.f, a, m.start())


_ZH_CONDITION_BEFORE = re.compile(r"(?:倘|倘若|若|如果|如|一旦|待|在)[^，。；,]{0,16}$|(?:将|可|可以|有权)$")
_SIGNING_AND = re.compile(r"(?:签约金?|首付款?|预付款?)(?:及|和|与|、)$")
_MS_PAID_ZH = re.compile(r"[^，。,]{0,6}?(?:兑现|到账|到帐|入账|落袋)")
_YEAR_DEAL = re.compile(r"\b(?:19|20)\d\d\s(?:deal|licens\w*|pact|agreement|collaboration)")
_FUTURE = re.compile(
    r"(?:expect\w*|close|closing|complet\w*|\bby|until|through|launch\w*|end of|before)\s(?:in\s)?(?:the\s)?(?:\w+\s){0,3}$"
)
_ZH_MONTH = re.compile(r"20\d\d\s?年\s?\d{1,2}\s?月(?!\s?\d)")
_LEAD_CLAUSE = re.compile(
    r"\W{0,3}(?:(?:a little |just |some |about |more than |nearly |less than |barely |only |roughly |just over ){0,2}(?:over |under )?"
    r"(?:(?:a|one|two|three|four|five|six|several|a few|\d+)\s)?(?:days?|weeks?|months?|years?)\s(?:and a half\s)?)?"
    r"(?:after|following|on the heels of)\b[^,]{0,200},\s"
    r"|\W{0,3}with the ink (?:on|barely dry on|still wet on)\s[^,]{0,80}?(?:still drying|still wet|barely dry)?,\s"
)
_ZH_CLAUSE = re.compile(r"(?:在|继|经过)[^。；;，,]{2,80}?(?:之后|以后|后)[，,]")
_DATELINE = re.compile(
    r"\W{0,2}(?:[A-Za-z][A-Za-z .]{1,30}(?:,\s?[A-Za-z][a-z]{2,9}\.? \d{1,2}(?:,\s?\d{4})?)?\s?(?:\([\w /]+\))?\s?[-–—]{1,2}\s"
    r"|\(\w+\)\s?[-–—]\s?|"  # ("OTTAWA, Dec. 02, 2019 (GLOBE NEWSWIRE) -- ")
    r"〔[^〕]{1,20}〕|【[^】]{1,20}】|（[^）]{1,20}电）|\([^)]{1,20}讯\)|[^，,。]{1,12}(?:日电|日讯|消息|获悉)[，,]?|shots:\s)"
)
_ACQ_WORDS = frozenset(
    re.split(
        r"\|",
        "acquire|acquires|acquired|acquiring|acquisition|acquisitions|takeover|takeovers|buyout|buyouts|merger|"
        "mergers|merge|merges|merging|buy|buys|buying|bought|purchase|purchases|purchased|purchasing|snap up|"
        "snaps up|snapped up|scoop up|scoops up|scooped up|nab|nabs|nabbed|take over|takes over|taking over|"
        "took over|收购|并购|买下|吞并",
    )
)


_ACQ_STEMS = ("acquir", "acquisition", "takeover", "buyout", "merger", "purchas")


_BYLINE = re.compile(r"By (?:[A-Z][a-z]+\s){1,2}(?:[A-Z]\.\s)?[A-Z][a-z'\-]+\s(?=[A-Z])")


_RIC = re.compile(r"<([A-Z0-9]{1,6}\.[A-Z]{1,3})>")


class _Text:
    """The item as read: original and folded text (same offsets), the headline span, the lead's sentences and the
    cue words in them. The headline is folded and scanned first; the lead only when the headline does not already
    say this is not a deal (`extend`)."""

    def __init__(self, doc: Document):
        title, summary = doc.title.strip(), doc.summary.strip()
        if (
            title
            and "\n" in summary[: len(title)]
            and summary[: len(title)].replace("\n", " ").lower() == title.lower()
        ):
            summary = summary[: len(title)].replace("\n", " ") + summary[len(title) :]  # a wire lead wrapped in lines
        self.opening_as_title = bool(
            summary and title and summary[: min(len(title), 40)].lower() == title[: min(len(title), 40)].lower()
        )
        if self.opening_as_title:
            title = ""  # the stored headline is the opening sentence: read it once, as the lead
        self.raw = (f"{title}\n{summary}" if title else summary or title)[:CAP]
        lead = len(title) + 1 if title else 0
        byline = _BYLINE.match(self.raw, lead)
        if byline:  # "By Jane Roe GSK has entered …": the reporter's name is no party (blanked, offsets kept)
            self.raw = self.raw[:lead] + " " * (byline.end() - lead) + self.raw[byline.end() :]
        if "<" in self.raw:  # Reuters' "Roche <ROG.S>": a ticker in angle brackets, read as one in round ones
            self.raw = _RIC.sub(r"(\1)", self.raw)
        if "%" in self.raw:  # MarketWatch's "Agenus Inc. AGEN, -2.26% were up …": the quote's change (no clause)
            self.raw = _INLINE_QUOTE.sub(lambda m: m.group(1) + " " * len(m.group(2)), self.raw)
        self.limit = min(len(self.raw), (len(title) if title else 0) + 1 + HEAD)
        if title:
            self.title_end = len(title)
        else:  # no headline: the opening sentence is the headline
            first = sentences(self.raw, 0, min(self.limit, 400))
            self.title_end = first[0][1] if first else min(self.limit, 400)
        self.f = fold_zh(self.raw[: self.title_end])
        self.cues = scan(self.f)
        self.sentences: list[tuple[int, int]] = []
        self.context: list[tuple[int, int]] = []
        self.full = False

    def extend(self) -> None:
        """Fold and scan the lead too."""
        if self.full:
            return
        self.full = True
        head = len(self.f)
        self.f += fold_zh(self.raw[head : self.limit])
        more = scan(self.f, head, self.limit)
        for cat, lst in more.hits.items():
            self.cues.hits[cat] = self.cues.hits.get(cat, []) + lst
            self.cues._starts[cat] = self.cues._starts.get(cat, []) + more._starts[cat]
        self.sentences = sentences(self.raw, 0, self.limit)


# "…, the latest in a string of deals for Chinese assets": one deal placed in a trend, not a list of deals
_ONE_OF_A_TREND = re.compile(
    r"(?:\b(?:the latest|the newest|the most recent|the last|one)(?: deal| transaction| pact)?\s(?:in|of)"
    r"|\b(?:amid|adding to|adds to|add to|joins|extending|extends|continuing|continues|part of))\s(?:a|an|the)\s$"
)


# 创新药出海热潮持续 X授权Y: the trend named, then the one deal the story is about
_TREND_GOES_ON = re.compile(
    r"[^，,。：:\s]{0,2}(?:持续|延续|不减|再起|升温|再现|继续|未歇|来袭|火热|正热|正盛)[\s，,：:！!]"
)


def _roundup_words(t: _Text, a: int, b: int) -> list[C.Hit]:
    return [
        h
        for h in t.cues.of(C.ROUNDUP, a, b)
        if not (h.word.endswith(" of") and _ONE_OF_A_TREND.search(t.f, max(a, h.start - 40), h.start))
        and not (
            h.word.endswith(("潮", "热"))
            and (go_on := _TREND_GOES_ON.match(t.f, h.end, b)) is not None
            and t.cues.has(C.STRONG, go_on.end(), b)
        )
    ]


def _roundup(t: _Text, a: int, b: int) -> bool:
    c, f = t.cues, t.f
    if any(
        not (h.word in _HALF_YEARS and _CLOSING_AFTER.match(f, h.end))
        and not (h.word == "今年以来" and _ONE_OF_THE_YEARS.match(f, h.end))
        and f[h.end : h.end + 1] not in ("|", "｜")
        and not (h.word == "一周" and (f.startswith("内", h.end) or f.endswith(("不到", "不足", "短短"), 0, h.start)))
        and not (h.word.endswith(" of") and not _DEALISH.search(f, h.end, min(b, h.end + 45)))
        for h in _roundup_words(t, a, b)
    ):
        return True  # (not 最快今年下半年完成交割: when the deal is to close; not "创纪录|…": a tag on one deal's headline)
    for h in c.of(C.PLURAL, a, b):
        if c.has(C.AGGREGATE, h.end, min(b, h.end + 40)) or _COUNTED.search(f, max(a, h.start - 30), h.start):
            return True
        if _PERIOD.search(f, max(a, h.start - 60), h.start):
            return True
    plural = c.of(C.PLURAL, a, b)
    if plural and all(h.word != "licensing" for h in plural):
        starts = {h.start for h in plural}
        singular = [h for h in c.of(C.STRONG, a, b) + c.of(C.WEAK, a, b) if h.start not in starts]
        if (
            not singular
            and not any(f.startswith(" with ", h.end) for h in plural)
            and not _BIDS_AN_AMOUNT.search(f, a, b)
        ):
            return True  # "Korean platforms lead the deals", "Takeda sets aside $15bn for acquisitions" (not
            # "Vertex signs deals with Crispr, Exonics": one company's deals with the partners it names)
    return has_cjk(f[a:b]) and bool(_ZH_COUNT.search(f, a, b))


# "Harnell on M&A prowl again, bidding up to $1.7 billion for Veltra": the one deal the headline prices
_BIDS_AN_AMOUNT = re.compile(
    r"\b(?:bidding|bids|offering|offers|paying|pays|to pay)\s(?:up to\s|as much as\s|about\s)?(?:us\$|\$|€|£)\s?\d"
)


def _not_news_of_a_deal(t: _Text, a: int, b: int) -> bool:
    c, f = t.cues, t.f
    if any(
        (h.start == 0 or f[h.start - 1] != "-")
        and not (h.word == "approved" and _ADJ_BEFORE.search(f, a, h.start))
        and not (h.word.startswith("approv") and _CONDITION_BEFORE.search(f, max(a, h.start - 70), h.start))
        and not (h.word.startswith("approv") and _BOARDS_BEFORE.search(f, max(a, h.start - 150), h.start))
        and not (h.word == "the progress of" and _TIED_TO_BEFORE.search(f, max(a, h.start - 20), h.start))
        # ("up to €360 million in milestones linked to the progress of Y's drug": terms, no progress report)
        and not (h.word.startswith("complet") and _STUDY_NEXT.match(f, h.end))  # "following completion of the
        # Phase 2 study": a study's end, the term of an option
        # ("the Board of Directors of X, together with the Board of Y, has approved the transfer …": the signing)
        and not (("exercis" in h.word or "行使" in h.word) and _conditional(f, a, h.start))
        # (倘Y行使选择权, "if Y exercises its option": the option granted now)
        and not (has_cjk(h.word) and _FUTURE_BEFORE.search(f, max(a, h.start - 14), h.start))  # 最快…完成交割
        and not (h.word in ("核准", "批准", "获批") and _ZH_APPROVED_ADJ.search(f, max(a, h.start - 8), h.start))
        and not (h.word == "进展" and f[h.start - 1 : h.start] == "新")  # 中国创新药“出海”又有新进展: news
        and not (h.word == "上市许可" and _TRANSFERRED_BEFORE.search(f, max(a, h.start - 20), h.start))
        # (受让美沙拉秦肠溶片上市许可: a marketing authorisation bought, not granted)
        and not (h.word.startswith("补充") and _SIGNED_WITH_MAIN.search(f, max(a, h.start - 12), h.start))
        for h in c.of(C.NOT_NEW, a, b)
    ):
        return True  # (not "near-approval", "one of the only approved ALS drugs": an adjective)
    if any(not _BOOSTS_BEFORE.search(f, max(a, h.start - 45), h.start) for h in c.of(C.OTHER_NEWS, a, b)):
        return True  # (not "acquisition to boost X's earnings": what the deal will do, not a results story)
    if ("clos" in f[a:b] or "complet" in f[a:b] or "finali" in f[a:b]) and (
        _COMPLETION.search(f, a, b) or _CONDITIONS_MET.search(f, a, b)
    ):
        return True  # "AstraZeneca closes $1B purchase of Amolyt"
    if "完成" in f[a:b] and _ZH_COMPLETION.search(f, a, b):
        return True  # 吉利德完成对CymaBay的战略收购
    if "royalt" in f[a:b] and not c.has(C.TERMS, a, b) and _ROYALTY_GOT.search(f, a, b):
        return True  # "X receives first royalty from Y": money under an old licence
    if "amendment" in f[a:b] and _AMENDMENT.search(f, a, b):
        return True  # "… announced the amendment of the licence agreement with Y signed in 2010": an old deal
    if "extend" in f[a:b] and _EXTENDS_OLD.search(f, a, b):
        return True  # "Pfizer pays $30M to extend Quorvex pact": more of an old deal
    if "sharehold" in f[a:b] and any(
        not _CONDITION_BEFORE.search(f, max(a, m.start() - 40), m.start()) for m in _HOLDERS_BACK.finditer(f, a, b)
    ):
        return True  # "Takeda secures shareholder backing for £46bn Shire takeover": a vote on a deal agreed before
        # (not "…, subject to shareholder approval": the new deal's condition)
    terms = c.has(C.TERMS, a, b)
    for h in c.of(C.MILESTONE, a, b):
        if not h.word.startswith(("milestone", "里程")) or f.startswith(("式", "意义"), h.end):
            continue  # (里程碑式的合作: a landmark deal, not a milestone payment)
        if not terms and _MS_VERB.search(f, max(a, h.start - 60), h.start):
            return True  # "Kelun-Biotech banks $37.5M milestone", "XOMA earns $2M milestone payment"
        if not terms and _MS_DONE_AFTER.match(f, h.end, b):
            return True  # "An $11m milestone payment to X has been triggered by …": money under an old licence
        if (
            not terms
            and _PAYS_ONE.search(f, max(a, h.start - 60), h.start)
            and not f.startswith(("milestones", "milestone payments"), h.start)
        ):
            return True  # "Harnell pays $50M milestone to Quorvex": one milestone, of a deal made before
        if not terms and c.has(C.MS_EVENT_ZH, max(a, h.start - 18), h.start):
            return True  # 百利天恒收到BMS 2.5亿美元里程碑付款
        if not terms and "获" in f[max(a, h.start - 18) : h.start] and not _SIGNING_AND.search(f, a, h.start):
            return True  # (not 获…签约及里程碑金: a new deal's signing fee and milestones)
        if not terms and _MS_PAID_ZH.match(f, h.end, min(b, h.end + 12)):
            return True  # 里程碑款开始兑现, 里程碑付款到账
    if has_cjk(f[a:b]):  # 收到…依约支付的第二阶段签约金: an upfront paid under an agreement signed before
        for h in c.of(C.UPFRONT, a, b):
            if _RECEIVED_ZH.search(f, max(a, h.start - 40), h.start):
                return True
    for h in c.of(C.YEAR_INTRO, a, b):  # "partnered with J&J in a 2017 licensing deal"
        if c.has(C.WEAK, h.end, h.end + 25) or c.has(C.STRONG, h.end, h.end + 25):
            return True
    return ("19" in f[a:b] or "20" in f[a:b]) and bool(_YEAR_DEAL.search(f, a, b))


def _negative(t: _Text, a: int, b: int) -> bool:
    """Talks and rumours, or a bid or offer not agreed (not the talks that came before an agreement: "after months
    of talks, X agreed to buy Y", 经过六个月洽谈后,同意…收购; not "with eyes on")."""
    for h in t.cues.of(C.RUMOUR, a, b):
        if h.word.startswith("eye") and (t.f.startswith("with ", h.start - 5) or _EYES_GROWTH.match(t.f, h.end)):
            continue  # (not "as it eyes growth opportunities in the U.S.": an aim, no talks)
        if h.word == "potential deal" and t.f.startswith((" value", " worth", " size"), h.end):
            continue  # "with a potential deal value of up to $802m": the sum the agreement may reach
        if _PAST_TALKS.search(t.f, max(a, h.start - 60), h.start) and t.cues.has(C.AGREED, h.end, b):
            continue
        if (
            h.word.startswith(("rumo", "speculat", "report", "传闻", "传言"))
            and _CONFIRMS.search(t.f, max(a, h.start - 40), h.start)
            and t.cues.has(C.AGREED, h.end, b)
        ):
            continue  # "Confirming weekend rumors, X said it has entered into a definitive agreement": no longer a rumour
        if h.word in ("传闻", "传言") and _ZH_CONFIRMED.match(t.f, h.end, b):
            continue  # 此前流传…的传闻终于坐实: the rumour came true
        if h.word.startswith(("rumo", "report", "speculat")) and _CONFIRMED_AFTER.match(t.f, h.end, b):
            continue  # "Rumour confirmed as Lilly buys Ventyx", "Reports that … have been confirmed"
        if has_cjk(h.word) and _ZH_PAST_TALKS.match(t.f, h.end, b) and "经" in t.f[max(a, h.start - 10) : h.start]:
            continue
        return True
    if "将有" in t.f[a:b] and re.search(r"将有[^，。]{0,10}(?:交易|授权|合作|bd|落地)", t.f[a:b]):
        return True
    offers = [
        h
        for h in t.cues.of(C.OFFER, a, b)
        if not (h.word == "报价" and _PRICE_NEXT.match(t.f, h.end))
        and not (
            t.f.startswith("tender ", h.start - 7)
            and ("agreement" in t.f[:a] or (a >= t.title_end and _priced_deal(t, 0, t.title_end)))
        )
    ]  # (not a tender offer that carries out an agreement told before, or the priced purchase the headline states:
    # "X to buy Japan's Y for ¥180 billion" over "X will launch a tender offer for Y"; "hostile" stays an offer)
    return (
        bool(offers)
        and not t.cues.has(C.AGREED, a, b)  # (not "报价0.91港元": a share's quoted price)
        and not _BOARD_BACKS.search(t.f, a, min(len(t.f), b + 300))
    )  # (not an offer the target's board recommends, here or in the sentence after: agreed)


_BOARD_BACKS = re.compile(
    r"\b(?:board|directors)\b[^.;]{0,60}?(?<!not )(?<!n't )\b(?:unanimously\s)?recommend(?:s|ed|ing)?\b"
    r"(?![^.;]{0,50}\breject)|\b(?<!not )recommended by\b[^.;]{0,60}\bboard\b"
)


_PRICE_NEXT = re.compile(r"\s?[\d.]+\s?(?:港元|元|美元)")
_SOURCING = (
    "people familiar", "people close", "people with knowledge", "sources said", "sources say", "source said",
    "sources familiar", "sources close", "according to people", "according to sources", "according to a person",
    "has learned", "have learned", "has been learned", "according to a report", "according to media reports",
    "citing a report", "citing media reports", ": report", "- report", "– report", "declined to comment",
    "declines to comment",
    "no final decision", "消息人士", "知情人士", "据知情", "外媒引述",
)  # fmt: skip


def _sourced(t: _Text, a: int, b: int) -> bool:
    """The sentence says the story rests on unnamed sources, not on the companies' announcement."""
    return not _background(t, a, b) and any(h.word.startswith(_SOURCING) for h in t.cues.of(C.RUMOUR, a, b))


_CONFIRMS = re.compile(r"(?:\bconfirm\w*\s(?:[\w\-’'&]+\s){0,4}|证实[^，,。]{0,10})$")
_CONFIRMED_AFTER = re.compile(
    r"\w*\s(?:(?:that\s)?[^.;:]{0,80}?(?:have|has)\sbeen\s)?(?:confirmed|came true|comes true|proved true|proves true)\b"
)
_ZH_CONFIRMED = re.compile(
    r"(?:[^，,。]{0,4}?|[^。]{0,24}?现已|[^。]{0,24}?终于)(?<!未)(?<!未获)(?<!未得到)(?:坐实|证实|成真|落地|属实|得到(?:正式)?确认|获(?:得)?(?:正式)?确认)"
)  # (传言…,在经历两个多月后,现已得到正式确认; not 传言未获证实)
_PAST_TALKS = re.compile(r"\b(?:after|following)\s(?:[\w\-’'&]+\s){0,8}$")
_ZH_PAST_TALKS = re.compile(r"[^，,。]{0,4}?(?:之后|以后|后)[，,]")


def _lead_negative(t: _Text, s: int, e: int) -> bool:
    """The lead's first sentence says talks or a bid, once its opening clause and background are set aside."""
    m = _LEAD_CLAUSE.match(t.f, s, e)
    if m:
        s = m.end()
    if not has_cjk(t.f[s:e]) and _background(t, s, e):
        return False  # "Earlier this month, Y lodged a proposal to acquire X": background
    if (
        has_cjk(t.f[s:e])
        and (was := _ZH_ONCE.search(t.f, s, e)) is not None
        and not any(h.start < was.start() for h in t.cues.of(C.RUMOUR, s, e))
    ):
        return False  # 董事会曾于…公告…继续深入洽谈: the talks of before, recalled ahead of the signing
    return _negative(t, s, e)


_ZH_ONCE = re.compile(r"曾于|曾经|此前曾")


def _background(t: _Text, a: int, b: int) -> bool:
    """A sentence or clause about an earlier deal or event (此前, 2024年12月, in 2016, previously)."""
    c, f = t.cues, t.f
    if any(
        not (h.word.startswith("had ") and _SAID_IT.search(f, max(a, h.start - 40), h.start))
        and not (
            h.word in ("last week", "earlier this week") and _ANNOUNCED_DEAL.search(f, max(a, h.start - 240), h.start)
        )
        and not _terms_before_relative(t, a, h.start)
        and not _aside_before_news(t, a, h.start, b)
        for h in c.of(C.BACKGROUND, a, b)
    ):
        return True  # (not "said on Wednesday it had acquired Y": reported speech, the news itself; not "announced
        # a new deal last week, taking full ownership of Y": a weekly's news)
    for h in c.of(C.YEAR_INTRO, a, b):
        if h.word[-1].isdigit():  # "in 20" + two digits
            year = f[h.end : h.end + 2].isdigit() and not f[h.end + 2 : h.end + 3].isdigit()
        else:  # "in January 2024", "beginning in 2016", "in early 2023"
            year = bool(_YEAR_AFTER.match(f, h.end, min(b, h.end + 20)))
        if year and not _FUTURE.search(f, max(a, h.start - 40), h.start) and not _aside_before_news(t, a, h.start, b):
            return True
    return "年" in f[a:b] and bool(_ZH_MONTH.search(f, a, b))


# what a "flurry of" / "string of" counts when the item is a round-up (not "a string of changes over the past year")
_DEALISH = re.compile(
    r"deal|licens|licenc|acquisition|takeover|merger|m&a|partnership|pact|agreement|transaction|buyout|tie-up|bd\b"
)
_PARTNERED_ZH = re.compile(r"(?:与|和|同)[^，。；]{1,30}(?:达成|签署|签订|订立)[^，。；]{0,6}(?:合作|协议|合约)")
# 签订股权交易合同及补充协议: a supplement signed with the main contract, not a supplement to an old deal
_SIGNED_WITH_MAIN = re.compile(r"(?:签订|签署|订立)[^，。；]{0,8}(?:合同|协议)(?:及|和|与|、)$")
_RELATIVE = re.compile(r"\b(?:where|which|whom|who)\b")


def _aside_before_news(t: _Text, a: int, at: int, b: int) -> bool:
    """ "X, which regained the drug from Y last year, has now licensed it to Z": the past sits in an aside about X;
    the sentence's own clause, after the aside closes, tells the new deal."""
    if not _IN_RELATIVE.search(t.f, a, at):
        return False
    close = t.f.find(",", at, b)
    return close != -1 and (t.cues.has(C.STRONG, close, b) or t.cues.has(C.WEAK, close, b))


def _terms_before_relative(t: _Text, a: int, at: int) -> bool:
    """ "Jazz will pay $50 million upfront for rights … except in Asia, where Zymeworks previously licensed it to
    BeiGene": the earlier deal sits in a relative clause after the new deal's terms."""
    rel = max(_RELATIVE.finditer(t.f, a, at), key=lambda m: m.start(), default=None)
    return rel is not None and (t.cues.has(C.UPFRONT, a, rel.start()) or t.cues.has(C.TERMS, a, rel.start()))


_ANNOUNCED_DEAL = re.compile(
    r"\bannounced\s(?:an?\s|the\s|its\s)?(?:new\s)?(?:deal|agreement|acquisition|merger|buyout|licens\w+ (?:deal|agreement))\b"
    r"[^;]{0,200}\s$"
)
_SAID_IT = re.compile(r"\b(?:said|says|announced)\s(?:on\s\w+\s|today\s|\w+day\s)?(?:that\s)?(?:it|they)\s$")
_YEAR_AFTER = re.compile(r"\s?(?:(?:early|late|mid)[- ])?(?:[a-z]+\s)?(?:19|20)\d\d\b")


def _strip_clauses(t: _Text, s: int, e: int) -> list[tuple[int, int]]:
    """A sentence without its background clauses ("A month after …, ", 在…之后, 继…后, a Chinese clause about an
    earlier deal: 其核心资产正是两个月前…); they are kept as context (names only)."""
    m = _LEAD_CLAUSE.match(t.f, s, e)
    if m:
        t.context.append((s, m.end()))
        s = m.end()
    d = _DATELINE.match(t.f, s, e)
    if d and d.end() < e:
        s = d.end()  # "智通财经APP获悉，", "LONDON (Reuters) -": the outlet, not a party
    pieces = []
    if "在" in t.f[s:e] or "继" in t.f[s:e]:
        for z in _ZH_CLAUSE.finditer(t.f, s, e):
            t.context.append((z.start(), z.end()))
            if z.start() > s:
                pieces.append((s, z.start()))
            s = z.end()
    if s < e:
        pieces.append((s, e))
    out = []
    for a, b in pieces:
        if not has_cjk(t.f[a:b]) or not _background(t, a, b):
            out.append((a, b))
            continue
        start = a
        open_in_background = False  # a bracket opened in a background clause: what it holds is background too
        for c in re.finditer(r"[，,]", t.f[a:b]):
            clause_end = a + c.end()
            piece = t.f[start:clause_end]
            if open_in_background or _background(t, start, clause_end):
                t.context.append((start, clause_end))
                depth = piece.count("(") + piece.count("（") - piece.count(")") - piece.count("）")
                open_in_background = depth > 0 if not open_in_background else depth >= 0
            elif out and out[-1][1] == start:
                out[-1] = (out[-1][0], clause_end)  # (the clauses kept side by side stay one: subject and verb)
            else:
                out.append((start, clause_end))
            start = clause_end
        if start < b:
            if open_in_background or _background(t, start, b):
                t.context.append((start, b))
            elif out and out[-1][1] == start:
                out[-1] = (out[-1][0], b)
            else:
                out.append((start, b))
    return out


_PROPERTY = re.compile(
    r"厂房|土地|房产|房地产|物业|办公楼|写字楼|不动产|机器设备|生产设备|生产线|制剂厂|生产厂|\b(?:real estate|land|office building|plant and equipment)\b"
)
_DRUG_THING = re.compile(r"药物|新药|项目|权益|许可|授权|产品|管线|疗法|抗体|\b(?:drug|rights|licen[cs]e|therap)")
# A royalty stream sold or bought (to a royalty fund, for cash now): a financing, not a licence of the drug. Not
# "licenses X for $50M plus royalties": royalties as the price, after for/plus/and/with.
_ROYALTY_SALE = re.compile(
    r"\b(?:sell|sells|sold|selling|buy|buys|bought|buying|acquires?|acquired|acquiring|purchases?|purchased|purchasing"
    r"|monetiz\w*|monetis\w*)\s(?:(?!for\b|plus\b|and\b|with\b|in\b|on\b|to\b)[\w\-’'$.%]+\s){0,5}?royalt(?:y|ies)\b"
    r"(?!\spharma)|\broyalty (?:monetization|monetisation|purchase|financing|sale|interest)s? (?:agreement|deal|transaction)"
    r"|\bsynthetic royalty|\brights to (?:receive )?(?:the )?royalt(?:y|ies)\b|特许权使用费(?:的)?(?:购买|收购|出售|转让|融资|货币化)|(?:出售|转让|购买|收购|变现)[^，。,]{0,12}特许权使用费"
)


def _deal_groups(t: _Text) -> list[list[tuple[int, int]]]:
    """The sentences that report each deal, the headline's first; [] when the item reports no new deal."""
    c = t.cues
    h0, h1 = 0, t.title_end
    first = _DATELINE.match(t.f, h0, h1)
    if first and _LEAD_CLAUSE.match(t.f, first.end(), h1):
        h0 = first.end()  # "HONG KONG – Following positive data on X's drug, the company has licensed …"
    lead_clause = _LEAD_CLAUSE.match(t.f, h0, h1)
    if lead_clause:
        h0 = lead_clause.end()  # "A month after X filed for an IPO, Bayer is paying …"
    dateline = _DATELINE.match(t.f, h0, h1)
    hb = dateline.end() if dateline else h0
    if _roundup(t, h0, h1):
        return []
    if _PROPERTY.search(t.f, h0, h1) and not _DRUG_THING.search(t.f, h0, h1):
        return []  # 佳禾医药拟转让闲置厂房: a drugmaker sells a building, not a drug
    if _ROYALTY_SALE.search(t.f, h0, h1):
        return []  # "X sells royalty on its drug to Royalty Pharma for $500M": a financing
    story = None
    agreed_bid = False
    if _not_news_of_a_deal(t, hb, h1) or _negative(t, h0, h1):
        story = _deal_story(t, hb, h1)
        if story is None:
            agreed_bid = _bid_agreed_in_lead(t, h0, h1)
            if not agreed_bid:
                return []
    strong = (c.has(C.STRONG, h0, h1) or "併" in t.raw[h0:h1]) and not agreed_bid
    states_deal = strong or (c.has(C.WEAK, h0, h1) and not agreed_bid)
    if not states_deal and _topic(t, h0, h1) and not _TURNS_TO_FOR.search(t.f, h0, h1):
        return []  # a read-out or an approval, whatever the lead recalls of an old deal
    t.extend()
    f = t.f
    head = [story] if story and story != (hb, h1) else [(s, e) for s, e in t.sentences if s < t.title_end]
    body = [(s, e) for s, e in t.sentences if s >= t.title_end]
    if _zh_closing_of_earlier(t, body) or (body and _ROYALTY_SALE.search(f, *body[0])):
        return []
    if not states_deal or (c.has(C.MOVE, h0, h1) and not strong and not _SIGNED_WITH.search(f, h0, h1)):
        # the deal is in the lead: the first sentence that states one (a share move "because of" a new deal)
        start = None
        for i, (s, e) in enumerate(body[:4]):
            kept = _strip_clauses(t, s, e)
            if any(_strong_cue(t, a, b) and not _background(t, a, b) for a, b in kept) and not _roundup(t, s, e):
                start = i
                break
        if start is None or any(
            _roundup(t, s, e) or _TERMINATED.search(f, s, e) or (c.has(C.MOVE, h0, h1) and _MOVE_REASON.search(f, s, e))
            for s, e in body[:start]
        ):  # (a share move the lead explains by an approval or a read-out, then recalls an old licence)
            return []  # (a lead that opens on the year's deal statistics, or on the end of a partnership, then
            # recalls one deal: a feature)
        if _DATED_DEAL.match(f, body[start][0]) and any(
            _TIME_PASSED.search(f, s, e) for s, e in body[start + 1 : start + 4]
        ):
            return []  # "2024年8月9日,默沙东宣布…收购… · 然而,仅仅一年后,…宣布公司解散": a feature recalls the deal
        if start and _PARTNERED_ZH.search(f, *body[start - 1]) and not _background(t, *body[start - 1]):
            start -= 1  # 荣昌生物发布公告称,与西雅图基因达成合作… · 荣昌生物将获得总额达26亿美元的潜在收入: the deal opens there
        s, e = body[start]
        d = _DATELINE.match(f, s, e)
        if (
            _lead_negative(t, s, e)
            or _not_news_of_a_deal(t, d.end() if d else s, e)
            or _LATEST_PURCHASE.search(f, s, e)
        ):
            return []  # (… or "X's latest acquisition of Y is good news for …": a comment on a deal already known)
        body = body[start:]
        if not states_deal and c.has(C.MOVE, h0, h1):
            head = []  # "石藥集團盤初拉升漲近6%": the move, not the deal
    elif body and _COMPLETED_LEAD.match(t.f, body[0][0], body[0][1]):
        return []  # "Pfizer acquires Arena for $6.7B" over "Pfizer has completed its acquisition of Arena": a closing
    elif body and _VOTE_LEAD.match(t.f, body[0][0], body[0][1]):
        return []
    elif body and _terminated_in(t, *body[0]):
        return []  # 授权合约终止后,其将重获…权益 / 决定终止双方的全球独家合作: the end of an old deal
    elif _ENDS_PACT.search(f, h0, h1) and any(_TERMINATED.search(f, s, e) for s, e in body[:3]):
        return []  # "GSK Cuts Five-Year-Old Cancer Collaboration With Ideaya" · "… why the pharma terminated the partnership"
    elif body and _PURCHASE_LOOKED_BACK.search(f, *body[0]):
        return []  # "For X, buying Y for $4.3 billion was just the beginning": a feature on a deal already done
    elif any(_ENDED_LATER.search(f, s, e) and _THAT_DEAL.search(f, s, e) for s, e in body[1:3]):
        return []  # "…达成合作和许可协议 · 根据协议约定,Y已支付首付款 · 近日,Y决定终止上述协议": the deal recalled, then its end
    elif body and not strong and has_cjk(f[h0:h1]) and _ZH_COUNT.search(f, *body[0]):
        return []  # "A、B、C里程金拚40亿" over "三家公司合计最高里程金为1.35亿美元": several deals summed
    elif body and _AMENDMENT.search(f, *body[0]):
        return []  # "Basilea swaps its rights …" over "… announced the amendment of the licence agreement with Y": old deal
    elif body and _exercised_option(t, *body[0]):
        return []  # "Gilead licenses cancer drugs from Arcus" over "… has exercised an option to license": an old deal
    elif (
        body
        and _roundup_words(t, body[0][0], body[0][1])
        and not c.has(C.LEX, h0, h1)
        and not _priced_deal(t, h0, h1)  # (not "Astra agrees to buy Adrea for $1.2bn" over "… fuels a wave of M&A")
    ):
        return []  # "生技报喜 50亿授权金到手" (no company named) over a lead listing several licences: a round-up
    elif body and _PAYMENT_WORD.search(f, h0, h1) and _not_news_of_a_deal(t, *body[0]):
        return []  # "X snaps up J&J payment" over "X has received a milestone payment from J&J": an old deal's money
    elif (
        body
        and _lead_negative(t, body[0][0], body[0][1])
        and not (t.opening_as_title and _priced_deal(t, h0, h1) and not _sourced(t, *body[0]))
        and not _rumour_confirmed(t, h0, h1)
        and not any(_BOARD_BACKS.search(f, s, e) for s, e in body[1:4])  # "The Board of Y recommended … accept"
        and not (
            len(body) > 1
            and c.has(C.AGREED, *body[1])
            and not _negative(t, *body[1])
            and not _FOLLOWS.search(f, *body[1])  # ("The move follows … Bain Capital agreed to buy …": an older deal)
        )
        # ("… with the proposed acquisition of Y by a U.S. rival. · X has signed a deal to buy Y for …": agreed)
        and not (_priced_deal(t, h0, h1) and not c.has(C.OFFER, h0, h1) and _friendly_bid(t, body))
        # ("Takeda to acquire Y for $628M" over "Takeda submitted a voluntary takeover bid for Y")
    ):
        return []  # (not when the opening sentence, standing as the headline, states a priced deal: the next one
        # may recall the rumours that came before it)
    elif any(_sourced(t, s, e) and not c.has(C.AGREED, 0, s) for s, e in body[1:3]) and not _rumour_confirmed(
        t, h0, h1
    ):
        return []  # "X plans to buy Y for $3.6 billion. Sources said … no final decision had been made": a report
    groups: list[list[tuple[int, int]]] = [[]]
    for s, e in head:
        groups[0].extend(_strip_clauses(t, s, e))
    for i, (s, e) in enumerate(body):
        cut = c.first(C.SPLIT, s, e)
        if cut and (_CONTINUES.match(f, cut.end, min(e, cut.end + 8)) or _terms_go_on(t, cut.end, e)):
            cut = None  # "此外其还将获得…里程碑付款", "meanwhile, the company will …": the same deal goes on
        elif cut and cut.word == "另外" and (_OTHER_THINGS.match(f, cut.end) or _WITH_BEFORE.search(f, s, cut.start)):
            cut = None  # 连同另外11个项目的选择权: "the other eleven programmes", in the same deal
        if cut and (cut.start > s or groups[-1]):
            if cut.start > s and not (i and _background(t, s, cut.start)):
                groups[-1].extend(_strip_clauses(t, s, cut.start))
            groups.append(_strip_clauses(t, cut.start, e))
            continue
        if not has_cjk(f[s:e]) and _background(t, s, e) and (groups[-1] or i):
            continue
        groups[-1].extend(_strip_clauses(t, s, e))
    return [g for g in groups if g]


_BOOSTS_BEFORE = re.compile(
    r"\bto\s(?:boost|lift|add\sto|enhance|bolster|strengthen)\b[^.;]{0,25}$"
    r"|\b(?:impact|effect)\son\s[^.;]{0,30}$"  # ("not expected to have a material impact on X's 2015 guidance")
)
_HOSTILE = re.compile(
    r"\b(?:hostile|unsolicited|rejected|rejects|rebuff\w*|spurn\w*|snub\w*|unwanted|inadequate|undervalues|"
    r"not been approached|without the support)\b"
)


def _friendly_bid(t: _Text, body: list[tuple[int, int]]) -> bool:
    """The lead calls the purchase the headline announces a bid (a voluntary or conditional tender offer), with no
    rumour and no word of a hostile or rejected one in its first sentences."""
    c, f = t.cues, t.f
    s, e = body[0]
    return (
        c.has(C.OFFER, s, e) and not c.has(C.RUMOUR, s, e) and not _HOSTILE.search(f, 0, body[min(2, len(body) - 1)][1])
    )


_ROYALTY_GOT = re.compile(
    r"\b(?:receiv\w*|gets|got|collects?|collected|books?|booked|earns?|earned)\s(?:its\s|the\s|a\s)?(?:first\s|initial\s)?"
    r"(?:[\w\-]+\s){0,2}?royalt(?:y|ies)\b"
)
_AMENDMENT = re.compile(
    r"\b(?:amendment|amendments)\s(?:as of [^;]{1,30}?\s)?(?:of|to)\s(?:the|its|their)\s[^.;]{0,120}?\b(?:agreement|contract)\b"
)


def _zh_closing_of_earlier(t: _Text, body: list[tuple[int, int]]) -> bool:
    """…並在1日正式接手 · 保瑞今年3月宣布以8.3億元取得…: the lead tells the closing of a purchase announced before."""
    f = t.f
    return (
        bool(body)
        and has_cjk(f[body[0][0] : body[0][1]])
        and any(_ZH_COMPLETION.search(f, s, e) for s, e in body[:4])
        and (
            any(_ZH_EARLIER.search(f, s, e) or _ZH_CONDITIONS_MET.search(f, s, e) for s, e in body[:4])
            or bool(_NEAR_THE_END.search(f, 0, t.title_end))
        )
    )


# 鉴于收购Y的所有先决条件均已获满足,…已于10月3日完成交割: the deal of before, closed
_ZH_CONDITIONS_MET = re.compile(r"先决条件[^，。；]{0,4}已(?:获)?(?:满足|达成|成就)")


def _rumour_confirmed(t: _Text, a: int, b: int) -> bool:
    """The headline says the talk the lead recalls came true ("Rumour confirmed as Lilly buys Ventyx")."""
    return any(
        h.word.startswith(("rumo", "report", "speculat")) and _CONFIRMED_AFTER.match(t.f, h.end, b)
        for h in t.cues.of(C.RUMOUR, a, b)
    )


def _bid_agreed_in_lead(t: _Text, a: int, b: int) -> bool:
    """ "X soars on news of takeover bid" over a lead whose first sentence reports a definitive agreement to be acquired:
    the headline's bid is the agreed one, and the lead states the deal."""
    c = t.cues
    if not c.has(C.OFFER, a, b) or c.has(C.RUMOUR, a, b) or _not_news_of_a_deal(t, a, b):
        return False
    t.extend()
    body = [(s, e) for s, e in t.sentences if s >= t.title_end]
    if not body or (c.has(C.RUMOUR, *body[0]) and not _background(t, *body[0])):
        return False
    return (bool(_DEFINITIVE.search(t.f, *body[0])) and not _negative(t, *body[0])) or bool(
        _BOARD_BACKS.search(t.f, body[0][0], body[min(1, len(body) - 1)][1])
    )  # (or "Y's board unanimously recommends that shareholders accept the offer")


_DEFINITIVE = re.compile(r"\b(?:definitive|merger) agreement\b|\bagreed to be (?:acquired|bought)\b")


def _topic(t: _Text, a: int, b: int) -> bool:
    """A read-out, an approval, results…: not 临床阶段 / 上市公司 describing a company ("临床阶段生物制药公司X")."""
    return any(
        not (h.word == "临床" and t.f.startswith(("阶段", "期"), h.end))
        and not (h.word == "上市" and t.f.startswith("公司", h.end))
        and not (h.word == "data" and (t.f.startswith(" provided by", h.end) or t.f.endswith("per ", 0, h.start)))
        # ("according to data provided by S&P", "as per data from Benzinga Pro": market data, no read-out)
        and not (h.word.startswith("launch") and _LAUNCHED_COMPANY.match(t.f, h.end, b))  # "launches CNS company Y"
        for h in t.cues.of(C.TOPIC, a, b)
    )


_LAUNCHED_COMPANY = re.compile(r"[^.;,]{0,30}?\b(?:company|newco|venture|biotech|startup|start-up)\b")


def _priced_deal(t: _Text, a: int, b: int) -> bool:
    """A strong deal word and an amount with a currency in the span: "CSL is plopping down $11.7 billion to acquire
    Vifor Pharma"."""
    return _strong_cue(t, a, b) and bool(_CURRENCY_AMOUNT.search(t.f, a, b))


_CURRENCY_AMOUNT = re.compile(
    r"(?:\$|€|£|¥|usd|eur|美元|欧元|港元|亿元|万元)\s?\d|\d\s?(?:亿|万)?(?:美元|欧元|港元|元)"
)


def _terms_go_on(t: _Text, a: int, b: int) -> bool:
    """After the split word come more payments of the same deal ("此外,由Y向X支付至多5.25亿美元的销售里程碑款项"),
    not a second deal (which says it was signed or agreed before its milestones)."""
    ms = t.cues.first(C.MILESTONE, a, b)
    return ms is not None and not t.cues.has(C.AGREED, a, ms.start)


_CONTINUES = re.compile(
    r"[,，]?\s?(?:其|公司|该公司|本公司|集团|本集团|还|亦|也|双方|it\b|the company\b|the companies\b)"
)
_DATED_DEAL = re.compile(r"\s?(?:19|20)\d\d\s?年\s?\d{1,2}\s?月")
_TIME_PASSED = re.compile(r"(?:[一二两三四五六七八九十半\d]+\s?(?:年|个月|个多月)(?:后|之后|过去|过后)|时隔|如今)")
_OTHER_THINGS = re.compile(r"\s?(?:\d+|[一两二三四五六七八九十几数多])\s?(?:个|款|项|种|家|条|笔)")
_WITH_BEFORE = re.compile(r"(?:连同|以及|及|和|与|加上|包括|还有)$")
_STORY_BREAK = re.compile(r"[;；|｜]")
_CLAUSE_BREAK = re.compile(
    r"，|,(?!\d{3})|(?<=[\u4e00-\u9fff%）)])\s+(?=[\u4e00-\u9fff])"
)  # (not the comma of 1,512; a Chinese headline's spaces)
_CLAUSE_START = re.compile(r"\W{0,3}(?:after|following|before|since|as|amid|despite|while|than|在|继|此前|之前)\b")


def _strong_cue(t: _Text, a: int, b: int) -> bool:
    """A word that states a transaction, not one inside an approval or termination phrase (上市许可持有人)."""
    spans = [(h.start, h.end) for h in t.cues.of(C.NOT_NEW, a, b)]
    if any(not any(s <= h.start and h.end <= e for s, e in spans) for h in t.cues.of(C.STRONG, a, b)):
        return True
    return bool(_SIGNED_WITH.search(t.f, a, b))  # "it entered a drug-development agreement with Y": signed, named


def _deal_story(t: _Text, a: int, b: int) -> tuple[int, int] | None:
    """A headline that the whole does not let pass (a rejected bid, a financing, results) may still state a new deal in
    one of its parts: the other story of a two-story headline ("X rejects bid; Y bags drug for $17M upfront"), or a
    clause of its own ("X raises $60M, in-licenses Y"; a lead sentence: "…以13.5亿美元收购Y,为自家开拓营收来源").
    Returns the story (its span) or the whole headline when a clause states the deal; None when no part does."""

    def clean(p: int, q: int) -> bool:
        c = t.cues
        if not c.has(C.STRONG, p, q) or _CLAUSE_START.match(t.f, p, q):
            return False
        return not (_roundup(t, p, q) or _not_news_of_a_deal(t, p, q) or _negative(t, p, q) or _background(t, p, q))

    other_only = not _negative(t, a, b) and not t.cues.has(C.NOT_NEW, a, b) and not t.cues.has(C.MILESTONE, a, b)
    for pieces, whole in ((_STORY_BREAK, False), (_CLAUSE_BREAK, True)):
        if not pieces.search(t.f, a, b) or (whole and not other_only):
            continue
        start = a
        for m in [*pieces.finditer(t.f, a, b), None]:
            end = m.start() if m else b
            if clean(start, end):
                return (a, b) if whole else (start, end)
            start = m.end() if m else b
    return None


def _acquisition(t: _Text, a: int, b: int) -> bool:
    for h in t.cues.of(C.STRONG, a, b):
        if (h.word in _ACQ_WORDS or h.word.startswith(_ACQ_STEMS)) and not t.cues.has(C.RIGHTS, h.end, h.end + 25):
            return True
        if h.word == "拿下" and re.match(r"[^，。]{0,40}(?:剩余|全部)权益", t.f[h.end : h.end + 45]):
            return True
    return False


def _first_of_type(t: _Text, cat: str, a: int, b: int) -> C.Hit | None:
    if cat != C.T_ACQ:
        return t.cues.first(cat, a, b)
    for h in t.cues.of(cat, a, b):  # "buys rights to", "acquired an exclusive licence", "buys into": a licence
        if h.word.isascii() and (t.cues.has(C.RIGHTS, h.end, min(b, h.end + 25)) or t.f.startswith(" into ", h.end)):
            continue
        return h
    return None


# what a company bought outside the trade is described as: "plant-based cheese maker", "farm software firm", 食品公司
_OUTSIDE_PHARMA = re.compile(
    r"\b(?:food|foods|cheese|dairy|beverages?|drinks?|snacks?|confectionery|cosmetics?|beauty|skincare|skin care|"
    r"software|farm|farming|agricultur\w*|crop|seeds?|restaurants?|hotels?|real estate|retail\w*|apparel|fashion|"
    r"solar|renewables?|wind farm|power systems?|power projects?)\b"
    r"|食品|饮料|乳业|乳品|化妆品|美妆|护肤品|软件|农业|种子|房地产|地产|酒店|餐饮|零售|服装|光伏|太阳能|风电"
)
_DEVICES = re.compile(r"\b(?:devices?|medtech|medical technology|diagnostics equipment)\b|医疗器械|器械")
_PHARMA_INSIDE = re.compile(
    r"pharma|biotech|drug|therap|medic|health|bio|clinic|vaccin|diagnos|药|医|生物|疫苗|诊断|健康"
)
_DRUG_INSIDE = re.compile(r"pharma|biotech|drug|therap|biolog|vaccin|药|生物|疫苗")
_DESCRIPTION_END = re.compile(r"[,;:.，；：。()（）]|\s(?:for|at|in a|from)\s|以|作价")


def _bought_outside_pharma(t: _Text, spans: list[tuple[int, int]]) -> bool:
    """ "Otsuka to acquire plant-based cheese maker Daiya": a drugmaker's purchase outside the trade, not a pharma
    deal — told by how the headline or the first sentence describes what is bought."""
    for a, b in spans[:2]:
        h = _first_of_type(t, C.T_ACQ, a, b)
        if h is None:
            continue
        end = _DESCRIPTION_END.search(t.f, h.end, min(b, h.end + 60))
        bought = t.f[h.end : end.start() if end else min(b, h.end + 60)]
        if _OUTSIDE_PHARMA.search(bought) and not _PHARMA_INSIDE.search(bought):
            return True
        if _DEVICES.search(bought) and not _DRUG_INSIDE.search(bought):
            return True  # "acquiring cardiovascular devices maker Abiomed": medtech, not a drug deal
    return False


def _deal_type(t: _Text, spans: list[tuple[int, int]]) -> str:
    c = t.cues
    opening = next((sp for sp in spans if c.has(C.STRONG, *sp) or c.has(C.WEAK, *sp)), spans[0])
    spans = [opening, *spans]
    for h in c.of(C.STRONG, opening[0], opening[1]):
        if h.word == "拿下" and re.match(r"[^，。]{0,40}(?:剩余|全部)权益", t.f[h.end : h.end + 45]):
            return "acquisition"  # 拿下…剩余权益: buying out the rest of an asset
    if _STAKE_IN_VENTURE.search(t.f, *opening):
        return "acquisition"  # "buys out partner's stake in joint venture": an existing venture changes hands
    order = (
        ("newco", C.T_NEWCO),
        ("option", C.T_OPTION),
        ("co_development", C.T_CODEV),
        ("acquisition", C.T_ACQ),
        ("license", C.T_LIC),
    )
    for k, (a, b) in enumerate((spans[0], (spans[0][0], spans[-1][1]))):
        found = [(name, hit.start) for name, cat in order if (hit := _first_of_type(t, cat, a, b)) is not None]
        if found:
            if k == 0:
                for preferred in ("newco", "option", "co_development"):
                    if any(n == preferred for n, _ in found):
                        return preferred
            return min(found, key=lambda x: x[1])[0]
    if any(_paid_for_a_company(t.f, a, b) or _SOLD_UNIT.search(t.f, a, b) for a, b in spans[:3]):
        return "acquisition"
    return "license"


_STAKE_IN_VENTURE = re.compile(
    r"\b(?:buys?|buying|bought|acquires?|acquiring|acquired|buy(?:s|ing)? out)\s(?:[\w\-’'%]+\s){0,4}?stakes?\sin\s"
    r"(?:the\s|its\s|their\s|a\s)?(?:[\w\-]+\s){0,2}?joint venture|(?:收购|购买|受让)[^，。,]{0,16}合资公司[^，。,]{0,6}股"
)
# "agreed to sell its consumer health business to …", "divests its API unit": a business changes hands
_SOLD_UNIT = re.compile(
    r"\b(?:sell|sells|selling|sold|divest|divests|divesting|divested|spin off|carve out)\s(?:its|their|the)\s"
    r"(?:[\w\-]+\s){0,4}(?:business|unit|division|subsidiary|arm|operations|stake)\b"
)


_PAID_FOR = re.compile(
    rf"\b(?:pay|pays|paying|fork(?:s|ing)? over|shell(?:s|ing)? out)\s{PRICE_EN}\sfor\s([^,;.\n]{{1,60}})"
)
_WHAT_A_LICENCE_BUYS = re.compile(
    r"['’]s?\b|\brights?\b|licen[cs]|\b(?:drug|drugs|antibod|asset|candidate|program|therap(?!eutics)|inhibitor|molecule|adc|"
    r"pill|vaccine|compound|platform|technolog|stake|share)"
)


def _paid_for_a_company(f: str, a: int, b: int) -> bool:
    """ "X to pay $430 million for Y" / "… for a US biotech": a price paid for a company, not for rights to its drug
    ("for Y's GLP-1 pill", "for ex-China rights")."""
    m = _PAID_FOR.search(f, a, b)
    return m is not None and _WHAT_A_LICENCE_BUYS.search(m.group(1)) is None


def _roles_and_names(t: _Text, spans: list[tuple[int, int]], zh: bool) -> tuple[Names, str | None, str | None, bool]:
    roles = spans[:ROLE_SPANS]
    names = find_names(t.raw, t.f, sorted(set(roles) | set(t.context)), zh, t.cues)
    weights = [(s, e, 3.0 if s < t.title_end else (2.0 if k <= 1 else 1.0)) for k, (s, e) in enumerate(roles)]
    if not zh:  # "Two years after X's deal to purchase Y fell through, the drugmaker is …": the opening clause's
        # parties are background to the sentence's own
        weights = [(clause.end() if (clause := _LEAD_CLAUSE.match(t.f, s, e)) else s, e, w) for s, e, w in weights]
    votes = vote(t.raw, t.f, names, t.cues, weights)
    lead_end = spans[min(1, len(spans) - 1)][1]
    lead = [m.entity for m in names.mentions if m.start < lead_end and m.entity >= 0]
    strong_lead = sorted({e for e in lead if names.entities[e].strength >= STRONG}, key=lead.index)
    licensor, licensee = decide(votes, names, strong_lead)
    if licensor is None and licensee is None and zh:
        licensor, licensee = _announced_licence(t, spans, names, votes)
    if (licensor is None) != (licensee is None) and t.cues.has(C.MOVE, 0, t.title_end):
        known = licensor if licensor is not None else licensee
        title = t.raw[: t.title_end]
        moved = (
            sorted(  # "Why Achillion Stock Is Skyrocketing" over "… a buyout offer from Alexion": whose shares moved
                (title.find(n), i)
                for i, ent in enumerate(names.entities)
                if i != known and ent.strength > LATIN
                for n in ent.names
                if len(n) >= 2 and n in title and _SHARES_AFTER.match(title, title.find(n) + len(n))
            )
        )
        if moved:
            licensor, licensee = (moved[0][1], licensee) if licensor is None else (licensor, moved[0][1])
    if licensor is None and licensee is not None:
        licensor = _introduced_next(t, roles, names, licensee)

    def show(e: int | None) -> str | None:
        if e is None:
            return None
        e = votes.unit.get(e, e)
        slot = votes.slot_surface.get(e)
        ent = names.entities[e]
        acronym = slot is not None and slot[1].isupper() and len(slot[1]) <= 5 and any(n != slot[1] for n in ent.names)
        if slot and len(slot[1]) >= 2 and e not in votes.parent.values() and not acronym:
            return ent.display(slot[1])
        return ent.display()

    if licensor is None and licensee is None:
        strong = {i for i, e in enumerate(names.entities) if e.strength >= STRONG}
        partners = _venture_partners(t, spans, names)
        if partners is not None:  # "A and B form a joint venture": partners, named in the order told
            return names, show(partners[0]), show(partners[1]), False
        if any(a != b and a in strong and b in strong for a, b in votes.pairs):
            return names, None, None, True  # "A and B signed a licensing deal": a deal, roles not stated
        if not zh and len(strong_lead) == 1 and any(_UNNAMED_BIG_PARTNER.search(t.f, a, b) for a, b in spans[:2]):
            return names, show(strong_lead[0]), None, False  # "X inks pact with global pharma major": the unnamed
            # large company takes the licence (as big_pharma() decides a pair), the named one grants it
    return names, show(licensor), show(licensee), False


# "with a global pharma major", "with a top-10 multinational pharmaceutical company" (a name after it is a
# second party in the lead)
_UNNAMED_BIG_PARTNER = re.compile(
    r"\bwith\s(?:an?\s)?(?:(?:undisclosed|unnamed|leading|large|big|top[- ]\d+|global|multinational|international)\s)+"
    r"(?:pharma(?:ceutical)?s?|drugmakers?|biopharma(?:ceutical)?s?)(?:\s(?:major|company|giant|firm|partner))?\b"
)


_FORMS_VENTURE = re.compile(
    r"\b(?:form|forms|formed|forming|establish|establishes|established|establishing|set up|sets up|setting up|launch|"
    r"launches|launched|launching|create|creates|created|creating)\s(?:an?\s|the\s)?(?:new\s)?(?:[\w\-]+\s){0,3}?"
    r"(?:joint venture|jv|newco)\b|(?:成立|组建|设立|合组)(?:一家)?(?:合资|新)公司|合资成立"
)


def _venture_partners(t: _Text, spans: list[tuple[int, int]], names: Names) -> tuple[int, int] | None:
    """The two companies named before "form a joint venture" / 成立合资公司 in an opening sentence, in order."""
    for a, b in spans[:2]:
        m = _FORMS_VENTURE.search(t.f, a, b)
        if m is None:
            continue
        before: list[int] = []
        for x in names.mentions:
            if a <= x.start < m.start() and x.entity >= 0 and x.entity not in before:
                before.append(x.entity)
        if len(before) == 2 and _PAIR_JOIN.search(t.f, a, m.start()):
            return before[0], before[1]
    return None


_PAIR_JOIN = re.compile(r"\sand\s|\s&\s|与|和|及|同|,\s|、")  # ("Cipla, Kemwell form JV")
# a sentence that opens on a company introduced by its home: "Massachusetts-based Visterra develops …"
_BASED_OPENING = re.compile(r"\s?(?:[a-z][a-z.'’\s]{1,30})-(?:based|headquartered)\s")
_UNNAMED_SELLER = re.compile(
    r"\b(?:for|buy|buys|buying|acquire|acquires|acquiring|to\sbuy|snaps?\sup|snapping\sup)\s(?:an?|the)\s(?:[\w\-]+\s){0,4}?(?:biotech|biotechnology company|company|drugmaker|developer|startup|firm)\b"
    r"|\bto\s(?:use|access|tap)\s(?:an?|the)\s(?:[\w\-]+\s){0,4}?(?:biotech|company|drugmaker|developer|startup|firm)['’]s\s"
)  # ("a $2.5 billion deal to use a South Korean company’s tech": its owner, named next)
# the next sentence opens on the company that made it: "ABL Bio has developed its Grabody-B platform …"
_MAKER_OPENING = re.compile(r"\s(?:has\s|had\s)?(?:developed|develops|is\sdeveloping|created|discovered|invented)\b")


def _introduced_next(t: _Text, roles: list[tuple[int, int]], names: Names, buyer: int) -> int | None:
    """ "X is paying $430 million for a US biotech. Massachusetts-based Y develops …": a buyer of an unnamed company
    whose next sentence introduces one company by its home names the one bought."""
    for k, (a, b) in enumerate(roles[:-1]):
        if not _UNNAMED_SELLER.search(t.f, a, b):
            continue
        na, nb = roles[k + 1]
        opening = _BASED_OPENING.match(t.f, na, nb)
        at = opening.end() if opening is not None else na + (t.f[na : na + 1] == " ")
        m = next((m for m in names.mentions if m.start >= at), None)
        if m is None or m.start != at or m.entity < 0 or m.entity == buyer:
            return None
        if opening is None and not _MAKER_OPENING.match(t.f, m.end, nb):
            return None
        return m.entity
    return None


_LICENCE_FEE = re.compile(r"签约金|授权金|先期金|首付款|首期款|总金额|授权案")
_NOT_OUT_LICENCE = re.compile(r"支付|付给|引进|引入|取得|获得[^,，。;；]{0,12}授权|获授权|收购|买下")


def _announced_licence(
    t: _Text, spans: list[tuple[int, int]], names: Names, votes: Votes
) -> tuple[int | None, int | None]:
    """樂門生技(公告)與美商Harwell簽訂獨家授權合約,簽約金500萬美元: a company announcing a licence agreement with
    a partner and the fees of it, with no word of paying, bringing in or obtaining, is the one granting it (the
    fees are its news). Only when nothing else in the text gives the roles."""
    a = names.announcer
    if a is None:
        return None, None
    others = {y if x == a else x for x, y in votes.pairs if a in (x, y) and x != y}
    opening = " ".join(t.f[s:e] for s, e in spans[:2])
    if (
        len(others) != 1
        or "授权" not in opening
        or not _LICENCE_FEE.search(opening)
        or _NOT_OUT_LICENCE.search(opening)
    ):
        return None, None
    return a, next(iter(others))


def _event(t: _Text, spans: list[tuple[int, int]], headline: bool) -> Fields | None:
    if not spans:
        return None
    f, c = t.f, t.cues
    if not any(c.has(C.STRONG, a, b) or c.has(C.WEAK, a, b) for a, b in spans):
        return None
    if any(_INTENT_ONLY.search(f, a, b) for a, b in spans[:ROLE_SPANS]) and not any(
        _AGREED_PURCHASE.search(f, a, b) for a, b in spans[:ROLE_SPANS]
    ):
        return None  # 签订…收购意向书, "signed a letter of intent": a proposal, not an agreed deal
    zh = _mostly_chinese(" ".join(f[a:b] for a, b in spans[:3]))
    names, licensor, licensee, paired = _roles_and_names(t, spans, zh)
    if (
        licensor is None
        and licensee is None
        and not (
            paired and (_signed_agreement(t, spans) or (headline and _PRICED_DEAL_WITH.search(t.f, 0, t.title_end)))
        )
    ):  # ("X draws value via $4B deal with Y": two named parties to a priced deal, roles not stated)
        return None
    if headline and zh and _unnamed_head_over_old_news(t, spans, names):
        return None
    if zh and any("项下" in f[a:b] and _PAID_UNDER.search(f, a, b) for a, b in t.sentences[:4]):
        return None  # 继此前已收到该协议项下首付款后,集团已于近期进一步收到…款项: a payment under the old agreement
    deal_type = _deal_type(t, spans)
    acquisition = deal_type == "acquisition"
    if acquisition and _bought_outside_pharma(t, spans):
        return None
    amounts = money.find(f, spans)
    in_title = headline and t.title_end < len(t.raw) and spans[0][0] < t.title_end
    for a in amounts:
        a.in_title = in_title and a.start < t.title_end
    money.classify(f, amounts, acquisition, c)
    plural = [  # (not "a licensing agreement": one deal)
        h.start
        for h in c.of(C.PLURAL, 0, t.title_end)
        if not (h.word == "licensing" and _ONE_DEAL_NEXT.match(f, h.end))
    ]
    if in_title and plural:
        for a in amounts:  # "Vertex signs deals with Crispr, Exonics worth up to $2 billion": both deals' sum
            if a.in_title and a.kind in ("total", "?") and plural[0] < a.start:
                a.kind = "other"
    fields: dict[str, Any] = {"deal_type": deal_type}
    if licensor:
        fields["licensor"] = licensor
    if licensee:
        fields["licensee"] = licensee
    if not acquisition or _asset_deal(t, spans):  # a company bought whole has no one asset to name
        asset = _asset(" ".join(t.raw[s:e] for s, e in spans[:3]))
        if asset:
            fields["asset"] = asset
    fields.update(money.settle(amounts, acquisition, contingent=acquisition and _CVR.search(t.f) is not None))
    if fields.get("currency") == "CNY" and _TAIWAN.search(t.raw) and "人民币" not in t.f:
        fields["currency"] = "TWD"  # 元 in a Taiwanese outlet's story of a Taiwan-listed company: New Taiwan dollars
    one_party_only = (
        not (licensor and licensee) and not ({"upfront", "total"} & fields.keys()) and "asset" not in fields
    )
    if one_party_only and not _signed_agreement(t, spans):
        return None  # one party, no money, no asset: "阿斯利康获得授权" may as well be a regulatory licence
    return fields


# "X turns to China for weight loss drug": a licence the lead tells, whatever topic words the drug brings along
_TURNS_TO_FOR = re.compile(r"\b(?:turns|turned|looks|looked|goes|went|heads|headed)\sto\s[^.;:]{2,40}?\sfor\s")
_EYES_GROWTH = re.compile(r"\s(?:growth|opportunit|expansion|new markets|global|international|overseas)")
_MS_DONE_AFTER = re.compile(
    r"[^.;]{0,60}?\b(?:has been|have been|was|were)\s(?:triggered|achieved|paid|received|earned|reached|made)\b"
)
_INLINE_QUOTE = re.compile(r"(?<=[\w.,])(\s[A-Z]{1,5}(?:\.[A-Z]{1,2})?)(,\s[+\-−]\d{1,3}(?:\.\d{1,2})?%)")
_SIGNED_WITH = re.compile(
    r"\b(?:entered|enters|entered into|enters into|signed|signs|inked|inks|struck|strikes|unveils|unveiled)\s"
    r"(?:an?\s|the\s)?(?:[\w\-]+\s){0,3}?(?:agreement|pact|deal|collaboration|partnership)\swith\s"
)
_TIED_TO_BEFORE = re.compile(r"\b(?:linked|tied|subject|contingent|depending|dependent|based)\s(?:to|on|upon)\s$")
_STUDY_NEXT = re.compile(
    r"\s(?:of\s)?(?:the\s|a\s|its\s)?(?:[\w\-]+\s){0,2}?(?:phase|study|studies|trial|trials|proof)"
)
_FOLLOWS = re.compile(r"\b(?:follows|followed|comes after|came after)\b")
_ONE_DEAL_NEXT = re.compile(r"\s(?:agreement|deal|pact|contract|partnership|collaboration)\b(?!s)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN_LETTER = re.compile(r"[a-z]")


def _mostly_chinese(text: str) -> bool:
    """Read in Chinese unless the Chinese is only names in brackets inside English ("OBI Pharma Inc (浩鼎生技) has
    signed …"): a character against a word of about six letters."""
    han = len(_HAN.findall(text))
    return han > 0 and han * 6 >= len(_LATIN_LETTER.findall(text))


def _unnamed_head_over_old_news(t: _Text, spans: list[tuple[int, int]], names: Names) -> bool:
    """A Chinese headline that names no company (单个资产里程碑付款2.5亿…, 一笔笔天价BD交易背后…) takes its parties from
    the lead: when the first lead sentence that names one reports a milestone, an approval or a completion, the
    item is commentary on an old deal, not news of a new one."""
    named = [m.start for m in names.mentions if m.entity >= 0 and names.entities[m.entity].strength > LATIN]
    if any(p < t.title_end for p in named):
        return False
    for a, b in spans:
        if a >= t.title_end and any(a <= p < b for p in named):
            return _not_news_of_a_deal(t, a, b)
    return False


# what follows the name of a company whose shares moved: "Achillion Pharmaceuticals Stock", "石藥集團升3%"
_SHARES_AFTER = re.compile(
    r"(?i:(?:\s?\(\w+\))?\s?(?:(?:pharmaceuticals?|therapeutics|inc\.?)\s)?(?:['’]s\s)?(?:stock|shares?)\b)"
    r"|[-\w()（）.]{0,10}?[股涨漲跌升飙飆]"
)
_AGREEMENT_NAMED = re.compile(
    r"许可协议|授权协议|收购协议|合作协议|合并协议|并购协议|(?:licen[cs]e|licensing|collaboration|development|commerciali[sz]ation|worldwide|"
    r"global|exclusive|option|co-promotion|co-marketing|co-commerciali[sz]ation)\s(?:and\s\w+\s)?(?:deal|agreement|pact)"
    r"|(?:\$|€|£|us\$)\s?\d[\d.,]*\s?(?:m|mn|b|bn|million|billion)\b\s(?:\w+\s)?(?:deal|pact|agreement)"  # "inks $301M deal"
)


_PRICED_DEAL_WITH = re.compile(
    r"(?:\$|€|£|us\$)\s?\d[\d.,]*\s?(?:m|mn|b|bn|million|billion)\b\+?\s(?:\w+\s)?(?:deal|pact|agreement)\swith\s"
)


def _signed_agreement(t: _Text, spans: list[tuple[int, int]]) -> bool:
    """The opening sentences say a licence or purchase agreement was signed (与许可方签署了《许可协议》)."""
    return any(t.cues.has(C.AGREED, a, b) and _AGREEMENT_NAMED.search(t.f, a, b) for a, b in spans[:ROLE_SPANS])


def _asset_deal(t: _Text, spans: list[tuple[int, int]]) -> bool:
    return any(re.search(r"asset|rights|权益|资产|产品", t.f[a:b]) for a, b in spans)


_GROUP_INTERNAL = re.compile(r"(?:共同|同一)控制下的?(?:企业合并|组织重组|重组)|集团内部重组|内部重组")


@register("bd_deal")
def extract_bd_deal(doc: Document) -> Fields | list[Fields] | None:
    raw = doc.text[:CAP]
    if not _passes_gate(raw):
        return None
    t = _Text(doc)
    groups = _deal_groups(t)
    if groups and _GROUP_INTERNAL.search(t.f):
        return None  # 此次交易属共同控制下的组织重组: a reorganisation inside one group, not a deal between companies
    events: list[Fields] = []
    for k, spans in enumerate(groups):
        ev = _event(t, spans, k == 0)
        if ev is None:
            continue
        if events and not (ev.get("licensor") and ev.get("licensee")):
            continue  # a later deal must name both parties
        parties = {ev.get("licensor"), ev.get("licensee")}
        if any(parties & {e.get("licensor"), e.get("licensee")} - {None} for e in events):
            continue  # "Separately, Pfizer will buy $100 million of 3SBio shares": part of the same deal
        events.append(ev)
    if not events:
        return None
    return events[0] if len(events) == 1 else events
