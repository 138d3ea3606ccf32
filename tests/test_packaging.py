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


def _dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments) pairs, continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def test_image_runs_on_the_embedded_store_in_a_volume_its_user_owns(tmp_path: Path) -> None:
    """Without Redis the image writes its SQLite file under /data (a volume chowned to the daemon's user), not
    in root-owned /app; the shipped config takes the store from WIREWATCH_STORE, as the image sets it."""
    steps = _dockerfile()
    env = " ".join(a for i, a in steps if i == "ENV")
    assert "WIREWATCH_STORE=sqlite:////data/wirewatch.db" in env
    assert any(i == "VOLUME" and "/data" in a for i, a in steps)
    user = next(a for i, a in steps if i == "USER")
    assert any(i == "RUN" and f"chown {user}:{user} /data" in a for i, a in steps)
    assert [i for i, _ in steps].index("VOLUME") > [i for i, _ in steps].index("RUN")  # chown before the volume
    config, _ = load_config(ROOT / "wirewatch.yaml", env={"WIREWATCH_STORE": "sqlite:////data/wirewatch.db"})
    assert config.store == "sqlite:////data/wirewatch.db"


def test_image_contains_every_package_it_installs() -> None:
    """`COPY . ./` with .dockerignore: every package pyproject installs (and the config and samples) reaches the
    image; tests, caches and local databases do not."""
    ignored = {line.strip().rstrip("/") for line in (ROOT / ".dockerignore").read_text().splitlines() if line.strip()}
    project = (ROOT / "pyproject.toml").read_text()
    include = project.split("include = [", 1)[1].split("]", 1)[0]
    packages = [p.strip().strip('"').rstrip("*") for p in include.split(",") if p.strip()]
    assert packages and all((ROOT / p / "__init__.py").exists() and p not in ignored for p in packages)
    assert not {"wirewatch.yaml", "samples", "pyproject.toml", "README.md"} & ignored
    assert {".venv", ".git", "tests", "*.db"} <= ignored


def test_systemd_unit_restarts_and_drains_on_sigterm() -> None:
    import configparser

    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(ROOT / "deploy" / "wirewatch.service")
    service = unit["Service"]
    assert service["ExecStart"].split()[1:3] == ["run", "--config"]
    assert service["Restart"] in ("on-failure", "always")
    assert service["KillSignal"] == "SIGTERM"
    assert int(service["TimeoutStopSec"]) > 30  # the daemon drains for up to 30 s
    assert "2" in service["RestartPreventExitStatus"].split()  # a config error does not restart in a loop
    assert service["User"] != "root" and "sqlite:////var/lib/wirewatch/" in service["Environment"]
    assert unit["Install"]["WantedBy"] == "multi-user.target"
