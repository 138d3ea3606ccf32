"""Slack notifier: chat.postMessage through slack-sdk, never twice.

Each post is the alert's card (notifier/card.py) and carries message `metadata` with the alert id, so the
channel's history tells what Slack already accepted. The retry policy (notifier/slack_http.py) never re-posts
blindly after a 5xx or a lost reply, because Slack may have stored the message. For those we read the
channel's recent history (conversations.history, or conversations.replies for a thread, with
include_all_metadata) and re-post only when our alert id is not there. The token lives only inside the
WebClient; errors we surface never include it.

Needed scopes: `chat:write`, and for reconciliation `channels:history` (`groups:history` for private
channels). The history methods want a channel id: it is learnt from the answer to each post (and kept by the
outbox across restarts, `know_channel`); only a channel never posted to is looked up with `conversations.list`,
which needs `channels:read` (`groups:read`). Without the history scopes a send in doubt cannot be checked: the
error names the scope to grant.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import time
from collections.abc import Sequence
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from domain.alert import Alert
from notifier.base import Outcome, Posted, ReconcileError, Thread, register
from notifier.card import Card, card_for, reply_card
from notifier.slack_chart import post_chart
from notifier.slack_http import not_sent, redact, retry_handlers

log = logging.getLogger("wirewatch.slack")

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
        "thread_not_found",
    }
)
_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{6,}$")
METADATA_EVENT = "wirewatch_alert"
CLOCK_SKEW = 300.0  # look this far before our first attempt: Slack's clock and ours differ a little
HISTORY_PAGES = 20  # × 200 messages: how far back a reconciliation reads before it gives up


def unreadable(error: Any, needed: Any, exc: SlackApiError) -> str:
    """Why history could not be read, with the fix when Slack names the missing scope."""
    code = str(error or f"HTTP {exc.response.status_code}")
    if code == "missing_scope":
        scope = str(needed or "channels:history")
        return f"slack: missing_scope: grant the bot {scope} (then reinstall the app)"
    return f"slack: {code}"


@register("slack")
class SlackNotifier:
    kind = "slack"
    threads = True

    def __init__(
        self,
        token: str,
        channel: str,
        base_url: str = "https://slack.com/api/",
        timeout: float = 15.0,
        max_retries: int = 3,
        retry_backoff: float = 0.5,
        interactive: bool = False,
    ):
        if not base_url.endswith("/"):
            base_url += "/"
        self.channel = channel
        self.max_retries = max_retries
        self.interactive = interactive  # cards carry the readers' buttons (notify.interactive)
        self._ids: dict[str, str] = {}  # channel name → id, learnt from post answers or conversations.list
        self._ids_lock = threading.Lock()
        self.client = WebClient(
            token=token,
            base_url=base_url,
            timeout=max(1, math.ceil(timeout)),  # int(0.5) == 0 would make every socket non-blocking
            retry_handlers=retry_handlers(max_retries, retry_backoff),
        )

    def targets_for(self, alert: Alert, channel: str | None = None) -> list[str]:
        return [f"slack:{channel or self.channel}"]

    # --- sending --------------------------------------------------------------------------------------------
    def send(self, alert: Alert, target: str) -> Outcome:
        return self._deliver(alert, target, card_for(alert, actions=self.interactive), None)

    def send_reply(self, alert: Alert, target: str, thread: Thread) -> Outcome:
        return self._deliver(alert, target, reply_card(alert, thread.parent), thread.ref)

    def _deliver(self, alert: Alert, target: str, card: Card, thread_ts: str | None) -> Outcome:
        """Post; after an answer that leaves it unknown whether Slack stored the post, look before posting
        again (at most `max_retries` more posts)."""
        channel = target.partition(":")[2] or self.channel
        since = time.time()
        for attempt in range(self.max_retries + 1):
            try:
                resp = self._post(channel, card, alert, thread_ts)
            except SlackApiError as exc:
                code = str(exc.response.get("error") or f"HTTP {exc.response.status_code}")
                if code in PERMANENT_ERRORS:
                    return Outcome.dead(f"slack: {code}")
                if exc.response.status_code < 500:
                    return Outcome.retry(f"slack: {code}")  # refused (429 after retries, ok=false): not stored
                error = f"slack: {code}"
            except (SlackClientError, OSError) as exc:
                error = redact(f"slack: {type(exc).__name__}: {exc}")
                if not_sent(exc):
                    return Outcome.retry(error)
            else:
                channel_id = str(resp.get("channel") or "") or None
                self._learn(channel, channel_id)
                ts = str(resp.get("ts") or "")
                if thread_ts is None and card.chart is not None:  # prints: the chart in the alert's own thread
                    post_chart(self.client, alert.id, card.chart, channel_id or channel, ts)
                return Outcome.sent(ts, where=channel_id)
            if attempt == self.max_retries:
                return Outcome.retry(error, in_doubt=True)
            try:
                found = self.reconcile(target, [Posted(alert.id, since, thread_ts)])
            except ReconcileError as exc:
                log.warning("alert %s: %s; cannot tell whether it landed: %s", alert.id, error, exc)
                return Outcome.retry(error, in_doubt=True)
            if alert.id in found:
                log.info("alert %s: %s, but the post had landed (ts %s)", alert.id, error, found[alert.id])
                return Outcome.sent(found[alert.id])
        raise AssertionError("unreachable")  # pragma: no cover

    def _post(self, channel: str, card: Card, alert: Alert, thread_ts: str | None) -> Any:
        args: dict[str, Any] = {
            "channel": channel,
            "text": card.text,
            "blocks": card.blocks,
            "unfurl_links": False,
            "unfurl_media": False,
            "metadata": {
                "event_type": METADATA_EVENT,
                "event_payload": {"alert_id": alert.id, "rule": alert.rule},
            },
        }
        if thread_ts:
            args["thread_ts"] = thread_ts
        return self.client.chat_postMessage(**args)

    # --- reconciliation -------------------------------------------------------------------------------------
    def reconcile(self, target: str, wanted: Sequence[Posted]) -> dict[str, str]:
        """Which of these alerts already have a post in the channel (or the given thread): alert id → ts."""
        channel = target.partition(":")[2] or self.channel
        try:
            channel_id = self._channel_id(channel)
            found: dict[str, str] = {}
            by_thread: dict[str | None, list[Posted]] = {}
            for w in wanted:
                by_thread.setdefault(w.thread_ref, []).append(w)
            for thread_ts, group in by_thread.items():
                oldest = min(w.since for w in group) - CLOCK_SKEW
                found.update(self._scan(channel_id, thread_ts, oldest, {w.alert_id for w in group}))
            return found
        except SlackApiError as exc:
            raise ReconcileError(unreadable(exc.response.get("error"), exc.response.get("needed"), exc)) from None
        except (SlackClientError, OSError) as exc:
            raise ReconcileError(redact(f"slack: {type(exc).__name__}: {exc}")) from None

    def _scan(self, channel_id: str, thread_ts: str | None, oldest: float, ids: set[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        cursor: str | None = None
        for _ in range(HISTORY_PAGES):
            common: dict[str, Any] = {
                "channel": channel_id,
                "oldest": f"{max(0.0, oldest):.6f}",
                "include_all_metadata": True,
                "limit": 200,
            }
            if cursor:
                common["cursor"] = cursor
            if thread_ts:
                resp = self.client.conversations_replies(ts=thread_ts, **common)
            else:
                resp = self.client.conversations_history(**common)
            for m in resp.get("messages") or []:
                meta = m.get("metadata") or {}
                if meta.get("event_type") != METADATA_EVENT:
                    continue
                aid = (meta.get("event_payload") or {}).get("alert_id")
                if aid in ids and aid not in found:
                    found[aid] = str(m.get("ts"))
            cursor = (resp.get("response_metadata") or {}).get("next_cursor") or None
            if len(found) == len(ids) or not cursor:
                return found
        raise ReconcileError(
            f"more than {HISTORY_PAGES * 200} messages since {oldest:.0f}: history not read to the end"
        )

    def know_channel(self, target: str, channel_id: str) -> None:
        self._learn(target.partition(":")[2] or self.channel, channel_id)

    def _learn(self, channel: str, channel_id: Any) -> None:
        if channel_id and channel != channel_id:
            with self._ids_lock:
                self._ids[channel] = str(channel_id)

    def _channel_id(self, channel: str) -> str:
        """conversations.history wants an id (`C0123…`); posts accept `#name`. Ask Slack once per name."""
        if _CHANNEL_ID.match(channel):
            return channel
        with self._ids_lock:
            if channel in self._ids:
                return self._ids[channel]
        name = channel.lstrip("#")
        cursor: str | None = None
        for _ in range(HISTORY_PAGES):
            args: dict[str, Any] = {"types": "public_channel,private_channel", "limit": 1000}
            if cursor:
                args["cursor"] = cursor
            resp = self.client.conversations_list(**args)
            for c in resp.get("channels") or []:
                if c.get("name") == name:
                    self._learn(channel, c.get("id"))
                    return str(c.get("id"))
            cursor = (resp.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                break
        raise ReconcileError(f"channel {channel} not found by conversations.list (is the bot a member?)")

    def close(self) -> None:
        pass
