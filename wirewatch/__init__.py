"""Wirewatch: the app package — configuration, CLI, and the wiring of collect → match → store → notify."""

__version__ = "0.1.0"
