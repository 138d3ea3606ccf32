"""Incoming-webhook delivery (slack-sdk WebhookClient), for teams without a bot token.

It posts the same card as the bot (notifier/card.py), to the one channel the webhook was made for. A webhook
cannot reply in threads and cannot read history: later reports of an event are not posted (the first card
stands for the event), and an answer that leaves it unknown whether Slack stored a post (5xx, no reply) is
followed by a re-send — at least once, never lost.
Exactly-once needs the bot token. The webhook URL is a secret: it never reaches a log line or an error.
"""

from __future__ import annotations

import logging
import math

from slack_sdk.webhook import WebhookClient

from domain.alert import Alert
from notifier.base import Outcome, register
from notifier.card import card_for
from notifier.slack_http import not_sent, retry_handlers

TARGET = "webhook"
# Answers Slack gives a webhook that no retry can fix (the URL, the channel or our payload is the problem).
PERMANENT_STATUS = frozenset({400, 403, 404, 410})


class _Redact(logging.Filter):
    def __init__(self, secret: str):
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.secret and self.secret in message:
            record.msg, record.args = message.replace(self.secret, "…webhook-url-redacted…"), None
        return True


@register("webhook")
class WebhookNotifier:
    kind = "webhook"
    threads = False

    def __init__(self, url: str, timeout: float = 15.0, max_retries: int = 3, retry_backoff: float = 0.5):
        self._url = url
        sdk_log = logging.getLogger(f"wirewatch.webhook.sdk.{id(self)}")
        sdk_log.addFilter(_Redact(url))
        sdk_log.propagate = True
        self.client = WebhookClient(
            url=url,
            timeout=max(1, math.ceil(timeout)),
            logger=sdk_log,
            retry_handlers=retry_handlers(max_retries, retry_backoff, reads=False),
        )

    def targets_for(self, alert: Alert, channel: str | None = None) -> list[str]:
        return [] if alert.thread_of else [TARGET]  # the channel is the webhook's own

    def send(self, alert: Alert, target: str) -> Outcome:
        card = card_for(alert)  # the same card the bot posts; no thread, so no chart
        try:
            resp = self.client.send(text=card.text, blocks=card.blocks, unfurl_links=False, unfurl_media=False)
        except Exception as exc:  # urllib and slack-sdk raise a range of types; none may carry the URL out
            error = f"webhook: {type(exc).__name__}: {str(exc).replace(self._url, '…')}"
            return Outcome.retry(error, in_doubt=not not_sent(exc))
        body = (resp.body or "").strip()[:200].replace(self._url, "…")
        if resp.status_code == 200:
            return Outcome.sent(None)
        error = f"webhook: HTTP {resp.status_code} {body}".strip()
        if resp.status_code in PERMANENT_STATUS:
            return Outcome.dead(error)
        return Outcome.retry(error, in_doubt=resp.status_code >= 500)

    def close(self) -> None:
        pass
