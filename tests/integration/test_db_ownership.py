"""A user's ids are useless to another user: repositories filter every read and write."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories import FeedbackRepository, RecommendationRepository, SavedJobRepository
from tests.fixtures.db import create_recommendations, create_user

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
OWNER, STRANGER = 1, 2


async def _owner_with_saved_job(session: AsyncSession) -> tuple[int, int]:
    await create_user(session, OWNER)
    await create_user(session, STRANGER)
    [rec_id] = await create_recommendations(session, OWNER, ["v1"])
    saved = await SavedJobRepository(session).save(OWNER, rec_id)
    assert saved is not None
    return rec_id, saved.id


async def test_recommendation_of_another_user_is_not_found(session: AsyncSession) -> None:
    rec_id, _ = await _owner_with_saved_job(session)
    repo = RecommendationRepository(session)
    assert await repo.get(STRANGER, rec_id) is None
    assert await repo.get(OWNER, rec_id) is not None
    assert await repo.mark_details_opened(STRANGER, rec_id, NOW) is False


async def test_saved_job_of_another_user_is_not_found(session: AsyncSession) -> None:
    _, saved_id = await _owner_with_saved_job(session)
    assert await SavedJobRepository(session).get(STRANGER, saved_id) is None


async def test_set_status_with_another_users_id_changes_nothing(session: AsyncSession) -> None:
    _, saved_id = await _owner_with_saved_job(session)
    repo = SavedJobRepository(session)

    assert await repo.set_status(STRANGER, saved_id, "applied", NOW) is None
    assert await repo.set_notes(STRANGER, saved_id, "mine now") is None
    assert await repo.set_reminder(STRANGER, saved_id, NOW) is None

    job = await repo.get(OWNER, saved_id)
    assert job is not None
    assert (job.status, job.notes, job.reminder_at) == ("saved", None, None)
    assert await repo.status_changes(STRANGER) == []


async def test_cannot_save_or_rate_another_users_recommendation(session: AsyncSession) -> None:
    rec_id, _ = await _owner_with_saved_job(session)
    assert await SavedJobRepository(session).save(STRANGER, rec_id) is None
    assert await FeedbackRepository(session).upsert(STRANGER, rec_id, is_relevant=False) is None
    assert await FeedbackRepository(session).get(OWNER, rec_id) is None


async def test_bulk_reads_ignore_another_users_ids(session: AsyncSession) -> None:
    rec_id, _ = await _owner_with_saved_job(session)
    await FeedbackRepository(session).upsert(OWNER, rec_id, is_relevant=True)

    assert await SavedJobRepository(session).saved_flags_for(STRANGER, [rec_id]) == set()
    assert await FeedbackRepository(session).flags_for(STRANGER, [rec_id]) == {}
    assert await RecommendationRepository(session).mark_shown(STRANGER, [rec_id], NOW) == 0
    assert await RecommendationRepository(session).page(STRANGER, 0, 10) == ([], 0)
