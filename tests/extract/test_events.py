"""The events stage on hand-built documents: detection, typing, arguments, background, merging, claims."""

from __future__ import annotations

import pytest

from eventwire.config import Settings
from eventwire.data.acled import EVENT_TYPE_OF, PLOVER_OF, SUB_EVENT_TYPES
from eventwire.errors import ArticleError
from eventwire.extract.actors import load_kb
from eventwire.extract.classify import best
from eventwire.extract.events import extract_events, make_stage
from eventwire.extract.nlp import load_nlp
from eventwire.model import Removed
from eventwire.pipeline import Pipeline
from tests.conftest import make_article


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _run(nlp, text: str, **kw):
    a = make_article(text, **kw)
    a.scratch["doc"] = nlp(a.clean_text)
    events, claims = extract_events(a, load_kb())
    return a, events, claims


def test_taxonomy_is_complete() -> None:
    assert len(SUB_EVENT_TYPES) == 25 and len(set(EVENT_TYPE_OF.values())) == 6
    assert set(PLOVER_OF) == set(SUB_EVENT_TYPES)
    assert "Excessive force against protesters" in SUB_EVENT_TYPES


@pytest.mark.parametrize(
    "text, sub",
    [
        ("Israeli warplanes bombed Hamas positions in Gaza overnight.", "Air/drone strike"),
        ("A drone strike killed two commanders near the border.", "Air/drone strike"),
        ("Russian forces shelled residential areas of Kharkiv with artillery.", "Shelling/artillery/missile attack"),
        ("A roadside bomb exploded near an army convoy in Helmand.", "Remote explosive/landmine/IED"),
        ("A suicide bomber blew himself up at a checkpoint in Mogadishu.", "Suicide bomb"),
        ("Militants hurled a grenade at a police post in Pulwama.", "Grenade"),
        ("Government helicopters dropped barrel bombs filled with chlorine on the town.", "Chemical weapon"),
        ("Al-Shabaab fighters clashed with Somali troops near Afgoye.", "Armed clash"),
        ("Government forces recaptured the town of Souran from rebels.", "Government regains territory"),
        ("Islamic State militants seized the village of Dabiq.", "Non-state actor overtakes territory"),
        ("Gunmen opened fire on worshippers at a mosque, killing six people.", "Attack"),
        ("Armed men abducted 25 students from a school in Kaduna.", "Abduction/forced disappearance"),
        ("Soldiers raped several women in the village, a rights group said.", "Sexual violence"),
        ("Thousands of people marched peacefully in Belgrade against the government.", "Peaceful protest"),
        ("Police detained dozens of activists during an unsanctioned protest in Moscow.", "Protest with intervention"),
        ("Security forces opened fire on protesters in Baghdad, killing six.", "Excessive force against protesters"),
        ("Protesters threw stones at police and set tyres on fire in Nairobi.", "Violent demonstration"),
        ("An angry mob lynched a man accused of theft.", "Mob violence"),
        ("The warring parties agreed a 48-hour ceasefire in three towns.", "Agreement"),
        ("Police arrested 15 suspected members of the group in Addis Ababa.", "Arrests"),
        ("About 450 fighters defected to the Houthis.", "Change to group/activity"),
        ("Police seized 206 automatic weapons and ammunition in a raid.", "Disrupted weapons use"),
        ("Turkish forces set up a new observation post in Idlib province.", "Headquarters or base established"),
        ("Unidentified men looted dozens of shops and torched cars overnight.", "Looting/property destruction"),
        ("Vandals smashed the windows of the party office and spray-painted graffiti on its walls.",
         "Looting/property destruction"),
        ("Two men beat a reporter outside the court on Monday.", "Attack"),
        ("Militants armed with rocket-propelled grenades stormed a police post overnight.", "Armed clash"),
        # a group's bombing with nothing airborne named is a planted or thrown bomb, not an air strike
        ("The militia claimed responsibility for the bombing of a police convoy in the town on Tuesday, which "
         "killed four officers.", "Remote explosive/landmine/IED"),
        ("Government troops withdrew from the town without a fight and militants moved in.", "Non-violent transfer of territory"),
    ],
)
def test_typing(nlp, text: str, sub: str) -> None:
    _, events, _ = _run(nlp, text)
    assert events, text
    top = max(events, key=lambda e: e.confidence)
    assert top.sub_event_type == sub
    assert top.event_type == EVENT_TYPE_OF[sub]
    assert top.plover == PLOVER_OF[sub]
    assert 0.0 <= top.confidence <= 1.0
    assert top.trigger is not None and top.evidence and top.evidence[0].start <= top.trigger.start


@pytest.mark.parametrize(
    "text",
    [
        "The earthquake killed 300 people in eastern Turkey.",
        "The president gave a speech about the economy on Monday.",
        "Foreign ministers met in Geneva to discuss trade.",
        "Floods swept away dozens of homes in the region.",
        # a force's standing presence is a state, not a deployment event
        "About 900 US troops are deployed in Syria and roughly 2,500 in Iraq, advising local forces.",
        "Two battalions will remain deployed along the northern border, the ministry said.",
    ],
)
def test_non_acled_happenings_are_not_forced(nlp, text: str) -> None:
    _, events, _ = _run(nlp, text)
    assert events == []


@pytest.mark.parametrize("text", ["The army deployed two battalions to the border town on Monday.",
                                  "Extra troops have been deployed to the city after the attacks."])
def test_a_deployment_that_happened_is_still_typed(nlp, text: str) -> None:
    _, events, _ = _run(nlp, text)
    assert [e.sub_event_type for e in events] == ["Change to group/activity"]


def test_several_events_per_article(nlp) -> None:
    text = ("Militants attacked a police checkpoint in Kabul on Monday, killing three officers. "
            "Separately, police arrested 12 suspects in Herat. "
            "In Kandahar, protesters marched against rising prices.")
    _, events, _ = _run(nlp, text)
    assert [e.sub_event_type for e in events] == ["Armed clash", "Arrests", "Peaceful protest"]
    assert events[0].fatalities.value == 3
    assert [e.id for e in events] == ["t1/e1", "t1/e2", "t1/e3"]


def test_follow_up_sentence_merges(nlp) -> None:
    text = ("A car bomb exploded outside a market in Baghdad on Tuesday. "
            "The bombing killed at least 12 people and wounded 30, police said.")
    _, events, _ = _run(nlp, text)
    assert len(events) == 1
    ev = events[0]
    assert ev.fatalities.value == 12 and ev.injuries.value == 30
    assert len(ev.evidence) == 2


def test_background_events(nlp) -> None:
    text = ("US jets struck a weapons depot in Syria on Wednesday. "
            "Last month, militants had attacked a US base in the same province.")
    _, events, _ = _run(nlp, text)
    assert [e.background for e in events] == [False, True]
    assert events[1].confidence < events[0].confidence


def test_second_strike_refers_back(nlp) -> None:
    text = ("US F-15s struck a facility in eastern Syria on Wednesday. "
            "It was the second strike in less than two weeks.")
    _, events, _ = _run(nlp, text)
    assert len(events) == 1 and events[0].background is False


def test_removed_caption_is_not_extracted(nlp) -> None:
    caption = "PHOTO: Protesters clash with police in Paris in 2019."
    body = " Jets bombed the town of Maarat on Monday."
    text = caption + body
    a = make_article(text, removed=[Removed(0, len(caption), "caption")])
    a.scratch["doc"] = nlp(a.clean_text)
    events, _ = extract_events(a, load_kb())
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]
    assert events[0].trigger.start >= len(caption)


def test_arguments_sponsor_and_target(nlp) -> None:
    text = "Israeli jets struck an ammunition storage facility used by Iran-backed militias near Damascus."
    _, events, _ = _run(nlp, text)
    ev = events[0]
    assert ev.actor1 is not None and ev.actor1.canonical == "Military Forces of Israel"
    assert ev.actor2 is not None and ev.actor2.sponsor == "Iran" and ev.actor2.kind == "political_militia"
    assert ev.target == "ammunition storage facility"


def test_tally_is_a_claim_not_an_event(nlp) -> None:
    _, events, claims = _run(nlp, "There have been at least 40 attacks on US forces in Iraq and Syria since October 17.")
    assert events == []
    assert len(claims) == 1 and claims[0].count == 40


def test_missing_parse_is_an_article_error() -> None:
    with pytest.raises(ArticleError):
        extract_events(make_article("Jets bombed the town."), load_kb())


def test_stage_assigns_not_appends(nlp, settings: Settings) -> None:
    stage = make_stage(settings)
    a = make_article("Jets bombed the town of Maarat on Monday.")
    a.scratch["doc"] = nlp(a.clean_text)
    stage.process(a)
    stage.process(a)
    assert len(a.events) == 1


EXAMPLE = (
    "WASHINGTON (AP) - US fighter jets, two F-15s, struck a weapons depot near Mayadin in Deir ez-Zor province "
    "used by Iran-backed militias on Wednesday, the Pentagon said. "
    "The strike was a response to at least 40 attacks on US forces in Iraq and Syria since October 17. "
    "There were no civilian casualties, a military official said on condition of anonymity."
)


def test_end_to_end_example(settings: Settings) -> None:
    a = make_article(EXAMPLE, published_at="2023-11-09", source="AP")
    out = Pipeline(settings)(a)
    assert len(out.events) == 1
    ev = out.events[0]
    assert (ev.event_type, ev.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert ev.actor1 is not None and ev.actor1.canonical == "United States Armed Forces"
    assert ev.actor2 is not None and ev.actor2.kind == "political_militia" and ev.actor2.sponsor == "Iran"
    assert ev.target == "weapons depot"
    assert ev.date is not None and ev.date.value == "2023-11-08"
    f15 = [w for w in ev.weapons if w.name == "F-15"]
    assert f15 and f15[0].count == 2
    # "no civilian casualties" says nothing about the militiamen at the depot: total unknown, side kept
    assert ev.fatalities.value is None and ev.fatalities.side == "civilians" and ev.fatalities.qualifier == "none"
    kinds = {(x.source, x.kind) for x in ev.attribution}
    assert ("Pentagon", "official") in kinds and ("military official", "anonymous") in kinds
    assert ev.modality == "reported" and ev.background is False
    (claim,) = out.claims
    assert (claim.count, claim.qualifier, claim.event, claim.target, claim.region) == (
        40, "at least", "attack", "US forces", "Iraq and Syria")
    assert claim.period.get("start") == "2023-10-17" and claim.as_of == "2023-11-09"


def test_classifier_best_is_none_for_plain_text() -> None:
    assert best("The weather was mild and sunny.") is None


# -- argument, merging and field fixes (hand-built sentences) ---------------------------------------------
def _lead(events):
    return next(e for e in events if not e.background)


def test_claim_later_in_article_names_the_attacker(nlp) -> None:
    text = ("Three rockets hit a logistics base near Kirkuk on Tuesday, police said. "
            "Nobody was hurt. "
            "The Brigades of Wrath, a little-known militia, claimed the attack in an online statement.")
    _, events, _ = _run(nlp, text, published_at="2024-03-06")
    assert len([e for e in events if not e.background]) == 1
    ev = _lead(events)
    assert ev.actor1 is not None and ev.actor1.name == "Brigades of Wrath" and ev.actor1.kind == "political_militia"
    assert ev.modality in ("asserted", "reported")  # the claim is attribution, the report stays asserted


def test_no_group_claimed_links_nobody(nlp) -> None:
    text = ("Two rockets hit a logistics base near Kirkuk on Tuesday, police said. "
            "No group claimed responsibility for the attack.")
    _, events, _ = _run(nlp, text, published_at="2024-03-06")
    assert _lead(events).actor1 is None


def test_group_reporting_its_own_attack_is_claimed(nlp) -> None:
    text = "The Brigades of Wrath militia said it attacked Turkish troops near Zakho with three drones on Monday."
    _, events, _ = _run(nlp, text, published_at="2024-03-05")
    ev = _lead(events)
    assert ev.modality == "claimed"
    assert ev.actor1 is not None and "Brigades of Wrath" in ev.actor1.name
    assert ev.actor2 is not None and ev.actor2.canonical == "Military Forces of Turkey"


def test_pronoun_subject_of_a_statement_is_the_speaker(nlp) -> None:
    text = "The Syrian Democratic Forces said they had detained four suspected Islamic State members near Raqqa."
    _, events, _ = _run(nlp, text, published_at="2024-05-02")
    ev = _lead(events)
    assert ev.sub_event_type == "Arrests"
    assert ev.actor1 is not None and ev.actor1.canonical == "Syrian Democratic Forces"
    assert ev.modality != "claimed"  # only attacks are claimed; arrests announced by their author are not


def test_headcount_is_not_the_other_side(nlp) -> None:
    text = ("Eleven fighters were killed when Russian jets bombed a training camp in Idlib on Sunday, a monitor said. "
            "The dead were members of Syrian militias backed by Turkey, the monitor said.")
    _, events, _ = _run(nlp, text, published_at="2024-05-06")
    ev = _lead(events)
    assert ev.actor1 is not None and ev.actor1.canonical == "Military Forces of Russia"
    assert ev.actor2 is not None and ev.actor2.kind == "political_militia" and ev.actor2.sponsor == "Turkey"
    assert ev.fatalities.value == 11


def test_detained_people_give_their_group(nlp) -> None:
    text = "Iraqi police detained six men suspected of belonging to the Islamic State group in Mosul on Monday."
    _, events, _ = _run(nlp, text, published_at="2024-05-07")
    ev = _lead(events)
    assert ev.sub_event_type == "Arrests"
    assert ev.actor2 is not None and ev.actor2.canonical == "Islamic State"


def test_protest_has_no_invented_opponent(nlp) -> None:
    text = "Hundreds of farmers protested in Homs on Friday, demanding that foreign militias leave the province."
    _, events, _ = _run(nlp, text, published_at="2024-05-11")
    ev = _lead(events)
    assert ev.event_type == "Protests" and ev.actor2 is None


def test_military_announcing_an_air_strike_is_its_author(nlp) -> None:
    text = "The French military said an air strike near Menaka on Saturday killed four militants."
    _, events, _ = _run(nlp, text, published_at="2024-05-13")
    ev = _lead(events)
    assert ev.sub_event_type == "Air/drone strike"
    assert ev.actor1 is not None and ev.actor1.country == "FR" and ev.actor1.kind == "state"
    # ... but not when its own troops were hit: then somebody else struck
    text = "The French military said an air strike near Menaka on Saturday killed four French soldiers."
    _, events, _ = _run(nlp, text, published_at="2024-05-13")
    assert _lead(events).actor1 is None


def test_target_owner_from_the_next_sentence(nlp) -> None:
    text = ("Israeli jets struck two warehouses near Homs early Tuesday, the army said. "
            "The warehouses were used by Hezbollah, according to the army.")
    _, events, _ = _run(nlp, text, published_at="2024-06-04")
    ev = _lead(events)
    assert ev.actor2 is not None and ev.actor2.canonical == "Hezbollah"


def test_generic_weapon_words_only_as_instruments(settings: Settings) -> None:
    text = ("Two US F-16 fighter jets struck an ammunition depot and a weapons store near Qaim on Monday, "
            "the Pentagon said, in response to drone and rocket attacks on US troops.")
    out = Pipeline(settings)(make_article(text, published_at="2024-06-04"))  # weapons need the entities stage
    assert {m.text for m in out.mentions if m.label in ("WEAPON", "MILITARY_PLATFORM")} >= {"ammunition", "drone"}
    names = {w.name for w in _lead(out.events).weapons}
    assert names == {"F-16"}


def test_seized_weapons_belong_to_the_arrests(settings: Settings) -> None:
    text = ("Police detained three suspected smugglers in a raid near Kirkuk on Wednesday, officials said. "
            "Officers seized two rifles, a pistol and ammunition during the operation, the officials said.")
    out = Pipeline(settings)(make_article(text, published_at="2024-06-06"))
    news = [e for e in out.events if not e.background and e.modality in ("asserted", "reported")]
    assert [e.sub_event_type for e in news] == ["Arrests"]
    assert news[0].weapons == []


def test_statement_date_is_not_the_event_date(nlp) -> None:
    text = ("The army said on Friday it had arrested four suspected militants in a raid near Gao. "
            "The raid took place on Wednesday in a village north of the town, the army said.")
    _, events, _ = _run(nlp, text, published_at="2024-06-08")
    ev = _lead(events)
    assert ev.date is not None and ev.date.value == "2024-06-05"


def test_strike_subject_types_the_event(nlp) -> None:
    text = ("Residents marched through Raqqa on Friday. "
            "Tuesday's strike killed four militants, according to a local monitor.")
    _, events, _ = _run(nlp, text, published_at="2024-06-08")
    strikes = [e for e in events if e.fatalities.value == 4]
    assert strikes and strikes[0].sub_event_type == "Air/drone strike"


def test_civilian_only_zero_does_not_zero_the_event(nlp) -> None:
    text = ("Turkish drones struck a vehicle near Qamishli on Monday, the defence ministry said. "
            "There were no civilian casualties, the ministry said. "
            "A local monitor said three fighters were killed.")
    _, events, _ = _run(nlp, text, published_at="2024-06-11")
    ev = _lead(events)
    assert ev.fatalities.value == 3
    assert ev.injuries.value is None  # nothing said about injuries


def test_participle_describing_a_group_is_not_an_event(nlp) -> None:
    text = ("About 300 French troops are stationed in Niger, advising local forces fighting jihadist groups. "
            "Paris said it had no ties to the militias attacking the border posts.")
    _, events, _ = _run(nlp, text, published_at="2024-06-11")
    assert events == []


def test_definite_mention_later_is_the_same_event(nlp) -> None:
    text = ("Israeli jets struck a depot near Homs on Tuesday, the army said. "
            "On June 1, Israeli jets struck a radar site near Tartus. "
            "The attacks on Syria have continued for months. "
            "Officials in Damascus gave no toll. "
            "Syria's foreign ministry condemned the strike as a violation of its sovereignty.")
    _, events, _ = _run(nlp, text, published_at="2024-06-05")
    news = [e for e in events if not e.background and e.modality in ("asserted", "reported")]
    assert len(news) == 1 and len(news[0].evidence) >= 2


def test_presence_habit_and_plans_are_not_events(nlp) -> None:
    text = ("Police detained four suspects in a raid near Kirkuk on Monday, officials said. "
            "A military helicopter was seen over the area during the operation, residents said. "
            "Sleeper cells regularly attack army checkpoints in the province. "
            "The suspects had been planning attacks on markets, the officials said.")
    _, events, _ = _run(nlp, text, published_at="2024-06-04")
    assert [e.sub_event_type for e in events] == ["Arrests"]


# -- older events told as context (background with their own date) ------------------------------------------
_LEAD = "Gunmen attacked a police checkpoint near Kirkuk on Tuesday, killing two officers, police said. "


def test_dated_older_event_after_the_lead_is_background(nlp) -> None:
    text = _LEAD + "In March 2021, a raid near the village killed a local council official, officials said."
    a, events, _ = _run(nlp, text, published_at="2023-11-09")
    old = [e for e in events if e.evidence[0].start >= len(_LEAD)]
    assert len(old) == 1 and old[0].background is True
    assert old[0].date is not None and old[0].date.value == "2021-03"
    assert not events[0].background  # the lead stays the current event


def test_weak_trigger_without_an_old_date_makes_no_event(nlp) -> None:
    for tail in ("A raid near the village killed a local council official, officials said.",
                 "On November 2, a raid near the village killed a local council official, officials said."):
        _, events, _ = _run(nlp, _LEAD + tail, published_at="2023-11-09")
        assert not [e for e in events if e.evidence[0].start >= len(_LEAD)], tail


def test_dated_weak_trigger_is_no_event_without_a_lead(nlp) -> None:
    _, events, _ = _run(nlp, "In March 2021, a raid near the village killed a local council official.",
                        published_at="2023-11-09")
    assert events == []


def test_a_past_strike_the_head_rejects_still_becomes_a_background_report(nlp) -> None:
    """The learned head says "no event" on context sentences; a rule-typed one about the past stays context."""
    import numpy as np

    from eventwire.data.acled import SUB_EVENT_TYPES
    from eventwire.extract import classify as C

    labels = [C.NONE_LABEL, *SUB_EVENT_TYPES]
    bias = np.zeros(len(labels), dtype=np.float32)
    bias[0] = 30.0  # "no event" for every sentence
    head = C.Head(np.zeros((len(labels), 25), dtype=np.float32), bias, labels,
                  {"embedding_dim": 0, "none_threshold": 0.5}, np.array([1]), np.zeros((len(labels), 1), np.float32))
    text = ("Officials met in the capital on Tuesday to discuss the budget. "
            "The United States has carried out similar strikes in the area in previous years, most recently in 2024.")
    a = make_article(text, published_at="2025-10-24")
    a.scratch["doc"] = nlp(a.clean_text)
    a.scratch["event_typer"] = C.SentenceTyper(None, head)
    events, _ = extract_events(a, load_kb())
    assert [(e.sub_event_type, e.background) for e in events] == [("Air/drone strike", True)]
    # the same veto on a sentence with no past marker stands: no report
    b = make_article("Jets struck the depot on Tuesday.", published_at="2025-10-24")
    b.scratch["doc"] = nlp(b.clean_text)
    b.scratch["event_typer"] = C.SentenceTyper(None, head)
    assert extract_events(b, load_kb())[0] == []


def test_interception_within_an_attack_is_not_a_second_event(nlp) -> None:
    # a typer that reads the sentence as a drone strike with an interception beside it (the fine-tuned
    # typer's secondary candidate): the intercepted drone is part of the attack, not its own report
    from eventwire.extract.classify import Candidate

    text = "One of the drones was shot down by air defences, while the second struck near a hangar on the base."
    a = make_article(text, published_at="2024-06-08")
    a.scratch["doc"] = nlp(a.clean_text)
    i, j = text.index("struck"), text.index("shot down")
    a.scratch["event_typer"] = lambda masked, sent: [
        Candidate("Air/drone strike", 0.95, i, i + 6, "stub"),
        Candidate("Disrupted weapons use", 0.9, j, j + 9, "stub")]
    events, _ = extract_events(a, load_kb())
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]


def test_a_dateline_is_not_the_actor_and_co_actors_are_not_opponents(nlp) -> None:
    _, events, _ = _run(nlp, "MOGADISHU — A car bomb exploded at a checkpoint in Mogadishu on Thursday, killing seven "
                             "people. Al-Shabaab claimed responsibility for the bombing.", published_at="2024-05-09")
    assert events[0].actor1 is not None and events[0].actor1.canonical == "Al Shabaab"
    _, events, _ = _run(nlp, "BAMAKO, April 3 (Afrique Wire) - Malian troops and Russian Wagner fighters killed 20 "
                             "suspected militants near Niono on Monday, the army said.", published_at="2024-04-03")
    ev = events[0]
    assert ev.actor1 is not None and ev.actor1.canonical == "Military Forces of Mali"
    assert ev.actor2 is None or ev.actor2.canonical != "Wagner Group"  # fought beside the army, not against it


def test_a_separate_incident_the_day_before_is_news_not_context(settings: Settings) -> None:
    text = ("A car bomb exploded in Mogadishu on Thursday, killing seven people. In a separate incident on "
            "Wednesday, Somali troops fought al-Shabaab militants near Bulo Burde.")
    out = Pipeline(settings)(make_article(text, published_at="2024-05-09"))
    assert [e.background for e in out.events] == [False, False]
