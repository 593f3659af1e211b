"""Without the optional `ray` package, the ray runner is a ConfigError that says what to install."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.errors import ConfigError
from eventwire.runners.ray_runner import import_ray


@pytest.fixture
def no_ray(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now raises ImportError


def test_missing_ray_is_a_config_error(no_ray: None) -> None:
    with pytest.raises(ConfigError) as err:
        import_ray()
    assert "eventwire[ray]" in str(err.value)


def test_cli_runner_ray_without_ray_exits_2_before_touching_the_store(no_ray: None, tmp_path) -> None:
    db = tmp_path / "x.db"
    out = CliRunner().invoke(cli, ["run", str(tmp_path), "--db", str(db), "--runner", "ray"])
    assert out.exit_code == 2
    assert "eventwire[ray]" in out.output
    assert not db.exists()


def test_runner_setting_is_validated(tmp_path) -> None:
    out = CliRunner().invoke(cli, ["--set", "runner=spark", "run", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert out.exit_code == 2
    assert "unknown runner 'spark'" in out.output


def test_ray_client_address_without_ray_client_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from eventwire.runners import ray_runner

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "grpc" else real(name, *a))
    with pytest.raises(ConfigError) as err:
        ray_runner._init(object(), "ray://head:10001", None)
    assert "ray[client]" in str(err.value)
