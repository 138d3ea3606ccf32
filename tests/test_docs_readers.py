"""Every `silence`, `feedback` and `replay --judged` command line the README and the operator's guide show is
run here, in the order shown, against a store where they mean something: the sample feed recorded (as the
daemon would, between the lines), a reader's mute and verdicts given through the handler."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest

from notifier.interactive.access import AccessPolicy, AccessRules
from store.sqlite_store import SqliteStore
from tests.conftest import ROOT
from tests.interactive_payloads import TEAM, block_actions
from tests.logging_state import kept
from wirewatch.cli import main
from wirewatch.interactive.handler import ActionHandler

FEED = ROOT / "samples" / "feeds" / "biotech-news.xml"
DOCS = [ROOT / "README.md", ROOT / "docs" / "operators-guide.md"]
VERBS = ("silence", "feedback")


@pytest.fixture(autouse=True)
def _logging_as_before() -> Iterator[None]:
    with kept():
        yield


def command_lines(doc: Path) -> list[list[str]]:
    """Lines in ```sh blocks that run `wirewatch silence|feedback …` or `wirewatch replay --judged …`, and every
    other `wirewatch` line of a block that begins with one (e.g. `wirewatch alerts` in the walk-through)."""
    out = []
    for block in re.findall(r"```sh\n(.*?)```", doc.read_text(encoding="utf-8"), flags=re.S):
        lines = [shlex.split(line, comments=True) for line in block.splitlines()]
        commands = [words[1:] for words in lines if words and Path(words[0]).name == "wirewatch"]
        ours = [a for a in commands if a[0] in VERBS or a[:2] == ["replay", "--judged"]]
        if ours and commands[0] == ours[0]:  # a block about silences or feedback: all of it
            out.extend(commands)
        else:
            out.extend(ours)
    return out


def test_the_docs_show_these_commands() -> None:
    shown = {doc.name: [" ".join(a[:2]) for a in command_lines(doc)] for doc in DOCS}
    for verbs in shown.values():
        assert {"silence add", "silence list", "silence expire", "feedback export", "feedback stats"} <= set(verbs)
        assert "replay --judged" in verbs


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_every_shown_command_runs(
    doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text(
        f"store: sqlite:///{tmp_path}/w.db\n"
        f"sources:\n  - id: sample-biotech\n    url: file://{FEED}\n    on_first_fetch: alert\n"
        "notify:\n  console: true\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("WIREWATCH_CONFIG", str(cfg))
    monkeypatch.chdir(tmp_path)
    silence_id: str | None = None
    recorded = judged = False
    outputs: dict[str, str] = {}
    for argv in command_lines(doc):
        if recorded and not judged and argv[0] != "silence":  # readers press buttons meanwhile
            give_feedback(tmp_path / "w.db")
            judged = True
        argv = [silence_id if a == "ID" and silence_id else a for a in argv]
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == 0, f"{' '.join(argv)}: {err}"
        outputs[" ".join(argv[:2])] = out  # the last of each: the walk-through's
        if argv[:2] == ["silence", "add"] and silence_id is None:
            silence_id = out.strip()
            assert main(["once"]) == 0  # the daemon runs meanwhile: the feed is recorded, GSK's deal silenced
            assert "GSK" not in capsys.readouterr().out
            recorded = True
    assert silence_id is not None and silence_id in outputs["silence list"]
    assert outputs["silence expire"].startswith(f"silence {silence_id} expired; 1 alert it held released")
    if doc.name == "operators-guide.md":
        assert f"silenced by {silence_id} until " in outputs["alerts"]
    assert (tmp_path / "feedback.jsonl").read_text(encoding="utf-8").count("\n") == 2
    assert "precision" in outputs["feedback stats"]
    assert "alerts judged by readers since" in outputs["replay --judged"]


def give_feedback(db: Path) -> None:
    store = SqliteStore(db)
    alerts = {a.item.title.split()[0]: a for a in store.recent_alerts()}
    handler = ActionHandler(store, AccessPolicy(AccessRules(TEAM)))
    handler.handle(block_actions("ww.useful", alerts["Biogen"].id))
    handler.handle(block_actions("ww.not_relevant", f"{alerts['Morgan'].id}|a reiteration", user="U0BO"))
    store.close()
