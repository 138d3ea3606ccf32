"""The families of mortgage and household-credit prints: where each indicator of the vocabulary is named, in
English and both Chinese scripts, and which source context decides between look-alike series.

Indicators (a closed vocabulary; ids are stable, see tests/corpus/README.md):
  us_30y_mortgage_rate, us_15y_mortgage_rate        Freddie Mac PMMS weekly averages (percent)
  mba_applications_index, mba_purchase_index, mba_refinance_index   MBA weekly survey (weekly % change)
  mba_30y_contract_rate                             MBA average 30-year contract rate (percent)
  mba_delinquency_rate, mba_serious_delinquency_rate   MBA National Delinquency Survey (percent, quarterly)
  us_mortgage_delinquency_rate                      other US delinquency releases (ICE, Black Knight…)
  us_gse_serious_delinquency_rate                   Fannie Mae / Freddie Mac single-family serious delinquency (monthly)
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
  tw_mortgage_balance                               Taiwan CBC: domestic banks' home-loan balance (國銀房貸餘額)
  us_household_debt                                 New York Fed: total household debt (quarterly balance)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from rules.extract.mp_core import Ctx, Ind, Mention
from rules.extract.mp_lex import Hit, Lexicon
from rules.extract.mp_period import EN_STARTS, ZH_STARTS
from rules.extract.mp_text import CUE_BOUNDED, CUE_WORDS, zre

CUE_KINDS: Final = ("ya", "avg", "strong", "cmp")

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
GSE_SERIOUS = Ind("us_gse_serious_delinquency_rate", "rate", _M, "month-prev")
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
HK_LOANS = Ind("hk_new_mortgage_loans", "amount", _M, "month-prev", "HKD", headline=True, volume=True)
HK_APPS = Ind("hk_mortgage_applications", "count", _M, "month-prev")
HK_DELINQ = Ind("hk_mortgage_delinquency_ratio", "rate", _M, "month-prev")
TW_LOANS = Ind("tw_new_home_loans", "amount", _M, "month-prev", "TWD", volume=True)
TW_RATE = Ind("tw_new_mortgage_rate", "rate", _M, "month-prev")
TW_MORTGAGE_BAL = Ind("tw_mortgage_balance", "amount", _M, "month-prev", "TWD", balance=True)
US_HH_DEBT = Ind("us_household_debt", "amount", _Q, "quarter-prev", "USD", balance=True)

INDICATORS: Final = tuple(v for v in list(globals().values()) if isinstance(v, Ind))

# -- the lexicon: every name, context and stop word, found in one pass ---------------------------------------
# Tags: `a.<family>:<group>` an indicator's name (non-overlapping within a family), `c:<name>` a context word,
# `s.<family>` a word that ends an indicator's clause, `sector:h|o` household vs other borrowers.

LEX: Final = Lexicon()
_add = LEX.add

# Freddie Mac PMMS tenors and MBA's contract rate
for _n in ("30", "thirty"):
    _add("a.us:y30", rf"{_n}[- ]?(?:year|yr)\b", prefix=f"{_n}-y")
    _add("a.us:y30", rf"{_n}[- ]?(?:year|yr)\b", prefix=f"{_n} y")
    _add("a.us:y30", rf"{_n}[- ]?(?:year|yr)\b", prefix=f"{_n}y")
for _n in ("15", "fifteen"):
    _add("a.us:y15", rf"{_n}[- ]?(?:year|yr)\b", prefix=f"{_n}-y")
    _add("a.us:y15", rf"{_n}[- ]?(?:year|yr)\b", prefix=f"{_n} y")
    _add("a.us:y15", rf"{_n}[- ]?(?:year|yr)\b", prefix=f"{_n}y")
_add("a.us:y30", r"30\s?年期", r"三十年期", r"30\s?年(?=\s?(?:定息|固定|按揭|房贷|抵押))")
_add("a.us:y15", r"15\s?年期", r"十五年期", r"15\s?年(?=\s?(?:定息|固定|按揭|房贷|抵押))")
# the survey's headline rate named without its tenor: "The average long-term US mortgage rate rose to 6.86%"
_MOVE = (
    r"rose|rises|fell|falls|climbed|climbs|dropped|drops|declined|declines|edged|ticked|jumped|jumps|slipped|slips|eased"
    r"|eases|increased|decreased|averaged|averages|held|remained|hit|hits|surged|sank|plunged|inched|crept|dipped|rebounded"
    r"|retreated|stood|moved"
)
_add("a.us:generic", r"(?:average )?long-term (?:u\.?s\.? )?mortgage rates?", prefix="long-term")
_add("a.us:generic", r"average long-term (?:u\.?s\.? )?mortgage rates?", prefix="average long")
_add("a.us:generic", rf"mortgage rates?(?=,? (?:this week |last week |again )?(?:{_MOVE})\b)", prefix="mortgage rate")
_add(
    "a.us:contract",
    r"contract (?:interest )?rate",
    r"合约利率",
    r"基准(?:抵押贷款|房贷)利率",
    r"benchmark (?:mortgage|30-year) rate",
)

# MBA weekly survey indices
_add(
    "a.mba:refi",
    r"refinanc\w{0,4} (?:index|applications|demand|activity|volume)", r"refi (?:index|applications)",
    r"applications to refinance",
    r"再融资(?:抵押贷款|房贷|贷款)?(?:申请)?(?:分项)?(?:指数|量)", r"重贷(?:抵押贷款|房贷|贷款)?(?:申请)?(?:分项)?(?:指数|量)",
    r"再融资(?:房贷|抵押贷款)?(?:的)?申请", r"转按(?:申请)?指数",
)  # fmt: skip
_add(
    "a.mba:purchase",
    r"purchase (?:index|applications|mortgage applications|activity)", r"applications for (?:home )?purchases?",
    r"home[- ]purchase (?:applications|loans)", r"购房(?:抵押贷款|贷款)?(?:申请)?(?:分项)?指数",
    r"购屋(?:抵押贷款|贷款)?(?:申请)?(?:分项)?指数", r"置业(?:贷款)?(?:申请)?指数", r"购买指数", r"购房(?:抵押贷款|贷款)?申请",
    r"购屋(?:抵押贷款|贷款)?申请",
)  # fmt: skip
_add(
    "a.mba:apps",
    r"market composite index", r"composite index", r"market index", r"mortgage applications?(?: index)?",
    r"applications? index", r"index (?:on|of) loan (?:requests|applications)", r"mortgage loan application volume", r"mortgage application volume", r"total volume", r"gross (?:national )?(?:mortgage )?applications",
    r"overall (?:national )?(?:mortgage )?applications", r"total (?:national )?(?:mortgage )?applications",
    r"mortgage application activity", r"weekly (?:mortgage )?applications", r"mortgage apps",
    r"applications for mortgage(?: loans)?",
    r"抵押贷款申请(?:活动|综合)?(?:指数|量|数)?", r"房贷申请(?:活动|综合)?(?:指数|量|数)?",
    r"按揭(?:贷款)?申请(?:活动|综合)?(?:指数|量|数)?", r"房屋抵押贷款申请(?:活动|综合)?(?:指数|量|数)?",
    r"按揭(?:贷款)?市场指数", r"贷款申请指数", r"申请活动指数",
)  # fmt: skip

# delinquency
_add("a.dq:serious", r"seriously delinquent(?: rate)?", r"serious delinquenc\w{0,3}(?: rate)?")
_add(
    "a.dq:total",
    r"delinquency rate", r"delinquency ratio", r"delinquencies", r"share of [^.。]{0,60}(?:past due|delinquent)",
    r"percentage of loans past due", r"loans past due", r"拖欠比率", r"拖欠率", r"逾期率",
    # 逾期偿付比率, 拖欠还贷的比例, 有3.8%的抵押贷款处于违约状态 (a share told in words)
    r"逾期偿付(?:的)?比率", r"逾期还款(?:的)?比率", r"拖欠还贷的比例", r"拖欠还款的比例", r"处于违约状态",
)  # fmt: skip

# New York Fed's Household Debt and Credit Report: the total
_add(
    "a.nyfed:debt",
    r"total household debt", r"household debt", r"household indebtedness", r"家庭债务总额", r"家庭总负债", r"家庭债务",
)  # fmt: skip

# PBOC: balances first (longest names), then flows
_add(
    "a.cn:mbal",
    r"个人住房贷款\s?余额", r"房贷余额", r"outstanding (?:individual |personal )?(?:housing|mortgage|home) loans",
    r"personal mortgage loans(?= (?:shrank|fell|dropped|declined|rose|grew|increased|stood|totaled|totalled))",
    r"outstanding mortgages", r"personal (?:housing|home) loans (?=stood|totaled|totalled|were|was)",
    r"outstanding (?:amount|value|balance) of (?:individual |personal )?(?:mortgages|mortgage loans|housing loans|home loans)",
    r"outstanding (?:individual|personal) mortgages",
)  # fmt: skip
_add(
    "a.cn:hbal",
    r"本外币住户(?:部门)?贷款\s?余额", r"住户(?:部门)?贷款\s?余额", r"居民(?:部门)?贷款\s?余额", r"outstanding household loans",
)  # fmt: skip
_add(
    "a.cn:cbal",
    r"住户消费(?:性)?贷款\s?余额", r"个人消费(?:性)?贷款\s?余额", r"消费(?:性)?贷款\s?余额", r"outstanding consumer loans",
)  # fmt: skip
_add("a.cn:lbal", r"(?<!外币)人民币(?:各项)?贷款\s?余额", prefix="人民币")
_add("a.cn:lbal", r"outstanding (?:yuan|rmb|renminbi) loans", r"yuan loans outstanding", r"rmb loans outstanding")
_add(
    "a.cn:tsfs",
    r"社会融资规模\s?存量", r"社融存量", r"outstanding (?:aggregate|total social) financing", r"aggregate financing stock",
    r"total social financing stock", r"tsf stock", r"stock of (?:aggregate|total social) financing",
)  # fmt: skip
_add(
    "a.cn:rate",
    r"新发放(?:的)?个人住房贷款(?:加权)?(?:平均)?利率", r"新发放房贷利率",
    r"weighted average (?:interest )?rate on (?:newly (?:issued|extended|granted) )?(?:personal )?(?:housing|home|mortgage) loans",
    r"average (?:interest )?rate on (?:newly (?:issued|extended|granted) )?(?:personal )?(?:housing|home|mortgage) loans",
    r"rate on new (?:chinese )?home loans",
)  # fmt: skip
_add(
    "a.cn:mlt",
    r"住户中长期贷款", r"居民中长期贷款", r"medium-?\s?(?:and|to)\s?-?long[- ]term (?:household )?loans(?: to households)?",
    r"mid[- ]to[- ]long[- ]term (?:household )?loans", r"long-term household loans",
)  # fmt: skip
_add("a.cn:mlt", r"(?<![企业工])中长期贷款(?!\s?余额)", prefix="中长期贷款")
_add("a.cn:short", r"住户短期贷款", r"居民短期贷款", r"short-term (?:household )?loans(?: to households)?")
_add("a.cn:short", r"(?<![企业])短期贷款(?!\s?(?:及|余额))", prefix="短期贷款")
_add("a.cn:cons", r"住户消费(?:性)?贷款", r"个人消费(?:性)?贷款", r"consumer loans")
_add(
    "a.cn:hh",
    r"住户(?:部门)?贷款", r"居民(?:部门)?贷款", r"household (?:loans|borrowing|lending|credit)", r"loans to households",
    r"household sector loans",
)  # fmt: skip
_add(
    "a.cn:tsf",
    r"社会融资规模(?:\s?增量)?",
    r"新增社融",
    r"社融(?:\s?增量)?",
    r"newly added (?:total )?social financing",
    r"new tsf",
    r"scale of (?:china's )?social financing",
)
_add("a.cn:tsf", r"social financing(?! (?:stock|growth|to gdp|balance|outstanding))", prefix="social financing")
_add("a.cn:tsf", r"(?<!outstanding )aggregate financing", prefix="aggregate financing")
_add("a.cn:tsf", r"(?<!outstanding )total social financing", prefix="total social financing")
_add("a.cn:tsf", r"(?<![a-z])tsf(?![a-z])", prefix="tsf")
_add(
    "a.cn:new",
    r"(?<!外币)(?<!实体经济发放的)人民币(?:各项)?贷款(?=\s?(?:增加|减少|新增|为|同比|累计))",
    prefix="人民币",
)
_add(
    "a.cn:new",
    r"新增人民币贷款", r"人民币新增贷款", r"新增贷款", r"新增人民币信贷", r"新增信贷", r"new (?:yuan|rmb|renminbi|bank|chinese currency|local[- ]currency) loans", r"yuan[- ]denominated (?:loans|lending)",
    r"rmb[- ]denominated (?:loans|lending)", r"renminbi[- ]denominated (?:loans|lending)", r"new (?:yuan )?lending",
    r"the monthly total",
)  # fmt: skip
_add("a.cn:new", r"new loans(?! (?:approved|drawn))", prefix="new loans")
_add(
    "a.cn:new",
    r"banks (?:lent|extended|issued|made)(?= (?:a (?:net |record )?)?[\d.,]{1,8} ?(?:trillion|billion|trln|bln|bn|tn) yuan)",
)
_add("a.cn:new", r"(?<=[月份])贷款(?=\s?(?:增加|减少|新增))", prefix="贷款")

# China LPR
for _one, _five in (("1", "5"), ("one", "five")):
    for _sep in ("-", " "):
        _add(
            "a.lpr:both",
            rf"{_one}{_sep}year and (?:the )?(?:over[- ]|above[- ])?(?:5|five)[- ]year(?: and above)?(?: loan prime rates| lprs?)",
        )
        _add("a.lpr:y1", rf"{_one}{_sep}year (?:loan prime rate|lpr)")
        _add("a.lpr:y5", rf"{_five}{_sep}year(?: and above| or longer)? (?:loan prime rate|lpr)")
    _add("a.lpr:both", rf"{_one}- and {_five}[- ]year (?:loan prime rates?|lprs?)")
    _add("a.lpr:both", rf"{_one} and {_five}[- ]year (?:loan prime rates?|lprs?)")
    # a setting written tenor first: "1-year set at 3.1%", "5-year came in at 3.6%"
    for _sep in ("-", " "):
        _add(
            "a.lpr:y1",
            rf"{_one}{_sep}year(?= (?:lpr |rate )?(?:unchanged |steady )?(?:set|fixed|came in|comes in|kept|held|cut|lowered|at)\b)",
        )
        _add(
            "a.lpr:y5",
            rf"{_five}{_sep}year(?= (?:lpr |rate )?(?:unchanged |steady )?(?:set|fixed|came in|comes in|kept|held|cut|lowered|at)\b)",
        )
    _add("a.lpr:y1", rf"for the {_one}[- ]year\b(?! (?:loan|lpr|and))")
    _add("a.lpr:y5", rf"for the {_five}[- ]year\b(?! (?:loan|lpr))")
for _d, _c in (("1", "一"), ("5", "五")):
    for _head in (f"{_d}年", f"{_d} 年", _c):
        if _d == "1":
            _add(
                "a.lpr:both",
                r"[1一]\s?年期(?:lpr)?\s?(?:和|、|及|与)\s?(?:5|五)\s?年期以上(?:贷款市场报价利率|\s?lpr)?",
                prefix=_head,
            )
            _add("a.lpr:y1", r"[1一]\s?年期\s?(?:贷款市场报价利率|lpr)", prefix=_head)
            # "LPR：1年期维持3.1%，5年期以上维持3.6%": the tenor alone, a figure right after it
            _add(
                "a.lpr:y1",
                r"[1一]\s?年期(?=\s?(?:为|是|维持|保持|降至|下调至|升至|报)?\s?\d)",
                prefix=_head,
            )
        else:
            _add(
                "a.lpr:y5",
                r"[5五]\s?年期以上(?:贷款市场报价利率|\s?lpr)?",
                r"[5五]\s?年期\s?(?:贷款市场报价利率|lpr)",
                r"[5五]\s?年期(?=\s?(?:为|是|维持|保持|降至|下调至|升至|报)?\s?\d)",  # 五年期3.5厘: the tenor alone
                prefix=_head,
            )
_add(
    "a.lpr:y5",
    r"over[- ](?:5|five)[- ]year(?: and above| or longer)? (?:loan prime rate|lpr)",
    r"above[- ](?:5|five)[- ]year(?: and above| or longer)? (?:loan prime rate|lpr)",
    r"over (?:5|five) years? (?:loan prime rate|lpr)", r"more than (?:5|five) years? (?:loan prime rate|lpr)",
)  # fmt: skip

# Bank of England / UK Finance
for _head in ("mortgage approv", "mortgages approv"):
    _add("a.uk:approvals", r"(?<!re)mortgages? approv\w{0,4}", prefix=_head)
_add(
    "a.uk:approvals",
    r"approvals? (?:for|of) (?:house|home) purchases?", r"approvals for (?:home|house|housing) loans", r"house[- ]purchase (?:mortgage )?approvals",
    r"home[- ]purchase (?:mortgage )?approvals", r"loan approvals", r"housing approvals", r"net mortgage approvals",
    r"number of (?:mortgages? )?approvals", r"按揭批核(?:宗数|件数)?", r"按揭许可(?:宗数|件数)?", r"抵押贷款许可(?:件数|宗数|数量)?", r"房贷许可(?:件数|宗数|数量)?", r"房贷批准(?:件数|宗数)?", r"抵押贷款批准(?:件数|宗数)?",
    r"购房抵押贷款批准(?:件数|宗数)?", r"购房贷款批准(?:件数|宗数)?",
    r"approved(?= (?:just |only |some |a total of |around |about )?[\d,.]{2,12}(?: ?(?:k|thousand))? (?:new )?(?:mortgages|home loans))",
    r"loans approved for (?:house|home) purchases?", r"number of loans approved", r"批准的(?:抵押贷款|房贷|按揭)(?:件数|宗数|数量)?",
    r"批准了?(?=\s?[\d,]{3,12}\s?(?:笔|件|宗|份)(?:购房|房屋)?(?:抵押贷款|房贷|按揭|房屋贷款))",
)  # fmt: skip
_add(  # "Approvals fell to 61,267 in the month" (the sentence before named them)
    "a.uk:approvals",
    r"approvals (?=(?:fell|rose|dropped|climbed|slumped|jumped|increased|decreased|edged|slipped|totalled|totaled"
    r"|came in|were)\b)",
    prefix="approvals ",
)
_add("a.uk:approvals", r"批准(?=\s?\d{1,3},?\d{3}\s?件)", prefix="批准")  # 各贷款机构共批准61,707件住房贷款申请
_add("a.uk:approvals", r"mortgages (?:were |was )approved", prefix="mortgages were")
_add("a.uk:approvals", r"mortgages (?:were |was )approved", prefix="mortgages was")
_add("a.uk:approvals", r"(?<=\d )(?:home )?loans (?:were )?approved", prefix="loans")  # "70,888 loans were approved"
_add("a.uk:approvals", r"(?<=\d )(?:home )?loans (?:were )?approved", prefix="home loans")
_add(
    "a.uk:lending",
    r"net mortgage lending", r"net lending secured on dwellings", r"lending secured on dwellings",
    r"net borrowing of mortgage debt", r"net lending of mortgage debt", r"net mortgage borrowing", r"按揭净额", r"净按揭",
    r"按揭贷款净额", r"抵押贷款净额", r"净抵押贷款", r"抵押贷款净发放(?:金额)?",
)  # fmt: skip
_add("a.uk:lending", r"(?<!gross )(?<!gross net )mortgage lending", prefix="mortgage lending")
_add("a.uk:lending", r"(?<!gross )mortgage borrowing", prefix="mortgage borrowing")
_add(
    "a.uk:consumer_out",
    r"amount of outstanding (?:net )?consumer credit(?: borrowing| lending)?",
    r"outstanding (?:net )?consumer credit(?: borrowing| lending)?",
)  # fmt: skip
_add(
    "a.uk:consumer",
    r"net consumer credit(?: borrowing| lending)?", r"consumer credit(?: borrowing| lending)?", r"consumer borrowing", r"consumer lending",
    r"consumer debt(?: outstanding)?",
    r"total credit to consumers", r"credit to consumers", r"total outstanding credit",
    r"净消费者信贷", r"消费者信贷", r"净消费信贷", r"消费信贷", r"消费者借贷", r"消费者借款",
    r"消费者无担保贷款", r"无担保消费(?:者)?贷款", r"unsecured (?:consumer )?(?:borrowing|lending|credit)",
    r"consumers borrowed(?: a net| an extra| an additional)?",
)  # fmt: skip

# HKMA residential mortgage survey
_add(
    "a.hk:loans",
    r"mortgage loans (?:newly )?approved", r"new loans (?:newly )?approved", r"new mortgage loans approved",
    r"approved (?:new )?mortgage loans", r"value of approved (?:new )?(?:mortgage )?loans",
    r"新批(?:出)?(?:的)?(?:住宅)?(?:按揭)?贷款(?:额)?", r"新批按揭(?:贷款)?(?:额)?",
)  # fmt: skip
_add(
    "a.hk:apps",
    r"number of (?:new )?mortgage applications", r"new mortgage applications", r"mortgage applications",
    r"applications(?= (?:fell|rose|dropped|increased|decreased|declined|climbed|jumped|edged|slipped))",
    r"新申请(?:的)?(?:住宅)?(?:按揭)?(?:贷款)?(?:的)?(?:个案|宗数|宗)?", r"按揭(?:贷款)?申请(?:宗数|个案)?", r"申请(?:按揭)?贷款(?:的)?宗数",
)  # fmt: skip

# Taiwan's five major banks
_add(
    "a.tw:rate",
    r"新承[做作](?:的)?(?:购屋|房屋)?(?:贷款|房贷)(?:平均)?利率", r"购屋(?:贷款|房贷)(?:平均)?利率", r"房屋(?:贷款|房贷)(?:平均)?利率",
    r"average rate on (?:the )?new (?:home loans|mortgages)", r"new (?:home loan|mortgage) rate",
    r"mortgage rates?",
)  # fmt: skip
for _obj in ("home mortgages", "mortgages", "home loans", "housing loans"):  # "the interest rate for home mortgages"
    for _prep in ("for", "on"):
        for _new in ("", "new "):
            _add(
                "a.tw:rate",
                rf"(?<=rate ){_prep} {_new}{_obj}|(?<=rates ){_prep} {_new}{_obj}",
                prefix=f"{_prep} {_new}{_obj}",
            )
_add(  # 國銀房貸餘額: a stock
    "a.tw:balance",
    r"国银(?:的)?(?:购置住宅贷款|购屋贷款|房贷)余额", r"本国银行(?:的)?(?:购置住宅贷款|购屋贷款|房贷)余额",
    r"全体银行(?:的)?(?:购置住宅贷款|购屋贷款|房贷)余额",
)  # fmt: skip
_add("a.tw:bare_rate", r"房贷利率")  # "5大银行新承做房贷金额…；房贷利率升至2.327%": Taiwan's only beside its banks
_add(
    "a.tw:loans",
    r"新承[做作](?:的)?(?:购屋|房屋)?(?:贷款|房贷)(?:金额)?",
    r"新承[做作]放款中的(?:购屋|房屋)(?:贷款|房贷)(?:金额)?",
    r"new home loans",
    r"new mortgages? (?:extended|granted)",
    r"mortgage operations",
    r"housing loans extended",
    r"new housing loans",
)

# contexts
_CONTEXTS: Final = {
    "freddie": ("freddie", "房地美", "pmms", "primary mortgage market survey", "mortgage giant", "mortgage buyer",
                "mortgage finance agency", "federal home loan mortgage"),
    "mba": ("mortgage bankers", "抵押贷款银行家协会", "抵押贷款协会", "抵押贷款银行协会", "按揭银行家协会", "按揭银行协会",
            "按揭贷款银行家协会", "按揭贷款银行协会", "房贷银行家协会", "抵押银行家协会"),
    "other_us": ("bankrate", "zillow", "mortgage news daily", "nerdwallet", "lendingtree", "redfin", "realtor.com",
                 "fannie mae"),
    "us": ("u.s.", "united states", "america", "美国", "美联储", "federal reserve", "revolving credit", "nonrevolving",
           "non-revolving"),
    "uk": ("bank of england", "英国", "英伦", "英格兰", "u.k.", "britain", "british"),
    "ukf": ("uk finance", "british bankers", "high street banks", "银行家协会", "银行公会"),
    "hk": ("hkma", "金管局", "金融管理局", "monetary authority", "hong kong", "香港", "本港", "住宅按揭统计调查",
           "residential mortgage survey", "港元", "港币", "hk$"),
    "tw": ("五大银行", "五大行", "taiwan", "新台币", "nt$", "台湾", "台北", "国银", "本国银行"),
    "cn": ("china", "chinese", "pboc", "people's bank", "peoples bank", "yuan", "人民币", "人民银行", "人行", "内地", "中国",
           "金融统计", "社会融资", "社融", "贷款投向", "beijing", "住户贷款", "住户部门", "住户中长期", "住户短期", "居民贷款",
           "居民中长期"),
    "lpr": ("lpr", "loan prime rate", "贷款市场报价利率"),
    # the PBOC itself (a Taiwanese outlet's 新台币 conversion does not make its report Taiwan's)
    "pbc": ("pboc", "people's bank", "中国人民银行", "人民银行", "社会融资", "人民币贷款"),
    "nyfed": ("new york fed", "federal reserve bank of new york", "ny fed", "纽约联储", "纽约联邦储备银行", "纽约联邦",
              "纽约联准会"),
    "dqsrc": ("black knight", "first look", "corelogic", "transunion", "equifax", "moody"),
    "nds": ("national delinquency survey",),
    "gse": ("fannie mae", "freddie mac", "房利美", "房地美"),
    "mortgage": ("mortgage", "home loan", "frm", "fixed", "按揭", "房贷", "抵押"),
    "average": ("averag", "平均"),
    "product": ("advertis", "rebate", "lender's", "lenders'", "wells fargo", "hsbc", "barclays", "natwest", "santander",
                "halifax", "lloyds", "abbey", "多家银行", "银行将", "某银行", "大行", "首套", "二套", "存量房贷", "现金回赠",
                "按息", "h按", "p按"),
}  # fmt: skip
for _name, _words in _CONTEXTS.items():
    _add(f"c:{_name}", *(re.escape(w) for w in _words))
for _name, _word in (("mba", "mba"), ("us", "fed"), ("uk", "boe"), ("uk", "uk"), ("ukf", "bba"), ("dqsrc", "ice"),
                     ("dqsrc", "fha"), ("nds", "nds"), ("product", "offer"), ("product", "chase"), ("product", "rocket")):  # fmt: skip
    _add(f"c:{_name}", rf"(?<![a-z]){_word}s?(?![a-z])", prefix=_word)
_add("c:product", r"its (?:\d{2}-year|advertised|own|standard|fixed|mortgage|home loan|rates?|products?)")
_add("c:cn", r"(?<!英国)(?<!美国)(?<!日本)(?<!欧洲)(?<!台湾)(?<!英伦)(?<!韩国)(?<!澳洲)央行", prefix="央行")
# words that end an indicator's clause, and the borrower sectors of a PBOC release
_add("s.cn", r"存款", r"deposits", r"外币贷款", r"广义货币", r"狭义货币", r"money supply")
for _m in ("m0", "m1", "m2"):
    _add("s.cn", rf"(?<![a-z]){_m}(?![a-z0-9])", prefix=_m)
_add(
    "s.hk",
    r"一手", r"二手", r"转按", r"新取用", r"未偿还", r"drawn down", r"outstanding", r"primary market", r"secondary market",
    r"refinancing", r"hibor", r"最优惠", r"best lending",
)  # fmt: skip
_add("s.uk", r"remortgag", r"other secured", r"effective (?:interest )?rate", r"deposits", r"businesses")
_add("sector:h", r"住户", r"居民", r"household")
_add(
    "sector:o",
    r"企[(（]?事[)）]?业单位", r"企业", r"非金融企业", r"非银行", r"机关团体", r"corporate", r"enterprises", r"companies",
    r"businesses", r"institutions",
)  # fmt: skip
for _kind, _words in CUE_WORDS.items():
    _add(f"k:{_kind}", *_words)
for _kind, _words in CUE_BOUNDED.items():
    for _word in _words:
        _add(f"k:{_kind}", rf"(?<![a-z]){re.escape(_word)}(?![a-z])", prefix=_word)
for _word in EN_STARTS:
    _add("p", re.escape(_word))
for _word in ZH_STARTS:
    _add("p", _word, prefix=_word)
LEX.build()


class Found:
    """The lexicon's hits for one item."""

    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.hits, self.starts = LEX.find(ctx.t)
        self.families = {tag[2:].split(":", 1)[0] for tag in self.hits}
        ctx.period_starts = self.starts.get("p", [])
        ctx.cue_hits = {kind: self.starts.get(f"k:{kind}", []) for kind in CUE_KINDS}

    def has(self, name: str) -> bool:
        return f"c:{name}" in self.starts

    def near(self, name: str, lo: int, hi: int) -> bool:
        return any(lo <= c < hi for c in self.starts.get(f"c:{name}", ()))

    def anchors(self, family: str) -> list[Hit]:
        prefix = f"a.{family}:"
        out = [h for tag, hs in self.hits.items() if tag.startswith(prefix) for h in hs]
        out.sort(key=lambda h: h.start)
        return out

    def first(self, tag: str, lo: int, hi: int) -> int | None:
        return next((c for c in self.starts.get(tag, ()) if lo <= c < hi), None)

    def cn(self) -> bool:
        return self.has("cn") and (not self.has("tw") or self.has("pbc"))


def _group(h: Hit) -> str:
    return h.tag.split(":", 1)[1]


# -- families ------------------------------------------------------------------------------------------------

_NOT_TREASURY: Final = zre(r"[^.。;；]{0,24}(?:treasury|bond|yield|gilt|国债|美债|债券)")


def us_rates(ctx: Ctx, f: Found) -> list[Mention]:
    t = ctx.t
    freddie, mba = f.has("freddie"), f.has("mba")
    out: list[Mention] = []
    anchors = f.anchors("us")
    for h in anchors:
        if _NOT_TREASURY.match(t, h.end):
            continue
        s0, s1 = ctx.sentence(h.start)
        if not (freddie or f.near("mortgage", s0, s1) or f.near("mortgage", 0, ctx.title_end)):
            continue
        if f.near("product", s0, s1):
            continue
        group = _group(h)
        ind: Ind | None
        if group == "generic":
            # only the survey's own headline rate, and only where no tenor is named in the sentence
            if any(s0 <= o.start < s1 and _group(o) != "generic" for o in anchors):
                continue
            if f.has("other_us") and not f.near("freddie", s0, s1):
                continue  # a rate site's own daily average, Freddie Mac quoted elsewhere
            ind = US30 if freddie else (MBA_RATE if mba else None)
        elif group == "contract":
            ind = MBA_RATE if mba else None
        elif freddie:
            ind = US30 if group == "y30" else US15
        elif mba:
            ind = MBA_RATE if group == "y30" else None
        elif f.near("average", s0, s1) and f.has("us") and not f.has("other_us"):
            ind = US30 if group == "y30" else US15
        else:
            ind = None
        if ind is not None:
            out.append(Mention(ind, h.start, h.end))
    return out


_MBA_GROUPS: Final = {"refi": MBA_REFI, "purchase": MBA_PURCHASE, "apps": MBA_APPS}


def mba_weekly(ctx: Ctx, f: Found) -> list[Mention]:
    if not f.has("mba"):
        return []
    return [Mention(_MBA_GROUPS[_group(h)], h.start, h.end) for h in f.anchors("mba")]


def delinquency(ctx: Ctx, f: Found) -> list[Mention]:
    gse = f.has("gse")  # Fannie Mae's and Freddie Mac's monthly single-family serious delinquency rates
    if not (f.has("mortgage") or gse):
        return []
    hk, mba = f.has("hk"), f.has("mba") or f.has("nds")
    out = []
    for h in f.anchors("dq"):
        serious = _group(h) == "serious"
        ind: Ind | None
        if hk:
            ind = None if serious else HK_DELINQ
        elif mba:
            ind = MBA_SERIOUS if serious else MBA_DELINQ
        elif gse:
            ind = GSE_SERIOUS if serious else US_DELINQ
        elif (f.has("dqsrc") or f.has("us")) and not serious:
            ind = US_DELINQ  # (a source such as ICE, or "US mortgage delinquency rate rose to 3.9%")
        else:
            ind = None
        if ind is not None:
            out.append(Mention(ind, h.start, h.end))
    return out


_CN_GROUPS: Final = {
    "mbal": CN_MORTGAGE_BAL, "hbal": CN_HH_BAL, "cbal": CN_CONSUMER_BAL, "lbal": CN_LOAN_BAL, "tsfs": CN_TSF_STOCK,
    "rate": CN_NEW_RATE, "mlt": CN_HH_MLT, "short": CN_HH_SHORT, "cons": CN_CONSUMER, "hh": CN_HH, "tsf": CN_TSF,
    "new": CN_NEW_LOANS,
}  # fmt: skip
_HOUSEHOLD_WORDS: Final = ("住户", "居民", "household", "住戶")


def _household_scope(ctx: Ctx, f: Found, pos: int) -> bool:
    """A bare 短期贷款 / 中长期贷款 belongs to households when the last borrower sector named before it is 住户."""
    s0, _ = ctx.sentence(pos)
    lo = max(0, min(s0, pos - 160))
    last: tuple[int, str] = (-1, "")
    for tag in ("sector:h", "sector:o"):
        for c in f.starts.get(tag, ()):
            if lo <= c < pos and c > last[0]:
                last = (c, tag)
    return last[1] == "sector:h"


def pboc(ctx: Ctx, f: Found) -> list[Mention]:
    if not f.cn():
        return []
    out: list[Mention] = []
    for h in f.anchors("cn"):
        group = _group(h)
        text = ctx.t[h.start : h.end]
        bare = group in ("mlt", "short") and not any(w in text for w in _HOUSEHOLD_WORDS)
        if bare and not _household_scope(ctx, f, h.start):
            continue
        if text == "the monthly total" and not any(x.ind is CN_NEW_LOANS for x in out):
            continue
        out.append(Mention(_CN_GROUPS[group], h.start, h.end))
    return out


def lpr(ctx: Ctx, f: Found) -> list[Mention]:
    if not f.has("lpr"):
        return []
    out = []
    for h in f.anchors("lpr"):
        group = _group(h)
        if group == "both":
            out.append(Mention(LPR_1Y, h.start, h.end, outstanding=True))  # `outstanding` marks "both tenors"
        else:
            out.append(Mention(LPR_1Y if group == "y1" else LPR_5Y, h.start, h.end))
    return out


def uk(ctx: Ctx, f: Found) -> list[Mention]:
    ukf = f.has("ukf") and not f.has("mba")
    uk_ctx = ukf or f.has("uk")
    us_ctx = not uk_ctx and (f.has("us") or _in_dollars(ctx, f))
    if not uk_ctx and not us_ctx:
        return []
    out = []
    for h in f.anchors("uk"):
        group = _group(h)
        ind: Ind
        if group.startswith("consumer"):
            ind = UK_CONSUMER if uk_ctx else US_CONSUMER
            out.append(Mention(ind, h.start, h.end, outstanding=group == "consumer_out"))
            continue
        if not uk_ctx:
            continue
        ind = (UKF_APPROVALS if ukf else UK_APPROVALS) if group == "approvals" else UKF_LENDING if ukf else UK_LENDING
        out.append(Mention(ind, h.start, h.end))
    return out


def _in_dollars(ctx: Ctx, f: Found) -> bool:
    """Consumer credit stated in dollars, with no other country named: the Federal Reserve's series."""
    if f.has("cn") or f.has("hk") or f.has("tw"):
        return False
    return any(n.kind == "amount" and n.currency == "USD" for n in ctx.nums)


def hk(ctx: Ctx, f: Found) -> list[Mention]:
    if not f.has("hk") or f.has("mba"):
        return []
    return [Mention(HK_LOANS if _group(h) == "loans" else HK_APPS, h.start, h.end) for h in f.anchors("hk")]


_TW_GROUPS: Final = {"rate": TW_RATE, "bare_rate": TW_RATE, "loans": TW_LOANS, "balance": TW_MORTGAGE_BAL}
_FIVE_BANKS: Final = re.compile(r"[5五]大[银銀]行")


def taiwan(ctx: Ctx, f: Found) -> list[Mention]:
    if not f.has("tw"):
        return []
    five_banks = _FIVE_BANKS.search(ctx.t) is not None
    return [
        Mention(_TW_GROUPS[_group(h)], h.start, h.end)
        for h in f.anchors("tw")
        if _group(h) != "bare_rate" or five_banks
    ]


def nyfed(ctx: Ctx, f: Found) -> list[Mention]:
    """The New York Fed's quarterly household debt total (named with the bank: "household debt" alone is too loose)."""
    if not f.has("nyfed"):
        return []
    return [Mention(US_HH_DEBT, h.start, h.end) for h in f.anchors("nyfed")]


Family = Callable[[Ctx, Found], list[Mention]]
FAMILIES: Final[tuple[tuple[str, Family, str | None], ...]] = (
    ("us", us_rates, None),
    ("mba", mba_weekly, None),
    ("dq", delinquency, None),
    ("lpr", lpr, None),
    ("cn", pboc, "s.cn"),
    ("uk", uk, "s.uk"),
    ("hk", hk, "s.hk"),
    ("tw", taiwan, None),
    ("nyfed", nyfed, None),
)
