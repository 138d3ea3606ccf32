"""Sector tables of calls: "X发表研究报告,对Y股投资评级及目标价表列如下:股份 | 投资评级 | 目标价(港元) …".

Hong Kong outlets print a broker's sector note as rows `name(ticker.HK) [quote noise] | rating [-> rating] |
price元 [-> price元] [| change]`. Each row states one company's call: one event per row, rows whose rating or
target changed first (they are the news), in table order. A table without such rows gives nothing.
"""

from __future__ import annotations

import re
from typing import Any

from rules.extract import Fields
from rules.extract.common import original, round_value
from rules.extract.pt_words import SCALE, rating_level

# The lead-in that announces a table: "…投资评级及目标价表列如下", "…列出对内银股投资评级及目标价", "如下表".
TABLE_LEAD = re.compile(
    r"表列如下|列表如下|如下表|列出[^。:：]{0,30}?(?:评级|目标价)|评级及目标价(?:[^。]{0,12}如下|\s*[(（]表[)）])"
)
_BAR = r"[|│┃｜]"
# One row. The name is read backwards from the ticker; quote noise (price, change, short-selling ratio) may sit
# between the ticker and the first bar, but no bar and no new ticker (a "相關內容" link to another story that a page
# prints between rows names a ticker of its own: the row is the one whose ticker comes last).
_ROW = re.compile(
    r"[(（](?P<code>\d{4,5})\.hk[)）][^|│┃｜(（\n]{0,20}(?:(?![(（]\d{4,5}\.hk)[(（][^)）\n]{0,16}[)）][^|│┃｜\n]{0,60}?)?"
    + _BAR
    + r"\s*(?P<r1>[^|│┃｜\s>→\-]{1,10})\s*(?:(?:->|→|－>)\s*(?P<r2>[^|│┃｜\s]{1,10})\s*)?"
    + _BAR
    + r"\s*(?:hk\$|\$)?(?P<t1>\d{1,6}(?:\.\d{1,4})?)\s*(?:港?元)?\s*(?:(?:->|→|－>)\s*(?:hk\$|\$)?(?P<t2>\d{1,6}(?:\.\d{1,4})?)\s*(?:港?元)?)?"
)
_NAME_BEFORE = re.compile(r"([\u4e00-\u9fffA-Za-z0-9\-&]{2,16})\s*$")
_SECTION = re.compile(r"^(?:[\u4e00-\u9fff]{1,5}股|股份|目标价|港元|\)|等|及)")  # (等/及: the tail of a related story)
_MAX_ROWS = 40


def table_events(text: str, folded: str, broker: str, lead_end: int) -> list[Fields]:
    """Events for the rows after a table lead-in ending at `lead_end` (offsets in `folded`)."""
    changed: list[Fields] = []
    steady: list[Fields] = []
    currency = "HKD" if re.search(r"港元|hk\$", folded[lead_end : lead_end + 60]) or ".hk" in folded else None
    prev_end = lead_end
    for n, m in enumerate(_ROW.finditer(folded, lead_end)):
        if n >= _MAX_ROWS:
            break
        name = _row_name(text, folded, prev_end, m.start())
        prev_end = m.end()
        new_r, old_r = (m.group("r2"), m.group("r1")) if m.group("r2") else (m.group("r1"), None)
        if rating_level(new_r) is None or (old_r is not None and rating_level(old_r) is None) or not name:
            continue
        fields: dict[str, Any] = {"broker": broker, "company": name, "ticker": f"{int(m.group('code')):04d}.HK"}
        fields["rating"] = original(
            text, folded, m.start("r2") if old_r else m.start("r1"), m.end("r2") if old_r else m.end("r1")
        )
        t_new, t_old = (m.group("t2"), m.group("t1")) if m.group("t2") else (m.group("t1"), None)
        fields["target"] = round_value(float(t_new))
        action = "reiterate"
        if old_r is not None and rating_level(old_r) != rating_level(new_r):
            fields["old_rating"] = original(text, folded, m.start("r1"), m.end("r1"))
            better = SCALE.index(rating_level(new_r) or "hold") < SCALE.index(rating_level(old_r) or "hold")
            action = "upgrade" if better else "downgrade"
        if t_old is not None and float(t_old) != float(t_new):
            fields["old_target"] = round_value(float(t_old))
            if action == "reiterate":
                action = "raise_target" if float(t_new) > float(t_old) else "cut_target"
        if currency:
            fields["currency"] = currency
        fields["action"] = action
        (steady if action == "reiterate" else changed).append(fields)
    # the changed rows are the table's news, in the table's order (its first changed row leads, as the labellers
    # of real tables read it), before the reiterations
    return changed + steady


def _row_name(text: str, folded: str, lo: int, ticker_start: int) -> str | None:
    """The company name just before a row's ticker: the last run of name characters, without a leading
    section label ("内银股工商银行" → "工商银行") or header remains."""
    window_start = max(lo, ticker_start - 40)
    m = _NAME_BEFORE.search(folded, window_start, ticker_start)
    if not m:
        return None
    start = m.start(1)
    run = folded[start : m.end(1)]
    sec = _SECTION.match(run)
    while sec and len(run) - sec.end() >= 2:
        start += sec.end()
        run = folded[start : m.end(1)]
        sec = _SECTION.match(run)
    name = original(text, folded, start, m.end(1))
    return name if len(name) >= 2 else None
