"""USD equivalents for amounts in other currencies: `CNY 500m (≈ $69.8m)`. Pure; the FX table is data.

The FX table (`fx_usd.json`, dated) holds approximate reference rates: a card shows a USD equivalent only to
give the scale of a non-USD deal, always marked `≈` and with the table's date in the docs. Formatting itself
is domain/formats.py.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from domain.formats import as_number, money


@cache
def fx_table() -> tuple[str, dict[str, float]]:
    """(as_of date, USD per unit by ISO code) from the bundled data file."""
    raw = json.loads(resources.files("notifier").joinpath("fx_usd.json").read_text(encoding="utf-8"))
    return str(raw["as_of"]), {str(k).upper(): float(v) for k, v in raw["usd_per_unit"].items()}


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
