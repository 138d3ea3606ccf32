"""What a press does in Slack after it is stored (wirewatch/interactive/responder.py), against the loopback Slack
Web API: the card posted with its buttons is redrawn with `chat.update` from the store ("Muted AstraZeneca for
7 d by @ana", Undo), *Not relevant* opens the reason modal and the reason shows once given, *Why?* answers with
the words and fields that fired, and a press that did nothing is answered to the reader alone."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from domain.alert import Alert
from notifier.card import card_for
from notifier.interactive.access import AccessPolicy, AccessRules
from notifier.interactive.blocks import BLOCK_ID
from notifier.slack import SlackNotifier
from rules.files import BUNDLED_PACKS
from rules.ruleset import RuleSet, load_ruleset
from store.sqlite_store import SqliteStore
from tests.interactive_payloads import TEAM, block_actions, deal_alert, reason_submission
from tests.servers.slack import Posted, SlackServer, block_problems, wait_for
from wirewatch.interactive.handler import ActionHandler
from wirewatch.interactive.responder import SlackResponder

CHANNEL = "#market-signals"
RULES: RuleSet = load_ruleset([BUNDLED_PACKS]).ruleset()


def real_deal() -> Alert:
    """A deal card as the bundled rules make it (so *Why?* has words to show)."""
    alert = deal_alert()
    item = dataclasses.replace(
        alert.item,
        title="石藥集團與阿斯利康訂立獨家授權協議 預收1億美元",
        summary="石藥集團宣布與阿斯利康訂立獨家授權協議,將收取1億美元的預付款。",
    )
    return dataclasses.replace(alert, item=item)


@dataclasses.dataclass
class Card:
    """A card posted to the loopback Slack, and a way to press its buttons as Slack would."""

    slack: SlackServer
    handler: ActionHandler
    responder: SlackResponder
    alert: Alert
    ts: str
    channel_id: str

    def press(self, action_id: str, value: str, **kw: Any) -> None:
        payload = block_actions(action_id, value, message_ts=self.ts, **kw)
        payload["container"]["channel_id"] = self.channel_id
        payload["channel"]["id"] = self.channel_id
        self.handler.handle(payload)

    def message(self) -> Posted:
        (m,) = [m for m in self.slack.posted() if m.ts == self.ts]
        return m

    def texts(self) -> str:
        return json.dumps(self.message().blocks, ensure_ascii=False)


@pytest.fixture
def card(tmp_path: Path, slack_server: SlackServer) -> Iterator[Card]:
    store = SqliteStore(tmp_path / "w.db")
    alert = real_deal()
    store.add_alert(alert, [f"slack:{CHANNEL}"])
    bot = SlackNotifier(slack_server.token, CHANNEL, slack_server.base_url, interactive=True)
    outcome = bot.send(alert, f"slack:{CHANNEL}")
    assert outcome.ok and outcome.ref
    responder = SlackResponder(bot.client, store, lambda: RULES)
    handler = ActionHandler(store, AccessPolicy(AccessRules(TEAM)), on_outcome=responder)
    yield Card(slack_server, handler, responder, alert, outcome.ref, slack_server.channel_id(CHANNEL))
    responder.close()
    store.close()


def updated(card: Card, n: int) -> bool:
    return wait_for(lambda: len(card.slack.updates) >= n, 10)


def test_the_posted_card_carries_the_buttons_last(card: Card) -> None:
    blocks = card.message().blocks
    assert blocks[-1]["block_id"] == BLOCK_ID and blocks[-1]["type"] == "actions"
    assert blocks[:-1] == card_for(card.alert).blocks  # the content is the card every target shows


def test_a_mute_redraws_the_card_with_who_muted_what_and_an_undo_that_unmutes(card: Card) -> None:
    card.press("ww.mute", f"{card.alert.id}|7d|licensee", menu=True)
    assert updated(card, 1)
    blocks = card.message().blocks
    assert not block_problems(blocks)
    (line,) = [b for b in blocks if b.get("accessory", {}).get("action_id") == "ww.undo"]
    assert line["text"]["text"] == "Muted AstraZeneca for 7 d by <@U0ANA>"
    assert blocks[-1]["block_id"] == BLOCK_ID  # the buttons stay: other readers can still act
    assert blocks[: len(card_for(card.alert).blocks)] == card_for(card.alert).blocks
    undo = line["accessory"]
    card.press(undo["action_id"], undo["value"], user="U0BO", username="bo")
    assert updated(card, 2)
    assert "Muted" not in card.texts()
    assert card.handler.store.silences(card.handler.clock()) == []


def test_not_relevant_opens_the_reason_modal_and_the_reason_shows_once_given(card: Card) -> None:
    card.press("ww.not_relevant", card.alert.id)
    assert wait_for(lambda: len(card.slack.views) == 1 and len(card.slack.updates) == 1, 10)
    view = card.slack.views[0]["view"]
    assert view["callback_id"] == "ww.not_relevant" and view["blocks"][0]["optional"] is True
    assert ":-1: Not relevant: <@U0ANA>" in card.texts() and "Undo my feedback" in card.texts()
    meta = json.loads(view["private_metadata"])
    assert meta == {"alert": card.alert.id, "channel": card.channel_id, "ts": card.ts}
    submission = reason_submission(card.alert.id, "an old agreement, amended")
    submission["view"]["private_metadata"] = view["private_metadata"]
    card.handler.handle(submission)
    assert updated(card, 2)
    assert "Not relevant: <@U0ANA> (an old agreement, amended)" in card.texts()
    assert len(card.slack.views) == 1  # the modal is not opened again by its own submission
    card.press("ww.undo", card.alert.id)  # Undo my feedback
    assert updated(card, 3)
    assert ":-1: Not relevant" not in card.texts() and "Undo my feedback" not in card.texts()


def test_readers_feedback_adds_up_on_the_card(card: Card) -> None:
    card.press("ww.useful", card.alert.id)
    card.press("ww.useful", card.alert.id, user="U0BO", username="bo")
    card.press("ww.mute.1d", f"{card.alert.id}|licensor", user="U0CY", username="cy")
    assert updated(card, 3)
    assert wait_for(
        lambda: ":+1: Useful: <@U0ANA>, <@U0BO>" in card.texts() and "Muted 石藥集團 for 1 d" in card.texts()
    )


def test_why_answers_the_reader_with_the_words_and_fields_that_fired(card: Card) -> None:
    card.press("ww.why", card.alert.id, user="U0BO", username="bo")
    assert wait_for(lambda: len(card.slack.ephemeral) == 1, 10)
    (answer,) = card.slack.ephemeral
    assert answer["user"] == "U0BO" and answer["channel"] == CHANNEL
    text = answer["text"]
    assert "rule `bd-deal` (bd_deal)" in text and "words: " in text and "extract: `bd_deal`" in text
    assert "licensee *AstraZeneca*" in text or "licensee *阿斯利康*" in text
    assert card.slack.updates == []  # the card is not touched


def test_why_in_the_thread_when_configured(card: Card) -> None:
    card.responder.why_reply = "thread"
    card.press("ww.why", card.alert.id)
    assert wait_for(lambda: any(m.thread_ts == card.ts for m in card.slack.posted()), 10)
    (reply,) = [m for m in card.slack.posted() if m.thread_ts == card.ts]
    assert "Why this alert fired" in reply.text and card.slack.ephemeral == []


def test_a_press_that_does_nothing_is_answered_to_the_reader_alone(card: Card) -> None:
    card.press("ww.useful", card.alert.id, team="T0ELSEWHERE")
    card.press("ww.undo", f"{card.alert.id}|0123456789abcdef")
    card.press("ww.undo", card.alert.id, user="U0DAN", username="dan")  # no feedback of theirs to undo
    assert wait_for(lambda: len(card.slack.ephemeral) == 3, 10)
    texts = sorted(e["text"] for e in card.slack.ephemeral)
    assert texts == [
        "Not done: workspace T0ELSEWHERE is not the configured one.",
        "That did not work: silence 0123456789abcdef does not exist.",
        "That did not work: you have given no feedback on this alert to undo.",
    ]
    assert card.slack.updates == [] and card.handler.store.verdicts() == []


def test_a_slack_error_after_the_press_leaves_the_stored_verdict(card: Card, caplog: pytest.LogCaptureFixture) -> None:
    card.ts = "1.000000"  # a message Slack does not have: chat.update answers message_not_found
    card.press("ww.useful", card.alert.id)
    card.responder.close()
    assert "Slack said message_not_found" in caplog.text
    assert [v.verdict for v in card.handler.store.verdicts()] == ["useful"]
