"""Near-duplicate merging: our own MinHash (no numpy, scipy or datasketch on the import path), and the entity
veto that keeps different stories apart however similar their wording."""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys

import pytest

from collectors.item import Item
from domain.entities import Amount
from notifier import dedupe
from notifier.dedupe_minhash import NUM_PERM, MinHash
from rules.entities import alert_entities, canonical_ticker, entities_of, periods, tickers, veto
from store.records import Alert
from tests.conftest import ROOT

PFIZER = "Pfizer shares rise 3% after quarterly earnings beat estimates"
MERCK = "Merck shares rise 3% after quarterly earnings beat estimates"


def alert(title: str, summary: str = "", n: int = 1, **fields: str) -> Alert:
    return Alert(
        id=f"{n:032x}",
        rule="r",
        item=Item(id=f"i{n}", source=f"outlet-{n}", title=title, summary=summary),
        event=None,
        severity="high",
        matched=(),
        fields=dict(fields),
        created_at=0.0,
    )


def signature_of(alert: Alert) -> dedupe.Signature | None:
    return dedupe.signature(dedupe.normalised_text(alert), entities=alert_entities(alert))


def same_story(a: Alert, b: Alert) -> bool:
    """What the outbox decides for two alerts without an event key (with `signature_of`)."""
    sa, sb = signature_of(a), signature_of(b)
    assert sa is not None and sb is not None
    return dedupe.similarity(sa, sb) >= dedupe.SIMILAR


def text_similarity(a: Alert, b: Alert) -> float:
    sa, sb = dedupe.signature(dedupe.normalised_text(a)), dedupe.signature(dedupe.normalised_text(b))
    assert sa is not None and sb is not None
    return dedupe.similarity(sa, sb)


# --- the veto ----------------------------------------------------------------------------------------------


def test_the_same_sentence_about_another_company_is_not_the_same_story() -> None:
    a, b = alert(PFIZER, n=1), alert(MERCK, n=2)
    assert text_similarity(a, b) >= dedupe.SIMILAR  # the wording alone would merge them (0.82)
    assert veto(a, b) == "names pfizer / merck co"
    assert not same_story(a, b)
    assert set(dedupe.band_keys(signature_of(a))) & set(dedupe.band_keys(signature_of(b)))  # type: ignore[arg-type]


def test_the_same_story_from_two_outlets_still_merges() -> None:
    reuters = alert(
        PFIZER,
        "Pfizer Inc shares rose 3% on Tuesday after the drugmaker reported quarterly earnings that beat "
        "Wall Street estimates.",
        n=1,
    )
    other = alert(
        "Pfizer stock climbs 3% as quarterly earnings beat estimates",
        "Shares of Pfizer (PFE) climbed 3.1% on Tuesday after the drugmaker reported quarterly earnings that "
        "beat Wall Street estimates, according to FactSet.",
        n=2,
    )
    assert veto(reuters, other) is None
    assert same_story(reuters, other)
    bare, update = alert(PFIZER, n=3), alert("UPDATE 2-" + PFIZER, n=4)
    assert veto(bare, update) is None and same_story(bare, update)


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        (PFIZER, PFIZER.replace("3%", "5%"), "amounts 3% / 5%"),
        (
            "Pfizer second-quarter revenue beats estimates on vaccine sales",
            "Pfizer third-quarter revenue beats estimates on vaccine sales",
            "periods q2 / q3",
        ),
        (
            "$PFE shares rise after quarterly earnings beat estimates",
            "$MRK shares rise after quarterly earnings beat estimates",
            "tickers PFE / MRK",
        ),
        (
            "GSK to buy RAPT Therapeutics for $2.2 billion in cash",
            "GSK to buy RAPT Therapeutics for $2.9 billion in cash",
            "amounts 2.2e+09 USD / 2.9e+09 USD",
        ),
        ("Goldman raises Nvidia target to $250", "Morgan Stanley raises Nvidia target to $250", None),
        (
            "Apple Shares Rise 3% After Earnings Beat Estimates",
            "Microsoft Shares Rise 3% After Earnings Beat Estimates",
            None,
        ),
        (
            "辉瑞股价上涨3%，季度盈利超预期，分析师上调目标价",
            "默沙东股价上涨3%，季度盈利超预期，分析师上调目标价",
            None,
        ),
        (
            "台积电第三季营收创新高，同比增长36%，超出市场预期",
            "台积电第二季营收创新高，同比增长36%，超出市场预期",
            "periods q3 / q2",
        ),
    ],
)
def test_different_tickers_companies_amounts_or_periods_veto(first: str, second: str, reason: str | None) -> None:
    a, b = alert(first, n=1), alert(second, n=2)
    got = veto(a, b)
    assert got is not None
    if reason is not None:
        assert got == reason
    assert veto(b, a) is not None  # symmetric
    assert not same_story(a, b)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (PFIZER, "Pfizer (NYSE: PFE) shares rise 3% after quarterly earnings beat estimates"),  # one adds the ticker
        (PFIZER, "Pfizer shares rise 3.1% after quarterly earnings beat estimates"),  # rounding
        (PFIZER, "Pfizer shares rise 3% after Q3 earnings beat estimates"),  # one names the quarter
        ("Pfizer third-quarter profit beats estimates", "Pfizer Q3 profit beats estimates, shares rise"),
        ("GSK to buy RAPT for $2.2 billion", "GSK to buy RAPT for $2.2bn in cash"),
        ("Biogen pays $1.17 billion for antibody rights", "Biogen pays $1.2 billion for antibody rights"),
        (
            "Pfizer Shares Rise 3% After Quarterly Earnings Beat Estimates",
            "Pfizer Stock Climbs As Quarterly Earnings Top Forecasts",
        ),
        ("辉瑞股价上涨3%，季度盈利超预期", "輝瑞股價上漲3%，季度盈利超預期"),  # the same company in both scripts
    ],
)
def test_more_detail_rounding_or_other_wording_is_not_a_different_story(first: str, second: str) -> None:
    assert veto(alert(first, n=1), alert(second, n=2)) is None


def test_extracted_fields_take_part() -> None:
    title = "Analyst raises price target on the drugmaker after upbeat trial data"
    a = alert(title, n=1, broker="Goldman Sachs", ticker="NYSE:PFE")
    b = alert(title, n=2, broker="Jefferies", ticker="NYSE:PFE")
    c = alert(title, n=3, broker="goldman sachs", ticker="PFE")
    assert veto(a, b) == "names goldman sachs / jefferies"
    assert veto(a, c) is None


def test_signature_without_entities_confirms_by_text_alone() -> None:
    a, b = alert(PFIZER, n=1), alert(MERCK, n=2)
    plain = [dedupe.signature(dedupe.normalised_text(x)) for x in (a, b)]
    assert plain[0] is not None and plain[1] is not None
    assert dedupe.similarity(plain[0], plain[1]) > 0.8
    assert dedupe.signature("short") is None and signature_of(alert("short")) is None


def test_entity_parts_directly() -> None:
    assert tickers("Pfizer (NYSE: PFE), $mrk and 01276.HK, 贵州茅台(600519)") == {"PFE", "MRK", "1276.HK", "600519"}
    assert canonical_ticker("NASDAQ:biib") == "BIIB" and canonical_ticker("01276.hk") == "1276.HK"
    assert periods("Q3 and the first half of fiscal 2025, 2024年上半年, third-quarter, Jan. 5") == {
        "q3",
        "h1",
        "fy2025",
        "y2024",
        "m01",
    }
    assert periods("一季度营收") == {"q1"} and periods("第二季营收") == {"q2"}
    assert periods("$2025 million in 2025") == {"y2025"}
    assert Amount(3.0, "%").matches(Amount(3.1, "%")) and not Amount(3.0, "%").matches(Amount(4.0, "%"))
    assert Amount(1.17e9, "USD").matches(Amount(1.2e9, "?")) and not Amount(1.2e9, "USD").matches(Amount(1.2e9, "EUR"))
    e = entities_of("Tuesday: New deals in March 2026 as Stocks Rise", "")
    assert e.names == frozenset()  # weekdays, months and headline words are not names


# --- the MinHash -------------------------------------------------------------------------------------------


def grams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 5] for i in range(len(text) - 4))


def test_minhash_estimates_jaccard_like_k_permutations() -> None:
    rng = random.Random(7)
    vocab = ["".join(rng.choice("abcdefghij") for _ in range(rng.randint(2, 8))) for _ in range(2000)]
    errors = []
    for _ in range(200):
        base = [rng.choice(vocab) for _ in range(rng.randint(5, 150))]
        keep = rng.random()
        other = [w if rng.random() < keep else rng.choice(vocab) for w in base]
        a, b = MinHash(grams(" ".join(base))), MinHash(grams(" ".join(other)))
        errors.append(a.estimate(b) - a.jaccard(b))
    assert abs(statistics.mean(errors)) < 0.01
    assert statistics.pstdev(errors) < 0.06  # datasketch's 128 permutations: 0.038 on the same kind of data
    assert len(MinHash(grams("x" * 30)).hashvalues) == NUM_PERM


def test_band_keys_are_stable_across_processes_and_runs() -> None:
    """Keys are stored and compared across restarts: no per-process hash seed may leak into them."""
    text = "Shanghai Matrix unveiled its MATRIX-3 humanoid robot on Tuesday"
    here = dedupe.band_keys(dedupe.signature(text))  # type: ignore[arg-type]
    code = f"from notifier import dedupe; import json; print(json.dumps(dedupe.band_keys(dedupe.signature({text!r}))))"
    there = json.loads(
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    )
    assert here == there and len(here) == dedupe.BANDS and all(k.startswith("sim2|") for k in here)


def test_importing_dedupe_loads_no_numpy_scipy_or_datasketch() -> None:
    code = "import sys; from notifier import dedupe; print(sorted(m for m in ('numpy', 'scipy', 'datasketch') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.strip() == "[]"
