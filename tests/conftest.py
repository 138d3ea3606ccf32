"""Shared fixtures: real servers on loopback, and a real redis-server of our own on a free port."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests.servers.feeds import FeedServer
from tests.servers.redis_process import RedisProcess
from tests.servers.slack import SlackServer


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `long` go first: xdist hands the first items out one per worker in turn, so the long waits
    run side by side at the start instead of one of them ending the run alone."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RedisServer(RedisProcess):
    """The test session's own redis-server (nothing persisted, nothing shared)."""

    def __init__(self, workdir: Path):
        super().__init__(workdir, free_port())

    def start(self) -> RedisServer:
        if shutil.which("redis-server") is None:
            pytest.skip("redis-server not installed and REDIS_URL not set")
        super().start()
        return self


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if url := os.environ.get("REDIS_URL"):
        yield url
        return
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def redis_prefix(redis_url: str) -> Iterator[str]:
    """A key prefix unique to one test; afterwards only our own keys are deleted (never FLUSHDB)."""
    prefix = f"wwtest-{uuid.uuid4().hex[:10]}"
    yield prefix
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match="{" + prefix + "}:*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer().start()
    yield server
    server.stop()


@pytest.fixture
def slack_server() -> Iterator[SlackServer]:
    server = SlackServer().start()
    yield server
    server.stop()


def run_cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 60, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Drive the real `wirewatch` command the way a user does (a fresh process each time)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    full_env.pop("SLACK_BOT_TOKEN", None) if env is None or "SLACK_BOT_TOKEN" not in env else None
    return subprocess.run(
        [sys.executable, "-m", "wirewatch", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        input=input,
    )
