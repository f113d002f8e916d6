"""Exactly-once claims and the scheduler lease under concurrent callers."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.repositories import DigestRepository, LeaseRepository, SavedJobRepository
from tests.fixtures.db import create_recommendations, create_user

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
CALLERS = 10


async def _saved_job_with_due_reminder(factory: async_sessionmaker[AsyncSession]) -> int:
    async with factory() as session:
        await create_user(session, 1)
        [rec_id] = await create_recommendations(session, 1, ["v1"])
        repo = SavedJobRepository(session)
        saved = await repo.save(1, rec_id)
        assert saved is not None
        await repo.set_reminder(1, saved.id, NOW - timedelta(minutes=1))
        await session.commit()
        return saved.id


async def test_claim_reminder_is_won_by_exactly_one_caller(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    saved_id = await _saved_job_with_due_reminder(session_factory)

    async def claim() -> bool:
        async with session_factory() as session:
            won = await SavedJobRepository(session).claim_reminder(saved_id, NOW)
            await session.commit()
            return won

    results = await asyncio.gather(*(claim() for _ in range(CALLERS)))
    assert results.count(True) == 1

    async with session_factory() as session:
        assert await SavedJobRepository(session).due_reminders(NOW) == []


async def test_released_reminder_is_due_again(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    saved_id = await _saved_job_with_due_reminder(session_factory)
    async with session_factory() as session:
        repo = SavedJobRepository(session)
        assert [job.saved_id for job in await repo.due_reminders(NOW)] == [saved_id]
        assert await repo.claim_reminder(saved_id, NOW) is True
        assert await repo.release_reminder(saved_id) is True
        assert await repo.claim_reminder(saved_id, NOW) is True


async def test_digest_claim_is_won_by_exactly_one_caller(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session:
        await create_user(session, 1)
        await session.commit()

    async def claim() -> bool:
        async with session_factory() as session:
            won = await DigestRepository(session).claim(1, NOW.date())
            await session.commit()
            return won

    results = await asyncio.gather(*(claim() for _ in range(CALLERS)))
    assert results.count(True) == 1


async def test_digest_claim_after_sent_fails_and_release_only_drops_pending(
    session: AsyncSession,
) -> None:
    await create_user(session, 1)
    repo = DigestRepository(session)
    day = NOW.date()

    assert await repo.claim(1, day) is True
    assert await repo.mark_sent(1, day, [101, 102], 2, NOW) is True
    assert await repo.release(1, day) is False  # a sent digest stays recorded
    assert await repo.claim(1, day) is False

    delivery = await repo.get(1, day)
    assert delivery is not None
    assert delivery.status == "sent"
    assert (delivery.message_ids, delivery.vacancy_count) == ([101, 102], 2)


async def test_released_digest_claim_can_be_claimed_again(session: AsyncSession) -> None:
    await create_user(session, 1)
    repo = DigestRepository(session)
    day = NOW.date()
    assert await repo.claim(1, day) is True
    assert await repo.release(1, day) is True
    assert await repo.claim(1, day) is True


async def test_lease_is_exclusive_until_it_expires(session: AsyncSession) -> None:
    repo = LeaseRepository(session)
    ttl = timedelta(seconds=60)

    assert await repo.try_acquire("scheduler", "a", ttl, NOW) is True
    assert await repo.try_acquire("scheduler", "b", ttl, NOW + timedelta(seconds=30)) is False
    assert await repo.try_acquire("scheduler", "b", ttl, NOW + timedelta(seconds=61)) is True
    assert await repo.try_acquire("scheduler", "a", ttl, NOW + timedelta(seconds=62)) is False


async def test_lease_holder_renews_and_release_frees_it(session: AsyncSession) -> None:
    repo = LeaseRepository(session)
    ttl = timedelta(seconds=60)

    assert await repo.try_acquire("scheduler", "a", ttl, NOW) is True
    # Renewal at +50 s pushes the expiry to +110 s, so "b" still loses at +90 s.
    assert await repo.try_acquire("scheduler", "a", ttl, NOW + timedelta(seconds=50)) is True
    assert await repo.try_acquire("scheduler", "b", ttl, NOW + timedelta(seconds=90)) is False
    assert await repo.release("scheduler", "b") is False  # not b's to release
    assert await repo.release("scheduler", "a") is True
    assert await repo.try_acquire("scheduler", "b", ttl, NOW + timedelta(seconds=91)) is True


async def test_lease_is_won_by_exactly_one_concurrent_instance(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async def acquire(holder: str) -> bool:
        async with session_factory() as session:
            won = await LeaseRepository(session).try_acquire(
                "scheduler", holder, timedelta(seconds=60), NOW
            )
            await session.commit()
            return won

    results = await asyncio.gather(*(acquire(f"instance-{i}") for i in range(CALLERS)))
    assert results.count(True) == 1
