"""`mortgage_print` grammar: one behaviour per test, on sentences written for these tests (in the phrasing
families of wire services, central-bank releases and Chinese-language outlets, but not copied from them)."""

from __future__ import annotations

from typing import Any

import pytest

from collectors.item import Item
from rules.extract import Document
from rules.extract.mortgage_print import extract_mortgage_print
from tests.bundled_rules import bundled_engine


def prints(title: str, summary: str = "", published: str | None = "2026-03-12T09:00:00Z") -> list[dict[str, Any]]:
    out = extract_mortgage_print(
        Document(Item(id="t", source="test", title=title, summary=summary, published=published))
    )
    if out is None:
        return []
    return out if isinstance(out, list) else [out]


def by_indicator(events: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["indicator"]: e for e in events}


# -- Freddie Mac PMMS --------------------------------------------------------------------------------------


def test_pmms_30_year_average_with_prior_a_week_earlier() -> None:
    (e,) = prints(
        "Freddie Mac: the 30-year fixed-rate mortgage averaged 6.31% this week, down from 6.40% a week earlier"
    )
    assert (e["indicator"], e["value"], e["prior"], e["unit"]) == ("us_30y_mortgage_rate", 6.31, 6.40, "percent")


def test_pmms_15_year_is_its_own_event() -> None:
    ev = by_indicator(
        prints(
            "Mortgage rates ease",
            "The 30-year fixed rate averaged 6.22%, Freddie Mac said. The 15-year fixed rate averaged 5.52%, "
            "compared with 5.60% last week.",
        )
    )
    assert ev["us_15y_mortgage_rate"]["value"] == 5.52 and ev["us_15y_mortgage_rate"]["prior"] == 5.60


def test_pmms_change_before_the_level_is_not_the_value() -> None:
    (e,) = prints("The 30-year fixed rate fell 0.12% to an average of 6.18%, Freddie Mac said on Thursday")
    assert e["value"] == 6.18


def test_pmms_from_x_to_y_gives_value_and_prior() -> None:
    (e,) = prints("The average 30-year rate climbed from last week's 6.05% to 6.14%, according to Freddie Mac")
    assert (e["value"], e["prior"]) == (6.14, 6.05)


def test_pmms_year_ago_rate_is_not_the_prior() -> None:
    (e,) = prints("Freddie Mac said the 30-year mortgage rate averaged 6.2% this week. A year ago it averaged 6.9%.")
    assert e["value"] == 6.2 and "prior" not in e


def test_pmms_period_is_the_thursday_of_the_published_week() -> None:
    (e,) = prints("Freddie Mac: 30-year mortgage rate averages 6.09%", published="2026-02-13T15:00:00Z")
    assert e["period"] == "2026-02-12"


def test_pmms_stated_week_wins_over_published_date() -> None:
    (e,) = prints("The 30-year fixed-rate mortgage averaged 6.44% as of October 17, 2024, Freddie Mac said")
    assert e["period"] == "2024-10-17"


def test_pmms_simplified_chinese_with_previous_week() -> None:
    (e,) = prints("房地美周四公布，美国30年期固定抵押贷款平均利率为6.25%，前一周为6.31%。")
    assert (e["indicator"], e["value"], e["prior"]) == ("us_30y_mortgage_rate", 6.25, 6.31)


def test_pmms_traditional_chinese_15_year() -> None:
    ev = by_indicator(
        prints("房地美公布，美國30年期固定房貸平均利率為6.2%；15年期固定房貸平均利率降至5.48%，前一週為5.55%。")
    )
    assert ev["us_15y_mortgage_rate"]["value"] == 5.48 and ev["us_15y_mortgage_rate"]["prior"] == 5.55


def test_a_lenders_own_rate_is_not_a_print() -> None:
    assert prints("Chase lowers its 30-year fixed mortgage rate to 5.99% for new buyers") == []


def test_a_rate_forecast_is_not_a_print() -> None:
    assert prints("Economists forecast the 30-year mortgage rate will average 6.1% next year") == []


# -- MBA weekly survey ---------------------------------------------------------------------------------------


def test_mba_applications_fell_is_negative_with_week_ending_period() -> None:
    (e,) = prints(
        "Mortgage applications fell 2.3% in the week ending March 6, 2026, the Mortgage Bankers Association said"
    )
    assert (e["indicator"], e["value"], e["unit"], e["period"]) == (
        "mba_applications_index",
        -2.3,
        "pct_change",
        "2026-03-06",
    )


def test_mba_refinance_and_purchase_indices() -> None:
    ev = by_indicator(
        prints(
            "MBA: the Refinance Index rose 7% and the seasonally adjusted Purchase Index decreased 1.5% from a week earlier"
        )
    )
    assert ev["mba_refinance_index"]["value"] == 7 and ev["mba_purchase_index"]["value"] == -1.5


def test_mba_unadjusted_change_is_skipped() -> None:
    (e,) = prints(
        "MBA weekly survey",
        "The Market Composite Index increased 1.2 percent on a seasonally adjusted basis from one week earlier. "
        "On an unadjusted basis, the Market Composite Index was up 9 percent.",
    )
    assert e["value"] == 1.2


def test_mba_contract_rate_with_prior() -> None:
    (e,) = prints(
        "The average contract interest rate for 30-year fixed-rate mortgages rose to 6.42% from 6.37%, MBA said"
    )
    assert (e["indicator"], e["value"], e["prior"]) == ("mba_30y_contract_rate", 6.42, 6.37)


def test_mba_simplified_chinese_week_ending() -> None:
    (e,) = prints(
        "美国抵押贷款银行家协会（MBA）公布，截至2月27日当周，MBA抵押贷款申请活动指数下降5.1%。",
        published="2026-03-05T00:00:00Z",
    )
    assert (e["value"], e["period"]) == (-5.1, "2026-02-27")


def test_mba_hong_kong_wording() -> None:
    ev = by_indicator(
        prints("美國上周按揭貸款申請增加，按揭市場指數上升2.7%，轉按指數上升6.2%。美國按揭貸款銀行協會公布。")
    )
    assert ev["mba_applications_index"]["value"] == 2.7 and ev["mba_refinance_index"]["value"] == 6.2


def test_mba_versus_prior_shorthand() -> None:
    (e,) = prints("US MBA mortgage applications w.e. 6 March -1.4% vs +2.8% prior")
    assert (e["value"], e["prior"]) == (-1.4, 2.8)


def test_mba_period_from_the_published_wednesday() -> None:
    (e,) = prints("Mortgage applications rose 3.1% last week, MBA says", published="2026-03-11T11:00:00Z")
    assert e["period"] == "2026-03-06"


# -- delinquency -------------------------------------------------------------------------------------------


def test_nds_delinquency_rate_with_quarter_and_prior() -> None:
    (e,) = prints(
        "The delinquency rate for mortgage loans on one-to-four-unit residential properties rose to a seasonally "
        "adjusted 4.02% at the end of the third quarter of 2025, up from 3.93% in the second quarter, according "
        "to MBA's National Delinquency Survey."
    )
    assert (e["indicator"], e["value"], e["prior"], e["period"]) == ("mba_delinquency_rate", 4.02, 3.93, "2025-Q3")


def test_hkma_delinquency_ratio_from_previous_month() -> None:
    (e,) = prints("金管局公布住宅按揭统计调查结果，按揭贷款拖欠比率由上月的0.11%升至0.12%。")
    assert (e["indicator"], e["value"], e["prior"]) == ("hk_mortgage_delinquency_ratio", 0.12, 0.11)


# -- PBOC ----------------------------------------------------------------------------------------------------


def test_pboc_household_total_short_and_mlt_with_signs() -> None:
    ev = by_indicator(
        prints("人民银行数据显示，2026年2月份住户贷款减少3200亿元，其中，短期贷款减少4100亿元，中长期贷款增加900亿元。")
    )
    assert ev["pboc_household_loans"]["value"] == -3200 and ev["pboc_household_loans"]["unit"] == "亿元"
    assert ev["pboc_household_short_loans"]["value"] == -4100
    assert ev["pboc_household_mlt_loans"]["value"] == 900
    assert ev["pboc_household_mlt_loans"]["period"] == "2026-02"


def test_pboc_corporate_short_and_mlt_loans_are_not_household() -> None:
    ev = by_indicator(
        prints(
            "2月份住户贷款增加500亿元。企（事）业单位贷款增加2.1万亿元，其中，短期贷款增加8000亿元，中长期贷款增加1.3万亿元。"
        )
    )
    assert "pboc_household_short_loans" not in ev and "pboc_household_mlt_loans" not in ev


def test_pboc_year_to_date_and_single_month_are_two_events() -> None:
    events = [
        e
        for e in prints("前2个月人民币贷款增加6.1万亿元。2月份人民币贷款增加1.4万亿元。")
        if e["indicator"] == "pboc_new_rmb_loans"
    ]
    assert {(e["period"], e["value"]) for e in events} == {
        ("2026-01/2026-02", 6.1),
        ("2026-02", 1.4),
    }


def test_pboc_household_loans_name_their_own_context() -> None:
    (e,) = prints("8月住户贷款减少489亿元")
    assert (e["indicator"], e["value"], e["unit"]) == ("pboc_household_loans", -489, "亿元")


def test_pboc_first_half_span() -> None:
    (e,) = prints("央行：2025年上半年住户贷款增加2100亿元")
    assert e["period"] == "2025-01/2025-06"


def test_pboc_rmb_balance_over_the_local_and_foreign_currency_twin() -> None:
    (e,) = prints("2月末，本外币贷款余额268.9万亿元，同比增长6.2%。月末人民币贷款余额265.3万亿元，同比增长6.3%。")
    assert (e["indicator"], e["value"]) == ("pboc_rmb_loan_balance", 265.3)


def test_tsf_increment_and_not_the_year_on_year_difference() -> None:
    (e,) = prints("初步统计，2026年2月社会融资规模增量为2.2万亿元，比上年同期多3000亿元。")
    assert (e["indicator"], e["value"], e["period"]) == ("pboc_tsf_flow", 2.2, "2026-02")
    assert "prior" not in e


def test_tsf_stock() -> None:
    (e,) = prints("2月末社会融资规模存量为430.5万亿元，同比增长8.1%。")
    assert (e["indicator"], e["value"]) == ("pboc_tsf_stock", 430.5)


def test_english_new_loans_written_before_the_name_with_prior() -> None:
    (e,) = prints(
        "China's banks extended 1.12 trillion yuan ($156 billion) in new yuan loans in February, up from 510 "
        "billion yuan in January, central bank data showed."
    )
    # the prior is given in the value's unit: 510 billion = 0.51 trillion
    assert (e["indicator"], e["value"], e["prior"], e["unit"], e["period"]) == (
        "pboc_new_rmb_loans",
        1.12,
        0.51,
        "trillion CNY",
        "2026-02",
    )


def test_english_medium_and_long_term_household_loans_fell() -> None:
    (e,) = prints(
        "Medium- and long-term loans to households, a proxy for mortgages, fell by 82 billion yuan in February"
    )
    assert (e["indicator"], e["value"]) == ("pboc_household_mlt_loans", -82)


def test_traditional_chinese_zhao_unit_and_first_two_months() -> None:
    (e,) = prints("人行公布，今年首兩個月人民幣貸款增加6.14兆元。")
    assert (e["value"], e["period"]) == (6.14, "2026-01/2026-02")


def test_loan_allocation_report_mortgage_balance_at_year_end() -> None:
    (e,) = prints("人民银行发布的贷款投向统计报告显示，2025年末个人住房贷款余额37.01万亿元，同比下降1.2%。")
    assert (e["indicator"], e["value"], e["period"]) == ("cn_mortgage_balance", 37.01, "2025-12")


def test_contraction_with_the_prior_written_as_a_decline() -> None:
    (e,) = prints(
        "Household loans, mostly mortgages, contracted by 207 billion yuan in November after a 369 billion yuan "
        "decline in October, PBOC data showed"
    )
    assert (e["indicator"], e["value"], e["prior"]) == ("pboc_household_loans", -207, -369)


def test_a_prior_despite_a_missed_forecast_in_the_same_sentence() -> None:
    (e,) = prints(
        "China's new yuan loans fell to 620 billion yuan in February, falling short of analysts' forecasts and "
        "down from 1.3 trillion yuan in January"
    )
    assert (e["value"], e["prior"], e["unit"]) == (620, 1300, "billion CNY")


def test_a_reuters_style_poll_preview_is_not_a_print() -> None:
    assert prints("China's new yuan loans likely rebounded to 1.2 trillion yuan in March, a Reuters poll showed") == []


def test_a_credit_preview_is_not_a_print() -> None:
    assert prints("市场预计2月新增人民币贷款约1.3万亿元，社融增量或达2万亿元") == []


def test_last_month_resolves_from_the_published_date() -> None:
    (e,) = prints("China's new yuan loans rose to 1.2 trillion yuan last month, PBOC data showed")
    assert e["period"] == "2026-02"


# -- LPR -----------------------------------------------------------------------------------------------------


def test_lpr_hold_gives_one_event_per_tenor_five_year_first() -> None:
    events = prints("China kept its one-year loan prime rate unchanged at 3.0% and the five-year LPR at 3.5% on Friday")
    assert [e["indicator"] for e in events] == ["lpr_5y", "lpr_1y"]
    assert events[0]["value"] == 3.5 and events[0]["prior"] == 3.5 and events[0]["benchmark"] == "mortgage"
    assert events[1]["value"] == 3.0


def test_lpr_cut_with_prior() -> None:
    (e,) = prints("China cut the five-year loan prime rate by 10 basis points to 3.4% from 3.5%")
    assert (e["indicator"], e["value"], e["prior"]) == ("lpr_5y", 3.4, 3.5)


def test_lpr_respectively_in_chinese() -> None:
    ev = by_indicator(prints("2月LPR报价出炉：1年期和5年期以上LPR分别为3%和3.5%，均与上月持平。"))
    assert ev["lpr_1y"]["value"] == 3 and ev["lpr_5y"]["value"] == 3.5


def test_lpr_hong_kong_li_unit_and_holding_still() -> None:
    ev = by_indicator(prints("人民銀行宣布，一年期LPR維持3厘，五年期以上LPR維持3.5厘，連續多月按兵不動。"))
    assert ev["lpr_5y"]["value"] == 3.5 and ev["lpr_5y"]["prior"] == 3.5


def test_lpr_each_tenor_in_its_own_clause() -> None:
    ev = by_indicator(
        prints(
            "China held its lending benchmarks",
            "The one-year loan prime rate was kept at 3.1%, and the five-year LPR was unchanged at 3.6%.",
        )
    )
    assert ev["lpr_1y"]["value"] == 3.1 and ev["lpr_5y"]["value"] == 3.6 and ev["lpr_5y"]["prior"] == 3.6


def test_lpr_expectation_in_chinese_is_not_a_print() -> None:
    assert prints("市场普遍预期本月5年期以上LPR将保持在3.5%不变") == []


def test_lpr_based_product_pricing_is_not_a_print() -> None:
    assert prints("多地首套房贷利率下限调整为不低于5年期以上LPR减20个基点") == []


def test_lpr_expectation_is_not_a_print() -> None:
    assert prints("Analysts expect China to keep the five-year LPR at 3.5% on Monday") == []


# -- Bank of England and UK Finance --------------------------------------------------------------------------


def test_boe_approvals_with_prior_month() -> None:
    (e,) = prints(
        "Mortgage approvals for house purchase fell to 61,300 in January from 64,100 in December, the Bank of England said"
    )
    assert (e["indicator"], e["value"], e["prior"], e["unit"]) == ("uk_mortgage_approvals", 61300, 64100, "count")


def test_boe_approvals_in_thousands_shorthand() -> None:
    (e,) = prints("UK mortgage approvals 66.5K vs 64.0K expected; prior 65.2K (Bank of England)")
    assert (e["value"], e["prior"]) == (66500, 65200)


def test_boe_net_mortgage_borrowing_level_and_prior() -> None:
    (e,) = prints(
        "Net borrowing of mortgage debt by individuals rose to £4.5 billion in January from £3.6 billion, BoE data showed"
    )
    assert (e["indicator"], e["value"], e["prior"], e["unit"]) == ("uk_net_mortgage_lending", 4.5, 3.6, "billion GBP")


def test_boe_consumer_credit_after_a_previous_rise() -> None:
    (e,) = prints(
        "Consumer credit increased by £1.4 billion in January, after a £0.9 billion rise in December, the Bank of England said"
    )
    assert (e["indicator"], e["value"], e["prior"]) == ("uk_consumer_credit", 1.4, 0.9)


def test_boe_net_repayment_is_negative() -> None:
    (e,) = prints(
        "UK households made net repayments of £0.3 billion of consumer credit in April, Bank of England figures showed"
    )
    assert e["value"] == -0.3


def test_approvals_in_thousands_with_a_revised_prior() -> None:
    (e,) = prints(
        "The number of mortgage approvals for house purchase in the UK decreased to 61.3 thousand in January, "
        "down from a revised 64.1 thousand in the previous month"
    )
    assert (e["indicator"], e["value"], e["prior"]) == ("uk_mortgage_approvals", 61300, 64100)


def test_uk_finance_banks_approved_with_fewer_than_prior() -> None:
    (e,) = prints(
        "British banks approved 38,120 mortgages for house purchase in May, fewer than 39,400 in April, UK Finance said"
    )
    assert (e["indicator"], e["value"], e["prior"]) == ("uk_finance_mortgage_approvals", 38120, 39400)


def test_us_consumer_credit_from_the_fed() -> None:
    (e,) = prints("U.S. consumer credit increased by $16.9 billion in December, the Federal Reserve said")
    assert (e["indicator"], e["value"], e["unit"]) == ("us_consumer_credit", 16.9, "billion USD")


def test_poll_figure_is_not_the_print() -> None:
    (e,) = prints(
        "UK mortgage approvals slip",
        "Mortgage approvals fell to 61,300 in January, the Bank of England said. Economists polled by Reuters had "
        "expected 63,000 approvals.",
    )
    assert e["value"] == 61300 and "prior" not in e


def test_boe_approvals_in_chinese_with_lower_than_prior() -> None:
    (e,) = prints("英国央行公布，1月抵押贷款批准件数为61,300件，低于12月的64,100件。")
    assert (e["indicator"], e["value"], e["prior"]) == ("uk_mortgage_approvals", 61300, 64100)


# -- HKMA ----------------------------------------------------------------------------------------------------


def test_hkma_new_loans_approved_is_the_headline_then_applications() -> None:
    events = prints(
        "HKMA residential mortgage survey",
        "The number of mortgage applications in January fell by 12% month-on-month to 6,820. Mortgage loans "
        "approved in January decreased by 3.2% compared with December to HK$21.4 billion, the HKMA said.",
    )
    assert [e["indicator"] for e in events] == ["hk_new_mortgage_loans", "hk_mortgage_applications"]
    assert events[0]["value"] == 21.4 and events[0]["unit"] == "billion HKD" and events[1]["value"] == 6820


def test_hkma_chinese_level_after_a_monthly_fall_is_positive() -> None:
    (e,) = prints("金管局公布，1月份新批出的按揭贷款额按月减少3.2%至214亿元。")
    assert (e["indicator"], e["value"], e["unit"]) == ("hk_new_mortgage_loans", 214, "亿元")


def test_hkma_drawdowns_are_not_new_loans_approved() -> None:
    assert prints("金管局：新取用按揭贷款额按月增加5%至150亿元") == []


# -- Taiwan, and things that are not prints ------------------------------------------------------------------


def test_taiwan_five_banks_new_home_loans_with_previous_month() -> None:
    (e,) = prints("央行公布，五大銀行新承做購屋貸款金額為620億元，較上月的598億元增加。")
    assert (e["indicator"], e["value"], e["prior"], e["unit"]) == ("tw_new_home_loans", 620, 598, "億元")


@pytest.mark.parametrize(
    "title",
    [
        "Home prices in Hong Kong fell 1.2% in January, the lowest since 2016",
        "金管局放宽按揭成数上限，1500万元以下物业按揭上限为70%",
        "某研究院：2月百城首套房贷利率平均为3.05%，较上月下降3个基点",
        "Lender's home lending revenue fell 10% to $800 million in the quarter",
        "Why first-time buyers are waiting for spring to take out a mortgage",
        "Existing-home sales rose 3.1% in February as mortgage rates eased",
    ],
)
def test_house_prices_sales_and_commentary_are_not_prints(title: str) -> None:
    assert prints(title) == []


# -- round 2: phrasing families of other outlets ------------------------------------------------------------


def test_a_count_followed_by_a_comma_is_one_number() -> None:
    (e,) = prints(
        "UK mortgage approvals climb",
        "Mortgage approvals for house purchase rose to 81,204, up from 78,950 in May, the Bank of England said.",
    )
    assert (e["indicator"], e["value"], e["prior"]) == ("uk_mortgage_approvals", 81204, 78950)


def test_dollar_written_after_the_sign_and_credit_to_consumers() -> None:
    (e,) = prints("Fed data: total credit to consumers rose $US14.2 billion in March to $US4.9 trillion")
    assert (e["indicator"], e["value"], e["unit"]) == ("us_consumer_credit", 14.2, "billion USD")


def test_consumer_credit_in_dollars_with_no_country_named_is_the_fed_series() -> None:
    (e,) = prints("Consumer credit outstanding rose $9.6 billion in June from the previous month.")
    assert (e["indicator"], e["value"]) == ("us_consumer_credit", 9.6)


def test_an_amount_over_a_threshold_is_not_the_figure() -> None:
    (e,) = prints(
        "五大銀行新承做房貸回升至500億元之上",
        "央行公布，3月五大銀行新承做購屋貸款金額為523.4億元。",
    )
    assert (e["indicator"], e["value"]) == ("tw_new_home_loans", 523.4)


def test_a_change_on_the_month_before_an_amount_is_not_the_amount() -> None:
    (e,) = prints(
        "五大銀行4月新承作房貸月增28.4億",
        "央行公布4月五大銀行新承作購屋貸款金額為新台幣541.2億元，較3月增加28.4億元。",
    )
    assert (e["indicator"], e["value"]) == ("tw_new_home_loans", 541.2)


def test_a_rate_threshold_in_the_headline_is_not_the_applications_change() -> None:
    (e,) = prints(
        "US mortgage applications slip as rates edge above 7%",
        "The Mortgage Bankers Association said its seasonally adjusted market index fell 2.4% from a week earlier.",
    )
    assert (e["indicator"], e["value"]) == ("mba_applications_index", -2.4)


def test_year_ago_words_before_to_belong_to_the_change() -> None:
    (e,) = prints(
        "China's outstanding housing loans rose 8.1% from a year earlier to 40.3 trillion yuan at end-March, "
        "the central bank said."
    )
    assert (e["indicator"], e["value"], e["unit"]) == ("cn_mortgage_balance", 40.3, "trillion CNY")


def test_cong_marks_the_prior_of_a_rate() -> None:
    ev = by_indicator(
        prints("美国抵押贷款银行家协会(MBA)数据显示，上周30年期固定利率房贷的平均合约利率从7.02%下降至6.95%。")
    )
    assert (ev["mba_30y_contract_rate"]["value"], ev["mba_30y_contract_rate"]["prior"]) == (6.95, 7.02)


def test_zengzhang_is_a_change_verb() -> None:
    (e,) = prints("美国抵押贷款银行家协会(MBA)公布，上周抵押贷款申请总量比前一周增长12.3%。")
    assert (e["indicator"], e["value"]) == ("mba_applications_index", 12.3)


def test_year_ago_words_after_but_belong_to_the_next_number() -> None:
    (e,) = prints(
        "Freddie Mac: the 30-year fixed-rate loan averaged 6.44% this week, up from last week's 6.38% but "
        "down from the year-ago 7.10%."
    )
    assert (e["value"], e["prior"]) == (6.44, 6.38)


@pytest.mark.parametrize(
    "title",
    [
        "China's March new yuan loans seen rebounding after February slump - poll",
        "UK mortgage approvals to drop below 50,000, economists warn",
    ],
)
def test_seen_and_to_verb_headlines_are_previews(title: str) -> None:
    assert prints(title, "Banks likely issued 2.9 trillion yuan in new loans, the median estimate showed.") == []


def test_a_released_cut_before_a_forecast_clause_is_still_a_print() -> None:
    ev = by_indicator(
        prints(
            "China cuts lending benchmark, analysts see more easing ahead",
            "The one-year LPR was lowered to 3.35% from 3.45%, while the five-year LPR was cut to 3.85% from 3.95%.",
        )
    )
    assert (ev["lpr_5y"]["value"], ev["lpr_5y"]["prior"]) == (3.85, 3.95)


def test_unchanged_as_expected_is_a_print() -> None:
    ev = by_indicator(
        prints(
            "China leaves LPRs unchanged as expected",
            "The one-year loan prime rate was kept at 3.10%, and the five-year LPR was unchanged at 3.60%.",
        )
    )
    assert (ev["lpr_5y"]["value"], ev["lpr_5y"]["prior"], ev["lpr_1y"]["value"]) == (3.6, 3.6, 3.1)


def test_lpr_setting_written_value_first_for_each_tenor() -> None:
    ev = by_indicator(
        prints(
            "PBOC LPR setting: both tenors unchanged",
            "People's Bank of China one- and five-year Loan Prime Rate setting.\n3.10% for the one year\n"
            "3.60% for the five year\nBoth are unchanged.",
        )
    )
    assert (ev["lpr_5y"]["value"], ev["lpr_1y"]["value"]) == (3.6, 3.1)


def test_mortgages_were_approved_with_the_count_before() -> None:
    (e,) = prints(
        "UK home-buying picks up",
        "Bank of England figures showed that 52,800 mortgages were approved for house purchases in March.",
    )
    assert (e["indicator"], e["value"]) == ("uk_mortgage_approvals", 52800)


def test_loans_approved_for_house_purchase_with_the_count_in_parentheses() -> None:
    (e,) = prints(
        "Mortgage approvals edge up",
        "The number of loans approved for house purchase (48,310) was higher than in February, the BoE said.",
    )
    assert (e["indicator"], e["value"]) == ("uk_mortgage_approvals", 48310)


def test_banks_approved_just_n_mortgages() -> None:
    (e,) = prints(
        "High street approvals slide",
        "Data from UK Finance shows the high street banks approved just 31,420 mortgages for house purchase.",
    )
    assert (e["indicator"], e["value"]) == ("uk_finance_mortgage_approvals", 31420)


def test_net_mortgage_lending_written_with_the_hong_kong_variant_of_net() -> None:
    ev = by_indicator(
        prints(
            "英國銀行家協會數據",
            "英國銀行家協會公布,8月按揭許可升至41,250宗;季調後按揭凈額增長24億鎊,高於7月的19億鎊。",
        )
    )
    e = ev["uk_finance_net_mortgage_lending"]
    assert (e["value"], e["prior"]) == (24, 19)


@pytest.mark.parametrize(
    ("title", "summary", "value"),
    [
        ("英倫銀行:9月按揭批核宗數升至6.5萬宗", "英倫銀行公布,9月按揭批核宗數升至65,200宗,高於8月的64,300宗。", 65200),
        (
            "UK mortgage approvals rise to 65,000",
            "Bank of England figures showed mortgage approvals for house purchase rose to 65,230 in September from "
            "64,310 in August.",
            65230,
        ),
    ],
)
def test_the_leads_exact_count_over_the_headlines_rounded_one(title: str, summary: str, value: int) -> None:
    (e,) = prints(title, summary)
    assert e["value"] == value


def test_applications_to_refinance_are_the_refinance_index() -> None:
    (e,) = prints(
        "Refinance demand surges",
        "Applications to refinance a home loan jumped 12% for the week and were 70% higher than a year ago, the MBA said.",
    )
    assert (e["indicator"], e["value"]) == ("mba_refinance_index", 12)


def test_bare_social_financing_and_chinese_currency_loans() -> None:
    ev = by_indicator(
        prints(
            "China's social financing amounts to RMB 5.9 trillion in March",
            "In March, China's social financing amounted to RMB 5.9 trillion, according to the PBOC. New Chinese "
            "currency loans totaled RMB 3.6 trillion.",
        )
    )
    assert (ev["pboc_tsf_flow"]["value"], ev["pboc_new_rmb_loans"]["value"]) == (5.9, 3.6)


def test_outstanding_amount_of_individual_mortgages() -> None:
    (e,) = prints(
        "The outstanding amount of individual mortgages fell to 37.2 trillion yuan at the end of March, "
        "People's Bank of China data showed."
    )
    assert (e["indicator"], e["value"]) == ("cn_mortgage_balance", 37.2)


def test_a_taiwanese_outlet_reporting_pboc_data_with_a_conversion() -> None:
    (e,) = prints(
        "中國人民銀行公布，3月新增人民幣貸款3.1兆元（約新台幣13.8兆元）。",
    )
    assert (e["indicator"], e["value"], e["unit"]) == ("pboc_new_rmb_loans", 3.1, "兆元")


def test_hong_kong_dollar_written_as_a_bare_sign() -> None:
    (e,) = prints(
        "Residential mortgage loans approved in May rose 4.1% compared with April to $27.6 billion, the Monetary "
        "Authority announced today."
    )
    assert (e["indicator"], e["value"], e["unit"]) == ("hk_new_mortgage_loans", 27.6, "billion HKD")


def test_approvals_quoted_in_a_house_price_story_are_background() -> None:
    assert (
        prints(
            "Halifax house price index rises 0.6% in May",
            "Bank of England figures show mortgage approvals rose to 61,000 in April.",
        )
        == []
    )


def test_a_headline_about_rates_puts_the_rate_first() -> None:
    out = prints(
        "US mortgage interest rates rise for the first time in six weeks",
        "The Mortgage Bankers Association said mortgage applications dropped 3.1% last week. The average "
        "interest rate for a 30-year fixed-rate mortgage rose from 6.61% to 6.70%.",
    )
    assert (out[0]["indicator"], out[0]["value"], out[0]["prior"]) == ("mba_30y_contract_rate", 6.7, 6.61)


def test_boe_approvals_written_as_approved_mortgages_count_in_chinese() -> None:
    (e,) = prints("英国央行数据显示，5月银行批准的抵押贷款件数为63,120，少于4月的65,004件。")
    assert (e["indicator"], e["value"], e["prior"]) == ("uk_mortgage_approvals", 63120, 65004)


def test_the_last_release_stated_inside_a_poll_sentence_is_the_prior() -> None:
    (e,) = prints(
        "China March new bank loans rise to 3.2 trln yuan, beat forecast",
        "Chinese banks extended 3.2 trillion yuan in new yuan loans in March. Analysts polled by Reuters had "
        "predicted new yuan loans would rise to 2.9 trillion yuan, up from 1.4 trillion yuan in the previous month.",
    )
    assert (e["value"], e["prior"]) == (3.2, 1.4)


def test_a_base_after_from_is_a_level_even_before_from_the_previous_week() -> None:
    (e,) = prints(
        "Freddie Mac said the average rate on the 30-year fixed loan jumped to 5.12% this week. That is up from "
        "4.87% from the previous week."
    )
    assert (e["value"], e["prior"]) == (5.12, 4.87)


def test_year_ago_words_after_and_belong_to_the_next_number() -> None:
    (e,) = prints(
        "Freddie Mac: the national 30-year average rate was 6.02%, up 0.2 percentage points from last week's "
        "5.82% and down from the one-year ago average of 6.90%."
    )
    assert (e["value"], e["prior"]) == (6.02, 5.82)


def test_a_rate_that_broke_a_threshold_is_not_the_figure() -> None:
    (e,) = prints(
        "Mortgage rates top 8%",
        "The 30-year fixed-rate mortgage broke 8% this week, rising from 7.88% to 8.03%, Freddie Mac said.",
    )
    assert (e["value"], e["prior"]) == (8.03, 7.88)


def test_lpr_setting_written_tenor_first_with_expected_and_prior() -> None:
    ev = by_indicator(
        prints(
            "PBOC sets one and five year loan prime rates unchanged",
            "People's Bank of China Loan Prime Rate setting. 1-year set at 3.0% expected 3.0% and prior 3.0%",
        )
    )
    assert (ev["lpr_1y"]["value"], ev["lpr_1y"]["prior"]) == (3.0, 3.0)


def test_a_number_marked_prior_is_the_prior_even_after_a_forecast_word() -> None:
    (e,) = prints(
        "US MBA mortgage applications",
        "MBA mortgage applications rose 2.2% last week, economists had expected a smaller gain; prior -1.4%.",
    )
    assert (e["value"], e["prior"]) == (2.2, -1.4)


def test_the_surveys_long_term_rate_named_without_its_tenor() -> None:
    (e,) = prints(
        "Average long-term US mortgage rate rises to 6.41%",
        "The average long-term U.S. mortgage rate rose this week to 6.41%, according to Freddie Mac. Last week "
        "the rate averaged 6.35%.",
    )
    assert (e["indicator"], e["value"], e["prior"]) == ("us_30y_mortgage_rate", 6.41, 6.35)


def test_a_rate_sites_own_average_is_not_the_survey() -> None:
    assert (
        prints(
            "Mortgage rates fell to 6.52% today, according to Zillow. Freddie Mac publishes its weekly survey on "
            "Thursday."
        )
        == []
    )


def test_after_an_amount_marks_the_prior() -> None:
    (e,) = prints(
        "UK consumer borrowing rises by most in a year",
        "Consumer credit rose by £1.9 billion in April, the largest increase in a year, after £1.1 billion in March.",
    )
    assert (e["indicator"], e["value"], e["prior"]) == ("uk_consumer_credit", 1.9, 1.1)


def test_boe_approvals_written_as_mortgage_permits_in_chinese() -> None:
    (e,) = prints("英国央行数据显示，3月抵押贷款许可件数为61,200件，前值为64,300件。")
    assert (e["indicator"], e["value"], e["prior"]) == ("uk_mortgage_approvals", 61200, 64300)


def test_figures_written_in_chinese_numerals() -> None:
    (e,) = prints(
        "金管局：上月新批按揭貸款額減少百分之三",
        "金管局數據顯示，本港上月新批出按揭貸款額減少百分之三點二，跌至一百五十八億元，新申請貸款宗數亦減少。",
    )
    assert (e["indicator"], e["value"], e["unit"]) == ("hk_new_mortgage_loans", 158, "億元")


def test_chinese_numerals_that_are_not_figures_stay_words() -> None:
    from rules.extract.mp_text import prepare

    text = "五大銀行十二月一手市場增加一萬一千宗"
    assert prepare(text) == text


def test_mba_index_written_as_levels_without_a_change() -> None:
    (e,) = prints(
        "Applications climb",
        "The Market Composite Index, an overall measure of mortgage applications, rose from 512.4 to 540.1 on a "
        "seasonally adjusted basis, according to the Mortgage Bankers Association.",
    )
    assert (e["indicator"], e["value"], e["prior"], e["unit"]) == ("mba_applications_index", 540.1, 512.4, "index")


def test_a_flow_followed_by_the_stock_keeps_the_flow() -> None:
    (e,) = prints(
        "Total consumer credit increased by $21.4 billion to $4.98 trillion in March, the Federal Reserve said."
    )
    assert (e["indicator"], e["value"], e["unit"]) == ("us_consumer_credit", 21.4, "billion USD")


def test_prior_after_climbing_by_and_revised_up_to_show() -> None:
    ev = prints(
        "The Fed said consumer credit rose by $15.2 billion in June after climbing by an upwardly revised "
        "$11.8 billion in May."
    )
    assert (ev[0]["value"], ev[0]["prior"]) == (15.2, 11.8)
    (e,) = prints(
        "U.S. consumer credit rose $12.1 billion in July, the Federal Reserve said. June's figure was revised up "
        "to show a $9.4 billion increase."
    )
    assert (e["value"], e["prior"]) == (12.1, 9.4)


def test_a_volume_raised_by_a_change_to_a_level_is_the_level() -> None:
    ev = by_indicator(
        prints(
            "New mortgages granted by Taiwan's five major state-run banks last month increased by NT$6.2 billion "
            "(US$0.2 billion) from April to NT$58.4 billion, central bank data showed."
        )
    )
    assert ev["tw_new_home_loans"]["value"] == 58.4


def test_a_b_after_a_currency_is_billions_and_a_record_high_of_is_a_level() -> None:
    (e,) = prints(
        "Home loans by Taiwan's five banks hit NT$63.2B. in March",
        "Taiwan's five state-run banks saw new housing loans rise by NT$3.1 billion from a month earlier to a "
        "record high of NT$63.2 billion, the central bank said.",
    )
    assert (e["indicator"], e["value"], e["unit"]) == ("tw_new_home_loans", 63.2, "billion TWD")


def test_a_rate_held_steady_states_its_prior_too() -> None:
    ev = by_indicator(
        prints(
            "Taiwan mortgage rate steady",
            "The interest rate for home mortgages at Taiwan's five major banks held steady at 2.301 percent last "
            "month, the central bank said.",
        )
    )
    assert (ev["tw_new_mortgage_rate"]["value"], ev["tw_new_mortgage_rate"]["prior"]) == (2.301, 2.301)


@pytest.mark.parametrize(
    ("title", "is_print"),
    [
        ("Black Knight: January sees strongest decline in delinquencies in more than a year", True),
        ("Fannie Mae sees mortgage rates at 6% by year-end", False),
    ],
)
def test_sees_is_a_forecast_only_with_a_forecast_complement(title: str, is_print: bool) -> None:
    out = prints(
        title,
        "Black Knight's first look: the total U.S. loan delinquency rate (loans 30 or more days past due) fell "
        "to 3.18% in January, according to its mortgage data.",
    )
    assert bool(out) is is_print


def test_a_body_repeating_the_headline_rate_unchanged_on_the_month_gives_the_prior() -> None:
    ev = by_indicator(
        prints(
            "3月LPR出炉：5年期以上LPR为3.5%",
            "3月20日贷款市场报价利率（LPR）为：1年期LPR为3%，5年期以上LPR为3.5%，均与上月持平。",
        )
    )
    assert (ev["lpr_5y"]["value"], ev["lpr_5y"]["prior"]) == (3.5, 3.5)


def test_a_revised_previous_month_in_chinese_is_the_prior() -> None:
    (e,) = prints("英国央行公布，5月抵押贷款批准件数升至63,500件，4月修正后为60,900件。")
    assert (e["indicator"], e["value"], e["prior"]) == ("uk_mortgage_approvals", 63500, 60900)


def test_taiwan_newspaper_numerals_read_digit_by_digit() -> None:
    ev = by_indicator(
        prints(
            "五大銀行房貸量縮",
            "中央銀行公布，五大銀行新承做房貸利率來到百分之二點三一五，新承做房貸金額五四二點八億元。",
        )
    )
    assert (ev["tw_new_mortgage_rate"]["value"], ev["tw_new_home_loans"]["value"]) == (2.315, 542.8)


@pytest.mark.parametrize(
    ("title", "value", "unit"),
    [
        ("CHINA AUG NEW YUAN LOANS 1.42 TLN YUAN - CENTRAL BANK", 1.42, "trillion CNY"),
        ("China Sep new yuan loans 1.42 trln yuan vs f'cast 1.3 trln - central bank", 1.42, "trillion CNY"),
        ("China New Loans came in at 1,420B, above expectations (1,300B) in September", 1420, "billion CNY"),
        (
            "China Aggregate Financing (CNY) above expectations (1,900B) in September: Actual (2,210B)",
            2210,
            "billion CNY",
        ),
    ],
)
def test_wire_and_calendar_shorthand_for_pboc_credit(title: str, value: float, unit: str) -> None:
    (e,) = prints(title)
    assert (e["value"], e["unit"]) == (value, unit)


def test_banks_lent_in_a_pboc_release_and_compares_to_prior() -> None:
    (e,) = prints(
        "China credit growth slows",
        "Banks lent 1.4 trillion yuan in the month, the People's Bank of China said. That compares to 2.1 trillion "
        "yuan in March.",
    )
    assert (e["indicator"], e["value"], e["prior"]) == ("pboc_new_rmb_loans", 1.4, 2.1)


def test_mba_total_volume_is_the_composite() -> None:
    (e,) = prints(
        "MBA: Mortgage application volume fell for a second week",
        "Total volume decreased 1.6%, on an adjusted basis, compared with the previous week, according to the "
        "Mortgage Bankers Association.",
    )
    assert (e["indicator"], e["value"]) == ("mba_applications_index", -1.6)


def test_a_prior_in_a_leading_after_clause() -> None:
    (e,) = prints(
        "After falling 4.2% the previous week, mortgage applications rose 1.8% last week, the Mortgage Bankers "
        "Association said."
    )
    assert (e["indicator"], e["value"], e["prior"]) == ("mba_applications_index", 1.8, -4.2)
    (e,) = prints(
        "Black Knight's first look at mortgage data: after rising from 3.1% in January to 6.9% in April, the national "
        "delinquency rate improved, falling to 6.6% in May."
    )
    assert (e["value"], e["prior"]) == (6.6, 6.9)


def test_a_peak_recalled_near_a_level_is_not_the_print() -> None:
    assert (
        prints(
            "Mortgage rates rose in 2024, Freddie Mac data show",
            "Mortgage rates rose sharply over the year, Freddie Mac data show, peaking near 7.2% in May.",
        )
        == []
    )


def test_boe_consumer_credit_written_before_its_name_following_the_prior() -> None:
    (e,) = prints(
        "BoE: consumer credit",
        "Individuals borrowed an additional £1.3 billion in consumer credit in April, following £0.8 billion in "
        "March, Bank of England data showed.",
    )
    assert (e["indicator"], e["value"], e["prior"]) == ("uk_consumer_credit", 1.3, 0.8)


def test_lpr_tenor_alone_with_its_figure_in_chinese() -> None:
    ev = by_indicator(prints("最新LPR出炉！1年期维持3%，5年期以上维持3.5%"))
    assert (ev["lpr_1y"]["value"], ev["lpr_5y"]["value"]) == (3.0, 3.5)


def test_other_dollars_are_not_the_fed_series() -> None:
    assert prints("Consumer credit rose A$1.2 billion in March, the data showed.") == []


def test_zh_lenders_approved_n_mortgages_is_the_uk_approvals_count() -> None:
    ev = by_indicator(prints("英國央行數據顯示,3月貸款機構批準了61240筆抵押貸款,低於2月的62310筆"))
    assert ev["uk_mortgage_approvals"]["value"] == 61240 and ev["uk_mortgage_approvals"]["prior"] == 62310


def test_a_count_compared_to_another_is_the_prior_not_the_value() -> None:
    (e,) = prints(
        "UK mortgage approvals slip",
        "A total of 61,240 mortgages were approved last month compared to 62,310 in February, the Bank of England said.",
    )
    assert (e["value"], e["prior"]) == (61240, 62310)


def test_zh_unsecured_consumer_lending_is_uk_consumer_credit() -> None:
    ev = by_indicator(prints("英國央行:3月消費者無擔保貸款淨增加14.2億英鎊,2月增加12.1億英鎊"))
    assert ev["uk_consumer_credit"]["value"] == 14.2


def test_rates_continue_to_decline_is_a_release_headline_not_a_forecast() -> None:
    (e,) = prints(
        "Mortgage Rates Continue To Decline",
        "The 30-year fixed-rate mortgage averaged 5.81% this week, down from 5.92%, Freddie Mac said.",
    )
    assert (e["value"], e["prior"]) == (5.81, 5.92)


def test_zh_a_space_ends_a_headline_clause_so_a_year_ago_comparison_after_it_is_not_the_values() -> None:
    ev = by_indicator(prints("人民银行:1月社融增量6.2万亿元 比上年同期多5000亿元"))
    assert ev["pboc_tsf_flow"]["value"] == 6.2


def test_zh_new_credit_is_new_rmb_loans() -> None:
    ev = by_indicator(prints("10月金融数据出炉:新增信贷6200亿元,居民中长期贷款增加1500亿元"))
    assert ev["pboc_new_rmb_loans"]["value"] == 6200


def test_zh_five_year_tenor_alone_before_its_figure_is_the_5y_lpr() -> None:
    ev = by_indicator(prints("內地LPR連續3個月不變 一年期3.1厘 五年期3.6厘"))
    assert ev["lpr_5y"]["value"] == 3.6 and ev["lpr_1y"]["value"] == 3.1


def test_zh_a_small_full_stop_is_a_decimal_point() -> None:
    ev = by_indicator(prints("《本港經濟》金管局:按揭貸款拖欠比率為0﹒11%,維持於低水平"))
    assert ev["hk_mortgage_delinquency_ratio"]["value"] == 0.11


def test_mortgage_delinquencies_rising_to_a_rate_is_the_mba_delinquency_rate() -> None:
    ev = by_indicator(prints("Mortgage delinquencies rise to 3.98% in the third quarter, MBA says"))
    assert ev["mba_delinquency_rate"]["value"] == 3.98


def test_consumers_borrowed_an_extra_amount_is_uk_consumer_credit() -> None:
    ev = by_indicator(
        prints(
            "UK consumer credit growth slows",
            "British consumers borrowed an extra 1.2 billion pounds in May, down from 1.6 billion pounds in April, "
            "Bank of England figures showed.",
        )
    )
    assert (ev["uk_consumer_credit"]["value"], ev["uk_consumer_credit"]["prior"]) == (1.2, 1.6)


def test_a_round_rate_in_the_headline_gives_way_to_the_exact_rate_in_the_lead() -> None:
    (e,) = prints(
        "Mortgage rates hit 8% for first time since 2000",
        "The 30-year fixed-rate mortgage averaged 8.04% this week, up from 7.92% the week before, Freddie Mac said.",
    )
    assert (e["value"], e["prior"]) == (8.04, 7.92)


def test_a_gse_single_family_serious_delinquency_rate_is_a_print() -> None:
    (e,) = prints(
        "Freddie Mac: single-family serious delinquency rate edges down in February",
        "Freddie Mac said its single-family serious delinquency rate fell to 0.58% in February from 0.61% in January.",
    )
    assert (e["indicator"], e["value"], e["prior"], e["period"]) == (
        "us_gse_serious_delinquency_rate",
        0.58,
        0.61,
        "2026-02",
    )


def test_a_gse_named_without_a_delinquency_figure_is_not_a_print() -> None:
    assert prints("Fannie Mae names a new chief risk officer", "The appointment takes effect in April.") == []


def test_the_previous_months_figure_after_a_forecast_is_still_the_prior() -> None:
    got = by_indicator(
        prints(
            "China Feb new loans 506.1 bln yuan",
            "Chinese banks made 506.1 billion yuan worth of new yuan loans in February, lower than a forecast of 600 "
            "billion yuan and below the previous month's 787 billion yuan.",
        )
    )
    assert (got["pboc_new_rmb_loans"]["value"], got["pboc_new_rmb_loans"]["prior"]) == (506.1, 787)


def test_a_rate_kept_at_a_level_from_the_previous_month_is_the_level() -> None:
    got = by_indicator(
        prints(
            "China keeps benchmark loan rate", "The one-year loan prime rate was kept at 3.05% from the previous month."
        )
    )
    assert (got["lpr_1y"]["value"], got["lpr_1y"]["prior"]) == (3.05, 3.05)


def test_when_a_rate_was_last_changed_is_not_the_period_of_the_decision() -> None:
    got = by_indicator(
        prints(
            "China leaves loan prime rates unchanged",
            "The one-year loan prime rate was kept unchanged at 3.05 percent and the five-year LPR at 3.55 percent. "
            "The rates were last lowered in May 2025.",
        )
    )
    assert got["lpr_5y"]["period"] == got["lpr_1y"]["period"] == "2026-03"  # the published month


def test_a_poll_before_the_release_does_not_hide_its_comparison_with_last_month() -> None:
    (e,) = prints(
        "UK mortgage approvals fall",
        "Mortgage approvals fell, Bank of England data showed. Lenders approved 51,230 mortgages in October, below a "
        "poll of economists that had pointed to 53,000, and down from 52,410 in September.",
    )
    assert (e["value"], e.get("prior")) == (51230, 52410)


def test_a_later_sentence_restating_the_rate_gives_its_prior() -> None:
    (e,) = prints(
        "Average 30-Year Mortgage Rate Eases to 6.21%",
        "It is the second drop in two weeks, keeping the 30-year rate near a one-year low. The average rate on a "
        "30-year mortgage eased for a second week in a row. The rate fell to 6.21% from 6.33% last week, Freddie "
        "Mac said. A year ago, the rate averaged 6.90%.",
    )
    assert (e["value"], e.get("prior")) == (6.21, 6.33)


@pytest.mark.parametrize(
    ("title", "summary", "indicator", "value", "prior"),
    [
        ("下调10个基点,5年期以上LPR降至3.85%", "", "lpr_5y", 3.85, 3.95),
        (
            "Mortgage delinquencies rise",
            "The delinquency rate on one-to-four-unit residential mortgage loans rose to 4.12% in the second quarter, "
            "the MBA said. The delinquency rate was up 35 basis points from the first quarter and up 60 basis points "
            "from a year earlier.",
            "mba_delinquency_rate",
            4.12,
            3.77,
        ),
        (
            "英国抵押贷款批准件数下降",
            "英国3月抵押贷款批准件数下降了900至61200。",
            "uk_mortgage_approvals",
            61200,
            62100,
        ),
    ],
)
def test_the_prior_follows_from_a_stated_change(
    title: str, summary: str, indicator: str, value: float, prior: float
) -> None:
    got = by_indicator(prints(title, summary))
    assert (got[indicator]["value"], got[indicator].get("prior")) == (value, prior)


def test_a_change_on_the_year_gives_no_prior() -> None:
    got = by_indicator(
        prints(
            "Mortgage delinquencies rise",
            "The delinquency rate on one-to-four-unit residential mortgage loans rose to 4.12% in the second quarter, "
            "the MBA said, up 60 basis points from a year earlier.",
        )
    )
    assert got["mba_delinquency_rate"].get("prior") is None


def test_when_it_rose_names_the_previous_weeks_change() -> None:
    got = by_indicator(
        prints(
            "Mortgage applications fall - MBA",
            "The market composite index fell a seasonally adjusted 9.1 percent from the previous week, when it rose "
            "1.2 percent.",
        )
    )
    assert (got["mba_applications_index"]["value"], got["mba_applications_index"].get("prior")) == (-9.1, 1.2)


def test_the_groups_index_on_loan_requests_is_the_composite_index() -> None:
    got = by_indicator(
        prints(
            "U.S. mortgage applications drop in latest week",
            "Applications declined last week, the Mortgage Bankers Association said. The group's seasonally adjusted "
            "index on loan requests fell 2.3% to 410.5 in the week ended March 6.",
        )
    )
    assert got["mba_applications_index"]["value"] == -2.3


def test_a_bare_mortgage_rate_is_taiwans_only_beside_its_five_banks() -> None:
    got = by_indicator(
        prints("央行今天公布1月5大銀行新承做房貸金額為新台幣520.5億元,較上月增加20.5億元;房貸利率升至2.21%。")
    )
    assert got["tw_new_mortgage_rate"]["value"] == 2.21
    assert got["tw_new_home_loans"].get("prior") == 500
    assert "tw_new_mortgage_rate" not in by_indicator(prints("某銀行調升房貸利率至2.21%,新承做房貸金額增加"))


@pytest.mark.parametrize(
    "title",
    [
        "央行今天公布1月5大銀行新承做房貸金額為新台幣520.5億元,月減近20億元。",  # a rounded change
        "2024年9月份住户贷款增加5385亿元,其中短期贷款增加2500亿元,中长期贷款增加2885亿元。",  # a flow's parts
    ],
)
def test_no_prior_from_a_rounded_change_or_from_a_flows_parts(title: str) -> None:
    assert all(e.get("prior") is None for e in prints(title))


def test_the_headlines_first_stated_figure_leads_when_no_headline_indicator_is_among_them() -> None:
    got = prints("央行今日公布9月五大銀行新承作房貸金額為480.5億元,較8月減少20.5億元,房貸利率同步降至2.25%。")
    assert [e["indicator"] for e in got] == ["tw_new_home_loans", "tw_new_mortgage_rate"]
    assert got[0].get("prior") == 501


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        (
            "Home loans slump",
            "Mortgage approvals slumped to a 14-month low in September, the Bank of England said. Approvals fell to "
            "58,120 in the month, down from 60,430 in August.",
        ),
        (
            "英國房屋抵押貸款批准數量下跌",
            "英國央行稱,5月各貸款機構共批准58,120件住房貸款申請,比上月通過的60430件有所下降。",
        ),
    ],
)
def test_approvals_named_without_the_word_mortgage_in_the_figures_sentence(title: str, summary: str) -> None:
    got = by_indicator(prints(title, summary))
    assert (got["uk_mortgage_approvals"]["value"], got["uk_mortgage_approvals"].get("prior")) == (58120, 60430)


def test_a_figure_the_sentence_says_is_forecast_is_no_print() -> None:
    assert (
        prints(
            "Need to know",
            "Consumer credit is expected to have remained subdued in April, in Bank of England figures due out today. "
            "A rise of £1.1 billion in total unsecured lending is forecast, down from £1.3 billion in March.",
        )
        == []
    )


def test_consumer_lending_named_by_the_bank_of_england_is_consumer_credit() -> None:
    e = prints(
        "UK consumer credit jumps in February",
        "The Bank of England said consumer lending rose by 1.654 billion pounds in February after rising by 1.102 "
        "billion pounds in January. Net borrowing through other forms of consumer credit rose by 0.2 billion pounds, "
        "to 0.8 billion pounds.",
    )[0]
    assert (e["indicator"], e["value"], e["prior"]) == ("uk_consumer_credit", 1.654, 1.102)


def test_an_amount_in_new_loans_before_well_below_the_prior_and_the_expectation() -> None:
    e = prints(
        "China: new yuan loans slow in May",
        "In May, Chinese banks extended CNY 712 billion (USD 99.1 billion) in new yuan loans, well below the CNY 1.36 "
        "trillion recorded in April and the CNY 900 billion that analysts had expected.",
    )[0]
    assert (e["indicator"], e["value"], e["period"]) == ("pboc_new_rmb_loans", 712, "2025-05")


def test_a_release_puts_its_new_loans_before_the_balance_it_states_first() -> None:
    ev = prints(
        "人民银行发布5月金融统计数据",
        "5月末,人民币贷款余额251.3万亿元,同比增长9.1%。5月份人民币贷款增加7120亿元,同比少增1200亿元。",
    )
    assert [e["indicator"] for e in ev][:2] == ["pboc_new_rmb_loans", "pboc_rmb_loan_balance"]


def test_an_amount_written_in_two_scales_is_one_figure() -> None:
    e = prints("全国房贷余额续创新高", "人民银行统计,5月末个人住房贷款余额为38兆1234.5亿元。")[0]
    assert (e["value"], e["unit"]) == (381234.5, "亿元")


def test_a_wires_dated_survey_of_forecasts_is_no_print_even_if_it_recalls_last_months_figure() -> None:
    assert (
        prints(
            "财联社5月8日讯(记者 张三) 新一期“C50风向指数”结果显示,市场预计4月新增贷款同比少增。",
            "机构对4月新增人民币贷款的预测中值为8000亿元。3月人民币贷款增加3.1万亿元。",
        )
        == []
    )


def test_taiwan_banks_home_loan_balance_is_taiwans_not_chinas() -> None:
    e = prints(
        "國銀房貸餘額續創新高", "〔記者王小明／台北報導〕央行今日公布10月底國銀房貸餘額11兆2345.6億元,月增250.1億元。"
    )[0]
    assert (e["indicator"], e["value"], e["currency"], e["prior"]) == ("tw_mortgage_balance", 112345.6, "TWD", 112095.5)


def test_a_more_than_expected_fall_is_the_released_figure() -> None:
    e = prints(
        "UK mortgage approvals weakest since 2020",
        "Mortgages approved for house purchases decreased more-than-expected to 48,200 from 55,900 in October, the "
        "Bank of England said. This was the lowest level since June 2020, when approvals totaled 40,500.",
    )[0]
    assert (e["value"], e["prior"]) == (48_200, 55_900)


def test_a_fixing_retained_under_a_maintains_headline_states_its_prior() -> None:
    ev = by_indicator(
        prints(
            "China maintains loan prime rates",
            "The five-year loan prime rate, the benchmark for mortgages, was retained at 3.95 percent, the People's "
            "Bank of China said.",
        )
    )
    assert (ev["lpr_5y"]["value"], ev["lpr_5y"]["prior"]) == (3.95, 3.95)


def test_a_us_mortgage_delinquency_rate_without_a_named_source() -> None:
    e = prints("美国抵押贷款逾期率升至3.9%", "2025年10月,美国抵押贷款逾期率上升至3.9%,为三年来最高。")[0]
    assert (e["indicator"], e["value"]) == ("us_mortgage_delinquency_rate", 3.9)


def test_the_new_york_feds_household_debt_total_is_the_balance_after_its_rise() -> None:
    e = prints(
        "Household debt climbs again",
        "The Federal Reserve Bank of New York said total household debt increased by $184 billion (1.1%) to $17.5 "
        "trillion in the second quarter.",
    )[0]
    assert (e["indicator"], e["value"], e["unit"]) == ("us_household_debt", 17.5, "trillion USD")


def test_a_balance_is_not_compared_with_a_change_written_after_bi() -> None:
    e = prints(
        "纽约联储:美国家庭债务再创新高",
        "纽约联邦储备银行公布的报告显示,第二季度美国家庭总负债达到17.5万亿美元。家庭总债务余额比2019年底高3.2万亿美元。",
    )[0]
    assert (e["indicator"], e["value"]) == ("us_household_debt", 17.5) and "prior" not in e


def test_loans_approved_after_a_count_are_uk_approvals() -> None:
    e = prints(
        "Mortgage approvals hit a two-year high",
        "The number of mortgage approvals rose to its highest in two years in March, Bank of England figures show. "
        "They revealed 66,150 loans were approved, up from 61,300 in February.",
    )[0]
    assert (e["indicator"], e["value"], e["prior"]) == ("uk_mortgage_approvals", 66_150, 61_300)


def test_hkma_applications_and_approved_loans_in_a_wire_summary() -> None:
    ev = by_indicator(
        prints(
            "Hong Kong mortgage applications edge lower in May",
            "The Hong Kong Monetary Authority released its residential mortgage survey for May. Applications fell by "
            "1.2% from the previous month, totaling 7,905 applications. The total value of approved mortgage loans "
            "remained steady at HK$29.8 billion.",
        )
    )
    assert (ev["hk_mortgage_applications"]["value"], ev["hk_new_mortgage_loans"]["value"]) == (7_905, 29.8)


def test_a_year_records_began_in_is_not_the_period() -> None:
    e = prints(
        "China's mortgage loans shrink",
        "Personal mortgage loans shrank 0.5 per cent in the second quarter from a year earlier to 37.9 trillion yuan, "
        "the first decline since records began in 2004, the People's Bank of China said.",
    )[0]
    assert (e["indicator"], e["value"]) == ("cn_mortgage_balance", 37.9) and not e["period"].startswith("2004")


def test_a_fixing_the_next_sentence_says_held_states_its_prior() -> None:
    ev = by_indicator(prints("中国人民银行授权公布,1年期LPR为3%,5年期以上LPR为3.5%。", "LPR已连续八个月保持不变。"))
    assert (ev["lpr_5y"]["prior"], ev["lpr_1y"]["prior"]) == (3.5, 3)


def test_a_headline_forecast_for_a_named_month_is_a_preview() -> None:
    assert (
        prints(
            "2026年2月社融预测:21500亿元",
            "预计2026年2月新增社融约为2.15万亿元,同比增加0.2万亿元;新增人民币信贷约为0.58万亿元,同比增加0.1万亿元。",
        )
        == []
    )


def test_applications_for_mortgage_loans_that_decreased_are_negative() -> None:
    e = prints(
        "MBA: applications down in the week",
        "According to the Mortgage Bankers Association, the volume of applications for mortgage loans has decreased "
        "2.4% in the week.",
    )[0]
    assert (e["indicator"], e["value"]) == ("mba_applications_index", -2.4)


def test_fell_to_from_last_week_beside_the_national_average_gives_the_prior() -> None:
    e = prints(
        "美国房贷利率降至三个月低点",
        "房地美公布,在3月12日结束的一周里,美国30年期住房抵押贷款固定利率的全国平均水平,从上周的6.31%降到了6.22%。",
    )[0]
    assert (e["indicator"], e["value"], e["prior"]) == ("us_30y_mortgage_rate", 6.22, 6.31)


def test_mortgage_arrears_share_told_in_words_by_the_mba() -> None:
    e = prints(
        "美国抵押银行家协会季度报告",
        "美国抵押银行家协会发布季度调查报告说,住房抵押贷款总量中拖欠还贷的比例第四季度升至5.4%,高于前一季度的5.1%。",
    )[0]
    assert (e["indicator"], e["value"], e["prior"]) == ("mba_delinquency_rate", 5.4, 5.1)


def test_a_historical_average_is_not_the_prior() -> None:
    (ev,) = prints(
        "Mortgage delinquencies rise in the third quarter",
        "The delinquency rate for mortgage loans rose to 4.10 percent of all loans outstanding at the end of the "
        "third quarter, according to the MBA's National Delinquency Survey. The delinquency rate was up 12 basis points from the "
        "second quarter. The historical average for the delinquency rate from 1979 through 2025 is 5.30 percent.",
    )
    assert ev["value"] == 4.10 and ev.get("prior") == pytest.approx(3.98)


def test_chinese_a_week_ago_figure_is_the_prior() -> None:
    (ev,) = prints(
        "房地美:美国30年期抵押贷款利率升至6.41%",
        "房地美周四表示,美国30年期固定利率抵押贷款平均利率升至6.41%,与一周前的6.27%相比继续上升。",
    )
    assert ev["value"] == 6.41 and ev.get("prior") == 6.27


def test_approvals_for_home_loans_are_mortgage_approvals() -> None:
    ev = by_indicator(
        prints(
            "Mortgage approvals on slide, says Bank of England",
            "The number of mortgage approvals fell to its lowest level in over a year in November, the Bank of England has "
            "reported. Some 59,029 approvals for home loans were recorded for house purchase.",
        )
    )
    assert ev["uk_mortgage_approvals"]["value"] == 59029


@pytest.mark.parametrize(
    "summary",
    [
        "China kept its benchmark lending rates unchanged on Friday, with the one-year loan prime rate at 3.1% and "
        "the five-year LPR at 3.6%, the same as last month.",
        "中国人民银行授权全国银行间同业拆借中心公布,1年期LPR为3.1%,5年期以上LPR为3.6%,均与上月持平。",
    ],
)
def test_last_month_compared_with_is_not_the_period(summary: str) -> None:
    ev = by_indicator(prints("LPR unchanged", summary, published="2026-03-20T02:00:00Z"))
    assert (ev["lpr_5y"]["period"], ev["lpr_1y"]["period"]) == ("2026-03", "2026-03")


def test_hk_mortgage_loan_applications_count() -> None:
    ev = by_indicator(
        prints(
            "金管局:2月按揭申請宗數按月減5.2%",
            "金管局公布,2月份按揭貸款申請宗數按月下跌5.2%至11,234宗。",
        )
    )
    assert ev["hk_mortgage_applications"]["value"] == 11234


def test_pmms_the_same_mark_as_the_prior_week_is_the_prior() -> None:
    ev = by_indicator(
        prints(
            "Mortgage rates hold still this week",
            "The 30-year fixed-rate mortgage averaged 6.41% in the week to Thursday, the exact same mark as the prior "
            "week, Freddie Mac said.",
        )
    )["us_30y_mortgage_rate"]
    assert (ev["value"], ev.get("prior")) == (6.41, 6.41)


def test_pmms_a_year_to_date_average_is_no_prior() -> None:
    ev = by_indicator(
        prints(
            "Mortgage rates tick up",
            "The 30-year fixed-rate mortgage rose to 6.31% this week but stays below the year-to-date average of "
            "6.70%, according to Freddie Mac. The rate is up from 6.27% last week.",
        )
    )["us_30y_mortgage_rate"]
    assert (ev["value"], ev.get("prior")) == (6.31, 6.27)


def test_a_headline_clause_giving_the_markets_motive_is_no_preview() -> None:
    title = (
        "Perhaps reflecting bets that the Fed would cut rates, Freddie Mac's survey shows fixed mortgage rates fell "
        "for a third week."
    )
    ev = by_indicator(
        prints(title, title + " The 30-year fixed-rate mortgage averaged 6.12% this week, down from 6.20% a week ago.")
    )["us_30y_mortgage_rate"]
    assert (ev["value"], ev.get("prior")) == (6.12, 6.20)


def test_mba_a_decrease_in_the_index_named_before_it_makes_the_change_negative() -> None:
    ev = by_indicator(
        prints(
            "Mortgage applications slip",
            "For the week ending May 8, the MBA's weekly survey showed a decrease in its Market Composite Index, a "
            "gauge of overall loan demand, of 3.1% from one week earlier on a seasonally adjusted basis.",
        )
    )["mba_applications_index"]
    assert ev["value"] == -3.1


def test_pboc_prior_given_by_the_previous_months_name() -> None:
    (e,) = prints("央行：5月人民币贷款增加8400亿元", "央行周三发布数据，5月人民币贷款增加8400亿元，4月为3100亿元。")
    assert (e["indicator"], e["value"], e["prior"]) == ("pboc_new_rmb_loans", 8400, 3100)


def test_pboc_same_month_a_year_before_is_no_prior() -> None:
    (e,) = prints(
        "央行：5月人民币贷款增加8400亿元", "央行周三发布数据，5月人民币贷款增加8400亿元，去年5月为1.1万亿元。"
    )
    assert e.get("prior") is None


def test_pboc_a_year_to_date_figure_by_month_is_no_prior() -> None:
    (e,) = prints("央行：5月人民币贷款增加8400亿元", "央行周三发布数据，5月人民币贷款增加8400亿元，1-4月为6.5万亿元。")
    assert e.get("prior") is None


def test_prior_named_by_the_previous_months_possessive() -> None:
    (e,) = prints(
        "UK net mortgage lending slows",
        "Bank of England data showed net mortgage lending came in at £210m in March, well short of February's level "
        "of £1.4bn.",
    )
    assert (e["indicator"], e["value"], e["prior"]) == ("uk_net_mortgage_lending", 210, 1400)


def test_prior_after_a_fall_is_negative() -> None:
    (e,) = prints(
        "UK consumer credit recovers",
        "Consumer credit rose by £340m in March after a £45m fall in February, Bank of England figures showed.",
    )
    assert (e["indicator"], e["value"], e["prior"]) == ("uk_consumer_credit", 340, -45)


def test_hkma_survey_named_by_its_title_is_hong_kong_context() -> None:
    (e,) = prints("2026年1月住宅按揭統計調查結果", "1月份按揭貸款拖欠比率維持於0.05%。")
    assert (e["indicator"], e["value"], e["period"]) == ("hk_mortgage_delinquency_ratio", 0.05, "2026-01")


def test_hong_kong_dollars_place_a_survey_print_in_hong_kong() -> None:
    ev = by_indicator(prints("按揭統計結果", "1月份新批出的按揭貸款額按月增加4.2%,至268億港元。"))
    assert ev["hk_new_mortgage_loans"]["value"] == 268


def test_lpr_cut_by_basis_points_named_before_an_aside_gives_the_prior() -> None:
    ev = by_indicator(
        prints(
            "China trims five-year LPR",
            "China cut the five-year loan prime rate, the peg for home loans, by 15 basis points to 3.60% on Tuesday.",
        )
    )["lpr_5y"]
    assert (ev["value"], ev["prior"]) == (3.60, 3.75)


def test_lpr_cut_is_not_held_because_the_other_tenor_was() -> None:
    ev = by_indicator(
        prints(
            "China trims five-year LPR",
            "China cut the five-year LPR by 15 basis points to 3.60%, while leaving the one-year LPR unchanged at 3.10%.",
        )
    )
    assert (ev["lpr_5y"]["prior"], ev["lpr_1y"]["prior"]) == (3.75, 3.10)


def test_lpr_fixing_day_gives_its_month() -> None:
    ev = by_indicator(
        prints(
            "LPR连续三个月不变",
            "全国银行间同业拆借中心公布，11月20日1年期LPR为2.9%，5年期以上LPR为3.4%，均与上月持平。",
        )
    )
    assert (ev["lpr_5y"]["period"], ev["lpr_1y"]["period"]) == ("2025-11", "2025-11")


def test_prior_from_a_contraction_is_the_previous_months_negative_flow() -> None:
    ev = by_indicator(
        prints(
            "China household loans rebound",
            "Household loans rose to 512.4 billion yuan in May from a contraction of 98.3 billion yuan in April, "
            "People's Bank of China data showed.",
        )
    )["pboc_household_loans"]
    assert (ev["value"], ev["prior"]) == (512.4, -98.3)


def test_lpr_one_year_rate_left_unchanged_in_the_same_sentence_as_the_five_year() -> None:
    got = by_indicator(
        prints(
            "China leaves LPR steady",
            "China left the five-year loan prime rate, a reference for mortgages, unchanged at 3.65% on Monday, "
            "leaving the one-year rate unchanged at 3.15%.",
            published="2026-03-20T02:00:00Z",
        )
    )
    assert (got["lpr_1y"]["value"], got["lpr_5y"]["value"]) == (3.15, 3.65)


def test_all_renminbi_loans_written_with_ge_xiang_are_the_new_loans_print() -> None:
    got = by_indicator(
        prints("人民银行公布金融统计数据", "1月人民币各项贷款增加1.39万亿元,同比少增2243亿元。", "2010-02-11T08:00:00Z")
    )
    assert (got["pboc_new_rmb_loans"]["value"], got["pboc_new_rmb_loans"]["period"]) == (1.39, "2010-01")


def test_the_bundled_rule_lets_ge_xiang_loans_reach_the_extractor() -> None:
    item = Item(
        id="t",
        source="test",
        title="人民银行公布金融统计数据",
        summary="1月人民币各项贷款增加1.39万亿元,同比少增2243亿元。",
        published="2010-02-11T08:00:00Z",
    )
    rules = [m.rule.id for m in bundled_engine().match(item)]
    assert "mortgage-credit-print" in rules
