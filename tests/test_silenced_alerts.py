"""Record-time silences (issue 12): an alert an active silence matches is recorded, never dropped — its
deliveries wait as `silenced` with the reason — and is posted once if, and only if, the silence is expired
early. Two store handles on one SQLite file and on one redis-server stand for two replicas."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.alert import Alert, alert_id
from domain.item import Item
from domain.judgements import Silence
from notifier.base import Notifier
from notifier.console import ConsoleNotifier
from notifier.silences import build_silence, held_by, held_reason, parse_matchers
from store.base import Store
from store.redis_store import RedisStore
from store.sqlite_store import SqliteStore
from tests.servers.slack import SlackServer
from wirewatch.delivery import Outbox
from wirewatch.readers.base import AlertIntent
from wirewatch.recorder import AlertRecorder
from wirewatch.silence_release import release

T0 = 1_700_000_000.0
DAY = 86400.0
SLACK = "slack:#market-signals"


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("redis", id="redis", marks=pytest.mark.redis),
    ]
)
def replicas(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    if request.param == "sqlite":
        a: Store = SqliteStore(tmp_path / "wirewatch.db")
        b: Store = SqliteStore(tmp_path / "wirewatch.db")
    else:
        url: str = request.getfixturevalue("redis_url")
        prefix: str = request.getfixturevalue("redis_prefix")
        a, b = RedisStore(url, prefix=prefix), RedisStore(url, prefix=prefix)
    yield a, b
    a.close()
    b.close()


def deal(n: int, licensee: str = "AstraZeneca PLC", licensor: str = "CSPC", at: float = T0) -> Alert:
    title = f"{licensor} licenses asset {n} to {licensee}"
    item = Item(id=f"d{n}", source="fierce", title=title, link=f"http://t/{n}")
    fields = {"licensor": licensor, "licensee": licensee, "asset": f"A-{n}"}
    return Alert(alert_id("fierce", item.id, "bd_deal"), "bd", item, event="bd_deal", fields=fields, created_at=at)


def mute(matchers: str, *, now: float = T0, days: float = 7, sid: str | None = None) -> Silence:
    return build_silence(
        parse_matchers(matchers.split()),
        author="ana",
        comment="not our desk",
        now=now,
        duration=days * DAY,
        silence_id=sid,
    )


def console() -> dict[str, Notifier]:
    return {"console": ConsoleNotifier()}


def statuses(store: Store, alert: Alert) -> list[tuple[str, str | None]]:
    return [(d.status, d.last_error) for d in store.deliveries(alert.id)]


# --- the store's part ----------------------------------------------------------------------------------------


def test_a_silenced_alert_is_recorded_with_its_reason_and_is_never_due(replicas: tuple[Store, Store]) -> None:
    a, b = replicas
    s = mute("licensee=AstraZeneca")
    alert = deal(1)
    assert a.add_alert(alert, ["console", SLACK], silenced=held_reason(s))
    assert not a.add_alert(alert, ["console"], silenced=held_reason(s))  # re-recording is a no-op, as always
    reason = f"silenced by {s.id} until 2023-11-21 22:13:20Z"
    assert statuses(b, alert) == [("silenced", reason), ("silenced", reason)]
    assert held_by(reason) == s.id
    assert b.due_deliveries(T0 + 10 * DAY) == []
    assert {(d.alert_id, d.target) for d in b.deliveries_in("silenced")} == {(alert.id, "console"), (alert.id, SLACK)}
    assert b.deliveries_in("held") == [] and b.deliveries_in("pending") == []
    assert b.get_alert(alert.id) == alert


def test_release_moves_a_silenced_delivery_to_pending_once_whichever_replica_asks(
    replicas: tuple[Store, Store],
) -> None:
    a, b = replicas
    alert = deal(1)
    a.add_alert(alert, ["console"], silenced="silenced by x until then")
    assert b.reassign_silenced(alert.id, "console", "silenced by y until later", T0 + 1)
    assert statuses(a, alert) == [("silenced", "silenced by y until later")]
    assert a.release_silenced(alert.id, "console", T0 + 2)
    assert not b.release_silenced(alert.id, "console", T0 + 3)  # the other replica: already released
    assert not b.reassign_silenced(alert.id, "console", "silenced by z", T0 + 3)
    (d,) = b.due_deliveries(T0 + 2)
    assert (d.status, d.next_attempt, d.last_error, d.attempts) == ("pending", T0 + 2, None, 0)
    assert b.deliveries_in("silenced") == []
    plain = deal(2)
    a.add_alert(plain, ["console"])
    assert not a.release_silenced(plain.id, "console", T0) and not a.release_silenced("nope", "console", T0)


# --- the recorder's part --------------------------------------------------------------------------------------


def test_a_silence_made_on_one_replica_is_obeyed_by_the_next_alert_on_another(replicas: tuple[Store, Store]) -> None:
    a, b = replicas
    recorder_a, recorder_b = AlertRecorder(a, console()), AlertRecorder(b, console())
    first = deal(1)
    assert recorder_b.record([AlertIntent(first)], T0) == 1  # primes whatever replica B knows of silences
    assert statuses(b, first) == [("pending", None)]
    s = mute("licensee=astrazeneca", now=T0 + 1)  # equality as event keys compare: "AstraZeneca PLC" matches
    assert a.add_silence(s)
    second, other = deal(2, at=T0 + 2), deal(3, licensee="Pfizer", at=T0 + 2)
    assert recorder_b.record([AlertIntent(second), AlertIntent(other)], T0 + 2) == 2  # recorded, never dropped
    assert statuses(a, second) == [("silenced", held_reason(s))]
    assert statuses(a, other) == [("pending", None)]
    third = deal(4, licensor="AstraZeneca", licensee="Merck", at=T0 + 3)  # only licensee= was muted
    recorder_a.record([AlertIntent(third)], T0 + 3)
    assert statuses(b, third) == [("pending", None)]
    assert a.expire_silence(s.id, "bo", T0 + 4)
    fourth = deal(5, at=T0 + 5)
    recorder_a.record([AlertIntent(fourth)], T0 + 5)  # expired: the next alert posts again
    assert statuses(b, fourth) == [("pending", None)]


def test_a_silence_yet_to_start_or_already_over_mutes_nothing(replicas: tuple[Store, Store]) -> None:
    a, b = replicas
    later = build_silence(
        parse_matchers(["licensee=AstraZeneca"]), author="a", comment="c", now=T0, starts_at=T0 + DAY, duration=DAY
    )
    a.add_silence(later)
    recorder = AlertRecorder(b, console())
    early, during, after = deal(1, at=T0), deal(2, at=T0 + DAY + 1), deal(3, at=T0 + 3 * DAY)
    recorder.record([AlertIntent(early)], T0)
    recorder.record([AlertIntent(during)], T0 + DAY + 1)
    recorder.record([AlertIntent(after)], T0 + 3 * DAY)
    assert [statuses(a, x)[0][0] for x in (early, during, after)] == ["pending", "silenced", "pending"]


# --- release -----------------------------------------------------------------------------------------------------


def test_expiring_early_releases_once_and_ending_on_its_own_releases_nothing(replicas: tuple[Store, Store]) -> None:
    a, b = replicas
    short = mute("licensee=AstraZeneca", days=1, sid="short0000000000a")
    other = mute("licensee=Pfizer", days=1, sid="other0000000000b")
    a.add_silence(short)
    a.add_silence(other)
    recorder = AlertRecorder(a, console())
    az, pf = deal(1, at=T0 + 10), deal(2, licensee="Pfizer", at=T0 + 10)
    recorder.record([AlertIntent(az), AlertIntent(pf)], T0 + 10)
    assert release(b, T0 + 20) == release(b, T0 + 20, short.id)  # nothing expired early: nothing released
    assert not release(b, T0 + 20)
    assert b.expire_silence(short.id, "bo", T0 + 30)
    done = release(a, T0 + 31, short.id)
    assert done.released == [(az.id, "console")] and done.kept == []
    assert not release(b, T0 + 32, short.id) and not release(b, T0 + 32)  # once, whoever runs it again
    assert statuses(a, az) == [("pending", None)]
    # `other` runs out on its own: what it held stays silenced, for good
    assert not release(a, T0 + 2 * DAY)
    assert statuses(b, pf) == [("silenced", held_reason(other))]


def test_an_alert_another_silence_still_holds_stays_silenced_under_that_one(replicas: tuple[Store, Store]) -> None:
    a, b = replicas
    by_company = mute("licensee=AstraZeneca", days=30, sid="company00000000a")
    by_rule = mute("rule=bd", days=1, sid="rule00000000000b")
    a.add_silence(by_company)
    a.add_silence(by_rule)
    alert = deal(1, at=T0 + 10)
    AlertRecorder(a, console()).record([AlertIntent(alert)], T0 + 10)
    assert statuses(b, alert) == [("silenced", held_reason(by_company))]  # the one lasting longest is named
    b.expire_silence(by_company.id, "bo", T0 + 20)
    done = release(b, T0 + 21, by_company.id)
    assert done.released == [] and done.kept == [(alert.id, by_rule.id)]
    assert statuses(a, alert) == [("silenced", held_reason(by_rule))]
    assert not release(a, T0 + 2 * DAY)  # the rule's silence ran out on its own: still quiet
    assert statuses(a, alert)[0][0] == "silenced"


def test_a_released_alert_is_posted_once_and_a_silenced_one_never(
    replicas: tuple[Store, Store], slack_server: SlackServer
) -> None:
    from notifier.slack import SlackNotifier

    a, b = replicas
    slack = SlackNotifier(slack_server.token, "#market-signals", slack_server.base_url)
    notifiers: dict[str, Notifier] = {"slack": slack}
    now = time.time()
    s = mute("licensee=AstraZeneca", now=now)
    a.add_silence(s)
    held, free = deal(1, at=now), deal(2, licensee="Pfizer", at=now)
    AlertRecorder(b, notifiers).record([AlertIntent(held), AlertIntent(free)], now)
    outbox_a, outbox_b = Outbox(a, notifiers, clock=time.time), Outbox(b, notifiers, clock=time.time)
    outbox_a.run()
    outbox_b.run()
    posted = [(m.metadata or {}).get("event_payload", {}).get("alert_id") for m in slack_server.posted()]
    assert posted == [free.id]
    a.expire_silence(s.id, "bo", time.time())
    release(a, time.time(), s.id)
    release(b, time.time(), s.id)
    outbox_b.run()
    outbox_a.run()
    posted = [(m.metadata or {}).get("event_payload", {}).get("alert_id") for m in slack_server.posted()]
    assert posted == [free.id, held.id]
    assert [d.status for d in a.deliveries(held.id)] == ["sent"]


def test_the_reason_names_the_silence() -> None:
    s = dataclasses.replace(mute("event=bd_deal party=CSPC"), id="abc123")
    assert held_reason(s).startswith("silenced by abc123 until ")
    assert held_by(held_reason(s)) == "abc123"
    assert held_by("over budget") is None and held_by(None) is None
