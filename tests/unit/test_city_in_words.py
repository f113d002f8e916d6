"""A city named in free words (a search, a resume's header): exact names and aliases
only, never a country, never a fuzzy guess."""

from __future__ import annotations

import pytest

from core.domain.areas import AreaResolver
from core.domain.hh_schemas import AreaNode
from sandbox.hh_reference import build_areas

RESOLVER = AreaResolver([AreaNode.model_validate(node) for node in build_areas()])


@pytest.mark.parametrize(
    ("words", "rest", "city"),
    [
        ("бухгалтер астана", "бухгалтер", "Астана"),
        ("Алматы python", "python", "Алматы"),
        ("driver Almaty", "driver", "Алматы"),
        ("python developer Нур-Султан", "python developer", "Астана"),
    ],
)
def test_a_city_at_either_end_of_the_words_is_split_off(words: str, rest: str, city: str) -> None:
    split = RESOLVER.split_city(words)
    assert split is not None and (split[0], split[1][1]) == (rest, city)


@pytest.mark.parametrize("words", ["python developer", "астана", "бухгалтер алмати"])
def test_no_city_or_nothing_else_left_splits_nothing(words: str) -> None:
    assert RESOLVER.split_city(words) is None


def test_a_country_is_not_a_city() -> None:
    assert RESOLVER.city_named("Казахстан") is None


def test_a_typo_is_not_taken_in_free_words() -> None:
    assert RESOLVER.city_named("Алмати") is None
    assert RESOLVER.city_named("Алматы") == ("160", "Алматы")
