"""User preferences: rows ↔ the core.domain.preferences.UserPreferences domain object."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import exists, or_, select

from core.domain.preferences import SalaryExpectation, ScoreWeights, UserPreferences
from db.models import (
    AssessmentResult,
    JobFeedback,
    PreferenceEvent,
    UserJobPreferences,
    utcnow,
)
from db.repositories._base import Repository

# Domain fields stored in a column of the same name; salary and weights are flattened.
_NESTED = frozenset({"salary", "weights"})


def preferences_from_row(row: UserJobPreferences) -> UserPreferences:
    direct = {
        name: getattr(row, name) for name in UserPreferences.model_fields if name not in _NESTED
    }
    return UserPreferences(
        **direct,
        salary=SalaryExpectation(
            minimum=row.salary_min, maximum=row.salary_max, currency=row.salary_currency
        ),
        weights=ScoreWeights(
            skills=row.weight_skills, location=row.weight_location, salary=row.weight_salary
        ),
    )


def columns_from_preferences(prefs: UserPreferences) -> dict[str, Any]:
    values = prefs.model_dump(exclude=set(_NESTED))
    values.update(
        salary_min=prefs.salary.minimum,
        salary_max=prefs.salary.maximum,
        salary_currency=prefs.salary.currency,
        weight_skills=prefs.weights.skills,
        weight_location=prefs.weights.location,
        weight_salary=prefs.weights.salary,
    )
    return values


PREFERENCES_CHUNK = 500  # users per query: well under every database's parameter limit


class PreferencesRepository(Repository):
    async def get(self, user_id: int) -> UserPreferences | None:
        row = await self.session.scalar(
            select(UserJobPreferences).where(UserJobPreferences.user_id == user_id)
        )
        return preferences_from_row(row) if row is not None else None

    async def get_many(self, user_ids: Iterable[int]) -> dict[int, UserPreferences]:
        """{user id: preferences} of those among ``user_ids`` who have them, in one query
        per PREFERENCES_CHUNK users (the digest reads a whole tick's users this way)."""
        wanted = sorted(set(user_ids))
        found: dict[int, UserPreferences] = {}
        for start in range(0, len(wanted), PREFERENCES_CHUNK):
            stmt = select(UserJobPreferences).where(
                UserJobPreferences.user_id.in_(wanted[start : start + PREFERENCES_CHUNK])
            )
            for row in (await self.session.scalars(stmt)).all():
                found[row.user_id] = preferences_from_row(row)
        return found

    async def get_declared(self, user_id: int) -> UserPreferences | None:
        """What the user stated, before learning; None for rows saved without it."""
        declared = await self.session.scalar(
            select(UserJobPreferences.declared).where(UserJobPreferences.user_id == user_id)
        )
        return UserPreferences.model_validate(declared) if declared else None

    async def save(
        self, user_id: int, prefs: UserPreferences, *, declared: UserPreferences | None = None
    ) -> None:
        """Insert or replace the user's one preferences row.

        ``declared`` replaces the stored declared preferences; without it they stay."""
        values = columns_from_preferences(prefs)
        values["updated_at"] = utcnow()
        if declared is not None:
            values["declared"] = declared.model_dump(mode="json")
        stmt = self._insert(UserJobPreferences).values(user_id=user_id, **values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[UserJobPreferences.user_id],
            set_={name: stmt.excluded[name] for name in values},
        )
        await self.session.execute(stmt)
        # An ORM copy loaded earlier in this session would now be stale.
        for obj in list(self.session.identity_map.values()):
            if isinstance(obj, UserJobPreferences) and obj.user_id == user_id:
                self.session.expire(obj)

    async def list_stale(self, before: datetime) -> list[int]:
        """Users due a learning refresh: learned before ``before``, or never learned
        although they have given feedback."""
        has_feedback = exists().where(JobFeedback.user_id == UserJobPreferences.user_id)
        stmt = (
            select(UserJobPreferences.user_id)
            .where(
                or_(
                    UserJobPreferences.last_learned_at < before,
                    UserJobPreferences.last_learned_at.is_(None) & has_feedback,
                )
            )
            .order_by(UserJobPreferences.user_id)
        )
        return list((await self.session.scalars(stmt)).all())


class PreferenceEventRepository(Repository):
    async def add(
        self, user_id: int, kind: str, value: str | None = None, at: datetime | None = None
    ) -> PreferenceEvent:
        event = PreferenceEvent(user_id=user_id, kind=kind, value=value, created_at=at or utcnow())
        self.session.add(event)
        await self.session.flush()
        return event

    async def list(self, user_id: int) -> builtins.list[PreferenceEvent]:
        stmt = (
            select(PreferenceEvent)
            .where(PreferenceEvent.user_id == user_id)
            .order_by(PreferenceEvent.created_at, PreferenceEvent.id)
        )
        return [*(await self.session.scalars(stmt)).all()]


class AssessmentRepository(Repository):
    async def add(
        self,
        user_id: int,
        strengths: list[str],
        weaknesses: list[str],
        answers: dict[str, Any],
    ) -> AssessmentResult:
        result = AssessmentResult(
            user_id=user_id, strengths=strengths, weaknesses=weaknesses, answers=answers
        )
        self.session.add(result)
        await self.session.flush()
        return result

    async def latest(self, user_id: int) -> AssessmentResult | None:
        stmt = (
            select(AssessmentResult)
            .where(AssessmentResult.user_id == user_id)
            .order_by(AssessmentResult.created_at.desc(), AssessmentResult.id.desc())
            .limit(1)
        )
        return await self.session.scalar(stmt)
