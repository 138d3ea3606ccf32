"""The bundled extractors load on first use, not with the rules, and that first use is safe from threads."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(code: str) -> str:
    """In a fresh interpreter: what is imported is the point here."""
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_loading_the_bundled_rules_imports_no_extractor_module() -> None:
    printed = run(
        """
        import sys
        from rules.ruleset import load_ruleset
        from rules.files import BUNDLED_PACKS
        rules = load_ruleset([BUNDLED_PACKS]).ruleset()
        assert any(r.extract for r in rules.rules), "the bundled rules use extractors"
        print(sorted(m for m in sys.modules if m.startswith("rules.extract.") and m.split(".")[2] in
              ("bd_deal", "price_target", "mortgage_print", "numbers")))
        """
    )
    assert printed == "[]"


def test_first_use_from_several_threads_at_once_finds_every_extractor() -> None:
    printed = run(
        """
        import threading
        from rules.lazy_extractors import known_extractors
        from rules.extract import get_extractor
        start, seen = threading.Barrier(6), []
        def use():
            start.wait()
            known_extractors()
            seen.append(all(get_extractor(n) for n in ("bd_deal", "price_target", "mortgage_print")))
        threads = [threading.Thread(target=use) for _ in range(6)]
        for t in threads: t.start()
        for t in threads: t.join()
        print(seen.count(True))
        """
    )
    assert printed == "6"
