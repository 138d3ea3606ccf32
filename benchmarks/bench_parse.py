"""Parse CPU per feed and near-duplicate start-up cost, before and after, side by side in one run.

Parse: a 20-entry RSS feed with HTML content (paragraphs, links, images, entities; ~27 KB), as news sites
send. "changed" is a poll that finds 1 new entry among 20; "full" converts every entry (a first fetch).
- before: feedparser with its HTML sanitizer and URI resolution, then BeautifulSoup text extraction for
  every entry (the path this replaced, kept below verbatim in spirit);
- after: `parse_feed` with sanitizer and URI resolution off, ids first, and the stdlib tokenizer for only
  the entries selected (the new one on a changed poll).

Dedupe: import time and memory of `notifier.dedupe` (own MinHash) against its former import set (the same
modules plus datasketch, which pulls numpy and scipy), each in a fresh interpreter; and CPU for one
alert's signature and band keys.

CPU is `time.process_time()`, best of `--repeat` rounds (a shared machine's noise only ever adds).
Usage: .venv/bin/python benchmarks/bench_parse.py [--rounds 50] [--repeat 5]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from email.utils import formatdate
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import feedparser  # noqa: E402

from collectors.feed_parse import content_hash, entry_identity, parse_feed  # noqa: E402
from notifier import dedupe  # noqa: E402


def feed(newest: int, entries: int = 20) -> bytes:
    items = []
    for g in range(newest, newest - entries, -1):
        para = (
            f"<p>Company {g} (NASDAQ:C{g}) said on Tuesday that its <b>quarterly revenue</b> rose 12% to "
            f"<a href='https://news.test/{g}?utm=1&amp;x=2'>$1.2&nbsp;billion</a>, beating estimates.</p>"
            "<p><img src='https://cdn.test/i.jpg' width='600' alt='chart'/></p>"
        )
        html = "<div class='article'>" + para * 3 + "<p>Read more &raquo;</p></div>"
        items.append(
            f"<item><guid isPermaLink='false'>id-{g}</guid>"
            f"<title>Company {g} beats estimates &amp; raises outlook</title>"
            f"<link>https://news.test/{g}</link><pubDate>{formatdate(1.7e9 + g * 60, usegmt=True)}</pubDate>"
            f"<description>{escape(para)}</description><content:encoded><![CDATA[{html}]]></content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>Wire</title><link>https://news.test/</link><description>d</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


# --- the path before: sanitizing feedparser, BeautifulSoup on every entry ----------------------------------


def legacy_html_to_text(fragment: str, limit: int = 20_000) -> str:
    import html
    import re

    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

    ws = re.compile(r"\s+")
    if not fragment:
        return ""
    if "<" not in fragment and "&" not in fragment:
        return ws.sub(" ", fragment).strip()[:limit]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(fragment, "html.parser")
    for tag in soup(("script", "style", "noscript", "iframe", "object", "svg")):
        tag.decompose()
    for tag in soup(("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section")):
        tag.insert_before(" ")
        tag.insert_after(" ")
    return ws.sub(" ", html.unescape(soup.get_text(" "))).strip()[:limit]


def legacy_parse(body: bytes) -> list[tuple[str, str, str]]:
    """(id, title, summary) of every entry, as the former parse_feed made them."""
    parsed = feedparser.parse(body, response_headers={"content-type": "application/rss+xml"})
    out = []
    for entry in parsed.get("entries") or []:
        title = legacy_html_to_text(entry.get("title", ""), 1_000)
        contents = [c.get("value", "") for c in entry.get("content") or [] if isinstance(c, dict)]
        summary = legacy_html_to_text(max([entry.get("summary", "") or "", *contents], key=len))
        out.append((entry_identity(entry, title, summary), title, summary))
        content_hash(title, summary)
    return out


def cpu_ms(fn: Callable[[], Any], rounds: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for _ in range(rounds):
            fn()
        best = min(best, (time.process_time() - start) / rounds * 1000)
    return best


def parse_section(rounds: int, repeat: int) -> None:
    body = feed(100)
    new_id = "id-100"
    after_changed = cpu_ms(lambda: parse_feed(body, "s", select=lambda ids: [new_id]), rounds, repeat)
    after_full = cpu_ms(lambda: parse_feed(body, "s"), rounds, repeat)
    assert [i.id for i in parse_feed(body, "s", select=lambda ids: [new_id]).items] == [new_id]
    try:
        import bs4  # noqa: F401
    except ImportError:
        print(f"parse, {len(body)} bytes, 20 entries: before skipped (beautifulsoup4 not installed)")
        print(f"  after: changed feed {after_changed:.2f} ms, full feed {after_full:.2f} ms")
        return
    before = cpu_ms(lambda: legacy_parse(body), rounds, repeat)  # the same work whether 1 or 20 entries are new
    print(f"parse CPU per feed ({len(body):,} bytes, 20 entries with HTML content), best of {repeat}")
    print(f"{'':<28}{'before ms':>10}{'after ms':>10}{'after/before':>14}")
    print(f"{'changed feed (1 new of 20)':<28}{before:>10.2f}{after_changed:>10.2f}{after_changed / before:>14.2f}")
    print(f"{'full feed (20 entries)':<28}{before:>10.2f}{after_full:>10.2f}{after_full / before:>14.2f}")


# --- dedupe: import cost, signature cost --------------------------------------------------------------------

_IMPORT_PROBE = """
import json, sys, time
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
import rules.normalize, store.records  # imported by the daemon anyway: not counted
base, t = rss(), time.perf_counter()
{imports}
print(json.dumps({{"s": time.perf_counter() - t, "mib": rss() - base}}))
"""


def import_cost(imports: str, repeat: int) -> tuple[float, float] | None:
    runs = []
    for _ in range(repeat):
        r = subprocess.run(
            [sys.executable, "-c", _IMPORT_PROBE.format(imports=imports)], capture_output=True, text=True, cwd=ROOT
        )
        if r.returncode != 0:
            return None
        got = json.loads(r.stdout)
        runs.append((got["s"], got["mib"]))
    return min(s for s, _ in runs), min(m for _, m in runs)


def legacy_signature(text: str) -> list[str]:
    from datasketch import MinHash as DatasketchMinHash

    grams = {text[i : i + 5].encode("utf-8") for i in range(len(text) - 4)}
    mh = DatasketchMinHash(num_perm=128, seed=20251125)
    mh.update_batch(list(grams))
    values = mh.hashvalues
    return [
        f"sim|{b}|{hashlib.blake2b(values[b * 4 : (b + 1) * 4].tobytes(), digest_size=8).hexdigest()}"
        for b in range(32)
    ]


def dedupe_section(rounds: int, repeat: int) -> None:
    after = import_cost("import notifier.dedupe", repeat)
    before = import_cost("import datasketch; from datasketch import MinHash", repeat)
    print("\nnotifier.dedupe import (fresh interpreter, beyond rules.normalize + store.records), best of", repeat)
    print(f"{'':<28}{'seconds':>10}{'MiB':>10}")
    if before is not None:
        print(f"{'before (datasketch, numpy)':<28}{before[0]:>10.3f}{before[1]:>10.1f}")
    else:
        print(f"{'before (datasketch, numpy)':<28}{'skipped: datasketch not installed':>30}")
    assert after is not None
    print(f"{'after (own MinHash)':<28}{after[0]:>10.3f}{after[1]:>10.1f}")
    sentences = " ".join(f"Company {i * 7 % 101} said revenue {i * 13 % 97} rose in unit {i}." for i in range(800))
    for label, text in (("one alert (~600 chars)", sentences[:600]), ("one alert (20,000 chars)", sentences[:20_000])):
        new = cpu_ms(lambda t=text: dedupe.band_keys(dedupe.signature(t)), rounds, repeat)  # type: ignore[misc,arg-type]
        try:
            old: float | None = cpu_ms(lambda t=text: legacy_signature(t), rounds, repeat)  # type: ignore[misc]
        except ImportError:
            old = None
        shown = f"{old:.2f} ms" if old is not None else "n/a"
        print(f"signature + band keys, {label}: before {shown}, after {new:.2f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    parse_section(args.rounds, args.repeat)
    dedupe_section(max(5, args.rounds // 5), args.repeat)


if __name__ == "__main__":
    main()
