"""One writer per SQLite store (issue 14, item 2): two `wirewatch once` runs that overlap on one SQLite file
(a cron job that runs long meets the next) used to deliver the same pending alerts side by side — a third of
300 alerts posted twice. Now the second waits for the first (up to `store_lock_wait`) or exits with a clear
message; every alert is posted once. Loopback feeds, the loopback Slack server, a real SQLite file."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.servers.feeds import FeedServer, rss
from tests.servers.slack import SlackServer, wait_for

pytestmark = [pytest.mark.system, pytest.mark.long]

FEEDS, PER_FEED = 3, 100


def title(feed: int, n: int) -> str:
    """Distinct words per entry: unrelated stories, never merged as near-duplicates."""
    h = hashlib.sha256(f"{feed}-{n}".encode()).hexdigest()
    return f"onewriter {h[:8]} {h[8:16]} {h[16:24]} {h[24:32]} report"


def setup(tmp: Path, feeds: FeedServer, lock_wait: str) -> Path:
    for f in range(FEEDS):
        entries = [
            {"guid": f"f{f}-{n}", "title": title(f, n), "link": f"http://news.test/{f}/{n}"} for n in range(PER_FEED)
        ]
        feeds.put(f"/f{f}.xml", rss(entries))
    (tmp / "rules.yaml").write_text(
        "rules:\n  - id: one-writer\n    description: test entries\n    severity: high\n    any: [onewriter]\n"
    )
    sources = "".join(
        f"  - id: f{f}\n    url: {feeds.url(f'/f{f}.xml')}\n    interval: 60\n    on_first_fetch: alert\n"
        for f in range(FEEDS)
    )
    cfg = tmp / "wirewatch.yaml"
    cfg.write_text(
        f"store: sqlite:///{tmp}/state.db\nstore_lock_wait: {lock_wait}\nrules: [rules.yaml]\n"
        f"sources:\n{sources}"
        "notify:\n  console: false\n"
        "  slack: {token: '${SLACK_BOT_TOKEN}', base_url: '${SLACK_API_URL}', channel: '#market-signals'}\n"
        "  budget: {per_channel: null}\n"
        "delivery: {channel_rate: 0, retry_base: 0.2, retry_cap: 1}\n"
        "fetch: {allow_private_addresses: true}\n"
    )
    return cfg


def once(cfg: Path, slack: SlackServer) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SLACK_BOT_TOKEN": slack.token, "SLACK_API_URL": slack.base_url}
    return subprocess.Popen(
        [sys.executable, "-m", "wirewatch", "once", "--config", str(cfg)],
        cwd=cfg.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def posts(slack: SlackServer) -> Counter[str]:
    return Counter(m.metadata["event_payload"]["alert_id"] for m in slack.posted() if m.metadata)


@pytest.mark.parametrize("lock_wait", ["60s", "0"])
def test_overlapping_once_runs_post_every_alert_once(
    tmp_path: Path, feed_server: FeedServer, slack_server: SlackServer, lock_wait: str
) -> None:
    slack_server.post_delay = 0.03  # a Slack that takes its time: the first run is still sending when the next starts
    cfg = setup(tmp_path, feed_server, lock_wait)
    first = once(cfg, slack_server)
    try:
        assert wait_for(lambda: len(slack_server.posted()) >= 20, timeout=120), "the first run is sending"
        started = time.monotonic()
        second = once(cfg, slack_server)
        _, err2 = second.communicate(timeout=180)
        waited = time.monotonic() - started
        _, err1 = first.communicate(timeout=180)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    counts = posts(slack_server)
    twice = sum(1 for c in counts.values() if c > 1)
    print(f"\nstore_lock_wait {lock_wait}: {len(slack_server.posted())} posts for {len(counts)} alerts, {twice} twice")
    assert first.returncode == 0, err1
    assert len(counts) == FEEDS * PER_FEED
    assert twice == 0 and len(slack_server.posted()) == FEEDS * PER_FEED
    if lock_wait == "0":  # told at once who holds the store; its own exit code (the CLI maps StoreBusy)
        assert second.returncode != 0 and waited < 20
        message = [line for line in err2.splitlines() if "another wirewatch process" in line]
        assert message and f"pid {first.pid}" in message[0] and "is writing to" in message[0], err2
        assert "Traceback" not in err2
    else:  # waited for the first to finish, then found nothing left to do
        assert second.returncode == 0, err2


def test_once_beside_a_running_daemon_is_told_the_store_is_busy(
    tmp_path: Path, feed_server: FeedServer, slack_server: SlackServer
) -> None:
    from tests.servers.daemon import Daemon

    cfg = setup(tmp_path, feed_server, "0")
    daemon = Daemon(cfg, slack_server)
    try:
        assert wait_for(lambda: "wirewatch running" in daemon.log, timeout=30), daemon.log
        second = once(cfg, slack_server)
        _, err = second.communicate(timeout=60)
        assert second.returncode != 0 and "Traceback" not in err
        assert f"another wirewatch process (pid {daemon.proc.pid} since " in err, err
        assert wait_for(lambda: len(slack_server.posted()) == FEEDS * PER_FEED, timeout=120), daemon.log[-2000:]
    finally:
        assert daemon.stop() == 0
    assert max(posts(slack_server).values()) == 1
