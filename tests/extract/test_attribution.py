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
                                          ("the Islamic State group", "group")])
def test_source_kind(phrase: str, kind: str) -> None:
    assert source_kind(phrase) == kind


def test_denial_names_its_source(nlp) -> None:
    doc = nlp("MOSUL — Iraq's Joint Operations Command on Tuesday denied reports that a drone had hit the airport.")
    found = attribution_for(list(doc.sents)[0], "Outlet")
    assert [(a.source, a.kind) for a in found] == [("Iraq's Joint Operations Command", "military")]
