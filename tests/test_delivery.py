"""The delivery worker: a real SqliteStore outbox drained through the real SlackNotifier into the loopback
Slack server. Sent once and only once, retried with backoff through outages, dead-lettered when hopeless."""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from collectors.item import Item
from notifier.base import Outcome
from notifier.slack import SlackNotifier
from store.records import Alert, Delivery
from store.sqlite_store import SqliteStore
from tests.conftest import free_port
from tests.servers.slack import Fault, SlackServer
from wirewatch.delivery import deliver_due, retry_delay

CHANNEL = "#market-signals"
SLACK = f"slack:{CHANNEL}"
FAR_FUTURE = 10**12


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    s = SqliteStore(tmp_path / "wirewatch.db")
    yield s
    s.close()


def make_alert(n: int, created_at: float | None = None) -> Alert:
    return Alert(
        id=f"{n:032x}",
        rule="bd-license",
        item=Item(
            id=f"item-{n}",
            source="en-wire",
            title=f"Deal number {n}",
            summary="An exclusive license agreement.",
            link=f"https://news.test/{n}",
        ),
        event="bd_deal",
        severity="high",
        matched=("license agreement",),
        created_at=time.time() - 60 if created_at is None else created_at,
    )


def add_alerts(store: SqliteStore, count: int, targets: list[str], start: int = 0) -> list[Alert]:
    alerts = [make_alert(i) for i in range(start, start + count)]
    for a in alerts:
        assert store.add_alert(a, targets)
    return alerts


def slack(server: SlackServer, **kw: object) -> SlackNotifier:
    args: dict[str, object] = {"token": server.token, "channel": CHANNEL, "base_url": server.base_url}
    args.update({"max_retries": 0, **kw})  # the worker's own backoff is under test, not slack-sdk's
    return SlackNotifier(**args)  # type: ignore[arg-type]


def posted_ids(server: SlackServer) -> Counter[str]:
    return Counter(m.metadata["event_payload"]["alert_id"] for m in server.posted() if m.metadata)


def delivery(store: SqliteStore, alert_id: str, target: str = SLACK) -> Delivery:
    [d] = [d for d in store.deliveries(alert_id) if d.target == target]
    return d


class Exploding:
    """A notifier with a bug: every send raises."""

    kind = "boom"

    def __init__(self) -> None:
        self.calls = 0

    def targets_for(self, alert: Alert, channel: str | None = None) -> list[str]:
        return ["boom"]

    def send(self, alert: Alert, target: str) -> Outcome:
        self.calls += 1
        raise RuntimeError("kaboom")

    def close(self) -> None:
        pass


# --- the happy path and idempotence -----------------------------------------------------------------------


def test_pending_alerts_are_sent_and_marked_sent_with_ref(store: SqliteStore, slack_server: SlackServer) -> None:
    alerts = add_alerts(store, 3, [SLACK])
    stats = deliver_due(store, {"slack": slack(slack_server)})

    assert (stats.sent, stats.retried, stats.failed) == (3, 0, 0)
    ts_by_alert = {m.metadata["event_payload"]["alert_id"]: m.ts for m in slack_server.posted() if m.metadata}
    assert set(ts_by_alert) == {a.id for a in alerts}
    for a in alerts:
        d = delivery(store, a.id)
        assert d.status == "sent"
        assert d.ref == ts_by_alert[a.id]
        assert d.attempts == 1
        assert d.last_error is None
    assert store.due_deliveries(FAR_FUTURE) == []


def test_a_second_pass_never_sends_twice(store: SqliteStore, slack_server: SlackServer) -> None:
    add_alerts(store, 3, [SLACK])
    notifiers = {"slack": slack(slack_server)}
    assert deliver_due(store, notifiers).sent == 3

    again = deliver_due(store, notifiers)
    assert not again
    assert deliver_due(store, notifiers).sent == 0
    assert len(slack_server.posted()) == 3
    assert max(posted_ids(slack_server).values()) == 1

    # A re-detected alert (same deterministic id) does not re-queue anything either.
    assert store.add_alert(make_alert(0), [SLACK]) is False
    assert not deliver_due(store, notifiers)
    assert len(slack_server.posted()) == 3


def test_not_yet_created_alerts_wait(store: SqliteStore) -> None:
    future = make_alert(1, created_at=time.time() + 3600)
    store.add_alert(future, ["boom"])
    boom = Exploding()
    assert not deliver_due(store, {"boom": boom})
    assert boom.calls == 0
    assert delivery(store, future.id, "boom").status == "pending"


# --- outages ----------------------------------------------------------------------------------------------


def test_server_errors_schedule_a_retry_and_lose_nothing(store: SqliteStore, slack_server: SlackServer) -> None:
    alerts = add_alerts(store, 3, [SLACK])
    slack_server.plan(*[Fault(status=500)] * 3)
    notifiers = {"slack": slack(slack_server)}

    before = time.time()
    stats = deliver_due(store, notifiers, retry_base=10.0)
    assert (stats.sent, stats.retried, stats.failed) == (0, 3, 0)
    assert slack_server.posted() == []
    for a in alerts:
        d = delivery(store, a.id)
        assert d.status == "pending"
        assert d.attempts == 1
        assert d.last_error == "slack: internal_error"
        assert d.next_attempt > before
        assert d.next_attempt > d.updated_at

    # Not due yet: another pass leaves Slack alone; all three are still queued for later.
    calls = len(slack_server.calls)
    assert not deliver_due(store, notifiers, retry_base=10.0)
    assert len(slack_server.calls) == calls
    assert store.due_deliveries(time.time()) == []
    assert {d.alert_id for d in store.due_deliveries(FAR_FUTURE)} == {a.id for a in alerts}


def test_outage_then_recovery_sends_each_alert_exactly_once(store: SqliteStore, slack_server: SlackServer) -> None:
    alerts = add_alerts(store, 4, [SLACK])
    down = {"slack": slack(slack_server, base_url=f"http://127.0.0.1:{free_port()}/api/")}
    up = {"slack": slack(slack_server)}

    # Slack unreachable twice, then answering 500 once per alert.
    for _ in range(2):
        stats = deliver_due(store, down, retry_base=0.01, retry_cap=0.05)
        assert stats.retried == 4
        time.sleep(0.1)
    slack_server.plan(*[Fault(status=500)] * 4)
    assert deliver_due(store, up, retry_base=0.01, retry_cap=0.05).retried == 4
    for a in alerts:
        d = delivery(store, a.id)
        assert (d.status, d.attempts) == ("pending", 3)
        assert d.last_error == "slack: internal_error"
    assert slack_server.posted() == []

    time.sleep(0.1)
    stats = deliver_due(store, up, retry_base=0.01, retry_cap=0.05)
    assert (stats.sent, stats.retried, stats.failed) == (4, 0, 0)
    assert posted_ids(slack_server) == Counter({a.id: 1 for a in alerts})
    for a in alerts:
        d = delivery(store, a.id)
        assert (d.status, d.attempts, d.last_error) == ("sent", 4, None)

    time.sleep(0.1)
    assert not deliver_due(store, up, retry_base=0.01, retry_cap=0.05)
    assert len(slack_server.posted()) == 4


def test_unreachable_slack_records_an_error_without_the_token(store: SqliteStore) -> None:
    [a] = add_alerts(store, 1, [SLACK])
    token = "xoxb-2222-unreachable-SECRET"
    notifier = SlackNotifier(
        token=token, channel=CHANNEL, base_url=f"http://127.0.0.1:{free_port()}/api/", max_retries=0
    )
    assert deliver_due(store, {"slack": notifier}).retried == 1
    d = delivery(store, a.id)
    assert d.status == "pending"
    assert d.last_error and d.last_error.startswith("slack: ")
    assert token not in d.last_error


# --- dead letters -----------------------------------------------------------------------------------------


def test_channel_not_found_is_dead_lettered_and_not_retried(store: SqliteStore, slack_server: SlackServer) -> None:
    [bad] = add_alerts(store, 1, ["slack:#does-not-exist"])
    good = add_alerts(store, 2, [SLACK], start=1)
    notifiers = {"slack": slack(slack_server)}

    stats = deliver_due(store, notifiers)
    assert (stats.sent, stats.retried, stats.failed) == (2, 0, 1)
    d = delivery(store, bad.id, "slack:#does-not-exist")
    assert d.status == "failed"
    assert d.last_error == "slack: channel_not_found"
    assert d.attempts == 1
    assert all(delivery(store, a.id).status == "sent" for a in good)

    calls = len(slack_server.calls)
    assert store.due_deliveries(FAR_FUTURE) == []
    assert not deliver_due(store, notifiers)
    assert len(slack_server.calls) == calls
    assert delivery(store, bad.id, "slack:#does-not-exist").status == "failed"


def test_planned_channel_not_found_dead_letters_only_that_delivery(
    store: SqliteStore, slack_server: SlackServer
) -> None:
    alerts = add_alerts(store, 3, [SLACK])
    slack_server.plan(Fault(error="channel_not_found"))  # the first post of the pass
    stats = deliver_due(store, {"slack": slack(slack_server)})
    assert (stats.sent, stats.failed) == (2, 1)
    statuses = Counter(delivery(store, a.id).status for a in alerts)
    assert statuses == Counter({"sent": 2, "failed": 1})
    [failed] = [delivery(store, a.id) for a in alerts if delivery(store, a.id).status == "failed"]
    assert failed.last_error == "slack: channel_not_found"
    assert failed.alert_id not in posted_ids(slack_server)


# --- isolation between notifiers --------------------------------------------------------------------------


def test_a_crashing_notifier_does_not_stop_the_others(store: SqliteStore, slack_server: SlackServer) -> None:
    alerts = add_alerts(store, 3, ["boom", SLACK])
    boom = Exploding()
    stats = deliver_due(store, {"boom": boom, "slack": slack(slack_server)})

    assert boom.calls == 3
    assert (stats.sent, stats.retried, stats.failed) == (3, 3, 0)
    assert posted_ids(slack_server) == Counter({a.id: 1 for a in alerts})
    for a in alerts:
        assert delivery(store, a.id).status == "sent"
        crashed = delivery(store, a.id, "boom")
        assert crashed.status == "pending"
        assert crashed.last_error == "RuntimeError: kaboom"
        assert crashed.next_attempt > crashed.updated_at


def test_target_without_a_notifier_stays_pending_with_a_clear_error(
    store: SqliteStore, slack_server: SlackServer
) -> None:
    [a] = add_alerts(store, 1, ["pagerduty:ops", SLACK])
    stats = deliver_due(store, {"slack": slack(slack_server)})

    assert (stats.sent, stats.retried) == (1, 1)
    d = delivery(store, a.id, "pagerduty:ops")
    assert d.status == "pending"
    assert d.last_error == "no `pagerduty` notifier configured"
    assert d.next_attempt > d.updated_at
    assert [x.alert_id for x in store.due_deliveries(FAR_FUTURE)] == [a.id]
    assert delivery(store, a.id).status == "sent"


def test_a_delivery_retried_for_weeks_is_still_rescheduled(store: SqliteStore, slack_server: SlackServer) -> None:
    # Past ~1024 attempts base * 2**attempts overflowed a float: the pass crashed on the oldest delivery
    # every time, and nothing behind it in the outbox was ever sent again.
    [stuck] = add_alerts(store, 1, ["pagerduty:ops"])
    for _ in range(1100):
        store.mark_retry(stuck.id, "pagerduty:ops", "no `pagerduty` notifier configured", 0.0, 0.0)
    [fresh] = add_alerts(store, 1, [SLACK], start=1)

    stats = deliver_due(store, {"slack": slack(slack_server)}, retry_base=10.0, retry_cap=1800.0)
    assert (stats.sent, stats.retried) == (1, 1)
    d = delivery(store, stuck.id, "pagerduty:ops")
    assert d.attempts == 1101
    assert d.updated_at + 900 <= d.next_attempt <= d.updated_at + 1800
    assert delivery(store, fresh.id).status == "sent"


# --- backoff ----------------------------------------------------------------------------------------------


class FixedRandom(random.Random):
    """A real Random whose draw is pinned, to probe the ends of the jitter range."""

    def __init__(self, value: float):
        super().__init__(0)
        self.value = value

    def random(self) -> float:
        return self.value


@pytest.mark.parametrize("attempts", [0, 1, 2, 5, 7, 8, 20, 64, 1023, 1024, 5000])
@pytest.mark.parametrize("base,cap", [(10.0, 1800.0), (0.01, 0.05), (1.0, 1.0)])
def test_retry_delay_stays_between_half_and_full_capped_delay(attempts: int, base: float, cap: float) -> None:
    delay = min(cap, base * 2.0 ** min(attempts, 100))
    rng = random.Random(attempts)
    for _ in range(200):
        assert delay / 2 <= retry_delay(attempts, base, cap, rng) <= delay
    assert retry_delay(attempts, base, cap, FixedRandom(0.0)) == pytest.approx(delay / 2)
    assert retry_delay(attempts, base, cap, FixedRandom(0.999999)) == pytest.approx(delay, rel=1e-5)


def test_retry_delay_grows_then_caps() -> None:
    lows = [retry_delay(n, 10.0, 1800.0, FixedRandom(0.0)) for n in range(12)]
    assert lows[:5] == pytest.approx([5.0, 10.0, 20.0, 40.0, 80.0])
    assert lows == sorted(lows)
    assert lows[-1] == pytest.approx(900.0)


def test_retry_delay_treats_negative_attempts_as_first() -> None:
    assert retry_delay(-3, 10.0, 1800.0, FixedRandom(0.0)) == pytest.approx(5.0)
    assert retry_delay(-3, 10.0, 1800.0, FixedRandom(0.999999)) <= 10.0
