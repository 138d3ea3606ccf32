"""US dollar equivalents by a dated table of approximate rates (`domain/fx_usd.json`). Pure; the table is data.

Shared by the rule language (`upfront_usd >= 100e6` in any currency, rules/derived.py) and the cards (`≈ $69.8m`
beside a CNY amount): both read the same table, so a rule and the card it posts agree on the scale of a deal.
The rates are month-end references, for scale only: cards mark them `≈`, and the guide names the table's date.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from domain.formats import as_number


@cache
def fx_table() -> tuple[str, dict[str, float]]:
    """(as_of date, USD per unit by ISO code) from the bundled data file."""
    raw = json.loads(resources.files("domain").joinpath("fx_usd.json").read_text(encoding="utf-8"))
    return str(raw["as_of"]), {str(k).upper(): float(v) for k, v in raw["usd_per_unit"].items()}


def to_usd(value: Any, currency: Any) -> float | None:
    """The USD equivalent by the table; None when the amount or the currency is unknown."""
    number = as_number(value)
    code = str(currency or "").upper().strip()
    if number is None or not code:
        return None
    rate = fx_table()[1].get(code)
    return None if rate is None else number * rate
