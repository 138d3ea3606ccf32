"""Socket Mode: the default way actions reach us. We dial out (works behind NAT, no inbound port).

slack-sdk's built-in `SocketModeClient` (no extra dependency) opens a WebSocket with the app-level token
(`apps.connections.open`), answers pings and reconnects on a `disconnect` message, a close or a stale
socket. We add: a first connection retried with backoff (the client gives up if the first
`apps.connections.open` fails), and one listener that acts on `interactive` envelopes and acknowledges them
after the writes — so an envelope is acknowledged only once its action is stored; if the store is down it is
left unacknowledged and the reader sees the press fail. A redelivered envelope is harmless: actions are
idempotent. Other envelope types are acknowledged and ignored.
"""

from __future__ import annotations

import contextlib
import logging
import re
import socket
import threading
from typing import Any

from slack_sdk import WebClient
from slack_sdk.socket_mode.builtin import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse

from notifier.interactive.actions import ActionError
from store.base import StoreUnavailable
from wirewatch.interactive.handler import ActionHandler

log = logging.getLogger("wirewatch.interactive.socket")
_SECRET = re.compile(r"xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|ticket=[^&\s]+")


class _Redact(logging.Filter):
    """The client's own log lines may quote a WebSocket URL (its ticket) or a response: keep tokens out."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        clean = _SECRET.sub("…redacted…", text)
        if clean != text:
            record.msg, record.args = clean, None
        return True


class SocketReceiver:
    def __init__(
        self,
        handler: ActionHandler,
        app_token: str,
        *,
        base_url: str = "https://slack.com/api/",
        ping_interval: float = 5.0,
        retry_cap: float = 60.0,
    ):
        if not app_token.startswith("xapp-"):
            raise ValueError("Socket Mode needs an app-level token (xapp-…), not a bot token")
        self.handler = handler
        self._retry_cap = retry_cap
        client_log = logging.getLogger("wirewatch.interactive.socket_mode")
        if not any(isinstance(f, _Redact) for f in client_log.filters):
            client_log.addFilter(_Redact())
        self.client = SocketModeClient(
            app_token=app_token,
            logger=client_log,
            web_client=WebClient(base_url=base_url, timeout=15),
            ping_interval=ping_interval,
            concurrency=4,
        )
        self.client.socket_mode_request_listeners.append(self._on_request)
        self._stop = threading.Event()
        self._starter: threading.Thread | None = None

    @property
    def connected(self) -> bool:
        return bool(self.client.is_connected())

    def start(self) -> SocketReceiver:
        """Connect in the background, retrying with backoff until connected or stopped."""
        self._starter = threading.Thread(target=self._connect_until_up, name="slack-socket-connect", daemon=True)
        self._starter.start()
        return self

    def _connect_until_up(self) -> None:
        delay = 1.0
        while not self._stop.is_set():
            try:
                self.client.connect()
                if self.client.is_connected():
                    log.info("Socket Mode connected")
                    return
            except Exception as exc:  # apps.connections.open refused or unreachable; the error names no token
                log.warning("Socket Mode connection failed (%s); retrying in %.0f s", _SECRET.sub("…", str(exc)), delay)
            self._stop.wait(delay)
            delay = min(delay * 2, self._retry_cap)

    def stop(self) -> None:
        """Close now: the client's reader holds its socket lock for up to its 3 s receive timeout, so the
        socket is shut first to wake it (a daemon stop takes milliseconds, not seconds per connection)."""
        self._stop.set()
        self.client.auto_reconnect_enabled = False
        sock = getattr(self.client.current_session, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self.client.close()
        if self._starter is not None:
            self._starter.join(timeout=5)

    def _on_request(self, client: Any, request: SocketModeRequest) -> None:
        if request.type != "interactive":
            client.send_socket_mode_response(SocketModeResponse(envelope_id=request.envelope_id))
            return
        try:
            self.handler.handle(request.payload)
        except ActionError as exc:
            log.warning("interaction %s not acted on: %s", request.envelope_id, exc)
        except StoreUnavailable as exc:
            log.error("interaction %s left unacknowledged, store unavailable: %s", request.envelope_id, exc)
            return
        client.send_socket_mode_response(SocketModeResponse(envelope_id=request.envelope_id))
