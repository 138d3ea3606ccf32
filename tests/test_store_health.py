"""The pure parts of store health (issue 14) and the metrics that show it (issue 13, item 7): the retry schedule
during a store fault, episodes, the identity marker on both backends, `/healthz` bodies, per-source last
success and build info, and the one-word source status `wirewatch sources` prints."""

from __future__ import annotations

import platform
from collections.abc import Iterator
from pathlib import Path

import pytest
from prometheus_client import generate_latest

from domain.source_state import SourceState
from store.base import Store, StoreBusy, StoreCorrupt, StoreReset, StoreUnavailable
from store.redis_store import RedisStore
from store.sqlite_store import SqliteStore
from wirewatch import __version__
from wirewatch.config import RssSourceConfig
from wirewatch.health import source_status
from wirewatch.metrics import STALL_AFTER, Metrics
from wirewatch.store_health import SETTLE, STORE_RETRY_MIN, StoreIdentity, StoreWatch, probe, store_retry_at

T0 = 1_700_000_000.0


# --- the retry schedule ----------------------------------------------------------------------------------


@pytest.mark.parametrize("interval", [10.0, 60.0, 300.0, 3600.0])
def test_retries_back_off_but_never_past_one_interval(interval: float) -> None:
    waits = [store_retry_at(T0, T0 + age, interval) - (T0 + age) for age in (0, 1, 5, 30, 120, 900, 86400)]
    assert waits[0] == STORE_RETRY_MIN
    assert waits == sorted(waits), "the longer the fault, the longer the wait"
    assert max(waits) == interval, "but never longer than the interval: recovery is seen within one"


def test_retry_jitter_only_shortens() -> None:
    plain = store_retry_at(T0, T0 + 100, 300)
    assert store_retry_at(T0, T0 + 100, 300, jitter=0.99) < plain
    assert store_retry_at(T0, T0 + 100, 300, jitter=0.99) >= T0 + 100 + 0.75 * 100


# --- episodes ----------------------------------------------------------------------------------------------


def test_an_episode_begins_once_keeps_its_start_and_ends_once() -> None:
    watch = StoreWatch()
    first = watch.failed(StoreUnavailable("disk full", "free space"), T0)
    assert (first.status, first.since, first.told) == ("unavailable", T0, False)
    assert first.reason == "disk full (free space)"
    watch.mark_told(True)
    later = watch.failed(StoreBusy("locked"), T0 + 5)
    assert (later.status, later.since, later.told) == ("busy", T0, True), "the same episode, now busy"
    assert watch.succeeded(T0 + 5 + SETTLE - 1) is None, "a write between failures does not end it"
    assert not watch.condition.ok
    ended = watch.succeeded(T0 + 5 + SETTLE)
    assert ended is not None and ended.since == T0
    assert watch.condition.ok and watch.succeeded(T0 + 100) is None


def test_corrupt_is_its_own_status() -> None:
    watch = StoreWatch()
    assert watch.failed(StoreCorrupt("bad page"), T0).status == "corrupt"
    assert watch.failed(StoreReset("gone"), T0).status == "unavailable"


# --- the identity marker, on both backends ----------------------------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        s: Store = SqliteStore(tmp_path / "state.db")
    else:
        s = RedisStore(request.getfixturevalue("redis_url"), prefix=request.getfixturevalue("redis_prefix"))
    yield s
    s.close()


def test_identity_is_shared_and_a_lost_store_is_noticed_once(store: Store) -> None:
    one, two = StoreIdentity(store), StoreIdentity(store)
    token = one.establish()
    assert two.establish() == token, "every replica adopts the same marker"
    assert one.verify(T0) is None and not one.rebaseline(has_state=False)

    store.set_meta("identity", "someone-else")  # as if another store's data had been restored here
    lost = one.verify(T0 + 1)
    assert isinstance(lost, StoreReset) and "holds another store's data" in lost.message
    assert "appendfsync always" in lost.advice
    assert one.lost_at == T0 + 1 and one.token == "someone-else"
    assert one.verify(T0 + 2) is None, "told once: the new marker is adopted"
    assert one.rebaseline(has_state=False) and not one.rebaseline(has_state=True)
    assert isinstance(two.verify(T0 + 3), StoreReset), "each replica notices for itself"


def test_identity_of_a_store_down_at_start_is_adopted_later(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "state.db") as s:
        identity = StoreIdentity(s)
        assert identity.verify(T0) is None and identity.token is not None
        assert identity.lost_at is None


def test_probe_writes_a_note(store: Store) -> None:
    assert probe(store, T0) is None
    assert store.get_meta("probe") == repr(T0)


# --- metrics and /healthz -----------------------------------------------------------------------------------


def test_health_ok_degraded_down() -> None:
    m = Metrics()
    ok, body = m.health(m.heartbeat)
    assert ok and body == {"status": "ok", "store": "ok", "heartbeat_age": 0.0}

    watch = StoreWatch()
    m.store(watch.failed(StoreUnavailable("cannot be written: disk I/O error", "check df"), T0))
    ok, body = m.health(m.heartbeat)
    assert ok, "degraded still answers 200: restarting would not fix the store"
    assert body["status"] == "degraded" and body["store"] == "unavailable"
    assert body["reason"] == "store: cannot be written: disk I/O error (check df)"
    assert body["store_since"] == "2023-11-14 22:13:20Z"
    assert b"wirewatch_store_up 0.0" in generate_latest(m.registry)

    m.store(watch.failed(StoreCorrupt("damaged", "restore a backup"), T0 + 1))
    ok, body = m.health(m.heartbeat)
    assert not ok and body["status"] == "down" and body["store"] == "corrupt"

    m.store(StoreWatch().condition)
    ok, body = m.health(m.heartbeat + STALL_AFTER + 1)
    assert not ok and body["status"] == "down" and str(body["reason"]).startswith("event loop stalled")
    assert b"wirewatch_store_up 1.0" in generate_latest(m.registry)


def test_build_info_and_last_success_per_source() -> None:
    m = Metrics()
    m.source_state(SourceState(source_id="wire", last_success=T0))
    m.source_state(SourceState(source_id="never"))  # no success yet: no sample
    m.source_state(None)
    text = generate_latest(m.registry).decode()
    assert f'wirewatch_build_info{{python="{platform.python_version()}",version="{__version__}"}} 1.0' in text
    assert 'wirewatch_source_last_success_timestamp_seconds{source="wire"} 1.7e+09' in text
    assert 'source="never"' not in text


# --- `wirewatch sources` status -----------------------------------------------------------------------------


def test_source_status_says_overdue_when_nothing_was_saved_since_it_was_due() -> None:
    src = RssSourceConfig(id="wire", url="http://x.test/f.xml", interval=60)
    fine = SourceState(source_id="wire", last_success=T0, next_poll=T0 + 60)
    assert source_status(src, fine, T0 + 100) == "ok"
    assert source_status(src, fine, T0 + 60 + 300) == "ok"
    assert source_status(src, fine, T0 + 60 + 301) == "overdue"
    slow = RssSourceConfig(id="wire", url="http://x.test/f.xml", interval=3600)
    assert source_status(slow, fine, T0 + 60 + 7000) == "ok" and source_status(slow, fine, T0 + 60 + 7201) == "overdue"
    assert source_status(src, None, T0) == "never polled"
    assert source_status(src, fine.evolve(consecutive_failures=2), T0 + 10_000) == "failing"
    off = RssSourceConfig(id="wire", url="http://x.test/f.xml", enabled=False)
    assert source_status(off, fine, T0) == "off"


@pytest.mark.redis
def test_redis_without_append_only_file_is_warned_about(tmp_path: Path) -> None:
    from tests.conftest import free_port
    from tests.servers.redis_process import RedisProcess

    for persistent, expected in ((False, "runs without an append-only file"), (True, None)):
        server = RedisProcess(tmp_path, free_port(), persistent=persistent).start()
        try:
            with RedisStore(server.url, prefix="wwtest-durable") as s:
                warning = s.durability_warning()
        finally:
            server.stop()
        assert (warning is None) if expected is None else (warning is not None and expected in warning)
    with SqliteStore(tmp_path / "state.db") as s:
        assert s.durability_warning() is None
