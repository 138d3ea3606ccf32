"""bd_deal: party roles from the grammar of both languages, names outside the lexicon, the money of a deal, and
what is not a deal. Every sentence here is written for the test (one behaviour each), in the style of deal news."""

from __future__ import annotations

from typing import Any

import pytest

from collectors.item import Item
from rules.extract import Document, get_extractor
from tests.bundled_rules import bundled_engine


def deal(title: str, summary: str = "") -> dict[str, Any] | None:
    out = get_extractor("bd_deal")(Document(Item(id="t", source="test", title=title, summary=summary)))
    if isinstance(out, list):
        return out[0]
    return out


class Name(str):
    """A party name compared the way the label contract does: one contains the other, case aside
    ("Merck" = "Merck & Co.", "Pentara Therapeutics" = "Pentara Therapeutics Inc")."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, str):
            return NotImplemented
        a, b = self.lower(), other.lower()
        return bool(a) and bool(b) and (a in b or b in a)

    __hash__ = str.__hash__


def roles(title: str, summary: str = "") -> tuple[Name | None, Name | None]:
    d = deal(title, summary)
    assert d is not None, title
    lic, lee = d.get("licensor"), d.get("licensee")
    return (Name(lic) if lic else None), (Name(lee) if lee else None)


# ------------------------------------------------------------------------------------------------ roles, English


def test_acquirer_is_licensee_target_is_licensor() -> None:
    assert roles("Veltrix Therapeutics to acquire Norsa Bio for $1.2 billion in cash") == (
        "Norsa Bio",
        "Veltrix Therapeutics",
    )


def test_passive_acquisition_names_the_buyer_after_by() -> None:
    assert roles("Calvane Oncology agrees to be acquired by Pfizer for $640 million") == ("Calvane Oncology", "Pfizer")


def test_acquisition_of_y_by_x() -> None:
    lic = roles("Investors cheer the acquisition of Dremont Pharmaceuticals by Novartis in a $3 billion deal")
    assert lic == ("Dremont Pharmaceuticals", "Novartis")


def test_licenses_from_makes_the_subject_the_licensee() -> None:
    assert roles("Amgen licenses a bispecific antibody from Kestrel Biologics for $50 million upfront") == (
        "Kestrel Biologics",
        "Amgen",
    )


def test_licenses_to_makes_the_subject_the_licensor() -> None:
    assert roles("Orvane Bio licenses its lead antibody to Takeda in a deal worth up to $900 million") == (
        "Orvane Bio",
        "Takeda",
    )


def test_in_licensed_is_not_licensed_to() -> None:
    title = "Halvern Therapeutics has in-licensed rights to a KRAS inhibitor developed by Sunqi Pharma"
    assert roles(title, "Halvern will pay $30 million upfront.") == ("Sunqi Pharma", "Halvern Therapeutics")


def test_x_pays_y_upfront() -> None:
    assert roles("Sanofi will pay Brightwell Biotherapeutics $75 million upfront for an ADC") == (
        "Brightwell Biotherapeutics",
        "Sanofi",
    )


def test_receives_upfront_from_makes_the_subject_the_licensor() -> None:
    assert roles("Tessaly Bio will receive $40 million upfront from Bayer under a licensing pact") == (
        "Tessaly Bio",
        "Bayer",
    )


def test_granting_access_makes_the_object_the_licensee() -> None:
    title = "Quorient Medicines signed a deal with Eli Lilly worth up to $800 million, granting Lilly access to its platform"
    assert roles(title) == ("Quorient Medicines", "Lilly")


def test_rights_to_possessive_names_the_licensor() -> None:
    assert roles("Merck pays $120M upfront for ex-China rights to Lanvia Bio's GLP-1 pill") == ("Lanvia Bio", "Merck")


def test_it_after_said_is_the_subject() -> None:
    title = "Regenford Biosciences said on Monday that it agreed to buy Ostara Therapeutics for $2.1 billion."
    assert roles(title) == ("Ostara Therapeutics", "Regenford Biosciences")


def test_the_latter_refers_to_the_second_company() -> None:
    title = "Gilead inks a deal with Corvale Therapeutics to co-develop the latter's TIGIT antibody"
    assert roles(title, "Gilead will pay $60 million upfront.") == ("Corvale Therapeutics", "Gilead")


def test_the_firm_is_the_other_party() -> None:
    summary = "Two weeks after Pentara Therapeutics Inc. filed for an IPO, Roche is paying $900 million to take over the firm."
    assert roles(summary, summary) == ("Pentara Therapeutics", "Roche")


def test_descriptors_are_not_part_of_the_name() -> None:
    lic, _ = roles("AstraZeneca to acquire US-based rare disease biotech Fennick for $1 billion")
    assert lic == "Fennick"


def test_title_case_verbs_do_not_join_names() -> None:
    assert roles("Novartis Agrees to Buy Glenmoor Medicines for $2.4 Billion") == ("Glenmoor Medicines", "Novartis")


def test_symmetric_deal_with_big_pharma_makes_it_the_licensee() -> None:
    assert roles("Kanvo Biotech and Roche sign a collaboration and license agreement for an ADC") == (
        "Kanvo Biotech",
        "Roche",
    )


def test_newco_is_the_licensee() -> None:
    summary = "Sunrise Pharma and two funds formed a NewCo, Arden Bio, which holds global rights; Sunrise receives $20 million upfront."
    assert roles("Sunrise Pharma spins out asset into NewCo", summary) == ("Sunrise Pharma", "Arden Bio")


def test_taps_y_for_makes_y_the_licensor() -> None:
    assert roles("Takeda taps Norvel Bio for its gut-selective antibody in $800 million deal") == (
        "Norvel Bio",
        "Takeda",
    )


def test_short_form_of_a_known_company_joins_its_entity() -> None:
    d = deal("Bristol Myers taps Quellan Bio for brain-shuttle technology", "BMS will pay $90 million upfront.")
    assert d is not None and Name(d["licensee"]) == "Bristol Myers Squibb" and d["licensor"] == "Quellan Bio"


def test_ticker_symbol_inside_a_drug_code_is_not_the_company() -> None:
    lic = roles("Ardent Therapeutics (Nasdaq: ARDT) licenses ARDT-204 from Kyowa Kirin")
    assert lic == ("Kyowa Kirin", "Ardent Therapeutics")


def test_agreement_with_y_for_a_licence_makes_the_subject_the_licensee() -> None:
    lic = roles("Dorvane Bio signs licence agreement with Eli Lilly for an exclusive worldwide licence to an antibody")
    assert lic == ("Eli Lilly", "Dorvane Bio")


def test_payment_to_y_makes_y_the_licensor() -> None:
    d = deal(
        "Dorvane Bio signs licence agreement with Eli Lilly",
        "Dorvane will make an up-front payment to Lilly of US$250,000 and milestone payments of up to US$1 million.",
    )
    assert d is not None and Name(d["licensor"]) == "Lilly" and d["upfront"] == 250_000 and d["total"] == 1_250_000


def test_number_word_starting_a_suffixed_name_is_kept() -> None:
    d = deal("Six Rivers Therapeutics Inc. licenses antibodies to Seagen for $5 million upfront")
    assert d is not None and d["licensor"] == Name("Six Rivers Therapeutics")


def test_buying_rights_is_a_licence_not_an_acquisition() -> None:
    d = deal("Spectrum buys rights to Calder Labs' cancer program for $2 million upfront")
    assert d is not None and d["deal_type"] == "license"


# ------------------------------------------------------------------------------------------------ roles, Chinese


def test_xiang_grant_makes_x_the_licensor() -> None:
    assert roles("恒瑞医药向默沙东授权一款口服小分子，首付款2亿美元") == ("恒瑞医药", "默沙东")


def test_jiang_grant_gei_makes_x_the_licensor() -> None:
    assert roles("科望生物将其双抗的海外权益授权给礼来，首付款5000万美元") == ("科望生物", "礼来")


def test_x_grants_y_directly_makes_x_the_licensor() -> None:
    assert roles("石药集团(01093.HK)授权阿斯利康一款口服新药 首付款1.1亿美元") == ("石药集团", "阿斯利康")


def test_stock_code_in_brackets_is_not_a_party() -> None:
    lic = roles("印度药企向Abbvie(ABBV.US)授权新药", "Glenmark将其新药授权予Abbvie，首期将获支付7亿美元。")
    assert lic == ("Glenmark", "Abbvie")


def test_object_of_yu_after_a_country_is_not_the_subject() -> None:
    lic = roles(
        "中裕新药与Theratechnologies签销售契约",
        "中裕(4147)爱滋病新药TMB-355与加拿大Theratechnologies签订独家销售契约，除200万美元签约金外，两年内可取得签约金及哩程金达2000万美元。",
    )
    assert lic == ("中裕", "Theratechnologies")


def test_counterpart_of_the_announcer_is_not_the_announcer() -> None:
    d = deal(
        "公告本公司与北京墨元医药技术有限公司签订产品销售协议",
        "本公司与北京墨元医药技术有限公司(下称墨元)签署协议，授予墨元独家开发权及销售权，本公司将取得许可费合计人民币贰仟叁佰叁拾万元。",
    )
    assert d is not None and d.get("licensor") is None and Name(d["licensee"]) == "北京墨元医药技术有限公司"
    assert d["total"] == 23_300_000 and d["currency"] == "CNY"


def test_x_obtains_y_rights_makes_x_the_licensee() -> None:
    assert roles("华东医药获得恺琳生物一款抗体在大中华区的独家许可权益") == ("恺琳生物", "华东医药")


def test_x_introduces_y_asset_makes_x_the_licensee() -> None:
    assert roles("远大医药从康赛生物引进一款眼科新药，首付款3000万元") == ("康赛生物", "远大医药")


def test_passive_bei_acquisition() -> None:
    assert roles("明泰生物被辉瑞以12亿美元收购") == ("明泰生物", "辉瑞")


def test_x_acquires_y_in_traditional_script() -> None:
    assert roles("諾華宣布以30億美元收購美國生技公司Halden Therapeutics") == ("Halden Therapeutics", "諾華")


def test_money_receiver_is_the_licensor() -> None:
    summary = "根据协议，信立泰将获得8000万美元首付款，并有资格获得最高10亿美元的里程碑付款。"
    assert roles("信立泰与赛诺菲签署独家许可协议", summary) == ("信立泰", "赛诺菲")


def test_subsidiary_role_goes_to_the_parent() -> None:
    title = "康哲药业公告，其全资子公司康联生物与阿斯利康签署许可协议，康联生物将获得6000万美元首付款。"
    assert roles(title) == ("康哲药业", "阿斯利康")


def test_announcer_is_the_company_in_filings() -> None:
    summary = "本公司将向科诺生物支付首付款人民币5000万元，并获得该产品在中国大陆的独家许可权利。"
    assert roles("凯锐医药：关于签署独家许可协议的公告", summary) == ("科诺生物", "凯锐医药")


# ------------------------------------------------------------------------------------------------ names


def test_generic_descriptor_is_never_a_party() -> None:
    lic, lee = roles("美國生物製藥公司Corvena向瑞士製藥巨頭羅氏授權一款抗體，首付款1億美元")
    assert lic == "Corvena" and lee == "羅氏"


def test_ticker_marks_a_name_outside_the_lexicon() -> None:
    assert roles("康立泰(09988.HK)向诺华授权一款siRNA药物，首付款1.5亿美元") == ("康立泰", "诺华")


def test_legal_suffix_marks_a_name_outside_the_lexicon() -> None:
    lic, lee = roles("Brevik Pharma AG licenses its antibody to Kyowa Kirin for $25 million upfront")
    assert lic == "Brevik Pharma AG" and lee == "Kyowa Kirin"


def test_defined_short_form_is_used() -> None:
    summary = "公司与苏州新锐生物科技有限公司(以下简称“苏州新锐”)签署协议，公司获得苏州新锐一款产品的独家许可。"
    lic, _ = roles("宏辉药业:关于签署独占许可协议的公告", summary)
    assert lic == "苏州新锐"


def test_a_disease_and_new_drug_is_not_a_company() -> None:
    d = deal("智擎将血癌新药授权给Servier 签约金5000万美元")
    assert d is not None and d["licensor"] == "智擎" and d["licensee"] == "Servier"


def test_kind_of_drug_before_new_drug_is_not_part_of_the_name() -> None:
    assert roles("三生国健双抗新药授权辉瑞 首付款12.5亿美元") == ("三生国健", "辉瑞")


# ------------------------------------------------------------------------------------------------ money


def test_stated_currency_wins_over_a_conversion_in_brackets() -> None:
    d = deal("Zenith Bio licenses ADC to Pfizer for $500 million (about 3.6 billion yuan) upfront")
    assert d is not None and d["upfront"] == 500_000_000 and d["currency"] == "USD"


def test_per_share_price_is_never_the_total() -> None:
    d = deal("Merck to acquire Velorant Therapeutics for $188.24 per share, or about $4.1 billion")
    assert d is not None and d["total"] == 4_100_000_000


def test_upfront_plus_milestones_when_no_total_is_stated() -> None:
    d = deal(
        "Ipsen pays $35 million upfront for Suzhou Lino's ADC", "Lino is eligible for up to $900 million in milestones."
    )
    assert d is not None and d["upfront"] == 35_000_000 and d["total"] == 935_000_000


def test_headline_total_is_taken_as_stated() -> None:
    d = deal("Biogen strikes deal worth up to $1.1 billion with Keyrun Bio", "Biogen will pay $45 million upfront.")
    assert d is not None and d["total"] == 1_100_000_000 and d["upfront"] == 45_000_000


def test_licence_for_an_amount_in_the_headline_is_the_total() -> None:
    d = deal("Corvex Bio licenses gene therapy to Ipsen for $500 million (about 3.6 billion yuan)")
    assert d is not None and d["total"] == 500e6 and d["currency"] == "USD" and "upfront" not in d


def test_bets_an_amount_on_is_the_headline_total() -> None:
    d = deal("Novo Nordisk bets $1.3B on Korvana Bio's obesity drug", "Novo will pay $200 million upfront.")
    assert d is not None and d["total"] == 1.3e9 and d["upfront"] == 200e6


def test_total_word_before_a_bundle_is_the_total() -> None:
    d = deal("开拓药业与复星医药达成许可协议", "开拓药业有权收取总金额不超过人民币5.6亿元的首付款及里程碑付款。")
    assert d is not None and d["total"] == 5.6e8 and d["currency"] == "CNY"


def test_milestones_potentially_exceeding_are_summed_with_upfront() -> None:
    d = deal(
        "Morra Therapeutics signs licensing agreement with Roche",
        "Morra will receive $66 million upfront and is eligible for milestone payments potentially exceeding $2 billion.",
    )
    assert d is not None and d["upfront"] == 66e6 and d["total"] == 2.066e9


def test_taiwanese_milestone_spelling_sums_with_signing_fee() -> None:
    d = deal("智擎新药授权Servier", "智擎将取得签约金500万美元及哩程金最高3000万美元。")
    assert d is not None and d["upfront"] == 5e6 and d["total"] == 3.5e7


def test_chinese_upfront_and_milestones_sum() -> None:
    d = deal(
        "荣森生物将RS-101海外权益授权给Calder Bio",
        "荣森生物将获得2000万美元首付款，以及最高3亿美元的开发及销售里程碑付款。",
    )
    assert d is not None and d["upfront"] == 20_000_000 and d["total"] == 320_000_000


def test_bundle_of_upfront_and_milestones_is_the_total() -> None:
    d = deal("信航生物与默沙东达成许可协议", "信航生物有权收取最高合计12亿美元的首付款及里程碑付款。")
    assert d is not None and d["total"] == 1_200_000_000 and "upfront" not in d


def test_market_size_is_not_the_deal_value() -> None:
    d = deal("Lilly signs deal worth up to $700 million with Obrix Bio; the obesity market could be worth $150 billion")
    assert d is not None and d["total"] == 700_000_000


def test_equity_investment_is_not_upfront() -> None:
    d = deal(
        "Novo Nordisk licenses peptide from Arvant Bio",
        "Arvant receives $40 million upfront plus a $20 million equity investment.",
    )
    assert d is not None and d["upfront"] == 40_000_000


# ------------------------------------------------------------------------------------------------ not deals


@pytest.mark.parametrize(
    "title",
    [
        "Pfizer in talks to acquire Veridian Bio, people familiar with the matter say",
        "Merck weighs a takeover of Corlane Therapeutics",
        "Sanofi nears deal to buy Albion Pharma",
        "Crestal Bio rejects hostile bid from Brookfield Pharma",
        "Halvern Therapeutics earns $10 million milestone from Takeda",
        "FDA approves Legend's CAR-T, partnered with J&J in a 2017 licensing deal",
        "Vantis Bio raises $120 million in a Series B financing round",
        "AbbVie terminates its licensing deal with Cotera Bio",
        "Top 10 biopharma licensing deals of the year",
        "Biotech licensing deals hit a record $60 billion in 2025",
        "消息人士称，默克正与Seagen洽谈收购事宜",
        "石药集团收到阿斯利康里程碑付款5000万美元",
        "2025年中国创新药对外授权交易总额创新高",
        "武田制药考虑收购英国罕见病药企",
        "恒瑞医药与默沙东授权合作终止",
        "Corlane Bio and Amgen amend collaboration agreement",
        "Zenas denies report it will be acquired by Roche",
        "康方生物被Summit收购？公司回应：不实",
    ],
)
def test_not_a_new_deal(title: str) -> None:
    assert deal(title) is None


def test_stock_move_because_of_a_new_deal_is_a_deal() -> None:
    summary = (
        "Shares of Orla Bio jumped after the company said it licensed its antibody to Bayer for $60 million upfront."
    )
    d = deal("Orla Bio stock soars 40%", summary)
    assert d is not None and d["licensor"] == "Orla Bio" and d["licensee"] == "Bayer"


def test_non_pharma_acquisition_is_not_a_bd_deal() -> None:
    assert deal("Disney to acquire remaining stake in a streaming service for $9 billion") is None


def test_two_deals_give_two_events_headline_first() -> None:
    title = "Novartis licenses RNAi drug from Argen Bio for $100 million upfront"
    summary = "Separately, Eli Lilly agreed to pay Lakera Pharma $25 million upfront for an oral inhibitor."
    out = get_extractor("bd_deal")(Document(Item(id="t", source="test", title=title, summary=summary)))
    assert isinstance(out, list) and out[0]["licensee"] == "Novartis" and out[1]["licensee"] == "Eli Lilly"


# ------------------------------------------------------------------------------------------------ round 2: families
# of real deal news the first rules did not read (each sentence written for the test)


def test_acquisition_noun_alone_reaches_the_extractor() -> None:
    engine = bundled_engine()
    item = Item(id="t", source="test", title="Corvane widens its heart pipeline with $900M Lystra Bio acquisition")
    assert any(m.rule.id == "bd-deal" for m in engine.match(item))


def test_noun_adjunct_acquisition_names_the_target() -> None:
    assert roles("Corvane widens its heart pipeline with $900M Lystra Bio acquisition") == ("Lystra Bio", "Corvane")


def test_country_possessive_is_a_descriptor_not_the_name() -> None:
    lic, lee = roles("Ostrel Bio has out-licensed its lead antibody to Japan’s Kuroda Pharma for the Japanese market")
    assert (lic, lee) == ("Ostrel Bio", "Kuroda Pharma")


def test_owner_possessive_keeps_the_owned_company() -> None:
    lic, lee = roles("Fenwick Ventures' Talvio inks a $60M antibody pact with Roche")
    assert lic == "Talvio" and lee == "Roche"


def test_city_and_state_descriptor_with_a_comma() -> None:
    lic, lee = roles(
        "Halden Pharma licensed its antibody to Princeton, N.J.-based Quorra Therapeutics Inc. for $30 million"
    )
    assert (lic, lee) == ("Halden Pharma", "Quorra Therapeutics")
    lic, lee = roles("Merivo Health will acquire Austin, Texas-based Pellan Bio for $210 million")
    assert (lic, lee) == ("Pellan Bio", "Merivo Health")


def test_described_subject_refers_to_the_headline_company() -> None:
    lic, lee = roles(
        "Vertex makes a rare disease bet",
        "The big biotech is paying Omrin Therapeutics $90 million upfront to grab rights to a muscle drug.",
    )
    assert (lic, lee) == ("Omrin Therapeutics", "Vertex")


def test_talks_before_an_agreement_are_not_a_rumour() -> None:
    d = deal("After months of talks, Sanofi agreed to buy Brevik Biosciences for $2.4 billion")
    assert d is not None and d["licensor"] == "Brevik Biosciences"
    assert deal("愛爾蘭藥廠Kestrel宣布,經過三個月洽談後,同意斥資20億美元收購美國藥廠Morvane") is not None


def test_with_eyes_on_is_not_a_rumour() -> None:
    assert deal("Oriel Pharma buys Tessan Bio for $300 million with eyes on its lupus drug") is not None


def test_background_offer_in_the_lead_does_not_undo_the_headline() -> None:
    d = deal(
        "Kavra Bio is out-licensing its radioenhancer to Janssen in four Asian markets.",
        "Kavra Bio is out-licensing its radioenhancer to Janssen in four Asian markets. "
        "Earlier this month, a hedge fund lodged a proposal to acquire Kavra, which shareholders rejected.",
    )
    assert d is not None and d["licensee"] == "Janssen"


def test_two_story_headline_keeps_the_deal_story() -> None:
    d = deal("Nuvex rejects $2B buyout bid from founder; Lund Pharma bags eczema drug for $20M upfront")
    assert d is not None and Name(d["licensee"]) == "Lund Pharma" and d["upfront"] == 20e6


def test_financing_and_in_licence_in_one_headline() -> None:
    assert deal("Halcyon Therapeutics raises $60M, in-licenses a lupus antibody from Novartis") is not None


def test_earnings_word_in_a_later_clause_does_not_hide_the_deal() -> None:
    assert deal("默沙东21日宣布,以10億美元價碼收購生技公司Kelvar Bio,為自家開拓新的營收來源") is not None


def test_seller_divests_brands_without_naming_the_buyer() -> None:
    d = deal("Halvorsen Pharma to divest consumer brands worth $1.2 billion")
    assert d is not None and d["licensor"] == "Halvorsen Pharma" and d["total"] == 1.2e9


def test_offload_to_names_the_buyer() -> None:
    assert roles("Tessel Health to offload two drugs to Mayne Pharma after failed buyout") == (
        "Tessel Health",
        "Mayne Pharma",
    )


def test_accepted_takeover_bid_from_private_equity() -> None:
    assert roles(
        "Dorrit Pharmaceuticals agrees £2bn takeover",
        "Dorrit Pharmaceuticals has agreed a £2bn takeover bid from private equity firm Calder Partners.",
    ) == ("Dorrit Pharmaceuticals", "Calder Partners")


def test_agreed_to_be_acquired_for_a_price_by() -> None:
    assert roles(
        "Generic drugmaker Orsa Pharma has agreed to be acquired for $1.1bn by buyout group Harlow Capital"
    ) == (
        "Orsa Pharma",
        "Harlow Capital",
    )


def test_license_in_makes_the_subject_the_licensee() -> None:
    assert roles(
        "Qintai Pharmaceuticals inked a deal with Eli Lilly to license in the greater China rights to two drugs"
    ) == (
        "Eli Lilly",
        "Qintai Pharmaceuticals",
    )


def test_acquired_rights_to_an_asset_from_a_company() -> None:
    lic, lee = roles(
        "Marlow Pharmaceuticals Co. Ltd. acquired greater China rights to Verocan, an inhaled Parkinson's disease "
        "therapy sold in the US and Europe, from Acorda Therapeutics Inc. in a deal worth as much as $140 million."
    )
    assert (lic, lee) == ("Acorda Therapeutics", "Marlow Pharmaceuticals")


def test_name_ends_at_its_legal_suffix() -> None:
    lic, lee = roles(
        "Huxley Bioscience LLC has obtained an exclusive global license for the SHP2 inhibitor HX-2376 from "
        "Suzhou-based Genwell Pharmaceutical Co. Ltd. Financial terms were not disclosed."
    )
    assert (lic, lee) == ("Genwell Pharmaceutical", "Huxley Bioscience")


def test_spac_merger_is_not_a_deal() -> None:
    assert deal("Tarrow Therapeutics to go public via a merger with blank-check firm Orion Acquisition Corp.") is None


def test_completing_an_acquisition_is_not_news_of_a_deal() -> None:
    assert deal("Astoria Pharma is completing its acquisition of Nellis Therapeutics in a £12 million deal") is None


def test_plural_deals_in_a_headline_are_a_round_up() -> None:
    assert deal("Korean platforms lead the licensing deals as big pharma shops for innovation") is None
    assert deal("Kurabe Pharma sets aside $15bn for US pharmaceutical acquisitions") is None


def test_milestone_paid_out_is_not_a_deal() -> None:
    assert (
        deal(
            "当里程碑款开始兑现",
            "先声药业公告,其与艾伯维达成的海外许可合作近期再次触发并收到了4000万美元的里程碑款项。",
        )
        is None
    )


def test_near_approval_is_an_adjective() -> None:
    d = deal("Nikko Shinyaku to pay $36M to reserve US rights to Abvaro Bio's near-approval IL-18 inhibitor")
    assert d is not None and d["licensor"] == "Abvaro Bio"


def test_biobucks_deal_is_the_total() -> None:
    d = deal(
        "Sendai Pharma pens a $686 million biobucks deal for Abvaro Bio's autoimmune drug, paying $6 million upfront"
    )
    assert d is not None and d["total"] == 686e6


def test_zh_agreement_word_xieding() -> None:
    assert (
        deal("港股异动 | 华康医药(02552)高开逾11% 与拜耳就糖尿病新药达成商业合作协定,获3亿元人民币预付款") is not None
    )


def test_zh_developer_of_the_asset_is_the_licensor() -> None:
    assert roles(
        "本公司控股子公司复锐生物与Trivex签订《许可协议》,双方将就Trivex在研的TVX-101的开发及商业化开展合作"
    ) == (
        "Trivex",
        "复锐生物",
    )


def test_zh_accepts_an_offer_made_by_the_buyer() -> None:
    assert roles("德國血漿藥廠Biovex同意接受上海萊盛母公司科瑞集團提出的14億美元收購案") == ("Biovex", "科瑞集團")


def test_zh_total_in_milestones_that_include_the_upfront() -> None:
    d = deal("先声药业与Almirall签订独家授权协议,先声药业将收取至多4.92亿美元总里程碑付款,其中包含1500万美元首付款。")
    assert d is not None and d["total"] == 4.92e8 and d["upfront"] == 1.5e7


def test_buys_into_with_rights_is_a_licence() -> None:
    d = deal(
        "Gilead buys into blood cancer cell therapy with Arvex deal",
        "The company is paying Arvex $225 million, on top of a $100 million equity investment, for rights to a CAR-T.",
    )
    assert d is not None and d["deal_type"] == "license" and d["upfront"] == 225e6


def test_zh_target_named_by_its_place_before_a_stake() -> None:
    lic, lee = roles("华康中药集团(01688.HK)拟收购数康健康全球30%股份 作价4200万港元")
    assert (lic, lee) == ("数康健康全球", "华康中药集团")


@pytest.mark.parametrize("stake", ["過半股權", "部分股权", "控股权"])
def test_zh_target_before_a_majority_or_part_stake_ends_at_the_stake(stake: str) -> None:
    d = deal(f"康瑞藥廠 50億收購QVX{stake}", "康瑞藥廠宣布,將以每股30美元購入美國生技公司QVX約55%股權,金額約5億美元。")
    assert d is not None and (d["licensor"], d["licensee"]) == ("QVX", "康瑞藥廠")  # not "QVX過半" shown to a reader


def test_a_place_of_incorporation_before_a_name_is_no_part_of_it() -> None:
    d = deal(
        "Quorvex acquired",
        "Cayman Islands-incorporated Harnell Holdings will acquire Singapore biotech Quorvex Pte for $150 million in cash.",
    )
    assert d is not None and (d["licensor"], d["licensee"]) == ("Quorvex Pte", "Harnell Holdings")


def test_a_place_where_a_party_is_headquartered_is_no_party() -> None:
    lic, lee = roles(
        "Harnell deal",
        "Harnell Biopharma, headquartered in the British Virgin Islands, licensed its antibody to Quorvex Therapeutics "
        "for $10 million upfront.",
    )
    assert (lic, lee) == ("Harnell Biopharma", "Quorvex Therapeutics")


def test_shares_moving_on_a_buyout_named_by_another_company_make_that_company_the_buyer() -> None:
    lic, lee = roles(
        "Quorvex shares soar 60% on Harnell buyout",
        "Shares of Quorvex Therapeutics rose 60% after Harnell Bio agreed to acquire the company for $450 million.",
    )
    assert (lic, lee) == ("Quorvex Therapeutics", "Harnell Bio")


def test_shares_moving_after_its_own_acquisition_keep_the_subject_as_buyer() -> None:
    lic, lee = roles(
        "Harnell shares fall after its $450M Quorvex acquisition",
        "Harnell Bio shares fell 5% after it agreed to buy Quorvex Therapeutics for $450 million.",
    )
    assert (lic, lee) == ("Quorvex Therapeutics", "Harnell Bio")


def test_a_per_share_price_or_about_an_amount_gives_the_total() -> None:
    d = deal(
        "Quorvex agrees to be bought by Harnell",
        "Quorvex Therapeutics agreed to be bought by Harnell Bio for $22 per share in cash, or about $900 million.",
    )
    assert d is not None and d["total"] == 900e6


@pytest.mark.parametrize(
    ("title", "summary", "partners"),
    [
        (
            "Harnell and Quorvex form joint venture",
            "Harnell Bio and Quorvex Therapeutics formed a joint venture to develop cell therapies in China.",
            ("Harnell Bio", "Quorvex Therapeutics"),
        ),
        (
            "康瑞生物与QVX成立合资公司",
            "康瑞生物与QVX宣布成立合资公司,共同开发细胞疗法,康瑞生物持股51%。",
            ("康瑞生物", "QVX"),
        ),
    ],
)
def test_two_companies_forming_a_joint_venture_are_a_deal_named_in_order(
    title: str, summary: str, partners: tuple[str, str]
) -> None:
    d = deal(title, summary)
    assert d is not None and d["deal_type"] == "newco"
    assert (d["licensor"], d["licensee"]) == partners


def test_paying_one_milestone_is_money_of_an_old_deal() -> None:
    assert (
        deal(
            "Harnell pays $50M milestone to Quorvex",
            "Harnell Bio paid Quorvex Therapeutics a $50 million milestone after the first patient was dosed under "
            "their 2024 licence.",
        )
        is None
    )


def test_paying_an_upfront_and_a_milestone_for_rights_is_a_new_licence() -> None:
    d = deal(
        "Harnell pays for rights",
        "Harnell Bio will pay Quorvex Therapeutics a $20 million upfront fee and a $30 million milestone on approval "
        "for rights to QX-1.",
    )
    assert d is not None and d["upfront"] == 20e6


def test_handing_a_partner_money_for_rights_makes_the_payer_the_licensee() -> None:
    lic, lee = roles(
        "Harnell hands Quorvex $80M for ADC rights",
        "Harnell Bio is handing Quorvex Therapeutics $80 million upfront for global rights to its ADC.",
    )
    assert (lic, lee) == ("Quorvex Therapeutics", "Harnell Bio")


def test_handing_a_partner_rights_makes_the_partner_the_licensee() -> None:
    lic, lee = roles(
        "Harnell hands Quorvex rights to its ADC",
        "Harnell Bio is handing Quorvex Therapeutics the global rights to its ADC for $80 million upfront.",
    )
    assert (lic, lee) == ("Harnell Bio", "Quorvex Therapeutics")


def test_two_companies_that_ink_a_priced_pact_in_a_headline_are_a_deal() -> None:
    d = deal(
        "Harnell, Quorvex ink $500M pact",
        "Harnell Bio and Quorvex Therapeutics signed a research collaboration worth up to $500 million to discover "
        "antibodies.",
    )
    assert d is not None and d["total"] == 500e6


def test_zh_priced_purchase_of_part_of_a_business_names_its_seller() -> None:
    d = deal("QVX将以12亿美元收购康瑞生物部分业务", "QVX宣布,将以12亿美元收购康瑞生物的眼科业务。")
    assert d is not None and (d["licensor"], d["licensee"]) == ("康瑞生物", "QVX")


def test_the_winner_of_a_bidding_war_agreeing_to_pay_is_the_buyer() -> None:
    lic, lee = roles(
        "Harnell wins bidding war for Quorvex",
        "Harnell Bio won a bidding war for Quorvex Therapeutics, agreeing to pay $48 a share, or $3.2 billion.",
    )
    assert (lic, lee) == ("Quorvex Therapeutics", "Harnell Bio")


def test_paying_for_a_company_named_therapeutics_is_buying_the_company() -> None:
    d = deal("Harnell wins bidding war for Quorvex", "Harnell Bio agreed to pay $3.2 billion for Quorvex Therapeutics.")
    assert d is not None and (d["deal_type"], d["total"]) == ("acquisition", 3.2e9)


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        (
            "Harnell's $2B bet on Quorvex pays off with positive data",
            "Two years after Harnell Bio acquired Quorvex Therapeutics for $2 billion, its lead drug succeeded in a "
            "Phase 3 trial.",
        ),
        (
            "Harnell's Quorvex deal faces FTC scrutiny",
            "The FTC has asked Harnell Bio for more information on its planned $2 billion acquisition of Quorvex "
            "Therapeutics.",
        ),
    ],
)
def test_a_deal_looked_back_on_or_under_review_is_no_new_deal(title: str, summary: str) -> None:
    assert deal(title, summary) is None


def test_a_new_deal_that_may_draw_scrutiny_is_still_a_deal() -> None:
    d = deal(
        "Harnell to buy Quorvex for $2B",
        "Harnell Bio on Monday agreed to buy Quorvex Therapeutics for $2 billion, a deal that could draw antitrust "
        "scrutiny.",
    )
    assert d is not None and d["total"] == 2e9


def test_zh_a_shareholders_meeting_passing_a_purchase_is_an_old_deal() -> None:
    assert deal("康瑞醫藥收購QVX案 股東會通過", "康瑞醫藥股東臨時會通過以5億美元收購QVX公司案。") is None


def test_zh_a_purchase_still_to_go_to_the_shareholders_is_a_new_deal() -> None:
    d = deal("康瑞医药拟5亿美元收购QVX", "康瑞医药公告,拟以5亿美元收购QVX公司100%股权,该事项尚需提交股东大会审议通过。")
    assert d is not None and d["total"] == 5e8
    d = deal(
        "康瑞生物与QVX签署《独占许可协议》",
        "康瑞生物发布公告,与QVX签署《独占许可协议》,将其ADC授予QVX。"
        "上述协议将在康瑞生物股东大会批准后生效,生效后康瑞生物将收到1亿美元首付款。",
    )
    assert d is not None and d["upfront"] == 1e8


def test_a_plural_possessive_ends_the_name() -> None:
    d = deal(
        "Harnell in $1.2B deal for Quorvex's T-cell engager",
        "Harnell Bio struck a deal worth up to $1.2 billion for rights to Quorvex Therapeutics' T-cell engager.",
    )
    assert d is not None and d["licensor"] == "Quorvex Therapeutics"


def test_zh_a_newco_formed_in_the_sentence_is_no_later_verbs_subject() -> None:
    lic, lee = roles(
        "康瑞生物NewCo交易落地",
        "康瑞生物宣布与美国投资机构共同成立NewCo公司Pellman Therapeutics,将其GLP-1产品海外权益授予该公司,"
        "获得首付款1亿美元及NewCo 20%股权。",
    )
    assert (lic, lee) == ("康瑞生物", "Pellman Therapeutics")


@pytest.mark.parametrize(
    "summary",
    [
        "Harnell Bio signed a licensing deal with Pellman Pharma for an amylin drug. Harnell will front $350 million and "
        "put up to $1.875 billion on the line for milestones.",
        "Pellman Pharma signed an option agreement with Harnell Bio. Under its terms, Pellman Pharma is set to receive "
        "350 million USD from Harnell Bio for the option to license its amylin drug.",
    ],
)
def test_money_fronted_or_received_now_for_a_licence_is_the_upfront(summary: str) -> None:
    d = deal("Harnell inks amylin deal with Pellman", summary)
    assert d is not None and d["upfront"] == 350e6


def test_zh_potential_payments_after_an_upfront_are_the_milestones() -> None:
    d = deal(
        "康瑞製藥與QVX簽訂獨家許可協議",
        "康瑞製藥發佈公告,公司與QVX已訂立獨家許可協議。根據許可協議,集團將收到12.50億美元的首付款,"
        "並可獲得總額最多為48億美元的潛在付款,包括開發、監管批准及銷售里程碑付款。",
    )
    assert d is not None and (d["upfront"], d["total"]) == (1.25e9, 6.05e9)


def test_a_title_case_verb_ends_the_name_before_it() -> None:
    d = deal(
        "Harnell and Pellman Pharma Collaborate on Weight Drug",
        "Swiss pharma Harnell Bio announced it has entered into an exclusive collaboration and licensing agreement with "
        "Denmark's Pellman Pharma. Pellman Pharma will receive upfront payments of $100 million.",
    )
    assert d is not None and d["licensor"] == "Pellman Pharma"


def test_an_organ_rejection_drug_is_no_rejected_bid() -> None:
    d = deal(
        "Quorvex wins $1.3B buyout",
        "Harnell Pharma has stepped up with a deal to buy out Copenhagen-based Quorvex Pharmaceuticals for $1.3 billion, "
        "bagging an organ rejection drug in the process.",
    )
    assert d is not None and (d["licensor"], d["licensee"], d["total"]) == (
        "Quorvex Pharmaceuticals",
        "Harnell Pharma",
        1.3e9,
    )


def test_a_sentence_on_the_deal_a_purchase_follows_is_background() -> None:
    lead = (
        "Harnell Holdings Inc. is making waves in M&A with its second big deal of the month, the acquisition of "
        "Quorvex Theragnostics Inc. for $250 million in cash up front and up to an additional $752.5 million in "
        "contingent payments."
    )
    d = deal(
        lead,
        lead + " The transaction follows announcement of a definitive agreement to acquire Pellman Imaging Ltd. on "
        "Jan. 13 for $350 million in cash at closing and a further $400 million in milestone payments.",
    )
    assert d is not None and (d["licensee"], d["upfront"], d["total"]) == ("Harnell Holdings Inc", 250e6, 1002.5e6)


def test_zh_a_company_that_publishes_an_announcement_ends_before_fa() -> None:
    d = deal(
        "港股异动 | 康瑞医药涨超5% 拟斥1亿元增持子公司佳禾药业10%股权",
        "智通财经APP获悉,康瑞医药(01234)早盘一度涨超5%。宏澜村发公告称,其全资子公司康瑞医药拟以1亿元收购佳禾药业10%股权。",
    )
    assert d is not None and d["licensee"] in ("康瑞医药", "宏澜村")  # not "宏澜村发"


def test_zh_a_filing_names_the_buyer_by_its_role_in_the_defined_terms() -> None:
    d = deal(
        "康瑞医药健康产业股份有限公司 关于购买资产的公告",
        "康瑞医药健康产业股份有限公司(以下简称“康瑞医药”或“公司”或“受让方”)与张某、李某、"
        "宏澜投资合伙企业(有限合伙)共3名交易对方(以下统称“转让方”)签署《关于上海佳禾医药科技股份有限公司之购买股份协议》,"
        "以现金出资5.25亿元人民币购买交易对方合计所持上海佳禾医药科技股份有限公司(以下简称“佳禾医药”或“标的公司”)70%股权。",
    )
    assert d is not None and Name(d["licensee"]) == "康瑞医药" and Name(d["licensor"]) == "佳禾医药"


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        (
            "有投资者在投资者互动平台提问:公司控股子公司康瑞生物才收到默沙东1000万美元合作意向金,不是什么临床都要默沙东同意吧?",
            "有投资者在投资者互动平台提问:公司控股子公司康瑞生物才收到默沙东1000万美元合作意向金,不是什么临床都要默沙东同意吧?",
        ),
        (
            "傳輝瑞擬再洽併佳禾藥廠",
            "(中央社台北電)彭博報導,熟悉內情的人士說,美國最大的製藥公司輝瑞大藥廠計畫重啟併購佳禾藥廠公司。"
            "如果輝瑞果真重新出手,將是醫藥產業最大的併購行動之一。",
        ),
        (
            "药企掀海外寻药潮",
            "近期,康瑞医药、佳禾药业、宏澜制药等药企,纷纷通过投资并购、协议引进等方式探寻海外机会。康瑞医药拟以1亿元收购QVX公司。",
        ),
        (
            "Harnell Announces Closing of Asset Purchase Agreement with Quorvex",
            "Harnell Pharma announced today the closing of the remaining assets under the asset purchase agreement entered "
            "on May 13 with Quorvex Therapeutics for certain ophthalmology drugs.",
        ),
    ],
)
def test_not_news_of_a_new_deal_investor_qa_rumour_roundup_closing(title: str, summary: str) -> None:
    assert deal(title, summary) is None


def test_a_technology_transfer_agreement_is_a_licence_out() -> None:
    d = deal(
        "Pellman Biosciences signs technology transfer agreement with Harnell",
        "Pellman Biosciences, a South Korean drug company, announced that it signed a technology transfer agreement with "
        "US biopharmaceutical company Harnell Bio to transfer its antibody-drug conjugate technology. The contract could "
        "be worth 1.6 trillion won ($1.2 billion).",
    )
    assert d is not None and (d["licensor"], d["licensee"], d["total"], d["currency"]) == (
        "Pellman Biosciences",
        "Harnell Bio",
        1.6e12,
        "KRW",
    )


def test_a_technology_transfer_contract_with_a_down_payment() -> None:
    d = deal(
        "Pellman Biotech transfers 43 billion won worth of technology to Harnell",
        "Pellman Biotech signed a technology transfer contract worth 32 million dollars with Harnell Pharma's "
        "regenerative medicine center. It will receive $15 million as a down payment.",
    )
    assert d is not None and (d["licensor"], d["upfront"]) == ("Pellman Biotech", 15e6)


def test_a_licence_of_a_receptor_agonist_passes_the_pharma_gate() -> None:
    d = deal(
        "Harnell and Pellman Shinyaku enter into a license agreement on novel compound",
        "Harnell Ltd and Pellman Shinyaku signed a license agreement on an oral receptor agonist discovered by Pellman "
        "Shinyaku for pulmonary arterial hypertension. Pellman Shinyaku will receive an upfront payment from Harnell.",
    )
    assert d is not None and (Name(d["licensor"]), Name(d["licensee"])) == ("Pellman Shinyaku", "Harnell")


def test_a_purpose_before_an_acquisition_and_the_board_that_approved_it_are_no_parties() -> None:
    d = deal(
        "Harnell Pharmaceuticals to Expand Rare Disease Portfolio with Acquisition of US-based Quorvex Pharmaceuticals",
        "Harnell Pharmaceuticals Co., Ltd. today announced that its Board of Directors has approved the acquisition of "
        "US-based Quorvex Pharmaceuticals, Inc., a specialty pharmaceutical company developing treatments for rare "
        "diseases.",
    )
    assert d is not None and (Name(d["licensor"]), d["licensee"]) == (
        "Quorvex Pharmaceuticals",
        "Harnell Pharmaceuticals",
    )


def test_an_organ_descriptor_in_a_title_case_headline_is_no_party() -> None:
    d = deal(
        "Harnell to Acquire Eye Drug Company Quorvex for $225 Million",
        "Harnell Pharmaceutical and Quorvex Holdings entered into a share purchase agreement where Harnell acquires all "
        "of the outstanding shares of Quorvex.",
    )
    assert d is not None and d["licensor"] == "Quorvex"


def test_zh_selling_a_subsidiary_to_a_buyer_is_a_deal() -> None:
    d = deal("康瑞医药拟出售子公司股权", "康瑞医药公告,公司拟以2亿元向佳禾集团出售全资子公司康瑞制药100%股权。")
    assert d is not None and (d["licensor"], d["licensee"], d["total"]) == ("康瑞医药", "佳禾集团", 2e8)


def test_zh_a_shareholder_selling_shares_is_no_deal() -> None:
    assert deal("康瑞医药股东出售股票", "康瑞医药公告,公司股东佳禾投资拟通过大宗交易出售所持公司2%股份。") is None


def test_zh_signed_licence_with_an_unnamed_licensor() -> None:
    d = deal(
        "君泰生物:关于签署许可协议的公告",
        "近日,上海君泰生物医药科技股份有限公司(以下简称“公司”)与许可方签署了《许可协议》。根据许可协议,"
        "许可方授予公司在大中华区内开发、制造和商业化两款双靶点融合蛋白的独占许可权利。",
    )
    assert d is not None and Name(d["licensee"]) == "君泰生物"


def test_zh_unsolicited_tender_offer_is_not_a_deal() -> None:
    assert deal("國內藥廠健康(4199)宣布擬透過公開收購方式,以每股現金24元取得另一家藥廠健遠生技15%至30%股權") is None


def test_fraud_claim_about_an_old_buyout_is_not_a_deal() -> None:
    assert deal("Hyland claims it was duped by fraudulent data into $570M Andros Biotech buyout") is None


def test_zh_consideration_set_at() -> None:
    d = deal(
        "中國生物製藥斥資收購赫康生物",
        "根據協議條款,此次交易的最高基礎代價定為12億元人民幣,完成後赫康生物將成為其全資附屬公司。",
    )
    assert d is not None and d.get("total") == 1.2e9


def test_dateline_then_lead_clause_about_data() -> None:
    lic, lee = roles(
        "SEOUL – Following positive phase 2 data on Hanra Pharmaceutical Co. Ltd.’s weekly agonist, the Seoul-based "
        "company has exclusively licensed the drug to Merck & Co. Inc. for the indication."
    )
    assert (lic, lee) == ("Hanra Pharmaceutical", "Merck & Co.")


def test_zh_marketing_authorisation_holder_is_not_a_deal_word() -> None:
    d = deal(
        "港股异动 | 华康医药(02552)高开逾11% 与拜耳就糖尿病新药达成商业合作协定",
        "华康医药公布,公司与拜耳医药保健有限公司就糖尿病新药在中国达成商业合作协定。根据协定条款,公司作为药品上市许可持有人"
        "将负责临床开发;拜耳将负责市场推广。华康医药将获得3亿元人民币的预付款,此外其还将获得额外最高可达到41.8亿元人民币的"
        "销售里程碑付款。",
    )
    assert d is not None and d["upfront"] == 3e8 and d["total"] == 4.48e9


def test_the_latters_technology_names_the_licensor() -> None:
    lic, lee = roles(
        "China’s Arcton Vision Biotechnology Co. Ltd. has entered into an exclusive deal with New York-based Eyevia "
        "Inc. to develop eye drops that are delivered using the latter’s first-in-class microdosing spray technology."
    )
    assert (lic, lee) == ("Eyevia", "Arcton Vision Biotechnology")


def test_acronym_before_a_head_word_is_a_name() -> None:
    lic, lee = roles(
        "ADC Therapeutics, Kanto Pharma ink lymphoma licensing pact in Japan",
        "Under the agreement terms, ADC Therapeutics will receive an upfront payment of $30 million from Kanto Pharma.",
    )
    assert (lic, lee) == ("ADC Therapeutics", "Kanto Pharma")


def test_hand_off_rights_to_skips_the_rights_to_asset() -> None:
    assert roles(
        "Israeli biotech Cellora Ltd. will hand off the rights to its stem cell mobilizer in Asia to China’s Gloria "
        "Pharma Co. Ltd. via an out-licensing deal worth up to $280 million"
    ) == ("Cellora", "Gloria Pharma")


def test_licensed_rights_to_a_companys_product_makes_it_the_licensor() -> None:
    assert roles(
        "In a deal worth up to $108 million, eye startup Lumina Biosciences Ltd. has licensed the global rights to "
        "Fibrex Inc.’s biosynthetic cornea"
    ) == ("Fibrex", "Lumina Biosciences")


def test_by_paying_belongs_to_the_sentence_subject() -> None:
    assert roles(
        "Bristol Myers Squibb will pick up the rights to Lanbio Co. Ltd.’s heart drug, Camvora, in six Asian countries "
        "by paying $350 million up front"
    ) == ("Lanbio", "Bristol Myers Squibb")


def test_promising_to_pay_a_described_company() -> None:
    assert roles(
        "GSK plc is the latest pharma giant to bite on ADCs, promising to pay the Chinese developer Hanwei "
        "Pharmaceutical Co. Ltd. $85 million up front in a licensing deal"
    ) == ("Hanwei Pharmaceutical", "GSK")


def test_deal_for_y_to_develop_names_the_licensee() -> None:
    assert roles(
        "Shanghai-based Henwell Biotech Inc. and India’s Intara Pharmaceuticals Ltd. agreed upon a €185 million "
        "licensing deal for Intara to develop and sell Henwell’s lung cancer drug across Europe"
    ) == ("Henwell Biotech", "Intara Pharmaceuticals")


def test_signed_licensing_deal_between_two_named_companies_without_roles() -> None:
    d = deal(
        "Irvine, Calif.-based Trigon Therapeutics Inc. has signed an exclusive licensing deal with Shanghai-based "
        "Elpis Biopharmaceuticals Co. Ltd. The two companies will develop an antibody in mainland China."
    )
    assert d is not None


def test_zh_amount_written_out_in_full() -> None:
    d = deal("本公司公布收购事项,收购上海隆达生物科技合共约67%股本权益,代价之最高金额约为人民币227,773,087元。")
    assert d is not None and d["total"] == 227_773_087 and d["currency"] == "CNY"


def test_approved_as_an_adjective_is_not_an_approval() -> None:
    d = deal("Shionara will pay $2.5B to acquire one of the only approved ALS drugs from Tanaka Pharma")
    assert d is not None and d["licensor"] == "Tanaka Pharma"


def test_zh_upfront_received_under_an_old_agreement_is_not_a_deal() -> None:
    assert (
        deal(
            "【公告】合康收到國際大藥廠LEO PHARMA A/S依約支付第二階段新藥授權簽約金1,512萬美金,合計已收到3,360萬美金全額簽約金"
        )
        is None
    )


def test_zh_seller_shareholder_is_not_the_company_bought() -> None:
    d = deal(
        "北京康泰药业股份有限公司关于支付现金收购资产的公告",
        "公司子公司康泰生物向泰华国际股东BVI公司支付现金9亿元购买其持有的泰华国际100%股份,从而实现对密康息资产的收购。",
    )
    assert d is not None and d["licensor"] == "泰华国际" and d["total"] == 9e8


def test_more_if_milestones_are_met_is_milestone_money() -> None:
    d = deal(
        "Astor Pharma will license obesity drugs from Caspian Pharmaceutical Group, paying $1.2 billion upfront and up to "
        "$17.3 billion more if development and sales milestones are met"
    )
    assert d is not None and d["upfront"] == 1.2e9 and d["total"] == 18.5e9


def test_analysis_of_a_deal_model_is_not_a_deal() -> None:
    assert deal("Understanding the NewCo Model: A Trending Approach of Chinese Pharmaceutical Companies") is None
    assert deal("Equity Investment + Licensing: The NewCo Model Paves a New Path for Chinese Pharma Companies") is None


def test_nabs_reaches_the_extractor_and_names_the_buyer() -> None:
    engine = bundled_engine()
    item = Item(id="t", source="test", title="Corvane Pharma nabs Lystra Bio for $900M to add a heart drug")
    matches = [m for m in engine.match(item) if m.rule.id == "bd-deal"]
    assert matches and matches[0].fields["licensee"] == "Corvane Pharma"


def test_licensed_rights_to_a_company_for_a_drug_names_the_recipient() -> None:
    assert roles(
        "In a deal worth as much as $600 million, Lanza Medicines Ltd. licensed exclusive global rights to "
        "Astrazeneca plc for LZ-305, an antibody-drug conjugate for multiple myeloma."
    ) == ("Lanza Medicines", "AstraZeneca")


def test_zh_name_known_by_its_stock_code_is_a_party_where_written_without_it() -> None:
    assert roles(
        "《異動股》泓遠藥業復牌升40%,獲康盛合聯溢價五成要約收購",
        "康盛合聯(02399)作為要約人向泓遠藥業提出自願現金要約,總代價約12億港元。",
    ) == ("泓遠藥業", "康盛合聯")


def test_a_lead_confirming_rumours_with_a_signed_agreement_is_a_deal() -> None:
    assert roles(
        "Official: Harlow Pharma to acquire Denvi Therapeutics for $2.1 billion",
        "Confirming weekend speculation and rumors, Harlow Pharma said it has entered into a definitive agreement "
        "to acquire Denvi Therapeutics for $41 per share in cash.",
    ) == ("Denvi Therapeutics", "Harlow Pharma")


def test_confirmed_talks_are_still_talks() -> None:
    assert (
        deal(
            "Harlow Pharma confirms talks to acquire Denvi Therapeutics",
            "Harlow Pharma confirmed it is in talks with Denvi Therapeutics, but said no agreement has been signed.",
        )
        is None
    )


def test_zh_a_legal_suffix_alone_is_never_a_party() -> None:
    lic, lee = roles(
        "嘉和生物授权辉瑞一款双抗",
        "嘉和生物宣布,其全资子公司Corvane,Inc. 近期将收到辉瑞支付的5000万美元首付款。",
    )
    assert lic not in ("Inc", "Inc.") and lee == "辉瑞"


def test_a_plan_the_lead_goes_on_to_source_to_unnamed_people_is_not_a_deal() -> None:
    assert (
        deal(
            "Harlow Pharma plans to acquire Denvi Therapeutics",
            "Harlow Pharma plans to buy its smaller rival Denvi Therapeutics for $3.1 billion. Sources said Harlow had "
            "recently approached Denvi, noting that no final decision had been made.",
        )
        is None
    )


def test_the_year_of_the_megadeal_is_commentary() -> None:
    assert (
        deal(
            "For Chinese drug developers, 2025 is shaping up as the year of the mega deal",
            "Several drug developers have signed licensing agreements with eye-popping headline figures. For example, "
            "Corvane Bio signed over rights to a bispecific antibody to Pfizer for an initial $1.2 billion.",
        )
        is None
    )


def test_an_example_of_an_earlier_deal_is_not_news_of_one() -> None:
    assert deal("For example, Corvane Bio licensed its lead antibody to Pfizer for $50 million upfront.") is None


def test_a_deal_model_called_suitable_is_commentary() -> None:
    assert (
        deal(
            "NewCo may be a more suitable model for mid-sized biotechs than out-licensing",
            "On May 3, Corvane Bio said it has licensed its siRNA candidate to Lystra Therapeutics, a new company.",
        )
        is None
    )


def test_a_story_about_how_much_was_paid_in_an_old_deal_is_not_a_deal() -> None:
    assert deal("Harlow Pharma reveals just how much cash it used to buy a stake in Denvi Therapeutics") is None


def test_a_lead_recalling_last_fall_is_background() -> None:
    from rules.extract import bd_deal as B

    t = B._Text(Document(Item(id="t", source="test", title="x", summary="As we reported last fall, Harlow teamed up.")))
    t.extend()
    assert B._background(t, t.title_end, len(t.raw))


def test_a_region_written_in_the_possessive_is_not_the_party() -> None:
    lic, lee = roles("Harlow Pharma buys the Bay Area's Denvi Therapeutics for $400 million")
    assert (lic, lee) == ("Denvi Therapeutics", "Harlow Pharma")


def test_a_city_and_state_abbreviation_before_based_is_a_place_not_the_target() -> None:
    assert roles(
        "Swiss drug giant Harlow Holding AG announced plans Sunday to buy Portland, Ore.-based biotech company "
        "Denvi Therapeutics Inc for $900 million in cash."
    ) == ("Denvi Therapeutics", "Harlow Holding AG")


def test_a_lead_sentence_about_years_ago_is_background() -> None:
    assert roles(
        "Corvane announced a $140 million agreement to in-license China rights for a liver cancer antibody",
        "Two years ago, Corvane was acquired by Fosun Pharma and two equity investors. The new agreement gives Corvane "
        "rights to Lystra Therapeutics' proprietary antibody.",
    ) == ("Lystra Therapeutics", "Corvane")


def test_a_region_before_rights_is_not_the_company_acquired() -> None:
    lic, lee = roles(
        "Qinlu Medicine signed a $90 million agreement to acquire China/Western Asia rights for a diabetes drug "
        "developed by Lystra Therapeutics of North Carolina."
    )
    assert (lic, lee) == ("Lystra Therapeutics", "Qinlu Medicine")


def test_a_name_written_in_camel_case_keeps_its_lower_case_start() -> None:
    d = deal("Harlow Pharma licenses a diabetes drug from vTx Therapeutics for $8 million upfront")
    assert d is not None and d["licensor"] == "vTx Therapeutics"


def test_zh_a_latin_name_in_camel_case_is_a_candidate_party() -> None:
    d = deal("华东医药从美国uniZen引进一款糖尿病药物,首付款800万美元")
    assert d is not None and d["licensor"] == "uniZen"


def test_x_licenses_multiple_y_programs_makes_x_the_licensee() -> None:
    assert roles(
        "Expanding its neurology pipeline, Harlow Pharma Inc. has moved to license multiple Denvi Therapeutics Inc. "
        "programs for $90 million up front plus up to $1.1 billion in milestone payments."
    ) == ("Denvi Therapeutics", "Harlow Pharma")


def test_x_hands_y_the_rights_makes_y_the_licensee() -> None:
    assert roles("Denvi Therapeutics hands Qinlu Pharmaceutical the rights to its lead cancer program in China") == (
        "Denvi Therapeutics",
        "Qinlu Pharmaceutical",
    )


def test_the_biotech_opening_a_grant_sentence_is_the_story_subject_not_the_other_party() -> None:
    assert roles(
        "Denvi Therapeutics is gaining a development partner in Asia through a partnership worth $118 million.",
        "The biotech is handing Qinlu Pharmaceutical the rights to its lead cancer program in exchange for $10 million "
        "upfront.",
    ) == ("Denvi Therapeutics", "Qinlu Pharmaceutical")


def test_x_will_pay_y_upfront_for_global_rights_still_makes_y_the_licensor() -> None:
    assert roles(
        "Harlow Pharma will pay Qinlu Pharmaceuticals $300 million upfront for global rights outside China to a "
        "PDE3/4 inhibitor."
    ) == ("Qinlu Pharmaceuticals", "Harlow Pharma")


def test_zh_non_refundable_upfront_and_milestones_together_are_a_bundle() -> None:
    d = deal(
        "复宏药业与英国Lystra Bio达成许可协议",
        "复宏药业将向Lystra Bio授予FXS1234的全球权利。Lystra Bio将向复宏药业支付至多1.5亿美元不可退还的首付款、开发及"
        "商业化里程碑付款,并支付至多3亿美元的销售里程碑款项。",
    )
    assert d is not None and "upfront" not in d and d["total"] == 4.5e8


def test_zh_an_amount_of_shares_is_equity_not_the_total() -> None:
    d = deal(
        "复宏药业向Lystra Bio授权一款小分子抑制剂",
        "Lystra Bio将向复宏药业支付至多3亿美元的里程碑款项,复宏药业可以零对价获得价值5000万美元的Lystra的股份。",
    )
    assert d is not None and d["total"] == 3e8


def test_a_currency_code_written_against_the_number_is_read() -> None:
    d = deal("Qinlu Pharma grants Denvi Bio rights to a heart drug in a deal worth as much as USD1.1 billion")
    assert d is not None and d["total"] == 1.1e9 and d["currency"] == "USD"


def test_a_title_case_share_move_verb_ends_the_company_name() -> None:
    lic, _ = roles("China's Qinlu Rises After Granting Denvi Bio Heart Drug Rights in Up to $900 Million Deal")
    assert lic is not None and lic.lower() == "qinlu"


def test_a_share_price_in_a_currency_code_is_not_a_drug_code() -> None:
    d = deal(
        "Qinlu Pharma grants Denvi Bio exclusive rights to a heart drug for $50 million upfront",
        "Qinlu closed 5.6 percent higher at CNY72.47 a share.",
    )
    assert d is not None and "asset" not in d


def test_the_parts_an_upfront_is_made_of_are_not_added_to_it() -> None:
    d = deal(
        "Qinlu Pharma licenses a heart drug to Denvi Bio",
        "Denvi Bio will pay Qinlu an upfront fee of $60 million, including $30 million in cash and $30 million worth "
        "of Denvi Bio shares.",
    )
    assert d is not None and d["upfront"] == 6e7


def test_zh_unnamed_headline_over_a_milestone_lead_is_commentary() -> None:
    assert (
        deal(
            "单笔里程碑付款1.5亿,创新药交易或告别只看首付款的时代",
            "中国实验室里的创新药正成为跨国药企竞相抢购的稀缺资产。近日,泓远生物宣布全球关键注册临床试验已达成里程碑事件,"
            "触发了与辉瑞(以下简称“PFE”)合作协议项下第一笔1.5亿美元的近期或有付款条件,其全资子公司Lystra,Inc. 近期将收到款项。",
        )
        is None
    )


def test_zh_a_landmark_deal_is_not_a_milestone_payment() -> None:
    d = deal(
        "国产创新药又获大额BD交易",
        "6月26日,泓远生物宣布与美国Lystra Bio达成了一项里程碑式的国际授权合作,泓远生物将其双抗除大中华区以外的权益授予"
        "Lystra Bio,交易总金额高达12亿美元。",
    )
    assert d is not None and d["licensor"] == "泓远生物" and d["total"] == 1.2e9


def test_zh_domestic_innovative_drugs_is_not_a_company() -> None:
    from rules.extract.bd_names import ZH_GENERIC

    assert ZH_GENERIC.match("国产创新药")


def test_zh_a_lead_opening_on_deal_statistics_then_recalling_one_deal_is_a_feature() -> None:
    assert (
        deal(
            "在全球医药创新的浪潮中,中国正以惊人的速度崛起。",
            "今年上半年,中国创新药对外授权总金额已接近600亿美元。泓远生物向辉瑞授予其双抗在全球的开发权利,首付款高达10亿美元。",
        )
        is None
    )


def test_zh_cash_upfront_is_the_upfront() -> None:
    d = deal(
        "泓远生物将双抗授权给Lystra Bio", "Lystra Bio将支付4500万美元的现金首付款,以及最高达11亿美元的里程碑付款。"
    )
    assert d is not None and d["upfront"] == 4.5e7


def test_zh_warrants_worth_an_amount_are_equity_not_upfront() -> None:
    d = deal(
        "泓远生物将双抗授权给Lystra Bio",
        "交易包括3000万美元首付款、价值8000万美元的Lystra Bio认股权证,以及最高达11亿美元的里程碑付款。",
    )
    assert d is not None and d["upfront"] == 3e7


def test_zh_cash_and_stock_consideration_stays_the_total() -> None:
    d = deal("泓远医药同意以120亿美元的现金加股票的形式收购Lystra Bio")
    assert d is not None and d["total"] == 1.2e10


def test_zh_a_collective_alias_defined_with_hecheng_points_to_the_companies() -> None:
    from rules.extract import bd_deal as B
    from rules.extract.bd_names import find_names

    text = "泓远生物科技(上海)有限公司、泓远香港有限公司(以下合称“开元”)公告,康盛医药将向开元支付2亿元首付款。"
    t = B._Text(Document(Item(id="t", source="test", title=text)))
    names = find_names(t.raw, t.f, [(0, len(t.raw))], True, t.cues)
    alias = next(m for m in names.mentions if m.surface == "开元")
    assert "泓远香港有限公司" in names.entities[alias.entity].names


def test_zh_wofang_in_a_filing_is_the_announcing_company() -> None:
    assert roles(
        "康盛医药(600999.SH)发布公告,全资子公司康盛医药集团有限公司(以下合称“我方”)与泓远生物达成战略合作协议,"
        "泓远生物许可我方在中国大陆进行其长效生长激素的开发及商业化,我方支付的首付款及里程碑付款不超过人民币12亿元。"
    ) == ("泓远生物", "康盛医药")


def test_the_upfront_price_of_an_offer_that_comes_to_an_amount_is_the_upfront() -> None:
    d = deal(
        "Harlow Pharma to acquire Denvi Therapeutics",
        "Harlow Pharma will acquire all outstanding shares of Denvi Therapeutics. The upfront price of the offer for "
        "Denvi Therapeutics comes to $1 billion.",
    )
    assert d is not None and d["upfront"] == 1e9


def test_with_the_cvr_it_climbs_to_an_amount_is_the_total() -> None:
    d = deal(
        "Harlow Pharma to acquire Denvi Therapeutics",
        "Harlow Pharma will acquire all outstanding shares of Denvi Therapeutics. The upfront price comes to $1 billion. "
        "When adding the CVR it climbs to $1.3 billion.",
    )
    assert d is not None and d["total"] == 1.3e9


def test_the_company_whose_stock_moved_fills_the_role_the_lead_leaves_open() -> None:
    assert roles(
        "Why Denvi Therapeutics Stock Is Skyrocketing",
        "Shares of the clinical-stage biotech Denvi Therapeutics (DNVI) rose 80% this morning. The spark? Denvi's shares "
        "bolted higher in response to a $900 million all-cash buyout offer from the rare-disease drug giant Harlow "
        "Pharmaceuticals (HRLW). Per the terms of the deal, Harlow will pay $6.30 for each Denvi share.",
    ) == ("Denvi", "Harlow Pharmaceuticals")


def test_zh_a_small_full_stop_is_a_decimal_point() -> None:
    d = deal(
        "《異動股》泓遠藥業升3%,與輝瑞訂獨家授權預收1億美元",
        "泓遠藥業將收取1億美元的預付款,並有權收取最高3﹒7億美元的潛在開發里程碑付款及最高15﹒5億美元的潛在銷售里程碑付款。",
    )
    assert d is not None and d["total"] == 2.02e9


def test_x_lands_y_s_pill_makes_y_the_licensor() -> None:
    assert roles("Harlow Pharma lands Qinlu's obesity pill in $2B deal") == ("Qinlu", "Harlow Pharma")


def test_x_grabs_y_bispecific_makes_y_the_licensor() -> None:
    assert roles("Harlow Pharma grabs Denvi Therapeutics bispecific in $1.1B pact") == (
        "Denvi Therapeutics",
        "Harlow Pharma",
    )


def test_shareholders_approve_an_acquisition_is_not_a_new_deal() -> None:
    assert deal("Harlow shareholders approve $1.9B acquisition of Denvi Therapeutics") is None


def test_zh_shouchu_to_y_is_a_grant() -> None:
    assert roles("泓遠醫藥向輝瑞授出口服小分子全球權益 首付款2億美元") == ("泓遠醫藥", "輝瑞")


def test_zh_selling_rights_for_an_amount_names_the_seller_and_the_total() -> None:
    d = deal("泓远集团10亿美元出售两款ADC权益")
    assert d is not None and d["licensor"] == "泓远集团" and d["total"] == 1e9


def test_x_licenses_an_unnamed_biotechs_drug_makes_x_the_licensee() -> None:
    d = deal("Harlow Pharma licenses Chinese biotech's kidney drug in $1.5B deal")
    assert d is not None and d["licensee"] == "Harlow Pharma" and d["total"] == 1.5e9


def test_surgical_is_not_a_share_move_and_a_product_is_not_the_buyer() -> None:
    d = deal(
        "Harlow has moved to offload its Seprafix surgical barrier business for $350 million.",
        "The French drugmaker aims to hand the unit over in return for $350 million.",
    )
    assert d is None or d.get("licensee") != "Seprafix"


def test_zh_a_further_payment_received_under_the_agreement_is_not_a_new_deal() -> None:
    assert (
        deal(
            "泓远药业公布,集团附属公司已与辉瑞附属公司就候选药物HY0500订立海外许可选择权协议。",
            "根据该协议条款,集团将从辉瑞收取首付款,以及最高可达8亿美元的里程碑付款。继此前已收到该协议项下首付款后,"
            "集团已于近期进一步收到来自辉瑞支付的3000万美元款项。",
        )
        is None
    )


def test_up_to_an_amount_in_upfront_payments_and_milestones_is_the_total() -> None:
    d = deal(
        "Denvi Sciences is out-licensing its bladder drug to Harlow Pharma to commercialize it in Europe.",
        "Under the terms of the deal, Denvi will receive up to $80 million in up-front payments, regulatory and sales "
        "milestones and royalties.",
    )
    assert d is not None and d.get("total") == 8e7 and "upfront" not in d


def test_initial_cash_payments_totaling_an_amount_are_the_upfront() -> None:
    d = deal(
        "Denvi and Harlow enter $200M antibody deal",
        "The deal grants Harlow exclusive worldwide rights to the antibody. Denvi will receive initial cash payments "
        "totaling $40.0 million and could receive regulatory milestone fees of up to $160.0 million.",
    )
    assert d is not None and d["upfront"] == 4e7 and d["total"] == 2e8


def test_zh_payments_after_a_split_word_are_the_same_deals_terms() -> None:
    d = deal(
        "蓝禾制药与Corvane签订RX-7许可协议",
        "Corvane将向蓝禾制药支付至多1.5亿美元的首付款、开发及监管里程碑付款,此外,由Corvane向蓝禾制药支付至多4亿美元的"
        "销售里程碑款项。",
    )
    assert d is not None and d["total"] == 5.5e8


def test_an_upfront_and_additional_milestones_is_the_upfront_alone() -> None:
    d = deal(
        "Pellan Bio licenses its antibody to Marrow Pharma",
        "Pellan Bio is eligible to receive up to a total of $250 million, including a $20 million upfront and "
        "additional milestone payments.",
    )
    assert d is not None and d["upfront"] == 2e7 and d["total"] == 2.5e8


def test_of_upfront_payments_and_a_combined_potential_value() -> None:
    d = deal(
        "Pellan Bio signs two licence agreements with Marrow Pharma",
        "The agreements come with about $90 million of upfront payments and have a combined potential value of up to "
        "around $1.5 billion, plus royalties.",
    )
    assert d is not None and d["upfront"] == 9e7 and d["total"] == 1.5e9


def test_winning_a_licence_contract_with_a_big_pharma_does_not_make_the_winner_the_licensee() -> None:
    assert roles("Pellan Bio has won an exclusive license and collaboration contract with Novartis") == (
        "Pellan Bio",
        "Novartis",
    )


def test_winning_licence_rights_still_makes_the_winner_the_licensee() -> None:
    assert roles("Marrow Pharma wins exclusive license rights to Pellan Bio's antibody") == (
        "Pellan Bio",
        "Marrow Pharma",
    )


def test_a_licence_for_its_drug_to_the_unit_of_a_company_makes_that_company_the_licensee() -> None:
    lic = roles(
        "Pellan Bio to license its eye drug to Marrow Pharma unit",
        "Pellan Bio said on Monday it has agreed to grant a paid license for its eye drug PB-12 to the Swiss unit of "
        "Marrow Pharma.",
    )
    assert lic == ("Pellan Bio", "Marrow Pharma")


def test_getting_payments_from_a_company_makes_the_getter_the_licensor() -> None:
    lic = roles(
        "Pellan Bio and Marrow Pharma sign licence deal for eye drug",
        "Pellan Bio can get milestone payments of up to $300 million from Marrow Pharma.",
    )
    assert lic == ("Pellan Bio", "Marrow Pharma")


def test_a_dotted_legal_form_stays_part_of_the_name() -> None:
    d = deal(
        "Pellan Bio licenses its eye drug to Marrow", "Pellan Bio will receive $12 million from Marrow Specialty S.A."
    )
    assert d is not None and d["licensee"].startswith("Marrow Specialty S.A")


def test_outlicensed_without_a_hyphen_makes_the_subject_the_licensor() -> None:
    lic = roles(
        "Last week, China-based Pellan Bio outlicensed the global rights to its siRNA candidate PB-7.",
        "The rights were acquired by the US fund Orvane Capital through its NewCo Kalo Bio in a deal worth up to $900 "
        "million.",
    )
    assert lic[0] == "Pellan Bio" and lic[1] in ("Kalo Bio", "Orvane Capital")  # the NewCo or its owner


def test_an_option_fee_is_the_upfront() -> None:
    d = deal(
        "Pellan Bio grants Marrow Pharma an option to license PB-7",
        "Marrow Pharma will pay Pellan Bio a $12 million non-refundable option fee.",
    )
    assert d is not None and d["upfront"] == 1.2e7


def test_additional_payments_after_the_upfront_are_milestones() -> None:
    d = deal(
        "Marrow Pharma licenses PB-7 from Pellan Bio",
        "Marrow Pharma will pay Pellan Bio $12 million upfront, with up to $300 million in additional payments.",
    )
    assert d is not None and (d["upfront"], d["total"]) == (1.2e7, 3.12e8)


@pytest.mark.parametrize(
    "title",
    [
        "佩蘭生物與Marrow Pharma訂立授權協議,可收取最高8億美元",
        "佩兰生物与Marrow Pharma订立授权协议,将获得最高达8亿美元的款项",
    ],
)
def test_what_the_licensor_may_receive_up_to_is_the_total(title: str) -> None:
    d = deal(title)
    assert d is not None and (d.get("upfront"), d["total"], d["currency"]) == (None, 8e8, "USD")


@pytest.mark.parametrize(
    ("title", "licensor"),
    [
        ("圣和药业将SH-10海外权益授予Marrow Pharma", "圣和药业"),  # 和 is a character of the name
        ("以岭药业将YL-2海外权益授予Marrow Pharma", "以岭药业"),
        ("Marrow Pharma与圣和药业达成授权协议,获得SH-10全球权益", "圣和药业"),  # 与 is the conjunction
    ],
)
def test_a_conjunction_character_inside_a_chinese_name_is_part_of_it(title: str, licensor: str) -> None:
    assert roles(title) == (licensor, "Marrow Pharma")


def test_the_announcer_of_a_licence_and_its_fees_is_the_licensor() -> None:
    assert roles(
        "樂門生技與美國Marrow簽署獨家授權合約 授權金最高達1.2億美元",
        "樂門生技今日公告,與美商Marrow Pharma簽訂新藥LM-3的獨家授權合約,簽約金500萬美元。",
    ) == ("樂門生技", "Marrow Pharma")


def test_the_announcer_that_pays_the_fees_is_the_licensee() -> None:
    assert roles(
        "樂門生技與美國Marrow簽署獨家授權合約",
        "樂門生技今日公告,與美商Marrow Pharma簽訂新藥LM-3的獨家授權合約,樂門生技將支付簽約金500萬美元。",
    ) == ("Marrow Pharma", "樂門生技")


def test_contingent_value_rights_alone_are_not_the_price_of_an_acquisition() -> None:
    d = deal(
        "Marrow Pharma to buy Pellan Bio",
        "Pellan Bio shareholders may receive additional value through a contingent value right that will pay $4.00 "
        "per share upon approval, representing a potential additional $646 million in aggregate contingent "
        "consideration.",
    )
    assert d is not None and d["deal_type"] == "acquisition" and "total" not in d


def test_the_company_granted_an_option_is_not_the_one_that_receives_the_payment() -> None:
    assert roles(
        "樂門生技股價急升",
        "樂門生技公布,就授予Marrow Pharma獨家選擇權以就LM-3訂立獨家許可而訂立協議,將收到5000萬美元的選擇權付款,並有權收取最高3億美元的里程碑付款。",
    ) == ("樂門生技", "Marrow Pharma")


def test_the_group_after_a_conditional_clause_is_the_announcer() -> None:
    assert roles(
        "樂門生技股價急升",
        "樂門生技公布與Marrow Pharma訂立選擇權協議,倘Marrow Pharma行使選擇權,該集團可獲得最高8億美元的行使費。",
    ) == ("樂門生技", "Marrow Pharma")


@pytest.mark.parametrize(
    "summary",
    [
        "Pellan Bio will receive a $40 million option payment and up to $500 million in milestones.",
        "樂門生技將收到4000萬美元的選擇權付款,並可獲得最高5億美元的里程碑付款。",
    ],
)
def test_an_option_payment_is_the_upfront(summary: str) -> None:
    d = deal("Marrow Pharma takes an option on a Pellan Bio drug", summary)
    assert d is not None and d.get("upfront") == 40_000_000 and d.get("total") == 540_000_000


@pytest.mark.parametrize(
    "title",
    [
        "Marrow Pharma Upgraded To Buy At Citi",
        "Marrow Pharma upgraded to Buy at Citi",
        "Marrow Pharma initiated at Buy",
    ],
)
def test_a_rating_of_buy_is_not_an_acquisition(title: str) -> None:
    assert deal(title) is None


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        ("乐门药业公告称,公司正在商议购买境外一家生物药公司的控股权", "目前尚未签订正式收购协议。"),
        ("Marrow Pharma Passes on Option-to-Buy $400 Million Deal for Pellan Bio", ""),
    ],
)
def test_a_deal_under_negotiation_or_an_option_passed_on_is_not_a_deal(title: str, summary: str) -> None:
    assert deal(title, summary) is None


def test_a_hostile_bid_that_ends_in_a_merger_agreement_is_a_deal_at_its_stated_price() -> None:
    d = deal(
        "乐门药业宣布与美国Pellan Bio达成并购协议,收购价码提高到大约20亿美元,结束敌意并购",
        "乐门药业将以每股14美元现金收购Pellan Bio;若包含现金与承接债务,这桩并购案的总值约25亿美元。",
    )
    assert d is not None and (d["licensor"], d["licensee"], d["total"]) == ("Pellan Bio", "乐门药业", 2_000_000_000)


def test_a_target_agreeing_to_accept_an_offer_with_a_bracketed_conversion_is_acquired() -> None:
    d = deal("德國藥廠Pellan Bio同意接受樂門集團提出的10億美元(約72億元,包括債務在內)的收購案。")
    assert d is not None and (d["licensor"], d["licensee"], d["total"]) == ("Pellan Bio", "樂門集團", 1_000_000_000)


def test_a_definitive_accord_after_a_remark_on_acquisitions_in_general_is_a_deal() -> None:
    d = deal(
        "In line with its policy of making strategic acquisitions, Marrow Pharma said it has entered into a "
        "definitive accord with Pellan Bio.",
        "Under the terms, Marrow Pharma will acquire Pellan Bio for $12 per share, a total cash value of about "
        "$640 million.",
    )
    assert d is not None and (d["licensor"], d["licensee"], d["total"]) == ("Pellan Bio", "Marrow Pharma", 640_000_000)


def test_a_bracket_that_breaks_down_an_earlier_deal_lends_nothing_to_this_one() -> None:
    d = deal(
        "樂門生技將新藥LM-3授權予Marrow Pharma",
        "樂門生技與美國Marrow Pharma簽署新藥授權,簽約金合計里程金共約3億美元,授權總金額超越之前某藥廠的1.5億美元"
        "(簽約金500萬美元,里程金為1.45億美元),成為台灣最大筆授權案。",
    )
    assert d is not None and d.get("total") == 300_000_000


def test_cash_payable_at_closing_is_the_upfront_and_milestones_after_it_add_to_the_total() -> None:
    d = deal(
        "Marrow Pharma to acquire Pellan Bio",
        "Marrow Pharma will acquire all shares of Pellan Bio for $120.0 million, payable at closing, and up to an "
        "additional $80.0 million on the achievement of certain development milestones.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (120_000_000, 200_000_000)


def test_a_newco_under_an_investor_is_the_licensee_not_the_investor() -> None:
    assert roles(
        "Pellan Bio grants global rights to its obesity drug to a newly established company under Marrow Capital",
        "Hermes Newco will obtain the development and commercialization rights worldwide.",
    ) == ("Pellan Bio", "Hermes")


def test_a_section_label_is_no_company() -> None:
    assert roles(
        "What: Shares of Pellan Bio rose today after the company announced a licence agreement with Marrow Pharma "
        "(MRW -0.5%) for its antibody program.",
        "So what: the company will receive an upfront payment.",
    ) == ("Pellan Bio", "Marrow Pharma")


def test_under_which_it_refers_to_the_subject_not_the_partner_just_named() -> None:
    assert (
        roles(
            "Marrow Pharma inks an option and license agreement with Hermes Labs (NYSE:HRM) subsidiary Pellan Bio Limited "
            "under which it will have the option to in-license up to six cancer drug programs"
        )[1]
        == "Marrow Pharma"
    )


def test_drug_targets_and_descriptors_are_not_parties() -> None:
    from rules.extract import bd_deal as B
    from rules.extract.bd_names import find_names

    text = "樂門製藥收購赫吉康。赫吉康是一家臨牀階段的生物科技公司,目標包括Lp(a)、ApoC3、THRbeta及HBV。"
    t = B._Text(Document(Item(id="t", source="test", title=text)))
    names = find_names(t.raw, t.f, [(0, len(t.raw))], True, t.cues)
    found = {n for e in names.entities for n in e.names}
    assert "樂門製藥" in found and not found & {"Lp", "THRbeta", "臨牀階段的生物科技"}


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        (
            "樂門醫藥(01234.HK):簽訂諒解備忘錄,擬收購香港一家藥品生產公司",
            "樂門醫藥全資附屬公司與賣方訂立諒解備忘錄,內容涉及建議收購目標公司的全部已發行股本,基礎購買價6000萬港元。",
        ),
        (
            "Marrow Pharma pulls trigger on licensing deal for Pellan Bio antibody",
            "Marrow Pharma has pulled the trigger on a licensing agreement with Pellan Bio, committing to a 200 million "
            "Swiss franc package to add the antibody to its pipeline.",
        ),
        (
            "繼樂門、合一新藥高價授權、中橡、智擎的授權案後,台創材也獲美國Repligen收購",
            "Parexel以每股85元、合計17.85億元收購國際精鼎。",
        ),
    ],
)
def test_a_memorandum_an_option_exercised_and_a_list_of_past_deals_are_not_new_deals(title: str, summary: str) -> None:
    assert deal(title, summary) is None


def test_a_quoted_share_price_is_not_an_offer() -> None:
    d = deal(
        "港股异动︱拟收购汉都医药52%股权 乐门医药(01234)复牌高开21%",
        "乐门医药(01234)拟获取一家生物医药公司52%股权,今日复牌,涨21%,报价0.91港元。",
    )
    assert d is not None and (d["licensor"], d["licensee"]) == ("汉都医药", "乐门医药")


def test_a_place_and_a_company_word_alone_are_a_name() -> None:
    assert roles(
        "Pellan Bio has entered into an exclusive licence agreement for Feramol (ferric maltol) with Korea Pharma in "
        "South Korea.",
        "Pellan Bio will receive a non-refundable upfront payment of £500,000.",
    ) == ("Pellan Bio", "Korea Pharma")


def test_a_defined_acronym_reads_as_the_full_name() -> None:
    d = deal(
        "Pellan Bio enters into license agreement with Bristol-Myers Squibb Company (BMS) for its antibody programme",
        "Under the terms, BMS is granted the rights to develop PB-101 worldwide; Pellan Bio receives an upfront "
        "payment of $40 million from BMS.",
    )
    assert d is not None and d["licensee"] == "Bristol-Myers Squibb"


@pytest.mark.parametrize(
    ("title", "summary", "upfront", "total", "currency"),
    [
        (
            "Marrow Pharma set to acquire Pellan Bio AG for up to $1.14 billion",
            "Of that, $400 million will be up front, with the remainder tied to milestones.",
            400_000_000,
            1_140_000_000,
            "USD",
        ),
        (
            "Marrow Pharma has placed a USD 1.5bn bid to acquire Pellan Bio, which has accepted the offer",
            "The offer puts the total value of the bidding at JPY 167.4bn.",
            None,
            1_500_000_000,
            "USD",
        ),
    ],
)
def test_an_upfront_that_will_be_paid_and_a_bid_in_the_headline(
    title: str, summary: str, upfront: float | None, total: float, currency: str
) -> None:
    d = deal(title, summary)
    assert d is not None and (d.get("upfront"), d.get("total"), d.get("currency")) == (upfront, total, currency)


@pytest.mark.parametrize(
    ("title", "summary", "upfront", "total"),
    [
        (  # a stock-move lead whose company is described as clinical-stage, and a CVR completing the price
            "临床阶段生物制药公司Pellan Bio(PLB.US)盘前飙涨90%,报20.5美元。",
            "消息上,乐门制药周二表示,将以约15亿美元现金收购Pellan Bio。乐门制药还将支付每股2美元的或有价值权,"
            "使合并交易价值达到约18亿美元。",
            1_500_000_000,
            1_800_000_000,
        ),
        (
            "Marrow Pharma is acquiring Pellan Bio for $935 million",
            "Marrow Pharma is paying $805 million for Pellan Bio, and will pay another $130 million when its lead drug "
            "is approved.",
            805_000_000,
            935_000_000,
        ),
        (
            "Marrow Pharma To Acquire Pellan Bio",
            "Marrow Pharma will acquire Pellan Bio for an initial payment of $7.00 per share in cash at closing, or "
            "$0.8 billion. Total consideration including the CVR, if the milestone is achieved, would be approximately "
            "$1.7 billion.",
            800_000_000,
            1_700_000_000,
        ),
        (
            "乐门制药与Pellan Bio达成全球战略合作",
            "乐门制药授予Pellan Bio LM-3的独家权益。根据协议,乐门制药将获得12亿美元首付款,还有权获得合计最高达102亿美元"
            "的潜在开发与销售里程碑付款,交易总额最高可达114亿美元。",
            1_200_000_000,
            11_400_000_000,
        ),
    ],
)
def test_the_price_that_completes_a_deal_and_the_cash_paid_first(
    title: str, summary: str, upfront: float, total: float
) -> None:
    d = deal(title, summary)
    assert d is not None and (d.get("upfront"), d.get("total")) == (upfront, total)


@pytest.mark.parametrize(
    ("title", "summary", "total"),
    [
        ("Marrow Pharma to acquire Pellan Bio", "The acquisition price will come to some ¥143.2 billion.", 143.2e9),
        (
            "Marrow Pharma announced a $1.5 billion upfront payment to partner with Pellan Bio on a cancer drug, in a "
            "deal that could eventually exceed $11 billion in value for Pellan Bio",
            "Marrow said it will co-develop Pellan Bio's drug.",
            11e9,
        ),
    ],
)
def test_a_price_that_comes_to_and_a_value_that_could_exceed(title: str, summary: str, total: float) -> None:
    d = deal(title, summary)
    assert d is not None and d.get("total") == total


def test_a_licence_awarded_to_a_pharmaceutical_company_ltd() -> None:
    assert roles(
        "Pellan Bio Ltd. (TASE: PLB) has awarded an exclusive development and commercialization license of its "
        "epilepsy treatment, PB-101, to Jiangsu Marrow Pharmaceutical Company Ltd.",
        "Pellan Bio will receive $1 million up front.",
    ) == ("Pellan Bio", "Jiangsu Marrow Pharmaceutical Company Ltd")


@pytest.mark.parametrize(
    "title",
    [
        "上海乐门医药股份有限公司关于控股子公司签署许可协议的补充公告",
        "License to Pill: Biotech and pharma deals from May 22-June 4",
        "中國創新藥崛起！全球藥廠排隊合作",
    ],
)
def test_a_supplement_a_fortnights_deals_and_a_trend_piece_are_not_deals(title: str) -> None:
    summary = (
        "乐门医药控股子公司授予Marrow Pharma在区域内的独家权益,首付款4,000万美元。"
        if "公告" in title
        else "Marrow Pharma's $400 million payment to Pellan Bio was the largest up-front fee of the licensing deals."
        if "Pill" in title
        else "國際合作日益頻繁,外國藥廠獲得中方藥品在中國以外市場的權利,首付款動輒數億美元。"
    )
    assert deal(title, summary) is None


@pytest.mark.parametrize(
    "title",
    [
        "Marrow Pharma will acquire a wholly owned subsidiary of Pellan Bio LLC for $4 billion",
        "Marrow Pharma said Tuesday that it will acquire a wholly owned subsidiary of U.S. pharmaceutical startup "
        "Pellan Bio LLC for 4 billion dollars.",
    ],
)
def test_the_buyer_of_a_subsidiary_is_not_the_subsidiary_of_its_seller(title: str) -> None:
    assert roles(title, "The subsidiary is developing a drug for psoriasis.") == ("Pellan Bio", "Marrow Pharma")


def test_an_opening_sentence_that_prices_a_deal_is_not_undone_by_recalled_rumours() -> None:
    summary = (
        "Marrow Pharma is plopping down $9.5 billion to acquire Pellan Bio, the Swiss biotech known for its iron "
        "drugs. While the buyout comes as little surprise — rumors have swirled for weeks — the price is high."
    )
    d = deal(summary.split(". ")[0] + ".", summary)
    assert d is not None and (d["licensor"], d["licensee"], d["total"]) == ("Pellan Bio", "Marrow Pharma", 9.5e9)


def test_an_opening_sentence_citing_a_report_that_a_buyer_is_nearing_a_deal_is_not_a_deal() -> None:
    summary = "据英国《金融时报》引消息指,乐门制药正接近以约70亿美元收购减肥药开发商Pellan Bio。双方仍在谈判。"
    assert deal(summary.split("。")[0] + "。", summary) is None


def test_up_to_an_amount_is_not_the_licences_recipient() -> None:
    assert roles(
        "Marrow Pharma has entered into a licensing deal worth up to $1.01 billion with Pellan Bio.",
        "Under the agreement, Marrow Pharma has acquired global rights to develop and commercialize PB-766 for an "
        "upfront payment of $150 million.",
    ) == ("Pellan Bio", "Marrow Pharma")


def test_an_otc_symbol_and_a_share_class_are_not_the_buyer() -> None:
    assert roles(
        "Marrow Pharma (OTCPK:MRWPY) has reached an agreement to buy larger rival Pellan Bio (NASDAQ:PLB) for about "
        "£46B ($62B).",
        "The deal is $30.33 in cash plus 0.839 of a new Marrow Pharma share or 1.678 Marrow Pharma ADSs.",
    ) == ("Pellan Bio", "Marrow Pharma")


def test_a_deal_expected_to_close_in_the_second_half_is_a_new_deal() -> None:
    d = deal("樂門(1234-TW)今日宣布將以2.1億美元併購美國製藥公司Pellan Bio,最快今年下半年完成交割。")
    assert d is not None and (d["licensor"], d["licensee"], d["total"]) == ("Pellan Bio", "樂門", 210_000_000)


def test_a_markets_reading_that_two_drugmakers_may_merge_is_not_a_deal() -> None:
    assert deal("兩家製藥廠樂門(1234)和康盛(5678)公告將雙雙停牌,市場解讀,雙方可能有合併計劃。") is None


@pytest.mark.parametrize(
    ("title", "licensor", "licensee"),
    [
        ("星河生物授予康盛医药一款双抗的全球权益,首付款3000万美元", "星河生物", "康盛医药"),
        ("星河生物將授予康盛醫藥一款雙抗的全球權益", "星河生物", "康盛醫藥"),
        ("星河生物获康盛医药授予一款双抗的全球权益", "康盛医药", "星河生物"),
    ],
)
def test_the_name_straight_before_grant_is_the_licensor(title: str, licensor: str, licensee: str) -> None:
    assert roles(title) == (licensor, licensee)


def test_the_price_of_an_option_is_the_upfront() -> None:
    d = deal(
        "Ardent Pharma takes an option on Pellan Bio",
        "Ardent Pharma gains an option to acquire Pellan Bio for up to $900 million, paying $45 million for the option.",
    )
    assert d is not None and (d["upfront"], d["total"]) == (45_000_000, 900_000_000)


def test_a_participle_after_the_comma_pays_for_the_sentences_subject() -> None:
    assert roles("Coastal drug player Ardent jumps on vaccine deal with Pellan Bio, paying $80M upfront") == (
        "Pellan Bio",
        "Ardent",
    )


def test_a_priced_deal_inked_with_a_partner_is_a_deal_whose_roles_are_not_stated() -> None:
    d = deal("Pellan Bio inks $210 M deal with Ardent Pharma for a proposed biosimilar")
    assert d is not None and d["total"] == 210_000_000 and "licensor" not in d and "licensee" not in d


def test_a_headline_bid_over_a_lead_that_reports_a_definitive_agreement_is_a_deal() -> None:
    d = deal(
        "Pellan Bio soars on news of takeover bid",
        "Shares of Pellan Bio jumped after it revealed a definitive agreement to be acquired by Ardent Pharma. Ardent "
        "will pay EUR 4.10 per share, an equity value of EUR 215 million.",
    )
    assert d is not None and (d["licensor"], d["licensee"], d["total"]) == ("Pellan Bio", "Ardent Pharma", 215_000_000)


def test_a_headline_bid_with_no_agreement_in_the_lead_stays_no_deal() -> None:
    assert deal("Pellan Bio soars on news of takeover bid", "Ardent Pharma offered EUR 4.10 per share in cash.") is None


def test_a_camel_case_bio_name_is_enough_pharma_context() -> None:
    assert roles(
        "BioQuell Labs (NASDAQ:BQLL) reported a merger agreement with Ardent Holdings for an equity value of $310m.",
        "Through a wholly-owned subsidiary, Ardent Holdings will commence a tender offer for all outstanding shares "
        "of BioQuell Labs at $41.00 per share.",
    ) == ("BioQuell Labs", "Ardent Holdings")


def test_a_new_deals_will_receive_upfront_is_not_money_received_under_an_old_one() -> None:
    d = deal(
        "今日港股创新药板块表现活跃。",
        "截至发稿,星河生物涨超20%。消息面上,星河生物公告与康盛医药(Kangsheng)就一款双抗达成独家授权合作,将收到2亿美元的首付款,"
        "并有资格获得最高达10亿美元的里程碑付款。",
    )
    assert d is not None and (d["licensor"], d["licensee"]) == ("星河生物", "康盛医药")


def test_a_combined_signing_and_milestone_sum_is_not_counted_twice() -> None:
    d = deal(
        "星河生技生物相似药授权康盛医药",
        "星河生技生物相似药授权康盛医药获1.2亿美元签约及里程碑金。星河生技与康盛医药签订授权合约,可获得总额达1.2亿美元的签约及里程碑金。",
    )
    assert d is not None and d["total"] == 120_000_000 and d["licensee"] == "康盛医药"


def test_a_down_payment_is_the_upfront() -> None:
    d = deal(
        "Pellan Bio enters licensing agreement with Ardent Pharma",
        "Pellan Bio will receive a one-time, non-refundable down payment of $45 million.",
    )
    assert d is not None and d["upfront"] == 45_000_000


def test_the_short_name_of_bristol_myers_in_a_us_stock_move_story() -> None:
    d = deal(
        "美股异动 | 星河生物盘前续涨5% 签署巨额授权",
        "星河生物(XHB.US)盘前续涨5%。消息上,施贵宝宣布与星河生物就双抗XH-101达成授权协议,里程碑付款最高可达80亿美元。",
    )
    assert d is not None and d["licensee"] == "施贵宝" and d["total"] == 8_000_000_000


def test_a_taiwan_merger_verb_ends_the_buyers_name() -> None:
    assert roles("樂門生技併購康盛藥業股價漲停", "樂門生技昨日宣布以新台幣30億併購康盛國際藥業,取得100%股權。") == (
        "康盛國際藥業",
        "樂門生技",
    )


def test_data_provided_by_a_market_data_house_is_no_read_out() -> None:
    d = deal(
        "Shares of Pellan Bio were soaring 60% this week, according to data provided by S&P Global Market "
        "Intelligence.",
        "The gain came after Ardent Pharma announced that it plans to acquire Pellan Bio for $80 per share in cash. "
        "That translates to a transaction size of around $4.2 billion.",
    )
    assert d is not None and (d["licensor"], d["licensee"], d["total"]) == (
        "Pellan Bio",
        "Ardent Pharma",
        4_200_000_000,
    )


def test_a_nonbinding_proposal_is_no_deal() -> None:
    assert (
        deal(
            "Shares of Pellan Bio jumped 40% on Friday.",
            "Pellan Bio said it had received a nonbinding proposal from an unnamed private equity firm to acquire the "
            "company for up to $7 per share, or more than $1.1 billion.",
        )
        is None
    )


def test_a_cvrs_aggregate_value_after_its_per_share_amount_is_contingent() -> None:
    d = deal(
        "Ardent Pharma to acquire Pellan Bio",
        "Ardent Pharma will acquire all outstanding shares of Pellan Bio at $40 per share in cash or aggregated value "
        "of $2.0 billion at closing. Pellan Bio shareholders will also receive a CVR entitling holders to a potential "
        "additional payment of $5 per share in cash or aggregated value of $0.25 billion upon approval.",
    )
    assert d is not None and (d["upfront"], d["total"]) == (2_000_000_000, 2_250_000_000)


def test_a_seller_that_inks_a_pact_with_the_buyer_to_sell_its_rights() -> None:
    assert roles(
        "Dr Reddy's inks pact with Ardent Pharma to sell rights to an anti-cancer agent",
        "Dr Reddy's Laboratories said it has inked a pact with US-based Ardent Pharmaceuticals to sell its rights to "
        "an IL-2-diphtheria toxin fusion protein. Dr Reddy's will receive USD 20 million upfront.",
    ) == ("Dr Reddy's Laboratories", "Ardent Pharma")


def test_a_merger_headline_gives_no_roles_and_the_lead_decides() -> None:
    assert roles(
        "Pellan Bio merges with Ardent Pharma",
        "Ardent Pharma, the Danish drugmaker, announced it was buying Pellan Bio, a clinical-stage biotech.",
    ) == ("Pellan Bio", "Ardent Pharma")


def test_a_record_tag_on_one_deals_headline_is_no_round_up() -> None:
    d = deal(
        "创纪录|星河医药拟斥资逾9亿美元并购印度药企",
        "星河医药公告,拟出资不超过93,500万美元收购Kestrel Pharma约80%的股权。",
    )
    assert d is not None and (d["licensee"], d["total"]) == ("星河医药", 935_000_000)


def test_a_nixed_deal_and_a_received_upfront_are_not_new_deals() -> None:
    assert (
        deal("Pellan Bio's arthritis drug deal nixed", "Ardent Pharma will hand back the rights to Pellan Bio.") is None
    )
    assert (
        deal(
            "Pellan Bio Receives Full Upfront Payment from Ardent Pharma for Asia Rights Transaction",
            "Pellan Bio announced today that it has received full upfront payment of $120 million from Ardent Pharma.",
        )
        is None
    )
    assert deal("星河生物宣布将更新与深化推进其与康盛医药于2025年3月建立的全球战略合作。") is None


def test_returning_to_a_partner_for_a_pact_takes_its_rights() -> None:
    assert roles("Ardent returns to Pellan Bio for €300M pact on an autoimmune molecule") == ("Pellan Bio", "Ardent")


def test_a_bracketed_english_name_after_a_chinese_company_word_is_still_the_prepositions_object() -> None:
    assert roles(
        "康盛医药斥资5亿美元与星河生物达成授权合作",
        "康盛医药(Kangsheng)今日宣布与星河生物公司(Xinghe Bio)签署授权协议,预先支付5000万美元,取得一款抗体的全球权利。",
    ) == ("星河生物", "康盛医药")


def test_the_merger_agreement_noun_names_no_target_and_a_long_price_keeps_the_buyer() -> None:
    d = deal(
        "关于参股公司Pellan被并购的提示性公告",
        "近日,Pellan拟与Ardent Pharma AB下属全资子公司Ardent US(以下简称:Ardent美国)签署并购协议,Ardent美国拟以6亿美元"
        "首付款(折合人民币约43亿元),以及最高达4亿美元(折合人民币约29亿元)的临床、注册和销售里程碑付款收购 Pellan 100%股权。",
    )
    assert (
        d is not None
        and (d["licensor"], d["total"]) == ("Pellan", 1_000_000_000)
        and d["licensee"].startswith("Ardent")
    )


def test_money_received_for_rights_it_grants_makes_the_receiver_the_licensor() -> None:
    assert roles(
        "Pellan Pharma shares rally after licensing deal with Ardent",
        "Under the terms of the agreement, Pellan Pharma will receive an upfront payment, license fees and royalties "
        "for the non-exclusive sub-license rights from Ardent Pharmaceuticals.",
    ) == ("Pellan Pharma", "Ardent")


def test_received_a_licence_from_a_partner_makes_the_receiver_the_licensee() -> None:
    d = deal(
        "Pellan Bio announced that it has received an exclusive license from Ardent Pharma (ARDP.US) to develop a drug "
        "in Greater China",
        "The company must pay $9 million to Ardent up front, as well as milestone payments of up to $110 million.",
    )
    assert d is not None and (d["licensor"], d["licensee"], d["upfront"]) == ("Ardent Pharma", "Pellan Bio", 9_000_000)


def test_upfront_paid_in_advance_and_long_milestone_phrases_in_chinese() -> None:
    d = deal(
        "康盛医药获得星河生物药物销售权",
        "康盛医药与星河生物签订许可协议。康盛医药将向星河生物支付2億美元首付款以及可高達5億美元的潛在額外的監管註冊、開發及商業銷售里程碑付款。",
    )
    assert d is not None and (d["upfront"], d["total"]) == (200_000_000, 700_000_000)


def test_a_headline_amount_that_is_the_leads_bracketed_conversion_takes_the_stated_currency() -> None:
    d = deal(
        "樂門砸32億元 收購康盛越南藥物授權",
        "新藥公司樂門藥業公告以1億美元(約新台幣32億元)收購康盛醫藥在越南的藥物商標及市場授權。",
    )
    assert d is not None and (d["total"], d["currency"]) == (100_000_000, "USD")


def test_paying_in_advance_to_the_target_is_the_upfront() -> None:
    d = deal(
        "Ardent 5.2億併購美生物製藥商",
        "Ardent Pharma宣布動用6.65億美元併購美國生物製藥商Pellan Biosciences。Ardent將預先向Pellan支付1.2億美元,其餘款項按研發進度支付。",
    )
    assert d is not None and (d["upfront"], d["total"]) == (120_000_000, 665_000_000)


def test_a_chinese_headlines_spaces_separate_a_results_story_from_a_deal() -> None:
    d = deal(
        "港股异动 | 星河制药(03999)跌超8% 全年纯利同比下滑1.5% 与康盛医药签订独家许可协议",
        "星河制药宣布其全资附属公司已与康盛医药签订独家许可协议。根据协议,星河将获得2亿美元首付款和最高18亿美元的潜在里程碑付款。",
    )
    assert d is not None and (d["licensor"], d["upfront"], d["total"]) == ("星河制药", 200_000_000, 2_000_000_000)


def test_title_case_verbs_end_a_name_and_fronting_is_the_upfront() -> None:
    d = deal(
        "Ardent Dives Deeper Into Neuro With $2.5B+ Pellan Bio Pact",
        "Ardent Pharma is fronting £40 million in a partnership with Pellan Bio, and will also be on the hook for up "
        "to £2 billion in milestones.",
    )
    assert d is not None and d["licensee"] == "Ardent Pharma" and (d["upfront"], d["currency"]) == (40_000_000, "GBP")


def test_a_number_word_inside_a_company_name() -> None:
    assert roles(
        "Pellan to be acquired",
        "Day One Biopharmaceuticals revealed that it will acquire Pellan Therapeutics in a deal that could reach $285 "
        "million.",
    ) == ("Pellan Therapeutics", "Day One Biopharmaceuticals")


def test_a_drug_for_a_disease_and_a_state_owned_descriptor_are_not_names_and_taiwan_yuan() -> None:
    d = deal(
        "星辰生技集團昨日宣布,旗下樂門(4799)生技開發的糖尿病足潰瘍新藥「速癒一」,授權給中國大陸央企康盛集團旗下「康盛藥業」",
        "依據合約,星辰生技集團將可先獲得約5億元簽約金。",
    )
    assert d is not None and d["licensee"] == "康盛藥業" and d["currency"] == "TWD"  # (the group's unit it names)
    assert "licensor" not in d or "新藥" not in d["licensor"]


def test_a_headline_over_a_lead_that_reports_the_closing_is_no_new_deal() -> None:
    assert (
        deal(
            "Ardent acquires Pellan for $2.1B",
            "Ardent Pharma has completed its acquisition of Pellan Bio, a developer of immunology drugs.",
        )
        is None
    )


def test_a_licence_taking_effect_after_antitrust_clearance_is_no_new_deal() -> None:
    assert (
        deal(
            "星河生物-B(02999.HK)與康盛醫藥全球戰略合作協議提前通過美國HSR法案等待期正式生效",
            "根據協議條款,星河生物將獨家授權康盛醫藥在大中華區以外地區開發兩款單抗,並獲得1.5億美元的首付款。",
        )
        is None
    )


# --- fresh set 11 -------------------------------------------------------------------------------------------------


def test_a_stake_restated_as_a_share_count_still_names_the_target() -> None:
    assert roles(
        "Kestrel Biopharma said on Monday that it has agreed to acquire a 55 percent stake, or 30 million shares, "
        "in US drug developer Lumora Therapeutics for $60 million."
    ) == ("Lumora Therapeutics", "Kestrel Biopharma")


def test_a_priced_chinese_purchase_names_its_target_up_to_the_clause_end() -> None:
    d = deal("3月2日,辉石制药宣布将以约2.4亿美元收购沃菲德中国。")
    assert d is not None and d["licensor"] == "沃菲德中国" and d["licensee"] == "辉石制药"


def test_a_rumour_that_came_true_is_a_deal() -> None:
    d = deal(
        "辉石制药30亿美元收购Norvana60%股权",
        "此前市场流传辉石制药将以35亿美元收购Norvana的传闻终于坐实,辉石制药的实际开价为30亿美元,收购Norvana股权的60%。",
    )
    assert d is not None and d["total"] == 3_000_000_000


def test_an_approval_a_payment_waits_on_is_not_news_of_an_approval() -> None:
    d = deal(
        "Lumora +60% premarket on Kestrel bid",
        "Kestrel Pharma has agreed to acquire Lumora Therapeutics for $10 per share in cash plus a contingent value "
        "right worth $1 per share if its lead drug is approved in Europe.",
    )
    assert d is not None and d["licensor"] == "Lumora Therapeutics"


def test_a_legal_suffix_with_a_slash_before_a_ticker_keeps_the_name_not_the_symbol() -> None:
    _, lee = roles(
        "Kestrel Pharma A/S (OTC:KSTRF) has agreed to acquire Lumora Therapeutics (NASDAQ:LUMO) for $8 per share."
    )
    assert lee == "Kestrel Pharma" and lee != "KSTRF"


def test_the_object_of_an_earlier_purchase_is_not_the_next_verbs_subject() -> None:
    d = deal(
        "辉石制药4.5亿美元并购美国生物技术公司 一个月两度出手",
        "日本处方药巨头辉石制药(Huishi Pharma)近期扩张,本月初刚斥资20亿美元鲸吞美国基因疗法开发商Lumora Therapeutics,"
        "周五又宣布动用4.5亿美元并购同在美国的生物技术公司Norvana Biosciences。",
    )
    assert d is not None and d["licensor"] == "Norvana Biosciences" and d["licensee"] == "辉石制药"


@pytest.mark.parametrize(
    ("lead", "value", "currency"),
    [
        ("Kestrel Pharma said it will acquire Lumora Pharma for Rs 350 crore.", 3_500_000_000, "INR"),
        ("Kestrel Pharma said it will acquire Lumora Pharma for ₹12 lakh.", 1_200_000, "INR"),
        ("Kestrel Pharma said it will acquire Lumora Pharma for 55 billion won.", 55_000_000_000, "KRW"),
    ],
)
def test_rupee_and_won_amounts_with_indian_scales(lead: str, value: int, currency: str) -> None:
    d = deal(lead)
    assert d is not None and d["total"] == value and d["currency"] == currency


def test_a_performance_payment_is_a_milestone() -> None:
    d = deal(
        "辉石制药同意收购Norvana製藥",
        "根據協議,辉石制药將向Norvana預付4億美元,隨後可能支付最多2億美元履約款。",
    )
    assert d is not None and d["upfront"] == 400_000_000 and d["total"] == 600_000_000


def test_a_short_form_that_abbreviates_a_word_reads_as_the_full_name() -> None:
    _, lee = roles(
        "Kestrel Pharma to acquire Lumora Pharmaceuticals for $120 million",
        "Kestrel Pharmaceutical Industries said on Monday it has agreed to acquire Lumora Pharmaceuticals.",
    )
    assert lee is not None and str(lee) == "Kestrel Pharmaceutical Industries"


def test_rnd_after_a_company_name_is_not_part_of_it() -> None:
    lic, _ = roles("Kestrel Pharma Acquires Lumora Therapeutics R&D Oncology Assets")
    assert lic is not None and str(lic) == "Lumora Therapeutics"


def test_a_supplementary_licence_agreement_is_not_a_new_deal() -> None:
    assert (
        deal(
            "辉石制药与Norvana签署补充许可协议",
            "辉石制药宣布与Norvana签署了补充许可协议,拓展双方原有许可协议下的许可地区,将获得5000万美元首付款。",
        )
        is None
    )


def test_a_licensing_deal_with_a_listed_partner_for_its_drug() -> None:
    assert roles(
        "Why Lumora Stock Jumped Today",
        "Lumora's shares rose after the company announced a licensing deal with Kestrel Corp. (KSTR) for its "
        "antibody LM-201.",
    ) == ("Lumora", "Kestrel Corp")


def test_a_licensing_deal_with_a_partner_to_develop_makes_the_partner_the_licensee() -> None:
    assert roles(
        "Lumora BioMedica shares rise on gene therapy deal",
        "The biotech company has inked a licensing deal with Kestrelia to develop a gene therapy for haemophilia, "
        "with $4m upfront.",
    ) == ("Lumora BioMedica", "Kestrelia")


def test_a_trend_piece_on_hot_out_licensing_is_not_a_deal() -> None:
    assert (
        deal(
            "For Asian biotechs, the out-licensing business is scorching hot",
            "Kestrel Therapeutics has since been announced as Lumora's first partner. Kestrel received $30 million "
            "upfront for its KT-11 programme.",
        )
        is None
    )


def test_the_owner_of_a_proprietary_platform_grants_the_licence() -> None:
    assert roles(
        "辉石制药与Norvana达成全球战略合作",
        "辉石制药宣布与Norvana达成全球战略合作,合作涵盖基于辉石制药专有的抗体平台的多项目授权许可协议。",
    ) == ("辉石制药", "Norvana")


def test_a_bare_headline_figure_is_the_total_when_the_lead_states_only_the_first_terms() -> None:
    d = deal(
        "Kestrel licenses antibody to Lumora Therapeutics; $600M",
        "Kestrel Biologics granted Lumora Therapeutics an exclusive license to develop KB-12. Lumora will pay $10M "
        "upfront and up to $300M in development milestones.",
    )
    assert d is not None and d["upfront"] == 10_000_000 and d["total"] == 600_000_000


def test_a_headline_bundle_is_not_added_to_the_lead_payments_it_is_made_of() -> None:
    d = deal(
        "辉石(4123)新药HS-9與Norvana簽訂獨家授權契約,除了100萬美元簽約金外,簽約金及相關哩程金達1500萬美元。",
        "Norvana將支付簽約金100萬美元,研發哩程金200萬美元,銷售哩程金500萬美元。",
    )
    assert d is not None and d["upfront"] == 1_000_000 and d["total"] == 15_000_000


def test_a_modality_is_no_party_and_an_out_licensing_deal_from_a_country_names_no_licensee() -> None:
    assert roles(
        "Up to $2 billion on the table as Lumora flies the flag for Asia's RNAi sector",
        "Breaking new ground, private Asian start-up Lumora Biopharmaceutical has won two exclusive license and "
        "collaboration contracts with Swiss giant Novartis (NOV: VX). The agreement marks a milestone for the region, "
        "representing the first major RNAi out-licensing deal from the country's thriving biotech sector.",
    ) == ("Lumora Biopharmaceutical", "Novartis")


def test_a_groups_unit_named_as_acting_is_shown_for_its_side() -> None:
    d = deal(
        "星辰生技授權丹麥藥廠 簽約金約3億美元",
        "星河集團旗下星辰生技與諾維納製藥(Norvana Pharma)簽署新藥授權,簽約金合計里程金共約3億美元。",
    )
    assert d is not None and d["licensor"] == "星辰生技" and d["licensee"] == "諾維納製藥"


# --- fresh set 12 (acquisitions) -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "lead"),
    [
        (
            "Orbit Capital's Keel Biosciences back with another buyout offer, this time for Lumora",
            "Keel Biosciences is back with yet another biotech buyout offer, this time proposing to acquire Lumora "
            "Therapeutics for $3.10 per share in cash.",
        ),
        (
            "生技业并购浪潮来袭 一文看懂三家公司为何出手",
            "今年4月辉石生技采换股方式合并星河药业;星辰生技采公开收购取得北辰生技30%股权。",
        ),
        (
            "减重药战升温!诺维纳砸50亿美元抢标Lumora 拦胡辉石并购案",
            "诺维纳制药周四提出至少50亿美元的现金收购要约,欲收购美国新创企业Lumora Inc.,企图拦胡辉石制药先前达成的并购协议。",
        ),
        (
            "India's Kestrel Pharma open to large acquisitions post Lumora deal",
            "Kestrel Pharmaceutical Industries said on Wednesday its $2 billion acquisition of Lumora Labs will not "
            "stop it from making further large acquisitions.",
        ),
    ],
)
def test_proposals_defences_waves_and_appetite_are_not_deals(title: str, lead: str) -> None:
    assert deal(title, lead) is None


def test_a_shareholder_vote_on_an_earlier_deal_is_not_a_new_one() -> None:
    assert (
        deal(
            "辉石制药正式收购星河制药王牌药",
            "近日,在辉石的股东特别大会上,辉石收购星河制药该药业务一事,顺利通过投票表决。",
        )
        is None
    )


def test_a_buyout_offer_from_a_bidder_in_a_share_move_story_names_the_buyer() -> None:
    assert roles(
        "Why Lumora Pharmaceuticals Stock Is Soaring Today",
        "Shares of the clinical-stage biotech Lumora Pharmaceuticals (LUMO) rose 70% this morning. The spark? Lumora's "
        "shares jumped in response to a $800 million all-cash buyout offer from the drug giant Kestrel Pharmaceuticals "
        "(KSTR).",
    ) == ("Lumora", "Kestrel Pharmaceuticals")


def test_the_first_approved_drug_bought_is_no_approval_news() -> None:
    d = deal(
        "辉石集团重砸6亿美元 收购首个FDA核准的罕见病疗法",
        "1月10日,辉石集团与加拿大药厂Norvana达成协议,收购后者旗下的罕见病疗法Zelora,交易金额为6亿美元。",
    )
    assert d is not None and d["licensor"] == "Norvana" and d["licensee"] == "辉石集团"


def test_a_priced_taking_over_of_a_companys_plant() -> None:
    assert roles("辉石药业今天宣布以新台币6.1亿元取得英国上市公司诺维纳制药(Norvana)加拿大药厂,包括5年代工合约。") == (
        "诺维纳制药",
        "辉石药业",
    )


@pytest.mark.parametrize(
    ("title", "lead", "upfront", "total"),
    [
        (
            "Kestrel Pharma is acquiring Lumora Pharma SA in a $1.2 billion deal",
            "Of the total, $900 million will be paid up front, with the balance of $300 million contingent upon a "
            "regulatory milestone.",
            900_000_000,
            1_200_000_000,
        ),
        (
            "辉石制药以20亿美元收购眼科公司Lumora",
            "辉石制药宣布,将以20亿美元的价格收购眼科初创公司Lumora。据悉,辉石制药将先支付8亿美元的现金,后续将根据Lumora某些目标的实现情况再支付12亿美元。",
            800_000_000,
            2_000_000_000,
        ),
        (
            "Kestrel Inc. will pay $700 million in cash to acquire privately held biotech Lumora Inc.",
            "In exchange, Kestrel gets all of Lumora's shares, and contingent milestone payments to Lumora's holders "
            "could be worth up to $1.3 billion.",
            700_000_000,
            2_000_000_000,
        ),
        (
            "诺维纳宣布将以最高40亿美元收购美国生技公司Lumora Therapeutics",
            "诺维纳将以每股50美元现金收购Lumora,对该公司估值为36亿美元。若Lumora达成特定监管里程碑,诺维纳将再支付4亿美元。",
            3_600_000_000,
            4_000_000_000,
        ),
    ],
)
def test_the_cash_part_of_an_acquisition_and_its_contingent_rest(
    title: str, lead: str, upfront: int, total: int
) -> None:
    d = deal(title, lead)
    assert d is not None and (d.get("upfront"), d.get("total")) == (upfront, total)


def test_said_it_had_acquired_is_the_news_not_background() -> None:
    lic, lee = roles(
        "Kestrel Pharma acquires U.S.-based Lumoralab",
        "MUMBAI (Reuters) - Kestrel Pharmaceutical Industries Ltd, India's fifth-largest drugmaker, said on Tuesday it "
        "had acquired U.S.-based Lumoralab Inc, which makes sterile injectables.",
    )
    assert lic == "Lumoralab" and lee is not None and str(lee).startswith("Kestrel Pharmaceutical Industries")


def test_words_that_are_no_company_names() -> None:
    assert roles(
        "Another acquisition for Kestrel: Lumora Therapeutics for up to $90 million",
        "Kestrel Pharmaceutical has announced an agreement to buy privately-held US firm Lumora Therapeutics.",
    ) == ("Lumora Therapeutics", "Kestrel Pharmaceutical")
    assert roles(
        "10月28日,法国制药商诺维纳(Norvana SA,纽约证交所代号:NVX)宣布,以3亿美元收购中国药品生产商兼分销商星河集团公司(Nasdaq:XHGP)。"
    ) == ("星河集团", "Norvana SA")


# --- fresh set 13 (acquisitions) -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "lead"),
    [
        (
            "Brief: Kestrel again extends tender offer for Lumora Therapeutics",
            "Swiss pharma giant Kestrel has again been forced to extend the tender offer to purchase all of the "
            "outstanding shares of common stock Lumora Therapeutics, which was due to expire May 25, until June 10, "
            "unless it is extended further under the merger agreement. All terms of the offer, first announced in "
            "February with a transaction value of $2.1 billion, remain unchanged.",
        ),
        (
            "Kestrel acquires Lumora's operations in three European countries",
            "Kestrel Pharma on Monday said it has completed the EUR 60-million deal to acquire Lumora's commercial "
            "operations in three European countries. The company had signed a binding agreement in March.",
        ),
        (
            "Kestrel Pharma shares fall 4% on reports of Lumora acquisition bid; company issues clarification",
            "Kestrel Pharma shares declined 4 percent after reports suggested that the company had emerged as the "
            "frontrunner to acquire generic drugmaker Lumora from its private equity owner. The potential deal is "
            "valued at $3 billion.",
        ),
    ],
)
def test_extensions_completions_and_frontrunner_reports_are_not_deals(title: str, lead: str) -> None:
    assert deal(title, lead) is None


def test_the_announcers_unit_after_other_parties_is_not_the_last_names_unit() -> None:
    assert roles(
        "星河药业(01999-HK)入股中成药企业北辰药业",
        "星河药业公布,北辰药业集团股份有限公司、张三、南海健康科技有限公司及公司的全资附属公司河南星河订立投资框架协议,"
        "以由河南星河向南海健康收购北辰药业的30%股权。",
    ) == ("北辰药业", "星河药业")


def test_the_parties_an_agreement_names_as_seller_and_buyer() -> None:
    d = deal(
        "星辰制药(02999):Lumora Herbal与欧星药业订立买卖协议",
        "Lumora Herbal(作为卖方)与欧星药业(作为买方)订立买卖协议,欧星药业有条件同意收购有关销售股份,总代价为3000万港元。",
    )
    assert d is not None and d["licensor"] == "Lumora Herbal" and d["licensee"] == "欧星药业"


@pytest.mark.parametrize(
    ("title", "lead", "upfront", "total"),
    [
        (
            "Kestrel to acquire Lumora Therapeutics",
            "Kestrel Pharma announced that it has agreed to acquire Lumora Therapeutics. The purchase price is 150 "
            "million dollars. In addition, Kestrel may pay a maximum of $100 million as a development milestone.",
            150_000_000,
            250_000_000,
        ),
        (
            "辉石制药宣布与星河及诺维纳达成逾200亿美元业务互换及并购协议",
            "具体讲,辉石制药达成了一项以120亿美元另加高达10亿美元里程碑付款从诺维纳收购肿瘤产品的最终协议。",
            12_000_000_000,
            13_000_000_000,
        ),
    ],
)
def test_a_purchase_price_and_the_milestones_added_to_it(title: str, lead: str, upfront: int, total: int) -> None:
    d = deal(title, lead)
    assert d is not None and (d.get("upfront"), d.get("total")) == (upfront, total)


# --- fresh set 12 (licences) ---------------------------------------------------------------------------------------


def test_a_rounded_headline_figure_does_not_replace_the_leads_total() -> None:
    d = deal(
        "港股异动 | 辉石药业午后涨近5% 与Norvana公司就自研创新药达成3亿美元海外授权交易",
        "辉石药业与欧洲药企Norvana近日共同宣布,已就辉石药业的候选药物HS-278签订独家授权协议。Norvana获得在大中华以外地区"
        "开发和商业化的独家权益,辉石药业将收取至多2.92亿美元总里程碑付款,其中包含1200万美元首付款。",
    )
    assert d is not None and (d["upfront"], d["total"]) == (12_000_000, 292_000_000)


def test_a_payment_under_an_old_licence_behind_a_snaps_up_headline_is_no_deal() -> None:
    assert (
        deal(
            "Lumora Bioscience snaps up Kestrel payment thanks to antibody progress",
            "Swedish biotech Lumora Bioscience has received a milestone payment from Kestrel Pharma over the progress "
            "of its antibody LB-101. Lumora granted Kestrel an exclusive license to LB-101 in an agreement entered in "
            "2019.",
        )
        is None
    )


def test_a_new_subsidiary_of_ones_own_with_an_incentive_plan_is_no_newco_deal() -> None:
    assert (
        deal(
            "星河医药:关于新设控股子公司并实施跟投及激励计划暨关联交易的公告",
            "为布局核药产品赛道,进一步丰富本集团创新产品管线,本公司(或控股子公司)拟参与投资设立核药业务平台企业星辰菁烜(即新公司),"
            "同时,为充分调动该公司核心团队的积极性,拟于新公司设立时同步实施该公司的跟投、并于新公司设立后采纳首期激励计划。",
        )
        is None
    )


# --- fresh set 13 (licences) ---------------------------------------------------------------------------------------


def test_a_share_move_on_ending_a_licence_is_no_deal() -> None:
    assert (
        deal(
            "China's Lumora Slumps on Ending Cancer Drug Licensing Deal With Kestrel",
            "Lumora's shares sank after the biotech and Kestrel Pharma announced the termination of a three-year-old "
            "global licensing deal involving Lumora's antibody LM-5.",
        )
        is None
    )


def test_a_headline_naming_no_company_over_a_lead_listing_several_licences_is_a_round_up() -> None:
    assert (
        deal(
            "生技報喜 30億授權金到手",
            "新年伊始,多家台灣藥廠傳出好消息,包括逸達、美時等陸續傳出授權佳績,合計可望收取上看30億元的授權金與權利金。",
        )
        is None
    )


def test_a_latin_name_written_with_spaces_in_chinese_owns_what_it_develops() -> None:
    assert roles(
        "星河医药关于控股子公司签署许可协议的公告",
        "本公司控股子公司星辰生物与 KSB 签订《许可协议》,双方将就 KSB 在研的 KS101 于约定许可区域内的开发及商业化开展合作。",
    ) == ("KSB", "星河医药")


def test_surging_this_week_on_a_new_partnership_is_no_weekly_round_up() -> None:
    assert roles(
        "Why Lumora Stock Is Soaring This Week",
        "Shares of Lumora Oncology (LUMO), a clinical-stage biotech company, have been surging this week in response to "
        "a lucrative new partnership with Kestrel Pharmaceuticals in China. Investors are excited about the partners' "
        "new agreement to commercialize and co-develop Lumora's lead candidate LM-33.",
    ) == ("Lumora", "Kestrel Pharmaceuticals")


def test_a_setback_headline_that_also_secures_a_priced_deal_with_a_big_pharma() -> None:
    assert roles(
        "Lumora suffers Sanofi setback but secures $500M Gilead deal",
        "Lumora Therapeutics sweetened news of a setback Wednesday, revealing that Sanofi is pulling back from its lead "
        "degrader alongside a $500 million deal with Gilead Sciences.",
    ) == ("Lumora", "Gilead")


@pytest.mark.parametrize("verb", ["to take over", "snaps up", "buys out"])
def test_taking_over_a_company_is_an_acquisition(verb: str) -> None:
    d = deal(f"Corvane Pharma {verb} Lumetra Bio for $2.4 billion")
    assert d is not None and d["deal_type"] == "acquisition" and d["licensee"] == "Corvane Pharma"


def test_paying_a_price_for_a_named_company_is_its_purchase() -> None:
    d = deal("Harnell to pay $310 million for Quorvex", "Harnell Pharma is paying $310 million for the US biotech.")
    assert d is not None
    assert (d["licensor"], d["licensee"], d["deal_type"], d.get("total")) == (
        "Quorvex",
        "Harnell Pharma",
        "acquisition",
        310_000_000,
    )


def test_shelling_out_for_a_company_states_its_price() -> None:
    d = deal("Dalmore Therapeutics shells out $2.2 billion for Ostrava Immune Sciences")
    assert d is not None and d["licensor"] == "Ostrava Immune Sciences" and d.get("total") == 2_200_000_000


def test_paying_for_rights_to_a_drug_stays_a_licence() -> None:
    d = deal("Harnell pays $90M upfront for ex-US rights to Quorvex Bio's oral inhibitor")
    assert d is not None and d["deal_type"] == "license" and d["licensor"] == "Quorvex Bio"


def test_company_bought_unnamed_is_the_one_the_next_sentence_introduces() -> None:
    d = deal(
        "Harnell buys US antibody biotech for $310 million",
        "Harnell Pharma is buying a US biotech for $310 million. Ohio-based Quorvex develops antibodies for lupus.",
    )
    assert d is not None and (d.get("licensor"), d["licensee"]) == ("Quorvex", "Harnell Pharma")


def test_the_buyer_introduced_again_is_not_the_company_bought() -> None:
    d = deal(
        "Harnell buys US antibody biotech for $310 million",
        "Harnell Pharma is buying a US biotech for $310 million. Tokyo-based Harnell said the deal closes in May.",
    )
    assert d is not None and "licensor" not in d


@pytest.mark.parametrize(
    "title",
    [
        "Harnell Pharma to acquire oat-milk dairy maker Brindle for $200 million",
        "Harnell Pharma buys crop software firm for $90 million",
        "和瑞医药以3亿元收购一家食品公司",
    ],
)
def test_a_drugmaker_buying_outside_the_trade_is_no_pharma_deal(title: str) -> None:
    assert deal(title) is None


def test_a_food_group_buying_a_biotech_is_a_pharma_deal() -> None:
    d = deal("Brindle Foods to buy Quorvex Therapeutics for $1.2 billion")
    assert d is not None and d["licensor"] == "Quorvex Therapeutics"


# ------------------------------------------------------------------------------------------------ fresh set 14


def test_a_rating_assumed_at_buy_is_no_purchase() -> None:
    assert (
        deal(
            "Johnson & Johnson assumed at Buy from Neutral at Goldman Sachs",
            "As reported earlier, Goldman Sachs assumed coverage and upgraded Johnson & Johnson to Buy from Neutral "
            "with a $172 target. The firm says worries about the drugmaker's patent cliff are overdone.",
        )
        is None
    )


def test_a_drugmaker_buying_a_devices_maker_is_medtech() -> None:
    assert deal("Harnell Pharma to acquire heart devices maker Quorvex for $4 billion") is None


def test_shareholder_backing_for_an_agreed_takeover_is_no_new_deal() -> None:
    assert deal("Takeda secures shareholder backing for $9bn Quorvex Therapeutics takeover") is None


def test_chinese_completion_of_a_purchase_is_no_new_deal() -> None:
    assert deal("和瑞医药完成对Quorvex的战略收购,交易金额为12亿美元") is None


def test_latin_name_before_its_ticker_stops_at_the_chinese_text() -> None:
    d = deal("和瑞医药(HRY.US)宣布,将以约12亿美元总价值收购Quorvex Bio (QRVX.US)。")
    assert d is not None and d["licensor"] == "Quorvex Bio"


def test_within_a_week_is_no_weekly_round_up() -> None:
    d = deal("和瑞医药以约12亿美元收购Quorvex Bio,这是该公司不到一周内达成的第二笔并购交易。")
    assert d is not None and d["licensee"] == "和瑞医药"


def test_by_after_a_participle_is_no_buyer() -> None:
    assert roles("Harnell's $2B buyout of Quorvex Therapeutics driven by Zentiva's twin mechanism") == (
        "Quorvex",
        "Harnell",
    )


def test_a_headline_figure_equal_to_the_upfront_adds_the_milestones() -> None:
    d = deal(
        "Harnell's $1.2B buyout of Quorvex",
        "Harnell agreed to pay $1.2 billion up front for Quorvex Therapeutics, promising another $300 million if "
        "milestones are met.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (1_200_000_000, 1_500_000_000)


def test_a_parents_spin_off_is_not_the_parent() -> None:
    assert roles(
        "Harnell to buy Zentiva blood-disorder spin-off for $3 billion",
        "Harnell Pharma agreed to buy Quorvex Inc, a spin-off from Zentiva, for about $3 billion.",
    ) == ("Quorvex", "Harnell")


def test_a_deal_announced_last_week_in_a_weekly_is_the_news() -> None:
    d = deal(
        "Harnell buys Quorvex Therapeutics",
        "The drugmaker Harnell Pharma announced a new deal last week, taking full ownership of Quorvex Therapeutics "
        "for $900 million.",
    )
    assert d is not None and d.get("total") == 900_000_000


def test_an_amount_inclusive_of_the_upfront_is_the_whole() -> None:
    d = deal(
        "Harnell to acquire Quorvex Therapeutics",
        "Quorvex holders could receive up to $1.4 billion in cash, inclusive of an upfront payment and later "
        "payments on milestones.",
    )
    assert d is not None and d.get("total") == 1_400_000_000 and "upfront" not in d


def test_chinese_descriptor_with_a_space_before_a_latin_name() -> None:
    d = deal("和瑞医药将以 2 亿美元并购美国百年制药公司 Quorvex Laboratories,预计年底完成交割。")
    assert d is not None and d["licensor"] == "Quorvex Laboratories"


def test_an_earlier_licence_in_a_relative_clause_leaves_the_terms() -> None:
    d = deal(
        "Harnell licenses Quorvex's bispecific in deal worth $900M",
        "Harnell will pay $40 million upfront for rights outside Japan, where Quorvex previously licensed the drug "
        "to Zentiva.",
    )
    assert d is not None and d.get("upfront") == 40_000_000


def test_licensed_from_an_unnamed_drugmaker_names_no_licensor() -> None:
    assert roles(
        "Zentiva Capital formed a startup with two antibodies licensed from a drugmaker in China and put a former "
        "Orvane executive in charge.",
        "Harnell Bio received exclusive rights to the antibodies. Harnell Bio paid Quorvex Biosciences $15 million "
        "upfront.",
    ) == ("Quorvex Biosciences", "Harnell Bio")


def test_a_further_milestone_after_one_adds_to_the_total() -> None:
    d = deal(
        "Quorvex sells rights to its lymphoma drug to Harnell",
        "Quorvex will receive $30 million upfront, followed by an approval milestone of up to $20 million and up to "
        "$50 million for additional indication approvals.",
    )
    assert d is not None and d.get("total") == 100_000_000


def test_a_drug_name_capitalised_in_a_headline_is_no_company() -> None:
    assert roles(
        "Quorvex to Collaborate With Novartis on Zelnatuzumab, Will Get $300 Million Upfront Payment",
        "Quorvex Ltd. will collaborate with Novartis AG on zelnatuzumab and will receive a $300 million upfront "
        "cash payment.",
    ) == ("Quorvex", "Novartis")


def test_a_bracketed_breakdown_in_the_same_currency_is_no_conversion() -> None:
    d = deal(
        "Novartis, Quorvex in $2.1B obesity drug pact",
        "Novartis has entered into a licensing agreement with Quorvex Pharma in a deal worth up to $2.1 billion "
        "($400 million upfront and $1.7 billion in milestone payments).",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (400_000_000, 2_100_000_000)


def test_establish_in_a_title_case_headline_ends_the_name() -> None:
    d = deal(
        "Harnell, Quorvex Establish Oncology Pact",
        "Harnell will pay Quorvex an upfront fee of $20 million in exchange for rights to three targets.",
    )
    assert d is not None and d["licensor"] == "Quorvex"


def test_hyphenated_short_form_shows_the_known_name() -> None:
    d = deal("Bristol-Myers to pay $300M upfront to Quorvex for rights to its ADC")
    assert d is not None and d["licensee"] == "Bristol Myers Squibb"


def test_a_deal_told_after_a_headline_of_new_progress() -> None:
    d = deal(
        "中国创新药出海又有新进展。",
        "8月9日晚,和瑞医药(09999.HK)发布公告称,与Zentiva Pharma达成合作,以开发和商业化其ADC新药。"
        "和瑞医药将获得总额达12亿美元的潜在收入,是公司最大的海外授权交易。此次交易的潜在收入包括1亿美元首付款和最高11亿美元的里程碑付款。",
    )
    assert d is not None
    assert (d["licensor"], d["licensee"], d.get("upfront")) == ("和瑞医药", "Zentiva Pharma", 100_000_000)


def test_a_supplement_signed_with_the_main_contract_is_new() -> None:
    d = deal(
        "和瑞医药之子公司宝德医药与独立第三方康安药业签订股权交易合同及补充协议,收购天目医工100%股权,对价为人民币3亿元。"
    )
    assert d is not None and d["licensor"] == "天目医工" and d["licensee"] != "康安药业"


def test_its_unit_named_as_acting_is_shown() -> None:
    d = deal(
        "须予披露交易",
        "杭州和瑞医药集团股份有限公司于2025年12月17日宣布,其子公司宝德医药与独立第三方海正药业签订股权交易合同,"
        "收购天目医工100%股权,收购对价为人民币3亿元。",
    )
    assert d is not None and (d["licensor"], d["licensee"]) == ("天目医工", "宝德医药")


# ------------------------------------------------------------------------------------------------ fresh set 15


def test_what_a_newspaper_has_learned_is_no_announcement() -> None:
    assert (
        deal(
            "Harnell Pharma to acquire Quorvex's drug units in $1bn deal",
            "Harnell Pharma is set to buy the drug businesses of Quorvex Holdings for about $1 billion, Nikkei has "
            "learned.",
        )
        is None
    )


def test_chinese_acquisition_talks_and_a_rumoured_price_are_no_deal() -> None:
    assert deal("荷兰生技公司Quorvex证实正与和瑞医药进行收购讨论,据传和瑞医药允诺以50亿美元收购。") is None


def test_a_drugmaker_buying_into_a_solar_project_is_no_pharma_deal() -> None:
    assert deal("Harnell Pharma inks pact to acquire 26% stake in Sunmax Solar Power Systems") is None


def test_a_string_of_changes_is_no_round_up() -> None:
    d = deal(
        "Harnell Pharma has seen a string of changes over the past year, ending with today's news that it will "
        "acquire biotech Quorvex Therapeutics in an all-stock deal."
    )
    assert d is not None and d["licensor"] == "Quorvex Therapeutics"


def test_a_short_name_defined_in_the_lead_names_the_headline_target() -> None:
    d = deal(
        "和瑞生物拟以2.37亿元取得康泽源控股权",
        "和瑞生物发布公告称,公司拟使用2.37亿元的自有资金(包括银行并购贷款),通过全资子公司上海宝天成生物医药有限公司"
        "以股权转让及增资的方式取得扬州康泽源生物科技有限公司(以下简称“康泽源”)的控股权。",
    )
    assert d is not None and (d["licensor"], d["licensee"]) == ("康泽源", "和瑞生物")


def test_a_controlling_shareholder_is_not_part_of_the_name() -> None:
    d = deal("和瑞药业公告,公司控股股东富康集团与星浩控股签署股份转让协议,转让公司14.61%股份,合计总金额为9亿元。")
    assert d is not None and "东富康集团" not in (d.get("licensor"), d.get("licensee"))


def test_labs_reads_as_the_laboratories_named_in_the_lead() -> None:
    d = deal(
        "Quorvex Labs to buy 33% stake in Harnell Pharma",
        "Quorvex Laboratories Ltd said it has agreed to buy a 33% stake in Harnell Pharma Ltd for 10 billion rupees.",
    )
    assert d is not None and d["licensee"] == "Quorvex Laboratories Ltd"


def test_a_registered_name_of_generic_words_is_a_name() -> None:
    d = deal("中国医药健康产业股份有限公司以现金5.25亿元收购上海康泽医药科技股份有限公司70%股份。")
    assert d is not None and d["licensee"] == "中国医药健康产业股份有限公司"


def test_part_of_it_up_front() -> None:
    d = deal(
        "Harnell Pharma buys Quorvex Therapeutics",
        "Quorvex will receive as much as $600 million, $150 million of it up front, plus $450 million in milestones.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (150_000_000, 600_000_000)


def test_a_lump_sum_is_paid_up_front() -> None:
    d = deal(
        "Harnell buys Quorvex drug unit for $3bn",
        "Harnell Pharma will buy all shares of Quorvex Lakshmi. Harnell will transfer the $3 billion as a lump-sum "
        "payment and pay additional sales milestones.",
    )
    assert d is not None and d.get("upfront") == 3_000_000_000


def test_a_price_plus_uncounted_milestones_is_paid_now_with_no_total() -> None:
    d = deal("Harnell Pharma acquires Quorvex for $400M plus milestones")
    assert d is not None and d.get("upfront") == 400_000_000 and "total" not in d


def test_sobi_is_swedish_orphan_biovitrum() -> None:
    d = deal("Swedish Orphan Biovitrum AB announced its acquisition of Quorvex Pharmaceuticals, Inc. for $600 million.")
    assert d is not None and d["licensee"].startswith("Swedish Orphan Biovitrum")


def test_an_acquisition_announced_last_week_with_its_price_and_a_valuation_after() -> None:
    d = deal(
        "What Harnell gets from buying Quorvex Lifesciences",
        "Harnell Ltd. announced the acquisition of Zentiva Pharmaceuticals Ltd.'s drug ingredient unit, Quorvex "
        "Lifesciences Ltd., for Rs 3,000 crore last week. The company is currently valued at around Rs 4,000 crore.",
    )
    assert d is not None and d.get("total") == 30_000_000_000


def test_a_share_swap_merger_of_taiwanese_biotechs() -> None:
    d = deal("康瑞生醫(6999)與安泰藥業董事會通過換股合併,將以安泰藥業每1股換康瑞生醫0.9股,安泰藥業成為康瑞生醫子公司。")
    assert d is not None and d["deal_type"] == "acquisition"


def test_a_deal_told_as_a_newspapers_report_is_no_announcement() -> None:
    assert (
        deal(
            "Harnell to buy Quorvex Therapeutics for $5bn: report",
            "Harnell Pharma will acquire Quorvex Therapeutics for $5 billion, according to a report in a newspaper.",
        )
        is None
    )


def test_chinese_already_completed_purchase_at_a_price() -> None:
    assert deal("和瑞医药宣布已完成以28亿美元收购Quorvex Therapeutics") is None


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        (
            "Harnell Pharma exercises option to license Quorvex Therapeutics' lupus drug",
            "Harnell exercised its option under a 2022 agreement, paying Quorvex $40 million.",
        ),
        (
            "Pfizer and Quorvex Therapeutics expand collaboration to two new targets",
            "The expansion adds $20 million upfront.",
        ),
        (
            "Harnell Pharma pays $30M to extend Quorvex Therapeutics pact",
            "Harnell paid Quorvex $30 million to extend the research term of their 2020 collaboration.",
        ),
        ("康瑞医药行使选择权 获得安泰生物抗体的全球权益", "康瑞医药已根据2022年的协议行使选择权,将支付4000万美元。"),
    ],
)
def test_more_of_an_old_deal_is_no_new_deal(title: str, summary: str) -> None:
    assert deal(title, summary) is None


def test_a_licence_to_extend_a_pipeline_is_a_deal() -> None:
    d = deal("Harnell Pharma licenses Quorvex Therapeutics' drug to extend its oncology pipeline", "")
    assert d is not None and d["licensee"] == "Harnell Pharma"


# ------------------------------------------------------------------------------------------------ fresh set 15, licences


def test_rights_regained_when_a_partner_discontinues_is_no_new_deal() -> None:
    assert (
        deal(
            "Quorvex Therapeutics to regain rights to RET inhibitor from Roche",
            "Quorvex Therapeutics said it will regain development and commercialization rights for its RET inhibitor "
            "from Roche, which has decided to discontinue its collaboration with Quorvex. Under the initial terms, "
            "Roche paid $500 million upfront.",
        )
        is None
    )


def test_a_licence_headline_over_an_option_exercised_is_no_new_deal() -> None:
    assert (
        deal(
            "Gilead licenses cancer drugs from Quorvex Biosciences",
            "Gilead Sciences said it has exercised an option to license four cancer drugs from Quorvex Biosciences, "
            "paying $500 million.",
        )
        is None
    )


def test_a_deal_headline_tagged_report_is_no_announcement() -> None:
    assert (
        deal(
            "Harnell Pharma to buy eye drug from Novartis for $1.5 bn: Report",
            "Harnell Pharma will purchase an eye drug from Novartis for $1.5 billion, a newspaper reported. A Novartis "
            "spokesperson declined to comment.",
        )
        is None
    )


def test_bausch_and_lomb_is_one_name() -> None:
    d = deal("Bausch + Lomb Corp will purchase a dry-eye drug from Novartis for $1.75 billion, the companies said.")
    assert d is not None and d["licensee"] == "Bausch + Lomb"


def test_more_money_in_an_existing_collaboration_is_no_new_deal() -> None:
    assert (
        deal(
            "Vertex Pharmaceuticals ups investment in Quorvex Therapeutics gene therapy partnership",
            "Vertex announced that it has increased investment in its existing collaboration agreement with Quorvex "
            "Therapeutics for the gene-editing therapy QX-101.",
        )
        is None
    )


def test_a_chinese_exclusive_marketing_contract_is_a_licence() -> None:
    d = deal(
        "QX-355行銷契約新聞稿",
        "康瑞新藥股份有限公司與加拿大Quorvex Therapeutics Inc.於台北時間2016年3月18日共同發佈重大訊息,宣布簽訂12年期之QX-355"
        "美國地區獨家銷售行銷契約。加拿大Quorvex Therapeutics Inc.為一家藥品行銷公司。根據契約條款本公司將可獲得2,000,000"
        "美元簽約金。",
    )
    assert d is not None and d["deal_type"] == "license" and d.get("upfront") == 2_000_000


def test_one_companys_deals_with_named_partners_are_no_round_up() -> None:
    d = deal(
        "Vertex Pharmaceuticals signs deals with Quorvex, Zentiva worth up to $2 billion",
        "Vertex Pharmaceuticals entered into an exclusive licensing agreement with Quorvex Therapeutics and will pay "
        "Quorvex $175 million upfront.",
    )
    assert d is not None and d["licensor"].startswith("Quorvex") and "total" not in d


def test_additional_potential_payments_after_milestones_are_milestones() -> None:
    d = deal(
        "康瑞医药与阿斯利康签订独家许可协议",
        "康瑞医药与阿斯利康签订全球独家许可协议,授权后者QX901的全球开发权。康瑞医药将收取6300万美元的预付款,并在达成若干"
        "里程碑后,收取最多11.25亿美元的额外潜在付款。",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (63_000_000, 1_188_000_000)


def test_backs_in_a_title_case_headline_is_the_buyers_verb() -> None:
    assert roles(
        "Roche Backs Quorvex's Precision Therapy Zelpartinib To Challenge Lilly",
        "Paying $675m Upfront For Rights To RET Inhibitor. The collaboration between the Swiss major and Quorvex "
        "Medicines could be worth up to $1.7bn.",
    ) == ("Quorvex", "Roche")


def test_cash_comprised_of_an_upfront_and_equity_is_the_whole() -> None:
    d = deal(
        "Biogen, Quorvex ink $1.5B-plus deal for depression drug",
        "Quorvex Therapeutics is banking about $1.52 billion in cash from Biogen, comprised of an up-front payment of "
        "$875 million and a $650 million equity investment.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (875_000_000, 1_520_000_000)


# ------------------------------------------------------------------------------------------------ fresh set 16, licences


def test_has_negotiated_a_licence_makes_the_subject_the_licensee() -> None:
    assert roles(
        "Quorvex SA, a Belgian company developing an anti-tau antibody, said Roche Holding AG has negotiated an "
        "exclusive global license to the therapy for $120 million up front, plus almost $2 billion in milestones."
    ) == ("Quorvex", "Roche")


def test_agreed_to_sell_a_product_to_y_for_a_price() -> None:
    d = deal(
        "In a move its chief said will focus the company on pain, the Texas-based Quorvex Pharmaceuticals Inc. has "
        "agreed to sell one of its approved products, the diarrhea therapy Zelvora, to Harnell Therapeutics LLC for "
        "$159 million in cash."
    )
    assert d is not None
    assert (d["licensor"], d["licensee"], d.get("total")) == (
        "Quorvex Pharmaceuticals Inc",
        "Harnell Therapeutics LLC",
        159_000_000,
    )


def test_the_end_of_an_old_licence_told_after_its_grant_is_no_deal() -> None:
    opening = "康瑞药业(02999.HK)公布,根据授权合约,公司(作为授权人)授予Quorvex独家授权,容许其在大中华地区以外开发及商业化抗PD-L1单抗。"
    later = "于授权合约终止后,其将重获该单抗在大中华地区以外的开发及商业化权益。"
    assert deal(opening, opening + later) is None


def test_a_lead_on_a_partnership_ended_then_its_old_terms_is_no_deal() -> None:
    assert (
        deal(
            "康瑞医药“黑天鹅”:创新药海外遭抛弃",
            "康瑞医药的合作方Quorvex日前决定终止双方的全球独家合作。2021年7月,康瑞医药与Quorvex就口服BTK抑制剂的全球开发达成"
            "合作和许可协议,Quorvex为此向康瑞医药支付首付款1.25亿美元。",
        )
        is None
    )


def test_a_record_broken_is_no_part_of_a_name() -> None:
    d = deal("康瑞生技授权国际药厂Zentiva,并取得6.7亿美元授权合约,刷新台湾新药授权纪录。")
    assert d is None or d.get("licensor") != "刷新台湾新药"


def test_a_sales_related_payment_is_a_milestone() -> None:
    d = deal(
        "AstraZeneca reaches agreement with Quorvex Pharmacare over anesthetics",
        "Quorvex Pharmacare will buy commercialization rights outside the U.S. to the portfolio for an upfront payment "
        "of $520 million. Quorvex will also pay AstraZeneca up to $250 million in a product sales-related payment.",
    )
    assert d is not None and d.get("total") == 770_000_000


# ------------------------------------------------------------------------------------------------ fresh set 16, acquisitions


def test_a_letter_of_intent_is_no_agreed_purchase() -> None:
    assert (
        deal(
            "康瑞药业发布公告称拟收购安泰药业股权",
            "康瑞药业集团股份有限公司16日发布公告,称拟收购吉林省安泰药业有限责任公司90%股权。据公告,康瑞药业与上海某投资中心签订"
            "收购安泰药业股权的收购意向书。",
        )
        is None
    )


def test_a_board_approval_after_a_letter_of_intent_is_an_agreed_purchase() -> None:
    d = deal(
        "康瑞医药拟以3亿元收购安泰药业60%股权",
        "康瑞医药公告,公司董事会审议通过以3亿元收购安泰药业60%股权的议案。此前,公司与安泰药业股东签订了收购意向书。",
    )
    assert d is not None and (d["licensor"], d["licensee"]) == ("安泰药业", "康瑞医药")


def test_a_definitive_agreement_after_a_letter_of_intent_is_an_agreed_purchase() -> None:
    d = deal(
        "Harnell signs letter of intent to buy Quorvex",
        "Harnell Pharma said it signed a letter of intent to acquire Quorvex Bio for $300 million; its board approved a "
        "definitive agreement on Friday.",
    )
    assert d is not None and d["licensee"] == "Harnell Pharma"


def test_announcing_is_no_part_of_the_buyers_name() -> None:
    d = deal("康瑞药业发布公告称以5亿元收购安泰药业股权")
    assert d is not None and d["licensee"] == "康瑞药业"


def test_a_brand_with_its_drug_name_in_brackets_is_no_company() -> None:
    assert roles(
        "Harnell Pharmaceutical Inc. said it plans to acquire all outstanding shares of Quorvex Sciences Inc. for "
        "$5.60 each, putting the price tag at about $604 million.",
        "At the heart of the deal is Zelvira (celecoxib), a migraine treatment that gives Harnell a foothold in "
        "neurology.",
    ) == ("Quorvex Sciences", "Harnell Pharmaceutical")


def test_a_partner_and_its_country_describe_the_company_bought() -> None:
    d = deal(
        "康瑞制药锁定mRNA 收购美国研发伙伴",
        "康瑞制药今天表示,将以32亿美元收购研发mRNA技术的合作伙伴美国泽维生物科学公司。",
    )
    assert d is not None and d["licensor"] == "泽维生物"


def test_two_companies_with_suffixes_entering_a_licence_are_a_deal() -> None:
    d = deal(
        "BOSTON – Quorvex Corp. and Harnell Biosciences Inc. entered a worldwide exclusive license agreement to develop "
        "the kinase inhibitor QX-708."
    )
    assert d is not None and d["deal_type"] == "license"


# ------------------------------------------------------------------------------------------------ fresh set 17


def test_a_headline_price_that_contingent_payments_can_raise() -> None:
    d = deal(
        "康瑞药业将以约4.87亿美元现金收购基因医学开发商Quorvex Inc",
        "康瑞药业将以约4.87亿美元现金收购Quorvex Inc。两家公司表示,该交易还包括按里程碑支付每股3美元的费用,并有可能将交易规模"
        "增加到6.1亿美元。",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (487_000_000, 610_000_000)


def test_an_inn_in_chinese_text_is_no_company() -> None:
    d = deal(
        "12月4日,默克公司与康瑞医药宣布就一种CSF-1R小分子抑制剂Zelvotinib(QX021)达成独家许可协议。",
        "12月4日,默克公司与康瑞医药宣布就一种CSF-1R小分子抑制剂Zelvotinib(QX021)达成独家许可协议。根据协议条款,默克将获得在中国"
        "市场针对Zelvotinib进行商业化的许可。康瑞医药将获得7000万美元的首付款。",
    )
    assert d is not None and d["licensor"] == "康瑞医药"


def test_cash_including_a_share_purchase_and_an_upfront_is_the_whole() -> None:
    d = deal(
        "Quorvex up 8% premarket on new $1B 10-year collaboration with Biogen",
        "Under the terms of the deal, Biogen will pay Quorvex Pharmaceuticals $1B in cash, including $625M to purchase "
        "11,501,153 shares of Quorvex common stock at $54.34 per share and a $375M upfront payment.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (375_000_000, 1_000_000_000)


# ------------------------------------------------------------------------------------------------ fresh set 18


def test_a_disease_in_a_title_case_headline_is_no_party() -> None:
    lic, lee = roles(
        "Harnell Bets On China's ADC In $1.6B Cancer Deal",
        "Harnell Inc (NASDAQ: HRNL) and Quorvex Co Ltd have entered into an exclusive worldwide licensing agreement to "
        "develop quorvetamab. For $200 million upfront, Harnell is getting ex-Asia rights to Chinese biotech Quorvex's "
        "HER2-targeted antibody quorvetamab.",
    )
    assert (lic, lee) == ("Quorvex", "Harnell")


def test_several_companies_dealing_one_after_another_are_a_roundup() -> None:
    assert (
        deal(
            "不到一周内,就有三家中国药企相继达成了海外授权交易。",
            "不到一周内,就有三家中国药企相继达成了海外授权交易。10月12日,康瑞生物宣布授予Quorvex其所拥有的一款ADC在海外市场"
            "开发的独家权利。Quorvex将向康瑞生物支付7000万美元首付款。",
        )
        is None
    )


def test_an_upfront_payment_made_to_a_company_names_the_licensor() -> None:
    lic, lee = roles(
        "Harnell Enters License Agreement With Quorvex for QX-20093",
        "Harnell has entered into an exclusive license agreement with Quorvex Pharmaceutical Group for its QX-20093 "
        "antibody. Harnell will make an initial upfront payment of $185 million to Quorvex.",
    )
    assert (lic, lee) == ("Quorvex", "Harnell")


def test_a_byline_is_no_party() -> None:
    lic, lee = roles(
        "HRN Enters License Agreement With Quorvex for QX-20093",
        "By Jane Roe HRN has entered into an exclusive license agreement with Quorvex Pharmaceutical Group. HRN will "
        "make an initial upfront payment of $185 million to Quorvex.",
    )
    assert (lic, lee) == ("Quorvex", "HRN") and "Roe" not in lee


def test_payments_of_up_to_an_amount_are_the_total() -> None:
    d = deal(
        "Harnell licenses QX-20093 antibody from Quorvex",
        "Harnell Pharma has licensed the QX-20093 antibody from Quorvex Bio, with payments of up to $1.71 billion "
        "depending upon milestones being met. Harnell will pay $185 million upfront.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (185_000_000, 1_710_000_000)


def test_terms_that_add_up_to_almost_an_amount_are_the_total() -> None:
    d = deal(
        "Nearly $2B on the table in Quorvex and Harnell's new partnership",
        "In a deal with terms that could add up to almost $2 billion, Harnell Inc. and Quorvex Biopharma Co. Ltd. plan "
        "to develop the antibody quorlimab. Quorvex will get an up-front $180 million by licensing the antibody to "
        "Harnell, along with a $20 million milestone payment based on phase I results.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (180_000_000, 2_000_000_000)


def test_the_exact_total_over_the_rounded_one_and_a_down_payment() -> None:
    d = deal(
        "Quorvex has licensed out its drug candidate to Harnell in a deal worth up to 1.2 trillion won.",
        "Korea's biotech Quorvex Bio has licensed out its new drug candidate QX301 to Harnell Pharma in a deal worth up "
        "to 1.27 trillion won. The total contract value is 1.272 trillion won. Quorvex Bio will receive 90 billion won "
        "in down payment.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (90e9, 1.272e12)


def test_a_licence_recalled_then_ended_is_no_deal() -> None:
    assert (
        deal(
            "康瑞医药公布,2021年7月,公司与Quorvex Inc.就口服小分子抑制剂康瑞替尼的全球开发达成合作和许可协议。",
            "康瑞医药公布,2021年7月,公司与Quorvex Inc.就口服小分子抑制剂康瑞替尼的全球开发达成合作和许可协议。根据协议约定,"
            "Quorvex已向公司支付首付款1.25亿美元。近日,Quorvex已通知公司,决定终止上述合作和许可协议。",
        )
        is None
    )


def test_a_right_to_terminate_is_a_term_of_the_new_deal() -> None:
    d = deal(
        "Harnell licenses QX-1 antibody from Quorvex Bio",
        "Harnell Pharma licensed the QX-1 antibody from Quorvex Bio for $20 million upfront. Harnell will develop the "
        "drug globally. Harnell may terminate the agreement on 90 days' notice.",
    )
    assert d is not None and d["licensor"] == "Quorvex Bio"


def test_a_share_move_on_an_approval_recalling_an_old_licence_is_no_deal() -> None:
    assert (
        deal(
            "康瑞医药(01234)涨超4%",
            "康瑞医药(01234)现涨超4%,报29.15港元。消息面上,康瑞医药宣布,公司自主研发的抗肿瘤新药康瑞替尼获得欧盟委员会批准。"
            "据悉,2023年1月,康瑞医药与Quorvex制药签订海外许可协议,Quorvex制药获得全球独家许可。",
        )
        is None
    )


def test_a_name_with_an_ampersand_and_a_legal_suffix_before_its_ticker() -> None:
    d = deal(
        "Harnell Boosts Portfolio With New Deal",
        "The pharmaceutical giant Harnell & Co., Inc. (NYSE: HRN) is back with a new deal, acquiring Quorvex "
        "Therapeutics, Inc. (NASDAQ: QRVX) for $1.85 billion.",
    )
    assert d is not None and d["licensee"] == "Harnell & Co., Inc"


def test_a_proposal_after_a_rejected_approach_is_no_deal() -> None:
    assert (
        deal(
            "Harnell proposes $30 bln all-share tie-up with Quorvex",
            "Pharmaceutical group Harnell said it was seeking to buy Quorvex in a $30 billion all-share deal. Harnell "
            "went public with its proposal after Quorvex rejected the approach.",
        )
        is None
    )


def test_two_companies_described_by_their_home_cities_enter_a_licence() -> None:
    lic, lee = roles(
        "In a deal that brings $60 million up front, Shanghai-based Quorvex Biotherapeutics Inc. and San Diego-based "
        "Harnell Bio Inc. entered a licensing agreement for Quorvex's T-cell engager, QX-06, for autoimmune disease."
    )
    assert (lic, lee) == ("Quorvex Biotherapeutics", "Harnell Bio")


def test_therapies_and_disorders_pass_the_gate() -> None:
    d = deal(
        "Quorvex Co. Ltd. licenses its platform to Harnell Inc. in a deal valued up to $861 million",
        "Quorvex Co. Ltd. granted Harnell Inc. an exclusive licence to its platform to develop nucleic acid therapies "
        "for neurological disorders.",
    )
    assert d is not None and d["total"] == 861_000_000


def test_a_monoclonal_antibody_counted_is_no_count_of_deals() -> None:
    d = deal(
        "康瑞药业两款PD-(L)1单抗与海外初创达成合作,作价最高可达13亿美元",
        "10月27日,康瑞药业宣布与Quorvex达成战略合作,将独家授权Quorvex在大中华区以外地区开发和商业化两款单抗。",
    )
    assert d is not None and (d["licensor"], d["licensee"]) == ("康瑞药业", "Quorvex")


def test_a_rival_to_a_company_s_drug_is_no_party() -> None:
    lic, lee = roles(
        "Harnell pays $7.5M for rival to Quorvex's oncology ADC Padlex",
        "Harnell Pharmaceuticals is mounting a battle against Quorvex, spending $7.5 million on a challenger to the "
        "antibody-drug conjugate Padlex. Harnell has picked up regional rights to a would-be rival to Padlex through a "
        "deal with Pellman Biopharmaceutical.",
    )
    assert (lic, lee) == ("Pellman Biopharmaceutical", "Harnell")


def test_a_total_payable_at_closing_is_the_upfront_before_a_cvr() -> None:
    d = deal(
        "Harnell to acquire biotech firm Quorvex Therapeutics for $1.04bn",
        "Harnell Pharma has entered a definitive agreement to acquire Quorvex Therapeutics for a total consideration of "
        "up to $26.50 per share in cash or approximately $1.04bn. The deal amount consists of $22.50 per share in cash "
        "or a total of $880m, which is payable at closing and one contingent value right (CVR) worth up to $4.00 per "
        "share in cash or a total of around $160m.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (880_000_000, 1_040_000_000)


def test_a_feature_looking_back_on_a_purchase_is_no_deal() -> None:
    assert (
        deal(
            "The Harnell way: Quorvex found a new owner who wants to buy and build a gene therapy leader",
            "For Harnell, buying Quorvex for $4.3 billion was just the beginning of a major foray into gene therapies. "
            "Now the pharma giant plans to build a new wing around it.",
        )
        is None
    )


def test_a_purchase_looked_back_on_after_the_news_keeps_the_deal() -> None:
    d = deal(
        "Harnell to buy Quorvex for $4.3 billion",
        "Harnell Pharma agreed to buy Quorvex Bio for $4.3 billion. Acquiring Quorvex was the board's top priority, the "
        "chief executive said.",
    )
    assert d is not None and d["licensor"] == "Quorvex Bio"


def test_the_partner_paired_with_a_known_licensor_is_the_licensee() -> None:
    lic, lee = roles(
        "HP Forms $1.2-Billion Deal with Quorvex Therapeutics for Lung-Disease Drug",
        "Harnell Pharma (HP) has entered into a collaboration and license agreement, in a deal worth up to EUR 1.1 "
        "billion ($1.2 billion), with Quorvex Biotherapeutics, a clinical-stage biopharmaceutical company, to develop "
        "Quorvex Biotherapeutics' autotaxin inhibitor, QX-877, for treating lung diseases.",
    )
    assert (lic, lee) == ("Quorvex Biotherapeutics", "Harnell Pharma")


# ------------------------------------------------------------------------------------------------ fresh set 20


def test_an_approach_reported_by_a_newspaper_is_no_deal() -> None:
    assert (
        deal(
            "Canada's Harnell approaches to buy Quorvex: WSJ",
            "Canada-based drugmaker Harnell Pharmaceuticals Inc has approached to buy Quorvex Inc, an animal-health "
            "company, the Wall Street Journal reported.",
        )
        is None
    )


def test_a_comment_on_a_latest_acquisition_is_no_deal() -> None:
    assert (
        deal(
            "Harnell is betting big on speciality. Will it pay off?",
            "Analysts expect Harnell to keep chasing speciality assets. Harnell Pharmaceutical Industries Ltd's latest "
            "acquisition of US-based Quorvex Therapeutics, Inc. is good news for its speciality business.",
        )
        is None
    )


def test_a_latest_acquisition_stated_in_the_lead_of_a_deal_headline_is_the_deal() -> None:
    d = deal(
        "Harnell buys Quorvex",
        "Harnell Pharma's latest acquisition of Quorvex Therapeutics, Inc. is worth $2 billion, the company said.",
    )
    assert d is not None and d["total"] == 2e9


def test_more_shares_bought_under_a_purchase_agreement_are_no_new_deal() -> None:
    assert (
        deal(
            "Harnell Pharma Acquires Additional Equity Shares in Quorvex Chemicals",
            "Harnell Pharmaceuticals has acquired an additional 3,782,566 equity shares of Quorvex Chemicals & "
            "Pharmaceuticals Limited, representing 2.36% of its equity share capital.",
        )
        is None
    )


def test_the_bidder_a_buyer_beat_is_no_party() -> None:
    d = deal(
        "Harnell trumps Pellman Capital to buy Quorvex for $1.67 bn",
        "Harnell Pharma has entered into a definitive agreement to acquire Quorvex Serums and Vaccines (QSV) from "
        "Advent Partners for around $1.67 billion.",
    )
    assert d is not None and d["licensee"] == "Harnell Pharma"


def test_a_mandatory_offer_triggered_by_a_family_transfer_is_no_deal() -> None:
    assert (
        deal(
            "康瑞药业:关于收到要约收购报告书的提示性公告",
            "2025年6月11日,公司实际控制人曹先生与其子签署《康瑞控股集团有限公司股权转让协议》,曹先生拟将其所持康瑞控股10.10%的"
            "股权转让给其子。本次股权转让完成后,其子通过康瑞控股、西藏康瑞企业管理有限公司间接控制上市公司56.07%的股份,从而触发"
            "全面要约收购义务。",
        )
        is None
    )


def test_a_drug_target_in_chinese_text_is_no_party() -> None:
    lic, lee = roles(
        "【制药网】近日,康瑞医药发布公告称,公司与日本制药头部大冢制药株式会社(简称“大冢制药”)达成全球战略合作",
        "【制药网】近日,康瑞医药发布公告称,公司与日本制药头部大冢制药株式会社(简称“大冢制药”)达成全球战略合作,将其自主研发的"
        "BCMA×CD3双特异性T细胞衔接器KR7020授权给大冢制药,交易总金额达6.7亿美元。",
    )
    assert (lic, lee) == ("康瑞医药", "大冢制药")


def test_rights_taken_back_are_no_deal() -> None:
    assert (
        deal(
            "6月17日晚间,康瑞医药官网披露,公司收回了它在研的PD-1抑制剂康瑞单抗全球授权。",
            "6月17日晚间,康瑞医药官网披露,公司收回了它在研的PD-1抑制剂康瑞单抗全球授权。至此,因Quorvex收购Pellman制药产生的"
            "连锁反应暂告一段落。此次公司与Pellman终止双方关于康瑞单抗的全球合作,Pellman同意就合作终止向康瑞医药支付1.5亿美元。",
        )
        is None
    )


def test_a_revised_licence_is_no_new_deal() -> None:
    assert (
        deal(
            "康藥董事會通過與Quorvex Vet Pharma修訂動物止痛藥之授權合約",
            "(6535)康藥-公告本公司董事會通過修訂動物止痛藥之授權合約 1.契約或承諾變更日期:111/05/31 2.契約或承諾相對人:Quorvex "
            "Vet Pharma, Inc. 3.變更之原因:擴大授權區域及變更交易條件。 4.變更之內容: (1)原本公司董事會決議與美國動物藥品開發公司"
            "Quorvex Vet Pharma(以下簡稱QVP)簽訂長效止痛針劑動物用藥獨家授權協議,授予QVP全球之權利。 (2)修訂後合約之簽約金及"
            "里程碑金自110萬美元降為90萬美元。",
        )
        is None
    )


def test_a_drug_name_ends_a_capitalised_company_name() -> None:
    d = deal(
        "Harnell Extends Dermatology Reach With Quorvex Lebrikizumab Deal",
        "Harnell SA has entered a deal with US-based Quorvex Inc. for the investigational antibody lebrikizumab, for "
        "which Quorvex gets an upfront option fee of $30m.",
    )
    assert d is None or "Lebrikizumab" not in (d.get("licensor"), d.get("licensee"))


# ------------------------------------------------------------------------------------------------ fresh set 19


def test_a_target_that_will_become_a_subsidiary_keeps_its_role() -> None:
    lic, lee = roles(
        "Harnell Acquires Quorvex Pharmaceuticals for $2 Billion",
        "Harnell announced on March 19 that it entered into a definitive agreement to acquire Quorvex Pharmaceuticals "
        "Inc., based in Hamilton, Canada. Quorvex will become a wholly owned subsidiary of Harnell.",
    )
    assert (lic, lee) == ("Quorvex Pharmaceuticals", "Harnell")


def test_a_rumoured_bid_that_may_spend_is_no_deal() -> None:
    assert (
        deal(
            "传康瑞或斥上千亿美元收购Quorvex制药",
            "媒体称康瑞制药或出资上千亿美元收购Quorvex制药。报道称,康瑞与Quorvex接触,向后者提出收购意向。",
        )
        is None
    )


def test_a_share_jump_on_a_potential_takeover_is_no_deal() -> None:
    assert (
        deal(
            "基因编辑公司Quorvex Bio(QRVX)周二盘前股价大涨80%。",
            "基因编辑公司Quorvex Bio(QRVX)周二盘前股价大涨80%。这一显著涨幅主要源于一则潜在收购消息。据报道,康瑞制药正在就以"
            "高达13亿美元的价格收购Quorvex Bio进行深入谈判。",
        )
        is None
    )


def test_the_bidders_tender_offer_names_the_buyer() -> None:
    lic, lee = roles(
        "Why Quorvex Therapeutics Stock Bolted Higher This Week",
        "Shares of clinical-stage biotech Quorvex Therapeutics (NASDAQ: QRVX) jumped by 37.5% this week. The big gain "
        "came after the company announced a $2.4 billion buyout agreement with industry heavyweight Harnell Pharma "
        "(NYSE: HRN). Harnell's $2.4 billion tender offer represents a 40% premium to Quorvex's closing price.",
    )
    assert (lic, lee) == ("Quorvex", "Harnell Pharma")


def test_a_potential_deal_value_is_no_rumour() -> None:
    d = deal(
        "康瑞制药牵头中国药企布局减肥市场 潜在交易额185亿美元",
        "康瑞制药宣布与Quorvex生物达成独家许可协议,获得Quorvex生物一款减肥药的全球权益,首付款1亿美元,潜在交易额185亿美元。",
    )
    assert d is not None and d["total"] == 18.5e9


def test_an_anti_target_class_is_no_party() -> None:
    lic, _ = roles(
        "Quorvex Bio, Pellman Grant Harnell Bio Global Rights to Anti-TSLP Antibody for USD970 Million",
        "Quorvex Bio and Pellman Biopharmaceutical have granted Swiss startup Harnell Bio exclusive global rights to "
        "their long-acting anti-TSLP monoclonal antibody, with the deal potentially worth up to USD970 million.",
    )
    assert lic is not None and "TSLP" not in lic


def test_an_incretin_target_is_no_party() -> None:
    d = deal(
        "A new obesity biotech has entered the field with $400 million to test GLP-1 and GIP candidates licensed from "
        "Jiangsu Quorvex Pharmaceuticals.",
        "Investors have put money in a new biotech named Harnell CM NewCo, per an announcement from Quorvex. The deal "
        "includes $110 million in upfront payments to Quorvex.",
    )
    assert d is not None and d.get("licensee") != "GIP"


def test_a_revised_agreement_is_no_new_deal() -> None:
    opening = (
        "Harnell Pharmaceutical said it has signed a revised agreement with Quorvex to reduce the burden of joint "
        "research funding on Quorglenatide."
    )
    assert (
        deal(
            opening,
            opening + " Under the revised contract, the portion of joint research fund that Harnell Pharmaceutical has "
            "to burden will go down by 50 million euros, from 150 million to 100 million euros. As the company had "
            "already paid about 31.5 million euros, Harnell will have to pay only the remaining 68.5 million euros.",
        )
        is None
    )


def test_a_newco_leaving_stealth_with_a_licence_revealed_before_is_no_deal() -> None:
    assert (
        deal(
            "Harnell Therapeutics comes out of stealth with $400 million for obesity drugs",
            'Harnell Therapeutics, details of which were first revealed in May under the name "Pellman CM NewCo," '
            "emerged from stealth on Tuesday. The drugs were acquired from Jiangsu Quorvex Pharmaceuticals Co.",
        )
        is None
    )


def test_a_carve_out_that_will_operate_as_the_buyers_subsidiary() -> None:
    d = deal(
        "Harnell will pay $2.5B to acquire one of the only approved ALS drugs",
        "The Japanese drugmaker Harnell announced Monday that it will be taking ownership of one of the only approved "
        "ALS drugs in a multibillion-dollar deal. The company will pay $2.5 billion to acquire both the oral and IV "
        "formulations of Quorvida, also known as quorvarone, from Bain Capital-owned Quorvex Pharma. As part of the "
        "deal, Quorvex will spin out a newco for all Quorvida operations, which will operate as a subsidiary of "
        "Harnell.",
    )
    assert d is not None and d["licensee"] == "Harnell"


def test_a_filings_seller_agrees_to_sell_and_the_buyer_to_buy_the_target() -> None:
    d = deal(
        "康瑞生物(02235)公布出售附屬公司",
        "康瑞生物(02235.HK)公布,本公司與佳禾醫藥訂立買賣協議,據此本公司同意出售而佳禾醫藥同意收購目標公司全部股權,"
        "代價為3.2億港元。",
    )
    assert d is not None and (d["licensor"], d["licensee"]) == ("康瑞生物", "佳禾醫藥")


def test_a_filing_names_each_party_after_its_role() -> None:
    d = deal(
        "康瑞生物(02235)公布出售附屬公司",
        "康瑞生物(02235.HK)公布,賣方(本公司全資附屬公司)與買方佳禾醫藥訂立買賣協議,據此賣方同意出售而買方同意收購"
        "銷售股份,代價為3.2億港元。",
    )
    assert d is not None and (d["licensor"], d["licensee"]) == ("康瑞生物", "佳禾醫藥")


def test_a_quoted_everyone_opening_the_headline_is_no_party() -> None:
    d = deal(
        '"Everyone wants a China asset," says Pellman CEO as it licenses Quorvex drug',
        "Pellman Pharma will pay Quorvex Therapeutics $40 million upfront for ex-China rights to its bispecific "
        "antibody QX-7, with up to $600 million in milestones.",
    )
    assert d is not None and (d["licensor"], d["licensee"]) == ("Quorvex Therapeutics", "Pellman Pharma")


def test_a_field_of_medicine_inside_a_company_name_is_kept() -> None:
    d = deal(
        "Pellman Pharma to acquire Harnell Eye Care",
        "Pellman Pharmaceutical Co., Ltd. announced today that its U.S. subsidiary has entered into an agreement to "
        "acquire Harnell Eye Care, LLC, a privately held ophthalmic company, for $225 million.",
    )
    assert d is not None and d["licensor"] == "Harnell Eye Care"


def test_selling_a_business_unit_is_an_acquisition() -> None:
    d = deal(
        "Harnell Holdings agrees to sell consumer health unit to Quorvex Capital",
        "Harnell Holdings said on Thursday it had agreed to sell its consumer health business to private equity firm "
        "Quorvex Capital for $1.1 billion, as the drugmaker sharpens its focus on prescription medicines.",
    )
    assert d is not None and d["deal_type"] == "acquisition"


def test_the_company_in_the_clause_after_the_acquisition_is_not_its_object() -> None:
    d = deal(
        "佳禾医药溢价40%收购康瑞生物",
        "3月2日,佳禾医药宣布已就对康瑞生物科技集团(以下简称“康瑞生物”)收购提案签署最终协议,进一步加强佳禾医药在眼科疗法领域的布局。",
    )
    assert d is not None and (d["licensor"], d["licensee"]) == ("康瑞生物", "佳禾医药")


OPENING = (
    "Harnell Pharma said on Tuesday that it has agreed to buy U.S. biotech Quorvex Bio for about $2.1 billion, giving "
    "it access to a late-stage eye drug."
)


def test_older_deals_the_new_one_is_ranked_against_give_no_party() -> None:
    d = deal(
        OPENING,
        "It is the largest purchase by a Japanese drugmaker this year, following Pellman Pharmaceutical's $3 billion "
        "purchase of Ostrava Therapeutics' kidney unit in May.",
    )
    assert d is not None and (d["licensor"], d["licensee"]) == ("Quorvex Bio", "Harnell Pharma")


def test_a_gliflozin_and_its_salt_are_no_party() -> None:
    assert roles(
        "Harnell, Quorvex Pharma sign pact to co-market diabetes drug in India",
        "Drug makers Harnell Pharmaceuticals and Quorvex Pharmaceuticals said they have entered into a sub-licensing "
        "agreement to co-market diabetes drug Sotagliflozin Etabonate in India. Harnell will receive licence fees and "
        "royalties from Quorvex.",
    ) == ("Harnell Pharmaceuticals", "Quorvex Pharmaceuticals")


def test_receiving_licence_fees_from_a_partner_is_being_paid() -> None:
    assert roles(
        "Harnell, Quorvex Pharma sign pact to co-market diabetes drug in India",
        "Drug makers Harnell Pharmaceuticals and Quorvex Pharmaceuticals said they have entered into a sub-licensing "
        "agreement to co-market a diabetes drug in India. Harnell will receive licence fees and royalties from Quorvex.",
    ) == ("Harnell Pharmaceuticals", "Quorvex Pharmaceuticals")


def test_a_headline_in_the_leads_converted_currency_takes_the_stated_one() -> None:
    d = deal(
        "Harnell Labs to sell two migraine brands to Quorvex Pharma for Rs 500 crore approx",
        "Mumbai: Harnell Laboratories said it has entered into a definitive agreement with Quorvex Pharma to sell the "
        "US rights of its migraine brands for over USD 60 million (approx Rs 500 crore).",
    )
    assert d is not None and (d["total"], d["currency"]) == (60e6, "USD")


def test_two_listed_parties_signing_together_are_paired() -> None:
    assert roles(
        "Novartis deal worth potential $900 million to Quorvex",
        "Swiss drugmaker Novartis (NYSE: NVS) and Quorvex Bio (Nasdaq: QVX) signed a global agreement for the "
        "development and commercialization of QX-3, an antibody discovered by the Chinese biotech.",
    ) == ("Quorvex Bio", "Novartis")


def test_a_successfully_completed_acquisition_is_a_closing() -> None:
    assert (
        deal(
            "Harnell Pharma Acquires Quorvex Bio",
            "Harnell Pharma (NYSE: HRN) announced that it has successfully completed its acquisition of Quorvex Bio, "
            "Inc. (NASDAQ: QVX), adding a late-stage eye drug to its pipeline.",
        )
        is None
    )


@pytest.mark.parametrize(
    "title",
    ["佳禾藥業進軍北美 接手康瑞加拿大藥廠", "佳禾藥業收購康瑞加拿大藥廠"],
)
def test_zh_the_closing_of_a_purchase_announced_before_is_no_deal(title: str) -> None:
    assert (
        deal(
            title,
            "佳禾藥業斥資新台幣5.2億元取得康瑞生技加拿大藥廠,並在1日正式接手。佳禾藥業今年4月宣布以5.2億元取得"
            "康瑞生技加拿大藥廠。",
        )
        is None
    )


def test_zh_completed_closing_conditions_of_an_asset_purchase_signed_before() -> None:
    assert (
        deal(
            "佳禾收購三項藥品權利",
            "佳禾昨日宣布,越南藥品組合收購案近日已取得最新進展。佳禾先前簽署一份資產購買協議,收購三項藥品在越南的相關權利。"
            "截至目前已完成兩項藥品之交割條件。",
        )
        is None
    )


def test_selling_its_drug_to_a_buyer_names_both() -> None:
    assert roles(
        "Harnell Pharma has agreed to sell its Quorvida treatment for dry eye disease to Pellman Pharma for $1.2 billion."
    ) == ("Harnell Pharma", "Pellman Pharma")


def test_milestones_that_could_bring_the_deal_to_a_figure_give_the_total() -> None:
    d = deal(
        "Harnell Pharma has agreed to sell its Quorvida treatment to Pellman Pharma for $1.2 billion plus milestone "
        "payments that could bring the deal to $1.9 billion."
    )
    assert d is not None and (d["upfront"], d["total"]) == (1.2e9, 1.9e9)


def test_zh_buying_from_a_seller_with_xiang() -> None:
    assert roles(
        "康瑞醫藥訂產品收購協議",
        "康瑞醫藥(01234)公布,訂資產購買協議,向Quorvex收購4款眼科產品以於中國製造及商業化。",
    ) == ("Quorvex", "康瑞醫藥")


def test_zh_taking_over_a_business_with_shourang_from_two_character_listed_names() -> None:
    assert roles(
        "佳禾受讓康瑞CRO業務 打造生物相似藥產品鏈",
        "佳禾(4726)昨日召開董事會並決議與康瑞(6535)簽訂資產暨營業讓與協議書。佳禾將以現金1.31億元為對價,受讓康瑞所持有"
        "生物藥技術服務業務相關之資產及營業。",
    ) == ("康瑞", "佳禾")


@pytest.mark.parametrize("listing", ["(NASDAQ:HRNL)", "(NASDAQ: HRNL)"])
def test_a_stock_symbol_after_its_exchange_is_no_name_of_its_own(listing: str) -> None:
    d = deal(
        "Harnell strikes $2.1 billion Quorvex deal",
        f"On Wednesday, Harnell plc {listing} agreed to acquire Quorvex Pharmaceuticals plc (NASDAQ:QVX) for $20 per "
        "share in cash, which values Quorvex at approximately $2.1 billion.",
    )
    assert d is not None and d["licensee"] == "Harnell"


def test_a_narcolepsy_drug_in_a_title_case_headline_names_no_party() -> None:
    d = deal(
        "Harnell Strikes $2.1 Billion Quorvex Deal, Gains Access To Narcolepsy Drug Lumvora",
        "On Wednesday, Harnell plc agreed to acquire Quorvex Pharmaceuticals plc for up to $20 per share in cash.",
    )
    assert d is not None and (d["licensor"], d["licensee"]) == ("Quorvex Pharmaceuticals plc", "Harnell")


def test_an_aside_between_the_buyer_and_its_verb_names_no_buyer() -> None:
    assert roles(
        "Harnell, fresh off gaining Pellman drug, buys Quorvex for $750M",
        "Harnell Corp is buying San Diego-based Quorvex Pharmaceuticals for $750 million.",
    ) == ("Quorvex", "Harnell")


def test_an_opening_clause_about_an_older_deal_gives_no_roles() -> None:
    assert roles(
        "Harnell pays $658M in a further bet on collagen drugs, buying out longtime partner",
        "A little less than two years after Harnell Pharmaceuticals’ deal to purchase Ostrava Therapeutics fell "
        "through, the Irish drugmaker is returning with a bigger acquisition. Harnell will purchase all of Quorvex "
        "Technologies’ outstanding stock for about $540 million.",
    ) == ("Quorvex Technologies", "Harnell Pharmaceuticals")


def test_a_sale_of_long_ago_gives_no_buyer() -> None:
    assert roles(
        "Harnell to sell India API unit for $400 million",
        "Harnell, the result of the merger of Pellman Pharma's and Ostrava's generics units, has sold two units. "
        "Harnell on Monday said it sold its Indian API business to Quorvex Enterprises, a local pharma firm owned by "
        "Ostrava founder Jan Novak. The deal marks Novak's return to the API business that he sold to Pellman Pharma "
        "in 2006.",
    ) == ("Harnell", "Quorvex Enterprises")


def test_company_inside_a_registered_name_is_kept() -> None:
    d = deal(
        "Harnell Consumer Health Inc. announced a definitive agreement to acquire a portfolio of eye care brands from "
        "specialty pharmaceutical company Quorvex Operating Company LLC for $230 million in cash."
    )
    assert d is not None and d["licensor"] == "Quorvex Operating Company LLC"


def test_an_acquisitions_cash_part_beside_a_cvr_is_the_upfront() -> None:
    d = deal(
        "Harnell is set to acquire Quorvex Therapeutics in a deal worth up to $795m.",
        "As per the definitive agreement, Harnell will acquire Quorvex through a tender offer at $8.5 per share in "
        "cash, totalling approximately $561m. Additionally, Quorvex's shareholders will receive a non-tradable "
        "contingent value right (CVR) worth up to $3.5 per share.",
    )
    assert d is not None and (d["upfront"], d["total"]) == (561e6, 795e6)


def test_licensed_in_from_a_licensor_named_after_an_aside_about_the_drugs() -> None:
    assert roles(
        "In a deal that could be worth up to $400 million, Harnell Pharmaceutical Group Ltd. licensed in the enzyme "
        "inhibitor quorvastat (QV-912) and the antibody QV-C06, which target a toxic amyloid species (pGlu-Abeta), "
        "from Quorvex Therapeutics AG to develop and commercialize them for Alzheimer's disease in greater China."
    ) == ("Quorvex Therapeutics AG", "Harnell Pharmaceutical Group Ltd.")


def test_a_name_written_short_as_its_coded_first_word() -> None:
    assert roles(
        "Q2 Therapeutics and Harnell Announce Exclusive License Agreement for Quorvaciclib in Greater China",
        "Harnell to lead clinical development and commercialization of quorvaciclib in Greater China\n"
        "Q2 to receive $14 million upfront payment and up to $156 million in future milestone payments",
    ) == ("Q2 Therapeutics", "Harnell")


def test_a_deal_with_y_for_rights_to_its_drug_is_the_subjects_drug() -> None:
    assert roles(
        "Harnell's $1.8 Billion Licensing Pact Leaves Options Open",
        "Harnell Therapeutics’s shares gained Wednesday after the company struck a licensing deal with Pellman Pharma "
        "Co. worth as much as $1.8 billion for partial rights to its promising cancer drug.",
    ) == ("Harnell Therapeutics", "Pellman Pharma Co.")


def test_launching_a_new_company_together_is_a_newco() -> None:
    d = deal(
        "10 Months After Leaving Neuroscience R&D, Pellman Launches CNS Company Quorvex Therapeutics",
        "Pharma giant Pellman Pharma and Harnell Capital teamed up to launch Quorvex Therapeutics, a new "
        "biopharmaceutical company based in Boston that will develop therapies for nervous system disorders.",
    )
    assert d is not None and (d["deal_type"], d["licensee"]) == ("newco", "Quorvex Therapeutics")


def test_zh_a_short_name_defined_after_a_latin_registered_name() -> None:
    licensor, licensee = roles(
        "佳禾医药:关于许可韩国QUORVEX公司QX-101的公告",
        "江苏佳禾医药股份有限公司(以下简称“佳禾”或“公司”)与韩国QUORVEX BIO CO., LTD.公司(以下简称“宏澜公司”)达成协议,"
        "将抗肿瘤药品QX-101项目有偿许可给宏澜公司。",
    )
    assert licensor == "佳禾" and licensee is not None and licensee in ("宏澜公司", "QUORVEX BIO CO")  # one company


def test_obtains_in_a_title_case_headline_ends_the_name() -> None:
    d = deal(
        "Harnell Obtains License For QUORVA From Pellman For Geographies Outside Of China",
        "Under the expanded license agreement, Harnell will obtain an exclusive license for QUORVA outside of China. "
        "Pellman Biologics will receive an upfront payment of $200 million.",
    )
    assert d is not None and d["licensee"] == "Harnell"


def test_an_aside_naming_a_founder_is_no_licensee() -> None:
    assert roles(
        "Quorvex Forms $531.5 Million China Partnership with Harnell for Two Oncology Candidates",
        "Quorvex, a new Princeton-Shanghai company founded by Pellman Advisors, acquired China rights to two Harnell "
        "(NSDQ: HRNL) oncology assets in a $531.5 million agreement.",
    ) == ("Harnell", "Quorvex")


def test_zh_a_latin_short_name_inside_its_definition_is_no_other_party() -> None:
    assert roles(
        "佳禾醫藥(600123.SH)公布,公司與韓國QuorvexBioCo.,Ltd.公司(以下簡稱「QVX-B公司」)達成協議,將具有自主智慧財產權的"
        "抗腫瘤藥品QX-7項目有償許可給韓國QVX-B公司。"
    ) == ("佳禾醫藥", "QVX-B公司")


def test_an_offer_to_acquire_that_is_only_proposed_is_no_deal() -> None:
    assert (
        deal(
            "Harnell Pharma offers to acquire remaining stake in Quorvex in an all-cash deal: Key details",
            "Harnell Pharmaceutical Industries has proposed acquisition of all the shares of Quorvex Pharmaceutical "
            "Industries by way of a reverse triangular merger at a price of US $38 per ordinary share.",
        )
        is None
    )


def test_a_banner_year_of_licensing_deals_is_a_round_up() -> None:
    assert (
        deal(
            "Biotech booms on big licensing deals with global players",
            "It's been a banner year for Korean biopharmaceutical companies as more have been winning big licensing "
            "deals to transfer technologies to global players.\nThey have won 18 licensing deals as of Sept. 18, "
            "according to Korea Pharmaceutical and Bio-Pharma Manufacturers Association. Two were worth over 1 "
            "trillion won ($851 million).",
        )
        is None
    )


def test_a_recommended_cash_offer_to_a_targets_shareholders_is_an_agreed_acquisition() -> None:
    d = deal(
        "Pharmorex announces a recommended cash offer of SEK 0.45 per share to the shareholders of Quorvex",
        "Pharmorex Technologies B.V., a wholly owned subsidiary of Pharmorex Group N.V., announces a recommended cash "
        "offer to the shareholders of Quorvex AB (publ) to tender all their shares in Quorvex to Pharmorex at a price "
        "of SEK 0.45 per share.",
    )
    assert d is not None and (d["deal_type"], d["licensor"], d["licensee"]) == (
        "acquisition",
        "Quorvex AB",
        "Pharmorex Technologies B.V",
    )


def test_zh_a_purchase_price_that_can_rise_on_approval_is_the_total() -> None:
    d = deal(
        "佳禾製藥4億美元收購Quorvex 助推罕病基因療法",
        "日本製藥公司佳禾製藥宣布,以3.87億美元收購基因療法開發商Quorvex Therapeutics,若其候選療法獲得美國食品藥物管理局"
        "批准,收購價可提高到近4.78億美元。",
    )
    assert d is not None and (d["upfront"], d["total"]) == (387e6, 478e6)


def test_a_sum_then_its_breakdown_keeps_the_sum_and_the_part_paid_at_signing() -> None:
    d = deal(
        "Harnell Pharma will license global rights to quorvaprant (QV-022) from Quorvex SA.",
        "Quorvex could receive tiered royalties and as much as $400 million in up-front and milestone payments, "
        "including $20 million to be paid at signing, up to $80 million in development milestones and up to $300 "
        "million in sales-based milestones.",
    )
    assert d is not None and (d["upfront"], d["total"]) == (20e6, 400e6)


def test_zh_licensing_to_a_licensee_written_after_its_country() -> None:
    assert roles(
        "佳禾生技治療異位性皮膚炎的QX825,以5.3億美元授權丹麥Pellman Pharma,創下國內最大新藥授權案!",
        "QX825是在2011年時,由中天集團旗下康瑞生技(後與佳禾合併)以700萬美元向中研院授權引進。",
    ) == ("佳禾生技", "Pellman Pharma")


def test_zh_a_holding_company_in_a_name_is_no_purchase() -> None:
    d = deal(
        "2026年1月12日,行业大会在美国旧金山召开,大洋彼岸的中国接连传来重磅消息。",
        "康瑞生物(SH688123,股价103.34元,市值582.54亿元)率先宣布与全球制药巨头——艾伯维集团控股公司(以下简称艾伯维)"
        "达成56亿美元授权协议,其双抗QX148成功出海。",
    )
    assert d is not None and (d["licensor"], d["licensee"], d["asset"]) == ("康瑞生物", "艾伯维", "QX148")


def test_a_subsidiary_of_an_unnamed_parent_never_makes_both_parties_one() -> None:
    """ "Y Specialty S.A., a wholly-owned subsidiary of the Mumbai-based drugmaker": the parent is unresolved (the
    "other party" marker), which must not be read as an index into the entities."""
    from rules.extract.bd_names import SUFFIX, Entity, Names
    from rules.extract.bd_roles import OTHER, Votes, decide

    names = Names([], [Entity("harnell", strength=SUFFIX), Entity("quorvex", strength=SUFFIX), Entity("x")])
    votes = Votes(licensor={0: 3.0}, licensee={1: 1.0}, parent={0: OTHER})
    assert decide(votes, names, []) == (0, 1)


def test_zh_a_star_drug_is_no_company_and_the_latter_is_the_partner() -> None:
    assert roles(
        "6月26日,康瑞生物宣布与美国Quorvex Bio达成全球授权合作协议,将自主研发的明星创新药康它西普在大中华区以外的全球权益"
        "授权给后者。"
    ) == ("康瑞生物", "Quorvex Bio")


def test_zh_a_total_named_as_such_over_a_value() -> None:
    d = deal(
        "康瑞生物与Quorvex Bio达成全球授权合作协议",
        "根据协议,康瑞生物将取得Quorvex Bio价值1.25亿美元现金及认股权证(包括4500万美元现金首付款和价值8000万美元的认股权证)、"
        "最高可达41.05亿美元的里程碑付款,总金额42.3亿美元。",
    )
    assert d is not None and (d["upfront"], d["total"]) == (45e6, 4.23e9)


def test_zh_a_company_known_for_an_old_deal_seeking_a_listing_is_no_deal() -> None:
    assert (
        deal(
            "簽下84億美元合作的百利天恒 尋求來港上市",
            "10月26日,創新藥企四川百利天恒藥業股份有限公司發布第三季度報告。業績的劇烈波動,源於2023年底百利天恒與百時美施貴寶達成的"
            "一項首付款8億美元、總交易額高達84億美元的合作協議。",
        )
        is None
    )


def test_a_sector_update_listing_tickers_is_a_round_up() -> None:
    assert (
        deal(
            "Health Care Sector Update for 12/22/2025: QVX, HRN, PLM",
            "Health care stocks were mixed premarket Friday.\n\nHarnell Pharma (HRN) and Quorvex Therapeutics (QVX) said "
            "they have signed a definitive merger agreement, under which Harnell will acquire Quorvex for $14 billion.",
        )
        is None
    )


def test_zh_the_company_before_an_aside_pairs_with_the_partner() -> None:
    assert roles(
        "(記者 王明)經歷海外資產風波後,康瑞生物(01234.HK)國際化的腳步卻沒有停歇,與羅氏製藥達成新一代ADC藥物(QX3009)的全球"
        "獨家許可協議,該筆交易中首付款8000萬美元。"
    ) == ("康瑞生物", "羅氏製藥")


def test_zh_that_company_after_an_unnamed_partner_is_the_partner() -> None:
    d = deal(
        "康瑞新藥簽訂QX-1000之國際授權合約",
        "康瑞新藥(6785)宣布與某國際製藥公司簽訂旗下長效緩釋藥物QX-1000的授權合約,授予該公司於全球除中國以外的專屬授權。"
        "康瑞新藥將收取第1筆不可退回之簽約金500萬美元。",
    )
    assert d is not None and d.get("licensor") == "康瑞新藥" and d.get("licensee") is None


def test_a_headline_cutting_an_old_collaboration_is_its_end() -> None:
    assert (
        deal(
            "GSK Cuts Five-Year-Old Cancer Collaboration With Quorvex",
            "GSK and Quorvex first linked up in 2020 to advance therapies for solid tumors. It is unclear why the pharma "
            "terminated the partnership. GSK has ended a five-year relationship with Quorvex Biosciences.",
        )
        is None
    )


def test_a_rumour_confirmed_in_the_headline_is_a_deal() -> None:
    d = deal(
        "Rumour confirmed as Lilly buys Quorvex for $1.2 billion",
        "Reports that Eli Lilly was eyeing a takeover of Quorvex Biosciences have been confirmed. A report in the "
        "Wall Street Journal, citing people familiar with the matter, suggested an announcement could be made "
        "imminently, and Lilly announced a $14-per-share offer that valued the company at $1.2 billion.",
    )
    assert d is not None and (d["licensor"], d["licensee"], d["total"]) == ("Quorvex Biosciences", "Lilly", 1.2e9)


def test_as_much_as_more_if_it_succeeds_is_contingent() -> None:
    d = deal(
        "Harnell Pharma will pay Quorvex Bio $50 million upfront for rights to its antibody QX-2.",
        "As part of the deal, Harnell agreed to pay as much as $1.3 billion more to privately held Quorvex Bio if "
        "QX-2 reaches certain development and launch goals.",
    )
    assert d is not None and (d["upfront"], d["total"]) == (50e6, 1.35e9)


def test_a_currency_written_before_a_short_scale_is_no_asset() -> None:
    d = deal(
        "Harnell Pharmaceuticals to acquire Quorvex Therapeutics",
        "This acquisition adds worldwide rights to quorvitug, a late-stage antibody. Under the terms of the deal, "
        "Harnell will pay USD250m in cash and USD370m in Harnell common stock, plus up to USD200m in potential "
        "sales-based milestones.",
    )
    assert d is not None and d.get("asset") == "quorvitug"


def test_zh_a_headline_price_in_the_leads_conversion_and_chi_as_spending() -> None:
    d = deal(
        "《國企紅籌》康瑞醫藥(3321)附屬佳禾20億元購血液製品商",
        "康瑞醫藥(03321)公布,非全資附屬公司佳禾生物製藥斥18.2億元人民幣(約19.92億港元)向獨立第三者收購QUORVEX HK全部100%股權。",
    )
    assert d is not None and (d["total"], d["currency"]) == (1.82e9, "CNY")


def test_an_otc_symbol_after_its_market_is_no_name() -> None:
    d = deal(
        "Harnell Pharmaceutical Company (OTCPK:HRNPF)(OTCPK:HRNPY) has agreed to acquire Quorvex NV (NASDAQ:QVX) for "
        "~€520M in cash."
    )
    assert d is not None and d["licensee"] == "Harnell Pharmaceutical Company"


def test_zh_buying_a_marketing_authorisation_is_no_approval() -> None:
    assert roles(
        "佳禾药业(002737):全资子公司受让美沙拉秦肠溶片上市许可及相关生产技术",
        "公司同意全资子公司佳禾药业集团鹿灵制药有限公司以人民币3,400万元(含税)受让合肥康瑞制药股份有限公司(以下简称“康瑞制药”)"
        "持有的美沙拉秦肠溶片的药品上市许可及相关生产技术。",
    ) == ("康瑞制药", "佳禾药业")


def test_zh_a_blood_products_maker_passes_the_gate() -> None:
    assert roles(
        "125亿入股康瑞血液 佳禾集团加码大健康",
        "12月29日,佳禾集团宣布与血浆制品生产商宏澜达成战略合作,将以125亿元总价收购宏澜所持有康瑞血液制品股份有限公司"
        "(002252.SZ)20%股份。",
    ) == ("康瑞血液制品股份有限公司", "佳禾集团")


def test_taking_full_control_of_a_listed_unit_is_an_acquisition() -> None:
    d = deal(
        "BRIEF—Harnell Chemical to take full control of Harnell Quorvex Pharma",
        "Harnell Chemical Holdings said on Monday it will pay 491.8 billion yen ($4.52 billion) to make Harnell Quorvex "
        "Pharma a fully owned subsidiary.",
    )
    assert d is not None and (d["deal_type"], d["licensor"], d["total"], d["currency"]) == (
        "acquisition",
        "Harnell Quorvex Pharma",
        491.8e9,
        "JPY",
    )


def test_zh_taking_rights_with_the_fee_in_the_next_clause_is_the_licensee() -> None:
    assert roles(
        "康瑞強化眼科布局",
        "康瑞製藥今日公告,與美國Quorvex公司簽訂授權合約,取得眼藥新藥QV-210於亞洲的開發及銷售權利,簽約金300萬美元。",
    ) == ("Quorvex", "康瑞製藥")


def test_a_sum_in_cash_and_milestone_payments_is_the_total() -> None:
    d = deal(
        "Pellman Therapeutics to sell migraine spray to Quorvex Pharma for up to $820 million in cash and milestones",
        "Pellman Therapeutics agreed to sell its migraine spray to Quorvex Pharma for up to $815 million in cash and "
        "potential milestone payments. Quorvex will pay $300 million upfront, and Pellman is eligible for up to "
        "$515 million in sales milestones.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (300_000_000, 815_000_000)


def test_an_offer_the_targets_board_recommends_is_agreed() -> None:
    assert roles(
        "Harnell Pharma makes offer for Quorvex Therapeutics",
        "Harnell Pharma has made an all-cash offer to acquire Quorvex Therapeutics for $900 million. Quorvex's "
        "board of directors unanimously recommends that shareholders accept the offer.",
    ) == ("Quorvex Therapeutics", "Harnell Pharma")


def test_an_offer_the_targets_board_rejects_is_no_deal() -> None:
    assert (
        deal(
            "Harnell Pharma makes offer for Quorvex Therapeutics",
            "Harnell Pharma has made an all-cash offer to acquire Quorvex Therapeutics for $900 million. Quorvex's "
            "board recommended that shareholders reject the offer.",
        )
        is None
    )


def test_a_currency_code_written_against_the_figure_is_read() -> None:
    d = deal(
        "Harnell Pharma to buy Quorvex Therapeutics",
        "Harnell Pharma agreed to acquire Swedish drug developer Quorvex Therapeutics AB for SEK4.2 billion "
        "(US$400 million) in cash.",
    )
    assert d is not None and (d.get("total"), d.get("currency")) == (4_200_000_000, "SEK")


def test_an_increased_offer_under_an_agreed_deal_is_no_new_deal() -> None:
    assert (
        deal(
            "Harnell Pharma and Quorvex Therapeutics agree increased offer",
            "Harnell Pharma and Quorvex Therapeutics said they agreed to the terms of an increased offer under which "
            "Harnell will acquire Quorvex for up to $14.50 per share.",
        )
        is None
    )


def test_in_a_stock_merger_the_company_whose_shares_are_paid_is_the_buyer() -> None:
    assert roles(
        "Harnell and Quorvex to merge",
        "Harnell and Quorvex, two biotechnology companies, are merging in an all-stock deal meant to build a larger "
        "pipeline. Under the terms, Quorvex shareholders will receive 0.52 shares of Harnell stock for each share.",
    ) == ("Quorvex", "Harnell")


def test_zh_a_rumour_now_formally_confirmed_is_the_deal() -> None:
    d = deal(
        "随着行业整合加速,佳禾药业拟出售其细胞治疗业务的传言,在经历一个多月后,现已得到正式确认。",
        "12月3日晚,佳禾药业发布公告,将全资子公司所持有的康瑞生物全部股权以现金方式转让给Pellman Capital。",
    )
    assert d is not None and d.get("licensee") == Name("Pellman Capital")


def test_zh_a_rumour_not_confirmed_is_no_deal() -> None:
    assert deal("佳禾药业拟出售细胞治疗业务的传言未获证实", "佳禾药业表示,公司目前并无出售康瑞生物股权的计划。") is None


def test_zh_the_total_price_of_a_share_transfer_is_the_total() -> None:
    d = deal(
        "佳禾药业拟入主康瑞生物",
        "康瑞生物公告称,控股股东与佳禾药业签署《股份转让协议》,佳禾药业受让其持有的公司28%股份,转让价格为每股"
        "11.2元,转让总价款约为12.46亿元。",
    )
    assert d is not None and (d.get("total"), d.get("currency")) == (1_246_000_000, "CNY")


def test_zh_the_sum_a_buyer_will_use_to_take_a_target_is_its_price() -> None:
    d = deal(
        "佳禾药业拟收购康瑞制药旗下制剂工厂",
        "佳禾药业公告,公司拟使用2360万美元取得康瑞制药新设子公司100%股权,收购完成后将对其增资。",
    )
    assert d is not None and (d.get("total"), d.get("currency")) == (23_600_000, "USD")


def test_a_nationality_word_after_a_capitalised_word_belongs_to_the_name() -> None:
    assert roles(
        "Harnell Pharma to acquire vaccine maker Pellman Nordic",
        "Harnell Pharma agreed to acquire vaccine maker Pellman Nordic A/S for about $2 billion in cash.",
    ) == ("Pellman Nordic", "Harnell Pharma")


def test_a_nationality_word_before_a_fund_word_is_the_funds_name() -> None:
    d = deal(
        "Swiss Capital to acquire Quorvex Therapeutics for $3 billion",
        "Swiss Capital agreed to acquire Quorvex Therapeutics for about $3 billion in cash.",
    )
    assert d is not None and d.get("licensee") == "Swiss Capital"


def test_reach_in_a_title_case_headline_ends_the_name_before_it() -> None:
    d = deal(
        "Harnell Pharma, Pellman Partners Reach Agreement to Acquire Quorvex Therapeutics in $3 Billion Deal",
        "Harnell Pharma and Pellman Partners agreed to acquire Quorvex Therapeutics for about $3 billion.",
    )
    assert d is not None and "Reach" not in str(d.get("licensee"))


def test_bare_merck_after_merck_kgaa_is_the_kgaa() -> None:
    d = deal(
        "Germany's Merck KGaA (MRCG.DE) said on Tuesday it struck an alliance over a cancer antibody with Harnell "
        "Pharma, triggering an upfront payment of $300 million by Harnell.",
        "The two companies will develop Merck's antibody together. Apart from the upfront payment, Merck is eligible "
        "to receive milestone payments of up to $900 million.",
    )
    assert d is not None and d.get("licensor") == "Merck KGaA"


def test_a_ticker_in_angle_brackets_is_no_party() -> None:
    assert roles(
        "Harnell Pharma enters $900 million licensing deal for Quorvex gene therapy",
        "ZURICH (Reuters) - Harnell Pharma <HRN.S> entered into a $900 million licensing agreement with Quorvex "
        "Therapeutics <QRVX.O> to obtain the right to sell Quorvex's gene therapy outside the United States.",
    ) == ("Quorvex Therapeutics", "Harnell Pharma")


def test_upfront_and_near_term_payments_are_the_upfront() -> None:
    d = deal(
        "Harnell Pharma forms $800 million deal with Quorvex Therapeutics",
        "Harnell Pharma entered into a license agreement worth up to $800 million with Quorvex Therapeutics. Under the "
        "deal, Quorvex will receive upfront and near-term payments of $35 million.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (35_000_000, 800_000_000)


def test_zh_a_stop_word_before_a_drug_word_ends_the_name_before_it() -> None:
    assert roles(
        "佳禾药业拟购入新药独占许可",
        "佳禾药业公告,公司拟向康瑞生物购买其新药KR-101的独占许可,首付款5000万元。",
    ) == ("康瑞生物", "佳禾药业")


def test_zh_talks_the_board_once_disclosed_come_before_the_signing() -> None:
    assert roles(
        "佳禾药业关于与康瑞生物签署许可协议的公告",
        "佳禾药业董事会曾于5月1日公告披露,公司拟引进康瑞生物新药KR-101的独占许可,并授权经营层继续深入洽谈。"
        "6月21日公司与康瑞生物正式签署《许可协议》,公司将支付首付款5000万元。",
    ) == ("康瑞生物", "佳禾药业")


def test_an_upfront_in_another_currency_is_read_in_the_totals_currency() -> None:
    d = deal(
        "Harnell Pharma, Quorvex seal diabetes licence deal for up to $3.1 bln",
        "Harnell Pharma has signed a licence deal with Quorvex Therapeutics. Quorvex will receive an upfront payment of "
        "300 million euros ($326 million) and is eligible for up to 2.6 billion euros in milestones.",
    )
    assert d is not None and (d.get("upfront"), d.get("total"), d.get("currency")) == (
        326_000_000,
        3_100_000_000,
        "USD",
    )


def test_english_with_chinese_names_in_brackets_is_read_as_english() -> None:
    assert roles(
        "Harnell Biotech Inc (宏澜生技) has signed an agreement with Quorvex Therapeutics (Hong Kong) Ltd (康瑞香港生物科技) "
        "to give it the rights to two of its experimental drugs, HB-101 and HB-202, in China.",
        "Harnell would receive US$150 million for the licensing of the drugs, including US$10 million upfront.",
    ) == ("Harnell Biotech", "Quorvex Therapeutics")


def test_zh_a_reorganisation_under_common_control_is_no_deal() -> None:
    assert (
        deal(
            "佳禾健康斥资1.5亿 收购康瑞生技全数股权",
            "佳禾健康公告,将以新台币1.5亿元收购康瑞生技全部股权。佳禾健康表示,此次交易属共同控制下的组织重组。",
        )
        is None
    )


def test_zh_a_voluntary_announcement_heading_names_no_buyer() -> None:
    assert roles(
        "自愿公告 - 收购康瑞护理院的100%股权",
        "宏澜医药(02273)公告,公司全资附属公司与卖方订立股权转让协议,以4200万元收购康瑞护理院有限公司100%股权。",
    ) == ("康瑞护理院", "宏澜医药")


def test_a_yen_sign_between_chinese_companies_is_yuan() -> None:
    d = deal(
        "Jiangsu Harnell Pharmaceutical licenses antiviral from Beijing Quorvex Institute",
        "Jiangsu Harnell Pharmaceutical has acquired worldwide rights to an oral antiviral from Beijing Quorvex "
        "Institute. The deal includes ¥20 million up front and up to ¥900 million in milestones.",
    )
    assert d is not None and d.get("currency") == "CNY"


def test_a_yen_sign_in_an_english_wire_without_china_is_yen() -> None:
    d = deal(
        "Harnell Pharma licenses antiviral from Quorvex Therapeutics",
        "Harnell Pharma has acquired worldwide rights to an oral antiviral from Quorvex Therapeutics for ¥3 billion "
        "up front and up to ¥20 billion in milestones.",
    )
    assert d is not None and d.get("currency") == "JPY"


def test_zh_our_countrys_new_drugs_is_no_company() -> None:
    assert (
        deal(
            "创新药里程碑款陆续落地 行业迈向可持续收益新阶段",
            "2026年初,药监部门公布数据显示,2025年我国批准上市的创新药达70个,创历史新高。2025年我国创新药对外授权(BD)"
            "交易总金额超过1200亿美元,同样创下新高。……近期,佳禾药业、中国生物制药等多家企业相继披露收到里程碑款的进展,"
            "其中佳禾药业收到Pellman支付的800万美元里程碑付款。",
        )
        is None
    )


def test_an_e_before_an_amount_is_the_wires_euro_not_a_drug_code() -> None:
    d = deal(
        "Quorvex licenses eye drug from Harnell",
        "Quorvex Pharma agreed to pay Harnell Bio E40 million upfront for European rights to its eye drug, with up "
        "to E600 million in milestones.",
    )
    assert d is not None
    assert (d.get("licensor"), d.get("upfront"), d.get("total"), d.get("currency")) == (
        "Harnell Bio",
        40_000_000,
        640_000_000,
        "EUR",
    )
    assert d.get("asset") is None


def test_cash_for_the_rights_then_milestones_is_upfront_plus_milestones() -> None:
    d = deal(
        "Pellman sells rights to eye drug to Quorvex",
        "Pellman Ophthalmics has sold worldwide rights to its dry-eye candidate PO-12 to Quorvex Vision for "
        "$30 million in cash and up to $95 million in milestones.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (30_000_000, 125_000_000)


def test_a_licensee_that_develops_new_drugs_is_named_without_the_verb() -> None:
    d = deal("康瑞醫藥授權佳禾生物開發新藥 獲2億美元預付款", "康瑞醫藥公布與佳禾生物訂立獨家授權協議。")
    assert d is not None and (d.get("licensor"), d.get("licensee")) == ("康瑞醫藥", "佳禾生物")


def test_a_deal_that_could_reach_an_amount_is_the_total_not_a_milestone() -> None:
    d = deal(
        "Quorvex licenses Harnell's oral obesity drug",
        "Quorvex Bio is paying Harnell Therapeutics $80 million upfront for global rights to HT-55, in a deal that "
        "could reach $1.9 billion.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (80_000_000, 1_900_000_000)


def test_a_deal_called_the_latest_in_a_string_of_deals_is_still_a_deal() -> None:
    d = deal(
        "Quorvex licenses Harnell drug",
        "Quorvex Bio on Monday licensed HT-77 from Harnell Therapeutics for $30 million upfront, the latest in a "
        "string of deals for Chinese assets.",
    )
    assert d is not None and (d.get("licensor"), d.get("licensee")) == ("Harnell Therapeutics", "Quorvex Bio")


def test_a_string_of_deals_by_several_buyers_is_still_a_roundup() -> None:
    assert (
        deal(
            "A string of deals: Quorvex, Pellman and Veltra license Chinese drugs",
            "Quorvex licensed HT-77 from Harnell, Pellman bought rights to a bispecific from Aldora and Veltra paid "
            "$20 million for an ADC.",
        )
        is None
    )


def test_a_headline_naming_the_trend_then_one_deal_is_a_deal() -> None:
    d = deal(
        "創新藥出海熱潮持續 康瑞醫藥授權佳禾生物",
        "康瑞醫藥公布，與佳禾生物訂立授權協議，將收取4000萬美元首付款，總額最高達10億美元。",
    )
    assert d is not None and (d.get("licensor"), d.get("upfront"), d.get("total")) == (
        "康瑞醫藥",
        40_000_000,
        1_000_000_000,
    )


def test_the_price_before_shourang_is_the_total_of_a_rights_purchase() -> None:
    d = deal(
        "康瑞药业拟1.5亿元受让佳禾医药KR-3项目",
        "康瑞药业公告，公司拟以自有资金1.5亿元受让佳禾医药持有的KR-3项目全部权益，其中首期款3000万元。",
    )
    assert d is not None and (d.get("upfront"), d.get("total"), d.get("currency")) == (30_000_000, 150_000_000, "CNY")


def test_a_project_transferred_to_a_buyer_is_a_deal() -> None:
    d = deal(
        "佳禾藥業將KR-15項目轉讓予康瑞生物",
        "佳禾藥業與康瑞生物簽訂技術轉讓合同，公司將KR-15項目的全部技術以人民幣5,000萬元轉讓予康瑞生物。",
    )
    assert d is not None
    assert (d.get("licensor"), d.get("licensee"), d.get("total"), d.get("currency")) == (
        "佳禾藥業",
        "康瑞生物",
        50_000_000,
        "CNY",
    )


def test_a_drugmaker_selling_a_building_is_not_a_deal() -> None:
    assert (
        deal("佳禾医药拟转让闲置厂房", "佳禾医药公告，公司拟以1.2亿元将位于苏州的闲置厂房转让给当地国资平台。") is None
    )


def test_a_tender_offer_carrying_out_the_headlines_priced_purchase_is_a_deal() -> None:
    d = deal(
        "Quorvex to buy Japan's Harnell Pharma for ¥180 billion",
        "Quorvex Bio will launch a tender offer for Harnell Pharmaceutical at ¥3,200 per share.",
    )
    assert d is not None and (d.get("licensee"), d.get("total"), d.get("currency")) == (
        "Quorvex Bio",
        180_000_000_000,
        "JPY",
    )


def test_a_hostile_tender_offer_is_still_a_bid() -> None:
    assert (
        deal(
            "Quorvex to buy Japan's Harnell Pharma for ¥180 billion",
            "Quorvex Bio will launch a hostile tender offer for Harnell Pharmaceutical at ¥3,200 per share.",
        )
        is None
    )


def test_a_headline_amount_paid_now_is_the_upfront_when_the_lead_states_the_whole() -> None:
    d = deal(
        "Harnell grants Quorvex option on Alzheimer's antibody for $15M",
        "Harnell Therapeutics granted Quorvex Bio an exclusive option to license HT-AB1; Quorvex pays $15 million "
        "now and would pay an option exercise fee, with deal value up to $750 million.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (15_000_000, 750_000_000)


def test_an_aside_about_rights_regained_last_year_does_not_hide_the_new_licence() -> None:
    d = deal(
        "Harnell licenses drug to Pellman",
        "Harnell Therapeutics, which regained HT-4 from Quorvex last year, has now licensed the drug to Pellman "
        "Health for $10 million upfront.",
    )
    assert d is not None
    assert (d.get("licensor"), d.get("licensee"), d.get("upfront")) == (
        "Harnell Therapeutics",
        "Pellman Health",
        10_000_000,
    )


def test_a_licensee_ending_a_deal_it_signed_years_ago_is_not_a_deal() -> None:
    assert (
        deal(
            "Quorvex returns rights to Harnell drug",
            "Quorvex Bio, which licensed HT-4 in 2021, has terminated the agreement and returned rights to Harnell.",
        )
        is None
    )


def test_an_upfront_followed_by_plus_milestones_is_the_upfront_alone() -> None:
    d = deal(
        "康瑞医药与佳禾生物签订授权协议",
        "康瑞医药宣布与佳禾生物签订授权协议,佳禾生物将支付3亿美元的预付款,外加开发和销售里程碑,潜在总金额达到20亿美元。",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (300_000_000, 2_000_000_000)


def test_a_companys_second_deal_this_year_is_one_deal_not_a_round_up() -> None:
    d = deal(
        "康瑞医药达成今年以来第二笔BD交易",
        "康瑞医药公告称,公司与佳禾生物签署授权许可协议,将KR-15有偿许可给佳禾生物。",
    )
    assert d is not None and (d.get("licensor"), d.get("licensee")) == ("康瑞医药", "佳禾生物")


def test_deals_counted_since_the_start_of_the_year_are_still_a_round_up() -> None:
    assert (
        deal("今年以来中国药企已达成32笔出海授权交易", "其中康瑞医药将KR-15授权给佳禾生物,首付款5000万美元。") is None
    )


def test_a_description_ending_in_qiye_is_not_part_of_the_name() -> None:
    d = deal("辉瑞收购中国创新药企业佳禾生物", "辉瑞宣布以12亿美元收购中国创新药企业佳禾生物。")
    assert d is not None and d.get("licensor") == "佳禾生物"
    d = deal("康瑞医药收购科创板上市企业江苏佳禾生物医药股份有限公司", "交易总额12亿元。")
    assert d is not None and d.get("licensor") == "江苏佳禾生物医药股份有限公司"


def test_x_granted_rights_by_y_makes_y_the_licensor() -> None:
    d = deal(
        "康瑞医药获佳禾生物授予KR-15在中国的独家开发权利", "康瑞医药获佳禾生物授予KR-15在中国的独家开发及商业化权利。"
    )
    assert d is not None and (d.get("licensor"), d.get("licensee")) == ("佳禾生物", "康瑞医药")


def test_a_counterparty_named_bare_after_yu_is_a_party_wherever_it_is_written_again() -> None:
    d = deal(
        "康瑞医药与澜科签订许可协议",
        "根据约定,康瑞医药获澜科授予其在研的以KR-15分子作为活性成分的药物在中国境内的开发、注册、生产及商业化权利。",
    )
    assert d is not None and (d.get("licensor"), d.get("licensee")) == ("澜科", "康瑞医药")
    d = deal(
        "禾信與澜科簽訂授權協議", "禾信宣布與澜科簽訂授權協議，取得澜科生物相似藥在美國的銷售權利，簽約金500萬美元。"
    )
    assert d is not None and (d.get("licensor"), d.get("licensee"), d.get("upfront")) == ("澜科", "禾信", 5_000_000)


def test_shares_granted_to_employees_are_no_deal() -> None:
    assert (
        deal(
            "康瑞医药向激励对象授予限制性股票",
            "康瑞医药公告,公司向120名激励对象授予限制性股票500万股,授予价格为每股12元。",
        )
        is None
    )


def test_the_other_programmes_in_the_same_grant_do_not_start_a_second_deal() -> None:
    d = deal(
        "7月8日,康瑞医药宣布与佳禾生物达成合作协议。",
        "7月8日,康瑞医药宣布与佳禾生物达成合作协议。根据协议,康瑞医药将把KR-15项目的海外独家权利,"
        "连同另外8个早期项目的全球选择权,一并授权给佳禾生物。\n\n佳禾生物将支付3亿美元首付款,交易总价值可达60亿美元。",
    )
    assert d is not None
    assert (d.get("licensor"), d.get("licensee"), d.get("upfront"), d.get("total")) == (
        "康瑞医药",
        "佳禾生物",
        300_000_000,
        6_000_000_000,
    )


def test_a_filing_wrapped_mid_word_reads_as_one_text() -> None:
    d = deal(
        "康瑞医药关于全资子公司与佳禾生物签署产品独家许可协议的公告",
        "一、交易概述\n全资子公司宏澜制药有限公司与苏州佳禾生物科技有限公司(以下简称“佳\n禾生物”)签订了产品独家许可协议。宏澜制"
        "\n药获得佳禾生物的 KR-15 片在中国大陆的独家许可。宏澜制药将向佳禾生物支付 5,000 万人民币首付款。",
    )
    assert d is not None and (d.get("licensor"), d.get("upfront")) == ("佳禾生物", 50_000_000)


def test_a_purchase_nearly_done_whose_closing_the_lead_tells_is_not_a_new_deal() -> None:
    assert (
        deal(
            "辉瑞收购中国创新药企业佳禾生物接近尾声",
            "3月2日,佳禾生物正式宣布完成与辉瑞的合并,合并完成后,佳禾生物将成为辉瑞的全资子公司。",
        )
        is None
    )


def test_a_royalty_stream_sold_for_cash_is_a_financing_not_a_deal() -> None:
    assert (
        deal(
            "Harnell Bio sells royalty on cancer drug to a royalty fund for $500 million",
            "Harnell Bio agreed to sell a portion of its royalty interest in HT-4 for $500 million upfront.",
        )
        is None
    )
    assert (
        deal(
            "康瑞医药签订特许权使用费购买协议",
            "康瑞医药公告称,公司与某基金签订《特许权使用费购买协议》,后者将支付首付款8亿美元,换取KR-15特许权使用费的大部分权利。",
        )
        is None
    )


def test_royalties_as_part_of_a_licence_price_do_not_make_it_a_financing() -> None:
    d = deal(
        "Pellman Pharma licenses HT-4 to Quorvex for $50M plus royalties",
        "Quorvex will pay $50 million upfront, milestones and tiered royalties to acquire rights to HT-4.",
    )
    assert d is not None and d.get("licensor") == "Pellman Pharma"


def test_the_cash_part_of_a_takeover_with_a_cvr_is_the_upfront() -> None:
    d = deal(
        "宏澜医药95亿美元收购Veltra Bio",
        "宏澜医药将以每股129美元的现金价格收购Veltra Bio全部已发行股份,总价约91亿美元。除现金外,Veltra股东还将获得每股一个"
        "不可交易的或有价值权(CVR),若达成特定里程碑,将触发额外付款,使交易总价最高达到95亿美元。",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (9_100_000_000, 9_500_000_000)


def test_an_approximate_cash_sum_is_not_a_finer_figure_of_the_stated_total() -> None:
    d = deal(
        "Quorvex to buy Veltra Bio for up to $2 billion",
        "Quorvex will pay $40 per share in cash, or about $1.92 billion, plus a contingent value right of up to $2 "
        "per share, for a total of up to $2 billion.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (1_920_000_000, 2_000_000_000)


def test_a_feature_that_recalls_a_dated_deal_and_moves_on_a_year_later_is_not_a_deal() -> None:
    assert (
        deal(
            "明星Biotech佳禾生物为何突然“猝死”?",
            "2024年3月9日,辉瑞宣布以高达13亿美元的交易总额,收购佳禾生物研发的双特异性抗体KR-15。"
            "这笔交易首付款高达2亿美元。然而,仅仅一年后,佳禾生物召开全员大会,高层宣布成立清算小组。",
        )
        is None
    )
    d = deal(
        "明星Biotech佳禾生物迎来新东家",
        "2025年3月9日,辉瑞宣布以高达13亿美元的交易总额,收购佳禾生物研发的双特异性抗体KR-15。首付款为2亿美元。",
    )
    assert d is not None and d.get("total") == 1_300_000_000


def test_an_upfront_heading_a_list_of_payment_kinds_is_the_upfront_alone() -> None:
    d = deal("康瑞医药将KR-15授权给佳禾生物", "佳禾生物将支付5000万美元首付款、里程碑付款及销售特许权使用费。")
    assert d is not None and d.get("upfront") == 50_000_000 and d.get("total") is None


def test_a_company_announcing_a_licence_and_its_total_value_with_a_partner_is_the_licensor() -> None:
    d = deal(
        "禾信生技宣布與丹麥大廠Veltra Pharma簽訂授權案",
        "禾信生技宣布與丹麥大廠Veltra Pharma簽訂一筆總金額達3.2億美元的授權案。",
    )
    assert d is not None
    assert (d.get("licensor"), d.get("licensee"), d.get("total")) == ("禾信生技", "Veltra Pharma", 320_000_000)


def test_buying_a_partners_stake_in_a_joint_venture_is_an_acquisition_not_a_newco() -> None:
    d = deal(
        "Harnell Bio buys out partner's stake in joint venture for $150 million",
        "Harnell Bio will acquire Quorvex Pharma's 50% stake in their joint venture, Aldora Therapeutics, for $150 "
        "million.",
    )
    assert d is not None and d["deal_type"] == "acquisition"
    d = deal(
        "Harnell Bio and Quorvex form joint venture to develop KR-15",
        "Harnell Bio and Quorvex Pharma formed a joint venture.",
    )
    assert d is not None and d["deal_type"] == "newco"


def test_a_purchase_still_being_planned_is_not_a_deal() -> None:
    assert (
        deal(
            "康瑞医药筹划收购佳禾生物控股权 股票停牌",
            "康瑞医药公告,公司正在筹划以发行股份及支付现金方式购买佳禾生物控股权,目前尚处于筹划阶段,股票自今日起停牌。",
        )
        is None
    )


def test_a_takeover_subject_to_shareholder_approval_is_a_deal() -> None:
    d = deal(
        "Veltra Bio agrees to be bought by Quorvex for $1.4 billion, subject to shareholder approval",
        "Veltra Bio agreed to be acquired by Quorvex Pharma for $1.4 billion in cash.",
    )
    assert d is not None and (d.get("licensor"), d.get("total")) == ("Veltra Bio", 1_400_000_000)
    assert deal("Quorvex wins shareholder approval for $1.4 billion Veltra Bio takeover") is None


def test_y_agrees_a_takeover_by_x_makes_y_the_target() -> None:
    d = deal("Veltra Bio agrees $2.1bn takeover by Quorvex Pharma", "The board backed the deal.")
    assert d is not None and (d.get("licensor"), d.get("licensee")) == ("Veltra Bio", "Quorvex Pharma")
    d = deal(
        "Harnell Pharma shares jump after acquisition by Quorvex of rival Veltra Bio",
        "Quorvex Pharma agreed to buy Veltra Bio for $1 billion.",
    )
    assert d is not None and (d.get("licensor"), d.get("licensee")) == ("Veltra Bio", "Quorvex Pharma")


def test_a_drugmaker_buying_a_plant_is_not_a_deal() -> None:
    assert (
        deal(
            "禾信(6999)宣布,董事會通過收購美國公司Veltra Bio旗下位於馬里蘭的無菌製劑廠。",
            "禾信(6999)宣布,董事會通過收購美國公司Veltra Bio旗下位於馬里蘭的無菌製劑廠。",
        )
        is None
    )


def test_a_currency_code_is_never_a_party() -> None:
    d = deal(
        "Pellman Bio enters rights transfer agreement for PB-7",
        "The two companies signed a contract to transfer all rights to PB-7 held by Pellman Bio to Aldora Pharma "
        "for 40 billion KRW. Out of the total of 40 billion KRW, an upfront of 10 billion KRW is paid at once.",
    )
    assert d is None or "KRW" not in (d.get("licensor"), d.get("licensee"))


def test_total_potential_consideration_is_the_total() -> None:
    d = deal(
        "Harnell Pharma to acquire Veltra Therapeutics",
        "Harnell Pharma will acquire Veltra Therapeutics for $31.20 per share in cash, for a total potential "
        "consideration of up to $2.35 billion.",
    )
    assert d is not None and (d.get("total"), d.get("currency")) == (2_350_000_000, "USD")


def test_a_number_word_that_opens_a_company_name_stays_in_its_short_form() -> None:
    lic, lee = roles(
        "Four Harbors licenses antibody to Quorvex",
        "Four Harbors Therapeutics Inc. said it is licensing an antibody to Quorvex Pharma for $5 million up front. "
        "The deal holds up to $300 million in milestones for Four Harbors.",
    )
    assert (lic, lee) == ("Four Harbors", "Quorvex Pharma") and not str(lic).lower().startswith("harbors")


def test_a_company_named_in_an_aside_about_the_subject_is_not_a_party() -> None:
    d = deal(
        "Startup Veltra inks a $40M deal for memory research",
        "Veltra, a member of Johnson & Johnson's new biotech incubator, signed a $40 million agreement with Spanish "
        "giant Grifols to develop its approach to treating dementia.",
    )
    assert d is None or "Johnson & Johnson" not in (d.get("licensor"), d.get("licensee"))


def test_the_word_licensors_defined_in_brackets_is_not_a_party() -> None:
    d = deal(
        "Harnell Pharma signs global exclusive licence",
        "Harnell Pharma announced that its subsidiaries Harnell Biotech Co., Ltd. and Harnell Medicine Co., Ltd. "
        "(together, the Licensors) entered into a global exclusive licence agreement with Quorvex Inc. The "
        "Licensors will receive a $50 million upfront payment and up to $900 million in milestones.",
    )
    assert d is not None and "Licensors" not in (d.get("licensor"), d.get("licensee"))
    assert (Name("Harnell"), Name("Quorvex")) == (d.get("licensor"), d.get("licensee"))


def test_the_company_that_licenses_out_for_the_development_of_its_drug() -> None:
    assert roles(
        "Harnell Pharma does it again",
        "Harnell Pharma, which recorded the largest license deals of any drugmaker in its country last year, "
        "exported its technology again. The company announced on "
        "Nov. 9 that it has entered into an exclusive license agreement with Quorvex Pharmaceuticals, Inc. "
        "(Quorvex) for the development and commercialization of its new diabetes drug HP-120, at a price of "
        "US$915 million.",
    ) == ("Harnell Pharma", "Quorvex")


def test_making_the_target_a_subsidiary_is_the_purchase_not_a_parent_company() -> None:
    assert roles(
        "Harnell agrees to buy Veltra Therapeutics",
        "Harnell Pharma agreed to acquire all shares of Veltra Therapeutics for $900 million in cash, making "
        "Veltra a wholly owned subsidiary of Harnell.",
    ) == ("Veltra Therapeutics", "Harnell Pharma")


def test_a_tender_offer_the_target_board_recommends_a_few_sentences_on_is_agreed() -> None:
    d = deal(
        "Harnell To Acquire Veltra - Quick Facts",
        "Harnell Pharma said it will offer the shareholders of Veltra Therapeutics to acquire the shares of "
        "Veltra through a voluntary public tender offer for Veltra. The tender offer will also include a "
        "concurrent offer by Harnell to acquire all American Depositary Shares, each representing two shares in "
        "Veltra, held by investors in the United States and elsewhere. Harnell plans to acquire Veltra for a total "
        "equity value of about 9.5 billion Swedish kronor. The Board of Veltra recommended that shareholders "
        "accept the tender offer.",
    )
    assert d is not None and (Name("Veltra"), Name("Harnell")) == (d.get("licensor"), d.get("licensee"))


def test_an_amount_in_swedish_kronor_written_out_has_its_currency() -> None:
    d = deal(
        "Harnell agrees to buy Veltra",
        "Harnell Pharma agreed to acquire Veltra Therapeutics for 9.5 billion Swedish kronor in cash.",
    )
    assert d is not None and (d.get("total"), d.get("currency")) == (9_500_000_000, "SEK")


def test_the_amendment_of_an_old_licence_is_not_a_new_deal() -> None:
    assert (
        deal(
            "Harnell swaps its US co-promotion rights for full rights outside the US",
            "Basel, March 3, 2015 - Harnell Pharma AG announced today the amendment as of March 2, 2015 of the "
            "HP-7 License and Co-Development Agreement with Quorvex Inc. originally signed in 2011, giving Harnell "
            "full rights to HP-7 outside the US.",
        )
        is None
    )


def test_a_sentence_opening_with_valued_at_names_no_party() -> None:
    lic, lee = roles(
        "Quorvex strikes $660M deal with Harnell",
        "Quorvex Pharmaceuticals has entered into a global licensing agreement with Harnell Pharma for QX-16. "
        "Valued at approximately 910 billion won ($660 million), the agreement grants Harnell global rights to QX-16.",
    )
    assert (lic, lee) == ("Quorvex Pharmaceuticals", "Harnell Pharma")


def test_the_source_of_a_figure_is_not_the_licensee() -> None:
    d = deal(
        "Quorvex draws value from its pipeline via $4B deal with Merck",
        "Quorvex's decision to center its plan around ADCs has again delivered value, this time in the form of a "
        "deal with Merck that brings in $4 billion up front for most global rights to three products. The upfront "
        "payment is the largest ever for a licensing deal, according to Pellman's PDIQ database.",
    )
    assert d is not None and (Name("Quorvex"), Name("Merck")) == (d.get("licensor"), d.get("licensee"))


def test_a_rounded_headline_figure_is_the_lead_conversion_of_the_stated_amount() -> None:
    d = deal(
        "Harnell aims to buy Aldora's drug unit for $1bn",
        "Harnell has reached a JPY 151 billion ($1.04 billion) agreement to buy the drug subsidiary of Aldora, "
        "Veltra Pharma.",
    )
    assert d is not None and (d.get("total"), d.get("currency")) == (151_000_000_000, "JPY")


def test_the_upfront_cash_portion_of_the_deal_is_the_upfront() -> None:
    d = deal(
        "Harnell to buy Veltra Biotechnologies for $1.2 billion",
        "Harnell has agreed to buy Veltra Biotechnologies for a transaction value of $1.2 billion. The upfront cash "
        "portion of the deal is $1.0 billion, a 62% premium to Veltra's last close.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (1_000_000_000, 1_200_000_000)


def test_an_amount_paid_plus_milestones_written_out_in_pounds_is_the_upfront() -> None:
    d = deal(
        "Harnell sells anaesthetics to Veltra Pharmacare for up to £280m",
        "Harnell is to sell its anaesthetic drugs to Veltra Pharmacare for up to 280 million pounds. Veltra would "
        "pay 180 million pounds, plus up to 100 million pounds in milestone payments.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (180_000_000, 280_000_000)


def test_two_named_parties_to_a_priced_deal_in_the_headline_make_an_event_without_roles() -> None:
    d = deal(
        "Astellas draws value from its ADC pipeline via $2B deal with Pfizer",
        "Astellas's decision to center its development plan around a pipeline of ADCs has again delivered value to "
        "the drugmaker, this time in the form of a deal with Pfizer that brings in $2 billion up front for most "
        "global rights to two products.",
    )
    assert d is not None and d.get("upfront") == 2_000_000_000


def test_an_m_and_a_headline_that_prices_one_bid_is_not_a_roundup() -> None:
    assert roles(
        "Harnell on M&A prowl again, bidding up to $1.7 billion for Veltra",
        "Harnell Pharma said on Tuesday it had agreed to buy Veltra Therapeutics for up to $1.7 billion, its latest "
        "move to add liver disease drugs.",
    ) == ("Veltra Therapeutics", "Harnell Pharma")


def test_transfer_its_technology_to_a_long_described_company() -> None:
    assert roles(
        "Pellman Bio inks ADC licensing deal",
        "Pellman Biosciences said it signed an agreement to transfer its ADC platform technology to Czech-based "
        "clinical-stage immune-oncology company Veltra Biotech.",
    ) == ("Pellman Biosciences", "Veltra Biotech")


def test_a_share_rally_extended_by_a_new_deal_is_not_an_old_pact_extended() -> None:
    assert roles(
        "HOT STOCK: Pellman Bio extends rally as Eli Lilly deal lifts biotech mood",
        "Shares of Pellman Bio rose 6.5 percent on Friday, extending a three-day rally. The surge follows Pellman "
        "Bio's announcement on Wednesday of a licensing agreement with Eli Lilly. The deal could be worth up to "
        "3.8 trillion won.",
    ) == ("Pellman Bio", "Eli Lilly")


def test_all_conditions_to_the_closing_satisfied_is_a_deal_of_before() -> None:
    assert (
        deal(
            "Drug major Harnell (Nasdaq: HRNL) says that all conditions to the closing of the tender offer via a wholly "
            "owned subsidiary to acquire all outstanding shares of Veltra (Nasdaq: VLTR) for $11.00 per share (or "
            "around $1.2 billion in total; see our report of May 3) in cash have been satisfied.",
            "Drug major Harnell (Nasdaq: HRNL) says that all conditions to the closing of the tender offer via a wholly "
            "owned subsidiary to acquire all outstanding shares of Veltra (Nasdaq: VLTR) for $11.00 per share (or "
            "around $1.2 billion in total; see our report of May 3) in cash have been satisfied. A judge refused to "
            "delay the acquisition.",
        )
        is None
    )


def test_a_readout_weeks_after_a_licence_is_not_the_licence() -> None:
    assert (
        deal(
            "With the ink on their $25M Quorvex deal still drying, Veltra shares get blasted on Phase 3 failure",
            "Just weeks after Quorvex agreed to pay Veltra Therapeutics $25 million upfront for Asian rights to its "
            "lead drug, the little biotech says its Phase 3 trial was a complete failure.",
        )
        is None
    )


def test_a_milestone_completed_under_a_licence_signed_last_week_is_not_a_deal() -> None:
    assert (
        deal(
            "On May 3, Veltra announced that it had completed the first milestone stipulated in the license and "
            "collaboration agreement signed with Quorvex Inc. on April 26.",
            "On May 3, Veltra announced that it had completed the first milestone stipulated in the license and "
            "collaboration agreement signed with Quorvex Inc. on April 26. Veltra is to pay Quorvex 1 million US "
            "dollars within 30 days.",
        )
        is None
    )


def test_a_planned_licence_the_third_sentence_sources_to_people_in_the_know() -> None:
    assert (
        deal(
            "Harnell to out-license molecule for pain",
            "Harnell Pharmaceuticals, the Mumbai-based drugmaker, is set to out-license its molecule for pain. The "
            "molecule, HP-17, is expected to have a market worth $1 billion. According to people in the know, "
            "Harnell is in talks with a few multinational giants and a deal is likely in a couple of months.",
        )
        is None
    )


def test_x_and_a_described_y_will_collaborate_are_the_parties() -> None:
    d = deal(
        "Veltra Pharma nabs 260 million-euro license deal",
        "Dutch firm Veltra Pharma has entered into a collaboration and license agreement to develop oral small "
        "molecules. In this research collaboration Veltra Pharma and Swiss pharma giant Roche (ROG: SIX) will "
        "collaborate up to the selection of a candidate, after which Roche will be responsible for development.",
    )
    assert d is not None and (Name("Veltra Pharma"), Name("Roche")) == (d.get("licensor"), d.get("licensee"))


def test_zh_agreeing_to_be_bought_by_an_investor_written_with_a_descriptor() -> None:
    d = deal(
        "德國Veltra同意被中國宏澜收購 估值13億歐元",
        "德國血漿產品製造商Veltra同意由中國投資者宏澜集團進行現金收購,包括債務的估值約為13億歐元(14億美元)。",
    )
    assert d is not None and (d.get("licensor"), d.get("licensee")) == ("Veltra", "宏澜集團")
    assert (d.get("total"), d.get("currency")) == (1_300_000_000, "EUR")


def test_zh_a_technology_transfer_fee_is_the_total() -> None:
    d = deal(
        "佳禾医药:关于签订技术转让合同的公告",
        "佳禾医药拟与宏澜生物就ACC9项目签订《技术转让合同》,公司将其拥有的标的项目的一切权益转让给宏澜生物,宏澜生物受让标的"
        "项目并支付技术转让费 10,000 万元人民币(含税)。",
    )
    assert d is not None and (d.get("total"), d.get("currency")) == (100_000_000, "CNY")


def test_a_priced_purchase_that_fuels_a_wave_of_deals_is_one_deal() -> None:
    d = deal(
        "Harnell agrees to buy Veltra for $1.2bn",
        "Harnell Pharma has agreed to buy US company Veltra Biosciences for $1.26bn, giving it a new gout drug, in a "
        "deal that fuels a wave of M&A in the biotechnology sector.",
    )
    assert d is not None and d.get("total") == 1_260_000_000


def test_a_proposed_acquisition_in_the_lead_then_a_signed_deal_is_agreed() -> None:
    d = deal(
        "Veltra bought by U.S. rival for $236-million, latest Canadian biotech taken private",
        "Another of Canada's small biotech companies is leaving the public markets, with the proposed acquisition "
        "of Winnipeg-based Veltra Corp. by a U.S. rival. Harnell Biosolutions of Rockville, Maryland, has signed a "
        "deal to buy Veltra for about $236-million in cash.",
    )
    assert d is not None and (Name("Veltra"), Name("Harnell Biosolutions")) == (d.get("licensor"), d.get("licensee"))


def test_the_city_after_of_is_where_the_buyer_is_not_the_buyer() -> None:
    lic, lee = roles(
        "Veltra bought by U.S. rival for $236 million",
        "Harnell BioSolutions of Rockville, Maryland, has signed a deal to buy Veltra for about $236 million in cash.",
    )
    assert (lic, lee) == ("Veltra", "Harnell BioSolutions")


def test_an_amount_with_a_hyphen_before_million() -> None:
    d = deal("Harnell to buy Veltra", "Harnell Pharma has agreed to buy biotech Veltra Corp. for about $236-million.")
    assert d is not None and (d.get("total"), d.get("currency")) == (236_000_000, "USD")


def test_a_list_of_brands_bought_is_not_the_company_sold() -> None:
    lic, lee = roles(
        "Harnell Enterprises Ltd said on Friday it has agreed to purchase four brands from drugmaker Quorvex Ltd for "
        "Rs 110 crore ($16.5 million).",
        "Harnell Enterprises Ltd said on Friday it has agreed to purchase four brands from drugmaker Quorvex Ltd for "
        "Rs 110 crore ($16.5 million). The company will purchase Veltrol, Nekora, Aldan's and Pellwood's Compound "
        "brands from the Indian unit of Quorvex Inc.",
    )
    assert (lic, lee) == ("Quorvex Ltd", "Harnell Enterprises Ltd")


def test_an_agreement_for_the_development_of_its_drug_with_y() -> None:
    assert roles(
        "Harnell and Quorvex in licence deal on Huntington's candidate",
        "Nasdaq-listed Harnell Biosciences signed an exclusive collaboration and licensing agreement for the "
        "development and commercialization of its inhibitor, HB-854, in Japan and other Asian markets with Quorvex "
        "Pharma. The deal may lead to as much as $85 million in payments.",
    ) == ("Harnell Biosciences", "Quorvex Pharma")


def test_a_technology_transfer_contract_then_licensed_in_takes_the_licence() -> None:
    d = deal(
        "Pellman Biotherapeutics said it has signed a technology transfer contract with the Veltra Research "
        "Institute and licensed in a new targeted cancer therapy candidate.",
        "Pellman Biotherapeutics said it has signed a technology transfer contract with the Veltra Research "
        "Institute and licensed in a new targeted cancer therapy candidate.",
    )
    assert d is not None and d.get("licensee") == "Pellman Biotherapeutics"


def test_shares_worth_an_amount_are_equity_not_the_total() -> None:
    d = deal(
        "Pellman Biopharmaceuticals launches biotech company in China",
        "Pellman Biopharmaceuticals said it would receive an upfront payment of $20 million and a milestone payment of "
        "$15 million for out-licensing six compounds to the new company named Veltra Therapeutics. Pellman will also "
        "obtain shares worth $150 million in Veltra.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (20_000_000, 35_000_000)


def test_a_setback_received_from_another_company_is_not_a_payment() -> None:
    assert roles(
        "Harnell Pharmaceutical signs $910 million license deal with Genentech, receives setback from Boehringer",
        "Harnell Pharmaceutical Co. said Thursday it signed an exclusive development and license agreement with "
        "Genentech to give the Roche Group unit the global rights to HP-573, a kinase inhibitor.",
    ) == ("Harnell Pharmaceutical Co", "Genentech")


def test_a_unit_that_sells_medicines_is_no_list_of_brands() -> None:
    d = deal(
        "Harnell aims to buy tobacco giant's pharma unit for $1bn",
        "Harnell has reached a JPY 151 billion ($1.04 billion) agreement to buy the pharmaceutical subsidiary of "
        "Japan Tobacco, Veltra Pharma, which sells medicines for skin disorders, kidney disease, and allergy "
        "treatments.",
    )
    assert d is not None and d.get("licensee") == "Harnell"


def test_reached_a_definite_agreement_after_a_lead_about_its_appetite() -> None:
    d = deal(
        "Harnell buying German biotech",
        "Drug major Harnell Sciences seems to have an insatiable appetite for M&A this year, as it notches up a fifth "
        "acquisition deal today. Harnell announced that it has reached a definite agreement to acquire Veltra GmbH, a "
        "privately-held German biotechnology company.",
    )
    assert d is not None and (Name("Veltra GmbH"), Name("Harnell")) == (d.get("licensor"), d.get("licensee"))


def test_a_priced_purchase_the_lead_calls_a_voluntary_bid_is_a_deal() -> None:
    d = deal(
        "Harnell to acquire Veltra for $628M",
        "Harnell Pharmaceutical submitted a voluntary conditional takeover bid for Veltra, a biopharmaceutical company "
        "developing stem cell therapies. Harnell said it would acquire 100 percent of the securities of Veltra for "
        "about $2.14 per share.",
    )
    assert d is not None and (Name("Veltra"), Name("Harnell")) == (d.get("licensor"), d.get("licensee"))


def test_a_priced_headline_over_a_hostile_bid_is_still_no_deal() -> None:
    assert (
        deal(
            "Harnell to acquire Veltra for $628M",
            "Harnell Pharmaceutical submitted an unsolicited takeover bid for Veltra, a biopharmaceutical company. "
            "Veltra's board called the offer inadequate.",
        )
        is None
    )


def test_an_acquisition_to_boost_earnings_is_not_an_earnings_story() -> None:
    lic, lee = roles(
        "Anaesthetic gel acquisition to boost Harnell Pharma earnings",
        "Harnell Pharma, the specialty pharmaceutical company, has acquired the rights to the anaesthetic gel Veltop "
        "from medical firm Quorvex & Co for $7.5m (£5.5m).",
    )
    assert (lic, lee) == ("Quorvex & Co", "Harnell Pharma")


def test_a_license_out_deal_with_y() -> None:
    assert roles(
        "Pellman Pharmaceutical inks US$430 mln license-out deal",
        "SEOUL, June 8 (Yonhap) -- South Korean drugmaker Pellman Pharmaceutical Co. said Tuesday that it has signed a "
        "US$430 million license-out deal with U.S. pharmaceutical venture firm Veltra Inc. to export the technology of "
        "its new reflux treatment.",
    ) == ("Pellman Pharmaceutical Co", "Veltra Inc")


def test_a_wire_lead_wrapped_in_lines_under_its_own_opening_as_headline() -> None:
    title = (
        "June 6 Specialty pharmaceutical company Harnell Pharma Plc said it bought all existing rights to obstetric "
        "drug Veltromine from Quorvex AG for $11.5 million."
    )
    summary = (
        "June 6 Specialty pharmaceutical company Harnell\nPharma Plc said it bought all existing rights to\nobstetric "
        "drug Veltromine from Quorvex AG for $11.5\nmillion.\nHarnell Pharma already owns the UK rights."
    )
    d = deal(title, summary)
    assert d is not None and (d.get("licensor"), d.get("total")) == ("Quorvex AG", 11_500_000)


def test_a_partnering_news_column_and_more_is_a_roundup() -> None:
    assert (
        deal(
            "Partnering News: Pfizer, Merck, Takeda & More",
            "A roundup of bio/pharmaceutical partnering news from Pfizer/Harnell, Merck/Quorvex and Takeda/Veltra.\n"
            "* Pfizer, Harnell in $2.7-Bn Licensing Pact for Radiopharmaceuticals\n"
            "* Merck in $2.2-Bn Pact for Global Rights to Quorvex's Drug Candidate",
        )
        is None
    )


def test_a_registered_brand_is_no_party() -> None:
    d = deal(
        "Harnell grants Quorvex worldwide exclusive license rights to Veltrayo® (velimab)",
        "Harnell will receive an upfront payment of $900 million. Under the amended and restated license agreement, "
        "Quorvex Pharmaceuticals, Inc. will obtain worldwide exclusive license rights to Veltrayo.",
    )
    assert d is None or "Veltrayo" not in (d.get("licensor"), d.get("licensee"))


def test_an_upfront_payment_from_x_to_y_makes_y_the_licensor() -> None:
    assert roles(
        "Novartis, Veltra in up to $1.3B discovery deal",
        "Novartis (NYSE:NVS) and privately held Veltra Pharma have signed a deal worth up to $1.3B that uses Veltra's "
        "platform to find targets for Novartis' portfolio of radioligand therapies. Terms of the deal call for a $20M "
        "upfront payment from Novartis to Veltra.",
    ) == ("Veltra Pharma", "Novartis")


def test_zh_a_purchase_closed_after_its_conditions_were_met_is_no_new_deal() -> None:
    assert (
        deal(
            "佳禾医药正式收购宏澜制药",
            "医药网10月10日讯 佳禾医药近日发布公告称,公司正式以10.91亿美元收购印度药企宏澜制药。佳禾医药表示,鉴于收购宏澜制药"
            "控股权益的所有先决条件均已获满足,收购宏澜制药的控股权益已于2017年10月3日完成交割。",
        )
        is None
    )


def test_zh_a_raised_offer_under_talks_is_no_deal() -> None:
    assert (
        deal(
            "【國際財經】Harnell加價530億美元購製藥商Veltra",
            "美國大型藥廠Harnell再度提高對英國製藥商Veltra收購價。據報導,Harnell出價高達310億英鎊。Veltra週五證實,已與"
            "Harnell會面就收購進行洽談。",
        )
        is None
    )


def test_zh_an_approximate_milestone_total_restated_is_counted_once() -> None:
    d = deal(
        "《生医股》佳禾药血癌新药授权加拿大 股价冲高回落",
        "佳禾药与国外药厂Veltra Therapeutics Inc.(简称Veltra)签订旗下罕见血癌新药JH-101加拿大商业授权合约,里程碑金总金额"
        "最高可达约1.07亿美元(约新台币34亿元)。据合约,佳禾药本次授权JH-101予Veltra,Veltra将支付给佳禾药之里程碑金总金额最高"
        "有机会达到约1.07亿美元。",
    )
    assert d is not None and (d.get("total"), d.get("currency")) == (107_000_000, "USD")


def test_zh_a_second_signing_fee_received_under_an_old_licence_is_no_deal() -> None:
    assert (
        deal(
            "合一9.5億授權金到手",
            "合一生技昨(14)日公告,該公司與關係企業宏澜上海生技在去4月與國際大藥廠LEO製藥簽署抗體新藥FB825獨家研發合作及授權"
            "合約,該藥廠依據合約已支付第二階段簽約金1,512萬美元,合一前後共收到簽約金共3,360萬美元(約新台幣9.5億元),簽約金已"
            "依約全額收足。\n合一說明,該筆簽約金將於完成臨床試驗後,再行認列相關收入;至於宏澜上海,則是獲得第二階段簽約金288萬"
            "美元。",
        )
        is None
    )


def test_an_unspecified_upfront_in_a_priced_deal_leaves_the_sum_the_total() -> None:
    d = deal(
        "Harnell bags Veltra",
        "Harnell Ingelheim has bagged Geneva-based Veltra Therapeutics, paying out an unspecified upfront in a "
        "$358 million deal.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (None, 358_000_000)


def test_a_place_and_company_words_only_is_the_name() -> None:
    lic, lee = roles(
        "Harnell Sumitomo Pharma to buy U.S. bio-venture",
        "TOKYO Feb 29 Harnell Sumitomo Pharma Co said on Wednesday it will buy U.S. bio-venture Boston Biomedical Inc. "
        "for $200 million.",
    )
    assert (lic, lee) == ("Boston Biomedical Inc", "Harnell Sumitomo Pharma")


def test_an_opening_sentence_plan_then_sources_and_no_final_decision_is_no_deal() -> None:
    assert (
        deal(
            "Harnell plans to buy smaller biopharmaceuticals competitor Veltra for $3.6 billion.",
            "Harnell plans to buy smaller biopharmaceuticals competitor Veltra for $3.6 billion.\nSources said Harnell "
            "had recently contacted Veltra about the deal, noting that no final decision had been made.",
        )
        is None
    )


def test_rights_to_receive_royalties_sold_are_a_financing() -> None:
    assert (
        deal(
            "Harnell Transfers Rights to Receive Royalties Outside of Japan for HP-7 to Royalty Pharma",
            "Harnell Co., Ltd. announced today that it has entered into an agreement to transfer the rights to receive "
            "royalties on the sales outside of Japan for its anti-cancer agent HP-7 to Royalty Pharma.",
        )
        is None
    )


def test_a_technology_export_deal_with_y() -> None:
    lic, _ = roles(
        "Pellman said on the 20th that it signed a technology export deal worth 420 billion won with Tesaro, a "
        "subsidiary of GSK plc.",
        "Pellman said on the 20th that it signed a technology export deal worth 420 billion won with Tesaro, a "
        "subsidiary of GSK plc. Pellman has a technology that turns infusions into injections. It plans to apply it "
        "to GSK's cancer therapy dostarlimab.",
    )
    assert lic == "Pellman"


def test_a_stake_taken_as_part_of_a_licence_makes_the_taker_the_licensee() -> None:
    lic, lee = roles(
        "GSK has taken a stake in a biotech company listed on the Nasdaq as part of a licensing deal, worth up to $525 "
        "million, for an experimental antibiotic.",
        "GSK has taken a stake in a biotech company listed on the Nasdaq as part of a licensing deal, worth up to $525 "
        "million, for an experimental antibiotic.\nThe agreement with Veltra Therapeutics, in Cambridge, "
        "Massachusetts, is the latest by the FTSE 100 drugs group as it seeks to boost its pipeline by buying "
        "late-stage assets.",
    )
    assert (lic, lee) == ("Veltra Therapeutics", "GSK")


def test_millions_of_shares_are_no_amount_of_money() -> None:
    d = deal(
        "Harnell Announced Strategic Acquisition",
        "Harnell SA announced that it is acquiring Veltra SA's portfolio of antibodies as well as cash for 7.1 million "
        "shares based on a price of USD 8.26 per share.",
    )
    assert d is not None and d.get("total") is None and "Strategic" not in (d.get("licensor"), d.get("licensee"))


def test_zh_three_companies_milestones_summed_is_a_roundup() -> None:
    assert (
        deal(
            "佳禾、康瑞、宏澜里程金拚40億",
            "【時報-台北電】生技產業開春好彩頭,佳禾(6576)、康瑞(4152)、宏澜(6549)旗下藥物,短短一個月內,都分別授權,三家公司"
            "合計最高里程金為1.35億美元。拉開授權序幕的佳禾,是在2/11宣布其前列腺癌藥JH-001以8,600萬美元授權英國Veltra公司。",
        )
        is None
    )


def test_a_progress_update_on_an_old_term_sheet_is_no_deal() -> None:
    assert (
        deal(
            "About the Progress of the Global Rights Acquisition of HP-7",
            "On February 26, Harnell signed a binding term sheet with Veltra Laboratories to acquire global rights to "
            "HP-7. The total acquisition amount is 50 million dollars, much of it paid in Harnell shares.",
        )
        is None
    )


def test_the_commencement_of_an_agreed_tender_offer_is_no_new_deal() -> None:
    assert (
        deal(
            "Harnell AB announced on Friday the commencement of a tender offer through its subsidiary to purchase all "
            "outstanding shares of Veltra Pharmaceuticals Inc at a price of USD27.50 per share in cash.",
            "Harnell AB announced on Friday the commencement of a tender offer through its subsidiary to purchase all "
            "outstanding shares of Veltra Pharmaceuticals Inc at a price of USD27.50 per share in cash.",
        )
        is None
    )


def test_a_first_royalty_received_under_an_old_licence_is_no_deal() -> None:
    assert (
        deal(
            "Harnell receives first HP-7 royalty from Chinese partner Quorvex Pharmaceutical",
            "Harnell, which holds the global rights of HP-7, has officially received 50 million CNY in royalties for "
            "HP-7 from China's Quorvex Pharmaceutical.",
        )
        is None
    )


def test_rights_held_by_x_transferred_to_y() -> None:
    opening = (
        "The firms signed an agreement on May 2 to transfer all rights of HP-7 held by Bukwang Pharmaceutical to HLB "
        "LifeScience for 40 billion KRW."
    )
    assert roles(opening, opening + " HLB LifeScience now holds all rights to HP-7 outside China.") == (
        "Bukwang Pharmaceutical",
        "HLB LifeScience",
    )


def test_additionally_opening_a_sentence_is_no_party() -> None:
    d = deal(
        "Pellman & Novartis in licensing pact for siRNA delivery platform",
        "Pellman, Inc. has entered into a licensing agreement with Novartis for Pellman's liposomal platform. Pellman "
        "will receive $7.25 million in upfront fees. Additionally, the companies have entered into a separate "
        "agreement giving Novartis an exclusive period to negotiate.",
    )
    assert d is not None and "Additionally" not in (d.get("licensor"), d.get("licensee"))


def test_a_payment_upon_approval_is_a_milestone_in_the_sum() -> None:
    d = deal(
        "Harnell licenses HP-3 to Quorvex in China",
        "Harnell Technologies enters into a license agreement with Quorvex Pharmaceutical providing the latter with "
        "exclusive rights to HP-3 in China. Harnell will receive $5.0M upfront, a $7.5M payment upon regulatory "
        "approval in China, and up to $92.5M in sales milestones.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (5_000_000, 105_000_000)


def test_a_partner_handing_back_rights_is_no_deal() -> None:
    assert (
        deal(
            "Roche's Genentech is handing back rights to Veltra Genetics' immunotherapy, pushing the latter's stock down "
            "more than 30 percent.",
            "Roche's Genentech is handing back rights to Veltra Genetics' immunotherapy, pushing the latter's stock down "
            "more than 30 percent. Genentech picked up rights to the drug back in 2014.",
        )
        is None
    )


def test_a_partnership_mentioned_under_an_analyst_coverage_headline_is_no_deal() -> None:
    assert (
        deal(
            'Brokerage initiated coverage on the pot stock with a "buy" rating',
            "Calder Securities initiated coverage on Harnell Inc (NASDAQ:HRNL) with a buy rating and a $40 price "
            "target. The analyst was upbeat on the growth potential of Harnell's new partnership with Novartis.",
        )
        is None
    )


def test_the_biotech_after_to_buy_is_the_company_whose_shares_moved() -> None:
    lic = roles(
        "Shares in Quorvex Therapeutics were soaring after drugmaker GSK agreed to buy the biotech, which develops "
        "eye drugs.",
        "Shares in Quorvex Therapeutics were soaring after drugmaker GSK agreed to buy the biotech, which develops "
        "eye drugs. Stock futures slipped as investors fretted over a plan to impose tariffs on NATO countries until "
        "they let the administration acquire Greenland.",
    )
    assert lic == ("Quorvex Therapeutics", "GSK")


def test_a_company_described_by_its_drug_is_no_party() -> None:
    lic = roles(
        "Harnell Stock Doubles As Amgen Agrees To Buy VELTRA Developer",
        "Shares of Harnell, Inc. (HRNL) doubled after Amgen announced a deal to buy the VELTRA developer for $3.7 "
        "billion in cash.",
    )
    assert lic == ("Harnell", "Amgen")


def test_a_single_word_name_with_a_legal_suffix_after_a_comma_is_a_company() -> None:
    lic = roles(
        "Amgen to buy rare-disease biotech for $3.7 billion",
        "Shares of Harnell, Inc. jumped in Frankfurt and Boston trading after Amgen agreed to buy the biotech for $3.7 "
        "billion.",
    )
    assert lic == ("Harnell", "Amgen")


def test_a_potential_deal_value_is_the_agreements_sum_not_talk_of_a_deal() -> None:
    d = deal(
        "Novartis secures licence option from Harnell",
        "Harnell AB has entered into a licence option agreement with Novartis AG, with a potential deal value of up to "
        "$802m.",
    )
    assert d is not None and d.get("total") == 802_000_000


def test_the_biotech_handing_y_the_rights_is_the_company_the_story_opened_with() -> None:
    lic = roles(
        "Quorvex edges into Asia with Pellman deal worth up to $118M",
        "Quorvex Therapeutics is gaining a partner in Asia through a deal potentially worth $118 million. The biotech "
        "is handing Pellman Pharmaceutical the rights to its lead cancer program in Korea for $10 million upfront.",
    )
    assert lic == ("Quorvex Therapeutics", "Pellman Pharmaceutical")


def test_boards_approving_a_transfer_under_an_agreement_signed_today_is_the_deal() -> None:
    d = deal(
        "Harnell Pharma America announces transfer of VELTRA business to Shionogi",
        "Harnell Pharma America, Inc. today announced that the Board of Directors of Harnell Pharma Corporation, "
        "together with the Board of Directors of Shionogi & Co., Ltd., has approved the transfer of global rights "
        "to VELTRA to Shionogi, under an agreement executed today.",
    )
    assert d is not None


def test_a_disease_named_for_a_person_is_no_party() -> None:
    d = deal(
        "Harnell Pharma announces option agreement to acquire orphan drug candidate",
        "Harnell Pharma has entered into an exclusive option agreement with Quorvex Therapeutics Inc, for a nominal "
        "fee, to acquire a topical formulation for oral ulcers in patients suffering from Behçet’s Disease.",
    )
    assert d is not None and "Beh" not in str(d.get("licensor")) + str(d.get("licensee"))


def test_clauses_kept_around_a_background_clause_keep_their_subject() -> None:
    assert roles(
        "康瑞医药公告显示,将以最高9.5亿美元总对价收购上海佳禾医药95%股权,叠加早前已持有的5%股权,佳禾医药将成为其全资附属公司。",
        "康瑞医药公告显示,将以最高9.5亿美元总对价收购上海佳禾医药95%股权,叠加早前已持有的5%股权,佳禾医药将成为其全资附属公司。",
    ) == ("上海佳禾医药", "康瑞医药")


def test_a_technology_export_contract_is_a_licence_out() -> None:
    d = deal(
        "Biotech Harnell announced that it signed a technology export contract with Pellman Pharma to develop a cancer "
        "treatment using its enzyme technology HX-4.",
        "Biotech Harnell announced that it signed a technology export contract with Pellman Pharma to develop a cancer "
        "treatment using its enzyme technology HX-4.",
    )
    assert d is not None


def test_the_drug_coming_from_a_named_biotech_makes_it_the_licensor() -> None:
    lic = roles(
        "Aldora strikes gold again with ADC licensing deal worth up to $1.3B",
        "Aldora Pharma is not resting on its laurels. The Japanese pharma giant is doubling down on the target with a "
        "new licensing deal for an antibody-drug conjugate. The targeted ADC comes from Chinese biotech Quorvex "
        "Biosciences.",
    )
    assert lic == ("Quorvex Biosciences", "Aldora Pharma")


def test_a_licensing_agreement_in_the_headline_is_one_deal_and_its_worth_the_total() -> None:
    d = deal(
        "Johnson & Johnson has entered into a licensing agreement with South Korean Quorvex Biosciences to develop "
        "QX-84, in a deal potentially worth $1.7bn.",
        "Johnson & Johnson has entered into a licensing agreement with South Korean Quorvex Biosciences to develop "
        "QX-84, in a deal potentially worth $1.7bn. Quorvex will receive $100m upfront and an option payment of $200m.",
    )
    assert d is not None and d.get("total") == 1_700_000_000


def test_the_contract_totals_an_amount_is_its_total() -> None:
    d = deal(
        "Harnell signs licence contract with Pellman Pharma for HX-4",
        "Harnell signed a licence agreement with Pellman Pharma for its enzyme HX-4. The scale of the contract totals "
        "$1.35 billion (approximately 1.96 trillion won).",
    )
    assert d is not None and (d.get("total"), d.get("currency")) == (1_350_000_000, "USD")


def test_two_places_joined_by_a_hyphen_describe_the_company() -> None:
    lic = roles(
        "Harnell makes $1B deal for Quorvex and its cell therapies",
        "Harnell will pay $1 billion to buy China-US cell therapy company Quorvex Biotechnologies.",
    )
    assert lic == ("Quorvex Biotechnologies", "Harnell")


def test_offering_a_partner_up_to_an_amount_states_the_total() -> None:
    d = deal(
        "Fund Aldora launches heart biotech, offers Quorvex up to $1B for siRNA asset",
        "Aldora has paid Quorvex $12 million upfront for exclusive global licensing rights to its siRNA candidate QX-71.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (12_000_000, 1_000_000_000)


def test_a_pact_with_an_unnamed_global_pharma_names_the_licensor_only() -> None:
    d = deal(
        "Harnell inks pact with global pharma major for respiratory products",
        "Harnell Pharma has entered into a collaboration and licence agreement with a global pharma major for "
        "respiratory products. The financials include an upfront payment of $25 million.",
    )
    assert d is not None and (d.get("licensor"), d.get("licensee"), d.get("upfront")) == ("Harnell Pharma", None, 25e6)


def test_a_pact_with_a_named_global_pharma_is_read_by_the_grammar() -> None:
    lic = roles(
        "Harnell inks pact with global pharma major Novartis",
        "Harnell Pharma has licensed its respiratory products to global pharma major Novartis for $25 million upfront.",
    )
    assert lic == ("Harnell Pharma", "Novartis")


def test_turning_to_a_country_for_a_trial_drug_is_a_deal_the_lead_tells() -> None:
    d = deal(
        "Harnell Turns to China for Trial Obesity Drug",
        "Harnell on Tuesday joined the big drugmakers hunting for obesity drugs in Chinese labs. Harnell said it had "
        "agreed to pay $150 million up front to Quorvex Pharmaceutical Co. for the rights to an oral GLP-1 drug.",
    )
    assert d is not None and (d.get("licensee"), d.get("upfront")) == ("Harnell", 150_000_000)


def test_expanding_a_collaboration_that_dates_back_years_is_no_new_deal() -> None:
    assert (
        deal(
            "Harnell and Quorvex Therapeutics are expanding a drug discovery collaboration that dates back to 2014.",
            "Harnell and Quorvex Therapeutics are expanding a drug discovery collaboration that dates back to 2014. "
            "Harnell will pay $200 million up front for up to eight new targets.",
        )
        is None
    )


def test_a_co_promotion_agreement_with_y_to_promote_a_drug_gives_y_the_rights() -> None:
    d = deal(
        "Harnell Sciences Ltd. said it has entered into a five-year co-promotion agreement with Quorvex "
        "Pharmaceuticals Inc. to promote veltrafen in primary care.",
        "Harnell Sciences Ltd. said it has entered into a five-year co-promotion agreement with Quorvex "
        "Pharmaceuticals Inc. to promote veltrafen in primary care.",
    )
    assert d is not None and (Name(d["licensor"]), Name(d["licensee"])) == ("Harnell Sciences", "Quorvex")
    assert d["deal_type"] == "co_development"


def test_a_new_collaboration_deal_signed_in_the_lead_of_a_share_move_is_the_deal() -> None:
    d = deal(
        "In response to the company's new collaboration deal, shares of Harnell Pharmaceuticals (NASDAQ: HRNL) "
        "jumped as much as 16% on Friday.",
        "In response to the company's new collaboration deal, shares of Harnell Pharmaceuticals (NASDAQ: HRNL) "
        "jumped as much as 16% on Friday. As of noon, the stock was up 9%. Harnell Pharmaceuticals stated that it "
        "has signed a new collaboration deal with Quorvex Genetics (NASDAQ: QRVX).",
    )
    assert d is not None


def test_being_eligible_to_receive_milestones_without_a_figure_makes_the_licensor() -> None:
    lic = roles(
        "Harnell has announced a three-year AI drug discovery collaboration with Celgene.",
        "Harnell has announced a three-year AI drug discovery collaboration with Celgene. The partnership includes "
        "an initial $25 million upfront payment, with Harnell being eligible to receive significant milestone and "
        "royalty payments.",
    )
    assert lic == ("Harnell", "Celgene")


def test_candidates_directed_to_targets_are_no_recipient_of_the_licence() -> None:
    lic = roles(
        "Genentech will collaborate with privately held Quorvex Therapeutics to discover small molecules based on "
        "the latter's splicing platform.",
        "Genentech will collaborate with privately held Quorvex Therapeutics to discover small molecules based on "
        "the latter's splicing platform. Genentech will have an exclusive global license to develop candidates "
        "directed to multiple targets and will pay Quorvex an upfront fee, milestones and royalties.",
    )
    assert lic == ("Quorvex Therapeutics", "Genentech")


def test_a_link_label_in_brackets_is_no_company() -> None:
    lic = roles(
        "Harnell (HRNL) Up on Licensing Deal With Jazz Pharmaceuticals",
        "Shares of Harnell (HRNL - Free Report) were up 15% after the company announced a licensing deal with Jazz "
        "Pharmaceuticals (JAZZ - Free Report) for the former’s bispecific antibody, veltamab.",
    )
    assert lic == ("Harnell", "Jazz Pharmaceuticals")


def test_market_data_cited_in_a_move_headline_is_no_trial_read_out() -> None:
    d = deal(
        "Harnell Biologics Inc HRNL stock is trading higher on Monday with strong volume, as per data from Benzinga Pro.",
        "Harnell Biologics Inc HRNL stock is trading higher on Monday with strong volume, as per data from Benzinga "
        "Pro. Harnell Biologics and Quorvex Biotech Co., Ltd., a China-based company, have entered into a worldwide "
        "exclusive license agreement. The agreement covers one of Harnell Biologics’ product candidates.",
    )
    assert d is not None and (Name(d["licensor"]), Name(d["licensee"])) == ("Harnell Biologics", "Quorvex Biotech")


def test_receiving_up_to_an_amount_including_a_sum_on_closing() -> None:
    d = deal(
        "Takeda licenses Harnell cancer drug outside China",
        "Takeda Pharmaceutical Co Ltd has signed a licensing agreement with drugmaker Harnell (China) Ltd to develop "
        "its cancer drug veltinib outside of China. Harnell will receive up to $1.13 billion including $400 million "
        "on closing, according to the statements.",
    )
    assert d is not None and (d.get("upfront"), d.get("total")) == (400_000_000, 1_130_000_000)


def test_the_unit_named_after_its_parent_is_the_party() -> None:
    lic = roles(
        "Harnell (NASDAQ:HRNL) inks an exclusive option and license agreement with Dr. Reddy's Laboratories "
        "(NYSE:RDY) subsidiary Quorvex Discovery Technologies Limited under which it will have the option to "
        "in-license up to six programs.",
        "Under the terms of the deal, Harnell will pay $10M upfront for exclusive options to license three programs.",
    )
    assert lic == ("Quorvex Discovery Technologies", "Harnell")


def test_a_share_high_on_buzz_over_plans_to_acquire_is_no_deal() -> None:
    assert (
        deal(
            "Harnell scales 52-week high on buzz over plans to acquire Novartis' India arm",
            "Shares of Harnell Laboratories rose 2 percent following a report that the company is in the race to "
            "acquire Novartis AG's stake in Novartis India.",
        )
        is None
    )


def test_a_scoop_followed_by_an_older_agreed_deal_is_still_a_scoop() -> None:
    assert (
        deal(
            "Harnell to acquire Quorvex's pharma units in $1bn deal",
            "OSAKA -- Drugmaker Harnell is set to buy Quorvex's drug businesses in a deal worth around 150 billion yen, "
            "Nikkei has learned. The move follows the deal announced in February in which Bain Capital agreed to buy "
            "Veltra Pharma.",
        )
        is None
    )


def test_initials_defined_in_brackets_name_the_company_in_full() -> None:
    d = deal(
        "Harnell trumps rivals to buy PSV for $1.67 bn",
        "Harnell Pharma has entered into a definitive agreement to acquire Pellman Serums and Vaccines (PSV) from "
        "Aldora International for around Rs 14,000 crore ($1.67 billion).",
    )
    assert d is not None and d["licensor"] == "Pellman Serums and Vaccines" and d["currency"] == "INR"


def test_an_agreement_with_y_to_acquire_divisions_of_its_business_makes_y_the_seller() -> None:
    lic = roles(
        "Harnell Laboratories said it has entered into an agreement with Quorvex to acquire select divisions of its "
        "branded generics business in India for Rs 1850 crore.",
        "Harnell Laboratories said it has entered into an agreement with Quorvex to acquire select divisions of its "
        "branded generics business in India for Rs 1850 crore.",
    )
    assert lic == ("Quorvex", "Harnell Laboratories")


def test_a_deals_impact_on_guidance_is_no_results_story() -> None:
    d = deal(
        "Shares of Harnell rose 3% after it announced a deal for its antibody technology, even though the agreement "
        "is not expected to have a material impact on Harnell’s 2015 financial guidance.",
        "Shares of Harnell rose 3% after it announced a deal for its antibody technology, even though the agreement "
        "is not expected to have a material impact on Harnell’s 2015 financial guidance. Biotech firm Harnell has "
        "entered an agreement to grant Novo Nordisk commercial licenses to use the technology.",
    )
    assert d is not None and (d.get("licensor"), d.get("licensee")) == ("Harnell", "Novo Nordisk")


def test_a_brand_bought_is_named_after_the_word_brand() -> None:
    lic = roles(
        "傳統藥廠合併 康瑞母企5.68億收購何濟公",
        "擁有保濟丸的康瑞藥業宣布,以5.68億元收購另一著名中藥品牌何濟公。",
    )
    assert lic == ("何濟公", "康瑞藥業")


def test_an_offer_put_in_for_another_biotech_is_no_deal() -> None:
    assert (
        deal(
            "Harnell rebounds from Veltra buy with a shot at virus-focused Quorvex",
            "Weeks after closing a deal to buy Veltra Therapeutics, Harnell Biosciences is rebounding to pick up another "
            "struggling biotech, Quorvex Pharmaceuticals. Harnell has put in an offer of $5.75 per share to acquire "
            "100% of Quorvex, according to a Monday SEC filing.",
        )
        is None
    )


def test_closing_a_licence_agreement_announced_before_is_no_new_deal() -> None:
    assert (
        deal(
            "Merck said Friday it has closed the exclusive global license agreement for QX-299, a bispecific antibody, "
            "from Quorvex Medicines.",
            "Merck said Friday it has closed the exclusive global license agreement for QX-299, a bispecific antibody, "
            "from Quorvex Medicines. As previously announced, Merck will develop QX-299.",
        )
        is None
    )


def test_an_update_and_deepening_of_a_collaboration_established_earlier_is_no_new_deal() -> None:
    assert (
        deal(
            "On November 24, Harnell BioMed announced an update and deepening of its global strategic collaboration "
            "with AstraZeneca, originally established in March 2025.",
            "On November 24, Harnell BioMed announced an update and deepening of its global strategic collaboration "
            "with AstraZeneca, originally established in March 2025.",
        )
        is None
    )


def test_handing_cash_to_a_partner_for_rights_makes_the_partner_the_licensor() -> None:
    lic = roles(
        "AstraZeneca agreed to pay more than one billion dollars to one of its regional partners.",
        "AstraZeneca agreed to pay more than one billion dollars to one of its regional partners. AstraZeneca is "
        "handing $1.2 billion in upfront cash to Quorvex Pharmaceuticals for the ex-China rights to the biopharma’s "
        "weight management portfolio.",
    )
    assert lic == ("Quorvex Pharmaceuticals", "AstraZeneca")


def test_a_country_with_a_possessive_apostrophe_is_no_party() -> None:
    d = deal(
        "China's Harnell Soars on Up to USD5 Billion Licensing Deal With US' Quorvex for Cancer Drug",
        "Shares in Harnell surged after the Chinese biopharma firm said it has granted US drugmaker Quorvex "
        "Therapeutics exclusive rights to develop a tumor-inhibiting drug outside China.",
    )
    assert d is not None and "US" not in (d.get("licensor"), d.get("licensee"))


def test_a_billionaire_is_no_party_and_the_one_company_named_in_full_is_the_other() -> None:
    lic = roles(
        "What Tension? U.S. Deal Lifts China Pharma Billionaire’s Shares To Record High",
        "Harnell Pharmaceutical Group closed up 4.2% to a record high after the company said it would license a "
        "cancer drug to a U.S. firm. The drug, veltinib, will be licensed to start-up Quorvex of Cambridge, "
        "Massachusetts.",
    )
    assert lic == ("Harnell Pharmaceutical Group", "Quorvex")


def test_eyeing_growth_abroad_is_no_talk_of_a_deal() -> None:
    d = deal(
        "Harnell looks beyond China as Takeda gains colorectal cancer asset in $1.13B deal",
        "Chinese firm Harnell Ltd. has out licensed its colorectal cancer drug veltinib to Takeda Pharmaceutical Co. "
        "Ltd. as it eyes growth opportunities in the U.S. and Europe in a deal totaling up to $1.13 billion.",
    )
    assert d is not None and (Name(d["licensor"]), d.get("total")) == ("Harnell", 1_130_000_000)


def test_a_deal_that_could_bring_in_money_makes_its_announcer_the_licensor() -> None:
    lic = roles(
        "Shares of Harnell Pharmaceuticals surged after the Chinese firm announced a licensing deal with "
        "multinational drugmaker GSK that could bring in as much as USD12 billion by granting global rights to a "
        "portfolio of drug candidates.",
        "Shares of Harnell Pharmaceuticals surged after the Chinese firm announced a licensing deal with "
        "multinational drugmaker GSK that could bring in as much as USD12 billion by granting global rights to a "
        "portfolio of drug candidates.",
    )
    assert lic == ("Harnell Pharmaceuticals", "GSK")


def test_x_will_grant_y_a_licence_makes_x_the_licensor() -> None:
    lic = roles(
        "Harnell Therapeutics Shares Up After Janssen Biotech Deal",
        "Harnell Therapeutics Ltd. shares were up 9% after the biopharmaceutical company said it entered into a "
        "license and collaboration agreement with Janssen Biotech Inc. Under the terms of the agreement, Harnell said "
        "it will grant Janssen a worldwide, exclusive royalty-bearing license to develop up to five antibodies.",
    )
    assert lic == ("Harnell Therapeutics", "Janssen Biotech")


def test_the_firm_that_announced_the_agreement_is_the_company_whose_shares_rose() -> None:
    lic = roles(
        "Shares in junior biotech company Harnell Holdings Ltd (ASX: HRN) are up more than 63% after the firm "
        "announced a collaboration and license agreement with major drug company Genentech.",
        "Shares in junior biotech company Harnell Holdings Ltd (ASX: HRN) are up more than 63% after the firm "
        "announced a collaboration and license agreement with major drug company Genentech, which could lead to "
        "success payments of up to US$564 million.",
    )
    assert lic == ("Harnell Holdings", "Genentech")


def test_x_will_sell_a_therapy_to_y_is_a_deal() -> None:
    lic = roles(
        "Harnell finds $75M home for Pfizer Alzheimer's drug",
        "Having stepped back from neuroscience research, Pfizer will sell off an early-stage therapy to Harnell, which "
        "has made the space its central focus.",
    )
    assert lic == ("Pfizer", "Harnell")


def test_a_dispute_over_a_partnership_is_no_deal() -> None:
    assert (
        deal(
            "肺癌药物合作起纠纷,康瑞医药与佳禾医药各执一词",
            "康瑞医药披露了与佳禾医药关于肺癌药物合作纠纷的具体情况。康瑞医药表示,公司控股子公司提起仲裁申请,请求裁决佳禾医药支付合计2.55亿元。",
        )
        is None
    )


def test_an_arbitration_over_a_licence_is_no_deal() -> None:
    assert (
        deal(
            "Harnell files for arbitration in licence dispute with Quorvex",
            "Harnell Pharma said it has filed for arbitration against Quorvex Biotech over the exclusive license "
            "agreement the two signed in 2021, seeking $255 million.",
        )
        is None
    )


def test_a_wire_dateline_with_its_year_and_a_release_that_says_it_has_signed_with_y() -> None:
    d = deal(
        "Quorvex to fund two clinical sites in Mexico as part of the commercialization agreement",
        "OTTAWA, Dec. 02, 2019 (GLOBE NEWSWIRE) -- Harnell Bio-Pharma Inc. (TSX-V:HRN), a leader in cannabinoid-"
        "derived drug discovery and development, today announced that it has signed a definitive co-development and "
        "commercialization agreement with Quorvex S.A. de C.V. for the clinical development of HX-011 in Mexico.",
    )
    assert d is not None and d["deal_type"] == "co_development"


def test_a_deal_to_use_an_unnamed_companys_tech_names_its_maker_next() -> None:
    lic = roles(
        "GSK has fleshed out its neuroscience strategy with a $2.5 billion deal to use a South Korean company’s tech "
        "to cross the blood-brain barrier.",
        "GSK has fleshed out its neuroscience strategy with a $2.5 billion deal to use a South Korean company’s tech "
        "to cross the blood-brain barrier. Harnell Bio has developed its Shuttle-B platform to carry drugs into the "
        "brain.",
    )
    assert lic == ("Harnell Bio", "GSK")


@pytest.mark.parametrize(
    "title, summary",
    [
        ("Harnell finds $75M home for Pfizer drug", "Pfizer will sell off an early-stage therapy to Harnell."),
        (
            "Biotech Harnell signed a technology export contract with Pellman Pharma for its enzyme HX-4.",
            "Biotech Harnell signed a technology export contract with Pellman Pharma for its enzyme HX-4.",
        ),
        (
            "Harnell Sciences enters five-year co-promotion pact with Quorvex Pharmaceuticals Inc.",
            "Harnell Sciences said it has entered into a co-promotion agreement with Quorvex Pharmaceuticals Inc. to "
            "promote veltrafen.",
        ),
    ],
)
def test_the_bundled_deal_rule_lets_these_deal_words_reach_the_extractor(title: str, summary: str) -> None:
    item = Item(id="t", source="test", title=title, summary=summary)
    assert "bd-deal" in [m.rule.id for m in bundled_engine().match(item)]


def test_x_and_y_with_an_aside_have_entered_into_a_licence_is_a_deal() -> None:
    d = deal(
        "Harnell Biologics stock is trading higher on Monday.",
        "Harnell Biologics stock is trading higher on Monday. Harnell Biologics and Quorvex Biotech Co., Ltd., a "
        "China-based company specializing in protein drugs, have entered into a worldwide exclusive license agreement.",
    )
    assert d is not None and d["deal_type"] == "license"


def test_a_milestone_payment_that_has_been_triggered_is_no_deal() -> None:
    assert (
        deal(
            "An $11m preclinical milestone payment to Harnell Discovery (LON: HRND) has been triggered by the "
            "preclinical progress of HRND’s NRF2 Activator programme.",
            "An $11m preclinical milestone payment to Harnell Discovery (LON: HRND) has been triggered by the "
            "preclinical progress of HRND’s NRF2 Activator programme. AstraZeneca is using the programme to develop an "
            "oral therapy for treating inflammatory and respiratory diseases. The share price jumped 37% to 11.975p.",
        )
        is None
    )


def test_a_licence_that_had_closed_behind_a_live_quote_is_no_new_deal() -> None:
    assert (
        deal(
            "Shares of Harnell Inc. HRNL, -2.26% were up 2.0% in premarket trading on Tuesday after the company said a "
            "licensing deal with Bristol Myers Squibb Co. BMY, -1.10% had closed.",
            "Shares of Harnell Inc. HRNL, -2.26% were up 2.0% in premarket trading on Tuesday after the company said a "
            "licensing deal with Bristol Myers Squibb Co. BMY, -1.10% had closed. Bristol will pay Harnell $200 million "
            "upfront.",
        )
        is None
    )


def test_an_option_running_until_the_completion_of_a_study_is_news() -> None:
    lic = roles(
        "Shares of Harnell Pharmaceuticals Inc. (HRNL) jumped 116.8% after the firm unveiled a collaboration pact "
        "with Merck & Co. Inc. (MRK).",
        "Shares of Harnell Pharmaceuticals Inc. (HRNL) jumped 116.8% after the firm unveiled a collaboration pact "
        "with Merck & Co. Inc. (MRK). As part of the deal, Harnell has granted to Merck certain rights including an "
        "option to acquire HX-001 through a period following completion of the Phase 2 study.",
    )
    assert lic == ("Harnell Pharmaceuticals", "Merck & Co.")


def test_a_move_story_whose_lead_says_it_entered_an_agreement_with_y() -> None:
    lic = roles(
        "Harnell Pharma Soars on Accord With Roche Genentech",
        "Harnell Pharma (HRNL) shares surged on Tuesday after the biotech said it entered a drug-development "
        "agreement with Roche's Genentech.",
    )
    assert lic == ("Harnell Pharma", "Genentech")


def test_receiving_research_funding_and_milestones_makes_the_licensor() -> None:
    lic = roles(
        "Shares in Harnell soar 3.9 percent, among the biggest winners in the technology index TecDAX, as the German "
        "biotech company unveils a research collaboration with unlisted Swiss firm Quorvex.",
        "Shares in Harnell soar 3.9 percent, among the biggest winners in the technology index TecDAX, as the German "
        "biotech company unveils a research collaboration with unlisted Swiss firm Quorvex. Harnell will receive R&D "
        "funding and high double-digit milestone payments plus royalties.",
    )
    assert lic == ("Harnell", "Quorvex")


def test_two_partners_named_with_a_comma_form_a_joint_venture() -> None:
    d = deal(
        "Harnell, Quorvex form JV for developing, commercialising biosimilars",
        "Pharma firm Harnell and Quorvex Biopharma on Wednesday announced the execution of a joint venture agreement "
        "to develop biosimilars.",
    )
    assert d is not None and {Name(d["licensor"]), Name(d["licensee"])} == {"Harnell", "Quorvex Biopharma"}


def test_a_lone_capitalised_technology_is_no_party() -> None:
    d = deal(
        "Harnell Taps Into Quorvex Pharma ADC Technology",
        "Quorvex Pharma and Harnell signed an ADC research collaboration that gives Harnell rights to use Quorvex "
        "Pharma's ADC technology.",
    )
    assert d is not None and "Technology" not in (d.get("licensor"), d.get("licensee"))


def test_milestones_linked_to_the_progress_of_a_drug_are_terms_not_a_progress_report() -> None:
    lic = roles(
        "DUBLIN – Harnell SpA is acquiring Quorvex Therapeutics BV for €140 million up front plus up to €360 million "
        "more in milestones linked to the progress of Quorvex's drug-device combo.",
        "DUBLIN – Harnell SpA is acquiring Quorvex Therapeutics BV for €140 million up front plus up to €360 million "
        "more in milestones linked to the progress of Quorvex's drug-device combo.",
    )
    assert lic == ("Quorvex Therapeutics", "Harnell SpA")


def test_the_formers_agent_makes_the_former_the_licensor() -> None:
    lic = roles(
        "Harnell Inc. and Jiangsu Quorvex Pharmaceuticals Co. Ltd. entered a $200 million deal to commercialize and "
        "co-develop the former’s immunomodulating agent veltabulin in greater China.",
        "Harnell Inc. and Jiangsu Quorvex Pharmaceuticals Co. Ltd. entered a $200 million deal to commercialize and "
        "co-develop the former’s immunomodulating agent veltabulin in greater China.",
    )
    assert lic == ("Harnell", "Jiangsu Quorvex Pharmaceuticals")


def test_abandoning_a_licensed_therapy_is_no_deal() -> None:
    assert (
        deal(
            "Pfizer has abandoned development of a gene therapy it licensed from Harnell Therapeutics.",
            "Pfizer has abandoned development of a gene therapy it licensed from Harnell Therapeutics, a move that could "
            "imperil Harnell’s future.",
        )
        is None
    )


def test_a_semicolon_inside_brackets_ends_no_sentence_and_an_exchange_is_no_party() -> None:
    lic = roles(
        "Finland-based biotech firm Harnell Therapies (Nasdaq-OMX; HRN1V) says that it has obtained an exclusive option "
        "to acquire Quorvex, a private specialty pharmaceutical company based in San Diego.",
        "Finland-based biotech firm Harnell Therapies (Nasdaq-OMX; HRN1V) says that it has obtained an exclusive option "
        "to acquire Quorvex, a private specialty pharmaceutical company based in San Diego.",
    )
    assert lic == ("Quorvex", "Harnell Therapies")


def test_it_sold_the_rights_after_an_aside_is_the_company_named_first() -> None:
    lic = roles(
        "Shares of junior biopharmaceutical company Harnell Ltd. (ASX: HRN) have skyrocketed more than 60% today.",
        "Shares of junior biopharmaceutical company Harnell Ltd. (ASX: HRN) have skyrocketed more than 60% today. "
        "Harnell, which boasted a market capitalisation of just $52 million prior to today's rally, soared after it "
        "sold the rights of drug candidate HX-4728 to Boehringer Ingelheim in a deal worth up to $750 million.",
    )
    assert lic == ("Harnell", "Boehringer Ingelheim")


def test_the_danes_receiving_money_is_no_role_for_the_partner_named_before() -> None:
    d = deal(
        "Danish biotech firm Harnell enters multi-million dollar American partnership deal",
        "The Danish biotech company Harnell has entered into a strategic collaboration agreement with the US firm "
        "Quorvex that will see the Danes receive 175 million dollars upfront.",
    )
    assert d is None or d.get("licensor") != "Quorvex"


def test_a_funding_award_from_a_non_profit_is_no_deal() -> None:
    assert (
        deal(
            "Harnell Wins CARB-X Funding Award to Advance Development of Novel Antibiotic",
            "Harnell (NASDAQ:HRNL), a late-stage biopharmaceutical company developing antibacterials addressing "
            "multi-drug resistant infections, today announced that it has entered into an award agreement with CARB-X. "
            "Under the agreement, Harnell will receive an initial award of up to $2.4 million, with the possibility of "
            "up to $9.6 million more from CARB-X at its discretion based on the achievement of project milestones.",
        )
        is None
    )
