"""Event types as a registry (notifier/events.py): one card per alert wherever it is sent, a series print as a
kind of its own, and a new event type added end to end by one registry entry, its extractor and its card."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from domain.alert import Alert
from domain.item import Item
from domain.kinds import NEWS_EVENTS, SERIES_PRINT
from notifier.blocks import assemble
from notifier.card import card_for
from notifier.cards.common import Card, Facts, compose, console_text, fallback
from notifier.console import ConsoleNotifier
from notifier.events import EVENT_TYPES, EventType, event_type
from notifier.slack import SlackNotifier
from notifier.webhook import WebhookNotifier
from rules.alerts import alerts_for
from rules.engine import RuleEngine
from rules.extract import EXTRACTORS, FIELD_NAMES, Document
from rules.model import Rule
from rules.series_engine import History, SeriesEngine
from rules.series_loader import load_series_rules
from store.sqlite_store import SqliteStore
from tests.conftest import ROOT
from tests.servers.slack import SlackServer, block_problems
from wirewatch.config import SeriesSourceConfig
from wirewatch.delivery import Outbox
from wirewatch.readers.base import AlertIntent
from wirewatch.readers.series_alerts import print_alert
from wirewatch.recorder import AlertRecorder


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    s = SqliteStore(tmp_path / "w.db")
    yield s
    s.close()


def series_print() -> Alert:
    """A new weekly print of the US 30-year rate that the bundled series rules call a 52-week low."""
    source = SeriesSourceConfig.model_validate(
        {
            "id": "fred-mortgage30us",
            "type": "series",
            "url": "https://fred.stlouisfed.org/graph/fredgraph.csv?id=MORTGAGE30US",
            "format": "fred_csv",
            "link": "https://fred.stlouisfed.org/series/MORTGAGE30US",
            "series": [{"id": "MORTGAGE30US", "name": "US 30-year fixed mortgage rate", "unit": "%"}],
        }
    )
    periods = [f"2024-{m:02d}-{d:02d}" for m in range(1, 13) for d in (4, 18)]
    values = [7.0 - 0.02 * i for i in range(len(periods))]
    values[-1] = values[-2] - 0.2  # a drop of 20 bp
    history = History(periods, values)
    engine = SeriesEngine(load_series_rules([ROOT / "rules" / "packs"]).rules)
    [alert] = print_alert(source, source.series[0], history, engine.evaluate("MORTGAGE30US", history), time.time())
    return alert


def test_a_series_print_is_its_own_kind_and_every_target_shows_the_same_card(slack_server: SlackServer) -> None:
    alert = series_print()
    assert alert.kind == SERIES_PRINT and alert.event == "mortgage_print", "the event name stays the contract"
    card = card_for(alert)
    assert card.chart is not None and len(card.chart.values) == 24

    slack = SlackNotifier(slack_server.token, "#market-signals", slack_server.base_url, max_retries=0)
    webhook = WebhookNotifier(slack_server.webhook_url, max_retries=0)
    assert slack.send(alert, "slack:#market-signals").ok
    assert webhook.send(alert, "webhook").ok
    by_bot, by_webhook = slack_server.posted()
    assert by_bot.blocks == by_webhook.blocks == card.blocks
    assert by_bot.text == by_webhook.text == card.text
    assert block_problems(card.blocks) == []
    shown = "\n".join(
        [b["text"]["text"] for b in card.blocks if b.get("text")]
        + [f["text"] for b in card.blocks for f in b.get("fields", [])]
    )
    assert "US 30-year fixed mortgage rate 6.36% (−20 bp) for 2024-12, lowest on record" in shown.splitlines()[0]
    assert "*Change*\n−20 bp" in shown and " pp" not in shown, "a rate moves in basis points on every target"
    assert "'periods'" not in shown and "{" not in shown, "the history is drawn, never dumped"
    assert len(slack_server.uploads) == 1, "the bot adds the chart in the thread; a webhook cannot"

    out = io.StringIO()
    assert ConsoleNotifier(out).send(alert, "console").ok
    assert out.getvalue().strip() == card.console
    assert "Prior: 6.56% (2024-12)" in card.console and "Change: −20 bp" in card.console and "▁" in card.console


def test_news_event_types_declare_their_extractors_fields() -> None:
    for name in NEWS_EVENTS:
        assert EVENT_TYPES[name].fields == FIELD_NAMES[name]
    unknown = Alert("x" * 32, "r", Item(id="1", source="s", title="t"), event="zh_news")
    assert event_type(unknown).card is EVENT_TYPES["keyword"].card and not event_type(unknown).clustered


# --- a fourth event type, end to end ---------------------------------------------------------------------------
#
# Everything a new type needs, and nothing else: its extractor (with its FIELD_NAMES entry), its card (blocks,
# summary, console), its registry entry (fields, key, history, summary, card) — and this test. The poll shell,
# recorder, outbox, routing and notifiers are untouched.

APPROVAL = "fda_approval"
APPROVAL_FIELDS = ("drug", "company", "indication")


def extract_approval(doc: Document) -> dict[str, Any] | None:
    """`FDA approves <drug> (<company>) for <indication>` — a toy extractor."""
    title = doc.title
    if not title.startswith("FDA approves "):
        return None
    drug, _, rest = title[len("FDA approves ") :].partition(" (")
    company, _, indication = rest.partition(") for ")
    return {"drug": drug, "company": company, "indication": indication}


def approval_summary(alert: Alert) -> str:
    f = alert.fields
    return f"FDA approval: {f.get('drug')} ({f.get('company')}) for {f.get('indication')}"


def approval_card(alert: Alert) -> Card:
    f = alert.fields
    what = Facts(
        approval_summary(alert),
        "FDA approval",
        tuple((k.capitalize(), str(f.get(k) or "")) for k in APPROVAL_FIELDS),
        known=APPROVAL_FIELDS,
    )
    return Card(fallback(alert, what.headline), assemble(compose(alert, what)), console_text(alert, what))


def approval_key(alert: Alert) -> str | None:
    drug = str(alert.fields.get("drug") or "").lower()
    return f"{APPROVAL}|{drug}" if drug else None


def approval_history(alert: Alert, earlier: Any) -> tuple[str, ...]:
    company = alert.fields.get("company")
    n = sum(1 for a in earlier if a.kind == APPROVAL and not a.thread_of and a.fields.get("company") == company)
    return (f"approval number {n + 1} for {alert.fields.get('company')} in our records",) if n else ()


@pytest.fixture
def fourth_type(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(EXTRACTORS, APPROVAL, extract_approval)
    monkeypatch.setitem(FIELD_NAMES, APPROVAL, APPROVAL_FIELDS)
    entry = EventType(APPROVAL, APPROVAL_FIELDS, approval_card, approval_summary, approval_key, approval_history)
    monkeypatch.setitem(EVENT_TYPES, APPROVAL, entry)


@pytest.mark.usefixtures("fourth_type")
def test_a_fourth_event_type_needs_one_registry_entry_its_extractor_and_its_card(store: SqliteStore) -> None:
    rule = Rule.model_validate(
        {"id": "fda", "event": APPROVAL, "extract": APPROVAL, "all": ["FDA approves"], "where": ["drug != ''"]}
    )
    engine = RuleEngine([rule])
    out = io.StringIO()
    notifiers = {"console": ConsoleNotifier(out)}
    recorder = AlertRecorder(store, notifiers)
    outbox = Outbox(store, notifiers)
    now = time.time() - 10  # recorded a little while ago: due now
    titles = [
        ("wire", "FDA approves Zeltra (Acme Bio) for psoriasis"),
        ("other", "FDA approves Zeltra (Acme Bio) for psoriasis in adults"),  # the same event, another outlet
        ("wire", "FDA approves Quorin (Acme Bio) for asthma"),  # Acme's second approval
    ]
    for n, (source, title) in enumerate(titles):
        item = Item(id=f"i{n}", source=source, title=title, link=f"https://news.test/{n}")
        intents = [AlertIntent(a) for a in alerts_for(item, engine.match(item), now + n)]
        assert recorder.record(intents, now + n) == 1
    assert outbox.run().sent == 3

    first, reply, second = (store.get_alert(a.id) for a in sorted(store.recent_alerts(3), key=lambda a: a.item.id))
    assert first is not None and reply is not None and second is not None
    assert first.kind == APPROVAL and first.event_key == "fda_approval|zeltra"
    assert reply.thread_of == first.id, "its event key threads the second outlet's report"
    assert second.context == ("approval number 2 for Acme Bio in our records",), "its history context"
    printed = out.getvalue()
    assert "┌─ [MEDIUM] FDA approval: Zeltra (Acme Bio) for psoriasis" in printed, "its summary leads on the console"
    assert "↳ also reported by other" in printed
    card = card_for(second)
    assert card.text.startswith("[MEDIUM] FDA approval: Quorin (Acme Bio) for asthma —")
    assert block_problems(card.blocks) == []
    assert "*Indication*\nasthma" in [f["text"] for b in card.blocks for f in b.get("fields", [])]
