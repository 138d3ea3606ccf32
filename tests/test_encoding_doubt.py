"""A Chinese feed whose declared family is wrong (GBK/GB2312/GB18030 declared, Big5 sent, or the reverse) is read
right: both families decode the other's bytes without an error, so the reading made of common characters
wins, and the correction comes back as a stable fact the caller can log once per feed."""

from __future__ import annotations

import pytest

from collectors.encoding import common_share, rival_reading, to_utf8
from collectors.feed_parse import parse_feed

HANT = "高盛首次覆蓋影石創新"  # the headline (Traditional): as GB18030 it reads 蔼脖Ω滦籠紇…
HANT_SUMMARY = "證券交易所資料顯示，台積電第二季營業額增加新台幣1,234億元，美聯儲維持利率不變。"
HANS = "高盛首次覆盖影石创新"
HANS_SUMMARY = "证券交易所资料显示，台积电第二季营业额增加新台币1,234亿元，美联储维持利率不变。"


def feed(title: str, summary: str, declared: str | None, encoding: str) -> bytes:
    decl = f' encoding="{declared}"' if declared else ""
    doc = (
        f'<?xml version="1.0"{decl}?><rss version="2.0"><channel><title>財經</title>'
        f"<item><guid>zh-1</guid><title>{title}</title><description>{summary}</description></item>"
        f"<item><guid>zh-2</guid><title>{summary[:12]}</title></item>"
        "</channel></rss>"
    )
    return doc.encode(encoding)


@pytest.mark.parametrize("declared", ["gbk", "gb2312", "gb18030", "GBK", "x-gbk"])
def test_big5_bytes_declared_as_a_gb_charset_are_read_as_big5(declared: str) -> None:
    body = feed(HANT, HANT_SUMMARY, declared, "big5hkscs")
    assert HANT not in body.decode("gb18030")  # the blind reading "succeeds" with garbage
    d = to_utf8(body, f"application/rss+xml; charset={declared}")
    assert d.encoding == "big5hkscs"
    assert d.mismatch == (declared, "big5hkscs")
    assert d.note == f"declared {declared} but the body is big5hkscs"
    [first, _] = parse_feed(d.body, "zh", d.content_type).items
    assert (first.title, first.summary) == (HANT, HANT_SUMMARY)


@pytest.mark.parametrize("declared", ["big5", "Big5", "cp950", "big5-hkscs"])
def test_gbk_bytes_declared_as_big5_are_read_as_gb18030(declared: str) -> None:
    body = feed(HANS, HANS_SUMMARY, declared, "gbk")
    d = to_utf8(body, None)  # the XML declaration alone lies this time
    assert d.encoding == "gb18030"
    assert d.mismatch == (declared, "gb18030")
    [first, _] = parse_feed(d.body, "zh", d.content_type).items
    assert (first.title, first.summary) == (HANS, HANS_SUMMARY)


def test_gbk_bytes_that_big5_cannot_decode_at_all_are_read_as_gbk() -> None:
    text = "恒瑞医药：将HRS-5346项目有偿许可给默沙东 首付款2亿美元"
    body = feed(text, text, "big5", "gbk")
    d = to_utf8(body, "text/xml; charset=big5")
    assert d.encoding == "gb18030" and d.mismatch == ("big5", "gb18030")
    assert parse_feed(d.body, "zh", d.content_type).items[0].title == text


@pytest.mark.parametrize(
    ("title", "summary", "encoding", "declared", "codec"),
    [
        (HANS, HANS_SUMMARY, "gbk", "gbk", "gb18030"),
        (HANS, HANS_SUMMARY, "gb18030", "gb18030", "gb18030"),
        (HANT, HANT_SUMMARY, "big5", "big5", "big5hkscs"),
        (HANT, HANT_SUMMARY, "utf-8", "utf-8", "utf-8"),
    ],
)
def test_a_correct_declaration_is_kept(title: str, summary: str, encoding: str, declared: str, codec: str) -> None:
    d = to_utf8(feed(title, summary, declared, encoding), f"text/xml; charset={declared}")
    assert (d.encoding, d.mismatch, d.note) == (codec, None, None)
    assert parse_feed(d.body, "zh", d.content_type).items[0].title == title


def test_the_correction_is_the_same_fact_poll_after_poll() -> None:
    """Nothing is remembered here: the caller compares `mismatch` with what it logged for the feed."""
    first = to_utf8(feed(HANT, HANT_SUMMARY, "gbk", "big5hkscs"))
    edited = to_utf8(feed(HANT + "（更新）", HANT_SUMMARY, "gbk", "big5hkscs"))
    assert first.mismatch == edited.mismatch == ("gbk", "big5hkscs")


def test_the_frequency_test_directly() -> None:
    big5 = (HANT + HANT_SUMMARY).encode("big5")
    garbage = big5.decode("gb18030")
    assert common_share(HANT + HANT_SUMMARY) > 0.8
    assert common_share(garbage) < 0.3
    assert common_share("plain ASCII") == 0.0
    assert rival_reading(big5, garbage, "gb18030") == (HANT + HANT_SUMMARY, "big5hkscs")
    right = (HANS + HANS_SUMMARY).encode("gbk")
    assert rival_reading(right, right.decode("gb18030"), "gb18030") is None
    assert rival_reading(b"ascii only", "ascii only", "gb18030") is None
    assert rival_reading(big5, garbage, "utf-8") is None  # only the two Chinese families are rivals
