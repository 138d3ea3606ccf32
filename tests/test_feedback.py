"""Feedback export and stats: readers' verdicts → labelled JSON Lines in the real-news corpus format, and the
precision readers see per rule and per event type. Verdicts are made by real presses through the handler."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from collectors.item import Item
from notifier.feedback import (
    CORPUS_KEYS,
    corpus_rows,
    format_stats,
    judged,
    lang_of,
    latest_by_reader,
    stats,
    to_jsonl,
)
from notifier.interactive.access import AccessPolicy, AccessRules
from rules.extract import FIELD_NAMES
from store.records import Alert, alert_id
from store.sqlite_store import SqliteStore
from tests.interactive_payloads import TEAM, block_actions, deal_alert
from wirewatch.interactive.handler import ActionHandler

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus" / "real-news-dev.jsonl"
T0 = 1_700_000_000.0


def keyword_alert() -> Alert:
    item = Item(id="kw-1", source="reuters", title="Layoffs at a chipmaker", summary="It cut 5% of staff.")
    return Alert(id=alert_id("reuters", "kw-1", "layoffs"), rule="layoffs", item=item, created_at=T0)


def target_alert() -> Alert:
    item = Item(
        id="pt-1",
        source="marketbeat",
        title="Target (TGT) Upgraded to “Overweight” at JPMorgan",
        summary="JPMorgan upgraded Target to overweight with a $100 target.",
        link="https://news.test/pt-1",
    )
    return Alert(
        id=alert_id("marketbeat", "pt-1", "price_target"),
        rule="price-targets",
        item=item,
        event="price_target",
        fields={"broker": "JPMorgan", "company": "Target", "ticker": "TGT", "target": 100, "history": [1, 2]},
        created_at=T0,
    )


@pytest.fixture
def press(tmp_path: Path) -> Iterator[tuple[SqliteStore, object]]:
    store = SqliteStore(tmp_path / "w.db")
    deal, simplified = deal_alert(), deal_alert(2)
    simplified = dataclasses.replace(
        simplified,
        item=dataclasses.replace(simplified.item, title="石药集团与阿斯利康签订独家授权", summary="首付款1亿美元"),
    )
    for a in (deal, simplified, keyword_alert(), target_alert()):
        store.add_alert(a, [])
    clock = iter(range(10_000))
    handler = ActionHandler(store, AccessPolicy(AccessRules(TEAM)), clock=lambda: T0 + 60 * next(clock))

    def do(action_id: str, value: str, user: str = "U0ANA") -> None:
        handler.handle(block_actions(action_id, value, user=user, username=user.lower()))

    yield store, do
    store.close()


def test_export_writes_corpus_lines(press: tuple[SqliteStore, object]) -> None:
    store, do = press
    deal, simplified, kw, pt = deal_alert(), deal_alert(2), keyword_alert(), target_alert()
    do("ww.useful", deal.id)  # type: ignore[operator]
    do("ww.not_relevant", f"{simplified.id}|a repeat of last week's deal")  # type: ignore[operator]
    do("ww.useful", kw.id)  # type: ignore[operator]  # no event: nothing to label
    do("ww.useful", pt.id)  # type: ignore[operator]
    do("ww.useful", pt.id, "U0BO")  # type: ignore[operator]
    text = to_jsonl(corpus_rows(store.verdicts()))
    rows = [json.loads(line) for line in text.splitlines()]
    assert text.endswith("\n") and len(rows) == 3
    for row in rows:
        assert tuple(row) == CORPUS_KEYS
        assert row["origin"] == "feedback" and row["lang"] in ("en", "zh-Hans", "zh-Hant")
        assert row["label"] in ("bd_deal", "price_target", "mortgage_print", "none")
        if row["label"] != "none":
            assert set(row["fields"]) <= set(FIELD_NAMES[row["label"]]) | {"extra"}
    by_id = {r["id"]: r for r in rows}
    useful = by_id[f"feedback-{deal.id}"]
    assert (useful["label"], useful["lang"], useful["fields"]["upfront"]) == ("bd_deal", "zh-Hant", 100_000_000)
    assert useful["source"] == "https://news.test/1 (etnet, 2024-10-08)" and "useful (u0ana: useful)" in useful["note"]
    wrong = by_id[f"feedback-{simplified.id}"]
    assert (wrong["label"], wrong["fields"], wrong["lang"]) == ("none", {}, "zh-Hans")
    assert "a repeat of last week's deal" in wrong["note"] and "fired as bd_deal" in wrong["note"]
    target = by_id[f"feedback-{pt.id}"]
    assert target["fields"] == {k: pt.fields.get(k) for k in FIELD_NAMES["price_target"]}  # `history` left out
    assert target["lang"] == "en" and "u0bo: useful" in target["note"]


@pytest.mark.skipif(not SHARED_CORPUS.exists(), reason="the shared corpus is not beside the project")
def test_export_lines_have_the_shared_corpus_keys(press: tuple[SqliteStore, object]) -> None:
    store, do = press
    do("ww.useful", deal_alert().id)  # type: ignore[operator]
    (row,) = corpus_rows(store.verdicts())
    first = json.loads(SHARED_CORPUS.read_text(encoding="utf-8").splitlines()[0])
    assert list(row) == list(first)


def test_a_changed_mind_counts_once_and_withdrawn_verdicts_not_at_all(press: tuple[SqliteStore, object]) -> None:
    store, do = press
    deal = deal_alert()
    do("ww.not_relevant", deal.id)  # type: ignore[operator]
    do("ww.useful", deal.id)  # type: ignore[operator]  # the same reader, later: replaces it
    assert [v.verdict for v in latest_by_reader(store.verdicts())] == ["useful"]
    do("ww.undo", deal.id)  # type: ignore[operator]
    assert latest_by_reader(store.verdicts()) == [] and corpus_rows(store.verdicts()) == []


def test_disputed_alerts_are_left_out_unless_the_latest_should_win(press: tuple[SqliteStore, object]) -> None:
    store, do = press
    deal = deal_alert()
    do("ww.useful", deal.id)  # type: ignore[operator]
    do("ww.not_relevant", f"{deal.id}|not a deal", "U0BO")  # type: ignore[operator]
    (j,) = judged(store.verdicts())
    assert j.outcome == "disputed"
    assert corpus_rows(store.verdicts()) == []
    (row,) = corpus_rows(store.verdicts(), latest_wins=True)
    assert row["label"] == "none" and row["note"].startswith("disputed, latest verdict kept")


def test_stats_per_rule_and_event_type_over_a_period(press: tuple[SqliteStore, object]) -> None:
    store, do = press
    deal, other, kw, pt = deal_alert(), deal_alert(2), keyword_alert(), target_alert()
    do("ww.useful", deal.id)  # type: ignore[operator]  # at T0
    do("ww.not_relevant", other.id)  # type: ignore[operator]  # T0 + 60
    do("ww.mute.7d", kw.id)  # type: ignore[operator]  # T0 + 120
    do("ww.useful", pt.id)  # type: ignore[operator]  # T0 + 180
    do("ww.not_relevant", pt.id, "U0BO")  # type: ignore[operator]  # T0 + 240: disputed
    by_rule = {t.key: t for t in stats(store.verdicts())}
    assert (by_rule["bd-deal"].useful, by_rule["bd-deal"].not_relevant, by_rule["bd-deal"].precision) == (1, 1, 0.5)
    assert (by_rule["layoffs"].muted, by_rule["layoffs"].precision) == (1, None)
    assert by_rule["price-targets"].disputed == 1
    by_event = {t.key: t for t in stats(store.verdicts(), by="event")}
    assert set(by_event) == {"bd_deal", "keyword", "price_target"}
    early = {t.key: t for t in stats(store.verdicts(), since=T0, until=T0 + 60)}
    assert list(early) == ["bd-deal"] and early["bd-deal"].precision == 1.0
    table = format_stats(stats(store.verdicts()))
    assert table.splitlines()[0].split() == ["rule", "useful", "not", "relevant", "disputed", "muted", "precision"]
    assert "50%" in table


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Pfizer licenses a drug", "en"), ("石药集团签订授权", "zh-Hans"), ("石藥集團簽訂授權", "zh-Hant")],
)
def test_language_tags(text: str, lang: str) -> None:
    assert lang_of(text) == lang
