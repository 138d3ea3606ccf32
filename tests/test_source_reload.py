"""A running daemon applies source changes from its config file without a restart — added, removed, changed
interval — and rejects an invalid file the way it rejects invalid rules; it says it is alive once per polling
round; its log lines carry ISO 8601 times with date and zone, in text and JSON alike."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.servers.feeds import FeedServer, rss
from tests.servers.slack import SlackServer, wait_for
from wirewatch.config import load_config
from wirewatch.heartbeat import Round, round_period
from wirewatch.logs import setup_logging
from wirewatch.source_reload import ConfigWatcher, diff_config

ISO = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


BASE = """\
store: sqlite:///{dir}/w.db
sources:
  - id: a
    url: https://a.test/feed
    interval: 5m
  - id: b
    url: https://b.test/feed
"""


# --- what a new config changes (pure) ------------------------------------------------------------------------


def test_diff_names_added_stopped_changed_and_keys_that_need_a_restart(tmp_path: Path) -> None:
    old, _ = load_config(write(tmp_path / "old.yaml", BASE.format(dir=tmp_path)), env={})
    new_text = (
        BASE.format(dir=tmp_path).replace("interval: 5m", "interval: 1m")
        + "    enabled: false\n  - id: c\n    url: https://c.test/feed\nnotify:\n  dedupe_window: 1d\n"
    )
    new, _ = load_config(write(tmp_path / "new.yaml", new_text), env={})
    changes = diff_config(old, new)
    assert [s.id for s in changes.added] == ["c"]
    assert changes.removed == ("b",)  # `enabled: false` stops it like a removal
    assert [(o.interval, n.interval) for o, n in changes.changed] == [(300, 60)]
    assert changes.restart_keys == ("notify",)
    assert changes.describe() == "added c; stopped b; changed a (interval 5m → 1m)"


def test_watcher_ignores_touches_reports_a_broken_file_once_then_applies_the_fix(tmp_path: Path) -> None:
    path = write(tmp_path / "wirewatch.yaml", BASE.format(dir=tmp_path))
    config, _ = load_config(path, env={})
    watcher = ConfigWatcher(path, config)
    os.utime(path, (time.time() + 5, time.time() + 5))
    assert watcher.check() is None, "same bytes: nothing to apply"
    write(path, BASE.format(dir=tmp_path) + "    intervall: 5m\n")
    rejected = watcher.check()
    assert rejected is not None and rejected.config is None and rejected.first_report
    assert str(rejected.problems[0]).startswith(f"{path}:8:5: ") and "intervall" in str(rejected.problems[0])
    write(path, BASE.format(dir=tmp_path) + "    intervall: 5m\n\n")
    again = watcher.check()
    assert again is not None and again.config is None and not again.first_report, "told once per problem"
    write(path, BASE.format(dir=tmp_path) + "    interval: 1m\n")
    fixed = watcher.check()
    assert fixed is not None and fixed.config is not None
    assert fixed.changes.describe() == "changed b (interval 5m → 1m)"


# --- the heartbeat line (pure) --------------------------------------------------------------------------------


def test_round_period_is_the_shortest_interval_within_bounds() -> None:
    assert round_period([300, 60, 21600]) == 60
    assert round_period([10]) == 10 and round_period([5]) == 10
    assert round_period([86400]) == 600 and round_period([]) == 600


def test_heartbeat_lines() -> None:
    r = Round()
    assert r.line(7, ("fierce-biotech", 250)) == "round: no polls due (7 sources); next poll in 4m 10s (fierce-biotech)"
    for source, outcome, new, alerts in [
        ("a", "not_modified", 0, 0),
        ("b", "updated", 3, 1),
        ("c", "failed", 0, 0),
        ("a", "not_modified", 0, 0),
    ]:
        r.add(source, outcome, new, alerts)
    assert r.line(7, ("a", 45.2)) == (
        "round: 3 of 7 sources polled (2 unchanged, 1 failed), 3 new entries, 1 alert; next poll in 45s (a)"
    )
    assert r.line(1, None).endswith("; no poll scheduled")


# --- log times ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_log_times_are_iso_8601_utc_with_date_and_zone(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    setup_logging("INFO", fmt)
    try:
        record = logging.LogRecord("wirewatch.x", logging.INFO, __file__, 1, "hello %s", ("xoxb-1-2",), None)
        record.created, record.msecs = 1764072187.123, 123.0  # 2025-11-25 12:03:07.123 UTC
        logging.getLogger().handle(record)
    finally:
        logging.getLogger().handlers.clear()
    line = stream.getvalue().strip()
    stamp = json.loads(line)["ts"] if fmt == "json" else line.split(" ", 1)[0]
    assert stamp == "2025-11-25T12:03:07.123Z"
    assert "xoxb-1-2" not in line


# --- the daemon, end to end ---------------------------------------------------------------------------------


class Daemon:
    """A real `wirewatch run`, its stderr collected line by line while it runs."""

    def __init__(self, cfg: Path, slack: SlackServer):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "SLACK_BOT_TOKEN": slack.token, "SLACK_API_URL": slack.base_url}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "wirewatch", "run", "--config", str(cfg)],
            cwd=cfg.parent,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line)

    def said(self, pattern: str) -> bool:
        return any(re.search(pattern, line) for line in list(self.lines))

    def log(self) -> str:
        return "".join(self.lines)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(10)
        return self.proc.returncode


DAEMON_CONFIG = """\
# desk feeds
store: sqlite:///{dir}/w.db
sources:
  - id: first
    url: {first}
    interval: 1m       # slow: a change to 10s must apply at once
notify:
  console: false
  slack:
    token: ${{SLACK_BOT_TOKEN}}
    base_url: ${{SLACK_API_URL}}
fetch:
  allow_private_addresses: true
delivery:
  interval: 1
jitter: 0
"""


@pytest.mark.system
@pytest.mark.long
def test_running_daemon_applies_source_changes_without_a_restart(
    tmp_path: Path, feed_server: FeedServer, slack_server: SlackServer
) -> None:
    feed_server.put("/first.xml", rss([{"guid": "f", "title": "First entry"}], "First"))
    feed_server.put("/second.xml", rss([{"guid": "s", "title": "Second entry"}], "Second"))
    cfg = write(tmp_path / "wirewatch.yaml", DAEMON_CONFIG.format(dir=tmp_path, first=feed_server.url("/first.xml")))
    daemon = Daemon(cfg, slack_server)
    try:
        assert wait_for(lambda: len(feed_server.hits_for("/first.xml")) == 1, timeout=20), daemon.log()
        # a heartbeat while nothing is due: alive, and when the next poll is
        assert wait_for(lambda: daemon.said(r"round: .*next poll in"), timeout=20), daemon.log()
        assert re.match(ISO + " INFO ", daemon.lines[0]), daemon.lines[0]

        # added: polled within seconds
        r = run_cli(
            "sources", "add", feed_server.url("/second.xml"), "--id", "second", "--interval", "10s", cwd=tmp_path
        )
        assert r.returncode == 0, r.stderr
        assert wait_for(lambda: feed_server.hits_for("/second.xml")[1:], timeout=15), (
            daemon.log()
        )  # add's own fetch, then the daemon's
        assert daemon.said(r"config reloaded: sources added second \(2 polled\)")

        # changed interval: 1m → 10s applies now, not after the minute
        hits = len(feed_server.hits_for("/first.xml"))
        cfg.write_text(cfg.read_text().replace("interval: 1m ", "interval: 10s"), encoding="utf-8")
        assert wait_for(lambda: len(feed_server.hits_for("/first.xml")) > hits, timeout=20), daemon.log()
        assert daemon.said(r"changed first \(interval 1m → 10s\)")

        # invalid: rejected as a whole, ops told once, the sources keep running
        text = cfg.read_text()
        cfg.write_text(text.replace("  - id: second", "  - idd: second"), encoding="utf-8")
        assert wait_for(lambda: daemon.said("config change rejected"), timeout=10), daemon.log()
        assert wait_for(lambda: any("Config change rejected" in m.text for m in slack_server.posted()), timeout=15), (
            daemon.log()
        )
        polls = len(feed_server.hits_for("/second.xml"))
        assert wait_for(lambda: len(feed_server.hits_for("/second.xml")) > polls, timeout=20), "still polled"
        cfg.write_text(text, encoding="utf-8")

        # removed: no more polls; a key that needs a restart is named
        r = run_cli("sources", "remove", "second", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        cfg.write_text(cfg.read_text().replace("jitter: 0", "jitter: 0.2"), encoding="utf-8")
        assert wait_for(lambda: daemon.said("stopped second"), timeout=10), daemon.log()
        assert wait_for(lambda: daemon.said("config: changes to jitter apply on the next restart"), timeout=10)
        time.sleep(1)
        after = len(feed_server.hits_for("/second.xml"))
        time.sleep(12)
        assert len(feed_server.hits_for("/second.xml")) == after, "a removed source is not polled"
        assert "# desk feeds" in cfg.read_text() and "# slow: a change to 10s must apply at once" in cfg.read_text()
    finally:
        code = daemon.stop()
    assert code == 0, daemon.log()
    assert "Traceback" not in daemon.log()
