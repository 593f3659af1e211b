"""Attribution: who says so, with kind and span; the outlet when nobody is named."""

from __future__ import annotations

import pytest

from eventwire.extract.attribution import attribution_for, source_kind
from eventwire.extract.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.mark.parametrize(
    "text, source, kind",
    [
        ("US jets struck a depot, Defense Secretary Lloyd Austin said.", "Defense Secretary Lloyd Austin", "official"),
        ("US jets struck a depot, the Pentagon said.", "Pentagon", "official"),
        ("There were no casualties, a military official said on condition of anonymity.", "military official", "anonymous"),
        ("According to CNN, drones attacked the base.", "CNN", "media"),
        ("Witnesses said gunmen opened fire on the market.", "Witnesses", "witness"),
        ("The Syrian Observatory for Human Rights said 12 fighters were killed.", "Syrian Observatory for Human Rights", "ngo"),
        ("The army said it killed 18 militants.", "army", "military"),
        ("Saudi jets fired missiles at a well, Saba news agency reported.", "Saba news agency", "media"),
        ("Sources said the convoy was hit.", "Sources", "anonymous"),
        ("A shell hit the clinic on Monday, killing two nurses, a hospital worker who asked not to be named said.",
         "hospital worker", "anonymous"),
        ("Mortars hit the camp, according to the Riverside Relief Committee, a volunteer group that runs the clinic.",
         "Riverside Relief Committee", "ngo"),
        ("A bomb hit a bus, killing four, said John Mbeki, a commander of the Coastal Vigilance militia.",
         "John Mbeki", "group"),
        ("On Tuesday, police found the bodies of three men beside a road.", "police", "official"),
        ("Local officials said the militia burned 40 homes.", "Local officials", "official"),
        ("The attack was confirmed by the local mayor, Jean Kabila.", "local mayor, Jean Kabila", "official"),
        ("The army's spokesman, Colonel Ibrahim Diallo, said rebels ambushed a convoy.",
         "army's spokesman, Colonel Ibrahim Diallo", "military"),
    ],
)
def test_sources(nlp, text: str, source: str, kind: str) -> None:
    sent = next(iter(nlp(text).sents))
    found = attribution_for(sent, "Example Outlet")
    assert [(a.source, a.kind) for a in found][:1] == [(source, kind)]
    a = found[0]
    assert text[a.start:a.end].endswith(source)


def test_outlet_when_nobody_named(nlp) -> None:
    sent = next(iter(nlp("Warplanes bombed the town on Monday.").sents))
    found = attribution_for(sent, "AP")
    assert [(a.source, a.kind) for a in found] == [("AP", "outlet")]
    assert attribution_for(sent, None) == []


@pytest.mark.parametrize("phrase, kind", [("a senior official who spoke anonymously", "anonymous"),
                                          ("Reuters", "media"), ("residents", "witness"), ("Amnesty International", "ngo"),
                                          ("the Islamic State group", "group"), ("his family", "witness"),
                                          ("relatives of two detainees", "witness"), ("an M23 spokesman", "group"),
                                          ("an association of doctors", "ngo"), ("army spokesman Colonel Tom Obi", "military")])
def test_source_kind(phrase: str, kind: str) -> None:
    assert source_kind(phrase) == kind


def test_denial_names_its_source(nlp) -> None:
    doc = nlp("MOSUL — Iraq's Joint Operations Command on Tuesday denied reports that a drone had hit the airport.")
    found = attribution_for(list(doc.sents)[0], "Outlet")
    assert [(a.source, a.kind) for a in found] == [("Iraq's Joint Operations Command", "military")]


def test_finder_is_no_source_when_not_a_witness_or_authority(nlp) -> None:
    sent = next(iter(nlp("Gunmen found him at home and shot him.").sents))
    assert [(a.source, a.kind) for a in attribution_for(sent, "AP")] == [("AP", "outlet")]


@pytest.mark.parametrize(
    "text, source, kind",
    [
        ("Mortars hit the camp, according to the Riverside Relief Committee, a volunteer group. Water ran out. "
         "The committee said "
         "most of the dead were traders.", "Riverside Relief Committee", "ngo"),
        ("Two drones hit the ward, a medical source who asked not to be named said. The source said one drone "
         "hit the roof.", "medical source", "anonymous"),
        ("Al-Shabaab denied targeting the market. In a statement, the armed group said its fighters had hit "
         "army posts.", "Al-Shabaab", "group"),
        # a description that says which one is not an anaphor
        ("Gunmen attacked posts used by the army in the north. The Sudanese army said its jets struck the gunmen.",
         "Sudanese army", "military"),
        # a speaker named many sentences back is not whom "the official" stands for
        ("A provincial official said the road was closed. Traders waited at the bridge. Prices rose. Fuel ran "
         "short. Buses stopped. Gunmen killed four traders near the market, the official said.",
         "official", "official"),
    ],
)
def test_definite_description_names_the_speaker_named_before(nlp, text: str, source: str, kind: str) -> None:
    sent = list(nlp(text).sents)[-1]
    found = attribution_for(sent, "Outlet")
    assert [(a.source, a.kind) for a in found] == [(source, kind)]
    assert text[found[0].start:found[0].end].endswith(source)


def test_source_kind_reads_the_given_actor_kb() -> None:
    # a group only the user's actors_file knows speaks as a group, not as "other"
    from eventwire.extract.actors import ActorKB

    kb = ActorKB({"groups": [{"canonical": "Lakeshore Defence Brigades", "kind": "rebel", "aliases": ["LDB"]}]})
    assert source_kind("an LDB spokesman") != "group"
    assert source_kind("an LDB spokesman", kb=kb) == "group"


@pytest.mark.parametrize(
    "text, expected",
    [
        # session 13: "he said" / "she said" is the named person who spoke just before
        ("Police chief Maria Okafor said the gunmen fled on foot. She said a second bomb was defused near the school.",
         [("Police chief Maria Okafor", "official")]),
        ('Army spokesman Major Tunde Bello said troops had "repelled" the raid. He said jets later struck the '
         "column.", [("Army spokesman Major Tunde Bello", "military")]),
        ("Governor Ali Rahim told reporters the road was closed. Traders waited. He said four drivers were abducted.",
         [("Governor Ali Rahim", "official")]),
        # ...not an organisation, and not a speaker named too far back
        ("The army said it repelled the attack. He said two soldiers died.", [("Outlet", "outlet")]),
        ("Mayor Ines Vale said the bridge was shut. Buses stopped. Fuel ran out. Shops closed. She said looters "
         "came at night.", [("Outlet", "outlet")]),
        # a subject that names no one is no source
        ("A bomb hit a police van on the highway. No group claimed the blast.", [("Outlet", "outlet")]),
        ("Nobody said how many soldiers had died.", [("Outlet", "outlet")]),
        # a bracketed abbreviation stays closed
        ("The Islamic Resistance in the Delta (IRD) said its fighters had shot down a drone.",
         [("Islamic Resistance in the Delta (IRD)", "group")]),
        ("The National Rescue Agency (NRA) said 14 bodies had been recovered.", [("National Rescue Agency (NRA)", "official")]),
        # a state service is an official source, a news service a media one
        ("Gunmen attacked a border post, Kyrgyzstan's Border Service said.", [("Kyrgyzstan's Border Service", "official")]),
        ("A drone hit a car near the city, the region's counter-terrorism service said.",
         [("region's counter-terrorism service", "official")]),
        ("Rebels shelled the town, the State News Service reported.", [("State News Service", "media")]),
        # unchanged: a named speaker, a pronoun in the same sentence after a named one
        ("Two shells hit the clinic, said Anna Kiri, a nurse at the hospital.", [("Anna Kiri", "witness")]),
        ("Minister Paul Eze said, as he left the cabinet meeting, that troops had retaken the town.",
         [("Minister Paul Eze", "official")]),
        ("Witnesses said the militia burned the market. They said at least ten shops were looted.", [("Outlet", "outlet")]),
        ('"Nothing," said Agent Tom Reyes. Police seized the phones he described as stolen.', [("Outlet", "outlet")]),
    ],
)
def test_pronoun_negated_and_bracketed_sources(nlp, text: str, expected: list[tuple[str, str]]) -> None:
    sent = list(nlp(text).sents)[-1]
    assert [(a.source, a.kind) for a in attribution_for(sent, "Outlet")] == expected


@pytest.mark.parametrize("text, stances", [
    ("The army denied the allegation on Tuesday.", [("army", "denies")]),
    ("JNIM claimed the attack in a statement.", [("JNIM", "claims")]),
    ("The army did not deny the allegation.", [("army", None)]),  # (not a denial)
    ("Police said two men were arrested.", [("Police", None)]),
])
def test_stance_of_a_source(nlp, text: str, stances: list[tuple[str, str | None]]) -> None:
    found = attribution_for(next(nlp(text).sents), "Outlet")
    assert [(a.source, a.stance) for a in found] == stances
