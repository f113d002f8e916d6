"""place_name: HH's Russian place names as an English, Kazakh or Russian reader reads them."""

from __future__ import annotations

import pytest

from core.domain.place_names import place_name, transliterate_to_latin


@pytest.mark.parametrize(
    ("russian", "english"),
    [
        ("Алматы", "Almaty"),
        ("Астана", "Astana"),
        ("Шымкент", "Shymkent"),
        ("Караганда", "Karaganda"),
        ("Усть-Каменогорск", "Oskemen"),
        ("Уральск", "Oral"),
        ("Москва", "Moscow"),
        ("Казахстан", "Kazakhstan"),
    ],
)
def test_kazakh_and_big_cities_have_their_english_names(russian: str, english: str) -> None:
    assert place_name(russian, "en") == english


@pytest.mark.parametrize(
    ("russian", "kazakh"),
    [
        ("Караганда", "Қарағанды"),
        ("Актобе", "Ақтөбе"),
        ("Усть-Каменогорск", "Өскемен"),
        ("Москва", "Мәскеу"),
        ("Алматы", "Алматы"),
    ],
)
def test_kazakh_readers_get_the_kazakh_names(russian: str, kazakh: str) -> None:
    assert place_name(russian, "kk") == kazakh


def test_a_place_not_on_the_list_is_transliterated_for_english() -> None:
    assert place_name("Щучинск", "en") == "Shchuchinsk"
    assert place_name("Жанатас", "en") == "Zhanatas"
    assert place_name("Степногорск", "en").isascii()


def test_a_place_not_on_the_list_stays_russian_for_kazakh() -> None:
    assert place_name("Щучинск", "kk") == "Щучинск"


def test_russian_readers_get_hhs_name_unchanged() -> None:
    assert place_name("Караганда", "ru") == "Караганда"


def test_transliteration_keeps_hyphens_case_and_latin_text() -> None:
    assert transliterate_to_latin("Усть-Каменогорск") == "Ust-Kamenogorsk"
    assert transliterate_to_latin("Астана IT-парк") == "Astana IT-park"
    assert transliterate_to_latin("<b>&</b>") == "<b>&</b>"
