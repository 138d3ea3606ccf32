"""Seconds from `make run` to the first alert on the console, as a new user sees it, and how long the screen
stays silent on the way.

Clones the repository into a temporary folder (committed files only), then times
  cold:  `make run` on the fresh clone (creates .venv and installs, then runs): time to the first alert;
  warm:  `make run` again with the alert store deleted (set-up already done): time to the first alert;
  again: `make run` a third time with the store kept (nothing new to alert): time to the first heartbeat line.
For each, "longest silence" is the longest gap between two lines of output (stdout and stderr) before that
point: what a newcomer stares at.
Usage: python benchmarks/first_alert.py
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALERT = "┌─"  # the first line of a console card
HEARTBEAT = "round: "  # the daemon's summary line (wirewatch/heartbeat.py)


@dataclass
class Seen:
    seconds: float  # from `make run` to the line looked for
    silence: float  # longest gap between lines of output before it
    lines: int  # lines of output before it


def time_to(workdir: Path, mark: str, timeout: float = 900) -> Seen:
    start = time.monotonic()
    proc = subprocess.Popen(
        ["make", "run"],
        cwd=workdir,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    assert proc.stdout is not None
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    last, silence, lines, buffer = start, 0.0, 0, b""
    try:
        while time.monotonic() - start < timeout:
            if not sel.select(timeout=1.0):
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            buffer += chunk
            *complete, buffer = buffer.split(b"\n")
            for raw in complete:
                now = time.monotonic()
                silence, last, lines = max(silence, now - last), now, lines + 1
                if mark in raw.decode("utf-8", "replace"):
                    return Seen(now - start, silence, lines)
        raise RuntimeError(f"no line with {mark!r} within {timeout:.0f} s")
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "wirewatch"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        cold = time_to(clone, ALERT)
        for f in clone.glob("wirewatch.db*"):
            f.unlink()
        warm = time_to(clone, ALERT)
        again = time_to(clone, HEARTBEAT)
    print(
        f"make run -> first alert: cold (fresh clone, includes venv + install) {cold.seconds:.1f} s, longest "
        f"silence {cold.silence:.1f} s ({cold.lines} lines before it); warm (set-up done) {warm.seconds:.1f} s, "
        f"longest silence {warm.silence:.1f} s\n"
        f"make run again (store kept, nothing new) -> first heartbeat line {again.seconds:.1f} s, longest silence "
        f"{again.silence:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
