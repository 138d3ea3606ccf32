"""`Item` lives in `domain/item.py` (every room uses it); kept importable from here for older imports."""

from domain.item import Item

__all__ = ["Item"]
