"""Feed summaries are HTML fragments; rules and readers want plain text."""

from __future__ import annotations

import html
import re
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

_WS = re.compile(r"\s+")
_DROP = ("script", "style", "noscript", "iframe", "object", "svg")
_BLOCK = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section")


def html_to_text(fragment: str, limit: int = 20_000) -> str:
    """Strip tags and scripts, unescape entities, collapse whitespace; cap the length."""
    if not fragment:
        return ""
    if "<" not in fragment and "&" not in fragment:
        return _WS.sub(" ", fragment).strip()[:limit]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(fragment, "html.parser")
    for tag in soup(_DROP):
        tag.decompose()
    for tag in soup(_BLOCK):
        tag.insert_before(" ")
        tag.insert_after(" ")
    text = html.unescape(soup.get_text(" "))
    return _WS.sub(" ", text).strip()[:limit]
