from __future__ import annotations

import pytest

from eventwire.config import SETTINGS, Settings, load_settings
from eventwire.errors import ConfigError


def test_defaults_and_types():
    s = Settings()
    assert s.batch_size == 32 and isinstance(s.resolve_distance_km, float)
    assert {x.name for x in SETTINGS} == set(s.as_dict())


def test_priority_file_env_override(tmp_path, monkeypatch):
    cfg = tmp_path / "ew.toml"
    cfg.write_text("[eventwire]\nbatch_size = 8\nresolve_threshold = 0.9\n")
    monkeypatch.setenv("EVENTWIRE_BATCH_SIZE", "16")
    s = load_settings(cfg, ["resolve_threshold=0.7"])
    assert s.batch_size == 16  # env beats file
    assert s.resolve_threshold == 0.7  # --set beats file


def test_errors_say_what_to_do(tmp_path):
    with pytest.raises(ConfigError, match="unknown setting 'nope'") as exc:
        Settings({"nope": 1})
    assert "known settings" in str(exc.value)
    with pytest.raises(ConfigError, match="needs a int"):
        Settings({"batch_size": "many"})
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "missing.toml")
    with pytest.raises(ConfigError, match="name=value"):
        load_settings(None, ["batch_size"])
