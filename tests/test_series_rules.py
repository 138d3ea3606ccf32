"""Series rules: new prints vs revisions vs backfill (collectors/series_update.py), every condition of the
series rule language (rules/series_engine.py) against hand-worked cases and reference implementations,
print context, the loader's file:line:col diagnostics, and the bundled packs on the bundled sample."""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collectors.series_parse import Point, parse_series
from collectors.series_update import diff_series, merged_history
from rules.loader import load_rules
from rules.series_context import print_context
from rules.series_engine import History, SeriesEngine, check, frequency, year_ago_index
from rules.series_loader import load_series_rules
from rules.series_model import Condition, SeriesRule
from store.records import Observation
from tests.conftest import ROOT, run_cli
from wirewatch.config import SeriesSourceConfig, load_config
from wirewatch.readers.series_alerts import layout_of

V0, V1 = "2025-06-05T16:00:00Z", "2025-06-12T16:00:00Z"


def weekly(values: Sequence[float], start: dt.date = dt.date(2023, 1, 5)) -> History:
    """A Thursday-dated weekly series, like MORTGAGE30US."""
    return History([(start + dt.timedelta(weeks=i)).isoformat() for i in range(len(values))], list(values))


def monthly(values: Sequence[float], year: int = 2019) -> History:
    periods = [f"{year + i // 12}-{i % 12 + 1:02d}-01" for i in range(len(values))]
    return History(periods, list(values))


def cond(**spec: object) -> Condition:
    return Condition.model_validate(spec)


def fires(spec: dict[str, object], h: History) -> bool:
    return check(cond(**spec), h) is not None


def obs(period: str, value: float, vintage: str = V0) -> Observation:
    return Observation("s", period, value, vintage)


# --- new prints, revisions, backfill ---------------------------------------------------------------------------


def test_first_fetch_loads_history_and_alerts_nothing() -> None:
    c = diff_series("s", [], [Point("2025-05-01", 1.0), Point("2025-06-01", 2.0)], V0)
    assert c.baseline and c.new_prints == () and c.revisions == ()
    assert [o.period for o in c.to_save] == ["2025-05-01", "2025-06-01"]


def test_first_fetch_with_on_first_fetch_alert_judges_only_the_latest() -> None:
    c = diff_series("s", [], [Point("2025-05-01", 1.0), Point("2025-06-01", 2.0)], V0, "alert")
    assert not c.baseline
    assert [o.period for o in c.new_prints] == ["2025-06-01"]
    assert [o.period for o in c.backfill] == ["2025-05-01"]


def test_new_print_revision_backfill_and_unchanged_are_told_apart() -> None:
    stored = [obs("2025-03-01", 1.0), obs("2025-05-01", 3.0), obs("2025-06-01", 4.0)]
    fetched = [
        Point("2025-03-01", 1.0),  # unchanged
        Point("2025-04-01", 2.0),  # unknown, before the high-water mark: backfill
        Point("2025-05-01", 3.5),  # known, changed: revision
        Point("2025-06-01", 4.0),
        Point("2025-08-01", 6.0),  # after the high-water mark: new prints, oldest first
        Point("2025-07-01", 5.0),
    ]
    c = diff_series("s", stored, fetched, V1)
    assert [o.period for o in c.new_prints] == ["2025-07-01", "2025-08-01"]
    assert [(r.observation.period, r.previous, r.observation.value) for r in c.revisions] == [("2025-05-01", 3.0, 3.5)]
    assert [o.period for o in c.backfill] == ["2025-04-01"]
    assert c.unchanged == 2
    assert all(o.vintage == V1 for o in c.to_save), "changed and new observations carry this poll's vintage"
    merged = merged_history(stored, c)
    assert [(o.period, o.value) for o in merged] == [
        ("2025-03-01", 1.0),
        ("2025-04-01", 2.0),
        ("2025-05-01", 3.5),
        ("2025-06-01", 4.0),
        ("2025-07-01", 5.0),
        ("2025-08-01", 6.0),
    ]


def test_refetching_the_same_data_changes_nothing() -> None:
    stored = [obs("2025-05-01", 0.1 + 0.2), obs("2025-06-01", 4.0)]
    c = diff_series("s", stored, [Point("2025-05-01", 0.30000000000000004), Point("2025-06-01", 4.0)], V1)
    assert c.quiet and c.to_save == []


@settings(max_examples=100, deadline=None)
@given(
    known=st.dictionaries(st.integers(0, 60), st.integers(-5, 5), min_size=1, max_size=30),
    fetched=st.dictionaries(st.integers(0, 80), st.integers(-5, 5), max_size=40),
)
def test_every_fetched_observation_is_exactly_one_of_new_revised_backfill_unchanged(
    known: dict[int, int], fetched: dict[int, int]
) -> None:
    def period(n: int) -> str:
        return (dt.date(2020, 1, 1) + dt.timedelta(days=7 * n)).isoformat()

    stored = [obs(period(n), float(v)) for n, v in sorted(known.items())]
    c = diff_series("s", stored, [Point(period(n), float(v)) for n, v in fetched.items()], V1)
    high = max(known)
    assert {o.period for o in c.new_prints} == {period(n) for n in fetched if n > high}
    assert {r.observation.period for r in c.revisions} == {
        period(n) for n, v in fetched.items() if n in known and known[n] != v
    }
    assert {o.period for o in c.backfill} == {period(n) for n in fetched if n not in known and n < high}
    assert len(c.new_prints) + len(c.revisions) + len(c.backfill) + c.unchanged == len(fetched)


# --- conditions ------------------------------------------------------------------------------------------------


def test_threshold_bounds_all_must_hold() -> None:
    h = weekly([6.5, 7.1])
    assert fires({"threshold": {"above": 7}}, h)
    assert not fires({"threshold": {"above": 7.1}}, h)
    assert fires({"threshold": {"at_least": 7.1}}, h)
    assert not fires({"threshold": {"above": 6, "below": 7}}, h)
    assert fires({"threshold": {"above": 7, "below": 7.2}}, h)


def test_cross_fires_once_and_rearms_only_after_the_recovery_level() -> None:
    spec = {"cross": {"level": 7, "direction": "up", "recover": 6.8}}
    path = [6.7, 7.05, 6.9, 7.1, 6.95, 7.2, 6.75, 6.9, 7.01, 7.3]
    fired = [i for i in range(1, len(path) + 1) if fires(spec, weekly(path[:i]))]
    # 7.05 fires; 6.9 and 6.95 never went under 6.8, so 7.1 and 7.2 are quiet; 6.75 re-arms; 7.01 fires.
    assert fired == [2, 9]
    assert check(cond(**spec), weekly(path[:2])) == ["crossed above 7 from 6.7"]


def test_cross_down_and_a_series_that_starts_beyond_the_level_is_not_a_cross() -> None:
    spec = {"cross": {"level": 6, "direction": "down", "recover": 6.25}}
    assert fires(spec, weekly([6.3, 5.95]))
    assert not fires(spec, weekly([5.9, 5.95, 5.8])), "already below 6 when history starts"
    assert fires(spec, weekly([5.9, 6.3, 5.99]))


def test_change_against_previous_n_ago_and_year_ago_in_abs_pct_bp() -> None:
    h = weekly([6.0, 6.5, 6.89, 6.84])
    assert fires({"change": {"vs": "previous", "measure": "bp", "at_most": -4.9}}, h)
    assert not fires({"change": {"vs": "previous", "measure": "bp", "at_most": -5.1}}, h)
    assert fires({"change": {"vs": 3, "measure": "abs", "above": 0.8}}, h)
    assert fires({"change": {"vs": 2, "measure": "pct", "above": 5.2, "below": 5.3}}, h)  # 6.84 / 6.5 = +5.23%
    assert fires({"change": {"vs": "previous", "magnitude_at_least": 0.05}}, h)
    assert fires({"change": {"vs": "previous", "measure": "bp", "at_least": -5, "at_most": -5}}, h), "exactly -5 bp"
    assert not fires({"change": {"vs": 4, "above": -100}}, h), "no observation 4 back: no change to judge"


def test_pct_change_from_zero_never_fires() -> None:
    assert not fires({"change": {"measure": "pct", "above": -1e9}}, weekly([0.0, 1.0]))


def test_same_period_last_year_on_thursday_weekly_data_and_monthly_data() -> None:
    h = weekly([float(i) for i in range(60)])
    # 2024-01-04 is 52 weeks after 2023-01-05; one year before 2024-01-04 is 2023-01-04 (a Wednesday).
    assert year_ago_index(h.periods, 52) == 0
    assert check(cond(change={"vs": "year_ago", "above": 51.5}), weekly([float(i) for i in range(53)])) is not None
    m = monthly([100.0] * 12 + [90.0])
    assert year_ago_index(m.periods, 12) == 0
    assert fires({"change": {"vs": "year_ago", "below": 0}}, m)
    assert not fires({"change": {"vs": "year_ago", "below": 0}}, monthly([100.0] * 12)), "no year yet"


def test_same_period_last_year_is_missing_when_that_period_is_missing() -> None:
    m = monthly([100.0] * 13)
    gap = History([*m.periods[:0], *m.periods[1:]], [*m.values[1:]])  # the first January is missing
    assert year_ago_index(gap.periods, len(gap) - 1) is None
    assert not fires({"change": {"vs": "year_ago", "below": 1e9}}, gap)


def test_extreme_window_all_ties_and_short_history() -> None:
    values = [7.0 - 0.01 * i for i in range(60)]
    assert fires({"extreme": {"kind": "low", "window": 52}}, weekly(values))
    assert not fires({"extreme": {"kind": "high", "window": 52}}, weekly(values))
    assert fires({"extreme": {"kind": "low"}}, weekly(values)), "window defaults to all history"
    assert not fires({"extreme": {"kind": "low", "window": 52}}, weekly(values[:30])), "not 52 prints yet"
    tie = weekly([6.0, 7.0, 6.5, 6.0])
    assert check(cond(extreme={"kind": "low", "window": "all"}), tie) == ["lowest on record (since 2023-01-05) (tie)"]


def test_sign_negative_positive_zero_flipped() -> None:
    m = monthly([5.0, -3.0])
    assert fires({"sign": "negative"}, m)
    assert not fires({"sign": "positive"}, m)
    assert fires({"sign": "flipped"}, m)
    assert not fires({"sign": "flipped"}, monthly([-1.0, -3.0]))
    assert fires({"sign": "zero"}, monthly([0.0]))


def test_zscore_of_level_and_of_change() -> None:
    base = [10.0, 11.0, 9.0, 10.0, 11.0, 9.0, 10.0, 11.0]
    assert fires({"zscore": {"window": 8, "beyond": 3}}, weekly([*base, 20.0]))
    assert not fires({"zscore": {"window": 8, "beyond": 3}}, weekly([*base, 11.0]))
    assert fires({"zscore": {"window": 8, "below": -3}}, weekly([*base, 0.0]))
    assert not fires({"zscore": {"window": 8, "beyond": 0}}, weekly([5.0] * 9)), "flat: no spread, no z-score"
    trend = [float(i) for i in range(12)]  # steady +1 changes, then a jump of +5
    assert fires(
        {"zscore": {"window": 5, "of": "change", "above": 0}}, weekly([*trend[:6], 5.0, 6.1, 7.0, 8.2, 9.0, 14])
    )
    assert not fires({"zscore": {"window": 12, "beyond": 0}}, weekly(trend)), "needs window + 1 observations"


def test_streak_direction_and_level() -> None:
    assert check(cond(streak={"direction": "up", "length": 3}), weekly([5, 4, 5, 6, 7])) == ["3rd rise in a row"]
    assert not fires({"streak": {"direction": "up", "length": 3}}, weekly([5, 6, 7, 7]))
    assert fires({"streak": {"direction": "down", "length": 2}}, weekly([9, 8, 7]))
    assert fires({"streak": {"below": 0, "length": 3}}, monthly([1, -1, -2, -3]))
    assert not fires({"streak": {"below": 0, "length": 3}}, monthly([-1, 1, -2, -3]))


def test_all_any_and_several_keys_combine() -> None:
    h = weekly([7.0 - 0.01 * i for i in range(55)])
    both = {"extreme": {"kind": "low", "window": 52}, "threshold": {"below": 6.5}}
    assert fires(both, h)
    assert not fires({**both, "threshold": {"below": 6.0}}, h)
    assert fires({"any": [{"threshold": {"below": 6.0}}, {"extreme": {"kind": "low", "window": 52}}]}, h)
    assert not fires({"any": [{"threshold": {"below": 6.0}}, {"sign": "negative"}]}, h)
    nested = {
        "all": [
            {"sign": "positive"},
            {"any": [{"threshold": {"above": 100}}, {"streak": {"direction": "down", "length": 3}}]},
        ]
    }
    reasons = check(cond(**nested), h)
    assert reasons == ["positive (6.46)", "54th fall in a row"]


def test_engine_selects_rules_by_series_glob_and_skips_disabled_and_revision_only() -> None:
    rules = [
        SeriesRule.model_validate({"id": "a", "series": "pboc-*", "sign": "negative"}),
        SeriesRule.model_validate({"id": "b", "series": ["MORTGAGE30US"], "sign": "negative"}),
        SeriesRule.model_validate({"id": "c", "series": "pboc-household-loans", "sign": "negative", "enabled": False}),
        SeriesRule.model_validate({"id": "d", "series": "pboc-*", "sign": "negative", "on_revision": True}),
    ]
    engine = SeriesEngine(rules)
    h = monthly([1.0, -1.0])
    assert [m.rule.id for m in engine.evaluate("pboc-household-loans", h)] == ["a", "d"]
    assert [m.rule.id for m in engine.evaluate("pboc-household-loans", h, revision=True)] == ["d"]
    assert engine.evaluate("other", h) == []


# --- reference implementations (properties) -----------------------------------------------------------------------

levels = st.lists(st.integers(-50, 50).map(lambda x: x / 10), min_size=1, max_size=80)


@settings(max_examples=200, deadline=None)
@given(values=levels, window=st.integers(2, 20))
def test_extreme_agrees_with_the_definition(values: list[float], window: int) -> None:
    h = weekly(values)
    expected = len(values) >= window and values[-1] <= min(values[-window:])
    assert fires({"extreme": {"kind": "low", "window": window}}, h) == expected


@settings(max_examples=200, deadline=None)
@given(values=levels, level=st.integers(-20, 20).map(lambda x: x / 10), gap=st.integers(0, 10).map(lambda x: x / 10))
def test_cross_never_fires_twice_without_passing_the_recovery_level_in_between(
    values: list[float], level: float, gap: float
) -> None:
    recover = level - gap
    spec = {"cross": {"level": level, "direction": "up", "recover": recover}}
    fired = [i for i in range(len(values)) if fires(spec, weekly(values[: i + 1]))]
    for a, b in itertools.pairwise(fired):
        assert any(v < recover for v in values[a + 1 : b]), (values, fired)
    for i in fired:
        assert values[i] >= level


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.integers(-1000, 1000).map(float), min_size=4, max_size=40), window=st.integers(3, 10))
def test_zscore_agrees_with_statistics(values: list[float], window: int) -> None:
    h = weekly(values)
    sample = values[-window - 1 : -1]
    if len(values) < window + 1 or statistics.stdev(sample) == 0:
        assert not fires({"zscore": {"window": window, "beyond": 0}}, h)
        return
    z = (values[-1] - statistics.fmean(sample)) / statistics.stdev(sample)
    assert fires({"zscore": {"window": window, "above": 1.5}}, h) == (z > 1.5)


@settings(max_examples=100, deadline=None)
@given(n=st.integers(13, 120))
def test_year_ago_of_a_complete_monthly_series_is_twelve_back(n: int) -> None:
    h = monthly([0.0] * n)
    assert frequency(h.periods) == "monthly"
    assert all(year_ago_index(h.periods, i) == i - 12 for i in range(12, n))


# --- context -------------------------------------------------------------------------------------------------------


def test_print_context_prior_year_ago_and_record() -> None:
    values = [6.0 + 0.01 * (i % 7) for i in range(40)] + [6.9, 6.8, 6.5, 6.3, 6.2, 6.1, 6.05, 6.01, 6.02, 6.03]
    values += [6.04, 6.03, 5.9]
    ctx = print_context(weekly(values))
    assert ctx.frequency == "weekly"
    assert (ctx.prior, ctx.value) == (6.03, 5.9)
    assert ctx.change is not None and round(ctx.change, 10) == -0.13
    assert ctx.year_ago_period == weekly(values).periods[-53]
    assert ctx.record == "lowest on record (data since 2023-01)"


def test_record_context_lowest_since_and_none() -> None:
    m = monthly([50.0, 10.0, 40.0, 35.0, 30.0, 25.0, 20.0, 15.0])
    assert print_context(m).record == "lowest since 2019-02"
    assert print_context(monthly([5.0, 6.0, 5.5, 6.0, 5.8])).record is None
    assert print_context(monthly([1.0, 2.0, 3.0, 4.0, 9.0])).record == "highest on record (data since 2019-01)"


# --- loading and diagnostics -----------------------------------------------------------------------------------------

BAD = """\
series_rules:
  - id: ok
    series: MORTGAGE30US
    extreme: {kind: low, window: 52}
  - id: typo
    series: MORTGAGE30US
    treshold: {above: 7}
  - id: bad-sign
    series: x
    sign: negtive
  - id: no-series
    threshold: {above: 1}
  - id: wrong-recover
    series: x
    cross: {level: 7, direction: up, recover: 7.5}
  - id: nested
    series: x
    any:
      - change: {vs: previous, measure: percent, above: 1}
  - id: nothing
    series: x
"""


def test_loader_reports_every_problem_with_file_line_col(tmp_path: Path) -> None:
    f = tmp_path / "series.yaml"
    f.write_text(BAD, encoding="utf-8")
    loaded = load_series_rules([tmp_path], strict=False)
    assert [r.id for r in loaded.rules] == ["ok"]
    got = [str(p) for p in loaded.problems]
    assert f"{f}:7:5: unknown key `treshold`; did you mean `threshold`?" in got
    assert f"{f}:10:5: `sign`: Input should be 'negative', 'positive', 'zero' or 'flipped'" in got
    assert f"{f}:11:5: missing required key `series`" in got
    assert f"{f}:15:5: `cross`: `recover` must be at or below `level` for an upward cross" in got
    assert f"{f}:19:32: `any.0.change.measure`: Input should be 'abs', 'pct' or 'bp'" in got
    assert any(p.startswith(f"{f}:20:5: needs a condition: one of `threshold`") for p in got), got
    assert len(got) == 6


def test_duplicate_series_rule_ids_across_files_and_mixed_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("series_rules:\n  - {id: dup, series: x, sign: negative}\n")
    (tmp_path / "b.yaml").write_text(
        "rules:\n  - id: kw\n    any: [mortgage]\nseries_rules:\n  - id: dup\n    series: y\n    sign: positive\n"
    )
    loaded = load_series_rules([tmp_path], strict=False)
    assert [str(p) for p in loaded.problems] == [
        f"{tmp_path / 'b.yaml'}:5:5: duplicate series rule id `dup` (first in {tmp_path / 'a.yaml'}:2)"
    ]
    keyword = load_rules([tmp_path], strict=False)
    assert [r.id for r in keyword.rules] == ["kw"], "keyword rules in a mixed file still load"
    assert keyword.problems == [], "a series-only file is not a broken keyword-rule file"


@pytest.mark.system
def test_validate_cli_reports_series_rule_problems_and_counts_them(tmp_path: Path) -> None:
    f = tmp_path / "series.yaml"
    f.write_text(BAD, encoding="utf-8")
    r = run_cli("validate", str(f), cwd=tmp_path)
    assert r.returncode == 1
    assert f"{f}:7:5: unknown key `treshold`; did you mean `threshold`?" in r.stdout
    f.write_text("series_rules:\n  - {id: ok, series: x, sign: negative}\n", encoding="utf-8")
    r = run_cli("validate", str(f), cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "1 series rules" in r.stdout


@pytest.mark.system
def test_config_with_a_bad_series_source_says_file_line_col(tmp_path: Path) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        "sources:\n"
        "  - id: feed\n    url: http://127.0.0.1/rss\n"
        "  - id: fred\n    type: series\n    url: http://127.0.0.1/fred.csv\n    format: fred\n"
        "    series:\n      - id: MORTGAGE30US\n        colum: x\n"
        "  - id: other\n    type: atom\n    url: http://127.0.0.1/x\n",
        encoding="utf-8",
    )
    r = run_cli("validate", "--config", str(cfg), cwd=tmp_path)
    assert r.returncode == 1
    assert (
        f"{cfg}:7:5: `sources.1.format`: Input should be 'csv', 'json', 'fred_csv', 'fred_json' or 'pmms_csv'"
        in r.stdout
    )
    assert f"{cfg}:10:9: unknown key `colum`; did you mean `column`?" in r.stdout
    assert f"{cfg}:12:5: `sources.2.type`: Input should be 'rss' or 'series'" in r.stdout


@pytest.mark.system
def test_series_ids_are_unique_across_sources(tmp_path: Path) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        "sources:\n"
        "  - {id: a, type: series, url: 'http://x/1', series: [S]}\n"
        "  - {id: b, type: series, url: 'http://x/2', series: [S]}\n"
    )
    r = run_cli("validate", "--config", str(cfg), cwd=tmp_path)
    assert "series `S` is read by two sources: `a` and `b`" in r.stdout


# --- bundled packs on bundled data ------------------------------------------------------------------------------------


def bundled_engine() -> SeriesEngine:
    return SeriesEngine(load_series_rules([ROOT / "rules" / "packs"]).rules)


def test_bundled_packs_on_the_pboc_sample_latest_month() -> None:
    config, _ = load_config(ROOT / "wirewatch.yaml", env={})
    source = next(s for s in config.sources if isinstance(s, SeriesSourceConfig) and s.id.startswith("sample-pboc"))
    data = parse_series((ROOT / "samples/series/pboc_household_loans.csv").read_bytes(), layout_of(source))
    engine = bundled_engine()

    def fired(series: str) -> set[str]:
        points = data[series]
        return {
            m.rule.id for m in engine.evaluate(series, History([p.period for p in points], [p.value for p in points]))
        }

    assert fired("pboc-household-loans") == {"pboc-household-loans-negative"}
    assert fired("pboc-household-short-loans") == {"pboc-household-loans-negative"}
    assert fired("pboc-household-mlt-loans") == {"pboc-household-mlt-below-last-year"}


def test_bundled_us_rate_rules_on_a_weekly_path() -> None:
    engine = bundled_engine()
    down = [7.2 - 0.02 * i for i in range(60)]  # a steady slide to a 52-week low, through 6%
    ids = {m.rule.id for m in engine.evaluate("MORTGAGE30US", weekly(down))}
    assert ids == {"us30y-52-week-low"}
    crossing = weekly([6.4, 6.3, 6.1, 5.95])
    assert {m.rule.id for m in engine.evaluate("MORTGAGE30US", crossing)} == {
        "us30y-crosses-below-6",
        "us30y-big-weekly-move",
    }
