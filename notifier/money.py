"""Amounts for people: `1.25e9 USD` → `$1.25bn`, `5e8 CNY` → `CNY 500m (≈ $69.8m)`. Pure; the FX table is data.

The FX table (`fx_usd.json`, dated) holds approximate reference rates: a card shows a USD equivalent only to
give the scale of a non-USD deal, always marked `≈` and with the table's date in the docs.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from typing import Any

_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))


@cache
def fx_table() -> tuple[str, dict[str, float]]:
    """(as_of date, USD per unit by ISO code) from the bundled data file."""
    raw = json.loads(resources.files("notifier").joinpath("fx_usd.json").read_text(encoding="utf-8"))
    return str(raw["as_of"]), {str(k).upper(): float(v) for k, v in raw["usd_per_unit"].items()}


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
    number = as_number(value)
    if number is None:
        return str(value)
    code = str(currency or "").upper().strip()
    if code in ("", "USD"):
        return ("−$" if number < 0 else "$") + compact(abs(number)) if code == "USD" else compact(number)
    return f"{code} {compact(number)}"


def to_usd(value: Any, currency: Any) -> float | None:
    """The USD equivalent by the static table; None when the amount or the currency is unknown."""
    number = as_number(value)
    code = str(currency or "").upper().strip()
    if number is None or not code:
        return None
    rate = fx_table()[1].get(code)
    return None if rate is None else number * rate


def money_with_usd(value: Any, currency: Any) -> str:
    """`CNY 500m (≈ $69.8m)` for non-USD amounts the table knows; otherwise just the amount."""
    text = money(value, currency)
    code = str(currency or "").upper().strip()
    usd = to_usd(value, currency)
    if usd is None or code == "USD":
        return text
    return f"{text} (≈ {money(usd, 'USD')})"


def percent(value: Any, signed: bool = False) -> str:
    number = as_number(value)
    if number is None:
        return str(value)
    text = f"{abs(number):.1f}".rstrip("0").rstrip(".") + "%"
    if signed:
        return ("+" if number > 0 else "−" if number < 0 else "±") + text
    return ("−" if number < 0 else "") + text


def pct_change(new: Any, old: Any) -> float | None:
    a, b = as_number(new), as_number(old)
    if a is None or b is None or b == 0:
        return None
    return (a - b) / abs(b) * 100.0
