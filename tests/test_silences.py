"""Silences, pure: the matcher syntax (amtool's, plus `~`), one-line errors, Alertmanager-like matching with
the project's folding, time bounds, and the *Mute this* key entity of each event type."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from collectors.item import Item
from domain.judgements import Matcher, Silence
from notifier.mute_targets import KEY_ENTITIES, mute_target, mute_targets, rule_target
from notifier.silences import (
    SilenceError,
    active,
    build_silence,
    describe,
    labels_of,
    matching,
    parse_matcher,
    parse_matchers,
    parse_span,
    parse_time,
    releasable,
    silence_for,
    silences_alert,
)
from store.records import Alert

T0 = 1_700_000_000.0
DAY = 86400.0


def alert(event: str | None = "bd_deal", fields: dict[str, Any] | None = None, **kw: Any) -> Alert:
    item = Item(id="guid-1", source="news-zh", title="t", summary="s", link="http://x.test/1")
    base = Alert(
        id="a" * 32,
        rule="bd-deal",
        item=item,
        event=event,
        severity="high",
        fields=fields if fields is not None else {"licensor": "石藥集團", "licensee": "Pfizer Inc.", "upfront": 1e8},
        rules=("bd-deal", "zh-licensing"),
    )
    return dataclasses.replace(base, **kw)


def silence_of(*texts: str, start: float = T0, days: float = 7) -> Silence:
    return build_silence(parse_matchers(texts), author="ana", comment="test", now=start, duration=days * DAY)


# --- parsing -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("licensee=Pfizer", Matcher("licensee", "=", "Pfizer")),
        ('broker~"Goldman.*"', Matcher("broker", "=~", "Goldman.*")),
        ('broker=~"Goldman.*"', Matcher("broker", "=~", "Goldman.*")),
        ("series = MORTGAGE30US", Matcher("series", "=", "MORTGAGE30US")),
        ('licensee!="Pfizer Inc."', Matcher("licensee", "!=", "Pfizer Inc.")),
        ("rule!~'bd-.*'", Matcher("rule", "!~", "bd-.*")),
        ('company="阿斯利康 \\"AZ\\""', Matcher("company", "=", '阿斯利康 "AZ"')),
        ("licensee=Pfizer Inc", Matcher("licensee", "=", "Pfizer Inc")),
    ],
)
def test_matchers_parse_in_amtool_syntax(text: str, expected: Matcher) -> None:
    assert parse_matcher(text) == expected


def test_a_braced_list_parses_with_commas_inside_quotes() -> None:
    got = parse_matchers(['{event="bd_deal", party="Pfizer, Inc.", broker=~"a|b"}'])
    assert got == (
        Matcher("event", "=", "bd_deal"),
        Matcher("party", "=", "Pfizer, Inc."),
        Matcher("broker", "=~", "a|b"),
    )
    assert str(got[1]) == 'party="Pfizer, Inc."'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("licensee==Pfizer", "unknown operator '=='"),
        ("licensee<Pfizer", "unknown operator '<'"),
        ("licensee Pfizer", "expected an operator"),
        ("licensee=", "empty value"),
        ('licensee=""', "empty value"),
        ('broker=~"Goldman("', "invalid regex 'Goldman(': missing )"),
        ("=Pfizer", "expected a label name"),
        ('broker="Goldman', "unterminated quoted value"),
        ('broker="a\\q"', "bad escape"),
    ],
)
def test_bad_matchers_get_one_clear_line(text: str, message: str) -> None:
    with pytest.raises(SilenceError, match=None) as err:
        parse_matcher(text)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("text", "seconds"), [("30m", 1800.0), ("12h", 43200.0), ("7d", 7 * DAY), ("1d12h", 1.5 * DAY)]
)
def test_spans_need_a_unit(text: str, seconds: float) -> None:
    assert parse_span(text) == seconds


@pytest.mark.parametrize(
    ("text", "message"),
    [("7", "has no unit: write 7m, 7h or 7d"), ("0d", "longer than zero"), ("soon", "bad duration"), ("400d", "year")],
)
def test_bad_spans_are_refused(text: str, message: str) -> None:
    with pytest.raises(SilenceError, match=message):
        parse_span(text)


def test_times_are_iso_8601_utc_unless_zoned() -> None:
    assert parse_time("2023-11-14T22:13:20Z", 0) == T0
    assert parse_time("2023-11-14T22:13:20", 0) == T0
    assert parse_time("2023-11-15T06:13:20+08:00", 0) == T0
    assert parse_time("now", T0) == T0
    with pytest.raises(SilenceError, match="ISO 8601"):
        parse_time("next tuesday", T0)


# --- building --------------------------------------------------------------------------------------------------------


def test_a_silence_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(SilenceError, match=r"ends \(2023-11-14 22:13:20Z\) before it starts \(2023-11-15"):
        build_silence(
            parse_matchers(["licensee=Pfizer"]),
            author="ana",
            comment="c",
            now=T0,
            starts_at=T0 + DAY,
            ends_at=T0,
        )


@pytest.mark.parametrize(
    ("matchers", "kw", "message"),
    [
        ([], {}, "at least one matcher"),
        (["licensee!=Pfizer"], {}, "at least one = or =~ matcher"),
        (['rule=~".*"'], {}, "at least one = or =~ matcher"),
        (["licensee=Pfizer"], {"author": " "}, "needs an author"),
        (["licensee=Pfizer"], {"comment": ""}, "needs a comment"),
        (["licensee=Pfizer"], {"duration": None}, "either a duration"),
        (["licensee=Pfizer"], {"ends_at": T0 + DAY}, "either a duration"),
        (["licensee=Pfizer"], {"duration": None, "starts_at": T0 - 2 * DAY, "ends_at": T0 - DAY}, "in the past"),
    ],
)
def test_silences_that_would_mute_too_much_or_say_too_little_are_refused(
    matchers: list[str], kw: dict[str, Any], message: str
) -> None:
    args: dict[str, Any] = {"author": "ana", "comment": "why", "now": T0, "duration": DAY, **kw}
    with pytest.raises(SilenceError, match=message):
        build_silence(parse_matchers(matchers), **args)


def test_a_built_silence_carries_its_bounds_and_who() -> None:
    s = build_silence(
        parse_matchers(["licensee=Pfizer", 'broker!~"x"']),
        author=" ana ",
        comment=" noisy ",
        now=T0,
        duration=DAY,
        author_id="U1",
        origin="a" * 32,
    )
    assert (s.starts_at, s.ends_at, s.created_at, s.author, s.comment) == (T0, T0 + DAY, T0, "ana", "noisy")
    assert len(s.id) == 16 and s.author_id == "U1" and s.origin == "a" * 32
    assert describe(s) == 'licensee="Pfizer", broker!~"x"'


# --- matching ---------------------------------------------------------------------------------------------------------


def test_labels_cover_rule_event_source_severity_fields_and_party() -> None:
    labels = labels_of(
        alert(fields={"licensor": "CSPC", "licensee": "AZ", "upfront": 1e8, "extra": [{"x": 1}], "n": None})
    )
    assert labels["rule"] == ("bd-deal",) and labels["event"] == ("bd_deal",)
    assert labels["source"] == ("news-zh",) and labels["severity"] == ("high",)
    assert labels["party"] == ("CSPC", "AZ")
    assert labels["upfront"] == ("100000000",)
    assert "extra" not in labels and "n" not in labels
    assert labels_of(alert(event=None, fields={}))["event"] == ("",)


@pytest.mark.parametrize(
    ("matcher", "hit"),
    [
        ("licensee=Pfizer", True),  # names compare as event keys do: suffixes and case dropped
        ("licensee=pfizer", True),
        ("licensee=ＰＦＩＺＥＲ", True),  # full width
        ("licensee=Pfizer Inc.", True),
        ("licensee=Pfizer Japan", False),
        ("licensor=石药集团", True),  # script-folded
        ("party=pfizer", True),
        ("party=Merck", False),
        ('licensee=~"pfizer.*"', True),  # regexes are anchored and case-insensitive
        ('licensee=~"fizer"', False),
        ('licensee=~"Pfi"', False),
        ("licensee!=Pfizer", False),
        ("licensee!=Merck", True),
        ('licensee!~"Merck.*"', True),
        ("upfront=100000000", True),
        ("event=bd_deal", True),
        ("event=BD_DEAL", True),
        ("source=news-zh", True),
        ("severity=high", True),
        ("rule=bd-deal", True),
        ("rule=zh-licensing", False),  # the lead rule only, as on the card
        ("broker=Goldman", False),  # a missing label is empty
        ("broker!=Goldman", True),
        ('broker!~".+"', True),
    ],
)
def test_one_matcher_against_a_deal(matcher: str, hit: bool) -> None:
    s = silence_of(matcher, "event=bd_deal") if not parse_matcher(matcher).positive else silence_of(matcher)
    assert silences_alert(s, labels_of(alert())) is hit


def test_ticker_codes_compare_as_codes() -> None:
    a = alert("price_target", {"ticker": "NYSE:TGT", "broker": "Goldman Sachs", "company": "Target"})
    assert silences_alert(silence_of("ticker=TGT"), labels_of(a))
    assert silences_alert(silence_of('broker~"goldman.*"'), labels_of(a))
    assert not silences_alert(silence_of("ticker=TG"), labels_of(a))


def test_a_list_field_matches_when_any_value_does_and_negatives_when_none_does() -> None:
    a = alert(fields={"parties": ["AstraZeneca", "西比曼"]})
    assert silences_alert(silence_of("parties=astrazeneca"), labels_of(a))
    assert silences_alert(silence_of("parties=西比曼"), labels_of(a))
    assert not silences_alert(silence_of("event=bd_deal", "parties!=西比曼"), labels_of(a))


def test_every_matcher_must_hold() -> None:
    s = silence_of("event=bd_deal", "party=Pfizer", "source=other-feed")
    assert not silences_alert(s, labels_of(alert()))


def test_matching_respects_time_and_early_expiry() -> None:
    labels = labels_of(alert())
    s = silence_of("party=Pfizer", start=T0, days=1)
    assert matching(labels, [s], T0 - 1) is None
    assert matching(labels, [s], T0) == s
    assert matching(labels, [s], T0 + DAY) is None  # the end is exclusive
    ended = s.evolve(expired_at=T0 + 60, expired_by="bo")
    assert matching(labels, [ended], T0 + 59) == ended
    assert matching(labels, [ended], T0 + 60) is None
    assert active([s, ended], T0 + 120) == [s]


def test_pending_silences_start_later() -> None:
    later = build_silence(
        parse_matchers(["party=Pfizer"]), author="a", comment="c", now=T0, starts_at=T0 + DAY, duration=DAY
    )
    assert later.state(T0) == "pending" and later.state(T0 + DAY) == "active" and later.state(T0 + 2 * DAY) == "expired"
    assert matching(labels_of(alert()), [later], T0) is None


def test_the_longest_lasting_matching_silence_is_the_one_recorded() -> None:
    short, long_ = silence_of("party=Pfizer", days=1), silence_of("event=bd_deal", days=30)
    other = silence_of("party=Merck", days=90)
    assert matching(labels_of(alert()), [short, other, long_], T0 + 1) == long_


# --- key entities --------------------------------------------------------------------------------------------------------


def test_a_deal_offers_each_party_and_mutes_it_on_either_side() -> None:
    a = alert()
    targets = mute_targets(a)
    assert [t.choice for t in targets] == ["licensor", "licensee"]
    assert targets[1].title == "Pfizer Inc."
    assert targets[1].matchers == (Matcher("event", "=", "bd_deal"), Matcher("party", "=", "Pfizer Inc."))
    s = build_silence(targets[1].matchers, author="a", comment="c", now=T0, duration=DAY)
    # Pfizer later on the other side of a deal, spelled differently: still muted
    later = alert(fields={"licensor": "PFIZER", "licensee": "Merck & Co."})
    assert matching(labels_of(later), [s], T0 + 1) == s
    # Pfizer in a price target: not muted (the mute was about deals)
    pt = alert("price_target", {"company": "Pfizer", "broker": "UBS"})
    assert matching(labels_of(pt), [s], T0 + 1) is None


def test_a_price_target_mutes_one_brokers_calls_on_one_stock() -> None:
    a = alert("price_target", {"ticker": "TGT", "company": "Target", "broker": "JPMorgan", "action": "upgrade"})
    (t,) = mute_targets(a)
    assert t.choice == "ticker_broker" and t.title == "JPMorgan on TGT"
    assert t.matchers == (
        Matcher("event", "=", "price_target"),
        Matcher("ticker", "=", "TGT"),
        Matcher("broker", "=", "JPMorgan"),
    )
    no_ticker = alert("price_target", {"company": "Target", "broker": "JPMorgan"})
    assert mute_target(no_ticker).matchers[1] == Matcher("company", "=", "Target")


def test_a_print_mutes_its_series_or_else_its_indicator() -> None:
    series = alert("mortgage_print", {"series": "MORTGAGE30US", "indicator": "30-year mortgage rate", "value": 6.1})
    assert mute_target(series).matchers[1] == Matcher("series", "=", "MORTGAGE30US")
    news = alert("mortgage_print", {"indicator": "us_30y_mortgage_rate", "value": 6.44})
    assert mute_target(news).matchers[1] == Matcher("indicator", "=", "us_30y_mortgage_rate")


def test_keyword_alerts_and_thin_events_fall_back_to_their_rule() -> None:
    kw = alert(None, {}, rule="layoffs")
    assert mute_targets(kw) == (rule_target(kw),)
    assert rule_target(kw).matchers == (Matcher("rule", "=", "layoffs"),)
    thin = alert("price_target", {"broker": "UBS"})
    assert mute_target(thin).choice == "rule"


def test_an_unknown_choice_is_a_clear_error() -> None:
    with pytest.raises(SilenceError, match=r"nothing to mute as 'ticker_broker' .*offers: licensor, licensee, rule"):
        mute_target(alert(), "ticker_broker")


def test_every_event_type_with_a_key_entity_has_choices() -> None:
    for event, entities in KEY_ENTITIES.items():
        assert entities, event
        assert len({e.choice for e in entities}) == len(entities)


def test_record_time_and_release_after_an_early_expiry() -> None:
    deal, other = alert(), alert(fields={"licensor": "Merck", "licensee": "Pfizer"}, id="b" * 32)
    by_party = silence_of("party=Pfizer", days=7)
    by_rule = silence_of("rule=bd-deal", days=1)
    assert silence_for(deal, [by_party], T0 + 1) == by_party
    ended = by_party.evolve(expired_at=T0 + 100, expired_by="bo")
    held = [(deal, by_party.id), (other, by_party.id)]
    assert releasable(held, [ended], T0 + 101) == [deal, other]
    assert releasable(held, [by_party], T0 + 101) == []  # still active
    assert releasable(held, [ended, by_rule], T0 + 101) == []  # another silence holds them now
    ran_out = silence_of("party=Pfizer", days=1)
    assert releasable([(deal, ran_out.id)], [ran_out], T0 + 2 * DAY) == []  # ran out: nothing to release


def test_a_broker_as_written_with_its_canonical_name_matches_either() -> None:
    item = Item(id="n1", source="hk", title="大摩升騰訊目標價")
    alert = Alert(
        id="a1",
        rule="analyst-rating-change",
        event="price_target",
        severity="medium",
        item=item,
        fields={"broker": "大摩 (Morgan Stanley)", "company": "騰訊"},
        created_at=1.0,
    )
    labels = labels_of(alert)
    for text in ('broker="Morgan Stanley"', "broker=大摩", 'broker=~"morgan.*"'):
        silence = build_silence([parse_matcher(text)], author="ana", comment="desk", now=0.0, duration=3600)
        assert matching(labels, [silence], 10.0) == silence, text
