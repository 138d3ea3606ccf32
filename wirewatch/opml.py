"""OPML 2.0, the subscription-list format every feed reader imports and exports. Pure: bytes in, outlines out;
sources in, text out.

Parsing goes through defusedxml (no entity expansion, no external entities, no DTD retrieval): an OPML file
comes from elsewhere. Outlines nest (folders); every outline with an `xmlUrl` is a feed, wherever it is, and
keeps its place (`n`, counted over all outlines in document order) and the folders it sits in, so a problem can
be reported against the outline it concerns.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import formatdate
from urllib.parse import urlsplit

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring


class OpmlError(ValueError):
    """Not an OPML document we can read; the message says why."""


@dataclass(frozen=True, slots=True)
class Outline:
    n: int  # 1-based position among all outlines, in document order
    title: str  # `title`, else `text`, else ""
    xml_url: str
    folder: str = ""  # the enclosing outlines' titles, "News / Biotech"
    html_url: str = ""

    def where(self) -> str:
        name = f" “{self.title}”" if self.title else ""
        return f"outline {self.n}{name}"


def parse_opml(data: bytes) -> list[Outline]:
    """The feed outlines of an OPML document (any version: 1.0 and 2.0 differ only in optional attributes)."""
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise OpmlError(f"refused: {type(exc).__name__} (entities and DTDs are not allowed in OPML)") from None
    except ET.ParseError as exc:
        raise OpmlError(f"not XML: {exc}") from None
    if root.tag != "opml":
        raise OpmlError(f"not OPML: the root element is <{root.tag}>, not <opml>")
    body = root.find("body")
    if body is None:
        raise OpmlError("not OPML: no <body>")
    out: list[Outline] = []
    count = 0

    def walk(node: ET.Element, folders: tuple[str, ...]) -> None:
        nonlocal count
        for child in node.findall("outline"):
            count += 1
            title = (child.get("title") or child.get("text") or "").strip()
            url = (child.get("xmlUrl") or child.get("xmlurl") or "").strip()
            if url or child.get("type", "").lower() in ("rss", "atom"):
                out.append(Outline(count, title, url, " / ".join(folders), (child.get("htmlUrl") or "").strip()))
            walk(child, (*folders, title) if title else folders)

    walk(body, ())
    return out


def url_problem(url: str) -> str | None:
    """Why `url` cannot be a feed's address, or None."""
    if not url:
        return "no xmlUrl"
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return f"`{url[:200]}`: only http:// and https:// feeds can be imported"
    if not parts.hostname:
        return f"`{url[:200]}`: no host"
    if any(c.isspace() for c in url):
        return f"`{url[:200]}`: a URL has no spaces"
    return None


def slug(text: str, limit: int = 40) -> str:
    """An id from a title or host: lower-case ASCII letters, digits and dashes ("" when nothing is left)."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    out = "-".join(words)[:limit].strip("-")
    return out


def build_opml(feeds: Iterable[tuple[str, str, str]], title: str, now: float | None = None) -> str:
    """OPML 2.0 text for (id, title, url) feeds, one `<outline type="rss">` each."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = formatdate(now, usegmt=True)
    body = ET.SubElement(root, "body")
    for sid, name, url in feeds:
        ET.SubElement(body, "outline", type="rss", text=name or sid, title=name or sid, xmlUrl=url)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
