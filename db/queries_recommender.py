"""Queries the recommender, feedback, saved-jobs and analytics services need beyond the
shared repositories. Same style: the caller's session, flush never commit, and every
per-user query filters by ``user_id``."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, Select, Text, bindparam, cast, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import BindParameter, ColumnElement

from core.domain.feed import FeedEntry
from db.models import (
    HHCacheEntry,
    HiddenEmployer,
    JobFeedback,
    JobRecommendation,
    SavedJob,
    SavedJobStatusChange,
    Search,
    User,
)


async def cached_payloads(
    session: AsyncSession, keys: Sequence[str], now: datetime | None
) -> dict[str, Any]:
    """{key: payload} of the cache entries among ``keys``; only unexpired ones when
    ``now`` is given, expired ones too when it is None (the stale fallback)."""
    if not keys:
        return {}
    stmt = select(HHCacheEntry.key, HHCacheEntry.payload).where(HHCacheEntry.key.in_(keys))
    if now is not None:
        stmt = stmt.where(HHCacheEntry.expires_at > now)
    return {key: payload for key, payload in (await session.execute(stmt)).all()}


# --------------------------------------------------------------------------- recommendations

APPLIED_STATUSES: tuple[str, ...] = (
    "applied",
    "no_answer",
    "interview",
    "offer",
    "hired",
    "rejected",
)


def _hidden_employer() -> ColumnElement[bool]:
    return exists().where(
        HiddenEmployer.user_id == JobRecommendation.user_id,
        HiddenEmployer.employer_id == JobRecommendation.employer_id,
    )


def _applied() -> ColumnElement[bool]:
    return exists().where(
        SavedJob.recommendation_id == JobRecommendation.id,
        SavedJob.status.in_(APPLIED_STATUSES),
    )


def _not_interested() -> ColumnElement[bool]:
    """The vacancy was hidden one by one ("not interested"), on this or another of its
    recommendations (a feed shown again stores a vacancy anew)."""
    tapped = aliased(JobRecommendation)
    return (
        exists()
        .where(
            JobFeedback.user_id == JobRecommendation.user_id,
            JobFeedback.is_interested.is_(False),
            JobFeedback.recommendation_id == tapped.id,
            tapped.vacancy_id == JobRecommendation.vacancy_id,
        )
        .correlate(JobRecommendation)
    )


async def feed_index(
    session: AsyncSession,
    user_id: int,
    sources: Sequence[str],
    *,
    exclude_applied: bool,
    min_relevance: float = 0.0,
    search_id: int | None = None,
) -> list[FeedEntry]:
    """The user's browsable recommendations at or above ``min_relevance``, best first:
    light columns only, so the caller can cut pages in Python (at most
    MAX_RECOMMENDATIONS_PER_USER rows). ``search_id``: only that search's."""
    stmt = _feed_index_statement(tuple(sources), exclude_applied, search_id is not None)
    params: dict[str, Any] = {"user_id": user_id, "min_relevance": max(min_relevance, 0.0)}
    if search_id is not None:
        params["search_id"] = search_id
    rows = (await session.execute(stmt, params)).all()
    return [
        FeedEntry(rec_id, relevance, shown_at is not None) for rec_id, relevance, shown_at in rows
    ]


@functools.lru_cache(maxsize=32)
def _feed_index_statement(
    sources: tuple[str, ...], exclude_applied: bool, by_search: bool
) -> Select[int, float, datetime | None]:
    """:func:`feed_index`'s statement, built once per shape with bind parameters
    (user_id, min_relevance, search_id): it is run on every page, and building its
    sub-queries anew was most of what SQLAlchemy spent on a page (bench.updates)."""
    criteria = [
        JobRecommendation.user_id == bindparam("user_id"),
        JobRecommendation.source.in_(sources),
        JobRecommendation.relevance_score >= bindparam("min_relevance"),
        ~_hidden_employer(),
        ~_not_interested(),
        *(_of_search(bindparam("search_id", type_=Integer)) if by_search else []),
    ]
    if exclude_applied:
        criteria.append(~_applied())
    return (
        select(JobRecommendation.id, JobRecommendation.relevance_score, JobRecommendation.shown_at)
        .where(*criteria)
        .order_by(JobRecommendation.relevance_score.desc(), JobRecommendation.id.desc())
    )


def _of_search(search_id: int | BindParameter[int] | None) -> list[ColumnElement[bool]]:
    """Only the recommendations a search found (None: every search's). The person's
    first search also has those no search claims (stored before searches, or by a
    search since deleted): nothing stored drops out of every feed."""
    if search_id is None:
        return []
    first = (
        select(Search.id)
        .where(Search.user_id == JobRecommendation.user_id)
        .order_by(Search.position, Search.id)
        .limit(1)
        .scalar_subquery()
    )
    return [
        or_(
            JobRecommendation.search_id == search_id,
            JobRecommendation.search_id.is_(None) & (first == search_id),
        )
    ]


def _has_recommendations(of_search: bool) -> Select[bool]:
    search = bindparam("search_id", type_=Integer)
    return select(
        exists().where(
            JobRecommendation.user_id == bindparam("user_id"),
            JobRecommendation.source.in_(bindparam("sources", expanding=True)),
            *_of_search(search if of_search else None),
        )
    )


# Built once (asked on every page of the feed): building the statement and its cache key
# cost more than SQLite answering it.
_HAS_RECOMMENDATIONS = {False: _has_recommendations(False), True: _has_recommendations(True)}


async def has_recommendations(
    session: AsyncSession, user_id: int, sources: Sequence[str], search_id: int | None = None
) -> bool:
    stmt = _HAS_RECOMMENDATIONS[search_id is not None]
    params: dict[str, Any] = {"user_id": user_id, "sources": list(sources)}
    if search_id is not None:
        params["search_id"] = search_id
    return bool(await session.scalar(stmt, params))


async def recommendations_by_ids(
    session: AsyncSession, user_id: int, ids: Sequence[int]
) -> dict[int, JobRecommendation]:
    if not ids:
        return {}
    stmt = select(JobRecommendation).where(
        JobRecommendation.user_id == user_id, JobRecommendation.id.in_(ids)
    )
    return {row.id: row for row in (await session.scalars(stmt)).all()}


@dataclass(frozen=True, slots=True)
class CardRow:
    """A stored recommendation with what its card's buttons show."""

    row: JobRecommendation
    saved: bool
    vote: bool | None  # the user's 👍 (True) / 👎 (False), None without one


def _card_rows() -> Select[JobRecommendation, int, bool | None]:
    user_id = bindparam("user_id", type_=Integer)
    return (
        select(JobRecommendation, SavedJob.id, JobFeedback.is_relevant)
        .outerjoin(
            SavedJob,
            (SavedJob.recommendation_id == JobRecommendation.id) & (SavedJob.user_id == user_id),
        )
        .outerjoin(
            JobFeedback,
            (JobFeedback.recommendation_id == JobRecommendation.id)
            & (JobFeedback.user_id == user_id),
        )
        .where(
            JobRecommendation.user_id == user_id,
            JobRecommendation.id.in_(bindparam("ids", expanding=True)),
        )
    )


_CARD_ROWS = _card_rows()  # built once: every page of the feed and every details tap


async def card_rows_by_ids(
    session: AsyncSession, user_id: int, ids: Sequence[int]
) -> dict[int, CardRow]:
    """The user's recommendations ``ids`` with their saved flag and vote, in one
    statement (saved_jobs and job_feedback hold at most one row per recommendation)."""
    if not ids:
        return {}
    stmt = _CARD_ROWS
    rows = (await session.execute(stmt, {"user_id": user_id, "ids": list(ids)})).all()
    return {row.id: CardRow(row, saved_id is not None, vote) for row, saved_id, vote in rows}


async def recommendations_by_vacancy(
    session: AsyncSession, user_id: int, vacancy_ids: Sequence[str]
) -> dict[str, JobRecommendation]:
    if not vacancy_ids:
        return {}
    stmt = select(JobRecommendation).where(
        JobRecommendation.user_id == user_id, JobRecommendation.vacancy_id.in_(vacancy_ids)
    )
    return {row.vacancy_id: row for row in (await session.scalars(stmt)).all()}


async def recommendations_by_hash(
    session: AsyncSession, user_id: int, content_hashes: Sequence[str]
) -> dict[str, JobRecommendation]:
    """The user's recommendation for each content hash (the oldest one if several)."""
    if not content_hashes:
        return {}
    stmt = (
        select(JobRecommendation)
        .where(
            JobRecommendation.user_id == user_id,
            JobRecommendation.content_hash.in_(content_hashes),
        )
        .order_by(JobRecommendation.id.desc())
    )
    # Newest first, so the oldest row of a hash is the one left in the dict.
    return {
        row.content_hash: row for row in (await session.scalars(stmt)).all() if row.content_hash
    }


async def not_interested_vacancy_ids(session: AsyncSession, user_id: int) -> set[str]:
    """Vacancies the person hid one by one ("not interested")."""
    stmt = (
        select(JobRecommendation.vacancy_id)
        .join(JobFeedback, JobFeedback.recommendation_id == JobRecommendation.id)
        .where(JobFeedback.user_id == user_id, JobFeedback.is_interested.is_(False))
    )
    return set((await session.scalars(stmt)).all())


async def applied_vacancy_ids(session: AsyncSession, user_id: int) -> set[str]:
    """Vacancies the user has applied to (or gone further with), from the shortlist."""
    stmt = (
        select(JobRecommendation.vacancy_id)
        .join(SavedJob, SavedJob.recommendation_id == JobRecommendation.id)
        .where(SavedJob.user_id == user_id, SavedJob.status.in_(APPLIED_STATUSES))
    )
    return set((await session.scalars(stmt)).all())


SCORE_COLUMNS: tuple[str, ...] = (
    "skills_score",
    "location_score",
    "salary_score",
    "relevance_score",
    "explanation",
)


def _raw_json() -> ColumnElement[str]:
    """The stored HH JSON as text: callers parse (and cache) it themselves, instead of
    every read decoding every row's JSON again."""
    return cast(JobRecommendation.raw, Text)


@dataclass(frozen=True, slots=True)
class StoredScore:
    """What re-scoring reads: the row, its raw HH JSON text and its current scores."""

    id: int
    raw_json: str | None
    columns: dict[str, Any]


async def scoring_inputs(
    session: AsyncSession, user_id: int, search_id: int | None = None
) -> list[StoredScore]:
    """Every stored recommendation of the user (of that search) with its SCORE_COLUMNS."""
    stmt = select(
        JobRecommendation.id, _raw_json(), *(getattr(JobRecommendation, c) for c in SCORE_COLUMNS)
    ).where(JobRecommendation.user_id == user_id, *_of_search(search_id))
    return [
        StoredScore(rec_id, raw_json, dict(zip(SCORE_COLUMNS, scores, strict=True)))
        for rec_id, raw_json, *scores in (await session.execute(stmt)).all()
    ]


def same_scores(stored: dict[str, Any], new: dict[str, Any]) -> bool:
    """Whether writing ``new`` SCORE_COLUMNS would leave the row as it is (the explanation
    compared as it comes back from the JSON column)."""
    return all(stored[name] == new[name] for name in SCORE_COLUMNS if name != "explanation") and (
        stored["explanation"] == json.loads(json.dumps(new["explanation"]))
    )


async def update_scores(
    session: AsyncSession, user_id: int, rows: Sequence[dict[str, Any]]
) -> None:
    """Write new scores in one executemany; each row has ``id`` plus SCORE_COLUMNS. The
    ids came from :func:`scoring_inputs`, and the WHERE re-checks the owner anyway."""
    if not rows:
        return
    # A Core UPDATE on the table (an ORM one would switch to bulk-by-primary-key mode);
    # bind names differ from the column names, which SQLAlchemy reserves for SET. The Table
    # comes from the metadata: a model's __table__ is typed as any FromClause.
    table = JobRecommendation.metadata.tables[JobRecommendation.__tablename__]
    stmt = (
        update(table)
        .where(table.c.id == bindparam("b_id"), table.c.user_id == user_id)
        .values({name: bindparam(f"b_{name}") for name in SCORE_COLUMNS})
    )
    params = [
        {"b_id": row["id"], **{f"b_{name}": row[name] for name in SCORE_COLUMNS}} for row in rows
    ]
    await session.execute(stmt, params)


async def unshown_candidates(
    session: AsyncSession,
    user_id: int,
    sources: Sequence[str],
    min_relevance: float,
    limit: int,
    search_id: int | None = None,
) -> list[JobRecommendation]:
    """Stored, never-shown, not hidden or applied recommendations above a relevance bar."""
    stmt = (
        select(JobRecommendation)
        .where(
            JobRecommendation.user_id == user_id,
            JobRecommendation.source.in_(sources),
            JobRecommendation.shown_at.is_(None),
            JobRecommendation.relevance_score >= min_relevance,
            ~_hidden_employer(),
            ~_applied(),
            *_of_search(search_id),
        )
        .order_by(JobRecommendation.relevance_score.desc(), JobRecommendation.id.desc())
        .limit(limit)
    )
    return list((await session.scalars(stmt)).all())


async def shown_unrated(
    session: AsyncSession, user_id: int, limit: int, search_id: int | None = None
) -> list[tuple[str | None, datetime]]:
    """(raw HH JSON text, shown at) of the latest recommendations the user saw but did not
    rate: the background against which learning judges what likes have in common."""
    rated = exists().where(JobFeedback.recommendation_id == JobRecommendation.id)
    stmt = (
        select(_raw_json(), JobRecommendation.shown_at)
        .where(
            JobRecommendation.user_id == user_id,
            JobRecommendation.shown_at.is_not(None),
            ~rated,
            *_of_search(search_id),
        )
        .order_by(JobRecommendation.shown_at.desc(), JobRecommendation.id.desc())
        .limit(limit)
    )
    rows = (await session.execute(stmt)).all()
    # The WHERE already keeps shown rows only; the check tells the type checker so too.
    return [(raw, shown_at) for raw, shown_at in rows if shown_at is not None]


async def rated_history(
    session: AsyncSession, user_id: int, search_id: int | None = None
) -> list[tuple[JobFeedback, str | None]]:
    """All of the user's feedback with the raw HH JSON text of the vacancy it was about,
    oldest first (without decoding every row's JSON)."""
    stmt = (
        select(JobFeedback, _raw_json())
        .join(JobRecommendation, JobRecommendation.id == JobFeedback.recommendation_id)
        .where(JobFeedback.user_id == user_id, *_of_search(search_id))
        .order_by(JobFeedback.updated_at, JobFeedback.id)
    )
    return [(feedback, raw) for feedback, raw in (await session.execute(stmt)).all()]


# --------------------------------------------------------------------------- analytics
# ``user_id=None`` means every user: the admins' anonymised totals (counts only).


def _for_user(column: Any, user_id: int | None) -> list[ColumnElement[bool]]:
    return [] if user_id is None else [column == user_id]


async def feedback_counts(session: AsyncSession, user_id: int | None) -> tuple[int, int]:
    """(👍 count, rated count) over feedback with a thumbs value."""
    positive = func.count().filter(JobFeedback.is_relevant.is_(True))
    stmt = select(positive, func.count()).where(
        JobFeedback.is_relevant.is_not(None), *_for_user(JobFeedback.user_id, user_id)
    )
    liked, rated = (await session.execute(stmt)).one()
    return int(liked or 0), int(rated or 0)


async def recommendation_counts(session: AsyncSession, user_id: int | None) -> tuple[int, int, int]:
    """(stored, shown, details opened) recommendations."""
    stmt = select(
        func.count(),
        func.count(JobRecommendation.shown_at),
        func.count(JobRecommendation.details_opened_at),
    ).where(*_for_user(JobRecommendation.user_id, user_id))
    stored, shown, opened = (await session.execute(stmt)).one()
    return int(stored or 0), int(shown or 0), int(opened or 0)


async def funnel_counts(session: AsyncSession, user_id: int | None) -> dict[str, int]:
    """{status: saved jobs that ever reached it}, from the recorded status changes."""
    stmt = (
        select(
            SavedJobStatusChange.to_status,
            func.count(func.distinct(SavedJobStatusChange.saved_job_id)),
        )
        .where(*_for_user(SavedJobStatusChange.user_id, user_id))
        .group_by(SavedJobStatusChange.to_status)
    )
    return {status: int(count) for status, count in (await session.execute(stmt)).all()}


async def saved_job_count(session: AsyncSession, user_id: int | None) -> int:
    stmt = select(func.count()).select_from(SavedJob).where(*_for_user(SavedJob.user_id, user_id))
    return int((await session.scalar(stmt)) or 0)


async def key_skill_lists(session: AsyncSession, user_id: int) -> list[Any]:
    """The ``key_skills`` of every vacancy stored for the user (raw HH JSON)."""
    stmt = select(JobRecommendation.raw).where(JobRecommendation.user_id == user_id)
    return [(raw or {}).get("key_skills") for raw in (await session.scalars(stmt)).all()]


async def user_counts(session: AsyncSession, active_since: datetime) -> tuple[int, int, int]:
    """(users, active users: not blocked and seen since ``active_since``, onboarded)."""
    active = func.count().filter(User.is_active.is_(True), User.last_seen_at >= active_since)
    onboarded = func.count(User.onboarding_completed_at)
    users, active_count, onboarded_count = (
        await session.execute(select(func.count(), active, onboarded).select_from(User))
    ).one()
    return int(users or 0), int(active_count or 0), int(onboarded_count or 0)
