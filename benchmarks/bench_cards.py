"""Card rendering cost: microseconds per alert for `card_for` (Slack blocks, fallback text and console text in one
call, as each notifier asks for it) on a deal, a rating and a print in English and Chinese, a keyword match and
a data-feed print; and the derived fields the rule engine attaches per alert (rules/derived.py). One process,
one core. Runs against any checkout whose `notifier.card.card_for` takes an alert, so an older tree can be
measured the same way (`--root PATH`).

Usage: python benchmarks/bench_cards.py [--rounds 2000] [--root PATH]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from pathlib import Path
from typing import Any


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=2000)
    ap.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    args = ap.parse_args()
    sys.path.insert(0, str(args.root))

    from domain.alert import Alert
    from domain.item import Item
    from notifier.card import card_for

    try:
        from rules.derived import derive
    except ImportError:  # a tree without derived fields
        derive = None
    has_derived = "derived" in {f.name for f in dataclasses.fields(Alert)}

    def alert(title: str, event: str | None, fields: dict[str, Any], summary: str = "", **kw: Any) -> Alert:
        item = Item(id="i", source="wire", title=title, summary=summary, link="https://news.example/a?b=1",
                    published="2026-01-22T08:30:00+00:00")  # fmt: skip
        extra = {"derived": derive(event, fields)} if has_derived and derive is not None else {}
        return Alert(id="a" * 32, rule="r", item=item, event=event, severity="high", fields=fields, rules=("r", "s"),
                     **extra, **kw)  # fmt: skip

    history = {"periods": [f"2025-{m:02d}" for m in range(1, 13)], "values": [6.5 - 0.03 * m for m in range(12)]}
    cases = {
        "deal (en)": alert("GSK to acquire RAPT Therapeutics for $2.2 billion", "bd_deal",
                           {"deal_type": "acquisition", "licensor": "RAPT Therapeutics", "licensee": "GSK",
                            "total": 2.2e9, "currency": "USD"}),
        "deal (zh)": alert("恒瑞医药与默沙东达成HRS-7535授权协议，首付款14亿元", "bd_deal",
                           {"deal_type": "license", "licensor": "恒瑞医药", "licensee": "默沙东", "asset": "HRS-7535",
                            "upfront": 1.4e9, "currency": "CNY"}),
        "rating (en)": alert("Morgan Stanley upgrades Moderna to Overweight", "price_target",
                             {"broker": "Morgan Stanley", "company": "Moderna", "ticker": "MRNA",
                              "rating": "Overweight", "old_rating": "Equal-weight", "target": 60,
                              "old_target": 38, "currency": "USD", "action": "upgrade"}),
        "rating (zh-Hant)": alert("高盛:首次覆蓋影石創新評級", "price_target",
                                  {"broker": "高盛 (Goldman Sachs)", "company": "影石創新", "rating": "買入",
                                   "target": 311, "currency": "CNY", "upside_pct": 39.2, "action": "initiate"}),
        "news print (zh-Hant)": alert("房貸,創新低了!該出大招救市了", "mortgage_print",
                                      {"indicator": "pboc_household_mlt_loans", "value": 1.28e12, "unit": "CNY",
                                       "prior": 2.25e12, "period": "2025"}),
        "keyword (en)": alert("Matrix unveils MATRIX-3 humanoid robot", None, {},
                              summary="Shanghai-based Matrix unveiled MATRIX-3, its humanoid robot. " * 6,
                              matched=("humanoid robot",)),
        "series print": alert("US 30-year fixed mortgage rate: 6.17% for 2025-12", "mortgage_print",
                              {"indicator": "US 30-year fixed mortgage rate", "series": "MORTGAGE30US", "value": 6.17,
                               "unit": "%", "period": "2025-12", "prior": 6.2, "change": -0.03, "history": history},
                              kind="series_print"),
    }  # fmt: skip

    print(f"card_for per alert, {args.rounds} rounds each ({args.root})")
    per: list[float] = []
    for name, a in cases.items():
        card_for(a)  # warm caches (lexicons, converters)
        start = time.perf_counter()
        for _ in range(args.rounds):
            card_for(a)
        us = (time.perf_counter() - start) / args.rounds * 1e6
        per.append(us)
        print(f"  {name:<22} {us:8.1f} µs")
    print(f"  {'median':<22} {statistics.median(per):8.1f} µs   ({1e6 / statistics.median(per):,.0f} cards/s)")

    if derive is not None:
        samples = [(a.event, a.fields) for a in cases.values()]
        start = time.perf_counter()
        for _ in range(args.rounds):
            for event, fields in samples:
                derive(event, fields)
        us = (time.perf_counter() - start) / (args.rounds * len(samples)) * 1e6
        print(f"derived fields per alert (rules/derived.py): {us:.1f} µs")


if __name__ == "__main__":
    main()
