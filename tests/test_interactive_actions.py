"""Reader actions, the pure parts and the handler on a real SQLite store: the action-id contract, clear errors
for anything else, deterministic ids (a redelivery writes nothing new), access rules, undo."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_sdk import WebClient

from notifier.interactive.access import AccessPolicy, AccessRules, slack_group_members
from notifier.interactive.actions import (
    Action,
    ActionError,
    MuteEntity,
    MuteRule,
    NotRelevant,
    OpenLink,
    Undo,
    Useful,
    Why,
    decode,
    parse_form,
    parse_json,
)
from notifier.interactive.effects import plan
from notifier.interactive.outcome import Outcome
from notifier.silences import labels_of, matching
from store.sqlite_store import SqliteStore
from tests.interactive_payloads import CHANNEL, MESSAGE_TS, TEAM, block_actions, deal_alert, reason_submission
from tests.servers.slack import SlackServer
from tests.servers.slack_signing import form_body
from wirewatch.interactive.handler import ActionHandler

NOW = 1_700_000_500.0
A = deal_alert().id


def one(payload: dict[str, object]) -> Action:
    (action,) = decode(payload)
    return action


# --- decoding: the action-id contract ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action_id", "value", "menu", "intent"),
    [
        ("ww.mute.1d", A, False, MuteEntity("1d")),
        ("ww.mute.7d", f"{A}|licensee", False, MuteEntity("7d", "licensee")),
        ("ww.mute.30d#licensor", f"{A}|licensor", False, MuteEntity("30d", "licensor")),
        ("ww.mute", f"{A}|7d|licensee", True, MuteEntity("7d", "licensee")),
        ("ww.mute", f"{A}|1d", True, MuteEntity("1d")),
        ("ww.mute_rule.30d", A, False, MuteRule("30d")),
        ("ww.mute_rule", A, False, MuteRule("7d")),
        ("ww.mute_rule", f"{A}|1d", True, MuteRule("1d")),
        ("ww.not_relevant", A, False, NotRelevant("")),
        ("ww.not_relevant", f"{A}|not a deal:   a round-up", True, NotRelevant("not a deal: a round-up")),
        ("ww.useful", A, False, Useful()),
        ("ww.why", A, False, Why()),
        ("ww.undo", A, False, Undo()),
        ("ww.undo", f"{A}|0123456789abcdef", False, Undo("0123456789abcdef")),
        ("ww.link#read", "https://news.test/1", False, OpenLink()),
    ],
)
def test_the_action_id_contract(action_id: str, value: str, menu: bool, intent: object) -> None:
    action = one(block_actions(action_id, value, menu=menu))
    assert action.intent == intent
    if not isinstance(intent, OpenLink):
        assert action.alert_id == A
    assert (action.actor.user_id, action.actor.team_id, action.actor.name) == ("U0ANA", TEAM, "ana")
    assert (action.where.channel_id, action.where.message_ts) == (CHANNEL, MESSAGE_TS)
    assert action.where.response_url and action.where.trigger_id


@pytest.mark.parametrize(
    ("action_id", "value", "message"),
    [
        ("ww.explode", A, "unknown action id 'ww.explode'"),
        ("other.app", A, "unknown action id 'other.app'"),
        ("ww.useful.7d", A, "unknown action id 'ww.useful.7d'"),
        ("ww.mute.2d", A, "mute span '2d' is not one of 1d, 7d, 30d"),
        ("ww.mute", A, "needs a span"),
        ("ww.mute.7d", "", "no alert id"),
        ("ww.mute.7d", None, "no alert id"),
        ("ww.mute.7d", f"{A}|licensee|extra", "too many parts"),
        ("ww.useful", "<script>", "is not an alert id"),
        ("ww.undo", f"{A}|not a silence!", "is not a silence id"),
    ],
)
def test_bad_actions_are_clear_errors(action_id: str, value: str | None, message: str) -> None:
    with pytest.raises(ActionError) as err:
        decode(block_actions(action_id, value))
    assert message in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda p: p.update(type="message_action"), "interaction type 'message_action' is not handled"),
        (lambda p: p.update(actions=[]), "has no actions"),
        (lambda p: p.update(actions=["x"]), "not an object"),
        (lambda p: p["actions"][0].pop("action_id"), "no action_id"),
        (lambda p: p["actions"][0].pop("action_ts"), "no action_ts"),
        (lambda p: p.update(user={}), "no user id"),
        (lambda p: (p.update(team=None), p["user"].pop("team_id")), "no team id"),
    ],
)
def test_malformed_payloads_are_clear_errors(mutate: object, message: str) -> None:
    payload = block_actions("ww.useful", A)
    mutate(payload)  # type: ignore[operator]
    with pytest.raises(ActionError, match=message):
        decode(payload)


def test_json_and_form_errors() -> None:
    with pytest.raises(ActionError, match="not valid JSON"):
        parse_json('{"type": "block_actions",')
    with pytest.raises(ActionError, match="not a JSON object"):
        parse_json("[1, 2]")
    with pytest.raises(ActionError, match="no `payload` field"):
        parse_form(b"token=x")
    with pytest.raises(ActionError, match="not UTF-8"):
        parse_form(b"payload=\xff\xfe")
    assert parse_form(form_body(block_actions("ww.useful", A)))["type"] == "block_actions"


def test_a_modal_reason_decodes_as_not_relevant() -> None:
    action = one(reason_submission(A, "  old news,\n already covered "))
    assert action.intent == NotRelevant("old news, already covered")
    assert action.alert_id == A and action.where.message_ts == MESSAGE_TS
    other = reason_submission(A, "x")
    other["view"]["callback_id"] = "someone.else"  # type: ignore[index]
    with pytest.raises(ActionError, match="not one of ours"):
        decode(other)


def test_the_idempotency_key_is_per_press() -> None:
    payload = block_actions("ww.mute.7d", A, ts="1700000100.000001")
    assert one(payload).key == one(payload).key  # a redelivery
    assert one(block_actions("ww.mute.7d", A, ts="1700000100.000002")).key != one(payload).key  # a second press
    assert one(block_actions("ww.mute.7d", A, ts="1700000100.000001", user="U0BO")).key != one(payload).key


# --- planning --------------------------------------------------------------------------------------------------------------


def test_a_mute_plans_a_silence_and_a_muted_verdict_with_ids_from_the_press() -> None:
    alert = deal_alert()
    action = one(block_actions("ww.mute.7d", f"{alert.id}|licensee"))
    effects = plan(action, alert, NOW)
    s, v = effects.silence, effects.verdict
    assert s is not None and v is not None
    assert plan(action, alert, NOW) == effects  # a redelivery plans the very same records
    assert (s.starts_at, s.ends_at, s.author, s.author_id, s.origin) == (NOW, NOW + 7 * 86400, "ana", "U0ANA", alert.id)
    assert [str(m) for m in s.matchers] == ['event="bd_deal"', 'party="AstraZeneca"']
    assert (v.verdict, v.silence_id, v.title, v.fields["upfront"], v.channel) == (
        "muted",
        s.id,
        alert.item.title,
        100_000_000,
        CHANNEL,
    )
    assert effects.summary == "Muted AstraZeneca for 7 d"


# --- the handler on a real store ----------------------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    s = SqliteStore(tmp_path / "wirewatch.db")
    s.add_alert(deal_alert(), [])
    yield s
    s.close()


def handler_for(store: SqliteStore, **rules: object) -> tuple[ActionHandler, list[Outcome]]:
    seen: list[Outcome] = []
    policy = AccessPolicy(AccessRules(TEAM, **rules))  # type: ignore[arg-type]
    ticks = iter(range(1_000_000))
    return ActionHandler(store, policy, clock=lambda: NOW + next(ticks), on_outcome=seen.append), seen


def test_a_press_delivered_twice_writes_once(store: SqliteStore) -> None:
    handler, seen = handler_for(store)
    payload = block_actions("ww.mute.30d", f"{A}|licensor")
    (first,) = handler.handle(payload)
    (again,) = handler.handle(payload)
    assert (first.status, again.status) == ("done", "duplicate")
    assert again.silence == first.silence
    assert len(store.silences()) == 1 and len(store.verdicts()) == 1
    assert [o.status for o in seen] == ["done", "duplicate"]
    later = deal_alert(2, fields={"licensor": "Merck", "licensee": "石药集团"})  # the other side, Simplified
    assert matching(labels_of(later), store.silences(NOW), NOW) == first.silence


def test_undo_expires_the_silence_and_withdraws_the_verdict(store: SqliteStore) -> None:
    handler, _ = handler_for(store)
    (muted,) = handler.handle(block_actions("ww.mute_rule.1d", A))
    assert muted.silence is not None
    (undone,) = handler.handle(block_actions("ww.undo", f"{A}|{muted.silence.id}", username="bo"))
    assert (undone.status, undone.expired, undone.message) == ("done", muted.silence.id, "Unmuted")
    ended = store.get_silence(muted.silence.id)
    assert ended is not None and (ended.expired_at, ended.expired_by) == (NOW + 1, "bo")  # the second tick
    assert store.silences(NOW + 1) == [] and store.silences() == [ended]
    assert [v.verdict for v in store.verdicts()] == ["muted", "withdrawn"]


def test_undo_of_someone_elses_silence_or_an_unknown_one_fails_and_changes_nothing(store: SqliteStore) -> None:
    handler, _ = handler_for(store)
    other = deal_alert(2)
    store.add_alert(other, [])
    (muted,) = handler.handle(block_actions("ww.mute.1d", other.id))
    assert muted.silence is not None
    before = (store.silences(), store.verdicts())
    (wrong,) = handler.handle(block_actions("ww.undo", f"{A}|{muted.silence.id}"))
    (missing,) = handler.handle(block_actions("ww.undo", f"{A}|ffffffffffffffff"))
    assert (wrong.status, missing.status) == ("failed", "failed")
    assert "was not made from alert" in wrong.message and "does not exist" in missing.message
    assert (store.silences(), store.verdicts()) == before


def test_feedback_presses_record_verdicts(store: SqliteStore) -> None:
    handler, _ = handler_for(store)
    handler.handle(block_actions("ww.useful", A))
    handler.handle(block_actions("ww.not_relevant", f"{A}|wrong company", user="U0BO", username="bo"))
    handler.handle(reason_submission(A, "a round-up, not one deal", user="U0CY"))
    (why,) = handler.handle(block_actions("ww.why", A))
    assert why.status == "done" and why.message == "Why this alert fired"
    got = [(v.verdict, v.user_id, v.reason) for v in store.verdicts()]
    assert got == [
        ("useful", "U0ANA", ""),
        ("not_relevant", "U0BO", "wrong company"),
        ("not_relevant", "U0CY", "a round-up, not one deal"),
    ]
    assert store.silences() == []


def test_unknown_alerts_and_unavailable_choices_fail_cleanly(
    store: SqliteStore, caplog: pytest.LogCaptureFixture
) -> None:
    handler, _ = handler_for(store)
    with caplog.at_level(logging.WARNING, "wirewatch.interactive"):
        (unknown,) = handler.handle(block_actions("ww.mute.7d", "f" * 32))
        (choice,) = handler.handle(block_actions("ww.mute.7d", f"{A}|ticker_broker"))
    assert unknown.status == "failed" and "not in the store" in unknown.message
    assert choice.status == "failed" and "nothing to mute as 'ticker_broker'" in choice.message
    assert store.silences() == [] and store.verdicts() == []
    assert "not in the store" in caplog.text


def test_bad_payloads_raise_before_anything_is_written(store: SqliteStore) -> None:
    handler, seen = handler_for(store)
    with pytest.raises(ActionError, match="mute span 'forever' is not one of"):
        handler.handle(block_actions("ww.mute.forever", A))
    with pytest.raises(ActionError, match="unknown action id"):
        handler.handle(block_actions("ww.delete", A))
    assert store.silences() == [] and store.verdicts() == [] and seen == []


def test_link_buttons_are_ignored(store: SqliteStore) -> None:
    handler, seen = handler_for(store)
    (o,) = handler.handle(block_actions("ww.link", "https://news.test/1"))
    assert o.status == "ignored" and seen == [] and store.verdicts() == []


# --- access -------------------------------------------------------------------------------------------------------------------


def test_another_workspace_is_refused(store: SqliteStore) -> None:
    handler, _ = handler_for(store)
    (o,) = handler.handle(block_actions("ww.mute.7d", A, team="T0ELSEWHERE"))
    assert o.status == "refused" and "workspace T0ELSEWHERE" in o.message
    assert store.silences() == [] and store.verdicts() == []


def test_listed_users_only(store: SqliteStore) -> None:
    handler, _ = handler_for(store, users=frozenset({"U0BO"}))
    (no,) = handler.handle(block_actions("ww.useful", A))
    (yes,) = handler.handle(block_actions("ww.useful", A, user="U0BO"))
    assert (no.status, yes.status) == ("refused", "done")
    assert [v.user_id for v in store.verdicts()] == ["U0BO"]


def test_user_groups_are_read_from_slack_and_cached(slack_server: SlackServer) -> None:
    slack_server.usergroups["S0DESK"] = ["U0ANA", "U0BO"]
    client = WebClient(token=slack_server.token, base_url=slack_server.base_url)
    clock = [0.0]
    policy = AccessPolicy(
        AccessRules(TEAM, usergroups=("S0DESK", "S0GONE")), slack_group_members(client), ttl=60, clock=lambda: clock[0]
    )
    ana, cy = one(block_actions("ww.useful", A)).actor, one(block_actions("ww.useful", A, user="U0CY")).actor
    assert policy.refusal(ana) is None
    assert policy.refusal(cy) == "user U0CY is not allowed to act on alerts"
    calls = lambda: sum(1 for m, _ in slack_server.calls if m == "usergroups.users.list")  # noqa: E731
    n = calls()
    assert policy.refusal(ana) is None and calls() == n  # cached
    slack_server.usergroups["S0DESK"] = ["U0CY"]
    clock[0] = 61
    assert policy.refusal(cy) is None and policy.refusal(ana) is not None  # refreshed after the ttl


def test_when_slack_cannot_say_the_last_known_members_hold_and_none_means_refused() -> None:
    answers: list[object] = [["U0ANA"], RuntimeError("usergroups.users.list: ratelimited")]

    def members(group: str) -> list[str]:
        a = answers.pop(0) if answers else RuntimeError("down")
        if isinstance(a, Exception):
            raise a
        return a  # type: ignore[return-value]

    clock = [0.0]
    policy = AccessPolicy(AccessRules(TEAM, usergroups=("S0DESK",)), members, ttl=10, clock=lambda: clock[0])
    ana = one(block_actions("ww.useful", A)).actor
    assert policy.refusal(ana) is None
    clock[0] = 20
    assert policy.refusal(ana) is None  # Slack failed: the last list holds
    fresh = AccessPolicy(AccessRules(TEAM, usergroups=("S0DESK",)), lambda g: (_ for _ in ()).throw(RuntimeError("x")))
    assert fresh.refusal(ana) is not None  # nothing known: refused


def test_pressing_mute_again_while_it_holds_keeps_one_silence_but_after_undo_mutes_anew(store: SqliteStore) -> None:
    handler, _ = handler_for(store)
    (first,) = handler.handle(block_actions("ww.mute.7d", A))
    (second,) = handler.handle(block_actions("ww.mute.7d", A))  # a second press (a new action_ts)
    assert (first.status, second.status) == ("done", "duplicate") and second.silence == first.silence
    (shorter,) = handler.handle(block_actions("ww.mute.1d", A))  # covered by the 7 days that hold
    assert shorter.status == "duplicate"
    (longer,) = handler.handle(block_actions("ww.mute.30d", A))  # asks for more: a new silence
    assert longer.status == "done" and len(store.silences()) == 2
    (by_bo,) = handler.handle(block_actions("ww.mute.7d", A, user="U0BO", username="bo"))  # another reader's own
    assert by_bo.status == "done" and len(store.silences()) == 3
    assert first.silence is not None
    handler.handle(block_actions("ww.undo", f"{A}|{first.silence.id}"))
    (again,) = handler.handle(block_actions("ww.mute.7d", A))
    assert again.status == "duplicate" and again.silence == longer.silence  # the 30 days still hold
    assert longer.silence is not None
    handler.handle(block_actions("ww.undo", f"{A}|{longer.silence.id}"))
    (fresh,) = handler.handle(block_actions("ww.mute.7d", A))
    assert fresh.status == "done" and len(store.silences()) == 4
