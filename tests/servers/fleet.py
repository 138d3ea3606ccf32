"""A Wirewatch fleet on loopback, for tests and benchmarks: real `wirewatch run` processes against one real
redis-server (which a test may kill and restart), the loopback feed server and the loopback Slack server.

Feeds carry entries whose titles contain `fleetsignal`, which the one rule written here matches; each entry
is a unique alert, so counting Slack posts by the alert id in their metadata tells lost from duplicated.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers.feeds import FeedServer, rss
from tests.servers.redis_process import RedisProcess
from tests.servers.slack import SlackServer

ROOT = Path(__file__).resolve().parent.parent.parent
RULES = """rules:
  - id: fleet-signal
    description: A fleet test entry
    severity: high
    any: [fleetsignal]
"""


class RestartableRedis(RedisProcess):
    """redis-server with an fsync-always append-only file: a write it acknowledged survives SIGKILL."""

    def __init__(self, workdir: Path, port: int):
        super().__init__(workdir, port, persistent=True)


@dataclass
class Feeds:
    """`n` feeds on the loopback server; `publish` adds one new matching entry to each and notes when."""

    server: FeedServer
    n: int
    entries: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    visible: dict[str, float] = field(default_factory=dict)  # entry guid → when the server started serving it

    def path(self, i: int) -> str:
        return f"/f/{i:04d}.xml"

    def setup(self) -> None:
        for i in range(self.n):
            self.entries[self.path(i)] = [{"guid": f"old-{i}", "title": f"Old entry {i}", "link": f"http://t/{i}"}]
            self.server.put(self.path(i), rss(self.entries[self.path(i)]))

    def publish(self, only: range | None = None) -> list[str]:
        guids = []
        for i in only or range(self.n):
            guid = uuid.uuid4().hex
            title = f"fleetsignal {guid[:8]} {guid[8:16]} {guid[16:24]} report"
            entry = {"guid": guid, "title": title, "link": f"http://news.test/{guid}"}
            self.entries[self.path(i)] = [entry, *self.entries[self.path(i)]][:20]
            self.server.put(self.path(i), rss(self.entries[self.path(i)]))
            self.visible[guid] = time.time()
            guids.append(guid)
        return guids

    def hits(self) -> Counter[str]:
        with self.server._lock:
            return Counter(h.path for h in self.server.hits if h.path.startswith("/f/"))


def config_text(
    *,
    store: str,
    prefix: str,
    rules: Path,
    feeds: Feeds,
    interval: int = 10,
    lease_timeout: float = 3.0,
    metrics: bool = True,
    on_first_fetch: str = "baseline",
) -> str:
    lines = [
        f"store: {store}",
        f"store_prefix: {prefix}",
        f"rules: [{rules}]",
        "sources:",
    ]
    for i in range(feeds.n):
        lines += [f"  - id: f{i:04d}", f"    url: {feeds.server.url(feeds.path(i))}", f"    interval: {interval}"]
        lines += [f"    on_first_fetch: {on_first_fetch}"]
    lines += [
        "notify:",
        "  console: false",
        "  slack: {token: '${SLACK_BOT_TOKEN}', base_url: '${SLACK_API_URL}', channel: '#market-signals'}",
        "  budget: {per_channel: null}",
        "delivery: {interval: 1, retry_base: 0.5, retry_cap: 3, channel_rate: 0}",
        "fetch: {allow_private_addresses: true, max_concurrency: 50}",
        f"fleet: {{lease_timeout: {lease_timeout}}}",
        f"metrics: {{enabled: {str(metrics).lower()}, port: 0}}",
        "log_format: json",
    ]
    return "\n".join(lines) + "\n"


@dataclass
class Replica:
    proc: subprocess.Popen[bytes]
    log: Path

    def lines(self) -> list[dict[str, object]]:
        out = []
        for raw in self.log.read_text(errors="replace").splitlines():
            try:
                out.append(json.loads(raw))
            except json.JSONDecodeError:
                out.append({"msg": raw, "level": "raw"})
        return out

    def metrics_url(self) -> str | None:
        for line in self.lines():
            m = re.search(r"metrics on (http://\S+)/metrics", str(line.get("msg", "")))
            if m:
                return m.group(1)
        return None

    def get(self, path: str) -> tuple[int, str]:
        base = self.metrics_url()
        if base is None:
            return 0, ""
        try:
            with urllib.request.urlopen(base + path, timeout=5) as resp:
                return resp.status, resp.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()


def start_replica(cfg: Path, slack: SlackServer, log: Path) -> Replica:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SLACK_BOT_TOKEN": slack.token, "SLACK_API_URL": slack.base_url}
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "wirewatch", "run", "--config", str(cfg)],
            cwd=cfg.parent,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=out,
        )
    return Replica(proc, log)


def stop_all(replicas: list[Replica]) -> None:
    for r in replicas:
        if r.proc.poll() is None:
            r.proc.send_signal(signal.SIGTERM)
    for r in replicas:
        try:
            r.proc.wait(40)
        except subprocess.TimeoutExpired:
            r.proc.kill()
            r.proc.wait()


def posted_alert_ids(slack: SlackServer) -> Counter[str]:
    ids: Counter[str] = Counter()
    for m in slack.posted():
        payload = (m.metadata or {}).get("event_payload") or {}
        if payload.get("rule") == "fleet-signal":
            ids[str(payload.get("alert_id"))] += 1
    return ids


def metric(text: str, name: str) -> float:
    """Sum of a metric's samples in Prometheus text format (all label sets)."""
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name) and (line[len(name)] in " {"):
            total += float(line.rsplit(" ", 1)[1])
    return total
