"""How an event's values read on a card: names as written with the English name beside, amounts in the source's
own units with a USD equivalent, the broker's rating words with the common scale, units as people say them.
Pure. English names and scale levels come with the alert (`Alert.derived`, from the lexicons in rules/); an
alert recorded without them still reads, with the names as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from domain.alert import Alert
from domain.formats import as_number, cn_amount, money, unit_amount
from domain.fx import to_usd
from domain.names import norm_name, split_written
from domain.text import fold, is_traditional

_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]")
SCALE_WORDS = {
    "buy": "Buy",
    "outperform": "Outperform",
    "hold": "Hold",
    "underperform": "Underperform",
    "sell": "Sell",
}


@dataclass(frozen=True, slots=True)
class Script:
    """How the source writes: Chinese or not, and if Chinese, Traditional or Simplified."""

    chinese: bool = False
    traditional: bool = False


def script_of(alert: Alert) -> Script:
    """Chinese when Chinese characters are a fifth or more of the title's letters (else of the summary's)."""
    return _script(alert.item.title or alert.item.summary[:300], alert.item.summary[:300])


@lru_cache(maxsize=512)
def _script(text: str, more: str) -> Script:
    cjk = len(_CJK.findall(text))
    letters = len(_LETTER.findall(text))
    if not letters or cjk * 5 < letters:
        return Script()
    return Script(True, is_traditional(text + more))


# --- names -----------------------------------------------------------------------------------------------------


def name_parts(value: Any, english: Any = None) -> tuple[str, str | None]:
    """(as written, English name or None when it says the same): `大摩 (Morgan Stanley)` → (大摩, Morgan
    Stanley); 恒瑞医药 with English Jiangsu Hengrui → (恒瑞医药, Jiangsu Hengrui); GSK plc / GSK → (GSK plc, None)."""
    return _name_parts(str(value or ""), str(english or ""))


@lru_cache(maxsize=2048)
def _name_parts(value: str, english: str) -> tuple[str, str | None]:
    written, canonical = split_written(value)
    other = (english or canonical or "").strip() or None
    if other is not None and (norm_name(other) == norm_name(written) or fold(other) in fold(written)):
        other = None
    return written, other


def name_field(value: Any, english: Any = None) -> str:
    """`恒瑞医药 · Jiangsu Hengrui` for a field; the name alone when there is no other."""
    written, other = name_parts(value, english)
    return f"{written} · {other}" if other else written


def name_inline(value: Any, english: Any = None) -> str:
    """`恒瑞医药 (Jiangsu Hengrui)` inside a sentence."""
    written, other = name_parts(value, english)
    return f"{written} ({other})" if other else written


def named(alert: Alert, field: str) -> tuple[Any, Any]:
    """A name field and the English name derived for it."""
    return alert.fields.get(field), alert.derived.get(f"{field}_en")


# --- amounts ---------------------------------------------------------------------------------------------------


def amount(value: Any, currency: Any, script: Script, usd: bool = True) -> str:
    """An amount in the source's units: `1.28萬億元 (≈ $179bn)` from a Traditional source, `6.3亿美元 ($630m)`,
    `CNY 500m (≈ $69.8m)` from an English one, `$2.2bn` in USD."""
    code = str(currency or "").upper().strip() or "USD"
    equivalent = to_usd(value, code) if usd else None
    if script.chinese and as_number(value) is not None:
        text = cn_amount(value, code, script.traditional)
        if equivalent is not None and text != money(value, code):
            text += f" ({'' if code == 'USD' else '≈ '}{money(equivalent, 'USD')})"
        return text
    text = money(value, code)
    if equivalent is not None and code != "USD":
        text += f" (≈ {money(equivalent, 'USD')})"
    return text


def unit_usd(value: Any, unit: Any) -> str | None:
    """`≈ $61.7bn` for a figure whose configured unit is money (`亿元`, `USD`), else None."""
    scale = unit_amount(unit)
    n = as_number(value)
    if scale is None or n is None:
        return None
    usd = to_usd(n * scale[0], scale[1])
    if usd is None:
        return None
    return ("" if scale[1] == "USD" else "≈ ") + money(usd, "USD")


# --- ratings ---------------------------------------------------------------------------------------------------


def scale_word(level: Any) -> str:
    return SCALE_WORDS.get(str(level or ""), "")


def rating_inline(word: Any, level: Any) -> str:
    """The broker's word, with the common scale beside it when the word does not already say it:
    `買入 (Buy)`, `Overweight`, `Buy`."""
    text = str(word or "")
    scale = scale_word(level)
    if not scale or fold(scale) == fold(text) or text.isascii():
        return text
    return f"{text} ({scale})"


def rating_move(alert: Alert) -> tuple[str, str]:
    """(the broker's words, the common scale) for the rating field: (`Equal-weight → Overweight`,
    `Hold → Outperform`); either may be empty."""
    f, d = alert.fields, alert.derived
    new, old = f.get("rating"), f.get("old_rating")
    level, old_level = scale_word(d.get("rating_level")), scale_word(d.get("old_rating_level"))
    if new and old and fold(str(new)) != fold(str(old)):
        words = f"{old} → {new}"
        scale = f"{old_level or '?'} → {level or '?'}" if level or old_level else ""
    else:
        words = str(new or old or "")
        scale = level or old_level
    if scale and fold(scale) == fold(words):
        scale = ""
    return words, scale
