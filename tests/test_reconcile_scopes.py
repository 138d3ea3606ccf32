"""Reconciliation that degrades visibly (issue 14, item 9). A bot with only `chat:write` cannot read history:
a send in doubt can never be checked. It is never re-posted blindly; `wirewatch alerts` shows it with the fix,
and once it has waited `delivery.unconfirmed_after` ops are told, once. Channel ids come from the answers to
our posts and are kept in the store, so once `channels:history` is granted the check needs no
`conversations.list` (no `channels:read`), even after a restart. Real SQLite, the loopback Slack server with
the token's scopes enforced as Slack does (`missing_scope`, `needed`)."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from collectors.item import Item
from notifier.slack import SlackNotifier
from store.records import Alert, alert_id
from store.sqlite_store import SqliteStore
from tests.conftest import run_cli
from tests.servers.slack import Fault, SlackServer
from wirewatch.delivery import DeliverySettings, Outbox

CHANNEL, OPS = "#market-signals", "#ops"
SETTINGS = DeliverySettings(retry_base=1.0, retry_cap=1.0, unconfirmed_after=600.0)


class Clock:
    """The outbox's clock, moved on by the test (retry waits and the unconfirmed period pass at once)."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def notifier(server: SlackServer) -> SlackNotifier:
    return SlackNotifier(server.token, CHANNEL, server.base_url, max_retries=0, retry_backoff=0.01)


def make_alert(n: int, created: float) -> Alert:
    item = Item(id=f"e{n}", source="wire", title=f"Deal number {n}", summary="", link=f"https://news.test/{n}")
    return Alert(id=alert_id("wire", item.id, "kw"), rule="bd", item=item, severity="high", created_at=created)


def posts(server: SlackServer, channel: str) -> list[str]:
    return [m.metadata["event_payload"]["alert_id"] for m in server.posted() if m.channel == channel and m.metadata]


def test_send_in_doubt_without_history_scope_is_shown_told_once_and_settled_once_granted(
    tmp_path: Path, slack_server: SlackServer
) -> None:
    slack_server.channels.add(OPS)
    slack_server.scopes = {"chat:write"}  # what the README used to ask for
    clock = Clock()
    db = tmp_path / "state.db"
    store = SqliteStore(db)
    outbox = Outbox(store, {"slack": notifier(slack_server)}, SETTINGS, clock=clock, ops=[f"slack:{OPS}"])

    first, second = make_alert(1, clock.now), make_alert(2, clock.now)
    store.add_alert(first, [f"slack:{CHANNEL}"])
    assert outbox.run().sent == 1  # an ordinary post: its answer names the channel id, which is kept
    store.add_alert(second, [f"slack:{CHANNEL}"])
    slack_server.plan(Fault(accept_then_fail=True, method="chat.postMessage"))  # lands, but the answer is a 500
    assert outbox.run().retried == 1

    for _ in range(5):  # checks keep failing: never posted again, the fix on the delivery
        clock.now += 2
        outbox.run()
    [d] = store.deliveries(second.id)
    assert d.status == "pending" and d.in_doubt_since is not None
    assert d.last_error == "unconfirmed: slack: missing_scope: grant the bot channels:history (then reinstall the app)"
    assert posts(slack_server, OPS) == [], "not yet: it has waited less than unconfirmed_after"

    clock.now += SETTINGS.unconfirmed_after
    for _ in range(5):
        clock.now += 2
        outbox.run()
    notices = [m.text for m in slack_server.posted() if m.channel == OPS]
    assert len(notices) == 1, "ops hear once"
    assert f"Alert {second.id[:10]} to slack:{CHANNEL} cannot be confirmed" in notices[0]
    assert "grant the bot channels:history" in notices[0]
    assert Counter(posts(slack_server, CHANNEL)) == Counter({first.id: 1, second.id: 1})
    store.close()

    shown = run_cli("alerts", "--config", str(config(tmp_path)), cwd=tmp_path)
    line = next(x for x in shown.stdout.splitlines() if x.split()[2] == second.id[:10])
    assert "pending (unconfirmed: slack: missing_scope: grant the bot channels:history" in line

    # The scope is granted (but not channels:read), and Wirewatch restarts: the channel id kept from the
    # first answer lets it read the history at once; the post is found and marked sent, never re-posted.
    slack_server.scopes = {"chat:write", "channels:history"}
    store = SqliteStore(db)
    restarted = Outbox(store, {"slack": notifier(slack_server)}, SETTINGS, clock=clock, ops=[f"slack:{OPS}"])
    assert restarted.reconcile_pending() == 1
    [d] = store.deliveries(second.id)
    landed = next(
        m.ts for m in slack_server.posted() if m.metadata and m.metadata["event_payload"]["alert_id"] == second.id
    )
    assert (d.status, d.ref) == ("sent", landed)
    assert [m for m, _ in slack_server.calls if m == "conversations.list"] == []
    assert Counter(posts(slack_server, CHANNEL)) == Counter({first.id: 1, second.id: 1})
    store.close()


def config(tmp: Path) -> Path:
    cfg = tmp / "wirewatch.yaml"
    cfg.write_text(f"store: sqlite:///{tmp}/state.db\nsources: []\nnotify: {{console: true}}\n")
    return cfg
