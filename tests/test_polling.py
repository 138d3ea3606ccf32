"""Feed polling users can trust (issue 5, first half): hostile feeds on a real loopback server, driven through
the real poll shell, Fetcher and SQLite store; the pure decisions (schedule, encodings, redirects, health)
tested directly, the schedule with hypothesis.

pytest-asyncio is not used: each scenario runs in its own event loop via asyncio.run, with a Fetcher made and
closed inside that loop."""

from __future__ import annotations

import asyncio
import io
import logging
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collectors.encoding import to_utf8
from collectors.http_fetch import Fetcher, FetchLimits, FetchResult, is_public
from collectors.schedule import PollPolicy, backoff, next_delay, parse_max_age
from collectors.update import finish, plan_not_modified, reconcile, track_redirect
from notifier.console import ConsoleNotifier
from rules.ruleset import load_ruleset
from store.records import SourceState
from store.sqlite_store import SqliteStore
from tests.conftest import run_cli
from tests.servers.feeds import FeedServer, rss
from tests.servers.slack import SlackServer
from wirewatch.config import Config, RssSourceConfig
from wirewatch.daemon import Runtime, first_run, next_run
from wirewatch.health import HealthMonitor, assess, transition
from wirewatch.poll import Poller, PollReport
from wirewatch.recorder import AlertRecorder
from wirewatch.wiring import fetch_limits

LOCAL = FetchLimits(connect_timeout=1.0, read_timeout=1.0, total_timeout=3.0, max_bytes=256 * 1024)
HOUR = 3600.0
ZH = "臺灣積體電路製造公司營收創新高"
HK = "港交所：佢哋嘅股價創新高"  # 佢 哋 嘅 are Hong Kong characters: in Big5-HKSCS, not in Big5
RULES = """
rules:
  - id: watch-zh
    event: zh_news
    any: [積體電路, 股價]
  - id: watch-en
    event: en_news
    any: [deal, story]
"""


def entry(n: int, title: str = "Story") -> dict[str, str]:
    return {"guid": f"g-{n}", "title": f"{title} {n}", "link": f"http://news.test/{n}", "description": "text"}


class Harness:
    """The poll shell over the real SQLite store and the real loopback feed server, one poll at a time."""

    def __init__(self, tmp: Path, limits: FetchLimits = LOCAL, policy: PollPolicy | None = None):
        rules = tmp / "rules.yaml"
        rules.write_text(RULES, encoding="utf-8")
        self.store = SqliteStore(tmp / "w.db")
        self.out = io.StringIO()
        self.limits = limits
        self.rules = load_ruleset([rules]).ruleset()
        self.recorder = AlertRecorder(self.store, {"console": ConsoleNotifier(self.out)})
        self.policy = policy or PollPolicy(jitter=0.0)
        self.health = HealthMonitor(self.store, ["console"])

    def poller(self, fetcher: Fetcher) -> Poller:
        """A poll shell with a fetcher made inside the running event loop."""
        return Poller(self.store, fetcher, self.recorder, self.rules, self.policy)

    def poll(self, source: RssSourceConfig) -> PollReport:
        async def go() -> PollReport:
            fetcher = Fetcher(self.limits)
            try:
                return await self.poller(fetcher).poll(source)
            finally:
                await fetcher.aclose()

        return asyncio.run(go())

    def state(self, source_id: str) -> SourceState:
        st = self.store.get_source_state(source_id)
        assert st is not None
        return st

    def alerts(self, event: str | None = None) -> list[Any]:
        return [a for a in self.store.recent_alerts(100) if event is None or a.event == event]


@pytest.fixture
def h(tmp_path: Path) -> Iterator[Harness]:
    harness = Harness(tmp_path)
    yield harness
    harness.store.close()


def src(server: FeedServer, path: str, **kw: Any) -> RssSourceConfig:
    return RssSourceConfig(id=kw.pop("id", "wire"), url=server.url(path), interval=kw.pop("interval", 60), **kw)


# --- the schedule: pure, with hypothesis ------------------------------------------------------------------


@given(
    interval=st.floats(10, 7 * 24 * HOUR),
    failures=st.integers(0, 10_000),
    cap=st.floats(60, 48 * HOUR),
)
def test_backoff_grows_and_is_capped(interval: float, failures: int, cap: float) -> None:
    b = backoff(interval, failures, cap)
    assert b >= interval
    assert b <= max(interval, cap)
    assert backoff(interval, failures + 1, cap) >= b  # never shrinks while failing
    if failures == 0:
        assert b == interval


def test_backoff_doubles_then_stops_at_the_cap() -> None:
    delays = [backoff(300, n, 6 * HOUR) for n in range(1, 12)]
    assert delays[:5] == [300, 600, 1200, 2400, 4800]
    assert delays[-1] == 6 * HOUR and delays.count(6 * HOUR) >= 3


@given(
    interval=st.floats(10, 24 * HOUR),
    failures=st.integers(0, 100),
    retry_after=st.none() | st.floats(0, 10 * 24 * HOUR),
    max_age=st.none() | st.floats(0, 400 * 24 * HOUR),
    jitter=st.floats(0, 0.5),
    u=st.floats(0, 1, exclude_max=True),
)
def test_next_delay_bounds(
    interval: float, failures: int, retry_after: float | None, max_age: float | None, jitter: float, u: float
) -> None:
    policy = PollPolicy(jitter=jitter, backoff_cap=6 * HOUR)
    d = next_delay(interval, failures=failures, retry_after=retry_after, max_age=max_age, policy=policy, u=u)
    ceiling = max(interval, policy.backoff_cap)
    # never sooner than the server asked (up to the cap), never later than the cap plus jitter
    for asked in (retry_after, max_age):
        if asked:
            assert d >= min(asked, ceiling) - 1e-6
    assert d <= ceiling * (1 + jitter) + 1e-6
    assert d >= 1.0
    # jitter stays within its fraction of the un-jittered delay
    plain = next_delay(interval, failures=failures, retry_after=retry_after, max_age=max_age, policy=policy, u=0.5)
    assert plain * (1 - jitter) - 1e-6 <= d <= plain * (1 + jitter) + 1e-6 or d == pytest.approx(
        min(max(retry_after or 0, max_age or 0), ceiling)
    )


def test_next_delay_examples() -> None:
    p = PollPolicy(jitter=0.0, backoff_cap=6 * HOUR)
    assert next_delay(300, policy=p) == 300
    assert next_delay(300, retry_after=1200, policy=p) == 1200
    assert next_delay(300, max_age=900, policy=p) == 900
    assert next_delay(300, max_age=60, policy=p) == 300  # max-age below the interval changes nothing
    assert next_delay(300, max_age=365 * 24 * HOUR, policy=p) == 6 * HOUR  # a stray year-long max-age
    assert next_delay(300, failures=3, policy=p) == 1200
    assert next_delay(300, failures=50, policy=p) == 6 * HOUR  # capped, and still polled: never stops
    spread = [next_delay(300, policy=PollPolicy(jitter=0.1), u=u) for u in (0.0, 0.5, 0.999)]
    assert spread[0] == pytest.approx(270) and spread[1] == 300 and spread[2] == pytest.approx(330, abs=0.1)


@pytest.mark.parametrize(
    ("header", "age", "expected"),
    [
        ("public, max-age=600", None, 600.0),
        ('max-age="120"', None, 120.0),
        ("max-age=600", "100", 500.0),
        ("max-age=60", "100", 0.0),
        ("no-store, max-age=600", None, None),
        ("no-cache", None, None),
        ("s-maxage=600", None, None),
        (None, None, None),
    ],
)
def test_cache_control_max_age(header: str | None, age: str | None, expected: float | None) -> None:
    assert parse_max_age(header, age) == expected


# --- hostile servers through the whole pipeline -----------------------------------------------------------


def test_500s_back_off_and_log_id_reason_and_next_try(
    h: Harness, feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    feed_server.put("/boom.xml", b"oops", status=500, content_type="text/plain")
    s = src(feed_server, "/boom.xml", interval=60)
    waits = []
    with caplog.at_level(logging.WARNING, logger="wirewatch.poll"):
        for n in range(1, 6):
            before = time.time()
            report = h.poll(s)
            assert report.outcome == "failed" and report.message == "HTTP 500 Internal Server Error"
            st = h.state("wire")
            assert st.consecutive_failures == n
            assert st.next_poll is not None
            waits.append(st.next_poll - before)
    assert waits == sorted(waits) and waits[0] == pytest.approx(60, abs=2) and waits[4] == pytest.approx(960, abs=2)
    line = caplog.records[-1].getMessage()
    assert "source wire" in line and "HTTP 500" in line and "next try at" in line and "failure 5 in a row" in line
    assert h.state("wire").last_error == "HTTP 500 Internal Server Error"


def test_429_retry_after_pushes_the_next_poll_out(h: Harness, feed_server: FeedServer) -> None:
    feed_server.put("/busy.xml", b"slow down", status=429, headers={"Retry-After": "900"})
    before = time.time()
    report = h.poll(src(feed_server, "/busy.xml", interval=60))
    assert report.outcome == "failed" and "429" in (report.message or "")
    st = h.state("wire")
    assert st.next_poll is not None and st.next_poll - before >= 899


def test_max_age_on_success_pushes_the_next_poll_out(h: Harness, feed_server: FeedServer) -> None:
    feed_server.put("/cached.xml", rss([entry(1)]), headers={"Cache-Control": "public, max-age=1800"})
    before = time.time()
    assert h.poll(src(feed_server, "/cached.xml", interval=60)).outcome == "baseline"
    st = h.state("wire")
    assert st.next_poll is not None and 1799 <= st.next_poll - before <= 1810


def test_slow_endless_and_garbage_bodies_fail_with_reasons_and_healthy_feeds_still_alert(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.put("/drip.xml", b"<rss>", endless=True, drip=0.05)  # slow and endless: the total cap ends it
    feed_server.put("/flood.xml", b"<item>" + b"z" * 8192, endless=True)  # fast and endless: the size cap
    feed_server.put("/garbage.xml", bytes(range(256)) * 40, content_type="application/octet-stream")
    feed_server.put("/ok.xml", rss([entry(1, "deal")]))
    limits = FetchLimits(connect_timeout=1, read_timeout=1, total_timeout=1.0, max_bytes=64 * 1024)
    h = Harness(tmp_path, limits)
    sources = [src(feed_server, f"/{n}.xml", id=n, on_first_fetch="alert") for n in ("drip", "flood", "garbage", "ok")]

    async def all_at_once() -> list[PollReport]:
        fetcher = Fetcher(limits)
        poller = h.poller(fetcher)
        try:
            return list(await asyncio.gather(*(poller.poll(s) for s in sources)))
        finally:
            await fetcher.aclose()

    started = time.monotonic()
    reports = {r.source: r for r in asyncio.run(all_at_once())}
    assert time.monotonic() - started < 10
    assert reports["drip"].message == "fetch took longer than 1s"
    assert reports["flood"].message == f"body larger than {64 * 1024} bytes"
    assert reports["garbage"].outcome == "failed" and "not an RSS/Atom document" in (reports["garbage"].message or "")
    assert reports["ok"].outcome == "updated" and reports["ok"].alerts == 1
    for name in ("drip", "flood", "garbage"):
        st = h.state(name)
        assert st.consecutive_failures == 1 and st.last_error == reports[name].message
        assert h.store.unseen(name, ["g-1"]) == ["g-1"]  # nothing marked seen
    h.store.close()


def test_xml_entity_expansion_is_not_expanded(h: Harness, feed_server: FeedServer) -> None:
    lol = "&lol9;"
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
        + f']><rss version="2.0"><channel><title>t</title><item><guid>b-1</guid><title>deal {lol}</title>'
        f"<description>{lol}</description></item></channel></rss>"
    )
    feed_server.put("/bomb.xml", bomb)
    report = h.poll(src(feed_server, "/bomb.xml", on_first_fetch="alert"))
    assert report.outcome in ("updated", "failed")  # returns, quickly, whatever it makes of it
    for a in h.alerts():
        assert "lollollol" not in a.item.title + a.item.summary


def test_gbk_declared_utf8_and_big5_hkscs_decode_right(h: Harness, feed_server: FeedServer) -> None:
    def feed(title: str, encoding: str, declared: str) -> bytes:
        doc = (
            f'<?xml version="1.0" encoding="{declared}"?><rss version="2.0"><channel><title>t</title>'
            f"<item><guid>{encoding}-1</guid><title>{title}</title><description>{title}</description></item>"
            "</channel></rss>"
        )
        return doc.encode(encoding)

    gbk = feed(ZH, "gbk", "utf-8")
    feed_server.put("/gbk.xml", gbk, content_type="application/rss+xml; charset=utf-8")  # both declarations lie
    hk = feed(HK, "big5hkscs", "big5")
    with pytest.raises(UnicodeEncodeError):
        HK.encode("big5")  # really needs HKSCS
    feed_server.put("/hk.xml", hk, content_type="application/rss+xml; charset=big5")
    assert h.poll(src(feed_server, "/gbk.xml", id="gbk", on_first_fetch="alert")).alerts == 1
    assert h.poll(src(feed_server, "/hk.xml", id="hk", on_first_fetch="alert")).alerts == 1
    titles = {a.item.source: a.item.title for a in h.alerts()}
    assert titles == {"gbk": ZH, "hk": HK}


@pytest.mark.parametrize(
    ("body", "content_type", "text", "codec"),
    [
        (b"\xef\xbb\xbf<rss>" + ZH.encode(), None, ZH, "utf-8-sig"),
        (ZH.encode("gbk"), "text/xml; charset=gb2312", ZH, "gb18030"),  # GB2312 widened
        (HK.encode("big5hkscs"), "text/xml; charset=big5", HK, "big5hkscs"),  # Big5 widened
        ('<?xml version="1.0" encoding="iso-8859-1"?>café'.encode(), None, "café", "utf-8"),  # UTF-8 mislabelled
        ('<?xml version="1.0" encoding="iso-8859-1"?>café'.encode("latin-1"), None, "café", "cp1252"),
        (ZH.encode("utf-16"), None, ZH, "utf-16"),
    ],
)
def test_declared_versus_actual_encoding(body: bytes, content_type: str | None, text: str, codec: str) -> None:
    d = to_utf8(body, content_type)
    assert d.encoding == codec
    assert text in d.body.decode("utf-8")
    assert b'encoding="iso-8859-1"' not in d.body
    if content_type:
        assert d.content_type is not None and d.content_type.endswith("charset=utf-8")


def test_blind_gb18030_is_never_used_on_big5() -> None:
    big5 = ("<rss><title>" + "台積電營收創新高，證券交易所資料顯示" * 3 + "</title></rss>").encode("big5")
    assert big5.decode("gb18030")  # "succeeds", with garbage: exactly what must not happen
    d = to_utf8(big5, None)
    assert "台積電營收創新高" in d.body.decode("utf-8"), d.encoding


# --- unchanged, edited, bozo ------------------------------------------------------------------------------


class IgnoresConditionalGet(FeedServer):
    """A publisher that never answers 304, and (optionally) mints a fresh ETag for every response."""

    def __init__(self, fresh_etags: bool) -> None:
        super().__init__()
        self.fresh_etags = fresh_etags
        self.count = 0

    def handle(self, req: BaseHTTPRequestHandler) -> None:
        doc = self.docs[req.path]
        self.count += 1
        etag = f'"{self.count}"' if self.fresh_etags else doc.etag
        self._record(req.path, {k.lower(): v for k, v in req.headers.items()}, 200)
        self._send(req, 200, doc.body, {"Content-Type": doc.content_type, "ETag": etag})


@pytest.mark.parametrize("fresh_etags", [False, True], ids=["same-etag", "fresh-etag-same-body"])
def test_a_200_repeating_validators_or_body_counts_as_unchanged(h: Harness, fresh_etags: bool) -> None:
    server = IgnoresConditionalGet(fresh_etags).start()
    try:
        server.put("/f.xml", rss([entry(1)]))
        s = src(server, "/f.xml")
        assert h.poll(s).outcome == "baseline"
        again = h.poll(s)
        assert again.outcome == "not_modified"
        assert [hit.status for hit in server.hits_for("/f.xml")] == [200, 200]
        server.put("/f.xml", rss([entry(2), entry(1)]))  # really changed: read and matched
        changed = h.poll(s)
        assert changed.outcome == "updated" and changed.new == 1
    finally:
        server.stop()


def test_edited_entry_is_not_a_new_entry(h: Harness, feed_server: FeedServer) -> None:
    feed_server.put("/f.xml", rss([entry(1, "deal")]))
    s = src(feed_server, "/f.xml")
    assert h.poll(s).outcome == "baseline"
    edited = {**entry(1, "deal"), "title": "deal 1 (corrected: bigger deal)", "description": "now longer"}
    feed_server.put("/f.xml", rss([edited]))
    report = h.poll(s)
    assert report.outcome == "updated" and report.new == 0 and report.alerts == 0
    assert h.alerts() == []


def test_bozo_feed_with_entries_is_read(h: Harness, feed_server: FeedServer) -> None:
    broken = rss([entry(1, "deal"), entry(2, "deal")]).replace("</channel></rss>", "<unclosed></channel>")
    feed_server.put("/bozo.xml", broken)
    report = h.poll(src(feed_server, "/bozo.xml", on_first_fetch="alert"))
    assert report.outcome == "updated" and report.alerts == 2
    assert report.message  # the parser's complaint is passed on


def test_duplicate_guids_in_one_fetch_are_kept_apart(h: Harness, feed_server: FeedServer) -> None:
    twins = [{**entry(1, "deal"), "title": "deal one"}, {**entry(1, "deal"), "title": "deal two"}]
    feed_server.put("/twins.xml", rss(twins))
    report = h.poll(src(feed_server, "/twins.xml", on_first_fetch="alert"))
    assert report.new == 2 and report.alerts == 2


# --- redirects and 410 ------------------------------------------------------------------------------------


def test_301_is_adopted_only_after_it_persists(h: Harness, feed_server: FeedServer) -> None:
    feed_server.put("/new.xml", rss([entry(1)]))
    feed_server.put("/old.xml", b"", status=301, headers={"Location": feed_server.url("/new.xml")})
    s = src(feed_server, "/old.xml")
    for n in (1, 2):
        h.poll(s)
        st = h.state("wire")
        assert st.adopted_url is None and st.redirect_count == n
    h.poll(s)  # the third poll in a row that was moved permanently: adopted
    assert h.state("wire").adopted_url == feed_server.url("/new.xml")
    assert len(feed_server.hits_for("/old.xml")) == 3
    h.poll(s)
    assert len(feed_server.hits_for("/old.xml")) == 3, "the old URL is no longer asked"
    assert [hit.status for hit in feed_server.hits_for("/new.xml")][-1] == 304
    # a config edit of the url starts over from the configured one
    feed_server.put("/other.xml", rss([entry(1)]))
    h.poll(src(feed_server, "/other.xml"))
    assert h.state("wire").adopted_url is None and len(feed_server.hits_for("/other.xml")) == 1


def test_301_that_does_not_persist_is_not_adopted(h: Harness, feed_server: FeedServer) -> None:
    feed_server.put("/new.xml", rss([entry(1)]))
    feed_server.put("/old.xml", b"", status=308, headers={"Location": feed_server.url("/new.xml")})
    s = src(feed_server, "/old.xml")
    h.poll(s)
    h.poll(s)
    feed_server.put("/old.xml", rss([entry(1)]))  # the publisher changed its mind
    h.poll(s)
    assert h.state("wire").redirect_count == 0 and h.state("wire").redirect_candidate is None
    feed_server.put("/old.xml", b"", status=301, headers={"Location": feed_server.url("/new.xml")})
    h.poll(s)
    h.poll(s)
    assert h.state("wire").adopted_url is None, "the count starts over"


def test_302_is_never_adopted(h: Harness, feed_server: FeedServer) -> None:
    feed_server.put("/real.xml", rss([entry(1)]))
    feed_server.put("/temp.xml", b"", status=302, headers={"Location": feed_server.url("/real.xml")})
    s = src(feed_server, "/temp.xml")
    for _ in range(5):
        assert h.poll(s).outcome in ("baseline", "not_modified")
    assert h.state("wire").adopted_url is None and h.state("wire").redirect_count == 0
    assert len(feed_server.hits_for("/temp.xml")) == 5


def test_permanent_then_temporary_hop_adopts_only_the_permanent_part() -> None:
    fetch = FetchResult(url="http://b/x", status=200, body=b"", permanent_redirect="http://a2/x")
    state = SourceState("s")
    for _ in range(3):
        state, adopted = track_redirect(state, fetch, 3)
    assert adopted == "http://a2/x" and state.adopted_url == "http://a2/x"
    failed = FetchResult(url="http://b/x", error="HTTP 500")
    assert track_redirect(SourceState("s", redirect_candidate="u", redirect_count=2), failed, 3)[0].redirect_count == 2


def test_410_disables_the_source_with_a_health_error(
    tmp_path: Path, h: Harness, feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    feed_server.put("/gone.xml", b"gone", status=410, content_type="text/plain")
    s = src(feed_server, "/gone.xml")
    report = h.poll(s)
    assert report.outcome == "disabled" and "410" in (report.message or "")
    st = h.state("wire")
    assert st.disabled and "410" in st.disabled and st.next_poll is None
    assert h.health.review(s, st, time.time()) is not None
    assert [a.event for a in h.alerts()] == ["source_disabled"]
    with caplog.at_level(logging.ERROR, logger="wirewatch.poll"):
        again = h.poll(s)
    assert again.outcome == "disabled"
    assert len(feed_server.hits_for("/gone.xml")) == 1, "a gone feed is not fetched again"
    assert "source wire: disabled: HTTP 410" in caplog.text and "until its url is changed" in caplog.text
    assert h.health.review(s, h.state("wire"), time.time()) is None, "told once"
    assert next_run(again, s, PollPolicy(), 1000.0) == 1000.0 + 6 * HOUR  # a reminder in the log, not a poll

    # changing the url in the config brings it back, and ops hear it recovered
    feed_server.put("/moved.xml", rss([entry(1)]))
    back = src(feed_server, "/moved.xml")
    assert h.poll(back).outcome == "baseline"  # it never had one: the 410 came first
    assert h.health.review(back, h.state("wire"), time.time()) is not None
    assert sorted(a.event for a in h.alerts()) == ["source_disabled", "source_recovered"]


# --- private addresses, per-host limit --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.9", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
    ],
)
def test_public_address_classification(address: str, public: bool) -> None:
    assert is_public(address) is public


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_private_address_is_refused_unless_allowed(feed_server: FeedServer, host: str) -> None:
    feed_server.put("/f.xml", rss([entry(1)]))
    url = feed_server.url("/f.xml").replace("127.0.0.1", host)
    refuse = FetchLimits(connect_timeout=1, read_timeout=1, total_timeout=3, allow_private_addresses=False)

    async def go(limits: FetchLimits) -> FetchResult:
        fetcher = Fetcher(limits)
        try:
            return await fetcher.fetch(url)
        finally:
            await fetcher.aclose()

    refused = asyncio.run(go(refuse))
    assert not refused.ok
    assert refused.error is not None and refused.error.startswith(f"refused: {host} resolves to non-public address")
    assert "allow_private_addresses" in refused.error
    assert feed_server.hits_for("/f.xml") == [], "nothing was sent"
    allowed = asyncio.run(go(LOCAL))
    assert allowed.ok and allowed.status == 200


@pytest.mark.system
def test_config_refuses_private_addresses_by_default_but_file_sources_work(tmp_path: Path) -> None:
    assert Config().fetch.allow_private_addresses is False
    assert fetch_limits(Config()).allow_private_addresses is False
    (tmp_path / "feed.xml").write_text(rss([entry(1, "deal")]), encoding="utf-8")
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        f"store: sqlite:///{tmp_path}/w.db\nsources:\n  - id: local\n    url: file:feed.xml\n"
        "    on_first_fetch: alert\nrules: [rules.yaml]\n",
        encoding="utf-8",
    )
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    r = run_cli("once", "--config", str(cfg), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "deal 1" in r.stdout


class ConcurrencyCounter(FeedServer):
    """Counts requests in flight at once."""

    def __init__(self) -> None:
        super().__init__()
        self.active = 0
        self.peak = 0
        self._count_lock = threading.Lock()

    def handle(self, req: BaseHTTPRequestHandler) -> None:
        with self._count_lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
        try:
            super().handle(req)
        finally:
            with self._count_lock:
                self.active -= 1


def test_per_host_concurrency_limit() -> None:
    server = ConcurrencyCounter().start()
    try:
        for n in range(8):
            server.put(f"/{n}.xml", rss([entry(n)]), delay=0.2)
        limits = FetchLimits(connect_timeout=1, read_timeout=2, total_timeout=5, per_host_limit=2)

        async def go() -> list[FetchResult]:
            fetcher = Fetcher(limits)
            try:
                return list(await asyncio.gather(*(fetcher.fetch(server.url(f"/{n}.xml")) for n in range(8))))
            finally:
                await fetcher.aclose()

        results = asyncio.run(go())
        assert all(r.ok for r in results)
        assert server.peak == 2
    finally:
        server.stop()


# --- health: ops alerts once, recovery once ---------------------------------------------------------------


def test_health_alerts_once_and_recovery_once_through_the_runtime(
    tmp_path: Path, feed_server: FeedServer, slack_server: SlackServer
) -> None:
    slack_server.channels = ("#market-signals", "#ops")
    feed_server.put("/f.xml", b"down", status=503, content_type="text/plain")
    config = Config.model_validate(
        {
            "store": f"sqlite:///{tmp_path}/w.db",
            "rules": [str(tmp_path / "rules.yaml")],
            "sources": [{"id": "wire", "url": feed_server.url("/f.xml"), "interval": 10, "alert_after_failures": 3}],
            "notify": {
                "slack": {"token": slack_server.token, "base_url": slack_server.base_url},
                "ops_channel": "#ops",
            },
            "fetch": {"allow_private_addresses": True, "connect_timeout": 1, "read_timeout": 1},
        }
    )
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    store = SqliteStore(tmp_path / "w.db")
    source = config.sources[0]

    async def scenario() -> None:
        rt = Runtime(config, store, deliver_after_poll=False)
        try:
            for _ in range(6):  # six failures: one alert, at the third
                await rt.poll(source)
            await rt.deliver()
            feed_server.put("/f.xml", rss([entry(1)]))
            for _ in range(3):  # recovered: one message, then quiet
                await rt.poll(source)
            await rt.deliver()
        finally:
            await rt.aclose()

    asyncio.run(scenario())
    ops = [m for m in slack_server.posted() if m.channel == "#ops"]
    assert len(ops) == 2, [m.text for m in slack_server.posted()]
    assert "Feed wire failing" in ops[0].text and "wire" in ops[0].text and "503" in ops[0].text
    assert "Feed wire recovered" in ops[1].text
    assert [m for m in slack_server.posted() if m.channel != "#ops"] == []
    store.close()


def quiet_source(**kw: Any) -> RssSourceConfig:
    return RssSourceConfig(id="s", url="http://feeds.test/s.xml", interval=300, **kw)


def test_quiet_source_alerts_once_and_recovers_once() -> None:
    now = 1_000_000.0
    st = SourceState("s", baseline_done=True, gap_mean=HOUR, gap_count=5, last_new_entry=now - 3 * HOUR)
    assert assess(st, quiet_source(), now).status == "ok"
    later = now + 2 * HOUR  # five hours without news; usually one an hour; factor 4
    verdict = assess(st, quiet_source(), later)
    assert verdict.status == "quiet" and "5h" in verdict.reason and "1h" in verdict.reason
    st2, msg = transition(st, verdict, "s")
    assert msg is not None and msg.kind == "quiet"
    assert transition(st2, assess(st2, quiet_source(), later + HOUR), "s")[1] is None, "told once"
    news = st2.evolve(last_new_entry=later + HOUR)
    st3, back = transition(news, assess(news, quiet_source(), later + HOUR), "s")
    assert back is not None and back.kind == "recovered"
    assert transition(st3, assess(st3, quiet_source(), later + HOUR), "s")[1] is None
    # off, or too little history to know the usual cadence
    assert assess(st, quiet_source(quiet_factor=0), later).status == "ok"
    assert assess(st.evolve(gap_count=2), quiet_source(), later).status == "ok"


def test_failing_below_threshold_is_not_told_and_episodes_have_stable_ids(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "w.db")
    monitor = HealthMonitor(store, ["console"])
    source = quiet_source(alert_after_failures=3)
    st = SourceState("s", consecutive_failures=2, failing_since=50.0, last_error="HTTP 500")
    assert monitor.review(source, st, 100.0) is None
    st = st.evolve(consecutive_failures=3)
    assert monitor.review(source, st, 100.0) is not None
    # a crash before the state was saved: the same episode is recorded again under the same id, a no-op
    assert monitor.review(source, st, 160.0) is not None
    assert len(store.recent_alerts(10)) == 1
    store.close()


# --- the daemon's schedule decisions ----------------------------------------------------------------------


def test_daemon_next_and_first_run() -> None:
    s = RssSourceConfig(id="s", url="http://feeds.test/s.xml", interval=300)
    p = PollPolicy()
    state = SourceState("s", next_poll=5000.0)
    assert next_run(PollReport("s", "not_modified", state=state), s, p, 1000.0) == 5000.0
    assert next_run(PollReport("s", "failed"), s, p, 1000.0) == 1300.0  # store down: normal cadence
    # at start: a healthy source waits at most one interval; a failing one keeps its backoff
    assert first_run(state, s, p, 1000.0) == 1300.0
    failing = state.evolve(consecutive_failures=4)
    assert first_run(failing, s, p, 1000.0) == 5000.0
    assert 1000.0 <= first_run(None, s, p, 1000.0) <= 1002.0


def test_reconcile_keeps_old_records_and_resets_on_url_change() -> None:
    old = SourceState("s", etag='"e"', baseline_done=True)  # a record from before urls were kept
    assert reconcile(old, "http://a/x") == old.evolve(url="http://a/x")
    moved = SourceState(
        "s", url="http://a/x", etag='"e"', adopted_url="http://b/x", disabled="gone", baseline_done=True
    )
    fresh = reconcile(moved, "http://c/x")
    assert fresh.url == "http://c/x" and fresh.etag is None and fresh.adopted_url is None and fresh.disabled is None
    assert fresh.baseline_done is True, "its entries stay seen: no flood after a url edit"
    assert SourceState.from_json('{"source_id": "s", "etag": "x", "unknown_future_field": 1}').etag == "x"


def test_finish_does_not_count_redirects_of_failed_polls() -> None:
    fetch = FetchResult(url="http://b/x", status=200, body=b"<html>", permanent_redirect="http://b/x")
    failed_plan = plan_not_modified(SourceState("s"), fetch, 0.0)
    from collectors.update import UpdatePlan

    plan = UpdatePlan(state=failed_plan.state, outcome="failed")
    out, adopted = finish(plan, fetch, 60, PollPolicy(redirect_persist=1), 0.0, 0.5)
    assert adopted is None and out.state.redirect_count == 0 and out.state.next_poll == 60.0


# --- `wirewatch sources` ----------------------------------------------------------------------------------


@pytest.mark.system
def test_sources_table_shows_each_failing_feed_with_its_reason(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.put("/ok.xml", rss([entry(1)]))
    feed_server.put("/boom.xml", b"oops", status=500, content_type="text/plain")
    feed_server.put("/gone.xml", b"gone", status=410, content_type="text/plain")
    feed_server.put("/html.xml", "<html><body>maintenance</body></html>", content_type="text/html")
    cfg = tmp_path / "c.yaml"
    lines = [f"store: sqlite:///{tmp_path}/w.db", "fetch:\n  allow_private_addresses: true", "sources:"]
    for name in ("ok", "boom", "gone", "html"):
        lines.append(f"  - id: {name}\n    url: {feed_server.url(f'/{name}.xml')}")
    lines.append("  - id: never\n    url: http://127.0.0.1:9/never.xml\n    enabled: false")
    cfg.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run_cli("once", "--config", str(cfg), cwd=tmp_path)
    assert r.returncode == 1
    assert "source boom: fetch failed: HTTP 500 Internal Server Error; failure 1 in a row, next try at" in r.stderr

    r = run_cli("sources", "--config", str(cfg), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = r.stdout.splitlines()
    header = out[0].split()
    assert header[:3] == ["ID", "STATUS", "LAST"] and "NEXT" in header and "ERROR" in header
    rows = {line.split()[0]: line for line in out[1:]}
    assert rows["ok"].split()[1] == "ok" and "(in " in rows["ok"]
    assert rows["boom"].split()[1] == "failing" and "HTTP 500 Internal Server Error" in rows["boom"]
    assert rows["gone"].split()[1] == "disabled" and "HTTP 410 Gone" in rows["gone"]
    assert rows["html"].split()[1] == "failing" and "HTML page" in rows["html"]
    assert rows["never"].split()[1] == "off"


def test_every_redirect_hop_is_checked_before_it_is_sent() -> None:
    """A public feed that redirects to the cloud metadata address: the second hop is refused unsent.
    (An in-memory transport stands in for the public server: no packet leaves this process.)"""
    sent: list[str] = []

    def publisher(request: httpx.Request) -> httpx.Response:
        sent.append(str(request.url))
        return httpx.Response(301, headers={"Location": "http://169.254.169.254/latest/meta-data/"})

    async def go() -> FetchResult:
        fetcher = Fetcher(FetchLimits(allow_private_addresses=False), transport=httpx.MockTransport(publisher))
        try:
            return await fetcher.fetch("http://93.184.216.34/feed.xml")
        finally:
            await fetcher.aclose()

    result = asyncio.run(go())
    assert sent == ["http://93.184.216.34/feed.xml"]
    assert result.error is not None and result.error.startswith("refused: 169.254.169.254")
