"""Numbers and dates for people, in one place: rule reasons, alert titles, cards, the console and the CLI all
format through here, so a change reads the same wherever it is shown. Pure.

Numbers given as text are shown as given: fields come from extractors and stored records, and an odd value
must still render rather than stop the outbox.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))


# --- numbers ---------------------------------------------------------------------------------------------------


def as_number(value: Any) -> float | None:
    """A finite float from a number or a numeric string; None for anything else (text is shown as it is)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.replace(",", "").strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def number(x: float) -> str:
    """Compact and exact enough for a message: 6.85, -0.06, 12,800, 1.2e-05."""
    if x != 0 and abs(x) < 1e-4:
        return f"{x:.2g}"
    text = f"{x:,.2f}" if abs(x) >= 1000 else f"{x:.4f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def significant(x: float | None) -> float | None:
    """Ten significant digits: 6.85 − 6.89 is −0.04, not −0.03999999999999959."""
    return None if x is None else float(f"{x:.10g}")


def plain(value: Any) -> str:
    """A field value as text: numbers with thousands separators and no trailing zeros, lists joined."""
    n = as_number(value) if not isinstance(value, str) else None
    if n is not None:
        return f"{n:,.4f}".rstrip("0").rstrip(".")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{({1: 'st', 2: 'nd', 3: 'rd'}).get(n % 10, 'th')}"


def label(value: Any) -> str:
    """A vocabulary word for reading: `exclusive_license` → `exclusive license`."""
    return str(value).replace("_", " ")


# --- series values: units, changes in basis points -------------------------------------------------------------


def _any_number(x: Any) -> str:
    """A series value with a true minus sign (−300), or the value as given."""
    if not is_number(x):
        return str(x)
    return ("−" if x < 0 else "") + number(abs(float(x)))


def with_unit(x: Any, unit: str) -> str:
    """6.85%, 4,417亿元, 215.3 index: units written in Chinese follow the number without a space."""
    glued = unit in ("%", "") or (unit[:1] > "\u2e80")
    return f"{_any_number(x)}{unit}" if glued else f"{_any_number(x)} {unit}"


def change_text(x: Any, unit: str) -> str:
    """A signed change; a rate quoted in % moves in basis points (or percentage points when large)."""
    if not is_number(x):
        return str(x)

    def signed(v: float) -> str:
        return ("+" if v > 0 else "") + number(v)

    if unit == "%":
        return f"{signed(round(x * 100, 2))} bp" if abs(x) < 10 else f"{signed(x)} pp"
    return signed(x) + (f" {unit}" if unit else "")


def bp(points: Any) -> str:
    """A change in percentage points as basis points: −0.03 → `−3 bp`, 0.125 → `+12.5 bp`."""
    n = as_number(points)
    if n is None:
        return str(points)
    v = round(n * 100, 1)
    text = f"{abs(v):.1f}".rstrip("0").rstrip(".")
    return ("+" if v > 0 else "−" if v < 0 else "±") + text + " bp"


# --- money, percentages, prices --------------------------------------------------------------------------------


def compact(value: float, digits: int = 3) -> str:
    """3 significant digits with a scale word: 1.25bn, 80m, 12.5k, 0.35; a minus sign for negatives."""
    sign = "−" if value < 0 else ""
    size = abs(value)
    for threshold, word in _SCALES:
        if size >= threshold * 0.9995:
            return sign + _sig(size / threshold, digits) + word
    return sign + _sig(size, digits)


def _sig(x: float, digits: int) -> str:
    if x == 0:
        return "0"
    decimals = max(0, digits - 1 - math.floor(math.log10(x)))
    text = f"{x:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def money(value: Any, currency: Any = None) -> str:
    """`$1.25bn`, `CNY 500m`, or the value as given when it is not a number."""
    n = as_number(value)
    if n is None:
        return str(value)
    code = str(currency or "").upper().strip()
    if code in ("", "USD"):
        return ("−$" if n < 0 else "$") + compact(abs(n)) if code == "USD" else compact(n)
    return f"{code} {compact(n)}"


def percent(value: Any, signed: bool = False) -> str:
    n = as_number(value)
    if n is None:
        return str(value)
    text = f"{abs(n):.1f}".rstrip("0").rstrip(".") + "%"
    if signed:
        return ("+" if n > 0 else "−" if n < 0 else "±") + text
    return ("−" if n < 0 else "") + text


def short_percent(value: Any, signed: bool = True) -> str:
    """A percentage for a headline: whole numbers from 10 up (`+58%`), one decimal below (`−3.5%`)."""
    n = as_number(value)
    if n is None:
        return str(value)
    text = (f"{abs(n):.0f}" if abs(n) >= 9.95 else f"{abs(n):.1f}".rstrip("0").rstrip(".")) + "%"
    if signed:
        return ("+" if n > 0 else "−" if n < 0 else "±") + text
    return ("−" if n < 0 else "") + text


def pct_change(new: Any, old: Any) -> float | None:
    a, b = as_number(new), as_number(old)
    if a is None or b is None or b == 0:
        return None
    return (a - b) / abs(b) * 100.0


def price(value: Any, currency: Any) -> str:
    """Share prices in full (`HKD 1,234.5`, `$60`): a price target is not a deal size."""
    n = as_number(value)
    if n is None:
        return str(value)
    text = f"{abs(n):,.2f}".rstrip("0").rstrip(".")
    code = str(currency or "").upper().strip()
    sign = "−" if n < 0 else ""
    return f"{sign}${text}" if code == "USD" else f"{code} {sign}{text}".strip()


def amount(value: Any, unit: Any) -> str:
    """`6.85%`, `CNY 1.28tn`, `215.3 index`: a reported figure by its unit."""
    n = as_number(value)
    u = str(unit or "").strip()
    if n is None:
        return f"{value} {u}".strip()
    if u == "%":
        return f"{n:.2f}".rstrip("0").rstrip(".") + "%"
    if len(u) == 3 and u.isalpha() and u.isupper():
        return money(n, u)
    return f"{n:,.4f}".rstrip("0").rstrip(".") + (f" {u}" if u else "")


def amount_change(value: Any, prior: Any, unit: Any) -> str | None:
    """A reported figure against its prior: percentage points for rates, else the amount and the % change."""
    a, b = as_number(value), as_number(prior)
    if a is None or b is None:
        return None
    diff = a - b
    u = str(unit or "").strip()
    if u == "%":
        pp = f"{abs(diff):.2f}".rstrip("0").rstrip(".")
        return ("+" if diff > 0 else "−" if diff < 0 else "±") + pp + " pp"
    text = ("+" if diff > 0 else "") + amount(diff, unit)
    rel = pct_change(a, b)
    return text + (f" ({percent(rel, signed=True)})" if rel is not None else "")


# --- amounts as Chinese sources write them -------------------------------------------------------------------

# Currency words after an amount, Simplified and Traditional: 1.28万亿元, 6.3億美元, 50亿港元.
_CN_CURRENCY = {
    "CNY": ("元", "元"),
    "USD": ("美元", "美元"),
    "HKD": ("港元", "港元"),
    "TWD": ("新台币", "新台幣"),
    "EUR": ("欧元", "歐元"),
    "GBP": ("英镑", "英鎊"),
    "JPY": ("日元", "日圓"),
    "KRW": ("韩元", "韓元"),
    "CHF": ("瑞士法郎", "瑞士法郎"),
    "SGD": ("新加坡元", "新加坡元"),
    "AUD": ("澳元", "澳元"),
    "CAD": ("加元", "加元"),
}
_CN_SCALES = ((1e12, ("万亿", "萬億")), (1e8, ("亿", "億")), (1e4, ("万", "萬")))
# Units a data feed may be configured with: a scale word and a currency word (亿元 = 1e8 CNY).
_CN_UNIT_SCALE = {
    "万亿": 1e12,
    "萬億": 1e12,
    "兆": 1e12,
    "亿": 1e8,
    "億": 1e8,
    "万": 1e4,
    "萬": 1e4,
    "千": 1e3,
    "": 1.0,
}


def cn_amount(value: Any, currency: Any, traditional: bool = False) -> str:
    """An amount as a Chinese source writes it: `1.28萬億元`, `6.3亿美元`, `−8351亿元`; a currency without a
    Chinese word is `CNY`-style (`CHF 1.2bn`)."""
    n = as_number(value)
    code = str(currency or "").upper().strip()
    words = _CN_CURRENCY.get(code)
    if n is None or words is None:
        return money(value, currency)
    script = 1 if traditional else 0
    sign = "−" if n < 0 else ""
    size = abs(n)
    for threshold, scale in _CN_SCALES:
        if size >= threshold * 0.99995:
            return f"{sign}{_sig(size / threshold, 4)}{scale[script]}{words[script]}"
    return f"{sign}{_sig(size, 4)}{words[script]}"


_EN_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def unit_amount(unit: Any, currency: Any = None) -> tuple[float, str] | None:
    """What a stated or configured unit means in money: `亿元` → (1e8, CNY), `億港元` → (1e8, HKD),
    `billion GBP` → (1e9, GBP), `USD` → (1, USD); a bare 元 takes `currency` when given (億元 in a Hong Kong
    release is HKD). None for units that are not money (`%`, `index`, `count`)."""
    u = str(unit or "").strip()
    code = str(currency or "").strip().upper()
    if len(u) == 3 and u.isascii() and u.isalpha() and u.isupper():
        return 1.0, u
    words = u.split()
    if len(words) == 2 and words[0] in _EN_SCALE and len(words[1]) == 3 and words[1].isupper():
        return _EN_SCALE[words[0]], words[1]
    u = u.removesuffix("人民币").removesuffix("人民幣") or u
    for iso, names in _CN_CURRENCY.items():
        for word in dict.fromkeys(names):
            if u.endswith(word) and (scale := _CN_UNIT_SCALE.get(u[: -len(word)])) is not None:
                return scale, (code or iso) if word == "元" and iso == "CNY" else iso
    return None


# --- dates and durations ---------------------------------------------------------------------------------------


def utc_stamp(ts: float | None) -> str:
    """`2025-06-05 16:00:00Z`, or `-` for no time."""
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M:%SZ") if ts else "-"


def utc_minute(ts: Any) -> str:
    """`2025-06-05 16:00` (digests), or `?` when the stored value is not a time."""
    n = as_number(ts)
    return datetime.fromtimestamp(n, UTC).strftime("%Y-%m-%d %H:%M") if n is not None else "?"


def iso_utc(ts: float) -> str:
    """`2025-06-05T16:00:00Z`: a vintage, a timestamp in a record."""
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def month(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m")


def published(iso: str | None) -> str:
    """An item's ISO 8601 date as `2025-03-04 05:06 UTC`; text that is not a date is shown as it is."""
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return iso


def span(seconds: float) -> str:
    """`3d 4h`, `2h 5m`, `40s`: two units are enough for an operator."""
    s = int(max(0, seconds))
    parts = [(s // 86400, "d"), (s % 86400 // 3600, "h"), (s % 3600 // 60, "m"), (s % 60, "s")]
    shown = [f"{n}{u}" for n, u in parts if n]
    return " ".join(shown[:2]) or "0s"


def period(seconds: float) -> str:
    """A configured period as written: `h`, `2h`, `1d`, `30min`, `90s`."""
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size and seconds % size == 0:
            n = int(seconds // size)
            return f"{'' if n == 1 else n}{unit}" if unit != "min" else f"{n}min"
    return f"{seconds:g}s"
