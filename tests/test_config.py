"""Configuration: one validated model, ${VAR} interpolation, errors that name the key and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from rules.durations import parse_duration
from rules.loader import BUNDLED_PACKS
from wirewatch.config import ConfigError, load_config


def write(tmp: Path, text: str) -> Path:
    p = tmp / "wirewatch.yaml"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    ("raw", "seconds"), [(300, 300), ("300", 300), ("90s", 90), ("5m", 300), ("1h30m", 5400), ("2d", 172800)]
)
def test_durations(raw: object, seconds: float) -> None:
    assert parse_duration(raw) == seconds


@pytest.mark.parametrize("raw", ["5 minutes", "m5", "", "-3", True, "1h30"])
def test_bad_durations(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_duration(raw)


def test_contract_example_loads_with_interpolation(tmp_path: Path) -> None:
    cfg = write(
        tmp_path,
        """
store: sqlite:///./wirewatch.db
rules: [rules/packs]
sources:
  - id: fierce-biotech
    type: rss
    url: https://www.fiercebiotech.com/rss/xml
    interval: "5m"
    on_first_fetch: baseline
notify:
  console: true
  slack:
    token: ${SLACK_BOT_TOKEN}
    base_url: ${SLACK_API_URL:-https://slack.com/api/}
    channel: "#market-signals"
""",
    )
    config, warnings = load_config(cfg, env={"SLACK_BOT_TOKEN": "xoxb-1"})
    assert warnings == []
    assert config.sources[0].interval == 300
    assert config.notify.slack.token is not None and config.notify.slack.token.get_secret_value() == "xoxb-1"
    assert config.notify.slack.base_url == "https://slack.com/api/"
    assert Path(config.rules[0]) == BUNDLED_PACKS  # found beside the install when not beside the config
    assert "xoxb-1" not in repr(config), "secrets do not show in reprs"


def test_unset_variable_warns_with_line_and_disables_slack(tmp_path: Path) -> None:
    cfg = write(tmp_path, "notify:\n  slack:\n    token: ${SLACK_BOT_TOKEN}\n")
    config, warnings = load_config(cfg, env={})
    assert [str(w) for w in warnings] == [f"{cfg}:3:5: ${{SLACK_BOT_TOKEN}} is not set; using an empty string"]
    assert not config.notify.slack.enabled
    assert config.notify.console_enabled, "console is the default without a Slack token"


def test_required_variable_and_literal_dollar(tmp_path: Path) -> None:
    cfg = write(tmp_path, "store: ${STORE:?set STORE to a store URL}\nsources: []\n")
    with pytest.raises(ConfigError) as err:
        load_config(cfg, env={})
    assert str(err.value.problems[0]) == f"{cfg}:1:1: ${{STORE}} is required: set STORE to a store URL"
    cfg = write(tmp_path, "store: sqlite:///./a$$b.db\n")
    assert load_config(cfg, env={})[0].store == "sqlite:///./a$b.db"


def test_errors_name_key_and_line(tmp_path: Path) -> None:
    cfg = write(
        tmp_path,
        "store: sqlite:///x.db\n"
        "sources:\n"
        "  - id: ok\n    url: http://127.0.0.1/feed\n"
        "  - id: bad\n    url: ftp://nope\n    interval: soon\n    on_first_fetch: always\n"
        "  - id: ok\n    url: http://127.0.0.1/other\n"
        "notfy: {}\n",
    )
    with pytest.raises(ConfigError) as err:
        load_config(cfg, env={})
    text = "\n".join(str(p) for p in err.value.problems)
    assert f"{cfg}:7:5: `sources.1.interval`: bad duration 'soon'" in text
    assert f"{cfg}:8:5: `sources.1.on_first_fetch`: Input should be 'baseline' or 'alert'" in text
    assert f"{cfg}:11:1: unknown key `notfy`; did you mean `notify`?" in text


def test_duplicate_source_ids_rejected(tmp_path: Path) -> None:
    cfg = write(tmp_path, "sources:\n  - {id: a, url: 'http://x/1'}\n  - {id: a, url: 'http://x/2'}\n")
    with pytest.raises(ConfigError, match="duplicate source id `a`"):
        load_config(cfg, env={})


def test_relative_paths_resolve_against_config_folder(tmp_path: Path) -> None:
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "feeds").mkdir()
    cfg = write(tmp_path, "rules: [my-rules]\nsources:\n  - {id: f, url: 'file:feeds/a.xml'}\n")
    config, _ = load_config(cfg, env={})
    assert config.rules == [str(tmp_path / "my-rules")]
    assert config.sources[0].url == f"file://{tmp_path}/feeds/a.xml"


def test_yaml_syntax_error_has_position(tmp_path: Path) -> None:
    cfg = write(tmp_path, "sources:\n  - id: a\n   url: x\n")
    with pytest.raises(ConfigError) as err:
        load_config(cfg, env={})
    assert str(err.value.problems[0]).startswith(f"{cfg}:3:")
