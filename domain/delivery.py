"""One alert bound for one target: the outbox's unit of work."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Delivery:
    """One alert bound for one target (e.g. `console`, `slack:#market-signals`)."""

    alert_id: str
    target: str
    status: str = "pending"  # pending | sent | failed | held (for the next digest) | digested (ref: digest id)
    attempts: int = 0
    next_attempt: float = 0.0
    last_error: str | None = None
    ref: str | None = None  # the target's id for the message (Slack ts)
    updated_at: float = 0.0
    # Set when a send began and may have reached the target (no answer, 5xx, timeout): before sending again,
    # the target's recent messages are checked for this alert, so a post that landed is never repeated.
    in_doubt_since: float | None = None
