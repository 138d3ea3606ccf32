"""USD equivalents beside amounts in other currencies: `CNY 500m (≈ $69.8m)`. Pure.

The dated FX table is shared with the rule language and lives below both (domain/fx.py, `domain/fx_usd.json`);
this module keeps the card-side wording. Formatting itself is domain/formats.py.
"""

from __future__ import annotations

from typing import Any

from domain.formats import money
from domain.fx import fx_table, to_usd

__all__ = ["fx_table", "money_with_usd", "to_usd"]


def money_with_usd(value: Any, currency: Any) -> str:
    """`CNY 500m (≈ $69.8m)` for non-USD amounts the table knows; otherwise just the amount."""
    text = money(value, currency)
    code = str(currency or "").upper().strip()
    usd = to_usd(value, currency)
    if usd is None or code == "USD":
        return text
    return f"{text} (≈ {money(usd, 'USD')})"
