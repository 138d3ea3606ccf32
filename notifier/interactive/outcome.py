"""What became of one reader action: the handler's answer, and what cards and replies are drawn from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from domain.alert import Alert
from domain.judgements import Silence, Verdict
from notifier.interactive.actions import Action

Status = Literal["done", "duplicate", "refused", "failed", "ignored"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one action: `done` (something was written), `duplicate` (all of it was there already:
    a redelivery), `refused` (workspace or user not allowed), `failed` (unknown alert, nothing to mute),
    `ignored` (a link button). `message` is one line for the reader and the log."""

    action: Action
    status: Status
    message: str
    alert: Alert | None = None
    silence: Silence | None = None  # the silence the action made (or had made, for a duplicate)
    verdict: Verdict | None = None
    expired: str | None = None  # the silence id ended early
