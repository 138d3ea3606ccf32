"""SIGTERM is a clean drain (issue 14, item 10): polls still running when `shutdown_grace` is over are cancelled
quietly (they are redone on the next start), and nothing is logged at ERROR — before, APScheduler logged each
cancelled job as an error with a CancelledError traceback. A real `wirewatch run`, feeds on loopback that
send their bodies slowly enough to be in flight when the signal comes."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from tests.servers.daemon import Daemon
from tests.servers.feeds import FeedServer, rss
from tests.servers.slack import SlackServer, wait_for

pytestmark = [pytest.mark.system, pytest.mark.long]


def test_sigterm_with_polls_in_flight_drains_without_errors(
    tmp_path: Path, feed_server: FeedServer, slack_server: SlackServer
) -> None:
    big = rss([{"guid": f"g{n}", "title": f"Entry {n} " + "x" * 200, "link": f"http://n.test/{n}"} for n in range(60)])
    for f in range(3):  # ~16 KB sent 256 bytes at a time, 0.5 s apart: a poll takes half a minute
        feed_server.put(f"/slow{f}.xml", big, drip=0.5)
    sources = "".join(f"  - id: slow{f}\n    url: {feed_server.url(f'/slow{f}.xml')}\n" for f in range(3))
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text(
        f"store: sqlite:///{tmp_path}/state.db\nshutdown_grace: 2s\nsources:\n{sources}"
        "notify:\n  console: false\n"
        "  slack: {token: '${SLACK_BOT_TOKEN}', base_url: '${SLACK_API_URL}'}\n"
        "fetch: {allow_private_addresses: true}\n"
    )
    daemon = Daemon(cfg, slack_server)
    try:
        started = lambda: all(feed_server.hits_for(f"/slow{f}.xml") for f in range(3))  # noqa: E731
        assert wait_for(started, timeout=30), daemon.log
        assert wait_for(lambda: "wirewatch running" in daemon.log, timeout=30), daemon.log
        time.sleep(1.0)  # the three polls are reading their bodies
        daemon.proc.send_signal(signal.SIGTERM)
        daemon.proc.wait(30)
    finally:
        rc = daemon.stop()
    log = daemon.log
    assert rc == 0, log
    assert [line for line in log.splitlines() if " ERROR " in line or "Traceback" in line] == [], log
    assert "CancelledError" not in log
    assert "3 tasks did not finish within 2s; their polls will be redone" in log
    assert log.count("interrupted by shutdown; it is redone on the next start") == 3
    assert log.rstrip().endswith("stopped")
    assert "wirewatch.poll" not in log  # no poll was half-saved: each is redone on the next start
