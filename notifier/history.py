"""Context from our own alert history, one line where it helps a reader. Pure: history comes in as a list.

    "largest upfront in our records (since 2025-10)"     a deal bigger than every deal we have alerted
    "largest upfront since 2026-03"                       bigger than everything after an older, bigger one
    "3rd target raise on 1276.hk this month"              the same action on the same stock, this month
    "highest since 2024-03 in our records"                a print above every later print of its series

Only first reports count (thread replies are the same event again), and only alerts recorded before this one.
"""

from __future__ import annotations

from collections.abc import Sequence

from domain.alert import Alert
from domain.formats import as_number, money, month, ordinal
from domain.names import norm_code, norm_name
from notifier.money import to_usd

MIN_HISTORY = 3  # fewer earlier events than this and "largest" says nothing
MIN_GAP_DAYS = 30  # "largest since" only when that reaches back at least this far

_ACTION_NOUN = {
    "raise_target": "target raise",
    "cut_target": "target cut",
    "upgrade": "upgrade",
    "downgrade": "downgrade",
    "initiate": "initiation",
    "reiterate": "reiteration",
}


def _firsts(alert: Alert, history: Sequence[Alert]) -> list[Alert]:
    return [
        h
        for h in history
        if h.event == alert.event and h.thread_of is None and h.id != alert.id and h.created_at <= alert.created_at
    ]


def _usd(a: Alert, field: str) -> float | None:
    return to_usd(a.fields.get(field), a.fields.get("currency") or "USD")


def _largest(alert: Alert, earlier: list[Alert], field: str, label: str) -> str | None:
    mine = _usd(alert, field)
    if mine is None or mine <= 0:
        return None
    sized = [(h, v) for h in earlier if (v := _usd(h, field)) is not None]
    if len(sized) < MIN_HISTORY:
        return None
    bigger = [h for h, v in sized if v >= mine]
    if not bigger:
        since = min(h.created_at for h, _ in sized)
        return f"largest {label} in our records (since {month(since)})"
    last_bigger = max(bigger, key=lambda h: h.created_at)
    if alert.created_at - last_bigger.created_at < MIN_GAP_DAYS * 86400:
        return None
    who = last_bigger.fields.get("licensee") or last_bigger.fields.get("licensor") or ""
    was = money(last_bigger.fields.get(field), last_bigger.fields.get("currency"))
    return f"largest {label} since {month(last_bigger.created_at)}" + (f" ({who}, {was})" if who else f" ({was})")


def deal_lines(alert: Alert, history: Sequence[Alert]) -> tuple[str, ...]:
    """One line at most: the upfront says more than the headline total, so it goes first."""
    earlier = _firsts(alert, history)
    for field, label in (("upfront", "upfront"), ("total", "deal value")):
        if line := _largest(alert, earlier, field, label):
            return (line,)
    return ()


def rating_lines(alert: Alert, history: Sequence[Alert]) -> tuple[str, ...]:
    """The same action on the same stock again this month: "3rd target raise on 1276.hk this month"."""

    earlier = _firsts(alert, history)
    f = alert.fields
    action = norm_name(f.get("action"))
    noun = _ACTION_NOUN.get(str(f.get("action") or ""))
    ticker = norm_code(f.get("ticker"))
    company = norm_name(f.get("company"))
    if not noun or not (ticker or company):
        return ()
    this_month = month(alert.created_at)

    def same(h: Alert) -> bool:
        hf = h.fields
        if norm_name(hf.get("action")) != action or month(h.created_at) != this_month:
            return False
        return (ticker and norm_code(hf.get("ticker")) == ticker) or (
            not ticker and norm_name(hf.get("company")) == company
        )

    count = 1 + sum(1 for h in earlier if same(h))
    if count < 2:
        return ()
    name = str(f.get("ticker") or f.get("company"))
    return (f"{ordinal(count)} {noun} on {name} this month",)


def print_lines(alert: Alert, history: Sequence[Alert]) -> tuple[str, ...]:
    """A print above (below) every later print of its indicator: "highest since 2024-03 in our records"."""

    earlier = _firsts(alert, history)
    value = as_number(alert.fields.get("value"))
    series = norm_name(alert.fields.get("indicator"))
    if value is None or not series:
        return ()
    prints = [
        (h, v)
        for h in earlier
        if norm_name(h.fields.get("indicator")) == series and (v := as_number(h.fields.get("value"))) is not None
    ]
    if len(prints) < MIN_HISTORY:
        return ()
    since = month(min(h.created_at for h, _ in prints))
    for word, sign in (("highest", 1.0), ("lowest", -1.0)):
        blocking = [h for h, v in prints if sign * v >= sign * value]
        if not blocking:
            return (f"{word} in our records (since {since})",)
        last = max(blocking, key=lambda h: h.created_at)
        if (
            alert.created_at - last.created_at >= MIN_GAP_DAYS * 86400
            and len([1 for h, _ in prints if h.created_at > last.created_at]) >= MIN_HISTORY - 1
        ):
            return (f"{word} since {month(last.created_at)} in our records",)
    return ()
