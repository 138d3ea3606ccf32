"""Silences, as in Alertmanager: matchers on an alert's labels, a start, an end, an author and a comment. Pure.

Labels of an alert (`labels_of`): `rule` (its lead rule: the one its card and channel follow), `event`
(empty for keyword alerts), `source`, `severity`, every extracted field (`licensee`, `broker`, `series`…; a
list field has several values) and `party` (a deal's licensor and licensee, so one silence mutes a company on
either side). A missing label is the empty string, as in Alertmanager.

Matchers: `name=value`, `name!=value`, `name=~regex` (also written `name~regex`), `name!~regex`; values may
be double-quoted (`broker=~"Goldman.*"`). Comparison — decided here, because readers are not exact:

- `=` / `!=` compare values the way event keys do (`notifier.dedupe`): width, script and case folded, and for
  names (`licensor`, `licensee`, `party`, `company`, `broker`) punctuation and corporate suffixes dropped, so
  `licensee=pfizer` matches "Pfizer Inc." and `licensee=輝瑞` matches "辉瑞"; tickers and drug codes as codes
  (`ticker=NYSE:TGT` = `TGT`). Alertmanager compares bytes; our values come from many outlets' spellings.
- `=~` / `!~` run on RE2 (linear time), anchored at both ends like Alertmanager (full match), case-insensitive,
  over the width- and script-folded value (`rules.regex`).
- On a label with several values, `=` and `=~` need one value to match; `!=` and `!~` need none to.

A silence made from a button uses the exact extracted value with `=`, so it mutes the same entity however
the next outlet spells it. A silence needs at least one `=` or `=~` matcher that cannot match the empty
value: a silence of only negative matchers would mute nearly everything.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from domain.alert import Alert
from domain.durations import parse_duration
from domain.judgements import OPS, Matcher, MatchOp, Silence
from domain.names import norm_code, norm_name, split_written
from domain.patterns import compile_pattern
from domain.text import fold, fold_script

Labels = Mapping[str, tuple[str, ...]]

RESERVED = ("rule", "event", "source", "severity")
NAME_LABELS = frozenset({"licensor", "licensee", "party", "company", "broker"})
CODE_LABELS = frozenset({"ticker", "asset"})
PARTY_FIELDS = ("licensor", "licensee")
MAX_DURATION = 366 * 86400.0  # a silence longer than a year is a typo, or a rule that should be edited
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_OP = re.compile(r"[=!~<>:]+")
_ALIASES: dict[str, MatchOp] = {"~": "=~"}


class SilenceError(ValueError):
    """A silence or matcher that cannot be made, with a one-line reason fit for a CLI or a Slack reply."""


# --- parsing ------------------------------------------------------------------------------------------------


def parse_matcher(text: str) -> Matcher:
    """One matcher, e.g. `licensee=Pfizer`, `broker~"Goldman.*"`, `series!="MORTGAGE30US"`."""
    raw = text.strip()
    m = _NAME.match(raw)
    if m is None:
        raise SilenceError(f"matcher {text!r}: expected a label name first, like licensee=Pfizer")
    name, rest = m.group(), raw[m.end() :].lstrip()
    op_match = _OP.match(rest)
    if op_match is None:
        raise SilenceError(f"matcher {text!r}: expected an operator after {name!r}: =, !=, =~ (or ~), !~")
    op_text = op_match.group()
    op = _ALIASES.get(op_text, op_text)
    if op not in OPS:
        raise SilenceError(f"matcher {text!r}: unknown operator {op_text!r}; use =, !=, =~ (or ~), !~")
    value = _value(rest[op_match.end() :].strip(), text)
    return make_matcher(name, op, value, text)


def _value(raw: str, text: str) -> str:
    if raw[:1] in ('"', "'"):
        quote = raw[0]
        if len(raw) < 2 or raw[-1] != quote:
            raise SilenceError(f"matcher {text!r}: unterminated quoted value")
        if quote == '"':
            try:
                decoded = json.loads(raw)
            except ValueError:
                raise SilenceError(f"matcher {text!r}: bad escape in quoted value") from None
            return str(decoded)
        return raw[1:-1]
    return raw


def make_matcher(name: str, op: str, value: str, text: str | None = None) -> Matcher:
    """A checked matcher: a known operator, a non-empty value, a regex RE2 accepts."""
    shown = text if text is not None else f"{name}{op}{value}"
    if not _NAME.fullmatch(name):
        raise SilenceError(f"matcher {shown!r}: bad label name {name!r}")
    if op not in OPS:
        raise SilenceError(f"matcher {shown!r}: unknown operator {op!r}; use =, !=, =~ (or ~), !~")
    if not value.strip():
        raise SilenceError(f"matcher {shown!r}: empty value")
    if op in ("=~", "!~"):
        try:
            compile_pattern(value)
        except ValueError as exc:
            raise SilenceError(f"matcher {shown!r}: {exc}") from None
    return Matcher(name, op, value)


def parse_matchers(texts: Iterable[str]) -> tuple[Matcher, ...]:
    """Matchers from CLI arguments: one per argument, or a braced list `{event="bd_deal", party="Pfizer"}`."""
    out: list[Matcher] = []
    for text in texts:
        stripped = text.strip()
        if stripped.startswith("{") and stripped.endswith("}"):
            out.extend(parse_matcher(part) for part in _split_list(stripped[1:-1]) if part.strip())
        else:
            out.append(parse_matcher(stripped))
    return tuple(out)


def _split_list(body: str) -> list[str]:
    """Split on commas outside double quotes (a backslash escapes inside them)."""
    parts: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for ch in body:
        if escaped:
            escaped = False
        elif ch == "\\" and quoted:
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return parts


def parse_span(text: str) -> float:
    """A silence's length: `30m`, `12h`, `7d`, `1d12h`. A bare number is refused: minutes or days?"""
    raw = text.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", raw):
        raise SilenceError(f"duration {text!r} has no unit: write {raw}m, {raw}h or {raw}d")
    try:
        seconds = parse_duration(raw)
    except ValueError:
        raise SilenceError(f"bad duration {text!r}: expected a form like 30m, 12h, 7d or 1d12h") from None
    if seconds <= 0:
        raise SilenceError(f"duration {text!r} must be longer than zero")
    if seconds > MAX_DURATION:
        raise SilenceError(f"duration {text!r} is longer than a year; edit the rule instead")
    return seconds


def parse_time(text: str, now: float) -> float:
    """`now`, or an ISO 8601 time (`2025-07-01`, `2025-07-01T09:30`, `…Z`, `…+08:00`); no zone means UTC."""
    raw = text.strip()
    if raw.lower() == "now":
        return now
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise SilenceError(f"bad time {text!r}: expected ISO 8601 such as 2025-07-01T09:30Z, or now") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()


def when(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M:%SZ")


# --- making a silence -------------------------------------------------------------------------------------------


def new_silence_id() -> str:
    """Short enough to type in `wirewatch silence expire ID`; 64 random bits."""
    return uuid.uuid4().hex[:16]


def build_silence(
    matchers: Sequence[Matcher],
    *,
    author: str,
    comment: str,
    now: float,
    starts_at: float | None = None,
    ends_at: float | None = None,
    duration: float | None = None,
    author_id: str | None = None,
    origin: str | None = None,
    silence_id: str | None = None,
) -> Silence:
    """A checked silence: matchers that can mute something specific, an end after its start and after now,
    an author and a comment (amtool requires one too: the next reader of `silence list` needs the why)."""
    if not matchers:
        raise SilenceError("a silence needs at least one matcher, like licensee=Pfizer")
    for m in matchers:
        make_matcher(m.name, m.op, m.value)
    if not any(m.positive and not _matches_empty(m) for m in matchers):
        raise SilenceError(
            "a silence needs at least one = or =~ matcher that does not match an empty value "
            "(otherwise it would mute nearly everything)"
        )
    if not author.strip():
        raise SilenceError("a silence needs an author")
    if not comment.strip():
        raise SilenceError("a silence needs a comment: why is this muted?")
    start = now if starts_at is None else starts_at
    if (duration is None) == (ends_at is None):
        raise SilenceError("give the silence either a duration (like 7d) or an end time, not both or neither")
    if duration is not None:
        if duration <= 0:
            raise SilenceError("a silence's duration must be longer than zero")
        end = start + duration
    else:
        assert ends_at is not None
        end = ends_at
    if end <= start:
        raise SilenceError(f"the silence ends ({when(end)}) before it starts ({when(start)})")
    if end <= now:
        raise SilenceError(f"the silence ends in the past ({when(end)})")
    return Silence(
        id=silence_id or new_silence_id(),
        matchers=tuple(matchers),
        starts_at=start,
        ends_at=end,
        author=author.strip(),
        comment=comment.strip(),
        created_at=now,
        author_id=author_id,
        origin=origin,
    )


def _matches_empty(m: Matcher) -> bool:
    return m.op == "=~" and compile_pattern(m.value).fullmatch("") is not None


# --- matching ------------------------------------------------------------------------------------------------------


def labels_of(alert: Alert) -> dict[str, tuple[str, ...]]:
    """The values silences match on (see the module doc)."""
    labels: dict[str, tuple[str, ...]] = {}
    for name, value in alert.fields.items():
        values = _values(value)
        if values and _NAME.fullmatch(name):
            # "大摩 (Morgan Stanley)" matches broker=大摩 and broker="Morgan Stanley"; 阿斯利康 matches its English
            # name too when the lexicons gave one (`licensee_en`)
            parts = [p for v in values for p in (v, *split_written(v)) if p]
            english = alert.derived.get(f"{name}_en") if isinstance(alert.derived, dict) else None
            labels[name] = tuple(dict.fromkeys([*parts, *_values(english)]))
    party = tuple(v for f in PARTY_FIELDS for v in labels.get(f, ()))
    if party:
        labels["party"] = party
    labels["rule"] = (alert.rule,)
    labels["event"] = (alert.event or "",)
    labels["source"] = (alert.item.source,)
    labels["severity"] = (alert.severity,)
    return labels


def _values(value: Any) -> tuple[str, ...]:
    if value is None or isinstance(value, dict):
        return ()
    if isinstance(value, list | tuple):
        return tuple(v for item in value if not isinstance(item, list | tuple) for v in _values(item))
    if isinstance(value, bool):
        return (str(value).lower(),)
    if isinstance(value, float) and value.is_integer():
        return (str(int(value)),)
    return (str(value),)


@lru_cache(maxsize=16384)
def canonical(name: str, value: str) -> str:
    """The form `=` compares: a name as event keys see it, a code as a code, anything else folded. Cached:
    every alert is compared with every active silence, and both sides repeat (bench_silences.py)."""
    if name in NAME_LABELS:
        return norm_name(value) or fold(value).strip()
    if name in CODE_LABELS:
        return norm_code(value)
    return fold(value).strip()


def matcher_matches(m: Matcher, labels: Labels) -> bool:
    values = labels.get(m.name) or ("",)
    if m.op in ("=", "!="):
        want = canonical(m.name, m.value)
        hit = any(canonical(m.name, v) == want for v in values)
    else:
        pattern = compile_pattern(m.value)
        hit = any(pattern.fullmatch(fold_script(v)) is not None for v in values)
    return hit if m.positive else not hit


def silences_alert(silence: Silence, labels: Labels) -> bool:
    """Whether every matcher holds (time is not considered: see `active`)."""
    return all(matcher_matches(m, labels) for m in silence.matchers)


def active(silences: Iterable[Silence], now: float) -> list[Silence]:
    """The silences in force at `now`: started, not ended, not expired early."""
    return [s for s in silences if s.is_active(now)]


def matching(labels: Labels, silences: Iterable[Silence], now: float) -> Silence | None:
    """The active silence that mutes an alert with these labels, or None. When several do, the one lasting
    longest (then the lowest id), so the id recorded with the alert is the one that holds it longest."""
    hits = [s for s in active(silences, now) if silences_alert(s, labels)]
    return max(hits, key=lambda s: (s.ended_at, _neg(s.id))) if hits else None


def _neg(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)


def describe(silence: Silence) -> str:
    """`event="bd_deal", party="Pfizer"`: the matchers as amtool prints them."""
    return ", ".join(str(m) for m in silence.matchers)


# --- record time and release (called by the alert recorder and `silence expire`) ----------------------------------


HELD_PREFIX = "silenced by "
_HELD = re.compile(r"silenced by ([A-Za-z0-9_.:-]+)(?: until |$)")


def held_reason(silence: Silence) -> str:
    """What a silenced delivery says (`wirewatch alerts`): `silenced by <id> until <end>`. The id is read back
    by `held_by` when the silence is expired early."""
    return f"{HELD_PREFIX}{silence.id} until {when(silence.ended_at)}"


def held_by(reason: str | None) -> str | None:
    """The silence id in a silenced delivery's reason, or None."""
    m = _HELD.match(reason or "")
    return m.group(1) if m else None


def silence_for(alert: Alert, silences: Iterable[Silence], now: float) -> Silence | None:
    """The silence to record with `alert` (its id goes with the alert), or None to post it."""
    return matching(labels_of(alert), silences, now)


def releasable(silenced: Iterable[tuple[Alert, str]], silences: Iterable[Silence], now: float) -> list[Alert]:
    """Of the alerts recorded as silenced (with the silence id that held them), those to post now: their silence
    was expired early (one that simply ran out releases nothing: its alerts were meant to stay quiet) and no
    other silence holds them now."""
    by_id = {s.id: s for s in silences}
    out = []
    for alert, silence_id in silenced:
        held_by = by_id.get(silence_id)
        if held_by is None or held_by.expired_at is None or held_by.is_active(now):
            continue
        if silence_for(alert, by_id.values(), now) is None:
            out.append(alert)
    return out
