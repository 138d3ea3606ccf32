"""`notify.interactive` in the one config model: `${VAR}` secrets, precise errors, secrets scrubbed from every
log line once the daemon holds them, and a busy endpoint port that does not stop the alerts."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from rules.ruleset import RuleSet
from store.sqlite_store import SqliteStore
from tests.interactive_payloads import TEAM
from tests.logging_state import kept
from wirewatch.config import ConfigError, load_config
from wirewatch.interactive.service import build_interactive, start_interactive
from wirewatch.logs import setup_logging

APP = "xapp-1-A0WIREWATCH-1-0123456789abcdef"
SIGNING = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
ENV = {"SLACK_BOT_TOKEN": "xoxb-1-bot", "SLACK_APP_TOKEN": APP, "SLACK_SIGNING_SECRET": SIGNING}


@pytest.fixture(autouse=True)
def _logging_as_before() -> Iterator[None]:
    with kept():
        yield


def write(tmp_path: Path, interactive: str, slack: str = "  slack: {token: '${SLACK_BOT_TOKEN}'}\n") -> Path:
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text(f"store: sqlite:///{tmp_path}/w.db\nnotify:\n{slack}  interactive:\n{interactive}", "utf-8")
    return cfg


def test_interactive_settings_load_from_the_config_with_secrets_from_the_environment(tmp_path: Path) -> None:
    cfg = write(
        tmp_path,
        f"    enabled: true\n    team_id: {TEAM}\n    app_token: ${{SLACK_APP_TOKEN}}\n"
        "    signing_secret: ${SLACK_SIGNING_SECRET}\n    allowed_users: [U0ANA]\n    why_reply: thread\n",
    )
    config, warnings = load_config(cfg, ENV)
    s = config.notify.interactive
    assert warnings == [] and s.enabled and s.mode == "socket" and s.allowed_users == ["U0ANA"]
    assert s.app_token is not None and s.app_token.get_secret_value() == APP and s.why_reply == "thread"
    assert APP not in repr(config) and SIGNING not in config.model_dump_json()
    off, _ = load_config(write(tmp_path, "    enabled: false\n"), ENV)
    assert not off.notify.interactive.enabled


@pytest.mark.parametrize(
    ("interactive", "slack", "message"),
    [
        (f"    enabled: true\n    team_id: {TEAM}\n    app_token: x\n", None, "Socket Mode needs `app_token`"),
        ("    enabled: true\n    app_token: ${SLACK_APP_TOKEN}\n", None, "set `team_id`"),
        (f"    enabled: true\n    team_id: {TEAM}\n    mode: http\n", None, "the HTTP endpoint needs `signing_secret`"),
        (f"    enabled: true\n    team_id: {TEAM}\n    modes: http\n", None, "unknown key `modes`"),
        (f"    enabled: true\n    team_id: {TEAM}\n    why_reply: dm\n", None, "why_reply"),
        (
            f"    enabled: true\n    team_id: {TEAM}\n    app_token: ${{SLACK_APP_TOKEN}}\n",
            "  console: true\n",
            "buttons need the Slack bot (`notify.slack.token`)",
        ),
    ],
)
def test_bad_interactive_settings_are_reported_with_their_place(
    tmp_path: Path, interactive: str, slack: str | None, message: str
) -> None:
    cfg = write(tmp_path, interactive, slack) if slack is not None else write(tmp_path, interactive)
    with pytest.raises(ConfigError) as err:
        load_config(cfg, ENV)
    text = str(err.value)
    assert message in text and text.startswith(f"{cfg}:") and APP not in text and SIGNING not in text


def test_the_daemon_scrubs_the_secrets_it_holds_from_every_log_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = write(
        tmp_path,
        f"    enabled: true\n    team_id: {TEAM}\n    mode: http\n    port: 0\n"
        "    signing_secret: ${SLACK_SIGNING_SECRET}\n",
    )
    config, _ = load_config(cfg, ENV)
    store = SqliteStore(tmp_path / "w.db")
    built = build_interactive(config, store, RuleSet.empty)
    assert built is not None
    setup_logging("INFO")
    logging.getLogger("wirewatch.test").warning("a careless line quoting %s and %s", SIGNING, APP)
    built.receiver.stop()
    built.responder.close()
    store.close()
    err = capsys.readouterr().err
    assert "a careless line quoting *** and ***" in err and SIGNING not in err


def test_a_busy_endpoint_port_is_logged_and_the_daemon_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        cfg = write(
            tmp_path,
            f"    enabled: true\n    team_id: {TEAM}\n    mode: http\n    port: {port}\n"
            "    signing_secret: ${SLACK_SIGNING_SECRET}\n",
        )
        config, _ = load_config(cfg, ENV)
        store = SqliteStore(tmp_path / "w.db")
        with caplog.at_level(logging.ERROR):
            assert start_interactive(config, store, RuleSet.empty) is None
        store.close()
    assert f"Slack interactivity endpoint not started on 127.0.0.1:{port}" in caplog.text
