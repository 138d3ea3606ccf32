"""Wiring for the daemon in two calls: `build_handler` (policy + store) and `build_receiver` (the transport)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from slack_sdk import WebClient

from notifier.interactive.access import AccessPolicy, AccessRules, slack_group_members
from notifier.interactive.outcome import Outcome
from notifier.interactive.settings import InteractiveSettings
from notifier.interactive.signing import RequestVerifier
from store.base import Store
from wirewatch.interactive.handler import ActionHandler
from wirewatch.interactive.http_receiver import HttpReceiver
from wirewatch.interactive.socket_receiver import SocketReceiver


class Receiver(Protocol):
    def start(self) -> object: ...

    def stop(self) -> None: ...


def build_handler(
    settings: InteractiveSettings,
    store: Store,
    *,
    bot_client: WebClient | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> ActionHandler:
    """The handler with its access policy; `bot_client` (the bot token's WebClient) reads user groups."""
    if settings.team_id is None:
        raise ValueError("interactive: `team_id` is required")
    rules = AccessRules(settings.team_id, frozenset(settings.allowed_users), tuple(settings.allowed_usergroups))
    members = slack_group_members(bot_client) if bot_client is not None and rules.usergroups else None
    policy = AccessPolicy(rules, members, ttl=settings.usergroup_cache)
    return ActionHandler(store, policy, on_outcome=on_outcome)


def build_receiver(settings: InteractiveSettings, handler: ActionHandler) -> Receiver:
    """Socket Mode or the HTTP endpoint, not started."""
    if settings.mode == "socket":
        assert settings.app_token is not None
        return SocketReceiver(handler, settings.app_token.get_secret_value(), base_url=settings.base_url)
    assert settings.signing_secret is not None
    verifier = RequestVerifier(settings.signing_secret.get_secret_value())
    return HttpReceiver(
        handler, verifier, host=settings.host, port=settings.port, path=settings.path, max_body=settings.max_body
    )
