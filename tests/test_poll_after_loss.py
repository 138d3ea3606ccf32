"""Polls run side by side. When a Redis comes back empty, the poll that reads its (now missing) state and the
poll that finds the loss are not always the same one: a poll that read the store before another poll found the
loss must not alert on what its feed lists (all of it posted before the loss). A real Redis; the loss is made
to happen at the worst moment, while one source's fetch is in flight, by deleting this test's own keys."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from collectors.http_fetch import Fetcher, FetchLimits, FetchResult
from collectors.schedule import PollPolicy
from rules.ruleset import load_ruleset
from store.redis_store import RedisStore
from tests.servers.feeds import FeedServer, rss
from wirewatch.config import RssSourceConfig
from wirewatch.poll import Poller
from wirewatch.recorder import AlertRecorder
from wirewatch.store_health import StoreIdentity

pytestmark = pytest.mark.redis

LIMITS = FetchLimits(connect_timeout=1.0, read_timeout=1.0, total_timeout=3.0)


def entries(feed: str, n: int) -> str:
    return rss([{"guid": f"{feed}-{i}", "title": f"lostsignal {feed} {i}", "link": f"http://news.test/{feed}/{i}"}
                for i in range(n)])  # fmt: skip


@pytest.fixture
def store(redis_url: str, redis_prefix: str) -> Iterator[RedisStore]:
    s = RedisStore(redis_url, prefix=redis_prefix)
    yield s
    s.close()


class LossDuringFetch:
    """Fetches for real; during the fetch of `victim` the store loses all its data and `finder` is polled
    (that poll finds the loss), so the victim's poll goes on with a state read from the lost store."""

    def __init__(self, fetcher: Fetcher, lose: object, victim: str):
        self.fetcher, self.lose, self.victim = fetcher, lose, victim
        self.armed = False

    async def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        if self.armed and url.endswith(f"/{self.victim}.xml"):
            self.armed = False
            await self.lose()  # type: ignore[operator]
        return await self.fetcher.fetch(url, etag, last_modified)


def test_a_poll_that_read_the_store_before_another_poll_found_the_loss_alerts_nothing(
    store: RedisStore, redis_url: str, redis_prefix: str, feed_server: FeedServer, tmp_path: Path
) -> None:
    a, b = (RssSourceConfig(id=s, url=feed_server.url(f"/{s}.xml"), interval=60, on_first_fetch="alert") for s in "ab")
    feed_server.put("/a.xml", entries("a", 3))
    feed_server.put("/b.xml", entries("b", 3))
    (tmp_path / "rules.yaml").write_text("rules:\n  - id: lost\n    description: test entries\n    any: [lostsignal]\n")
    rules = load_ruleset([tmp_path / "rules.yaml"]).ruleset()
    identity = StoreIdentity(store)
    identity.establish()
    client = redis.Redis.from_url(redis_url)

    async def go() -> None:
        fetcher = Fetcher(LIMITS)
        try:
            shell = LossDuringFetch(fetcher, None, victim="a")
            poller = Poller(store, shell, AlertRecorder(store, {}), rules, PollPolicy(jitter=0.0), identity=identity)  # type: ignore[arg-type]
            first = await asyncio.gather(poller.poll(a), poller.poll(b))
            assert [r.alerts for r in first] == [3, 3], "on_first_fetch: alert"
            feed_server.put("/a.xml", entries("a", 4))  # the victim's feed changed: its poll reads it

            async def lose() -> None:  # what a Redis restarted without persistence does to our keys
                keys = list(client.scan_iter(match="{" + redis_prefix + "}:*"))
                client.delete(*keys)
                found = await poller.poll(b)  # another poll finds the loss and adopts the new marker
                assert found.outcome == "failed" and found.fault is not None and "came back empty" in str(found.fault)

            shell.lose, shell.armed = lose, True
            report = await poller.poll(a)
            assert report.alerts == 0, "the feed's entries were posted before the loss"
            assert report.outcome == "baseline"
            feed_server.put("/a.xml", entries("a", 5))
            assert (await poller.poll(a)).alerts == 1, "what is published after the loss alerts as usual"
        finally:
            await fetcher.aclose()
            client.close()

    asyncio.run(go())
