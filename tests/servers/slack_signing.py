"""Posts to an HTTP interactivity endpoint the way Slack does — signed, form-encoded `payload=<json>` — and
the ways an attacker or a broken proxy would: unsigned, signed with the wrong secret, replayed late."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode


def signature(secret: str, timestamp: str, body: bytes) -> str:
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def form_body(payload: dict[str, Any] | str) -> bytes:
    text = payload if isinstance(payload, str) else json.dumps(payload)
    return urlencode({"payload": text}).encode()


def post(url: str, body: bytes, headers: dict[str, str], timeout: float = 10.0) -> tuple[int, str]:
    req = urllib.request.Request(url, data=body, method="POST")
    req.add_header("Content-Type", "application/x-www-form-urlencoded")
    for k, v in headers.items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return int(resp.status), resp.read().decode()
    except urllib.error.HTTPError as err:
        return int(err.code), err.read().decode()


def signed_post(
    url: str,
    payload: dict[str, Any] | str,
    secret: str,
    *,
    age: float = 0.0,
    tamper: bool = False,
    body: bytes | None = None,
) -> tuple[int, str]:
    """A request signed with `secret`, timestamped `age` seconds ago; `tamper` changes the body after signing."""
    data = body if body is not None else form_body(payload)
    stamp = str(int(time.time() - age))
    headers = {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature(secret, stamp, data)}
    if tamper:
        data = data.replace(b"ww.", b"wx.", 1) if b"ww." in data else data + b"&x=1"
    return post(url, data, headers)


def unsigned_post(url: str, payload: dict[str, Any] | str) -> tuple[int, str]:
    return post(url, form_body(payload), {})
