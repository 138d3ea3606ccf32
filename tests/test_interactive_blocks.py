"""The buttons a card carries and the receipt after a press: every element, pressed, decodes into the
intent it promises and plans on a real alert; Block Kit's limits hold."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from notifier.interactive.access import AccessPolicy, AccessRules
from notifier.interactive.actions import MuteEntity, NotRelevant, Useful, Why, decode
from notifier.interactive.blocks import actions_block, receipt_block, reply_text
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


def test_the_receipt_replaces_the_buttons_with_an_undo_that_works(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "w.db")
    alert: Alert = deal_alert()
    store.add_alert(alert, [])
    handler = ActionHandler(store, AccessPolicy(AccessRules(TEAM)), clock=lambda: NOW)
    (muted,) = handler.handle(block_actions("ww.mute", f"{alert.id}|7d|licensee", menu=True))
    receipt = receipt_block(muted)
    assert receipt is not None and not block_problems([receipt])
    assert receipt["text"]["text"] == "Muted AstraZeneca for 7 d by <@U0ANA>"
    undo = receipt["accessory"]
    (undone,) = handler.handle(block_actions(undo["action_id"], undo["value"]))
    assert undone.status == "done" and store.silences(NOW + 1) == []
    after = receipt_block(undone)
    assert after is not None and after["type"] == "context" and "Unmuted by <@U0ANA>" in json.dumps(after)
    (why,) = handler.handle(block_actions("ww.why", alert.id))
    assert receipt_block(why) is None
    (refused,) = handler.handle(block_actions("ww.useful", alert.id, team="T0OTHER"))
    assert receipt_block(refused) is None and reply_text(refused).startswith("Not done: workspace T0OTHER")
    store.close()


def test_names_are_escaped_for_mrkdwn(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "w.db")
    alert = deal_alert(fields={"licensor": "<!channel> & Co", "licensee": "AZ"})
    store.add_alert(alert, [])
    handler = ActionHandler(store, AccessPolicy(AccessRules(TEAM)), clock=lambda: NOW)
    (muted,) = handler.handle(block_actions("ww.mute.1d", alert.id))
    receipt = receipt_block(muted)
    assert receipt is not None and "&lt;!channel&gt; &amp; Co" in receipt["text"]["text"]
    store.close()
