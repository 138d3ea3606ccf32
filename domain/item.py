"""The unit every later stage works on: one article or entry, already reduced to plain text."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of one source. `id` is stable across fetches (guid, else link, else content hash)."""

    id: str
    source: str
    title: str
    summary: str = ""
    link: str = ""
    published: str | None = None  # ISO 8601 in UTC when the feed gave a date

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Item:
        """Build from the JSON Lines contract `{"id","title","summary","link","published","source"}`."""
        if "id" not in data or data["id"] in (None, ""):
            raise ValueError("item has no `id`")
        published = data.get("published")
        if isinstance(published, datetime):
            published = published.isoformat()
        return cls(
            id=str(data["id"]),
            source=str(data.get("source") or ""),
            title=str(data.get("title") or ""),
            summary=str(data.get("summary") or ""),
            link=str(data.get("link") or ""),
            published=str(published) if published else None,
        )

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)
