"""Pick a backend from the `store:` URL."""

from __future__ import annotations

from pathlib import Path

from store.base import Store


def sqlite_path(url: str) -> Path:
    """`sqlite:///./x.db` is relative to the working directory; `sqlite:////abs/x.db` is absolute."""
    rest = url[len("sqlite://") :]
    if not rest.startswith("/"):
        raise ValueError(f"bad sqlite URL {url!r}: expected sqlite:///path")
    return Path(rest[1:])


def open_store(url: str, *, prefix: str = "wirewatch") -> Store:
    if url.startswith("sqlite://"):
        from store.sqlite_store import SqliteStore

        return SqliteStore(sqlite_path(url))
    if url.startswith(("redis://", "rediss://", "unix://")):
        from store.redis_store import RedisStore

        return RedisStore(url, prefix=prefix)
    raise ValueError(f"unknown store URL {url!r}: use sqlite:///path or redis://host:port/db")
