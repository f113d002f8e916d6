"""Feature extraction is optimised for speed (caches, indexes), never for different
answers: 60 sandbox-corpus vacancies must give exactly the features stored in
tests/fixtures/expected_features.json, written by the extraction before its speed work
(sandbox.corpus_generator, seed 20261207; no real data)."""

from __future__ import annotations

import json
import re
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from core.domain.features import (
    _IGNORECASE_ONLY,
    _REQUIREMENTS_END,
    _REQUIREMENTS_ENDS,
    _REQUIREMENTS_START,
    _REQUIREMENTS_STARTS,
    VacancyFeatures,
    extract_features,
    requirements_text,
)
from core.domain.hh_schemas import Vacancy
from sandbox.corpus_generator import generate_corpus

EXPECTED = Path(__file__).parents[1] / "fixtures" / "expected_features.json"
SEED, SIZE = 20261207, 60
NOW = datetime(2026, 2, 10, 12, 0, tzinfo=UTC)


def _plain(features: VacancyFeatures) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in fields(features):
        value = getattr(features, field.name)
        if isinstance(value, frozenset):
            value = sorted(value)
        elif isinstance(value, tuple):
            value = [sorted(v) if isinstance(v, frozenset) else v for v in value]
        elif isinstance(value, datetime):
            value = value.isoformat()
        out[field.name] = value
    return out


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    return generate_corpus(seed=SEED, size=SIZE, now=NOW)


def test_extraction_gives_the_stored_features(corpus: list[dict[str, Any]]) -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert len(expected) == SIZE
    for raw, want in zip(corpus, expected, strict=True):
        assert _plain(extract_features(Vacancy.model_validate(raw))) == want, raw["id"]


def test_warm_caches_give_the_same_features(corpus: list[dict[str, Any]]) -> None:
    """A second pass (every lru_cache warm) extracts the same as the first."""
    first = [extract_features(Vacancy.model_validate(raw)) for raw in corpus]
    again = [extract_features(Vacancy.model_validate(raw)) for raw in corpus]
    assert first == again


def test_the_sample_exercises_the_extraction(corpus: list[dict[str, Any]]) -> None:
    """The stored sample is not trivial: descriptions, key skills, text skills, roles."""
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert sum(bool(e["key_skill_keys"]) for e in expected) >= SIZE // 2
    assert sum(bool(e["text_skills"]) for e in expected) >= SIZE // 2
    assert sum(bool(e["title_roles"]) for e in expected) >= SIZE // 4
    assert all(raw.get("description") for raw in corpus)


@pytest.mark.parametrize(
    ("pattern", "phrases"),
    [
        (_REQUIREMENTS_START, _REQUIREMENTS_STARTS),
        (_REQUIREMENTS_END, _REQUIREMENTS_ENDS),
    ],
)
def test_section_phrases_are_found_in_any_case(
    pattern: re.Pattern[str], phrases: tuple[str, ...]
) -> None:
    """The look-ahead that speeds the section search up misses none of its phrases."""
    for phrase in phrases:
        for text in (phrase, phrase.upper(), phrase.capitalize()):
            found = pattern.search(f"Текст. {text}: …")
            assert found is not None and found.group(0).casefold() == phrase, text


def test_lowercasing_unifies_the_section_letters_as_ignorecase_does() -> None:
    """The section search runs case-sensitively over ``text.lower()``: for every letter of
    its phrases, the characters IGNORECASE takes for it are those lowercasing to it, plus
    only the few in _IGNORECASE_ONLY (a text holding one of them is searched the old way);
    no other character changes length when lowercased (offsets stay the text's)."""
    letters = sorted(set("".join(_REQUIREMENTS_STARTS + _REQUIREMENTS_ENDS)) - {" "})
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    changed = {char: char.lower() for char in every if char.lower() != char}
    extras = set(_IGNORECASE_ONLY)
    assert {char for char, lowered in changed.items() if len(lowered) != 1} <= extras
    taken = {m.group(0) for m in re.finditer(f"[{''.join(letters)}]", every, re.IGNORECASE)}
    for letter in letters:
        lowering = {letter} | {char for char, lowered in changed.items() if lowered == letter}
        ignorecase = {char for char in taken if re.fullmatch(letter, char, re.IGNORECASE)}
        assert lowering <= ignorecase <= lowering | extras, letter


@pytest.mark.parametrize("odd", ["İ", "ı", "ſ", "\u1c84"])
def test_section_search_takes_ignorecase_where_lowercasing_differs(odd: str) -> None:
    """A description with a character lowercasing unlike IGNORECASE gets the same section
    as the case-insensitive regex finds."""
    text = f"О нас {odd}. ТРЕБОВАНИЯ: Python, SQL. Мы предлагаем: офис, {odd}"
    start = _REQUIREMENTS_START.search(text)
    assert start is not None
    end = _REQUIREMENTS_END.search(text, start.end())
    assert end is not None
    assert requirements_text(text) == text[start.start() : end.start()]
