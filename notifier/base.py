"""What every notifier provides, and the outcome vocabulary the delivery worker acts on."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from domain.alert import Alert


@dataclass(frozen=True, slots=True)
class Outcome:
    ok: bool
    ref: str | None = None  # the target's id for the posted message
    error: str | None = None
    permanent: bool = False  # retrying cannot help (bad channel, revoked token): dead-letter it
    in_doubt: bool = False  # the send may have landed (5xx, no answer): reconcile before sending again
    where: str | None = None  # the target's own id for where it landed, when the answer named it (Slack: C0…)

    @classmethod
    def sent(cls, ref: str | None = None, where: str | None = None) -> Outcome:
        return cls(ok=True, ref=ref, where=where)

    @classmethod
    def retry(cls, error: str, in_doubt: bool = False) -> Outcome:
        return cls(ok=False, error=error, in_doubt=in_doubt)

    @classmethod
    def dead(cls, error: str) -> Outcome:
        return cls(ok=False, error=error, permanent=True)


@dataclass(frozen=True, slots=True)
class Thread:
    """Post as a reply under the message `ref` (the first alert of the same event), which was `parent`."""

    ref: str
    parent: Alert | None = None


@dataclass(frozen=True, slots=True)
class Posted:
    """What a reconciliation asks about: did `alert_id` land (in the thread `thread_ref`) since `since`?"""

    alert_id: str
    since: float
    thread_ref: str | None = None


class ReconcileError(Exception):
    """The target's history could not be read: whether a post landed is still unknown."""


class Notifier(Protocol):
    kind: str
    threads: bool  # can post a later report of an event as a reply in its first alert's thread

    def targets_for(self, alert: Alert, channel: str | None = None) -> list[str]:
        """Delivery targets this notifier wants for the alert, e.g. `slack:#market-signals`. `channel` is where
        the router sends it (None: the notifier's default)."""
        ...

    def send(self, alert: Alert, target: str) -> Outcome: ...

    def close(self) -> None: ...


@runtime_checkable
class Threading(Protocol):
    """A notifier that can reply in a thread (`send(..., thread=Thread(ref))`)."""

    def send_reply(self, alert: Alert, target: str, thread: Thread) -> Outcome: ...


@runtime_checkable
class Reconciling(Protocol):
    """A notifier that can tell which of our posts already landed, by the alert id each post carries."""

    def reconcile(self, target: str, wanted: Sequence[Posted]) -> dict[str, str]:
        """alert id → message ref for those found; raises ReconcileError when it cannot tell."""
        ...


@runtime_checkable
class KnowsChannels(Protocol):
    """A notifier that can be told a channel's id learnt earlier (from an answer to a post, kept in the store),
    so that reading its history needs no name lookup."""

    def know_channel(self, target: str, channel_id: str) -> None: ...


def notifier_for(target: str, notifiers: Mapping[str, Notifier]) -> Notifier | None:
    """The notifier a target belongs to: `slack:#deals` → notifiers["slack"]."""
    return notifiers.get(target.partition(":")[0])


NotifierFactory = Callable[..., Notifier]
REGISTRY: dict[str, NotifierFactory] = {}


def register(kind: str) -> Callable[[Any], Any]:
    """Class decorator: make a notifier available to the config under `notify.<kind>`."""

    def deco(cls: Any) -> Any:
        REGISTRY[kind] = cls
        return cls

    return deco
