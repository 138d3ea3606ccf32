"""Who is the licensor and who the licensee: the grammar of deal sentences in English and Chinese.

A verb found by the cue scan (bd_cues) looks for its subject (the nearest company before it) and its object (the
first company after it, past descriptors like "US-based" or "biopharma firm"), and gives them roles by the label
contract — the licensor grants rights or is acquired; the licensee receives rights or acquires:

  X to acquire / buy / take over Y · Y to be acquired by X · acquisition of Y by X · X wins the auction for Y's unit
  X licenses / acquires rights … from Y · Y licenses / grants / out-licenses … to X · granting X access / rights
  X pays Y · X pays … · Y receives / is getting / is eligible for … (from X) · X gains rights · rights to Y's …
  X 向 Y 授权 (X licensor) · X 向 Y 支付 (X licensee) · X 将 … 授权/许可/授予 给 Y · 授予 Y · X 获得 Y 的 … 权益
  X 从 Y 引进 · X 引进 Y 的 … · X 收购 Y · Y 被 X 收购 · Y 获 X 收购 · X 获得/收取 … 首付款 (X licensor)
  X 与 Y 签署/达成 … 协议 (a pair: roles from the other cues)

Votes are weighted by where the sentence is (the headline states the event) and how direct the pattern is. Before
that, anaphors become mentions: "it" after "X said", "the latter"/"the former", and "the firm" (whichever party the
other slot is not); 公司 / 本公司 (the announcer) come from bd_names.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from rules.extract import bd_cues as C
from rules.extract.bd_cues import Cues
from rules.extract.bd_names import LATIN, STRONG, ZH_COUNTRIES, ZH_GENERIC, Mention, Names, big_pharma
from rules.extract.bd_text import PRICE_EN, has_cjk

OTHER = -2  # "the firm": the other party


@dataclass
class Votes:
    licensor: dict[int, float] = field(default_factory=dict)
    licensee: dict[int, float] = field(default_factory=dict)
    pairs: list[tuple[int, int]] = field(default_factory=list)
    parties: dict[int, float] = field(default_factory=dict)
    parent: dict[int, int] = field(default_factory=dict)
    unit: dict[int, int] = field(default_factory=dict)  # a group → its unit that the text names as acting (旗下)
    slot_surface: dict[int, tuple[float, str]] = field(default_factory=dict)


class _Sentence:
    """One sentence's mentions, with the lookups the patterns need."""

    def __init__(self, f: str, s0: int, e0: int, mentions: list[Mention], names: Names):
        self.f, self.s0, self.e0, self.names = f, s0, e0, names
        self.ms = [
            m
            for m in mentions
            if s0 <= m.start
            and m.end <= e0
            and m.entity != -1
            and not _COMPETITOR_BEFORE.search(f, max(0, m.start - 20), m.start)
        ]  # ("pays $7.5M for a rival to Y's ADC": Y competes, it is no party)
        self.starts = [m.start for m in self.ms]
        self.ends = [m.end for m in self.ms]

    def left(self, p: int, limit: int) -> Mention | None:
        """The nearest mention ending at or before p, at most `limit` characters before it."""
        i = bisect.bisect_right(self.ends, p) - 1
        while i >= 0 and self.ms[i].end > p:
            i -= 1
        if i < 0 or p - self.ms[i].end > limit:
            return None
        return self.ms[i]

    def subject(self, p: int, limit: int) -> Mention | None:
        """The nearest mention before p that is not the object of a preposition (与 Y, 向 Y, 和 Y …): in
        "X 公告，与 Y 订立协议，将获得首付款" the one who 获得 is X."""
        i = bisect.bisect_right(self.ends, p) - 1
        while i >= 0:
            m = self.ms[i]
            if m.end <= p:
                if p - m.end > limit:
                    return None
                head = self.ms[i - 1] if i and m.start and self.f[m.start - 1] in "(（" else None
                if head is not None and head.entity == m.entity and _BRACKET_GAP.fullmatch(self.f, head.end, m.start):
                    m = head  # 与艾伯维(AbbVie): the bracketed name is as much the preposition's object
                    i -= 1
                if m.entity == OTHER or not (self.prepositional(m) or self.bought(m) or self.titled(m)):
                    return m
            i -= 1
        return None

    def titled(self, m: Mention) -> bool:
        """签署《关于Y之购买股份协议》: a name inside a document's title is no subject."""
        before = self.f[self.s0 : m.start]
        return before.rfind("《") > before.rfind("》")

    def bought(self, m: Mention) -> bool:
        """鲸吞美国基因疗法开发商 Y: the object of an earlier purchase in the sentence is no later verb's subject."""
        return _BOUGHT_BEFORE.search(self.f, max(self.s0, m.start - 16), m.start) is not None

    def topic(self, p: int) -> Mention | None:
        """The company a Chinese sentence opens with, when it is the only one before p: the subject of its clauses."""
        if not self.ms or self.ms[0].start - self.s0 > 3 or self.ms[0].start >= p:
            return None
        first = self.ms[0].entity
        return (
            self.ms[0]
            if first != OTHER and all(m.entity == first for m in self.ms if m.end <= p and not self.prepositional(m))
            else None
        )

    def subject_en(self, p: int) -> Mention | None:
        """The English sentence's subject: its first mention, when it comes before p."""
        if not self.ms or self.ms[0].start >= p or self.ms[0].entity == OTHER:
            return None
        first = self.ms[0]
        if len(self.ms) > 1 and _EPITHET.fullmatch(self.f, first.end, self.ms[1].start):
            return self.ms[1]  # "Trans-Pacific power player Everest …": the capitalised word describes the name
        return first

    def prepositional(self, m: Mention) -> bool:
        """与 Y, 向 Y, 与加拿大 Y, 和美国药企 Y: the object of a preposition, perhaps after a descriptor."""
        before = self.f[max(self.s0, m.start - 10) : m.start]
        for k in range(len(before) - 1, -1, -1):
            if before[k] in _ZH_PREP:
                return k == len(before) - 1 or bool(ZH_GENERIC.match(before[k + 1 :]))
            if not ("\u4e00" <= before[k] <= "\u9fff"):
                return False
        return False

    def right(self, q: int, limit: int, descriptors: bool = True) -> Mention | None:
        """The first mention starting at or after q, at most `limit` characters on, past no comma or semicolon."""
        i = bisect.bisect_left(self.starts, q)
        if i >= len(self.ms) or self.ms[i].start - q > limit:
            return None
        m = self.ms[i]
        if descriptors and _BREAK.search(self.f, q, m.start) and not _PLACE_BASED.match(self.f, q, m.start):
            return None
        if m.entity == OTHER and i + 1 < len(self.ms) and 0 <= self.ms[i + 1].start - m.end <= 1:
            i, m = i + 1, self.ms[i + 1]  # "with the US firm Baxalta": the description, then the name
        j = i + 1
        while j < len(self.ms) and self.ms[j].entity == m.entity:
            j += 1  # (its symbol, read as a mention of it)
        if j < len(self.ms) and _UNIT_GAP.fullmatch(self.f, m.end, self.ms[j].start):
            return self.ms[j]  # "with Dr. Reddy's Laboratories (NYSE:RDY) subsidiary Aurigene": the unit acts
        return m

    def strong_between(self, a: int, b: int) -> bool:
        """A company named between a and b (not "its": "X agreed to sell its drug to Y" names no third party)."""
        i = bisect.bisect_left(self.starts, a)
        while i < len(self.ms) and self.ms[i].start < b:
            m = self.ms[i]
            if (self.names.entities[m.entity].strength >= STRONG or m.entity == OTHER) and not (
                m.anaphor and self.f.startswith("its ", m.start)
            ):
                return True
            i += 1
        return False


# (成立NewCo公司Y: a company formed in the sentence is as much its object)
_BOUGHT_BEFORE = re.compile(
    r"(?:收购|并购|鲸吞|买下|购入|吞下|拿下)[\u4e00-\u9fff]{0,12}$|(?:成立|设立|组建|创立)[\u4e00-\u9fffa-z\s]{0,16}$"
)
_ITS_BEFORE = re.compile(r"其$")
# (以下简称“中国医药”或“公司”或“受让方”): the party a filing names by its role
_SELLER_ROLES = "卖方|出售方|转让方|许可方|授权方"  # an agreement's names for the party granting or selling
_BUYER_ROLES = "买方|收购方|受让方|被许可方|被授权方"
_CALLED_PARTY = re.compile(
    rf"\s?[(（]以下(?:简|合)称[^)）]{{0,30}}?[“\"「](?:({_SELLER_ROLES}|标的公司|目标公司)|{_BUYER_ROLES})[”\"」]"
)
_ROLE_BEFORE = re.compile(rf"(?:({_SELLER_ROLES})|{_BUYER_ROLES})[(（]?\s?$")  # 买方佳禾医药, 卖方(本公司全资附属公司)
_AS_PARTY = re.compile(rf"\s?[(（]?\s?作为(?:({_SELLER_ROLES})|{_BUYER_ROLES}|要约人)")
_AND_OURS = re.compile(r"\s?(?:及|和|与|、)\s?(?:本)?(?:公司|集团)(?:之|的)?(?:全资|控股|间接全资)?")
_IN_A_PAST_YEAR = re.compile(r"\s(?:back\s)?in\s(?:19\d\d|20[01]\d)\b")
_TICKER_GAP = re.compile(r"^\s?(?:[(（][^()（）]{1,24})?[)）]")
_HOLDERS_BETWEEN = re.compile(r"(?:['’]s?)?\s(?:share|stock)holders\s(?:will|would|are to|are set to)?\s?")
_SHARES_OF = re.compile(r"\bshares? of(?: common stock of)?\s")
_UNIT_GAP = re.compile(r"(?:['’]s)?\s?(?:\([^)]{1,30}\)\s?)?(?:wholly[- ]owned\s)?(?:subsidiary|unit|affiliate)\s")
_BREAK = re.compile(r"[,;，；。:：]")
_LICENCE_GOT = re.compile(
    r"\s(?:an?\s|the\s)?(?:[\w\-]+\s){0,3}(?:licen[cs]e|rights|option)\b(?!\s(?:fees?|payments?|income|revenues?))(?![^$€£]*\d)"
)
_PAID_FOR = re.compile(r"\b(?:payments?|fees?|royalt\w*|upfront|up-front)\b[^.;]{0,60}\bfor\b")
_BY_PAYING = re.compile(r"[^，,。;；]{0,6}?以")
_BRACKET_GAP = re.compile(r"(?:公司|集团|有限公司)?\s?[(（]")
_TURNS_TO = re.compile(r"\b(?:returns|returned|turns|turned|goes|went|comes|came|heads|headed)\s(?:back\s)?to\s")
_FOR_DEAL = re.compile(
    r"(?:['’]s?\s)?\s?(?:\([^)]{0,30}\)\s?)?(?:again\s)?for\s[^.;]{0,70}?\b(?:deal|pact|agreement|licen[cs]e|rights)\b"
)
_TENDER_FOR = re.compile(
    r"\btender offer (?:to (?:acquire|purchase) |for )(?:all )?(?:of )?(?:the )?(?:issued and )?(?:outstanding )?(?:shares|stock) of "
)
_EPITHET = re.compile(
    r"(?:\s[a-z][a-z\-]+){0,2}\s(?:player|maker|drugmaker|developer|biotech|company|firm|giant|major|specialist|group)\s"
)
_GRANTS_NOW = re.compile(r"\s?(?:已|将|拟|同意|决定)?(?:独家)?")
_SELLERS = ("sell", "sold", "divest", "offload", "shed")
_GRABS = (
    "bag",
    "nab",
    "snag",
    "land",
    "pick",
    "secure",
    "grab",
    "in-licens",
    "license in",
    "licence in",
    "licensing in",
    "back",
)
_SOLD_ASSET = re.compile(
    r"\s(?:[\w\-’'&]+\s){0,5}?(?:brands?|units?|business(?:es)?|assets?|drugs?|portfolios?|products?|divisions?|"
    r"franchises?|rights|operations|subsidiar(?:y|ies))\b"
)
_UNNAMED_OBJECT = re.compile(
    r"\s(?:an?\s|the\s)?(?:[\w.\-()]+\s){0,5}?(?:developer|drugmaker|drug maker|maker|biotech|company|firm|startup|"
    r"start-up|specialist|pharma|group|brands|products|assets|portfolio|business|unit|drugs?|medicines?|therap(?:y|ies)|"
    r"treatments?|vaccines?)\b"
)
_OFFER_TO_HOLDERS = re.compile(r"\boffer\b[^.;]{0,80}?\bto (?:all )?(?:the )?shareholders of\s")
_ZH_COUNTRY = re.compile(ZH_COUNTRIES)
_TO_ITS = re.compile(r"\s(?:to|for|on)\s(?:its|their)\s")
_LICENSED_IN = re.compile(r"licen[sc]e[sd]?\sin\b")
_WHICH_ASIDE = re.compile(r",\s(?:which|that)\s[^,;]{1,120},")  # ", which target the neurotoxic amyloid species,"
_CLAUSE_WORD = re.compile(r"\b(?:as|amid|while|after|because|which|who|when|since)\s")
_NOUN_BY = re.compile(r"\b(?:takeover|acquisition|buyout|buy-out)\sby\s")
_BY_LATER = re.compile(r"\s(?:for\s[^,;]{1,30}\s|in\s[^,;]{1,30}\s)?by\s")
_ACQ_AFTER = re.compile(
    r"(?:['’]s)?\s(?:acquisition|buyout|takeover|purchase)\b(?!\s(?:of|by|corp|co|inc|ltd|llc|company|holdings)\b)"
)
# the subject's shares move on a buyout named by another company: that company is the buyer
_SHARES_MOVE_ON = re.compile(
    r"\b(?:shares?|stock)\s(?:[\w.%+\-]+\s){1,4}?(?:on|after|following|amid)\s(?!(?:its|their)\s)(?:an?\s|the\s)?(?:[$\w.\-]+\s){0,2}$"
)
_WHICH_IT = re.compile(r"\b(?:under which|whereby|through which|by which|in which)\s(?:it|they)\b")
_PAID_TO = re.compile(r"\s(?:of\s[^,;]{1,25}?\s)?to\s")
_DESCRIBED_GAP = re.compile(
    r"^(\s(?:and|&)\s)(?:[a-z][\w\-]*\s){1,3}(?:pharma|biotech|drugmaker|giant|company|firm|group)\s$"
)
_BASED_IN_GAP = re.compile(r"(\s(?:and|&)\s|,\s(?:and\s)?)(?:[a-z][\w.]*\s){0,2}[a-z][\w.]*-based\s$")
_COMPETITOR_BEFORE = re.compile(
    r"\b(?:rivals? (?:to|of)|challengers? to|competitors? (?:to|of)|competing with|against|trumps|beats|outbids|outbid|"
    r"edges out)\s$"
)
_BECOMES = re.compile(
    r"\b(?:will|would|to|shall) (?:become|operate as|be run as)\s(?:an?\s)?(?:[\w\-]+\s){0,3}$|\bbecomes?\s(?:an?\s)?(?:[\w\-]+\s){0,3}$|将成为[^，。]{0,10}$"
    r"|\b(?:making|make|makes|turning|turn|turns)\s[^,;.]{1,40}?\s(?:an?\s)?(?:[\w\-]+\s){0,3}$"  # "making Y a subsidiary of X"
)
_BIDDERS_OFFER = re.compile(
    r"(?:'s|’s)\s(?:[\w$.,\-]+\s){0,4}?(?:all-cash\s)?(?:tender offer|buyout offer|takeover offer|takeover bid|acquisition offer)\b"
)
# "(for) the development and commercialization of its drug": what the licensor brings
_OF_ITS = r"(?:the\s(?:(?:development|commerciali[sz]ation|manufactur\w+|marketing)(?:,?\s(?:and\s)?)?){1,3}of\s)?(?:its|their)\s(?!own\b)"
_OF_ITS_RX = re.compile(_OF_ITS)
_DEAL_WITH_FOR_ITS = re.compile(
    r"\b(?:deal|agreement|pact|collaboration)\s(with\s)(?:[^,;.()]|,?\s?(?:corp|inc|ltd|co|llc)\.|\([^()]{0,30}\)){2,60}?\s"
    r"for\s" + _OF_ITS
)
_OUT_DEAL_WITH = re.compile(
    r"\b(?:licen[cs]e-out|licensing-out|out-licen[cs]ing|out-licen[cs]e)\s(?:deal|agreement|contract|pact)\s"
    r"(?:worth\s[^,;]{1,40}?\s)?with\s"
)
_LICENCE_WITH = re.compile(r"\b(?:licen[cs]e|licensing|co-promotion|co-marketing)\s(?:deal|agreement|pact)\swith\s")
# "signed a technology transfer agreement with Y": Korean press for a licence out, Y takes the technology
_TECH_TRANSFER_WITH = re.compile(
    r"\btechnology[\s\-](?:transfer|export)\s(?:deal|agreement|contract|pact)\s(?:worth\s[^,;]{1,40}?\s)?with\s(?:(?:an?|the)\s)?"
)
_RECEIVED_GOODS = re.compile(
    r"[$€£¥\d]|upfront|up-front|up front|payment|fee|royalt|milestone|licen[cs]e|rights|cash|sum|money|consideration|"
    r"funding|equity|investment|stake|option|access|asset|drug|compound|candidate|program|antibod|molecule|therap"
)
_RIGHTS_HELD_BY = re.compile(
    r"\btransfer\w*\s(?:all\s)?(?:the\s)?(?:global\s)?rights\s(?:of|to|in)\s[^,;.]{1,40}?\sheld by\s"
)
_LICENSED_IN_AFTER = re.compile(r"\b(?:licensed|licenses|licensing)\sin\b|\bin-licens")
_TRANSFERS_TECH = re.compile(
    r"\btransfer(?:s|red|ring)?\s(?:its|their|the)\s(?:[\w\-()]+\s){0,8}?(?:technology|technologies|platform)\b"
    r"[^.;,]{0,80}?\sto\s"
)
_LIST_ITEM = r"(?:(?!which\b|that\b|who\b|whose\b)[^,;.]){1,30}?"
_LISTED_BRANDS = re.compile(
    rf"(?:,\s{_LIST_ITEM}){{1,6}},?\sand\s{_LIST_ITEM}\s(?:brands?|trademarks|products)\b"
)  # ", Neko, Sloan's and Waterbury's Compound brands"
_DEAL_FOR = re.compile(r"\b(?:deal|agreement|pact|licen[cs]e)\s(?:for|covering)\s")
# what a name's mention leaves of its legal form ("Quorvex Pharmaceuticals Inc." read up to "Inc", "Co., Ltd.")
_LEGAL_LEFT = r"\.?(?:,?\s(?:inc|ltd|llc|corp|co|ag|plc)\b\.?)*"
_TO_DEVELOP = re.compile(
    _LEGAL_LEFT + r"\sto\s(?:develop|sell|commerciali[sz]e|market|distribute|manufacture|launch|promote|co-promote)\b"
)
_NOUN_NEXT = (" acq", " buy", " tak", " pur", "'s ", "’s ", " deal", " pact", " lic", " tie")
_DEAL_AFTER = re.compile(r"\s(?:licensing\s|licence\s|license\s)?(?:deal|pact|tie-up)\b")
_DEAL_OWNER_BEFORE = re.compile(r"(?:['’]s|\bwith|\bits)\s(?:[^\s,;]+\s){0,3}$")
_BID_FROM = re.compile(
    r"\b(?:takeover|buyout|acquisition|purchase|cash|all-cash|buy-out)\s(?:bid|offer|proposal|approach)\s(?:from|by)\s"
)
# "New Jersey, USA-based AkaRx", "Cambridge, Mass.-based Foo": a comma inside a place descriptor, not a clause break
_PRICED_TAKE = re.compile(r"以[^，,。;；]{0,16}?\d[\d.,]*\s?(?:千万|百万|万|亿)?(?:美元|港元|欧元|日元|元)取得")
_GOT_PRICED_DEAL = re.compile(
    r"\b(?:secures|secured|lands|landed|bags|bagged|nets|netted|clinches|clinched|inks|inked|strikes|struck|seals|sealed)"
    r"\s(?:an?\s)?(?:us\$|\$|€|£)\s?\d[\d.,]*\s?(?:m|mn|b|bn|million|billion)?\s"
)
_OFFER_FROM = re.compile(r"\b(?:buyout|takeover|acquisition)\s(?:offer|bid)\sfrom\s")
_PLACE_BASED = re.compile(r"[^,;:]{0,30},\s?[a-z][a-z.\s]{0,20}-(?:based|headquartered)\s[^,;:]*$")
_STAKE_WORDS = (
    r"(?:\s(?:(?:all|the|remaining|outstanding|a|an|majority|minority|controlling|\d+(?:\.\d+)?\s?(?:percent|per cent)|"
    r"percent|per cent|stake|shares?|of|in|interest|common|stock|rest)\b|\d+(?:\.\d+)?%))*"
)
# "a 60 percent stake, or 40 million shares, in Y": the restated size is part of the stake
_STAKE = re.compile(rf"{_STAKE_WORDS}(?:,\s?or\s[\w\s.,%]{{1,30}}?(?:shares|stake|interest),{_STAKE_WORDS})?\s?")
_COMES_FROM = re.compile(r"\s(?:comes|came|hails|hailed|originates|originated)\s(?:from|out of)\s")
_PART_OF_ITS = re.compile(r"\s(?:[\w\-]+\s){0,4}?(?:of\s)?its\s")
_MONEY_HANDED_TO = re.compile(r"\s(?:over\s|about\s|nearly\s)?(?:\$|us\$|usd\s?|€|£)\s?\d[\d.,]*[^.;]{0,50}?\sto\s")
_DEAL_BRINGS_IN = re.compile(
    r"\b(?:deal|agreement|pact|licen[cs]e)\s(?:[\w\-]+\s){0,6}?that\s(?:could|would|will|may)\sbring in\b"
)
_UNIT_NEXT = re.compile(r"\s(?:unit|subsidiary|arm|division)\b")
_SAID_IT_HAS = re.compile(r"\b(?:announced|said|says|announces)\s(?:that\s)?(?:it\s)?(?:has\s|had\s)?$")
_DEAL_TO_USE = re.compile(r"\b(?:deal|agreement|pact)\sto\s(?:use|access|tap)\s")
_ASIDE_AFTER = re.compile(_LEGAL_LEFT + r",\s(?:an?|the)\s[^,;.]{3,150}?,\s")
_THE_NATIONALS = re.compile(
    r"\bthe\s(?:danes|swedes|finns|norwegians|germans|americans|brits|britons|koreans|dutch|swiss)\b"
)
_STAKE_NOUN = re.compile(r"stake|share|interest|stock|rest\b|percent|per cent|%")
_UNIT_OF = re.compile(
    r"\s(?:an?|the)\s(?:wholly[- ]owned\s|majority[- ]owned\s)?(?:subsidiary|unit|division|business)\s(?:of|from)\s"
)
_PASSIVE_BEFORE = re.compile(r"(?:\bbe|\bbeen|\bbeing|\bis|\bwas|\bwere|\bare)\s$")
_IN_DASH = re.compile(r"in-$")
_PARTICIPLES = frozenset(["acquired", "bought", "purchased", "taken over", "snapped up", "scooped up", "absorbed"])
_MONEY_AFTER = re.compile(
    r"\s?(?:an?\s)?(?:(?:non-refundable|one-time|additional|significant|substantial|potential|future|further),?\s){0,2}"
    r"(?:\$|€|£|us\$|(?:usd|eur|gbp|chf|cny|rmb)\s?\d|up to|upfront|up front|down payment|milestone|royalt|payment|initial|\d"
    r"|(?:r&d|research)\sfunding)"
)
_UNIT_ACTS = re.compile(r"\s?(?:与|和|将|拟|以|已|就|向)")
_ELIDED_SUBJECT = re.compile(r"[,;]\s(?:and\s)?(?:(?:will|to|would|could)\s)?$")
_UNNAMED_SOURCE = re.compile(
    r"(?:an?|one|another)\s(?:[\w\-]+\s){0,3}?(?:drugmakers?|compan(?:y|ies)|biotechs?|firms?|developers?|pharmas?|startups?)\b"
)
_SPUN_OFF_AFTER = re.compile(r"(?:['’]s)?\s(?:[a-z][\w\-]*\s){0,2}?(?:spin-?offs?|spin-?outs?)\b")
_PARTICIPLE_END = re.compile(r"\b(?!(?:made|agreed|announced|completed)\b)[a-z]+(?:ed|en)$")
_PAY_FOR = re.compile(rf"\s{PRICE_EN}\s(?:to\sacquire|to\sbuy|for)\s")
_POSS = re.compile(r"\.?['’]s\s|(?<=s)['’]\s")
_INFINITIVES = frozenset(
    re.split(
        r"\|",
        "develop|sell|commercialize|commercialise|market|manufacture|make|use|expand|bolster|boost|gain|access|acquire|"
        "help|create|bring|advance|fund|pay|buy|co-develop|distribute|produce|research|discover|explore|study|test|treat|"
        "target|combine|strengthen|build|add|secure|launch|enter|tackle|fight|address|support|license",
    )
)


_NOT_A_RECIPIENT_BEFORE = (
    " up", " amounting", " close", " equal", " according", " thanks", " due", " directed", " targeted", " related",
    " relating", " addition",
)  # fmt: skip


def _recipient_to(f: str, a: int, b: int) -> int:
    """Where " to <recipient>" starts after a licensing verb: not "rights to" (an asset follows) and not "to develop"."""
    to = f.find(" to ", a, b)
    while to != -1:
        nxt = f[to + 4 : to + 24].split(" ", 1)[0]
        if f.endswith(_NOT_A_RECIPIENT_BEFORE, a, to):
            to = f.find(
                " to ", to + 4, b
            )  # "a licensing deal worth up to $1.01 billion with Y": an amount, no recipient ("according to Y": a source;
            # "candidates directed to multiple targets": what they aim at)
            continue
        if nxt not in _INFINITIVES and not (
            f[max(a, to - 7) : to].endswith(("rights", "right", "access", "option", "licence", "license"))
            and _ASSET_NEXT.match(f, to + 4, min(b, to + 60))
        ):
            return to  # (not "rights to Fibrogen's cornea", "rights to its drug": what the rights are to)
        to = f.find(" to ", to + 4, b)
    return -1


_HANDED = re.compile(
    r"\s(?:(?:the|its|exclusive|global|worldwide|commercial|[\w\-]*china|u\.s\.)\s){0,3}(?:rights|licen[cs]e)"
)
_UNNAMED_OWNER = re.compile(
    r"\s(?:an?\s|the\s)?(?:[\w\-]+\s){0,3}(?:biotech|drugmaker|drug maker|company|firm|startup|start-up|developer|"
    r"pharma|partner)['’]s\s"
)
_QUANTIFIER = re.compile(r"\s(?:multiple|several|two|three|four|five|certain|some|all|up to \w+)(?=\s)")
_ASSET_NEXT = re.compile(r"(?:its|their|the|a|an|his|her)\s|[^,;]{1,40}?(?:['’]s|\.['’]s|s['’])\s")


_COMMA_ING_TO = re.compile(r",\s(?:agreeing|offering|promising|pledging|committing|opting)\sto\s$")
_CASH_AFTER = re.compile(r"\s(?:(?:us|hk|a|c|s)?\$|€|£|(?:usd|eur|gbp|chf|cny|rmb)\s?\d|\d)")
_RIGHTS_AFTER = re.compile(r"[^\ue000]{0,30}?\b(?:access|rights?|licen[cs]e|option|exclusive|global|worldwide)\b")
_NEWCO_AFTER = re.compile(
    r",?\s(?:an?|the)\s(?:new\s)?newco\b|,\s(?:an?|the)\snew\s(?:biotech\s|biopharmaceutical\s|biotechnology\s)?company\b"
)
_CODE_AFTER = re.compile(r"(?:的)?\s?[a-z]{1,6}-?[a-z]?\d{2,6}[a-z]?(?![a-z0-9])")
_ZH_AND = "与和同跟及"
_OWNS_FIRST = frozenset("公在自研开拥持专 ")
_ZH_OWNS = re.compile(r"\s?(?:公司)?(?:在研|自研|自主研发|研发|开发|研制|拥有|持有|专有)的")  # (FBD 在研的: a space)
_GRANTED_BY = re.compile(r"\s?(?:独家)?(?:授予|授权|许可)")  # 获Y授予 / 获Y独家授权: Y is the grantor
_ZH_PREP = frozenset("与和同跟及向对从自就为给予")  # 授予 Y, 给予 Y: the object of a grant
_WITH_BEFORE = re.compile(r"\bwith\s(?:[a-z][\w\-]*\s){0,3}$")
_PAYMENT_TO = re.compile(r"\b(?:payments?|fees?)\s(?:of\s[^,;]{1,25}\s)?(?:from\s[^,;]{1,40}?\s)?to\s$")
_MONEY_GOT = re.compile(
    r"\s(?:an?\s)?(?:[\w\-]+\s){0,2}?(?:payments?|upfront|up-front|milestones?|royalt\w*|fees?|\$|us\$|usd)"
)
_NOT_APPOSITION = re.compile(
    r"\s(?:to|from|with|by|for|acquire[sd]?|buys?|bought|purchases?|purchased|take over|takes over)\s"
)
_CONTRACT_WORDS = frozenset(["license", "licence", "option"])
_CONTRACT_AFTER = re.compile(
    r"\s(?:(?:and|&)\s[\w\-]+\s)?(?:deals?|agreements?|contracts?|pacts?|partnerships?|tie-ups?)\b"
)
_IT = re.compile(r"\b(?:it|its|it['’]s)\b")


def vote(raw: str, f: str, names: Names, cues: Cues, sentences: list[tuple[int, int, float]]) -> Votes:
    """Role votes from every sentence (start, end, weight of its position)."""
    votes = Votes()
    starts = [m.start for m in names.mentions]  # sorted by start (find_names)
    for s0, e0, place in sentences:
        zh = has_cjk(f[s0:e0])
        mentions = names.mentions[bisect.bisect_left(starts, s0) : bisect.bisect_left(starts, e0)]
        if not zh:
            mentions = sorted(mentions + _anaphors(f, s0, e0, names, cues), key=lambda m: m.start)
        sent = _Sentence(f, s0, e0, mentions, names)
        if not sent.ms:
            continue
        if zh:
            _zh_rules(raw, f, sent, cues, votes, place)
        elif not _RANKS_THE_DEAL.match(f, s0, e0):
            _en_rules(f, sent, cues, votes, place)
    return votes


# "It is the second-largest purchase by a Japanese drugmaker, following X's purchase of Y": the deal ranked
# against older ones, whose parties are no party to it
_RANKS_THE_DEAL = re.compile(
    r"\s*(?:it|this|the (?:deal|acquisition|purchase|transaction|takeover|buyout|agreement))\s"
    r"(?:is|was|marks|ranks|represents|becomes|would be|will be)\s[^.;]*?\b(?:following|after|behind|than|trailing)\s"
)


def _firm_subject(st: _Sentence, p: int) -> Mention | None:
    """ "The company announced that it has entered …": a sentence opened by 'the company' (resolved later)."""
    first = st.ms[0] if st.ms else None
    return first if first is not None and first.anaphor and first.entity == OTHER and first.start < p else None


def _before_aside(f: str, st: _Sentence, subj: Mention | None, at: int) -> Mention | None:
    """The sentence's subject when an aside stands between it and the verb at `at` ("X, a company founded by Y,
    acquired …"), else `subj`."""
    if subj is None or not f.endswith(", ", 0, at) or (head := st.subject_en(at)) is None:
        return subj
    comma = f.find(", ", head.end, at)
    return head if head.entity != subj.entity and comma == head.end and comma < subj.start else subj


def _anaphors(f: str, s0: int, e0: int, names: Names, cues: Cues) -> list[Mention]:
    """'it' after "X said", 'the latter' / 'the former', and 'the firm' as mentions of the company they stand for."""
    out: list[Mention] = []
    base = [m for m in names.mentions if s0 <= m.start < e0]
    for h in cues.of(C.R_REPORT, s0, e0):
        subj = _last_before(base, h.start, 40)
        if subj is None:
            continue
        it = _IT.search(f, h.end, min(e0, h.end + 40))
        if it:
            out.append(Mention(it.start(), it.start() + 2, "", "", 0, entity=subj.entity, anaphor=True))
    for h in cues.of(C.R_LATTER, s0, e0):
        seen: list[int] = []
        for m in base:
            if m.end <= h.start and (not seen or seen[-1] != m.entity):
                seen.append(m.entity)
        if len(seen) >= 2:
            e = seen[-1] if h.word.endswith("latter") else seen[-2]
            out.append(Mention(h.start, h.end, "", "", 0, entity=e, anaphor=True))
    firms = cues.of(C.R_FIRM, s0, e0)
    for h in firms:
        out.append(Mention(h.start, h.end, "", "", 0, entity=OTHER, anaphor=True))
    if (
        "the " in f[s0:e0]
    ):  # "… with the US firm Y that will see the Danes receive $175 million": a company by its nation
        for x in _THE_NATIONALS.finditer(f, s0, e0):
            out.append(Mention(x.start(), x.end(), "", "", 0, entity=OTHER, anaphor=True))
    if "the " in f[s0:e0]:  # "the big biotech", "the Japanese drugmaker", "the Seoul-based company"
        taken = {h.start for h in firms}
        for x in _DESCRIBED.finditer(f, s0, e0):
            if _COPULA_BEFORE.search(f, max(s0, x.start() - 8), x.start()):
                continue  # "GSK is the latest pharma giant to …": the subject itself, not the other party
            if x.start() not in taken and not any(m.start < x.end() and x.start() < m.end for m in base):
                out.append(Mention(x.start(), x.end(), "", "", 0, entity=OTHER, anaphor=True))
    return out


_COPULA_BEFORE = re.compile(r"\b(?:is|was|are|were|becomes|became|as)\s$")
_DESCRIBED = re.compile(
    r"\bthe\s(?!latter\b|former\b|deal\b|agreement\b)(?:[a-z][\w.’'\-]*\s){1,3}?(?:biotech|pharma|drugmaker|drug maker|"
    r"company|firm|startup|start-up|developer|biopharma|giant|major|group)\b(?!['’]s\s(?:deal|agreement))"
)


# "to a newly established company under US private investment firm X": X owns the licensee, a NewCo named later
_UNDER_PARENT = re.compile(
    r"\b(?:company|firm|entity|newco|venture|vehicle|startup|start-up)\s(?:formed\s|set up\s|created\s|launched\s)?"
    r"(?:under|backed by|owned by|by|funded by|controlled by)\s"
)


def _newco_named(f: str, names: Names) -> Mention | None:
    """The first company the text calls a NewCo ("Hercules CM Newco will obtain …")."""
    for m in names.mentions:
        if m.entity >= 0 and f.startswith(
            (" newco", "newco"), m.end - (5 if m.surface.lower().endswith("newco") else 0)
        ):
            return m
    return None


def _last_before(ms: list[Mention], p: int, limit: int) -> Mention | None:
    best = None
    for m in ms:
        if m.end <= p and p - m.end <= limit:
            best = m
    return best


def _give(
    votes: Votes, names: Names, sent: _Sentence, licensor: Mention | None, licensee: Mention | None, w: float
) -> None:
    a = licensor.entity if licensor else None
    b = licensee.entity if licensee else None
    if OTHER in (a, b):
        known = b if a == OTHER else a
        present = {m.entity for m in sent.ms if m.entity not in (known, OTHER)}
        others = {e for e in present if names.entities[e].strength >= STRONG}
        if len(others) != 1:
            others = {e for e in present if names.entities[e].strength > LATIN}
        if not others:  # named in an earlier clause: "A month after Vividion filed …, Bayer … to take over the firm"
            others = {i for i, ent in enumerate(names.entities) if i != known and ent.strength >= STRONG}
        if not others:  # "NovaRock takes … global … the New Jersey-based biotech is licensing …"
            others = {i for i, ent in enumerate(names.entities) if i != known and ent.strength > LATIN}
        resolved = next(iter(others)) if len(others) == 1 else None
        if a == OTHER:
            a, licensor = resolved, None
        else:
            b, licensee = resolved, None
    if a is not None and a == b:
        return
    for e, m, book in ((a, licensor, votes.licensor), (b, licensee, votes.licensee)):
        if e is None:
            continue
        book[e] = book.get(e, 0.0) + w
        votes.parties[e] = votes.parties.get(e, 0.0) + w
        if m is not None and m.surface and not m.anaphor and w > votes.slot_surface.get(e, (0.0, ""))[0]:
            votes.slot_surface[e] = (w, m.surface)


def _pair(votes: Votes, a: Mention | None, b: Mention | None, w: float) -> None:
    if b is None or b.entity == OTHER:
        return
    if a is not None and a.entity not in (b.entity, OTHER):
        votes.pairs.append((a.entity, b.entity))
        votes.parties[a.entity] = votes.parties.get(a.entity, 0.0) + w
    votes.parties[b.entity] = votes.parties.get(b.entity, 0.0) + w


# ------------------------------------------------------------------------------------------------ English


def _en_rules(f: str, st: _Sentence, cues: Cues, votes: Votes, place: float) -> None:
    s0, e0, names = st.s0, st.e0, st.names
    done: set[int] = set()
    for h in cues.of(C.R_PASSIVE, s0, e0):  # Y (to be) acquired by X
        subj = st.left(h.start, 60)
        obj = st.right(h.end, 45)
        if obj:
            _give(votes, names, st, subj, obj, 3 * place)
            done.add(h.start)
    for h in cues.of(C.R_ACQ_NOUN, s0, e0):  # X's acquisition of Y (by X)
        obj = st.right(h.end, 45)
        if obj is None:
            continue
        by = f.find(" by ", obj.end, min(e0, obj.end + 40))
        if by != -1 and _PARTICIPLE_END.search(f, obj.end, by):
            by = -1  # "X's buyout of Y driven by Z's mechanism": by whom it was driven, not who buys
        buyer = st.right(by + 4, 45) if by != -1 else st.left(h.start, 30)
        _give(votes, names, st, obj, buyer, 3 * place)
    for nb in _NOUN_BY.finditer(f, s0, e0):  # "Y agrees £46bn takeover by X", "Y backs buyout by X"
        if nb.start() not in done and (buyer := st.right(nb.end(), 45)) is not None:
            target = st.right(buyer.end + 4, 30) if f.startswith(" of ", buyer.end) else None  # "… by X of Y"
            _give(votes, names, st, target or st.left(nb.start(), 60), buyer, 3 * place)
    for h in cues.of(C.R_FROM_VERB, s0, e0):  # X licenses / acquires rights … from Y
        if f.startswith("out-", h.start - 4):
            continue  # "the first out-licensing deal from the country's biotech sector": a noun, no licensee
        frm = f.find(" from ", h.end, min(e0, h.end + 140))
        aside = None
        if _LICENSED_IN.match(f, h.start) or f.startswith("in-", h.start - 3):
            distant = frm == -1
            frm = f.find(" from ", h.end, min(e0, h.end + 260)) if distant else frm
            aside = _WHICH_ASIDE.search(f, h.end, frm) if frm != -1 else None
            if distant and aside is None:
                frm = -1  # (a far "from" is the licensor's only past a ", which …," aside about the drugs)
        between = f[h.end : aside.start()] + f[aside.end() : frm] if aside is not None else f[h.end : frm]
        if frm == -1 or st.strong_between(h.end, frm) or _CLAUSE_WORD.search(between):
            continue  # (not "to buy Y as it fends off pressure from Z")
        if _MONEY_GOT.match(f, h.end, frm) or cues.has(C.R_RECEIVE, max(s0, h.start - 120), h.start):
            continue  # "X can get milestone payments of up to $1 billion from Y", "X will receive an upfront, license
            # fees and royalties for the sub-license rights from Y": X is paid (the receive patterns)
        if _UNNAMED_SOURCE.match(f, frm + 6):
            continue  # "antibodies licensed from a drugmaker in China and put a former Biohaven executive …"
        obj = st.right(frm + 6, 45)
        if obj is None:
            continue
        _give(votes, names, st, obj, st.left(h.start, 80), 3 * place)
        done.add(h.start)
    for h in cues.of(C.R_TO_VERB, s0, e0):  # Y licenses / grants … to X
        if h.start in done or _IN_DASH.search(f, max(0, h.start - 3), h.start):
            continue
        if f.startswith((" in ", " into "), h.end):
            continue  # "to license in", "buys into": the subject takes the licence
        to = _recipient_to(f, h.end, min(e0, h.end + 120))
        if to == -1 or st.strong_between(h.end, to):
            continue
        obj = st.right(to + 4, 45)
        if obj is not None and _UNDER_PARENT.search(f, to + 2, obj.start):
            obj = _newco_named(f, names) or obj  # "to a newly established company under Bain Capital"
        if obj is not None and _IN_A_PAST_YEAR.match(f, obj.end):
            continue  # "the API business that he sold to Mylan in 2006": a sale of long ago
        if obj is not None:
            grantor = st.left(h.start, 60)
            if grantor is None and f.endswith(" it ", 0, h.start):
                grantor = st.subject_en(h.start)  # "X, which boasted …, soared after it sold the rights … to Y"
            _give(votes, names, st, grantor, obj, 3 * place)
    for h in cues.of(C.R_TO_VERB, s0, e0):  # X sells / divests / offloads its … brands (the buyer named elsewhere)
        if h.word.startswith(_SELLERS) and _SOLD_ASSET.match(f, h.end, min(e0, h.end + 70)):
            seller = st.left(h.start, 60)
            if seller is not None and f[seller.end : h.start].strip() == "to":
                with_y = _WITH_BEFORE.search(f, max(s0, seller.start - 40), seller.start)
                if with_y is not None:  # "X inked a pact with Y to sell its rights to …": X sells
                    seller = st.left(with_y.start(), 90)
            _give(votes, names, st, seller, None, 2 * place)
        elif h.word.startswith(("out-licens", "outlicens")) and not _PASSIVE_BEFORE.search(
            f, max(0, h.start - 7), h.start
        ):
            _give(votes, names, st, st.left(h.start, 60), None, 2 * place)  # X out-licensed its … rights
    for back in _TURNS_TO.finditer(f, s0, e0):  # X returns / turns to Y for a €640M pact: Y grants, X takes
        y = st.right(back.end(), 3, descriptors=False)
        if y is not None and _FOR_DEAL.match(f, y.end, min(e0, y.end + 90)):
            _give(votes, names, st, y, st.left(back.start(), 40), 3 * place)
    if "shareholders of" in f[s0:e0]:  # X announces a (recommended cash) offer to the shareholders of Y: Y is bought
        for offer in _OFFER_TO_HOLDERS.finditer(f, s0, e0):
            target = st.right(offer.end(), 3, descriptors=False)
            buyer = st.subject_en(offer.start())
            if target is not None and buyer is not None and target.entity != buyer.entity:
                _give(votes, names, st, target, buyer, 3 * place)
    if "tender offer" in f[s0:e0]:
        for tender in _TENDER_FOR.finditer(f, s0, e0):  # X will commence a tender offer for all outstanding shares of Y
            obj = st.right(tender.end(), 3, descriptors=False)
            if obj is not None:
                buyer = st.left(tender.start(), 80) or st.subject_en(tender.start())
                _give(votes, names, st, obj, buyer, 3 * place)
    if " from " in f[s0:e0]:  # "in response to a $930 million all-cash buyout offer from Y": Y bids (the deal decided)
        for bid in _OFFER_FROM.finditer(f, s0, e0):
            _give(votes, names, st, None, st.right(bid.end(), 45), 2 * place)
    if "bid" in f[s0:e0] or "offer" in f[s0:e0] or "proposal" in f[s0:e0]:
        for bid in _BID_FROM.finditer(f, s0, e0):  # X agreed / accepted a takeover bid from Y
            if cues.has(C.AGREED, max(s0, bid.start() - 40), bid.start()):
                _give(votes, names, st, st.left(bid.start(), 60), st.right(bid.end(), 45), 3 * place)
    for h in cues.of(C.R_TO_VERB, s0, e0):  # X licenses Y('s) antibody
        if not h.word.startswith(("licens", "licenc")) or _IN_DASH.search(f, max(0, h.start - 3), h.start):
            continue
        quant = _QUANTIFIER.match(f, h.end, e0)  # "moved to license multiple Sangamo programs"
        obj = st.right(quant.end() if quant else h.end, 3, descriptors=False)
        if obj is None and _UNNAMED_OWNER.match(f, h.end, min(e0, h.end + 60)):
            _give(votes, names, st, None, st.left(h.start, 60), 3 * place)  # "Vertex licenses Chinese biotech's drug"
            continue
        if obj is not None and (_POSS.match(f, obj.end) or cues.has(C.ASSET, obj.end + 1, min(e0, obj.end + 30))):
            _give(votes, names, st, obj, st.left(h.start, 60), 3 * place)
    for h in cues.of(C.R_ACQ, s0, e0):  # X to acquire / buy / take over Y
        if h.start in done:
            continue
        if h.word in _PARTICIPLES and _PASSIVE_BEFORE.search(f, max(0, h.start - 7), h.start):
            by_m = _BY_LATER.match(f, h.end, min(e0, h.end + 60))  # X agreed to be acquired for $1.9bn by Y
            if by_m:
                _give(votes, names, st, st.left(h.start, 60), st.right(by_m.end(), 45), 3 * place)
            continue
        stake = _STAKE.match(f, h.end, e0)
        if stake is not None and not _STAKE_NOUN.search(stake.group()):
            stake = None  # "to buy the biotech": an article, no stake (the biotech is the object)
        unit = _UNIT_OF.match(f, h.end, e0)  # "acquire a wholly owned subsidiary of U.S. drug startup Y": Y sells it
        obj = st.right(unit.end() if unit else stake.end() if stake else h.end, 45)
        subj = st.left(h.start, 120)
        with_y = _WITH_BEFORE.search(f, max(s0, subj.start - 40), subj.start) if subj is not None else None
        partner = None
        if with_y is not None and subj is not None and f[subj.end : h.start].strip() in ("to", ""):
            partner, subj = subj, st.left(with_y.start(), 90)  # "X signed agreements with GSK to acquire 17 brands": X
        else:
            subj = _before_aside(f, st, subj, h.start)  # "X, fresh off gaining Y's drug, buys Z": X
        if obj is not None and _SPUN_OFF_AFTER.match(f, obj.end, e0):
            continue  # "to buy Biogen haemophilia spin-off": the company spun off, named elsewhere, not its parent
        if obj is not None and (cues.has(C.RIGHTS, h.end, obj.start) or f.startswith(" rights", obj.end)):
            continue  # "acquired greater China rights to Inbrija", "to acquire China/Western Asia rights": not a company
        if obj is not None and _LISTED_BRANDS.match(f, obj.end, e0):
            continue  # "will purchase Ferradol, Neko and Sloan's brands from Y": brands, not a company
        if obj is not None and subj is not None:
            _give(votes, names, st, obj, subj, 3 * place)
        elif (
            obj is None
            and partner is not None
            and subj is not None
            and _PART_OF_ITS.match(f, h.end, min(e0, h.end + 60))
        ):
            _give(votes, names, st, partner, subj, 3 * place)  # "… with Y to acquire select divisions of its business"
        elif (
            obj is None
            and subj is not None
            and _UNNAMED_OBJECT.match(f, h.end, min(e0, h.end + 60))
            and not f.endswith("by ", 0, h.start)  # (not "as it seeks to boost its pipeline by buying assets")
        ):
            _give(votes, names, st, None, subj, 2 * place)  # "GSK to buy US cancer drug developer"
    for h in cues.of(C.R_PAY, s0, e0):  # X pays (Y) …
        if h.word == "paid" and f.endswith((" a ", " an "), 0, h.start):
            continue  # "to grant a paid license": an adjective
        # "X will pick up the rights … by paying $350M", "X strikes a deal with Y, paying $100M upfront": X pays
        by_paying = f.startswith("by ", h.start - 3) or (h.word == "paying" and f.startswith(", ", h.start - 2))
        subj = st.subject_en(h.start) if by_paying else st.left(h.start, 60)
        if subj is None and f.startswith("to ", h.start - 3):
            subj = st.subject_en(h.start)  # "X is the latest pharma to bite …, promising to pay Y $85M"
        elif _COMMA_ING_TO.search(f, max(s0, h.start - 30), h.start):
            subj = st.subject_en(h.start) or subj  # "X won a bidding war for Y, agreeing to pay $48 a share": X
        direct = st.right(h.end, 2, descriptors=False)
        if direct is None:  # "to pay the Chinese immunotherapy developer Y $85 million"
            far = st.right(h.end, 45)
            if far is not None and _MONEY_AFTER.match(f, far.end + (f[far.end : far.end + 1] == "."), e0):
                direct = far
        if direct is None and h.word.endswith("payment") and (paid_to := _PAID_TO.match(f, h.end, e0)) is not None:
            direct = st.right(paid_to.end(), 2, descriptors=False)  # "X will make an upfront payment of $185M to Y"
        if direct is None and (paid_for := _PAY_FOR.match(f, h.end, e0)) is not None:
            direct = st.right(paid_for.end(), 2, descriptors=False)  # "X to pay $430 million for Y": Y sells
        if direct is not None and h.word.startswith("hand") and _HANDED.match(f, direct.end, e0):
            continue  # "X hands Y the rights to …": a grant (below), not a payment to Y
        if direct is not None and subj is not None:
            _give(votes, names, st, direct, subj, 3 * place)
        elif subj is not None:
            _give(votes, names, st, None, subj, 2 * place)
    for h in cues.of(C.R_RECEIVE, s0, e0):  # Y receives … (from X)
        subj = st.left(h.start, 60)
        if _ELIDED_SUBJECT.search(f, max(s0, h.start - 12), h.start):
            subj = st.subject_en(h.start) or subj  # "X to Collaborate With Y on Z, Will Get $650M Upfront": X gets it
        if subj is None:
            continue
        if _HOLDERS_BETWEEN.fullmatch(f, subj.end, h.start) and (
            of := _SHARES_OF.search(f, h.end, min(e0, h.end + 60))
        ):
            buyer = st.right(of.end(), 2)  # "Y shareholders will receive 0.43 shares of X": X takes Y over in stock
            if buyer is not None and buyer.entity != subj.entity:
                _give(votes, names, st, subj, buyer, 3 * place)
                continue
        frm = f.find(" from ", h.end, min(e0, h.end + 120))
        payer = st.right(frm + 6, 45) if frm != -1 and not st.strong_between(h.end, frm) else None
        if payer is not None and _LICENCE_GOT.match(f, h.end, frm):
            _give(votes, names, st, payer, subj, 3 * place)  # "X has received an exclusive license from Y": Y grants
        elif payer is not None and _RECEIVED_GOODS.search(f, h.end, frm):
            _give(votes, names, st, subj, payer, 3 * place)  # (not "receives setback from Y": no money, no rights)
        elif _MONEY_AFTER.match(f, h.end, e0) or _MONEY_AFTER.match(f, h.end + 1, e0):
            _give(votes, names, st, subj, None, 2 * place)
    for h in cues.of(C.R_GRANT, s0, e0):  # granting X access / rights
        obj = st.right(h.end, 45)
        if obj is None or not _RIGHTS_AFTER.match(f, obj.end, min(e0, obj.end + 40)):
            continue
        if f.endswith("the ", 0, obj.start) and _UNIT_NEXT.match(f, obj.end):  # "to give the Roche Group unit the
            obj = Mention(obj.start, obj.end, "", "", 0, entity=obj.entity, anaphor=True)  # rights": named before
        if h.word.startswith("hand") and _CASH_AFTER.match(f, obj.end, e0):
            continue  # "X is handing Y $80 million upfront for rights to its ADC": money handed, X pays (read above)
        if h.word.startswith("hand") and _MONEY_HANDED_TO.fullmatch(f, h.end, obj.start):
            _give(votes, names, st, obj, st.left(h.start, 150), 3 * place)  # "X is handing $1.2 billion in upfront
            continue  # cash to Y for the ex-China rights": Y is paid, X takes the rights
        _give(votes, names, st, None, obj, 3 * place)
        grantor = st.left(h.start, 150)
        if grantor is not None and grantor.entity == OTHER and grantor is st.ms[0]:
            told = next((m for m in names.mentions if m.entity >= 0), None)  # the story's subject
            if told is not None and told.entity != obj.entity:  # "The biotech is handing Y the rights": named
                _give(votes, names, st, told, None, 2 * place)  # before, not "the other"
            continue
        if grantor is not None and grantor.entity != obj.entity:
            _give(votes, names, st, grantor, None, 2 * place)
    for h in cues.of(C.R_GAIN, s0, e0):  # X gains / obtains … rights · X bags / nabs / lands a drug
        asset = h.word.startswith(_GRABS) and cues.has(C.ASSET, h.end, min(e0, h.end + 40))
        owner = st.right(h.end, 2, descriptors=False) if asset else None
        if (
            owner is not None
            and owner.entity != OTHER
            and (_POSS.match(f, owner.end) or cues.has(C.ASSET, owner.end + 1, min(e0, owner.end + 30)))
        ):
            _give(
                votes, names, st, owner, st.left(h.start, 40), 3 * place
            )  # "X lands Y's pill", "X grabs Y bispecific"
            continue
        if asset and st.right(h.end, 30) is not None:
            continue  # "X snaps up Y's drug": the from / acquire patterns read it
        rights = cues.first(C.RIGHTS, h.end, min(e0, h.end + 40))
        if rights is not None and _PAID_FOR.search(f, h.end, rights.start):
            continue  # "X will receive an upfront payment, license fees and royalties for the … rights": X is paid
        if rights is not None and rights.word in _CONTRACT_WORDS and _CONTRACT_AFTER.match(f, rights.end, e0):
            continue  # "X has won two licence and collaboration contracts with Y": a contract, either side's
        if asset or rights is not None:
            gainer = _before_aside(f, st, st.left(h.start, 40), h.start)
            with_y = _WITH_BEFORE.search(f, max(s0, gainer.start - 40), gainer.start) if gainer is not None else None
            if with_y is not None:  # X inks a deal with Y to license in … rights: X
                gainer = st.left(with_y.start(), 90)
            elif gainer is not None and _WHICH_IT.search(f, gainer.end, h.start):
                gainer = st.subject_en(gainer.start)  # "X inks a deal with Y under which it will have the option"
            _give(votes, names, st, None, gainer, 2 * place)
    for h in cues.of(C.RIGHTS, s0, e0):  # rights to Y's … / rights to Y bispecific
        if f.startswith((" to ", " for ", " on ", " over "), h.end) and not re.match(
            r" \w+ (?:its|their|his|her|the|a|an) ", f[h.end : h.end + 12]
        ):
            obj = st.right(h.end + 1, 45)
            if obj is not None and " to " in f[h.end + 3 : obj.start]:
                obj = None  # "a licence for its drug to Y": Y receives the licence (read by the grant patterns)
            if obj is not None and (_POSS.match(f, obj.end) or cues.has(C.ASSET, obj.end + 1, min(e0, obj.end + 25))):
                _give(votes, names, st, obj, None, 2 * place)
        if f[max(s0, h.start - 40) : h.start].rfind(" for ") != -1 and not cues.has(
            C.R_RECEIVE, max(s0, h.start - 120), h.start
        ):  # X inks a deal / pays … for ex-China rights (not "X will receive … for the … rights")
            x = st.left(h.start, 90)
            with_y = _WITH_BEFORE.search(f, max(s0, x.start - 40), x.start) if x is not None else None
            if with_y is not None:  # X signs an agreement with Y for a licence: not Y
                y, x = x, st.left(with_y.start(), 90)
                if x is not None and y is not None and _TO_ITS.match(f, h.end):
                    _give(votes, names, st, x, y, 2 * place)  # "X struck a deal with Y … for rights to its drug": X's
                    continue
            _give(votes, names, st, None, x, 2 * place)
    for m in st.ms:
        if m.entity == OTHER or not f.startswith(_NOUN_NEXT, m.end):
            continue
        if _ACQ_AFTER.match(f, m.end, min(e0, m.end + 14)):  # its $1.9B Zogenix acquisition: Y is bought
            if _SHARES_MOVE_ON.search(f, max(s0, m.start - 80), m.start):  # "X shares soar on Y buyout": Y buys
                _give(votes, names, st, st.subject_en(m.start), m, 3 * place)
            else:
                _give(votes, names, st, m, st.subject_en(m.start), 3 * place)
        elif _DEAL_AFTER.match(f, m.end, min(e0, m.end + 20)) and _DEAL_OWNER_BEFORE.search(
            f, max(s0, m.start - 30), m.start
        ):  # GSK's £1.5bn Sierra Oncology deal, buys into … with Arcellx deal: the partner named in the deal
            _give(votes, names, st, m, None, 1 * place)
    if " for " in f[s0:e0]:
        for deal_for in _DEAL_FOR.finditer(f, s0, e0):
            y = st.right(deal_for.end(), 4, descriptors=False)
            if y is not None and _TO_DEVELOP.match(f, y.end, min(e0, y.end + 30)):
                _give(votes, names, st, None, y, 2 * place)  # "a licensing deal for Intas to develop and sell …"
            elif _OF_ITS_RX.match(f, deal_for.end()) and st.ms and st.ms[0].start < deal_for.start():
                _give(votes, names, st, st.ms[0], None, 1 * place)  # "X entered a licensing agreement for its drugs"
                w = f.find(" with ", deal_for.end(), min(e0, deal_for.end() + 160))
                y = st.right(w + 6, 45) if w != -1 and not st.strong_between(deal_for.end(), w) else None
                if y is not None and y.entity != st.ms[0].entity:  # "… for the development of its X in Japan with Y"
                    _give(votes, names, st, None, y, 1 * place)
    if " with " in f[s0:e0]:  # "X inked a licensing deal with Y to develop …": Y takes the licence to develop it
        for lw in _LICENCE_WITH.finditer(f, s0, e0):
            y = st.right(lw.end(), 4, descriptors=False)
            if y is not None and _TO_DEVELOP.match(f, y.end, min(e0, y.end + 30)):
                _give(votes, names, st, None, y, 2 * place)
    # "X has signed a $430 million license-out deal with Y", "X signed a technology transfer agreement with Y", "X …
    # to transfer its ADC technology to <descriptor> Y": X licenses out (unless it "licensed in" the candidate)
    outs = [*_OUT_DEAL_WITH.finditer(f, s0, e0)] if "out" in f[s0:e0] else []
    if "technology" in f[s0:e0]:
        outs += [*_TECH_TRANSFER_WITH.finditer(f, s0, e0), *_TRANSFERS_TECH.finditer(f, s0, e0)]
    for out in outs:
        y = st.right(out.end(), 60)
        x = st.subject_en(out.start()) or (_firm_subject(st, out.start()) if out.re is _OUT_DEAL_WITH else None)
        if x is not None and y is not None and x.entity != y.entity:
            if _LICENSED_IN_AFTER.search(f, out.end(), e0):
                x, y = y, x
            _give(votes, names, st, x, y, 2 * place)
    if " held by " in f[s0:e0]:  # "a contract to transfer all rights of Z held by X to Y": X sells, Y takes
        for hb in _RIGHTS_HELD_BY.finditer(f, s0, e0):
            x = st.right(hb.end(), 30)
            to = f.find(" to ", x.end, min(e0, x.end + 20)) if x is not None else -1
            y = st.right(to + 4, 30) if to != -1 else None
            if x is not None and y is not None and x.entity != y.entity:
                _give(votes, names, st, x, y, 3 * place)
    if " with " in f[s0:e0]:  # "X announced a licence agreement with Y (BMY) for its antibody programme": X owns it
        for dw in _DEAL_WITH_FOR_ITS.finditer(f, s0, e0):
            y = st.right(dw.end(1), 4, descriptors=False)
            x = st.subject_en(dw.start()) or _firm_subject(st, dw.start())
            if x is not None and y is not None and x.entity != y.entity:
                _give(votes, names, st, x, y, 1 * place)  # (weak: "its" may be Y's, as a payment to Y then says)
    for m in st.ms:  # "Lilly's $2.4 billion tender offer": the bidder's offer
        if m.entity != OTHER and _BIDDERS_OFFER.match(f, m.end, e0):
            _give(votes, names, st, None, m, 2 * place)
    for m in st.ms:  # (an upfront) payment to Y, milestone payments to Y
        if m.entity != OTHER and _PAYMENT_TO.search(f, max(s0, m.start - 45), m.start):
            _give(votes, names, st, m, None, 2 * place)
    for m in st.ms:  # Y's antibody / pipeline / business
        if m.entity != OTHER and _POSS.match(f, m.end) and cues.has(C.ASSET, m.end + 2, min(e0, m.end + 55)):
            _give(votes, names, st, m, None, 1 * place)
    if " to " in f[s0:e0] and (use := _DEAL_TO_USE.search(f, s0, e0)) is not None:
        _give(votes, names, st, None, st.subject_en(use.start()), 2 * place)  # "X … with a $2.5bn deal to use a
        # Korean company’s tech": X takes the licence
    if "bring in" in f[s0:e0] and (brings := _DEAL_BRINGS_IN.search(f, s0, e0)) is not None:
        _give(votes, names, st, st.subject_en(brings.start()), None, 2 * place)  # "X announced a licensing deal with
        # Y that could bring in as much as $12 billion": X is paid
    for h in cues.of(C.R_ORIGIN, s0, e0):  # discovered / developed by Y
        _give(votes, names, st, st.right(h.end, 45), None, 2 * place)
    if " from " in f[s0:e0]:  # "The CLDN18.2-targeting ADC comes from Chinese biotech Y": Y's drug, licensed out
        for come in _COMES_FROM.finditer(f, s0, e0):
            if cues.has(C.ASSET, max(s0, come.start() - 30), come.start()) and not any(
                m.start < come.start() for m in st.ms
            ):
                _give(votes, names, st, st.right(come.end(), 45), None, 2 * place)
    for got in _GOT_PRICED_DEAL.finditer(f, s0, e0):  # "X … secures $750M Gilead deal": X and Y are the parties
        y = st.right(got.end(), 2, descriptors=False)
        if y is not None and _DEAL_AFTER.match(f, y.end, min(e0, y.end + 20)):
            _pair(votes, st.subject_en(got.start()) or st.left(got.start(), 80), y, place)
    for h in cues.of(C.R_SYM, s0, e0):  # X signs / inks / enters … with Y
        w = f.find(" with ", h.end, min(e0, h.end + 120))
        if w != -1 and not st.strong_between(h.end, w):
            x = _before_aside(f, st, st.left(h.start, 80), h.start)  # "X, a member of Y's incubator, signed … with Z"
            if x is not None and x.entity == OTHER and x.start > st.s0:
                x = st.subject_en(x.start) or x  # "Shares in X are up after the firm announced a … with Y": X
            elif x is None and _SAID_IT_HAS.search(f, max(s0, h.start - 40), h.start):
                x = st.subject_en(h.start)  # "X (…), a leader in …, today announced that it has signed … with Y"
            _pair(votes, x, st.right(w + 6, 45), place)
    for i, m in enumerate(st.ms[:-1]):  # X and Y sign / form / agree … · X, Y ink …
        nxt = st.ms[i + 1]
        gap = f[m.end : nxt.start].removeprefix(".")  # ("Abpro Corp. and Celltrion Inc. entered": the suffix's dot)
        gap = _BASED_IN_GAP.sub(r"\1", gap)  # "Shanghai-based X and San Diego-based Y entered …"
        gap = _TICKER_GAP.sub("", gap)  # "X (NYSE: ABBV) and Y signed …": the first one's listing (or its end)
        gap = _DESCRIBED_GAP.sub(r"\1", gap)  # "X and Swiss pharma giant Y will collaborate …"
        verb_at = aside.end() if (aside := _ASIDE_AFTER.match(f, nxt.end, e0)) is not None else nxt.end
        if gap in (" and ", " & ", ", and ", ", ") and cues.has(C.R_SYM, verb_at, min(e0, verb_at + 40)):
            _pair(votes, m, nxt, place)  # (past an aside: "X and Y, a China-based company …, have entered into")
    for h in cues.of(C.R_PARTY, s0, e0):  # deal with Y, partners at Y
        _pair(votes, None, st.right(h.end, 45), place)
    for h in cues.of(C.R_NEWCO, s0, e0):  # a NewCo, Y / Y, a NewCo
        after = st.right(h.end, 12, descriptors=False)
        if after is not None and re.match(r",?\s(?:called\s|named\s)?$", f[h.end : after.start]):
            _give(votes, names, st, None, after, 3 * place)
        before = st.left(h.start, 12)
        if before is not None and _NEWCO_AFTER.match(f, before.end):
            _give(votes, names, st, None, before, 3 * place)
    for h in cues.of(C.R_SUB, s0, e0):  # Y, a subsidiary of X
        sub, parent = st.left(h.start, 60), st.right(h.end, 30)
        if sub is not None and _NOT_APPOSITION.search(f, sub.end, h.start):
            continue  # "X licenses its drug to the Swiss unit of Y": the unit is unnamed, not X
        if _BECOMES.search(f, max(s0, h.start - 30), h.start):
            continue  # "Y will become a wholly owned subsidiary of X": what the deal makes of Y, not Y's parent now
        if (
            sub is not None
            and parent is not None
            and sub.entity != parent.entity
            and min(sub.entity, parent.entity) >= 0
        ):
            votes.parent[sub.entity] = parent.entity  # (not "a subsidiary of the Mumbai-based drugmaker": unresolved)


# ------------------------------------------------------------------------------------------------ Chinese


_CODE_NEXT = re.compile(r"\s?[(（]\s?\d{4,6}(?:\.[a-z]{2})?\s?[)）]")


def _listed_after(f: str, st: _Sentence, y: Mention) -> Mention | None:
    """A Chinese market headline names the acting company after the deal, with its stock code: the first mention
    after the object that carries a code."""
    for m in st.ms:
        if m.start > y.end and m.entity not in (y.entity, OTHER) and _CODE_NEXT.match(f, m.end):
            return m
    return None


def _finds_raw(f: str, chars: str, a: int, b: int) -> list[int]:
    out = []
    for ch in chars:
        p = f.find(ch, a, b)
        while p != -1:
            out.append(p)
            p = f.find(ch, p + 1, b)
    return sorted(out)


_ZH_TRIGGERS = re.compile("[向被获从自将把对与和同跟及就以受砸揽由]")


def _seller_before(f: str, st: _Sentence, cues: Cues, buyer: Mention) -> Mention | None:
    """The subject of 同意出售/转让 earlier in the sentence than the buyer's 同意收购, when it is another company: a
    sale-and-purchase agreement's two halves (X同意出售而Y同意收购)."""
    for h in cues.of(C.Z_GRANT_VERB, st.s0, buyer.start):
        if h.word in ("出售", "转让", "出让") and f[h.start - 2 : h.start] == "同意":
            x = st.subject(h.start, 8)
            if x is not None and x.entity not in (buyer.entity, OTHER):
                return x
    return None


def _zh_rules(raw: str, f: str, st: _Sentence, cues: Cues, votes: Votes, place: float) -> None:
    s0, e0, names = st.s0, st.e0, st.names
    where: dict[str, list[int]] = {}  # every trigger character's positions, found in one pass
    for trig in _ZH_TRIGGERS.finditer(f, s0, e0):
        where.setdefault(trig.group(), []).append(trig.start())

    def _finds(f: str, chars: str, a: int, b: int) -> list[int]:  # the sentence's positions of these characters
        if len(chars) == 1:
            return where.get(chars, [])
        return sorted(p for ch in chars for p in where.get(ch, ()))

    for p in _finds(f, "向", s0, e0):  # X 向 Y 授权 / 支付
        y = st.right(p + 1, 15, descriptors=False)
        if y is None:
            continue
        x = st.left(p, 40)
        bought = cues.first(C.Z_ACQ, y.end, min(e0, y.end + 3)) or cues.first(C.Z_GET, y.end, min(e0, y.end + 3))
        if bought is not None and x is not None and x.entity != y.entity:
            _give(votes, names, st, y, x, 3 * place)  # X 向 Y 收购 / 引进 …: X buys from Y
            continue
        verb = cues.first(C.Z_GRANT_VERB, y.end, min(e0, y.end + 25))
        pay = cues.first(C.Z_PAY, y.end, min(e0, y.end + 30))
        if verb is not None and (pay is None or verb.start < pay.start):
            _give(votes, names, st, x, y, 3 * place)
        elif pay is not None and "持有的" not in f[pay.end : min(e0, pay.end + 40)]:
            _give(votes, names, st, y, x, 3 * place)  # (向股东Y支付…购买其持有的Z股份: Z is the one bought)
    for p in _finds(f, "被", s0, e0):  # Y 被 X 收购
        x = st.right(p + 1, 15, descriptors=False)
        if x is not None and cues.has(C.Z_ACQ, x.end, min(e0, x.end + 20)):
            _give(votes, names, st, st.left(p, 20), x, 3 * place)
        elif x is None and cues.has(C.Z_ACQ, p + 1, min(e0, p + 12)):
            _give(
                votes, names, st, st.left(p, 20), None, 3 * place
            )  # Y同意被中国科瑞收购: the buyer not read as a name
    for p in _finds(f, "由", s0, e0):  # Y 同意由 X 进行现金收购
        x = st.right(p + 1, 15)
        if x is not None and re.match(r"(?:进行)?(?:现金|全现金|要约)?(?:收购|并购)", f[x.end : x.end + 8]):
            _give(votes, names, st, st.left(p, 20), x, 3 * place)
    for p in _finds(f, "获", s0, e0):  # Y 获 X 收购 / 入股
        x = st.right(p + 1, 10, descriptors=False)
        if x is not None and re.match(r".{0,6}?(?:收购|并购|入股|投资|注资)", f[x.end : x.end + 10]):
            _give(votes, names, st, st.left(p, 10), x, 3 * place)
    for p in _finds(f, "从自", s0, e0):  # X 从 Y 引进
        y = st.right(p + 1, 10, descriptors=False)
        if y is not None and (cues.has(C.Z_GET, y.end, min(e0, y.end + 30)) or "获" in f[y.end : min(e0, y.end + 30)]):
            _give(votes, names, st, y, st.left(p, 30), 3 * place)
    for p in _finds(f, "将把", s0, e0):  # X 将 … 授权/许可/授予 给 Y
        verb = cues.first(C.Z_GRANT_VERB, p + 1, min(e0, p + 81))
        if verb is None or st.strong_between(p + 1, verb.start):
            continue
        y = st.right(verb.end, 4, descriptors=False)  # 许可给Y, 授予Y (not 独家许可，Y…)
        if y is not None and _BREAK.search(f, verb.end, y.start):
            y = None
        x = st.subject(p, 80)
        if y is not None and x is not None:
            _give(votes, names, st, x, y, 3 * place)
    for h in cues.of(C.Z_GRANT_VERB, s0, e0):  # X 授权 Y (the verb with its licensee straight after it)
        if h.word not in ("授权", "许可"):
            continue
        y = st.right(h.end, 1, descriptors=False)
        if y is None and (country := _ZH_COUNTRY.match(f, h.end)) is not None:
            y = st.right(country.end(), 1, descriptors=False)  # 以5.3亿美元授权丹麦LEO Pharma
        x = st.subject(h.start, 40) if y is not None else None
        if y is not None and x is not None and not re.search(r"[获向被从对给]|获得|取得", f[x.end : h.start]):
            _give(votes, names, st, x, y, 3 * place)
    for h in cues.of(C.Z_GRANT_VERB, s0, e0):  # X 以10亿美元出售两款ADC权益 (the buyer named elsewhere, or not at all)
        if (
            h.word in ("出售", "转让", "出让")
            and st.right(h.end, 1, descriptors=False) is None
            and cues.has(C.Z_RIGHTS, h.end, min(e0, h.end + 20))
        ):
            _give(votes, names, st, st.subject(h.start, 40), None, 2 * place)
    for h in cues.of(C.Z_GRANT_TO, s0, e0):  # 授予 / 授权给 Y; X授予Y: X, the subject straight before it, grants
        y = st.right(h.end, 30, descriptors=False)
        x = st.subject(h.start, 12) if y is not None and h.word in ("授予", "授权予", "许可予") else None
        if x is not None and not _GRANTS_NOW.fullmatch(f, x.end, h.start):
            x = None  # 获授予, 已获…授予: the grantor is not the name before it
        _give(votes, names, st, x, y, 3 * place)
    for h in cues.of(C.Z_NEWCO, s0, e0):  # 新公司 / NewCo Y
        y = st.right(h.end, 8, descriptors=False)
        if y is not None and not _BREAK.search(f, h.end, y.start):
            _give(votes, names, st, None, y, 2 * place)
    gets = cues.of(C.Z_GET, s0, e0) + [C.Hit(p, p + 1, "获") for p in _finds(f, "获", s0, e0)]
    for h in gets:  # X 获得 Y 的 … 权益 · X 获得 … 权益
        x = st.subject(h.start, 40)
        y = st.right(h.end, 20, descriptors=False)
        if y is not None and _BREAK.search(f, h.end, y.start):
            y = None  # "…收购提案签署最终协议,进一步深化阿斯利康…": the next clause's company is no object
        if y is not None and (cues.has(C.Z_RIGHTS, y.end, min(e0, y.end + 50)) or _GRANTED_BY.match(f, y.end)):
            _give(votes, names, st, y, x, 3 * place)  # (X获Y授予其…权利: Y grants, however long the object)
            continue
        rights = cues.first(C.Z_RIGHTS, h.end, min(e0, h.end + 60))
        if (
            rights is not None
            and x is not None
            and not cues.has(C.Z_MONEY, h.end, rights.start)
            and "元" not in f[h.end : rights.start]
        ):
            _give(votes, names, st, None, x, 2 * place)
    recvs = cues.of(C.Z_RECV, s0, e0) + [C.Hit(p, p + 1, "获") for p in _finds(f, "获揽", s0, e0)]
    for h in recvs:  # X 获得 / 收取 … 首付款
        money = cues.first(C.Z_MONEY, h.end, min(e0, h.end + 40))
        if money is not None or "元" in f[h.end : min(e0, h.end + 40)]:
            cut = _BREAK.search(f, h.end, money.start if money is not None else f.find("元", h.end))
            if cut is not None and cues.has(C.Z_RIGHTS, h.end, cut.start()):
                continue  # 取得…销售权利,签约金500万美元: what it takes is the rights; the money is the next clause's
            _give(votes, names, st, st.subject(h.start, 60) or st.topic(h.start), None, 2 * place)
    for h in cues.of(C.Z_PAY, s0, e0) + [C.Hit(p, p + 1, "砸") for p in _finds(f, "砸", s0, e0)]:  # X 支付
        _give(votes, names, st, None, st.subject(h.start, 30), 2 * place)
    acqs = cues.of(C.Z_ACQ, s0, e0)
    if "併" in raw[s0:e0]:
        acqs = acqs + [C.Hit(p, p + 1, "併") for p in _finds_raw(raw, "併", s0, e0) if raw[p + 1 : p + 2] not in "购購"]
    for h in acqs:  # X 收购 Y
        if f.startswith(("协议", "合同", "合约", "交易", "案", "事项", "贷款", "基金", "资金", "融资"), h.end):
            continue  # 签署并购协议, 银行并购贷款: the noun, not the verb (its object is no target)
        if h.word == "控股" and f.startswith(("公司", "集团", "有限", "股份", "子公司"), h.end):
            continue  # 艾伯维集团控股公司, 控股子公司: a holding company's name, not a purchase
        x = st.subject(h.start, 60)
        y = st.right(h.end, 20, descriptors=False)
        if y is not None and h.word != "併" and _BREAK.search(f, h.end, y.start):
            y = None  # "…收购提案签署最终协议,进一步深化阿斯利康…": the next clause's company is no object
        if x is None and y is not None:
            far = st.subject(
                h.start, 200
            )  # "X 拟以9.5亿美元首付款…以及最高达5.5亿美元的…里程碑付款收购 Y": the price is long
            x = (
                far
                if far is not None and (_BY_PAYING.match(f, far.end, h.start) or far is st.ms[0])
                else _listed_after(f, st, y)
            )  # 港股异动︱拟收购汉都医药52%股权 泰凌医药(01011)复牌高开
        if x is None or "被" in f[x.end : h.start]:
            continue
        if y is None and f[h.start - 2 : h.start] == "同意" and (sold := _seller_before(f, st, cues, x)) is not None:
            _give(votes, names, st, sold, x, 3 * place)  # 本公司同意出售而Y同意收购目标公司: the seller names no buyer
            continue
        if y is not None and y.entity == x.entity and st.ms[0].entity != y.entity:
            x = st.ms[0]  # "X 与 Y 达成协议，以…收购 Y": the buyer is the sentence's subject
        if y is not None and y.entity != x.entity:
            _give(votes, names, st, y, x, 3 * place)
    if "取得" in f[s0:e0]:  # X 以新台币8.3亿元取得 Y 加拿大药厂: a priced taking-over of Y's asset
        for take in _PRICED_TAKE.finditer(f, s0, e0):
            y = st.right(take.end(), 20, descriptors=False)
            x = st.subject(take.start(), 40)
            if x is not None and y is not None and x.entity != y.entity:
                _give(votes, names, st, y, x, 3 * place)
    for p in _finds(f, "对", s0, e0):  # X 对 Y 的收购
        y = st.right(p + 1, 10, descriptors=False)
        if y is not None and cues.has(C.Z_ACQ, y.end, min(e0, y.end + 10)):
            _give(votes, names, st, y, st.left(p, 10), 3 * place)
    for p in _finds(f, _ZH_AND, s0, e0):  # X 与 Y 签署 / 达成 … 协议
        y = st.right(p + 1, 30, descriptors=False)
        if y is None:
            continue
        x = st.left(p, 16) or (
            (st.topic(p) or st.subject(p, 40)) if f[p] == "与" else None
        )  # (荣昌生物(SH688331,股价…)率先宣布与Y, 信达生物(01801.hk)国际化的脚步却没有停歇,与Y达成…)
        if x is not None and (
            cues.has(C.Z_AGREE, y.end, min(e0, y.end + 80)) or "签" in f[y.end : min(e0, y.end + 80)]
        ):
            _pair(votes, x, y, place)
        elif f[p] == "与" and y.start - p <= 7:
            _pair(votes, None, y, place)
    for p in _finds(f, "就将把以", s0, e0):  # 就 Y 的 … 产品 (Y owns the asset)
        y = st.right(p + 1, 2, descriptors=False)
        if y is not None and f[y.end : y.end + 1] in "的之" and cues.has(C.Z_ASSET, y.end, min(e0, y.end + 40)):
            _give(votes, names, st, y, None, 2 * place)
    for m in st.ms:  # 友芝友生物研发的M701, FBD在研的HCB101: the company that develops it owns it
        if m.entity != OTHER and f[m.end : m.end + 1] in _OWNS_FIRST and _ZH_OWNS.match(f, m.end, min(e0, m.end + 8)):
            _give(votes, names, st, m, None, 2 * place)
    if "接受" in f[s0:e0]:  # X 同意接受 Y 提出的 … 收购(要约)
        for p in _finds(f, "受", s0, e0):
            if f[p - 1] != "接":
                continue
            y = st.right(p + 1, 20, descriptors=False)
            if y is not None and re.match(r"[^，。,]{0,8}?提出的[^。；;]{0,40}?收购", f[y.end : y.end + 55]):
                _give(votes, names, st, st.subject(p - 1, 30), y, 3 * place)
    if "作为" in f[s0:e0] or "以下" in f[s0:e0]:  # X(作为卖方)与Y(作为买方)订立买卖协议: the roles the agreement names
        for m in st.ms:
            said = _AS_PARTY.match(f, m.end, min(e0, m.end + 12)) or _CALLED_PARTY.match(f, m.end, min(e0, m.end + 40))
            if said is not None and m.entity != OTHER:
                seller = said.group(1) is not None
                _give(votes, names, st, m if seller else None, None if seller else m, 3 * place)
    for m in st.ms:  # 买方佳禾医药 / 卖方(本公司…): a filing names each party after its role in the agreement
        said = _ROLE_BEFORE.search(f, max(s0, m.start - 5), m.start)
        if said is not None and m.entity != OTHER:
            seller = said.group(1) is not None
            _give(votes, names, st, m if seller else None, None if seller else m, 3 * place)
    for m in st.ms:  # 台康生技EG1206A: the company a drug code is written after owns it
        if m.entity != OTHER and _CODE_AFTER.match(f, m.end):
            _give(votes, names, st, m, None, 1 * place)
    for h in cues.of(C.Z_SUB, s0, e0):  # X(的)全资子公司 Y (及 Z)
        parent = st.left(h.start, 20)
        sub = st.right(h.end, 4, descriptors=False)
        if parent is None or sub is None or any(c in f[h.end : sub.start] for c in "与和同向就对及"):
            continue
        if _AND_OURS.fullmatch(f, parent.end, h.start):
            continue  # "Y、Z及公司的全资附属公司X": the announcer's unit, not the name before it
        if parent.entity != sub.entity:
            votes.parent[sub.entity] = parent.entity
            if (h.word == "旗下" and not _ITS_BEFORE.search(f, max(s0, parent.start - 4), parent.start)) or (
                f[h.start - 1 : h.start] == "其" and _UNIT_ACTS.match(f, sub.end)
            ):
                # 中天集团旗下合一生技与…签署, X宣布其子公司Y与Z签订…: the group's unit, named as the one acting, is
                # shown for the side
                votes.unit.setdefault(parent.entity, sub.entity)
        nxt = st.right(sub.end, 20, descriptors=False)
        if (
            nxt is not None
            and re.search(r"(?:及|、|和)[^与同向]{0,4}$", f[sub.end : nxt.start])
            and nxt.entity != parent.entity
        ):
            votes.parent[nxt.entity] = parent.entity


# ------------------------------------------------------------------------------------------------ decision


def decide(votes: Votes, names: Names, strong_in_lead: list[int]) -> tuple[int | None, int | None]:
    """(licensor, licensee) entity indices from the votes; None where the text does not settle it."""

    def up(e: int) -> int:
        seen = set()
        while e in votes.parent and e not in seen and votes.parent[e] >= 0:
            seen.add(e)
            e = votes.parent[e]
        return e

    lic_or: dict[int, float] = {}
    lic_ee: dict[int, float] = {}
    for src, dst in ((votes.licensor, lic_or), (votes.licensee, lic_ee)):
        for e, w in src.items():
            dst[up(e)] = dst.get(up(e), 0.0) + w
    cands = set(lic_or) | set(lic_ee)
    licensor = max(cands, key=lambda e: lic_or.get(e, 0) - lic_ee.get(e, 0), default=None)
    if licensor is not None and lic_or.get(licensor, 0) - lic_ee.get(licensor, 0) <= 0:
        licensor = None
    licensee = max((e for e in cands if e != licensor), key=lambda e: lic_ee.get(e, 0) - lic_or.get(e, 0), default=None)
    if licensee is not None and lic_ee.get(licensee, 0) - lic_or.get(licensee, 0) <= 0:
        licensee = None
    paired = {e for p in votes.pairs for e in p}
    parties = {up(e) for e in votes.parties} | {up(e) for e in paired}
    parties = {e for e in parties if names.entities[e].strength > LATIN or e in lic_or or e in lic_ee or e in paired}
    if (licensor is None) != (licensee is None):
        known = licensor if licensor is not None else licensee
        rest = {e for e in parties if e != known}
        if len(rest) != 1:  # the one the text pairs with the known party ("X has entered … with Y")
            rest = {up(b) if up(a) == known else up(a) for a, b in votes.pairs if known in (up(a), up(b))} - {known}
        if len(rest) != 1:
            rest = {up(e) for e in strong_in_lead if up(e) != known}
        if not rest:  # (a headline that names no company, over a lead that names the other one by its full name)
            rest = {up(i) for i, ent in enumerate(names.entities) if ent.strength >= STRONG and up(i) != known}
        if len(rest) == 1:
            other = next(iter(rest))
            if licensor is None:
                licensor = other
            else:
                licensee = other
    pairs = [(up(a), up(b)) for a, b in votes.pairs if up(a) != up(b)]
    if licensor is None and licensee is None and pairs:
        a, b = pairs[0]
        big = big_pharma()
        a_big = names.entities[a].canonical in big
        b_big = names.entities[b].canonical in big
        if a_big != b_big:
            licensee, licensor = (a, b) if a_big else (b, a)
    return licensor, licensee
