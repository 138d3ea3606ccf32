"""The HTTP interactivity endpoint end to end: signed posts as Slack sends them act on a real store (SQLite and
redis-server, seen at once by a second handle); unsigned, mis-signed, tampered, stale and oversized posts
change nothing and are logged without the secret; bad payloads get a clear 400."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from notifier.interactive.access import AccessPolicy, AccessRules
from notifier.interactive.signing import RequestVerifier
from notifier.silences import labels_of, matching
from store.base import Store
from store.redis_store import RedisStore
from store.sqlite_store import SqliteStore
from tests.interactive_payloads import TEAM, block_actions, deal_alert
from tests.servers.slack_signing import form_body, post, signature, signed_post, unsigned_post
from wirewatch.interactive.handler import ActionHandler
from wirewatch.interactive.http_receiver import HttpReceiver

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


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
def endpoint(replicas: tuple[Store, Store]) -> Iterator[HttpReceiver]:
    handler = ActionHandler(replicas[0], AccessPolicy(AccessRules(TEAM)))
    receiver = HttpReceiver(handler, RequestVerifier(SECRET), max_body=64 * 1024).start()
    yield receiver
    receiver.stop()


def nothing_changed(store: Store) -> bool:
    return store.silences() == [] and store.verdicts() == []


def test_a_signed_mute_creates_a_silence_the_other_replica_obeys(
    replicas: tuple[Store, Store], endpoint: HttpReceiver
) -> None:
    _, b = replicas
    alert = deal_alert()
    status, _ = signed_post(endpoint.url, block_actions("ww.mute.7d", f"{alert.id}|licensor"), SECRET)
    assert status == 200
    (silence,) = b.silences(time.time())
    assert [str(m) for m in silence.matchers] == ['event="bd_deal"', 'party="石藥集團"']
    nxt = deal_alert(3, fields={"licensor": "石药集团", "licensee": "Novartis"})
    assert matching(labels_of(nxt), b.silences(time.time()), time.time()) == silence


def test_a_retried_post_creates_one_silence(replicas: tuple[Store, Store], endpoint: HttpReceiver) -> None:
    _, b = replicas
    body = form_body(block_actions("ww.mute.1d", deal_alert().id))
    assert signed_post(endpoint.url, {}, SECRET, body=body)[0] == 200
    assert signed_post(endpoint.url, {}, SECRET, body=body)[0] == 200  # Slack's retry, signed anew
    assert len(b.silences()) == 1 and len(b.verdicts()) == 1


def test_undo_over_http(replicas: tuple[Store, Store], endpoint: HttpReceiver) -> None:
    _, b = replicas
    alert = deal_alert()
    signed_post(endpoint.url, block_actions("ww.mute_rule.30d", alert.id), SECRET)
    (silence,) = b.silences(time.time())
    assert signed_post(endpoint.url, block_actions("ww.undo", f"{alert.id}|{silence.id}"), SECRET)[0] == 200
    assert b.silences(time.time()) == []
    assert [s.id for s in b.silences()] == [silence.id]


@pytest.mark.parametrize(
    ("send", "reason"),
    [
        (lambda url, p: unsigned_post(url, p), "unsigned request"),
        (lambda url, p: signed_post(url, p, "not-the-secret"), "bad signature"),
        (lambda url, p: signed_post(url, p, SECRET, tamper=True), "bad signature"),
        (lambda url, p: signed_post(url, p, SECRET, age=301), "stale timestamp (30"),
        (lambda url, p: signed_post(url, p, SECRET, age=-400), "in the future"),
    ],
)
def test_unsigned_mis_signed_and_stale_posts_change_nothing_and_are_logged(
    replicas: tuple[Store, Store], endpoint: HttpReceiver, caplog: pytest.LogCaptureFixture, send: object, reason: str
) -> None:
    payload = block_actions("ww.mute.30d", deal_alert().id)
    with caplog.at_level(logging.WARNING, "wirewatch.interactive"):
        status, _ = send(endpoint.url, payload)  # type: ignore[operator]
    assert status == 401
    assert nothing_changed(replicas[1])
    assert "refused interactivity request from 127.0.0.1: " in caplog.text and reason in caplog.text
    assert SECRET not in caplog.text


def test_a_malformed_timestamp_or_version_is_refused(replicas: tuple[Store, Store], endpoint: HttpReceiver) -> None:
    body = form_body(block_actions("ww.useful", deal_alert().id))
    stamp = str(int(time.time()))
    assert post(endpoint.url, body, {"X-Slack-Request-Timestamp": "12ab", "X-Slack-Signature": "v0=00"})[0] == 401
    v1 = signature(SECRET, stamp, body).replace("v0=", "v1=")
    assert post(endpoint.url, body, {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": v1})[0] == 401
    assert nothing_changed(replicas[1])


def test_an_oversized_body_is_refused_unread(
    replicas: tuple[Store, Store], endpoint: HttpReceiver, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, "wirewatch.interactive"):
        status, _ = signed_post(endpoint.url, {}, SECRET, body=b"payload=" + b"x" * (64 * 1024))
    assert status == 413 and "over 65536" in caplog.text
    assert nothing_changed(replicas[1])


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ('{"type": "block_actions", "actions": [', "payload is not valid JSON"),
        (block_actions("ww.shred", "x" * 32), "unknown action id 'ww.shred'"),
        (block_actions("ww.mute.7d", ""), "its value has no alert id"),
        ({"type": "block_actions"}, "no user id"),
    ],
)
def test_signed_but_bad_payloads_get_a_clear_400(
    replicas: tuple[Store, Store], endpoint: HttpReceiver, payload: object, message: str
) -> None:
    status, text = signed_post(endpoint.url, payload, SECRET)  # type: ignore[arg-type]
    assert (status, text.strip()) == (400, text.strip()) and message in text
    assert "\n" not in text.strip()
    assert nothing_changed(replicas[1])


def test_wrong_path_and_method(endpoint: HttpReceiver) -> None:
    base = endpoint.url.removesuffix(endpoint.path)
    assert signed_post(base + "/other", block_actions("ww.useful", "a" * 32), SECRET)[0] == 404
    host, port = endpoint.address
    with socket.create_connection((host, port), timeout=5) as s:
        s.sendall(b"GET /slack/actions HTTP/1.1\r\nHost: x\r\n\r\n")
        assert b" 405 " in s.recv(200)


def test_a_store_outage_answers_503_so_the_reader_can_press_again(tmp_path: Path) -> None:
    store = RedisStore("redis://127.0.0.1:1/0", prefix="wwtest-down")
    receiver = HttpReceiver(ActionHandler(store, AccessPolicy(AccessRules(TEAM))), RequestVerifier(SECRET)).start()
    try:
        assert signed_post(receiver.url, block_actions("ww.useful", deal_alert().id), SECRET)[0] == 503
    finally:
        receiver.stop()
        store.close()
