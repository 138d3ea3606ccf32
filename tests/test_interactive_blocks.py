"""The buttons a card carries and what the card shows after presses: every element, pressed, decodes into the
intent it promises and plans on a real alert; Block Kit's limits hold."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from notifier.interactive.access import AccessPolicy, AccessRules
from notifier.interactive.actions import MuteEntity, NotRelevant, Undo, Useful, Why, decode
from notifier.interactive.blocks import actions_block, reader_blocks, reply_text, span_text
from notifier.interactive.effects import plan
from store.records import Alert
from store.sqlite_store import SqliteStore
from tests.interactive_payloads import TEAM, block_actions, deal_alert
from tests.servers.slack import block_problems
from wirewatch.interactive.handler import ActionHandler

NOW = 1_700_000_500.0


def presses(block: dict[str, Any]) -> list[dict[str, Any]]:
    """One block_actions payload per button and per menu option."""
    out = []
    for el in block["elements"]:
        if el["type"] == "button":
            out.append(block_actions(el["action_id"], el["value"]))
        else:
            for group in el["option_groups"]:
                for opt in group["options"]:
                    out.append(block_actions(el["action_id"], opt["value"], menu=True))
    return out


def limits_hold(block: dict[str, Any]) -> None:
    assert not block_problems([block]) and len(block["elements"]) <= 25
    for el in block["elements"]:
        assert len(el["action_id"]) <= 255
        if el["type"] == "button":
            assert len(el["text"]["text"]) <= 75 and len(el["value"]) <= 2000
        else:
            options = [o for g in el["option_groups"] for o in g["options"]]
            assert len(options) <= 100
            for g in el["option_groups"]:
                assert len(g["label"]["text"]) <= 75
            for o in options:
                assert len(o["text"]["text"]) <= 75 and len(o["value"]) <= 150


def test_every_element_of_a_deal_card_decodes_and_plans() -> None:
    alert = deal_alert()
    block = actions_block(alert)
    limits_hold(block)
    intents = [decode(p)[0].intent for p in presses(block)]
    assert intents[:2] == [Useful(), NotRelevant()] and intents[-1] == Why()
    mutes = intents[2:-1]
    assert mutes == [MuteEntity(s, c) for c in ("licensor", "licensee", "rule") for s in ("1d", "7d", "30d")]
    titles = [g["label"]["text"] for g in block["elements"][2]["option_groups"]]
    assert titles == ["石藥集團", "AstraZeneca", "rule bd-deal"]
    for p in presses(block):
        plan(decode(p)[0], alert, NOW)  # no SilenceError: every choice offered is available


def test_a_keyword_card_offers_its_rule_once_and_long_names_are_clipped() -> None:
    kw = dataclasses.replace(deal_alert(), event=None, fields={}, rule="r" * 120)
    block = actions_block(kw)
    limits_hold(block)
    (group,) = block["elements"][2]["option_groups"]
    assert group["label"]["text"].endswith("…")
    for p in presses(block):
        plan(decode(p)[0], kw, NOW)


def test_the_card_after_presses_shows_mutes_with_undo_and_feedback_then_the_buttons(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "w.db")
    alert: Alert = deal_alert()
    store.add_alert(alert, [])
    handler = ActionHandler(store, AccessPolicy(AccessRules(TEAM)), clock=lambda: NOW)
    (muted,) = handler.handle(block_actions("ww.mute", f"{alert.id}|7d|licensee", menu=True))
    handler.handle(block_actions("ww.not_relevant", f"{alert.id}|not a deal", user="U0BO", username="bo"))
    handler.handle(block_actions("ww.useful", alert.id, user="U0CY", username="cy"))
    blocks = reader_blocks(alert, store.silences(NOW), store.verdicts(), NOW)
    assert not block_problems(blocks)
    mute, feedback, buttons = blocks
    assert mute["text"]["text"] == "Muted AstraZeneca for 7 d by <@U0ANA>"
    assert feedback["elements"][0]["text"] == ":+1: Useful: <@U0CY> · :-1: Not relevant: <@U0BO> (not a deal)"
    assert buttons == actions_block(alert, undo_feedback=True)
    undo = mute["accessory"]
    (undone,) = handler.handle(block_actions(undo["action_id"], undo["value"]))
    assert undone.status == "done" and store.silences(NOW + 1) == []
    after = reader_blocks(alert, store.silences(NOW + 1), store.verdicts(), NOW + 1)
    assert [b["type"] for b in after] == ["context", "actions"]  # the mute line is gone; feedback stays
    (why,) = handler.handle(block_actions("ww.why", alert.id))
    assert why.status == "done" and why.message == "Why this alert fired"
    (refused,) = handler.handle(block_actions("ww.useful", alert.id, team="T0OTHER"))
    assert reply_text(refused).startswith("Not done: workspace T0OTHER")
    untouched = reader_blocks(deal_alert(2), store.silences(NOW), store.verdicts(), NOW)
    assert untouched == [actions_block(deal_alert(2))]  # another card's presses are not this card's
    assert muted.silence is not None
    store.close()


def test_undo_my_feedback_is_a_button_that_decodes_and_spans_are_shown_as_asked() -> None:
    block = actions_block(deal_alert(), undo_feedback=True)
    limits_hold(block)
    assert decode(presses(block)[-1])[0].intent == Undo(None)
    assert [span_text(s) for s in (86400, 7 * 86400, 30 * 86400, 12 * 3600, 1800)] == [
        "1 d",
        "7 d",
        "30 d",
        "12 h",
        "30 min",
    ]


def test_names_are_escaped_for_mrkdwn(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "w.db")
    alert = deal_alert(fields={"licensor": "<!channel> & Co", "licensee": "AZ"})
    store.add_alert(alert, [])
    handler = ActionHandler(store, AccessPolicy(AccessRules(TEAM)), clock=lambda: NOW)
    handler.handle(block_actions("ww.mute.1d", alert.id))
    handler.handle(block_actions("ww.not_relevant", f"{alert.id}|<!here> spam", user="U0BO"))
    blocks = reader_blocks(alert, store.silences(NOW), store.verdicts(), NOW)
    assert "&lt;!channel&gt; &amp; Co" in blocks[0]["text"]["text"]
    assert "(&lt;!here&gt; spam)" in blocks[1]["elements"][0]["text"]
    store.close()
