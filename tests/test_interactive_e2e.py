"""Readers' buttons end to end with real `wirewatch` processes (issue 12), against loopback servers that speak
Slack's side: the Web API (posts, `chat.update`, ephemeral answers, modals), Socket Mode (a WebSocket the
daemon dials) and the signed HTTP interactivity endpoint.

- Socket Mode, Redis: `wirewatch run` posts a card with buttons; a *Mute* press reaches it over the socket and
  the card says who muted what; the next matching article, recorded by another process on the same store
  (`wirewatch once`, another replica), is silenced — recorded, listed with the silence id, not posted; *Undo*
  ends the silence and the daemon posts the held alert, once.
- HTTP endpoint, SQLite: signed presses act; unsigned, mis-signed, tampered and stale ones change nothing and
  are logged without the secret; malformed payloads and unknown action ids get a 400 and change nothing.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from store.base import Store
from store.redis_store import RedisStore
from store.sqlite_store import SqliteStore
from tests.conftest import ROOT
from tests.interactive_payloads import TEAM, block_actions
from tests.servers.feeds import FeedServer, rss
from tests.servers.slack import Posted, SlackServer, wait_for
from tests.servers.slack_signing import form_body, post, signed_post, unsigned_post
from tests.servers.slack_socket import SocketModeServer

pytestmark = [pytest.mark.system, pytest.mark.long]

APP_TOKEN = "xapp-1-A0WIREWATCH-1-e2e0c0ffee"
SECRET = "5f1b2c3d4e5f60718293a4b5c6d7e8f9"
CHANNEL = "#market-signals"
FIRST = {
    "guid": "p1",
    "title": "Pfizer signs exclusive license agreement with Chinese biotech for ADC",
    "link": "http://news.test/p1",
    "description": "Pfizer pays $100 million upfront plus milestones for rights to the antibody-drug conjugate.",
}
SECOND = {
    "guid": "p2",
    "title": "Pfizer licenses Korean biotech's obesity drug in $500 million deal",
    "link": "http://news.test/p2",
    "description": "Pfizer agreed to pay $50 million upfront for exclusive global rights to the drug.",
}
OTHER = {
    "guid": "m1",
    "title": "Merck licenses Hansoh's oral GLP-1 for $112 million upfront",
    "link": "http://news.test/m1",
    "description": "Merck gains exclusive worldwide rights and pays $112 million upfront.",
}


def config(tmp: Path, *, store: str, prefix: str, feed: str, interactive: str, interval: int = 10) -> Path:
    cfg = tmp / "wirewatch.yaml"
    cfg.write_text(
        f"store: {store}\n"
        f"store_prefix: {prefix}\n"
        f"sources:\n  - id: wire\n    url: {feed}\n    interval: {interval}\n    on_first_fetch: alert\n"
        "notify:\n"
        "  console: false\n"
        "  slack: {token: '${SLACK_BOT_TOKEN}', base_url: '${SLACK_API_URL}', channel: '#market-signals'}\n"
        "  budget: {per_channel: null}\n"
        f"  interactive:\n{interactive}"
        "delivery: {interval: 1, channel_rate: 0}\n"
        "fetch: {allow_private_addresses: true}\n"
        "jitter: 0\n",
        encoding="utf-8",
    )
    return cfg


def env(slack: SlackServer) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SLACK_BOT_TOKEN": slack.token,
        "SLACK_API_URL": slack.base_url,
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
    }


def start(cfg: Path, slack: SlackServer, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "wirewatch", "run", "--config", str(cfg)],
            cwd=cfg.parent,
            env=env(slack),
            stdout=subprocess.DEVNULL,
            stderr=out,
        )


def cli(cfg: Path, slack: SlackServer, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wirewatch", *argv, "--config", str(cfg)],
        cwd=cfg.parent,
        env=env(slack),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def stop(proc: subprocess.Popen[bytes]) -> int:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(40)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()


def cards(slack: SlackServer) -> list[Posted]:
    return [m for m in slack.posted() if m.metadata and not m.thread_ts]


def alert_of(m: Posted) -> str:
    return str((m.metadata or {})["event_payload"]["alert_id"])


def press(action_id: str, value: str, card: Posted, slack: SlackServer, **kw: Any) -> dict[str, Any]:
    payload = block_actions(action_id, value, message_ts=card.ts, **kw)
    payload["container"]["channel_id"] = payload["channel"]["id"] = slack.channel_id(CHANNEL)
    return payload


def silenced(store: Store) -> list[tuple[str, str | None]]:
    return [(d.alert_id, d.last_error) for d in store.deliveries_in("silenced")]


@pytest.fixture
def socket_mode() -> Iterator[SocketModeServer]:
    server = SocketModeServer(app_token=APP_TOKEN).start()
    yield server
    server.stop()


@pytest.mark.redis
def test_socket_mode_mute_silences_the_next_alert_on_another_replica_and_undo_posts_it_once(
    tmp_path: Path,
    feed_server: FeedServer,
    slack_server: SlackServer,
    socket_mode: SocketModeServer,
    redis_url: str,
    redis_prefix: str,
) -> None:
    feed_server.put("/f.xml", rss([FIRST]))
    interactive = (
        "    enabled: true\n"
        f"    team_id: {TEAM}\n"
        "    app_token: ${SLACK_APP_TOKEN}\n"
        f"    base_url: {socket_mode.base_url}\n"
    )
    cfg = config(
        tmp_path,
        store=redis_url,
        prefix=redis_prefix,
        feed=feed_server.url("/f.xml"),
        interactive=interactive,
        interval=3600,  # the daemon polls once at start; the next article is recorded by the other replica
    )
    log = tmp_path / "daemon.log"
    daemon = start(cfg, slack_server, log)
    store = RedisStore(redis_url, prefix=redis_prefix)
    try:
        assert wait_for(lambda: len(cards(slack_server)) == 1, 30), log.read_text()
        (card,) = cards(slack_server)
        assert card.blocks[-1]["block_id"] == "ww.actions"
        assert socket_mode.wait_sessions(1), log.read_text()
        first = alert_of(card)
        envelope = socket_mode.send_interactive(press("ww.mute", f"{first}|7d|licensee", card, slack_server))
        assert socket_mode.wait_ack(envelope), log.read_text()
        (silence,) = store.silences(time.time())
        assert [str(m) for m in silence.matchers] == ['event="bd_deal"', 'party="Pfizer"']
        assert wait_for(
            lambda: "Muted Pfizer for 7 d by <@U0ANA>" in json.dumps([u.blocks for u in slack_server.updates[-1:]]), 10
        )

        # another replica (a cron `once` on the same Redis) records the next Pfizer deal: silenced, not posted
        feed_server.put("/f.xml", rss([SECOND, OTHER, FIRST]))
        once = cli(cfg, slack_server, "once")
        assert once.returncode == 0, once.stderr
        assert "recorded silenced: silenced by " + silence.id in once.stderr
        (held,) = silenced(store)
        assert held[1] is not None and held[1].startswith(f"silenced by {silence.id} until ")
        assert wait_for(lambda: len(cards(slack_server)) == 2, 15)  # Merck posts; the silenced one does not
        time.sleep(2.5)  # a couple of the daemon's delivery passes
        assert [alert_of(m) for m in cards(slack_server)].count(held[0]) == 0
        listed = cli(cfg, slack_server, "alerts")
        assert f"silenced by {silence.id} until " in listed.stdout, listed.stdout

        # Undo on the card: the silence ends early and the daemon posts what it held, once
        undo = socket_mode.send_interactive(press("ww.undo", f"{first}|{silence.id}", card, slack_server))
        assert socket_mode.wait_ack(undo)
        assert wait_for(lambda: held[0] in {alert_of(m) for m in cards(slack_server)}, 15), log.read_text()
        assert store.silences(time.time()) == [] and store.get_silence(silence.id).expired_by == "ana"  # type: ignore[union-attr]
        assert wait_for(lambda: "Muted" not in json.dumps(slack_server.updates[-1].blocks), 10)
        time.sleep(2.5)
    finally:
        code = stop(daemon)
        store.close()
    text = log.read_text()
    assert code == 0 and "stopped" in text, text
    posted = Counter(alert_of(m) for m in cards(slack_server))
    assert len(posted) == 3 and set(posted.values()) == {1}, posted  # nothing lost, nothing twice
    assert APP_TOKEN not in text and slack_server.token not in text and "xapp-" not in text


def test_http_endpoint_acts_on_signed_presses_only(
    tmp_path: Path, feed_server: FeedServer, slack_server: SlackServer
) -> None:
    feed_server.put("/f.xml", rss([FIRST]))
    interactive = (
        "    enabled: true\n"
        "    mode: http\n"
        f"    team_id: {TEAM}\n"
        "    signing_secret: ${SLACK_SIGNING_SECRET}\n"
        "    port: 0\n"
    )
    db = tmp_path / "w.db"
    cfg = config(
        tmp_path, store=f"sqlite:///{db}", prefix="ww", feed=feed_server.url("/f.xml"), interactive=interactive
    )
    log = tmp_path / "daemon.log"
    daemon = start(cfg, slack_server, log)
    try:
        assert wait_for(lambda: "Slack interactivity endpoint on http://" in log.read_text(), 30), log.read_text()
        found = re.search(r"endpoint on (http://\S+)", log.read_text())
        assert found is not None
        url = found.group(1)
        assert wait_for(lambda: len(cards(slack_server)) == 1, 30), log.read_text()
        (card,) = cards(slack_server)
        first = alert_of(card)
        store = SqliteStore(db)

        def unchanged() -> bool:
            return store.silences() == [] and store.verdicts() == []

        mute = press("ww.mute.7d", f"{first}|licensee", card, slack_server)
        assert unsigned_post(url, mute)[0] == 401
        assert signed_post(url, mute, "not-the-secret-at-all-0000000000")[0] == 401
        assert signed_post(url, mute, SECRET, tamper=True)[0] == 401
        assert signed_post(url, mute, SECRET, age=6 * 60)[0] == 401
        assert (
            post(url, form_body(mute), {"X-Slack-Request-Timestamp": "yesterday", "X-Slack-Signature": "v0=0"})[0]
            == 401
        )
        assert signed_post(url, "{not json", SECRET) == (
            400,
            "payload is not valid JSON (Expecting property name enclosed in double quotes at 1)\n",
        )
        assert signed_post(url, press("ww.delete_all", first, card, slack_server), SECRET)[0] == 400
        assert unchanged()
        text = log.read_text()
        for reason in ("unsigned request", "bad signature", "stale timestamp", "malformed timestamp"):
            assert f"refused interactivity request from 127.0.0.1: {reason}" in text
        assert "unknown action id 'ww.delete_all'" in text and SECRET not in text

        assert signed_post(url, mute, SECRET) == (200, "")
        (silence,) = store.silences(time.time())
        assert wait_for(lambda: len(slack_server.updates) == 1, 10)
        assert "Muted Pfizer for 7 d by <@U0ANA>" in json.dumps(slack_server.updates[0].blocks)
        assert signed_post(url, mute, SECRET) == (200, "")  # Slack retrying the same press: one silence
        assert len(store.silences()) == 1

        feed_server.put("/f.xml", rss([SECOND, FIRST]))
        assert wait_for(lambda: len(store.deliveries_in("silenced")) == 1, 30), log.read_text()
        (held,) = store.deliveries_in("silenced")
        listed = cli(cfg, slack_server, "silence", "list")
        assert silence.id in listed.stdout and 'event="bd_deal", party="Pfizer"' in listed.stdout

        why = signed_post(url, press("ww.why", first, card, slack_server, user="U0BO"), SECRET)
        assert why == (200, "")
        assert wait_for(lambda: any("Why this alert fired" in e["text"] for e in slack_server.ephemeral), 10)

        assert signed_post(url, press("ww.undo", f"{first}|{silence.id}", card, slack_server), SECRET) == (200, "")
        assert wait_for(lambda: held.alert_id in {alert_of(m) for m in cards(slack_server)}, 15), log.read_text()
        store.close()
        time.sleep(2.5)
    finally:
        code = stop(daemon)
    assert code == 0, log.read_text()
    posted = Counter(alert_of(m) for m in cards(slack_server))
    assert len(posted) == 2 and set(posted.values()) == {1}, posted
    assert SECRET not in log.read_text()
