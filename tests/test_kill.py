"""Kill the daemon with SIGKILL at random points, 20 times, while 200 alerts are pending (40 of them thread
replies, over four channels, Slack answering slowly so that kills land between "Slack stored the post" and
"we recorded it"); then let it finish. Every alert must be in Slack exactly once: 0 lost, 0 duplicated."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from collectors.item import Item
from store.records import Alert, alert_id
from store.sqlite_store import SqliteStore
from tests.conftest import ROOT
from tests.servers.slack import SlackServer, wait_for

# real `wirewatch` daemons: long waits, scheduled first (tests/conftest.py)
pytestmark = [pytest.mark.system, pytest.mark.long]

CHANNELS = ("#c0", "#c1", "#c2", "#c3")
ALERTS, REPLIES, KILLS = 200, 40, 20


def start(cfg: Path, slack: SlackServer, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SLACK_BOT_TOKEN": slack.token, "SLACK_API_URL": slack.base_url}
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "wirewatch", "run", "--config", str(cfg)],
            cwd=cfg.parent,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=out,
        )


def pending_alerts(db: Path) -> list[tuple[Alert, str]]:
    rng = random.Random(7)
    now = time.time() - 5
    firsts: list[tuple[Alert, str]] = []
    for n in range(ALERTS - REPLIES):
        item = Item(id=f"e{n}", source="wire", title=f"Event {n}", summary="", link=f"https://news.test/{n}")
        a = Alert(id=alert_id("wire", item.id, "kw"), rule="kill-test", item=item, severity="high", created_at=now)
        firsts.append((a, f"slack:{CHANNELS[n % len(CHANNELS)]}"))
    replies = []
    for n in range(REPLIES):
        parent, target = rng.choice(firsts)
        item = Item(id=f"r{n}", source="other-wire", title=f"Event again {n}", summary="", link=f"https://x.test/{n}")
        a = Alert(
            id=alert_id("other-wire", item.id, "kw"),
            rule="kill-test",
            item=item,
            severity="high",
            created_at=now + 1,
            thread_of=parent.id,
        )
        replies.append((a, target))
    store = SqliteStore(db)
    try:
        for a, target in firsts + replies:
            assert store.add_alert(a, [target])
    finally:
        store.close()
    return firsts + replies


def sent_count(db: Path) -> int:
    store = SqliteStore(db)
    try:
        return ALERTS - len(store.deliveries_in("pending", 10_000))
    finally:
        store.close()


def test_sigkill_twenty_times_loses_nothing_and_duplicates_nothing(
    tmp_path: Path, slack_server: SlackServer, capsys: pytest.CaptureFixture[str]
) -> None:
    slack_server.channels.update(CHANNELS)
    slack_server.post_delay = 0.1  # Slack stores the post, then takes 100 ms to answer: kills land in between
    db = tmp_path / "w.db"
    alerts = pending_alerts(db)
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text(
        f"store: sqlite:///{db}\nsources: []\n"
        "notify:\n  console: false\n"
        "  slack:\n    token: ${SLACK_BOT_TOKEN}\n    base_url: ${SLACK_API_URL}\n    channel: '#c0'\n"
        "  budget:\n    per_channel: null\n"
        "delivery:\n  interval: 1\n  retry_base: 0.2\n  retry_cap: 1\n  channel_rate: 0\n  workers: 4\n"
    )
    log = tmp_path / "daemon.log"
    seed = int(os.environ.get("KILL_SEED", "20251125"))
    rng = random.Random(seed)
    started = time.monotonic()
    kills = 0
    for _ in range(KILLS):
        before = len(slack_server.posted())
        proc = start(cfg, slack_server, log)
        try:
            # Kill once this run is posting (or, when all is posted, once it is up), at a random moment.
            wait_for(lambda b=before: len(slack_server.posted()) > b, timeout=20, interval=0.01)
            time.sleep(rng.uniform(0.0, 0.4))
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
        kills += 1

    proc = start(cfg, slack_server, log)
    try:
        assert wait_for(lambda: sent_count(db) == ALERTS, timeout=60, interval=0.2), log.read_text()[-3000:]
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    elapsed = time.monotonic() - started

    posts = Counter(m.metadata["event_payload"]["alert_id"] for m in slack_server.posted() if m.metadata)
    lost = [a.id for a, _ in alerts if posts[a.id] == 0]
    duplicated = sum(c - 1 for c in posts.values() if c > 1)
    text = log.read_text()
    reconciled = sum(int(n) for n in re.findall(r"start-up: (\d+) alerts in doubt had reached Slack", text))
    with capsys.disabled():
        print(
            f"\nkill test: {kills} SIGKILLs (seed {seed}), {ALERTS} alerts ({REPLIES} thread replies) over "
            f"{len(CHANNELS)} channels: {len(posts)} delivered, {len(lost)} lost, {duplicated} duplicated; "
            f"{reconciled} posts found already in Slack at start-up; {elapsed:.1f}s"
        )
    assert kills == KILLS
    assert lost == []
    assert duplicated == 0
    assert len(slack_server.posted()) == ALERTS

    # The store agrees with Slack, and every reply sits in its first alert's thread.
    by_id = {m.metadata["event_payload"]["alert_id"]: m for m in slack_server.posted() if m.metadata}
    store = SqliteStore(db)
    try:
        for a, target in alerts:
            [d] = store.deliveries(a.id)
            assert (d.status, d.ref, d.target) == ("sent", by_id[a.id].ts, target)
            if a.thread_of:
                assert by_id[a.id].thread_ts == by_id[a.thread_of].ts
                assert by_id[a.id].channel == by_id[a.thread_of].channel
            else:
                assert by_id[a.id].thread_ts is None
    finally:
        store.close()
