"""The labelled theme corpus (tests/corpus/themes.jsonl) and the lexicons (rules/lexicons/*.yaml) are
well-formed: required keys, unique ids, the issue's event and field names, value types and vocabularies,
the language and hard-negative mix, and lexicons that load with yaml.safe_load with no alias claimed by
two canonical names. Conventions: tests/corpus/README.md."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from rules.normalize import fold

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "themes.jsonl"
LEXICONS = ROOT / "rules" / "lexicons"
ROWS: list[dict[str, Any]] = [
    json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()
]

REQUIRED = {"id", "title", "summary", "link", "published", "source", "lang", "events"}
OPTIONAL = {"hard", "kind", "note"}
LANGS = {"en", "zh-hans", "zh-hant"}
FIELDS: dict[str, set[str]] = {
    "bd_deal": {"licensor", "licensee", "asset", "deal_type", "upfront", "total", "currency"},
    "price_target": {
        "broker",
        "company",
        "ticker",
        "rating",
        "old_rating",
        "target",
        "old_target",
        "currency",
        "upside_pct",
        "action",
    },
    "mortgage_print": {"indicator", "value", "unit", "period", "prior", "currency", "benchmark"},
}
NUMERIC = {"upfront", "total", "target", "old_target", "upside_pct", "value", "prior"}
NAMES = {"licensor", "licensee", "asset", "company"}  # free text; a list gives alternatives
DEAL_TYPES = {"license", "option", "co_development", "newco", "acquisition"}
RATINGS = ["buy", "outperform", "hold", "underperform", "sell"]
ACTIONS = {"initiate", "upgrade", "downgrade", "reiterate", "raise_target", "cut_target"}
INDICATORS: dict[str, set[str]] = {  # indicator → allowed units (tests/corpus/README.md)
    "us_30y_mortgage_rate": {"percent"},
    "us_15y_mortgage_rate": {"percent"},
    "mba_applications_index": {"pct_change", "index"},
    "mba_purchase_index": {"pct_change", "index"},
    "mba_refinance_index": {"pct_change", "index"},
    "mba_30y_contract_rate": {"percent"},
    "pboc_household_loans": {"CNY"},
    "pboc_household_short_loans": {"CNY"},
    "pboc_household_mlt_loans": {"CNY"},
    "cn_mortgage_balance": {"CNY"},
    "cn_new_mortgage_rate": {"percent"},
    "tw_new_home_loans": {"TWD"},
    "tw_new_mortgage_rate": {"percent"},
    "hk_new_mortgage_loans": {"HKD"},
    "uk_mortgage_approvals": {"count", "pct_change_yoy"},
    # issue 10: every family of the real-news label contract
    "pboc_new_rmb_loans": {"CNY"},
    "pboc_consumer_loans": {"CNY"},
    "pboc_tsf_flow": {"CNY"},
    "pboc_tsf_stock": {"CNY"},
    "pboc_rmb_loan_balance": {"CNY"},
    "pboc_household_loan_balance": {"CNY"},
    "cn_consumer_loan_balance": {"CNY"},
    "lpr_1y": {"percent"},
    "lpr_5y": {"percent"},
    "mba_delinquency_rate": {"percent"},
    "mba_serious_delinquency_rate": {"percent"},
    "us_mortgage_delinquency_rate": {"percent"},
    "us_gse_serious_delinquency_rate": {"percent"},
    "us_consumer_credit": {"USD"},
    "uk_net_mortgage_lending": {"GBP"},
    "uk_consumer_credit": {"GBP"},
    "uk_finance_mortgage_approvals": {"count", "pct_change_yoy"},
    "uk_finance_net_mortgage_lending": {"GBP"},
    "hk_mortgage_applications": {"count"},
    "hk_mortgage_delinquency_ratio": {"percent"},
}
WEEKDAY = {  # PMMS dated Thursdays, MBA weeks end on Fridays
    "us_30y_mortgage_rate": 3,
    "us_15y_mortgage_rate": 3,
    "mba_applications_index": 4,
    "mba_purchase_index": 4,
    "mba_refinance_index": 4,
    "mba_30y_contract_rate": 4,
}
HARD_KINDS = {
    "bd_roundup",
    "milestone_payment",
    "approval_or_readout",
    "ipo_or_funding",
    "index_or_commodity_target",
    "company_own_target",
    "credit_rating",
    "mortgage_rate_forecast",
    "bank_product_change",
    "house_price_commentary",
}
PERIOD = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$|^\d{4}-\d{2}/\d{4}-\d{2}$")
TICKER = re.compile(
    r"^(?:[A-Z][A-Z.\-]{0,6}|\d{4}\.HK|\d{6}\.(?:SH|SZ|BJ)|\d{4}\.TWO?|\d{4}\.T|[A-Z0-9]+\.(?:L|AX|DE|PA|SW|KS))$"
)


def lexicon(name: str) -> dict[str, Any]:
    data = yaml.safe_load((LEXICONS / f"{name}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict), name
    return data


def entries(name: str, key: str) -> dict[str, list[str]]:
    body = lexicon(name)[key]
    assert isinstance(body, dict) and body, name
    for canonical, aliases in body.items():
        assert isinstance(canonical, str) and canonical.strip(), (name, canonical)
        assert aliases is None or (isinstance(aliases, list) and all(isinstance(a, str) and a for a in aliases)), (
            name,
            canonical,
        )
    return {c: list(a or []) for c, a in body.items()}


CURRENCIES = set(entries("currencies", "currencies"))


def is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def is_text(v: Any) -> bool:
    if isinstance(v, list):
        return bool(v) and all(isinstance(x, str) and x.strip() for x in v)
    return isinstance(v, str) and bool(v.strip())


# ── the corpus ───────────────────────────────────────────────────────────────────────────────────────


def test_corpus_is_large_enough_and_ids_unique() -> None:
    assert len(ROWS) >= 260
    dupes = [i for i, n in Counter(r["id"] for r in ROWS).items() if n > 1]
    assert not dupes


@pytest.mark.parametrize("row", ROWS, ids=[str(r.get("id")) for r in ROWS])
def test_item_shape(row: dict[str, Any]) -> None:
    assert set(row) >= REQUIRED, REQUIRED - set(row)
    assert set(row) <= REQUIRED | OPTIONAL, set(row) - REQUIRED - OPTIONAL
    assert isinstance(row["id"], str) and re.fullmatch(r"[a-z0-9][a-z0-9\-]*", row["id"])
    assert row["link"] == f"http://news.test/{row['id']}"
    assert row["published"] is None
    assert is_text(row["title"]) and isinstance(row["title"], str)
    assert isinstance(row["summary"], str)
    assert isinstance(row["source"], str) and re.fullmatch(r"[a-z0-9][a-z0-9\-]*", row["source"])
    assert row["lang"] in LANGS
    assert isinstance(row["events"], list)
    if "hard" in row:
        assert row["hard"] is True
        assert row["events"] == [], "a hard negative has no events"
        assert row.get("kind") in HARD_KINDS | {"other"}
        assert is_text(row.get("note")), "a hard negative says why in `note`"
    else:
        assert "kind" not in row
    if "note" in row:
        assert is_text(row["note"]) and isinstance(row["note"], str)


@pytest.mark.parametrize("row", [r for r in ROWS if r["events"]], ids=[r["id"] for r in ROWS if r["events"]])
def test_events_use_the_contract(row: dict[str, Any]) -> None:
    for ev in row["events"]:
        assert set(ev) == {"event", "fields"}
        assert ev["event"] in FIELDS
        fields = ev["fields"]
        assert isinstance(fields, dict) and fields
        assert set(fields) <= FIELDS[ev["event"]], set(fields) - FIELDS[ev["event"]]
        for name, value in fields.items():
            assert value is not None, f"{name}: omit unknown fields instead of null"
            if name in NUMERIC:
                assert is_number(value), (name, value)
            elif name in NAMES:
                assert is_text(value), (name, value)
            else:
                assert isinstance(value, str) and value, (name, value)
        if "currency" in fields:
            assert fields["currency"] in CURRENCIES
        check = {"bd_deal": check_bd, "price_target": check_pt, "mortgage_print": check_mp}[ev["event"]]
        check(fields)


def check_bd(f: dict[str, Any]) -> None:
    assert f.get("deal_type") in DEAL_TYPES
    assert "licensor" in f or "licensee" in f
    for amount in ("upfront", "total"):
        if amount in f:
            assert f[amount] > 0 and "currency" in f
    if "upfront" in f and "total" in f:
        assert f["upfront"] <= f["total"]


def check_pt(f: dict[str, Any]) -> None:
    assert is_text(f.get("broker")) and isinstance(f["broker"], str)
    assert f.get("action") in ACTIONS
    for r in ("rating", "old_rating"):
        if r in f:
            assert f[r] in RATINGS
    if "old_rating" in f:
        assert "rating" in f and f["rating"] != f["old_rating"]
        better = RATINGS.index(f["rating"]) < RATINGS.index(f["old_rating"])
        assert f["action"] == ("upgrade" if better else "downgrade")
    if "ticker" in f:
        assert TICKER.fullmatch(f["ticker"]), f["ticker"]
    for t in ("target", "old_target"):
        if t in f:
            assert f[t] > 0 and "currency" in f
    if "target" in f and "old_target" in f and f["action"] in {"raise_target", "cut_target"}:
        assert (f["target"] > f["old_target"]) == (f["action"] == "raise_target")


# Amounts are written in the unit the source states: a scale word (亿, 萬億, billion …) and the money, the
# currency code beside it (tests/corpus/README.md).
STATED_AMOUNT = re.compile(
    r"(?:万亿|萬億|兆|亿|億|万|萬)(?:元|港元|英镑|英鎊|美元|人民币|人民幣)(?:人民币|人民幣)?|(?:trillion|billion|million) [A-Z]{3}"
)


def check_mp(f: dict[str, Any]) -> None:
    assert f.get("indicator") in INDICATORS
    assert is_number(f.get("value"))
    allowed = INDICATORS[f["indicator"]]
    if allowed <= set(CURRENCIES):  # an amount: the stated unit, with the currency as its own field
        assert f.get("currency") in allowed, f
        assert f.get("unit") in allowed or STATED_AMOUNT.fullmatch(str(f.get("unit"))), f
    else:
        assert f.get("unit") in allowed, f
    if "period" in f:
        assert PERIOD.fullmatch(f["period"]), f["period"]
        if f["indicator"] in WEEKDAY:
            assert date.fromisoformat(f["period"]).weekday() == WEEKDAY[f["indicator"]], f


def test_language_mix() -> None:
    n = len(ROWS)
    langs = Counter(r["lang"] for r in ROWS)
    assert (langs["zh-hans"] + langs["zh-hant"]) / n >= 0.40
    assert langs["zh-hans"] / n >= 0.15
    assert langs["zh-hant"] / n >= 0.15


def test_hard_negative_mix() -> None:
    hard = [r for r in ROWS if r.get("hard") and r.get("kind") in HARD_KINDS]
    assert len(hard) / len(ROWS) >= 0.35
    assert {r["kind"] for r in hard} == HARD_KINDS, "every kind the issue lists is represented"
    for script in LANGS:  # traps in every script
        assert sum(1 for r in hard if r["lang"] == script) >= 20, script


def test_every_event_in_every_script() -> None:
    seen = defaultdict(set)
    for r in ROWS:
        for ev in r["events"]:
            seen[r["lang"]].add(ev["event"])
    for script in LANGS:
        assert seen[script] == set(FIELDS), script


def test_seed_articles_carry_the_issue_gold() -> None:
    by_id = {r["id"]: r for r in ROWS}
    insta = by_id["seed-goldman-insta360"]["events"]
    assert [e["fields"] for e in insta] == [
        {
            "broker": "Goldman Sachs",
            "company": ["影石創新", "Insta360"],
            "rating": "buy",
            "target": 311,
            "currency": "CNY",
            "upside_pct": 39.2,
            "action": "initiate",
        }
    ]
    deals = {e["fields"]["licensee"]: e["fields"] for e in by_id["seed-az-cbmg-gsk-rapt"]["events"]}
    assert deals["GSK"]["licensor"] == "RAPT Therapeutics" and deals["GSK"]["total"] == 2.2e9
    assert deals["阿斯利康"]["licensor"] == "西比曼生物" and deals["阿斯利康"]["total"] == 6.3e8
    pboc = {e["fields"]["indicator"]: e["fields"] for e in by_id["seed-pboc-household-2025"]["events"]}
    assert pboc["pboc_household_mlt_loans"]["value"] == 1.28 and pboc["pboc_household_mlt_loans"]["unit"] == "兆元"
    assert pboc["pboc_household_mlt_loans"]["prior"] == 2.25
    assert pboc["pboc_household_short_loans"]["value"] == -8351 and pboc["pboc_household_short_loans"]["unit"] == "億元"
    assert by_id["seed-bd-roundup-2025"]["events"] == []


# ── the lexicons ─────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("name", "key", "minimum"),
    [("brokers", "brokers", 40), ("pharma_companies", "companies", 120), ("currencies", "currencies", 8)],
)
def test_lexicon_loads_and_is_unambiguous(name: str, key: str, minimum: int) -> None:
    body = entries(name, key)
    assert len(body) >= minimum
    owner: dict[str, str] = {}
    for canonical, aliases in body.items():
        for alias in (canonical, *aliases):
            folded = fold(alias)
            assert owner.setdefault(folded, canonical) == canonical, f"{alias!r}: {owner[folded]} and {canonical}"


def test_ratings_lexicon() -> None:
    data = lexicon("ratings")
    assert data["scale"] == RATINGS
    body = entries("ratings", "ratings")
    assert set(body) == set(RATINGS)
    assert sum(len(v) for v in body.values()) >= 50
    owner: dict[str, str] = {}
    for normalised, forms in body.items():
        for form in forms:
            assert owner.setdefault(fold(form), normalised) == normalised, form
    for must in ("Buy", "Overweight", "Outperform", "Neutral", "Equal-weight", "Underweight", "Sell", "买入", "買入",
                 "增持", "跑贏行業", "優於大市", "持有", "中性", "減持", "賣出"):  # fmt: skip
        assert fold(must) in owner, must


def test_corpus_brokers_and_currencies_come_from_the_lexicons() -> None:
    brokers = set(entries("brokers", "brokers"))
    for r in ROWS:
        for ev in r["events"]:
            if ev["event"] == "price_target":
                assert ev["fields"]["broker"] in brokers, ev["fields"]["broker"]


def test_brokers_cover_the_issue_aliases() -> None:
    owner = {fold(a): c for c, al in entries("brokers", "brokers").items() for a in (c, *al)}
    for alias, canonical in {
        "高盛": "Goldman Sachs",
        "大摩": "Morgan Stanley",
        "摩根士丹利": "Morgan Stanley",
        "小摩": "JPMorgan",
        "摩根大通": "JPMorgan",
        "中金": "CICC",
        "交銀國際": "BOCOM International",
        "招銀國際": "CMB International",
        "滙豐": "HSBC",
        "富瑞": "Jefferies",
    }.items():
        assert owner.get(fold(alias)) == canonical, alias
