"""The series rule schema: conditions on a new print of a data series, windows counted in observations.

A rule file holds them under a top-level `series_rules:` key (keyword rules live under `rules:`), so both kinds
can share the folders listed in the config and one file may hold both. Every condition present must hold;
`all:` / `any:` combine nested conditions.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from domain.severity import Severity

SERIES_RULES_KEY = "series_rules"
PRINT_EVENT = "mortgage_print"


def _as_list(value: object) -> object:
    """Authors may write one string where a list is expected."""
    return [value] if isinstance(value, str) else ([] if value is None else value)


Names = Annotated[list[str], BeforeValidator(_as_list)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Bounds(_Model):
    """Comparisons a number must pass; every bound given must hold."""

    above: float | None = Field(None, description="strictly greater than")
    below: float | None = Field(None, description="strictly less than")
    at_least: float | None = Field(None, description="greater than or equal to")
    at_most: float | None = Field(None, description="less than or equal to")

    def bounds(self) -> list[tuple[str, float]]:
        pairs = [(">", self.above), ("<", self.below), ("≥", self.at_least), ("≤", self.at_most)]
        return [(op, v) for op, v in pairs if v is not None]

    def holds(self, x: float) -> bool:
        checks = {">": x.__gt__, "<": x.__lt__, "≥": x.__ge__, "≤": x.__le__}
        return all(checks[op](v) for op, v in self.bounds())

    def _need_bound(self, what: str, also: str = "") -> None:
        if not self.bounds():
            raise ValueError(f"`{what}` needs at least one of `above`, `below`, `at_least`, `at_most`{also}")


class Threshold(Bounds):
    """The printed value itself passes the bounds (e.g. `above: 7`)."""

    @model_validator(mode="after")
    def _check(self) -> Threshold:
        self._need_bound("threshold")
        return self


class Cross(_Model):
    """The value crosses `level` in `direction`, then stays quiet until it has gone back past `recover`."""

    level: float
    direction: Literal["up", "down"]
    recover: float | None = Field(None, description="re-arm level; default: the level itself")

    @model_validator(mode="after")
    def _check(self) -> Cross:
        if self.recover is not None:
            if self.direction == "up" and self.recover > self.level:
                raise ValueError("`recover` must be at or below `level` for an upward cross")
            if self.direction == "down" and self.recover < self.level:
                raise ValueError("`recover` must be at or above `level` for a downward cross")
        return self


class Change(Bounds):
    """The change against an earlier observation passes the bounds."""

    vs: Literal["previous", "year_ago"] | int = Field(
        "previous", description="previous, year_ago (same period last year) or N (observations ago)"
    )
    measure: Literal["abs", "pct", "bp"] = Field("abs", description="abs units, percent, or basis points")
    magnitude_at_least: float | None = Field(None, ge=0, description="|change| at least this, either way")

    @model_validator(mode="after")
    def _check(self) -> Change:
        if isinstance(self.vs, int) and not 1 <= self.vs <= 10_000:
            raise ValueError("`vs` as a number of observations must be between 1 and 10000")
        if self.magnitude_at_least is None:
            self._need_bound("change", " or `magnitude_at_least`")
        return self


class Extreme(_Model):
    """The value is the lowest / highest of the last `window` observations (ties count) or of all history."""

    kind: Literal["low", "high"]
    window: int | Literal["all"] = Field("all", description="observations, including this one, or `all`")

    @model_validator(mode="after")
    def _check(self) -> Extreme:
        if isinstance(self.window, int) and self.window < 2:
            raise ValueError("`window` must be at least 2 observations, or `all`")
        return self


Sign = Literal["negative", "positive", "zero", "flipped"]


class ZScore(Bounds):
    """(value − mean) / standard deviation of the `window` observations before this one."""

    window: int = Field(52, ge=3, le=10_000)
    of: Literal["level", "change"] = "level"
    beyond: float | None = Field(None, ge=0, description="|z| at least this, either way")

    @model_validator(mode="after")
    def _check(self) -> ZScore:
        if self.beyond is None:
            self._need_bound("zscore", " or `beyond`")
        return self


class Streak(_Model):
    """At least `length` prints in a row that rose / fell, or stayed above / below a level."""

    length: int = Field(ge=2, le=10_000)
    direction: Literal["up", "down"] | None = None
    above: float | None = None
    below: float | None = None

    @model_validator(mode="after")
    def _check(self) -> Streak:
        given = [k for k in ("direction", "above", "below") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("`streak` needs exactly one of `direction`, `above`, `below`")
        return self


CONDITION_KEYS = ("threshold", "cross", "change", "extreme", "sign", "zscore", "streak", "all", "any")


class Condition(_Model):
    """Every condition present must hold."""

    threshold: Threshold | None = None
    cross: Cross | None = None
    change: Change | None = None
    extreme: Extreme | None = None
    sign: Sign | None = None
    zscore: ZScore | None = None
    streak: Streak | None = None
    all: list[Condition] | None = Field(None, description="every nested condition holds")
    any: list[Condition] | None = Field(None, description="at least one nested condition holds")

    @model_validator(mode="after")
    def _has_condition(self) -> Condition:
        if not any(getattr(self, k) is not None for k in CONDITION_KEYS):
            raise ValueError(f"needs a condition: one of {', '.join(f'`{k}`' for k in CONDITION_KEYS)}")
        for k in ("all", "any"):
            if getattr(self, k) == []:
                raise ValueError(f"`{k}` needs at least one condition")
        return self


class SeriesRule(Condition):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=120)
    description: str = ""
    series: Names = Field(description="series ids this rule watches (globs allowed)")
    event: str = PRINT_EVENT
    severity: Severity = "medium"
    tags: Names = Field(default_factory=list)
    on_revision: bool = Field(False, description="also evaluate when a known period is revised")
    enabled: bool = True

    @model_validator(mode="after")
    def _has_series(self) -> SeriesRule:
        if not self.series:
            raise ValueError(f"series rule `{self.id}` needs `series`: the series ids it watches")
        return self


class SeriesRuleFile(_Model):
    series_rules: list[SeriesRule] = Field(default_factory=list)
