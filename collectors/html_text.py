"""Feed summaries are HTML fragments; rules and readers want plain text.

One pass of the standard library's tokenizer (`html.parser`, the same one BeautifulSoup used here, without
building a tree): text kept, scripts, styles and embedded objects dropped, block elements turned into word
breaks, entities decoded, whitespace collapsed. We never render HTML, only reduce it to text, so nothing here
needs to be a sanitizer.

Bounded on hostile input: fragments are fed in doubling chunks and reading stops once the text is over the
cap (a megabyte article costs its first screens); at most `MAX_INPUT` characters are read; and the parser is
never `close()`d, since `HTMLParser.close()` on Python < 3.13.5 re-scans to the end for every unterminated
`<` (quadratic: 120 KB of `<a b="` took 28 s). What is left unparsed at the end is markup that never ended,
dropped as HTML5 does at end of input, or plain text held back for a possible entity.
"""

from __future__ import annotations

import html
import re
from html.entities import html5
from html.parser import HTMLParser

_WS = re.compile(r"\s+")
_NAMED_REF = re.compile(r"&([A-Za-z][A-Za-z0-9]{0,31});")
_DROP = frozenset({"script", "style", "noscript", "iframe", "object", "svg", "template"})
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "img", "li", "main", "nav",
        "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
# Elements that never have an end tag: they open nothing
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
_CHUNK = 8192  # first chunk; each next one is twice as large, so re-scans of a pending construct stay linear
MAX_INPUT = 1 << 20
_MARKUP_START = re.compile(r"<[A-Za-z/!?]")


class _TextCollector(HTMLParser):
    """Collects the text outside dropped elements; block boundaries become spaces.

    Open elements are kept on a stack, as a tree builder would: an end tag closes everything opened after
    its start tag (so `<b><noscript>x</b>y` keeps "y"), and a stray end tag closes nothing.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.size = 0  # characters collected so far (before collapsing whitespace)
        self._stack: list[str] = []  # open elements, innermost last
        self._counts: dict[str, int] = {}  # how many of each are open: a stray end tag is found in O(1)
        self._dropping = 0  # how many of them are dropped elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append(" ")
        if tag not in _VOID:
            self._stack.append(tag)
            self._counts[tag] = self._counts.get(tag, 0) + 1
            self._dropping += tag in _DROP

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:  # <br/>; a self-closed <svg/> opens nothing to skip
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            self.parts.append(" ")
        if not self._counts.get(tag):
            return
        stack, counts = self._stack, self._counts
        while stack:  # every element is pushed once and popped once: linear overall
            top = stack.pop()
            counts[top] -= 1
            self._dropping -= top in _DROP
            if top == tag:
                break

    def unknown_decl(self, data: str) -> None:
        if data.startswith("CDATA["):  # <![CDATA[...]]> inside HTML: its content is text
            self.handle_data(data[6:])

    def handle_data(self, data: str) -> None:
        if not self._dropping:
            self.parts.append(data)
            self.size += len(data)


def collapse(text: str, limit: int = 20_000) -> str:
    """Runs of whitespace to one space, ends trimmed, length capped: for text that is already plain."""
    return _WS.sub(" ", text).strip()[:limit]


def _unknown_ref(m: re.Match[str]) -> str:
    return m.group(0) if m.group(1) + ";" in html5 else "&" + m.group(1)


def plain_text(text: str, limit: int = 20_000) -> str:
    """Text that is already text (a feed's plain title): nothing stripped, only tidied.

    feedparser's lenient parser, used for malformed feeds, reads a bare `&T` in "AT&T" as an entity and
    hands back "AT&T;": a semicolon after a name that is no HTML entity is dropped again.
    """
    if "&" in text:
        text = _NAMED_REF.sub(_unknown_ref, text)
    return collapse(text, limit)


def _finish(parser: _TextCollector) -> None:
    """End of input without `close()`: pending text is kept, pending markup (or script) dropped."""
    rest = parser.rawdata
    if rest and parser.cdata_elem is None and not _MARKUP_START.match(rest):
        parser.handle_data(html.unescape(rest))


_ANY_TAG = re.compile(r"<[^<>]*>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def html_to_text(fragment: str, limit: int = 20_000) -> str:
    """Strip tags and scripts, unescape entities, collapse whitespace; cap the length.

    Entities are decoded a second time when some survive the first: feeds double-escape often
    (`&amp;#8217;`), and the result is text, never markup, so a decoded `<` is harmless.
    """
    if not fragment:
        return ""
    if "<" not in fragment:
        if "&" in fragment:
            fragment = html.unescape(html.unescape(fragment))
        return plain_text(fragment, limit)
    parser = _TextCollector()
    fragment = fragment[:MAX_INPUT]
    start, chunk = 0, _CHUNK
    while start < len(fragment):
        try:
            parser.feed(fragment[start : start + chunk])
        except AssertionError:  # html.parser on some malformed declarations ("<![A:"): the whole fragment again,
            parser.parts = [_ANY_TAG.sub(" ", _SCRIPT.sub(" ", fragment))]  # tags and scripts cut by pattern
            break
        start, chunk = start + chunk, chunk * 2
        if parser.size > limit and len(collapse("".join(parser.parts), limit + 1)) > limit:
            break  # enough text: the rest cannot change what is kept
    else:
        _finish(parser)
    text = "".join(parser.parts)
    if "&" in text:
        text = html.unescape(text)
    return plain_text(text, limit)
