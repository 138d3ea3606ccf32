"""`wirewatch feedback export | stats` and `wirewatch replay --judged` through the real CLI: readers' presses
(through the handler, on alerts the bundled rules raised from the sample feed) become corpus lines the shared
scorer reads, the precision per rule and per event type, and a replay of the judged items against other rules."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.alert import Alert
from notifier.interactive.access import AccessPolicy, AccessRules
from rules.extract import FIELD_NAMES
from store.sqlite_store import SqliteStore
from tests.conftest import ROOT
from tests.interactive_payloads import TEAM, block_actions
from tests.logging_state import kept
from wirewatch.cli import main
from wirewatch.interactive.handler import ActionHandler

FEED = ROOT / "samples" / "feeds" / "biotech-news.xml"
SCORER = ROOT.parent / "shared" / "corpus" / "score.py"
CORPUS_KEYS = ["id", "lang", "origin", "source", "title", "summary", "label", "fields", "note"]


@pytest.fixture(autouse=True)
def _logging_as_before() -> Iterator[None]:
    with kept():
        yield


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def judged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, dict[str, Alert]]:
    """The sample feed's alerts, judged: the Biogen licence useful (two readers), GSK/RAPT not relevant with a
    reason, the Moderna upgrade useful; and a mute."""
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text(
        f"store: sqlite:///{tmp_path}/w.db\n"
        f"sources:\n  - id: sample-biotech\n    url: file://{FEED}\n    on_first_fetch: alert\n"
        "notify:\n  console: true\n",
        encoding="utf-8",
    )
    assert run(capsys, "once", "-c", str(cfg))[0] == 0
    store = SqliteStore(tmp_path / "w.db")
    alerts = {a.item.title.split()[0]: a for a in store.recent_alerts()}
    handler = ActionHandler(store, AccessPolicy(AccessRules(TEAM)))
    for action, value, user in [
        ("ww.useful", alerts["Biogen"].id, "U0ANA"),
        ("ww.useful", alerts["Biogen"].id, "U0BO"),
        ("ww.not_relevant", f"{alerts['GSK'].id}|an acquisition, not a licence we track", "U0ANA"),
        ("ww.useful", alerts["Morgan"].id, "U0ANA"),
        ("ww.mute.7d", alerts["Morgan"].id, "U0CY"),
    ]:
        (outcome,) = handler.handle(block_actions(action, value, user=user, username=user.lower()))
        assert outcome.status == "done"
    store.close()
    return cfg, alerts


def test_export_writes_corpus_lines_the_shared_scorer_reads(
    judged: tuple[Path, dict[str, Alert]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg, _ = judged
    out_file = tmp_path / "feedback.jsonl"
    code, out, err = run(capsys, "feedback", "export", "-c", str(cfg), "--since", "30d", "-o", str(out_file))
    assert code == 0 and out == ""
    assert f"3 corpus lines to {out_file} (2 events, 1 none) from 5 verdicts" in err
    rows = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    by_title = {r["title"].split()[0]: r for r in rows}
    for r in rows:
        assert list(r) == CORPUS_KEYS and r["origin"] == "feedback" and r["lang"] == "en"
        assert r["label"] in ("bd_deal", "price_target", "mortgage_print", "none")
        assert set(r["fields"]) <= set(FIELD_NAMES.get(r["label"], ())) | {"extra"}
    assert by_title["Biogen"]["label"] == "bd_deal" and by_title["Biogen"]["fields"]["licensee"] == "Biogen"
    assert by_title["GSK"]["label"] == "none" and "an acquisition, not a licence we track" in by_title["GSK"]["note"]
    assert by_title["Morgan"]["label"] == "price_target"
    assert by_title["Biogen"]["source"].startswith("https://example.org/biotech/biogen-license (sample-biotech, ")
    code, stdout_text, _ = run(capsys, "feedback", "export", "-c", str(cfg))  # stdout by default
    assert stdout_text == out_file.read_text(encoding="utf-8")
    if SCORER.exists():  # the shared corpus's own scorer drives `wirewatch match` on the lines
        scored = subprocess.run(
            [sys.executable, str(SCORER), "--data", str(out_file), "--checkout", str(ROOT)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert scored.returncode == 0, scored.stdout + scored.stderr
        assert "bd_deal" in scored.stdout


def test_stats_per_rule_and_per_event(
    judged: tuple[Path, dict[str, Alert]], capsys: pytest.CaptureFixture[str]
) -> None:
    cfg, _ = judged
    code, out, _ = run(capsys, "feedback", "stats", "-c", str(cfg), "--since", "30d")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["rule", "useful", "not", "relevant", "disputed", "muted", "precision"]
    mega = next(x for x in lines if x.startswith("bd-mega-deal"))
    assert mega.split()[1:] == ["1", "1", "0", "0", "50%"]
    code, out, _ = run(capsys, "feedback", "stats", "-c", str(cfg), "--by", "event", "--json")
    rows = {json.loads(x)["event"]: json.loads(x) for x in out.splitlines()}
    assert rows["bd_deal"]["precision"] == 0.5 and rows["price_target"]["useful"] == 1


def test_replay_judged_shows_how_other_rules_treat_the_judged_items(
    judged: tuple[Path, dict[str, Alert]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg, alerts = judged
    code, out, _ = run(capsys, "replay", "-c", str(cfg), "--judged")
    assert code == 0
    assert "3 alerts judged by readers since " in out and "against the config's rules:" in out
    assert "  useful           2 alerts: 2 still fire, 0 no longer fire" in out
    assert "  not relevant     1 alerts: 1 still fire, 0 no longer fire" in out
    assert "judged not relevant, still fire:\n  bd-mega-deal" in out
    narrower = tmp_path / "narrower.yaml"
    narrower.write_text(
        "rules:\n  - id: bd-mega-deal\n    event: bd_deal\n    severity: critical\n    any: [licens*]\n"
        "    none: [acquire]\n    extract: bd_deal\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "replay", "-c", str(cfg), "--judged", "--rules", str(narrower), "--json")
    rows = {r["alert"]: r for r in map(json.loads, out.splitlines())}
    gsk, biogen, moderna = rows[alerts["GSK"].id], rows[alerts["Biogen"].id], rows[alerts["Morgan"].id]
    assert (gsk["verdict"], gsk["fired"]) == ("not_relevant", False) and "acquire" in gsk["why_not"]
    assert (biogen["verdict"], biogen["fired"], biogen["rules"]) == ("useful", True, ["bd-mega-deal"])
    assert (moderna["fired"], moderna["why_not"]) == (False, "no enabled rule `analyst-rating-change`")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["feedback", "export", "--since", "30"], "`30` has no unit: write 30s, 30m, 30h or 30d"),
        (["feedback", "stats", "--since", "a while"], "`a while` is not a duration"),
        (["replay", "--judged", "--since", "7"], "`7` has no unit"),
    ],
)
def test_a_since_without_a_unit_is_a_usage_error_exit_2(
    judged: tuple[Path, dict[str, Alert]], capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """`--since 30`: seconds or days? Refused like every other duration on the command line (exit 2)."""
    cfg, _ = judged
    with pytest.raises(SystemExit) as exc:
        main([*argv[:2], "-c", str(cfg), *argv[2:]])
    out, err = capsys.readouterr()
    assert exc.value.code == 2 and out == ""
    assert message in err.strip().splitlines()[-1]


def test_an_unwritable_export_file_is_one_line_and_exit_1(
    judged: tuple[Path, dict[str, Alert]], capsys: pytest.CaptureFixture[str]
) -> None:
    cfg, _ = judged
    code, out, err = run(capsys, "feedback", "export", "-c", str(cfg), "-o", "/nonexistent/dir/f.jsonl")
    assert code == 1 and out == ""
    assert err.strip().splitlines()[-1].startswith("wirewatch feedback export: cannot write /nonex")
