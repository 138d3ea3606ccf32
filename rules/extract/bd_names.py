"""Company names in deal news, in the lexicon or not: where each party is mentioned, and which mentions are one company.

A mention is found by what makes a word a company name in news writing, strongest first:
- the pharma lexicon (rules/lexicons/pharma_companies.yaml), in either script;
- a stock code in brackets right after it: 荣昌生物(09995.HK), AbbVie (ABBV.US), Hyperion (Nasdaq: HPTX), 翰森製藥(03692);
- a legal or industry head word: Onconic Therapeutics Inc., Affibody AB, Covis Group, 南北兄弟藥業投資有限公司;
- a Chinese industry ending on a proper stem: 荣昌生物, 石藥集團, 津曼特生物科技 (never 美國醫藥, 全球生物製藥, 法國製藥:
  a nationality, region or industry word is not a name);
- weakly, any capitalised word run in English (Forendo, Nestlé) and any Latin word in Chinese text (Kite, AveXis):
  these fill a grammatical slot (the object of "to acquire") but are not taken as parties on their own.
Descriptors before a name ("US-based", "U.S. cancer drug specialist", "瑞士制药公司", "美国基因疗法生物技术公司") are not
part of it. Aliases the text defines — (以下简称“苏州康宁杰瑞”), (NASDAQ:GILD) — point to the company they follow, and
公司 / 本公司 / 集团 in a filing point to the announcing company.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rules.extract import bd_cues as C
from rules.extract.bd_cues import Cues
from rules.extract.bd_text import has_cjk
from rules.lexicon import load
from rules.normalize import fold

# ------------------------------------------------------------------------------------------------ lexicon


@cache
def _wordlist(text: str) -> list[str]:
    """Words written in a block, separated by spaces, newlines or |."""
    return [w for w in re.split(r"[|\s]+", text) if w]


@cache
def big_pharma() -> frozenset[str]:
    """Canonical names of the large buyers (rules/lexicons/bd_big_pharma.yaml): in a deal between one of them and a
    smaller company whose roles the grammar leaves open, the large company is the one taking the licence."""
    return frozenset(load("bd_big_pharma").entries)


def _latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


# ------------------------------------------------------------------------------------------------ mentions

LEX, ALIAS, TICKER, SUFFIX, ZH, CAP, LATIN = 6, 5, 4, 3, 2, 1, 0  # strength of the evidence
STRONG = SUFFIX


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    surface: str
    key: str  # identity: canonical name for lexicon hits, else the folded surface without legal suffixes
    strength: int
    entity: int = -1
    anaphor: bool = False
    names_hint: str = ""  # a short form the text defines for it: (下称“参天中国”)


@dataclass(slots=True)
class Entity:
    key: str
    names: list[str] = field(default_factory=list)
    strength: int = 0
    canonical: str | None = None
    parent: int | None = None

    def display(self, surface: str | None = None) -> str:
        """The name to show: the one used where the role was stated, else the shortest proper name the text uses
        (a defined short form like 参天中国 over the legal name); a Latin short form of a known company reads as
        its full name (Bristol Myers → Bristol Myers Squibb)."""
        named = [n for n in self.names if n] or [self.key]
        full = [n for n in named if not (n.isupper() and n.isascii() and len(n) <= 5)]  # BMS → Bristol-Myers Squibb
        name = surface or min(full or named, key=lambda n: (len(n) < 2, len(n)))
        if name.isascii():  # "Sunrise receives …" → Sunrise Pharma, the name it was introduced by
            longer = [
                n
                for n in self.names
                if n.isascii()
                and n.lower().startswith(name.lower() + " ")
                and any(w.strip(".,&").lower() not in _SUFFIX_WORDS for w in n[len(name) :].split() if w.strip(".,&"))
            ]
            if not longer:  # "Sun Pharma" → Sun Pharmaceutical Industries: the short form abbreviates its last word
                longer = [n for n in self.names if n.isascii() and _abbreviates(name, n)]
            if longer:
                name = min(longer, key=len)
        if (
            self.canonical
            and name.isascii()
            and self.canonical.lower().startswith(name.lower().replace("-", " ") + " ")
        ):
            return self.canonical  # (Bristol-Myers → Bristol Myers Squibb)
        return name


def _abbreviates(short: str, long: str) -> bool:
    words, full = short.lower().split(), long.lower().split()
    return (
        len(words) >= 2
        and len(full) >= len(words)
        and words[:-1] == full[: len(words) - 1]
        and len(words[-1]) >= 4
        and (full[len(words) - 1].startswith(words[-1]) or _CONTRACTIONS.get(words[-1]) == full[len(words) - 1])
        and full[len(words) - 1] != words[-1]
    )


_CONTRACTIONS = {"labs": "laboratories", "intl": "international", "pharm": "pharmaceuticals"}  # Ipca Labs


_TRIM = " \t\n,，.。;；:：、·\"'“”‘’「」『』()（）[]【】《》"

# English: head words that make a capitalised run a company name, and legal suffixes that may follow them.
_LEGAL_TAIL = re.compile(
    r"(?:,?\s(?:Inc|Ltd|Limited|LLC|PLC|plc|AG|SA|S\.A|GmbH|NV|N\.V|A/S|AB|ASA|SE|KGaA|Pte|BV|Oyj|SpA|Co|Corp)\b\.?){1,3}"
)
_CAP_RUN = re.compile(
    r"(?<![\w.’'\-$€£])(?:[A-Z][\w’'\-]*|[a-z]{1,3}[A-Z][a-z][\w’'\-]*|\d+[A-Za-z]{2,}[\w\-]*)(?:\.(?=[A-Z\s]))?"
    r"(?:\s(?:&\s)?(?:(?:S\.A|N\.V|B\.V|A\.G|S\.p\.A|S\.L)\.?|[A-Z][\w’'\-]*(?!&)|\d+[A-Za-z]{2,}[\w\-]*|&|(?:Co|Inc|Ltd|Corp|Pte)\.?|bio)"
    r"(?:\.(?=[A-Z\s]))?){0,5}"
)
_LATIN_RUN = re.compile(
    r"[A-Za-z][A-Za-z0-9&’'.\-]*(?:\s(?:&\s)?(?:[A-Za-z]|\d+[A-Za-z])[A-Za-z0-9&’'.\-]*){0,4}"
)  # (not "Y 100%")

# Words that start a capitalised run without being a name (sentence openers, places, titles, descriptors).
_STOP_WORDS = frozenset(
    _wordlist("""the a an in on at under after before as but through via upon and or if while with from for to by its it this that these
    those his her their our we he she they shares share stock stocks separately meanwhile also both exclusive
    dives dive deeper deepens bets doubles jumps soars lands grabs bags nabs snaps scoops inks seals fronts
    usd eur gbp cny rmb hkd jpy chf krw twd sgd aud cad inr sek nok dkk nzd brl
    licensor licensors licensee licensees sublicensee purchaser purchasers vendor vendors seller sellers buyer buyers
    valued priced worth founded headquartered backed listed combined strategic ftse stoxx nikkei kospi topix
    additionally moreover furthermore likewise
    update breaking shots reuters bloomberg dow jones monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december jan feb mar apr jun
    jul aug sep sept oct nov dec phase fda ema cfius ftc sec nasdaq nyse hkex ceo cfo coo chief president
    chairman dr mr ms mrs including according last next earlier later today yesterday however despite although
    analysts investors under big global major rival fellow drugmaker drugmakers pharma biotech biotechs
    pharmaceutical pharmaceuticals company companies firm firms group deal deals agreement licensing license
    licence acquisition merger buyout takeover food drink drinks giant swiss us u.s u.s. usa uk u.k u.k. eu
    chinese china japanese japan german germany french france british britain american america european europe
    indian india korean korea danish denmark belgian israeli israel irish ireland dutch italian italy spanish
    spain canadian canada australian australia taiwanese taiwan hong kong singapore swedish sweden norwegian
    finnish austrian japan's china's britain's europe's america's new york london boston california californian
    texas massachusetts new jersey cambridge san francisco diego madrid berlin paris tokyo shanghai beijing
    dublin basel zurich copenhagen seattle world wall street journal marketwatch cnbc financial times ft
    insight opinion analysis news press release read more related see also one two three four five six seven
    eight nine ten first second third top latest it's here there what why how when where who which whose ad adc
    adcs car-t glp-1 pd-1 pd-l1 her2 kras tyk2 jak1 il-17 vegf btk egfr rna rnai sirna mrna dna aso ipo r&d ai api cro
    cdmo cvr jv m&a bd mnc mab mabs cea esmo asco aacr ash nash mash copd sma nsclc tki mou loi newco newcos ind nda bla
    anda nmpa cde pmda mhra darmstadt says said startup start-up suzhou hangzhou shenzhen guangzhou nanjing chengdu
    so now then thus yet another gip gipr glp-1r amylin glucagon bcma cd3 cd19 cd20 cd38 cd47 cd73 trop2 trop-2 gprc5d dll3 tslp tigit psma ror1 pcsk9
    cancer cancers oncology tumor tumour obesity diabetes claudin antibody antibodies rare orphan disease diseases board directors eye eyes skin
    inhibitor inhibitors treatment treatments ads adss adr adrs wuhan tianjin taipei seoul incheon osaka kyoto iv sc als ibd sle amd dmd hiv hbv hcv aml cll dlrs dlr mln bln bn brief brief- update wrapup exclusive-
    everyone everybody anyone anybody someone somebody nobody no-one nothing everything something
    hydrochloride mesylate maleate tartrate succinate etabonate besylate fumarate citrate acetate sulfate
    narcolepsy alzheimer alzheimer's parkinson parkinson's psoriasis asthma lupus hemophilia haemophilia epilepsy
    migraine schizophrenia depression hypertension arthritis sclerosis leukemia leukaemia lymphoma myeloma melanoma
    sepsis dermatitis eczema anemia anaemia hepatitis fibrosis dystrophy""")
)
# Countries, regions and cities written in the possessive before a company name ("Japan’s Kyocera", "China's Arctic
# Vision", "Australia’s Mayne"): a descriptor, not part of the name.
_PLACES = frozenset(
    re.split(
        r"\|",
        "us|u.s|u.s.|usa|america|uk|u.k|u.k.|britain|england|scotland|ireland|europe|eu|asia|africa|china|japan|korea|"
        "south korea|taiwan|hong kong|india|israel|germany|france|switzerland|italy|spain|portugal|belgium|"
        "netherlands|holland|denmark|sweden|norway|finland|austria|poland|russia|canada|mexico|brazil|argentina|"
        "australia|new zealand|singapore|malaysia|thailand|vietnam|indonesia|iceland|hungary|greece|turkey|"
        "beijing|shanghai|shenzhen|suzhou|hangzhou|tokyo|osaka|seoul|london|paris|boston|basel|copenhagen|"
        "massachusetts|california|new jersey|texas|pennsylvania|new york|maryland|north carolina|washington|"
        "illinois|florida|colorado|connecticut|ohio|michigan|minnesota|utah|south africa|saudi arabia|"
        "bay area|silicon valley|the world|the country|the nation|the region|the city|"
        "cayman islands|virgin islands|british virgin islands|bermuda|delaware|luxembourg|jersey|guernsey|bahamas",
    )
)
_THEN_STATE = re.compile(r",\s([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b")
# Words that split a capitalised run in Title Case headlines ("Sanofi Agrees to Buy Blueprint Medicines").
_RUN_BREAK = frozenset(
    _wordlist("""agrees agree agreed to buy buys acquire acquires acquired acquiring acquisition enters enter entered into
    announces announce announced signs sign signed inks ink strikes strike licenses license licensing licence
    licences in-licenses out-licenses grants grant granted exclusive global worldwide option options agreement
    deal deals pact worth up for with and of in on from at by pays pay bets bet gains gain forms form debuts
    takes take snaps scoops wins win merger merge merges collaboration partnership partner partners
    co-development newco completes complete closes launches unveils expands teams joins receives gets secures obtains obtain obtained
    nabs bags lands rights upfront billion million over under new its their as after than more about around commits
    wagers invests spends offloads sheds divests sells rises rise jumps soars surges climbs gains rallies falls drops
    slides slumps sinks tumbles plunges granting turns turned taps tapped develop develops
    near nearly approximately investigational oral novel first phase trial data drug drugs therapy antibody
    bispecific adc candidate asset assets program platform the a an is are be will would has have had set plans
    plan seeks establish establishes established launch unite unites ally allies link links backs backed paying
    collaborate collaborates collaborating reveals reveal revealed finally taps tapped picks picked selects selected
    enlists enlisted chooses chose bolsters bolstered expand expands strengthen strengthens broaden broadens bolster
    deepen deepens portfolio reach reaches reached strikes struck""")
)
_EPONYMS = frozenset(
    _wordlist("""alzheimer parkinson huntington crohn hodgkin graves cushing duchenne fabry gaucher pompe tourette sjogren
    sjögren raynaud addison hashimoto kaposi batten niemann-pick tay-sachs behçet behcet""")
)
_GENERIC_HEAD = frozenset(
    _wordlist("""pharmaceutical pharmaceuticals pharma therapeutics biosciences bioscience biotech biotechnology biologics
    bio biopharma biopharmaceutical biopharmaceuticals oncology medicines medicine sciences laboratories labs
    genetics genomics healthcare vaccines therapies group holdings holding inc ltd limited llc plc ag sa gmbh
    nv corp corporation co industries medical""")
)
_NATIONALITY = (
    "American|Canadian|Mexican|Brazilian|Argentine|Argentinian|Chilean|Colombian|Peruvian|Cuban|British|English|Scottish|"
    "Welsh|Irish|French|German|Dutch|Belgian|Swiss|Austrian|Italian|Spanish|Portuguese|Danish|Swedish|Norwegian|"
    "Finnish|Icelandic|Nordic|Scandinavian|Polish|Czech|Slovak|Hungarian|Romanian|Bulgarian|Greek|Turkish|Russian|"
    "Ukrainian|Croatian|Serbian|Slovenian|Estonian|Latvian|Lithuanian|European|Asian|African|Australian|Indian|Pakistani|"
    "Chinese|Japanese|Korean|Taiwanese|Singaporean|Malaysian|Indonesian|Thai|Vietnamese|Filipino|Israeli|Saudi|Emirati|"
    "Egyptian|Nigerian|Kenyan|Californian|Texan|Bostonian|Mainland|Hongkong|Macanese|Cantonese|Shanghainese"
)
_FUND_WORDS = frozenset(("capital", "partners", "ventures", "investments", "investors", "equity"))
_ADJECTIVE = re.compile(
    r"^(?:(?:" + _NATIONALITY + r")(?:-\w+)?|"
    r"[A-Z][\w.]*-(?:based|headquartered|incorporated|domiciled|listed|backed|back|focused|born|owned|registered|driven|"
    r"enabled|powered|targeted|"
    r"directed|derived|like|class|generation|led|guided|related|specific|selective|stage|developed|made|discovered|"
    r"originated|grown))$"
)
_LETTERS = re.compile(r"[A-Za-z]")

# Chinese: industry endings, and what may not stand before them as the stem of a name.
_ZH_STOP_WORDS = _wordlist(
    "与|和|及|同|跟|向|将|把|被|对|从|由|在|为|是|的|了|其|已|就|并|且|又|还|后|"
    "前|获|以|至|于|予|给|让|等|或|而|收购|并购|购买|购入|买下|授权|许可|宣布|公告|自愿|公布|签署|签订|订立|达成|"
    "获得|取得|引进|子公司|附属|旗下|央企|国企|公司|消息|报道|表示|透露|日电|日讯|指出|称|涨|跌|"
    "日|月|年|股|板块|领涨|一家|一间|该|这家|本公司|本集团|本次|本年|本月|本周|全资|控股股东|大股东|股东|控股|合作伙伴|伙伴|来看|方面|中的|显示|包括|如|"
    "例如|今天|今日|昨日|近日|目前|早前|此前|同意|计划|筹划|拟|斥资|豪掷|砸|牵手|携手|联手|"
    "合作|交易|协议|首付|里程碑|美元|亿|万|一款|一种|一个|一项|该款|多款|两款|其他|"
    "下属|分享|负担|处理|执行|上市后|接受|授予|锁定|瞄准|押注|加码|斩获|落地|刷新|创下|发布|巨头|药企|龙头|大厂|开发商|生产商|制造商|分销商|供应商|正式|"
    "买方|卖方|买家|卖家|受让方|转让方|出售方|收购方|许可方|授权方|投资者|投资人|投资方|"
)
# greedy: the stem starts after the last function word or verb; longer words first (获得 before 获)
# 元 after a number is money (1亿元收购…); in a name it is a name (墨元, 再生元)
# 企业 after a description (创新药企业X, 上市企业X) ends it, unless it begins 企业集团 (a name's ending)
_ZH_STOP_ALT = (
    r"药?企业(?!集团)|" + "|".join(sorted(set(_ZH_STOP_WORDS), key=len, reverse=True)) + r"|(?<=[\d亿万千百])元"
)
_ZH_STOP = re.compile(f".*(?:{_ZH_STOP_ALT})")  # up to the last stop word
_ZH_STOP_ANY = re.compile(_ZH_STOP_ALT)  # each stop word
_ZH_NAME_CHARS = frozenset("和以同向及于")  # stop words that are also characters of names: 和黄, 圣和, 以岭, 同源康
# countries and regions written before a company (美国药企X, 授权丹麦Y): a descriptor, never the name
ZH_COUNTRIES = (
    "美国|中国|日本|瑞士|法国|英国|德国|印度|韩国|南韩|台湾|香港|欧洲|亚洲|丹麦|比利时|以色列|澳洲|澳大利亚|加拿大|新加坡|"
    "爱尔兰|荷兰|意大利|西班牙|瑞典|挪威|芬兰|奥地利|俄罗斯|巴西|越南|泰国"
)
ZH_GENERIC = re.compile(
    rf"^(?:美國|中國|全球|跨国|国际|海外|国内|本土|我国|本国|{ZH_COUNTRIES}|"
    r"港股|a股|美股|h股|内地|大陆|本港|两岸|国产|美|中|日|英|法|德|港|台|欧|韩|印|瑞)?"
    r"(?:创新|生物|医药|制药|药|疗法|基因|细胞|抗体|癌症|肿瘤|罕见病|眼科|大型|小型|中型|知名|龙头|头部|老牌|新兴|"
    r"传统|领先|大|小|老|新|相关|概念|板块|该|此|这|那|某|多|多家|多间|各|各家|其他|其它|同业|同行|竞争|对手|合作|"
    r"伙伴|上游|下游|药物|研发|技术|科研|医学|研究|临床|中药|化学|原料|仿制|生化|制剂|医疗|健康|器械|疫苗|血液|"
    r"诊断|检测|工业|产业|企业|行业|领域|厂商|巨头|大厂|药企|公司|集团|旗下|子|母|合资|新公司|学名|仿制药|原研|专科|特药|中成药|"
    r"生技|生医|学名药|医学研究|血癌|癌|抗癌|白血病|淋巴瘤|骨髓瘤|糖尿病|减重|减肥|降糖|降脂|镇痛|抗病毒|心血管|自免|"
    r"免疫|神经|精神|眼|皮肤|口服|注射|临床阶段|阶段|的|科技|生物科技|独立第三方|第三方|独立|卖方|买方|明星|重磅|核心|王牌|"
    r"拳头|潜力|首款|自主研发)*$"
)
_BUSINESS_TAIL = re.compile(r"(?:的)?(?:部分|全部|剩余|相关)?(?:业务|资产|部门|事业部|产品线|管线)$")
_ZH_PRODUCT_TAIL = re.compile(
    r"(?:双抗|单抗|抗体|双特异性抗体|三抗|adc|疫苗|口服|注射|小分子|多肽|减重|降糖|降脂|抗癌|抗肿瘤|肿瘤|癌症|眼科|镇痛|"
    r"罕见病|自免|溶瘤|基因|细胞)+$"
)
_DEVELOPS = re.compile(r"(?:开发|研发|研制|生产|销售|推出|引进|上市)$")
_ZH_DESCRIPTOR_AFTER = re.compile(r"(?:公司|企业|药企|厂商|巨头|大厂|龙头|企业集团)(?=[\u4e00-\u9fffa-z])")
_ZH_NOT_NAME_AFTER = re.compile(r"(?:牌|相似|类似|仿制|股(?!份)|板块|概念|行业|领域|指数|etf|基金|类|产业|工业|市场)")

# Stock codes in brackets: (09995.HK) (ZBIO.US) (Nasdaq: ITMN) (SHA: 600276) (688331.SH;09995.HK) (03692) (4114)
_CODE = (
    r"(?:(?:nasdaq(?:gs|gm|cm)?|nyse(?:\s?american|arca)?|amex|hkex|sehk|sse|szse|sha|she|shse|tyo|tse|lse|lon|otc(?:qx|qb|pk|mkts)?"
    r"|tsx|asx|kosdaq|krx|kospi|twse|tpex|euronext|six|xetra|cbi|ta|tase|nov|vx|epa|fra|bse|nse|shenzhen|shanghai)\s?[:：]\s?[a-z0-9.]{1,8}"
    r"|\d{4,6}(?:[.\-](?:hk|sh|sz|ss|tw|two|us|t|ks|kq))?|[a-z]{1,5}[.\-](?:us|hk|n|o|l|ss|sh))"
)
_CODE_ONLY = re.compile(_CODE)
_TICKER_PAREN = re.compile(r"[(（]\s?(" + _CODE + r"(?:\s?[;；,，/、]\s?" + _CODE + r"){0,2})\s?[)）]")
_YEAR = re.compile(r"^(?:19|20)\d\d$")

# Aliases the text defines right after a name: (以下简称“苏州康宁杰瑞”) (下称"参天中国") ("GSK")
_ALIAS_DEF = re.compile(
    r"[(（]\s?(?:以下简称|以下称|下称|简称|下文简称|统称|以下合称|以下统称|合称)?\s?[“\"「『]([^”\"」』]{1,20})[”\"」』]\s?[)）]"
    r"|[(（]\s?(?:以下简称|以下称|下称|简称|下文简称|以下合称|合称)[:：]?\s?([^)）“”\"「」『』，,；;]{2,12})[)）]"
)
# an English filing's name for a party by its role: (collectively referred to as the Licensors), (the "Licensee")
_ROLE_DEF = re.compile(
    r"\.?,?\s?\((?:(?:collectively|together|jointly)(?:,|\sreferred to as|\sas)?\s)?(?:the\s)?[“\"]?"
    r"(licensors?|licensees?|purchasers?|sellers?|vendors?|buyers?)[”\"]?\)"
)
_LEGAL_THEN_GONGSI = re.compile(
    r"\.?(?:[.,\s]{0,3}(?:ltd|inc|co|corp|limited|llc|plc|ag|gmbh)\b\.?){1,3}\s?(?:有限公司|公司)?"
)
_ANAPHOR_ZH = re.compile(
    r"(?:本公司|本集团|我方|(?:^|(?<=[，,。；;：:\s」”\)）就将与向由从为对经予给]))(?:该公司|该集团|公司|集团))(?![\u4e00-\u9fff]{0,1}(?:有限|股份))"
)


def _clean(s: str) -> str:
    return s.strip(_TRIM).removesuffix("'s").removesuffix("’s").strip(_TRIM)


_SUFFIX_WORDS = frozenset(
    _wordlist(
        """inc ltd limited llc plc ag sa gmbh nv corp corporation co pte ab as se kgaa bv oyj spa holdings holding
        s.a n.v b.v a.g s.p.a s.l"""
    )
)


_CAMEL = re.compile(r"[a-z]{1,3}[A-Z][a-z]")  # vTv, iTeos, uniQure: a name that starts in lower case
_BASED_AFTER = re.compile(r"\.?-(?:based|headquartered|incorporated|domiciled)\b")
_PLACE_AFTER = re.compile(r",\s?[A-Z][\w.\s]{0,20}-(?:based|headquartered)\b")
_LEGAL_DOT = frozenset(["ltd.", "inc.", "corp.", "co.", "plc.", "llc.", "ag.", "s.a.", "n.v."])
_TOKEN = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")
_THREE_LOWER = re.compile(r"[a-z]{3}")
_KEY_SPLIT = re.compile(r"[\s\"'“”‘’·,.()（）&\-]+")
_WORD_SPLIT = re.compile(r"[\s\"'“”‘’·,.()（）]+")
_INITIAL_SPLIT = re.compile(r"[\s\-]+")


def _cheap_fold(surface: str) -> str:
    """Lower case, and Simplified script only when the name has Chinese characters (fold is costly)."""
    return fold(surface) if has_cjk(surface) else surface.lower()


def key_of(surface: str, folded: str | None = None) -> str:
    """Identity of a name: folded, without spaces, punctuation and legal suffixes."""
    words = _KEY_SPLIT.split(folded if folded is not None else _cheap_fold(surface))
    while len(words) > 1 and (not words[-1] or words[-1] in _SUFFIX_WORDS):
        words.pop()
    k = "".join(words)
    if not k.isascii():
        k = _LEGAL_ZH.sub("", k)
    return k or _cheap_fold(surface)


def _en_name(raw: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim descriptors off a capitalised run raw[start:end]; None when nothing proper is left."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(raw, start, end)]

    def descriptor(tok: tuple[int, int]) -> bool:
        word = raw[tok[0] : tok[1]].rstrip(".,;:")
        low = word.lower().replace("’", "'")
        if low in _GENERIC_HEAD:
            return False
        k = tokens.index(tok)
        nxt = raw[tokens[k + 1][0] : tokens[k + 1][1]] if k + 1 < len(tokens) else ""
        if word.isupper() and nxt[:1].isupper() and nxt.lower() in _HEAD_WORDS and low not in _PLACES:
            return False  # "ADC Therapeutics SA (NYSE: ADCT)"
        return low in _STOP_WORDS or bool(_ADJECTIVE.match(word)) or (low.endswith("'s") and low[:-2] in _STOP_WORDS)

    cut = max((i + 1 for i, tok in enumerate(tokens) if descriptor(tok)), default=0)
    tokens = tokens[cut:]  # "Versant Ventures-backed Vividion" → "Vividion"; "The UK pharma" → nothing
    if not tokens:
        return None
    s, e = tokens[0][0], tokens[-1][1]
    words = raw[s:e].split()
    proper = [w for w in words if w.lower().strip(".,") not in _GENERIC_HEAD and w not in ("&", "bio")]
    if not proper:
        return None
    if len(words) == 1 and (len(words[0].strip(".,")) < 2 or not _LETTERS.search(words[0])):
        return None
    return s, e


def _zh_stem_start(f: str, end_start: int, limit: int) -> int | None:
    """Where the proper stem before a Chinese ending at `end_start` begins (None when there is no proper stem)."""
    s = end_start
    while s > limit and end_start - s < 8 and "\u4e00" <= f[s - 1] <= "\u9fff":
        s -= 1
    stem = f[s:end_start]
    stops = list(_ZH_STOP_ANY.finditer(stem))
    if stops:
        # after the last stop word; when that leaves under two characters, after an earlier one that leaves a name
        # (辉瑞与圣和药业 → 圣和), or none when the one stop is a character of the name (圣和药业, 以岭药业)
        keep = None
        for m in reversed(stops):
            if end_start - (s + m.end()) >= 2 and _ZH_STOP_ANY.match(stem, m.end()) is None:
                keep = m.end()
                break
            if m.group() not in _ZH_NAME_CHARS:
                return None  # 向康瑞生物购买其新药: a true stop word right before the ending leaves no name
        if keep is None:
            one = stops[0] if len(stops) == 1 else None
            keep = 0 if one is not None and one.group() in _ZH_NAME_CHARS else stops[-1].end()
        s += keep
        stem = f[s:end_start]
    if len(stem) < 2 or ZH_GENERIC.match(stem):
        return None
    if stem.startswith("美国") and end_start - s >= 4:
        s += 2  # 美国基因转译生物科学公司, 美国强生: the country describes the company (no name starts with it)
    return s


@dataclass
class Names:
    """Mentions found in the deal text, grouped into entities."""

    mentions: list[Mention]
    entities: list[Entity]
    announcer: int | None = None


# A drug target written like a name: THRbeta, PPARgamma, Lp(a) (the bracket checked apart)
_DRUG_TARGET = re.compile(r"[A-Z][A-Za-z0-9]{1,5}(?:alpha|beta|gamma|delta)|Lp")


def find_names(raw: str, f: str, spans: list[tuple[int, int]], zh: bool, cues: Cues) -> Names:
    """Company mentions inside `spans` of the text (`raw` original, `f` its fold_zh, same offsets); spans may include
    background clauses, which name companies the deal sentences refer back to ("the firm")."""
    found: list[Mention] = []
    symbols: list[tuple[str, int]] = []  # ticker symbol → where the name it follows starts
    lexnames = C.lexicon()
    for s0, e0 in spans:
        lex: dict[int, int] = {}
        for h in cues.of(C.LEX, s0, e0):
            found.append(Mention(h[0], h[1], raw[h[0] : h[1]], "lex:" + lexnames[h[2]], LEX))
            lex[h[0]] = h[1]
        if zh:
            _zh_mentions(raw, f, s0, e0, found, cues)
        else:
            _en_mentions(raw, s0, e0, found, lex)
        if "(" in f[s0:e0] or "（" in f[s0:e0]:
            for m in _TICKER_PAREN.finditer(f, s0, e0):
                sym = _ticker_name(raw, f, m, s0, found)
                if sym:
                    symbols.append(sym)
        if zh and s0 == spans[0][0]:
            _headline_subject(raw, f, s0, e0, found)
    mentions = [
        m
        for m in _resolve_overlaps(found, raw, f)
        if m.strength == LEX or not (_DRUG_TARGET.fullmatch(raw, m.start, m.end) or raw.startswith("(a)", m.end))
    ]
    _aliases(raw, f, spans, mentions, symbols)
    if zh:
        _short_forms(raw, f, spans, mentions)
    else:
        _coded_first_words(raw, f, spans, mentions)
    mentions.sort(key=lambda m: m.start)
    if any(m.key == "lex:Merck KGaA" for m in mentions):
        for bare in mentions:  # "Germany's Merck KGaA … Merck is eligible": bare Merck is the KGaA named before it
            if bare.key == "lex:Merck & Co." and bare.surface.lower().rstrip("'’s") == "merck":
                bare.key = "lex:Merck KGaA"
    entities = _group(mentions, raw, f)
    names = Names(mentions, entities)
    if zh:
        _announcer(raw, f, spans, names)
        if "者" in f:
            _latter(f, spans, names)
    return names


def _coded_first_words(raw: str, f: str, spans: list[tuple[int, int]], mentions: list[Mention]) -> None:
    """ "G1 Therapeutics … G1 to receive $14 million": a name whose first word has a digit is written short as that
    word, which alone reads as a drug code and is not found by itself."""
    covered = [(m.start, m.end) for m in mentions]
    for m in list(mentions):
        if m.strength < SUFFIX or m.anaphor or " " not in m.surface:
            continue
        first = m.surface.split(" ", 1)[0]
        if not (2 <= len(first) <= 8 and any(ch.isdigit() for ch in first) and any(ch.isalpha() for ch in first)):
            continue
        word = re.compile(rf"(?<![\w-]){re.escape(first.lower())}(?![\w-])")
        for s0, e0 in spans:
            for x in word.finditer(f, s0, e0):
                if not any(a < x.end() and x.start() < b for a, b in covered):
                    mentions.append(Mention(x.start(), x.end(), raw[x.start() : x.end()], m.key, ALIAS, anaphor=True))
                    covered.append((x.start(), x.end()))


def _latter(f: str, spans: list[tuple[int, int]], names: Names) -> None:
    """后者 / 前者 (the latter, the former) as mentions of the company they stand for in their sentence: 与加拿大药厂
    Valeant达成协议,收购后者旗下…."""
    added = False
    for s0, e0 in spans:
        for x in re.finditer("[前后]者", f[s0:e0]):
            at = s0 + x.start()
            seen: list[int] = []
            for m in names.mentions:
                if s0 <= m.start and m.end <= at and m.entity >= 0 and (not seen or seen[-1] != m.entity):
                    seen.append(m.entity)
            if len(seen) >= 2:
                e = seen[-1] if x.group() == "后者" else seen[-2]
                ent = names.entities[e]
                names.mentions.append(Mention(at, at + 2, x.group(), ent.key, ALIAS, entity=e, anaphor=True))
                added = True
    if added:
        names.mentions.sort(key=lambda m: m.start)


_HEAD_WORDS = frozenset(
    _wordlist("""inc inc. ltd ltd. limited llc plc ag sa s.a. gmbh nv n.v. a/s ab asa se kgaa pte bv oyj spa corp corp.
    corporation holdings holding group industries pharmaceutical pharmaceuticals pharma therapeutics
    biosciences bioscience biotherapeutics biotech biotechnology biotechnologies bio biopharma
    biopharmaceutical biopharmaceuticals biologics oncology medicines sciences laboratories labs genetics
    genomics healthcare vaccines therapies biomedical biomedicine biomedicines biosystems biotherapies
    immunotherapeutics biomed biomedica medical""")
)


# the stems of drug names (INNs): -zumab antibodies, -tinib kinase inhibitors, -siran siRNAs … (a known company such
# as Genmab is a lexicon hit, found before this)
_INN_STEMS = (
    "zumab|ximab|tumab|lumab|mumab|tinib|ciclib|parib|lisib|rafenib|glutide|siran|gliflozin|gliptin|vastatin|sartan|"
    "prazole|deruxtecan|vedotin"
)  # never a name's ending
_INN = re.compile(rf"^[a-z]{{4,}}(?:{_INN_STEMS}|tirzepatide|rsen|cept)$")


# (inside a capitalised run only the unmistakable stems: "Halvorsen Pharma" ends in -rsen)
_INN_IN_RUN = re.compile(rf"^[a-z]{{4,}}(?:{_INN_STEMS})$")
_EURO_AMOUNT = re.compile(r"E\d[\d.,]*\s?(?:million|billion|mln|bln|bn|m)\b")  # "E310 million" (euros), no name
_INN_IN_BRACKETS = re.compile(r"\s?\((?:[a-z]{5,}(?:[ -][a-z]+){0,3})\)")


def _en_mentions(raw: str, s0: int, e0: int, found: list[Mention], lex: dict[int, int]) -> None:
    """Capitalised runs, cut at verbs (Title Case headlines) and descriptors; a run ending in a head word
    (Therapeutics, Inc., AG, Group) is a company name, any other is a weak candidate for a grammatical slot."""
    for m in _CAP_RUN.finditer(raw, s0, e0):
        text = m.group()
        a = m.start()
        if lex.get(a, -1) >= m.end():
            continue  # a known company: the lexicon already has it
        if raw[max(s0, a - 2) : a].rstrip().endswith((":", "：")) and _EXCHANGE_BEFORE.search(raw, max(s0, a - 30), a):
            continue  # "(NASDAQ: HRNL)": the stock symbol of the name before it, not a name of its own
        if " " not in text:  # one word: the commonest case
            low = text.rstrip(".,;:").lower()
            if (
                len(text) < 2
                or low in _STOP_WORDS
                or low in _RUN_BREAK
                or _INN.search(low)
                or _EURO_AMOUNT.match(raw, a)
            ):
                continue  # (an INN capitalised in a headline: "… With Novartis on Tislelizumab")
            if _INN_IN_BRACKETS.match(raw, m.end()) or raw.startswith(("®", "™"), m.end()):
                continue  # "Elyxyb (celecoxib)", "Libtayo®": a brand (with its drug's name), not a company
            _en_candidate(raw, [(a, m.end(), text)], e0, found)
            continue
        pos = a
        seg: list[tuple[int, int, str]] = []
        segs = [seg]
        prev = ""
        toks = text.split(" ")
        for k, tok in enumerate(toks):
            if tok:
                if prev in _LEGAL_DOT and tok[0].isupper() and tok.rstrip(".,").lower() not in _SUFFIX_WORDS:
                    seg = []  # "… Co. Ltd. Financial terms …": the name ended with its legal suffix
                    segs.append(seg)
                prev = tok.lower()
                low = tok.rstrip(".,;:").lower()
                if (
                    (low in _RUN_BREAK and not (tok.isupper() and _headed(toks, k)))
                    or _INN_IN_RUN.search(low)
                    or _EURO_AMOUNT.match(raw, pos)
                ):
                    # ("Dermira Lebrikizumab Deal": the drug's name ends the company's)
                    seg = []
                    segs.append(seg)
                else:
                    seg.append((pos, pos + len(tok), tok))
            pos += len(tok) + 1
        for seg in segs:
            if seg:
                _en_candidate(raw, seg, e0, found)


def _named_in_full(raw: str, seg: list[tuple[int, int, str]]) -> bool:
    """A short run that opens with a number word ("for Five Prime") is the name the text gives in full elsewhere
    with a head word ("Five Prime Therapeutics Inc."): the number word is the name's own."""
    if len(seg) < 2 or seg[0][2].lower() not in _NUMBER_WORDS:
        return False
    run = re.escape(" ".join(t.rstrip(".,;:") for _, _, t in seg))
    return any(w.group(1).rstrip(".,").lower() in _HEAD_WORDS for w in re.finditer(rf"\b{run}\s([A-Z][\w.]*)", raw))


def _headed(toks: list[str], k: int) -> bool:
    """The next word is a capitalised head word: "ADC Therapeutics" is a name, not the ADC of a headline."""
    nxt = toks[k + 1].rstrip(".,;:") if k + 1 < len(toks) else ""
    return nxt[:1].isupper() and nxt.lower() in _HEAD_WORDS


def _en_candidate(raw: str, seg: list[tuple[int, int, str]], e0: int, found: list[Mention]) -> None:
    for i, (a, b, tok) in enumerate(seg):
        nxt = seg[i + 1][2] if i + 1 < len(seg) else ""
        plural_owner = (  # "Quorvex Therapeutics' T-cell engager", "… Labs' ADC" (not "Fenwick Ventures' Talvio")
            tok.endswith(("s'", "s’")) and len(tok) > 3 and (not nxt[:1].isupper() or "-" in nxt or nxt.isupper())
        )
        if i == 0 and tok.endswith(("S'", "S’")) and tok[:-1].lower() in _PLACES:
            if len(seg) > 1:  # "Licensing Deal With US' Summit": the place the company is from
                _en_candidate(raw, seg[1:], e0, found)
            return
        if tok.endswith(("'s", "’s")) or plural_owner:  # "Junshi’s PD-1 inhibitor": the name ends at the possessive
            if i == 0 and raw[max(0, a - 4) : a].lower() == "the ":
                return  # "the Alzheimer's treatment developer": a description, not a name
            if (
                i + 1 < len(seg)
                and " ".join(t for _, _, t in seg[: i + 1])[: -1 if plural_owner else -2].lower() in _PLACES
            ):
                seg = seg[i + 1 :]  # "Japan’s Kyocera Corp.", "South Korea's Hanmi": the place is a descriptor
                return _en_candidate(raw, seg, e0, found)
            if i + 1 < len(seg):  # "Third Rock's Nurix", "Sino Biopharm's Invox Pharma": the owner and the owned
                _en_candidate(raw, seg[i + 1 :], e0, found)
            k = 1 if plural_owner else 2
            seg = [*seg[:i], (a, b - k, tok[:-k])]
            break
    if seg[0][2][:1] in "BU" and seg[0][2].upper().startswith(("BRIEF-", "UPDATE-")):  # Reuters: "BRIEF-Nichi-Iko …"
        a, b, tok = seg[0]
        k = tok.index("-") + 1
        seg = [(a + k, b, tok[k:]), *seg[1:]]
    cut = 0
    headed = (len(seg) >= 3 and seg[-1][2].rstrip(".,").lower() in _HEAD_WORDS) or _named_in_full(raw, seg)
    for i, (_, _, tok) in enumerate(seg):
        low = tok.rstrip(".,;:").lower().replace("’", "'")
        if low in _HEAD_WORDS or (headed and low in _NUMBER_WORDS) or _field_in_name(seg, i, low):
            continue  # "Five Prime Therapeutics", "Day One Biopharmaceuticals", "Harnell Eye Care, LLC": a number word
            # or a field of medicine inside a company's name
        if low in ("company", "companies") and i and seg[i - 1][2].rstrip(".,").lower() in _HEAD_WORDS:
            continue  # "Jiangsu Nhwa Pharmaceutical Company Ltd.": the company word of a name
        if low == "company" and i and _LEGAL_TAIL.match(raw, seg[i][1], e0):
            continue  # "Akorn Operating Company LLC": a registered name
        if (
            low in _STOP_WORDS
            and tok.isupper()
            and i + 1 < len(seg)
            and seg[i + 1][2][:1].isupper()
            and seg[i + 1][2].rstrip(".,;:").lower() in _HEAD_WORDS
            and low not in _PLACES
        ):
            continue  # "ADC Therapeutics", "CAR-T Bio": an acronym that starts a name
        if (
            low in _STOP_WORDS
            or low.startswith("anti-")
            or (
                ("-" in tok or low.endswith(("an", "ese", "ish", "ch", "i", "ss", "ek", "ak", "ic", "no")))
                and _ADJECTIVE.match(tok)
                and not ("-" not in tok and i > cut and seg[i - 1][2][:1].isupper())  # "Bavarian Nordic": a name's
            )
        ):  # (not "Anti-TSLP": a drug's class)
            cut = i + 1  # "Versant Ventures-backed Vividion" → "Vividion"; "The UK pharma" → nothing
    if cut == 1 == len(seg) - 1 and seg[1][2].rstrip(".,").lower() in _FUND_WORDS and _ADJECTIVE.match(seg[0][2]):
        cut = 0  # "Nordic Capital", "European Equity Partners": a fund's name, not a descriptor before it
    if (
        cut == 1 < len(seg)
        and seg[0][2].lower() in _PLACES
        and all(w[:1].isupper() and w.rstrip(".,").lower() in _HEAD_WORDS for _, _, w in seg[1:])
        and raw[max(0, seg[0][0] - 4) : seg[0][0]].lower() != "the "
    ):
        cut = (
            0  # "Korea Pharma", "China Biologic", "Boston Biomedical Inc.": a place and company words only is the name
        )
    seg = seg[cut:]
    if not seg:
        return
    s, e = seg[0][0], seg[-1][1]
    words = [t[2] for t in seg]
    if " ".join(words).rstrip(".,;:").lower() in _PLACES:
        return  # "headquartered in the British Virgin Islands": where a party is, not a party
    if " ".join(words).lower() in ("free report", "get report"):
        return  # Zacks' and TheStreet's "(ZYME - Free Report)": a link's words
    if (
        len(words) <= 2
        and (state := _THEN_STATE.match(raw, e)) is not None
        and state.group(1).lower() in _PLACES
        and raw[max(0, s - 3) : s] == "of "
    ):
        return  # "X of Rockville, Maryland, has signed …": a city, where X is
    last = words[-1].rstrip(".,").lower()
    proper = [w for w in words if w.rstrip(".,").lower() not in _HEAD_WORDS and w not in ("&", "bio")]
    if not proper:
        return
    if len(words) == 1:
        w = words[0].strip(".,")
        if len(w) < 2 or not _LETTERS.search(w) or w.lower() in _EPONYMS or _drug_code(w) or w.lower() in _SUFFIX_WORDS:
            return  # (not "Co" of "Eli Lilly and Co.")
        if "-" in w and all(p in _PLACES for p in w.lower().split("-")):
            return  # "China-US cell therapy company Y": where Y works, not a company
        if s > 0 and raw[s - 1] in "(（" and (w.isupper() or _EXCHANGE_WORD.match(w)):
            return  # an abbreviation being defined: (GERD), (JV); an exchange: (Nasdaq-OMX; BTH1V)
        if w.lower() in ("rs", "inr") and _DIGIT_NEXT.match(raw, e):
            return  # "Rs 14,000 crore": rupees
        if w.lower() in ("technology", "technologies", "platform", "platforms") or w.lower() in _NATIONALS:
            return  # "Taps into Seattle’s ADC Technology": what is licensed, not who; "will see the Danes receive …"
    if last in _PERSON_WORDS:
        return  # "China Pharma Billionaire’s Shares": a person, described
    if raw[max(0, s - 6) : s].lower() == "index " or _INDEX_NEXT.match(raw, e):
        return  # "the technology index TecDAX", "the Nasdaq Biotechnology Index": a market, not a company
    if last in _MAKER_WORDS or (len(words) == 1 and _MAKER_AFTER.match(raw, e)):
        return  # "Buy TAVNEOS Developer", "the Ozempic maker": a company described by its drug, named elsewhere
    headed = len(words) >= 2 and (
        last in _HEAD_WORDS or last + "." in _HEAD_WORDS or (last == "co" and words[-2].lower() in _HEAD_WORDS)
    )  # ("WY Biotech Co., Ltd.": a head word, then Co.)
    strength = SUFFIX if headed else CAP
    if strength == CAP and len(words) == 1 and _COMMA_LEGAL.match(raw, e, e0):
        strength = SUFFIX  # "ChemoCentryx, Inc.": a registered name
    tail = _LEGAL_TAIL.match(raw, e, e0) if strength == SUFFIX else None
    if tail:
        e = tail.end()
    surface = _clean(raw[s:e])
    if strength == CAP and (_PLACE_AFTER.match(raw, e, e0) or _BASED_AFTER.match(raw, e, e0)):
        return  # "Reykjavik, Iceland-based Alvotech", "San Francisco, Calif.-based InterMune": a place
    if surface:
        found.append(Mention(s, s + len(raw[s:e].rstrip(_TRIM)), surface, "", strength))


_INDEX_NEXT = re.compile(r"\s(?:index|indices|composite)\b", re.IGNORECASE)
_NATIONALS = frozenset(
    _wordlist("danes swedes finns norwegians germans americans brits britons koreans japanese dutch swiss")
)
_PERSON_WORDS = frozenset(_wordlist("billionaire tycoon founder chairman chairwoman ceo boss entrepreneur"))
_MAKER_WORDS = frozenset(["developer", "maker", "drugmaker", "manufacturer"])
_MAKER_AFTER = re.compile(r"\s(?:developer|maker|drugmaker|drug maker|manufacturer)\b", re.IGNORECASE)
_COMMA_LEGAL = re.compile(r",\s(?:Inc|Ltd|Limited|LLC|PLC|Corp|AG|GmbH)\b")


def _field_in_name(seg: list[tuple[int, int, str]], i: int, low: str) -> bool:
    """A field of medicine ("Harnell Eye Care") between a name's first word and a capitalised last one (at the run's
    start it describes the company: "Eye Drug Company Quorvex")."""
    if not (0 < i < len(seg) - 1 and low in _FIELD_WORDS):
        return False
    last = seg[-1][2].rstrip(".,;:")
    return last[:1].isupper() and last.lower() not in _STOP_WORDS and last.lower() not in _RUN_BREAK


_FIELD_WORDS = frozenset(
    _wordlist("""eye eyes skin cancer cancers oncology tumor tumour obesity diabetes rare orphan disease diseases
    antibody antibodies""")
)
_NUMBER_WORDS = frozenset(_wordlist("one two three four five six seven eight nine ten"))


def _drug_code(word: str) -> bool:
    """SSGJ-707, HS-10535, BCX-4208, CND261, JYB1904: a code, not a company (3SBio, 89bio are in the lexicon)."""
    if _CODE_HEAD.match(word):
        return True  # IL-2-diphtheria, PD-1-targeted, COVID-19: a target or a code leads the word
    return bool(_DIGIT.search(word)) and not _THREE_LOWER.search(word) and " " not in word.strip()


_DISEASE = re.compile(r"病|癌|溃疡|肿瘤|炎(?!黄)|症")
_BRACKET_AFTER = re.compile(r"(?:公司|集团|有限公司)?\s?[(（]\s?")
_CODE_HEAD = re.compile(r"[A-Z]{1,5}-\d")


def _zh_mentions(raw: str, f: str, s0: int, e0: int, found: list[Mention], cues: Cues) -> None:
    last_end = -1
    for a, b, _ in sorted(cues.of(C.ZH_END, s0, e0), key=lambda h: (h[0], -h[1])):
        if a < last_end:
            continue
        last_end = b
        start = _zh_stem_start(f, a, s0)
        if start is None:
            continue
        if "仿制" in f[start:b] or _DISEASE.search(f, start, b):
            continue  # 3种生物仿制药: biosimilars; 糖尿病足溃疡新药: a drug for a disease; no company
        if _ZH_DESCRIPTOR_AFTER.match(f, b) or _ZH_NOT_NAME_AFTER.match(f, b):
            continue  # 生物製藥公司AbbVie: a descriptor; 医药股 / 生物科技板块: a sector
        if _LATIN_NAME_NEXT.match(raw, b):
            continue  # 美國學名藥廠Upsher-Smith, 美國百年製藥公司 Upsher-Smith: a descriptor right before a Latin name
        if f[a:b] in ("新药", "创新药", "药品"):
            if _DEVELOPS.search(f, start, a):
                continue  # 授權阿斯利康開發新藥: the licensee develops drugs; its name stands before the verb
            kind = _ZH_PRODUCT_TAIL.search(f, start, a)
            if kind is not None:  # 三生国健双抗新药: the company is what stands before the kind of drug
                b = kind.start()
                if b - start < 2 or ZH_GENERIC.match(f[start:b]):
                    continue
        tail = _ZH_END_TAIL.match(f, b, e0)
        if tail:  # 上海君实生物医药 + 科技股份有限公司: one legal name
            b = last_end = tail.end()
            if _LATIN_NAME_NEXT.match(raw, b):
                continue  # 美国X科技股份有限公司 Y: a descriptor
        found.append(Mention(start, b, raw[start:b].strip(), "", ZH))
    if "有限" in f[s0:e0]:  # 中国医药健康产业股份有限公司: a registered name is a name, however generic its words
        for legal in _REGISTERED_ZH.finditer(f, s0, e0):
            start = legal.start()
            while start > s0 and legal.start() - start < 14 and "\u4e00" <= f[start - 1] <= "\u9fff":
                start -= 1
            stops = list(_ZH_STOP_ANY.finditer(f, start, legal.start()))
            if stops:
                start = stops[-1].end()
            elif start > s0 and "\u4e00" <= f[start - 1] <= "\u9fff":
                continue  # no edge found within reach (交易对方合计所持Y股份有限公司): leave it to the endings
            if legal.start() - start >= 4:
                found.append(Mention(start, legal.end(), raw[start : legal.end()].strip(), "", ZH))
    if "股" in f[s0:e0]:  # 收购数智健康全球30%股份, 收购湖北八峰100%的股权: the target, named by its place
        for m in _ACQ_OBJECT.finditer(f, s0, e0):
            name = m.group(1)
            if not ZH_GENERIC.match(name) and not _ZH_STOP.match(name) and not _ZH_PRODUCT_TAIL.search(name):
                found.append(Mention(m.start(1), m.end(1), raw[m.start(1) : m.end(1)], "", ZH))
    for m in _SIGNS_WITH.finditer(f, s0, e0):  # 与纽科签订《许可协议》: a counterparty named bare, without an ending
        name = m.group(1)
        if not ZH_GENERIC.match(name) and not _ZH_STOP_ANY.search(name) and not _NOT_A_PARTY.search(name):
            found.append(Mention(m.start(1), m.end(1), raw[m.start(1) : m.end(1)], "", ZH))
    if "以" in f[s0:e0]:
        for m in _PRICED_OBJECT.finditer(f, s0, e0):
            name, end = m.group(1), m.end(1)
            if (unit := _BUSINESS_TAIL.search(name)) is not None:  # 收购康瑞生物部分业务: the seller, not its unit
                name, end = name[: unit.start()], m.start(1) + unit.start()
            if (
                len(name) >= 2
                and not ZH_GENERIC.match(name)
                and not _ZH_STOP.match(name)
                and not _ZH_PRODUCT_TAIL.search(name)
            ):
                found.append(Mention(m.start(1), end, raw[m.start(1) : end], "", ZH))
    for m in _LATIN_RUN.finditer(raw, s0, e0):
        word = m.group().rstrip(".-'’ ")
        if len(word) < 2:
            continue
        low = word.lower()
        if (
            low in _STOP_WORDS
            or _INN.search(low)  # Pimicotinib(ABSK021): a drug's name
            or low.rsplit(" ", 1)[-1] in _DEAL_NOUNS  # 反向购并(Reverse Merger): the deal's name, not a company's
            or low in _SUFFIX_WORDS
            or (word[0].islower() and not _CAMEL.match(word))
            or (any(ch.isdigit() for ch in word) and not low.startswith(("3sbio", "89bio")))
        ):
            continue  # drug codes (SYH2086, HS-10535), INNs, targets (PD-1), acronyms (ADC), a legal suffix alone (,Inc.)
        if m.start() > 0 and raw[m.start() - 1] in "0123456789-/.":
            continue  # 4-1BB, 09988.HK: the tail of a code
        if _SYMBOL_BEFORE.search(f, max(s0, m.start() - 6), m.start()):
            continue  # 纽约证交所代号:SNY: a stock symbol
        if (
            m.start() > 0
            and raw[m.start() - 1] in "(（"
            and ((word.isupper() and len(word) <= 6) or _CODE_ONLY.fullmatch(low))
        ):
            continue  # an abbreviation being defined: (IND), (GERD); a stock code: (ABBV.US)
        found.append(Mention(m.start(), m.start() + len(word), word, "", LATIN))


_SIGNS_WITH = re.compile(
    r"(?<=[与和同])([\u4e00-\u9fff]{2,4})(?=(?:签订|签署|订立|签立|达成|缔结)(?:了)?(?:《|独家|授权|许可|合作|协议|合同))"
)
_NOT_A_PARTY = re.compile(
    r"政府|当地|对方|双方|各方|客户|医院|大学|学院|研究所|研究院|中心|机构|部门|银行|基金|投资者|股东|员工"
)
_EXCHANGES = (
    r"(?i:nasdaq|nyse|amex|tsx|tsxv|asx|lse|aim|otcqx|otcqb|otcpk|otcmkts|otc|pink|hkex|sehk|sgx|six|euronext|xetra|kosdaq|"
    r"kospi|tse|nse|bse|omx)"
)
_EXCHANGE_BEFORE = re.compile(
    _EXCHANGES + r"(?:\s?(?:american|global select|global|capital market|gs|gm|cm|mkt))?\s?[:：]\s?$"
)
_EXCHANGE_WORD = re.compile(_EXCHANGES + r"\b")  # (Nasdaq-OMX; BTH1V)
_SYMBOL_BEFORE = re.compile(r"(?:代号|代码|symbol|ticker)\s?[:：]?\s?$")
_DEAL_NOUNS = frozenset(_wordlist("merger mergers acquisition acquisitions deal deals agreement buyout takeover"))
_ZH_END_TAIL = re.compile(
    r"(?:科技|医药|生物|制药|技术|工程|股份有限公司|有限责任公司|有限公司|股份|集团|控股)+(?=[(（\s,，。、与和及于将拟在已今近宣公发称表])"
)
_ACQ_OBJECT = re.compile(
    r"(?:收购|并购|购买|买下|入股|增持)(?:其所|其|所)?(?:持有的)?(?![一该其两多部此本]|有关|相关|上述|销售)([\u4e00-\u9fffa-z]{2,10}?)"
    r"(?:合共|合计|共计|总共|共)?(?:约)?(?:\d+(?:\.\d+)?%|(?:的)?(?:全部|剩余|过半数?|大部分|部分|多数|少数|控股|控制性)?(?:已发行)?(?:股份|股权|控股权|控制权))"
)
# 以约1.6亿美元收购珐博进中国。: a priced purchase names its target up to the clause's end, whatever the name ends in
_REGISTERED_ZH = re.compile(r"股份有限公司|有限责任公司|有限公司")
_LATIN_NAME_NEXT = re.compile(r"(?:公司|集团|集團|厂|廠)?\s?[A-Z][a-z]")  # (not a code: 石药集团 SYS6010, ADC)
_PRICED_OBJECT = re.compile(
    r"以(?:约|总计|合计|总价|总额)?\d[\d.,]*(?:千万|百万|万|亿)*(?:美元|港元|欧元|日元|英镑|瑞士法郎|元)(?:的价格|的对价|现金)?"
    r"(?:全资)?(?:收购|并购|买下)(?:[\u4e00-\u9fff]{0,8}?品牌)?([\u4e00-\u9fffa-z]{2,8}?)(?=[。，,;；(（]|$)"
)
_TARGET_BEFORE = frozenset(["收购", "并购", "购买", "买下"])
_SUBJECT = re.compile(
    r"(?:[^:：!！|\s]{1,8}[:：!！|]\s?)?([\u4e00-\u9fff]{2,6}?)"
    r"(?=\s?(?:与|和|向|将|拟|获|以|宣布|授权|授予|收购|斥资|豪掷|携手|牵手|联手|签署|签订|达成|公告|发公告|发布公告|本公司|须予|:|：))"
)


def _headline_subject(raw: str, f: str, s0: int, e0: int, found: list[Mention]) -> None:
    """The company a Chinese headline starts with: 基亞與基亞細胞簽訂…, 因華 本公司簽訂…, 翰宇药业:关于…."""
    m = _SUBJECT.match(f, s0, e0)
    if not m:
        return
    stem = m.group(1)
    if ZH_GENERIC.match(stem) or _ZH_STOP.match(stem):
        return
    found.append(Mention(m.start(1), m.end(1), raw[m.start(1) : m.end(1)], "", ZH))


_LEGAL_ZH = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|株式会社)$")
_TRAILING_ZH = re.compile(r"(?:药业|投资|科技|生物|医药|制药|工程|技术|控股|集团|股份|实业|发展|国际|医疗|健康)$")
_CITY = re.compile(
    r"^(?:北京|上海|天津|重庆|深圳|广州|苏州|杭州|南京|成都|武汉|西安|厦门|青岛|大连|宁波|无锡|长沙|合肥|济南|郑州|珠海|石家庄|"
    r"江苏|浙江|广东|山东|四川|湖北|湖南|河北|河南|福建|安徽|江西|辽宁|吉林|黑龙江|云南|贵州|陕西|山西|海南|台湾|香港|泰州|连云港)"
)


def _short_forms(raw: str, f: str, spans: list[tuple[int, int]], mentions: list[Mention]) -> None:
    """A Chinese name is written in full once and short after: 南北兄弟藥業投資有限公司 … 南北兄弟取得…; 和鉑醫藥 … 和鉑將…."""
    covered = {i for x in mentions for i in range(x.start, x.end)}
    seen: set[str] = set()
    for m in list(mentions):
        fm = f[m.start : m.end]
        if not has_cjk(fm) or m.anaphor or fm in seen:
            continue
        seen.add(fm)
        short = _LEGAL_ZH.sub("", fm)
        while _TRAILING_ZH.search(short) and len(short) > 2:
            short = _TRAILING_ZH.sub("", short)
        short = _CITY.sub("", short) if len(short) > 4 else short
        forms = [short] if len(short) >= 2 and short != fm and not ZH_GENERIC.match(short) and has_cjk(short) else []
        if short == fm and m.strength == ZH and 2 <= len(fm) <= 4 and not ZH_GENERIC.match(fm):
            forms.append(fm)  # 与纽科签订…, 获纽科授予: a name written bare is written bare again
        if m.strength == TICKER and len(fm) >= 2:
            forms.append(
                fm
            )  # 藥明合聯(02268) … 獲藥明合聯要約收購: a name known by its stock code, written again without it
        for form in forms:
            for s0, e0 in spans:
                pos = f.find(form, s0, e0)
                while pos != -1:
                    if not any(i in covered for i in range(pos, pos + len(form))):
                        mentions.append(
                            Mention(pos, pos + len(form), raw[pos : pos + len(form)], m.key, ALIAS, anaphor=True)
                        )
                        covered.update(range(pos, pos + len(form)))
                    pos = f.find(form, pos + len(form), e0)


_ANNOUNCES = re.compile(
    r"\s?(?:[(（][^)）]{0,30}[)）])?\s?(?:[:：]\s?关于|(?:于|在)?(?:今日|今天|昨晚|昨日|近日|日前|\d{1,2}月\d{1,2}日)?"
    r"(?:晚间|早间|盘后)?\s?(?:发布公告|发公告|公告|公布|宣布|披露|称|表示|透露|官宣))"
)


_UNNAMED_COUNTERPART = re.compile(r"某[\u4e00-\u9fff]{0,8}?(?:公司|药厂|药企|集团|企业)")
_COUNTERPART = re.compile(r"(?:本公司|本集团|公司|集团)(?:[与和同向对]|将与|拟与)$")


def _announcer(raw: str, f: str, spans: list[tuple[int, int]], names: Names) -> None:
    """公司 / 本公司 / 本集团 in a filing or a report of one: the company that announces."""
    if any(m.anaphor and m.surface in ("公司", "本公司", "集团", "本集团", "我方") for m in names.mentions):
        return  # the text defined it: (以下简称“公司”)
    who = None
    for m in names.mentions:
        if names.entities[m.entity].strength >= ZH and _ANNOUNCES.match(f, m.end):
            who = m.entity
            break
    if who is None:
        first = [
            m
            for m in names.mentions
            if names.entities[m.entity].strength >= ZH and f[max(0, m.start - 2) : m.start] not in _TARGET_BEFORE
        ]  # (not the company bought: 本公司公布收购事项,收购上海隆达…)
        if not first or _COUNTERPART.search(f, max(0, first[0].start - 5), first[0].start):
            return  # 本公司与北京墨元…签订: the first name is the announcer's counterpart, not the announcer
        who = first[0].entity
    names.announcer = who
    key = names.entities[who].key
    added = False
    for s0, e0 in spans:
        for x in _ANAPHOR_ZH.finditer(f, s0, e0):
            if x.group().startswith("该") and _UNNAMED_COUNTERPART.search(f, s0, x.start()):
                continue  # 与某国际制药公司签订…,授予该公司…: "that company" is the unnamed partner, not the announcer
            if not any(y.start < x.end() and x.start() < y.end for y in names.mentions):
                names.mentions.append(Mention(x.start(), x.end(), x.group(), key, ALIAS, entity=who, anaphor=True))
                added = True
    if added:
        names.mentions.sort(key=lambda m: m.start)


def _ticker_name(raw: str, f: str, m: re.Match[str], s0: int, found: list[Mention]) -> tuple[str, int] | None:
    """The name before a bracketed stock code; returns (symbol, name start) when the code has a letter symbol."""
    code = m.group(1)
    if _YEAR.match(code.strip()):
        return None
    end = m.start()
    while end > s0 and raw[end - 1] == " ":
        end -= 1
    if end <= s0:
        return None
    if "\u4e00" <= f[end - 1] <= "\u9fff":
        start = end
        while start > s0 and end - start < 12 and "\u4e00" <= f[start - 1] <= "\u9fff":
            start -= 1
        stem = f[start:end]
        cut = _ZH_STOP.match(stem)
        if cut:
            start += cut.end()
        if end - start < 2 or ZH_GENERIC.match(f[start:end]):
            return None
        found.append(Mention(start, end, raw[start:end], "", TICKER))
    else:
        back = raw[max(s0, end - 60) : end]
        # (A/S, N.V.; Latin letters only: \w would run on into 以41亿美元收购 before "RayzeBio (RYZB.US)")
        # ("Harnell & Co., Inc. (NYSE: HRN)": an ampersand and the comma before a legal suffix stay in the name)
        run = re.search(
            r"(?:(?:[A-Z0-9][A-Za-z0-9_\u00c0-\u024f&’'./\-]*|&|,(?=\s(?:Inc|Ltd|LLC|L\.P)\b))\s?){1,6}$", back
        )
        if not run:
            return None
        span = _en_name(raw, end - len(run.group()), end)
        if not span:
            return None
        start = span[0]
        found.append(Mention(span[0], span[1], _clean(raw[span[0] : span[1]]), "", TICKER))
    # the symbol itself becomes an alias of the name (RCUS, GILD)
    sym = re.match(r"(?:[a-z]+\s?[:：]\s?)?([a-z]{2,5})(?:[.\-](?:us|hk|n|o))?$", code.strip())
    if sym and not code.strip()[0].isdigit():
        return sym.group(1).upper(), start
    return None


def _resolve_overlaps(found: list[Mention], raw: str, f: str) -> list[Mention]:
    """Keep the longest of overlapping mentions; a lexicon hit inside a longer name lends it its canonical key
    (and where a Chinese name found by its ending starts before a known name, it starts at the known name)."""
    found.sort(key=lambda m: (m.start, -(m.end - m.start), -m.strength))
    out: list[Mention] = []
    for m in found:
        if out and m.start < out[-1].end:
            last = out[-1]
            if m.end <= last.end:  # inside the kept one
                if m.strength == LEX and not last.key.startswith("lex:"):
                    last.key = m.key
                    if last.strength in (ZH, TICKER) and m.start > last.start and "\u4e00" <= raw[m.start] <= "\u9fff":
                        last.start = m.start
                        last.surface = raw[last.start : last.end].strip()
                    last.strength = LEX
                continue
            if m.strength > last.strength:  # a stronger, longer-reaching one replaces it
                out[-1] = m
            continue
        out.append(m)
    for m in out:
        if not m.key:
            m.key = key_of(m.surface, f[m.start : m.end] if raw[m.start : m.end] == m.surface else None)
    return out


_ACRONYM_AFTER = re.compile(r"((?:\s(?:and|&|of)\s[A-Z][\w\-]*(?:\s[A-Z][\w\-]*){0,2})?)\s\(([A-Z]{2,6})\)")


_DIGIT_NEXT = re.compile(r"\.?\s?\d")


def _aliases(
    raw: str, f: str, spans: list[tuple[int, int]], mentions: list[Mention], symbols: list[tuple[str, int]]
) -> None:
    """Short forms defined in brackets after a name, stock symbols, and 公司/本公司 in filings become mentions of
    the name they stand for."""
    for m in list(mentions) if "(" in raw else ():  # "Bharat Serums and Vaccines (BSV)": the initials, defined
        if m.strength >= LEX or has_cjk(m.surface) or (acr := _ACRONYM_AFTER.match(raw, m.end)) is None:
            continue
        words = [w for w in f"{m.surface}{acr.group(1)}".split() if w.lower() not in ("and", "&", "of")]
        if "".join(w[0] for w in words).upper() != acr.group(2) or len(words) < 2:
            continue
        m.end += len(acr.group(1))  # (the name goes on past "and")
        m.surface = raw[m.start : m.end]
        initials = re.compile(rf"(?<![\w.\-]){acr.group(2)}(?![\w]|-\w)")
        for s0, e0 in spans:  # as strong as the name they stand for ("Artificial Intelligence (AI)": no company)
            for hit in initials.finditer(raw, s0, e0):
                for y in [y for y in mentions if y.start < hit.end() and hit.start() < y.end and y is not m]:
                    mentions.remove(y)
                mentions.append(Mention(hit.start(), hit.end(), hit.group(), m.key, m.strength, anaphor=True))
    for sym, start in symbols:
        owner = next((m for m in mentions if m.start <= start < m.end), None)
        if owner is None:
            continue
        for s0, e0 in spans:
            for found in re.finditer(rf"(?<![\w.\-]){re.escape(sym)}(?![\w]|-\w)", raw[s0:e0]):
                pos = s0 + found.start()
                inside = [y for y in mentions if y.start < pos + len(sym) and pos < y.end]
                if not inside:
                    mentions.append(Mention(pos, pos + len(sym), sym, owner.key, ALIAS, anaphor=True))
                for y in inside:
                    if y.start == pos and y.end == pos + len(sym) and y.strength < LEX:
                        y.key, y.strength, y.anaphor = owner.key, ALIAS, True
    by_start = {y.start: y for y in mentions}
    for m in mentions:  # 康盛医药(Kangsheng): the Latin name in brackets right after a Chinese one is the same company
        opening = _BRACKET_AFTER.match(f, m.end) if has_cjk(m.surface) else None
        if opening is not None:  # (also 星河生物公司(Xinghe Bio))
            alias = by_start.get(opening.end())
            if (
                alias is not None
                and alias.strength < LEX
                and not has_cjk(alias.surface)
                and f[alias.end : alias.end + 1] in (")", "）")
            ):
                alias.key, alias.strength = m.key, ALIAS
    for m in list(mentions):
        # "X and Y (together, the Licensors) …": later, "the Licensors will receive" stands for them
        tail = _LEGAL_THEN_GONGSI.match(f, m.end)
        if (role := _ROLE_DEF.match(f, tail.end() if tail else m.end)) is not None:
            word = re.compile(rf"\bthe {role.group(1)}\b")
            for s0, e0 in spans:
                for hit in word.finditer(f, max(s0, role.end()), e0):
                    mentions.append(Mention(hit.start(), hit.end(), "", m.key, ALIAS, anaphor=True))
            continue
        d = _ALIAS_DEF.match(f, m.end)
        if d is None and not has_cjk(m.surface) and tail is not None:
            d = _ALIAS_DEF.match(f, tail.end())  # 韩国DONG-A ST CO., LTD.公司(以下简称“东亚公司”)
        if d is None and m.end < len(f) and f[m.end] in "(（":
            t = _TICKER_PAREN.match(f, m.end)  # 荣昌生物(688331.SH)(“公司”): one bracket further
            if t:
                d = _ALIAS_DEF.match(f, t.end())
        if not d:
            continue
        g = 1 if d.group(1) is not None else 2
        a = d.group(g).strip()
        for x in [x for x in mentions if x is not m and d.start() <= x.start < d.end()]:
            mentions.remove(x)  # (以下简称「HLB-LS公司」): the definition itself is no mention of another company
        if a in ("公司", "本公司", "集团", "本集团", "我方"):
            for s0, e0 in spans:
                for hit in _ANAPHOR_ZH.finditer(f, s0, e0):
                    if hit.start() > m.end:
                        mentions.append(Mention(hit.start(), hit.end(), hit.group(), m.key, ALIAS, anaphor=True))
            continue
        if len(a) < 2 or re.search(r"协议|产品|合同|交易|项目|本次|标的|许可|授权|甲方|乙方|卖方|买方|股份", a):
            continue
        for s0, e0 in spans:
            # (a headline before the definition may use the short form too: 申联生物拟以2.37亿元取得世之源控股权)
            pos = f.find(a, s0 if e0 <= m.start and len(a) >= 3 else max(s0, d.end()), e0)
            while pos != -1:
                inside = [x for x in mentions if x.start < pos + len(a) and pos < x.end and x is not m]
                if all(x.strength < LEX for x in inside):
                    for x in inside:
                        mentions.remove(x)
                    mentions.append(Mention(pos, pos + len(a), raw[pos : pos + len(a)], m.key, ALIAS))
                pos = f.find(a, pos + len(a), e0)
        m.names_hint = raw[d.start(g) : d.end(g)]


def _words(folded: str) -> str:
    return " ".join(_WORD_SPLIT.split(folded)).strip()


def _initials(surface: str) -> str:
    words = [
        w for w in re.split(r"[\s\-]+", surface) if w and w[0].isupper() and w.lower().strip(".,") not in _SUFFIX_WORDS
    ]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _group(mentions: list[Mention], raw: str, f: str) -> list[Entity]:
    """Mentions of one company become one entity: same lexicon entry, a short form (Jazz ← Jazz Pharmaceuticals,
    特宝生物 ⊂ 厦门特宝生物工程股份有限公司), initials (JT ← Japan Tobacco), or an alias the text defined."""
    entities: list[Entity] = []
    forms: list[set[str]] = []
    initials: list[set[str]] = []
    by_key: dict[str, int] = {}
    seen_words: dict[str, str] = {}  # this item's repeated names are folded once
    for m in mentions:
        k = m.key
        i = by_key.get(k)
        w = ""
        if m.surface:
            w = seen_words.get(m.surface, "")
            if not w:
                folded = f[m.start : m.end] if raw[m.start : m.end] == m.surface else _cheap_fold(m.surface)
                w = seen_words[m.surface] = _words(folded)
        lex = k.startswith("lex:")
        canon = ""
        if lex and k[4:].isascii():
            canon = seen_words.get(k, "")
            if not canon:
                canon = seen_words[k] = _words(k[4:].lower())
        if i is None and m.surface:
            for j, ent in enumerate(entities):
                if lex and ent.canonical and ent.canonical != k[4:]:
                    continue  # two different known companies (Merck & Co. / Merck KGaA)
                if any(_same(w, x) or (canon and _same(canon, x)) for x in forms[j]) or (
                    m.surface.isupper() and m.surface in initials[j]
                ):
                    i = j  # "Bristol Myers … BMS": a short form of the known company's full name
                    break
        if i is None:
            i = len(entities)
            entities.append(Entity(k))
            forms.append(set())
            initials.append(set())
        by_key.setdefault(k, i)
        m.entity = i
        ent = entities[i]
        if m.strength > ent.strength:
            ent.strength = m.strength
        if k.startswith("lex:"):
            ent.canonical = k[4:]
            by_key.setdefault(k, i)
        if not m.anaphor and m.surface:
            forms[i].add(w)
            if canon:
                forms[i].add(canon)
            if " " in m.surface and m.surface.isascii():
                ini = seen_words.get("\0" + m.surface)
                if ini is None:
                    ini = seen_words["\0" + m.surface] = _initials(m.surface)
                if ini:
                    initials[i].add(ini)
            if m.surface not in ent.names:
                ent.names.append(m.surface)
        if m.names_hint and m.names_hint not in ent.names:
            ent.names.append(m.names_hint)
    # initials written before the full name (JT … Japan Tobacco): fold the acronym's entity into the named one
    for j, ent in enumerate(entities):
        if len(ent.names) == 1 and ent.names[0].isupper() and 2 <= len(ent.names[0]) <= 5 and not ent.canonical:
            owner = next((i for i, ini in enumerate(initials) if i != j and ent.names[0] in ini), None)
            if owner is not None:
                for m in mentions:
                    if m.entity == j:
                        m.entity = owner
                entities[owner].strength = max(entities[owner].strength, ent.strength)
                ent.strength = -1
    return entities


_ENDING_WORDS = frozenset(
    _wordlist(
        """pharma pharmaceutical pharmaceuticals therapeutics therapeutic biotech biotechnology bio biosciences
        bioscience biopharma biopharmaceuticals biologics laboratories labs oncology medicines industries"""
    )
)


def _latin_core(name: str) -> str:
    words = name.lower().replace(",", " ").replace(".", " ").split()
    while len(words) > 1 and (words[-1] in _ENDING_WORDS or words[-1] in _SUFFIX_WORDS):
        words.pop()
    return " ".join(words)


def _same(a: str, b: str) -> bool:
    """One name is a short form of the other: a leading word run in Latin script, a contained run of three or
    more characters in Chinese."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 2:
        return False
    if short.isascii() and long_.isascii():
        if long_ == short or (len(short) >= 3 and long_.startswith((short + " ", short + "-"))):
            return True
        core = _latin_core(short)  # "Citius Pharma" / "Citius Pharmaceuticals": one name, two forms of its ending
        return len(core) >= 4 and core == _latin_core(long_)
    short, long_ = short.replace(" ", ""), long_.replace(" ", "")
    return short == long_ or (len(short) >= 3 and short in long_)
