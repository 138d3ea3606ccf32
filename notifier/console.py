"""Console notifier: the default when no Slack token is configured."""

from __future__ import annotations

import sys
import threading
from typing import TextIO

from notifier.base import Outcome, register
from notifier.render import render_console
from store.records import Alert


@register("console")
class ConsoleNotifier:
    kind = "console"

    def __init__(self, stream: TextIO | None = None):
        self._stream = stream
        self._lock = threading.Lock()

    def targets_for(self, alert: Alert) -> list[str]:
        return ["console"]

    def send(self, alert: Alert, target: str) -> Outcome:
        stream = self._stream or sys.stdout
        with self._lock:
            try:
                stream.write(render_console(alert) + "\n")
                stream.flush()
            except OSError as exc:
                return Outcome.retry(f"console write failed: {exc}")
        return Outcome.sent()

    def close(self) -> None:
        pass
