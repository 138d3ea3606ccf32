"""How Wirewatch talks to Slack over slack-sdk, for the bot (notifier/slack.py) and incoming webhooks
(notifier/webhook.py) alike: which failures may be retried without risking a second post, and how errors are
told without the token.

slack-sdk's retry handlers re-send 429s (Slack did not take the message) and connection failures that happened
before the request went out; they never blindly re-post after a 5xx or a lost reply, because Slack may have
stored the message.
"""

from __future__ import annotations

import re
from urllib.error import URLError

from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

_TOKEN = re.compile(r"xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+")
POST_METHOD = "chat.postMessage"


def redact(text: str) -> str:
    return _TOKEN.sub("xox?-…redacted…", text)


def _is_post(request: HttpRequest) -> bool:
    return request.url.rstrip("/").endswith(POST_METHOD)


class ReadOnlyServerErrorRetryHandler(ServerErrorRetryHandler):
    """Retries 500/503 for reads only: a post answered with a 5xx may have been stored (reconcile instead)."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return not _is_post(request) and super()._can_retry(
            state=state, request=request, response=response, error=error
        )


class UnsentConnectionErrorRetryHandler(ConnectionErrorRetryHandler):
    """Retries a post only when the request never went out (urllib wraps those in URLError); a reset or a
    timeout while waiting for the answer may follow a stored post. Reads are retried on any connection error."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if _is_post(request) and not isinstance(error, URLError):
            return False
        return super()._can_retry(state=state, request=request, response=response, error=error)


def not_sent(exc: BaseException) -> bool:
    """The request never reached Slack (refused, unresolvable, connect timeout)."""
    return isinstance(exc, URLError)


def retry_handlers(max_retries: int, backoff: float = 0.5, *, reads: bool = True) -> list[RetryHandler]:
    """What slack-sdk may retry by itself: requests that never went out, 429s (after Retry-After), and — for
    the bot, whose reads are safe to repeat — 5xx answers to reads, waiting `backoff` × 2ⁿ seconds between."""
    interval = BackoffRetryIntervalCalculator(backoff_factor=backoff)
    handlers: list[RetryHandler] = [
        UnsentConnectionErrorRetryHandler(max_retry_count=max_retries, interval_calculator=interval),
        RateLimitErrorRetryHandler(max_retry_count=max_retries),
    ]
    if reads:
        handlers.append(ReadOnlyServerErrorRetryHandler(max_retry_count=max_retries, interval_calculator=interval))
    return handlers
