"""Which config file to read: `--config`, else `$WIREWATCH_CONFIG`, else `./wirewatch.yaml` (or `.yml`).
Apart from the config model so a command can learn there is none without loading the model."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_CONFIG_NAMES = ("wirewatch.yaml", "wirewatch.yml")


def find_config(explicit: str | None) -> Path | None:
    if explicit:
        return Path(explicit)
    if env_path := os.environ.get("WIREWATCH_CONFIG"):
        return Path(env_path)
    for name in DEFAULT_CONFIG_NAMES:
        if Path(name).is_file():
            return Path(name)
    return None
