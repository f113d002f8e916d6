"""AnalyticsService on a hand-built history whose numbers are known in advance."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.domain.preferences import SavedJobStatus
from core.services.analytics import AnalyticsService, top_skills
from core.services.feedback import FeedbackService
from core.services.saved import SavedJobsService
from db.repositories import RecommendationRepository, UserRepository
from tests.integration.test_feedback_saved import add_recommendations

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


class NoLearning:
    def schedule(self, user_id: int) -> None:
        """Analytics reads the history; learning from it is not under test here."""

    async def relearn(self, user_id: int) -> None:
        return None


def vacancy(vacancy_id: str, *skills: str) -> dict[str, Any]:
    return {
        "id": vacancy_id,
        "name": f"Vacancy {vacancy_id}",
        "employer": {"id": f"e{vacancy_id}", "name": "Employer"},
        "key_skills": [{"name": name} for name in skills],
    }


@pytest.fixture
async def history(session_factory: Sessions) -> None:
    """User 1: four recommendations (three shown, two opened), 3 👍 and 1 👎, three
    saved jobs: one hired after an interview, one rejected after applying, one saved.
    User 2: two recommendations, one 👎, seen 40 days ago. User 3: blocked, never active."""
    async with session_factory() as session:
        users = UserRepository(session)
        for user_id in (1, 2, 3):
            await users.get_or_create(user_id)
        await users.update(1, last_seen_at=NOW, onboarding_completed_at=NOW)
        await users.update(2, last_seen_at=NOW - timedelta(days=40), onboarding_completed_at=NOW)
        await users.update(3, last_seen_at=NOW, is_active=False, blocked_at=NOW)
        await session.commit()
    ones = await add_recommendations(
        session_factory,
        1,
        [
            vacancy("1", "Python", "SQL"),
            vacancy("2", "Python", "Django"),
            vacancy("3", "python", "Python"),  # one vacancy asking twice counts once
            vacancy("4", "SQL"),
        ],
    )
    twos = await add_recommendations(session_factory, 2, [vacancy("5", "Excel"), vacancy("6")])
    async with session_factory() as session:
        repo = RecommendationRepository(session)
        await repo.mark_shown(1, ones[:3], NOW)
        for rec_id in ones[:2]:
            await repo.mark_details_opened(1, rec_id, NOW)
        await session.commit()

    feedback = FeedbackService(session_factory, NoLearning(), clock)
    for rec_id, liked in zip(ones, (True, True, True, False), strict=True):
        await feedback.rate(1, rec_id, liked)
    await feedback.rate(2, twos[0], False)

    saved = SavedJobsService(session_factory, clock)
    hired, rejected, kept = [await saved.save(1, rec_id) for rec_id in ones[:3]]
    assert hired and rejected and kept
    for status in (SavedJobStatus.APPLIED, SavedJobStatus.INTERVIEW, SavedJobStatus.HIRED):
        await saved.set_status(1, hired.saved_id, status)
    await saved.set_status(1, rejected.saved_id, SavedJobStatus.APPLIED)
    await saved.set_status(1, rejected.saved_id, SavedJobStatus.REJECTED)


@pytest.mark.usefixtures("history")
async def test_user_stats_count_engagement_accuracy_and_funnel(session_factory: Sessions) -> None:
    stats = await AnalyticsService(session_factory, clock).user_stats(1)

    assert (stats.recommendations, stats.shown, stats.details_opened) == (4, 3, 2)
    assert (stats.saved, stats.applied) == (3, 2)
    assert (stats.rated, stats.liked, stats.accuracy) == (4, 3, 0.75)
    funnel = stats.funnel
    assert (funnel.saved, funnel.applied, funnel.interview, funnel.hired, funnel.rejected) == (
        3,
        2,
        1,
        1,
        1,
    )
    assert (funnel.interview_rate, funnel.offer_rate, funnel.success_rate) == (0.5, 1.0, 0.5)
    assert stats.top_skills == [("Python", 3), ("SQL", 2), ("Django", 1)]


@pytest.mark.usefixtures("history")
async def test_global_stats_are_anonymised_totals(session_factory: Sessions) -> None:
    stats = await AnalyticsService(session_factory, clock).global_stats()

    assert (stats.users, stats.active_users, stats.onboarded_users) == (3, 1, 2)
    assert (stats.recommendations, stats.shown, stats.rated) == (6, 3, 5)
    assert stats.positive_rate == 0.6
    assert (stats.funnel.applied, stats.funnel.hired, stats.funnel.rejected) == (2, 1, 1)
    flat = asdict(stats)
    assert not any("user" in key and "users" not in key for key in flat)
    assert all(isinstance(value, int | float | dict) for value in flat.values())


async def test_a_user_with_no_history_has_unknown_rates_not_zero(
    session_factory: Sessions,
) -> None:
    stats = await AnalyticsService(session_factory, clock).user_stats(99)

    assert stats.recommendations == 0 and stats.top_skills == []
    assert stats.accuracy is None and stats.funnel.success_rate is None


def test_top_skills_merge_synonyms_and_ignore_malformed_entries() -> None:
    lists = [[{"name": "JS"}, {"name": "JavaScript"}], None, [{"name": 5}, "x"], [{"name": "js"}]]
    assert top_skills(lists) == [("JavaScript", 2)]
