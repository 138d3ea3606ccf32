"""A store fault under a real `wirewatch run` (issue 14, item 1): the store stops taking writes, the daemon
says so (`/healthz`, `wirewatch_store_up`, one ops notice, one ERROR line, no traceback), keeps polling on a
backoff that never passes one interval, and delivers what it withheld within one interval of the fault's end;
a deleted database is created again and reported, with nothing re-posted; a damaged one is reported with what
to do. Real SQLite files, loopback feeds, the loopback Slack server.

The full disk is the daemon's own: RLIMIT_FSIZE = 1 byte (set from outside with prlimit, as `ulimit -f` would)
makes every write to a file fail with EFBIG, exactly what SQLite meets on a full file system, while sockets
and pipes keep working. It needs no privileges and no spare file system.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from store.sqlite_store import SqliteStore
from tests.conftest import ROOT, free_port, run_cli
from tests.servers.daemon import Daemon, tracebacks
from tests.servers.feeds import FeedServer, rss
from tests.servers.slack import SlackServer, wait_for
from wirewatch.store_health import SETTLE

pytestmark = [pytest.mark.system, pytest.mark.long]

FEEDS = 5
INTERVAL = 10  # the shortest interval a source may have


def entry(feed: int, n: int) -> dict[str, str]:
    return {
        "guid": f"f{feed}-e{n}",
        "title": f"Pfizer signs exclusive license agreement with biotech number {feed}-{n}",
        "link": f"http://news.test/{feed}/{n}",
        "description": "Pfizer pays $100 million upfront plus milestones.",
    }


def publish(feeds: FeedServer, upto: int) -> None:
    for f in range(FEEDS):
        feeds.put(f"/f{f}.xml", rss([entry(f, n) for n in reversed(range(upto))]))


def config(tmp: Path, feeds: FeedServer, port: int, store: str | None = None) -> Path:
    sources = "".join(
        f"  - id: f{f}\n    url: {feeds.url(f'/f{f}.xml')}\n    interval: {INTERVAL}\n    on_first_fetch: alert\n"
        for f in range(FEEDS)
    )
    cfg = tmp / "wirewatch.yaml"
    cfg.write_text(
        f"store: {store or f'sqlite:///{tmp}/state.db'}\n"
        f"sources:\n{sources}"
        "notify:\n  console: false\n  ops_channel: '#ops'\n"
        "  slack: {token: '${SLACK_BOT_TOKEN}', base_url: '${SLACK_API_URL}', channel: '#market-signals'}\n"
        "  budget: {per_channel: null}\n"
        "delivery: {interval: 1, retry_base: 0.5, retry_cap: 2, channel_rate: 0}\n"
        "fetch: {allow_private_addresses: true}\n"
        f"metrics: {{enabled: true, port: {port}}}\n"
        "jitter: 0\n"
    )
    return cfg


def alerts_posted(slack: SlackServer) -> Counter[str]:
    """Alert posts (not ops notices) by alert id."""
    return Counter(
        m.metadata["event_payload"]["alert_id"] for m in slack.posted() if m.metadata and m.channel == "#market-signals"
    )


def ops_posts(slack: SlackServer) -> list[str]:
    return [m.text for m in slack.posted() if m.channel == "#ops"]


def get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
            return int(r.status), r.read().decode()
    except urllib.error.HTTPError as exc:
        return int(exc.code), exc.read().decode()
    except OSError as exc:
        return 0, str(exc)


def healthz(port: int) -> dict[str, object]:
    status, body = get(port, "/healthz")
    return json.loads(body) if status in (200, 503) else {}


def metric(port: int, name: str) -> str:
    return "\n".join(line for line in get(port, "/metrics")[1].splitlines() if line.startswith(name))


@pytest.fixture
def slack(slack_server: SlackServer) -> SlackServer:
    slack_server.channels.add("#ops")
    return slack_server


def test_full_disk_under_run_is_reported_retried_and_recovered_within_one_interval(
    tmp_path: Path, feed_server: FeedServer, slack: SlackServer
) -> None:
    publish(feed_server, 1)
    port = free_port()
    daemon = Daemon(config(tmp_path, feed_server, port), slack)
    try:
        assert wait_for(lambda: len(alerts_posted(slack)) == FEEDS, timeout=40), daemon.log[-3000:]
        assert healthz(port)["status"] == "ok" and metric(port, "wirewatch_store_up ") == "wirewatch_store_up 1.0"
        assert 'wirewatch_build_info{python="' in metric(port, "wirewatch_build_info")
        assert 'wirewatch_source_last_success_timestamp_seconds{source="f0"}' in metric(
            port, "wirewatch_source_last_success_timestamp_seconds"
        )

        # The disk is full: the daemon can read its store but write nothing.
        resource.prlimit(daemon.proc.pid, resource.RLIMIT_FSIZE, (1, resource.RLIM_INFINITY))
        publish(feed_server, 3)  # two new entries on every feed while the store cannot take them
        assert wait_for(lambda: healthz(port).get("status") == "degraded", timeout=3 * INTERVAL), daemon.log[-3000:]
        health = healthz(port)
        assert health["store"] == "unavailable" and "cannot be written" in str(health["reason"])
        assert "store_since" in health
        assert metric(port, "wirewatch_store_up ") == "wirewatch_store_up 0.0"
        assert wait_for(lambda: len(ops_posts(slack)) == 1, timeout=10), "ops hear of it, straight away"
        assert "store unavailable" in ops_posts(slack)[0] and "cannot be written" in ops_posts(slack)[0]
        time.sleep(INTERVAL)  # polls keep failing (and backing off) meanwhile; nothing new is posted
        assert len(alerts_posted(slack)) == FEEDS
        assert len(ops_posts(slack)) == 1, "once per episode"

        # The disk has room again: everything withheld goes out within one interval.
        cleared = time.monotonic()
        resource.prlimit(daemon.proc.pid, resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        assert wait_for(lambda: len(alerts_posted(slack)) == 3 * FEEDS, timeout=INTERVAL + 10), daemon.log[-3000:]
        recovered_in = time.monotonic() - cleared
        # The episode ends once writes have worked with no failure for SETTLE seconds: health, metric, ops.
        assert wait_for(lambda: healthz(port)["status"] == "ok", timeout=SETTLE + INTERVAL + 5), daemon.log[-3000:]
        assert metric(port, "wirewatch_store_up ") == "wirewatch_store_up 1.0"
        assert wait_for(lambda: len(ops_posts(slack)) == 2, timeout=10)
        assert "available again" in ops_posts(slack)[1]
    finally:
        rc = daemon.stop()
    log = daemon.log
    assert rc == 0, log[-3000:]
    assert max(alerts_posted(slack).values()) == 1, "nothing posted twice"
    assert tracebacks(log) == [], log[-5000:]
    assert len(re.findall(r"ERROR .*store unavailable: ", log)) == 1, log[-5000:]
    assert re.search(r"source f\d: not polled, store unavailable; next try in \d+s", log)
    assert "store available again after" in log
    print(f"\nfull disk: withheld alerts delivered {recovered_in:.1f}s after the fault cleared (interval {INTERVAL}s)")


def test_sources_says_when_the_store_cannot_be_written(tmp_path: Path, feed_server: FeedServer) -> None:
    publish(feed_server, 1)
    cfg = config(tmp_path, feed_server, free_port())
    assert run_cli("once", "--config", str(cfg), cwd=tmp_path).returncode == 0
    ok = run_cli("sources", "--config", str(cfg), cwd=tmp_path)
    assert ok.returncode == 0 and "STORE" not in ok.stdout
    with SqliteStore(tmp_path / "state.db") as running:  # as a running daemon does, keeps the WAL index open
        assert running.get_source_state("f0") is not None
        full = subprocess.run(  # the same command on a full disk (its own file-size limit: 1 byte)
            [sys.executable, "-m", "wirewatch", "sources", "--config", str(cfg)],
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (1, resource.RLIM_INFINITY)),
        )
    assert full.returncode == 0, full.stderr
    first = full.stdout.splitlines()[0]
    assert first.startswith("STORE UNAVAILABLE: the database") and "cannot be written" in first, full.stdout
    assert "f0" in full.stdout  # the table still shows what was last saved


def test_deleted_database_under_run_is_recreated_reported_and_nothing_reposted(
    tmp_path: Path, feed_server: FeedServer, slack: SlackServer
) -> None:
    publish(feed_server, 2)
    port = free_port()
    daemon = Daemon(config(tmp_path, feed_server, port), slack)
    db = tmp_path / "state.db"
    try:
        assert wait_for(lambda: len(alerts_posted(slack)) == 2 * FEEDS, timeout=40), daemon.log[-3000:]
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        # The next polls find the file gone: it is created again, ops are told once, every source re-baselines.
        told = wait_for(lambda: any("lost its data" in t for t in ops_posts(slack)), timeout=3 * INTERVAL)
        assert told, daemon.log[-3000:]
        assert db.is_file()
        time.sleep(INTERVAL + 2)  # every source polled again (baseline) after the loss
        publish(feed_server, 3)  # then a new entry on each feed: alerted as usual
        assert wait_for(lambda: len(alerts_posted(slack)) == 3 * FEEDS, timeout=3 * INTERVAL), daemon.log[-3000:]
        sources = run_cli("sources", "--config", str(tmp_path / "wirewatch.yaml"), cwd=tmp_path)
    finally:
        rc = daemon.stop()
    log = daemon.log
    assert rc == 0
    assert max(alerts_posted(slack).values()) == 1, "the old entries were not posted again"
    assert len([t for t in ops_posts(slack) if "lost its data" in t]) == 1, ops_posts(slack)
    assert "was deleted while in use; a new empty one was created" in log
    assert tracebacks(log) == [], log[-5000:]
    assert all(f"f{f} " in sources.stdout for f in range(FEEDS)) and "never polled" not in sources.stdout


@pytest.mark.parametrize("command", ["once", "run"])
def test_damaged_database_is_one_line_with_what_to_do(
    tmp_path: Path, feed_server: FeedServer, slack: SlackServer, command: str
) -> None:
    publish(feed_server, 1)
    cfg = config(tmp_path, feed_server, free_port())
    (tmp_path / "state.db").write_bytes(b"garbage, not an SQLite file\n" * 200)
    env = {"SLACK_BOT_TOKEN": slack.token, "SLACK_API_URL": slack.base_url}
    r = run_cli(command, "--config", str(cfg), cwd=tmp_path, env=env, timeout=60)
    assert r.returncode == 3, r.stderr
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    assert "is damaged" in lines[0] and "file is not a database" in lines[0]
    assert "move state.db and its -wal and -shm files aside" in lines[0] and "restore a backup" in lines[0]
