"""What every notifier provides, and the outcome vocabulary the delivery worker acts on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from store.records import Alert


@dataclass(frozen=True, slots=True)
class Outcome:
    ok: bool
    ref: str | None = None  # the target's id for the posted message
    error: str | None = None
    permanent: bool = False  # retrying cannot help (bad channel, revoked token): dead-letter it

    @classmethod
    def sent(cls, ref: str | None = None) -> Outcome:
        return cls(ok=True, ref=ref)

    @classmethod
    def retry(cls, error: str) -> Outcome:
        return cls(ok=False, error=error)

    @classmethod
    def dead(cls, error: str) -> Outcome:
        return cls(ok=False, error=error, permanent=True)


class Notifier(Protocol):
    kind: str

    def targets_for(self, alert: Alert) -> list[str]:
        """Delivery targets this notifier wants for the alert, e.g. `slack:#market-signals`."""
        ...

    def send(self, alert: Alert, target: str) -> Outcome: ...

    def close(self) -> None: ...


NotifierFactory = Callable[..., Notifier]
REGISTRY: dict[str, NotifierFactory] = {}


def register(kind: str) -> Callable[[Any], Any]:
    """Class decorator: make a notifier available to the config under `notify.<kind>`."""

    def deco(cls: Any) -> Any:
        REGISTRY[kind] = cls
        return cls

    return deco
