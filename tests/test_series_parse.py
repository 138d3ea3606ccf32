"""Data-feed parsing (collectors/series_parse.py): FRED CSV old and new, FRED API JSON, Freddie Mac PMMS,
mapped CSV/JSON, the bundled PBOC sample, and every kind of bad input failing with a reason and a row."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collectors.series_parse import Layout, Point, SeriesColumn, SeriesParseError, parse_series
from tests.conftest import ROOT
from wirewatch.config import SeriesSourceConfig, load_config
from wirewatch.readers.series_alerts import layout_of

FRED = Layout("fred_csv", (SeriesColumn("MORTGAGE30US", "MORTGAGE30US"),))


def one(result: dict[str, list[Point]], series: str = "MORTGAGE30US") -> list[tuple[str, float]]:
    return [(p.period, p.value) for p in result[series]]


# --- FRED ------------------------------------------------------------------------------------------------------


def test_fredgraph_csv_current_header_skips_missing_and_sorts() -> None:
    body = b"observation_date,MORTGAGE30US\n2025-06-12,6.84\n1971-04-02,7.33\n2025-06-05,.\n2025-05-29,\n"
    assert one(parse_series(body, FRED, "text/csv")) == [("1971-04-02", 7.33), ("2025-06-12", 6.84)]


def test_fredgraph_csv_older_date_header_and_crlf_with_bom() -> None:
    body = "\ufeffDATE,MORTGAGE30US\r\n1971-04-02,7.33\r\n1971-04-09,7.31\r\n".encode()
    assert one(parse_series(body, FRED)) == [("1971-04-02", 7.33), ("1971-04-09", 7.31)]


def test_fred_api_json_observations_with_dot_missing() -> None:
    body = b"""{"realtime_start": "2025-06-13", "count": 3, "observations": [
        {"realtime_start": "2025-06-13", "realtime_end": "2025-06-13", "date": "2025-05-29", "value": "6.89"},
        {"realtime_start": "2025-06-13", "realtime_end": "2025-06-13", "date": "2025-06-05", "value": "."},
        {"realtime_start": "2025-06-13", "realtime_end": "2025-06-13", "date": "2025-06-12", "value": "6.84"}]}"""
    layout = Layout("fred_json", (SeriesColumn("MORTGAGE30US", "value"),))
    assert one(parse_series(body, layout, "application/json")) == [("2025-05-29", 6.89), ("2025-06-12", 6.84)]


def test_fred_api_error_says_what_the_server_said() -> None:
    body = b'{"error_code": 400, "error_message": "Bad Request.  The series does not exist."}'
    with pytest.raises(SeriesParseError, match=r"the server said: Bad Request\.  The series does not exist"):
        parse_series(body, Layout("fred_json", (SeriesColumn("X", "value"),)))


# --- Freddie Mac PMMS ------------------------------------------------------------------------------------------

PMMS = b"""date,pmms30,pmms30p,pmms15,pmms15p,pmms51,pmms51p,pmms51m,pmms51spread
4/2/1971,7.33,,,,,,,
9/4/1991,9.18,1.9,8.66,1.8,,,,
11/10/2022,7.08,0.8,6.38,0.9,5.95,0.3,2.78,0.18
11/17/2022,6.61,0.8,5.98,0.8,,,,
6/12/2025,6.84,,5.99,,,,,
"""


def test_pmms_history_layout_m_d_yyyy_and_blank_is_not_zero() -> None:
    layout = Layout(
        "pmms_csv", (SeriesColumn("pmms30", "pmms30"), SeriesColumn("pmms15", "pmms15"), SeriesColumn("arm", "pmms51"))
    )
    got = parse_series(PMMS, layout)
    assert one(got, "pmms30") == [
        ("1971-04-02", 7.33),
        ("1991-09-04", 9.18),
        ("2022-11-10", 7.08),
        ("2022-11-17", 6.61),
        ("2025-06-12", 6.84),
    ]
    assert one(got, "pmms15")[0] == ("1991-09-04", 8.66), "blank early cells are skipped, not read as 0"
    assert one(got, "arm") == [("2022-11-10", 5.95)], "a discontinued column stops; it does not turn into zeros"


# --- mapped CSV and JSON ------------------------------------------------------------------------------------------


def test_mapped_csv_with_comments_thousands_percent_and_chinese_dates() -> None:
    body = '# sample\n月份,住户贷款,利率\n2025年11月,"1,234.5",3.1%\n2025年12月,-300,—\n'.encode()
    layout = Layout(
        "csv",
        (SeriesColumn("loans", "住户贷款"), SeriesColumn("rate", "利率")),
        date_column="月份",
        date_format="%Y年%m月",
    )
    got = parse_series(body, layout)
    assert one(got, "loans") == [("2025-11-01", 1234.5), ("2025-12-01", -300.0)]
    assert one(got, "rate") == [("2025-11-01", 3.1)]


def test_gbk_csv_saved_from_excel_is_read() -> None:
    body = "月份,中长期贷款\n2025-12,800\n".encode("gbk")
    layout = Layout("csv", (SeriesColumn("mlt", "中长期贷款"),), date_column="月份")
    assert one(parse_series(body, layout), "mlt") == [("2025-12-01", 800.0)]


def test_mapped_json_records_path_numbers_nulls_and_timestamps() -> None:
    body = b"""{"data": {"items": [
        {"when": "2025-06-01T00:00:00+08:00", "flow": 12.5, "stock": null},
        {"when": "2025-07-01T00:00:00Z", "flow": "-3", "stock": 100}]}}"""
    layout = Layout(
        "json", (SeriesColumn("flow", "flow"), SeriesColumn("stock", "stock")), date_column="when", records="data.items"
    )
    got = parse_series(body, layout)
    assert one(got, "flow") == [("2025-06-01", 12.5), ("2025-07-01", -3.0)]
    assert one(got, "stock") == [("2025-07-01", 100.0)]


def test_bundled_pboc_sample_parses_with_its_documented_layout() -> None:
    config, _ = load_config(ROOT / "wirewatch.yaml", env={})
    source = next(s for s in config.sources if s.id == "sample-pboc-household-loans")
    assert isinstance(source, SeriesSourceConfig)
    body = (ROOT / "samples" / "series" / "pboc_household_loans.csv").read_bytes()
    assert b"SAMPLE DATA" in body and b"NOT official" in body
    got = parse_series(body, layout_of(source), "text/csv")
    total, short, mlt = (got[s.id] for s in source.series)
    assert len(total) == len(short) == len(mlt) == 7 * 12
    assert total[0].period == "2019-01-01" and total[-1].period == "2025-12-01"
    assert all(t.value == s.value + m.value for t, s, m in zip(total, short, mlt, strict=True))
    assert any(t.value < 0 for t in total), "the sample has negative months for the rules to find"


# --- bad input fails loudly, with a reason --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (
            b"<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body>down</body></html>",
            "text/html; charset=utf-8",
            "HTML/XML page instead of data (text/html): 'Service Unavailable'",
        ),
        (b"\n  <html><body>maintenance</body></html>", "text/csv", "HTML/XML page instead of data (text/csv)"),
        (b"", "text/csv", "empty body"),
        (b"   \r\n", None, "empty body"),
        (b"observation_date,MORTGAGE30US\n", "text/csv", "no rows of data"),
        (b"observation_date,MORTGAGE30US\n2025-06-12,6.84\n2025-06-19,abc\n", None, "row 2 (2025-06-19): value 'abc'"),
        (b"observation_date,MORTGAGE30US\n2025-13-12,6.84\n", None, "row 1: date '2025-13-12'"),
        (b"observation_date,MORTGAGE30US\n2025-06-12,6.84\n2025-06-12,6.85\n", None, "period 2025-06-12 appears twice"),
        (b"observation_date,MORTGAGE15US\n2025-06-12,5.99\n", None, "no column 'MORTGAGE30US'; columns are"),
        (b"when,MORTGAGE30US\n2025-06-12,5.99\n", None, "no date column 'observation_date' or 'DATE'"),
        (b"observation_date,MORTGAGE30US\n2025-06-12,.\n2025-06-19,\n", None, "every row is blank"),
        (b"observation_date,MORTGAGE30US\n2025-06-12,inf\n", None, "value 'inf'"),
        (b"observation_date,MORTGAGE30US\n,6.1\n", None, "has no date"),
        (b"\xff\xfe\x00garbage\x81\x82", None, "not UTF-8 or GB18030"),
        (b'a,b\n"unclosed,1\n', None, "not valid CSV"),
    ],
)
def test_bad_input_is_an_error_naming_the_problem(body: bytes, content_type: str | None, expected: str) -> None:
    with pytest.raises(SeriesParseError) as err:
        parse_series(body, FRED, content_type)
    assert expected in str(err.value)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"observations": {"date": "2025-01-01"}}', "expected a list of records"),
        (b'{"observations": [1, 2]}', "expected a list of records"),
        (b'{"other": []}', "no `observations` in the JSON (top-level keys: other)"),
        (b'{"observations": [{"date": "2025-06-12", "value": true}]}', "value 'True'"),
    ],
)
def test_bad_json_is_an_error_naming_the_problem(body: bytes, expected: str) -> None:
    with pytest.raises(SeriesParseError) as err:
        parse_series(body, Layout("fred_json", (SeriesColumn("X", "value"),)))
    assert expected in str(err.value)


# --- property: what is written is what is read ---------------------------------------------------------------------

finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.dictionaries(st.dates(), st.one_of(finite, st.sampled_from([".", "", "NA"])), min_size=1, max_size=60),
)
def test_any_written_series_reads_back_exactly(rows: dict[date, float | str]) -> None:
    text = "observation_date,MORTGAGE30US\n" + "".join(
        f"{d.isoformat()},{v if isinstance(v, str) else repr(v)}\n" for d, v in rows.items()
    )
    expected = sorted((d.isoformat(), v) for d, v in rows.items() if not isinstance(v, str))
    if not expected:
        with pytest.raises(SeriesParseError):
            parse_series(text.encode(), FRED)
        return
    got = one(parse_series(text.encode(), FRED))
    assert got == expected
    assert all(math.isfinite(v) for _, v in got)
