"""Bytes → Items for RSS/Atom. Pure: no network, no clock, so it is tested directly.

feedparser is only ever handed bytes (never a URL or path: it would fetch without a timeout or read files).
Its HTML sanitizer and relative-URI rewriting are off: we never render feed HTML, we reduce it to text
(`html_to_text`), so sanitizing first only doubled the work.

Entry ids come first and cost almost nothing; text extraction is paid only for the entries the caller
wants (`parse_feed(..., select=...)`, or `read_feed` then `FeedDocument.items`), which on a poll are the
few entries not seen before.
"""

from __future__ import annotations

import hashlib
import time
import xml.sax
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from defusedxml.common import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

from collectors.html_text import html_to_text, plain_text
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


_feedparser: Any = None


def _parser() -> Any:
    """feedparser, loaded with the first feed parsed (a daemon with only series sources never pays its import).

    Network XML is parsed with defusedxml's expat reader: entity declarations (billion laughs) and external
    entities are refused; feedparser then falls back to its loose parser, which never expands them."""
    global _feedparser
    if _feedparser is None:
        import feedparser
        import feedparser.api

        feedparser.api.PREFERRED_XML_PARSERS = [__name__]
        _feedparser = feedparser
    return _feedparser


SUMMARY_LIMIT = 20_000
TITLE_LIMIT = 1_000
LINK_LIMIT = 2_000  # longer "links" are junk or attacks; a card would show them before the title
LINK_SCHEMES = frozenset({"http", "https"})  # javascript:, data:, vbscript:, file: ... never reach an Item

Select = Callable[[list[str]], Iterable[str]]


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    items: list[Item] = field(default_factory=list)
    title: str = ""
    warning: str | None = None  # feedparser's bozo reason when entries still parsed
    error: str | None = None  # set when nothing usable parsed: the fetch counts as failed
    ids: tuple[str, ...] = ()  # every entry's id in feed order, converted to an Item or not


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


def text_field(value: str, detail: Any, limit: int) -> str:
    """A title as text. feedparser has already decoded a plain-text title ("Stocks <fall> as yields rise"
    arrives as exactly that): only HTML or XHTML titles are stripped, so text that looks like a tag stays."""
    kind = detail.get("type", "") if isinstance(detail, dict) else ""
    return html_to_text(value, limit) if "html" in kind else plain_text(value, limit)


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    candidates = [c.get("value", "") for c in contents if isinstance(c, dict)]
    summary = entry.get("summary", "") or ""
    # Prefer the longer of summary and full content: some feeds put a teaser in one and the body in the other.
    best = max([summary, *candidates], key=len)
    return html_to_text(best, SUMMARY_LIMIT)


def safe_link(raw: str, base_url: str | None = None) -> str:
    """The entry's link if it is an http(s) URL of sane length, else "" (never a script or data URL)."""
    link = raw.strip()
    if not link or len(link) > LINK_LIMIT:
        return ""
    try:
        if base_url and not urlsplit(link).scheme:
            link = urljoin(base_url, link)
        parts = urlsplit(link)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return ""
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc or len(link) > LINK_LIMIT:
        return ""
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in link):
        return ""
    return link


def entry_identity(entry: Any, title: str, summary: str) -> str:
    """guid → link → content hash: the first that the feed provides."""
    return _declared_identity(entry) or "sha256:" + content_hash(title, summary)


def _declared_identity(entry: Any) -> str:
    """guid, else link, as the feed wrote it (an unsafe link still names the entry: ids stay stable)."""
    return (entry.get("id") or "").strip() or (entry.get("link") or "").strip()


class FeedDocument:
    """One parsed feed: every entry's id at once, Items only for the entries asked for.

    Text is extracted lazily and once per entry: ids need it only for entries without guid or link, or
    whose guid repeats (their content tells them apart).
    """

    def __init__(self, parsed: Any, source_id: str, base_url: str | None = None):
        self.source_id = source_id
        self.base_url = base_url
        self.warning: str | None = str(parsed.get("bozo_exception") or "") if parsed.get("bozo") else None
        self.error: str | None = None
        feed = parsed.get("feed") or {}
        self.title = text_field(feed.get("title", ""), feed.get("title_detail"), TITLE_LIMIT)
        self._entries: list[Any] = list(parsed.get("entries") or [])
        self._texts: dict[int, tuple[str, str]] = {}
        self._index: dict[str, int] = {}  # id → entry position, for entries kept (exact duplicates dropped)
        self.ids: list[str] = self._identify()

    @property
    def extracted(self) -> int:
        """How many entries' text has been extracted so far (the cost this class exists to avoid)."""
        return len(self._texts)

    def _text(self, n: int) -> tuple[str, str]:
        got = self._texts.get(n)
        if got is None:
            entry = self._entries[n]
            title = text_field(entry.get("title", ""), entry.get("title_detail"), TITLE_LIMIT)
            got = self._texts[n] = (title, _entry_text(entry))
        return got

    def _digest(self, n: int) -> str:
        return content_hash(*self._text(n))

    def _identify(self) -> list[str]:
        ids: list[str] = []
        by_ident: dict[str, list[int]] = {}  # identity → positions of the entries kept under it
        for n, entry in enumerate(self._entries):
            ident = _declared_identity(entry) or "sha256:" + self._digest(n)
            earlier = by_ident.setdefault(ident, [])
            if earlier and any(self._digest(m) == self._digest(n) for m in earlier):
                continue  # an exact duplicate entry
            earlier.append(n)
            if ident in self._index:  # a feed that repeats a guid for different entries: keep both, apart
                ident = f"{ident}#{self._digest(n)[:12]}"
                if ident in self._index:
                    continue
            self._index[ident] = n
            ids.append(ident)
        return ids

    def item(self, ident: str) -> Item:
        n = self._index[ident]
        entry = self._entries[n]
        title, summary = self._text(n)
        return Item(
            id=ident,
            source=self.source_id,
            title=title,
            summary=summary,
            link=safe_link(entry.get("link") or "", self.base_url),
            published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
        )

    def items(self, ids: Iterable[str] | None = None) -> list[Item]:
        """Items in feed order: all, or those of `ids` (unknown ids are ignored)."""
        wanted = None if ids is None else set(ids)
        return [self.item(i) for i in self.ids if wanted is None or i in wanted]


def _not_a_feed(body: bytes, warning: str | None) -> str:
    head = body[:512].lstrip().lower()
    looks_html = head.startswith((b"<!doctype html", b"<html")) or b"<html" in head
    what = "an HTML page" if looks_html else "not an RSS/Atom document"
    return f"response is {what}" + (f" ({warning})" if warning else "")


def read_feed(
    body: bytes, source_id: str, content_type: str | None = None, *, base_url: str | None = None
) -> FeedDocument:
    """Parse once; `.ids` at once, `.items(ids)` on demand. `.error` is set when nothing usable parsed."""
    headers = {"content-type": content_type} if content_type else {}
    parsed = _parser().parse(body, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)
    doc = FeedDocument(parsed, source_id, base_url)
    if not doc.ids and not parsed.get("version"):
        doc.error = _not_a_feed(body, doc.warning)
    return doc


def parse_feed(
    body: bytes,
    source_id: str,
    content_type: str | None = None,
    *,
    select: Select | None = None,
    base_url: str | None = None,
) -> ParsedFeed:
    """Bytes → ParsedFeed. `select(ids)` (all ids, feed order) names the entries to convert, e.g. the store's
    unseen ones; `items` then holds only those, `ids` still every entry. Relative links are resolved against
    `base_url` when given."""
    doc = read_feed(body, source_id, content_type, base_url=base_url)
    if doc.error:
        return ParsedFeed(error=doc.error)
    chosen = None if select is None else select(list(doc.ids))
    return ParsedFeed(items=doc.items(chosen), title=doc.title, warning=doc.warning, ids=tuple(doc.ids))
