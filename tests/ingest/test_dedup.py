"""Exact copies, syndicated copies and look-alike different stories."""

from __future__ import annotations

from eventwire.config import Settings
from eventwire.ingest.dedup import Deduplicator, shingles
from eventwire.model import Article

WIRE = """KHERBET, Nov 9 - A drone struck a fuel depot on the edge of Kherbet late on Wednesday, setting off fires that burned through the night and forced hundreds of families from nearby homes, the regional governor said on Thursday.
Two guards were wounded in the attack and were taken to the main hospital in the provincial capital, where doctors described their condition as stable, the governor told reporters at a briefing.
No group has claimed responsibility for the strike, the third on energy infrastructure in the province this month. Officials have blamed earlier attacks on armed groups operating from across the border.
Firefighters from three neighbouring districts were sent to the depot and had contained the blaze by Thursday morning, according to the civil defence service, which said the site had stored more than two million litres of diesel.
Residents said they heard a buzzing sound shortly before midnight, followed by two loud explosions. Some said they had seen the drone circling over the town for several minutes before it dived towards the depot.
The governor said fuel supplies to the province would be disrupted for at least a week and asked residents not to hoard petrol. Long queues formed at filling stations across the region on Thursday."""

SYNDICATED = """Daily Example | World | 9 November 2023
KHERBET, Nov 9 - A drone struck a fuel depot on the edge of Kherbet late on Wednesday, setting off fires that burned through the night and forced hundreds of families from nearby homes, the regional governor said on Thursday.
Two guards were wounded in the attack and were taken to the main hospital in the provincial capital, where doctors described their condition as stable, the governor told reporters at a briefing.
Nobody has yet said it carried out the strike, which was the third attack on power and fuel sites in the province during November. Authorities blamed the earlier ones on militias based on the other side of the frontier.
Firefighters from three neighbouring districts were sent to the depot and had contained the blaze by Thursday morning, according to the civil defence service, which said the site had stored more than two million litres of diesel.
Residents said they heard a buzzing sound shortly before midnight, followed by two loud explosions. Some said they had seen the drone circling over the town for several minutes before it dived towards the depot.
The governor said fuel supplies to the province would be disrupted for at least a week and asked residents not to hoard petrol. Long queues formed at filling stations across the region on Thursday.
(c) 2023 Daily Example. All rights reserved.
Read more: Energy sites under attack across the region"""

LOOKALIKE = """KHERBET, Nov 21 - A drone hit a power station on the outskirts of Kherbet early on Tuesday, cutting electricity to much of the town, the regional governor said.
One worker was killed and four were wounded, according to the provincial health department, which said the wounded had been moved to the main hospital in the provincial capital.
The governor said repair crews would need several days to restore the damaged transformers, and that generators had been sent to the hospital and to the water pumping station.
It was the latest in a series of attacks on energy infrastructure in the province. Officials blamed armed groups operating from across the border, who have not commented.
Residents said the drone came in low from the east before exploding against the main building, and that a second explosion followed a few minutes later.
Schools in the town were closed for the day and the governor asked residents to limit their use of electricity once supplies are restored."""


def _settings(**kw) -> Settings:
    return Settings(kw)


def test_exact_copy_is_a_duplicate() -> None:
    d = Deduplicator(_settings())
    a = Article(id="a", text=WIRE)
    b = Article(id="b", text="  " + WIRE.replace("\n", "\n\n") + "\n")  # same text, other whitespace
    d.check(a)
    d.check(b)
    assert a.duplicate_of is None and a.near_duplicate_of is None
    assert b.duplicate_of == "a"


def test_syndicated_copy_is_a_near_duplicate() -> None:
    # One of six paragraphs reworded plus another outlet's header: true 5-gram Jaccard is about
    # 0.67, caught by the default threshold of 0.5 (measured to raise no false alarm on ECB+).
    d = Deduplicator(_settings())
    a, b = Article(id="wire", text=WIRE), Article(id="daily", text=SYNDICATED)
    d.check(a)
    d.check(b)
    assert b.duplicate_of is None
    assert b.near_duplicate_of == "wire"
    assert 0.5 <= b.similarity < 1.0


def test_copy_under_other_header_and_footer_is_found_at_the_default_threshold() -> None:
    d = Deduplicator(_settings())
    copy = ("The Example Post | World\n" + WIRE + "\n(c) 2023 The Example Post. All rights reserved.\n"
            "Share this article\nRead more: Energy sites under attack across the region")
    d.check(Article(id="wire", text=WIRE))
    b = Article(id="post", text=copy)
    d.check(b)
    assert b.near_duplicate_of == "wire" and b.similarity >= 0.9


def test_lookalike_story_is_not_a_duplicate() -> None:
    d = Deduplicator(_settings(near_duplicate_threshold=0.3))
    for art in (Article(id="wire", text=WIRE), Article(id="daily", text=SYNDICATED)):
        d.check(art)
    other = Article(id="other", text=LOOKALIKE)
    d.check(other)
    assert other.duplicate_of is None and other.near_duplicate_of is None and other.similarity is None


def test_seeded_store_articles_are_found_and_rechecking_oneself_is_harmless() -> None:
    d = Deduplicator(_settings(near_duplicate_threshold=0.5))
    stored = Article(id="stored", text=WIRE)
    d.seed([(stored.id, stored.hash, stored.text)])
    again = Article(id="stored", text=WIRE)
    d.check(again)
    assert again.duplicate_of is None and again.near_duplicate_of is None
    copy = Article(id="copy", text=SYNDICATED)
    d.check(copy)
    assert copy.near_duplicate_of == "stored"


def test_deterministic_similarity() -> None:
    sims = []
    for _ in range(2):
        d = Deduplicator(_settings(near_duplicate_threshold=0.5))
        d.check(Article(id="wire", text=WIRE))
        b = Article(id="daily", text=SYNDICATED)
        d.check(b)
        sims.append(b.similarity)
    assert sims[0] == sims[1]


def test_threshold_setting_is_honoured() -> None:
    d = Deduplicator(_settings(near_duplicate_threshold=0.99))
    d.check(Article(id="wire", text=WIRE))
    b = Article(id="daily", text=SYNDICATED)
    d.check(b)
    assert b.near_duplicate_of is None


def test_shingles_ignore_boilerplate_and_case() -> None:
    assert shingles("One two three four five\nShare this article") == {b"one two three four five"}
    assert shingles("Tiny text") == {b"tiny text"}
    assert shingles("") == set()
