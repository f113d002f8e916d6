"""Feedback on recommendations: one row per (user, recommendation), updated by new taps."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from sqlalchemy import exists, select, update

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


class HiddenVacancy(NamedTuple):
    recommendation_id: int
    title: str
    employer_name: str | None


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
        await self.record(user_id, recommendation_id, **fields)
        return await self.get(user_id, recommendation_id)

    async def record(self, user_id: int, recommendation_id: int, **fields: Any) -> None:
        """:meth:`upsert` for a caller that has read the recommendation as this user's
        already: the write alone, no ownership check and no read back."""
        check_fields(fields, FEEDBACK_FIELDS, "feedback")
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

    async def hidden_vacancies(self, user_id: int) -> list[HiddenVacancy]:
        """Vacancies this user hid one by one ("not for me"), the latest first, each once
        (a feed shown again stores a vacancy anew)."""
        stmt = (
            select(
                JobRecommendation.id,
                JobRecommendation.title,
                JobRecommendation.employer_name,
                JobRecommendation.vacancy_id,
            )
            .join(JobFeedback, JobFeedback.recommendation_id == JobRecommendation.id)
            .where(JobFeedback.user_id == user_id, JobFeedback.is_interested.is_(False))
            .order_by(JobFeedback.updated_at.desc(), JobRecommendation.id.desc())
        )
        seen: set[str] = set()
        shown: list[HiddenVacancy] = []
        for rec_id, title, employer, vacancy_id in (await self.session.execute(stmt)).all():
            if vacancy_id not in seen:
                seen.add(vacancy_id)
                shown.append(HiddenVacancy(rec_id, title, employer))
        return shown

    async def unhide_vacancy(self, user_id: int, rec_id: int) -> str | None:
        """Offer the vacancy of recommendation ``rec_id`` again (every stored copy of it);
        its title, or None when it is not this user's or not hidden."""
        rec = await self.session.scalar(
            select(JobRecommendation).where(
                JobRecommendation.id == rec_id, JobRecommendation.user_id == user_id
            )
        )
        if rec is None:
            return None
        copies = select(JobRecommendation.id).where(
            JobRecommendation.user_id == user_id, JobRecommendation.vacancy_id == rec.vacancy_id
        )
        stmt = (
            update(JobFeedback)
            .where(
                JobFeedback.user_id == user_id,
                JobFeedback.is_interested.is_(False),
                JobFeedback.recommendation_id.in_(copies),
            )
            .values(is_interested=None, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        return rec.title if await self._rows_changed(stmt) > 0 else None
