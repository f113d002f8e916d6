"""Recommendations: what each user has been shown, and the pages they browse."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.sql.elements import ColumnElement

from db.models import JobFeedback, JobRecommendation, SavedJob
from db.repositories._base import Repository

# Columns a caller may fill; id is generated and user_id comes from the argument.
RECOMMENDATION_FIELDS = frozenset(
    column.key
    for column in JobRecommendation.__table__.columns
    if column.key not in {"id", "user_id"}
)


def _complete_rows(user_id: int, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give every row the same keys (an executemany requires it), filling gaps with the
    column's default, and force ``user_id`` so one user's batch cannot land on another."""
    keys = {key for row in rows for key in row} - {"user_id"}
    unknown = keys - RECOMMENDATION_FIELDS
    if unknown:
        raise ValueError(f"Unknown recommendation field(s): {', '.join(sorted(unknown))}")
    table = JobRecommendation.__table__
    completed = []
    for row in rows:
        full = {key: row[key] if key in row else _default_of(table.c[key]) for key in keys}
        full["user_id"] = user_id
        completed.append(full)
    return completed


def _default_of(column: Any) -> Any:
    default = column.default
    if default is None:
        return None
    if default.is_callable:
        return default.arg(None)
    return default.arg


def _not_kept() -> ColumnElement[bool]:
    """Rows a clean-up must spare: the user saved them, or rated them (learning input)."""
    saved = exists().where(SavedJob.recommendation_id == JobRecommendation.id)
    rated = exists().where(JobFeedback.recommendation_id == JobRecommendation.id)
    return ~saved & ~rated


class RecommendationRepository(Repository):
    async def add_many(self, user_id: int, rows: Sequence[dict[str, Any]]) -> list[int]:
        """Insert new recommendations; a vacancy the user already has is skipped.

        Returns the ids of the rows actually inserted (order not guaranteed)."""
        if not rows:
            return []
        stmt = (
            self._insert(JobRecommendation)
            .on_conflict_do_nothing(
                index_elements=[JobRecommendation.user_id, JobRecommendation.vacancy_id]
            )
            .returning(JobRecommendation.id)
        )
        result = await self.session.execute(stmt, _complete_rows(user_id, rows))
        return list(result.scalars().all())

    async def seen_vacancy_ids(self, user_id: int) -> set[str]:
        stmt = select(JobRecommendation.vacancy_id).where(JobRecommendation.user_id == user_id)
        return set((await self.session.scalars(stmt)).all())

    async def shown_vacancy_ids(self, user_id: int) -> set[str]:
        """Vacancies the user was shown (or opened), not merely stored for the feed."""
        stmt = select(JobRecommendation.vacancy_id).where(
            JobRecommendation.user_id == user_id, JobRecommendation.shown_at.is_not(None)
        )
        return set((await self.session.scalars(stmt)).all())

    async def seen_content_hashes(self, user_id: int) -> set[str]:
        stmt = select(JobRecommendation.content_hash).where(
            JobRecommendation.user_id == user_id, JobRecommendation.content_hash.is_not(None)
        )
        return {value for value in (await self.session.scalars(stmt)).all() if value}

    async def get(self, user_id: int, rec_id: int) -> JobRecommendation | None:
        """The recommendation, or None if it does not exist or is someone else's."""
        stmt = select(JobRecommendation).where(
            JobRecommendation.id == rec_id, JobRecommendation.user_id == user_id
        )
        return await self.session.scalar(stmt)

    async def page(
        self, user_id: int, offset: int, limit: int, source: str | None = None
    ) -> tuple[list[JobRecommendation], int]:
        """One page by relevance (best first) and the total the pages are cut from."""
        criteria: list[ColumnElement[bool]] = [JobRecommendation.user_id == user_id]
        if source is not None:
            criteria.append(JobRecommendation.source == source)
        total = await self.session.scalar(
            select(func.count()).select_from(JobRecommendation).where(*criteria)
        )
        stmt = (
            select(JobRecommendation)
            .where(*criteria)
            # id breaks ties so a page boundary is stable between requests.
            .order_by(JobRecommendation.relevance_score.desc(), JobRecommendation.id.desc())
            .offset(offset)
            .limit(limit)
        )
        rows = list((await self.session.scalars(stmt)).all())
        return rows, int(total or 0)

    async def mark_shown(self, user_id: int, ids: Iterable[int], at: datetime) -> int:
        """Stamp the first time each recommendation was shown; later showings keep it."""
        ids = list(ids)
        if not ids:
            return 0
        stmt = (
            update(JobRecommendation)
            .where(
                JobRecommendation.user_id == user_id,
                JobRecommendation.id.in_(ids),
                JobRecommendation.shown_at.is_(None),
            )
            .values(shown_at=at)
            .execution_options(synchronize_session="fetch")
        )
        return await self._rows_changed(stmt)

    async def mark_details_opened(self, user_id: int, rec_id: int, at: datetime) -> bool:
        stmt = (
            update(JobRecommendation)
            .where(JobRecommendation.user_id == user_id, JobRecommendation.id == rec_id)
            .values(details_opened_at=at)
        )
        return await self._rows_changed(stmt) > 0

    async def prune(self, user_id: int, keep: int) -> int:
        """Delete the user's oldest recommendations beyond the newest ``keep``.

        Saved and rated rows survive (the shortlist and the learning history must not
        vanish). Returns how many rows were deleted."""
        newest = (
            select(JobRecommendation.id)
            .where(JobRecommendation.user_id == user_id)
            .order_by(JobRecommendation.created_at.desc(), JobRecommendation.id.desc())
            .limit(keep)
        )
        stmt = (
            delete(JobRecommendation)
            .where(
                JobRecommendation.user_id == user_id,
                JobRecommendation.id.not_in(newest),
                _not_kept(),
            )
            .execution_options(synchronize_session=False)
        )
        return await self._rows_changed(stmt)

    async def users_over_cap(self, cap: int) -> list[int]:
        """Users holding more than ``cap`` recommendations (candidates for ``prune``)."""
        stmt = (
            select(JobRecommendation.user_id)
            .group_by(JobRecommendation.user_id)
            .having(func.count() > cap)
            .order_by(JobRecommendation.user_id)
        )
        return list((await self.session.scalars(stmt)).all())

    async def count(self, user_id: int) -> int:
        stmt = select(func.count()).where(JobRecommendation.user_id == user_id)
        return int((await self.session.scalar(stmt)) or 0)

    async def delete_older_than(self, before: datetime) -> int:
        """Retention across all users: drop rows created before ``before`` that are
        neither saved nor rated."""
        stmt = (
            delete(JobRecommendation)
            .where(JobRecommendation.created_at < before, _not_kept())
            .execution_options(synchronize_session=False)
        )
        return await self._rows_changed(stmt)
