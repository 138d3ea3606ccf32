"""The HTTP interactivity endpoint: the alternative to Socket Mode when Slack can reach us (a Request URL).

A small stdlib server on a thread, like `/metrics`. Each POST to `path` is size-checked before it is read,
signature-checked (`signing.RequestVerifier`), then handed to the `ActionHandler`. Answers: 200 when acted
on (or refused by access rules: the reader is told through the card, Slack needs no retry); 400 for a payload
we do not take; 401 for unsigned, mis-signed or stale requests; 413 for a body over `max_body`; 503 when the
store cannot be reached (the press fails visibly and the reader can press again: every action is
idempotent). Refusals are logged with the peer and the reason, never the secret or the body.
"""

from __future__ import annotations

import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from notifier.interactive.actions import ActionError, parse_form
from notifier.interactive.signing import RequestVerifier
from store.base import StoreUnavailable
from wirewatch.interactive.handler import ActionHandler

log = logging.getLogger("wirewatch.interactive.http")
READ_TIMEOUT = 10.0


class HttpReceiver:
    def __init__(
        self,
        handler: ActionHandler,
        verifier: RequestVerifier,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        path: str = "/slack/actions",
        max_body: int = 256 * 1024,
    ):
        self.handler = handler
        self.verifier = verifier
        self.path = path
        self.max_body = max_body
        owner = self

        class Handler(BaseHTTPRequestHandler):
            timeout = READ_TIMEOUT

            def do_POST(self) -> None:
                owner._post(self)

            def do_GET(self) -> None:
                _send(self, 405, "POST only\n")

            def log_message(self, format: str, *args: object) -> None:
                return

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1}, name="slack-actions", daemon=True
        )

    @property
    def address(self) -> tuple[str, int]:
        host, port = self.httpd.server_address[:2]
        return str(host), int(port)

    @property
    def url(self) -> str:
        host, port = self.address
        return f"http://{host}:{port}{self.path}"

    def start(self) -> HttpReceiver:
        self.thread.start()
        log.info("Slack interactivity endpoint on %s", self.url)
        return self

    def stop(self) -> None:
        if self.thread.is_alive():  # shutdown() waits for serve_forever: never call it on a server not serving
            self.httpd.shutdown()
        self.httpd.server_close()

    def _post(self, req: BaseHTTPRequestHandler) -> None:
        peer = req.client_address[0]
        if req.path.split("?", 1)[0] != self.path:
            return _send(req, 404, "not found\n")
        length_text = req.headers.get("Content-Length")
        if length_text is None or not length_text.isdigit():
            return _send(req, 411, "length required\n")
        length = int(length_text)
        if length > self.max_body:
            log.warning("refused interactivity request from %s: body of %d bytes over %d", peer, length, self.max_body)
            req.close_connection = True
            return _send(req, 413, "too large\n")
        try:
            body = req.rfile.read(length)
        except TimeoutError:
            return _send(req, 408, "timeout\n")
        refusal = self.verifier.refusal(dict(req.headers.items()), body)
        if refusal is not None:
            log.warning("refused interactivity request from %s: %s", peer, refusal)
            return _send(req, 401, "refused\n")
        try:
            self.handler.handle(parse_form(body))
        except ActionError as exc:
            log.warning("interaction from %s not acted on: %s", peer, exc)
            return _send(req, 400, f"{exc}\n")
        except StoreUnavailable as exc:
            log.error("interaction from %s not acted on, store unavailable: %s", peer, exc)
            return _send(req, 503, "store unavailable\n")
        return _send(req, 200, "")


def _send(req: Any, status: int, text: str) -> None:
    data = text.encode()
    req.send_response(status)
    req.send_header("Content-Type", "text/plain; charset=utf-8")
    req.send_header("Content-Length", str(len(data)))
    req.end_headers()
    req.wfile.write(data)
