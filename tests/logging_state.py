"""In-process CLI runs (`wirewatch.cli.main`) set up logging as the real command does: the root handler on
this test's captured stderr, levels for noisy libraries. `kept()` puts the process-wide state back afterwards,
so later tests in the same worker log (and capture debug logs) as before."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

NOISY = ("httpx", "httpcore", "apscheduler", "slack_sdk", "urllib3")


@contextmanager
def kept() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    levels = {name: logging.getLogger(name).level for name in NOISY}
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        for name, lvl in levels.items():
            logging.getLogger(name).setLevel(lvl)
