"""Slack notifier: chat.postMessage through slack-sdk, with its retry handlers for 429 and 5xx.

Each post carries message `metadata` with the alert id, so a later reconciliation can tell what Slack
already accepted. The token lives only inside the WebClient; errors we surface never include it.
"""

from __future__ import annotations

import math
import re

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from notifier.base import Outcome, register
from notifier.render import render_blocks, render_text
from store.records import Alert

# Errors that no retry can fix: route to the dead-letter list with the reason.
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "no_permission",
        "missing_scope",
        "invalid_blocks",
        "invalid_blocks_format",
        "msg_too_long",
        "too_many_attachments",
        "restricted_action",
        "ekm_access_denied",
        "invalid_arguments",
        "invalid_metadata_format",
    }
)
_TOKEN = re.compile(r"xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+")
METADATA_EVENT = "wirewatch_alert"


def redact(text: str) -> str:
    return _TOKEN.sub("xox?-…redacted…", text)


@register("slack")
class SlackNotifier:
    kind = "slack"

    def __init__(
        self,
        token: str,
        channel: str,
        base_url: str = "https://slack.com/api/",
        timeout: float = 15.0,
        max_retries: int = 3,
    ):
        if not base_url.endswith("/"):
            base_url += "/"
        self.channel = channel
        self.client = WebClient(
            token=token,
            base_url=base_url,
            timeout=max(1, math.ceil(timeout)),  # int(0.5) == 0 would make every socket non-blocking
            retry_handlers=[
                ConnectionErrorRetryHandler(max_retry_count=max_retries),
                RateLimitErrorRetryHandler(max_retry_count=max_retries),
                ServerErrorRetryHandler(max_retry_count=max_retries),
            ],
        )

    def targets_for(self, alert: Alert) -> list[str]:
        return [f"slack:{self.channel}"]

    def send(self, alert: Alert, target: str) -> Outcome:
        channel = target.partition(":")[2] or self.channel
        try:
            resp = self.client.chat_postMessage(
                channel=channel,
                text=render_text(alert),
                blocks=render_blocks(alert),
                unfurl_links=False,
                unfurl_media=False,
                metadata={
                    "event_type": METADATA_EVENT,
                    "event_payload": {"alert_id": alert.id, "rule": alert.rule},
                },
            )
        except SlackApiError as exc:
            code = str(exc.response.get("error") or f"HTTP {exc.response.status_code}")
            if code in PERMANENT_ERRORS:
                return Outcome.dead(f"slack: {code}")
            return Outcome.retry(f"slack: {code}")
        except (SlackClientError, OSError) as exc:
            return Outcome.retry(redact(f"slack: {type(exc).__name__}: {exc}"))
        return Outcome.sent(str(resp.get("ts") or ""))

    def close(self) -> None:
        pass
