"""User regexes run on RE2: linear time, so a pathological pattern cannot hang the daemon."""

from __future__ import annotations

from functools import lru_cache

import re2

from domain.text import fold_script

MAX_PATTERN = 2_000


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> re2._Regexp:
    """Compile case-insensitively after the same width/script folding applied to the text."""
    if len(pattern) > MAX_PATTERN:
        raise ValueError(f"regex longer than {MAX_PATTERN} characters")
    options = re2.Options()
    options.case_sensitive = False
    options.max_mem = 64 << 20
    options.log_errors = False
    try:
        return re2.compile(fold_script(pattern), options)
    except re2.error as exc:
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise ValueError(f"invalid regex {pattern!r}: {reason}") from None
