"""Constraints the data model promises: uniqueness, one feedback per card, cascades."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.domain.preferences import UserPreferences
from db.base import Base
from db.fsm_storage import SQLAlchemyStorage
from db.models import JobFeedback, JobRecommendation
from db.repositories import (
    AssessmentRepository,
    DigestRepository,
    FeedbackRepository,
    HiddenEmployerRepository,
    PreferenceEventRepository,
    PreferencesRepository,
    RecommendationRepository,
    SavedJobRepository,
    UserRepository,
)
from tests.fixtures.db import create_recommendations, create_user, vacancy_row

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# Tables with no user: shared caches and infrastructure.
SHARED_TABLES = {"hh_cache", "scheduler_leases"}


async def test_add_many_skips_a_vacancy_the_user_already_has(session: AsyncSession) -> None:
    await create_user(session, 1)
    repo = RecommendationRepository(session)
    first = await repo.add_many(1, [vacancy_row("v1"), vacancy_row("v2")])
    again = await repo.add_many(1, [vacancy_row("v2", title="re-published"), vacancy_row("v3")])

    assert len(first) == 2
    assert len(again) == 1
    assert await repo.seen_vacancy_ids(1) == {"v1", "v2", "v3"}


async def test_database_rejects_a_duplicate_user_vacancy(session: AsyncSession) -> None:
    await create_user(session, 1)
    session.add(JobRecommendation(user_id=1, vacancy_id="v1", title="a"))
    await session.flush()
    session.add(JobRecommendation(user_id=1, vacancy_id="v1", title="b"))
    with pytest.raises(IntegrityError):
        await session.flush()


async def test_same_vacancy_for_two_users_is_two_rows(session: AsyncSession) -> None:
    await create_user(session, 1)
    await create_user(session, 2)
    repo = RecommendationRepository(session)
    assert len(await repo.add_many(1, [vacancy_row("v1")])) == 1
    assert len(await repo.add_many(2, [vacancy_row("v1")])) == 1


async def test_feedback_upsert_keeps_one_row_and_updates_it(session: AsyncSession) -> None:
    await create_user(session, 1)
    [rec_id] = await create_recommendations(session, 1, ["v1"])
    repo = FeedbackRepository(session)

    await repo.upsert(1, rec_id, is_relevant=False, reason="salary")
    updated = await repo.upsert(1, rec_id, is_relevant=True, score=5)

    rows = await session.scalar(select(func.count()).select_from(JobFeedback))
    assert rows == 1
    assert updated is not None
    assert (updated.is_relevant, updated.score, updated.reason) == (True, 5, "salary")


async def test_database_rejects_a_second_feedback_row(session: AsyncSession) -> None:
    await create_user(session, 1)
    [rec_id] = await create_recommendations(session, 1, ["v1"])
    session.add(JobFeedback(user_id=1, recommendation_id=rec_id, is_relevant=True))
    await session.flush()
    session.add(JobFeedback(user_id=1, recommendation_id=rec_id, is_relevant=False))
    with pytest.raises(IntegrityError):
        await session.flush()


async def _populate_everything(session: AsyncSession, user_id: int) -> None:
    await create_user(session, user_id)
    rec_ids = await create_recommendations(session, user_id, ["v1", "v2"])
    await PreferencesRepository(session).save(user_id, UserPreferences(skills={"python": 1.0}))
    await AssessmentRepository(session).add(user_id, ["python"], ["1c"], {"q1": "a"})
    await FeedbackRepository(session).upsert(user_id, rec_ids[0], is_relevant=True)
    saved = await SavedJobRepository(session).save(user_id, rec_ids[1])
    assert saved is not None
    await SavedJobRepository(session).set_status(user_id, saved.id, "applied", NOW)
    await HiddenEmployerRepository(session).hide(user_id, "e9", "Spam LLC")
    await PreferenceEventRepository(session).add(user_id, "less_of", "1c")
    await DigestRepository(session).claim(user_id, NOW.date())


async def test_deleting_a_user_removes_every_row_they_own(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session:
        await _populate_everything(session, 1)
        await _populate_everything(session, 2)
        await session.commit()
    storage = SQLAlchemyStorage(session_factory)
    await storage.set_state(StorageKey(bot_id=42, chat_id=1, user_id=1), "Onboarding:skills")

    async with session_factory() as session:
        assert await UserRepository(session).delete(1) is True
        await session.commit()

    async with session_factory() as session:
        user_tables = [t for t in Base.metadata.sorted_tables if t.name not in SHARED_TABLES]
        for table in user_tables:
            column = table.c.id if table.name == "users" else table.c.user_id
            left = await session.scalar(select(func.count()).select_from(table).where(column == 1))
            others = await session.scalar(
                select(func.count()).select_from(table).where(column == 2)
            )
            assert left == 0, f"{table.name} still holds rows of the deleted user"
            if table.name != "fsm_storage":
                assert others > 0, f"{table.name}: the other user's rows must stay"


async def test_export_holds_all_of_the_users_rows_as_json(session: AsyncSession) -> None:
    await _populate_everything(session, 1)
    exported = await UserRepository(session).export(1)

    assert exported is not None
    json.dumps(exported)  # serialisable as is
    assert exported["user"]["id"] == 1
    assert exported["preferences"]["skills"] == {"python": 1.0}
    assert len(exported["recommendations"]) == 2
    assert len(exported["feedback"]) == 1
    assert [c["to_status"] for c in exported["saved_job_status_changes"]] == ["saved", "applied"]
    assert await UserRepository(session).export(999) is None


async def test_datetimes_come_back_aware_utc(session: AsyncSession) -> None:
    almaty = datetime(2026, 3, 2, 19, 0, tzinfo=ZoneInfo("Asia/Almaty"))
    await create_user(session, 1)
    await UserRepository(session).update(1, onboarding_completed_at=almaty)
    await session.commit()
    session.expunge_all()

    user = await UserRepository(session).get(1)
    assert user is not None
    assert user.onboarding_completed_at == almaty
    assert user.onboarding_completed_at.utcoffset() == timedelta(0)
