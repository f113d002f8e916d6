"""What the user stated is kept apart from what learning adds: learning recomputes from
the statement, edits change the statement, and "reset learning" goes back to it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.domain.mapping import UserMappingService
from core.domain.onboarding import OnboardingAnswers
from core.domain.preferences import SalaryExpectation, UserPreferences
from core.services.feedback import FeedbackService
from core.services.learner import Learner
from core.services.profile import PreferencesService
from db.repositories import PreferencesRepository, UserRepository

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
USER = 7
ANSWERS = OnboardingAnswers(
    skills=["Python", "SQL"],
    area_ids=["160"],
    salary=SalaryExpectation(minimum=500_000, currency="KZT"),
)
pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def clock() -> datetime:
    return NOW


class NoAreas:
    """These tests never look a city up; the mapping service only needs the attribute."""

    async def get_areas(self) -> list[object]:
        return []


@pytest.fixture
async def profile(session_factory: Sessions) -> PreferencesService:
    async with session_factory() as session:
        await UserRepository(session).get_or_create(USER)
        await session.commit()
    service = PreferencesService(session_factory, UserMappingService(NoAreas()), clock)
    await service.complete_onboarding(USER, ANSWERS)
    return service


@pytest.fixture
def learner(session_factory: Sessions) -> Learner:
    return Learner(session_factory, clock, debounce=0)


async def declared(session_factory: Sessions) -> UserPreferences | None:
    async with session_factory() as session:
        return await PreferencesRepository(session).get_declared(USER)


async def learn_less_of(session_factory: Sessions, learner: Learner, keyword: str) -> None:
    await FeedbackService(session_factory, learner, clock).less_of(USER, keyword)
    await learner.drain()


async def test_onboarding_stores_the_answers_as_the_declared_preferences(
    profile: PreferencesService, session_factory: Sessions
) -> None:
    stated = await declared(session_factory)
    assert stated is not None
    assert set(stated.skills) == {"Python", "SQL"}
    assert stated.salary.minimum == 500_000
    assert stated.negative_keywords == {}


async def test_learning_changes_the_ranking_preferences_but_not_the_declared_ones(
    profile: PreferencesService, session_factory: Sessions, learner: Learner
) -> None:
    await learn_less_of(session_factory, learner, "1С")
    current = await profile.get(USER)
    stated = await declared(session_factory)
    assert current is not None and "1С" in current.negative_keywords
    assert stated is not None and stated.negative_keywords == {}


async def test_relearning_again_gives_the_same_preferences(
    profile: PreferencesService, session_factory: Sessions, learner: Learner
) -> None:
    await learn_less_of(session_factory, learner, "1С")
    first = await learner.relearn(USER)
    second = await learner.relearn(USER)
    assert first is not None and second is not None
    assert first.model_dump() == second.model_dump()


async def test_an_edit_changes_the_declared_preferences_and_survives_relearning(
    profile: PreferencesService, session_factory: Sessions, learner: Learner
) -> None:
    await profile.update(USER, only_my_city=True)
    await learn_less_of(session_factory, learner, "1С")
    current = await profile.get(USER)
    stated = await declared(session_factory)
    assert current is not None and current.only_my_city
    assert stated is not None and stated.only_my_city


async def test_reset_learning_restores_exactly_what_the_user_stated(
    profile: PreferencesService, session_factory: Sessions, learner: Learner
) -> None:
    await learn_less_of(session_factory, learner, "1С")
    restored = await profile.reset_learning(USER)
    stated = await declared(session_factory)
    assert stated is not None
    assert restored.model_dump() == stated.model_dump()
    assert restored.negative_keywords == {}
