"""The rule author's language beyond keywords: near, lang, where on extracted fields, named lists, examples
run by `wirewatch test`, the JSON Schema, explain / why-not, and hot reload."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from collectors.item import Item
from rules.engine import RuleEngine
from rules.loader import load_rules
from rules.model import Rule
from rules.reload import RuleWatcher
from rules.schema import SCHEMA_PATH, rule_schema_json
from rules.where import holds, parse_condition
from tests.conftest import ROOT, run_cli
from tests.servers.feeds import FeedServer, rss
from tests.servers.slack import wait_for


def fires(rule: dict[str, object], title: str, summary: str = "", source: str = "s") -> bool:
    engine = RuleEngine([Rule.model_validate({"id": "r", **rule})])
    return bool(engine.match(Item(id="i", source=source, title=title, summary=summary)))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_near_counts_characters_for_chinese_and_words_for_english() -> None:
    zh = {"near": {"terms": ["阿斯利康", "授权"], "within": 6}}
    assert fires(zh, "阿斯利康獲得授權")
    assert not fires(zh, "阿斯利康今天在上海举行了年度投资者大会并宣布授权")
    en = {"near": {"terms": ["license", "upfront"], "within": 3}}
    assert fires(en, "license deal with upfront payment")
    assert not fires(en, "license deal signed today in Boston with a large upfront")


def test_lang_filter() -> None:
    rule = {"any": ["gsk"], "lang": "zh"}
    assert fires(rule, "GSK收购RAPT")
    assert not fires(rule, "GSK buys RAPT")


@pytest.mark.parametrize(
    ("cond", "fields", "expected"),
    [
        ("total >= 1e9", {"total": 1.25e9}, True),
        ("total >= 1e9", {"total": 5e8}, False),
        ("total >= 1e9", {}, False),
        ("currency in [USD, EUR]", {"currency": "USD"}, True),
        ("currency not in [USD]", {"currency": "CNY"}, True),
        ("action in [upgrade, initiate]", {"action": "downgrade"}, False),
        ("broker == 高盛", {"broker": "高盛"}, True),
        ("upside_pct exists", {"upside_pct": 12.0}, True),
        ("old_target missing", {"target": 1}, True),
    ],
)
def test_where_conditions(cond: str, fields: dict[str, object], expected: bool) -> None:
    assert holds(parse_condition(cond), fields) is expected


@pytest.mark.parametrize("bad", ["total >=", "total ~ 3", "currency in USD", "total > big", "x exists 3"])
def test_bad_where_conditions_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_condition(bad)


def test_named_lists_in_terms_and_where(tmp_path: Path) -> None:
    write(
        tmp_path / "lists" / "companies.yaml",
        "lists:\n  watch:\n    - AstraZeneca: [阿斯利康, AZ]\n    - GSK: [葛蘭素史克]\n",
    )
    write(
        tmp_path / "r.yaml",
        "rules:\n  - id: watch\n    any: [$lists.watch]\n    all: [授权]\n"
        "  - id: deal\n    any: [$lists.watch]\n    extract: bd_deal\n    where: ['licensee in $lists.watch']\n",
    )
    engine = load_rules([tmp_path]).engine()
    got = engine.match(Item(id="1", source="s", title="阿斯利康獲得授權"))
    assert [m.rule.id for m in got] == ["watch"] and got[0].terms == ("授权", "阿斯利康")
    assert engine.match(Item(id="2", source="s", title="Pfizer授权")) == []


@pytest.mark.system
def test_unknown_list_extractor_and_field_are_reported_with_position(tmp_path: Path) -> None:
    f = write(
        tmp_path / "r.yaml",
        "rules:\n  - id: a\n    any: [$lists.wach]\n"
        "  - id: b\n    any: [x]\n    extract: bd_dael\n"
        "  - id: c\n    any: [x]\n    extract: bd_deal\n    where: ['totl >= 1']\n",
    )
    write(tmp_path / "lists.yaml", "lists:\n  watch: [a]\n")
    r = run_cli("validate", str(tmp_path), cwd=tmp_path)
    assert r.returncode == 1
    assert f"{f}:3:11: unknown list `$lists.wach`; did you mean `$lists.watch`?" in r.stdout
    assert f"{f}:6:5: `extract`: unknown extractor `bd_dael`; did you mean `bd_deal`?" in r.stdout
    assert "`bd_deal` has no field `totl`; did you mean `total`?" in r.stdout


@pytest.mark.system
def test_examples_run_by_wirewatch_test(tmp_path: Path) -> None:
    write(
        tmp_path / "r.yaml",
        "rules:\n  - id: ok\n    any: [授权]\n    examples:\n      match: [阿斯利康獲得授權]\n      no_match: [天气很好]\n"
        "  - id: wrong\n    any: [license]\n    examples:\n      match: [licensed product]\n",
    )
    r = run_cli("test", str(tmp_path), cwd=tmp_path)
    assert r.returncode == 1
    assert "FAIL wrong: match example 'licensed product' did not fire: none of `any` ['license'] occurs" in r.stdout
    assert "2 rules with examples, 2 passed, 1 failed" in r.stdout


@pytest.mark.system
def test_bundled_packs_carry_passing_examples_for_every_rule() -> None:
    loaded = load_rules([ROOT / "rules" / "packs"])
    without = [r.id for r in loaded.rules if not (r.examples.match and r.examples.no_match)]
    assert without == []
    r = run_cli("test", str(ROOT / "rules" / "packs"), cwd=ROOT)
    assert r.returncode == 0, r.stdout


@pytest.mark.system
def test_worked_examples_in_the_guide_pass() -> None:
    r = run_cli("test", str(ROOT / "docs" / "examples"), cwd=ROOT)
    assert r.returncode == 0 and "7 rules with examples, 16 passed, 0 failed" in r.stdout, r.stdout + r.stderr


def test_committed_schema_is_current_and_packs_reference_it() -> None:
    assert json.loads(SCHEMA_PATH.read_text()) == json.loads(rule_schema_json()), (
        "run `wirewatch schema -o rules/rule.schema.json`"
    )
    for pack in (ROOT / "rules" / "packs").glob("*.yaml"):
        assert pack.read_text().startswith("# yaml-language-server: $schema="), pack


@pytest.mark.system
def test_explain_and_why_not(tmp_path: Path) -> None:
    write(tmp_path / "r.yaml", "rules:\n  - id: deal\n    any: [授权, license]\n    none: [rumour]\n")
    items = [
        {"id": "a", "title": "雙方達成授權合作", "summary": "", "source": "s"},
        {"id": "b", "title": "license rumour", "summary": "", "source": "s"},
    ]
    stdin = "\n".join(json.dumps(i, ensure_ascii=False) for i in items)
    r = run_cli("match", "--rules", str(tmp_path), "--explain", "-", cwd=tmp_path, input=stdin)
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert rows[0]["item"] == "a"
    assert rows[0]["explain"]["spans"] == [{"term": "授权", "in": "title", "start": 4, "end": 6, "text": "授权"}]
    r = run_cli("match", "--rules", str(tmp_path), "--rule", "deal", "--why-not", "-", cwd=tmp_path, input=stdin)
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert rows[0] == {"item": "a", "rule": "deal", "fired": True, "why_not": None}
    assert rows[1]["fired"] is False and "`none` term(s) ['rumour'] occur" in rows[1]["why_not"]


def test_rule_watcher_applies_valid_changes_and_reports_invalid_once(tmp_path: Path) -> None:
    f = write(tmp_path / "r.yaml", "rules:\n  - id: a\n    any: [x]\n")
    watcher = RuleWatcher([tmp_path])
    assert watcher.check() is None
    write(f, "rules:\n  - id: a\n    any: [y]\n")
    os.utime(f, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    result = watcher.check()
    assert result is not None and result.ruleset is not None and result.ruleset.rules[0].any == ["y"]
    write(f, "rules:\n  - id: a\n    anny: [y]\n")
    os.utime(f, ns=(time.time_ns(), time.time_ns() + 2_000_000))
    bad = watcher.check()
    assert bad is not None and bad.ruleset is None and bad.first_report
    assert f"{f}:3:5: unknown key `anny`; did you mean `any`?" in [str(p) for p in bad.problems]
    os.utime(f, ns=(time.time_ns(), time.time_ns() + 3_000_000))
    again = watcher.check()
    assert again is not None and again.ruleset is None and not again.first_report, "told once"


@pytest.mark.system
@pytest.mark.long
def test_daemon_hot_reloads_rules_without_restart(tmp_path: Path, feed_server: FeedServer) -> None:
    rules = write(tmp_path / "rules" / "r.yaml", "rules:\n  - id: old\n    any: [zzzz]\n")
    feed_server.put("/f.xml", rss([{"guid": "1", "title": "nothing yet"}]))
    cfg = write(
        tmp_path / "wirewatch.yaml",
        f"store: sqlite:///{tmp_path}/w.db\nrules: [rules]\nfetch:\n  allow_private_addresses: true\n"
        f"sources:\n  - id: f\n    url: {feed_server.url('/f.xml')}\n    interval: 10\n    on_first_fetch: alert\n",
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "wirewatch", "run", "--config", str(cfg)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_for(lambda: len(feed_server.hits_for("/f.xml")) >= 1, timeout=15)
        time.sleep(1.2)
        write(rules, "rules:\n  - id: new\n    any: [deal]\n")
        time.sleep(2.5)  # the reload applies within 2 s (1 s poll); a margin for a busy machine
        write(rules, "rules:\n  - id: broken\n    anny: [deal]\n")
        time.sleep(2.5)
        feed_server.put("/f.xml", rss([{"guid": "2", "title": "a big deal"}, {"guid": "1", "title": "nothing yet"}]))
        # the next scheduled poll (10 s after the first) fetches the new entry; a stop lets that poll finish
        # and delivers what it recorded, so stopping as soon as the fetch is seen loses nothing
        assert wait_for(lambda: len(feed_server.hits_for("/f.xml")) >= 2, timeout=20)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "rules reloaded: 1 rules" in err
    assert err.count("rule change rejected") == 1
    assert f"{rules}:3:5: unknown key `anny`" in err
    assert "a big deal" in out, "the last good rules keep running"
    assert "Rule change rejected" in out, "the operator notice reaches the console"
