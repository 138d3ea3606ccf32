"""The records the store keeps. They are defined in `domain/` (every room uses them); this module names them
for the store and its contract suite."""

from domain.alert import Alert, alert_id
from domain.delivery import Delivery
from domain.item import Item
from domain.observation import Observation
from domain.source_state import SourceState

__all__ = ["Alert", "Delivery", "Item", "Observation", "SourceState", "alert_id"]
