"""End to end, the way a user drives it: `wirewatch once` against a loopback feed server and a
Slack-compatible server, on the embedded store and on a real redis-server."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.servers.feeds import FeedServer, rss
from tests.servers.slack import Fault, SlackServer

pytestmark = pytest.mark.system  # real `wirewatch` processes (make test-fast skips them)

THEME_EN = [
    {
        "guid": "en-bd-1",
        "title": "Biogen licenses bispecific antibody in $1.25 billion deal",
        "link": "http://news.test/bd-1",
        "description": "<p>Biogen signed an <b>exclusive license agreement</b>, paying $80 million upfront and up "
        "to $1.17 billion in milestones.</p>",
    },
    {
        "guid": "en-pt-1",
        "title": "Morgan Stanley upgrades Moderna to Overweight, price target $60",
        "link": "http://news.test/pt-1",
        "description": "Morgan Stanley upgraded Moderna to Overweight from Equal-weight; price target raised to $60.",
    },
]
NOISE_EN = [
    {
        "guid": "en-noise-1",
        "title": "Biotech conference season kicks off",
        "link": "http://news.test/n-1",
        "description": "Executives gathered in San Francisco to talk about AI and the IPO window.",
    },
]
THEME_ZH = [
    {
        "guid": "zh-bd-1",
        "title": "阿斯利康6.3億美元獲得西比曼CAR-T療法權益",
        "link": "http://news.test/zh-bd-1",
        "description": "西比曼與阿斯利康簽訂獨家許可協議,授權其開發GPC3 CAR-T,首付款及里程碑付款最高6.3億美元。",
    },
    {
        "guid": "zh-credit-1",
        "title": "央行:2025年住戶貸款增加4417億元",
        "link": "http://news.test/zh-credit-1",
        "description": "央行資料顯示,2025年住戶貸款增加4417億元。其中,短期貸款減少8351億元,中長期貸款增加1.28兆元。",
    },
]
NOISE_ZH = [
    {
        "guid": "zh-noise-1",
        "title": "矩陣超智發佈人形機器人MATRIX-3",
        "link": "http://news.test/zh-noise-1",
        "description": "上海矩陣超智正式發佈了新一代人形機器人,靈巧手擁有27個自由度。",
    },
]


def write_config(tmp: Path, feeds: FeedServer, slack: SlackServer, store: str, on_first_fetch: str) -> Path:
    cfg = tmp / "wirewatch.yaml"
    cfg.write_text(
        f"""
store: {store}
sources:
  - id: en-wire
    type: rss
    url: {feeds.url("/en.xml")}
    interval: 5m
    on_first_fetch: {on_first_fetch}
  - id: zh-wire
    url: {feeds.url("/zh.xml")}
    interval: 300
    on_first_fetch: {on_first_fetch}
notify:
  console: false
  slack:
    token: ${{SLACK_BOT_TOKEN}}
    base_url: ${{SLACK_API_URL:-https://slack.com/api/}}
    channel: "#market-signals"
delivery:
  retry_base: 0.01
  retry_cap: 0.05
fetch:
  allow_private_addresses: true  # the feed server is on 127.0.0.1
""",
        encoding="utf-8",
    )
    return cfg


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/state/wirewatch.db"
    # Redis: our own server (or $REDIS_URL) with a key prefix unique to this test, cleaned up afterwards
    url: str = request.getfixturevalue("redis_url")
    prefix: str = request.getfixturevalue("redis_prefix")
    return f"{url}\nstore_prefix: {prefix}"


def once(cfg: Path, slack: SlackServer) -> tuple[int, str, str]:
    env = {"SLACK_BOT_TOKEN": slack.token, "SLACK_API_URL": slack.base_url}
    r = run_cli("once", "--config", str(cfg), cwd=cfg.parent, env=env)
    return r.returncode, r.stdout, r.stderr


def alert_links(slack: SlackServer) -> list[str]:
    """The article each post links in its first block (after the severity and headline)."""
    return [re.findall(r"<([^|<>]+)\|", m.blocks[0]["text"]["text"])[0] for m in slack.posted()]


def test_first_run_alerts_each_theme_item_once_and_second_run_nothing(
    tmp_path: Path, feed_server: FeedServer, slack_server: SlackServer, store_url: str
) -> None:
    feed_server.put("/en.xml", rss(THEME_EN + NOISE_EN))
    feed_server.put("/zh.xml", rss(THEME_ZH + NOISE_ZH))
    cfg = write_config(tmp_path, feed_server, slack_server, store_url, "alert")

    code, _, err = once(cfg, slack_server)
    assert code == 0, err
    links = alert_links(slack_server)
    # one post per event: the credit item reports three figures (total, short-term, medium/long-term loans)
    assert sorted(set(links)) == sorted(e["link"] for e in THEME_EN + THEME_ZH), err
    assert links.count("http://news.test/zh-credit-1") == 3
    posted = slack_server.posted()
    assert all(m.metadata and m.metadata["event_type"] == "wirewatch_alert" for m in posted)
    assert len({m.metadata["event_payload"]["alert_id"] for m in posted if m.metadata}) == len(posted)
    assert all(m.text for m in posted), "every post carries a plain-text fallback"

    code, _, err = once(cfg, slack_server)
    assert code == 0, err
    assert len(slack_server.posted()) == len(posted), "a second run posts nothing"
    # the second run asked conditionally, with the validators received the first time
    second = feed_server.hits_for("/en.xml")[-1]
    assert second.headers.get("if-none-match") and second.status == 304


def test_baseline_then_new_entry_alerts_exactly_once_across_restarts(
    tmp_path: Path, feed_server: FeedServer, slack_server: SlackServer, store_url: str
) -> None:
    feed_server.put("/en.xml", rss(THEME_EN + NOISE_EN))
    feed_server.put("/zh.xml", rss(THEME_ZH + NOISE_ZH))
    cfg = write_config(tmp_path, feed_server, slack_server, store_url, "baseline")

    code, _, err = once(cfg, slack_server)
    assert code == 0, err
    assert slack_server.posted() == [], "first fetch records a baseline and alerts nothing"
    assert "baseline" in err

    new_deal = {
        "guid": "zh-bd-2",
        "title": "恆瑞醫藥與GSK簽訂授權協議",
        "link": "http://news.test/zh-bd-2",
        "description": "恆瑞醫藥授權GSK開發其PDE3/4抑制劑,首付款5億美元,總額最高達125億美元。",
    }
    new_noise = {
        "guid": "zh-noise-2",
        "title": "上海兩會閉幕",
        "link": "http://news.test/zh-noise-2",
        "description": "上海市十六屆人大四次會議閉幕。",
    }
    feed_server.put("/zh.xml", rss([new_deal, new_noise, *THEME_ZH, *NOISE_ZH]))
    code, _, err = once(cfg, slack_server)
    assert code == 0, err
    assert alert_links(slack_server) == ["http://news.test/zh-bd-2"]

    # restart (a fresh process each time) with the feed re-served under new validators: nothing new
    feed_server.put("/zh.xml", rss([*THEME_ZH, new_noise, new_deal, *NOISE_ZH]))
    for _ in range(2):
        code, _, err = once(cfg, slack_server)
        assert code == 0, err
    assert alert_links(slack_server) == ["http://news.test/zh-bd-2"]


@pytest.mark.long
def test_slack_down_then_up_delivers_every_alert_once(
    tmp_path: Path, feed_server: FeedServer, slack_server: SlackServer
) -> None:
    feed_server.put("/en.xml", rss(THEME_EN))
    feed_server.put("/zh.xml", rss([]))
    cfg = write_config(tmp_path, feed_server, slack_server, f"sqlite:///{tmp_path}/w.db", "alert")
    slack_server.plan(*[Fault(status=503)] * 40)  # more than slack-sdk's own retries for every alert

    code, _, err = once(cfg, slack_server)
    assert code == 0, err
    assert slack_server.posted() == []
    assert "retry" in err

    r = run_cli("alerts", "--config", str(cfg), cwd=tmp_path)
    assert r.stdout.count("pending") == len(THEME_EN), r.stdout + r.stderr

    slack_server.faults.clear()
    code, _, err = once(cfg, slack_server)
    assert code == 0, err
    assert sorted(alert_links(slack_server)) == sorted(e["link"] for e in THEME_EN)
    code, _, err = once(cfg, slack_server)
    assert len(slack_server.posted()) == len(THEME_EN), "never twice"


def test_permanent_slack_error_is_dead_lettered_with_reason(
    tmp_path: Path, feed_server: FeedServer, slack_server: SlackServer
) -> None:
    feed_server.put("/en.xml", rss(THEME_EN[:1]))
    feed_server.put("/zh.xml", rss([]))
    cfg = write_config(tmp_path, feed_server, slack_server, f"sqlite:///{tmp_path}/w.db", "alert")
    cfg.write_text(cfg.read_text().replace('"#market-signals"', '"#no-such-channel"'))
    code, _, err = once(cfg, slack_server)
    assert code == 0
    assert "channel_not_found" in err
    r = run_cli("alerts", "--failed", "--config", str(cfg), cwd=tmp_path)
    assert "failed" in r.stdout and "channel_not_found" in r.stdout


def test_feed_failure_is_reported_with_source_id_and_reason(
    tmp_path: Path, feed_server: FeedServer, slack_server: SlackServer
) -> None:
    feed_server.put("/en.xml", "<html><body>Service temporarily down</body></html>", content_type="text/html")
    feed_server.put("/zh.xml", rss(THEME_ZH[:1]))
    cfg = write_config(tmp_path, feed_server, slack_server, f"sqlite:///{tmp_path}/w.db", "alert")
    code, _, err = once(cfg, slack_server)
    assert code == 1, "a failed source makes `once` exit 1 for cron"
    assert "en-wire" in err and "HTML" in err
    assert alert_links(slack_server) == [THEME_ZH[0]["link"]], "the healthy source still delivers"
    r = run_cli("sources", "--config", str(cfg), cwd=tmp_path)
    assert "en-wire" in r.stdout and "failing" in r.stdout


def test_token_never_logged(tmp_path: Path, feed_server: FeedServer, slack_server: SlackServer) -> None:
    feed_server.put("/en.xml", rss(THEME_EN))
    feed_server.put("/zh.xml", rss([]))
    cfg = write_config(tmp_path, feed_server, slack_server, f"sqlite:///{tmp_path}/w.db", "alert")
    env = {"SLACK_BOT_TOKEN": "xoxb-wrong-secret-123", "SLACK_API_URL": slack_server.base_url}
    r = run_cli("once", "-v", "--config", str(cfg), cwd=tmp_path, env=env)
    assert "invalid_auth" in r.stderr
    assert "xoxb-wrong-secret-123" not in r.stderr + r.stdout


def test_console_is_default_without_slack_token(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.put("/en.xml", rss(THEME_EN + NOISE_EN))
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        f"store: sqlite:///{tmp_path}/w.db\nsources:\n  - id: en\n    url: {feed_server.url('/en.xml')}\n"
        "    on_first_fetch: alert\nnotify:\n  slack:\n    token: ${SLACK_BOT_TOKEN}\n"
        "fetch:\n  allow_private_addresses: true\n"
    )
    r = run_cli("once", "--config", str(cfg), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("┌─") == len(THEME_EN)
    assert "Biogen licenses" in r.stdout and "conference" not in r.stdout
    assert "SLACK_BOT_TOKEN" in r.stderr, "an unset variable is warned about"


def test_broken_rule_file_stops_with_file_and_line(tmp_path: Path, feed_server: FeedServer) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - id: ok\n    any: [x]\n  - id: bad\n    tital: oops\n    any: [y]\n")
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"store: sqlite:///{tmp_path}/w.db\nrules: [rules.yaml]\nsources: []\n")
    r = run_cli("once", "--config", str(cfg), cwd=tmp_path)
    assert r.returncode == 2
    assert f"{rules}:5:5: unknown key `tital`" in r.stderr, r.stderr


def test_match_dry_run_contract(tmp_path: Path) -> None:
    items = [
        {
            "id": "a",
            "title": "GSK to acquire RAPT Therapeutics for $2.2 billion",
            "summary": "antibody deal",
            "link": "http://x/a",
            "published": "2026-01-20T12:00:00Z",
            "source": "s",
        },
        {"id": "b", "title": "Weather is nice", "summary": "", "link": "", "published": None, "source": "s"},
        {
            "id": "c",
            "title": "高盛首次覆蓋影石創新,給予買入評級,目標價311元",
            "summary": "",
            "link": "",
            "published": None,
            "source": "s",
        },
    ]
    stdin = "\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n"
    r = run_cli("match", "-", cwd=tmp_path, input=stdin)
    assert r.returncode == 0, r.stderr
    out = [json.loads(line) for line in r.stdout.splitlines()]
    assert {o["item"] for o in out} == {"a", "c"}
    for o in out:
        assert set(o) == {"item", "rule", "event", "fields"}
        assert isinstance(o["fields"], dict)
    assert {(o["item"], o["event"]) for o in out} >= {("a", "bd_deal"), ("c", "price_target")}
    assert not (tmp_path / "wirewatch.db").exists(), "a dry run stores nothing"

    bad = run_cli("match", "-", cwd=tmp_path, input='{"id": "x", "title": "t"}\nnot json\n')
    assert bad.returncode == 1 and "<stdin>:2:" in bad.stderr
