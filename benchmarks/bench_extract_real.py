"""Extraction throughput on real text: the bundled packs through normalise + match + extract, on items made
from the real-news corpora (`../shared/corpus/real-news-dev*.jsonl`: headline + lead), repeated to N items.

Generated short items hide the cost (few of them reach an extractor); real headlines and leads are what the
daemon sees. Prints items/s, what each extractor costs per item when called on every item, and the slowest
single item, also for hostile inputs (long texts full of numbers, units and trigger words).

Usage: python benchmarks/bench_extract_real.py [--items 20000]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from collectors.item import Item
from rules.engine import RuleEngine
from rules.extract import Document, extractor_names, get_extractor
from rules.loader import BUNDLED_PACKS, load_rules
from rules.normalize import fold

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_items() -> list[Item]:
    rows = [
        json.loads(line)
        for path in sorted(CORPUS.glob("real-news-dev*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return [
        Item(id=f"r{i}", source="bench", title=r["title"], summary=r["summary"], published="2026-01-20T08:00:00Z")
        for i, r in enumerate(rows)
    ]


def hostile_items() -> list[Item]:
    """Inputs meant to be slow: long, dense in numbers, units, currencies and trigger words."""
    en = "Pfizer to acquire Seagen for $43 billion, up to $1.2bn upfront and 3.5% royalties; target $60 from $38. "
    zh = "恒瑞医药向默沙东授权,首付款1.2億美元,总额最高达17.7亿美元,目标价311元,住户贷款增加1.28兆元,环比增长3.5%。"
    digits = "1,234,567.89 亿 万 兆 USD EUR 元 % " * 2000
    return [
        Item(id="h1", source="bench", title=en[:100], summary=en * 400),
        Item(id="h2", source="bench", title=zh[:40], summary=zh * 800),
        Item(id="h3", source="bench", title="Deal", summary=digits),
        Item(id="h4", source="bench", title="目标价" * 300, summary="(" * 20000 + "授权" * 5000),
        Item(id="h5", source="bench", title="x", summary="a" * 100_000),
    ]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=20_000)
    args = ap.parse_args()
    base = corpus_items()
    if not base:
        print(f"no corpus under {CORPUS}")
        return 1
    loaded = load_rules([BUNDLED_PACKS])
    engine = RuleEngine(loaded.rules, loaded.lists)
    items = [base[i % len(base)] for i in range(args.items)]
    chars = sum(len(i.title) + len(i.summary) for i in base) / len(base)
    print(f"{len(base)} real items (mean {chars:.0f} characters), repeated to {len(items):,}")

    start = time.perf_counter()
    for it in items:
        fold(it.title)
        fold(it.summary)
    fold_s = time.perf_counter() - start

    start, cpu = time.perf_counter(), time.process_time()
    matches = 0
    for it in items:
        matches += len(engine.match(it))
    total_s = time.perf_counter() - start
    cpu_s = time.process_time() - cpu  # on a shared machine the CPU time says more than the wall time
    print(
        f"bundled packs, normalise + match + extract: {len(items) / total_s:,.0f} items/s "
        f"({len(items) / cpu_s:,.0f} per CPU second; {matches:,} matches)"
    )
    print(f"  of which folding alone: {fold_s / total_s:.0%} ({len(items) / fold_s:,.0f} items/s)")

    for name in extractor_names():
        fn = get_extractor(name)
        docs = [Document(it) for it in items[: len(base) * 5]]
        start = time.perf_counter()
        for d in docs:
            fn(d)
        per = (time.perf_counter() - start) / len(docs)
        print(f"  extractor {name:15s} {per * 1e6:7.1f} µs per item, called on every item")

    worst = (0.0, 0.0, "")  # CPU time (what the item costs, whatever else the machine runs), wall time, which
    for it in [*base, *hostile_items()]:
        start, cpu = time.perf_counter(), time.process_time()
        engine.match(it)
        took, wall = time.process_time() - cpu, time.perf_counter() - start
        if took > worst[0]:
            worst = (took, wall, f"{it.id} ({len(it.title) + len(it.summary):,} characters)")
    print(
        f"slowest single item: {worst[0] * 1e3:.1f} ms CPU ({worst[1] * 1e3:.1f} ms wall) — {worst[2]} "
        "(goal: under 50 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
