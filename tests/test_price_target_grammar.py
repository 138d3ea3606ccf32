"""The price_target extractor on sentences written for these tests, one phrasing family each (English,
Simplified and Traditional Chinese): who acts, on which company, with which rating and target."""

from __future__ import annotations

from typing import Any

import pytest

from collectors.item import Item
from rules.extract import Document
from rules.extract.price_target import extract_price_target
from rules.extract.pt_words import rating_level
from tests.bundled_rules import bundled_engine


def events(title: str, summary: str = "") -> list[dict[str, Any]]:
    out = extract_price_target(Document(Item(id="t", source="test", title=title, summary=summary)))
    if out is None:
        return []
    return out if isinstance(out, list) else [out]


def first(title: str, summary: str = "") -> dict[str, Any]:
    found = events(title, summary)
    assert found, (title, summary)
    return found[0]


# --- English families -----------------------------------------------------------------------------------------


def test_fly_style_headline_target_raised_at_broker() -> None:
    f = first("Acme Robotics price target raised to $84 from $71 at Barclays")
    assert f["broker"] == "Barclays" and f["company"] == "Acme Robotics"
    assert (f["target"], f["old_target"], f["currency"], f["action"]) == (84, 71, "USD", "raise_target")


def test_upgrade_to_from_with_target() -> None:
    f = first("Goldman Sachs upgrades Lumen Foods to Buy from Neutral, lifts price target to $52")
    assert f["company"] == "Lumen Foods" and rating_level(f["rating"]) == "buy"
    assert rating_level(f["old_rating"]) == "hold" and f["action"] == "upgrade" and f["target"] == 52


def test_marketbeat_passive_had_its_target_lifted_by_broker() -> None:
    f = first("Orbit Foods (NYSE:ORBF) had its price objective lifted by analysts at Stifel from $40.00 to $46.00.")
    assert f["broker"] == "Stifel" and f["company"] == "Orbit Foods" and f["ticker"] == "ORBF"
    assert (f["target"], f["old_target"]) == (46, 40)


def test_cut_pt_to_from() -> None:
    f = first("Wedbush cuts Nimbus Health PT to $18 from $25, keeps Outperform")
    assert f["broker"] == "Wedbush" and f["action"] == "cut_target" and (f["target"], f["old_target"]) == (18, 25)
    assert rating_level(f["rating"]) == "outperform"


def test_lowers_price_objective() -> None:
    f = first("BofA lowers its price objective on Tessel Mining to $31 from $36, reiterates Underperform")
    assert f["company"] == "Tessel Mining" and (f["target"], f["old_target"]) == (31, 36)
    assert rating_level(f["rating"]) == "underperform"


def test_initiates_coverage_with_rating_and_target() -> None:
    f = first("Jefferies initiates coverage of Corvane Bio with a Buy rating and a $27 price target")
    assert f["action"] == "initiate" and f["company"] == "Corvane Bio" and f["target"] == 27


def test_object_broker_is_the_company() -> None:
    f = first("Evercore ISI downgraded Wells Fargo (NYSE:WFC) to In Line from Outperform.")
    assert f["broker"] == "Evercore ISI" and f["company"] == "Wells Fargo" and f["action"] == "downgrade"


def test_downgrade_rating_while_target_raised_is_a_downgrade() -> None:
    f = first("UBS downgrades Pellam Energy to Neutral from Buy but raises its price target to $70 from $62")
    assert f["action"] == "downgrade" and (f["target"], f["old_target"]) == (70, 62)


def test_adjacent_target_before_word_with_old_after() -> None:
    f = first("Citi cuts Harlow Retail to Sell", "Citi's $12 price target, down from $15, implies 9% downside.")
    assert (f["target"], f["old_target"]) == (12, 15)


def test_analyst_at_broker_in_the_body() -> None:
    f = first(
        "Why Quarry Labs Shares Are Sliding",
        "Shares of Quarry Labs fell 8%. Analyst Dana Roe at Morgan Stanley cut her price target to $41 from $48.",
    )
    assert f["broker"] == "Morgan Stanley" and f["company"] == "Quarry Labs" and f["target"] == 41


def test_second_broker_in_passing_is_its_own_event() -> None:
    found = events(
        "Analysts weigh in on Delmar Steel",
        "Oppenheimer raised its target on Delmar Steel to $90 from $80, while Baird cut its target to $75 from $78.",
    )
    assert found[0]["broker"] == "Oppenheimer" and found[0]["target"] == 90
    assert any(e["broker"] == "Baird" and e["target"] == 75 for e in found)


def test_maintains_rating_on_company_raises_pt() -> None:
    f = first("Needham Maintains Buy on Apex Devices, Raises Price Target to $120")
    assert f["company"] == "Apex Devices" and rating_level(f["rating"]) == "buy" and f["action"] == "raise_target"


def test_was_raised_to_rating_at_broker() -> None:
    f = first(
        "Cosmo Labs Inc. (NASDAQ: CSML) was raised to Outperform from Neutral at Baird, which lifted its target to $44."
    )
    assert f["broker"] == "Baird" and f["ticker"] == "CSML" and f["action"] == "upgrade" and f["target"] == 44


def test_broker_written_differently_from_its_canonical_name() -> None:
    f = first(
        "BofA Securities downgraded Celtrix (NYSE:CLX) to Neutral from Buy and cut its price target to $116 from $123"
    )
    assert f["broker"] == "BofA Securities (Bank of America)" and (f["target"], f["old_target"]) == (116, 123)


def test_currency_in_words() -> None:
    f = first("Kepler Cheuvreux lifts Norvik Pharma target to 620 Danish crowns from 540")
    assert f["currency"] == "DKK" and (f["target"], f["old_target"]) == (620, 540)


def test_consensus_target_is_not_the_target() -> None:
    f = first("Needham reiterates Buy on Halcyon Games", "The consensus price target stands at $33.40.")
    assert "target" not in f


def test_unnamed_analysts_are_no_event() -> None:
    assert events("Wall Street analysts raise their price targets on Perdita Motors after the earnings beat") == []


def test_index_target_is_no_event() -> None:
    assert events("Morgan Stanley raises its year-end S&P 500 target to 7,200") == []


def test_credit_rating_is_no_event() -> None:
    assert events("Moody's downgrades Arvel Utilities' credit rating to Baa3, outlook negative") == []


def test_sector_initiation_is_no_event() -> None:
    assert events("Bernstein starts coverage on semiconductor stocks: 4 names to buy") == []


def test_company_own_revenue_target_is_no_event() -> None:
    assert events("Orrin Motors raises its 2026 revenue target to $12 billion, citing strong demand") == []


# --- Chinese families ---------------------------------------------------------------------------------------


def test_first_coverage_company_is_the_name_not_the_rating() -> None:
    f = first("高盛首次覆蓋星河電子,給予買入評級,目標價88元")
    assert f["company"] == "星河電子" and rating_level(f["rating"]) == "buy" and f["action"] == "initiate"
    assert f["target"] == 88


def test_hk_style_headline_raise_target_with_old_in_brackets() -> None:
    f = first("《大行》花旗升東江集團(00123.HK)目標價至15.2元(原12.8元) 評級「買入」")
    assert f["company"] == "東江集團" and (f["target"], f["old_target"]) == (15.2, 12.8)
    assert f["currency"] == "HKD" and f["action"] == "raise_target"


def test_from_x_cut_to_y() -> None:
    f = first("摩根大通:下调华岭控股目标价", "摩根大通发表报告,华岭控股目标价由46港元下调至39港元,维持「中性」评级。")
    assert (f["target"], f["old_target"], f["currency"]) == (39, 46, "HKD")
    assert rating_level(f["rating"]) == "hold" and f["action"] == "cut_target"


def test_rating_moved_from_to() -> None:
    f = first("瑞银发表研究报告,将远桥地产的投资评级由“买入”降至“中性”,目标价由9.8港元降至7.1港元。")
    assert f["company"] == "远桥地产" and f["action"] == "downgrade"
    assert rating_level(f["rating"]) == "hold" and rating_level(f["old_rating"]) == "buy"


def test_first_give_rating_with_fair_value() -> None:
    f = first("法巴首予青松能源(01999.HK)“跑赢大市”评级,每股合理价值21港元")
    assert f["company"] == "青松能源" and f["target"] == 21 and f["action"] == "initiate"


def test_target_with_percent_between() -> None:
    f = first("中金:将南湖医药目标价从60港元下调15%至51港元,维持跑赢行业评级")
    assert (f["target"], f["old_target"]) == (51, 60)


def test_passive_company_gets_target_raised_by_broker() -> None:
    f = first("<通訊> 港灣集團(02777)獲摩根大通上調目標價13%,由168港元升至190港元,維持「增持」評級。")
    assert (
        f["company"] == "港灣集團"
        and f["broker"].startswith("摩根大通")
        and (f["target"], f["old_target"]) == (190, 168)
    )


def test_column_name_is_no_rating_move() -> None:
    f = first("大行评级|美银:上调长丰控股目标价至62港元 重申“买入”评级")
    assert f["action"] == "raise_target" and f["company"] == "长丰控股"


def test_a_share_target_in_yuan() -> None:
    f = first("华源证券发布研报,维持海岳股份(603999)“增持”评级,目标价32.5元")
    assert f["broker"].startswith("华源证券") and f["currency"] == "CNY" and f["target"] == 32.5


def test_taiwan_broker_target_from_to() -> None:
    f = first("大摩將晶宇科技(3456)目標價由820元上調至900元,評等「優於大盤」")
    assert (f["target"], f["old_target"], f["currency"]) == (900, 820, "TWD")


def test_unnamed_foreign_broker_is_no_event() -> None:
    assert events("美系外資將晶宇科技目標價由820元上調至900元,重申「加碼」評等") == []


def test_sector_view_is_not_the_company_rating() -> None:
    f = first("大和发表报告,维持对汽车行业“中性”看法,首选远航汽车(01234),目标价18元,评级“买入”")
    assert f["company"] == "远航汽车" and rating_level(f["rating"]) == "buy"


def test_sector_table_one_event_per_row_changed_rows_first_in_table_order() -> None:
    found = events(
        "瑞银发表研究报告,对内地保险股投资评级及目标价表列如下",
        "瑞银发表研究报告,对内地保险股投资评级及目标价表列如下:股份 | 投资评级 | 目标价(港元)"
        "安和保险(01111.HK) | 买入 | 20元信达人寿(02222.HK) | 买入 | 31元 -> 34元华康保险(03333.HK) | 中性 -> 买入 | 8元",
    )
    assert [e["company"] for e in found] == [
        "信达人寿",
        "华康保险",
        "安和保险",
    ]  # the changed rows in the table's order (a target change, a rating change), then the hold
    assert (found[0]["target"], found[0]["old_target"]) == (34, 31) and found[1]["action"] == "upgrade"
    assert found[2]["action"] == "reiterate"


def test_sector_table_without_rows_is_no_event() -> None:
    assert events("高盛发表研究报告,对本港地产股投资评级及目标价表列如下") == []


def test_multi_company_note_gives_one_event_per_company() -> None:
    found = events(
        "里昂发表报告",
        "里昂发表报告,给予东岭电力(00911.HK)目标价12元,评级由「持有」升至「买入」;西川燃气(00922.HK)目标价由30元下调至26元。",
    )
    assert [e["company"] for e in found] == ["东岭电力", "西川燃气"]
    assert found[0]["action"] == "upgrade" and found[1]["old_target"] == 30


def test_index_target_in_chinese_is_no_event() -> None:
    assert events("高盛上调恒指目标至28000点") == []


@pytest.mark.parametrize(
    "title",
    [
        "Raymond James Upgrades Ferron Mining To Strong Buy",
        "Ferron Mining upgraded to Strong Buy at Raymond James",
    ],
)
def test_headline_word_orders_name_the_same_company(title: str) -> None:
    f = first(title)
    assert f["company"] == "Ferron Mining" and f["broker"] == "Raymond James" and f["action"] == "upgrade"


# --- round 2: old targets written in other ways ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "summary", "target", "old"),
    [
        (
            "Delmont Air downgraded to Neutral at Evercore ISI",
            "Evercore ISI cut its target to $40 from a prior $50.",
            40,
            50,
        ),
        (
            "Baird upgrades Corvo Bank to Outperform",
            "The firm has a $50.00 target price on the shares, up from their previous target price of $45.00.",
            50,
            45,
        ),
        (
            "Piper Sandler lifts Ardent Motors target",
            "Piper Sandler raised its price target for Ardent Motors by about a quarter, from its previous price target "
            "of $372 to $423.",
            423,
            372,
        ),
        (
            "Needham trims Kelso Test target",
            "Needham adjusted its price target for Kelso Test (NASDAQ:KLSO), a semiconductor test equipment supplier, "
            "to $34 from the previous target of $36, while retaining a Buy rating.",
            34,
            36,
        ),
    ],
)
def test_old_target_after_from_previous(title: str, summary: str, target: float, old: float) -> None:
    f = first(title, summary)
    assert (f["target"], f["old_target"]) == (target, old)


def test_old_target_in_brackets_after_the_new_one() -> None:
    f = first("UBS raises Marlow Foods price target to 4,200 (4,075) pence - 'buy'")
    assert (f["target"], f["old_target"], f["currency"]) == (4200, 4075, "GBX")


def test_old_target_in_brackets_chinese() -> None:
    f = first("中金公司上调联华电讯(00999.HK)目标价至387港元(原目标价343港元),跑赢大市评级。")
    assert (f["target"], f["old_target"]) == (387, 343) and f["company"] == "联华电讯"


def test_previous_value_in_brackets() -> None:
    f = first("国泰君安:维持新宏股份“增持”评级 目标价23.6元(前值21.5元)")
    assert (f["target"], f["old_target"], f["action"]) == (23.6, 21.5, "raise_target")


def test_old_target_from_the_earlier_value_traditional() -> None:
    f = first("大摩將宏光（2499）投資評等由「中立」調升至「優於大盤」，並將宏光目標價自原先的12.5元上調至16.5元。")
    assert (f["target"], f["old_target"], f["action"]) == (16.5, 12.5, "upgrade")


def test_target_moved_by_an_amount_after_the_company() -> None:
    f = first(
        "Thursday's analyst actions", "Credit Suisse cut its price target on Fenwick Bank (FB-T) by C$1 to C$143."
    )
    assert (f["target"], f["old_target"], f["currency"]) == (143, 144, "CAD")


def test_previously_sentence_gives_old_rating_and_target() -> None:
    f = first(
        "Corrigan Labs downgraded to In Line by Evercore ISI",
        "Evercore ISI downgraded Corrigan Labs to In Line with a price target of $340. Previously, Evercore had rated "
        "the shares at Outperform with a price target of $330.",
    )
    assert f["broker"] == "Evercore ISI" and f["company"] == "Corrigan Labs"
    assert (f["target"], f["old_target"]) == (340, 330) and rating_level(f["old_rating"]) == "outperform"


# --- round 2: currencies and units ---------------------------------------------------------------------------------


def test_gbx_prefix() -> None:
    f = first("Jefferies raises its price objective for Holbrook Brands from GBX 3,600 to GBX 3,700")
    assert (f["target"], f["old_target"], f["currency"]) == (3700, 3600, "GBX")


def test_nt_dollar_written_with_a_space() -> None:
    f = first(
        "Kestrel Semiconductor rose as Goldman Sachs raised its target",
        "The target is raised from NT $1028 to NT $1035.",
    )
    assert (f["target"], f["old_target"], f["currency"]) == (1035, 1028, "TWD")


def test_currency_code_glued_to_the_number() -> None:
    f = first("HSBC Global Research raised its target price for Lanxi Games (HKE:777) to HKD173.")
    assert (f["target"], f["currency"]) == (173, "HKD")


def test_article_before_dollar_is_no_currency() -> None:
    f = first("Baird upgrades Corvo Bank to Outperform", "The firm has a $50.00 target price on the shares.")
    assert f["currency"] == "USD"


def test_pence_after_the_number() -> None:
    f = first("BRIEF-Ardley PLC: Jefferies raises target price to 3400p from 3100p; rating buy")
    assert (f["target"], f["old_target"], f["currency"]) == (3400, 3100, "GBX")
    assert f["company"] == "Ardley PLC" and rating_level(f["rating"]) == "buy"


def test_fair_value_written_as_reasonable_share_price() -> None:
    f = first("美銀證券將大光電投資評等從「劣於大盤」跳級升評「買進」,將推測合理股價喊上3,008元")
    assert f["company"] == "大光電" and f["target"] == 3008 and f["action"] == "upgrade"


# --- round 2: brokers, companies, actions -------------------------------------------------------------------------


def test_broker_name_continued_by_group_is_the_company() -> None:
    f = first(
        "Jefferies Group shares target raised by Oppenheimer",
        "Oppenheimer raised the price target for Jefferies Group (NYSE:JEF) shares to $57.00.",
    )
    assert f["broker"] == "Oppenheimer" and f["company"] == "Jefferies Group" and f["target"] == 57


def test_headline_passive_without_was_makes_the_broker_the_company() -> None:
    f = first(
        "RBC downgraded as analyst sees better returns elsewhere",
        "Canaccord Genuity analyst Sam Lo cut the bank's shares to a hold from a buy.",
    )
    assert f["broker"] == "Canaccord Genuity" and f["company"] == "RBC" and f["action"] == "downgrade"


def test_firm_after_at_in_the_headline_when_the_lead_names_another_broker() -> None:
    f = first(
        "Norvell Inc (NYSE:NVL) Rating Increased to Buy at Erste Group Bank",
        "Citigroup raised its target price on Norvell Inc from $37.00 to $39.00 and gave the company a neutral rating.",
    )
    assert f["broker"] == "Erste Group Bank" and f["action"] == "upgrade" and rating_level(f["rating"]) == "buy"


def test_upgraded_its_target_price_is_a_target_move() -> None:
    f = first("Kestrel Chips rose 3% as Goldman Sachs upgraded its target price to $60")
    assert f["action"] == "raise_target" and f["target"] == 60


def test_hyphenated_rating_words() -> None:
    f = first(
        "Orland Chips slumps after Bernstein downgrade",
        "Orland Chips was downgraded from Outperform to Market-Perform by analysts at Bernstein.",
    )
    assert f["rating"] == "Market-Perform" and f["old_rating"] == "Outperform" and f["action"] == "downgrade"


def test_starts_company_with_rating_is_an_initiation() -> None:
    f = first("Stifel starts Brennan Health with 'hold' - price target 1,025 pence")
    assert f["company"] == "Brennan Health" and f["action"] == "initiate" and f["target"] == 1025


def test_heading_before_the_broker_names_the_company() -> None:
    f = first(
        "Wednesday broker round-up",
        "Tarrant Gold: Nomura takes target price from 155p to 250p and reiterates its buy recommendation.",
    )
    assert f["company"] == "Tarrant Gold" and (f["target"], f["old_target"]) == (250, 155)
    assert rating_level(f["rating"]) == "buy"


def test_full_stop_glued_to_the_next_item_ends_the_clause() -> None:
    found = events(
        "Wednesday broker round-up",
        "Tarrant Gold: Nomura takes target price from 155p to 250p and keeps its buy recommendation.Dunmore Mining: "
        "Deutsche Bank cuts target price from 1050p to 1035p.",
    )
    assert [(e["broker"], e["company"]) for e in found] == [
        ("Nomura", "Tarrant Gold"),
        ("Deutsche Bank", "Dunmore Mining"),
    ]


def test_list_items_split_on_dash_rules_and_the_headline_call_comes_first() -> None:
    found = events(
        "Renwick Foods raised to buy",
        "The following shares received analyst recommendations: ---------- UBS raises Burrow Group price target to "
        "2,285 (2,211) pence - 'neutral' ---------- Jefferies raises Renwick Foods to 'buy' (hold) - price target 107 pence",
    )
    f = found[0]
    assert (f["broker"], f["company"], f["target"], f["action"]) == ("Jefferies", "Renwick Foods", 107, "upgrade")
    assert rating_level(f["old_rating"]) == "hold"
    assert found[1]["company"] == "Burrow Group" and found[1]["old_target"] == 2211


def test_listed_companies_in_the_headline_take_the_first() -> None:
    f = first(
        "Marlow, Essen downgraded at Evercore amid falling rents", "Evercore ISI cut both to In-Line from Outperform."
    )
    assert f["company"] == "Marlow" and f["action"] == "downgrade"


def test_share_price_forecast_is_no_rating() -> None:
    f = first(
        "摩根士丹利发表研究报告指,相信金星控股(3919.HK)股价未来60天内将“跑赢大市”。",
        "该行予集团“增持”评级,目标价5.5港元。",
    )
    assert f["company"] == "金星控股" and f["rating"] == "增持" and f["target"] == 5.5


# --- round 2: not events ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        ("Morgan Stanley upgrades China equities to Overweight", ""),
        ("Strategist upgrades Japan", "Goldman Sachs upgraded Japan (NYSE:EWJ) to Overweight from Neutral."),
        ("花旗調升台灣股票投資評級至「加碼」", ""),
        ("大摩將恒指明年目標價由18200點上調至21200點", ""),
        (
            "Goldman lifts its S & P 500 price target",
            "Strategist Dana Kay raised his year-end S & P 500 price target to 6,600.",
        ),
        ("Goldman Sachs (NYSE:GS) raises its S&P 500 outlook", "The bank lifted its 2024 target to 5,100 from 4,700."),
        ("UBS raises its gold price target", "UBS raised its target for gold to US$6,200 from $5,000."),
    ],
)
def test_markets_indices_and_commodities_are_no_events(title: str, summary: str) -> None:
    assert events(title, summary) == []


def test_commodity_word_inside_a_company_name_is_still_a_company() -> None:
    f = first("RBC downgraded Larch Lake Gold to Underperform from Sector Perform with a price target of $1.15.")
    assert f["company"] == "Larch Lake Gold" and f["action"] == "downgrade"


def test_sector_ratings_in_a_market_note_are_no_event() -> None:
    assert events("花旗升恒指年底目標至26800點", "花旗將醫療行業和保險行業的評級從「中性」上調至「超配」。") == []


def test_survey_of_existing_targets_is_no_call() -> None:
    assert events("外資看好鴻海", "外資圈給予正向評等，目標價則以高盛證券的400元為最高價。") == []


def test_slash_list_of_old_and_new_targets() -> None:
    f = first(
        "HSBC Global Research lifts utility targets",
        "HSBC Global Research raised its target prices for Orwell Power (00011.HK) and Brant Gas (00012.HK) from "
        "$77/ $55 to $78/ $59.",
    )
    assert (f["target"], f["old_target"]) == (78, 77)


def test_rating_move_names_its_object() -> None:
    f = first(
        "Analyst calls",
        "Goldman Sachs cut Harrow Life from Buy to Neutral, but raised its target price from HKD17.5 to HKD21.",
    )
    assert f["company"] == "Harrow Life" and f["action"] == "downgrade" and (f["target"], f["old_target"]) == (21, 17.5)


def test_tp_abbreviation_is_a_target() -> None:
    f = first("Nomura Hikes Kestrel TP to $9.6")
    assert f["broker"] == "Nomura" and f["target"] == 9.6


def test_call_by_the_broker_the_headline_names_comes_first() -> None:
    found = events(
        "Banks raise targets after Hollis Exchange results, with Macquarie upgrading Tarn Foods",
        "Goldman Sachs raised its target price for Hollis Exchange to HKD 562. Macquarie upgraded Tarn Foods to "
        "outperform from neutral.",
    )
    assert (found[0]["broker"], found[0]["company"]) == ("Macquarie", "Tarn Foods")


def test_zh_rating_in_reversed_curly_quotes_is_the_rating() -> None:
    f = first("大摩發布研究報告稱,泓遠娛樂(03999)估值更具吸引力。該行予集團”增持“評級,目標價6.2港元。")
    assert rating_level(f["rating"]) == "outperform" and f["target"] == 6.2


def test_a_maintained_price_prediction_per_share_is_the_target() -> None:
    f = first(
        "Why Is Lumen Foods Stock Up Today?",
        "Goldman Sachs analyst Jane Roe upgraded shares of Lumen Foods from neutral to buy. The analyst maintained her "
        "price prediction of $7 per share.",
    )
    assert f["target"] == 7


def test_zh_also_before_the_object_marker_is_not_a_company() -> None:
    calls = events("外資上修泓遠電目標價。高盛把目標價從2330元推升到2600元,瑞銀也把目標價從1800元拉高到2500元。")
    assert [c["company"] for c in calls] == ["泓遠電", "泓遠電"]


def test_a_headline_call_and_its_lead_restatement_on_the_bare_ticker_are_one_event() -> None:
    calls = events(
        "Loop Capital lifts Lumen Foods target",
        "Loop Capital maintained its Buy rating on LMNF while it raised its target price for the stock from 40 to 46.",
    )
    assert len(calls) == 1
    assert (calls[0]["company"], calls[0]["target"], calls[0]["old_target"]) == ("Lumen Foods", 46, 40)


def test_the_analysts_surname_is_not_a_second_company() -> None:
    calls = events(
        "Loop Capital upgrades Lumen Foods to Buy",
        "Loop Capital analyst Jane Roe upgraded Lumen Foods to Buy from Hold. Roe raised her price target on Lumen "
        "shares to $46 from $40.",
    )
    assert len(calls) == 1 and calls[0]["company"] == "Lumen Foods" and calls[0]["target"] == 46


def test_a_broker_name_does_not_reach_back_into_the_headline() -> None:
    f = first("Orrin Securities boosts Lumen Foods to Buy", "Orrin Securities analyst Jane Roe upgraded Lumen Foods.")
    assert f["broker"] == "Orrin Securities"


def test_new_from_old_before_the_target_word() -> None:
    f = first(
        "Lumen Foods target trimmed",
        "Lumen Foods was reiterated as Neutral with a $107 from $119 price target by Wedbush.",
    )
    assert (f["target"], f["old_target"]) == (107, 119)


def test_a_company_named_industries_is_a_company() -> None:
    f = first("Lumen Industries raised to Overweight at Wedbush")
    assert f["company"] == "Lumen Industries"


@pytest.mark.parametrize("broker", ["Stephens", "Zacks Investment Research"])
def test_research_houses_of_us_analyst_notes_are_brokers(broker: str) -> None:
    assert first(f"Lumen Foods downgraded to Hold at {broker}")["broker"] == broker


def test_raised_to_a_weak_rating_word_is_an_upgrade() -> None:
    f = first("Lumen Foods Inc. (NYSE: LMNF) was raised to Buy from Neutral at Goldman Sachs.")
    assert (f["company"], f["rating"], f["action"]) == ("Lumen Foods Inc", "Buy", "upgrade")


def test_a_hyphenated_price_target_is_an_anchor() -> None:
    f = first("Lumen Foods shares slip", "Lumen Foods got a price-target cut to $232 at Mizuho Securities.")
    assert (f["target"], f["action"]) == (232, "cut_target")


def test_an_amount_of_price_target_cut_before_the_new_target_gives_the_old_one() -> None:
    f = first("Lumen Foods shares slip", "Lumen Foods got an $18 price-target cut to $232 at Mizuho Securities.")
    assert (f["target"], f["old_target"]) == (232, 250)


@pytest.mark.parametrize(
    "title",
    ["Citi: Harlow Retail target price lowered to HK$72", "Citi：Harlow Retail price target cut to HK$72"],
)
def test_a_broker_heading_before_the_company_acts_on_it(title: str) -> None:
    f = first(title)
    assert (f["broker"], f["company"], f["target"], f["action"]) == ("Citi", "Harlow Retail", 72, "cut_target")


def test_a_rating_cut_after_a_broker_heading_names_the_company() -> None:
    f = first("Morgan Stanley: Harlow Retail rating cut to Equal-weight, target HK$12")
    assert (f["company"], f["rating"], f["action"]) == ("Harlow Retail", "Equal-weight", "downgrade")


def test_first_coverage_in_taiwanese_wording_is_an_initiation() -> None:
    f = first("高盛首度涵蓋樂門食品,給予買進評等,目標價380元")
    assert (f["company"], f["rating"], f["target"], f["action"]) == ("樂門食品", "買進", 380, "initiate")


def test_a_plural_possessive_is_not_part_of_the_company() -> None:
    f = first("Lumen Foods' (LMNF) Buy Rating Reaffirmed at Needham & Company LLC")
    assert f["company"] == "Lumen Foods"


def test_a_rating_for_or_of_a_company_names_it() -> None:
    f = first(
        "Maxim Group Maintains Buy Rating for Lumen Foods: Here's What You Need To Know",
        "Maxim Group has decided to maintain its Buy rating of Lumen Foods LMNF and lower its price target from $54.00 "
        "to $44.00.",
    )
    assert (f["company"], f["rating"], f["target"], f["old_target"]) == ("Lumen Foods", "Buy", 44, 54)


def test_a_capitalised_legal_form_after_the_name_is_no_ticker() -> None:
    assert first("Maxim Group Maintains Buy Rating for Lumen Foods AG")["company"] == "Lumen Foods AG"


def test_a_related_story_printed_between_table_rows_lends_no_row_its_ticker() -> None:
    found = events(
        "滙豐研究對本地銀行股評級及目標價(表)",
        "滙豐研究發表研究報告,對本地銀行股投資評級及目標價表列如下:股份 | 投資評級 | 目標價(港元)"
        "相關內容《大行》摩通微降樂門銀行(03968.HK)目標價至60元 評級「增持」"
        "康恩銀行(01398.HK) +0.050 (+0.893%) | 買入 | 7.5元北港銀行(00939.HK) +0.010 (+0.137%) | 持有 | 10.4元",
    )
    assert [(f["company"], f["ticker"], f["rating"], f["target"]) for f in found] == [
        ("康恩銀行", "1398.HK", "買入", 7.5),
        ("北港銀行", "0939.HK", "持有", 10.4),
    ]


def test_the_tail_of_a_related_story_is_not_part_of_the_next_row_name() -> None:
    found = events(
        "美银证券对券商股评级及目标价(表)",
        "美银证券发表研究报告,目前最新投资评级及目标价表列如下:股份 | 投资评级 | 目标价(港元) | 目标价调整幅度"
        "相关内容《大行》摩通:首选乐门证券(03908.HK)等康恩证券(06030.HK) -1.240 (-4.106%) | 买入 | 31元 | +26%",
    )
    assert [(f["company"], f["ticker"]) for f in found] == [("康恩证券", "6030.HK")]


def test_a_link_label_after_the_ticker_is_not_the_company() -> None:
    f = first(
        "Tuesday's Upgrades and Downgrades", "LMNF (LMNF) - Get Report downgraded at Deutsche Bank from Buy to Hold."
    )
    assert (f["company"], f["rating"], f["action"]) == ("LMNF", "Hold", "downgrade")


def test_a_second_broker_moving_the_same_target_in_a_parallel_clause_is_its_own_call() -> None:
    found = events(
        "外資調升樂門科技目標價",
        "大摩將樂門科技目標價由1,888元升至1,988元,評等「優於大盤」；美銀則由1,960元升至2,150元,建議「買進」。",
    )
    got = {f["broker"].split()[0]: (f["target"], f.get("old_target"), f["action"]) for f in found}
    assert got == {"大摩": (1988, 1888, "raise_target"), "美銀": (2150, 1960, "raise_target")}


@pytest.mark.parametrize(
    ("title", "rating", "action"),
    [
        ("Harlow Retail Upgraded To Buy At Citi", "Buy", "upgrade"),
        ("Harlow Retail Initiated As Neutral/High Risk At Citi", "Neutral", "initiate"),
        ("Harlow Retail Initiated At Buy By Citi", "Buy", "initiate"),
        ("Harlow Retail Stock Initiated With Buy At Citi", "Buy", "initiate"),
    ],
)
def test_a_title_case_headline_ends_the_company_name_at_its_verb(title: str, rating: str, action: str) -> None:
    f = first(title)
    assert (f["company"], f["broker"], f["rating"], f["action"]) == ("Harlow Retail", "Citi", rating, action)


def test_a_company_named_between_initiates_and_its_rating_is_an_initiation() -> None:
    f = first("Citi initiates Harlow Retail at Buy, target $30")
    assert (f["company"], f["target"], f["action"]) == ("Harlow Retail", 30, "initiate")


def test_coverage_after_the_name_is_not_part_of_it() -> None:
    assert first("Harlow Retail Coverage Initiated At Citi")["company"] == "Harlow Retail"


@pytest.mark.parametrize(
    ("title", "rating", "action"),
    [
        ("Jefferies lifts Harlow Retail to buy, target 520p", "buy", "upgrade"),
        ("Jefferies lifts Harlow Retail to 'buy'", "buy", "upgrade"),
        ("Peel Hunt cuts Harlow Retail to ‘hold’", "hold", "downgrade"),
    ],
)
def test_a_move_to_a_rating_in_quotes_or_without_a_target_word_is_a_call(title: str, rating: str, action: str) -> None:
    f = first(title)
    assert (f["company"], f["rating"], f["action"]) == ("Harlow Retail", rating, action)


def test_royal_bank_of_canada_is_the_broker_rbc() -> None:
    f = first("Royal Bank of Canada Increases Harlow Retail (HRL) Price Target to $53.00")
    assert (f["broker"].startswith("Royal Bank of Canada"), f["company"], f["target"]) == (True, "Harlow Retail", 53)


def test_the_analysts_surname_is_not_the_company() -> None:
    f = first(
        "Harlow Retail Stock Lower on Analyst Downgrade",
        "Harlow Retail (NYSE:HRL) slipped on Friday. The news comes from Citi analyst Jane Roe. In her note, Roe "
        "drops HRL stock from its previous “Buy” rating to a new “Neutral” rating.",
    )
    assert (f["company"], f["rating"], f["old_rating"], f["action"]) == ("Harlow Retail", "Neutral", "Buy", "downgrade")


def test_a_data_house_reporting_a_consensus_is_not_a_call() -> None:
    assert (
        events(
            "Harlow Retail (NASDAQ:HRL) has been given an average broker rating score of 2.00 (Buy) from the four analysts "
            "that cover the company, Zacks Investment Research reports.",
            "Three equities research analysts have rated the stock with a buy rating and one has given it a hold rating.",
        )
        == []
    )


def test_a_broker_columns_capitalised_heading_names_the_company_of_its_paragraph() -> None:
    found = events(
        "Broker Round-Up",
        "HARLOW RETAIL\nCiti rates the retailer as “neutral” but raises its target price from 210p to 230p.\n"
        "PELLAN BIO\nNomura has upgraded the drug developer from “neutral” to “buy” with a target price of 506p.",
    )
    assert [(f["broker"], f["company"], f["target"]) for f in found] == [
        ("Citi", "Harlow Retail", 230),
        ("Nomura", "Pellan Bio", 506),
    ]


def test_a_column_title_in_capitals_is_no_company() -> None:
    assert events("Notes", "BROKER RATINGS TODAY\nCiti raises its target price to 230p.") == []


@pytest.mark.parametrize(
    ("title", "broker", "fields"),
    [
        ("Argus lifts its rating on Harlow Retail (NYSE:HRL) to Buy from Hold.", "Argus Research", {"rating": "Buy"}),
        (
            "Kotak upgrades Harlow Retail to 'Add', ups target price to ₹65 from ₹60",
            "Kotak Institutional Equities",
            {"target": 65, "old_target": 60, "currency": "INR"},
        ),
        (
            "ICICI Securities initiates Buy on Harlow Retail Ltd. (HRL) with a revised Target Price of Rs 943 apiece "
            "(Earlier Rs 900 apiece)",
            "ICICI Securities",
            {"rating": "Buy", "target": 943, "old_target": 900, "currency": "INR"},
        ),
        (
            "Harlow Retail (NYSE:HRL) has seen its price target cut to $80.00 by analysts at Sanford C. Bernstein, "
            "down from a previous estimate of $87.00.",
            "Sanford C. Bernstein",
            {"target": 80, "old_target": 87},
        ),
    ],
)
def test_indian_brokers_and_rupees_and_an_old_target_after_the_broker(
    title: str, broker: str, fields: dict[str, Any]
) -> None:
    f = first(title)
    assert f["broker"] == broker and f["company"].startswith("Harlow Retail")
    assert {k: f.get(k) for k in fields} == fields


def test_the_analyst_named_after_the_brokers_possessive_is_not_the_company() -> None:
    found = events(
        "Harlow Retail Shares Rally Following Raymond James Upgrade to Strong Buy",
        "Harlow Retail earlier received an upgrade from Raymond James' Jane Roe. The analyst now rates Harlow Retail "
        "shares a Strong Buy, up from Outperform previously. Roe's price target on Harlow Retail was raised from $55 "
        "to $64.",
    )
    assert [(f["company"], f.get("target"), f.get("old_target"), f["action"]) for f in found] == [
        ("Harlow Retail", 64, 55, "upgrade")
    ]


@pytest.mark.parametrize(
    ("title", "target", "action"),
    [
        ("花旗環球證券給予樂門科技合理股價670元", 670, "reiterate"),
        ("花旗將樂門科技合理股價升至670元", 670, "raise_target"),
    ],
)
def test_a_taiwan_fair_share_price_is_the_target(title: str, target: float, action: str) -> None:
    f = first(title)
    assert (f["company"], f["target"], f["currency"], f["action"]) == ("樂門科技", target, "TWD", action)


def test_a_company_named_target_is_not_a_price_target_word_elsewhere_in_the_text() -> None:
    f = first(
        "Raymond James maintained coverage of Target (NYSE:TGT) with a Strong Buy recommendation.",
        "As of May 11, the average one-year price target for Target is 184.43. The forecasts range from a low of "
        "156.55 to a high of $231.00.",
    )
    assert (f["company"], f.get("target"), f.get("old_target")) == ("Target", None, None)


def test_a_brokers_own_symbol_after_its_name_is_not_the_company() -> None:
    f = first("樂門科技目標價獲調升", "摩根大通 (JPM-US) 在 7 日的報告中,將樂門科技目標價調高 24% 至新台幣 2,100 元。")
    assert (f["company"], f["target"]) == ("樂門科技", 2100)


@pytest.mark.parametrize(
    ("summary", "company"),
    [
        ("星辰光学昨日召开法说会，野村维持其买进评级，目标价调升至880元。", "星辰光学"),
        ("北辰電池公布第三季財報，高盛維持其買入評級，目標價上調至52港元。", "北辰電池"),
    ],
)
def test_its_rating_names_the_company_the_sentence_opens_with(summary: str, company: str) -> None:
    assert first("盘后快讯", summary)["company"] == company


def test_its_rating_after_an_unnamed_opening_is_no_call() -> None:
    assert events("盘后快讯", "外资昨日发布报告，高盛维持其买入评级，目标价上调至450元。") == []


def test_a_pence_target_with_a_dollar_conversion_in_brackets() -> None:
    f = first(
        "Orla Foods (LON:ORF) Cut to Hold at Investec",
        "Orla Foods (LON:ORF) was downgraded by analysts at Investec to a hold rating. They now have a GBX 1,250 "
        "($15.90) price target on the stock, up from their previous price target of GBX 1,100 ($13.99).",
    )
    assert (f["company"], f["target"], f["old_target"], f["currency"]) == ("Orla Foods", 1250, 1100, "GBX")


def test_a_broker_named_with_its_london_symbol_is_the_company() -> None:
    f = first("Barclays (LON:BARC) Cut to Neutral at Morgan Stanley")
    assert (f["broker"], f["company"]) == ("Morgan Stanley", "Barclays")


def test_a_share_price_headline_names_the_company_of_the_leads_call() -> None:
    f = first(
        "Kestrel Engines share price down 3% on Jefferies downgrade",
        "Jefferies downgraded its rating on the stock to underperform from hold and cut the target to Rs 610 from Rs 700.",
    )
    assert (f["company"], f["target"], f["old_target"]) == ("Kestrel Engines", 610, 700)


def test_title_case_share_price_words_are_not_part_of_the_name() -> None:
    f = first(
        "Orla Share Price Falls After Jefferies Cuts Rating To 'Underperform'", "Jefferies set a target of Rs 900."
    )
    assert f["company"] == "Orla"


def test_a_call_on_a_company_is_its_rating() -> None:
    f = first(
        "x", "Among brokerages, HSBC maintained a 'hold' call on Kestrel Engines but raised the target to Rs 925."
    )
    assert (f["broker"], f["company"], f["target"]) == ("HSBC", "Kestrel Engines", 925)


def test_indian_brokers_named_in_full() -> None:
    f = first("JM Financials upgrades Kestrel Engines to 'buy' after a 52-week high")
    assert (f["broker"], f["company"], rating_level(f["rating"])) == ("JM Financials", "Kestrel Engines", "buy")


def test_a_taiwan_rating_word_is_not_the_company_and_a_dashed_code_is_a_ticker() -> None:
    f = first(
        "外資看晶片股",
        "晶圓代工龍頭星辰電 (6123-TW) 今日股價上漲。里昂證券重申買進評等與目標價 600 元。",
    )
    assert (f["company"], f["ticker"], f["currency"], f["target"]) == ("星辰電", "6123.TW", "TWD", 600)


def test_an_index_target_is_no_company_call() -> None:
    assert (
        events("Nomura keeps Nifty target at 26,140", "Nomura has maintained its Nifty target for March at 26,140.")
        == []
    )


def test_a_latin_broker_name_written_against_chinese_text() -> None:
    f = first("外資點贊 星辰電股漲", "外資研究機構Aletheia資本表示,對星辰電重申「買進」評等,目標價1,000元。")
    assert (f["broker"].split(" (")[0], f["company"], f["target"]) == ("Aletheia資本", "星辰電", 1000)


def test_a_broker_named_with_its_symbol_that_acts_is_the_broker() -> None:
    f = first(
        "Barclays lifts Pellan Bank rating",
        "On Monday, Barclays (LON:BARC) analyst Jane Roe upgraded Pellan Bank (OTC:PLBKY) SA shares from Equalweight "
        "to Overweight and raised the price target to EUR41.00 from EUR30.00, citing a higher return on tangible "
        "equity (ROTE).",
    )
    assert (f["broker"], f["company"], f["target"], f["old_target"]) == ("Barclays", "Pellan Bank", 41, 30)


def test_a_korean_target_in_millions_of_won_and_a_rating_in_brackets() -> None:
    f = first(
        "Brokers see room for Hanbit Chips",
        'SK Securities on the 28th maintained a "buy (BUY)" rating on Hanbit Chips and raised its target price to '
        "1.5 million won from 1 million won.",
    )
    assert (f["company"], f["target"], f["old_target"], f["currency"]) == ("Hanbit Chips", 1_500_000, 1_000_000, "KRW")


def test_a_horizon_before_the_target_is_not_the_company() -> None:
    f = first(
        "UBS upgrades Pellan Bank after overhaul",
        "UBS has become the first broker to upgrade Pellan’s stock, moving its recommendation from “sell” to "
        "“neutral”.\nAnalysts at UBS said the plans would yield a better balance, raising their 12-month share price "
        "target from €5.70 to €6.60.",
    )
    assert (f["target"], f["old_target"]) == (6.6, 5.7)


def test_a_dash_heading_and_a_colon_headline_name_the_company() -> None:
    f = first("Kestrel Mining – Macquarie rates the stock as Upgrade to Neutral", "Macquarie upgrades to Neutral.")
    assert f["company"] == "Kestrel Mining"
    g = first(
        "Orla Luxury: victim of two downgrades",
        'RBC downgraded its opinion on the share from "outperform" to "perform in line with the sector", with a '
        "price target reduced from 310 euros to 290 euros.",
    )
    assert (g["company"], rating_level(g["rating"]), g["target"]) == ("Orla Luxury", "hold", 290)


def test_a_top_pick_listing_names_the_company_of_the_next_clauses_call() -> None:
    for summary in (
        "瑞银改列星河制药为首选股,给予“买入”评级及目标价41港元。",
        "瑞银将星河制药列为首选股,给予“买入”评级及目标价41港元。",
    ):
        f = first("大行报告", summary)
        assert (f["company"], f["target"]) == ("星河制药", 41)


def test_this_time_and_a_report_verb_are_no_company() -> None:
    f = first(
        "花旗調整金控預測",
        "花旗環球證券最新報告調整星辰金(2899)獲利預測。花旗這次目標價異動都不大,對星辰金的評等重申「賣出」。",
    )
    assert (f["company"], f["ticker"]) == ("星辰金", "2899.TW")


def test_two_brokers_acting_together_then_the_analyst_is_the_first_named() -> None:
    found = events(
        "Pellan Bio draws upgrades after trial data",
        "Morgan Stanley and Jefferies upgraded Pellan Bio (NASDAQ:PLBO) after the company reported trial data.\n"
        "The analyst upgrades the stock to Overweight from Equal Weight and raises the price target to $85 from $62.\n"
        "Jefferies upgraded PLBO to Hold from Underperform and increased the price target to $67 from $53.",
    )
    by_broker = {f["broker"]: f for f in found}
    assert (by_broker["Morgan Stanley"]["target"], by_broker["Jefferies"]["target"]) == (85, 67)


def test_shares_of_a_company_in_the_lead_name_the_call_on_the_stock() -> None:
    f = first(
        "Kestrel Motors down 7% in early trade",
        "Shares of Kestrel Motors declined 7%. Jefferies downgraded the stock to underperform from buy.",
    )
    assert (f["company"], rating_level(f["rating"])) == ("Kestrel Motors", "underperform")


def test_a_broker_heading_is_no_company() -> None:
    found = events(
        "Kestrel Motors down; brokerages cut targets",
        "Shares of Kestrel Motors fell.\nUBS\nBy giving a sell rating on the stock, the brokerage said the outlook "
        "looks ambitious. UBS set a target price of Rs 760.",
    )
    assert found and all(f["company"] == "Kestrel Motors" for f in found)


def test_a_milan_listing_names_the_company() -> None:
    f = first(
        "Orla Auto earnings miss: Deutsche Bank cuts rating from Buy to Hold",
        "The stock of Orla Auto NV (BIT:ORLA) fell 10%. Deutsche Bank analysts decided to cut the rating from Buy to "
        "Hold, with a target price of EUR 23, down from the previous EUR 35.",
    )
    assert (f["company"], f["target"], f["old_target"]) == ("Orla Auto", 23, 35)


def test_a_dated_report_by_a_securities_firm() -> None:
    f = first("山海证券10月28日发布研报称,给予星河酒业(600999.SH,最新价:74.63元)推荐评级,目标价格为88.05元。")
    assert (f["broker"], f["company"], f["target"]) == ("山海证券", "星河酒业", 88.05)


def test_from_a_per_share_figure_to_another() -> None:
    f = first("x", "Canaccord 分析師周一將目標價從每股 482 美元上調至 551 美元,並重申對星辰車的買進評級。")
    assert (f["target"], f["old_target"]) == (551, 482)


def test_a_sell_equivalent_headline_defers_to_the_leads_rating() -> None:
    f = first(
        "Orla Oil cut to sell-equivalent at RBC",
        "RBC downgrades Orla Oil to Underperform from Sector Perform with a $40 price target, cut from $55.",
    )
    assert rating_level(f["rating"]) == "underperform"


def test_a_markets_stocks_rated_down_is_no_company_call() -> None:
    assert (
        events(
            "花旗調升星辰股票投資評級",
            "花旗策略師將星辰的股票投資評級由「中立」上調至「加碼」,並將北辰大陸股票的投資評級由「加碼」下修至「中立」。",
        )
        == []
    )


def test_a_broker_that_downgrades_without_naming_the_stock_acts_on_the_company_in_view() -> None:
    f = first(
        "Orla -20% as analysts fret over outlook",
        "Orla Systems (NYSE:ORLA) is 20% lower premarket after its quarter. Kestrel Securities downgraded to Neutral "
        "and slashed its price target to $18 from $30.",
    )
    assert (f["broker"], f["company"], f["target"], f["old_target"]) == ("Kestrel Securities", "Orla Systems", 18, 30)


def test_an_industrys_rating_raised_is_no_company_call() -> None:
    assert events("富國銀行在其展望中,廣泛上調對半導體產業的評級,認為該產業仍具上行空間。") == []


def test_a_descriptor_before_the_company_is_not_part_of_its_name() -> None:
    f = first("大摩將面板大廠星達（2499）投資評等上調至「優於大盤」，並同步調升目標價至18元。")
    assert (f["company"], f["target"]) == ("星達", 18)


def test_spaces_around_a_latin_name_and_a_quoted_rating_in_chinese() -> None:
    f = first("摩根士丹利:将 Orla 目标价由 20 美元下调至 16 美元,维持 “减持” 评级")
    assert (f["company"], f["target"], f["old_target"], rating_level(f["rating"])) == ("Orla", 16, 20, "underperform")


def test_simultaneously_is_no_company() -> None:
    f = first(
        "星辰電重返百元 外資齊升目標價",
        "星辰電(2399)第2季獲利優於預期。麥格理證券出具最新報告,並同步調升目標價至130元,維持「優於大盤」評等。",
    )
    assert (f["company"], f["target"]) == ("星辰電", 130)


def test_a_capitalised_equities_firm_is_a_broker() -> None:
    f = first(
        'Harbor Equities downgraded Orla Motors stock to "neutral"', "Harbor Equities cut its price target to $40."
    )
    assert (f["broker"], f["company"]) == ("Harbor Equities", "Orla Motors")


def test_an_exchange_named_by_its_letters_is_no_company() -> None:
    found = events(
        "Shares of the country's second bourse operator, Orla Ltd, rose 3% to Rs 900 on the National Stock Exchange "
        "(NSE) after brokerage firm Jefferies upgraded its rating on the bourse and raised the target price to "
        "Rs 1,000 from Rs 800."
    )
    assert all(e.get("company") not in ("National", "NSE") for e in found)


def test_a_markets_banks_as_a_group_are_no_company() -> None:
    found = events(
        "「股票」大摩降港银评级至“谨慎”", "摩根士丹利发表报告,将香港银行业的评级下调至“谨慎”,亦下调多间港银的目标价。"
    )
    assert all(e.get("company") not in ("港银", "香港银行业") for e in found)


def test_a_close_in_brackets_after_the_target_is_not_the_target() -> None:
    f = first(
        "Top analyst calls",
        "Orla Steel Corp. (NYSE: ORS) was downgraded to Neutral from Outperform with a $12 price target (versus a "
        "$12.40 prior close) at Macquarie.",
    )
    assert (f["company"], f["target"], f["action"]) == ("Orla Steel Corp", 12, "downgrade")


def test_a_list_of_initiations_is_no_initiation_and_started_as_is_one() -> None:
    found = events(
        "Top Analyst Upgrades and Downgrades",
        "These are the top analyst upgrades, downgrades and initiations seen on Tuesday morning: Orla Steel Corp. "
        "(NYSE: ORS) was downgraded to Neutral from Outperform at Macquarie. Kestrel Corp. (NASDAQ: KSTL) was "
        "started as Outperform and assigned a $50 price target at Oppenheimer.",
    )
    actions = {(e["broker"], e["action"]) for e in found}
    assert actions == {("Macquarie", "downgrade"), ("Oppenheimer", "initiate")}


def test_a_covered_bank_that_is_also_a_broker_keeps_the_call_of_the_one_acting() -> None:
    f = first(
        "Bank of America upgrades Barclays",
        "Bank of America analyst Jane Roe upgraded Barclays (NYSE:BCS) to buy. Roe also increased her price target for "
        "Barclays stock from $10.20 to $12.40.",
    )
    assert (f["broker"], f["company"], f["target"], f["old_target"], rating_level(f["rating"])) == (
        "Bank of America",
        "Barclays",
        12.4,
        10.2,
        "buy",
    )


# ------------------------------------------------------------------------------------------------ fresh set 14


@pytest.mark.parametrize("verb", ["resumed at", "assumed at", "reinstated with a"])
def test_coverage_taken_up_again_is_a_call(verb: str) -> None:
    ev = first(f"Pfizer {verb} Buy at Jefferies")
    assert (ev["broker"], ev["company"], ev["rating"]) == ("Jefferies", "Pfizer", "Buy")


def test_the_highest_standing_target_is_no_call_of_that_broker() -> None:
    assert (
        events(
            "台股大漲 兩檔權值股貢獻過半",
            "外資對鴻海清一色給予「買進」評等,目標價則以高盛證券的400元為最高價。",
        )
        == []
    )


def test_index_targets_under_a_column_head_are_no_company_call() -> None:
    assert (
        events(
            "Street Cheer: S&P 500 Targets Revised Upward",
            "Brokerages Citigroup and UBS raised their year-end targets for the S&P 500 index. Citigroup revised its "
            "target to 6,700 from 6,400.",
        )
        == []
    )


def test_a_new_rating_after_to_a_new() -> None:
    ev = first(
        "Stifel upgrades Rhythmic Bio", "Stifel upgraded Rhythmic Bio (RYBO) to a new Buy with a $30 price target."
    )
    assert ev["rating"] == "Buy"


def test_a_top_pick_leads_the_calls_that_follow() -> None:
    evs = events(
        "瑞银发表医疗行业报告",
        "瑞银改列康瑞制药(01999.HK)为首选股,给予其「买入」评级及目标价41元。该行并上调多只股份目标价,将康安集团(01888.HK)"
        "目标价由10元上调至10.9元,并给予「中性」评级。",
    )
    assert [e["company"] for e in evs][:1] == ["康瑞制药"]


def test_a_rating_with_its_grade_letter() -> None:
    ev = first("和瑞制药(601999):现金流改善", "国投证券维持和瑞制药增持-A评级,12个月目标价为3.35元。")
    assert ev["rating"] == "增持" and ev["target"] == 3.35


def test_a_conviction_list_addition_with_a_target_reaches_the_extractor() -> None:
    engine = bundled_engine()
    item = Item(
        id="t",
        source="test",
        title="Goldman adds Harlow Motors to conviction buy list",
        summary="Goldman Sachs added Harlow Motors to its conviction buy list with a $450 target.",
    )
    (m,) = [m for m in engine.match(item) if m.rule.id == "analyst-rating-change"]
    assert (m.fields["broker"], m.fields["company"], m.fields["target"]) == ("Goldman Sachs", "Harlow Motors", 450)


def test_a_rating_moved_old_to_new_without_from() -> None:
    ev = first(
        "Harlow Bio shares double",
        "Wedbush upgraded Harlow Bio's stock rating Neutral to Outperform with a price target boosted from $2 to $7.",
    )
    assert (ev["rating"], ev.get("old_rating")) == ("Outperform", "Neutral")


def test_malaysian_neutral_rating() -> None:
    ev = first("麦格理上调顶级药业评级", "麦格理证券将顶级药业的评级从“落后大市”上调至“中和”,目标价上修至6元。")
    assert (ev["rating"], ev.get("old_rating"), ev["action"]) == ("中和", "落后大市", "upgrade")


def test_fbr_is_a_broker() -> None:
    ev = first(
        "Premarket analyst action - healthcare",
        "Harlow Bio (NASDAQ:HRLW) initiated with Buy rating and $61 (37% upside) price target by FBR & Co.",
    )
    assert ev["broker"].startswith("FBR & Co.") and ev["target"] == 61


# ------------------------------------------------------------------------------------------------ fresh set 18


def test_benchmark_acting_as_an_analyst_is_the_broker() -> None:
    ev = first(
        "Benchmark initiates Quorvex at Buy",
        'Benchmark initiated coverage on Quorvex Inc (NASDAQ:QRVX) with a "buy" rating and $75 price target.',
    )
    assert ("Benchmark" in ev["broker"], ev["company"], ev["target"], ev["action"]) == (True, "Quorvex", 75, "initiate")


def test_a_benchmark_index_is_no_broker() -> None:
    assert events("Harnell beats the benchmark", "The benchmark index rose 2% as Harnell met its price target.") == []


def test_a_company_slashed_to_hold_at_a_broker() -> None:
    ev = first("Harnell slashed to Hold at Loop Capital")
    assert (ev["broker"], ev["company"], ev["action"]) == ("Loop Capital", "Harnell", "downgrade")


def test_downgrades_at_listed_companies_name_no_firm() -> None:
    found = events(
        "3 big analyst cuts: Harnell and Quorvex",
        "Here is your recap of the biggest analyst cuts since yesterday: downgrades at Harnell and Quorvex. Wells "
        "Fargo downgraded Quorvex to Hold from Buy.",
    )
    assert [e["broker"] for e in found] == ["Wells Fargo"]


def test_a_name_before_a_ticker_stops_at_the_sentence_before() -> None:
    ev = first(
        "2 analyst cuts",
        "Today's cuts hit Harnell and Quorvex. Quorvex (NYSE:QRV) received two downgrades. Wells Fargo downgraded "
        "the company to Hold from Buy.",
    )
    assert (ev["company"], ev["ticker"]) == ("Quorvex", "QRV")


def test_a_broker_after_a_colon_acts() -> None:
    found = events(
        "2 Downgrades of Note",
        "Below are the details for each downgrade: BofA Securities downgraded Harnell to Neutral from Buy. Wells "
        "Fargo downgraded Quorvex to Hold from Buy.",
    )
    assert [(e["company"], e["rating"]) for e in found] == [("Harnell", "Neutral"), ("Quorvex", "Hold")]


def test_a_company_call_after_a_sector_headline() -> None:
    ev = first(
        "瑞银上调内房股目标价", "瑞银将内房股目标价平均上调8%,其中对康瑞置业(01234.HK)维持「买入」评级,目标价13元。"
    )
    assert (ev["company"], ev["rating"], ev["target"], ev["action"]) == ("康瑞置业", "买入", 13, "reiterate")


def test_a_broker_named_after_qizhong_is_not_part_of_the_company() -> None:
    ev = first(
        "康瑞電子站上千元 瑞穗喊目標價1200元",
        "康瑞電子近日股價走強,外資也持續調高目標價,其中瑞穗最新把康瑞電子目標價從950元上修到1200元。",
    )
    assert (ev["company"], ev["target"], ev["old_target"]) == ("康瑞電子", 1200, 950)


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        ("花旗", "花旗指出,康瑞電訊派息吸引,維持「買入」評級,目標價8.8元。"),
        ("瑞银:康瑞科技订单强劲", "瑞银指出,三季度订单强劲,维持“买入”评级,目标价上调至66元。"),
    ],
)
def test_a_call_on_the_company_a_brokers_words_open_with(title: str, summary: str) -> None:
    ev = first(title, summary)
    assert ev["company"] in ("康瑞電訊", "康瑞科技") and ev["rating"] in ("買入", "买入")


def test_a_sector_a_broker_speaks_of_is_no_company() -> None:
    assert events("瑞银:内银股估值吸引", "瑞银指出,内银股估值吸引,维持行业“增持”评级。") == []


def test_an_upgrade_of_the_oil_giant_is_on_the_company_that_moved_as_it_came() -> None:
    ev = first(
        "FTSE 100 movers",
        "London's FTSE 100 was down 0.7% at 7,632.56 on Monday. Pellman gushed higher as Jefferies upgraded shares of "
        "the oil giant to 'buy' from 'hold' and lifted the price target to 570p from 520p.",
    )
    assert (ev["company"], ev["target"], ev["old_target"]) == ("Pellman", 570, 520)


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        (
            "Macquarie's most upgraded (and downgraded!) ASX shares",
            "Analysts revised their numbers after earnings season.",
        ),
        (
            "Earnings season revisions",
            "Macquarie keeps a list of the most upgraded and downgraded ASX shares by consensus earnings.",
        ),
    ],
)
def test_an_exchanges_shares_are_a_group_not_the_exchange_company(title: str, summary: str) -> None:
    assert [e["company"] for e in events(title, summary)] == []


def test_an_index_named_with_its_city_is_no_company() -> None:
    found = events(
        "Movers", "London's FTSE 100 was down 0.7%. Jefferies upgraded the index heavyweight to buy with a 570p target."
    )
    assert [e["company"] for e in found if e.get("company")] == []


@pytest.mark.parametrize(
    ("summary", "broker"),
    [
        ("Harnell Bio (NASDAQ:HRNL) initiated with Buy rating and $5 price target by Laidlaw.", "Laidlaw & Company"),
        ("国投证券发布研报,维持康瑞医药“买入”评级,目标价45元。", "SDIC Securities"),
        ("玉山證券報告指出,維持康瑞電子「買進」評等,目標價120元。", "E.Sun Securities"),
    ],
)
def test_smaller_brokers_act(summary: str, broker: str) -> None:
    assert broker in first("Analyst action", summary)["broker"]


def test_a_company_that_got_a_brokers_target_in_a_statistics_digest() -> None:
    found = events(
        "佳禾信息目标价涨幅达52%",
        "券商评级概览:佳禾信息获得华创证券给出的最高目标价为336.00元,明澜电子获得中信证券给出的最高目标价为52.00元。",
    )
    assert [(e["company"], e["target"]) for e in found] == [("佳禾信息", 336), ("明澜电子", 52)]


def test_a_rating_closing_a_target_call() -> None:
    ev = first("国泰君安晨报", "1. 康瑞科技(300454):预计公司2020-22年EPS为2.08元,上调目标价至246.5元(+14.3%),增持。")
    assert (ev["rating"], ev["target"]) == ("增持", 246.5)


# ------------------------------------------------------------------------------------------------ fresh set 20


def test_a_broker_read_as_its_own_company_lends_its_figures_to_the_call_before() -> None:
    ev = first(
        'Pellman Securities Upgrades Quorvex Securities Target Price, Maintains "Buy" Rating',
        "On September 2, Pellman Securities upgraded its target price for Quorvex Securities. The investment firm "
        'maintained its "Buy" rating and increased the target price from 55,000 won to 60,000 won.',
    )
    assert (ev["broker"], ev["company"], ev["target"], ev["old_target"]) == (
        "Pellman Securities",
        "Quorvex Securities",
        60000,
        55000,
    )


def test_a_target_in_won_written_with_its_code() -> None:
    ev = first(
        "Pellman Securities raises Quorvex target",
        "Pellman Securities has raised the target price of Quorvex Motors to KRW 19,000.",
    )
    assert (ev["target"], ev["currency"]) == (19000, "KRW")


def test_a_securities_firm_after_target_price_of_is_the_company() -> None:
    ev = first(
        "Pellman Securities lowers its rating on Quorvex Securities",
        "Pellman Securities has raised the target price of Quorvex Securities to 19,000 won. However, the firm "
        'downgraded its rating from "Buy" to "Market Perform".',
    )
    assert (ev["broker"], ev["company"], ev["target"]) == ("Pellman Securities", "Quorvex Securities", 19000)


def test_hk_stocks_are_a_market() -> None:
    assert (
        events(
            "Nomura cuts recommendation on HK stocks as trade war escalates",
            "Japanese brokerage Nomura downgraded its recommendation on Hong Kong stocks on Monday.",
        )
        == []
    )


def test_one_company_named_among_a_sectors_raised_targets() -> None:
    ev = first(
        "大行看好 滙豐料今年港樓升7%",
        "滙豐指,將今年樓價預測增至預料上升7%;並同時調升多隻地產股的目標價,當中康瑞置業(083)的目標價更大升53%,至13.9元,"
        "評級亦升至「買入」。",
    )
    assert (ev["company"], ev["target"], ev["rating"]) == ("康瑞置業", 13.9, "買入")


def test_brokers_that_came_before_do_not_act() -> None:
    ev = first(
        "大行看好 滙豐料今年港樓升7%",
        "大行陸續上調今年本港樓市預測,繼摩根士丹利、花旗及美銀後,滙豐亦指,將今年樓價預測增至預料上升7%;並同時調升多隻地產股的"
        "目標價,當中康瑞置業(083)的目標價更大升53%,至13.9元。",
    )
    assert "HSBC" in ev["broker"]


def test_an_industry_alone_is_no_company() -> None:
    assert events("富國銀行上調半導體評級", "富國銀行上調對半導體產業的評級。") == []


def test_a_company_call_after_meanwhile_follows_a_sector_headline() -> None:
    ev = first(
        "富國銀行上調半導體評級",
        "富國銀行將康瑞微(KRW-US)列為首選股。同時,富國銀行也將博達(BODA-US)股票評級上調至加碼(Overweight),目標價430美元。",
    )
    assert (ev["company"], ev["rating"], ev["target"]) == ("博達", "加碼", 430)


@pytest.mark.parametrize(
    ("rating", "level"), [("增加持股", "outperform"), ("減少持股", "underperform"), ("逢低買進", "buy")]
)
def test_taiwanese_brokers_rating_words(rating: str, level: str) -> None:
    ev = first(
        "凱基投顧:佳禾電子目標價調整至580元",
        f"凱基投顧最新報告指出,佳禾電子(2345)第三季營收創新高,給予「{rating}」評等,目標價由520元調整至580元。",
    )
    assert ev["rating"] == rating and rating_level(ev["rating"]) == level


def test_the_company_after_the_targets_figure() -> None:
    ev = first(
        "Pellman sees 30% upside in Harnell",
        "Barclays has a price target of $40 on Harnell Inc., implying 30% upside from current levels, and rates the "
        "stock overweight.",
    )
    assert (ev["broker"], ev["company"], ev["target"]) == ("Barclays", "Harnell Inc", 40)


def test_a_target_cut_by_an_amount_then_to_the_new_one() -> None:
    ev = first(
        "佳禾科技再遭降級",
        "摩根大通周四將佳禾科技股份評級由「增持」下調至「中性」,目標價削減15美元,至205美元。",
    )
    assert (ev["company"], ev["target"], ev["old_target"]) == ("佳禾科技", 205, 220)


def test_the_firm_acting_again_is_the_broker_named_before() -> None:
    evs = events(
        "Harnell (NASDAQ:HRNL) is up 1% after Morgan Stanley raised its price target",
        "Harnell (NASDAQ:HRNL) is up 1% after Morgan Stanley raised its price target to a Street high. The firm boosted "
        "its target to $289 from $247, pointing to growth coming from Harnell Pay.",
    )
    assert [(e["broker"], e.get("target")) for e in evs] == [("Morgan Stanley", 289)]


def test_a_target_moved_before_the_broker_is_named_gives_the_old_target() -> None:
    ev = first(
        "Why Harnell Stock Jumped as Much as 6.2% on Tuesday Morning",
        "Shares of Harnell (NASDAQ: HRNL) jumped on Tuesday morning. The gain was fueled by an analyst's decision to "
        "boost his 12-month price target on the shares from $939 to $2,322.\n\n…\n\nIt's not surprising to see Harnell "
        "shares rising following this bullish outlook from Piper Sandler analyst Jane Roe; a $2,322 price target "
        "represents a 50% gain over the next 12 months.",
    )
    assert (ev["broker"], ev["target"], ev["old_target"]) == ("Piper Sandler", 2322, 939)


def test_the_company_a_headline_names_among_the_days_movers() -> None:
    ev = first(
        "Harnell among top gainers on the CAC as Bernstein raises price target",
        "Around 10:30 am, the stock was up 1.5% while the CAC 40 was advancing 0.5%.\n\n…\n\nIn this context, the "
        "research firm has raised its price target from 240 to 250 euros while maintaining its 'underperform' rating "
        "on the stock.",
    )
    assert (ev["broker"], ev["company"], ev["target"], ev["old_target"]) == ("Bernstein", "Harnell", 250, 240)


def test_a_headline_question_is_no_firm() -> None:
    assert all(
        not e["broker"].startswith("Why")
        for e in events(
            "Why Harnell Real Estate Equities Was Diving This Week",
            "A disappointing quarterly earnings report and an analyst's recommendation downgrade combined to put the "
            "hurt on Harnell Real Estate Equities (HRE +1.17%) stock over the past few trading days.\n…\nSo it hardly "
            "bolstered the buy case for Harnell stock when, on Wednesday, a pundit made that recommendation downgrade.",
        )
    )


def test_zh_an_adverb_and_its_de_before_the_company_are_no_name() -> None:
    ev = first(
        "將「染藍」兼獲匯豐升目標價佳禾集團(00992.HK)曾漲逾一成 惟康瑞(09633.HK)倒跌2%",
        "下月7日起將正式再度「染藍」的佳禾集團(00992.HK)獲匯豐研究升目標價5.9%至12.6元及重申「買入」評級。",
    )
    assert (ev["company"], ev["target"]) == ("佳禾集團", 12.6)


def test_a_sectors_downgrade_is_no_company_call() -> None:
    assert (
        events(
            "Wells Fargo downgrades Utilities to neutral after YTD rally",
            "Wells Fargo analysts have downgraded the Utilities sector from Overweight to Neutral on Thursday, following "
            "a strong rally. Analysts had previously upgraded Utilities in late 2023, when sentiment was negative.",
        )
        == []
    )


def test_ringgit_and_sen_are_one_price() -> None:
    ev = first(
        "麦格理上调佳禾手套评级至中和",
        "原本唱淡佳禾手套(7113)的麦格理证券,如今将评级从“落后大市”上调至“中和”,目标价则从5令吉40仙上修至5令吉80仙。",
    )
    assert (ev["target"], ev["old_target"], ev["currency"]) == (5.8, 5.4, "MYR")


def test_zh_the_big_houses_cutting_targets_are_no_company() -> None:
    evs = events(
        "異動股 ｜ 開市後佳禾跌幅急擴至5%，績後大行紛紛下調目標花旗大削兩成",
        "佳禾(01810)現價跌5.2%。然而績後大行紛紛下調目標價,其中花旗報告提到,佳禾整體業績超出預期,該行將佳禾目標價由65元"
        "大降超過兩成至50元,評級維持「買入」。",
    )
    assert [(e["company"], e.get("target")) for e in evs] == [("佳禾", 50)]


def test_a_brokerage_whose_shares_jump_after_another_broker_acts_is_the_company() -> None:
    e = first(
        "Jefferies Financial jumps 6% after Morgan Stanley raises target price",
        "Shares of the investment bank rose after brokerage Morgan Stanley raised its target price on the stock to "
        "$62 from $55 while keeping an overweight rating.",
    )
    assert (e["broker"], e["company"], e["target"]) == ("Morgan Stanley", "Jefferies Financial", 62)


def test_zh_outperform_the_market_written_with_dapan_is_a_rating() -> None:
    e = first("瑞银维持佳禾矿业跑赢大盘评级", "瑞银发表报告,维持佳禾矿业(01234)跑赢大盘评级,目标价12港元。")
    assert (e["company"], e["rating"], e["target"]) == ("佳禾矿业", "跑赢大盘", 12)


def test_zh_a_company_named_for_gold_is_no_commodity() -> None:
    e = first("花旗维持宏澜黄金买入评级", "花旗发表报告,维持宏澜黄金(01888)买入评级,目标价25港元。")
    assert (e["company"], e["target"]) == ("宏澜黄金", 25)


def test_zh_a_target_written_before_de_and_the_target_word() -> None:
    e = first("瑞银维持佳禾矿业买入评级", "瑞银维持佳禾矿业买入评级,并给予19.8港元的目标价。")
    assert (e["company"], e["target"]) == ("佳禾矿业", 19.8)


def test_zh_maintained_le_dui_names_the_company_after_it() -> None:
    e = first("瑞银维持了对佳禾矿业的买入评级", "瑞银维持了对佳禾矿业的买入评级,目标价12港元。")
    assert (e["company"], e["target"]) == ("佳禾矿业", 12)


def test_a_tally_of_analysts_ratings_is_no_call() -> None:
    assert (
        events(
            "Kotak Mahindra Bank Shares Drop Even As Quarterly Profit Tops Forecasts",
            "Shares of Kotak Mahindra slid 2.1% to Rs 1,880 in early trade, against a 0.2% dip in the Nifty 50. The "
            "stock fell as much as 3% during the session, its steepest drop since June 1. It is up about 4% so far this "
            "year. Of the 38 analysts who cover the lender, 21 maintain a 'buy' rating, 12 recommend a 'hold' and five "
            "suggest a 'sell', Bloomberg data show. The mean 12-month target implies upside of 11%.",
        )
        == []
    )


def test_a_target_written_with_yen_before_the_figure() -> None:
    e = first(
        "Nomura analyst keeps Buy on Shionogi",
        "Nomura maintained a Buy rating on Shionogi and set a price target of Yen7,400.00.",
    )
    assert (e["target"], e["currency"]) == (7400, "JPY")


def test_zh_a_brokerage_whose_target_another_broker_cuts_is_the_company() -> None:
    e = first("瑞银下调券商股目标价", "瑞银将中信证券目标价由21港元下调至18.5港元,维持买入评级。")
    assert (e["broker"].split(" ")[0], e["company"], e["target"]) == ("瑞银", "中信证券", 18.5)


def test_zh_the_name_a_broker_prefers_within_its_coverage_starts_after_the_verb() -> None:
    e = first("瑞银看好内地保险股", "瑞银指出,覆盖范围中更偏好佳禾保险(01234.HK)并维持其买入评级,目标价12港元。")
    assert e["company"] == "佳禾保险"


def test_citic_sec_as_hong_kong_wires_write_it_is_the_broker() -> None:
    e = first('CITIC SEC: Maintains "Buy" rating on Tencent (00700) with a target price of HK$520.')
    assert (e["broker"], e["target"]) == ("CITIC Securities", 520)


def test_zh_xue_cut_before_a_name_is_the_verb_not_part_of_it() -> None:
    e = first("瑞银削佳禾矿业目标价至12港元", "瑞银发表报告,削佳禾矿业目标价至12港元,维持买入评级。")
    assert e["company"] == "佳禾矿业"


def test_zh_a_heavy_cut_to_many_stocks_targets_is_no_single_call() -> None:
    title = "摩通(美:JPM)早前发表报告称,中国科网股「不宜投资」,并大削多只股份的目标价,引起市场关注。"
    assert events(title, title + "有消息指该行其后收回部分评级。") == []


def test_headline_subject_said_by_the_broker_is_the_company() -> None:
    e = first(
        "Quorvex still has room to climb, says Citi",
        'Citi raised its price target from $80 to $103 and upgraded the stock to "Buy" from "Neutral".',
    )
    assert (e["company"], e["broker"], e["target"], e["old_target"]) == ("Quorvex", "Citi", 103, 80)


def test_headline_subject_said_by_the_broker_is_no_company_when_generic() -> None:
    assert (
        events(
            "Markets still have room to climb, says Citi",
            'Citi raised its price target from $80 to $103 and upgraded the stock to "Buy" from "Neutral".',
        )
        == []
    )


def test_a_broker_written_short_in_the_headline_and_in_full_in_the_lead_is_one_call() -> None:
    found = events(
        "Quorvex Bio downgraded at Wainwright on strategy shift",
        "Quorvex Bio (QRVX) extends losses after H.C. Wainwright piles on with a fresh downgrade to Neutral from Buy, "
        "citing the company's restructuring.",
    )
    assert [(e["broker"], e.get("rating")) for e in found] == [("H.C. Wainwright", "Neutral")]


def test_the_broker_written_short_in_the_headline_is_not_the_company() -> None:
    e = first(
        "Quorvex Bio cut at Wainwright after pipeline reset",
        "Quorvex Bio (QRVX) slid again after H.C. Wainwright downgraded the shares to Neutral from Buy.",
    )
    assert (e["company"], e["broker"]) == ("Quorvex Bio", "H.C. Wainwright")


def test_a_target_in_korean_won_keeps_its_currency_over_the_dollar_conversion() -> None:
    f = first(
        "Veltra Electronics could climb 40%, says Daiwa",
        "Jin Park, analyst at Daiwa Capital Markets, raised his 12-month price target on Veltra Electronics to "
        "92,000 Korean won ($64.10) from 88,000 Korean won.",
    )
    assert (f["target"], f["old_target"], f["currency"]) == (92000, 88000, "KRW")


def test_a_dollar_conversion_in_brackets_is_not_the_old_target() -> None:
    f = first(
        "Nomura lifts its Quorvex target",
        "On Friday, Nomura upped its price target for Quorvex's stock to 9,000 Japanese yen ($61.20), a rise of "
        "more than 20 percent from Monday's open.",
    )
    assert (f["target"], f["currency"], f.get("old_target")) == (9000, "JPY", None)


def test_research_alert_maintains_opinion_on_shares_of_a_company() -> None:
    f = first(
        "Research Alert: CFRA Keeps Hold Opinion On Shares Of Quorvex Inc.",
        "Analysts at CFRA have summarized their opinion as follows: We lower our 12-month target to $41 from $45.",
    )
    assert (f["broker"], f["company"], f["target"], f["old_target"]) == ("CFRA", "Quorvex Inc", 41, 45)
    assert rating_level(f["rating"]) == "hold"


def test_zh_the_company_the_sentence_favours_before_the_broker_call() -> None:
    f = first(
        "外資圈看宏澜電 滙豐上調目標價",
        "外資圈持續看好宏澜電，滙豐證券將目標價由1305元上調至1800元，維持買進評級。",
    )
    assert (f["company"], f["target"], f["old_target"]) == ("宏澜電", 1800, 1305)


def test_a_consensus_piece_is_not_a_call_even_when_it_lists_one_later() -> None:
    assert not events(
        'Quorvex Corp (NYSE:QRV) Given Average Recommendation of "Moderate Buy" by Brokerages',
        'Quorvex Corp has received a consensus recommendation of "Moderate Buy" from the eighteen ratings firms '
        "covering the firm. Several analysts have weighed in on QRV. Morgan Stanley raised their price target on "
        "Quorvex from $55.00 to $60.00 in a note on Monday.",
    )


def test_a_named_call_in_the_headline_stands_beside_the_consensus_in_its_lead() -> None:
    f = first(
        "Morgan Stanley Raises Quorvex (NYSE:QRV) Price Target to $60.00",
        "Morgan Stanley raised their price target on Quorvex from $55.00 to $60.00. The stock has a consensus rating "
        'of "Moderate Buy" and an average price target of $62.40.',
    )
    assert (f["broker"], f["target"], f["old_target"]) == ("Morgan Stanley", 60, 55)


def test_zh_old_target_then_lowered_to_without_you() -> None:
    f = first("高盛微降宏澜目标维持买入评级", "高盛 宏澜(00388) 评级:买入 目标价:295元降至292元")
    assert (f["target"], f["old_target"]) == (292, 295)


def test_zh_the_twelve_month_horizon_is_not_part_of_the_name() -> None:
    f = first(
        "高盛将宏澜酒业12个月目标价上调18%至881元人民币",
        "高盛将宏澜酒业12个月目标价上调18%至881元人民币,维持买入评级。",
    )
    assert (f["company"], f["target"]) == ("宏澜酒业", 881)


def test_zh_the_second_raise_this_month_is_not_a_company() -> None:
    found = events(
        "高盛将宏澜酒业目标价上调至881元人民币",
        "高盛将宏澜酒业目标价上调18%至881元人民币,维持买入评级。这也是高盛本月第二次上调目标价。",
    )
    assert [e["company"] for e in found] == ["宏澜酒业"]


def test_zh_a_price_called_out_is_not_a_company() -> None:
    found = events(
        "机构重估康瑞:美银喊到235美元",
        "花旗、高盛、美银先后发布研究报告,都宣布维持康瑞的「买入」投资评级。三家机构中美银最大胆,喊出了235美元的目标价。",
    )
    assert found and all("235" not in str(e.get("company")) for e in found)


def test_zh_an_outperform_rating_is_no_index_before_the_target() -> None:
    f = first("宏澜目標價", "大摩上調宏澜獲利預期,給予「優於大盤」評級、目標價317元。")
    assert (f["broker"], f["target"]) == ("大摩 (Morgan Stanley)", 317)


def test_a_target_kept_while_the_rating_moves_is_its_own_old_target() -> None:
    f = first(
        "Kepler downgrades Quorvex to Reduce",
        "Investing.com - Kepler Cheuvreux downgraded Quorvex SpA (BIT:QRV) from Hold to Reduce while maintaining its "
        "price target of EUR2.50.",
    )
    assert (f["target"], f["old_target"], f["action"]) == (2.5, 2.5, "downgrade")


def test_a_target_written_as_unchanged_after_it() -> None:
    f = first(
        "Quorvex downgraded to Underperform at Mizuho",
        "Quorvex slipped after being downgraded from neutral to underperform by Mizuho. The $15 price target was "
        "maintained.",
    )
    assert (f["target"], f["old_target"]) == (15, 15)


def test_a_target_in_the_wires_euro_e310() -> None:
    f = first("Quorvex: RBC cuts target", "RBC cut its price target on Quorvex to E290 from E310.")
    assert (f["target"], f["old_target"], f["currency"]) == (290, 310, "EUR")


def test_a_hong_kong_share_class_mark_before_the_code_leaves_the_name() -> None:
    f = first("康瑞眼科-B(06622)午后拉升 获高盛首予“买入”评级", "康瑞眼科午后拉升逾7%。")
    assert f["company"] == "康瑞眼科" and f["broker"].startswith("高盛") and f["action"] == "initiate"


def test_brokers_written_side_by_side_act_together_the_first_named_leads() -> None:
    f = first("佳禾医药(01234)午后拉升 获高盛富瑞首予“买入”评级", "佳禾医药午后拉升逾7%。")
    assert f["broker"].startswith("高盛") and f["company"] == "佳禾医药" and f["rating"] == "买入"


def test_a_wire_that_wraps_its_lines_mid_sentence_reads_as_one_sentence() -> None:
    engine = bundled_engine()
    line = (
        'Macquarie lowered the target price for Harlow Retail\n(09988) to HKD212.7 from HKD228.2 and kept "outperform".'
    )
    item = Item(id="t", source="test", title=line, summary=line + "\nThe research house said margins stay thin.")
    (m,) = [m for m in engine.match(item) if m.rule.id == "analyst-rating-change"]
    assert (m.fields["company"], m.fields["target"], m.fields["old_target"]) == ("Harlow Retail", 212.7, 228.2)


def test_the_company_whose_results_the_broker_reviews_is_the_one_it_rates() -> None:
    f = first("中信证券点评康瑞半年报表示,维持目标价3000元,维持“买入”评级。", "中信证券点评康瑞半年报。")
    assert (f["broker"].startswith("中信证券"), f["company"], f["target"]) == (True, "康瑞", 3000)


def test_a_one_year_horizon_before_the_target_word_is_no_company() -> None:
    f = first(
        "中信证券今日点评康瑞半年报表示,公司营收符合预期。",
        "中信证券今日点评康瑞半年报表示,公司营收符合预期。维持1年期目标价3000元,维持“买入”评级。",
    )
    assert (f["company"], f["target"], f["old_target"], f["action"]) == ("康瑞", 3000, 3000, "reiterate")


def test_a_broker_with_its_short_name_in_brackets_then_another_act_together() -> None:
    f = first(
        "宏澜电(2317)第2季获利优于预期,股价收涨3.7%至207元。",
        "宏澜电(2317)股价收涨3.7%至207元。摩根士丹利(大摩)、与麦格理证券纷纷出具最新报告,并同步调升目标价,"
        "分别上修至250元、270元,皆维持「优于大盘」评等。",
    )
    assert f["broker"].startswith("摩根士丹利") and f["target"] == 250


def test_a_company_listed_twice_in_one_bracket() -> None:
    f = first(
        "Investment bank Morgan Stanley has lowered its recommendation for Harlow Pharmaceutical Industries Ltd. "
        '(NYSE: HRLW; TASE: HRLW) share from "Market outperform" to "Market perform," with a target price of $17.',
        "The shares fell.",
    )
    assert (f["company"], f["ticker"], f["target"]) == ("Harlow Pharmaceutical Industries", "HRLW", 17)


def test_a_price_then_the_next_sentence_is_no_company() -> None:
    assert all(
        not str(e.get("company", "")).startswith("17")
        for e in events(
            "Morgan Stanley cut its rating on the stock to Hold, with a target price of $17.", "The shares fell."
        )
    )
