"""The clean stage sets aside captions, credits, notices and prompts, and keeps the news."""

from __future__ import annotations

import pytest

from eventwire.clean.boilerplate import find_boilerplate, make_stage
from eventwire.errors import ArticleError
from tests.conftest import make_article

STORY = "The army said its forces had repelled an attack on the base overnight."


def _reasons(text: str) -> list[tuple[str, str]]:
    return [(r.reason, r.text) for r in find_boilerplate(text)]


@pytest.mark.parametrize("line, reason", [
    ("Photo: Smoke rises over the city after the strike.", "caption"),
    ("FILE PHOTO: Soldiers patrol a street in the capital, March 3, 2022.", "caption"),
    ("(Photo by Jane Doe/Agency)", "caption"),
    ("Caption: Residents inspect the damage.", "caption"),
    ("A picture taken on November 8, 2023 shows smoke rising over the town.", "caption"),
    ("Rescuers search the rubble of a building in the town on Wednesday. (AFP)", "caption"),
    ("People gather at the site of the blast. REUTERS/Ali Example", "caption"),
    ("Getty Images", "credit"),
    ("Reuters", "credit"),
    ("AP Photo/Hussein Example", "credit"),
    ("(c) 2023 Example Wire. All rights reserved.", "legal-notice"),
    ("© 2023 Example Media Ltd", "legal-notice"),
    ("This material may not be published, broadcast, rewritten or redistributed.", "legal-notice"),
    ("Reporting by Maya Example in Beirut; Editing by Alex Sample", "credit"),
    ("(Reporting by Example Wire; distributed by Other Monitor)", "credit"),
    ("An F-16 flies over the base during an exercise in 2016. (Example Dispatch/File)", "caption"),
    ("Sign up for the Example Daily Brief", "share-prompt"),
    ("Our Standards: The Thomson Reuters Trust Principles.", "legal-notice"),
    ("Read also: Ceasefire talks stall again", "related-link"),
    ("Read more: Why the talks failed", "related-link"),
    ("Related: What we know about the attack", "related-link"),
    ("See also: Timeline of the conflict", "related-link"),
    ("RELATED STORIES", "related-link"),
    ("Sign up for our newsletter to get the latest news.", "share-prompt"),
    ("Share this article", "share-prompt"),
    ("Follow us on Twitter and Facebook", "share-prompt"),
    ("Click here to subscribe.", "share-prompt"),
    ("We use cookies to improve your experience on our site.", "cookie-notice"),
    ("By continuing to use this site you agree to our cookie policy.", "cookie-notice"),
])
def test_boilerplate_lines_are_removed(line: str, reason: str) -> None:
    text = f"{STORY}\n{line}\n{STORY}"
    removed = find_boilerplate(text)
    assert [(r.reason, r.text) for r in removed] == [(reason, line)]
    r = removed[0]
    assert text[r.start:r.end] == line


@pytest.mark.parametrize("line", [
    "The ministry's statement, seen by Reuters, said three soldiers were killed.",
    "Two people were killed, the spokesman told Reuters.",
    "BEIRUT, Nov 9 (Reuters) - Israeli jets struck targets in southern Lebanon on Thursday.",
    "GAZA (AFP) - Rescuers searched the rubble for survivors.",
    "A photographer for the agency was wounded in the shelling, his colleagues said.",
    "Copyright law was not the issue, the minister said.",
    "Reporting by the state broadcaster said the convoy was hit near the border.",
    "Related talks in Doha ended without agreement on Tuesday.",
    "Advertising revenue fell by a third after the war began, the company said.",
    "Police said the video showed the suspect entering the building.",
    "Subscribers to the service were warned of outages.",
])
def test_news_sentences_stay(line: str) -> None:
    assert _reasons(f"{STORY}\n{line}\n{STORY}") == []


def test_signoff_at_the_end_of_a_paragraph_is_cut_alone() -> None:
    para = "The attack was the third this week. (Reporting by Jane Example; Editing by John Sample)"
    (r,) = find_boilerplate(para)
    assert r.reason == "credit"
    assert para[:r.start].rstrip() == "The attack was the third this week."
    assert para[r.start:r.end] == "(Reporting by Jane Example; Editing by John Sample)"


def test_stage_keeps_offsets_and_text(settings) -> None:
    text = ("KHERBET, Nov 9 (Example Wire) - A drone struck a fuel depot, the governor said.\n"
            "Photo: Firefighters at the depot. (AFP)\n"
            "Two guards were wounded.")
    art = make_article(text)
    make_stage(settings).process(art)
    assert [r.reason for r in art.removed] == ["caption"]
    assert art.text == text  # nothing is deleted
    clean = art.clean_text
    assert len(clean) == len(text)
    assert "Photo" not in clean and "Firefighters" not in clean
    assert clean.startswith("KHERBET, Nov 9 (Example Wire) -")  # the dateline stays
    i = text.index("Two guards")
    assert clean[i:] == "Two guards were wounded."
    assert art.is_removed(text.index("Firefighters"), text.index("Firefighters") + 5)


def test_stage_assigns_rather_than_appends(settings) -> None:
    art = make_article(f"{STORY}\nShare this article")
    stage = make_stage(settings)
    stage.process(art)
    stage.process(art)
    assert len(art.removed) == 1


def test_article_that_is_only_boilerplate_is_quarantined(settings) -> None:
    art = make_article("Photo: Smoke over the town. (AFP)\nShare this article\nGetty Images")
    with pytest.raises(ArticleError) as err:
        make_stage(settings).process(art)
    assert err.value.reason == "empty"


def test_windows_line_endings() -> None:
    text = f"{STORY}\r\nShare this article\r\n{STORY}"
    (r,) = find_boilerplate(text)
    assert text[r.start:r.end] == "Share this article"


@pytest.mark.parametrize("line, reason", [
    ("Image source, Getty Images", "caption"),
    ("Image caption, Firefighters at the scene", "caption"),
    ("MOST READ", "related-link"),
    ("Most popular", "related-link"),
    ("Story continues below advertisement", "share-prompt"),
    ("4 min read", "share-prompt"),
])
def test_more_page_furniture(line: str, reason: str) -> None:
    assert _reasons(f"{STORY}\n{line}\n{STORY}") == [(reason, line)]


@pytest.mark.parametrize("line", [
    "Trending upward, prices rose for a third month, officials said.",
    "Top stories in the local press focused on the curfew.",
    "Image of the burned car circulated widely on social media after the attack.",
])
def test_more_news_sentences_stay(line: str) -> None:
    assert _reasons(f"{STORY}\n{line}\n{STORY}") == []
