"""What we remember about one source between polls (and across restarts). Frozen, JSON-serialisable."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class SourceState:
    """What we remember about one source between polls (and across restarts)."""

    source_id: str
    etag: str | None = None
    last_modified: str | None = None
    baseline_done: bool = False
    last_poll: float | None = None
    last_success: float | None = None
    last_error: str | None = None
    consecutive_failures: int = 0
    entries_seen: int = 0
    last_new_entry: float | None = None
    next_poll: float | None = None
    # polling (issue 5); every field has a default so older records still load
    url: str | None = None  # the configured URL this state was built against; a config edit resets what depends on it
    adopted_url: str | None = None  # a 301/308 target adopted after it persisted
    redirect_candidate: str | None = None  # a permanent redirect seen but not yet adopted
    redirect_count: int = 0  # consecutive polls that redirected permanently to the candidate
    body_hash: str | None = None  # of the last 200 body: an identical re-send counts as unchanged
    last_error_at: float | None = None
    failing_since: float | None = None  # first failure of the current streak
    disabled: str | None = None  # why polling stopped (HTTP 410); None while active
    disabled_at: float | None = None
    gap_mean: float | None = None  # usual time between polls that brought new entries (moving average)
    gap_count: int = 0
    health_alert: str | None = None  # the ops condition currently alerted: failing | quiet | disabled
    health_key: str | None = None  # identifies that episode, so its alert and recovery are sent once

    def to_json(self) -> str:
        # every field by name (not dataclasses.asdict, which deep-copies: a fifth of an unchanged poll's save)
        return json.dumps({name: getattr(self, name) for name in _FIELDS})

    @classmethod
    def from_json(cls, raw: str | bytes) -> SourceState:
        data = json.loads(raw)
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def evolve(self, **changes: Any) -> SourceState:
        return replace(self, **changes)


_FIELDS = tuple(f.name for f in fields(SourceState))
