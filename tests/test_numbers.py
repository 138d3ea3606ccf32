"""The number-and-money parser: a table of real forms from English and Chinese news, and properties."""

from __future__ import annotations

import itertools
import math
import random
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rules.extract.numbers import (
    Money,
    find_amounts,
    find_percentage_points,
    find_percents,
    parse_amount,
    parse_number,
)

# (text, value of the first amount, currency): phrasing as it appears in wires, filings and Chinese media.
AMOUNTS: list[tuple[str, float, str | None]] = [
    # English
    ("GSK will pay $1.25 billion upfront", 1.25e9, "USD"),
    ("an upfront payment of US$500 million", 5e8, "USD"),
    ("USD 80M upfront and up to USD 1bn in milestones", 8e7, "USD"),
    ("receives $80 million in cash", 8e7, "USD"),
    ("a $80mn equity investment", 8e7, "USD"),
    ("the $1.2bn deal", 1.2e9, "USD"),
    ("valued at $1.2B", 1.2e9, "USD"),
    ("a €300m bond", 3e8, "EUR"),
    ("a £2bn takeover", 2e9, "GBP"),
    ("HK$3.5 billion placement", 3.5e9, "HKD"),
    ("NT$12 billion capex", 1.2e10, "TWD"),
    ("S$450 million", 4.5e8, "SGD"),
    ("A$1.1 billion", 1.1e9, "AUD"),
    ("C$2.5 billion", 2.5e9, "CAD"),
    ("CHF 1.2 billion", 1.2e9, "CHF"),
    ("RMB 5 billion", 5e9, "CNY"),
    ("Rmb5bn of loans", 5e9, "CNY"),
    ("¥500 billion of JGB purchases", 5e11, "JPY"),
    ("JP¥120bn", 1.2e11, "JPY"),
    ("₩1.2 trillion", 1.2e12, "KRW"),
    ("Rs 500 crore", 5e9, "INR"),
    ("500 million euros", 5e8, "EUR"),
    ("5 billion yuan ($700 million)", 5e9, "CNY"),
    ("100 billion yen", 1e11, "JPY"),
    ("2.5 billion", 2.5e9, None),
    ("up to a $1.2-billion milestone", 1.2e9, "USD"),
    ("a $50k grant", 5e4, "USD"),
    ("U.S.$300 million", 3e8, "USD"),
    ("80M USD", 8e7, "USD"),
    ("EUR 1.5bn", 1.5e9, "EUR"),
    ("3 billion Hong Kong dollars", 3e9, "HKD"),
    ("net income fell $2.1 billion", -2.1e9, "USD"),
    ("costs decreased by $500 million", -5e8, "USD"),
    ("cash was down $3bn", -3e9, "USD"),
    ("minus 5 billion", -5e9, None),
    ("a loss of -$3bn", -3e9, "USD"),
    ("−3.5 billion", -3.5e9, None),
    ("sales fell to $5 billion", 5e9, "USD"),
    # Simplified Chinese
    ("阿斯利康豪掷6.3亿美元", 6.3e8, "USD"),
    ("新增1.5万亿元", 1.5e12, "CNY"),
    ("住户贷款增加8351亿元", 8.351e11, "CNY"),
    ("短期贷款减少489亿元", -4.89e10, "CNY"),
    ("减少了约489亿元", -4.89e10, "CNY"),
    ("同比下降5亿元", -5e8, "CNY"),
    ("下降至5亿元", 5e8, "CNY"),
    ("同比少增4000亿元", 4e11, "CNY"),
    ("两千亿元", 2e11, "CNY"),
    ("3千万元", 3e7, "CNY"),
    ("约合43.87亿元", 4.387e9, "CNY"),
    ("目标价￥311", 311, "CNY"),
    ("港币3.5亿元", 3.5e8, "HKD"),
    ("5000万欧元", 5e7, "EUR"),
    ("1亿2000万元", 1.2e8, "CNY"),
    ("三点五亿元", 3.5e8, "CNY"),
    ("100多亿美元", 1e10, "USD"),
    ("1万余元", 1e4, "CNY"),
    ("每股58美元现金", 58, "USD"),
    ("5亿英镑", 5e8, "GBP"),
    ("20亿瑞士法郎", 2e9, "CHF"),
    ("3000亿韩元", 3e11, "KRW"),
    ("1美元兑7.2元人民币", 1, "USD"),
    ("超过百亿美元", 1e10, "USD"),
    ("3块钱", 3, "CNY"),
    # Traditional Chinese
    ("阿斯利康豪擲6.3億美元拿下", 6.3e8, "USD"),
    ("中長期貸款增加1.28兆元", 1.28e12, "CNY"),
    ("交易總額為1,356.55億美元", 1.35655e11, "USD"),
    ("濟煜醫藥已獲得3500萬美元預付款", 3.5e7, "USD"),
    ("GSK則以22億美元收購RAPT", 2.2e9, "USD"),
    ("2025 年住戶貸款增加 4417 億元", 4.417e11, "CNY"),
    ("其中，短期貸款減少 8351 億元", -8.351e11, "CNY"),
    ("短期貸款減少8351億元", -8.351e11, "CNY"),
    ("此筆交易首付款達2.45億美元", 2.45e8, "USD"),
    ("12個月目標價人民幣311元", 311, "CNY"),
    ("折合1148億元人民幣", 1.148e11, "CNY"),
    ("港幣35億元", 3.5e9, "HKD"),
    ("港元8億", 8e8, "HKD"),
    ("新台幣120億元", 1.2e10, "TWD"),
    ("台幣500萬", 5e6, "TWD"),
    ("日圓100億", 1e10, "JPY"),
    ("歐元5000萬", 5e7, "EUR"),
    ("英鎊20億", 2e9, "GBP"),
    ("瑞士法郎12億", 1.2e9, "CHF"),
    ("韓元3000億", 3e11, "KRW"),
    ("三千五百萬美元", 3.5e7, "USD"),
    ("十二億", 1.2e9, None),
    ("兩千億", 2e11, None),
    ("負3億元", -3e8, "CNY"),
    ("全市生產總值達到5.67兆元", 5.67e12, "CNY"),
    ("僅美國就有超1700萬人確診", 1.7e7, None),
    ("130多萬人", 1.3e6, None),
    ("100億円", 1e10, "JPY"),
    ("人均地區生產總值達到3.2萬美元", 3.2e4, "USD"),
    ("跌破9兆元", 9e12, "CNY"),
    # full-width forms
    ("６．３億美元", 6.3e8, "USD"),
    ("＄１．２ｂｎ", 1.2e9, "USD"),
    ("１，３５６．５５億美元", 1.35655e11, "USD"),
]


@pytest.mark.parametrize(("text", "value", "currency"), AMOUNTS)
def test_real_forms(text: str, value: float, currency: str | None) -> None:
    money = parse_amount(text)
    assert money is not None, text
    assert money.value == pytest.approx(value, rel=1e-12)
    assert money.currency == currency
    assert money.raw == text[money.start : money.end]


def test_table_is_large_and_covers_three_scripts() -> None:
    assert len(AMOUNTS) >= 60
    trad = sum(any(ch in t for ch in "億萬兆幣圓歐鎊韓減兩負") for t, _, _ in AMOUNTS)
    simp = sum(any(ch in t for ch in "亿万币圆欧镑韩减两负") for t, _, _ in AMOUNTS)
    english = sum(t.isascii() for t, _, _ in AMOUNTS)
    assert min(trad, simp, english) >= 15


MULTI: list[tuple[str, list[tuple[float, str | None]]]] = [
    ("5-10億", [(5e8, None), (1e9, None)]),
    ("$5-10 billion", [(5e9, "USD"), (1e10, "USD")]),
    ("5至10亿美元", [(5e8, "USD"), (1e9, "USD")]),
    ("5亿-10亿元", [(5e8, "CNY"), (1e9, "CNY")]),
    ("减少5-10亿元", [(-5e8, "CNY"), (-1e9, "CNY")]),
    ("5-10元", [(5, "CNY"), (10, "CNY")]),
    ("三到五万", [(3e4, None), (5e4, None)]),
    ("$5 - 10 days", [(5, "USD")]),
    ("從4.16兆到5.67兆", [(4.16e12, None), (5.67e12, None)]),
    ("實際使用外資達到160.6億美元，折合1148億元人民幣", [(1.606e10, "USD"), (1.148e11, "CNY")]),
    ("fell $2 billion to $5 billion", [(-2e9, "USD"), (5e9, "USD")]),
    (
        "其中，短期貸款減少8351億元，中長期貸款增加1.28兆元。",
        [(-8.351e11, "CNY"), (1.28e12, "CNY")],
    ),
    ("每股收益2025/26/27年分別為2.50元、4.76元、7.53元", [(2.5, "CNY"), (4.76, "CNY"), (7.53, "CNY")]),
]


@pytest.mark.parametrize(("text", "expected"), MULTI)
def test_several_amounts(text: str, expected: list[tuple[float, str | None]]) -> None:
    found = [(m.value, m.currency) for m in find_amounts(text)]
    assert len(found) == len(expected)
    for (value, currency), (want, want_currency) in zip(found, expected, strict=True):
        assert value == pytest.approx(want, rel=1e-12)
        assert currency == want_currency


NOT_AMOUNTS = [
    "2025年",
    "12個月目標",
    "27個自由度",
    "約39.2% 的上漲空間",
    "5nm AI晶片",
    "1月19日-20日",
    "Q3 results",
    "29.7倍(2027E)",
    "影石創新 (688506.SH)",
    "恒瑞醫藥(01276.HK)",
    "NASDAQ:BIIB",
    "C-CAR031",
    "JYB1904",
    "PD-1/VEGF",
    "可先以 100kW 作為示範",
    "擴充至 5兆瓦級",
    "十五五開局之年",
    "千億級市場",
    "千万不要",
    "万一",
    "下調5個基點至0.2%",
    "上升5个百分点",
    "20倍P/E",
    "0.1N的微力",
    "身高1.8米",
    "3D立體",
    "Top10",
    "2025Q4-2026Q1",
    "(0.3-1.2倍)",
    "百分之五",
    "數十億美元",
    "4K video",
    "3M Company",
    "he is 5m tall",
    "version 1.2.3",
    "2025-2030年",
]


@pytest.mark.parametrize("text", NOT_AMOUNTS)
def test_noise_is_not_money(text: str) -> None:
    assert find_amounts(text) == []


def test_default_currency_applies_only_when_none_stated() -> None:
    found = find_amounts("1.28兆 and $5bn", default_currency="TWD")
    assert [(m.value, m.currency) for m in found] == [(1.28e12, "TWD"), (5e9, "USD")]


def test_yen_sign_follows_context() -> None:
    assert find_amounts("目標價￥311")[0].currency == "CNY"
    assert find_amounts("a ¥311 billion budget")[0].currency == "JPY"
    assert find_amounts("予算は¥311億です")[0].currency == "JPY"
    assert find_amounts("¥100億円")[0].currency == "JPY"


def test_span_includes_sign_and_currency_not_the_decrease_word() -> None:
    text = "短期貸款減少8351億元，-$3bn"
    first, second = find_amounts(text)
    assert first.raw == "8351億元" and first.value < 0
    assert second.raw == "-$3bn"
    assert first == Money(value=-8.351e11, currency="CNY", start=6, end=12, raw="8351億元")


NUMBERS: list[tuple[str, float]] = [
    ("1,356.55", 1356.55),
    ("6.3億", 6.3e8),
    ("1.28兆", 1.28e12),
    ("三千五百萬", 3.5e7),
    ("1.5万亿", 1.5e12),
    ("2.5 billion", 2.5e9),
    ("500mn", 5e8),
    ("$1.2bn", 1.2e9),
    ("6.3億美元", 6.3e8),
    ("十二", 12),
    ("两百", 200),
    ("負3", -3),
    ("-3", -3),
    ("−3.5", -3.5),
    ("+7", 7),
    ("二〇二五", 2025),
    ("一千零五", 1005),
    ("一千零五十", 1050),
    ("三点五", 3.5),
    ("一万五", 15000),
    ("十二億", 1.2e9),
    ("两千亿", 2e11),
    ("3千万", 3e7),
    ("39.2%", 39.2),
    ("１２３", 123),
    ("  42  ", 42),
    ("壹佰贰拾", 120),
]


@pytest.mark.parametrize(("text", "value"), NUMBERS)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize(
    "text", ["", "  ", "abc", "2025年", "5-10", "Q3", "5nm", "1.2.3", "万一", "十五五", "5个百分点"]
)
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


PERCENTS: list[tuple[str, list[float]]] = [
    ("較當前股價有約39.2% 的上漲空間", [39.2]),
    ("39.2 %", [39.2]),
    ("rose 14.1 percent", [14.1]),
    ("rose 14.1 per cent", [14.1]),
    ("百分之五", [5]),
    ("百分之三十九點二", [39.2]),
    ("百分之百", [100]),
    ("同比增长-3.2%", [-3.2]),
    ("負3%", [-3]),
    ("同比下降8.7%", [8.7]),
    ("單筆交易的首付款付款比例約5.2%~6.7%", [5.2, 6.7]),
    ("5-10%", [5, 10]),
    ("３９．２％", [39.2]),
    ("上升5个百分点", []),
    ("下調25個基點", []),
]


@pytest.mark.parametrize(("text", "values"), PERCENTS)
def test_find_percents(text: str, values: list[float]) -> None:
    found = find_percents(text)
    assert [v for v, _, _ in found] == [pytest.approx(v) for v in values]
    assert all(any(ch.isdigit() or ch in "五三百" for ch in text[s:e]) for _, s, e in found)
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("上升5个百分点", [5]),
        ("下調25個基點至0.2%", [0.25]),
        ("up 1.5 percentage points", [1.5]),
        ("a 25 bp cut", [0.25]),
        ("39.2%", []),
    ],
)
def test_find_percentage_points(text: str, points: list[float]) -> None:
    assert [v for v, _, _ in find_percentage_points(text)] == [pytest.approx(p) for p in points]


# ------------------------------------------------------------------------------------------------ speed

ARTICLE = (
    "央行公佈的資料顯示，2025 年住戶貸款增加 4417 億元。其中，短期貸款減少 8351 億元，中長期貸款增加 1.28 兆元。"
    "相較於上一年度本就處於歷史低位的 2.25 兆元，再次出現大幅下滑。活期存款利率下調5個基點至0.2%，"
    "阿斯利康豪擲6.3億美元拿下西比曼生物GPC3裝甲型CAR-T療法中國剩餘權益，GSK則以22億美元收購RAPT Therapeutics。"
    "2025年中國創新藥共完成157起BD出海授權交易，交易總額為1356.55億美元，其中首付款70億美元。"
    "高盛首度覆蓋影石創新(Insta360)，給予買入評級，12個月目標價人民幣311元，較當前股價有約39.2%的上漲空間。"
)


def test_a_5000_character_article_parses_every_amount() -> None:
    text = (ARTICLE * (5000 // len(ARTICLE) + 1))[:5000]
    assert len(find_amounts(text)) >= 40  # speed is measured in benchmarks/bench_numbers.py, not asserted


@pytest.mark.parametrize(
    "text",
    ["1" * 5000, "一" * 5000, "1," * 2500, "$" * 5000, "1亿" * 2500, "-" * 5000, "減少" * 2500 + "1亿", "1 " * 2500,
     "1." * 2500, "5-" * 2500 + "10亿", "$1" * 2500, "fell by about " * 300 + "$5bn", "三千五百萬" * 1000],
)  # fmt: skip
def test_hostile_input_completes_with_sane_spans(text: str) -> None:
    # a pathological input must finish (pytest-timeout guards a hang) and give well-formed, ordered spans
    amounts = find_amounts(text)
    assert all(0 <= a.start < a.end <= len(text) and text[a.start : a.end] == a.raw for a in amounts)
    assert all(x.end <= y.start for x, y in itertools.pairwise(amounts))
    find_percents(text)
    parse_number(text)


# ------------------------------------------------------------------------------------------------ properties

UNITS: list[tuple[str, str, int]] = [  # simplified, traditional, multiplier
    ("万", "萬", 10**4),
    ("亿", "億", 10**8),
    ("万亿", "萬億", 10**12),
    ("兆", "兆", 10**12),
    ("千万", "千萬", 10**7),
    ("百万", "百萬", 10**6),
    ("千亿", "千億", 10**11),
    ("千", "千", 10**3),
]
SUFFIXES: list[tuple[str, str, str]] = [  # simplified, traditional, ISO
    ("美元", "美元", "USD"),
    ("元", "元", "CNY"),
    ("元人民币", "元人民幣", "CNY"),
    ("港元", "港元", "HKD"),
    ("港币", "港幣", "HKD"),
    ("新台币", "新臺幣", "TWD"),
    ("欧元", "歐元", "EUR"),
    ("英镑", "英鎊", "GBP"),
    ("日元", "日圓", "JPY"),
    ("韩元", "韓元", "KRW"),
    ("瑞士法郎", "瑞士法郎", "CHF"),
]
PREFIXES: list[tuple[str, str]] = [("US$", "USD"), ("HK$", "HKD"), ("€", "EUR"), ("£", "GBP"), ("RMB ", "CNY")]
FILLERS = ["", "公司宣布", "據悉，", "交易總額為", "收购价为", "The deal is worth "]
ENGLISH_SCALES: list[tuple[str, int]] = [
    (" billion", 10**9),
    (" million", 10**6),
    ("bn", 10**9),
    ("mn", 10**6),
    (" trillion", 10**12),
    (" thousand", 10**3),
]


@st.composite
def mantissas(draw: st.DrawFn) -> tuple[str, Decimal]:
    """A decimal number as written, with or without thousands separators, and its exact value."""
    integer = draw(st.integers(min_value=0, max_value=10**9))
    places = draw(st.integers(min_value=0, max_value=4))
    fraction = draw(st.integers(min_value=0, max_value=10**places - 1)) if places else 0
    head = f"{integer:,}" if draw(st.booleans()) else str(integer)
    text = f"{head}.{fraction:0{places}d}" if places else head
    return text, Decimal(f"{integer}.{fraction:0{places}d}" if places else str(integer))


@st.composite
def chinese_amounts(draw: st.DrawFn) -> tuple[str, float, str]:
    number, value = draw(mantissas())
    simp_u, trad_u, mult = draw(st.sampled_from(UNITS))
    simp_c, trad_c, iso = draw(st.sampled_from(SUFFIXES))
    trad = draw(st.booleans())
    text = number + (trad_u if trad else simp_u) + (trad_c if trad else simp_c)
    return text, float(value * mult), iso


@st.composite
def english_amounts(draw: st.DrawFn) -> tuple[str, float, str]:
    number, value = draw(mantissas())
    symbol, iso = draw(st.sampled_from(PREFIXES))
    scale, mult = draw(st.sampled_from(ENGLISH_SCALES))
    return symbol + number + scale, float(value * mult), iso


amounts = st.one_of(chinese_amounts(), english_amounts())


@given(amounts, st.sampled_from(FILLERS), st.sampled_from(["", "。", " in total", "的交易"]))
def test_round_trip(amount: tuple[str, float, str], before: str, after: str) -> None:
    text, value, iso = amount
    money = parse_amount(before + text + after)
    assert money is not None
    assert math.isclose(money.value, value, rel_tol=1e-9)
    assert money.currency == iso
    assert money.raw == text


@given(st.integers(min_value=0, max_value=10**15), st.sampled_from(["", "亿", "萬", " million"]))
def test_thousands_separators_do_not_change_value(n: int, unit: str) -> None:
    assert parse_number(f"{n:,}{unit}") == parse_number(f"{n}{unit}")
    plain = parse_number(f"{n}{unit}")
    assert plain is not None
    assert math.isclose(plain, n * {"": 1, "亿": 1e8, "萬": 1e4, " million": 1e6}[unit], rel_tol=1e-9)


def _full_width(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ("\u3000" if ch == " " else ch) for ch in text)


def _shape(found: list[Money]) -> list[tuple[float, str | None, int, int]]:
    return [(m.value, m.currency, m.start, m.end) for m in found]


# Text from the characters the parser cares about, so the properties reach its branches.
RELEVANT = st.text(
    alphabet="0123456789.,$%- 一二三四五六七八九十百千万亿兆两负减少元美港币欧镑亿年个bnmkB€£¥HK至~到人民币点多余下降",
    max_size=60,
)


@given(st.one_of(amounts.map(lambda a: a[0]), RELEVANT))
def test_full_width_forms_parse_like_ascii(text: str) -> None:
    wide = _full_width(text)
    assert _shape(find_amounts(wide)) == _shape(find_amounts(text))
    assert parse_number(wide) == parse_number(text)
    assert find_percents(wide) == find_percents(text)


TRAD_OF = {"万": "萬", "亿": "億", "两": "兩", "负": "負", "减": "減", "币": "幣", "欧": "歐", "镑": "鎊", "点": "點"}


@given(RELEVANT, st.randoms(use_true_random=False))
def test_traditional_and_simplified_units_agree(text: str, rnd: random.Random) -> None:
    trad = "".join(TRAD_OF[ch] if ch in TRAD_OF and rnd.random() < 0.7 else ch for ch in text)
    assert _shape(find_amounts(trad)) == _shape(find_amounts(text))
    assert parse_number(trad) == parse_number(text)


NEGATIONS = ["减少", "減少", "下降", "下滑", "下跌", "減少了", "fell ", "decreased by ", "down ", "minus ", "负", "-"]


@given(amounts, st.sampled_from(NEGATIONS), st.sampled_from(["", "其中，", "Revenue "]))
def test_negation_flips_sign(amount: tuple[str, float, str], negation: str, before: str) -> None:
    text, value, _ = amount
    plain = parse_amount(before + text)
    negated = parse_amount(before + negation + text)
    assert plain is not None and negated is not None
    assert negated.value == -plain.value
    assert math.isclose(negated.value, -value, rel_tol=1e-9)


NUMERAL_CHARS = set("0123456789零〇一二三四五六七八九两兩壹贰貳叁肆伍陆陸柒捌玖十拾百佰千仟万萬亿億兆")


def _check_invariants(text: str) -> None:
    found = find_amounts(text, default_currency="XXX")
    last = 0
    for m in found:
        assert last <= m.start < m.end <= len(text)
        assert m.raw == text[m.start : m.end]
        folded = _full_width_back(m.raw)
        assert any(ch in NUMERAL_CHARS for ch in folded)
        assert math.isfinite(m.value)
        assert m.currency is not None
        last = m.end
    number = parse_number(text)
    assert number is None or math.isfinite(number)
    for finder in (find_percents, find_percentage_points):
        prev = 0
        for value, start, end in finder(text):
            assert prev <= start < end <= len(text) and math.isfinite(value)
            prev = end


def _full_width_back(text: str) -> str:
    return "".join(chr(ord(ch) - 0xFEE0) if "\uff01" <= ch <= "\uff5e" else ch for ch in text)


@given(st.text(max_size=200))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_never_raises_and_spans_are_sound_on_any_text(text: str) -> None:
    _check_invariants(text)


@given(st.lists(st.one_of(amounts.map(lambda a: a[0]), RELEVANT, st.sampled_from(NOT_AMOUNTS)), max_size=8))
def test_spans_never_overlap_in_mixed_text(parts: list[str]) -> None:
    _check_invariants("".join(parts))
    _check_invariants(" ".join(parts))
