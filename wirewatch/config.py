"""The one validated configuration model, loaded from YAML with `${VAR}` interpolation and precise errors."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    model_validator,
)

from rules.loader import BUNDLED_PACKS
from rules.yaml_source import Problem, load_yaml_file, validation_problems
from rules.durations import parse_duration
from wirewatch.interpolate import Interpolation, interpolate

Seconds = Annotated[float, BeforeValidator(parse_duration)]
DEFAULT_CONFIG_NAMES = ("wirewatch.yaml", "wirewatch.yml")


class ConfigError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceConfig(_Model):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=100)
    type: Literal["rss"] = "rss"
    url: str
    interval: Seconds = 300.0
    on_first_fetch: Literal["baseline", "alert"] = "baseline"
    enabled: bool = True
    alert_after_failures: int = Field(3, ge=1, description="Ops alert after this many failed polls in a row.")
    quiet_factor: float = Field(
        4.0, ge=0, description="Ops alert when no new entry for this many usual gaps between new entries; 0: off."
    )

    @model_validator(mode="after")
    def _check(self) -> SourceConfig:
        if not self.url.startswith(("http://", "https://", "file:")):
            raise ValueError(f"source `{self.id}`: url must start with http://, https:// or file:")
        if self.interval < 10:
            raise ValueError(f"source `{self.id}`: interval must be at least 10s")
        return self


class SlackConfig(_Model):
    token: SecretStr | None = None
    base_url: str = "https://slack.com/api/"
    channel: str = "#market-signals"
    timeout: Seconds = 15.0

    @property
    def enabled(self) -> bool:
        return bool(self.token and self.token.get_secret_value().strip())


class NotifyConfig(_Model):
    console: bool | None = None  # None: on when Slack is not configured
    slack: SlackConfig = SlackConfig()
    ops_channel: str | None = None  # Slack channel for feed-health messages (default: slack.channel)

    @property
    def console_enabled(self) -> bool:
        return self.console if self.console is not None else not self.slack.enabled


class FetchConfig(_Model):
    connect_timeout: Seconds = 10.0
    read_timeout: Seconds = 20.0
    total_timeout: Seconds = 60.0
    max_bytes: int = Field(10 * 1024 * 1024, gt=0)
    max_concurrency: int = Field(16, ge=1, le=1000)
    user_agent: str | None = None
    per_host_limit: int = Field(4, ge=1, le=100, description="Concurrent fetches per host name.")
    allow_private_addresses: bool = False  # private, loopback and link-local hosts are refused by default
    backoff_cap: Seconds = Field(6 * 3600.0, ge=60, description="Longest wait between polls of a failing source.")
    redirect_persist: int = Field(3, ge=1, description="Polls a 301/308 must repeat before it is adopted.")


class DeliveryConfig(_Model):
    interval: Seconds = 5.0  # how often the outbox is drained
    retry_base: Seconds = 10.0
    retry_cap: Seconds = 1800.0


class Config(_Model):
    store: str = "sqlite:///./wirewatch.db"
    store_prefix: str = Field("wirewatch", pattern=r"^[A-Za-z0-9_.\-]+$", description="Redis key prefix.")
    rules: Annotated[list[str], BeforeValidator(lambda v: [v] if isinstance(v, str) else v)] = Field(
        default_factory=lambda: [str(BUNDLED_PACKS)]
    )
    sources: list[SourceConfig] = Field(default_factory=list)
    notify: NotifyConfig = NotifyConfig()
    fetch: FetchConfig = FetchConfig()
    delivery: DeliveryConfig = DeliveryConfig()
    jitter: float = Field(0.1, ge=0, le=0.5, description="Fraction of each interval to randomise polls by.")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = "text"

    @model_validator(mode="after")
    def _unique_sources(self) -> Config:
        seen: set[str] = set()
        for s in self.sources:
            if s.id in seen:
                raise ValueError(f"duplicate source id `{s.id}`")
            seen.add(s.id)
        return self

    def rule_paths(self) -> list[Path]:
        return [Path(p) for p in self.rules]


def _resolve_path(raw: str, base: Path) -> str:
    """Relative paths are tried against the config's folder, then the working directory, then the install."""
    p = Path(raw).expanduser()
    if p.is_absolute():
        return str(p)
    for root in (base, Path.cwd(), BUNDLED_PACKS.parent.parent):
        if (root / p).exists():
            return str((root / p).resolve())
    return str(base / p)


def _resolve_file_url(url: str, base: Path) -> str:
    """`file:relative/path` is relative to the config file; `file:///abs` stays as it is."""
    if url.startswith("file://"):
        return url
    rel = url[len("file:") :]
    return "file://" + str((base / rel).resolve())


def load_config(path: Path | None, env: Mapping[str, str] | None = None) -> tuple[Config, list[Problem]]:
    """Return the config and its warnings; raise ConfigError listing every problem as file:line:col."""
    env = os.environ if env is None else env
    if path is None:
        return Config(), []
    doc = load_yaml_file(path)
    if doc.problems:
        raise ConfigError(doc.problems)
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise ConfigError([doc.problem((), "config must be a mapping (store:, rules:, sources:, notify:)")])
    interp = Interpolation()
    data = interpolate(data, env, interp)
    problems = [doc.problem(p, m) for p, m in interp.errors]
    warnings = [doc.problem(p, m) for p, m in interp.warnings]
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        problems += validation_problems(doc, exc, Config)
        raise ConfigError(problems) from None
    if problems:
        raise ConfigError(problems)
    base = path.resolve().parent
    resolved: dict[str, Any] = {"rules": [_resolve_path(r, base) for r in config.rules]}
    if "rules" not in data:
        resolved["rules"] = [str(BUNDLED_PACKS)]
    sources = [
        s.model_copy(update={"url": _resolve_file_url(s.url, base)}) if s.url.startswith("file:") else s
        for s in config.sources
    ]
    resolved["sources"] = sources
    return config.model_copy(update=resolved), warnings


def find_config(explicit: str | None) -> Path | None:
    if explicit:
        return Path(explicit)
    if env_path := os.environ.get("WIREWATCH_CONFIG"):
        return Path(env_path)
    for name in DEFAULT_CONFIG_NAMES:
        if Path(name).is_file():
            return Path(name)
    return None
