"""Notify stage: render alerts and send them to targets (console, Slack) through a registry of notifiers."""
