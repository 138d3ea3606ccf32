"""The network edge of the collect stage against a real feed server on loopback: validators, conditional
GETs, HTTP errors, Retry-After, size and time caps, refused connections and file:// sources.

pytest-asyncio is not used: each test drives its own event loop with asyncio.run, and the Fetcher is made and
closed inside that loop."""

from __future__ import annotations

import asyncio
import time
from email.utils import formatdate
from pathlib import Path
from typing import Any

from collectors.feed_parse import parse_feed
from collectors.http_fetch import USER_AGENT, Fetcher, FetchLimits, FetchResult
from tests.conftest import free_port
from tests.servers.feeds import FeedServer, rss

FAST = FetchLimits(connect_timeout=1.0, read_timeout=1.0, total_timeout=5.0, max_bytes=256 * 1024)
FEED = rss(
    [
        {"guid": "a-1", "title": "Alpha", "link": "http://news.test/a-1", "description": "first"},
        {"guid": "a-2", "title": "Beta", "link": "http://news.test/a-2", "description": "second"},
    ]
)


def fetch(url: str, limits: FetchLimits = FAST, **kw: Any) -> FetchResult:
    async def go() -> FetchResult:
        fetcher = Fetcher(limits)
        try:
            return await fetcher.fetch(url, **kw)
        finally:
            await fetcher.aclose()

    return asyncio.run(go())


def fetch_all(calls: list[tuple[str, dict[str, Any]]], limits: FetchLimits = FAST) -> list[FetchResult]:
    """Several fetches on one shared Fetcher (one client, as the pipeline uses it), concurrently."""

    async def go() -> list[FetchResult]:
        fetcher = Fetcher(limits)
        try:
            return list(await asyncio.gather(*(fetcher.fetch(u, **kw) for u, kw in calls)))
        finally:
            await fetcher.aclose()

    return asyncio.run(go())


# --- 200 and validators ------------------------------------------------------------------------------------


def test_ok_returns_body_and_validators(feed_server: FeedServer) -> None:
    doc = feed_server.put("/feed.xml", FEED)
    result = fetch(feed_server.url("/feed.xml"))
    assert result.ok, result.error
    assert result.status == 200
    assert result.body == FEED.encode()
    assert result.etag == doc.etag
    assert result.last_modified == doc.last_modified
    assert result.content_type == "application/rss+xml; charset=utf-8"
    assert result.not_modified is False
    assert result.retry_after is None
    assert result.url == feed_server.url("/feed.xml")
    # and what came back is the feed that was published
    assert [i.id for i in parse_feed(result.body, "s", result.content_type).items] == ["a-1", "a-2"]


def test_user_agent_names_wirewatch(feed_server: FeedServer) -> None:
    feed_server.put("/ua.xml", FEED)
    assert fetch(feed_server.url("/ua.xml")).ok
    (hit,) = feed_server.hits_for("/ua.xml")
    assert "Wirewatch" in hit.headers["user-agent"]
    assert hit.headers["user-agent"] == USER_AGENT
    assert "rss+xml" in hit.headers["accept"]
    # a first fetch is unconditional
    assert "if-none-match" not in hit.headers and "if-modified-since" not in hit.headers


def test_custom_user_agent_is_sent(feed_server: FeedServer) -> None:
    feed_server.put("/ua2.xml", FEED)
    limits = FetchLimits(connect_timeout=1, read_timeout=1, total_timeout=5, user_agent="Wirewatch-test/9")
    assert fetch(feed_server.url("/ua2.xml"), limits).ok
    assert feed_server.hits_for("/ua2.xml")[0].headers["user-agent"] == "Wirewatch-test/9"


def test_conditional_get_sends_validators_as_received(feed_server: FeedServer) -> None:
    # an unusual (weak, spaced) ETag and an HTTP date: both must come back byte for byte
    feed_server.put("/cond.xml", FEED, etag='W/"rev 42, gz"', last_modified="Mon, 09 Jun 2025 08:00:00 GMT")
    url = feed_server.url("/cond.xml")
    first = fetch(url)
    assert first.status == 200 and first.etag == 'W/"rev 42, gz"'

    second = fetch(url, etag=first.etag, last_modified=first.last_modified)
    assert second.ok, second.error
    assert second.not_modified is True
    assert second.status == 304
    assert second.body is None
    assert second.etag == 'W/"rev 42, gz"'

    hits = feed_server.hits_for("/cond.xml")
    assert [h.status for h in hits] == [200, 304]
    assert hits[1].headers["if-none-match"] == 'W/"rev 42, gz"'
    assert hits[1].headers["if-modified-since"] == "Mon, 09 Jun 2025 08:00:00 GMT"


def test_conditional_get_with_last_modified_only(feed_server: FeedServer) -> None:
    doc = feed_server.put("/lm.xml", FEED)
    result = fetch(feed_server.url("/lm.xml"), last_modified=doc.last_modified)
    assert result.not_modified is True
    hit = feed_server.hits_for("/lm.xml")[0]
    assert hit.headers["if-modified-since"] == doc.last_modified
    assert "if-none-match" not in hit.headers


def test_changed_document_is_fetched_again(feed_server: FeedServer) -> None:
    old = feed_server.put("/chg.xml", FEED)
    new_body = rss([{"guid": "a-3", "title": "Gamma"}])
    new = feed_server.put("/chg.xml", new_body)
    assert new.etag != old.etag
    result = fetch(feed_server.url("/chg.xml"), etag=old.etag)
    assert result.status == 200 and result.not_modified is False
    assert result.body == new_body.encode()
    assert result.etag == new.etag


def test_redirect_is_followed(feed_server: FeedServer) -> None:
    feed_server.put("/real.xml", FEED)
    feed_server.put("/moved.xml", b"", status=301, headers={"Location": feed_server.url("/real.xml")})
    result = fetch(feed_server.url("/moved.xml"))
    assert result.ok, result.error
    assert result.body == FEED.encode()
    assert result.url == feed_server.url("/real.xml")


def test_redirect_loop_is_an_error(feed_server: FeedServer) -> None:
    feed_server.put("/loop.xml", b"", status=302, headers={"Location": feed_server.url("/loop.xml")})
    result = fetch(feed_server.url("/loop.xml"))
    assert not result.ok
    assert "redirect" in (result.error or "")


# --- HTTP errors -------------------------------------------------------------------------------------------


def test_http_500_is_an_error_naming_the_status(feed_server: FeedServer) -> None:
    feed_server.put("/boom.xml", b"oops", status=500, content_type="text/plain")
    result = fetch(feed_server.url("/boom.xml"))
    assert not result.ok
    assert result.status == 500
    assert result.body is None
    assert result.error is not None and "500" in result.error
    assert result.error == "HTTP 500 Internal Server Error"


def test_http_404_is_an_error_naming_the_status(feed_server: FeedServer) -> None:
    result = fetch(feed_server.url("/nowhere.xml"))  # never published
    assert not result.ok
    assert result.status == 404
    assert result.error is not None and "404" in result.error


def test_429_retry_after_seconds(feed_server: FeedServer) -> None:
    feed_server.put("/busy.xml", b"slow down", status=429, headers={"Retry-After": "120"})
    result = fetch(feed_server.url("/busy.xml"))
    assert not result.ok
    assert result.status == 429
    assert result.error is not None and "429" in result.error
    assert result.retry_after is not None
    assert abs(result.retry_after - 120) < 1


def test_503_retry_after_http_date(feed_server: FeedServer) -> None:
    when = formatdate(time.time() + 600, usegmt=True)
    feed_server.put("/maint.xml", b"maintenance", status=503, headers={"Retry-After": when})
    result = fetch(feed_server.url("/maint.xml"))
    assert result.status == 503 and not result.ok
    assert result.retry_after is not None
    assert 540 <= result.retry_after <= 601


# --- size caps ---------------------------------------------------------------------------------------------


def test_body_over_limit_with_content_length_is_refused(feed_server: FeedServer) -> None:
    feed_server.put("/big.xml", b"x" * 5000)
    result = fetch(feed_server.url("/big.xml"), FetchLimits(read_timeout=1, total_timeout=5, max_bytes=1000))
    assert not result.ok
    assert result.body is None
    assert result.error == "body larger than 1000 bytes"


def test_body_at_limit_is_accepted(feed_server: FeedServer) -> None:
    feed_server.put("/exact.xml", b"y" * 1000)
    result = fetch(feed_server.url("/exact.xml"), FetchLimits(read_timeout=1, total_timeout=5, max_bytes=1000))
    assert result.ok, result.error
    assert result.body == b"y" * 1000


def test_endless_chunked_body_is_cut_at_limit(feed_server: FeedServer) -> None:
    feed_server.put("/endless.xml", b"<item>" + b"z" * 4096 + b"</item>", endless=True)
    limits = FetchLimits(connect_timeout=1, read_timeout=1, total_timeout=10, max_bytes=64 * 1024)
    result = fetch(feed_server.url("/endless.xml"), limits)
    assert not result.ok
    assert result.body is None
    assert result.error is not None
    assert str(64 * 1024) in result.error and "larger" in result.error


# --- time caps ---------------------------------------------------------------------------------------------


def test_server_slower_than_read_timeout(feed_server: FeedServer) -> None:
    feed_server.put("/sleepy.xml", FEED, delay=3.0)
    limits = FetchLimits(connect_timeout=1, read_timeout=0.5, total_timeout=10)
    result = fetch(feed_server.url("/sleepy.xml"), limits)
    assert not result.ok
    assert result.body is None
    assert result.error == "read timed out after 0.5s"


def test_slow_drip_endless_body_is_cut_by_total_timeout(feed_server: FeedServer) -> None:
    # every chunk arrives well within read_timeout, so only the total cap can end it
    feed_server.put("/drip.xml", b"<x/>", endless=True, drip=0.05)
    limits = FetchLimits(connect_timeout=1, read_timeout=1, total_timeout=0.8, max_bytes=10 * 1024 * 1024)
    result = fetch(feed_server.url("/drip.xml"), limits)
    assert not result.ok
    assert result.body is None
    assert result.error == "fetch took longer than 0.8s"


def test_slow_but_finite_drip_completes(feed_server: FeedServer) -> None:
    body = (FEED * 3).encode()
    feed_server.put("/trickle.xml", body, drip=0.01)
    result = fetch(feed_server.url("/trickle.xml"))
    assert result.ok, result.error
    assert result.body == body


def test_one_slow_source_does_not_hold_up_another(feed_server: FeedServer) -> None:
    feed_server.put("/quick.xml", FEED)
    feed_server.put("/stuck.xml", FEED, delay=3.0)
    limits = FetchLimits(connect_timeout=1, read_timeout=0.5, total_timeout=10)
    stuck, quick = fetch_all([(feed_server.url("/stuck.xml"), {}), (feed_server.url("/quick.xml"), {})], limits)
    assert quick.ok and quick.body == FEED.encode()
    assert not stuck.ok and "timed out" in (stuck.error or "")


# --- connection failures -----------------------------------------------------------------------------------


def test_connection_refused_is_a_clear_error() -> None:
    port = free_port()  # bound then released: nothing listens there
    result = fetch(f"http://127.0.0.1:{port}/feed.xml")
    assert not result.ok
    assert result.status is None and result.body is None
    assert result.error is not None
    assert result.error.startswith("cannot connect to 127.0.0.1")


def test_unsupported_scheme_is_an_error_not_an_exception() -> None:
    result = fetch("ftp://127.0.0.1/feed.xml")
    assert not result.ok
    assert result.error


# --- file:// -----------------------------------------------------------------------------------------------


def test_file_url_and_its_etag(tmp_path: Path) -> None:
    path = tmp_path / "local feed.xml"  # a space: the URL is percent-encoded
    path.write_text(FEED, encoding="utf-8")
    url = path.as_uri()
    assert "%20" in url

    first = fetch(url)
    assert first.ok, first.error
    assert first.status == 200
    assert first.body == FEED.encode()
    assert first.etag

    again = fetch(url, etag=first.etag)
    assert again.ok and again.not_modified is True
    assert again.body is None
    assert again.etag == first.etag

    path.write_text(rss([{"guid": "f-2", "title": "Changed"}]), encoding="utf-8")
    changed = fetch(url, etag=first.etag)
    assert changed.ok and changed.not_modified is False
    assert changed.etag != first.etag
    assert b"f-2" in (changed.body or b"")


def test_file_url_missing_file(tmp_path: Path) -> None:
    result = fetch((tmp_path / "absent.xml").as_uri())
    assert not result.ok
    assert result.error is not None and result.error.startswith("cannot read")


def test_file_url_over_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.xml"
    path.write_bytes(b"x" * 2048)
    result = fetch(path.as_uri(), FetchLimits(max_bytes=1024))
    assert not result.ok
    assert result.body is None
    assert result.error == "body larger than 1024 bytes"
