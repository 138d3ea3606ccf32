"""Console notifier: the default when no Slack token is configured. Prints each alert's card as text."""

from __future__ import annotations

import sys
import threading
from typing import TextIO

from domain.alert import Alert
from notifier.base import Outcome, Thread, register
from notifier.card import card_for, reply_card


@register("console")
class ConsoleNotifier:
    kind = "console"
    threads = True

    def __init__(self, stream: TextIO | None = None):
        self._stream = stream
        self._lock = threading.Lock()

    def targets_for(self, alert: Alert, channel: str | None = None) -> list[str]:
        return ["console"]

    def send(self, alert: Alert, target: str) -> Outcome:
        return self._write(card_for(alert).console)

    def send_reply(self, alert: Alert, target: str, thread: Thread) -> Outcome:
        """A later report of an event already shown: one line under it, not a second card."""
        return self._write(reply_card(alert, thread.parent).console)

    def _write(self, text: str) -> Outcome:
        stream = self._stream or sys.stdout
        with self._lock:
            try:
                stream.write(text + "\n")
                stream.flush()
            except OSError as exc:
                return Outcome.retry(f"console write failed: {exc}")
        return Outcome.sent()

    def close(self) -> None:
        pass
