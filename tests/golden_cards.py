"""The cards of record: one alert of every kind, in English and in Chinese (Simplified and Traditional where the
script changes what a card shows), rendered by `notifier.card.card_for` / `reply_card` into
`tests/golden/cards/<case>.json` (Slack blocks, the plain-text fallback, the chart's data) and
`<case>.console.txt` (the console card). `tests/test_card_golden.py` checks the committed files against what
the code renders now.

After an intended change to a card, regenerate them and review the diff like code:

    .venv/bin/python -m tests.golden_cards        # rewrites tests/golden/cards/
    git diff tests/golden/cards/

Derived fields come from rules/derived.py, as the rule engine attaches them (English names, rating levels).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from domain.alert import Alert, RuleNotify, alert_id
from domain.delivery import Delivery
from domain.item import Item
from domain.kinds import BD_DEAL, MORTGAGE_PRINT, NOTICE, PRICE_TARGET, SERIES_PRINT, SERIES_REVISION
from notifier.card import Card, card_for, reply_card
from notifier.digests import make_digest
from rules.derived import derive

GOLDEN = Path(__file__).resolve().parent / "golden" / "cards"
T0 = datetime(2026, 1, 22, 9, 0, tzinfo=UTC).timestamp()
PUBLISHED = "2026-01-22T08:30:00+00:00"


def news(
    n: str,
    event: str | None,
    fields: dict[str, Any],
    *,
    title: str,
    summary: str = "",
    source: str = "fierce-biotech",
    rules: tuple[str, ...] = ("bd-deal",),
    severity: str = "high",
    matched: tuple[str, ...] = (),
    context: tuple[str, ...] = (),
) -> Alert:
    """A news alert as the rule engine makes it: fields as extracted, derived fields beside them."""
    item = Item(
        id=n, source=source, title=title, summary=summary, link=f"https://news.example/{n}", published=PUBLISHED
    )
    return Alert(
        id=alert_id(source, n, event or rules[0]),
        rule=rules[0],
        item=item,
        event=event,
        severity=severity,
        matched=matched,
        fields=fields,
        created_at=T0,
        rules=rules,
        context=context,
        notify=tuple(RuleNotify(r) for r in rules),
        derived=derive(event, fields),
    )


def _history(values: list[float], start_month: int = 1) -> dict[str, Any]:
    periods = [f"{2024 + (start_month + i - 1) // 12}-{(start_month + i - 1) % 12 + 1:02d}" for i in range(len(values))]
    return {"periods": periods, "values": values, "frequency": "month"}


# --- the cases ---------------------------------------------------------------------------------------------------


def deal_en() -> Alert:
    return news(
        "gsk-rapt",
        BD_DEAL,
        {
            "deal_type": "acquisition",
            "licensor": "RAPT Therapeutics",
            "licensee": "GSK",
            "total": 2.2e9,
            "currency": "USD",
        },
        title="GSK to acquire RAPT Therapeutics for $2.2 billion",
        rules=("bd-mega-deal", "bd-deal"),
        severity="critical",
        context=("largest deal value since 2025-10 (Novartis, $3.1bn)",),
    )


def deal_license_en() -> Alert:
    return news(
        "biogen",
        BD_DEAL,
        {
            "deal_type": "license",
            "licensee": "Biogen",
            "asset": "BIIB-142",
            "upfront": 8e7,
            "total": 1.25e9,
            "currency": "USD",
        },
        title="Biogen licenses Chinese biotech's bispecific antibody in $1.25 billion deal",
    )


def deal_zh_hans() -> Alert:
    return news(
        "hengrui-msd",
        BD_DEAL,
        {
            "deal_type": "license",
            "licensor": "恒瑞医药",
            "licensee": "默沙东",
            "asset": "HRS-7535",
            "upfront": 1.4e9,
            "total": 1.28e10,
            "currency": "CNY",
        },
        title="恒瑞医药与默沙东达成HRS-7535授权协议，首付款14亿元",
        source="yicai",
        rules=("bd-deal", "hengrui-licensing-100m"),
    )


def deal_zh_hant() -> Alert:
    return news(
        "az-cbmg",
        BD_DEAL,
        {
            "deal_type": "acquisition",
            "licensor": "西比曼生物",
            "licensee": "阿斯利康",
            "total": 6.3e8,
            "currency": "USD",
        },
        title="24小時內28億美元!阿斯利康、GSK瘋搶中國創新藥資產",
        source="markets-zh-hant",
    )


def rating_en() -> Alert:
    return news(
        "mrna-ms",
        PRICE_TARGET,
        {
            "broker": "Morgan Stanley",
            "company": "Moderna",
            "ticker": "MRNA",
            "rating": "Overweight",
            "old_rating": "Equal-weight",
            "target": 60,
            "old_target": 38,
            "currency": "USD",
            "upside_pct": 45.0,
            "action": "upgrade",
        },
        title="Morgan Stanley upgrades Moderna to Overweight, raises price target to $60",
        source="benzinga",
        rules=("analyst-rating-change",),
        severity="medium",
        context=("2nd upgrade on MRNA this month",),
    )


def rating_zh_hant() -> Alert:
    return news(
        "insta360-gs",
        PRICE_TARGET,
        {
            "broker": "高盛 (Goldman Sachs)",
            "company": "影石創新",
            "rating": "買入",
            "target": 311,
            "currency": "CNY",
            "upside_pct": 39.2,
            "action": "initiate",
        },
        title="高盛:首次覆蓋影石創新評級",
        source="markets-zh-hant",
        rules=("analyst-rating-change",),
        severity="medium",
    )


def rating_zh_hans() -> Alert:
    return news(
        "hengrui-ms",
        PRICE_TARGET,
        {
            "broker": "大摩 (Morgan Stanley)",
            "company": "恒瑞医药",
            "ticker": "01276.HK",
            "rating": "增持",
            "target": 60,
            "old_target": 80,
            "currency": "HKD",
            "action": "cut_target",
        },
        title="大摩将恒瑞医药目标价由80港元下调至60港元，维持增持评级",
        source="yicai",
        rules=("analyst-rating-change", "deep-target-cuts"),
        severity="high",
    )


def print_en() -> Alert:
    return news(
        "pmms",
        MORTGAGE_PRINT,
        {"indicator": "us_30y_mortgage_rate", "value": 6.06, "unit": "percent", "period": "2026-01-22", "prior": 6.09},
        title="Mortgage rates fall: 30-year fixed averages 6.06% in Freddie Mac survey",
        source="us-housing",
        rules=("mortgage-credit-print",),
        context=("lowest since 2024-03 in our records",),
    )


def print_zh_hant() -> Alert:
    return news(
        "pboc-mlt",
        MORTGAGE_PRINT,
        {
            "indicator": "pboc_household_mlt_loans",
            "value": 1.28,
            "unit": "兆元",
            "currency": "CNY",
            "prior": 2.25,
            "period": "2025",
        },
        title="房貸,創新低了!該出大招救市了",
        source="markets-zh-hant",
        rules=("mortgage-credit-print",),
    )


def print_zh_hans() -> Alert:
    return news(
        "pboc-short",
        MORTGAGE_PRINT,
        {
            "indicator": "pboc_household_short_loans",
            "value": -8351,
            "unit": "亿元",
            "currency": "CNY",
            "period": "2025",
        },
        title="央行：2025年住户短期贷款减少8351亿元",
        source="yicai",
        rules=("mortgage-credit-print",),
    )


def series_print_en() -> Alert:
    values = [7.04, 6.95, 6.87, 6.79, 6.72, 6.85, 6.91, 6.73, 6.62, 6.54, 6.31, 6.17, 6.09, 6.06]
    item = Item(
        id="MORTGAGE30US@2026-01-22",
        source="fred-mortgage30us",
        title="US 30-year fixed mortgage rate: 6.06% for 2026-01-22",
        link="https://fred.stlouisfed.org/series/MORTGAGE30US",
    )
    fields = {
        "indicator": "US 30-year fixed mortgage rate",
        "series": "MORTGAGE30US",
        "value": 6.06,
        "unit": "%",
        "period": "2026-01-22",
        "prior": 6.09,
        "prior_period": "2026-01-15",
        "change": -0.03,
        "same_period_last_year": 6.96,
        "year_ago_period": "2025-01-23",
        "change_year": -0.9,
        "record": "lowest since 2024-03",
        "fired": ["us30y-52-week-low: lowest in 52 observations (6.06)"],
        "link": "https://fred.stlouisfed.org/series/MORTGAGE30US",
        "history": _history(values),
    }
    return Alert(
        id=alert_id("fred-mortgage30us", item.id, "mortgage_print"),
        rule="us30y-52-week-low",
        item=item,
        event=MORTGAGE_PRINT,
        severity="high",
        fields=fields,
        created_at=T0,
        rules=("us30y-52-week-low",),
        kind=SERIES_PRINT,
    )


def series_print_zh() -> Alert:
    values = [4520.0, 364.0, 7135.0, -2251.0, 1200.0, 980.0, -300.0]
    item = Item(
        id="pboc-household-loans@2025-12", source="pboc-household-loans", title="Household loans: −300亿元 for 2025-12"
    )
    fields = {
        "indicator": "Household loans",
        "series": "pboc-household-loans",
        "value": -300.0,
        "unit": "亿元",
        "period": "2025-12",
        "prior": 980.0,
        "prior_period": "2025-11",
        "change": -1280.0,
        "same_period_last_year": 4520.0,
        "year_ago_period": "2024-12",
        "change_year": -4820.0,
        "record": None,
        "fired": ["pboc-household-loans-negative: negative (−300)"],
        "link": "",
        "history": _history(values, 6),
    }
    return Alert(
        id=alert_id("pboc", item.id, "mortgage_print"),
        rule="pboc-household-loans-negative",
        item=item,
        event=MORTGAGE_PRINT,
        severity="high",
        fields=fields,
        created_at=T0,
        rules=("pboc-household-loans-negative",),
        kind=SERIES_PRINT,
    )


def revision_en() -> Alert:
    item = Item(
        id="MORTGAGE30US@2025-11-06",
        source="fred-mortgage30us",
        title="US 30-year fixed mortgage rate: 2025-11-06 revised from 6.22% to 6.24%",
        link="https://fred.stlouisfed.org/series/MORTGAGE30US",
    )
    fields = {
        "indicator": "US 30-year fixed mortgage rate",
        "series": "MORTGAGE30US",
        "period": "2025-11-06",
        "value": 6.24,
        "previous": 6.22,
        "revision": 0.02,
        "unit": "%",
        "link": "https://fred.stlouisfed.org/series/MORTGAGE30US",
    }
    return Alert(
        id=alert_id("fred-mortgage30us", item.id, "revision:6.22->6.24"),
        rule="revision",
        item=item,
        event="series_revision",
        severity="info",
        description="A published value was revised",
        fields=fields,
        created_at=T0,
        kind=SERIES_REVISION,
    )


def keyword_en() -> Alert:
    return news(
        "robot",
        None,
        {},
        title="Stocks <fall> as yields rise; Matrix unveils MATRIX-3 humanoid robot",
        summary="Shanghai-based Matrix unveiled MATRIX-3, its third-generation humanoid robot, with dexterous hands.",
        source="tech-wire",
        rules=("humanoid-robots",),
        severity="low",
        matched=("humanoid robot",),
    )


def keyword_zh_hant() -> Alert:
    return news(
        "zh-license",
        None,
        {},
        title="西比曼與阿斯利康簽訂獨家許可協議",
        summary="西比曼與阿斯利康簽訂獨家許可協議，授權其開發GPC3 CAR-T療法，首付款可觀。",
        source="markets-zh-hant",
        rules=("zh-licensing-watch",),
        severity="medium",
        matched=("独家许可",),
    )


def notice_en() -> Alert:
    item = Item(
        id="health:failing:1768000000",
        source="fierce-biotech",
        title="Feed fierce-biotech failing: 3 failed polls in a row: HTTP 503",
        link="https://www.fiercebiotech.com/rss/xml",
    )
    fields = {
        "reason": "3 failed polls in a row: HTTP 503",
        "failing since": "2026-01-22 08:45:00Z",
        "next retry": "2026-01-22 09:05:00Z",
    }
    return Alert(
        id=alert_id("fierce-biotech", item.id, "ops"),
        rule="feed-health",
        item=item,
        event="source_failing",
        severity="high",
        description="feed health",
        fields=fields,
        created_at=T0,
        rules=("feed-health",),
        kind=NOTICE,
    )


def digest_en() -> Alert:
    members = [
        (deal_license_en(), "over budget (20 per h)"),
        (dataclasses.replace(rating_zh_hant(), severity="low"), "digest route"),
        (dataclasses.replace(keyword_en(), thread_of="0" * 32), "digest route"),
    ]
    held = [(a, Delivery(a.id, "slack:#market-signals", "held", last_error=why, updated_at=T0)) for a, why in members]
    return make_digest("slack:#market-signals", held, T0 + 3600, 3600.0, more=2)


def reply_en() -> tuple[Alert, Alert]:
    parent = deal_en()
    later = news(
        "gsk-rapt-endpoints",
        BD_DEAL,
        {
            "deal_type": "acquisition",
            "licensor": "RAPT Therapeutics, Inc.",
            "licensee": "GSK plc",
            "asset": "RPT904",
            "total": 2.3e9,
            "currency": "USD",
        },
        title="GSK buys RAPT in $2.2B deal for its long-acting anti-IgE antibody",
        source="endpoints",
    )
    return dataclasses.replace(later, thread_of=parent.id), parent


def reply_zh_hant() -> tuple[Alert, Alert]:
    parent = deal_en()
    later = news(
        "gsk-rapt-zh",
        BD_DEAL,
        {
            "deal_type": "acquisition",
            "licensor": "RAPT Therapeutics",
            "licensee": "葛蘭素史克",
            "asset": "JYB1904",
            "total": 2.2e9,
            "currency": "USD",
        },
        title="GSK以22億美元收購RAPT Therapeutics,核心資產為長效抗IgE抗體JYB1904",
        source="markets-zh-hant",
    )
    return dataclasses.replace(later, thread_of=parent.id), parent


CASES: dict[str, Callable[[], Card]] = {
    "deal-acquisition-en": lambda: card_for(deal_en()),
    "deal-license-en": lambda: card_for(deal_license_en()),
    "deal-license-zh-hans": lambda: card_for(deal_zh_hans()),
    "deal-acquisition-zh-hant": lambda: card_for(deal_zh_hant()),
    "rating-upgrade-en": lambda: card_for(rating_en()),
    "rating-initiation-zh-hant": lambda: card_for(rating_zh_hant()),
    "rating-target-cut-zh-hans": lambda: card_for(rating_zh_hans()),
    "news-print-rate-en": lambda: card_for(print_en()),
    "news-print-loans-zh-hant": lambda: card_for(print_zh_hant()),
    "news-print-loans-zh-hans": lambda: card_for(print_zh_hans()),
    "series-print-rate-en": lambda: card_for(series_print_en()),
    "series-print-loans-zh": lambda: card_for(series_print_zh()),
    "revision-en": lambda: card_for(revision_en()),
    "digest-en": lambda: card_for(digest_en()),
    "keyword-en": lambda: card_for(keyword_en()),
    "keyword-zh-hant": lambda: card_for(keyword_zh_hant()),
    "notice-en": lambda: card_for(notice_en()),
    "reply-en": lambda: reply_card(*reply_en()),
    "reply-zh-hant": lambda: reply_card(*reply_zh_hant()),
}


def rendered(card: Card) -> dict[str, str]:
    """A card as its golden files: the JSON (fallback, blocks, chart data) and the console text."""
    data: dict[str, Any] = {"text": card.text, "blocks": card.blocks}
    if card.chart is not None:
        data["chart"] = dataclasses.asdict(card.chart)
    return {
        ".json": json.dumps(data, ensure_ascii=False, indent=2) + "\n",
        ".console.txt": card.console + "\n",
    }


def render_all() -> dict[str, str]:
    """File name → content, for every case."""
    return {f"{name}{suffix}": text for name, make in CASES.items() for suffix, text in rendered(make()).items()}


def write(folder: Path = GOLDEN) -> list[str]:
    """Rewrite the golden files in `folder` (stale ones removed); returns the names written."""
    folder.mkdir(parents=True, exist_ok=True)
    files = render_all()
    for stale in folder.iterdir():
        if stale.name not in files:
            stale.unlink()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return sorted(files)


if __name__ == "__main__":
    names = write(Path(sys.argv[1]) if len(sys.argv) > 1 else GOLDEN)
    print(f"{len(names)} golden files written to {sys.argv[1] if len(sys.argv) > 1 else GOLDEN}")
