"""Polling cost: 1,000 local feeds on one loopback server, polled through the real Runtime and poll shell
(Fetcher, conditional GET, SQLite store, rule engine, health check), as the daemon does.

The feed server runs in a child process, so `time.process_time()` of this process is the monitor's own CPU
(event loop plus its worker threads), not the server's. Cycles measured:

- all unchanged (every feed answers 304): CPU per unchanged poll — the goal is <= 2 ms;
- 95% unchanged, 5% with a new entry: CPU seconds per cycle, as a daemon polling them once a minute sees;
- all unchanged, but the server ignores conditional GETs (200 with the same body): the content-hash path.

Usage: .venv/bin/python benchmarks/bench_polling.py [--feeds 1000] [--cycles 3] [--changed 0.05]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import resource
import statistics
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.sqlite_store import SqliteStore  # noqa: E402
from tests.servers.feeds import FeedServer, rss  # noqa: E402
from wirewatch.config import Config  # noqa: E402
from wirewatch.daemon import Runtime  # noqa: E402


def feed_body(n: int, generation: int) -> str:
    entries = [
        {
            "guid": f"f{n}-e{g}",
            "title": f"Quarterly update {g} from publisher {n}",
            "link": f"http://news.test/{n}/{g}",
            "description": "Routine company news with nothing a rule looks for. " * 4,
        }
        for g in range(generation, generation - 20, -1)
    ]
    return rss(entries, title=f"Publisher {n}")


class BenchServer(FeedServer):
    """FeedServer with one switch: answer every request with a full 200 (ignoring validators)."""

    ignore_conditional = False

    def handle(self, req: BaseHTTPRequestHandler) -> None:
        if not self.ignore_conditional:
            super().handle(req)
            return
        doc = self.docs[req.path]
        self._send(req, 200, doc.body, {"Content-Type": doc.content_type, "ETag": f'"{time.monotonic_ns()}"'})


def serve(conn: Connection, feeds: int) -> None:
    """Child process: the feed server, driven by commands over a pipe."""
    server = BenchServer().start()
    generation = 100
    for n in range(feeds):
        server.put(f"/f{n}.xml", feed_body(n, generation))
    conn.send(server.base)
    while True:
        cmd, arg = conn.recv()
        if cmd == "bump":  # give the first `arg` feeds a new entry
            generation += 1
            for n in range(arg):
                server.put(f"/f{n}.xml", feed_body(n, generation))
        elif cmd == "ignore_conditional":
            server.ignore_conditional = bool(arg)
        elif cmd == "stop":
            server.stop()
            conn.send("stopped")
            return
        conn.send("ok")


async def cycle(rt: Runtime, config: Config) -> tuple[float, float, dict[str, int]]:
    """Poll every source once, concurrently as the scheduler would; (CPU s, wall s, outcomes)."""
    cpu, wall = time.process_time(), time.perf_counter()
    reports = await asyncio.gather(*(rt.poll(s) for s in config.sources))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    outcomes: dict[str, int] = {}
    for r in reports:
        outcomes[r.outcome] = outcomes.get(r.outcome, 0) + 1
    return cpu, wall, outcomes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--cycles", type=int, default=3, help="repetitions of each kind of cycle")
    ap.add_argument("--changed", type=float, default=0.05, help="fraction of feeds with news per mixed cycle")
    ap.add_argument("--per-host-limit", type=int, default=4)
    args = ap.parse_args()

    parent, child = mp.Pipe()
    proc = mp.Process(target=serve, args=(child, args.feeds), daemon=True)
    proc.start()
    base = parent.recv()

    def tell(cmd: str, arg: int = 0) -> None:
        parent.send((cmd, arg))
        parent.recv()

    tmp = Path(tempfile.mkdtemp(prefix="bench-polling-"))
    config = Config.model_validate(
        {
            "store": f"sqlite:///{tmp}/w.db",
            "sources": [{"id": f"f{n}", "url": f"{base}/f{n}.xml", "interval": 60} for n in range(args.feeds)],
            "fetch": {"allow_private_addresses": True, "per_host_limit": args.per_host_limit},
            "notify": {"console": False},
        }
    )
    store = SqliteStore(tmp / "w.db")
    hot = max(1, round(args.feeds * args.changed))
    rows: list[tuple[str, float, float, dict[str, int]]] = []

    async def run() -> None:
        rt = Runtime(config, store, deliver_after_poll=False)
        try:
            cpu, wall, outcomes = await cycle(rt, config)  # first fetch: baselines, not measured as polling
            rows.append(("first fetch (baseline, 200 + parse)", cpu, wall, outcomes))
            for _ in range(args.cycles):
                rows.append(("all unchanged (304)", *await cycle(rt, config)))
            for _ in range(args.cycles):
                tell("bump", hot)
                rows.append((f"{100 - 100 * args.changed:.0f}% 304, {hot} with news", *await cycle(rt, config)))
            tell("ignore_conditional", 1)
            for _ in range(args.cycles):
                rows.append(("all unchanged, 200 same body (hash)", *await cycle(rt, config)))
            tell("ignore_conditional", 0)
        finally:
            await rt.aclose()

    asyncio.run(run())
    tell("stop")
    proc.join(5)
    store.close()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    n = args.feeds
    print(
        f"{n} feeds on one loopback server, per-host limit {args.per_host_limit}, SQLite store, "
        f"Python {sys.version.split()[0]}"
    )
    print(f"{'cycle':<40} {'CPU s/cycle':>11} {'wall s':>7} {'CPU ms/poll':>11}  outcomes")
    for name, cpu, wall, outcomes in rows:
        print(f"{name:<40} {cpu:>11.3f} {wall:>7.2f} {1000 * cpu / n:>11.3f}  {outcomes}")
    by_kind: dict[str, list[float]] = {}
    for name, cpu, _, _ in rows[1:]:
        by_kind.setdefault(name, []).append(1000 * cpu / n)
    unchanged = statistics.median(by_kind["all unchanged (304)"])
    print()
    print(
        f"CPU per unchanged poll (median of {args.cycles}): {unchanged:.3f} ms   goal <= 2 ms   "
        f"{'MET' if unchanged <= 2 else 'NOT MET'}"
    )
    for name, values in by_kind.items():
        print(f"  {name:<40} {statistics.median(values):.3f} ms/poll   x{statistics.median(values) / unchanged:.2f}")
    mixed = [cpu for name, cpu, _, _ in rows if "with news" in name]
    print(
        f"{n:,} feeds once a minute, {hot} with news: {statistics.median(mixed):.3f} CPU s per cycle = "
        f"{100 * statistics.median(mixed) / 60:.1f}% of one core"
    )
    print(f"peak memory (max RSS of this process): {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
