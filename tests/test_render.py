"""Pure rendering: Block Kit limits for extreme alerts, mrkdwn escaping, truncation, excerpts, fallbacks."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collectors.item import Item
from notifier.blocks import truncate
from notifier.card import card_for
from notifier.cards.keyword import blocks as render_blocks
from notifier.cards.keyword import text as render_text
from notifier.excerpt import EXCERPT_CHARS, excerpt
from store.records import Alert
from tests.servers.slack import block_problems

LINK = "https://news.test/bd-1?id=7"
LEAD = ":red_circle: *HIGH* · "  # severity first, on every card


def make_alert(
    title: str = "Biogen licenses bispecific antibody",
    summary: str = "Biogen signed an exclusive license agreement.",
    link: str = LINK,
    *,
    matched: tuple[str, ...] = ("license agreement",),
    fields: dict[str, Any] | None = None,
    event: str | None = "bd_deal",
    severity: str = "high",
    rule: str = "bd-license",
    source: str = "en-wire",
    published: str | None = "2025-03-04T05:06:00+00:00",
) -> Alert:
    item = Item(id="item-1", source=source, title=title, summary=summary, link=link, published=published)
    return Alert(
        id="a" * 32,
        rule=rule,
        item=item,
        event=event,
        severity=severity,
        matched=matched,
        fields=fields if fields is not None else {"upfront": "$80 million"},
    )


def texts(blocks: list[dict[str, Any]]) -> list[str]:
    """Every mrkdwn string in the blocks, in order."""
    out = []
    for b in blocks:
        if b["type"] == "section":
            out.extend([b["text"]["text"]] if "text" in b else [f["text"] for f in b["fields"]])
        elif b["type"] == "context":
            out.extend(e["text"] for e in b["elements"])
    return out


# --- Block Kit limits ------------------------------------------------------------------------------------


@pytest.mark.parametrize("unit", ["x", "&", "<>", "授權", "😀", "a b "])
def test_extreme_alert_obeys_block_kit_limits(unit: str) -> None:
    big = (unit * 10_000)[:10_000]
    alert = make_alert(
        title=big,
        summary=big,
        matched=tuple(f"{unit}-term-{i:04d}" for i in range(2_000)),
        fields={f"{unit}key{i}": big for i in range(200)},
        rule=big,
        source=big,
    )
    blocks = render_blocks(alert)
    assert block_problems(blocks) == []
    assert blocks[0]["text"]["text"].startswith(f"{LEAD}*<{LINK}|")
    for t in texts(blocks):
        assert 0 < len(t) <= 3000


def test_extreme_alert_without_link_or_title_still_renders() -> None:
    alert = make_alert(title="", summary="", link="", matched=(), fields={}, event=None, published=None)
    blocks = render_blocks(alert)
    assert block_problems(blocks) == []
    assert blocks[0]["text"]["text"] == f"{LEAD}*item-1*"  # falls back to the item id


def test_at_most_ten_fields_are_rendered() -> None:
    alert = make_alert(fields={f"k{i:02d}": i for i in range(30)})
    fields = render_blocks(alert)[1]["fields"]
    assert len(fields) == 10
    assert fields[9]["text"] == "*k09*\n9"
    assert "k10" not in str(render_blocks(alert))


# --- links and escaping -----------------------------------------------------------------------------------


def test_title_links_to_the_article() -> None:
    blocks = render_blocks(make_alert())
    assert blocks[0] == {
        "type": "section",
        "text": {"type": "mrkdwn", "text": f"{LEAD}*<{LINK}|Biogen licenses bispecific antibody>*"},
    }


def test_mrkdwn_control_characters_in_title_are_escaped() -> None:
    title = "AT&T <b>beats</b> > estimates <!channel> <@U123>"
    blocks = render_blocks(make_alert(title=title))
    head = blocks[0]["text"]["text"].removeprefix(LEAD)
    assert head == (f"*<{LINK}|AT&amp;T &lt;b&gt;beats&lt;/b&gt; &gt; estimates &lt;!channel&gt; &lt;@U123&gt;>*")
    # The only raw control characters left are the link's own brackets.
    assert head.count("<") == 1
    assert head.count(">") == 1


def test_control_characters_escaped_everywhere_user_text_goes() -> None:
    nasty = "<!here> & <http://evil.test|click>"
    alert = make_alert(
        title="t",
        summary=nasty,
        matched=(nasty,),
        fields={nasty: nasty},
        rule=nasty,
        source=nasty,
    )
    for t in texts(render_blocks(alert))[1:]:
        assert "<!here>" not in t
        assert "<http://evil.test" not in t
        assert "&lt;!here&gt; &amp; &lt;http://evil.test|click&gt;" in t


def test_text_fallback_escapes_control_characters() -> None:
    text = render_text(make_alert(title="Q3 <!channel> beat & raise", link=""))
    assert "<" not in text
    assert ">" not in text
    assert "Q3 &lt;!channel&gt; beat &amp; raise" in text


@pytest.mark.parametrize(
    "link",
    [
        "https://news.test/a|b",
        "https://news.test/a>b",
        "https://news.test/a<b>|c",
        "https://news.test/q?x=1|2&y=<3>",
    ],
)
def test_link_with_pipe_or_angle_bracket_keeps_link_syntax(link: str) -> None:
    head = render_blocks(make_alert(title="Deal | news > today", link=link))[0]["text"]["text"].removeprefix(LEAD)
    m = re.fullmatch(r"\*<([^<>|]+)\|([^<>]*)>\*", head)
    assert m, head
    url, label = m.groups()
    assert url == link.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C")
    assert label == "Deal | news &gt; today"


# --- truncate ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "plain ascii text " * 40,
        "西比曼與阿斯利康簽訂獨家許可協議，授權其開發療法。" * 30,
        "😀🚀📈💰" * 100,
        "👩‍👩‍👧‍👦🇺🇸" * 100,
        "mixed 授權 😀 text " * 50,
    ],
)
@pytest.mark.parametrize("limit", [1, 2, 7, 50, 299])
def test_truncate_cuts_on_a_character_boundary(text: str, limit: int) -> None:
    out = truncate(text, limit)
    assert len(out) <= limit
    assert out.endswith("…")
    assert text.startswith(out[:-1])
    out.encode("utf-8")  # no lone surrogates: a code point was never split


def test_truncate_leaves_short_text_alone_and_drops_trailing_space() -> None:
    assert truncate("授權協議", 4) == "授權協議"
    assert truncate("", 0) == ""
    assert truncate("abc   defgh", 6) == "abc…"


# --- plain-text fallback and console ----------------------------------------------------------------------


def test_text_fallback_has_severity_title_and_link() -> None:
    text = render_text(make_alert(severity="critical", event="bd_deal"))
    assert text == f"[CRITICAL] Biogen licenses bispecific antibody ({LINK})"


def test_text_fallback_of_an_event_leads_with_its_headline_sentence() -> None:
    alert = make_alert(fields={"licensor": "RAPT Therapeutics", "licensee": "GSK", "deal_type": "acquisition"})
    assert (
        card_for(alert).text
        == f"[HIGH] GSK to acquire RAPT Therapeutics — Biogen licenses bispecific antibody ({LINK})"
    )


def test_text_fallback_is_bounded() -> None:
    assert len(render_text(make_alert(title="x" * 10_000))) <= 3000


def render_console(alert: Alert) -> str:
    return card_for(alert).console


def test_console_renders_one_block_per_alert() -> None:
    alerts = [
        make_alert(title=f"Deal {i}", link=f"https://news.test/{i}", matched=("license", f"term{i}"), rule=f"r{i}")
        for i in range(3)
    ]
    out = "\n".join(render_console(a) for a in alerts)
    assert out.count("┌─") == 3
    assert out.count("└─") == 3
    for i, a in enumerate(alerts):
        block = render_console(a)
        lines = block.splitlines()
        assert lines[0] == "┌─ [HIGH] BD deal: $80 million upfront", "severity and headline first"
        assert lines[-1] == "└─"
        assert all(line.startswith("│ ") for line in lines[1:-1])
        assert lines[1:3] == [f"│ Deal {i}", f"│ https://news.test/{i}"]
        assert lines[-2] == f"│ BD deal · rule r{i} · source en-wire · 2025-03-04 05:06 UTC"


def test_keyword_console_shows_title_terms_and_excerpt() -> None:
    alert = make_alert(event=None, fields={}, matched=("license agreement",), title="Biogen deal")
    lines = render_console(alert).splitlines()
    assert lines[0] == "┌─ [HIGH] Biogen deal"
    assert f"│ {LINK}" in lines and "│ matched: license agreement" in lines
    assert "│ Biogen signed an exclusive license agreement." in lines
    assert lines[-2] == "│ Keyword match · rule bd-license · source en-wire · 2025-03-04 05:06 UTC"


# --- hostile input: links and tags (issue 14, item 10) ----------------------------------------------------


def test_a_link_of_thousands_of_characters_never_pushes_the_title_out_of_the_first_block() -> None:
    for length in (2_900, 2_990, 5_000, 20_000):
        link = "https://news.test/" + "a" * length
        for alert in (make_alert(link=link), make_alert(link=link, fields={"licensee": "GSK", "licensor": "RAPT"})):
            blocks = card_for(alert).blocks
            assert block_problems(blocks) == []
            head = blocks[0]["text"]["text"]
            assert "Biogen licenses bispecific antibody" in head, (length, head[:200])
            assert len(head) <= 3000
            linked_anywhere = any(link in t for t in texts(blocks))
            assert linked_anywhere == (length < 2_950), "a link that fits a block of its own gets one"


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html,<b>x</b>",
        "vbscript:x",
        "ftp://x.test/a",
        "https://news.test/a b",
        "https://news.test/\x00a",
        " javascript:alert(1)",
    ],
)
def test_only_http_links_reach_a_card(link: str) -> None:
    for alert in (make_alert(link=link), make_alert(link=link, event=None, fields={})):
        card = card_for(alert)
        assert "Biogen licenses bispecific antibody" in card.blocks[0]["text"]["text"]
        for text in [*texts(card.blocks), card.text, card.console]:
            assert link.strip() not in text and "javascript" not in text.lower()


def test_text_that_looks_like_a_tag_stays_text_on_every_card() -> None:
    for event, fields in ((None, {}), ("bd_deal", {"licensee": "<b>GSK</b>", "licensor": "RAPT"})):
        card = card_for(make_alert(title="Stocks <fall> as yields rise", event=event, fields=fields))
        head = card.blocks[0]["text"]["text"]
        assert "Stocks &lt;fall&gt; as yields rise" in head
        assert "Stocks &lt;fall&gt; as yields rise" in card.text and "Stocks <fall> as yields rise" in card.console
        assert all("<b>" not in t and "<fall>" not in t for t in texts(card.blocks))


# --- excerpt ----------------------------------------------------------------------------------------------

FILLER = "市場消息持續發酵，投資人關注後續發展與監管動向。"
DEAL_ZH = "西比曼與阿斯利康簽訂獨家許可協議，授權其開發GPC3 CAR-T療法。"


@pytest.mark.parametrize(
    "prefix",
    [
        "",
        "分析師表示……",  # NFKC turns U+2026 into "...": folded text is longer than the original
        "氣溫38℃，",  # ℃ -> °C
    ],
)
def test_excerpt_centres_on_matched_term_in_traditional_text(prefix: str) -> None:
    text = prefix + FILLER * 30 + DEAL_ZH + FILLER * 30
    alert = make_alert(summary=text, matched=("授权",))  # the rule author wrote Simplified
    out = excerpt(alert)
    assert "授權" in out
    assert out.startswith("…")
    assert out.endswith("…")
    assert len(out) <= EXCERPT_CHARS + 2
    assert out.strip("…") in text


def test_excerpt_prefers_the_longest_matched_term() -> None:
    text = "licence " + "padding words here. " * 40 + "exclusive license agreement signed. " + "more. " * 80
    out = excerpt(make_alert(summary=text, matched=("licence", "exclusive license agreement")))
    assert "exclusive license agreement" in out


def test_excerpt_of_short_summary_is_the_summary() -> None:
    assert excerpt(make_alert(summary="授權協議")) == "授權協議"


def test_excerpt_without_a_findable_term_starts_at_the_beginning() -> None:
    text = FILLER * 40
    out = excerpt(make_alert(summary=text, matched=("not there",)))
    assert not out.startswith("…")
    assert out.endswith("…")
    assert text.startswith(out[:-1])


# --- property ---------------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.text(max_size=4000),
    summary=st.text(max_size=4000),
    link=st.one_of(st.just(""), st.text(max_size=300)),
    matched=st.lists(st.text(max_size=50), max_size=30).map(tuple),
    fields=st.dictionaries(st.text(max_size=30), st.text(max_size=500), max_size=15),
)
def test_any_unicode_alert_renders_valid_blocks(
    title: str, summary: str, link: str, matched: tuple[str, ...], fields: dict[str, str]
) -> None:
    alert = make_alert(title=title, summary=summary, link=link, matched=matched, fields=fields)
    blocks = render_blocks(alert)
    assert block_problems(blocks) == []
    if not link:
        # No link markup, so no raw control character may survive in the title block.
        assert "<" not in blocks[0]["text"]["text"]
        assert ">" not in blocks[0]["text"]["text"]
    assert len(render_text(alert)) <= 40_000
