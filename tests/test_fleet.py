"""Several `wirewatch run` replicas on one real redis-server share the work through leases: every new entry is
alerted exactly once, each source is polled about once per interval fleet-wide, a SIGKILLed replica's sources
and pending deliveries resume within the lease timeout, and a Redis restart loses nothing acknowledged."""

from __future__ import annotations

import json
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests.conftest import free_port
from tests.servers.feeds import FeedServer
from tests.servers.fleet import (
    RULES,
    Feeds,
    RestartableRedis,
    config_text,
    metric,
    posted_alert_ids,
    start_replica,
    stop_all,
)
from tests.servers.slack import SlackServer, wait_for

pytestmark = [pytest.mark.system, pytest.mark.redis, pytest.mark.long]
INTERVAL, LEASE = 10, 3.0


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RestartableRedis]:
    """A redis-server of this test's own, which it may kill and restart on the same port."""
    try:
        server = RestartableRedis(tmp_path, free_port()).start()
    except RuntimeError:
        pytest.skip("redis-server not installed")
    yield server
    server.stop()


def fleet_files(tmp_path: Path, store: str, prefix: str, feeds: Feeds, first: str = "baseline") -> Path:
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES)
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text(
        config_text(store=store, prefix=prefix, rules=rules, feeds=feeds, lease_timeout=LEASE, on_first_fetch=first)
    )
    return cfg


def assert_once(slack: SlackServer, expected: int) -> None:
    ids = posted_alert_ids(slack)
    dupes = {a: n for a, n in ids.items() if n > 1}
    assert not dupes, f"posted more than once: {dupes}"
    assert len(ids) == expected


def test_three_replicas_share_200_feeds_alert_once_and_survive_a_sigkill(
    tmp_path: Path, redis_url: str, redis_prefix: str, feed_server: FeedServer, slack_server: SlackServer
) -> None:
    slack_server.post_delay = 0.02  # sends take a while, so the kill lands while a replica holds the lane
    feeds = Feeds(feed_server, 200)
    feeds.setup()
    cfg = fleet_files(tmp_path, redis_url, redis_prefix, feeds)
    replicas = [start_replica(cfg, slack_server, tmp_path / f"r{i}.log") for i in range(3)]
    try:
        assert wait_for(lambda: len(feeds.hits()) == feeds.n, timeout=30), "every feed baselined"
        time.sleep(1)

        # 1. new entries on every feed: each is alerted exactly once, by whichever replica polled it
        feeds.publish()
        assert wait_for(lambda: len(posted_alert_ids(slack_server)) >= feeds.n, timeout=INTERVAL + 15)
        time.sleep(1.5)
        assert_once(slack_server, feeds.n)

        # 2. fleet-wide, each source is polled about once per interval (three uncoordinated daemons: three times)
        before, window = feeds.hits(), 2 * INTERVAL
        time.sleep(window)
        after = feeds.hits()
        per_feed = {p: after[p] - before[p] for p in after}
        total, expected = sum(per_feed.values()), feeds.n * window / INTERVAL
        print(
            f"\npolls in {window}s over {feeds.n} feeds: {total} (expected ~{expected:.0f}); max per feed "
            f"{max(per_feed.values())}"
        )
        assert 0.75 * expected <= total <= 1.2 * expected
        assert max(per_feed.values()) <= window / INTERVAL + 1
        assert min(per_feed.values()) >= 1

        # the replicas' own metrics agree with the feed server, and every replica did a share of the polls
        bodies = [r.get("/metrics")[1] for r in replicas]
        polls = [metric(b, "wirewatch_polls_total") for b in bodies]
        assert all(p > 0 for p in polls), polls
        assert abs(sum(polls) - sum(after.values())) <= 3 * len(replicas), (polls, sum(after.values()))
        assert all(r.get("/healthz")[0] == 200 for r in replicas)
        assert sum(metric(b, "wirewatch_alerts_sent_total") for b in bodies) == feeds.n

        # 3. SIGKILL the replica sending right now, mid-lane; its sources and pending deliveries resume
        feeds.publish()
        client = redis.Redis.from_url(redis_url, decode_responses=True)
        lane = "{" + redis_prefix + "}:lease:deliver:slack:#market-signals"
        assert wait_for(lambda: client.get(lane) is not None, timeout=INTERVAL + 10, interval=0.01)
        owner = str(client.get(lane))
        client.close()
        victim = next(r for r in replicas if f":{r.proc.pid}:" in owner)
        victim.proc.send_signal(signal.SIGKILL)
        victim.proc.wait(10)
        killed_at, sent_at_kill = time.monotonic(), len(posted_alert_ids(slack_server))
        assert sent_at_kill < 2 * feeds.n, "killed while work was pending"
        survivors = [r for r in replicas if r is not victim]
        assert wait_for(lambda: len(posted_alert_ids(slack_server)) >= 2 * feeds.n, timeout=INTERVAL + LEASE + 15)
        resumed = time.monotonic() - killed_at
        print(
            f"killed replica {victim.proc.pid} with {2 * feeds.n - sent_at_kill} alerts unsent; all sent "
            f"{resumed:.1f}s later"
        )
        time.sleep(1.5)
        assert_once(slack_server, 2 * feeds.n)
        assert all(r.proc.poll() is None for r in survivors)

        # structured logs: JSON lines with the source id bound
        lines = [line for r in replicas for line in r.lines()]
        assert all(line.get("level") != "raw" for line in lines), [x for x in lines if x.get("level") == "raw"][:3]
        assert any(line.get("source") == "f0000" for line in lines)
        assert any(line.get("rule") == "fleet-signal" for line in lines)
    finally:
        stop_all(replicas)


def test_redis_restart_mid_run_loses_nothing_acknowledged(
    tmp_path: Path, own_redis: RestartableRedis, feed_server: FeedServer, slack_server: SlackServer
) -> None:
    slack_server.post_delay = 0.05
    feeds = Feeds(feed_server, 40)
    feeds.setup()
    feeds.publish()  # alerted on the first fetch: no baseline round to wait for
    cfg = fleet_files(tmp_path, own_redis.url, "fleet", feeds, first="alert")
    replicas = [start_replica(cfg, slack_server, tmp_path / f"r{i}.log") for i in range(3)]
    try:
        assert wait_for(lambda: len(posted_alert_ids(slack_server)) >= 5, timeout=INTERVAL + 15, interval=0.01)

        own_redis.kill()  # mid-delivery: some alerts sent, some recorded and pending, some feeds not yet polled
        feeds.publish(range(0, feeds.n, 2))  # news arrives during the outage
        time.sleep(3)
        assert all(r.proc.poll() is None for r in replicas), "replicas keep running without Redis"
        own_redis.start()

        expected = feeds.n + len(range(0, feeds.n, 2))
        assert wait_for(lambda: len(posted_alert_ids(slack_server)) >= expected, timeout=2 * INTERVAL + 20), (
            len(posted_alert_ids(slack_server)),
            expected,
        )
        time.sleep(1.5)
        assert_once(slack_server, expected)
        assert all(r.proc.poll() is None for r in replicas)
        logged = [json.dumps(line) for r in replicas for line in r.lines()]
        assert any("unavailable" in line for line in logged), "the outage is reported"
        assert all(r.get("/healthz")[0] == 200 for r in replicas)
    finally:
        stop_all(replicas)
