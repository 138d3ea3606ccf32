"""benchmarks/eval_corpus.py: value folding, de-duplication, alignment and scoring, and one real run."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_corpus", ROOT / "benchmarks" / "eval_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_corpus"] = module
    spec.loader.exec_module(module)
    return module


ev = _load()


def test_values_agree_folds_numbers_scripts_lexicons_and_tickers() -> None:
    assert ev.values_agree("total", 1.28e12, "1.28e12")
    assert ev.values_agree("target", 311, 311.9)  # within 0.5%
    assert not ev.values_agree("target", 311, 315)
    assert ev.values_agree("broker", "Morgan Stanley", "大摩")
    assert ev.values_agree("broker", "JPMorgan", "摩根大通")
    assert ev.values_agree("licensee", "默沙东", "Merck & Co.")
    assert not ev.values_agree("licensee", "Merck", "Merck KGaA")
    assert ev.values_agree("company", ["影石創新", "Insta360"], "影石创新")
    assert ev.values_agree("company", "Moderna", "Moderna Inc.")
    assert ev.values_agree("rating", "outperform", "Overweight")
    assert ev.values_agree("currency", "HKD", "港元")
    for raw, canonical in [
        ("NASDAQ: BIIB", "BIIB"),
        ("01276.HK", "1276.HK"),
        ("688506", "688506.SH"),
        ("ASX:CSL", "CSL.AX"),
    ]:
        assert ev.values_agree("ticker", canonical, raw), raw


def test_dedupe_absorbs_repeats_and_subsets() -> None:
    full = {"licensor": "Hansoh", "licensee": "Merck", "total": 2e9}
    assert ev.dedupe([{}, full, dict(full), {"licensor": "翰森"}]) == [full]
    other = {"licensor": "Akeso", "licensee": "Pfizer"}
    assert ev.dedupe([full, other]) == [full, other]


def test_align_pairs_the_best_matching_events() -> None:
    gold = [{"licensee": "GSK", "total": 2.2e9}, {"licensee": "阿斯利康", "total": 6.3e8}]
    pred = [{"licensee": "AstraZeneca", "total": 6.3e8}]
    assert ev.align(gold, pred) == [(1, 0)]
    assert ev.align([], pred) == []


def test_evaluate_counts_events_and_fields() -> None:
    rows: list[dict[str, Any]] = [
        {"id": "a", "lang": "en", "events": [{"event": "bd_deal", "fields": {"licensee": "GSK", "total": 2.2e9}}]},
        {"id": "b", "lang": "en", "events": []},
    ]
    lines = "\n".join(
        json.dumps(x)
        for x in [
            {
                "item": "a",
                "rule": "r1",
                "event": "bd_deal",
                "fields": [{"licensee": "GSK", "total": 2.2e9, "asset": "X"}],
            },
            {"item": "a", "rule": "r2", "event": "bd_deal", "fields": {}},
            {"item": "b", "rule": "r1", "event": "price_target", "fields": {}},
            {"item": "b", "rule": "r3", "event": None, "fields": {}},
        ]
    )
    report = ev.evaluate(rows, ev.parse_predictions(lines))
    deal = report.events["bd_deal"]
    assert (deal.tp, deal.fp, deal.fn) == (1, 0, 0)
    pt = report.events["price_target"]
    assert (pt.tp, pt.fp, pt.fn) == (0, 1, 0)
    fields = report.fields["bd_deal"]
    assert fields["licensee"].correct == 1 and fields["total"].correct == 1
    assert fields["asset"].extra == 1 and fields["asset"].accuracy == 0.0


def test_real_run_prints_the_tables_and_exits_zero(tmp_path: Path) -> None:
    rows = [
        json.loads(line) for line in (ROOT / "tests" / "corpus" / "themes.jsonl").read_text("utf-8").splitlines()[:12]
    ]
    corpus = tmp_path / "small.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "eval_corpus.py"), str(corpus), "--errors"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "items/s" in proc.stdout
    for event in ("bd_deal", "price_target", "mortgage_print"):
        assert event in proc.stdout
    assert "field accuracy" in proc.stdout
