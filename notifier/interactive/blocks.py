"""The Block Kit side of the action-id contract: the buttons a card carries, and what the card shows after
presses. Pure; written next to `actions.py` (which decodes them) so the two cannot drift — a test presses every
element this module makes and checks what `decode` gets.

`notifier.card.with_reader_actions` appends `actions_block(alert)` to every card; after a press the card is
`chat.update`d with its content followed by `reader_blocks(...)` (the mutes made from it, who judged it, the
buttons again); refused and failed presses are answered to the reader alone with `reply_text(outcome)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from domain.alert import Alert
from domain.judgements import Silence, Verdict
from notifier.feedback import latest_by_reader
from notifier.interactive.actions import MUTE_SPANS
from notifier.interactive.outcome import Outcome
from notifier.mute_targets import RULE_CHOICE, mute_targets, rule_target
from notifier.silences import describe

BLOCK_ID = "ww.actions"
SPAN_TEXT = {"1d": "for 1 day", "7d": "for 7 days", "30d": "for 30 days"}
_TEXT_MAX = 75  # Slack's limit on button, option and option-group texts
MAX_MUTE_LINES = 5  # the newest mutes made from one card that still hold; a card stays within 50 blocks
SECTION_MAX = 3000


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


def actions_block(alert: Alert, *, undo_feedback: bool = False) -> dict[str, Any]:
    """The card's buttons: Useful, Not relevant, Mute… (entity or rule, 1/7/30 days), Why? — and, once readers
    gave feedback, *Undo my feedback* (withdraws the presser's own verdict)."""
    elements = [
        button("Useful", "ww.useful", alert.id, "primary"),
        button("Not relevant", "ww.not_relevant", alert.id),
        mute_menu(alert),
        button("Why?", "ww.why", alert.id),
    ]
    if undo_feedback:
        elements.append(button("Undo my feedback", "ww.undo", alert.id))
    return {"type": "actions", "block_id": BLOCK_ID, "elements": elements}


def span_text(seconds: float) -> str:
    """`7 d`, `12 h`, `30 min`: how long a mute was asked for."""
    if seconds >= 86400 and seconds % 86400 < 60:
        return f"{round(seconds / 86400)} d"
    if seconds >= 3600:
        return f"{round(seconds / 3600)} h"
    return f"{max(1, round(seconds / 60))} min"


def who(user_id: str | None, name: str) -> str:
    return f"<@{user_id}>" if user_id else escape(name)


def silence_title(alert: Alert, silence: Silence) -> str:
    """How the card names what a mute made from it mutes: the entity as its button said, else the matchers."""
    for t in (*mute_targets(alert), rule_target(alert)):
        if t.matchers == silence.matchers:
            return t.title
    return describe(silence)


def mute_line(alert: Alert, silence: Silence) -> str:
    """ "Muted AstraZeneca for 7 d by @ana" (mrkdwn)."""
    span = span_text(silence.ends_at - silence.starts_at)
    return f"Muted {escape(silence_title(alert, silence))} for {span} by {who(silence.author_id, silence.author)}"


def feedback_line(verdicts: Sequence[Verdict]) -> str | None:
    """ "Useful: @ana · Not relevant: @bo (not a deal)": each reader's latest verdict, mutes left out."""
    useful = [who(v.user_id, v.user_name) for v in verdicts if v.verdict == "useful"]
    wrong = [
        who(v.user_id, v.user_name) + (f" ({escape(_clip_reason(v.reason))})" if v.reason else "")
        for v in verdicts
        if v.verdict == "not_relevant"
    ]
    parts = [f":+1: Useful: {', '.join(useful)}"] if useful else []
    parts += [f":-1: Not relevant: {', '.join(wrong)}"] if wrong else []
    return " · ".join(parts) or None


def _clip_reason(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def reader_blocks(
    alert: Alert, silences: Sequence[Silence], verdicts: Sequence[Verdict], now: float
) -> list[dict[str, Any]]:
    """What readers did with this card, drawn from the store (so whichever replica updates the card, and in
    whatever order presses arrive, the card ends up the same): a line per mute made from it that still holds,
    each with its Undo; a line of who found it useful or not relevant; then the buttons again (with *Undo my
    feedback* once there is feedback), so every reader can still act."""
    out: list[dict[str, Any]] = []
    mine = sorted(
        (s for s in silences if s.origin == alert.id and s.is_active(now)), key=lambda s: (s.created_at, s.id)
    )
    for s in mine[-MAX_MUTE_LINES:]:
        out.append(
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": mute_line(alert, s)},
                "accessory": button("Undo", "ww.undo", f"{alert.id}|{s.id}"),
            }
        )
    feedback = feedback_line([v for v in latest_by_reader(verdicts) if v.alert_id == alert.id])
    if feedback is not None:
        out.append({"type": "context", "elements": [{"type": "mrkdwn", "text": feedback[:SECTION_MAX]}]})
    out.append(actions_block(alert, undo_feedback=feedback is not None))
    return out


def reply_text(outcome: Outcome) -> str:
    """The reader's own answer (ephemeral) for a press that did nothing."""
    if outcome.status == "refused":
        return f"Not done: {outcome.message}."
    if outcome.status == "failed":
        return f"That did not work: {outcome.message}."
    if outcome.status == "duplicate":
        return "Already done."
    return outcome.message
