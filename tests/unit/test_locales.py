"""Every text exists in every language, with the same placeholders, and renders safely."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.i18n import (
    LANGUAGES,
    LOCALES_DIR,
    Locales,
    load_catalog,
    placeholders,
    resolve_language,
)
from bot.ui.render import Html

LOCALES = Locales.load()


def test_every_language_has_exactly_the_english_keys() -> None:
    english = set(LOCALES.catalogs["en"])
    for language in LANGUAGES:
        assert set(LOCALES.catalogs[language]) == english, language


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_every_text_has_the_same_placeholders_as_english(language: str) -> None:
    english = LOCALES.catalogs["en"]
    other = LOCALES.catalogs[language]
    mismatched = {
        key: (placeholders(english[key]), placeholders(other[key]))
        for key in english
        if placeholders(english[key]) != placeholders(other.get(key, ""))
    }
    assert mismatched == {}


def test_each_feature_file_exists_in_every_language() -> None:
    files = {lang: {p.name for p in (LOCALES_DIR / lang).glob("*.json")} for lang in LANGUAGES}
    assert all(names == files["en"] for names in files.values())


def test_keys_are_prefixed_with_their_feature_file() -> None:
    for path in (LOCALES_DIR / "en").glob("*.json"):
        catalog = json.loads(path.read_text(encoding="utf-8"))
        assert all(key.split(".", 1)[0] in {path.stem, "options"} for key in catalog), path


def test_a_key_defined_twice_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"x.one": "1"}', encoding="utf-8")
    (tmp_path / "b.json").write_text('{"x.one": "2"}', encoding="utf-8")
    with pytest.raises(ValueError, match="defined twice"):
        load_catalog(tmp_path)


def test_placeholder_values_are_escaped_unless_marked_html() -> None:
    t = LOCALES.get("en")
    assert "&lt;b&gt;Eve&lt;/b&gt;" in t("start.welcome", name="<b>Eve</b>")
    assert "<i>Eve</i>" in t("start.welcome", name=Html("<i>Eve</i>"))


def test_an_unknown_language_falls_back_to_english() -> None:
    assert LOCALES.get("de").language == "en"


@pytest.mark.parametrize(
    ("stored", "code", "expected"),
    [
        ("ru", "en", "ru"),
        (None, "ru", "ru"),
        (None, "kk", "ru"),
        (None, "ru-RU", "ru"),
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
    ("code", "language"), [("ru", "ru"), ("kk", "ru"), ("ru-RU", "ru"), ("uk", "en"), ("de", "en")]
)
def test_the_texts_follow_the_same_language_rule_as_the_stored_profile(
    code: str, language: str
) -> None:
    from bot.i18n import language_from_code
    from core.domain.locale import language_for

    assert language_from_code(code) == language_for(code) == language
