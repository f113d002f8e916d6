"""Every text exists in every language, with the same variables and the plural forms CLDR
gives that language, and renders safely; a missing text or variable is logged as an error
(the test worlds fail on it)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from babel import Locale

from bot.i18n import (
    LANGUAGES,
    LOCALES_DIR,
    Locales,
    load_catalog,
    load_file,
    plural_selects,
    resolve_language,
    variables,
)
from bot.ui.render import Html

LOCALES = Locales.load()
OTHER_LANGUAGES = [lang for lang in LANGUAGES if lang != "en"]


def test_every_language_has_exactly_the_english_keys() -> None:
    english = set(LOCALES.catalogs["en"])
    for language in LANGUAGES:
        assert set(LOCALES.catalogs[language]) == english, language


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_text_has_the_same_variables_as_english(language: str) -> None:
    english = LOCALES.catalogs["en"]
    other = LOCALES.catalogs[language]
    mismatched = {
        key: (sorted(variables(english[key])), sorted(variables(other[key])))
        for key in english
        if key in other and variables(english[key]) != variables(other[key])
    }
    assert mismatched == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_variants_are_the_cldr_categories_of_the_language(language: str) -> None:
    # CLDR through Babel: en and kk have one/other; ru has one/few/many (other is for
    # fractions only). Every category must be written; none that the language lacks.
    categories = set(Locale.parse(language).plural_form.tags)
    wrong = {
        (key, variable): sorted(names)
        for key, message in LOCALES.catalogs[language].items()
        for variable, names in plural_selects(message)
        if not categories <= names <= categories | {"other"}
    }
    assert wrong == {}


def test_each_plural_text_in_english_is_plural_in_every_language() -> None:
    def plural_keys(language: str) -> set[str]:
        return {key for key, m in LOCALES.catalogs[language].items() if plural_selects(m)}

    for language in OTHER_LANGUAGES:
        assert plural_keys(language) == plural_keys("en"), language


# Words docs/GLOSSARY.md rules out, per language (its "not" column).
NOT_IN_GLOSSARY: dict[str, tuple[str, ...]] = {
    "en": ("newsletter", "favourites", "picks you liked"),
    "ru": ("рассылк", "дайджест", "избранн", "оффер", "подборок"),
    "kk": ("дайджест", "бос орын"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_texts_use_the_glossarys_words_only(language: str) -> None:
    from sandbox.demo import PAGE_LOCALES_DIR

    t = LOCALES.get(language)
    texts = {
        key: t(key.replace("-", "."), **dict.fromkeys(variables(m), 1))
        for key, m in LOCALES.catalogs[language].items()
    }
    page = Locales.load(PAGE_LOCALES_DIR).get(language)
    texts |= {
        key: page(key, **dict.fromkeys(variables(m), 1))
        for key, m in Locales.load(PAGE_LOCALES_DIR).catalogs[language].items()
    }
    banned = {
        key: word
        for key, text in texts.items()
        for word in NOT_IN_GLOSSARY[language]
        if word in text.lower()
    }
    assert banned == {}


def test_the_sandbox_page_texts_match_in_every_language() -> None:
    from sandbox.demo import PAGE_LOCALES_DIR

    page = Locales.load(PAGE_LOCALES_DIR)
    english = page.catalogs["en"]
    for language in LANGUAGES:
        other = page.catalogs[language]
        assert set(other) == set(english), language
        assert all(variables(other[k]) == variables(english[k]) for k in english), language


def test_each_feature_file_exists_in_every_language() -> None:
    files = {lang: {p.name for p in (LOCALES_DIR / lang).glob("*.ftl")} for lang in LANGUAGES}
    assert files["en"]
    assert all(names == files["en"] for names in files.values())


def test_ids_are_prefixed_with_their_feature_file() -> None:
    for path in (LOCALES_DIR / "en").glob("*.ftl"):
        ids = [message.id.name for message in load_file(path)]
        assert all(i.split("-", 1)[0] in {path.stem, "options"} for i in ids), path


def test_an_id_defined_twice_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.ftl").write_text("x-one = 1\n", encoding="utf-8")
    (tmp_path / "b.ftl").write_text("x-one = 2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="defined twice"):
        load_catalog(tmp_path)


def test_a_line_fluent_cannot_parse_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.ftl").write_text("x-one = fine\nx two = broken\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"a\.ftl"):
        load_catalog(tmp_path)


def test_dotted_keys_find_their_fluent_message() -> None:
    assert LOCALES.get("en")("jobs.btn.save") == "⭐ Save"


def test_variable_values_are_escaped_unless_marked_html() -> None:
    t = LOCALES.get("en")
    assert "&lt;b&gt;Eve&lt;/b&gt;" in t("start.welcome", name="<b>Eve</b>")
    assert "<i>Eve</i>" in t("start.welcome", name=Html("<i>Eve</i>"))


def test_numbers_are_printed_without_grouping_or_isolation_marks() -> None:
    assert LOCALES.get("ru")("saved.title", count=12000) == (
        "⭐ <b>Сохранённые вакансии</b> (12000)"
    )


def test_an_unknown_key_is_logged_as_an_error(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="bot.i18n"):
        assert LOCALES.get("en")("start.no_such_text") == "start.no_such_text"
    assert [r.levelno for r in caplog.records] == [logging.ERROR]


def test_a_missing_variable_is_logged_as_an_error(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="bot.i18n"):
        LOCALES.get("en")("start.welcome")
    assert "name" in caplog.text


def test_an_unknown_language_falls_back_to_english() -> None:
    assert LOCALES.get("de").language == "en"


@pytest.mark.parametrize(
    ("stored", "code", "expected"),
    [
        ("ru", "en", "ru"),
        (None, "ru", "ru"),
        (None, "ru-RU", "ru"),
        (None, "kk", "kk"),
        ("ru", "kk", "ru"),
        (None, "de", "en"),
        (None, None, "en"),
        ("en", "ru", "en"),
    ],
)
def test_language_is_the_stored_choice_else_telegrams(
    stored: str | None, code: str | None, expected: str
) -> None:
    assert resolve_language(stored, code) == expected


@pytest.mark.parametrize(
    ("code", "language"), [("ru", "ru"), ("ru-RU", "ru"), ("kk", "kk"), ("uk", "en"), ("de", "en")]
)
def test_the_texts_follow_the_same_language_rule_as_the_stored_profile(
    code: str, language: str
) -> None:
    from bot.i18n import language_from_code
    from core.domain.locale import language_for

    assert language_from_code(code) == language_for(code) == language


def test_the_mini_apps_texts_match_in_every_language() -> None:
    # bot/locales/<lang>/webapp.json: the same keys and {placeholders} as English.
    import json
    import re

    def load(language: str) -> dict[str, str]:
        texts = json.loads((LOCALES_DIR / language / "webapp.json").read_text("utf-8"))
        assert isinstance(texts, dict)
        return texts

    def placeholders(text: str) -> set[str]:
        return set(re.findall(r"\{(\w+)\}", text))

    english = load("en")
    for language in LANGUAGES:
        other = load(language)
        assert set(other) == set(english), language
        wrong = {k for k in english if placeholders(other[k]) != placeholders(english[k])}
        assert wrong == set(), language


def test_a_long_plain_value_is_shortened_with_an_ellipsis_not_lost_to_fluent() -> None:
    # Fluent prints "{???}" for a placeable over 2,500 characters (a 5,000-character note).
    text = LOCALES.get("en")("saved.view.notes", notes="a" * 5000)
    assert "{???}" not in text
    assert "a" * 1000 not in text and "a" * 999 + "…" in text


def test_a_long_value_of_escaped_characters_is_shown_whole_escaped() -> None:
    text = LOCALES.get("ru")("saved.view.notes", notes="<&>" * 300)
    assert "{???}" not in text and "&lt;&amp;&gt;" * 300 in text


def test_long_markup_is_put_in_whole() -> None:
    markup = Html("<b>x</b>" * 1000)
    text = LOCALES.get("kk")("saved.view.notes", notes=markup)
    assert "{???}" not in text and str(markup) in text


def test_a_value_of_up_to_the_limit_is_shown_as_it_is() -> None:
    assert "b" * 1000 in LOCALES.get("en")("saved.view.notes", notes="b" * 1000)
