"""The long-running daemon: polls on schedule, delivers, and stops cleanly on SIGTERM / SIGINT."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.servers.feeds import FeedServer, rss
from tests.servers.slack import SlackServer, wait_for

# real `wirewatch` daemons: long waits, scheduled first (tests/conftest.py)
pytestmark = [pytest.mark.system, pytest.mark.long]

DEAL = {
    "guid": "d1",
    "title": "Pfizer signs exclusive license agreement with Chinese biotech",
    "link": "http://news.test/d1",
    "description": "Pfizer pays $100 million upfront plus milestones.",
}
DEAL2 = {
    "guid": "d2",
    "title": "AbbVie to acquire ImmunoGen, an antibody-drug conjugate biotech, for $10 billion",
    "link": "http://news.test/d2",
    "description": "The acquisition adds an oncology drug.",
}


def start_daemon(cfg: Path, slack: SlackServer) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SLACK_BOT_TOKEN": slack.token,
        "SLACK_API_URL": slack.base_url,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "wirewatch", "run", "--config", str(cfg)],
        cwd=cfg.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_daemon_polls_delivers_and_stops_cleanly(
    tmp_path: Path, feed_server: FeedServer, slack_server: SlackServer, sig: signal.Signals
) -> None:
    feed_server.put("/f.xml", rss([DEAL]))
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text(
        f"store: sqlite:///{tmp_path}/w.db\n"
        f"sources:\n  - id: wire\n    url: {feed_server.url('/f.xml')}\n    interval: 10\n"
        "    on_first_fetch: alert\n"
        "notify:\n  console: false\n  slack:\n    token: ${SLACK_BOT_TOKEN}\n    base_url: ${SLACK_API_URL}\n"
        "delivery:\n  interval: 1\n"
        "fetch:\n  allow_private_addresses: true  # the feed server is on 127.0.0.1\n"
        "jitter: 0\n"
    )
    proc = start_daemon(cfg, slack_server)
    try:
        assert wait_for(lambda: len(slack_server.posted()) == 1, timeout=20), "first poll alerts"
        feed_server.put("/f.xml", rss([DEAL2, DEAL]))
        assert wait_for(lambda: len(slack_server.posted()) == 2, timeout=25), "next scheduled poll alerts the new one"
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert "stopped" in err
    links = [m.blocks[0]["text"]["text"] for m in slack_server.posted()]
    assert "http://news.test/d1" in links[0] and "http://news.test/d2" in links[1]

    # a restart re-reads state from the store: the same entries never alert again
    proc = start_daemon(cfg, slack_server)
    try:
        assert wait_for(lambda: any(h.status == 304 for h in feed_server.hits_for("/f.xml")[-1:]), timeout=20)
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert len(slack_server.posted()) == 2
