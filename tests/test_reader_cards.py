"""The readers' buttons on cards (notifier/card.py `with_reader_actions`) and the *Why?* answer
(wirewatch/interactive/why.py): every alert's own Slack card carries them when `notify.interactive` is on;
webhooks, the console, digests and operator notices never do; Block Kit's 50 blocks hold. *Why?* re-matches
the item with the rules running now and says which words, conditions and fields fired — or what fails now."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from domain.alert import Alert, alert_id
from domain.item import Item
from domain.kinds import DIGEST, NOTICE, SERIES_PRINT
from notifier.blocks import MAX_BLOCKS
from notifier.card import card_for, takes_actions, with_reader_actions
from notifier.cards.common import Card
from notifier.console import ConsoleNotifier
from notifier.interactive.blocks import BLOCK_ID
from notifier.slack import SlackNotifier
from notifier.webhook import WebhookNotifier
from rules.files import BUNDLED_PACKS
from rules.ruleset import load_ruleset
from tests.interactive_payloads import deal_alert
from tests.servers.slack import SlackServer, block_problems
from wirewatch.interactive.why import explain

TARGET = "slack:#market-signals"
RULES = load_ruleset([BUNDLED_PACKS]).ruleset()


def test_slack_cards_carry_the_buttons_only_when_interactive(slack_server: SlackServer) -> None:
    alert = deal_alert()
    plain = SlackNotifier(slack_server.token, "#market-signals", slack_server.base_url)
    buttons = SlackNotifier(slack_server.token, "#market-signals", slack_server.base_url, interactive=True)
    assert plain.send(alert, TARGET).ok and buttons.send(alert, TARGET).ok
    without, with_ = slack_server.posted()
    assert all(b.get("block_id") != BLOCK_ID for b in without.blocks)
    assert with_.blocks[:-1] == without.blocks and with_.blocks[-1]["block_id"] == BLOCK_ID
    assert with_.text == without.text


def test_webhook_and_console_never_show_buttons(slack_server: SlackServer, capsys: object) -> None:
    alert = deal_alert()
    assert WebhookNotifier(slack_server.webhook_url).send(alert, "webhook").ok
    (posted,) = slack_server.posted()
    assert all(b.get("type") != "actions" for b in posted.blocks)  # nothing could receive a press
    ConsoleNotifier().send(alert, "console")
    assert "Useful" not in capsys.readouterr().out  # type: ignore[attr-defined]


def test_digests_notices_and_replies_have_no_buttons() -> None:
    alert = deal_alert()
    for kind in (DIGEST, NOTICE):
        other = dataclasses.replace(alert, kind=kind)
        assert not takes_actions(other)
        assert card_for(other, actions=True) == card_for(other)
    assert takes_actions(alert) and takes_actions(dataclasses.replace(alert, event=None, kind=""))


def test_a_full_card_stays_within_fifty_blocks_with_its_buttons_last() -> None:
    alert = deal_alert()
    full = Card("text", [{"type": "divider"} for _ in range(MAX_BLOCKS)])
    blocks = with_reader_actions(full, alert).blocks
    assert len(blocks) == MAX_BLOCKS and blocks[-1]["block_id"] == BLOCK_ID and not block_problems(blocks)


def real(title: str, summary: str = "", source: str = "wire") -> Item:
    return Item(id=title[:16], source=source, title=title, summary=summary, link="https://news.test/1")


def alert_from_rules(item: Item) -> Alert:
    from rules.alerts import alerts_for

    (alert,) = alerts_for(item, RULES.keyword.match(item), 1_700_000_000.0)
    return alert


def test_why_names_the_words_conditions_and_fields_that_fired() -> None:
    alert = alert_from_rules(real("高盛首次覆蓋影石創新,給予買入評級,目標價311元"))
    text = explain(alert, RULES)
    assert text.startswith("*Why this alert fired* — 高盛首次覆蓋影石創新")
    assert "• rule `analyst-rating-change` (price_target)" in text
    assert "*目标价* (目标价, in title)" in text  # the text found (folded), the term as written, where
    assert "extract: `price_target`" in text and "target *311*" in text
    assert "Fields as recorded" not in text  # the same fields as now: said once


def test_why_says_what_fails_now_when_the_rules_changed(tmp_path: Path) -> None:
    alert = alert_from_rules(real("高盛首次覆蓋影石創新,給予買入評級,目標價311元"))
    rules = tmp_path / "r.yaml"
    rules.write_text(
        "rules:\n  - id: analyst-rating-change\n    event: price_target\n    any: [downgrade]\n"
        "  - id: other\n    any: [unrelated]\n",
        encoding="utf-8",
    )
    changed = load_ruleset([rules]).ruleset()
    text = explain(alert, changed)
    assert "rule `analyst-rating-change` would not fire with the rules running now:" in text
    assert "*Fields as recorded:* broker" in text
    gone = explain(dataclasses.replace(alert, rule="retired", rules=("retired",)), changed)
    assert "rule `retired` is no longer in the rules running now" in gone


def test_why_for_a_series_print_lists_the_rules_conditions_and_the_print() -> None:
    rule = RULES.series_rules[0]
    item = Item(id="MORTGAGE30US@2026-01-01", source="fred", title="US 30-year rate 6.1%")
    alert = Alert(
        alert_id("fred", item.id, "mortgage_print"),
        rule.id,
        item,
        event="mortgage_print",
        fields={"series": "MORTGAGE30US", "value": 6.1, "prior": 6.3},
        rules=(rule.id,),
        kind=SERIES_PRINT,
    )
    text = explain(alert, RULES)
    assert f"• series rule `{rule.id}`" in text and "conditions: " in text
    assert "*The print:* series *MORTGAGE30US*, value *6.1*, prior *6.3*" in text


def test_why_stays_within_one_section_and_escapes(tmp_path: Path) -> None:
    rules = tmp_path / "r.yaml"
    rules.write_text("rules:\n  - id: asset-watch\n    description: <watch> & see\n    any: [rpt904]\n", "utf-8")
    ruleset = load_ruleset([rules]).ruleset()
    item = real("Pfizer licenses <b>&" + " RPT904 upfront" * 400)
    from rules.alerts import alerts_for

    (alert,) = alerts_for(item, ruleset.keyword.match(item), 1_700_000_000.0)
    text = explain(alert, ruleset)
    assert len(text) <= 3000 and "<b>" not in text and "&lt;b&gt;&amp;" in text
    assert "rule `asset-watch`: &lt;watch&gt; &amp; see" in text and "and 392 more" in text
