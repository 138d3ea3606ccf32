"""Never twice, never lost: the outbox against the loopback Slack server with fault plans (runs of 429 and
500, posts that landed but whose answer was lost or never came, invalid_auth), reconciliation by message
metadata, one event from several outlets as one card plus thread replies, and incoming webhooks."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from collectors.item import Item
from notifier.base import Notifier, Thread
from notifier.slack import SlackNotifier
from notifier.webhook import WebhookNotifier
from store.base import Store
from store.records import Alert, Delivery, alert_id
from store.redis_store import RedisStore
from store.sqlite_store import SqliteStore
from tests.conftest import run_cli
from tests.servers.feeds import FeedServer, rss
from tests.servers.slack import Fault, SlackServer, block_problems
from wirewatch.delivery import DeliverySettings, DeliveryStats, Outbox
from wirewatch.recorder import AlertRecorder, RecordSettings

CHANNEL = "#market-signals"
SLACK = f"slack:{CHANNEL}"
POST = "chat.postMessage"
FAST = DeliverySettings(retry_base=0.01, retry_cap=0.05, parent_wait=0.01)


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        s: Store = SqliteStore(tmp_path / "w.db")
    else:
        s = RedisStore(request.getfixturevalue("redis_url"), prefix=request.getfixturevalue("redis_prefix"))
    yield s
    s.close()


@pytest.fixture
def sqlite(tmp_path: Path) -> Iterator[SqliteStore]:
    s = SqliteStore(tmp_path / "w.db")
    yield s
    s.close()


def slack(server: SlackServer, **kw: Any) -> SlackNotifier:
    args: dict[str, Any] = {"token": server.token, "channel": CHANNEL, "base_url": server.base_url, "max_retries": 0}
    args.update({"retry_backoff": 0.01, **kw})  # slack-sdk's waits between retried reads: short, same count
    return SlackNotifier(**args)


def make_alert(n: int, *, event: str | None = "bd_deal", source: str = "wire", **fields: Any) -> Alert:
    item = Item(
        id=f"item-{n}",
        source=source,
        title=f"Deal number {n}",
        summary="An exclusive license agreement.",
        link=f"https://news.test/{source}/{n}",
    )
    return Alert(
        id=alert_id(source, item.id, event or "kw"),
        rule="bd-license",
        item=item,
        event=event,
        severity="high",
        matched=("license agreement",),
        fields=fields,
        created_at=time.time() - 1,
    )


def posts_per_alert(server: SlackServer) -> Counter[str]:
    return Counter(m.metadata["event_payload"]["alert_id"] for m in server.posted() if m.metadata)


def drain(outbox: Outbox, passes: int = 30) -> DeliveryStats:
    """Run passes until nothing is pending (retries are due within ~0.05 s with FAST settings)."""
    total = DeliveryStats()
    for _ in range(passes):
        total.add(outbox.run())
        if not outbox.store.deliveries_in("pending"):
            return total
        time.sleep(0.06)
    return total


def delivery(store: Store, aid: str, target: str = SLACK) -> Delivery:
    [d] = [d for d in store.deliveries(aid) if d.target == target]
    return d


# --- posts that landed though the answer said otherwise --------------------------------------------------------


def test_post_stored_then_answered_500_is_found_not_posted_again(store: Store, slack_server: SlackServer) -> None:
    alerts = [make_alert(n) for n in range(3)]
    for a in alerts:
        store.add_alert(a, [SLACK])
    slack_server.plan(Fault(accept_then_fail=True, method=POST))  # the first post lands; its answer is a 500
    outbox = Outbox(store, {"slack": slack(slack_server)}, FAST)

    first = outbox.run()
    assert (first.sent, first.retried) == (2, 1)
    [doubtful] = [d for d in store.deliveries_in("pending")]
    assert doubtful.in_doubt_since is not None and doubtful.last_error == "slack: internal_error"

    time.sleep(0.06)
    second = drain(outbox)
    assert (second.sent, second.reconciled) == (0, 1), "found in the channel's history, not posted again"
    assert posts_per_alert(slack_server) == Counter({a.id: 1 for a in alerts})
    landed = {m.metadata["event_payload"]["alert_id"]: m.ts for m in slack_server.posted() if m.metadata}
    for a in alerts:
        d = delivery(store, a.id)
        assert (d.status, d.ref, d.in_doubt_since) == ("sent", landed[a.id], None)


def test_post_whose_answer_never_comes_is_reconciled_inline(sqlite: SqliteStore, slack_server: SlackServer) -> None:
    [a] = [make_alert(1)]
    sqlite.add_alert(a, [SLACK])
    slack_server.plan(Fault(accept_then_hang=3.0, method=POST))  # stored, then silence past the 1 s timeout
    outbox = Outbox(sqlite, {"slack": slack(slack_server, timeout=1, max_retries=2)}, FAST)
    stats = outbox.run()
    assert stats.sent == 1
    assert posts_per_alert(slack_server) == Counter({a.id: 1})
    methods = [m for m, _ in slack_server.calls]
    assert methods.count(POST) == 1 and "conversations.history" in methods
    assert delivery(sqlite, a.id).ref == slack_server.posted()[0].ts


def test_runs_of_429_and_500_deliver_each_alert_exactly_once(store: Store, slack_server: SlackServer) -> None:
    alerts = [make_alert(n) for n in range(6)]
    for a in alerts:
        store.add_alert(a, [SLACK])
    slack_server.plan(
        Fault(status=429, retry_after=1, method=POST),
        Fault(status=429, retry_after=1, method=POST),
        *[Fault(status=500, method=POST)] * 3,
        Fault(accept_then_fail=True, method=POST),
        Fault(accept_then_fail=True, method=POST),
        *[Fault(status=503)] * 3,  # also hits the history reads, which are retried
    )
    outbox = Outbox(store, {"slack": slack(slack_server, max_retries=2)}, FAST)
    drain(outbox)
    assert posts_per_alert(slack_server) == Counter({a.id: 1 for a in alerts})
    assert all(delivery(store, a.id).status == "sent" for a in alerts)
    assert not slack_server.faults, "every planned fault was met"


def test_history_unreadable_means_no_resend_until_it_is(sqlite: SqliteStore, slack_server: SlackServer) -> None:
    a = make_alert(1)
    sqlite.add_alert(a, [SLACK])
    slack_server.plan(Fault(accept_then_fail=True, method=POST))
    outbox = Outbox(sqlite, {"slack": slack(slack_server)}, FAST)
    outbox.run()
    # Slack's read methods fail for a while: the delivery stays in doubt and nothing is posted again.
    slack_server.plan(*[Fault(error="fatal_error", method="conversations.list")] * 3)
    for _ in range(3):
        time.sleep(0.06)
        outbox.run()
    d = delivery(sqlite, a.id)
    assert d.status == "pending" and d.in_doubt_since is not None
    assert d.last_error is not None and d.last_error.startswith("unconfirmed: slack: fatal_error")
    assert len(slack_server.posted()) == 1
    time.sleep(0.06)
    drain(outbox)
    assert delivery(sqlite, a.id).status == "sent"
    assert posts_per_alert(slack_server) == Counter({a.id: 1})


def test_start_up_reconciliation_marks_a_landed_post_sent(store: Store, slack_server: SlackServer) -> None:
    """The process died after Slack took the post and before the store heard of it."""
    landed, fresh = make_alert(1), make_alert(2)
    for a in (landed, fresh):
        store.add_alert(a, [SLACK])
    notifier = slack(slack_server)
    store.begin_attempt(landed.id, SLACK, time.time())
    assert notifier.send(landed, SLACK).ok  # … and then the process was killed

    outbox = Outbox(store, {"slack": notifier}, FAST)
    assert outbox.reconcile_pending() == 1
    assert delivery(store, landed.id).status == "sent"
    assert delivery(store, landed.id).ref == slack_server.posted()[0].ts
    assert delivery(store, fresh.id).status == "pending", "never attempted: nothing to look up"
    drain(outbox)
    assert posts_per_alert(slack_server) == Counter({landed.id: 1, fresh.id: 1})


def test_invalid_auth_is_a_dead_letter_with_its_reason(sqlite: SqliteStore, slack_server: SlackServer) -> None:
    a = make_alert(1)
    sqlite.add_alert(a, [SLACK])
    stats = Outbox(sqlite, {"slack": slack(slack_server, token="xoxb-wrong-SECRET")}, FAST).run()
    assert stats.failed == 1
    d = delivery(sqlite, a.id)
    assert (d.status, d.last_error) == ("failed", "slack: invalid_auth")
    assert [x.alert_id for x in sqlite.deliveries_in("failed")] == [a.id]
    assert sqlite.requeue_failed(a.id, time.time()) == 1
    drain(Outbox(sqlite, {"slack": slack(slack_server)}, FAST))
    assert delivery(sqlite, a.id).status == "sent"


# --- one event, one card ---------------------------------------------------------------------------------------

OUTLETS = [
    ("fierce", {"licensor": "RAPT Therapeutics", "licensee": "GSK", "asset": "RPT904", "upfront": 3.5e7}),
    ("endpoints", {"licensor": "RAPT Therapeutics, Inc.", "licensee": "GSK plc", "asset": "RPT-904", "total": 1.2e9}),
    ("reuters", {"licensor": "Rapt", "licensee": "GlaxoSmithKline", "asset": "rpt904"}),  # a name we cannot tie
]


def recorder_for(outbox: Outbox, **settings: Any) -> AlertRecorder:
    """Record time for the outbox's store and notifiers (prepared alerts are recorded, then sent)."""
    return AlertRecorder(outbox.store, outbox.notifiers, RecordSettings(**settings))


def record(outbox: Outbox | AlertRecorder, alert: Alert) -> Alert:
    recorder = outbox if isinstance(outbox, AlertRecorder) else recorder_for(outbox)
    prepared, targets = recorder.prepare(alert, alert.created_at)
    assert recorder.store.add_alert(prepared, targets)
    return prepared


def test_same_deal_from_three_outlets_posts_once_with_two_thread_replies(
    store: Store, slack_server: SlackServer
) -> None:
    outbox = Outbox(store, {"slack": slack(slack_server)}, FAST)
    same = [dict(OUTLETS[0][1]), dict(OUTLETS[1][1]), {**OUTLETS[1][1], "licensee": "GSK"}]
    recorded = [
        record(outbox, make_alert(n, source=src, currency="USD", deal_type="license", **fields))
        for n, (src, fields) in enumerate(zip(["fierce", "endpoints", "reuters"], same, strict=True))
    ]
    first, *later = recorded
    assert first.thread_of is None and first.event_key == "bd_deal|gsk|rapt"
    assert [a.thread_of for a in later] == [first.id, first.id]

    drain(outbox)
    posted = slack_server.posted()
    top = [m for m in posted if not m.thread_ts]
    replies = [m for m in posted if m.thread_ts]
    assert len(top) == 1 and len(replies) == 2
    assert top[0].metadata and top[0].metadata["event_payload"]["alert_id"] == first.id
    assert {m.thread_ts for m in replies} == {top[0].ts}
    assert [m.text for m in replies] == [
        "also reported by endpoints: Deal number 1",
        "also reported by reuters: Deal number 2",
    ]
    assert "Adds Total: $1.2bn" in replies[0].blocks[0]["text"]["text"]
    assert all(block_problems(m.blocks) == [] for m in posted)
    for a in recorded:
        assert delivery(store, a.id).status == "sent"


def test_reply_waits_for_its_thread_and_is_reconciled_in_the_thread(
    sqlite: SqliteStore, slack_server: SlackServer
) -> None:
    notifier = slack(slack_server)
    outbox = Outbox(sqlite, {"slack": notifier}, FAST)
    first = record(outbox, make_alert(1, source="fierce", **OUTLETS[0][1]))
    reply = record(outbox, make_alert(2, source="endpoints", **OUTLETS[1][1]))
    assert reply.thread_of == first.id
    # Slack refuses the first card for now: the reply waits rather than posting a card of its own.
    slack_server.plan(Fault(status=429, retry_after=0, method=POST))
    outbox.run()
    assert slack_server.posted() == []
    assert delivery(sqlite, reply.id).last_error == "waiting for its thread's first post"
    time.sleep(0.06)
    # The first card goes out; the reply is posted in its thread and the process dies before recording it.
    sqlite.mark_retry(reply.id, SLACK, "pushed back", time.time() + 3600, time.time())
    outbox.run()
    top = delivery(sqlite, first.id)
    assert top.status == "sent"
    sqlite.begin_attempt(reply.id, SLACK, time.time())
    assert notifier.send_reply(reply, SLACK, Thread(top.ref or "", first)).ok
    # Start-up: found in the thread (conversations.replies), marked sent, never posted again.
    assert Outbox(sqlite, {"slack": slack(slack_server)}, FAST).reconcile_pending() == 1
    assert "conversations.replies" in [m for m, _ in slack_server.calls]
    assert posts_per_alert(slack_server) == Counter({first.id: 1, reply.id: 1})
    [in_thread] = [m for m in slack_server.posted() if m.thread_ts]
    assert in_thread.thread_ts == top.ref
    assert (delivery(sqlite, reply.id).status, delivery(sqlite, reply.id).ref) == ("sent", in_thread.ts)


def test_different_deals_and_old_events_are_not_threaded(sqlite: SqliteStore, slack_server: SlackServer) -> None:
    outbox = Outbox(sqlite, {"slack": slack(slack_server)})
    recorder = recorder_for(outbox, dedupe_window=3600)
    a = record(recorder, make_alert(1, **OUTLETS[0][1]))
    b = record(recorder, make_alert(2, **{**OUTLETS[0][1], "asset": "RPT193"}))
    old = make_alert(3, source="late", **OUTLETS[0][1])
    c = record(recorder, old)
    assert b.thread_of is None
    assert c.thread_of == a.id
    later = make_alert(4, source="much-later", **OUTLETS[0][1])
    prepared, _ = recorder.prepare(later, a.created_at + 7200)  # outside the one-hour window: a new card
    assert prepared.thread_of is None


@pytest.mark.system
def test_near_duplicate_keyword_articles_from_three_feeds_post_once_end_to_end(
    tmp_path: Path, feed_server: FeedServer, slack_server: SlackServer
) -> None:
    story = (
        "Shanghai-based Matrix Super Intelligence unveiled MATRIX-3, its third-generation humanoid robot, "
        "with dexterous hands of 27 degrees of freedom, tactile skin and a price it says undercuts rivals."
    )
    feeds = {
        "a": {"guid": "a1", "title": "Matrix unveils MATRIX-3 humanoid robot", "description": story},
        "b": {"guid": "b1", "title": "MATRIX-3 humanoid robot unveiled by Matrix", "description": "UPDATE " + story},
        "c": {"guid": "c1", "title": "Matrix shows MATRIX-3 humanoid robot", "description": story + " Shares rose 4%."},
    }
    other = {"guid": "a2", "title": "Humanoid robot makers face chip shortage", "description": "Unrelated supply news."}
    for name, entry in feeds.items():
        items = [entry, other] if name == "a" else [entry]
        feed_server.put(f"/{name}.xml", rss([{**i, "link": f"http://news.test/{name}/{i['guid']}"} for i in items]))
    (tmp_path / "rules.yaml").write_text("rules:\n  - id: robots\n    any: [humanoid robot]\n    severity: medium\n")
    sources = "".join(
        f"  - id: outlet-{n}\n    url: {feed_server.url(f'/{n}.xml')}\n    on_first_fetch: alert\n" for n in feeds
    )
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text(
        f"store: sqlite:///{tmp_path}/w.db\nrules: [rules.yaml]\nsources:\n{sources}"
        "notify:\n  console: false\n  slack:\n    token: ${SLACK_BOT_TOKEN}\n    base_url: ${SLACK_API_URL}\n"
        "fetch:\n  allow_private_addresses: true\n"
    )
    env = {"SLACK_BOT_TOKEN": slack_server.token, "SLACK_API_URL": slack_server.base_url}
    r = run_cli("once", "--config", str(cfg), cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr
    top = [m for m in slack_server.posted() if not m.thread_ts]
    replies = [m for m in slack_server.posted() if m.thread_ts]
    titles = sorted(m.blocks[0]["text"]["text"] for m in top)
    assert len(top) == 2, titles  # the story once, and the unrelated article
    assert len(replies) == 2, run_cli("alerts", "--config", str(cfg), cwd=tmp_path).stdout + r.stderr
    assert all(m.text.startswith("also reported by outlet-") for m in replies)
    [story_card] = [m for m in top if "MATRIX-3" in m.blocks[0]["text"]["text"]]
    assert {m.thread_ts for m in replies} == {story_card.ts}

    listing = run_cli("alerts", "--config", str(cfg), cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert listing.stdout.count("↳ ") == 2 and listing.stdout.count(" sent") == 4


# --- incoming webhooks --------------------------------------------------------------------------------------


def test_webhook_delivers_cards_skips_replies_and_never_logs_its_url(
    sqlite: SqliteStore, slack_server: SlackServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    hook = WebhookNotifier(slack_server.webhook_url, timeout=2, max_retries=1)
    notifiers: dict[str, Notifier] = {"webhook": hook}
    outbox = Outbox(sqlite, notifiers, FAST)
    first = record(outbox, make_alert(1, source="fierce", **OUTLETS[0][1]))
    prepared, targets = recorder_for(outbox).prepare(make_alert(2, source="endpoints", **OUTLETS[1][1]), time.time())
    assert prepared.thread_of == first.id and targets == [], "a webhook cannot reply in a thread"

    slack_server.plan(Fault(status=429, retry_after=0, method="webhook"), Fault(status=500, method="webhook"))
    drain(outbox)
    [msg] = slack_server.posted()
    assert msg.channel == slack_server.webhook_channel and block_problems(msg.blocks) == []
    assert {"*Licensor*\nRAPT Therapeutics", "*Licensee*\nGSK"} <= {f["text"] for f in msg.blocks[1]["fields"]}
    assert delivery(sqlite, first.id, "webhook").status == "sent"
    secret = slack_server.webhook_path.rsplit("/", 1)[-1]
    assert any(r.name.startswith("wirewatch.webhook") for r in caplog.records), "the sdk's own log lines were seen"
    assert secret not in caplog.text
    for d in sqlite.deliveries(first.id):
        assert secret not in (d.last_error or "")


def test_webhook_unknown_url_is_a_dead_letter_without_the_url(sqlite: SqliteStore, slack_server: SlackServer) -> None:
    bad = slack_server.webhook_url + "x"
    a = make_alert(1)
    sqlite.add_alert(a, ["webhook"])
    stats = Outbox(sqlite, {"webhook": WebhookNotifier(bad, max_retries=0)}, FAST).run()
    assert stats.failed == 1
    d = delivery(sqlite, a.id, "webhook")
    assert d.last_error == "webhook: HTTP 404 no_service"
    assert slack_server.webhook_path.rsplit("/", 1)[-1] not in d.last_error
