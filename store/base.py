"""The one interface both backends implement; the shared contract tests in tests/ hold them to it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from store.records import Alert, Delivery, SourceState


class StoreUnavailable(Exception):
    """The backend cannot be reached right now; callers retry later and lose nothing."""


class Store(ABC):
    url: str

    # --- sources -------------------------------------------------------------------------------------
    @abstractmethod
    def get_source_state(self, source_id: str) -> SourceState | None: ...

    @abstractmethod
    def save_source_state(self, state: SourceState) -> None: ...

    @abstractmethod
    def list_source_states(self) -> list[SourceState]: ...

    # --- seen entries --------------------------------------------------------------------------------
    @abstractmethod
    def unseen(self, source_id: str, entry_ids: Sequence[str]) -> list[str]:
        """The ids not yet recorded for this source, in the order given."""

    @abstractmethod
    def mark_seen(self, source_id: str, entry_ids: Sequence[str], at: float) -> None: ...

    # --- alerts and their outbox ---------------------------------------------------------------------
    @abstractmethod
    def add_alert(self, alert: Alert, targets: Sequence[str]) -> bool:
        """Record the alert and queue one delivery per target, atomically. False if the id already exists."""

    @abstractmethod
    def get_alert(self, alert_id: str) -> Alert | None: ...

    @abstractmethod
    def due_deliveries(self, now: float, limit: int = 100) -> list[Delivery]:
        """Pending deliveries whose next attempt is due, oldest first."""

    @abstractmethod
    def mark_sent(self, alert_id: str, target: str, ref: str | None, now: float) -> None: ...

    @abstractmethod
    def mark_retry(self, alert_id: str, target: str, error: str, next_attempt: float, now: float) -> None: ...

    @abstractmethod
    def mark_failed(self, alert_id: str, target: str, error: str, now: float) -> None:
        """Dead-letter: a permanent error; kept with its reason until retried by hand."""

    @abstractmethod
    def deliveries(self, alert_id: str) -> list[Delivery]: ...

    @abstractmethod
    def recent_alerts(self, limit: int = 50) -> list[Alert]:
        """Newest first."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
