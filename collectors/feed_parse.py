"""Bytes → Items for RSS/Atom. Pure: no network, no clock, so it is tested directly.

feedparser is only ever handed bytes (never a URL or path: it would fetch without a timeout or read files).
"""

from __future__ import annotations

import hashlib
import time
import xml.sax
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser
import feedparser.api
from defusedxml.common import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

from collectors.html_text import html_to_text
from collectors.item import Item


class _SafeExpatParser(DefusedExpatParser):  # type: ignore[misc]  # defusedxml ships no stubs
    """defusedxml's expat reader, reporting a refused construct as a SAX error.

    defusedxml raises `DefusedXmlException` (a ValueError), which feedparser does not catch: it would escape
    `feedparser.parse`. As a `SAXParseException` feedparser marks the feed bozo and uses its loose parser.
    """

    def feed(self, data: Any, isFinal: bool = False) -> None:
        try:
            super().feed(data, isFinal)
        except DefusedXmlException as exc:
            raise xml.sax.SAXParseException(f"refused: {exc!r}", exc, self) from exc


def create_parser() -> _SafeExpatParser:
    """SAX driver hook: `xml.sax.make_parser` imports this module by name and calls it."""
    return _SafeExpatParser()


# Parse network XML with defusedxml's expat reader: entity declarations (billion laughs) and external
# entities are refused; feedparser then falls back to its loose parser, which never expands them.
feedparser.api.PREFERRED_XML_PARSERS = [__name__]

SUMMARY_LIMIT = 20_000


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    items: list[Item] = field(default_factory=list)
    title: str = ""
    warning: str | None = None  # feedparser's bozo reason when entries still parsed
    error: str | None = None  # set when nothing usable parsed: the fetch counts as failed


def _iso(struct: time.struct_time | None) -> str | None:
    if not struct:
        return None
    try:
        return datetime(*struct[:6], tzinfo=UTC).isoformat()
    except (TypeError, ValueError):
        return None


def content_hash(*parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:24]


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    candidates = [c.get("value", "") for c in contents if isinstance(c, dict)]
    summary = entry.get("summary", "") or ""
    # Prefer the longer of summary and full content: some feeds put a teaser in one and the body in the other.
    best = max([summary, *candidates], key=len)
    return html_to_text(best, SUMMARY_LIMIT)


def entry_identity(entry: Any, title: str, summary: str) -> str:
    """guid → link → content hash: the first that the feed provides."""
    guid = (entry.get("id") or "").strip()
    if guid:
        return guid
    link = (entry.get("link") or "").strip()
    if link:
        return link
    return "sha256:" + content_hash(title, summary)


def parse_feed(body: bytes, source_id: str, content_type: str | None = None) -> ParsedFeed:
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(body, response_headers=headers)
    bozo = str(parsed.get("bozo_exception") or "") if parsed.get("bozo") else None
    entries = parsed.get("entries") or []
    if not entries:
        if not parsed.get("version"):
            head = body[:512].lstrip().lower()
            looks_html = head.startswith((b"<!doctype html", b"<html")) or b"<html" in head
            what = "an HTML page" if looks_html else "not an RSS/Atom document"
            reason = f"response is {what}" + (f" ({bozo})" if bozo else "")
            return ParsedFeed(error=reason)
        return ParsedFeed(title=html_to_text(parsed.feed.get("title", "")), warning=bozo)

    items: list[Item] = []
    used: set[str] = set()
    seen: set[tuple[str, str]] = set()  # (identity, content hash) of every entry kept
    for entry in entries:
        title = html_to_text(entry.get("title", ""), 1_000)
        summary = _entry_text(entry)
        ident = entry_identity(entry, title, summary)
        digest = content_hash(title, summary)
        if (ident, digest) in seen:
            continue  # an exact duplicate entry
        seen.add((ident, digest))
        if ident in used:  # a feed that repeats a guid for different entries: keep both, apart
            ident = f"{ident}#{digest[:12]}"
            if ident in used:
                continue
        used.add(ident)
        items.append(
            Item(
                id=ident,
                source=source_id,
                title=title,
                summary=summary,
                link=(entry.get("link") or "").strip(),
                published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            )
        )
    return ParsedFeed(items=items, title=html_to_text(parsed.feed.get("title", "")), warning=bozo)
