"""The rule schema. One pydantic model is both the validator and (later) the published JSON Schema."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

Severity = Literal["info", "low", "medium", "high", "critical"]
SEVERITY_ORDER: dict[str, int] = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}


def _as_list(value: object) -> object:
    """Authors may write a single string where a list is expected."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return value


TermList = Annotated[list[str], BeforeValidator(_as_list)]


class Rule(BaseModel):
    """A keyword/regex rule. An item matches when every condition that is present holds."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$",
        max_length=120,
        description="Unique across all rule files; letters, digits, `_`, `.`, `-`.",
    )
    description: str = ""
    event: str | None = Field(None, description="Event type this rule flags, e.g. bd_deal, price_target.")
    severity: Severity = "medium"
    any: TermList = Field(default_factory=list, description="At least one of these terms must appear.")
    all: TermList = Field(default_factory=list, description="Every one of these terms must appear.")
    none: TermList = Field(default_factory=list, description="None of these terms may appear.")
    regex: TermList = Field(default_factory=list, description="At least one pattern (RE2 syntax) must match.")
    sources: TermList = Field(default_factory=list, description="Only items from these source ids (globs ok).")
    in_: Literal["title", "summary", "any"] = Field("any", alias="in", description="Which text to search.")
    tags: TermList = Field(default_factory=list)
    enabled: bool = True

    @field_validator("any", "all", "none")
    @classmethod
    def _terms_not_blank(cls, terms: list[str]) -> list[str]:
        cleaned = [t.strip() for t in terms]
        for t in cleaned:
            if not t or t == "*":
                raise ValueError("terms must not be empty")
        return cleaned

    @field_validator("regex")
    @classmethod
    def _regex_compiles(cls, patterns: list[str]) -> list[str]:
        from rules.regex import compile_pattern

        for p in patterns:
            compile_pattern(p)  # raises ValueError with RE2's reason
        return patterns

    @model_validator(mode="after")
    def _has_positive_condition(self) -> Rule:
        if not (self.any or self.all or self.regex):
            raise ValueError(f"rule `{self.id}` needs at least one of `any`, `all` or `regex`")
        return self


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: list[Rule] = Field(default_factory=list)
