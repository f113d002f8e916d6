"""Migration 0007 on a database made by the previous head (0006) with rows in it: each
person's profile becomes their search #1, with its learning intact; their stored
recommendations and digest claims are that search's."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from sqlalchemy import text

from core.domain.preferences import UserPreferences
from db.repositories import PreferencesRepository, SearchRepository
from db.session import create_engine, create_session_factory, is_sqlite, migrate
from tests.fixtures.db import reset_postgres

PREVIOUS_HEAD = "0006"
LEARNED_AT = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
DECLARED = UserPreferences(
    skills={"Python": 1.0, "Django": 0.8}, area_ids=["160"], job_titles=["Python developer"]
)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


async def _previous_head_with_rows(url: str) -> None:
    """Two people as 0004 stored them: one with a learned profile, a recommendation, a
    👍 and a digest claim; one who never finished onboarding (no profile)."""
    if not is_sqlite(url):
        await reset_postgres(url)
    await migrate(url, PREVIOUS_HEAD)
    engine = create_engine(url)
    now = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
    try:
        async with engine.begin() as conn:
            for user_id, onboarded in ((1, now), (2, None)):
                await conn.execute(
                    text(
                        "INSERT INTO users (id, language, timezone, digest_enabled, digest_time,"
                        " is_active, onboarding_completed_at, created_at)"
                        " VALUES (:id, 'ru', 'Asia/Almaty', :on, '08:30', :on, :done, :now)"
                    ),
                    {"id": user_id, "on": True, "done": onboarded, "now": now},
                )
            await conn.execute(
                text(
                    "INSERT INTO user_job_preferences (user_id, skills, preferred_skills,"
                    " avoided_skills, categories, area_ids, remote_ok, work_formats,"
                    " employment_forms, experience, salary_min, salary_currency, job_titles,"
                    " positive_keywords, negative_keywords, role_affinity, weight_skills,"
                    " weight_location, weight_salary, salary_is_floor, only_my_city,"
                    " exclude_applied, last_learned_at, declared, updated_at) VALUES"
                    " (1, :skills, '[]', '[]', '[\"programming\"]', '[\"160\"]', :t, '[]',"
                    " '[]', 'between1And3', 500000, 'KZT', :titles, :pos, :neg, :roles,"
                    " 0.5, 0.25, 0.25, :f, :t, :t, :learned, :declared, :now)"
                ),
                {
                    "skills": _json({"Python": 1.0, "Django": 0.8}),
                    "titles": _json(["Python-разработчик <senior>"]),
                    "pos": _json({"fastapi": 0.4}),
                    "neg": _json({"1с": -0.6}),
                    "roles": _json({"backend": 0.3}),
                    "t": True,
                    "f": False,
                    "learned": LEARNED_AT,
                    "declared": DECLARED.model_dump_json(),
                    "now": now,
                },
            )
            await conn.execute(
                text(
                    "INSERT INTO job_recommendations (id, user_id, vacancy_id, title,"
                    " skills_score, location_score, salary_score, relevance_score,"
                    " explanation, raw, source, created_at) VALUES"
                    " (7, 1, 'v1', 'Python developer', 0.9, 1, 1, 0.93, '{}', '{}',"
                    " 'recommendation', :now)"
                ),
                {"now": now},
            )
            await conn.execute(
                text(
                    "INSERT INTO job_feedback (user_id, recommendation_id, is_relevant,"
                    " created_at, updated_at) VALUES (1, 7, :t, :now, :now)"
                ),
                {"t": True, "now": now},
            )
            await conn.execute(
                text(
                    "INSERT INTO digest_deliveries (user_id, local_date, status, message_ids,"
                    " vacancy_count, created_at, header_sent) VALUES"
                    " (1, :day, 'sent', '[11, 12]', 1, :now, :t)"
                ),
                {"day": date(2026, 12, 6), "now": now, "t": True},
            )
    finally:
        await engine.dispose()


async def test_the_profile_becomes_search_one_with_its_learning_intact(db_url: str) -> None:
    await _previous_head_with_rows(db_url)

    await migrate(db_url)

    engine = create_engine(db_url)
    try:
        sessions = create_session_factory(engine)
        async with sessions() as session:
            [search] = await SearchRepository(session).list(1)
            assert await SearchRepository(session).list(2) == []  # no profile, no search
            found = await PreferencesRepository(session).get_with_search(1)
            declared = await PreferencesRepository(session).get_declared(1)
        async with engine.connect() as conn:
            rec_search = (
                await conn.execute(text("SELECT search_id FROM job_recommendations"))
            ).scalar_one()
            claims = (
                await conn.execute(text("SELECT search_id, status FROM digest_deliveries"))
            ).all()
    finally:
        await engine.dispose()

    assert (search.position, search.name, search.paused) == (
        0,
        "Python-разработчик <senior>",
        False,
    )
    assert (search.digest_mode, search.digest_time) == ("daily", None)  # the person's 08:30
    assert found is not None and found[0] == search.id
    prefs = found[1]
    assert prefs.positive_keywords == {"fastapi": 0.4}
    assert prefs.negative_keywords == {"1с": -0.6}
    assert prefs.role_affinity == {"backend": 0.3}
    assert (prefs.weights.skills, prefs.weights.location) == (0.5, 0.25)
    assert prefs.last_learned_at == LEARNED_AT
    assert prefs.experience == "between1And3" and prefs.salary.minimum == 500000
    assert declared == DECLARED
    assert rec_search == search.id
    assert [tuple(row) for row in claims] == [(search.id, "sent")]


async def test_after_the_migration_a_second_search_can_be_added(db_url: str) -> None:
    await _previous_head_with_rows(db_url)
    await migrate(db_url)

    engine = create_engine(db_url)
    try:
        async with create_session_factory(engine)() as session:
            repo = SearchRepository(session)
            second = await repo.add(1, "Second")
            await PreferencesRepository(session).save(1, DECLARED, search_id=second.id)
            await session.commit()
            assert [s.position for s in await repo.list(1)] == [0, 1]
            assert set(await PreferencesRepository(session).for_searches([second.id])) == {
                second.id
            }
    finally:
        await engine.dispose()
