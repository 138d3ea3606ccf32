"""The one poll shell (wirewatch/poll.py) with a reader per source type: a feed and a data series go through
the same steps, fail the same way, and log in the same shape, every line naming its source."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from collectors.http_fetch import Fetcher, FetchLimits
from collectors.schedule import PollPolicy
from notifier.console import ConsoleNotifier
from rules.files import BUNDLED_PACKS
from rules.ruleset import load_ruleset
from store.sqlite_store import SqliteStore
from tests.servers.feeds import FeedServer, rss
from wirewatch.config import RssSourceConfig, SeriesSourceConfig, SourceConfig
from wirewatch.delivery import Outbox
from wirewatch.poll import Poller, PollReport
from wirewatch.readers import READERS
from wirewatch.recorder import AlertRecorder

LIMITS = FetchLimits(connect_timeout=1.0, read_timeout=1.0, total_timeout=3.0)
DEAL = {
    "guid": "d1",
    "title": "Pfizer signs exclusive license agreement with Chinese biotech",
    "link": "http://news.test/d1",
    "description": "Pfizer pays $100 million upfront plus milestones.",
}


def csv(rows: list[tuple[str, float]]) -> bytes:
    return ("observation_date,MORTGAGE30US\n" + "".join(f"{p},{v}\n" for p, v in rows)).encode()


WEEKS = [(f"2025-{1 + i // 4:02d}-{1 + 7 * (i % 4):02d}", 6.9) for i in range(40)]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    s = SqliteStore(tmp_path / "w.db")
    yield s
    s.close()


def poll_all(store: SqliteStore, out: io.StringIO, *sources: SourceConfig) -> dict[str, PollReport]:
    """Poll the sources side by side through one shell, then send what they recorded to the console."""
    notifiers = {"console": ConsoleNotifier(out)}
    recorder = AlertRecorder(store, notifiers)
    rules = load_ruleset([BUNDLED_PACKS]).ruleset()

    async def go() -> list[PollReport]:
        fetcher = Fetcher(LIMITS)
        try:
            poller = Poller(store, fetcher, recorder, rules, PollPolicy(jitter=0.0))
            return list(await asyncio.gather(*(poller.poll(s) for s in sources)))
        finally:
            await fetcher.aclose()

    reports = {r.source: r for r in asyncio.run(go())}
    Outbox(store, notifiers).run()
    return reports


def test_both_kinds_of_source_share_one_shell_and_one_log_shape(
    store: SqliteStore, feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    assert set(READERS) == {"rss", "series"}
    feed = RssSourceConfig(id="wire", url=feed_server.url("/f.xml"), interval=60, on_first_fetch="alert")
    series = SeriesSourceConfig.model_validate(
        {"id": "fred", "type": "series", "url": feed_server.url("/s.csv"), "format": "fred_csv", "interval": 60,
         "series": [{"id": "MORTGAGE30US", "unit": "%"}]}
    )  # fmt: skip
    feed_server.put("/f.xml", rss([DEAL]))
    feed_server.put("/s.csv", csv(WEEKS), content_type="text/csv")
    out = io.StringIO()
    caplog.set_level(logging.DEBUG, logger="wirewatch.poll")

    first = poll_all(store, out, feed, series)
    assert (first["wire"].outcome, first["wire"].alerts) == ("updated", 1)
    assert (first["fred"].outcome, first["fred"].new) == ("baseline", 40)
    assert "source fred: history loaded (40 observations of 1 series" in caplog.text
    assert "source wire: 1 new entries, 1 alerts" in caplog.text
    assert store.observations("MORTGAGE30US")[-1].value == 6.9

    feed_server.put("/s.csv", csv([*WEEKS, ("2025-11-01", 6.5)]), content_type="text/csv")  # a 40 bp drop
    second = poll_all(store, out, feed, series)
    assert second["wire"].outcome == "not_modified" and second["fred"].alerts == 1
    assert "source fred: new print MORTGAGE30US 2025-11-01 = 6.5" in caplog.text
    assert "source fred: 1 new prints, 1 alerts" in caplog.text
    assert "Change: −40 bp" in out.getvalue()

    for path in ("/f.xml", "/s.csv"):
        feed_server.put(path, b"down", status=500, content_type="text/plain")
    caplog.clear()
    failed = poll_all(store, out, feed, series)
    assert {r.outcome for r in failed.values()} == {"failed"}
    lines = sorted(r.getMessage() for r in caplog.records)
    assert [line.split(": ", 1)[1].split(";")[0] for line in lines] == [
        "fetch failed: HTTP 500 Internal Server Error"
    ] * 2
    assert lines[0].startswith("source fred: fetch failed") and lines[1].startswith("source wire: fetch failed")
    assert all("failure 1 in a row, next try at" in line for line in lines)
    for record in caplog.records:
        assert getattr(record, "source", None) in ("wire", "fred")


def test_a_series_body_that_is_not_data_fails_like_a_broken_feed(
    store: SqliteStore, feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    feed = RssSourceConfig(id="wire", url=feed_server.url("/f.xml"), interval=60)
    series = SeriesSourceConfig.model_validate(
        {"id": "fred", "type": "series", "url": feed_server.url("/s.csv"), "format": "fred_csv", "interval": 60,
         "series": ["MORTGAGE30US"]}
    )  # fmt: skip
    page = b"<html><title>Service Unavailable</title></html>"
    feed_server.put("/f.xml", page, content_type="text/html")
    feed_server.put("/s.csv", page, content_type="text/html")
    caplog.set_level(logging.WARNING, logger="wirewatch.poll")
    reports = poll_all(store, io.StringIO(), feed, series)
    assert {r.outcome for r in reports.values()} == {"failed"}
    assert "got an HTML/XML page instead of data" in (reports["fred"].message or "")
    for source in ("wire", "fred"):
        state = store.get_source_state(source)
        assert state is not None and state.consecutive_failures == 1 and state.last_error == reports[source].message
    assert store.observations("MORTGAGE30US") == []
