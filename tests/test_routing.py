"""Routing that honours every rule (issue 13): an alert several rules flag goes to the union of their targets,
each once, and names every rule; event identity that one report's extra detail cannot split. Pure router
decisions, then the bundled packs with an author's rule through the recorder and the outbox to the loopback
Slack server, then `wirewatch once` and `wirewatch alerts` as a user runs them."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from domain.alert import Alert, RuleNotify, alert_id
from domain.item import Item
from notifier.console import ConsoleNotifier
from notifier.routing import DIGEST, IMMEDIATE, Route, Router
from notifier.slack import SlackNotifier
from rules.alerts import alerts_for
from rules.ruleset import load_ruleset
from store.sqlite_store import SqliteStore
from tests.conftest import ROOT, run_cli
from tests.servers.feeds import FeedServer, rss
from tests.servers.slack import SlackServer, block_problems
from wirewatch.delivery import DeliverySettings, Outbox
from wirewatch.readers.base import AlertIntent
from wirewatch.recorder import AlertRecorder, RecordSettings

AUTHOR_RULE = """
rules:
  - id: hengrui-licensing-100m
    event: bd_deal
    severity: medium
    any: [Hengrui, 恒瑞]
    extract: bd_deal
    where: ["licensor_en == Jiangsu Hengrui", "upfront_usd >= 100M"]
    notify: {channel: "#hengrui-desk"}
"""
HENGRUI = "恒瑞医药与默沙东达成HRS-7535授权协议，首付款14亿元"  # ≈ $195m: both the bundled and the author's rule


def slack(base_url: str = "http://127.0.0.1:9/api/") -> SlackNotifier:
    return SlackNotifier("xoxb-test", "#market-signals", base_url, max_retries=0)


def flagged(*notify: RuleNotify, severity: str = "high", kind: str = "bd_deal") -> Alert:
    item = Item(id="i1", source="wire", title="A deal", link="https://news.test/1")
    lead = notify[0]
    return Alert(
        alert_id("wire", "i1", "bd_deal"),
        lead.rule,
        item,
        event="bd_deal",
        severity=severity,
        rules=tuple(n.rule for n in notify),
        channel=lead.channel,
        digest=lead.digest,
        notify=notify,
        kind=kind,
    )


# --- the router: every rule's targets, each once ------------------------------------------------------------


def test_every_rule_that_fired_adds_its_targets_each_once() -> None:
    alert = flagged(RuleNotify("bd-deal"), RuleNotify("hengrui-licensing-100m", "#hengrui-desk"), RuleNotify("x"))
    plan = Router().plan(alert, {"slack": slack()})
    assert plan == {"slack:#market-signals": IMMEDIATE, "slack:#hengrui-desk": IMMEDIATE}
    assert Router().decide(alert).channel is None, "the lead rule's decision, as before"
    assert Router().plan(alert, {"slack": slack(), "console": ConsoleNotifier()}) == {
        "slack:#market-signals": IMMEDIATE,
        "slack:#hengrui-desk": IMMEDIATE,
        "console": IMMEDIATE,
    }, "a notifier with one target gets it once"


def test_routes_apply_to_each_rule_on_its_own() -> None:
    router = Router((Route(rules=("bd-*",), channel="#biotech-deals"), Route(rules=("custom-*",), delivery=DIGEST)))
    alert = flagged(RuleNotify("bd-deal"), RuleNotify("custom-watch"))
    assert router.plan(alert, {"slack": slack()}) == {
        "slack:#biotech-deals": IMMEDIATE,
        "slack:#market-signals": DIGEST,
    }


def test_a_target_one_rule_wants_now_and_another_in_the_digest_goes_now() -> None:
    alert = flagged(RuleNotify("a", "#desk", digest=True), RuleNotify("b", "#desk"))
    assert Router().plan(alert, {"slack": slack()}) == {"slack:#desk": IMMEDIATE}
    both_digest = flagged(RuleNotify("a", "#desk", digest=True), RuleNotify("b", "#desk", digest=True))
    assert Router().plan(both_digest, {"slack": slack()}) == {"slack:#desk": DIGEST}
    critical = flagged(RuleNotify("a", "#desk", digest=True), severity="critical")
    assert Router().plan(critical, {"slack": slack()}) == {"slack:#desk": IMMEDIATE}, "critical never waits"
    assert Router().mode_for(both_digest, "slack:#desk", {"slack": slack()}) == DIGEST
    assert Router().mode_for(both_digest, "slack:#elsewhere", {"slack": slack()}) == IMMEDIATE


def test_a_record_written_before_alerts_kept_each_rules_routing_goes_where_its_lead_said() -> None:
    old = Alert.from_json(
        '{"id": "x", "rule": "bd-deal", "rules": ["bd-deal", "y"], "channel": "#deals", "digest": false, '
        '"item": {"id": "i", "source": "s", "title": "t"}}'
    )
    assert old.notify == () and old.derived == {}
    assert Router().plan(old, {"slack": slack()}) == {"slack:#deals": IMMEDIATE}


# --- bundled packs and an author's rule, recorded and sent -----------------------------------------------------


@pytest.fixture
def sqlite(tmp_path: Path) -> Iterator[SqliteStore]:
    s = SqliteStore(tmp_path / "w.db")
    yield s
    s.close()


def engine(tmp_path: Path) -> Any:
    (tmp_path / "author.yaml").write_text(AUTHOR_RULE, encoding="utf-8")
    return load_ruleset([ROOT / "rules" / "packs", tmp_path / "author.yaml"]).ruleset().keyword


def test_an_authors_channel_is_honoured_when_a_bundled_rule_flags_the_same_deal(
    tmp_path: Path, sqlite: SqliteStore, slack_server: SlackServer
) -> None:
    slack_server.channels.update({"#hengrui-desk"})
    now = time.time() - 5
    item = Item(id="zh-1", source="zh-wire", title=HENGRUI, link="https://news.test/zh-1")
    [alert] = alerts_for(item, engine(tmp_path).match(item), now)
    assert alert.rules == ("bd-deal", "hengrui-licensing-100m") and alert.rule == "bd-deal", (
        "one alert, led by the most severe"
    )
    notifier = SlackNotifier(slack_server.token, "#market-signals", slack_server.base_url, max_retries=0)
    settings = DeliverySettings(retry_base=0.01, retry_cap=0.05)
    outbox = Outbox(sqlite, {"slack": notifier}, settings)
    assert AlertRecorder(sqlite, {"slack": notifier}, RecordSettings()).record([AlertIntent(alert)], now) == 1
    assert outbox.run().sent == 2

    posted = slack_server.posted()
    assert sorted(m.channel for m in posted) == ["#hengrui-desk", "#market-signals"], "each target once"
    for m in posted:
        assert block_problems(m.blocks) == []
        meta = m.blocks[-1]["elements"][0]["text"]
        assert "rules `bd-deal`, `hengrui-licensing-100m`" in meta, "the card names every rule that fired"
    assert outbox.run().sent == 0


def test_a_deal_below_the_authors_threshold_goes_only_where_the_bundled_rule_sends_it(tmp_path: Path) -> None:
    item = Item(id="zh-2", source="zh-wire", title="恒瑞医药与默沙东达成HRS-7535授权协议，首付款5亿元")  # ≈ $70m
    [alert] = alerts_for(item, engine(tmp_path).match(item), time.time())
    assert alert.rules == ("bd-deal",)
    assert Router().plan(alert, {"slack": slack()}) == {"slack:#market-signals": IMMEDIATE}


# --- event identity: one report's extra detail cannot split an event -----------------------------------------


def deal(outlet: str, title: str, **fields: Any) -> Alert:
    item = Item(id=f"{outlet}-1", source=outlet, title=title, link=f"https://news.test/{outlet}")
    return Alert(
        alert_id(outlet, item.id, "bd_deal"),
        "bd-deal",
        item,
        event="bd_deal",
        fields=fields,
        created_at=time.time(),
        derived=fields.pop("derived", {}),
    )


def test_a_later_report_that_adds_the_asset_joins_the_first_alerts_thread(sqlite: SqliteStore) -> None:
    recorder = AlertRecorder(sqlite, {"console": ConsoleNotifier(io.StringIO())})
    first = deal("fierce", "GSK to acquire RAPT", licensor="RAPT Therapeutics", licensee="GSK")
    zh = deal(
        "zh-wire",
        "GSK以22億美元收購RAPT",
        licensor="RAPT Therapeutics",
        licensee="葛蘭素史克",
        asset="JYB1904",
        derived={"licensee_en": "GSK"},
    )
    one = deal(
        "endpoints", "AstraZeneca licenses CSPC's YS2302018", licensor="CSPC", licensee="AstraZeneca", asset="YS2302018"
    )
    two = deal(
        "stat", "AstraZeneca and CSPC sign SYH2051 pact", licensor="CSPC", licensee="AstraZeneca", asset="SYH2051"
    )
    again = deal("bio", "AZ licenses SYH-2051", licensor="石药集团", licensee="阿斯利康", asset="SYH-2051",
                 derived={"licensor_en": "CSPC", "licensee_en": "AstraZeneca"})  # fmt: skip
    for a in (first, zh, one, two, again):
        assert recorder.record([AlertIntent(a)], a.created_at) == 1
    got = {a.item.source: a for a in sqlite.recent_alerts(10)}
    assert got["fierce"].event_key == "bd_deal|gsk|rapt" and got["fierce"].thread_of is None
    assert got["zh-wire"].thread_of == got["fierce"].id, "Chinese names fold to the English party; the asset joins"
    assert got["endpoints"].thread_of is None and got["endpoints"].event_key == "bd_deal|astrazeneca|cspc"
    assert got["stat"].thread_of is None, "another asset named by both is another deal"
    assert got["stat"].event_key == "bd_deal|astrazeneca|cspc|syh2051"
    assert got["bio"].thread_of == got["stat"].id


def test_one_brokers_call_reported_with_and_without_a_target_is_one_event(sqlite: SqliteStore) -> None:
    recorder = AlertRecorder(sqlite, {"console": ConsoleNotifier(io.StringIO())})

    def call(outlet: str, **fields: Any) -> Alert:
        item = Item(id=f"{outlet}-1", source=outlet, title=f"{outlet} call", link=f"https://news.test/{outlet}")
        derived = fields.pop("derived", {})
        return Alert(alert_id(outlet, item.id, "pt"), "pt", item, event="price_target", fields=fields, derived=derived)

    calls = [
        call("a", broker="Morgan Stanley", company="Moderna", ticker="MRNA", rating="Overweight", target=60,
             action="upgrade", derived={"rating_level": "outperform"}),
        call("b", broker="大摩 (Morgan Stanley)", company="Moderna", rating="增持", action="upgrade",
             derived={"rating_level": "outperform", "broker_en": "Morgan Stanley"}),
        call("c", broker="Morgan Stanley", company="Moderna", target=60, action="raise_target"),
        call("d", broker="Morgan Stanley", company="Moderna", target=75, action="raise_target"),
    ]  # fmt: skip
    for a in calls:
        assert recorder.record([AlertIntent(a)], time.time()) == 1
    got = {a.item.source: a for a in sqlite.recent_alerts(10)}
    assert got["a"].event_key == "price_target|moderna|morgan stanley"
    assert got["b"].thread_of == got["c"].thread_of == got["a"].id, "the same call, however it is worded"
    assert got["d"].thread_of is None, "another target from the same broker is another call"


# --- as a user runs it ---------------------------------------------------------------------------------------


@pytest.mark.system
def test_once_posts_to_every_rules_channel_and_alerts_lists_every_rule(
    tmp_path: Path, feed_server: FeedServer, slack_server: SlackServer
) -> None:
    slack_server.channels.update({"#hengrui-desk"})
    feed_server.put("/zh.xml", rss([{"guid": "zh-1", "title": HENGRUI, "link": "http://news.test/zh-1"}]))
    (tmp_path / "author.yaml").write_text(AUTHOR_RULE, encoding="utf-8")
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text(
        f"""
store: sqlite:///{tmp_path}/w.db
rules: [{ROOT / "rules" / "packs"}, author.yaml]
sources:
  - {{id: zh-wire, url: "{feed_server.url("/zh.xml")}", on_first_fetch: alert}}
notify:
  console: false
  slack: {{token: "${{SLACK_BOT_TOKEN}}", base_url: "${{SLACK_API_URL}}", channel: "#market-signals"}}
fetch: {{allow_private_addresses: true}}
""",
        encoding="utf-8",
    )
    env = {"SLACK_BOT_TOKEN": slack_server.token, "SLACK_API_URL": slack_server.base_url}
    r = run_cli("once", "--config", str(cfg), cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr
    assert sorted(m.channel for m in slack_server.posted()) == ["#hengrui-desk", "#market-signals"]

    r = run_cli("alerts", "--config", str(cfg), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    rows = r.stdout.splitlines()[1:]
    assert len(rows) == 2 and all("bd-deal, hengrui-licensing-100m" in row for row in rows), r.stdout
    assert any("slack:#hengrui-desk" in row for row in rows) and any("slack:#market-signals" in row for row in rows)
    r = run_cli("alerts", "--csv", "--config", str(cfg), cwd=tmp_path)
    table = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {row["channel"] for row in table} == {"slack:#hengrui-desk", "slack:#market-signals"}
    assert all(row["rule"] == "bd-deal" and row["rules"] == "bd-deal hengrui-licensing-100m" for row in table)


def test_the_shipped_samples_post_gsk_rapt_once_with_the_chinese_report_in_its_thread(sqlite: SqliteStore) -> None:
    """The English and the Traditional Chinese sample feeds both report GSK–RAPT: one card, one reply."""
    from collectors.feed_parse import parse_feed

    rules = load_ruleset([ROOT / "rules" / "packs"]).ruleset().keyword
    recorder = AlertRecorder(sqlite, {"console": ConsoleNotifier(io.StringIO())})
    now = time.time()
    for name, source in (("biotech-news.xml", "sample-biotech"), ("markets-zh-hant.xml", "sample-markets-zh")):
        feed = parse_feed((ROOT / "samples" / "feeds" / name).read_bytes(), source)
        for item in feed.items:
            recorder.record([AlertIntent(a) for a in alerts_for(item, rules.match(item), now)], now)
    gsk = [
        a
        for a in sqlite.recent_alerts(100)
        if a.event == "bd_deal"
        and {a.derived.get("licensee_en"), a.derived.get("licensor_en")} == {"GSK", "RAPT Therapeutics"}
    ]
    first = [a for a in gsk if a.thread_of is None]
    assert len(first) == 1 and first[0].event_key == "bd_deal|gsk|rapt", [a.event_key for a in gsk]
    assert [a.item.source for a in gsk if a.thread_of == first[0].id] == ["sample-markets-zh"]
