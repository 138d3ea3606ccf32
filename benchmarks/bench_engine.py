"""Rule-engine throughput: items/s for 10, 100 and 1,000 keyword rules over the same generated mixed
Chinese/English corpus, the ratio 1,000-rule time / 10-rule time, and items/s with the bundled packs
(keyword prefilter + extractors). One process, one core, measured side by side in one run.

Usage: python benchmarks/bench_engine.py [--items 20000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from domain.item import Item
from rules.engine import RuleEngine
from rules.loader import BUNDLED_PACKS, load_rules
from rules.model import Rule

EN_WORDS = [
    "the",
    "company",
    "said",
    "on",
    "monday",
    "that",
    "it",
    "would",
    "expand",
    "its",
    "pipeline",
    "after",
    "quarterly",
    "results",
    "beat",
    "estimates",
    "while",
    "investors",
    "weighed",
    "the",
    "outlook",
    "for",
    "rates",
    "inflation",
    "growth",
    "and",
    "demand",
    "across",
    "markets",
    "in",
    "asia",
    "europe",
    "and",
    "america",
    "analysts",
    "expect",
    "margins",
    "to",
    "improve",
    "as",
    "costs",
    "ease",
    "and",
    "new",
    "products",
    "launch",
    "later",
    "this",
    "year",
    "according",
    "to",
    "people",
    "familiar",
    "with",
    "the",
    "matter",
    "who",
    "asked",
    "not",
    "to",
    "be",
    "named",
    "because",
    "the",
    "talks",
    "are",
    "private",
]
ZH_CHARS = (
    "公司表示今年将继续扩大产能市场需求稳步增长投资者关注利率通胀以及经济前景分析师预计利润率将改善新产品将在下半年推出"
    "根据知情人士透露相关谈判仍在进行中监管部门表示将加强对行业的指导银行业金融机构持续加大对实体经济的支持力度"
)
SIGNALS = [
    "Pfizer signs exclusive license agreement with Chinese biotech for $80 million upfront",
    "GSK to acquire RAPT Therapeutics for $2.2 billion",
    "Morgan Stanley upgrades Moderna to Overweight, raises price target to $60",
    "Mortgage rates fall: 30-year fixed averages 6.06%, Freddie Mac says",
    "恒瑞医药与GSK签订授权协议,首付款5亿美元",
    "高盛首次覆盖影石创新,给予买入评级,目标价311元",
    "央行:2025年住户贷款增加4417亿元,中长期贷款增加1.28兆元",
]


def corpus(n: int, rng: random.Random) -> list[Item]:
    items = []
    for i in range(n):
        if rng.random() < 0.5:
            title = " ".join(rng.choices(EN_WORDS, k=12)).capitalize()
            summary = " ".join(rng.choices(EN_WORDS, k=60))
        else:
            title = "".join(rng.choices(ZH_CHARS, k=18))
            summary = "".join(rng.choices(ZH_CHARS, k=150))
        if rng.random() < 0.05:
            title = rng.choice(SIGNALS)
        items.append(Item(id=str(i), source=f"src-{i % 50}", title=title, summary=summary))
    return items


def synthetic_rules(n: int, rng: random.Random) -> list[Rule]:
    """Rules shaped like real ones: a few `any` terms, sometimes `all`/`none`, mixed scripts; terms mostly rare."""
    vocab_en = [
        f"{a}{b}"
        for a in ("bio", "pharma", "thera", "onco", "immu", "gene", "cardio", "neuro")
        for b in ("tek", "gen", "max", "nova", "vex", "lix", "cor", "zen", "rix", "quon")
    ]
    vocab_zh = [a + b for a in "恒信百君复石药华海齐" for b in ("瑞医药", "达生物", "济神州", "实生物", "星医药")]
    rules = []
    for i in range(n):
        words = rng.sample(vocab_en, 3) + rng.sample(vocab_zh, 2)
        spec: dict[str, object] = {"id": f"r{i}", "any": words}
        if i % 3 == 0:
            spec["all"] = [rng.choice(["license", "acquire", "授权", "收购", "target"])]
        if i % 5 == 0:
            spec["none"] = [rng.choice(["rumour", "传闻", "webinar"])]
        rules.append(Rule.model_validate(spec))
    return rules


def throughput(engine: RuleEngine, items: list[Item]) -> tuple[float, int]:
    start = time.perf_counter()
    matches = sum(len(engine.match(it)) for it in items)
    return time.perf_counter() - start, matches


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    items = corpus(args.items, rng)
    chars = sum(len(i.title) + len(i.summary) for i in items)
    print(f"corpus: {len(items)} items, {chars / 1e6:.1f} M characters, ~50% Chinese")
    times = {}
    for n in (10, 100, 1000):
        engine = RuleEngine(synthetic_rules(n, random.Random(n)))
        throughput(engine, items[:500])  # warm-up
        seconds, matches = throughput(engine, items)
        times[n] = seconds
        print(f"{n:>5} rules: {len(items) / seconds:>9,.0f} items/s  ({seconds:.2f} s, {matches} matches)")
    print(f"ratio 1,000-rule time / 10-rule time: {times[1000] / times[10]:.2f}")
    loaded = load_rules([BUNDLED_PACKS])
    packs = loaded.engine()
    keywords_only = RuleEngine([r.model_copy(update={"extract": None, "where": []}) for r in loaded.rules])
    results = {}
    for name, engine in (("keywords only", keywords_only), ("with extractors", packs)):
        throughput(engine, items[:500])
        seconds, matches = throughput(engine, items)
        results[name] = seconds
        print(
            f"bundled packs ({len(engine.rules)} rules, {name}): {len(items) / seconds:>9,.0f} items/s "
            f"({seconds:.2f} s, {matches} matches)"
        )
    print(
        f"extraction cost: packs with extractors take {results['with extractors'] / results['keywords only']:.2f}x "
        "the keyword-only time"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
