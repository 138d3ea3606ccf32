"""A print's chart, uploaded into the alert's Slack thread after the alert itself was posted
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

from notifier.cards.common import Chart
from notifier.slack_http import redact

log = logging.getLogger("wirewatch.slack")


def chart_filename(chart: Chart) -> str:
    return re.sub(r"[^A-Za-z0-9_.\-]+", "-", f"{chart.series}-{chart.period}").strip("-") + ".png"


def post_chart(client: WebClient, alert_id: str, chart: Chart, channel_id: str, thread_ts: str) -> bool:
    """Upload the chart as a reply in the alert's thread. True when it landed (or there was nothing worth
    drawing)."""
    if not thread_ts:
        return True
    try:
        from notifier.chart import chart_png  # matplotlib: loaded when the first chart is drawn

        png = chart_png(chart)
        if png is None:
            return True
        client.files_upload_v2(
            channel=channel_id,
            thread_ts=thread_ts,
            content=png,
            filename=chart_filename(chart),
            title=f"{chart.name} — {chart.period}",
            alt_txt=f"Chart of the recent history of {chart.name or 'the series'}",
        )
    except SlackApiError as exc:
        log.warning("alert %s: chart not added to the thread: slack: %s", alert_id, exc.response.get("error"))
        return False
    except (SlackClientError, OSError, ValueError) as exc:
        log.warning("alert %s: chart not added to the thread: %s", alert_id, redact(f"{type(exc).__name__}: {exc}"))
        return False
    return True
