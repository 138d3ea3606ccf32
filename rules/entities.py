"""The entities two reports must agree on to be one story: tickers, company names, amounts, periods.

Text similarity cannot tell "Pfizer shares rise 3% after quarterly earnings beat estimates" from the same
sentence about Merck (5-gram Jaccard 0.83). So a merge is vetoed when the headlines disagree on who, how
much or when. What counts as a disagreement, per kind:

- each report's *headline entities* come from its title (its first sentence when it has no title) and the
  fields its rule extracted; everything its title and summary mention counts as *mentioned*;
- a kind conflicts when each headline has an entity of that kind that the other report never mentions.
  One side naming more (a ticker, the quarter, "shares rose 4%") is detail, not a different story.

Kinds: tickers (NASDAQ:PFE, $PFE, (PFE), 01276.HK, 600519.SH); company names (the bundled company and
broker lexicons in English and Chinese, and capitalised words of English headlines, see `headline_names`);
amounts (money and percentages, equal within rounding: 3% ~ 3.1%, $1.2bn ~ $1.17bn, not 3% vs 4%); periods
(quarters, halves, fiscal and calendar years, months; Q3 = third quarter = 三季度). Pure and I/O-free.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from domain.alert import Alert
from domain.entities import Amount, Entities, conflict, normalise
from domain.names import norm_name
from domain.text import fold
from rules.extract.common import find_tickers
from rules.lexicon import Lexicon
from rules.lexicon import load as load_lexicon

LEXICONS = ("pharma_companies", "brokers")

# Capitalised words that name no company: function words, headline vocabulary, wire tags, acronyms of trade
STOP = frozenset(
    " ".join(
        (
            "a about above across after again against ahead all also amid among an and another any are as at back be",
            "because been before behind below between beyond both but by can could despite did do does down during",
            "each either even ever every few for from further had has have he her here his how however i if in into",
            "is it its just last late least less like many may might more most much must near new next no nor not now",
            "of off on once one only onto or other our out over own per plus said same say says she should since so",
            "some still such than that the their them then there these they this those though through to too toward",
            "towards under until up upon us via vs was we were what when where whether which while who whom whose why",
            "will with within without would yet you your update updated exclusive breaking analysis factbox explainer",
            "instant view wrapup refile corrected correction live watch video opinion column podcast newsletter",
            "report reports sources source brief briefs chart graphic photo photos interview review preview recap",
            "highlights quote quotes market markets stock stocks share shares equities bond bonds yields yield",
            "futures index indices rate rates price prices deal deals earnings results revenue revenues sales profit",
            "profits loss losses outlook guidance forecast forecasts estimate estimates quarter quarterly annual year",
            "years month weekly daily today tomorrow yesterday week weeks rise rises rising rose fall falls falling",
            "fell jump jumps jumped surge surges surged slump slumps slumped drop drops dropped gain gains gained",
            "climb climbs climbed slide slides slid rally rallies rallied sink sinks sank tumble tumbles tumbled soar",
            "soars soared plunge plunges plunged edge edges edged dip dips dipped beat beats miss misses missed top",
            "tops hit hits record high higher highest low lower lowest big bigger biggest first second third fourth",
            "half full buy buys sell sells hold holds raise raises raised cut cuts lift lifts lifted trim trims",
            "upgrade upgrades upgraded downgrade downgrades downgraded initiate initiates initiated reiterate",
            "reiterates target targets rating ratings analyst analysts investor investors trader traders company",
            "companies firm firms group inc corp co ltd plc llc ag sa nv holdings chief executive officer ceo cfo coo",
            "cto chairman president board ipo etf etfs ai eps gdp cpi ppi pmi ev evs yoy qoq bps bp pct usd eur cny",
            "rmb hkd jpy gbp sees see expects expected expect plans plan agrees agreed agree signs signed sign wins",
            "won win announces announced announce reported launches launched launch unveils unveiled unveil files",
            "filed approves approved approval nears set sets seeks seek eyes eye mulls weighs considers",
        )
    ).split()
)
_MONTHS = {
    m: n
    for n, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
_ORDINAL = {"first": "1", "second": "2", "third": "3", "fourth": "4", "一": "1", "二": "2", "三": "3", "四": "4"}
_ORDINAL.update({d: d for d in "1234"})

_QUARTER = re.compile(
    r"\bq([1-4])\b|\b([1-4])q(?:\d{2})?\b|\b(first|second|third|fourth)[\s-]+quarter"
    r"|第?([一二三四1-4])季(?:度)?|([1-4一二三四])季报"
)
_HALF = re.compile(r"\bh([12])\b|\b([12])h(?:\d{2})?\b|\b(first|second)[\s-]+half\b|([上下])半年")
_FISCAL = re.compile(r"\bfy\s?'?(\d{2}|\d{4})\b|\bfiscal(?:\s+year)?\s+'?(\d{4}|\d{2})\b|(20\d{2})财年")
_YEAR = re.compile(r"(?<![\d.,$])(?:19|20)\d{2}(?![\d%])")
_MONTH = re.compile(
    r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+(?:\d{1,2}\b|(?:19|20)\d{2}\b)"
)
_ZH_MONTH = re.compile(r"(?<!\d)(1[0-2]|0?[1-9])月")

_CASHTAG = re.compile(r"\$([A-Za-z]{1,6}(?:\.[A-Za-z]{1,2})?)\b")
_PAREN_TICKER = re.compile(r"\(\s*(?:[A-Za-z]{2,10}\s*[:：]\s*)?([A-Z]{1,6}(?:\.[A-Z]{1,2})?)\s*\)")
_BARE_CODE = re.compile(r"[（(](\d{6})[)）]")  # mainland codes in brackets without a suffix: 贵州茅台(600519)
_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&'’.\-]*[A-Za-z0-9]|[A-Za-z]")
_NOT_WORD = re.compile(r"[^\w]+")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|\n")
_MID_SENTENCE_CAP = re.compile(r"(?<=[a-z0-9,;:] )([A-Z][A-Za-z0-9&'’.\-]*)")


@cache
def _lexicons() -> tuple[Lexicon, ...]:
    return tuple(load_lexicon(name) for name in LEXICONS)


def lexicon_names(folded: str) -> tuple[set[str], set[str]]:
    """(canonical names found, the words of the aliases that matched) in already folded text."""
    names: set[str] = set()
    words: set[str] = set()
    for lexicon in _lexicons():
        for hit in lexicon.find(folded):
            names.add(normalise(hit.canonical))
            words.update(normalise(hit.alias).split())
    return names, words


def canonical_ticker(code: str) -> str:
    """`NASDAQ:PFE`, `pfe` → `PFE`; `01276.HK`, `1276.hk` → `1276.HK`."""
    symbol = code.strip().split(":", 1)[-1].strip().upper()
    return symbol.lstrip("0") if symbol[:1] == "0" and symbol.lstrip("0")[:1].isdigit() else symbol


def tickers(text: str) -> set[str]:
    """Ticker symbols, exchange dropped: NASDAQ:PFE, $PFE and (PFE) are all `PFE`."""
    found = [t for t, _, _ in find_tickers(fold(text))]
    found += [m.group(1) for m in _CASHTAG.finditer(text)]
    found += [m.group(1) for m in _PAREN_TICKER.finditer(text)]
    found += [m.group(1) for m in _BARE_CODE.finditer(text)]
    return {canonical_ticker(t) for t in found}


def amounts(text: str) -> tuple[Amount, ...]:
    # the numbers grammar (hundreds of regexes) loads with the first amount asked for, not with the rules
    from rules.extract.numbers import find_amounts, find_percents

    money = [Amount(abs(m.value), m.currency or "?") for m in find_amounts(text)]
    return (*money, *(Amount(abs(v), "%") for v, _, _ in find_percents(text)))


def periods(text: str) -> set[str]:
    """Normalised periods: `q3`, `h1`, `fy2025`, `y2025`, `m03`."""
    f = fold(text)
    out: set[str] = set()
    for m in _QUARTER.finditer(f):
        out.add("q" + _ORDINAL[next(g for g in m.groups() if g)])
    for m in _HALF.finditer(f):
        g = next(g for g in m.groups() if g)
        out.add("h" + {"上": "1", "下": "2", "first": "1", "second": "2"}.get(g, g))
    for m in _FISCAL.finditer(f):
        y = next(g for g in m.groups() if g)
        out.add("fy" + (y if len(y) == 4 else "20" + y))
    fiscal_spans = [m.span() for m in _FISCAL.finditer(f)]
    for m in _YEAR.finditer(f):
        if not any(s <= m.start() < e for s, e in fiscal_spans):
            out.add("y" + m.group())
    for m in _MONTH.finditer(f):
        out.add(f"m{_MONTHS[m.group(1)]:02d}")
    for m in _ZH_MONTH.finditer(f):
        out.add(f"m{int(m.group(1)):02d}")
    return out


def _title_case(words: list[str]) -> bool:
    long = [w for w in words if len(w) >= 4 and w.isalpha()]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.6 * len(long)


def headline_names(headline: str, summary: str, lexicon_words: set[str]) -> set[str]:
    """Capitalised words of an English headline that name someone: not a common or headline word, a month
    or a weekday, nor part of a lexicon name already found. In a Title Case Headline every word is
    capitalised, so there a word counts only when something else says it is a name: it opens the headline
    (where the subject goes), is possessive (Apple's), is an acronym (GSK), or the summary capitalises it
    mid-sentence too."""
    raw = [m.group().rstrip(".") for m in _WORD.finditer(headline)]
    words = [w.removesuffix("'s").removesuffix("’s") for w in raw]
    title_case = _title_case(words)
    evidence = {normalise(w) for w in _MID_SENTENCE_CAP.findall(summary)} if title_case else set()
    out: set[str] = set()
    for position, (word, written) in enumerate(zip(words, raw, strict=True)):
        if not word or not word[0].isupper():
            continue
        name = normalise(word)
        if len(name) < 2 or name in STOP or name in _WEEKDAYS or name in _MONTHS or name in lexicon_words:
            continue
        if name.replace(" ", "").isdigit():
            continue
        if title_case and not (
            position == 0 or written != word or (word.isupper() and len(word) <= 6) or name in evidence
        ):
            continue
        out.add(name)
    return out


def headline_of(title: str, summary: str) -> str:
    if title.strip():
        return title
    return _SENTENCE_END.split(summary.strip(), maxsplit=1)[0] if summary else ""


def entities_of(title: str, summary: str = "", names: Iterable[str] = (), ticker_codes: Iterable[str] = ()) -> Entities:
    """Entities of one report; `names` and `ticker_codes` are what its rule extracted (already normalised)."""
    headline = headline_of(title, summary)
    whole = f"{title}\n{summary}"
    head_names, alias_words = lexicon_names(fold(headline))
    all_names, _ = lexicon_names(fold(whole))
    extracted = {n for n in names if n}
    head_names |= headline_names(headline, summary, alias_words) | extracted
    codes = {canonical_ticker(c) for c in ticker_codes if c}
    head_amounts = amounts(headline)
    return Entities(
        tickers=frozenset(tickers(headline) | codes),
        names=frozenset(head_names),
        amounts=head_amounts,
        periods=frozenset(periods(headline)),
        mentioned_tickers=frozenset(tickers(whole) | codes),
        mentioned_names=frozenset(all_names | head_names),
        mentioned_amounts=amounts(summary) + head_amounts if summary else head_amounts,
        mentioned_periods=frozenset(periods(whole)),
        words=f" {normalise(whole)} ",
    )


NAME_FIELDS = ("company", "licensor", "licensee", "broker")


def alert_entities(alert: Alert) -> Entities:
    """The entities of an alert: from its title and summary, and the names and ticker its rule extracted."""
    fields = alert.fields
    names = [norm_name(fields.get(k)) for k in NAME_FIELDS if fields.get(k)]
    tickers = [str(fields["ticker"])] if fields.get("ticker") else []
    return entities_of(alert.item.title, alert.item.summary, names=names, ticker_codes=tickers)


def veto(a: Alert, b: Alert) -> str | None:
    """Why two alerts cannot be the same story (their entities conflict), or None."""
    return conflict(alert_entities(a), alert_entities(b))
