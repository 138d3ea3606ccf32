"""`sources`: the feed health table."""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING

from domain.formats import utc_stamp
from wirewatch.cli.common import EXIT_OK, load, open_store, with_config

if TYPE_CHECKING:
    from domain.source_state import SourceState
    from wirewatch.config import SourceConfig


def source_row(source: SourceConfig, st: SourceState | None, now: float) -> tuple[str, ...]:
    """One line of `wirewatch sources`: what an operator needs to see why a feed is quiet."""
    from domain.formats import span
    from wirewatch.health import source_status

    status = source_status(source, st, now)
    if st is None:
        return (source.id, status, "-", "0", "-", "0", "-", "-")
    if st.disabled:
        error = f"{utc_stamp(st.disabled_at)}  {st.disabled}"
    elif st.last_error:
        error = f"{utc_stamp(st.last_error_at)}  {st.last_error}"
    elif st.last_error_at:
        error = f"{utc_stamp(st.last_error_at)}  (recovered)"
    else:
        error = "-"
    if st.adopted_url:
        error += f"  [moved to {st.adopted_url}]"
    if st.disabled or not source.enabled or st.next_poll is None:
        next_poll = "-"
    else:
        next_poll = f"{utc_stamp(st.next_poll)} (in {span(st.next_poll - now)})" if st.next_poll > now else "due"
    return (
        source.id,
        status,
        utc_stamp(st.last_success),
        str(st.consecutive_failures),
        next_poll,
        str(st.entries_seen),
        utc_stamp(st.last_new_entry),
        error,
    )


def cmd_sources(args: argparse.Namespace) -> int:
    config = load(args)
    from wirewatch.store_health import probe

    with open_store(config) as store:
        states = {s.source_id: s for s in store.list_source_states()}
        fault = probe(store, time.time())
    if fault is not None:  # the states below are what was last saved: nothing new can be
        print(f"STORE {fault.kind.upper()}: {fault}")
    now = time.time()
    header = ("ID", "STATUS", "LAST SUCCESS", "FAILS", "NEXT POLL", "SEEN", "LAST NEW ENTRY", "LAST ERROR")
    rows = [header] + [source_row(s, states.get(s.id), now) for s in config.sources]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1])
    return EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from wirewatch.cli import sources_edit_cmds

    p = with_config(
        sub.add_parser(
            "sources",
            help="feed health table; add, remove, import (OPML) and export (OPML) feeds",
            description="Without a subcommand: the feed health table.",
        )
    )
    p.set_defaults(func=cmd_sources)
    sources_edit_cmds.register(p.add_subparsers(dest="action", metavar="{add,remove,import,export}"))
