"""Record time (wirewatch/recorder.py): the same story from polls running side by side is one card and its
replies. Claiming an event's key and recording the alert that claimed it happen as one step, so a concurrent
poll never finds a claim whose alert it cannot read yet (the race behind the three-top-level-posts flake)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from domain.alert import Alert, alert_id
from domain.item import Item
from notifier.console import ConsoleNotifier
from store.sqlite_store import SqliteStore
from wirewatch.readers.base import AlertIntent
from wirewatch.recorder import AlertRecorder, RecordSettings

STORY = (
    "Shanghai-based Matrix Super Intelligence unveiled MATRIX-3, its third-generation humanoid robot, "
    "with dexterous hands of 27 degrees of freedom, tactile skin and a price it says undercuts rivals."
)


class SlowRecords(SqliteStore):
    """A real store that is slow to record an alert, as on a busy machine where the thread that claimed an
    event's key is descheduled before it writes the alert: whatever runs in another thread meanwhile sees the
    claim but not yet the alert."""

    def add_alert(self, alert: Alert, targets: Sequence[str]) -> bool:
        time.sleep(0.2)
        return super().add_alert(alert, targets)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    s = SlowRecords(tmp_path / "w.db")
    yield s
    s.close()


def keyword_alert(outlet: str, title: str, summary: str) -> Alert:
    item = Item(id=f"{outlet}-1", source=outlet, title=title, summary=summary, link=f"http://news.test/{outlet}/1")
    return Alert(alert_id(outlet, item.id, "rule:robots"), "robots", item, created_at=time.time())


STORIES = [
    keyword_alert("a", "Matrix unveils MATRIX-3 humanoid robot", STORY),
    keyword_alert("b", "MATRIX-3 humanoid robot unveiled by Matrix", "UPDATE " + STORY),
    keyword_alert("c", "Matrix shows MATRIX-3 humanoid robot", STORY + " Shares rose 4%."),
]


def deal(outlet: str, licensor: str) -> Alert:
    item = Item(id=f"{outlet}-9", source=outlet, title=f"{licensor} licenses RPT904 to GSK", link=f"http://t/{outlet}")
    fields = {"licensor": licensor, "licensee": "GSK", "asset": "RPT904"}
    return Alert(
        alert_id(outlet, item.id, "bd_deal"), "bd", item, event="bd_deal", fields=fields, created_at=time.time()
    )


DEALS = [deal("fierce", "RAPT Therapeutics"), deal("endpoints", "RAPT Therapeutics, Inc.")]


def record_side_by_side(recorders: list[AlertRecorder], alerts: list[Alert]) -> None:
    start = threading.Barrier(len(alerts))

    def go(recorder: AlertRecorder, alert: Alert) -> None:
        start.wait()
        recorder.record([AlertIntent(alert)], alert.created_at)

    threads = [threading.Thread(target=go, args=pair) for pair in zip(recorders, alerts, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def first_reports(store: SqliteStore) -> list[Alert]:
    return [a for a in store.recent_alerts(10) if a.thread_of is None]


def test_near_duplicates_recorded_side_by_side_make_one_card_and_two_replies(store: SqliteStore) -> None:
    recorder = AlertRecorder(store, {"console": ConsoleNotifier()})  # one process: polls share its recorder
    record_side_by_side([recorder] * 3, STORIES)
    [first] = first_reports(store)
    replies = [a for a in store.recent_alerts(10) if a.thread_of]
    assert len(replies) == 2 and {a.thread_of for a in replies} == {first.id}


def test_an_event_key_another_replica_has_not_recorded_yet_is_waited_for(store: SqliteStore) -> None:
    """Two replicas (two recorders, no shared lock) record the same deal: the second finds the first's claim
    before its record, and waits for the record rather than posting the deal a second time."""
    replicas = [AlertRecorder(store, {"console": ConsoleNotifier()}) for _ in range(2)]
    record_side_by_side(replicas, DEALS)
    [first] = first_reports(store)
    assert first.event_key == "bd_deal|gsk|rapt" and len(store.recent_alerts(10)) == 2


def test_an_owner_that_never_records_is_given_up_on(tmp_path: Path) -> None:
    """A replica that died between its claim and its record: its poll is redone later; this alert stands alone."""
    with SqliteStore(tmp_path / "w.db") as store:
        first, later = DEALS
        recorder = AlertRecorder(store, {"console": ConsoleNotifier()}, RecordSettings(owner_wait=0.2))
        prepared, _ = recorder.prepare(first, first.created_at)  # claimed, never recorded
        assert recorder.record([AlertIntent(later)], first.created_at) == 1
        [alone] = store.recent_alerts(10)
        assert alone.thread_of is None and prepared.id != alone.id
