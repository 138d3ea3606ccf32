"""Data-feed bytes → observations, with pandas. Pure: bytes and a layout in, sorted points out, no I/O.

Formats: `csv` and `json` with a column/field mapping; `fred_csv` (fredgraph.csv, first column
`observation_date` or, in older files, `DATE`); `fred_json` (API `observations: [{date, value}]`); `pmms_csv`
(Freddie Mac PMMS_history.csv, dates M/D/YYYY). Missing values (`.`, blank, `NA`, null…) are skipped, never
read as 0. Anything that is not data — an HTML error page, a value that is not a number, a date that does not
parse, a period listed twice — is a SeriesParseError naming the row, so a bad fetch fails loudly instead of
becoming a print.
"""

from __future__ import annotations

import io
import json
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from collectors.series_layout import FORMATS, Layout, Point, SeriesColumn, SeriesFormat, SeriesParseError

MISSING = frozenset({"", ".", "na", "n/a", "nan", "null", "none", "-", "--", "—", "#n/a"})
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)

__all__ = ["FORMATS", "Layout", "Point", "SeriesColumn", "SeriesFormat", "SeriesParseError", "parse_series"]


def parse_series(body: bytes, layout: Layout, content_type: str | None = None) -> dict[str, list[Point]]:
    """Every configured series of one fetched document, each sorted by period."""
    _refuse_non_data(body, content_type)
    frame = _json_frame(body, layout) if layout.format in ("json", "fred_json") else _csv_frame(body, layout)
    return _points(frame, layout)


def _refuse_non_data(body: bytes, content_type: str | None) -> None:
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise SeriesParseError("empty body: no data")
    if head.startswith(b"<"):
        kind = (content_type or "no content type").split(";")[0].strip()
        title = _TITLE.search(body[:16384])
        said = ""
        if title:
            text = " ".join(title.group(1).decode("utf-8", "replace").split())[:120]
            said = f": {text!r}" if text else ""
        raise SeriesParseError(f"got an HTML/XML page instead of data ({kind}){said}")


def _decode(body: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030: Chinese statistics CSVs are often saved from Excel as GBK."""
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return body.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise SeriesParseError(f"not UTF-8 or GB18030 text (byte {exc.start})") from None


def _csv_frame(body: bytes, layout: Layout) -> pd.DataFrame:
    try:
        frame = pd.read_csv(
            io.StringIO(_decode(body)),
            dtype=str,
            keep_default_na=False,
            skipinitialspace=True,
            comment="#" if layout.format == "csv" else None,
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise SeriesParseError(f"not valid CSV: {' '.join(str(exc).split())}") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def _json_frame(body: bytes, layout: Layout) -> pd.DataFrame:
    try:
        data = json.loads(_decode(body))
    except json.JSONDecodeError as exc:
        raise SeriesParseError(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    path = layout.records if layout.records is not None else ("observations" if layout.format == "fred_json" else "")
    records: Any = data
    for key in [p for p in path.split(".") if p]:
        if not isinstance(records, Mapping) or key not in records:
            raise SeriesParseError(_missing_records(data, path))
        records = records[key]
    if not isinstance(records, list) or not all(isinstance(r, Mapping) for r in records):
        where = f"`{path}`" if path else "the top level"
        raise SeriesParseError(f"expected a list of records (objects) at {where}")
    return pd.DataFrame.from_records(records)


def _missing_records(data: Any, path: str) -> str:
    message = f"no `{path}` in the JSON"
    if isinstance(data, Mapping):
        if err := data.get("error_message") or data.get("error"):
            return f"{message}; the server said: {str(err)[:200]}"
        message += f" (top-level keys: {', '.join(sorted(str(k) for k in data)[:10]) or 'none'})"
    return message


def _date_column(frame: pd.DataFrame, layout: Layout) -> str:
    if layout.date_column:
        candidates: Sequence[str] = (layout.date_column,)
    elif layout.format == "fred_csv":
        candidates = ("observation_date", "DATE")
    else:
        candidates = ("date",)
    for name in candidates:
        if name in frame.columns:
            return name
    raise SeriesParseError(f"no date column {' or '.join(map(repr, candidates))}; columns are {_columns(frame)}")


def _columns(frame: pd.DataFrame) -> str:
    names = [str(c) for c in frame.columns]
    return ", ".join(repr(n) for n in names[:20]) + (" …" if len(names) > 20 else "") if names else "none"


def _text(column: pd.Series) -> pd.Series:
    return column.map(lambda v: "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)).str.strip()


def _periods(frame: pd.DataFrame, layout: Layout, date_col: str) -> pd.Series:
    raw = _text(frame[date_col])
    fmt = layout.date_format or ("%m/%d/%Y" if layout.format == "pmms_csv" else None)
    if fmt is None:
        # Periods are dates: drop a time of day (and with it any timezone) before parsing as ISO 8601.
        dates = pd.to_datetime(raw.str.split(r"[T ]", n=1, regex=True).str[0], format="ISO8601", errors="coerce")
    else:
        dates = pd.to_datetime(raw, format=fmt, errors="coerce")
    bad = dates.isna() & (raw != "")
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        expected = f"format {fmt}" if fmt else "an ISO 8601 date"
        raise SeriesParseError(f"row {i + 1}: date {raw.iloc[i]!r} in column {date_col!r} is not {expected}")
    return dates.dt.strftime("%Y-%m-%d").where(raw != "", "")


def _values(frame: pd.DataFrame, column: str, periods: pd.Series) -> pd.Series:
    raw = frame[column]
    booleans = raw.map(lambda v: isinstance(v, bool | np.bool_))  # JSON true/false is not a number
    if booleans.any():
        i = int(booleans.to_numpy().nonzero()[0][0])
        where = periods.iloc[i] or "no date"
        raise SeriesParseError(f"row {i + 1} ({where}): value {str(raw.iloc[i])!r} in {column!r} is not a number")
    text = _text(raw)
    missing = text.str.lower().isin(MISSING)
    cleaned = text.str.replace(",", "", regex=False).str.replace("_", "", regex=False).str.removesuffix("%")
    numbers = pd.to_numeric(cleaned.where(~missing, None), errors="coerce").astype("float64")
    bad = (numbers.isna() & ~missing) | numbers.isin([math.inf, -math.inf])
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        where = periods.iloc[i] or "no date"
        raise SeriesParseError(f"row {i + 1} ({where}): value {text.iloc[i]!r} in {column!r} is not a number")
    return numbers


def _points(frame: pd.DataFrame, layout: Layout) -> dict[str, list[Point]]:
    if frame.empty:
        raise SeriesParseError("no rows of data")
    date_col = _date_column(frame, layout)
    absent = [c.column for c in layout.columns if c.column not in frame.columns]
    if absent:
        raise SeriesParseError(f"no column {', '.join(map(repr, absent))}; columns are {_columns(frame)}")
    periods = _periods(frame, layout, date_col)
    out: dict[str, list[Point]] = {}
    for spec in layout.columns:
        values = _values(frame, spec.column, periods)
        keep = values.notna()
        undated = keep & (periods == "")
        if undated.any():
            i = int(undated.to_numpy().nonzero()[0][0])
            raise SeriesParseError(f"row {i + 1}: a value in {spec.column!r} has no date")
        chosen = pd.DataFrame({"period": periods[keep], "value": values[keep]})
        dupes = chosen["period"].duplicated(keep=False)
        if dupes.any():
            period = chosen["period"][dupes].iloc[0]
            rows = [str(i + 1) for i in chosen.index[chosen["period"] == period]]
            raise SeriesParseError(f"period {period} appears twice in {spec.column!r} (rows {', '.join(rows)})")
        chosen = chosen.sort_values("period", kind="stable")
        out[spec.series] = [Point(str(p), float(v)) for p, v in zip(chosen["period"], chosen["value"], strict=True)]
    if not any(out.values()):
        raise SeriesParseError(f"no values in {', '.join(repr(c.column) for c in layout.columns)}: every row is blank")
    return out
