"""Prometheus metrics and `/healthz` for one replica, on a small HTTP server of its own.

Each Runtime has its own registry (several runtimes in one process, as in tests, never clash). Figures are
recorded where the work is reported (after a poll, after a delivery pass), so the hot paths stay free of it.
`/healthz` says `ok`; `degraded` (still 200) while the store is unavailable: the replica is alive, retrying,
and restarting it would not bring the store back; `down` (503) when the event loop has stalled or the store is
damaged and needs an operator. The body gives the reason, the store's condition and since when.
"""

from __future__ import annotations

import json
import logging
import platform
import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Info, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from domain.formats import utc_stamp
from domain.source_state import SourceState
from wirewatch import __version__
from wirewatch.store_health import StoreCondition

log = logging.getLogger("wirewatch.metrics")
STALL_AFTER = 60.0  # seconds without a heartbeat before /healthz fails

_REASONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("timeout", re.compile(r"timed out|took longer", re.I)),
    ("connect", re.compile(r"cannot connect|cannot resolve|refused", re.I)),
    ("too_large", re.compile(r"larger than", re.I)),
    ("http_4xx", re.compile(r"^HTTP 4\d\d")),
    ("http_5xx", re.compile(r"^HTTP 5\d\d")),
    ("store", re.compile(r"store unavailable|redis at .* unavailable", re.I)),
    ("parse", re.compile(r"pars|not a feed|xml", re.I)),
)


def fetch_error_reason(message: str | None) -> str:
    """A bounded label for a failure message (the message itself is in the log, with the source id)."""
    text = message or ""
    return next((name for name, pattern in _REASONS if pattern.search(text)), "other")


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.polls = Counter("wirewatch_polls", "Polls done by this replica, by outcome.", ["outcome"], registry=r)
        self.polls_skipped = Counter(
            "wirewatch_polls_skipped", "Polls left to another replica (its lease held the source).", registry=r
        )
        self.fetch_errors = Counter("wirewatch_fetch_errors", "Failed polls by reason.", ["reason"], registry=r)
        self.items = Counter("wirewatch_items", "New entries recorded.", registry=r)
        self.matches = Counter("wirewatch_matches", "Alerts recorded (rule matches, one per event).", registry=r)
        self.alerts_sent = Counter("wirewatch_alerts_sent", "Deliveries sent (or found already sent).", registry=r)
        self.alerts_failed = Counter("wirewatch_alerts_failed", "Deliveries dead-lettered.", registry=r)
        self.alerts_retried = Counter("wirewatch_alerts_retried", "Delivery attempts to retry.", registry=r)
        self.queue_lag = Gauge(
            "wirewatch_queue_lag_seconds", "Age of the oldest due delivery (0: the outbox is caught up).", registry=r
        )
        self.leases = Gauge("wirewatch_leases_held", "Leases this replica holds now, by kind.", ["kind"], registry=r)
        self.leases_taken = Counter("wirewatch_leases_taken", "Leases acquired, by kind.", ["kind"], registry=r)
        self.store_up = Gauge("wirewatch_store_up", "1 when the last store call succeeded.", registry=r)
        self.store_up.set(1)
        self.store_faults = Counter(
            "wirewatch_store_faults",
            "Store fault episodes begun, by kind (unavailable, busy, corrupt; reset: the store lost its data).",
            ["kind"],
            registry=r,
        )
        # Per source, written after every poll: a plain dict read at scrape time (a labelled Gauge would take
        # a lock and a label lookup on every poll, for a figure read once a scrape).
        self.last_success: dict[str, float] = {}
        r.register(_LastSuccess(self.last_success))
        self._polls_by_outcome: dict[str, Counter] = {}
        Info("wirewatch_build", "Wirewatch and Python versions.", registry=r).info(
            {"version": __version__, "python": platform.python_version()}
        )
        self.store_condition = StoreCondition()
        self.heartbeat = time.time()

    def beat(self) -> None:
        self.heartbeat = time.time()

    def store(self, condition: StoreCondition) -> None:
        self.store_condition = condition
        self.store_up.set(1 if condition.ok else 0)

    def source_state(self, state: SourceState | None) -> None:
        """After a poll, or from the stored states at start."""
        if state is not None and state.last_success:
            self.last_success[state.source_id] = state.last_success

    def poll_done(self, outcome: str, new: int, alerts: int) -> None:
        """One poll's counts (the labelled child is looked up once per outcome)."""
        child = self._polls_by_outcome.get(outcome)
        if child is None:
            child = self._polls_by_outcome[outcome] = self.polls.labels(outcome)
        child.inc()
        if new:
            self.items.inc(new)
        if alerts:
            self.matches.inc(alerts)

    def health(self, now: float | None = None) -> tuple[bool, dict[str, object]]:
        """(answer 200?, body)."""
        now = time.time() if now is None else now
        stalled = now - self.heartbeat
        store = self.store_condition
        body: dict[str, object] = {"status": "ok", "store": store.status, "heartbeat_age": round(stalled, 1)}
        if not store.ok:
            body |= {"status": "down" if store.status == "corrupt" else "degraded", "reason": f"store: {store.reason}"}
            body["store_since"] = utc_stamp(store.since)
        if stalled >= STALL_AFTER:
            body |= {"status": "down", "reason": f"event loop stalled for {stalled:.0f}s"}
        return body["status"] != "down", body


class _LastSuccess(Collector):
    def __init__(self, last_success: dict[str, float]):
        self.last_success = last_success

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "wirewatch_source_last_success_timestamp_seconds",
            "When each source was last polled successfully (Unix time).",
            labels=["source"],
        )
        for source, at in sorted(self.last_success.items()):
            family.add_metric([source], at)
        yield family


class MetricsServer:
    """`/metrics` (Prometheus text format) and `/healthz` (JSON) on a daemon thread."""

    def __init__(self, metrics: Metrics, host: str, port: int):
        self.metrics = metrics
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                if path == "/metrics":
                    self._send(200, generate_latest(owner.metrics.registry), CONTENT_TYPE_LATEST)
                elif path == "/healthz":
                    ok, body = owner.metrics.health()
                    self._send(200 if ok else 503, json.dumps(body).encode(), "application/json")
                else:
                    self._send(404, b"not found\n", "text/plain")

            def _send(self, status: int, body: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="metrics", daemon=True)

    @property
    def address(self) -> tuple[str, int]:
        host, port = self.httpd.server_address[:2]
        return str(host), int(port)

    def start(self) -> MetricsServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
