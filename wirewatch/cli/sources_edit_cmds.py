"""`sources add`, `sources remove`, `sources import FILE.opml`, `sources export --opml`: feeds managed without
editing YAML by hand. The config file stays the single source of truth: each command edits its `sources:` in
place (wirewatch/config_edit.py: comments and order kept), validates the whole resulting config and writes it
atomically; a running daemon picks the change up within seconds, as it does for rules."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wirewatch.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    cli_duration,
    config_path,
    did_you_mean,
    load,
)
from wirewatch.logs import scrub

if TYPE_CHECKING:
    from collectors.http_fetch import FetchResult
    from wirewatch.config import Config
    from wirewatch.source_probe import Probe

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
APPLIES = "a running `wirewatch run` applies it within seconds"


def duration_text(text: str) -> str:
    """An interval as the user wrote it (it goes into the config that way), checked to have a unit."""
    cli_duration(text)
    return text.strip()


def _feed_key(url: str) -> str:
    """Two spellings of one feed address compare equal: scheme and host case, a trailing slash."""
    from urllib.parse import urlsplit, urlunsplit

    p = urlsplit(url.strip())
    return urlunsplit((p.scheme.lower(), p.netloc.lower(), p.path.rstrip("/") or "/", p.query, ""))


def _save(path: Path, edit: Callable[[str], str]) -> Config:
    """Edit the file's text, validate the whole config that gives, then write it in one rename. A file the edit
    cannot work on is a UsageError, an invalid result a ConfigError: either way nothing is written."""
    from wirewatch.config_edit import EditError, validate_text, write_atomically

    try:
        text = edit(path.read_text(encoding="utf-8"))
    except EditError as exc:
        raise UsageError(f"{path}: {exc}") from None
    config = validate_text(path, text)
    write_atomically(path, text)
    return config


def cmd_add(args: argparse.Namespace) -> int:
    from wirewatch.config import resolve_file_url
    from wirewatch.config_edit import add_sources
    from wirewatch.source_probe import default_id, describe_feed, fetch_once, unique_id
    from wirewatch.wiring import fetch_limits

    path = config_path(args)
    config = load(args)
    url = args.url.strip()
    if not url.startswith(("http://", "https://", "file:")):
        raise UsageError(f"`{url}`: a feed address starts with http://, https:// or file:")
    where = resolve_file_url(url, path.resolve().parent) if url.startswith("file:") else url
    for s in config.sources:
        if _feed_key(s.url) == _feed_key(where):
            raise UsageError(f"{url} is already configured as `{s.id}`")
    taken = {s.id for s in config.sources}
    if args.id is not None:
        import re

        if not re.match(ID_PATTERN, args.id):
            raise UsageError(
                f"--id `{args.id}`: use letters, digits, `.`, `_` and `-`, starting with a letter or digit"
            )
        if args.id in taken:
            raise UsageError(f"--id `{args.id}` is taken by another source")

    got = asyncio.run(fetch_once(where, fetch_limits(config)))
    if got.error:
        print(scrub(f"cannot add {url}: {got.error}; nothing written"), file=sys.stderr)
        return EXIT_PROBLEMS
    entry: dict[str, Any] = {"id": "", "type": args.type, "url": url, "interval": args.interval}
    if args.type == "series":
        sid = args.id or unique_id(default_id(url, ""), taken)
        probe, extra = _probe_series(sid, where, got)
    else:
        probe, extra = describe_feed(got), {}
        sid = args.id or unique_id(default_id(url, probe.title), taken)
    if not probe.ok:
        print(scrub(f"cannot add {url}: {probe.error}; nothing written"), file=sys.stderr)
        return EXIT_PROBLEMS
    entry = {**entry, "id": sid, **extra}
    _save(path, lambda text: add_sources(text, [entry], str(path)))
    for line in probe.lines:
        print(line)
    print(f"added `{sid}` to {path}, polled every {args.interval}; {APPLIES}")
    return EXIT_OK


def _probe_series(sid: str, where: str, got: FetchResult) -> tuple[Probe, dict[str, Any]]:
    from wirewatch.config import SeriesSourceConfig
    from wirewatch.source_probe import describe_series, series_layout

    try:
        extra = series_layout(where, got.body or b"", sid)
        model = SeriesSourceConfig.model_validate({"id": sid, "type": "series", "url": where, **extra})
    except ValueError as exc:  # pydantic's ValidationError is one
        from wirewatch.source_probe import Probe

        return Probe(False, " ".join(str(exc).split())), {}
    return describe_series(model, got), extra


def cmd_remove(args: argparse.Namespace) -> int:
    from wirewatch.config_edit import remove_source

    path = config_path(args)
    config = load(args)
    ids = [s.id for s in config.sources]
    if args.id not in ids:
        raise UsageError(f"no source `{args.id}`{did_you_mean(args.id, ids)}")
    _save(path, lambda text: remove_source(text, args.id, str(path)))
    print(f"removed `{args.id}` from {path}; {APPLIES} (what the store remembers of it stays)")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from wirewatch.config_edit import add_sources
    from wirewatch.opml import OpmlError, parse_opml, url_problem
    from wirewatch.source_probe import default_id, unique_id

    path = config_path(args)
    config = load(args)
    try:
        outlines = parse_opml(Path(args.file).read_bytes())
    except OpmlError as exc:
        raise UsageError(f"{args.file}: {exc}") from None
    known = {_feed_key(s.url): s.id for s in config.sources}
    taken = {s.id for s in config.sources}
    first_seen: dict[str, int] = {}
    entries: list[dict[str, Any]] = []
    skipped = bad = 0
    for o in outlines:
        problem = url_problem(o.xml_url)
        key = _feed_key(o.xml_url) if problem is None else ""
        if problem is not None:
            bad += 1
            print(f"{args.file}: {o.where()}: {problem}")
        elif key in known:
            skipped += 1
            print(f"{args.file}: {o.where()}: already configured as `{known[key]}`")
        elif key in first_seen:
            skipped += 1
            print(f"{args.file}: {o.where()}: the same feed as outline {first_seen[key]}")
        else:
            first_seen[key] = o.n
            sid = unique_id(default_id(o.xml_url, o.title), taken)
            taken.add(sid)
            entry: dict[str, Any] = {"id": sid, "type": "rss", "url": o.xml_url}
            if args.interval:
                entry["interval"] = args.interval
            entries.append(entry)
            print(f"{args.file}: {o.where()}: added as `{sid}`")
    if entries:
        _save(path, lambda text: add_sources(text, entries, str(path)))
    print(
        f"{len(entries)} added to {path}, {skipped} already there, {bad} could not be imported"
        + (f"; {APPLIES}" if entries else "")
    )
    return EXIT_PROBLEMS if bad else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from wirewatch.opml import build_opml

    path = config_path(args)
    config = load(args)
    feeds = [
        (s.id, s.id, s.url) for s in config.sources if s.type == "rss" and s.url.startswith(("http://", "https://"))
    ]
    left = [s.id for s in config.sources if (s.id, s.id, s.url) not in feeds]
    text = build_opml(feeds, f"Wirewatch sources from {path.name}")
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"{len(feeds)} feeds written to {args.output}")
    else:
        sys.stdout.write(text)
    if left:
        print(f"not in the OPML (data feeds and file: sources are not web feeds): {', '.join(left)}", file=sys.stderr)
    return EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from wirewatch.cli.common import with_config

    p = with_config(
        sub.add_parser("add", help="add a feed: fetched once to check it, then written to the config"), suppress=True
    )
    p.add_argument("url", help="http(s):// address of the feed, or file:path")
    p.add_argument("--id", help="source id (default: from the feed's title, else its host)")
    p.add_argument("--interval", default="5m", type=duration_text, help="how often to poll, with a unit (default 5m)")
    p.add_argument(
        "--type", choices=("rss", "series"), default="rss", help="rss (RSS/Atom, default) or series (CSV/JSON data)"
    )
    p.set_defaults(func=cmd_add)
    p = with_config(sub.add_parser("remove", help="remove a source from the config"), suppress=True)
    p.add_argument("id", help="the source's id (as `wirewatch sources` lists it)")
    p.set_defaults(func=cmd_remove)
    p = with_config(
        sub.add_parser("import", help="add the feeds of an OPML file (from any feed reader)"), suppress=True
    )
    p.add_argument("file", help="an .opml file")
    p.add_argument("--interval", type=duration_text, help="how often to poll each, with a unit (default: 5m)")
    p.set_defaults(func=cmd_import)
    p = with_config(
        sub.add_parser("export", help="the configured feeds as OPML 2.0, for any feed reader"), suppress=True
    )
    p.add_argument("--opml", action="store_true", help="OPML 2.0 (the only format, and the default)")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(func=cmd_export)
