"""A loopback server that answers the Slack Web API the way Slack does, for slack-sdk's WebClient(base_url=…).

It checks the bearer token and the channel, enforces Block Kit limits like Slack (invalid_blocks), stores
accepted messages with their metadata (conversations.history returns them), and follows a fault plan:
queued responses such as 429 with Retry-After, 500s, or an API error, one per incoming call.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs

from tests.servers.loopback import LoopbackServer


@dataclass
class Fault:
    status: int = 200
    error: str | None = None  # Slack API error code with HTTP 200 (e.g. channel_not_found)
    retry_after: int | None = None
    accept_then_fail: bool = False  # store the message, then answer 500 (the "post landed, reply lost" case)


@dataclass
class Posted:
    channel: str
    text: str
    blocks: list[dict[str, Any]]
    metadata: dict[str, Any] | None
    ts: str
    thread_ts: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)


def block_problems(blocks: list[dict[str, Any]]) -> list[str]:
    """The Block Kit limits Slack enforces on chat.postMessage."""
    problems = []
    if len(blocks) > 50:
        problems.append("more than 50 blocks")
    for i, b in enumerate(blocks):
        kind = b.get("type")
        if kind == "section":
            text = (b.get("text") or {}).get("text", "")
            if not text and not b.get("fields"):
                problems.append(f"block {i}: section without text")
            if len(text) > 3000:
                problems.append(f"block {i}: section text over 3000")
            if len(b.get("fields") or []) > 10:
                problems.append(f"block {i}: more than 10 fields")
        elif kind == "header":
            if len((b.get("text") or {}).get("text", "")) > 150:
                problems.append(f"block {i}: header over 150")
        elif kind == "context":
            els = b.get("elements") or []
            if not els or len(els) > 10:
                problems.append(f"block {i}: context needs 1-10 elements")
        elif kind not in ("divider", "image", "actions", "rich_text"):
            problems.append(f"block {i}: unknown type {kind!r}")
    return problems


class SlackServer(LoopbackServer):
    def __init__(self, token: str = "xoxb-test-token", channels: tuple[str, ...] = ("#market-signals",)):
        super().__init__()
        self.token = token
        self.channels = set(channels)
        self.messages: list[Posted] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.faults: list[Fault] = []
        self._lock = threading.Lock()
        self._ts = 1_700_000_000.0

    @property
    def base_url(self) -> str:
        return self.base + "/api/"

    def plan(self, *faults: Fault) -> None:
        with self._lock:
            self.faults.extend(faults)

    def posted(self) -> list[Posted]:
        with self._lock:
            return list(self.messages)

    # --- request handling ----------------------------------------------------------------------------
    def handle(self, req: BaseHTTPRequestHandler) -> None:
        method = req.path.split("?")[0].rsplit("/", 1)[-1]
        length = int(req.headers.get("Content-Length") or 0)
        raw = req.rfile.read(length) if length else b""
        ctype = req.headers.get("Content-Type", "")
        args: dict[str, Any]
        if "json" in ctype:
            args = json.loads(raw or b"{}")
        else:
            args = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
            if "?" in req.path:
                args.update({k: v[0] for k, v in parse_qs(req.path.split("?", 1)[1]).items()})
        auth = req.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ").strip() or args.get("token", "")
        with self._lock:
            self.calls.append((method, args))
            fault = self.faults.pop(0) if self.faults else None
        if fault and not fault.accept_then_fail:
            if fault.status != 200:
                headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
                err = "ratelimited" if fault.status == 429 else "internal_error"
                return self._reply(req, fault.status, {"ok": False, "error": err}, headers)
            return self._reply(req, 200, {"ok": False, "error": fault.error})
        if token != self.token:
            return self._reply(req, 200, {"ok": False, "error": "invalid_auth"})
        if method == "chat.postMessage":
            result = self._post(args)
            if fault and fault.accept_then_fail:
                return self._reply(req, 500, {"ok": False, "error": "internal_error"})
            return self._reply(req, 200, result)
        if method == "conversations.history":
            return self._reply(req, 200, self._history(args))
        if method == "auth.test":
            return self._reply(req, 200, {"ok": True, "user_id": "UWIREWATCH", "team": "test"})
        return self._reply(req, 200, {"ok": False, "error": "unknown_method"})

    def _post(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = args.get("channel", "")
        if channel not in self.channels:
            return {"ok": False, "error": "channel_not_found"}
        blocks = args.get("blocks") or []
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        if not args.get("text") and not blocks:
            return {"ok": False, "error": "no_text"}
        if block_problems(blocks):
            return {"ok": False, "error": "invalid_blocks", "errors": block_problems(blocks)}
        if len(args.get("text") or "") > 40_000:
            return {"ok": False, "error": "msg_too_long"}
        metadata = args.get("metadata")
        if isinstance(metadata, str):
            metadata = json.loads(metadata)
        with self._lock:
            self._ts += 1
            ts = f"{self._ts:.6f}"
            self.messages.append(
                Posted(channel, args.get("text", ""), blocks, metadata, ts, args.get("thread_ts"), args)
            )
        return {
            "ok": True,
            "channel": "C" + channel.strip("#").upper()[:10],
            "ts": ts,
            "message": {"text": args.get("text", ""), "ts": ts},
        }

    def _history(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = args.get("channel", "")
        with self._lock:
            msgs = [m for m in self.messages if m.channel == channel]
        out = []
        for m in reversed(msgs):
            entry: dict[str, Any] = {"type": "message", "text": m.text, "ts": m.ts}
            if m.metadata and str(args.get("include_all_metadata", "")).lower() in ("1", "true"):
                entry["metadata"] = m.metadata
            out.append(entry)
        return {"ok": True, "messages": out[: int(args.get("limit", 100))], "has_more": False}

    @staticmethod
    def _reply(
        req: BaseHTTPRequestHandler, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(body).encode()
        req.send_response(status)
        req.send_header("Content-Type", "application/json; charset=utf-8")
        req.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            req.send_header(k, v)
        req.end_headers()
        req.wfile.write(data)


def wait_for(predicate: Any, timeout: float = 10.0, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())
