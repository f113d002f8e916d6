"""Relevance end to end: onboarding answers as the bot collects them, the HH emulator's
corpus (where a pharmacy may list Python and a clinic Excel among its key skills, as
strays), a real database. The first page (top 10) must be about the person's work: a
good city and salary cannot carry a vacancy that matches none of their skills."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.config import load_settings
from core.domain.mapping import UserMappingService
from core.domain.onboarding import OnboardingAnswers
from core.domain.preferences import SalaryExpectation
from core.domain.recommendation_cards import VacancyDetails
from core.domain.skills import CATEGORIES, skill_key
from core.hh.client import HHClient
from core.services.profile import PreferencesService
from core.services.recommender import Recommender
from db.repositories import UserRepository
from sandbox.hh import HHEmulator
from tests.fixtures.hh import HH_APP_TOKEN, HH_USER_AGENT

Sessions = async_sessionmaker[AsyncSession]
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
FIRST_PAGE = 10

# The QA report's people: a Python developer in Almaty and an accountant in Astana, each
# with a salary floor (so pay and city can make an unrelated vacancy look good).
PYTHON_DEVELOPERS = {
    "python only": OnboardingAnswers(
        categories=["programming"],
        skills=["Python"],
        area_ids=["160"],
        salary=SalaryExpectation(minimum=500_000),
    ),
    "python and cross skills": OnboardingAnswers(
        categories=["programming"],
        skills=["Python", "SQL", "Git"],
        area_ids=["160"],
        salary=SalaryExpectation(minimum=450_000),
    ),
}
ACCOUNTANTS = {
    "1С and Excel": OnboardingAnswers(
        categories=["finance"],
        skills=["1С:Бухгалтерия", "Excel"],
        area_ids=["159"],
        job_titles=["Бухгалтер"],
        salary=SalaryExpectation(minimum=250_000),
    ),
    "field only": OnboardingAnswers(
        categories=["finance"], area_ids=["159"], salary=SalaryExpectation(minimum=250_000)
    ),
}

PROGRAMMING_TITLE = re.compile(
    r"разработчик|программист|developer|engineer|инженер|devops|python|java|1с|qa|"
    r"data|аналитик",
    re.IGNORECASE,
)
FINANCE_TITLE = re.compile(r"бухгалтер|аудитор|экономист|финанс|financ", re.IGNORECASE)


def _share_in(field: str, key_skills: Sequence[str]) -> float:
    """Share of the vacancy's catalogue key skills that the catalogue lists under ``field``."""
    known = {skill for category in CATEGORIES.values() for skill in category.skills}
    keys = [key for key in map(skill_key, key_skills) if key in known]
    inside = sum(key in CATEGORIES[field].skills for key in keys)
    return inside / len(keys) if keys else 0.0


def is_programming(details: VacancyDetails) -> bool:
    return bool(PROGRAMMING_TITLE.search(details.title)) or (
        _share_in("programming", details.key_skills) >= 0.5
    )


def is_finance(details: VacancyDetails) -> bool:
    return bool(FINANCE_TITLE.search(details.title)) or (
        _share_in("finance", details.key_skills) >= 0.5
    )


@dataclass(frozen=True, slots=True)
class Bot:
    """The recommender as the demo runs it (default fetch depth) over the emulator."""

    sessions: Sessions
    hh: HHClient
    recommender: Recommender

    async def onboard(self, answers: OnboardingAnswers, user_id: int = 1) -> None:
        async with self.sessions() as session:
            await UserRepository(session).get_or_create(user_id)
            await session.commit()
        service = PreferencesService(self.sessions, UserMappingService(self.hh))
        await service.complete_onboarding(user_id, answers)

    async def details(self, recommendation_ids: Sequence[int]) -> list[VacancyDetails]:
        found = [await self.recommender.details(1, rec_id) for rec_id in recommendation_ids]
        return [d for d in found if d is not None]


@pytest.fixture
async def bot(hh_emulator: HHEmulator, session_factory: Sessions) -> AsyncIterator[Bot]:
    settings = load_settings(
        hh_api_base_url=hh_emulator.url,
        hh_app_token=HH_APP_TOKEN,
        hh_user_agent=HH_USER_AGENT,
        hh_requests_per_second=1000.0,
        recommendation_cache_hours=24,
    )
    async with HHClient.from_settings(settings, backoff_base=0.01, backoff_max=0.02) as hh:
        yield Bot(session_factory, hh, Recommender(hh, session_factory, settings))


async def first_page(bot: Bot, answers: OnboardingAnswers) -> list[VacancyDetails]:
    await bot.onboard(answers)
    page = await bot.recommender.get_personalized_recommendations(1, per_page=FIRST_PAGE)
    assert len(page.items) >= 5  # a first page worth judging
    return await bot.details([card.recommendation_id for card in page.items])


def _describe(items: Sequence[VacancyDetails]) -> str:
    return "\n".join(f"{d.relevance:.2f} {d.title} {list(d.key_skills)}" for d in items)


@SQLITE_ONLY
@pytest.mark.parametrize("name", list(PYTHON_DEVELOPERS))
async def test_python_developer_first_page_is_programming_jobs(name: str, bot: Bot) -> None:
    page = await first_page(bot, PYTHON_DEVELOPERS[name])

    strays = [d for d in page if not is_programming(d)]
    assert not strays, f"not programming jobs on the first page:\n{_describe(strays)}"


@SQLITE_ONLY
@pytest.mark.parametrize("name", list(ACCOUNTANTS))
async def test_accountant_first_page_is_finance_jobs(name: str, bot: Bot) -> None:
    page = await first_page(bot, ACCOUNTANTS[name])

    strays = [d for d in page if not is_finance(d)]
    assert not strays, f"not finance jobs on the first page:\n{_describe(strays)}"


@SQLITE_ONLY
async def test_unrelated_vacancies_never_look_like_good_matches(bot: Bot) -> None:
    """Everything stored for the Python developer that is not a programming job (fetched
    because it lists Python, SQL or Git among other fields' skills) scores well below
    the first page."""
    answers = PYTHON_DEVELOPERS["python and cross skills"]
    page = await first_page(bot, answers)
    everything = await bot.recommender.get_personalized_recommendations(1, per_page=200)
    details = await bot.details([card.recommendation_id for card in everything.items])

    unrelated = [d for d in details if not is_programming(d)]
    worst_on_page = min(d.relevance for d in page)
    assert all(d.relevance < worst_on_page for d in unrelated), _describe(unrelated)
    assert all(d.relevance <= 0.5 for d in unrelated), _describe(unrelated)
