"""Feedback on recommendations: one row per (user, recommendation), updated by new taps."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import exists, select

from db.models import JobFeedback, JobRecommendation, utcnow
from db.repositories._base import Repository, check_fields

FEEDBACK_FIELDS = frozenset(
    {
        "is_relevant",
        "is_interested",
        "score",
        "reason",
        "skill_feedback",
        "location_feedback",
        "salary_feedback",
        "notes",
    }
)


class FeedbackRepository(Repository):
    async def upsert(
        self, user_id: int, recommendation_id: int, **fields: Any
    ) -> JobFeedback | None:
        """Record a tap; a later tap on the same card updates only the given fields.

        None if the recommendation is not this user's (ids come from callback data,
        which a client can forge)."""
        check_fields(fields, FEEDBACK_FIELDS, "feedback")
        owned = await self.session.scalar(
            select(
                exists().where(
                    JobRecommendation.id == recommendation_id,
                    JobRecommendation.user_id == user_id,
                )
            )
        )
        if not owned:
            return None
        now = utcnow()
        stmt = self._insert(JobFeedback).values(
            user_id=user_id,
            recommendation_id=recommendation_id,
            created_at=now,
            updated_at=now,
            **fields,
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[JobFeedback.user_id, JobFeedback.recommendation_id],
            set_={name: stmt.excluded[name] for name in [*fields, "updated_at"]},
        )
        await self.session.execute(stmt)
        return await self.get(user_id, recommendation_id)

    async def get(self, user_id: int, rec_id: int) -> JobFeedback | None:
        stmt = (
            select(JobFeedback)
            .where(JobFeedback.user_id == user_id, JobFeedback.recommendation_id == rec_id)
            # Upserts bypass the ORM: refresh a copy the identity map may already hold.
            .execution_options(populate_existing=True)
        )
        return await self.session.scalar(stmt)

    async def flags_for(self, user_id: int, rec_ids: Iterable[int]) -> dict[int, bool | None]:
        """{recommendation id: is_relevant} for the cards on a page that have feedback."""
        ids = list(rec_ids)
        if not ids:
            return {}
        stmt = select(JobFeedback.recommendation_id, JobFeedback.is_relevant).where(
            JobFeedback.user_id == user_id, JobFeedback.recommendation_id.in_(ids)
        )
        return {rec_id: flag for rec_id, flag in (await self.session.execute(stmt)).all()}
