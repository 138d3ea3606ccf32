"""Every command line the README and the guides show is run here, as documented, so the docs and the CLI cannot
drift apart.

Commands are read from README.md and docs/*.md: each line of a ```sh block and each inline `code` span that
starts a command (`wirewatch …`, `.venv/bin/wirewatch …`, `make …`, `docker …`, `python benchmarks/…`, …).
Synopsis forms (`[--config FILE]`, `ID|all`, `--explain | --rule ID --why-not`) are expanded into concrete
commands — without the optional parts, with all of them, each alternative — and placeholders are filled with
real things (the config, a rule id, a dead letter's id, a loopback feed). Everything runs in a copy of the
project against loopback servers: feeds (`tests/servers/feeds.py`) and Slack (`tests/servers/slack.py`);
public URLs in the docs are served from loopback under the same path. Output shown in the docs (the `match`
example) must be what the command prints now.

What cannot run here is listed as skipped with the reason, after what can be checked statically: Docker and
systemd lines (no daemon to talk to), benchmarks (minutes each; they print figures, see the README), and the
suite itself (`make test`, `.ci/run`). A command line that fits none of these fails the test: decide how it
is checked when you document it.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.servers.feeds import FeedServer, rss
from tests.servers.slack import SlackServer

pytestmark = pytest.mark.system

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
COMMAND = re.compile(
    r"^(?:[A-Z_]+=\S+\s+)*(?:(?:\.venv/bin/)?wirewatch\s+[a-z]|make\s+\S|docker\s|systemctl\s|sudo\s"
    r"|(?:\.venv/bin/)?python3?\s+\S|time\s|bash\s)"
)
SHELL_FENCES = {"sh", "bash", "shell", "console"}
DRAIN = 30  # seconds the daemon drains on SIGTERM (the operator's guide): Docker must wait longer


@dataclass(frozen=True)
class DocCommand:
    file: str
    line: int
    text: str  # the command as documented, comment removed
    output: tuple[str, ...] = ()  # output lines shown right after it in the same block

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


def _strip_comment(line: str) -> str:
    return re.split(r"\s+#\s", line, maxsplit=1)[0].strip()


def doc_commands() -> list[DocCommand]:
    found: list[DocCommand] = []
    for path in DOCS:
        name = str(path.relative_to(ROOT))
        fence: str | None = None
        block: list[DocCommand] = []
        for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            opener = re.match(r"^\s*```(\w*)", raw)
            if opener:
                if fence is None:
                    fence, block = opener.group(1), []
                else:
                    found.extend(block)
                    fence = None
                continue
            if fence is not None:
                line = raw.strip()
                if fence not in SHELL_FENCES or not line or line.startswith("#"):
                    continue
                text = _strip_comment(line)
                if block and not COMMAND.match(text) and not text.startswith("echo "):
                    last = block[-1]
                    block[-1] = DocCommand(last.file, last.line, last.text, (*last.output, line))
                else:
                    block.append(DocCommand(name, n, " ".join(text.split())))
                continue
            for span in re.findall(r"`([^`]+)`", raw):
                if COMMAND.match(span):
                    found.append(DocCommand(name, n, " ".join(span.split())))
    return found


# --- what cannot run here: skipped with the reason, after the static checks that can be made -----------------


def _static_docker(cmd: str) -> str:
    compose = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    if cmd.startswith("docker compose"):
        assert "wirewatch:" in compose and "redis:" in compose
        if "--scale wirewatch=" in cmd:
            assert "container_name" not in compose.split("wirewatch:", 1)[1].split("\n  redis:", 1)[0]
    if cmd.startswith("docker build"):
        assert dockerfile.startswith(("FROM", "#", "ARG"))
    if cmd.startswith("docker run"):
        timeout = re.search(r"--stop-timeout (\d+)", cmd)
        assert timeout and int(timeout.group(1)) > DRAIN, "docker must wait out the daemon's drain"
        volume = re.search(r"-v \S+:(/\S+)", cmd)
        assert volume and f"VOLUME {volume.group(1)}" in dockerfile.replace('["', "").replace('"]', "")
    return "needs a Docker daemon, which tests do not have (Dockerfile, compose file and flags checked)"


def _static_make(target: str) -> str:
    r = subprocess.run(["make", "-n", "-o", ".venv/bin/.installed", target], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    if target in ("test", "test-fast"):
        assert "pytest" in r.stdout
        return f"`make {target}` is this suite itself (CI runs it on a clean clone: .ci/run); its recipe checked"
    if target == "lint":
        assert all(tool in r.stdout for tool in ("ruff check", "ruff format --check", "mypy"))
        assert all((Path(sys.prefix) / "bin" / tool).exists() for tool in ("ruff", "mypy"))
        return "`make lint` runs ruff and mypy over the whole tree (minutes on two cores); recipe and tools checked"
    if target == "install":
        return "`make install` would reinstall the venv this suite runs in; its recipe checked"
    if target == "bench":
        assert "benchmarks/" in r.stdout
        return "a benchmark: prints figures, takes minutes (see the README's figures); recipe checked"
    raise AssertionError(f"make {target}: no check for this target")


def skip_reason(cmd: str) -> str | None:
    """Why a documented command is not run here (after its static checks), or None when it is run."""
    bare = re.sub(r"^(?:[A-Z_]+=\S+\s+)+", "", cmd)
    if bare.startswith(("docker ",)):
        return _static_docker(bare)
    if bare.startswith(("systemctl ", "sudo ")):
        assert (ROOT / "deploy" / "wirewatch.service").is_file()
        return "needs systemd and root, which tests do not have (the unit is checked in tests/test_packaging.py)"
    if m := re.match(r"^make (\S+)$", bare):
        return None if m.group(1) == "run" else _static_make(m.group(1))
    if m := re.match(r"^(?:time )?(?:\.venv/bin/)?python3? (?:-m pytest .*?)?(\S+\.py)$", bare):
        script = ROOT / m.group(1)
        assert script.is_file(), f"{m.group(1)} does not exist"
        if "pytest" in bare:
            return f"{m.group(1)} is a test file of this suite (run with it)"
        return f"a benchmark: prints figures, takes minutes (see the README's figures); {m.group(1)} exists"
    if bare == ".venv/bin/python -m tests.golden_cards":
        assert (ROOT / "tests" / "golden_cards.py").is_file() and (ROOT / "tests" / "golden" / "cards").is_dir()
        return "rewrites the golden card files in the tree; tests/test_card_golden.py checks the cards against them"
    if bare == ".venv/bin/python -m rules.extract.zh_forms_gen":
        assert (ROOT / "rules" / "extract" / "zh_forms_gen.py").is_file()
        return "rewrites rules/extract/zh_forms_data.json in the tree; tests/test_zh_forms.py checks it is current"
    if m := re.match(r"^python3 \.\./shared/corpus/score\.py\b", bare):
        if not (ROOT.parent / "shared" / "corpus" / "score.py").is_file():  # as tests/test_real_news_quality.py
            return "the shared real-news corpora are not beside this checkout (../shared/corpus)"
        return "the corpus scorer on a reader's export; tests/test_real_news_quality.py runs it on the real corpora"
    if bare == "time bash .ci/run":
        assert "make test" in (ROOT / ".ci" / "run").read_text()
        return "the whole suite on a clean clone (what CI runs); .ci/run checked to run `make test`"
    if re.match(r"^(?:\.venv/bin/)?wirewatch ", bare) or bare.startswith("echo "):
        return None
    raise AssertionError(f"documented command `{cmd}` is neither run nor checked here: add it to this test")


# --- synopsis forms → concrete commands --------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"^[A-Z]+(?:…|\.[a-z]+)?$")


def _alternatives(text: str) -> list[str]:
    """`wirewatch match --explain | --rule ID --why-not` → both commands, the prefix repeated."""
    parts = text.split(" | ")
    if len(parts) == 1 or not all(p.startswith("-") for p in parts[1:]):  # `echo … | wirewatch match`: a pipe
        return [text]
    words = parts[0].split()
    cut = next((i for i, w in enumerate(words) if w.startswith(("-", "["))), len(words))
    prefix = " ".join(words[:cut])
    return [parts[0], *(f"{prefix} {p}" for p in parts[1:])]


def expand(text: str) -> list[list[str]]:
    """Concrete token lists: optional groups left out, then all put in; each `a|b` token each way."""
    out: list[list[str]] = []
    for alt in _alternatives(text):
        tokens = re.findall(r"\[[^\]]*\]|'[^']*'|\"[^\"]*\"|\S+", alt)
        groups = [t for t in tokens if t.startswith("[")]
        for keep in [False, True] if groups else [True]:
            chosen: list[str] = []
            for t in tokens:
                if t.startswith("["):
                    if keep:
                        chosen.extend(t[1:-1].split())
                else:
                    chosen.append(t)
            choices = [t.split("|") if re.fullmatch(r"[\w.…-]+(\|[\w.…-]+)+", t) else [t] for t in chosen]
            for combo in itertools.product(*choices):
                if list(combo) not in out:
                    out.append(list(combo))
    return out


@dataclass
class Scenario:
    """A copy of the project with a loopback config, the servers it talks to, and what earlier commands made."""

    proj: Path
    feeds: FeedServer
    slack: SlackServer
    env: dict[str, str]
    dead_letter: str = ""
    made: int = 0
    ran: set[str] = field(default_factory=set)

    def new_feed(self, series: bool) -> str:
        self.made += 1
        if series:
            body = "observation_date,DOCS1\n2026-01-01,1.5\n2026-02-01,1.7\n"
            self.feeds.put(f"/data{self.made}.csv", body, content_type="text/csv")
            return self.feeds.url(f"/data{self.made}.csv")
        self.feeds.put(
            f"/new{self.made}.xml", rss([{"guid": "n", "title": "New feed entry"}], f"Docs feed {self.made}")
        )
        return self.feeds.url(f"/new{self.made}.xml")

    def fill(self, tokens: list[str]) -> list[str]:
        cmd = " ".join(tokens)
        out: list[str] = []
        for n, t in enumerate(tokens):
            prev = tokens[n - 1] if n else ""
            if not PLACEHOLDER.match(t):
                out.append(t)
                continue
            if prev == "--config":
                out.append("wirewatch.yaml")
            elif t.startswith("PATH"):
                out.append("rules/packs")
            elif t == "FILE.opml":
                out.append("feeds.opml")
            elif t == "FILE" and " match" in cmd:
                out.append("items.jsonl")
            elif t == "ID" and prev == "--rule":
                out.append("bd-deal")
            elif t == "ID" and prev == "--retry":
                out.append(self.dead_letter[:8])
            elif t == "ID" and prev == "--id":
                out.append(f"docs-feed-{self.made + 1}")
            elif t == "ID" and prev == "expire":
                listing = shell(self, "wirewatch silence list --json")
                out.append(json.loads(listing.stdout.splitlines()[0])["id"])
            elif t == "ID" and prev == "remove":
                out.append("spare")
            elif t == "URL":
                out.append(self.new_feed(series="series" in tokens))
            else:
                pytest.fail(f"no value for the placeholder {t} in `{cmd}`: add one to Scenario.fill")
        return out


def _copy_project(dest: Path) -> Path:
    ignore = shutil.ignore_patterns(".git", ".venv", "*.db", "*.db-*", "__pycache__", ".*_cache", "*.egg-info")
    shutil.copytree(ROOT, dest, ignore=ignore)
    (dest / ".venv").symlink_to(Path(sys.prefix))  # the suite's own venv: `.venv/bin/wirewatch` as documented
    return dest


LOOPBACK_CONFIG = """\
# the docs test's config: every feed and Slack on loopback
store: sqlite:///./wirewatch.db
rules: [rules/packs]
sources:
  - id: wire
    type: rss
    url: {wire}
    interval: 10s
    on_first_fetch: alert
  - id: spare
    type: rss
    url: file:samples/feeds/us-housing.atom
    on_first_fetch: alert
fetch:
  allow_private_addresses: true   # the feed server is on 127.0.0.1
notify:
  console: true
  slack:
    token: ${{SLACK_BOT_TOKEN:-}}
    base_url: {slack}
    channel: "#market-signals"
  routes:
    - {{events: [price_target], channel: "#no-such-channel"}}   # dead letters for `alerts --failed` / `--retry`
jitter: 0
"""
WIRE = [
    {"guid": "g1", "title": "GSK to acquire RAPT Therapeutics for $2.2 billion", "link": "http://news.test/g1"},
    {
        "guid": "p1",
        "title": "Morgan Stanley upgrades Moderna to Overweight, raises price target to $60 from $38",
        "link": "http://news.test/p1",
    },
]
ITEMS = (
    '{"id": "g1", "title": "GSK to acquire RAPT Therapeutics for $2.2 billion", "source": "x"}\n'
    '{"id": "n1", "title": "Biotech conference season kicks off", "source": "x"}\n'
)
MY_RULES = """\
rules:
  - id: my-rule
    event: bd_deal
    any: [acquire, 收购]
    examples:
      match: [GSK to acquire RAPT Therapeutics for $2.2 billion]
      no_match: [Biotech conference season kicks off]
"""
OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>from another reader</title></head><body>
  <outline text="Biotech"><outline type="rss" text="Endpoints" xmlUrl="{url}"/></outline>
</body></opml>
"""


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scenario]:
    if not (Path(sys.prefix) / "bin" / "wirewatch").exists():
        pytest.skip("the suite does not run in a venv with `wirewatch` installed")
    feeds, slack = FeedServer().start(), SlackServer().start()
    try:
        proj = _copy_project(tmp_path_factory.mktemp("docs") / "wirewatch")
        feeds.put("/wire.xml", rss(WIRE, "Wire"))
        # public feeds the docs name, served from loopback under the same path
        feeds.put("/rss/xml", rss([{"guid": "f1", "title": "Fierce entry"}], "Fierce Biotech"))
        feeds.put(
            "/graph/fredgraph.csv?id=MORTGAGE30US",
            "observation_date,MORTGAGE30US\n2026-01-01,6.1\n2026-01-08,6.06\n",
            content_type="text/csv",
        )
        (proj / "wirewatch.yaml").write_text(
            LOOPBACK_CONFIG.format(wire=feeds.url("/wire.xml"), slack=slack.base_url), encoding="utf-8"
        )
        (proj / "items.jsonl").write_text(ITEMS, encoding="utf-8")
        (proj / "my-rules").mkdir()
        (proj / "my-rules" / "my-rule.yaml").write_text(MY_RULES, encoding="utf-8")
        feeds.put("/endpoints.xml", rss([{"guid": "e1", "title": "Endpoints entry"}], "Endpoints"))
        (proj / "feeds.opml").write_text(OPML.format(url=feeds.url("/endpoints.xml")), encoding="utf-8")
        env = {
            **os.environ,
            "PATH": f"{Path(sys.prefix) / 'bin'}{os.pathsep}{os.environ['PATH']}",
            "SLACK_BOT_TOKEN": slack.token,
            "SLACK_API_URL": slack.base_url,
        }
        env.pop("WIREWATCH_CONFIG", None)
        s = Scenario(proj, feeds, slack, env)
        first = shell(s, "wirewatch once")  # what the other commands look at: alerts, dead letters, archive
        assert first.returncode == 0, first.stderr
        listing = shell(s, "wirewatch alerts --failed --csv")
        s.dead_letter = listing.stdout.splitlines()[1].split(",")[1]
        yield s
    finally:
        feeds.stop()
        slack.stop()


def public_on_loopback(cmd: str, s: Scenario) -> str:
    return re.sub(r"https://(?:www\.fiercebiotech\.com|fred\.stlouisfed\.org)/", s.feeds.url("/"), cmd)


def shell(s: Scenario, cmd: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", cmd], cwd=s.proj, env=s.env, capture_output=True, text=True, timeout=timeout, input=ITEMS
    )


def run_daemon_form(s: Scenario, cmd: str, ready: str, expect: Any = None) -> str:
    """A command that keeps running: start it, wait for `ready` in its output, then Ctrl-C (SIGINT to its process
    group, as a terminal does). It must stop cleanly: the daemon's `stopped` line, no traceback."""
    proc = subprocess.Popen(
        ["bash", "-c", cmd],
        cwd=s.proj,
        env=s.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    seen: list[str] = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            seen.append(line)
            if ready in line and (expect is None or expect()):
                break
        else:
            pytest.fail(f"`{cmd}` ended before `{ready}`:\n{''.join(seen)}")
        os.killpg(proc.pid, signal.SIGINT)
        rest, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    out = "".join(seen) + rest
    assert "Traceback" not in out and "stopped" in out, out
    return out


def _ids(commands: list[DocCommand]) -> list[str]:
    return [f"{c.where} {c.text}" for c in commands]


def _first_of_each(commands: list[DocCommand]) -> list[DocCommand]:
    """A command documented in several places is run once (at its first place)."""
    seen: dict[str, DocCommand] = {}
    for c in commands:
        seen.setdefault(c.text, c)
    return list(seen.values())


def how_checked(cmd: str) -> str:
    """`wirewatch` (run in the scenario, in document order), `make run` (its own copy), or `static`."""
    bare = re.sub(r"^(?:[A-Z_]+=\S+\s+)+", "", cmd)
    if re.match(r"^(?:\.venv/bin/)?wirewatch ", bare) or bare.startswith("echo "):
        return "wirewatch"
    return "make run" if bare == "make run" else "static"


COMMANDS = _first_of_each(doc_commands())
WIREWATCH = [c for c in COMMANDS if how_checked(c.text) == "wirewatch"]
MAKE_RUN = [c for c in COMMANDS if how_checked(c.text) == "make run"]
STATIC = [c for c in COMMANDS if how_checked(c.text) == "static"]


def test_the_docs_show_commands() -> None:
    """The extraction itself: the README's quick start, its synopsis and the guides' examples are all found."""
    texts = {c.text for c in COMMANDS}
    assert {"make run", "make test"} <= texts
    assert ".venv/bin/wirewatch alerts --retry ID|all" in texts
    assert any(c.text.startswith("wirewatch sources add") and "operators-guide" in c.file for c in COMMANDS)
    assert any(c.output for c in COMMANDS if "wirewatch match" in c.text and c.file == "README.md")
    assert len(WIREWATCH) > 30 and MAKE_RUN and STATIC


@pytest.mark.long
@pytest.mark.timeout(900)
def test_every_wirewatch_command_runs_as_documented(scenario: Scenario) -> None:
    """All in one test, in document order: later commands build on earlier ones (`sources add` before
    `sources remove` of what it added), and one test keeps that order however the suite is spread over
    workers. Every failure is collected and reported with its place in the docs."""
    failures: list[str] = []
    for doc in WIREWATCH:
        for tokens in expand(doc.text):
            cmd = public_on_loopback(" ".join(scenario.fill(tokens)), scenario)
            if cmd in scenario.ran:
                continue
            scenario.ran.add(cmd)
            try:
                _run_one(doc, cmd, scenario)
            except (AssertionError, subprocess.TimeoutExpired) as exc:
                failures.append(f"{doc.where}: `{cmd}`: {exc}")
    assert not failures, "\n\n".join(failures)


def _run_one(doc: DocCommand, cmd: str, s: Scenario) -> None:
    if re.match(r"^(?:\.venv/bin/)?wirewatch run\b", cmd):
        run_daemon_form(s, cmd, "wirewatch running")
        return
    r = shell(s, cmd)
    assert r.returncode == 0, f"exited {r.returncode}\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}"
    assert "Traceback" not in r.stderr, r.stderr
    if doc.output:
        assert r.stdout.splitlines() == list(doc.output), (
            f"the documented output is not what it prints now:\n{r.stdout}"
        )


@pytest.mark.parametrize("doc", MAKE_RUN, ids=_ids(MAKE_RUN))
def test_make_run_as_documented(
    doc: DocCommand, feed_server: FeedServer, slack_server: SlackServer, tmp_path: Path
) -> None:
    _make_run(doc, feed_server, slack_server, tmp_path)


@pytest.mark.parametrize("doc", STATIC, ids=_ids(STATIC))
def test_documented_command_that_cannot_run_here(doc: DocCommand) -> None:
    """Listed as skipped with the reason, after what can be checked without running it."""
    reason = skip_reason(doc.text)
    assert reason is not None, f"{doc.where}: `{doc.text}` should run: it is neither static nor skipped"
    pytest.skip(reason)


def _make_run(doc: DocCommand, feeds: FeedServer, slack: SlackServer, tmp_path: Path) -> None:
    """`make run` on the shipped config in its own copy of the project: the first alert reaches the console
    (or, with SLACK_BOT_TOKEN, the loopback Slack). `-o .venv/bin/.installed`: the set-up step is held back,
    as the copy shares this suite's venv (which `make run` would otherwise reinstall if it looked stale)."""
    if not (Path(sys.prefix) / "bin" / "wirewatch").exists():
        pytest.skip("the suite does not run in a venv with `wirewatch` installed")
    env = {**os.environ, "SLACK_API_URL": slack.base_url}
    for key in ("SLACK_BOT_TOKEN", "WIREWATCH_CONFIG"):
        env.pop(key, None)
    shipped = Scenario(_copy_project(tmp_path / "shipped"), feeds, slack, env)
    cmd = doc.text.replace("make run", "make -o .venv/bin/.installed run")
    if "SLACK_BOT_TOKEN=" in cmd:
        cmd = re.sub(r"SLACK_BOT_TOKEN=\S+", f"SLACK_BOT_TOKEN={slack.token}", cmd)
        out = run_daemon_form(shipped, cmd, "", expect=lambda: len(slack.posted()) > 0)
        assert slack.posted(), out
    else:
        out = run_daemon_form(shipped, cmd, "┌─")
    assert "starting:" in out and "wirewatch running" in out


def test_the_docs_carry_no_internal_labels() -> None:
    """Readers do not know our issue numbers: "Polling keys (issue 5)" says nothing to them."""
    for path in DOCS:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not re.search(r"\(issue \d+\)|\bissue #?\d+\b", line, re.I), f"{path.name}:{n}: {line}"
