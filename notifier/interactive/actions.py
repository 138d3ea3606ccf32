"""Slack interaction payloads → what a reader asked for. Pure: no I/O, nothing changes here.

The action-id contract (the cards' buttons and the receivers agree on it; see `docs/slack-app-manifest.yaml`):

    action_id                 value (a button's `value`, or a menu's `selected_option.value`)
    ww.mute.1d|7d|30d         <alert id>[|<choice>]          mute the key entity (`notifier.mute_targets`)
    ww.mute                   <alert id>|<span>[|<choice>]   the same from a menu; span 1d, 7d or 30d
    ww.mute_rule.1d|7d|30d    <alert id>                     mute the alert's lead rule
    ww.mute_rule              <alert id>|<span>
    ww.not_relevant           <alert id>[|<reason>]          a reason from a menu, or none
    ww.useful                 <alert id>
    ww.why                    <alert id>                     explain why the rule fired (phase B replies)
    ww.undo                   <alert id>[|<silence id>]      withdraw my verdict; end that silence early
    ww.link                   anything                       a link button: acknowledged, nothing happens

An action id may end in `#<tag>` (`ww.mute.7d#licensee`): Slack wants action ids unique within a block and
the tag is ignored. A modal for a free-text reason submits as `view_submission` with `callback_id`
`ww.not_relevant` and `private_metadata` `{"alert": id, "channel": id, "ts": message ts}`; the reason is the
first text input's value.

Anything else — unknown action ids, missing fields, a value without an alert id, JSON that is not an object —
raises `ActionError` with a one-line reason, and nothing is done.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

PREFIX = "ww."
MUTE_SPANS: Mapping[str, float] = {"1d": 86400.0, "7d": 7 * 86400.0, "30d": 30 * 86400.0}
DEFAULT_RULE_SPAN = "7d"
MAX_REASON = 500
_ID = re.compile(r"[A-Za-z0-9_.:-]{1,100}")


class ActionError(ValueError):
    """A payload we do not act on, with a one-line reason (no secrets: payload tokens are never quoted)."""


# --- intents ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MuteEntity:
    span: str  # a key of MUTE_SPANS
    choice: str | None = None  # which key entity (`licensor`); None: the alert's default


@dataclass(frozen=True, slots=True)
class MuteRule:
    span: str


@dataclass(frozen=True, slots=True)
class NotRelevant:
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Useful:
    pass


@dataclass(frozen=True, slots=True)
class Why:
    pass


@dataclass(frozen=True, slots=True)
class Undo:
    silence_id: str | None = None


@dataclass(frozen=True, slots=True)
class OpenLink:
    pass


Intent = MuteEntity | MuteRule | NotRelevant | Useful | Why | Undo | OpenLink


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: str
    team_id: str
    name: str = ""  # the Slack username (for `author`), else the user id


@dataclass(frozen=True, slots=True)
class Where:
    """The card the action came from: where to `chat.update` it, and how to answer the reader."""

    channel_id: str | None = None
    message_ts: str | None = None
    response_url: str | None = None
    trigger_id: str | None = None


@dataclass(frozen=True, slots=True)
class Action:
    intent: Intent
    alert_id: str
    actor: Actor
    where: Where
    action_id: str  # as sent, tag included
    value: str
    action_ts: str  # Slack's time of this press: a redelivery carries the same one, a second press does not

    @property
    def key(self) -> str:
        """Idempotency key: the same press delivered twice (retry, reconnect, another replica) has one key,
        so what it makes is stored once; a second press is a new key."""
        parts = (
            self.actor.team_id,
            self.actor.user_id,
            self.action_id,
            self.value,
            self.where.message_ts or "",
            self.action_ts,
        )
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    @property
    def verb(self) -> str:
        return base_id(self.action_id)


# --- decoding ---------------------------------------------------------------------------------------------------


def parse_form(body: bytes) -> dict[str, Any]:
    """An HTTP interactivity request (`payload=<json>`, form-encoded) → the payload object."""
    try:
        form = parse_qs(body.decode("utf-8"), strict_parsing=False)
    except UnicodeDecodeError:
        raise ActionError("request body is not UTF-8") from None
    raw = form.get("payload")
    if not raw:
        raise ActionError("request has no `payload` field")
    return parse_json(raw[0])


def parse_json(text: str | bytes) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ActionError(f"payload is not valid JSON ({exc.msg} at {exc.pos})") from None
    except (ValueError, TypeError):
        raise ActionError("payload is not valid JSON") from None
    if not isinstance(data, dict):
        raise ActionError("payload is not a JSON object")
    return data


def base_id(action_id: str) -> str:
    return action_id.split("#", 1)[0]


def decode(payload: Mapping[str, Any]) -> tuple[Action, ...]:
    """The actions in one interaction payload (`block_actions` or a `view_submission` of our modal)."""
    kind = payload.get("type")
    if kind == "block_actions":
        return _block_actions(payload)
    if kind == "view_submission":
        return (_view_submission(payload),)
    raise ActionError(f"interaction type {kind!r} is not handled (expected block_actions)")


def _str(data: Any, *path: str) -> str | None:
    for key in path:
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)
    return data if isinstance(data, str) and data else None


def _actor(payload: Mapping[str, Any]) -> Actor:
    user_id = _str(payload, "user", "id")
    if user_id is None:
        raise ActionError("payload has no user id")
    team_id = _str(payload, "team", "id") or _str(payload, "user", "team_id")
    if team_id is None:
        raise ActionError("payload has no team id")
    name = _str(payload, "user", "username") or _str(payload, "user", "name") or user_id
    return Actor(user_id=user_id, team_id=team_id, name=name)


def _block_actions(payload: Mapping[str, Any]) -> tuple[Action, ...]:
    actor = _actor(payload)
    where = Where(
        channel_id=_str(payload, "container", "channel_id") or _str(payload, "channel", "id"),
        message_ts=_str(payload, "container", "message_ts") or _str(payload, "message", "ts"),
        response_url=_str(payload, "response_url"),
        trigger_id=_str(payload, "trigger_id"),
    )
    actions = payload.get("actions")
    if not isinstance(actions, list) or not actions:
        raise ActionError("block_actions payload has no actions")
    return tuple(_one(a, actor, where) for a in actions)


def _one(element: Any, actor: Actor, where: Where) -> Action:
    if not isinstance(element, Mapping):
        raise ActionError("an action is not an object")
    action_id = _str(element, "action_id")
    if action_id is None:
        raise ActionError("an action has no action_id")
    value = _str(element, "value") or _str(element, "selected_option", "value") or ""
    action_ts = _str(element, "action_ts") or ""
    verb = base_id(action_id)
    if verb == "ww.link":
        return Action(OpenLink(), "", actor, where, action_id, value, action_ts)
    if not verb.startswith(PREFIX):
        raise ActionError(f"unknown action id {action_id!r}")
    if not action_ts:
        raise ActionError(f"action {action_id!r} has no action_ts")
    alert_id, args = _split_value(action_id, value)
    return Action(_intent(verb, action_id, args), alert_id, actor, where, action_id, value, action_ts)


def _split_value(action_id: str, value: str) -> tuple[str, list[str]]:
    alert_id, *args = value.split("|")
    if not alert_id:
        raise ActionError(f"action {action_id!r}: its value has no alert id")
    if not _ID.fullmatch(alert_id):
        raise ActionError(f"action {action_id!r}: {alert_id[:40]!r} is not an alert id")
    return alert_id, args


def _span(action_id: str, span: str) -> str:
    if span not in MUTE_SPANS:
        raise ActionError(f"action {action_id!r}: mute span {span!r} is not one of {', '.join(MUTE_SPANS)}")
    return span


def _at_most(action_id: str, args: list[str], n: int) -> None:
    if len(args) > n:
        raise ActionError(f"action {action_id!r}: too many parts in its value")


def _intent(verb: str, action_id: str, args: list[str]) -> Intent:
    head, _, suffix = verb.removeprefix(PREFIX).partition(".")
    if head == "mute":
        if suffix:
            _at_most(action_id, args, 1)
            return MuteEntity(_span(action_id, suffix), args[0] if args and args[0] else None)
        if not args:
            raise ActionError(f"action {action_id!r}: its value needs a span, like <alert id>|7d")
        _at_most(action_id, args, 2)
        choice = args[1] if len(args) > 1 and args[1] else None
        return MuteEntity(_span(action_id, args[0]), choice)
    if head == "mute_rule":
        _at_most(action_id, args, 0 if suffix else 1)
        span = suffix or (args[0] if args else DEFAULT_RULE_SPAN)
        return MuteRule(_span(action_id, span))
    if suffix:
        raise ActionError(f"unknown action id {action_id!r}")
    if head == "not_relevant":
        _at_most(action_id, args, 1)
        return NotRelevant(_reason(args[0] if args else ""))
    if head == "useful":
        _at_most(action_id, args, 0)
        return Useful()
    if head == "why":
        _at_most(action_id, args, 0)
        return Why()
    if head == "undo":
        _at_most(action_id, args, 1)
        silence = args[0] if args and args[0] else None
        if silence is not None and not _ID.fullmatch(silence):
            raise ActionError(f"action {action_id!r}: {silence[:40]!r} is not a silence id")
        return Undo(silence)
    raise ActionError(f"unknown action id {action_id!r}")


def _reason(text: str) -> str:
    return " ".join(text.split())[:MAX_REASON]


def _view_submission(payload: Mapping[str, Any]) -> Action:
    view = payload.get("view")
    if not isinstance(view, Mapping) or _str(view, "callback_id") != "ww.not_relevant":
        raise ActionError(f"view {_str(view, 'callback_id')!r} is not one of ours")
    meta = parse_json(_str(view, "private_metadata") or "null")
    alert_id = _str(meta, "alert")
    if alert_id is None or not _ID.fullmatch(alert_id):
        raise ActionError("view ww.not_relevant: private_metadata has no alert id")
    reason = ""
    values = (view.get("state") or {}).get("values") if isinstance(view.get("state"), Mapping) else None
    if isinstance(values, Mapping):
        for block in values.values():
            if isinstance(block, Mapping):
                texts = [_str(el, "value") for el in block.values()]
                reason = next((t for t in texts if t), reason)
            if reason:
                break
    where = Where(channel_id=_str(meta, "channel"), message_ts=_str(meta, "ts"))
    stamp = (_str(view, "id") or "") + ":" + (_str(view, "hash") or "")
    return Action(NotRelevant(_reason(reason)), alert_id, _actor(payload), where, "ww.not_relevant", alert_id, stamp)
