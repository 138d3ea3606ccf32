"""What silences cost at record time, and what a release costs (issue 12).

Record time: `AlertRecorder.record` reads the active silences once per call (one poll's alerts) and matches each
alert against them. Measured with 0, 10, 100 and 1,000 active silences (a mix of equality and RE2 regex
matchers on party, ticker, broker and rule), on SQLite and on a local redis-server: the read per poll, the
match per alert, and the whole `record` of one keyword alert (read included).

Release: `silence expire` with N alerts held by the silence (each one delivery) — the scan of silenced
deliveries and one conditional write per delivery.

Run: .venv/bin/python benchmarks/bench_silences.py [--alerts N]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from domain.alert import Alert, alert_id
from domain.item import Item
from notifier.console import ConsoleNotifier
from notifier.silences import build_silence, parse_matchers, silence_for
from store.base import Store
from store.redis_store import RedisStore
from store.sqlite_store import SqliteStore
from tests.servers.redis_process import RedisProcess
from wirewatch.readers.base import AlertIntent
from wirewatch.recorder import AlertRecorder
from wirewatch.silence_release import release

DAY = 86400.0


def deal(n: int, licensee: str, now: float) -> Alert:
    item = Item(id=f"b{n}", source="bench", title=f"Co{n} licenses asset {n} to {licensee}", link=f"http://t/{n}")
    fields = {"licensor": f"Co{n}", "licensee": licensee, "asset": f"A-{n}"}
    return Alert(alert_id("bench", item.id, "bd_deal"), "bd", item, event="bd_deal", fields=fields, created_at=now)


def silences(store: Store, count: int, now: float) -> None:
    kinds = [
        "party={n}",
        'broker=~"Broker{n}.*"',
        "ticker=T{n} broker=B{n}",
        "rule=rule-{n}",
    ]
    for n in range(count):
        text = kinds[n % len(kinds)].format(n=f"Name{n}")
        s = build_silence(parse_matchers(text.split()), author="bench", comment="bench", now=now, duration=7 * DAY)
        store.add_silence(s)


def keyword(n: int, now: float) -> Alert:
    item = Item(id=f"k{n}", source="bench", title=f"Unrelated story {n}", link=f"http://t/k{n}")
    return Alert(alert_id("bench", item.id, "kw"), "kw", item, created_at=now)


def costs(store: Store, alerts: int) -> tuple[float, float, float]:
    """(ms to read the active silences: once per poll with alerts; µs to match one deal alert against them;
    ms to record one keyword alert no silence matches, read included: the whole record-time cost)."""
    now = time.time()
    reads = []
    for _ in range(30):
        t = time.perf_counter()
        active = store.silences(now)
        reads.append(time.perf_counter() - t)
    matches = []
    for n in range(alerts):
        a = deal(n, f"Licensee {n}", now)
        t = time.perf_counter()
        silence_for(a, active, now)
        matches.append(time.perf_counter() - t)
    recorder = AlertRecorder(store, {"console": ConsoleNotifier()})
    records = []
    for _ in range(alerts // 4):
        intent = AlertIntent(keyword(uuid.uuid4().int % 10**12, now))
        t = time.perf_counter()
        recorder.record([intent], now)
        records.append(time.perf_counter() - t)
    med = statistics.median
    return med(reads) * 1000, med(matches) * 1e6, med(records) * 1000


def release_cost(store: Store, held: int) -> float:
    now = time.time()
    s = build_silence(parse_matchers(["licensee=Held"]), author="b", comment="b", now=now, duration=DAY)
    store.add_silence(s)
    recorder = AlertRecorder(store, {"console": ConsoleNotifier()})
    recorder.record([AlertIntent(deal(10**9 + n, "Held", now)) for n in range(held)], now)
    store.expire_silence(s.id, "bench", now + 1)
    t = time.perf_counter()
    done = release(store, now + 1, s.id)
    elapsed = time.perf_counter() - t
    assert len(done.released) == held
    return elapsed * 1000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--alerts", type=int, default=400)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        redis = RedisProcess(Path(tmp), free_port()) if shutil.which("redis-server") else None
        if redis is not None:
            redis.start()
        try:
            backends = {"sqlite": lambda n: SqliteStore(Path(tmp) / f"w{n}.db")}
            if redis is not None:
                backends["redis"] = lambda n: RedisStore(redis.url, prefix=f"bench{n}")
            print(f"{'store':<7} {'silences':>8} {'read ms/poll':>13} {'match µs/alert':>15} {'record ms/alert':>16}")
            n = 0
            for name, make in backends.items():
                for count in (0, 10, 100, 1000):
                    n += 1
                    store = make(n)
                    silences(store, count, time.time())
                    read, match, record = costs(store, a.alerts)
                    print(f"{name:<7} {count:>8} {read:>13.2f} {match:>15.1f} {record:>16.2f}")
                    store.close()
            print(f"\n{'store':<7} {'held':>6} {'release ms':>11}")
            for name, make in backends.items():
                for held in (10, 100, 1000):
                    n += 1
                    store = make(n)
                    print(f"{name:<7} {held:>6} {release_cost(store, held):>11.1f}")
                    store.close()
        finally:
            if redis is not None:
                redis.stop()


if __name__ == "__main__":
    main()
