"""benchmarks/bench_vs_reader.py runs and prints every row of the comparison (tiny sizes; no figure is judged
here: speed and memory are what the benchmark reports, not what a test asserts)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "benchmarks" / "bench_vs_reader.py"
HAS_READER = importlib.util.find_spec("reader") is not None
ROWS = (
    "first full update, CPU",
    "all unchanged (304) round, CPU",
    "unchanged poll / bare HTTP floor",
    "with one new entry, CPU per changed feed",
    "peak memory (RSS)",
    "memory per additional feed",
    "daemon import",
    "daemon start",
)

pytestmark = pytest.mark.system


@pytest.mark.skipif(not HAS_READER, reason="reader is not installed: .venv/bin/pip install -e '.[bench]'")
def test_runs_and_prints_every_row() -> None:
    r = subprocess.run(
        [sys.executable, str(SCRIPT), "--feeds", "5", "--mem-feeds", "10", "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=110,
    )
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    table = [line for line in r.stdout.splitlines() if line.startswith("| ")]
    for row in ROWS:
        assert any(line.startswith(f"| {row}") or row in line for line in table), f"no row {row!r}:\n{r.stdout}"
    assert all(line.rstrip().endswith(("| pass |", "| MISS |", "|  |")) for line in table[1:]), r.stdout
    assert "WORKLOAD DIFFERED" not in r.stdout, r.stdout


@pytest.mark.skipif(HAS_READER, reason="reader is installed; this checks the message shown without it")
def test_says_how_to_install_reader_when_missing() -> None:
    r = subprocess.run([sys.executable, str(SCRIPT), "--quick"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert ".venv/bin/pip install -e '.[bench]'" in r.stderr
