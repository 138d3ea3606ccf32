"""`wirewatch sources add` checks a feed before it goes into the config: one fetch with the daemon's own
fetcher and limits (private addresses refused unless allowed, body size and time capped), read the way the
daemon will read it, and described for the operator (title, entries, a sample; for data feeds the series,
observations and the latest value).

For `--type series` the layout is inferred from what came back — a FRED fredgraph.csv, FRED API JSON, or a CSV
whose first column is the date and whose other columns are series — and written into the entry, so the
operator can rename series or set units afterwards in the config.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from collectors.encoding import to_utf8
from collectors.feed_parse import read_feed
from collectors.http_fetch import Fetcher, FetchLimits, FetchResult
from collectors.series_layout import SeriesParseError
from domain.formats import number, published
from wirewatch.config import SeriesSourceConfig
from wirewatch.opml import slug

SERIES_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$")


@dataclass(frozen=True, slots=True)
class Probe:
    """What one fetch of a would-be source found."""

    ok: bool
    error: str = ""  # why it cannot be added
    title: str = ""
    lines: tuple[str, ...] = ()  # what it holds, for the operator
    entry: dict[str, Any] = field(default_factory=dict)  # keys to write besides id, type, url, interval


def default_id(url: str, title: str) -> str:
    """An id from the feed's title, else from the host (without www. and the top-level domain)."""
    if fromtitle := slug(title):
        return fromtitle
    where = urlsplit(url)
    host = (where.hostname or "").lower().removeprefix("www.")
    stem = where.path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if re.fullmatch(r"[\d.]+|[\da-f:]+", host):  # an address, not a name: the file it serves says more
        base = slug(stem) or "feed"
    else:
        parts = host.split(".")
        base = slug(".".join(parts[:-1]) if len(parts) > 1 else host) or slug(stem) or "feed"
    query = parse_qs(urlsplit(url).query)
    series = (query.get("id") or query.get("series_id") or [""])[0]
    return slug(f"{base} {series}") if series else base


def unique_id(wanted: str, taken: set[str]) -> str:
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"


async def fetch_once(url: str, limits: FetchLimits) -> FetchResult:
    fetcher = Fetcher(limits)
    try:
        return await fetcher.fetch(url)
    finally:
        await fetcher.aclose()


def describe_feed(got: FetchResult, sample: int = 3) -> Probe:
    """An RSS/Atom body as the daemon reads it (charset corrected, parsed safely), or why it is not a feed."""
    body = got.body or b""
    decoded = to_utf8(body, got.content_type)
    doc = read_feed(decoded.body, "probe", decoded.content_type, base_url=got.url)
    if doc.error:
        hint = "; for CSV or JSON data use --type series" if looks_like_data(body) else ""
        return Probe(False, doc.error + hint)
    items = doc.items()
    lines = [f"{doc.title or '(no title)'}: {len(items)} entries" + (f" ({decoded.note})" if decoded.note else "")]
    for item in items[:sample]:
        when = published(item.published)
        lines.append(f"  {when + '  ' if when else ''}{item.title[:100]}")
    if len(items) > sample:
        lines.append(f"  … and {len(items) - sample} more")
    return Probe(True, title=doc.title, lines=tuple(lines))


def looks_like_data(body: bytes) -> bool:
    head = body[:256].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in (b"{", b"[") or (b"," in head.split(b"\n", 1)[0] and not head.startswith(b"<"))


def series_layout(url: str, body: bytes, source_id: str) -> dict[str, Any]:
    """The keys of a `type: series` entry for this body: format, date column and series (ids as the columns
    are named where they can be ids). ValueError when the layout cannot be told from the data."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        if b'"observations"' in body[:65536]:
            named = (parse_qs(urlsplit(url).query).get("series_id") or [source_id])[0]
            return {"format": "fred_json", "series": [named if SERIES_ID.match(named) else slug(named)]}
        raise ValueError(
            "JSON data other than FRED's API: add the source by hand with `records:` and the fields of its series "
            "(operator's guide, 'Data feeds')"
        )
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = body.decode("gb18030", errors="replace")
    rows = (line for line in io.StringIO(text) if line.strip() and not line.lstrip().startswith("#"))
    header = next(csv.reader(rows), [])
    header = [h.strip() for h in header]
    if len(header) < 2:
        raise ValueError("not CSV with a date column and at least one value column")
    date, columns = header[0], header[1:]
    entry: dict[str, Any] = {}
    if date in ("observation_date", "DATE"):
        entry["format"] = "fred_csv"
    else:
        entry["format"] = "csv"
        if date != "date":
            entry["date_column"] = date
    series: list[Any] = []
    for column in columns:
        if SERIES_ID.match(column):
            series.append(column)
        else:
            series.append({"id": slug(column) or f"{source_id}-{len(series) + 1}", "column": column})
    entry["series"] = series
    return entry


def describe_series(source: SeriesSourceConfig, got: FetchResult) -> Probe:
    """A data body read with the entry's layout, as the daemon will: per series, observations and the latest."""
    from collectors.series_parse import parse_series
    from wirewatch.readers.series_alerts import layout_of

    try:
        points = parse_series(got.body or b"", layout_of(source), got.content_type)
    except SeriesParseError as exc:
        return Probe(False, f"not data: {exc}")
    lines = [f"{len(source.series)} series ({source.format})"]
    for s in source.series:
        got_points = points.get(s.id, [])
        latest = f", latest {got_points[-1].period} = {number(got_points[-1].value)}" if got_points else ""
        count = f"{len(got_points)} observation" + ("" if len(got_points) == 1 else "s")
        lines.append(f"  {s.id}: {count}{latest}")
    return Probe(True, lines=tuple(lines))
