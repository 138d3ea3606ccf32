"""The command line keeps the operator's guide's promises: one exit-code table, each row checked against a real
`wirewatch` process; every error a user can cause is one line on stderr with the file:line:col or the setting's
name, never a traceback, with secrets scrubbed; closed pipes end a command quietly."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, free_port, run_cli
from tests.servers.feeds import FeedServer, rss
from tests.servers.slack import wait_for
from wirewatch.cli.common import EXIT_CODES

pytestmark = pytest.mark.system

GSK = {"guid": "g1", "title": "GSK to acquire RAPT Therapeutics for $2.2 billion", "link": "http://news.test/g1"}


def one_line(r: subprocess.CompletedProcess[str]) -> str:
    """The error a user sees: exactly one line, no traceback."""
    err = r.stderr.strip()
    assert "Traceback" not in r.stderr and "\n" not in err, r.stderr
    assert err, "an error says what is wrong"
    return err


def config(tmp_path: Path, body: str = "", store: str | None = None) -> Path:
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text(f"store: {store or f'sqlite:///{tmp_path}/w.db'}\n{body}", encoding="utf-8")
    return cfg


def feed_config(tmp_path: Path, url: str, store: str | None = None) -> Path:
    return config(
        tmp_path,
        f"sources:\n  - id: wire\n    url: {url}\n    on_first_fetch: alert\n"
        "fetch:\n  allow_private_addresses: true\n  total_timeout: 5\n  read_timeout: 5\n"
        "notify:\n  console: true\n",
        store,
    )


# --- the table ----------------------------------------------------------------------------------------------


def guide_table() -> list[tuple[int, str]]:
    text = (ROOT / "docs" / "operators-guide.md").read_text(encoding="utf-8")
    section = text.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    return [(int(m[1]), m[2].strip()) for m in re.finditer(r"^\| `(\d+)` \| (.+?) \|$", section, re.M)]


def test_the_guide_prints_the_one_exit_code_table() -> None:
    assert guide_table() == list(EXIT_CODES)


# --- 0 and 1 --------------------------------------------------------------------------------------------------


def test_exit_0_ok(tmp_path: Path) -> None:
    r = run_cli("validate", "--config", str(ROOT / "wirewatch.yaml"), cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.startswith("OK:"), r.stderr


def test_exit_1_a_source_failed_in_once(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.put("/down.xml", "", status=500)
    r = run_cli("once", "--config", str(feed_config(tmp_path, feed_server.url("/down.xml"))), cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert "HTTP 500" in r.stderr and "Traceback" not in r.stderr


def test_exit_1_problems_found_by_test_validate_and_match(tmp_path: Path) -> None:
    rules = tmp_path / "r.yaml"
    rules.write_text(
        "rules:\n  - id: deal\n    any: [license]\n    examples:\n      match: ['nothing here']\n", encoding="utf-8"
    )
    assert run_cli("test", str(rules), cwd=tmp_path).returncode == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: x\n    anyy: [a]\n", encoding="utf-8")
    r = run_cli("validate", str(bad), cwd=tmp_path)
    assert r.returncode == 1 and f"{bad}:3:5:" in r.stdout, r.stdout
    r = run_cli("match", "-", cwd=tmp_path, input='{"id": "1", "title": "t"}\nnot json\n')
    assert r.returncode == 1 and r.stderr.startswith("<stdin>:2:")


# --- 2: usage, config and rule errors: one line, nothing created ---------------------------------------------


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["once", "--nope"], "unrecognized arguments: --nope"),
        (["match", "--rule", "bd-deals"], "unknown rule `bd-deals`; did you mean `bd-deal` or `bd-mega-deal`?"),
        (["replay", "--since", "30"], "`30` has no unit: write 30s, 30m, 30h or 30d"),
        (["replay", "--since", "1y"], "unknown unit `y`"),
        (["replay", "--since", "soon"], "`soon` is not a duration"),
        (["alerts", "--retry", "ffffffff"], "no dead letter has an alert id starting with `ffffffff`"),
        (["sources", "remove", "wirre"], "no source `wirre`; did you mean `wire`?"),
        (["sources", "add", "ftp://example.com/feed"], "a feed address starts with http://, https:// or file:"),
        (["sources", "add", "http://example.com/f", "--interval", "300"], "`300` has no unit"),
        (["match", "no-such-items.jsonl"], "cannot use no-such-items.jsonl: No such file or directory"),
    ],
)
def test_exit_2_usage_errors_are_one_line(tmp_path: Path, argv: list[str], said: str) -> None:
    feed_config(tmp_path, "file:feed.xml")
    r = run_cli(*argv, cwd=tmp_path, input="")
    assert r.returncode == 2, r.stdout + r.stderr
    assert said in one_line(r)


def test_exit_2_invalid_config_names_file_line_col(tmp_path: Path) -> None:
    cfg = config(tmp_path, "sources:\n  - id: a\n    url: file:x.xml\n    intervall: 5m\n")
    r = run_cli("once", "--config", str(cfg), cwd=tmp_path)
    assert r.returncode == 2
    assert one_line(r).startswith(f"{cfg}:5:5: ") and "intervall" in r.stderr
    assert not (tmp_path / "w.db").exists()


@pytest.mark.parametrize("command", [["sources"], ["alerts"], ["once"], ["run"], ["replay"], ["sources", "add", "x"]])
def test_exit_2_when_a_command_needs_a_config_and_there_is_none(tmp_path: Path, command: list[str]) -> None:
    """Outside a project: say so, and create nothing (no ./wirewatch.db from a default store)."""
    env = {k: v for k, v in os.environ.items() if k != "WIREWATCH_CONFIG"}
    r = subprocess.run(
        [sys.executable, "-m", "wirewatch", *command],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2, r.stdout + r.stderr
    assert "no config file" in one_line(r) and "--config FILE" in r.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "store",
    [
        '"redis+sentinel://:hunter2@sentinel.example:26379/0"',
        '"mysql://admin:hunter2@db.example/wirewatch"',
        '"redis://:hunter2@cache.example:99999/0"',
        '"redis://:hunter2@cache.example:6379/zero"',
    ],
)
def test_exit_2_bad_store_urls_name_the_setting_and_never_the_password(tmp_path: Path, store: str) -> None:
    cfg = config(tmp_path, store=store)
    r = run_cli("once", "--config", str(cfg), cwd=tmp_path)
    assert r.returncode == 2
    line = one_line(r)
    assert line.startswith(f"{cfg}:1:1: `store`: ") and "hunter2" not in r.stdout + r.stderr, line


# --- 3: the store cannot be reached or read ------------------------------------------------------------------


@pytest.mark.parametrize("command", ["once", "alerts", "sources"])
def test_exit_3_with_redis_down_once_reports_a_store_outage_not_a_feed_failure(tmp_path: Path, command: str) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(rss([GSK]), encoding="utf-8")
    cfg = feed_config(tmp_path, "file:feed.xml", store=f"redis://:s3cret@127.0.0.1:{free_port()}/0")
    r = run_cli(command, "--config", str(cfg), cwd=tmp_path)
    assert r.returncode == 3, r.stderr
    assert "store unavailable" in r.stderr and "Traceback" not in r.stderr and "s3cret" not in r.stderr


@pytest.mark.parametrize("command", ["alerts", "sources", "once"])
def test_exit_3_when_the_sqlite_file_is_not_a_database(tmp_path: Path, command: str) -> None:
    (tmp_path / "w.db").write_bytes(b"this is not an SQLite database, it is a text file" * 100)
    cfg = feed_config(tmp_path, "file:feed.xml")
    r = run_cli(command, "--config", str(cfg), cwd=tmp_path)
    assert r.returncode == 3, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and "store unavailable" in r.stderr


# --- 4: another process holds the SQLite store ---------------------------------------------------------------


def _store_has_a_writer_lock() -> bool:
    import store.base

    return hasattr(store.base, "StoreBusy")


@pytest.mark.skipif(not _store_has_a_writer_lock(), reason="the SQLite writer lock (StoreBusy) is not in this branch")
@pytest.mark.timeout(240)
def test_exit_4_once_while_another_process_holds_the_store(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(rss([GSK]), encoding="utf-8")
    cfg = feed_config(tmp_path, "file:feed.xml")
    cfg.write_text(cfg.read_text() + "store_lock_wait: 2s   # how long a second writer waits before giving up\n")
    holder = subprocess.Popen(
        [sys.executable, "-m", "wirewatch", "run", "--config", str(cfg)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stderr is not None
        for line in holder.stderr:  # the holder is running (it has the store) once it says so
            if "wirewatch running" in line:
                break
        r = run_cli("once", "--config", str(cfg), cwd=tmp_path, timeout=120)
    finally:
        holder.send_signal(signal.SIGINT)
        holder.wait(60)
    assert r.returncode == 4, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and "store busy" in r.stderr


# --- 130: interrupted ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("inherited", ["SIG_DFL", "SIG_IGN"])
def test_exit_130_when_once_is_interrupted(tmp_path: Path, feed_server: FeedServer, inherited: str) -> None:
    """Also when started with SIGINT ignored, as a shell script's background job is."""
    feed_server.put("/slow.xml", rss([GSK]) * 100, drip=10)  # the hit is recorded, then the body drips
    cfg = feed_config(tmp_path, feed_server.url("/slow.xml"))
    cfg.write_text(
        cfg.read_text().replace("total_timeout: 5", "total_timeout: 60").replace("read_timeout: 5", "read_timeout: 60")
    )
    start = (  # the disposition is set, then kept across exec: what `once` inherits
        f"import os, signal, sys; signal.signal(signal.SIGINT, signal.{inherited}); "
        f"os.execv(sys.executable, [sys.executable, '-m', 'wirewatch', 'once', '--config', {str(cfg)!r}])"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", start],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_for(lambda: feed_server.hits_for("/slow.xml"), timeout=30), "the fetch started"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and err.strip().endswith("interrupted")


# --- closed pipes -----------------------------------------------------------------------------------------------


def _pipe_to_head(tmp_path: Path, command: str) -> subprocess.CompletedProcess[str]:
    """`wirewatch … | head -n 1` through a real shell, with pipefail so the left side's exit code counts."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "W": f"{sys.executable} -m wirewatch"}
    return subprocess.run(
        ["bash", "-c", f"set -o pipefail; $W {command} | head -n 1"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_closed_pipes_end_quietly(tmp_path: Path) -> None:
    """`--json | head`, `alerts --csv | head`, `match | head`: no BrokenPipe traceback, exit 0 (the reader
    chose to stop), on outputs far larger than a pipe's buffer."""
    entries = [
        {"guid": f"g{n}", "title": f"GSK to acquire Biotech{n} for ${n + 1} billion", "link": f"http://n.test/{n}"}
        for n in range(400)
    ]
    (tmp_path / "feed.xml").write_text(rss(entries), encoding="utf-8")
    feed_config(tmp_path, "file:feed.xml")
    assert run_cli("once", cwd=tmp_path, timeout=300).returncode == 0
    items = tmp_path / "items.jsonl"
    items.write_text(
        "".join(
            json.dumps({"id": str(n), "title": e["title"], "source": "s"}) + "\n" for n, e in enumerate(entries * 20)
        ),
        encoding="utf-8",
    )
    for command in (
        "alerts --csv --limit 1000",
        "alerts --limit 1000",
        "replay --json --quiet",
        "replay --quiet",
        "match items.jsonl",
    ):
        r = _pipe_to_head(tmp_path, command)
        assert r.returncode == 0, (command, r.stderr)
        assert r.stderr == "" and len(r.stdout.splitlines()) == 1, (command, r.stderr)


# --- secrets in unexpected errors -------------------------------------------------------------------------------


def test_an_unexpected_error_is_one_scrubbed_line(capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from wirewatch.cli import run

    def boom(_: argparse.Namespace) -> int:
        raise RuntimeError("posting with xoxb-1234-5678-abcdef to redis://:hunter2@cache:6379/0 failed")

    code = run(argparse.Namespace(command="once", func=boom))
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert "xoxb-1234" not in err and "hunter2" not in err and "RuntimeError" in err


def test_durations_on_the_command_line_need_a_unit() -> None:
    import argparse

    from wirewatch.cli.common import cli_duration

    assert cli_duration("30d") == 30 * 86400 and cli_duration("1h30m") == 5400 and cli_duration("2w") == 14 * 86400
    for bad in ("30", "1y", "", "5 minutes", "-5m", "m"):
        with pytest.raises(argparse.ArgumentTypeError):
            cli_duration(bad)
