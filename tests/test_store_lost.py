"""A Redis without persistence that restarts comes back empty (issue 14, item 9): every seen mark is gone, and
`wirewatch run` used to post every entry of every feed again, without a word. Now the empty store is noticed
(its identity marker is gone), every source re-baselines instead (records what its feed lists, alerts nothing),
ops hear once, and what is published afterwards alerts as usual. A real redis-server, killed and restarted
empty on the same port; a real `wirewatch run`; loopback feeds and Slack."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import free_port
from tests.servers.daemon import Daemon, tracebacks
from tests.servers.feeds import FeedServer, rss
from tests.servers.redis_process import RedisProcess
from tests.servers.slack import SlackServer, wait_for

pytestmark = [pytest.mark.system, pytest.mark.redis, pytest.mark.long]

FEEDS, INTERVAL = 3, 10


def entries(feed: int, upto: int) -> str:
    return rss(
        [
            {"guid": f"f{feed}-{n}", "title": f"lostsignal {feed}-{n}", "link": f"http://news.test/{feed}/{n}"}
            for n in reversed(range(upto))
        ]
    )


def posts(slack: SlackServer) -> Counter[str]:
    return Counter(
        m.metadata["event_payload"]["alert_id"] for m in slack.posted() if m.metadata and m.channel == "#market-signals"
    )


def test_redis_that_comes_back_empty_is_reported_and_nothing_is_posted_again(
    tmp_path: Path, feed_server: FeedServer, slack_server: SlackServer
) -> None:
    slack_server.channels.add("#ops")
    redis_server = RedisProcess(tmp_path, free_port()).start()  # no persistence: a restart loses everything
    for f in range(FEEDS):
        feed_server.put(f"/f{f}.xml", entries(f, 3))
    (tmp_path / "rules.yaml").write_text(
        "rules:\n  - id: lost\n    description: test entries\n    severity: high\n    any: [lostsignal]\n"
    )
    sources = "".join(
        f"  - id: f{f}\n    url: {feed_server.url(f'/f{f}.xml')}\n    interval: {INTERVAL}\n    on_first_fetch: alert\n"
        for f in range(FEEDS)
    )
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text(
        f"store: {redis_server.url}\nstore_prefix: wwtest-lost\nrules: [rules.yaml]\nsources:\n{sources}"
        "notify:\n  console: false\n  ops_channel: '#ops'\n"
        "  slack: {token: '${SLACK_BOT_TOKEN}', base_url: '${SLACK_API_URL}', channel: '#market-signals'}\n"
        "  budget: {per_channel: null}\n"
        "delivery: {interval: 1, retry_base: 0.5, retry_cap: 2, channel_rate: 0}\n"
        "fetch: {allow_private_addresses: true}\nfleet: {lease_timeout: 3}\njitter: 0\n"
    )
    daemon = Daemon(cfg, slack_server)
    try:
        assert wait_for(lambda: len(posts(slack_server)) == 3 * FEEDS, timeout=40), daemon.log[-3000:]
        redis_server.kill()
        redis_server.start()  # same port, empty
        told = wait_for(
            lambda: any("lost its data" in m.text for m in slack_server.posted() if m.channel == "#ops"),
            timeout=4 * INTERVAL,
        )
        assert told, daemon.log[-3000:]
        wait_for(lambda: False, timeout=INTERVAL + 2)  # each source polled again after the loss: a baseline
        assert sum(posts(slack_server).values()) == 3 * FEEDS, "nothing posted again"
        for f in range(FEEDS):
            feed_server.put(f"/f{f}.xml", entries(f, 4))  # a new entry on each feed: alerted as usual
        assert wait_for(lambda: len(posts(slack_server)) == 4 * FEEDS, timeout=3 * INTERVAL), daemon.log[-3000:]
    finally:
        rc = daemon.stop()
        redis_server.stop()
    log = daemon.log
    assert rc == 0
    assert max(posts(slack_server).values()) == 1, "no entry was posted twice"
    notices = [m.text for m in slack_server.posted() if m.channel == "#ops" and "lost its data" in m.text]
    assert len(notices) == 1 and "came back empty" in notices[0]
    assert "appendfsync always" in log
    assert tracebacks(log) == [], log[-5000:]
