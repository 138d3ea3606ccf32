"""Rule language and engine: folding, boundaries, conditions, loader diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collectors.item import Item
from rules.engine import RuleEngine
from rules.loader import BUNDLED_PACKS, RuleLoadError, load_rules
from rules.model import Rule
from rules.normalize import fold
from rules.terms import Term


def item(title: str, summary: str = "", source: str = "src") -> Item:
    return Item(id="i", source=source, title=title, summary=summary)


def rule(**kw: object) -> Rule:
    return Rule.model_validate({"id": "r", **kw})


def fired(rules: list[Rule], it: Item) -> list[str]:
    return [m.rule.id for m in RuleEngine(rules).match(it)]


def test_fold_width_case_and_script() -> None:
    assert fold("ＡＢＣ１２３％") == "abc123%"
    assert fold("授權協議") == fold("授权协议") == "授权协议"
    assert fold("Licensing") == "licensing"


@pytest.mark.parametrize(
    ("term", "text", "hit"),
    [
        ("授权", "雙方達成授權合作", True),  # Traditional text, Simplified term
        ("授權", "双方达成授权合作", True),  # and the other way round
        ("license", "LICENSE deal", True),
        ("license", "ｌｉｃｅｎｓｅ deal", True),  # full-width letters
        ("license", "licensed", False),  # whole words by default
        ("licens*", "licensed", True),  # trailing * matches word starts
        ("option", "stock options", False),
        ("pt", "adapt", False),
        ("BD", "BD交易", True),  # Latin term next to CJK is on a boundary
        ("30-year fixed", "the 30-Year Fixed rate", True),
    ],
)
def test_term_matching(term: str, text: str, hit: bool) -> None:
    assert (fired([rule(any=[term])], item(text)) == ["r"]) is hit


def test_any_all_none_regex_sources_and_scope() -> None:
    r = rule(any=["deal"], all=["pfizer", "biotech"], none=["rumour"], regex=[r"\$\d+"], sources=["wire-*"])
    ok = item("Pfizer biotech deal for $100", source="wire-1")
    assert fired([r], ok) == ["r"]
    assert fired([r], item("Pfizer biotech deal for $100 rumour", source="wire-1")) == []
    assert fired([r], item("Pfizer deal for $100", source="wire-1")) == []  # `all` not met
    assert fired([r], item("Pfizer biotech deal", source="wire-1")) == []  # regex not met
    assert fired([r], Item(id="i", source="other", title=ok.title)) == []  # sources filter
    title_only = rule(any=["deal"], **{"in": "title"})
    assert fired([title_only], item("nothing here", "a deal in the summary")) == []
    assert fired([title_only], item("a deal", "")) == ["r"]


def test_regex_is_folded_and_case_insensitive() -> None:
    r = rule(regex=[r"住戶貸款(增加|減少)\d+"])
    assert fired([r], item("住户贷款减少500亿元")) == ["r"]
    assert fired([rule(regex=["FREDDIE MAC"])], item("freddie mac survey")) == ["r"]


def test_pathological_regex_does_not_hang() -> None:
    # catastrophic for backtracking engines; linear on RE2
    r = rule(regex=[r"(a+)+$"], any=["a*"])
    engine = RuleEngine([rule(id="x", regex=[r"(x+x+)+y"])])
    assert engine.match(item("x" * 50_000)) == []
    assert fired([r], item("a" * 10_000 + "!")) == []


def test_disabled_rules_and_matched_terms_reported_as_written() -> None:
    on = rule(id="on", any=["授權", "deal"])
    off = rule(id="off", any=["deal"], enabled=False)
    matches = RuleEngine([on, off]).match(item("雙方授权合作 deal"))
    assert [m.rule.id for m in matches] == ["on"]
    assert matches[0].terms == ("授權", "deal")


@given(st.text(max_size=200))
def test_engine_never_crashes_and_agrees_with_naive_search(text: str) -> None:
    terms = ["授权", "deal", "首付款"]
    engine = RuleEngine([rule(any=terms)])
    folded = fold(text)
    expected = any(
        Term.parse(t).text in folded
        and any(
            Term.parse(t).fits(folded, i, i + len(Term.parse(t).text))
            for i in range(len(folded))
            if folded.startswith(Term.parse(t).text, i)
        )
        for t in terms
    )
    assert bool(engine.match(item(text))) is expected


def test_loader_reports_every_problem_with_position(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "rules:\n"
        "  - id: good\n    any: [x]\n"
        "  - id: typo\n    any: [y]\n    sevrity: high\n"
        "  - id: badregex\n    regex: '(unclosed'\n"
        "  - id: nothing\n    description: no conditions\n",
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text("rules:\n  - id: good\n    any: [z]\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("rules:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleLoadError) as err:
        load_rules([tmp_path])
    text = "\n".join(str(p) for p in err.value.problems)
    a, b, c = (str(tmp_path / n) for n in ("a.yaml", "b.yaml", "c.yaml"))
    assert f"{a}:6:5: unknown key `sevrity`; did you mean `severity`?" in text
    assert f"{a}:8:5: `regex`: invalid regex '(unclosed': missing )" in text
    assert f"{a}:9:5:" in text and "needs at least one of `any`, `all`, `near`, `regex` or `extract`" in text
    assert f"{b}:2:5: duplicate rule id `good` (first in {a}:2)" in text
    assert f"{c}:" in text and "YAML syntax error" in text


def test_loader_flags_duplicate_keys_and_wrong_shapes(tmp_path: Path) -> None:
    f = tmp_path / "r.yaml"
    f.write_text("rules:\n  - id: a\n    any: [x]\n    any: [y]\n  - just a string\n", encoding="utf-8")
    problems = load_rules([f], strict=False).problems
    msgs = [str(p) for p in problems]
    assert any(":4:5: duplicate key `any` (first at line 3)" in m for m in msgs)
    assert any(":5:5: each rule must be a mapping" in m for m in msgs)
    (tmp_path / "r.yaml").write_text("- id: a\n", encoding="utf-8")
    assert "expected a mapping with a `rules:` list" in str(load_rules([f], strict=False).problems[0])


def test_bundled_packs_load_and_cover_three_themes() -> None:
    loaded = load_rules([BUNDLED_PACKS])
    events = {r.event for r in loaded.rules}
    assert {"bd_deal", "mortgage_print", "price_target"} <= events
