"""Logging set-up: readable text or JSON lines, with secrets scrubbed from every record."""

from __future__ import annotations

import json
import logging
import re
import sys
import time

_SECRETS = re.compile(
    r"xox[a-z]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+"  # Slack bot, user, app and config tokens
    r"|(?<=hooks\.slack\.com/)(?:services|workflows|triggers)/[^\s\"'<>]+"  # an incoming webhook's URL is its secret
    r"|(?<=://)[^/\s:@]*:[^/\s@]+(?=@)"  # user:password@ in any URL (redis, redis+sentinel, mysql …)
    r"|(?<=Bearer )[A-Za-z0-9._~+/=-]+"
)


_KNOWN: set[str] = set()  # secrets with no recognisable shape (a signing secret), registered by `hide`


def hide(*secrets: str | None) -> None:
    """Scrub these exact values from every log line from now on (for secrets no pattern recognises)."""
    _KNOWN.update(s for s in secrets if s and len(s) >= 8)


def scrub(text: str) -> str:
    """Slack tokens, webhook URLs, passwords in URLs and registered secrets never reach a log line or an error
    message."""
    for secret in _KNOWN:
        text = text.replace(secret, "***")
    return _SECRETS.sub("***", text)


class ScrubFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg, record.args = scrub(message), None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def iso_time(created: float) -> str:
    """ISO 8601 in UTC with milliseconds and the zone, e.g. 2026-11-25T14:03:07.123Z: the same in text and
    JSON logs, and the same clock as every other time Wirewatch shows (`alerts`, `sources`)."""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(created)) + f".{int(created * 1000) % 1000:03d}Z"


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s")

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return iso_time(record.created)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {
            "ts": iso_time(record.created),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key in ("source", "rule", "alert"):
            if hasattr(record, key):
                data[key] = getattr(record, key)
        if record.exc_text:
            data["exc"] = record.exc_text
        return json.dumps(data, ensure_ascii=False)


def setup_logging(level: str = "INFO", fmt: str = "text") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(ScrubFilter())
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "apscheduler", "slack_sdk", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
