"""Slack request signatures (`X-Slack-Signature: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}")`).

slack-sdk's `SignatureVerifier` does exactly what Slack documents — refuses a timestamp more than five
minutes from now, computes `v0=` HMAC-SHA256 and compares with `hmac.compare_digest` — so it makes the
decision. Around it we only name the reason for the log (unsigned, malformed, stale, bad signature); the
secret stays inside the verifier and never appears in a reason.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from slack_sdk.signature import Clock, SignatureVerifier

MAX_SKEW = 300  # seconds: Slack's own limit, and the verifier's


class _Clock(Clock):
    def __init__(self, now: Callable[[], float]):
        self._now = now

    def now(self) -> float:
        return self._now()


class RequestVerifier:
    def __init__(self, signing_secret: str, clock: Callable[[], float] = time.time):
        self._verifier = SignatureVerifier(signing_secret, clock=_Clock(clock))
        self._clock = clock

    def refusal(self, headers: Mapping[str, str], body: bytes) -> str | None:
        """None for a genuine, fresh request; else why it is refused, in a few words."""
        lowered = {k.lower(): v for k, v in headers.items()}
        stamp, signature = lowered.get("x-slack-request-timestamp"), lowered.get("x-slack-signature")
        if not stamp or not signature:
            return "unsigned request"
        if not stamp.isdigit() or len(stamp) > 12:
            return "malformed timestamp"
        age = self._clock() - int(stamp)
        if abs(age) > MAX_SKEW:
            return f"stale timestamp ({int(age)} s old)" if age > 0 else f"timestamp {int(-age)} s in the future"
        if not signature.startswith("v0="):
            return "unknown signature version"
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return "body is not UTF-8"
        if not self._verifier.is_valid(body=body, timestamp=stamp, signature=signature):
            return "bad signature"
        return None
