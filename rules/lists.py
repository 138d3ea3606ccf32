"""Named lists reusable across rules (`lists:` in any rule file, e.g. `lists/companies.yaml`): watchlists of
names with aliases in both scripts, referenced as `$lists.<name>` in terms and `where` conditions."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


class ListEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)


def _entry(value: object) -> object:
    """An entry is a name, or `{name, aliases}`, or `{Name: [aliases]}`."""
    if isinstance(value, str):
        return {"name": value}
    if isinstance(value, dict) and len(value) == 1 and "name" not in value:
        ((name, aliases),) = value.items()
        return {"name": name, "aliases": aliases if isinstance(aliases, list) else [aliases]}
    return value


NamedList = list[Annotated[ListEntry, BeforeValidator(_entry)]]
