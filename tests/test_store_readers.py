"""The readers' part of the store contract (issue 12): silences and verdicts, held by a real SQLite file and a
real redis-server alike. Two handles on one store stand for two replicas."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.judgements import Matcher, Silence, Verdict
from store.base import Store
from store.redis_store import RedisStore
from store.sqlite_store import SqliteStore

T0 = 1_700_000_000.0
DAY = 86400.0


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("redis", id="redis", marks=pytest.mark.redis),
    ]
)
def pair(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    """Two handles on the same store: replica A and replica B."""
    if request.param == "sqlite":
        a: Store = SqliteStore(tmp_path / "wirewatch.db")
        b: Store = SqliteStore(tmp_path / "wirewatch.db")
    else:
        url: str = request.getfixturevalue("redis_url")
        prefix: str = request.getfixturevalue("redis_prefix")
        a, b = RedisStore(url, prefix=prefix), RedisStore(url, prefix=prefix)
    yield a, b
    a.close()
    b.close()


def silence(n: int = 1, *, created: float = T0, start: float = T0, end: float = T0 + 7 * DAY, **kw: object) -> Silence:
    fields: dict[str, object] = {
        "id": f"s{n:015d}",
        "matchers": (Matcher("event", "=", "bd_deal"), Matcher("party", "=", "石藥集團 (CSPC)")),
        "starts_at": start,
        "ends_at": end,
        "author": "ana",
        "comment": "not our desk — 無關",
        "created_at": created,
        "author_id": "U0ANA",
        "origin": "a" * 32,
    }
    fields.update(kw)
    return Silence(**fields)  # type: ignore[arg-type]


def verdict(n: int = 1, *, at: float = T0, alert: str = "a" * 32, kind: str = "useful", **kw: object) -> Verdict:
    fields: dict[str, object] = {
        "id": f"v{n:031d}",
        "alert_id": alert,
        "verdict": kind,
        "user_id": "U0ANA",
        "at": at,
        "user_name": "ana",
        "reason": "",
        "rule": "bd-deal",
        "event": "bd_deal",
        "fields": {"licensor": "石藥集團", "licensee": "AstraZeneca", "upfront": 100_000_000, "x": None},
        "source": "news-zh",
        "item_id": "guid-1",
        "title": "石藥集團與阿斯利康訂獨家授權",
        "summary": "預收1億美元",
        "link": "http://news.test/1",
        "published": "2024-10-08T00:00:00+00:00",
        "channel": "CMARKET",
        "message_ts": "1700000000.000100",
    }
    fields.update(kw)
    return Verdict(**fields)  # type: ignore[arg-type]


# --- silences ------------------------------------------------------------------------------------------------


def test_a_silence_round_trips_and_another_replica_sees_it_at_once(pair: tuple[Store, Store]) -> None:
    a, b = pair
    s = silence(expired_at=None)
    assert a.add_silence(s) is True
    assert b.get_silence(s.id) == s
    assert b.silences(T0 + 1) == [s]
    assert b.silences() == [s]


def test_adding_the_same_silence_again_changes_nothing(pair: tuple[Store, Store]) -> None:
    a, b = pair
    s = silence()
    assert a.add_silence(s) is True
    assert b.add_silence(s.evolve(comment="a redelivery that differs", ends_at=T0 + 30 * DAY)) is False
    assert a.get_silence(s.id) == s
    assert len(a.silences()) == 1


def test_unknown_silence_is_none_and_cannot_be_expired(pair: tuple[Store, Store]) -> None:
    a, _ = pair
    assert a.get_silence("nope") is None
    assert a.expire_silence("nope", "ana", T0) is False
    assert a.silences() == [] and a.silences(T0) == []


def test_active_listing_leaves_out_ended_ones_and_keeps_pending_ones(pair: tuple[Store, Store]) -> None:
    a, _ = pair
    over = silence(1, created=T0 - 10 * DAY, start=T0 - 10 * DAY, end=T0 - DAY)
    now_on = silence(2, created=T0 - 1)
    later = silence(3, created=T0, start=T0 + DAY, end=T0 + 2 * DAY)
    for s in (over, now_on, later):
        assert a.add_silence(s)
    assert [s.id for s in a.silences(T0)] == [later.id, now_on.id]  # newest first
    assert [s.id for s in a.silences()] == [later.id, now_on.id, over.id]
    assert a.silences(T0 + 7 * DAY) == []  # an end is exclusive


def test_expiring_early_ends_it_everywhere_and_keeps_it_for_audit(pair: tuple[Store, Store]) -> None:
    a, b = pair
    s = silence()
    a.add_silence(s)
    assert b.expire_silence(s.id, "bo", T0 + 3600) is True
    ended = a.get_silence(s.id)
    assert ended is not None
    assert (ended.expired_at, ended.expired_by) == (T0 + 3600, "bo")
    assert ended.ends_at == s.ends_at and ended.ended_at == T0 + 3600
    assert ended.state(T0 + 3601) == "expired"
    assert a.silences(T0 + 3600) == [] and b.silences(T0 + 1800) == [ended]
    assert a.silences() == [ended]
    # a second undo (a redelivery, or another reader) changes nothing
    assert a.expire_silence(s.id, "cy", T0 + 7200) is False
    assert b.get_silence(s.id) == ended


def test_a_silence_that_already_ran_out_is_not_expired_again(pair: tuple[Store, Store]) -> None:
    a, _ = pair
    s = silence(end=T0 + 60)
    a.add_silence(s)
    assert a.expire_silence(s.id, "ana", T0 + 60) is False
    assert a.get_silence(s.id) == s


def test_concurrent_adds_of_one_silence_store_it_once(pair: tuple[Store, Store]) -> None:
    a, b = pair
    s = silence()
    results: list[bool] = []
    lock = threading.Lock()

    def add(store: Store) -> None:
        ok = store.add_silence(s)
        with lock:
            results.append(ok)

    threads = [threading.Thread(target=add, args=(st,)) for st in (a, b, a, b, a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False] * 5 + [True]
    assert a.silences() == [s]


def test_silences_survive_a_restart(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, _ = pair
    s = silence()
    a.add_silence(s)
    a.expire_silence(s.id, "ana", T0 + 5)
    if isinstance(a, SqliteStore):
        again: Store = SqliteStore(a.path)
    else:
        assert isinstance(a, RedisStore)
        again = RedisStore(a.url, prefix=a.prefix)
    try:
        got = again.get_silence(s.id)
        assert got is not None and got.expired_at == T0 + 5
        assert again.silences() == [got]
    finally:
        again.close()


# --- verdicts -----------------------------------------------------------------------------------------------------


def test_a_verdict_round_trips_with_its_snapshot(pair: tuple[Store, Store]) -> None:
    a, b = pair
    v = verdict(reason="not a deal: a round-up")
    assert a.add_verdict(v) is True
    assert b.verdicts() == [v]
    assert b.verdicts(alert_id=v.alert_id) == [v]


def test_the_same_verdict_twice_is_stored_once(pair: tuple[Store, Store]) -> None:
    a, b = pair
    v = verdict()
    assert a.add_verdict(v) is True
    assert b.add_verdict(v) is False
    assert a.verdicts() == [v]


def test_verdicts_by_period_and_alert_oldest_first(pair: tuple[Store, Store]) -> None:
    a, _ = pair
    v1 = verdict(1, at=T0)
    v2 = verdict(2, at=T0 + 10, alert="b" * 32, kind="not_relevant")
    v3 = verdict(3, at=T0 + 20, kind="withdrawn")
    for v in (v3, v1, v2):
        a.add_verdict(v)
    assert a.verdicts() == [v1, v2, v3]
    assert a.verdicts(since=T0 + 10) == [v2, v3]
    assert a.verdicts(since=T0, until=T0 + 20) == [v1, v2]  # until is exclusive
    assert a.verdicts(alert_id="a" * 32) == [v1, v3]
    assert a.verdicts(since=T0 + 1, alert_id="a" * 32) == [v3]
    assert a.verdicts(alert_id="c" * 32) == []


def test_an_empty_store_has_no_readers_records(pair: tuple[Store, Store]) -> None:
    a, _ = pair
    assert a.verdicts() == [] and a.silences() == []
