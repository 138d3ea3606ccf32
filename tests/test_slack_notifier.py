"""SlackNotifier against the loopback Slack Web API server: posts, slack-sdk retries, permanent errors, and
the token never leaking into outcomes or logs."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from collectors.item import Item
from notifier.card import card_for
from notifier.slack import METADATA_EVENT, SlackNotifier
from store.records import Alert
from tests.conftest import free_port
from tests.servers.slack import Fault, SlackServer

CHANNEL = "#market-signals"
TARGET = f"slack:{CHANNEL}"
WRONG_TOKEN = "xoxb-9999-wrong-SECRET-token"


def make_alert(n: int = 1, **item: str) -> Alert:
    fields = {
        "id": f"item-{n}",
        "source": "en-wire",
        "title": f"Biogen licenses bispecific antibody #{n}",
        "summary": "Biogen signed an exclusive license agreement.",
        "link": f"https://news.test/bd-{n}",
        **item,
    }
    return Alert(
        id=f"{n:032x}",
        rule="bd-license",
        item=Item(**fields),
        event="bd_deal",
        severity="high",
        matched=("license agreement",),
        fields={"upfront": "$80 million"},
    )


def notifier_for(server: SlackServer, **kw: object) -> SlackNotifier:
    args: dict[str, object] = {"token": server.token, "channel": CHANNEL, "base_url": server.base_url}
    args.update({"retry_backoff": 0.01, **kw})  # slack-sdk's waits between retried reads: short, same count
    return SlackNotifier(**args)  # type: ignore[arg-type]


def post_calls(server: SlackServer) -> int:
    return sum(1 for method, _ in server.calls if method == "chat.postMessage")


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.DEBUG)
    yield caplog


def assert_no_secret(secret: str, outcome_error: str | None, caplog: pytest.LogCaptureFixture) -> None:
    assert outcome_error
    assert secret not in outcome_error
    # slack-sdk logs every request at DEBUG: make sure we really captured its output before trusting absence.
    assert any(r.name.startswith("slack_sdk") for r in caplog.records)
    assert secret not in caplog.text
    for r in caplog.records:
        assert secret not in r.getMessage()
        if r.exc_text:
            assert secret not in r.exc_text


# --- success ----------------------------------------------------------------------------------------------


def test_post_lands_with_fallback_blocks_and_metadata(slack_server: SlackServer) -> None:
    alert = make_alert()
    notifier = notifier_for(slack_server)
    outcome = notifier.send(alert, TARGET)

    assert outcome.ok
    assert not outcome.permanent
    assert outcome.error is None
    [msg] = slack_server.posted()
    assert outcome.ref == msg.ts
    assert msg.channel == CHANNEL
    card = card_for(alert)  # the bd_deal card: the extracted fields, then the source and rule
    assert msg.text == card.text
    assert "[HIGH]" in msg.text
    assert alert.item.title in msg.text
    assert msg.blocks == card.blocks
    assert msg.metadata == {
        "event_type": METADATA_EVENT,
        "event_payload": {"alert_id": alert.id, "rule": "bd-license"},
    }
    assert METADATA_EVENT == "wirewatch_alert"
    assert msg.raw["unfurl_links"] is False

    # A later reconciliation can find what Slack accepted by the alert id in the metadata.
    history = notifier.client.conversations_history(channel=CHANNEL, include_all_metadata=True)
    [entry] = history["messages"]
    assert entry["ts"] == outcome.ref
    assert entry["metadata"]["event_payload"]["alert_id"] == alert.id


def test_target_channel_and_sub_second_timeout_are_honoured(slack_server: SlackServer) -> None:
    slack_server.channels.add("#deals")
    # int(0.5) == 0 made every socket non-blocking: each post failed with EINPROGRESS.
    notifier = notifier_for(slack_server, timeout=0.5, max_retries=0)
    outcome = notifier.send(make_alert(), "slack:#deals")
    assert outcome.ok, outcome.error
    assert [m.channel for m in slack_server.posted()] == ["#deals"]


def test_extreme_alert_is_accepted_by_slack(slack_server: SlackServer) -> None:
    big = "授權 & <b> 😀 " * 2000
    alert = make_alert(title=big, summary=big)
    outcome = notifier_for(slack_server).send(alert, TARGET)
    assert outcome.ok, outcome.error
    assert len(slack_server.posted()) == 1


# --- retries inside slack-sdk -----------------------------------------------------------------------------


def test_rate_limit_is_retried_after_retry_after_and_posts_once(slack_server: SlackServer) -> None:
    slack_server.plan(Fault(status=429, retry_after=1))
    outcome = notifier_for(slack_server).send(make_alert(), TARGET)
    assert outcome.ok, outcome.error
    assert len(slack_server.posted()) == 1
    assert post_calls(slack_server) == 2
    assert outcome.ref == slack_server.posted()[0].ts


def test_two_server_errors_then_success_posts_once(slack_server: SlackServer) -> None:
    slack_server.plan(Fault(status=500), Fault(status=500))
    outcome = notifier_for(slack_server).send(make_alert(), TARGET)  # default: 3 retries
    assert outcome.ok, outcome.error
    assert len(slack_server.posted()) == 1
    # A 500 on a post is never blindly re-posted: the channel's history is read first (a read that meets
    # the second 500 is simply retried: reads are safe to repeat), then the post goes out again, once.
    assert post_calls(slack_server) == 2
    methods = [m for m, _ in slack_server.calls]
    first, second = (i for i, m in enumerate(methods) if m == "chat.postMessage")
    assert "conversations.history" in methods[first:second]


def test_persistent_server_error_is_retryable(slack_server: SlackServer, debug_logs: pytest.LogCaptureFixture) -> None:
    slack_server.plan(*[Fault(status=500)] * 3)  # more faults than the one retry allowed
    notifier = notifier_for(slack_server, max_retries=1)
    outcome = notifier.send(make_alert(), TARGET)

    assert not outcome.ok
    assert not outcome.permanent
    assert outcome.in_doubt, "unknown whether the post landed: the outbox reconciles before sending again"
    assert "internal_error" in (outcome.error or "")
    assert slack_server.posted() == []
    assert post_calls(slack_server) == 1, "no re-post while the history could not be read"
    assert_no_secret(slack_server.token, outcome.error, debug_logs)

    # Nothing sticky: once Slack recovers the same notifier posts.
    slack_server.faults.clear()
    assert notifier.send(make_alert(), TARGET).ok


def test_post_that_landed_but_lost_its_reply_is_not_duplicated(slack_server: SlackServer) -> None:
    slack_server.plan(Fault(accept_then_fail=True))
    notifier_for(slack_server, max_retries=1).send(make_alert(), TARGET)
    assert len(slack_server.posted()) == 1


# --- permanent errors -------------------------------------------------------------------------------------


def test_invalid_token_and_unknown_channel_are_permanent_and_never_leak(
    slack_server: SlackServer, debug_logs: pytest.LogCaptureFixture
) -> None:
    outcome = notifier_for(slack_server, token=WRONG_TOKEN).send(make_alert(), TARGET)
    assert not outcome.ok
    assert outcome.permanent
    assert outcome.error == "slack: invalid_auth"
    assert post_calls(slack_server) == 1  # not retried
    assert_no_secret(WRONG_TOKEN, outcome.error, debug_logs)

    debug_logs.clear()
    outcome = notifier_for(slack_server, channel="#nope").send(make_alert(), "slack:#nope")
    assert not outcome.ok
    assert outcome.permanent
    assert outcome.error == "slack: channel_not_found"
    assert post_calls(slack_server) == 2
    assert_no_secret(slack_server.token, outcome.error, debug_logs)

    assert slack_server.posted() == []


def test_api_errors_are_classified(slack_server: SlackServer) -> None:
    notifier = notifier_for(slack_server, max_retries=0)
    cases = [
        (Fault(error="channel_not_found"), True, "channel_not_found"),
        (Fault(error="is_archived"), True, "is_archived"),
        (Fault(error="token_revoked"), True, "token_revoked"),
        (Fault(error="invalid_blocks"), True, "invalid_blocks"),
        (Fault(error="fatal_error"), False, "fatal_error"),  # unknown code: maybe transient
        (Fault(status=429, retry_after=1), False, "ratelimited"),  # retries exhausted (none allowed)
        (Fault(status=503), False, "internal_error"),
    ]
    for fault, permanent, code in cases:
        slack_server.plan(fault)
        outcome = notifier.send(make_alert(), TARGET)
        assert not outcome.ok, code
        assert outcome.permanent is permanent, code
        assert outcome.error == f"slack: {code}"
    assert slack_server.posted() == []


# --- transport failure ------------------------------------------------------------------------------------


def test_connection_refused_is_retryable_without_the_token(debug_logs: pytest.LogCaptureFixture) -> None:
    token = "xoxb-1111-closed-port-SECRET"
    base_url = f"http://127.0.0.1:{free_port()}/api/"  # bound then released: nothing listens there
    outcome = SlackNotifier(token=token, channel=CHANNEL, base_url=base_url, max_retries=0).send(make_alert(), TARGET)

    assert not outcome.ok
    assert not outcome.permanent
    assert outcome.error and outcome.error.startswith("slack: ")
    assert "refused" in outcome.error.lower()
    assert_no_secret(token, outcome.error, debug_logs)
