"""The families of mortgage and household-credit prints: where each indicator of the vocabulary is named, in
English and both Chinese scripts, and which source context decides between look-alike series.

Indicators (a closed vocabulary; ids are stable, see tests/corpus/README.md):
  us_30y_mortgage_rate, us_15y_mortgage_rate        Freddie Mac PMMS weekly averages (percent)
  mba_applications_index, mba_purchase_index, mba_refinance_index   MBA weekly survey (weekly % change)
  mba_30y_contract_rate                             MBA average 30-year contract rate (percent)
  mba_delinquency_rate, mba_serious_delinquency_rate   MBA National Delinquency Survey (percent, quarterly)
  us_mortgage_delinquency_rate                      other US delinquency releases (ICE, Black Knight…)
  us_consumer_credit                                Federal Reserve consumer credit (USD, monthly flow)
  pboc_new_rmb_loans                                PBOC new RMB loans (CNY flow; month, year-to-date, year)
  pboc_household_loans, pboc_household_short_loans, pboc_household_mlt_loans   PBOC household loans (CNY flow)
  pboc_consumer_loans                               PBOC household consumer loans (CNY flow)
  pboc_tsf_flow, pboc_tsf_stock                     total social financing: increment (flow) and stock (CNY)
  pboc_rmb_loan_balance, pboc_household_loan_balance, cn_consumer_loan_balance, cn_mortgage_balance
                                                    balances from the monthly data and the quarterly
                                                    loan-allocation report (贷款投向统计报告) (CNY)
  cn_new_mortgage_rate                              PBOC weighted average rate on new home loans (percent)
  lpr_1y, lpr_5y                                    China loan prime rates (percent); lpr_5y carries
                                                    `benchmark: mortgage` (the mortgage reference rate)
  uk_mortgage_approvals, uk_net_mortgage_lending, uk_consumer_credit   Bank of England Money and Credit
  uk_finance_mortgage_approvals, uk_finance_net_mortgage_lending        UK Finance / BBA (high-street banks)
  hk_new_mortgage_loans, hk_mortgage_applications, hk_mortgage_delinquency_ratio   HKMA mortgage survey
  tw_new_home_loans, tw_new_mortgage_rate           Taiwan CBC: five major banks' new home loans
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from rules.extract.mp_core import Ctx, Ind, Mention
from rules.extract.mp_text import zre

# -- the vocabulary ------------------------------------------------------------------------------------------

_W, _M, _Q, _F = "week", "month", "quarter", "flow"
US30 = Ind("us_30y_mortgage_rate", "rate", _W, "week-thu", headline=True)
US15 = Ind("us_15y_mortgage_rate", "rate", _W, "week-thu")
MBA_APPS = Ind("mba_applications_index", "change", _W, "week-fri", headline=True)
MBA_PURCHASE = Ind("mba_purchase_index", "change", _W, "week-fri")
MBA_REFI = Ind("mba_refinance_index", "change", _W, "week-fri")
MBA_RATE = Ind("mba_30y_contract_rate", "rate", _W, "week-fri")
MBA_DELINQ = Ind("mba_delinquency_rate", "rate", _Q, "quarter-prev")
MBA_SERIOUS = Ind("mba_serious_delinquency_rate", "rate", _Q, "quarter-prev")
US_DELINQ = Ind("us_mortgage_delinquency_rate", "rate", _M, "month-prev")
US_CONSUMER = Ind("us_consumer_credit", "amount", _M, "month-prev", "USD")
CN_NEW_LOANS = Ind("pboc_new_rmb_loans", "amount", _F, "month-prev", "CNY")
CN_HH = Ind("pboc_household_loans", "amount", _F, "month-prev", "CNY")
CN_HH_SHORT = Ind("pboc_household_short_loans", "amount", _F, "month-prev", "CNY")
CN_HH_MLT = Ind("pboc_household_mlt_loans", "amount", _F, "month-prev", "CNY")
CN_CONSUMER = Ind("pboc_consumer_loans", "amount", _F, "month-prev", "CNY")
CN_TSF = Ind("pboc_tsf_flow", "amount", _F, "month-prev", "CNY")
CN_TSF_STOCK = Ind("pboc_tsf_stock", "amount", _M, "month-prev", "CNY", balance=True)
CN_LOAN_BAL = Ind("pboc_rmb_loan_balance", "amount", _M, "month-prev", "CNY", balance=True)
CN_HH_BAL = Ind("pboc_household_loan_balance", "amount", _M, "month-prev", "CNY", balance=True)
CN_CONSUMER_BAL = Ind("cn_consumer_loan_balance", "amount", _M, "month-prev", "CNY", balance=True)
CN_MORTGAGE_BAL = Ind("cn_mortgage_balance", "amount", _M, "month-prev", "CNY", balance=True)
CN_NEW_RATE = Ind("cn_new_mortgage_rate", "rate", _M, "month-prev")
LPR_1Y = Ind("lpr_1y", "rate", _M, "month-same", hold_prior=True)
LPR_5Y = Ind("lpr_5y", "rate", _M, "month-same", hold_prior=True, headline=True)
UK_APPROVALS = Ind("uk_mortgage_approvals", "count", _M, "month-prev", headline=True)
UK_LENDING = Ind("uk_net_mortgage_lending", "amount", _M, "month-prev", "GBP")
UK_CONSUMER = Ind("uk_consumer_credit", "amount", _M, "month-prev", "GBP")
UKF_APPROVALS = Ind("uk_finance_mortgage_approvals", "count", _M, "month-prev")
UKF_LENDING = Ind("uk_finance_net_mortgage_lending", "amount", _M, "month-prev", "GBP")
HK_LOANS = Ind("hk_new_mortgage_loans", "amount", _M, "month-prev", "HKD", headline=True)
HK_APPS = Ind("hk_mortgage_applications", "count", _M, "month-prev")
HK_DELINQ = Ind("hk_mortgage_delinquency_ratio", "rate", _M, "month-prev")
TW_LOANS = Ind("tw_new_home_loans", "amount", _M, "month-prev", "TWD")
TW_RATE = Ind("tw_new_mortgage_rate", "rate", _M, "month-prev")

INDICATORS: Final = tuple(v for v in list(globals().values()) if isinstance(v, Ind))

# -- contexts (whole item) -----------------------------------------------------------------------------------

FREDDIE: Final = zre(
    r"freddie|房地美|pmms|primary mortgage market survey|mortgage giant|mortgage buyer|mortgage finance agency|federal home loan mortgage"
)
MBA: Final = zre(
    r"\bmba\b|mortgage bankers|抵押贷款银行家协会|抵押贷款协会|抵押贷款银行协会|按揭(?:贷款)?银行(?:家)?协会|房贷银行家协会|按揭银行家协会"
)
OTHER_US_SOURCE: Final = zre(
    r"bankrate|zillow|mortgage news daily|nerdwallet|lendingtree|redfin|realtor\.com|fannie mae"
)
BANK_PRODUCT: Final = zre(
    r"\bits (?:\d{2}-year|advertised|own|standard|fixed|mortgage|home loan|rates?|products?)|advertis|\boffers?\b|rebate|lender'?s|\bwells fargo\b|\bchase\b|\bhsbc\b|\bbarclays\b|\bnatwest\b"
    r"|\bsantander\b|\bhalifax\b|\blloyds\b|\brocket\b|\babbey\b|多家银行|银行将|某银行|大行|首套|二套|存量房贷|现金回赠|按息|h按|p按"
)
US_CTX: Final = zre(r"\bu\.?s\.?\b|united states|america|美国|美聯儲|美联储")
UK_CTX: Final = zre(r"bank of england|\bboe\b|英国|英伦|英格兰|\bu\.?k\.?\b|britain|british")
UKF_CTX: Final = zre(r"uk finance|british bankers|\bbba\b|high street banks|银行家协会|银行公会")
HK_CTX: Final = zre(r"hkma|金管局|金融管理局|monetary authority|hong kong|香港|本港")
TW_CTX: Final = zre(r"五大(?:银行|行库|行)|taiwan|新台币|nt\$|台湾|(?<!\d)1[01]\d\s?年")
CN_CTX: Final = zre(
    r"china|chinese|pboc|people'?s bank|yuan|人民币|人民银行|人行|(?<!英国)(?<!美国)(?<!日本)(?<!欧洲)(?<!台湾)(?<!英伦)(?<!韩国)央行"
    r"|内地|中国|金融统计|社会融资|社融|贷款投向|beijing"
)
LPR_CTX: Final = zre(r"lpr|loan prime rate|贷款市场报价利率")
US_DELINQ_SRC: Final = zre(r"\bice\b|black knight|first look|corelogic|\bfha\b|transunion|equifax|moody")


# -- anchors -------------------------------------------------------------------------------------------------

_NOT_TREASURY: Final = zre(r"[^.。;；]{0,24}(?:treasury|bond|yield|gilt|国债|美债|债券)")
_US_TENOR: Final = zre(
    r"(?P<y30>(?:30|thirty)[- ]?(?:year|yr)\b|30\s?年期|三十年期|30\s?年(?=\s?(?:定息|固定|按揭|房贷|抵押)))"
    r"|(?P<y15>(?:15|fifteen)[- ]?(?:year|yr)\b|15\s?年期|十五年期|15\s?年(?=\s?(?:定息|固定|按揭|房贷|抵押)))"
    r"|(?P<contract>contract (?:interest )?rate|合约利率|基准(?:抵押贷款|房贷)利率|benchmark (?:mortgage|30-year) rate)"
)
_AVERAGE_WORD: Final = zre(r"averag|平均")
_MORTGAGE_WORD: Final = zre(r"mortgage|home loan|frm|fixed|按揭|房贷|抵押")


def us_rates(ctx: Ctx) -> list[Mention]:
    t = ctx.t
    freddie, mba = bool(FREDDIE.search(t)), bool(MBA.search(t))
    out: list[Mention] = []
    for m in _US_TENOR.finditer(t):
        if _NOT_TREASURY.match(t, m.end()):
            continue
        s0, s1 = ctx.sentence(m.start())
        sentence = t[s0:s1]
        if not _MORTGAGE_WORD.search(sentence) and not _MORTGAGE_WORD.search(t[: ctx.title_end]):
            continue
        if BANK_PRODUCT.search(sentence):
            continue
        ind: Ind | None
        if m.group("contract"):
            ind = MBA_RATE if mba else None
        elif freddie:
            ind = US30 if m.group("y30") else US15
        elif mba:
            ind = MBA_RATE if m.group("y30") else None
        elif _AVERAGE_WORD.search(sentence) and US_CTX.search(t) and not OTHER_US_SOURCE.search(t):
            ind = US30 if m.group("y30") else US15
        else:
            ind = None
        if ind is not None:
            out.append(Mention(ind, m.start(), m.end()))
    return out


_MBA_ANCHOR: Final = zre(
    r"(?P<refi>refinanc\w{0,4} (?:index|applications|demand|activity|volume)|refi (?:index|applications)"
    r"|(?:再融资|重贷)(?:抵押贷款|房贷|贷款)?(?:申请)?(?:分项)?(?:指数|量)|再融资(?:房贷|抵押贷款)?(?:的)?申请|转按(?:申请)?指数)"
    r"|(?P<purchase>purchase (?:index|applications|mortgage applications|activity)|applications for (?:home )?purchases?"
    r"|home[- ]purchase (?:applications|loans)|(?:购房|购屋|置业)(?:抵押贷款|贷款)?(?:申请)?(?:分项)?指数|购买指数"
    r"|(?:购房|购屋)(?:抵押贷款|贷款)?申请)"
    r"|(?P<apps>market composite index|composite index|market index|mortgage applications?(?: index)?"
    r"|applications? index|mortgage loan application volume|(?:gross|overall|total) (?:national )?(?:mortgage )?applications"
    r"|mortgage application activity|weekly (?:mortgage )?applications|mortgage apps"
    r"|(?:抵押贷款|房贷|按揭(?:贷款)?|房屋抵押贷款)申请(?:活动|综合)?(?:指数|量|数)?|按揭(?:贷款)?市场指数|贷款申请指数|申请活动指数)"
)


def mba_weekly(ctx: Ctx) -> list[Mention]:
    t = ctx.t
    if not MBA.search(t):
        return []
    out = []
    for m in _MBA_ANCHOR.finditer(t):
        ind = MBA_REFI if m.group("refi") else MBA_PURCHASE if m.group("purchase") else MBA_APPS
        out.append(Mention(ind, m.start(), m.end()))
    return out


_DELINQ_ANCHOR: Final = zre(
    r"(?P<serious>seriously delinquent(?: rate)?|serious delinquenc\w{0,3}(?: rate)?)"
    r"|(?P<total>delinquency rate|delinquency ratio|share of [^.。]{0,60}(?:past due|delinquent)|percentage of loans past due"
    r"|loans past due|拖欠比率|拖欠率|逾期率)"
)
_NDS: Final = zre(r"national delinquency survey|\bnds\b")


def delinquency(ctx: Ctx) -> list[Mention]:
    t = ctx.t
    if not _MORTGAGE_WORD.search(t):
        return []
    hk, mba = bool(HK_CTX.search(t)), bool(MBA.search(t) or _NDS.search(t))
    out = []
    for m in _DELINQ_ANCHOR.finditer(t):
        serious = bool(m.group("serious"))
        ind: Ind | None
        if hk:
            ind = None if serious else HK_DELINQ
        elif mba:
            ind = MBA_SERIOUS if serious else MBA_DELINQ
        elif US_DELINQ_SRC.search(t) and not serious:
            ind = US_DELINQ
        else:
            ind = None
        if ind is not None:
            out.append(Mention(ind, m.start(), m.end()))
    return out


_CN_ANCHOR: Final = zre(
    # balances first (longest names)
    r"(?P<mbal>个人住房贷款(?:\s?余额)|房贷余额|outstanding (?:individual |personal )?(?:housing|mortgage|home) loans"
    r"|outstanding mortgages|personal (?:housing|home) loans (?=stood|totaled|totalled|were|was))"
    r"|(?P<hbal>(?:本外币)?住户(?:部门)?贷款\s?余额|居民(?:部门)?贷款\s?余额|outstanding household loans)"
    r"|(?P<cbal>(?:住户|个人)?消费(?:性)?贷款\s?余额|outstanding consumer loans)"
    r"|(?P<lbal>(?<!外币)人民币(?:各项)?贷款\s?余额|outstanding (?:yuan|rmb|renminbi) loans|(?:yuan|rmb) loans outstanding)"
    r"|(?P<tsfs>社会融资规模\s?存量|社融存量|outstanding (?:aggregate|total social) financing|(?:aggregate|total social) financing stock"
    r"|tsf stock|stock of (?:aggregate|total social) financing)"
    r"|(?P<rate>新发放(?:的)?个人住房贷款(?:加权)?(?:平均)?利率|新发放房贷利率"
    r"|(?:weighted )?average (?:interest )?rate on (?:newly (?:issued|extended|granted) )?(?:personal )?(?:housing|home|mortgage) loans"
    r"|rate on new (?:chinese )?home loans)"
    # flows
    r"|(?P<mlt>住户中长期贷款|居民中长期贷款|medium-?\s?(?:and|to)\s?-?long[- ]term (?:household )?loans(?: to households)?"
    r"|mid[- ]to[- ]long[- ]term (?:household )?loans|long-term household loans|(?<![企业工])中长期贷款(?!\s?余额))"
    r"|(?P<short>住户短期贷款|居民短期贷款|short-term (?:household )?loans(?: to households)?|(?<![企业])短期贷款(?!\s?(?:及|余额)))"
    r"|(?P<cons>(?:住户|个人)消费(?:性)?贷款|consumer loans)"
    r"|(?P<hh>住户(?:部门)?贷款|居民(?:部门)?贷款|household (?:loans|borrowing|lending|credit)|loans to households|household sector loans)"
    r"|(?P<tsf>社会融资规模(?:\s?增量)?|新增社融|社融(?:\s?增量)?|(?<!outstanding )(?:aggregate|total social) financing"
    r"|newly added (?:total )?social financing|new tsf|\btsf\b)"
    r"|(?P<new>(?<!外币)(?<!实体经济发放的)人民币贷款(?=\s?(?:增加|减少|新增|为|同比|累计))|新增人民币贷款|人民币新增贷款|新增贷款"
    r"|(?<=[月份])\s?贷款(?=\s?(?:增加|减少|新增))|new (?:yuan|rmb|renminbi|bank) loans|new loans(?! (?:approved|drawn))"
    r"|(?:yuan|rmb|renminbi)[- ]denominated (?:loans|lending)|new (?:yuan )?lending|the monthly total)"
)
_CN_GROUPS: Final = {
    "mbal": CN_MORTGAGE_BAL, "hbal": CN_HH_BAL, "cbal": CN_CONSUMER_BAL, "lbal": CN_LOAN_BAL, "tsfs": CN_TSF_STOCK,
    "rate": CN_NEW_RATE, "mlt": CN_HH_MLT, "short": CN_HH_SHORT, "cons": CN_CONSUMER, "hh": CN_HH, "tsf": CN_TSF,
    "new": CN_NEW_LOANS,
}  # fmt: skip
_SECTOR: Final = zre(
    r"(?P<h>住户|居民|household)|(?P<o>企[(（]?事[)）]?业单位|企业|非金融企业|非银行|机关团体|corporate|enterprises|companies|businesses|institutions)"
)
_CN_STOP: Final = zre(r"存款|deposits|外币贷款|m2|m1|m0|广义货币|狭义货币|money supply")
_BENWAI_BEFORE: Final = zre(r"本外币\s?$")


def _household_scope(ctx: Ctx, pos: int) -> bool:
    s0, _ = ctx.sentence(pos)
    lo = max(0, min(s0, pos - 160))
    last = None
    for m in _SECTOR.finditer(ctx.t, lo, pos):
        last = m
    return last is not None and last.group("h") is not None


def pboc(ctx: Ctx) -> list[Mention]:
    t = ctx.t
    if not CN_CTX.search(t) or TW_CTX.search(t):
        return []
    out = []
    for m in _CN_ANCHOR.finditer(t):
        group = m.lastgroup or ""
        ind = _CN_GROUPS[group]
        text = m.group()
        if (
            group in ("mlt", "short")
            and not any(w in text for w in ("住户", "居民", "household", "住戶", "households"))
            and not _household_scope(ctx, m.start())
        ):
            continue
        if group == "new" and text == "the monthly total" and not any(x.ind is CN_NEW_LOANS for x in out):
            continue
        if group in ("hbal",) and _BENWAI_BEFORE.search(t, max(0, m.start() - 4), m.start()):
            pass  # only 本外币 household balances are published; keep
        out.append(Mention(ind, m.start(), m.end()))
    return out


_LPR_ANCHOR: Final = zre(
    r"(?P<both>(?:1|one)[- ]year and (?:the )?(?:over[- ]|above[- ])?(?:5|five)[- ]year(?: and above)?(?: loan prime rates| lprs?)"
    r"|(?:1|一)\s?年期(?:lpr)?\s?(?:和|、|及|与)\s?(?:5|五)\s?年期以上(?:贷款市场报价利率|\s?lpr)?)"
    r"|(?P<y1>(?:1|one)[- ]year (?:loan prime rate|lpr)|(?:1|一)\s?年期\s?(?:贷款市场报价利率|lpr))"
    r"|(?P<y5>(?:over[- ]|above[- ])?(?:5|five)[- ]year(?: and above| or longer)? (?:loan prime rate|lpr)"
    r"|(?:over|more than|above) (?:5|five) years? (?:loan prime rate|lpr)|(?:5|五)\s?年期以上(?:贷款市场报价利率|\s?lpr)?"
    r"|(?:5|五)\s?年期\s?(?:贷款市场报价利率|lpr))"
)


def lpr(ctx: Ctx) -> list[Mention]:
    t = ctx.t
    if not LPR_CTX.search(t):
        return []
    out = []
    for m in _LPR_ANCHOR.finditer(t):
        if m.group("both"):
            out.append(Mention(LPR_1Y, m.start(), m.end(), outstanding=True))  # `outstanding` marks "both"
            continue
        out.append(Mention(LPR_1Y if m.group("y1") else LPR_5Y, m.start(), m.end()))
    return out


_UK_ANCHOR: Final = zre(
    r"(?P<approvals>(?<!re)mortgages? approv\w{0,4}|approvals? (?:for|of) (?:house|home) purchases?"
    r"|(?:house|home)[- ]purchase (?:mortgage )?approvals|(?<!re)(?:mortgages?|loan|housing|net mortgage) approvals"
    r"|number of (?:mortgages? )?approvals|按揭批核|按揭许可|(?:房贷|抵押贷款|购房抵押贷款|购房贷款)批准(?:件数|宗数)?)"
    r"|(?P<lending>net mortgage lending|(?<!gross )(?<!gross net )mortgage lending|net lending secured on dwellings"
    r"|lending secured on dwellings|net (?:borrowing|lending) of mortgage debt|net mortgage borrowing|(?<!gross )mortgage borrowing"
    r"|按揭净额|净按揭|按揭贷款净额|抵押贷款净额|净抵押贷款)"
    r"|(?P<consumer>(?P<outst>(?:amount of )?outstanding )?(?:net )?consumer credit(?: borrowing| lending)?|consumer borrowing"
    r"|(?:净)?消费者信贷|(?:净)?消费信贷|消费者借贷|消费者借款)"
)


_UK_STOP: Final = zre(r"remortgag|other secured|effective (?:interest )?rate|deposits|businesses|\bm4")


def uk(ctx: Ctx) -> list[Mention]:
    t = ctx.t
    ukf = bool(UKF_CTX.search(t)) and not MBA.search(t)
    uk_ctx = ukf or bool(UK_CTX.search(t))
    us_ctx = not uk_ctx and bool(US_CTX.search(t))
    if not uk_ctx and not us_ctx:
        return []
    out = []
    for m in _UK_ANCHOR.finditer(t):
        if m.group("consumer"):
            ind: Ind | None = UK_CONSUMER if uk_ctx else US_CONSUMER
            out.append(Mention(ind, m.start(), m.end(), outstanding=bool(m.group("outst"))))
            continue
        if not uk_ctx:
            continue
        ind = (UKF_APPROVALS if ukf else UK_APPROVALS) if m.group("approvals") else UKF_LENDING if ukf else UK_LENDING
        out.append(Mention(ind, m.start(), m.end()))
    return out


_HK_ANCHOR: Final = zre(
    r"(?P<loans>(?:mortgage|new) loans (?:newly )?approved|new mortgage loans approved|新批(?:出)?(?:的)?(?:住宅)?(?:按揭)?贷款(?:额)?"
    r"|新批按揭(?:贷款)?(?:额)?)"
    r"|(?P<apps>(?:number of )?(?:new )?mortgage applications|新申请(?:的)?(?:住宅)?(?:按揭)?(?:贷款)?(?:的)?(?:个案|宗数|宗)?"
    r"|按揭申请(?:宗数|个案)?|申请(?:按揭)?贷款(?:的)?宗数)"
)
_HK_STOP: Final = zre(
    r"一手|二手|转按|新取用|未偿还|drawn down|outstanding|primary market|secondary market|refinancing|hibor|最优惠|best lending"
)


def hk(ctx: Ctx) -> list[Mention]:
    t = ctx.t
    if not HK_CTX.search(t) or MBA.search(t):
        return []
    out = []
    for m in _HK_ANCHOR.finditer(t):
        out.append(Mention(HK_LOANS if m.group("loans") else HK_APPS, m.start(), m.end()))
    return out


_TW_ANCHOR: Final = zre(
    r"(?P<rate>(?:新承做)?(?:购屋|房屋)(?:贷款|房贷)(?:平均)?利率|average rate on (?:the )?new (?:home loans|mortgages)"
    r"|new (?:home loan|mortgage) rate)"
    r"|(?P<loans>新承做(?:的)?(?:购屋|房屋)?(?:贷款|房贷)(?:金额)?|new home loans|new mortgages? (?:extended|granted))"
)


def taiwan(ctx: Ctx) -> list[Mention]:
    t = ctx.t
    if not TW_CTX.search(t):
        return []
    return [Mention(TW_RATE if m.group("rate") else TW_LOANS, m.start(), m.end()) for m in _TW_ANCHOR.finditer(t)]


# -- dispatch: cheap substring tests decide which families read the item -------------------------------------

Family = Callable[[Ctx], list[Mention]]
FAMILIES: Final[tuple[tuple[tuple[str, ...], Family], ...]] = (
    (("year", "年", "contract rate", "合约", "基准"), us_rates),
    (("mba", "mortgage bankers", "协会", "協會"), mba_weekly),
    (("delinquen", "拖欠", "逾期", "past due"), delinquency),
    (("lpr", "loan prime", "报价利率", "報價利率"), lpr),
    (("贷款", "貸款", "loan", "lending", "financing", "社融", "融资", "融資", "tsf", "monthly total"), pboc),
    (
        (
            "approv",
            "lending",
            "credit",
            "borrowing",
            "批核",
            "许可",
            "許可",
            "批准",
            "信贷",
            "信貸",
            "借贷",
            "借貸",
            "按揭净",
            "按揭凈",
            "借款",
        ),
        uk,
    ),
    (("hkma", "金管局", "金融管理局", "monetary authority", "hong kong", "香港", "本港"), hk),
    (("五大", "taiwan", "台湾", "台灣", "新承做"), taiwan),
)
STOPS: Final[dict[Family, re.Pattern[str]]] = {pboc: _CN_STOP, hk: _HK_STOP, uk: _UK_STOP}
