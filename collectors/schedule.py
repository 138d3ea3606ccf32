"""When to poll a source next: a pure decision from the last outcome, so it is tested without a clock.

Healthy sources poll every `interval`, later if the server asks (Retry-After on 429/503, Cache-Control
max-age); failing sources back off exponentially up to a cap, and keep being polled at that cap, so a broken
feed is retried for as long as it is configured and never stops silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HOUR = 3600.0
_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d+)\"?", re.IGNORECASE)
_NO_CACHE = re.compile(r"(?:^|[,\s])(?:no-cache|no-store)(?:$|[,\s=])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PollPolicy:
    """The polling knobs shared by every source (from `fetch:` and `jitter` in the config)."""

    jitter: float = 0.1  # ± fraction of the delay, so sources sharing an interval spread out
    backoff_cap: float = 6 * HOUR  # longest wait between polls of a failing source
    redirect_persist: int = 3  # consecutive polls a 301/308 must repeat before its target is adopted


def parse_max_age(cache_control: str | None, age: str | None = None) -> float | None:
    """Seconds the response stays fresh per `Cache-Control: max-age` (less `Age`); None if not cacheable."""
    if not cache_control or _NO_CACHE.search(cache_control):
        return None
    m = _MAX_AGE.search(cache_control)
    if not m:
        return None
    fresh = float(m.group(1))
    if age and age.strip().isdigit():
        fresh -= float(age.strip())
    return max(0.0, fresh)


def backoff(interval: float, failures: int, cap: float) -> float:
    """interval, 2×, 4×, … per consecutive failure, never above `cap` (nor below the interval itself)."""
    if failures <= 0:
        return interval
    # clamp the exponent: a source failing for months must not overflow a float
    grown = interval * 2.0 ** min(failures - 1, 60)
    return max(interval, min(cap, grown))


def next_delay(
    interval: float,
    *,
    failures: int = 0,
    retry_after: float | None = None,
    max_age: float | None = None,
    policy: PollPolicy = PollPolicy(),  # frozen: a shared default is safe
    u: float = 0.5,
) -> float:
    """Seconds until the next poll.

    `u` in [0, 1) is the random draw for jitter (0.5 means none), passed in to keep this pure. A server may
    push the next poll out (Retry-After, max-age) but only up to the backoff cap: a stray `max-age=31536000`
    must not silence a feed for a year. Jitter never brings a poll earlier than the server asked.
    """
    base = backoff(interval, failures, policy.backoff_cap)
    ceiling = max(interval, policy.backoff_cap)
    floor = 0.0
    for asked in (retry_after, max_age):
        if asked is not None and asked > 0:
            floor = max(floor, min(asked, ceiling))
    base = max(base, floor)
    jittered = base * (1.0 + policy.jitter * (2.0 * min(max(u, 0.0), 1.0) - 1.0))
    return max(jittered, floor, 1.0)
