"""What a series source's bytes are expected to hold, and what reading them yields: the layout (format, columns,
dates), the points, and the error for anything that is not that data. No pandas here, so the app can name
these without paying for the parser (collectors/series_parse.py) until a series source is read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SeriesFormat = Literal["csv", "json", "fred_csv", "fred_json", "pmms_csv"]
FORMATS: tuple[str, ...] = ("csv", "json", "fred_csv", "fred_json", "pmms_csv")


class SeriesParseError(ValueError):
    """The body is not the data the layout describes; the message says why and where."""


@dataclass(frozen=True, slots=True)
class SeriesColumn:
    series: str  # the series id observations are stored under
    column: str  # the CSV column or JSON field holding its values


@dataclass(frozen=True, slots=True)
class Layout:
    format: SeriesFormat
    columns: tuple[SeriesColumn, ...]
    date_column: str | None = None  # default per format: date / observation_date|DATE
    date_format: str | None = None  # strptime pattern, e.g. %Y年%m月; default ISO 8601 (pmms_csv: %m/%d/%Y)
    records: str | None = None  # JSON: dot path to the list of records, e.g. data.items (fred_json: observations)


@dataclass(frozen=True, slots=True)
class Point:
    period: str  # ISO date the period starts on
    value: float
