"""The one validated configuration model, loaded from YAML with `${VAR}` interpolation and precise errors."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, Self
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    SecretStr,
    Tag,
    ValidationError,
    field_validator,
    model_validator,
)

from notifier.interactive.settings import InteractiveSettings
from rules.durations import parse_duration
from rules.files import BUNDLED_PACKS
from rules.yaml_source import Problem, YamlDoc, load_yaml_file, validation_problems
from wirewatch.config_file import DEFAULT_CONFIG_NAMES, find_config
from wirewatch.interpolate import Interpolation, interpolate

__all__ = ["DEFAULT_CONFIG_NAMES", "Config", "ConfigError", "SourceConfig", "find_config", "load_config"]

Seconds = Annotated[float, BeforeValidator(parse_duration)]


class ConfigError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceBase(_Model):
    """The keys every source has, whatever its `type`: where it is, how often to poll it, when to tell ops."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=100)
    url: str
    interval: Seconds = 300.0
    on_first_fetch: Literal["baseline", "alert"] = "baseline"
    enabled: bool = True
    alert_after_failures: int = Field(3, ge=1, description="Ops alert after this many failed polls in a row.")
    quiet_factor: float = Field(
        4.0, ge=0, description="Ops alert when no new entry for this many usual gaps between new entries; 0: off."
    )

    @model_validator(mode="after")
    def _check(self) -> Self:
        if not self.url.startswith(("http://", "https://", "file:")):
            raise ValueError(f"source `{self.id}`: url must start with http://, https:// or file:")
        if self.interval < 10:
            raise ValueError(f"source `{self.id}`: interval must be at least 10s")
        return self


class RssSourceConfig(SourceBase):
    """`type: rss` (the default): an RSS or Atom feed whose entries are matched by the keyword rules."""

    type: Literal["rss"] = "rss"


class SeriesConfig(_Model):
    """One series read from a series source: where its values are, and how alerts name it."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$", max_length=100)
    column: str | None = None  # CSV column / JSON field; default: the id (fred_json: `value`)
    name: str | None = None  # shown in alerts; default: the id
    unit: str = ""  # e.g. "%", "100 million yuan"


class SeriesSourceConfig(SourceBase):
    """`type: series`: a data feed (CSV or JSON) whose rows are observations of one or more series."""

    type: Literal["series"] = "series"
    format: Literal["csv", "json", "fred_csv", "fred_json", "pmms_csv"] = "csv"
    series: list[SeriesConfig]
    date_column: str | None = None  # default: `date` (fred_csv: `observation_date` or `DATE`)
    date_format: str | None = None  # strptime pattern such as "%Y年%m月"; default ISO 8601 (pmms_csv: %m/%d/%Y)
    records: str | None = None  # JSON: dot path to the list of records (fred_json: `observations`)
    link: str | None = None  # a page for readers; default: the url when it is http(s)
    revisions: Literal["alert", "log"] = "alert"  # a changed value for a known period: post a notice, or log it

    @field_validator("series", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        """`series: MORTGAGE30US` is short for `series: [{id: MORTGAGE30US}]`."""
        if isinstance(value, str):
            return [{"id": value}]
        if isinstance(value, list):
            return [{"id": v} if isinstance(v, str) else v for v in value]
        return value

    @model_validator(mode="after")
    def _check_series(self) -> SeriesSourceConfig:
        if not self.series:
            raise ValueError(f"source `{self.id}`: `series` needs at least one series")
        ids = [s.id for s in self.series]
        if len(set(ids)) != len(ids):
            raise ValueError(f"source `{self.id}`: a series id is listed twice")
        if self.format == "fred_json" and len(self.series) != 1:
            raise ValueError(f"source `{self.id}`: fred_json carries exactly one series")
        return self

    def column_of(self, series: SeriesConfig) -> str:
        return series.column or ("value" if self.format == "fred_json" else series.id)

    @property
    def reader_link(self) -> str:
        return self.link or (self.url if self.url.startswith(("http://", "https://")) else "")


SOURCE_TYPES = ("rss", "series")


def _source_type(value: Any) -> str | None:
    """`type` picks the model; a source without one is an RSS/Atom feed, as before series existed."""
    kind = value.get("type", "rss") if isinstance(value, dict) else getattr(value, "type", "rss")
    return kind if kind in SOURCE_TYPES else None


# One source in the config: the `type` key picks the model (a discriminated union, validated as one).
SourceConfig = Annotated[
    Annotated[RssSourceConfig, Tag("rss")] | Annotated[SeriesSourceConfig, Tag("series")],
    Discriminator(
        _source_type, custom_error_type="source_type", custom_error_message="Input should be 'rss' or 'series'"
    ),
]


class SlackConfig(_Model):
    token: SecretStr | None = None
    base_url: str = "https://slack.com/api/"
    channel: str = "#market-signals"
    timeout: Seconds = 15.0

    @property
    def enabled(self) -> bool:
        return bool(self.token and self.token.get_secret_value().strip())


class WebhookConfig(_Model):
    """Slack incoming webhook: posts to the one channel it was made for; no threads, no reconciliation."""

    url: SecretStr | None = None
    timeout: Seconds = 15.0

    @property
    def enabled(self) -> bool:
        return bool(self.url and self.url.get_secret_value().strip())


SeverityName = Literal["info", "low", "medium", "high", "critical"]


class RouteConfig(_Model):
    """Where matching alerts go. Every condition given must hold; the first matching route wins."""

    rules: Annotated[list[str], BeforeValidator(lambda v: [v] if isinstance(v, str) else v)] = Field(
        default_factory=list, description="Rule ids (globs ok), e.g. ['bd-*']."
    )
    events: Annotated[list[str], BeforeValidator(lambda v: [v] if isinstance(v, str) else v)] = Field(
        default_factory=list, description="Event types, e.g. [price_target]."
    )
    severity: Annotated[list[SeverityName], BeforeValidator(lambda v: [v] if isinstance(v, str) else v)] = Field(
        default_factory=list, description="Exact severities, e.g. [low, info]."
    )
    min_severity: SeverityName | None = None
    channel: str | None = Field(None, description="Slack channel (default: notify.slack.channel).")
    delivery: Literal["immediate", "digest"] = "immediate"


class DigestConfig(_Model):
    period: Seconds = Field(3600.0, ge=60, description="One digest message per channel per period.")
    max_items: int = Field(200, ge=1, le=1000, description="Alerts in one digest; the rest wait for the next.")


class BudgetConfig(_Model):
    per_channel: int | None = Field(20, ge=1, description="Posts per channel per period; overflow goes to the digest.")
    period: Seconds = Field(3600.0, ge=60)


class NotifyConfig(_Model):
    console: bool | None = None  # None: on when neither Slack nor a webhook is configured
    slack: SlackConfig = SlackConfig()
    webhook: WebhookConfig = WebhookConfig()
    ops_channel: str | None = None  # Slack channel for feed-health messages (default: slack.channel)
    routes: list[RouteConfig] = Field(default_factory=list)
    digest: DigestConfig = DigestConfig()
    budget: BudgetConfig = BudgetConfig()
    dedupe_window: Seconds = Field(7 * 86400.0, ge=60, description="Later reports of an event this recent thread.")
    interactive: InteractiveSettings = InteractiveSettings()  # readers' buttons and how presses reach us (issue 12)

    @model_validator(mode="after")
    def _interactive_needs_the_bot(self) -> NotifyConfig:
        if self.interactive.enabled and not self.slack.enabled:
            raise ValueError(
                "interactive: buttons need the Slack bot (`notify.slack.token`): it posts the cards and updates them"
            )
        return self

    @property
    def console_enabled(self) -> bool:
        return self.console if self.console is not None else not (self.slack.enabled or self.webhook.enabled)


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


class ArchiveConfig(_Model):
    """New items are kept this long so `wirewatch replay` can backtest rules on them; 0 keeps none."""

    retention: Seconds = 30 * 86400.0


class FleetConfig(_Model):
    """Several replicas on one Redis share sources and delivery lanes through leases (docs/operators-guide.md)."""

    coordinate: bool | None = Field(None, description="Lease-gated polling and delivery; default: on with redis://.")
    lease_timeout: Seconds = Field(30.0, gt=0, le=3600, description="A dead replica's work resumes after this.")


class MetricsConfig(_Model):
    """Prometheus `/metrics` and `/healthz`; off unless enabled (port 0: any free port, logged at start)."""

    enabled: bool = False
    host: str = "127.0.0.1"
    port: int = Field(9108, ge=0, le=65535)


class DeliveryConfig(_Model):
    interval: Seconds = 5.0  # how often the outbox is drained
    retry_base: Seconds = 10.0
    retry_cap: Seconds = 1800.0
    channel_rate: float = Field(1.0, ge=0, description="Posts per second per channel (Slack: ~1); 0: unpaced.")
    channel_burst: int = Field(4, ge=1, le=100, description="Posts a quiet channel may take at once.")
    workers: int = Field(4, ge=1, le=64, description="Channels served side by side.")
    unconfirmed_after: Seconds = Field(
        600.0, ge=0, description="A send in doubt that Slack's history cannot confirm this long: ops are told once."
    )


class Config(_Model):
    store: str = "sqlite:///./wirewatch.db"
    store_prefix: str = Field("wirewatch", pattern=r"^[A-Za-z0-9_.\-]+$", description="Redis key prefix.")
    store_lock_wait: Seconds = Field(
        60.0, ge=0, description="SQLite: how long `run`/`once` wait for another writer to finish (then exit 4)."
    )
    shutdown_grace: Seconds = Field(
        30.0, ge=0, le=3600, description="On SIGTERM: time in-flight polls and deliveries get to finish."
    )
    rules: Annotated[list[str], BeforeValidator(lambda v: [v] if isinstance(v, str) else v)] = Field(
        default_factory=lambda: [str(BUNDLED_PACKS)]
    )
    sources: list[SourceConfig] = Field(default_factory=list)
    notify: NotifyConfig = NotifyConfig()
    fetch: FetchConfig = FetchConfig()
    delivery: DeliveryConfig = DeliveryConfig()
    fleet: FleetConfig = FleetConfig()
    metrics: MetricsConfig = MetricsConfig()
    archive: ArchiveConfig = ArchiveConfig()
    jitter: float = Field(0.1, ge=0, le=0.5, description="Fraction of each interval to randomise polls by.")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = "text"

    @field_validator("store")
    @classmethod
    def _store_url(cls, value: str) -> str:
        check_store_url(value)
        return value

    @model_validator(mode="after")
    def _unique_sources(self) -> Config:
        seen: set[str] = set()
        for s in self.sources:
            if s.id in seen:
                raise ValueError(f"duplicate source id `{s.id}`")
            seen.add(s.id)
        return self

    @model_validator(mode="after")
    def _unique_series(self) -> Config:
        """Observations are stored by series id, so two sources must not write the same series."""
        owner: dict[str, str] = {}
        for s in self.sources:
            for series in s.series if isinstance(s, SeriesSourceConfig) else ():
                if series.id in owner:
                    raise ValueError(f"series `{series.id}` is read by two sources: `{owner[series.id]}` and `{s.id}`")
                owner[series.id] = s.id
        return self

    def rule_paths(self) -> list[Path]:
        return [Path(p) for p in self.rules]


def _redacted(url: str) -> str:
    """The URL as it may be shown: any password replaced."""
    return re.sub(r"(?<=://)([^/@]*?):[^/@]*@", r"\1:***@", url)


def check_store_url(url: str) -> None:
    """Refuse store URLs that could only fail later (unknown scheme, bad port or db), without echoing a password."""
    shown = _redacted(url)
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme == "sqlite":
        if not url.startswith("sqlite:///") or len(url) == len("sqlite:///"):
            raise ValueError(f"`{shown}`: expected sqlite:///relative/path.db or sqlite:////absolute/path.db")
        return
    if scheme not in ("redis", "rediss", "unix"):
        kind = f"`{scheme}://`" if scheme else "no scheme"
        raise ValueError(
            f"`{shown}`: {kind} is not a supported store; use sqlite:///path.db or redis://host:6379/0 "
            "(Sentinel and Cluster URLs are not supported)"
        )
    if scheme == "unix":
        return
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        raise ValueError(f"`{shown}`: the port must be a number from 1 to 65535") from None
    if port == 0:
        raise ValueError(f"`{shown}`: the port must be a number from 1 to 65535")
    if not parts.hostname:
        raise ValueError(f"`{shown}`: no host; expected redis://host:6379/0")
    db = parts.path.strip("/")
    if db and not db.isdigit():
        raise ValueError(f"`{shown}`: the database must be a number (redis://host:6379/0)")


def _resolve_path(raw: str, base: Path) -> str:
    """Relative paths are tried against the config's folder, then the working directory, then the install."""
    p = Path(raw).expanduser()
    if p.is_absolute():
        return str(p)
    for root in (base, Path.cwd(), BUNDLED_PACKS.parent.parent):
        if (root / p).exists():
            return str((root / p).resolve())
    return str(base / p)


def resolve_file_url(url: str, base: Path) -> str:
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
        problems += _config_problems(doc, exc)
        raise ConfigError(problems) from None
    if problems:
        raise ConfigError(problems)
    base = path.resolve().parent
    resolved: dict[str, Any] = {"rules": [_resolve_path(r, base) for r in config.rules]}
    if "rules" not in data:
        resolved["rules"] = [str(BUNDLED_PACKS)]
    sources = [
        s.model_copy(update={"url": resolve_file_url(s.url, base)}) if s.url.startswith("file:") else s
        for s in config.sources
    ]
    resolved["sources"] = sources
    return config.model_copy(update=resolved), warnings


class _Errors:
    """Looks like a ValidationError to `validation_problems`: just the (rewritten) error list."""

    def __init__(self, errors: list[Any]):
        self._errors = errors

    def errors(self) -> list[Any]:
        return self._errors


def _config_problems(doc: YamlDoc, exc: ValidationError) -> list[Problem]:
    """Positions and messages as before sources had types: the union tag pydantic puts in an error's location
    (`sources.1.series.url`) is dropped, and unknown keys are checked against the source's own model."""
    problems: list[Problem] = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        model: Any = Config
        base: tuple[str | int, ...] = ()
        if len(loc) >= 2 and loc[0] == "sources" and isinstance(loc[1], int):
            if err["type"] == "source_type":
                err = {**err, "loc": (*loc[:2], "type"), "type": "value_error"}
            elif len(loc) >= 3 and loc[2] in SOURCE_TYPES:
                if err["type"] == "extra_forbidden":
                    model, base = (SeriesSourceConfig if loc[2] == "series" else RssSourceConfig), loc[:2]
                    err = {**err, "loc": loc[3:]}
                else:
                    err = {**err, "loc": (*loc[:2], *loc[3:])}
        problems += validation_problems(doc, _Errors([err]), model, base=base)
    return problems
