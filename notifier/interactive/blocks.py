"""The Block Kit side of the action-id contract: the buttons a card carries, and what replaces them after a press.
Pure; written next to `actions.py` (which decodes them) so the two cannot drift — a test presses every element
this module makes and checks what `decode` gets.

Phase B appends `actions_block(alert)` to every card and, after a press, `chat.update`s the card with its
actions block replaced by `receipt_block(outcome)`; refused and failed presses are answered to the reader alone
with `reply_text(outcome)` (response_url, ephemeral).
"""

from __future__ import annotations

from typing import Any

from domain.alert import Alert
from notifier.interactive.actions import MUTE_SPANS, MuteEntity, MuteRule, NotRelevant, Undo, Useful
from notifier.interactive.outcome import Outcome
from notifier.mute_targets import RULE_CHOICE, mute_targets, rule_target

BLOCK_ID = "ww.actions"
SPAN_TEXT = {"1d": "for 1 day", "7d": "for 7 days", "30d": "for 30 days"}
_TEXT_MAX = 75  # Slack's limit on button, option and option-group texts


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": _clip(text), "emoji": True}


def _clip(text: str) -> str:
    return text if len(text) <= _TEXT_MAX else text[: _TEXT_MAX - 1] + "…"


def escape(text: str) -> str:
    """Slack mrkdwn: `&`, `<`, `>` are control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def button(text: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "button", "text": _plain(text), "action_id": action_id, "value": value}
    if style:
        out["style"] = style
    return out


def mute_menu(alert: Alert) -> dict[str, Any]:
    """`Mute…`: one group per key entity (and the rule), each for 1, 7 or 30 days. Value `<alert>|<span>|<choice>`."""
    targets = list(mute_targets(alert))
    if all(t.choice != RULE_CHOICE for t in targets):
        targets.append(rule_target(alert))
    groups = [
        {
            "label": _plain(t.title),
            "options": [
                {"text": _plain(SPAN_TEXT[span]), "value": f"{alert.id}|{span}|{t.choice}"} for span in MUTE_SPANS
            ],
        }
        for t in targets
    ]
    return {"type": "static_select", "placeholder": _plain("Mute…"), "action_id": "ww.mute", "option_groups": groups}


def actions_block(alert: Alert) -> dict[str, Any]:
    """The card's buttons: Useful, Not relevant, Mute… (entity or rule, 1/7/30 days), Why?"""
    return {
        "type": "actions",
        "block_id": BLOCK_ID,
        "elements": [
            button("Useful", "ww.useful", alert.id, "primary"),
            button("Not relevant", "ww.not_relevant", alert.id),
            mute_menu(alert),
            button("Why?", "ww.why", alert.id),
        ],
    }


def receipt_text(outcome: Outcome) -> str:
    """ "Muted AstraZeneca for 7 d by @ana" — what the card says instead of its buttons."""
    who = f"<@{outcome.action.actor.user_id}>"
    return f"{escape(outcome.message)} by {who}"


def receipt_block(outcome: Outcome) -> dict[str, Any] | None:
    """What replaces the actions block after a press that changed something, with an Undo where one makes
    sense; None when the card should stay as it is (why, refused, failed, ignored, or an undo itself)."""
    if outcome.status not in ("done", "duplicate") or outcome.alert is None:
        return None
    intent, alert_id = outcome.action.intent, outcome.action.alert_id
    if isinstance(intent, MuteEntity | MuteRule) and outcome.silence is not None:
        undo_value = f"{alert_id}|{outcome.silence.id}"
    elif isinstance(intent, NotRelevant | Useful):
        undo_value = alert_id
    elif isinstance(intent, Undo):
        return {"type": "context", "elements": [{"type": "mrkdwn", "text": receipt_text(outcome)}]}
    else:
        return None
    return {
        "type": "section",
        "block_id": BLOCK_ID,
        "text": {"type": "mrkdwn", "text": receipt_text(outcome)},
        "accessory": button("Undo", "ww.undo", undo_value),
    }


def reply_text(outcome: Outcome) -> str:
    """The reader's own answer (ephemeral) for a press that did nothing."""
    if outcome.status == "refused":
        return f"Not done: {outcome.message}."
    if outcome.status == "failed":
        return f"That did not work: {outcome.message}."
    if outcome.status == "duplicate":
        return "Already done."
    return outcome.message
