"""Match stage: YAML rules compiled into one engine that flags items."""
