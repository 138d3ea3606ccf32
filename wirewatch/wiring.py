"""Build the runtime parts from the validated config: rules, notifiers, the one router, fetch limits, policy."""

from __future__ import annotations

from collectors.http_fetch import USER_AGENT, FetchLimits
from collectors.schedule import PollPolicy
from notifier.base import REGISTRY, Notifier
from notifier.routing import Route, Router
from rules.ruleset import RuleSet, load_ruleset
from wirewatch.config import Config


def load_rules(config: Config) -> RuleSet:
    """Every rule the config lists, keyword and series alike (RuleLoadError on any problem)."""
    return load_ruleset(config.rules).ruleset()


def build_router(config: Config) -> Router:
    """The one router: the recorder asks it for an alert's channel, the outbox for its delivery mode."""
    return Router(
        tuple(
            Route(
                rules=tuple(r.rules),
                events=tuple(r.events),
                severities=tuple(r.severity),
                min_severity=r.min_severity,
                channel=r.channel,
                delivery=r.delivery,
            )
            for r in config.notify.routes
        )
    )


def build_notifiers(config: Config) -> dict[str, Notifier]:
    out: dict[str, Notifier] = {}
    if config.notify.console_enabled:
        import notifier.console

        out["console"] = REGISTRY["console"]()
    slack = config.notify.slack
    if slack.enabled and slack.token is not None:
        import notifier.slack

        out["slack"] = REGISTRY["slack"](
            token=slack.token.get_secret_value(),
            channel=slack.channel,
            base_url=slack.base_url,
            timeout=slack.timeout,
            interactive=config.notify.interactive.enabled,
        )
    webhook = config.notify.webhook
    if webhook.enabled and webhook.url is not None:
        import notifier.webhook  # noqa: F401

        out["webhook"] = REGISTRY["webhook"](url=webhook.url.get_secret_value(), timeout=webhook.timeout)
    return out


def fetch_limits(config: Config) -> FetchLimits:
    f = config.fetch
    return FetchLimits(
        connect_timeout=f.connect_timeout,
        read_timeout=f.read_timeout,
        total_timeout=f.total_timeout,
        max_bytes=f.max_bytes,
        user_agent=f.user_agent or USER_AGENT,
        per_host_limit=f.per_host_limit,
        allow_private_addresses=f.allow_private_addresses,
    )


def poll_policy(config: Config) -> PollPolicy:
    f = config.fetch
    return PollPolicy(jitter=config.jitter, backoff_cap=f.backoff_cap, redirect_persist=f.redirect_persist)
