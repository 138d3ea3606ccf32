"""`notify.interactive` settings: complete or a clear error, secrets never shown; wiring in two calls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError
from slack_sdk import WebClient

from notifier.interactive.settings import InteractiveSettings
from store.sqlite_store import SqliteStore
from tests.interactive_payloads import TEAM, block_actions, deal_alert
from tests.servers.slack import SlackServer
from wirewatch.interactive.build import build_handler, build_receiver
from wirewatch.interactive.http_receiver import HttpReceiver
from wirewatch.interactive.socket_receiver import SocketReceiver

ROOT = Path(__file__).resolve().parent.parent
APP = "xapp-1-A0WIREWATCH-1-secretpart"
SIGNING = "signing-secret-value-123"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"enabled": True, "app_token": APP}, "set `team_id`"),
        ({"enabled": True, "team_id": TEAM}, "needs `app_token`"),
        ({"enabled": True, "team_id": TEAM, "app_token": "xoxb-123"}, "app-level token"),
        ({"enabled": True, "team_id": TEAM, "mode": "http"}, "needs `signing_secret`"),
        ({"enabled": True, "team_id": "workspace", "app_token": APP}, "team_id"),
        ({"enabled": True, "team_id": TEAM, "app_token": APP, "colour": "red"}, "colour"),
        ({"usergroup_cache": "5"}, None),
        ({"usergroup_cache": "soon"}, "bad duration"),
    ],
)
def test_settings_are_complete_or_say_what_is_missing(data: dict[str, Any], message: str | None) -> None:
    if message is None:
        assert InteractiveSettings(**data).usergroup_cache == 5.0
        return
    with pytest.raises(ValidationError) as err:
        InteractiveSettings(**data)
    assert message in str(err.value)
    assert APP not in str(err.value)


def test_secrets_are_never_shown() -> None:
    s = InteractiveSettings(enabled=True, team_id=TEAM, app_token=APP, signing_secret=SIGNING)
    for text in (repr(s), str(s), s.model_dump_json()):
        assert APP not in text and SIGNING not in text


def test_wiring_builds_the_receiver_the_mode_asks_for(tmp_path: Path, slack_server: SlackServer) -> None:
    store = SqliteStore(tmp_path / "w.db")
    store.add_alert(deal_alert(), [])
    socket_mode = InteractiveSettings(enabled=True, team_id=TEAM, app_token=APP)
    http = InteractiveSettings(enabled=True, team_id=TEAM, mode="http", signing_secret=SIGNING, port=0)
    assert isinstance(build_receiver(socket_mode, build_handler(socket_mode, store)), SocketReceiver)
    receiver = build_receiver(http, build_handler(http, store))
    assert isinstance(receiver, HttpReceiver)
    receiver.httpd.server_close()
    # user groups are read through the bot's client
    slack_server.usergroups["S0DESK"] = ["U0BO"]
    grouped = InteractiveSettings(enabled=True, team_id=TEAM, app_token=APP, allowed_usergroups=["S0DESK"])
    bot = WebClient(token=slack_server.token, base_url=slack_server.base_url)
    seen: list[str] = []
    handler = build_handler(grouped, store, bot_client=bot, on_outcome=lambda o: seen.append(o.status))
    handler.handle(block_actions("ww.useful", deal_alert().id))
    handler.handle(block_actions("ww.useful", deal_alert().id, user="U0BO"))
    assert seen == ["refused", "done"]
    with pytest.raises(ValueError, match="user groups are listed"):
        build_handler(grouped, store)
    store.close()


def test_the_slack_app_manifest_asks_for_what_the_code_uses() -> None:
    manifest = yaml.safe_load((ROOT / "docs" / "slack-app-manifest.yaml").read_text(encoding="utf-8"))
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    needed = {"chat:write", "channels:history", "groups:history", "channels:read", "files:write", "usergroups:read"}
    assert needed <= scopes
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["settings"]["socket_mode_enabled"] is True
