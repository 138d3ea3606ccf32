"""Numbers, money and percentages in English, Simplified and Traditional Chinese news text.

Pure and I/O-free: extractors call it on every item. Spans always index the caller's text, because folding
(full-width → ASCII, the Traditional characters we read → Simplified) maps one character to one character.
Every regex is precompiled and bounded; repeated groups begin with a character the previous piece cannot
end with, so matching stays linear even on hostile input. Arithmetic is `Decimal`, so `1,356.55億` becomes
exactly 135655000000.0 rather than a float product.

Decisions (see also the function docstrings):
- 兆 is 10^12 (Traditional financial usage: 1.28兆 = 1.28万亿), except before a physical unit (兆瓦 = MW).
- An amount needs a currency or a scale: "2025年", "12個月", "Q3", "5nm", "01276.HK" are never amounts;
  "1.28兆" and "2.5 billion" are amounts with currency None (then `default_currency`). One-letter scales
  (5m, 4K, 3M) count only next to a currency, since alone they are metres, resolutions and company names.
- Ranges ("5-10億", "$5-10 billion", "5至10亿美元", "三到五万") give two amounts: a bare first half borrows
  the second's scale and currency, a scaled second half borrows the first's currency.
- Decreases: 減少/减少, 下降, 下滑, 下跌, 降低, 縮減, 回落, "fell", "decreased by", "down", "minus" directly
  before an amount make it negative; "fell to", "降至" introduce a level and do not. 少增 ("increased by
  less") stays positive. A loss (亏损, "lost") is a positive amount of loss.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final

__all__ = [
    "Money",
    "find_amounts",
    "find_percentage_points",
    "find_percents",
    "parse_amount",
    "parse_number",
]


@dataclass(frozen=True, slots=True)
class Money:
    """One amount found in text: `value` in units of `currency` (ISO code, None when not stated)."""

    value: float
    currency: str | None
    start: int
    end: int
    raw: str


# --------------------------------------------------------------------------------------------- folding

# Traditional → Simplified for the characters the patterns below read; nothing else is touched.
_TRAD_SIMP: Final = (
    "萬万億亿兩两負负減减幣币圓圆歐欧鎊镑韓韩臺台紐纽盧卢門门銖铢塊块錢钱點点餘余個个約约達达過过"
    "幾几數数縮缩計计貳贰陸陆漲涨級级淨净貨货"
)


def _build_fold() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII: NFKC gives one character each
        folded = unicodedata.normalize("NFKC", chr(cp))
        if len(folded) == 1:
            table[cp] = folded
    for ch in "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000":
        table[ord(ch)] = " "
    table.update({0x2212: "-", 0xFE63: "-", 0xFFE5: "¥", 0xFFE1: "£", 0xFFE0: "¢", 0xFFE6: "₩"})
    for trad, simp in zip(_TRAD_SIMP[0::2], _TRAD_SIMP[1::2], strict=True):
        table[ord(trad)] = simp
    return table


_FOLD: Final = _build_fold()


def _fold(text: str) -> str:
    """Same length as `text`, so a span in the folded text is a span in the original."""
    return text.translate(_FOLD)


# --------------------------------------------------------------------------------------------- numerals

_DIGIT_VALUE: Final = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_SMALL_VALUE: Final = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_VALUE: Final = {"万": 10**4, "亿": 10**8, "兆": 10**12}

_DIG: Final = "".join(_DIGIT_VALUE)
# After 千 and 兆 these are SI units (千瓦 kW, 兆瓦 MW, 千克 kg), not thousands or trillions.
_PHYS: Final = "瓦赫字帕焦位比伏克米卡"
_SMALL: Final = rf"(?:[十拾佰]|百(?!分)|[千仟](?![{_PHYS}]))"
_BIG: Final = rf"(?:[万亿]|兆(?![{_PHYS}]))"
_UNIT: Final = rf"(?:{_SMALL}{_BIG}{{0,2}}|{_BIG}{{1,2}})"
_ARABIC: Final = r"(?:[0-9]{1,3}(?:,[0-9]{3}){1,5}|[0-9]{1,16})(?:\.[0-9]{1,15})?(?![0-9])"
# Arabic form: 1,356.55 | 4417 億 | 3千万 | 1.5万亿 | 130多万 | 1亿2000万
_A_FORM: Final = rf"(?<![0-9]){_ARABIC}(?:[ ]?[多余]?{_UNIT}(?:{_ARABIC}[多余]?{_UNIT}){{0,2}})?"
# Chinese form: 三千五百万 | 十二亿 | 两千亿 | 三点五亿
_C_FORM: Final = rf"(?:[{_DIG}]|{_SMALL}|{_BIG}){{1,20}}(?:点[{_DIG}]{{1,8}}(?:{_SMALL}|{_BIG}){{0,3}})?"
_TOKEN: Final = re.compile(rf"(?P<a>{_A_FORM})|(?P<c>{_C_FORM})")
_PIECE: Final = re.compile(rf"[0-9]{{1,16}}(?:\.[0-9]{{1,15}})?|点|[{_DIG}]|[十拾百佰千仟]|[万亿兆]")


@dataclass(slots=True)
class _Parsed:
    value: Decimal
    tail: Decimal  # trailing unit multiplier, lent to the first half of a range ("5-10亿")
    has_unit: bool
    has_big: bool
    has_digit: bool  # a Chinese digit character (一…九, 两), not only units
    lead_unit: bool  # Chinese form starting with 百/千/万/亿 (implicit one): 千万 is "by all means"


def _value(pieces: list[str]) -> Decimal | None:
    """Mixed Arabic/Chinese numeral → value; None when the pieces do not form one number."""
    if len(pieces) > 1 and all(p in _DIGIT_VALUE for p in pieces):  # 二〇二五: positional digits
        return Decimal("".join(str(_DIGIT_VALUE[p]) for p in pieces))
    if pieces[0] in _BIG_VALUE and not all(p in _BIG_VALUE for p in pieces):
        return None  # 万一 is "just in case", not 11000
    total = section = Decimal(0)
    cur: Decimal | None = None
    cur_cn = zero = False
    last_small = 10**5
    last_big: int | None = None
    last_unit: int | None = None
    frac: Decimal | None = None
    for p in pieces:
        if p == "点":
            if cur is None or frac is not None or not cur_cn:
                return None
            frac = Decimal("0.1")
            continue
        if p in _DIGIT_VALUE:
            d = _DIGIT_VALUE[p]
            if frac is not None and cur is not None:
                cur += d * frac
                frac /= 10
                cur_cn = False
            elif d == 0:
                if cur is not None:
                    return None
                zero, last_unit = True, None
            elif cur is not None:
                return None
            else:
                cur, cur_cn = Decimal(d), True
            continue
        if p[0].isdigit():
            if cur is not None or frac is not None:
                return None
            cur, cur_cn = Decimal(p), False
            continue
        if frac is not None and frac == Decimal("0.1"):
            return None  # 三点亿: no digit after 点
        frac = None
        if p in _SMALL_VALUE:
            u = _SMALL_VALUE[p]
            if u >= last_small:
                return None
            section += (cur if cur is not None else 1) * u
            last_small, last_unit, cur, zero = u, u, None, False
            continue
        big = _BIG_VALUE[p]
        val = section + (cur if cur is not None else 0)
        if last_big is None:
            total = (val if (cur is not None or last_small < 10**5) else Decimal(1)) * big  # 万 alone is 1万
            last_big = big
        elif big > last_big:  # 万亿, 千万亿: the higher unit scales everything so far
            total = (total + val) * big
            last_big *= big
        elif big < last_big and val:
            total += val * big
            last_big = big
        else:
            return None
        section, cur, zero, last_small, last_unit = Decimal(0), None, False, 10**5, big
    if frac is not None and frac == Decimal("0.1"):
        return None
    tail = cur if cur is not None else Decimal(0)
    if cur is not None and cur_cn and not zero and last_unit is not None:
        tail = cur * last_unit / 10  # 一万五 = 15000, 三千五 = 3500
    return total + section + tail


def _parse_token(token: str, cform: bool) -> _Parsed | None:
    clean = token.replace(",", "").replace(" ", "").replace("多", "").replace("余", "")
    pieces = _PIECE.findall(clean)
    if sum(map(len, pieces)) != len(clean) or not pieces:
        return None
    value = _value(pieces)
    if value is None:
        return None
    tail = Decimal(1)
    for p in reversed(pieces):
        if p in _BIG_VALUE:
            tail *= _BIG_VALUE[p]
        elif p in _SMALL_VALUE and not cform:
            tail *= _SMALL_VALUE[p]
        else:
            break
    return _Parsed(
        value=value,
        tail=tail,
        has_unit=any(p in _BIG_VALUE or p in _SMALL_VALUE for p in pieces),
        has_big=any(p in _BIG_VALUE for p in pieces),
        has_digit=any(p in _DIGIT_VALUE for p in pieces),
        lead_unit=cform and (pieces[0] in _BIG_VALUE or pieces[0] in ("百", "佰", "千", "仟")),
    )


# --------------------------------------------------------------------------------------------- context

_SCALE_WORDS: Final = {
    "trillion": 10**12, "tn": 10**12, "trn": 10**12, "billion": 10**9, "bn": 10**9, "bln": 10**9,
    "million": 10**6, "mn": 10**6, "mln": 10**6, "mil": 10**6, "thousand": 10**3,
    "crore": 10**7, "crores": 10**7, "lakh": 10**5, "lakhs": 10**5, "lac": 10**5, "lacs": 10**5,
}  # fmt: skip
_SCALE_LETTERS: Final = {"k": 10**3, "K": 10**3, "m": 10**6, "M": 10**6, "MM": 10**6, "mm": 10**6,
                         "b": 10**9, "B": 10**9, "T": 10**12}  # fmt: skip
_SCALE: Final = re.compile(
    r"(?:[ -]?(?P<w>(?i:trillion|billion|million|thousand|crores|crore|lakhs|lakh|lacs|lac|trn|tn|bln|bn|mln|mn|mil))"
    r"|(?P<l>MM|mm|[kKmMbBT]))(?![A-Za-z0-9])",
    re.ASCII,
)

_PERCENT_AFTER: Final = re.compile(
    r"[ ]?(?:(?P<pct>%|(?i:percent|per cent|pct)(?![A-Za-z]))"
    r"|(?P<pp>个?百分点|(?i:percentage points?|ppts?|pp)(?![A-Za-z]))"
    r"|(?P<bp>个?基点|(?i:basis points?|bps|bp)(?![A-Za-z]))|‰)",
    re.ASCII,
)

# Chinese currency words after the number; the first alternative that matches wins, so longer words come
# first where they share a beginning (元人民币 before 元). Generic words (元, dollars) take a stated prefix.
_CN_CURRENCY: Final = {
    "元人民币": "CNY", "人民币元": "CNY", "人民币": "CNY", "美元": "USD", "美金": "USD", "港元": "HKD",
    "港币": "HKD", "港圆": "HKD", "新台币": "TWD", "台币": "TWD", "新加坡元": "SGD", "新元": "SGD",
    "新币": "SGD", "澳门元": "MOP", "澳门币": "MOP", "澳元": "AUD", "澳币": "AUD", "加元": "CAD",
    "加币": "CAD", "纽元": "NZD", "欧元": "EUR", "英镑": "GBP", "日元": "JPY", "日圆": "JPY", "日币": "JPY",
    "円": "JPY", "韩元": "KRW", "韩圆": "KRW", "瑞士法郎": "CHF", "瑞郎": "CHF", "印度卢比": "INR",
    "卢比": "INR", "泰铢": "THB", "卢布": "RUB",
}  # fmt: skip
_CN_GENERIC: Final = ("元", "圆", "块钱")
_CN_SUFFIX: Final = re.compile(
    r"[ ]?[多余]?(?P<cur>" + "|".join(_CN_CURRENCY) + r"|元(?![年月旦素件化论组首宵帅气老])|圆|块钱)"
)

_EN_CURRENCY: Final = {
    "us dollar": "USD", "u.s. dollar": "USD", "hong kong dollar": "HKD", "hk dollar": "HKD",
    "new taiwan dollar": "TWD", "taiwan dollar": "TWD", "singapore dollar": "SGD",
    "australian dollar": "AUD", "canadian dollar": "CAD", "new zealand dollar": "NZD", "yuan": "CNY",
    "renminbi": "CNY", "euro": "EUR", "japanese yen": "JPY", "yen": "JPY", "pounds sterling": "GBP",
    "pound sterling": "GBP", "pound": "GBP", "sterling": "GBP", "swiss franc": "CHF", "franc": "CHF",
    "south korean won": "KRW", "korean won": "KRW", "won": "KRW", "indian rupee": "INR", "rupee": "INR",
}  # fmt: skip
_ISO: Final = (
    "USD", "CNY", "CNH", "RMB", "HKD", "TWD", "NTD", "EUR", "JPY", "GBP", "CHF", "KRW", "SGD", "AUD",
    "CAD", "INR", "NZD", "MOP", "BRL", "MXN", "RUB", "THB",
)  # fmt: skip
_EN_SUFFIX: Final = re.compile(
    r"[ ]?(?P<cur>(?i:"
    + "|".join(re.escape(k) + "s?" for k in sorted(_EN_CURRENCY, key=len, reverse=True))
    + r"|dollars?)|"
    + "|".join(_ISO)
    + r")(?![A-Za-z])",
    re.ASCII,
)

_PREFIX_CURRENCY: Final = {
    "U.S.$": "USD", "US$": "USD", "USD": "USD", "$": "USD", "HK$": "HKD", "HKD": "HKD", "NT$": "TWD",
    "TWD": "TWD", "NTD": "TWD", "SG$": "SGD", "S$": "SGD", "SGD": "SGD", "AU$": "AUD", "A$": "AUD",
    "AUD": "AUD", "CAN$": "CAD", "CA$": "CAD", "C$": "CAD", "CAD": "CAD", "NZ$": "NZD", "NZD": "NZD",
    "R$": "BRL", "BRL": "BRL", "MX$": "MXN", "MXN": "MXN", "€": "EUR", "EUR": "EUR", "£": "GBP",
    "GBP": "GBP", "JP¥": "JPY", "JPY": "JPY", "CN¥": "CNY", "RMB¥": "CNY", "RMB": "CNY", "Rmb": "CNY",
    "rmb": "CNY", "CNY": "CNY", "CNH": "CNY", "CHF": "CHF", "SFr.": "CHF", "SFr": "CHF", "₩": "KRW",
    "KRW": "KRW", "₹": "INR", "INR": "INR", "Rs.": "INR", "Rs": "INR", "₽": "RUB", "RUB": "RUB",
    "MOP$": "MOP", "MOP": "MOP", "THB": "THB", "¥": "¥",
    "人民币": "CNY", "美元": "USD", "美金": "USD", "港币": "HKD", "港元": "HKD", "新台币": "TWD",
    "台币": "TWD", "日元": "JPY", "日圆": "JPY", "欧元": "EUR", "英镑": "GBP", "韩元": "KRW", "澳元": "AUD",
    "加元": "CAD", "新加坡元": "SGD", "瑞士法郎": "CHF",
}  # fmt: skip
# Searched in a short window ending at the number: the leftmost start is the longest symbol (US$ over $).
_PREFIX: Final = re.compile(
    r"(?<![A-Za-z])(?P<cur>"
    + "|".join(re.escape(k) for k in sorted(_PREFIX_CURRENCY, key=len, reverse=True))
    + r")[ ]?$"
)
_PREFIX_LAST: Final = frozenset("$€£¥₩₹₽.币元镑郎圆金 ")  # or an ASCII letter: the end of a currency code

_NEGATION: Final = re.compile(
    r"(?:减少|下降|下滑|下跌|降低|缩减|回落"
    r"|(?<![A-Za-z])(?i:fell|falls?|fallen|dropped|drops?|declined|declines?|decreased|decreases?"
    r"|down|minus|shrank|shrunk|slid|slipped))"
    r"了?(?:[ ]?(?i:by|of)(?![A-Za-z]))?"
    r"(?:[ ]?(?:约|近|逾|超过|超|达|(?i:about|around|nearly|some|roughly|almost|approximately|an estimated)))?"
    r"[ ]?$",
    re.ASCII,
)
_RANGE_GAP: Final = re.compile(r"[ ]?(?:-|–|—|~|至|到|(?i:to))[ ]?", re.ASCII)
_PER_CENT_OF: Final = re.compile(rf"百分之(?P<neg>负|-)?(?:(?P<a>{_ARABIC})|(?P<c>{_C_FORM}))")
_VAGUE_BEFORE: Final = "数几上"  # 数十亿, 几百万: "tens of", not ten
_UNIT_CHARS: Final = frozenset(_SMALL_VALUE) | frozenset(_BIG_VALUE)
# A "-" after these is a hyphen or a range dash, never a minus sign.
_NOT_SIGN_AFTER: Final = frozenset("%)]}") | frozenset(_BIG_VALUE) | frozenset("十百千元圆币镑郎円")
_HAN: Final = re.compile(r"[\u3400-\u9fff]")
_KANA: Final = re.compile(r"[\u3040-\u30ff]")


@dataclass(slots=True)
class _Cand:
    start: int  # whole span: sign, currency, number, scale, currency word
    end: int
    value: Decimal  # unsigned
    tail: Decimal
    sign: int
    cform: bool
    parsed: _Parsed
    scaled: bool  # a Chinese unit or an English scale
    letter_scale: bool  # the scale was a single letter (5m, 4K)
    currency: str | None
    percent: str | None  # "pct" | "pp" | "bp" | "permille"
    vague: bool
    range_of: _Cand | None = None  # the first half when this is the second half of a range
    negated: bool = False


def _is_ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _minus_is_sign(f: str, i: int) -> bool:
    """A "-" at `i` is a minus sign unless it joins two words or two numbers (C-CAR031, 5-10, 1亿-2亿)."""
    if i == 0:
        return True
    ch = f[i - 1]
    if ch == " ":  # "5 - 10" is a range, "a loss of -$3bn" a sign
        return i < 2 or not (f[i - 2].isdigit() or f[i - 2] in _NOT_SIGN_AFTER)
    return not (ch.isdigit() or _is_ascii_letter(ch) or ch in _NOT_SIGN_AFTER)


def _resolve_yen(f: str, start: int, end: int) -> str:
    """¥ is yuan in Chinese text and yen elsewhere (English wires write ¥ for yen, yuan as CNY/Rmb)."""
    window = f[max(0, start - 30) : end + 30]
    if _KANA.search(window):
        return "JPY"
    return "CNY" if _HAN.search(window) else "JPY"


def _scan(f: str) -> list[_Cand]:
    """Every number in folded text `f`, with its sign, scale, currency and percent marker."""
    out: list[_Cand] = []
    last_end = 0
    n = len(f)
    for m in _TOKEN.finditer(f):
        s, e = m.span()
        if s < last_end:
            continue
        cform = m.group("c") is not None
        parsed = _parse_token(m.group(), cform)
        if parsed is None:
            continue
        if not cform and s >= 2 and f[s - 1] == "." and f[s - 2].isdigit():
            continue  # version string 1.2.3
        value, tail, pos = parsed.value, parsed.tail, e
        scaled, letter_scale = (parsed.has_big if cform else parsed.has_unit), False
        percent: str | None = None
        pm = _PERCENT_AFTER.match(f, pos)
        if pm:
            percent = pm.lastgroup if pm.lastgroup in ("pct", "pp", "bp") else "permille"
            pos = pm.end()
        suffix: str | None = None
        generic = False
        if percent is None:
            if not parsed.has_unit:
                sm = _SCALE.match(f, pos)
                if sm:
                    word = sm.group("w")
                    mult = _SCALE_WORDS.get(word.lower(), 1) if word else _SCALE_LETTERS.get(sm.group("l"), 1)
                    value, tail, pos = value * mult, Decimal(mult), sm.end()
                    scaled, letter_scale = True, word is None
            cm = _CN_SUFFIX.match(f, pos)
            if cm:
                word = cm.group("cur")
                suffix, generic = _CN_CURRENCY.get(word, "CNY"), word in _CN_GENERIC
                pos = cm.end()
            else:
                em = _EN_SUFFIX.match(f, pos)
                if em:
                    word = em.group("cur").lower()
                    if word.startswith("dollar"):
                        suffix, generic = "USD", True
                    elif word.upper() in _ISO:
                        suffix = _PREFIX_CURRENCY.get(word.upper(), "CNY")
                    else:
                        suffix = _EN_CURRENCY.get(word.rstrip("s"), _EN_CURRENCY.get(word, "USD"))
                    pos = em.end()
            if pos == e and not cform and pos < n:
                nxt = f[pos]
                if _is_ascii_letter(nxt) or (nxt == "." and pos + 1 < n and _is_ascii_letter(f[pos + 1])):
                    continue  # 5nm, 2030E, 3D, 01276.HK
        # left: sign, then currency symbol or code, then a sign before the symbol (-$3bn)
        start, sign = s, 1
        if start > last_end:
            ch = f[start - 1]
            if ch == "负":
                sign, start = -1, start - 1
            elif ch in "-+" and _minus_is_sign(f, start - 1):
                sign, start = (-1 if ch == "-" else 1), start - 1
        prefix: str | None = None
        if percent is None and start > last_end and (f[start - 1] in _PREFIX_LAST or _is_ascii_letter(f[start - 1])):
            pm2 = _PREFIX.search(f, max(last_end, start - 8), start)
            if pm2:
                prefix, start = pm2.group("cur"), pm2.start()
                if (
                    sign == 1
                    and start > last_end
                    and (f[start - 1] == "负" or (f[start - 1] == "-" and _minus_is_sign(f, start - 1)))
                ):
                    sign, start = -1, start - 1
        if prefix is None and s > 0 and _is_ascii_letter(f[s - 1]):
            continue  # JYB1904, Q3, GPC3: part of a code, not a number
        currency: str | None
        if suffix is not None and not generic:
            currency = suffix
        elif prefix is not None:
            currency = _PREFIX_CURRENCY[prefix]
            if currency == "¥":
                currency = "CNY" if suffix == "CNY" else _resolve_yen(f, start, pos)
        else:
            currency = suffix
        vague = cform and m.group()[0] in _UNIT_CHARS and s > 0 and f[s - 1] in _VAGUE_BEFORE
        out.append(
            _Cand(
                start=start,
                end=pos,
                value=value,
                tail=tail,
                sign=sign,
                cform=cform,
                parsed=parsed,
                scaled=scaled,
                letter_scale=letter_scale,
                currency=currency,
                percent=percent,
                vague=vague,
            )
        )
        last_end = pos
    return out


def _link_ranges(cands: list[_Cand], f: str) -> None:
    """5-10亿, $5-10 billion, 5至10%: the bare first half borrows scale, currency or % from the second."""
    for a, b in itertools.pairwise(cands):
        if a.percent or not _RANGE_GAP.fullmatch(f, a.end, b.start):
            continue
        if b.percent:
            if not a.scaled and a.currency is None:
                a.percent = b.percent
            continue
        borrowed = False
        if b.scaled and not a.scaled:
            a.value *= b.tail
            a.scaled, a.letter_scale, borrowed = True, b.letter_scale, True
        if a.currency is None and b.currency is not None and a.scaled == b.scaled:
            a.currency, borrowed = b.currency, True  # 5-10元, 5-10亿美元
        if b.currency is None and a.currency is not None and b.scaled:
            b.currency = a.currency  # $5-10 billion; but not "$5 - 10 days"
        if borrowed:
            b.range_of = a  # one figure written as a range: a decrease word governs both ends


def _is_amount(c: _Cand) -> bool:
    if c.percent is not None:
        return False
    if c.currency is not None:
        return not c.vague
    if c.letter_scale:
        return False
    if c.cform:
        return c.scaled and c.parsed.has_digit and not c.parsed.lead_unit
    return c.scaled


def _to_float(value: Decimal, sign: int) -> float | None:
    try:
        out = float(value) * sign
    except (InvalidOperation, OverflowError, ValueError):
        return None
    return out if math.isfinite(out) else None


# --------------------------------------------------------------------------------------------- public


def find_amounts(text: str, *, default_currency: str | None = None) -> list[Money]:
    """Every money or scaled quantity in running text, in order and non-overlapping.

    The span covers sign, currency symbol or word, number and scale ("US$500 million", "-$3bn",
    "人民幣311元"), but not a decrease word ("減少" in "減少8351億元" makes the value negative only).
    """
    f = _fold(text)
    cands = _scan(f)
    _link_ranges(cands, f)
    out: list[Money] = []
    prev_end = 0
    for c in cands:
        if not _is_amount(c):
            prev_end = max(prev_end, c.end)
            continue
        sign = c.sign
        if sign == 1 and c.start > prev_end and _NEGATION.search(f, max(prev_end, c.start - 32), c.start):
            sign, c.negated = -1, True
        elif c.range_of is not None and c.range_of.negated and sign == 1:
            sign = -1  # 减少5-10亿元: both ends decrease
        value = _to_float(c.value, sign)
        if value is None:
            continue
        currency = c.currency if c.currency is not None else default_currency
        out.append(Money(value=value, currency=currency, start=c.start, end=c.end, raw=text[c.start : c.end]))
        prev_end = c.end
    return out


def parse_amount(text: str) -> Money | None:
    """The first amount in `text`, or None."""
    found = find_amounts(text)
    return found[0] if found else None


def parse_number(text: str) -> float | None:
    """The value of one numeric expression filling the whole string, else None.

    Currency and scale are read but only the number is returned ("$1.2bn" → 1.2e9, "6.3億美元" → 6.3e8);
    a trailing % gives the value in percent ("39.2%" → 39.2); bare Chinese numerals count ("十二" → 12).
    """
    body = _fold(text).strip()
    if not body:
        return None
    cands = _scan(body)
    if len(cands) != 1:
        return None
    c = cands[0]
    if c.start != 0 or c.end != len(body) or c.percent in ("pp", "bp", "permille"):
        return None
    return _to_float(c.value, c.sign)


def _percent_like(text: str, kind: str) -> list[tuple[float, int, int]]:
    f = _fold(text)
    cands = _scan(f)
    _link_ranges(cands, f)
    found: list[tuple[float, int, int]] = []
    for c in cands:
        if c.percent != kind and not (kind == "pp" and c.percent == "bp"):
            continue
        value = _to_float(c.value / 100 if c.percent == "bp" else c.value, c.sign)
        if value is not None:
            found.append((value, c.start, c.end))
    if kind == "pct":
        for m in _PER_CENT_OF.finditer(f):
            num = m.group("a") or m.group("c")
            parsed = _parse_token(num, m.group("c") is not None)
            value = _to_float(parsed.value, -1 if m.group("neg") else 1) if parsed else None
            if value is not None:
                found.append((value, m.start(), m.end()))
    found.sort(key=lambda t: t[1])
    out: list[tuple[float, int, int]] = []
    for item in found:
        if not out or item[1] >= out[-1][2]:
            out.append(item)
    return out


def find_percents(text: str) -> list[tuple[float, int, int]]:
    """Percentages as (value in percent, start, end): "39.2%", "14.1 percent", "百分之五", "5-10%" (two).

    Percentage points and basis points are changes, not levels: they are left to `find_percentage_points`.
    Only an explicit sign makes a percentage negative ("-3.2%", "負3%"); "下降8.7%" stays 8.7, since a
    decrease word may govern a different figure than the percentage next to it.
    """
    return _percent_like(text, "pct")


def find_percentage_points(text: str) -> list[tuple[float, int, int]]:
    """Percentage-point changes as (points, start, end): "5个百分点" → 5, "25 bp" / "25个基点" → 0.25."""
    return _percent_like(text, "pp")
