"""The rule schema. One pydantic model is both the validator and (later) the published JSON Schema."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from domain.severity import Severity
from rules.lists import NamedList


def _as_list(value: object) -> object:
    """Authors may write a single string where a list is expected."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return value


TermList = Annotated[list[str], BeforeValidator(_as_list)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Near(_Strict):
    """All `terms` within `within` of each other: characters for Chinese, words for English."""

    terms: Annotated[list[str], Field(min_length=2)]
    within: int = Field(ge=1, le=10_000)


class Example(_Strict):
    title: str = ""
    summary: str = ""
    source: str = "example"


def _example(value: object) -> object:
    return {"title": value} if isinstance(value, str) else value


ExampleItem = Annotated[Example, BeforeValidator(_example)]


class Examples(_Strict):
    """Run by `wirewatch test`: each `match` example must fire the rule, each `no_match` must not."""

    match: list[ExampleItem] = Field(default_factory=list)
    no_match: list[ExampleItem] = Field(default_factory=list)


class RuleNotify(_Strict):
    channel: str | None = Field(None, description="Slack channel for this rule's alerts, e.g. '#biotech-deals'.")
    digest: bool = Field(False, description="Collect into the channel's periodic digest instead of posting at once.")


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
    extract: str | None = Field(
        None, description="Extractor that must recognise the event and fills the alert's fields, e.g. bd_deal."
    )
    near: Annotated[list[Near], BeforeValidator(lambda v: [v] if isinstance(v, dict) else v)] = Field(
        default_factory=list, description="Proximity: {terms: [...], within: N}; a list means all must hold."
    )
    lang: Annotated[list[Literal["en", "zh"]], BeforeValidator(_as_list)] = Field(
        default_factory=list, description="Only items in these languages (detected: zh when mostly CJK)."
    )
    where: TermList = Field(
        default_factory=list, description="Conditions on extracted fields, e.g. `total >= 1e9`, `currency in [USD]`."
    )
    realert: str | None = Field(None, description="Suppress repeats of the same key for this long, e.g. '6h'.")
    key: TermList = Field(default_factory=list, description="Fields that identify a repeat for `realert`.")
    notify: RuleNotify = Field(default_factory=RuleNotify)
    owner: str | None = Field(None, description="Who maintains this rule (name or Slack handle).")
    examples: Examples = Field(default_factory=Examples)
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

    @field_validator("where")
    @classmethod
    def _conditions_parse(cls, conditions: list[str]) -> list[str]:
        from rules.where import parse_condition

        for c in conditions:
            parse_condition(c)
        return conditions

    @field_validator("realert")
    @classmethod
    def _realert_duration(cls, value: str | None) -> str | None:
        from rules.durations import parse_duration

        if value is not None:
            parse_duration(value)
        return value

    @field_validator("extract")
    @classmethod
    def _known_extractor(cls, name: str | None) -> str | None:
        import difflib

        from rules.extract import EXTRACTORS, FIELD_NAMES
        from rules.lazy_extractors import known_extractors

        # A bundled extractor is known by its declared fields, without importing it: loading the rules then
        # costs no extractor modules (their regexes and tables load with the first item that reaches one).
        if name is None or name in FIELD_NAMES or name in EXTRACTORS or name in known_extractors():
            return name
        known = known_extractors()
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"; did you mean `{close[0]}`?" if close else f"; known: {', '.join(known)}"
        raise ValueError(f"unknown extractor `{name}`{hint}")

    @model_validator(mode="after")
    def _has_positive_condition(self) -> Rule:
        if not (self.any or self.all or self.regex or self.extract or self.near):
            raise ValueError(f"rule `{self.id}` needs at least one of `any`, `all`, `near`, `regex` or `extract`")
        if self.where and not self.extract:
            raise ValueError(f"rule `{self.id}`: `where` tests extracted fields, so it needs `extract`")
        if self.key and not self.realert:
            raise ValueError(f"rule `{self.id}`: `key` only applies with `realert`")
        if self.extract:
            from rules.derived import field_names
            from rules.extract import FIELD_NAMES
            from rules.where import parse_condition

            fields = FIELD_NAMES.get(self.extract)
            known = None if fields is None else (*fields, *field_names(self.extract))
            # `where` may test derived fields too; `key` names what the alert's fields hold
            named = [(parse_condition(c).field, known) for c in self.where] + [(k, fields) for k in self.key]
            for name, allowed in named:
                if allowed is not None and name not in allowed:
                    import difflib

                    close = difflib.get_close_matches(name, allowed, n=1)
                    hint = f"; did you mean `{close[0]}`?" if close else f"; fields: {', '.join(allowed)}"
                    raise ValueError(f"`{self.extract}` has no field `{name}`{hint}")
        return self


class RuleFile(BaseModel):
    """A rule file: `rules:` and/or named `lists:` (watchlists reusable as `$lists.<name>`)."""

    model_config = ConfigDict(extra="forbid")

    rules: list[Rule] = Field(default_factory=list)
    lists: dict[str, NamedList] = Field(default_factory=dict)
