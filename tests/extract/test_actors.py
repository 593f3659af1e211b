"""Actor KB: aliases, metonyms, military vs government, sponsors, head-noun kinds, user files."""

from __future__ import annotations

import json

import pytest

from eventwire.errors import ConfigError
from eventwire.extract.actors import ActorKB, guess_kind, load_kb


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return load_kb()


@pytest.mark.parametrize(
    "name, canonical, kind, country",
    [
        ("U.S.", "Government of the United States", "state", "US"),
        ("United States", "Government of the United States", "state", "US"),
        ("Washington", "Government of the United States", "state", "US"),
        ("American forces", "United States Armed Forces", "state", "US"),
        ("US military", "United States Armed Forces", "state", "US"),
        ("the Pentagon", "United States Armed Forces", "state", "US"),
        ("US fighter jets", "United States Armed Forces", "state", "US"),
        ("Israeli jets", "Israel Defense Forces", "state", "IL"),
        ("ISIS", "Islamic State", "rebel", None),
        ("Al-Shabab fighters", "Al Shabaab", "rebel", "SO"),
        ("Hashd al-Shaabi forces", "Popular Mobilization Forces", "political_militia", "IQ"),
        ("AMISOM", "African Union Mission in Somalia", "external", "SO"),
        # session 12: Colombian dissidents, Mexican cartels (each faction its own side), a Nigerian vigilante force
        ("a FARC dissident unit", "FARC dissidents", "rebel", "CO"),
        ("the Los Chapitos faction", "Sinaloa Cartel: Los Chapitos", "political_militia", "MX"),
        ("Jalisco New Generation Cartel (CJNG)", "Jalisco New Generation Cartel", "political_militia", "MX"),
        ("Civilian Joint Task Force militia", "Civilian Joint Task Force", "political_militia", "NG"),
    ],
)
def test_resolve_known(kb: ActorKB, name: str, canonical: str, kind: str, country: str | None) -> None:
    a = kb.resolve(name)
    assert (a.canonical, a.kind, a.country) == (canonical, kind, country)
    assert a.name == name


def test_military_context_turns_country_into_its_forces(kb: ActorKB) -> None:
    assert kb.resolve("Israel", military=True).canonical == "Israel Defense Forces"
    assert kb.resolve("Israel").canonical == "Government of Israel"


@pytest.mark.parametrize(
    "name, kind, sponsor",
    [
        ("Iran-backed militias", "political_militia", "Iran"),
        ("IRGC-supported groups", "political_militia", "Islamic Revolutionary Guard Corps"),
        ("Turkish-backed rebel fighters", "rebel", "Turkey"),
    ],
)
def test_sponsor(kb: ActorKB, name: str, kind: str, sponsor: str) -> None:
    a = kb.resolve(name)
    assert (a.kind, a.sponsor) == (kind, sponsor)


@pytest.mark.parametrize(
    "phrase, kind",
    [("unidentified gunmen", "political_militia"), ("protesters", "protesters"), ("rioters", "rioters"),
     ("villagers", "civilians"), ("Fulani herders", "identity_militia"), ("insurgents", "rebel"),
     ("riot police", "state"), ("a table", None),
     # session 12: plain-clothes agents are a state force; traders are civilians
     ("plain-clothes security agents", "state"), ("intelligence officers", "state"), ("livestock traders", "civilians")],
)
def test_guess_kind(phrase: str, kind: str | None) -> None:
    assert guess_kind(phrase) == kind


def test_unknown_actor_keeps_name_and_no_canonical(kb: ActorKB) -> None:
    a = kb.resolve("Movement for Something New", 5, 31)
    assert a.canonical is None and (a.start, a.end) == (5, 31)


def test_user_file_merges_over_shipped(tmp_path) -> None:
    f = tmp_path / "extra.json"
    f.write_text(json.dumps({"groups": [{"canonical": "Example Brigade", "kind": "rebel", "country": "SY",
                                         "aliases": ["EB", "Example Brigades"]}]}))
    kb = load_kb(str(f))
    assert kb.resolve("EB fighters").canonical == "Example Brigade"
    assert kb.resolve("ISIS").canonical == "Islamic State"  # shipped entries remain


def test_bad_user_file_is_a_config_error(tmp_path) -> None:
    f = tmp_path / "bad.json"
    f.write_text(json.dumps({"groups": [{"canonical": "X", "kind": "aliens"}]}))
    with pytest.raises(ConfigError):
        load_kb(str(f))


def test_demonym_with_militia_is_not_the_state(kb: ActorKB) -> None:
    a = kb.resolve("Iraqi and Afghan militias")
    assert (a.canonical, a.kind, a.country) == (None, "political_militia", "IQ")
    assert kb.resolve("Syrian rebels").kind == "rebel"
    assert kb.resolve("Syrian troops").canonical == "Syrian Arab Army"  # a state force stays the state


def test_coalition_and_service_members(kb: ActorKB) -> None:
    assert kb.resolve("US-led coalition troops").canonical == "International Coalition"
    assert kb.resolve("coalition forces").canonical is None  # ambiguous without context
    assert kb.resolve("three US service members").canonical == "United States Armed Forces"


def test_plural_armed_groups_are_militias() -> None:
    assert guess_kind("armed groups") == "political_militia"
    assert guess_kind("armed factions") == "political_militia"


def test_coalition_members_are_one_side():
    from eventwire.extract.actors import load_kb

    kb = load_kb()
    assert kb.same_side("International Coalition", "United States Armed Forces")
    assert kb.same_side("united states armed forces", "International Coalition")
    assert not kb.same_side("International Coalition", "Islamic Resistance in Iraq")


@pytest.mark.parametrize("name", ["Saudi-Led Coalition", "Saudi-led coalition", "Saudi led coalition"])
def test_a_title_cased_hyphen_still_finds_the_alias(kb: ActorKB, name: str) -> None:
    # (names joined by a hyphen are split before lookup, "Islamic State-Somalia"; so are title-cased aliases)
    assert kb.resolve(name).canonical == kb.resolve("Saudi-led coalition").canonical is not None
