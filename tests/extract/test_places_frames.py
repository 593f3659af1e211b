"""Event places (hand-written sentences): offsets ("Sake, 25 km west of Goma"), local units, facilities,
roads; places named by a frame rather than a tag; and words that look like places but are not: outlets,
seas, nationalities, small namesakes abroad."""

from __future__ import annotations

import pytest

from eventwire.config import Settings
from eventwire.extract.nlp import load_nlp
from eventwire.extract.places import event_location, make_stage
from tests.conftest import make_article


@pytest.fixture(scope="module")
def stage():
    return make_stage(Settings())


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture
def where(stage, nlp):
    """(name, country, geo_precision) of the event told by the whole text, and the places found."""
    def _where(text: str, **kw):
        art = make_article(text, **kw)
        art.scratch["doc"] = nlp(art.clean_text)
        stage.process(art)
        loc = event_location(art, 0, len(text))
        return (loc.name, loc.country_code, loc.geo_precision) if loc else None, art.places
    return _where


def test_an_outlet_named_after_a_town_is_no_place(where):
    loc, places = where("ODESA, May 3 (Lviv Herald) - Russian drones hit a port in Izmail overnight, "
                        "the governor told Lviv Herald.")
    assert loc[1] == "UA" and loc[0].startswith("Izma")
    assert not any(p.text.startswith("Lviv") for p in places)
    # the outlet given as the article's source, written in the text
    _, places = where("Shelling killed two people in Kramatorsk, a doctor told the Bakhmut Courier.",
                      source="Bakhmut Courier")
    assert [p.text for p in places] == ["Kramatorsk"]


def test_a_sea_is_not_the_country_sharing_its_name(where):
    loc, places = where("Houthi forces fired a missile at a tanker in the Red Sea on Monday, about 40 "
                        "nautical miles west of Mocha, Yemen.")
    assert all(p.country_code != "EG" for p in places)
    assert loc[1] == "YE"
    # nor a town inside the sea's name: the gulf itself
    loc, places = where("Pirates boarded a cargo ship in the Gulf of Aden on Friday.")
    assert [(p.text, p.feature_code) for p in places] == [("Gulf of Aden", "GULF")]


def test_an_event_at_sea_is_the_sea_or_the_coast_the_text_names(where):
    # only the sea: a region-sized area (precision 3), filed under the coast's country when the text names it
    loc, places = where("Rebel boats attacked a freighter off the coast of Eritrea in the Red Sea on Sunday.")
    assert loc == ("Red Sea", "ER", 3)
    loc, _ = where("A naval drone struck a patrol ship in the Black Sea overnight, the navy said.")
    assert loc == ("Black Sea", None, 3)  # shared by six countries, none named
    assert where("Marines seized a dhow in the Persian Gulf.")[0][0] == "Persian Gulf"
    assert where("Coast guards stopped a trawler in the eastern Mediterranean.")[0][0] == "Mediterranean Sea"
    # a town the clause names is the coastal place ACLED codes: near it when the ship was off it
    assert where("A missile hit a bulk carrier in the Gulf of Aden, some 60 nautical miles off Mukalla.")[0] == \
        ("Mukalla", "YE", 2)
    assert where("Drones hit the port of Berdyansk on the Sea of Azov.")[0] == ("Berdyansk", "UA", 1)
    assert where("A missile struck a ship off Hodeidah.")[0] == ("Al Ḩudaydah", "YE", 2)
    # "cut off" or "sealed off" a town is no offshore position
    assert where("Russian troops cut off the town of Bakhmut on Monday.")[0] == ("Bakhmut", "UA", 1)
    assert where("Russian troops were cutting off the town of Bakhmut on Monday.")[0] == ("Bakhmut", "UA", 1)
    assert where("Police blocked off the town of Bakhmut on Monday.")[0] == ("Bakhmut", "UA", 1)
    assert where("Soldiers sealed off Kramatorsk after the blast.")[0] == ("Kramatorsk", "UA", 1)


def test_a_nationality_is_no_place(where):
    _, places = where("Somali National Army troops backed by Kenyan soldiers retook Bulo Burde on Friday.")
    assert not any(p.text in ("Somali", "Kenyan") for p in places)  # not Ethiopia's Somali region


def test_a_town_in_the_clause_beats_its_country(where):
    assert where("In Syria, an air strike hit a bakery in the northern town of Saraqib on Friday.")[0][:2] == \
        ("Saraqib", "SY")
    assert where("In Ukraine, a missile struck a school in the eastern city of Kramatorsk.")[0][:2] == \
        ("Kramatorsk", "UA")


def test_a_name_after_a_unit_noun_is_that_unit(where):
    loc, places = where("Gunmen killed three farmers in the municipality of Convencion, in the department "
                        "of Norte de Santander, on Friday.")
    assert loc == ("Convención", "CO", 2)  # somewhere in the town's municipality
    assert any(p.feature_code == "ADM1" and p.text == "Norte de Santander" for p in places)


def test_a_town_as_the_object_of_an_attack(where):
    # the model calls it a person; in a story that names only the attacker's country
    assert where("Russia attacked Kherson with glide bombs on Monday.")[0][:2] == ("Kherson", "UA")
    assert where("Russia attacked Odesa with drones overnight, the governor said.")[0][:2] == ("Odesa", "UA")
    _, places = where("Police said the man attacked Johnson with a knife.")
    assert places == []


def test_a_small_namesake_far_abroad_needs_more_than_a_capital_letter(where):
    # an unknown Burmese village ending in a word that is a town of New Caledonia
    loc, places = where("Junta jets bombed a school in Ywa Thit Kone village, about 20 km west of Monywa, "
                        "Myanmar, killing four children.")
    assert all(p.country_code == "MM" for p in places)
    assert loc[:2] == ("Monywa", "MM")


def test_near_the_town_of_is_near(where):
    assert where("Militants ambushed a convoy near the town of Djibo on Monday.")[0] == ("Djibo", "BF", 2)
    assert where("Soldiers arrested four men outside the city of Culiacan.")[0][2] == 2


def test_the_village_told_before_is_the_place_of_a_clause_naming_none(stage, nlp):
    text = ("Gunmen killed 12 villagers in a raid on the village of Mabanga, about 10 km north of Beni in North "
            "Kivu province, on Sunday.\n\nThe army said it had killed four of the attackers near the village on "
            "Monday.\n\nArmed groups have been active in North Kivu for decades.")
    art = make_article(text)
    art.scratch["doc"] = nlp(art.clean_text)
    stage.process(art)
    s = text.index("The army said")
    loc = event_location(art, s, text.index("\n\nArmed"))
    assert (loc.name, loc.country_code, loc.geo_precision) == ("Beni", "CD", 2)  # not the most named region


def test_a_place_given_by_its_distance_from_a_town_is_the_place(where):
    assert where("M23 fighters seized Sake, a town 25 km west of Goma, on Tuesday.")[0] == ("Sake", "CD", 1)
    assert where("Rebels shelled Sake, about 25 kilometres west of Goma, on Monday.")[0] == ("Sake", "CD", 1)
    # the reference town is the fallback when the place itself is unknown, and only near it
    assert where("Rebels attacked Zorvanka, 60 km north of Goma, the army said.")[0] == ("Goma", "CD", 2)


def test_township_and_district_are_their_main_town(where):
    assert where("Junta troops burned homes in Sagaing Township, Myanmar, on Sunday.")[0] == ("Sagaing", "MM", 2)
    loc, _ = where("Taliban fighters attacked a police post in Kandahar District of Afghanistan.")
    assert loc[1:] == ("AF", 2) and loc[0].startswith("Kandah")
    # a namesake abroad is no stand-in: the country the story names is all that is left
    assert where("Junta troops burned homes in Kani Township, Myanmar, on Sunday.")[0] == ("Myanmar", "MM", 3)


def test_a_name_heading_a_facility_is_no_town_abroad(where):
    loc, places = where("Gunmen shot dead two guards at Madina hospital in Mogadishu on Monday, police said.")
    assert loc == ("Mogadishu", "SO", 1) and "Madina" not in [p.text for p in places]
    # kept when the town is in the story's country, or when the story names no country to judge by
    assert where("A bomb went off in Kabul market, Afghan police said.")[0] == ("Kabul", "AF", 1)
    assert where("A blast hit Kabul market on Monday.")[0] == ("Kabul", "AF", 1)
    loc, places = where("Rockets hit Kabul airport on Monday.")
    assert loc[1] == "AF" and [p.text for p in places] == ["Kabul airport"]


def test_a_road_between_two_towns_is_near_either(where):
    loc, _ = where("Boko Haram fighters ambushed a convoy on the road between Maiduguri and Damboa on Sunday.")
    assert loc[0] in ("Maiduguri", "Damboa") and loc[1:] == ("NG", 2)
    loc, _ = where("Insurgents ambushed a convoy on the Maiduguri-Damboa road in Nigeria.")
    assert loc == ("Maiduguri", "NG", 2)
    assert where("Insurgents ambushed a convoy in Maiduguri on Sunday.")[0] == ("Maiduguri", "NG", 1)


def test_dateline_place_and_its_qualifier_are_only_a_fallback(where):
    loc, places = where("GOMA, Democratic Republic of Congo, Jan 5 (AFP) - Rebels shelled army positions in Bukavu on Monday.")
    assert "GOMA" in [p.text for p in places] and loc == ("Bukavu", "CD", 1)
    assert where("GOMA, Jan 5 (AFP) - Rebels shelled the town on Monday.")[0] == ("Goma", "CD", 1)


def test_a_spelling_close_to_a_town_abroad_is_no_place(where):
    # an alternate name of a big city far from every other place of the story ("Boni" lists as Bonn's)
    loc, places = where("Soldiers clashed with insurgents near Boni, on the road to Gao, Mali's army said on Friday.")
    assert {p.country_code for p in places} == {"ML"} and loc[1] == "ML"
    # a fuzzy match abroad: the clause's own town stands in, near the unknown place
    loc, places = where("Police in Bannu said a drone hit a house in Miryan late on Friday, wounding three children.")
    assert [p.text for p in places] == ["Bannu"] and loc == ("Bannu", "PK", 2)
    # a variant spelling of a small village abroad, with nothing in the text to vouch for it
    loc, places = where("Soldiers set fire to houses in Depayin, witnesses said.")
    assert loc is None and places == []


def test_the_texts_own_geography_rules_out_a_namesake_across_the_border(where):
    # a place told by its distance from a Syrian town is no Israeli village, though the story names Israel
    loc, places = where("An Israeli shell struck a farmhouse near the village of Beit Jinn, 40 km southwest of "
                        "Damascus, on Thursday.")
    assert [p.country_code for p in places] == ["SY"] and loc == ("Damascus", "SY", 2)
    # a sentence opened by a Syrian province tells of a place in Syria: the province is all that is known
    loc, places = where("In Daraa province, clashes between local gunmen and government troops broke out near the "
                        "village of Al-Mazraa, leaving three dead. Israel has struck the area repeatedly.")
    assert loc == ("Daraa Governorate", "SY", 3)
    assert [p.text for p in places] == ["Daraa province", "Israel"]  # (not "In Daraa province")


def test_an_unknown_village_is_coded_at_the_unit_the_text_gives(where):
    # Malian circles and Congolese territories are named after their main town: near it (precision 2)
    assert where("Gunmen raided Toumbouko, a village in the Bankass circle, on Monday, killing five herders.")[0] == \
        ("Bankass", "ML", 2)
    assert where("Militiamen torched dozens of homes around Mbokolo, in Rutshuru territory, overnight.")[0] == \
        ("Rutshuru", "CD", 2)
    # a street named "... Circle" is no unit, nor a nationality's "territory"
    _, places = where("Deputies found the car abandoned on Maple Circle in Dacula, Georgia.")
    assert [p.text for p in places] == ["Dacula", "Georgia"]
    _, places = where("Drones struck a depot in Ukrainian territory near Kherson on Monday.")
    assert [p.text for p in places] == ["Kherson"]


def test_an_unknown_village_is_not_another_town_of_the_story(stage, nlp):
    text = ("Jihadists attacked an army post in Bandiagara, in the Mopti region, on Saturday, killing three "
            "soldiers.\n\nTwo days later, fighters ambushed a supply convoy near Ngolofara, the army said.")
    assert _located(stage, nlp, text, "Two days", precision=True) == ("Mopti Region", "ML", 3)  # not Bandiagara


def test_the_dateline_town_is_a_last_resort_when_the_event_was_elsewhere(where):
    loc, _ = where("KIDAL, June 3 - Gunmen killed four herders in an attack on Ngolofara village, a local "
                   "official said.")
    assert loc == ("Kidal", "ML", 3)
    # told in the dateline town itself, it stays precise
    assert where("GOMA, Jan 5 (AFP) - Rebels shelled the town on Monday.")[0] == ("Goma", "CD", 1)


def test_the_town_an_attack_struck_beats_a_region_named_after_it(where):
    assert where("Rebels shelled the besieged town of Kadugli overnight, as fighting in Darfur intensified.")[0] == \
        ("Kadugli", "SD", 1)
    # a compass word between the preposition and the name ("in central Mali"), though the model calls it a person
    assert where("Unidentified gunmen killed nine people in central Mali on Sunday.")[0] == ("Mali", "ML", 3)


def test_a_long_lead_word_is_no_part_of_a_unit_name(where):
    # "Throughout" (longer than the other lead words) opens the sentence; the unit is "Kandahar district"
    _, places = where("Throughout Kandahar district, Taliban fighters attacked police checkpoints on Monday.")
    assert [p.text for p in places] == ["Kandahar district"]


@pytest.mark.parametrize(
    "text, away",
    [
        ("Gunmen attacked a village north of the city.", True),
        ("Fighting was reported in northern Rakhine.", True),
        ("Protesters gathered outside a town hall in the city.", False),  # a building in the town, not another place
        ("The mayor spoke at a town council meeting.", False),
    ],
)
def test_an_event_away_from_the_dateline_town(text: str, away: bool) -> None:
    from eventwire.extract.places import _ELSEWHERE
    assert (_ELSEWHERE.search(text) is not None) is away


def test_a_town_set_after_a_settlement_noun(where):
    _, places = where("ADDIS ABABA, June 2 - In the regional capital Bahir Dar, security forces detained "
                      "dozens of young men on Sunday, relatives in Ethiopia said.")
    assert any(p.name == "Bahir Dar" and p.start > 20 for p in places)


def test_a_suburb_of_a_town_is_where_the_event_was(where):
    loc, _ = where("TRIPOLI, March 3 - Tripoli saw heavy fighting last year, when clashes in the eastern "
                   "suburb of Tajoura killed nine people in Libya.")
    assert loc[1] == "LY" and loc[0].startswith("T") and loc[0] != "Tripoli"


def test_a_movement_named_like_a_town_abroad_is_no_place(where):
    _, places = where("BAHIR DAR, Ethiopia, May 5 - Two days after Fano militiamen ambushed a convoy in "
                      "Ethiopia's Amhara region, a Fano spokesman said the group would fight on in Ethiopia.")
    assert not any(p.country_code == "IT" for p in places)


def test_an_army_named_after_its_country_is_not_the_area_of_an_unknown_village(stage, nlp):
    text = ("PEMBA, Mozambique, Jan 4 - Insurgents attacked villages in Cabo Delgado province on Monday.\n\n"
            "On Tuesday, the Rwanda Defence Force clashed with insurgents near Zorgwatu, killing 12 of them.")
    art = make_article(text, published_at="2026-01-04")
    art.scratch["doc"] = nlp(art.clean_text)
    stage.process(art)
    start = text.index("On Tuesday")
    loc = event_location(art, start, len(text))
    assert loc is not None and loc.country_code == "MZ"


def test_a_setting_word_between_the_preposition_and_the_name(where):
    # "rural", "remote" between "in" and the name, as a compass word, though the model calls the town a person
    assert where("Two farmers were shot dead in rural Morales in southwestern Colombia, local officials "
                 "said.")[0] == ("Morales", "CO", 1)


def _located(stage, nlp, text: str, opening: str, precision: bool = False):
    """The event told by the paragraph that begins with ``opening``: (name, country[, geo_precision])."""
    art = make_article(text)
    art.scratch["doc"] = nlp(art.clean_text)
    stage.process(art)
    s = text.index(opening)
    e = text.find("\n", s)
    loc = event_location(art, s, len(text) if e < 0 else e)
    if loc is None:
        return None
    return (loc.name, loc.country_code, loc.geo_precision) if precision else (loc.name, loc.country_code)


def test_where_a_speaker_works_is_not_where_what_it_reports_happened(stage, nlp):
    text = ("Militiamen stormed a livestock market in Nyala on Sunday, witnesses said.\n\n"
            "The network, an association of lawyers working in Khartoum, said the attackers also burned a clinic "
            "on Monday.")
    assert _located(stage, nlp, text, "The network, an") == ("Nyala", "SD")
    # a police force's town is the area it reports on
    assert _located(stage, nlp, "Police in Kano said gunmen kidnapped five traders on Friday.", "Police") == \
        ("Kano", "NG")


def test_an_institution_named_after_a_town_does_not_make_it_the_storys_place(stage, nlp):
    text = ("Rebels seized Butembo on Tuesday after a day of fighting, residents said.\n\n"
            "Eight civilians were killed, the Beni civil society said.\n\n"
            "Retreating soldiers looted shops near the bus park, traders said.\n\n"
            "Thousands fled Butembo towards Beni, and aid groups warned that the road to Beni was unsafe.")
    assert _located(stage, nlp, text, "Retreating soldiers") == ("Butembo", "CD")


def test_any_town_body_in_lower_case_is_an_institution_not_a_scene(stage, nlp):
    # the same holds for a youth council or a diocese named after the town, not only its civil society
    for body in ("Beni youth council", "Beni diocese"):
        text = ("Rebels seized Butembo on Tuesday after a day of fighting, residents said.\n\n"
                f"Eight civilians were killed, the {body} said.\n\n"
                "Retreating soldiers looted shops near the bus park, traders said.\n\n"
                "Thousands fled Butembo towards Beni, and aid groups warned that the road to Beni was unsafe.")
        assert _located(stage, nlp, text, "Retreating soldiers") == ("Butembo", "CD"), body


def test_a_countrys_possessive_gives_its_cue_to_the_place_it_owns(where):
    # (a village the gazetteer lacks: the district after "Tajikistan's", not the whole country)
    loc, _ = where("Mortar shells hit two houses in the village of Xorbek in Tajikistan's Isfara district on Monday.")
    assert loc[:2] == ("Isfara", "TJ")


def test_a_town_the_model_calls_a_date_is_still_a_town(where):
    # (the small model tags "Turbat" DATE next to "Tuesday"); calendar names stay dates
    _, places = where("Separatist fighters ambushed a convoy near Turbat on Tuesday.")
    assert [(p.text, p.country_code) for p in places] == [("Turbat", "PK")]
    _, places = where("Attacks on the convoy routes rose in Ramadan.")
    assert places == []


def test_a_compass_word_before_a_part_noun_names_a_citys_part_not_a_town(where):
    # "East Zone" is part of Sao Paulo, not Zone in Lombardy
    loc, places = where("Residents blocked a highway through the South Zone of Sao Paulo on Tuesday.")
    assert loc[:2] == ("São Paulo", "BR")
    assert [p.country_code for p in places] == ["BR"]


def test_a_place_in_a_town_is_in_that_towns_country(where):
    # "Kemari" and "Mare" are alternate names of towns in India and the Maldives; the story names both
    # countries, but "X in Nairobi" is in Kenya
    loc, places = where("Police shot two men in Kemari on Monday. Residents of the Kemari slum in Nairobi said "
                        "an Indian aid worker was also hurt.")
    assert loc[:2] == ("Nairobi", "KE") and {p.country_code for p in places} == {"KE"}
    _, places = where("Police shot two men in Mare on Monday. Residents of the Mare favela complex in Rio de "
                      "Janeiro said an Italian priest from Male was also hurt.")
    assert [p.text for p in places if p.country_code != "BR"] == ["Male"]


def test_a_town_name_with_a_particle_is_one_name(where):
    # not Praia (Cape Verde) and Mocimboa; "between" is a place cue for a town of some size
    loc, places = where("A roadside bomb hit a truck on the road between Mocimboa da Praia and Awasse on Tuesday.")
    assert loc == ("Mocímboa da Praia", "MZ", 2)
    assert [p.text for p in places] == ["Mocimboa da Praia"]


def test_a_hyphenated_town_the_model_calls_a_date_and_a_spokesman_named_after_a_town(where):
    loc, places = where("National police spokesman Orlando Mudumane denied reports that officers had shot "
                        "a protester in Xai-Xai on Wednesday.")
    assert loc[:2] == ("Xai-Xai", "MZ") and [p.text for p in places] == ["Xai-Xai"]


def test_arabic_article_in_lower_case_and_a_cut_town_name(where):
    loc, _ = where("Three soldiers were killed when a roadside bomb hit their vehicle south of el-Arish, the "
                   "provincial capital of North Sinai.")
    assert loc == ("Arīsh", "EG", 2)
    # the model tags only "Zuweid"
    loc, _ = where("Residents and a tribal source in Sheikh Zuweid said an army drone struck a pickup truck.")
    assert loc[:2] == ("Ash Shaykh Zuwayd", "EG")


def test_a_regions_possessive_gives_its_cue_to_the_district_it_owns(where):
    loc, _ = where("Security forces killed six Maoists in a forest in Chhattisgarh's Bijapur district on Wednesday.")
    assert loc == ("Bījāpur", "IN", 2)
    loc, _ = where("Gunmen killed three people in Texas's Harris County on Monday.")
    assert loc[:2] == ("Harris County", "US")


def test_above_is_a_place_cue(where):
    # (the small model tags "Sake" a common noun)
    loc, _ = where("M23 rebels shelled army positions in the hills above Sake on Monday, the army said.")
    assert loc == ("Sake", "CD", 2)


def test_where_the_actors_come_from_is_not_where_they_acted(where):
    loc, _ = where("Residents of villages around Batifa gathered in Duhok on Saturday to protest against air strikes.")
    assert loc[:2] == ("Dihok", "IQ")


def test_an_unknown_district_in_the_datelines_unnamed_region_is_coded_at_the_dateline(stage, nlp):
    text = ("PEMBA, Mozambique (MPA) - Militants raided a village near Macomia on Sunday. Police arrested two "
            "men in Mocimboa da Praia.\n\nIn Ancuabe district, insurgents abducted seven women last week.")
    assert _located(stage, nlp, text, "In Ancuabe", precision=True) == ("Pemba", "MZ", 3)


def test_the_capital_is_the_capital_of_the_storys_country(stage, nlp, where):
    text = ("Kenya's opposition called for more rallies on Monday.\n\n"
            "On Tuesday, thousands of protesters marched in the capital, police said.")
    assert _located(stage, nlp, text, "On Tuesday") == ("Nairobi", "KE")
    # a demonym names the country; a regional capital or "the capital, X" is no such reference
    assert _located(stage, nlp, "Thousands protested in the Ugandan capital on Friday.", "Thousands") \
        == ("Kampala", "UG")
    _, places = where("Protesters marched in the regional capital of Ethiopia's Amhara region.")
    assert "capital" not in [p.text for p in places]
