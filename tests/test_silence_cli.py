"""`wirewatch silence add | list | expire` and silenced alerts in `wirewatch alerts`, through the real CLI on a
real store: a silenced alert is recorded and listed with its silence id, never posted; expiring the silence
early posts it once; bad input is one clear line, exit 2 (a usage error), and nothing changes."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from notifier.silences import build_silence, parse_matchers, when
from store.sqlite_store import SqliteStore
from tests.conftest import ROOT
from tests.logging_state import kept
from wirewatch.cli import main

FEED = ROOT / "samples" / "feeds" / "biotech-news.xml"


@pytest.fixture(autouse=True)
def _logging_as_before() -> Iterator[None]:
    with kept():
        yield


@pytest.fixture
def config(tmp_path: Path) -> Path:
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text(
        f"store: sqlite:///{tmp_path}/w.db\n"
        f"sources:\n  - id: sample-biotech\n    url: file://{FEED}\n    on_first_fetch: alert\n"
        "notify:\n  console: true\n",
        encoding="utf-8",
    )
    return cfg


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def store_state(tmp_path: Path) -> tuple[object, ...]:
    store = SqliteStore(tmp_path / "w.db")
    try:
        return tuple(store.silences()), tuple(store.recent_alerts(100))
    finally:
        store.close()


def test_a_silenced_alert_waits_is_listed_and_is_posted_once_when_expired_early(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c = str(config)
    code, out, err = run(capsys, "silence", "add", "-c", c, "--match", "licensee=GSK", "--for", "7d", "--comment", "no")
    assert code == 0
    silence_id = out.strip()
    assert len(silence_id) == 16 and 'silenced licensee="GSK" until ' in err
    code, out, _ = run(capsys, "once", "-c", c)
    assert code == 0
    assert "Biogen licenses" in out and "Moderna" in out and "GSK to acquire" not in out  # recorded, not posted
    code, out, _ = run(capsys, "alerts", "-c", c)
    (line,) = [x for x in out.splitlines() if "GSK to acquire" in x]
    assert f"silenced by {silence_id} until " in line
    code, out, _ = run(capsys, "alerts", "-c", c, "--csv")
    (row,) = [x for x in out.splitlines() if "GSK to acquire" in x]
    assert f",silenced,0,,silenced by {silence_id} until " in row
    code, out, _ = run(capsys, "silence", "list", "-c", c)
    assert silence_id in out and "active" in out and 'licensee="GSK" — no' in out
    code, out, _ = run(capsys, "silence", "expire", "-c", c, silence_id[:6], "--author", "bo")
    assert code == 0 and out.startswith(f"silence {silence_id} expired; 1 alert it held released")
    code, out, _ = run(capsys, "once", "-c", c)
    cards = [line for line in out.splitlines() if line.startswith("┌─")]  # one console card per post
    assert [c for c in cards if "GSK to acquire" in c] == cards and len(cards) == 1 and "Biogen" not in out
    code, out, _ = run(capsys, "once", "-c", c)
    assert "GSK" not in out
    code, out, _ = run(capsys, "silence", "expire", "-c", c, silence_id)  # a redo releases nothing more
    assert code == 0 and "was already expired" in out and "0 alerts it held released" in out
    code, out, _ = run(capsys, "silence", "list", "-c", c, "--expired", "--json")
    (listed,) = [json.loads(x) for x in out.splitlines()]
    assert (listed["id"], listed["state"], listed["expired_by"]) == (silence_id, "expired", "bo")
    assert listed["matchers"] == [{"name": "licensee", "op": "=", "value": "GSK"}]
    code, out, _ = run(capsys, "silence", "list", "-c", c)
    assert out.strip() == "no active silences"


def test_list_shows_active_pending_expired_and_all(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    c = str(config)
    add = ("silence", "add", "-c", c, "--comment", "x", "--author", "ana")
    _, now_id, _ = run(capsys, *add, "--match", "event=bd_deal", "--match", 'party~"RAPT.*"', "--for", "1d")
    _, later_id, _ = run(capsys, *add, "-m", "rule=bd-mega-deal", "--start", "2099-01-01", "--end", "2099-01-02T12:00Z")
    _, gone_id, _ = run(capsys, *add, "-m", "{source=x, severity=low}", "--for", "1h")
    run(capsys, "silence", "expire", "-c", c, gone_id.strip())
    _, out, _ = run(capsys, "silence", "list", "-c", c, "--json")
    states = {json.loads(x)["id"]: json.loads(x)["state"] for x in out.splitlines()}
    assert states == {now_id.strip(): "active", later_id.strip(): "pending"}
    _, out, _ = run(capsys, "silence", "list", "-c", c, "--all", "--json")
    assert len(out.splitlines()) == 3
    _, out, _ = run(capsys, "silence", "list", "-c", c, "--expired")
    assert gone_id.strip() in out and now_id.strip() not in out and "expired by" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--match", "licencee=Pfizer", "--for", "7d"], "no alert has a label 'licencee'; did you mean 'licensee'?"),
        (["--match", 'broker=~"Goldman(.*"', "--for", "7d"], "invalid regex 'Goldman(.*': missing )"),
        (["--match", "broker~.*", "--for", "7d"], "at least one = or =~ matcher that does not match an empty value"),
        (["--match", "broker!=Goldman", "--for", "7d"], "at least one = or =~ matcher"),
        (["--match", "broker", "--for", "7d"], "expected an operator after 'broker'"),
        (["--match", "broker=", "--for", "7d"], "empty value"),
        (["--match", "broker=UBS", "--for", "7"], "duration '7' has no unit: write 7m, 7h or 7d"),
        (["--match", "broker=UBS", "--for", "soon"], "bad duration 'soon'"),
        (["--match", "broker=UBS", "--for", "400d"], "longer than a year"),
        (["--match", "broker=UBS"], "either a duration (like 7d) or an end time"),
        (["--match", "broker=UBS", "--for", "1d", "--end", "2099-01-01"], "not both or neither"),
        (
            ["--match", "broker=UBS", "--start", "2099-01-02", "--end", "2099-01-01"],
            "the silence ends (2099-01-01 00:00:00Z) before it starts (2099-01-02 00:00:00Z)",
        ),
        (["--match", "broker=UBS", "--end", "2001-01-01"], "the silence ends (2001-01-01 00:00:00Z) before it starts"),
        (["--match", "broker=UBS", "--end", "next tuesday"], "bad time 'next tuesday'"),
        (["--match", "broker=UBS", "--for", "1d", "--comment", " "], "needs a comment"),
        (["--match", "broker=UBS", "--for", "1d", "--author", ""], "needs an author"),
    ],
)
def test_bad_silences_are_one_clear_line_and_change_nothing(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    before = store_state(tmp_path)
    args = ["silence", "add", "-c", str(config), *argv]
    if "--comment" not in argv:
        args += ["--comment", "why"]
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    (line,) = err.strip().splitlines()
    assert line.startswith("wirewatch silence: ") and message in line
    assert store_state(tmp_path) == before


def test_expire_needs_a_known_unique_id_and_a_silence_that_is_still_on(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c = str(config)
    ids = set()
    for n in range(40):  # enough for two ids to share a first hex digit
        _, out, _ = run(capsys, "silence", "add", "-c", c, "-m", f"ticker=T{n}", "--for", "1d", "--comment", "x")
        ids.add(out.strip())
    shared = next(p for p in "0123456789abcdef" if sum(i.startswith(p) for i in ids) > 1)
    before = store_state(tmp_path)
    for arg, message in [
        ("nope", "no silence has an id starting with 'nope'"),
        (shared, f"{shared!r} is the start of"),
        (" ", "give a silence id"),
    ]:
        code, out, err = run(capsys, "silence", "expire", "-c", c, arg)
        assert code == 2 and out == "" and message in err and len(err.strip().splitlines()) == 1
    assert store_state(tmp_path) == before


def test_a_silence_that_ran_out_cannot_be_expired_and_releases_nothing(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    past = time.time() - 10 * 86400
    old = build_silence(
        parse_matchers(["licensee=GSK"]),
        author="ana",
        comment="x",
        now=past,
        duration=86400,
        silence_id="0ld0000000000000",
    )
    store = SqliteStore(tmp_path / "w.db")
    store.add_silence(old)
    store.close()
    before = store_state(tmp_path)
    code, out, err = run(capsys, "silence", "expire", "-c", str(config), "0ld")
    assert code == 1 and out == ""
    assert err.strip() == (
        "wirewatch silence: silence 0ld0000000000000 already ended at "
        f"{when(old.ends_at)}; the alerts it held stay silenced (a silence that runs out releases nothing)"
    )
    assert store_state(tmp_path) == before
