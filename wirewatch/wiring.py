"""Build the runtime parts from the validated config: store, rule engine, notifiers, fetcher."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from collectors.http_fetch import USER_AGENT, FetchLimits
from notifier.base import REGISTRY, Notifier
from rules.engine import RuleEngine
from rules.loader import load_rules
from wirewatch.config import Config
from wirewatch.series_pipeline import with_series_rules


def build_engine(paths: Iterable[str | Path]) -> RuleEngine:
    paths = list(paths)  # read twice: keyword rules, then the series rules that ride along with them
    return with_series_rules(load_rules([Path(p) for p in paths]).engine(), paths)


def build_notifiers(config: Config) -> dict[str, Notifier]:
    import notifier.console
    import notifier.slack
    import notifier.webhook  # noqa: F401  (registers)
    from wirewatch.delivery import router_from_config

    out: dict[str, Notifier] = {}
    if config.notify.console_enabled:
        out["console"] = REGISTRY["console"]()
    slack = config.notify.slack
    if slack.enabled and slack.token is not None:
        out["slack"] = REGISTRY["slack"](
            token=slack.token.get_secret_value(),
            channel=slack.channel,
            base_url=slack.base_url,
            timeout=slack.timeout,
            router=router_from_config(config),
        )
    webhook = config.notify.webhook
    if webhook.enabled and webhook.url is not None:
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
