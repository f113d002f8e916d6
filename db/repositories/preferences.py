"""User preferences: rows ↔ the core.domain.preferences.UserPreferences domain object."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, case, exists, or_, select

from core.domain.preferences import SalaryExpectation, ScoreWeights, UserPreferences
from core.domain.searches import name_from_titles
from db.models import (
    AssessmentResult,
    JobFeedback,
    PreferenceEvent,
    Search,
    User,
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

# The user's preferences rows, the active search's first: built once, as building and
# keying a statement costs more than SQLite running it (read on every page and relearn).
_ALL_OF_USER = (
    select(UserJobPreferences)
    .join(Search, Search.id == UserJobPreferences.search_id)
    .join(User, User.id == UserJobPreferences.user_id)
    .where(UserJobPreferences.user_id == bindparam("user_id"))
    .order_by(
        case((UserJobPreferences.search_id == User.active_search_id, 0), else_=1),
        Search.position,
        Search.id,
    )
)
_ACTIVE_OF_USER = _ALL_OF_USER.limit(1)
_SEARCH_OF_USER = _ALL_OF_USER.where(UserJobPreferences.search_id == bindparam("search_id")).limit(
    1
)


@dataclass(frozen=True, slots=True)
class SearchPreferences:
    """One search's stored preferences and what the user declared (None for rows saved
    before the declared preferences were kept apart)."""

    search_id: int
    preferences: UserPreferences
    declared: UserPreferences | None


class PreferencesRepository(Repository):
    """Each search's preferences row. Without a ``search_id`` a method works on the
    person's active search (the one last chosen, else the first)."""

    async def _row(self, user_id: int, search_id: int | None) -> UserJobPreferences | None:
        if search_id is None:
            return await self.session.scalar(_ACTIVE_OF_USER, {"user_id": user_id})
        return await self.session.scalar(
            _SEARCH_OF_USER, {"user_id": user_id, "search_id": search_id}
        )

    async def get_with_search(
        self, user_id: int, search_id: int | None = None
    ) -> tuple[int, UserPreferences] | None:
        """(search id, preferences) of the user's search (default: the active one)."""
        row = await self._row(user_id, search_id)
        return (row.search_id, preferences_from_row(row)) if row is not None else None

    async def all_of_user(self, user_id: int) -> builtins.list[SearchPreferences]:
        """Every search's preferences (with the declared ones) in one query, the active
        search's first."""
        rows = (await self.session.scalars(_ALL_OF_USER, {"user_id": user_id})).all()
        return [
            SearchPreferences(
                row.search_id,
                preferences_from_row(row),
                UserPreferences.model_validate(row.declared) if row.declared else None,
            )
            for row in rows
        ]

    async def get(self, user_id: int, search_id: int | None = None) -> UserPreferences | None:
        found = await self.get_with_search(user_id, search_id)
        return found[1] if found is not None else None

    async def get_many(self, user_ids: Iterable[int]) -> dict[int, UserPreferences]:
        """{user id: preferences of their first search} of those among ``user_ids`` who
        have them, in one query per PREFERENCES_CHUNK users."""
        wanted = sorted(set(user_ids))
        found: dict[int, UserPreferences] = {}
        for start in range(0, len(wanted), PREFERENCES_CHUNK):
            stmt = (
                select(UserJobPreferences)
                .join(Search, Search.id == UserJobPreferences.search_id)
                .where(UserJobPreferences.user_id.in_(wanted[start : start + PREFERENCES_CHUNK]))
                .order_by(Search.position.desc(), Search.id.desc())
            )
            for row in (await self.session.scalars(stmt)).all():
                found[row.user_id] = preferences_from_row(row)  # the first position last
        return found

    async def for_searches(self, search_ids: Iterable[int]) -> dict[int, UserPreferences]:
        """{search id: preferences}, in one query per PREFERENCES_CHUNK searches (the
        digest reads a whole tick's searches this way)."""
        wanted = sorted(set(search_ids))
        found: dict[int, UserPreferences] = {}
        for start in range(0, len(wanted), PREFERENCES_CHUNK):
            stmt = select(UserJobPreferences).where(
                UserJobPreferences.search_id.in_(wanted[start : start + PREFERENCES_CHUNK])
            )
            for row in (await self.session.scalars(stmt)).all():
                found[row.search_id] = preferences_from_row(row)
        return found

    async def get_declared(
        self, user_id: int, search_id: int | None = None
    ) -> UserPreferences | None:
        """What the user stated, before learning; None for rows saved without it."""
        row = await self._row(user_id, search_id)
        declared = row.declared if row is not None else None
        return UserPreferences.model_validate(declared) if declared else None

    async def save(
        self,
        user_id: int,
        prefs: UserPreferences,
        *,
        declared: UserPreferences | None = None,
        search_id: int | None = None,
    ) -> int:
        """Insert or replace the preferences of the user's search (default: the active
        one; a person with none gets their first, named after its first job title).
        Returns the search id.

        ``declared`` replaces the stored declared preferences; without it they stay."""
        if search_id is None:
            found = await self._row(user_id, None)
            if found is not None:
                search_id = found.search_id
            else:
                search_id = await self._first_search(user_id, prefs)
        values = columns_from_preferences(prefs)
        values["updated_at"] = utcnow()
        if declared is not None:
            values["declared"] = declared.model_dump(mode="json")
        stmt = self._insert(UserJobPreferences).values(
            user_id=user_id, search_id=search_id, **values
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[UserJobPreferences.search_id],
            set_={name: stmt.excluded[name] for name in values},
        )
        await self.session.execute(stmt)
        # An ORM copy loaded earlier in this session would now be stale.
        for obj in list(self.session.identity_map.values()):
            if isinstance(obj, UserJobPreferences) and obj.search_id == search_id:
                self.session.expire(obj)
        return search_id

    async def _first_search(self, user_id: int, prefs: UserPreferences) -> int:
        existing = await self.session.scalar(
            select(Search.id)
            .where(Search.user_id == user_id)
            .order_by(Search.position, Search.id)
            .limit(1)
        )
        if existing is not None:
            return int(existing)
        row = Search(user_id=user_id, name=name_from_titles(prefs.job_titles), position=0)
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def list_stale(self, before: datetime) -> list[int]:
        """Users due a learning refresh: learned before ``before``, or never learned
        although they have given feedback."""
        has_feedback = exists().where(JobFeedback.user_id == UserJobPreferences.user_id)
        stmt = (
            select(UserJobPreferences.user_id)
            .distinct()
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
