"""The poll shell's write-behind: an unchanged poll's new poll times are saved with others in one write, a
second or so later; anything a poll learned beyond its times is saved at once, before the poll returns."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from collectors.http_fetch import Fetcher, FetchLimits, FetchResult
from collectors.schedule import PollPolicy
from collectors.update import only_timing_changed
from domain.source_state import SourceState
from rules.engine import RuleEngine
from rules.ruleset import RuleSet
from rules.series_engine import SeriesEngine
from store.sqlite_store import SqliteStore
from tests.servers.feeds import FeedServer, rss
from wirewatch.config import RssSourceConfig
from wirewatch.poll import Poller
from wirewatch.recorder import AlertRecorder
from wirewatch.store_health import IDENTITY_KEY, StoreIdentity

LIMITS = FetchLimits(connect_timeout=1.0, read_timeout=1.0, total_timeout=3.0)
ENTRY = {"guid": "e1", "title": "Quarterly results", "link": "http://news.test/e1", "description": "Nothing."}


def test_only_poll_times_changed_is_a_pure_comparison() -> None:
    stored = SourceState("s", etag='"a"', last_poll=1.0, last_success=1.0, next_poll=61.0, entries_seen=3)
    assert only_timing_changed(stored, stored.evolve(last_poll=70.0, last_success=70.0, next_poll=130.0))
    assert not only_timing_changed(stored, stored.evolve(last_poll=70.0, etag='"b"'))
    assert not only_timing_changed(stored.evolve(consecutive_failures=2), stored.evolve(last_poll=70.0))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    s = SqliteStore(tmp_path / "w.db")
    yield s
    s.close()


def poller(store: SqliteStore, fetcher: Fetcher, identity: StoreIdentity | None = None) -> Poller:
    rules = RuleSet(RuleEngine([]), SeriesEngine([]))
    policy = PollPolicy(jitter=0.0)
    return Poller(store, fetcher, AlertRecorder(store, {}), rules, policy, identity=identity, write_behind=0.2)


def one_feed(feed_server: FeedServer) -> RssSourceConfig:
    """A source whose feed lists one entry."""
    feed_server.put("/f.xml", rss([ENTRY]))
    return RssSourceConfig(id="s", url=feed_server.url("/f.xml"), interval=60)


def established(store: SqliteStore) -> StoreIdentity:
    identity = StoreIdentity(store)
    identity.establish()
    return identity


def with_fetcher(body: Callable[[Fetcher], Awaitable[None]]) -> None:
    """Runs `body` on a fresh event loop with a fetcher that is closed whatever happens."""

    async def go() -> None:
        fetcher = Fetcher(LIMITS)
        try:
            await body(fetcher)
        finally:
            await fetcher.aclose()

    asyncio.run(go())


def test_unchanged_polls_are_saved_together_after_the_delay(store: SqliteStore, feed_server: FeedServer) -> None:
    sources = [RssSourceConfig(id=f"s{n}", url=feed_server.url(f"/f{n}.xml"), interval=60) for n in range(3)]
    for n in range(3):
        feed_server.put(f"/f{n}.xml", rss([ENTRY]))

    async def go(fetcher: Fetcher) -> None:
        p = poller(store, fetcher)
        await asyncio.gather(*(p.poll(s) for s in sources))  # baseline: saved at once
        first = {s.id: store.get_source_state(s.id) for s in sources}
        assert all(st is not None and st.baseline_done for st in first.values())
        reports = await asyncio.gather(*(p.poll(s) for s in sources))  # 304s
        assert {r.outcome for r in reports} == {"not_modified"}
        # not yet in the store, but what the next poll reads
        assert {s.id: store.get_source_state(s.id) for s in sources} == first
        assert p._behind == {r.source: r.state for r in reports}
        await asyncio.sleep(0.4)
        for r in reports:
            assert store.get_source_state(r.source) == r.state
        assert p._behind == {}

    with_fetcher(go)


def test_a_poll_that_learned_something_is_saved_at_once(store: SqliteStore, feed_server: FeedServer) -> None:
    src = RssSourceConfig(id="s", url=feed_server.url("/f.xml"), interval=60)
    feed_server.put("/f.xml", rss([ENTRY]))

    async def go(fetcher: Fetcher) -> None:
        p = poller(store, fetcher)
        await p.poll(src)
        await p.poll(src)  # unchanged: waits
        assert "s" in p._behind
        feed_server.put("/f.xml", rss([ENTRY, {**ENTRY, "guid": "e2", "title": "More results"}]))
        report = await p.poll(src)  # a new entry: saved now, and the waiting older state is dropped
        assert report.outcome == "updated"
        assert store.get_source_state("s") == report.state
        assert p._behind == {}

    with_fetcher(go)


def test_closing_flushes_and_a_lost_store_gets_none_of_the_waiting_states(
    store: SqliteStore, feed_server: FeedServer
) -> None:
    sources = [RssSourceConfig(id=f"s{n}", url=feed_server.url(f"/f{n}.xml"), interval=60) for n in range(2)]
    for n in range(2):
        feed_server.put(f"/f{n}.xml", rss([ENTRY]))
    identity = StoreIdentity(store)
    identity.establish()

    async def go(fetcher: Fetcher) -> None:
        p = poller(store, fetcher, identity)
        await p.poll(sources[0])
        unchanged = await p.poll(sources[0])
        p.flush()  # as Runtime.aclose does
        assert store.get_source_state("s0") == unchanged.state
        await p.poll(sources[1])
        waiting = await p.poll(sources[1])
        assert "s1" in p._behind
        store.set_meta(IDENTITY_KEY, "another store's data")  # the store was replaced meanwhile
        p.flush()
        assert p._behind == {}
        assert store.get_source_state("s1") != waiting.state  # not written into the replacement
        assert identity.verify(0.0) is not None  # the loss is still there to be reported by the next poll

    with_fetcher(go)


def test_polls_that_write_nothing_still_find_a_lost_store_within_the_delay(
    store: SqliteStore, feed_server: FeedServer
) -> None:
    src, identity = one_feed(feed_server), established(store)

    async def go(fetcher: Fetcher) -> None:
        p = poller(store, fetcher, identity)
        await p.poll(src)
        assert (await p.poll(src)).fault is None  # a 304 just after the baseline's check: no check of its own
        store.set_meta(IDENTITY_KEY, "another store's data")
        await asyncio.sleep(0.25)  # past the write-behind delay
        report = await p.poll(src)
        assert report.fault is not None and report.fault.kind == "reset"

    with_fetcher(go)


def test_a_poll_that_read_the_lost_store_is_redone_even_when_its_save_could_wait(
    store: SqliteStore, feed_server: FeedServer
) -> None:
    """Another poll found the loss while this one was fetching: its reading (the lost store's state, with the lost
    store's seen entries behind it) must not be saved into the new store, or the next new entry would bring back
    every entry the feed lists."""
    src, identity = one_feed(feed_server), established(store)

    async def go(fetcher: Fetcher) -> None:
        p = poller(store, fetcher, identity)
        await p.poll(src)  # baseline, checked
        fetches = 0
        plain = fetcher.fetch

        async def fetch_during_a_loss(*args: Any, **kwargs: Any) -> FetchResult:
            nonlocal fetches
            fetches += 1
            got = await plain(*args, **kwargs)
            if fetches == 1:  # meanwhile another poll finds the store replaced and adopts its marker
                store.set_meta(IDENTITY_KEY, "another store's data")
                assert identity.verify(0.0) is not None
            return got

        fetcher.fetch = fetch_during_a_loss  # type: ignore[method-assign]
        report = await p.poll(src)  # unchanged, within the write-behind delay of the last check
        assert fetches == 2, "the reading of the lost store was kept"
        assert report.fault is None

    with_fetcher(go)


def test_states_waiting_from_a_store_found_lost_elsewhere_are_not_read_or_saved(
    store: SqliteStore, feed_server: FeedServer, tmp_path: Path
) -> None:
    """The daemon found the loss (a delivery or a heartbeat met the new file) and adopted the new marker: a state
    waiting in the write-behind belongs to the lost store. Read by the next poll, the source would skip its
    re-baseline; saved by the flush, its next new entry would bring back every entry the feed lists."""
    src, identity = one_feed(feed_server), established(store)

    async def go(fetcher: Fetcher) -> None:
        p = poller(store, fetcher, identity)
        await p.poll(src)
        await p.poll(src)  # unchanged: its state waits
        assert "s" in p._behind
        with sqlite3.connect(tmp_path / "w.db") as db:  # the store comes back empty …
            db.execute("DELETE FROM source_state")
            db.execute("DELETE FROM seen")
        store.set_meta(IDENTITY_KEY, "another store's data")
        assert identity.verify(0.0) is not None  # … and the daemon adopts its marker (Daemon.store_reset)
        report = await p.poll(src)
        assert report.outcome == "baseline", report  # not the lost store's state, read from the write-behind
        p.flush()
        assert store.get_source_state("s") == report.state  # nor that state saved over the new baseline

    with_fetcher(go)
