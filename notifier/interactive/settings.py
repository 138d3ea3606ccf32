"""The operator's settings for reader actions (`notify.interactive` in the config).

Kept here rather than in `wirewatch.config` so the receivers can be built and tested without the CLI; the
config model embeds this one. Secrets are `SecretStr`: shown as `**********` in any dump or error.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, SecretStr, model_validator

from domain.durations import parse_duration

Seconds = Annotated[float, BeforeValidator(parse_duration)]


class InteractiveSettings(BaseModel):
    """Buttons on cards, and how their presses reach us: `socket` (default: we dial out with an app-level
    token) or `http` (Slack posts to our Request URL, signed with the signing secret)."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = False
    mode: Literal["socket", "http"] = "socket"
    team_id: str | None = Field(None, pattern=r"^[TE][A-Z0-9]{2,}$", description="The only workspace honoured.")
    app_token: SecretStr | None = None  # xapp-…, Socket Mode
    signing_secret: SecretStr | None = None  # HTTP endpoint
    allowed_users: list[str] = Field(default_factory=list, description="User ids who may act; empty: everyone.")
    allowed_usergroups: list[str] = Field(default_factory=list, description="User group ids whose members may act.")
    usergroup_cache: Seconds = Field(300.0, ge=0, description="How long a group's member list is trusted.")
    host: str = "127.0.0.1"
    port: int = Field(3000, ge=0, le=65535)
    path: str = Field("/slack/actions", pattern=r"^/[A-Za-z0-9/_.\-]*$")
    max_body: int = Field(256 * 1024, ge=1024, le=16 * 1024 * 1024)
    base_url: str = "https://slack.com/api/"  # for apps.connections.open; default: notify.slack.base_url
    why_reply: Literal["ephemeral", "thread"] = Field(
        "ephemeral", description="Where *Why?* answers: to the reader alone, or in the card's thread for everyone."
    )

    @model_validator(mode="after")
    def _complete(self) -> InteractiveSettings:
        if not self.enabled:
            return self
        if self.team_id is None:
            raise ValueError("interactive: set `team_id`, the workspace whose readers may act (T…)")
        if self.mode == "socket":
            token = self.app_token.get_secret_value() if self.app_token else ""
            if not token.startswith("xapp-"):
                raise ValueError("interactive: Socket Mode needs `app_token`, an app-level token (xapp-…)")
        elif self.signing_secret is None or not self.signing_secret.get_secret_value().strip():
            raise ValueError("interactive: the HTTP endpoint needs `signing_secret` (Basic Information in the app)")
        return self
