"""One contract for every Store backend: the same tests run against a real SQLite file and a real
redis-server, so both keep the promises made in store/base.py."""

from __future__ import annotations

import dataclasses
import socket
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis

from collectors.item import Item
from domain.alert import RuleNotify
from store.base import Store, StoreUnavailable
from store.factory import open_store
from store.records import Alert, Delivery, Observation, SourceState, alert_id
from store.redis_store import RedisStore
from store.sqlite_store import SqliteStore

T0 = 1_700_000_000.0


# --- fixtures and helpers ------------------------------------------------------------------------------


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("redis", id="redis", marks=pytest.mark.redis),
    ]
)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        s: Store = SqliteStore(tmp_path / "wirewatch.db")
    else:
        url: str = request.getfixturevalue("redis_url")
        prefix: str = request.getfixturevalue("redis_prefix")
        s = RedisStore(url, prefix=prefix)
    yield s
    s.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SqliteStore]:
    s = SqliteStore(tmp_path / "wirewatch.db")
    yield s
    s.close()


@pytest.fixture
def redis_store(redis_url: str, redis_prefix: str) -> Iterator[RedisStore]:
    s = RedisStore(redis_url, prefix=redis_prefix)
    yield s
    s.close()


def reopen(s: Store) -> Store:
    """Close `s` and open a fresh instance on the same file / same server and prefix (a restart)."""
    s.close()
    if isinstance(s, SqliteStore):
        return SqliteStore(s.path)
    assert isinstance(s, RedisStore)
    return RedisStore(s.url, prefix=s.prefix)


def make_item(n: int = 1, source: str = "news-zh", **changes: str | None) -> Item:
    item = Item(
        id=f"guid-{n}",
        source=source,
        title=f"阿斯利康6.3億美元獲得西比曼CAR-T療法權益 #{n}",
        summary="西比曼與阿斯利康簽訂獨家許可協議,首付款及里程碑付款最高6.3億美元。",
        link=f"http://news.test/zh-{n}?a=1&b=é",
        published="2025-01-02T03:04:05+00:00",
    )
    return dataclasses.replace(item, **changes)


def make_alert(n: int = 1, created_at: float = T0, rule: str = "bd-deal", **changes: object) -> Alert:
    item = make_item(n)
    alert = Alert(
        id=alert_id(item.source, item.id, rule),
        rule=rule,
        item=item,
        event="licensing",
        severity="high",
        description="授權交易 / licensing deal",
        matched=("獨家許可", "首付款", "milestone"),
        fields={
            "amount_usd": 630_000_000,
            "currency": "美元",
            "parties": ["AstraZeneca", "西比曼"],
            "x": None,
        },
        created_at=created_at,
        rules=(rule, "zh-licensing", "big-money"),
        event_key="licensing|astrazeneca|西比曼",
        thread_of="f" * 32,
        context=("largest upfront in our records since 2025-10",),
        channel="#biotech-deals",
        digest=True,
        notify=(RuleNotify(rule, "#biotech-deals", True), RuleNotify("zh-licensing"), RuleNotify("big-money", "#big")),
        derived={"amount_usd": 630_000_000.0, "licensee_en": "AstraZeneca", "levels": ["a", None]},
    )
    return dataclasses.replace(alert, **changes)


def by_target(deliveries: list[Delivery]) -> dict[str, Delivery]:
    out = {d.target: d for d in deliveries}
    assert len(out) == len(deliveries), f"duplicate targets in {deliveries}"
    return out


def due_keys(s: Store, now: float, limit: int = 100) -> list[tuple[str, str]]:
    return [(d.alert_id, d.target) for d in s.due_deliveries(now, limit=limit)]


# --- source state --------------------------------------------------------------------------------------


def test_unknown_source_state_is_none(store: Store) -> None:
    assert store.get_source_state("never-polled") is None
    assert store.list_source_states() == []


def test_source_state_round_trips_every_field(store: Store) -> None:
    state = SourceState(
        source_id="reuters-biz",
        etag='W/"abc-123"',
        last_modified="Wed, 01 Jan 2025 00:00:00 GMT",
        baseline_done=True,
        last_poll=T0 + 0.25,
        last_success=T0 - 60.5,
        last_error="HTTP 503: 服務暫停",
        consecutive_failures=3,
        entries_seen=1234,
        last_new_entry=T0 - 3600.125,
        next_poll=T0 + 300.75,
        url="https://www.reuters.com/business/rss",
        adopted_url="https://feeds.reuters.com/business",
        redirect_candidate="https://feeds.reuters.com/biz",
        redirect_count=2,
        body_hash="9f86d081884c7d659a2feaa0c55ad015",
        last_error_at=T0 + 0.25,
        failing_since=T0 - 30.5,
        disabled="HTTP 410 Gone: the publisher removed https://www.reuters.com/business/rss",
        disabled_at=T0 + 1.5,
        gap_mean=5400.25,
        gap_count=7,
        health_alert="failing",
        health_key=f"failing:{T0 - 30.5}",
    )
    # Guard the test itself: every field differs from its default, so a dropped field cannot pass.
    defaults = SourceState(source_id="reuters-biz")
    for f in dataclasses.fields(SourceState):
        if f.name != "source_id":
            assert getattr(state, f.name) != getattr(defaults, f.name), f.name

    store.save_source_state(state)
    got = store.get_source_state("reuters-biz")
    assert got == state
    assert got is not None and type(got.consecutive_failures) is int and type(got.baseline_done) is bool
    assert store.list_source_states() == [state]


def test_save_source_state_overwrites(store: Store) -> None:
    first = SourceState("s1", etag="v1", last_error="boom", consecutive_failures=2, next_poll=T0)
    store.save_source_state(first)
    second = first.evolve(etag="v2", last_error=None, consecutive_failures=0, last_success=T0 + 1)
    store.save_source_state(second)
    assert store.get_source_state("s1") == second
    assert store.list_source_states() == [second]


def test_list_source_states_sorted_by_id(store: Store) -> None:
    ids = ["m-source", "a-source", "Z-upper", "b", "b-2", "aa", "中文源"]
    for i, sid in enumerate(ids):
        store.save_source_state(SourceState(sid, entries_seen=i))
    listed = store.list_source_states()
    assert [s.source_id for s in listed] == sorted(ids)
    assert {s.source_id: s.entries_seen for s in listed} == {sid: i for i, sid in enumerate(ids)}


# --- seen entries --------------------------------------------------------------------------------------


def test_unseen_keeps_given_order_and_deduplicates(store: Store) -> None:
    assert store.unseen("src", ["c", "a", "b", "a", "c", "d"]) == ["c", "a", "b", "d"]
    store.mark_seen("src", ["a"], T0)
    assert store.unseen("src", ["d", "a", "c", "d", "b"]) == ["d", "c", "b"]


def test_mark_seen_makes_ids_seen(store: Store) -> None:
    store.mark_seen("src", ["e1", "e2", "e2"], T0)
    assert store.unseen("src", ["e1", "e2", "e3"]) == ["e3"]
    store.mark_seen("src", ["e1", "e3"], T0 + 1)  # marking again is harmless
    assert store.unseen("src", ["e1", "e2", "e3"]) == []
    assert store.unseen("src", ["e4", "e1"]) == ["e4"]


def test_seen_is_per_source(store: Store) -> None:
    store.mark_seen("feed-a", ["shared-id", "only-a"], T0)
    assert store.unseen("feed-b", ["shared-id", "only-a"]) == ["shared-id", "only-a"]
    store.mark_seen("feed-b", ["only-b"], T0)
    assert store.unseen("feed-a", ["shared-id", "only-a", "only-b"]) == ["only-b"]
    assert store.unseen("feed-b", ["shared-id", "only-a", "only-b"]) == ["shared-id", "only-a"]


def test_seen_large_batches(store: Store) -> None:
    ids = [f"https://news.test/article/{i:05d}" for i in range(2_000)]
    marked = ids[::3]
    store.mark_seen("big", marked, T0)
    expected = [e for i, e in enumerate(ids) if i % 3 != 0]
    # Reversed + duplicated input crosses the backend's chunk boundaries in a different way.
    assert store.unseen("big", ids) == expected
    assert store.unseen("big", ids[::-1] + ids) == expected[::-1]
    store.mark_seen("big", ids, T0 + 1)
    assert store.unseen("big", ids) == []
    assert store.unseen("other", ids[:1_500]) == ids[:1_500]


def test_seen_empty_input(store: Store) -> None:
    assert store.unseen("src", []) == []
    store.mark_seen("src", [], T0)
    assert store.unseen("src", ["x"]) == ["x"]
    store.mark_seen("src", ["x"], T0)
    assert store.unseen("src", []) == []


# --- alerts --------------------------------------------------------------------------------------------


def test_add_alert_once_per_item_per_rule(store: Store) -> None:
    alert = make_alert(1)
    assert store.add_alert(alert, ["console", "slack:#market-signals"]) is True
    # The same id again (same item, same rule) is refused, whatever else differs; nothing changes.
    again = dataclasses.replace(alert, severity="low", created_at=T0 + 99)
    assert store.add_alert(again, ["console", "slack:#other"]) is False
    assert store.add_alert(alert, ["console", "slack:#market-signals"]) is False
    assert store.get_alert(alert.id) == alert
    assert sorted(d.target for d in store.deliveries(alert.id)) == ["console", "slack:#market-signals"]
    assert len(store.due_deliveries(T0 + 1_000)) == 2
    assert [a.id for a in store.recent_alerts()] == [alert.id]

    # A different rule on the same item is a different alert.
    other = make_alert(1, rule="price-target")
    assert other.id != alert.id
    assert store.add_alert(other, ["console"]) is True


def test_add_alert_queues_one_pending_delivery_per_target(store: Store) -> None:
    alert = make_alert(2, created_at=T0 + 5)
    assert store.add_alert(alert, ["slack:#a", "console", "slack:#a", "slack:#b"])
    got = by_target(store.deliveries(alert.id))
    assert sorted(got) == ["console", "slack:#a", "slack:#b"]
    for target, d in got.items():
        assert d == Delivery(alert.id, target, "pending", 0, T0 + 5, None, None, T0 + 5)
    assert sorted(due_keys(store, T0 + 5)) == [(alert.id, t) for t in ["console", "slack:#a", "slack:#b"]]


def test_add_alert_without_targets(store: Store) -> None:
    alert = make_alert(3)
    assert store.add_alert(alert, []) is True
    assert store.get_alert(alert.id) == alert
    assert store.deliveries(alert.id) == []
    assert store.due_deliveries(T0 + 1) == []
    assert store.add_alert(alert, ["console"]) is False
    assert store.deliveries(alert.id) == []


def test_get_alert_round_trips_every_field(store: Store) -> None:
    assert store.get_alert("0" * 32) is None
    alert = make_alert(4, created_at=T0 + 0.125)
    defaults = Alert(id="x", rule="r", item=alert.item)
    for f in dataclasses.fields(Alert):
        if f.name not in ("id", "rule", "item"):
            assert getattr(alert, f.name) != getattr(defaults, f.name), f.name

    store.add_alert(alert, ["console"])
    got = store.get_alert(alert.id)
    assert got == alert
    assert got is not None
    assert got.item == alert.item and "西比曼" in got.item.title
    assert isinstance(got.matched, tuple) and got.matched == ("獨家許可", "首付款", "milestone")
    assert isinstance(got.rules, tuple) and got.rules == ("bd-deal", "zh-licensing", "big-money")
    assert got.fields == {
        "amount_usd": 630_000_000,
        "currency": "美元",
        "parties": ["AstraZeneca", "西比曼"],
        "x": None,
    }

    bare = Alert(id="bare", rule="kw", item=Item(id="i", source="s", title="t"))
    store.add_alert(bare, [])
    assert store.get_alert("bare") == bare


def test_recent_alerts_newest_first_with_limit(store: Store) -> None:
    assert store.recent_alerts() == []
    order = [3, 1, 4, 0, 2]  # insertion order differs from time order
    alerts = {n: make_alert(n, created_at=T0 + 10 * n) for n in order}
    for n in order:
        store.add_alert(alerts[n], ["console"])
    newest_first = [alerts[n].id for n in (4, 3, 2, 1, 0)]
    assert [a.id for a in store.recent_alerts()] == newest_first
    assert [a.id for a in store.recent_alerts(limit=3)] == newest_first[:3]
    assert store.recent_alerts(limit=1) == [alerts[4]]


# --- outbox --------------------------------------------------------------------------------------------


def test_due_deliveries_pending_and_due_only_oldest_first(store: Store) -> None:
    late, early, middle = (
        make_alert(1, created_at=T0 + 300),
        make_alert(2, created_at=T0 + 100),
        make_alert(3, created_at=T0 + 200),
    )
    for a in (late, early, middle):
        store.add_alert(a, ["console"])

    assert store.due_deliveries(T0) == []
    assert due_keys(store, T0 + 100) == [(early.id, "console")]  # next_attempt <= now is due
    assert due_keys(store, T0 + 250) == [(early.id, "console"), (middle.id, "console")]
    assert due_keys(store, T0 + 1_000) == [(a.id, "console") for a in (early, middle, late)]
    assert due_keys(store, T0 + 1_000, limit=2) == [(early.id, "console"), (middle.id, "console")]
    assert due_keys(store, T0 + 1_000, limit=1) == [(early.id, "console")]
    assert all(d.status == "pending" for d in store.due_deliveries(T0 + 1_000))

    store.mark_sent(early.id, "console", "ok", T0 + 400)
    store.mark_failed(middle.id, "console", "channel_not_found", T0 + 400)
    assert due_keys(store, T0 + 1_000, limit=1) == [(late.id, "console")]


def test_mark_retry_moves_next_attempt(store: Store) -> None:
    alert = make_alert(1, created_at=T0)
    store.add_alert(alert, ["slack:#a", "console"])

    store.mark_retry(alert.id, "slack:#a", "ratelimited", T0 + 60, T0 + 1)
    d = by_target(store.deliveries(alert.id))["slack:#a"]
    assert d == Delivery(alert.id, "slack:#a", "pending", 1, T0 + 60, "ratelimited", None, T0 + 1)
    assert due_keys(store, T0 + 59) == [(alert.id, "console")]
    assert due_keys(store, T0 + 60) == [(alert.id, "console"), (alert.id, "slack:#a")]

    store.mark_retry(alert.id, "slack:#a", "HTTP 502", T0 + 180, T0 + 61)
    d = by_target(store.deliveries(alert.id))["slack:#a"]
    assert (d.status, d.attempts, d.next_attempt, d.last_error, d.updated_at) == (
        "pending",
        2,
        T0 + 180,
        "HTTP 502",
        T0 + 61,
    )
    assert due_keys(store, T0 + 179) == [(alert.id, "console")]
    # The other target is untouched.
    assert by_target(store.deliveries(alert.id))["console"].attempts == 0


def test_retried_delivery_sorts_by_its_new_time(store: Store) -> None:
    first, second = make_alert(1, created_at=T0), make_alert(2, created_at=T0 + 10)
    store.add_alert(first, ["console"])
    store.add_alert(second, ["console"])
    store.mark_retry(first.id, "console", "timeout", T0 + 20, T0 + 1)
    assert due_keys(store, T0 + 100) == [(second.id, "console"), (first.id, "console")]
    assert due_keys(store, T0 + 100, limit=1) == [(second.id, "console")]


def test_mark_sent_removes_from_due_and_keeps_ref(store: Store) -> None:
    alert = make_alert(1)
    store.add_alert(alert, ["slack:#a", "console"])
    store.mark_retry(alert.id, "slack:#a", "ratelimited", T0 + 5, T0 + 1)
    store.mark_sent(alert.id, "slack:#a", "1700000000.000100", T0 + 6)
    store.mark_sent(alert.id, "console", None, T0 + 7)

    assert store.due_deliveries(T0 + 10_000) == []
    got = by_target(store.deliveries(alert.id))
    assert got["slack:#a"] == Delivery(alert.id, "slack:#a", "sent", 2, T0 + 5, None, "1700000000.000100", T0 + 6)
    assert (got["console"].status, got["console"].ref, got["console"].attempts) == ("sent", None, 1)


def test_mark_failed_is_a_dead_letter_with_reason(store: Store) -> None:
    alert = make_alert(1)
    store.add_alert(alert, ["slack:#gone", "console"])
    store.mark_failed(alert.id, "slack:#gone", "channel_not_found", T0 + 2)

    assert due_keys(store, T0 + 10_000) == [(alert.id, "console")]
    d = by_target(store.deliveries(alert.id))["slack:#gone"]
    assert (d.status, d.last_error, d.attempts, d.updated_at, d.ref) == (
        "failed",
        "channel_not_found",
        1,
        T0 + 2,
        None,
    )
    assert store.get_alert(alert.id) == alert  # the alert itself is kept


def test_late_retry_does_not_reopen_a_finished_delivery(store: Store) -> None:
    """A stale mark_retry (e.g. from a second worker) must not revive a sent or dead-lettered delivery."""
    alert = make_alert(1)
    store.add_alert(alert, ["slack:#gone", "console"])
    store.mark_failed(alert.id, "slack:#gone", "channel_not_found", T0 + 2)
    store.mark_sent(alert.id, "console", "ts-1", T0 + 3)
    before = by_target(store.deliveries(alert.id))

    store.mark_retry(alert.id, "slack:#gone", "timeout", T0 + 10, T0 + 4)
    store.mark_retry(alert.id, "console", "timeout", T0 + 10, T0 + 4)

    assert by_target(store.deliveries(alert.id)) == before
    assert before["slack:#gone"].last_error == "channel_not_found"
    # A pending delivery due later must still come back under a tight limit.
    other = make_alert(2, created_at=T0 + 50)
    store.add_alert(other, ["console"])
    assert due_keys(store, T0 + 100, limit=1) == [(other.id, "console")]


def test_deliveries_lists_every_target(store: Store) -> None:
    assert store.deliveries("no-such-alert") == []
    alert = make_alert(1)
    targets = ["console", "slack:#a", "slack:#b", "slack:#c"]
    store.add_alert(alert, targets)
    store.mark_sent(alert.id, "slack:#a", "ts", T0 + 1)
    store.mark_failed(alert.id, "slack:#b", "not_in_channel", T0 + 1)
    store.mark_retry(alert.id, "slack:#c", "ratelimited", T0 + 30, T0 + 1)

    got = by_target(store.deliveries(alert.id))
    assert {t: d.status for t, d in got.items()} == {
        "console": "pending",
        "slack:#a": "sent",
        "slack:#b": "failed",
        "slack:#c": "pending",
    }
    assert all(d.alert_id == alert.id for d in got.values())
    # Deliveries of one alert do not leak into another's.
    other = make_alert(2)
    store.add_alert(other, ["console"])
    assert [d.target for d in store.deliveries(other.id)] == ["console"]
    assert len(store.deliveries(alert.id)) == 4


# --- persistence -----------------------------------------------------------------------------------


def test_everything_survives_reopen(store: Store) -> None:
    state = SourceState("feed", etag="e1", baseline_done=True, last_poll=T0, entries_seen=3, next_poll=T0 + 60)
    store.save_source_state(state)
    store.mark_seen("feed", ["a", "b", "c"], T0)
    first, second = make_alert(1, created_at=T0), make_alert(2, created_at=T0 + 1)
    store.add_alert(first, ["console", "slack:#a", "slack:#b"])
    store.add_alert(second, ["console"])
    store.mark_sent(first.id, "console", None, T0 + 2)
    store.mark_retry(first.id, "slack:#a", "ratelimited", T0 + 30, T0 + 2)
    store.mark_failed(first.id, "slack:#b", "channel_not_found", T0 + 2)
    deliveries_before = store.deliveries(first.id)

    fresh = reopen(store)
    try:
        assert fresh.get_source_state("feed") == state
        assert fresh.list_source_states() == [state]
        assert fresh.unseen("feed", ["a", "b", "c", "d"]) == ["d"]
        assert fresh.get_alert(first.id) == first
        assert fresh.get_alert(second.id) == second
        assert [a.id for a in fresh.recent_alerts()] == [second.id, first.id]
        assert fresh.deliveries(first.id) == deliveries_before
        assert due_keys(fresh, T0 + 10) == [(second.id, "console")]
        assert due_keys(fresh, T0 + 30) == [(second.id, "console"), (first.id, "slack:#a")]
        # Once-per-item still holds after the restart.
        assert fresh.add_alert(first, ["console"]) is False

        # And the reopened store is fully writable.
        fresh.mark_sent(first.id, "slack:#a", "ts-9", T0 + 31)
        fresh.mark_seen("feed", ["d"], T0 + 31)
    finally:
        fresh.close()

    again = reopen(fresh)
    try:
        assert again.unseen("feed", ["a", "d", "e"]) == ["e"]
        assert by_target(again.deliveries(first.id))["slack:#a"].ref == "ts-9"
    finally:
        again.close()


# --- SQLite only ---------------------------------------------------------------------------------------


def test_sqlite_concurrent_threads_lose_nothing(sqlite_store: SqliteStore) -> None:
    threads_n, per_thread = 8, 25
    barrier = threading.Barrier(threads_n)
    errors: list[BaseException] = []
    shared_wins: list[bool] = []
    shared = make_alert(999, created_at=T0)

    def work(t: int) -> None:
        try:
            barrier.wait()
            for i in range(per_thread):
                sqlite_store.mark_seen("shared-feed", [f"t{t}-e{i}", "common"], T0 + i)
                sqlite_store.mark_seen(f"feed-{t}", [f"e{i}"], T0 + i)
                a = make_alert(t * 1_000 + i, created_at=T0 + t + i / 100)
                assert sqlite_store.add_alert(a, ["console", f"slack:#t{t}"]) is True
                assert sqlite_store.unseen(f"feed-{t}", [f"e{i}"]) == []
                sqlite_store.save_source_state(SourceState(f"feed-{t}", entries_seen=i + 1))
            shared_wins.append(sqlite_store.add_alert(shared, ["console"]))
        except BaseException as exc:
            errors.append(exc)

    workers = [threading.Thread(target=work, args=(t,)) for t in range(threads_n)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert not any(w.is_alive() for w in workers)
    assert errors == []
    assert sorted(shared_wins) == [False] * (threads_n - 1) + [True]

    every = [f"t{t}-e{i}" for t in range(threads_n) for i in range(per_thread)]
    assert sqlite_store.unseen("shared-feed", [*every, "common", "nope"]) == ["nope"]
    for t in range(threads_n):
        assert sqlite_store.unseen(f"feed-{t}", [f"e{i}" for i in range(per_thread + 1)]) == [f"e{per_thread}"]
    total = threads_n * per_thread + 1
    alerts = sqlite_store.recent_alerts(limit=10_000)
    assert len(alerts) == total == len({a.id for a in alerts})
    assert len(sqlite_store.due_deliveries(T0 + 10_000, limit=10_000)) == 2 * threads_n * per_thread + 1
    states = sqlite_store.list_source_states()
    assert [(s.source_id, s.entries_seen) for s in states] == [(f"feed-{t}", per_thread) for t in range(threads_n)]

    fresh = reopen(sqlite_store)
    try:
        assert len(fresh.recent_alerts(limit=10_000)) == total
    finally:
        fresh.close()


def test_sqlite_uses_wal(sqlite_store: SqliteStore) -> None:
    sqlite_store.mark_seen("s", ["a"], T0)
    mode = sqlite_store._conn().execute("PRAGMA journal_mode").fetchone()[0]
    assert mode.lower() == "wal"
    # WAL is a property of the file: an outside connection sees it too.
    outside = sqlite3.connect(sqlite_store.path)
    try:
        assert outside.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    finally:
        outside.close()


# --- Redis only ----------------------------------------------------------------------------------------


@pytest.mark.redis
def test_redis_keys_live_under_the_prefix_hash_tag(redis_store: RedisStore, redis_url: str) -> None:
    raw = redis.Redis.from_url(redis_url, decode_responses=True)
    try:
        before = set(raw.scan_iter(match="*", count=1000))
        redis_store.save_source_state(SourceState("feed:with:colons", etag="x"))
        redis_store.mark_seen("feed:with:colons", ["a", "b"], T0)
        alert = make_alert(1)
        redis_store.add_alert(alert, ["console", "slack:#a", "slack:#b"])
        redis_store.mark_retry(alert.id, "console", "later", T0 + 5, T0)
        redis_store.mark_sent(alert.id, "slack:#a", "ts", T0)
        redis_store.mark_failed(alert.id, "slack:#b", "gone", T0)
        redis_store.due_deliveries(T0 + 10)
        redis_store.recent_alerts()
        redis_store.list_source_states()
        new = set(raw.scan_iter(match="*", count=1000)) - before
    finally:
        raw.close()

    tag = "{" + redis_store.prefix + "}:"
    assert new, "nothing was written"
    assert sorted(k for k in new if not k.startswith(tag)) == []
    # One key per record kind from the documented layout, all under the tag.
    kinds = {k[len(tag) :].split(":", 1)[0] for k in new}
    assert kinds == {"source", "sources", "seen", "alert", "alerts", "delivery", "outbox", "failed"}


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


_OPERATIONS: dict[str, Callable[[Store], object]] = {
    "get_source_state": lambda s: s.get_source_state("x"),
    "save_source_state": lambda s: s.save_source_state(SourceState("x")),
    "list_source_states": lambda s: s.list_source_states(),
    "unseen": lambda s: s.unseen("x", ["a"]),
    "mark_seen": lambda s: s.mark_seen("x", ["a"], T0),
    "add_alert": lambda s: s.add_alert(make_alert(1), ["console"]),
    "get_alert": lambda s: s.get_alert("x"),
    "due_deliveries": lambda s: s.due_deliveries(T0),
    "mark_sent": lambda s: s.mark_sent("x", "console", None, T0),
    "mark_retry": lambda s: s.mark_retry("x", "console", "e", T0, T0),
    "mark_failed": lambda s: s.mark_failed("x", "console", "e", T0),
    "deliveries": lambda s: s.deliveries("x"),
    "recent_alerts": lambda s: s.recent_alerts(),
}


@pytest.mark.redis
@pytest.mark.parametrize("operation", sorted(_OPERATIONS))
def test_redis_unreachable_raises_store_unavailable(operation: str) -> None:
    s = RedisStore(f"redis://127.0.0.1:{_closed_port()}/0", prefix="wwtest-unreachable")
    try:
        with pytest.raises(StoreUnavailable) as info:
            _OPERATIONS[operation](s)
        assert not isinstance(info.value, redis.exceptions.RedisError)
        assert isinstance(info.value.__cause__, redis.exceptions.ConnectionError)
    finally:
        s.close()


# --- factory -------------------------------------------------------------------------------------------


def test_open_store_sqlite_relative_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    s = open_store("sqlite:///data/rel.db")
    try:
        assert isinstance(s, SqliteStore)
        assert not s.path.is_absolute()
        s.mark_seen("src", ["a"], T0)
        assert (tmp_path / "data" / "rel.db").is_file()
    finally:
        s.close()
    # Its own url opens the same file again.
    with open_store(s.url) as again:
        assert again.unseen("src", ["a", "b"]) == ["b"]
    with open_store("sqlite:///./data/rel.db") as dotted:
        assert dotted.unseen("src", ["a", "b"]) == ["b"]


def test_open_store_sqlite_absolute_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "abs" / "store.db"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    url = f"sqlite:///{target}"  # target starts with "/", so this is sqlite:////...
    assert url.startswith("sqlite:////")
    s = open_store(url)
    try:
        assert isinstance(s, SqliteStore)
        assert s.path == target
        s.mark_seen("src", ["a"], T0)
    finally:
        s.close()
    assert target.is_file()
    assert list(elsewhere.iterdir()) == []
    with open_store(s.url) as again:
        assert again.unseen("src", ["a", "b"]) == ["b"]


@pytest.mark.redis
def test_open_store_redis(redis_url: str, redis_prefix: str) -> None:
    with open_store(redis_url, prefix=redis_prefix) as s:
        assert isinstance(s, RedisStore)
        assert s.prefix == redis_prefix
        s.mark_seen("src", ["a"], T0)
    with RedisStore(redis_url, prefix=redis_prefix) as again:
        assert again.unseen("src", ["a", "b"]) == ["b"]
    # A different prefix is a different, empty store.
    with open_store(redis_url, prefix=redis_prefix + "-other") as other:
        assert other.unseen("src", ["a"]) == ["a"]


@pytest.mark.parametrize(
    "url", ["postgres://db/wirewatch", "mysql://x", "memory://", "", "wirewatch.db", "sqlite://no-slash.db"]
)
def test_open_store_rejects_unknown_urls(url: str) -> None:
    with pytest.raises(ValueError):
        open_store(url)


# --- series observations (issue 5) ---------------------------------------------------------------------


def obs(period: str, value: float, series: str = "MORTGAGE30US", vintage: str = "2025-06-05T16:00:00Z") -> Observation:
    return Observation(series=series, period=period, value=value, vintage=vintage)


def test_unknown_series_has_no_observations(store: Store) -> None:
    assert store.observations("nope") == []


def test_observations_round_trip_oldest_period_first(store: Store) -> None:
    given = [obs("2025-06-05", 6.85), obs("1971-04-02", 7.33), obs("2025-05-29", 0.1 + 0.2), obs("2000-01-06", -1e-9)]
    store.save_observations(given)
    got = store.observations("MORTGAGE30US")
    assert got == sorted(given, key=lambda o: o.period)
    assert got[-2].value == 0.1 + 0.2, "floats round-trip exactly"


def test_revision_replaces_value_and_vintage_of_a_known_period(store: Store) -> None:
    store.save_observations([obs("2025-05-01", 5241.0), obs("2025-06-01", -300.5)])
    store.save_observations([obs("2025-05-01", 5300.0, vintage="2025-07-14T02:00:00Z")])
    got = store.observations("MORTGAGE30US")
    assert [(o.period, o.value, o.vintage) for o in got] == [
        ("2025-05-01", 5300.0, "2025-07-14T02:00:00Z"),
        ("2025-06-01", -300.5, "2025-06-05T16:00:00Z"),
    ]


def test_series_are_kept_apart_and_one_save_may_span_several(store: Store) -> None:
    store.save_observations([obs("2025-06-01", 1.0, "a"), obs("2025-06-01", 2.0, "b"), obs("2025-07-01", 3.0, "a")])
    assert [o.value for o in store.observations("a")] == [1.0, 3.0]
    assert [(o.series, o.value) for o in store.observations("b")] == [("b", 2.0)]
    store.save_observations([])  # a no-op, not an error
    assert len(store.observations("a")) == 2


def test_long_history_in_one_save(store: Store) -> None:
    import datetime as dt

    start = dt.date(1971, 4, 2)
    given = [obs((start + dt.timedelta(weeks=i)).isoformat(), 7.0 + (i % 50) / 100) for i in range(2_800)]
    store.save_observations(given)
    assert store.observations("MORTGAGE30US") == given


def test_observations_survive_reopen(store: Store) -> None:
    store.save_observations([obs("2025-06-05", 6.85), obs("2025-06-12", 6.84, series="x:with:colons")])
    fresh = reopen(store)
    try:
        assert fresh.observations("MORTGAGE30US") == [obs("2025-06-05", 6.85)]
        assert fresh.observations("x:with:colons") == [obs("2025-06-12", 6.84, series="x:with:colons")]
        fresh.save_observations([obs("2025-06-05", 6.81, vintage="later")])
        assert fresh.observations("MORTGAGE30US")[0].value == 6.81
    finally:
        fresh.close()


@pytest.mark.redis
def test_redis_observation_keys_live_under_the_prefix_hash_tag(redis_store: RedisStore, redis_url: str) -> None:
    raw = redis.Redis.from_url(redis_url, decode_responses=True)
    try:
        before = set(raw.scan_iter(match="*", count=1000))
        redis_store.save_observations([obs("2025-06-05", 6.85), obs("2025-06-01", 1.0, series="pboc:household")])
        new = set(raw.scan_iter(match="*", count=1000)) - before
    finally:
        raw.close()
    tag = "{" + redis_store.prefix + "}:"
    assert sorted(new) == sorted([f"{tag}series:MORTGAGE30US", f"{tag}series:pboc:household"])


@pytest.mark.redis
@pytest.mark.parametrize("operation", ["observations", "save_observations"])
def test_redis_unreachable_observations_raise_store_unavailable(operation: str) -> None:
    s = RedisStore(f"redis://127.0.0.1:{_closed_port()}/0", prefix="wwtest-unreachable")
    try:
        with pytest.raises(StoreUnavailable) as info:
            if operation == "observations":
                s.observations("x")
            else:
                s.save_observations([obs("2025-06-05", 1.0)])
        assert isinstance(info.value.__cause__, redis.exceptions.ConnectionError)
    finally:
        s.close()


# --- delivery guarantees (issue 6): in-doubt sends, digests, dead letters, budgets, event keys ----------


def delivery_of(s: Store, alert: Alert, target: str) -> Delivery:
    return by_target(s.deliveries(alert.id))[target]


def test_alert_thread_and_context_fields_round_trip(store: Store) -> None:
    alert = make_alert(1)
    store.add_alert(alert, [])
    got = store.get_alert(alert.id)
    assert got == alert
    assert got is not None and isinstance(got.context, tuple) and got.thread_of == "f" * 32
    assert got.event_key == "licensing|astrazeneca|西比曼"


def test_begin_attempt_marks_doubt_and_outcomes_settle_it(store: Store) -> None:
    alert = make_alert(1)
    store.add_alert(alert, ["slack:#a", "slack:#b", "slack:#c", "console"])
    assert delivery_of(store, alert, "slack:#a").in_doubt_since is None

    for target in ("slack:#a", "slack:#b", "slack:#c"):
        store.begin_attempt(alert.id, target, T0 + 1)
        d = delivery_of(store, alert, target)
        assert (d.status, d.in_doubt_since, d.attempts) == ("pending", T0 + 1, 0)

    # A 5xx: the post may have landed; the doubt is kept for the next attempt to reconcile.
    store.mark_retry(alert.id, "slack:#a", "slack: internal_error", T0 + 10, T0 + 2, in_doubt=True)
    d = delivery_of(store, alert, "slack:#a")
    assert (d.status, d.attempts, d.in_doubt_since, d.next_attempt) == ("pending", 1, T0 + 1, T0 + 10)
    # A refused connection: it did not land, and the caller reconciled before trying: no doubt left.
    store.mark_retry(alert.id, "slack:#b", "connection refused", T0 + 10, T0 + 2)
    assert delivery_of(store, alert, "slack:#b").in_doubt_since is None
    store.mark_sent(alert.id, "slack:#a", "1700000000.000200", T0 + 11)
    store.mark_failed(alert.id, "slack:#c", "invalid_auth", T0 + 11)
    assert delivery_of(store, alert, "slack:#a").in_doubt_since is None
    assert delivery_of(store, alert, "slack:#c").in_doubt_since is None

    # Only pending deliveries are touched.
    store.begin_attempt(alert.id, "slack:#a", T0 + 20)
    assert delivery_of(store, alert, "slack:#a").in_doubt_since is None
    assert delivery_of(store, alert, "console").in_doubt_since is None


def test_doubt_survives_reopen(store: Store) -> None:
    alert = make_alert(1)
    store.add_alert(alert, ["slack:#a"])
    store.begin_attempt(alert.id, "slack:#a", T0 + 1.5)
    fresh = reopen(store)
    try:
        [d] = fresh.due_deliveries(T0 + 10)
        assert d.in_doubt_since == T0 + 1.5
    finally:
        fresh.close()


def test_hold_parks_a_pending_delivery_for_the_digest(store: Store) -> None:
    first, second = make_alert(1), make_alert(2, created_at=T0 + 1)
    store.add_alert(first, ["slack:#a", "console"])
    store.add_alert(second, ["slack:#a"])
    store.begin_attempt(first.id, "slack:#a", T0 + 1)
    store.hold(first.id, "slack:#a", "over budget (20/h)", T0 + 5)
    store.hold(second.id, "slack:#a", "digest route", T0 + 3)

    assert due_keys(store, T0 + 100) == [(first.id, "console")]
    held = store.deliveries_in("held")
    assert [(d.alert_id, d.target) for d in held] == [(second.id, "slack:#a"), (first.id, "slack:#a")]
    d = delivery_of(store, first, "slack:#a")
    assert (d.status, d.last_error, d.updated_at, d.in_doubt_since, d.attempts) == (
        "held",
        "over budget (20/h)",
        T0 + 5,
        None,
        0,
    )
    # Holding is for pending deliveries only; a late retry does not revive a held one.
    store.mark_sent(first.id, "console", None, T0 + 6)
    store.hold(first.id, "console", "digest route", T0 + 7)
    assert delivery_of(store, first, "console").status == "sent"
    store.mark_retry(first.id, "slack:#a", "timeout", T0 + 8, T0 + 7)
    assert delivery_of(store, first, "slack:#a").status == "held"
    assert store.deliveries_in("held", limit=1) == held[:1]


def test_deliveries_in_lists_pending_and_dead_letters(store: Store) -> None:
    a, b, c = make_alert(1), make_alert(2, created_at=T0 + 1), make_alert(3, created_at=T0 + 2)
    for x in (a, b, c):
        store.add_alert(x, ["slack:#a"])
    store.mark_failed(b.id, "slack:#a", "channel_not_found", T0 + 9)
    store.mark_failed(a.id, "slack:#a", "invalid_auth", T0 + 10)
    assert [d.alert_id for d in store.deliveries_in("failed")] == [b.id, a.id]
    assert [d.last_error for d in store.deliveries_in("failed")] == ["channel_not_found", "invalid_auth"]
    assert [d.alert_id for d in store.deliveries_in("pending")] == [c.id]
    store.mark_retry(c.id, "slack:#a", "x", T0 + 50, T0 + 3)
    assert [d.next_attempt for d in store.deliveries_in("pending")] == [T0 + 50]
    with pytest.raises(ValueError):
        store.deliveries_in("sent")


def test_requeue_failed_one_alert_or_all(store: Store) -> None:
    a, b = make_alert(1), make_alert(2)
    store.add_alert(a, ["slack:#a", "slack:#b"])
    store.add_alert(b, ["slack:#a"])
    store.mark_failed(a.id, "slack:#a", "channel_not_found", T0 + 1)
    store.mark_failed(a.id, "slack:#b", "channel_not_found", T0 + 1)
    store.mark_failed(b.id, "slack:#a", "invalid_auth", T0 + 1)
    store.mark_sent(b.id, "slack:#a", "ts", T0 + 2)  # sent after all: not a dead letter any more
    store.mark_failed(b.id, "slack:#a", "invalid_auth", T0 + 3)

    assert store.requeue_failed("no-such-alert", T0 + 5) == 0
    assert store.requeue_failed(a.id, T0 + 5) == 2
    for target in ("slack:#a", "slack:#b"):
        d = delivery_of(store, a, target)
        assert (d.status, d.attempts, d.next_attempt, d.updated_at) == ("pending", 0, T0 + 5, T0 + 5)
    assert [d.alert_id for d in store.deliveries_in("failed")] == [b.id]
    assert sorted(due_keys(store, T0 + 5)) == sorted([(a.id, "slack:#a"), (a.id, "slack:#b")])

    assert store.requeue_failed(None, T0 + 6) == 1
    assert store.deliveries_in("failed") == []
    assert delivery_of(store, b, "slack:#a").status == "pending"
    assert store.requeue_failed(None, T0 + 7) == 0


def test_add_digest_takes_held_members_atomically_and_once(store: Store) -> None:
    members = [make_alert(n, created_at=T0 + n) for n in range(1, 4)]
    for m in members:
        store.add_alert(m, ["slack:#a", "slack:#b"])
        store.hold(m.id, "slack:#a", "digest route", T0 + 10)
    store.hold(members[0].id, "slack:#b", "digest route", T0 + 10)
    digest = Alert(
        id="d" * 32,
        rule="digest",
        item=Item(id="digest-1", source="wirewatch", title="Digest"),
        event="digest",
        fields={"alerts": [m.id for m in members]},
        created_at=T0 + 3600,
    )
    # The second member is not held for #a any more (sent meanwhile): it is left as it is.
    store.mark_sent(members[1].id, "slack:#a", "ts-1", T0 + 11)
    assert store.add_digest(digest, "slack:#a", [m.id for m in members]) is True

    assert store.get_alert(digest.id) == digest
    assert [(d.target, d.status) for d in store.deliveries(digest.id)] == [("slack:#a", "pending")]
    assert sorted(due_keys(store, T0 + 3600)) == sorted(
        [(digest.id, "slack:#a")] + [(m.id, "slack:#b") for m in members[1:]]
    )
    got = {m.id: delivery_of(store, m, "slack:#a") for m in members}
    assert (got[members[0].id].status, got[members[0].id].ref) == ("digested", digest.id)
    assert (got[members[2].id].status, got[members[2].id].ref) == ("digested", digest.id)
    assert got[members[1].id].status == "sent"
    assert delivery_of(store, members[0], "slack:#b").status == "held", "another target's hold is its own"
    assert [d.alert_id for d in store.deliveries_in("held")] == [members[0].id]

    # The same digest again changes nothing.
    store.hold(members[2].id, "slack:#b", "digest route", T0 + 12)
    assert store.add_digest(digest, "slack:#b", [members[2].id]) is False
    assert delivery_of(store, members[2], "slack:#b").status == "held"


def test_take_budget_counts_per_key_and_window(store: Store) -> None:
    w1, w2 = T0, T0 + 3600
    assert [store.take_budget("slack:#a", w1, 3) for _ in range(5)] == [True, True, True, False, False]
    assert store.take_budget("slack:#b", w1, 3) is True, "each key has its own budget"
    assert store.take_budget("slack:#a", w2, 3) is True, "a new window starts afresh"
    assert store.take_budget("slack:#a", w2, 2) is True, "the limit is the caller's"
    assert store.take_budget("slack:#a", w2, 2) is False


def test_claim_keys_first_claim_owns_within_the_window(store: Store) -> None:
    keys = ["bd_deal|gsk|rapt|rpt904", "sim:3:abcd"]
    assert store.claim_keys(keys, "first", T0, 3600) == dict.fromkeys(keys, "first")
    assert store.claim_keys(keys, "first", T0 + 1, 3600) == dict.fromkeys(keys, "first"), "a redo is harmless"
    assert store.claim_keys([keys[0], "new-key"], "second", T0 + 10, 3600) == {
        keys[0]: "first",
        "new-key": "second",
    }
    assert store.claim_keys([], "third", T0, 3600) == {}
    # After the window the key is free again, and the new claim holds from then on.
    assert store.claim_keys([keys[0]], "later", T0 + 3601, 3600) == {keys[0]: "later"}
    assert store.claim_keys([keys[0]], "other", T0 + 3700, 3600) == {keys[0]: "later"}
    fresh = reopen(store)
    try:
        assert fresh.claim_keys(["sim:3:abcd", "授權|西比曼"], "x", T0 + 20, 3600) == {
            "sim:3:abcd": "first",
            "授權|西比曼": "x",
        }
    finally:
        fresh.close()


def test_claim_keys_concurrent_claimants_agree_on_one_owner(store: Store) -> None:
    owners: list[str] = []
    errors: list[BaseException] = []

    def claim(n: int) -> None:
        try:
            owners.append(store.claim_keys(["race"], f"alert-{n}", T0, 3600)["race"])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=claim, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(set(owners)) == 1


@pytest.mark.redis
def test_redis_outbox_additions_live_under_the_prefix_hash_tag(redis_store: RedisStore, redis_url: str) -> None:
    raw = redis.Redis.from_url(redis_url, decode_responses=True)
    try:
        before = set(raw.scan_iter(match="*", count=1000))
        alert = make_alert(1)
        redis_store.add_alert(alert, ["slack:#a"])
        redis_store.hold(alert.id, "slack:#a", "digest route", T0)
        redis_store.take_budget("slack:#a", T0, 20)
        redis_store.claim_keys(["bd_deal|a|b|c"], alert.id, T0, 60)
        new = set(raw.scan_iter(match="*", count=1000)) - before
    finally:
        raw.close()
    tag = "{" + redis_store.prefix + "}:"
    assert sorted(k for k in new if not k.startswith(tag)) == []
    assert {k[len(tag) :].split(":", 1)[0] for k in new} == {"alert", "alerts", "delivery", "held", "budget", "key"}


# --- item archive (wirewatch replay) ---------------------------------------------------------------------


def test_archive_keeps_items_in_time_order_and_prunes_by_age(store: Store) -> None:
    a = Item(id="a", source="s1", title="授權 deal", summary="x")
    b = Item(id="b", source="s2", title="second")
    c = Item(id="c", source="s1", title="third")
    store.archive_items([a, b], at=100.0)
    store.archive_items([c], at=200.0)
    store.archive_items([Item(id="a", source="s1", title="edited later")], at=300.0)  # first time wins
    assert [i.id for i in store.archived_items(since=0)] == ["a", "b", "c"]
    assert store.archived_items(since=0)[0] == a
    assert [i.id for i in store.archived_items(since=150)] == ["c"]
    assert [i.id for i in store.archived_items(since=0, limit=2)] == ["a", "b"]
    assert store.prune_archive(before=150) == 2
    assert [i.id for i in store.archived_items(since=0)] == ["c"]
    assert store.prune_archive(before=150) == 0
    store.archive_items([], at=400.0)


# --- fleet leases (issue 7) ------------------------------------------------------------------------------


def test_lease_is_exclusive_until_released(store: Store) -> None:
    assert store.acquire_lease("poll:a", "r1", 30)
    assert not store.acquire_lease("poll:a", "r2", 30)
    assert not store.acquire_lease("poll:a", "r1", 30), "not re-entrant: the owner's own lease blocks it too"
    held = store.lease("poll:a")
    assert held is not None and held[0] == "r1" and 29 < held[1] <= 30
    assert store.acquire_lease("poll:b", "r2", 30), "leases are per name"
    assert not store.release_lease("poll:a", "r2"), "only the owner releases"
    assert store.release_lease("poll:a", "r1")
    assert store.lease("poll:a") is None
    assert store.acquire_lease("poll:a", "r2", 30)


def test_lease_expires_and_another_owner_takes_over(store: Store) -> None:
    import time

    assert store.acquire_lease("deliver:slack:#x", "r1", 0.2)
    assert not store.acquire_lease("deliver:slack:#x", "r2", 30)
    time.sleep(0.3)
    assert store.lease("deliver:slack:#x") is None
    assert not store.renew_lease("deliver:slack:#x", "r1", 30), "an expired lease cannot be renewed"
    assert store.acquire_lease("deliver:slack:#x", "r2", 30)
    assert not store.renew_lease("deliver:slack:#x", "r1", 30), "nor renewed by its former owner"
    assert not store.release_lease("deliver:slack:#x", "r1")
    held = store.lease("deliver:slack:#x")
    assert held is not None and held[0] == "r2"


def test_renew_extends_and_release_keep_holds_idle(store: Store) -> None:
    import time

    assert store.acquire_lease("poll:a", "r1", 0.3)
    assert store.renew_lease("poll:a", "r1", 30)
    time.sleep(0.4)
    assert not store.acquire_lease("poll:a", "r2", 30), "renewed: still held"
    assert store.release_lease("poll:a", "r1", keep=0.3)
    held = store.lease("poll:a")
    assert held is not None and held[0] == "r1" and held[1] <= 0.3
    assert not store.acquire_lease("poll:a", "r1", 30), "kept idle: done until then, for its owner too"
    time.sleep(0.4)
    assert store.acquire_lease("poll:a", "r2", 30)


def test_lease_contention_has_one_winner(store: Store) -> None:
    wins: list[str] = []
    lock = threading.Lock()

    def race(owner: str) -> None:
        if store.acquire_lease("poll:hot", owner, 30):
            with lock:
                wins.append(owner)

    threads = [threading.Thread(target=race, args=(f"r{i}",)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(wins) == 1


def test_redis_lease_keys_live_under_the_prefix_hash_tag(redis_store: RedisStore, redis_url: str) -> None:
    redis_store.acquire_lease("poll:a", "r1", 30)
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    try:
        key = "{" + redis_store.prefix + "}:lease:poll:a"
        assert client.get(key) == "r1" and 0 < client.pttl(key) <= 30_000
    finally:
        client.close()
