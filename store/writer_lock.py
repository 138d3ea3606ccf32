"""One writer per SQLite file: an exclusive `flock` on a lock file beside the database.

Why a lock file and not SQLite's own locking: SQLite locks one transaction at a time, and its exclusive
locking mode would also shut out our own per-thread connections and every reader (`wirewatch sources`,
`wirewatch alerts`). Two writers interleaving transactions is exactly what must not happen (both would
deliver the same pending alert), while readers must keep working. A `flock` is held by the open file
description, so the kernel drops it when the process ends however it ends (SIGKILL included): no stale lock
to clean up. It is advisory (only Wirewatch honours it) and, like SQLite itself, not reliable on network file
systems. The holder writes its pid and start time into the file so that a waiting process can say who it is.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import time
from pathlib import Path

from domain.formats import utc_stamp
from store.base import StoreBusy, StoreUnavailable

POLL = 0.1  # seconds between tries while waiting


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


class WriterLock:
    def __init__(self, db: Path):
        self.path = lock_path(db)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, wait: float) -> None:
        """Take the lock, waiting up to `wait` seconds; StoreBusy (naming the holder) when it stays taken."""
        if self._fd is not None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise StoreUnavailable(
                f"cannot create the lock file {self.path}: {exc.strerror}",
                f"make {self.path.parent} writable by this user",
            ) from None
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = self.holder()
                    os.close(fd)
                    raise StoreBusy(
                        f"another wirewatch process{holder} is writing to {self.path.with_suffix('')}"
                        + (f"; waited {wait:.0f}s" if wait > 0 else ""),
                        "one `run` or `once` per SQLite file: let it finish, or stop it",
                    ) from None
                time.sleep(POLL)
        self._fd = fd
        note = f"pid {os.getpid()} since {utc_stamp(time.time())}\n{' '.join(sys.argv[1:3])}\n"
        with contextlib.suppress(OSError):  # the note is only for the message above; the lock is what counts
            os.ftruncate(fd, 0)
            os.pwrite(fd, note.encode(), 0)

    def holder(self) -> str:
        """` (pid N since …)` as the holder wrote it, or nothing when unreadable."""
        with contextlib.suppress(OSError):
            first = self.path.read_text(encoding="utf-8", errors="replace").partition("\n")[0].strip()
            if first:
                return f" ({first[:80]})"
        return ""

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None
