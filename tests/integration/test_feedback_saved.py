"""FeedbackService, SavedJobsService and the background Learner on a real database
(SQLite and PostgreSQL through ``db_url``); vacancies come from the HH emulator corpus."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.config import load_settings
from core.domain.onboarding import OnboardingAnswers, build_preferences
from core.domain.preferences import FeedbackReason, SavedJobStatus
from core.hh.client import HHClient
from core.services.feedback import FeedbackService
from core.services.learner import Learner
from core.services.recommender import Recommender
from core.services.saved import NOTES_LIMIT, SavedJobsService
from db import queries_recommender as queries
from db.models import (
    HiddenEmployer,
    JobFeedback,
    PreferenceEvent,
    SavedJob,
    SavedJobStatusChange,
)
from db.repositories import (
    FeedbackRepository,
    PreferencesRepository,
    RecommendationRepository,
    UserRepository,
)
from sandbox.corpus import Corpus

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
OWNER, STRANGER = 1, 2
PYTHON_DEV = OnboardingAnswers(skills=["Python", "SQL"], area_ids=["160"])
# For behaviour decided in Python, not by the database: one dialect is enough, and it
# keeps the suite fast (PostgreSQL still runs everything that upserts, counts or joins).
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def fixed_clock() -> datetime:
    return NOW


def corpus_vacancies(corpus: Corpus, title_part: str, count: int) -> list[dict[str, Any]]:
    """Distinct-employer vacancies whose title contains ``title_part``, in corpus order."""
    found: dict[str, dict[str, Any]] = {}
    for vacancy in corpus.vacancies.values():
        employer = (vacancy.get("employer") or {}).get("id")
        if title_part in vacancy["name"] and employer not in found and not vacancy["archived"]:
            found[employer] = vacancy
        if len(found) == count:
            break
    return list(found.values())


async def add_user(session_factory: Sessions, user_id: int, **fields: Any) -> None:
    async with session_factory() as session:
        await UserRepository(session).get_or_create(user_id)
        if fields:
            await UserRepository(session).update(user_id, **fields)
        await PreferencesRepository(session).save(user_id, build_preferences(PYTHON_DEV))
        await session.commit()


async def add_recommendations(
    session_factory: Sessions,
    user_id: int,
    vacancies: Sequence[dict[str, Any]],
    **columns: Any,
) -> list[int]:
    """Store vacancies as the user's recommendations (ids in the given order)."""
    rows = [
        {
            "vacancy_id": vacancy["id"],
            "title": vacancy["name"],
            "employer_id": (vacancy.get("employer") or {}).get("id"),
            "employer_name": (vacancy.get("employer") or {}).get("name"),
            "area_name": (vacancy.get("area") or {}).get("name"),
            "relevance_score": 0.9 - index / 100,
            "raw": vacancy,
            **columns,
        }
        for index, vacancy in enumerate(vacancies)
    ]
    async with session_factory() as session:
        await RecommendationRepository(session).add_many(user_id, rows)
        await session.commit()
        by_vacancy = await queries.recommendations_by_vacancy(
            session, user_id, [vacancy["id"] for vacancy in vacancies]
        )
    return [by_vacancy[vacancy["id"]].id for vacancy in vacancies]


@pytest.fixture
def learner(session_factory: Sessions) -> Learner:
    return Learner(session_factory, fixed_clock)


@pytest.fixture
def feedback(session_factory: Sessions, learner: Learner) -> FeedbackService:
    return FeedbackService(session_factory, learner, fixed_clock)


@pytest.fixture
def saved(session_factory: Sessions) -> SavedJobsService:
    return SavedJobsService(session_factory, fixed_clock)


@pytest.fixture
async def python_recs(session_factory: Sessions, hh_corpus: Corpus) -> list[int]:
    await add_user(session_factory, OWNER)
    await add_user(session_factory, STRANGER)
    vacancies = corpus_vacancies(hh_corpus, "Python", 3) + corpus_vacancies(hh_corpus, "1С", 3)
    return await add_recommendations(session_factory, OWNER, vacancies)


async def count(session_factory: Sessions, model: Any) -> int:
    async with session_factory() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


# ============================================================================ feedback


async def test_a_new_tap_updates_the_earlier_feedback(
    feedback: FeedbackService, session_factory: Sessions, python_recs: list[int]
) -> None:
    await feedback.rate(OWNER, python_recs[0], True)
    await feedback.rate(OWNER, python_recs[0], False)

    async with session_factory() as session:
        rows = (await session.scalars(select(JobFeedback))).all()
    assert [(row.recommendation_id, row.is_relevant) for row in rows] == [(python_recs[0], False)]


async def test_thumbs_down_offers_less_of_chips_outside_the_users_skills(
    feedback: FeedbackService, python_recs: list[int]
) -> None:
    outcome = await feedback.rate(OWNER, python_recs[3], False)  # a 1С vacancy

    assert outcome is not None and not outcome.relevant
    assert outcome.less_of and "1C" in outcome.less_of
    assert not {"Python", "SQL"} & set(outcome.less_of)
    assert (await feedback.rate(OWNER, python_recs[0], True)).less_of == []  # type: ignore[union-attr]


async def test_reason_and_detail_update_the_same_row_and_thumbs_up_clears_the_reason(
    feedback: FeedbackService, session_factory: Sessions, python_recs: list[int]
) -> None:
    rec_id = python_recs[0]
    await feedback.rate(OWNER, rec_id, False)
    assert await feedback.set_reason(OWNER, rec_id, FeedbackReason.SALARY)
    assert await feedback.set_detail(OWNER, rec_id, skill_fit=True, rating=2, notes=" <b>hm</b> ")
    async with session_factory() as session:
        row = await FeedbackRepository(session).get(OWNER, rec_id)
    assert row is not None
    assert (row.is_relevant, row.reason, row.skill_feedback, row.score, row.notes) == (
        False,
        "salary",
        "fits",
        2,
        "<b>hm</b>",
    )

    await feedback.rate(OWNER, rec_id, True)
    async with session_factory() as session:
        row = await FeedbackRepository(session).get(OWNER, rec_id)
    assert row is not None and row.is_relevant is True and row.reason is None
    assert await count(session_factory, JobFeedback) == 1


@SQLITE_ONLY
async def test_rating_outside_one_to_five_is_refused(
    feedback: FeedbackService, python_recs: list[int]
) -> None:
    assert not await feedback.set_detail(OWNER, python_recs[0], rating=6)
    assert not await feedback.set_detail(OWNER, python_recs[0], rating=0)


async def test_less_of_is_recorded_and_applied_by_learning(
    feedback: FeedbackService,
    learner: Learner,
    session_factory: Sessions,
    python_recs: list[int],
) -> None:
    await feedback.less_of(OWNER, "  1С  ")
    await learner.drain()

    async with session_factory() as session:
        events = (await session.scalars(select(PreferenceEvent))).all()
        prefs = await PreferencesRepository(session).get(OWNER)
    assert [(event.kind, event.value) for event in events] == [("less_of", "1С")]
    assert prefs is not None and 0 < prefs.negative_keywords.get("1С", 0) < 0.5
    assert prefs.last_learned_at == NOW


async def test_a_less_of_chip_tapped_by_index_names_the_offered_keyword(
    feedback: FeedbackService,
    learner: Learner,
    session_factory: Sessions,
    python_recs: list[int],
) -> None:
    outcome = await feedback.rate(OWNER, python_recs[3], False)
    assert outcome is not None and len(outcome.less_of) >= 2

    first = await feedback.less_of_suggested(OWNER, python_recs[3], 0)
    await learner.drain()
    second = await feedback.less_of_suggested(OWNER, python_recs[3], 1)
    await learner.drain()

    # The first tap changed the preferences; the second chip still names what was offered.
    assert [first, second] == outcome.less_of[:2]
    assert await feedback.less_of_suggested(OWNER, python_recs[3], 7) is None
    async with session_factory() as session:
        prefs = await PreferencesRepository(session).get(OWNER)
    assert prefs is not None and set(outcome.less_of[:2]) <= set(prefs.negative_keywords)


async def test_hide_employer_hides_it_and_names_it(
    feedback: FeedbackService, session_factory: Sessions, python_recs: list[int]
) -> None:
    async with session_factory() as session:
        rec = await RecommendationRepository(session).get(OWNER, python_recs[0])
    assert rec is not None

    name = await feedback.hide_employer(OWNER, python_recs[0])

    assert name == rec.employer_name
    async with session_factory() as session:
        hidden = (await session.scalars(select(HiddenEmployer))).all()
    assert [(row.user_id, row.employer_id) for row in hidden] == [(OWNER, rec.employer_id)]


async def test_the_company_reason_is_stored_but_hides_nothing_until_confirmed(
    feedback: FeedbackService, session_factory: Sessions, python_recs: list[int]
) -> None:
    # The bot asks "Hide all vacancies from <employer>?" first; 🚫 Hide calls hide_employer.
    await feedback.rate(OWNER, python_recs[0], relevant=False)
    assert await feedback.set_reason(OWNER, python_recs[0], FeedbackReason.COMPANY)
    async with session_factory() as session:
        assert (await session.scalars(select(HiddenEmployer))).all() == []
        rec = await RecommendationRepository(session).get(OWNER, python_recs[0])
    assert rec is not None
    assert await feedback.employer_of(OWNER, python_recs[0]) == rec.employer_name
    assert await feedback.hide_employer(OWNER, python_recs[0]) == rec.employer_name
    async with session_factory() as session:
        hidden = (await session.scalars(select(HiddenEmployer))).all()
    assert [(row.user_id, row.employer_id) for row in hidden] == [(OWNER, rec.employer_id)]


async def test_feedback_returns_before_learning_runs(
    feedback: FeedbackService,
    learner: Learner,
    session_factory: Sessions,
    python_recs: list[int],
) -> None:
    await feedback.rate(OWNER, python_recs[0], True)

    assert learner.pending == 1
    async with session_factory() as session:
        assert (await PreferencesRepository(session).get(OWNER)).last_learned_at is None  # type: ignore[union-attr]
    await learner.drain()
    async with session_factory() as session:
        assert (await PreferencesRepository(session).get(OWNER)).last_learned_at == NOW  # type: ignore[union-attr]


@SQLITE_ONLY
async def test_a_burst_of_taps_coalesces_into_at_most_two_learning_runs(
    feedback: FeedbackService, learner: Learner, python_recs: list[int]
) -> None:
    runs: list[int] = []

    async def count_run(user_id: int) -> None:
        runs.append(user_id)

    learner.on_learned(count_run)
    for rec_id in python_recs:
        await feedback.rate(OWNER, rec_id, rec_id % 2 == 0)
    await learner.drain()

    assert 1 <= len(runs) <= 2
    assert set(runs) == {OWNER}


async def test_relearn_is_idempotent(
    feedback: FeedbackService, learner: Learner, python_recs: list[int]
) -> None:
    for rec_id in python_recs[:3]:
        await feedback.rate(OWNER, rec_id, True)
    for rec_id in python_recs[3:]:
        await feedback.rate(OWNER, rec_id, False)
        await feedback.set_reason(OWNER, rec_id, FeedbackReason.SKILLS)
    await learner.drain()

    first = await learner.relearn(OWNER)
    second = await learner.relearn(OWNER)

    assert first is not None and second is not None
    assert first.model_dump() == second.model_dump()  # no drift from re-learning


# ============================================================================ saved jobs


async def test_status_funnel_records_every_move(
    saved: SavedJobsService, session_factory: Sessions, python_recs: list[int]
) -> None:
    job = await saved.save(OWNER, python_recs[0])
    assert job is not None and job.status is SavedJobStatus.SAVED and job.card.saved
    assert job.next_statuses[0] is SavedJobStatus.APPLIED

    applied = await saved.set_status(OWNER, job.saved_id, SavedJobStatus.APPLIED)
    await saved.set_status(OWNER, job.saved_id, SavedJobStatus.INTERVIEW)
    hired = await saved.set_status(OWNER, job.saved_id, SavedJobStatus.HIRED)

    assert applied is not None and applied.applied_at == NOW
    assert hired is not None and hired.status is SavedJobStatus.HIRED and hired.next_statuses == ()
    assert await _moves(session_factory) == [
        (None, "saved"),
        ("saved", "applied"),
        ("applied", "interview"),
        ("interview", "hired"),
    ]


async def test_an_application_date_given_is_the_one_recorded(
    saved: SavedJobsService, python_recs: list[int]
) -> None:
    job = await saved.save(OWNER, python_recs[0])
    assert job is not None
    sent_on = datetime(2026, 11, 20, 9, 30)  # naive, as a form gives it: taken as UTC

    applied = await saved.set_status(OWNER, job.saved_id, SavedJobStatus.APPLIED, at=sent_on)

    assert applied is not None and applied.applied_at == sent_on.replace(tzinfo=UTC)


async def test_skipping_applied_still_records_the_application(
    saved: SavedJobsService, session_factory: Sessions, python_recs: list[int]
) -> None:
    job = await saved.save(OWNER, python_recs[0])
    assert job is not None

    moved = await saved.set_status(OWNER, job.saved_id, SavedJobStatus.INTERVIEW)

    assert moved is not None and moved.applied_at == NOW
    assert await _moves(session_factory) == [
        (None, "saved"),
        ("saved", "applied"),
        ("applied", "interview"),
    ]


@SQLITE_ONLY
async def test_a_move_the_funnel_does_not_allow_is_refused(
    saved: SavedJobsService, python_recs: list[int]
) -> None:
    job = await saved.save(OWNER, python_recs[0])
    assert job is not None
    await saved.set_status(OWNER, job.saved_id, SavedJobStatus.REJECTED)

    assert await saved.set_status(OWNER, job.saved_id, SavedJobStatus.APPLIED) is None
    assert await saved.set_status(OWNER, job.saved_id, SavedJobStatus.SAVED) is None
    same = await saved.set_status(OWNER, job.saved_id, SavedJobStatus.REJECTED)
    assert same is not None and same.status is SavedJobStatus.REJECTED


async def _moves(session_factory: Sessions) -> list[tuple[str | None, str]]:
    async with session_factory() as session:
        rows = await session.scalars(select(SavedJobStatusChange).order_by(SavedJobStatusChange.id))
        return [(row.from_status, row.to_status) for row in rows]


async def test_saving_twice_keeps_one_entry_and_list_filters_by_status(
    saved: SavedJobsService, python_recs: list[int]
) -> None:
    first = await saved.save(OWNER, python_recs[0])
    again = await saved.save(OWNER, python_recs[0])
    other = await saved.save(OWNER, python_recs[1])
    assert first is not None and again is not None and other is not None
    assert again.saved_id == first.saved_id
    await saved.set_status(OWNER, other.saved_id, SavedJobStatus.APPLIED)

    assert [job.saved_id for job in await saved.list(OWNER, SavedJobStatus.SAVED)] == [
        first.saved_id
    ]
    assert {job.saved_id for job in await saved.list(OWNER)} == {first.saved_id, other.saved_id}


@SQLITE_ONLY
async def test_notes_are_plain_text_of_at_most_the_notes_limit(
    saved: SavedJobsService, python_recs: list[int]
) -> None:
    job = await saved.save(OWNER, python_recs[0])
    assert job is not None

    long = await saved.set_notes(OWNER, job.saved_id, "<i>call HR</i>\x00\n" + "x" * 5000)
    cleared = await saved.set_notes(OWNER, job.saved_id, "   ")

    assert long is not None and long.notes is not None
    assert len(long.notes) == NOTES_LIMIT and long.notes.startswith("<i>call HR</i>\n")
    assert cleared is not None and cleared.notes is None


@SQLITE_ONLY
async def test_reminder_is_set_cancelled_and_past_times_refused(
    saved: SavedJobsService, python_recs: list[int]
) -> None:
    job = await saved.save(OWNER, python_recs[0])
    assert job is not None
    at = NOW + timedelta(days=2)

    set_ = await saved.set_reminder(OWNER, job.saved_id, at)
    past = await saved.set_reminder(OWNER, job.saved_id, NOW - timedelta(minutes=1))
    cancelled = await saved.set_reminder(OWNER, job.saved_id, None)

    assert set_ is not None and set_.reminder_at == at
    assert past is None
    assert cancelled is not None and cancelled.reminder_at is None


# ============================================================================ ownership

Call = Callable[[FeedbackService, SavedJobsService, Recommender, int, int], Awaitable[Any]]
FORGED_CALLS: dict[str, Call] = {
    "rate": lambda f, s, r, rec, job: f.rate(STRANGER, rec, True),
    "set_reason": lambda f, s, r, rec, job: f.set_reason(STRANGER, rec, FeedbackReason.SKILLS),
    "set_detail": lambda f, s, r, rec, job: f.set_detail(STRANGER, rec, rating=5),
    "set_detail_empty": lambda f, s, r, rec, job: f.set_detail(STRANGER, rec),
    "hide_employer": lambda f, s, r, rec, job: f.hide_employer(STRANGER, rec),
    "less_of_suggested": lambda f, s, r, rec, job: f.less_of_suggested(STRANGER, rec, 0),
    "save": lambda f, s, r, rec, job: s.save(STRANGER, rec),
    "get": lambda f, s, r, rec, job: s.get(STRANGER, job),
    "set_status": lambda f, s, r, rec, job: s.set_status(STRANGER, job, SavedJobStatus.APPLIED),
    "set_notes": lambda f, s, r, rec, job: s.set_notes(STRANGER, job, "mine now"),
    "set_reminder": lambda f, s, r, rec, job: s.set_reminder(
        STRANGER, job, NOW + timedelta(days=1)
    ),
    "details": lambda f, s, r, rec, job: r.details(STRANGER, rec),
}


@SQLITE_ONLY
@pytest.mark.parametrize("method", sorted(FORGED_CALLS))
async def test_another_users_record_is_refused(
    method: str,
    feedback: FeedbackService,
    saved: SavedJobsService,
    session_factory: Sessions,
    python_recs: list[int],
) -> None:
    job = await saved.save(OWNER, python_recs[0])
    assert job is not None
    # details() never reaches HH; the client points at a closed port to prove it.
    settings = load_settings(hh_api_base_url="http://127.0.0.1:9")
    async with HHClient.from_settings(settings) as hh:
        recommender = Recommender(hh, session_factory, settings, fixed_clock)
        result = await FORGED_CALLS[method](
            feedback, saved, recommender, python_recs[0], job.saved_id
        )

    assert result in (None, False)
    assert await count(session_factory, JobFeedback) == 0
    assert await count(session_factory, HiddenEmployer) == 0
    assert await count(session_factory, PreferenceEvent) == 0
    assert await count(session_factory, SavedJob) == 1
    assert await saved.list(STRANGER) == []
    unchanged = await saved.get(OWNER, job.saved_id)
    assert unchanged is not None and unchanged == job
