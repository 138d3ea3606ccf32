"""The words deal news is read by, found in one pass: an Aho-Corasick scan of the folded text (bd_text.fold_zh).

Python's `re` tries every alternative of a long word list at every position, which costs tens of microseconds per
sentence; one automaton over every word the extractor needs costs a few. Each word carries the categories it
signals (a deal verb, a rumour, an upfront, a preposition a role pattern waits for …); the extractor then asks "is
there a rumour word in the headline", "the first 'from' after this verb", "a milestone word right after this
amount". Latin words sit on word boundaries; a trailing `*` makes a stem (licens* = license, licensed, licensing).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

import ahocorasick

from rules.extract.bd_text import both_scripts
from rules.lexicon import load
from rules.normalize import fold

# ------------------------------------------------------------------------------------------------ categories

STRONG = "strong"  # states a transaction: acquire, license, upfront, 收购, 授权, 首付
WEAK = "weak"  # deal, pact, agreement, 合作, 协议
ROUNDUP = "roundup"  # round-ups, statistics, rankings
PLURAL = "plural"  # deals, pacts, agreements (a round-up when totalled or counted)
AGGREGATE = "aggregate"  # surge, top, hit, total, record: what plural deals do in round-ups
RUMOUR = "rumour"  # talks, people familiar, considering, 谈判, 消息人士
OFFER = "offer"  # a bid or offer not yet agreed, rejected, hostile
AGREED = "agreed"  # agreed, definitive, signed, 签署, 签订
NOT_NEW = "not_new"  # approvals, clearances, terminations, completions, supplements
MS_EVENT_ZH = "ms_event_zh"  # 收到 / 获得 / 触发 (…里程碑)
MILESTONE = "milestone"  # milestone, 里程碑, 里程金, contingent value right
MS_PRE = "ms_pre"  # additional, further, eligible to receive, 后收取: what introduces contingent money
TERMS = "terms"  # upfront, eligible, up to, 首付, 有资格, 最高: the terms of a new deal
OTHER_NEWS = "other_news"  # IPO, funding, read-out, earnings, lawsuit, analyst call, an old deal
MOVE = "move"  # a share-price move headline
TOPIC = "topic"  # a read-out / approval / results headline
SPLIT = "split"  # separately, 另外, 次日: a second deal starts
BACKGROUND = "background"  # previously, last year, 此前, 两个月前
YEAR_INTRO = "year_intro"  # in 20xx, since 20xx (background when not about closing)

# money
UPFRONT = "upfront"
TOTAL_WORD = "total_word"  # 总额, total value, worth, valued at
OTHER_MONEY = "other_money"  # revenue, sales, market size, valuation, financing, premium
EQUITY = "equity"  # equity investment, 认购
PER_SHARE = "per_share"
CONSIDERATION = "consideration"  # in cash, at closing, 现金

# deal type
T_NEWCO = "t_newco"
T_OPTION = "t_option"
T_CODEV = "t_codev"
T_ACQ = "t_acq"
T_LIC = "t_lic"

# names
ZH_END = "zh_end"  # 生物 医药 制药 药业 集团 有限公司 …
LEX = "lex"  # an alias in the pharma lexicon
ANAPHOR = "anaphor"  # 本公司 本集团 该公司
ANNOUNCE = "announce"  # 公告 宣布 披露

# roles (bd_roles): verbs and the words their patterns wait for
R_ACQ = "r_acq"  # acquire, buy, take over, snap up
R_PASSIVE = "r_passive"  # acquired by, bought by
R_ACQ_NOUN = "r_acq_noun"  # acquisition of, purchase of
R_FROM_VERB = "r_from_verb"  # licenses / acquires / gains … from
R_TO_VERB = "r_to_verb"  # licenses / grants / sells … to
R_PAY = "r_pay"
R_RECEIVE = "r_receive"
R_GRANT = "r_grant"  # granting X access / rights
R_GAIN = "r_gain"  # gains / obtains … rights
RIGHTS = "rights"
ASSET = "asset"  # drug, antibody, pipeline, business … (what X's … names)
R_ORIGIN = "r_origin"  # discovered by, developed by
R_SYM = "r_sym"  # signs / inks / enters … (with)
R_PARTY = "r_party"  # deal with, partners at
R_NEWCO = "r_newco"
R_SUB = "r_sub"  # subsidiary of, unit of
R_REPORT = "r_report"  # said, announced (… it)
R_LATTER = "r_latter"  # the latter, the former
R_FIRM = "r_firm"  # the firm, the company: the other party
Z_GRANT_VERB = "z_grant_verb"  # 授权 许可 授予 转让
Z_GRANT_TO = "z_grant_to"  # 授权给 许可给 授予
Z_PAY = "z_pay"  # 支付 斥资
Z_GET = "z_get"  # 获得 取得 引进 (…权益)
Z_RECV = "z_recv"  # 获得 收取 (…首付款)
Z_ACQ = "z_acq"  # 收购 并购 买下
Z_AGREE = "z_agree"  # 签署 签订 达成
Z_RIGHTS = "z_rights"  # 权益 权利 产品 资产
Z_MONEY = "z_money"  # 首付 付款 里程碑 美元
Z_SUB = "z_sub"  # 子公司 附属公司 旗下
Z_NEWCO = "z_newco"
Z_ASSET = "z_asset"  # 产品 药物 抗体 …

_WORDS: dict[str, str] = {
    STRONG: """acquir*|acquisition*|takeover*|take over|takes over|taking over|took over|buyout*|merger*|merge|merges|merging|
        buy|buys|buying|bought|purchas*|snap up|snaps up|snapped up|scoop up|scoops up|scooped up|nab|nabs|nabbed|bag|bags|
        bagged|licens*|licenc*|in-licens*|out-licens*|outlicens*|rights to|rights for|rights outside|rights in|rights ex-|global rights|
        exclusive rights|commercial rights|worldwide rights|option to|option on|option deal|option agreement|exclusive option|
        co-develop*|codevelop*|co-commerciali*|joint venture|newco*|upfront|up-front|up front|biobucks|wins the auction|
        won the auction|bidding war|divest*|offload*|sells rights|sold rights|sell rights|agreed to sell|agrees to sell|
        is selling|to sell|will sell|sold the rights|sells the rights|sold its rights|sells its rights|full control of|selling some rights|sells global rights|sold global rights|
        new partnership with|new collaboration with|new collaboration deal|new collaboration agreement|new licensing deal|
        new licensing agreement|new license agreement|new licence agreement|recommended cash offer|recommended public offer|recommended offer|new company|new biotech company|new biopharmaceutical company|new biotechnology company|
        收购|并购|买下|购入|吞并|授权|许可|引进|转让|受让|权益|权利|选择权|合资|新公司|首付|预付|首期款|签约金|斥资|豪掷|拿下|
        销售权|经销权|代理权|商业化权|换股合并|吸收合并|合并案|独家销售|独家经销|独家行销|行销契约|销售契约|授权契约|
        许可契约|technology transfer|technology-transfer|transfer of technology|technology export|technology-export""",
    WEAK: """deal|deals|megadeal|mega-deal|pact|pacts|accord|agreement*|collaborat*|collab|collabs|partner*|alliance*|tie-up*|team up|teams up|
        teamed up|join forces|joins forces|milestone*|royalt*|pays|paying|will pay|to pay|hands|doles out|forks over|shells out|shell out|bets|合作|协议|协定|合约|契约|合同|牵手|联手|携手|交易|里程碑|里程金|出售""",
    ROUNDUP: """round-up|roundup|recap|tally|& more|weekly|sector update|market update|stock movers|market movers|biggest moves|stocks to watch|this week in biotech|this week in pharma|this week in drug|week in review|deals of the|biggest deals|largest deals|
        top ten|top 10|top five|top 5|flurry of|wave of|spree of|slew of|string of|raft of|rush of|frenzy of|bonanza of|
        record year|record quarter|record month|record half|banner year|bumper year|surge of|spate of|boom in|the rise of|understanding the|
        explainer|explained|lessons from|playbook|the newco model|a new path|a growing phenomenon|year of the|
        shaping up as|for example|for instance|suitable model|licensing model|newco model|business model|scorching|red-hot|
        out-licensing business|licensing business is|heats up|heating up|
        十大|十单|前十|盘点|榜单|清单|回顾|复盘|汇总|统计|周报|月报|一周|最贵|创纪录|今年以来|上半年|下半年|前三季|半年报|交易潮|
        授权潮|出海潮|bd潮|交易热|授权热|热潮|并购潮|收购潮|并购浪潮|收购浪潮|授权浪潮|一文看懂|一文读懂|并购活动|收购活动|
        排队合作|日益频繁|屡被|屡遭|接连被|频频被|陆续传出|陆续宣布|纷纷传出|授权佳绩|deals from|deals struck in""",
    PLURAL: """deals|pacts|agreements|transactions|tie-ups|acquisitions|licensing|dealmaking|m&a""",
    AGGREGATE: """surge|surges|soar|soars|jump|jumps|boom|booms|climb|climbs|rise|rises|rose|hit|hits|top|tops|reach|reached|
        total|totals|totalled|totaled|record|slump|slumps|fall|falls|fell|slow|slows""",
    RUMOUR: """in talks|talks|in discussions|discussions|negotiations|negotiating|nearing|nears|near a deal|near deal|
        close to a deal|closing in on|weighs|weighing|explores|exploring|considers|considering|mulls|mulling|eyes|eyeing|
        in the running|in the race|buzz|circles|circling|said to be|reportedly|reports that|report of|reported that|reported to|on report|
        people familiar|people close|people with knowledge|no final decision|sources said|sources say|source said|sources familiar|
        sources close|according to people|according to sources|according to a person|rumor*|rumour*|speculat*|
        could acquire|could buy|could bid|could be acquired|could be sold|could be bought|could be a target|
        may acquire|may buy|may sell|may bid|may be sold|might acquire|might buy|might sell|potential deal|
        potential acquisition|potential bid|potential takeover|potential sale|potential merger|potential suitor|
        potential buyer|potential multibillion-dollar deal|potential billion-dollar deal|suitor|suitors|
        looking to sell|looking to buy|looking to license|looking to partner|seeks a buyer|seeking a buyer|seeks a partner|
        seeking a partner|seeks a sale|plans to seek|plans to sell|plans to explore|plans to out-license|hints|teases|
        expects to sign|expects to announce|expects to strike|could sign|could strike|could ink|denies report*|
        denied report*|dismisses report*|
        不实|辟谣|网传|谈判|洽谈|正在筹划|筹划收购|筹划购买|筹划发行|筹划重大|尚处于筹划|熟悉内情|磋商|商谈|接洽|传闻|传言|消息人士|知情人士|据知情|外媒引述|或将|或考虑|考虑收购|考虑出售|考虑买下|考虑竞购|考虑以|
        探索阶段|初步和|初步阶段|初步接触|有意收购|有意买下|有意出售|寻求收购|寻求出售|寻求买家|寻求合作伙伴|接近达成|可能收购|
        可能达成|可能出售|可能买下|或收购|或出售|或买下|未来可能|意向书|意向协议|不具约束力|非约束性|即将达成|即将落地|即将宣布|
        即将签署|商议|尚未签订|尚未签署|未签订正式|未签署正式|谅解备忘录|memorandum of understanding|正接近|引消息指|引述消息|市场解读|可能有合并|
        open to large|open to acquisitions|open to deals|open to further|appetite for|reports of|frontrunner|front-runner|
        emerged as the|issues clarification|has learned|have learned|has been learned|according to a report|according to media reports|citing a report|
        citing media reports|: report|- report|– report|潜在收购|潜在并购|或斥|或斥资|或出资|媒体称|: wsj|- wsj|wall street journal reported|journal reported|declined to comment|declines to comment|收购讨论|并购讨论|据传""",
    OFFER: """hostile|unsolicited|rebuff*|reject|rejects|rejected|rejecting|rejection of its|rejection of the offer|rejection of the bid|spurn*|snub*|turns down|turned down|walks away|walked away|
        takes a shot at|with a shot at|put in an offer|puts in an offer|put in a bid|puts in a bid|
        sweetens its offer|sweetened its offer|sweetens the offer|bid for|makes a bid|made a bid|submits a bid|launches a bid|
        proposal to acquire|proposes to|offer to acquire|offers to acquire|offered to acquire|offers to buy|offered to buy|has proposed acquisition|proposed acquisition of|offer for|takeover bid|interested in acquiring|interest in acquiring|
        interested in buying|raises offer|raises its offer|ups its offer|nonbinding|non-binding|indicative offer|indicative proposal|
        buyout proposal|takeover proposal|acquisition proposal|proposing to acquire|proposes|seeking to buy|seeks to buy|
        seeking to acquire|seeks to acquire|went public with its proposal|approaches to buy|approached to buy|
        has approached|approaches to acquire|approached to acquire|要约收购义务|要约收购报告书|
        竞购|竞标|报价|出价|加价|再度提高|提高收购价|上调收购价|提高报价|敌意|恶意收购|拒绝|遭拒|否决|公开收购|收购意向|抵御|拦胡|截胡|抢标|欲收购|企图收购|搅局""",
    AGREED: """agreed|agrees|agree to|definitive|has signed|signed|signs|sign|inks|inked|ink|strikes|struck|strike|seal|wins|won|accepts|accepted|
        secures|secured|entered into|enters into|entered a|has entered|have entered|negotiated an|negotiated a|
        clinches|clinched|seals|sealed|recommended cash offer|recommended public offer|recommended offer|recommended takeover|
        definite agreement|reached an agreement|reached agreement|has reached a|have reached a|
        签署|签订|订立|达成协议|达成并购协议|达成收购协议|达成合并协议|同意以|同意收购|同意接受""",
    NOT_NEW: """abandoned|abandons|abandoning|exercises option|exercises its option|exercised option|exercised its option|exercising its option|
        exercise its option|exercised an option|exercises an option|exercising an option|regain|regains|regained|regaining|
        discontinue its collaboration|discontinue the collaboration|discontinues its collaboration|
        increased investment in|ups investment in|increases investment in|existing collaboration|existing partnership|
        additional equity shares|as per a share purchase agreement|pursuant to the share purchase agreement|
        revised agreement|revised contract|amended agreement|the progress of|progress update|an update on|
        commencement of a tender offer|commencement of the tender offer|commencement of its tender offer|commences tender offer|
        commenced a tender offer|commenced the tender offer|shares were tendered|were tendered within|amendment of|amendment to|amends its|amends the|amended its|amended the|
        announced the amendment|announces the amendment|announced today the amendment|announces today the amendment|increased offer|revised offer|sweetened offer|raised offer|
        improved offer|increases its offer|raises its offer|sweetens its offer|sweetens offer|sweetened bid|raised bid|
        increased bid|revised bid|raises its bid|sweetens its bid|amended and restated|first revealed in|were first revealed|
        was first revealed|
        existing agreement|existing license agreement|existing licensing agreement|existing licence agreement|expands collaboration|expand collaboration|expanded collaboration|expands partnership|expanding collaboration|
        expanding partnership|expanding its collaboration|expanding its partnership|dates back to|dating back to|date back to|originally established|originally signed|
        originally entered|deepening of its|update and deepening|
        expand partnership|expanded partnership|expands its collaboration|expanded its collaboration|expansion of its|
        extends collaboration|extends its collaboration|extend their collaboration|extend the collaboration|
        extends partnership|extends its partnership|extend their partnership|extends pact|extend the pact|extend their pact|
        extend the research term|extends agreement|extends its agreement|extension of the collaboration|
        extension of the agreement|行使选择权|行使期权|扩大合作|扩展合作|延长合作|fda approv*|fda clear*|fda accept*|fda grant*|approval|approvals|approve|approves|approved|clears|cleared|
        clearance|cfius|antitrust|scrutiny|second request|pays off|paid off|paying off|terminat*|ends pact|ends deal|ends collaboration|ends partnership|ends agreement|
        ends alliance|ends its|walks away from|scrap*|cancel*|returns rights|return of rights|hands back|handing back|handed back|hand back|opts out|opted out|passes on|passed on|
        pulls trigger|pulls the trigger|pulled the trigger|declines to exercise|declined to exercise|not to exercise|
        completes acquisition|completed acquisition|completes the acquisition|completed the acquisition|completes merger|
        completed merger|completes purchase|completion of|closes acquisition|closed acquisition|closes the acquisition|
        announces closing|announced closing|announces the closing|announced the closing|announced today the closing|
        second closing|2nd closing|
        closing of the acquisition|supplemental agreement|supplementary agreement|progress update|amend|amends|amended|amendment|amending|
        nixed|nixes|axed|hand back|handed back|receives full upfront|received full upfront|receives the full upfront|
        receipt of the upfront|receipt of upfront|extends tender offer|extends the tender offer|extend the tender offer|
        extended the tender offer|extension of the tender offer|延长要约|延长收购要约|on ending|ending its|ending the|
        深化合作|深化推进|更新与深化|正式生效|反托拉斯|反垄断审查|获批|批准|核准|上市许可|药证|终止|解除|取消|退回|返还|到期|完成收购|完成并购|完成交割|交割完成|补充协议|补充许可协议|补充授权协议|补充合作协议|补充合同|补充公告|修订|修改协议|变更交易条件|收回|进展|新设控股子公司|新设全资子公司|新设子公司|激励计划|跟投""",
    MS_EVENT_ZH: """收到|收取|获得|触发|达成|到账|确认""",
    MILESTONE: """milestone*|contingent value right*|cvr|cvrs|contingent|earn-out|earnout|biobucks|里程碑|里程金|或有""",
    MS_PRE: """additional|further|another|eligible to receive|eligible for|could earn|could receive|could get|could reach|
        could hit|后收取|後收取|后获得|后可获得|时收取|后收到|再支付|将再支付""",
    TERMS: """upfront|up-front|up front|eligible|up to|首付|预付|有资格|最高|不超过|高达|签约金""",
    OTHER_NEWS: """ipo|ipos|initial public offering|series a|series b|series c|series d|series e|series f|seed round|
        funding round|financing round|raise|raises|raised|raising|venture round|venture funding|private placement|topline|
        top-line|readout|read-out|earnings|quarterly|profit|guidance|outlook|lawsuit|sue|sues|sued|litigation|
        starts coverage|initiates coverage|initiated coverage|initiating coverage|started coverage|began coverage|begins coverage|
        resumes coverage|resumed coverage|stock to buy|stocks to buy|top stocks|price target|price targets|upgrade|upgrades|downgrade|
        downgrades|upgraded|downgraded|upgrading|downgrading|initiated at|initiated with|initiated as|buy rating|hold rating|
        sell rating|neutral rating|to buy from|to hold from|to sell from|at buy from|at hold from|at sell from|assumed at|
        assumed with|assumes coverage|assumed coverage|reinstated at|resumed at|partnered with|previously licensed|previously acquired|just how much|how much cash|how much money|settle|settles|settled|settlement|alleges|arbitration|dispute|disputes|funding award|award agreement|
        grant agreement|research grant|non-dilutive funding|
        alleged|accuses|accused|fraud|fraudulent|duped|
        go public|going public|goes public|special purpose acquisition|spac|blank-check|blank check|
        互动平台|投资者提问|董秘回复|答投资者|融资|募资|招股|来港上市|赴港上市|寻求上市|申请上市|二次上市|上市首日|配售|定增|超购|超额认购|公开发售|全球发售|首次公开发行|递表|挂牌|解盲|业绩|财报|营收|诉讼|纠纷|仲裁|
        临床数据|试验结果|顶线|主要终点|目标价|评级|纯利|净利|派息|股息|此前|早前|去年""",
    MOVE: """soar*|jump*|surge|surges|surged|surging|rocket*|climb*|rise|rises|rising|rose|gain|gains|gained|tumbl*|fall|falls|falling|fell|
        slid*|plung*|sink*|sank|spik*|skyrocket*|pop|pops|popped|share|shares|stock|stocks|sending|
        涨|跌|飙|拉升|走强|走弱|异动|大涨|大跌|领涨|盘中|盘初|开盘|收盘|股价|板块|消息面""",
    TOPIC: """show|shows|showed|post|posts|posted|data|result|results|trial|trials|study|studies|efficacy|response rate|
        weight loss|survival|endpoint|phase 1|phase 2|phase 3|phase i|phase ii|phase iii|approv*|fda|ema|launch*|
        earnings|sales|revenue|appoint*|hire|hires|layoff|layoffs|conference|congress|esmo|asco|
        数据|试验|临床|达标|疗效|终点|获批|上市|业绩|营收|任命|裁员|解盲|研究结果|公布""",
    SPLIT: """separately|in a separate deal|in a separate agreement|in a separate announcement|in a separate transaction|
        meanwhile|elsewhere|另外|此外|同日|次日|与此同时|另一方面|另据""",
    BACKGROUND: """previously|earlier this year|earlier this month|last year|last month|last week|back in|
        had licensed|had acquired|had signed|had agreed|had paid|last fall|last spring|last summer|last autumn|last winter|
        as we reported|years ago|months ago|a year ago|follows announcement of|follows the announcement of|follows its|
        on the heels of|comes on the heels|
        此前|之前|早前|去年|前年|曾经|曾与|曾将|曾于|曾在|曾获|先前|已于20|个月前|月前|年前|周前""",
    YEAR_INTRO: """in 19|in 20|since 19|since 20|beginning in|from 19|from 20|in january|in february|in march|in april|
        in may|in june|in july|in august|in september|in october|in november|in december|in early|in late|in mid""",
    UPFRONT: """upfront|up-front|up front|down payment|fronting|fronts|initial payment|initial cash|an initial|option fee|at closing|upon closing|at the closing|
        首付|预付|首期|签约金|签约款|一次性|不可退还|选择权费|期权费|授权金|预先|先行支付|先支付""",
    TOTAL_WORD: """total deal value|total value|total transaction value|total potential value|total potential consideration|total consideration|
        climbs to|brings the total to|bringing the total to|takes the total to|
        total payments|total payment|total of|in total|aggregate|worth|valued at|valuing|deal value|equity value|
        enterprise value|potential total|potential value|combined value|
        总额|总金额|总价值|总价款|总价|交易总额|总交易额|交易金额|交易额|总代价|总对价|总值|总计|合计|共计|潜在总额|
        技术转让费|转让价款|转让对价|转让价格""",
    OTHER_MONEY: """revenue|revenues|sales|market cap|market value|market capitalization|market capitalisation|market size|
        valuation|market potentially worth|market worth|raise|raised|raises|raising|ipo|series a|series b|series c|
        series d|financing|funding|premium|currently valued|
        营收|收入|销售额|市值|估值|融资|募资|募集|市场规模|市场价值|研发费用|研发投入|净利|利润|溢价|股价|成交额""",
    EQUITY: """equity investment|equity stake|in equity|of equity|newly issued shares|of common stock|股权投资|股权认购|认购""",
    PER_SHARE: """per share|a share|/share|each share|for each share|per ads|per adr|每股""",
    CONSIDERATION: """in cash|at closing|upon closing|现金""",
    T_NEWCO: """newco|newcos|new co|joint venture|new company|new biotech company|new biopharmaceutical company|new biotechnology company|新公司|合资""",
    T_OPTION: """option to license|option to in-license|option to licence|option to acquire|exclusive option|option agreement|
        option deal|option on|options on|选择权|期权协议|独家期权|优先购买权""",
    T_CODEV: """co-develop*|codevelop*|co-commerciali*|co-promot*|copromot*|co-market*|jointly develop*|co-co|share profits|share costs|共同开发|联合开发|
        共同商业化|合作开发|共同推进|共担|分摊""",
    T_ACQ: """acquire*|acquiring|acquisition|takeover|buyout|to buy|full control of|recommended cash offer|recommended offer|agreed to buy|buys|bought|merge|merger|merges|merging|
        take over|takes over|taking over|took over|snap up|snaps up|snapped up|buy out|buys out|tender offer|换股合并|吸收合并|合并案|收购|并购|要约|买下|私有化|买断""",
    T_LIC: """licens*|licenc*|rights to|rights outside|rights in|rights for|授权|许可|引进|license-out""",
    ANAPHOR: """本公司|本集团|该公司""",
    ANNOUNCE: """发布公告|发公告|公告|公布|宣布|披露|表示|透露|官宣""",
    R_ACQ: """acquire|acquires|acquired|acquiring|buy|buys|buying|bought|purchase|purchases|purchased|purchasing|take over|
        takes over|took over|taking over|snap up|snaps up|snapped up|snapping up|scoop up|scoops up|scooped up|nab|nabs|
        nabbed|swallow|swallows|swallowed|gobble up|gobbles up|gobbled up|absorb|absorbs|absorbed|take full control of|takes full control of|taking full control of|took full control of|take control of|takes control of|taking control of|took control of|
        wins the auction for|won the auction for|win the auction for|wins the bidding war for|taken a stake in|
        takes a stake in|took a stake in|
        won the bidding war for|tap|taps|tapped|tapping""",
    R_PASSIVE: """acquired by|bought by|purchased by|taken over by|snapped up by|scooped up by""",
    R_ACQ_NOUN: """acquisition of|purchase of|buyout of|takeover of""",
    R_FROM_VERB: """licens*|licenc*|in-licens*|acquire|acquires|acquired|acquiring|gain|gains|gained|gaining|obtain|obtains|
        obtained|secure|secures|secured|win|wins|won|get|gets|got|take|takes|took|nab|nabs|nabbed|buy|buys|bought|
        picks up|picked up|pick up|snaps up|snapped up|bag|bags|bagged""",
    R_TO_VERB: """licenses|licensed|licensing|license|licences|licenced|licencing|out-licens*|outlicens*|sublicens*|sub-licens*|grant|
        grants|granted|granting|award|awards|awarded|awarding|sell|sells|selling|sold|transfer|transfers|transferred|assign|assigns|assigned|divest|
        divests|divested|hands over|handed over|hand over|offload*|shed|sheds|shedding|hand off|hands off|handing off|
        handed off""",
    R_PAY: """pay|pays|paying|paid|dole out|doles out|doled out|doling out|fork over|forks over|forked over|shell out|
        shells out|shelled out|hand over|hands over|put up|puts up|commit|commits|committed|plunk down|stump up|bet|bets|
        wager|wagers|wagered|make an upfront payment|makes an upfront payment|made an upfront payment|
        make an up-front payment|makes an up-front payment|make an initial upfront payment|makes an initial upfront payment|
        make an initial payment|makes an initial payment|make a one-time payment|makes a one-time payment|
        betting|spend|spends|spending|spent|hands|handed|handing|give|gives|giving""",
    R_RECEIVE: """receive|receives|received|receiving|is getting|are getting|gets|get|getting|got|stands to receive|
        stand to receive|stands to gain|stands to earn|eligible|could earn|could receive|could get|could reap|could pocket|
        could bank|could collect|could see|earn|earns|earned|earning|pocket|pockets|pocketed|bank|banks|banked|net|nets|
        netted|land|lands|landed|collect|collects|collected|reap|reaps|reaped|rake in|rakes in|in line for|will get""",
    R_GRANT: """grant|give|hand|granting|grants|granted|giving|gives|gave|providing|provides|provided|offering|handing|hands|handed""",
    R_GAIN: """gain|gains|gained|obtain|obtains|obtained|secure|secures|secured|get|gets|got|win|wins|won|receive|receives|
        received|acquire|acquires|acquired|take|takes|took|bag|bags|bagged|nab|nabs|nabbed|snag|snags|snagged|land|lands|
        landed|will have|picks up|picked up|is getting|in-licens*|licenses in|licensed in|license in|licence in|
        licensing in|grab|grabs|grabbed|grabbing|backs|backed|has negotiated|negotiated""",
    RIGHTS: """rights|right|license|licence|option|access""",
    ASSET: """drug|asset|candidate|agent|antibod*|adc|conjugate|therap*|program*|pipeline|molecule|inhibitor|compound|platform|
        technolog*|vaccine|portfolio|product|treatment|medicine|bispecific|agonist|degrader|sirna|business|unit|division|
        franchise|lead|consumer|pill|pills|tablet|shot|injectable|engager|t-cell engager|cell therapy|antagonist|modulator""",
    R_ORIGIN: """discovered by|developed by|originated by|invented by|created by|owned by""",
    R_SYM: """sign*|ink|inks|inked|strike|strikes|struck|enter|enters|entered|form|forms|formed|clinch*|seal|seals|sealed|
        agree|agrees|agreed|reach|reaches|reached|announce*|unveil*|pen|pens|penned|team up|teams up|teamed up|partner*|
        ally|allies|allied|collaborat*|join forces|joins forces|tie up|ties up|link up|links up|expand*|extend*|deal|pact|
        agreement|collaboration|partnership|alliance|tie-up""",
    R_PARTY: """deal with|pact with|agreement with|collaboration with|partnership with|alliance with|tie-up with|
        contract with|partner with|partners with|partners at|partner at""",
    R_NEWCO: """newco|newcos|new company|new biotech company|new biopharmaceutical company|new biotechnology company""",
    R_SUB: """subsidiary of|unit of|affiliate of|arm of|division of|spinout of|spin-off of""",
    R_REPORT: """said|says|announced|announces|agreed|agrees|confirmed|revealed|disclosed|noted|reported|stated""",
    R_LATTER: """the latter|the former""",
    R_FIRM: """the firm|the company|the biotech|the biotech company|the drugmaker|the startup|the start-up|the developer|
        the business|the target|the group|the biopharma|the biopharmaceutical company""",
    Z_GRANT_VERB: """授权|许可|授予|授出|转让|出售|出让""",
    Z_GRANT_TO: """授权给|授权予|许可给|许可予|授予|转让给|转让予|转让于|出售给|出售予|授权于|许可于|让与""",
    Z_PAY: """支付|付出|斥资|豪掷|出资""",
    Z_GET: """获得|取得|拿下|购得|引进|引入|买断|收购|买下|获授|拥有|享有""",
    Z_RECV: """获得|收取|收到|取得|获支付|可获得|有权收取|有资格获得|有权获得|有资格收取|拿到|进账|收下|入袋|落袋""",
    Z_ACQ: """收购|并购|买下|购入|购买|吞并|入股|全资收购|拿下|买断|认购|控股|受让""",
    Z_AGREE: """签署|签订|订立|达成|缔结|宣布|建立|开展|展开|合作|组建|成立|设立|共同""",
    Z_RIGHTS: """权益|权利|许可|授权|选择权|销售权|经销权|代理权|商业化权|开发权|独家权|产品|资产|项目|药物|管线|疗法|候选|抗体|技术|平台|新药|疫苗|注射液|单抗|双抗|
        分子|抑制剂|激动剂|偶联|疗法|细胞治疗|基因治疗""",
    Z_MONEY: """首付|预付|首期|签约金|付款|款项|里程碑|里程金|美元|美金|港元|欧元|销售提成|特许权使用费|分成|授权金""",
    Z_SUB: """子公司|附属公司|附属|旗下公司|旗下""",
    Z_NEWCO: """newco|新公司|新成立的""",
    Z_ASSET: """产品|药物|资产|项目|候选|管线|疗法|抗体|技术|平台|激动剂|抑制剂|注射液|单抗|双抗|偶联|adc|分子|疫苗|新药""",
    ZH_END: """股份有限公司|有限责任公司|有限公司|株式会社|生物科技|生物医药|生物制药|生物技术|生物工程|医药科技|医药集团|生物|
        医药|制药|药业|药厂|药品|生技|新药|集团|科技|医疗|创新药""",
}


class Hit(NamedTuple):
    start: int
    end: int
    word: str


@dataclass
class Cues:
    """Where each category's words occur in the folded text (sorted by start)."""

    hits: dict[str, list[Hit]] = field(default_factory=dict)
    _starts: dict[str, list[int]] = field(default_factory=dict)

    def of(self, cat: str, a: int = 0, b: int = 1 << 30) -> list[Hit]:
        lst = self.hits.get(cat)
        if not lst:
            return []
        starts = self._starts[cat]
        return lst[bisect.bisect_left(starts, a) : bisect.bisect_left(starts, b)]

    def has(self, cat: str, a: int = 0, b: int = 1 << 30) -> bool:
        lst = self.hits.get(cat)
        if not lst:
            return False
        starts = self._starts[cat]
        i = bisect.bisect_left(starts, a)
        return i < len(starts) and starts[i] < b and lst[i].end <= b

    def first(self, cat: str, a: int, b: int) -> Hit | None:
        found = self.of(cat, a, b)
        return found[0] if found else None

    def last_ending(self, cat: str, a: int, b: int) -> Hit | None:
        """The last hit lying wholly inside [a, b)."""
        found = [h for h in self.of(cat, a, b) if h.end <= b]
        return found[-1] if found else None


_new_hit = tuple.__new__


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")  # what `_latin` accepts


def _latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


@cache
def lexicon() -> dict[str, str]:
    """Folded alias (Simplified, lower case) → canonical company name, from rules/lexicons/pharma_companies.yaml."""
    names: dict[str, str] = {}
    for canonical, aliases in load("pharma_companies").entries.items():
        for alias in {canonical, *aliases}:
            key = fold(alias).strip()
            if len(key) >= 2 and key not in names:
                names[key] = canonical
    return names


def _lexicon_aliases() -> list[str]:
    return list(lexicon())


@cache
def _automaton() -> Any:
    """The automaton over UTF-8 bytes read as Latin-1 (pyahocorasick walks a 256-letter alphabet much faster than
    Unicode's); each key yields (word length, word, check left boundary, categories that need a right boundary,
    categories that take the word as a stem)."""
    table: dict[str, dict[str, bool]] = {}  # word → category → stem
    for cat, text in _WORDS.items():
        for raw in text.split("|"):
            word = " ".join(raw.split())
            if not word:
                continue
            stem = word.endswith("*")
            word = word.rstrip("*")
            for w in both_scripts([word]) if not word.isascii() else [word]:
                cats = table.setdefault(w, {})
                cats[cat] = cats.get(cat, False) or stem
    for alias in _lexicon_aliases():
        table.setdefault(alias, {}).setdefault(LEX, False)
    automaton = ahocorasick.Automaton()
    for w, cats in table.items():
        key = w.encode("utf-8").decode("latin-1")
        bounded = _latin(w[-1])
        exact = tuple(sorted(c for c, stem in cats.items() if bounded and not stem))
        loose = tuple(sorted(c for c, stem in cats.items() if not bounded or stem))
        automaton.add_word(key, (len(w), w, _latin(w[0]), exact, loose, exact + loose))
    automaton.make_automaton()
    return automaton


# continuation bytes of UTF-8 (0x80–0xBF) → 1, other bytes → 0: a byte offset minus the continuation bytes before
# it is a character offset
_CONTINUATION = bytes(1 if 0x80 <= b <= 0xBF else 0 for b in range(256))


def scan(f: str, start: int = 0, end: int | None = None) -> Cues:
    """Every cue word in f[start:end] (f is fold_zh text: lower case, Simplified)."""
    end = len(f) if end is None else end
    text = f[start:end]
    data = text.encode("utf-8")
    cont = None if len(data) == len(text) else data.translate(_CONTINUATION)
    hits: dict[str, list[Hit]] = {}
    n = len(f)
    done = 0  # bytes up to which continuation bytes are counted
    skipped = 0
    new_hit = _new_hit
    word_chars = _WORD_CHARS
    for last, (wlen, word, left, exact, loose, both) in _automaton().iter(data.decode("latin-1")):
        e = last + 1
        if cont is not None:  # hits arrive in order of their ends: count continuation bytes incrementally
            skipped += cont.count(1, done, e)
            done = e
            e -= skipped
        e += start
        s = e - wlen
        if left and s > 0 and f[s - 1] in word_chars:
            continue
        cats = both if exact and (e >= n or f[e] not in word_chars) else loose
        if not cats:
            continue
        h = new_hit(Hit, (s, e, word))
        for cat in cats:
            lst = hits.get(cat)
            if lst is None:
                hits[cat] = [h]
            else:
                lst.append(h)
    starts: dict[str, list[int]] = {}
    for cat, lst in hits.items():
        if len(lst) > 1:
            lst.sort()
            starts[cat] = [h[0] for h in lst]
        else:
            starts[cat] = [lst[0][0]]
    cues = Cues(hits)
    cues._starts = starts
    return cues
