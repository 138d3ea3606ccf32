"""The readers' buttons in a running daemon, in two calls: `start_interactive(config, store, rules)` when
`notify.interactive.enabled` (else None), and `.stop()` on the way out.

One handler (writes), one Slack responder (card updates, modal, *Why?*, replies; the bot token's WebClient)
and one receiver: Socket Mode by default (`mode: socket`, the app-level token; we dial out), the HTTP endpoint
with `mode: http` (signed requests on `host:port/path`). Every replica may run one: a press is stored once
whichever replica receives it (ids derive from the press), and the card is redrawn from the store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_sdk import WebClient

from rules.ruleset import RuleSet
from store.base import Store
from wirewatch.config import Config
from wirewatch.interactive.build import Receiver, build_handler, build_receiver
from wirewatch.interactive.handler import ActionHandler
from wirewatch.interactive.responder import SlackResponder
from wirewatch.logs import hide

log = logging.getLogger("wirewatch.interactive")


class Interactive:
    def __init__(self, handler: ActionHandler, responder: SlackResponder, receiver: Receiver):
        self.handler = handler
        self.responder = responder
        self.receiver = receiver

    def start(self) -> Interactive:
        self.receiver.start()
        return self

    def stop(self) -> None:
        self.receiver.stop()
        self.responder.close()


def build_interactive(config: Config, store: Store, rules: Callable[[], RuleSet]) -> Interactive | None:
    """The parts, not started; None when buttons are off. Raises OSError when the HTTP port cannot be bound."""
    settings = config.notify.interactive
    slack = config.notify.slack
    if not settings.enabled or slack.token is None:
        return None
    secrets = (settings.app_token, settings.signing_secret, slack.token)
    hide(*(s.get_secret_value() for s in secrets if s is not None))
    client = WebClient(token=slack.token.get_secret_value(), base_url=slack.base_url, timeout=15)
    responder = SlackResponder(client, store, rules, why_reply=settings.why_reply)
    handler = build_handler(settings, store, bot_client=client, on_outcome=responder)
    if "base_url" not in settings.model_fields_set:  # apps.connections.open where the bot's API is
        settings = settings.model_copy(update={"base_url": slack.base_url})
    return Interactive(handler, responder, build_receiver(settings, handler))


def start_interactive(config: Config, store: Store, rules: Callable[[], RuleSet]) -> Interactive | None:
    """Started, or None when off or when its port is taken (logged: the alerts keep flowing without buttons
    being answered, as a busy metrics port does not stop them either)."""
    try:
        built = build_interactive(config, store, rules)
    except OSError as exc:
        s = config.notify.interactive
        log.error("Slack interactivity endpoint not started on %s:%d: %s", s.host, s.port, exc)
        return None
    if built is None:
        return None
    mode = config.notify.interactive.mode
    log.info("reader buttons on: %s", "Socket Mode" if mode == "socket" else "HTTP endpoint")
    return built.start()
