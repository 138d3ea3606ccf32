"""Slack's side of Socket Mode on loopback, for slack-sdk's SocketModeClient(web_client=WebClient(base_url=…)).

- `apps.connections.open` (HTTP, app-level token in the Authorization header) hands out a one-use
  `ws://127.0.0.1:PORT/link/?ticket=…&app_id=…` URL, or a planned error (`open_errors`).
- The WebSocket server (the `websockets` package's threaded server: RFC 6455 framing, masking, pings and the
  close handshake done by a maintained implementation) refuses unknown or reused tickets, greets with `hello`,
  sends `interactive` envelopes on demand and records every acknowledgement (`{"envelope_id": …}`).
- Faults: `drop()` closes a session (the client must reconnect through a fresh `apps.connections.open`),
  `ask_to_reconnect()` sends Slack's `disconnect` message (`refresh_requested`).
"""

from __future__ import annotations

import json
import queue
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

from tests.servers.loopback import LoopbackServer
from tests.servers.slack import wait_for


@dataclass
class Session:
    """One live WebSocket connection, as Slack sees it."""

    number: int
    conn: ServerConnection
    outbox: queue.Queue[str] = field(default_factory=queue.Queue)
    closing: threading.Event = field(default_factory=threading.Event)
    closed: threading.Event = field(default_factory=threading.Event)


class SocketModeServer(LoopbackServer):
    def __init__(self, app_token: str = "xapp-1-A0WIREWATCH-1-test", app_id: str = "A0WIREWATCH"):
        super().__init__()
        self.app_token = app_token
        self.app_id = app_id
        self.opened = 0  # successful apps.connections.open calls
        self.open_errors: list[str] = []  # answer the next calls with these Slack errors
        self.refused_tickets = 0
        self.acks: list[tuple[int, str]] = []  # (session number, envelope id), in arrival order
        self.received: list[dict[str, Any]] = []  # every other message a client sent
        self._tickets: set[str] = set()
        self._sessions: list[Session] = []
        self._lock = threading.Lock()
        self.ws: Server = serve(self._session, "127.0.0.1", 0, compression=None, ping_interval=None)
        self.ws_thread = threading.Thread(target=self.ws.serve_forever, daemon=True)

    # --- life cycle -----------------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return self.base + "/api/"

    @property
    def ws_port(self) -> int:
        return int(self.ws.socket.getsockname()[1])

    def start(self) -> SocketModeServer:
        super().start()
        self.ws_thread.start()
        return self

    def stop(self) -> None:
        for s in self.sessions():
            s.closing.set()
        self.ws.shutdown()
        super().stop()

    # --- apps.connections.open ---------------------------------------------------------------------------
    def handle(self, req: BaseHTTPRequestHandler) -> None:
        length = int(req.headers.get("Content-Length") or 0)
        if length:
            req.rfile.read(length)
        if not req.path.startswith("/api/apps.connections.open"):
            return self._reply(req, {"ok": False, "error": "unknown_method"})
        token = req.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        with self._lock:
            if self.open_errors:
                return self._reply(req, {"ok": False, "error": self.open_errors.pop(0)})
            if token != self.app_token:
                return self._reply(req, {"ok": False, "error": "invalid_auth"})
            ticket = uuid.uuid4().hex
            self._tickets.add(ticket)
            self.opened += 1
        url = f"ws://127.0.0.1:{self.ws_port}/link/?ticket={ticket}&app_id={self.app_id}"
        return self._reply(req, {"ok": True, "url": url})

    @staticmethod
    def _reply(req: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        req.send_response(200)
        req.send_header("Content-Type", "application/json; charset=utf-8")
        req.send_header("Content-Length", str(len(data)))
        req.end_headers()
        req.wfile.write(data)

    # --- the WebSocket side ----------------------------------------------------------------------------------
    def _session(self, conn: ServerConnection) -> None:
        path = conn.request.path if conn.request is not None else ""
        ticket = path.split("ticket=", 1)[1].split("&", 1)[0] if "ticket=" in path else ""
        with self._lock:
            valid = ticket in self._tickets
            self._tickets.discard(ticket)  # one use, as Slack's
            if not valid:
                self.refused_tickets += 1
            session = Session(len(self._sessions) + 1, conn)
            if valid:
                self._sessions.append(session)
        if not valid:
            conn.close(code=1008, reason="invalid ticket")
            return
        hello = {
            "type": "hello",
            "num_connections": len(self.sessions()),
            "debug_info": {"host": "applink-loopback", "approximate_connection_time": 18060},
            "connection_info": {"app_id": self.app_id},
        }
        try:
            conn.send(json.dumps(hello))
            while not session.closing.is_set():
                try:
                    while True:
                        conn.send(session.outbox.get_nowait())
                except queue.Empty:
                    pass
                try:
                    raw = conn.recv(timeout=0.02)
                except TimeoutError:
                    continue
                message = json.loads(raw)
                with self._lock:
                    if isinstance(message, dict) and set(message) <= {"envelope_id", "payload"}:
                        self.acks.append((session.number, str(message.get("envelope_id"))))
                    else:
                        self.received.append(message)
            conn.close(code=1001, reason="going away")
        except ConnectionClosed:
            pass
        finally:
            session.closed.set()

    def sessions(self) -> list[Session]:
        """Live sessions, oldest first."""
        with self._lock:
            return [s for s in self._sessions if not s.closed.is_set() and not s.closing.is_set()]

    def wait_sessions(self, n: int, timeout: float = 15.0) -> bool:
        return wait_for(lambda: len(self.sessions()) >= n, timeout)

    def send_interactive(
        self, payload: dict[str, Any], *, envelope_id: str | None = None, session: Session | None = None
    ) -> str:
        """Deliver one `interactive` envelope on a session (default: the newest live one)."""
        envelope_id = envelope_id or str(uuid.uuid4())
        envelope = {
            "envelope_id": envelope_id,
            "payload": payload,
            "type": "interactive",
            "accepts_response_payload": False,
        }
        self.send_raw(json.dumps(envelope), session)
        return envelope_id

    def send_raw(self, text: str, session: Session | None = None) -> None:
        target = session or self.sessions()[-1]
        target.outbox.put(text)

    def acked(self, envelope_id: str) -> int:
        with self._lock:
            return sum(1 for _, e in self.acks if e == envelope_id)

    def wait_ack(self, envelope_id: str, count: int = 1, timeout: float = 10.0) -> bool:
        return wait_for(lambda: self.acked(envelope_id) >= count, timeout)

    def drop(self, session: Session | None = None) -> None:
        """Close a session from Slack's side (a deploy, a network blip): the client must come back."""
        (session or self.sessions()[-1]).closing.set()

    def ask_to_reconnect(self, session: Session | None = None) -> None:
        msg = {"type": "disconnect", "reason": "refresh_requested", "debug_info": {"host": "applink-loopback"}}
        self.send_raw(json.dumps(msg), session)
