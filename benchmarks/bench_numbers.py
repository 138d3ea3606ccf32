"""Number-and-money parser speed: a 5,000-character Chinese article and hostile inputs (long runs of digits,
units, signs). Prints milliseconds per call; the slowest hostile input against the article, side by side.

Usage: python benchmarks/bench_numbers.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rules.extract.numbers import find_amounts, find_percents
from tests.test_numbers import ARTICLE

HOSTILE = [
    "1" * 5000,
    "一" * 5000,
    "1," * 2500,
    "$" * 5000,
    "1亿" * 2500,
    "減少" * 2500 + "1亿",
    "1." * 2500,
    "5-" * 2500 + "10亿",
    "$1" * 2500,
    "三千五百萬" * 1000,
]


def best_ms(text: str, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        find_amounts(text)
        find_percents(text)
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> int:
    article = (ARTICLE * (5000 // len(ARTICLE) + 1))[:5000]
    a = best_ms(article)
    worst = max(best_ms(h) for h in HOSTILE)
    print(f"5,000-character article: {a:.2f} ms ({len(find_amounts(article))} amounts)")
    print(f"slowest of {len(HOSTILE)} hostile 5,000-character inputs: {worst:.2f} ms ({worst / a:.1f}x the article)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
