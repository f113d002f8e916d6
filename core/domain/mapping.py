"""The bot's entry point to mapping typed answers onto HH values and preferences.

The pure parts live in their own modules: :mod:`core.domain.salary`, :mod:`core.domain.areas`,
:mod:`core.domain.job_titles`, :mod:`core.domain.skills_text`, :mod:`core.domain.onboarding`,
:mod:`core.domain.assessment`. This module adds the cached /areas lookup.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Protocol

from core.domain.areas import AreaResolver, CityMatch
from core.domain.assessment import apply_assessment
from core.domain.hh_errors import HHError
from core.domain.hh_schemas import AreaNode
from core.domain.job_titles import normalize_job_title, suggest_job_titles
from core.domain.onboarding import OnboardingAnswers, build_preferences
from core.domain.salary import format_salary, parse_salary
from core.domain.skills_text import parse_skills_text

# bench/quality.py still imports these from here; new code imports the home modules.
__all__ = [
    "AreaResolver",
    "AreaSource",
    "OnboardingAnswers",
    "UserMappingService",
    "build_preferences",
    "parse_salary",
    "parse_skills_text",
]


class AreaSource(Protocol):
    async def get_areas(self) -> list[AreaNode]: ...


class UserMappingService:
    """The bot's entry point to mapping: pure functions plus the cached /areas lookup."""

    parse_salary = staticmethod(parse_salary)
    format_salary = staticmethod(format_salary)
    parse_skills_text = staticmethod(parse_skills_text)
    suggest_job_titles = staticmethod(suggest_job_titles)
    build_preferences = staticmethod(build_preferences)
    apply_assessment = staticmethod(apply_assessment)
    normalize_job_title = staticmethod(normalize_job_title)

    def __init__(self, hh_client: AreaSource) -> None:
        self._hh = hh_client
        self._resolver: AreaResolver | None = None
        self._lock = asyncio.Lock()

    async def area_resolver(self) -> AreaResolver:
        """Built once from /areas; concurrent first callers share one load."""
        if self._resolver is None:
            async with self._lock:
                if self._resolver is None:
                    self._resolver = AreaResolver(await self._hh.get_areas())
        return self._resolver

    def reset(self) -> None:
        """Forget the cached areas (HH says area ids may change)."""
        self._resolver = None

    async def salary_currency(self, area_ids: Sequence[str], default: str = "KZT") -> str:
        """The currency a person in these cities states pay in (Moscow: roubles); ``default``
        when no city is known or the areas cannot be loaded."""
        if not area_ids:
            return default
        try:
            resolver = await self.area_resolver()
        except HHError:
            return default
        return resolver.currency_of(area_ids) or default

    async def resolve_city(self, text: str) -> CityMatch:
        resolver = await self.area_resolver()
        return resolver.resolve(text)
