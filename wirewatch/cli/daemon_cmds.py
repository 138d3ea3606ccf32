"""`run` (the daemon) and `once` (every source once, then deliver: for cron)."""

from __future__ import annotations

import argparse
import sys

from wirewatch.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_STORE, config_path, load, open_store, with_config


def cmd_run(args: argparse.Namespace) -> int:
    import asyncio

    from wirewatch.daemon import run_daemon

    config = load(args)
    with open_store(config) as store:
        asyncio.run(run_daemon(config, store, config_path=config_path(args)))
    return EXIT_OK


def cmd_once(args: argparse.Namespace) -> int:
    import asyncio

    from wirewatch.daemon import run_once

    config = load(args)
    _interruptible()
    with open_store(config) as store:
        reports = asyncio.run(run_once(config, store))
    if any(r.state is None for r in reports):  # a poll that could not reach the store saved nothing
        print("store unavailable: some sources were not polled; see the log above", file=sys.stderr)
        return EXIT_STORE
    failed = [r for r in reports if r.outcome == "failed"]
    return EXIT_PROBLEMS if failed else EXIT_OK


def _interruptible() -> None:
    """SIGINT ends `once` (exit 130) however it was started, as it ends `run`: a shell script's background job
    inherits SIGINT ignored, and asyncio then leaves it ignored, so `kill -INT` would go unheard."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.default_int_handler)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = with_config(sub.add_parser("run", help="run the daemon"))
    p.add_argument("-v", "--verbose", action="store_true")
    p.set_defaults(func=cmd_run)
    p = with_config(sub.add_parser("once", help="poll every source once, deliver, exit (for cron)"))
    p.add_argument("-v", "--verbose", action="store_true")
    p.set_defaults(func=cmd_once)
