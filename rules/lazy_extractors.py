"""The bundled extractors are imported on first use (their regexes, tables and converters are most of what the
rules cost in start-up and memory); this makes that first use safe from several threads at once.

`rules.extract` marks its bundled modules loaded before it has imported them, so a second thread asking for
an extractor while the first is still importing would find it missing (KeyError). Every caller outside
`rules/extract/` goes through `known_extractors()` first: one thread imports, the others wait for it.
"""

from __future__ import annotations

import threading

_lock = threading.Lock()
_names: tuple[str, ...] | None = None


def known_extractors() -> tuple[str, ...]:
    """Every registered extractor's name, the bundled ones imported (once, by one thread) if not yet."""
    global _names
    if _names is None:
        with _lock:
            if _names is None:
                from rules.extract import extractor_names

                _names = tuple(extractor_names())
    from rules.extract import EXTRACTORS

    return tuple(sorted(EXTRACTORS)) if len(EXTRACTORS) != len(_names) else _names  # later registrations too
