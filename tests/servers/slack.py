"""A loopback server that answers the Slack Web API the way Slack does, for slack-sdk's WebClient(base_url=…).

It checks the bearer token and the channel, enforces Block Kit limits like Slack (invalid_blocks), stores
accepted messages with their metadata (conversations.history returns them), and follows a fault plan:
queued responses such as 429 with Retry-After, 500s, or an API error, one per incoming call.
"""

from __future__ import annotations

import json
import math
import threading
import time
import uuid
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
    accept_then_hang: float = 0.0  # store the message, then say nothing for this long (the client times out)
    method: str | None = None  # only for calls of this method (e.g. chat.postMessage, webhook); None: any call


@dataclass
class Uploaded:
    """A file shared through files.getUploadURLExternal → POST to the upload URL → files.completeUploadExternal."""

    file_id: str
    filename: str
    title: str
    data: bytes
    channel_id: str
    thread_ts: str | None


@dataclass
class Posted:
    channel: str
    text: str
    blocks: list[dict[str, Any]]
    metadata: dict[str, Any] | None
    ts: str
    thread_ts: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)


# The scope each method needs (public channels), as Slack answers `missing_scope` with `needed`.
SCOPES = {
    "chat.postMessage": "chat:write",
    "conversations.history": "channels:history",
    "conversations.replies": "channels:history",
    "conversations.list": "channels:read",
    "files.getUploadURLExternal": "files:write",
    "files.completeUploadExternal": "files:write",
}


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
        self.uploads: list[Uploaded] = []  # files shared in a channel (completed uploads)
        self._files: dict[str, dict[str, Any]] = {}  # file id → {filename, length, data} until completed
        self.upload_error: str | None = None  # answer files.completeUploadExternal with this error (e.g. missing_scope)
        # Slack's posting limit, when set: about one message per second per channel, else 429 with Retry-After
        self.rate_limit: float | None = None
        self.rate_limited = 0  # posts answered 429 by that limit
        self._last_post: dict[str, float] = {}
        self.post_delay = 0.0  # seconds between storing a post and answering (a slow Slack; widens kill windows)
        self.webhook_path = "/services/T0WIREWATCH/B0WIREWATCH/" + uuid.uuid4().hex  # the secret part is the URL
        self.webhook_channel = "#market-signals"
        self.usergroups: dict[str, list[str]] = {}  # user group id → member user ids (usergroups.users.list)
        # issue 12: what follows a reader's press
        self.updates: list[Posted] = []  # chat.update calls accepted (the message is changed in `messages` too)
        self.ephemeral: list[dict[str, Any]] = []  # chat.postEphemeral: {channel, user, text, blocks}
        self.views: list[dict[str, Any]] = []  # views.open: {trigger_id, view}
        self.scopes: set[str] | None = None  # the bot token's scopes; None: every scope (else missing_scope)

    @property
    def base_url(self) -> str:
        return self.base + "/api/"

    @property
    def webhook_url(self) -> str:
        return self.base + self.webhook_path

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
        if req.path.startswith("/upload/"):  # the upload URL files.getUploadURLExternal hands out: raw bytes
            return self._receive_file(req, req.path.removeprefix("/upload/"), raw)
        if req.path.startswith("/services/"):  # an incoming webhook
            return self._webhook(req, raw)
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
            fault = self._next_fault(method)
        if fault and not (fault.accept_then_fail or fault.accept_then_hang):
            if fault.status != 200:
                headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
                err = "ratelimited" if fault.status == 429 else "internal_error"
                return self._reply(req, fault.status, {"ok": False, "error": err}, headers)
            return self._reply(req, 200, {"ok": False, "error": fault.error})
        if token != self.token:
            return self._reply(req, 200, {"ok": False, "error": "invalid_auth"})
        needed = SCOPES.get(method)
        if self.scopes is not None and needed is not None and needed not in self.scopes:
            provided = ",".join(sorted(self.scopes))
            return self._reply(
                req, 200, {"ok": False, "error": "missing_scope", "needed": needed, "provided": provided}
            )
        if method == "chat.postMessage":
            if (wait := self._rate_limited(str(args.get("channel", "")))) is not None:
                return self._reply(req, 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(wait)})
            result = self._post(args)
            if self.post_delay and result.get("ok"):
                time.sleep(self.post_delay)
            if fault and fault.accept_then_fail:
                return self._reply(req, 500, {"ok": False, "error": "internal_error"})
            if fault and fault.accept_then_hang:
                time.sleep(fault.accept_then_hang)
            return self._reply(req, 200, result)
        if method == "conversations.history":
            return self._reply(req, 200, self._history(args))
        if method == "conversations.replies":
            return self._reply(req, 200, self._replies(args))
        if method == "conversations.list":
            names = sorted(self.channels)
            chans = [{"id": self.channel_id(c), "name": c.lstrip("#"), "is_member": True} for c in names]
            return self._reply(req, 200, {"ok": True, "channels": chans, "response_metadata": {"next_cursor": ""}})
        if method == "auth.test":
            return self._reply(req, 200, {"ok": True, "user_id": "UWIREWATCH", "team": "test"})
        if method == "usergroups.users.list":
            group = str(args.get("usergroup") or "")
            if group not in self.usergroups:
                return self._reply(req, 200, {"ok": False, "error": "no_such_subteam"})
            return self._reply(req, 200, {"ok": True, "users": list(self.usergroups[group])})
        if method == "chat.update":
            return self._reply(req, 200, self._update(args))
        if method == "chat.postEphemeral":
            return self._reply(req, 200, self._ephemeral(args))
        if method == "views.open":
            return self._reply(req, 200, self._open_view(args))
        if method == "files.getUploadURLExternal":
            return self._reply(req, 200, self._upload_url(args))
        if method == "files.completeUploadExternal":
            return self._reply(req, 200, self._complete_upload(args))
        return self._reply(req, 200, {"ok": False, "error": "unknown_method"})

    def _next_fault(self, method: str) -> Fault | None:
        """The first planned fault for this call (faults without a method apply to any call). Lock held."""
        for i, f in enumerate(self.faults):
            if f.method is None or f.method == method:
                return self.faults.pop(i)
        return None

    def _channel_name(self, channel: str) -> str:
        """Posts take a `#name` or an id; the history methods take ids (we accept both)."""
        if channel in self.channels:
            return channel
        return next((c for c in self.channels if self.channel_id(c) == channel), channel)

    def _rate_limited(self, channel: str) -> int | None:
        """Seconds to wait (Retry-After) when this channel posted less than 1/rate s ago; else None."""
        if not self.rate_limit:
            return None
        name = self._channel_name(channel)
        with self._lock:
            now = time.monotonic()
            last = self._last_post.get(name)
            gap = 1.0 / self.rate_limit
            if last is not None and now - last < gap:
                self.rate_limited += 1
                return max(1, math.ceil(gap - (now - last)))
            self._last_post[name] = now
        return None

    def _post(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = self._channel_name(args.get("channel", ""))
        if channel not in self.channels:
            return {"ok": False, "error": "channel_not_found"}
        thread_ts = args.get("thread_ts") or None
        if thread_ts and not any(m.ts == thread_ts and m.channel == channel for m in self.posted()):
            return {"ok": False, "error": "thread_not_found"}
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
            self._ts = max(self._ts + 0.000001, time.time())  # unique and in step with the clock, like Slack's
            ts = f"{self._ts:.6f}"
            self.messages.append(Posted(channel, args.get("text", ""), blocks, metadata, ts, thread_ts, args))
        return {
            "ok": True,
            "channel": self.channel_id(channel),
            "ts": ts,
            "message": {"text": args.get("text", ""), "ts": ts},
        }

    # --- after a reader's press (issue 12) -----------------------------------------------------------------
    @staticmethod
    def _json_arg(value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) and value[:1] in "[{" else value

    def _update(self, args: dict[str, Any]) -> dict[str, Any]:
        """chat.update: the channel (an id, as Slack wants) and the ts of one of our messages; blocks checked."""
        channel = self._channel_name(str(args.get("channel", "")))
        ts = str(args.get("ts") or "")
        blocks = self._json_arg(args.get("blocks")) or []
        if block_problems(blocks):
            return {"ok": False, "error": "invalid_blocks", "errors": block_problems(blocks)}
        with self._lock:
            for i, m in enumerate(self.messages):
                if m.channel == channel and m.ts == ts:
                    changed = Posted(m.channel, args.get("text", m.text), blocks, m.metadata, m.ts, m.thread_ts, args)
                    self.messages[i] = changed
                    self.updates.append(changed)
                    return {"ok": True, "channel": self.channel_id(channel), "ts": ts, "text": changed.text}
        return {"ok": False, "error": "message_not_found"}

    def _ephemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = self._channel_name(str(args.get("channel", "")))
        if channel not in self.channels:
            return {"ok": False, "error": "channel_not_found"}
        if not args.get("user"):
            return {"ok": False, "error": "user_not_in_channel"}
        blocks = self._json_arg(args.get("blocks")) or []
        if block_problems(blocks):
            return {"ok": False, "error": "invalid_blocks"}
        entry = {"channel": channel, "user": args["user"], "text": args.get("text", ""), "blocks": blocks}
        with self._lock:
            self.ephemeral.append(entry)
        return {"ok": True, "message_ts": f"{time.time():.6f}"}

    def _open_view(self, args: dict[str, Any]) -> dict[str, Any]:
        view = self._json_arg(args.get("view"))
        if not args.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        if not isinstance(view, dict) or view.get("type") != "modal" or len(view.get("blocks") or []) > 100:
            return {"ok": False, "error": "invalid_arguments"}
        with self._lock:
            self.views.append({"trigger_id": args["trigger_id"], "view": view})
        return {"ok": True, "view": {"id": f"V{len(self.views):08d}", **view}}

    # --- file uploads (files_upload_v2) -------------------------------------------------------------------
    def channel_id(self, name: str) -> str:
        """The id chat.postMessage reports for a channel name; file uploads take ids only, like Slack."""
        return "C" + name.strip("#").upper()[:10]

    def _upload_url(self, args: dict[str, Any]) -> dict[str, Any]:
        filename, length = args.get("filename"), str(args.get("length") or "")
        if not filename or not length.isdigit():
            return {"ok": False, "error": "invalid_arguments"}
        with self._lock:
            file_id = f"F{len(self._files) + 1:08d}"
            self._files[file_id] = {"filename": filename, "length": int(length), "data": None}
        return {"ok": True, "upload_url": f"{self.base}/upload/{file_id}", "file_id": file_id}

    def _receive_file(self, req: BaseHTTPRequestHandler, file_id: str, data: bytes) -> None:
        with self._lock:
            pending = self._files.get(file_id)
            if pending is not None and pending["length"] == len(data):
                pending["data"] = data
                ok = True
            else:
                ok = False
        body = f"OK - {len(data)}".encode() if ok else b"bad upload"
        req.send_response(200 if ok else 400)
        req.send_header("Content-Type", "text/plain")
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)

    def _complete_upload(self, args: dict[str, Any]) -> dict[str, Any]:
        files = args.get("files")
        files = json.loads(files) if isinstance(files, str) else files
        channel_id, thread_ts = args.get("channel_id") or "", args.get("thread_ts") or None
        if not isinstance(files, list) or not files:
            return {"ok": False, "error": "invalid_arguments"}
        if self.upload_error:
            return {"ok": False, "error": self.upload_error}
        with self._lock:
            ids = {self.channel_id(c): c for c in self.channels}
            if channel_id and channel_id not in ids:
                return {"ok": False, "error": "channel_not_found"}
            if thread_ts and not any(m.ts == thread_ts and m.channel == ids.get(channel_id) for m in self.messages):
                return {"ok": False, "error": "invalid_thread_ts"}
            done = []
            for f in files:
                pending = self._files.get(str(f.get("id")))
                if pending is None or pending["data"] is None:
                    return {"ok": False, "error": "file_not_found"}
                upload = Uploaded(
                    str(f["id"]), pending["filename"], str(f.get("title") or ""), pending["data"], channel_id, thread_ts
                )
                self.uploads.append(upload)
                done.append({"id": upload.file_id, "title": upload.title, "name": upload.filename})
        return {"ok": True, "files": done}

    def _history(self, args: dict[str, Any]) -> dict[str, Any]:
        """Top-level messages newest first (thread replies are not in history, as in Slack), after `oldest`."""
        channel = self._channel_name(args.get("channel", ""))
        if channel not in self.channels:
            return {"ok": False, "error": "channel_not_found"}
        oldest = float(args.get("oldest") or 0)
        with self._lock:
            msgs = [m for m in self.messages if m.channel == channel and not m.thread_ts and float(m.ts) > oldest]
        return self._page(list(reversed(msgs)), args)

    def _replies(self, args: dict[str, Any]) -> dict[str, Any]:
        """A thread: its first message, then its replies after `oldest`, oldest first."""
        channel = self._channel_name(args.get("channel", ""))
        ts = str(args.get("ts") or "")
        oldest = float(args.get("oldest") or 0)
        with self._lock:
            parent = [m for m in self.messages if m.channel == channel and m.ts == ts and not m.thread_ts]
            replies = [m for m in self.messages if m.channel == channel and m.thread_ts == ts and float(m.ts) > oldest]
        if not parent:
            return {"ok": False, "error": "thread_not_found"}
        return self._page(parent + replies, args)

    @staticmethod
    def _page(msgs: list[Posted], args: dict[str, Any]) -> dict[str, Any]:
        start = int(args.get("cursor") or 0)
        limit = int(args.get("limit", 100))
        out = []
        for m in msgs[start : start + limit]:
            entry: dict[str, Any] = {"type": "message", "text": m.text, "ts": m.ts}
            if m.thread_ts:
                entry["thread_ts"] = m.thread_ts
            if m.metadata and str(args.get("include_all_metadata", "")).lower() in ("1", "true"):
                entry["metadata"] = m.metadata
            out.append(entry)
        more = start + limit < len(msgs)
        return {
            "ok": True,
            "messages": out,
            "has_more": more,
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        }

    def _webhook(self, req: BaseHTTPRequestHandler, raw: bytes) -> None:
        """An incoming webhook: JSON in, plain `ok` out; errors as HTTP status with a short code, like Slack."""
        with self._lock:
            self.calls.append(("webhook", {}))
            fault = self._next_fault("webhook")
        if req.path != self.webhook_path:
            return self._text(req, 404, "no_service")
        if fault and fault.status != 200:
            headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
            return self._text(req, fault.status, fault.error or "internal_error", headers)
        try:
            args = json.loads(raw or b"{}")
        except ValueError:
            return self._text(req, 400, "invalid_payload")
        blocks = args.get("blocks") or []
        if not args.get("text") and not blocks:
            return self._text(req, 400, "no_text")
        if block_problems(blocks):
            return self._text(req, 400, "invalid_blocks")
        with self._lock:
            self._ts = max(self._ts + 0.000001, time.time())
            ts = f"{self._ts:.6f}"
            self.messages.append(Posted(self.webhook_channel, args.get("text", ""), blocks, None, ts, None, args))
        if fault and fault.accept_then_fail:
            return self._text(req, 500, "internal_error")
        return self._text(req, 200, "ok")

    @staticmethod
    def _text(req: BaseHTTPRequestHandler, status: int, body: str, headers: dict[str, str] | None = None) -> None:
        data = body.encode()
        req.send_response(status)
        req.send_header("Content-Type", "text/html")
        req.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            req.send_header(k, v)
        req.end_headers()
        req.wfile.write(data)

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
