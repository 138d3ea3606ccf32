"""Store faults are store unavailability (issue 14): a full disk, a damaged or deleted SQLite file, a lock
held by another writer, a Redis that refuses writes — each becomes a StoreUnavailable with advice, never a
raw driver error, and the store works again once the fault is gone. Real SQLite files, real redis-server."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from collectors.item import Item
from store.base import Store, StoreBusy, StoreCorrupt, StoreReset, StoreUnavailable
from store.records import Alert, SourceState, alert_id
from store.redis_store import RedisStore
from store.sqlite_store import SqliteStore, store_error
from store.writer_lock import lock_path
from tests.conftest import ROOT, free_port
from tests.servers.redis_process import RedisProcess

T0 = 1_700_000_000.0


def alert(n: int) -> Alert:
    item = Item(id=f"e{n}", source="wire", title=f"Event {n}", summary="", link=f"https://x.test/{n}")
    return Alert(id=alert_id("wire", item.id, "kw"), rule="r", item=item, severity="high", created_at=T0)


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SqliteStore]:
    s = SqliteStore(tmp_path / "state.db")
    yield s
    s.close()


# --- SQLite: a full disk ----------------------------------------------------------------------------------


def test_full_database_is_unavailable_with_advice_and_recovers(sqlite_store: SqliteStore) -> None:
    s = sqlite_store
    s.add_alert(alert(0), ["console"])
    db = s._conn()
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")  # this connection's file cannot grow: SQLITE_FULL
    with pytest.raises(StoreUnavailable) as info:
        s.mark_seen("wire", [f"entry-{i}-" + "x" * 200 for i in range(2000)], T0)
    assert not isinstance(info.value, sqlite3.Error)
    assert "cannot grow" in str(info.value) and "free space" in info.value.advice
    # The failed connection was dropped (not left inside a transaction): the next call works at once.
    assert s.add_alert(alert(1), ["console"])
    s.mark_seen("wire", ["a"], T0)
    assert s.unseen("wire", ["a", "b"]) == ["b"]


def test_failed_commit_leaves_no_transaction_open(sqlite_store: SqliteStore) -> None:
    s = sqlite_store
    with pytest.raises(sqlite3.Error), s._tx() as db:
        db.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
        db.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")  # a constraint fails mid-transaction
    assert not s._conn().in_transaction
    assert s.set_meta("k", "v2") and s.get_meta("k") == "v2"


@pytest.mark.parametrize(
    ("code", "kind", "advice"),
    [
        (sqlite3.SQLITE_FULL, StoreUnavailable, "free space"),
        (sqlite3.SQLITE_READONLY, StoreUnavailable, "writable"),
        (sqlite3.SQLITE_IOERR, StoreUnavailable, "df"),
        (sqlite3.SQLITE_BUSY, StoreBusy, "finish"),
        (sqlite3.SQLITE_NOTADB, StoreCorrupt, "restore a backup"),
        (sqlite3.SQLITE_CORRUPT, StoreCorrupt, "move state.db"),
    ],
)
def test_each_sqlite_failure_has_its_kind_and_advice(
    code: int, kind: type[StoreUnavailable], advice: str, tmp_path: Path
) -> None:
    exc = sqlite3.OperationalError("boom")
    exc.sqlite_errorcode = code  # as sqlite3 sets it
    failure = store_error(exc, tmp_path / "state.db")
    assert type(failure) is kind
    assert advice in failure.advice and "boom" in str(failure)


# --- SQLite: a damaged file ---------------------------------------------------------------------------------


def test_opening_a_file_that_is_not_a_database_says_what_to_do(tmp_path: Path) -> None:
    db = tmp_path / "state.db"
    db.write_bytes(b"this is not an SQLite database, just some text that someone wrote here\n" * 100)
    with pytest.raises(StoreCorrupt) as info:
        SqliteStore(db)
    text = str(info.value)
    assert "is damaged" in text and "not a database" in text
    assert "move state.db and its -wal and -shm files aside" in text and "restore a backup" in text


def test_a_database_damaged_while_open_is_reported_as_corrupt(sqlite_store: SqliteStore) -> None:
    s = sqlite_store
    for n in range(50):
        s.add_alert(alert(n), ["console"])
    s.close()  # checkpoint everything into the file, then damage its header and first pages in place
    with s.path.open("r+b") as f:
        f.write(b"\xff" * 4096)
    with pytest.raises(StoreCorrupt) as info:
        s.recent_alerts()
    assert "move state.db" in info.value.advice


# --- SQLite: a deleted or replaced file ---------------------------------------------------------------------


def test_deleted_database_is_created_again_and_the_write_refused(sqlite_store: SqliteStore) -> None:
    s = sqlite_store
    s.save_source_state(SourceState(source_id="wire"))
    s.mark_seen("wire", ["a"], T0)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{s.path}{suffix}").unlink(missing_ok=True)
    with pytest.raises(StoreReset) as info:
        s.mark_seen("wire", ["b"], T0)  # would have gone into the unlinked file and vanished
    assert "deleted while in use" in str(info.value) and "re-baseline" in info.value.advice
    assert s.path.is_file()
    assert s.get_source_state("wire") is None and s.unseen("wire", ["a", "b"]) == ["a", "b"]
    s.mark_seen("wire", ["b"], T0)  # the new file has every table
    assert s.add_alert(alert(1), ["console"])
    s.close()
    with SqliteStore(s.path) as again:  # and it is the file on disk, not a ghost
        assert again.unseen("wire", ["a", "b"]) == ["a"]


def test_deleted_database_seen_by_several_threads_is_created_once(sqlite_store: SqliteStore) -> None:
    import threading

    s = sqlite_store
    s.mark_seen("wire", ["a"], T0)
    s.path.unlink()
    outcomes: list[str] = []

    def write(n: int) -> None:
        try:
            s.mark_seen("wire", [f"t{n}"], T0)
            outcomes.append("ok")
        except StoreReset:
            outcomes.append("reset")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert "reset" in outcomes and len(outcomes) == 8
    ident = os.stat(s.path).st_ino
    s.mark_seen("wire", ["after"], T0)
    assert os.stat(s.path).st_ino == ident  # one new file, not one per thread
    assert s.unseen("wire", ["after"]) == []


def test_stale_wal_without_its_database_is_set_aside(tmp_path: Path) -> None:
    db = tmp_path / "state.db"
    with SqliteStore(db) as s:
        s.mark_seen("wire", ["a"], T0)
    wal = Path(f"{db}-wal")
    wal.write_bytes(b"\x37\x7f\x06\x82" + b"\x00" * 60)  # a WAL header left behind
    db.unlink()
    with SqliteStore(db) as s:
        assert s.unseen("wire", ["a"]) == ["a"]
    assert [p.name for p in tmp_path.glob("state.db-wal.orphaned-*")]


# --- SQLite: one writer per file ---------------------------------------------------------------------------


def test_second_writer_waits_then_is_told_who_holds_the_store(tmp_path: Path) -> None:
    db = tmp_path / "state.db"
    first, second = SqliteStore(db), SqliteStore(db)
    try:
        first.claim_writer(0)
        started = time.monotonic()
        with pytest.raises(StoreBusy) as info:
            second.claim_writer(0.3)
        assert time.monotonic() - started >= 0.3
        assert f"pid {os.getpid()}" in str(info.value) and "waited" in str(info.value)
        assert second.recent_alerts() == []  # readers are not shut out
        first.close()
        second.claim_writer(0)  # free once the holder closed
    finally:
        first.close()
        second.close()
    assert lock_path(db).exists()


def test_writer_lock_of_a_killed_process_is_free_at_once(tmp_path: Path) -> None:
    db = tmp_path / "state.db"
    SqliteStore(db).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from store.sqlite_store import SqliteStore; "
            f"s = SqliteStore({str(db)!r}); s.claim_writer(0); print('held', flush=True); time.sleep(60)",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with SqliteStore(db) as s, pytest.raises(StoreBusy) as info:
            s.claim_writer(0)
        assert f"pid {holder.pid}" in str(info.value)
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
        with SqliteStore(db) as s:
            s.claim_writer(0)  # no stale lock after SIGKILL
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


# --- the store's own notes (both backends) -----------------------------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        s: Store = SqliteStore(tmp_path / "state.db")
    else:
        s = RedisStore(request.getfixturevalue("redis_url"), prefix=request.getfixturevalue("redis_prefix"))
    yield s
    s.close()


def test_meta_notes_write_once_or_replace(any_store: Store) -> None:
    s = any_store
    assert s.get_meta("identity") is None
    assert s.set_meta("identity", "one", if_missing=True)
    assert not s.set_meta("identity", "two", if_missing=True)
    assert s.get_meta("identity") == "one"
    assert s.set_meta("identity", "three")
    assert s.get_meta("identity") == "three"


# --- Redis that refuses writes ------------------------------------------------------------------------------


@pytest.mark.redis
def test_redis_out_of_memory_is_unavailable_not_a_raw_error(tmp_path: Path) -> None:
    server = RedisProcess(tmp_path, free_port()).start()  # our own server: its memory limit is ours to set
    client = redis.Redis.from_url(server.url)
    s = RedisStore(server.url, prefix="wwtest-oom")
    try:
        s.mark_seen("wire", ["a"], T0)
        client.config_set("maxmemory-policy", "noeviction")
        client.config_set("maxmemory", "1")
        with pytest.raises(StoreUnavailable) as info:
            s.add_alert(alert(0), ["console"])
        assert not isinstance(info.value, redis.exceptions.RedisError)
        assert "OutOfMemoryError" in str(info.value) and "maxmemory" in str(info.value)
        client.config_set("maxmemory", "0")
        assert s.add_alert(alert(0), ["console"])
    finally:
        s.close()
        client.close()
        server.stop()
