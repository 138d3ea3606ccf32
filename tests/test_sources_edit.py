"""Feeds without YAML surgery: `sources add` checks a feed with one fetch (the daemon's fetcher and safety),
`import`/`export` speak OPML 2.0, `remove` takes an entry out; the config file is edited in place (comments,
order and quoting kept), validated whole before it is written, and written in one rename."""

from __future__ import annotations

import difflib
import stat
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.servers.feeds import FeedServer, rss
from wirewatch.config import ConfigError, load_config
from wirewatch.config_edit import EditError, add_sources, entries, remove_source, validate_text, write_atomically
from wirewatch.opml import OpmlError, build_opml, parse_opml, url_problem
from wirewatch.source_probe import default_id, series_layout, unique_id

SHIPPED = (ROOT / "wirewatch.yaml").read_text(encoding="utf-8")
NEW = {"id": "endpoints", "type": "rss", "url": "https://endpts.com/feed/", "interval": "10m"}


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


# --- editing the file in place ----------------------------------------------------------------------------------


def test_add_touches_only_the_new_entry_and_remove_gives_the_file_back() -> None:
    added = add_sources(SHIPPED, [NEW])
    assert changed_lines(SHIPPED, added) == [
        "+  - id: endpoints",
        "+    type: rss",
        "+    url: https://endpts.com/feed/",
        "+    interval: 10m",
    ]
    # after the last entry's own lines, before the blank line and the `notify:` section
    tail = added.split("- id: endpoints", 1)[1]
    assert tail.split("\n\n", 1)[1].startswith("notify:")
    assert remove_source(added, "endpoints") == SHIPPED


def test_remove_takes_out_the_entry_lines_only_and_keeps_every_comment() -> None:
    after = remove_source(SHIPPED, "fierce-biotech")
    gone = changed_lines(SHIPPED, after)
    assert sorted(line[1:].strip() for line in gone) == sorted(
        ["- id: fierce-biotech", "type: rss", "url: https://www.fiercebiotech.com/rss/xml", "interval: 5m"]
    )
    assert all(line.startswith("-") for line in gone) and len(after.splitlines()) == len(SHIPPED.splitlines()) - 4
    comments = [line for line in SHIPPED.splitlines() if line.strip().startswith("#")]
    assert all(c in after.splitlines() for c in comments)
    config, _ = load_config_text(after)
    assert [s.id for s in config.sources if s.id.startswith("fierce")] == ["fierce-pharma"]


def load_config_text(text: str, tmp: Path | None = None) -> tuple[object, object]:
    import tempfile

    folder = Path(tmp or tempfile.mkdtemp())
    path = folder / "wirewatch.yaml"
    path.write_text(text.replace("file:samples", f"file:{ROOT}/samples"), encoding="utf-8")
    return load_config(path, env={})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("store: sqlite:///./w.db\n", "store: sqlite:///./w.db\n\nsources:\n  - id: x\n    url: https://h/f\n"),
        ("sources: []\nnotify: {}\n", "sources:\n  - id: x\n    url: https://h/f\nnotify: {}\n"),
        (
            "sources: [{id: a, url: 'https://h/a'}]   # flow\nnotify: {}\n",
            "sources:\n  - id: a\n    url: 'https://h/a'\n  - id: x\n    url: https://h/f\nnotify: {}\n",
        ),
        (
            "sources:\n- id: a\n  url: https://h/a\n# end\n",
            "sources:\n- id: a\n  url: https://h/a\n- id: x\n  url: https://h/f\n# end\n",
        ),
        (
            "sources:\n    -   id: a\n        url: https://h/a\n",
            "sources:\n    -   id: a\n        url: https://h/a\n    -   id: x\n        url: https://h/f\n",
        ),
    ],
)
def test_add_follows_the_files_own_layout(text: str, expected: str) -> None:
    assert add_sources(text, [{"id": "x", "url": "https://h/f"}]) == expected


def test_values_are_quoted_where_yaml_needs_it() -> None:
    url = "https://h/f?q=a #b&c=: d"
    out = add_sources("sources: []\n", [{"id": "x", "url": url, "interval": "5m"}])
    config, _ = load_config_text(out)
    assert config.sources[0].url == url  # type: ignore[attr-defined]


def test_entries_know_where_each_source_is_written() -> None:
    found = {e.id: e for e in entries(SHIPPED)}
    lines = SHIPPED.splitlines()
    fred = found["fred-mortgage30us"]
    assert lines[fred.start].strip() == "- id: fred-mortgage30us" and lines[fred.end].strip() == 'unit: "%"'


def test_remove_an_unknown_source_and_unparsable_files_are_refused() -> None:
    with pytest.raises(EditError, match="no source `nope`"):
        remove_source(SHIPPED, "nope")
    with pytest.raises(EditError, match="not YAML"):
        add_sources("sources: [\n", [NEW])


def test_the_whole_result_is_validated_before_writing(tmp_path: Path) -> None:
    path = tmp_path / "wirewatch.yaml"
    text = "sources:\n  - id: a\n    url: https://h/a\n"
    path.write_text(text, encoding="utf-8")
    twice = add_sources(text, [{"id": "a", "url": "https://h/b"}])
    with pytest.raises(ConfigError) as err:
        validate_text(path, twice)
    assert str(err.value).startswith(f"{path}:") and "duplicate source id `a`" in str(err.value)
    assert [p.name for p in tmp_path.iterdir()] == ["wirewatch.yaml"], "no temporary file left behind"


def test_written_in_one_rename_keeping_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "wirewatch.yaml"
    path.write_text("sources: []\n", encoding="utf-8")
    path.chmod(0o640)
    inode = path.stat().st_ino
    write_atomically(path, "sources: []\n# edited\n")
    assert path.read_text() == "sources: []\n# edited\n"
    assert path.stat().st_ino != inode and stat.S_IMODE(path.stat().st_mode) == 0o640
    link = tmp_path / "link.yaml"
    link.symlink_to(path)
    write_atomically(link, "sources: []\n")
    assert link.is_symlink() and path.read_text() == "sources: []\n"


# --- OPML ---------------------------------------------------------------------------------------------------------

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Reader export</title></head><body>
  <outline text="Biotech" title="Biotech">
    <outline type="rss" text="Endpoints News" xmlUrl="https://endpts.com/feed/" htmlUrl="https://endpts.com"/>
    <outline type="rss" text="Bad" xmlUrl="ftp://example.com/feed"/>
  </outline>
  <outline type="rss" text="No address"/>
  <outline type="rss" title="\xe6\x96\xb0\xe6\xb5\xaa" xmlUrl="https://rss.sina.com.cn/finance.xml"/>
</body></opml>"""


def test_opml_outlines_nested_in_folders_with_their_place() -> None:
    got = parse_opml(OPML)
    assert [(o.n, o.title, o.xml_url, o.folder) for o in got] == [
        (2, "Endpoints News", "https://endpts.com/feed/", "Biotech"),
        (3, "Bad", "ftp://example.com/feed", "Biotech"),
        (4, "No address", "", ""),
        (5, "新浪", "https://rss.sina.com.cn/finance.xml", ""),
    ]
    assert [url_problem(o.xml_url) is None for o in got] == [True, False, False, True]


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
            b"<opml><body><outline xmlUrl='&lol2;'/></body></opml>",
            "refused",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            b"<opml><body><outline xmlUrl='&xxe;'/></body></opml>",
            "refused",
        ),
        (b"<rss><channel/></rss>", "not OPML"),
        (b"<opml><body>", "not XML"),
    ],
)
def test_hostile_or_wrong_opml_is_refused(data: bytes, said: str) -> None:
    with pytest.raises(OpmlError, match=said):
        parse_opml(data)


def test_export_then_import_gives_the_same_feeds() -> None:
    feeds = [
        ("fierce-biotech", "Fierce Biotech", "https://www.fiercebiotech.com/rss/xml"),
        ("e", "", "https://e/f?a=1&b=2"),
    ]
    back = parse_opml(build_opml(feeds, "mine").encode())
    assert [(o.title, o.xml_url) for o in back] == [("Fierce Biotech", feeds[0][2]), ("e", feeds[1][2])]


def test_ids_from_titles_or_hosts() -> None:
    assert default_id("https://www.fiercebiotech.com/rss/xml", "Fierce Biotech") == "fierce-biotech"
    assert default_id("https://rss.sina.com.cn/finance.xml", "新浪财经") == "rss-sina-com"
    assert default_id("https://fred.stlouisfed.org/graph/fredgraph.csv?id=MORTGAGE30US", "") == (
        "fred-stlouisfed-mortgage30us"
    )
    assert unique_id("a", {"a", "a-2"}) == "a-3" and unique_id("b", {"a"}) == "b"


def test_series_layouts_read_from_the_data() -> None:
    fred = series_layout("https://x/fredgraph.csv?id=M", b"observation_date,MORTGAGE30US\n2026-01-01,6.1\n", "s")
    assert fred == {"format": "fred_csv", "series": ["MORTGAGE30US"]}
    plain = series_layout("file:x.csv", b"# comment\nmonth,loans,short loans\n2025-12,1,2\n", "pb")
    assert plain == {
        "format": "csv",
        "date_column": "month",
        "series": ["loans", {"id": "short-loans", "column": "short loans"}],
    }
    api = series_layout("https://api/x?series_id=DGS10", b'{"observations": []}', "s")
    assert api == {"format": "fred_json", "series": ["DGS10"]}
    with pytest.raises(ValueError, match="JSON data other than FRED"):
        series_layout("https://api/x", b'{"data": []}', "s")


# --- the commands, against loopback feeds --------------------------------------------------------------------------


def project(tmp_path: Path, allow_private: bool = True, extra: str = "") -> Path:
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text(
        "# my feeds\n"
        f"store: sqlite:///{tmp_path}/w.db   # keep\n"
        "sources:\n"
        "  - id: wire        # the wire\n"
        "    url: file:wire.xml\n"
        "    interval: 1m\n\n"
        "# fetch settings\n"
        f"fetch:\n  allow_private_addresses: {str(allow_private).lower()}\n{extra}",
        encoding="utf-8",
    )
    (tmp_path / "wire.xml").write_text(rss([{"guid": "w", "title": "Wire entry"}], "Wire"), encoding="utf-8")
    return cfg


@pytest.mark.system
def test_sources_add_fetches_once_shows_what_it_found_and_writes_the_entry(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    entries_ = [
        {"guid": f"g{n}", "title": f"Deal number {n}", "pubDate": "Tue, 20 Jan 2026 12:00:00 GMT"} for n in range(5)
    ]
    feed_server.put("/bio.xml", rss(entries_, "Fierce Biotech"))
    cfg = project(tmp_path)
    before = cfg.read_text()
    r = run_cli("sources", "add", feed_server.url("/bio.xml"), "--interval", "10m", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "Fierce Biotech: 5 entries"
    assert "2026-01-20 12:00 UTC  Deal number 0" in r.stdout and "… and 2 more" in r.stdout
    assert "added `fierce-biotech`" in r.stdout
    assert changed_lines(before, cfg.read_text()) == [
        "+  - id: fierce-biotech",
        "+    type: rss",
        f"+    url: {feed_server.url('/bio.xml')}",
        "+    interval: 10m",
    ]
    assert len(feed_server.hits_for("/bio.xml")) == 1, "validated by exactly one fetch"
    again = run_cli("sources", "add", feed_server.url("/bio.xml"), cwd=tmp_path)
    assert again.returncode == 2 and "already configured as `fierce-biotech`" in again.stderr


@pytest.mark.system
@pytest.mark.parametrize(
    ("allow_private", "extra", "doc", "said"),
    [
        (False, "", {}, "non-public address"),
        (True, "  max_bytes: 2000\n", {}, "body larger than 2000 bytes"),
        (True, "", {"content_type": "text/html"}, "response is an HTML page"),
        (True, "", {"status": 503}, "HTTP 503"),
    ],
)
def test_sources_add_refuses_what_the_daemon_would_refuse_and_writes_nothing(
    tmp_path: Path, feed_server: FeedServer, allow_private: bool, extra: str, doc: dict[str, object], said: str
) -> None:
    body = (
        "<html><head><title>Sign in</title></head><body>x</body></html>"
        if doc
        else rss([{"guid": str(n), "title": "x" * 200} for n in range(40)])
    )
    feed_server.put("/f.xml", body, **doc)  # type: ignore[arg-type]
    cfg = project(tmp_path, allow_private, extra)
    before = cfg.read_text()
    r = run_cli("sources", "add", feed_server.url("/f.xml"), cwd=tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    assert said in r.stderr and "nothing written" in r.stderr and "Traceback" not in r.stderr
    assert cfg.read_text() == before


@pytest.mark.system
def test_sources_add_series_infers_the_layout(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.put(
        "/graph/fredgraph.csv?id=MORTGAGE30US",
        "observation_date,MORTGAGE30US\n2026-01-01,6.16\n2026-01-08,6.06\n2026-01-15,.\n",
        content_type="text/csv",
    )
    cfg = project(tmp_path)
    url = feed_server.url("/graph/fredgraph.csv?id=MORTGAGE30US")
    r = run_cli("sources", "add", url, "--type", "series", "--interval", "6h", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "MORTGAGE30US: 2 observations, latest 2026-01-08 = 6.06" in r.stdout
    config, _ = load_config(cfg, env={})
    added = config.sources[-1]
    assert (added.type, added.format, [s.id for s in added.series], added.interval) == (  # type: ignore[union-attr]
        "series",
        "fred_csv",
        ["MORTGAGE30US"],
        6 * 3600,
    )


@pytest.mark.system
def test_sources_import_reports_each_outline_and_export_round_trips(tmp_path: Path) -> None:
    cfg = project(tmp_path)
    (tmp_path / "reader.opml").write_bytes(OPML)
    r = run_cli("sources", "import", "reader.opml", "--interval", "15m", cwd=tmp_path)
    assert r.returncode == 1, r.stderr  # two outlines could not be imported
    assert r.stdout.splitlines() == [
        "reader.opml: outline 2 “Endpoints News”: added as `endpoints-news`",
        "reader.opml: outline 3 “Bad”: `ftp://example.com/feed`: only http:// and https:// feeds can be imported",
        "reader.opml: outline 4 “No address”: no xmlUrl",
        "reader.opml: outline 5 “新浪”: added as `rss-sina-com`",
        "2 added to wirewatch.yaml, 0 already there, 2 could not be imported; "
        "a running `wirewatch run` applies it within seconds",
    ]
    again = run_cli("sources", "import", "reader.opml", cwd=tmp_path)
    assert "0 added to wirewatch.yaml, 2 already there" in again.stdout
    text = cfg.read_text()
    assert text.startswith("# my feeds\n") and "  - id: wire        # the wire\n" in text and "# fetch settings" in text
    out = run_cli("sources", "export", "--opml", cwd=tmp_path)
    assert out.returncode == 0 and "not in the OPML" in out.stderr and "wire" in out.stderr
    exported = parse_opml(out.stdout.encode())
    assert [o.xml_url for o in exported] == ["https://endpts.com/feed/", "https://rss.sina.com.cn/finance.xml"]
    r = run_cli("sources", "remove", "endpoints-news", cwd=tmp_path)
    assert r.returncode == 0 and "endpoints-news" not in cfg.read_text()


@pytest.mark.system
def test_an_edit_that_would_break_the_config_is_not_written(tmp_path: Path, feed_server: FeedServer) -> None:
    """Only the whole config can say a series is read twice: the edit is refused with file:line:col, exit 2."""
    fred = "observation_date,MORTGAGE30US\n2026-01-01,6.16\n"
    (tmp_path / "fred.csv").write_text(fred, encoding="utf-8")
    extra = (
        "  - id: local-fred\n    type: series\n    url: file:fred.csv\n    format: fred_csv\n    series: MORTGAGE30US\n"
    )
    cfg = project(tmp_path)
    cfg.write_text(
        cfg.read_text().replace("\n\n# fetch settings", "\n" + extra + "\n# fetch settings"), encoding="utf-8"
    )
    before = cfg.read_text()
    feed_server.put("/fredgraph.csv", fred, content_type="text/csv")
    r = run_cli("sources", "add", feed_server.url("/fredgraph.csv"), "--type", "series", cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr.startswith("wirewatch.yaml:") and "series `MORTGAGE30US` is read by two sources" in r.stderr
    assert cfg.read_text() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fred.csv", "wire.xml", "wirewatch.yaml"], "no file left"
