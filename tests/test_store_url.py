"""Store URLs are checked with the config: a clear one-line error naming the key, never the password."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wirewatch.config import ConfigError, load_config
from wirewatch.logs import scrub


def config_with_store(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "wirewatch.yaml"
    path.write_text(f"sources: []\nstore: '{url}'\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("redis+sentinel://:hunter2@sentinel:26379/mymaster", "not a supported store"),
        ("mysql://admin:hunter2@db/wirewatch", "not a supported store"),
        ("redis://cache:99999/0", "port must be a number"),
        ("redis://cache:6379/zero", "database must be a number"),
        ("sqlite://relative.db", "expected sqlite:///"),
        ("wirewatch.db", "no scheme"),
    ],
)
def test_bad_store_url_is_a_config_error_at_its_line(tmp_path: Path, url: str, says: str) -> None:
    path = config_with_store(tmp_path, url)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    message = str(err.value)
    assert message.startswith(f"{path}:2:1: ") and says in message
    assert "hunter2" not in message


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///./x.db",
        "sqlite:////tmp/x.db",
        "redis://localhost:6379/0",
        "rediss://:token@cache.example:6380/2",
        "unix:///run/redis.sock",
    ],
)
def test_good_store_urls_pass(tmp_path: Path, url: str) -> None:
    config, _ = load_config(config_with_store(tmp_path, url))
    assert config.store == url


def test_cli_exits_2_with_one_line_and_no_password(tmp_path: Path) -> None:
    path = config_with_store(tmp_path, "redis+sentinel://:hunter2@sentinel:26379/mymaster")
    r = subprocess.run(
        [sys.executable, "-m", "wirewatch", "once", "--config", str(path)], capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 2
    assert "hunter2" not in r.stderr + r.stdout
    assert "Traceback" not in r.stderr
    assert "not a supported store" in r.stderr


@pytest.mark.parametrize(
    "text",
    ["redis://:hunter2@h:6379/0", "redis+sentinel://:hunter2@h/m", "mysql://u:hunter2@h/db", "https://user:hunter2@x/"],
)
def test_scrub_hides_url_passwords_with_or_without_a_user(text: str) -> None:
    assert "hunter2" not in scrub(f"failed to connect to {text}")
