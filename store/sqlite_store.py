"""Embedded default: one SQLite file in WAL mode. Zero set-up, survives restarts, safe across threads."""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from domain.alert import Alert
from domain.delivery import Delivery
from domain.item import Item
from domain.judgements import Silence, Verdict
from domain.observation import Observation
from domain.source_state import SourceState
from store.base import Store, StoreBusy, StoreCorrupt, StoreReset, StoreUnavailable
from store.writer_lock import WriterLock

log = logging.getLogger("wirewatch.store")
F = TypeVar("F", bound=Callable[..., Any])

SCHEMA_VERSION = 2  # 2: the meta table
SCHEMA = """
CREATE TABLE IF NOT EXISTS source_state (
    source_id TEXT PRIMARY KEY,
    data      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS seen (
    source_id TEXT NOT NULL,
    entry_id  TEXT NOT NULL,
    seen_at   REAL NOT NULL,
    PRIMARY KEY (source_id, entry_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS alerts (
    id         TEXT PRIMARY KEY,
    created_at REAL NOT NULL,
    rule       TEXT NOT NULL,
    source     TEXT NOT NULL,
    data       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alerts_created ON alerts (created_at);
CREATE TABLE IF NOT EXISTS deliveries (
    alert_id     TEXT NOT NULL REFERENCES alerts (id),
    target       TEXT NOT NULL,
    status       TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_attempt REAL NOT NULL,
    last_error   TEXT,
    ref          TEXT,
    updated_at   REAL NOT NULL,
    PRIMARY KEY (alert_id, target)
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (status, next_attempt);
"""

_CHUNK = 500  # stay well under SQLite's host-parameter limit

ARCHIVE_SCHEMA = """
CREATE TABLE IF NOT EXISTS archive (
    source TEXT NOT NULL,
    id     TEXT NOT NULL,
    at     REAL NOT NULL,
    data   TEXT NOT NULL,
    PRIMARY KEY (source, id)
);
CREATE INDEX IF NOT EXISTS archive_at ON archive (at);
"""

OBSERVATIONS_SCHEMA = """
CREATE TABLE IF NOT EXISTS observations (
    series  TEXT NOT NULL,
    period  TEXT NOT NULL,
    value   REAL NOT NULL,
    vintage TEXT NOT NULL,
    PRIMARY KEY (series, period)
) WITHOUT ROWID;
"""


OUTBOX_SCHEMA = """
CREATE TABLE IF NOT EXISTS event_keys (
    key        TEXT PRIMARY KEY,
    alert_id   TEXT NOT NULL,
    claimed_at REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS budgets (
    key    TEXT NOT NULL,
    win    REAL NOT NULL,
    used   INTEGER NOT NULL,
    PRIMARY KEY (key, win)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS deliveries_status ON deliveries (status, updated_at);
CREATE TABLE IF NOT EXISTS leases (
    name    TEXT PRIMARY KEY,
    owner   TEXT NOT NULL,
    expires REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
"""

# SQLite's primary result codes (the low byte of `sqlite_errorcode`)
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 3, 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26


def store_error(exc: sqlite3.Error, path: Path) -> StoreUnavailable:
    """What an SQLite error means for the operator: every one is the store being unavailable, with advice;
    a damaged file is StoreCorrupt (retrying cannot help), a lock held elsewhere StoreBusy. Pure."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc) or type(exc).__name__
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB) or "not a database" in text or "malformed" in text:
        return StoreCorrupt(
            f"the database {path} is damaged: {text}",
            f"stop wirewatch, move {path.name} and its -wal and -shm files aside, then restore a backup or "
            "start without one (a new empty database is created; every source re-baselines)",
        )
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreBusy(f"the database {path} is locked by another process: {text}", "let it finish")
    if primary == SQLITE_FULL:
        return StoreUnavailable(f"the database {path} cannot grow: {text}", f"free space where {path.parent} is")
    if primary in (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN):
        return StoreUnavailable(
            f"the database {path} cannot be written: {text}",
            f"make {path} and its folder writable by the user wirewatch runs as",
        )
    if primary == SQLITE_IOERR:
        return StoreUnavailable(
            f"the database {path} cannot be written: {text}", "check free space (df) and the file system"
        )
    return StoreUnavailable(f"the database {path}: {text}")


def _guarded(fn: F) -> F:
    """Every store call: an SQLite error becomes StoreUnavailable (never a raw traceback up the stack), and a
    connection that failed for anything but a lock is dropped, so the next call starts on a fresh one."""

    @functools.wraps(fn)
    def call(self: SqliteStore, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(self, *args, **kwargs)
        except sqlite3.Error as exc:
            failure = store_error(exc, self.path)
            if not isinstance(failure, StoreBusy):
                self._forget_conn()
            raise failure from exc

    return call  # type: ignore[return-value]


def _add_column(db: sqlite3.Connection, table: str, column: str, decl: str) -> None:
    """Files written by an older version lack newer columns: add them in place (idempotent)."""
    if column not in {row[1] for row in db.execute(f"PRAGMA table_info({table})")}:
        db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")


class SqliteStore(Store):
    local_calls = True  # a local file: calls made on the event loop (see Store.local_calls)

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.url = f"sqlite:///{self.path}"
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.RLock()  # RLock: reopening (under it) opens a connection (which takes it too)
        self._gen = 0  # bumped when the file is opened afresh: every thread then opens a new connection
        self._ident: tuple[int, int] | None = None  # (device, inode) of the file our connections have open
        self._writer = WriterLock(self.path)
        if self.path.parent and not self.path.parent.exists():
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreUnavailable(f"cannot create {self.path.parent}: {exc.strerror}") from None
        try:
            self._open()
        except sqlite3.Error as exc:
            self.close()
            raise store_error(exc, self.path) from exc

    def _open(self) -> None:
        """Open (or create) the file and bring its schema up to date: idempotent DDL."""
        self._set_aside_orphans()
        db = self._conn(create=True)
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:  # up to date: nothing to write,
            db.executescript(SCHEMA)  # so a store that cannot be written can still be read (`sources`)
            db.executescript(OBSERVATIONS_SCHEMA)  # idempotent DDL; executescript manages its own transaction
            db.executescript(ARCHIVE_SCHEMA)
            _add_column(db, "deliveries", "in_doubt_since", "REAL")
            db.executescript(OUTBOX_SCHEMA)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self._reader_schema_ready = False
        st = os.stat(self.path)
        self._ident = (st.st_dev, st.st_ino)

    def _set_aside_orphans(self) -> None:
        """A -wal or -shm file without its database (deleted by hand) must not be replayed into a new one."""
        if self.path.exists():
            return
        for suffix in ("-wal", "-shm"):
            orphan = self.path.with_name(self.path.name + suffix)
            if orphan.exists():
                aside = orphan.with_name(f"{orphan.name}.orphaned-{int(time.time())}")
                with contextlib.suppress(OSError):
                    orphan.rename(aside)
                    log.warning("store: %s had no database beside it; moved aside to %s", orphan, aside.name)

    # One connection per thread: sqlite3 connections must not be shared across threads.
    def _conn(self, *, create: bool = False) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None and getattr(self._local, "gen", -1) == self._gen:
            return conn
        if not create and self._ident is not None and not self.path.exists():
            # A new thread's first connection would create an empty file silently, and the next write would
            # take it for a replaced database: say what happened (deleted), as a write would.
            self._check_file()
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            _set_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error:
            conn.close()
            raise
        self._local.conn, self._local.gen = conn, self._gen
        with self._lock:
            self._all.append(conn)
        return conn

    def _forget_conn(self) -> None:
        """Drop this thread's connection after a failure (a disk I/O error can leave it unusable)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is None:
            return
        with self._lock:
            if conn in self._all:
                self._all.remove(conn)
        with contextlib.suppress(sqlite3.Error):
            conn.close()

    def _check_file(self) -> None:
        """Before each write: is the file we have open still the one at our path? Deleted under us, writes
        would go on into an unlinked file and vanish at exit; so a deleted database is created again (and
        the write in progress refused with StoreReset), and a replaced one (a restored backup) is reopened."""
        now = self._stat()
        if now is not None and now == self._ident:
            return
        if not self.path.parent.is_dir():
            raise StoreUnavailable(f"the folder of the database {self.path} is gone", "restore it or fix the mount")
        with self._lock:  # one thread reopens; the others find it done and only refuse their write
            if self._ident is None or self._ident != self._stat():
                for conn in self._all:  # checkpoints into the old file, which goes with its last handle
                    with contextlib.suppress(sqlite3.Error):
                        conn.close()
                self._all.clear()
                self._gen += 1
                self._open()
                # Logged here, once per reopening: the thread that reopened may be one whose caller only
                # retries (a read, a heartbeat), and the later writers find the new file already in place.
                gone = "was deleted while in use; a new empty one was created" if now is None else "was replaced"
                log.error("store: the database %s %s", self.path, gone)
        if now is None:
            raise StoreReset(
                f"the database {self.path} was deleted while in use; a new empty one was created",
                "source states, seen entries and unsent alerts that were in it are gone; sources re-baseline",
            )
        raise StoreReset(f"the database {self.path} was replaced by another file; reopened")

    def _stat(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_dev, st.st_ino)

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        self._check_file()
        db = self._conn()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):  # the body failed, or COMMIT did (disk full): never leave
                db.execute("ROLLBACK")  # a transaction open on this connection
            raise

    # --- the store's own notes ------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self._conn().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str, *, if_missing: bool = False) -> bool:
        verb = "INSERT OR IGNORE" if if_missing else "INSERT OR REPLACE"
        with self._tx() as db:
            return db.execute(f"{verb} INTO meta (key, value) VALUES (?, ?)", (key, value)).rowcount == 1

    def claim_writer(self, wait: float) -> None:
        self._writer.acquire(wait)

    # --- sources -------------------------------------------------------------------------------------
    def get_source_state(self, source_id: str) -> SourceState | None:
        row = self._conn().execute("SELECT data FROM source_state WHERE source_id = ?", (source_id,)).fetchone()
        return SourceState.from_json(row[0]) if row else None

    def save_source_state(self, state: SourceState) -> None:
        self.save_source_states((state,))

    def save_source_states(self, states: Sequence[SourceState]) -> None:
        if not states:
            return
        with self._tx() as db:
            db.executemany(
                "INSERT INTO source_state (source_id, data) VALUES (?, ?) "
                "ON CONFLICT (source_id) DO UPDATE SET data = excluded.data",
                [(st.source_id, st.to_json()) for st in states],
            )

    def list_source_states(self) -> list[SourceState]:
        rows = self._conn().execute("SELECT data FROM source_state ORDER BY source_id").fetchall()
        return [SourceState.from_json(r[0]) for r in rows]

    # --- seen ----------------------------------------------------------------------------------------
    def unseen(self, source_id: str, entry_ids: Sequence[str]) -> list[str]:
        known: set[str] = set()
        db = self._conn()
        ids = list(dict.fromkeys(entry_ids))
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = db.execute(
                f"SELECT entry_id FROM seen WHERE source_id = ? AND entry_id IN ({marks})", (source_id, *chunk)
            ).fetchall()
            known.update(r[0] for r in rows)
        return [e for e in ids if e not in known]

    def mark_seen(self, source_id: str, entry_ids: Sequence[str], at: float) -> None:
        with self._tx() as db:
            db.executemany(
                "INSERT OR IGNORE INTO seen (source_id, entry_id, seen_at) VALUES (?, ?, ?)",
                [(source_id, e, at) for e in entry_ids],
            )

    # --- alerts --------------------------------------------------------------------------------------
    def add_alert(self, alert: Alert, targets: Sequence[str], *, silenced: str | None = None) -> bool:
        status = "pending" if silenced is None else "silenced"
        with self._tx() as db:
            cur = db.execute(
                "INSERT OR IGNORE INTO alerts (id, created_at, rule, source, data) VALUES (?, ?, ?, ?, ?)",
                (alert.id, alert.created_at, alert.rule, alert.item.source, alert.to_json()),
            )
            if cur.rowcount == 0:
                return False
            db.executemany(
                "INSERT OR IGNORE INTO deliveries "
                "(alert_id, target, status, attempts, next_attempt, last_error, updated_at) "
                "VALUES (?, ?, ?, 0, ?, ?, ?)",
                [(alert.id, t, status, alert.created_at, silenced, alert.created_at) for t in targets],
            )
            return True

    def get_alert(self, alert_id: str) -> Alert | None:
        row = self._conn().execute("SELECT data FROM alerts WHERE id = ?", (alert_id,)).fetchone()
        return Alert.from_json(row[0]) if row else None

    @staticmethod
    def _delivery(row: tuple[Any, ...]) -> Delivery:
        a, t, s, n, nxt, err, ref, upd, doubt = row
        return Delivery(
            str(a), str(t), str(s), int(n), float(nxt), err, ref, float(upd), None if doubt is None else float(doubt)
        )

    _DCOLS = "alert_id, target, status, attempts, next_attempt, last_error, ref, updated_at, in_doubt_since"

    def due_deliveries(self, now: float, limit: int = 100) -> list[Delivery]:
        rows = (
            self._conn()
            .execute(
                f"SELECT {self._DCOLS} FROM deliveries WHERE status = 'pending' AND next_attempt <= ? "
                "ORDER BY next_attempt, alert_id LIMIT ?",
                (now, limit),
            )
            .fetchall()
        )
        return [self._delivery(r) for r in rows]

    def deliveries(self, alert_id: str) -> list[Delivery]:
        rows = (
            self._conn()
            .execute(f"SELECT {self._DCOLS} FROM deliveries WHERE alert_id = ? ORDER BY target", (alert_id,))
            .fetchall()
        )
        return [self._delivery(r) for r in rows]

    def mark_sent(self, alert_id: str, target: str, ref: str | None, now: float) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE deliveries SET status = 'sent', attempts = attempts + 1, ref = ?, last_error = NULL, "
                "in_doubt_since = NULL, updated_at = ? WHERE alert_id = ? AND target = ?",
                (ref, now, alert_id, target),
            )

    def mark_retry(
        self, alert_id: str, target: str, error: str, next_attempt: float, now: float, *, in_doubt: bool = False
    ) -> None:
        doubt = "in_doubt_since" if in_doubt else "NULL"
        with self._tx() as db:
            db.execute(
                "UPDATE deliveries SET attempts = attempts + 1, last_error = ?, next_attempt = ?, updated_at = ?, "
                f"in_doubt_since = {doubt} WHERE alert_id = ? AND target = ? AND status = 'pending'",
                (error, next_attempt, now, alert_id, target),
            )

    def mark_failed(self, alert_id: str, target: str, error: str, now: float) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE deliveries SET status = 'failed', attempts = attempts + 1, last_error = ?, updated_at = ?, "
                "in_doubt_since = NULL WHERE alert_id = ? AND target = ?",
                (error, now, alert_id, target),
            )

    def recent_alerts(self, limit: int = 50) -> list[Alert]:
        rows = self._conn().execute("SELECT data FROM alerts ORDER BY created_at DESC, id LIMIT ?", (limit,)).fetchall()
        return [Alert.from_json(r[0]) for r in rows]

    # --- delivery guarantees ---------------------------------------------------------------------------
    def begin_attempt(self, alert_id: str, target: str, now: float) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE deliveries SET in_doubt_since = ? WHERE alert_id = ? AND target = ? AND status = 'pending'",
                (now, alert_id, target),
            )

    def hold(self, alert_id: str, target: str, reason: str, now: float) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE deliveries SET status = 'held', last_error = ?, updated_at = ?, in_doubt_since = NULL "
                "WHERE alert_id = ? AND target = ? AND status = 'pending'",
                (reason, now, alert_id, target),
            )

    def deliveries_in(self, status: str, limit: int = 1000) -> list[Delivery]:
        if status not in ("pending", "held", "failed", "silenced"):
            raise ValueError(f"cannot list deliveries in status {status!r}")
        order = "next_attempt" if status == "pending" else "updated_at"
        rows = (
            self._conn()
            .execute(
                f"SELECT {self._DCOLS} FROM deliveries WHERE status = ? ORDER BY {order}, alert_id, target LIMIT ?",
                (status, limit),
            )
            .fetchall()
        )
        return [self._delivery(r) for r in rows]

    def add_digest(self, digest: Alert, target: str, members: Sequence[str]) -> bool:
        with self._tx() as db:
            cur = db.execute(
                "INSERT OR IGNORE INTO alerts (id, created_at, rule, source, data) VALUES (?, ?, ?, ?, ?)",
                (digest.id, digest.created_at, digest.rule, digest.item.source, digest.to_json()),
            )
            if cur.rowcount == 0:
                return False
            db.execute(
                "INSERT INTO deliveries (alert_id, target, status, attempts, next_attempt, updated_at) "
                "VALUES (?, ?, 'pending', 0, ?, ?)",
                (digest.id, target, digest.created_at, digest.created_at),
            )
            db.executemany(
                "UPDATE deliveries SET status = 'digested', ref = ?, updated_at = ? "
                "WHERE alert_id = ? AND target = ? AND status = 'held'",
                [(digest.id, digest.created_at, m, target) for m in members],
            )
            return True

    def requeue_failed(self, alert_id: str | None, now: float) -> int:
        where = "status = 'failed'" + (" AND alert_id = ?" if alert_id is not None else "")
        with self._tx() as db:
            cur = db.execute(
                "UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt = ?, updated_at = ?, "
                f"in_doubt_since = NULL WHERE {where}",
                (now, now, *([alert_id] if alert_id is not None else [])),
            )
            return int(cur.rowcount)

    def take_budget(self, key: str, window: float, limit: int) -> bool:
        with self._tx() as db:
            db.execute("DELETE FROM budgets WHERE key = ? AND win < ?", (key, window))
            row = db.execute("SELECT used FROM budgets WHERE key = ? AND win = ?", (key, window)).fetchone()
            used = int(row[0]) if row else 0
            if used >= limit:
                return False
            db.execute(
                "INSERT INTO budgets (key, win, used) VALUES (?, ?, 1) "
                "ON CONFLICT (key, win) DO UPDATE SET used = used + 1",
                (key, window),
            )
            return True

    def claim_keys(self, keys: Sequence[str], alert_id: str, now: float, window: float) -> dict[str, str]:
        owners: dict[str, str] = {}
        with self._tx() as db:
            for key in dict.fromkeys(keys):
                row = db.execute("SELECT alert_id, claimed_at FROM event_keys WHERE key = ?", (key,)).fetchone()
                if row is not None and float(row[1]) >= now - window:
                    owners[key] = str(row[0])
                    continue
                db.execute(
                    "INSERT INTO event_keys (key, alert_id, claimed_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET alert_id = excluded.alert_id, claimed_at = excluded.claimed_at",
                    (key, alert_id, now),
                )
                owners[key] = alert_id
        return owners

    # --- fleet leases: trivial on one box, but correct for several processes sharing the file ----------
    def acquire_lease(self, name: str, owner: str, ttl: float) -> bool:
        now = time.time()
        with self._tx() as db:
            db.execute("DELETE FROM leases WHERE name = ? AND expires <= ?", (name, now))
            cur = db.execute(
                "INSERT OR IGNORE INTO leases (name, owner, expires) VALUES (?, ?, ?)", (name, owner, now + ttl)
            )
            return cur.rowcount == 1

    def renew_lease(self, name: str, owner: str, ttl: float) -> bool:
        now = time.time()
        with self._tx() as db:
            cur = db.execute(
                "UPDATE leases SET expires = ? WHERE name = ? AND owner = ? AND expires > ?",
                (now + ttl, name, owner, now),
            )
            return cur.rowcount == 1

    def release_lease(self, name: str, owner: str, keep: float = 0.0) -> bool:
        now = time.time()
        with self._tx() as db:
            if keep > 0:
                cur = db.execute(
                    "UPDATE leases SET expires = ? WHERE name = ? AND owner = ? AND expires > ?",
                    (now + keep, name, owner, now),
                )
            else:
                cur = db.execute("DELETE FROM leases WHERE name = ? AND owner = ? AND expires > ?", (name, owner, now))
            return cur.rowcount == 1

    def lease(self, name: str) -> tuple[str, float] | None:
        now = time.time()
        row = self._conn().execute("SELECT owner, expires FROM leases WHERE name = ?", (name,)).fetchone()
        return None if row is None or float(row[1]) <= now else (str(row[0]), float(row[1]) - now)

    # --- series observations ------------------------------------------------------------------------
    def archive_items(self, items: Sequence[Item], at: float) -> None:
        with self._tx() as db:
            db.executemany(
                "INSERT OR IGNORE INTO archive (source, id, at, data) VALUES (?, ?, ?, ?)",
                [(i.source, i.id, at, i.to_json()) for i in items],
            )

    def archived_items(self, since: float, limit: int | None = None) -> list[Item]:
        rows = (
            self._conn()
            .execute(
                "SELECT data FROM archive WHERE at >= ? ORDER BY at, source, id LIMIT ?",
                (since, -1 if limit is None else limit),
            )
            .fetchall()
        )
        return [Item.from_dict(json.loads(r[0])) for r in rows]

    def prune_archive(self, before: float) -> int:
        with self._tx() as db:
            return db.execute("DELETE FROM archive WHERE at < ?", (before,)).rowcount

    def observations(self, series: str) -> list[Observation]:
        rows = (
            self._conn()
            .execute("SELECT period, value, vintage FROM observations WHERE series = ? ORDER BY period", (series,))
            .fetchall()
        )
        return [Observation(series, str(p), float(v), str(vin)) for p, v, vin in rows]

    def save_observations(self, observations: Sequence[Observation]) -> None:
        if not observations:
            return
        with self._tx() as db:
            db.executemany(
                "INSERT INTO observations (series, period, value, vintage) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (series, period) DO UPDATE SET value = excluded.value, vintage = excluded.vintage",
                [(o.series, o.period, o.value, o.vintage) for o in observations],
            )

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            self._all.clear()
        self._local = threading.local()
        self._writer.release()

    # --- readers' silences and verdicts (issue 12): own tables, created on first use ---------------------
    _READER_SCHEMA = """
    CREATE TABLE IF NOT EXISTS silences (
        id         TEXT PRIMARY KEY,
        created_at REAL NOT NULL,
        ends_at    REAL NOT NULL,  -- the effective end: min(end, early expiry)
        data       TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS silences_ends ON silences (ends_at);
    CREATE TABLE IF NOT EXISTS verdicts (
        id       TEXT PRIMARY KEY,
        alert_id TEXT NOT NULL,
        at       REAL NOT NULL,
        data     TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS verdicts_at ON verdicts (at);
    CREATE INDEX IF NOT EXISTS verdicts_alert ON verdicts (alert_id, at);
    """

    def _readers(self) -> sqlite3.Connection:
        """This thread's connection, with the readers' tables in place (idempotent DDL, once per store)."""
        db = self._conn()
        if not getattr(self, "_reader_schema_ready", False):
            db.executescript(self._READER_SCHEMA)
            self._reader_schema_ready = True
        return db

    def add_silence(self, silence: Silence) -> bool:
        self._readers()
        with self._tx() as db:
            cur = db.execute(
                "INSERT OR IGNORE INTO silences (id, created_at, ends_at, data) VALUES (?, ?, ?, ?)",
                (silence.id, silence.created_at, silence.ended_at, silence.to_json()),
            )
            return cur.rowcount == 1

    def get_silence(self, silence_id: str) -> Silence | None:
        row = self._readers().execute("SELECT data FROM silences WHERE id = ?", (silence_id,)).fetchone()
        return Silence.from_json(row[0]) if row else None

    def silences(self, now: float | None = None) -> list[Silence]:
        db = self._readers()
        if now is None:
            rows = db.execute("SELECT data FROM silences ORDER BY created_at DESC, id").fetchall()
        else:
            rows = db.execute(
                "SELECT data FROM silences WHERE ends_at > ? ORDER BY created_at DESC, id", (now,)
            ).fetchall()
        return [Silence.from_json(r[0]) for r in rows]

    def expire_silence(self, silence_id: str, by: str, at: float) -> bool:
        self._readers()
        with self._tx() as db:
            row = db.execute("SELECT data FROM silences WHERE id = ?", (silence_id,)).fetchone()
            if row is None:
                return False
            current = Silence.from_json(row[0])
            if current.ended_at <= at:
                return False
            ended = current.evolve(expired_at=at, expired_by=by)
            db.execute(
                "UPDATE silences SET ends_at = ?, data = ? WHERE id = ?", (ended.ended_at, ended.to_json(), ended.id)
            )
            return True

    def release_silenced(self, alert_id: str, target: str, now: float) -> bool:
        with self._tx() as db:
            cur = db.execute(
                "UPDATE deliveries SET status = 'pending', next_attempt = ?, last_error = NULL, updated_at = ?, "
                "in_doubt_since = NULL WHERE alert_id = ? AND target = ? AND status = 'silenced'",
                (now, now, alert_id, target),
            )
            return cur.rowcount == 1

    def reassign_silenced(self, alert_id: str, target: str, reason: str, now: float) -> bool:
        with self._tx() as db:
            cur = db.execute(
                "UPDATE deliveries SET last_error = ?, updated_at = ? "
                "WHERE alert_id = ? AND target = ? AND status = 'silenced'",
                (reason, now, alert_id, target),
            )
            return cur.rowcount == 1

    def add_verdict(self, verdict: Verdict) -> bool:
        self._readers()
        with self._tx() as db:
            cur = db.execute(
                "INSERT OR IGNORE INTO verdicts (id, alert_id, at, data) VALUES (?, ?, ?, ?)",
                (verdict.id, verdict.alert_id, verdict.at, verdict.to_json()),
            )
            return cur.rowcount == 1

    def verdicts(self, since: float = 0.0, until: float | None = None, alert_id: str | None = None) -> list[Verdict]:
        sql, params = "SELECT data FROM verdicts WHERE at >= ?", list[object]([since])
        if until is not None:
            sql, params = sql + " AND at < ?", [*params, until]
        if alert_id is not None:
            sql, params = sql + " AND alert_id = ?", [*params, alert_id]
        rows = self._readers().execute(sql + " ORDER BY at, id", params).fetchall()
        return [Verdict.from_json(r[0]) for r in rows]


for _name in sorted(Store.__abstractmethods__ - {"close", "claim_writer"}):
    setattr(SqliteStore, _name, _guarded(getattr(SqliteStore, _name)))


def _set_wal(conn: sqlite3.Connection, tries: int = 100) -> None:
    """Switch to WAL. SQLite answers "database is locked" at once, without its busy timeout, when another thread
    holds the file while creating it afresh (a deleted database seen by several threads): wait briefly and retry,
    at most about two seconds, then let the error through."""
    for attempt in range(tries):
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == tries - 1:
                raise
            time.sleep(0.02)
