"""Readers' button presses reach the store: the receivers (Socket Mode, signed HTTP) and the handler that applies
what `notifier.interactive` decodes and plans. I/O lives here; decoding and planning stay pure in `notifier/`."""
