"""A feed server on loopback that behaves like a real publisher: ETag / Last-Modified, 304s, and faults
on request (status codes, Retry-After, slow or endless bodies)."""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.servers.loopback import LoopbackServer


@dataclass
class Doc:
    body: bytes
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str = ""
    last_modified: str = ""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the first byte
    drip: float = 0.0  # seconds between chunks of the body (slow body)
    endless: bool = False  # keep sending forever (until the client gives up)


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    status: int


class FeedServer(LoopbackServer):
    def __init__(self) -> None:
        super().__init__()
        self.docs: dict[str, Doc] = {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()

    def url(self, path: str) -> str:
        return self.base + path

    def put(self, path: str, body: bytes | str, **kw: Any) -> Doc:
        """Publish (or replace) a document; validators change whenever the body does."""
        data = body.encode() if isinstance(body, str) else body
        doc = Doc(body=data, **kw)
        if not doc.etag:
            doc.etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
        if not doc.last_modified:
            doc.last_modified = formatdate(time.time(), usegmt=True)
        with self._lock:
            self.docs[path] = doc
        return doc

    def hits_for(self, path: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.path == path]

    def handle(self, req: BaseHTTPRequestHandler) -> None:
        with self._lock:
            doc = self.docs.get(req.path)
        headers = {k.lower(): v for k, v in req.headers.items()}
        if doc is None:
            self._record(req.path, headers, 404)
            self._send(req, 404, b"not found", {"Content-Type": "text/plain"})
            return
        if doc.delay:
            time.sleep(doc.delay)
        if doc.status != 200:
            self._record(req.path, headers, doc.status)
            self._send(req, doc.status, doc.body, {"Content-Type": doc.content_type, **doc.headers})
            return
        if headers.get("if-none-match") == doc.etag or (
            "if-none-match" not in headers and headers.get("if-modified-since") == doc.last_modified
        ):
            self._record(req.path, headers, 304)
            self._send(req, 304, b"", {"ETag": doc.etag, "Last-Modified": doc.last_modified})
            return
        self._record(req.path, headers, 200)
        common = {
            "Content-Type": doc.content_type,
            "ETag": doc.etag,
            "Last-Modified": doc.last_modified,
            **doc.headers,
        }
        if doc.endless or doc.drip:
            self._stream(req, doc, common)
        else:
            self._send(req, 200, doc.body, common)

    def _record(self, path: str, headers: dict[str, str], status: int) -> None:
        with self._lock:
            self.hits.append(Hit(path, headers, status))

    @staticmethod
    def _send(req: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]) -> None:
        req.send_response(status)
        for k, v in headers.items():
            req.send_header(k, v)
        if status != 304:
            req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        if status != 304:
            req.wfile.write(body)

    @staticmethod
    def _stream(req: BaseHTTPRequestHandler, doc: Doc, headers: dict[str, str]) -> None:
        req.send_response(200)
        for k, v in headers.items():
            req.send_header(k, v)
        req.send_header("Transfer-Encoding", "chunked")
        req.end_headers()
        try:
            if doc.endless:
                chunk = doc.body or b"x" * 1024
                deadline = time.monotonic() + 30  # bounded: the test server stops by itself
                while time.monotonic() < deadline:
                    req.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    req.wfile.flush()
                    if doc.drip:
                        time.sleep(doc.drip)
            else:
                for i in range(0, len(doc.body), 256):
                    piece = doc.body[i : i + 256]
                    req.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                    req.wfile.flush()
                    time.sleep(doc.drip)
            req.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass


def rss(entries: list[dict[str, str]], title: str = "Test feed") -> str:
    """A small RSS 2.0 document; each entry may have guid, title, link, description, pubDate."""
    from xml.sax.saxutils import escape

    items = []
    for e in entries:
        parts = []
        if "guid" in e:
            parts.append(f'<guid isPermaLink="false">{escape(e["guid"])}</guid>')
        for tag in ("title", "link", "description", "pubDate"):
            if tag in e:
                parts.append(f"<{tag}>{escape(e[tag])}</{tag}>")
        items.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.org/</link><description>t</description>"
        + "".join(items)
        + "</channel></rss>"
    )
