"""Data feeds end to end, the way a user runs them: `wirewatch once` against a loopback server serving a FRED
style CSV that gains rows and revises old ones, a loopback Slack, and the bundled series rules; on the
embedded store and on a real redis-server."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.servers.feeds import FeedServer
from tests.servers.slack import Posted, SlackServer

pytestmark = pytest.mark.system  # real `wirewatch` processes (make test-fast skips them)

START = dt.date(2024, 1, 4)  # a Thursday, like MORTGAGE30US
HISTORY = [((START + dt.timedelta(weeks=i)).isoformat(), round(6.9 + 0.25 * math.sin(i / 6), 2)) for i in range(70)]
NEW_PRINT = ((START + dt.timedelta(weeks=70)).isoformat(), 6.41)  # a 52-week low, and a big weekly move
REVISED = (HISTORY[60][0], round(HISTORY[60][1] + 0.03, 2))


def fred_csv(rows: list[tuple[str, float]], missing: tuple[str, ...] = ()) -> str:
    lines = [f"{p},{v}" for p, v in rows] + [f"{p},." for p in missing]
    return "observation_date,MORTGAGE30US\n" + "\n".join(lines) + "\n"


def write_config(tmp: Path, feeds: FeedServer, store: str, *, console: bool = False) -> Path:
    cfg = tmp / "wirewatch.yaml"
    cfg.write_text(
        f"""
store: {store}
sources:
  - id: fred-mortgage30us
    type: series
    url: {feeds.url("/fredgraph.csv")}
    format: fred_csv
    interval: 6h
    link: https://fred.stlouisfed.org/series/MORTGAGE30US
    series:
      - {{id: MORTGAGE30US, name: US 30-year fixed mortgage rate, unit: "%"}}
notify:
  console: {"true" if console else "false"}
  slack:
    token: ${{SLACK_BOT_TOKEN:-}}
    base_url: ${{SLACK_API_URL:-https://slack.com/api/}}
    channel: "#market-signals"
delivery:
  retry_base: 0.01
  retry_cap: 0.05
fetch:
  allow_private_addresses: true  # the servers are on 127.0.0.1
""",
        encoding="utf-8",
    )
    return cfg


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/state/wirewatch.db"
    url: str = request.getfixturevalue("redis_url")
    prefix: str = request.getfixturevalue("redis_prefix")
    return f"{url}\nstore_prefix: {prefix}"


def once(cfg: Path, slack: SlackServer | None = None) -> tuple[int, str, str]:
    env = {"SLACK_BOT_TOKEN": slack.token, "SLACK_API_URL": slack.base_url} if slack else None
    r = run_cli("once", "--config", str(cfg), cwd=cfg.parent, env=env)
    return r.returncode, r.stdout, r.stderr


def text_of(message: Posted) -> str:
    out = []
    for b in message.blocks:
        if b["type"] == "section":
            out.extend([b["text"]["text"]] if "text" in b else [f["text"] for f in b["fields"]])
        elif b["type"] == "context":
            out.extend(e["text"] for e in b["elements"])
    return "\n".join(out)


def test_history_then_one_new_print_with_context_and_chart_then_nothing(
    tmp_path: Path, feed_server: FeedServer, slack_server: SlackServer, store_url: str
) -> None:
    feed_server.put("/fredgraph.csv", fred_csv(HISTORY), content_type="text/csv")
    cfg = write_config(tmp_path, feed_server, store_url)

    code, _, err = once(cfg, slack_server)
    assert code == 0, err
    assert slack_server.posted() == [], "the first fetch loads history and alerts nothing"
    assert "history loaded (70 observations" in err

    # A new Thursday print at a 52-week low, an old week revised, and a missing value that stays missing.
    revised = [REVISED if p == REVISED[0] else (p, v) for p, v in HISTORY]
    feed_server.put("/fredgraph.csv", fred_csv([*revised, NEW_PRINT], missing=("2023-12-28",)), content_type="text/csv")
    code, _, err = once(cfg, slack_server)
    assert code == 0, err

    posted = slack_server.posted()
    prints = [m for m in posted if "Data print · " in text_of(m)]
    notices = [m for m in posted if "Revision · " in text_of(m)]
    assert len(prints) == 1 and len(notices) == 1 and len(posted) == 2, [text_of(m) for m in posted]

    card = text_of(prints[0])
    prior = HISTORY[-1][1]
    moved = round((6.41 - prior) * 100)
    change = ("+" if moved > 0 else "−") + f"{abs(moved)} bp"
    assert f"|US 30-year fixed mortgage rate 6.41% ({change}) for 2025-05-08" in card, "severity and headline first"
    assert "<https://fred.stlouisfed.org/series/MORTGAGE30US|" in card, "the headline links to the series page"
    assert f"*Prior*\n{prior}% ({HISTORY[-1][0]})" in card
    assert f"*Change*\n{change}" in card
    year_ago = dict(HISTORY)[(dt.date(2025, 5, 8) - dt.timedelta(weeks=52)).isoformat()]
    assert f"*Same period last year*\n{year_ago}%" in card
    assert "lowest since" in card or "lowest on record" in card
    assert "us30y-52-week-low: lowest in 52 observations" in card
    assert "us30y-big-weekly-move" in card
    assert prints[0].text.startswith(f"[HIGH] US 30-year fixed mortgage rate 6.41% ({change})"), "plain-text fallback"

    # The chart went into the print's thread, as a PNG, in the channel the post reported (by id).
    assert len(slack_server.uploads) == 1
    chart = slack_server.uploads[0]
    assert chart.thread_ts == prints[0].ts
    assert chart.channel_id == slack_server.channel_id("#market-signals")
    assert chart.data.startswith(b"\x89PNG\r\n\x1a\n") and len(chart.data) > 2_000
    assert chart.filename == "MORTGAGE30US-2025-05-08.png"

    notice = text_of(notices[0])
    assert f"for {REVISED[0]} revised: {HISTORY[60][1]}% → {REVISED[1]}%" in notice
    assert "revision" in err and "new print MORTGAGE30US 2025-05-08" in err

    # Restarts, with the document unchanged (304), and re-served under new validators: nothing new.
    code, _, err = once(cfg, slack_server)
    assert code == 0, err
    feed_server.put(
        "/fredgraph.csv", fred_csv([*revised, NEW_PRINT], missing=("2023-12-28",)), content_type="text/csv", etag='"v9"'
    )
    code, _, err = once(cfg, slack_server)
    assert code == 0, err
    assert len(slack_server.posted()) == 2 and len(slack_server.uploads) == 1, "nothing is posted twice"

    r = run_cli("sources", "--config", str(cfg), cwd=tmp_path)
    assert "fred-mortgage30us" in r.stdout and "ok" in r.stdout, r.stdout + r.stderr


def test_html_error_page_is_a_failure_with_source_and_reason_and_loses_nothing(
    tmp_path: Path, feed_server: FeedServer, slack_server: SlackServer
) -> None:
    page = "<!DOCTYPE html><html><head><title>FRED is temporarily unavailable</title></head><body>x</body></html>"
    feed_server.put("/fredgraph.csv", page, content_type="text/html; charset=utf-8")
    cfg = write_config(tmp_path, feed_server, f"sqlite:///{tmp_path}/w.db")

    code, _, err = once(cfg, slack_server)
    assert code == 1, "a failed source makes `once` exit 1"
    assert "fred-mortgage30us" in err and "HTML" in err and "FRED is temporarily unavailable" in err
    r = run_cli("sources", "--config", str(cfg), cwd=tmp_path)
    assert "failing" in r.stdout and "HTML" in r.stdout

    # The HTML page stored nothing: the first real data is still the history load, and alerts nothing.
    feed_server.put("/fredgraph.csv", fred_csv(HISTORY), content_type="text/csv")
    code, _, err = once(cfg, slack_server)
    assert code == 0, err
    assert "history loaded" in err and slack_server.posted() == []


def test_console_shows_the_print_with_a_sparkline(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.put("/fredgraph.csv", fred_csv(HISTORY), content_type="text/csv")
    cfg = write_config(tmp_path, feed_server, f"sqlite:///{tmp_path}/w.db", console=True)
    code, out, err = once(cfg)
    assert code == 0 and out == "", err
    feed_server.put("/fredgraph.csv", fred_csv([*HISTORY, NEW_PRINT]), content_type="text/csv")
    code, out, err = once(cfg)
    assert code == 0, err
    assert out.count("┌─") == 1
    assert "[HIGH] US 30-year fixed mortgage rate 6.41% (" in out and ") for 2025-05-08" in out
    spark = next(line for line in out.splitlines() if "last 26 prints" in line)
    assert any(c in spark for c in "▁▂▃▄▅▆▇█")
    assert "https://fred.stlouisfed.org/series/MORTGAGE30US" in out


def test_failed_chart_upload_still_delivers_the_alert_once(
    tmp_path: Path, feed_server: FeedServer, slack_server: SlackServer
) -> None:
    feed_server.put("/fredgraph.csv", fred_csv(HISTORY), content_type="text/csv")
    cfg = write_config(tmp_path, feed_server, f"sqlite:///{tmp_path}/w.db")
    assert once(cfg, slack_server)[0] == 0
    slack_server.upload_error = "missing_scope"
    feed_server.put("/fredgraph.csv", fred_csv([*HISTORY, NEW_PRINT]), content_type="text/csv")
    code, _, err = once(cfg, slack_server)
    assert code == 0, err
    assert len(slack_server.posted()) == 1 and slack_server.uploads == []
    assert "chart not added to the thread: slack: missing_scope" in err
    assert once(cfg, slack_server)[0] == 0
    assert len(slack_server.posted()) == 1, "the delivery counted as sent: no second post"
    r = run_cli("alerts", "--config", str(cfg), cwd=tmp_path)
    assert "sent" in r.stdout and "us30y-52-week-low" in r.stdout
