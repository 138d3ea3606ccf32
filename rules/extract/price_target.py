"""`price_target`: a named broker's call on one named company — initiation, upgrade, downgrade, reiteration,
target raised / cut / set.

How an item is read:
1. A cheap gate on the raw text (an Aho-Corasick pass for target / rating words in both scripts, then one for
   a broker name or firm word) rejects most items before any folding or regex work (`pt_scan`).
2. A sector table ("…投资评级及目标价表列如下: 股份 | 投资评级 | 目标价 …") gives one event per row
   (`pt_table`).
3. Otherwise the title and lead are cut into clauses. A clause is a *call* when a named broker acts in it (or
   the broker of an earlier clause is carried over: "该行", "the firm", "The analyst …") and it states a rating
   action, a target with a number, or a rating word in a rating context. Calls of the same broker on the same
   company merge (the headline gives the action, the lead the old target and rating); a call on another
   company, or by another broker, is a further event. Changes (initiations, up/downgrades, target moves) come
   before plain reiterations, then text order.

The broker is the first *acting* broker: a broker named as the object of the action ("downgraded Wells Fargo",
"上调中金公司目标价", "Wells Fargo (NYSE:WFC)") is the company, not the broker. Unnamed brokers (外资, "a Wall
Street analyst") are never brokers. The broker is reported as written, with the lexicon's canonical name in
parentheses when the written form is another name for it ("大摩 (Morgan Stanley)"); ratings are the broker's
words as written ("買入", "Overweight"), their level on the five-level scale decides up- or downgrade.

Not events: index or commodity targets, credit ratings (rating agencies are not brokers), a company's own
targets (revenue / sales targets are not price targets), consensus or average targets, bull-case scenarios.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right, insort
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rules.extract import Document, Fields, register
from rules.extract.common import original, round_value
from rules.extract.pt_scan import ABBREVIATIONS, CAP, Cue, Hit, aligned_fold, clauses, passes_gate, scan
from rules.extract.pt_table import TABLE_LEAD, table_events
from rules.extract.pt_words import SCALE, WEAK, rating_level
from rules.lexicon import load
from rules.normalize import fold

_CHANGE_KINDS = ("init", "up", "down", "raise", "cut")
_CHANGES = frozenset(("init", "up", "down", "raise", "cut"))
_CALL_CUES = frozenset(("anchor", "rcue", "up", "down", "init", "keep", "upside"))
_INIT_EN = re.compile(
    r"(?:initiat(?!ions)\w*(?:\s+\w+){0,3}?\s+coverage|initiat(?!ions)\w*\s+(?:\S+\s+){0,4}?(?:at|with|on|as)\b|(?:resum|reinstat|assum)\w*\s+(?:coverage|at|with)\b"
    r"|started\s+(?:at|with|as)\b)"
)
_COVERAGE_VERBS = (
    "start",
    "began",
    "begin",
    "launch",
    "resum",
    "reinstat",
    "assum",
    "pick",
    "open",
    "initiat",
    "transfer",
)
_UPGRADE_TARGET = re.compile(
    r"\w*\s+(?:(?:its|their|the|his|her)\s+)?(?:\d+-month\s+)?(?:price\s+)?(?:target|objective|estimates?|forecasts?)\b"
)
_START_WITH = re.compile(r"\s+(?:coverage\s+(?:on|of)\s+)?(?:[\w&.'’-]+\s+){0,5}?(?:at|with)\s+(?:an?\s+)?")
_COVERAGE_AFTER = re.compile(r"\s+(?:initiated|started|launched|resumed|reinstated|assumed|begun)\b")
_EN_TARGET_VERB = re.compile(
    r"\b(?:(rais|lift|boost|increas|hik|bump|upp|hoist|nudg|add)|(cut|lower|trim|reduc|slash|chop|decreas|drop|pare|shav))\w*"
)
_EN_TARGET_VERB_AFTER = re.compile(
    r"s?\s+(?:\S+\s+){0,3}?(?:(raised|lifted|increased|boosted|hiked|bumped|upped|moved up)|(cut|lowered|reduced|trimmed|slashed|decreased|dropped|pared))\b"
)
_ZH_UP = "上调|调升|调高|上修|提高|提升|大升|微升|上移|推升|拉高|升"
_ZH_DOWN = "下调|调降|调低|下修|降低|微降|下移|削|降"
_ZH_VERB = re.compile(f"({_ZH_UP})|({_ZH_DOWN})")
_ZH_RATING_WORD_BEFORE = re.compile(r"(?:(升|上调|调升|调高)|(降|下调|调降|调低))(?:至|为)\W?$")
# A price in a short window after or before a target word: "$1,150.00", "HK$13", "311元", "7.56美元", "480".
# Read digits first (a fast scan), then the currency written before and the unit after them:
# [pre][space]number[space unit], the whole not glued to a word, digit, "." or "," on the left.
_DIGIT_RUN = re.compile(r"\d[\d,.]*")
_NUM_AT = re.compile(r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,6}(?:\.\d+)?)(?!\d|,\d)")
_PRE_AT = re.compile(
    r"((?:us|hk|nt) ?\$|(?:a|c|s)\$|\$|€|£|¥|￥|₹|rs\.?|inr|rmb|usd|hkd|eur|gbp|gbx|cny|jpy|twd|chf|dkk|sek|nok|cad|aud|sgd|krw|yen|"
    r"人民币|港币|港元|美元|e)\s?"  # (E310: the wires' euro; "e" alone, never glued to a word)
)
_POST_AT = re.compile(
    r"\s?(?:港元|港币|美元|人民币|元|新台币|台币|日元|円|欧元|英镑|瑞郎|韩元|pence|p\b|gbx\b|dollars?\b|euros?\b|yen\b"
    r"|danish (?:crowns?|kroner)\b|swedish (?:crowns?|kronor)\b|norwegian (?:crowns?|kroner)\b|swiss francs?\b|kroner\b"
    r"|kronor\b|crowns?\b|francs?\b|won\b|rupees?\b|(?:south )?korean won\b|japanese yen\b|(?:chinese )?yuan\b"
    r"|(?:hong kong|hk) dollars?\b|(?:new )?taiwan(?:ese)? dollars?\b|(?:australian|canadian|singapore) dollars?\b)"
)
_MILLION_WON = re.compile(r"\s?million won\b")
_PRE_LAST = frozenset("$€£¥￥₹bdrpxyfkswne.币元")  # the last character of every currency written before a number
_GLUE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,")
_CURRENCY_OF = {
    "us$": "USD",
    "$": "USD",
    "usd": "USD",
    "美元": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "hk$": "HKD",
    "hkd": "HKD",
    "港元": "HKD",
    "港币": "HKD",
    "nt$": "TWD",
    "twd": "TWD",
    "新台币": "TWD",
    "台币": "TWD",
    "a$": "AUD",
    "c$": "CAD",
    "s$": "SGD",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "e": "EUR",
    "欧元": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "gbx": "GBX",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
    "inr": "INR",
    "rupee": "INR",
    "rupees": "INR",
    "cad": "CAD",
    "aud": "AUD",
    "sgd": "SGD",
    "pence": "GBX",
    "p": "GBX",
    "英镑": "GBP",
    "¥": "JPY",
    "￥": "JPY",
    "jpy": "JPY",
    "yen": "JPY",
    "日元": "JPY",
    "円": "JPY",
    "rmb": "CNY",
    "cny": "CNY",
    "人民币": "CNY",
    "元": "CNY",
    "chf": "CHF",
    "franc": "CHF",
    "francs": "CHF",
    "瑞郎": "CHF",
    "kroner": "DKK",
    "dkk": "DKK",
    "danish crown": "DKK",
    "danish crowns": "DKK",
    "danish kroner": "DKK",
    "sek": "SEK",
    "kronor": "SEK",
    "swedish crown": "SEK",
    "swedish crowns": "SEK",
    "swedish kronor": "SEK",
    "nok": "NOK",
    "norwegian crown": "NOK",
    "norwegian crowns": "NOK",
    "norwegian kroner": "NOK",
    "swiss franc": "CHF",
    "swiss francs": "CHF",
    "crown": "SEK",
    "crowns": "SEK",
    "won": "KRW",
    "korean won": "KRW",
    "south korean won": "KRW",
    "japanese yen": "JPY",
    "yuan": "CNY",
    "chinese yuan": "CNY",
    "hong kong dollar": "HKD",
    "hong kong dollars": "HKD",
    "hk dollar": "HKD",
    "hk dollars": "HKD",
    "taiwan dollar": "TWD",
    "taiwan dollars": "TWD",
    "new taiwan dollar": "TWD",
    "new taiwan dollars": "TWD",
    "taiwanese dollar": "TWD",
    "taiwanese dollars": "TWD",
    "australian dollar": "AUD",
    "australian dollars": "AUD",
    "canadian dollar": "CAD",
    "canadian dollars": "CAD",
    "singapore dollar": "SGD",
    "singapore dollars": "SGD",
    "krw": "KRW",
    "韩元": "KRW",
}
_NOT_PRICE_AFTER = re.compile(
    r"\s?(?:%|倍|x\b|年|月|日|个|只|亿|万|千|百|兆|点|points?\b|pts\b|bps?\b|-?month|-?year|-?day|-?week|\.(?:hk|sh|sz|tw)\b|billion|million|trillion|bn\b|mn\b|mln\b|m\b|k\b|b\b|nm\b)"
)
_PCT = re.compile(r"([+-]?\d+(?:\.\d+)?)\s?%")
# "revenue target", "year-end target" on an index, "target range" of an IPO: not a price target.
# Words just before "target" that make it no price target: a company's own targets, an index or a commodity.
_NOT_PRICE_TARGET_WORDS = frozenset(
    [
        "revenue",
        "sales",
        "earnings",
        "profit",
        "margin",
        "growth",
        "inflation",
        "deficit",
        "production",
        "output",
        "delivery",
        "deliveries",
        "enrollment",
        "emissions",
        "cost",
        "savings",
        "leverage",
        "dividend",
        "capex",
        "spending",
        "volume",
        "shipment",
        "shipments",
        "subscriber",
        "user",
        "index",
        "year-end",
        "midpoint",
        "nasdaq",
        "dow",
        "nikkei",
        "stoxx",
        "msci",
        "kospi",
        "gold",
        "oil",
        "brent",
        "copper",
        "bitcoin",
        "yield",
        "500",
        "100",
        "seng",
    ]
)
_NOT_PRICE_TARGET_ZH = (
    "营收",
    "销售",
    "业绩",
    "盈利",
    "出货",
    "经营",
    "年度",
    "指数",
    "恒指",
    "大盘",
    "金价",
    "油价",
    "铜价",
    "黄金",
    "原油",
    "点位",
    "eps",
    "每股盈利",
    "每股盈余",
    "纯益",
    "获利",
    "净利",
)
_INDEX_AFTER = re.compile(
    r"s?\s+(?:for|on|of)\s+(?:the\s+)?(?:benchmark\s+|broad(?:er)?\s+|blue-chip\s+)?"
    r"(?:s\s?&\s?p|nasdaq|dow\b|nikkei|topix|hang seng|stoxx|msci|kospi|ftse|dax\b|russell|sensex|nifty|index)"
)
_ZH_INDEX_BEFORE = re.compile(
    r"恒指|恒生指数|国指|指数|(?<!优于)(?<!劣于)(?<!跑赢)(?<!跑输)大盘|点位|沪深300|msci|上证|深证|标普|纳指|道指|日经|加权"
)
_NOT_PRICE_TARGET_AFTER = re.compile(
    r"\s*(?:range|date|audience|market|population|indication|organ|protein|gene|patients?)\b"
)
# Words just before a target that make it someone else's: consensus and average targets, bull / bear cases.
_SKIP_ANCHOR_WORDS = frozenset(
    ["consensus", "average", "mean", "median", "street", "street's", "analysts'", "bull", "bear", "best", "worst"]
)
_SKIP_ANCHOR_ZH = ("一致", "平均", "乐观", "悲观", "情境")
# "目标价以高盛的400元为最高": a survey of targets already set, not a call
_SURVEY_AFTER = re.compile(r"\s*(?:为|为最|最)(?:高|低)|\s*居冠")
_SKIP_HEAD = re.compile(
    r"consensus|average|bull case|bear case|乐观|悲观|情境|股价|收报|收市|现价|市值|每股盈利|\beps\b|closed at|trading at|\bshares (?:at|closed)"
    r"|[(（]\s?(?:versus|vs\.?|compared (?:with|to)|against)\b"  # "a $9 price target (versus a $9.10 prior close)"
)
_TO_MID = re.compile(r"\bto\b|至|到|->|→|升|降|上调|下调|上修|下修")
_OLD_MID = re.compile(r"\bfrom\b|instead of|previous|prior|preceding|原")
_ARROW = re.compile(r"->|→")
_RATING_MOVED = re.compile(
    r"\b(?:upgrad|downgrad|rais|lower|cut|mov|chang)\w*\b[^.;]{0,30}$|(?:上调|下调|调升|调降|调整)[^。;]{0,10}$"
)
_UPSIDE = re.compile(r"upside|上涨空间|上行空间|潜在升幅|升幅空间|潜在涨幅|涨幅空间|上升空间|potential return")
_DOWNSIDE = re.compile(r"downside|下行空间|潜在跌幅|下跌空间")
_TAIWAN = re.compile(
    r"\.tw\b|台股|台积电|新台币|台湾|评等|合理股价|优于大盘|劣于大盘|买进|中立|元大|凯基|群益|永丰|法说|外资圈"
)
_HK = re.compile(r"港元|港币|港股|\.hk\b|hk\$|大行|恒指|[(（]\d{5}[)）]")
_RMB = re.compile(r"人民币|rmb|cny|¥|￥")

# A call's scope also ends where a second action on another stock begins.

# --- brokers -------------------------------------------------------------------------------------------------
_EN_FIRM_NAME = re.compile(r"((?:[A-Z][A-Za-z&'’.-]*[ \t]+){0,3}[A-Z][A-Za-z&'’.-]*)$")  # (not across a line)
_EN_AT_FIRM = re.compile(
    r"(?:at|by|from)\s+([A-Z][A-Za-z&'’-]+(?:\s+[A-Z][A-Za-z&'’-]+){0,3})"
    r"(?=[ \t]*(?:[.,;:)\n]|$)|\s+(?:on|with|which|who|analysts?|after|in|and|this|today|yesterday|earlier|to|from)\b)"
)
# A broker whose short name is an ordinary word ("Benchmark") is one only as the subject of an analyst's action
_BROKER_IN_ACTION = re.compile(
    r"\bBenchmark(?=\s+(?:analysts?\b|(?:initiat|upgrad|downgrad|raise|raising|lift|cut|lower|reiterat|maintain|start|"
    r"resum|boost|trim|launch)\w*\b))"
)
_CHANGES_AT = re.compile(r"\b(?:upgrades|downgrades|cuts|hikes|changes|calls|initiations)\s$")
_NOT_FIRMS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "the",
        "wall",
        "street",
        "nasdaq",
        "nyse",
        "free",
        "report",
        "reuters",
        "bloomberg",
        "benzinga",
        "marketbeat",
        "thefly",
        "the",
        "fly",
        "investing",
        "zacks",
        "why",  # "Why Alexandria Real Estate Equities Was Diving": a headline's question, not a firm
        "how",
        "what",
        "when",
        "is",
        "should",
        "here's",
    ]
)
_ZH_FIRM_NEXT = re.compile(
    r"(?:\d{1,2}月\d{1,2}日|昨日|今日|日前|近日)?"  # "中邮证券10月28日发布研报": the date before the verb
    r"(?:发表|发布|指|称|表示|认为|:|：|予|给予|首予|维持|重申|将|把|上调|下调|调升|调降|首次|首度|研报|报告|最新)"
)
_ZH_FIRM_NAME = re.compile(r"([\u4e00-\u9fff]{2,6})$")
_OBJECT_VERBS = ("upgrad", "downgrad", "rais", "cut", "lower", "lift", "slash", "trim", "boost", "initiat")
_OBJECT_PAIRS = frozenset(
    (
        "coverage on",
        "coverage of",
        "rating on",
        "target on",
        "target for",
        "price of",  # "raised the target price of Quorvex Securities": the broker's name as the covered company
        "price for",
        "objective on",
        "shares of",
        "stock of",
        "stake in",
    )
)
_OBJECT_AFTER_EN = re.compile(
    # the rest of a company's name may follow the broker's: "Jefferies Group shares", "Bank of America Corp.'s stock"
    r"(?:\s+(?:group|financial|holdings|inc|corp|co|companies|bancorp|&\s+co)\b\.?)*"
    r"\s*(?:[(（]\s*(?:nyse|nasdaq|otc|lon|lse|tsx|asx|etr|epa|ams|hkex|sehk|tse|tyo|nse|bse)\b[^)）]{0,30}[)）]"
    # (not "Barclays (LON:BARC) analyst Amit Goel upgraded …": the broker, named with its symbol, acts)
    r"(?!\s+(?:analysts?|strategists?|upgraded|downgraded|raised|lowered|lifted|initiated|reiterated|said|says|has|have"
    r"|cut(?!\s+to\b))\b)"
    r"|[(（][a-z]{1,5}[)）]|(?:'s|’s)?\s*(?:shares|stock)\b"
    r"|(?:was|were|is|gets?|got|has been|had)\s+(?:been\s+)?(?:upgraded|downgraded|cut|raised|lowered|initiated|started|hit|its)\b"
    r"|hit with|(?:price )?target (?:raised|cut|lowered|lifted|boosted|trimmed|reduced|increased)\b"
    # a headline's passive without "was": "RBC downgraded as analyst sees …", "Intel downgraded to Sell at BofA"
    r"|(?:upgraded|downgraded)\s*(?:(?:to|at|by|as|on|after|amid|following|over|despite|in)\b|[,:;]|$))"
)
_OBJECT_BEFORE_ZH = (
    "对",
    "将",
    "把",
    "予",
    "给予",
    "首予",
    "维持",
    "重申",
    "升",
    "降",
    "上调",
    "下调",
    "调升",
    "调降",
    "调高",
    "调低",
    "上修",
    "下修",
    "覆盖",
    "首次覆盖",
    "涵盖",
    "看好",
    "首选",
)
_OBJECT_AFTER_ZH = re.compile(r"\s*[(（$]\s*\d{4,6}|\s*(?:h股|a股)?(?:的)?(?:目标价|股价|合理股价|合理价值)")

# --- companies ---------------------------------------------------------------------------------------------
_EN_NAME = r"[A-Z0-9][\w&'’.\-]*(?:\s+(?:[A-Z0-9&][\w&'’.\-]*|of|and|de|la|du)){0,5}"
# "Nvidia rival Broadcom", "Apple supplier Foxconn": the company is the one after the descriptor.
_DESCRIBED = (
    r"(?:[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)?\s+(?:rival|peer|supplier|partner|customer|competitor|challenger|"
    r"maker|owner|parent|unit)\s+)?"
)
# The company right after an action word: "upgrades Moderna", "upgraded shares of Sarepta", "initiates
# coverage on Insulet", "rating on Amgen", "price target on Vir Biotechnology", "Maintains Buy on Apple".
_EN_OBJECT_AFTER = {
    "up": re.compile(r"\w*\s+(?:shares\s+of\s+)?" + _DESCRIBED + "(" + _EN_NAME + ")"),
    "down": re.compile(r"\w*\s+(?:shares\s+of\s+)?" + _DESCRIBED + "(" + _EN_NAME + ")"),
    "init": re.compile(r"\w*\s+(?i:coverage\s+)?(?i:on|of)?\s*(?:shares\s+of\s+)?" + _DESCRIBED + "(" + _EN_NAME + ")"),
    "keep": re.compile(
        r"\w*\s+(?:coverage\s+(?:on|of)\s+)?"
        # "Maintains Buy Opinion On ADSs Of X" (CFRA's research alerts): the rating, then the company
        r"(?:(?:[A-Z][a-z]+\s+){1,2}(?:Opinion|Rating|Recommendation)\s+(?i:on)\s+(?:(?i:shares|adss|adrs|stock)\s+(?i:of)\s+)?)?"
        "(" + _EN_NAME + ")"
    ),
    "rcue": re.compile(
        r"(?:\s+(?:opinion|rating|recommendation))?s?\s+on\s+(?:both\s+)?(?:(?:shares|adss|adrs|stock)\s+of\s+)?("
        + _EN_NAME
        + ")"
    ),
    # ("a price target of $40 on Harnell Inc.": the target's figure may come between)
    "anchor": re.compile(
        r"(?:\s+(?:of|at)\s+(?:[A-Z]{0,3}[$€£¥]|[A-Z]{3}\s?)?\d[\d,.]*\s?(?:[A-Z]{3}|p|pence|cents?)?)?"
        r"\s+(?:on|for)\s+(?:shares\s+of\s+)?(" + _EN_NAME + ")"
    ),
}
_ZH_GOT = re.compile(r"(?:获得|获)$")
_EXCHANGES = frozenset(("asx", "ftse", "nyse", "nasdaq", "tsx", "lse", "jse", "nzx", "sgx"))
_NOT_COVERED = frozenset(["analysts", "analyst", "investors", "traders", "wall street", "the street", "strategists"])
_SECTOR_NEXT = re.compile(r"\s+(?:sector|sectors|industry|industries|space)\b")
_STOCKS_NEXT = re.compile(r"\s+(?:shares|stocks|equities)\b")
_ANAPHOR_OBJECT = re.compile(
    r"\w*\s+(?:shares\s+of\s+|coverage\s+(?:on|of)\s+)?the\s+(?:[a-z\-]+\s+){0,3}?(?:giant|group|company|firm|stock|"
    r"miner|lender|bank|retailer|maker|insurer|producer|operator|chain|developer|biotech|drugmaker|carmaker|chipmaker|"
    r"housebuilder|airline|supermarket|grocer|brand|business|major)\b"
)
_MOVED_AS = re.compile(r"(?:^|(?<=[.;\n])\s*)(" + _EN_NAME + r")\s+(?:[a-z]+\s+){1,5}?(?:as|after)\s+[^.;]{0,60}$")
_EN_BETWEEN = re.compile(
    r"\w+\s+(?:its\s+|the\s+)?(" + _EN_NAME + r")(?:'s|’s)?\s*(?:\([^)]{0,30}\)\s*|[A-Z]{2,6}:[A-Z.]{1,6}\s+)?"
    r"(?:stock\s+|share\s+)?"
)
_EN_NAME_SHARES = re.compile(
    # (not "the most upgraded ASX shares": an exchange's stocks, a group; "ASX share price" is ASX Ltd's)
    r"\b(?!(?i:" + "|".join(sorted(_EXCHANGES)) + r")\s+(?:shares|stocks)\b)"
    r"(" + _EN_NAME + r")(?:'s|’s)?\s+(?:shares|stock|share price|stock price)\b"
)
_EN_MOVE_OBJECT = re.compile(
    r"\b(?:cut|cuts|lowered|lowers|raised|raises|lifted|lifts|moved|moves|took|takes|bumped|bumps)\s+(?:shares\s+of\s+)?("
    + _EN_NAME
    + r")\s+from\s+(?:an?\s+)?['\"‘“]?$"
)
_EN_OBJECT_AFTER_RATING = re.compile(
    r"[\"'’”]?\s+(?i:(?:rating|call|recommendation|stance)\s+)?(?i:on|for|of)\s+(?i:shares\s+of\s+)?(?=[A-Z])("
    + _EN_NAME
    + ")"
)  # "Buy rating on X", "maintains its Buy rating of X", "Buy Rating for X", "a 'hold' call on X"
_EN_SUBJECT = re.compile(
    r"\W{0,3}(?:(?:[Ww]hy|[Hh]ow|[Ww]hat)\s+)?(" + _EN_NAME + r")(?:'s|’s)?(?:\s*\([^)]{1,30}\))?\s+(\w+)"
)
_BROKER_COLON = re.compile(r"\s*[:：]\s*")
_SUBJECT_VERBS = frozenset(
    [
        "stock",
        "rating",
        "shares",
        "price",
        "pt",
        "target",
        "had",
        "has",
        "was",
        "is",
        "gets",
        "get",
        "got",
        "received",
        "receives",
        "receive",
        "upgraded",
        "downgraded",
        "initiated",
        "started",
        "reiterated",
        "resumed",
        "reinstated",
        "assumed",
        "raised",
        "cut",
        "lowered",
        "slashed",
        "trimmed",
        "lifted",
        "boosted",
        "jumps",
        "jumped",
        "falls",
        "fell",
        "rises",
        "rose",
        "gains",
        "gained",
        "drops",
        "dropped",
        "slips",
        "slipped",
        "slides",
        "slid",
        "tumbles",
        "tumbled",
        "soars",
        "soared",
        "surges",
        "surged",
        "climbs",
        "climbed",
        "sinks",
        "sank",
        "pops",
        "popped",
        "plunges",
        "plunged",
        "rallies",
        "rallied",
        "hit",
        "just",
        "sees",
        "saw",
    ]
)
_EN_STOP = frozenset(
    [
        "to",
        "from",
        "at",
        "with",
        "on",
        "as",
        "after",
        "amid",
        "ahead",
        "for",
        "by",
        "price",
        "pt",
        "shares",
        "stock",
        "target",
        "rating",
        "coverage",
        "in",
        "over",
        "despite",
        "into",
        "sees",
        "says",
        "raises",
        "cuts",
        "lowers",
        "upgrade",
        "upgrades",
        "downgrade",
        "downgrades",
        "upgraded",
        "downgraded",
        "initiates",
        "initiated",
        "resumed",
        "resumes",
        "reinstated",
        "reinstates",
        "assumed",
        "assumes",
        "maintains",
        "reiterates",
        "hikes",
        "lifts",
        "boosts",
        "trims",
        "still",
        "but",
        "notes",
        "is",
        "was",
        "gets",
        "just",
        "jumps",
        "falls",
        "rises",
    ]
)
_EN_LEAD = frozenset(["why", "how", "what", "the", "shares", "of", "analysts", "analyst", "a", "an"])
# Words that point back to the company already in view ("the stock", "该股", "集团"): no name of their own.
_PRONOUNS = frozenset(
    fold(w)
    for w in (
        "the stock",
        "stock",
        "shares",
        "the shares",
        "the company",
        "the firm",
        "company",
        "its",
        "it",
        "the",
        "this",
        "that",
        "they",
        "he",
        "she",
        "we",
        "the name",
        "集团",
        "公司",
        "该股",
        "该公司",
        "其",
        "该行",
        "集团的",
        "该集团",
        "本公司",
    )
)
# Words that name a group of stocks: the call is a sector call.
_GENERIC = frozenset(
    fold(w)
    for w in ("the sector", "sector", "industry", "biotechs", "banks", "stocks", "names", "the group", "行业", "板块")
)
# Markets and countries ("upgrades China to Overweight", "台灣股票"): an allocation call, not a company's.
_MARKET_NAMES = frozenset(
    [
        "us",
        "u.s",
        "u.s.",
        "america",
        "american",
        "china",
        "chinese",
        "japan",
        "japanese",
        "taiwan",
        "taiwanese",
        "korea",
        "korean",
        "india",
        "indian",
        "europe",
        "european",
        "uk",
        "u.k.",
        "britain",
        "british",
        "germany",
        "german",
        "france",
        "french",
        "asia",
        "asian",
        "brazil",
        "mexico",
        "australia",
        "canada",
        "em",
        "global",
        "中国",
        "中國",
        "内地",
        "港股",
        "香港",
        "台湾",
        "台股",
        "日本",
        "韩国",
        "美国",
        "美股",
        "欧洲",
        "亚洲",
        "新兴市场",
        "a股",
        "陆股",
        "中资股",
    ]
) | {"hong kong", "hk", "emerging markets", "emerging market", "developed markets", "asia ex-japan", "asia pacific"}
_MARKET_TAIL = re.compile(r"\s*(?:equities|equity|stocks|shares|markets?|股票|股市|市场)$")


def _is_market(name: str) -> bool:
    """ "China", "Chinese equities", "台湾股票": a market, not a company."""
    name = name[4:] if name.startswith("the ") else name
    if name in _MARKET_NAMES:
        return True
    tail = _MARKET_TAIL.search(name)
    return tail is not None and name[: tail.start()] in _MARKET_NAMES


_ZH_NAME = r"[\u4e00-\u9fffA-Za-z0-9\-]"
_ZH_RATING_WORDS = r"买入|买进|增持|减持|中性|中立|持有|卖出|跑赢|跑输|优于|劣于|超配|加码|减码|推荐|沽售"
# "首予X", "首次覆盖X," (a name may end at a comma here); "维持X评级", "上调X目标价", "将X的投资评级", "升X目标价至".
_ZH_OBJECT = re.compile(
    r"(?:首次覆盖|首度覆盖|首次涵盖|首度涵盖|首予|首次给予|首度给予|覆盖|涵盖)\s?("
    + _ZH_NAME
    + r"{2,12}?)\s?(?:的|之)?(?:h股|a股)?\s?"
    r"(?=目标价|评级|评等|投资评级|投资评等|[“\"「『【(（$,，]|" + _ZH_RATING_WORDS + r")"
    r"|(?:给予|维持|重申|上调|下调|调升|调降|调高|调低|上修|下修|对|将|把|予|升|降|看好|首选|改列|当中|其中)"
    r"\s?(?![会于在是可有能要成其也已])(" + _ZH_NAME + r"{2,9}?)\s?(?:的|之)?(?:h股|a股)?\s?"  # (将 Snap 目标价)
    r"(?=目标价|评级|评等|投资评级|投资评等|[“\"「『【(（$]|(?:列为|为)(?:其)?(?:首选|首推)|" + _ZH_RATING_WORDS + r")"
)
_ZH_SECTOR_RATING = re.compile(
    r"(?:将|把|对)[^,，。；;]{0,24}?(?:行业|产业|产业链|族群|板块|类股|市场|股市)的?(?:投资)?(?:评级|评等|权重)"
)
_ZH_LEAD = re.compile(
    r"^(?:并|了|同时|另|亦|也|还|及|和|又|再|则|将|把|对|予|给予|维持|重申|首予|其|该行|上调|下调|升|降)+"
)
_ZH_TRAILING_VERB = re.compile(r"(?:重申|维持|给予|首予|上调|下调|调升|调降|调高|调低)$")
_ZH_SPLIT = re.compile(r"及|与|、|以及|(?<=..)和(?=..)")
_ZH_HORIZON = re.compile(r"(?:未来)?(?:(?:\d{1,2}|十二|六)个月|[1一]年期?)$")
_ZH_PRICE_IN_NAME = re.compile(r"\d[\d.,]*\s?(?:美元|港元|元|亿|万)|喊")
_ZH_NOT_NAME = re.compile(
    r"调升|上调|下调|调降|调高|调低|上修|下修|提高|降低|最后|一波|包括|外资|投行|券商|多家|分析|报告|研究|表示|认为|预期|预计|给出"
    r"|股价|盈测|业绩|评级|评等|这次|此次|本次|上述|本月|本周|上月|上周|第[一二三四五六七八九十两\d]次|^(?:同步|同时|纷纷|分别|一同|联手|齐)$|^(?:买进|买入|增持|减持|中性|中立|持有|卖出|跑赢|跑输|优于|劣于)|目标|投资|明年|今年|去年|年底|年中|正式|再度|再次|即将|已经|大行|纷纷|然而|绩后|\d月|正向|负向|正面|负面|^[至为由从自将会于在是]"
)
# Tickers written in text: "(LLY)", "(NYSE: LLY)", "(NASDAQ:GILD)", "(02382.HK)", "（2330）", "(NIO.N)",
# "(BTAI 2.23%)", "(TGT - Free Report)", "$01810.HK".
_TICKER = re.compile(
    r"[（(]\s*(?:(?P<ex>nasdaq|nyse(?:\s?american)?|amex|hkex|sehk|tse|tyo|lse|lon|asx|tsx|otc|sgx|krx|bvmf|etr|epa|bit|bme|six|swx|ams|ebr|sto|cph|osl|hel|fra|xetra|nse|bse)\s*[:：]\s*)?"
    r"(?P<sym>[A-Za-z]{1,5}(?:[.-][A-Za-z]{1,2})?|\d{4,6}(?:\s?[.-]?(?:hk|sh|sz|ss|tw|two|t|bj)\b)?)"
    r"\s*(?:[-–—]?\s*(?:get\s+)?free report|[+-]?\d+(?:\.\d+)?%|[-–—]?\s*get (?:free report|rating))?"
    r"(?:\s*[;,]\s*[a-z]{2,5}\s*[:：]\s*[a-z0-9.]{1,8})?\s*[)）]",  # ("(NYSE: TEVA; TASE: TEVA)": a second listing)
    re.IGNORECASE,
)
_HK_DOLLAR_TICKER = re.compile(r"\$(\d{4,5})\.[Hh][Kk]\b")
_BARE_TICKER = re.compile(
    r"(?:Inc|Corp|Co|Ltd|plc|AG|SA|NV)\.?\s+([A-Z]{2,5})\b(?=,|\s+(?:to|from|on|at|with|shares|stock|as|after|[+-]))"
)
_NOT_TICKERS = frozenset(
    [
        "NSE",  # exchanges named by their letters: "on the National Stock Exchange (NSE)"
        "NYSE",
        "HKEX",
        "SGX",
        "LSE",
        "ASX",
        "TSX",
        "AI",
        "CEO",
        "ADC",
        "GLP",
        "FDA",
        "US",
        "HK",
        "PT",
        "EPS",
        "IPO",
        "LOI",
        "ODM",
        "IP",
        "EV",
        "PE",
        "BD",
        "CDMO",
        "CRO",
        "API",
        "Q",
        "H",
        "A",
        "ADR",
        "ETF",
        "GDP",
        "AIDC",
        "DRAM",
        "NAND",
        "CAGR",
        "ASP",
        "ROE",
        "ROTE",
        "ROA",
        "ROIC",
        "BUY",
        "SELL",
        "HOLD",
        "OW",
        "UW",
        "EW",
        "AATD",
        "HIV",
        "PS",
        "PB",
        "TP",
        "NAV",
        "DCF",
        "YOY",
        "QOQ",
    ]
)
_EXCHANGE_SUFFIX = {
    "LON": ".L",
    "LSE": ".L",
    "ASX": ".AX",
    "TSX": ".TO",
    "SGX": ".SI",
    "KRX": ".KS",
    "TSE": ".T",
    "TYO": ".T",
}


_TRIM = " \t\n\"'“”‘’「」『』【】(（,，:："


_TARGET_CO = re.compile(r"\bTarget \((?:NYSE|NASDAQ)?:?\s?TGT\)")
_TARGET_NAMED = re.compile(r".*\b(?:of|for|on|at|in|by) Target$|.*\bTarget's$|.*\bTarget’s$", re.S)


def _last_words(text: str, n: int) -> list[str]:
    """The last n words, punctuation trimmed; a lone quote or bracket is no word ("to 'buy'")."""
    words = [w.strip(_TRIM) for w in text.split()[-n - 2 :]]
    return [w for w in words if w][-n:]


# What may stand between "from" and the old value: "from a prior $50", "from its previous price target of $372",
# "自原先的12.5元", "由原来的".
_FROM_TAIL = re.compile(
    r"(?:\s+(?:an?|its|their|his|her|the))?(?:\s+(?:previous|prior|earlier|former|old|original|current))?"
    r"(?:\s+(?:price\s+)?(?:target|objective|pt|estimate)(?:\s+price)?)?(?:\s+of)?$"
)
_ZH_FROM_TAIL = re.compile(
    r"(?:由|从|自|從)(?:原先|原本|原来|原來|之前|此前|先前|早前)?(?:的|之)?(?:目标价)?(?:每股)?$"
)


def _ends_from(text: str) -> bool:
    """ "… from", "由", "从", "自" ending a stretch of text (an article, "previous target of", "原先的" allowed
    after it)."""
    t = text.rstrip(_TRIM)
    if not t:
        return False
    if not t[-1].isascii():
        return _ZH_FROM_TAIL.search(t[-8:]) is not None
    tail = t[-48:]
    m = _FROM_TAIL.search(tail)
    head = tail[: m.start()] if m else tail
    return head.endswith(" from") or head == "from"


# Small patterns used in hot paths, compiled once.
_WORD = re.compile(r"[\w&.'’-]+")
_SENTENCE_CUT = re.compile(r"[\n。；;!?！？]|\.\s")
_ZH_RATING_SCOPE = re.compile(r"[,，。；;:：|｜\s]|目标")
_DIGIT_NEXT = re.compile(r"\s?\d")
_ZH_PUNCT = re.compile(r"[,，。；;]")
_ZH_CLAUSE_END = re.compile(r"[。；;]|(?<=.)[,，]")
_SPACES = re.compile(r"\s+")
_NUMERIC_TICKER = re.compile(r"(\d+)[.-]?([A-Z]*)")
_CONSENSUS = re.compile(r"consensus|average|平均|一致")
_COUNTED = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|most|many)\s(?:of\s(?:the\s|them\s)?\d+\s)?"
    r"(?:analysts?\s|brokers?\s|brokerages\s)?(?:maintain|recommend|suggest|have|rate|give|hold)\b"
)
_SECTOR_VIEW_AFTER = re.compile(r"\s*[”\"」』]?\s*(?:看法|观点|立场|展望|的看法)")
_RATING_WORD_AFTER = re.compile(r"\s*(?:rating|评级)")
_BAR_AFTER = re.compile(r"\s*[|│]")
_RATING_NOUN_AFTER = re.compile(r"(?:-[ab])?\s*(?:rating|recommendation|stance|评级|评等|投资评级)")  # 增持-A评级
_ADJACENT_GAP = re.compile(r"\s*(?:[的之]\s*)?(?:\([^)]{0,30}\)\s*)?(?:per[- ]share\s*)?(?:12-month\s*|one-year\s*)?")
_DELTA_GAP = re.compile(r"\s+to\s+(?:its|his|her|their|the)\s+(?:stock\s+)?")
_BY_HEAD = re.compile(r"\s*by\s*")
_SLASH = re.compile(r"\s*/\s*")
_TO_WORD = re.compile(r"\bto\b|至|到")
_BY_END = re.compile(r"\bby\s*$")
_RINGGIT = re.compile(r"\s?令吉(?:\s?(\d{1,2})\s?仙)?")
_BROKER_ANAPHOR = re.compile(
    r"\s*(?:(?:the (?:firm|broker|brokerage|bank|investment bank|research firm|analyst|analysts)|its analysts?|he|she|"
    r"they)\b|该行|该券商|该机构)"
)
_ZH_BY_HEAD = re.compile(rf"\s*(?:({_ZH_UP}|增加|加)|{_ZH_DOWN}|削减|减少|减)了?\s*")
_ZH_TO_MID = re.compile(r"\s*[,，]?\s*(?:至|到)\s*")
_TO_ONLY = re.compile(r"\s*to\s*")
# "… raised … to Buy", "Rating Increased to Buy", "cut … to Sell": a rating move written as a verb and "to".
_UP_TO_WORDS = frozenset(
    [
        "raised",
        "raises",
        "lifted",
        "lifts",
        "upped",
        "bumped",
        "bumps",
        "moved",
        "moves",
        "increased",
        "increases",
        "boosted",
        "boosts",
        "upgraded",
        "upgrades",
        "hiked",
        "hikes",
        "elevated",
    ]
)
_DOWN_TO_WORDS = frozenset(
    [
        "cut",
        "cuts",
        "lowered",
        "lowers",
        "dropped",
        "drops",
        "reduced",
        "reduces",
        "decreased",
        "downgraded",
        "downgrades",
        "slashed",
        "trimmed",
    ]
)
_PREVIOUSLY = re.compile(
    r"\W*(?:previously|before (?:that|this|the (?:move|change|upgrade|downgrade|cut))|prior to (?:that|this|the \w+)"
    r"|此前|之前|原先|先前)\b"
)
_SPAN_WORD = re.compile(r"\d+[- ](?:month|year|week|day)s?\b", re.IGNORECASE)
_PRICE_WRITTEN = re.compile(r"(?:gbx|gbp|usd|eur|inr|cad|aud|hkd|rs\.?|us\$|hk\$|c\$|a\$|\$|£|€|₹)\s?\d", re.IGNORECASE)
_JOINT = re.compile(
    r"\s*[）)]?\s*(?:[（(][^）)]{1,10}[）)])?\s*(?:、|，)?\s*(?:and|&|和|及|与)?\s*"
)  # (高盛富瑞汇丰, 大摩（MS）、与麦格理: side by side)
_CONVERSION_GAP = re.compile(r"\s?[(（]\s?(?:about\s|approx\.?\s|approximately\s|约|~)?")
_PAREN_OPEN = re.compile(r"\W{0,3}[(（]\s*[\"'‘“「]?")
# The old value in brackets right after the new one: "2,987p (2,761p)", "4,200 (4,075) pence", "37元(原42元)",
# "23.6元(前值21.5元)", "$39.00 (up previously from $38.00)", "HK$13 (HK$15 previously)".
_PAREN_OLD = re.compile(
    r"\s?(?:apiece\s|a share\s|per share\s)?[(（]\s*(?:(?:up|down)\s+)?(?:previously\s+)?(?:from\s+)?(?:原(?:目标价)?|前值|previous(?:ly)?(?:\s+target)?|prior|prev\.?|was|earlier)?"
    r"\s*[:：]?\s*(?:(?:us|hk|nt|a|c|s)?\$|£|€|¥|₹|rs\.?|rmb|hkd|usd|gbx)?\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,6}(?:\.\d+)?)"
    r"\s?(?:p|pence|元|港元|港币|美元|人民币|apiece|a share|per share)?\s*(?:previously|before|earlier)?\s*[)）](\s?(?:pence|p)\b)?"
)
_CUT_VERB = re.compile(r"cut|lower|trim|reduc")
_SENTENCE_END = re.compile(r"[a-z0-9]{2}\.\s|[;!?。；]")  # (not the initial of "Sanford C. Bernstein")
_FROM_AFTER = re.compile(r"(?:down|up|cut|raised|lowered|trimmed)?\s*\(?from\b|\(原|（原|原")
_CJK_END = re.compile(r"[\u4e00-\u9fff]\s*$")
_SHARE_CLASS = re.compile(r"[\u4e00-\u9fff]-(?:b|w|s|sw|u|r|p)\s*$")  # Hong Kong's marks: -B biotech, -W weighted votes
_ZH_RUN_END = re.compile(_ZH_NAME + r"{2,14}\s*$")
_ZH_NAME_MARKERS = re.compile(
    r"由于|因为|随着|对于|关于|受惠于|相信|预期|认为|新增|加入|剔除|首次覆盖|首度覆盖|首予|给予|维持|重申|上调|下调|调升|调降|覆盖|看好|首选|喜好|偏好|青睐|大削|削减|削|大砍|砍|同时|将|把|对|予|获|升|降|及|和|、|指|称|该行|报告|研报|龙头|大厂|一哥|巨头|霸主|股王|调整|报告指|研报指"
)
_SYMBOL = re.compile(r"[A-Z]{1,5}")
_BARE_SYMBOL = re.compile(r"[A-Z]{2,5}")
_CAPITAL_TAILS = frozenset(  # written in capitals at the end of a name, and no ticker
    ("AG", "SA", "NV", "SE", "LLC", "LP", "PLC", "ASA", "AB", "OYJ", "SPA", "BV", "KGAA", "ADR", "ADS", "REIT", "ETF",
     "USA", "UK", "US", "II", "III", "IV", "HK", "AI", "TV", "EV", "IT", "LNG", "CPA")
)  # fmt: skip
_ZH_FORECAST_BEFORE = re.compile(r"股价[^,，。；:：]{0,14}(?:将|会|可望|有望|或)[“\"「『]?$")
_RATING_VERB_BEFORE = re.compile(
    r"(?:\bto|\bfrom|\bat|\bwith|\bas|\brating:?|(?:reiterat|maintain|retain|initiat)\w*(?:\s+(?:its|their|his|her))?|\bkeeps?"
    r"|\bkept|\brates?|\brated|previous|prior|preceding"
    r"|维持|给予|予|首予|重申|评级为?|评等为?|升至|降至|上调至|下调至|调升至|调降至|由|建议|至|为|->|→|[|│])\s*(?:an?\s+)?(?:new\s+)?$"
)
_NEAR_HEAD = re.compile(r"\s*(?:to|of|at|from|:|为|至|由|从|自|of about|of around|is|was|now)?\s*\W?")
_ADD_BEFORE = re.compile(r"(?:add\w*|tack\w* on)\s+$")
_RATING_CONTEXT = re.compile(r"rating|评级|评等|[“\"「『]")


@dataclass(slots=True)
class _Broker:
    start: int
    end: int
    canonical: str
    written: str
    acting: bool


@dataclass(slots=True)
class _Num:
    value: float
    currency: str | None
    start: int
    end: int
    explicit_rmb: bool = False


@dataclass(slots=True)
class _Ticker:
    symbol: str
    start: int
    end: int


@dataclass(slots=True)
class _Call:
    broker: _Broker
    order: int
    kinds: set[str] = field(default_factory=set)
    company: str | None = None
    ticker: str | None = None
    rating: Hit | None = None
    old_rating: Hit | None = None
    target: _Num | None = None
    old_target: _Num | None = None
    upside: float | None = None
    sector: bool = False
    top_pick: bool = False  # named the broker's top pick: a new view, led like a change


_TOP_PICK = re.compile(r"\btop picks?\b|首选")
_PARALLEL_MOVE = re.compile(
    r"(?:则|亦|也|同样)?由\s?\d[\d,]*(?:\.\d+)?\s?(?:港?元)?\s?(?:大幅)?(?:上调|下调|调升|调降|调高|调低|上修|下修|大升|升|降)?至"
    r"\s?\d"
)
_LINK_WORDS = re.compile(r"(?i)\s[-–]\s(?:get report|free report)\b")


def _blank_links(text: str) -> str:
    """Link labels turned to spaces of the same length (offsets stay aligned)."""
    return _LINK_WORDS.sub(lambda m: " " * len(m.group()), text)


class _Item:
    """One candidate item: original and folded head, and what is found once over it."""

    def __init__(self, doc: Document) -> None:
        folded_all = doc.__dict__.get("folded_text")  # already folded by the engine: use it when it aligns
        if folded_all is not None and len(folded_all) == len(doc.text):
            aligned = True
        else:  # fold the head only, one character for one (NFKC widens "…" to "...")
            folded_all = aligned_fold(doc.text[:CAP])
            aligned = len(folded_all) == len(doc.text[:CAP])
        self.folded = f = folded_all[:CAP]
        self.text = doc.text[: len(f)] if aligned else f
        if "get report" in f:  # TheStreet's "CBS (CBS) - Get Report downgraded …": a link's words, not a name
            self.folded = f = _blank_links(f)
            self.text = _blank_links(self.text) if aligned else f
        self.title_end = min(len(doc.title), len(f))
        self.cues, self.broker_hits, self.ratings = scan(f)
        self.taiwan = bool(_TAIWAN.search(f))
        self.anchors = [c for c in self.cues if c.kind == "anchor" and self._price_anchor(c)]
        if self.anchors and self.anchors[0].word == "target" and _TICKER.match(self.text, self.anchors[0].end + 1):
            self.anchors = self.anchors[1:]  # "Target (NYSE:TGT) had its target price lifted …": a company
        if "Target (" in self.text and _TARGET_CO.search(self.text):  # a company named Target: its other mentions
            self.anchors = [c for c in self.anchors if not _TARGET_NAMED.match(self.text, max(0, c.start - 6), c.end)]
        if self.anchors and "由" in f:
            self._parallel_anchors()
        self.actions = self._actions()
        self._tickers_found: list[_Ticker] | None = None
        self.brokers: list[_Broker] = []
        self._taken: list[tuple[int, int]] = []
        self.ticker_names: dict[int, str | None] = {}

    @property
    def tickers(self) -> list[_Ticker]:
        if self._tickers_found is None:
            self._tickers_found = self._tickers()
        return self._tickers_found

    # numbers ------------------------------------------------------------------------------------------------
    def numbers(self, lo: int, hi: int) -> list[_Num]:
        """Prices written in [lo, hi): not tickers, percentages, years, counts or scaled amounts."""
        f = self.folded
        out = []
        taken = lo  # matches do not overlap: a unit read after one number is no currency before the next
        consumed = -1  # the end of a price read with its sub-unit (5令吉80仙): its digits are read
        for run in _DIGIT_RUN.finditer(f, lo, hi):
            s = run.start()
            if s < consumed:
                continue
            num = None if s and f[s - 1] in ".," else _NUM_AT.match(f, s, hi)
            if num is None:
                continue
            start = -1
            pre: str | None = None
            last = f[s - 2 : s - 1] if s > 1 and f[s - 1].isspace() else f[s - 1 : s]
            if last in _PRE_LAST:  # the leftmost currency written just before, not glued on its left
                for i in range(max(taken, s - 6), s):
                    if i and f[i - 1] in _GLUE:
                        continue
                    pm = _PRE_AT.fullmatch(f, i, s)
                    if pm:
                        start, pre = i, pm.group(1)
                        break
            if start < 0:
                if s and f[s - 1] in _GLUE:
                    continue
                start = s - 1 if s - 1 >= taken and f[s - 1].isspace() and not (s > 1 and f[s - 2] in _GLUE) else s
            e = num.end()
            if (ringgit := _RINGGIT.match(f, e, hi)) is not None:  # 5令吉80仙: ringgit and sen
                sen = int(ringgit.group(1)) / 100 if ringgit.group(1) else 0.0
                out.append(_Num(float(num.group().replace(",", "")) + sen, "MYR", start, ringgit.end(), False))
                taken = consumed = ringgit.end()
                continue
            won = _MILLION_WON.match(f, e, hi)  # "1.5 million won": a Korean share price in millions
            pm = won or _POST_AT.match(f, e, hi)
            end = taken = pm.end() if pm else e
            if (not won and _NOT_PRICE_AFTER.match(f, e)) or self._in_ticker(s, e):
                continue
            if f[max(0, s - 1) : s] in ("(", "（") and f[e : e + 1] in (")", "）"):
                continue
            post = ("won" if won else pm.group().strip()) if pm else ""
            value = float(num.group().replace(",", "")) * (1e6 if won else 1)
            if (
                value <= 0
                or value >= (1e8 if won else 1e6)
                or (not pre and not post and 1990 <= value <= 2035 and "." not in num.group())
            ):
                continue
            if pre and " " in pre:
                pre = pre.replace(" ", "")
            currency = _CURRENCY_OF.get(pre or "") or _CURRENCY_OF.get(post)
            if post == "p" and pre:
                currency = _CURRENCY_OF.get(pre)
            out.append(
                _Num(
                    value,
                    currency,
                    start,
                    end,
                    bool((pre or "") in ("rmb", "cny", "人民币") or post == "人民币"),
                )
            )
        kept: list[_Num] = []
        for n in out:  # "GBX 1,000 ($13.15)": a conversion into another currency, not a price of its own
            prev = kept[-1] if kept else None
            if (
                prev is not None
                and prev.currency
                and n.currency
                and n.currency != prev.currency
                and _CONVERSION_GAP.fullmatch(f, prev.end, n.start)
                and f[n.end : n.end + 2].lstrip()[:1] in (")", "）")
            ):
                continue
            kept.append(n)
        return kept

    def _in_ticker(self, start: int, end: int) -> bool:
        return any(t.start <= start < t.end for t in self.tickers)

    def _price_anchor(self, c: Cue) -> bool:
        f = self.folded
        if c.word.isascii():
            words = [w.strip(",.;:()'\"“”") for w in f[max(0, c.start - 30) : c.start].split()[-3:]]
            if c.word in ("target", "targets", "pt", "pts", "tp") and (
                _NOT_PRICE_TARGET_WORDS.intersection(words[-2:])
                or _NOT_PRICE_TARGET_AFTER.match(f, c.end)
                or (words and words[-1].isdigit() and 1990 <= int(words[-1]) <= 2035)  # "its 2024 target": a year's
            ):
                return False
            if _INDEX_AFTER.match(f, c.end):  # "price target on the S & P 500", "target for the benchmark index"
                return False
            return not _SKIP_ANCHOR_WORDS.intersection(words)
        if c.word == "上看" and not _DIGIT_NEXT.match(f, c.end):
            return False
        if any(k in f[max(0, c.start - 8) : c.start] for k in _SKIP_ANCHOR_ZH):  # "乐观情境下更上看2,400元"
            return False
        if _ZH_INDEX_BEFORE.search(_ZH_PUNCT.split(f[max(0, c.start - 14) : c.start])[-1]):  # "恒指明年12月目标价"
            return False
        return not f[max(0, c.start - 5) : c.start].rstrip("的之 )）").endswith(_NOT_PRICE_TARGET_ZH)

    # actions ------------------------------------------------------------------------------------------------
    def _actions(self) -> list[tuple[str, int, int]]:
        """(kind, start, end): init, up, down (rating moves), raise, cut (target moves), found around the cues."""
        f = self.folded
        out: list[tuple[str, int, int]] = []
        for c in self.cues:
            if c.kind in ("up", "down"):
                if c.word.isascii() and _UPGRADE_TARGET.match(f, c.end):  # "upgraded its target price": a target move
                    out.append(("raise" if c.kind == "up" else "cut", c.start, c.end))
                else:
                    out.append((c.kind, c.start, c.end))
            elif c.kind == "init":
                if not c.word.isascii():
                    out.append(("init", c.start, c.end))
                elif c.word in ("start", "starts"):  # "Shore Capital starts BAE Systems with 'buy'"
                    m = _START_WITH.match(f, c.end)
                    if m and any(m.end() <= h.start <= m.end() + 6 for h in self.ratings):
                        out.append(("init", c.start, c.end))
                elif c.word == "coverage":
                    words = _last_words(f[max(0, c.start - 40) : c.start], 4)
                    if any(w.startswith(_COVERAGE_VERBS) for w in words) or _COVERAGE_AFTER.match(f, c.end):
                        out.append(("init", c.start, c.end))
                elif _INIT_EN.match(f, c.start):
                    out.append(("init", c.start, c.end))
            elif c.kind == "anchor" and c in self.anchors:
                kind = self._target_move(c)
                if kind:
                    out.append((kind, c.start, c.end))
            elif c.kind == "rcue":
                kind = self._rating_move(c)
                if kind:
                    out.append((kind, c.start, c.end))
        return out

    def _parallel_anchors(self) -> None:
        """ "大摩將台積電目標價由1,888元升至1,988元；美銀則由1,960元升至2,150元": the second broker's move leaves the
        target word out; a broker right before "(則)由 X 升至 Y" after a stated target stands for it."""
        f = self.folded
        added = []
        for m in _PARALLEL_MOVE.finditer(f, self.anchors[0].end):
            at = m.start()
            clause = max(f.rfind(p, 0, at) for p in ",，;；。")
            if "目标价" in f[clause + 1 : at] or not any(0 <= at - h.end <= 2 for h in self.broker_hits):
                continue
            added.append(Cue("目标价", "anchor", at, at))
        if added:
            self.anchors = sorted([*self.anchors, *added], key=lambda c: c.start)
            self.cues = sorted([*self.cues, *added], key=lambda c: c.start)

    def _target_move(self, c: Cue) -> str | None:
        f = self.folded
        if c.word.isascii():
            before = f[max(0, c.start - 45) : c.start]
            last = None
            for m in _EN_TARGET_VERB.finditer(before):
                last = m
            if last is not None and len(before[last.end() :].split()) <= 6:
                return "raise" if last.group(1) else "cut"
            after = _EN_TARGET_VERB_AFTER.match(f, c.end, min(len(f), c.end + 60))
            return ("raise" if after.group(1) else "cut") if after else None
        before = _ZH_PUNCT.split(f[max(0, c.start - 16) : c.start])[-1]
        last = None
        for m in _ZH_VERB.finditer(before):
            last = m
        if last is not None:
            return "raise" if last.group(1) else "cut"
        found = _ZH_VERB.search(_ZH_CLAUSE_END.split(f[c.end : c.end + 28])[0])
        return ("raise" if found.group(1) else "cut") if found else None

    def _rating_move(self, c: Cue) -> str | None:
        f = self.folded
        if c.word.isascii():
            words = _last_words(f[max(0, c.start - 30) : c.start], 2)
            if words and words[-1] in ("its", "the", "his", "her", "their"):
                words = words[:-1]
            verb = words[-1] if words else ""
            if verb.startswith(("rais", "lift", "boost", "bump", "hik")):
                return "up"
            if verb.startswith(("cut", "lower", "slash", "reduc", "trim", "drop")):
                return "down"
            return None
        before = _ZH_RATING_SCOPE.split(f[max(0, c.start - 14) : c.start])[-1]
        last = None
        for m in _ZH_VERB.finditer(before):
            last = m
        if last is None:
            last = _ZH_VERB.search(_ZH_RATING_SCOPE.split(f[c.end : c.end + 12])[0])
        if last is None:
            return None
        return "up" if last.group(1) else "down"

    def rating_word_move(self, h: Hit) -> str | None:
        """ "升至「买入」", "raised … to Buy": a move written just before a rating word."""
        f = self.folded
        m = _ZH_RATING_WORD_BEFORE.search(f, max(0, h.start - 6), h.start)
        if m:
            return "up" if m.group(1) else "down"
        words = _last_words(f[max(0, h.start - 40) : h.start], 6)
        if words and words[-1] in ("a", "an", "the"):  # "cut the bank's shares to a hold"
            words = words[:-1]
        if not words or words[-1] != "to":
            return None
        for w in reversed(words[:-1]):
            if w in _UP_TO_WORDS:
                return "up" if w not in ("moved", "moves") else None
            if w in _DOWN_TO_WORDS:
                return "down"
        return None

    # tickers ------------------------------------------------------------------------------------------------
    def _tickers(self) -> list[_Ticker]:
        out = []
        text = self.text
        for m in _TICKER.finditer(text):
            symbol = _normalise_ticker(m.group("sym"), m.group("ex"), self.taiwan)
            if symbol:
                out.append(_Ticker(symbol, m.start(), m.end()))
        if "$" in text:
            out += [_Ticker(f"{int(m.group(1)):04d}.HK", m.start(), m.end()) for m in _HK_DOLLAR_TICKER.finditer(text)]
        for m in _BARE_TICKER.finditer(text):
            sym = m.group(1)
            if sym not in _NOT_TICKERS:
                out.append(_Ticker(sym, m.start(1), m.end(1)))
        out.sort(key=lambda t: t.start)
        return out

    # brokers ------------------------------------------------------------------------------------------------
    def find_brokers(self) -> None:
        hits = self.broker_hits
        f, t = self.folded, self.text
        found = [
            _Broker(
                h.start,
                h.end,
                h.canonical,
                original(t, f, h.start, h.end),
                self._acting(h.start, h.end),
            )
            for h in hits
            if not self._in_ticker(h.start, h.end)  # "UBS (NYSE:UBS)": the covered bank's symbol, not a broker
        ]
        for act in _BROKER_IN_ACTION.finditer(t):
            if not any(act.start() < b.end and b.start < act.end() for b in found):
                found.append(_Broker(act.start(), act.end(), "The Benchmark Company", act.group(), True))
        taken = [(b.start, b.end) for b in found]

        def free(s: int, e: int) -> bool:
            return not any(s < te and ts < e for ts, te in taken)

        for c in self.cues:
            if c.kind == "firm" and not t[c.start + 1 : c.start + 2].islower():
                # "Aletheia Capital", "Loop Capital Markets": a capitalised name before a firm word
                m = _EN_FIRM_NAME.search(t, max(0, c.start - 40), c.start)
                if not m:
                    continue
                s = m.start(1)
                e = c.end + (len(" markets") if f.startswith(" markets", c.end) else 0)
                name = t[s:e]
                if free(s, e) and name.split()[0].lower() not in _NOT_FIRMS and ".com" not in name.lower():
                    found.append(_Broker(s, e, name, name, self._acting(s, e)))
                    taken.append((s, e))
            elif c.kind == "zfirm" and _ZH_FIRM_NEXT.match(f, c.end):
                # "华源证券发布研究报告": a short name before 证券/研究/资本/投顾, then the verb
                n = _ZH_FIRM_NAME.search(f, max(0, c.start - 6), c.start)
                if not n:
                    continue
                s, e = n.start(1), c.end
                if free(s, e) and (s == 0 or not "\u4e00" <= f[s - 1] <= "\u9fff"):
                    written = original(t, f, s, e)
                    found.append(_Broker(s, e, written, written, self._acting(s, e)))
                    taken.append((s, e))
        self._taken = taken
        found.sort(key=lambda b: b.start)
        self.brokers = found

    def firms_at(self, lo: int, hi: int) -> list[_Broker]:
        """Firms named after at / by / from in a clause that acts but names no known broker: "… initiated at Buy at
        SunTrust", "… was upgraded by analysts at Erste Group Bank from a hold rating …" (added to `brokers`)."""
        f, t = self.folded, self.text
        if f.find(" at ", lo, hi) < 0 and f.find(" by ", lo, hi) < 0 and f.find(" from ", lo, hi) < 0:
            return []
        taken = self._taken
        out = []
        for m in _EN_AT_FIRM.finditer(t, lo, hi):
            s, e = m.start(1), m.end(1)
            if m.start() > 0 and t[m.start() - 1 : m.start()].isalnum():
                continue
            if _CHANGES_AT.search(f, max(0, m.start() - 20), m.start()):
                continue  # "downgrades at Snap, Southwest …": the companies of a round-up, not a firm
            name = m.group(1)
            words = name.lower().split()
            if (
                not any(s < te and ts < e for ts, te in taken)
                and not (set(words) & _NOT_FIRMS)
                and rating_level(name) is None
                and not (name.isupper() and len(name) <= 5)
            ):
                b = _Broker(s, e, name, name, True)
                out.append(b)
                taken.append((s, e))
                insort(self.brokers, b, key=lambda x: x.start)
        return out

    def _acting(self, start: int, end: int) -> bool:
        """False when the broker's name is the object of the action: "downgraded Wells Fargo", "上调中金公司目标价",
        "Wells Fargo (NYSE:WFC)", "Wells Fargo hit with downgrade"."""
        f = self.folded
        before = _SENTENCE_CUT.split(f[max(0, start - 30) : start])[-1].rstrip()
        after = f[end : end + 40]
        if _ACTS_WITHOUT_OBJECT.match(f, end, end + 120):
            return True  # "Cantor Fitzgerald downgraded to Neutral and slashed its price target to $20": it acts
        if _OBJECT_AFTER_EN.match(after) or _REPORTER_AFTER.match(after) or before.endswith("according to"):
            return False  # (", Zacks Investment Research reports.", "according to Zacks": who tells, not who acts)
        if before.endswith("以") and _HIGHEST_AFTER_ZH.match(after):
            return False  # "目标价以高盛的400元为最高": the range of standing targets, no action of its own
        if "\u4e00" <= f[start] <= "\u9fff":
            if _FOLLOWING_ZH.search(f, max(0, start - 30), start) and _AFTER_THEM_ZH.match(f, end):
                return False  # "继摩根士丹利、花旗及美银后,滙豐亦指…": the brokers that came before, not the one acting
            return not (before.endswith(_OBJECT_BEFORE_ZH) or _OBJECT_AFTER_ZH.match(after))
        words = [] if before.endswith((":", "：")) else before.split()  # "details for each downgrade: BofA …"
        if words and (
            (words[-1].startswith(_OBJECT_VERBS) and words[-1] not in ("upgrade", "downgrade"))  # not the noun
            or words[-1] in ("on", "likes", "prefers", "over", "vs", "vs.")
        ):
            return False
        return not (len(words) >= 2 and f"{words[-2]} {words[-1]}" in _OBJECT_PAIRS)


_ACTS_WITHOUT_OBJECT = re.compile(
    r"\s+(?:upgraded|downgraded)\s+to\s+[\w\s'’-]{1,25}?\s+and\s+"
    r"(?:slashed|cut|lowered|raised|lifted|trimmed|boosted|reduced|hiked|increased)\s+its\s+(?:price\s+)?target"
)
_FOLLOWING_ZH = re.compile(r"继[^，。,;；]{0,28}$")
_AFTER_THEM_ZH = re.compile(r"[^，。,;；]{0,24}?后")
_HIGHEST_AFTER_ZH = re.compile(r"(?:证券|资本)?的\s?[\d,.]+\s?(?:港元|美元|元)?(?:为|是)?最[高低]")
_REPORTER_AFTER = re.compile(r"\s+(?:reports|reported)\s*(?:[.,;]|$)")


def _normalise_ticker(sym: str, ex: str | None, taiwan: bool) -> str | None:
    upper = _SPACES.sub("", sym.upper())
    if ex:
        ex = ex.upper().replace(" ", "")
        if ex in _EXCHANGE_SUFFIX and upper.isalpha():
            return upper + _EXCHANGE_SUFFIX[ex]
        if ex in ("HKEX", "SEHK") and upper.isdigit():
            return f"{int(upper):04d}.HK"
        return upper.split(".")[0] if upper[:1].isalpha() else None
    if upper[0].isalpha():
        if upper in _NOT_TICKERS or not sym.isupper():
            return None
        base, _, suffix = upper.partition(".")
        return base if suffix in ("", "US", "N", "O", "OQ") else upper
    m = _NUMERIC_TICKER.match(upper)
    if not m:
        return None
    digits, suffix = m.groups()
    if suffix == "HK" or (len(digits) == 5 and not suffix):
        return f"{int(digits):04d}.HK"
    if suffix in ("SH", "SS", "SZ", "BJ") or len(digits) == 6:
        exch = suffix if suffix in ("SZ", "BJ") else "SH" if suffix else ("SH" if digits[0] in "69" else "SZ")
        return f"{digits}.{exch.replace('SS', 'SH')}"
    if suffix in ("TW", "TWO") or (len(digits) == 4 and taiwan):
        return f"{digits}.{suffix or 'TW'}"
    if suffix == "T":
        return f"{digits}.T"
    if len(digits) == 4:
        return f"{digits}.HK"
    return None


# --- 4. reading one clause -----------------------------------------------------------------------------------
def _rating_ok(item: _Item, h: Hit) -> bool:
    f = item.folded
    pre = f[max(0, h.start - 16) : h.start]
    post = f[h.end : h.end + 14]
    if _CONSENSUS.search(_ZH_PUNCT.split(f[max(0, h.start - 45) : h.start])[-1]):
        return False  # "an average broker rating score of 1.00 (Strong Buy)" (not 平均上调8%,其中…维持「买入」)
    if _COUNTED.search(_ZH_PUNCT.split(f[max(0, h.start - 60) : h.start])[-1]):
        return False  # "Out of the 42 analysts tracking it, 23 maintain a 'buy' rating": a tally, no one's call
    if post.startswith(("-equivalent", " equivalent")):  # "cut to sell-equivalent": the lead names the rating
        return False
    if _SECTOR_VIEW_AFTER.match(post):
        return False
    if not h.alias.isascii() and _ZH_FORECAST_BEFORE.search(f, max(0, h.start - 24), h.start):
        return False  # "相信其股价未来60天内将“跑赢大市”": a forecast of the share price, not a rating
    tail = pre.rstrip(_TRIM + " ")
    if tail.endswith((" to", " at", "为", "至")):
        tail = tail[:-2].rstrip(_TRIM + " ")
    if tail.endswith(("sector", "industry", "行业", "板块")) and not _RATING_WORD_AFTER.match(post):
        return False
    if h.alias not in WEAK:
        return True
    if (
        pre[-1:] in "\"“”「『'‘【[" or post[:1] in "\"”“」』'’】]" or _BAR_AFTER.match(post)
    ):  # (”增持“: quotes reversed)
        return True
    if pre.rstrip()[-1:] in ("(", "（") and post.lstrip()[:1] in (")", "）"):  # "to 'buy' (hold)"
        return True
    if _RATING_NOUN_AFTER.match(post):
        return True
    if pre[-1:] in ",，" and post[:1] in ("。", ";", "；", "") and "目标价" in f[max(0, h.start - 40) : h.start]:
        return True  # "上调目标价至246.5元(+14.3%),增持。": the rating closes the call
    return _RATING_VERB_BEFORE.search(pre) is not None


def _rating_pair(item: _Item, hits: list[Hit]) -> tuple[Hit | None, Hit | None]:
    f = item.folded
    for a, b in itertools.pairwise(hits):
        between = f[a.end : b.start]
        if len(between) > 35 or rating_level(a.alias) == rating_level(b.alias) == None:  # noqa: E711
            continue
        before = f[max(0, a.start - 24) : a.start]  # "from its previous “Buy” rating to …"
        if _ends_from(before) and _TO_MID.search(between):
            return b, a
        if _ARROW.search(between):
            return b, a
        if between.strip() in ("to", "至", "到") and _RATING_MOVED.search(f, max(0, a.start - 40), a.start):
            return b, a  # "upgraded X's stock rating Neutral to Outperform"
        if _OLD_MID.search(between):
            return a, b
        if _PAREN_OPEN.fullmatch(between) and f[b.end : b.end + 2].lstrip()[:1] in (")", "）"):
            return a, b  # "raises Next to 'buy' (hold)"
    return (hits[0], None) if hits else (None, None)


_MOVE_AFTER = re.compile(r"\s(?:(cut|reduction|trim|lowering|decrease)|hike|raise|increase|boost|lift)\s(?:to|at)\s")
_FROM_BETWEEN = re.compile(r"\s?(?:,\s?)?(?:down |up )?from\s?")


def _target(item: _Item, lo: int, hi: int) -> tuple[_Num | None, _Num | None, float | None]:
    """(target, old target, delta) in one clause: "to $60 from $38", "由42元下调至37元", "$180 price target, cut
    from $205", "升目標價至X元(原Y元)", "added $13 to its price target … $32"."""
    f = item.folded
    delta: float | None = None
    for a in item.anchors:
        if not lo <= a.start < hi:
            continue
        after = item.numbers(a.end, min(hi, a.end + 150))
        if after and after[0].start > a.end + 90:
            after = []
        if after and _INDEX_AFTER.match(f, after[0].end):  # "a target of 5,600 on the S&P 500"
            after = []
        if (
            after
            and after[0].currency is None
            and not _NEAR_HEAD.fullmatch(f, a.end, after[0].start)
            and not _ends_from(f[a.end : after[0].start])
        ):
            after = [n for n in after if n.currency is not None]  # a bare number far from the target word
        before = item.numbers(max(lo, a.start - 24), a.start)
        adj = None
        if before:
            gap = f[before[-1].end : a.start]
            if _ADJACENT_GAP.fullmatch(gap):
                adj = before[-1]
            elif _DELTA_GAP.fullmatch(gap) and _ADD_BEFORE.search(f, max(0, before[-1].start - 12), before[-1].start):
                delta = before[-1].value
        if after:
            first = after[0]
            head = f[a.end : first.start]
            if _SKIP_HEAD.search(head) or _SURVEY_AFTER.match(f, first.end):
                after = []
            elif len(after) > 1 and (
                _BY_HEAD.fullmatch(head) or (_BY_END.search(head) and _TO_ONLY.fullmatch(f, first.end, after[1].start))
            ):  # "cut his price target [on X] by C$1 to C$143"
                moved_down = _CUT_VERB.search(f[max(lo, a.start - 30) : a.start])
                delta = -first.value if moved_down else first.value
                after = after[1:]
            elif (
                len(after) > 1
                and (by_zh := _ZH_BY_HEAD.fullmatch(head)) is not None
                and _ZH_TO_MID.fullmatch(f, first.end, after[1].start)
                and first.currency is not None
            ):  # "目标价削减15美元,至205美元": the change, then the target
                delta = first.value if by_zh.group(1) else -first.value
                after = after[1:]
        move = _MOVE_AFTER.fullmatch(f, a.end, after[0].start) if adj is not None and after else None
        if adj is not None and move is not None:  # "an $18 price-target cut to $232": the change, then the target
            delta, adj = (-adj.value if move.group(1) else adj.value), None
        if adj is not None and len(before) > 1 and _FROM_BETWEEN.fullmatch(f, before[-2].end, adj.start):
            return before[-2], adj, delta  # "with a $107 from $119 price target"
        if adj is not None:
            if after and _FROM_AFTER.search(f[a.end : after[0].start]):
                return adj, after[0], delta
            if not (after and after[0].start - a.end < 12):
                return adj, None, delta
        if after:
            first = after[0]
            head = f[a.end : first.start]
            second = after[1] if len(after) > 1 and after[1].start - first.end <= 45 else None
            if second is not None:
                mid = f[first.end : second.start]
                if _ends_from(head) and _TO_MID.search(mid):
                    return second, first, delta
                if _ZH_MOVED_TO.fullmatch(mid) and _BARE_HEAD.fullmatch(head):
                    return second, first, delta  # "目标价:295元降至292元": the old, then the new (由 left out)
                if _ARROW.search(mid):
                    return second, first, delta
                if _OLD_MID.search(mid):
                    return first, second, delta
                if _SLASH.fullmatch(mid) and _ends_from(head):  # "from $77/ $55/ $5.7 to $78/ $59/ $5.8"
                    new = next((n for n in after[2:] if _TO_WORD.search(f, first.end, n.start)), None)
                    if new is not None and new.start - first.end <= 60:
                        return new, first, delta
            far = after[1] if second is None and len(after) > 1 and after[1].start - first.end <= 100 else None
            if far is not None:  # "cut to $80.00 by analysts at Bernstein, down from a previous estimate of $87.00"
                mid = f[first.end : far.start]
                if not _SENTENCE_END.search(mid) and _ends_from(mid) and far.currency == first.currency:
                    return first, far, delta
            paren = _PAREN_OLD.match(f, first.end)
            if paren and not _converted(f, paren, first):
                if paren.group(2) and first.currency is None:
                    first = _Num(first.value, "GBX", first.start, first.end)
                old = _Num(float(paren.group(1).replace(",", "")), first.currency, paren.start(1), paren.end(1))
                return first, old, delta
            return first, None, delta
    return None, None, delta


_ZH_MOVED_TO = re.compile(
    r"\s*(?:降至|升至|上调至|下调至|调升至|调降至|上修至|下修至|调高至|调低至|削至|提高至|增至|微降至|微升至)\s*"
)
_BARE_HEAD = re.compile(r"[\s:：]*")


def _converted(f: str, paren: re.Match[str], price: _Num) -> bool:
    """ "8,000 Japanese yen ($71.43)": the bracket gives the price in another currency, not the old target."""
    if price.currency is None:
        return False
    sign = next(  # the currency written right before the bracketed number (not the "e" of "Earlier")
        (
            m
            for m in _PRE_AT.finditer(f, paren.start(), paren.start(1))
            if m.end() == paren.start(1) and not f[m.start() - 1].isalpha()
        ),
        None,
    )
    unit = _POST_AT.match(f, paren.end(1))
    marks = [_CURRENCY_OF.get(m.group(1).replace(" ", "")) for m in (sign,) if m] + [
        _CURRENCY_OF.get(m.group().strip()) for m in (unit,) if m
    ]
    return any(c is not None and c != price.currency for c in marks)


def _upside(item: _Item, lo: int, hi: int) -> float | None:
    f = item.folded
    for rx, sign in ((_UPSIDE, 1.0), (_DOWNSIDE, -1.0)):
        m = rx.search(f, lo, hi)
        if m:
            best = None
            for p in _PCT.finditer(f, max(lo, m.start() - 30), min(hi, m.end() + 30)):
                dist = min(abs(p.start() - m.end()), abs(m.start() - p.end()))
                if best is None or dist < best[0]:
                    best = (dist, float(p.group(1)))
            if best is not None:
                return round(sign * abs(best[1]), 4)
    return None


# Words that continue a company name after a broker's ("Jefferies Group", "Goldman Sachs Group Inc."): the
# broker is then the covered company.
_CORP_WORDS = frozenset(
    ("group", "financial", "holdings", "holding", "inc", "corp", "corporation", "co", "companies", "bancorp", "plc")
)
_GROUP_WORDS = frozenset(
    ("stocks", "names", "picks", "biotechs", "banks", "equities", "sectors", "industries", "chipmakers")
)
_NAMED_INDUSTRIES = re.compile(
    r"(?:[A-Z][\w&.'’-]*\s){1,3}Industries(?:\s[A-Z][\w&.'’-]*){0,3}"
)  # "CF Industries", "Reliance Industries"
_PERSON_TITLES = frozenset(["strategist", "strategists", "analyst", "economist", "economists", "chief", "ceo", "head"])
_ZH_GROUP = re.compile(
    r"(?<!控)股$|股票$|股市$|只股份$|^(?:多|各|部分|一众|数|几|个别|\d)|内银|港银|内房|内险|本地银行|银行业|板块|行业"
    r"|^(?:半导体|芯片|汽车|银行|保险|地产|医药|科技|电子|券商|航空|石油|钢铁|有色|煤炭|电力)(?:产业|业)?$"  # an industry alone
)
_NOT_COMPANY = re.compile(
    r"s\s?&\s?p|nasdaq|\bdow\b|hang seng|nikkei|stoxx|msci|kospi|topix|\bindex\b|treasur|\byield"
    r"|(?:^|\s)(?:nifty|sensex|ftse|dax|cac|asx 200|taiex|bank nifty)(?:\s?\d+)?$"
    r"|^(?:gold|oil|crude|brent|copper|silver|bitcoin|ether|iron ore)(?: prices?| futures)?$"
    r"|恒指|恒生指数|国指|指数|大盘|金价|油价|铜价|^(?:国际|现货|纽约|伦敦)?(?:黄金|原油)(?:价格|期货)?$"
)  # (山东黄金, 紫金黄金: companies named for gold)


@cache
def _broker_canonical() -> dict[str, str]:
    return {fold(a): c for c, aliases in load("brokers").entries.items() for a in (c, *aliases)}


def _self_covered(call: _Call) -> bool:
    """A broker's own name as the company of its own call ("Goldman Sachs (GS) raised its S&P 500 target"): brokers
    do not rate themselves, the name is the actor written with its ticker."""
    if not call.company or not (call.company.isascii() or call.broker.written in call.company):
        return False
    words = fold(call.company).replace(".", "").split()
    while len(words) > 1 and words[-1] in _CORP_WORDS:
        words.pop()
    return _broker_canonical().get(" ".join(words)) == call.broker.canonical


@cache
def _broker_aliases() -> frozenset[str]:
    return frozenset(fold(a) for c, aliases in load("brokers").entries.items() for a in (c, *aliases))


_HEADING_LABELS = frozenset(
    ["research alert", "analyst alert", "alert", "research note", "analyst note", "breaking news", "update", "brief"]
)


_NUMBER_THEN_SENTENCE = re.compile(r"\d[\d,]*\.\s")


def _clean_en(name: str, anchored: bool = False) -> str | None:
    """A company name from a capitalised run, or "" when the run names a sector or a group ("Biotechs",
    "13 stocks", "S&P 500"), or None when it is no name at all."""
    words = name.replace("’", "'").split()
    if words and words[0].lower() in _PERSON_TITLES:
        return None
    if _PRICE_WRITTEN.match(name) or _SPAN_WORD.match(name) or _NUMBER_THEN_SENTENCE.match(name):
        return None  # "a GBX 1,000 price target", "their 12-month price target": a price or a horizon, not a company
        # ("$17.\nThe shares …": a price, then the next sentence)
    aliases = _broker_aliases()
    whole_broker = " ".join(words).lower() in aliases  # a broker as the company ("Barclays raises HSBC target")
    while len(words) > 1 and (
        words[0].lower() in _EN_LEAD
        or (not whole_broker and words[0].lower() in aliases and words[1].lower().strip(",.") not in _CORP_WORDS)
    ):
        words = words[1:]
    out: list[str] = []
    for i, w in enumerate(words):
        if w.lower().strip(",.") in _EN_STOP and not (anchored and i == 0):
            break
        out.append(w)
        if i and w.lower().strip(",.") in ("inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv"):
            break  # "UnitedHealth Group Inc. UNH": what follows the suffix is a symbol
    while out and out[-1].lower() in ("of", "and", "&", "de", "la", "du"):
        out.pop()
    while len(out) > 1 and out[-1].lower() in ("share", "shares", "stock", "price"):
        out.pop()  # "BSE Share Price Falls …": a title-case headline's words for the stock
    if (
        len(out) >= 2
        and _BARE_SYMBOL.fullmatch(out[-1])
        and out[-1].lower() not in _CORP_WORDS
        and out[-1] not in _CAPITAL_TAILS
        and not out[-2].isupper()
    ):
        out.pop()  # "Lumen Foods LMNF": the ticker written after the name (Benzinga)
    cleaned = " ".join(out).strip(" ,.;:-")
    if cleaned.endswith("'s"):
        cleaned = cleaned[:-2]
    elif cleaned.endswith("s'"):  # "Lumen Foods' (LMNF) Buy Rating Reaffirmed": the plural possessive
        cleaned = cleaned[:-1]
    low = cleaned.lower()
    if len(cleaned) < 2 or rating_level(low) or low in _PRONOUNS:
        return None
    if low in _HEADING_LABELS:
        return None  # "Research Alert: CFRA …": the wire's label for the item, not a company
    rest, _, noun = low.rpartition(" ")
    if noun in ("opinion", "rating", "recommendation", "stance") and (not rest or rating_level(rest)):
        return None  # "CFRA Maintains Buy Opinion On Shares Of X": the rating, not the company
    if (
        low in _GENERIC
        or _is_market(low)
        or _NOT_COMPANY.search(low)
        or cleaned.replace(".", "").replace(",", "").isdigit()
        or (_GROUP_WORDS.intersection(low.split()) and not _NAMED_INDUSTRIES.fullmatch(cleaned))
    ):
        return ""  # "Biotechs", "3 Top Stocks", "S&P 500": a group, not a company
    return cleaned


def _clean_zh(name: str, folded: str) -> str | None:
    """As `_clean_en` for a Chinese run (original and folded form): markers before the name and a second
    name after 及/和/、 dropped; "" for a sector or group ("多只本地银行股", "内银股", "4只股份")."""
    lead = _ZH_LEAD.match(folded)
    start = lead.end() if lead else 0
    if folded.startswith("的", start) and len(folded) - start > 3:
        start += 1  # 将再度「染蓝」的联想集团: the modifier's 的, not the name's
    described = _ZH_DESCRIBED.match(folded, start)
    if described is not None:
        start = described.end()  # 面板大厂友达: the descriptor before the name
    split = _ZH_SPLIT.search(folded, start)
    end = split.start() if split else len(folded)
    de = folded.find("的", start, end)
    if de > 0:
        end = de
    while end > start and folded[end - 1] in "的之":
        end -= 1
    trail = _ZH_TRAILING_VERB.search(folded, start, end)
    if trail is not None and trail.start() - start >= 2:  # "对台积电重申「买进」": the verb after the name
        end = trail.start()
    core = folded[start:end]
    if core.endswith(("h股", "a股")) or (core.endswith("股份") and len(core) >= 4 and "有限" not in core):
        core, end = core[:-2], end - 2  # 将苹果股份评级…下调: the company's shares
    if (horizon := _ZH_HORIZON.search(core)) is not None and horizon.start() == 0:
        return None  # 维持1年期目标价3000元: the horizon, no company named here
    if horizon is not None and horizon.start() >= 2:
        core, end = core[: horizon.start()], end - len(horizon.group())  # 将X12个月目标价上调: the horizon
    if len(core) < 2 or rating_level(core) or _ZH_NOT_NAME.search(core) or _ZH_PRICE_IN_NAME.search(core):
        return None  # (喊出了235美元的目标价: a price, not a company)
    if core in _PRONOUNS:  # "该行予集团“增持”评级": the company already in view
        return None
    if core in _GENERIC or _is_market(core) or _NOT_COMPANY.search(core) or _ZH_GROUP.search(core):
        return ""
    if core in _broker_aliases() and not core.endswith(("证券", "公司")):
        return None
    return name[start:end]


_ZH_DESCRIBED = re.compile(
    r"[\u4e00-\u9fff]{0,6}?(?:大厂|龙头|巨头|一哥|霸主|股王)(?=[\u4e00-\u9fff]{2})(?!股份|集团|公司)"
)  # (龙头股份: a name)
_LIST_HEAD = re.compile(r"[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3}")
_ADVERB_HEAD = re.compile(
    r"\w+ly\b|(?:meanwhile|today|yesterday|however|separately|also|additionally|elsewhere|overall|earlier|later|still|"
    r"now|then|notably|instead|indeed|so|but|and|on|in|at|for|after|before|last|this|early|late|since|as|with|by)\b",
    re.IGNORECASE,
)
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_HEAD_RUN = re.compile(r"([A-Z][\w&'’.-]*(?:\s+(?:[A-Z&][\w&'’.-]*|of|and|de)){0,5})\s*[:：]?\s*$")
_TAG_PREFIX = re.compile(r"^\W*(?:[A-Z]{2,8}(?:\s\d{1,2})?-(?=\S))?")
_SECTION_WORDS = re.compile(
    r"downside|upside|update|analysis|comment|comments|note|notes|meanwhile|separately|elsewhere|brief|ratings?|"
    r"upgrades?|downgrades?|initiations?|reiterations?|target changes|price targets?|analyst actions?|highlights?|"
    r"top picks?|in brief|also|plus|today|yesterday"
)


def _heading_company(item: _Item, at: int) -> str | None:
    """A broker column heads each call with the company in capitals on a line of its own ("BT GROUP" / "UBS rates
    the telecoms group as neutral but raises its target price …"): the heading names the paragraph's company."""
    t = item.text
    line = t.rfind("\n", 0, at)
    if line <= 0:
        return None
    head = t[t.rfind("\n", 0, line) + 1 : line].strip()
    if not (2 <= len(head) <= 40 and head.isupper() and _HEADING.fullmatch(head)):
        return None
    if _SECTION_WORDS.fullmatch(head.lower()) or _COLUMN_WORDS.search(head.lower()):
        return None
    if fold(head) in _broker_aliases():
        return None  # "UBS" on a line of its own heads that broker's paragraph: no company
    return " ".join(w if len(w) <= 2 else w.capitalize() for w in head.split())  # (BT Group, Pellan Bio)


_HEADING = re.compile(r"[A-Z][A-Z&.'’\- ]*[A-Z.]")
_COLUMN_WORDS = re.compile(
    r"\b(?:brokers?|ratings?|analysts?|stocks?|markets?|shares|news|today|week|wall street|street|optimism|pessimism)\b"
)
_CORP_SUFFIX = re.compile(r",?\s+(?:Inc|Corp|Corporation|Co|Ltd|Limited|plc|LLC|AG|SA|NV|SE)\.?[\s,]*$")


def _name_before(text: str, end: int) -> tuple[str | None, int]:
    """The capitalised run of words ending at `end` ("… cuts Harlow Retail| to Sell"), and where it starts."""
    words: list[str] = []
    base = max(0, end - 60)
    tail = text[base:end].rstrip()
    while tail.endswith(")"):  # "upgraded China (NASDAQ:MCHI) (FXI) to Overweight": the name is before the brackets
        bracket = tail.rfind("(")
        if bracket <= 0:
            break
        tail = tail[:bracket].rstrip()
        end = base + len(tail)
    pos = end
    for m in reversed(list(_WORD.finditer(text, max(0, end - 60), end))):
        w = m.group()
        if not (w[:1].isupper() or w[:1].isdigit() or (words and w in ("of", "and", "&"))):
            break
        if not text[m.end() : pos].isspace() and pos != end:  # words of one name, not across punctuation
            break
        if w.lower() in _EN_STOP and not (words and w == "Target"):  # "raises Target Healthcare REIT to Buy"
            break
        words.append(w)
        pos = m.start()
        if len(words) == 5:
            break
    while words and words[-1] in ("of", "and", "&"):
        words.pop()
    return (" ".join(reversed(words)), pos) if words else (None, end)


def _zh_name_start(item: _Item, lo: int, end: int) -> int:
    """Where a Chinese name ending at `end` begins: after the last delimiter, action word or broker name."""
    f = item.folded
    start = max(lo, max(f.rfind(p, lo, end) for p in ",，、:：;；》」】)） ") + 1)
    for mk in _ZH_NAME_MARKERS.finditer(f, start, end):
        if end - mk.end() >= 2:
            start = mk.end()
    for b in item.brokers:
        if start <= b.start < end:
            start = max(start, b.end)
    return start


# What a broker is reported to say before the news it comments on: "瑞银指出,", "花旗发表研究报告指,", "野村料".
_ZH_SAYS = re.compile(
    r"\s?(?:\d{1,2}月\d{1,2}日)?(?:最新)?(?:发表|发布)?(?:研究|研报)?(?:报告)?"
    r"(?:表示|指出|指|称|认为|料|预计|预期|相信)?\s?[,，:：]?\s?"
)
# A company named by its own industry ending, at the start of the news a broker comments on.
_ZH_SAID_COMPANY = re.compile(
    r"[\u4e00-\u9fffa-z]{1,6}?(?:控股|集团|科技|电子|汽车|地产|置业|置地|医药|药业|制药|生物|银行|保险|人寿|电讯|电信|能源|"
    r"电力|航空|证券|国际|实业|股份|传媒|网络|软件|半导体|食品|酒业|乳业|物业|健康|医疗|材料|化工|矿业|钢铁|通讯|通信|"
    r"动力|智能|光电|机械|重工|电气|零售|百货|航运|物流|石油|石化|燃气|水务)"
)


def _zh_said_company(item: _Item, broker: _Broker, at: int) -> str | None:
    """瑞银指出,康瑞科技三季度订单强劲,维持「买入」评级: a Chinese call that names no company comments on the one the
    broker's words open with, in its sentence or after the broker and a colon in the headline (瑞银:康瑞科技…)."""
    f = item.folded
    starts = [b.end for b in item.brokers if b.canonical == broker.canonical and b.end <= at]
    for end in starts:
        said = _ZH_SAYS.match(f, end, at)
        if said is None or (said.end() == end and end != item.title_end and f[end : end + 1] not in ":："):
            continue
        if "。" in f[end:at] or (end < item.title_end <= at and f[end : end + 1] not in ":："):
            continue  # (another sentence; a headline's broker lends its colon's company only)
        m = _ZH_SAID_COMPANY.match(f, said.end(), at)
        if m is None:
            continue
        name = _clean_zh(original(item.text, f, m.start(), m.end()), m.group())
        if name:
            return name
    return None


# "中信证券今日(8月1日)点评茅台半年报表示 … 维持目标价3000元": the company whose report the broker reviews
_ZH_REVIEWED = re.compile(
    r"\s?(?:今日|今天|日前|近日)?\s?(?:[(（][^)）]{1,12}[)）])?\s?(?:发布报告)?点评([\u4e00-\u9fff]{2,6}?)"
    r"(?:20\d\d年?)?(?:q[1-4])?(?:半年报|年报|中报|季报|一季报|三季报|年度业绩|中期业绩|业绩|财报)"
)


def _zh_reviewed_company(item: _Item, broker: _Broker, at: int) -> str | None:
    f = item.folded
    for b in item.brokers:
        if b.canonical == broker.canonical and b.end <= at and (m := _ZH_REVIEWED.match(f, b.end, at)) is not None:
            return _clean_zh(original(item.text, f, m.start(1), m.end(1)), m.group(1)) or None
    return None


# "外资圈持续看好宏澜电,汇丰将目标价由…上调至…", "外资圈看宏澜电 汇丰上调目标价": the company the sentence opens on,
# favoured, before the broker's call
_ZH_FAVOURED = re.compile(r"(?:看好|看旺|青睐|力挺|唱好|(?:外资圈?|法人|大行)看)([\u4e00-\u9fff]{2,6})[,，\s]")


def _zh_favoured_company(item: _Item, lo: int, at: int) -> str | None:
    f = item.folded
    m = _ZH_FAVOURED.search(f, lo, at)
    if m is None or not any(m.end() <= b.start < at for b in item.brokers):
        return None
    return _clean_zh(original(item.text, f, m.start(1), m.end(1)), m.group(1)) or None


def _ticker_name(item: _Item, t: _Ticker) -> str | None:
    """The company written just before its ticker: "小米集團-W$01810.HK", "Gilead Sciences, Inc. (NASDAQ:GILD)"
    (read once per ticker and item)."""
    names = item.ticker_names
    if t.start not in names:
        names[t.start] = _read_ticker_name(item, t)
    return names[t.start]


def _read_ticker_name(item: _Item, t: _Ticker) -> str | None:
    f, text = item.folded, item.text
    s = t.start
    if (share_class := _SHARE_CLASS.search(f, max(0, s - 5), s)) is not None:
        s = share_class.start() + 1  # "兆科眼科-B(06622)": the listing's share-class mark is not the name's
    if _CJK_END.search(f[max(0, s - 2) : s]):
        m = _ZH_RUN_END.search(f[max(0, s - 14) : s])
        if not m:
            return None
        start = max(0, s - 14) + m.start()
        run = f[start:s].strip()
        cut = 0
        for mk in _ZH_NAME_MARKERS.finditer(run):
            if len(run) - mk.end() >= 2:
                cut = mk.end()
        run_start = start + cut
        brokers = [b for b in item.brokers if run_start <= b.start < s]
        if brokers:
            run_start = max(run_start, brokers[-1].end)
        name = original(text, f, run_start, s).strip()
        return _clean_zh(name, f[run_start:s].strip()) if name else None
    window = _CORP_SUFFIX.sub("", text[max(0, s - 60) : s].rsplit("\n", 1)[-1]).rstrip(" ,")  # (not the headline's)
    words: list[str] = []
    for w in reversed(window.split()):  # the capitalised run that ends at the ticker
        if not (w[:1].isupper() or w[:1].isdigit() or (words and w in ("of", "and", "&", "de"))):
            break
        if words and w.endswith(".") and "." not in w[:-1] and w[:-1].lower() not in ABBREVIATIONS and len(w) > 2:
            break  # "… at Harnell and Quorvex. Quorvex (NYSE:QRV)": the sentence before ends there
        words.append(w)
        if len(words) == 6:
            break
    while words and words[-1] in ("of", "and", "&", "de"):
        words.pop()
    if words and words[0].lower().rstrip(".,") == "exchange":
        return None  # "on the National Stock Exchange (NSE)": where it trades, not a company
    return _clean_en(" ".join(reversed(words)), anchored=True) if words else None


def _company(item: _Item, lo: int, hi: int) -> tuple[str | None, str | None, bool]:
    """(company, ticker, sector) named in one clause: the earliest of a ticker-anchored name, the object of the
    action ("upgrades X", "首予X", "上调X目标价", "rating on X") or the subject ("X price target raised",
    "X received an upgrade"). `sector` is True when the action's object is a sector or a group of stocks
    ("starts coverage on Biotechs", "上调多只本地银行股目标价"), which is no single company's call."""
    f, text = item.folded, item.text
    cands: list[tuple[int, str, str | None]] = []
    sector = False

    def add(pos: int, name: str | None, ticker: str | None = None) -> bool:
        nonlocal sector
        if name and ticker is None and _analyst_named(item, name):
            return False  # "… analyst Jane Roe. … Roe drops HRL stock to Neutral": the analyst, not the company
        if name:
            cands.append((pos, name, ticker))
            return True
        if name == "":
            sector = True
        return False

    for t in item.tickers:
        if lo <= t.start < hi and any(0 <= t.start - b.end <= 2 for b in item.brokers):
            continue  # "摩根大通 (JPM-US) 在報告中…": the broker's own symbol
        if lo <= t.start < hi:
            name = _ticker_name(item, t)
            # a market or sector written before a fund's ticker ("China (NASDAQ:MCHI)") is no company either
            add(t.start - 1, name if name is not None else (t.symbol if not t.symbol[:1].isdigit() else None), t.symbol)
            break
    for c in item.cues:
        if lo <= c.start < hi and c.word.isascii():
            rx = _EN_OBJECT_AFTER.get(c.kind)
            m = rx.match(text, c.end, hi) if rx else None
            if m and m.group(1).lower() in _EXCHANGES and _STOCKS_NEXT.match(text, m.end(1)):
                add(m.start(1), "")  # "the most upgraded and downgraded ASX shares": an exchange's stocks, a group
                break
            if m and _SECTOR_NEXT.match(text, m.end(1)):
                add(m.start(1), "")  # "downgraded the Utilities sector from Overweight": a sector's call
                break
            if m:
                add(m.start(1), _clean_en(m.group(1)))
                break
    if not cands:
        for c in item.cues:  # "BP gushed higher as Jefferies upgraded shares of the oil giant": the company that moved
            if lo <= c.start < hi and c.word.isascii() and c.kind in ("up", "down", "init", "keep"):
                if _ANAPHOR_OBJECT.match(text, c.end, hi) and (m := _MOVED_AS.search(text, lo, c.start)) is not None:
                    add(m.start(1), _clean_en(m.group(1)))
                break
    for c in item.anchors:  # "Hikes Celgene Target", "raises Tesla price target"
        if lo <= c.start < hi and c.word.isascii():
            last = None
            for m in _EN_TARGET_VERB.finditer(f, max(lo, c.start - 45), c.start):
                last = m
            m = _EN_BETWEEN.fullmatch(text, last.start(), c.start) if last else None
            if m:
                add(m.start(1), _clean_en(m.group(1)))
                break
    for h in item.ratings:  # "cuts Harlow Retail to Sell": the capitalised name just before "to <rating>"
        if lo <= h.start < hi and h.alias.isascii() and f[max(lo, h.start - 4) : h.start].strip(" '\"‘“") == "to":
            name, pos = _name_before(text, f.rfind(" to", lo, h.start))
            if name and not any(pos <= b.start < pos + len(name) for b in item.brokers):
                add(pos, _clean_en(name, anchored=True))
            break
    for h in item.ratings:
        if (
            lo <= h.start < hi
            and h.alias.isascii()
            and f[max(lo, h.start - 6) : h.start].strip(" '\"‘“").endswith("from")
        ):
            m = _EN_MOVE_OBJECT.search(text, max(lo, h.start - 90), h.start)
            if m:
                add(m.start(1), _clean_en(m.group(1), anchored=True))
            break
    for h in item.ratings:
        if lo <= h.start < hi and h.alias.isascii():
            m = _EN_OBJECT_AFTER_RATING.match(text, h.end, hi)
            if m:
                add(m.start(1), _clean_en(m.group(1)))
                break
    if not f[lo:hi].isascii():
        if _ZH_SECTOR_RATING.search(f, lo, hi):  # "将医疗健康行业和保险行业的评级…上调至「超配」": sectors' ratings
            sector = True
        m = _ZH_OBJECT.search(f, lo, hi) if not sector else None
        while m:
            g = 1 if m.group(1) else 2
            in_run = next((b for b in item.brokers if m.start(g) <= b.start < m.end(g) and b.acting), None)
            if in_run is not None:  # "其中麦格理最新把台积电目标价…": the broker acts, its object comes after it
                m = _ZH_OBJECT.search(f, in_run.end, hi)
                continue
            st = m.start(g)
            for mk in _ZH_NAME_MARKERS.finditer(f, st, m.end(g)):
                if m.end(g) - mk.end() >= 2 and len(mk.group()) >= 2:
                    st = mk.end()  # "覆盖范围中更喜好中信证券(…)": the name after the last word that leads to it
                    # (not after 及 / 和: "上调X及Y的目标价" lists two, split later)
            if add(st, _clean_zh(original(text, f, st, m.end(g)), f[st : m.end(g)])):
                break
            if sector:  # "调升台湾股票投资评级": a market's rating, nothing further in the clause is a company
                break
            m = _ZH_OBJECT.search(f, m.end(g), hi)
        for giver in item.brokers:  # "兴福电子获得中信证券给出的最高目标价": the company that got the broker's target
            if lo <= giver.start < hi and f.startswith(("给出", "给予"), giver.end):
                got = _ZH_GOT.search(f, max(0, giver.start - 3), giver.start)  # (before the broker's own scope)
                if got is not None:
                    run_start = _zh_name_start(item, max(0, got.start() - 12), got.start())
                    if got.start() - run_start >= 2:
                        add(run_start, _clean_zh(original(text, f, run_start, got.start()), f[run_start : got.start()]))
                break
        for c in item.anchors:  # "…,中远海控目标价自30港元下调至25港元"
            if lo <= c.start < hi and c.word in ("目标价", "目标股价", "合理股价", "合理价值"):
                run_start = _zh_name_start(item, max(lo, c.start - 12), c.start)
                if c.start - run_start >= 2:
                    add(run_start, _clean_zh(original(text, f, run_start, c.start), f[run_start : c.start]))
                break
    at = lo
    if (b := next((b for b in item.brokers if lo <= b.start <= lo + 3 and b.acting), None)) is not None:
        colon = _BROKER_COLON.match(text, b.end, hi)  # "Citi: Tencent target price lowered to …"
        at = colon.end() if colon else lo
    subj = _subject_en(text, at, hi) if text[at : at + 4].strip()[:1].isupper() else None
    if subj is None:  # "Recently, AbbVie received an upgrade …"
        comma = text.find(", ", lo, min(hi, lo + 40))
        subj = _subject_en(text, comma + 2, hi) if comma > 0 else None
        head = text[lo:comma].strip() if subj is not None else ""
        if head and _LIST_HEAD.fullmatch(head) and not _ADVERB_HEAD.match(head):  # "AvalonBay, Essex downgraded"
            add(text.index(head, lo), _clean_en(head))
    if subj is not None:
        s1, e1 = subj
        inside = [b for b in item.brokers if s1 <= b.start < e1]
        if not any(b.acting for b in inside):  # "Evercore had rated …" is the broker; "RBC downgraded as …" is not
            add(s1, _clean_en(text[s1:e1]))
    if not cands and ("share" in f[lo:hi] or "stock" in f[lo:hi]):  # "… says Kestrel Air shares could rally"
        m = _EN_NAME_SHARES.search(text, lo, hi)
        if m and not any(m.start(1) <= b.start < m.end(1) and b.acting for b in item.brokers):
            add(m.start(1), _clean_en(m.group(1)))
    if not cands:
        # a heading before the broker names the company: "African Barrick Gold: Nomura takes target price from …",
        # "BRIEF-Shire PLC: Jefferies raises …", "BERKELEY GROUP HSBC has upgraded the housebuilder's rating …"
        b = next((b for b in item.brokers if lo <= b.start < min(hi, lo + 70) and b.acting), None)
        raw = text[lo : b.start].rstrip() if b is not None else ""
        if raw and (raw[-1] in ":–—" or raw.isupper()) and not _CJK_CHAR.search(raw):
            # ("Kestrel Mining – Macquarie rates the stock as …": a dash heading too)
            run = _HEAD_RUN.search(_TAG_PREFIX.sub("", raw[-60:].rstrip("–— ")))
            head = run.group(1) if run else ""
            if head and not _SECTION_WORDS.fullmatch(head.lower()):
                add(lo + raw.rfind(head), _clean_en(head, anchored=True))
    if not cands:
        return None, None, sector
    pos, name, ticker = min(cands, key=lambda c: c[0])
    if ticker is None:
        ticker = next(
            (t.symbol for t in item.tickers if lo <= t.start < hi and abs(t.start - pos - len(name)) <= 3), None
        )
    if _SYMBOL.fullmatch(name):  # a bare symbol ("rating on GILD"): the name written before it
        for t in item.tickers:
            if t.symbol == name:
                ticker = name
                name = _ticker_name(item, t) or name
                break
    return name, ticker, False


_SUBJECT_ACTIONS = frozenset(
    ["upgraded", "downgraded", "initiated", "started", "reiterated", "resumed", "reinstated", "assumed", "gets", "got"]
)


def _subject_en(text: str, at: int, hi: int) -> tuple[int, int] | None:
    """The span of the company a sentence opens with, when a subject verb follows it ("Moderna stock …", "AbbVie
    received …"). A title-case headline capitalises the verb too ("Pellan Bio Upgraded To Buy At Citi"): the
    name then ends before its first action verb, else before a noun of the call (Stock, Price Target)."""
    m = _EN_SUBJECT.match(text, at, hi)
    if m is None:
        return None
    if m.group(2).lower() in _SUBJECT_VERBS:
        return m.start(1), m.end(1)
    words = list(re.finditer(r"\S+", text[m.start(1) : m.end(1)]))
    for pick in (_SUBJECT_ACTIONS, _SUBJECT_VERBS):
        for w in words[1:]:
            if w.group().lower() in pick:
                return m.start(1), m.start(1) + w.start() - 1
    return None


def _same_company(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    fa, fb = a.lower(), b.lower()
    return fa in fb or fb in fa or fa.split()[0] == fb.split()[0]


def _broker_field(b: _Broker) -> str:
    w, c = b.written.lower(), b.canonical.lower()
    if w in c:
        return b.canonical
    if c in w:
        return b.written
    return f"{b.written} ({b.canonical})"


# --- 5. an item --------------------------------------------------------------------------------------------
def _bucket(spans: list[tuple[int, int]], things: list[Any]) -> list[list[Any]]:
    starts = [lo for lo, _ in spans]
    out: list[list[Any]] = [[] for _ in spans]
    for x in things:
        i = bisect_right(starts, x.start) - 1
        if i >= 0:
            out[i].append(x)
    return out


def _calls(item: _Item) -> list[_Call]:
    f = item.folded
    calls: list[_Call] = []
    current: _Broker | None = None
    spans = clauses(f, item.text)
    brokers_in, cues_in, ratings_in = (_bucket(spans, x) for x in (item.brokers, item.cues, item.ratings))
    anchors = set(item.anchors)
    action_at = {start: kind for kind, start, _ in item.actions}
    seen: set[str] = set()
    unowned: list[tuple[_Num, _Num]] = []  # (target, old target) moved in a clause that names no broker yet
    for order, (lo, hi) in enumerate(spans):
        named, clause_cues, clause_ratings = brokers_in[order], cues_in[order], ratings_in[order]
        acting = [b for b in named if b.acting]
        if not clause_ratings and not any(c.kind in _CALL_CUES for c in clause_cues):
            if acting:
                current = acting[0]
            continue
        if (
            not acting
            and (clause_ratings or any(c.start in action_at or c in anchors for c in clause_cues))
            and not (current is not None and _BROKER_ANAPHOR.match(f, lo, hi))
        ):  # (not "The firm boosted its target …, coming from Apple TV": the broker already named acts)
            acting = item.firms_at(lo, hi)
            named = sorted(named + acting, key=lambda b: b.start)
        key = f[lo:hi].strip()
        if key in seen:  # the headline repeated as the lead's first sentence
            continue
        seen.add(key)
        # a second acting broker starts its own scope ("…$230, while RBC Capital Markets reiterated …")
        cuts = [
            b.start
            for i, b in enumerate(acting)
            if i and b.canonical != acting[i - 1].canonical and not _JOINT.fullmatch(f, acting[i - 1].end, b.start)
        ]  # (not "Morgan Stanley and Jefferies upgraded X": one action, the first named leads, "the analyst" is it)
        cuts += [c.start for c in clause_cues if c.kind == "sub" and c.start > lo]
        cuts = [lo, *sorted(set(cuts)), hi]
        for s, e in itertools.pairwise(cuts):
            mine = [b for b in acting if s <= b.start < e]
            if mine:
                broker = mine[0]
                current = broker
            elif current is not None and not any(s <= b.start < e and b.acting for b in named):
                broker = current
            else:
                if any(c in anchors for c in clause_cues if s <= c.start < e):
                    moved, was, _ = _target(item, s, e)  # "an analyst's decision to boost his target from $939 to
                    if moved is not None and was is not None:  # $2,322", the broker named further on
                        unowned.append((moved, was))
                continue
            seg_cues = [c for c in clause_cues if s <= c.start < e]
            kinds = {action_at[c.start] for c in seg_cues if c.start in action_at}
            target, old_target, delta = (
                _target(item, s, e) if any(c in anchors for c in seg_cues) else (None, None, None)
            )
            ratings = [h for h in clause_ratings if s <= h.start < e and _rating_ok(item, h)]
            new_r, old_r = _rating_pair(item, ratings)
            for h in ratings:
                move = item.rating_word_move(h)
                if move:
                    kinds.add(move)
            stated = (
                bool(kinds) or target is not None or (new_r is not None and any(c.kind == "keep" for c in seg_cues))
            )
            if not stated and new_r is not None:
                stated = _RATING_CONTEXT.search(f, max(s, new_r.start - 12), new_r.end + 12) is not None
            has_upside = any(c.kind == "upside" for c in seg_cues)
            if not stated:
                if not has_upside:
                    continue
                upside = _upside(item, s, e)  # "…price target points to a potential upside of 19.7%"
                for c in reversed(calls):
                    if c.broker.canonical == broker.canonical and not c.sector:
                        c.upside = c.upside if c.upside is not None else upside
                        break
                continue
            if _PREVIOUSLY.match(f, s):  # "Previously, Evercore had rated the shares at Outperform with a $330 …"
                prev = next(
                    (c for c in reversed(calls) if c.broker.canonical == broker.canonical and not c.sector), None
                )
                if prev is not None:
                    if (
                        new_r is not None
                        and prev.rating is not None
                        and prev.old_rating is None
                        and rating_level(new_r.alias) != rating_level(prev.rating.alias)
                    ):
                        prev.old_rating = new_r
                    if target is not None and prev.target is not None and prev.old_target is None:
                        prev.old_target = target
                    continue
            company, ticker, sector = _company(item, s, e)
            if company is None and not sector:
                company = _heading_company(item, s)
            if company is None and not sector:
                said_to = min(  # (not the 证券 of the broker's own name)
                    [h.start for h in ratings] + [c.start for c in seg_cues if c.kind not in ("sub", "zfirm", "firm")],
                    default=e,
                )
                company = (
                    _zh_said_company(item, broker, said_to)
                    or _zh_favoured_company(item, s, said_to)
                    or _zh_reviewed_company(item, broker, said_to)
                )
            if sector:  # a sector call: no event of its own, and nothing to lend to the next company's call
                calls.append(_Call(broker, order, kinds, sector=True))
                continue
            call = next(
                (
                    c
                    for c in reversed(calls)
                    if c.broker.canonical == broker.canonical and not c.sector and _same_company(c.company, company)
                ),
                None,
            )
            restated = False
            # "…目标价平均上调8%,其中对X维持「买入」": one company of the sector call, not the headline restated
            named_in_sector = any(
                c.kind == "sub" and c.start == s and c.word in ("当中", "其中", "同时", "此外", "另外")
                for c in clause_cues
            )
            if call is None and company:  # the lead's first call restating the headline's ("AMD" / "Advanced Micro …")
                call = next(
                    (
                        c
                        for c in calls
                        if c.order == 0
                        and not (c.sector and named_in_sector)
                        and c.broker.canonical == broker.canonical
                        and (
                            c.target is None
                            or (target is not None and abs(c.target.value - target.value) <= 0.011 * target.value)
                        )
                        and (kinds & c.kinds & _CHANGES or (not kinds and c.target is not None and target is not None))
                        and not any(o.order > 0 and o.broker.canonical == broker.canonical for o in calls)
                    ),
                    None,
                )
                restated = call is not None
            if call is None or (
                company and call.company and not _same_company(call.company, company) and call.order != 0
            ):
                call = _Call(broker, order)
                calls.append(call)
            call.kinds |= kinds
            call.top_pick = call.top_pick or _TOP_PICK.search(f, s, e) is not None
            if company and not call.company:
                call.company, call.ticker = company, ticker
            elif ticker and not call.ticker and (restated or _same_company(call.company, company)):
                call.ticker = ticker
            if new_r is not None and call.rating is None:
                call.rating, call.old_rating = new_r, old_r
            elif (
                old_r is not None
                and call.old_rating is None
                and call.rating
                and rating_level(new_r.alias if new_r else None) == rating_level(call.rating.alias)
            ):
                call.old_rating = old_r
            if target is not None:
                if call.target is None:
                    call.target, call.old_target = target, old_target
                elif (
                    call.old_target is None
                    and old_target is not None
                    and abs(call.target.value - target.value) <= 0.011 * target.value
                ):
                    call.old_target = old_target
            if delta is not None and call.target is not None and call.old_target is None:
                old = call.target.value - delta
                if old > 0:
                    call.old_target = _Num(old, call.target.currency, -1, -1, call.target.explicit_rmb)
            if call.upside is None and has_upside:
                call.upside = _upside(item, s, e)
            if new_r is not None and company:  # "maintained Overweight ratings on both Biogen and Celgene"
                for other in calls:
                    if (
                        other is not call
                        and other.rating is None
                        and other.company
                        and other.broker.canonical == broker.canonical
                    ):
                        first = other.company.lower().split()[0]
                        if len(first) >= 3 and first in f[s:e]:
                            other.rating = new_r
    for c in calls:
        name = c.company.lower() if c.company else ""
        if name and (name in _NOT_COVERED or f"{name} sector" in f or f"{name} industry" in f):
            c.sector = True  # "downgrades Utilities" · "… the Utilities sector": a sector call
        elif c.target is not None and c.old_target is None and not c.sector:
            c.old_target = next(
                (was for moved, was in unowned if abs(moved.value - c.target.value) <= 0.011 * c.target.value), None
            )
    return [c for c in calls if not c.sector]


def _fields(item: _Item, call: _Call) -> Fields | None:
    if (not call.company and not call.ticker) or _self_covered(call):
        return None
    out: dict[str, Any] = {"broker": _broker_field(call.broker)}
    if call.company:
        out["company"] = call.company
    if call.ticker:
        out["ticker"] = call.ticker
    new_level = rating_level(call.rating.alias) if call.rating else None
    old_level = rating_level(call.old_rating.alias) if call.old_rating else None
    if call.rating is not None:
        out["rating"] = original(item.text, item.folded, call.rating.start, call.rating.end)
        if call.old_rating is not None and old_level != new_level:
            out["old_rating"] = original(item.text, item.folded, call.old_rating.start, call.old_rating.end)
    t, ot = call.target, call.old_target
    if t is not None:
        out["target"] = round_value(t.value)
        if ot is not None and abs(ot.value - t.value) > 1e-9:
            out["old_target"] = round_value(round(ot.value, 4))
        elif ot is None and t.start >= 0 and _target_kept(item.folded, t):
            out["old_target"] = out["target"]  # "with an unchanged target price of $360": the old one is the new
        if currency := _currency(item, t, ot, call.ticker):
            out["currency"] = currency
    if call.upside is not None:
        out["upside_pct"] = call.upside
    out["action"] = _action_name(call, new_level, old_level)
    return out


_KEPT_BEFORE = re.compile(
    r"\b(?:unchanged|maintain(?:s|ed|ing)?|kept|keeps|keeping|retain(?:s|ed|ing)?|reiterat(?:es|ed|ing))\s"
    r"(?:its\s|their\s|the\s|an?\s)?(?:12-month\s)?(?:price\s)?target(?:\sprice)?\s(?:of\s|at\s)?$|(?:维持|维持其)(?:未来)?(?:(?:\d{1,2}|十二|六)个月|[1一]年期?)?目标价\s?$"
)
_KEPT_AFTER = re.compile(
    r"\s?(?:price\s)?target(?:\sprice)?\s(?:was\s|is\s|remains\s|remained\s)?(?:unchanged|maintained|kept)\b|\s?(?:不变|维持不变)"
)


def _target_kept(f: str, t: _Num) -> bool:
    """ "downgraded … while maintaining its price target of EUR2.50", "The $15 price target was maintained",
    "目标价400元不变": a target the broker left where it was."""
    return bool(_KEPT_BEFORE.search(f, max(0, t.start - 60), t.start) or _KEPT_AFTER.match(f, t.end))


def _action_name(call: _Call, new_level: str | None, old_level: str | None) -> str:
    if "init" in call.kinds:
        return "initiate"
    if new_level and old_level and new_level != old_level:
        return "upgrade" if SCALE.index(new_level) < SCALE.index(old_level) else "downgrade"
    if "up" in call.kinds and "down" not in call.kinds:
        return "upgrade"
    if "down" in call.kinds and "up" not in call.kinds:
        return "downgrade"
    if call.target is not None and call.old_target is not None and call.old_target.value != call.target.value:
        return "raise_target" if call.target.value > call.old_target.value else "cut_target"
    if "raise" in call.kinds and "cut" not in call.kinds:
        return "raise_target"
    if "cut" in call.kinds and "raise" not in call.kinds:
        return "cut_target"
    return "reiterate"


def _currency(item: _Item, t: _Num, old: _Num | None, ticker: str | None) -> str | None:
    currency = t.currency or (old.currency if old else None)
    if currency not in (None, "CNY") or t.explicit_rmb:
        return currency
    if ticker:
        if ticker.endswith(".HK"):
            return "HKD"
        if ticker.endswith((".TW", ".TWO")):
            return "TWD"
        if ticker.endswith((".SH", ".SZ", ".BJ")):
            return "CNY"
        if ticker.endswith(".T"):
            return "JPY"
        if currency is None and ticker.isalpha():
            return "USD"
    if item.taiwan:
        return "TWD"
    if currency == "CNY" and not _RMB.search(item.folded) and (_HK.search(item.folded) or _traditional(item)):
        return "HKD"  # "目標價18.58元" in a Hong Kong outlet (Traditional script, no 人民幣) is in HK dollars
    return currency


def _traditional(item: _Item) -> bool:
    return any(a != b for a, b in zip(item.text, item.folded, strict=False) if "\u4e00" <= a <= "\u9fff")


def _ticker_of(item: _Item, company: str) -> str | None:
    """The ticker written after the company elsewhere in the item ("Amgen Inc. (NASDAQ: AMGN) … on Amgen")."""
    key = company.lower()
    for t in item.tickers:
        name = _ticker_name(item, t)
        if name and (name.lower() in key or key in name.lower()):
            return t.symbol
    return None


def _fold_self_named(calls: list[_Call]) -> list[_Call]:
    """A call whose broker is its own company ("… target price for Samsung Securities. The investment firm maintained its
    Buy rating …": the firm read as the company named just before) belongs to the call before on that company."""
    out: list[_Call] = []
    for c in calls:
        own = fold(c.company) if c.company else None
        if own and own == fold(c.broker.written):
            prev = next(
                (p for p in reversed(out) if p.company and fold(p.company) == own and fold(p.broker.written) != own),
                None,
            )
            if prev is not None:
                for attr in ("rating", "old_rating", "target", "old_target", "upside"):
                    if getattr(prev, attr) is None:
                        setattr(prev, attr, getattr(c, attr))
                prev.kinds |= c.kinds
                continue
        out.append(c)
    return out


def _word_in(part: str, whole: str) -> bool:
    """`part` stands in `whole` as whole words ("wainwright" in "h.c. wainwright", not "wain")."""
    return re.search(rf"(?<!\w){re.escape(part)}(?!\w)", whole) is not None


def _part_of_broker(broker: _Broker, name: str) -> bool:
    """`name` is a word-bounded part of the broker's own name, not all of it ("Wainwright" of "H.C. Wainwright")."""
    low = name.lower()
    return any(low != w and _word_in(low, w) for w in (broker.written.lower(), broker.canonical.lower()))


def _topic_company(item: _Item, caller: str | None = None) -> tuple[str | None, str | None]:
    """The company an item is about when a call does not name it: the headline's, else the first one written
    with its ticker. A broker other than the caller may be that company ("ICICI Securities jumps after CLSA
    raises target")."""
    company, ticker, _ = _company(item, 0, item.title_end)
    if company:
        return company, ticker
    for t in item.tickers:
        name = _ticker_name(item, t)
        if name:
            return name, t.symbol
    lead_end = min(len(item.text), item.title_end + 240)  # "Shares of Tata Motors declined …", "Kering shares fall"
    for rx in (_SHARES_OF, _EN_NAME_SHARES):
        moved = rx.search(item.text, 0, lead_end)
        if moved and not any(moved.start(1) <= b.start < moved.end(1) for b in item.brokers):
            name = _clean_en(moved.group(1), anchored=True)
            if name:
                return name, None
    mover = _TITLE_MOVER.match(item.text, 0, item.title_end)  # "Kering among top gainers on the CAC as …"
    if mover and not any(b.start < mover.end(1) and (caller is None or b.canonical == caller) for b in item.brokers):
        name = _clean_en(mover.group(1), anchored=True)
        if name:
            return name, None
    said = _TITLE_SAYS.match(item.text, 0, item.title_end)  # "Kering has room to run, says Citi"
    if said and any(b.start >= said.end() and (caller is None or b.canonical == caller) for b in item.brokers):
        name = _clean_en(said.group(1), anchored=True)
        generic = name is not None and (fold(name) in _GENERIC or fold(name) in _SAID_GENERIC or _is_market(name))
        if name and not generic and not any(b.start < said.end(1) for b in item.brokers):
            return name, None
    head = _TITLE_HEAD.match(item.text, 0, item.title_end)  # "Kering: victim of two downgrades"
    if head and not _SECTION_WORDS.fullmatch(head.group(1).lower()) and not _COLUMN_WORDS.search(head.group(1).lower()):
        name = _clean_en(head.group(1), anchored=True)
        if name and not any(b.start < head.end(1) for b in item.brokers):
            return name, None
    return _zh_topic(item), None


_SHARES_OF = re.compile(r"\b(?:[Ss]hares|[Ss]tock) (?:in|of) (" + _EN_NAME + r")")
_TITLE_MOVER = re.compile(
    r"\s*([A-Z][\w&'’.-]*(?:\s[A-Z][\w&'’.-]*){0,3})\s(?:is\s|was\s)?(?:among|leads|led|tops|topped|rises|rose|jumps|"
    r"jumped|climbs|climbed|gains|gained|falls|fell|drops|dropped|slides|slid|soars|soared|tumbles|tumbled|rallies|"
    r"rallied)\b"
)
# Subjects of a "…, says Citi" headline that are no company: "Markets still have room to run, says Citi".
_SAID_GENERIC = frozenset(
    fold(w) for w in ("markets", "equities", "shares", "investors", "analysts", "valuations", "earnings", "it", "this")
)
_TITLE_SAYS = re.compile(
    r"\s*([A-Z][\w&'’.-]*(?:\s[A-Z][\w&'’.-]*){0,3})(?:'s?|’s?)?\s(?:shares\s|stock\s)?[a-z][^,:;]*[,:–-]\s*"
    r"(?:says|said|say|according to)\s"
)
_TITLE_HEAD = re.compile(r"\s*([A-Z][\w&'’.-]*(?:\s[A-Z][\w&'’.-]*){0,3})\s?:\s")


# "大立光昨日召开法说会,摩根士丹利维持其优于大盘评级": 其 is the company the sentence opens with.
_ZH_ITS = re.compile(r"(?:维持|给予|予|重申|上调|下调|调升|调降|调高|调低|将|对|把)其")
_ZH_TOPIC = re.compile(
    r"([\u4e00-\u9fff]{2,8}?)(?:昨日|今日|昨天|今天|日前|近日|稍早|早前|本周|上周|周[一二三四五六日]|\d|公布|发布|召开|举行"
    r"|宣布|股价|第|前|最新|法说|营收|财报|业绩|季报|年报|半年报)"
)


def _zh_topic(item: _Item) -> str | None:
    f = item.folded
    its = _ZH_ITS.search(f)
    if its is None:
        return None
    start = max(f.rfind(p, 0, its.start()) for p in "。!?！？\n") + 1
    if item.title_end <= its.start():
        start = max(start, item.title_end)
    comma = max(f.rfind(p, start, its.start()) for p in ",，;；")
    if comma < 0:
        return None  # the broker's own sentence opens with it: no company before it
    m = _ZH_TOPIC.match(f, start, comma)
    if m is None or _ZH_NOT_NAME.search(m.group(1)) or any(start <= b.start < comma for b in item.brokers):
        return None
    return _clean_zh(original(item.text, f, m.start(1), m.end(1)), m.group(1))


def _title_position(item: _Item, title: str, call: _Call, acts: bool) -> tuple[int, int]:
    """(tier, position) of the call in the headline: tier 0 when the headline names its broker acting, 1 when the
    headline acts on its company, 2 when it names neither."""
    for b in item.brokers:
        if b.start >= item.title_end:
            break
        if b.canonical == call.broker.canonical and b.acting:
            return 0, b.start
    if call.company and acts:  # the company is written in the original script, so is the headline
        name = call.company.lower()
        pos = title.find(name)
        if pos < 0 and name.isascii():
            first = name.split()[0]
            pos = title.find(first) if len(first) >= 3 else -1
            end = pos + len(first)
            if pos >= 0 and ((pos and title[pos - 1].isalnum()) or title[end : end + 1].isalnum()):
                pos = -1
        if pos >= 0:
            return 1, pos
    return 2, 0


_CONSENSUS_HEAD = re.compile(
    r"\b(?:average|consensus)\s(?:analyst\s)?(?:recommendation|rating)\b|\b(?:analysts|brokerages|brokers|wall street)\s"
    r"(?:set|sets)\s[^\n]{0,60}?(?:price target|pt)\sat\b|\bconsensus\s(?:price\s)?target\b"
)


@register("price_target")
def extract_price_target(doc: Document) -> Fields | list[Fields] | None:
    if not passes_gate(doc.text):
        return None
    item = _Item(doc)
    if (
        not item.broker_hits
        and not any(c.kind in ("firm", "zfirm") for c in item.cues)
        and not _BROKER_IN_ACTION.search(item.text)
    ):
        return None
    item.find_brokers()
    if _CONSENSUS_HEAD.search(item.folded, 0, item.title_end) and not any(
        b.start < item.title_end for b in item.brokers
    ):
        return None  # "X Given Average Recommendation of 'Moderate Buy' by Brokerages": the consensus is the news,
        # and the calls the piece lists after it ("Several analysts have weighed in …") are background
    lead = TABLE_LEAD.search(item.folded)
    if lead:
        acting = [b for b in item.brokers if b.start < lead.start() and b.acting]
        if acting:
            rows = table_events(item.text, item.folded, _broker_field(acting[0]), lead.end())
            if rows:
                return rows if len(rows) > 1 else rows[0]
    calls = _calls(item)
    if not calls:
        return None
    last: tuple[str | None, str | None] = (None, None)
    for call in calls:  # text order: a call that names no company is about the one before it, or the item's
        if call.company and not call.ticker and _part_of_broker(call.broker, call.company):
            call.company = None  # "X cut at Wainwright": the broker written short, not the company
        if call.company or call.ticker:
            last = (call.company, call.ticker)
        else:
            call.company, call.ticker = last if last[0] else _topic_company(item, call.broker.canonical)
    calls = _fold_self_named(calls)
    for call in calls:
        if call.company and not call.ticker:
            call.ticker = _ticker_of(item, call.company)
    changes = set(_CHANGE_KINDS)
    # The headline's call first: a call whose company or broker the headline names ("Shore likes BAE …", "Broker
    # tips: Shell, BP …"), in headline order; then changes before reiterations, then text order.
    title = item.text[: item.title_end].lower()
    # a company the headline only lists ("Blair likes Incyte in premarket analyst action") does not lift its call
    # above the lead's first; a headline that acts on it does ("Target Healthcare REIT raised to buy")
    acts = any(start < item.title_end for _, start, _ in item.actions) or any(
        h.start < item.title_end for h in item.ratings
    )
    where = {id(c): _title_position(item, title, c, acts) for c in calls}
    calls.sort(
        key=lambda c: (
            where[id(c)],
            not (c.kinds & changes) and c.old_rating is None and c.old_target is None and not c.top_pick,
            c.order,
        )
    )
    events: list[Fields] = []
    seen: set[tuple[str, str]] = set()
    for call in calls:
        fields = _fields(item, call)
        if fields is None:
            continue
        key = (str(fields["broker"]).lower(), str(fields.get("company") or fields.get("ticker")).lower())
        if key in seen:
            continue
        seen.add(key)
        same = next((e for e in events if _same_call(e, fields)), None)
        if same is not None:  # "downgraded at Wainwright" over "H.C. Wainwright … to Neutral from Buy"
            for k, v in fields.items():
                if (k == "broker" and len(str(v)) > len(str(same[k]))) or same.get(k) is None:
                    same[k] = v
            continue
        events.append(fields)
    events = _merge_restated(item, events)
    if not events:
        return None
    return events if len(events) > 1 else events[0]


_TICKER_LIKE = re.compile(r"[A-Z]{2,5}")


def _same_call(a: Fields, b: Fields) -> bool:
    """One broker's call on one company, the broker written short once and in full once ("Wainwright",
    "H.C. Wainwright"), with no figure that tells them apart."""
    ba, bb = str(a.get("broker")).lower(), str(b.get("broker")).lower()
    if ba == bb or not _word_in(min(ba, bb, key=len), max(ba, bb, key=len)):
        return False
    if str(a.get("company") or a.get("ticker")).lower() != str(b.get("company") or b.get("ticker")).lower():
        return False
    return all(a.get(k) is None or b.get(k) is None or a[k] == b[k] for k in ("target", "old_target", "rating"))


def _restates(item: _Item, first: Fields, later: Fields) -> bool:
    """`later` is the same call as `first` told again with its figures: by the same broker, about a "company" that
    is the first one's ticker written bare ("… on PANW") or the analyst's surname ("analyst Martin Landry …
    Landry raised his price target")."""
    if str(first.get("broker")).lower() != str(later.get("broker")).lower():
        return False
    if "target" in first or "target" not in later:
        return False
    name = str(later.get("company") or "")
    if _TICKER_LIKE.fullmatch(name) and first.get("ticker") in (None, name):
        return True
    return _analyst_named(item, name)


def _analyst_named(item: _Item, name: str) -> bool:
    """The text introduces `name` as an analyst ("analyst Martin Landry", "analyst Landry", "Raymond James' Anthony
    Polini")."""
    if not name or name not in item.text:
        return False
    return (
        re.search(r"(?:\banalysts?\s+(?:[A-Z][a-z]+\s+)?|['’]s?\s+[A-Z][a-z]+\s+)" + re.escape(name) + r"\b", item.text)
        is not None
    )


def _merge_restated(item: _Item, events: list[Fields]) -> list[Fields]:
    """A headline's call without figures and the lead's restatement of it with them are one event."""
    out: list[Fields] = []
    for ev in events:
        head = next((e for e in out if _restates(item, e, ev)), None)
        if head is None:
            out.append(ev)
            continue
        for k, v in ev.items():
            if k not in ("company", "ticker") and head.get(k) is None:
                head[k] = v
    return out
