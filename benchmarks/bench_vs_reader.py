"""Wirewatch against lemon24/reader, side by side in one run: polling CPU, memory and start-up (issue 15).

    .venv/bin/pip install -e '.[bench]'                 # reader 3.26, for this benchmark only
    .venv/bin/python benchmarks/bench_vs_reader.py      # 500 feeds (CPU, memory), 2,000 (memory): ~10 min
    .venv/bin/python benchmarks/bench_vs_reader.py --feeds 50 --mem-feeds 200 --quick   # while developing

The same workload for both: N loopback feeds x 20 entries (RSS 2.0, HTML descriptions, pubDates; one entry
in four has a word that reaches the analyst-rating rule's extractor, none makes an alert) served with ETag /
Last-Modified and 304s by a feed server in a child process. Each system runs in its own fresh interpreter
(so `time.process_time()` there is that system's own CPU, all its threads and none of the server's, and its
`ru_maxrss` its own peak), driven round by round over a pipe: every system does round 1, then every system
round 2, the order alternating, so the same server state and any busy moment of a shared machine fall on
all of them alike. Both persist feeds and entries to SQLite on disk.

- Wirewatch: the daemon's `Runtime` (store from the config URL, fetcher, poll shell, recorder, health), the
  sources of a round polled through `Runtime.poll` all at once, as the scheduler does when they fall due
  together; logging set up as `wirewatch run` does (INFO; to a file here); the scheduler's jobs, one per
  source as `run_daemon` adds them, built but never started (their memory is the daemon's too). With the
  bundled rules, and once more with none (a rule file `rules: []`) to show what matching costs.
- reader: `make_reader(db)` with its defaults; `update_feeds(workers=4, scheduled=False)`. Four workers because
  Wirewatch fetches at most `fetch.per_host_limit` (4) at once from one host and every feed here is on one
  host (reader's workers only retrieve; it parses and stores on the calling thread). `scheduled=False`: every
  call updates every feed (reader's own schedule would skip them for an hour).
- the floors: a bare httpx AsyncClient (4 at a time) and a bare requests Session (4 threads) doing the same
  conditional GETs, in the same rounds.

Before anything is measured each system polls 5 other feeds twice, the second time with one new entry each
(imports, connection pool, the extractors' lazy set-up). Then: the first update of the N feeds; one
all-unchanged round not counted; `--rounds` x [all N feeds unchanged (304); 5% of the feeds get one new entry
on the server, and those feeds alone are polled (reader: a tag on them, `update_feeds(tags=...)`)].
Figures, medians over the rounds:

- first full update, CPU per feed;
- all-unchanged (304) round, CPU per poll, and that over the bare httpx floor's CPU per 304;
- 5% of feeds with one new entry, CPU per changed feed (a 200, parse, new entry, store);
- peak RSS at N and at M feeds (the same rounds), and the slope between them: KiB per additional feed;
- daemon import: a fresh interpreter importing what `wirewatch run` imports before it polls, vs `import
  reader` (wall time of the imports, max RSS after them; median of `--repeats`);
- daemon start: `wirewatch run` (bundled rules, no sources) from spawn to its "wirewatch running" line, peak
  RSS then; vs reader ready to poll: `import reader` + the packages its first update imports (requests,
  feedparser) + `make_reader(db)`, from spawn to a "ready" line.

The table has the goal from the issue's "Done when" and pass / MISS per row; every round's figures follow,
and a check that both systems got the same answers from the server (200s, 304s, new entries). Raw results go
to results.json in the run's temporary folder. Profiling hooks (the figures of such a run are perturbed):
`--py-spy DIR` records the first update, the first measured unchanged round and the first changed round of
Wirewatch and reader with py-spy (`pip install py-spy`; raw collapsed stacks) and prints the top functions;
`--tracemalloc DIR` traces allocations in those runs and prints the top lines and what grew with the feeds.
Profile the changed-feed path with `--changed 1.0` (every feed gets a new entry: enough samples).

Exit status 0 whether or not the goals are met (a measuring instrument); 2 when reader is not installed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

READER_PIN = "reader==3.26"
INSTALL_HINT = ".venv/bin/pip install -e '.[bench]'"
ENTRIES = 20
WARM_FEEDS = 5  # polled twice before anything is measured, the second time with a new entry each
WARM_BASE = 100_000  # their numbers in feed_body
HOT_TAG = "bench-hot"
BASE_TIME = 1_767_225_600  # 2026-01-01 UTC: entry g of a feed is published g hours after it

# What `wirewatch run` imports before its first poll (cli -> daemon_cmds -> daemon, config, store backend).
WIREWATCH_DAEMON_IMPORTS = (
    "wirewatch.cli",
    "wirewatch.cli.daemon_cmds",
    "wirewatch.daemon",
    "wirewatch.config",
    "wirewatch.config_file",
    "store.factory",
    "store.sqlite_store",
)
READER_IMPORTS = ("reader",)
# reader imports these lazily, in its first update_feeds(): part of being ready to poll
READER_POLL_IMPORTS = ("requests", "feedparser")


# --- the workload ---------------------------------------------------------------------------------------


def feed_body(n: int, generation: int, entries: int = ENTRIES) -> str:
    """Feed n at a generation: the newest `entries` entries, entry g published g hours after BASE_TIME."""
    from email.utils import formatdate

    from tests.servers.feeds import rss

    items = []
    for g in range(generation, generation - entries, -1):
        title = f"Quarterly update {g} from publisher {n}"
        if (n + g) % 4 == 0:  # reaches the analyst-rating rule's prefilter and extractor, not an alert
            title = f"Publisher {n} widens its coverage of regional lenders, update {g}"
        items.append(
            {
                "guid": f"f{n}-e{g}",
                "title": title,
                "link": f"http://news.test/{n}/{g}",
                "description": (
                    f'<p>Routine company news from publisher {n} with <b>nothing</b> to act on. <a href="/n/{n}/{g}">'
                    "Read more</a></p><p>Second paragraph, plain words about the company and its people.</p>"
                ),
                "pubDate": formatdate(BASE_TIME + g * 3600, usegmt=True),
            }
        )
    return rss(items, title=f"Publisher {n}")


def child_server(args: argparse.Namespace) -> None:
    """Child process: the feed server. Prints its base URL, serves until stdin closes. Control paths:
    /_ctl/reset (every feed back to generation 100, counters zeroed), /_ctl/bump?n=K (the first K feeds get
    one new entry), /_ctl/bump-warm (so do the warm-up feeds), /_ctl/stats (status counts since the last
    call)."""
    from http.server import BaseHTTPRequestHandler
    from urllib.parse import parse_qs, urlparse

    from tests.servers.feeds import FeedServer

    total = args.feeds

    class BenchServer(FeedServer):
        def __init__(self) -> None:
            super().__init__()
            self.generation = [100] * total
            self.warm = [100] * WARM_FEEDS
            self.counts: Counter[int] = Counter()

        def _record(self, path: str, headers: dict[str, str], status: int) -> None:
            with self._lock:  # counts only: FeedServer's list of hits would grow for ever here
                self.counts[status] += 1

        def reset(self) -> None:
            for n in range(total):
                self.generation[n] = 100
                self.put(f"/f{n}.xml", feed_body(n, 100))
            for w in range(WARM_FEEDS):
                self.warm[w] = 100
                self.put(f"/w{w}.xml", feed_body(WARM_BASE + w, 100))
            with self._lock:
                self.counts.clear()

        def handle(self, req: BaseHTTPRequestHandler) -> None:
            url = urlparse(req.path)
            if not url.path.startswith("/_ctl/"):
                super().handle(req)
                return
            out: dict[str, Any] = {}
            if url.path == "/_ctl/reset":
                self.reset()
            elif url.path == "/_ctl/bump":
                k = int(parse_qs(url.query)["n"][0])
                for n in range(k):
                    self.generation[n] += 1
                    self.put(f"/f{n}.xml", feed_body(n, self.generation[n]))
            elif url.path == "/_ctl/bump-warm":
                for w in range(WARM_FEEDS):
                    self.warm[w] += 1
                    self.put(f"/w{w}.xml", feed_body(WARM_BASE + w, self.warm[w]))
            elif url.path == "/_ctl/stats":
                with self._lock:
                    out = {str(k): v for k, v in sorted(self.counts.items())}
                    self.counts.clear()
            self._send(req, 200, json.dumps(out).encode(), {"Content-Type": "application/json"})

    server = BenchServer()
    server.reset()
    server.start()
    print(server.base, flush=True)
    sys.stdin.read()  # until the parent closes it
    server.stop()


def ctl(base: str, what: str) -> dict[str, int]:
    """One request to the feed server's control paths (outside every measured window)."""
    import http.client
    from urllib.parse import urlparse

    u = urlparse(base)
    conn = http.client.HTTPConnection(u.hostname or "127.0.0.1", u.port, timeout=60)
    try:
        conn.request("GET", f"/_ctl/{what}")
        data: dict[str, int] = json.loads(conn.getresponse().read() or b"{}")
        return data
    finally:
        conn.close()


# --- a system in its own interpreter, driven over stdin / stdout ---------------------------------------------


class Child:
    """Reads one command a line (first, warm, unchanged, changed, quit) and answers one JSON line each: the
    CPU and wall time of that round plus what it did. `quit` answers with the process's peak RSS."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self._spy: subprocess.Popen[bytes] | None = None
        self._spied: set[str] = set()

    def serve(self, do: Callable[[str], dict[str, Any]]) -> None:
        reply({"ready": True})
        for line in sys.stdin:
            cmd = line.strip()
            if cmd == "quit":
                break
            spy = self.args.py_spy and cmd in ("first", "unchanged", "changed") and cmd not in self._spied
            if spy:
                self._spied.add(cmd)
                self.spy_start(cmd)
            out = do(cmd)
            if spy:
                self.spy_stop()
            reply(out)
        final: dict[str, Any] = {"maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
        if self.args.tracemalloc:
            final["tracemalloc"] = tracemalloc_summary(Path(self.args.tracemalloc), self.args.system, self.args.feeds)
        reply(final)

    def spy_start(self, phase: str) -> None:
        out = Path(self.args.py_spy) / f"{self.args.system}-{self.args.feeds}-{phase}.txt"
        exe = Path(sys.executable).with_name("py-spy")
        cmd = [str(exe) if exe.exists() else "py-spy", "record", "--pid", str(os.getpid()), "--rate", "250"]
        cmd += ["--format", "raw", "--output", str(out), "--nonblocking"]
        self._spy = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)  # attached and sampling before the round starts

    def spy_stop(self) -> None:
        if self._spy is not None:
            self._spy.send_signal(signal.SIGINT)
            self._spy.wait(60)
            self._spy = None


def reply(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


def measured(fn: Callable[[], Any]) -> tuple[Any, dict[str, Any]]:
    cpu, wall = time.process_time(), time.perf_counter()
    out = fn()
    return out, {"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall}


def tracemalloc_summary(folder: Path, system: str, feeds: int) -> dict[str, Any]:
    import tracemalloc

    snap = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
    by_file: dict[str, int] = {}
    for stat in snap.statistics("filename"):
        by_file[short_path(stat.traceback[0].filename)] = stat.size
    lines = [
        f"{stat.size / 1024:10.1f} KiB {stat.count:8d} blocks  {short_path(stat.traceback[0].filename)}:"
        f"{stat.traceback[0].lineno}"
        for stat in snap.statistics("lineno")[:40]
    ]
    current, peak = tracemalloc.get_traced_memory()
    (folder / f"{system}-{feeds}-tracemalloc.txt").write_text("\n".join(lines) + "\n")
    return {"by_file": by_file, "top_lines": lines[:15], "current": current, "peak": peak}


def short_path(path: str) -> str:
    for marker in ("site-packages/", str(ROOT) + "/", "/lib/python3"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def child_wirewatch(args: argparse.Namespace) -> None:
    """Wirewatch as `wirewatch run` polls: the daemon's Runtime and poll shell, store from the config URL."""
    import asyncio

    from store.factory import open_store
    from wirewatch.config import Config
    from wirewatch.daemon import Runtime
    from wirewatch.logs import setup_logging

    tmp = Path(args.tmp)
    data: dict[str, Any] = {
        "store": f"sqlite:///{tmp}/wirewatch.db",
        "sources": [{"id": f"w{w}", "url": f"{args.base}/w{w}.xml", "interval": 60} for w in range(WARM_FEEDS)]
        + [{"id": f"f{n}", "url": f"{args.base}/f{n}.xml", "interval": 60} for n in range(args.feeds)],
        "fetch": {"allow_private_addresses": True},  # loopback: the address checks are skipped, not faked
        "notify": {"console": False},
    }
    if args.system == "wirewatch-norules":
        none = tmp / "no-rules"
        none.mkdir(exist_ok=True)
        (none / "none.yaml").write_text("rules: []\n")
        data["rules"] = [str(none)]
    config = Config.model_validate(data)
    del data  # as in the daemon, where the YAML's dict is garbage once validated
    setup_logging(config.log_level, config.log_format)  # as `wirewatch run` (stderr is a file here)
    store = open_store(config.store, prefix=config.store_prefix)
    warm, sources = config.sources[:WARM_FEEDS], config.sources[WARM_FEEDS:]
    hot = sources[: changed_count(args)]
    loop = asyncio.new_event_loop()

    async def start() -> Runtime:
        return Runtime(config, store, deliver_after_poll=False)

    rt = loop.run_until_complete(start())
    scheduler = daemon_jobs(rt, config)  # noqa: F841  # held, never started: its per-source memory counts

    async def poll_all(which: list[Any]) -> list[Any]:
        # every source at once, as the scheduler does when they fall due together
        return list(await asyncio.gather(*(rt.poll(s) for s in which)))

    def poll(which: list[Any]) -> list[Any]:
        return loop.run_until_complete(poll_all(which))

    poll(warm)  # first fetch: baselines
    ctl(args.base, "bump-warm")
    poll(warm)  # a new entry each: matching and the extractors' lazy set-up happen here, not in a round

    def do(cmd: str) -> dict[str, Any]:
        reports, out = measured(lambda: poll(hot if cmd == "changed" else sources))
        out["outcomes"] = dict(Counter(r.outcome for r in reports))
        out["new"] = sum(r.new for r in reports)
        out["alerts"] = sum(r.alerts for r in reports)
        return out

    Child(args).serve(do)
    loop.run_until_complete(rt.aclose())
    loop.close()
    store.close()


def daemon_jobs(rt: Any, config: Any) -> Any:
    """The scheduler's poll jobs as `run_daemon` builds them (`PollJobs`: one job function, triggers shared per
    interval), never started: the rounds here are driven by the benchmark, but a daemon holds these jobs, so their
    memory is counted."""
    import time

    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    from wirewatch.daemon import PollJobs

    scheduler = AsyncIOScheduler(job_defaults={"coalesce": True, "max_instances": 1})
    polls = PollJobs(rt, scheduler, list(config.sources))
    later = time.time() + 86_400
    for s in config.sources:
        polls.schedule(s, later)
    return scheduler


def child_reader(args: argparse.Namespace) -> None:
    """reader as its docs drive it: make_reader(db) with its defaults, update_feeds(workers=...)."""
    from reader import make_reader

    reader = make_reader(str(Path(args.tmp) / "reader.sqlite"))
    warm = [f"{args.base}/w{w}.xml" for w in range(WARM_FEEDS)]
    for url in warm:
        reader.add_feed(url)
    reader.update_feeds(workers=args.workers, scheduled=False)
    ctl(args.base, "bump-warm")
    reader.update_feeds(workers=args.workers, scheduled=False)  # a new entry each, as Wirewatch's warm-up
    for url in warm:
        reader.delete_feed(url)
    for n in range(args.feeds):
        reader.add_feed(f"{args.base}/f{n}.xml")
    for n in range(changed_count(args)):  # the feeds given a new entry: updated alone in a "changed" round
        reader.set_tag(f"{args.base}/f{n}.xml", HOT_TAG)

    def do(cmd: str) -> dict[str, Any]:
        before = reader.get_entry_counts().total or 0
        tags = [HOT_TAG] if cmd == "changed" else None
        _, out = measured(lambda: reader.update_feeds(workers=args.workers, scheduled=False, tags=tags))
        out["new"] = (reader.get_entry_counts().total or 0) - before
        out["broken"] = sum(1 for f in reader.get_feeds() if f.last_exception is not None)
        return out

    Child(args).serve(do)
    reader.close()


def child_httpx_floor(args: argparse.Namespace) -> None:
    """The floor under Wirewatch: a bare httpx AsyncClient, conditional GETs, 4 at a time."""
    import asyncio

    import httpx

    urls = [f"{args.base}/f{n}.xml" for n in range(args.feeds)]
    hot = urls[: changed_count(args)]
    validators: dict[str, tuple[str, str]] = {}
    loop = asyncio.new_event_loop()
    client = httpx.AsyncClient()
    slots = asyncio.Semaphore(4)

    async def get(url: str) -> int:
        async with slots:
            v = validators.get(url)
            headers = {"If-None-Match": v[0], "If-Modified-Since": v[1]} if v else {}
            resp = await client.get(url, headers=headers)
            if resp.status_code == 200:
                validators[url] = (resp.headers["etag"], resp.headers["last-modified"])
            return resp.status_code

    async def get_all(which: list[str]) -> list[int]:
        return list(await asyncio.gather(*(get(u) for u in which)))

    def do(cmd: str) -> dict[str, Any]:
        which = hot if cmd == "changed" else urls
        codes, out = measured(lambda: loop.run_until_complete(get_all(which)))
        out["codes"] = dict(Counter(codes))
        return out

    Child(args).serve(do)
    loop.run_until_complete(client.aclose())
    loop.close()


def child_requests_floor(args: argparse.Namespace) -> None:
    """The floor under reader: a bare requests Session, conditional GETs on 4 threads."""
    from concurrent.futures import ThreadPoolExecutor

    import requests

    urls = [f"{args.base}/f{n}.xml" for n in range(args.feeds)]
    hot = urls[: changed_count(args)]
    validators: dict[str, tuple[str, str]] = {}
    session = requests.Session()

    def get(url: str) -> int:
        v = validators.get(url)
        headers = {"If-None-Match": v[0], "If-Modified-Since": v[1]} if v else {}
        resp = session.get(url, headers=headers)
        if resp.status_code == 200:
            validators[url] = (resp.headers["etag"], resp.headers["last-modified"])
        return resp.status_code

    with ThreadPoolExecutor(4) as pool:

        def do(cmd: str) -> dict[str, Any]:
            which = hot if cmd == "changed" else urls
            codes, out = measured(lambda: list(pool.map(get, which)))
            out["codes"] = dict(Counter(codes))
            return out

        Child(args).serve(do)
    session.close()


CHILDREN: dict[str, Callable[[argparse.Namespace], None]] = {
    "wirewatch": child_wirewatch,
    "wirewatch-norules": child_wirewatch,
    "reader": child_reader,
    "httpx-floor": child_httpx_floor,
    "requests-floor": child_requests_floor,
}


def changed_count(args: argparse.Namespace) -> int:
    return max(1, round(int(args.feeds) * float(args.changed)))


# --- start-up: fresh interpreters ------------------------------------------------------------------------

IMPORT_SNIPPET = """
import json, resource, sys, time
t0, c0 = time.perf_counter(), time.process_time()
for name in sys.argv[1:]:
    __import__(name)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"wall": wall, "cpu": cpu, "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "modules": len(sys.modules)}))
"""

READER_READY_SNIPPET = """
import sys
for name in sys.argv[2:]:
    __import__(name)
from reader import make_reader
r = make_reader(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()
r.close()
"""


def measure_import(modules: tuple[str, ...]) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", IMPORT_SNIPPET, *modules], cwd=ROOT, capture_output=True, text=True, check=True
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a live process so far (/proc/PID/stat, clock ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_to_line(cmd: list[str], marker: str, stream: str, timeout: float = 60.0) -> dict[str, Any]:
    """Spawn `cmd`, wait for a line containing `marker` on stdout or stderr; wall time from spawn and peak
    RSS at that moment. Then stop the process (SIGTERM; stdin closed)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE if stream == "stdout" else subprocess.DEVNULL,
        stderr=subprocess.PIPE if stream == "stderr" else subprocess.DEVNULL,
        env=env,
    )
    pipe = proc.stdout if stream == "stdout" else proc.stderr
    assert pipe is not None
    seen: list[str] = []
    try:
        deadline = t0 + timeout
        while time.perf_counter() < deadline:
            line = pipe.readline().decode(errors="replace")
            if not line:
                break
            seen.append(line)
            if marker in line:
                wall = time.perf_counter() - t0
                return {"wall": wall, "cpu": cpu_seconds(proc.pid), "maxrss_kib": peak_rss_kib(proc.pid)}
        raise RuntimeError(f"{cmd[0]}: no {marker!r} line; it said:\n{''.join(seen[-20:])}")
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.stdin is not None
        proc.stdin.close()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wirewatch_exe() -> list[str]:
    exe = Path(sys.executable).with_name("wirewatch")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "wirewatch"]


def measure_startup(tmp: Path, repeats: int) -> dict[str, list[dict[str, Any]]]:
    """Interleaved repeats (one of each, then again) so that drift on a shared machine hits both alike."""
    config = tmp / "start.yaml"
    config.write_text(f"store: sqlite:///{tmp}/start.db\nsources: []\nnotify: {{console: false}}\nlog_level: INFO\n")
    out: dict[str, list[dict[str, Any]]] = {"wirewatch-import": [], "reader-import": [], "wirewatch-start": []}
    out["reader-start"] = []
    run = [*wirewatch_exe(), "run", "--config", str(config)]
    ready = [sys.executable, "-c", READER_READY_SNIPPET, str(tmp / "start-reader.sqlite"), *READER_POLL_IMPORTS]
    # one of each first, not counted: disk caches, .pyc files, the databases created
    measure_import(WIREWATCH_DAEMON_IMPORTS)
    measure_import(READER_IMPORTS)
    time_to_line(run, "wirewatch running", "stderr")
    time_to_line(ready, "ready", "stdout")
    for _ in range(repeats):
        out["wirewatch-import"].append(measure_import(WIREWATCH_DAEMON_IMPORTS))
        out["reader-import"].append(measure_import(READER_IMPORTS))
        out["wirewatch-start"].append(time_to_line(run, "wirewatch running", "stderr"))
        out["reader-start"].append(time_to_line(ready, "ready", "stdout"))
    return out


# --- the parent: run everything, print the table -----------------------------------------------------------


@dataclass
class Run:
    """One system's results at one size."""

    system: str
    feeds: int
    changed: int
    rounds: list[dict[str, Any]]
    final: dict[str, Any]

    def cpu(self, kind: str) -> list[float]:
        return [float(r["cpu"]) for r in self.rounds if r["kind"] == kind]

    @property
    def first_ms(self) -> float:
        return 1000 * self.cpu("first")[0] / self.feeds

    @property
    def unchanged_ms(self) -> float:
        return 1000 * statistics.median(self.cpu("unchanged")) / self.feeds

    @property
    def changed_ms(self) -> float:
        return 1000 * statistics.median(self.cpu("changed")) / self.changed

    @property
    def peak_kib(self) -> int:
        return int(self.final["maxrss_kib"])

    @property
    def peak_mib(self) -> float:
        return self.peak_kib / 1024


class Proc:
    """The parent's end of one system's child process."""

    def __init__(self, args: argparse.Namespace, system: str, base: str, feeds: int, tmp: Path):
        self.system, self.feeds = system, feeds
        work = Path(tempfile.mkdtemp(prefix=f"{system}-{feeds}-", dir=tmp))
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", system, "--base", base]
        cmd += ["--feeds", str(feeds), "--changed", str(args.changed), "--workers", str(args.workers)]
        cmd += ["--tmp", str(work)]
        env = dict(os.environ)
        if args.py_spy and feeds == args.feeds and system in ("wirewatch", "reader"):
            cmd += ["--py-spy", str(Path(args.py_spy).resolve())]
        if args.tracemalloc and system in ("wirewatch", "reader"):
            cmd += ["--tracemalloc", str(Path(args.tracemalloc).resolve())]
            env["PYTHONTRACEMALLOC"] = "1"  # from the interpreter's start: imports included
        self.log = work / "stderr.log"
        with self.log.open("w") as err:
            self.proc = subprocess.Popen(
                cmd, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True, env=env
            )
        self.ask(None)  # set up and warmed up

    def ask(self, cmd: str | None) -> dict[str, Any]:
        stdin, stdout = self.proc.stdin, self.proc.stdout
        assert stdin is not None and stdout is not None
        if cmd is not None:
            stdin.write(cmd + "\n")
            stdin.flush()
        line = stdout.readline()
        if not line:
            self.proc.wait(30)
            tail = "\n".join(self.log.read_text().splitlines()[-30:])
            raise SystemExit(f"{self.system} at {self.feeds} feeds failed (exit {self.proc.returncode}):\n{tail}")
        data: dict[str, Any] = json.loads(line)
        return data

    def quit(self) -> dict[str, Any]:
        final = self.ask("quit")
        self.proc.wait(60)
        return final


def drive(args: argparse.Namespace, base: str, feeds: int, systems: tuple[str, ...], tmp: Path) -> dict[str, Run]:
    """Every system at one size, round by round side by side: the same server state for each, the order
    alternating between rounds, so that a busy moment of a shared machine falls on all of them alike."""
    ctl(base, "reset")
    k = changed_count(argparse.Namespace(feeds=feeds, changed=args.changed))
    procs: dict[str, Proc] = {}
    for system in systems:  # one after the other: each imports, sets up and warms up alone
        print(f"  {system:<18} {feeds:>5} feeds: starting", file=sys.stderr, flush=True)
        procs[system] = Proc(args, system, base, feeds, tmp)
    rounds: dict[str, list[dict[str, Any]]] = {s: [] for s in systems}

    def step(cmd: str, order: tuple[str, ...]) -> None:
        for system in order:
            out = procs[system].ask(cmd)
            out["kind"], out["server"] = cmd, ctl(base, "stats")
            rounds[system].append(out)

    ctl(base, "stats")  # the warm-ups are not counted
    t0 = time.perf_counter()
    step("first", systems)
    step("warm", systems)
    for r in range(args.rounds):
        order = systems if r % 2 == 0 else systems[::-1]
        step("unchanged", order)
        ctl(base, f"bump?n={k}")
        ctl(base, "stats")
        step("changed", order)
    print(f"  {feeds:,} feeds: {time.perf_counter() - t0:.0f} s of rounds", file=sys.stderr, flush=True)
    return {s: Run(s, feeds, k, rounds[s], procs[s].quit()) for s in systems}


def check_workload(run: Run, entries: int) -> list[str]:
    """The same work was done: every first fetch a 200, every unchanged poll a 304, k new entries a round."""
    problems = []
    n, k = run.feeds, run.changed
    wants = {
        "first": ({"200": n}, n * entries),
        "warm": ({"304": n}, 0),
        "unchanged": ({"304": n}, 0),
        "changed": ({"200": k}, k),
    }
    for r in run.rounds:
        server, new = wants[r["kind"]]
        where = f"{run.system} at {n} feeds, {r['kind']} round"
        if r["server"] != server:
            problems.append(f"{where}: the server answered {r['server']}, expected {server}")
        if "new" in r and r["new"] != new:
            problems.append(f"{where}: {r['new']} new entries, expected {new}")
        if r.get("alerts") or r.get("broken"):
            problems.append(f"{where}: {r.get('alerts')} alerts, {r.get('broken')} broken feeds (expected none)")
    return problems


def fmt_ratio(x: float) -> str:
    return f"{x:.2f}"


def verdict(ok: bool) -> str:
    return "pass" if ok else "MISS"


def print_table(
    args: argparse.Namespace,
    runs: dict[tuple[str, int], Run],
    startup: dict[str, list[dict[str, Any]]],
) -> None:
    n, m = args.feeds, args.mem_feeds
    ww, rd, nr = runs["wirewatch", n], runs["reader", n], runs["wirewatch-norules", n]
    ww_m, rd_m = runs["wirewatch", m], runs["reader", m]
    hx, rq = runs["httpx-floor", n], runs["requests-floor", n]
    httpx_floor, requests_floor = hx.unchanged_ms, rq.unchanged_ms

    def med(key: str, field: str) -> float:
        return float(statistics.median(float(x[field]) for x in startup[key]))

    rows: list[tuple[str, str, str, str, str, str]] = []
    r = ww.first_ms / rd.first_ms
    rows.append(
        (
            "first full update, CPU",
            f"{ww.first_ms:.1f} ms/feed",
            f"{rd.first_ms:.1f} ms/feed",
            fmt_ratio(r),
            "≤ 1.0× reader",
            verdict(r <= 1.0),
        )
    )
    r = ww.unchanged_ms / rd.unchanged_ms
    rows.append(
        (
            "all unchanged (304) round, CPU",
            f"{ww.unchanged_ms:.2f} ms/poll",
            f"{rd.unchanged_ms:.2f} ms/poll",
            fmt_ratio(r),
            "≤ 0.8× reader",
            verdict(r <= 0.8),
        )
    )
    r = ww.unchanged_ms / httpx_floor
    rows.append(
        (
            "unchanged poll / bare HTTP floor",
            f"{r:.2f}× httpx ({httpx_floor:.2f} ms)",
            f"{rd.unchanged_ms / requests_floor:.2f}× requests ({requests_floor:.2f} ms)",
            fmt_ratio(httpx_floor / requests_floor) + " (floors)",
            "≤ 1.3× httpx floor",
            verdict(r <= 1.3),
        )
    )
    r = ww.changed_ms / rd.changed_ms
    rows.append(
        (
            f"{100 * args.changed:.0f}% of feeds with one new entry, CPU per changed feed",
            f"{ww.changed_ms:.1f} ms",
            f"{rd.changed_ms:.1f} ms",
            fmt_ratio(r),
            "≤ 1.0× reader",
            verdict(r <= 1.0),
        )
    )
    r1, r2 = ww.peak_mib / rd.peak_mib, ww_m.peak_mib / rd_m.peak_mib
    rows.append(
        (
            f"peak memory (RSS), {n:,} / {m:,} feeds",
            f"{ww.peak_mib:.0f} / {ww_m.peak_mib:.0f} MiB",
            f"{rd.peak_mib:.0f} / {rd_m.peak_mib:.0f} MiB",
            f"{r1:.2f} / {r2:.2f}",
            "≤ 1.5× reader at both",
            verdict(r1 <= 1.5 and r2 <= 1.5),
        )
    )
    sw = (ww_m.peak_kib - ww.peak_kib) / (m - n)
    sr = (rd_m.peak_kib - rd.peak_kib) / (m - n)
    rows.append(
        (
            "memory per additional feed",
            f"{sw:.1f} KiB",
            f"{sr:.1f} KiB",
            fmt_ratio(sw / sr) if sr > 0 else "—",
            "—",
            "",
        )
    )
    for what, label, goal in (
        ("import", "daemon import (`wirewatch run`) vs `import reader`", None),
        ("start", "daemon start (spawn → running / ready to poll)", 0.8),
    ):
        wc, rc = med(f"wirewatch-{what}", "cpu"), med(f"reader-{what}", "cpu")
        ww_, rw = med(f"wirewatch-{what}", "wall"), med(f"reader-{what}", "wall")
        wm, rm = med(f"wirewatch-{what}", "maxrss_kib") / 1024, med(f"reader-{what}", "maxrss_kib") / 1024
        rows.append(
            (
                label,
                f"{wc:.2f} s CPU ({ww_:.2f} s wall), {wm:.0f} MiB",
                f"{rc:.2f} s CPU ({rw:.2f} s wall), {rm:.0f} MiB",
                f"{wc / rc:.1f} / {wm / rm:.1f}",
                f"≤ {goal} s (CPU)" if goal else "—",
                verdict(wc <= goal) if goal else "",
            )
        )

    print()
    print(
        f"Wirewatch vs reader {reader_version()} · {n:,} loopback feeds × {ENTRIES} entries (memory also at {m:,}) · "
        f"{args.rounds} rounds · Python {sys.version.split()[0]} · {os.cpu_count()} cores · reader workers "
        f"{args.workers}"
    )
    print()
    header = ("figure", "Wirewatch", "reader", "ratio", "goal", "")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    print(
        "ratio: Wirewatch / reader (time / memory where two figures). Start-up is judged on CPU time, which a shared "
        "machine inflates less than wall time. Each round, CPU (the order alternates):"
    )
    for run in runs.values():
        unchanged = ", ".join(f"{1000 * c / run.feeds:.2f}" for c in run.cpu("unchanged"))
        changed = ", ".join(f"{1000 * c / run.changed:.1f}" for c in run.cpu("changed"))
        first = f"first {run.first_ms:5.1f} ms/feed; " if "floor" not in run.system else " " * 22
        print(
            f"  {run.system:<17} {run.feeds:>5}: {first}unchanged ms/poll [{unchanged}]; changed ms/feed "
            f"({run.changed} feeds) [{changed}]; peak {run.peak_mib:.0f} MiB"
        )
    rules = (ww.first_ms / nr.first_ms, ww.unchanged_ms / nr.unchanged_ms, ww.changed_ms / nr.changed_ms)
    print("  bundled rules / no rules (Wirewatch): first {:.2f}, unchanged {:.2f}, changed {:.2f}".format(*rules))
    body_kib = len(feed_body(0, 100).encode()) / 1024
    print(
        f"  bare HTTP GET of a changed feed (200, {body_kib:.1f} KiB body): httpx {hx.changed_ms:.2f} ms, "
        f"requests {rq.changed_ms:.2f} ms"
    )
    print(
        f"  import: Wirewatch {len(WIREWATCH_DAEMON_IMPORTS)} modules ({', '.join(WIREWATCH_DAEMON_IMPORTS)}) → "
        f"{startup['wirewatch-import'][0]['modules']} in sys.modules; reader → "
        f"{startup['reader-import'][0]['modules']}"
    )
    for key, values in startup.items():
        cpu = ", ".join(f"{x['cpu']:.2f}" for x in values)
        wall = ", ".join(f"{x['wall']:.2f}" for x in values)
        print(f"  {key:<17} CPU s [{cpu}]; wall s [{wall}]")


def reader_version() -> str:
    from importlib.metadata import version

    return version("reader")


SPY_PLUMBING = ("bench_vs_reader.py", "threading.py", "concurrent/futures", "asyncio/", "contextlib.py", "<module>")


def print_spy(folder: Path, top: int = 25) -> None:
    """Per recorded phase: self time by package (where the samples' innermost frames are) and the top
    functions by inclusive share (counted once per stack; the benchmark's and the event loop's plumbing left
    out). py-spy samples threads that are not idle, so waiting worker threads may show up as plumbing."""
    for path in sorted(folder.glob("*.txt")):
        if path.name.endswith("-tracemalloc.txt"):
            continue
        inclusive: Counter[str] = Counter()
        by_package: Counter[str] = Counter()
        total = 0
        for line in path.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            frames = [f for f in stack.split(";") if f and not f.startswith(("process ", "thread "))]
            if not count.isdigit() or not frames:
                continue
            c = int(count)
            total += c
            for f in set(frames):
                inclusive[f] += c
            where = frames[-1].rpartition("(")[2].split(":")[0]
            by_package[where.split("/")[0] if "/" in where else where] += c
        if not total:
            continue
        print(f"\npy-spy {path.stem}: {total} samples")
        print("  self by package: " + ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in by_package.most_common(10)))
        shown = [(f, c) for f, c in inclusive.most_common() if not any(p in f for p in SPY_PLUMBING)][:top]
        for frame, c in shown:
            print(f"  {100 * c / total:5.1f}%  {frame}")


def print_tracemalloc(runs: dict[tuple[str, int], Run], n: int, m: int, top: int = 15) -> None:
    for system in ("wirewatch", "reader"):
        small, large = runs[system, n].final.get("tracemalloc"), runs[system, m].final.get("tracemalloc")
        if not small or not large:
            continue
        print(f"\ntracemalloc {system}: traced {large['current'] / 2**20:.1f} MiB at {m:,} feeds, top lines:")
        for line in large["top_lines"]:
            print(f"  {line}")
        growth = {
            f: (large["by_file"].get(f, 0) - small["by_file"].get(f, 0)) / (m - n)
            for f in set(small["by_file"]) | set(large["by_file"])
        }
        print(f"  growth per additional feed, by file ({n:,} → {m:,} feeds):")
        for f, per in sorted(growth.items(), key=lambda kv: -kv[1])[:top]:
            print(f"    {per / 1024:8.2f} KiB/feed  {f}")


def parent(args: argparse.Namespace) -> None:
    import importlib.util

    if importlib.util.find_spec("reader") is None:
        print(f"reader is not installed (needed for this benchmark only): {INSTALL_HINT}", file=sys.stderr)
        raise SystemExit(2)
    for folder in (args.py_spy, args.tracemalloc):
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="bench-vs-reader-"))
    total = max(args.feeds, args.mem_feeds)
    server = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--child", "server", "--feeds", str(total)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None and server.stdin is not None
    base = server.stdout.readline().strip()
    if not base.startswith("http://"):
        raise SystemExit("the feed server did not start")
    print(f"feed server {base} ({total:,} feeds); results in {tmp}", file=sys.stderr)
    runs: dict[tuple[str, int], Run] = {}
    try:
        print("start-up (fresh interpreters)", file=sys.stderr, flush=True)
        startup = measure_startup(tmp, args.repeats)
        print("rounds, side by side", file=sys.stderr, flush=True)
        for feeds, systems in (
            (args.feeds, ("wirewatch", "reader", "wirewatch-norules", "httpx-floor", "requests-floor")),
            (args.mem_feeds, ("wirewatch", "reader")),
        ):
            for system, run in drive(args, base, feeds, systems, tmp).items():
                runs[system, feeds] = run
    finally:
        server.stdin.close()
        server.wait(30)
    problems = [p for run in runs.values() for p in check_workload(run, ENTRIES)]
    raw = {f"{s}@{n}": {"rounds": r.rounds, "final": r.final} for (s, n), r in runs.items()}
    (tmp / "results.json").write_text(json.dumps({"runs": raw, "startup": startup}, indent=1))
    print_table(args, runs, startup)
    if problems:
        print("\nWORKLOAD DIFFERED (figures not comparable):")
        for p in problems:
            print(f"  {p}")
    if args.py_spy:
        print_spy(Path(args.py_spy))
    if args.tracemalloc:
        print_tracemalloc(runs, args.feeds, args.mem_feeds)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=f"reader: {INSTALL_HINT}")
    ap.add_argument("--feeds", type=int, default=500, help="feeds for the CPU figures and the first memory figure")
    ap.add_argument("--mem-feeds", type=int, default=2000, help="feeds for the second memory figure")
    ap.add_argument("--rounds", type=int, default=5, help="unchanged and changed rounds, each")
    ap.add_argument("--changed", type=float, default=0.05, help="fraction of feeds with a new entry per round")
    ap.add_argument("--workers", type=int, default=4, help="reader's update_feeds(workers=...)")
    ap.add_argument("--repeats", type=int, default=5, help="fresh interpreters per start-up figure")
    ap.add_argument("--quick", action="store_true", help="1 round, 2 start-up repeats: checks that it all runs")
    ap.add_argument("--py-spy", metavar="DIR", help="record each measured phase with py-spy into DIR")
    ap.add_argument("--tracemalloc", metavar="DIR", help="trace allocations in each system run into DIR")
    ap.add_argument("--child", choices=["server", *CHILDREN], help=argparse.SUPPRESS)
    ap.add_argument("--base", help=argparse.SUPPRESS)
    ap.add_argument("--tmp", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.quick:
        args.rounds, args.repeats = 1, 2
    if args.child == "server":
        child_server(args)
    elif args.child:
        args.system = args.child
        CHILDREN[args.child](args)
    else:
        if args.mem_feeds <= args.feeds:
            ap.error("--mem-feeds must be larger than --feeds (memory per additional feed is the slope)")
        parent(args)


if __name__ == "__main__":
    main()
