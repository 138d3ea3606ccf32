"""Backtests over the archive (`wirewatch replay`), realert suppression, and one alert per event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from collectors.item import Item
from rules.alerts import alerts_for
from rules.engine import Match
from rules.model import Rule
from tests.conftest import run_cli
from tests.servers.feeds import FeedServer, rss

NOTES = [
    {"guid": "n1", "title": "Morgan Stanley upgrades Moderna to Overweight, price target $60", "link": "http://x/n1"},
    {
        "guid": "n2",
        "title": "Morgan Stanley raises Moderna price target to $65, keeps Overweight",
        "link": "http://x/n2",
    },
    {"guid": "n3", "title": "Jefferies initiates Akeso at Buy with HK$160 target", "link": "http://x/n3"},
    {"guid": "n4", "title": "Weather is fine today", "link": "http://x/n4"},
]


def config(tmp: Path, feeds: FeedServer, rules: str, on_first_fetch: str) -> Path:
    (tmp / "rules").mkdir(exist_ok=True)
    (tmp / "rules" / "r.yaml").write_text(rules, encoding="utf-8")
    cfg = tmp / "wirewatch.yaml"
    cfg.write_text(
        f"store: sqlite:///{tmp}/w.db\nrules: [rules]\nfetch:\n  allow_private_addresses: true\n"
        f"sources:\n  - id: notes\n    url: {feeds.url('/n.xml')}\n    on_first_fetch: {on_first_fetch}\n",
        encoding="utf-8",
    )
    return cfg


PT_RULE = (
    "rules:\n  - id: pt\n    event: price_target\n    any: [target, upgrade*, initiat*]\n    extract: price_target\n"
)


@pytest.mark.system
def test_replay_backtests_archived_items(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.put("/n.xml", rss(NOTES))
    cfg = config(tmp_path, feed_server, "rules:\n  - id: nothing\n    any: [zzzz]\n", "baseline")
    assert run_cli("once", "--config", str(cfg), cwd=tmp_path).returncode == 0  # baseline: archived, no alerts
    (tmp_path / "new-rules").mkdir()
    (tmp_path / "new-rules" / "r.yaml").write_text(PT_RULE, encoding="utf-8")
    r = run_cli(
        "replay", "--since", "1d", "--rules", str(tmp_path / "new-rules"), "-q", "--config", str(cfg), cwd=tmp_path
    )
    assert r.returncode == 0, r.stderr
    assert "4 archived items" in r.stdout and "3 alerts would have been raised" in r.stdout
    assert "pt" in r.stdout
    r = run_cli(
        "replay",
        "--since",
        "1d",
        "--rules",
        str(tmp_path / "new-rules"),
        "--json",
        "-q",
        "--config",
        str(cfg),
        cwd=tmp_path,
    )
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert {row["item"] for row in rows} == {"n1", "n2", "n3"}
    assert all(row["fields"]["broker"] for row in rows)


@pytest.mark.system
def test_realert_suppresses_repeats_of_the_same_key(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.put("/n.xml", rss(NOTES))
    rules = PT_RULE + "    realert: 24h\n    key: [broker, company]\n"
    cfg = config(tmp_path, feed_server, rules, "alert")
    r = run_cli("once", "--config", str(cfg), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    blocks = r.stdout.count("┌─")
    assert blocks == 2, r.stdout  # Moderna/Morgan Stanley once (n1, not n2), Akeso/Jefferies once
    assert "suppressed by realert 24h" in r.stderr


def test_two_deals_in_one_article_make_two_alerts() -> None:
    rule = Rule.model_validate({"id": "d", "event": "bd_deal", "any": ["x"]})
    item = Item(id="i", source="s", title="two deals")
    gsk = Match(rule, ("x",), {"licensee": "GSK", "total": 2.2e9})
    az = Match(rule, ("x",), {"licensee": "AstraZeneca", "total": 6.3e8})
    same = Match(rule.model_copy(update={"id": "d2"}), ("x",), {"licensee": "GSK"})
    alerts = alerts_for(item, [gsk, az, same], 0.0)
    assert [a.fields["licensee"] for a in alerts] == ["GSK", "AstraZeneca"]
    assert alerts[0].rules == ("d", "d2") and len({a.id for a in alerts}) == 2
