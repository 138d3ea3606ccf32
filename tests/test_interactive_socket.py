"""Socket Mode end to end: slack-sdk's SocketModeClient against a loopback server speaking Slack's side
(`apps.connections.open`, `hello`, `interactive` envelopes, acks, disconnects), writing to a real store —
SQLite and redis-server — where a second handle, another replica, sees the silence at once."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from notifier.interactive.access import AccessPolicy, AccessRules
from notifier.silences import labels_of, matching
from store.base import Store
from store.redis_store import RedisStore
from store.sqlite_store import SqliteStore
from tests.interactive_payloads import TEAM, block_actions, deal_alert
from tests.servers.slack import wait_for
from tests.servers.slack_socket import SocketModeServer
from wirewatch.interactive.handler import ActionHandler
from wirewatch.interactive.socket_receiver import SocketReceiver

APP_TOKEN = "xapp-1-A0WIREWATCH-1-7f3c9e"


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("redis", id="redis", marks=pytest.mark.redis),
    ]
)
def replicas(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    if request.param == "sqlite":
        a: Store = SqliteStore(tmp_path / "wirewatch.db")
        b: Store = SqliteStore(tmp_path / "wirewatch.db")
    else:
        url: str = request.getfixturevalue("redis_url")
        prefix: str = request.getfixturevalue("redis_prefix")
        a, b = RedisStore(url, prefix=prefix), RedisStore(url, prefix=prefix)
    a.add_alert(deal_alert(), [])
    yield a, b
    a.close()
    b.close()


@pytest.fixture
def slack() -> Iterator[SocketModeServer]:
    server = SocketModeServer(app_token=APP_TOKEN).start()
    yield server
    server.stop()


@pytest.fixture
def connect(slack: SocketModeServer) -> Iterator[Callable[[Store], SocketReceiver]]:
    started: list[SocketReceiver] = []

    def make(store: Store) -> SocketReceiver:
        handler = ActionHandler(store, AccessPolicy(AccessRules(TEAM)))
        receiver = SocketReceiver(handler, APP_TOKEN, base_url=slack.base_url, ping_interval=0.5, retry_cap=1)
        started.append(receiver.start())
        assert wait_for(lambda: receiver.connected, 15), "no Socket Mode connection"
        return receiver

    yield make
    for r in started:
        r.stop()


def now() -> float:
    return time.time()


def test_a_mute_press_creates_a_silence_the_other_replica_obeys(
    replicas: tuple[Store, Store], slack: SocketModeServer, connect: Callable[[Store], SocketReceiver]
) -> None:
    a, b = replicas
    alert = deal_alert()
    connect(a)
    assert slack.wait_sessions(1)
    envelope = slack.send_interactive(block_actions("ww.mute.7d", f"{alert.id}|licensee"))
    assert slack.wait_ack(envelope), "envelope not acknowledged"
    (silence,) = b.silences(now())
    assert [str(m) for m in silence.matchers] == ['event="bd_deal"', 'party="AstraZeneca"']
    assert silence.author == "ana" and silence.origin == alert.id
    assert 7 * 86400 - 60 < silence.ends_at - now() <= 7 * 86400
    # the next deal with AstraZeneca, recorded by replica B, is silenced by it
    nxt = deal_alert(2, fields={"licensor": "Harbour BioMed", "licensee": "ASTRAZENECA PLC"})
    assert matching(labels_of(nxt), b.silences(now()), now()) == silence
    (verdict,) = b.verdicts()
    assert (verdict.verdict, verdict.silence_id, verdict.title) == ("muted", silence.id, alert.item.title)


def test_a_redelivered_envelope_creates_one_silence(
    replicas: tuple[Store, Store], slack: SocketModeServer, connect: Callable[[Store], SocketReceiver]
) -> None:
    a, b = replicas
    connect(a)
    payload = block_actions("ww.mute.1d", deal_alert().id)
    envelope = slack.send_interactive(payload)
    assert slack.wait_ack(envelope)
    slack.send_interactive(payload, envelope_id=envelope)  # Slack retries the same envelope
    assert slack.wait_ack(envelope, count=2)
    # … and after a reconnect, the same press in a new envelope
    slack.drop()
    assert wait_for(lambda: slack.opened >= 2 and len(slack.sessions()) == 1, 15)
    again = slack.send_interactive(payload)
    assert slack.wait_ack(again)
    assert len(b.silences()) == 1 and len(b.verdicts()) == 1


def test_two_replicas_receiving_the_same_press_make_one_silence(
    replicas: tuple[Store, Store], slack: SocketModeServer, connect: Callable[[Store], SocketReceiver]
) -> None:
    a, b = replicas
    connect(a)
    connect(b)
    assert slack.wait_sessions(2)
    first, second = slack.sessions()[:2]
    payload = block_actions("ww.mute.30d", f"{deal_alert().id}|licensor")
    e1 = slack.send_interactive(payload, session=first)
    e2 = slack.send_interactive(payload, session=second)
    assert slack.wait_ack(e1) and slack.wait_ack(e2)
    (silence,) = a.silences(now())
    assert b.silences(now()) == [silence]
    assert len(a.verdicts()) == 1


def test_after_a_drop_or_a_disconnect_message_the_client_reconnects_and_acts(
    replicas: tuple[Store, Store], slack: SocketModeServer, connect: Callable[[Store], SocketReceiver]
) -> None:
    a, b = replicas
    connect(a)
    slack.drop()
    assert wait_for(lambda: slack.opened >= 2 and len(slack.sessions()) == 1, 15), "no reconnect after a drop"
    slack.ask_to_reconnect()
    assert wait_for(lambda: slack.opened >= 3 and len(slack.sessions()) == 1, 15), "no reconnect when asked"
    envelope = slack.send_interactive(block_actions("ww.useful", deal_alert().id))
    assert slack.wait_ack(envelope)
    assert [v.verdict for v in b.verdicts()] == ["useful"]


def test_the_first_connection_is_retried(
    replicas: tuple[Store, Store], slack: SocketModeServer, connect: Callable[[Store], SocketReceiver]
) -> None:
    slack.open_errors = ["internal_error", "service_unavailable"]
    connect(replicas[0])
    assert slack.opened == 1 and not slack.open_errors


def test_undo_ends_the_silence_early_and_it_stays_listed(
    replicas: tuple[Store, Store], slack: SocketModeServer, connect: Callable[[Store], SocketReceiver]
) -> None:
    a, b = replicas
    alert = deal_alert()
    connect(a)
    muted = slack.send_interactive(block_actions("ww.mute_rule.7d", alert.id))
    assert slack.wait_ack(muted)
    (silence,) = b.silences(now())
    undo = slack.send_interactive(block_actions("ww.undo", f"{alert.id}|{silence.id}", user="U0BO", username="bo"))
    assert slack.wait_ack(undo)
    assert b.silences(now()) == []
    (listed,) = b.silences()
    assert listed.id == silence.id and listed.expired_by == "bo" and listed.state(now()) == "expired"
    assert matching(labels_of(alert), b.silences(now()), now()) is None
    assert [v.verdict for v in b.verdicts()] == ["muted", "withdrawn"]


def test_bad_envelopes_change_nothing_and_are_logged(
    replicas: tuple[Store, Store],
    slack: SocketModeServer,
    connect: Callable[[Store], SocketReceiver],
    caplog: pytest.LogCaptureFixture,
) -> None:
    a, b = replicas
    alert = deal_alert()
    connect(a)
    with caplog.at_level(logging.INFO):
        unknown = slack.send_interactive(block_actions("ww.delete_everything", alert.id))
        slack.send_raw('{"envelope_id": "e-broken", "type": "interactive", "payload": {"type": "block_act')
        not_ours = slack.send_interactive({"type": "shortcut", "callback_id": "x"})
        other_team = slack.send_interactive(block_actions("ww.mute.7d", alert.id, team="T0ELSEWHERE"))
        bad_span = slack.send_interactive(block_actions("ww.mute", f"{alert.id}|forever", menu=True))
        for e in (unknown, not_ours, other_team, bad_span):
            assert slack.wait_ack(e), "a bad envelope is still acknowledged (a retry would not fix it)"
    assert b.silences() == [] and b.verdicts() == []
    assert "unknown action id 'ww.delete_everything'" in caplog.text
    assert "interaction type 'shortcut' is not handled" in caplog.text
    assert "workspace T0ELSEWHERE is not the configured one" in caplog.text
    assert "mute span 'forever'" in caplog.text
    assert slack.acked("e-broken") == 0
    assert APP_TOKEN not in caplog.text


def test_a_store_outage_leaves_the_envelope_unacknowledged(
    slack: SocketModeServer, connect: Callable[[Store], SocketReceiver]
) -> None:
    store = RedisStore("redis://127.0.0.1:1/0", prefix="wwtest-down")  # nothing listens on port 1
    connect(store)
    envelope = slack.send_interactive(block_actions("ww.useful", deal_alert().id))
    assert not slack.wait_ack(envelope, timeout=2)
    store.close()


def test_a_bot_token_is_refused_for_socket_mode(tmp_path: Path) -> None:
    handler = ActionHandler(SqliteStore(tmp_path / "w.db"), AccessPolicy(AccessRules(TEAM)))
    with pytest.raises(ValueError, match="app-level token"):
        SocketReceiver(handler, "xoxb-not-an-app-token")
