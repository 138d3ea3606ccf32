"""Precision, recall and F1 per event, and field accuracy, of the real `wirewatch match` on a labelled corpus.

Usage: python benchmarks/eval_corpus.py [CORPUS] [--rules PATH ...] [--errors]

CORPUS is JSON Lines (default tests/corpus/themes.jsonl; format in tests/corpus/README.md). Each item's gold
keys (`events`, `lang`, `hard`, `kind`, `note`) are stripped and the items are piped through
`wirewatch match --rules PATH ...` (default: the bundled packs in rules/packs) as a subprocess, exactly as
a user would run it. Predictions are then aligned to gold per item and per event type.

Alignment. The CLI prints one line per rule that fired: `{"item", "rule", "event", "fields"}`. `fields`
is one event's fields (a JSON object) or, for an extractor that finds several events of one type in one
item, a list of such objects. Within one (item, event type):
  * predictions are de-duplicated: several rules reporting the same event (equal fields after folding)
    count once, and a prediction whose fields are a subset of another's (e.g. `{}` from a keyword-only rule
    next to a fully extracted one) is absorbed by it — "several rules flagging one article make one alert";
  * gold and predicted events are paired one-to-one so that the number of agreeing fields is maximal.
    Pairs are true positives (TP); unpaired predictions are false positives (FP); unpaired gold events are
    false negatives (FN). precision = TP/(TP+FP), recall = TP/(TP+FN), F1 their harmonic mean.

Field accuracy, over TP pairs only, per event and field: `correct` (both have the field and the values
agree), `wrong` (both have it, values differ), `missing` (gold has it, prediction not), `extra`
(prediction has a field the gold omits: the text does not state it). accuracy =
correct / (correct + wrong + missing + extra); a gold field missing from every prediction counts against
the extractor, and so does an invented one.

Values agree when:
  * numbers (upfront, total, target, old_target, upside_pct, value, prior): equal within 0.5% relative
    (|a − b| ≤ 0.005 · max(|a|, |b|)); numeric strings are accepted ("311", "1.28e12");
  * strings: equal after folding — NFKC width folding, Traditional → Simplified (OpenCC t2s), case folding,
    whitespace and punctuation removed; party and company names also drop a trailing legal suffix
    (Inc., Corp., Ltd, PLC, AG, SA, Holding(s), Group, Co.); then mapped through the lexicons in
    rules/lexicons (brokers, pharma companies, ratings, currencies), so 大摩 = Morgan Stanley,
    阿斯利康 = AstraZeneca, 增持 = outperform, US$ = USD;
  * tickers: exchange prefixes dropped (NASDAQ:, NYSE:, HKEX:, LON:, ASX: …) and Hong Kong / mainland
    codes put in the corpus form (01276.HK → 1276.HK, 688506 → 688506.SH, .SS → .SH);
  * a gold value may be a list of acceptable alternatives (e.g. ["影石創新", "Insta360"]): any one agrees.

Also printed: items/s of the whole `wirewatch match` run, and excluding the CLI's start-up (measured by a
run on empty input). `--errors` lists every FP/FN item and every TP pair with a wrong, missing or extra
field (id, expected, got). The exit status is always 0: this is a measurement, not a gate.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "tests" / "corpus" / "themes.jsonl"
DEFAULT_RULES = ROOT / "rules" / "packs"
LEXICONS = ROOT / "rules" / "lexicons"
ITEM_KEYS = ("id", "title", "summary", "link", "published", "source")

EVENTS: dict[str, tuple[str, ...]] = {
    "bd_deal": ("licensor", "licensee", "asset", "deal_type", "upfront", "total", "currency"),
    "price_target": (
        "broker",
        "company",
        "ticker",
        "rating",
        "old_rating",
        "target",
        "old_target",
        "currency",
        "upside_pct",
        "action",
    ),
    "mortgage_print": ("indicator", "value", "unit", "period", "prior"),
}
NUMERIC = frozenset({"upfront", "total", "target", "old_target", "upside_pct", "value", "prior"})
LEXICON_OF = {
    "broker": "brokers",
    "licensor": "pharma_companies",
    "licensee": "pharma_companies",
    "company": "pharma_companies",
    "rating": "ratings",
    "old_rating": "ratings",
    "currency": "currencies",
    "unit": "currencies",
}
NAME_FIELDS = frozenset({"licensor", "licensee", "company", "broker"})
REL_TOL = 0.005

Fields = dict[str, Any]

# ── folding ──────────────────────────────────────────────────────────────────────────────────────────

_PUNCT = re.compile(r"[\s\-_.,·・'\"’‘“”()（）\[\]【】「」『』《》:：/、,，。]+")
_SUFFIX = re.compile(
    r"(?:[\s,]+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|plc|ag|sa|se|nv|llc|"
    r"holdings?|group)\.?)+$",
    re.IGNORECASE,
)
_TICKER_PREFIX = re.compile(r"^([A-Z][A-Z ]*?)\s*[:：]\s*(.+)$")
# exchange prefix → suffix of the corpus form ("" = US listing, bare symbol)
_EXCHANGE_SUFFIX = {
    "NASDAQ": "",
    "NYSE": "",
    "NYSE AMERICAN": "",
    "AMEX": "",
    "OTC": "",
    "OTCQB": "",
    "OTCQX": "",
    "HKEX": ".HK",
    "SEHK": ".HK",
    "HK": ".HK",
    "LON": ".L",
    "LSE": ".L",
    "ASX": ".AX",
    "TSE": ".T",
    "TYO": ".T",
    "TWSE": ".TW",
    "TPEX": ".TWO",
    "SSE": ".SH",
    "SZSE": ".SZ",
    "SWX": ".SW",
    "ETR": ".DE",
    "XETRA": ".DE",
    "EPA": ".PA",
    "KRX": ".KS",
}


def _t2s() -> Any:
    try:
        import opencc

        return opencc.OpenCC("t2s")
    except Exception:  # pragma: no cover - opencc is a project dependency
        return None


_CONVERTER = _t2s()


def fold_text(text: str) -> str:
    """NFKC, Traditional → Simplified, case-folded, with whitespace and punctuation removed."""
    text = unicodedata.normalize("NFKC", text)
    if _CONVERTER is not None:
        text = _CONVERTER.convert(text)
    return _PUNCT.sub("", text.casefold())


def _entries(data: Any) -> dict[str, list[str]]:
    """`canonical: [aliases]` under a wrapper key (brokers, companies, ratings, currencies) or at top level."""
    if isinstance(data, dict):
        for key in ("entries", "brokers", "companies", "ratings", "currencies"):
            if isinstance(data.get(key), dict):
                return _entries(data[key])
        return {str(k): [str(a) for a in (v or [])] for k, v in data.items() if isinstance(v, list | type(None))}
    return {}


def load_lexicon(name: str) -> dict[str, str]:
    """Folded alias → canonical name, for one lexicon file (empty if the file is absent)."""
    path = LEXICONS / f"{name}.yaml"
    if not path.exists():
        return {}
    entries = _entries(yaml.safe_load(path.read_text(encoding="utf-8")))
    out: dict[str, str] = {}
    for canonical, aliases in entries.items():
        for alias in (canonical, *aliases):
            folded = fold_text(alias)
            if folded:
                out.setdefault(folded, canonical)
    return out


_LEXICONS: dict[str, dict[str, str]] = {}


def _lexicon(name: str) -> dict[str, str]:
    if name not in _LEXICONS:
        _LEXICONS[name] = load_lexicon(name)
    return _LEXICONS[name]


def canonical_ticker(raw: str) -> str:
    t = unicodedata.normalize("NFKC", raw).strip().upper()
    m = _TICKER_PREFIX.match(t)
    if m and m.group(1).strip() in _EXCHANGE_SUFFIX:
        t = m.group(2).replace(" ", "") + _EXCHANGE_SUFFIX[m.group(1).strip()]
    t = t.replace(" ", "")
    t = re.sub(r"\.SS$", ".SH", t)
    m = re.fullmatch(r"0*(\d{1,5})\.HK", t)
    if m:
        return f"{int(m.group(1)):04d}.HK"
    m = re.fullmatch(r"(\d{6})", t)
    if m:
        code = m.group(1)
        suffix = ".SH" if code[0] in "69" else ".BJ" if code[0] in "48" else ".SZ"
        return code + suffix
    m = re.fullmatch(r"(\d{4,5})HK", t)
    if m:
        return f"{int(m.group(1)):04d}.HK"
    m = re.fullmatch(r"([A-Z][A-Z.\-]*)\.(?:US|O|N|OQ)", t)
    if m:
        return m.group(1)
    return t


def fold_value(name: str, value: Any) -> Any:
    """The comparable form of one field value (numbers stay numbers)."""
    if value is None:
        return None
    if name in NUMERIC:
        return _as_number(value)
    text = str(value)
    if name == "ticker":
        return fold_text(canonical_ticker(text))
    lexicon = _lexicon(LEXICON_OF[name]) if name in LEXICON_OF else {}
    forms = [fold_text(text)]
    if name in NAME_FIELDS:
        stripped = _SUFFIX.sub("", unicodedata.normalize("NFKC", text).strip())
        if stripped:
            forms.append(fold_text(stripped))
        # "大摩 (Morgan Stanley)": a name as written with its canonical form in parentheses
        inner = re.fullmatch(r"(.+?)\s*[(（]([^()（）]+)[)）]", text.strip())
        if inner:
            forms += [fold_text(inner.group(1)), fold_text(inner.group(2))]
    for form in forms:
        if form in lexicon:
            return fold_text(lexicon[form])
    return forms[-1]


def _as_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).replace(",", "").strip())
    except ValueError:
        return None


def values_agree(name: str, gold: Any, pred: Any) -> bool:
    """Gold may be a list of acceptable alternatives."""
    alternatives = gold if isinstance(gold, list) else [gold]
    p = fold_value(name, pred)
    for alt in alternatives:
        g = fold_value(name, alt)
        if name in NUMERIC:
            if isinstance(g, float) and isinstance(p, float) and abs(g - p) <= REL_TOL * max(abs(g), abs(p)):
                return True
        elif g is not None and g == p:
            return True
    return False


# ── predictions ──────────────────────────────────────────────────────────────────────────────────────


def _signature(fields: Fields) -> dict[str, Any]:
    return {k: fold_value(k, v) for k, v in fields.items() if v is not None}


def dedupe(predictions: Sequence[Fields]) -> list[Fields]:
    """Drop repeats and predictions whose fields are a subset of another prediction's."""
    sigs = [_signature(p) for p in predictions]
    keep: list[int] = []
    for i, sig in enumerate(sigs):
        absorbed = False
        for j, other in enumerate(sigs):
            if i == j:
                continue
            subset = all(k in other and _same(k, v, other[k]) for k, v in sig.items())
            if subset and (len(other) > len(sig) or (len(other) == len(sig) and j < i)):
                absorbed = True
                break
        if not absorbed:
            keep.append(i)
    return [predictions[i] for i in keep]


def _same(name: str, a: Any, b: Any) -> bool:
    if name in NUMERIC:
        return isinstance(a, float) and isinstance(b, float) and abs(a - b) <= REL_TOL * max(abs(a), abs(b))
    return bool(a == b)


def score(gold: Fields, pred: Fields) -> int:
    return sum(1 for k, v in gold.items() if k in pred and values_agree(k, v, pred[k]))


def align(gold: Sequence[Fields], pred: Sequence[Fields]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index) maximising agreeing fields; len = min(len(gold), len(pred))."""
    if not gold or not pred:
        return []
    if len(gold) <= len(pred):
        small, large, flip = gold, pred, False
    else:
        small, large, flip = pred, gold, True
    matrix = [[score(g, p) if not flip else score(p, g) for p in large] for g in small]
    best: tuple[int, tuple[int, ...]] = (-1, ())
    if len(large) <= 7:
        for perm in itertools.permutations(range(len(large)), len(small)):
            total = sum(matrix[i][j] for i, j in enumerate(perm))
            if total > best[0]:
                best = (total, perm)
        chosen = list(enumerate(best[1]))
    else:  # greedy for unusually crowded items
        used: set[int] = set()
        chosen = []
        for i in range(len(small)):
            j = max((j for j in range(len(large)) if j not in used), key=lambda j: matrix[i][j])
            used.add(j)
            chosen.append((i, j))
    return [(j, i) if flip else (i, j) for i, j in chosen]


# ── running the CLI ──────────────────────────────────────────────────────────────────────────────────


def wirewatch_command() -> list[str]:
    script = Path(sys.executable).parent / "wirewatch"
    return [str(script)] if script.exists() else [sys.executable, "-m", "wirewatch"]


def run_match(lines: Iterable[str], rules: Sequence[str]) -> tuple[str, str, float]:
    payload = "".join(lines)
    start = time.perf_counter()
    proc = subprocess.run(
        [*wirewatch_command(), "match", "--rules", *rules],
        input=payload,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    return proc.stdout, proc.stderr, time.perf_counter() - start


def parse_predictions(stdout: str) -> dict[tuple[str, str], list[Fields]]:
    out: dict[tuple[str, str], list[Fields]] = defaultdict(list)
    for line in stdout.splitlines():
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        event = row.get("event")
        if not isinstance(row, dict) or event not in EVENTS:
            continue
        fields = row.get("fields")
        events = fields if isinstance(fields, list) else [fields]
        for f in events:
            out[(str(row.get("item")), event)].append(dict(f) if isinstance(f, dict) else {})
    return out


# ── scoring ──────────────────────────────────────────────────────────────────────────────────────────


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class FieldCounts:
    correct: int = 0
    wrong: int = 0
    missing: int = 0
    extra: int = 0

    @property
    def n(self) -> int:
        return self.correct + self.wrong + self.missing + self.extra

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0


@dataclass
class Report:
    events: dict[str, Counts] = field(default_factory=lambda: {e: Counts() for e in EVENTS})
    by_lang: dict[tuple[str, str], Counts] = field(default_factory=lambda: defaultdict(Counts))
    fields: dict[str, dict[str, FieldCounts]] = field(
        default_factory=lambda: {e: {f: FieldCounts() for f in fs} for e, fs in EVENTS.items()}
    )
    errors: list[str] = field(default_factory=list)


def evaluate(rows: Sequence[dict[str, Any]], predictions: dict[tuple[str, str], list[Fields]]) -> Report:
    report = Report()
    for row in rows:
        item_id, lang = str(row["id"]), str(row.get("lang", "?"))
        gold_by_event: dict[str, list[Fields]] = defaultdict(list)
        for ev in row.get("events", []):
            gold_by_event[ev["event"]].append(dict(ev.get("fields") or {}))
        for event in EVENTS:
            gold = gold_by_event.get(event, [])
            pred = dedupe(predictions.get((item_id, event), []))
            pairs = align(gold, pred)
            tp, fp, fn = len(pairs), len(pred) - len(pairs), len(gold) - len(pairs)
            for counts in (report.events[event], report.by_lang[(lang, event)]):
                counts.tp += tp
                counts.fp += fp
                counts.fn += fn
            paired_gold = {g for g, _ in pairs}
            paired_pred = {p for _, p in pairs}
            for i, g in enumerate(gold):
                if i not in paired_gold:
                    report.errors.append(f"{item_id}  FN {event}: expected {_show(g)}; got nothing")
            for j, p in enumerate(pred):
                if j not in paired_pred:
                    report.errors.append(f"{item_id}  FP {event}: expected nothing; got {_show(p)}")
            for gi, pj in pairs:
                g, p = gold[gi], pred[pj]
                bad: list[str] = []
                for name in EVENTS[event]:
                    fc = report.fields[event][name]
                    in_g, in_p = name in g, p.get(name) is not None
                    if in_g and in_p:
                        if values_agree(name, g[name], p[name]):
                            fc.correct += 1
                        else:
                            fc.wrong += 1
                            bad.append(f"{name}: expected {_j(g[name])}, got {_j(p[name])}")
                    elif in_g:
                        fc.missing += 1
                        bad.append(f"{name}: expected {_j(g[name])}, got nothing")
                    elif in_p:
                        fc.extra += 1
                        bad.append(f"{name}: expected nothing, got {_j(p[name])}")
                if bad:
                    report.errors.append(f"{item_id}  fields {event}: " + "; ".join(bad))
    return report


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _show(fields: Fields) -> str:
    return _j(fields) if fields else "{} (no fields)"


# ── printing ─────────────────────────────────────────────────────────────────────────────────────────


def print_report(report: Report, rows: Sequence[dict[str, Any]], show_errors: bool) -> None:
    print(f"{'event':<16}{'gold':>6}{'pred':>6}{'TP':>6}{'FP':>6}{'FN':>6}{'precision':>11}{'recall':>8}{'F1':>8}")
    for event, c in report.events.items():
        print(
            f"{event:<16}{c.tp + c.fn:>6}{c.tp + c.fp:>6}{c.tp:>6}{c.fp:>6}{c.fn:>6}"
            f"{c.precision:>11.3f}{c.recall:>8.3f}{c.f1:>8.3f}"
        )
    langs = sorted({str(r.get("lang", "?")) for r in rows})
    print("\nF1 by language:")
    for event in EVENTS:
        cells = []
        for lang in langs:
            lc = report.by_lang.get((lang, event))
            cells.append(f"{lang} {lc.f1:.3f} (TP {lc.tp} FP {lc.fp} FN {lc.fn})" if lc else f"{lang} -")
        print(f"  {event:<16}" + "   ".join(cells))
    print("\nfield accuracy over true-positive events = correct / (correct + wrong + missing + extra)")
    for event, per_field in report.fields.items():
        total = FieldCounts()
        print(f"  {event}")
        for name, fc in per_field.items():
            total.correct += fc.correct
            total.wrong += fc.wrong
            total.missing += fc.missing
            total.extra += fc.extra
            acc = f"{fc.accuracy:.3f}" if fc.n else "  -  "
            print(
                f"    {name:<12} n {fc.n:>4}  correct {fc.correct:>4}  wrong {fc.wrong:>4}  "
                f"missing {fc.missing:>4}  extra {fc.extra:>4}  accuracy {acc}"
            )
        acc = f"{total.accuracy:.3f}" if total.n else "  -  "
        print(f"    {'(all)':<12} n {total.n:>4}  correct {total.correct:>4}  accuracy {acc}")
    if show_errors:
        print(f"\nerrors ({len(report.errors)}):")
        for line in report.errors:
            print("  " + line)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS), help="labelled JSON Lines corpus")
    parser.add_argument("--rules", nargs="+", metavar="PATH", default=[str(DEFAULT_RULES)], help="rule files/folders")
    parser.add_argument("--errors", action="store_true", help="list misclassified items and wrong fields")
    args = parser.parse_args(argv)

    path = Path(args.corpus)
    try:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        print(f"cannot read corpus {path}: {exc}")
        return 0
    lines = [json.dumps({k: r.get(k) for k in ITEM_KEYS}, ensure_ascii=False) + "\n" for r in rows]

    _, _, startup = run_match([], args.rules)
    stdout, stderr, elapsed = run_match(lines, args.rules)
    if stderr.strip():
        print("wirewatch match stderr:\n" + stderr.strip())
    predictions = parse_predictions(stdout)

    langs: dict[str, int] = defaultdict(int)
    for r in rows:
        langs[str(r.get("lang", "?"))] += 1
    mix = ", ".join(f"{lang} {n}" for lang, n in sorted(langs.items()))
    print(f"corpus {path}: {len(rows)} items ({mix}); rules: {' '.join(args.rules)}")
    net = max(elapsed - startup, 1e-9)
    print(
        f"wirewatch match: {len(rows)} items in {elapsed:.2f} s = {len(rows) / elapsed:.0f} items/s "
        f"(start-up {startup:.2f} s; {len(rows) / net:.0f} items/s excluding start-up)\n"
    )
    print_report(evaluate(rows, predictions), rows, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
