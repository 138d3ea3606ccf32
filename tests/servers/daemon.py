"""A real `wirewatch run` for tests: started with the Slack server's token and URL, its stderr collected line
by line (readable while it runs), stopped with SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from tests.servers.slack import SlackServer

ROOT = Path(__file__).resolve().parent.parent.parent


class Daemon:
    """`wirewatch run` with its stderr collected line by line."""

    def __init__(self, cfg: Path, slack: SlackServer):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "SLACK_BOT_TOKEN": slack.token, "SLACK_API_URL": slack.base_url}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "wirewatch", "run", "--config", str(cfg)],
            cwd=cfg.parent,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line)

    @property
    def log(self) -> str:
        return "".join(self.lines)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(40)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(5)
        return self.proc.returncode


def tracebacks(log: str) -> list[str]:
    return [line for line in log.splitlines() if "Traceback" in line or "job crashed" in line]
