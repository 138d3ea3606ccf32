"""Fleet benchmark: 1,000 loopback feeds watched by 1 and by 3 `wirewatch run` replicas sharing one real
redis-server (append-only file, fsync always), alerts posted to the loopback Slack server.

Per fleet size, after every feed is baselined:
- a new matching entry is published on every feed at once; each must reach Slack exactly once;
- end-to-end latency = Slack post time - the moment the feed server began serving the entry (p50/p99);
  it is dominated by where each feed is in its poll interval (uniform over 0..interval);
- throughput = alerts posted / seconds from publishing to the last post;
- poll coverage over a window of two intervals: the share of feeds polled, and polls per feed per interval
  (1.0 = each feed once per interval fleet-wide; uncoordinated replicas would show 3.0).
Duplicate posts must be 0.

Usage: .venv/bin/python benchmarks/bench_fleet.py [--feeds 1000] [--replicas 1 3] [--interval 10]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import free_port  # noqa: E402
from tests.servers.feeds import FeedServer  # noqa: E402
from tests.servers.fleet import (  # noqa: E402
    RULES,
    Feeds,
    RestartableRedis,
    config_text,
    posted_alert_ids,
    start_replica,
    stop_all,
)
from tests.servers.slack import SlackServer, wait_for  # noqa: E402

GUID = re.compile(r"news\.test/([0-9a-f]{32})")


@dataclass
class Result:
    replicas: int
    feeds: int
    alerts: int
    duplicates: int
    lost: int
    p50: float
    p99: float
    throughput: float
    coverage: float
    polls_per_interval: float


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def run(n_feeds: int, n_replicas: int, interval: int, workdir: Path) -> Result:
    redis_server = RestartableRedis(workdir, free_port()).start()
    feed_server, slack = FeedServer().start(), SlackServer().start()
    replicas = []
    try:
        feeds = Feeds(feed_server, n_feeds)
        feeds.setup()
        rules = workdir / "rules.yaml"
        rules.write_text(RULES)
        cfg = workdir / "wirewatch.yaml"
        cfg.write_text(config_text(store=redis_server.url, prefix="bench", rules=rules, feeds=feeds, interval=interval))
        replicas = [start_replica(cfg, slack, workdir / f"r{i}.log") for i in range(n_replicas)]
        if not wait_for(lambda: len(feeds.hits()) == n_feeds, timeout=120, interval=0.2):
            raise SystemExit(f"only {len(feeds.hits())} of {n_feeds} feeds baselined; see {workdir}")
        time.sleep(1)

        published = time.time()
        feeds.publish()
        wait_for(lambda: len(posted_alert_ids(slack)) >= n_feeds, timeout=4 * interval + 60, interval=0.2)
        time.sleep(2)  # anything posted twice would show up now
        ids = posted_alert_ids(slack)
        latencies, last = [], published
        for m in slack.posted():
            found = GUID.search(m.text + json.dumps(m.blocks))
            if found and found.group(1) in feeds.visible:
                latencies.append(float(m.ts) - feeds.visible[found.group(1)])
                last = max(last, float(m.ts))

        before = feeds.hits()
        time.sleep(2 * interval)
        after = feeds.hits()
        per_feed = [after[feeds.path(i)] - before[feeds.path(i)] for i in range(n_feeds)]
        return Result(
            replicas=n_replicas,
            feeds=n_feeds,
            alerts=len(ids),
            duplicates=sum(n - 1 for n in ids.values()),
            lost=n_feeds - len(ids),
            p50=statistics.median(latencies) if latencies else float("nan"),
            p99=pct(latencies, 0.99),
            throughput=len(latencies) / max(1e-9, last - published),
            coverage=sum(1 for p in per_feed if p > 0) / n_feeds,
            polls_per_interval=sum(per_feed) / n_feeds / 2,
        )
    finally:
        stop_all(replicas)
        feed_server.stop()
        slack.stop()
        redis_server.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--replicas", type=int, nargs="+", default=[1, 3])
    ap.add_argument("--interval", type=int, default=10)
    args = ap.parse_args()
    results = []
    for n in args.replicas:
        with tempfile.TemporaryDirectory(prefix=f"bench-fleet-{n}-") as tmp:
            print(f"running {n} replica(s) over {args.feeds} feeds (interval {args.interval}s) …", flush=True)
            results.append(run(args.feeds, n, args.interval, Path(tmp)))
    head = ["replicas", "alerts", "duplicates", "lost", "p50 s", "p99 s", "alerts/s", "coverage", "polls/feed/int"]
    print("\n" + " | ".join(f"{h:>14}" for h in head))
    for r in results:
        row = [r.replicas, r.alerts, r.duplicates, r.lost, f"{r.p50:.2f}", f"{r.p99:.2f}"]
        row += [f"{r.throughput:.1f}", f"{r.coverage:.1%}", f"{r.polls_per_interval:.2f}"]
        print(" | ".join(f"{c!s:>14}" for c in row))
    if any(r.duplicates for r in results):
        raise SystemExit("duplicate posts: must be 0")


if __name__ == "__main__":
    main()
