"""Readers' verdicts as evaluation data and as precision readers see it. Pure.

Each reader's latest verdict on an alert counts (a second press replaces the first; `withdrawn` removes it).
An alert is *useful* when its readers' verdicts say useful and none says not relevant, *not relevant* the other
way round, *disputed* when both are said; *muted* is counted apart (a mute says "not for this desk", not
"wrong").

`corpus_rows` writes the real-news corpus format (`../shared/corpus/README.md`: `id, lang, origin, source,
title, summary, label, fields, note`): a useful alert is labelled with its event and the fields the extractor
gave it, a not-relevant one `none` with the readers' reasons as the note. Keyword alerts judged useful carry
no event to label and are left out, as are disputed alerts unless asked for (then the latest verdict wins and
the note says so).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from domain.judgements import Verdict
from domain.text import fold_script, has_cjk

CORPUS_KEYS = ("id", "lang", "origin", "source", "title", "summary", "label", "fields", "note")
LABELS = ("bd_deal", "price_target", "mortgage_print")
JUDGEMENTS = ("useful", "not_relevant")


def latest_by_reader(verdicts: Iterable[Verdict]) -> list[Verdict]:
    """Each (alert, reader)'s last verdict, withdrawn ones dropped; in the order they were given."""
    last: dict[tuple[str, str], Verdict] = {}
    for v in sorted(verdicts, key=lambda v: (v.at, v.id)):
        last[(v.alert_id, v.user_id)] = v
    return sorted((v for v in last.values() if v.verdict != "withdrawn"), key=lambda v: (v.at, v.id))


@dataclass(frozen=True, slots=True)
class Judged:
    """One alert and what its readers made of it."""

    alert_id: str
    outcome: Literal["useful", "not_relevant", "disputed", "muted"]
    verdicts: tuple[Verdict, ...]  # the readers' latest, oldest first

    @property
    def latest(self) -> Verdict:
        return self.verdicts[-1]


def judged(verdicts: Iterable[Verdict]) -> list[Judged]:
    by_alert: dict[str, list[Verdict]] = {}
    for v in latest_by_reader(verdicts):
        by_alert.setdefault(v.alert_id, []).append(v)
    out = []
    for alert_id, vs in by_alert.items():
        kinds = {v.verdict for v in vs}
        if {"useful", "not_relevant"} <= kinds:
            outcome: Literal["useful", "not_relevant", "disputed", "muted"] = "disputed"
        elif "useful" in kinds:
            outcome = "useful"
        elif "not_relevant" in kinds:
            outcome = "not_relevant"
        else:
            outcome = "muted"
        out.append(Judged(alert_id, outcome, tuple(vs)))
    return out


# --- export --------------------------------------------------------------------------------------------------------


def lang_of(text: str) -> str:
    """`en`, `zh-Hans` or `zh-Hant`, as the corpus tags them: Chinese that folding to Simplified changes is
    Traditional."""
    if not has_cjk(text):
        return "en"
    return "zh-Hant" if fold_script(text) != text else "zh-Hans"


def _date(published: str | None, at: float) -> str:
    if published:
        return published[:10]
    return datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%d")


def _fields(v: Verdict) -> dict[str, Any]:
    from notifier.events import EVENT_TYPES  # the cards behind the registry load only for an export

    kind = EVENT_TYPES.get(v.event or "")
    names = kind.fields if kind is not None else ()
    kept = {k: v.fields.get(k) for k in names}
    if isinstance(v.fields.get("extra"), list):
        kept["extra"] = v.fields["extra"]
    return kept


def corpus_row(j: Judged, *, latest_wins: bool = False) -> dict[str, Any] | None:
    """One corpus line for a judged alert, or None when it carries no label (see the module doc)."""
    if j.outcome == "muted" or (j.outcome == "disputed" and not latest_wins):
        return None
    latest = [v for v in j.verdicts if v.verdict in JUDGEMENTS][-1]
    useful = latest.verdict == "useful"
    if useful and latest.event not in LABELS:
        return None
    readers = ", ".join(f"{v.user_name or v.user_id}: {v.verdict}" for v in j.verdicts if v.verdict in JUDGEMENTS)
    if useful:
        note = f"reader verdict: useful ({readers}); rule {latest.rule}"
    else:
        reasons = "; ".join(dict.fromkeys(v.reason for v in j.verdicts if v.verdict == "not_relevant" and v.reason))
        note = f"reader verdict: not relevant ({readers})" + (f": {reasons}" if reasons else "")
        note += f"; rule {latest.rule} fired" + (f" as {latest.event}" if latest.event else "")
    if j.outcome == "disputed":
        note = "disputed, latest verdict kept — " + note
    outlet = latest.source + ", " + _date(latest.published, latest.at)
    return {
        "id": f"feedback-{j.alert_id}",
        "lang": lang_of(latest.title + latest.summary),
        "origin": "feedback",
        "source": f"{latest.link} ({outlet})" if latest.link else f"({outlet})",
        "title": latest.title,
        "summary": latest.summary,
        "label": latest.event if useful else "none",
        "fields": _fields(latest) if useful else {},
        "note": note,
    }


def corpus_rows(verdicts: Iterable[Verdict], *, latest_wins: bool = False) -> list[dict[str, Any]]:
    rows = (corpus_row(j, latest_wins=latest_wins) for j in judged(verdicts))
    return [r for r in rows if r is not None]


def to_jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


# --- stats ------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tally:
    """Alerts judged per rule or event type over a period: the precision as readers see it."""

    key: str
    useful: int = 0
    not_relevant: int = 0
    disputed: int = 0
    muted: int = 0

    @property
    def judged(self) -> int:
        return self.useful + self.not_relevant

    @property
    def precision(self) -> float | None:
        return self.useful / self.judged if self.judged else None


def stats(
    verdicts: Iterable[Verdict],
    *,
    by: Literal["rule", "event"] = "rule",
    since: float = 0.0,
    until: float | None = None,
) -> list[Tally]:
    """One tally per rule (the alert's lead rule) or per event type (`keyword` for keyword alerts), counting
    alerts whose readers' verdicts fall in [since, until); most judged first."""
    window = [v for v in verdicts if v.at >= since and (until is None or v.at < until)]
    counts: dict[str, Counter[str]] = {}
    for j in judged(window):
        v = j.latest
        key = v.rule if by == "rule" else (v.event or "keyword")
        counts.setdefault(key, Counter())[j.outcome] += 1
    tallies = [Tally(k, c["useful"], c["not_relevant"], c["disputed"], c["muted"]) for k, c in counts.items()]
    return sorted(tallies, key=lambda t: (-t.judged, -t.muted, t.key))


def format_stats(tallies: Sequence[Tally], by: str = "rule") -> str:
    """A plain table for `wirewatch feedback stats`."""
    width = max([len(by), *(len(t.key) for t in tallies)])
    lines = [f"{by:<{width}}  useful  not relevant  disputed  muted  precision"]
    for t in tallies:
        p = "-" if t.precision is None else f"{t.precision:.0%}"
        lines.append(f"{t.key:<{width}}  {t.useful:>6}  {t.not_relevant:>12}  {t.disputed:>8}  {t.muted:>5}  {p:>9}")
    return "\n".join(lines) + "\n"
