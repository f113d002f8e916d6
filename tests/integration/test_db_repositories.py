"""Repository queries the services rely on: cache expiry, pruning, pages, preferences."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from core.domain.preferences import SalaryExpectation, ScoreWeights, UserPreferences
from db.repositories import (
    DigestRepository,
    FeedbackRepository,
    HHCacheRepository,
    HiddenEmployerRepository,
    PreferencesRepository,
    RecommendationRepository,
    SavedJobRepository,
    UserRepository,
)
from tests.fixtures.db import create_recommendations, create_user, vacancy_row

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)


async def test_hh_cache_entry_expires_after_its_ttl(session: AsyncSession) -> None:
    repo = HHCacheRepository(session)
    await repo.put("search:abc", "search", {"items": [1]}, DAY, NOW)

    assert await repo.get("search:abc", NOW + DAY - timedelta(seconds=1)) == {"items": [1]}
    assert await repo.get("search:abc", NOW + DAY) is None
    assert await repo.get_stale("search:abc") == ({"items": [1]}, NOW)


async def test_hh_cache_put_replaces_and_delete_expired_removes(session: AsyncSession) -> None:
    repo = HHCacheRepository(session)
    await repo.put("vacancy:1", "vacancy", {"v": 1}, DAY, NOW)
    await repo.put("vacancy:2", "vacancy", {"v": 2}, DAY, NOW)
    await repo.put("vacancy:1", "vacancy", {"v": "fresh"}, DAY, NOW + DAY)

    assert await repo.delete_expired(NOW + DAY) == 1
    assert await repo.get("vacancy:1", NOW + DAY) == {"v": "fresh"}
    assert await repo.get_stale("vacancy:2") is None


async def test_prune_keeps_the_newest_and_every_saved_or_rated_row(session: AsyncSession) -> None:
    await create_user(session, 1)
    ids = []
    for number in range(6):  # v0 oldest … v5 newest
        ids += await create_recommendations(
            session, 1, [f"v{number}"], created_at=NOW + number * timedelta(minutes=1)
        )
    saved = await SavedJobRepository(session).save(1, ids[0])
    assert saved is not None
    await FeedbackRepository(session).upsert(1, ids[1], is_relevant=False)
    repo = RecommendationRepository(session)

    assert await repo.prune(1, keep=2) == 2  # v2 and v3 go
    assert await repo.seen_vacancy_ids(1) == {"v0", "v1", "v4", "v5"}
    assert await SavedJobRepository(session).get(1, saved.id) is not None


async def test_delete_older_than_spares_saved_rows(session: AsyncSession) -> None:
    await create_user(session, 1)
    old = await create_recommendations(session, 1, ["old1", "old2"], created_at=NOW - 100 * DAY)
    await create_recommendations(session, 1, ["new"], created_at=NOW)
    await SavedJobRepository(session).save(1, old[0])

    assert await RecommendationRepository(session).delete_older_than(NOW - 90 * DAY) == 1
    assert await RecommendationRepository(session).count(1) == 2


async def test_page_orders_by_relevance_and_counts_the_total(session: AsyncSession) -> None:
    await create_user(session, 1)
    repo = RecommendationRepository(session)
    await repo.add_many(
        1,
        [
            vacancy_row("low", relevance_score=0.1),
            vacancy_row("high", relevance_score=0.9),
            vacancy_row("mid", relevance_score=0.5, source="search"),
        ],
    )

    rows, total = await repo.page(1, offset=0, limit=2)
    search_rows, search_total = await repo.page(1, offset=0, limit=10, source="search")

    assert ([r.vacancy_id for r in rows], total) == (["high", "mid"], 3)
    assert ([r.vacancy_id for r in search_rows], search_total) == (["mid"], 1)


async def test_mark_shown_keeps_the_first_showing(session: AsyncSession) -> None:
    await create_user(session, 1)
    [rec_id] = await create_recommendations(session, 1, ["v1"])
    repo = RecommendationRepository(session)

    assert await repo.mark_shown(1, [rec_id], NOW) == 1
    assert await repo.mark_shown(1, [rec_id], NOW + DAY) == 0
    rec = await repo.get(1, rec_id)
    assert rec is not None
    assert rec.shown_at == NOW


async def test_seen_content_hashes_skip_rows_without_a_hash(session: AsyncSession) -> None:
    await create_user(session, 1)
    repo = RecommendationRepository(session)
    await repo.add_many(1, [vacancy_row("v1"), vacancy_row("v2", content_hash=None)])
    assert await repo.seen_content_hashes(1) == {"hash-v1"}


async def test_preferences_round_trip_through_the_row(session: AsyncSession) -> None:
    await create_user(session, 1)
    prefs = UserPreferences(
        skills={"python": 1.0, "sql": 0.6},
        avoided_skills=["1c"],
        area_ids=["160"],
        work_formats=["REMOTE"],
        experience="between1And3",
        salary=SalaryExpectation(minimum=500_000, maximum=900_000, currency="KZT"),
        positive_keywords={"django": 0.3},
        weights=ScoreWeights(skills=0.5, location=0.2, salary=0.3),
        salary_is_floor=True,
        last_learned_at=NOW,
    )
    repo = PreferencesRepository(session)
    await repo.save(1, prefs)
    assert await repo.get(1) == prefs

    changed = prefs.model_copy(update={"job_titles": ["Backend developer"]})
    await repo.save(1, changed)
    assert await repo.get(1) == changed
    assert await repo.get(2) is None


async def test_list_stale_finds_old_and_never_learned_users_with_feedback(
    session: AsyncSession,
) -> None:
    for user_id in (1, 2, 3, 4):
        await create_user(session, user_id)
    repo = PreferencesRepository(session)
    await repo.save(1, UserPreferences(last_learned_at=NOW - 40 * DAY))  # stale
    await repo.save(2, UserPreferences(last_learned_at=NOW - DAY))  # fresh
    await repo.save(3, UserPreferences())  # never learned, has feedback
    await repo.save(4, UserPreferences())  # never learned, no feedback
    [rec_id] = await create_recommendations(session, 3, ["v1"])
    await FeedbackRepository(session).upsert(3, rec_id, is_relevant=True)

    assert await repo.list_stale(NOW - 30 * DAY) == [1, 3]


async def test_saved_job_status_moves_are_recorded_with_applied_date(
    session: AsyncSession,
) -> None:
    await create_user(session, 1)
    [rec_id] = await create_recommendations(session, 1, ["v1"])
    repo = SavedJobRepository(session)
    first = await repo.save(1, rec_id, at=NOW - DAY)
    again = await repo.save(1, rec_id, at=NOW)
    assert first is not None and again is not None and first.id == again.id

    await repo.set_status(1, first.id, "applied", NOW)
    job = await repo.set_status(1, first.id, "interview", NOW + DAY)

    assert job is not None
    assert (job.status, job.applied_at) == ("interview", NOW)
    moves = [(c.from_status, c.to_status) for c in await repo.status_changes(1)]
    assert moves == [(None, "saved"), ("saved", "applied"), ("applied", "interview")]
    assert [j.id for j in await repo.list(1, status="interview")] == [first.id]
    assert await repo.list(1, status="saved") == []


async def test_users_with_digest_are_active_onboarded_and_opted_in(
    session: AsyncSession,
) -> None:
    repo = UserRepository(session)
    for user_id in (1, 2, 3, 4):
        await create_user(session, user_id, onboarding_completed_at=NOW)
    await create_user(session, 5)  # not onboarded
    await repo.update(2, digest_enabled=False)
    await repo.mark_inactive(3, NOW)

    assert [u.id for u in await repo.list_active_with_digest()] == [1, 4]
    assert (await repo.count(), await repo.count(active_only=True)) == (5, 4)


async def test_get_or_create_reports_creation_once(session: AsyncSession) -> None:
    repo = UserRepository(session)
    _, created = await repo.get_or_create(7, "Aigerim", "aig", "ru", "Asia/Almaty", "08:30")
    same, created_again = await repo.get_or_create(7, "Other")

    assert (created, created_again) == (True, False)
    assert (same.first_name, same.language, same.digest_time) == ("Aigerim", "ru", "08:30")


async def test_hidden_employers_are_per_user_and_idempotent(session: AsyncSession) -> None:
    await create_user(session, 1)
    await create_user(session, 2)
    repo = HiddenEmployerRepository(session)

    assert await repo.hide(1, "e9", "Spam LLC") is True
    assert await repo.hide(1, "e9", "Spam LLC") is False
    assert (await repo.list_ids(1), await repo.list_ids(2)) == ({"e9"}, set())


async def _saved_with_reminder(session: AsyncSession) -> int:
    await create_user(session, 1, language="ru")
    [rec_id] = await create_recommendations(session, 1, ["v1"])
    repo = SavedJobRepository(session)
    saved = await repo.save(1, rec_id, at=NOW - DAY)
    assert saved is not None
    await repo.set_reminder(1, saved.id, NOW)
    return saved.id


async def test_a_sent_reminder_records_its_message_id(session: AsyncSession) -> None:
    saved_id = await _saved_with_reminder(session)
    repo = SavedJobRepository(session)
    assert await repo.claim_reminder(saved_id, NOW) is True

    assert await repo.record_reminder_message(saved_id, 4242) is True
    job = await repo.get(1, saved_id)
    assert job is not None and job.reminder_message_id == 4242


async def test_a_reminder_re_armed_before_recording_keeps_no_message_id(
    session: AsyncSession,
) -> None:
    saved_id = await _saved_with_reminder(session)
    repo = SavedJobRepository(session)
    assert await repo.claim_reminder(saved_id, NOW) is True
    await repo.set_reminder(1, saved_id, NOW + DAY)  # the user picked a new time meanwhile

    assert await repo.record_reminder_message(saved_id, 4242) is False
    job = await repo.get(1, saved_id)
    assert job is not None and job.reminder_message_id is None


async def test_due_reminders_carry_the_language_and_the_vacancy(session: AsyncSession) -> None:
    saved_id = await _saved_with_reminder(session)

    [due] = await SavedJobRepository(session).due_reminders(NOW)
    assert (due.saved_id, due.user_id, due.language, due.status) == (saved_id, 1, "ru", "saved")
    assert (due.title, due.employer_name) == ("Python developer v1", "Kaspi")


async def test_claims_for_finds_the_rows_of_exactly_these_users_and_days(
    session: AsyncSession,
) -> None:
    today, yesterday = NOW.date(), (NOW - DAY).date()
    for user_id in (1, 2, 3):
        await create_user(session, user_id)
    repo = DigestRepository(session)
    assert await repo.claim(1, today, at=NOW)
    assert await repo.claim(2, yesterday, at=NOW - DAY)
    assert await repo.claim(3, today, at=NOW)
    await repo.mark_empty(3, today, NOW)

    claims = await repo.claims_for([(1, today), (2, today), (3, today), (3, yesterday)])
    found = {key: (claim.status, claim.created_at) for key, claim in claims.items()}
    assert found == {(1, today): ("pending", NOW), (3, today): ("empty", NOW)}


async def test_a_digest_claim_keeps_its_progress_and_is_taken_up_by_one_caller(
    session: AsyncSession,
) -> None:
    today = NOW.date()
    await create_user(session, 1)
    repo = DigestRepository(session)
    assert await repo.claim(1, today, at=NOW, holder="a")
    assert await repo.mark_header_sent(1, today)
    assert not await repo.mark_header_sent(1, today)  # the context line only once
    assert await repo.record_progress(1, today, [10, 11], 1)
    assert await repo.put_down(1, today)
    [claim] = (await repo.claims_for([(1, today)])).values()
    assert claim == ("partial", NOW, "a", True, 1, (10, 11))
    assert await repo.take_over(1, today, previous=claim, holder="b", at=NOW)
    assert not await repo.take_over(1, today, previous=claim, holder="c", at=NOW)
    [claim] = (await repo.claims_for([(1, today)])).values()
    assert (claim.status, claim.holder) == ("pending", "b")


async def test_users_over_cap_lists_only_users_above_it(session: AsyncSession) -> None:
    for user_id, rows in ((1, 3), (2, 2), (3, 4)):
        await create_user(session, user_id)
        await create_recommendations(session, user_id, [f"v{i}" for i in range(rows)])

    assert await RecommendationRepository(session).users_over_cap(2) == [1, 3]
