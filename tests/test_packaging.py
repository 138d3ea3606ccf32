"""What ships: the default config works offline, docker-compose wires the daemon to Redis, CI runs the
README's test command."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, run_cli
from wirewatch.config import load_config


def test_default_config_validates_and_uses_shipped_samples() -> None:
    config, _ = load_config(ROOT / "wirewatch.yaml", env={})
    samples = [s for s in config.sources if s.url.startswith("file://")]
    assert samples and all(Path(s.url[len("file://") :]).is_file() for s in samples)
    assert all(s.on_first_fetch == "alert" for s in samples), "a first `make run` shows alerts"
    assert config.notify.console_enabled and not config.notify.slack.enabled
    assert config.store == "sqlite:///./wirewatch.db"


def test_compose_runs_daemon_against_redis() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert "redis" in services and "wirewatch" in services
    env = services["wirewatch"]["environment"]
    config, _ = load_config(ROOT / "wirewatch.yaml", env={"WIREWATCH_STORE": env["WIREWATCH_STORE"]})
    assert config.store == "redis://redis:6379/0"
    assert services["wirewatch"]["depends_on"]["redis"]["condition"] == "service_healthy"


def test_compose_daemon_scales_and_has_healthchecks() -> None:
    """`docker compose up --scale wirewatch=3` needs no container_name and no fixed host ports on the daemon;
    both services have healthchecks, the daemon's on /healthz of the metrics server the compose turns on."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    daemon, redis_service = compose["services"]["wirewatch"], compose["services"]["redis"]
    assert "container_name" not in daemon and "ports" not in daemon
    assert "healthcheck" in redis_service and "--appendonly" in redis_service["command"]
    probe = " ".join(daemon["healthcheck"]["test"])
    env = daemon["environment"]
    assert "/healthz" in probe and f":{env['WIREWATCH_METRICS_PORT']}/" in probe
    config, _ = load_config(ROOT / "wirewatch.yaml", env={k: str(v) for k, v in env.items()})
    assert config.metrics.enabled and config.metrics.host == "0.0.0.0" and config.metrics.port == 9108
    assert config.store.startswith("redis://")  # replicas coordinate through leases by default on Redis


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci
    head = readme[: readme.index("##")] if "##" in readme else readme
    assert "make run" in head and "make test" in head


@pytest.mark.system
def test_validate_the_shipped_config(tmp_path: Path) -> None:
    r = run_cli("validate", "--config", str(ROOT / "wirewatch.yaml"), cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.startswith("OK:")
