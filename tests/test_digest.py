"""Routing, digests and budgets against a real store and the loopback Slack server: low-severity routes and
channels over budget collect into one digest message per channel per period, critical alerts go straight
through, digests are made once; and the `wirewatch alerts` command (list, CSV, dead letters, retry)."""

from __future__ import annotations

import csv
import dataclasses
import io
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from collectors.item import Item
from notifier.routing import Budget, Pacer, Route, Router, digest_due, window_start
from notifier.slack import SlackNotifier
from store.base import Store
from store.records import Alert, alert_id
from store.redis_store import RedisStore
from store.sqlite_store import SqliteStore
from tests.conftest import run_cli
from tests.servers.slack import SlackServer, block_problems
from wirewatch.delivery import DeliverySettings, Outbox
from wirewatch.recorder import AlertRecorder, RecordSettings

HOUR = 3600.0


class Clock:
    def __init__(self) -> None:
        self.now = window_start(time.time(), HOUR) + 60  # a minute into an hour: the digest is not due yet

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        s: Store = SqliteStore(tmp_path / "w.db")
    else:
        s = RedisStore(request.getfixturevalue("redis_url"), prefix=request.getfixturevalue("redis_prefix"))
    yield s
    s.close()


def make(n: int, severity: str, created: float, rule: str = "kw", **kw: Any) -> Alert:
    item = Item(id=f"i{n}", source="wire", title=f"Story {n}", link=f"https://news.test/{n}")
    return Alert(alert_id("wire", item.id, rule), rule, item, severity=severity, created_at=created - 1, **kw)


def setup(store: Store, server: SlackServer, clock: Clock, **settings: Any) -> tuple[Outbox, SlackNotifier]:
    server.channels.update({"#a", "#b", "#deals"})
    router = settings.pop("router", Router())
    notifier = SlackNotifier(server.token, "#a", server.base_url, max_retries=0)
    opts: dict[str, Any] = {"retry_base": 0.01, "retry_cap": 0.05, "router": router, **settings}
    return Outbox(store, {"slack": notifier}, DeliverySettings(**opts), clock=clock), notifier


def record(outbox: Outbox, alert: Alert) -> None:
    """Record time with the outbox's one router: it picks the channel now and the delivery mode at send time."""
    recorder = AlertRecorder(outbox.store, outbox.notifiers, RecordSettings(router=outbox.settings.router))
    prepared, targets = recorder.prepare(alert, alert.created_at)
    assert outbox.store.add_alert(prepared, targets)


def top_level(server: SlackServer) -> list[Any]:
    return [m for m in server.posted() if not m.thread_ts]


def test_digest_route_sends_one_message_per_channel_per_period(store: Store, slack_server: SlackServer) -> None:
    clock = Clock()
    router = Router((Route(severities=("low", "info"), delivery="digest"), Route(rules=("deal-*",), channel="#b")))
    outbox, _ = setup(store, slack_server, clock, router=router)
    for n in range(5):
        record(outbox, make(n, "low", clock.now))
    for n in range(5, 8):
        record(outbox, make(n, "low", clock.now, rule="deal-x"))  # first route wins: digest, default channel
    record(outbox, make(9, "high", clock.now))
    record(outbox, make(10, "info", clock.now, rule="deal-y", channel="#b"))  # the rule's own channel

    stats = outbox.run()
    assert (stats.sent, stats.held) == (1, 9)
    assert [m.text for m in slack_server.posted()] == ["[HIGH] Story 9 (https://news.test/9)"]
    assert outbox.build_digests() == 0, "the hour is not over yet"

    clock.now += HOUR
    assert outbox.build_digests() == 2
    assert outbox.build_digests() == 0, "made once"
    outbox.run()
    digests = [m for m in slack_server.posted() if m.text.startswith("Digest")]
    assert sorted(m.text for m in digests) == ["Digest for #a: 8 alerts", "Digest for #b: 1 alerts"]
    assert all(block_problems(m.blocks) == [] for m in digests)
    [for_a] = [m for m in digests if m.channel == "#a"]
    body = "\n".join(b["text"]["text"] for b in for_a.blocks if b.get("text"))
    assert all(f"Story {n}" in body for n in range(8))
    held = store.deliveries_in("held")
    assert held == []
    d = store.deliveries(make(0, "low", 0).id)[0]
    assert d.status == "digested" and d.ref is not None
    assert [x.status for x in store.deliveries(d.ref)] == ["sent"]
    assert not outbox.run() and outbox.build_digests() == 0


def test_budget_overflow_waits_for_the_digest_and_critical_goes_straight_through(
    store: Store, slack_server: SlackServer
) -> None:
    clock = Clock()
    outbox, _ = setup(store, slack_server, clock, budget=Budget(3, HOUR))
    for n in range(6):
        record(outbox, make(n, "medium", clock.now))
    for n in range(6, 8):
        record(outbox, make(n, "critical", clock.now))
    stats = outbox.run()
    assert (stats.sent, stats.held) == (5, 3)
    texts = [m.text for m in slack_server.posted()]
    assert sum(t.startswith("[CRITICAL]") for t in texts) == 2
    assert sum(t.startswith("[MEDIUM]") for t in texts) == 3
    assert {d.last_error for d in store.deliveries_in("held")} == {"over budget (3 per h)"}

    clock.now += HOUR  # a new hour: a fresh budget, and the digest of the last one
    record(outbox, make(20, "medium", clock.now))
    assert outbox.build_digests() == 1
    stats = outbox.run()
    assert stats.sent == 2
    assert [m.text for m in slack_server.posted()[-2:]] == [
        "[MEDIUM] Story 20 (https://news.test/20)",  # recorded just before the digest was made
        "Digest for #a: 3 alerts",
    ]


def test_a_reply_to_a_digested_alert_joins_the_next_digest(store: Store, slack_server: SlackServer) -> None:
    clock = Clock()
    router = Router((Route(severities=("low",), delivery="digest"),))
    outbox, _ = setup(store, slack_server, clock, router=router)
    first = make(1, "low", clock.now, event="bd_deal", fields={"licensor": "A", "licensee": "B", "asset": "X1"})
    record(outbox, first)
    again = make(2, "low", clock.now, event="bd_deal", fields={"licensor": "A", "licensee": "B", "asset": "X-1"})
    again = dataclasses.replace(again, item=Item(id="i2", source="other", title="Story 2 again"))
    record(outbox, again)
    outbox.run()
    assert slack_server.posted() == []
    clock.now += HOUR
    assert outbox.build_digests() == 1
    outbox.run()
    [digest] = slack_server.posted()
    body = "\n".join(b["text"]["text"] for b in digest.blocks if b.get("text"))
    assert "B licenses X-1 from A · other · `kw` (also reported)" in body, "the digest line is the card's headline"


def test_two_workers_building_the_same_digest_make_one(store: Store, slack_server: SlackServer) -> None:
    clock = Clock()
    router = Router((Route(delivery="digest"),))
    a, _ = setup(store, slack_server, clock, router=router)
    b, _ = setup(store, slack_server, clock, router=router)
    for n in range(4):
        record(a, make(n, "medium", clock.now))
    a.run()
    clock.now += HOUR
    assert a.build_digests() + b.build_digests() == 1
    a.run()
    b.run()
    assert [m.text for m in slack_server.posted()] == ["Digest for #a: 4 alerts"]


def test_pure_timing_rules() -> None:
    assert digest_due(3600 * 10 + 5, 3600 * 11 - 1, HOUR) is False
    assert digest_due(3600 * 10 + 5, 3600 * 11, HOUR) is True
    t = [0.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        t[0] += s

    pacer = Pacer(rate=1.0, burst=2, clock=lambda: t[0], sleep=sleep)
    for _ in range(5):
        pacer.wait("slack:#a")
    pacer.wait("slack:#b")
    pacer.wait("console")
    assert slept == pytest.approx([1.0, 1.0, 1.0]), "two at once, then one a second; other targets unaffected"
    assert Budget(None).applies(make(1, "low", 0), "slack:#a", True) is False
    assert Budget(5).applies(make(1, "critical", 0), "slack:#a", True) is False
    assert Budget(5).applies(make(1, "low", 0, thread_of="x"), "slack:#a", True) is False
    assert Budget(5).applies(make(1, "low", 0), "slack:#a", False) is False
    assert Budget(5).applies(make(1, "low", 0), "slack:#a", True) is True


# --- the `alerts` command ---------------------------------------------------------------------------------------


@pytest.mark.system
def test_alerts_command_lists_exports_and_retries_dead_letters(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text(f"store: sqlite:///{db}\nsources: []\n")
    now = time.time()
    store = SqliteStore(db)
    try:
        sent, dead, waiting = (make(n, "high", now - 100 + n, event="bd_deal") for n in range(3))
        for a in (sent, dead, waiting):
            store.add_alert(a, ["slack:#deals"])
        store.mark_sent(sent.id, "slack:#deals", "1700000000.000100", now)
        store.mark_failed(dead.id, "slack:#deals", "slack: channel_not_found", now)
    finally:
        store.close()

    r = run_cli("alerts", "--config", str(cfg), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["TIME", "ID", "RULES", "EVENT", "CHANNEL", "STATE", "TITLE"]
    assert len(lines) == 4  # newest first
    assert waiting.id[:10] in lines[1] and "  pending  Story 2" in lines[1]
    assert dead.id[:10] in lines[2] and "  failed (slack: channel_not_found)  Story 1" in lines[2]
    assert sent.id[:10] in lines[3] and "  sent  Story 0" in lines[3]
    assert all("slack:#deals" in line and "bd_deal" in line for line in lines[1:])

    r = run_cli("alerts", "--csv", "--config", str(cfg), cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [row["status"] for row in rows] == ["pending", "failed", "sent"]
    assert rows[2]["ref"] == "1700000000.000100" and rows[1]["error"] == "slack: channel_not_found"
    assert rows[0]["alert_id"] == waiting.id and rows[0]["event"] == "bd_deal" and rows[0]["channel"] == "slack:#deals"

    r = run_cli("alerts", "--failed", "--config", str(cfg), cwd=tmp_path)
    assert dead.id[:10] in r.stdout and sent.id[:10] not in r.stdout

    r = run_cli("alerts", "--retry", "ffffffff", "--config", str(cfg), cwd=tmp_path)
    assert r.returncode == 2 and "no dead letter" in r.stderr  # an unknown id is a usage error
    r = run_cli("alerts", "--retry", dead.id[:8], "--config", str(cfg), cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.startswith("1 deliveries queued again")
    r = run_cli("alerts", "--failed", "--config", str(cfg), cwd=tmp_path)
    assert r.stdout.strip() == "no dead letters"
    store = SqliteStore(db)
    try:
        [d] = store.deliveries(dead.id)
        assert (d.status, d.attempts) == ("pending", 0)
        store.mark_failed(dead.id, "slack:#deals", "slack: invalid_auth", now)
    finally:
        store.close()
    r = run_cli("alerts", "--retry", "all", "--config", str(cfg), cwd=tmp_path)
    assert r.stdout.startswith("1 deliveries queued again")


@pytest.mark.system
def test_routes_in_the_config_are_validated_with_their_place(tmp_path: Path) -> None:
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text("sources: []\nnotify:\n  routes:\n    - severity: [urgent]\n      delivery: later\n")
    r = run_cli("validate", "--config", str(cfg), cwd=tmp_path)
    assert r.returncode != 0
    assert f"{cfg}:4:" in r.stdout + r.stderr and f"{cfg}:5:" in r.stdout + r.stderr
