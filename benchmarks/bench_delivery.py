"""Alerts delivered per second under Slack's posting limit (1 message/s/channel), across channels.

The loopback Slack server enforces the limit strictly (429 with Retry-After, as Slack does). Two workers
drain the same outbox (a real SQLite store, the real SlackNotifier):

  naive   one send after another, unpaced: slack-sdk's RateLimitErrorRetryHandler sleeps out every 429,
          holding up every other channel meanwhile;
  lanes   the outbox as configured by default: one lane per channel, paced to 1/s (burst 1 here, to match
          the strict server), lanes side by side.

Run: .venv/bin/python benchmarks/bench_delivery.py [--per-channel N] [--channels 1,2,4,8]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from domain.alert import Alert, alert_id
from domain.item import Item
from notifier.slack import SlackNotifier
from store.sqlite_store import SqliteStore
from tests.servers.slack import SlackServer
from wirewatch.delivery import DeliverySettings, Outbox


def run(channels: int, per_channel: int, mode: str) -> tuple[float, int, int]:
    names = [f"#bench-{i}" for i in range(channels)]
    server = SlackServer(channels=tuple(names)).start()
    server.rate_limit = 1.0
    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteStore(Path(tmp) / "w.db")
        now = time.time() - 1
        for n in range(channels * per_channel):
            item = Item(id=f"e{n}", source="bench", title=f"Alert {n}", link=f"https://news.test/{n}")
            a = Alert(alert_id("bench", item.id, "kw"), "bench", item, severity="high", created_at=now)
            store.add_alert(a, [f"slack:{names[n % channels]}"])
        notifier = SlackNotifier(server.token, names[0], server.base_url, timeout=5, max_retries=3)
        if mode == "naive":
            settings = DeliverySettings(retry_base=0.2, retry_cap=1.0, channel_rate=0.0, workers=1)
        else:
            settings = DeliverySettings(
                retry_base=0.2, retry_cap=1.0, channel_rate=1.0, channel_burst=1, workers=channels
            )
        outbox = Outbox(store, {"slack": notifier}, settings)
        total = channels * per_channel
        started = time.perf_counter()
        while len(server.posted()) < total:
            if not outbox.run():
                time.sleep(0.05)
        elapsed = time.perf_counter() - started
        store.close()
    server.stop()
    assert len(server.posted()) == total
    return elapsed, total, server.rate_limited


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-channel", type=int, default=6)
    parser.add_argument("--channels", default="1,2,4,8")
    args = parser.parse_args()
    print(f"limit: 1 message/s/channel (429 + Retry-After beyond it); {args.per_channel} alerts per channel")
    print(
        f"{'channels':>8} {'alerts':>6} | {'naive s':>8} {'alerts/s':>8} {'429s':>5} | "
        f"{'lanes s':>8} {'alerts/s':>8} {'429s':>5} | {'lanes/naive':>11}"
    )
    for channels in (int(c) for c in args.channels.split(",")):
        n_time, total, n_429 = run(channels, args.per_channel, "naive")
        l_time, _, l_429 = run(channels, args.per_channel, "lanes")
        print(
            f"{channels:>8} {total:>6} | {n_time:>8.1f} {total / n_time:>8.2f} {n_429:>5} | "
            f"{l_time:>8.1f} {total / l_time:>8.2f} {l_429:>5} | {n_time / l_time:>10.1f}x"
        )


if __name__ == "__main__":
    main()
