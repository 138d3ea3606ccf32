"""What one poll of a data feed costs: a MORTGAGE30US-sized fredgraph.csv (2,800 weekly rows since 1971) through
parse → diff → rules → store, on the embedded store, and the chart drawn for Slack.

Prints CPU milliseconds per operation (time.process_time, median of several runs) side by side, so an unchanged
poll can be compared with a poll that brings a print. No network: the poll is fed a FetchResult directly.

    .venv/bin/python benchmarks/bench_series.py
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from collectors.http_fetch import Fetcher, FetchLimits, FetchResult  # noqa: E402
from collectors.schedule import PollPolicy  # noqa: E402
from collectors.series_parse import parse_series  # noqa: E402
from collectors.series_update import diff_series  # noqa: E402
from domain.observation import Observation  # noqa: E402
from domain.source_state import SourceState  # noqa: E402
from notifier.card import card_for  # noqa: E402
from notifier.chart import chart_png  # noqa: E402
from rules.engine import RuleEngine  # noqa: E402
from rules.ruleset import RuleSet  # noqa: E402
from rules.series_engine import History, SeriesEngine  # noqa: E402
from rules.series_loader import load_series_rules  # noqa: E402
from store.sqlite_store import SqliteStore  # noqa: E402
from wirewatch.config import SeriesSourceConfig  # noqa: E402
from wirewatch.poll import Poller  # noqa: E402
from wirewatch.readers.series_alerts import layout_of, print_alert  # noqa: E402
from wirewatch.recorder import AlertRecorder  # noqa: E402

ROWS = 2_800


def csv(rows: int, last: float | None = None) -> bytes:
    """Weekly rows since 1971; `last` replaces the final value (a 52-week low makes a print worth alerting)."""
    start = dt.date(1971, 4, 2)
    lines = [
        f"{(start + dt.timedelta(weeks=i)).isoformat()},{7 + 3 * math.sin(i / 97) + 0.3 * math.sin(i / 5):.2f}"
        for i in range(rows)
    ]
    if last is not None:
        lines[-1] = lines[-1].split(",")[0] + f",{last}"
    return ("observation_date,MORTGAGE30US\n" + "\n".join(lines) + "\n").encode()


def cpu_ms(fn: Callable[[], object], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        times.append((time.process_time() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    source = SeriesSourceConfig.model_validate(
        {
            "id": "fred",
            "type": "series",
            "url": "http://127.0.0.1/fredgraph.csv",
            "format": "fred_csv",
            "series": [{"id": "MORTGAGE30US", "unit": "%"}],
        }
    )
    layout = layout_of(source)
    engine = SeriesEngine(load_series_rules([ROOT / "rules" / "packs"]).rules)
    old, new = csv(ROWS), csv(ROWS + 1, last=1.0)
    points = parse_series(new, layout)["MORTGAGE30US"]
    stored = [Observation("MORTGAGE30US", p.period, p.value, "v0") for p in points[:-1]]
    history = History([p.period for p in points], [p.value for p in points])

    parse = cpu_ms(lambda: parse_series(new, layout))
    diff = cpu_ms(lambda: diff_series("MORTGAGE30US", stored, points, "v1"))
    rules = cpu_ms(lambda: engine.evaluate("MORTGAGE30US", history))
    alert = print_alert(source, source.series[0], history, engine.evaluate("MORTGAGE30US", history), 0.0)[0]
    drawing = card_for(alert).chart
    assert drawing is not None
    t = time.process_time()
    chart_png(drawing)
    chart_first = (time.process_time() - t) * 1000
    chart = cpu_ms(lambda: chart_png(drawing))

    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteStore(Path(tmp) / "w.db")
        ruleset = RuleSet(RuleEngine([]), engine)
        poll = Poller(store, Fetcher(FetchLimits()), AlertRecorder(store, {}), ruleset, PollPolicy())
        state = SourceState("fred")
        first = FetchResult(url=source.url, status=200, body=old, etag='"a"', content_type="text/csv")
        report = poll.settle(source, state, first)  # baseline: history loaded
        assert report.state is not None
        state = report.state
        same = FetchResult(url=source.url, status=200, body=old, etag='"b"', content_type="text/csv")
        unchanged = cpu_ms(lambda: poll.settle(source, state, same))
        grown = FetchResult(url=source.url, status=200, body=new, etag='"c"', content_type="text/csv")

        # each run sees the new row as a print again: rewind the stored rows to the baseline first
        def with_print() -> None:
            store._conn().execute("DELETE FROM observations WHERE period = ?", (points[-1].period,))
            poll.settle(source, state, grown)

        printed = cpu_ms(with_print)
        store.close()

    rows = [
        ("parse 2,801-row fredgraph.csv (pandas)", parse),
        ("diff against 2,800 stored observations", diff),
        (f"evaluate {len(engine.rules)} bundled series rules on one print", rules),
        ("poll, same body again (hash: no parse)", unchanged),
        ("poll with a new print (parse, diff, rules, outbox, store)", printed),
        ("chart PNG, first (imports matplotlib)", chart_first),
        ("chart PNG, warm", chart),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'operation':<{width}}  {'CPU ms':>8}  {'× unchanged poll':>16}")
    for name, ms in rows:
        print(f"{name:<{width}}  {ms:8.2f}  {ms / unchanged:16.1f}")


if __name__ == "__main__":
    main()
