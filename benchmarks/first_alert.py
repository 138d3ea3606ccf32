"""Seconds from `make run` to the first alert on the console, as a new user sees it.

Clones the repository into a temporary folder (committed files only), then times
  cold: `make run` on the fresh clone (creates .venv and installs, then runs), and
  warm: `make run` again with the alert store deleted (set-up already done).
Usage: python benchmarks/first_alert.py [--keep]
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = "┌─"


def time_to_first_alert(workdir: Path, timeout: float = 900) -> float:
    start = time.monotonic()
    proc = subprocess.Popen(
        ["make", "run"],
        cwd=workdir,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            if MARK in line:
                return time.monotonic() - start
            if time.monotonic() - start > timeout:
                break
        raise RuntimeError("no alert seen")
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
        cold = time_to_first_alert(clone)
        for f in clone.glob("wirewatch.db*"):
            f.unlink()
        warm = time_to_first_alert(clone)
    print(
        f"make run -> first alert: cold (fresh clone, includes venv + install) {cold:.1f} s; "
        f"warm (set-up done) {warm:.1f} s; ratio cold/warm {cold / warm:.0f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
