"""The chart of a data print, uploaded into the alert's Slack thread after the alert itself was posted
(files.getUploadURLExternal → upload → files.completeUploadExternal, via slack-sdk's files_upload_v2).

Best effort by design: the alert is already delivered when this runs, and the outbox records deliveries, not
thread replies, so retrying a failed upload would mean posting the alert twice. A failure is logged with its
reason (never the token) and the delivery still counts as sent. The bot needs the `files:write` scope.
"""

from __future__ import annotations

import logging
import re

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from domain.alert import Alert
from notifier.chart import chart_png
from notifier.print_render import is_print

log = logging.getLogger("wirewatch.slack")


def chart_filename(alert: Alert) -> str:
    series = str(alert.fields.get("series") or "series")
    period = str(alert.fields.get("period") or "")
    return re.sub(r"[^A-Za-z0-9_.\-]+", "-", f"{series}-{period}").strip("-") + ".png"


def post_chart(client: WebClient, alert: Alert, channel_id: str, thread_ts: str) -> bool:
    """Upload the print's chart as a reply in its thread. True when it landed (or there was nothing to
    upload: not a print, or too little history to draw)."""
    if not is_print(alert) or not thread_ts:
        return True
    try:
        png = chart_png(alert)
        if png is None:
            return True
        client.files_upload_v2(
            channel=channel_id,
            thread_ts=thread_ts,
            content=png,
            filename=chart_filename(alert),
            title=f"{alert.fields.get('indicator', '')} — {alert.fields.get('period', '')}",
            alt_txt=f"Chart of the recent history of {alert.fields.get('indicator', 'the series')}",
        )
    except SlackApiError as exc:
        log.warning("alert %s: chart not added to the thread: slack: %s", alert.id, exc.response.get("error"))
        return False
    except (SlackClientError, OSError, ValueError) as exc:
        from notifier.slack import redact  # the notifier imports this module: import its helper late

        log.warning("alert %s: chart not added to the thread: %s", alert.id, redact(f"{type(exc).__name__}: {exc}"))
        return False
    return True
