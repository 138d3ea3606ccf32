"""Derived fields (rules/derived.py): computed in one pure place, tested by `where:` like extracted fields,
carried by the alert for its card and its event key; and the safe comparisons `where:` is made of."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from domain.fx import fx_table
from domain.item import Item
from rules.alerts import alerts_for
from rules.derived import DERIVED_FIELDS, derive, english_name, indicators
from rules.engine import RuleEngine
from rules.extract import FIELD_NAMES, mp_families
from rules.model import Rule
from rules.where import holds, parse_condition, parse_number

CNY = fx_table()[1]["CNY"]


def test_deal_amounts_in_usd_by_the_dated_table_and_english_names_from_the_lexicons() -> None:
    got = derive(
        "bd_deal", {"licensor": "恒瑞医药", "licensee": "默沙東", "upfront": 1.4e9, "total": 2e10, "currency": "CNY"}
    )
    assert got == {
        "upfront_usd": pytest.approx(1.4e9 * CNY),
        "total_usd": pytest.approx(2e10 * CNY),
        "licensor_en": "Jiangsu Hengrui",
        "licensee_en": "Merck & Co.",
    }
    usd = derive("bd_deal", {"licensee": "Some Startup", "upfront": 8e7})
    assert usd == {"upfront_usd": 8e7}, "no currency means USD; a name the lexicons do not know has no English name"
    assert derive("bd_deal", {"upfront": 1e6, "currency": "XYZ"}) == {}, "no rate, no USD field"


def test_rating_levels_target_change_and_names() -> None:
    fields = {"broker": "大摩 (Morgan Stanley)", "company": "恒瑞醫藥", "rating": "增持", "old_rating": "中性"}
    got = derive("price_target", {**fields, "target": 60, "old_target": 80})
    assert got == {
        "target_change_pct": -25.0,
        "rating_level": "outperform",
        "rating_rank": 4,
        "old_rating_level": "hold",
        "old_rating_rank": 3,
        "broker_en": "Morgan Stanley",
        "company_en": "Jiangsu Hengrui",
    }
    assert derive("price_target", {"rating": "Overweight"})["rating_level"] == "outperform"
    assert "target_change_pct" not in derive("price_target", {"target": 60, "old_target": 0})


def test_print_changes_in_points_basis_points_and_percent() -> None:
    rate = derive(
        "mortgage_print", {"indicator": "us_30y_mortgage_rate", "value": 6.06, "unit": "percent", "prior": 6.09}
    )
    assert rate == {
        "change": -0.03,
        "change_bp": -3.0,
        "change_pct": -0.49,
        "indicator_name": "US 30-year mortgage rate",
        "unit_label": "%",
    }
    loans = derive(
        "mortgage_print", {"indicator": "pboc_household_mlt_loans", "value": 1.28e12, "unit": "CNY", "prior": 2.25e12}
    )
    assert loans["change"] == -9.7e11 and loans["change_pct"] == -43.11 and "change_bp" not in loans
    assert loans["value_usd"] == pytest.approx(1.28e12 * CNY) and loans["unit_label"] == "CNY"
    weekly = derive(
        "mortgage_print", {"indicator": "mba_applications_index", "value": 14.1, "unit": "pct_change", "prior": -3}
    )
    assert weekly == {"change": 17.1, "indicator_name": "MBA mortgage applications", "unit_label": "% w/w"}
    assert derive("mortgage_print", {"indicator": "new_thing", "value": 1}) == {}


def test_every_indicator_of_the_extractor_has_a_human_name() -> None:
    named = indicators()
    vocabulary = {v.id for v in vars(mp_families).values() if isinstance(v, mp_families.Ind)}
    assert vocabulary and vocabulary <= set(named), vocabulary - set(named)
    assert all(name and "_" not in name for name, _ in named.values())


def test_derived_names_never_shadow_extracted_ones() -> None:
    for extractor, names in DERIVED_FIELDS.items():
        assert not set(names) & set(FIELD_NAMES[extractor]) - {"upside_pct"}, extractor


def test_english_name_prefers_the_canonical_the_extractor_wrote() -> None:
    assert english_name("大摩 (Morgan Stanley)", "brokers") == "Morgan Stanley"
    assert english_name("摩根士丹利", "brokers") == "Morgan Stanley"
    assert english_name("AstraZeneca PLC", "pharma_companies") == "AstraZeneca"
    assert english_name("", "brokers") is None and english_name(3, "brokers") is None


# --- where: derived fields, scaled numbers, names in two forms --------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1e9", 1e9), ("100M", 1e8), ("$1.5bn", 1.5e9), ("250k", 2.5e5), ("2tn", 2e12), ("-20", -20.0), ("1_000", 1e3)],
)
def test_numbers_in_conditions_may_carry_a_scale_word(raw: str, value: float) -> None:
    assert parse_number(raw) == value
    assert parse_condition(f"upfront_usd >= {raw}").value == value


@pytest.mark.parametrize(
    ("cond", "fields", "expected"),
    [
        ("broker in [Morgan Stanley, Goldman Sachs]", {"broker": "大摩 (Morgan Stanley)"}, True),
        ("broker == 大摩", {"broker": "大摩 (Morgan Stanley)"}, True),
        ("broker != Morgan Stanley", {"broker": "大摩 (Morgan Stanley)"}, False),
        ("broker not in [UBS]", {"broker": "大摩 (Morgan Stanley)"}, True),
        ("rating_level in [buy, outperform]", {"rating_level": "outperform"}, True),
    ],
)
def test_names_written_with_their_canonical_match_by_either_part(
    cond: str, fields: dict[str, Any], expected: bool
) -> None:
    assert holds(parse_condition(cond), fields) is expected


@pytest.mark.parametrize("bad", ["upfront_usd >= __import__('os')", "total >= 1e9 or True", "x > $lists.y"])
def test_where_stays_data_never_code(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_condition(bad)


def rule(**kw: Any) -> Rule:
    return Rule.model_validate({"id": "r", "any": ["x"], **kw})


def test_rules_may_name_derived_fields_and_misspellings_get_a_hint() -> None:
    assert list(rule(extract="bd_deal", where=["upfront_usd >= 100M"]).where) == ["upfront_usd >= 100M"]
    with pytest.raises(ValueError, match="`bd_deal` has no field `upfront_uds`; did you mean `upfront_usd`"):
        rule(extract="bd_deal", where=["upfront_uds >= 1"])
    with pytest.raises(ValueError, match="has no field `upfront_usd`"):
        rule(extract="bd_deal", where=["upfront >= 1"], realert="1h", key=["upfront_usd"])


def test_a_rule_on_a_derived_field_fires_by_it_and_match_output_keeps_the_extractors_fields() -> None:
    r = rule(id="big", event="bd_deal", any=["首付款", "upfront"], extract="bd_deal", where=["upfront_usd >= 100M"])
    engine = RuleEngine([r])
    big = Item(id="1", source="s", title="恒瑞医药与默沙东达成HRS-7535授权协议，首付款14亿元")
    small = Item(id="2", source="s", title="恒瑞医药与默沙东达成HRS-7535授权协议，首付款5亿元")
    [m] = engine.match(big)
    assert set(m.fields) <= set(FIELD_NAMES["bd_deal"]), "`wirewatch match` prints the extractor's fields"
    assert engine.match(small) == []
    assert "`where` upfront_usd >= 100M is false" in (engine.why_not(small, "big") or "")
    [alert] = alerts_for(big, [m], 0.0)
    assert (
        alert.derived["upfront_usd"] == pytest.approx(1.4e9 * CNY) and alert.derived["licensor_en"] == "Jiangsu Hengrui"
    )


def test_the_fx_table_is_one_file_below_the_rooms() -> None:
    from domain import fx

    assert Path(fx.__file__).with_name("fx_usd.json").exists()
    assert not (Path(fx.__file__).parents[1] / "notifier" / "fx_usd.json").exists()
