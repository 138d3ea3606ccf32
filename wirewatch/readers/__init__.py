"""Source readers by `type`, as the config names them. Adding a kind of source: a config model in the
`SourceConfig` union (wirewatch/config.py), a reader here, and its tests; the poll shell does the rest."""

from __future__ import annotations

from typing import Any

from wirewatch.readers.base import SourceReader
from wirewatch.readers.rss import FeedReader
from wirewatch.readers.series import SeriesReader

READERS: dict[str, SourceReader[Any]] = {"rss": FeedReader(), "series": SeriesReader()}


def reader_for(source_type: str) -> SourceReader[Any]:
    return READERS[source_type]
