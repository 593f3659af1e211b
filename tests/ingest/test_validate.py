"""The validate stage refuses empty, huge, binary and foreign-language articles, and nothing else."""

from __future__ import annotations

import pytest

from eventwire.config import Settings
from eventwire.errors import ArticleError
from eventwire.ingest.validate import detect_language, make_stage
from tests.conftest import make_article

ENGLISH = ("Government forces recaptured the town on Sunday after three days of fighting with rebels, "
           "the army said in a statement. At least 12 soldiers were killed and dozens were wounded, "
           "according to a military spokesman who spoke on condition of anonymity.")
FRENCH = ("Les forces gouvernementales ont repris la ville dimanche après trois jours de combats avec les "
          "rebelles, a indiqué l'armée dans un communiqué. Au moins douze soldats ont été tués et des "
          "dizaines ont été blessés, selon un porte-parole militaire.")
SPANISH = ("Las fuerzas del gobierno recuperaron la ciudad el domingo después de tres días de combates con "
           "los rebeldes, según un comunicado del ejército. Al menos doce soldados murieron y decenas "
           "resultaron heridos, dijo un portavoz militar.")
ARABIC = "استعادت القوات الحكومية السيطرة على البلدة يوم الأحد بعد ثلاثة أيام من القتال مع المتمردين، بحسب بيان للجيش."


def _reason(settings: Settings, text: str) -> str | None:
    try:
        make_stage(settings).process(make_article(text))
    except ArticleError as exc:
        return exc.reason
    return None


def test_english_passes_and_lang_is_set(settings) -> None:
    art = make_article(ENGLISH)
    make_stage(settings).process(art)
    assert art.lang == "en"


@pytest.mark.parametrize("text", [
    "Police fired tear gas at protesters in the capital on Friday.",  # one-sentence snippet
    "Troops killed 3 militants.",
    "KABUL, Afghanistan (AP) _ A bomb exploded near a police station.",
])
def test_short_english_snippets_are_not_judged(settings, text: str) -> None:
    assert _reason(settings, text) is None


@pytest.mark.parametrize("text, lang", [(FRENCH, "fr"), (SPANISH, "es"), (ARABIC, "ar")])
def test_foreign_language_is_quarantined(settings, text: str, lang: str) -> None:
    assert detect_language(text) == lang
    assert _reason(settings, text) == "language"


def test_languages_setting_allows_others() -> None:
    s = Settings({"languages": "en,fr", "quarantine_policy": "raise"})
    assert _reason(s, FRENCH) is None
    assert _reason(s, SPANISH) == "language"
    assert _reason(Settings({"languages": "*"}), ARABIC) is None


@pytest.mark.parametrize("text, reason", [
    ("", "empty"),
    ("   \n\t  ", "empty"),
    ("Too short.", "empty"),  # under min_chars=20
    ("abc\x00\x01\x02def" * 20, "binary"),
    ("\x01\x02\x03\x04\x05 text " * 30, "binary"),
])
def test_bad_text_is_quarantined(settings, text: str, reason: str) -> None:
    assert _reason(settings, text) == reason


def test_too_long(settings) -> None:
    s = Settings({"max_chars": 1000})
    assert _reason(s, ENGLISH * 10) == "too-long"
    assert _reason(s, ENGLISH) is None


def test_urls_do_not_make_a_language() -> None:
    text = ("http://query.example.com/gst/fullpage.html?res=9402E6D71239F937A15756C0A9639C8B63\n"
            "PHILADELPHIA 76ERS Fired Jim O'Brien, coach. Named Maurice Cheeks coach.")
    assert detect_language(text) in (None, "en")


def test_in_a_pipeline_bad_articles_are_quarantined_and_the_rest_goes_on() -> None:
    from eventwire.model import Article, Quarantined
    from eventwire.pipeline import Pipeline

    pipe = Pipeline(Settings(), stage_names=("validate", "clean"))
    arts = [Article(id="en", text=ENGLISH + "\nShare this article"), Article(id="fr", text=FRENCH),
            Article(id="empty", text="  "), Article(id="en2", text=ENGLISH)]
    out = list(pipe.pipe(arts))
    assert [type(o).__name__ for o in out] == ["Article", "Quarantined", "Quarantined", "Article"]
    assert out[1].stage == "validate" and out[1].reason.startswith("language:")
    assert out[2].reason.startswith("empty:")
    assert [r.reason for r in out[0].removed] == ["share-prompt"] and out[0].lang == "en"
    assert isinstance(out[2], Quarantined) and out[2].article_id == "empty"
