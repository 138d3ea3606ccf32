"""Cards per event type, checked against Block Kit's rules (tests/servers/slack.py block_problems), plus the
pure parts behind them: money and the dated FX table, history context lines, event keys, similarity."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collectors.item import Item
from domain.formats import money, ordinal
from notifier import dedupe
from notifier.blocks import HEADER_CHARS
from notifier.card import card_for, reply_card
from notifier.cards import keyword
from notifier.digests import make_digest
from notifier.events import context_lines
from notifier.excerpt import ZWSP
from notifier.money import fx_table, money_with_usd, to_usd
from rules.derived import DERIVED_FIELDS
from store.records import Alert, Delivery
from tests.servers.slack import block_problems

T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC).timestamp()
DAY = 86400.0

DEAL = {
    "licensor": "RAPT Therapeutics",
    "licensee": "GSK",
    "asset": "RPT904",
    "deal_type": "license",
    "upfront": 3.5e7,
    "total": 1.25e9,
    "currency": "USD",
}
RATING = {
    "broker": "Goldman Sachs",
    "company": "Insta360",
    "ticker": "688775.SH",
    "rating": "Buy",
    "old_rating": "Neutral",
    "target": 311,
    "old_target": 250,
    "currency": "CNY",
    "upside_pct": 39.2,
    "action": "initiate",
}
PRINT = {
    "indicator": "PBOC household medium/long-term loans",
    "value": 1.28e12,
    "unit": "CNY",
    "period": "2025",
    "prior": 2.25e12,
}


def alert(
    event: str | None,
    fields: dict[str, Any],
    n: int = 1,
    *,
    title: str = "GSK licenses RAPT's RPT904 in $1.25 billion deal",
    source: str = "fierce",
    created_at: float = T0,
    **changes: Any,
) -> Alert:
    item = Item(
        id=f"i{n}",
        source=source,
        title=title,
        summary="GSK signed an exclusive license agreement for RPT904, paying $35 million upfront.",
        link=f"https://news.test/{n}?a=1&b=2",
        published="2026-03-10T08:00:00+00:00",
    )
    a = Alert(
        id=f"{n:032x}",
        rule="bd-license",
        item=item,
        event=event,
        severity="high",
        matched=("license agreement", "upfront"),
        fields=fields,
        created_at=created_at,
    )
    return dataclasses.replace(a, **changes)


def all_text(blocks: list[dict[str, Any]]) -> str:
    out = []
    for b in blocks:
        if b.get("text"):
            out.append(b["text"]["text"])
        out.extend(f["text"] for f in b.get("fields") or [])
        out.extend(e["text"] for e in b.get("elements") or [])
    return "\n".join(out)


# --- each card ----------------------------------------------------------------------------------------------


def fields_of(blocks: list[dict[str, Any]]) -> dict[str, str]:
    return {
        f["text"].split("\n", 1)[0].strip("*"): f["text"].split("\n", 1)[1]
        for b in blocks
        for f in b.get("fields") or []
    }


def test_deal_card_leads_with_severity_and_a_sentence_and_spells_out_the_roles() -> None:
    card = card_for(alert("bd_deal", {**DEAL, "currency": "CNY", "upfront": 5e8, "total": 1.2e10}))
    assert block_problems(card.blocks) == []
    assert card.blocks[0]["text"]["text"] == (
        ":red_circle: *HIGH* · *GSK licenses RPT904 from RAPT Therapeutics: CNY 500m (≈ $69.8m) upfront, up to "
        "CNY 12bn (≈ $1.68bn)*\n<https://news.test/1?a=1&b=2|GSK licenses RAPT's RPT904 in $1.25 billion deal>"
    )
    assert fields_of(card.blocks) == {
        "Licensor": "RAPT Therapeutics",
        "Licensee": "GSK",
        "Asset": "RPT904",
        "Deal type": "license",
        "Upfront": "*CNY 500m (≈ $69.8m)*",
        "Total (up to)": "*CNY 12bn (≈ $1.68bn)*",
    }
    assert "→" not in all_text(card.blocks), "no arrow to read the wrong way round"
    assert card.text.startswith("[HIGH] GSK licenses RPT904 from RAPT Therapeutics: CNY 500m (≈ $69.8m) upfront")


def test_an_acquisition_names_acquirer_and_target() -> None:
    f = {
        "licensor": "RAPT Therapeutics",
        "licensee": "GSK",
        "deal_type": "acquisition",
        "total": 2.2e9,
        "currency": "USD",
    }
    card = card_for(alert("bd_deal", f))
    assert card.blocks[0]["text"]["text"].startswith(
        ":red_circle: *HIGH* · *GSK to acquire RAPT Therapeutics for $2.2bn*"
    )
    assert fields_of(card.blocks) == {
        "Acquirer": "GSK",
        "Target": "RAPT Therapeutics",
        "Deal type": "acquisition",
        "Value": "*$2.2bn*",
    }


def test_deal_card_in_usd_has_no_equivalent_and_missing_fields_are_left_out() -> None:
    card = card_for(alert("bd_deal", {"licensee": "GSK", "upfront": 3.5e7, "currency": "USD"}))
    assert block_problems(card.blocks) == []
    text = all_text(card.blocks)
    assert "*GSK licenses an asset: $35m upfront*" in text
    assert fields_of(card.blocks) == {"Licensee": "GSK", "Upfront": "*$35m*"}
    assert "≈" not in text and "Total" not in text and "None" not in text


def test_names_as_written_with_the_english_name_beside_and_amounts_in_the_sources_units() -> None:
    fields = {"licensor": "恒瑞医药", "licensee": "默沙东", "deal_type": "license", "upfront": 1.2e9, "currency": "CNY"}
    derived = {"licensor_en": "Jiangsu Hengrui", "licensee_en": "Merck & Co."}
    a = alert("bd_deal", fields, title="恒瑞医药与默沙东达成授权协议，首付款12亿元", derived=derived)
    card = card_for(a)
    assert (
        "*默沙东 (Merck &amp; Co.) licenses rights from 恒瑞医药 (Jiangsu Hengrui): 12亿元 (≈ $168m) upfront*"
        in all_text(card.blocks)
    )
    assert fields_of(card.blocks)["Licensor"] == "恒瑞医药 · Jiangsu Hengrui"
    assert fields_of(card.blocks)["Upfront"] == "*12亿元 (≈ $168m)*"
    hant = alert("bd_deal", {**fields, "upfront": 1.28e12}, title="恒瑞醫藥與默沙東達成授權協議", derived=derived)
    assert fields_of(card_for(hant).blocks)["Upfront"] == "*1.28萬億元 (≈ $179bn)*"


def test_rating_card_keeps_the_brokers_words_with_the_common_scale_beside_them() -> None:
    fields = {
        **RATING,
        "broker": "Morgan Stanley",
        "rating": "Overweight",
        "old_rating": "Equal-weight",
        "action": "upgrade",
        "target": 60,
        "old_target": 38,
        "currency": "USD",
        "company": "Moderna",
        "ticker": "MRNA",
        "upside_pct": 45,
    }
    derived = {"rating_level": "outperform", "old_rating_level": "hold"}
    card = card_for(alert("price_target", fields, derived=derived))
    assert block_problems(card.blocks) == []
    assert card.blocks[0]["text"]["text"].startswith(
        ":red_circle: *HIGH* · *Morgan Stanley upgrades Moderna to Overweight (from Equal-weight); target $38 → $60 (+58%)*"
    )
    f = fields_of(card.blocks)
    assert f["Rating"] == "Equal-weight → Overweight (Hold → Outperform)"
    assert f["Target"] == "*$38 → $60 (+58%)*" and f["Upside"] == "+45%" and f["Ticker"] == "MRNA"


def test_rating_card_says_a_target_the_broker_kept_is_unchanged() -> None:
    fields = {
        "broker": "Morgan Stanley",
        "rating": "Underweight",
        "old_rating": "Equal-weight",
        "action": "downgrade",
        "target": 360,
        "old_target": 360,
        "currency": "USD",
        "company": "Quorvex",
    }
    card = card_for(alert("price_target", fields, derived={"rating_level": "underperform", "old_rating_level": "hold"}))
    assert block_problems(card.blocks) == []
    assert fields_of(card.blocks)["Target"] == "*$360 (unchanged)*"


def test_rating_card_for_an_initiation_in_chinese() -> None:
    fields = {
        "broker": "大摩 (Morgan Stanley)",
        "company": "恒瑞醫藥",
        "rating": "增持",
        "target": 80,
        "currency": "HKD",
        "upside_pct": 21.5,
        "action": "initiate",
    }
    derived = {"rating_level": "outperform", "company_en": "Jiangsu Hengrui", "broker_en": "Morgan Stanley"}
    card = card_for(alert("price_target", fields, title="大摩首予恒瑞醫藥增持評級", derived=derived))
    assert block_problems(card.blocks) == []
    assert (
        "*大摩 (Morgan Stanley) initiates 恒瑞醫藥 (Jiangsu Hengrui) at 增持 (Outperform); target HKD 80 (+22% upside)*"
        in (card.blocks[0]["text"]["text"])
    )
    f = fields_of(card.blocks)
    assert f["Broker"] == "大摩 · Morgan Stanley" and f["Company"] == "恒瑞醫藥 · Jiangsu Hengrui"
    assert f["Rating"] == "增持 (Outperform)" and f["Target"] == "*HKD 80*"


def test_print_card_shows_value_prior_change_and_tolerates_extra_fields() -> None:
    extras = {"record": "lowest since 2005", "chart": {"png": "…"}, "yoy_pct": -43.1, "vintage": "2026-01-15"}
    card = card_for(alert("mortgage_print", {**PRINT, **extras}, context=("lowest in our records (since 2024-01)",)))
    assert block_problems(card.blocks) == []
    text = all_text(card.blocks)
    assert card.blocks[0]["text"]["text"].startswith(
        ":red_circle: *HIGH* · *PBOC household medium/long-term loans CNY 1.28tn (≈ $179bn), prior CNY 2.25tn for 2025, "
        "lowest in our records (since 2024-01)*"
    )
    f = fields_of(card.blocks)
    assert f["Value"] == "*CNY 1.28tn (≈ $179bn)*" and f["Prior"] == "CNY 2.25tn (≈ $314bn)"
    assert f["Change"] == "CNY −970bn (−43%)"
    assert "lowest in our records (since 2024-01)" in text
    assert "*record*: lowest since 2005" in text and "*yoy pct*: -43.1" in text and "*vintage*" in text
    assert "png" not in text


def test_print_card_in_percent_shows_the_change_in_basis_points_and_no_internal_ids() -> None:
    fields = {
        "indicator": "us_30y_mortgage_rate",
        "value": 6.06,
        "unit": "percent",
        "period": "2026-01-22",
        "prior": 6.09,
    }
    card = card_for(alert("mortgage_print", fields, derived={"indicator_name": "US 30-year mortgage rate"}))
    text = all_text(card.blocks) + card.text + card.console
    assert "*US 30-year mortgage rate 6.06% (−3 bp) for 2026-01-22*" in text
    assert fields_of(card.blocks)["Change"] == "−3 bp"
    for internal in ("us_30y_mortgage_rate", "percent", "pct_change", "mortgage_print"):
        assert internal not in text


def test_generic_card_bolds_matched_terms_in_the_excerpt_even_in_chinese() -> None:
    a = alert(None, {}, title="西比曼與阿斯利康簽訂獨家許可協議", matched=("独家许可",))
    a = dataclasses.replace(
        a, item=dataclasses.replace(a.item, summary="西比曼與阿斯利康簽訂獨家許可協議，首付款可觀。")
    )
    card = card_for(a)
    assert block_problems(card.blocks) == []
    assert card.blocks == keyword.blocks(a)
    assert f"{ZWSP}*獨家許可*{ZWSP}" in all_text(card.blocks)
    assert "rule `bd-license`" in all_text(card.blocks) and "source *fierce*" in all_text(card.blocks)


def test_reply_card_names_the_other_outlet_what_it_adds_and_what_it_says_otherwise() -> None:
    parent = alert("bd_deal", {k: v for k, v in DEAL.items() if k != "total"})
    later = alert(
        "bd_deal",
        {**DEAL, "upfront": 4e7, "licensee": "GSK plc"},
        2,
        source="endpoints",
        title="GSK pays RAPT $35M <upfront> & more",
    )
    card = reply_card(later, parent)
    assert block_problems(card.blocks) == []
    text = all_text(card.blocks)
    assert "Also reported by *endpoints*" in text
    assert "&lt;upfront&gt; &amp; more" in text
    assert "Adds Total: $1.25bn" in text
    assert "Says otherwise: Upfront: $40m (first report: $35m)" in text
    assert "Licensee" not in text, "another spelling of the same name is not news"
    assert card.text.startswith("also reported by endpoints: GSK pays RAPT")


def test_digest_card_lists_each_alert_in_one_message() -> None:
    members = [
        (alert(None, {}, n, title=f"Keyword story {n} <b>"), Delivery(f"{n:032x}", "slack:#d", "held", updated_at=T0))
        for n in range(60)
    ]
    digest = make_digest("slack:#d", members, T0 + 3600, 3600.0, more=5)
    card = card_for(digest)
    assert block_problems(card.blocks) == []
    text = all_text(card.blocks)
    assert "Digest for #d" in text and "65 alerts" in text
    assert all(f"Keyword story {n} &lt;b&gt;" in text for n in range(60))
    assert "5 alerts wait for the next digest" in text
    assert card.text == "Digest for #d: 65 alerts"


# --- Block Kit limits, whatever the input --------------------------------------------------------------------


@pytest.mark.parametrize("unit", ["x", "&", "<>", "授權", "😀"])
@pytest.mark.parametrize("event", ["bd_deal", "price_target", "mortgage_print", None])
def test_extreme_cards_obey_block_kit_limits(event: str | None, unit: str) -> None:
    big = (unit * 10_000)[:10_000]
    fields: dict[str, Any] = {k: big for k in (*DEAL, *RATING, *PRINT)}
    fields.update({f"{unit}extra{i}": big for i in range(100)})
    a = alert(event, fields, title=big, source=big, rule=big, context=tuple(big for _ in range(20)))
    for card in (card_for(a), reply_card(a, a)):
        assert block_problems(card.blocks) == []
        assert len(card.text) <= 3000
        for b in card.blocks:
            if b["type"] == "header":
                assert len(b["text"]["text"]) <= HEADER_CHARS
            assert all(len(f["text"]) <= 2000 for f in b.get("fields") or [])


def test_huge_digest_stays_within_fifty_blocks() -> None:
    members = [
        (alert(None, {}, n, title="t" * 400), Delivery(f"{n:032x}", "slack:#d", "held", updated_at=T0))
        for n in range(1000)
    ]
    card = card_for(make_digest("slack:#d", members, T0 + 3600, 3600.0))
    assert block_problems(card.blocks) == []
    assert len(card.blocks) <= 50


values = st.one_of(st.none(), st.text(max_size=300), st.floats(allow_nan=True), st.integers(), st.booleans())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    event=st.sampled_from(["bd_deal", "price_target", "mortgage_print", None, "other"]),
    fields=st.dictionaries(st.sampled_from([*DEAL, *RATING, *PRINT, "x", "y"]), values, max_size=20),
    title=st.text(max_size=500),
    context=st.lists(st.text(max_size=200), max_size=8).map(tuple),
    derived=st.dictionaries(st.sampled_from(sorted({n for ns in DERIVED_FIELDS.values() for n in ns})), values),
    kind=st.sampled_from(["", "series_print", "series_revision", "notice"]),
)
def test_any_fields_render_valid_cards(
    event: str | None, fields: dict[str, Any], title: str, context: tuple[str, ...], derived: dict[str, Any], kind: str
) -> None:
    """Stored records are read defensively: odd fields, odd derived values, any kind still render a card."""
    a = alert(event, fields, title=title, context=context, derived=derived, kind=kind or (event or "keyword"))
    for card in (card_for(a), reply_card(a, None)):
        assert block_problems(card.blocks) == []
        assert 0 < len(card.text) <= 3000


# --- money and the FX table ------------------------------------------------------------------------------------


def test_fx_table_is_dated_and_usd_is_one() -> None:
    as_of, rates = fx_table()
    assert datetime.strptime(as_of, "%Y-%m-%d")
    assert rates["USD"] == 1.0
    assert {"CNY", "HKD", "TWD", "EUR", "JPY"} <= set(rates)
    assert 0.12 < rates["CNY"] < 0.16 and 0.125 < rates["HKD"] < 0.13  # HKD is pegged at 7.75-7.85


@pytest.mark.parametrize(
    ("value", "currency", "text"),
    [
        (1.25e9, "USD", "$1.25bn"),
        (8e7, "usd", "$80m"),
        (6.3e8, "USD", "$630m"),
        (1.28e12, "CNY", "CNY 1.28tn"),
        (-8.351e11, "CNY", "CNY −835bn"),
        (3.5e7, "HKD", "HKD 35m"),
        ("$80 million", None, "$80 million"),
        (float("nan"), "USD", "nan"),
    ],
)
def test_money_formats_amounts_for_people(value: Any, currency: Any, text: str) -> None:
    assert money(value, currency) == text


def test_usd_equivalent_only_for_known_currencies() -> None:
    assert money_with_usd(1e9, "HKD") == "HKD 1bn (≈ $127m)"
    assert money_with_usd(1e9, "XYZ") == "XYZ 1bn"
    assert to_usd("12", "EUR") == pytest.approx(12 * fx_table()[1]["EUR"])
    assert to_usd("n/a", "EUR") is None


# --- history context lines -----------------------------------------------------------------------------------


def deal(n: int, upfront: float, days_ago: float, currency: str = "USD", **f: Any) -> Alert:
    return alert("bd_deal", {**DEAL, "upfront": upfront, "currency": currency, **f}, n, created_at=T0 - days_ago * DAY)


def test_largest_upfront_in_our_records() -> None:
    history = [deal(2, 5e7, 10), deal(3, 2e8, 60), deal(4, 1e8, 150)]
    now = deal(1, 3e8, 0)
    assert context_lines(now, history) == ("largest upfront in our records (since 2025-10)",)
    assert context_lines(deal(1, 1e8, 0), history) == ("largest upfront since 2026-01 (GSK, $200m)",)
    assert context_lines(deal(1, 4e7, 0), history) == ()


def test_largest_upfront_since_an_older_bigger_deal_converts_currencies() -> None:
    history = [
        deal(2, 5e7, 10),
        deal(3, 2e8, 20),
        deal(4, 9e9, 100, currency="CNY", licensee="Pfizer"),
        deal(5, 1e7, 120),
    ]
    now = deal(1, 1e9, 0, currency="CNY")  # ≈ $140m: the $200m deal was only 20 days ago
    assert context_lines(now, history) == ()
    now = deal(1, 1.5e9, 0, currency="HKD")  # ≈ $191m: still below it
    assert context_lines(now, history) == ()
    now = deal(1, 1.5e9, 40, currency="HKD")
    assert context_lines(now, [h for h in history if h.created_at < now.created_at]) == ()
    now = deal(1, 2.5e8, 0)  # above everything since the CNY 9bn (≈ $1.26bn) deal 100 days ago
    assert context_lines(now, history) == ("largest upfront since 2025-11 (Pfizer, CNY 9bn)",)


def test_replies_and_thin_history_add_no_line() -> None:
    assert context_lines(deal(1, 3e8, 0), [deal(2, 1e8, 10)]) == ()
    replies = [dataclasses.replace(deal(n, 1e6, n), thread_of="x") for n in range(2, 8)]
    assert context_lines(deal(1, 3e8, 0), replies) == ()
    assert context_lines(dataclasses.replace(deal(1, 3e8, 0), thread_of="x"), [deal(2, 1, 5)] * 5) == ()


def test_nth_target_raise_on_a_ticker_this_month() -> None:
    def raise_(n: int, broker: str, ticker: str, days_ago: float, action: str = "raise_target") -> Alert:
        f = {**RATING, "broker": broker, "ticker": ticker, "action": action}
        return alert("price_target", f, n, created_at=T0 - days_ago * DAY)

    history = [
        raise_(2, "Morgan Stanley", "01276.HK", 2),
        raise_(3, "CICC", "1276.HK", 5),
        raise_(4, "UBS", "01276.HK", 4, action="cut_target"),
        raise_(5, "UBS", "01276.HK", 20),  # last month
        raise_(6, "UBS", "00700.HK", 1),
    ]
    assert context_lines(raise_(1, "Goldman Sachs", "01276.HK", 0), history) == (
        "3rd target raise on 01276.HK this month",
    )
    assert context_lines(raise_(1, "Goldman Sachs", "09988.HK", 0), history) == ()


def test_print_record_context() -> None:
    def p(n: int, value: float, days_ago: float) -> Alert:
        return alert("mortgage_print", {**PRINT, "value": value}, n, created_at=T0 - days_ago * DAY)

    history = [p(2, 2.0e12, 30), p(3, 2.2e12, 60), p(4, 2.5e12, 90)]
    assert context_lines(p(1, 1.0e12, 0), history) == ("lowest in our records (since 2025-12)",)
    assert context_lines(p(1, 3.0e12, 0), history) == ("highest in our records (since 2025-12)",)
    assert context_lines(p(1, 2.1e12, 0), history) == ()


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (21, "21st"), (113, "113th")],
)
def test_ordinals(n: int, text: str) -> None:
    assert ordinal(n) == text


# --- event keys and similarity -----------------------------------------------------------------------------------


def test_deal_key_is_the_parties_and_an_optional_asset_never_splits_it() -> None:
    a = dedupe.event_key("bd_deal", {"licensor": "RAPT Therapeutics, Inc.", "licensee": "GSK plc", "asset": "RPT-904"})
    b = dedupe.event_key("bd_deal", {"licensor": "GSK", "licensee": "Rapt"})
    c = dedupe.event_key("bd_deal", {"licensor": "RAPT Therapeutics", "licensee": "GSK", "asset": "JYB1904"})
    assert a == b == c == "bd_deal|gsk|rapt"
    zh = dedupe.event_key("bd_deal", {"licensor": "西比曼生物科技", "licensee": "阿斯利康", "asset": "C-CAR031"})
    hant = dedupe.event_key("bd_deal", {"licensor": "西比曼生物科技", "licensee": "阿斯利康"})
    assert zh == hant
    english = dedupe.event_key(
        "bd_deal", {"licensor": "CBMG", "licensee": "AstraZeneca PLC"}, {"licensor_en": "Cellular Biomedicine Group"}
    )
    chinese = dedupe.event_key(
        "bd_deal",
        {"licensor": "西比曼生物", "licensee": "阿斯利康"},
        {"licensor_en": "Cellular Biomedicine Group", "licensee_en": "AstraZeneca"},
    )
    assert english == chinese == "bd_deal|astrazeneca|cellular biomedicine", "names fold across languages"
    assert dedupe.event_key("bd_deal", {"licensee": "GSK"}) is None
    assert dedupe.event_key("bd_deal", {"licensee": "GSK", "asset": "RPT904"}) == "bd_deal|gsk|rpt904"


def test_rating_key_is_company_and_broker_whatever_the_action_ticker_or_spelling() -> None:
    k1 = dedupe.event_key(
        "price_target",
        {"broker": "Goldman Sachs", "company": "Hengrui", "ticker": "01276.HK", "action": "raise_target"},
    )
    k2 = dedupe.event_key("price_target", {"broker": "goldman sachs", "company": "Hengrui", "action": "upgrade"})
    k3 = dedupe.event_key(
        "price_target", {"broker": "高盛 (Goldman Sachs)", "company": "恒瑞醫藥"}, {"company_en": "Jiangsu Hengrui"}
    )
    k4 = dedupe.event_key("price_target", {"broker": "Goldman Sachs", "company": "Jiangsu Hengrui Pharmaceuticals"})
    assert k1 == k2 == "price_target|hengrui|goldman sachs"
    assert k3 == k4 == "price_target|jiangsu hengrui|goldman sachs"
    ms = dedupe.event_key("price_target", {"broker": "大摩 (Morgan Stanley)", "company": "Moderna"})
    assert ms == dedupe.event_key("price_target", {"broker": "Morgan Stanley", "company": "Moderna"})
    assert dedupe.event_key("price_target", {"broker": "UBS", "ticker": "1276.hk"}) == "price_target|1276.hk|ubs"
    assert dedupe.event_key("price_target", {"ticker": "01276.HK"}) is None


def test_print_keys() -> None:
    p = dedupe.event_key("mortgage_print", {"indicator": "MBA applications", "period": "2026-03-06", "value": 1})
    assert p == "mortgage_print|mba applications|2026-03-06"
    assert dedupe.event_key("mortgage_print", {"indicator": "MBA applications"}) is None
    assert dedupe.event_key(None, DEAL) is None


def test_near_duplicate_articles_are_similar_and_unrelated_ones_are_not() -> None:
    base = (
        "Shanghai Matrix unveiled its MATRIX-3 humanoid robot on Tuesday, with dexterous hands of 27 degrees "
        "of freedom and a price the company said would undercut rivals by half."
    )
    rewrite = "Update: " + base.replace("Tuesday", "Tuesday morning") + " Shares rose."
    other = (
        "The central bank left its benchmark lending rates unchanged for the fifth month, as expected by "
        "economists polled before the decision."
    )

    def sig(text: str) -> Any:
        a = alert(None, {}, title="")
        s = dedupe.signature(
            dedupe.normalised_text(dataclasses.replace(a, item=dataclasses.replace(a.item, summary=text)))
        )
        assert s is not None
        return s

    assert dedupe.similarity(sig(base), sig(rewrite)) >= dedupe.SIMILAR
    assert dedupe.similarity(sig(base), sig(other)) < 0.2
    assert set(dedupe.band_keys(sig(base))) & set(dedupe.band_keys(sig(rewrite)))
    assert not set(dedupe.band_keys(sig(base))) & set(dedupe.band_keys(sig(other)))
    assert dedupe.signature("short") is None
