"""The reading engine of `mortgage_print`: given where an indicator is named (mentions), find its released value,
the previous value, and the period — the same way for every family of prints.

A mention's value is the first number of the indicator's kind after it in its sentence (or just before it:
"65,139 loan approvals"), skipping numbers the words around them mark as something else: a change where a
level is wanted ("fell 0.09% to 6.63%"), a year-ago comparison, a forecast or poll, an average, a conversion in
another currency, a revision. The prior is a number of the same kind that the text ties to the previous
observation ("from 6.09%", "前值412.5", "由2月份的16,398宗", "after a £1.163 billion gain in August"), in the
mention's sentence or in the next sentences about the same indicator.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, Generic, TypeVar, overload

from rules.extract.mp_period import MONTHS, Mark, default_period, digit_start, marks, published_date, resolve
from rules.extract.mp_text import (
    FORECAST,
    FORECAST_AFTER,
    POST_ANY,
    POST_HEAD,
    PRE_ANY,
    PREVIOUS_REF,
    UNADJUSTED,
    UNCHANGED,
    YEAR_AGO_LEAD,
    Num,
    classify_tail,
    prepare,
    scan_numbers,
    sentence_ends,
    zre,
)


@dataclass(frozen=True, slots=True)
class Ind:
    """One indicator of the closed vocabulary and how its prints are written."""

    id: str
    kind: str  # rate (a level in percent) | change (weekly % change) | amount | count
    freq: str  # week | month | quarter | flow (monthly flow: also year-to-date spans and years)
    default: str  # default_period() rule when the text states no period
    currency: str | None = None  # amounts: the series' currency
    balance: bool = False  # a stock (余额, outstanding): never signed by "fell", never a span
    hold_prior: bool = False  # a fixing: "kept unchanged at X" states the prior too (LPR)
    headline: bool = False  # the figure its release is known by (first when the title names none)
    volume: bool = False  # a month's business (new loans approved), not a net flow: "rose by X to Y" → Y


@dataclass(slots=True)
class Mention:
    ind: Ind
    start: int
    end: int
    limit: int = 0  # the value must start before this (next indicator's mention, a stop word, sentence end)
    outstanding: bool = False  # "outstanding consumer credit increased by X to Y": the flow is X


@dataclass(slots=True)
class Event:
    ind: Ind
    value: float
    unit: str
    pos: int  # where the value was found (ordering: the headline first)
    mention: int  # where the indicator was named
    period: str | None = None
    prior: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    scale: float = 1.0  # amounts are reported in the unit the source states (1.28万亿元 → 1.28, unit 万亿元)

    def fields(self) -> dict[str, Any]:
        from rules.extract.common import round_value

        value = self.value / self.scale
        out: dict[str, Any] = {"indicator": self.ind.id, "value": round_value(value), "unit": self.unit}
        if self.period:
            out["period"] = self.period
        if self.prior is not None:
            out["prior"] = round_value(self.prior / self.scale)
        out.update(self.extra)
        return out


_RELEASE_COMPARE: Final = zre(
    r"unexpected\w*|than[- ](?:expected|forecast|estimated|anticipated)|(?:beat|beats|beating|exceed\w*|top\w*|above"
    r"|below|short of|in line with|ahead of|defied|defying|surpass\w*)\s(?:\S+\s){0,2}(?:expectations|forecasts|estimates"
    r"|consensus)|expectations in \w+|超预期|不及预期|好于预期|高于预期|低于预期|符合预期|超出预期|预期之外|意外|逊于预期"
)
_GAP_BACK: Final = zre(
    r"^\s?(?:\([^()]{0,60}\)\s?|（[^（）]{0,60}）\s?)?(?:(?:in|of|worth of|for|on)\s)?(?:(?:new|net|total|loan|home|the)\s){0,3}$"
)
_TO_NEXT: Final = zre(
    r"^\s?(?:,\s?)?(?:to|至|增至|降至|升至|达到|(?:下|上)?(?:降|升)到了?|to a (?:total|level) of)\s?$"
)
_UNITS: Final = {"rate": "percent", "change": "pct_change", "count": "count"}


_T = TypeVar("_T")


class _lazy(Generic[_T]):
    """`functools.cached_property` without its lock (Python 3.11 takes one on every first access): a `Ctx` lives
    for one item in one thread."""

    def __init__(self, fn: Callable[[Any], _T]) -> None:
        self.fn = fn
        self.name = fn.__name__

    @overload
    def __get__(self, obj: None, owner: type) -> _lazy[_T]: ...

    @overload
    def __get__(self, obj: object, owner: type) -> _T: ...

    def __get__(self, obj: object | None, owner: type) -> _lazy[_T] | _T:
        if obj is None:
            return self
        value = self.fn(obj)
        obj.__dict__[self.name] = value
        return value


class Ctx:
    """One candidate item as the families read it. Everything is computed on first use and once per item."""

    def __init__(self, title: str, text: str, published: str | None) -> None:
        self.t = prepare(text)
        self.original = text[: len(self.t)]
        self.title_end = min(len(title), len(self.t))
        self.published = published
        self._feats: dict[int, Feat] = {}
        self.prior_marks: dict[int, bool] = {}
        self.mark_sets: dict[tuple[str, bool], list[Mark]] = {}
        self._forecast_cues: dict[int, list[int]] = {}

    @_lazy
    def pub(self) -> date | None:
        return published_date(self.published)

    @_lazy
    def nums(self) -> list[Num]:
        return scan_numbers(self.t)

    @_lazy
    def num_starts(self) -> list[int]:
        return [n.start for n in self.nums]

    @_lazy
    def ends(self) -> list[int]:
        ends = sentence_ends(self.t)
        if 0 < self.title_end < len(self.t) and self.title_end not in ends:  # the title is its own sentence
            ends = sorted({*ends, self.title_end})
        kept: list[int] = []
        prev = 0
        for e in ends:  # no empty sentences ("。\n")
            if len(self.t[prev:e].strip()) > 1 or e == ends[-1]:
                kept.append(e)
                prev = e
        return kept

    period_starts: list[int] | None = None  # set by the caller from its lexicon hits (EN_STARTS, ZH_STARTS)
    cue_hits: dict[str, list[int]] | None = None  # ya / avg / strong / cmp cue words (CUE_WORDS), set likewise

    @_lazy
    def marks(self) -> list[Mark]:
        starts = list(self.period_starts or ())
        starts.extend(n.digits[0] for n in self.nums if digit_start(self.t, *n.digits))
        return marks(self.t, self.original, starts)

    def sentence(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding `pos` (as `sentence_span`, inlined: it is called very often)."""
        ends = self.ends
        i = bisect_right(ends, pos)
        return (ends[i - 1] if i else 0, ends[i] if i < len(ends) else ends[-1])

    # -- the words around a number -------------------------------------------------------------------------

    def pre(self, i: int, reach: int = 48) -> str:
        """Text before number i: from the previous value-like number (dates and tenors do not count), the
        sentence start or `reach` characters back, whichever is nearest."""
        n = self.nums[i]
        s0, _ = self.sentence(n.start)
        left = max(s0, n.start - reach)
        for j in range(i - 1, -1, -1):
            p = self.nums[j]
            if p.end <= left:
                break
            if p.kind not in ("date", "tenor"):
                left = p.end
                break
        return self.t[left : n.start]

    def post(self, i: int, reach: int = 40) -> str:
        n = self.nums[i]
        _, s1 = self.sentence(n.start)
        hi = min(s1, n.end + reach, self.nums[i + 1].start if i + 1 < len(self.nums) else len(self.t))
        return self.t[n.end : hi]

    def post_clause(self, i: int, reach: int = 40) -> str:
        """Text after number i up to the next comma: what qualifies this number rather than the next."""
        return _CLAUSE_CUT.split(self.post(i, reach), maxsplit=1)[0]

    def forecast_cues(self, s0: int, s1: int) -> list[int]:
        """Where forecast words stand in the sentence at s0 (not inside "beat expectations" and the like)."""
        cues = self._forecast_cues.get(s0)
        if cues is None:
            cues = [m.start() for m in FORECAST.finditer(self.t, s0, s1)]
            if cues:
                masked = [(m.start(), m.end()) for m in _RELEASE_COMPARE.finditer(self.t, s0, s1)]
                cues = [c for c in cues if not any(a <= c < b for a, b in masked)]
            self._forecast_cues[s0] = cues
        return cues

    @_lazy
    def _unadjusted(self) -> list[int]:
        return [m.start() for m in UNADJUSTED.finditer(self.t)]

    def feat(self, i: int) -> Feat:
        """What the words around number i say about it, read once."""
        f = self._feats.get(i)
        if f is not None:
            return f
        n = self.nums[i]
        s0, s1 = self.sentence(n.start)
        pre = self.pre(i)
        post = self.post(i)
        head = POST_HEAD.match(post)
        if head is not None and head.lastgroup == "fcafter" and not _FORECAST_AFTER_AT.match(self.t, n.end):
            head = None  # "set at 3.1% expected 3.1%": the expectation is the next number
        clause = _CLAUSE_CUT.split(post, maxsplit=1)[0]
        if self.cue_hits is not None:
            lo_pre, hi_post = n.start - len(pre), n.end + len(clause)
            # prior words are this number's only within its own clause: in "After falling 4.2% the previous week,
            # applications rose 1.8%", "previous" belongs to the 4.2%
            cut = max(pre.rfind(","), pre.rfind("，"), pre.rfind(";"), pre.rfind("；"))
            lo_clause = lo_pre + cut + 1 if cut >= 0 else lo_pre
            groups: set[str | None] = set()
            after: set[str | None] = set()
            for kind, starts in self.cue_hits.items():  # each list is in text order
                if not starts:
                    continue
                k = bisect_left(starts, lo_clause if kind in ("strong", "cmp") else lo_pre)
                if k < len(starts) and starts[k] < n.start:
                    groups.add(kind)
                if kind in ("ya", "avg"):
                    k = bisect_left(starts, n.end, k)
                    if k < len(starts) and starts[k] < hi_post:
                        after.add(kind)
        else:
            groups = {m.lastgroup for m in PRE_ANY.finditer(pre)}
            after = {m.lastgroup for m in POST_ANY.finditer(clause)}
        lo = max(s0, n.start - 160)
        f = Feat(
            tail=classify_tail(pre),
            head=head.lastgroup if head else None,
            pre_kinds=groups,
            post_kinds=after,
            forecast=any(lo <= c < n.start for c in self.forecast_cues(s0, s1))
            or (head is not None and head.lastgroup == "fcafter")
            or (pre.rstrip().endswith(("(", ":")) and _EXPECTATION_OPEN.search(pre[-24:]) is not None)
            or _FORECAST_LATER.search(clause) is not None,  # "a rise of £1 billion in … lending is forecast"
            lead_year_ago=YEAR_AGO_LEAD.match(self.t, s0, n.start) is not None,
            unadjusted=any(s0 <= c < n.start for c in self._unadjusted),
        )
        self._feats[i] = f
        return f

    def forecast_before(self, i: int) -> bool:
        """A forecast, poll or expectation governs the number: in its clause before it, or right after it."""
        return self.feat(i).forecast

    def year_ago(self, i: int) -> bool:
        f = self.feat(i)
        if f.tail == "to":  # "rose 20.9% from a year earlier to 32.2 trillion": the year-ago words are the change's
            return "ya" in f.post_kinds
        return "ya" in f.pre_kinds or "ya" in f.post_kinds or f.lead_year_ago

    def average(self, i: int) -> bool:
        f = self.feat(i)
        return "avg" in f.pre_kinds or "avg" in f.post_kinds

    def prior_marked(self, i: int) -> bool:
        f = self.feat(i)
        if "strong" in f.pre_kinds or f.head == "pafter":
            return True
        return "cmp" in f.pre_kinds and (
            f.tail not in ("down", "up", "cdown", "cup") or _FROM_A_CHANGE.search(self.pre(i)[-40:]) is not None
        )  # (not "fell 2% from …": a change; but "from a contraction of 200.7 billion": the previous month's flow

    def changed(self, i: int) -> bool:
        f = self.feat(i)
        if f.tail in ("down", "up", "cdown", "cup"):
            return True
        # "up from 3.93% from the previous week": a base after "from" is a level, whatever follows it
        # ("kept at 4.05% from the previous month": after "at" / "to" it is a level, whatever follows)
        return (
            f.head == "chafter"
            and f.tail != "to"
            and not _BASE_BEFORE.search(self.t, max(0, self.nums[i].start - 16), self.nums[i].start)
        )

    def negative(self, i: int) -> bool:
        f = self.feat(i)
        return (
            self.nums[i].sign < 0
            or f.tail in ("down", "cdown")
            or f.head == "downafter"
            or (f.head == "chafter" and _FALL_AFTER.match(self.post(i, 12)) is not None)  # "after a £21m fall"
        )


_FROM_A_CHANGE: Final = zre(
    r"\bfrom an? (?:[a-z]+ )?(?:contraction|decline|drop|fall|decrease|net repayment|increase|rise|gain|expansion) of\s?$"
)
_FALL_AFTER: Final = re.compile(r"\s?(?:fall|drop|decrease|decline)\b")


@dataclass(slots=True)
class Feat:
    tail: str | None  # down | up (a change verb) | to (a level follows) | diff (同比多增) | rev (revised from)
    # | cdown | cup (a change on the previous month: 月增) | thr (a threshold: "above 3%")
    head: str | None  # pafter ("the previous week") | chafter ("higher than") | fcafter ("expected") | downafter
    pre_kinds: set[str | None]  # ya (year-ago) | avg | strong (prior named) | cmp (a comparison)
    post_kinds: set[str | None]  # ya | avg
    forecast: bool
    lead_year_ago: bool
    unadjusted: bool


# "above expectations (1,800B)": the figure in the brackets after the expectation words is the expectation
_FORECAST_LATER: Final = re.compile(r"\b(?:is|are) (?:forecast|expected|predicted|projected|seen)\b(?! to have been)")
_EXPECTATION_OPEN: Final = re.compile(r"(?:expectations?|consensus|forecasts?|estimates?|expected|f'cast)\s?[(:]\s?$")
# (a space between Chinese words separates a headline's clauses: "2月社融增量2.23万亿元 同比少增3.5万亿元")
_CLAUSE_CUT: Final = re.compile(
    r"[,，;；]| but | while | whereas | and |(?:(?<=[\u4e00-\u9fff])|^)\s+(?=[\u4e00-\u9fff])"
)
_BASE_BEFORE: Final = re.compile(r"(?<![a-z])(?:from|versus|vs\.?|compared (?:with|to)|than)\s?(?:hk\$|us\$|£|\$)?$")


def _kind_ok(ind: Ind, n: Num) -> bool:
    if n.approx:
        return False
    if ind.kind in ("rate", "change"):
        return n.kind == "pct"
    if ind.kind == "amount":  # Hong Kong and Taiwan outlets write their own dollar as a bare "$"
        return n.kind == "amount" and (
            n.currency in ("", None) or n.currency == ind.currency or (n.bare_dollar and ind.currency in ("HKD", "TWD"))
        )
    if ind.kind == "count":
        return n.kind == "count" or (n.kind == "plain" and not n.scaled and n.value >= 1000 and n.value == int(n.value))
    return False


def _excluded(ctx: Ctx, i: int, ind: Ind) -> bool:
    """Numbers that are not this print whatever the indicator: forecasts, averages, year-ago comparisons (for
    weekly and monthly series), differences (同比多增), revisions, unadjusted figures of an adjusted series."""
    f = ctx.feat(i)
    if f.forecast or ctx.average(i) or ctx.year_ago(i) or f.tail in ("diff", "rev", "thr"):
        return True
    if f.tail in ("cup", "cdown") and ind.kind in ("amount", "count"):
        return True  # "月增36億元": the change on the month, not the amount
    return ind.kind == "change" and f.unadjusted


def _unchanged_from(ctx: Ctx, i: int) -> bool:
    """ "remained unchanged from the previous reading of 4.65 percent": the value is also the prior."""
    return bool(UNCHANGED.search(ctx.pre(i, 80)))


def pick_value(ctx: Ctx, m: Mention) -> tuple[int, float] | None:
    """(index of the number, signed value) for a mention, or None."""
    got = _pick_value(ctx, m)
    if got is None and m.ind.kind == "count":
        return _yoy_count_change(ctx, m)
    return got


_YOY_AFTER: Final = zre(
    r"\s?(?:lower|higher|down|up|fewer|more) than (?:in )?(?:the same month (?:a|last) year|a year (?:ago|earlier)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4})"
)


_DECREASE_IN: Final = zre(r"(?:decrease|decline|drop|fall|dip|slide|fell|dropped|declined)s? in (?:its |the )?$")


def _yoy_count_change(ctx: Ctx, m: Mention) -> tuple[int, float] | None:
    """ "approvals … were 10.6 per cent lower than November 2017": when no count is given, the year-on-year
    change is the print (unit `pct_change_yoy`)."""
    _, s1 = ctx.sentence(m.start)
    for i in range(bisect_left(ctx.num_starts, m.end), len(ctx.nums)):
        n = ctx.nums[i]
        if n.start >= min(m.limit or s1, s1):
            break
        if n.kind == "pct" and _YOY_AFTER.match(ctx.t, n.end):
            down = re.match(r"\s?(?:lower|down|fewer)", ctx.t[n.end : n.end + 8]) is not None
            return i, -n.value if down else n.value
    return None


def _pick_value(ctx: Ctx, m: Mention) -> tuple[int, float] | None:
    nums = ctx.nums
    s0, s1 = ctx.sentence(m.start)
    limit = min(m.limit or s1, s1)
    first = bisect_left(ctx.num_starts, m.end)
    for i in range(first, len(nums)):
        n = nums[i]
        if n.start >= limit:
            break
        if not _kind_ok(m.ind, n) or _excluded(ctx, i, m.ind):
            continue
        if ctx.prior_marked(i) and not _is_from_to(ctx, i) and not _unchanged_from(ctx, i):
            continue
        if m.ind.kind in ("rate", "count") and ctx.changed(i):
            continue
        if m.ind.kind == "amount":
            if ctx.feat(i).head == "chafter" and not m.ind.balance:
                continue
            if m.ind.volume and ctx.changed(i):
                continue  # "new mortgages increased by NT$19 billion … to NT$57 billion": the change

            # "fell by £1.0 billion, to £2.5 billion": a flow's level follows; "outstanding … by X to Y": X
            nxt = i + 1
            if m.ind.balance and ctx.changed(i):  # "rose by $192 billion (1.4%) to $13.86 trillion": the balance
                stop = bisect_left(ctx.num_starts, limit)  # the numbers of the mention's own stretch only
                j = next((k for k in range(i + 1, stop) if _kind_ok(m.ind, nums[k])), None)
                if (
                    j is not None
                    and nums[j].value > n.value
                    and _TO_NEXT.search(" ".join(_strip_parens(ctx.t[n.end : nums[j].start]).split()))
                ):
                    return j, nums[j].value
            if (
                not m.ind.balance
                and not m.outstanding
                and nxt < len(nums)
                and _kind_ok(m.ind, nums[nxt])
                and nums[nxt].start < limit
                and nums[nxt].value < 20 * n.value  # "rose $26.9 billion to $3.18 trillion": that is the stock
                and _TO_NEXT.search(ctx.t[n.end : nums[nxt].start])
            ):
                return nxt, nums[nxt].value * nums[nxt].sign
            negative = ctx.negative(i) and not m.ind.balance
            return i, -n.value if negative else n.value
        if m.ind.kind == "change":
            fell = ctx.negative(i) or _DECREASE_IN.search(ctx.t, max(s0, m.start - 30), m.start) is not None
            return i, -n.value if fell else n.value  # ("a decrease in its Market Composite Index … of 2.5%")
        return i, n.value * n.sign
    # the value written just before the name: "65,139 loan approvals", "651.3 billion yuan (…) in new loans"
    for i in range(first - 1, -1, -1):
        n = nums[i]
        if n.end <= s0:
            break
        if not _kind_ok(m.ind, n):
            if n.kind in ("amount", "count", "pct", "plain"):
                continue
            break
        gap = ctx.t[n.end : m.start]
        if not (_GAP_BACK.search(gap) or _GAP_BACK.search(_strip_parens(gap))):
            break
        if _excluded(ctx, i, m.ind) or ctx.prior_marked(i) or (m.ind.kind != "amount" and ctx.changed(i)):
            break
        negative = m.ind.kind == "amount" and not m.ind.balance and ctx.negative(i)
        return i, -n.value if negative else n.value
    return None


_PARENS: Final = re.compile(r"\([^()]{0,60}\)|（[^（）]{0,60}）")


def _strip_parens(s: str) -> str:
    return _PARENS.sub("", s)


_ENDS_TO: Final = zre(
    r"(?:\bto|\bat|至|降至|升至|增至|达到|达|为|(?:下|上)?(?:降|升)到了?)\s?"
    r"(?:an? (?:average|total|level|rate|seasonally adjusted rate) of\s?)?(?:hk\$|us\$|£|\$)?$"
)


def _is_from_to(ctx: Ctx, i: int) -> bool:
    """A number after "from X to", "compared with August to" is the value, not the prior."""
    return ctx.feat(i).tail == "to"


_AVERAGE_SENTENCE: Final = re.compile(
    r"\s*(?:the\s)?(?:historical|long-term|long-run|all-time|average)\s(?:average|mean)\b|\s*历史平均|\s*长期平均"
)


def _prior_ok(ctx: Ctx, i: int, ind: Ind, annual: bool) -> bool:
    f = ctx.feat(i)
    # a forecast sentence may still state the last release: "expected to rise to 3.0 trillion, up from 1.1 trillion
    # in the previous month"
    if (
        f.forecast
        and f.head != "pafter"
        and not _PRIOR_RIGHT_BEFORE.search(ctx.pre(i)[-24:])
        and not _AND_FROM.search(ctx.pre(i)[-24:])
    ):
        return False
    if f.tail in ("rev", "diff", "thr") or ctx.average(i):
        return False
    if _AVERAGE_SENTENCE.match(ctx.t, ctx.sentence(ctx.nums[i].start)[0]):
        return False  # "The historical average for the rate from 1979 through 2023 is 5.25 percent."
    if ctx.year_ago(i) and not (annual and _annual_prior(ctx, i)):
        return False
    return ctx.prior_marked(i)


def pick_prior(ctx: Ctx, m: Mention, vi: int, value: float, others: list[int], annual: bool) -> float | None:
    """The previous observation: before the value in a "from X to Y" clause, after it in its sentence, or in
    the next sentences until another indicator is named (`others`: where the other mentions start)."""
    nums = ctx.nums
    v = nums[vi]
    s0, s1 = ctx.sentence(v.start)
    # "from 7.09% to 7.23%", "由前一周的6.18%降至6.16%", "继5月份减少5亿英镑之后，上个月借款17亿英镑"
    for i in range(vi - 1, -1, -1):
        n = nums[i]
        if n.start < max(s0, m.end):
            break
        if _kind_ok(m.ind, n) and _prior_ok(ctx, i, m.ind, annual):
            return _signed_prior(ctx, i, m.ind)
    stop = _next_other(ctx, others, v.end)
    horizon = ctx.ends[min(len(ctx.ends) - 1, _sentence_index(ctx, s1) + 2)]
    for i in range(vi + 1, len(nums)):
        n = nums[i]
        if n.start >= min(stop, horizon):
            break
        if not _kind_ok(m.ind, n) or (n.value == abs(value) and m.ind.kind != "rate"):
            continue
        if m.ind.kind == "rate" and ctx.changed(i) and "strong" not in ctx.feat(i).pre_kinds:
            continue
        if _prior_ok(ctx, i, m.ind, annual):
            return _signed_prior(ctx, i, m.ind)
    led = _leading_prior(ctx, m, annual)
    if led is not None:
        return led
    # "unchanged at 2.0% from the previous quarter", "与上月持平": the previous print was the same
    if m.ind.kind == "rate":
        clause = ctx.t[max(s0, m.start) : s1]
        if UNCHANGED.search(clause) and PREVIOUS_REF.search(clause):
            return value
    return None


def _leading_prior(ctx: Ctx, m: Mention, annual: bool) -> float | None:
    """A prior in a clause leading the sentence, before the indicator is named: "After decreasing 7.3% the
    previous week, total volume fell 0.7%"; "After rising from 3.2% in January to 7.8% in May, the rate fell to
    7.6%" (the range's end is the latest reading)."""
    nums = ctx.nums
    s0, _ = ctx.sentence(m.start)
    found: int | None = None
    for i in range(bisect_left(ctx.num_starts, s0), len(nums)):
        n = nums[i]
        if n.start >= m.start:
            break
        if not _kind_ok(m.ind, n):
            continue
        f = ctx.feat(i)
        if found is None:
            if ("strong" in f.pre_kinds or f.head == "pafter") and _prior_ok(ctx, i, m.ind, annual):
                found = i
        elif f.tail == "to":
            found = i
    return _signed_prior(ctx, found, m.ind) if found is not None else None


_FORECAST_AFTER_AT: Final = re.compile(FORECAST_AFTER.pattern.removeprefix("^"))
_PRIOR_RIGHT_BEFORE: Final = zre(
    r"(?:(?<![a-z])(?:prior|previous|last)(?: (?:week|month|quarter|period|reading)(?:'s|’s)?)?|(?<![a-z])previously"
    r"|last week'?s|前值|上周|上月)\s?(?:was |of |at |:|为|是)?\s?$"
)
# "… below a Reuters poll's 71,250, and down from 71,851 in September": the release's own comparison after the poll's
_AND_FROM: Final = zre(r"(?:,\s?|\s)and\s(?:was\s)?(?:up|down)\sfrom\s?$")
_ANNUAL_PRIOR: Final = zre(
    r"(?:较|比|compared with|from|versus)\s?\d{4}\s?年?|in \d{4}\s?$|上一?年|去年|previous year|a year earlier"
)
_ANNUAL_AFTER: Final = re.compile(r"^\s?(?:in \d{4}|[(（]?\d{4}\s?年)")


def _annual_prior(ctx: Ctx, i: int) -> bool:
    return bool(_ANNUAL_PRIOR.search(ctx.pre(i, 44)) or _ANNUAL_AFTER.search(ctx.post(i, 20)))


def _sentence_index(ctx: Ctx, end: int) -> int:
    return bisect_left(ctx.ends, end)


def _signed_prior(ctx: Ctx, i: int, ind: Ind) -> float:
    n = ctx.nums[i]
    if ind.kind in ("change", "amount") and not ind.balance and ctx.negative(i):
        return -n.value
    return n.value * n.sign


# -- periods -------------------------------------------------------------------------------------------------

_WEEK_CUE_BEFORE: Final = zre(r"(?:week (?:ending|ended|of)|as of|w\.e\.|截至|截止|至)\s?$")
_WEEK_CUE_AFTER: Final = zre(r"\s?(?:止)?\s?(?:当周|的一周|那周|一周)")
_RIGHT_AFTER: Final = zre(
    r"\s?(?:\([^()]{0,40}\)\s?)?(?:of all loans outstanding\s)?(?:in|at|for|during|as of|by|of)\s(?:the\s)?(?:end[- ]of\s|end-)?(?:the\s)?"
)
_SINCE_AFTER: Final = zre(r"\s?(?:以来|来|起)")


def _eligible(mark: Mark, ind: Ind) -> bool:
    if ind.freq == "week":
        return mark.kind == "day"
    if ind.freq == "quarter":
        return mark.kind == "quarter"
    if ind.balance:
        return mark.kind in ("month", "quarter", "last") or (mark.kind == "year" and mark.year_end)
    if ind.freq == "flow":
        return mark.kind in ("month", "span", "year", "quarter", "last")
    # (a fixing's day, "10月20日1年期LPR为3.0%", is in its month; a release's day is not the data's)
    return mark.kind in ("month", "quarter", "last") or (ind.hold_prior and mark.kind == "day")


def _candidate_marks(ctx: Ctx, ind: Ind) -> list[Mark]:
    """The periods that can date a print of this kind of series (not a prior's month, not "since 2022")."""
    key = (ind.freq, ind.balance)
    cached = ctx.mark_sets.get(key)
    if cached is not None:
        return cached
    cands = [
        mk
        for mk in ctx.marks
        if _eligible(mk, ind) and not _is_prior_mark(ctx, mk) and not _SINCE_AFTER.match(ctx.t, mk.end)
    ]
    if any(mk.kind != "last" for mk in cands):
        cands = [mk for mk in cands if mk.kind != "last"]
    ctx.mark_sets[key] = cands
    return cands


def period_for(ctx: Ctx, ind: Ind, mention: int, value: Num) -> str | None:
    frequency = (
        "month" if ind.balance else {"week": "week", "quarter": "quarter", "flow": "flow"}.get(ind.freq, "month")
    )
    cands = _candidate_marks(ctx, ind)
    chosen: Mark | None = None
    if ind.freq == "week":
        weekly = [
            mk
            for mk in cands
            if _WEEK_CUE_BEFORE.search(ctx.t, max(0, mk.start - 14), mk.start) or _WEEK_CUE_AFTER.match(ctx.t, mk.end)
        ]
        if weekly:
            chosen = weekly[0]
    if chosen is None:
        hi = value.end + 48
        for mk in cands:  # in text order
            if mk.start > hi:
                break
            if mk.start >= value.end and _RIGHT_AFTER.fullmatch(ctx.t, value.end, mk.start):
                chosen = mk
                break
    if chosen is None and cands:
        # the last period before the value in its sentence, else the first after it, else the last before the
        # sentence, else the first of the text (one pass over marks in text order)
        s0, s1 = ctx.sentence(mention)
        before = after = earlier = None
        for mk in cands:
            if mk.end <= s0:
                earlier = mk
            elif s0 <= mk.start and mk.end <= value.start:
                before = mk
            elif value.end <= mk.start < s1:
                after = mk
                break
            elif mk.start >= s1:
                break
        chosen = before or after or earlier or cands[0]
    if chosen is None:
        return default_period(ind.default, ctx.pub)
    hint = None
    if chosen.y is None:
        dated = [mk for mk in ctx.marks if mk.y and not _SINCE_AFTER.match(ctx.t, mk.end)]
        hint = next((mk.y for mk in reversed(dated) if mk.end <= chosen.start), None)
        if hint is None and ctx.pub is None:  # "December" in the headline, "December 2025" in the body
            hint = next((mk.y for mk in dated if mk.start >= chosen.end), None)
    return resolve(chosen, frequency, ctx.pub, hint)


_PRIOR_MARK_BEFORE: Final = zre(
    r"(?:from|compared with|versus|than|below|above|较|比|由|低于|高于|继|after|following)\s?[^\d,，。;；]{0,24}$"
)


def _is_prior_mark(ctx: Ctx, mk: Mark) -> bool:
    """ "from 70,664 in August", "較7月份": the month of the prior, not of the value."""
    cache = ctx.prior_marks
    if mk.start in cache:
        return cache[mk.start]
    cache[mk.start] = answer = _prior_mark(ctx, mk)
    return answer


def _prior_mark(ctx: Ctx, mk: Mark) -> bool:
    if _PRIOR_MARK_BEFORE.search(ctx.t, max(0, mk.start - 40), mk.start):
        return True
    s0, _ = ctx.sentence(mk.start)
    for i in range(len(ctx.nums) - 1, -1, -1):  # the number this date qualifies ("2.25 trillion yuan in 2024")
        n = ctx.nums[i]
        if n.end > mk.start:
            continue
        if n.end < max(s0, mk.start - 16) or n.kind in ("date", "tenor"):
            return False
        return _RIGHT_AFTER.fullmatch(ctx.t, n.end, mk.start) is not None and ctx.prior_marked(i)
    return False


# -- events --------------------------------------------------------------------------------------------------


def _later_values(ctx: Ctx, mentions: list[Mention], m: Mention) -> Iterator[float]:
    """The values later mentions of the same indicator read."""
    for other in mentions:
        if other.start > m.start and other.ind is m.ind:
            got = pick_value(ctx, other)
            if got is not None:
                yield got[1]


def _exact_later(ctx: Ctx, mentions: list[Mention], m: Mention, value: float) -> bool:
    """A later mention of the same indicator reads a non-round value within half a point of this round one."""
    return any(v != int(v) and abs(v - value) < 0.5 for v in _later_values(ctx, mentions, m))


def _significant(value: float) -> int:
    return len(f"{abs(value):.10g}".replace(".", "").strip("0"))


def _finer_later(ctx: Ctx, mentions: list[Mention], m: Mention, value: float) -> bool:
    """A later mention of the same indicator reads the headline's rounded figure to more digits (within 1.5%)."""
    return any(
        v != value and abs(v - value) <= 0.015 * abs(value) and _significant(v) > _significant(value)
        for v in _later_values(ctx, mentions, m)
    )


def read(ctx: Ctx, mentions: list[Mention]) -> list[Event]:
    """Events for the mentions of every family: per indicator one print (a flow may have a year-to-date and a
    single-period print), the first mention with a value giving it, any later mention giving the prior."""
    events: list[Event] = []
    seen: dict[tuple[str, str], Event] = {}
    taken: set[int] = set()
    done: set[str] = set()  # indicators with one print only, already read
    for m in mentions:
        if m.ind.id in done:
            continue
        got = pick_value(ctx, m)
        level_prior: float | None = None
        if got is None and m.ind.kind == "change":
            level = _index_level(ctx, m)  # "the Market Composite Index rose from 694.8 to 737.5"
            if level is not None:
                got, level_prior = (level[0], level[1]), level[2]
        if got is None:
            continue
        vi, value = got
        if vi in taken:
            continue
        if (
            m.ind.kind == "rate"
            and value == int(value)
            and m.start < ctx.title_end
            and _exact_later(ctx, mentions, m, value)
        ):
            continue  # "Mortgage rates hit 7% for first time" over "… averaged 7.08% this week": the lead's exact print
        if m.ind.kind != "rate" and m.start < ctx.title_end and _finer_later(ctx, mentions, m, value):
            continue  # "按揭批核宗数升至6.5万宗" over "…升至65,200宗": the lead's exact count
        n = ctx.nums[vi]
        period = period_for(ctx, m.ind, m.start, n)
        shape = "span" if (period and "/" in period) else "single"
        if (m.ind.id, shape) in seen or (m.ind.freq != "flow" and any(k[0] == m.ind.id for k in seen)):
            continue
        taken.add(vi)
        unit = _UNITS.get(m.ind.kind) or (m.ind.currency or "")
        if m.ind.kind == "count" and n.kind == "pct":
            unit = "pct_change_yoy"
        others = _others(mentions, m.ind.id)
        if m.ind.kind == "change" and n.kind == "plain":
            unit, prior = "index", level_prior
        else:
            prior = pick_prior(ctx, m, vi, value, others, _annual(period))
        if prior is not None and prior == value and m.ind.kind != "rate":
            prior = None
        if prior is not None and m.ind.balance and not 0.5 * abs(value) <= abs(prior) <= 2 * abs(value):
            prior = None  # "比2019年底高8120亿美元" beside a 14.96万亿 balance: a change, not the previous balance
        if prior is None and m.ind.hold_prior and _held(ctx, n):
            prior = value  # "LPR kept unchanged at 3%", "按兵不动": the previous fixing was the same
        elif prior is None and m.ind.kind == "rate" and UNCHANGED.search(ctx.pre(vi, 60)):
            prior = value  # "the rate for home mortgages held steady at 1.35%": so was the previous reading
        if m.start < ctx.title_end and not _title_has_period(ctx, m.ind):
            period = _period_from_repeat(ctx, mentions, m, value) or period
        scale = 1.0
        extra: dict[str, Any] = {}
        if n.kind == "amount" and m.ind.kind not in _UNITS:
            extra["currency"] = m.ind.currency or n.currency or None
            if n.stated_unit:
                unit, scale = n.stated_unit, n.scale
                if n.bare_dollar and m.ind.currency in ("HKD", "TWD"):
                    unit = unit.replace("USD", m.ind.currency)
                elif unit in ("trillion", "billion", "million") and m.ind.currency:
                    unit = f"{unit} {m.ind.currency}"  # "1,360B" in a PBOC release: billions of the series' yuan
        ev = Event(
            m.ind,
            value,
            unit,
            n.start,
            m.start,
            period,
            prior,
            extra={k: v for k, v in extra.items() if v},
            scale=scale,
        )
        seen[(m.ind.id, shape)] = ev
        if m.ind.freq != "flow":
            done.add(m.ind.id)
        events.append(ev)
    # a later mention of the same print may state the prior ("The amount of new loans was down from 1.25 trillion")
    for ev in events:
        if ev.prior is not None:
            continue
        for m in mentions:
            if m.ind.id != ev.ind.id or m.start <= ev.mention:
                continue
            prior = _prior_in_mention(ctx, m, _others(mentions, m.ind.id), ev)
            if prior is None and ev.ind.kind == "rate":
                # "…5年期以上LPR为3.95%，均与上月持平": the body repeats the headline rate, unchanged on the month
                _, s1 = ctx.sentence(m.start)
                if UNCHANGED.search(ctx.t, m.end, s1) and PREVIOUS_REF.search(ctx.t, m.end, s1):
                    prior = ev.value
            if prior is not None:
                ev.prior = prior
                break
        if ev.prior is None and ev.ind.kind == "rate":
            ev.prior = _prior_after_restated(ctx, ev, _others(mentions, ev.ind.id))
        if ev.prior is None and ev.ind.kind in ("rate", "count", "amount"):
            ev.prior = _prior_from_change(ctx, ev, mentions)
        if ev.prior is None:
            ev.prior = _prior_by_month(ctx, ev, mentions)
    return events


def _prior_from_change(ctx: Ctx, ev: Event, mentions: list[Mention]) -> float | None:
    """The previous reading from the change the release states beside the print: "下调15个基点,5年期以上LPR降至4.45%"
    (4.60), "was up 47 basis points from the second quarter" (of a 5.59% rate: 5.12), "下降了800至64300" (65,100).
    Only a change in the print's own sentence, or in a later sentence naming the same indicator, before any other
    indicator is named; never a change on the year."""
    others = _others(mentions, ev.ind.id)
    stop = _next_other(ctx, others, ev.mention)
    spans = [ctx.sentence(ev.pos)] + [
        ctx.sentence(m.start) for m in mentions if m.ind is ev.ind and ev.pos < m.start < stop
    ]
    nums = ctx.nums
    v = nums[bisect_left(ctx.num_starts, ev.pos)]  # the print's own number
    for s0, s1 in spans:
        for i in range(bisect_left(ctx.num_starts, s0), len(nums)):
            n = nums[i]
            if n.start >= min(s1, stop):
                break
            f = ctx.feat(i)
            tail = f.tail
            if tail is None and n.kind == "bp" and ev.ind.kind == "rate":
                moved = _MOVED_BY.search(ctx.t, max(s0, n.start - 90), n.start)  # "cut the 5-year LPR by 10 bp"
                tail = None if moved is None else "down" if moved.group(1) else "up"
            if tail not in ("up", "down", "cup", "cdown") or ctx.year_ago(i) or f.forecast or n.start == ev.pos:
                continue
            if _ROUGHLY.search(ctx.pre(i)[-8:]):
                return None  # "月减近68亿元": a rounded change gives no exact prior
            if any(min(n.start, ev.pos) < o < max(n.start, ev.pos) for o in others):
                continue  # another indicator's change
            sign = 1.0 if tail in ("up", "cup") else -1.0
            if (
                ev.ind.kind == "amount"
                and (ev.ind.volume or ev.ind.balance)  # (a flow's "增加2500亿元" is a part of it, not a change)
                and (tail in ("cup", "cdown") or _MONTH_COMPARE.search(ctx.pre(i)[-16:]))
                and n.kind == "amount"
                and n.currency in (None, v.currency)
                and n.value < v.value
            ):
                return ev.value - sign * n.value * (ev.value / v.value)  # "新承做房贷567.66亿元，月减近68亿元"
            if ev.ind.kind == "rate" and n.kind in ("bp", "pp"):
                delta = n.value / 100 if n.kind == "bp" else n.value
                return round(ev.value - sign * delta, 4)
            if (
                ev.ind.kind == "count"
                and n.kind in ("count", "plain")
                and i + 1 < len(nums)
                and nums[i + 1].start == ev.pos
                and _TO_NEXT.match(ctx.t[n.end : ev.pos])
            ):
                return ev.value - sign * n.value  # "fell by 800 to 64,300"
    return None


# Verbs that move a fixing, shared by the two cues below.
_CUT_VERBS: Final = "cut|cuts|lowered|lowers|reduced|reduces|trimmed|trims|slashed|slashes"
_RAISE_VERBS: Final = "raised|raises|hiked|hikes|lifted|lifts"
# A fixing moved by a verb well before its size: "cut the five-year loan prime rate by 10 basis points"
_MOVED_BY: Final = re.compile(
    rf"\b(?:({_CUT_VERBS})|(?:{_RAISE_VERBS}|increased|increases))\b[^;.]{{0,70}}\bby\s?$", re.IGNORECASE
)
_MONTH_COMPARE: Final = zre(
    r"(?:较|比)(?:上|前)?\s?(?:\d{1,2}\s?)?月(?:份)?(?:增加|减少|多|少)?\s?$|from (?:the )?previous month"
)
_ROUGHLY: Final = zre(r"(?:近|约|逾|超|nearly|about|almost|roughly|some|around|over|more than)\s?$")
_FROM_GAP: Final = re.compile(r"\s?(?:,\s?)?(?:down |up )?from\s?")


def _prior_after_restated(ctx: Ctx, ev: Event, others: list[int]) -> float | None:
    """A later sentence restates the rate without naming the indicator and compares it: headline "… Eases to 6.35%",
    then "The rate fell to 6.35% from 6.46% last week" (before any other indicator is named)."""
    stop = _next_other(ctx, others, ev.mention)
    nums = ctx.nums
    for i in range(bisect_left(ctx.num_starts, ev.pos + 1), len(nums) - 1):
        n = nums[i]
        if n.start >= stop:
            break
        if n.value != ev.value or n.kind != "pct":
            continue
        j = i + 1
        _, s1 = ctx.sentence(n.start)
        gap = ctx.t[n.end : nums[j].start]
        if (
            nums[j].start < min(s1, stop)
            and _kind_ok(ev.ind, nums[j])
            and _FROM_GAP.fullmatch(gap)
            and _prior_ok(ctx, j, ev.ind, _annual(ev.period))
        ):
            return _signed_prior(ctx, j, ev.ind)
    return None


_FROM_BETWEEN: Final = re.compile(r"^\s?to\s?$")
_FROM_BEFORE: Final = re.compile(r"(?<![a-z])from\s?$")


def _index_level(ctx: Ctx, m: Mention) -> tuple[int, float, float] | None:
    """A weekly index written as levels, with no percentage change: "rose from 694.8 to 737.5" → (index of the
    new level, the level, the previous level)."""
    nums = ctx.nums
    _, s1 = ctx.sentence(m.start)
    limit = min(m.limit or s1, s1)
    for i in range(1, len(nums)):
        n, p = nums[i], nums[i - 1]
        if p.start < m.end:
            continue
        if n.start >= limit:
            break
        if n.kind != "plain" or p.kind != "plain" or n.scaled or p.scaled:
            continue
        if _FROM_BETWEEN.match(ctx.t[p.end : n.start]) and _FROM_BEFORE.search(ctx.t, max(0, p.start - 6), p.start):
            return i, n.value, p.value
    return None


def _held(ctx: Ctx, n: Num) -> bool:
    """A fixing held where it was: "kept unchanged", "maintained", "was retained at" (the sentence or the title)."""
    s0, s1 = ctx.sentence(n.start)
    moved = [m.start() for m in _MOVED.finditer(ctx.t, s0, n.start)]
    if moved and max(moved) > max((m.start() for m in UNCHANGED.finditer(ctx.t, s0, n.start)), default=-1):
        return False  # "cut the 5-year LPR … to 3.85%, while leaving the one-year rate unchanged": this one moved
    spans = [(s0, s1), (0, ctx.title_end)]
    n1 = s1
    for _ in range(2):  # "…5年期以上LPR为3.5%。LPR已连续八个月保持不变。": a following sentence says it held
        if n1 + 1 >= len(ctx.t):
            break
        n0, n1 = ctx.sentence(n1 + 1)
        if _FIXING_NAMED.search(ctx.t, n0, n1):
            spans.append((n0, n1))
    return any(rx.search(ctx.t, a, b) for rx in (UNCHANGED, _HELD_FIXING) for a, b in spans)


_MOVED: Final = zre(rf"\b(?:{_CUT_VERBS}|{_RAISE_VERBS})\b|下调|上调|调降|调升|降至|升至")
_FIXING_NAMED: Final = zre(r"(?<![a-z])lpr(?![a-z])|loan prime rate|贷款市场报价利率|報價利率|报价利率")


_HELD_FIXING: Final = zre(r"\bmaintain(?:s|ed)?\b|\bretain(?:s|ed)?\b|\bheld at\b|\bholds at\b|\bon hold\b")


def _title_has_period(ctx: Ctx, ind: Ind) -> bool:
    return any(mk.end <= ctx.title_end and _eligible(mk, ind) for mk in ctx.marks)


def _period_from_repeat(ctx: Ctx, mentions: list[Mention], first: Mention, value: float) -> str | None:
    """A headline value ("rebound to NT$63.5 billion") dated by the body's sentence repeating it."""
    for m in mentions:
        if m.ind is not first.ind or m.start < ctx.title_end:
            continue
        got = pick_value(ctx, m)
        if got is not None and abs(got[1] - value) <= 0.011 * abs(value):
            return period_for(ctx, m.ind, m.start, ctx.nums[got[0]])
    return None


def _next_other(ctx: Ctx, others: list[int], after: int) -> int:
    """Where the next other indicator is named after `after` (the end of the text when none is)."""
    return min([o for o in others if o > after] + [len(ctx.t)])


def _others(mentions: list[Mention], ind_id: str) -> list[int]:
    return [m.start for m in mentions if m.ind.id != ind_id]


def _annual(period: str | None) -> bool:
    return period is not None and len(period) == 4


# "…，8月为5900亿元": the month before the print's own, named bare (not 去年8月, 2025年8月, 1-8月, 8月末)
_MONTHLY_PERIOD: Final = re.compile(r"\d{4}-\d{2}")
_MONTH_NAMED: Final = re.compile(
    r"(?<![\d年\-—–~至到])(\d{1,2})\s?月份?\s?(?:[为為是]|(?:[增新]加|新增|多增|少增|[减減]少)了?)\s?$"
)


_EN_MONTHS: Final = {name: n for name, n in MONTHS.items() if len(name) > 3 or name == "may"}
# "August's level of £1.617bn", "September’s 64,300": the month before's own figure, named in the possessive
_MONTHS_LEVEL: Final = re.compile(
    r"\b("
    + "|".join(_EN_MONTHS)
    + r")['’]s\s(?:(?:revised\s)?(?:level|figure|reading|total|tally|number|count)\s(?:of\s)?)?"
    r"(?:£|\$|€|us\$|hk\$)?$",
    re.IGNORECASE,
)


def _prior_by_month(ctx: Ctx, ev: Event, mentions: list[Mention]) -> float | None:
    """The previous month's figure, given by its month's name after a monthly print: "9月人民币贷款增加1.2万亿元，
    8月为5900亿元", "… at £112m, below August's level of £1.6bn". Only in the print's sentence or the next, before
    another indicator is named."""
    if ev.period is None or not _MONTHLY_PERIOD.fullmatch(ev.period):
        return None
    month = int(ev.period[5:])
    before = 12 if month == 1 else month - 1
    stop = _next_other(ctx, _others(mentions, ev.ind.id), ev.pos)
    horizon = ctx.ends[min(len(ctx.ends) - 1, _sentence_index(ctx, ctx.sentence(ev.pos)[1]) + 1)]
    for i in range(bisect_right(ctx.num_starts, ev.pos), len(ctx.nums)):
        n = ctx.nums[i]
        if n.start >= min(stop, horizon):
            break
        pre = ctx.pre(i, 40)
        named = _MONTH_NAMED.search(pre[-12:])
        level = None if named else _MONTHS_LEVEL.search(pre)
        month_of = int(named.group(1)) if named else _EN_MONTHS.get(level.group(1).lower()) if level else None
        if month_of == before and _kind_ok(ev.ind, n) and not ctx.feat(i).forecast:
            return _signed_prior(ctx, i, ev.ind)
    return None


def _prior_in_mention(ctx: Ctx, m: Mention, others: list[int], ev: Event) -> float | None:
    _, s1 = ctx.sentence(m.start)
    limit = min([o for o in others if o > m.end] + [s1])
    for i in range(bisect_left(ctx.num_starts, m.end), len(ctx.nums)):
        n = ctx.nums[i]
        if n.start >= limit:
            break
        if not _kind_ok(m.ind, n) or n.value == abs(ev.value):
            continue
        if _prior_ok(ctx, i, m.ind, _annual(ev.period)):
            return _signed_prior(ctx, i, m.ind)
    return None
