"""Store stage: source state, seen entries, alerts and their delivery outbox behind one interface."""

from store.base import Store
from store.factory import open_store
from store.records import Alert, Delivery, SourceState

__all__ = ["Alert", "Delivery", "SourceState", "Store", "open_store"]
